"""`report`, `packet`, `agreement`, `build`, `templates`: the documents."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ctepartner.errors import UserError

if TYPE_CHECKING:
    from ctepartner.render.documents import Document, Job

from ctepartner.cli.app import (
    AsOfOption,
    PartnershipPath,
    app,
    as_of_date,
    echo,
    one_partnership,
    progress,
)


class DocumentFormat(StrEnum):
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


class Audience(StrEnum):
    CONVENER = "convener"  # everything, temperature-check ratings and notes included
    PARTNERS = "partners"  # every partner: no partner's rating, check-in or satisfaction
    COMMUNITY = "community"  # the public


FormatOption = Annotated[DocumentFormat, typer.Option("--format", "-f",
                                                      help="md, html, pdf or docx.")]
OutOption = Annotated[str | None, typer.Option("--output", "-o", "--out", metavar="DIR",
                                               help="Where to write "
                                               "(default: out/ in the partnership); - for "
                                               "stdout (md only).", show_default=False)]
DraftOption = Annotated[bool, typer.Option("--draft", help="Write a document that lacks its "
                                          "substance (no asks, no role), marked DRAFT.")]
AudienceOption = Annotated[Audience, typer.Option(help="convener: your working copy, with "
                                                  "every rating and note; partners: for "
                                                  "every partner, no partner's rating or "
                                                  "check-in; community: only what the "
                                                  "public may see.")]


LangOption = Annotated[str | None, typer.Option(
    "--lang", metavar="CODE", help="The documents' language: en, es, or a catalog of the "
    "repository's (default: `language` in ctepartner.toml, else en).", show_default=False)]


class AgreementKind(StrEnum):
    PARTNERSHIP = "partnership"
    TRAINING = "training"


def write_out(job: Job, documents: list[Document], fmt: str, out: str | None) -> None:
    """Write documents in one format to `--output` (or stdout with `-`), saying where."""
    from ctepartner.render.documents import content, write_documents

    if out == "-":
        if fmt != "md":
            raise UserError("--output - writes Markdown only; use --format md")
        for document in documents:
            sys.stdout.write(content(document, "md", job).decode())
        return
    folder = job.output_folder(Path(out) if out else None)
    for path in write_documents(documents, [fmt], folder, job):
        echo(f"wrote {path}")


def open_job(path: Path, as_of: str | None, audience: Audience = Audience.PARTNERS,
             lang: str | None = None) -> Job:
    """The partnership at `path`, with its configuration, as a documents command uses it."""
    from ctepartner.render.documents import Job

    return Job.open(one_partnership(path), as_of_date(as_of), audience.value, lang)


@app.command()
def report(
    path: PartnershipPath = Path("."),
    output_format: FormatOption = DocumentFormat.MD,
    out: OutOption = None,
    since: Annotated[str | None, typer.Option(metavar="GIT-REV", help="Add what changed since "
                                              "this git revision.")] = None,
    audience: AudienceOption = Audience.PARTNERS,
    as_of: AsOfOption = None,
    lang: LangOption = None,
) -> None:
    """The status report: scorecard, metrics with charts, pipeline, what is due, load.

    Also: agreements ending, temperature checks and the action plan; with --since, what
    changed since a git revision.
    """
    from ctepartner.render.documents import report_document

    job = open_job(path, as_of, audience, lang)
    write_out(job, [report_document(job, since)], output_format.value, out)


@app.command()
def packet(
    path: PartnershipPath = Path("."),
    profile: Annotated[str | None, typer.Option(help="A participant profile's id.")] = None,
    stakeholder: Annotated[str | None, typer.Option(help="A stakeholder's id: a personalised "
                                                    "packet.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every profile, and every stakeholder "
                                       "past identified.")] = False,
    output_format: FormatOption = DocumentFormat.MD,
    out: OutOption = None,
    audience: AudienceOption = Audience.PARTNERS,
    as_of: AsOfOption = None,
    draft: DraftOption = False,
    lang: LangOption = None,
) -> None:
    """Recruitment packets: purpose, the need, the personalised ask, time, benefits, role."""
    from ctepartner.render.documents import packet_documents

    if not (profile or stakeholder or all_):
        raise UserError("name a profile (--profile ID), a stakeholder (--stakeholder ID), "
                        "or use --all")
    job = open_job(path, as_of, audience, lang)
    documents = packet_documents(job, profile=profile, stakeholder=stakeholder, everyone=all_,
                                 draft=draft)
    write_out(job, documents, output_format.value, out)


@app.command()
def agreement(
    path: PartnershipPath = Path("."),
    stakeholder: Annotated[str | None, typer.Option(help="A stakeholder's id.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every committed or active "
                                       "stakeholder.")] = False,
    output_format: FormatOption = DocumentFormat.MD,
    out: OutOption = None,
    as_of: AsOfOption = None,
    draft: DraftOption = False,
    kind: Annotated[AgreementKind, typer.Option(help="partnership: the memorandum with the "
                                                "convener; training: the work-based learning "
                                                "agreement for one placement.")
                    ] = AgreementKind.PARTNERSHIP,
    school: Annotated[str | None, typer.Option(help="Training agreements: the student's "
                                               "school or college (a k12 or postsecondary "
                                               "stakeholder's id); its coordinator signs.")
                      ] = None,
    lang: LangOption = None,
) -> None:
    """Partnership agreements counsel can start from, or a placement's training agreement.

    A partnership agreement has the parties, purpose, term, each party's responsibilities,
    communications, measuring success, student privacy, insurance, safety, non-
    discrimination, amendment and ending, governing law and signatures. A training
    agreement has four signature lines (student, parent or guardian, employer supervisor,
    school coordinator) and blank lines for the student's details.
    """
    from ctepartner.render.documents import agreement_documents

    job = open_job(path, as_of, lang=lang)
    documents = agreement_documents(job, stakeholder=stakeholder, everyone=all_, draft=draft,
                                    kind=kind.value, school=school)
    write_out(job, documents, output_format.value, out)


@app.command()
def build(
    ctx: typer.Context,
    path: PartnershipPath = Path("."),
    output_format: Annotated[list[str] | None, typer.Option(
        "--format", "-f", metavar="[md|html|pdf|docx]", help="Repeatable, or comma-separated "
        "(md,html,pdf,docx); default: md and html.", show_default=False)] = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", "--out", metavar="DIR",
                                             help="Where to write "
                                             "(default: out/ in the partnership).")] = None,
    audience: AudienceOption = Audience.PARTNERS,
    as_of: AsOfOption = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes that render "
                                 "documents (default: every core).", show_default=False)
    ] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="CODES", help="The documents' languages, comma-separated (en,es): "
        "each written beside the others, report.es.html beside report.html (default: "
        "`language` in ctepartner.toml, else en).", show_default=False)] = None,
) -> None:
    """Every document (report, packets, agreements) and an index.html that links them."""
    from ctepartner.fileio import write_atomic
    from ctepartner.render.documents import (
        agreement_documents,
        index_page,
        packet_documents,
        report_document,
        write_documents,
    )

    codes = list(dict.fromkeys(code.strip() for code in (lang or "").split(",") if code.strip()))
    first = open_job(path, as_of, audience, codes[0] if codes else None)
    languages = first.side_by_side(codes) if len(codes) > 1 else [first]
    formats = _formats(output_format or ["md", "html"])
    folder = first.output_folder(out)
    made = []
    for job in languages:
        documents = [report_document(job), *packet_documents(job, everyone=True)]
        if audience is not Audience.COMMUNITY:
            documents += agreement_documents(job, everyone=True)
        made.append((job, documents))
    count = sum(len(documents) for _, documents in made) * len(formats)
    files = (path for job, documents in made for path in write_documents(
        documents, formats, folder, job, jobs or os.cpu_count() or 1))
    written = list(progress(ctx, files, count, "Writing documents"))
    index = folder / "index.html"
    write_atomic(index, index_page(first.partnership.name, first.as_of, made, formats))
    echo(f"wrote {len(written) + 1} files to {folder} (open {index})")
    for job in languages:
        _say_missing(job)


def _formats(given: list[str]) -> list[str]:
    """`--format pdf --format docx` or `--format pdf,docx`: each format once, in order."""
    formats = list(dict.fromkeys(part.strip().lower() for value in given
                                 for part in value.split(",") if part.strip()))
    known = [f.value for f in DocumentFormat]
    for fmt in formats:
        if fmt not in known:
            raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(known)}",
                                     param_hint="'--format'")
    return formats


def _say_missing(job: Job) -> None:
    """How many of the documents' sentences have no translation into the job's language:
    they read in English."""
    from ctepartner.language import ENGLISH, language_name, missing

    if job.language == ENGLISH:
        return
    lacking = len(missing(job.language, job.catalogs))
    if lacking:
        echo(f"{lacking:,} sentences have no {language_name(job.language, in_english=True)} "
             "translation and "
             f"read in English (`ctepartner translations --lang {job.language}` lists them)")


@app.command()
def translations(
    path: PartnershipPath = Path("."),
    lang: Annotated[str, typer.Option("--lang", metavar="CODE", help="The language whose "
                                      "catalog to check: es, or one of the repository's.")
                    ] = "es",
) -> None:
    """The sentences of the documents a language's catalog does not translate yet.

    Each is written in English until its catalog has it. A repository adds a language with
    a catalog `<code>.po` (gettext's format; start from the packaged
    `ctepartner/locale/ctepartner.pot`) in the folder `translations` names in
    ctepartner.toml. Exit 1 while any is missing, so CI can require a complete catalog.
    """
    from ctepartner.config import find_config
    from ctepartner.language import TEMPLATE, catalog_path, language_name, missing

    config = find_config(path)
    folders = (config.translations,) if config.translations else ()
    found = catalog_path(lang, folders)
    if found is None:
        raise UserError(f"no catalog {lang}.po in {', '.join(map(str, folders)) or 'the '}"
                        f"{' or the ' if folders else ''}packaged catalogs; copy {TEMPLATE} "
                        f"to {lang}.po in your `translations` folder and translate it")
    lacking = missing(lang, folders)
    for message in lacking:
        echo(message)
    from ctepartner.printable import printable, shown

    typer.echo(printable(f"{shown(found)}: {len(lacking):,} of the documents' sentences have "
                         f"no {language_name(lang, in_english=True)} translation"), err=True)
    if lacking:
        raise typer.Exit(1)


templates_app = typer.Typer(help="The document templates, to brand them.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")


@templates_app.command("list")
def templates_list() -> None:
    """The packaged template file names."""
    from ctepartner.render.environment import packaged_templates

    for template in sorted(packaged_templates().glob("*.j2")):
        echo(template.name)


@templates_app.command("copy")
def templates_copy(
    name: Annotated[str, typer.Argument(help="A template file name (see `templates list`).")],
    to: Annotated[Path, typer.Option(help="The templates folder of your configuration.")
                  ] = Path("templates"),
) -> None:
    """Copy a packaged template into your templates folder, to change it there."""
    from ctepartner.fileio import write_atomic
    from ctepartner.render.environment import packaged_templates

    source = packaged_templates() / name
    if source.suffix != ".j2" or not source.is_file():
        raise UserError(f"no template {name!r}: `ctepartner templates list` shows them")
    target = to / name
    if target.exists():
        raise UserError(f"{target} already exists; copy refuses to overwrite it")
    write_atomic(target, source.read_bytes())
    echo(f"wrote {target}; set `templates = \"{to}\"` in ctepartner.toml to use it")


