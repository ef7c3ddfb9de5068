"""Reading a workbook that anyone may have made: sized up before it is loaded, then read
cell by cell within the limits a CSV has.

An .xlsx file is a zip of XML parts. Three megabytes of it can unpack to gigabytes (a
sheet of whitespace, one enormous shared string, millions of empty ones), its XML can
declare entities that expand, and its sheets can be hidden from the person who saves it.
So the zip's directory is read first and the workbook refused when it unpacks to more than
any partnership needs; every part is searched for a DTD; hidden sheets are refused by name;
and while rows are read, each cell is checked: no error value (#REF!), no formula where a
value belongs (but `=TRUE()` and `=FALSE()`, which is how LibreOffice Calc saves a boolean),
no date before 1 March 1900 (where spreadsheets count days wrong), no text longer than a CSV
field may be.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ctepartner.errors import UserError

MAX_UNPACKED = 100 * 1024**2  # bytes of XML: a 5,000-stakeholder export is a few MB
MAX_PARTS = 1_000  # files in the zip: a workbook has dozens
MAX_ROWS = 50_000  # rows of one sheet: more stakeholders than a 10 MB file holds
MAX_TEXT = 131_072  # characters in one cell, as in one CSV field
FIRST_COUNTED_DAY = dt.datetime(1900, 3, 1)  # serial dates before it are off by one
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_BOOLEAN_FORMULA = re.compile(r"\s*=\s*(?:of:=)?\s*(TRUE|FALSE)\s*(?:\(\s*\))?\s*", re.IGNORECASE)


def open_workbook(path: Path, *, formulas: bool = False, hidden_ok: tuple[str, ...] = ()
                  ) -> Any:
    """The workbook at `path`, read-only and streamed, once its size, its XML and its
    sheets have been checked; `formulas`: keep formulas (to refuse them) instead of their
    last values; `hidden_ok`: hidden sheets the caller knows and never imports."""
    from openpyxl import load_workbook

    if not path.is_file():
        raise UserError(f"{path}: no such file")
    _size_up(path)
    try:
        book = load_workbook(path, read_only=True, data_only=not formulas)
    except Exception as error:  # openpyxl and the zip and XML readers raise many kinds
        raise UserError(f"{path}: cannot read the workbook ({_reason(error)})") from None
    hidden = [sheet.title for sheet in book.worksheets
              if sheet.sheet_state != "visible" and sheet.title not in hidden_ok]
    if hidden:
        raise UserError(f"{path}: hidden sheets ({', '.join(map(repr, hidden))}); show them "
                        "or delete them, so that what is imported is what you can see")
    return book


def rows(path: Path, sheet: Any) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) of each row of `sheet`, every cell checked; a user error naming
    the cell at the first bad one, or the row past MAX_ROWS rows with data (blank rows are
    not counted, as a spreadsheet program saves them by the thousand)."""
    filled = 0
    try:
        for number, row in enumerate(sheet.iter_rows(), start=1):
            values = [_checked(path, sheet.title, cell) for cell in row]
            if any(value is not None and str(value).strip() for value in values):
                filled += 1
                if filled > MAX_ROWS + 1:  # the header, then the rows
                    raise UserError(f"{path}: {sheet.title}!A{number}: more than "
                                    f"{MAX_ROWS:,} rows with data, more than a partnership "
                                    "file can hold; split the sheet")
            yield number, values
    except UserError:
        raise
    except Exception as error:
        raise UserError(f"{path}: cannot read the workbook ({_reason(error)})") from None


def _checked(path: Path, title: str, cell: Any) -> Any:
    value = cell.value
    if value is None:
        return None
    where = f"{path}: {title}!{getattr(cell, 'coordinate', '?')}"
    kind = getattr(cell, "data_type", None)
    if kind == "e":
        raise UserError(f"{where}: the error {value} (a broken formula); type the value")
    if kind == "f":
        truth = _BOOLEAN_FORMULA.fullmatch(str(value))
        if truth:  # LibreOffice Calc stores a TRUE it shows as the formula =TRUE()
            return truth.group(1).upper() == "TRUE"
        raise UserError(f"{where}: a formula; type the value instead")
    if isinstance(value, dt.datetime) and value < FIRST_COUNTED_DAY:
        raise UserError(f"{where}: a date before 1 March 1900, which spreadsheets count "
                        "wrong; type it as text, YYYY-MM-DD")
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise UserError(f"{where}: {len(value):,} characters; a cell may hold {MAX_TEXT:,}")
    return value


def _size_up(path: Path) -> None:
    """Refuse a workbook that unpacks to more than MAX_UNPACKED, or has a DTD in any part."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            unpacked = sum(part.file_size for part in parts)
            if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED:
                raise UserError(f"{path}: unpacks to {unpacked / 1024**2:,.0f} MB in "
                                f"{len(parts):,} parts, more than any partnership's workbook; "
                                "it was not read")
            for part in parts:
                if _declares_dtd(archive, part):
                    raise UserError(f"{path}: {part.filename} declares a DTD (entities that "
                                    "expand); it was not read")
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError, ValueError,
            NotImplementedError) as error:  # damaged, encrypted or oddly compressed parts
        raise UserError(f"{path}: not a workbook (.xlsx): {_reason(error)}") from None


def _declares_dtd(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether the part holds `<!DOCTYPE` or `<!ENTITY`, read in chunks (a marker split
    between two chunks is found too); reading stops at the size the directory gave."""
    tail, left = b"", part.file_size
    with archive.open(part) as stream:
        while left > 0:
            chunk = stream.read(min(1 << 20, left))
            if not chunk:
                return False
            if _DTD.search(tail + chunk):
                return True
            tail, left = chunk[-16:], left - len(chunk)
    return False


def _reason(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
