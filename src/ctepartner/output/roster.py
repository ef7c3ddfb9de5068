"""What an import will do (or did), as a table."""

from __future__ import annotations

from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table

from ctepartner.author.roster import ImportPlan
from ctepartner.printable import plain


def _describe(changes: dict[str, Any]) -> str:
    parts = []
    for key, value in changes.items():
        if isinstance(value, dict):
            parts += [f"{key}.{inner}: {item}" for inner, item in value.items()]
        else:
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


SHOWN_ROWS = 50  # a big import is summed up, not scrolled past


def show_plan(plan: ImportPlan, stream: TextIO, *, color: bool, dry_run: bool) -> None:
    console = Console(file=stream, no_color=not color, force_terminal=color, highlight=False)
    if plan.adds or plan.updates:
        table = Table(box=box.SIMPLE, padding=(0, 1, 0, 0), pad_edge=False)
        for heading in ("Action", "Id", "Values"):
            table.add_column(heading, no_wrap=heading != "Values")
        rows = [("[green]add[/]", entry["id"], {k: v for k, v in entry.items() if k != "id"})
                for entry in plan.adds[:SHOWN_ROWS]]
        rows += [("[yellow]update[/]", stakeholder_id, changes)
                 for stakeholder_id, changes in plan.updates[:SHOWN_ROWS - len(rows)]]
        for action, stakeholder_id, values in rows:
            table.add_row(action, plain(stakeholder_id), plain(_describe(values)))
        console.print(table)
        if len(plan.adds) + len(plan.updates) > len(rows):
            console.print(f"...and {len(plan.adds) + len(plan.updates) - len(rows):,} more")
    verb = "would add" if dry_run else "adds"
    console.print(f"{verb} {len(plan.adds)}, "
                  f"{'would update' if dry_run else 'updates'} {len(plan.updates)} "
                  "stakeholder(s); none is ever deleted.")

