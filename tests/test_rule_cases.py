"""Every rule's cases, as data: tests/rules/<element>.yaml, run by one parametrized test.

A case's `expect` is `none`, one hit, or the list of every hit in order; a hit the case does
not list, or one it lists that does not come, fails the case (as yamllint's and sqlfluff's
cases do)."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import AS_OF
from ctepartner.assess.registry import all_rules
from ctepartner.check import CheckRequest, run_check

CASES_DIR = Path(__file__).parent / "rules"


def _cases() -> list[Any]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{case['rule']}-{case['name']}"))
    return cases


def _apply(folder: Path, case: dict[str, Any]) -> None:
    for name in case.get("remove", []):
        (folder / name).unlink()
    for name, target in case.get("link", {}).items():
        (folder / name).unlink()
        (folder / name).symlink_to(target)
    for name, content in case.get("write", {}).items():
        (folder / name).write_text(content, encoding="utf-8")
    for edit in case.get("edits", []):
        path = folder / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text, f"{edit['old']!r} not in {edit['file']}"
        text = text.replace(edit["old"], edit["new"], 1)
        path.write_bytes(text.encode("latin-1" if case.get("latin1") else "utf-8"))
    if "crlf" in case:
        path = folder / case["crlf"]
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


@pytest.mark.parametrize("case", _cases())
def test_rule_case(rutherford: Path, case: dict[str, Any]) -> None:
    _apply(rutherford, case)
    as_of = dt.date.fromisoformat(str(case.get("as_of", AS_OF)))
    (assessment,) = run_check(CheckRequest(paths=(rutherford,), as_of=as_of))
    hits = [f for f in assessment.findings if f.rule == case["rule"]]
    expect = case["expect"]
    if expect == "none":
        assert hits == [], [(f.file.name, f.line, f.message) for f in hits]
        return
    expected = expect if isinstance(expect, list) else [expect]
    seen = [(f.file.name, f.line, f.message) for f in hits]
    assert len(hits) == len(expected), seen  # every hit is listed, no more and no fewer
    for hit, want in zip(hits, expected, strict=True):
        assert (hit.file.name, hit.line) == (want["file"], want["line"]), seen
        assert hit.column >= 1
        assert hit.severity.value == want.get("severity", all_rules()[hit.rule].severity.value)
        assert want.get("message", "") in hit.message, seen


def test_every_rule_has_a_failing_case() -> None:
    covered = {case.values[0]["rule"] for case in _cases()
               if case.values[0]["expect"] != "none"}
    assert set(all_rules()) - covered == set()


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_complete_example_passes_every_rule(rule_id: str) -> None:
    from conftest import EXAMPLES

    (assessment,) = run_check(CheckRequest(paths=(EXAMPLES / "rutherford",),
                                           as_of=dt.date.fromisoformat(AS_OF)))
    assert [f.message for f in assessment.findings if f.rule == rule_id] == []
