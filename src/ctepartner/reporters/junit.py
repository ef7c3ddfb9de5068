"""`check --format junit`: per partnership, a test case per element and one for the files'
structure, for CI dashboards (Jenkins, GitLab, junitparser)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from xml.etree import ElementTree

from ctepartner.assess.engine import Assessment
from ctepartner.assess.finding import Finding
from ctepartner.model.files import FileName
from ctepartner.printable import portable, printable
from ctepartner.repository import repository_root

if TYPE_CHECKING:
    from ctepartner.reporters import Options


def _lines(findings: list[Finding]) -> str:
    return "\n".join(f"{portable(f.file)}:{f.line}:{f.column}: {f.severity.value} {f.rule} "
                     f"{f.message}" for f in findings)


STRUCTURE = "Structure"  # the case for findings that belong to no element (CP0xx)


def report(assessments: Iterable[Assessment], stream: TextIO, options: Options) -> None:
    """One suite per partnership, one case per element plus a Structure case: a case fails
    when it has an unsuppressed finding at or above `--fail-on`, so a dashboard shows a
    failure exactly when `check` exits 1. Counts are kept at every level, as Jenkins and
    junitparser recompute them, with only the attributes Jenkins' JUnit schema allows on
    each element; each case names its file (relative to the repository's root), which
    GitLab links to."""
    root = repository_root(Path.cwd()) or Path.cwd().resolve()
    suites = ElementTree.Element("testsuites", name="ctepartner")
    totals = {"tests": 0, "failures": 0}
    for assessment in assessments:
        suite = ElementTree.SubElement(
            suites, "testsuite", name=printable(f"{assessment.name} "
                                                f"({portable(assessment.directory)})"))
        cases = [(0, STRUCTURE), *((e.number, e.name) for e in assessment.elements)]
        failures = 0
        for number, name in cases:
            found = [f for f in assessment.findings if f.element == number]
            failing = [f for f in found if assessment.settings.fails(f)]
            about = failing or found
            file = about[0].file if about else assessment.directory / FileName.PARTNERSHIP
            case = ElementTree.SubElement(suite, "testcase", classname=printable(assessment.id),
                                          name=f"{number} {name}", time="0",
                                          file=_relative(file, root))
            if failing:
                failures += 1
                failure = ElementTree.SubElement(
                    case, "failure", message=f"{len(failing)} finding(s): {failing[0].message}",
                    type=failing[0].severity.value)
                failure.text = _lines(failing)
        for key, value in (("tests", len(cases)), ("failures", failures), ("errors", 0),
                           ("skipped", 0), ("time", 0)):
            suite.set(key, str(value))
        totals["tests"] += len(cases)
        totals["failures"] += failures
    for key, value in (*totals.items(), ("errors", 0), ("time", 0)):
        suites.set(key, str(value))
    ElementTree.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(suites, encoding="unicode"))
    stream.write("\n")


def _relative(path: Path, root: Path) -> str:
    """A file as the repository names it (`clients/acme/roles.yaml`), else as shown."""
    absolute = path.resolve()
    if absolute.is_relative_to(root):
        return printable(absolute.relative_to(root).as_posix())
    return portable(path)
