"""Tagged PDF from the document's own HTML, typeset by Typst (the `typst` wheel carries the
compiler: no system library, the same on Windows, macOS and Linux).

The HTML template is the one layout of a document, as for the Word file: this walks it
(headings, paragraphs, lists, tables with their header rows, quotes, charts) into Typst
markup. Typst tags the PDF for screen readers, embeds its fonts, and checks PDF/UA-1 as it
writes: a title, the language, alternative text for every figure. User text only ever enters
the markup as a string literal, so nothing in a name is read as markup or code.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import MappingProxyType

from ctepartner.errors import UserError

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
_MUTED = "#5a6b7d"
_INK = "#14365d"
_RED = "#b3261e"
_RULE = "#c9d3de"
_PAPER = {"letter": "us-letter", "a4": "a4"}
_SKIPPED = {"head", "style", "script", "form", "title", "select", "option", "label"}
_VOID = {"img", "input", "meta", "link", "hr", "col", "wbr", "area", "source"}
# The heat map's shades (a colour-blind-safe blue scale, darker is higher): the HTML's style
# sheet, the PDF and the Word file take them from here. Read-only: templates see it.
HEAT = MappingProxyType({"high": "#6baed6", "mid": "#bdd7e7", "low": "#eff3ff"})
BOX = "\u2610"  # a box to tick, which no embedded font draws


def typst_string(text: str) -> str:
    """`text` as a Typst string literal: read as text, never as markup."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
               .replace("\r", " ").replace("\t", " "))
    return f'"{escaped}"'


def _inline(text: str) -> str:
    """Text in markup, as a string (a box to tick drawn as one)."""
    if not text:
        return ""
    parts = text.split(BOX)
    drawn = '#box(width: 0.75em, height: 0.75em, stroke: 0.6pt, baseline: 10%)'
    return drawn.join(f"#{typst_string(part)}" if part else "" for part in parts)


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    header: bool = False
    number: bool = False
    span: int = 1
    width: str = ""  # a share of the table's width the HTML gave the column ("40%")
    fill: str = ""  # a heat map's shade, as the HTML's


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    signature: bool = False
    in_head: bool = False
    head_rows: int = 0


class _Walker(HTMLParser):
    """HTML body to Typst markup, block by block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.line: list[str] = []  # the block being written
        self.closers: list[str] = []  # what each open inline element needs to close
        self.skip = 0
        self.lists: list[str] = []
        self.tables: list[_Table] = []
        self.cell: _Cell | None = None
        self.svg: list[str] | None = None
        self.svg_label = ""
        self.svg_width = ""
        self.block_end: list[str] = []  # the closers of the open blocks (quotes, notes)

    # text ------------------------------------------------------------------------------

    def _emit(self, markup: str) -> None:
        if self.cell is not None:
            self.cell.text.append(markup)
        else:
            self.line.append(markup)

    def _flush(self, before: str = "", after: str = "") -> None:
        text = "".join(self.line).strip()
        self.line = []
        if text:
            self.out.append(f"{before}{text}{after}")

    def handle_data(self, data: str) -> None:
        if self.svg is not None:
            self.svg.append(xml_text(data))
            return
        if self.skip:
            return
        text = " ".join(data.split())
        if not text:
            if data and (self.line or (self.cell and self.cell.text)):
                self._emit(" ")
            return
        lead = " " if data[:1].isspace() else ""
        trail = " " if data[-1:].isspace() else ""
        self._emit(f"{lead}{_inline(text)}{trail}")

    # tags ------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        attrs = {key: value or "" for key, value in attributes}
        if self.svg is not None:
            self.svg.append(xml_start(tag, attrs))
            return
        if tag in _SKIPPED or "filters" in attrs.get("class", ""):
            self.skip += 1
            return
        if self.skip:
            return
        classes = attrs.get("class", "").split()
        if tag == "svg":
            self.svg = [xml_start(tag, attrs)]
            self.svg_label = attrs.get("aria-label", "")
            self.svg_width = attrs.get("width", "")
        elif tag in _HEADINGS:
            self._flush()
        elif tag == "p" and self.cell is not None:  # paragraphs of a table cell
            if "".join(self.cell.text).strip():
                self._emit(" #parbreak() ")
            self.closers.append("")
        elif tag == "p":
            self._flush()
            if "meta" in classes or "muted" in classes:
                self._open(f'#text(fill: rgb("{_MUTED}"))[', "]")
            if "overdue" in classes:
                self._open(f'#text(fill: rgb("{_RED}"), weight: "bold")[', "]")
            if "statement" in classes:
                self._open(f'#block(fill: rgb("#f2f5f8"), inset: 8pt, width: 100%, stroke: '
                           f'(left: 3pt + rgb("{_INK}")))[', "]")
        elif tag in ("ul", "ol"):
            self._flush(*self._item_marks())
            self.lists.append(tag)
        elif tag == "li":
            self._flush(*self._item_marks())
        elif tag == "blockquote":
            self._flush()
            self.out.append("#quote(block: true)[")
            self.block_end.append("]")
        elif tag == "table":
            self._flush()
            self.tables.append(_Table(signature="signature" in classes))
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = True
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
            if self.tables[-1].in_head:
                self.tables[-1].head_rows += 1
        elif tag in ("td", "th") and self.tables and self.tables[-1].rows:
            width = attrs.get("width", "")
            self.cell = _Cell(header=tag == "th", number="num" in classes,
                              fill=next((HEAT[name] for name in classes if name in HEAT), ""),
                              span=int(attrs.get("colspan") or 1) if (
                                  attrs.get("colspan") or "1").isdigit() else 1,
                              width=width if re.fullmatch(r"\d{1,3}%", width) else "")
            self.tables[-1].rows[-1].append(self.cell)
        elif tag in ("strong", "b"):
            self._open("#strong[", "]")
        elif tag in ("em", "i"):
            self._open("#emph[", "]")
        elif tag == "code":
            self._open('#text(font: "DejaVu Sans Mono", size: 0.9em)[', "]")
        elif tag == "span" and ("muted" in classes or "meta" in classes):
            self._open(f'#text(fill: rgb("{_MUTED}"))[', "]")
        elif tag == "span" and ({"met", "partial", "missing"} & set(classes)):
            colour = {"met": "#1d7a3c", "partial": "#a86400", "missing": _RED}
            name = next(c for c in classes if c in colour)
            self._open(f'#text(fill: rgb("{colour[name]}"), weight: "bold")[', "]")
        elif tag == "br":
            self._emit(" #linebreak() ")
        elif tag in ("div", "section", "header", "footer", "main", "article", "nav"):
            self._flush()
            if "page-break" in classes:
                self.out.append("#pagebreak(weak: true)")
        elif tag not in _VOID:
            self.closers.append("")  # an element of no form of its own: its text stays

    def _open(self, opening: str, closing: str) -> None:
        self._emit(opening)
        self.closers.append(closing)

    def handle_endtag(self, tag: str) -> None:
        if self.svg is not None:
            self.svg.append(f"</{tag}>")
            if tag == "svg":
                self._figure("".join(self.svg), self.svg_label)
                self.svg = None
            return
        if tag in _SKIPPED:
            self.skip = max(self.skip - 1, 0)
            return
        if self.skip:
            return
        if tag in _HEADINGS:
            self._close_inline()
            self._flush("=" * _HEADINGS[tag] + " ")
        elif tag == "p" and self.cell is not None:
            if self.closers:
                self._emit(self.closers.pop())
        elif tag == "p":
            self._close_inline()
            self._flush()
        elif tag == "li":
            self._close_inline()
            self._flush(*self._item_marks())
        elif tag in ("ul", "ol"):
            self._close_inline()
            self._flush(*self._item_marks())
            if self.lists:
                self.lists.pop()
        elif tag == "blockquote" and self.block_end:
            self._close_inline()
            self._flush()
            self.out.append(self.block_end.pop())
        elif tag in ("td", "th"):
            self._close_inline()
            self.cell = None
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = False
        elif tag == "table" and self.tables:
            self.out.append(_table(self.tables.pop()))
        elif tag in ("div", "section", "header", "footer", "main", "article", "nav"):
            self._flush()
        elif tag not in _VOID and self.closers:  # an inline element ends
            self._emit(self.closers.pop())

    def _close_inline(self) -> None:
        while self.closers:
            self._emit(self.closers.pop())

    def _item_marks(self) -> tuple[str, str]:
        if not self.lists:
            return "", ""
        depth = "  " * (len(self.lists) - 1)
        return f"{depth}{'+' if self.lists[-1] == 'ol' else '-'} ", ""

    def _figure(self, svg: str, label: str) -> None:
        """A chart as a figure: the picture with its text alternative."""
        alt = label or "A chart."
        self._flush()
        pixels = float(self.svg_width) if self.svg_width.replace(".", "", 1).isdigit() else 360
        width = f"{min(pixels * 0.75, 460):.0f}pt"  # CSS pixels to points, within the page
        self.out.append(f"#figure(image(bytes({typst_string(svg)}), format: \"svg\", "
                        f"width: {width}, alt: {typst_string(alt)}))")


def xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_start(tag: str, attrs: dict[str, str]) -> str:
    written = "".join(f' {key}="{xml_text(value).replace(chr(34), "&quot;")}"'
                      for key, value in attrs.items())
    return f"<{tag}{written}>"


def _table(table: _Table) -> str:
    """A table with its header rows marked (read as headers, repeated on each page)."""
    rows = [row for row in table.rows if row]
    if not rows:
        return ""
    count = max(sum(cell.span for cell in row) for row in rows)
    widths = [cell.width for cell in rows[0] if cell.span == 1]
    columns = (f"({', '.join(width or 'auto' for width in widths)},)"
               if len(widths) == count and any(widths) else str(count))
    head = table.head_rows or (1 if all(cell.header for cell in rows[0]) else 0)

    def cell(item: _Cell) -> str:
        text = "".join(item.text).strip() or ""
        body = f"#strong[{text}]" if item.header else text
        options = [f"colspan: {item.span}"] if item.span > 1 else []
        if item.number:
            options.append("align: right")
        if item.fill:
            options.append(f'fill: rgb("{item.fill}")')
        return (f"table.cell({', '.join(options)})[{body}]" if options else f"[{body}]")

    lines = [f"#table(columns: {columns}, inset: 4pt, "
             + ("stroke: none, " if table.signature else
                f'stroke: (x, y) => (bottom: 0.5pt + rgb("{_RULE}")), ')
             + ("" if table.signature else
                'fill: (x, y) => if y == 0 { rgb("#eef2f6") }, ')
             + "align: left,"]
    if head:
        lines.append("  table.header(" + ", ".join(cell(item) for row in rows[:head]
                                                    for item in row) + "),")
    lines.extend("  " + ", ".join(cell(item) for item in row) + "," for row in rows[head:])
    lines.append(")")
    return "\n".join(lines)


@dataclass(frozen=True)
class Page:
    """What a PDF says of itself."""

    title: str
    author: str
    language: str
    as_of: dt.date
    paper: str


def markup(html: str, page: Page) -> str:
    """The Typst markup of one HTML document."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    walker._flush()
    day = page.as_of
    preamble = [
        f"#set document(title: {typst_string(page.title)}, author: {typst_string(page.author)}, "
        f"date: datetime(year: {day.year}, month: {day.month}, day: {day.day}))",
        f'#set page(paper: "{_PAPER.get(page.paper, "us-letter")}", margin: (x: 16mm, '
        'y: 18mm), footer: context align(right, text(size: 8.5pt, fill: rgb("'
        f'{_MUTED}"))[Page #counter(page).display() of #counter(page).final().first()]))',
        f'#set text(lang: "{page.language}", font: "Libertinus Serif", size: 10.5pt, '
        'fill: rgb("#1d2733"))',
        "#set par(justify: false, leading: 0.6em, spacing: 0.9em)",
        f'#show heading: set text(fill: rgb("{_INK}"))',
        "#show heading.where(level: 1): set text(size: 19pt)",
        "#show heading.where(level: 2): it => block(width: 100%, below: 0.7em, above: 1.3em, "
        f'stroke: (bottom: 0.5pt + rgb("{_RULE}")), inset: (bottom: 3pt), sticky: true, it)',
        "#show heading.where(level: 3): set block(sticky: true)",
        "#show table: set text(size: 9pt)",
        "#show table.cell: set par(justify: false)",
        "",
    ]
    return "\n".join(preamble) + "\n\n".join(walker.out) + "\n"


def html_to_pdf(html: str, page: Page) -> bytes:
    """The tagged PDF (PDF/UA-1) of one self-contained HTML document."""
    import typst

    try:
        return bytes(typst.compile(markup(html, page).encode("utf-8"), pdf_standards=["ua-1"],
                                   ignore_system_fonts=True))  # its own fonts: alike anywhere
    except typst.TypstError as error:  # a template whose HTML no PDF can be made of
        first = (str(error).strip().splitlines() or ["no reason given"])[0]
        raise UserError(f"{page.title}: the PDF could not be typeset ({first}); check the "
                        "template's HTML, or write --format html") from None
