"""Generate a deterministic corpus of realistic partnerships for benchmarks and tests.

Each partnership has about 150 stakeholders with asks and temperature checks, 30 metrics
with 8 observations each, comments and non-ASCII text: the size of a state-wide
partnership's files after a few years. Organisations are invented; addresses use
example.org.

    python benchmarks/corpus.py OUT_DIR --count 1000 [--faults]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SECTORS = ["k12", "postsecondary", "business", "workforce", "government", "community"]
STATUSES = ["identified", "contacted", "interviewed", "committed", "active", "active", "active",
            "paused", "exited"]
CATEGORIES = ["goal_effectiveness", "resource_use", "engagement_quality", "student_impact",
              "partnership_dynamics"]
WORDS = ["Précision", "Northfield", "Riverbend", "Cumberland", "Midstate", "Søndergaard",
         "Blue Ridge", "Highland", "Café Union", "Lakeshore", "Keystone", "Prairie"]
KINDS = ["Manufacturing", "Health", "Logistics", "Builders", "IT Services", "Schools",
         "College", "Workforce Board", "Foundation"]

# Organisations seeded into many partnerships, written differently (the portfolio finds
# each as one): by name but for case, punctuation and Inc/LLC/Co, or by `org_id`.
SHARED = [("Acme Precision, Inc.", None), ("ACME Precision", None),
          ("Acme precision LLC", "acme-precision"), ("Acme Machining", "acme-precision"),
          ("Blue Ridge Health Co.", None), ("Blue Ridge Health", None)]

# Faults injected with --faults, one kind per partnership that gets one.
FAULTS = [
    ("action-plan.yaml", "    status: planned\n", "    status: [planned\n"),       # CP001
    ("stakeholders.yaml", "    status: active\n", "    status: dormant\n"),       # CP002
    ("roles.yaml", "    term_months: 12\n", "    term_month: 12\n"),              # CP003
    ("roles.yaml", "    term_months: 12\n", "    term_months: 12\n    term_months: 6\n"),
    ("stakeholders.yaml", "    role: role-1\n", "    role: role-99\n"),           # CP005
    ("metrics.yaml", "date: 2026-", "date: 2026-13-"),                            # CP002 date
]


def _date(rng: random.Random, year: int = 2026) -> str:
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def partnership_files(index: int, rng: random.Random, stakeholders: int = 150
                      ) -> dict[str, str]:
    """The seven files of one generated partnership, as text."""
    pid = f"partnership-{index:04d}"
    goals = [f"goal-{n}" for n in range(1, 6)]
    files = {
        "partnership.yaml": "\n".join([
            f"# Generated partnership {index}: invented for benchmarks.",
            "schema: ctepartner/v1",
            f"id: {pid}",
            f"name: Région {rng.choice(WORDS)} Pathways {index}",
            "scope: regional",
            "region: An invented region",
            "stage: operating",
            "convener:",
            f"  organization: {rng.choice(WORDS)} Chamber of Commerce",
            "  kind: chamber_of_commerce",
            "  lead: {name: Executive director, title: Director, email: lead@example.org}",
            "  relationships: Members already employ most of the region's workforce.",
            "purpose:",
            "  statement: >-",
            "    Bring employers, schools and colleges together to close skills gaps — "
            "and build the future workforce.",
            "  why: Fast growth.", "  what: Work-based learning.", "  how: Councils.",
            "  when: 2025-2028.",
            "alignment:",
            "  industries: [advanced manufacturing, health care]",
            "  labor_market_sources: [Regional projections]",
            "  postsecondary_programs: [Mechatronics certificate]",
            "protocols:",
            "  - {id: recruitment, name: Recruitment protocol, description: Profiles first.}",
            "goals:",
            *[f"  - {{id: {g}, title: Goal {g}, outcomes: [An outcome], due: 2027-06-30}}"
              for g in goals],
            "",
        ]),
        "recruitment.yaml": "\n".join([
            "profiles:",
            *[line for n, sector in enumerate(["k12", "postsecondary", "business"], 1) for line in (
                f"  - id: profile-{n}", f"    title: Profile {n}", f"    sector: {sector}",
                "    need: Fills a gap.", "    expertise: [pathways]", "    seats: 40",
                "    commitment: {hours_per_month: 4, months: 12}")],
            "plan:",
            "  owner: Coordinator",
            "  steps:",
            "    - {id: map, title: Map employers, owner: Coordinator, due: 2026-09-30}",
            "interview_guide:",
            "  questions: [What do you do?, How much time can you give?]",
            "",
        ]),
        "roles.yaml": "\n".join([
            "roles:",
            *[line for n in range(1, 6) for line in (
                f"  - id: role-{n}", f"    title: Role {n}",
                "    responsibilities: [Host students]",
                f"    hours_per_month: {rng.randint(4, 12)}", "    term_months: 12",
                "    convener_commitments: [Monthly update]")],
            "",
        ]),
    }
    roster = ["stakeholders:"]
    name, org_id = SHARED[index % len(SHARED)]  # one organisation many partnerships share
    roster += [
        "  - id: shared-partner",
        f"    organization: {name}",
        *([f"    org_id: {org_id}"] if org_id else []),
        "    sector: business",
        "    profile: profile-1",
        "    status: active",
        "    interview: {date: 2025-06-01, interest: high, capacity: Two hours a month}",
        "    contributes: [Advisory board seat]",
        "    benefits: [Talent pipeline]",
        "    role: role-1",
        "    agreement: {status: signed, signed: 2025-08-01, start: 2025-08-15, "
        "end: 2027-08-14, review: 2027-02-01}",
        "    asks: [{what: Advisory board, hours_per_month: 2, since: 2025-09-01}]",
        "    temperature_checks: [{date: 2026-10-01, rating: 4}]",
    ]
    for n in range(1, stakeholders + 1):
        status = rng.choice(STATUSES)
        roster += [
            f"  # stakeholder {n}",
            f"  - id: stakeholder-{n}",
            f"    organization: {rng.choice(WORDS)} {rng.choice(KINDS)} {index}-{n}",
            f"    sector: {rng.choice(SECTORS)}",
            f"    contact: {{name: Contact {n}, title: Manager, email: s{n}@example.org}}",
            f"    profile: profile-{rng.randint(1, 3)}",
            f"    status: {status}",
            f"    status_since: {_date(rng, 2025)}",
            f"    interview: {{date: {_date(rng, 2025)}, interest: high, capacity: Some time}}",
            "    contributes: [Placements, Curriculum review]",
            "    benefits: [Talent pipeline]",
            f"    role: role-{rng.randint(1, 5)}",
            f"    agreement: {{status: signed, signed: 2025-08-01, start: 2025-08-15, "
            f"end: 2027-{rng.randint(1, 12):02d}-28, review: 2027-02-01}}",
            "    asks:",
            *[f"      - {{what: Ask {a}, hours_per_month: {rng.randint(1, 4)}, "
              f"since: 2025-09-01}}" for a in range(rng.randint(1, 3))],
            "    temperature_checks:",
            *[f"      - {{date: {_date(rng)}, rating: {rng.randint(2, 5)}, note: Doing fine}}"
              for _ in range(rng.randint(2, 4))],
        ]
    files["stakeholders.yaml"] = "\n".join([*roster, ""])
    metrics = ["metrics:"]
    for n in range(1, 31):
        metrics += [
            f"  - id: metric-{n}",
            f"    name: Metric {n} — élèves",
            f"    strand: {'outcomes' if n % 2 else 'process'}",
            f"    category: {CATEGORIES[n % 5]}",
            f"    goal: goal-{n % 5 + 1}",
            f"    unit: {'rating' if n == 3 else 'count'}",
            "    direction: increase",
            "    baseline: {value: 10, date: 2025-06-30}",
            "    target: {value: 100, date: 2027-06-30}",
            "    source: Records",
            "    observations:",
            *[f"      - {{date: 2026-{m:02d}-15, value: {10 + 5 * m + rng.randint(0, 9)}}}"
              for m in range(1, 9)],
        ]
    files["metrics.yaml"] = "\n".join([*metrics, ""])
    files["communications.yaml"] = "\n".join([
        "plan:",
        "  - {id: monthly, audience: active_stakeholders, channel: email, cadence: monthly, "
        "includes: [quantitative, qualitative]}",
        "  - {id: public, audience: community, channel: website, cadence: quarterly}",
        "log:",
        *[f"  - {{date: 2026-{m:02d}-02, plan: monthly, summary: Update {m}, "
          "includes: [quantitative, qualitative]}" for m in range(1, 12)],
        "  - {date: 2026-10-01, plan: public, summary: Quarterly numbers}",
        "",
    ])
    files["action-plan.yaml"] = "\n".join([
        "activities:",
        *[line for n in range(1, 16) for line in (
            f"  - id: activity-{n}", f"    title: Activity {n}", f"    goal: goal-{n % 5 + 1}",
            "    owner: Coordinator", f"    due: {_date(rng, 2027)}", "    status: planned")],
        "",
    ])
    return files


QUESTIONS = ["e1-convener-trusted", "e2-goals-progress", "e3-right-partners",
             "e4-worth-our-time", "e4-getting-what-expected", "e5-kept-informed",
             "e5-concerns-heard", "e6-role-clear", "e6-time-as-agreed",
             "e7-measures-what-matters"]


def survey_file(rng: random.Random, waves: int, responses: int) -> str:
    """survey.yaml with `waves` waves of `responses` responses, ten answers each."""
    lines = ["# Generated survey: invented answers.", "waves:"]
    for wave in range(waves):
        year, half = 2024 + wave // 2, wave % 2
        lines += [f"  - id: wave-{wave + 1}", f"    opened: {year}-{4 + 6 * half:02d}-01",
                  "    responses:"]
        lines += [f"      - {{stakeholder: stakeholder-{n}, answers: {{"
                  + ", ".join(f"{q}: {rng.randint(1, 5)}" for q in QUESTIONS) + "}}"
                  for n in range(1, responses + 1)]
    return "\n".join([*lines, ""])


def generate(out: Path, count: int, *, faults: bool = False, seed: int = 2026,
             stakeholders: int = 150, survey_waves: int = 0) -> list[Path]:
    """Write `count` partnerships under `out`; every third gets a fault with `faults`;
    with `survey_waves`, a survey.yaml of that many waves, every stakeholder answering."""
    rng = random.Random(seed)
    folders = []
    for index in range(1, count + 1):
        folder = out / f"p{index:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        files = partnership_files(index, rng, stakeholders)
        if survey_waves:
            files["survey.yaml"] = survey_file(rng, survey_waves, stakeholders)
        if faults and index % 3 == 0:
            name, old, new = FAULTS[(index // 3) % len(FAULTS)]
            files[name] = files[name].replace(old, new, 1)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        folders.append(folder)
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--faults", action="store_true", help="inject a fault in every third")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    generate(args.out, args.count, faults=args.faults, seed=args.seed)


if __name__ == "__main__":
    main()
