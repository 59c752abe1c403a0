"""A headless Chromium driven over the DevTools protocol, for tests of the HTML view.

Chromium is started with ``--remote-debugging-pipe``: it reads the protocol's JSON messages,
each ended by a NUL byte, on its file descriptor 3 and writes its answers and events on 4.
A pipe needs no port and no websocket client, and dies with the browser.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from typing import Any

EXECUTABLES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 30.0
FIRST_FREE_DESCRIPTOR = 10
"""The pipes are moved to descriptors from this one on, clear of 3 and 4 where the browser wants them."""


def find_chromium() -> str | None:
    return next((path for name in EXECUTABLES if (path := shutil.which(name))), None)


class BrowserError(RuntimeError):
    """The browser did not start, answered with an error, or went quiet."""


class Browser:
    """One headless Chromium; :meth:`open` gives a page."""

    def __init__(self, executable: str) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="chromium-")
        to_browser, self._commands = os.pipe()
        self._answers, from_browser = os.pipe()
        inside = [fcntl.fcntl(fd, fcntl.F_DUPFD, FIRST_FREE_DESCRIPTOR) for fd in (to_browser, from_browser)]
        for fd in (to_browser, from_browser):
            os.close(fd)
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
                 "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
                 f"--user-data-dir={self.profile.name}", "about:blank"]
        # bash moves the pipes to descriptors 3 and 4 (a POSIX sh may refuse descriptors above 9).
        self.process = subprocess.Popen(
            ["bash", "-c", f'exec "$@" 3<&{inside[0]} 4>&{inside[1]}', "bash", executable, *flags],
            pass_fds=inside, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for fd in inside:
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        try:
            self.call("Browser.getVersion")
        except BrowserError:
            self.close()
            raise

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept in :attr:`events`."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._commands, json.dumps(message).encode() + b"\0")
        except OSError as error:
            raise BrowserError(f"the browser is gone ({error}): {self._stderr()}") from None
        while True:
            answer = self._receive()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, event: str, session: str) -> dict[str, Any]:
        """The first event named ``event`` from ``session``, received already or next."""
        while True:
            for index, message in enumerate(self.events):
                if message.get("method") == event and message.get("sessionId") == session:
                    return self.events.pop(index)
            self.events.append(self._receive())

    def open(self, url: str, width: int, height: int = 800) -> Page:
        """A new tab showing ``url`` in a phone-like viewport ``width`` CSS pixels wide, loaded."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=session)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True}, session)
        self.call("Page.navigate", {"url": url}, session)
        self.wait_for("Page.loadEventFired", session)
        return Page(self, session)

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.call("Browser.close")
                self.process.wait(timeout=10)
            except (BrowserError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        for fd in (self._commands, self._answers):
            os.close(fd)
        if self.process.stderr:
            self.process.stderr.close()
        self.profile.cleanup()

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._answers], [], [], remaining)[0]:
                raise BrowserError(f"no answer from the browser in {TIMEOUT:g} s")
            data = os.read(self._answers, 1 << 16)
            if not data:
                raise BrowserError(f"the browser closed its pipe: {self._stderr()}")
            self._buffer += data
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def _stderr(self) -> str:
        if self.process.poll() is None or not self.process.stderr:
            return "(still running)"
        return self.process.stderr.read().decode(errors="replace")[-2000:]


class Page:
    """A loaded tab of a :class:`Browser`."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-serialisable)."""
        result = self.browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                   self.session)
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries of this page so far."""
        self.evaluate("0")  # a round trip: events sent before its answer have arrived
        found = []
        for message in self.browser.events:
            if message.get("sessionId") != self.session:
                continue
            method, params = message.get("method"), message.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(arg.get("value", arg.get("description"))) for arg in params["args"]))
            elif method == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(params["entry"].get("text", "error"))
        return found

    def screenshot(self) -> bytes:
        """The viewport as a PNG."""
        return base64.b64decode(self.browser.call("Page.captureScreenshot", {"format": "png"}, self.session)["data"])
