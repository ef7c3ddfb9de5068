"""`check --format junit`: one test case per element per partnership, for CI dashboards."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO
from xml.etree import ElementTree

from ctepartner.assess.engine import Assessment
from ctepartner.assess.finding import Finding
from ctepartner.output.paths import shown

if TYPE_CHECKING:
    from ctepartner.output.reporters import Options


def _lines(findings: list[Finding]) -> str:
    return "\n".join(f"{shown(f.file)}:{f.line}:{f.column}: {f.severity.value} {f.rule} "
                     f"{f.message}" for f in findings)


def report(assessments: Iterable[Assessment], stream: TextIO, options: Options) -> None:
    """A case fails when its element has an unsuppressed finding at or above `--fail-on`.

    Structural findings (CP0xx) belong to no element: they are the suite's errors, listed
    in its system-err.
    """
    assessments = list(assessments)
    suites = ElementTree.Element("testsuites", name="ctepartner")
    total_failures = 0
    for assessment in assessments:
        suite = ElementTree.SubElement(
            suites, "testsuite", name=f"{assessment.name} ({shown(assessment.directory)})",
            tests=str(len(assessment.elements)),
        )
        failures = 0
        for element in assessment.elements:
            case = ElementTree.SubElement(
                suite, "testcase", classname=assessment.id,
                name=f"{element.number} {element.name}",
            )
            failing = [f for f in assessment.findings
                       if f.element == element.number and assessment.settings.fails(f)]
            if failing:
                failures += 1
                failure = ElementTree.SubElement(
                    case, "failure", message=f"{len(failing)} finding(s): {failing[0].message}",
                    type=failing[0].severity.value,
                )
                failure.text = _lines(failing)
        structural = [f for f in assessment.findings
                      if f.element == 0 and assessment.settings.fails(f)]
        if structural:
            ElementTree.SubElement(suite, "system-err").text = _lines(structural)
        suite.set("failures", str(failures))
        suite.set("errors", str(len(structural)))
        total_failures += failures
    suites.set("tests", str(sum(len(a.elements) for a in assessments)))
    suites.set("failures", str(total_failures))
    ElementTree.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(suites, encoding="unicode"))
    stream.write("\n")
