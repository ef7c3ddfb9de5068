"""`check`, `rules`, `explain`, `schema`: the assessment and its documentation."""

from __future__ import annotations

import io
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from ctepartner.cli.app import (
    GlobalOptions,
    app,
    as_of_date,
    colour,
    echo,
    ids,
    progress,
)
from ctepartner.reporters import REPORTERS

FORMAT_HELP = "; ".join(f"{name}: {r.description}" for name, r in REPORTERS.items())


class FailOnLevel(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


@app.command()
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Partnership folders, files in them, or folders above them. "
                       "Default: the current folder.", show_default=False),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="|".join(REPORTERS),
                          help=f"How to print the findings: {FORMAT_HELP}.")
    ] = "text",
    fail_on: Annotated[
        FailOnLevel | None,
        typer.Option("--fail-on", help="Exit 1 on a finding at or above this severity "
                     "(default: error, or the configuration's fail-on).", show_default=False),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge dates as of this day (YYYY-MM-DD) "
                                 "(default: today).", metavar="DATE", show_default=False)
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
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the "
                                 "machine's cores).", show_default=False)
    ] = None,
    shard: Annotated[
        str | None, typer.Option("--shard", metavar="K/N", help="Check only the K-th of N "
                                 "shards, split by path (for a CI matrix).")
    ] = None,
) -> None:
    """Validate partnerships and assess them against the seven elements.

    Exit 0: nothing at or above --fail-on; 1: something is; 2: the check could not run.
    """
    from ctepartner import reporters
    from ctepartner.check import (
        CheckRequest,
        Verdict,
        assess_planned,
        check_one,
        parse_shard,
        plan,
    )

    request = CheckRequest(
        paths=tuple(paths or [Path(".")]),
        as_of=as_of_date(as_of),
        fail_on=fail_on.value if fail_on else None,
        select=ids(select),
        ignore=ids(ignore),
        jobs=jobs or os.cpu_count() or 1,
        shard=parse_shard(shard) if shard else (1, 1),
    )
    reporters.check_format(output_format)
    planned = plan(request)
    quiet = isinstance(ctx.obj, GlobalOptions) and ctx.obj.quiet
    results = progress(ctx, assess_planned(planned, request.jobs, check_one), len(planned),
                       "Checking partnerships")
    verdict = Verdict()
    assessments = verdict.watch(results)

    def report(stream: TextIO) -> None:
        options = reporters.Options(request.as_of, color=colour(output), quiet=quiet)
        reporters.write(output_format, assessments, stream, options)

    if output is None:
        report(sys.stdout)
    else:
        from ctepartner.fileio import atomic_file

        with atomic_file(output) as raw:
            stream = io.TextIOWrapper(raw, encoding="utf-8")
            report(stream)
            stream.flush()
            stream.detach()  # the file is closed, and renamed into place, by atomic_file
    raise typer.Exit(verdict.exit_code)


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
        Path | None, typer.Option("--output", "-o", "--out",
                                  help="Write one <file>.schema.json per file kind "
                                  "into this folder (default: print them as one JSON object).",
                                  metavar="DIR")
    ] = None,
    report: Annotated[
        bool, typer.Option("--report", help="Print the JSON Schema of `check --format json` "
                           "instead.")
    ] = False,
) -> None:
    """JSON Schema for each partnership file, for editors and other validators."""
    import json

    from ctepartner.schema import report_schema, schemas, write_schemas

    if report:
        sys.stdout.write(json.dumps(report_schema(), indent=2, sort_keys=True) + "\n")
        return
    if out is None:
        sys.stdout.write(json.dumps(schemas(), indent=2, sort_keys=True) + "\n")
        return
    for path in write_schemas(out):
        echo(f"wrote {path}")


