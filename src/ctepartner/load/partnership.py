"""Load one partnership directory: every file of FORMAT.md, parsed, validated and located."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ctepartner.load.journal import pending
from ctepartner.load.source import Unreadable, read_source
from ctepartner.load.validate import Located, validate_file
from ctepartner.load.yamlfile import Problem, YamlMap, YamlSeq, locate, parse
from ctepartner.model.base import Loc, Node
from ctepartner.model.files import (
    FILE_MODELS,
    ActionPlanFile,
    CommunicationsFile,
    FileName,
    MetricsFile,
    PartnershipFile,
    RecruitmentFile,
    RolesFile,
    Stakeholder,
    StakeholdersFile,
    SurveyFile,
)

MAIN = FileName.PARTNERSHIP
M = TypeVar("M", bound=Node)

# Where each kind of id-carrying item lives: the file and the key path of its list.
ID_LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "protocol": (MAIN, ("protocols",)),
    "goal": (MAIN, ("goals",)),
    "profile": (FileName.RECRUITMENT, ("profiles",)),
    "step": (FileName.RECRUITMENT, ("plan", "steps")),
    "stakeholder": (FileName.STAKEHOLDERS, ("stakeholders",)),
    "role": (FileName.ROLES, ("roles",)),
    "plan": (FileName.COMMUNICATIONS, ("plan",)),
    "metric": (FileName.METRICS, ("metrics",)),
    "activity": (FileName.ACTION_PLAN, ("activities",)),
    "question": (FileName.SURVEY, ("questions",)),
    "wave": (FileName.SURVEY, ("waves",)),
}


@dataclass(frozen=True)
class Spot:
    """A place in a file that a finding points at (1-based line and column)."""

    path: Path
    line: int
    column: int


@dataclass
class Source:
    """One file of the partnership: its raw data with positions, if it could be read."""

    kind: str
    path: Path
    data: YamlMap | None

    @property
    def readable(self) -> bool:
        return self.data is not None


@dataclass
class Partnership:
    """Everything the rules look at: the validated models, and where each node stands."""

    directory: Path
    sources: dict[str, Source]
    problems: list[tuple[Spot, Problem]] = field(default_factory=list)
    models: dict[str, Node] = field(default_factory=dict)
    located: Located = field(default_factory=dict)
    _ids: dict[str, set[str] | None] = field(default_factory=dict, repr=False)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)  # what rules compute once

    @property
    def about(self) -> PartnershipFile | None:
        return self._model(MAIN, PartnershipFile)

    @property
    def recruitment(self) -> RecruitmentFile | None:
        return self._model(FileName.RECRUITMENT, RecruitmentFile)

    @property
    def roster(self) -> StakeholdersFile | None:
        return self._model(FileName.STAKEHOLDERS, StakeholdersFile)

    @property
    def stakeholders(self) -> list[Stakeholder]:
        """The valid stakeholders, or none when stakeholders.yaml is absent or unreadable."""
        roster = self.roster
        return roster.stakeholders if roster else []

    @property
    def roles(self) -> RolesFile | None:
        return self._model(FileName.ROLES, RolesFile)

    @property
    def communications(self) -> CommunicationsFile | None:
        return self._model(FileName.COMMUNICATIONS, CommunicationsFile)

    @property
    def metrics(self) -> MetricsFile | None:
        return self._model(FileName.METRICS, MetricsFile)

    @property
    def action_plan(self) -> ActionPlanFile | None:
        return self._model(FileName.ACTION_PLAN, ActionPlanFile)

    @property
    def survey(self) -> SurveyFile | None:
        return self._model(FileName.SURVEY, SurveyFile)

    def _model(self, kind: str, model_cls: type[M]) -> M | None:
        model = self.models.get(kind)
        return model if isinstance(model, model_cls) else None

    @property
    def id(self) -> str:
        about = self.about
        return (about.id if about else None) or self.directory.name

    @property
    def name(self) -> str:
        about = self.about
        return (about.name if about else None) or self.directory.name

    def spot(self, node: Node, *sub: str | int) -> Spot:
        """Where `node` (a file, a list item or a top-level mapping) or `sub` inside it stands."""
        kind, loc = self.located[id(node)]
        return self.spot_in(kind, *loc, *sub)

    def spot_in(self, kind: str, *loc: str | int) -> Spot:
        """Where `loc` stands in file `kind`; partnership.yaml line 1 for an absent file."""
        source = self.sources[kind]
        if source.data is None:
            return self.top()
        return Spot(source.path, *locate(source.data, loc))

    def top(self) -> Spot:
        """partnership.yaml, line 1: where findings about absent things point."""
        return Spot(self.sources[MAIN].path, 1, 1)

    def raw_ids(self, kind: str) -> list[tuple[str, Loc]] | None:
        """Every id of one kind as written, valid item or not; None if its file is unreadable."""
        file, path = ID_LISTS[kind]
        node: Any = self.sources[file].data
        if node is None:
            return None
        for step in path:
            node = node.get(step) if isinstance(node, YamlMap) else None
        if not isinstance(node, YamlSeq):
            return []
        return [
            (item["id"], (*path, index, "id"))
            for index, item in enumerate(node)
            if isinstance(item, YamlMap) and isinstance(item.get("id"), str)
        ]

    def ids(self, kind: str) -> set[str] | None:
        """The ids of one kind that references may point to; None: do not check references."""
        if kind not in self._ids:
            found = self.raw_ids(kind)
            self._ids[kind] = None if found is None else {item_id for item_id, _ in found}
        return self._ids[kind]


def load(directory: Path, *, validate: bool = True) -> Partnership:
    """Read and validate every file of the partnership in `directory`. Without `validate`,
    only the files' data is read (for the workbook, which compares cells with the data and
    leaves checking to the write)."""
    partnership = Partnership(directory, {})
    staged = pending(directory)  # an interrupted change, read as it will land
    for kind in FILE_MODELS:
        path = directory / kind
        try:
            raw = read_source(staged.get(kind, path), directory)
        except Unreadable as error:
            raw = None
            partnership.problems.append((Spot(path, 1, 1), Problem("CP001", str(error), 1, 1)))
        _read_into(partnership, kind, raw, validate)
    return partnership


def with_changes(before: Partnership, changes: dict[str, str]) -> Partnership:
    """The partnership as it would be with some files' text changed (what an edit would
    write, checked before it is written): only the changed files are parsed and validated
    again; every other file is shared with `before`, as it was loaded."""
    paths = {before.directory / kind for kind in changes}
    after = Partnership(before.directory, dict(before.sources),
                        [(spot, problem) for spot, problem in before.problems
                         if spot.path not in paths],
                        {kind: model for kind, model in before.models.items()
                         if kind not in changes}, dict(before.located))
    for kind, text in changes.items():
        _read_into(after, kind, text.encode("utf-8"), validate=True)
    return after


def _read_into(partnership: Partnership, kind: str, raw: bytes | None, validate: bool) -> None:
    """Parse (and validate) one file's bytes into the partnership; None: the file is absent."""
    path = partnership.directory / kind
    if raw is None:
        partnership.sources[kind] = Source(kind, path, None)
        return
    parsed = parse(path, raw)
    partnership.sources[kind] = Source(kind, path, parsed.data)
    problems = parsed.problems
    if parsed.data is not None and validate:
        model, invalid = validate_file(kind, parsed.data, partnership.located)
        partnership.models[kind] = model
        problems = [*problems, *invalid]
    partnership.problems += [
        (Spot(path, problem.line, problem.column), problem) for problem in problems
    ]
