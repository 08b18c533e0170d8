"""Screenshots of every screen at 80x24 and 120x40, compared with the accepted SVGs.

Regenerate after an intended change with ``pytest tests/tui/test_snapshots.py
--snapshot-update`` and review the diff (the report shows both images).
The map has fixed ids and timestamps, "today" is fixed and the cursor does
not blink, so a screenshot only changes when the app's output does.
"""

from __future__ import annotations

import pytest

from stakemap.store import MapStore
from tests.conflict_helpers import conflicted_copy

from .conftest import app_for, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def _ready(pilot) -> None:
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, deal_path, size):
    assert snap_compare(app_for(deal_path), terminal_size=size, run_before=_ready)


@pytest.mark.parametrize("size", SIZES)
def test_main_screen_grouped_and_sorted(snap_compare, deal_path, size):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("g", "o")
        await settle(pilot)

    assert snap_compare(app_for(deal_path), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_person_form(snap_compare, deal_path, size):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        pilot.app.screen.query_one("#field-email").value = "not an email"
        await pilot.pause()

    assert snap_compare(app_for(deal_path), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_link_form(snap_compare, deal_path, size):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("l", "h", "e")
        await pilot.pause()

    assert snap_compare(app_for(deal_path), terminal_size=size, run_before=before)


def test_link_form_editing(snap_compare, deal_path):
    """The link form opened on Zoë's influence on Ana (L, then e), at 80x24."""

    async def before(pilot):
        await settle(pilot)
        m = MapStore(deal_path).load()
        zoe, ana = m.resolve("Zoë Castellanos").id, m.resolve("Ana Ferreira").id
        pilot.app.screen.select(zoe)
        await settle(pilot)
        await pilot.press("L")
        links = pilot.app.focused
        links.highlighted = links.get_option_index(m.find_links(zoe, ana)[0].id)
        await pilot.press("e")
        await pilot.pause()

    assert snap_compare(app_for(deal_path), terminal_size=(80, 24), run_before=before)


@pytest.mark.parametrize(
    "view", ["2", "3", "4", "5"], ids=["org", "grid", "departments", "influence"]
)
@pytest.mark.parametrize("size", SIZES)
def test_views(snap_compare, deal_path, size, view):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("down", "down", "down", "down")  # Henrik Aalto
        await pilot.press(view)
        await settle(pilot)

    assert snap_compare(app_for(deal_path), terminal_size=size, run_before=before)


def test_plan_view(snap_compare, deal_path):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)

    assert snap_compare(app_for(deal_path), terminal_size=(120, 40), run_before=before)


def test_help_screen(snap_compare, deal_path):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app_for(deal_path), terminal_size=(120, 40), run_before=before)


def test_main_screen_light_theme(snap_compare, deal_path):
    """ctrl+t switches to the light theme: stance colours must stay readable on white."""

    async def before(pilot):
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert not pilot.app.current_theme.dark

    assert snap_compare(app_for(deal_path), terminal_size=(120, 40), run_before=before)


def test_snapshots_are_checked_with_the_textual_they_were_made_with():
    """One clear failure instead of every snapshot differing after a Textual upgrade."""
    import re
    import tomllib
    from importlib.metadata import version
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    extra = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]["test"]
    pins = [m.group(1) for req in extra if (m := re.fullmatch(r"textual==(\S+)", req))]
    assert pins, "the test extra pins textual (textual==X.Y.Z)"
    assert version("textual") == pins[0], (
        f"textual {version('textual')} is installed, the snapshots are for {pins[0]}: "
        "pip install -e '.[test]', or move the pin and update the snapshots (README)"
    )


def test_conflicts_screen(snap_compare, tmp_path):
    """The sample map after a merge that left three conflicts: the second one highlighted."""

    async def before(pilot):
        await settle(pilot)
        await pilot.press("M", "j")
        await settle(pilot)

    app = app_for(conflicted_copy(tmp_path))
    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_main_screen_with_conflicts_banner(snap_compare, tmp_path):
    app = app_for(conflicted_copy(tmp_path))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_ready)
