"""Tagged PDF from the document's own HTML, typeset by Typst (the `typst` wheel carries the
compiler: no system library, the same on Windows, macOS and Linux).

This writes a document's one text (`tree.read` of its HTML: headings, paragraphs, lists,
tables with their header rows, quotes, charts) as Typst markup. Typst tags the PDF for
screen readers, embeds its fonts, and checks PDF/UA-1 as it writes: a title, the language,
alternative text for every figure. User text only ever enters the markup as a string
literal, so nothing in a name is read as markup or code.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ctepartner.errors import UserError
from ctepartner.render.brand import Brand
from ctepartner.render.tree import (
    BREAK,
    HEAT,
    Block,
    Cell,
    Figure,
    Heading,
    Items,
    PageBreak,
    Paragraph,
    Picture,
    Quote,
    Runs,
    Table,
    read,
)

if TYPE_CHECKING:
    import typst

_MUTED = "#5a6b7d"
_RED = "#b3261e"
_RULE = "#c9d3de"
_PAPER = {"letter": "us-letter", "a4": "a4"}
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


_COLOURS = {"met": "#1d7a3c", "partial": "#a86400", "missing": _RED}


def _runs(runs: Runs) -> str:
    """Runs as markup: each text a string literal, in its style."""
    parts = []
    for run in runs:
        if run.text == BREAK:
            parts.append(" #linebreak() ")
            continue
        text = _inline(run.text)
        if run.code:
            text = f'#text(font: "DejaVu Sans Mono", size: 0.9em)[{text}]'
        if run.emph:
            text = f"#emph[{text}]"
        if run.strong:
            text = f"#strong[{text}]"
        if run.tone in ("muted", "meta"):
            text = f'#text(fill: rgb("{_MUTED}"))[{text}]'
        elif run.tone in _COLOURS:
            text = f'#text(fill: rgb("{_COLOURS[run.tone]}"), weight: "bold")[{text}]'
        parts.append(text)
    return "".join(parts)


def _paragraph(block: Paragraph, ink: str) -> str:
    body = _runs(block.runs)
    if block.tone in ("meta", "muted"):
        return f'#text(fill: rgb("{_MUTED}"))[{body}]'
    if block.tone == "overdue":
        return f'#text(fill: rgb("{_RED}"), weight: "bold")[{body}]'
    if block.tone == "statement":
        return (f'#block(fill: rgb("#f2f5f8"), inset: 8pt, width: 100%, stroke: (left: 3pt + '
                f'rgb("{ink}")))[{body}]')
    return body


def _items(block: Items, depth: int = 0) -> list[str]:
    lines = []
    for item in block.items:
        lines.append("  " * depth + ("+ " if block.ordered else "- ") + _runs(item.runs))
        for inner in item.lists:
            lines.extend(_items(inner, depth + 1))
    return lines


def _figure(block: Figure) -> str:
    """A chart as a figure: the picture with its text alternative."""
    width = f"{min(block.width * 0.75, 460):.0f}pt"  # CSS pixels to points, within the page
    return (f"#figure(image(bytes({typst_string(block.svg)}), format: \"svg\", "
            f"width: {width}, alt: {typst_string(block.alt)}))")


def _table(table: Table) -> str:
    """A table with its header rows marked (read as headers, repeated on each page)."""
    rows = table.rows
    count = table.columns
    widths = [cell.width for cell in rows[0] if cell.span == 1]
    columns = (f"({', '.join(width or 'auto' for width in widths)},)"
               if len(widths) == count and any(widths) else str(count))

    def cell(item: Cell) -> str:
        text = " #parbreak() ".join(_runs(runs) for runs in item.paragraphs)
        body = f"#strong[{text}]" if item.header and text else text
        options = [f"colspan: {item.span}"] if item.span > 1 else []
        if item.number:
            options.append("align: right")
        if item.fill in HEAT:
            options.append(f'fill: rgb("{HEAT[item.fill]}")')
        return (f"table.cell({', '.join(options)})[{body}]" if options else f"[{body}]")

    lines = [f"#table(columns: {columns}, inset: 4pt, "
             + ("stroke: none, " if table.signature else
                f'stroke: (x, y) => (bottom: 0.5pt + rgb("{_RULE}")), ')
             + ("" if table.signature else
                'fill: (x, y) => if y == 0 { rgb("#eef2f6") }, ')
             + "align: left,"]
    if table.head_rows:
        lines.append("  table.header(" + ", ".join(cell(item) for row in rows[:table.head_rows]
                                                    for item in row) + "),")
    lines.extend("  " + ", ".join(cell(item) for item in row) + ","
                 for row in rows[table.head_rows:])
    lines.append(")")
    return "\n".join(lines)


class _Writer:
    """Writes blocks as markup, keeping the pictures it names for the compiler to read."""

    def __init__(self, ink: str) -> None:
        self.ink = ink
        self.pictures: dict[str, bytes] = {}  # a file name in the compiler's root, its bytes

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            return "=" * block.level + " " + _runs(block.runs)
        if isinstance(block, Paragraph):
            return _paragraph(block, self.ink)
        if isinstance(block, Items):
            return "\n".join(_items(block))
        if isinstance(block, Quote):
            return ("#quote(block: true)[" + " #parbreak() ".join(map(_runs, block.paragraphs))
                    + "]")
        if isinstance(block, Table):
            return _table(block)
        if isinstance(block, Figure):
            return _figure(block)
        if isinstance(block, Picture):
            return self._picture(block)
        assert isinstance(block, PageBreak)
        return "#pagebreak(weak: true)"

    def _picture(self, block: Picture) -> str:
        """A picture (a logo) with its text alternative, read from the compiler's root."""
        options = f"height: {block.height * 0.75:.0f}pt, alt: {typst_string(block.alt)}"
        if block.kind == "svg":
            return (f"#image(bytes({typst_string(block.data.decode('utf-8', 'replace'))}), "
                    f'format: "svg", {options})')
        name = f"picture-{len(self.pictures) + 1}.{block.kind}"
        self.pictures[name] = block.data
        return f'#image("/{name}", format: "{block.kind[:3]}", {options})'


@dataclass(frozen=True)
class Page:
    """What a PDF says of itself."""

    title: str
    author: str
    language: str
    as_of: dt.date
    paper: str
    brand: Brand = field(default_factory=Brand)
    footer: str = "Page {page} of {pages}"  # in the document's language


def _footer(message: str) -> str:
    """The page's footer as Typst markup: "Page 2 of 3" with the numbers counted as the
    document is laid out, the words as a string (never read as markup)."""
    counted = {"{page}": "#counter(page).display()", "{pages}": "#counter(page).final().first()"}
    return "".join(counted.get(piece) or f"#{typst_string(piece)}"
                   for piece in re.split(r"(\{pages?\})", message) if piece)


def markup(html: str, page: Page) -> str:
    """The Typst markup of one HTML document."""
    return _compose(html, page)[0]


def _compose(html: str, page: Page) -> tuple[str, dict[str, bytes]]:
    """The Typst markup of one HTML document, and the pictures it reads."""
    day = page.as_of
    fonts = f'({typst_string(page.brand.font_family)}, "Libertinus Serif")' if (
        page.brand.font_family) else '"Libertinus Serif"'
    writer = _Writer(page.brand.color)
    preamble = [
        f"#set document(title: {typst_string(page.title)}, author: {typst_string(page.author)}, "
        f"date: datetime(year: {day.year}, month: {day.month}, day: {day.day}))",
        f'#set page(paper: "{_PAPER.get(page.paper, "us-letter")}", margin: (x: 16mm, '
        'y: 18mm), footer: context align(right, text(size: 8.5pt, fill: rgb("'
        f'{_MUTED}"))[{_footer(page.footer)}]))',
        f'#set text(lang: "{page.language}", font: {fonts}, size: 10.5pt, '
        'fill: rgb("#1d2733"))',
        "#set par(justify: false, leading: 0.6em, spacing: 0.9em)",
        f'#show heading: set text(fill: rgb("{page.brand.color}"))',
        "#show heading.where(level: 1): set text(size: 19pt)",
        "#show heading.where(level: 2): it => block(width: 100%, below: 0.7em, above: 1.3em, "
        f'stroke: (bottom: 0.5pt + rgb("{_RULE}")), inset: (bottom: 3pt), sticky: true, it)',
        "#show heading.where(level: 3): set block(sticky: true)",
        "#show table: set text(size: 9pt)",
        "#show table.cell: set par(justify: false)",
        "",
    ]
    body = "\n\n".join(map(writer.block, read(html)))
    return "\n".join(preamble) + body + "\n", writer.pictures


@cache
def _fonts(folder: Path | None) -> typst.Fonts:
    """Typst's own fonts (the same on every machine: no system font is used) and a brand's,
    found once for every PDF of a run."""
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                       font_paths=[str(folder)] if folder else [])


def html_to_pdf(html: str, page: Page) -> bytes:
    """The tagged PDF (PDF/UA-1) of one self-contained HTML document."""
    import typst

    text, pictures = _compose(html, page)
    try:
        with tempfile.TemporaryDirectory(prefix="ctepartner-pdf-") as folder:
            root = Path(folder)  # the only files the compiler can read: ours
            (root / "main.typ").write_text(text, encoding="utf-8")
            for name, data in pictures.items():
                (root / name).write_bytes(data)
            return bytes(typst.compile(root / "main.typ", root=root,
                                       font_paths=_fonts(page.brand.fonts),
                                       pdf_standards=["ua-1"]))
    except typst.TypstError as error:  # a template whose HTML no PDF can be made of
        first = (str(error).strip().splitlines() or ["no reason given"])[0]
        raise UserError(f"{page.title}: the PDF could not be typeset ({first}); check the "
                        "template's HTML, or write --format html") from None
