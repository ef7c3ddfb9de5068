"""Parallel workers and shards give exactly the findings of one straightforward run."""

import json
import sys
from pathlib import Path

import pytest

from conftest import AS_OF, ROOT, run

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """24 generated partnerships, every third with an injected fault."""
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, 24, faults=True)
    return folder


def check_json(folder: Path, *args: str) -> str:
    proc = run("check", folder, "--as-of", AS_OF, "--format", "json", "--fail-on", "never",
               *args, cwd=folder)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_faults_are_found(corpus: Path) -> None:
    report = json.loads(check_json(corpus, "--jobs", "1"))
    rules = {f["rule"] for p in report["partnerships"] for f in p["findings"]}
    assert {"CP001", "CP002", "CP003", "CP004", "CP005"} <= rules


def test_workers_give_the_same_bytes(corpus: Path) -> None:
    assert check_json(corpus, "--jobs", "1") == check_json(corpus, "--jobs", "2")


def test_shards_together_give_one_run(corpus: Path) -> None:
    whole = json.loads(check_json(corpus, "--jobs", "1"))
    shards = [json.loads(check_json(corpus, "--shard", f"{k}/3")) for k in (1, 2, 3)]
    parts = [p for shard in shards for p in shard["partnerships"]]
    assert all(shard["partnerships"] for shard in shards)
    assert sorted(parts, key=lambda p: p["path"]) == whole["partnerships"]


@pytest.mark.parametrize("shard", ["0/3", "4/3", "x/y", "2"])
def test_bad_shard_is_a_usage_error(corpus: Path, shard: str) -> None:
    proc = run("check", corpus, "--shard", shard)
    assert proc.returncode == 2 and "--shard" in proc.stderr


def test_documents_from_workers_are_the_bytes_of_a_serial_build(tmp_path: Path) -> None:
    """`build` renders in forked workers; every file, PDF and Word included, is the same
    byte for byte as one process makes it."""
    from conftest import EXAMPLES

    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs-{jobs}"
        proc = run("build", EXAMPLES / "delaware", "--as-of", AS_OF, "--out", out, "--jobs",
                   jobs, *(part for fmt in ("md", "html", "pdf", "docx")
                           for part in ("--format", fmt)))
        assert proc.returncode == 0, proc.stderr
        outputs[jobs] = {path.name: path.read_bytes() for path in out.iterdir()}
    assert len(outputs["1"]) > 60 and outputs["1"] == outputs["2"]
