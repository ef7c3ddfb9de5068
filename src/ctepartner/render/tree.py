"""A document as one tree of blocks, read from its HTML: the one text every format writes.

A document's HTML template is its only text. This reads it (headings, paragraphs, lists,
quotes, tables with their header rows, figures with their text alternative, page breaks)
into plain data, and the Markdown, PDF and Word writers each write that tree, so a sentence
is written once and says the same in every format. Only what a reader reads is kept: the
page's head, scripts, styles and a form's controls are not part of the text. Broken HTML
never stops it: an inline element left open closes with its block.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from types import MappingProxyType

BREAK = "\n"  # a run of this text is a line break
# The heat map's shades (a colour-blind-safe blue scale, darker is higher): the HTML's style
# sheet, the PDF and the Word file take them from here. Read-only: templates see it.
HEAT = MappingProxyType({"high": "#6baed6", "mid": "#bdd7e7", "low": "#eff3ff"})
TONES = frozenset({"muted", "meta", "met", "partial", "missing"})  # inline colours
PARAGRAPH_TONES = ("statement", "overdue", "meta", "muted")  # a paragraph's own look
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
_SKIPPED = {"head", "style", "script", "form", "title", "select", "option", "label",
            "template", "noscript", "textarea"}
_VOID = {"img", "input", "meta", "link", "hr", "col", "wbr", "area", "source", "br"}
_SECTIONS = {"div", "section", "header", "footer", "main", "article", "nav", "aside",
             "figure", "body", "html"}


@dataclass(frozen=True)
class Run:
    """Text in one style."""

    text: str
    strong: bool = False
    emph: bool = False
    code: bool = False
    tone: str = ""  # a colour class of the HTML: muted, meta, met, partial, missing


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 to 4
    runs: Runs


@dataclass(frozen=True)
class Paragraph:
    runs: Runs
    tone: str = ""  # statement, overdue, meta or muted, as the HTML's class says


@dataclass(frozen=True)
class Item:
    runs: Runs
    lists: tuple[Items, ...] = ()


@dataclass(frozen=True)
class Items:
    ordered: bool
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Quote:
    paragraphs: tuple[Runs, ...]


@dataclass(frozen=True)
class Cell:
    paragraphs: tuple[Runs, ...]
    header: bool = False
    number: bool = False  # figures, aligned right
    fill: str = ""  # a heat map's shade class: high, mid, low
    span: int = 1
    width: str = ""  # the share of the table's width the HTML gives its column: "40%"

    @property
    def text(self) -> str:
        return " ".join("".join(run.text for run in runs) for runs in self.paragraphs)


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    head_rows: int  # rows that are the table's header, read as such and repeated
    signature: bool = False  # signature blocks side by side, not a table of data

    @property
    def columns(self) -> int:
        return max((sum(cell.span for cell in row) for row in self.rows), default=0)


@dataclass(frozen=True)
class Figure:
    """A chart: its picture (SVG), its text alternative and the values it marks."""

    svg: str
    alt: str
    width: float  # CSS pixels
    values: tuple[str, ...] = ()

    @property
    def caption(self) -> str:
        """The chart in one line of text, for formats that show no picture in its place."""
        name = self.alt.split(":")[0]
        return f"{name}: {'; '.join(self.values)}" if self.values else self.alt


@dataclass(frozen=True)
class Picture:
    """A picture the HTML carries in itself (a `data:` address; nothing is ever fetched)."""

    data: bytes
    kind: str  # png, jpeg or svg
    alt: str
    height: float  # CSS pixels


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Items | Quote | Table | Figure | Picture | PageBreak
_PICTURE = re.compile(r"data:image/(png|jpeg|svg\+xml);base64,([A-Za-z0-9+/=\s]+)")


def tidy(runs: list[Run]) -> Runs:
    """Runs as a reader sees them: spaces collapsed across runs, none at the ends or around a
    line break, and neighbours in one style joined."""
    kept: list[Run] = []
    for run in runs:
        text = run.text
        if text != BREAK:
            text = " ".join(text.split()) if text.strip() else " "
            if text != " ":
                text = (" " if run.text[:1].isspace() else "") + text + (
                    " " if run.text[-1:].isspace() else "")
        previous = kept[-1].text if kept else BREAK
        if text.startswith(" ") and (previous == BREAK or previous.endswith(" ")):
            text = text[1:]
        if text == BREAK and kept:
            kept[-1] = replace(kept[-1], text=kept[-1].text.rstrip())
        if not text:
            continue
        if kept and text != BREAK and previous != BREAK and _same_style(kept[-1], run):
            kept[-1] = replace(kept[-1], text=previous + text)
        else:
            kept.append(replace(run, text=text))
    while kept and kept[-1].text == BREAK:
        kept.pop()
    if kept:
        kept[-1] = replace(kept[-1], text=kept[-1].text.rstrip())
    return tuple(run for run in kept if run.text)


def _same_style(one: Run, other: Run) -> bool:
    return replace(one, text="") == replace(other, text="")


@dataclass
class _List:
    ordered: bool
    items: list[tuple[list[Run], list[Items]]] = field(default_factory=list)


@dataclass
class _Table:
    rows: list[list[Cell]] = field(default_factory=list)
    head_rows: int = 0
    in_head: bool = False
    signature: bool = False


@dataclass
class _Cell:
    header: bool
    number: bool
    fill: str
    span: int
    width: str
    paragraphs: list[list[Run]] = field(default_factory=lambda: [[]])


class _Reader(HTMLParser):
    """Reads HTML into blocks, one element at a time."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.line: list[Run] = []  # the text of the block being read
        self.styles: list[tuple[str, dict[str, object]]] = []  # open inline elements
        self.skip = 0  # elements open inside one that is not part of the text
        self.heading = 0
        self.tone = ""  # of the open paragraph
        self.lists: list[_List] = []
        self.quote: list[Runs] | None = None
        self.tables: list[_Table] = []
        self.cell: _Cell | None = None
        self.nested = 0  # tables open inside the cell
        self.svg: list[str] | None = None
        self.svg_alt = ""
        self.svg_width = 360.0
        self.svg_values: list[str] = []
        self.svg_title: list[str] | None = None

    # text ------------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.svg is not None:
            self.svg.append(xml_text(data))
            if self.svg_title is not None:
                self.svg_title.append(data)
            return
        if self.skip or not data:
            return
        if not data.strip():  # a space between elements, never a line break
            data = " "
        style: dict[str, object] = {}
        for _, opened in self.styles:
            style.update(opened)
        self.line.append(Run(data, **style))  # type: ignore[arg-type]

    def _end_line(self) -> None:
        """The text read so far, placed in the block it belongs to."""
        runs = tidy(self.line)
        self.line = []
        self.styles = []
        if not runs:
            return
        if self.heading:
            self.blocks.append(Heading(self.heading, runs))
        elif self.cell is not None:
            self.cell.paragraphs[-1].extend(runs)
        elif self.lists and self.lists[-1].items:
            text = self.lists[-1].items[-1][0]
            text.extend(((Run(" "),) if text else ()) + runs)
        elif self.quote is not None:
            self.quote.append(runs)
        else:
            self.blocks.append(Paragraph(runs, self.tone))

    # tags ------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        attrs = {key: value or "" for key, value in attributes}
        if self.svg is not None:
            self.svg.append(xml_start(tag, attrs))
            if tag == "title":
                self.svg_title = []
            return
        classes = attrs.get("class", "").split()
        if self.skip or tag in _SKIPPED or "screen" in classes:  # "screen": a screen's only
            self.skip += tag not in _VOID
            return
        if tag == "svg":
            self._end_line()
            self.svg, self.svg_values = [xml_start(tag, attrs)], []
            self.svg_alt = attrs.get("aria-label", "")
            width = attrs.get("width", "")
            self.svg_width = float(width) if width.replace(".", "", 1).isdigit() else 360.0
        elif tag in _HEADINGS and self.cell is None:
            self._end_line()
            self.heading = _HEADINGS[tag]
        elif tag == "p":
            self._start_paragraph(classes)
        elif self.cell is not None and (tag in ("ul", "ol", "li", "table")
                                        or (self.nested and tag in ("tr", "td", "th"))):
            self._start_paragraph([])  # a list or a table in a cell: its lines
            self.nested += tag == "table"
            if tag == "li":
                self.line.append(Run("• "))
        elif tag in ("ul", "ol"):
            self._end_line()
            self.lists.append(_List(tag == "ol"))
        elif tag == "li":
            self._end_line()
            if self.lists:
                self.lists[-1].items.append(([], []))
        elif tag == "blockquote" and self.cell is None:
            self._end_line()
            self.quote = []
        elif tag == "table":
            self._end_line()
            self.tables.append(_Table(signature="signature" in classes))
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = True
        elif tag == "tr" and self.tables:
            self._end_cell()
            self.tables[-1].rows.append([])
            self.tables[-1].head_rows += self.tables[-1].in_head
        elif tag in ("td", "th") and self.tables and self.tables[-1].rows:
            self._end_cell()
            self.cell = _cell(tag, attrs, classes)
            self.tables[-1].rows[-1].append(Cell(()))  # its place; filled when it ends
        elif tag == "br":
            self.line.append(Run(BREAK))
        elif tag == "img" and self.cell is None:
            self._picture(attrs)
        elif tag in _SECTIONS:
            self._end_line()
            if "page-break" in classes:
                self.blocks.append(PageBreak())
        elif tag not in _VOID:
            self.styles.append((tag, _inline_style(tag, classes)))

    def _picture(self, attrs: dict[str, str]) -> None:
        found = _PICTURE.fullmatch(attrs.get("src", "").strip())
        if found is None:
            return
        try:
            data = base64.b64decode(found.group(2), validate=False)
        except (binascii.Error, ValueError):
            return
        height = attrs.get("height", "")
        self._end_line()
        self.blocks.append(Picture(data, found.group(1).split("+")[0], attrs.get("alt", ""),
                                   float(height) if height.isdigit() else 48.0))

    def _start_paragraph(self, classes: list[str]) -> None:
        if self.cell is not None:  # a cell's paragraphs
            self._end_line()
            if self.cell.paragraphs[-1]:
                self.cell.paragraphs.append([])
            return
        self._end_line()
        self.tone = next((tone for tone in PARAGRAPH_TONES if tone in classes), "")

    def handle_endtag(self, tag: str) -> None:
        if self.svg is not None:
            self.svg.append(f"</{tag}>")
            if tag == "title" and self.svg_title is not None:
                self.svg_values.append(" ".join("".join(self.svg_title).split()))
                self.svg_title = None
            elif tag == "svg":
                self.blocks.append(Figure("".join(self.svg), self.svg_alt or "A chart.",
                                          self.svg_width, tuple(self.svg_values)))
                self.svg = None
            return
        if self.skip:
            self.skip -= tag not in _VOID
            return
        if tag in _HEADINGS and self.heading:
            self._end_line()
            self.heading = 0
        elif tag == "p":
            self._end_line()
            self.tone = ""
        elif tag == "li":
            self._end_line()
        elif self.cell is not None and (tag in ("ul", "ol", "li")
                                        or (self.nested and tag in ("table", "tr", "td", "th"))):
            self._start_paragraph([])
            self.nested -= tag == "table"
        elif tag in ("ul", "ol") and self.lists and self.cell is None:
            self._end_line()
            self._end_list(self.lists.pop())
        elif tag == "blockquote" and self.quote is not None and self.cell is None:
            self._end_line()
            if self.quote:
                self.blocks.append(Quote(tuple(self.quote)))
            self.quote = None
        elif tag in ("td", "th", "tr"):
            self._end_cell()
        elif tag == "thead" and self.tables:
            self.tables[-1].in_head = False
        elif tag == "table" and self.tables:
            self._end_cell()
            self._end_table(self.tables.pop())
        elif tag in _SECTIONS:
            self._end_line()
        elif any(opened == tag for opened, _ in self.styles):  # and what it left open
            while self.styles.pop()[0] != tag:
                pass

    def _end_list(self, built: _List) -> None:
        items = Items(built.ordered, tuple(Item(tidy(text), tuple(lists))
                                           for text, lists in built.items))
        if self.lists and self.lists[-1].items:
            self.lists[-1].items[-1][1].append(items)
        elif items.items:
            self.blocks.append(items)

    def _end_cell(self) -> None:
        if self.cell is None or not self.tables:
            return
        self._end_line()
        cell = self.cell
        self.cell = None
        paragraphs = tuple(runs for runs in (tidy(runs) for runs in cell.paragraphs) if runs)
        self.tables[-1].rows[-1][-1] = Cell(paragraphs, cell.header, cell.number, cell.fill,
                                            cell.span, cell.width)

    def _end_table(self, built: _Table) -> None:
        rows = tuple(tuple(row) for row in built.rows if row)
        if not rows:
            return
        head = built.head_rows or (1 if all(cell.header for cell in rows[0]) else 0)
        self.blocks.append(Table(rows, min(head, len(rows)), built.signature))

    def finish(self) -> tuple[Block, ...]:
        self.close()
        self._end_line()
        while self.lists:
            self._end_list(self.lists.pop())
        while self.tables:
            self._end_cell()
            self._end_table(self.tables.pop())
        return tuple(self.blocks)


def _cell(tag: str, attrs: dict[str, str], classes: list[str]) -> _Cell:
    span = attrs.get("colspan", "1")
    width = attrs.get("width", "")
    return _Cell(header=tag == "th", number="num" in classes,
                 fill=next((name for name in classes if name in HEAT), ""),
                 span=min(int(span), 64) if span.isdigit() and span != "0" else 1,
                 width=width if width[:-1].isdigit() and width.endswith("%")
                 and len(width) <= 4 else "")


def _inline_style(tag: str, classes: list[str]) -> dict[str, object]:
    """What an inline element does to its text (nothing, for an element of no form)."""
    if tag in ("strong", "b"):
        return {"strong": True}
    if tag in ("em", "i"):
        return {"emph": True}
    if tag == "code":
        return {"code": True}
    tone = next((name for name in classes if name in TONES), "")
    return {"tone": tone} if tag == "span" and tone else {}


def read(html: str) -> tuple[Block, ...]:
    """The blocks of one HTML document's body."""
    reader = _Reader()
    reader.feed(html)
    return reader.finish()


def xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_start(tag: str, attrs: dict[str, str]) -> str:
    written = "".join(f' {key}="{xml_text(value).replace(chr(34), "&quot;")}"'
                      for key, value in attrs.items())
    return f"<{tag}{written}>"
