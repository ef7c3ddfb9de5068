"""The portfolio from the partnerships' summaries, and the shard parts that carry them.

One run and a merge of shards build the portfolio from the same summaries, sorted by path,
by the same function: the merged portfolio is the one-run portfolio, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import tempfile
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TextIO

from pydantic import Field
from typing_extensions import TypedDict

from ctepartner import __version__
from ctepartner.assess.finding import ELEMENTS
from ctepartner.domain import PERKINS_CODES
from ctepartner.errors import UserError
from ctepartner.language import long_date, number
from ctepartner.model.files import PerkinsGroup, Unit
from ctepartner.portfolio.summary import Organization, Summary, org_name_key
from ctepartner.render.views import dated, with_unit
from ctepartner.survey.scoring import shade
from ctepartner.words import signed, title, words

PART_FORMAT = "ctepartner-portfolio-part"
PART_VERSION = 2  # the part format; a change to it is a new version (docs/portfolio.md)
HIGH, MID = 85, 55  # heat map: a score from HIGH is green, from MID amber, else red
SCORE_MEANS = ("A score measures how completely a partnership's files keep the playbook's "
               "seven elements, not how its partners experience it; beside it, Survey is the "
               "partners' own mean in their latest survey, from 1 (strongly disagree) to 5 "
               "(strongly agree).")


def _shade(score: int | None) -> str:
    if score is None:
        return "blank"
    return "high" if score >= HIGH else "mid" if score >= MID else "low"


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


_BUCKETS = 16  # passes over the names' hashes when looking for the repeated ones
_BUCKET_SHIFT = 64 - 4  # the top four bits of a 64-bit hash choose its pass


class _Organisations:
    """Organisations in more than one partnership, found in two passes so that memory does
    not grow with every stakeholder of every partnership: the first keeps an 8-byte hash of
    each name (and links names that share an `org_id`) and spills the entries to a
    temporary file; the second reads back only the entries whose name came up in two
    partnerships. The same `org_id`, or the same name but for case, punctuation and a
    trailing Inc/LLC/Co, make one organisation."""

    def __init__(self, spill: TextIO) -> None:
        self.hashes = array("Q")
        self.owners = array("I")  # partnerships are counted in thousands
        self.parent: dict[int, int] = {}  # names and ids linked by an org_id
        self.spill = spill

    def _find(self, key: int) -> int:
        while self.parent.setdefault(key, key) != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def add(self, index: int, organizations: list[Organization]) -> None:
        for org in organizations:
            name = _hash("name:" + org_name_key(org["name"]))
            org_id = org["org_id"]
            if org_id:
                self.parent[self._find(_hash("id:" + org_id))] = self._find(name)
            self.hashes.append(name)
            self.owners.append(index)
        self.spill.write(json.dumps(organizations, ensure_ascii=False) + "\n")

    def shared(self, names: list[str]) -> list[dict[str, Any]]:
        def group(key: int) -> int:
            return self._find(key) if key in self.parent else key

        repeated: set[int] = set()
        for bucket in range(_BUCKETS):  # a sixteenth of the names at a time, so memory stays
            ordered = sorted(key for key in map(group, self.hashes)  # flat at any count
                             if key >> _BUCKET_SHIFT == bucket)
            repeated.update(a for a, b in itertools.pairwise(ordered) if a == b)
        seen: dict[int, set[int]] = {}
        for key, owner in zip(self.hashes, self.owners, strict=True):
            if group(key) in repeated:
                seen.setdefault(group(key), set()).add(owner)
        wanted = {key for key, owners in seen.items() if len(owners) > 1}
        members: dict[int, list[tuple[int, str, float]]] = defaultdict(list)
        self.spill.seek(0)
        for index, line in enumerate(self.spill):
            for org in json.loads(line):
                key = group(_hash("name:" + org_name_key(org["name"])))
                if key in wanted:
                    members[key].append((index, org["name"], org["hours"]))
        found = []
        for entries in members.values():
            counts = Counter(name for _, name, _ in entries)
            shown = min(counts, key=lambda name: (-counts[name], name))
            found.append({
                "organization": shown,
                "also_written": sorted(set(counts) - {shown}),
                "partnerships": [names[index] for index in sorted({i for i, _, _ in entries})],
                "hours_per_month": round(sum(hours for _, _, hours in entries), 2),
            })
        return sorted(found, key=lambda org: (-org["hours_per_month"], org["organization"]))


def portfolio(summaries: Iterable[Summary], as_of: str, since: str | None
              ) -> dict[str, Any]:
    """The portfolio as plain data: what the JSON says and the HTML and Markdown show.
    `summaries` come in path order and are read once, as they stream in."""
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spill:
        organisations = _Organisations(spill)
        rows, perkins, survey = _read(summaries, organisations, by_code)
        shared = organisations.shared([row["name"] for row in rows])
    count = len(rows)
    return {
        "portfolio": {"as_of": as_of, "since": since, "partnerships": count,
                      "ctepartner": __version__},
        "elements": list(ELEMENTS.values()),
        "rows": rows,
        "element_means": [round(sum(r["elements"][n] for r in rows) / count) if count else None
                          for n in range(7)],
        "mean_score": round(sum(r["score"] for r in rows) / count) if count else None,
        "shared_organizations": shared,
        "perkins": perkins,
        "metrics_by_code": [{"code": code, "metrics": by_code[code]} for code in sorted(by_code)],
        "survey": survey,
    }


def _read(summaries: Iterable[Summary], organisations: _Organisations,
          by_code: dict[str, list[dict[str, Any]]]
          ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The first pass: rows, Perkins coverage and survey means kept; organisations and
    coded metrics handed on."""
    perkins_groups = [group.value for group in PerkinsGroup if group != PerkinsGroup.OTHER]
    rows: list[dict[str, Any]] = []
    perkins, survey = [], []
    for index, summary in enumerate(summaries):
        rows.append({**{key: summary[key] for key in ("path", "name", "scope", "stage",
                                                      "score", "elements", "change")},
                     "survey": summary["survey"]["overall"] if summary["survey"] else None})
        organisations.add(index, summary["organizations"])
        for metric in summary["metrics"]:
            by_code[metric["code"]].append({"partnership": summary["name"], **{
                key: metric[key] for key in ("metric", "latest", "measured", "target",
                                             "unit")}})
        if summary["perkins"]["consultation"]:
            covered = summary["perkins"]["groups"]
            perkins.append({"partnership": summary["name"], "covered": covered,
                            "missing": [g for g in perkins_groups if g not in covered]})
        if summary["survey"]:
            survey.append({"partnership": summary["name"], **summary["survey"]})
    return rows, perkins, survey


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- what the HTML and Markdown templates lay out ---------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    shade: str
    value: float | None  # what the column sorts by


@dataclass(frozen=True)
class Row:
    name: str
    path: str
    scope: str
    stage: str
    cells: list[Cell]  # the seven elements
    score: Cell
    survey: Cell  # the partners' own mean in the latest wave, beside the score
    change: str


@dataclass(frozen=True)
class PortfolioView:
    as_of: str
    since: str
    elements: list[str]
    rows: list[Row]
    totals: list[Cell]
    total_score: Cell
    stages: list[str]
    scopes: list[str]
    shared: list[dict[str, Any]]
    perkins: list[tuple[str, str, str]]  # partnership, covered, missing: in words
    # "5S3: participation in work-based learning", [(partnership, metric, value)]
    codes: list[tuple[str, list[tuple[str, str, str]]]]
    survey: list[tuple[str, str, Cell, list[Cell]]]  # partnership, wave, overall, by element
    score_means: str = SCORE_MEANS
    shading: str = (f"Shading: darker is higher; scores of {HIGH} and above, {MID} to "
                    f"{HIGH - 1}, below {MID}; survey means as in the status report.")


def view(data: dict[str, Any], since_day: dt.date | None = None) -> PortfolioView:
    """The portfolio as its page shows it; `since_day` is the day of `--since`'s revision,
    which a reader is told instead of the revision."""
    as_of = dt.date.fromisoformat(data["portfolio"]["as_of"])
    since = (long_date(since_day) if since_day else "an earlier version of the files"
             ) if data["portfolio"]["since"] else ""
    rows = [
        Row(row["name"], row["path"], title(row["scope"]), title(row["stage"]),
            [Cell(str(score), _shade(score), score) for score in row["elements"]],
            Cell(str(row["score"]), _shade(row["score"]), row["score"]),
            _mean(row["survey"]),
            "new" if row["change"] == "new" else signed(row["change"], 0))
        for row in data["rows"]
    ]
    means = data["element_means"]
    return PortfolioView(
        as_of=long_date(as_of), since=since,
        elements=data["elements"], rows=rows,
        totals=[Cell("" if m is None else str(m), _shade(m), m) for m in means],
        total_score=Cell(str(data["mean_score"] or ""), _shade(data["mean_score"]),
                         data["mean_score"]),
        stages=sorted({row.stage for row in rows if row.stage}),
        scopes=sorted({row.scope for row in rows if row.scope}),
        shared=[{**org, "hours_per_month": number(org["hours_per_month"])}
                for org in data["shared_organizations"]],
        perkins=[(p["partnership"], ", ".join(words(g) for g in p["covered"]) or "none",
                  ", ".join(words(g) for g in p["missing"]) or "none")
                 for p in data["perkins"]],
        codes=[(_indicator(group["code"]),
                [(m["partnership"], m["metric"], _coded_value(m, as_of)) for m in
                 group["metrics"]])
               for group in data["metrics_by_code"]],
        survey=[(s["partnership"], long_date(dt.date.fromisoformat(s["opened"])),
                 _mean(s["overall"]),
                 [_mean(m) for m in s["means"]])
                for s in data["survey"]],
    )


def _mean(value: float | None) -> Cell:
    return Cell("", "blank", None) if value is None else Cell(f"{value:.1f}", shade(value),
                                                               value)


def _indicator(code: str) -> str:
    """`5S3: participation in work-based learning`; a code Perkins V does not define as is
    (CP709 says so)."""
    return f"{code}: {PERKINS_CODES[code]}" if code in PERKINS_CODES else code


def _coded_value(metric: dict[str, Any], as_of: dt.date) -> str:
    """`17 % (2025-06-30, more than a year ago); target 25 %`: the indicator's rate with its
    unit and the day it was measured, as the report shows a metric; a value that is not a
    rate says so."""
    unit = next((unit for unit in Unit if unit.value == metric["unit"]), None)
    text = with_unit(metric["latest"], unit)
    if text and metric["measured"]:
        text = dated(text, dt.date.fromisoformat(metric["measured"]), as_of)
    if metric["target"] is not None:
        text += f"; target {with_unit(metric['target'], unit)}"
    if unit != Unit.PERCENT:  # CP712
        text += "; not a rate, which is what Perkins V reports for this indicator"
    return text.removeprefix("; ")


# --- shards ------------------------------------------------------------------------------


def part(summaries: list[Summary], shard: tuple[int, int], as_of: str,
         since: str | None) -> str:
    """One shard's share of the work, for `portfolio --merge`."""
    return as_json({"format": PART_FORMAT, "version": PART_VERSION, "ctepartner": __version__,
                    "shard": list(shard), "as_of": as_of, "since": since,
                    "partnerships": summaries})


def merge(paths: list[Path]) -> tuple[list[Summary], str, str | None]:
    """The summaries of every shard, checked: one version, one set of options, every shard
    of N present once, and no partnership in two shards."""
    if not paths:
        raise UserError("--merge needs the part files (portfolio --shard K/N --format json)")
    parts = []
    for path in paths:
        data = _read_part(path)
        if not isinstance(data, dict) or data.get("format") != PART_FORMAT:
            raise UserError(f"{path}: not a portfolio part (make one with `portfolio --shard "
                            "K/N --format json`); nothing was written")
        if data.get("version") != PART_VERSION or data.get("ctepartner") != __version__:
            raise UserError(f"{path}: a part made by ctepartner {data.get('ctepartner')} "
                            f"(part version {data.get('version')}); this is {__version__}: "
                            "make every part with the same version; nothing was written")
        _check_header(path, data)
        parts.append((path, data))
    first = parts[0][1]
    for path, data in parts:
        for key in ("as_of", "since"):
            if data[key] != first[key]:
                raise UserError(f"{path}: made with {key} {data[key]}, {parts[0][0]} with "
                                f"{first[key]}; nothing was written")
    count = first["shard"][1]
    seen: dict[int, Path] = {}
    for path, data in parts:
        number, total = data["shard"]
        if total != count:
            raise UserError(f"{path}: shard {number}/{total}, but {parts[0][0]} is one of "
                            f"{count}; nothing was written")
        if number in seen:
            raise UserError(f"{path}: shard {number}/{count} again (also {seen[number]}); "
                            "nothing was written")
        seen[number] = path
    missing = sorted(set(range(1, count + 1)) - set(seen))
    if missing:
        raise UserError(f"shard {', '.join(f'{n}/{count}' for n in missing)} is missing "
                        f"(given: {', '.join(str(p) for p, _ in parts)}); nothing was written")
    summaries: list[Summary] = []
    where: dict[str, Path] = {}
    for path, data in parts:
        for summary in _summaries_of(path, data.get("partnerships")):
            if summary["path"] in where:
                raise UserError(f"{path}: {summary['path']} is also in {where[summary['path']]}"
                                "; shards must not overlap; nothing was written")
            where[summary["path"]] = path
            summaries.append(summary)
    return sorted(summaries, key=lambda summary: summary["path"]), first["as_of"], first["since"]


def _summaries_of(path: Path, found: object) -> list[Summary]:
    """A part's summaries, each checked to be what `portfolio --shard` writes."""
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(list[Summary]).validate_python(found, strict=True)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = "/".join(str(part) for part in first["loc"])
        raise UserError(f"{path}: not a whole portfolio part (partnerships/{where}: "
                        f"{first['msg']}); nothing was written") from None


MAX_PART_BYTES = 512 * 1024**2  # a part of 10,000 partnerships is a few tens of MB
MAX_SHARDS = 1_000  # jobs of one CI matrix (GitHub allows 256)


class _Header(TypedDict):
    shard: tuple[Annotated[int, Field(ge=1)], Annotated[int, Field(ge=1, le=MAX_SHARDS)]]
    as_of: Annotated[str, Field(max_length=10)]
    since: Annotated[str, Field(max_length=256)] | None


def _read_part(path: Path) -> Any:
    """The part's JSON, read whole only when its size is a part's size."""
    try:
        if path.stat().st_size > MAX_PART_BYTES:
            raise UserError(f"{path}: over {MAX_PART_BYTES // 1024**2} MB, larger than any "
                            "portfolio part; nothing was written")
        return json.loads(path.read_bytes()[:MAX_PART_BYTES + 1].decode("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"{path}: cannot read the part ({error})") from None
    except json.JSONDecodeError as error:
        raise UserError(f"{path}: not a whole portfolio part (truncated or damaged at "
                        f"line {error.lineno}); nothing was written") from None
    except (ValueError, RecursionError):  # a number of thousands of digits, deep nesting
        raise UserError(f"{path}: not a whole portfolio part (a number or a nesting no part "
                        "holds); nothing was written") from None


def _check_header(path: Path, data: dict[str, Any]) -> None:
    """The part's shard (K of N, N at most MAX_SHARDS), day and revision, as written."""
    from pydantic import TypeAdapter, ValidationError

    try:
        header = TypeAdapter(_Header).validate_python(
            {key: data[key] for key in ("shard", "as_of", "since") if key in data},
            strict=False)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = "/".join(str(part) for part in first["loc"])
        raise UserError(f"{path}: not a whole portfolio part ({where}: {first['msg']}); "
                        "nothing was written") from None
    number, count = header["shard"]
    if not isinstance(data["shard"], list) or number > count:
        raise UserError(f"{path}: not a whole portfolio part (shard {number}/{count}); "
                        "nothing was written")
