"""One model per partnership file, exactly the fields of FORMAT.md.

Everything but the fields FORMAT.md names as required is optional: an absent field is what the
element rules report, not a validation error.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from ctepartner.model.base import (
    Cadence,
    Hours,
    IsoDate,
    Node,
    Scope,
    Sector,
    Slug,
    Stage,
    Whole,
)

SCHEMA_VERSION = "ctepartner/v1"


class ConvenerKind(StrEnum):
    STATE_AGENCY = "state_agency"
    WORKFORCE_BOARD = "workforce_board"
    CHAMBER_OF_COMMERCE = "chamber_of_commerce"
    ECONOMIC_DEVELOPMENT = "economic_development"
    POSTSECONDARY = "postsecondary"
    SCHOOL_DISTRICT = "school_district"
    SERVICE_COOPERATIVE = "service_cooperative"
    NONPROFIT = "nonprofit"
    EMPLOYER = "employer"
    OTHER = "other"


class Status(StrEnum):
    IDENTIFIED = "identified"
    CONTACTED = "contacted"
    INTERVIEWED = "interviewed"
    COMMITTED = "committed"
    ACTIVE = "active"
    PAUSED = "paused"
    EXITED = "exited"


PAST_IDENTIFIED = (
    Status.CONTACTED, Status.INTERVIEWED, Status.COMMITTED, Status.ACTIVE, Status.PAUSED,
)


class Interest(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class AgreementStatus(StrEnum):
    NONE = "none"
    DRAFT = "draft"
    SENT = "sent"
    SIGNED = "signed"
    ENDED = "ended"


class PerkinsGroup(StrEnum):
    SECONDARY_CTE = "secondary_cte"
    POSTSECONDARY_CTE = "postsecondary_cte"
    WORKFORCE_BOARD = "workforce_board"
    BUSINESS = "business"
    PARENTS_STUDENTS = "parents_students"
    SPECIAL_POPULATIONS = "special_populations"
    YOUTH_SERVING_AGENCIES = "youth_serving_agencies"
    TRIBAL = "tribal"
    OTHER = "other"


class Include(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


class Strand(StrEnum):
    OUTCOMES = "outcomes"
    PROCESS = "process"


class Category(StrEnum):
    GOAL_EFFECTIVENESS = "goal_effectiveness"
    RESOURCE_USE = "resource_use"
    ENGAGEMENT_QUALITY = "engagement_quality"
    STUDENT_IMPACT = "student_impact"
    PARTNERSHIP_DYNAMICS = "partnership_dynamics"


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    DOLLARS = "dollars"
    RATING = "rating"
    HOURS = "hours"
    OTHER = "other"


class AskKind(StrEnum):
    """The work-based learning continuum, and the other ways partners give."""

    GUEST_SPEAKER = "guest_speaker"
    CAREER_FAIR = "career_fair"
    WORKSITE_TOUR = "worksite_tour"
    JOB_SHADOW = "job_shadow"
    INFORMATIONAL_INTERVIEW = "informational_interview"
    MENTORING = "mentoring"
    INTERNSHIP = "internship"
    PRE_APPRENTICESHIP = "pre_apprenticeship"
    APPRENTICESHIP = "apprenticeship"
    CLINICAL = "clinical"
    CO_OP = "co_op"
    TEACHER_EXTERNSHIP = "teacher_externship"
    INDUSTRY_INSTRUCTOR = "industry_instructor"
    CURRICULUM_REVIEW = "curriculum_review"
    ADVISORY_BOARD = "advisory_board"
    EQUIPMENT = "equipment"
    FUNDING = "funding"
    CREDENTIAL_ALIGNMENT = "credential_alignment"
    OTHER = "other"


class HazardOrder(StrEnum):
    """The US Department of Labor's Hazardous Occupations Orders for minors in
    non-agricultural work (29 CFR 570 Subpart E)."""

    HO1 = "HO1"
    HO2 = "HO2"
    HO3 = "HO3"
    HO4 = "HO4"
    HO5 = "HO5"
    HO6 = "HO6"
    HO7 = "HO7"
    HO8 = "HO8"
    HO9 = "HO9"
    HO10 = "HO10"
    HO11 = "HO11"
    HO12 = "HO12"
    HO13 = "HO13"
    HO14 = "HO14"
    HO15 = "HO15"
    HO16 = "HO16"
    HO17 = "HO17"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"
    DROPPED = "dropped"


# --- partnership.yaml -------------------------------------------------------------------


class Person(Node):
    name: str | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None


class Convener(Node):
    organization: str | None = None
    kind: ConvenerKind | None = None
    lead: Person | None = None
    staff: list[Person] = []
    relationships: str | None = None
    authority: str | None = None


class Intermediary(Node):
    organization: str | None = None
    role: str | None = None
    sector: Sector | None = None


class Purpose(Node):
    statement: str | None = None
    why: str | None = None
    what: str | None = None
    how: str | None = None
    when: str | None = None


class Alignment(Node):
    industries: list[str] = []
    labor_market_sources: list[str] = []
    economic_priorities: list[str] = []
    postsecondary_programs: list[str] = []


class Protocol(Node):
    id: Slug
    name: str | None = None
    description: str | None = None


class Goal(Node):
    id: Slug
    title: str | None = None
    outcomes: list[str] = []
    due: IsoDate | None = None


RuleId = Annotated[str, StringConstraints(pattern=r"^CP\d{3}$")]


class Ignore(Node):
    rule: RuleId
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class AgreementTerms(Node):
    notice_days: Whole = 30
    governing_law: str | None = None
    binding: bool = False
    clauses: dict[str, str] = {}
    convener_signatory: Person | None = None
    indemnification: bool = False  # false: each party answers for its own acts
    insurance_minimum: Annotated[int, Field(ge=0)] | None = None  # dollars per occurrence


class PartnershipFile(Node):
    schema_: str | None = Field(default=None, alias="schema")
    id: Slug
    name: str
    scope: Scope | None = None
    region: str | None = None
    stage: Stage = Stage.OPERATING
    perkins_consultation: bool = False
    convener: Convener | None = None
    intermediaries: list[Intermediary] = []
    purpose: Purpose | None = None
    alignment: Alignment | None = None
    protocols: list[Protocol] = []
    goals: list[Goal] = []
    ignore: list[Ignore] = []
    agreement_terms: AgreementTerms | None = None
    # The partnership's own words in other languages, by language and English text:
    # {es: {"Host internships": "Recibir pasantes"}}. Documents in that language use them.
    translations: dict[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")], dict[str, str]] = {}


# --- recruitment.yaml -------------------------------------------------------------------


class Commitment(Node):
    hours_per_month: Hours | None = None
    months: Whole | None = None


class ProfileAsk(Node):
    what: str
    kind: AskKind | None = None


class Profile(Node):
    id: Slug
    title: str | None = None
    sector: Sector | None = None
    need: str | None = None
    expertise: list[str] = []
    skills: list[str] = []
    seats: Whole | None = None
    commitment: Commitment | None = None
    asks: list[str | ProfileAsk] = []


class Step(Node):
    id: Slug
    title: str | None = None
    owner: str | None = None
    due: IsoDate | None = None
    done: bool = False


class RecruitmentPlan(Node):
    owner: str | None = None
    shared_with: list[str] = []
    steps: list[Step] = []


class InterviewGuide(Node):
    questions: list[str] = []


class RecruitmentFile(Node):
    profiles: list[Profile] = []
    plan: RecruitmentPlan | None = None
    interview_guide: InterviewGuide | None = None


# --- stakeholders.yaml ------------------------------------------------------------------


class Interview(Node):
    date: IsoDate | None = None
    interest: Interest | None = None
    capacity: str | None = None
    notes: str | None = None


class Agreement(Node):
    status: AgreementStatus = AgreementStatus.NONE
    signed: IsoDate | None = None
    start: IsoDate | None = None
    end: IsoDate | None = None
    review: IsoDate | None = None
    signatory: Person | None = None  # who signs for them (default: the contact)


class Ask(Node):
    what: str | None = None
    kind: AskKind | None = None
    hours_per_month: Hours  # the partner's staff time, not the student's
    since: IsoDate | None = None
    min_age: Annotated[int, Field(ge=14, le=99)] | None = None  # the youngest student taken
    hazards: list[HazardOrder] = []  # Hazardous Occupations Orders the tasks touch
    competencies: list[str] = []  # what the student learns: a training agreement's plan


class TemperatureCheck(Node):
    date: IsoDate
    rating: Annotated[int, Field(ge=1, le=5)]
    note: str | None = None


class Quote(Node):
    text: str
    by: str | None = None
    date: IsoDate | None = None
    public: bool = False  # may appear in community documents


class Stakeholder(Node):
    id: Slug
    organization: str
    org_id: Slug | None = None  # one id for this organisation across a repository
    public: bool = True  # false keeps the organisation's name out of community documents
    sector: Sector
    contact: Person | None = None
    profile: Slug | None = None
    status: Status
    status_since: IsoDate | None = None
    interview: Interview | None = None
    contributes: list[str] = []
    benefits: list[str] = []
    role: Slug | None = None
    perkins_groups: list[PerkinsGroup] = []
    agreement: Agreement | None = None
    asks: list[Ask] = []
    quotes: list[Quote] = []
    temperature_checks: list[TemperatureCheck] = []


class StakeholdersFile(Node):
    stakeholders: list[Stakeholder] = []


# --- roles.yaml -------------------------------------------------------------------------


class Role(Node):
    id: Slug
    title: str | None = None
    responsibilities: list[str] = []
    hours_per_month: Hours | None = None
    term_months: Whole | None = None
    convener_commitments: list[str] = []


class RolesFile(Node):
    roles: list[Role] = []


# --- communications.yaml ----------------------------------------------------------------

_AUDIENCES = ("active_stakeholders", "all_stakeholders", "community")
_SLUG = r"[a-z0-9][a-z0-9-]*"


def _audience(value: str) -> str:
    kind, _, rest = value.partition(":")
    if value in _AUDIENCES:
        return value
    if kind == "sector" and rest in set(Sector):
        return value
    if kind == "stakeholder" and rest and re.fullmatch(_SLUG, rest):
        return value
    raise ValueError(
        "use active_stakeholders, all_stakeholders, community, sector:<sector> "
        "or stakeholder:<id>"
    )


Audience = Annotated[str, AfterValidator(_audience)]


class PlanEntry(Node):
    id: Slug
    audience: Audience | None = None
    channel: str | None = None
    cadence: Cadence | None = None
    owner: str | None = None
    includes: list[Include] = []


class LogEntry(Node):
    date: IsoDate
    plan: Slug | None = None
    summary: str | None = None
    includes: list[Include] = []


class MeetingAction(Node):
    title: str | None = None
    owner: str | None = None
    due: IsoDate | None = None
    done: bool = False


class Meeting(Node):
    date: IsoDate
    body: str | None = None
    attendees: list[str] = []
    decisions: list[str] = []
    actions: list[MeetingAction] = []


class CommunicationsFile(Node):
    plan: list[PlanEntry] = []
    log: list[LogEntry] = []
    meetings: list[Meeting] = []


# --- metrics.yaml -----------------------------------------------------------------------


class Point(Node):
    value: float
    date: IsoDate | None = None


class Observation(Node):
    date: IsoDate
    value: float
    note: str | None = None


class Metric(Node):
    id: Slug
    name: str | None = None
    strand: Strand | None = None
    category: Category | None = None
    goal: Slug | None = None
    unit: Unit | None = None
    code: str | None = None
    direction: Direction = Direction.INCREASE
    baseline: Point | None = None
    target: Point | None = None
    source: str | None = None
    observations: list[Observation] = []


class MetricsFile(Node):
    metrics: list[Metric] = []


# --- action-plan.yaml -------------------------------------------------------------------


class Activity(Node):
    id: Slug
    title: str | None = None
    goal: Slug | None = None
    owner: str | None = None
    start: IsoDate | None = None
    due: IsoDate | None = None
    status: ActivityStatus = ActivityStatus.PLANNED
    communicate: Slug | None = None


class ActionPlanFile(Node):
    activities: list[Activity] = []


# --- survey.yaml ------------------------------------------------------------------------

Rating = Annotated[int, Field(ge=1, le=5)]  # 1 strongly disagree ... 5 strongly agree
ElementNumber = Annotated[int, Field(ge=1, le=7)]


class Question(Node):
    id: Slug
    element: ElementNumber
    category: Category
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Response(Node):
    stakeholder: Slug
    answers: dict[Slug, Rating]
    comment: str | None = None


class Wave(Node):
    id: Slug
    opened: IsoDate
    closed: IsoDate | None = None
    invited: list[Slug] | None = None  # None: every committed or active stakeholder
    responses: list[Response] = []


class SurveyFile(Node):
    questions: list[Question] = []
    waves: list[Wave] = []


class FileName(StrEnum):
    """The files of a partnership: the one table of their names."""

    PARTNERSHIP = "partnership.yaml"
    RECRUITMENT = "recruitment.yaml"
    STAKEHOLDERS = "stakeholders.yaml"
    ROLES = "roles.yaml"
    COMMUNICATIONS = "communications.yaml"
    METRICS = "metrics.yaml"
    ACTION_PLAN = "action-plan.yaml"
    SURVEY = "survey.yaml"


FILE_MODELS: dict[str, type[Node]] = {
    FileName.PARTNERSHIP: PartnershipFile,
    FileName.RECRUITMENT: RecruitmentFile,
    FileName.STAKEHOLDERS: StakeholdersFile,
    FileName.ROLES: RolesFile,
    FileName.COMMUNICATIONS: CommunicationsFile,
    FileName.METRICS: MetricsFile,
    FileName.ACTION_PLAN: ActionPlanFile,
    FileName.SURVEY: SurveyFile,
}
