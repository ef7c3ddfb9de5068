"""Facts about a partnership that the rules and the documents share.

A rule says "heavy hitters carry 80 % of the hours"; the status report shows the same share.
Both compute it here, so a document can never disagree with `check`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ctepartner.language import N_, gettext
from ctepartner.model.files import (
    Ask,
    AskKind,
    Direction,
    HazardOrder,
    Metric,
    Observation,
    Stakeholder,
)

HEAVY_SHARE = 0.8  # the "20-80 rule": the top fifth carrying this share of the hours (CP607)
LOW_RATING = 2  # a temperature check at or below this asks for a conversation (CP403)

# How far ahead and how far back a convener looks, in days.
DUE_HORIZON_DAYS = 60  # the report's "coming up": what is due within this many days
AGREEMENT_ENDING_DAYS = 30  # an agreement ending this soon needs renewing now (CP605)
TEMPERATURE_CHECK_DAYS = 183  # an active stakeholder is checked on twice a year (CP506)
SURVEY_DAYS = 366  # a formal stakeholder evaluation at least once a year (CP508)
MEASURED_DAYS = 366  # a metric's latest value is at most a year old (CP705)

# The partner survey, on its scale of 1 (strongly disagree) to 5 (strongly agree).
MIN_GROUP = 3  # stakeholders a group needs before its mean is shown, anywhere
HIGH_MEAN, LOW_MEAN = 3.5, 2.5  # a mean is shown as good from HIGH_MEAN, a worry below LOW_MEAN
BENEFIT_FELT_MEAN = 3.0  # a sector's element-4 mean below this: benefit not felt (CP404)
PERCEPTION_GAP = 1.0  # two sectors' means on one element this far apart (CP710)


# Work-based learning with students (FORMAT.md): the kinds of ask that host them, and the
# Hazardous Occupations Orders (29 CFR 570 Subpart E) a student-learner of 16 or 17 may work
# under, with a written agreement (29 CFR 570.50(c)); the others no one under 18 may.
HOSTS_STUDENTS = frozenset((
    AskKind.WORKSITE_TOUR, AskKind.JOB_SHADOW, AskKind.MENTORING, AskKind.INTERNSHIP,
    AskKind.PRE_APPRENTICESHIP, AskKind.APPRENTICESHIP, AskKind.CLINICAL, AskKind.CO_OP))
ADULT = 18
EXEMPT_ORDERS = frozenset((HazardOrder.HO5, HazardOrder.HO8, HazardOrder.HO10,
                           HazardOrder.HO12, HazardOrder.HO14, HazardOrder.HO16,
                           HazardOrder.HO17))
HAZARD_WORK = {
    HazardOrder.HO1: N_("manufacturing or storing explosives"),
    HazardOrder.HO2: N_("driving a motor vehicle"),
    HazardOrder.HO3: N_("coal mining"),
    HazardOrder.HO4: N_("forest fire fighting, logging and sawmilling"),
    HazardOrder.HO5: N_("power-driven woodworking machines"),
    HazardOrder.HO6: N_("exposure to radioactive substances"),
    HazardOrder.HO7: N_("power-driven hoisting, such as forklifts"),
    HazardOrder.HO8: N_("power-driven metal forming, punching and shearing"),
    HazardOrder.HO9: N_("mining other than coal"),
    HazardOrder.HO10: N_("power-driven meat processing machines"),
    HazardOrder.HO11: N_("power-driven bakery machines"),
    HazardOrder.HO12: N_("power-driven paper-products machines"),
    HazardOrder.HO13: N_("manufacturing brick and tile"),
    HazardOrder.HO14: N_("circular saws, band saws and guillotine shears"),
    HazardOrder.HO15: N_("wrecking, demolition and ship-breaking"),
    HazardOrder.HO16: N_("roofing"),
    HazardOrder.HO17: N_("trenching and excavation"),
}
# The Perkins V core indicators of performance (section 113(b) of the Act), each a rate
# among CTE concentrators, as the portfolio names them.
PERKINS_CODES = {
    "1S1": "four-year graduation rate",
    "1S2": "extended graduation rate",
    "2S1": "proficiency in reading and language arts",
    "2S2": "proficiency in mathematics",
    "2S3": "proficiency in science",
    "3S1": "placement after high school",
    "4S1": "concentrators in programs nontraditional for their gender",
    "5S1": "recognized postsecondary credential attained",
    "5S2": "postsecondary credits attained",
    "5S3": "participation in work-based learning",
    "5S4": "program quality: the state's own measure",
    "1P1": "retention and placement after the program",
    "2P1": "recognized postsecondary credential earned",
    "3P1": "enrollment in programs nontraditional for their gender",
}


def long_ago(day: dt.date, as_of: dt.date) -> bool:
    """Whether a value measured on `day` is more than a year old: CP705 says so, and every
    document that shows the value marks it."""
    return (as_of - day).days > MEASURED_DAYS


def hazard_words(orders: list[HazardOrder]) -> str:
    """`HO7 (power-driven hoisting, such as forklifts)`, and the others, in words."""
    named = [f"{order.value} ({gettext(HAZARD_WORK[order])})" for order in orders]
    return named[0] if len(named) == 1 else gettext("{items} and {last}").format(
        items="; ".join(named[:-1]), last=named[-1])


def minors_orders(asks: list[Ask], *, exempt: bool) -> list[HazardOrder]:
    """The orders that asks placing students under 18 touch, with (`exempt`) or without a
    student-learner exemption, once each, in order (HO2 before HO10)."""
    found = {order for ask in asks if hosts_minors(ask) for order in ask.hazards
             if (order in EXEMPT_ORDERS) == exempt}
    return sorted(found, key=lambda order: int(order.value[2:]))


def hosts_minors(ask: Ask) -> bool:
    """Whether the ask places students who may be under 18 (without `min_age`, a kind that
    hosts students is taken to accept them)."""
    return ask.kind in HOSTS_STUDENTS and (ask.min_age is None or ask.min_age < ADULT)


def latest_index(dates: Sequence[dt.date]) -> int:
    """The index of the latest date (the first of equals), for pointing at that entry."""
    return max(range(len(dates)), key=lambda index: (dates[index], -index))


def asked_hours(stakeholder: Stakeholder) -> float:
    """All the hours a month the partnership currently asks of a stakeholder."""
    return sum(ask.hours_per_month for ask in stakeholder.asks)


def heavy_hitters(active: list[Stakeholder]) -> list[Stakeholder]:
    """The 20 % of active stakeholders who carry 80 % or more of all asked hours, if any.

    With n >= 5 active stakeholders and k = n // 5, the k most-asked are heavy hitters when
    their hours add up to at least 80 % of the total.
    """
    total = sum(asked_hours(s) for s in active)
    if len(active) < 5 or total <= 0:
        return []
    ranked = sorted(active, key=lambda s: (-asked_hours(s), s.id))[: len(active) // 5]
    return ranked if sum(asked_hours(s) for s in ranked) >= HEAVY_SHARE * total else []


def latest(metric: Metric) -> tuple[int, Observation] | None:
    """The metric's most recent observation by date, with its index."""
    if not metric.observations:
        return None
    index = latest_index([observation.date for observation in metric.observations])
    return index, metric.observations[index]


def on_track_line(metric: Metric, when: dt.date) -> float | None:
    """Where the metric should stand on `when`, on the straight baseline-to-target line."""
    baseline, target = metric.baseline, metric.target
    if not (baseline and target and baseline.date and target.date):
        return None
    span = (target.date - baseline.date).days
    share = 1.0 if span <= 0 else min(max((when - baseline.date).days / span, 0.0), 1.0)
    return baseline.value + share * (target.value - baseline.value)


def behind(metric: Metric) -> bool | None:
    """Whether the latest value is behind the line to the target (None: cannot be told)."""
    found = latest(metric)
    line = on_track_line(metric, found[1].date) if found else None
    if found is None or line is None:
        return None
    value = found[1].value
    return value > line if metric.direction == Direction.DECREASE else value < line
