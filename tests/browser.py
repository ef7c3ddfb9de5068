"""Headless Chromium driven through its DevTools protocol, as the page's reader would see it.

Every step waits for the browser's own event (the page's `load`, the answer to a command),
never for a span of time: a loaded machine makes the checks slower, not flaky. The protocol
runs over a pair of pipes (`--remote-debugging-pipe`), so no port and no client library is
needed. A browser that cannot start is tried once more, then reported as what it is.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
GUARD_SECONDS = 120.0  # only a browser that hangs ever waits this long

MEASURE = """async () => {
  await new Promise(done => setTimeout(done, 0));
  const acted = await (%s)();
  return {scroll: document.documentElement.scrollWidth, inner: innerWidth, acted: acted};
}"""


def _above_ten(descriptor: int) -> int:
    """The same pipe end at a descriptor of 10 or more, closed on exec like the original."""
    import fcntl  # POSIX only, as `--remote-debugging-pipe` here is: imported when used

    moved = fcntl.fcntl(descriptor, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(descriptor)
    return moved


class BrowserError(Exception):
    """The browser did not start or did not answer: a fault of the machine, not the page."""


class Chromium:
    """One headless browser, one tab; `open` loads a page at a given width."""

    def __init__(self) -> None:
        if CHROMIUM is None:
            raise BrowserError("chromium is not installed")
        for attempt in (1, 2):
            try:
                self._start()
                return
            except BrowserError:
                self.close()
                if attempt == 2:
                    raise

    def _start(self) -> None:
        # The browser reads commands on its descriptor 3 and answers on 4: each pipe end is
        # first moved above 10, so that placing it at 3 or 4 cannot overwrite the other.
        reads, self._commands = os.pipe()
        self._answers, writes = os.pipe()
        to_browser, from_browser = (_above_ten(reads), _above_ten(writes))

        def place() -> None:
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        self.process = subprocess.Popen(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
             "--allow-file-access-from-files", "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=place, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=self.session)

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its answer; events that come first are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method,
                                   "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._commands, json.dumps(message).encode() + b"\0")
        except OSError as error:
            raise BrowserError(f"chromium stopped: {error}; {self._stderr()}") from None
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        """The next event `method` (one already received counts)."""
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(index)
            self.events.append(self._receive())

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + GUARD_SECONDS
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._answers], [], [], max(left, 0))
            if not ready:
                raise BrowserError(f"chromium did not answer in {GUARD_SECONDS:.0f} s")
            chunk = os.read(self._answers, 1 << 16)
            if not chunk:
                raise BrowserError(f"chromium stopped; {self._stderr()}")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def open(self, page: Path, width: int, act: str = "() => null") -> dict[str, Any]:
        """Load `page` in a viewport `width` pixels wide and wait for its `load` event; then
        run `act` (a JavaScript function, as a reader's clicks) and measure. Returns the
        scroll width, the viewport's width, what `act` returned, and every error the page
        raised or logged."""
        self.events.clear()
        self.send("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
            session=self.session)
        self.send("Page.navigate", {"url": page.as_uri()}, session=self.session)
        self.wait_for("Page.loadEventFired")
        answer = self.send("Runtime.evaluate", {
            "expression": f"({MEASURE % act})()", "awaitPromise": True, "returnByValue": True},
            session=self.session)
        if "exceptionDetails" in answer:
            raise AssertionError(f"{page.name}: {answer['exceptionDetails']}")
        result: dict[str, Any] = answer["result"]["value"]
        result["errors"] = self._errors()
        return result

    def _errors(self) -> list[str]:
        errors = []
        for event in self.events:
            params = event.get("params", {})
            if event.get("method") == "Runtime.exceptionThrown":
                errors.append(str(params["exceptionDetails"].get("text")))
            elif event.get("method") == "Runtime.consoleAPICalled" and params["type"] == "error":
                errors.append(" ".join(str(arg.get("value")) for arg in params["args"]))
            elif (event.get("method") == "Log.entryAdded"
                  and params["entry"]["level"] == "error"):
                errors.append(str(params["entry"]["text"]))
        return errors

    def _stderr(self) -> str:
        if self.process.poll() is None or self.process.stderr is None:
            return "it is still running"
        return self.process.stderr.read().decode(errors="replace")[-1000:]

    def close(self) -> None:
        process = getattr(self, "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        if process is not None and process.stderr is not None:
            process.stderr.close()
        for name in ("_commands", "_answers"):
            descriptor = getattr(self, name, None)
            if descriptor is not None:
                with contextlib.suppress(OSError):
                    os.close(descriptor)
                setattr(self, name, None)
