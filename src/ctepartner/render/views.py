"""View models: everything a document shows, computed here so templates only present it.

The `community` audience leaves out every contact detail (people's names, emails, phones),
so a report can go to "the broader community" the playbook says to inform.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ctepartner.assess.engine import Assessment
from ctepartner.assess.finding import Severity
from ctepartner.assess.rules.e6_roles import asked_hours, heavy_hitters
from ctepartner.assess.rules.e7_metrics import latest, on_track_line
from ctepartner.load.partnership import Partnership
from ctepartner.model.base import Sector
from ctepartner.model.files import (
    Category,
    Metric,
    PlanEntry,
    Role,
    Stakeholder,
    Status,
    Unit,
)
from ctepartner.render.charts import Chart, metric_chart
from ctepartner.schedule import due_within

PUBLIC = "community"


@dataclass(frozen=True)
class Contact:
    name: str
    title: str
    email: str
    phone: str


@dataclass(frozen=True)
class About:
    """The partnership, as every document introduces it."""

    id: str
    name: str
    region: str
    scope: str
    stage: str
    convener: str
    statement: str
    contact: Contact | None


@dataclass(frozen=True)
class ElementRow:
    number: int
    name: str
    status: str
    score: int
    findings: list[str]


@dataclass(frozen=True)
class MetricRow:
    id: str
    name: str
    unit: str
    baseline: str
    target: str
    latest: str
    on_track: bool | None
    chart: Chart | None
    strand: str = ""  # outcomes or process, in words


@dataclass(frozen=True)
class GoalRow:
    id: str
    title: str
    due: str
    outcomes: list[str]
    metrics: list[MetricRow]


@dataclass(frozen=True)
class LoadRow:
    organization: str
    hours: float
    role_hours: float | None
    share: float
    heavy: bool


@dataclass(frozen=True)
class Change:
    kind: str
    text: str


@dataclass(frozen=True)
class ReportView:
    about: About
    as_of: str
    audience: str
    score: int
    elements: list[ElementRow]
    goals: list[GoalRow]
    unlinked_metrics: list[MetricRow]
    sectors: list[str]
    pipeline: list[tuple[str, list[int], int]]
    communications: list[tuple[str, str, bool]]
    agreements: list[tuple[str, str, bool]]
    load: list[LoadRow]
    heavy_share: float | None
    temperature: list[tuple[str, str, int]]
    activities: list[tuple[str, list[tuple[str, str, str]]]]
    unreadable: list[str] = field(default_factory=list)  # "stakeholders.yaml, line 38"
    load_more: int = 0  # active stakeholders past the first REPORT_ROWS of `load`
    temperature_more: int = 0  # stakeholders past the first REPORT_ROWS of `temperature`
    changes: list[Change] = field(default_factory=list)
    since: str = ""


# Rows a report's per-stakeholder tables show: the heaviest loads and the lowest ratings come
# first, and a partnership of thousands gets a report a superintendent can read (and print).
REPORT_ROWS = 25


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def about(p: Partnership, audience: str) -> About:
    info = p.about
    convener = info.convener if info else None
    purpose = info.purpose if info else None
    lead = convener.lead if convener else None
    contact = None
    if lead is not None and audience != PUBLIC:
        contact = Contact(lead.name or "", lead.title or "", lead.email or "", lead.phone or "")
    return About(
        id=p.id, name=p.name, region=(info.region or "") if info else "",
        scope=info.scope.value if info and info.scope else "",
        stage=info.stage.value if info else "",
        convener=(convener.organization or "") if convener else "",
        statement=(purpose.statement or "") if purpose else "",
        contact=contact,
    )


SMALL_COUNT = 10  # counts of students under this are not published to the community


def _counts_students(metric: Metric) -> bool:
    return metric.category == Category.STUDENT_IMPACT and metric.unit == Unit.COUNT


def _metric_row(metric: Metric, audience: str) -> MetricRow:
    """One metric's figures; in a community document, a count of students under 10 is
    shown as "fewer than 10", and its chart is left out, so no student can be singled out."""
    small = audience == PUBLIC and _counts_students(metric)

    def shown(value: float | None) -> str:
        if small and value is not None and value < SMALL_COUNT:
            return f"fewer than {SMALL_COUNT}"
        return _number(value)

    found = latest(metric)
    on_track = None
    if found is not None:
        line = on_track_line(metric, found[1].date)
        if line is not None:
            decreasing = metric.direction.value == "decrease"
            on_track = found[1].value <= line if decreasing else found[1].value >= line
    values = [o.value for o in metric.observations]
    values += [point.value for point in (metric.baseline, metric.target) if point]
    hide_chart = small and any(value < SMALL_COUNT for value in values)
    return MetricRow(
        id=metric.id, name=metric.name or metric.id,
        unit=metric.unit.value if metric.unit else "",
        baseline=shown(metric.baseline.value) if metric.baseline else "",
        target=shown(metric.target.value) if metric.target else "",
        latest=f"{shown(found[1].value)} ({found[1].date.isoformat()})" if found else "",
        on_track=on_track, chart=None if hide_chart else metric_chart(metric),
        strand=metric.strand.value if metric.strand else "",
    )


def _load(p: Partnership) -> tuple[list[LoadRow], float | None]:
    roles = {role.id: role for role in (p.roles.roles if p.roles else [])}
    active = [s for s in p.stakeholders if s.status == Status.ACTIVE]
    total = sum(asked_hours(s) for s in active)
    heavy = {s.id for s in heavy_hitters(active)}
    rows = [
        LoadRow(s.organization, asked_hours(s),
                roles[s.role].hours_per_month if s.role in roles else None,
                asked_hours(s) / total if total else 0.0, s.id in heavy)
        for s in sorted(active, key=lambda s: (-asked_hours(s), s.id))
    ]
    top = rows[: max(len(rows) // 5, 1)]
    share = sum(row.share for row in top) if total and len(rows) >= 5 else None
    return rows, share


_QUOTED = re.compile(r"`([^`]+)`")
_AFTER_NAME = re.compile(r" \(`([^`]+)`\)")
_SNAKE = re.compile(r"(?<![`\w])[a-z]+(?:_[a-z]+)+(?![`\w])")


def readable_names(p: Partnership) -> dict[str, str]:
    """Every id of the partnership and the name people know the item by."""
    names: dict[str, str] = {}
    about = p.about
    for goal in about.goals if about else []:
        names[goal.id] = goal.title or goal.id
    for profile in p.recruitment.profiles if p.recruitment else []:
        names[profile.id] = profile.title or profile.id
    for role in p.roles.roles if p.roles else []:
        names[role.id] = role.title or role.id
    for metric in p.metrics.metrics if p.metrics else []:
        names[metric.id] = metric.name or metric.id
    for activity in p.action_plan.activities if p.action_plan else []:
        names[activity.id] = activity.title or activity.id
    for stakeholder in p.stakeholders:
        names[stakeholder.id] = stakeholder.organization
    return names


def in_words(message: str, names: dict[str, str]) -> str:
    """A finding as a document's reader reads it: names, not ids or field names.

    `check` says "Coastal school district (`coastal-district`) rated ..." and "activity
    `career-plans`"; a report says "Coastal school district rated ..." and "activity
    "Career plans for every eighth grader"".
    """
    message = _AFTER_NAME.sub(lambda m: "" if m.group(1) in names else f" ({m.group(1)})",
                              message)
    message = _SNAKE.sub(lambda m: m.group(0).replace("_", " "), message)  # in_progress
    return _QUOTED.sub(lambda m: f"\u201c{names[m.group(1)]}\u201d" if m.group(1) in names
                       else re.sub(r"[-_]", " ", m.group(1)), message)


def report_view(p: Partnership, assessment: Assessment, as_of: dt.date,
                audience: str = "partners") -> ReportView:
    """The status report of CLI.md, as plain data."""
    names = readable_names(p)
    elements = [
        ElementRow(e.number, e.name, e.status, e.score, [
            in_words(f.message, names) for f in assessment.findings
            if f.element == e.number and not f.suppressed and f.severity != Severity.INFO
        ][:3])
        for e in assessment.elements
    ]
    metrics = p.metrics.metrics if p.metrics else []
    goals = p.about.goals if p.about else []
    goal_rows = [
        GoalRow(g.id, g.title or g.id, g.due.isoformat() if g.due else "", g.outcomes,
                [_metric_row(m, audience) for m in metrics if m.goal == g.id])
        for g in goals
    ]
    known_goals = {g.id for g in goals}
    sectors = [s.value for s in Sector]
    counts = Counter((s.status.value, s.sector.value) for s in p.stakeholders)
    pipeline = [(status.value, [counts[(status.value, sector)] for sector in sectors],
                 sum(counts[(status.value, sector)] for sector in sectors)) for status in Status]
    due = due_within(p, as_of, 60)
    load, share = _load(p)
    temperature = _temperature(p)
    if audience == PUBLIC:  # a partner's findings, ratings, load and contract stay theirs
        elements = [replace(e, findings=[]) for e in elements]
        load, share, temperature = [], None, []
        due = [d for d in due if d.kind != "agreement"]
    return ReportView(
        about=about(p, audience), as_of=as_of.isoformat(), audience=audience,
        score=assessment.score, elements=elements, goals=goal_rows,
        unlinked_metrics=[_metric_row(m, audience) for m in metrics
                          if m.goal not in known_goals],
        sectors=sectors, pipeline=[row for row in pipeline if row[2]],
        communications=[(d.date.isoformat(), d.what, d.overdue(as_of)) for d in due
                        if d.kind == "communication"],
        agreements=[(d.date.isoformat(), d.what, d.overdue(as_of)) for d in due
                    if d.kind == "agreement"],
        load=load[:REPORT_ROWS], heavy_share=share,
        temperature=temperature[:REPORT_ROWS],
        activities=_activities(p, audience),
        unreadable=[] if audience == PUBLIC else unreadable(p),
        load_more=max(len(load) - REPORT_ROWS, 0),
        temperature_more=max(len(temperature) - REPORT_ROWS, 0),
    )


STRUCTURAL = ("CP001", "CP002", "CP003", "CP004")  # what keeps an entry out of the documents


def unreadable(p: Partnership) -> list[str]:
    """Where entries could not be read (and so are left out): a document says so, rather
    than leave a stakeholder out without a word."""
    places = {(spot.path.name, spot.line) for spot, problem in p.problems
              if problem.rule in STRUCTURAL}
    return [f"{name}, line {line}" for name, line in sorted(places)]


def _temperature(p: Partnership) -> list[tuple[str, str, int]]:
    rows = []
    for s in p.stakeholders:
        if s.temperature_checks:
            check = max(s.temperature_checks, key=lambda c: c.date)
            rows.append((s.organization, check.date.isoformat(), check.rating))
    return sorted(rows, key=lambda row: (row[2], row[0]))


def _activities(p: Partnership, audience: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    plan = p.action_plan
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for a in plan.activities if plan else []:
        owner = "" if audience == PUBLIC else (a.owner or "")
        groups.setdefault(a.status.value, []).append(
            (a.title or a.id, a.due.isoformat() if a.due else "", owner))
    order = ["in_progress", "blocked", "planned", "done", "dropped"]
    return [(status, groups[status]) for status in order if status in groups]


# --- packets and agreements ------------------------------------------------------------


@dataclass(frozen=True)
class PacketView:
    """A recruitment packet, for one profile or one stakeholder."""

    about: About
    as_of: str
    title: str
    addressee: str
    need: str
    asks: list[str]
    commitment: str
    benefits: list[str]
    responsibilities: list[str]
    convener_commitments: list[str]
    draft: bool = False  # marked DRAFT: the packet asks nothing yet


def _role(p: Partnership, role_id: str | None) -> Role | None:
    roles = p.roles.roles if p.roles else []
    return next((role for role in roles if role.id == role_id), None)


def _commitment(hours: float | None, months: int | None) -> str:
    parts = []
    if hours is not None:
        parts.append(f"about {_number(hours)} hours a month")
    if months is not None:
        parts.append(f"for {months} months")
    return " ".join(parts)


def packet_view(p: Partnership, as_of: dt.date, *, profile_id: str | None = None,
                stakeholder: Stakeholder | None = None, audience: str = "partners"
                ) -> PacketView:
    """The packet for a profile, personalised when it is for one stakeholder."""
    profiles = p.recruitment.profiles if p.recruitment else []
    wanted = stakeholder.profile if stakeholder else profile_id
    profile = next((item for item in profiles if item.id == wanted), None)
    role = _role(p, stakeholder.role if stakeholder else None)
    asks = list(profile.asks) if profile else []
    if stakeholder:
        asks += [ask.what for ask in stakeholder.asks if ask.what and ask.what not in asks]
    hours = role.hours_per_month if role else None
    months = role.term_months if role else None
    if profile and profile.commitment:
        hours = profile.commitment.hours_per_month if hours is None else hours
        months = profile.commitment.months if months is None else months
    return PacketView(
        about=about(p, audience), as_of=as_of.isoformat(),
        title=(profile.title or profile.id) if profile else (role.title or "" if role else ""),
        addressee=stakeholder.organization if stakeholder else "",
        need=(profile.need or "") if profile else "",
        asks=asks, commitment=_commitment(hours, months),
        benefits=stakeholder.benefits if stakeholder else [],
        responsibilities=role.responsibilities if role else [],
        convener_commitments=role.convener_commitments if role else [],
    )


@dataclass(frozen=True)
class AgreementView:
    about: About
    as_of: str
    organization: str
    signatory: str
    role: str
    start: str
    end: str
    review: str
    responsibilities: list[str]
    commitment: str
    convener_commitments: list[str]
    communications: list[str]
    metrics: list[str]
    draft: bool = False  # marked DRAFT: no role says what the partner does


def _reaches(entry: PlanEntry, stakeholder: Stakeholder) -> bool:
    audience = entry.audience or ""
    return audience in ("all_stakeholders", "active_stakeholders", "community") or audience in (
        f"sector:{stakeholder.sector.value}", f"stakeholder:{stakeholder.id}")


def agreement_view(p: Partnership, as_of: dt.date, stakeholder: Stakeholder) -> AgreementView:
    """The partnership agreement between the convener and one stakeholder."""
    role = _role(p, stakeholder.role)
    agreement = stakeholder.agreement
    plan = p.communications.plan if p.communications else []
    metrics = p.metrics.metrics if p.metrics else []
    return AgreementView(
        about=about(p, "partners"), as_of=as_of.isoformat(),
        organization=stakeholder.organization,
        signatory=stakeholder.contact.name or "" if stakeholder.contact else "",
        role=(role.title or role.id) if role else "",
        start=agreement.start.isoformat() if agreement and agreement.start else "",
        end=agreement.end.isoformat() if agreement and agreement.end else "",
        review=agreement.review.isoformat() if agreement and agreement.review else "",
        responsibilities=role.responsibilities if role else [],
        commitment=_commitment(role.hours_per_month if role else None,
                               role.term_months if role else None),
        convener_commitments=role.convener_commitments if role else [],
        communications=[
            f"{entry.channel or 'an update'}, {entry.cadence.value if entry.cadence else ''}"
            .rstrip(", ") for entry in plan if _reaches(entry, stakeholder)
        ],
        metrics=[m.name or m.id for m in metrics],
    )

