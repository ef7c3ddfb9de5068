"""Element 4: mutual benefit and shared value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ctepartner.assess.registry import Hit, rule
from ctepartner.assess.rules.common import who, with_status
from ctepartner.domain import LOW_RATING, latest_index
from ctepartner.load.partnership import Partnership
from ctepartner.model.base import Stage
from ctepartner.model.files import Status


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
                          f"{latest.date.isoformat()}")
