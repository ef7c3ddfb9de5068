"""Building blocks shared by every file kind: the base model, ids, dates and enums."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

Loc = tuple[str | int, ...]

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Hours = Annotated[float, Field(ge=0)]
Whole = Annotated[int, Field(ge=0)]

def slug(text: str) -> str:
    """An id made from a name: `Acme Precision, Inc.` -> `acme-precision-inc`, `Peña & Sons`
    -> `pena-sons` (accents dropped, not the letter)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The dates a partnership can mean. Far-off years are typos (9999 for 2029), and keeping dates
# inside these bounds leaves every schedule and chart centuries of room to compute in.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2999, 12, 31)


def _iso_date(value: Any) -> Any:
    """Accept only `YYYY-MM-DD`, the one date form the format allows, from 1900 to 2999."""
    if not isinstance(value, dt.date):
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            raise ValueError("write dates as YYYY-MM-DD")
        try:
            value = dt.date.fromisoformat(value)
        except ValueError as error:
            raise ValueError(f"{value} is not a real date ({error})") from None
    return in_range(value)


def in_range(date: dt.date) -> dt.date:
    """`date`, or a ValueError when it falls outside FIRST_DATE to LAST_DATE."""
    if not FIRST_DATE <= date <= LAST_DATE:
        raise ValueError(f"{date.isoformat()} is out of range: dates run from "
                         f"{FIRST_DATE.year} to {LAST_DATE.year}; check the year")
    return date


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class Node(BaseModel):
    """A mapping in a partnership file: unknown keys are errors, numbers read as text, and a
    number must be finite (`.nan` and `.inf` are no count of anything)."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _nothing_yet_is_an_empty_list(cls, data: Any) -> Any:
        """`steps:` with nothing after it reads as an empty list, as a person means it."""
        if isinstance(data, dict):
            empty = [key for key in _list_keys(cls) if key in data and data[key] is None]
            if empty:
                data = {**data, **{key: [] for key in empty}}
        return data


@cache
def _list_keys(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(
        name for name, field in model.model_fields.items()
        if get_origin(field.annotation) is list
    )


class Sector(StrEnum):
    K12 = "k12"
    POSTSECONDARY = "postsecondary"
    BUSINESS = "business"
    WORKFORCE = "workforce"
    GOVERNMENT = "government"
    COMMUNITY = "community"


CROSS_SECTOR = (Sector.K12, Sector.POSTSECONDARY, Sector.BUSINESS)


class Scope(StrEnum):
    STATE = "state"
    REGIONAL = "regional"
    LOCAL = "local"


class Stage(StrEnum):
    PLANNING = "planning"
    LAUNCHING = "launching"
    OPERATING = "operating"
    SUSTAINING = "sustaining"


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"

    @property
    def days(self) -> int:
        """How many days may pass between two updates on this cadence."""
        return _CADENCE_DAYS[self]


_CADENCE_DAYS = {
    Cadence.WEEKLY: 7,
    Cadence.BIWEEKLY: 14,
    Cadence.MONTHLY: 31,
    Cadence.QUARTERLY: 92,
    Cadence.SEMIANNUAL: 183,
    Cadence.ANNUAL: 366,
}
