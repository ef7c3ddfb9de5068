"""`survey form`, `survey import`, `survey results`: the partners' own voice."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ctepartner.cli.app import (
    AsOfOption,
    DryRunOption,
    PartnershipPath,
    app,
    as_of_date,
    colour,
    echo,
    refuse_bad_rows,
)
from ctepartner.cli.documents import LangOption, OutOption, open_job, write_out
from ctepartner.errors import UserError

survey_app = typer.Typer(help="The partner survey: the form to send, its answers imported, "
                         "its results.", no_args_is_help=True)
app.add_typer(survey_app, name="survey")


class FormFormat(StrEnum):
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    CSV = "csv"


class ResultsFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@survey_app.command("form")
def form(
    path: PartnershipPath = Path("."),
    output_format: Annotated[FormFormat, typer.Option(
        "--format", "-f", help="md, html, pdf or docx to send; csv (id, element, category, "
        "text) to paste into an online form tool.")] = FormFormat.MD,
    out: OutOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """The questionnaire: the packaged questions and survey.yaml's own, by element, 1-5."""
    from ctepartner.language import gettext
    from ctepartner.render.documents import Document
    from ctepartner.render.views import survey_form_view

    job = open_job(path, as_of, lang=lang)
    with job.speaking():
        view = survey_form_view(job.partnership, job.as_of)
        title = gettext("Partner survey")
    document = Document("survey-form", title, "survey", view)
    if output_format is FormFormat.CSV:
        import csv
        import io

        from ctepartner.author.roster import guard
        from ctepartner.fileio import write_atomic
        from ctepartner.survey.bank import questions

        said = {question.id: question.text for _, asked in view.groups for question in asked}
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["id", "element", "category", "text"])
        for question in questions(job.partnership).values():  # its text as the form says it
            writer.writerow([question.id, question.element, question.category.value,
                             guard(said.get(question.id, question.text))])
        if out in (None, "-"):
            sys.stdout.write(buffer.getvalue())
            return
        target = job.output_folder(Path(out)) / job.file_name(document, "csv")
        write_atomic(target, buffer.getvalue().encode("utf-8"))
        echo(f"wrote {target}")
        return
    write_out(job, [document], output_format.value, out)


@survey_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A form tool's export, .csv or .xlsx.")],
    wave: Annotated[str, typer.Option(help="The wave's id (like 2026-fall): added, or "
                                      "added to.")],
    path: PartnershipPath = Path("."),
    opened: Annotated[str | None, typer.Option(metavar="DATE", help="When a new wave opened "
                                               "(default: today).")] = None,
    map_: Annotated[list[str] | None, typer.Option(
        "--map", help='Read a column as a question: "Column=question-id"; '
        '"Column=organization" for the respondent; "Column=" leaves it out (repeatable).')
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Read a form tool's export into a survey wave, by stakeholder; names, emails and
    timestamps are dropped, never written."""
    from ctepartner.author.answers import form_headers, import_survey, parse_map
    from ctepartner.author.roster import read_headers, read_table
    from ctepartner.cli.app import one_partnership

    directory = one_partnership(path)
    rows = read_table(file, form_headers)
    result, written = import_survey(directory, (read_headers(file, form_headers), rows), wave,
                                    parse_map(map_ or []), opened=as_of_date(opened),
                                    dry_run=dry_run)
    refuse_bad_rows(file, result.errors)
    left_out = f"; left out: {', '.join(result.dropped)}" if result.dropped else ""
    if dry_run:
        echo(f"would import {len(result.answered)} responses into wave {wave}{left_out}")
    elif written:
        echo(f"wave {wave}: {result.added} responses added, {result.updated} updated"
                   f"{left_out}; wrote {written}")


@survey_app.command("results")
def results(
    path: PartnershipPath = Path("."),
    wave: Annotated[str | None, typer.Option(help="A wave's id (default: the latest).")
                    ] = None,
    output_format: Annotated[ResultsFormat, typer.Option("--format", "-f")
                             ] = ResultsFormat.TEXT,
) -> None:
    """Means by element and by evaluation category, overall and by sector, with how many
    answered; a group under three stakeholders is never shown; change since the last wave."""
    from ctepartner.cli.app import one_partnership
    from ctepartner.load.partnership import load
    from ctepartner.output.survey import as_json, write_json, write_text
    from ctepartner.survey.scoring import score, waves

    partnership = load(one_partnership(path))
    found = waves(partnership)
    if not found:
        raise UserError(f"{partnership.name} has no survey wave yet: send the form "
                        "(`ctepartner survey form`) and import the answers")
    ids = [w.id for w in found]
    if wave is not None and wave not in ids:
        raise UserError(f"no survey wave {wave!r}; the waves are {', '.join(ids)}")
    index = ids.index(wave) if wave else len(found) - 1
    previous = score(partnership, found[index - 1]) if index else None
    report = as_json(partnership.name, score(partnership, found[index]), previous)
    if output_format is ResultsFormat.JSON:
        write_json(report, sys.stdout)
    else:
        write_text(report, sys.stdout, color=colour(None))
