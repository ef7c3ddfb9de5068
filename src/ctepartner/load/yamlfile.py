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
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from ctepartner.load.source import MAX_BYTES
from ctepartner.printable import CONTROL

Position = tuple[int, int]

# Limits that keep a hostile or broken file from costing unbounded time or memory.
MAX_ALIAS_VALUES = 10_000  # values that `*alias` uses repeat; a "billion laughs" file has 10^9
MAX_DEPTH = 64  # nested mappings and lists; the format needs six
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YamlMap(dict[Any, Any]):
    """A mapping that keeps the YAML node it was built from, to locate its keys and values.

    Keeping the node costs one reference: positions are looked up only for findings.
    """

    __slots__ = ("node",)

    def __init__(self, node: MappingNode | None = None) -> None:
        super().__init__()
        self.node = node


class YamlSeq(list[Any]):
    """A sequence that keeps the YAML node it was built from."""

    __slots__ = ("node",)

    def __init__(self, node: SequenceNode) -> None:
        super().__init__()
        self.node = node


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
    if root.node is None:
        return 1, 1
    node: Node = root.node
    position = _at(node)
    for step, part in enumerate(loc):
        if isinstance(node, MappingNode):
            pair = _pair(node, part)
            if pair is None:
                break
            key_node, node = pair
            last = step == len(loc) - 1
            on_key = (last and key) or isinstance(node, MappingNode | SequenceNode)
            position = _at(key_node if on_key else node)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            position = _at(node)
        else:
            break
    return position


def _pair(mapping: MappingNode, key: Any) -> tuple[Node, Node] | None:
    """The first key/value pair of `mapping` whose key reads as `key`.

    The pairs are indexed by key on the first look-up and the index is kept on the node, so
    locating every key of a mapping (ten thousand unknown keys) takes linear time.
    """
    index: dict[str, tuple[Node, Node]] | None = getattr(mapping, "by_key", None)
    if index is None:
        index = {}
        for key_node, value_node in mapping.value:
            if isinstance(key_node, ScalarNode):
                index.setdefault(key_node.value, (key_node, value_node))
        mapping.by_key = index  # type: ignore[attr-defined]
    return index.get(str(key))


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
        self.controls: list[ScalarNode] = []
        self.long_numbers: list[ScalarNode] = []
        self.alias_values = 0
        self.sizes: dict[int, int] = {}
        self.depth = 0

    def _size(self, node: Node) -> int:
        """How many values `node` stands for, aliases inside it counted each time."""
        known = self.sizes.get(id(node))
        if known is None:
            children: list[Node] = []
            if isinstance(node, SequenceNode):
                children = node.value
            elif isinstance(node, MappingNode):
                children = [part for pair in node.value for part in pair]
            known = 1 + sum(self._size(child) for child in children)
            self.sizes[id(node)] = known
        return known

    def _enter(self, node: Node) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConstructorError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                                   node.start_mark)

    def _child(self, node: Node) -> Any:
        """Build a value; a `*alias` to a node built before counts what it repeats."""
        if node in self.constructed_objects:
            self.alias_values += self._size(node)
            if self.alias_values > MAX_ALIAS_VALUES:
                raise ConstructorError(None, None, "aliases (*name) repeat more than "
                                       f"{MAX_ALIAS_VALUES:,} values; write the values out",
                                       node.start_mark)
        return self.construct_object(node, deep=True)

    def construct_scalar(self, node: ScalarNode) -> Any:
        """A double-quoted scalar can spell control characters (`"\\e[2J"`); they are
        removed and reported, so they never reach a terminal, a document or a sheet."""
        value = super().construct_scalar(node)
        if node.style == '"' and isinstance(value, str) and CONTROL.search(value):
            self.controls.append(node)
            value = CONTROL.sub("", value)
        return value

    def refuse_tag(self, node: Node) -> None:
        """Ordered maps, pairs, sets and binary data have no place in a partnership file; each
        builds a value no field takes, so it is refused where it stands."""
        raise ConstructorError(None, None, f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')}"
                               " is not used in partnership files; write a plain value, list "
                               "or mapping", node.start_mark)

    def construct_bounded_int(self, node: ScalarNode) -> int | None:
        """Python refuses to read an integer of more than 4,300 digits; such a number is
        reported (CP002) and read as nothing, instead of ending the run."""
        try:
            return int(super().construct_yaml_int(node))
        except ValueError:
            self.long_numbers.append(node)
            return None

    def construct_positioned_map(self, node: MappingNode) -> YamlMap:
        self._enter(node)
        mapping = YamlMap(node)
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
            mapping[key] = self._child(value_node)
        self.depth -= 1
        return mapping

    def construct_positioned_seq(self, node: SequenceNode) -> YamlSeq:
        self._enter(node)
        sequence = YamlSeq(node)
        sequence.extend(self._child(item) for item in node.value)
        self.depth -= 1
        return sequence


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_bounded_int)
for _tag in ("omap", "pairs", "set", "binary"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _Loader.refuse_tag)
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
    if len(raw) > MAX_BYTES:
        size = f"{len(raw) / 1024 / 1024:.0f} MB"
        return ParsedFile(path, None, [Problem(
            "CP001", f"the file is {size}; the limit is {MAX_BYTES // 1024 // 1024} MB", 1, 1)])
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
    except RecursionError:
        return ParsedFile(path, None, [Problem("CP001", "not valid YAML: nested too deeply",
                                               1, 1)])
    finally:
        loader.dispose()
    problems = [
        Problem("CP004", f"`{key}` appears twice in this mapping; keep one", *_at(node))
        for key, node in loader.duplicates
    ]
    problems += [
        Problem("CP002", "this text holds control characters (like \\e or \\x00), which "
                "were left out; delete them from the file", *_at(node))
        for node in loader.controls
    ]
    problems += [
        Problem("CP002", "this number has more digits than any count or measure could; "
                "check it", *_at(node))
        for node in loader.long_numbers
    ]
    if data is None:
        return ParsedFile(path, YamlMap(), problems)
    if not isinstance(data, YamlMap):
        node = getattr(data, "node", None)
        line, column = _at(node) if node is not None else (1, 1)
        problems.append(
            Problem("CP002", "the file must be a mapping of `key: value` lines", line, column)
        )
        return ParsedFile(path, None, problems)
    return ParsedFile(path, data, problems)
