"""Word files (python-docx), laid out from the document's own HTML.

The HTML template is the one layout of a document: the Word file walks it (headings,
paragraphs, lists, tables, bold), so a clause or a template a consultant overrides changes
the Word file exactly as it changes the HTML and the PDF. Charts, which Word cannot take as
SVG, become a line of their values.

Word files are zip archives that record dates; both the document properties and the archive
entries get the `--as-of` date, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_MAX_PROPERTY = 255  # characters Word allows in a document property such as the title
_PAPER = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}  # inches
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "blockquote", "figcaption"}


class _Walker(HTMLParser):
    """Feeds the HTML body to a python-docx document, one block at a time."""

    def __init__(self, document: WordDocument, width: float) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.width = width  # inches between the margins
        self.widths: list[float | None] = []  # the table's columns, as shares of the width
        self.paragraph: Paragraph | None = None
        self.bold = 0
        self.skip = 0  # inside <head>, <style>, <title> or a chart's <svg>
        self.chart: list[str] = []
        self.chart_name = ""
        self.in_title = False
        self.table: Table | None = None
        self.row: list[tuple[str, bool, bool]] = []  # (text, a heading, a number)
        self.rows: list[list[tuple[str, bool, bool]]] = []
        self.cell: list[str] | None = None
        self.cell_header = False
        self.cell_number = False
        self.lists: list[str] = []
        self.styles: dict[str, Any] = {}

    def _style(self, name: str) -> Any:
        """The document's style by name, looked up once: python-docx searches the styles
        part for a name on every use, a third of a Word file's time."""
        if name not in self.styles:
            self.styles[name] = self.document.styles[name]
        return self.styles[name]

    # blocks -------------------------------------------------------------------------

    def _start_block(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in ("h1", "h2", "h3", "h4"):  # as python-docx's add_heading names them
            name = "Title" if tag == "h1" else f"Heading {int(tag[1]) - 1}"
            self.paragraph = self.document.add_paragraph(style=self._style(name))
        elif tag == "li":
            style = "List Number" if self.lists and self.lists[-1] == "ol" else "List Bullet"
            self.paragraph = self.document.add_paragraph(style=self._style(style))
        elif tag == "blockquote":
            self.paragraph = self.document.add_paragraph(style=self._style("Quote"))
        else:
            self.paragraph = self.document.add_paragraph()
            if "overdue" in (attrs.get("class") or ""):
                self.bold += 1

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        attrs = dict(attributes)
        if tag in ("head", "style", "script"):
            self.skip += 1
        elif tag == "svg":
            self.skip += 1
            self.chart, self.chart_name = [], attrs.get("aria-label") or "Chart"
        elif tag == "title" and self.skip:
            self.in_title = True
        elif self.skip:
            return
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "table":
            self.rows, self.widths = [], []
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell, self.cell_header = [], tag == "th"
            self.cell_number = "num" in (attrs.get("class") or "").split()
            if not self.rows:  # the first row's widths are the table's
                share = (attrs.get("width") or "").rstrip("%")
                self.widths.append(float(share) / 100 if share.replace(".", "").isdigit()
                                   else None)
        elif tag == "br":
            if self.cell is not None:
                self.cell.append("\n")
            elif self.paragraph is not None:
                self.paragraph.add_run().add_break()
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in _BLOCKS and self.cell is None:
            self._start_block(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style", "script"):
            self.skip -= 1
        elif tag == "svg":
            self.skip -= 1
            if self.chart:
                paragraph = self.document.add_paragraph()
                paragraph.add_run(f"{self.chart_name}: ").italic = True
                paragraph.add_run("; ".join(self.chart)).italic = True
        elif tag == "title":
            self.in_title = False
        elif self.skip:
            return
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(("".join(self.cell).strip(), self.cell_header, self.cell_number))
            self.cell = None
        elif tag == "tr":
            self.rows.append(self.row)
        elif tag == "table":
            self._table()
        elif tag in ("strong", "b"):
            self.bold = max(self.bold - 1, 0)
        elif tag in _BLOCKS and self.cell is None:
            self.paragraph = None
            self.bold = 0

    def _set_widths(self, table: Table, columns: int) -> None:
        """The HTML's column widths (`width="25%"` on the first row), in inches."""
        from docx.shared import Inches

        if not any(self.widths):
            return
        table.autofit = False
        for column, inches in enumerate(_column_inches(self.widths, columns, self.width)):
            table.columns[column].width = Inches(inches)  # the grid, which LibreOffice reads
            for cell in table.columns[column].cells:
                cell.width = Inches(inches)  # each cell, which Word reads

    def handle_data(self, data: str) -> None:
        if self.in_title and self.skip:
            self.chart.append(" ".join(data.split()))
            return
        if self.skip:
            return
        text = re.sub(r"\s+", " ", data)
        if self.cell is not None:
            self.cell.append(text)
        elif self.paragraph is not None and text.strip():
            if not self.paragraph.runs:
                text = text.lstrip()
            self.paragraph.add_run(text).bold = bool(self.bold) or None

    def _table(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        width = max((len(row) for row in self.rows), default=0)
        if not width:
            return
        table = self.document.add_table(rows=len(self.rows), cols=width)
        table.style = self._style("Table Grid") if any(h for _t, h, _n in self.rows[0]) else None
        self._set_widths(table, width)
        for r, row in enumerate(self.rows):
            for c, (text, header, number) in enumerate(row):
                cell = table.cell(r, c)
                cell.text = ""
                lines = text.split("\n")
                paragraph = cell.paragraphs[0]
                if number:  # figures line up on the right, as in the HTML
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for index, line in enumerate(lines):
                    run = paragraph.add_run(line.strip())
                    run.bold = header or None
                    if index < len(lines) - 1:
                        run.add_break()
        self.document.add_paragraph()


def _column_inches(shares: list[float | None], columns: int, total: float) -> list[float]:
    """Each column's width: its share from the HTML, the rest split among the others."""
    shares = (shares + [None] * columns)[:columns]
    given = sum(share for share in shares if share)
    left = [share for share in shares if not share]
    rest = max(1.0 - given, 0.0) / len(left) if left else 0.0
    return [total * (share or rest) for share in shares]


def html_to_docx(html: str, *, title: str, author: str, as_of: str, paper: str) -> bytes:
    """The Word file of one of our HTML documents."""
    from docx import Document
    from docx.shared import Inches

    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = (Inches(side) for side in _PAPER[paper])
        section.left_margin = section.right_margin = Inches(0.7)
        section.top_margin = section.bottom_margin = Inches(0.7)
    body = html[html.find("<body"):] if "<body" in html else html
    _Walker(document, _PAPER[paper][0] - 2 * 0.7).feed(body)
    when = dt.datetime.fromisoformat(as_of)
    properties: Any = document.core_properties
    properties.author = author[:_MAX_PROPERTY]
    properties.title = title[:_MAX_PROPERTY]
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
