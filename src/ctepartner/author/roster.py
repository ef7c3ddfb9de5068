"""The stakeholder roster to and from the spreadsheets conveners already keep (CSV, XLSX).

Import merges by id: it updates the cells a row fills in and adds new stakeholders; it never
deletes one. Updates go through ruamel.yaml's round-trip loader, so every comment, blank line
and quote style of stakeholders.yaml stays as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_origin

from pydantic import ValidationError

from ctepartner.author import spreadsheet
from ctepartner.author.guard import Edit, fix_first, read_for_edit
from ctepartner.author.spreadsheet import open_workbook
from ctepartner.author.workbook import (
    SEPARATOR,
    STAKEHOLDERS_SHEET,
    cell_path,
    columns,
    is_date,
)
from ctepartner.errors import UserError
from ctepartner.load.journal import editing
from ctepartner.load.partnership import Partnership, load
from ctepartner.load.validate import plain_message, unwrap
from ctepartner.model.base import slug
from ctepartner.model.files import FileName, Stakeholder
from ctepartner.printable import printable
from ctepartner.spelling import closest
from ctepartner.words import as_meant, folded

# One vocabulary: the roster's columns are the workbook's stakeholders sheet's, so that sheet
# saved as CSV imports as it is, and so does the roster `export stakeholders` writes.
ANNOTATIONS = dict(columns(STAKEHOLDERS_SHEET))
COLUMNS = list(ANNOTATIONS)
FILE = FileName.STAKEHOLDERS


# --- export ----------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return SEPARATOR.join(str(item) for item in value)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def rows_of(entries: list[dict[str, Any]]) -> list[dict[str, str]]:
    """One flat row per stakeholder as written in the file, in COLUMNS (control characters,
    which `check` reports, shown as escapes: a sheet may be printed to a terminal)."""
    rows = []
    for entry in entries:
        row = {}
        for column in COLUMNS:
            row[column] = printable(_cell(cell_path(entry, column)))
        rows.append(row)
    return rows


# A cell that starts with one of these is a formula to a spreadsheet program (OWASP "CSV
# injection"): `=HYPERLINK(...)` in an organisation's name must stay a name.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(text: str) -> str:
    """A CSV cell no spreadsheet evaluates: a leading `'`, as Excel itself writes it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguard(text: str) -> str:
    """The value `guard` was given: the round trip through a CSV file is exact."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def to_csv(rows: list[dict[str, str]]) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: guard(value) for column, value in row.items()} for row in rows)
    return stream.getvalue()


def to_xlsx(rows: list[dict[str, str]]) -> bytes:
    """The roster as a workbook whose cells are all text: never a formula, whatever a
    value starts with, and read back exactly as written."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Stakeholders"
    sheet.append(COLUMNS)
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(number, index, row[column])
            cell.data_type = "s"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


# --- import ----------------------------------------------------------------------------


Row = tuple[int, dict[str, str]]
MAX_ROWS = 50_000  # rows with data: more stakeholders than a 10 MB stakeholders.yaml holds


TEXT_SUFFIXES = (".csv", ".tsv", ".txt")  # comma, semicolon or tab separated: sniffed


# How a table's first rows make its headers: (the header of each column, how many rows they
# took). A form tool may write two or three header rows (SurveyMonkey, Qualtrics).
Headers = Callable[[list[list[str]]], tuple[list[str], int]]
TOP_ROWS = 3  # rows a Headers function is shown


def first_row(top: list[list[str]]) -> tuple[list[str], int]:
    """The usual table: one header row."""
    return (top[0] if top else []), 1


def read_table(path: Path, headers: Headers = first_row) -> list[Row]:
    """(row number as the spreadsheet shows it, its filled cells by header) for every row
    with data. Rows are streamed from the file and a sheet with more than MAX_ROWS rows of
    data is refused as soon as that is known, so memory stays bounded whatever the file.

    Text is read as the programs that save it write it: commas, semicolons (Excel in much of
    Europe) or tabs, whichever the header uses; UTF-8 with or without a byte-order mark,
    UTF-16 with one (Excel's "Unicode text"), else Windows text (Latin-1 and its curly
    quotes). Text that looks decoded twice (`PeÃ±a`) stops the import at its row."""
    try:
        return _bounded(path, _rows_of(path, headers)[1])
    except UnicodeError as error:  # past the rows decoded to choose the encoding
        raise UserError(f"{path}: not one encoding throughout ({error}); save the sheet as "
                        "CSV UTF-8") from None


def read_headers(path: Path, headers: Headers = first_row) -> list[str]:
    """The headers of a table `read_table` reads: every column, even one with no data."""
    return [name for name in _rows_of(path, headers)[0] if name]


def _rows_of(path: Path, headers: Headers) -> tuple[list[str], Iterator[Row]]:
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix not in (*TEXT_SUFFIXES, ".xlsx"):
        raise UserError(f"{path}: import reads .csv, .tsv, .txt or .xlsx files")
    if suffix == ".xlsx":
        sheet = open_workbook(path).active
        lines = ((number, [_cell(value).strip() for value in values])
                 for number, values in spreadsheet.rows(path, sheet))
        return _table(path, lines, headers)
    for encoding in _encodings(path):
        try:  # as much as can be imported is decoded once to know the encoding holds
            for _ in itertools.islice(_csv_lines(path, encoding), MAX_ROWS + TOP_ROWS):
                pass
        except UnicodeError:
            continue
        return _table(path, _csv_lines(path, encoding), headers)
    raise UserError(f"{path}: neither UTF-8, UTF-16 nor Windows text; save the sheet as CSV "
                    "UTF-8")


def _table(path: Path, lines: Iterator[tuple[int, list[str]]], headers: Headers
           ) -> tuple[list[str], Iterator[Row]]:
    """The headers `headers` makes of the first rows, and the rows after them by header."""
    top = []
    for line in lines:
        top.append(line)
        if len(top) == TOP_ROWS:
            break
    names, count = headers([values for _, values in top])
    names = [name.strip().lstrip("\ufeff") for name in names]

    def rows() -> Iterator[Row]:
        for number, values in itertools.chain(top[count:], lines):
            cells = {name: value for name, value in zip(names, values, strict=False) if name}
            if len(values) > len(names):  # a row longer than its header: kept, not lost
                cells[names[-1]] = SEPARATOR.join(values[len(names) - 1:])
            twice = next((value for value in cells.values() if _MOJIBAKE.search(value)), None)
            if twice is not None:
                raise UserError(
                    f"{path}: row {number}: {printable(twice)!r} looks like text that was "
                    "decoded twice (UTF-8 read as Windows text); open the original and save "
                    "it as CSV UTF-8. Nothing was written")
            yield from _filled(number, cells)
    return names, rows()


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _encodings(path: Path) -> list[str]:
    """The encodings to read a text table in: the one its byte-order mark names, else
    UTF-8, then Windows text."""
    with path.open("rb") as stream:
        start = stream.read(4)
    for bom, encoding in _BOMS:
        if start.startswith(bom):
            return [encoding]
    return ["utf-8", "cp1252"]


def _delimiter(stream: Any) -> str:
    """`,`, `;` or a tab: the one the header line holds most of (outside quotes); the
    stream is left at its start."""
    header = stream.readline()
    stream.seek(0)
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {mark: outside.count(mark) for mark in (",", ";", "\t")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


# Text decoded twice, UTF-8 read as Windows text: `Ã±` for ñ, `â€™` for a curly apostrophe.
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3][\u0080-\u00bf]"
    "|\u00e2\u20ac[\u0080-\u00bf\u2018-\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a"
    "\u2122\u0153\u0161\u017e]")


def _bounded(path: Path, rows: Iterator[Row]) -> list[Row]:
    found = []
    for row in rows:
        found.append(row)
        if len(found) > MAX_ROWS:
            raise UserError(f"{path}: more than {MAX_ROWS:,} rows with data, more than a "
                            "partnership file can hold; split the sheet")
    return found


def _filled(number: int, cells: dict[str, str]) -> list[Row]:
    filled = {name: value for name, value in cells.items() if value}
    return [(number, filled)] if filled else []


def _csv_lines(path: Path, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of each row of a text table, its delimiter sniffed."""
    with path.open(encoding=encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=_delimiter(stream))
        number = 0
        try:
            for number, values in enumerate(reader, start=1):
                yield number, [value.strip() for value in values]
        except csv.Error as error:
            what = (f"a cell is longer than {csv.field_size_limit():,} characters"
                    if "field larger" in str(error) else str(error))
            raise UserError(f"{path}: row {number + 1}: {what}; the file was not read and "
                            "nothing was written") from None


@dataclass
class ImportPlan:
    """What an import would do; nothing is written until it is applied."""

    adds: list[dict[str, Any]] = field(default_factory=list)
    updates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def parse_map(pairs: list[str]) -> dict[str, str]:
    """`--map "Org Name=organization"` options as {column: field}, the column in lower case;
    `--map "Notes="` leaves a column out."""
    mapping = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        field_name = _BY_KEY.get(folded(target), "")
        if not sep or (target.strip() and not field_name):
            raise UserError(f"--map {pair!r}: write it as \"Column name=field\", with a field "
                            f"among {', '.join(COLUMNS)} (or nothing, to leave it out)")
        mapping[column.strip().lower()] = field_name
    return mapping


_BY_KEY = {folded(column): column for column in COLUMNS}


def field_of(column: str, mapping: dict[str, str]) -> str | None:
    """The roster field a column holds: by `--map`, else by its header, case, spacing and
    punctuation ignored (`Contact Email`, `contact_email` and `contact.email` are all
    contact.email); a header that is no field comes back as it is, to be reported. None:
    a column `--map` leaves out."""
    key = column.strip().lower()
    if key in mapping:
        return mapping[key] or None
    return _BY_KEY.get(folded(key), key)


def _fields(cells: dict[str, str], mapping: dict[str, str]) -> dict[str, str]:
    named = {field_of(column, mapping): unguard(value) for column, value in cells.items()}
    fields = {column: value for column, value in named.items()
              if column in COLUMNS and value}
    if "id" not in fields and "organization" in fields:
        fields["id"] = slug(fields["organization"])
    return fields


def _value(column: str, text: str) -> Any:
    """A cell's text as its field takes it: a list from `; `, a date from YYYY-MM-DD (what is
    neither is left as text, for validation to report)."""
    annotation = ANNOTATIONS[column]
    if get_origin(unwrap(annotation)) is list:
        return [part.strip() for part in text.split(SEPARATOR.strip()) if part.strip()]
    if is_date(annotation):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _nest(fields: dict[str, str]) -> dict[str, Any]:
    """Flat columns to the file's shape: `contact.email` is `email` in `contact`."""
    entry: dict[str, Any] = {}
    for column, text in fields.items():
        *parents, name = column.split(".")
        node = entry
        for parent in parents:
            node = node.setdefault(parent, {})
        node[name] = _value(column, text)
    return entry


def _merged(existing: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    merged = dict(existing)
    for key, value in changes.items():
        if isinstance(value, dict):
            merged[key] = {**(existing.get(key) or {}), **value}
        else:
            merged[key] = value
    return merged


def _changed(existing: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Only what differs from the file."""
    result: dict[str, Any] = {}
    for key, value in changes.items():
        if isinstance(value, dict):
            inner = _changed(existing.get(key) or {}, value)
            if inner:
                result[key] = inner
        elif _cell(existing.get(key)) != _cell(value):
            result[key] = value
    return result


def plan_import(entries: list[dict[str, Any]], rows: list[Row],
                mapping: dict[str, str]) -> ImportPlan:
    """Compare the rows with the stakeholders in the file."""
    plan = ImportPlan()
    headers = {column for _, cells in rows for column in cells}
    for header in sorted(headers):
        name = field_of(header, mapping)
        if name is not None and name not in COLUMNS:
            guess = closest(name, COLUMNS)
            hint = f" (did you mean {guess}?)" if guess else ""
            plan.errors.append(f"column {header!r} is not a roster field{hint}; read it as one "
                               f"with --map \"{header}=FIELD\", or leave it out with --map "
                               f"\"{header}=\"; the fields are: {', '.join(COLUMNS)}")
    by_id = {entry.get("id"): entry for entry in entries}
    seen: set[str] = set()
    for number, cells in rows:
        fields = _fields(cells, mapping)
        stakeholder_id = fields.get("id", "")
        if not stakeholder_id:
            plan.errors.append(f"row {number}: no id and no organization to make one from")
            continue
        if stakeholder_id in seen:
            plan.errors.append(f"row {number}: id {stakeholder_id!r} appears twice in the sheet")
            continue
        seen.add(stakeholder_id)
        changes = as_meant(Stakeholder, _nest(fields))  # `Business`, `K-12`
        existing = by_id.get(stakeholder_id)
        merged = _merged(existing or {}, changes)
        merged.setdefault("status", "identified")
        try:
            Stakeholder.model_validate(merged)
        except ValidationError as error:
            detail = error.errors(include_url=False)[0]
            plan.errors.append(f"row {number} ({stakeholder_id}): {plain_message(detail)}")
            continue
        if existing is None:
            plan.adds.append({key: merged[key] for key in _ordered(merged)})
        elif delta := _changed(existing, changes):
            plan.updates.append((stakeholder_id, delta))
    return plan


def _ordered(entry: dict[str, Any]) -> list[str]:
    """The file's usual key order for a new stakeholder."""
    order = ["id", "organization", "sector", "contact", "profile", "status", "status_since",
             "contributes", "benefits", "role", "agreement"]
    return [key for key in order if key in entry]


# --- writing ---------------------------------------------------------------------------


def _round_trip() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _flow(value: Any) -> Any:
    """Nested mappings and lists are written on one line, as the examples do."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        mapping = CommentedMap(value)
        mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(value)
        sequence.fa.set_flow_style()
        return sequence
    return value


def load_entries(partnership: Partnership) -> tuple[Edit, Any, list[dict[str, Any]]]:
    """stakeholders.yaml opened for editing, its round-trip document (which keeps its
    comments), and its entries as plain dicts."""
    edit = read_for_edit(partnership, FILE)
    path, text = edit.path, edit.text
    fix_first(edit)
    try:
        document = _round_trip().load(text) if text.strip() else None
    except Exception as error:  # ruamel raises several kinds for a broken file
        raise UserError(f"{path}: fix the file first (`ctepartner check`): {error}") from None
    items = document.get("stakeholders") if isinstance(document, dict) else None
    entries = [dict(item) for item in items or [] if isinstance(item, dict)]
    return edit, document, entries


def apply_import(partnership: Partnership, plan: ImportPlan) -> Path:
    """Write the plan into stakeholders.yaml, keeping its comments; validated first."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    edit, document, _ = load_entries(partnership)
    if document is None:
        document = CommentedMap()
    if not isinstance(document.get("stakeholders"), list):
        document["stakeholders"] = CommentedSeq()
    items = document["stakeholders"]
    by_id = {item.get("id"): item for item in items if isinstance(item, dict)}
    for stakeholder_id, changes in plan.updates:
        item = by_id[stakeholder_id]
        for key, value in changes.items():
            if isinstance(value, dict) and isinstance(item.get(key), dict):
                item[key].update(value)
            else:
                item[key] = _flow(value)
    for entry in plan.adds:
        items.append(CommentedMap((key, _flow(value)) for key, value in entry.items()))
    stream = io.StringIO()
    _round_trip().dump(document, stream)
    edit.save(stream.getvalue())
    return edit.path


def import_roster(directory: Path, rows: list[Row],
                  mapping: dict[str, str], *, dry_run: bool) -> tuple[ImportPlan, Path | None]:
    """Plan the import and, unless `dry_run` or the plan has errors, write it: under the
    partnership's lock from the read to the write, so a concurrent writer loses nothing."""
    with editing(directory):
        partnership = load(directory)
        _, _, entries = load_entries(partnership)
        plan = plan_import(entries, rows, mapping)
        if plan.errors or dry_run or not (plan.adds or plan.updates):
            return plan, None
        return plan, apply_import(partnership, plan)
