"""The finding: one thing `check` found, as a frozen value every output prints."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ctepartner.language import N_
from ctepartner.printable import printable


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: used for `--fail-on` and for sorting."""
        return _RANK[self]


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}

ELEMENTS = {
    1: N_("Convening Agency or Intermediary"),
    2: N_("Clear Purpose and Established Protocols"),
    3: N_("Purposeful Stakeholder Recruitment"),
    4: N_("Mutual Benefit and Shared Value"),
    5: N_("Open Lines of Communication"),
    6: N_("Clear Stakeholder Roles and Responsibilities"),
    7: N_("Process-Wide Success Metrics"),
}


@dataclass(frozen=True)
class Finding:
    """A rule's verdict at one place in one file."""

    rule: str
    element: int
    severity: Severity
    message: str
    hint: str
    file: Path
    line: int
    column: int
    suppressed: bool = False

    def __post_init__(self) -> None:
        """Messages quote the partnership's own text: never let it drive a terminal or break
        an XML report."""
        object.__setattr__(self, "message", printable(self.message))
        object.__setattr__(self, "hint", printable(self.hint))

    def sort_key(self) -> tuple[int, str, int, int, str]:
        return (self.element, str(self.file), self.line, self.column, self.rule)
