"""Find the partnerships a PATH names: a partnership folder, a file in one, or a folder above."""

from __future__ import annotations

import os
from pathlib import Path

from ctepartner.errors import UserError
from ctepartner.load.partnership import MAIN
from ctepartner.repository import confined

_SKIP = {"node_modules", "__pycache__", "out", "site-packages"}


def find_partnerships(path: Path) -> list[Path]:
    """The partnership folders under `path`, in sorted order; a user error if there are none
    (or if `path` leads out of its repository through a link)."""
    confined(path, "partnership folder")
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    if path.is_file():
        if (path.parent / MAIN).is_file():
            return [path.parent]
        raise UserError(f"{path}: not inside a partnership (no {MAIN} beside it)")
    if (path / MAIN).is_file():
        return [path]
    found = _partnership_folders(path)
    if not found:
        raise UserError(f"{path}: no partnership here (no {MAIN} in it or below it); "
                        "run `ctepartner init` to start one")
    return sorted(found, key=str)


def one_partnership(path: Path) -> Path:
    """The one partnership `path` names, for a command that works on one; a user error if it
    names none or several."""
    found = find_partnerships(path)
    if len(found) > 1:
        raise UserError(f"{path} holds {len(found)} partnerships; name one")
    return found[0]


def _partnership_folders(top: Path) -> list[Path]:
    """Every folder below `top` that holds a partnership.yaml (not following links to
    folders, skipping hidden and generated ones).

    A stack, not recursion: a hostile tree a thousand folders deep must not overflow it.
    """
    found, pending = [], [top]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        if any(entry.name == MAIN for entry in entries):
            found.append(folder)
        pending += [Path(entry.path) for entry in entries
                    if entry.is_dir(follow_symlinks=False) and not entry.name.startswith(".")
                    and entry.name not in _SKIP]
    return found
