"""The finding: one thing `check` found, as a frozen value every output prints."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

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
    1: "Convening Agency or Intermediary",
    2: "Clear Purpose and Established Protocols",
    3: "Purposeful Stakeholder Recruitment",
    4: "Mutual Benefit and Shared Value",
    5: "Open Lines of Communication",
    6: "Clear Stakeholder Roles and Responsibilities",
    7: "Process-Wide Success Metrics",
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
