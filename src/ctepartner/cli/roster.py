"""`import stakeholders` and `export stakeholders`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ctepartner.cli.app import (
    DryRunOption,
    PartnershipPath,
    app,
    colour,
    echo,
    one_partnership,
    refuse_bad_rows,
)
from ctepartner.errors import UserError

import_app = typer.Typer(help="Read the roster from a spreadsheet.", no_args_is_help=True)
export_app = typer.Typer(help="Write the roster to a spreadsheet.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")


@import_app.command("stakeholders")
def import_stakeholders(
    file: Annotated[Path, typer.Argument(help="A .csv or .xlsx roster.")],
    path: PartnershipPath = Path("."),
    map_: Annotated[list[str] | None, typer.Option(
        "--map", help='Read a column as a field: "Org Name=organization"; "Notes=" leaves a '
        'column out (repeatable).')
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Merge a roster into stakeholders.yaml by id: update, add, never delete."""
    from ctepartner.author import roster
    from ctepartner.output.roster import show_plan

    directory = one_partnership(path)
    table, mapping = roster.read_table(file), roster.parse_map(map_ or [])
    plan, written = roster.import_roster(directory, table, mapping, dry_run=dry_run)
    refuse_bad_rows(file, plan.errors)
    show_plan(plan, sys.stdout, color=colour(None), dry_run=dry_run)
    if written:
        echo(f"wrote {written}")


@export_app.command("stakeholders")
def export_stakeholders(
    path: PartnershipPath = Path("."),
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="A .csv or .xlsx file (default: CSV on "
                                                "stdout).")] = None,
) -> None:
    """The roster as CSV (stdout) or to a .csv or .xlsx file."""
    from ctepartner.author import roster
    from ctepartner.load.partnership import load

    _, _, entries = roster.load_entries(load(one_partnership(path), validate=False))
    rows = roster.rows_of(entries)
    if output is None:
        sys.stdout.write(roster.to_csv(rows))
        return
    from ctepartner.fileio import write_atomic

    suffix = output.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UserError(f"{output}: export writes .csv or .xlsx")
    write_atomic(output, roster.to_xlsx(rows) if suffix == ".xlsx" else roster.to_csv(rows))
    echo(f"wrote {len(rows)} stakeholders to {output}")




@export_app.command("workbook")
def export_workbook(
    path: PartnershipPath = Path("."),
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE.xlsx",
                                         help="The workbook to write.")] = Path("partnership.xlsx"),
) -> None:
    """The whole partnership as one spreadsheet: settings, and a sheet per list."""
    from ctepartner.author.workbook import export_workbook as workbook
    from ctepartner.fileio import write_atomic
    from ctepartner.load.partnership import load

    if output.suffix.lower() != ".xlsx":
        raise UserError(f"{output}: the workbook is an .xlsx file")
    write_atomic(output, workbook(load(one_partnership(path), validate=False)))
    echo(f"wrote {output}")


@import_app.command("workbook")
def import_workbook(
    file: Annotated[Path, typer.Argument(help="A workbook made by `export workbook`.")],
    path: PartnershipPath = Path("."),
    dry_run: DryRunOption = False,
) -> None:
    """Merge an edited workbook into the partnership: changed cells update, new rows add,
    nothing is deleted; any problem (sheet!CELL) and nothing is written."""
    from ctepartner.author.guard import write_all
    from ctepartner.author.workbook import plan_workbook, prepare_workbook, read_workbook
    from ctepartner.load.journal import editing
    from ctepartner.load.partnership import load

    directory = one_partnership(path)
    sheets = read_workbook(file)
    with editing(directory):
        partnership = load(directory)
        plan = plan_workbook(partnership, sheets)
        refuse_bad_rows(file, plan.errors, "problem(s) in the workbook")
        pending = prepare_workbook(partnership, plan)  # checked alike with --dry-run
        for what, items in (("add", plan.added), ("change", plan.changed)):
            for item in items:
                echo(f"{'would ' if dry_run else ''}{what} {item}")
        if not dry_run and pending:
            write_all(pending)
            for edit, _ in pending:
                echo(f"wrote {edit.path}")
    echo(f"{len(plan.added)} added, {len(plan.changed)} changed; nothing is ever deleted.")
