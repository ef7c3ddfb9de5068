"""`check --format sarif`: SARIF 2.1.0, for GitHub code scanning and other viewers."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from importlib.metadata import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from ctepartner import __version__
from ctepartner.assess.engine import Assessment
from ctepartner.assess.finding import ELEMENTS, Finding, Severity
from ctepartner.assess.registry import Rule, all_rules
from ctepartner.model.files import FileName
from ctepartner.repository import repository_root

if TYPE_CHECKING:
    from ctepartner.reporters import Options

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT = "%SRCROOT%"  # the base every artifact URI is relative to: the repository's root
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


@functools.cache
def source_url() -> str:
    """The project's repository, from its package metadata (`[project.urls] Source`)."""
    for entry in metadata("ctepartner").get_all("Project-URL") or []:
        label, _, url = str(entry).partition(",")
        if label.strip() == "Source":
            return url.strip()
    raise RuntimeError("the package metadata names no Source URL")


def report(assessments: Iterable[Assessment], stream: TextIO, options: Options) -> None:
    stream.write(json.dumps(document(list(assessments)), indent=2, ensure_ascii=False) + "\n")


def document(assessments: list[Assessment], root: Path | None = None) -> dict[str, Any]:
    """The SARIF log: one run, one rule entry per rule id, one result per finding.

    Artifact URIs are percent-encoded (RFC 3986) and relative to `root` (the repository that
    holds the current folder, else the current folder), named by `uriBaseId`, so code
    scanning matches them to files wherever the check ran from.
    """
    root = root or repository_root(Path.cwd()) or Path.cwd().resolve()
    rules = list(all_rules().values())
    index = {rule.id: number for number, rule in enumerate(rules)}
    driver = {
        "name": "ctepartner",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": source_url(),
        "rules": [_rule(rule) for rule in rules],
    }
    seen: Counter[str] = Counter()
    results = [_result(f, index[f.rule], a, root, seen)
               for a in assessments for f in a.findings]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver},
                  "originalUriBaseIds": {ROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
                  "columnKind": "unicodeCodePoints", "results": results}],
    }


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": readable_name(rule),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": rule.hint},
        "helpUri": f"{source_url()}/blob/v{__version__}/docs/rules.md#{rule.id.lower()}",
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"element": rule.element,
                       "elementName": ELEMENTS.get(rule.element, "Structure")},
    }


def readable_name(rule: Rule) -> str:
    """SARIF's `name`: a PascalCase phrase from the summary's first clause, unlike the id
    ("No success metrics." -> NoSuccessMetrics)."""
    clause = re.split(r"[,:;(.]", rule.summary, maxsplit=1)[0]
    return "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", clause))


def artifact(path: Path, root: Path) -> dict[str, str]:
    """An artifactLocation: a percent-encoded URI relative to `root`, or absolute outside it."""
    absolute = path.resolve()
    if not absolute.is_relative_to(root):
        return {"uri": absolute.as_uri()}
    relative = os.fsencode(absolute.relative_to(root).as_posix())
    return {"uri": quote(relative, safe="/"), "uriBaseId": ROOT}


def _result(finding: Finding, rule_index: int, assessment: Assessment, root: Path,
            seen: Counter[str]) -> dict[str, Any]:
    location = artifact(finding.file, root)
    identity = f"{finding.rule}|{location['uri']}|{finding.message}"
    seen[identity] += 1  # the same message twice in one file: tell them apart by order
    fingerprint = hashlib.sha256(f"{identity}|{seen[identity]}".encode()).hexdigest()[:32]
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": f"{finding.message}. {finding.hint}"},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": location,
                "region": {"startLine": finding.line, "startColumn": finding.column},
            }
        }],
        # what the finding says, not where: unrelated lines moving do not change it
        "partialFingerprints": {"ctepartnerFinding/v1": fingerprint},
        "properties": {"partnership": assessment.id},
    }
    if finding.suppressed:
        result["suppressions"] = [{"kind": "inSource",
                                   "justification": f"ignored in {FileName.PARTNERSHIP}"}]
    return result
