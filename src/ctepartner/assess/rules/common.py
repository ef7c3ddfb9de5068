"""Small questions several rules ask of a partnership."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum

from ctepartner.load.partnership import Partnership
from ctepartner.model.base import Node
from ctepartner.model.files import Stakeholder, Status


def with_status(p: Partnership, *statuses: Status) -> list[Stakeholder]:
    return [s for s in p.stakeholders if s.status in statuses]


def who(stakeholder: Stakeholder) -> str:
    """How a message names a stakeholder: the organisation and its id."""
    return f"{stakeholder.organization} (`{stakeholder.id}`)"


def uncovered(
    items: Sequence[Node], field: str, wanted: Iterable[StrEnum]
) -> list[str]:
    """The `wanted` values that no item has in `field` (a sector no profile is for, ...)."""
    covered = {getattr(item, field) for item in items}
    return [value.value for value in wanted if value not in covered]


def listed(names: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    quoted = [f"`{name}`" for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
