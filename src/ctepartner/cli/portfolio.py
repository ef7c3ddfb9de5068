"""`portfolio`: every partnership below a folder, side by side; shards and their merge."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ctepartner.cli.app import app, as_of_date, echo, progress
from ctepartner.errors import UserError

if TYPE_CHECKING:
    from ctepartner.portfolio.summary import Summary


class PortfolioFormat(StrEnum):
    HTML = "html"
    MD = "md"
    JSON = "json"


@app.command()
def portfolio(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Folders above partnerships (default: the current folder); with --merge, the "
        "part files.", show_default=False)] = None,
    output_format: Annotated[PortfolioFormat, typer.Option(
        "--format", "-f", help="html (sortable, filterable, one self-contained page), md or "
        "json; with --shard, json writes the shard's part.")] = PortfolioFormat.HTML,
    out: Annotated[str | None, typer.Option(
        "--output", "-o", "--out", metavar="DIR|FILE|-", help="A folder for portfolio.FORMAT "
        "(default: out/ here); - for stdout (md, json); with --shard, the part file.",
        show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="Judge dates "
                                              "as of this day (default: today).")] = None,
    since: Annotated[str | None, typer.Option(metavar="GIT-REV", help="Add each "
                                              "partnership's change of score since this "
                                              "git revision.")] = None,
    shard: Annotated[str | None, typer.Option(metavar="K/N", help="Do the K-th of N shares "
                                              "of the work (as check --shard), for a CI "
                                              "matrix; write its part as json.")] = None,
    merge: Annotated[bool, typer.Option("--merge", help="Join the part files given as "
                                        "arguments into the portfolio.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes "
                                             "(default: the machine's cores).",
                                             show_default=False)] = None,
) -> None:
    """Many partnerships side by side: element scores as a heat map, organisations shared
    across partnerships with their summed hours, Perkins V coverage and metrics by code,
    and survey means. One pass with `check`: each partnership is loaded and assessed once."""
    from ctepartner.fileio import write_atomic
    from ctepartner.portfolio import view as build

    if merge and shard:
        raise UserError("--merge joins parts; --shard makes one: use one of them")
    if shard and output_format is not PortfolioFormat.JSON:
        raise UserError("--shard writes its part as json: add --format json")
    summaries: Iterable[Summary]
    if merge:
        summaries, day, since = build.merge(list(paths or []))
    else:
        summaries, day = _summaries(ctx, paths, as_of_date(as_of).isoformat(), since, shard,
                                    jobs)
    if shard:
        from ctepartner.check import parse_shard

        text = build.part(list(summaries), parse_shard(shard), day, since)
        if out in (None, "-"):
            sys.stdout.write(text)
        else:
            write_atomic(Path(out), text.encode("utf-8"))
            echo(f"wrote {out}")
        return
    data = build.portfolio(summaries, day, since)
    if output_format is PortfolioFormat.JSON:
        text = build.as_json(data)
    else:
        from ctepartner.render.brand import Brand
        from ctepartner.render.environment import render
        from ctepartner.render.markdown import markdown

        text = render("portfolio.html.j2", None, v=build.view(data, _day(since, paths)),
                      paper="letter", brand=Brand())
        if output_format is PortfolioFormat.MD:
            text = markdown(text)
    if out == "-":
        if output_format is PortfolioFormat.HTML:
            raise UserError("--output - writes md or json; use --format md or json")
        sys.stdout.write(text)
        return
    target = Path(out or "out") / f"portfolio.{output_format.value}"
    write_atomic(target, text.encode("utf-8"))
    echo(f"wrote {target}")


def _day(since: str | None, paths: list[Path] | None) -> dt.date | None:
    """The day `--since`'s revision was committed, in the repository of the first path."""
    if not since:
        return None
    from ctepartner.load.since import revision_day

    first = Path(paths[0]) if paths else Path(".")
    return revision_day(first if first.is_dir() else first.parent, since)


def _summaries(ctx: typer.Context, paths: list[Path] | None, day: str, since: str | None,
               shard: str | None, jobs: int | None
               ) -> tuple[Iterator[Summary], str]:
    """Load, assess and summarise every partnership (of the shard), as `check` does."""
    from ctepartner.check import CheckRequest, assess_planned, parse_shard, plan
    from ctepartner.portfolio.summary import check_and_summarize

    request = CheckRequest(paths=tuple(paths or [Path(".")]), as_of=dt.date.fromisoformat(day),
                           jobs=jobs or os.cpu_count() or 1,
                           shard=parse_shard(shard) if shard else (1, 1))
    planned = plan(request)
    results = assess_planned(planned, request.jobs,
                             functools.partial(check_and_summarize, since=since))
    results = progress(ctx, results, len(planned), "Reading partnerships")
    return results, day
