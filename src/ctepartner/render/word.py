"""The partnership agreement as DOCX (python-docx), for partners who edit in Word.

Word files are zip archives that record dates; both the document properties and the archive
entries get the `--as-of` date, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING

from ctepartner.render.views import AgreementView

if TYPE_CHECKING:
    from docx.document import Document as WordDocument


_MAX_PROPERTY = 255  # characters Word allows in a document property such as the title


def _bullets(document: WordDocument, items: list[str], fallback: str) -> None:
    for item in items or [fallback]:
        document.add_paragraph(item, style="List Bullet" if items else None)


def agreement_docx(v: AgreementView) -> bytes:
    from docx import Document

    document = Document()
    convener = v.about.convener or v.about.name
    document.add_heading("Partnership agreement", level=0)
    if v.draft:
        document.add_paragraph("DRAFT: not ready to send.")
    document.add_paragraph(f"{v.about.name} · prepared {v.as_of}")
    document.add_heading("The parties", level=1)
    role = f", as {v.role}" if v.role else ""
    document.add_paragraph(
        f"This agreement is between {convener}, the convener of {v.about.name}, and "
        f"{v.organization}{role}. It is a non-binding statement of the roles and shared "
        "responsibilities each party commits to upholding.")
    document.add_heading("Purpose", level=1)
    document.add_paragraph(v.about.statement or "The partnership's purpose statement.")
    document.add_heading("Term", level=1)
    term = f"From {v.start}" if v.start else "From the date of signature"
    term += f" to {v.end}." if v.end else "."
    if v.commitment:
        term += f" The expected time commitment is {v.commitment}."
    document.add_paragraph(term)
    document.add_heading(f"{v.organization} commits to", level=1)
    _bullets(document, v.responsibilities, "The responsibilities of the role, as agreed.")
    document.add_heading(f"{convener} commits to", level=1)
    _bullets(document, v.convener_commitments, "Supporting the role as agreed.")
    document.add_heading("Communication", level=1)
    _bullets(document, v.communications,
             "Regular progress updates on the action plan and the partnership's goals.")
    document.add_heading("Measuring success", level=1)
    _bullets(document, v.metrics, "The partnership's success metrics, shared in its updates.")
    document.add_heading("Review and ending", level=1)
    review = f", next on {v.review}" if v.review else ""
    document.add_paragraph(
        f"The parties review this agreement together at least once a year{review}. Either "
        "party may end it with written notice; the parties then agree how current "
        "commitments to students are completed.")
    document.add_heading("Signatures", level=1)
    table = document.add_table(rows=3, cols=2)
    lead = v.about.contact.name if v.about.contact else ""
    for column, (party, person) in enumerate(((convener, lead), (v.organization, v.signatory))):
        table.cell(0, column).text = party
        table.cell(1, column).text = f"{person}\n\nSignature: ____________________"
        table.cell(2, column).text = "Date: ____________"
    when = dt.datetime.fromisoformat(v.as_of)
    properties = document.core_properties
    properties.author = convener
    properties.title = f"Partnership agreement: {v.organization}"[:_MAX_PROPERTY]
    properties.created = properties.modified = properties.last_printed = when
    properties.revision = 1
    stream = io.BytesIO()
    document.save(stream)
    return _fixed_dates(stream.getvalue(), when)


def _fixed_dates(archive: bytes, when: dt.datetime) -> bytes:
    """The same archive with every entry dated `when`."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return output.getvalue()
