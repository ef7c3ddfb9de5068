"""Pick the reporter for `--format` and write the findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TextIO

from ctepartner.assess.engine import Assessment


def write(
    name: str, assessments: Iterable[Assessment], stream: TextIO, as_of: dt.date, *,
    to_terminal: bool, quiet: bool = False,
) -> None:
    """Write the report for `--format name`; colour only when it goes to a terminal.

    JSON and GitHub annotations are written partnership by partnership as results arrive;
    the other formats need every result before their first line.
    """
    if name == "json":
        from ctepartner.output import json_report

        json_report.write(assessments, stream, as_of)
    elif name == "github":
        from ctepartner.output import github

        github.write(assessments, stream)
    elif name == "sarif":
        from ctepartner.output import sarif

        sarif.write(list(assessments), stream)
    elif name == "junit":
        from ctepartner.output import junit

        junit.write(list(assessments), stream)
    else:
        from ctepartner.output import text

        text.write(list(assessments), stream, color=to_terminal, quiet=quiet)
