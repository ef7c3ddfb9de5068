"""View models: everything a document shows, computed here so templates only present it.

The `community` audience leaves out every contact detail (people's names, emails, phones),
so a report can go to "the broader community" the playbook says to inform.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ctepartner.assess.engine import Assessment
from ctepartner.assess.finding import ELEMENTS, Severity
from ctepartner.domain import (
    DUE_HORIZON_DAYS,
    HEAVY_SHARE,
    HIGH_MEAN,
    HOSTS_STUDENTS,
    LOW_MEAN,
    LOW_RATING,
    asked_hours,
    behind,
    hazard_words,
    heavy_hitters,
    hosts_minors,
    latest,
    long_ago,
    minors_orders,
)
from ctepartner.language import (
    ENGLISH,
    N_,
    capitalized,
    current,
    gettext,
    long_date,
    money,
    month_year,
    number,
    percent,
    theirs,
)
from ctepartner.load.partnership import Partnership
from ctepartner.model.base import Sector
from ctepartner.model.files import (
    ActivityStatus,
    Agreement,
    AgreementTerms,
    AskKind,
    Category,
    ConvenerKind,
    Metric,
    Person,
    PlanEntry,
    ProfileAsk,
    Role,
    Stakeholder,
    Status,
    Strand,
    Unit,
)
from ctepartner.render.charts import Chart, line_chart, metric_chart
from ctepartner.schedule import due_within
from ctepartner.survey.bank import DONT_KNOW, SCALE_WORDS, questions
from ctepartner.survey.scoring import ALL, Mean, change, score, shade, trend_points, waves
from ctepartner.words import either, reference, signed, title, words

PUBLIC = "community"
CONVENER = "convener"  # the convener's working copy: everything, ratings and notes included
# Findings that tell one partner's satisfaction: a temperature check is a conversation between
# the convener and that partner, so only the convener's copy repeats them.
CONFIDENTIAL_RULES = ("CP403",)


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
    status: str  # met, partial or missing, which the stylesheet colours
    score: int
    findings: list[str]
    said: str = ""  # the status in the document's language


ELEMENT_STATUS = {"met": N_("met"), "partial": N_("partial"), "missing": N_("missing")}


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
class TemperatureRow:
    organization: str
    date: str
    rating: int
    low: bool  # at or below the rating that asks for a conversation
    note: str = ""


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
    sectors: list[str]  # column headings, in words
    pipeline: list[tuple[str, list[int], int]]  # (status in words, count per sector, total)
    communications: list[tuple[str, str, bool]]
    agreements: list[tuple[str, str, bool]]
    horizon_days: int  # communications and agreements: what is due within this many days
    load: list[LoadRow]
    heavy_share: float | None
    temperature: list[TemperatureRow]
    activities: list[tuple[str, list[tuple[str, str, str]]]]  # (status in words, rows)
    unreadable: list[str] = field(default_factory=list)  # "stakeholders.yaml, line 38"
    load_more: int = 0  # active stakeholders past the first REPORT_ROWS of `load`
    temperature_more: int = 0  # stakeholders past the first REPORT_ROWS of `temperature`
    changes: list[Change] = field(default_factory=list)
    changes_heading: str = ""  # "What changed since November 1, 2026"
    partners: list[str] = field(default_factory=list)  # organisations at the table
    quotes: list[QuoteRow] = field(default_factory=list)
    survey: SurveySection | None = None
    score_means: str = ""  # what the score measures, and the partners' own mean beside it
    findings_note: str = ""  # in another language: where the findings are listed

    @property
    def heavy_pattern(self) -> bool:
        """The top fifth carry the share of the hours that the 20-80 rule warns of."""
        return self.heavy_share is not None and self.heavy_share >= HEAVY_SHARE


# Rows a report's per-stakeholder tables show: the heaviest loads and the lowest ratings come
# first, and a partnership of thousands gets a report a superintendent can read (and print).
REPORT_ROWS = 25


def about(p: Partnership, audience: str) -> About:
    info = p.about
    convener = info.convener if info else None
    purpose = info.purpose if info else None
    lead = convener.lead if convener else None
    contact = None
    if lead is not None and audience != PUBLIC:
        title = lead.title if lead.title and lead.title not in (lead.name or "") else ""
        contact = Contact(lead.name or "", title, lead.email or "", lead.phone or "")
    return About(
        id=p.id, name=p.name, region=(info.region or "") if info else "",
        scope=info.scope.value if info and info.scope else "",
        stage=info.stage.value if info else "",
        convener=(convener.organization or "") if convener else "",
        statement=theirs(purpose.statement or "") if purpose else "",
        contact=contact,
    )


SMALL_COUNT = 10  # counts of students under this are not published to the community


def _counts_students(metric: Metric) -> bool:
    return metric.category == Category.STUDENT_IMPACT and metric.unit == Unit.COUNT


def shown_value(metric: Metric, value: float | None, audience: str) -> str:
    """A metric's value as a document shows it, with its unit (86%, $12,000, 4.4 of 5,
    1,200 hours): in a community document, a count of students under 10 reads "fewer than
    10", so no student can be singled out."""
    small = audience == PUBLIC and _counts_students(metric)
    if small and value is not None and value < SMALL_COUNT:
        return gettext("fewer than {count}").format(count=SMALL_COUNT)
    return with_unit(value, metric.unit)


def with_unit(value: float | None, unit: Unit | None) -> str:
    """A number as a reader expects it of its unit."""
    shown = number(value)
    if not shown:
        return ""
    if unit == Unit.PERCENT:
        return percent(shown)
    if unit == Unit.DOLLARS and value is not None:
        return money(value)
    if unit == Unit.RATING:
        return gettext("{value} of 5").format(value=shown)
    if unit == Unit.HOURS:
        return (gettext("{value} hour") if shown == "1" else gettext("{value} hours")).format(
            value=shown)
    return shown


def _metric_row(metric: Metric, audience: str, as_of: dt.date) -> MetricRow:
    """One metric's figures; a value older than a year says so; a community document leaves
    out the chart of a count of students under 10."""
    small = audience == PUBLIC and _counts_students(metric)

    def shown(value: float | None) -> str:
        return shown_value(metric, value, audience)

    found = latest(metric)
    late = behind(metric)
    on_track = None if late is None else not late
    values = [o.value for o in metric.observations]
    values += [point.value for point in (metric.baseline, metric.target) if point]
    hide_chart = small and any(value < SMALL_COUNT for value in values)
    return MetricRow(
        id=metric.id, name=theirs(metric.name or metric.id),
        unit=metric.unit.value if metric.unit else "",
        baseline=shown(metric.baseline.value) if metric.baseline else "",
        target=shown(metric.target.value) if metric.target else "",
        latest=dated(shown(found[1].value), found[1].date, as_of) if found else "",
        on_track=on_track, chart=None if hide_chart else metric_chart(
            metric, lambda value: with_unit(value, metric.unit), as_of),
        strand=words(metric.strand),
    )


def dated(value: str, day: dt.date, as_of: dt.date) -> str:
    """`820 (2025-06-30, more than a year ago)`: a value and the day it was measured; one
    older than a year says so (the report's metrics, the portfolio's Perkins indicators)."""
    if long_ago(day, as_of):
        return gettext("{value} ({day}, more than a year ago)").format(value=value,
                                                                     day=long_date(day))
    return f"{value} ({long_date(day)})"


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
_WORDED = {sector.value for sector in Sector}  # `k12` -> K-12, `business` -> business and industry
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
                       else words(m.group(1)) if "_" in m.group(1)
                       or m.group(1) in _WORDED else re.sub(r"[-_]", " ", m.group(1)), message)


def report_view(p: Partnership, assessment: Assessment, as_of: dt.date,
                audience: str = "partners") -> ReportView:
    """The status report of CLI.md, as plain data."""
    names = readable_names(p)
    private = () if audience == CONVENER else CONFIDENTIAL_RULES
    elements = [
        ElementRow(e.number, gettext(e.name), e.status, e.score, _to_work_on([
            in_words(f.message, names) for f in assessment.findings
            if f.element == e.number and not f.suppressed and f.severity != Severity.INFO
            and f.rule not in private
        ]), gettext(ELEMENT_STATUS[e.status]))
        for e in assessment.elements
    ]
    metrics = p.metrics.metrics if p.metrics else []
    goals = p.about.goals if p.about else []
    goal_rows = [
        GoalRow(g.id, theirs(g.title or g.id), long_date(g.due), list(map(theirs, g.outcomes)),
                [_metric_row(m, audience, as_of) for m in metrics if m.goal == g.id])
        for g in goals
    ]
    known_goals = {g.id for g in goals}
    counts = Counter((s.status, s.sector) for s in p.stakeholders)
    pipeline = [(title(status), [counts[(status, sector)] for sector in Sector],
                 sum(counts[(status, sector)] for sector in Sector)) for status in Status]
    due = due_within(p, as_of, DUE_HORIZON_DAYS)
    load, share = _load(p)
    temperature = _temperature(p) if audience == CONVENER else []
    if audience == PUBLIC:  # a partner's findings, ratings, load and contract stay theirs
        elements = [replace(e, findings=[]) for e in elements]
        load, share, temperature = [], None, []
        plan = p.communications.plan if p.communications else []
        named = {f"communication.{e.id}" for e in plan if (e.audience or "").startswith(
            "stakeholder:")}
        due = [d for d in due if d.kind != "agreement" and d.key not in named]
    engaged = (Status.COMMITTED, Status.ACTIVE)
    return ReportView(
        about=about(p, audience), as_of=long_date(as_of), audience=audience,
        score=assessment.score, elements=elements, goals=goal_rows,
        unlinked_metrics=[_metric_row(m, audience, as_of) for m in metrics
                          if m.goal not in known_goals],
        sectors=[title(sector) for sector in Sector], pipeline=[row for row in pipeline if row[2]],
        communications=[(long_date(d.date), d.what, d.overdue(as_of)) for d in due
                        if d.kind == "communication"],
        agreements=[(long_date(d.date), d.what, d.overdue(as_of)) for d in due
                    if d.kind == "agreement"],
        horizon_days=DUE_HORIZON_DAYS, load=load[:REPORT_ROWS], heavy_share=share,
        temperature=temperature[:REPORT_ROWS],
        activities=_activities(p, audience),
        unreadable=[] if audience == PUBLIC else unreadable(p),
        load_more=max(len(load) - REPORT_ROWS, 0),
        temperature_more=max(len(temperature) - REPORT_ROWS, 0),
        partners=sorted({s.organization for s in p.stakeholders if s.status in engaged
                         and (s.public or audience != PUBLIC)}),
        quotes=public_quotes(p, audience),
        survey=survey_section(p, audience),
        score_means=score_meaning(p),
        findings_note=_findings_note(elements),
    )


def _to_work_on(findings: list[str]) -> list[str]:
    """An element's first three findings, as `check` words them: in English, the language
    of the files and the commands they name. A report in another language says how many
    there are (and, under the table, where they are listed), rather than mix English
    sentences into it."""
    if current() == ENGLISH or not findings:
        return findings[:3]
    return [gettext("{count} to work on").format(count=number(len(findings)))]


def _findings_note(elements: list[ElementRow]) -> str:
    """Where a report in another language than English lists what to work on."""
    if current() == ENGLISH or not any(e.findings for e in elements):
        return ""
    return gettext("What to work on in each element is listed in the English report, in the "
                   "words of `ctepartner check`.")


STRUCTURAL = ("CP001", "CP002", "CP003", "CP004")  # what keeps an entry out of the documents


def unreadable(p: Partnership) -> list[str]:
    """Where entries could not be read (and so are left out): a document says so, rather
    than leave a stakeholder out without a word."""
    places = {(spot.path.name, spot.line) for spot, problem in p.problems
              if problem.rule in STRUCTURAL}
    return [gettext("{file}, line {line}").format(file=name, line=line)
            for name, line in sorted(places)]


def _temperature(p: Partnership) -> list[TemperatureRow]:
    rows = []
    for s in p.stakeholders:
        if s.temperature_checks:
            check = max(s.temperature_checks, key=lambda c: c.date)
            rows.append(TemperatureRow(s.organization, long_date(check.date), check.rating,
                                       check.rating <= LOW_RATING, check.note or ""))
    return sorted(rows, key=lambda row: (row.rating, row.organization))


def _activities(p: Partnership, audience: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    plan = p.action_plan
    groups: dict[ActivityStatus, list[tuple[str, str, str]]] = {}
    for a in plan.activities if plan else []:
        owner = "" if audience == PUBLIC else reference(p, a.owner)
        groups.setdefault(a.status, []).append(
            (theirs(a.title or a.id), long_date(a.due), owner))
    order = [ActivityStatus.IN_PROGRESS, ActivityStatus.BLOCKED, ActivityStatus.PLANNED,
             ActivityStatus.DONE, ActivityStatus.DROPPED]
    return [(title(status), groups[status]) for status in order if status in groups]
# --- packets ---------------------------------------------------------------------------

ASK_STAGES = {
    N_("Career awareness"): (AskKind.GUEST_SPEAKER, AskKind.CAREER_FAIR,
                             AskKind.WORKSITE_TOUR),
    N_("Career exploration"): (AskKind.JOB_SHADOW, AskKind.INFORMATIONAL_INTERVIEW,
                               AskKind.MENTORING),
    N_("Career preparation"): (AskKind.INTERNSHIP, AskKind.PRE_APPRENTICESHIP,
                               AskKind.APPRENTICESHIP, AskKind.CLINICAL, AskKind.CO_OP),
    N_("Educator experience"): (AskKind.TEACHER_EXTERNSHIP, AskKind.INDUSTRY_INSTRUCTOR),
    N_("Program support"): (AskKind.CURRICULUM_REVIEW, AskKind.ADVISORY_BOARD,
                            AskKind.EQUIPMENT, AskKind.FUNDING, AskKind.CREDENTIAL_ALIGNMENT),
}
# Asks that bring students to the partner's site or under its adults' supervision: these
# need background checks, a safety clause and a training agreement for each placement.
@dataclass(frozen=True)
class AskRow:
    what: str
    kind: str  # "job shadow", in words; "" when not given
    stage: str  # where the kind sits on the work-based learning continuum
    hours: str  # "3 hours a month", or ""
    hosts_students: bool


def _ask_row(what: str, kind: AskKind | None, hours: float | None = None) -> AskRow:
    """An ask as a document lists it, in the current language (its text as the partnership
    wrote it, or translated)."""
    stage = next((gettext(name) for name, kinds in ASK_STAGES.items() if kind in kinds), "")
    return AskRow(theirs(what), words(kind) if kind and kind != AskKind.OTHER
                  else "", stage, gettext("{hours} hours a month").format(hours=number(hours))
                  if hours else "", kind in HOSTS_STUDENTS)


@dataclass(frozen=True)
class Evidence:
    """One outcome metric's latest value against its baseline, in a sentence."""

    name: str
    text: str


@dataclass(frozen=True)
class QuoteRow:
    text: str
    by: str  # "Jane Doe, Acme Precision"


@dataclass(frozen=True)
class PacketView:
    """A recruitment packet, for one profile or one stakeholder: what makes an employer say
    yes. The playbook: "Know what and how you want to engage stakeholders in the process
    before you contact anyone"; "Business partners need the red tape removed for them"."""

    about: About
    as_of: str
    title: str
    addressee: str
    why_heading: str  # "Why Acme Precision"; for an active partner, "What Acme gave"
    need: str
    brings_intro: str  # "What you bring:"; for an active partner, "What you have given:"
    brings: list[str]  # what they bring: the seat's expertise, what they contribute
    asks_heading: str
    asks: list[AskRow]
    commitment: str
    benefits: list[str]
    benefits_heading: str
    responsibilities: list[str]
    handled: list[str]  # what the partnership handles for them (the red tape)
    evidence_heading: str
    evidence: list[Evidence]
    quotes: list[QuoteRow]
    next_step: str
    draft: bool = False  # marked DRAFT: the packet asks nothing yet


def _role(p: Partnership, role_id: str | None) -> Role | None:
    roles = p.roles.roles if p.roles else []
    return next((role for role in roles if role.id == role_id), None)


def _commitment(hours: float | None, months: int | None) -> str:
    parts = []
    if hours is not None:
        parts.append(gettext("about {hours} hours a month").format(hours=number(hours)))
    if months is not None:
        parts.append(gettext("for {months} months").format(months=months))
    return " ".join(parts)


def _evidence(p: Partnership, audience: str, as_of: dt.date, sector: Sector | None
              ) -> list[Evidence]:
    """Each outcome metric's latest value against its baseline: "When employers are shown
    what is happening, and how it can benefit them, they are more willing to engage". With
    a sector, only the metrics of goals that sector or the convener works on, and those of
    no one goal."""
    goals = _goals_of(p, sector) if sector else None
    rows = []
    for metric in p.metrics.metrics if p.metrics else []:
        found = latest(metric)
        if metric.strand != Strand.OUTCOMES or found is None or (
                goals is not None and metric.goal and metric.goal not in goals):
            continue
        newest = found[1]
        text = gettext("{value} on {day}").format(
            value=shown_value(metric, newest.value, audience), day=long_date(newest.date))
        if long_ago(newest.date, as_of):
            text += " " + gettext("(more than a year ago)")
        base = metric.baseline
        if base is not None:
            start = shown_value(metric, base.value, audience)
            text += (gettext(", from {value} on {day}").format(value=start,
                                                                day=long_date(base.date))
                     if base.date else gettext(", from {value}").format(value=start))
        rows.append(Evidence(theirs(metric.name or words(metric.id)), text))
    return rows


def _goals_of(p: Partnership, sector: Sector) -> set[str]:
    """The goals with an activity that the sector, one of its stakeholders or the convener's
    own people (an owner that is no stakeholder or sector) own."""
    others = {f"sector:{other.value}" for other in Sector if other != sector} | {
        f"stakeholder:{s.id}" for s in p.stakeholders if s.sector != sector}
    return {a.goal for a in (p.action_plan.activities if p.action_plan else [])
            if a.goal and a.owner not in others}


def public_quotes(p: Partnership, audience: str) -> list[QuoteRow]:
    """Quotes a packet or report may show: for the community, only those marked public,
    from organisations that may be named."""
    rows = []
    for s in p.stakeholders:
        for quote in s.quotes:
            if audience == PUBLIC and not (quote.public and s.public):
                continue
            by = ", ".join(part for part in (theirs(quote.by or ""), s.organization) if part)
            rows.append(QuoteRow(theirs(quote.text), by))
    return rows


def _profile_asks(asks: list[str | ProfileAsk]) -> list[AskRow]:
    return [_ask_row(ask, None) if isinstance(ask, str) else _ask_row(ask.what, ask.kind)
            for ask in asks]


def packet_view(p: Partnership, as_of: dt.date, *, profile_id: str | None = None,
                stakeholder: Stakeholder | None = None, audience: str = "partners"
                ) -> PacketView:
    """The packet for a profile, personalised when it is for one stakeholder: their own
    asks with hours, what they contribute and what they said they want from it."""
    profiles = p.recruitment.profiles if p.recruitment else []
    wanted = stakeholder.profile if stakeholder else profile_id
    profile = next((item for item in profiles if item.id == wanted), None)
    holders = [s for s in p.stakeholders if profile and s.profile == profile.id
               and (s.public or audience != PUBLIC)]  # the community hears of public ones
    role = _role(p, stakeholder.role if stakeholder else None) or _role(
        p, Counter(s.role for s in holders if s.role).most_common(1)[0][0]
        if any(s.role for s in holders) else None)
    asks = [_ask_row(ask.what, ask.kind, ask.hours_per_month)
            for ask in (stakeholder.asks if stakeholder else []) if ask.what]
    asks = asks or _profile_asks(profile.asks if profile else [])
    # one hours figure: the partner's own asks add up to the time asked of them, in every place
    own = asked_hours(stakeholder) if stakeholder else 0
    hours = own if own else role.hours_per_month if role else None
    months = role.term_months if role else None
    if profile and profile.commitment:
        hours = profile.commitment.hours_per_month if hours is None else hours
        months = profile.commitment.months if months is None else months
    sector = stakeholder.sector if stakeholder else profile.sector if profile else None
    if stakeholder and stakeholder.benefits:
        benefits, heading = list(map(theirs, stakeholder.benefits)), gettext("What you get")
    else:  # what each partner of this seat and sector says it gets, in its own name
        benefits = list(dict.fromkeys(f"{theirs(b)} ({s.organization})" for s in holders
                                      if sector is None or s.sector == sector
                                      for b in s.benefits))
        heading = gettext("What partners in this seat say they get")
    brings = (stakeholder.contributes if stakeholder else []) or (
        list(profile.expertise) if profile else [])
    info = about(p, audience)
    quotes = public_quotes(p, audience)
    name = theirs((profile.title or words(profile.id)) if profile else (
        role.title or "" if role else ""))
    view = PacketView(
        about=info, as_of=long_date(as_of), title=name,
        addressee=stakeholder.organization if stakeholder else "",
        why_heading=gettext("Why {organization}").format(organization=stakeholder.organization)
        if stakeholder else gettext("Why you"),
        need=theirs(profile.need or "") if profile else "",
        brings_intro=gettext("What you bring:"),
        brings=list(dict.fromkeys(map(theirs, brings))), asks_heading=gettext("What we ask"),
        asks=asks, commitment=_commitment(hours, months), benefits=benefits,
        benefits_heading=heading,
        responsibilities=list(map(theirs, role.responsibilities)) if role else [],
        handled=list(map(theirs, role.convener_commitments)) if role else [],
        evidence_heading=gettext("Evidence that it works"),
        evidence=_evidence(p, audience, as_of, sector), quotes=quotes[:3],
        next_step=_next_step(info),
    )
    if stakeholder and stakeholder.status == Status.ACTIVE:
        return _renewal(view, info, stakeholder, role, quotes)
    return view


def _renewal(view: PacketView, info: About, stakeholder: Stakeholder, role: Role | None,
             quotes: list[QuoteRow]) -> PacketView:
    """An active partner's packet thanks and renews: what it gave, what came of it, what
    is asked for the year ahead. Partnerships are "not always easy to cultivate and sustain"
    (the playbook): a partner already at the table is thanked, not recruited again."""
    organization = stakeholder.organization
    since = (" " + gettext("since {day}").format(day=long_date(stakeholder.status_since))
             if stakeholder.status_since else "")
    seat = (" " + gettext("as {seat}").format(seat=theirs(role.title))
            if role and role.title else "")
    own = [quote for quote in quotes if quote.by.endswith(organization)]
    agreement = stakeholder.agreement
    ends = (gettext("Your agreement runs until {day}.").format(day=long_date(agreement.end))
            + " " if agreement and agreement.end else "")
    return replace(
        view, title=gettext("Thank you, and the year ahead"),
        why_heading=gettext("What {organization} gave").format(organization=organization),
        need=gettext("Thank you. {organization} has been an active partner of {partnership}"
                     "{seat}{since}. Here is what your time has done, and what we hope you "
                     "will do with us in the year ahead.").format(
            organization=organization, partnership=info.name, seat=seat, since=since),
        brings_intro=gettext("What you have given:"),
        asks_heading=gettext("What we ask for the year ahead"),
        evidence_heading=gettext("What came of it"),
        quotes=(own + [quote for quote in quotes if quote not in own])[:3],
        next_step=ends + _next_step(info, renew=True),
    )


def _next_step(info: About, *, renew: bool = False) -> str:
    convener = info.convener or info.name
    contact = info.contact
    about = (gettext("renewing your part for the year ahead, and what you would change")
             if renew else gettext("where you would fit and what would make it worth your "
                                   "time"))
    if contact is None or not (contact.email or contact.phone):
        return gettext("Reply to {convener}, and we will set up a short conversation about "
                       "{subject}.").format(convener=convener, subject=about)
    ways = gettext(" or ").join(part for part in (contact.email, contact.phone) if part)
    who = contact.name or convener
    return gettext("Reply to {who} at {ways} within the next two weeks, and we will set up a "
                   "short conversation about {subject}.").format(who=who, ways=ways,
                                                                  subject=about)


# --- agreements ------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One part of an agreement: a heading, its paragraphs, then its bullet points."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    level: int = 2


@dataclass(frozen=True)
class Signer:
    party: str  # "Acme Precision", or "Student"
    name: str  # blank: a line to fill in
    title: str | None  # blank: a line to fill in; None: no title line (a student, a parent)


@dataclass(frozen=True)
class AgreementView:
    """A partnership agreement or a training agreement, as sections every format lays out
    alike: the Markdown, HTML, PDF and Word files say the same words."""

    about: About
    as_of: str
    heading: str
    subtitle: str
    sections: list[Section]
    signers: list[Signer]
    draft: bool = False  # marked DRAFT: it lacks what it is about (a role, a placement)


US_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "District of Columbia", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois",
    "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
    "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana",
    "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
    "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
    "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont",
    "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
)
BLANK = "____________________"


def governing_law(p: Partnership) -> str:
    """The state whose law governs, named once: `agreement_terms.governing_law` (written
    `Iowa` or `State of Iowa`), else the state named in `region`, else ""."""
    terms = p.about.agreement_terms if p.about else None
    if terms and terms.governing_law:
        return re.sub(r"^\s*(?:the\s+)?state\s+of\s+", "", terms.governing_law,
                      flags=re.IGNORECASE).strip()
    region = (p.about.region or "") if p.about else ""
    found = [state for state in US_STATES if re.search(rf"\b{state}\b", region)]
    return max(found, key=len) if found else ""


def _takes_part(p: Partnership, stakeholder: Stakeholder) -> list[str]:
    """The metrics a partner takes part in: those of the goals its activities serve, and
    those every partner answers for (engagement, dynamics and the use of their time)."""
    refs = {f"stakeholder:{stakeholder.id}", f"sector:{stakeholder.sector.value}"}
    goals = {a.goal for a in (p.action_plan.activities if p.action_plan else [])
             if a.owner in refs and a.goal}
    shared = (Category.ENGAGEMENT_QUALITY, Category.PARTNERSHIP_DYNAMICS, Category.RESOURCE_USE)
    return [theirs(m.name) if m.name else words(m.id)
            for m in (p.metrics.metrics if p.metrics else [])
            if m.goal in goals or m.category in shared]


class Clauses:
    """The clause texts of one partnership: a packaged template per clause
    (`clause-<name>.txt.j2`, overridable by file name in the templates folder), replaced
    or added to by `agreement_terms.clauses`."""

    def __init__(self, p: Partnership, templates: Path | None, **context: object) -> None:
        terms = p.about.agreement_terms if p.about else None
        self.own = dict(terms.clauses) if terms else {}
        self.templates = templates
        self.context = context

    def text(self, name: str, **more: object) -> list[str]:
        """The clause's paragraphs (`more`: what this clause alone needs to know)."""
        if name in self.own:
            text = theirs(self.own.pop(name))
        else:
            from ctepartner.render.environment import render

            text = render(f"clause-{name}.txt.j2", self.templates, **self.context, **more)
        return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]

    def added(self) -> list[Section]:
        """Clauses the partnership adds of its own, each its own section."""
        return [Section(title(name.replace("-", " ")), self.text(name)) for name in
                sorted(self.own)]


def _signatory(p: Partnership) -> tuple[str, str]:
    terms = p.about.agreement_terms if p.about else None
    convener = p.about.convener if p.about else None
    person = (terms.convener_signatory if terms else None) or (convener.lead if convener
                                                               else None)
    return (person.name or "", person.title or "") if person else ("", "")


def agreement_view(p: Partnership, as_of: dt.date, stakeholder: Stakeholder,
                   templates: Path | None = None) -> AgreementView:
    """The memorandum of understanding (or contract) between the convener and one partner,
    with the sections CLI.md names, for counsel to start from."""
    info = about(p, "partners")
    terms = (p.about.agreement_terms if p.about else None) or AgreementTerms()
    convener = info.convener or info.name
    organization = stakeholder.organization
    role = _role(p, stakeholder.role)
    agreement = stakeholder.agreement
    hosts = [row for row in (_ask_row(a.what or "", a.kind) for a in stakeholder.asks)
             if row.hosts_students]
    _ = gettext
    noun = _("agreement") if terms.binding else _("memorandum")
    clauses = Clauses(p, templates, convener=convener, organization=organization,
                      partnership=info.name, binding=terms.binding, noun=noun,
                      notice_days=terms.notice_days, governing_law=governing_law(p),
                      hosts_students=bool(hosts), insurance_minimum=terms.insurance_minimum)
    role_title = theirs(role.title) if role and role.title else ""
    hours = asked_hours(stakeholder) or (role.hours_per_month if role else None)
    plan = p.communications.plan if p.communications else []
    channels = [_channel(entry) for entry in plan if _reaches(entry, stakeholder)]
    metrics = _takes_part(p, stakeholder)
    sections = [
        Section(_("Parties"), [
            (_("This agreement is between {convener}, the convening agency of {partnership}, "
               "and {organization}") if terms.binding else _(
                "This memorandum of understanding is between {convener}, the convening agency "
                "of {partnership}, and {organization}")).format(
                convener=convener, partnership=info.name, organization=organization)
            + (_(", as {seat}").format(seat=role_title) if role_title else "") + ".",
            *clauses.text("nature")]),
        Section(_("Purpose"), [info.statement] if info.statement else [
            _("{organization} joins {partnership} to build career and technical education "
              "pathways with the partnership's other members.").format(
                organization=organization, partnership=info.name)]),
        Section(_("Term"), [_term(noun, agreement, role)]),
        Section(_("Responsibilities of each party")),
        Section(_("{party} will").format(party=organization), [_(
            "The time asked is about {hours} hours a month.").format(hours=number(hours))]
                if hours else [], list(map(theirs, role.responsibilities)) if role else [],
                level=3),
        Section(_("{party} will").format(party=convener), [],
                list(map(theirs, role.convener_commitments)) if role and
                role.convener_commitments else [
                    _("Keep {organization} informed of the partnership's progress and "
                      "decisions.").format(organization=organization),
                    _("Coordinate the partnership's work so that asks are shared fairly.")],
                level=3),
        Section(_("Communications"), [_("{organization} will receive:").format(
            organization=organization)] if channels else [
            _("{convener} will send {organization} the partnership's regular progress "
              "updates.").format(convener=convener, organization=organization)], channels),
        Section(_("Measuring success"), [
            _("{organization} takes part in measuring the partnership's success through:").format(
                organization=organization)]
            if metrics else [_("{convener} will share the partnership's status report, which "
                               "shows each goal's progress.").format(convener=convener)],
            metrics),
        Section(_("Data and student privacy"), clauses.text("data-privacy")),
        Section(_("Insurance and liability"), clauses.text("insurance")),
        Section(_("Indemnification"), clauses.text("indemnification")) if terms.indemnification
        else Section(_("Responsibility for own acts"), clauses.text("own-acts")),
        *([Section(_("Subject to appropriation"), clauses.text("appropriation"))]
          if _public_commitment(p, stakeholder, role) else []),
        *([Section(_("Safety of students"), clauses.text("safety", schools=either(
            [s.organization for s in p.stakeholders if s.sector == Sector.K12])),
                   [f"{row.what} ({row.kind})" if row.kind else row.what for row in hosts]),
           Section(_("Reporting of abuse or neglect"), clauses.text("abuse-reporting")),
           Section(_("Accessibility"), clauses.text("accessibility"))] if hosts else []),
        Section(_("Non-discrimination"), clauses.text("non-discrimination")),
        Section(_("Publicity and use of names"), clauses.text("publicity")),
        Section(_("Confidentiality"), clauses.text("confidentiality")),
        Section(_("Public records"), clauses.text("public-records")),
        Section(_("Independent parties"), clauses.text("independence")),
        Section(_("Notices"), [
            _("Notices under this {noun} are written, and go to each party's contact:").format(
                noun=noun)],
            [_notice_to(convener, info.contact), _notice_to(organization, stakeholder.contact)]),
        Section(_("Dispute resolution"), clauses.text("disputes")),
        Section(_("Amendment and ending"), clauses.text("amendment")),
        Section(_("Governing law"), clauses.text("governing-law")),
        Section(_("Entire agreement, severability and signatures"), clauses.text("entire")),
        *clauses.added(),
    ]
    name, job = _signatory(p)
    contact = (agreement.signatory if agreement else None) or stakeholder.contact
    return AgreementView(
        about=info, as_of=long_date(as_of),
        heading=_("Partnership agreement") if terms.binding else _("Memorandum of understanding"),
        subtitle=_("{convener} and {organization} · {partnership} · prepared {day}").format(
            convener=convener, organization=organization, partnership=info.name,
            day=long_date(as_of)),
        sections=sections,
        signers=[Signer(convener, name, theirs(job)),
                 Signer(organization, (contact.name or "") if contact else "",
                        theirs(contact.title or "") if contact else "")],
        draft=not (role and role.responsibilities),
    )


def _channel(entry: PlanEntry) -> str:
    """A communication a partner receives: "Monthly newsletter", "Quarterly update"."""
    text = (gettext("{cadence} {channel}").format(cadence=words(entry.cadence),
                                                  channel=theirs(entry.channel))
            if entry.channel else gettext("{cadence} update").format(
                cadence=words(entry.cadence))).strip()
    return capitalized(text)


def _term(noun: str, agreement: Agreement | None, role: Role | None) -> str:
    """When the agreement runs, and when the parties review it."""
    _ = gettext
    start, end = (agreement.start, agreement.end) if agreement else (None, None)
    if start and end:
        term = _("This {noun} runs from {start} to {end}.").format(
            noun=noun, start=long_date(start), end=long_date(end))
    elif start:
        term = _("This {noun} starts on {start} and runs until either party ends it.").format(
            noun=noun, start=long_date(start))
    elif role and role.term_months:
        term = _("This {noun} starts on the date of the last signature and runs for {months} "
                 "months.").format(noun=noun, months=role.term_months)
    else:
        term = _("This {noun} starts on the date of the last signature and runs until either "
                 "party ends it.").format(noun=noun)
    if agreement and agreement.review:
        term += " " + _("The parties review it together on or before {day}.").format(
            day=long_date(agreement.review))
    return term


PUBLIC_SECTORS = (Sector.K12, Sector.GOVERNMENT)
PUBLIC_CONVENERS = (ConvenerKind.STATE_AGENCY, ConvenerKind.SCHOOL_DISTRICT)


def _public_commitment(p: Partnership, stakeholder: Stakeholder, role: Role | None) -> bool:
    """Whether a public party (a government or K-12 one) commits money or staff time."""
    partner = stakeholder.sector in PUBLIC_SECTORS and bool(
        stakeholder.asks or (role and role.responsibilities))
    convener = p.about.convener if p.about else None
    return partner or bool(convener and convener.kind in PUBLIC_CONVENERS and role
                           and role.convener_commitments)


def _notice_to(party: str, contact: Person | Contact | None) -> str:
    """`Party: name, email, phone`, with a blank line for what is not known."""
    known = [part for part in ((contact.name, contact.email, contact.phone) if contact
                               else ()) if part]
    return f"{party}: {', '.join(known) if known else BLANK}"


def student_school(p: Partnership, school: Stakeholder | None) -> Stakeholder | None:
    """Whose coordinator signs a training agreement: the school named, else the
    partnership's only K-12 stakeholder, else nobody yet (blank lines). Never the convener
    for being the convener."""
    if school is not None:
        return school
    districts = [s for s in p.stakeholders if s.sector == Sector.K12]
    return districts[0] if len(districts) == 1 else None


# A placement's kind as the training agreement names it (the kinds that host students).
PLACEMENT_KINDS = {
    AskKind.WORKSITE_TOUR: N_("Worksite tour"), AskKind.JOB_SHADOW: N_("Job shadow"),
    AskKind.MENTORING: N_("Mentoring"), AskKind.INTERNSHIP: N_("Internship"),
    AskKind.PRE_APPRENTICESHIP: N_("Pre-apprenticeship"),
    AskKind.APPRENTICESHIP: N_("Apprenticeship"), AskKind.CLINICAL: N_("Clinical"),
    AskKind.CO_OP: N_("Co-op"),
}


def training_view(p: Partnership, as_of: dt.date, stakeholder: Stakeholder,
                  templates: Path | None = None, school: Stakeholder | None = None
                  ) -> AgreementView:
    """The work-based learning agreement for one placement with this employer: four
    parties sign; the student's details are blank lines, never stored in the files. Every
    sentence is the current language's; what the partnership wrote stays as written."""
    _ = gettext
    info = about(p, "partners")
    coordinator = student_school(p, school)
    coordinating = coordinator.organization if coordinator else _(
        "school or district: {blank}").format(blank=BLANK)
    convener = info.convener or info.name
    organization = stakeholder.organization
    hosts = [(ask, _ask_row(ask.what or "", ask.kind, ask.hours_per_month))
             for ask in stakeholder.asks]
    hosts = [(ask, row) for ask, row in hosts if row.hosts_students]
    clauses = Clauses(p, templates, convener=convener, organization=organization,
                      partnership=info.name, governing_law=governing_law(p))
    asks = [ask for ask, _row in hosts]
    unnamed = N_("Placement")
    placement = [f"{_(PLACEMENT_KINDS.get(ask.kind, unnamed) if ask.kind else unnamed)}: "
                 f"{theirs(row.what)}" for ask, row in hosts]
    competencies = list(dict.fromkeys(theirs(item) for ask in asks
                                      for item in ask.competencies))
    minors = [ask for ask in asks if hosts_minors(ask)]
    exempt = minors_orders(asks, exempt=True)
    sections = [
        Section(_("The placement"), [
            _("{organization} hosts a student of {partnership} for work-based learning, "
              "arranged by {convener}.").format(organization=organization,
                                                partnership=info.name, convener=convener)],
                placement),
        Section(_("The student"), [_("Student's name: {blank}").format(blank=BLANK),
                                   _("School and grade: {blank}").format(blank=BLANK),
                                   _("Age on the first day: {blank}").format(blank=BLANK)]),
        Section(_("Schedule"), [
            _("Start date: {blank}    End date: {blank}").format(blank=BLANK),
            _("Days at the worksite: {blank}").format(blank=BLANK),
            _("Hours each day, from {blank} to {blank}").format(blank=BLANK),
            _("Weeks in all: {blank}").format(blank=BLANK)]),
        Section(_("Training plan"), [_("What the student learns and practises at the "
                                       "worksite:")],
                competencies or [BLANK, BLANK, BLANK]),
        Section(_("Supervision"), [
            _("Employer supervisor: {blank}").format(blank=BLANK),
            _("School coordinator: {blank}, {school}").format(blank=BLANK,
                                                              school=coordinating),
            _("School coordinator's phone: {blank}").format(blank=BLANK),
            *clauses.text("training-supervision")]),
        Section(_("Safety"), clauses.text("training-safety")),
        *([Section(_("Work under a Hazardous Occupations Order"), clauses.text(
            "training-student-learner", orders=hazard_words(exempt)))] if exempt else []),
        *([Section(_("Hours for students of 14 and 15"),
                   clauses.text("training-young-workers"))]
          if any(ask.min_age is not None and ask.min_age < 16 for ask in minors) else []),
        Section(_("Emergency contact and medical care"), [
            _("Emergency contact: {blank}    Phone: {blank}    Relationship: {blank}").format(
                blank=BLANK),
            *clauses.text("training-emergency")]),
        Section(_("Getting there"), _transport(p, stakeholder, convener)),
        Section(_("Attendance, conduct and ending the placement"),
                clauses.text("training-attendance")),
        Section(_("Reporting harassment, injury or abuse"), clauses.text("training-reporting")),
        Section(_("Insurance"), clauses.text("training-insurance")),
        Section(_("Pay"), [_("\u2610 Paid, at {blank} an hour    \u2610 Unpaid").format(
            blank=BLANK), *clauses.text("training-pay")]),
        Section(_("Student privacy"), clauses.text("training-privacy")),
        Section(_("Law and review"), [
            _("State work permit (where required): number {blank}, issued {blank}").format(
                blank=BLANK), *clauses.text("training-law")]),
    ]
    return AgreementView(
        about=info, as_of=long_date(as_of), heading=_("Work-based learning agreement"),
        subtitle=_("{organization} · {partnership} · prepared {day}").format(
            organization=organization, partnership=info.name, day=long_date(as_of)),
        sections=sections,
        signers=[Signer(_("Student"), "", None), Signer(_("Parent or guardian"), "", None),
                 Signer(_("Employer supervisor, {organization}").format(
                     organization=organization), "", ""),
                 Signer(_("School coordinator, {school}").format(school=coordinating), "",
                        "")],
        draft=not hosts,
    )


def _transport(p: Partnership, stakeholder: Stakeholder, convener: str) -> list[str]:
    """Who brings the student: what the convener commits to for the role, when it says so;
    else boxes to tick."""
    role = _role(p, stakeholder.role)
    said = [item for item in (role.convener_commitments if role else [])
            if re.search(r"transport|bus|ride|travel", item, re.IGNORECASE)]
    if said:
        return [gettext("{convener} has committed to this: “{commitment}”.").format(
            convener=convener, commitment=theirs(item)) for item in said]
    return [gettext("The student travels to the worksite by: \u2610 family   \u2610 school "
                    "transport   \u2610 public transport   \u2610 own vehicle, with the "
                    "school's written permission")]


def _reaches(entry: PlanEntry, stakeholder: Stakeholder) -> bool:
    audience = entry.audience or ""
    return audience in ("all_stakeholders", "active_stakeholders", "community") or audience in (
        f"sector:{stakeholder.sector.value}", f"stakeholder:{stakeholder.id}")


# --- the partner survey ----------------------------------------------------------------


@dataclass(frozen=True)
class HeatCell:
    text: str  # "3.8", or "" for a group under MIN_GROUP
    shade: str  # high, mid, low or blank: the cell's colour


@dataclass(frozen=True)
class SurveyRow:
    element: str
    overall: HeatCell
    sectors: list[HeatCell]
    change: str  # "+0.3" since the previous wave, or ""


@dataclass(frozen=True)
class SurveySection:
    """The survey in the status report: an element x sector heat map of the latest wave,
    its response rate, and the trend across waves. Groups under three are left blank."""

    wave: str  # "October 2026": when the wave opened
    opened: str
    rate: str  # "7 of 8 invited stakeholders answered (88%)"; "" for the community
    sectors: list[str]
    rows: list[SurveyRow]
    trend: Chart | None
    waves: int
    shading: str = ""


def _cell(mean: Mean | None) -> HeatCell:
    if mean is None or mean.value is None:
        return HeatCell("", "blank")
    return HeatCell(number(mean.value, 1), shade(mean.value))


def score_meaning(p: Partnership) -> str:
    """One sentence on what the score measures, with the partners' own view beside it."""
    found = waves(p)
    overall = score(p, found[-1]).overall if found else None
    if overall is None or overall.value is None:
        return gettext("The score measures how completely the partnership's files keep the "
                       "playbook's seven elements, not how the partners experience it: the "
                       "partners have not been surveyed yet.")
    return gettext("The score measures how completely the partnership's files keep the "
                   "playbook's seven elements, not how the partners experience it: the "
                   "partners' own mean in the {month} survey is {mean} of 5.").format(
        month=month_year(found[-1].opened), mean=number(overall.value, 1))


def survey_section(p: Partnership, audience: str) -> SurveySection | None:
    """The latest wave of the survey; the community sees the overall means only."""
    found = waves(p)
    if not found:
        return None
    scored = [score(p, wave) for wave in found]
    latest, previous = scored[-1], scored[-2] if len(scored) > 1 else None
    public = audience == PUBLIC
    sectors = [] if public else latest.sectors
    rows = []
    for element, name in ELEMENTS.items():
        groups = latest.elements.get(element)
        if not groups:  # no question of this element was answered
            continue
        before = previous.elements.get(element, {}).get(ALL) if previous else None
        moved = change(groups[ALL], before)
        rows.append(SurveyRow(gettext(name), _cell(groups[ALL]),
                              [_cell(groups.get(s.value)) for s in sectors],
                              signed(moved)))
    points = trend_points([s.overall for s in scored], [s.wave.opened for s in scored])
    rate = ""
    if not public and latest.invited:
        share = round(100 * latest.responded / latest.invited)
        rate = gettext("{answered} of {invited} invited stakeholders answered ({share})").format(
            answered=number(latest.responded), invited=number(latest.invited),
            share=percent(str(share)))
    return SurveySection(
        wave=month_year(latest.wave.opened), opened=long_date(latest.wave.opened), rate=rate,
        sectors=[title(s) for s in sectors], rows=rows,
        trend=line_chart(points, [], 1.0, 5.0, lambda value: gettext("{value} of 5").format(
            value=number(value, 1))) if len(points) > 1 and not public else None,
        waves=len(scored),
        shading=gettext("Shading: darker is higher; {high} and above, {low} to {below_high}, "
                        "below {low}.").format(high=number(HIGH_MEAN, 1), low=number(LOW_MEAN, 1),
                                               below_high=number(HIGH_MEAN - 0.1, 1)),
    )


@dataclass(frozen=True)
class FormQuestion:
    number: int
    id: str
    text: str


@dataclass(frozen=True)
class SurveyFormView:
    """The questionnaire to send: the questions by element, each on the 1-5 scale, with
    who reads the answers and how they are published, and where to return it."""

    about: About
    as_of: str
    groups: list[tuple[str, list[FormQuestion]]]
    scale: list[str]  # "1 Strongly disagree" ... "5 Strongly agree", then "Don't know"
    privacy: str
    return_to: str


def survey_form_view(p: Partnership, as_of: dt.date) -> SurveyFormView:
    """The form in the current language: the bank's questions translated, a question of the
    partnership's own as it wrote it."""
    bank = questions(p)
    own = {question.id for question in (p.survey.questions if p.survey else [])}
    count = 0
    groups = []
    for element, name in ELEMENTS.items():
        asked = []
        for question in (q for q in bank.values() if q.element == element):
            count += 1
            asked.append(FormQuestion(count, question.id, theirs(question.text)
                                      if question.id in own else gettext(question.text)))
        if asked:
            groups.append((gettext(name), asked))
    info = about(p, PUBLIC)
    convener = info.convener or info.name
    privacy = gettext(
        "Your answers go to {convener}, which keeps them by organization, never by person; "
        "only {convener}'s staff read one organization's answers. Results are published only "
        "as means of at least three organizations, and never in a way that lets one "
        "organization's answers be worked out.").format(convener=convener)
    lead = p.about.convener.lead if p.about and p.about.convener else None
    address = ", ".join(part for part in (lead.email, lead.phone) if part) if lead else ""
    return_to = (gettext("Please return it by {blank} to {convener} ({address}).") if address
                 else gettext("Please return it by {blank} to {convener}.")).format(
        blank=BLANK, convener=convener, address=address)
    scale = [f"{n} {gettext(word)}" for n, word in enumerate(SCALE_WORDS, start=1)]
    return SurveyFormView(info, long_date(as_of), groups, [*scale, gettext(DONT_KNOW)],
                          privacy, return_to)
