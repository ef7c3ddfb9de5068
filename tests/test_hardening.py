"""Broken and hostile input, faults while writing, and properties that hold for any edit."""

import datetime as dt
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AS_OF, EXAMPLES, run
from ctepartner.assess.engine import Settings, assess
from ctepartner.errors import UserError
from ctepartner.fileio import write_atomic
from ctepartner.load.partnership import load

BOMB = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
    f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)])

HOSTILE: dict[str, bytes] = {
    "alias bomb": BOMB.encode(),
    "python tag": b"stakeholders: !!python/object/apply:os.system ['echo owned']\n",
    "binary": bytes(range(256)) * 40,
    "tab indentation": b"stakeholders:\n\t- id: x\n",
    "deep flow nesting": b"stakeholders: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "a list where a mapping belongs": b"- id: a\n- id: b\n",
    "a huge value": b"stakeholders:\n  - id: x\n    organization: " + b"y" * 3_000_000 + b"\n",
    "a 50 MB file": b"# " + b"x" * (50 * 1024 * 1024) + b"\n",
    "latin-1": "stakeholders:\n  - id: café\n".encode("latin-1"),
    "terminal escapes": b'stakeholders:\n  - id: x\n    organization: "\\e]8;;http://evil.example'
                        b'\\e\\\\link \\e[2J"\n    sector: business\n',
    "a 5,000-digit number": b"stakeholders:\n  - id: x\n    rating: " + b"9" * 5000 + b"\n",
    "not a number": b"stakeholders:\n  - id: x\n    temperature_checks: [{date: 2026-01-01, "
                    b"rating: .nan}]\n",
    "year 9999": b"stakeholders:\n  - {id: x, organization: X, sector: business, status: active, "
                 b"status_since: 9999-12-31}\n",
    "an ordered-map tag": b"stakeholders: !!omap [{a: 1}]\n",
    "a recursive alias": b"stakeholders: &a [*a]\n",
    "a merge of a list": b"stakeholders:\n  - <<: [1, 2]\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_end_in_findings_not_crashes(rutherford: Path, name: str) -> None:
    (rutherford / "stakeholders.yaml").write_bytes(HOSTILE[name])
    proc = run("check", rutherford, "--as-of", AS_OF, "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    assert '"rule": "CP001"' in proc.stdout or '"rule": "CP002"' in proc.stdout
    assert "owned" not in proc.stdout
    report = run("report", rutherford, "--out", "-", "--as-of", AS_OF)
    assert report.returncode == 0 and "Rutherford Works" in report.stdout
    sheet = rutherford.parent / "roster.csv"
    sheet.write_text("id,organization,sector\nnew-co,New Co,business\n")
    imported = run("import", "stakeholders", sheet, rutherford)
    assert imported.returncode in (0, 2) and "Traceback" not in imported.stderr
    if imported.returncode == 2:
        assert (rutherford / "stakeholders.yaml").read_bytes() == HOSTILE[name]
    before = (rutherford / "stakeholders.yaml").read_bytes()
    add = run("add", "check-in", rutherford, "--stakeholder", "x", "--rating", "3",
              "--date", "2026-11-01")
    assert add.returncode in (0, 2) and "Traceback" not in add.stderr
    if add.returncode == 2:  # refused: the file is exactly as it was
        assert (rutherford / "stakeholders.yaml").read_bytes() == before


def test_bom_and_crlf_are_accepted(rutherford: Path) -> None:
    for path in rutherford.glob("*.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    proc = run("check", rutherford, "--as-of", AS_OF, "-q")
    assert proc.returncode == 0 and proc.stdout.startswith("1 partnership · 0 errors")


def test_a_failing_write_leaves_the_previous_file(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "stakeholders.yaml"
    target.write_text("stakeholders: []  # before\n")

    def full_disk(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(UserError, match="No space left"):
        write_atomic(target, "stakeholders: [everything new]\n")
    assert target.read_text() == "stakeholders: []  # before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["stakeholders.yaml"]


def test_a_killed_write_leaves_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("the previous report\n")
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from ctepartner.fileio import atomic_file\n"
        "with atomic_file(Path(sys.argv[1])) as stream:\n"
        "    stream.write(b'half of a new rep')\n"
        "    stream.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(target)], check=False)
    assert proc.returncode != 0
    assert target.read_text() == "the previous report\n"


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    proc = run("report", EXAMPLES / "rutherford", "--out", blocker / "out", "--as-of", AS_OF)
    assert proc.returncode == 2 and "cannot write" in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.splitlines()) == 1


# --- properties of any edit ------------------------------------------------------------

FILES = sorted(p.name for p in (EXAMPLES / "rutherford").glob("*.yaml"))
EDITS = st.lists(st.tuples(
    st.sampled_from(FILES),
    st.sampled_from(["delete", "duplicate", "insert", "replace"]),
    st.integers(0, 200), st.text(max_size=12)), min_size=1, max_size=4)


def _edit(folder: Path, edits: list[tuple[str, str, int, str]]) -> None:
    for name, operation, position, text in edits:
        path = folder / name
        lines = path.read_text(encoding="utf-8").split("\n")
        index = position % len(lines)
        if operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "insert":
            lines.insert(index, text)
        else:
            column = position % (len(lines[index]) + 1)
            lines[index] = lines[index][:column] + text + lines[index][column:]
        path.write_text("\n".join(lines), encoding="utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=EDITS)
def test_any_edit_gives_located_deterministic_findings(
        tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, str, int, str]]) -> None:
    folder = tmp_path_factory.mktemp("p")
    for name in FILES:
        (folder / name).write_bytes((EXAMPLES / "rutherford" / name).read_bytes())
    _edit(folder, edits)
    config = Settings(as_of=dt.date.fromisoformat(AS_OF))
    first = assess(load(folder), config).findings
    assert first == assess(load(folder), config).findings
    for finding in first:
        lines = finding.file.read_text(encoding="utf-8").split("\n")
        assert 1 <= finding.line <= len(lines), finding
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, finding


def test_empty_and_comment_only_files_are_no_trouble(rutherford: Path) -> None:
    (rutherford / "stakeholders.yaml").write_bytes(b"")
    (rutherford / "roles.yaml").write_bytes(b"# roles come later\n")
    proc = run("check", rutherford, "--as-of", AS_OF, "--format", "json")
    assert proc.returncode == 1 and proc.stderr == ""
    rules = {line.split('"')[3] for line in proc.stdout.splitlines() if '"rule"' in line}
    assert {"CP310", "CP601"} <= rules  # read as empty: missing elements, not broken files
    assert not rules & {"CP001", "CP002", "CP003", "CP004"}
