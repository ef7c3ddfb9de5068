"""`ctepartner calendar`: an .ics of what is due, that every calendar program reads alike.

Importing the file again updates the same events instead of duplicating them: each event's
UID names the partnership and the thing that is due, never the run or its title. SEQUENCE
grows with the day the file was made, so a newer file wins; an activity that is done or
dropped, and a meeting action that is done, stay in the file as cancelled, so an import
removes them from the calendar it was put in.

Repeats use only rules that Outlook, Google Calendar, Thunderbird and Nextcloud (ical.js)
and recurring-ical-events expand alike: a plain monthly or yearly rule, `BYMONTHDAY=-1` for
the last day of the month; where no rule says it the same in every program (the 29th or
30th of each month, the last day of shorter ones), the dates themselves, one event each, for
EXPLICIT_YEARS.
"""

from __future__ import annotations

import calendar as months
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
EXPLICIT_YEARS = 2  # how far ahead dates are written out where no rule is portable
_EPOCH = dt.date(2020, 1, 1)  # SEQUENCE: days from this to the day the file was made


def _last_day(day: dt.date) -> int:
    return months.monthrange(day.year, day.month)[1]


def recurrence(cadence: Cadence, start: dt.date) -> dict[str, object] | None:
    """The RRULE for a cadence starting on `start`, by calendar month; None where no rule is
    read alike everywhere (then `explicit_dates` gives the dates). An update due on the
    last day of a month (after the 28th) repeats on the last day, `BYMONTHDAY=-1`; one due on
    29 February falls on the last day of February."""
    rule = dict(_RECURRENCE[cadence])
    if rule["FREQ"] == "MONTHLY" and start.day > 28:
        if start.day != _last_day(start):
            return None  # the 29th or 30th, else the month's last day: no portable rule
        rule["BYMONTHDAY"] = -1
    if rule["FREQ"] == "YEARLY" and (start.month, start.day) == (2, 29):
        rule |= {"BYMONTH": 2, "BYMONTHDAY": -1}
    return rule


def explicit_dates(cadence: Cadence, start: dt.date, until: dt.date) -> list[dt.date]:
    """A monthly cadence's dates from `start` to `until`: the same day of the month, or the
    last day of a shorter month."""
    step = int(str(_RECURRENCE[cadence].get("INTERVAL", 1)))
    dates = []
    for count in range(0, (until.year - start.year + 1) * 12 + 1, step):
        month = start.month - 1 + count
        first = dt.date(start.year + month // 12, month % 12 + 1, 1)
        day = first.replace(day=min(start.day, _last_day(first)))
        if day > until:
            break
        dates.append(day)
    return dates


def ics(due: list[tuple[str, str, list[Due]]], as_of: dt.date) -> bytes:
    """The calendar for (partnership id, name, items); the same input gives the same bytes."""
    calendar = Calendar()
    calendar.add("prodid", f"-//ctepartner//{__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Partnership due dates")
    stamp = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    until = as_of.replace(year=as_of.year + EXPLICIT_YEARS) if (as_of.month, as_of.day) != (
        2, 29) else as_of.replace(year=as_of.year + EXPLICIT_YEARS, day=28)
    for partnership_id, name, items in due:
        for item in items:
            uid = f"{partnership_id}.{item.key}"
            rule = recurrence(item.cadence, item.date) if item.cadence else None
            if item.cadence is not None and rule is None:
                for day in explicit_dates(item.cadence, item.date, until):
                    calendar.add_component(_event(f"{uid}.{day.isoformat()}", day, name,
                                                  item, stamp, as_of))
                continue
            event = _event(uid, item.date, name, item, stamp, as_of)
            if rule is not None:
                event.add("rrule", vRecur(rule))
            calendar.add_component(event)
    return bytes(calendar.to_ical())


def _event(uid: str, day: dt.date, name: str, item: Due, stamp: dt.datetime,
           as_of: dt.date) -> Event:
    event = Event()
    event.add("uid", f"{uid}@ctepartner")
    event.add("dtstamp", stamp)
    event.add("sequence", (as_of - _EPOCH).days if as_of > _EPOCH else 0)
    event.add("dtstart", day)
    event.add("summary", f"{name}: {item.what} ({item.kind})")
    event.add("categories", [item.kind])
    event.add("status", "CANCELLED" if item.finished else "CONFIRMED")
    return event
