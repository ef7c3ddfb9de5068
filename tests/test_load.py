"""The loader: positions, encodings, broken files, per-item validation."""

import datetime as dt
from pathlib import Path

import pytest

from conftest import AS_OF
from ctepartner.check import CheckRequest, run_check
from ctepartner.load import yamlfile
from ctepartner.load.partnership import load
from ctepartner.load.yamlfile import locate, parse


def _findings(folder: Path) -> list:
    (assessment,) = run_check(CheckRequest(paths=(folder,), as_of=dt.date.fromisoformat(AS_OF)))
    return assessment.findings


def test_libyaml_parser_is_in_use() -> None:
    assert yamlfile.USING_LIBYAML


def test_positions_of_keys_values_and_items() -> None:
    parsed = parse(Path("x.yaml"), b"a:\n  - {id: one, n: 1}\n  - id: two\n    n: 2\n")
    assert parsed.data is not None and parsed.problems == []
    assert locate(parsed.data, ("a", 1, "n")) == (4, 8)
    assert locate(parsed.data, ("a", 0, "n")) == (2, 18)
    assert locate(parsed.data, ("a", 1, "missing")) == (3, 5)
    assert locate(parsed.data, ("a",), key=True) == (1, 1)


def test_bom_and_crlf_give_the_same_positions() -> None:
    plain = parse(Path("x.yaml"), b"a: 1\nb:\n  c: 2\n")
    windows = parse(Path("x.yaml"), b"\xef\xbb\xbfa: 1\r\nb:\r\n  c: 2\r\n")
    assert plain.data == windows.data
    assert plain.data is not None and windows.data is not None
    assert locate(plain.data, ("b", "c")) == locate(windows.data, ("b", "c")) == (3, 6)


def test_dates_stay_text_until_the_model_reads_them() -> None:
    parsed = parse(Path("x.yaml"), b"due: 2027-13-45\n")
    assert parsed.data == {"due": "2027-13-45"}


def test_duplicate_key_points_at_the_duplicate() -> None:
    parsed = parse(Path("x.yaml"), b"a:\n  b: 1\n  c: 2\n  b: 3\n")
    assert [(p.rule, p.line, p.column) for p in parsed.problems] == [("CP004", 4, 3)]
    assert parsed.data == {"a": {"b": 1, "c": 2}}


def test_python_tags_are_refused() -> None:
    parsed = parse(Path("x.yaml"), b"a: !!python/object/apply:os.system [echo]\n")
    assert parsed.data is None and parsed.problems[0].rule == "CP001"


def test_comment_only_file_is_empty_not_broken() -> None:
    parsed = parse(Path("x.yaml"), b"# nothing yet\n")
    assert parsed.data == {} and parsed.problems == []


def test_a_broken_file_does_not_hide_the_others(rutherford: Path) -> None:
    (rutherford / "metrics.yaml").write_text("metrics: [\n")
    (rutherford / "stakeholders.yaml").write_text(
        (rutherford / "stakeholders.yaml").read_text().replace(
            "    benefits: [Nursing pipeline]\n", ""))
    rules = {f.rule for f in _findings(rutherford)}
    assert {"CP001", "CP701", "CP401"} <= rules


def test_an_invalid_item_is_left_out_but_keeps_its_id(rutherford: Path) -> None:
    roles = rutherford / "roles.yaml"
    roles.write_text(roles.read_text().replace("    hours_per_month: 4\n    term_months: 12\n"
                                               "    convener_commitments: [Share",
                                               "    hours_per_month: lots\n    term_months: 12\n"
                                               "    convener_commitments: [Share"))
    partnership = load(rutherford)
    assert partnership.roles is not None
    assert [r.id for r in partnership.roles.roles] == ["district-liaison", "employer-host"]
    found = _findings(rutherford)
    assert [f.rule for f in found] == ["CP002"]  # no CP005 for the stakeholder holding it
    assert "must be a number" in found[0].message and found[0].line == 11


def test_unreadable_partnership_yaml_still_checks_the_rest(rutherford: Path) -> None:
    (rutherford / "partnership.yaml").write_bytes(b"schema: ctepartner/v1\nname: \xff\n")
    found = _findings(rutherford)
    assert found[0].rule == "CP001" and found[0].line == 2
    assert {"CP101", "CP201", "CP204"} <= {f.rule for f in found}


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    parsed = parse(Path("x.yaml"), "\n".join(lines).encode())
    assert parsed.problems and "aliases" in parsed.problems[0].message  # before data: no repr
    assert parsed.problems[0].line > 1 and parsed.data is None


def test_deep_nesting_is_refused() -> None:
    parsed = parse(Path("x.yaml"), b"a: " + b"[" * 200 + b"]" * 200 + b"\n")
    assert parsed.data is None and parsed.problems[0].rule == "CP001"


def test_huge_file_is_refused() -> None:
    parsed = parse(Path("x.yaml"), b"a: " + b"x" * (11 * 1024 * 1024))
    assert parsed.data is None and "limit" in parsed.problems[0].message


def test_a_few_aliases_are_fine() -> None:
    parsed = parse(Path("x.yaml"), b"a: &o [x]\nb: *o\n")
    assert parsed.data == {"a": ["x"], "b": ["x"]} and parsed.problems == []


def test_plain_text_never_enters_the_resolver(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain scalar that no implicit type starts with (most of a partnership's text) and a
    plain decimal are built at once, under libyaml as under PyYAML: the resolver, which
    tries every implicit type's pattern, is entered only for what might be one."""
    from ctepartner.load import yamlfile

    calls: list[str] = []
    original = yamlfile._Loader.resolve

    def counting(self: object, kind: object, value: str, implicit: object) -> object:
        calls.append(value)
        return original(self, kind, value, implicit)

    monkeypatch.setattr(yamlfile._Loader, "resolve", counting)
    parsed = yamlfile.parse(Path("p.yaml"), b"name: Rutherford Works\nseats: 12\n"
                            b"when: 2026-10-01\nquoted: 'x'\nempty:\n")
    assert parsed.data == {"name": "Rutherford Works", "seats": 12,
                           "when": "2026-10-01", "quoted": "x", "empty": None}
    # "Rutherford Works", "seats", "12", "when", "quoted" and "empty" are built at once; "name"
    # might be `n` (false), a date might be one, a quoted value and nothing go the long way
    assert calls == ["name", "2026-10-01", "x", ""]
