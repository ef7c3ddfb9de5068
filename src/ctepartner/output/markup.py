"""User text for a rich console: shown exactly, never obeyed."""

from __future__ import annotations

from rich.markup import escape

from ctepartner.printable import printable


def plain(text: str) -> str:
    """`text` with control characters shown as escapes and rich's `[markup]` escaped."""
    return escape(printable(text))
