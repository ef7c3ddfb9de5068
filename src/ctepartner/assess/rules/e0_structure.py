"""Element 0, structure: the files can be read and hold together (CP001-CP007)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ctepartner.assess.registry import Hit, rule
from ctepartner.load.partnership import Partnership
from ctepartner.load.references import dangling, duplicates
from ctepartner.model.files import SCHEMA_VERSION
from ctepartner.survey.bank import questions


def _loaded(p: Partnership, rule_id: str) -> Iterator[Hit]:
    for spot, problem in p.problems:
        if problem.rule == rule_id:
            yield Hit(spot, problem.message)


@rule("CP001", "error", "Fix the YAML at this position; an online YAML checker or your "
      "editor's YAML mode shows the exact problem.")
def cp001(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A file that is not valid YAML, or not UTF-8 text.

    The file cannot be read at all, so the element rules treat it as absent: fixing it may
    reveal more findings. The line and column are the YAML parser's.

    Fix: correct the syntax at the position shown (an unclosed `[` or quote, a tab used for
    indentation, a missing space after `:`), and save the file as UTF-8.

    Example of a failing line:

        title: [Spring employer host drive
    """
    yield from _loaded(p, "CP001")


@rule("CP002", "error", "Correct the value as the message says; `ctepartner schema` "
      "describes every field.")
def cp002(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A value that fails validation: wrong type, bad enum value, bad date, missing field.

    The item holding the value (a stakeholder, a metric) is left out of the element rules
    until it is fixed, though its id still counts for references.

    Fix: use one of the listed values, a whole number where one is needed, and dates as
    `YYYY-MM-DD`.

    Example:

        status: active        # not: status: dormant
        status_since: 2026-03-01
    """
    yield from _loaded(p, "CP002")


@rule("CP003", "error", "Rename the key to one the format knows, or remove it.")
def cp003(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """An unknown key, with a "did you mean" suggestion when one is close.

    A misspelt key is silently ignored by most tools; here it is an error, because the
    field it was meant to be is then missing.

    Fix: correct the spelling (the message suggests the closest known key).

    Example:

        purpose:
          statement: ...      # not: statment: ...
    """
    yield from _loaded(p, "CP003")


@rule("CP004", "error", "Keep one of the two keys; merge their values if both matter.")
def cp004(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A key that appears twice in one mapping.

    YAML readers silently keep one of the two values; which one depends on the tool. The
    first one is kept here, and the second is reported.

    Fix: delete or rename the duplicate.
    """
    yield from _loaded(p, "CP004")


@rule("CP005", "error", "Use an id that exists, or add the item it should point to.")
def cp005(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A reference to an id that does not exist (profile, role, goal, plan, stakeholder).

    Items refer to each other by id: a stakeholder fills a profile and holds a role, a
    metric measures a goal, a log entry records an update of a communications plan entry.
    A reference into a file that is absent or not valid YAML is not checked.

    Fix: correct the id (the message suggests the closest one), or add the missing item.

    Example:

        role: college-liaison     # roles.yaml has `- id: college-liaison`
    """
    for spot, message in dangling(p, set(questions(p))):
        yield Hit(spot, message)


@rule("CP006", "error", "Give each item its own id; ids are how other files refer to it.")
def cp006(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """Two items of one kind with the same id.

    References by id would be ambiguous, so ids are unique within their kind (two
    stakeholders, two metrics) in one partnership.

    Fix: rename one of them, and update the references to it.
    """
    for spot, message in duplicates(p):
        yield Hit(spot, message)


@rule("CP007", "error", f"Start partnership.yaml with `schema: {SCHEMA_VERSION}`.")
def cp007(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A missing or unsupported `schema:` version in partnership.yaml.

    The version tells the tool (and the next person) which format the files follow. The
    other files are still checked.

    Fix: put `schema: ctepartner/v1` at the top of partnership.yaml.
    """
    about = p.about
    if about is None:
        return
    if about.schema_ is None:
        yield Hit(p.top(), f"partnership.yaml has no `schema:`; add `schema: {SCHEMA_VERSION}`")
    elif about.schema_ != SCHEMA_VERSION:
        yield Hit(p.spot(about, "schema"), f"`schema: {about.schema_}` is not supported; "
                  f"this version reads `{SCHEMA_VERSION}`")


@rule("CP008", "warning", "Remove the personal record; keep only counts of students in "
      "partnership files.")
def cp008(p: Partnership, as_of: dt.date) -> Iterator[Hit]:
    """A file that looks like it holds a student's personal record.

    Partnership files live in git and are shared with employers, colleges and the community.
    Students' names, dates of birth or identifiers do not belong in them: the partnership
    reports counts (enrollments, internships), never people.

    Fix: delete the record (and remove it from the git history if it was committed); record
    only aggregate numbers as metric observations.

    Example of what is flagged:

        students:
          - {name: ..., date_of_birth: 2009-04-01}
    """
    yield from _loaded(p, "CP008")  # found by the loader, in its one walk of each file
