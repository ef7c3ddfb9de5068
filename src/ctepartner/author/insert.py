"""Add a list entry to a YAML file by inserting text: the rest of the file stays byte for byte.

Re-emitting a whole document, even with a round-trip loader, can re-wrap long lines or change
quotes; inserting the new lines where the list ends keeps every comment, blank line, quote
style and key order, so the diff of an `add` is only the added lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ctepartner.errors import UserError

# Renders the entry's lines for a list whose dashes stand at the given column.
Render = Callable[[int], list[str]]


def append_entry(text: str, path: tuple[str | int, ...], key: str, render: Render) -> str:
    """`text` (a valid file) with an entry appended to the list `key` of the mapping at `path`.

    The text's YAML nodes say where each list ends. A missing list is created at the end of
    its mapping; an empty one (`key: []`) becomes a block list.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    mapping = _mapping_at(yaml.compose(text, Loader=loader) if text.strip() else None, path)
    if mapping is None:
        if path:
            raise UserError(f"cannot find {'/'.join(map(str, path))} in the file")
        return _append_lines(text, len(text), [f"{key}:", *render(2)])
    if mapping.flow_style:
        raise UserError("the entry to add to is written on one line ({...}); "
                        "write it as a block, one key per line, and try again")
    pair = _pair(mapping, key)
    indent = mapping.start_mark.column
    if pair is None:
        lines = [" " * indent + f"{key}:", *render(indent + 2)]
        return _append_lines(text, _line_end(text, _content_end(mapping)), lines)
    key_node, value = pair
    if isinstance(value, SequenceNode) and value.value and not value.flow_style:
        dash = value.start_mark.column
        return _append_lines(text, _line_end(text, _content_end(value)), render(dash))
    indent = key_node.start_mark.column + 2
    if _is_empty(value) and not isinstance(value, SequenceNode):  # `key:` with nothing yet
        return _append_lines(text, _line_end(text, key_node.end_mark.index), render(indent))
    if _is_empty(value):  # `key: []` becomes a block list
        start, end = value.start_mark.index, value.end_mark.index
        block = "\n" + "\n".join(render(indent))
        return text[:start].rstrip(" ") + block + text[end:]
    raise UserError(f"`{key}` is not a list written one item per line; "
                    "rewrite it as a block list and try again")


def _mapping_at(node: Node | None, path: tuple[str | int, ...]) -> MappingNode | None:
    for part in path:
        if isinstance(node, MappingNode):
            pair = _pair(node, part)
            node = pair[1] if pair else None
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            return None
    return node if isinstance(node, MappingNode) else None


def value_of(node: Node | None, key: str) -> Node | None:
    """The value node of `key` when `node` is a composed mapping that has it."""
    found = _pair(node, key) if isinstance(node, MappingNode) else None
    return found[1] if found else None


def _pair(mapping: MappingNode, key: Any) -> tuple[Node, Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == str(key):
            return key_node, value_node
    return None


def _is_empty(node: Node) -> bool:
    if isinstance(node, SequenceNode):
        return not node.value
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")


def _content_end(node: Node) -> int:
    """Where the node's last written character ends (not its trailing comments)."""
    while isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return int(node.end_mark.index)


def _line_end(text: str, index: int) -> int:
    """The start of the line after the one `index` ends on."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _append_lines(text: str, at: int, lines: list[str]) -> str:
    before = text[:at]
    if before and not before.endswith("\n"):
        before += "\n"
    return before + "\n".join(lines) + "\n" + text[at:]


def set_value(text: str, path: tuple[str | int, ...], key: str, rendered: str) -> str:
    """`text` with `key: rendered` in the mapping at `path`: the old value's text replaced,
    or a new line at the end of the mapping; missing mappings along `path` are created."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    node: Node | None = yaml.compose(text, Loader=loader) if text.strip() else None
    if node is None:
        return _append_lines(text, len(text), _nested(list(map(str, path)), key, rendered, 0))
    for depth, part in enumerate(path):
        pair = _pair(node, part) if isinstance(node, MappingNode) else None
        child = (pair[1] if pair else None) if isinstance(node, MappingNode) else (
            node.value[part] if isinstance(node, SequenceNode) and isinstance(part, int)
            and part < len(node.value) else None)
        if not isinstance(child, MappingNode | SequenceNode):
            if child is not None and not _is_empty(child):
                raise UserError(f"`{part}` holds a single value, not a mapping; nothing was "
                                "written")
            if isinstance(node, MappingNode):
                return _add_key(text, node, str(part), "",
                                _nested(list(map(str, path[depth + 1:])), key, rendered,
                                        node.start_mark.column + 2))
            raise UserError(f"cannot find {'/'.join(map(str, path))} in the file")
        node = child
    if not isinstance(node, MappingNode):
        raise UserError(f"{'/'.join(map(str, path))} is not a mapping; nothing was written")
    return _add_key(text, node, key, rendered, [])


def _nested(parts: list[str], key: str, rendered: str, indent: int) -> list[str]:
    """`a:` / `  b:` / `    key: value`: lines that create the missing mappings."""
    lines = [" " * (indent + 2 * depth) + f"{part}:" for depth, part in enumerate(parts)]
    return [*lines, " " * (indent + 2 * len(parts)) + f"{key}: {rendered}"]


def _add_key(text: str, mapping: MappingNode, key: str, rendered: str, below: list[str]) -> str:
    """Set `key` in `mapping` to `rendered` (or, with `below`, to the block lines below)."""
    pair = _pair(mapping, key)
    value_text = f": {rendered}" if not below else ":\n" + "\n".join(below)
    if pair is None:
        if mapping.flow_style:
            if below:
                raise UserError(f"the mapping that would hold `{key}` is written on one line "
                                "({...}); write it as a block and try again")
            end = mapping.end_mark.index - 1  # before the closing brace
            joiner = ", " if mapping.value else ""
            return f"{text[:end].rstrip()}{joiner}{key}: {rendered}{text[end:]}"
        indent = " " * mapping.start_mark.column
        lines = [f"{indent}{key}{value_text}"]
        return _append_lines(text, _line_end(text, _content_end(mapping)), lines)
    key_node, value = pair
    if isinstance(value, ScalarNode) and value.style in ("|", ">"):  # ends after its newline
        return text[:value.start_mark.index] + rendered + "\n" + text[value.end_mark.index:]
    if isinstance(value, MappingNode | SequenceNode) and not value.flow_style and value.value:
        end = _content_end(value)
    elif _is_empty(value) and not isinstance(value, SequenceNode):
        end = value.end_mark.index
    else:
        return text[:value.start_mark.index] + rendered + text[value.end_mark.index:]
    return text[:key_node.end_mark.index] + value_text + text[end:]
