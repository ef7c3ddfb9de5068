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
    # the partners answer the survey in a form tool, and its export is imported as it is
    (tmp_path / "export.csv").write_text(
        "Timestamp,Email Address,Organization,The partnership is worth the time my "
        "organization puts into it.,I am kept informed of the partnership's progress.\n"
        + "".join(f"2026-10-0{n} 09:00,someone{n}@example.org,{name},Agree,Strongly agree\n"
                  for n, name in enumerate(("valley schools", "VALLEY COLLEGE",
                                            "Valley Welding"), start=1)))
    proc = run("survey", "import", "export.csv", P, "--wave", "2026-fall", "--opened",
               "2026-10-01", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = run("check", P, "--as-of", AS_OF, "--format", "json", "--fail-on", "info",
               cwd=tmp_path)
    report = json.loads(proc.stdout)["partnerships"][0]
    assert [(f["rule"], f["message"]) for f in report["findings"]] == []
    assert report["score"] == 100
