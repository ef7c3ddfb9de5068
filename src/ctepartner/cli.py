"""The command line: options in, one call, an exit code out. No logic lives here."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ctepartner import __version__
from ctepartner.errors import EXIT_USAGE, UserError

app = typer.Typer(
    name="ctepartner",
    help="Keep a CTE cross-sector partnership's playbook in plain files, and check it against "
    "the seven elements of a strong partnership.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"


class FailOnLevel(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


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


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _ids(values: list[str] | None) -> tuple[str, ...]:
    return tuple(part.strip().upper() for value in values or [] for part in value.split(",")
                 if part.strip())


@app.command()
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Partnership folders, files in them, or folders above them. "
                       "Default: the current folder.", show_default=False),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="How to print the findings.")
    ] = CheckFormat.TEXT,
    fail_on: Annotated[
        FailOnLevel | None,
        typer.Option("--fail-on", help="Exit 1 on a finding at or above this severity "
                     "[default: error, or the configuration's fail-on].", show_default=False),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge dates as of this day (YYYY-MM-DD) "
                                 "[default: today].", metavar="DATE", show_default=False)
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Only these rules (ids or prefixes, "
                                       "comma-separated: CP6,CP701).", metavar="RULES")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Not these rules (ids or prefixes); "
                                       "adds to the configuration's ignore.", metavar="RULES")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.",
                                  metavar="FILE")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes [default: the "
                                 "machine's cores].", show_default=False)
    ] = None,
    shard: Annotated[
        str | None, typer.Option("--shard", metavar="K/N", help="Check only the K-th of N "
                                 "shards, split by path (for a CI matrix).")
    ] = None,
) -> None:
    """Validate partnerships and assess them against the seven elements.

    Exit 0: nothing at or above --fail-on; 1: something is; 2: the check could not run.
    """
    from ctepartner.check import CheckRequest, exit_code, parse_shard, run_check
    from ctepartner.output import reporters

    request = CheckRequest(
        paths=tuple(paths or [Path(".")]),
        as_of=_as_of(as_of),
        fail_on=fail_on.value if fail_on else None,
        select=_ids(select),
        ignore=_ids(ignore),
        jobs=jobs or os.cpu_count() or 1,
        shard=parse_shard(shard) if shard else (1, 1),
    )
    assessments = run_check(request)
    quiet = isinstance(ctx.obj, GlobalOptions) and ctx.obj.quiet
    report = reporters.render(output_format.value, assessments, request.as_of,
                              to_terminal=_colour(output), quiet=quiet)
    _emit(report, output)
    raise typer.Exit(exit_code(assessments))


def _colour(output: Path | None) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (or `--no-color`)."""
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from ctepartner.fileio import write_atomic

    write_atomic(output, text)


@app.command("rules")
def list_rules() -> None:
    """List every rule: id, element, default severity and what it finds."""
    from ctepartner.output.rulebook import rules_table

    rules_table(sys.stdout)


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id: CP604.")],
) -> None:
    """Print one rule's whole text: what it finds, why, how to fix it, an example."""
    from ctepartner.output.rulebook import explain_rule

    sys.stdout.write(explain_rule(rule_id))


@app.command()
def schema(
    out: Annotated[
        Path | None, typer.Option("--out", help="Write one <file>.schema.json per file kind "
                                  "into this folder (default: print them as one JSON object).",
                                  metavar="DIR")
    ] = None,
) -> None:
    """JSON Schema for each partnership file, for editors and other validators."""
    import json

    from ctepartner.schema import schemas, write_schemas

    if out is None:
        sys.stdout.write(json.dumps(schemas(), indent=2, sort_keys=True) + "\n")
        return
    for path in write_schemas(out):
        typer.echo(f"wrote {path}")


_GLOBAL_FLAGS = {"-q", "--quiet", "-v", "--verbose", "--no-color"}


def _hoist_global_flags(argv: list[str]) -> list[str]:
    """Let `-q`, `-v` and `--no-color` stand anywhere, as users type them (`check -q`)."""
    end = argv.index("--") if "--" in argv else len(argv)
    flags = [arg for arg in argv[:end] if arg in _GLOBAL_FLAGS]
    rest = [arg for arg in argv[:end] if arg not in _GLOBAL_FLAGS]
    return [*flags, *rest, *argv[end:]]


def run(argv: list[str]) -> int:
    """Run the command line; every failure becomes one line on stderr and exit 2."""
    try:
        app(args=_hoist_global_flags(argv), prog_name="ctepartner")
    except SystemExit as done:  # typer's own exit, usage errors included (code 2)
        return done.code if isinstance(done.code, int) else EXIT_USAGE
    except UserError as error:
        _fail(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except Exception as error:  # a bug: one clear line, the traceback only with -v
        if "-v" in argv or "--verbose" in argv:
            traceback.print_exc()
        _fail(f"internal error: {type(error).__name__}: {error} (run with -v for details, "
              "and please report it)")
        return EXIT_USAGE
    return 0


def _fail(message: str) -> None:
    sys.stderr.write(f"ctepartner: error: {message}\n")
