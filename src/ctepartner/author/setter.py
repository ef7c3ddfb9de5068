"""`ctepartner set KEY VALUE...`: one field anywhere in the partnership, by a dotted key.

The key is resolved against the models, not the file: `stakeholders.acme.agreement.status`
is the `status` of the `agreement` of the stakeholder whose id is `acme`, whether or not the
file says anything about it yet. The value is validated as `check` would validate it, then
written into the text of the file (see `author.insert.set_value`), so every other byte of the
file stays as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import TypeAdapter, ValidationError

from ctepartner.author.guard import read_for_edit
from ctepartner.author.insert import set_value
from ctepartner.author.scalars import flow, scalar
from ctepartner.errors import UserError
from ctepartner.load.discover import one_partnership
from ctepartner.load.journal import editing
from ctepartner.load.partnership import load
from ctepartner.load.validate import plain_message, unwrap
from ctepartner.load.yamlfile import YamlMap, YamlSeq
from ctepartner.model.base import Node
from ctepartner.model.files import FILE_MODELS
from ctepartner.spelling import closest
from ctepartner.words import as_meant

# The first segment of a key names the file; in a file of one list, an id stands for an item.
FILES = {kind.removesuffix(".yaml"): kind for kind in FILE_MODELS}
ONLY_LIST = {"stakeholders": "stakeholders", "roles": "roles", "metrics": "metrics",
             "action-plan": "activities"}


@dataclass(frozen=True)
class Target:
    """Where a key leads: the file, the path of mapping keys and list indexes to the parent
    mapping, the field's name there, and the type its value must have."""

    file: str
    parent: tuple[str | int, ...]
    field: str
    annotation: Any


def model_of(annotation: Any) -> type[Node] | None:
    bare = unwrap(annotation)
    return bare if isinstance(bare, type) and issubclass(bare, Node) else None


def items_of(annotation: Any) -> type[Node] | None:
    """The item model of a list of mappings with ids (`list[Stakeholder]`)."""
    bare = unwrap(annotation)
    if get_origin(bare) is list:
        (item,) = get_args(bare)
        if isinstance(item, type) and issubclass(item, Node) and "id" in item.model_fields:
            return item
    return None


def _fields(model: type[Node]) -> dict[str, Any]:
    return {(info.alias or name): info.annotation for name, info in model.model_fields.items()}


def _unknown(what: str, wanted: str, known: list[str]) -> UserError:
    guess = closest(wanted, known)
    tail = f"; did you mean {guess!r}?" if guess else f"; choose from {', '.join(known)}"
    return UserError(f"{what} {wanted!r} is not known{tail}")


def resolve(key: str, data: dict[str, YamlMap | None]) -> Target:
    """The target of a dotted key; `data` is each file's parsed content, to find items."""
    first, *rest = key.split(".")
    if first not in FILES:
        raise _unknown("the file", first, list(FILES))
    file = FILES[first]
    if first in ONLY_LIST and rest and rest[0] != ONLY_LIST[first]:
        rest = [ONLY_LIST[first], *rest]
    if not rest:
        raise UserError(f"{key!r} names a whole file; name a field, like {first}.<field>")
    model: type[Node] = FILE_MODELS[file]
    node: Any = data.get(file)
    parent: list[str | int] = []
    while True:
        part, rest = rest[0], rest[1:]
        fields = _fields(model)
        if part not in fields:
            raise _unknown(f"in {key!r}, the field", part, list(fields))
        annotation = fields[part]
        items = items_of(annotation)
        inner = model_of(annotation)
        if not rest:
            if items is not None or inner is not None:
                raise UserError(f"{key!r} names a list or mapping; name one of its fields")
            return Target(file, tuple(parent), part, annotation)
        if items is not None:
            wanted, rest = rest[0], rest[1:]
            found = node.get(part) if isinstance(node, YamlMap) else None
            ids = [item.get("id") for item in found] if isinstance(found, YamlSeq) else []
            if wanted not in ids:
                raise _unknown(f"in {key!r}, the {part} item", wanted,
                               [str(i) for i in ids if i])
            if not rest:
                raise UserError(f"{key!r} names a whole item; name one of its fields")
            index = ids.index(wanted)
            parent += [part, index]
            node, model = found[index], items  # type: ignore[index]
        elif inner is not None:
            parent.append(part)
            node = node.get(part) if isinstance(node, YamlMap) else None
            model = inner
        else:
            raise UserError(f"{key!r}: {part} is a single value; it has no fields")


def parse_value(target: Target, values: list[str]) -> Any:
    """The VALUEs as the field's type: a list field takes each VALUE as an item; any other
    field takes one. Validated as `check` validates it."""
    bare = unwrap(target.annotation)
    many = get_origin(bare) is list
    if not many and len(values) != 1:
        raise UserError(f"`{target.field}` takes one value, not {len(values)}")
    raw: Any = as_meant(target.annotation, values if many else values[0])  # `Operating`
    try:
        value = TypeAdapter(target.annotation).validate_python(raw)
    except ValidationError as error:
        detail = error.errors(include_url=False)[0]
        loc = (target.field, *detail["loc"])
        raise UserError(f"{plain_message(detail, loc)}; nothing was written") from None
    if many:
        return [getattr(item, "value", item) for item in value]
    if isinstance(value, float) and value.is_integer() and raw.strip().lstrip("+-").isdigit():
        return int(value)  # `5` stays 5, not 5.0
    return getattr(value, "value", raw if isinstance(value, str) else value)


def set_field(path: Path, key: str, values: list[str]) -> Path:
    """Set one field of the partnership at `path`; return the file written."""
    directory = one_partnership(path)
    with editing(directory):
        partnership = load(directory)
        data = {kind: source.data for kind, source in partnership.sources.items()}
        target = resolve(key, data)
        value = parse_value(target, values)
        edit = read_for_edit(partnership, target.file)
        rendered = flow(value) if isinstance(value, list) else scalar(value)
        after = set_value(edit.text, target.parent, target.field, rendered)
        edit.save(after)
    return edit.path


# `add KIND` for the lists of plain text: the key of the list, from the options.
TEXT_LISTS = {
    "benefit": ("stakeholders.{stakeholder}.benefits", "What this stakeholder gets out of it."),
    "contribution": ("stakeholders.{stakeholder}.contributes", "What this stakeholder brings."),
    "question": ("recruitment.interview_guide.questions", "A question for candidates."),
    "outcome": ("partnership.goals.{goal}.outcomes", "An outcome the goal identifies."),
    "responsibility": ("roles.{role}.responsibilities", "What the role does."),
    "commitment": ("roles.{role}.convener_commitments", "What the convener does for the role."),
}


def add_text(path: Path, kind: str, text: str, owners: dict[str, str]) -> Path:
    """Append `text` to a list of plain text (a stakeholder's benefits, the interview
    guide's questions): the whole list is set again, so a list written on one line
    (`[a, b]`) stays on one line."""
    directory = one_partnership(path)
    key = TEXT_LISTS[kind][0].format(**owners)
    with editing(directory):
        partnership = load(directory)
        data = {name: source.data for name, source in partnership.sources.items()}
        target = resolve(key, data)
        current = _current(data.get(target.file), (*target.parent, target.field))
        value = parse_value(target, [*current, text])
        edit = read_for_edit(partnership, target.file)
        edit.save(set_value(edit.text, target.parent, target.field, flow(value)))
    return edit.path


def _current(node: Any, path: tuple[str | int, ...]) -> list[str]:
    for step in path:
        if isinstance(node, YamlMap):
            node = node.get(step)
        elif isinstance(node, YamlSeq) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return []
    return [str(item) for item in node] if isinstance(node, list) else []
