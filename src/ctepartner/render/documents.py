"""Documents: which ones a command makes, in which formats, and where they are written.

File names come from ids (slugs), so a name never leaves the output folder, and say what the
document is: `report`, `packet-profile-<profile>`, `packet-for-<stakeholder>`,
`agreement-<stakeholder>`. The two packet prefixes differ in their first word after `packet-`,
so no profile id and stakeholder id can ever give the same file name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from ctepartner.assess.engine import Assessment, Settings, assess
from ctepartner.config import find_config
from ctepartner.errors import UserError
from ctepartner.fileio import write_atomic
from ctepartner.load.partnership import Partnership, load
from ctepartner.load.source import boundary
from ctepartner.model.files import PAST_IDENTIFIED, Stakeholder, Status
from ctepartner.render.environment import render
from ctepartner.render.views import (
    AgreementView,
    PacketView,
    ReportView,
    agreement_view,
    packet_view,
    report_view,
)

FORMATS = ("md", "html", "pdf", "docx")
View = ReportView | PacketView | AgreementView


@dataclass(frozen=True)
class Document:
    """One document to make: its file stem, its title, its template and its view model."""

    stem: str
    title: str
    template: str
    view: View


@dataclass(frozen=True)
class Job:
    """The partnership a documents command works on, with its configuration."""

    directory: Path
    partnership: Partnership
    as_of: dt.date
    templates: Path | None
    settings: Settings
    audience: str = "partners"

    @classmethod
    def open(cls, directory: Path, as_of: dt.date, audience: str = "partners") -> Job:
        config = find_config(directory)
        settings = Settings(as_of=as_of, ignore=config.ignore, severity=config.severity)
        return cls(directory, load(directory), as_of, config.templates, settings, audience)

    def assessment(self, partnership: Partnership | None = None) -> Assessment:
        return assess(partnership or self.partnership, self.settings)

    def output_folder(self, out: Path | None) -> Path:
        """`--out`, or `out/` in the partnership. A repository may commit `out` as a link:
        documents are never written through one that leaves the repository."""
        if out is not None:
            return out
        folder = self.directory / "out"
        if folder.is_symlink() and not folder.resolve().is_relative_to(boundary(self.directory)):
            raise UserError(f"{folder} is a link that leaves the repository; documents are not "
                            "written through it (remove the link, or give --out)")
        return folder


def report_document(job: Job, since: str | None = None) -> Document:
    now = job.assessment()
    view = report_view(job.partnership, now, job.as_of, job.audience)
    if since:
        from ctepartner.render.since import changes, load_at

        before = load_at(job.directory, since)
        found = [change for change in changes(before, job.partnership,
                                              (job.assessment(before), now))
                 if job.audience == "partners" or change.kind != "stakeholder"]
        view = replace(view, changes=found, since=since)
    return Document("report", f"Status report ({view.as_of})", "report", view)


def _stakeholder(job: Job, stakeholder_id: str) -> Stakeholder:
    for stakeholder in job.partnership.stakeholders:
        if stakeholder.id == stakeholder_id:
            return stakeholder
    raise UserError(f"no stakeholder {stakeholder_id!r} in {job.partnership.name}")


def packet_documents(job: Job, *, profile: str | None = None, stakeholder: str | None = None,
                     everyone: bool = False, draft: bool = False) -> list[Document]:
    """Packets for a profile, a stakeholder, or (`everyone`) each profile and each
    stakeholder past `identified`. A packet that asks nothing is not sent: asked for by
    name it is an error unless `draft`; in `everyone` (build) it is written marked DRAFT."""
    profiles = job.partnership.recruitment.profiles if job.partnership.recruitment else []
    documents = []
    for item in profiles:
        if everyone or item.id == profile:
            view = packet_view(job.partnership, job.as_of, profile_id=item.id,
                               audience=job.audience)
            documents.append(Document(f"packet-profile-{item.id}", f"Recruitment packet: "
                                      f"{item.title or item.id}", "packet", view))
    for person in job.partnership.stakeholders:
        if person.id == stakeholder or (everyone and person.status in PAST_IDENTIFIED):
            view = packet_view(job.partnership, job.as_of, stakeholder=person,
                               audience=job.audience)
            documents.append(Document(f"packet-for-{person.id}", f"Recruitment packet for "
                                      f"{person.organization}", "packet", view))
    if profile and not any(d.stem == f"packet-profile-{profile}" for d in documents):
        raise UserError(f"no profile {profile!r} in {job.partnership.name}")
    if stakeholder:
        _stakeholder(job, stakeholder)
    return [_substance(d, "asks nothing of them (no asks in the profile)", draft or everyone)
            for d in documents]


def _substance(document: Document, missing: str, draft: bool) -> Document:
    """The document as it is, or marked DRAFT when it lacks its substance (`draft`), or a
    user error that says what is missing."""
    view = document.view
    if isinstance(view, PacketView) and not view.asks:
        marked: View = replace(view, draft=True)
    elif isinstance(view, AgreementView) and not view.responsibilities:
        marked = replace(view, draft=True)
    else:
        return document
    if not draft:
        raise UserError(f"{document.title} {missing}; add it first, or use --draft to write "
                        "it marked DRAFT")
    return replace(document, view=marked)


def agreement_documents(job: Job, *, stakeholder: str | None = None, everyone: bool = False,
                        draft: bool = False) -> list[Document]:
    """Agreements for one stakeholder, or (`everyone`) each committed or active one; one
    that would say nothing of what the partner does is handled as `_substance` says."""
    if stakeholder:
        chosen = [_stakeholder(job, stakeholder)]
    elif everyone:
        engaged = (Status.COMMITTED, Status.ACTIVE)
        chosen = [s for s in job.partnership.stakeholders if s.status in engaged]
    else:
        raise UserError("name a stakeholder (--stakeholder ID) or use --all")
    return [_substance(Document(f"agreement-{s.id}", f"Partnership agreement with "
                                f"{s.organization}", "agreement",
                                agreement_view(job.partnership, job.as_of, s)),
                       "says nothing of what they do (no role with responsibilities)",
                       draft or everyone) for s in chosen]


def content(document: Document, fmt: str, templates: Path | None) -> bytes:
    """One document in one format."""
    if fmt == "docx":
        if not isinstance(document.view, AgreementView):
            raise UserError("DOCX is made for partnership agreements only; use md, html or pdf")
        from ctepartner.render.word import agreement_docx

        return agreement_docx(document.view)
    if fmt == "md":
        return render(f"{document.template}.md.j2", templates, v=document.view).encode()
    html = render(f"{document.template}.html.j2", templates, v=document.view)
    if fmt == "html":
        return html.encode()
    from ctepartner.render.pdf import html_to_pdf

    return html_to_pdf(html)


def write_documents(documents: list[Document], formats: list[str], out: Path,
                    templates: Path | None, *, every_format: bool = False) -> list[Path]:
    """Write each document in each format into `out`; every file is written atomically.

    With `every_format` (`build`), a document is written in those of the formats it comes
    in (DOCX: agreements); otherwise a format a document does not come in is a user error,
    never a run that exits 0 and writes nothing.
    """
    written = []
    for document in documents:
        for fmt in formats:
            if every_format and fmt == "docx" and not isinstance(document.view, AgreementView):
                continue
            path = out / f"{document.stem}.{fmt}"
            write_atomic(path, content(document, fmt, templates))
            written.append(path)
    return written


def index_page(name: str, as_of: dt.date, documents: list[Document], formats: list[str],
               templates: Path | None) -> bytes:
    """`index.html`, linking every document written by `build`."""
    rows = [
        (document.title, [(fmt.upper(), f"{document.stem}.{fmt}") for fmt in formats
                          if fmt != "docx" or isinstance(document.view, AgreementView)])
        for document in documents
    ]
    return render("index.html.j2", templates, name=name, as_of=as_of.isoformat(),
                  documents=rows).encode()
