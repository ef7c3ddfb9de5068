"""Markdown (GitHub's flavour) written from a document's tree.

Every text is shown as exactly that text: a character is escaped only where Markdown would
read it as markup there (`*` anywhere, `#` only at a line's start, `&` only where it would
start an entity, `~` and `$` only where a pair could strike through or set math, `|` only in
a table), so what a person reads in the file has as few backslashes as can be. A name can
neither add a heading nor a link nor leave its table cell: a bare web address is broken with
an empty HTML comment (`https:<!-- -->//`), which shows as nothing.
"""

from __future__ import annotations

import re

from ctepartner.render.tree import (
    BREAK,
    Block,
    Cell,
    Figure,
    Heading,
    Items,
    PageBreak,
    Paragraph,
    Picture,
    Quote,
    Run,
    Runs,
    Table,
    read,
)

_ENTITY = re.compile(r"&(?=[A-Za-z][A-Za-z0-9]{1,31};|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_AUTOLINK = re.compile(r"((?:https?|ftp):|\bwww)(//|\.)", re.IGNORECASE)
_RULE = re.compile(r"[-_*=]\s*(?:[-_*=]\s*){2,}")
_LINE_START = re.compile(r"^(#|>|[-+=](?=[-+=\s]|$)|\d+(?=[.)](?:\s|$)))")


def escaped(text: str, *, cell: bool = False) -> str:
    """`text` as Markdown that shows exactly it."""
    paired = {mark for mark in "~$" if text.count(mark) > 1}
    out = []
    for index, char in enumerate(text):
        text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if (char in "`*[]" or char in paired or (char == "|" and cell)
                or (char == "\\" and after in _PUNCTUATION)
                or (char == "_" and _underscore_marks(text, index))
                or (char == "<" and (after.isalpha() or after in "/!?"))):
            out.append("\\" + char)
        else:
            out.append(char)
    written = _ENTITY.sub(r"\\&", "".join(out))
    return _AUTOLINK.sub(lambda found: found.group(1) + "<!-- -->" + found.group(2), written)


def _underscore_marks(text: str, index: int) -> bool:
    """Whether the run of `_` around `index` could open or close emphasis: not inside a
    word (`snake_case`) nor a blank to fill in (`Date: ______`, `number ____,`)."""
    start, end = index, index
    while start and text[start - 1] == "_":
        start -= 1
    while end + 1 < len(text) and text[end + 1] == "_":
        end += 1
    before = text[start - 1] if start else " "
    after = text[end + 1] if end + 1 < len(text) else " "
    return (before.isalnum() or after.isalnum()) and not (before.isalnum()
                                                           and after.isalnum())


def _start(text: str) -> str:
    """A block's text that does not start another block: `\\# 1`, `1\\. x`, `\\- x`."""
    def mark(match: re.Match[str]) -> str:
        found = match.group(1)
        return found + "\\" if found[0].isdigit() else "\\" + found

    if _RULE.fullmatch(text):  # a line of only `_` or `-` would be a rule across the page
        return "\\" + text
    return _LINE_START.sub(mark, text)


def inline(runs: Runs, *, cell: bool = False) -> str:
    """Runs as Markdown: bold, italics and code kept; a line break as Markdown writes one."""
    parts = []
    for run in runs:
        if run.text == BREAK:
            parts.append("<br>" if cell else "  \n")
            continue
        parts.append(_styled(run, cell))
    return "".join(parts)


def _styled(run: Run, cell: bool) -> str:
    body = run.text.strip()
    lead = " " if run.text[:1].isspace() else ""
    trail = " " if run.text[-1:].isspace() else ""
    if not body:
        return run.text
    if run.code:
        fence = "`" * (max((len(m) for m in re.findall(r"`+", body)), default=0) + 1)
        pad = " " if body[0] == "`" or body[-1] == "`" else ""
        text = f"{fence}{pad}{body.replace('|', '&#124;') if cell else body}{pad}{fence}"
    else:
        text = escaped(body, cell=cell)
        mark = ("**" if run.strong else "") + ("*" if run.emph else "")
        text = f"{mark}{text}{mark[::-1]}"
    return f"{lead}{text}{trail}"


def _paragraph(block: Paragraph) -> str:
    text = _start(inline(block.runs))
    if block.tone == "statement":
        return "> " + text.replace("\n", "\n> ")
    if block.tone == "muted" and not any(run.strong or run.emph for run in block.runs):
        return f"*{text}*"
    return text


def _items(block: Items, indent: str = "") -> list[str]:
    lines = []
    for number, item in enumerate(block.items, start=1):
        marker = f"{number}. " if block.ordered else "- "
        lines.append(indent + marker + _start(inline(item.runs)).replace(
            "\n", "\n" + indent + " " * len(marker)))
        for inner in item.lists:
            lines.extend(_items(inner, indent + " " * len(marker)))
    return lines


def _cells(row: tuple[Cell, ...], columns: int) -> list[str]:
    """A table row's cells as Markdown, a spanning cell followed by empty ones."""
    texts = []
    for cell in row:
        texts.append("<br>".join(inline(runs, cell=True) for runs in cell.paragraphs))
        texts.extend([""] * (cell.span - 1))
    return (texts + [""] * columns)[:columns]


def _table(block: Table) -> str:
    if block.signature:  # each party's block in turn: a party's name, then its lines
        return "\n\n".join(_start(inline(runs)) for row in block.rows for cell in row
                           for runs in cell.paragraphs)
    columns = block.columns
    rows = [_cells(row, columns) for row in block.rows]
    numbers = [False] * columns
    for row in block.rows[:1]:
        place = 0
        for cell in row:
            numbers[place] = cell.number
            place += cell.span
    lines = ["| " + " | ".join(rows[0]) + " |",
             "| " + " | ".join("---:" if number else "---" for number in numbers) + " |"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows[1:])
    return "\n".join(lines)


def block_text(block: Block) -> str:
    """One block as Markdown ("" for what Markdown does not show: a page break, a logo)."""
    if isinstance(block, Heading):
        return "#" * block.level + " " + inline(block.runs).replace("  \n", " ")
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, Items):
        return "\n".join(_items(block))
    if isinstance(block, Quote):
        return "\n>\n".join("> " + _start(inline(runs)).replace("\n", "\n> ")
                            for runs in block.paragraphs)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return f"*{escaped(block.caption)}*"
    assert isinstance(block, Picture | PageBreak)  # a logo: no picture a Markdown file holds
    return ""


def markdown(html: str) -> str:
    """The Markdown of one of our HTML documents."""
    return "\n\n".join(text for text in map(block_text, read(html)) if text) + "\n"
