"""``stakemap serve`` in a real browser: headless Chromium loads the page, the
map's people appear, a key press edits the map and the file on disk changes.

The system's Chromium (Debian's ``chromium`` package, which ``.ci/run``
installs when it can) is driven by Playwright; without a Chromium this one test
is skipped, saying why. The page draws the terminal with xterm.js on a canvas,
so the screen is read from xterm's own buffer: an init script catches the
``Terminal`` textual-serve's page makes (``_CATCH_TERMINAL``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_helpers import serving, wait_for

from stakemap.store import MapStore

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


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    with serving(tmp_path) as (url, path):
        yield url, path


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
