"""Render values as YAML text that every reader takes back as the same value."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

_PLAIN = re.compile(r"[A-Za-z][\w .,'()&/+@-]*")
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def scalar(value: Any, *, in_flow: bool = False) -> str:
    """One value as a YAML scalar: plain where that is safe, quoted where it is not. Inside
    a flow collection (`{...}`, `[...]`) a comma would end the value, so there it is quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, dt.date | int):
        return value.isoformat() if isinstance(value, dt.date) else repr(value)
    text = str(value)
    if (_PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not text.endswith(" ")
            and not (in_flow and "," in text)):
        return text
    return yaml.safe_dump(text, default_style='"', width=10**6, allow_unicode=True).strip()


def _float(value: float) -> str:
    """A number YAML 1.1 reads back as the same number: a whole one as typed (`2`, not
    `2.0`), and a dot before any exponent (`1.0e+20`, not Python's `1e+20`, which would read
    as text)."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent if exponent[0] in '+-' else '+' + exponent}"
    return text


def flow(values: dict[str, Any] | list[Any]) -> str:
    """A small mapping or list on one line: `{date: 2026-10-01, rating: 4}`."""
    if isinstance(values, dict):
        return "{" + ", ".join(f"{key}: {_item(v)}" for key, v in values.items()) + "}"
    return "[" + ", ".join(_item(v) for v in values) + "]"


def _item(value: Any) -> str:
    return flow(value) if isinstance(value, dict | list) else scalar(value, in_flow=True)


def block(entry: dict[str, Any], indent: int) -> list[str]:
    """A list item as block lines (`- id: ...` then its keys), nested values in flow style."""
    lines = []
    for number, (key, value) in enumerate(entry.items()):
        lead = " " * indent + ("- " if number == 0 else "  ")
        lines.append(f"{lead}{key}: {_item(value)}")
    return lines
