"""A convener who never opens a YAML file: from an empty folder to 100/100, with only `init`,
`add`, `set` and `import`, and each step changing only the lines it meant to."""

import json
import subprocess
from pathlib import Path

from conftest import AS_OF, run

P = "valley"
STEPS: list[list[str]] = [
    ["set", "partnership.convener.lead.title", "Director of Workforce Development"],
    ["set", "partnership.convener.lead.email", "workforce@valley.example.org"],
    ["set", "partnership.convener.relationships", "The chamber already convenes the county's "
     "employers, districts and college, and its members employ much of the workforce."],
    ["set", "partnership.convener.authority", "Sets the chamber's workforce priorities."],
    ["add", "staff", "--name", "Pathways coordinator", "--email", "pathways@valley.example.org"],
    ["set", "partnership.purpose.why", "Employers cannot find skilled workers, and students "
     "leave the county to find careers."],
    ["set", "partnership.purpose.what", "Work-based learning and pathway review in the key "
     "industries."],
    ["set", "partnership.purpose.how", "Industry councils, signed agreements and a shared "
     "dashboard."],
    ["set", "partnership.purpose.when", "School years 2026-27 through 2028-29."],
    ["set", "partnership.alignment.labor_market_sources", "Regional occupational projections"],
    ["set", "partnership.alignment.economic_priorities", "Growth of local employers"],
    ["set", "partnership.alignment.postsecondary_programs", "Welding, fabrication certificate",
     "Practical nursing diploma"],
    ["add", "protocol", "--id", "recruitment", "--name", "Recruitment protocol",
     "--description", "Profiles first, then an interview, then a signed agreement."],
    ["add", "goal", "--id", "skills-gaps", "--title", "Close skills gaps",
     "--outcome", "100 internships a year", "--due", "2028-06-30"],
    ["add", "profile", "--id", "district", "--title", "District CTE leader", "--sector", "k12",
     "--need", "Places students in work-based learning.", "--expertise", "CTE programs",
     "--seats", "1", "--hours-per-month", "4", "--months", "12", "--ask", "place students"],
    ["add", "profile", "--id", "college", "--title", "College partner", "--sector",
     "postsecondary", "--need", "Connects pathways to credentials.", "--expertise",
     "dual enrollment", "--seats", "1", "--hours-per-month", "4", "--months", "12",
     "--ask", "align courses"],
    ["add", "profile", "--id", "employer", "--title", "Employer host", "--sector", "business",
     "--need", "Hosts students at worksites.", "--expertise", "advanced manufacturing",
     "--seats", "1", "--hours-per-month", "4", "--months", "12", "--ask", "host interns"],
    ["set", "recruitment.plan.owner", "Pathways coordinator"],
    ["add", "step", "--id", "map-employers", "--title", "Map employers", "--owner",
     "Pathways coordinator", "--due", "2027-06-30"],
    ["add", "question", "--text", "What does your organization do, and what can you offer?"],
    ["add", "question", "--text", "How much time can you give each month?"],
    ["add", "role", "--id", "partner", "--title", "Partner", "--responsibility",
     "Host or place students", "--hours-per-month", "4", "--term-months", "12",
     "--convener-commitment", "Handle the paperwork"],
]
for org, sector, profile in (("valley-schools", "k12", "district"),
                             ("valley-college", "postsecondary", "college"),
                             ("valley-welding", "business", "employer")):
    STEPS += [
        ["add", "stakeholder", "--id", org, "--organization", org.replace("-", " ").title(),
         "--sector", sector, "--profile", profile, "--role", "partner", "--status", "active",
         "--contact-name", "Lee, Sandra", "--contact-title", "RN, BSN",
         "--contact-email", f"contact@{org}.example.org"],
        ["set", f"stakeholders.{org}.interview.date", "2026-08-01"],
        ["set", f"stakeholders.{org}.interview.interest", "high"],
        ["add", "contribution", "--stakeholder", org, "--text", "Time and people"],
        ["add", "benefit", "--stakeholder", org, "--text", "Skilled graduates"],
        ["add", "ask", "--stakeholder", org, "--what", "Take part", "--hours-per-month", "4",
         "--since", "2026-09-01"],
        ["set", f"stakeholders.{org}.agreement.status", "signed"],
        ["set", f"stakeholders.{org}.agreement.signed", "2026-08-15"],
        ["set", f"stakeholders.{org}.agreement.start", "2026-09-01"],
        ["set", f"stakeholders.{org}.agreement.end", "2027-08-31"],
        ["set", f"stakeholders.{org}.agreement.review", "2027-06-01"],
        ["add", "check-in", "--stakeholder", org, "--rating", "4", "--date", "2026-11-01"],
    ]
STEPS += [
    ["add", "plan", "--id", "monthly-update", "--audience", "active_stakeholders", "--channel",
     "email", "--cadence", "monthly", "--owner", "Pathways coordinator", "--includes",
     "quantitative,qualitative"],
    ["add", "plan", "--id", "community-report", "--audience", "community", "--channel",
     "website", "--cadence", "quarterly", "--owner", "Pathways coordinator", "--includes",
     "quantitative,qualitative"],
    ["add", "update", "--plan", "monthly-update", "--date", "2026-11-05", "--summary",
     "October placements", "--includes", "quantitative,qualitative"],
    ["add", "update", "--plan", "community-report", "--date", "2026-10-10", "--summary",
     "Quarterly numbers", "--includes", "quantitative,qualitative"],
    ["add", "meeting", "--date", "2026-10-14", "--body", "Employer council", "--attendee",
     "valley-welding", "--decision", "Add a second cohort"],
    ["add", "activity", "--id", "roundtable", "--title", "Employer roundtable", "--goal",
     "skills-gaps", "--owner", "stakeholder:valley-welding", "--due", "2027-03-31",
     "--status", "in_progress"],
]
for metric, strand, category, unit in (
        ("internships", "outcomes", "student_impact", "count"),
        ("hours-used", "process", "resource_use", "count"),
        ("satisfaction", "process", "engagement_quality", "rating"),
        ("goals-met", "outcomes", "goal_effectiveness", "count"),
        ("council-health", "process", "partnership_dynamics", "count")):
    low, high, now = ("3", "4.5", "4") if unit == "rating" else ("10", "20", "13")
    STEPS += [
        ["add", "metric", "--id", metric, "--name", metric.replace("-", " ").capitalize(),
         "--strand", strand, "--category", category, "--goal", "skills-gaps", "--unit", unit,
         "--direction", "increase", "--baseline-value", low, "--baseline-date", "2026-06-30",
         "--target-value", high, "--target-date", "2028-06-30", "--source", "Council records"],
        ["add", "observation", "--metric", metric, "--value", now, "--date", "2026-10-31"],
    ]


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c",
                           "user.email=t@example.org", *args], check=True,
                          capture_output=True, text=True).stdout


def test_a_newcomer_reaches_100_without_writing_yaml(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    proc = run("init", P, "--yes", "--name", "Valley Pathways", "--scope", "Regional",
               "--region", "Valley County", "--stage", "operating", "--convener",
               "Valley Chamber of Commerce", "--convener-kind", "Chamber of Commerce",
               "--lead", "Dana Whitfield, Workforce Director", "--purpose",
               "Valley Pathways brings businesses and schools together so students graduate "
               "ready for local careers.", "--industry", "welding, fabrication",
               "--industry", "health care", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "init")
    for step in STEPS:
        proc = run(*step, *(["--path", P] if step[0] == "set" else [P]), cwd=tmp_path)
        assert proc.returncode == 0, (step, proc.stderr)
        diff = _git(tmp_path, "diff", "--numstat")
        added, removed = (sum(int(line.split()[n]) for line in diff.splitlines())
                          for n in (0, 1))
        assert added >= 1 and removed <= 3, (step, _git(tmp_path, "diff"))
        _git(tmp_path, "commit", "-qam", " ".join(step[:2]))
    _answered_and_complete(tmp_path, "Valley Welding")


def _answered_and_complete(folder: Path, employer: str) -> None:
    """The partners answer the survey in a form tool, its export is imported as it is, and
    `check` finds nothing left: 100/100."""
    (folder / "export.csv").write_text(
        "Timestamp,Email Address,Organization,The partnership is worth the time my "
        "organization puts into it.,I am kept informed of the partnership's progress.\n"
        + "".join(f"2026-10-0{n} 09:00,someone{n}@example.org,{name},Agree,Strongly agree\n"
                  for n, name in enumerate(("valley schools", "VALLEY COLLEGE", employer),
                                           start=1)))
    proc = run("survey", "import", "export.csv", P, "--wave", "2026-fall", "--opened",
               "2026-10-01", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    proc = run("check", P, "--as-of", AS_OF, "--format", "json", "--fail-on", "info",
               cwd=folder)
    report = json.loads(proc.stdout)["partnerships"][0]
    assert [(f["rule"], f["message"]) for f in report["findings"]] == []
    assert report["score"] == 100


# What a newcomer types into the workbook's sheets, in one sitting: every list of the
# partnership, and new rows that name other new rows (activities and metrics a new goal,
# stakeholders a new profile and role, observations a new metric, actions a new meeting).
SETTINGS = {
    "partnership.convener.lead.title": "Director of Workforce Development",
    "partnership.convener.lead.email": "workforce@valley.example.org",
    "partnership.convener.relationships": "The board already convenes the county's employers, "
    "districts and college.",
    "partnership.convener.authority": "Sets the board's workforce priorities.",
    "partnership.purpose.why": "Hospitals cannot find nurses, and students leave the county.",
    "partnership.purpose.what": "Clinical placements and pathway review in health care.",
    "partnership.purpose.how": "Councils, signed agreements and a shared dashboard.",
    "partnership.purpose.when": "School years 2026-27 through 2028-29.",
    "partnership.alignment.labor_market_sources": "Regional occupational projections",
    "partnership.alignment.economic_priorities": "Growth of local hospitals",
    "partnership.alignment.postsecondary_programs": "Practical nursing diploma; CNA certificate",
    "recruitment.plan.owner": "Pathways coordinator",
    "recruitment.interview_guide.questions": "What can your organization offer?; How much "
    "time can you give each month?",
}
ORGS = (("valley-schools", "K-12", "district"), ("valley-college", "Postsecondary", "college"),
        ("valley-health", "Business", "employer"))
SHEETS: dict[str, list[dict[str, object]]] = {
    "goals": [{"id": "nurses", "title": "Grow the nursing pipeline",
               "outcomes": "60 clinical placements a year", "due": "2028-06-30"}],
    "protocols": [{"id": "recruitment", "name": "Recruitment protocol",
                   "description": "Profiles first, then an interview, then an agreement."}],
    "staff": [{"name": "Pathways coordinator", "email": "pathways@valley.example.org"}],
    "profiles": [{"id": profile, "title": f"{profile.title()} partner", "sector": sector,
                  "need": "Places or hosts students.", "expertise": "health care",
                  "seats": 1, "commitment.hours_per_month": 4, "commitment.months": 12,
                  "asks": "host or place students"} for _, sector, profile in ORGS],
    "recruitment steps": [{"id": "map-hospitals", "title": "Map hospitals",
                           "owner": "Pathways coordinator", "due": "2027-06-30"}],
    "roles": [{"id": "partner", "title": "Partner", "responsibilities": "Host or place students",
               "hours_per_month": 4, "term_months": 12,
               "convener_commitments": "Handle the paperwork"}],
    "stakeholders": [{"id": org, "organization": org.replace("-", " ").title(),
                      "sector": sector, "profile": profile, "role": "partner",
                      "status": "Active", "contact.name": "Partnerships lead",
                      "contact.email": f"contact@{org}.example.org",
                      "interview.date": "2026-08-01", "interview.interest": "High",
                      "contributes": "Time and people", "benefits": "Skilled graduates",
                      "agreement.status": "Signed", "agreement.signed": "2026-08-15",
                      "agreement.start": "2026-09-01", "agreement.end": "2027-08-31",
                      "agreement.review": "2027-06-01"} for org, sector, profile in ORGS],
    "asks": [{"stakeholder": org, "what": "Take part", "hours_per_month": 4,
              "since": "2026-09-01"} for org, _, _ in ORGS],
    "temperature checks": [{"stakeholder": org, "date": "2026-11-01", "rating": 4}
                           for org, _, _ in ORGS],
    "communications plan": [
        {"id": "monthly-update", "audience": "active_stakeholders", "channel": "email",
         "cadence": "Monthly", "owner": "Pathways coordinator",
         "includes": "quantitative; qualitative"},
        {"id": "community-report", "audience": "community", "channel": "website",
         "cadence": "Quarterly", "owner": "Pathways coordinator",
         "includes": "quantitative; qualitative"}],
    "log": [{"date": "2026-11-05", "plan": "monthly-update", "summary": "October placements",
             "includes": "quantitative; qualitative"},
            {"date": "2026-10-10", "plan": "community-report", "summary": "Quarterly numbers",
             "includes": "quantitative; qualitative"}],
    "meetings": [{"date": "2026-10-14", "body": "Health council",
                  "attendees": "valley-health", "decisions": "Add a spring cohort"}],
    "meeting actions": [{"meeting": "2026-10-14", "title": "Draft the cohort schedule",
                         "owner": "Pathways coordinator", "due": "2026-12-15"}],
    "activities": [{"id": "clinical-drive", "title": "Clinical placement drive",
                    "goal": "nurses", "owner": "stakeholder:valley-health",
                    "due": "2027-03-31", "status": "In progress"}],
    "metrics": [], "observations": [],
}
for metric, strand, category, unit in (
        ("placements", "outcomes", "student_impact", "count"),
        ("hours-used", "process", "resource_use", "count"),
        ("satisfaction", "process", "engagement_quality", "rating"),
        ("goals-met", "outcomes", "goal_effectiveness", "count"),
        ("council-health", "process", "partnership_dynamics", "count")):
    low, high, now = (3, 4.5, 4) if unit == "rating" else (10, 20, 13)
    SHEETS["metrics"].append({
        "id": metric, "name": metric.replace("-", " ").capitalize(), "strand": strand,
        "category": category, "goal": "nurses", "unit": unit, "direction": "increase",
        "baseline.value": low, "baseline.date": "2026-06-30", "target.value": high,
        "target.date": "2028-06-30", "source": "Council records"})
    SHEETS["observations"].append({"metric": metric, "date": "2026-10-31", "value": now})


def _fill(book: Path) -> None:
    """Type SETTINGS and SHEETS into the exported workbook, as a person would: dates as
    dates, numbers as numbers, words as words."""
    from openpyxl import load_workbook

    workbook = load_workbook(book)
    settings = workbook["settings"]
    rows = {row[0].value: row[1] for row in settings.iter_rows(min_row=2) if row[0].value}
    for key, value in SETTINGS.items():
        rows[key].value = value
    for title, entries in SHEETS.items():
        page = workbook[title]
        heads = [cell.value for cell in page[1]]
        for entry in entries:
            assert set(entry) <= set(heads), (title, set(entry) - set(heads))
            page.append([_typed(entry.get(head)) for head in heads])
    workbook.save(book)


def _typed(value: object) -> object:
    import datetime as dt
    import re

    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.datetime.fromisoformat(value)  # a date cell, as a spreadsheet keeps it
    return value


def test_a_newcomer_sets_up_a_whole_partnership_from_one_workbook(tmp_path: Path) -> None:
    """init, export the workbook, fill every sheet at once (new rows naming new rows), save
    it through LibreOffice Calc, import it once: 100/100."""
    import pytest

    from office import SOFFICE, convert

    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    _git(tmp_path, "init", "-q")
    proc = run("init", P, "--yes", "--name", "Valley Health Careers", "--scope", "Regional",
               "--region", "Valley County", "--stage", "Operating", "--convener",
               "Valley Workforce Board", "--convener-kind", "Workforce Board", "--lead",
               "Dana Whitfield, Workforce Director", "--purpose", "Valley Health Careers "
               "brings hospitals and schools together so students graduate ready for health "
               "careers.", "--industry", "health care", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    book = tmp_path / "valley.xlsx"
    assert run("export", "workbook", P, "--output", book, cwd=tmp_path).returncode == 0
    _fill(book)
    saved = tmp_path / "calc"
    saved.mkdir()
    (resaved,) = convert([book], "xlsx", saved)  # LibreOffice Calc's own xlsx
    dry = run("import", "workbook", resaved, P, "--dry-run", cwd=tmp_path)
    real = run("import", "workbook", resaved, P, cwd=tmp_path)
    assert dry.returncode == real.returncode == 0, dry.stderr + real.stderr
    assert dry.stdout.splitlines()[-1] == real.stdout.splitlines()[-1]
    _answered_and_complete(tmp_path, "Valley Health")
    again = run("import", "workbook", resaved, P, cwd=tmp_path)  # nothing left to change
    assert again.returncode == 0 and again.stdout.splitlines()[-1].startswith("0 added, 0 ch")
