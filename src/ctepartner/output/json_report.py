"""`check --format json`: the shape CLI.md fixes, for scripts and other tools."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TextIO

from ctepartner.assess.engine import Assessment
from ctepartner.assess.finding import Finding, Severity
from ctepartner.output.paths import shown


def write(assessments: list[Assessment], stream: TextIO, as_of: dt.date) -> None:
    stream.write(json.dumps(report(assessments, as_of), indent=2, ensure_ascii=False))
    stream.write("\n")


def report(assessments: list[Assessment], as_of: dt.date) -> dict[str, Any]:
    """The JSON document as plain data."""
    findings = [f for a in assessments for f in a.findings]
    counted = [f for f in findings if not f.suppressed]
    summary = {"partnerships": len(assessments)}
    summary |= {level.value: sum(f.severity == level for f in counted) for level in Severity}
    summary["suppressed"] = len(findings) - len(counted)
    return {
        "version": 1,
        "as_of": as_of.isoformat(),
        "partnerships": [_partnership(a) for a in assessments],
        "summary": summary,
    }


def _partnership(assessment: Assessment) -> dict[str, Any]:
    return {
        "path": shown(assessment.directory),
        "id": assessment.id,
        "name": assessment.name,
        "score": assessment.score,
        "elements": [
            {"number": e.number, "name": e.name, "status": e.status, "score": e.score}
            for e in assessment.elements
        ],
        "findings": [_finding(f) for f in assessment.findings],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "element": finding.element,
        "severity": finding.severity.value,
        "suppressed": finding.suppressed,
        "message": finding.message,
        "hint": finding.hint,
        "file": shown(finding.file),
        "line": finding.line,
        "column": finding.column,
    }
