"""The portfolio from the partnerships' summaries, and the shard parts that carry them.

One run and a merge of shards build the portfolio from the same summaries, sorted by path,
by the same function: the merged portfolio is the one-run portfolio, byte for byte.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ctepartner import __version__
from ctepartner.assess.finding import ELEMENTS
from ctepartner.errors import UserError
from ctepartner.model.files import PerkinsGroup
from ctepartner.portfolio.summary import org_name_key
from ctepartner.survey.scoring import shade
from ctepartner.words import title, words

PART_FORMAT = "ctepartner-portfolio-part"
PART_VERSION = 1  # the part format; a change to it is a new version (docs/portfolio.md)
HIGH, MID = 85, 55  # heat map: a score from HIGH is green, from MID amber, else red


def _shade(score: int | None) -> str:
    if score is None:
        return "blank"
    return "high" if score >= HIGH else "mid" if score >= MID else "low"


def _shared(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Organisations in more than one partnership: the same `org_id`, or the same name
    but for case, punctuation and a trailing Inc/LLC/Co, make one organisation."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    entries = []
    for index, summary in enumerate(summaries):
        for org in summary["organizations"]:
            keys = [f"name:{org_name_key(org['name'])}"]
            if org.get("org_id"):
                keys.append(f"id:{org['org_id']}")
            for key in keys[1:]:
                parent[find(key)] = find(keys[0])
            entries.append((keys[0], index, org["name"], org["hours"]))
    groups: dict[str, list[tuple[int, str, float]]] = defaultdict(list)
    for key, index, name, hours in entries:
        groups[find(key)].append((index, name, hours))
    shared = []
    for members in groups.values():
        where = sorted({index for index, _, _ in members})
        if len(where) < 2:
            continue
        names = Counter(name for _, name, _ in members)
        shown = min(names, key=lambda name: (-names[name], name))
        shared.append({
            "organization": shown,
            "also_written": sorted(set(names) - {shown}),
            "partnerships": [summaries[index]["name"] for index in where],
            "hours_per_month": round(sum(hours for _, _, hours in members), 2),
        })
    return sorted(shared, key=lambda org: (-org["hours_per_month"], org["organization"]))


def portfolio(summaries: list[dict[str, Any]], as_of: str, since: str | None) -> dict[str, Any]:
    """The portfolio as plain data: what the JSON says and the HTML and Markdown show."""
    summaries = sorted(summaries, key=lambda summary: summary["path"])
    count = len(summaries)
    means = [round(sum(s["elements"][n] for s in summaries) / count) if count else None
             for n in range(7)]
    perkins_groups = [group.value for group in PerkinsGroup if group != PerkinsGroup.OTHER]
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for summary in summaries:
        for metric in summary["metrics"]:
            by_code[metric["code"]].append({"partnership": summary["name"], **{
                key: metric[key] for key in ("metric", "latest", "target", "unit")}})
    return {
        "portfolio": {"as_of": as_of, "since": since, "partnerships": count,
                      "ctepartner": __version__},
        "elements": list(ELEMENTS.values()),
        "rows": [{key: summary[key] for key in ("path", "name", "scope", "stage", "score",
                                                  "elements", "change")}
                 for summary in summaries],
        "element_means": means,
        "mean_score": round(sum(s["score"] for s in summaries) / count) if count else None,
        "shared_organizations": _shared(summaries),
        "perkins": [
            {"partnership": s["name"], "covered": s["perkins"]["groups"],
             "missing": [g for g in perkins_groups if g not in s["perkins"]["groups"]]}
            for s in summaries if s["perkins"]["consultation"]
        ],
        "metrics_by_code": [{"code": code, "metrics": by_code[code]} for code in sorted(by_code)],
        "survey": [{"partnership": s["name"], **s["survey"]} for s in summaries if s["survey"]],
    }


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
    codes: list[tuple[str, list[tuple[str, str, str]]]]  # code, [(partnership, metric, value)]
    survey: list[tuple[str, str, list[Cell]]]  # partnership, wave, means by element


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def view(data: dict[str, Any]) -> PortfolioView:
    rows = [
        Row(row["name"], row["path"], title(row["scope"]), title(row["stage"]),
            [Cell(str(score), _shade(score), score) for score in row["elements"]],
            Cell(str(row["score"]), _shade(row["score"]), row["score"]),
            "" if row["change"] is None else "new" if row["change"] == "new"
            else "0" if row["change"] == 0 else f"{row['change']:+d}")
        for row in data["rows"]
    ]
    means = data["element_means"]
    return PortfolioView(
        as_of=data["portfolio"]["as_of"], since=data["portfolio"]["since"] or "",
        elements=data["elements"], rows=rows,
        totals=[Cell("" if m is None else str(m), _shade(m), m) for m in means],
        total_score=Cell(str(data["mean_score"] or ""), _shade(data["mean_score"]),
                         data["mean_score"]),
        stages=sorted({row.stage for row in rows if row.stage}),
        scopes=sorted({row.scope for row in rows if row.scope}),
        shared=[{**org, "hours_per_month": _number(org["hours_per_month"])}
                for org in data["shared_organizations"]],
        perkins=[(p["partnership"], ", ".join(words(g) for g in p["covered"]) or "none",
                  ", ".join(words(g) for g in p["missing"]) or "none")
                 for p in data["perkins"]],
        codes=[(group["code"], [(m["partnership"], m["metric"],
                                 f"{_number(m['latest'])}" + (f" of {_number(m['target'])}"
                                                              if m["target"] is not None
                                                              else ""))
                                for m in group["metrics"]])
               for group in data["metrics_by_code"]],
        survey=[(s["partnership"], s["opened"],
                 [Cell("", "blank", None) if m is None else Cell(f"{m:.1f}", shade(m), m)
                  for m in s["means"]])
                for s in data["survey"]],
    )


# --- shards ------------------------------------------------------------------------------


def part(summaries: list[dict[str, Any]], shard: tuple[int, int], as_of: str,
         since: str | None) -> str:
    """One shard's share of the work, for `portfolio --merge`."""
    return as_json({"format": PART_FORMAT, "version": PART_VERSION, "ctepartner": __version__,
                    "shard": list(shard), "as_of": as_of, "since": since,
                    "partnerships": summaries})


def merge(paths: list[Path]) -> tuple[list[dict[str, Any]], str, str | None]:
    """The summaries of every shard, checked: one version, one set of options, every shard
    of N present once, and no partnership in two shards."""
    if not paths:
        raise UserError("--merge needs the part files (portfolio --shard K/N --format json)")
    parts = []
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise UserError(f"{path}: cannot read the part ({error})") from None
        except json.JSONDecodeError as error:
            raise UserError(f"{path}: not a whole portfolio part (truncated or damaged at "
                            f"line {error.lineno}); nothing was written") from None
        if not isinstance(data, dict) or data.get("format") != PART_FORMAT:
            raise UserError(f"{path}: not a portfolio part (make one with `portfolio --shard "
                            "K/N --format json`); nothing was written")
        if data.get("version") != PART_VERSION or data.get("ctepartner") != __version__:
            raise UserError(f"{path}: a part made by ctepartner {data.get('ctepartner')} "
                            f"(part version {data.get('version')}); this is {__version__}: "
                            "make every part with the same version; nothing was written")
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
    summaries: list[dict[str, Any]] = []
    where: dict[str, Path] = {}
    for path, data in parts:
        for summary in data["partnerships"]:
            if summary["path"] in where:
                raise UserError(f"{path}: {summary['path']} is also in {where[summary['path']]}"
                                "; shards must not overlap; nothing was written")
            where[summary["path"]] = path
            summaries.append(summary)
    return summaries, first["as_of"], first["since"]
