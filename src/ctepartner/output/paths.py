"""How paths are shown: relative to the current folder, with `/`."""

from __future__ import annotations

import os
from pathlib import Path


def shown(path: Path) -> str:
    """`path` relative to the current directory (with `../` where needed), using `/`."""
    try:
        relative = os.path.relpath(path, Path.cwd())
    except ValueError:  # another drive on Windows
        relative = str(path)
    return relative.replace(os.sep, "/")
