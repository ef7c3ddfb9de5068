"""What is due, and when: the convener's Monday-morning list behind `status` and `calendar`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ctepartner.domain import TEMPERATURE_CHECK_DAYS
from ctepartner.language import gettext
from ctepartner.load.partnership import Partnership
from ctepartner.model.base import Cadence
from ctepartner.model.files import ActivityStatus, AgreementStatus, Status
from ctepartner.words import reference, words


@dataclass(frozen=True)
class Due:
    """One thing due on a date; `key` names it stably, for calendar UIDs."""

    date: dt.date
    kind: str
    what: str
    key: str
    cadence: Cadence | None = None
    finished: bool = False  # done or dropped: a calendar publishes it as cancelled

    def overdue(self, as_of: dt.date) -> bool:
        return self.date < as_of


def due_items(p: Partnership, as_of: dt.date) -> list[Due]:
    """Everything the partnership has coming up or overdue, by date."""
    items = [*_communications(p, as_of), *_agreements(p), *_activities(p), *_actions(p),
             *_check_ins(p, as_of)]
    return sorted(items, key=lambda item: (item.date, item.kind, item.key))


def calendar_items(p: Partnership, as_of: dt.date) -> list[Due]:
    """What is due, and the activities and meeting actions that have been finished since
    they were put in a calendar, so that importing the calendar again cancels them."""
    items = [*due_items(p, as_of), *_activities(p, finished=True), *_actions(p, finished=True)]
    return sorted(items, key=lambda item: (item.date, item.kind, item.key))


def due_within(p: Partnership, as_of: dt.date, days: int) -> list[Due]:
    """What is overdue, or due in the next `days` days."""
    horizon = as_of + dt.timedelta(days=days)
    return [item for item in due_items(p, as_of) if item.date <= horizon]


def _communications(p: Partnership, as_of: dt.date) -> list[Due]:
    communications = p.communications
    if communications is None:
        return []
    items = []
    for entry in communications.plan:
        if entry.cadence is None:
            continue
        sent = [log.date for log in communications.log if log.plan == entry.id]
        when = max(sent) + dt.timedelta(days=entry.cadence.days) if sent else as_of
        items.append(Due(when, "communication", _update(p, entry.cadence, entry.audience),
                         f"communication.{entry.id}", entry.cadence))
    return items


def _update(p: Partnership, cadence: Cadence, audience: str | None) -> str:
    """"send the monthly update to active stakeholders" (to Acme Precision, to K-12
    partners), in the language being written."""
    if audience:
        return gettext("send the {cadence} update to {audience}").format(
            cadence=words(cadence), audience=reference(p, audience))
    return gettext("send the {cadence} update").format(cadence=words(cadence))


def _agreements(p: Partnership) -> list[Due]:
    items = []
    for s in p.stakeholders:
        agreement = s.agreement
        if agreement is None or agreement.status == AgreementStatus.ENDED:
            continue
        if s.status not in (Status.ACTIVE, Status.COMMITTED, Status.PAUSED):
            continue
        if agreement.end:
            items.append(Due(agreement.end, "agreement", gettext(
                "{organization}: agreement ends").format(organization=s.organization),
                f"agreement-end.{s.id}"))
        if agreement.review:
            items.append(Due(agreement.review, "agreement", gettext(
                "{organization}: review the agreement").format(organization=s.organization),
                f"agreement-review.{s.id}"))
    return items


def _activities(p: Partnership, *, finished: bool = False) -> list[Due]:
    """Activities with a due date that are still to do (`finished`: those done or dropped)."""
    plan = p.action_plan
    ended = (ActivityStatus.DONE, ActivityStatus.DROPPED)
    return [
        Due(a.due, "activity", f"finish {a.title or a.id} ({words(a.status)})",
            f"activity.{a.id}", finished=finished)
        for a in (plan.activities if plan else [])
        if a.due and (a.status in ended) == finished
    ]


def _actions(p: Partnership, *, finished: bool = False) -> list[Due]:
    """Meeting actions with a due date, not yet done (`finished`: done). An action is named
    by its meeting's date and its place in the meeting's list, so a new title keeps its
    calendar event, and two actions of the same title are two events."""
    communications = p.communications
    items = []
    for meeting in communications.meetings if communications else []:
        for number, action in enumerate(meeting.actions, start=1):
            if action.due and action.done == finished:
                items.append(Due(action.due, "meeting action",
                                 action.title or "untitled action",
                                 f"action.{meeting.date.isoformat()}.{number}",
                                 finished=finished))
    return items


def _check_ins(p: Partnership, as_of: dt.date) -> list[Due]:
    items = []
    for s in p.stakeholders:
        if s.status != Status.ACTIVE:
            continue
        dates = [check.date for check in s.temperature_checks]
        when = max(dates) + dt.timedelta(days=TEMPERATURE_CHECK_DAYS) if dates else as_of
        items.append(Due(when, "temperature check", f"check in with {s.organization}",
                         f"check-in.{s.id}"))
    return items
