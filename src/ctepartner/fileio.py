"""Writing files the safe way: all or nothing, never through a link, one writer at a time."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ctepartner.errors import UserError
from ctepartner.repository import confined, repository_root


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 less umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A stream whose content replaces `path` only when the block ends without an error.

    A crash, a full disk or an error half-way leaves the previous file as it was, never a
    half-written one. A link is never written through (it could lead anywhere), and a
    device or pipe the user names (`--output /dev/null`) is written to, never replaced.
    """
    if path.is_symlink():
        raise UserError(f"{path} is a link; ctepartner does not write through links "
                        "(remove it, or name the file it points to)")
    confined(path.parent, "folder of the output")
    if path.exists() and not path.is_file():
        if path.is_dir():
            raise UserError(f"{path} is a folder; name a file to write")
        with _stream(path) as stream:
            yield stream
        return
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def staged_copy(target: Path, content: bytes) -> Path:
    """`content` in a new file beside `target` (`.NAME.RANDOM.tmp`), on disk (fsync) and
    with `target`'s permissions: ready to be renamed over it."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=target.parent)
    except OSError as error:
        raise UserError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise UserError(f"cannot write {target}: {error.strerror or error}") from None
        raise
    return Path(temporary)


def sync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable (where the platform can)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write `content` to `path` all at once, or not at all."""
    with atomic_file(path) as stream:
        stream.write(content.encode("utf-8") if isinstance(content, str) else content)


@contextmanager
def _stream(path: Path) -> Iterator[BinaryIO]:
    try:
        with path.open("wb") as stream:
            yield stream
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None


LOCK_NAME = ".ctepartner.lock"
LOCK_WAIT = 300.0  # seconds: dozens of writers queued behind each other, on a slow machine


def lock_path(directory: Path) -> Path:
    """Where the partnership's lock lives: inside the repository's `.git` folder, which git
    never lists as a change, or in the partnership folder when it is in no repository."""
    root = repository_root(directory)
    if root is None or not (root / ".git").is_dir():
        return directory / LOCK_NAME
    relative = directory.resolve().relative_to(root).as_posix()
    folder = root / ".git" / "ctepartner"
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return directory / LOCK_NAME
    return folder / f"{hashlib.sha256(relative.encode()).hexdigest()[:20]}.lock"


@contextmanager
def partnership_lock(directory: Path) -> Iterator[None]:
    """Hold the partnership's write lock: every command that reads, changes and writes back a
    partnership file holds it from the read to the write, so two at once never lose an entry.

    One lock for all of a partnership's files, because an import may write several (see
    `lock_path`). It is the `filelock` library's: `flock` on Linux and macOS, `msvcrt`
    locking on Windows, released by the system when a writer dies.
    """
    import warnings

    with warnings.catch_warnings():  # where no OS lock exists it says so at import
        warnings.simplefilter("ignore")
        from filelock import FileLock, Timeout

    lock = lock_path(directory)
    if lock.is_symlink():
        raise UserError(f"{lock} is a link; remove it (ctepartner never writes through links)")
    held = FileLock(lock, timeout=LOCK_WAIT)
    try:
        held.acquire()
    except Timeout:
        raise UserError(f"{directory}: another ctepartner command has been writing for "
                        f"{LOCK_WAIT:.0f} s; try again") from None
    except OSError as error:
        raise UserError(f"cannot lock {directory} for writing ({lock}: "
                        f"{error.strerror or error})") from None
    try:
        yield
    finally:
        held.release()
