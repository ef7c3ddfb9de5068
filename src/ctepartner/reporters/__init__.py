"""The reporters of `check`: how findings leave the tool, for people and for CI.

The one table, REPORTERS: its keys are `--format`'s choices, its descriptions the help, and
`write` dispatches through it, so a format cannot be offered without a reporter. Each entry
loads its reporter only when that format is asked for (start-up stays short), and the
loaders are typed: a reporter whose `report` does not take (assessments, stream, options)
fails `mypy`, not a user's run.

JSON and GitHub annotations are written partnership by partnership as results arrive; the
others need every result before their first line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TextIO

from ctepartner.assess.engine import Assessment
from ctepartner.errors import UserError


@dataclass(frozen=True)
class Options:
    """What a reporter may need beyond the assessments."""

    as_of: dt.date
    color: bool = False
    quiet: bool = False


class Report(Protocol):
    """A reporter: every assessment, written to the stream."""

    def __call__(self, assessments: Iterable[Assessment], stream: TextIO,
                 options: Options) -> None: ...


@dataclass(frozen=True)
class Reporter:
    description: str
    load: Callable[[], Report]  # imports the reporter's module, when its format is asked for


def _text() -> Report:
    from ctepartner.reporters.text import report

    return report


def _json() -> Report:
    from ctepartner.reporters.json_report import report

    return report


def _github() -> Report:
    from ctepartner.reporters.github import report

    return report


def _sarif() -> Report:
    from ctepartner.reporters.sarif import report

    return report


def _junit() -> Report:
    from ctepartner.reporters.junit import report

    return report


REPORTERS = {
    "text": Reporter("for people, at a terminal", _text),
    "json": Reporter("for scripts (the schema: `ctepartner schema --report`)", _json),
    "github": Reporter("GitHub Actions annotations", _github),
    "sarif": Reporter("SARIF 2.1.0, for code scanning", _sarif),
    "junit": Reporter("JUnit XML, for CI test dashboards", _junit),
}


def check_format(name: str) -> Reporter:
    """The reporter for `--format name`, or a user error listing the choices."""
    reporter = REPORTERS.get(name)
    if reporter is None:
        raise UserError(f"--format {name!r}: choose one of {', '.join(REPORTERS)}")
    return reporter


def write(name: str, assessments: Iterable[Assessment], stream: TextIO, options: Options
          ) -> None:
    """Write the report for `--format name`."""
    check_format(name).load()(assessments, stream, options)
