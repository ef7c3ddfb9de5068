"""`init`: start a new partnership."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ctepartner.cli.app import (
    app,
    echo,
)

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
) -> None:
    """Start a new partnership, or fill in the missing files of one: every file, with
    comments that teach each field. A file that exists is never replaced.

    On a terminal it asks its questions, listing the choices; with --yes (or no terminal) it
    asks nothing.
    """
    from ctepartner.author.init import ask, chosen, init_partnership
    from ctepartner.author.scaffold import NewPartnership
    from ctepartner.model.files import ConvenerKind

    interactive = not yes and sys.stdin.isatty()

    def answer(value: str | None, option: str, question: str, default: str,
               choices: tuple[str, ...] = ()) -> str:
        if value is not None:
            return chosen(value, option, choices) if choices else value.strip()
        if not interactive:
            return default
        return ask(lambda shown, fallback: str(typer.prompt(shown, default=fallback)),
                   question, default, choices)

    kinds = tuple(kind.value for kind in ConvenerKind)
    default_name = directory.resolve().name.replace("-", " ").replace("_", " ").title()
    industries = industry or [part.strip() for part in answer(
        None, "--industry", "Target industries (one line, separated by semicolons)", ""
    ).split(";") if part.strip()]
    new = NewPartnership(
        name=answer(name, "--name", "Name", default_name),
        scope=answer(scope, "--scope", "Scope", "regional", _SCOPES),
        region=answer(region, "--region", "Region", ""),
        stage=answer(stage, "--stage", "Stage", "planning", _STAGES),
        convener=answer(convener, "--convener", "Convener", ""),
        convener_kind=answer(convener_kind, "--convener-kind", "Convener kind", "other", kinds),
        lead=answer(lead, "--lead", "Lead (name, or role)", ""),
        purpose=answer(purpose, "--purpose", "Purpose statement", ""),
        industries=tuple(industries),
    )
    written, kept = init_partnership(directory, new)
    if kept:
        echo(f"Kept {len(kept)} existing file(s) as they are; wrote {len(written)} "
                   f"missing one(s) in {directory}.")
    else:
        echo(f"Started {new.name} in {directory} ({len(written)} files).")
    echo(f"Next: `ctepartner check {directory}` lists what the partnership still needs.")




@app.command("set")
def set_command(
    key: Annotated[str, typer.Argument(help="A dotted key: the file, then fields, items by "
                                       "id (stakeholders.acme.agreement.status).")],
    values: Annotated[list[str], typer.Argument(help="The value; several make a list.",
                                                metavar="VALUE...")],
    path: Annotated[Path, typer.Option("--path", help="The partnership folder (or a file in "
                                       "it).", show_default=".")] = Path("."),
) -> None:
    """Set one field anywhere in the partnership, keeping every comment.

    The value is checked as `check` would check it before anything is written.
    """
    from ctepartner.author.setter import set_field

    written = set_field(path, key, values)
    echo(f"Set {key} in {written}.")
