"""`ctepartner set`: one field by a dotted key, validated first, every other byte kept."""

import difflib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AS_OF, EXAMPLES, Ran, run


@pytest.fixture
def rutherford_once(tmp_path: Path) -> Path:
    """A copy of the complete example, restored by each example of a property test."""
    import shutil

    target = tmp_path / "rutherford"
    shutil.copytree(EXAMPLES / "rutherford", target)
    return target


def _set(folder: Path, key: str, *values: str) -> Ran:
    return run("set", key, *values, "--path", folder)


@pytest.mark.parametrize(("key", "values", "file", "expect"), [
    ("partnership.convener.lead.email", ["lead@rutherford.example.org"], "partnership.yaml",
     ("convener", "lead", "email")),
    ("partnership.alignment.industries", ["welding, fabrication", "health care"],
     "partnership.yaml", ("alignment", "industries")),
    ("stakeholders.county-schools.agreement.status", ["sent"], "stakeholders.yaml",
     ("stakeholders", 0, "agreement", "status")),
    ("roles.district-liaison.hours_per_month", ["5"], "roles.yaml",
     ("roles", 0, "hours_per_month")),
    ("communications.plan.monthly-update.cadence", ["quarterly"], "communications.yaml",
     ("plan", 0, "cadence")),
    ("recruitment.profiles.employer-host.seats", ["9"], "recruitment.yaml",
     ("profiles", 2, "seats")),
    ("partnership.purpose.why", ['Because: "reasons" # and more'], "partnership.yaml",
     ("purpose", "why")),
])
def test_set_writes_exactly_the_value_and_only_its_lines(
        rutherford: Path, key: str, values: list[str], file: str, expect: tuple) -> None:
    path = rutherford / file
    before = path.read_text().splitlines()
    proc = _set(rutherford, key, *values)
    assert proc.returncode == 0, proc.stderr
    after = path.read_text().splitlines()
    node = yaml.safe_load("\n".join(after))
    for step in expect:
        node = node[step]
    wanted: object = values if len(values) > 1 or key.endswith("industries") else values[0]
    if isinstance(node, int):
        wanted = int(values[0])
    assert node == wanted
    diff = list(difflib.ndiff(before, after))
    added = [line for line in diff if line.startswith("+ ")]
    removed = [line for line in diff if line.startswith("- ")]
    assert len(added) == 1 and removed  # the value's line(s) out, one line in
    assert key.rsplit(".", 1)[1] in added[0]
    assert run("check", rutherford, "--as-of", AS_OF, "-q").returncode == 0


@pytest.mark.parametrize(("key", "values", "message"), [
    ("stakeholders.county-schools.agreement.stauts", ["sent"], "did you mean 'status'?"),
    ("stakeholders.county-schol.status", ["active"], "did you mean 'county-schools'?"),
    ("stakeholder.county-schools.status", ["active"], "did you mean 'stakeholders'?"),
    ("stakeholders.county-schools.status", ["activ"], "cannot be `activ`"),
    ("roles.district-liaison.hours_per_month", ["five"], "must be a number"),
    ("stakeholders.county-schools.agreement.end", ["2027-13-01"], "not a real date"),
    ("stakeholders.county-schools.role", ["college-liason"], "did you mean `college-liaison`?"),
    ("partnership.name", ["a", "b"], "takes one value"),
])
def test_a_bad_key_or_value_changes_nothing(rutherford: Path, key: str, values: list[str],
                                           message: str) -> None:
    before = {p.name: p.read_bytes() for p in rutherford.glob("*.yaml")}
    proc = _set(rutherford, key, *values)
    assert proc.returncode == 2 and message in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in rutherford.glob("*.yaml")} == before


def test_set_creates_what_is_missing_and_keeps_comments(rutherford: Path) -> None:
    path = rutherford / "metrics.yaml"
    path.write_text("# my metrics, my comments\n" + path.read_text())
    proc = _set(rutherford, "stakeholders.county-schools.agreement.review", "2027-05-01")
    assert proc.returncode == 0, proc.stderr
    proc = _set(rutherford, "partnership.intermediaries", "x")
    assert proc.returncode == 2  # a list of mappings is not set with one value
    assert path.read_text().startswith("# my metrics, my comments\n")


TEXTS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(TEXTS, st.sampled_from([
    "Lee, Sandra", "RN, BSN", "a: b", "# not a comment", "- dash", "=HYPERLINK(1)", "'quoted'",
    '"double"', "emoji 🚀", "multi\nline", "yes", "null", "0x1F", "2026-01-01", " padded "])))
def test_any_text_reads_back_exactly_and_nothing_else_changes(
        rutherford_once: Path, text: str) -> None:
    from ctepartner.author.setter import set_field
    from ctepartner.errors import UserError

    path = rutherford_once / "partnership.yaml"
    original = path.read_text()
    try:
        try:
            set_field(rutherford_once, "partnership.convener.authority", [text])
        except UserError as error:
            assert text.strip() == "" or "control" in str(error), error
            assert path.read_text() == original
            return
        data = yaml.safe_load(path.read_text())
        assert data["convener"]["authority"] == text
        before, after = original.splitlines(), path.read_text().splitlines()
        kept = [line for line in before if "authority:" not in line]
        assert [line for line in after if "authority:" not in line] == kept
    finally:
        path.write_text(original)
