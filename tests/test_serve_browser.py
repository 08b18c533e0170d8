"""``stakemap serve`` in a real browser: headless Chromium loads the page, the
map's people appear, a key press edits the map and the file on disk changes.

The system's Chromium (Debian's ``chromium`` package, which ``.ci/run``
installs when it can) is driven by Playwright; without a Chromium this one test
is skipped, saying why. The page draws the terminal with xterm.js on a canvas,
so the screen is read from xterm's own buffer: an init script catches the
``Terminal`` textual-serve's page makes (``_CATCH_TERMINAL``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from stakemap.store import MapStore

SAMPLE = Path(__file__).resolve().parents[1] / "sample_maps" / "northwind.json"
DEADLINE_S = 60.0
T = TypeVar("T")

#: textual-serve's page keeps its xterm ``Terminal`` in a closure, stored as
#: ``this.terminal = new Terminal(...)``. A setter on Object.prototype sees
#: that assignment, keeps the terminal on ``window`` and then behaves like a
#: plain property, so nothing else on the page changes.
_CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer && value.buffer.active) {
      window.__stakemapTerminal = value;
    }
  },
});
"""

#: The terminal's visible rows as text ("" until the page has made its terminal).
_SCREEN = """() => {
  const terminal = window.__stakemapTerminal;
  if (!terminal) return "";
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(what: str, check: Callable[[], T | None], *, explain: Callable[[], str]) -> T:
    """Poll ``check`` until it returns something truthy, or fail at the deadline."""
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}:\n{explain()}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``stakemap serve`` on a copy of the sample map, as a user starts it; stopped after."""
    path = tmp_path / "northwind.json"
    shutil.copyfile(SAMPLE, path)
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "stakemap", "serve", str(path), "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
            # The user's keymap and maps folder stay out of it (XDG, read by platformdirs).
            env=dict(
                os.environ,
                XDG_CONFIG_HOME=str(tmp_path / "config"),
                XDG_DATA_HOME=str(tmp_path / "data"),
            ),
            start_new_session=True,  # its app processes too, to kill them all after
        )
    url = f"http://127.0.0.1:{port}/"

    def up() -> bool:
        assert server.poll() is None, log.read_text()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, ConnectionError):
            return False

    try:
        wait_for("the server", up, explain=log.read_text)
        yield url, path
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C: the app sessions quit with it
        try:
            server.wait(timeout=DEADLINE_S)
            wait_for(
                "every session to end with the server",
                lambda: _gone(server.pid),
                explain=log.read_text,
            )
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _gone(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def browser_path() -> str:
    found = chromium()
    if found is None:
        pytest.skip(
            "no Chromium found (chromium on PATH or /usr/bin/chromium): install Debian's "
            "'chromium' package to run the browser test (.ci/run does when it can)"
        )
    return found


def test_the_app_in_a_browser_shows_the_map_and_edits_the_file(browser_path, served):
    from playwright.sync_api import sync_playwright

    url, path = served
    people = MapStore(path).load().people
    before = {person.id: person.stance for person in people}
    names = {person.id: person.name for person in people}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.add_init_script(_CATCH_TERMINAL)
            page.goto(url)

            def screen() -> str:
                return str(page.evaluate(_SCREEN))

            def everyone_shown() -> bool:
                text = screen()
                return all(name in text for name in names.values()) and "saved" in text

            wait_for("the map's people on the page", everyone_shown, explain=screen)

            page.evaluate("() => window.__stakemapTerminal.focus()")
            page.keyboard.press("s")  # the selected person's stance, one step up

            def stances_changed() -> dict[str, str] | None:
                after = {person.id: person.stance for person in MapStore(path).load().people}
                changed = {key: str(after[key]) for key in before if after[key] != before[key]}
                return changed or None

            changed = wait_for("the edit to reach the file", stances_changed, explain=screen)
            assert len(changed) == 1, changed
            ((who, stance),) = changed.items()

            def row_shows_it() -> bool:
                rows = [row for row in screen().splitlines() if row.startswith(names[who])]
                return bool(rows) and f" {stance} " in rows[0]

            wait_for("the new stance in the person's row", row_shows_it, explain=screen)
        finally:
            browser.close()
    origin = url.rstrip("/")
    assert requests, "the page made no request"
    assert [r for r in requests if not r.startswith(origin + "/")] == []
