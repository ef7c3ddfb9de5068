"""Enum values and references as people read them: "in progress", "K-12", "Acme Precision",
and back: what a person types ("K-12", "Workforce Board", "Operating") as the value it means.

Files and `check` speak in ids and enum values; every document and schedule speaks in these
words instead, and every command that takes words from a person (`init`, `set`, `add`, every
`import` and the workbook) reads them with `meant`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from ctepartner.language import N_, capitalized, gettext, number
from ctepartner.load.partnership import Partnership
from ctepartner.load.validate import unwrap

_SPECIAL = {
    "k12": "K-12",
    "co_op": "co-op",
    "pre_apprenticeship": "pre-apprenticeship",
    "business": "business and industry",
    "parents_students": "parents and students",
    "secondary_cte": "secondary CTE",
    "postsecondary_cte": "postsecondary CTE",
}


def english(value: Enum | str | None) -> str:
    """`in_progress` -> "in progress", `k12` -> "K-12", `co_op` -> "co-op"."""
    if value is None:
        return ""
    text = str(value.value if isinstance(value, Enum) else value)
    return _SPECIAL.get(text, text.replace("_", " "))


def words(value: Enum | str | None) -> str:
    """As `english`, in the language being written: the words of an enum value a document
    shows are catalog messages (tools/update_catalog.py adds them)."""
    return gettext(english(value)) if value else ""


def title(value: Enum | str | None) -> str:
    """As `words`, with a capital first letter, for headings and table columns."""
    return capitalized(words(value))


_GROUPS = {"active_stakeholders": N_("active stakeholders"),
           "all_stakeholders": N_("all stakeholders")}


def reference(p: Partnership, ref: str | None) -> str:
    """An owner or audience in words: `stakeholder:acme` -> "Acme Precision",
    `sector:k12` -> "K-12 partners", `active_stakeholders` -> "active stakeholders"."""
    if not ref:
        return ""
    kind, _, rest = ref.partition(":")
    if kind == "stakeholder":
        return next((s.organization for s in p.stakeholders if s.id == rest), words(rest))
    if kind == "sector":
        return gettext("{sector} partners").format(sector=words(rest))
    if ref == "community":
        return gettext("the community")
    return gettext(_GROUPS[ref]) if ref in _GROUPS else words(ref)


def signed(change: float | None, digits: int = 1) -> str:
    """A change as people read it: "+0.3", "-2", "0.0" (no sign on no change); "" for none."""
    if change is None:
        return ""
    sign = "+" if change > 0 else "-" if change < 0 else ""
    return sign + number(abs(change), digits)


def either(names: list[str]) -> str:
    """Names as a sentence offers them: "A", "A or B", "A, B or C"; "" for none."""
    return gettext(" or ").join(filter(None, [", ".join(names[:-1]), *names[-1:]]))


def folded(text: str) -> str:
    """Text as it is matched when a person typed it: letters and digits only, case folded
    (`Meeting_Actions`, `meeting actions` and `Meeting Actions` are one sheet)."""
    return "".join(character for character in text.casefold() if character.isalnum())


def meant(text: str, choices: Iterable[str]) -> str | None:
    """The choice a person meant, by its value or by its words, case, spaces, hyphens and
    underscores ignored: `K-12` and `k12` are k12, `Workforce Board` is workforce_board,
    `Business and industry` is business; None when it is none of them."""
    wanted = folded(text)
    return next((choice for choice in choices
                 if wanted and wanted in (folded(choice), folded(english(choice)))), None)


def as_meant(annotation: Any, raw: Any) -> Any:
    """`raw` (text, a list, or an entry's mapping) with the words that name a value of an
    enum field replaced by that value, everywhere the field's type says an enum is; what
    names none is left as it was, for validation to report."""
    bare = unwrap(annotation)
    if get_origin(bare) is list:
        (item,) = get_args(bare)
        return [as_meant(item, value) for value in raw] if isinstance(raw, list) else raw
    if isinstance(bare, type) and issubclass(bare, Enum):
        if not isinstance(raw, str):
            return raw
        return meant(raw, [str(member.value) for member in bare]) or raw
    if isinstance(bare, type) and issubclass(bare, BaseModel) and isinstance(raw, dict):
        fields = {(info.alias or name): info.annotation
                  for name, info in bare.model_fields.items()}
        return {key: as_meant(fields[key], value) if key in fields else value
                for key, value in raw.items()}
    return raw
