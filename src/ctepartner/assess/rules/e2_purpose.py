"""Element 2: a clear purpose, established protocols, goals and a strategic action plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ctepartner.assess.registry import Hit, rule
from ctepartner.assess.rules.common import listed
from ctepartner.language import long_date
from ctepartner.load.partnership import Partnership
from ctepartner.model.files import ActivityStatus, FileName, Goal
from ctepartner.words import words


def _goals(p: Partnership) -> list[Goal]:
    about = p.about
    return about.goals if about else []


@rule("CP201", "error", "Write the purpose statement you will share with stakeholders: "
      "`ctepartner set partnership.purpose.statement \"...\"`.")
def cp201(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No purpose statement.

    Why: "The first step prior to contacting any potential partner—the who—is knowing the
    why, how, what and when for doing so." And: "Have your 'purpose statement' and action
    plan built out at the beginning."

    Fix: write a short statement of what the partnership does, for whom and why.

    Example:

        purpose:
          statement: >
            Rutherford Works ... empowers and inspires the current and future workforce
            of Rutherford County to become highly skilled, highly employable citizens.
    """
    about = p.about
    if about is None or about.purpose is None or not about.purpose.statement:
        where = p.spot(about, "purpose") if about else p.top()
        yield Hit(where, "no purpose statement: say why the partnership exists before asking "
                  "anyone to join")


@rule("CP202", "warning", "Fill in why, what, how and when: `ctepartner set "
      "partnership.purpose.when \"...\"` (and `why`, `what`, `how`).")
def cp202(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """The purpose leaves out one of why, what, how, when.

    Why: "The first step prior to contacting any potential partner—the who—is knowing the
    why, how, what and when for doing so. Though this seems basic, this essential step is
    often skipped in favor of an immediate ask."

    Fix: answer each of the four questions in a sentence.

    Example:

        purpose:
          why: Employers cannot fill advanced manufacturing jobs.
          what: Work-based learning and pathway review with employers.
          how: A council of employers, districts and the college meets monthly.
          when: School years 2026-27 through 2028-29.
    """
    about = p.about
    if about is None or about.purpose is None:
        return
    purpose = about.purpose
    missing = [name for name in ("why", "what", "how", "when") if not getattr(purpose, name)]
    if missing:
        yield Hit(p.spot(purpose), f"the purpose does not say {listed(missing)}")


@rule("CP203", "error", "List how recruitment, engagement, decisions and meetings are "
      "conducted (`ctepartner add protocol`).")
def cp203(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No protocols.

    Why: "this work can come in the form of protocols, which formalize how the larger work
    will be conducted, including stakeholder recruitment and engagement. ... external
    stakeholders are more likely to sign on."

    Fix: name at least one protocol and describe it.

    Example:

        protocols:
          - id: recruitment-protocol
            name: Recruitment protocol
            description: Profiles first, then interviews, then a signed agreement.
    """
    about = p.about
    if about is None or not about.protocols:
        yield Hit(p.spot(about, "protocols") if about else p.top(),
                  "no protocols: nothing formalizes how the work is conducted")


@rule("CP204", "error", "Add the goals the partnership works toward, with outcomes "
      "(`ctepartner add goal`).")
def cp204(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No goals.

    Why: successful intermediaries share a "formalized strategic process that includes
    goals, action steps and identified outcomes." (Rutherford Works spotlight)

    Fix: add one goal per shared aim, with outcomes and a due date.

    Example:

        goals:
          - id: close-skills-gaps
            title: Close skills gaps
            outcomes: [200 internships a year]
            due: 2027-06-30
    """
    about = p.about
    if not _goals(p):
        yield Hit(p.spot(about, "goals") if about else p.top(),
                  "no goals: the partnership names nothing it works toward")


@rule("CP205", "warning", "Give the goal its outcomes (`ctepartner add outcome --goal ID --text "
      "...`) and a due date (`ctepartner set partnership.goals.ID.due YYYY-MM-DD`).")
def cp205(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A goal with no outcomes or no due date.

    Why: the strategic process needs "goals, action steps and identified outcomes"; a goal
    without outcomes or a date cannot be measured or reached.

    Fix: list the outcomes and set `due`.
    """
    for goal in _goals(p):
        missing = [said for name, said in (("outcomes", "outcomes"), ("due", "due date"))
                   if not getattr(goal, name)]
        if missing:
            yield Hit(p.spot(goal), f"goal `{goal.id}` has no {' and no '.join(missing)}")


@rule("CP206", "warning", "Fill in the alignment: `ctepartner set "
      "partnership.alignment.postsecondary_programs \"...\"` (and `industries`, "
      "`labor_market_sources`).")
def cp206(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """Vertical alignment incomplete: no industries, labor-market source or postsecondary programs.

    Why: the playbook's three-pronged approach aligns pathways with "high-growth, high-skill
    state/regional labor market data", "current and projected state economic priorities"
    and "credentialed postsecondary programs".

    Fix: name the target industries, the labor-market data used and the programs pathways
    lead into.

    Example:

        alignment:
          industries: [advanced manufacturing, health care]
          labor_market_sources: [State occupational projections]
          postsecondary_programs: [Mechatronics AAS]
    """
    about = p.about
    if about is None:
        return
    alignment = about.alignment
    wanted = ("industries", "labor_market_sources", "postsecondary_programs")
    missing = [name for name in wanted if alignment is None or not getattr(alignment, name)]
    if missing:
        where = p.spot(alignment) if alignment else p.spot(about, "alignment")
        yield Hit(where, f"vertical alignment names no {listed(missing)}")


@rule("CP207", "warning", "List the activities in action-plan.yaml, with owners and dates "
      "(`ctepartner add activity`).")
def cp207(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No action plan: no action-plan.yaml, or no activities in it.

    Why: the toolbox's "Strategic action plan with a clear schedule of activities,
    identified responsible parties and embedded communications plan." And: "Have your
    'purpose statement' and action plan built out at the beginning."

    Fix: list the activities with an owner, dates and status.
    """
    plan = p.action_plan
    if plan is None or not plan.activities:
        where = p.spot_in(FileName.ACTION_PLAN) if plan else p.top()
        yield Hit(where, "no strategic action plan: no activities are scheduled")


@rule("CP208", "warning", "Mark the activity done or dropped (`ctepartner set "
      "action-plan.activities.ID.status done`), or set a new `due` date.")
def cp208(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An activity past its due date and not done or dropped.

    Why: "If your process is informal and there are no mechanisms in place to execute the
    action plan ... employers are not going to engage." An overdue plan is a stale plan.

    Fix: update the status, or agree a new due date and say so in the next update.
    """
    plan = p.action_plan
    finished = (ActivityStatus.DONE, ActivityStatus.DROPPED)
    for activity in plan.activities if plan else []:
        if activity.due and activity.due < as_of and activity.status not in finished:
            yield Hit(p.spot(activity, "due"), f"activity `{activity.id}` was due "
                      f"{long_date(activity.due)} and is {words(activity.status)}")


@rule("CP209", "warning", "Name an owner, a person or a stakeholder: `ctepartner set "
      "action-plan.activities.ID.owner stakeholder:ID`.")
def cp209(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An activity with no owner.

    Why: the strategic action plan has "identified responsible parties"; work nobody owns
    does not happen.

    Fix: name who is responsible.
    """
    plan = p.action_plan
    for activity in plan.activities if plan else []:
        if not activity.owner:
            yield Hit(p.spot(activity), f"activity `{activity.id}` has no owner")


@rule("CP210", "info", "Add an activity toward this goal (`ctepartner add activity --goal ID "
      "...`), or drop the goal.")
def cp210(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A goal that no activity works toward.

    Why: goals, action steps and outcomes go together in a formalized strategic process; a
    goal with no action steps is a wish. Not checked while there is no action plan (CP207).

    Fix: plan at least one activity toward the goal.
    """
    plan = p.action_plan
    if plan is None or not plan.activities:
        return
    worked_on = {activity.goal for activity in plan.activities}
    for goal in _goals(p):
        if goal.id not in worked_on:
            yield Hit(p.spot(goal), f"no activity works toward goal `{goal.id}`")
