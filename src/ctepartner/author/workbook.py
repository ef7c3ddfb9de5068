"""The whole partnership as one spreadsheet, and back (CLI.md, "The workbook").

Each list of the format is a sheet whose rows are its items, named by their key columns
(an id, or a stakeholder and a date); every other field not inside a list is a row of the
`settings` sheet, keyed as `set` keys it. Import compares every cell with the files, checks
every changed or new cell as `check` would, and reports each problem as `sheet!CELL`; only
when there is none does it write, changing the text of the values that changed and appending
new items, so comments and everything else in the files stay as they were.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

from pydantic import TypeAdapter, ValidationError

from ctepartner.author import spreadsheet
from ctepartner.author.guard import Edit, read_for_edit, refuse_worse
from ctepartner.author.insert import append_entry, set_value
from ctepartner.author.scalars import block, flow, scalar
from ctepartner.author.setter import items_of, model_of, resolve
from ctepartner.author.spreadsheet import open_workbook
from ctepartner.errors import UserError
from ctepartner.load.partnership import ID_LISTS, Partnership
from ctepartner.load.validate import plain_message, unwrap
from ctepartner.load.yamlfile import YamlMap, YamlSeq
from ctepartner.model.base import Node
from ctepartner.model.files import FILE_MODELS, FileName
from ctepartner.spelling import closest
from ctepartner.words import as_meant, folded

SEPARATOR = "; "  # between the items of a list of text in one cell
EXACT_DIGITS = 10**15  # spreadsheets hold numbers as doubles: exact below this
MAX_CELLS = 2_000_000  # cells read from a workbook: far more than any partnership has
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of a spreadsheet's serial dates (after 1900-03-01)
LAST_SERIAL = 2_958_466  # 9999-12-31


@dataclass(frozen=True)
class Level:
    """One list on the way to a sheet's items: its key path in the parent, the item
    field(s) that identify an item, and the column(s) they are shown in."""

    path: tuple[str, ...]
    keys: tuple[str, ...]
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    name: str
    file: str
    levels: tuple[Level, ...]
    one_line: bool = False  # new items written `- {a: 1, b: 2}`, as the files write them

    @property
    def model(self) -> type[Node]:
        model: Any = FILE_MODELS[self.file]
        for level in self.levels:
            for part in level.path:
                annotation = _field(model, part)
                model = items_of(annotation) or model_of(annotation) or _list_item(annotation)
        return model  # type: ignore[no-any-return]

    @property
    def key_columns(self) -> tuple[str, ...]:
        return tuple(column for level in self.levels for column in level.columns)


def _field(model: type[Node], key: str) -> Any:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info.annotation
    raise KeyError(key)


def _list_item(annotation: Any) -> Any:
    bare = unwrap(annotation)
    return get_args(bare)[0] if get_origin(bare) is list else None


def _one(path: str, key: str, column: str | None = None) -> Level:
    return Level(tuple(path.split(".")), (key,), (column or key,))


_STAKEHOLDER = _one("stakeholders", "id", "stakeholder")
STAKEHOLDERS_SHEET = Sheet("stakeholders", FileName.STAKEHOLDERS, (_one("stakeholders", "id"),))
SHEETS = (
    STAKEHOLDERS_SHEET,
    Sheet("observations", FileName.METRICS,
          (_one("metrics", "id", "metric"), _one("observations", "date")), one_line=True),
    Sheet("profiles", FileName.RECRUITMENT, (_one("profiles", "id"),)),
    Sheet("recruitment steps", FileName.RECRUITMENT, (_one("plan.steps", "id"),), one_line=True),
    Sheet("roles", FileName.ROLES, (_one("roles", "id"),)),
    Sheet("goals", FileName.PARTNERSHIP, (_one("goals", "id"),)),
    Sheet("protocols", FileName.PARTNERSHIP, (_one("protocols", "id"),)),
    Sheet("intermediaries", FileName.PARTNERSHIP, (_one("intermediaries", "organization"),),
          one_line=True),
    Sheet("staff", FileName.PARTNERSHIP, (_one("convener.staff", "name"),), one_line=True),
    Sheet("activities", FileName.ACTION_PLAN, (_one("activities", "id"),)),
    Sheet("metrics", FileName.METRICS, (_one("metrics", "id"),)),
    Sheet("communications plan", FileName.COMMUNICATIONS, (_one("plan", "id"),)),
    Sheet("log", FileName.COMMUNICATIONS, (Level(("log",), ("date", "plan"), ("date", "plan")),),
          one_line=True),
    Sheet("meetings", FileName.COMMUNICATIONS, (_one("meetings", "date"),)),
    Sheet("meeting actions", FileName.COMMUNICATIONS,
          (_one("meetings", "date", "meeting"), _one("actions", "title")), one_line=True),
    Sheet("asks", FileName.STAKEHOLDERS, (_STAKEHOLDER, _one("asks", "what")), one_line=True),
    Sheet("quotes", FileName.STAKEHOLDERS, (_STAKEHOLDER, _one("quotes", "text")), one_line=True),
    Sheet("temperature checks", FileName.STAKEHOLDERS,
          (_STAKEHOLDER, _one("temperature_checks", "date")), one_line=True),
    Sheet("survey questions", FileName.SURVEY, (_one("questions", "id"),), one_line=True),
)


def fields(model: type[Node], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted column, annotation) for every value of a model, nested mappings flattened;
    lists of mappings are left to their own sheets, and mappings of free keys (an
    agreement's own clauses, the partnership's translations) to the YAML: no cell holds
    one, so the workbook neither shows nor changes them."""
    for name, info in model.model_fields.items():
        key = prefix + (info.alias or name)
        inner = model_of(info.annotation)
        if inner is not None:
            yield from fields(inner, key + ".")
        elif get_origin(unwrap(info.annotation)) is dict:
            continue
        elif items_of(info.annotation) is None and not _is_list_of_models(info.annotation):
            yield key, info.annotation


def _is_list_of_models(annotation: Any) -> bool:
    item = _list_item(annotation)
    return isinstance(item, type) and issubclass(item, Node)


def columns(sheet: Sheet) -> list[tuple[str, Any]]:
    own = [column for column in fields(sheet.model)
           if column[0] not in sheet.levels[-1].keys]
    keyed = [(column, _key_annotation(sheet, column)) for column in sheet.key_columns]
    return keyed + own


def _key_annotation(sheet: Sheet, column: str) -> Any:
    for level in sheet.levels:
        if column in level.columns:
            key = level.keys[level.columns.index(column)]
            model = Sheet(sheet.name, sheet.file, sheet.levels[:sheet.levels.index(level) + 1]
                          ).model
            return _field(model, key)
    raise KeyError(column)


# --- cells ------------------------------------------------------------------------------


def cell_value(value: Any, annotation: Any) -> Any:
    """A value as a spreadsheet cell: dates as dates, numbers as numbers, lists joined. A
    whole number past the 15 digits a spreadsheet keeps exactly is written as text, so it
    comes back as it was."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= EXACT_DIGITS:
        return str(value)
    if isinstance(value, list):
        return SEPARATOR.join(str(item) for item in value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str) and is_date(annotation):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def is_date(annotation: Any) -> bool:
    bare = unwrap(annotation)
    if get_origin(bare) is Annotated:
        bare = get_args(bare)[0]
    return bare is dt.date


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_path(node: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _walk(node: Any, levels: tuple[Level, ...], keys: tuple[Any, ...] = (),
          path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any,
                                                              tuple[str | int, ...]]]:
    """(key values, item, path to the item) for every item along `levels`."""
    level, rest = levels[0], levels[1:]
    items = cell_path(node, ".".join(level.path))
    for index, item in enumerate(items if isinstance(items, YamlSeq) else []):
        if not isinstance(item, YamlMap):
            continue
        own = tuple(item.get(key) for key in level.keys)
        where = (*path, *level.path, index)
        if rest:
            yield from _walk(item, rest, (*keys, *own), where)
        else:
            yield (*keys, *own), item, where


# --- export -----------------------------------------------------------------------------


LISTS = "lists"  # the hidden sheet the drop-downs take their choices from; never imported


def export_workbook(partnership: Partnership) -> bytes:
    """The workbook of a partnership: a `settings` sheet and a sheet per list. Each column's
    header has a note saying what it holds; dates show as YYYY-MM-DD; a column of choices
    has a drop-down that refuses anything else, and a column that names another item a
    drop-down of the ids there are (a new one may still be typed). The choices live on a
    hidden `lists` sheet, as Excel allows a list of at most 255 characters in the rule."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)  # streamed: no cell objects kept
    lists: dict[str, list[str]] = {}
    settings = book.create_sheet(SETTINGS)
    _widths(settings, [("key", 45), ("value", 60)])
    _rows(settings, ["key", "value"], [[key, cell_value(value, annotation)]
                                       for key, value, annotation in settings_rows(partnership)])
    for sheet in SHEETS:
        page = book.create_sheet(sheet.name)
        heads = columns(sheet)
        data = _get_data(partnership, sheet.file)
        rows = [[*(cell_value(k, a) for k, (_, a) in zip(keys, heads, strict=False)),
                 *(cell_value(cell_path(item, column), a) for column, a in heads[len(keys):])]
                for keys, item, _ in (_walk(data, sheet.levels) if data is not None else [])]
        _widths(page, [(column, max(len(column) + 4, 14)) for column, _ in heads])
        for number, (column, annotation) in enumerate(heads, start=1):
            _drop_down(page, number, _offered(partnership, sheet, column, annotation), lists)
        _rows(page, [_head(page, sheet, column, annotation) for column, annotation in heads],
              rows)
    hidden = book.create_sheet(LISTS)
    hidden.sheet_state = "hidden"
    names = list(lists)
    hidden.append(names)
    for index in range(max((len(values) for values in lists.values()), default=0)):
        hidden.append([values[index] if index < len(values) else None
                       for values in lists.values()])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _widths(page: Any, widths: list[tuple[str, int]]) -> None:
    """Columns wide enough to read their headers."""
    for number, (_, width) in enumerate(widths, start=1):
        page.column_dimensions[_letter(number)].width = width


def _offered(partnership: Partnership, sheet: Sheet, column: str, annotation: Any
             ) -> tuple[str, list[str], bool] | None:
    """A column's drop-down: (list name, values, whether only they are allowed)."""
    choices = _choices(annotation)
    if choices:  # named by the enum: a stakeholder's status is not an activity's
        return unwrap(annotation).__name__, choices, True
    kind = REFERENCES.get((sheet.name, column)) or _parent_kind(sheet, column)
    if kind:
        return f"{kind} ids", sorted(partnership.ids(kind) or ()), False
    return None


def _parent_kind(sheet: Sheet, column: str) -> str | None:
    """The kind a nested sheet's first column names (`stakeholder`, `metric`)."""
    if len(sheet.levels) > 1 and column == sheet.levels[0].columns[0]:
        return {"stakeholder": "stakeholder", "metric": "metric"}.get(column)
    return None


def _drop_down(page: Any, number: int, offered: tuple[str, list[str], bool] | None,
               lists: dict[str, list[str]]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    if offered is None or not offered[1]:
        return
    name, values, only = offered
    lists.setdefault(name, values)
    where = _letter(list(lists).index(name) + 1)
    check = DataValidation(type="list", formula1=f"{LISTS}!${where}$2:${where}$"
                           f"{len(lists[name]) + 1}", allow_blank=True, showErrorMessage=True,
                           errorStyle="stop" if only else "warning",
                           error="Choose a value from the list." if only else
                           "Not one of the ids yet: add it on its own sheet too.")
    letter = _letter(number)
    check.add(f"{letter}2:{letter}{MAX_SHEET_ROW}")
    page.data_validations.append(check)


MAX_SHEET_ROW = 1_048_576


def _head(page: Any, sheet: Sheet, column: str, annotation: Any) -> Any:
    """A header cell with a note on what the column holds."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment

    cell = WriteOnlyCell(page, value=column)
    cell.comment = Comment(describe(sheet, column, annotation), "ctepartner")
    return cell


def describe(sheet: Sheet, column: str, annotation: Any) -> str:
    """What a column holds, in a sentence a person reads on its header."""
    bare = unwrap(annotation)
    kind = REFERENCES.get((sheet.name, column)) or _parent_kind(sheet, column)
    if kind:
        return f"The id of a {kind}, from the {WHERE.get(kind, kind + 's')} sheet."
    if (sheet.name, column) in PREFIXED:
        return "A person or a group, or stakeholder:ID for one stakeholder."
    if get_origin(bare) is list:
        return "Several values, separated by a semicolon and a space (; )."
    if _choices(annotation):
        return "One of: " + ", ".join(_choices(annotation)) + "."
    if is_date(annotation):
        return "A date, YYYY-MM-DD."
    if bare is bool:
        return "TRUE or FALSE."
    if bare in (int, float) or get_origin(bare) is Annotated:
        return "A number."
    return "Text."


def _get_data(partnership: Partnership, file: str) -> YamlMap | None:
    return partnership.sources[file].data


def _rows(page: Any, heads: list[Any], rows: list[list[Any]]) -> None:
    page.freeze_panes = "A2"
    page.append(heads)
    for row in rows:
        page.append([_text_cell(page, value) if isinstance(value, str) and value.startswith("=")
                     else _date_cell(page, value) if isinstance(value, dt.date) else value
                     for value in row])


def _date_cell(page: Any, value: dt.date) -> Any:
    """A date shown as YYYY-MM-DD, so a sheet saved as CSV keeps it so."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(page, value=dt.datetime.combine(value, dt.time()))
    cell.number_format = "yyyy-mm-dd"
    return cell


def _text_cell(page: Any, value: str) -> Any:
    """A cell that holds `=...` as text: never a formula (openpyxl would make it one)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(page, value=value)
    cell.data_type = "s"
    return cell


def _choices(annotation: Any) -> list[str]:
    bare = unwrap(annotation)
    if get_origin(bare) is list:
        return []
    return [member.value for member in bare] if isinstance(bare, type) and issubclass(
        bare, Enum) else []


def settings_rows(partnership: Partnership) -> list[tuple[str, Any, Any]]:
    """(set key, value, annotation) for every field that is not inside a list."""
    rows = []
    for file, model in FILE_MODELS.items():
        data = _get_data(partnership, file)
        stem = file.removesuffix(".yaml")
        for column, annotation in fields(model):
            if column == "schema":
                continue
            value = cell_path(data, column) if data is not None else None
            rows.append((f"{stem}.{column}", value, annotation))
    return rows


# --- import -----------------------------------------------------------------------------


@dataclass
class WorkbookPlan:
    """What an import would change: per file, the edits; and what it found wrong."""

    edits: dict[str, list[tuple[tuple[str | int, ...], str, str]]] = field(default_factory=dict)
    additions: dict[str, list[tuple[tuple[str | int, ...], str, dict[str, Any], bool]]] = (
        field(default_factory=dict))
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # new items by (file, list path, keys), so rows of other sheets may name them
    new_items: dict[tuple[str, tuple[str, ...], tuple[Any, ...]], dict[str, Any]] = (
        field(default_factory=dict))
    # ids that new or changed cells name: (cell, kind), checked once every sheet is read
    references: list[tuple[str, str, str]] = field(default_factory=list)


def read_workbook(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's rows (row 1 the header), values as the cells hold them."""
    sheets: dict[str, list[list[Any]]] = {}
    cells = 0
    for page in open_workbook(path, formulas=True, hidden_ok=(LISTS,)).worksheets:
        if page.title == LISTS:
            continue  # the drop-downs' choices, which export writes
        found = []
        for number, values in spreadsheet.rows(path, page):
            cells += sum(not _blank(value) for value in values)  # Calc saves empty rows
            if cells > MAX_CELLS:
                raise UserError(f"{path}: more than {MAX_CELLS:,} cells; this is not a "
                                "partnership workbook")
            if not all(_blank(value) for value in values):
                found.append([number, *values])
        sheets[page.title] = found
    return sheets


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _parse(annotation: Any, raw: Any) -> Any:
    """A cell's value as the field's type (lists from `; `), as `check` validates it."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        raw = raw.isoformat()
    if get_origin(unwrap(annotation)) is list:
        raw = [part.strip() for part in str(raw).split(SEPARATOR.strip()) if part.strip()]
    elif isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    value = _adapter(annotation).validate_python(as_meant(annotation, raw))
    if isinstance(value, list):
        return [getattr(item, "value", item) for item in value]
    if isinstance(value, dt.date):
        return value
    return getattr(value, "value", value)


@functools.cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def _same(current: Any, value: Any) -> bool:
    """Whether a cell's value is what the file already says."""
    if isinstance(value, dt.date):
        return str(current) == value.isoformat()
    if isinstance(value, list):
        return isinstance(current, list) and [str(i) for i in current] == [str(i) for i in value]
    if isinstance(value, bool) or isinstance(current, bool):
        return current is value
    return bool(current == value)


SETTINGS = "settings"
# Parents before the rows nested in them (metrics before observations, meetings before their
# actions, stakeholders before asks), so a new row may belong to a new parent.
ORDER = sorted(SHEETS, key=lambda sheet: len(sheet.levels))


def plan_workbook(partnership: Partnership, sheets: dict[str, list[list[Any]]]
                  ) -> WorkbookPlan:
    """Compare the workbook with the files; nothing is written here. Sheets are known by
    their names, case and spacing aside (`Stakeholders`, `Meeting_Actions`); a sheet that
    is none of them is an error, never dropped."""
    plan = WorkbookPlan()
    known = {folded(sheet.name): sheet.name for sheet in SHEETS} | {
        folded(SETTINGS): SETTINGS}
    found: dict[str, list[list[Any]]] = {}
    for title, rows in sheets.items():
        name = known.get(folded(title))
        if name is None:
            guess = closest(title.casefold(), list(known.values()))
            plan.errors.append(f"{title}!A1: this sheet is none of the workbook's "
                               f"({f'did you mean {guess!r}? ' if guess else ''}the sheets "
                               f"are: {', '.join(known.values())}); rename it")
            continue
        found[name] = rows
    _plan_settings(partnership, found.get(SETTINGS, []), plan)
    for sheet in ORDER:
        if found.get(sheet.name):
            _plan_sheet(partnership, sheet, found[sheet.name], plan)
    _check_references(partnership, plan)
    return plan


# Columns that name another item by its id: (sheet, column) -> the kind of item. A column
# of PREFIXED names one only as `stakeholder:ID`; otherwise it is a person or a group.
REFERENCES = {("stakeholders", "profile"): "profile", ("stakeholders", "role"): "role",
              ("activities", "goal"): "goal", ("activities", "communicate"): "plan",
              ("metrics", "goal"): "goal", ("log", "plan"): "plan"}
PREFIXED = {("activities", "owner"), ("communications plan", "audience")}
WHERE = {"goal": "goals", "plan": "communications plan", "profile": "profiles",
         "role": "roles", "stakeholder": "stakeholders"}


def _reference(plan: WorkbookPlan, sheet: Sheet, column: str, cell: str, value: Any) -> None:
    """Note the id a new or changed cell names, to check once every sheet is read."""
    text = str(value).strip()
    if (sheet.name, column) in PREFIXED:
        prefix, colon, text = text.partition(":")
        if prefix == "stakeholder" and colon:
            plan.references.append((cell, "stakeholder", text))
    elif (sheet.name, column) in REFERENCES:
        plan.references.append((cell, REFERENCES[sheet.name, column], text))


def _check_references(partnership: Partnership, plan: WorkbookPlan) -> None:
    """Every id a new or changed cell names must be in the partnership or added by this
    workbook: each one that is not is an error at its cell, with the ids it could be."""
    for cell, kind, wanted in plan.references:
        file, path = ID_LISTS[kind]
        known = (partnership.ids(kind) or set()) | {
            str(keys[0]) for (added_file, added_path, keys) in plan.new_items
            if added_file == file and added_path == path}
        if wanted not in known:
            ids = ", ".join(sorted(known)) or "none yet"
            plan.errors.append(f"{cell}: {wanted!r} is no {kind}; the {kind}s are: {ids} (add "
                               f"it on the {WHERE[kind]} sheet)")


def _header(sheet: str, row: list[Any], known: list[str], plan: WorkbookPlan) -> list[str]:
    heads = [str(value).strip().lower() if value is not None else "" for value in row[1:]]
    for index, head in enumerate(heads, start=1):
        if head and head not in known:

            guess = closest(head, known)
            tail = f"; did you mean {guess!r}?" if guess else ""
            plan.errors.append(f"{sheet}!{_letter(index)}1: {head!r} is not a column of this "
                               f"sheet{tail}")
    return heads


def _plan_settings(partnership: Partnership, rows: list[list[Any]], plan: WorkbookPlan) -> None:
    if not rows:
        return
    current = {key: value for key, value, _ in settings_rows(partnership)}
    data = {kind: source.data for kind, source in partnership.sources.items()}
    for number, key, value, *_ in (row + [None] * 3 for row in rows[1:]):
        key = str(key or "").strip()
        if key not in current:
            plan.errors.append(f"settings!A{number}: {key!r} is not a setting")
            continue
        if _blank(value) and current[key] in (None, [], ""):
            continue
        target = resolve(key, data)
        try:
            parsed = _parse(target.annotation, _plain(value, target.annotation))
        except ValidationError as error:
            detail = error.errors(include_url=False)[0]
            plan.errors.append(f"settings!B{number}: {plain_message(detail, (target.field,))}")
            continue
        if not _same(current[key], parsed):
            plan.edits.setdefault(target.file, []).append((target.parent, target.field,
                                                           _render(parsed)))
            plan.changed.append(key)


def _render(value: Any) -> str:
    return flow(value) if isinstance(value, list) else scalar(value)


def _plan_sheet(partnership: Partnership, sheet: Sheet, rows: list[list[Any]],
                plan: WorkbookPlan) -> None:
    heads_known = columns(sheet)
    annotations = dict(heads_known)
    heads = _header(sheet.name, rows[0], list(annotations), plan)
    data = _get_data(partnership, sheet.file)
    existing: dict[tuple[Any, ...], list[tuple[Any, tuple[str | int, ...]]]] = {}
    for keys, item, where in _walk(data, sheet.levels) if data is not None else []:
        existing.setdefault(tuple(map(_key_text, keys)), []).append((item, where))
    seen: Counter[tuple[Any, ...]] = Counter()  # two items may share a key: match in order
    for row in rows[1:]:
        number, cells = row[0], dict(zip(heads, row[1:], strict=False))
        keys = tuple(_key_text(_plain(cells.get(column), _key_annotation(sheet, column)))
                     for column in sheet.key_columns)
        if _blank(keys[0]):
            plan.errors.append(f"{sheet.name}!A{number}: the row names no "
                               f"{sheet.key_columns[0]}")
            continue
        matches = existing.get(keys, [])
        seen[keys] += 1
        item, where = matches[seen[keys] - 1] if seen[keys] <= len(matches) else (None, ())
        values: dict[str, Any] = {}
        for index, head in enumerate(heads, start=1):
            raw = cells.get(head)
            if head not in annotations or _blank(raw):
                continue
            raw = _plain(raw, annotations[head])
            if item is not None and raw == cell_value(cell_path(item, head), annotations[head]):
                continue  # as exported: nothing to check or change
            try:
                values[head] = _parse(annotations[head], raw)
                _reference(plan, sheet, head, f"{sheet.name}!{_letter(index)}{number}",
                           values[head])
            except ValidationError as error:
                detail = error.errors(include_url=False)[0]
                plan.errors.append(f"{sheet.name}!{_letter(index)}{number}: "
                                   f"{plain_message(detail, (head.split('.')[-1],))}")
        if item is None:
            _plan_addition(sheet, keys, values, data, plan, (number, heads))
            continue
        for column, value in values.items():
            if column not in sheet.key_columns and not _same(cell_path(item, column), value):
                *parents, name = column.split(".")
                plan.edits.setdefault(sheet.file, []).append(
                    ((*where, *parents), name, _render(value)))
                plan.changed.append(f"{sheet.name} {'/'.join(map(str, keys))} {column}")


def _plain(raw: Any, annotation: Any = None) -> Any:
    """A cell's value with a date-time cell read as the date it shows, and in a date column
    a number read as the day it counts (Excel keeps a date typed into a General cell as its
    serial number, days since 30 December 1899)."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if (annotation is not None and isinstance(raw, int | float) and not isinstance(raw, bool)
            and is_date(annotation) and 60 < raw < LAST_SERIAL):
        return EXCEL_EPOCH + dt.timedelta(days=int(raw))
    return raw


def _key_text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _plan_addition(sheet: Sheet, keys: tuple[Any, ...], values: dict[str, Any],
                   data: Any, plan: WorkbookPlan, row: tuple[int, list[str]]) -> None:
    """A row that names no item yet: a new item, in its parent when the sheet is nested,
    or in a parent that this workbook adds. `row`: its number and the sheet's columns."""
    number, heads = row
    parent_path: tuple[str | int, ...] = ()
    new_parent: dict[str, Any] | None = None
    if len(sheet.levels) > 1:
        first = sheet.levels[0]
        parent_keys = keys[:len(first.columns)]
        parents = {tuple(map(_key_text, k)): where
                   for k, _, where in _walk(data, sheet.levels[:1])} if data else {}
        new_parent = plan.new_items.get((sheet.file, first.path, parent_keys))
        if parent_keys not in parents and new_parent is None:
            plan.errors.append(f"{sheet.name}!A{number}: no {first.columns[0]} "
                               f"{parent_keys[0]!r} in the partnership or this workbook")
            return
        parent_path = parents.get(parent_keys, ())
    entry: dict[str, Any] = {}
    last = sheet.levels[-1]
    for key, column in zip(last.keys, last.columns, strict=True):
        if values.get(column) is not None:
            entry[key] = values[column]
    for column, value in values.items():
        if column in sheet.key_columns:
            continue
        node: dict[str, Any] = entry
        *nesting, name = column.split(".")
        for part in nesting:
            node = node.setdefault(part, {})
        node[name] = value
    try:
        sheet.model.model_validate(entry)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            named = ".".join(str(part) for part in detail["loc"])
            place = heads.index(named) + 1 if named in heads else 1
            plan.errors.append(f"{sheet.name}!{_letter(place)}{number}: "
                               f"{plain_message(detail)}")
        return
    plan.added.append(f"{sheet.name} {'/'.join(str(k) for k in keys)}")
    if new_parent is not None:  # a new row of a new parent: written inside it
        new_parent.setdefault(last.path[-1], []).append(entry)
        return
    if len(sheet.levels) == 1:
        plan.new_items[(sheet.file, last.path, keys)] = entry
    list_path = (*parent_path, *last.path[:-1])
    plan.additions.setdefault(sheet.file, []).append((list_path, last.path[-1], entry,
                                                      sheet.one_line))


def _lines(entry: dict[str, Any], one_line: bool, indent: int) -> list[str]:
    return [" " * indent + "- " + flow(entry)] if one_line else block(entry, indent)


def prepare_workbook(partnership: Partnership, plan: WorkbookPlan) -> list[tuple[Edit, str]]:
    """The new text of every file the plan changes, all checked together, as one
    partnership: a user error, and nothing to write, when they would add a problem. A dry
    run stops here, so it reports exactly what the real import would."""
    files = sorted(set(plan.edits) | set(plan.additions))
    pending: list[tuple[Edit, str]] = []
    for file in files:
        edit = read_for_edit(partnership, file)
        text = edit.text
        for path, name, rendered in plan.edits.get(file, []):
            text = set_value(text, path, name, rendered)
        for path, key, entry, one_line in plan.additions.get(file, []):
            text = append_entry(text, path, key, functools.partial(_lines, entry, one_line))
        pending.append((edit, text))
    refuse_worse(partnership, {edit.name: text for edit, text in pending})
    return pending
