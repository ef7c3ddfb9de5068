"""`init`: start a new partnership."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ctepartner.cli.app import (
    app,
)
from ctepartner.errors import UserError

_SCOPES = ("state", "regional", "local")
_STAGES = ("planning", "launching", "operating", "sustaining")


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="The new partnership's folder.")] = Path("."),
    name: Annotated[str | None, typer.Option(help="The partnership's name.")] = None,
    scope: Annotated[str | None, typer.Option(help="state, regional or local.")] = None,
    region: Annotated[str | None, typer.Option(help="The area it serves.")] = None,
    stage: Annotated[str | None, typer.Option(help="planning, launching, operating or "
                                              "sustaining (default: planning).")] = None,
    convener: Annotated[str | None, typer.Option(help="The convening organization.")] = None,
    convener_kind: Annotated[str | None, typer.Option(
        help="state_agency, workforce_board, chamber_of_commerce, economic_development, "
        "postsecondary, school_district, service_cooperative, nonprofit, employer or other.")
    ] = None,
    lead: Annotated[str | None, typer.Option(help="The person (or role) who leads.")] = None,
    purpose: Annotated[str | None, typer.Option(help="The purpose statement.")] = None,
    industry: Annotated[list[str] | None, typer.Option(
        help="A target industry (repeatable).")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Ask nothing; use the options "
                                      "and defaults.")] = False,
    force: Annotated[bool, typer.Option(help="Replace files the scaffold would write.")] = False,
) -> None:
    """Start a new partnership: every file, with comments that teach each field.

    On a terminal it asks its questions; with --yes (or no terminal) it asks nothing.
    """
    from ctepartner.author.init import init_partnership
    from ctepartner.author.scaffold import NewPartnership
    from ctepartner.model.files import ConvenerKind

    ask = not yes and sys.stdin.isatty()

    def answer(value: str | None, question: str, default: str, choices: tuple[str, ...] = ()
               ) -> str:
        if value is None and ask:
            shown = f"{question} ({', '.join(choices)})" if 0 < len(choices) <= 4 else question
            value = typer.prompt(shown, default=default)
        value = default if value is None else value.strip()
        if choices and value not in choices:
            raise UserError(f"{question.lower()} must be one of {', '.join(choices)}, "
                            f"not {value!r}")
        return value

    default_name = directory.resolve().name.replace("-", " ").replace("_", " ").title()
    new = NewPartnership(
        name=answer(name, "Name", default_name),
        scope=answer(scope, "Scope", "regional", _SCOPES),
        region=answer(region, "Region", ""),
        stage=answer(stage, "Stage", "planning", _STAGES),
        convener=answer(convener, "Convener", ""),
        convener_kind=answer(convener_kind, "Convener kind", "other",
                             tuple(kind.value for kind in ConvenerKind)),
        lead=answer(lead, "Lead", ""),
        purpose=answer(purpose, "Purpose statement", ""),
        industries=tuple(industry or [p.strip() for p in answer(
            None, "Target industries (comma-separated)", "").split(",") if p.strip()]),
    )
    written = init_partnership(directory, new, force=force)
    typer.echo(f"Started {new.name} in {directory} ({len(written)} files).")
    typer.echo(f"Next: `ctepartner check {directory}` lists what the partnership still needs.")


