"""Word files (python-docx), laid out from the document's own HTML.

A document's one text is its HTML (`tree.read`): the Word file writes that tree (headings,
paragraphs, lists, tables, bold), so a clause or a template a consultant overrides changes
the Word file exactly as it changes the HTML, the Markdown and the PDF. A table's header
row is marked as one and repeats on each page; no column is narrower than its longest word.
Charts, which Word cannot take as SVG, become a picture (typeset by Typst) with their text
alternative, and a line of their values under it.

Word files are zip archives that record dates; both the document properties and the archive
entries get the `--as-of` date, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING, Any

from ctepartner.render.brand import Brand
from ctepartner.render.tree import (
    BREAK,
    HEAT,
    Block,
    Cell,
    Figure,
    Heading,
    Items,
    Paragraph,
    Picture,
    Quote,
    Run,
    Runs,
    Table,
    read,
)
from ctepartner.render.typeset import typst_string

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph as WordParagraph

_MAX_PROPERTY = 255  # characters Word allows in a document property such as the title
_PAPER = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}  # inches


class _Writer:
    """Writes a document's blocks into a python-docx document."""

    def __init__(self, document: WordDocument, width: float) -> None:
        self.document = document
        self.width = width  # inches between the margins
        self.styles: dict[str, str] = {}

    def _style(self, name: str) -> str:
        """The id of the document's style `name`, looked up once. Given by id, not as a
        style object: python-docx searches every style for the default one each time a
        style object is set, half of a Word file's time."""
        if name not in self.styles:
            self.styles[name] = self.document.styles[name].style_id
        return self.styles[name]

    def _paragraph(self, runs: Runs, style: str | None = None, *, bold: bool = False,
                   italic: bool = False) -> WordParagraph:
        paragraph = self.document.add_paragraph()
        if style:
            paragraph._p.style = self._style(style)
        _add_runs(paragraph, runs, bold=bold, italic=italic)
        return paragraph

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):  # as python-docx's add_heading names them
            self._paragraph(block.runs, "Title" if block.level == 1 else
                            f"Heading {block.level - 1}")
        elif isinstance(block, Paragraph):
            self._paragraph(block.runs, "Quote" if block.tone == "statement" else None,
                            bold=block.tone == "overdue")
        elif isinstance(block, Items):
            self._items(block, 1)
        elif isinstance(block, Quote):
            for runs in block.paragraphs:
                self._paragraph(runs, "Quote")
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Figure):
            self._picture(block)
        elif isinstance(block, Picture):
            self._logo(block)
        else:  # a page break
            from docx.enum.text import WD_BREAK

            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _items(self, block: Items, depth: int) -> None:
        name = "List Number" if block.ordered else "List Bullet"
        style = name if depth == 1 else f"{name} {min(depth, 3)}"
        for item in block.items:
            self._paragraph(item.runs, style)
            for inner in item.lists:
                self._items(inner, depth + 1)

    def _set_widths(self, table: WordTable, block: Table) -> Any:
        """The HTML's column widths (`width="25%"` on the first row), in inches, none
        narrower than its longest word; where the longest words do not fit at the body's
        size, the table's type is made smaller (to 7 points at least), which it returns."""
        from docx.shared import Inches, Pt

        columns = block.columns
        table.autofit = False
        longest = _longest_words(block.rows, columns)
        text = sum(longest) * INCHES_A_CHARACTER  # at the body's size
        room = self.width - columns * CELL_MARGINS
        points = max(MIN_TABLE_POINTS, min(BODY_POINTS, BODY_POINTS * room / text)
                     if text else BODY_POINTS)
        size = Pt(points) if points < BODY_POINTS else None
        least = [count * INCHES_A_CHARACTER * points / BODY_POINTS + CELL_MARGINS
                 for count in longest]
        shares = [float(cell.width.rstrip("%")) / 100 if cell.width else None
                  for cell in block.rows[0] for _ in range(cell.span)]
        for column, inches in enumerate(_column_inches(shares, columns, self.width, least)):
            table.columns[column].width = Inches(inches)  # the grid, which LibreOffice reads
            for cell in table.columns[column].cells:
                cell.width = Inches(inches)  # each cell, which Word reads
        return size

    def _table(self, block: Table) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        table = self.document.add_table(rows=len(block.rows), cols=block.columns)
        if block.head_rows:
            table._tbl.tblStyle_val = self._style("Table Grid")
        size = self._set_widths(table, block)
        for row in table.rows[:block.head_rows]:
            _header_row(row)
        for r, row in enumerate(block.rows):
            column = 0
            for item in row:
                cell = table.cell(r, column)
                if item.span > 1:
                    cell = cell.merge(table.cell(r, min(column + item.span,
                                                        block.columns) - 1))
                column += item.span
                if item.fill in HEAT:
                    _shade(cell, HEAT[item.fill].lstrip("#"))
                paragraph = cell.paragraphs[0]
                if item.number:  # figures line up on the right, as in the HTML
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                lines = [run for index, runs in enumerate(item.paragraphs)
                         for run in ((Run(BREAK),) if index else ()) + runs]
                _add_runs(paragraph, tuple(lines), bold=item.header, size=size)
        self.document.add_paragraph()

    def _picture(self, block: Figure) -> None:
        """The chart as a picture, with its text alternative as the picture's description,
        and its values in a line under it."""
        from docx.shared import Inches

        png = _png(block.svg)
        if png is not None:
            self.document.add_picture(io.BytesIO(png), width=Inches(min(self.width, 5.0)))
            for frame in self.document.paragraphs[-1]._p.xpath(".//wp:docPr"):
                frame.set("descr", block.alt)
                frame.set("title", block.alt.split(":")[0])
        if block.values:
            self._paragraph((Run(block.caption),), italic=True)


    def _logo(self, block: Picture) -> None:
        """A picture the HTML carries (a logo), at its height, with its text alternative."""
        from docx.shared import Inches

        data = _png(block.data.decode("utf-8", "replace")) if block.kind == "svg" else block.data
        if data is None:
            return
        try:
            self.document.add_picture(io.BytesIO(data), height=Inches(block.height / 96))
        except Exception:  # python-docx reads the picture's header: not one it knows
            return
        for frame in self.document.paragraphs[-1]._p.xpath(".//wp:docPr"):
            frame.set("descr", block.alt)


def _branded(document: WordDocument, brand: Brand) -> None:
    """The brand's colour on the title and headings, and its font named for the text (Word
    uses it where it is installed)."""
    from docx.shared import RGBColor

    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        document.styles[name].font.color.rgb = RGBColor.from_string(brand.color[1:].upper())
    if brand.font_family:
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
            document.styles[name].font.name = brand.font_family


def _add_runs(paragraph: WordParagraph, runs: Runs, *, bold: bool = False,
              italic: bool = False, size: Any = None) -> None:
    for item in runs:
        run = paragraph.add_run(None if item.text == BREAK else item.text)
        if item.text == BREAK:
            run.add_break()
        run.bold = bold or item.strong or None
        run.italic = italic or item.emph or None
        if item.code:
            run.font.name = "Consolas"
        if size is not None:
            run.font.size = size


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


def _longest_words(rows: tuple[tuple[Cell, ...], ...], columns: int) -> list[int]:
    """Each column's longest word, in characters: a column that holds it breaks no word."""
    longest = [0] * columns
    for row in rows:
        column = 0
        for cell in row:
            if cell.span == 1 and column < columns:
                words = cell.text.split()
                longest[column] = max([longest[column], *(len(word) for word in words)])
            column += cell.span
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


_WORD_LANGUAGES = {"en": "en-US", "es": "es-US"}  # as Word names them, for a US reader


def html_to_docx(html: str, *, title: str, author: str, as_of: str, paper: str,
                 brand: Brand | None = None, language: str = "en") -> bytes:
    """The Word file of one of our HTML documents, its text marked in `language` (for the
    spelling checker and a screen reader's voice)."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Inches

    document = Document()
    for mark in document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        mark.set(qn("w:val"), _WORD_LANGUAGES.get(language, language))
    if brand is not None and brand != Brand():
        _branded(document, brand)
    for section in document.sections:
        section.page_width, section.page_height = (Inches(side) for side in _PAPER[paper])
        section.left_margin = section.right_margin = Inches(0.7)
        section.top_margin = section.bottom_margin = Inches(0.7)
    writer = _Writer(document, _PAPER[paper][0] - 2 * 0.7)
    for block in read(html):
        writer.block(block)
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
