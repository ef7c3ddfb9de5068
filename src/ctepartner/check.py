"""The `check` job: find partnerships, load them, assess them with their configuration."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ctepartner.assess.engine import Assessment, Settings, assess
from ctepartner.assess.finding import Severity
from ctepartner.config import FailOn, find_config
from ctepartner.errors import EXIT_FINDINGS, EXIT_OK
from ctepartner.load.discover import find_partnerships
from ctepartner.load.partnership import load
from ctepartner.output.paths import shown


@dataclass(frozen=True)
class CheckRequest:
    """The options of one `check` run; unset ones come from the configuration."""

    paths: tuple[Path, ...]
    as_of: dt.date
    fail_on: FailOn | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def plan(request: CheckRequest) -> list[tuple[Path, Settings]]:
    """Each partnership to check, once, in path order, with the settings that apply to it."""
    planned: dict[Path, tuple[Path, Settings]] = {}
    for path in request.paths:
        config = find_config(path)
        fail_on = request.fail_on or config.fail_on or "error"
        settings = Settings(
            as_of=request.as_of,
            fail_on=None if fail_on == "never" else Severity(fail_on),
            select=request.select,
            ignore=(*config.ignore, *request.ignore),
            severity=config.severity,
        )
        for directory in find_partnerships(path):
            planned.setdefault(directory.resolve(), (directory, settings))
    return sorted(planned.values(), key=lambda job: shown(job[0]))


def run_check(request: CheckRequest) -> list[Assessment]:
    """Assess every partnership the request names."""
    return [assess(load(directory), settings) for directory, settings in plan(request)]


def exit_code(assessments: list[Assessment]) -> int:
    """1 when any partnership has a finding at or above its `--fail-on`, else 0."""
    failed = any(a.settings.fails(f) for a in assessments for f in a.findings)
    return EXIT_FINDINGS if failed else EXIT_OK
