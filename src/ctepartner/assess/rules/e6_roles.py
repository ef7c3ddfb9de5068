"""Element 6: clear stakeholder roles and responsibilities, in signed agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ctepartner.assess.registry import Hit, rule
from ctepartner.assess.rules.common import listed, who, with_status
from ctepartner.domain import (
    AGREEMENT_ENDING_DAYS,
    asked_hours,
    hazard_words,
    heavy_hitters,
    minors_orders,
)
from ctepartner.language import long_date
from ctepartner.load.partnership import Partnership
from ctepartner.model.base import Stage
from ctepartner.model.files import AgreementStatus, Ask, HazardOrder, Role, Stakeholder, Status


def _roles(p: Partnership) -> list[Role]:
    roles = p.roles
    return roles.roles if roles else []



@rule("CP601", "error", "Define each role's responsibilities, hours and term in roles.yaml "
      "(`ctepartner add role`).")
def cp601(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No roles.

    Why: "it is important for them and the convening agency to establish formal partnership
    agreements that spell out the various roles and responsibilities."

    Fix: define the roles stakeholders hold.

    Example:

        roles:
          - id: employer-partner
            title: Employer partner
            responsibilities: [Host job shadows]
            hours_per_month: 4
            term_months: 12
            convener_commitments: [Screen and prepare students]
    """
    if not _roles(p):
        roles = p.roles
        yield Hit(p.spot(roles, "roles") if roles else p.top(), "no roles defined")


@rule("CP602", "warning", "Give the role its responsibilities (`ctepartner add responsibility`), "
      "hours and term (`ctepartner set roles.ID.hours_per_month N`).")
def cp602(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A role with no responsibilities, no time commitment or no term.

    Why: successful intermediaries "established clear stakeholder roles and
    responsibilities, as well as time commitment, and the adherence to these—ensuring there
    is no 'mission creep.'" An agreement "also defines the time period for that engagement."

    Fix: fill in what is missing.
    """
    for role in _roles(p):
        missing = [
            label for label, value in (
                ("responsibilities", role.responsibilities),
                ("hours_per_month", role.hours_per_month),
                ("term_months", role.term_months),
            ) if value is None or value == []
        ]
        if missing:
            yield Hit(p.spot(role), f"role `{role.id}` has no {listed(missing)}")


@rule("CP603", "error", "Give the stakeholder a role: `ctepartner set stakeholders.ID.role ROLE`.")
def cp603(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An active or committed stakeholder with no role.

    Why: "What sealed our decision to engage was the preciseness by which we were told what
    our engagement would be/look like." — Employer

    Fix: assign the role they agreed to.
    """
    for stakeholder in with_status(p, Status.ACTIVE, Status.COMMITTED):
        if not stakeholder.role:
            yield Hit(p.spot(stakeholder), f"{who(stakeholder)} is {stakeholder.status.value} "
                      "with no role")


@rule("CP604", "warning", "Send the agreement (`ctepartner agreement --stakeholder ID`), then "
      "record it signed: `ctepartner set stakeholders.ID.agreement.status signed`.",
      due_from=Stage.LAUNCHING)
def cp604(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An active stakeholder with no signed agreement.

    Why: "A partnership agreement, like a memorandum of understanding, articulates the
    expected roles and shared responsibilities of a stakeholder and a convener ... When
    agreements are used, stakeholder engagement becomes less about the person making the ask
    and more about the process goals and outcomes."

    Fix: send the agreement (`ctepartner agreement`), and record it when signed.
    """
    for stakeholder in with_status(p, Status.ACTIVE):
        agreement = stakeholder.agreement
        if agreement is None or agreement.status != AgreementStatus.SIGNED:
            state = agreement.status.value if agreement else "none"
            where = p.spot(stakeholder, "agreement")
            yield Hit(where, f"{who(stakeholder)} is active without a signed agreement "
                      f"(status: {state})")


@rule("CP605", "warning", "Renew the agreement before it ends, and record the new end: `ctepartner "
      "set stakeholders.ID.agreement.end YYYY-MM-DD`.",
      due_from=Stage.LAUNCHING)
def cp605(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An agreement that has ended, or ends within 30 days, for an active stakeholder.

    Why: the agreement "defines the time period for that engagement"; an active stakeholder
    working past it is working without one.

    Fix: review and renew it with the stakeholder.
    """
    for stakeholder in with_status(p, Status.ACTIVE):
        agreement = stakeholder.agreement
        if agreement is None or agreement.end is None:
            continue
        if agreement.end < as_of:
            verb = "ended"
        elif agreement.end <= as_of + dt.timedelta(days=AGREEMENT_ENDING_DAYS):
            verb = "ends"
        else:
            continue
        yield Hit(p.spot(stakeholder, "agreement", "end"),
                  f"the agreement with {who(stakeholder)} {verb} {long_date(agreement.end)}")


@rule("CP606", "warning", "Ask less of this stakeholder, spread the asks, or agree more hours in "
      "their role (`ctepartner set roles.ID.hours_per_month N`).", due_from=Stage.LAUNCHING)
def cp606(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An over-asked stakeholder: their asks add up to more hours than their role's commitment.

    Why: "We had a critical business partner 'divorce' us a year ago. Why? Because they
    felt that they were being tapped too much and they just burned out." Roles come "as
    well as time commitment, and the adherence to these—ensuring there is no 'mission
    creep.'"

    Fix: trim the asks to the role's `hours_per_month`.
    """
    roles = {role.id: role for role in _roles(p)}
    for stakeholder in p.stakeholders:
        role = roles.get(stakeholder.role or "")
        if role is None or role.hours_per_month is None or stakeholder.status == Status.EXITED:
            continue
        hours = asked_hours(stakeholder)
        if hours > role.hours_per_month:
            yield Hit(p.spot(stakeholder, "asks"), f"{who(stakeholder)} is asked {hours:g} hours "
                      f"a month; the role `{role.id}` commits {role.hours_per_month:g}")



@rule("CP607", "warning", "Spread the asks across more partners before the heavy hitters "
      "burn out.", due_from=Stage.LAUNCHING)
def cp607(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """Heavy hitters: 20 % or fewer of the active stakeholders carry 80 % or more of the hours.

    Why: "It's the classic 20-80 rule. Twenty percent doing the heavy lifting for the other
    80 percent. That had to change for us and for our stakeholders." — Regional Convener,
    after a business partner burned out and left.

    How it is counted: with n >= 5 active stakeholders, h = each one's summed ask hours,
    H = their total > 0 and k = floor(n/5), it fires when the k largest h add up to at least
    0.8 H.

    Fix: move asks to stakeholders who carry little, and be direct with those less involved.
    """
    hitters = heavy_hitters(with_status(p, Status.ACTIVE))
    if hitters:
        names = ", ".join(who(s) for s in hitters)
        verb = "carries" if len(hitters) == 1 else "carry"
        yield Hit(p.spot(hitters[0], "asks"), f"{names} {verb} 80% or more of all asked hours")


@rule("CP608", "info", "Hold the agreed review, then record the next one: `ctepartner set "
      "stakeholders.ID.agreement.review YYYY-MM-DD`.",
      due_from=Stage.LAUNCHING)
def cp608(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An agreement whose `review` date has passed.

    Why: agreements set expectations for a time period; reviewing them lets the convener
    "reset expectations for all stakeholders and not just those who might be feeling
    undervalued."

    Fix: meet, review the roles and asks, and set the next review date.
    """
    for stakeholder in p.stakeholders:
        agreement = stakeholder.agreement
        if stakeholder.status == Status.EXITED or agreement is None:
            continue
        due = agreement.review
        if agreement.status != AgreementStatus.ENDED and due and due < as_of:
            yield Hit(p.spot(stakeholder, "agreement", "review"),
                      f"the agreement review with {who(stakeholder)} was due {long_date(due)}")


def _hazardous_asks(p: Partnership, exempt: bool) -> Iterator[tuple[Stakeholder, int, Ask,
                                                                  list[HazardOrder]]]:
    """Each ask that may place students under 18 with the orders it touches that have
    (`exempt`) or have not a student-learner exemption."""
    for stakeholder in p.stakeholders:
        for index, ask in enumerate(stakeholder.asks):
            orders = minors_orders([ask], exempt=exempt)
            if orders:
                yield stakeholder, index, ask, orders


@rule("CP609", "error", "Set the ask's `min_age` to 18, or take the hazardous task out of it "
      "(`ctepartner set stakeholders.ID.asks` ...).")
def cp609(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An ask that may host students under 18 touches a Hazardous Occupations Order that
    no student under 18 may work under.

    Why: the playbook's partnership agreements articulate "the responsibilities that both
    parties ... commit to upholding"; placing a student in work the law forbids them is a
    responsibility no agreement can take on. US law (the Fair Labor Standards Act, 29 CFR
    570 Subpart E) names seventeen Hazardous Occupations Orders; ten of them (HO1-HO4, HO6,
    HO7, HO9, HO11, HO13, HO15: driving, forklifts and hoists among them) have no
    student-learner exemption. An ask of a kind that hosts students without `min_age` is
    taken to accept students under 18. State law may be stricter.

    Fix: set `min_age: 18` on the ask, or take the task out of it.

    Example:

        - {what: Drive the parts van, kind: internship, hours_per_month: 4, hazards: [HO2]}
    """
    for stakeholder, index, ask, orders in _hazardous_asks(p, exempt=False):
        yield Hit(p.spot(stakeholder, "asks", index, "hazards"),
                  f"the ask \"{ask.what or ask.kind}\" of {who(stakeholder)} may place a "
                  f"student under 18 in {hazard_words(orders)}, which no one under 18 may do")


@rule("CP610", "warning", "List what the student learns in the placement: `competencies` on "
      "the ask; the training agreement prints them as its training plan.")
def cp610(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An ask that hosts students and touches a Hazardous Occupations Order with a
    student-learner exemption has no `competencies`.

    Why: the playbook asks for agreements that articulate each party's responsibilities.
    For a student of 16 or 17 in work under HO5, HO8, HO10, HO12, HO14, HO16 or HO17, the
    exemption of 29 CFR 570.50(c) holds only under a written agreement that includes "a
    schedule of organized and progressive work processes to be performed on the job": the
    training agreement prints the ask's competencies as that schedule.

    Fix: add the competencies the student works toward (`competencies: [...]` on the ask).
    """
    for stakeholder, index, ask, orders in _hazardous_asks(p, exempt=True):
        if not ask.competencies:
            yield Hit(p.spot(stakeholder, "asks", index),
                      f"the ask \"{ask.what or ask.kind}\" of {who(stakeholder)} touches "
                      f"{hazard_words(orders)} and lists no competencies for the student's "
                      "training plan")
