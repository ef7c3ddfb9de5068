"""`check --format github`: workflow commands that GitHub Actions shows as annotations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from ctepartner.assess.engine import Assessment
from ctepartner.assess.finding import Severity
from ctepartner.printable import portable

if TYPE_CHECKING:
    from ctepartner.reporters import Options

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(assessments: Iterable[Assessment], stream: TextIO, options: Options) -> None:
    """One `::error|warning|notice file=...,line=...,col=...,title=...::message` per finding."""
    for assessment in assessments:
        for finding in assessment.findings:
            if finding.suppressed:
                continue
            properties = ",".join([
                f"file={_escape_property(portable(finding.file))}",
                f"line={finding.line}",
                f"col={finding.column}",
                f"title={_escape_property(f'{finding.rule} ({assessment.name})')}",
            ])
            message = _escape_data(f"{finding.message} — {finding.hint}")
            stream.write(f"::{_COMMAND[finding.severity]} {properties}::{message}\n")
