"""`ctepartner status`: what is due, as a terminal table."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table

from ctepartner.printable import plain
from ctepartner.schedule import Due


def _when(item: Due, as_of: dt.date) -> str:
    days = (item.date - as_of).days
    if days < 0:
        return f"[red]overdue {-days} d[/]"
    return "[yellow]today[/]" if days == 0 else f"in {days} d"


def write(due: list[tuple[str, list[Due]]], stream: TextIO, as_of: dt.date, days: int, *,
          color: bool) -> None:
    """One table of what is due, with a Partnership column when there are several."""
    console = Console(file=stream, no_color=not color, force_terminal=color, highlight=False)
    several = len(due) > 1
    table = Table(box=box.SIMPLE, padding=(0, 1, 0, 0), pad_edge=False,
                  title=f"Due by {(as_of + dt.timedelta(days=days)).isoformat()} "
                  f"(as of {as_of.isoformat()})", title_justify="left")
    if several:
        table.add_column("Partnership", no_wrap=True)
    for heading in ("Date", "When", "What"):
        table.add_column(heading, no_wrap=heading != "What")
    count = 0
    for name, items in due:
        for item in items:
            count += 1
            row = [item.date.isoformat(), _when(item, as_of), plain(item.what)]
            table.add_row(*([plain(name)] if several else []), *row)
    if count:
        console.print(table)
    overdue = sum(item.overdue(as_of) for _, items in due for item in items)
    console.print(f"{count} due in the next {days} days, {overdue} of them overdue."
                  if count else f"Nothing due in the next {days} days.")
