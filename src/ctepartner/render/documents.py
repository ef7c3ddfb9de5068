"""Documents: which ones a command makes, in which formats, and where they are written.

File names come from ids (slugs), so a name never leaves the output folder, and say what the
document is: `report`, `packet-profile-<profile>`, `packet-for-<stakeholder>`,
`agreement-<stakeholder>`. The two packet prefixes differ in their first word after `packet-`,
so no profile id and stakeholder id can ever give the same file name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ctepartner.assess.engine import Assessment, Settings, assess
from ctepartner.config import Paper, find_config
from ctepartner.domain import hazard_words, minors_orders
from ctepartner.errors import UserError
from ctepartner.fileio import write_atomic
from ctepartner.language import (
    ENGLISH,
    available,
    gettext,
    language_name,
    long_date,
    speaking,
    theirs,
)
from ctepartner.load.partnership import Partnership, load
from ctepartner.model.base import Sector
from ctepartner.model.files import PAST_IDENTIFIED, Stakeholder, Status
from ctepartner.printable import shown
from ctepartner.render.brand import Brand, load_brand
from ctepartner.render.environment import render
from ctepartner.render.views import (
    AgreementView,
    PacketView,
    ReportView,
    SurveyFormView,
    agreement_view,
    packet_view,
    report_view,
    training_view,
)
from ctepartner.repository import confined, enclosure
from ctepartner.workers import ordered_map

FORMATS = ("md", "html", "pdf", "docx")
View = ReportView | PacketView | AgreementView | SurveyFormView


@dataclass(frozen=True)
class Document:
    """One document to make: its file stem, its title, its template and its view model."""

    stem: str
    title: str
    template: str
    view: View


@dataclass(frozen=True)
class Alternate:
    """The same document in another language, as a web page links to it."""

    code: str
    name: str  # in its own language: "Español"
    href: str


@dataclass(frozen=True)
class Job:
    """The partnership a documents command works on, with its configuration."""

    directory: Path
    partnership: Partnership
    as_of: dt.date
    templates: Path | None
    settings: Settings
    audience: str = "partners"
    paper: Paper = "letter"
    brand: Brand = field(default_factory=Brand)
    language: str = ENGLISH
    catalogs: tuple[Path, ...] = ()  # the repository's own translations, if any
    beside: tuple[str, ...] = ()  # the languages each document is written in beside this one

    @classmethod
    def open(cls, directory: Path, as_of: dt.date, audience: str = "partners",
             language: str | None = None) -> Job:
        config = find_config(directory)
        _no_markdown_templates(config.templates)
        catalogs = (config.translations,) if config.translations else ()
        _known(language or config.language, catalogs)
        partnership = load(directory)
        convener = partnership.about.convener if partnership.about else None
        brand = load_brand(config.brand, (convener.organization if convener else None)
                           or partnership.name)
        return cls(directory, partnership, as_of, config.templates, config.settings(as_of),
                   audience, config.paper, brand, language or config.language, catalogs)

    def speaking(self) -> AbstractContextManager[None]:
        """Write in this job's language (views, templates, days and numbers, and the
        partnership's own words where it translated them)."""
        own = self.partnership.about.translations if self.partnership.about else {}
        return speaking(self.language, self.catalogs, own.get(self.language))

    def side_by_side(self, codes: list[str]) -> list[Job]:
        """The same job, the partnership loaded once, in each of `codes`, every one knowing
        the others, so that a web page links to its versions in the other languages."""
        for code in codes:
            _known(code, self.catalogs)
        return [replace(self, language=code, beside=tuple(other for other in codes
                                                          if other != code))
                for code in codes]

    def file_name(self, document: Document, fmt: str) -> str:
        """`report.pdf`; in another language than English, `report.es.pdf` beside it."""
        tag = "" if self.language == ENGLISH else f".{self.language}"
        return f"{document.stem}{tag}.{fmt}"

    def assessment(self, partnership: Partnership | None = None) -> Assessment:
        return assess(partnership or self.partnership, self.settings)

    def output_folder(self, out: Path | None) -> Path:
        """`--out`, or `out/` in the partnership. A repository may commit `out` as a link:
        documents are never written through one that leaves the repository."""
        if out is not None:
            return confined(out, "output folder")
        folder = self.directory / "out"
        return confined(folder, "output folder", enclosure(folder) or self.directory)


def _known(code: str, catalogs: tuple[Path, ...]) -> None:
    """Refuse a language no catalog translates into."""
    if code not in available(catalogs):
        raise UserError(f"no translation into {code!r}: documents can be written in "
                        f"{', '.join(available(catalogs))}; a catalog <code>.po in the "
                        "`translations` folder of ctepartner.toml adds a language")


def _no_markdown_templates(folder: Path | None) -> None:
    """A templates folder made for an older release may hold Markdown templates, from which
    no document is written any more: say so, rather than leave a consultant's changes unseen."""
    stale = sorted(path.name for path in folder.glob("*.md.j2")) if folder else []
    if folder and stale:
        raise UserError(f"{shown(folder / stale[0])}: Markdown is now written from the HTML "
                        f"template ({stale[0].replace('.md.j2', '.html.j2')}), the one text "
                        f"of every format; move your changes there and delete "
                        f"{', '.join(stale)}")


def report_document(job: Job, since: str | None = None) -> Document:
    with job.speaking():
        return _report_document(job, since)


def _report_document(job: Job, since: str | None) -> Document:
    now = job.assessment()
    view = report_view(job.partnership, now, job.as_of, job.audience)
    if since:
        from ctepartner.load.since import load_at, revision_day
        from ctepartner.render.changes import changes

        before = load_at(job.directory, since)
        found = changes(before, job.partnership, (job.assessment(before), now), job.audience)
        day = revision_day(job.directory, since)  # a reader is told a day, not a revision
        view = replace(view, changes=found, changes_heading=gettext(
            "What changed since {day}").format(day=long_date(day)) if day
            else gettext("What changed since the last version of the files"))
    return Document("report", gettext("Status report ({day})").format(day=view.as_of),
                    "report", view)


MAX_STEM_ID = 80  # characters of an id in a file name; file systems allow 255 bytes a name


def stem(prefix: str, item_id: str) -> str:
    """A document's file name without its extension: `packet-for-<id>`. A very long id is
    cut and given a short hash of the whole, so the name stays unique and within what a
    file system allows."""
    if len(item_id) <= MAX_STEM_ID:
        return f"{prefix}-{item_id}"
    digest = hashlib.sha256(item_id.encode()).hexdigest()[:10]
    return f"{prefix}-{item_id[:MAX_STEM_ID - 11]}-{digest}"


def _stakeholder(job: Job, stakeholder_id: str) -> Stakeholder:
    for stakeholder in job.partnership.stakeholders:
        if stakeholder.id == stakeholder_id:
            return stakeholder
    raise UserError(f"no stakeholder {stakeholder_id!r} in {job.partnership.name}")


def packet_documents(job: Job, *, profile: str | None = None, stakeholder: str | None = None,
                     everyone: bool = False, draft: bool = False) -> list[Document]:
    with job.speaking():
        return _packet_documents(job, profile, stakeholder, everyone, draft)


def _packet_documents(job: Job, profile: str | None, stakeholder: str | None, everyone: bool,
                      draft: bool) -> list[Document]:
    """Packets for a profile, a stakeholder, or (`everyone`) each profile and each
    stakeholder past `identified`. A packet that asks nothing is not sent: asked for by
    name it is an error unless `draft`; in `everyone` (build) it is written marked DRAFT."""
    profiles = job.partnership.recruitment.profiles if job.partnership.recruitment else []
    documents = []
    for item in profiles:
        if everyone or item.id == profile:
            view = packet_view(job.partnership, job.as_of, profile_id=item.id,
                               audience=job.audience)
            documents.append(Document(stem("packet-profile", item.id), gettext(
                "Recruitment packet: {profile}").format(profile=theirs(item.title or item.id)),
                "packet", view))
    for person in job.partnership.stakeholders:
        if person.id == stakeholder or (everyone and person.status in PAST_IDENTIFIED
                                         and job.audience != "community"):
            view = packet_view(job.partnership, job.as_of, stakeholder=person,
                               audience=job.audience)
            documents.append(Document(stem("packet-for", person.id), gettext(
                "Recruitment packet for {organization}").format(
                organization=person.organization), "packet", view))
    if profile and not any(d.stem == stem("packet-profile", profile) for d in documents):
        raise UserError(f"no profile {profile!r} in {job.partnership.name}")
    if stakeholder and not _stakeholder(job, stakeholder).public and job.audience == "community":
        raise UserError(f"{stakeholder} is not a public partner: a packet for them is not "
                        "written for the community (use --audience partners)")
    checked = [_substance(d, "asks nothing of them (no asks in the profile)", draft or everyone)
               for d in documents]
    if everyone and job.audience == "community":  # a DRAFT is never published
        return [d for d in checked if not getattr(d.view, "draft", False)]
    return checked


def _substance(document: Document, missing: str, draft: bool) -> Document:
    """The document as it is, or marked DRAFT when it lacks its substance (`draft`), or a
    user error that says what is missing."""
    view = document.view
    if isinstance(view, PacketView) and not view.asks:
        marked: View = replace(view, draft=True)
    elif isinstance(view, AgreementView) and view.draft:
        marked = view
    else:
        return document
    if not draft:
        raise UserError(f"{document.title} {missing}; add it first, or use --draft to write "
                        "it marked DRAFT")
    return replace(document, view=marked)


def _lawful_placement(stakeholder: Stakeholder, draft: bool) -> bool:
    """Whether the placement may be agreed: a training agreement is not written for work
    no one under 18 may do (CP609), unless as a draft to correct (`draft`)."""
    forbidden = minors_orders(stakeholder.asks, exempt=False)
    if forbidden and not draft:
        raise UserError(f"{stakeholder.organization}'s placement may put a student under 18 in "
                        f"{hazard_words(forbidden)}, which no one under 18 may do (CP609): "
                        "set the ask's min_age to 18 or take the task out, or use --draft")
    return not forbidden


def _school(job: Job, school: str | None, kind: str) -> Stakeholder | None:
    """The stakeholder `--school` names: a school or college of the partnership."""
    if school is None:
        return None
    if kind != "training":
        raise UserError("--school names the student's school for a training agreement "
                        "(--kind training)")
    found = _stakeholder(job, school)
    if found.sector not in (Sector.K12, Sector.POSTSECONDARY):
        raise UserError(f"--school {school!r}: {found.organization} is no school or college "
                        "(its sector is neither k12 nor postsecondary)")
    return found


def agreement_documents(job: Job, *, stakeholder: str | None = None, everyone: bool = False,
                        draft: bool = False, kind: str = "partnership",
                        school: str | None = None) -> list[Document]:
    with job.speaking():
        return _agreement_documents(job, stakeholder, everyone, draft, kind, school)


def _agreement_documents(job: Job, stakeholder: str | None, everyone: bool, draft: bool,
                         kind: str, school: str | None) -> list[Document]:
    """Agreements for one stakeholder, or (`everyone`) each committed or active one; one
    that would say nothing of what the partner does is handled as `_substance` says. The
    `training` kind is the work-based learning agreement for one placement with them,
    whose school coordinator belongs to `school` (a K-12 or postsecondary stakeholder)."""
    coordinator = _school(job, school, kind)
    if stakeholder:
        chosen = [_stakeholder(job, stakeholder)]
    elif everyone and kind == "partnership":
        engaged = (Status.COMMITTED, Status.ACTIVE)
        chosen = [s for s in job.partnership.stakeholders if s.status in engaged]
    elif kind == "training":
        raise UserError("a training agreement is for one employer: name it (--stakeholder ID)")
    else:
        raise UserError("name a stakeholder (--stakeholder ID) or use --all")
    if kind == "training":
        documents = []
        for s in chosen:
            view = training_view(job.partnership, job.as_of, s, job.templates, coordinator)
            if not _lawful_placement(s, draft):
                view = replace(view, draft=True)
            documents.append(_substance(Document(
                stem("training-agreement", s.id), gettext(
                    "Work-based learning agreement with {organization}").format(
                    organization=s.organization), "agreement", view),
                "hosts no students (no ask of a kind that does, such as job_shadow or "
                "internship)", draft))
        return documents
    return [_substance(Document(stem("agreement", s.id), gettext(
        "Partnership agreement with {organization}").format(organization=s.organization),
        "agreement",
                                agreement_view(job.partnership, job.as_of, s, job.templates)),
                       "says nothing of what they do (no role with responsibilities)",
                       draft or everyone) for s in chosen]


def content(document: Document, fmt: str, job: Job) -> bytes:
    """One document in one format: HTML from its template, and Markdown, the PDF and the
    Word file from that HTML's one text (`tree.read`)."""
    return finish(document, fmt, job, draft(document, fmt, job))


def draft(document: Document, fmt: str, job: Job) -> bytes:
    """The document in `fmt`, but for a PDF its HTML, which `finish` typesets."""
    with job.speaking():
        return _draft(document, fmt, job)


def _draft(document: Document, fmt: str, job: Job) -> bytes:
    alternates = [Alternate(code, language_name(code), replace(job, language=code).file_name(
        document, "html")) for code in job.beside]
    html = render(f"{document.template}.html.j2", job.templates, v=document.view,
                  paper=job.paper, brand=job.brand, alternates=alternates)
    if fmt in ("html", "pdf"):
        return html.encode()
    if fmt == "md":
        from ctepartner.render.markdown import markdown

        return markdown(html).encode()
    from ctepartner.render.word import html_to_docx

    return html_to_docx(html, title=full_title(document), author=document.view.about.convener
                        or document.view.about.name, as_of=job.as_of.isoformat(),
                        paper=job.paper, brand=job.brand, language=job.language)


def full_title(document: Document) -> str:
    """The title a PDF or Word file gives itself: the partnership's name, then the
    document's ("Rutherford Works: Status report (2026-11-22)")."""
    name = document.view.about.name
    return document.title if document.title.startswith(name) else f"{name}: {document.title}"


def finish(document: Document, fmt: str, job: Job, drafted: bytes) -> bytes:
    """A draft as it is written: a PDF typeset from its HTML, anything else as it is."""
    if fmt != "pdf":
        return drafted
    from ctepartner.render.typeset import Page, html_to_pdf

    about = document.view.about
    with job.speaking():  # a thread of write_documents: the job's language is set here
        footer = gettext("Page {page} of {pages}")
    return html_to_pdf(drafted.decode(), Page(title=full_title(document),
                                              author=about.convener or about.name,
                                              language=job.language, as_of=job.as_of,
                                              paper=job.paper, brand=job.brand,
                                              footer=footer))


# What forked workers render from: set before the pool starts, so a worker has it without
# pickling a partnership for every task (workers.ordered_map's `fork_only`).
_SHARED: tuple[list[Document], Job] | None = None
RENDER_CHUNK = 4  # documents in one format per task: a Word file takes 30-40 ms


def _render(task: tuple[int, str]) -> bytes:
    assert _SHARED is not None
    documents, job = _SHARED
    index, fmt = task
    return draft(documents[index], fmt, job)


def write_documents(documents: list[Document], formats: list[str], out: Path, job: Job,
                    processes: int = 1) -> Iterator[Path]:
    """Write each document in each format into `out`, each file atomically, as it is
    rendered: by up to `processes` forked workers, with the bytes of a serial run. PDFs are
    typeset here, by as many threads: Typst runs threads of its own, which a process
    forked after it has run would find stopped."""
    global _SHARED
    tasks = [(index, fmt) for index in range(len(documents)) for fmt in formats]
    _SHARED = (documents, job)
    try:
        drafts = ordered_map(_render, tasks, processes, chunk=RENDER_CHUNK, fork_only=True)
        window: deque[tuple[Path, Future[bytes]]] = deque()  # in order, a few at a time
        with ThreadPoolExecutor(max(processes, 1)) as typesetters:
            for (index, fmt), drafted in zip(tasks, drafts, strict=True):
                window.append((out / job.file_name(documents[index], fmt), typesetters.submit(
                    finish, documents[index], fmt, job, drafted)))
                while len(window) > 2 * max(processes, 1):
                    yield _written(*window.popleft())
            while window:
                yield _written(*window.popleft())
    finally:
        _SHARED = None


def _written(path: Path, data: Future[bytes]) -> Path:
    write_atomic(path, data.result())
    return path


def index_page(name: str, as_of: dt.date, written: list[tuple[Job, list[Document]]],
               formats: list[str]) -> bytes:
    """`index.html`, linking every document written by `build`: one row a document, titled
    in the first language, one column a language, side by side."""
    first, documents = written[0]
    rows = [(document.title, [[(fmt.upper(), job.file_name(document, fmt)) for fmt in formats]
                              for job, _ in written]) for document in documents]
    with first.speaking():
        columns = [language_name(job.language) for job, _ in written] if len(written) > 1 \
            else [gettext("Formats")]
        return render("index.html.j2", first.templates, name=name, as_of=long_date(as_of),
                      columns=columns, documents=rows, paper=first.paper,
                      brand=first.brand).encode()
