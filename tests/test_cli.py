"""The command line through its real entry point: exit codes, formats, configuration."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import AS_OF, EXAMPLES, ROOT, commit_all, run, run_installed
from ctepartner.assess.registry import all_rules


def check_json(*args: object, cwd: Path | None = None) -> tuple[int, dict]:
    proc = run("check", *args, "--as-of", AS_OF, "--format", "json", cwd=cwd)
    return proc.returncode, json.loads(proc.stdout)


def test_version() -> None:
    proc = run_installed("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("ctepartner ")


def test_output_survives_a_windows_code_page() -> None:
    """Redirected output on a Windows laptop is in its code page (cp1252, cp437), which has
    no "→" or "—": the command writes UTF-8 there instead of stopping half-way."""
    for code_page in ("cp1252", "cp437"):
        proc = subprocess.run([sys.executable, "-m", "ctepartner", "check", str(EXAMPLES /
                               "delaware"), "--as-of", AS_OF], capture_output=True,
                              env={**os.environ, "PYTHONIOENCODING": code_page, "NO_COLOR": "1"})
        assert proc.returncode == 0 and proc.stderr == b"", proc.stderr
        text = proc.stdout.decode("utf-8")  # UTF-8, whole: the last line is the summary
        assert "→" in text and text.rstrip().splitlines()[-1].startswith("1 partnership ·")


def test_text_report_of_examples() -> None:
    proc = run("check", EXAMPLES, "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Delaware Pathways" in out and "Rutherford Works" in out
    assert "E1-E7: element scores" in out  # the summary across partnerships
    assert "delaware/stakeholders.yaml:15:5" in out and "CP606" in out
    assert "\x1b[" not in out  # no colour when not on a terminal


def test_quiet_anywhere_prints_findings_only() -> None:
    proc = run("check", EXAMPLES / "delaware", "--as-of", AS_OF, "-q")
    assert "Element" not in proc.stdout and "CP606" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1].startswith("1 partnership · 0 errors")


def test_json_shape() -> None:
    code, rep = check_json(EXAMPLES)
    assert code == 0
    assert [p["id"] for p in rep["partnerships"]] == ["delaware-pathways", "rutherford-works"]
    assert set(rep["summary"]) == {"partnerships", "error", "warning", "info", "suppressed"}
    delaware = rep["partnerships"][0]
    assert [e["number"] for e in delaware["elements"]] == list(range(1, 8))
    assert delaware["elements"][0]["name"] == "Convening Agency or Intermediary"
    finding = delaware["findings"][0]
    assert set(finding) == {"rule", "element", "severity", "suppressed", "message", "hint",
                            "file", "line", "column"}
    assert rep["summary"]["warning"] == sum(
        f["severity"] == "warning" for p in rep["partnerships"] for f in p["findings"])


@pytest.mark.parametrize("fail_on,code", [("error", 0), ("warning", 1), ("info", 1),
                                          ("never", 0)])
def test_fail_on(fail_on: str, code: int) -> None:
    proc = run("check", EXAMPLES / "delaware", "--as-of", AS_OF, "--fail-on", fail_on)
    assert proc.returncode == code


def test_error_exits_one_and_never_exits_zero(rutherford: Path) -> None:
    (rutherford / "roles.yaml").unlink()
    assert run("check", rutherford, "--as-of", AS_OF).returncode == 1
    assert run("check", rutherford, "--as-of", AS_OF, "--fail-on", "never").returncode == 0


@pytest.mark.parametrize("args,needle", [
    (("check", "no/such/folder"), "no such file or folder"),
    (("check", "--as-of", "22/11/2026"), "YYYY-MM-DD"),
    (("explain", "CP999"), "no rule"),
    (("check", "--format", "pdf"), "pdf"),
])
def test_usage_errors_exit_two_without_traceback(tmp_path: Path, args: tuple[str, ...],
                                                 needle: str) -> None:
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and needle in proc.stderr


def test_folder_without_partnership_exits_two(tmp_path: Path) -> None:
    proc = run("check", tmp_path)
    assert proc.returncode == 2 and "no partnership here" in proc.stderr


def test_select_and_ignore(delaware: Path) -> None:
    _, rep = check_json(delaware, "--select", "CP6")
    assert {f["rule"][:3] for f in rep["partnerships"][0]["findings"]} == {"CP6"}
    _, rep = check_json(delaware, "--ignore", "CP606,CP605")
    rules = {f["rule"] for f in rep["partnerships"][0]["findings"]}
    assert "CP606" not in rules and "CP605" not in rules and "CP604" in rules


def test_suppression_is_listed_and_counts_for_nothing(delaware: Path) -> None:
    main = delaware / "partnership.yaml"
    main.write_text(main.read_text() + "ignore:\n  - {rule: CP606, reason: agreed in May}\n")
    _, rep = check_json(delaware)
    partnership = rep["partnerships"][0]
    suppressed = [f for f in partnership["findings"] if f["suppressed"]]
    assert [f["rule"] for f in suppressed] == ["CP606"]
    assert rep["summary"]["suppressed"] == 1
    roles = partnership["elements"][5]
    assert roles["score"] == 100 - 15 * 3  # CP604, CP605 and CP607 still count, CP606 does not


def test_ignore_needs_a_reason(delaware: Path) -> None:
    main = delaware / "partnership.yaml"
    main.write_text(main.read_text() + "ignore:\n  - {rule: CP606}\n")
    code, rep = check_json(delaware)
    assert code == 1
    assert any(f["rule"] == "CP002" and "reason" in f["message"]
               for f in rep["partnerships"][0]["findings"])


def test_configuration_found_walking_up(tmp_path: Path, delaware: Path) -> None:
    (tmp_path / "ctepartner.toml").write_text(
        'fail-on = "warning"\nignore = ["CP702"]\n[severity]\nCP605 = "error"\n')
    code, rep = check_json(delaware, cwd=tmp_path)
    findings = rep["partnerships"][0]["findings"]
    assert code == 1
    assert "CP702" not in {f["rule"] for f in findings}
    assert {f["severity"] for f in findings if f["rule"] == "CP605"} == {"error"}


def test_configuration_in_pyproject(tmp_path: Path, delaware: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.ctepartner]\nfail-on = "never"\n')
    (delaware / "roles.yaml").unlink()
    assert run("check", delaware, "--as-of", AS_OF, cwd=tmp_path).returncode == 0
    assert run("check", delaware, "--as-of", AS_OF, "--fail-on", "error",
               cwd=tmp_path).returncode == 1


def test_bad_configuration_is_a_clear_error(tmp_path: Path, delaware: Path) -> None:
    (tmp_path / "ctepartner.toml").write_text('fail-on = "sometimes"\n')
    proc = run("check", delaware, cwd=tmp_path)
    assert proc.returncode == 2 and "ctepartner.toml" in proc.stderr and "fail-on" in proc.stderr


def test_configuration_is_read_only_inside_the_repository(tmp_path: Path) -> None:
    """Above the repository's root, or through a link out of it, no configuration is read:
    a stranger's repository cannot make the tool read the runner's files."""
    repository = tmp_path / "repository"
    shutil.copytree(EXAMPLES / "delaware", repository / "delaware")
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    (tmp_path / "ctepartner.toml").write_text('fail-on = "never"\n')  # above the root
    assert run("check", repository / "delaware", "--as-of", AS_OF, "--fail-on", "warning",
               cwd=repository).returncode == 1
    (tmp_path / "elsewhere.toml").write_text('token = "do-not-show"\n')
    (repository / "ctepartner.toml").symlink_to(tmp_path / "elsewhere.toml")
    proc = run("check", repository / "delaware", cwd=repository)
    assert proc.returncode == 2 and "outside the repository" in proc.stderr
    assert "do-not-show" not in proc.stderr and len(proc.stderr.splitlines()) == 1


def test_github_annotations() -> None:
    proc = run("check", EXAMPLES / "delaware", "--as-of", AS_OF, "--format", "github")
    lines = proc.stdout.splitlines()
    assert lines and all(line.startswith(("::warning ", "::error ", "::notice ")) for line in lines)
    assert any(line.startswith("::warning file=examples/delaware/stakeholders.yaml,line=15,col=5,"
                               "title=CP606") for line in lines)


def test_junit_one_case_per_element_and_one_for_structure(delaware: Path) -> None:
    proc = run("check", delaware, "--as-of", AS_OF, "--format", "junit", "--fail-on", "warning")
    suites = ElementTree.fromstring(proc.stdout)
    cases = suites.findall("./testsuite/testcase")
    assert [case.get("name", "")[:2] for case in cases] == [f"{n} " for n in range(8)]
    assert cases[0].get("name") == "0 Structure"
    failed = [case.get("name") for case in cases if case.find("failure") is not None]
    assert failed == [c.get("name") for c in cases if c.get("name", "")[:2] not in ("0 ", "1 ")]
    assert suites.get("failures") == "6"


def test_output_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "check.json"
    proc = run("check", EXAMPLES / "rutherford", "--as-of", AS_OF, "--format", "json",
               "--output", target)
    assert proc.returncode == 0 and proc.stdout == ""
    assert json.loads(target.read_text())["partnerships"][0]["score"] == 100


def test_paths_relative_to_current_folder(delaware: Path) -> None:
    _, rep = check_json("delaware", cwd=delaware.parent)
    assert rep["partnerships"][0]["path"] == "delaware"
    beside = delaware.parent / "elsewhere"
    beside.mkdir()
    _, rep = check_json(delaware, cwd=beside)
    partnership = rep["partnerships"][0]
    assert partnership["path"] == "../delaware"
    assert {f["file"].rsplit("/", 1)[0] for f in partnership["findings"]} == {"../delaware"}


def test_a_file_inside_names_its_partnership(delaware: Path) -> None:
    _, rep = check_json(delaware / "roles.yaml")
    assert rep["partnerships"][0]["id"] == "delaware-pathways"


def test_help_for_every_command() -> None:
    for command in ("check", "rules", "explain", "schema"):
        proc = run(command, "--help")
        assert proc.returncode == 0 and "Usage" in proc.stdout, command


def test_every_command_is_found_where_the_table_says() -> None:
    """A run imports only its command's module: the table must name the module of each."""
    from ctepartner.cli import COMMANDS, app, load_commands

    load_commands([])
    where = {info.name or info.callback.__name__: info.callback.__module__
             for info in app.registered_commands if info.callback}
    where |= {group.name: group.typer_instance.registered_commands[0].callback.__module__
              for group in app.registered_groups if group.name and group.typer_instance
              and group.typer_instance.registered_commands[0].callback}
    assert where == {name: f"ctepartner.cli.{module}" for name, module in COMMANDS.items()}


def test_a_misspelt_command_is_answered_from_every_command() -> None:
    proc = run("chek", "examples")
    assert proc.returncode == 2 and "No such command" in proc.stderr and "check" in proc.stderr
    listing = run("--help").stdout
    assert all(name in listing for name in ("init", "add", "check", "report", "import", "status"))


def test_rules_lists_every_rule_and_explain_prints_its_text() -> None:
    listed = [line.split()[0] for line in run("rules").stdout.splitlines()
              if line.startswith("  CP")]
    assert listed == list(all_rules())
    text = run("explain", "cp607").stdout
    assert text.startswith("CP607 · warning · element 6") and "20-80" in text and "Fix:" in text


def test_readme_shows_what_check_prints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "$ ctepartner check examples/delaware --as-of 2026-11-22\n"
    shown = readme.split(command, 1)[1].split("\n```", 1)[0]
    proc = run("check", "examples/delaware", "--as-of", "2026-11-22", cwd=ROOT)
    printed = "\n".join(line.rstrip() for line in proc.stdout.splitlines())
    assert shown == printed


# --- one error path, and a command line without holes ------------------------------------

COMMANDS = ["", "init", "add", "check", "rules", "explain", "schema", "status", "calendar",
            "import stakeholders", "export stakeholders", "report", "packet", "agreement",
            "build", "templates list", "templates copy", "add stakeholder", "add observation",
            "add update", "add check-in", "add meeting", "add activity", "add metric"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_reads_without_holes(command: str) -> None:
    import re

    proc = run(*command.split(), "--help", env={"COLUMNS": "250"})
    assert proc.returncode == 0, proc.stderr
    holes = [line for line in proc.stdout.splitlines()
             if re.search(r"\s[.,;:](\s|$)|\(\s*\)|\[\s*\]", line.strip("│ "))]
    assert holes == []


@pytest.mark.parametrize("args", [
    ["check", "--as-of", "2026-13-01"], ["check", "--bogus"], ["check", "--format", "yaml"],
    ["status", "--days", "999999999"], ["explain"], ["chekc"], ["check", "--select", "ZZZ"],
    ["check", "--ignore", "CP6O4"],
])
def test_every_usage_error_is_one_line(args: list[str]) -> None:
    proc = run(*args, EXAMPLES / "rutherford" if args[0] in ("check", "status") else "")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("ctepartner: error: ") and "╭" not in proc.stderr


def test_a_typo_in_the_configured_rules_fails_the_run(rutherford: Path) -> None:
    (rutherford / "ctepartner.toml").write_text('ignore = ["CP7O7"]\n[severity]\nCP604 = "error"\n')
    proc = run("check", rutherford)
    assert proc.returncode == 2 and "`ignore` names no rule 'CP7O7'" in proc.stderr


def test_a_closed_pipe_ends_quietly() -> None:
    shell = (f"{sys.executable} -m ctepartner check {EXAMPLES} --as-of {AS_OF} --format json"
             " | head -c 10; exit ${PIPESTATUS[0]}")
    proc = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "COLUMNS": "120"})
    assert proc.stderr == ""
    assert proc.returncode in (0, 141)  # done before head closed, or stopped by SIGPIPE


def test_output_is_spelt_the_same_everywhere(tmp_path: Path) -> None:
    for command in (["report", "--as-of", AS_OF], ["check", "--format", "json"], ["calendar"],
                    ["export", "stakeholders"], ["schema"]):
        target = tmp_path / f"{command[0]}-out{'.csv' if command[0] == 'export' else ''}"
        where = [] if command[0] == "schema" else [EXAMPLES / "rutherford"]
        proc = run(*command, *where, "-o", target)
        assert proc.returncode == 0, (command, proc.stderr)
        assert target.exists()
    legacy = run("report", EXAMPLES / "rutherford", "--out", "-", "--as-of", AS_OF)
    assert legacy.returncode == 0 and legacy.stdout.startswith("# Rutherford Works")


def test_the_summary_fits_80_columns_without_cutting_numbers(tmp_path: Path) -> None:
    long = tmp_path / ("a-partnership-folder-with-a-very-long-name-" * 2)
    shutil.copytree(EXAMPLES / "rutherford", long / "rutherford")
    shutil.copytree(EXAMPLES / "delaware", tmp_path / "delaware")
    proc = run("check", tmp_path, "--as-of", AS_OF, env={"COLUMNS": "80"})
    table = proc.stdout.split("E1-E7")[0].splitlines()
    assert all(len(line) <= 80 for line in table)
    assert "…" not in proc.stdout
    assert any(" 100 " in line for line in table)


def test_status_and_calendar_show_titles_not_ids() -> None:
    proc = run("status", EXAMPLES / "delaware", "--as-of", AS_OF, "--days", "400",
               env={"COLUMNS": "200"})
    assert "Career plans for every eighth grader" in proc.stdout
    assert "`" not in proc.stdout and "in_progress" not in proc.stdout
    calendar = run("calendar", EXAMPLES / "delaware", "--as-of", AS_OF)
    assert "partner-bulletin" not in calendar.stdout.split("UID")[0]


def test_the_platforms_workflow_runs_as_written(tmp_path: Path) -> None:
    """docs/github-actions-platforms.yml: Ubuntu, Windows and macOS, each `run:` as written
    in a repository of partnerships (the project is installed already)."""
    import yaml

    workflow = yaml.safe_load((ROOT / "docs" / "github-actions-platforms.yml").read_text())
    job = workflow["jobs"]["check"]
    assert job["strategy"]["matrix"]["os"] == ["ubuntu-latest", "windows-latest",
                                               "macos-latest"]
    shutil.copytree(EXAMPLES / "rutherford", tmp_path / "rutherford")
    commit_all(tmp_path, "partnerships")
    commands = [step["run"] for step in job["steps"]
                if "run" in step and not step["run"].startswith("pip install")]
    assert commands
    for command in commands:
        program, *args = command.split()
        assert program == "ctepartner"
        proc = run(*args, cwd=tmp_path)
        assert proc.returncode == 0, (command, proc.stderr)
