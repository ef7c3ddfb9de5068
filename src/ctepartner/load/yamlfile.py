"""Parse one YAML file fast, keeping the line and column of every key and value.

`check` reads many files and must run at the speed of libyaml, so it parses with PyYAML's
C parser rather than ruamel.yaml's round-trip loader (kept for the commands that edit files,
where comments matter). The constructor below records positions as it builds plain dicts and
lists, reports duplicate keys instead of silently keeping the last one, and leaves dates as
strings so that a bad date becomes a validation finding with its line, not a parser crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.resolver import Resolver

Position = tuple[int, int]
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YamlMap(dict[Any, Any]):
    """A mapping that remembers where each key and each value stand (1-based)."""

    __slots__ = ("keys_at", "start", "values_at")

    def __init__(self, start: Position) -> None:
        super().__init__()
        self.start = start
        self.keys_at: dict[Any, Position] = {}
        self.values_at: dict[Any, Position] = {}


class YamlSeq(list[Any]):
    """A sequence that remembers where it and each of its items stand (1-based)."""

    __slots__ = ("items_at", "start")

    def __init__(self, start: Position) -> None:
        super().__init__()
        self.start = start
        self.items_at: list[Position] = []


@dataclass(frozen=True)
class Problem:
    """A structural finding (CP001-CP007) with the position it was found at."""

    rule: str
    message: str
    line: int
    column: int


def locate(root: YamlMap, loc: tuple[Any, ...], *, key: bool = False) -> Position:
    """The position of the deepest node along `loc` that exists in the file.

    A scalar points at its value; a mapping or list under a key points at the key, so a
    finding about a missing field lands on the line that names its parent. With `key`, the
    last step points at the key itself (an unknown key).
    """
    node: Any = root
    position = root.start
    for step, part in enumerate(loc):
        if isinstance(node, YamlMap) and _has(node, part):
            child = node[part]
            last = step == len(loc) - 1
            on_key = (last and key) or isinstance(child, YamlMap | YamlSeq)
            position = node.keys_at[part] if on_key else node.values_at[part]
        elif isinstance(node, YamlSeq) and isinstance(part, int) and 0 <= part < len(node):
            child = node[part]
            position = node.items_at[part]
        else:
            break
        node = child
    return position


def _has(mapping: YamlMap, key: Any) -> bool:
    try:
        return key in mapping
    except TypeError:
        return False


def _at(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


# libyaml's parser when PyYAML was built with it (its wheels are), else the pure-Python one.
_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
USING_LIBYAML = _BASE is not yaml.SafeLoader


class _Loader(_BASE):  # type: ignore[misc,valid-type]
    """Safe loading that records positions, reports duplicate keys and keeps dates as text."""

    # YAML 1.1 resolution without timestamps: dates stay text until the model reads them.
    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML reads it as a class table)
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in Resolver.yaml_implicit_resolvers.items()
    }

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.duplicates: list[tuple[Any, Node]] = []

    def construct_positioned_map(self, node: MappingNode) -> YamlMap:
        mapping = YamlMap(_at(node))
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                seen = key in mapping
            except TypeError as error:
                raise ConstructorError(
                    "while reading a mapping", node.start_mark,
                    "found a key that cannot be used (a list or mapping)", key_node.start_mark,
                ) from error
            if seen:
                self.duplicates.append((key, key_node))
                continue
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.keys_at[key] = _at(key_node)
            mapping.values_at[key] = _at(value_node)
        return mapping

    def construct_positioned_seq(self, node: SequenceNode) -> YamlSeq:
        sequence = YamlSeq(_at(node))
        for item_node in node.value:
            sequence.append(self.construct_object(item_node, deep=True))
            sequence.items_at.append(_at(item_node))
        return sequence


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_positioned_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_positioned_seq)


@dataclass
class ParsedFile:
    """A file's data with positions, or the problems that kept it from being read."""

    path: Path
    data: YamlMap | None
    problems: list[Problem]


def _undecodable(raw: bytes, error: UnicodeDecodeError) -> Problem:
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = error.start - (before.rfind(b"\n") + 1) + 1
    return Problem(
        "CP001",
        f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8",
        line,
        column,
    )


def _syntax_problem(error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    what = error.problem or error.context or "this is not valid YAML"
    if error.context and error.problem:
        what = f"{error.context}, {error.problem}"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem("CP001", f"not valid YAML: {what}", line, column)


def parse(path: Path, raw: bytes) -> ParsedFile:
    """Parse the bytes of one partnership file.

    A file that is empty or holds only comments reads as an empty mapping; a file whose top
    level is not a mapping, or that is not YAML, gives no data and one CP001/CP002 problem.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return ParsedFile(path, None, [_undecodable(raw, error)])
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        return ParsedFile(path, None, [_syntax_problem(error)])
    except yaml.YAMLError as error:
        return ParsedFile(path, None, [Problem("CP001", f"not valid YAML: {error}", 1, 1)])
    finally:
        loader.dispose()
    problems = [
        Problem("CP004", f"`{key}` appears twice in this mapping; keep one", *_at(node))
        for key, node in loader.duplicates
    ]
    if data is None:
        return ParsedFile(path, YamlMap((1, 1)), problems)
    if not isinstance(data, YamlMap):
        line, column = getattr(data, "start", (1, 1))
        problems.append(
            Problem("CP002", "the file must be a mapping of `key: value` lines", line, column)
        )
        return ParsedFile(path, None, problems)
    return ParsedFile(path, data, problems)
