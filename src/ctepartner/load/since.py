"""`--since GIT-REV`: the partnership as it was at a git revision, loaded as `check` loads."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from ctepartner.errors import UserError
from ctepartner.load.partnership import Partnership, load
from ctepartner.model.files import FILE_MODELS


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              check=False, timeout=60)
    except FileNotFoundError:
        raise UserError("--since needs git, and git is not installed") from None


def revision_day(directory: Path, revision: str) -> dt.date | None:
    """The day `revision` was committed: what a reader is told instead of a git revision."""
    found = _git(directory, "log", "-1", "--format=%cs", f"{revision}^{{commit}}", "--")
    try:
        return dt.date.fromisoformat(found.stdout.decode().strip())
    except ValueError:
        return None


def load_at(directory: Path, revision: str) -> Partnership:
    """Load the partnership's files as they were at `revision` (real git, no checkout)."""
    top = _git(directory, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise UserError(f"--since: {directory} is not in a git repository")
    root = Path(top.stdout.decode().strip())
    if _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode:
        raise UserError(f"--since {revision!r}: no such git revision")
    relative = directory.resolve().relative_to(root.resolve()).as_posix()
    with tempfile.TemporaryDirectory(prefix="ctepartner-since-") as scratch:
        folder = Path(scratch) / (directory.resolve().name or "partnership")
        folder.mkdir()
        for kind in FILE_MODELS:
            name = f"{relative}/{kind}" if relative != "." else kind
            shown = _git(root, "show", f"{revision}:{name}")
            if shown.returncode == 0:
                (folder / kind).write_bytes(shown.stdout)
        return load(folder)
