"""Enum values and references as people read them: "in progress", "K-12", "Acme Precision".

Files and `check` speak in ids and enum values; every document and schedule speaks in these
words instead.
"""

from __future__ import annotations

from enum import Enum

from ctepartner.load.partnership import Partnership

_SPECIAL = {
    "k12": "K-12",
    "co_op": "co-op",
    "pre_apprenticeship": "pre-apprenticeship",
    "business": "business and industry",
    "parents_students": "parents and students",
    "secondary_cte": "secondary CTE",
    "postsecondary_cte": "postsecondary CTE",
}


def words(value: Enum | str | None) -> str:
    """`in_progress` -> "in progress", `k12` -> "K-12", `co_op` -> "co-op"."""
    if value is None:
        return ""
    text = str(value.value if isinstance(value, Enum) else value)
    return _SPECIAL.get(text, text.replace("_", " "))


def title(value: Enum | str | None) -> str:
    """As `words`, with a capital first letter, for headings and table columns."""
    text = words(value)
    return text[:1].upper() + text[1:]


def reference(p: Partnership, ref: str | None) -> str:
    """An owner or audience in words: `stakeholder:acme` -> "Acme Precision",
    `sector:k12` -> "K-12 partners", `active_stakeholders` -> "active stakeholders"."""
    if not ref:
        return ""
    kind, _, rest = ref.partition(":")
    if kind == "stakeholder":
        return next((s.organization for s in p.stakeholders if s.id == rest), words(rest))
    if kind == "sector":
        return f"{words(rest)} partners"
    return ("the " if ref == "community" else "") + words(ref)


def signed(change: float | None, digits: int = 1) -> str:
    """A change as people read it: "+0.3", "-2", "0.0" (no sign on no change); "" for none."""
    if change is None:
        return ""
    return f"{0:.{digits}f}" if change == 0 else f"{change:+.{digits}f}"


def either(names: list[str]) -> str:
    """Names as a sentence offers them: "A", "A or B", "A, B or C"; "" for none."""
    return " or ".join(filter(None, [", ".join(names[:-1]), *names[-1:]]))
