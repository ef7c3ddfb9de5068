"""What a person most likely meant when a name they typed is not one we know."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6  # how alike (0 to 1) a known name must be to be offered


def closest(wanted: str, known: Iterable[str]) -> str | None:
    """The known name closest to `wanted`, if one is close enough to offer as "did you
    mean"; the same measure for keys, ids, columns, commands' values and rule ids."""
    found = difflib.get_close_matches(wanted, sorted(known), n=1, cutoff=CUTOFF)
    return found[0] if found else None
