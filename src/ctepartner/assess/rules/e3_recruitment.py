"""Element 3: purposeful stakeholder recruitment — profiles, a plan, interviews."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ctepartner.assess.registry import Hit, rule
from ctepartner.assess.rules.common import (
    listed,
    uncovered,
    who,
    with_status,
)
from ctepartner.load.partnership import Partnership
from ctepartner.model.base import CROSS_SECTOR, Stage
from ctepartner.model.files import PAST_IDENTIFIED, FileName, PerkinsGroup, Profile, Status


def _profiles(p: Partnership) -> list[Profile]:
    recruitment = p.recruitment
    return recruitment.profiles if recruitment else []


@rule("CP301", "error", "Add participant profiles: the expertise each seat needs and why "
      "(`ctepartner add profile`).")
def cp301(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No participant profiles.

    Why: "Participant Profiles describe what types of knowledge and skills are needed to
    accomplish the identified work ... what expertise and skills are desired from an
    industry sector, organization or government entity and, once filled, what need it will
    meet." They lead to "the selection of qualified stakeholders rather than impulsive
    selection making."

    Fix: write one profile per kind of seat.

    Example:

        profiles:
          - id: employer-advanced-manufacturing
            title: Advanced manufacturing employer
            sector: business
            need: Hosts job shadows and reviews the pathway curriculum.
            expertise: [CNC machining]
            seats: 3
    """
    if not _profiles(p):
        recruitment = p.recruitment
        where = p.spot(recruitment, "profiles") if recruitment else p.top()
        yield Hit(where, "no participant profiles: nothing says what expertise each seat needs")


@rule("CP302", "warning", "Say what the seat needs: `ctepartner set recruitment.profiles.ID.need "
      "\"...\"` (and `expertise`).")
def cp302(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A profile with no `need` or no `expertise`.

    Why: a profile "does need to capture what expertise and skills are desired ... and, once
    filled, what need it will meet."

    Fix: add both.
    """
    for profile in _profiles(p):
        missing = [name for name in ("need", "expertise") if not getattr(profile, name)]
        if missing:
            yield Hit(p.spot(profile), f"profile `{profile.id}` has no {listed(missing)}")


@rule("CP303", "error", "Add a profile for each of K-12, postsecondary and business (`ctepartner "
      "add profile --sector k12 ...`).")
def cp303(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """Not cross-sector: no profile for one of k12, postsecondary, business.

    Why: the common challenge is "developing cross-sector partnerships among K-12 education,
    business and industry organizations and postsecondary institutions." All three sectors
    have seats at the table.

    Fix: add the missing sector's profile.
    """
    profiles = _profiles(p)
    if not profiles:
        return
    missing = uncovered(profiles, "sector", CROSS_SECTOR)
    if missing:
        yield Hit(p.spot_in(FileName.RECRUITMENT, "profiles"),
                  f"not cross-sector: no profile for {listed(missing)}")


@rule("CP304", "error", "Give the recruitment `plan:` an owner and steps (`ctepartner add "
      "step`), and share it.")
def cp304(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No recruitment plan (no plan, or no steps).

    Why: "When the overall recruitment process is not strong, the ability to execute on a
    high-quality Career and Technical Education program or initiative is nearly impossible.
    Developing a strong action plan for recruitment—and sharing it broadly—is one key
    lesson learned."

    Fix: write the plan's steps with owners and dates.

    Example:

        plan:
          owner: Convener staff
          shared_with: [Executive council]
          steps:
            - {id: map-employers, title: Map employers in target sectors, due: 2026-09-30}
    """
    recruitment = p.recruitment
    if recruitment is None or recruitment.plan is None or not recruitment.plan.steps:
        where = p.spot(recruitment, "plan") if recruitment else p.top()
        yield Hit(where, "no recruitment plan with steps")


@rule("CP305", "warning", "Add interview questions on organization, position and skills, interest "
      "and capacity (`ctepartner add question --text \"...\"`).")
def cp305(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No interview guide.

    Why: candidate "interviews" look at "a candidate's (a) organization/business (what it
    does/produces), (b) position and skills (role/responsibilities), (c) level of interest
    and (d) capacity to serve in the manner needed."

    Fix: write the questions you ask every candidate.
    """
    recruitment = p.recruitment
    guide = recruitment.interview_guide if recruitment else None
    if recruitment is not None and (guide is None or not guide.questions):
        yield Hit(p.spot(recruitment, "interview_guide"), "no interview guide for candidates")


@rule("CP306", "warning", "Record the interview: `ctepartner set stakeholders.ID.interview.date "
      "YYYY-MM-DD` (and `interest`, `capacity`).", due_from=Stage.LAUNCHING)
def cp306(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A stakeholder committed, active or paused with no interview on record.

    Why: "Closely paired with knowing what is needed is ensuring that an identified
    candidate agrees with that need ... A hiring process should be rigorous and sound so
    that the right candidate is found the first time."

    Fix: record when you talked, their interest and their capacity.
    """
    for stakeholder in with_status(p, Status.COMMITTED, Status.ACTIVE, Status.PAUSED):
        if stakeholder.interview is None:
            yield Hit(p.spot(stakeholder), f"{who(stakeholder)} is {stakeholder.status.value} "
                      "with no interview on record")


@rule("CP307", "warning", "Set the profile this stakeholder fills: `ctepartner set "
      "stakeholders.ID.profile PROFILE`.")
def cp307(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A stakeholder past `identified` that fills no profile.

    Why: profiles "reduce the mismatching, misidentification or failed identification of
    qualified stakeholders" — recruiting someone for no profile is the impulsive selection
    they guard against. "In the beginning, we just wanted voices, any voices."

    Fix: link the stakeholder to a profile, or write the profile they fill.
    """
    for stakeholder in with_status(p, *PAST_IDENTIFIED):
        if not stakeholder.profile:
            yield Hit(p.spot(stakeholder), f"{who(stakeholder)} fills no participant profile")


@rule("CP308", "info", "Recruit for the open seats, or lower them: `ctepartner set "
      "recruitment.profiles.ID.seats N`.")
def cp308(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A profile with fewer committed or active stakeholders than seats.

    Why: the profile says how many seats the work needs; open seats are the recruitment
    plan's to-do list.

    Fix: recruit, or change the number of seats.
    """
    engaged = with_status(p, Status.COMMITTED, Status.ACTIVE)
    for profile in _profiles(p):
        filled = sum(1 for stakeholder in engaged if stakeholder.profile == profile.id)
        if profile.seats is not None and filled < profile.seats:
            yield Hit(p.spot(profile, "seats"), f"profile `{profile.id}` has {filled} of "
                      f"{profile.seats} seats filled")


_PERKINS_REQUIRED = [g for g in PerkinsGroup if g not in (PerkinsGroup.TRIBAL, PerkinsGroup.OTHER)]


@rule("CP309", "warning", "Recruit a stakeholder for each missing group and list it: `ctepartner "
      "set stakeholders.ID.perkins_groups GROUP...`.")
def cp309(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """With `perkins_consultation: true`, a Perkins V §134(d) group nobody represents.

    Why: when the partnership serves as a Perkins V local needs-assessment consultation,
    the law names the stakeholder groups to consult; state leaders implementing Perkins V
    "have a responsibility to build partnerships with local leaders" (Advance CTE).
    `tribal` and `other` are never required.

    Fix: recruit a stakeholder for each missing group.
    """
    about = p.about
    if about is None or not about.perkins_consultation:
        return
    represented = {group for s in with_status(p, *PAST_IDENTIFIED) for group in s.perkins_groups}
    missing = [group.value for group in _PERKINS_REQUIRED if group not in represented]
    if missing:
        yield Hit(p.spot(about, "perkins_consultation"),
                  f"no stakeholder represents the Perkins V group {listed(missing)}")


@rule("CP310", "warning", "Add the stakeholders you have identified (`ctepartner add stakeholder "
      "...`, or `ctepartner import stakeholders FILE`).",
      due_from=Stage.LAUNCHING)
def cp310(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No stakeholders yet (no stakeholders.yaml, or an empty list).

    Why: the partnership exists to engage "critical stakeholders in a process for review,
    input, collaboration and sustained action."

    Fix: add the stakeholders you have identified, with their pipeline status.
    """
    if not p.stakeholders:
        roster = p.roster
        where = p.spot(roster, "stakeholders") if roster else p.top()
        yield Hit(where, "no stakeholders yet")


@rule("CP311", "warning", "Say what you will ask of this seat before anyone is contacted "
      "(`ctepartner set recruitment.profiles.ID.asks \"host job shadows\"`).")
def cp311(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A participant profile with no `asks`.

    Why: "Know what and how you want to engage stakeholders in the process before you
    contact anyone." A recruitment packet for a profile with nothing to ask cannot recruit.

    Fix: list what the partnership will ask of whoever fills this seat, with its kind on
    the work-based learning continuum.

    Example:

        asks:
          - {what: host two job shadows each spring, kind: job_shadow}
    """
    for profile in p.recruitment.profiles if p.recruitment else []:
        if not profile.asks:
            yield Hit(p.spot(profile), f"profile `{profile.id}` asks nothing of the seat")
