"""Each output judged by the tool that receives it, not by our own parser: Microsoft's SARIF
Multitool, junitparser, recurring-ical-events, check-jsonschema and pre-commit."""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import AS_OF, EXAMPLES, ROOT, run

MULTITOOL = os.environ.get("SARIF_MULTITOOL", "")
needs_multitool = pytest.mark.skipif(
    not (MULTITOOL and Path(MULTITOOL).exists()),
    reason="Sarif.Multitool not installed (.ci/run installs it from npm; set SARIF_MULTITOOL)")


def _repository(tmp_path: Path, folder: str) -> Path:
    """A git repository holding a copy of Delaware Pathways in an awkwardly named folder."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    partnership = tmp_path / folder / "delaware"
    shutil.copytree(EXAMPLES / "delaware", partnership)
    return partnership


@needs_multitool
def test_sarif_passes_the_multitool_with_no_error_or_warning(tmp_path: Path) -> None:
    partnership = _repository(tmp_path, "sp ace/odd,dir:100%")
    (tmp_path / "docs").mkdir()
    log = tmp_path / "check.sarif"
    proc = run("check", partnership, "--as-of", AS_OF, "--format", "sarif", "--output", log,
               cwd=tmp_path / "docs")  # run from a subfolder: URIs still from the root
    assert proc.returncode == 0, proc.stderr  # Delaware has warnings, no errors
    verdict = tmp_path / "verdict.sarif"
    subprocess.run([MULTITOOL, "validate", str(log), "--rule-kind", "Sarif;Gh",
                    "--output", str(verdict)], check=True, capture_output=True, timeout=300)
    problems = json.loads(verdict.read_text(encoding="utf-8-sig"))["runs"][0]["results"]
    assert [(p["ruleId"], p["message"]) for p in problems] == []
    sarif = json.loads(log.read_text())
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    assert "sp%20ace/odd%2Cdir%3A100%25/delaware/stakeholders.yaml" in uris
    assert not any(uri.startswith("..") for uri in uris)


def _fingerprints(partnership: Path, cwd: Path) -> dict[str, tuple[str, int]]:
    proc = run("check", partnership, "--as-of", AS_OF, "--format", "sarif", cwd=cwd)
    results = json.loads(proc.stdout)["runs"][0]["results"]
    return {r["partialFingerprints"]["ctepartnerFinding/v1"]:
            (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in results}


def test_sarif_fingerprints_stay_when_unrelated_lines_move(tmp_path: Path) -> None:
    partnership = _repository(tmp_path, "partnerships")
    before = _fingerprints(partnership, tmp_path)
    for path in partnership.glob("*.yaml"):
        path.write_text("# a comment added above everything\n\n" + path.read_text())
    after = _fingerprints(partnership, tmp_path)
    assert set(before) == set(after) and len(before) > 10
    assert all(after[key][1] == before[key][1] + 2 for key in before)


def _junit(partnership: Path, *options: str, cwd: Path | None = None) -> tuple[int, str]:
    proc = run("check", partnership, "--as-of", AS_OF, "--format", "junit", *options, cwd=cwd)
    return proc.returncode, proc.stdout


@pytest.mark.parametrize("fail_on", ["error", "warning", "never"])
def test_junitparser_shows_a_failure_exactly_when_check_exits_1(delaware: Path,
                                                                fail_on: str) -> None:
    from junitparser import JUnitXml

    (delaware / "roles.yaml").write_text("roles: [\n")  # a structural error: CP001
    code, xml = _junit(delaware, "--fail-on", fail_on)
    report = JUnitXml.fromstring(xml.encode())
    failures = sum(suite.failures for suite in report)
    assert (code == 1) == (failures > 0)
    report.update_statistics()  # recomputed from the cases: the same counts
    assert sum(suite.failures for suite in report) == failures
    assert report.tests == 8
    if fail_on != "never":
        structure = [case for suite in report for case in suite if case.name == "0 Structure"]
        assert structure and not structure[0].is_passed


def test_junit_is_valid_xml_whatever_the_names(delaware: Path) -> None:
    from junitparser import JUnitXml

    path = delaware / "partnership.yaml"
    path.write_text(path.read_text().replace("name: Delaware Pathways",
                                             'name: "Delaware\\x01\\x1b[2J \\uffff <&>"'))
    code, xml = _junit(delaware)
    ElementTree.fromstring(xml)
    assert JUnitXml.fromstring(xml.encode()).tests == 8 and code == 1


# The attributes Jenkins' JUnit schema (the xUnit plugin's junit-10.xsd) allows on each
# element, and those it requires. `file` on a test case is GitLab's, which Jenkins' junit step
# ignores: junit-10.xsd has no place for it (see the note on the issue).
JENKINS_ALLOWS = {
    "testsuites": {"name", "time", "tests", "failures", "errors"},
    "testsuite": {"name", "tests", "failures", "errors", "group", "time", "skipped",
                  "timestamp", "hostname", "id", "package", "file", "log", "url"},
    "testcase": {"name", "time", "classname", "group"},
    "failure": {"type", "message"},
}
JENKINS_REQUIRES = {"testsuite": {"name", "tests", "failures", "errors"}, "testcase": {"name"}}
GITLAB_READS = {"testcase": {"file"}}


def test_junit_as_jenkins_and_gitlab_read_it(tmp_path: Path) -> None:
    """Every element carries only what Jenkins' schema allows (and GitLab's `file`), and
    each test case names a file of the repository, relative to its root, as GitLab links
    a failure to it."""
    partnership = _repository(tmp_path, "clients")
    (partnership / "roles.yaml").write_text("roles: [\n")
    code, xml = _junit(partnership, "--fail-on", "warning", cwd=tmp_path)
    root = ElementTree.fromstring(xml)
    for element in root.iter():
        allowed = JENKINS_ALLOWS[element.tag] | GITLAB_READS.get(element.tag, set())
        assert set(element.attrib) <= allowed, (element.tag, element.attrib)
        assert JENKINS_REQUIRES.get(element.tag, set()) <= set(element.attrib), element.tag
    files = {case.get("name"): case.get("file") for case in root.iter("testcase")}
    assert files["0 Structure"] == "clients/delaware/roles.yaml"
    assert all((tmp_path / str(file)).is_file() for file in files.values()), files
    assert code == 1


def test_monthly_updates_on_the_31st_fall_in_every_month(rutherford: Path) -> None:
    import recurring_ical_events
    from icalendar import Calendar

    path = rutherford / "communications.yaml"
    path.write_text(path.read_text().replace("date: 2026-11-04", "date: 2026-11-30", 1))
    proc = run("calendar", rutherford, "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    calendar = Calendar.from_ical(proc.stdout)
    start = dt.date(2026, 12, 31)  # a month after the last update: due on the 31st
    found = recurring_ical_events.of(calendar).between(start, dt.date(2027, 12, 31))
    monthly = sorted(event["DTSTART"].dt for event in found
                     if "monthly update" in str(event["SUMMARY"]))
    assert len(monthly) == 12
    assert {day.month for day in monthly} == set(range(1, 13))
    assert dt.date(2027, 2, 28) in monthly and dt.date(2027, 4, 30) in monthly


ICAL_JS = os.environ.get("ICAL_JS", "")  # ical.js's dist/ical.js (.ci/run installs it)


def _three_expanders(path: Path, until: dt.date) -> list[dict[str, list[dt.date]]]:
    """Each event's dates up to `until` as recurring-ical-events, dateutil's rrule (what
    Python calendar code uses) and ical.js (Thunderbird, Nextcloud) expand them."""
    import recurring_ical_events
    from dateutil.rrule import rrulestr
    from icalendar import Calendar

    calendar = Calendar.from_ical(path.read_bytes())
    start = min(event.decoded("DTSTART") for event in calendar.walk("VEVENT"))
    by_library: dict[str, list[dt.date]] = {}
    for event in recurring_ical_events.of(calendar).between(start, until + dt.timedelta(1)):
        by_library.setdefault(str(event["UID"]), []).append(event.decoded("DTSTART"))
    by_dateutil: dict[str, list[dt.date]] = {}
    for event in calendar.walk("VEVENT"):
        first = event.decoded("DTSTART")
        rule = event.get("RRULE")
        dates = [first] if rule is None else [
            day.date() for day in rrulestr(rule.to_ical().decode(), dtstart=dt.datetime.combine(
                first, dt.time())).between(dt.datetime.combine(first, dt.time()),
                                           dt.datetime.combine(until, dt.time()), inc=True)]
        by_dateutil[str(event["UID"])] = dates
    node = subprocess.run(["node", str(ROOT / "tests" / "expand_ics.mjs"), ICAL_JS, str(path),
                           until.isoformat()], capture_output=True, text=True, timeout=120)
    assert node.returncode == 0, node.stderr
    by_icaljs = {uid: [dt.date.fromisoformat(day) for day in found["dates"]]
                 for uid, found in json.loads(node.stdout).items()}
    return [{uid: sorted(dates) for uid, dates in found.items()}
            for found in (by_library, by_dateutil, by_icaljs)]


@pytest.mark.skipif(not ICAL_JS or shutil.which("node") is None,
                    reason="ical.js not installed (.ci/run installs it from npm; set ICAL_JS)")
def test_month_end_repeats_are_the_same_dates_in_every_calendar(tmp_path: Path) -> None:
    """Two years of a monthly update due on the 31st, the 30th, the 29th and on 30 April, a
    quarterly one from 31 August and a yearly one from 29 February: recurring-ical-events,
    dateutil and ical.js find the same dates, one a month, each on its day or the month's
    last."""
    from ctepartner.model.base import Cadence
    from ctepartner.output.calendar import ics
    from ctepartner.schedule import Due

    starts = [(dt.date(2026, 12, 31), Cadence.MONTHLY), (dt.date(2027, 1, 30), Cadence.MONTHLY),
              (dt.date(2027, 1, 29), Cadence.MONTHLY), (dt.date(2027, 4, 30), Cadence.MONTHLY),
              (dt.date(2026, 8, 31), Cadence.QUARTERLY), (dt.date(2028, 2, 29), Cadence.ANNUAL)]
    items = [Due(day, "communication", f"update {n}", f"communication.u{n}", cadence)
             for n, (day, cadence) in enumerate(starts)]
    path = tmp_path / "due.ics"
    as_of = dt.date(2026, 11, 22)
    path.write_bytes(ics([("valley", "Valley Works", items)], as_of))
    until = dt.date(2028, 11, 22)
    library, dateutil, icaljs = _three_expanders(path, until)
    assert library == dateutil == icaljs

    def dates(n: int) -> list[dt.date]:
        return sorted(day for uid, found in library.items() if f".u{n}" in uid for day in found)

    thirty_first, thirtieth, twenty_ninth = dates(0), dates(1), dates(2)
    assert len(thirty_first) == 23 and dt.date(2027, 2, 28) in thirty_first
    assert dt.date(2028, 2, 29) in thirty_first and dt.date(2027, 4, 30) in thirty_first
    assert dt.date(2027, 2, 28) in thirtieth and dt.date(2027, 3, 30) in thirtieth
    assert dt.date(2028, 2, 29) in twenty_ninth and dt.date(2027, 2, 28) in twenty_ninth
    assert dt.date(2027, 5, 31) in dates(3)  # 30 April was the month's last day
    assert dates(4)[:3] == [dt.date(2026, 8, 31), dt.date(2026, 11, 30), dt.date(2027, 2, 28)]
    for found in (thirty_first, thirtieth, twenty_ninth, dates(3)):
        assert len({(day.year, day.month) for day in found}) == len(found)  # one a month


def test_the_json_report_validates_against_its_published_schema(tmp_path: Path) -> None:
    schema = tmp_path / "report.schema.json"
    schema.write_text(run("schema", "--report").stdout)
    report = tmp_path / "report.json"
    run("check", EXAMPLES, "--as-of", AS_OF, "--format", "json", "--output", report)
    peer = Path(sys.executable).parent / "check-jsonschema"
    proc = subprocess.run([str(peer), "--schemafile", str(schema), str(report)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_file_schema_pins_the_format_version(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    run("schema", "--output", schemas)
    partnership = tmp_path / "partnership.yaml"
    text = (EXAMPLES / "rutherford" / "partnership.yaml").read_text()
    peer = Path(sys.executable).parent / "check-jsonschema"
    verdicts = []
    for version in ("ctepartner/v1", "ctepartner/v9"):
        partnership.write_text(text.replace("schema: ctepartner/v1", f"schema: {version}"))
        verdicts.append(subprocess.run(
            [str(peer), "--schemafile", str(schemas / "partnership.schema.json"),
             str(partnership)], capture_output=True, timeout=120).returncode)
    assert verdicts == [0, 1]


def test_editors_agree_with_check_on_a_fresh_init_and_both_examples(tmp_path: Path) -> None:
    """What `init` writes (`steps:` with nothing after it) and both examples are valid to
    the schemas an editor's YAML extension reads, as they are to `check`."""
    fresh = tmp_path / "fresh"
    assert run("init", fresh, "--name", "Health Careers", "--yes").returncode == 0
    peer = Path(sys.executable).parent / "check-jsonschema"
    for folder in (fresh, EXAMPLES / "rutherford", EXAMPLES / "delaware"):
        for path in sorted(folder.glob("*.yaml")):
            schema = fresh / ".schema" / path.name.replace(".yaml", ".schema.json")
            proc = subprocess.run([str(peer), "--schemafile", str(schema), str(path)],
                                  capture_output=True, text=True, timeout=120)
            assert proc.returncode == 0, (path, proc.stdout)
    schema = json.loads((fresh / ".schema" / "recruitment.schema.json").read_text())
    steps = schema["$defs"]["RecruitmentPlan"]["properties"]["steps"]
    assert {"type": "null"} in steps["anyOf"]


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_the_pre_commit_hook_runs_from_this_repository(tmp_path: Path) -> None:
    hooks = tmp_path / "hooks"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(hooks)], check=True)
    for path in ("src", "templates", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        source, target = ROOT / path, hooks / path  # what is being tested, committed or not
        if source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "-C", str(hooks), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(hooks), "commit", "-qm", "under test", "--allow-empty"],
                   check=True)
    partnerships = _repository(tmp_path / "work", "partnerships")
    subprocess.run(["git", "-C", str(partnerships.parent.parent), "add", "."], check=True)
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "pre-commit"), "try-repo", str(hooks),
         "ctepartner-check", "--all-files"], cwd=partnerships.parent.parent,
        capture_output=True, text=True, timeout=900, env=environment)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # Delaware has warnings, no errors
    assert "ctepartner check" in proc.stdout and "Passed" in proc.stdout
