"""`--since GIT-REV`: the partnership as it was at a revision, and what changed since."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from ctepartner.assess.engine import Assessment
from ctepartner.errors import UserError
from ctepartner.load.partnership import Partnership, load
from ctepartner.model.files import FILE_MODELS, ActivityStatus
from ctepartner.render.views import Change


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              check=False, timeout=60)
    except FileNotFoundError:
        raise UserError("--since needs git, and git is not installed") from None


def load_at(directory: Path, revision: str) -> Partnership:
    """Load the partnership's files as they were at `revision` (real git, no checkout)."""
    top = _git(directory, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise UserError(f"--since: {directory} is not in a git repository")
    root = Path(top.stdout.decode().strip())
    if _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode:
        raise UserError(f"--since {revision!r}: no such git revision")
    relative = directory.resolve().relative_to(root.resolve()).as_posix()
    with tempfile.TemporaryDirectory(prefix="ctepartner-since-") as scratch:
        folder = Path(scratch) / (directory.resolve().name or "partnership")
        folder.mkdir()
        for kind in FILE_MODELS:
            name = f"{relative}/{kind}" if relative != "." else kind
            shown = _git(root, "show", f"{revision}:{name}")
            if shown.returncode == 0:
                (folder / kind).write_bytes(shown.stdout)
        return load(folder)


def changes(before: Partnership, after: Partnership, scores: tuple[Assessment, Assessment]
            ) -> list[Change]:
    """What changed: stakeholders added or moved, new metric values, activities completed,
    updates sent, element scores."""
    found: list[Change] = []
    old = {s.id: s for s in (before.roster.stakeholders if before.roster else [])}
    for s in after.roster.stakeholders if after.roster else []:
        if s.id not in old:
            found.append(Change("stakeholder", f"{s.organization} joined as {s.status.value}"))
        elif old[s.id].status != s.status:
            found.append(Change("stakeholder", f"{s.organization} moved from "
                                f"{old[s.id].status.value} to {s.status.value}"))
    seen = {(m.id, o.date) for m in (before.metrics.metrics if before.metrics else [])
            for o in m.observations}
    for m in after.metrics.metrics if after.metrics else []:
        for o in m.observations:
            if (m.id, o.date) not in seen:
                found.append(Change("metric", f"{m.name or m.id}: {o.value:g} on "
                                    f"{o.date.isoformat()}"))
    done_before = {a.id for a in (before.action_plan.activities if before.action_plan else [])
                   if a.status == ActivityStatus.DONE}
    for a in after.action_plan.activities if after.action_plan else []:
        if a.status == ActivityStatus.DONE and a.id not in done_before:
            found.append(Change("activity", f"{a.title or a.id} was completed"))
    sent = {(e.date, e.plan, e.summary) for e in
            (before.communications.log if before.communications else [])}
    for e in after.communications.log if after.communications else []:
        if (e.date, e.plan, e.summary) not in sent:
            found.append(Change("update", f"{e.date.isoformat()}: {e.summary or e.plan}"))
    then, now = scores
    for old_element, new_element in zip(then.elements, now.elements, strict=True):
        if old_element.score != new_element.score:
            found.append(Change("score", f"{new_element.number} {new_element.name}: "
                                f"{old_element.score} → {new_element.score}"))
    return found
