"""status and calendar: what is due, as a table and as an .ics with stable UIDs."""

import datetime as dt
from pathlib import Path

from icalendar import Calendar

from conftest import AS_OF, EXAMPLES, run
from ctepartner.load.partnership import load
from ctepartner.schedule import due_items, due_within

TODAY = dt.date.fromisoformat(AS_OF)


def test_due_items_of_delaware() -> None:
    due = due_within(load(EXAMPLES / "delaware"), TODAY, 30)
    found = {(item.kind, item.key, item.date.isoformat()) for item in due}
    assert ("communication", "communication.partner-bulletin", "2026-10-31") in found
    assert ("agreement", "agreement-end.delaware-tech", "2026-12-15") in found
    assert ("activity", "activity.career-plans", "2026-09-30") in found
    assert ("temperature check", "check-in.coastal-district", "2026-08-31") in found
    assert all(item.date <= TODAY + dt.timedelta(days=30) for item in due)
    assert [item.date for item in due] == sorted(item.date for item in due)


def test_done_work_is_not_due(rutherford: Path) -> None:
    keys = {item.key for item in due_items(load(rutherford), TODAY)}
    assert "activity.employer-roundtable" not in keys  # done
    assert "activity.it-host-drive" in keys


def test_status_table() -> None:
    proc = run("status", EXAMPLES / "delaware", "--as-of", AS_OF)
    assert proc.returncode == 0
    assert "overdue 83 d" in proc.stdout and "check in with Coastal school district" in proc.stdout
    assert proc.stdout.strip().endswith("of them overdue.")


def test_calendar_has_stable_uids_and_recurrence(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run("calendar", EXAMPLES, "--as-of", AS_OF, "--output", first).returncode == 0
    assert run("calendar", EXAMPLES, "--as-of", "2026-11-23", "--output", second).returncode == 0
    events = [c for c in Calendar.from_ical(first.read_bytes()).walk("VEVENT")]
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids))
    later = {str(e["UID"]) for e in Calendar.from_ical(second.read_bytes()).walk("VEVENT")}
    assert set(uids) == later  # another day: the same events, updated, not duplicated
    monthly = next(e for e in events if str(e["UID"]) ==
                   "rutherford-works.communication.monthly-update@ctepartner")
    assert monthly["RRULE"]["FREQ"] == ["MONTHLY"]
    assert monthly.decoded("DTSTART") == dt.date(2026, 12, 5)


def test_a_calendar_event_keeps_its_uid_and_a_finished_one_is_cancelled(rutherford: Path
                                                                        ) -> None:
    """An action renamed keeps its event; two actions of one title are two events; an
    action done is published as cancelled, so importing the file again removes it; a newer
    file has a higher SEQUENCE."""
    def events(as_of: str) -> dict[str, tuple[str, str, int]]:
        proc = run("calendar", rutherford, "--as-of", as_of)
        assert proc.returncode == 0, proc.stderr
        return {str(e["UID"]): (str(e["SUMMARY"]), str(e["STATUS"]), int(e["SEQUENCE"]))
                for e in Calendar.from_ical(proc.stdout).walk("VEVENT")}

    path = rutherford / "communications.yaml"
    before = events(AS_OF)
    invite = "rutherford-works.action.2026-10-14.2@ctepartner"
    drafted = "rutherford-works.action.2026-10-14.1@ctepartner"
    assert "Invite two IT employers" in before[invite][0] and before[invite][1] == "CONFIRMED"
    assert before[drafted][1] == "CANCELLED"  # done on the 15th: cancelled, not left behind
    path.write_text(path.read_text().replace(
        "{title: Invite two IT employers, owner: Pathways coordinator, due: 2026-12-15, "
        "done: false}",
        "{title: Invite three IT employers, owner: Pathways coordinator, due: 2026-12-15, "
        "done: false}\n      - {title: Invite three IT employers, due: 2027-01-15}"))
    after = events("2026-11-23")
    assert "Invite three IT employers" in after[invite][0]  # the same event, renamed
    assert "rutherford-works.action.2026-10-14.3@ctepartner" in after
    assert after[invite][2] > before[invite][2]
    activities = rutherford / "action-plan.yaml"
    activities.write_text(activities.read_text().replace("status: in_progress", "status: done", 1))
    assert events(AS_OF)["rutherford-works.activity.it-host-drive@ctepartner"][1] == "CANCELLED"
