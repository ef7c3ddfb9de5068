"""Parse one YAML file fast, keeping the line and column of every key and value.

`check` reads many files and must run at the speed of libyaml, so it parses with PyYAML's
C parser rather than ruamel.yaml's round-trip loader (kept for the commands that edit files,
where comments matter). Values are built straight from the parser's events: no tree of YAML
nodes is kept, only each mapping's and list's positions packed into integers, so a 10 MB file
costs a few times its size in memory. Duplicate keys are reported instead of silently keeping
the last one; dates stay strings so that a bad date becomes a validation finding with its line,
not a parser crash; merge keys (`<<: *defaults`) work as YAML 1.1 says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ctepartner.load.source import MAX_BYTES
from ctepartner.printable import CONTROL

Position = tuple[int, int]

# Limits that keep a hostile or broken file from costing unbounded time or memory.
MAX_ALIAS_VALUES = 10_000  # values that `*alias` uses repeat; a "billion laughs" file has 10^9
MAX_DEPTH = 64  # nested mappings and lists; the format needs six
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null"))
_MERGE = f"{_CORE}merge"

# A position is packed into one integer, (line << 24) | column, both 1-based; a map entry
# keeps its key's and its value's positions as (key << 48) | value.
_BITS = 24
_ONE = (1 << _BITS) - 1
_TWO = (1 << 2 * _BITS) - 1


def _pack(mark: Any) -> int:  # a yaml.error.Mark, or libyaml's own
    return (mark.line + 1) << _BITS | (mark.column + 1)  # type: ignore[no-any-return]


def _unpack(packed: int) -> Position:
    return packed >> _BITS, packed & _ONE


_FIRST = 1 << _BITS | 1  # line 1, column 1

# Keys that name a student's personal data (CP008), found by the one walk that builds a file.
PERSONAL_KEYS = frozenset((
    "students", "student", "student_id", "student_name", "date_of_birth", "dob",
    "birth_date", "birthdate", "birthday", "ssn", "social_security", "home_address",
))


class YamlMap(dict[Any, Any]):
    """A mapping that knows where it starts and where each of its keys and values stand."""

    __slots__ = ("at", "start")

    def __init__(self, start: int = _FIRST) -> None:
        super().__init__()
        self.start = start
        self.at: dict[Any, int] = {}


class YamlSeq(list[Any]):
    """A list that knows where it starts and where each of its items stands."""

    __slots__ = ("at", "start")

    def __init__(self, start: int = _FIRST) -> None:
        super().__init__()
        self.start = start
        self.at: list[int] = []


@dataclass(frozen=True)
class Problem:
    """A structural finding (CP001-CP007) with the position it was found at."""

    rule: str
    message: str
    line: int
    column: int


def locate(root: YamlMap, loc: tuple[Any, ...], *, key: bool = False) -> Position:
    """The position of the deepest value along `loc` that exists in the file.

    A scalar points at its value; a mapping or list under a key points at the key, so a
    finding about a missing field lands on the line that names its parent. With `key`, the
    last step points at the key itself (an unknown key). Each step is one dictionary look-up.
    """
    position = root.start
    value: Any = root
    for step, part in enumerate(loc):
        if isinstance(value, YamlMap):
            packed = value.at.get(part)
            if packed is None:
                break
            value = value[part]
            on_key = (key and step == len(loc) - 1) or isinstance(value, YamlMap | YamlSeq)
            position = packed >> 2 * _BITS if on_key else packed & _TWO
        elif isinstance(value, YamlSeq) and isinstance(part, int) and 0 <= part < len(value):
            position = value.at[part]
            value = value[part]
        else:
            break
    return _unpack(position)


class _Merge:
    """The `<<` key of a merge (`<<: *defaults`)."""


MERGE = _Merge()

# libyaml's parser when PyYAML was built with it (its wheels are), else the pure-Python one.
_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
USING_LIBYAML = _BASE is not yaml.SafeLoader


# First characters of plain scalars that YAML 1.1 may read as something other than text
# (numbers, booleans, null, merge keys); a plain scalar starting otherwise is text.
_RESOLVED_FIRST = frozenset(key for key in Resolver.yaml_implicit_resolvers if key)
_DECIMAL = re.compile(r"[1-9][0-9]{0,17}|0")  # an int YAML 1.1 reads as written


class _Loader(_BASE):  # type: ignore[misc,valid-type]
    """Builds plain values from parser events, recording positions and what is wrong."""

    # YAML 1.1 resolution without timestamps: dates stay text until the model reads them.
    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML reads it as a class table)
        first: [(tag, rx) for tag, rx in resolvers if tag != f"{_CORE}timestamp"]
        for first, resolvers in Resolver.yaml_implicit_resolvers.items()
    }

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.duplicates: list[tuple[Any, int]] = []
        self.controls: list[int] = []
        self.long_numbers: list[int] = []
        self.personal: list[tuple[int, str]] = []  # (position, key) of personal-data keys
        self.alias_values = 0
        self.values: dict[str, tuple[Any, int]] = {}  # anchor -> (value, how many values)

    def build(self) -> Any:
        """The document's value (None for an empty stream)."""
        self.get_event()  # stream start
        if self.check_event(StreamEndEvent):
            return None
        self.get_event()  # document start
        value, _ = self._value(1)
        self.get_event()  # document end
        if not self.check_event(StreamEndEvent):
            another: Any = self.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", None, "but found another document",
                another.start_mark)
        return value

    def _value(self, depth: int) -> tuple[Any, int]:
        """The next value and how many values it stands for (aliases inside counted)."""
        return self._value_of(self.get_event(), depth)

    def _value_of(self, event: Any, depth: int) -> tuple[Any, int]:
        """The value `event` starts (libyaml's events carry libyaml's marks)."""
        if type(event) is ScalarEvent and event.anchor is None:  # most values: the fast way
            return self._scalar(event), 1
        if isinstance(event, AliasEvent):
            return self._alias(event)
        if isinstance(event, ScalarEvent):
            value, size = self._scalar(event), 1
        else:
            if depth > MAX_DEPTH:
                raise ConstructorError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                                       event.start_mark)
            if isinstance(event, MappingStartEvent):
                self._collection_tag(event, "map")
                value, size = self._mapping(event, depth)
            else:
                self._collection_tag(event, "seq")
                value, size = self._sequence(event, depth)
        if event.anchor is not None:
            self.values[event.anchor] = (value, size)
        return value, size

    def _alias(self, event: Any) -> tuple[Any, int]:
        known = self.values.get(event.anchor)
        if known is None:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias "
                                              f"{event.anchor!r}", event.start_mark)
        self.alias_values += known[1]
        if self.alias_values > MAX_ALIAS_VALUES:
            raise ConstructorError(None, None, "aliases (*name) repeat more than "
                                   f"{MAX_ALIAS_VALUES:,} values; write the values out",
                                   event.start_mark)
        return known

    def _scalar(self, event: Any) -> Any:
        tag = event.tag
        value = event.value
        if tag is None and not event.style and value:  # plain (libyaml says "", PyYAML None)
            if value[0] not in _RESOLVED_FIRST:
                return value  # no implicit type starts so: text
            if _DECIMAL.fullmatch(value):
                return int(value)
        if tag is None or tag == "!":
            tag = self.resolve(ScalarNode, event.value, event.implicit)
        if tag == _MERGE:
            return MERGE
        if tag not in _SCALAR_TAGS:
            self._refuse(tag, event)
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        if tag == f"{_CORE}int":
            return self._int(node)
        value = self.yaml_constructors[tag](self, node)
        if event.style == '"' and isinstance(value, str) and CONTROL.search(value):
            self.controls.append(_pack(event.start_mark))  # spelt as escapes: `"\e[2J"`
            value = CONTROL.sub("", value)
        return value

    def _int(self, node: ScalarNode) -> int | None:
        """Python refuses to read an integer of more than 4,300 digits; such a number is
        reported (CP002) and read as nothing, instead of ending the run."""
        try:
            return int(self.construct_yaml_int(node))
        except ValueError:
            self.long_numbers.append(_pack(node.start_mark))
            return None

    def _collection_tag(self, event: Any, kind: str) -> None:
        tag = getattr(event, "tag", None)
        if tag not in (None, "!", f"{_CORE}{kind}"):
            self._refuse(tag, event)

    @staticmethod
    def _refuse(tag: str, event: Any) -> None:
        """Ordered maps, sets, binary data, objects: no field takes them, so they are refused
        where they stand (and nothing is ever constructed from a tag)."""
        raise ConstructorError(None, None, f"the tag {tag.replace(_CORE, '!!')} is not used in "
                               "partnership files; write a plain value, list or mapping",
                               event.start_mark)

    def _sequence(self, start: Any, depth: int) -> tuple[YamlSeq, int]:
        sequence, size = YamlSeq(_pack(start.start_mark)), 1
        while type(event := self.get_event()) is not SequenceEndEvent:
            sequence.at.append(_pack(event.start_mark))
            item, item_size = self._value_of(event, depth + 1)
            sequence.append(item)
            size += item_size
        return sequence, size

    def _mapping(self, start: Any, depth: int) -> tuple[YamlMap, int]:
        mapping, size = YamlMap(_pack(start.start_mark)), 1
        merges: list[tuple[Any, Any]] = []
        while type(event := self.get_event()) is not MappingEndEvent:
            key_mark = event.start_mark
            key, key_size = self._value_of(event, depth + 1)
            event = self.get_event()
            value_at = _pack(event.start_mark)
            value, value_size = self._value_of(event, depth + 1)
            size += key_size + value_size
            if key is MERGE:
                merges.append((value, key_mark))
                continue
            try:
                seen = key in mapping
            except TypeError as error:
                raise ConstructorError("while reading a mapping", start.start_mark,
                                       "found a key that cannot be used (a list or mapping)",
                                       key_mark) from error
            if seen:
                self.duplicates.append((key, _pack(key_mark)))
                continue
            mapping[key] = value
            mapping.at[key] = _pack(key_mark) << 2 * _BITS | value_at
            if isinstance(key, str) and key.lower() in PERSONAL_KEYS:  # where `locate` points
                on_key = isinstance(value, YamlMap | YamlSeq)
                self.personal.append((_pack(key_mark) if on_key else value_at, key))
        for value, mark in merges:
            _merge(mapping, value, mark)
        return mapping, size


def _merge(mapping: YamlMap, source: Any, mark: Any) -> None:
    """`<<: *defaults` (or a list of them): keys the mapping does not set come from the
    merged mappings, the first one that has a key winning, as YAML 1.1's merge key says."""
    sources = source if isinstance(source, YamlSeq) else [source]
    for merged in sources:
        if not isinstance(merged, YamlMap):
            raise ConstructorError(None, None, "`<<` merges a mapping (`<<: *name`) or a list "
                                   "of them", mark)
        for key, value in merged.items():
            if key not in mapping:
                mapping[key] = value
                mapping.at[key] = merged.at[key]


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


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    what = error.problem or error.context or "this is not valid YAML"
    if error.context and error.problem:
        what = f"{error.context}, {error.problem}"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.count("\n") + (not text.endswith("\n"))
    if line > lines:  # the parser reached the end of the file: point at its last line
        line, column = max(lines, 1), 1
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
        data = loader.build()
    except yaml.MarkedYAMLError as error:
        return ParsedFile(path, None, [_syntax_problem(error, text)])
    except yaml.YAMLError as error:
        return ParsedFile(path, None, [Problem("CP001", f"not valid YAML: {error}", 1, 1)])
    except RecursionError:
        return ParsedFile(path, None, [Problem("CP001", "not valid YAML: nested too deeply",
                                               1, 1)])
    finally:
        loader.dispose()
    problems = [
        Problem("CP004", f"`{key}` appears twice in this mapping; keep one", *_unpack(at))
        for key, at in loader.duplicates
    ]
    problems += [
        Problem("CP002", "this text holds control characters (like \\e or \\x00), which "
                "were left out; delete them from the file", *_unpack(at))
        for at in loader.controls
    ]
    problems += [
        Problem("CP002", "this number has more digits than any count or measure could; "
                "check it", *_unpack(at))
        for at in loader.long_numbers
    ]
    problems += [
        Problem("CP008", f"`{key}` looks like a student's personal record; partnership files "
                "are shared and must not hold one", *_unpack(at))
        for at, key in sorted(loader.personal)
    ]
    if data is None:
        return ParsedFile(path, YamlMap(), problems)
    if not isinstance(data, YamlMap):
        line, column = _unpack(data.start) if isinstance(data, YamlSeq) else (1, 1)
        problems.append(
            Problem("CP002", "the file must be a mapping of `key: value` lines", line, column)
        )
        return ParsedFile(path, None, problems)
    return ParsedFile(path, data, problems)
