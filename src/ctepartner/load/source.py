"""Reading and writing partnership files by one rule, whatever the command.

A partnership repository may come from a stranger's pull request. Every command that reads or
writes a partnership file goes through here, so none of them can be made to read a file outside
the repository (a link to `/etc/passwd` or `~/.aws/credentials`), to block on a pipe, or to
read three gigabytes before it notices the file is too large.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ctepartner.repository import boundary

MAX_BYTES = 10 * 1024 * 1024  # a partnership file is a few hundred KB at most


class Unreadable(Exception):
    """A partnership file that is not read, and why (a CP001 finding, or a user error)."""


def _outside(path: Path, directory: Path) -> bool:
    return path.is_symlink() and not path.resolve().is_relative_to(boundary(directory))


def read_source(path: Path, directory: Path) -> bytes | None:
    """The bytes of the partnership file `path` (None when it does not exist).

    Raises Unreadable for a link that leaves the repository, anything but a regular file
    (a folder, a pipe, a device), a file over MAX_BYTES (checked before reading, and at most
    MAX_BYTES + 1 bytes are ever read) and a file the system will not let us read.
    """
    if not os.path.lexists(path):
        return None
    if _outside(path, directory):
        raise Unreadable(f"{path.name} is a link to a file outside the repository; "
                         "it was not read")
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable(f"{path.name} is not a regular file (a folder, a pipe or a "
                             "device); it was not read")
        if status.st_size > MAX_BYTES:
            raise Unreadable(_too_large(status.st_size))
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None  # a link to nothing, or a file removed while we looked
    except OSError as error:
        raise Unreadable(f"cannot read the file: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise Unreadable(_too_large(len(raw)))
    return raw


def _too_large(size: int) -> str:
    return (f"the file is {size / 1024 / 1024:.0f} MB; the limit is "
            f"{MAX_BYTES // 1024 // 1024} MB")


def write_target(path: Path, directory: Path) -> Path:
    """Where a write of the partnership file `path` goes: the file itself, or the file a link
    inside the repository points to (so the link stays a link). Raises Unreadable for a link
    that leaves the repository or a path that is not a regular file."""
    if _outside(path, directory):
        raise Unreadable(f"{path} is a link to a file outside the repository; "
                         "ctepartner does not write through it")
    target = path.resolve() if path.is_symlink() else path
    if target.exists() and not target.is_file():
        raise Unreadable(f"{path} is not a regular file; nothing was written")
    return target
