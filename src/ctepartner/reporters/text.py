"""`check --format text`: a scorecard and the findings, for a convener at the terminal."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console
from rich.table import Table

from ctepartner.assess.engine import Assessment
from ctepartner.assess.finding import ELEMENTS, Finding, Severity
from ctepartner.printable import plain, shown

if TYPE_CHECKING:
    from ctepartner.reporters import Options

_STATUS_STYLE = {"met": "green", "partial": "yellow", "missing": "red"}
_SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def report(assessments: Iterable[Assessment], stream: TextIO, options: Options) -> None:
    """Print the summary (several partnerships), each scorecard and its findings.

    `quiet` leaves out the tables: only the findings and the totals.
    """
    assessments = list(assessments)
    color, quiet = options.color, options.quiet
    console = Console(file=stream, no_color=not color, force_terminal=color, highlight=False)
    if len(assessments) > 1 and not quiet:
        console.print(_summary_table(assessments))
        console.print("E1-E7: element scores (green met, yellow partial, red missing)\n")
    for assessment in assessments:
        if not quiet:
            _scorecard(console, assessment)
        _findings(console, assessment)
    console.print(_totals(assessments))


def _summary_table(assessments: list[Assessment]) -> Table:
    """One row per partnership: its score, each element's score (coloured by status), counts."""
    table = Table(box=box.SIMPLE, padding=(0, 1, 0, 0), pad_edge=False)
    table.add_column("Partnership", overflow="fold")  # a long path wraps; numbers never do
    for heading in ("Score", *(f"E{number}" for number in ELEMENTS), "Err", "Warn", "Info"):
        table.add_column(heading, justify="right", no_wrap=True, min_width=max(3, len(heading)))
    for a in assessments:
        counted = [f for f in a.findings if not f.suppressed]
        table.add_row(
            plain(shown(a.directory)),
            f"[bold]{a.score}[/]",
            *(f"[{_STATUS_STYLE[e.status]}]{e.score}[/]" for e in a.elements),
            *(str(sum(f.severity == level for f in counted)) for level in Severity),
        )
    return table


def _scorecard(console: Console, assessment: Assessment) -> None:
    console.print(f"[bold]{plain(assessment.name)}[/] ({plain(shown(assessment.directory))})"
                  f" — score [bold]{assessment.score}[/]/100")
    card = Table(show_header=True, box=None, padding=(0, 2))
    card.add_column("#", justify="right")
    card.add_column("Element")
    card.add_column("Status")
    card.add_column("Score", justify="right")
    for e in assessment.elements:
        card.add_row(str(e.number), e.name, f"[{_STATUS_STYLE[e.status]}]{e.status}[/]",
                     str(e.score))
    console.print(card)
    console.print()


def _findings(console: Console, assessment: Assessment) -> None:
    for element, findings in groupby(assessment.findings, key=lambda f: f.element):
        title = ELEMENTS.get(element, "Structure")
        console.print(f"[bold]{element} · {title}[/]")
        for finding in findings:
            _finding(console, finding)
        console.print()


def _finding(console: Console, finding: Finding) -> None:
    style = "dim" if finding.suppressed else _SEVERITY_STYLE[finding.severity]
    label = finding.severity.value + (" (suppressed)" if finding.suppressed else "")
    place = f"{shown(finding.file)}:{finding.line}:{finding.column}"
    console.print(f"  {plain(place)}  [{style}]{label}[/]  [bold]{finding.rule}[/]  "
                  f"{plain(finding.message)}", soft_wrap=True)
    console.print(f"      [dim]→ {plain(finding.hint)}[/]", soft_wrap=True)


def _totals(assessments: list[Assessment]) -> str:
    findings = [f for a in assessments for f in a.findings]
    counted = [f for f in findings if not f.suppressed]
    count = len(assessments)
    parts = [f"{count} partnership{'s' if count != 1 else ''}"]
    for level in Severity:
        number = sum(f.severity == level for f in counted)
        plural = "s" if number != 1 and level != Severity.INFO else ""
        parts.append(f"{number} {level.value}{plural}")
    parts.append(f"{len(findings) - len(counted)} suppressed")
    return " · ".join(parts)
