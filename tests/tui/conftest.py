"""Fixtures for the app tests: a small deterministic map, a fixed today, no blinking.

Every test that edits asserts on the saved file (re-read with ``MapStore``),
not only on the screen: the app's promise is that nothing is ever lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual import constants as textual_constants
from textual.pilot import Pilot

from stakemap import config
from stakemap.model import StakeMap
from stakemap.store import MapStore
from stakemap.tui import catalog, keymap
from stakemap.tui.app import StakemapApp

#: "Today" for every app test: stale-contact findings stay the same forever.
TODAY = date(2026, 11, 30)


#: A toast outlives any test: a screenshot never depends on how fast the machine is.
_TOAST_S = 24 * 3600.0


@pytest.fixture(autouse=True)
def _quiet_app(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Nothing on the machine running the tests, and no clock, decides what a test sees.

    No cursor blink; toasts stay until dismissed (a loaded machine would let a
    3-second toast vanish before the screenshot); the user's own config,
    keymap and maps folders (``platformdirs`` on every OS, not only XDG) and
    the developer's ``TEXTUAL_*`` settings are out of reach.
    The app's own timers are off in ``app_for``.
    """
    monkeypatch.setattr(StakemapApp, "CURSOR_BLINK", False)
    # Wrap the app's own notify (it keeps toasts as text), not Textual's.
    notify = StakemapApp.notify

    def lasting_notify(self: StakemapApp, message: str, **kwargs: object) -> None:
        kwargs["timeout"] = _TOAST_S
        notify(self, message, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(StakemapApp, "notify", lasting_notify)
    monkeypatch.setattr(Pilot, "press", _press_each_when_ready)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setattr(keymap, "user_config_dir", lambda app: str(home / "config" / app))
    monkeypatch.setattr(config, "user_config_dir", lambda app: str(home / "config" / app))
    monkeypatch.setattr(catalog, "user_data_dir", lambda app: str(home / "data" / app))
    # Textual reads its settings from the environment when it is imported (by
    # the snapshot plugin, before any conftest): reset those an app reads when
    # it starts, so a developer's TEXTUAL_ANIMATIONS=none cannot change a test.
    monkeypatch.setattr(textual_constants, "TEXTUAL_ANIMATIONS", "full")
    monkeypatch.setattr(textual_constants, "COLOR_SYSTEM", "auto")
    monkeypatch.setattr(textual_constants, "FILTERS", "")
    monkeypatch.delenv("NO_COLOR", raising=False)


_REAL_PRESS = Pilot.press
#: How many event-loop turns a key may take to be handled (a count, not seconds).
_MAX_TURNS = 200


async def _press_each_when_ready(self: Pilot[object], *keys: str) -> None:
    """``pilot.press``, one key at a time, each once the app is ready for it.

    Pilot's own wait after a key is "the process looks idle", which a loaded
    machine fakes (the process gets no CPU, so it looks idle): the next key
    then reached a form still mounting and was lost ("irst Person"). Here each
    key waits until the app has handled the one before and the screen on top
    has its focus, whatever the machine's speed.
    """
    for key in keys:
        await _REAL_PRESS(self, key)
        await ready_for_input(self)


async def ready_for_input(pilot: Pilot[object]) -> None:
    """Turn the event loop until every key typed has been handled and the top
    screen has mounted and holds the focus."""
    app = pilot.app
    for _ in range(_MAX_TURNS):
        if app.return_code is not None or not app.is_running:
            return
        await pilot.pause()
        try:
            screen = app.screen
        except Exception:  # the stack is being torn down: nothing to type into
            return
        focused = app.focused
        has_focus = focused is not None and focused.screen is screen
        typed_ahead = getattr(app, "typeahead", None)  # keys still waiting their turn
        drained = typed_ahead is None or typed_ahead.idle
        if drained and screen.is_mounted and (has_focus or not screen.focus_chain):
            return
    raise AssertionError(f"{app.screen!r} never became ready for input")


def build_deal(stakemap: StakeMap) -> StakeMap:
    """Northwind in miniature: a champion, a blocking CFO, an opposed CIO and his report."""
    add = stakemap.add_person
    zoe = add(
        name="Zoë Castellanos",
        title="CMO",
        department="Marketing",
        role="decision_maker",
        stance="champion",
        influence="high",
        coverage="in_depth",
        mode="growth",
        priorities=["Pipeline growth", "RevOps platform", "Brand refresh"],
        last_contact="2026-11-20",
    )
    henrik = add(
        name="Henrik Aalto",
        title="CFO",
        department="Finance",
        role="economic_buyer",
        stance="skeptic",
        influence="high",
        veto=True,
        coverage="brief",
        fear_of_failure="high",
        priorities=["Cost cuts", "ERP migration", "Audit"],
        drivers="Hit the savings target",
        notes="Burned by last year's CRM project",
        last_contact="2026-08-01",
    )
    ana = add(
        name="Ana Ferreira",
        title="Financial Controller",
        department="Finance",
        role="influencer",
        stance="supporter",
        influence="medium",
        coverage="multiple",
        last_contact="2026-11-10",
    )
    graham = add(
        name="Graham Pryce",
        title="CIO",
        department="IT",
        role="decision_maker",
        stance="opponent",
        influence="high",
        coverage="brief",
        priorities=["Cloud migration"],
        last_contact="2026-10-01",
    )
    aga = add(
        name="Agnieszka Wójcik",
        title="IT Operations Manager",
        department="IT",
        role="implementer",
        stance="skeptic",
        influence="medium",
        coverage="brief",
    )
    fiona = add(name="Fiona MacLeod", title="HR Director", department="HR", role="influencer")
    link = stakemap.add_link
    link(henrik.id, zoe.id, "dotted_line")
    link(ana.id, henrik.id, "reports_to")
    link(ana.id, henrik.id, "influences", 3)
    link(zoe.id, ana.id, "influences", 2)
    link(aga.id, graham.id, "reports_to")
    link(graham.id, aga.id, "influences", 3)
    link(graham.id, zoe.id, "conflicts", 2)
    _ = fiona
    return stakemap


@pytest.fixture
def deal_path(tmp_path: Path, make_map: Callable[..., StakeMap]) -> Path:
    path = tmp_path / "northwind.json"
    MapStore(path).create(build_deal(make_map()))
    return path


def app_for(path: Path | None, **kwargs: object) -> StakemapApp:
    """The app with its timers off: tests call ``screen.poll_disk()`` themselves, and
    an edit is saved before the key press returns (pass a number to test a timer)."""
    kwargs.setdefault("today", TODAY)
    kwargs.setdefault("poll_interval", None)
    kwargs.setdefault("save_delay", None)
    return StakemapApp(path, **kwargs)  # type: ignore[arg-type]


def saved(path: Path) -> StakeMap:
    """The map as it is on disk now."""
    return MapStore(path).load()


async def settle(pilot: object) -> None:
    """Let messages, workers (the analysis) and the repaint finish; no clock involved."""
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
