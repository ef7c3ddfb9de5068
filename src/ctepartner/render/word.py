"""Word files (python-docx), laid out from the document's own HTML.

The HTML template is the one layout of a document: the Word file walks it (headings,
paragraphs, lists, tables, bold), so a clause or a template a consultant overrides changes
the Word file exactly as it changes the HTML and the PDF. A table's header row is marked as
one and repeats on each page; no column is narrower than its longest word. Charts, which Word
cannot take as SVG, become a picture (typeset by Typst) with their text alternative, and a
line of their values under it.

Word files are zip archives that record dates; both the document properties and the archive
entries get the `--as-of` date, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from ctepartner.render.typeset import HEAT, typst_string, xml_start, xml_text


@dataclass(frozen=True)
class _Cell:
    runs: list[tuple[str, bool]]  # text and whether it is bold; "\n" between lines
    header: bool
    number: bool
    fill: str = ""  # a heat map's shade, as the HTML's: "6baed6"


def _trimmed(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """A cell's runs without the spaces at its ends and around its line breaks."""
    kept: list[tuple[str, bool]] = []
    for text, bold in runs:
        if text == "\n":
            if kept and kept[-1][0] != "\n":
                kept[-1] = (kept[-1][0].rstrip(), kept[-1][1])
            kept.append((text, bold))
        elif not kept or kept[-1][0] == "\n":
            if text.strip():
                kept.append((text.lstrip(), bold))
        else:
            kept.append((text, bold))
    while kept and kept[-1][0] == "\n":
        kept.pop()
    if kept:
        kept[-1] = (kept[-1][0].rstrip(), kept[-1][1])
    return [(text, bold) for text, bold in kept if text]


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
        self.row: list[_Cell] = []
        self.rows: list[list[_Cell]] = []
        self.cell: list[tuple[str, bool]] | None = None  # runs of text, and if bold
        self.cell_header = False
        self.cell_number = False
        self.cell_fill = ""
        self.lists: list[str] = []
        self.styles: dict[str, Any] = {}
        self.svg: list[str] = []  # a chart's SVG, to draw it as a picture

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
        if self.svg and tag != "svg":  # inside a chart: kept to draw it
            self.svg.append(xml_start(tag, {k: v or "" for k, v in attrs.items()}))
        if tag in ("head", "style", "script"):
            self.skip += 1
        elif tag == "svg":
            self.skip += 1
            self.chart, self.chart_name = [], attrs.get("aria-label") or "Chart"
            self.svg = [xml_start(tag, {k: v or "" for k, v in attrs.items()})]
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
            classes = (attrs.get("class") or "").split()
            self.cell_number = "num" in classes
            self.cell_fill = next((HEAT[name] for name in classes if name in HEAT), "")
            if not self.rows:  # the first row's widths are the table's
                share = (attrs.get("width") or "").rstrip("%")
                self.widths.append(float(share) / 100 if share.replace(".", "").isdigit()
                                   else None)
        elif tag == "p" and self.cell is not None:
            if "".join(text for text, _ in self.cell).strip():
                self.cell.append(("\n", False))  # a cell's paragraphs, one a line
        elif tag == "br":
            if self.cell is not None:
                self.cell.append(("\n", False))
            elif self.paragraph is not None:
                self.paragraph.add_run().add_break()
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in _BLOCKS and self.cell is None:
            self._start_block(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.svg and tag != "svg":
            self.svg.append(f"</{tag}>")
        if tag in ("head", "style", "script"):
            self.skip -= 1
        elif tag == "svg":
            self.skip -= 1
            self.svg.append("</svg>")
            self._picture("".join(self.svg), self.chart_name)
            if self.chart:
                paragraph = self.document.add_paragraph()
                paragraph.add_run(f"{self.chart_name.split(':')[0]}: ").italic = True
                paragraph.add_run("; ".join(self.chart)).italic = True
            self.svg = []
        elif tag == "title":
            self.in_title = False
        elif self.skip:
            return
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(_Cell(_trimmed(self.cell), self.cell_header, self.cell_number,
                                  self.cell_fill.lstrip("#")))
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

    def _set_widths(self, table: Table, columns: int) -> Any:
        """The HTML's column widths (`width="25%"` on the first row), in inches, none
        narrower than its longest word; where the longest words do not fit at the body's
        size, the table's type is made smaller (to 7 points at least), which it returns."""
        from docx.shared import Inches, Pt

        table.autofit = False
        longest = _longest_words(self.rows, columns)
        text = sum(longest) * INCHES_A_CHARACTER  # at the body's size
        room = self.width - columns * CELL_MARGINS
        points = max(MIN_TABLE_POINTS, min(BODY_POINTS, BODY_POINTS * room / text)
                     if text else BODY_POINTS)
        size = Pt(points) if points < BODY_POINTS else None
        least = [count * INCHES_A_CHARACTER * points / BODY_POINTS + CELL_MARGINS
                 for count in longest]
        for column, inches in enumerate(_column_inches(self.widths, columns, self.width,
                                                       least)):
            table.columns[column].width = Inches(inches)  # the grid, which LibreOffice reads
            for cell in table.columns[column].cells:
                cell.width = Inches(inches)  # each cell, which Word reads
        return size

    def handle_data(self, data: str) -> None:
        if self.svg:
            self.svg.append(xml_text(data))
        if self.in_title and self.skip:
            self.chart.append(" ".join(data.split()))
            return
        if self.skip:
            return
        text = re.sub(r"\s+", " ", data)
        if self.cell is not None:
            self.cell.append((text, bool(self.bold)))
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
        headed = all(cell.header for cell in self.rows[0])
        table.style = self._style("Table Grid") if headed else None
        size = self._set_widths(table, width)
        if headed:
            _header_row(table.rows[0])
        for r, row in enumerate(self.rows):
            for c, item in enumerate(row):
                cell = table.cell(r, c)
                if item.fill:
                    _shade(cell, item.fill)
                paragraph = cell.paragraphs[0]
                if item.number:  # figures line up on the right, as in the HTML
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for text, bold in item.runs:
                    run = paragraph.add_run(None if text == "\n" else text)
                    if text == "\n":
                        run.add_break()
                    run.bold = item.header or bold or None
                    if size is not None:
                        run.font.size = size
        self.document.add_paragraph()

    def _picture(self, svg: str, alt: str) -> None:
        """The chart as a picture, with its text alternative as the picture's description."""
        from docx.shared import Inches

        png = _png(svg)
        if png is None:
            return
        self.document.add_picture(io.BytesIO(png), width=Inches(min(self.width, 5.0)))
        for frame in self.document.paragraphs[-1]._p.xpath(".//wp:docPr"):
            frame.set("descr", alt)
            frame.set("title", alt.split(":")[0])


def _column_inches(shares: list[float | None], columns: int, total: float,
                   least: list[float] | None = None) -> list[float]:
    """Each column's width: its share from the HTML, the rest split among the others; and
    never less than `least` (its longest word), taken from the widest where it must."""
    shares = (shares + [None] * columns)[:columns]
    given = sum(share for share in shares if share)
    left = [share for share in shares if not share]
    rest = max(1.0 - given, 0.0) / len(left) if left else 0.0
    widths = [total * (share or rest) for share in shares]
    floor = (least or [0.0] * columns)[:columns]
    if sum(floor) > total:  # words too long for the page: shrink the floors alike
        floor = [inches * total / sum(floor) for inches in floor]
    short = sum(max(low - width, 0.0) for low, width in zip(floor, widths, strict=True))
    spare = sum(max(width - low, 0.0) for low, width in zip(floor, widths, strict=True))
    return [low if width <= low else width - (width - low) * short / spare if spare else width
            for low, width in zip(floor, widths, strict=True)]


BODY_POINTS, MIN_TABLE_POINTS = 11.0, 7.0  # python-docx's body text; the smallest we print
INCHES_A_CHARACTER = 0.115  # of a bold 11-point word, and the cell's margins below
CELL_MARGINS = 0.16


def _longest_words(rows: list[list[_Cell]], columns: int) -> list[int]:
    """Each column's longest word, in characters: a column that holds it breaks no word."""
    longest = [0] * columns
    for row in rows:
        for column, cell in enumerate(row[:columns]):
            words = "".join(text for text, _ in cell.runs).split()
            longest[column] = max([longest[column], *(len(word) for word in words)])
    return longest


def _shade(cell: Any, fill: str) -> None:
    """A cell shaded as the HTML's heat map shades it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _header_row(row: Any) -> None:
    """Mark a table's first row as its header: read as one, and repeated on each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    for name in ("w:tblHeader", "w:cantSplit"):
        mark = OxmlElement(name)
        mark.set(qn("w:val"), "true")
        properties.append(mark)


def _png(svg: str) -> bytes | None:
    """The chart, drawn by Typst as a PNG at print resolution."""
    import typst

    source = (f"#set page(width: auto, height: auto, margin: 4pt)\n#image(bytes("
              f"{typst_string(svg)}), format: \"svg\", width: 270pt)").encode()
    try:
        return bytes(typst.compile(source, format="png", ppi=144, ignore_system_fonts=True))
    except typst.TypstError:
        return None


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
