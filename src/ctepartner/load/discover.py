"""Find the partnerships a PATH names: a partnership folder, a file in one, or a folder above."""

from __future__ import annotations

import os
from pathlib import Path

from ctepartner.errors import UserError
from ctepartner.load.partnership import MAIN

_SKIP = {"node_modules", "__pycache__", "out", "site-packages"}


def repository_root(directory: Path) -> Path | None:
    """The root of the git repository holding `directory`, if any."""
    folder = directory.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def find_partnerships(path: Path) -> list[Path]:
    """The partnership folders under `path`, in sorted order; a user error if there are none."""
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    if path.is_file():
        if (path.parent / MAIN).is_file():
            return [path.parent]
        raise UserError(f"{path}: not inside a partnership (no {MAIN} beside it)")
    if (path / MAIN).is_file():
        return [path]
    found = []
    for folder, subfolders, files in os.walk(path):
        subfolders[:] = sorted(
            name for name in subfolders if not name.startswith(".") and name not in _SKIP
        )
        if MAIN in files:
            found.append(Path(folder))
    if not found:
        raise UserError(f"{path}: no partnership here (no {MAIN} in it or below it); "
                        "run `ctepartner init` to start one")
    return sorted(found, key=str)
