"""Changes to several files of a partnership land whole or not at all, even when killed.

A change is written in three steps: each new file beside the one it replaces
(`.stakeholders.yaml.RANDOM.tmp`, on disk), then a journal (`.ctepartner.journal`) that
names them, then the renames, then the journal is removed. Killed before the journal is
written, nothing has changed; killed after it, the change is complete on disk and only its
renames are left. So:
- every reader (`load`) reads a partnership as the journal says it is: the staged files
  the journal names take the place of the ones they replace;
- every writer, under the partnership's lock, first finishes what a journal left (`recover`)
  and removes staged files that no journal names, before it reads anything.

A journal is a file in a repository, so it may come from a stranger: it only ever names a
partnership file and a staged file beside it, and anything else in it is refused.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ctepartner.errors import UserError
from ctepartner.fileio import partnership_lock, staged_copy, sync_folder
from ctepartner.load.source import Unreadable, write_target
from ctepartner.model.files import FileName

JOURNAL = ".ctepartner.journal"
FORMAT = "ctepartner-journal"
MAX_JOURNAL = 64 * 1024  # a journal names at most eight files
_STAGED = re.compile(r"\.(?P<name>[\w.-]+\.yaml)\.\w+\.tmp")


def commit(directory: Path, changes: list[tuple[str, Path, bytes]]) -> None:
    """Write each (file kind, target, content) of the partnership in `directory`, all or
    none: one file is renamed into place; several go through the journal."""
    staged: list[tuple[str, Path, Path]] = []
    try:
        for name, target, content in changes:
            staged.append((name, target, staged_copy(target, content)))
    except BaseException:
        for _, _, temporary in staged:
            temporary.unlink(missing_ok=True)
        raise
    if len(staged) > 1:
        entries = [{"file": name, "staged": os.path.relpath(temporary, directory)}
                   for name, _, temporary in staged]
        text = json.dumps({"format": FORMAT, "version": 1, "files": entries})
        os.replace(staged_copy(directory / JOURNAL, text.encode()), directory / JOURNAL)
        sync_folder(directory)
    for _, target, temporary in staged:
        os.replace(temporary, target)
        sync_folder(target.parent)
    if len(staged) > 1:
        (directory / JOURNAL).unlink()
        sync_folder(directory)


def pending(directory: Path) -> dict[str, Path]:
    """The staged file that takes each partnership file's place, by the journal (none when
    there is no journal, or it is not one this tool wrote)."""
    try:
        return {name: staged for name, _, staged in _entries(directory)}
    except UserError:
        return {}


@contextmanager
def editing(directory: Path) -> Iterator[None]:
    """Hold the partnership's lock, with what an interrupted change left finished first."""
    with partnership_lock(directory):
        recover(directory)
        yield


def recover(directory: Path) -> None:
    """Finish the renames a journal names, then remove the journal and every staged file
    that no journal names (left by a write that was killed before it wrote its journal)."""
    for _, target, staged in _entries(directory):
        os.replace(staged, target)
        sync_folder(target.parent)
    (directory / JOURNAL).unlink(missing_ok=True)
    for entry in os.scandir(directory):
        found = _STAGED.fullmatch(entry.name)
        if found and found["name"] in set(FileName) and entry.is_file(follow_symlinks=False):
            Path(entry.path).unlink(missing_ok=True)


def _entries(directory: Path) -> list[tuple[str, Path, Path]]:
    """(file kind, target, staged file) for each staged file of the journal that is still
    there; a user error when the journal is not one this tool wrote."""
    path = directory / JOURNAL
    try:
        status = path.lstat()
    except FileNotFoundError:
        return []
    if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_JOURNAL:
        raise UserError(f"{path} is not a journal of ctepartner's; remove it")
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != FORMAT:
            raise ValueError(data.get("format"))
        found = [_entry(directory, item["file"], item["staged"]) for item in data["files"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError, Unreadable):
        raise UserError(f"{path} is not a journal of ctepartner's; remove it") from None
    return [entry for entry in found if entry is not None]


def _entry(directory: Path, name: str, staged: str) -> tuple[str, Path, Path] | None:
    """One journal line, checked: a partnership file, and a staged copy beside the file it
    replaces (links inside the repository followed, as a write follows them)."""
    if name not in set(FileName):
        raise ValueError(name)
    target = write_target(directory / name, directory)
    candidate = directory / staged
    if candidate.parent.resolve() != target.parent.resolve() or not _STAGED.fullmatch(
            candidate.name) or not candidate.name.startswith(f".{target.name}."):
        raise ValueError(staged)
    try:
        status = candidate.lstat()
    except FileNotFoundError:
        return None  # renamed already
    if not stat.S_ISREG(status.st_mode):
        raise ValueError(staged)
    return name, target, candidate
