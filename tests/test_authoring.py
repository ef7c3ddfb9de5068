"""init and add: from an empty folder to a partnership that passes, comments intact."""

import contextlib
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AS_OF, run
from ctepartner.author.add import add_entry
from ctepartner.author.init import init_partnership
from ctepartner.author.scaffold import NewPartnership
from ctepartner.errors import UserError


def ok(*args: object, cwd: Path) -> str:
    proc = run(*args, cwd=cwd)
    assert proc.returncode == 0, (args, proc.stderr)
    return proc.stdout


def findings(folder: Path) -> list[dict]:
    proc = run("check", ".", "--as-of", AS_OF, "--format", "json", "--fail-on", "never",
               cwd=folder)
    return json.loads(proc.stdout)["partnerships"][0]["findings"]


def test_fresh_scaffold_is_a_to_do_list_without_structural_findings(tmp_path: Path) -> None:
    ok("init", "acme", "--yes", "--name", "Acme Pathways", cwd=tmp_path)
    rules = {f["rule"] for f in findings(tmp_path / "acme")}
    assert not {r for r in rules if r.startswith("CP0")}
    assert {"CP101", "CP201", "CP204", "CP301", "CP501", "CP601", "CP701"} <= rules
    text = (tmp_path / "acme" / "partnership.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=.schema/partnership.schema.json")
    assert (tmp_path / "acme" / ".schema" / "partnership.schema.json").is_file()


def test_init_never_replaces_a_file_and_fills_in_what_is_missing(tmp_path: Path) -> None:
    ok("init", "p", "--yes", cwd=tmp_path)
    (tmp_path / "p" / "roles.yaml").write_text("roles: []  # mine\n")
    (tmp_path / "p" / "metrics.yaml").unlink()
    proc = run("init", "p", "--yes", cwd=tmp_path)
    assert proc.returncode == 0 and "wrote 1 missing one(s)" in proc.stdout
    assert (tmp_path / "p" / "roles.yaml").read_text() == "roles: []  # mine\n"
    assert (tmp_path / "p" / "metrics.yaml").is_file()
    assert run("init", "p", "--yes", "--force", cwd=tmp_path).returncode == 2  # no such flag


@pytest.mark.parametrize(("typed", "value"), [
    ("Chamber of Commerce", "chamber_of_commerce"), ("chamber-of-commerce", "chamber_of_commerce"),
    (" STATE agency ", "state_agency"), ("Workforce_Board", "workforce_board"),
    ("county", None), ("", None)])
def test_init_understands_what_a_person_types(typed: str, value: str | None) -> None:
    from ctepartner.model.files import ConvenerKind
    from ctepartner.words import meant

    assert meant(typed, [kind.value for kind in ConvenerKind]) == value


def test_init_asks_again_after_a_wrong_answer_and_lists_the_choices() -> None:
    from ctepartner.author.init import ask

    asked: list[str] = []
    answers = iter(["county", "Regional"])

    def prompt(question: str, default: str) -> str:
        asked.append(question)
        return next(answers)

    assert ask(prompt, "Scope", "regional", ("state", "regional", "local")) == "regional"
    assert asked == ["Scope (state, regional, local)",
                     "'county' is not one of them. Scope (state, regional, local)"]


def test_init_with_commas_and_a_wrong_choice_on_the_command_line(tmp_path: Path) -> None:
    proc = run("init", "p", "--yes", "--lead", "Dana Whitfield, Workforce Director",
               "--industry", "welding, fabrication", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "p" / "partnership.yaml").read_text()
    parsed = yaml.safe_load(text)
    assert parsed["convener"]["lead"] == {"name": "Dana Whitfield, Workforce Director"}
    assert parsed["alignment"]["industries"] == ["welding, fabrication"]
    wrong = run("init", "q", "--yes", "--scope", "county", cwd=tmp_path)
    assert wrong.returncode == 2 and "choose one of state, regional, local" in wrong.stderr
    assert not (tmp_path / "q").exists()


def test_init_in_a_git_repo_adds_config_and_gitignore(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.pyc\n")
    ok("init", "clients/acme", "--yes", cwd=tmp_path)
    assert "fail-on" in (tmp_path / "ctepartner.toml").read_text()
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\n"  # present: left alone


def test_newcomer_goes_from_empty_folder_to_passing_check(tmp_path: Path) -> None:
    ok("init", "pathways", "--yes", "--name", "Valley Pathways", "--convener", "Valley Chamber",
       "--convener-kind", "chamber_of_commerce", "--lead", "Workforce director",
       "--purpose", "Bring employers, schools and the college together.", cwd=tmp_path)
    folder = tmp_path / "pathways"
    steps = [
        ("protocol", "--id", "recruitment", "--name", "Recruitment protocol"),
        ("goal", "--id", "close-gaps", "--title", "Close skills gaps", "--outcome",
         "100 internships", "--due", "2027-06-30"),
        *[("profile", "--id", sector, "--title", f"{sector} partner", "--sector", sector,
           "--need", "A seat", "--expertise", "pathways", "--seats", "1")
          for sector in ("k12", "postsecondary", "business")],
        ("step", "--id", "map-employers", "--title", "Map employers", "--due", "2026-12-31"),
        ("role", "--id", "partner", "--title", "Partner", "--responsibility", "Host students",
         "--hours-per-month", "4", "--term-months", "12"),
        ("plan", "--id", "monthly", "--audience", "active_stakeholders", "--cadence", "monthly"),
        ("metric", "--id", "internships", "--name", "Internships", "--goal", "close-gaps",
         "--strand", "outcomes", "--category", "student_impact"),
        ("stakeholder", "--id", "valley-schools", "--organization", "Valley schools",
         "--sector", "k12", "--status", "active", "--role", "partner", "--profile", "k12"),
        ("check-in", "--stakeholder", "valley-schools", "--rating", "4", "--date", "2026-11-01"),
        ("update", "--plan", "monthly", "--date", "2026-11-02", "--summary", "First update"),
        ("observation", "--metric", "internships", "--value", "12", "--date", "2026-10-31"),
        ("meeting", "--date", "2026-10-20", "--body", "Council", "--attendee", "valley-schools"),
        ("activity", "--id", "kickoff", "--title", "Kick-off", "--goal", "close-gaps",
         "--owner", "Workforce director", "--due", "2027-01-31"),
    ]
    for kind, *options in steps:
        ok("add", kind, *options, cwd=folder)
    assert [f for f in findings(folder) if f["severity"] == "error"] == []
    assert run("check", ".", "--as-of", AS_OF, cwd=folder).returncode == 0


@pytest.mark.parametrize("args,needle", [
    (("check-in", "--stakeholder", "nobody", "--rating", "3", "--date", "2026-11-01"),
     "no such stakeholder"),
    (("observation", "--metric", "internships", "--value", "3", "--date", "2026-13-01"),
     "not a real date"),
    (("stakeholder", "--id", "Bad Id", "--organization", "X", "--sector", "k12"), "valid id"),
    (("stakeholder", "--id", "x", "--organization", "X", "--sector", "retail"), "sector"),
])
def test_invalid_add_exits_two_and_leaves_files_unchanged(tmp_path: Path, args: tuple[str, ...],
                                                          needle: str) -> None:
    ok("init", "p", "--yes", cwd=tmp_path)
    folder = tmp_path / "p"
    ok("add", "metric", "--id", "internships", "--name", "Internships", cwd=folder)
    before = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    proc = run("add", *args, cwd=folder)
    assert proc.returncode == 2 and needle in proc.stderr and "Traceback" not in proc.stderr
    assert {p.name: p.read_bytes() for p in folder.glob("*.yaml")} == before


def test_add_keeps_comments_in_a_hand_written_file(rutherford: Path) -> None:
    path = rutherford / "stakeholders.yaml"
    before = path.read_text()
    add_entry(rutherford, "check-in", {"stakeholder": "midstate-health", "rating": 5,
                                       "date": "2026-11-20", "note": "Happy"})
    after = path.read_text()
    inserted = "      - {date: 2026-11-20, rating: 5, note: Happy}\n"
    assert after == before.replace("rating: 4}\n\n  - id: riverbend",
                                   "rating: 4}\n" + inserted + "\n  - id: riverbend")


def _is_subsequence(small: str, large: str) -> bool:
    remaining = iter(large)
    return all(char in remaining for char in small)


NAMES = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")),
                min_size=1, max_size=30).map(str.strip).filter(bool)


@st.composite
def additions(draw: st.DrawFn) -> list[tuple[str, dict]]:
    calls: list[tuple[str, dict]] = []
    for number in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["stakeholder", "check-in", "update", "meeting"]))
        if kind == "stakeholder" or not calls:
            calls.append(("stakeholder", {"id": f"s{number}", "organization": draw(NAMES),
                                          "sector": draw(st.sampled_from(["k12", "business"]))}))
        elif kind == "check-in":
            stakeholder = next(o["id"] for k, o in calls if k == "stakeholder")
            calls.append(("check-in", {"stakeholder": stakeholder, "note": draw(NAMES),
                                       "rating": draw(st.integers(1, 5)), "date": "2026-11-01"}))
        elif kind == "update":
            calls.append(("update", {"plan": "monthly", "date": "2026-11-02",
                                     "summary": draw(NAMES)}))
        else:
            calls.append(("meeting", {"date": "2026-10-20", "body": draw(NAMES),
                                      "decision": [draw(NAMES)]}))
    return calls


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(calls=additions())
def test_every_add_only_inserts(tmp_path_factory: pytest.TempPathFactory,
                                calls: list[tuple[str, dict]]) -> None:
    folder = tmp_path_factory.mktemp("p")
    init_partnership(folder, NewPartnership(name="Property"))
    add_entry(folder, "plan", {"id": "monthly", "audience": "community"})
    for kind, options in calls:
        texts = {p.name: p.read_text() for p in folder.glob("*.yaml")}
        with contextlib.suppress(UserError):  # refused: then nothing may change
            add_entry(folder, kind, options)
        for name, before in texts.items():
            assert _is_subsequence(before, (folder / name).read_text()), name
    assert not [f for f in findings(folder) if f["rule"].startswith("CP0")]


def test_add_set_and_import_keep_a_files_bom_and_crlf(rutherford: Path, tmp_path: Path
                                                      ) -> None:
    """A file saved on Windows (a byte-order mark, CRLF line ends) stays so after any edit."""
    path = rutherford / "stakeholders.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert run("add", "stakeholder", rutherford, "--id", "acme", "--organization",
               "Acme, Inc.", "--sector", "business").returncode == 0
    assert run("set", "stakeholders.acme.organization", "Acme Precision, Inc.", "--path",
               rutherford).returncode == 0
    sheet = tmp_path / "roster.csv"
    sheet.write_text("id,organization,sector\nnew-co,New Co,workforce\n")
    assert run("import", "stakeholders", sheet, rutherford).returncode == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"id: new-co" in raw and b"id: acme" in raw
    assert b"Acme Precision, Inc." in raw
    assert raw.count(b"\n") == raw.count(b"\r\n")  # every line still ends in CRLF


@pytest.mark.parametrize("value", ["1e20", "1.5e-7", "-3e+100", "42", "0.1"])
def test_numbers_are_written_so_they_read_back_as_numbers(rutherford: Path, value: str) -> None:
    proc = run("add", "observation", rutherford, "--metric", "internships-completed",
               "--value", value, "--date", "2026-11-20")
    assert proc.returncode == 0, proc.stderr
    text = (rutherford / "metrics.yaml").read_text()
    line = next(line for line in text.splitlines() if "2026-11-20" in line)
    written = yaml.safe_load(line.strip().removeprefix("- "))["value"]
    assert isinstance(written, int | float) and written == float(value)


def test_a_reference_to_an_unknown_id_is_refused_before_writing(rutherford: Path,
                                                               tmp_path: Path) -> None:
    plan = rutherford / "action-plan.yaml"
    before = plan.read_bytes()
    proc = run("add", "activity", rutherford, "--id", "new-thing", "--title", "New thing",
               "--goal", "close-skills-gaps", "--owner", "stakeholder:county-schol",
               "--due", "2027-01-31")
    assert proc.returncode == 2 and "did you mean `county-schools`?" in proc.stderr
    assert plan.read_bytes() == before
    stakeholders = rutherford / "stakeholders.yaml"
    before = stakeholders.read_bytes()
    sheet = tmp_path / "roster.csv"
    sheet.write_text("id,organization,sector,profile\nnew-co,New Co,business,employer-hots\n")
    proc = run("import", "stakeholders", sheet, rutherford)
    assert proc.returncode == 2 and "employer-host" in proc.stderr
    assert stakeholders.read_bytes() == before


def test_an_add_reads_the_partnership_once(rutherford: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file is parsed once, under the lock; the changed file's new text once more,
    to be checked before it is written. References are checked on that one load."""
    from collections import Counter

    import ctepartner.load.partnership as loader

    parsed: Counter[str] = Counter()
    original = loader.parse

    def counting(path: Path, raw: bytes) -> object:
        parsed[path.name] += 1
        return original(path, raw)

    monkeypatch.setattr(loader, "parse", counting)
    add_entry(rutherford, "stakeholder", {"id": "acme", "organization": "Acme",
                                          "sector": "business", "role": "employer-host"})
    changed = {"stakeholders.yaml": 2}
    assert parsed == Counter({path.name: changed.get(path.name, 1)
                              for path in rutherford.glob("*.yaml")})
    with pytest.raises(UserError, match="no such role"):
        add_entry(rutherford, "stakeholder", {"id": "acme-2", "organization": "Acme 2",
                                              "sector": "business", "role": "employer-hots"})


def test_words_as_people_write_them_are_taken_everywhere(rutherford: Path, tmp_path: Path
                                                         ) -> None:
    """`Operating`, `Workforce Board`, `K-12`, `Business and industry`: `set`, `add`,
    `import` and `init` take the words a person types, and write the value they mean."""
    for key, value in (("partnership.stage", "Operating"),
                       ("partnership.convener.kind", "Workforce Board")):
        proc = run("set", key, value, "--path", rutherford)
        assert proc.returncode == 0, proc.stderr
    roster = tmp_path / "roster.csv"
    roster.write_text("organization,sector,status\nPeña Welding,Business,identified\n"
                      "Hill School,K-12,Active\n", encoding="utf-8")
    proc = run("import", "stakeholders", roster, rutherford)
    assert proc.returncode == 0, proc.stderr
    proc = run("add", "stakeholder", rutherford, "--id", "acme", "--organization", "Acme",
               "--sector", "Business and Industry", "--status", "Identified")
    assert proc.returncode == 0, proc.stderr
    written = yaml.safe_load((rutherford / "stakeholders.yaml").read_text())["stakeholders"]
    sectors = {s["id"]: (s["sector"], s["status"]) for s in written}
    assert sectors["pena-welding"] == ("business", "identified")
    assert sectors["hill-school"] == ("k12", "active")
    assert sectors["acme"] == ("business", "identified")
    about = yaml.safe_load((rutherford / "partnership.yaml").read_text())
    assert about["stage"] == "operating" and about["convener"]["kind"] == "workforce_board"
    fresh = tmp_path / "fresh"
    assert run("init", fresh, "--name", "X", "--convener-kind", "Workforce Board", "--yes"
               ).returncode == 0
    assert "kind: workforce_board" in (fresh / "partnership.yaml").read_text()
    refused = run("set", "partnership.stage", "Opera", "--path", rutherford)
    assert refused.returncode == 2 and "operating" in refused.stderr
