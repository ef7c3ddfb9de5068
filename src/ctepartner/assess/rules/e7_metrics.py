"""Element 7: process-wide success metrics, on both strands and all five categories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ctepartner.assess.finding import ELEMENTS
from ctepartner.assess.registry import Hit, rule
from ctepartner.assess.rules.common import listed, uncovered
from ctepartner.domain import (
    PERCEPTION_GAP,
    PERKINS_CODES,
    behind,
    latest,
    long_ago,
    on_track_line,
)
from ctepartner.language import long_date, number
from ctepartner.load.partnership import Partnership
from ctepartner.model.base import Stage
from ctepartner.model.files import Category, FileName, Metric, Strand, Unit
from ctepartner.survey.scoring import ALL, score, waves


def _metrics(p: Partnership) -> list[Metric]:
    metrics = p.metrics
    return metrics.metrics if metrics else []



@rule("CP701", "error", "Define metrics for goals, process and engagement in metrics.yaml "
      "(`ctepartner add metric`).")
def cp701(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No metrics.

    Why: "Evaluating and measuring should be an embedded part of any work that is undertaken.
    Without formal metrics, it is too easy for one or more parties to perform their own
    intrinsic evaluations—by simply asking themselves, 'Am I getting out of this what I
    expected?' If the answer is no ... then those parties can easily walk away."

    Fix: define metrics with a baseline, a target and a source.

    Example:

        metrics:
          - id: internships-completed
            name: Student internships completed
            strand: outcomes
            category: student_impact
            unit: count
            baseline: {value: 0, date: 2025-08-01}
            target: {value: 200, date: 2027-06-30}
    """
    if not _metrics(p):
        metrics = p.metrics
        yield Hit(p.spot(metrics, "metrics") if metrics else p.top(), "no success metrics")


@rule("CP702", "warning", "Add a metric for each missing evaluation category (`ctepartner add "
      "metric --category ...`).")
def cp702(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """One of the five evaluation categories has no metric.

    Why: "A formal stakeholder evaluation should include at least five broad categories":
    effectiveness in reaching program goals, the use of resources, the quality of
    engagement, the impact on students and other audiences, and the improvement of
    partnership dynamics.

    Fix: add a metric with the missing `category`.
    """
    metrics = _metrics(p)
    if not metrics:
        return
    missing = uncovered(metrics, "category", Category)
    if missing:
        yield Hit(p.spot_in(FileName.METRICS, "metrics"), f"no metric for the evaluation "
                  f"categor{'y' if len(missing) == 1 else 'ies'} {listed(missing)}")


@rule("CP703", "warning", "Add a metric on the missing strand, outcomes or process "
      "(`ctepartner add metric --strand ...`).")
def cp703(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """One of the two strands (outcomes, process) has no metric.

    Why: "the overall process takes on two key evaluative strands ... One evaluates and
    measures progress toward goals and outcomes, while the other evaluates action steps and
    stakeholder engagement. These strands should form a running thread throughout any
    work."

    Fix: add a metric with the missing `strand`.
    """
    metrics = _metrics(p)
    if not metrics:
        return
    missing = uncovered(metrics, "strand", Strand)
    if missing:
        yield Hit(p.spot_in(FileName.METRICS, "metrics"), f"no metric on the {listed(missing)} "
                  "strand")


@rule("CP704", "warning", "Set the metric's target: `ctepartner set metrics.ID.target.value N` "
      "(and `target.date`).")
def cp704(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A metric with no target.

    Why: a dashboard monitors progress with "metrics aligned to partnership goals and
    outcomes"; without a target no one can tell progress from drift.

    Fix: agree the target value and date.
    """
    for metric in _metrics(p):
        if metric.target is None:
            yield Hit(p.spot(metric), f"metric `{metric.id}` has no target")


@rule("CP705", "warning", "Record the latest value: `ctepartner add observation --metric ID "
      "--value N --date YYYY-MM-DD`.",
      due_from=Stage.OPERATING)
def cp705(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A metric with no observation, or whose latest is older than 366 days.

    Why: "a strong process is one that is evaluated during the planning and development
    phases, as well as throughout implementation." A metric nobody measures is not one.

    Fix: add an observation with its date.
    """
    for metric in _metrics(p):
        found = latest(metric)
        if found is None:
            yield Hit(p.spot(metric), f"metric `{metric.id}` has no observation")
            continue
        index, newest = found
        if long_ago(newest.date, as_of):
            yield Hit(p.spot(metric, "observations", index, "date"), f"metric `{metric.id}` "
                      f"was last measured {long_date(newest.date)}")


@rule("CP706", "warning", "Add a metric that measures this goal (`ctepartner add metric --goal ID "
      "...`).")
def cp706(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A goal that no metric measures.

    Why: the dashboard's metrics are "aligned to partnership goals and outcomes"; one
    strand "evaluates and measures progress toward goals and outcomes."

    Fix: add or link a metric that measures the goal.
    """
    about = p.about
    if about is None or p.metrics is None:
        return
    measured = {metric.goal for metric in _metrics(p)}
    for goal in about.goals:
        if goal.id not in measured:
            yield Hit(p.spot(goal), f"no metric measures goal `{goal.id}`")


@rule("CP707", "info", "Add a stakeholder satisfaction rating (`ctepartner add metric --unit "
      "rating --category partnership_dynamics ...`).")
def cp707(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No stakeholder-satisfaction metric.

    Why: the toolbox's data dashboards include "Stakeholder satisfaction ratings", and the
    process strand "evaluates action steps and stakeholder engagement."

    Fix: survey stakeholders and track the rating.
    """
    metrics = _metrics(p)
    if not metrics:
        return
    satisfaction = (Category.PARTNERSHIP_DYNAMICS, Category.ENGAGEMENT_QUALITY)
    if not any(m.unit == Unit.RATING and m.category in satisfaction for m in metrics):
        yield Hit(p.spot_in(FileName.METRICS, "metrics"), "no stakeholder satisfaction metric")


@rule("CP708", "info", "Look at what holds this metric back, and say so in the next update.",
      due_from=Stage.OPERATING)
def cp708(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A metric off track: its latest value is behind the straight line from baseline to target.

    How it is counted: with f = (latest.date - baseline.date) / (target.date - baseline.date)
    in days, clamped to [0, 1], and line = baseline + f * (target - baseline), it fires when
    the latest value < line (for `direction: decrease`, > line). Skipped without a baseline
    and a target with dates.

    Why: metrics exist so that partners can see whether they are "getting out of this what
    I expected"; an honest off-track signal early is better than a surprise.

    Fix: discuss it with the partners; adjust the activities or, with reason, the target.
    """
    for metric in _metrics(p):
        found = latest(metric)
        if found is None or not behind(metric):
            continue
        index, newest = found
        line = on_track_line(metric, newest.date) or 0.0
        yield Hit(p.spot(metric, "observations", index, "value"),
                  f"metric `{metric.id}` is off track: {number(newest.value)} on "
                  f"{long_date(newest.date)}, where the line to the target stands at "
                  f"{number(round(line, 1))}")


@rule("CP709", "info", "Follow up with those who have not answered before the wave closes.",
      due_from=Stage.LAUNCHING)
def cp709(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """The latest survey wave heard from fewer than half of the stakeholders it invited.

    Why: a survey that half the partners skip measures the ones already engaged; the
    quiet ones are the ones the playbook warns may walk away.

    Fix: ask again, in person if need be, and give the survey a closing date.
    """
    found = waves(p)
    if not found:
        return
    latest = found[-1]
    scores = score(p, latest)
    if scores.invited and scores.responded * 2 < scores.invited:
        yield Hit(p.spot(latest, "responses"), f"survey wave `{latest.id}` heard from "
                  f"{scores.responded} of the {scores.invited} stakeholders it invited")




@rule("CP710", "warning", "Bring the two sectors together on this element: ask each what it "
      "expected, and agree what the partnership will do.", due_from=Stage.LAUNCHING)
def cp710(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A perception gap: in the latest survey wave, two sectors' means on one element's
    questions differ by 1.0 or more, each sector with at least 3 stakeholders answering.

    Why: partnerships fail "often due to poorly aligned expectations"; an employer and a
    district can see the same partnership very differently, and nobody notices until one
    of them leaves.

    Fix: put the gap on the next meeting's agenda and hear both sides.
    """
    found = waves(p)
    if not found:
        return
    latest = found[-1]
    scores = score(p, latest)
    for element, groups in scores.elements.items():
        shown = sorted(((mean.value, sector) for sector, mean in groups.items()
                        if sector != ALL and mean.value is not None), reverse=True)
        if len(shown) >= 2 and shown[0][0] - shown[-1][0] >= PERCEPTION_GAP:
            (high, top), (low, bottom) = shown[0], shown[-1]
            yield Hit(p.spot(latest, "responses"), f"in survey wave `{latest.id}`, `{top}` "
                      f"partners rate {ELEMENTS[element]} {high:.1f} and `{bottom}` partners "
                      f"{low:.1f}: a gap of {high - low:.1f}")


@rule("CP711", "warning", "Use a Perkins V core indicator code (1S1-5S4, 1P1-3P1), or "
      "remove `code` (`ctepartner set metrics.ID.code 2S1`).")
def cp711(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A metric `code` that is not a Perkins V core indicator.

    Why: a metric coded with a Perkins V indicator (secondary 1S1, 1S2, 2S1, 2S2, 2S3, 3S1,
    4S1, 5S1-5S4; postsecondary 1P1, 2P1, 3P1) lines up with what the state reports under
    Perkins, and a state's portfolio groups metrics by it; a mistyped code is silently left
    out of that grouping.

    Fix: correct the code, or remove it if the metric is not a Perkins indicator.
    """
    for metric in _metrics(p):
        if metric.code is not None and metric.code.upper() not in PERKINS_CODES:
            yield Hit(p.spot(metric, "code"), f"metric `{metric.id}` has the code "
                      f"`{metric.code}`, which is not a Perkins V core indicator")


@rule("CP712", "warning", "Measure the indicator as a rate: `ctepartner set metrics.ID.unit "
      "percent`, with its values as percentages.")
def cp712(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A metric coded with a Perkins V core indicator whose `unit` is not `percent`.

    Why: the playbook asks for "process-wide success metrics" that partners can compare;
    every Perkins V core indicator is a rate among CTE concentrators (5S3 is the percentage
    of them who took part in work-based learning, not a count of placements), so a count
    under an indicator's code reads as the state's figure and is not.

    Fix: measure the indicator as a percentage, or remove the `code`.
    """
    for metric in _metrics(p):
        code = (metric.code or "").upper()
        if code in PERKINS_CODES and metric.unit != Unit.PERCENT:
            unit = metric.unit.value if metric.unit else "no unit"
            yield Hit(p.spot(metric, "unit") if metric.unit else p.spot(metric, "code"),
                      f"metric `{metric.id}` is coded {code}, a rate among CTE "
                      f"concentrators, but its unit is {unit}")
