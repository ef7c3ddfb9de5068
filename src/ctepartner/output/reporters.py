"""Pick the reporter for `--format` and render the findings to text."""

from __future__ import annotations

import datetime as dt
import io

from ctepartner.assess.engine import Assessment


def render(
    name: str, assessments: list[Assessment], as_of: dt.date, *, to_terminal: bool,
    quiet: bool = False,
) -> str:
    """The whole report as text; colour only when it goes to a terminal."""
    stream = io.StringIO()
    if name == "json":
        from ctepartner.output import json_report

        json_report.write(assessments, stream, as_of)
    elif name == "github":
        from ctepartner.output import github

        github.write(assessments, stream)
    elif name == "sarif":
        from ctepartner.output import sarif

        sarif.write(assessments, stream)
    elif name == "junit":
        from ctepartner.output import junit

        junit.write(assessments, stream)
    else:
        from ctepartner.output import text

        text.write(assessments, stream, color=to_terminal, quiet=quiet)
    return stream.getvalue()
