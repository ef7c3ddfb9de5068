"""`survey results`: a wave's means as a terminal table, or as JSON."""

from __future__ import annotations

import json
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table

from ctepartner.assess.finding import ELEMENTS
from ctepartner.domain import MIN_GROUP
from ctepartner.model.files import Category
from ctepartner.survey.scoring import ALL, Mean, WaveScores, change
from ctepartner.words import signed, title

HIDDEN = f"fewer than {MIN_GROUP} responses"
WITHHELD = "withheld, so that a smaller group cannot be worked out from the others"


def _mean_json(mean: Mean | None) -> dict[str, Any]:
    if mean is None or mean.value is None:
        return {"mean": None, "responses": WITHHELD if mean and mean.withheld else HIDDEN}
    return {"mean": mean.value, "responses": mean.n}


def _groups(found: dict[str, Mean], before: dict[str, Mean] | None,
            scores: WaveScores) -> dict[str, Any]:
    overall = found.get(ALL)
    moved = change(overall, (before or {}).get(ALL)) if overall else None
    return {"overall": _mean_json(overall), "change": moved,
            "by_sector": {s.value: _mean_json(found.get(s.value)) for s in scores.sectors}}


def as_json(name: str, scores: WaveScores, previous: WaveScores | None) -> dict[str, Any]:
    """The wave's results; a group under MIN_GROUP stakeholders has no mean."""
    return {
        "partnership": name,
        "wave": scores.wave.id,
        "opened": scores.wave.opened.isoformat(),
        "previous_wave": previous.wave.id if previous else None,
        "invited": scores.invited,
        "responded": scores.responded,
        "overall": _mean_json(scores.overall),
        "elements": [
            {"element": number, "name": ELEMENTS[number],
             **_groups(scores.elements[number], previous.elements.get(number)
                       if previous else None, scores)}
            for number in ELEMENTS if number in scores.elements
        ],
        "categories": [
            {"category": category.value,
             **_groups(scores.categories[category], previous.categories.get(category)
                       if previous else None, scores)}
            for category in Category if category in scores.categories
        ],
    }


def write_json(report: dict[str, Any], stream: TextIO) -> None:
    stream.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


SHORT = {"k12": "K-12", "postsecondary": "Postsec.", "business": "Business",
         "workforce": "Workforce", "government": "Gov't", "community": "Community"}


def _shown(mean: dict[str, Any]) -> str:
    return "·" if mean["mean"] is None else f"{mean['mean']:.1f}"


def write_text(report: dict[str, Any], stream: TextIO, *, color: bool) -> None:
    """Two tables (by element, by evaluation category), a column per sector that answered,
    the number who answered beside each shown mean."""
    console = Console(file=stream, no_color=not color, force_terminal=color, highlight=False)
    sectors = list(report["elements"][0]["by_sector"]) if report["elements"] else []
    rate = (f"{report['responded']} of {report['invited']} invited answered"
            if report["invited"] else f"{report['responded']} answered")
    console.print(f"{report['partnership']}: survey wave {report['wave']}, opened "
                  f"{report['opened']} · {rate}")
    for key, heading in (("elements", "Element"), ("categories", "Evaluation category")):
        table = Table(box=box.SIMPLE, padding=(0, 1, 0, 0), pad_edge=False)
        table.add_column(heading, min_width=22, ratio=1)
        table.add_column("All", justify="right", no_wrap=True)
        table.add_column("n", justify="right", no_wrap=True, style="dim")
        for sector in sectors:
            table.add_column(SHORT.get(sector, title(sector)), justify="right", no_wrap=True)
        if report["previous_wave"]:
            table.add_column("Change", justify="right", no_wrap=True)
        for row in report[key]:
            label = row.get("name") or title(row["category"])
            overall = row["overall"]
            cells = [_shown(overall), str(overall["responses"]) if overall["mean"] is not None
                     else "", *(_shown(row["by_sector"][s]) for s in sectors)]
            if report["previous_wave"]:
                cells.append(signed(row["change"]))
            table.add_row(label, *cells)
        console.print(table)
    previous = f"; change since wave {report['previous_wave']}" if report["previous_wave"] else ""
    console.print(f"Means from 1 (strongly disagree) to 5 (strongly agree); n answered{previous}."
                  f" · : {HIDDEN}, or withheld so that a smaller group cannot be worked "
                  "out from the others: no answer can be traced to one organisation.")
