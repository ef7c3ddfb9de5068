"""Run the rules over a partnership: severities, stages, suppressions, scores."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ctepartner.assess.finding import ELEMENTS, Finding, Severity
from ctepartner.assess.registry import Rule, all_rules
from ctepartner.load.partnership import Partnership
from ctepartner.model.base import Stage

ALWAYS_ON = "CP001"


@dataclass(frozen=True)
class Settings:
    """What one `check` run was asked for, after the configuration and the options."""

    as_of: dt.date
    fail_on: Severity | None = Severity.ERROR
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)

    def wants(self, rule_id: str) -> bool:
        """Whether a rule runs: `select` and `ignore` take ids or prefixes (`CP6`)."""
        if rule_id == ALWAYS_ON:
            return True
        if self.select and not rule_id.startswith(self.select):
            return False
        return not rule_id.startswith(self.ignore) if self.ignore else True

    def fails(self, finding: Finding) -> bool:
        """Whether a finding makes `check` exit 1."""
        return (
            self.fail_on is not None
            and not finding.suppressed
            and finding.severity.rank >= self.fail_on.rank
        )


@dataclass(frozen=True)
class Element:
    number: int
    name: str
    status: str
    score: int


@dataclass(frozen=True)
class Assessment:
    """One partnership's verdict: its findings, the seven elements and the overall score."""

    directory: Path
    id: str
    name: str
    score: int
    elements: list[Element]
    findings: list[Finding]
    settings: Settings


def assess(partnership: Partnership, settings: Settings) -> Assessment:
    """Every selected rule over `partnership`, scored as RULES.md says."""
    about = partnership.about
    stage = about.stage if about else Stage.OPERATING
    suppressions = {entry.rule: entry.reason for entry in about.ignore} if about else {}
    findings = []
    for rule in all_rules().values():
        if not settings.wants(rule.id):
            continue
        severity = _severity(rule, stage, settings)
        suppressed = rule.id in suppressions and rule.id != ALWAYS_ON
        for hit in rule.check(partnership, settings.as_of):
            findings.append(Finding(
                rule.id, rule.element, severity, hit.message, rule.hint,
                hit.spot.path, hit.spot.line, hit.spot.column, suppressed,
            ))
    findings.sort(key=Finding.sort_key)
    elements = [_element(number, findings) for number in ELEMENTS]
    score = int(sum(element.score for element in elements) / len(elements) + 0.5)
    return Assessment(
        partnership.directory, partnership.id, partnership.name, score, elements, findings,
        settings,
    )


def _severity(rule: Rule, stage: Stage, settings: Settings) -> Severity:
    """The configuration wins over the stage, which lowers what is not due yet."""
    return settings.severity.get(rule.id) or rule.severity_at(stage)


def _element(number: int, findings: list[Finding]) -> Element:
    counted = [f for f in findings if f.element == number and not f.suppressed]
    if any(f.severity == Severity.ERROR for f in counted):
        return Element(number, ELEMENTS[number], "missing", 0)
    warned = {f.rule for f in counted if f.severity == Severity.WARNING}  # rules, not findings:
    status = "partial" if warned else "met"  # a large partnership is not marked down for size
    return Element(number, ELEMENTS[number], status, max(40, 100 - 15 * len(warned)))
