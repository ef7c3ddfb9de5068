"""The files `init` writes: every file of the format, with comments that teach each field.

The comments quote the playbook, so a convener opening a file learns why a field matters; the
empty lists make `check` read as a to-do list of what the partnership still needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ctepartner.author.scalars import flow, scalar
from ctepartner.model.base import slug
from ctepartner.model.files import SCHEMA_VERSION, FileName
from ctepartner.schema import schema_name

SCHEMA_FOLDER = ".schema"


@dataclass(frozen=True)
class NewPartnership:
    """The answers `init` collects."""

    name: str
    scope: str = "regional"
    region: str = ""
    stage: str = "planning"
    convener: str = ""
    convener_kind: str = "other"
    lead: str = ""
    purpose: str = ""
    industries: tuple[str, ...] = field(default_factory=tuple)

    @property
    def id(self) -> str:
        """The partnership's id: its name as a slug."""
        return slug(self.name) or "partnership"


def _modeline(kind: str) -> str:
    return f"# yaml-language-server: $schema={SCHEMA_FOLDER}/{schema_name(kind)}"


def _partnership(new: NewPartnership) -> str:
    convener = [
        "convener:",
        f"  organization: {scalar(new.convener)}" if new.convener else
        "  # organization: the agency or intermediary that brings everyone to the table",
        f"  kind: {new.convener_kind}"
        "   # state_agency | workforce_board | chamber_of_commerce | economic_development |",
        "  #   postsecondary | school_district | service_cooperative | nonprofit | employer |",
        "  #   other",
        f"  lead: {flow({'name': new.lead})}   # add title and email" if new.lead else
        "  # lead: {name: ..., title: ..., email: ...}   # who spearheads the work",
        "  # relationships: >-",
        "  #   Why stakeholders trust the convener: \"You have to deploy individuals and",
        "  #   organizations who already have relationships in the community and are trusted.\"",
        "  # authority: what the convener can change (rules, plans, funds)",
    ]
    industries = flow(list(new.industries)) if new.industries else "[]"
    return "\n".join([
        _modeline(FileName.PARTNERSHIP),
        "# The partnership: who convenes it, why it exists and how it works (elements 1 and 2).",
        f"schema: {SCHEMA_VERSION}",
        f"id: {new.id}",
        f"name: {scalar(new.name)}",
        f"scope: {new.scope}   # state | regional | local",
        f"region: {scalar(new.region)}" if new.region else "# region: the area it serves",
        "# stage: planning | launching | operating | sustaining. `check` expects more as it grows.",
        f"stage: {new.stage}",
        "",
        "# Element 1 · Convening agency or intermediary. \"It is imperative that the convener has",
        "# credibility with the targeted stakeholders and has their trust.\"",
        *convener,
        "",
        "# Element 2 · Clear purpose and established protocols. \"The first step prior to",
        "# contacting any potential partner—the who—is knowing the why, how, what and when.\"",
        "purpose:",
        f"  statement: {scalar(new.purpose)}" if new.purpose else "  # statement: >-",
        "  #   The purpose statement you share with stakeholders, for example Rutherford Works:",
        "  #   \"... bringing Rutherford County businesses and education partners together to",
        "  #   collaborate on (a) closing skills gaps and (b) building the future of the",
        "  #   workforce.\"",
        "  # why: the need the partnership answers",
        "  # what: what it will do",
        "  # how: how the work is conducted",
        "  # when: its timeline",
        "",
        "# Vertical alignment: the playbook's three prongs.",
        "alignment:",
        f"  industries: {industries}",
        "  labor_market_sources: []     # the labor-market data the pathways follow",
        "  economic_priorities: []      # current and projected economic priorities",
        "  postsecondary_programs: []   # credentialed programs the pathways lead into",
        "",
        "# Protocols \"formalize how the larger work will be conducted, including stakeholder",
        "# recruitment and engagement.\" Example:",
        "#   - {id: recruitment-protocol, name: Recruitment protocol,",
        "#      description: Profiles first, then interviews.}",
        "protocols:",
        "",
        "# Goals with identified outcomes and a due date. Example:",
        "#   - {id: close-skills-gaps, title: Close skills gaps,",
        "#      outcomes: [200 internships a year],",
        "#      due: 2027-06-30}",
        "goals:",
        "",
    ])


def _recruitment() -> str:
    return "\n".join([
        _modeline(FileName.RECRUITMENT),
        "# Element 3 · Purposeful stakeholder recruitment. \"Before contacting potential",
        "# participants, identify and articulate what types of support are necessary.\"",
        "",
        "# Participant profiles: the expertise a seat needs and, once filled, the need it meets.",
        "# Cover K-12, postsecondary and business. Example:",
        "#   - id: employer-host",
        "#     title: Employer host",
        "#     sector: business   # k12 | postsecondary | business | workforce | government |",
        "#                        # community",
        "#     need: Hosts students at worksites.",
        "#     expertise: [advanced manufacturing]",
        "#     seats: 3",
        "#     commitment: {hours_per_month: 4, months: 12}",
        "#     asks: [host internships]",
        "profiles:",
        "",
        "# The recruitment plan: \"Developing a strong action plan for recruitment—and sharing it",
        "# broadly—is one key lesson learned.\"",
        "plan:",
        "  owner:",
        "  shared_with: []",
        "  # steps: - {id: map-employers, title: ..., owner: ..., due: 2026-09-30, done: false}",
        "  steps:",
        "",
        "# Candidate interviews: organization, position and skills, interest, capacity.",
        "interview_guide:",
        "  questions: []",
        "",
    ])


def _list_file(kind: str, header: list[str], key: str) -> str:
    return "\n".join([_modeline(kind), *header, f"{key}:", ""])


def scaffold(new: NewPartnership) -> dict[str, str]:
    """Every file of a new partnership, by name."""
    return {
        FileName.PARTNERSHIP: _partnership(new),
        FileName.RECRUITMENT: _recruitment(),
        FileName.STAKEHOLDERS: _list_file(FileName.STAKEHOLDERS, [
            "# The people and organisations, where each stands in the pipeline, what they bring",
            "# (element 4), their role and signed agreement (element 6). Add them with",
            "# `ctepartner add stakeholder --id ... --organization ... --sector ...`.",
            "# \"Any ask should be personalized\"; \"always do temperature checks\".",
        ], "stakeholders"),
        FileName.ROLES: _list_file(FileName.ROLES, [
            "# Element 6 · Clear roles and responsibilities, \"as well as time commitment\".",
            "# Example:",
            "#   - id: employer-partner",
            "#     title: Employer partner",
            "#     responsibilities: [Host job shadows]",
            "#     hours_per_month: 4",
            "#     term_months: 12",
            "#     convener_commitments: [Screen and prepare students]",
        ], "roles"),
        FileName.COMMUNICATIONS: "\n".join([
            _modeline(FileName.COMMUNICATIONS),
            "# Element 5 · Open lines of communication: \"there is no such thing as",
            "# over-communicating.\" Plan updates for the stakeholders and for the community;",
            "# log what was sent with `ctepartner add update`. Example plan entry:",
            "#   - {id: monthly-update, audience: active_stakeholders, channel: email,",
            "#      cadence: monthly, includes: [quantitative, qualitative]}",
            "plan:",
            "log:",
            "meetings:",
            "",
        ]),
        FileName.METRICS: _list_file(FileName.METRICS, [
            "# Element 7 · Process-wide success metrics, on two strands (outcomes, process) and",
            "# the five evaluation categories. Record values with `ctepartner add observation`.",
            "# Example:",
            "#   - id: internships-completed",
            "#     name: Student internships completed",
            "#     strand: outcomes",
            "#     category: student_impact",
            "#     unit: count",
            "#     baseline: {value: 0, date: 2025-08-01}",
            "#     target: {value: 200, date: 2027-06-30}",
        ], "metrics"),
        FileName.ACTION_PLAN: _list_file(FileName.ACTION_PLAN, [
            "# The strategic action plan: \"a clear schedule of activities, identified responsible",
            "# parties and embedded communications plan.\" Add with `ctepartner add activity`.",
        ], "activities"),
        FileName.SURVEY: "\n".join([
            _modeline(FileName.SURVEY),
            "# The partners' own voice (elements 4, 5 and 7): \"a formal stakeholder evaluation\".",
            "# Send the form (`ctepartner survey form`), then import a form tool's export:",
            "# `ctepartner survey import responses.csv --wave 2026-fall`. Answers are kept",
            "# by stakeholder id, 1 (strongly disagree) to 5 (strongly agree), never by name",
            "# or email. Questions of your own, beside the packaged ones (listed by",
            "# `ctepartner survey form --format csv`):",
            "#   - {id: worth-the-drive, element: 4, category: resource_use,",
            "#      text: The council meetings are worth the drive.}",
            "questions:",
            "waves:",
            "",
        ]),
    }
