"""The `check` job: find partnerships, load them, assess them with their configuration."""

from __future__ import annotations

import datetime as dt
import gc
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ctepartner.assess.engine import Assessment, Settings, assess
from ctepartner.assess.registry import unknown_rules
from ctepartner.config import FailOn, find_config
from ctepartner.errors import EXIT_FINDINGS, EXIT_OK, UserError
from ctepartner.load.discover import find_partnerships
from ctepartner.load.partnership import Partnership, load
from ctepartner.printable import portable
from ctepartner.workers import ordered_map


@dataclass(frozen=True)
class CheckRequest:
    """The options of one `check` run; unset ones come from the configuration."""

    paths: tuple[Path, ...]
    as_of: dt.date
    fail_on: FailOn | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    jobs: int = 1
    shard: tuple[int, int] = (1, 1)


def parse_shard(text: str) -> tuple[int, int]:
    """`K/N` (1 <= K <= N): this run checks the K-th of N shards."""
    number, _, count = text.partition("/")
    try:
        shard = int(number), int(count)
    except ValueError:
        raise UserError(f"--shard {text!r}: write it as K/N, like 2/4") from None
    if not 1 <= shard[0] <= shard[1]:
        raise UserError(f"--shard {text!r}: K must be between 1 and N")
    return shard


def in_shard(shown_path: str, shard: tuple[int, int]) -> bool:
    """Whether a partnership belongs to a shard: decided by its path alone, so the shards of
    a CI matrix split a repository the same way on every machine and every run."""
    number, count = shard
    return zlib.crc32(shown_path.encode("utf-8")) % count == number - 1


def plan(request: CheckRequest) -> list[tuple[Path, Settings]]:
    """Each partnership to check, once, in path order, with the settings that apply to it.

    A rule id in `--select` or `--ignore` that names no rule is a user error: a typo there
    would otherwise make a CI job pass with nothing checked.
    """
    for option, patterns in (("--select", request.select), ("--ignore", request.ignore)):
        unknown = unknown_rules(patterns)
        if unknown:
            raise UserError(f"{option}: no rule {', '.join(unknown)}; `ctepartner rules` "
                            "lists them")
    planned: dict[Path, tuple[Path, Settings]] = {}
    for path in request.paths:
        settings = find_config(path).settings(request.as_of, request.fail_on, request.select,
                                              request.ignore)
        for directory in find_partnerships(path):
            if in_shard(portable(directory), request.shard):
                planned.setdefault(directory.resolve(), (directory, settings))
    return sorted(planned.values(), key=lambda job: portable(job[0]))


def run_check(request: CheckRequest) -> Iterator[Assessment]:
    """Assess every partnership the request names, one after another in path order.

    Results are yielded as they come, so a reporter can write them out and memory stays
    flat however many partnerships there are. With several jobs, worker processes take the
    partnerships in chunks and the results still come in the order of a serial run: the
    output is identical.
    """
    return assess_planned(plan(request), request.jobs, check_one)


Result = TypeVar("Result")


def assess_planned(jobs: list[tuple[Path, Settings]], processes: int,
                   work: Callable[[tuple[Path, Settings]], Result]) -> Iterator[Result]:
    """`work` (`check_one`, or the portfolio's summary) over planned partnerships with up
    to `processes` workers, in the plan's order (see `workers.ordered_map`)."""
    gc.freeze()  # what is loaded by now (modules, models) lives on: never scan it again
    yield from ordered_map(work, jobs, processes)


def check_one(job: tuple[Path, Settings]) -> Assessment:
    """Load and assess one partnership, with garbage collection paused while loading.

    Loading makes many small objects and no reference cycles worth collecting: pausing the
    collector saves a quarter of the time, and memory stays flat because each partnership
    is released when its assessment is done.
    """
    directory, settings = job
    return assess(load_quickly(directory), settings)


def load_quickly(directory: Path) -> Partnership:
    """`load`, with garbage collection paused (see `check_one`)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return load(directory)
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class Verdict:
    """Watches the assessments go by, for the exit code: 1 when any partnership has a
    finding at or above its `--fail-on`, else 0."""

    failed: bool = False

    def watch(self, assessments: Iterable[Assessment]) -> Iterator[Assessment]:
        for assessment in assessments:
            self.failed = self.failed or any(assessment.settings.fails(f)
                                             for f in assessment.findings)
            yield assessment

    @property
    def exit_code(self) -> int:
        return EXIT_FINDINGS if self.failed else EXIT_OK
