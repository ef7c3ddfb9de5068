"""The partner survey: the form, a form tool's export imported, the scores, the report."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import AS_OF, run
from ctepartner.load.partnership import load
from ctepartner.survey.bank import BANK
from ctepartner.survey.scoring import score, waves

SURVEY_FILES = ("partnership.yaml", "stakeholders.yaml", "survey.yaml")


def test_the_bank_covers_every_element_and_category() -> None:
    from ctepartner.model.files import Category

    by_element = {n: [q for q in BANK if q.element == n] for n in range(1, 8)}
    assert all(len(asked) >= 2 for asked in by_element.values())
    assert {q.category for q in BANK} == set(Category)
    assert len({q.id for q in BANK}) == len(BANK)
    assert all(" and " not in q.text.split(",")[0] or len(q.text) < 90 for q in BANK)


def _form(folder: Path) -> list[dict[str, str]]:
    proc = run("survey", "form", folder, "--format", "csv", "--out", "-")
    assert proc.returncode == 0, proc.stderr
    return list(csv.DictReader(io.StringIO(proc.stdout)))


def _export(path: Path, header: list[str], rows: list[list[str]], *,
            encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


WORDS = {1: "Strongly disagree", 2: "Disagree", 3: "Neutral", 4: "Agree", 5: "Strongly agree"}


def test_a_form_tool_export_comes_back_as_a_wave(rutherford: Path, tmp_path: Path) -> None:
    """The whole loop: the form as CSV, filled in as Google Forms exports it, imported."""
    (rutherford / "survey.yaml").unlink()
    questions = {row["id"]: row["text"] for row in _form(rutherford)}
    assert len(questions) >= 14 and "e4-worth-our-time" in questions
    asked = ["e4-worth-our-time", "e4-getting-what-expected", "e5-kept-informed"]
    ratings = {  # organisation as typed in the form -> ratings of the three questions
        "NORTHFIELD PRECISION MANUFACTURING": (5, 4, 4),
        "midstate health partners": (4, 3, 2),
        "Riverbend  Logistics": (4, 4, 3),
        "Rutherford County school district": (2, 2, 5),
        "Regional Community College": (3, 4, 5),
    }
    export = _export(tmp_path / "responses.csv",
                     ["Timestamp", "Email Address", "Your name", "Organization",
                      *(questions[q] for q in asked), "Comments"],
                     [[f"2026/10/0{n} 9:15:00 AM", f"person{n}@mail.example.org",
                       f"Person Number{n}", org, *(WORDS[r] for r in answers),
                       "More notice please" if n == 1 else
                       "Call Jo on (615) 555-0100 or jo@acme.example.org on 2026-10-01"
                       if n == 2 else ""]
                      for n, (org, answers) in enumerate(ratings.items(), start=1)])
    proc = run("survey", "import", export, rutherford, "--wave", "2026-fall", "--opened",
               "2026-10-01")
    assert proc.returncode == 0, proc.stderr
    assert "5 responses added" in proc.stdout and "Email Address" in proc.stdout
    text = (rutherford / "survey.yaml").read_text()
    for secret in ("mail.example.org", "Person Number", "9:15:00"):
        assert not any(secret in (rutherford / name).read_text()
                       for name in SURVEY_FILES), secret
    p = load(rutherford)
    (wave,) = waves(p)
    answers = {r.stakeholder: r.answers for r in wave.responses}
    assert answers["midstate-health"] == dict(zip(asked, (4, 3, 2), strict=True))
    assert answers["county-schools"]["e5-kept-informed"] == 5
    assert "comment: More notice please" in text
    # contact details typed into a comment are not kept; the rest of it is
    assert "Call Jo on [phone removed] or [email removed] on 2026-10-01" in text
    assert "555-0100" not in text and "jo@acme" not in text
    scores = score(p, wave)
    # by hand: element 4 per respondent (4.5, 3.5, 4, 2, 3.5), element 5 (4, 2, 3, 5, 5)
    assert scores.elements[4]["all"].value == round((4.5 + 3.5 + 4 + 2 + 3.5) / 5, 2)
    assert scores.elements[4]["k12"].value is None  # one district: never shown
    # the district and the college are two: all five less the three employers would give
    # their mean away, so the employers' mean is withheld too (complementary suppression)
    business = scores.elements[4]["business"]
    assert (business.value, business.n, business.withheld) == (None, 3, True)
    assert scores.responded == scores.invited == 5
    results = run("survey", "results", rutherford, "--format", "json")
    report = json.loads(results.stdout)
    element4 = next(e for e in report["elements"] if e["element"] == 4)
    assert element4["overall"] == {"mean": 3.5, "responses": 5}
    assert element4["by_sector"]["k12"] == {"mean": None, "responses": "fewer than 3 responses"}
    assert element4["by_sector"]["business"]["mean"] is None
    assert "withheld" in element4["by_sector"]["business"]["responses"]
    text_results = run("survey", "results", rutherford).stdout
    row = next(line for line in text_results.splitlines() if line.startswith(" Mutual")
               or line.startswith("Mutual"))
    assert re.search(r"3\.5\s+5\s+·\s+·\s+·", row), text_results
    md = run("report", rutherford, "--output", "-", "--as-of", AS_OF).stdout
    line = next(line for line in md.splitlines() if line.startswith("| Mutual Benefit"))
    assert [cell.strip() for cell in line.strip("|").split("|")] == [
        "Mutual Benefit and Shared Value", "3.5", "", "", ""]
    community = run("report", rutherford, "--output", "-", "--as-of", AS_OF, "--audience",
                    "community").stdout
    line = next(line for line in community.splitlines() if line.startswith("| Mutual"))
    assert [cell.strip() for cell in line.strip("|").split("|")] == [
        "Mutual Benefit and Shared Value", "3.5"]
    assert "invited" not in community and "More notice" not in community


def test_importing_again_merges_into_the_wave(rutherford: Path, tmp_path: Path) -> None:
    survey = rutherford / "survey.yaml"
    before = survey.read_text()
    export = _export(tmp_path / "again.csv", ["stakeholder", "e4-worth-our-time",
                                              "e2-purpose-clear"],
                     [["northfield-precision", "2", "5"], ["cumberland-builders", "4", "4"]])
    proc = run("survey", "import", export, rutherford, "--wave", "2026-fall")
    assert proc.returncode == 0, proc.stderr
    assert "1 responses added, 1 updated" in proc.stdout
    after = survey.read_text()
    assert after.splitlines()[:5] == before.splitlines()[:5]  # the comments stay
    p = load(rutherford)
    (wave,) = waves(p)
    northfield = next(r for r in wave.responses if r.stakeholder == "northfield-precision")
    assert northfield.answers["e4-worth-our-time"] == 2  # the new answer wins
    assert northfield.answers["e6-role-clear"] == 5  # what it did not ask stays
    assert northfield.answers["e2-purpose-clear"] == 5
    assert [r.stakeholder for r in wave.responses][-1] == "cumberland-builders"


def test_an_xlsx_export_with_digits_and_a_mapped_column(rutherford: Path,
                                                         tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "Partner",
                  "Worth it?"])
    sheet.append([1, "10/2/26 9:00", "10/2/26 9:05", "a@example.org", "A", "Riverbend Logistics",
                  4])
    book.save(tmp_path / "forms.xlsx")
    proc = run("survey", "import", tmp_path / "forms.xlsx", rutherford, "--wave", "2026-winter",
               "--opened", "2026-12-01", "--map", "Partner=organization", "--map",
               "Worth it?=e4-worth-our-time")
    assert proc.returncode == 0, proc.stderr
    wave = waves(load(rutherford))[-1]
    assert wave.id == "2026-winter" and wave.responses[0].answers == {"e4-worth-our-time": 4}


@pytest.mark.parametrize(("rows", "message"), [
    ([["Nowhere Industries", "Agree"]], "row 2: 'Nowhere Industries' is no stakeholder"),
    ([["Riverbend Logistic", "Agree"]], "did you mean 'Riverbend Logistics'?"),
    ([["Riverbend Logistics", "Somewhat agree"]], "row 2, 'e4-worth-our-time': 'Somewhat "
     "agree' is not on the scale"),
    ([["", "Agree"]], "row 2: no respondent"),
    ([["Riverbend Logistics", "Agree"], ["riverbend logistics", "Disagree"]],
     "row 3: Riverbend Logistics answered already, in row 2"),
    ([["Riverbend Logistics", "Agree", "x" * 5_000_000]], "row 2: a cell is longer than "
     "131,072 characters"),
    ([["Riverbend Logistics", "Agree", "x" * 3_000]], "row 2: the comment has 3,000 "
     "characters; at most 2,000 are kept"),
    ([["Riverbend Logistics", ""]], "row 2: Riverbend Logistics answered no question"),
])
def test_a_bad_export_names_its_rows_and_writes_nothing(rutherford: Path, tmp_path: Path,
                                                        rows: list[list[str]],
                                                        message: str) -> None:
    before = (rutherford / "survey.yaml").read_bytes()
    export = _export(tmp_path / "bad.csv", ["Organization", "e4-worth-our-time", "Comment"],
                     [row + [""] * (3 - len(row)) for row in rows])
    proc = run("survey", "import", export, rutherford, "--wave", "2026-fall")
    assert proc.returncode == 2
    assert message in proc.stderr and "nothing was written" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (rutherford / "survey.yaml").read_bytes() == before


@pytest.mark.parametrize("encoding", ["utf-8-sig", "latin-1"])
def test_a_bom_or_latin_1_export_is_read(rutherford: Path, tmp_path: Path,
                                         encoding: str) -> None:
    stakeholders = rutherford / "stakeholders.yaml"
    stakeholders.write_text(stakeholders.read_text().replace(
        "organization: Riverbend Logistics", "organization: Riverbend Logística"))
    export = _export(tmp_path / "export.csv", ["Organization", "e4-worth-our-time"],
                     [["Riverbend Logística", "Strongly agree"]], encoding=encoding)
    proc = run("survey", "import", export, rutherford, "--wave", "2027-spring", "--opened",
               "2027-04-01")
    assert proc.returncode == 0, proc.stderr
    wave = waves(load(rutherford))[-1]
    assert [(r.stakeholder, r.answers) for r in wave.responses] == [
        ("riverbend-logistics", {"e4-worth-our-time": 5})]


def test_an_unknown_column_is_named_with_the_way_out(rutherford: Path, tmp_path: Path) -> None:
    export = _export(tmp_path / "export.csv", ["Organization", "The partnership is worth the "
                                               "time my organisation puts into it"],
                     [["Riverbend Logistics", "4"]])
    proc = run("survey", "import", export, rutherford, "--wave", "2026-fall")
    assert proc.returncode == 2
    assert "did you mean 'The partnership is worth the time my organization" in proc.stderr
    assert '--map "Column=question-id"' in proc.stderr


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_the_form_in_every_format(rutherford: Path, tmp_path: Path, fmt: str) -> None:
    from test_sendready import machine_words, text_of

    tmp_path = tmp_path / "out"
    proc = run("survey", "form", rutherford, "--format", fmt, "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = " ".join(text_of(tmp_path / f"survey-form.{fmt}").split())
    assert "The monthly industry council is a good use of my organization's time." in text
    assert "Strongly disagree" in text and "Open Lines of Communication" in text
    assert machine_words(tmp_path, rutherford) == []


def test_delaware_shows_its_perception_gap() -> None:
    from conftest import EXAMPLES

    proc = run("check", EXAMPLES / "delaware", "--format", "json", "--as-of", AS_OF)
    findings = json.loads(proc.stdout)["partnerships"][0]["findings"]
    gaps = [f["message"] for f in findings if f["rule"] == "CP710"]
    assert gaps == ["in survey wave `2026-fall`, `k12` partners rate Open Lines of "
                    "Communication 4.0 and `business` partners 2.3: a gap of 1.7"]
    report = run("report", EXAMPLES / "delaware", "--output", "-", "--as-of", AS_OF).stdout
    line = next(line for line in report.splitlines() if line.startswith("| Open Lines"))
    assert [c.strip() for c in line.strip("|").split("|")] == [
        "Open Lines of Communication", "3.2", "4.0", "2.3", "-0.4"]


def test_a_question_of_our_own_by_add(rutherford: Path) -> None:
    proc = run("add", "survey-question", rutherford, "--id", "worth-the-drive", "--element",
               "4", "--category", "resource_use", "--text", "The council meetings are worth "
               "the drive.")
    assert proc.returncode == 0, proc.stderr
    text = (rutherford / "survey.yaml").read_text()
    assert text.startswith("# The partners' own voice")  # the comments stay
    form = run("survey", "form", rutherford, "--format", "csv", "--out", "-").stdout
    assert "worth-the-drive,4,resource_use,The council meetings are worth the drive." in form
    again = run("add", "survey-question", rutherford, "--id", "worth-the-drive", "--element",
                "4", "--category", "resource_use", "--text", "Again")
    assert again.returncode == 2 and "already exists" in again.stderr


def test_a_name_two_organisations_share_is_refused_naming_both(rutherford: Path,
                                                               tmp_path: Path) -> None:
    for number, name in enumerate(("Acme Inc.", "ACME INC"), start=1):
        assert run("add", "stakeholder", rutherford, "--id", f"acme-{number}", "--organization",
                   name, "--sector", "business").returncode == 0
    before = (rutherford / "survey.yaml").read_text()
    export = _export(tmp_path / "acme.csv", ["Organization", "e2-goals-progress"],
                     [["acme inc", "4"]])
    proc = run("survey", "import", export, rutherford, "--wave", "2026-fall")
    assert proc.returncode == 2
    assert "could be acme-1 (Acme Inc.) or acme-2 (ACME INC)" in proc.stderr
    assert (rutherford / "survey.yaml").read_text() == before
    by_id = _export(tmp_path / "by-id.csv", ["stakeholder", "e2-goals-progress"],
                    [["acme-2", "4"]])
    assert run("survey", "import", by_id, rutherford, "--wave", "2026-fall").returncode == 0


# --- privacy that survives arithmetic ---------------------------------------------------

PRIME = (1 << 61) - 1  # ranks over this field are the ranks over the rationals, but for chance
ASKED = ["e1-convener-trusted", "e2-goals-progress", "e3-right-partners", "e4-worth-our-time",
         "e4-students-benefit", "e5-kept-informed", "e6-role-clear", "e7-measures-what-matters"]
CRAFTED = {  # waves by who answers: (K-12, postsecondary, business)
    "like-delaware": (["county-schools", "k12-a", "k12-b"], ["regional-college"],
                      ["northfield-precision", "midstate-health", "riverbend-logistics"]),
    "like-rutherford": (["county-schools"], ["regional-college"],
                        ["northfield-precision", "midstate-health", "riverbend-logistics"]),
    "two-two-three": (["county-schools", "k12-a"], ["regional-college", "college-a"],
                      ["northfield-precision", "midstate-health", "riverbend-logistics"]),
    "three-two-four": (["county-schools", "k12-a", "k12-b"], ["regional-college", "college-a"],
                       ["northfield-precision", "midstate-health", "riverbend-logistics",
                        "business-a"]),
}


def _rank(rows: list[dict[object, int]], columns: list[object]) -> int:
    """The rank of the rows (variable -> coefficient mod PRIME) on these columns."""
    matrix = [[row.get(column, 0) % PRIME for column in columns] for row in rows]
    rank = 0
    for col in range(len(columns)):
        pivot = next((i for i in range(rank, len(matrix)) if matrix[i][col]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        inverse = pow(matrix[rank][col], PRIME - 2, PRIME)
        for i in range(rank + 1, len(matrix)):
            if matrix[i][col]:
                factor = matrix[i][col] * inverse % PRIME
                matrix[i] = [(a - factor * b) % PRIME for a, b in
                             zip(matrix[i], matrix[rank], strict=True)]
        rank += 1
    return rank


def _published(p: object, wave: object) -> list[dict[object, int]]:
    """Every figure a wave publishes, as a linear equation in the answers: a shown group's
    n x mean is the sum, over its respondents, of their own mean over the table's questions."""
    from ctepartner.survey.bank import questions as bank_of

    bank = bank_of(p)  # type: ignore[arg-type]
    scores = score(p, wave)  # type: ignore[arg-type]
    answers = {r.stakeholder: list(r.answers) for r in wave.responses}  # type: ignore[attr-defined]
    tables = [(lambda q, e=e: bank[q].element == e, groups)
              for e, groups in scores.elements.items()]
    tables += [(lambda q, c=c: bank[q].category == c, groups)
               for c, groups in scores.categories.items()]
    tables.append((lambda q: True, {"all": scores.overall}))
    rows = []
    for belongs, groups in tables:
        for mean in groups.values():
            if mean.value is None:
                continue
            row: dict[object, int] = {}
            for stakeholder in mean.members or set(answers):
                own = [q for q in answers[stakeholder] if belongs(q)]
                for question in own:
                    row[(stakeholder, question)] = pow(len(own), PRIME - 2, PRIME)
            rows.append(row)
    return rows


def _recoverable(p: object, wave: object) -> list[frozenset[str]]:
    """Every set of one or two respondents some combination of the published figures
    isolates: the rank drops when their answers are taken out of the equations."""
    import itertools

    rows = _published(p, wave)
    respondents = sorted({r.stakeholder for r in wave.responses})  # type: ignore[attr-defined]
    columns = [(r, q) for r in respondents for q in ASKED]
    whole = _rank(rows, columns)
    leaks = []
    for size in (1, 2):
        for group in itertools.combinations(respondents, size):
            rest = [column for column in columns if column[0] not in group]
            if _rank(rows, rest) < whole:
                leaks.append(frozenset(group))
    return leaks


def _crafted(folder: Path) -> Path:
    for sector, ids in (("k12", ["k12-a", "k12-b"]), ("postsecondary", ["college-a"]),
                        ("business", ["business-a"])):
        for stakeholder in ids:
            assert run("add", "stakeholder", folder, "--id", stakeholder, "--organization",
                       stakeholder.title(), "--sector", sector, "--status", "active"
                       ).returncode == 0
    lines = ["waves:"]
    for day, (name, sectors) in enumerate(CRAFTED.items(), start=1):
        lines += [f"  - id: {name}", f"    opened: 2026-0{day}-01", "    responses:"]
        for number, stakeholder in enumerate(s for ids in sectors for s in ids):
            ratings = ", ".join(f"{q}: {1 + (number * 3 + index) % 5}"
                                for index, q in enumerate(ASKED))
            lines.append(f"      - {{stakeholder: {stakeholder}, answers: {{{ratings}}}}}")
    (folder / "survey.yaml").write_text("\n".join(lines) + "\n")
    return folder


def test_no_figure_published_together_gives_away_fewer_than_three(
        rutherford: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every linear combination of a wave's published means (every element and category,
    overall and by sector, and the overall mean) is tried at once, by rank: none isolates
    the answers of one or two organisations. Without complementary suppression, the same
    waves give groups away (the test can fail)."""
    from ctepartner.survey import scoring

    partnership = load(_crafted(rutherford))
    found = waves(partnership)
    assert [wave.id for wave in found] == list(CRAFTED)
    for wave in found:
        assert _recoverable(partnership, wave) == [], wave.id
    monkeypatch.setattr(scoring, "protected", lambda groups: groups)
    bare = load(rutherford)
    exposed = {wave.id: _recoverable(bare, wave) for wave in waves(bare)}
    assert frozenset({"regional-college"}) in exposed["like-delaware"]
    assert frozenset({"county-schools", "regional-college"}) in exposed["like-rutherford"]


def test_a_change_between_waves_is_not_one_newcomers_answers(rutherford: Path) -> None:
    """Three employers in the spring, the same three and one more in the fall: the fall's
    business mean is shown, but not as a change, which would be the newcomer's answers."""
    from ctepartner.survey.scoring import change

    folder = _crafted(rutherford)
    partnership = load(folder)
    by_id = {wave.id: score(partnership, wave) for wave in waves(partnership)}
    spring = by_id["two-two-three"].elements[1]["business"]
    fall = by_id["three-two-four"].elements[1]["business"]
    assert spring.shown and fall.shown and len(fall.members ^ spring.members) == 1
    assert change(fall, spring) is None
    assert change(fall, fall) == 0.0  # the same respondents: a change is safe to show


def test_the_form_says_who_reads_it_and_takes_dont_know(rutherford: Path,
                                                        tmp_path: Path) -> None:
    """The form says who sees the answers and how they are published, where to return it,
    numbers its scale and offers "don't know"; such an answer comes back as no answer."""
    form = run("survey", "form", rutherford, "--out", "-").stdout.replace("\\_", "_")
    assert "only Rutherford County Chamber of Commerce's staff read one organization's" in form
    assert "means of at least three organizations" in form
    assert "Please return it by ____________________ to Rutherford County Chamber" in form
    assert "| Statement | 1 Strongly disagree | 2 Disagree | 3 Neutral |" in form
    assert "| Don't know / not applicable |" in form and "| ☐ | ☐ | ☐ |" in form
    for double in ("heard and answered", "role and responsibilities", "in ways I can see"):
        assert double not in form
    export = _export(tmp_path / "more.csv", ["stakeholder", "e4-worth-our-time",
                                             "e5-kept-informed"],
                     [["county-schools", "Don't know / not applicable", "4 Agree"]])
    proc = run("survey", "import", export, rutherford, "--wave", "2027-spring", "--opened",
               "2027-04-01")
    assert proc.returncode == 0, proc.stderr
    (wave,) = [w for w in waves(load(rutherford)) if w.id == "2027-spring"]
    assert wave.responses[0].answers == {"e5-kept-informed": 4}


FORMS = Path(__file__).parent / "forms"  # exports as the tools write them, answers invented
Q1 = "e1-convener-trusted"
Q2 = "e1-convener-follows-through"
Q3 = "e2-decisions-clear"
Q4 = "e2-goals-progress"


def _microsoft_forms(folder: Path) -> Path:
    """Microsoft Forms' Excel export: ID, times, email and name, then one column per
    question, a Likert question one column per statement."""
    texts = {q.id: q.text for q in BANK}
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "Your organization",
                  *(texts[q] for q in (Q1, Q2, Q3, Q4)), "Anything else?"])
    for number, (who, answers, note) in enumerate((
            ("Rutherford County school district", ("Agree", "Strongly agree", "Agree", ""),
             "More notice before councils, please."),
            ("Regional community college", ("Strongly agree", "Agree", "Neutral", "Agree"),
             ""),
            ("Northfield Precision Manufacturing", ("Agree", "Agree", "Disagree", "Agree"),
             "The roundtable was worth the morning.")), start=1):
        sheet.append([number, "10/2/26 9:10:11", "10/2/26 9:14:03", "anonymous", "", who,
                      *answers, note])
    path = folder / "microsoft-forms.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("tool", ["google-forms.csv", "surveymonkey.csv", "qualtrics.csv",
                                  "microsoft-forms.xlsx"])
def test_form_tools_exports_import_as_they_are(rutherford: Path, tmp_path: Path,
                                                tool: str) -> None:
    """Each tool's own layout (a grid as `Title [Row]`, two or three header rows, a
    statement after an en dash), with no option: the same answers come out of each."""
    export = _microsoft_forms(tmp_path) if tool.endswith(".xlsx") else FORMS / tool
    proc = run("survey", "import", export, rutherford, "--wave", "2026-tools", "--opened",
               "2026-10-01")
    assert proc.returncode == 0, proc.stderr
    text = (rutherford / "survey.yaml").read_text()
    assert "@" not in text.split("2026-tools")[1] and "203.0.113" not in text
    partnership = load(rutherford)
    wave = next(wave for wave in waves(partnership) if wave.id == "2026-tools")
    answers = {response.stakeholder: response.answers for response in wave.responses}
    assert answers == {
        "county-schools": {Q1: 4, Q2: 5, Q3: 4},
        "regional-college": {Q1: 5, Q2: 4, Q3: 3, Q4: 4},
        "northfield-precision": {Q1: 4, Q2: 4, Q3: 2, Q4: 4},
    }
    comments = {response.stakeholder: response.comment for response in wave.responses}
    assert comments["northfield-precision"] == "The roundtable was worth the morning."


def test_a_header_with_curly_quotes_matches_its_question(rutherford: Path,
                                                        tmp_path: Path) -> None:
    text = next(q.text for q in BANK if "'" in q.text)
    export = tmp_path / "curly.csv"
    export.write_text(f"organization,{text.replace(chr(39), chr(0x2019))}\n"
                      "Riverbend Logistics,Agree\n", encoding="utf-8")
    proc = run("survey", "import", export, rutherford, "--wave", "2026-curly", "--opened",
               "2026-10-01")
    assert proc.returncode == 0, proc.stderr
