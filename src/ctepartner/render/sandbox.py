"""Templates from a repository run in a box: what they may read, compute, and spend.

A consultant's branded template is code that other people's CI runs. Jinja's sandbox already
stops it from reaching Python's internals; this adds the rest:
- it reads only files inside its templates folder (a link out of it is refused before reading);
- operators and filters that make big values (`'a' * 10**10`, `'x'|center(10**9)`) are bounded,
  and so is `range`;
- rendering has a time limit and a memory limit, so nested loops or a recursive macro end in a
  clear error instead of a hung or killed CI job, on Linux, macOS and Windows alike.
"""

from __future__ import annotations

import ctypes
import functools
import os
import re
import stat
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

MAX_TEMPLATE_BYTES = 1024 * 1024
MAX_RANGE = 10_000  # items in one `range()`; a document has hundreds of rows at most
MAX_VALUE = 1_000_000  # characters or items one operator or filter may make
MAX_SECONDS = 60.0  # one document; the largest report takes about a second
MAX_MEMORY = 512 * 1024**2  # bytes of address space a render may add


class TemplateLimit(Exception):
    """A template went past one of the limits above."""


class FolderLoader(BaseLoader):
    """Templates from one folder, never from outside it: the real path of every template
    (links resolved) must stay inside the folder, checked before anything is read."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = folder.resolve()

    def get_source(self, environment: Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))
        if not os.path.lexists(path):
            raise TemplateNotFound(template)
        real = path.resolve()
        if not real.is_relative_to(self.root):
            raise SecurityError(f"{path} leads out of the templates folder; it was not read")
        try:
            status = real.stat()
        except OSError:
            raise TemplateNotFound(template) from None
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_TEMPLATE_BYTES:
            raise SecurityError(f"{path} is not a template file (a regular file of at most "
                                f"{MAX_TEMPLATE_BYTES // 1024} KB)")
        source = real.read_bytes()[:MAX_TEMPLATE_BYTES].decode("utf-8", errors="replace")
        mtime = status.st_mtime
        return source, str(path), lambda: _mtime(real) == mtime


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 0


def _checked(value: Any) -> Any:
    if _size(value) > MAX_VALUE:
        raise TemplateLimit(f"a value of more than {MAX_VALUE:,} characters or items")
    return value


def bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(f"range() of more than {MAX_RANGE:,} numbers")
    return numbers


def _bounded_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose numeric arguments (widths, counts) may not exceed MAX_VALUE."""
    value_at = 2 if hasattr(original, "jinja_pass_arg") else 1  # after the context, if any

    @functools.wraps(original)  # keeps `jinja_pass_arg`, which says what Jinja passes first
    def bounded(*args: Any, **kwargs: Any) -> Any:
        numbers = [a for a in (*args[value_at:], *kwargs.values()) if isinstance(a, int)]
        if any(abs(number) > MAX_VALUE for number in numbers):
            raise TemplateLimit(f"a filter argument over {MAX_VALUE:,}")
        return _checked(original(*args, **kwargs))
    return bounded


_PRINTF_SIZES = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d*))?")


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with operators, `range` and filters that cannot make huge values.

    Constants are not folded while a template is compiled (`optimized=False`): folding would
    run `'%01000000000d' % 1` before the render's limits are in force."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(optimized=False, **options)
        self.globals["range"] = bounded_range
        for name in ("center", "indent", "wordwrap", "truncate", "format", "replace", "join",
                     "batch", "slice"):
            self.filters[name] = _bounded_filter(self.filters[name])

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if (operator == "**" and isinstance(left, int) and isinstance(right, int)
                and right > 0 and abs(left).bit_length() * right > 4096):
            raise TemplateLimit("a power too large to compute")
        if operator == "%" and isinstance(left, str):
            for width, precision in _PRINTF_SIZES.findall(left):
                if max(int(width or 0), int(precision or 0)) > MAX_VALUE:
                    raise TemplateLimit(f"a format wider than {MAX_VALUE:,} characters")
        if operator == "*":
            count = right if isinstance(right, int) else left if isinstance(left, int) else 0
            length = max(_size(left), _size(right))
            if length and count * length > MAX_VALUE:
                raise TemplateLimit(f"a value of more than {MAX_VALUE:,} characters or items")
        return super().call_binop(context, operator, left, right)


@contextmanager
def limits() -> Iterator[None]:
    """Run the block under the time and memory limits; TemplateLimit when either is reached.

    The same on Linux, macOS and Windows, in any thread: a watchdog thread raises in the
    rendering thread when time runs out. Memory is capped by the address-space limit where
    the platform has one (`resource`), else the watchdog watches what Python allocates."""
    watch = _Watchdog(threading.get_ident(), traced=not _HAS_RLIMIT)
    try:
        with _memory_limit():
            watch.start()
            try:
                yield
            finally:
                watch.stop()
    except _Expired:
        raise TemplateLimit(watch.reason) from None
    except MemoryError:
        raise TemplateLimit(f"rendering needed more than {MAX_MEMORY // 1024**2} MB of "
                            "memory") from None


class _Expired(BaseException):
    """Raised in the rendering thread by the watchdog: a BaseException, so that no `except
    Exception` on the way catches it."""


class _Watchdog(threading.Thread):
    """Stops a render that runs longer than MAX_SECONDS, or (`traced`) that makes Python
    allocate more than MAX_MEMORY, by raising _Expired in the rendering thread."""

    TICK = 0.02  # seconds between looks

    def __init__(self, target: int, *, traced: bool) -> None:
        super().__init__(daemon=True, name="ctepartner-template-watchdog")
        self.target = target
        self.traced = traced
        self.reason = ""
        self.fired = False
        self.done = threading.Event()
        self.guard = threading.Lock()
        self.started_tracing = False

    def start(self) -> None:
        if self.traced and not tracemalloc.is_tracing():
            tracemalloc.start()
            self.started_tracing = True
        self.base = tracemalloc.get_traced_memory()[0] if self.traced else 0
        super().start()

    def run(self) -> None:
        deadline = time.monotonic() + MAX_SECONDS
        while not self.done.wait(self.TICK):
            if time.monotonic() > deadline:
                self._fire(f"rendering took longer than {MAX_SECONDS:.0f} seconds")
            elif self.traced and tracemalloc.get_traced_memory()[0] - self.base > MAX_MEMORY:
                self._fire(f"rendering needed more than {MAX_MEMORY // 1024**2} MB of memory")

    def _fire(self, reason: str) -> None:
        with self.guard:
            if self.done.is_set():
                return
            self.reason, self.fired = reason, True
            self.done.set()
            _raise_in(self.target, _Expired)

    def stop(self) -> None:
        with self.guard:
            self.done.set()
            pending = self.fired
        try:
            self.join()
        finally:
            if self.started_tracing:
                tracemalloc.stop()
        if pending:  # fired as the render ended: raise it here, where `limits` expects it
            _raise_in(self.target, None)
            raise _Expired


def _raise_in(thread: int, error: type[BaseException] | None) -> None:
    """Raise `error` in the thread at its next bytecode (None: withdraw one not yet raised)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(error) if error else None)


try:
    import resource
except ImportError:  # Windows
    _HAS_RLIMIT = False
else:
    _HAS_RLIMIT = hasattr(resource, "RLIMIT_AS")


@contextmanager
def _memory_limit() -> Iterator[None]:
    """The address-space limit, raised by MAX_MEMORY for the block, where there is one."""
    if not _HAS_RLIMIT:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    in_use = _address_space()
    wanted = in_use + MAX_MEMORY if in_use else resource.RLIM_INFINITY
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY:
        wanted = min(wanted, soft)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 where /proc is not there)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")
