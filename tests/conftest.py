import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
AS_OF = "2026-11-22"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files from the current output")


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


def commit_all(folder: Path, message: str = "start") -> None:
    """Make `folder` a git repository (if it is not one) and commit everything in it."""
    git = ["git", "-C", str(folder), "-c", "user.name=Test", "-c", "user.email=t@example.org"]
    if not (folder / ".git").exists():
        subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", message], check=True)
