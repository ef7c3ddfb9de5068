"""Text that is safe to show: no control characters reach a terminal, a log or an XML file.

A name in a partnership file may hold `ESC ] 8 ;;` (a hidden terminal link), `ESC [ 2 J` (clear
the screen), a right-to-left override that makes text read backwards, or a byte that is not
UTF-8 in a folder name. Everything `check` prints passes through `printable`, which shows such
characters as escapes (`\\x1b`) instead of obeying them.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

# C0 and C1 controls but tab and newline, DEL, line and paragraph separators, the bidirectional
# overrides and isolates, lone surrogates (undecodable bytes in a path), and XML's non-characters.
CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character shown as an escape."""
    return CONTROL.sub(_escape, text) if CONTROL.search(text) else text


def shown(path: Path) -> str:
    """`path` as a person reads it: relative to the current directory (with `../` where
    needed), with the system's separator (`\\` on Windows), control characters and bytes
    that are not UTF-8 escaped."""
    return _relative(path, os.getcwd(), os.sep)


def portable(path: Path) -> str:
    """As `shown`, always with `/`: for what other programs read (JSON, GitHub annotations,
    JUnit, the portfolio's parts) and what must be the same on every system (shards)."""
    return _relative(path, os.getcwd(), "/")


@lru_cache(maxsize=4096)  # a partnership's findings name its few files over and over
def _relative(path: Path, current: str, separator: str) -> str:
    try:
        relative = os.path.relpath(path, current)
    except ValueError:  # another drive on Windows
        relative = str(path)
    return printable(relative.replace(os.sep, separator))


def plain(text: str) -> str:
    """User text for a rich console, shown exactly and never obeyed: control characters as
    escapes and rich's `[markup]` escaped."""
    from rich.markup import escape

    return escape(printable(text))


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/-])\+?\(?\d[\d ().-]{5,}\d(?![\w/-])")


def without_contacts(text: str) -> str:
    """Free text (a survey comment) with e-mail addresses and phone numbers taken out, so a
    respondent who typed their own, or a colleague's, is not published with it. A run of
    digits counts as a phone number when it has 10 to 15 digits, or 7 written as 555-0100;
    dates (2026-10-01) and years stay."""
    def phone(match: re.Match[str]) -> str:
        found = match.group(0)
        digits = sum(char.isdigit() for char in found)
        local = re.fullmatch(r"\d{3}[-. ]\d{4}", found) is not None
        return "[phone removed]" if 10 <= digits <= 15 or local else found

    return _PHONE.sub(phone, _EMAIL.sub("[email removed]", text))
