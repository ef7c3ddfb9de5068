"""`check --format sarif`: SARIF 2.1.0, for GitHub code scanning and other viewers."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ctepartner import __version__
from ctepartner.assess.engine import Assessment
from ctepartner.assess.finding import ELEMENTS, Finding, Severity
from ctepartner.assess.registry import all_rules
from ctepartner.output.paths import shown

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def write(assessments: list[Assessment], stream: TextIO) -> None:
    stream.write(json.dumps(document(assessments), indent=2, ensure_ascii=False) + "\n")


def document(assessments: list[Assessment]) -> dict[str, Any]:
    """The SARIF log: one run, one rule entry per rule id, one result per finding."""
    rules = list(all_rules().values())
    index = {rule.id: number for number, rule in enumerate(rules)}
    driver = {
        "name": "ctepartner",
        "version": __version__,
        "informationUri": "https://example.org/ctepartner",
        "rules": [
            {
                "id": rule.id,
                "name": rule.check.__name__.upper(),
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.doc},
                "help": {"text": rule.hint},
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                "properties": {"element": rule.element,
                               "elementName": ELEMENTS.get(rule.element, "Structure")},
            }
            for rule in rules
        ],
    }
    results = [_result(f, index[f.rule], a) for a in assessments for f in a.findings]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints",
                  "results": results}],
    }


def _result(finding: Finding, rule_index: int, assessment: Assessment) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": f"{finding.message} — {finding.hint}"},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": shown(finding.file)},
                "region": {"startLine": finding.line, "startColumn": finding.column},
            }
        }],
        "properties": {"partnership": assessment.id},
    }
    if finding.suppressed:
        result["suppressions"] = [{"kind": "inSource",
                                   "justification": "ignored in partnership.yaml"}]
    return result
