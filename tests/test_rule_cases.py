"""Every rule's cases, as data: tests/rules/<element>.yaml, run by one parametrized test.

A case names the rule it is about and lists, in `expect`, every finding the partnership then
has, of any rule, in order: each with its rule, file, line and a fragment of its message that
names the thing it is about (and its severity where the rule's default does not apply).
`none` says the partnership is clean. A finding the case does not list, or one it lists that
does not come, fails the case (as yamllint's and sqlfluff's cases do)."""

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


def _expected(case: dict[str, Any]) -> list[dict[str, Any]]:
    return [] if case["expect"] == "none" else list(case["expect"])


@pytest.mark.parametrize("case", _cases())
def test_rule_case(rutherford: Path, case: dict[str, Any]) -> None:
    _apply(rutherford, case)
    as_of = dt.date.fromisoformat(str(case.get("as_of", AS_OF)))
    (assessment,) = run_check(CheckRequest(paths=(rutherford,), as_of=as_of))
    seen = [(f.rule, f.file.name, f.line, f.severity.value, f.message)
            for f in assessment.findings]
    expected = _expected(case)
    assert len(seen) == len(expected), seen  # every finding is listed, no more, no fewer
    for (rule, file, line, severity, message), want in zip(seen, expected, strict=True):
        assert want["message"], f"{case['name']}: name what the finding is about"
        assert (rule, file, line) == (want["rule"], want["file"], want["line"]), seen
        assert severity == want.get("severity", all_rules()[rule].severity.value), seen
        assert want["message"] in message, seen
    assert all(f.column >= 1 for f in assessment.findings)


def test_every_rule_has_a_failing_case() -> None:
    covered = {hit["rule"] for param in _cases() for hit in _expected(param.values[0])
               if hit["rule"] == param.values[0]["rule"]}
    assert set(all_rules()) - covered == set()


def test_the_complete_example_passes_every_rule() -> None:
    from conftest import EXAMPLES

    (assessment,) = run_check(CheckRequest(paths=(EXAMPLES / "rutherford",),
                                           as_of=dt.date.fromisoformat(AS_OF)))
    assert [(f.rule, f.message) for f in assessment.findings] == []
