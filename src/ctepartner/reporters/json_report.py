"""`check --format json`: the shape CLI.md fixes, for scripts and other tools."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from ctepartner.assess.engine import Assessment
from ctepartner.assess.finding import Finding, Severity
from ctepartner.printable import portable

if TYPE_CHECKING:
    from ctepartner.reporters import Options


def report(assessments: Iterable[Assessment], stream: TextIO, options: Options) -> None:
    """The JSON document, written one partnership at a time as results arrive."""
    counts = dict.fromkeys(("partnerships", *(level.value for level in Severity),
                            "suppressed"), 0)
    as_of = options.as_of.isoformat()
    stream.write(f'{{\n  "version": 1,\n  "as_of": "{as_of}",\n  "partnerships": [')
    for number, assessment in enumerate(assessments):
        body = json.dumps(_partnership(assessment), indent=2, ensure_ascii=False)
        stream.write(("," if number else "") + "\n" + textwrap.indent(body, "    "))
        counts["partnerships"] += 1
        for finding in assessment.findings:
            counts["suppressed" if finding.suppressed else finding.severity.value] += 1
    stream.write(f"\n  ],\n  \"summary\": {json.dumps(counts)}\n}}\n")


def _partnership(assessment: Assessment) -> dict[str, Any]:
    return {
        "path": portable(assessment.directory),
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
        "file": portable(finding.file),
        "line": finding.line,
        "column": finding.column,
    }
