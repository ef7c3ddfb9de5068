"""Element 4: mutual benefit and shared value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ctepartner.assess.finding import ELEMENTS
from ctepartner.assess.registry import Hit, rule
from ctepartner.assess.rules.common import who, with_status
from ctepartner.domain import BENEFIT_FELT_MEAN, LOW_RATING, latest_index
from ctepartner.language import long_date
from ctepartner.load.partnership import Partnership
from ctepartner.model.base import Stage
from ctepartner.model.files import Status
from ctepartner.survey.scoring import score, waves


@rule("CP401", "warning", "Record what this stakeholder gets out of it: `ctepartner add benefit "
      "--stakeholder ID --text \"...\"`.",
      due_from=Stage.LAUNCHING)
def cp401(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An active or committed stakeholder with no `benefits` (what they get).

    Why: "High-quality partnerships are ones that are mutually beneficial and based on trust
    and shared purpose." An employer put it plainly: "Our reason for getting engaged with
    educators and others is selfish ... We have to build our name brand recognition."

    Fix: write down the benefit they told you matters to them.

    Example:

        benefits: [Talent pipeline, Brand recognition with families]
    """
    for stakeholder in with_status(p, Status.ACTIVE, Status.COMMITTED):
        if not stakeholder.benefits:
            yield Hit(p.spot(stakeholder), f"nothing says what {who(stakeholder)} gets out of "
                      "the partnership")


@rule("CP402", "warning", "Record what this stakeholder brings: `ctepartner add contribution "
      "--stakeholder ID --text \"...\"`.",
      due_from=Stage.LAUNCHING)
def cp402(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An active or committed stakeholder with no `contributes`.

    Why: "It's important that our intermediary works with us to gain an understanding of
    what we are good at contributing and what other partners' roles are in the larger
    process. We don't want our time to be wasted." — Employer

    Fix: write down what they bring (placements, expertise, equipment, funds).
    """
    for stakeholder in with_status(p, Status.ACTIVE, Status.COMMITTED):
        if not stakeholder.contributes:
            yield Hit(p.spot(stakeholder), f"nothing says what {who(stakeholder)} contributes")


@rule("CP403", "warning", "Talk with this stakeholder now: ask what would make the partnership "
      "worth their time, then record it (`ctepartner add check-in`).", due_from=Stage.LAUNCHING)
def cp403(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A stakeholder whose latest temperature check is 2 or lower.

    Why: "A stakeholder won't engage or stay engaged if that person feels undervalued.
    Always check in, and always do 'temperature checks' to make sure your partners are
    doing okay." — Delaware Pathways

    Fix: follow up in person, and record the next check.
    """
    for stakeholder in p.stakeholders:
        checks = stakeholder.temperature_checks
        if checks:
            index = latest_index([check.date for check in checks])
            latest = checks[index]
            if latest.rating <= LOW_RATING:
                yield Hit(p.spot(stakeholder, "temperature_checks", index, "rating"),
                          f"{who(stakeholder)} rated the partnership {latest.rating} of 5 on "
                          f"{long_date(latest.date)}")




@rule("CP404", "warning", "Talk with the partners of this sector about what they expected and "
      "what they get; then ask again in the next survey wave.", due_from=Stage.LAUNCHING)
def cp404(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """In the latest survey wave, a sector rates the element-4 (mutual benefit) questions
    below 3.0 on average.

    How it is counted: each respondent's answers to the element-4 questions are averaged,
    then the sector's respondents' averages; only a sector where at least 3 stakeholders
    answered them is judged (so no answer can be traced to one organisation).

    Why: without formal measures a partner asks itself "Am I getting out of this what I
    expected?" and, if the answer is no, walks away.

    Fix: hear the sector out, adjust what is asked of it and what it gets, and say so in
    the next update.
    """
    found = waves(p)
    if not found:
        return
    latest = found[-1]
    scores = score(p, latest)
    for sector in scores.sectors:
        mean = scores.elements.get(4, {}).get(sector.value)
        if mean and mean.value is not None and mean.value < BENEFIT_FELT_MEAN:
            yield Hit(p.spot(latest, "responses"), f"in survey wave `{latest.id}`, "
                      f"`{sector.value}` partners rate {ELEMENTS[4]} {mean.value:.1f} of 5 "
                      f"on average ({mean.n} answered)")
