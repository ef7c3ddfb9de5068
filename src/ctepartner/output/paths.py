"""How paths are shown: relative to the current folder, with `/`."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ctepartner.printable import printable


def shown(path: Path) -> str:
    """`path` relative to the current directory (with `../` where needed), using `/`, with
    control characters and bytes that are not UTF-8 escaped."""
    return _relative(path, os.getcwd())


@lru_cache(maxsize=4096)  # a partnership's findings name its few files over and over
def _relative(path: Path, current: str) -> str:
    try:
        relative = os.path.relpath(path, current)
    except ValueError:  # another drive on Windows
        relative = str(path)
    return printable(relative.replace(os.sep, "/"))
