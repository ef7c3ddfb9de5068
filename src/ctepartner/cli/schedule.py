"""`status` and `calendar`: what is due."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ctepartner.cli.app import (
    AsOfOption,
    app,
    as_of_date,
    colour,
    echo,
    partnerships,
)


@app.command()
def status(
    paths: Annotated[list[Path] | None, typer.Argument(help="Partnership folders, or folders "
                                                       "above them (default: .).",
                                                       show_default=False)] = None,
    days: Annotated[int, typer.Option(min=0, max=36500,
                                      help="How far ahead to look, in days.")] = 30,
    as_of: AsOfOption = None,
) -> None:
    """What is due: updates, agreements, activities, meeting actions, temperature checks.

    Overdue items first, then what falls due in the next --days days.
    """
    from ctepartner.output import status as status_table
    from ctepartner.schedule import due_within

    today = as_of_date(as_of)
    due = [(p.name, due_within(p, today, days)) for p in partnerships(paths)]
    status_table.write(due, sys.stdout, today, days, color=colour(None))


@app.command()
def calendar(
    paths: Annotated[list[Path] | None, typer.Argument(help="Partnership folders, or folders "
                                                       "above them (default: .).",
                                                       show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="Write the .ics here (default: stdout)."
                                                )] = None,
    as_of: AsOfOption = None,
) -> None:
    """An .ics calendar of every due date; import it again to update, not duplicate."""
    from ctepartner.output.calendar import ics
    from ctepartner.schedule import calendar_items

    today = as_of_date(as_of)
    due = [(p.id, p.name, calendar_items(p, today)) for p in partnerships(paths)]
    content = ics(due, today)
    if output is None:
        sys.stdout.buffer.write(content)
        return
    from ctepartner.fileio import write_atomic

    write_atomic(output, content)
    echo(f"wrote {output}")


