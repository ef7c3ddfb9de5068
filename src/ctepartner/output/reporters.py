"""The one table of `check` reporters: its keys are `--format`'s choices, its descriptions the
help, and `write` dispatches through it, so a format cannot be offered without a reporter.

Every reporter module has `report(assessments, stream, options)`. JSON and GitHub annotations
are written partnership by partnership as results arrive; the others need every result before
their first line.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from ctepartner.assess.engine import Assessment
from ctepartner.errors import UserError


@dataclass(frozen=True)
class Options:
    """What a reporter may need beyond the assessments."""

    as_of: dt.date
    color: bool = False
    quiet: bool = False


@dataclass(frozen=True)
class Reporter:
    module: str  # in ctepartner.output
    description: str


REPORTERS = {
    "text": Reporter("text", "for people, at a terminal"),
    "json": Reporter("json_report", "for scripts (the schema: `ctepartner schema --report`)"),
    "github": Reporter("github", "GitHub Actions annotations"),
    "sarif": Reporter("sarif", "SARIF 2.1.0, for code scanning"),
    "junit": Reporter("junit", "JUnit XML, for CI test dashboards"),
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
    reporter = check_format(name)
    module = importlib.import_module(f"ctepartner.output.{reporter.module}")
    module.report(assessments, stream, options)
