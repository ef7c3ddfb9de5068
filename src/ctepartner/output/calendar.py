"""`ctepartner calendar`: an .ics of what is due, with stable UIDs.

Importing the file again updates the same events instead of duplicating them, because each
event's UID names the partnership and the thing that is due, never the run.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, vRecur

from ctepartner import __version__
from ctepartner.model.base import Cadence
from ctepartner.schedule import Due

_RECURRENCE: dict[Cadence, dict[str, object]] = {
    Cadence.WEEKLY: {"FREQ": "WEEKLY"},
    Cadence.BIWEEKLY: {"FREQ": "WEEKLY", "INTERVAL": 2},
    Cadence.MONTHLY: {"FREQ": "MONTHLY"},
    Cadence.QUARTERLY: {"FREQ": "MONTHLY", "INTERVAL": 3},
    Cadence.SEMIANNUAL: {"FREQ": "MONTHLY", "INTERVAL": 6},
    Cadence.ANNUAL: {"FREQ": "YEARLY"},
}


def recurrence(cadence: Cadence, start: dt.date) -> dict[str, object]:
    """The RRULE for a cadence starting on `start`, by calendar month: an update due on the
    31st falls on the last day of shorter months (calendars skip a plain BYMONTHDAY=31
    month), and one due on 29 February on the 28th in common years."""
    rule = dict(_RECURRENCE[cadence])
    if rule["FREQ"] == "MONTHLY" and start.day > 28:
        rule |= {"BYMONTHDAY": list(range(28, start.day + 1)), "BYSETPOS": -1}
    if rule["FREQ"] == "YEARLY" and (start.month, start.day) == (2, 29):
        rule |= {"BYMONTH": 2, "BYMONTHDAY": [28, 29], "BYSETPOS": -1}
    return rule


def ics(due: list[tuple[str, str, list[Due]]], as_of: dt.date) -> bytes:
    """The calendar for (partnership id, name, items); the same input gives the same bytes."""
    calendar = Calendar()
    calendar.add("prodid", f"-//ctepartner//{__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Partnership due dates")
    stamp = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    for partnership_id, name, items in due:
        for item in items:
            event = Event()
            event.add("uid", f"{partnership_id}.{item.key}@ctepartner")
            event.add("dtstamp", stamp)
            event.add("dtstart", item.date)
            event.add("summary", f"{name}: {item.what} ({item.kind})")
            event.add("categories", [item.kind])
            if item.cadence is not None:
                event.add("rrule", vRecur(recurrence(item.cadence, item.date)))
            calendar.add_component(event)
    return bytes(calendar.to_ical())
