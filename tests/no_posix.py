"""A pytest plugin that makes this machine look like Windows to ctepartner, for the suite's
run on "simulated Windows" (.ci/run): `python -m pytest -p no_posix ...`.

Windows has no `fcntl` (file locks), no `resource` (memory limits), no SIGALRM, `setitimer`
or SIGPIPE, and no `os.geteuid`. The plugin is loaded before any test module imports
ctepartner, so the code under test takes the paths it takes there. What it cannot imitate:
`\\` as the path separator, CRLF consoles and a fork-less `multiprocessing` (the suite's
`--jobs` tests fork on this machine).
"""

from __future__ import annotations

import os
import signal
import sys

import pytest

MISSING_MODULES = ("fcntl", "resource")
MISSING_NAMES = ((signal, "SIGALRM"), (signal, "setitimer"), (signal, "SIGPIPE"),
                 (os, "geteuid"))

for _name in MISSING_MODULES:
    sys.modules[_name] = None  # type: ignore[assignment]  # `import fcntl` now fails
for _module, _attribute in MISSING_NAMES:
    if hasattr(_module, _attribute):
        delattr(_module, _attribute)


def pytest_report_header() -> str:
    return ("simulated Windows: no " + ", ".join(MISSING_MODULES) + ", "
            + ", ".join(f"{m.__name__}.{a}" for m, a in MISSING_NAMES))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need what Windows lacks (device nodes, Unix permissions, killing a process
    that holds an OS lock) are marked `posix`, and the test browser drives Chromium through
    POSIX pipes: those are skipped here."""
    skip = pytest.mark.skip(reason="needs POSIX (simulated Windows run)")
    for item in items:
        if item.get_closest_marker("posix") or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)
