"""`ctepartner add KIND`: append one entry to the right file, validated before it is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ctepartner.author.guard import fix_first, read_for_edit
from ctepartner.author.insert import append_entry
from ctepartner.author.scalars import block, flow
from ctepartner.errors import UserError
from ctepartner.load.discover import one_partnership
from ctepartner.load.journal import editing
from ctepartner.load.partnership import MAIN, Partnership, load
from ctepartner.load.validate import plain_message
from ctepartner.model.base import Node
from ctepartner.model.files import (
    Activity,
    Ask,
    FileName,
    Goal,
    Intermediary,
    LogEntry,
    Meeting,
    MeetingAction,
    Metric,
    Observation,
    Person,
    PlanEntry,
    Profile,
    Protocol,
    Question,
    Quote,
    Role,
    Stakeholder,
    Step,
    TemperatureCheck,
)
from ctepartner.spelling import closest
from ctepartner.words import as_meant


@dataclass(frozen=True)
class Addition:
    """Where one new entry goes and what it says."""

    file: str
    parent: tuple[str | int, ...]
    key: str
    entry: dict[str, Any]
    model: type[Node]
    one_line: bool


def add_entry(path: Path, kind: str, options: dict[str, Any]) -> Path:
    """Append the entry that `options` describe; return the file written."""
    directory = one_partnership(path)
    with editing(directory):
        partnership = load(directory)
        addition = ADDITIONS[kind](partnership, _clean(options))
        entry = as_meant(addition.model, addition.entry)  # `--sector K-12` is k12
        _validate(addition.model, addition.key, entry)
        edit = read_for_edit(partnership, addition.file)
        fix_first(edit)

        def render(indent: int) -> list[str]:
            if addition.one_line:
                return [" " * indent + "- " + flow(entry)]
            return block(entry, indent)

        edit.save(append_entry(edit.text, addition.parent, addition.key, render))
    return edit.path


def _clean(options: dict[str, Any]) -> dict[str, Any]:
    """Drop options that were not given."""
    return {key: value for key, value in options.items() if value not in (None, [], "")}


def _validate(model: type[Node], key: str, entry: dict[str, Any]) -> None:
    try:
        model.model_validate(entry)
    except ValidationError as error:
        detail = error.errors(include_url=False)[0]
        raise UserError(f"invalid {key} entry: {plain_message(detail)}") from None


# --- one builder per kind --------------------------------------------------------------


def _known(partnership: Partnership, kind: str, wanted: str, option: str) -> None:
    """A referenced id must exist (when its file can be read)."""
    known = partnership.ids(kind)
    if known is None or wanted in known:
        return
    guess = closest(wanted, known)
    tail = f"; did you mean {guess!r}?" if guess else ""
    raise UserError(f"{option} {wanted!r}: no such {kind} in this partnership{tail}")


def _new_id(partnership: Partnership, kind: str, wanted: str) -> None:
    if wanted in (partnership.ids(kind) or set()):
        article = "an" if kind[0] in "aeiou" else "a"
        raise UserError(f"--id {wanted!r}: {article} {kind} with this id already exists")


def _index(partnership: Partnership, kind: str, wanted: str) -> int:
    """The position of the item with id `wanted` in its list, as written."""
    for index, (item_id, _loc) in enumerate(partnership.raw_ids(kind) or []):
        if item_id == wanted:
            return index
    raise UserError(f"no {kind} {wanted!r} in this partnership")


def _date(value: Any) -> Any:
    """Dates as dates, so that they are written plain (`2026-10-01`); bad ones stay text."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        return value


def _stakeholder(p: Partnership, o: dict[str, Any]) -> Addition:
    _new_id(p, "stakeholder", o["id"])
    for field, kind in (("profile", "profile"), ("role", "role")):
        if field in o:
            _known(p, kind, o[field], f"--{field}")
    contact = {key: o[f"contact_{key}"] for key in ("name", "title", "email")
               if f"contact_{key}" in o}
    entry: dict[str, Any] = {"id": o["id"], "organization": o["organization"],
                             "sector": o["sector"]}
    if contact:
        entry["contact"] = contact
    entry |= _pick(o, "profile", "status", "role")
    entry.setdefault("status", "identified")
    return Addition(FileName.STAKEHOLDERS, (), "stakeholders", entry, Stakeholder, False)


def _observation(p: Partnership, o: dict[str, Any]) -> Addition:
    _known(p, "metric", o["metric"], "--metric")
    entry = {"date": _date(o["date"]), "value": o["value"]}
    entry |= {"note": o["note"]} if "note" in o else {}
    parent = ("metrics", _index(p, "metric", o["metric"]))
    return Addition(FileName.METRICS, parent, "observations", entry, Observation, True)


def _update(p: Partnership, o: dict[str, Any]) -> Addition:
    _known(p, "plan", o["plan"], "--plan")
    entry: dict[str, Any] = {"date": _date(o["date"]), "plan": o["plan"], "summary": o["summary"]}
    if "includes" in o:
        entry["includes"] = _split(o["includes"])
    return Addition(FileName.COMMUNICATIONS, (), "log", entry, LogEntry, True)


def _check_in(p: Partnership, o: dict[str, Any]) -> Addition:
    _known(p, "stakeholder", o["stakeholder"], "--stakeholder")
    entry = {"date": _date(o["date"]), "rating": o["rating"]}
    entry |= {"note": o["note"]} if "note" in o else {}
    parent = ("stakeholders", _index(p, "stakeholder", o["stakeholder"]))
    return Addition(FileName.STAKEHOLDERS, parent, "temperature_checks", entry, TemperatureCheck,
                    True)


def _meeting(p: Partnership, o: dict[str, Any]) -> Addition:
    entry: dict[str, Any] = {"date": _date(o["date"]), "body": o["body"]}
    entry |= {"attendees": o["attendee"]} if "attendee" in o else {}
    entry |= {"decisions": o["decision"]} if "decision" in o else {}
    return Addition(FileName.COMMUNICATIONS, (), "meetings", entry, Meeting, False)


def _activity(p: Partnership, o: dict[str, Any]) -> Addition:
    _new_id(p, "activity", o["id"])
    _known(p, "goal", o["goal"], "--goal")
    entry = {"id": o["id"], "title": o["title"], "goal": o["goal"], "owner": o["owner"]}
    entry |= {"start": _date(o["start"])} if "start" in o else {}
    entry |= {"due": _date(o["due"]), "status": o.get("status", "planned")}
    return Addition(FileName.ACTION_PLAN, (), "activities", entry, Activity, False)


def _pick(options: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The given options among `keys`, in that order."""
    return {key: options[key] for key in keys if key in options}


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _point(o: dict[str, Any], name: str) -> dict[str, Any]:
    value, date = o.get(f"{name}_value"), o.get(f"{name}_date")
    point: dict[str, Any] = {} if value is None else {"value": value}
    return point | ({"date": _date(date)} if date else {})


def _goal(p: Partnership, o: dict[str, Any]) -> Addition:
    _new_id(p, "goal", o["id"])
    entry: dict[str, Any] = {"id": o["id"], "title": o["title"]}
    entry |= {"outcomes": o["outcome"]} if "outcome" in o else {}
    entry |= {"due": _date(o["due"])} if "due" in o else {}
    return Addition(MAIN, (), "goals", entry, Goal, False)


def _protocol(p: Partnership, o: dict[str, Any]) -> Addition:
    _new_id(p, "protocol", o["id"])
    entry = _pick(o, "id", "name", "description")
    return Addition(MAIN, (), "protocols", entry, Protocol, False)


def _profile(p: Partnership, o: dict[str, Any]) -> Addition:
    _new_id(p, "profile", o["id"])
    entry = _pick(o, "id", "title", "sector", "need")
    entry |= {"expertise": o["expertise"]} if "expertise" in o else {}
    entry |= {"seats": o["seats"]} if "seats" in o else {}
    commitment = _pick(o, "hours_per_month", "months")
    entry |= {"commitment": commitment} if commitment else {}
    entry |= {"asks": o["ask"]} if "ask" in o else {}
    return Addition(FileName.RECRUITMENT, (), "profiles", entry, Profile, False)


def _step(p: Partnership, o: dict[str, Any]) -> Addition:
    _new_id(p, "step", o["id"])
    entry = _pick(o, "id", "title", "owner")
    entry |= {"due": _date(o["due"])} if "due" in o else {}
    return Addition(FileName.RECRUITMENT, ("plan",), "steps", entry, Step, True)


def _role(p: Partnership, o: dict[str, Any]) -> Addition:
    _new_id(p, "role", o["id"])
    entry: dict[str, Any] = {"id": o["id"], "title": o["title"]}
    entry |= {"responsibilities": o["responsibility"]} if "responsibility" in o else {}
    entry |= _pick(o, "hours_per_month", "term_months")
    if "convener_commitment" in o:
        entry["convener_commitments"] = o["convener_commitment"]
    return Addition(FileName.ROLES, (), "roles", entry, Role, False)


def _plan(p: Partnership, o: dict[str, Any]) -> Addition:
    _new_id(p, "plan", o["id"])
    entry = _pick(o, "id", "audience", "channel", "cadence", "owner")
    entry |= {"includes": _split(o["includes"])} if "includes" in o else {}
    return Addition(FileName.COMMUNICATIONS, (), "plan", entry, PlanEntry, False)


def _metric(p: Partnership, o: dict[str, Any]) -> Addition:
    _new_id(p, "metric", o["id"])
    if "goal" in o:
        _known(p, "goal", o["goal"], "--goal")
    keys = ("id", "name", "strand", "category", "goal", "unit", "direction")
    entry = _pick(o, *keys)
    for name in ("baseline", "target"):
        if point := _point(o, name):
            entry[name] = point
    entry |= {"source": o["source"]} if "source" in o else {}
    return Addition(FileName.METRICS, (), "metrics", entry, Metric, False)


def _ask(p: Partnership, o: dict[str, Any]) -> Addition:
    _known(p, "stakeholder", o["stakeholder"], "--stakeholder")
    entry = _pick(o, "what", "hours_per_month")
    entry |= {"since": _date(o["since"])} if "since" in o else {}
    parent = ("stakeholders", _index(p, "stakeholder", o["stakeholder"]))
    return Addition(FileName.STAKEHOLDERS, parent, "asks", entry, Ask, True)


def _quote(p: Partnership, o: dict[str, Any]) -> Addition:
    _known(p, "stakeholder", o["stakeholder"], "--stakeholder")
    entry = _pick(o, "text", "by")
    entry |= {"date": _date(o["date"])} if "date" in o else {}
    entry |= {"public": o["public"]} if o.get("public") else {}
    parent = ("stakeholders", _index(p, "stakeholder", o["stakeholder"]))
    return Addition(FileName.STAKEHOLDERS, parent, "quotes", entry, Quote, True)


def _intermediary(p: Partnership, o: dict[str, Any]) -> Addition:
    entry = _pick(o, "organization", "role", "sector")
    return Addition(MAIN, (), "intermediaries", entry, Intermediary, True)


def _staff(p: Partnership, o: dict[str, Any]) -> Addition:
    entry = _pick(o, "name", "title", "email", "phone")
    return Addition(MAIN, ("convener",), "staff", entry, Person, True)


def _action(p: Partnership, o: dict[str, Any]) -> Addition:
    meetings = p.communications.meetings if p.communications else []
    wanted = _date(o["meeting"])
    dates = [meeting.date for meeting in meetings]
    if wanted not in dates:
        known = ", ".join(sorted({d.isoformat() for d in dates})) or "none yet"
        raise UserError(f"--meeting {o['meeting']!r}: no meeting on that date (meetings: "
                        f"{known}); nothing was written")
    entry = _pick(o, "title", "owner")
    entry |= {"due": _date(o["due"])} if "due" in o else {}
    parent = ("meetings", _raw_index(p, FileName.COMMUNICATIONS, "meetings", "date",
                                     o["meeting"]))
    return Addition(FileName.COMMUNICATIONS, parent, "actions", entry, MeetingAction, True)


def _raw_index(p: Partnership, file: str, key: str, field: str, wanted: str) -> int:
    """The position, as written, of the first item of a list whose `field` reads `wanted`."""
    data = p.sources[file].data
    items = data.get(key) if data is not None else None
    for index, item in enumerate(items or []):
        if isinstance(item, dict) and str(item.get(field)) == wanted:
            return index
    raise UserError(f"no item with {field} {wanted!r} in {file}")


def _survey_question(p: Partnership, o: dict[str, Any]) -> Addition:
    """A question of the partnership's own; one with the id of a packaged question replaces
    that question (FORMAT.md)."""
    _new_id(p, "question", o["id"])
    entry = {key: o[key] for key in ("id", "element", "category", "text")}
    return Addition(FileName.SURVEY, (), "questions", entry, Question, True)


ADDITIONS: dict[str, Callable[[Partnership, dict[str, Any]], Addition]] = {
    "survey-question": _survey_question,
    "ask": _ask,
    "quote": _quote,
    "intermediary": _intermediary,
    "staff": _staff,
    "action": _action,
    "goal": _goal,
    "protocol": _protocol,
    "profile": _profile,
    "step": _step,
    "role": _role,
    "plan": _plan,
    "metric": _metric,
    "stakeholder": _stakeholder,
    "observation": _observation,
    "update": _update,
    "check-in": _check_in,
    "meeting": _meeting,
    "activity": _activity,
}
