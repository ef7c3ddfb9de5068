"""Work spread over worker processes, with exactly the output of a serial run.

`check`, `portfolio` and `build` share one policy: forked workers where the platform can
fork (cheap: the imports and what is loaded are shared), serial work below a few chunks,
results in the order of the items, and a worker that dies ending the run with a user error
(exit 2) at once, where `multiprocessing.Pool` would wait forever.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.context import BaseContext
from typing import TypeVar

from ctepartner.errors import UserError

CHUNK = 8  # items per task: few enough messages, fair enough sharing
Item = TypeVar("Item")
Result = TypeVar("Result")
_SIGPIPE = hasattr(signal, "SIGPIPE")


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def ordered_map(work: Callable[[Item], Result], items: Sequence[Item], processes: int, *,
                chunk: int = CHUNK, fork_only: bool = False) -> Iterator[Result]:
    """`work` over `items`, by up to `processes` workers when there are at least two chunks
    of items for them, else in this process. `fork_only`: the work reads what this process
    holds (a forked worker has it), so without fork it stays serial."""
    workers = min(processes, len(items) // chunk)
    if workers < 2 or (fork_only and not can_fork()):
        yield from map(work, items)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # The pool writes tasks to its workers through pipes; a worker that dies closes its end,
    # and with SIGPIPE at its default the write would kill this process before the pool can
    # report the broken worker. A closed stdout meanwhile raises BrokenPipeError (__main__).
    previous = signal.signal(signal.SIGPIPE, signal.SIG_IGN) if _SIGPIPE else None
    try:
        with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
            try:
                yield from pool.map(work, items, chunksize=chunk)
            except BrokenProcessPool:
                raise UserError("a worker process stopped before it finished (killed, or out "
                                "of memory); run again, or with --jobs 1") from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGPIPE, previous)


def _context() -> BaseContext:
    """Fork where the platform has it; else the platform's default."""
    if can_fork():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
