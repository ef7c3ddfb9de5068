"""The typer application, its global options, and what every command shares."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from ctepartner import __version__
from ctepartner.errors import UserError

if TYPE_CHECKING:
    from ctepartner.load.partnership import Partnership

app = typer.Typer(
    name="ctepartner",
    help="Keep a CTE cross-sector partnership's playbook in plain files, and check it against "
    "the seven elements of a strong partnership.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ctepartner {__version__}")
        raise typer.Exit()


@dataclass(frozen=True)
class GlobalOptions:
    quiet: bool = False


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour (also: NO_COLOR=1).")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("-q", "--quiet", help="Print less: findings only.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Show the full error on failure.")
    ] = False,
) -> None:
    """ctepartner: the seven elements of a strong CTE partnership, in plain files."""
    if no_color:
        os.environ["NO_COLOR"] = "1"
    ctx.obj = GlobalOptions(quiet=quiet)


def echo(message: str) -> None:
    """A line for the person at the terminal; names from files and folders in it (a folder
    called `\x1b[2J`) are shown as escapes, never obeyed."""
    from ctepartner.printable import printable

    typer.echo(printable(message))


def as_of_date(value: str | None) -> dt.date:
    from ctepartner.model.base import in_range

    if value is None:
        return dt.date.today()
    try:
        return in_range(dt.date.fromisoformat(value))
    except ValueError as error:
        raise UserError(f"--as-of {value!r}: {error}; write YYYY-MM-DD") from None


def ids(values: list[str] | None) -> tuple[str, ...]:
    return tuple(part.strip().upper() for value in values or [] for part in value.split(",")
                 if part.strip())


def colour(output: Path | None) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (or `--no-color`)."""
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


PartnershipPath = Annotated[
    Path, typer.Argument(help="The partnership folder (or a file in it).", show_default=".")
]
DateOption = Annotated[str, typer.Option(help="YYYY-MM-DD.", metavar="DATE")]

AsOfOption = Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="Today, for "
                                                "this run (default: today).", show_default=False)]


def one_partnership(path: Path) -> Path:
    from ctepartner.load.discover import one_partnership as found

    return found(path)


def partnerships(paths: list[Path] | None) -> list[Partnership]:
    from ctepartner.load.discover import find_partnerships
    from ctepartner.load.partnership import load

    folders = [folder for path in paths or [Path(".")] for folder in find_partnerships(path)]
    return [load(folder) for folder in folders]




SHOWN_ERRORS = 20  # bad rows of an import listed one by one; the rest are counted

DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Show what would change; write "
                                            "nothing.")]


def refuse_bad_rows(file: Path, errors: list[str], what: str = "row(s) need fixing") -> None:
    """An import's problems on stderr, then a user error: nothing is written."""
    if not errors:
        return
    for error in errors[:SHOWN_ERRORS]:
        sys.stderr.write(f"{file}: {error}\n")
    if len(errors) > SHOWN_ERRORS:
        sys.stderr.write(f"{file}: ...and {len(errors) - SHOWN_ERRORS:,} more\n")
    raise UserError(f"{len(errors)} {what}; nothing was written")


PROGRESS_FROM = 20  # partnerships: below this, the work is over before a bar would help
Item = TypeVar("Item")


def progress(ctx: typer.Context, items: Iterator[Item], total: int, label: str
             ) -> Iterator[Item]:
    """`items`, with a transient bar on stderr when it is a terminal, the work is long
    enough to need one, and `-q` was not given."""
    quiet = isinstance(ctx.obj, GlobalOptions) and ctx.obj.quiet
    if quiet or total < PROGRESS_FROM or not sys.stderr.isatty():
        return items
    from ctepartner.output.progress import with_progress

    return with_progress(items, total, label)
