"""What an import will do (or did), as a table."""

from __future__ import annotations

from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table

from ctepartner.author.roster import ImportPlan
from ctepartner.output.markup import plain


def _describe(changes: dict[str, Any]) -> str:
    parts = []
    for key, value in changes.items():
        if isinstance(value, dict):
            parts += [f"{key}.{inner}: {item}" for inner, item in value.items()]
        else:
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


def show_plan(plan: ImportPlan, stream: TextIO, *, color: bool, dry_run: bool) -> None:
    console = Console(file=stream, no_color=not color, force_terminal=color, highlight=False)
    if plan.adds or plan.updates:
        table = Table(box=box.SIMPLE, padding=(0, 1, 0, 0), pad_edge=False)
        for heading in ("Action", "Id", "Values"):
            table.add_column(heading, no_wrap=heading != "Values")
        for entry in plan.adds:
            rest = {k: v for k, v in entry.items() if k != "id"}
            table.add_row("[green]add[/]", plain(entry["id"]), plain(_describe(rest)))
        for stakeholder_id, changes in plan.updates:
            table.add_row("[yellow]update[/]", plain(stakeholder_id), plain(_describe(changes)))
        console.print(table)
    verb = "would add" if dry_run else "adds"
    console.print(f"{verb} {len(plan.adds)}, "
                  f"{'would update' if dry_run else 'updates'} {len(plan.updates)} "
                  "stakeholder(s); none is ever deleted.")
    if plan.ignored_columns:
        console.print(f"Ignored columns (map them with --map \"Column=field\"): "
                      f"{plain(', '.join(plan.ignored_columns))}")
