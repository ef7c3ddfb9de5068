"""PDF from the HTML document, with xhtml2pdf (pure Python: a plain pip install suffices).

xhtml2pdf draws SVG only from images, so each inline chart becomes an SVG data URI first.
ReportLab's invariant mode fixes the creation date and document id: the same input gives
the same bytes.
"""

from __future__ import annotations

import base64
import io
import logging
import re

_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_SIZE = re.compile(r'<svg[^>]*\bwidth="(\d+)"[^>]*\bheight="(\d+)"')


def _as_image(match: re.Match[str]) -> str:
    svg = match.group(0)
    size = _SIZE.search(svg)
    width, height = size.groups() if size else ("360", "150")
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" width="{width}" height="{height}"/>'


_TABLE = re.compile(r"(<table\b[^>]*>)(.*?)(</table>)", re.DOTALL)
_ROW = re.compile(r"(?=<tr[\s>])")
ROWS_PER_TABLE = 40


def _rows(body: str) -> tuple[str, str, list[str]] | None:
    """A simple table's body as (what precedes the rows, the header row, the other rows);
    None for a table with nested tables or row groups, which is left as it is."""
    if re.search(r"<(table|thead|tbody|tfoot)\b", body):
        return None
    lead, *rows = _ROW.split(body)
    header = rows.pop(0) if rows and "<th" in rows[0] else ""
    return lead, header, rows


def _split_table(match: re.Match[str]) -> str:
    """A long table as several short ones, each with the header row again.

    ReportLab splits a table across pages in time that grows with the square of its rows (a
    5,000-row table took minutes); short tables split cheaply and read the same on paper.
    """
    opening, body, closing = match.groups()
    found = _rows(body)
    if found is None:
        return match.group(0)
    lead, header, rows = found
    if len(rows) <= ROWS_PER_TABLE:
        return match.group(0)
    parts = [rows[start:start + ROWS_PER_TABLE] for start in range(0, len(rows), ROWS_PER_TABLE)]
    return lead + "".join(opening + header + "".join(part) + closing for part in parts)


_HEADED_TABLE = re.compile(r"(<h[23])([^>]*>(?:(?!</?h[1-6]\b).)*</h[23]>\s*)"
                           r"(<table\b[^>]*>)(.*?)(</table>)", re.DOTALL)
LEAD_ROWS = 3  # rows of a table that stay on the page of its heading


def _keep_heading(match: re.Match[str]) -> str:
    """A heading kept with the first rows of the table below it, and the rest of the table
    free to run onto the next page: xhtml2pdf keeps a heading with the *whole* next
    flowable, so a long table would leave the page above it empty."""
    tag, heading, opening, body, closing = match.groups()
    attributes, rest = heading.split(">", 1)
    marked = (attributes.replace('class="', 'class="keep ', 1) if "class=" in attributes
              else ' class="keep"' + attributes)
    heading = f"{tag}{marked}>{rest}"
    found = _rows(body)
    if found is None or len(found[2]) <= LEAD_ROWS:
        return heading + opening + body + closing
    lead, header, rows = found
    first, rest = rows[:LEAD_ROWS], rows[LEAD_ROWS:]
    widths = re.findall(r'<th\b[^>]*?(width="[^"]*")', header)
    cells = iter(widths)
    rest[0] = re.sub(r"<td\b", lambda m: f"<td {next(cells, '')}".rstrip(), rest[0])
    joined = opening[:-1] + ' style="margin-top: 0">'
    return (heading + opening[:-1] + ' style="margin-bottom: 0">' + lead + header
            + "".join(first) + closing + joined + "".join(rest) + closing)


def _no_fetching(uri: str, rel: str | None = None) -> str:
    """The PDF renderer may use what the document carries (data: URIs) and nothing else: a
    template must not make it read a local file or fetch a URL into the PDF."""
    return uri if uri.startswith("data:") else ""


def html_to_pdf(html: str) -> bytes:
    """The PDF of one self-contained HTML document."""
    from reportlab import rl_config
    from xhtml2pdf import pisa

    rl_config.invariant = 1
    logging.getLogger("xhtml2pdf").setLevel(logging.ERROR)
    output = io.BytesIO()
    html = html.replace("\u2610", "[&nbsp;&nbsp;&nbsp;]")  # a box to tick: not in the PDF fonts
    printable = _TABLE.sub(_split_table, _HEADED_TABLE.sub(_keep_heading,
                                                           _SVG.sub(_as_image, html)))
    result = pisa.CreatePDF(printable, dest=output, encoding="utf-8",
                            link_callback=_no_fetching)
    if result.err:
        raise RuntimeError(f"the PDF renderer reported {result.err} error(s)")
    return output.getvalue()
