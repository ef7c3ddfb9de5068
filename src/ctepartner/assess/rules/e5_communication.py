"""Element 5: open lines of communication — a plan, kept to, with both kinds of progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ctepartner.assess.registry import Hit, rule
from ctepartner.assess.rules.common import who, with_status
from ctepartner.domain import SURVEY_DAYS, TEMPERATURE_CHECK_DAYS
from ctepartner.language import long_date
from ctepartner.load.partnership import Partnership
from ctepartner.model.base import Stage
from ctepartner.model.files import CommunicationsFile, Include, Status
from ctepartner.survey.scoring import waves


def _plan(p: Partnership) -> CommunicationsFile | None:
    """The communications file, when it has a plan to judge."""
    communications = p.communications
    return communications if communications and communications.plan else None


@rule("CP501", "error", "Plan who hears what, how and how often in communications.yaml "
      "(`ctepartner add plan`).")
def cp501(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No communications plan.

    Why: "Stakeholder communications must be coordinated and consistent throughout a
    process ... Though this level of transparency and communication may seem obvious, it is
    too often the weakest element."

    Fix: plan who hears what, how and how often.

    Example:

        plan:
          - id: monthly-update
            audience: active_stakeholders
            channel: email newsletter
            cadence: monthly
            includes: [quantitative, qualitative]
    """
    if _plan(p) is None:
        communications = p.communications
        where = p.spot(communications, "plan") if communications else p.top()
        yield Hit(where, "no communications plan")


@rule("CP502", "warning", "Plan updates for the partners: `ctepartner add plan --audience "
      "active_stakeholders ...`.")
def cp502(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No plan entry for the stakeholders themselves.

    Why: "Stakeholders who are actively engaged in the process should be provided regular
    progress updates on the action plan, as well as progress toward meeting overall goals
    and outcomes."

    Fix: plan a regular update whose audience is `active_stakeholders` or `all_stakeholders`.
    """
    communications = _plan(p)
    if communications is None:
        return
    wanted = ("active_stakeholders", "all_stakeholders")
    if not any(entry.audience in wanted for entry in communications.plan):
        yield Hit(p.spot(communications, "plan"), "no planned update reaches the stakeholders")


@rule("CP503", "warning", "Plan updates for the community: `ctepartner add plan --audience "
      "community ...`.")
def cp503(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No plan entry for the broader community.

    Why: "the overall partnership and activities must be clearly communicated and promoted
    to all stakeholders, as well as to the broader communities (statewide, regional and
    local) that may be impacted by the work."

    Fix: plan a public update (a web page, a report to the board, a newsletter).
    """
    communications = _plan(p)
    if communications is None:
        return
    if not any(entry.audience == "community" for entry in communications.plan):
        yield Hit(p.spot(communications, "plan"), "no planned update reaches the broader "
                  "community")


@rule("CP504", "warning", "Send the update and log it (`ctepartner add update --plan ID ...`), or "
      "change the plan's cadence.",
      due_from=Stage.LAUNCHING)
def cp504(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A plan entry whose latest log entry is older than its cadence allows, or never sent.

    Why: "there is no such thing as over-communicating." A plan that is not kept is worse
    than none: stakeholders notice the silence.

    Fix: send the update and add it to `log:`. Cadence allows 7, 14, 31, 92, 183 or 366
    days (weekly to annual).
    """
    communications = _plan(p)
    if communications is None:
        return
    for entry in communications.plan:
        sent = [log.date for log in communications.log if log.plan == entry.id]
        if not sent:
            yield Hit(p.spot(entry), f"the `{entry.id}` update has never been sent")
        elif entry.cadence and (as_of - max(sent)).days > entry.cadence.days:
            yield Hit(p.spot(entry, "cadence"), f"the {entry.cadence.value} `{entry.id}` update "
                      f"was last sent {long_date(max(sent))}")


@rule("CP505", "info", "In the next update, share a number and a story: `ctepartner add update "
      "... --includes quantitative,qualitative`.", due_from=Stage.LAUNCHING)
def cp505(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No update in the log shares both quantitative and qualitative progress.

    Why: "These updates should include the sharing of qualitative and quantitative metrics."

    Fix: pair the numbers with a story, and log it with both in `includes`.
    """
    communications = _plan(p)
    if communications is None:
        return
    both = {Include.QUANTITATIVE, Include.QUALITATIVE}
    if not any(both <= set(entry.includes) for entry in communications.log):
        yield Hit(p.spot(communications, "log"), "no update has shared both numbers and stories")


@rule("CP506", "info", "Check in with this stakeholder and record it: `ctepartner add check-in "
      "--stakeholder ID --rating N --date YYYY-MM-DD`.",
      due_from=Stage.LAUNCHING)
def cp506(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An active stakeholder with no temperature check in the last 183 days.

    Why: "Always check in, and always do 'temperature checks' to make sure your partners
    are doing okay." — Delaware Pathways

    Fix: ask how it is going, and record the rating (1-5) under `temperature_checks`.
    """
    since = as_of - dt.timedelta(days=TEMPERATURE_CHECK_DAYS)
    for stakeholder in with_status(p, Status.ACTIVE):
        if not any(check.date >= since for check in stakeholder.temperature_checks):
            yield Hit(p.spot(stakeholder), f"no temperature check with {who(stakeholder)} in "
                      "the last six months")


@rule("CP507", "warning", "Mark the action `done: true`, or set a new `due` date.",
      due_from=Stage.LAUNCHING)
def cp507(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A meeting action past its due date and not done.

    Why: "Do the convener's actions and words mirror each other?" Actions agreed in a
    council meeting and then dropped cost the convener its credibility.

    Fix: do it and mark it done, or agree a new date.
    """
    communications = p.communications
    for meeting in communications.meetings if communications else []:
        for index, action in enumerate(meeting.actions):
            if action.due and action.due < as_of and not action.done:
                title = action.title or "untitled"
                yield Hit(p.spot(meeting, "actions", index, "due"),
                          f"the action \"{title}\" from the {long_date(meeting.date)} meeting "
                          f"was due {long_date(action.due)}")


@rule("CP508", "warning", "Survey the partners (`ctepartner survey form`, then `ctepartner "
      "survey import`).", due_from=Stage.OPERATING)
def cp508(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """No survey wave opened in the last 366 days (no survey.yaml, or its latest wave is
    older).

    Why: the playbook asks for "a formal stakeholder evaluation" in at least five broad
    categories, for person and for process: the partners' own view of the partnership, not
    only the convener's.

    Fix: send the survey form (`ctepartner survey form`) and import the answers.
    """
    found = waves(p)
    if not found:
        survey = p.survey
        where = p.spot(survey, "waves") if survey else p.top()
        yield Hit(where, "no partner survey yet")
        return
    latest = found[-1]
    if (as_of - latest.opened).days > SURVEY_DAYS:
        yield Hit(p.spot(latest, "opened"), f"the latest partner survey, wave `{latest.id}`, "
                  f"opened {long_date(latest.opened)}, more than a year ago")
