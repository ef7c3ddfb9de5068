import gc
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser import CHROMIUM, Chromium

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
AS_OF = "2026-11-22"


GOLDEN = ROOT / "tests" / "golden"  # documents of the examples, as a person last read them


@pytest.fixture
def rutherford(tmp_path: Path) -> Path:
    """A copy of the complete example, to edit."""
    target = tmp_path / "rutherford"
    shutil.copytree(EXAMPLES / "rutherford", target)
    return target


@pytest.fixture
def delaware(tmp_path: Path) -> Path:
    target = tmp_path / "delaware"
    shutil.copytree(EXAMPLES / "delaware", target)
    return target


@pytest.fixture(scope="session")
def browser() -> Iterator[Chromium]:
    """One headless Chromium for every page the tests open (skipped where there is none)."""
    if CHROMIUM is None:
        pytest.skip("chromium (Debian's package) is not installed")
    chromium = Chromium()
    yield chromium
    chromium.close()


def commit_all(folder: Path, message: str = "start") -> None:
    """Make `folder` a git repository (if it is not one) and commit everything in it."""
    git = ["git", "-C", str(folder), "-c", "user.name=Test", "-c", "user.email=t@example.org"]
    if not (folder / ".git").exists():
        subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", message], check=True)


@dataclass
class Ran:
    """What a command printed and returned, as `subprocess.run` would report it."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


def run(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None,
        stdin: str = "") -> Ran:
    """Run the command line in this process, through the same `run(argv)` that the installed
    command calls: the same error path and exit codes, without starting an interpreter.

    Standard streams, the working folder and the environment are the command's own for the
    call and restored after it, as a separate process would have them: no colour, 120
    columns, nothing typed on standard input.
    """
    from ctepartner.cli import run as run_cli

    argv = [str(arg) for arg in args]
    streams = sys.stdin, sys.stdout, sys.stderr
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = _captured(), _captured()
    os.environ.update({"NO_COLOR": "1", "COLUMNS": "120", **(env or {})})
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
    try:
        if cwd is not None:
            os.chdir(cwd)
        code = run_cli(argv)
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        gc.unfreeze()  # `check` freezes what it loaded; a process of its own would end here
    return Ran(argv, code, _text(out), _text(err))


def _captured() -> io.TextIOWrapper:
    """A text stream with a byte buffer beneath, as `sys.stdout` has."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


def run_installed(*args: object, cwd: Path | None = None,
                  env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command as a process of its own, for the few tests that prove the
    entry point itself: signals, pipes, locks between processes, interpreter start-up."""
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
    return subprocess.run([sys.executable, "-m", "ctepartner", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=environment, timeout=600)


def golden_build(example: Path, out: Path) -> Ran:
    """Every document of an example, as the golden files hold them (tools/update_golden.py
    writes them; tests/test_documents.py compares with them)."""
    return run("build", example, "--as-of", AS_OF, "--out", out)
