"""Validate one parsed file against its model, item by item, in plain language.

Each list item (a stakeholder, a metric) is validated on its own, so one bad item is reported
and left out while the rest of the file is still assessed. Pydantic's errors are mapped back to
the YAML node they are about (its line and column) and reworded for a convener.
"""

from __future__ import annotations

import types
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from ctepartner.load.yamlfile import Problem, YamlMap, locate
from ctepartner.model.base import Node
from ctepartner.model.files import FILE_MODELS
from ctepartner.spelling import closest

Loc = tuple[Any, ...]


Located = dict[int, tuple[str, Loc]]

MAX_UNKNOWN = 100  # unknown top-level keys reported one by one; the rest in one finding


def validate_file(kind: str, data: YamlMap, located: Located) -> tuple[Node, list[Problem]]:
    """The file's model (invalid items and fields left out) and the problems found.

    `located` learns where the file's model, its list items and its nested mappings stand
    (by `id()` of the model), so that rules can point findings at them.
    """
    model_cls = FILE_MODELS[kind]
    fields = _fields_by_key(model_cls)
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    unknown = [key for key in data if key not in fields]
    problems += [_unknown_key(data, (key,), list(fields)) for key in unknown[:MAX_UNKNOWN]]
    if len(unknown) > MAX_UNKNOWN:
        problems.append(Problem("CP003", f"{len(unknown) - MAX_UNKNOWN:,} more unknown keys "
                                "after these; is this the right file?",
                                *locate(data, (unknown[MAX_UNKNOWN],), key=True)))
    for key, value in data.items():
        if key not in fields:
            continue
        name, field = fields[key]
        item_cls = _item_model(field.annotation)
        if item_cls is not None and value is None:  # as Node reads nested lists: none yet
            values[name] = []
            continue
        if item_cls is not None and isinstance(value, list):
            values[name] = _validate_items(
                (kind, data, located), key, item_cls, value, problems
            )
            continue
        try:
            values[name] = _adapter(model_cls, name).validate_python(value)
        except ValidationError as error:
            problems += _problems(error, (key,), data, _model_at(model_cls, (key,)))
            values[name] = None if field.is_required() else field.get_default(
                call_default_factory=True)
            continue
        if isinstance(values[name], Node):
            located[id(values[name])] = (kind, (key,))
    for key, (name, field) in fields.items():
        if field.is_required() and key not in data:
            problems.append(
                Problem("CP002", f"`{key}` is required in {kind}", *locate(data, ()))
            )
            values[name] = None
    model = model_cls.model_construct(**values)
    located[id(model)] = (kind, ())
    return model, problems


def _validate_items(
    source: tuple[str, YamlMap, Located], key: str, item_cls: type[Node],
    raw_items: list[Any], problems: list[Problem],
) -> list[Node]:
    kind, data, located = source
    items = []
    for index, raw in enumerate(raw_items):
        try:
            item = item_cls.model_validate(raw)
        except ValidationError as error:
            problems += _problems(error, (key, index), data, item_cls)
            continue
        located[id(item)] = (kind, (key, index))
        items.append(item)
    return items


@cache
def _fields_by_key(model_cls: type[Node]) -> dict[str, tuple[str, FieldInfo]]:
    return {
        (field.alias or name): (name, field) for name, field in model_cls.model_fields.items()
    }


@cache
def _adapter(model_cls: type[Node], name: str) -> TypeAdapter[Any]:
    field = model_cls.model_fields[name]
    annotation: Any = field.annotation
    if field.metadata:
        annotation = Annotated[annotation, *field.metadata]
    return TypeAdapter(annotation)


def unwrap(annotation: Any) -> Any:
    """The model or list inside `X | None`, if any."""
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [arg for arg in get_args(annotation) if arg is not type(None)]
        return inner[0] if len(inner) == 1 else annotation
    return annotation


def _item_model(annotation: Any) -> type[Node] | None:
    annotation = unwrap(annotation)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        if isinstance(item, type) and issubclass(item, Node):
            return item
    return None


def _model_at(model_cls: type[Node], loc: Loc) -> type[Node] | None:
    """The model that describes the mapping at `loc` inside `model_cls`, if any."""
    current: Any = model_cls
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, Node)):
            return None
        entry = _fields_by_key(current).get(part)
        if entry is None:
            return None
        annotation = unwrap(entry[1].annotation)
        if get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        current = annotation
    return current if isinstance(current, type) and issubclass(current, Node) else None


def _unknown_key(data: YamlMap, loc: Loc, known: list[str]) -> Problem:
    key = str(loc[-1])
    guess = closest(key, known)
    hint = f"; did you mean `{guess}`?" if guess else f"; known keys: {', '.join(known)}"
    return Problem("CP003", f"unknown key `{key}`{hint}", *locate(data, loc, key=True))


def _problems(
    error: ValidationError, prefix: Loc, data: YamlMap, root: type[Node] | None
) -> list[Problem]:
    """Located, reworded problems; `root` is the model validated at `prefix`, if any."""
    problems = []
    for detail in error.errors(include_url=False):
        loc = (*prefix, *detail["loc"])
        if detail["type"] == "extra_forbidden":
            inner = _model_at(root, detail["loc"][:-1]) if root else None
            known = list(_fields_by_key(inner)) if inner else []
            problems.append(_unknown_key(data, loc, known))
        else:
            problems.append(Problem("CP002", plain_message(detail, loc), *locate(data, loc)))
    return problems


def _name(loc: Loc) -> str:
    named = [str(part) for part in loc if not isinstance(part, int)]
    return named[-1] if named else "value"


def plain_message(detail: ErrorDetails, loc: Loc | None = None) -> str:
    """Pydantic's message, said the way a convener would say it."""
    loc = detail["loc"] if loc is None else loc
    field, value, context = _name(loc), detail.get("input"), detail.get("ctx", {})
    kind = detail["type"]
    if kind == "missing":
        return f"`{field}` is required here"
    if kind == "enum":
        return f"`{field}` cannot be `{value}`: use one of {context.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return (
            f"`{value}` is not a valid {field}: use lowercase letters, digits and hyphens "
            "(like `acme-precision`)"
            if field != "rule" else f"`{value}` is not a rule id: write it like `CP604`"
        )
    if kind == "value_error":
        return f"`{field}`: {context.get('error', detail['msg'])}"
    if kind in _PLAIN:
        plain = f"`{field}` {_PLAIN[kind].format(**context)}"
        return plain if isinstance(value, dict | list) else f"{plain}, not `{value}`"
    return f"`{field}`: {detail['msg']}"


_PLAIN = {
    "string_type": "must be text",
    "string_too_short": "must not be empty",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "list_type": "must be a list (`[a, b]` or lines starting with `- `)",
    "model_type": "must be a mapping of `key: value` lines",
    "model_attributes_type": "must be a mapping of `key: value` lines",
    "dict_type": "must be a mapping of `key: value` lines",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "finite_number": "must be a finite number",
}
