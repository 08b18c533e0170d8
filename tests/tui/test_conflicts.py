"""The app's merge conflicts: the banner, the screen, o / t / e, and a clean map after."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static, TextArea

from stakemap.model import StakeMap
from stakemap.store import MapStore
from stakemap.tui.keymap import keymap_path
from stakemap.tui.screens.conflicts import ConflictsScreen, ConflictValueForm
from stakemap.tui.screens.main import MainScreen
from stakemap.tui.widgets.conflicts_banner import ConflictsBanner
from stakemap.vocab import Stance
from tests.conflict_helpers import FIONA, GRAHAM, HENRIK, conflict, conflicted_copy

from .conftest import app_for, saved, settle
from .test_markup import assert_safe


@pytest.fixture
def mapfile(tmp_path: Path) -> Path:
    return conflicted_copy(tmp_path)


def banner_text(app: object) -> str:
    widget = app.screen.query_one(ConflictsBanner)  # type: ignore[attr-defined]
    return str(widget.render()) if widget.display else ""


def detail(app: object) -> str:
    return str(app.screen.query_one("#conflict-detail", Static).render())  # type: ignore[attr-defined]


async def test_banner_screen_and_settling_each_one_leaves_a_clean_map(mapfile: Path) -> None:
    app = app_for(mapfile)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "3 merge conflicts — press M to settle" in banner_text(app)
        await pilot.press("M")
        assert isinstance(app.screen, ConflictsScreen)
        text = detail(app)
        assert "Henrik Aalto" in text and "both changed the stance" in text
        assert "t sam   opponent  2026-12-02 09:15" in text  # the key, who, what, when
        await pilot.press("t")  # theirs: opponent
        assert saved(mapfile).person(HENRIK).stance is Stance.OPPONENT
        assert len(saved(mapfile).conflicts) == 2
        assert "Fiona MacLeod" in detail(app)
        await pilot.press("o")  # ours: Fiona's note as we wrote it
        assert saved(mapfile).person(FIONA).notes == "Met at the offsite."
        assert "Graham Pryce" in detail(app) and "deleted it" in detail(app)
        await pilot.press("t")  # theirs deleted Graham
        await settle(pilot)
        assert GRAHAM not in saved(mapfile) and saved(mapfile).conflicts == []
        assert isinstance(app.screen, MainScreen)
        assert banner_text(app) == ""
        # One undo brings the last settlement back, banner and all.
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert GRAHAM in saved(mapfile) and len(saved(mapfile).conflicts) == 1
        assert "1 merge conflict — press M" in banner_text(app)


async def test_moving_with_j_and_k(mapfile: Path) -> None:
    app = app_for(mapfile)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("M", "j", "j")
        assert "Graham Pryce" in detail(app)
        await pilot.press("k")
        assert "Fiona MacLeod" in detail(app)
        await pilot.press("down")
        assert "Graham Pryce" in detail(app)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert len(saved(mapfile).conflicts) == 3


async def test_edit_prefills_the_merged_value_and_enter_applies_it(mapfile: Path) -> None:
    app = app_for(mapfile)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("M", "e")
        assert isinstance(app.screen, ConflictValueForm)
        field = app.screen.query_one("#field-stance", Input)
        assert field.value == "skeptic"  # the merged map holds ours meanwhile
        field.value = "lukewarm"
        await pilot.press("enter")
        assert isinstance(app.screen, ConflictValueForm)  # refused: the form stays open
        assert "stance" in str(app.screen.query_one("#error-stance", Static).render())
        assert len(saved(mapfile).conflicts) == 3
        field.value = "neutral"
        await pilot.press("enter")
        assert isinstance(app.screen, ConflictsScreen)
        assert saved(mapfile).person(HENRIK).stance is Stance.NEUTRAL
        assert len(saved(mapfile).conflicts) == 2


async def test_edit_of_a_rewritten_text_opens_the_marked_text_and_esc_cancels(
    mapfile: Path,
) -> None:
    app = app_for(mapfile)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("M", "j", "e")
        area = app.screen.query_one("#field-notes", TextArea)
        assert "<<<<<<< ana" in area.text and "Prefers email." in area.text
        await pilot.press("escape")
        assert isinstance(app.screen, ConflictsScreen)
        assert len(saved(mapfile).conflicts) == 3
        await pilot.press("e")
        app.screen.query_one("#field-notes", TextArea).text = "Met at the offsite.\nPrefers email."
        await pilot.press("ctrl+s")
        assert saved(mapfile).person(FIONA).notes == "Met at the offsite.\nPrefers email."


async def test_the_palette_opens_it_and_a_clean_map_says_so(deal_path: Path) -> None:
    app = app_for(deal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert banner_text(app) == ""
        await pilot.press("M")
        assert isinstance(app.screen, MainScreen)  # nothing to settle: a toast, no screen
        with MapStore(deal_path).edit() as stakemap:
            pid = stakemap.resolve("Henrik Aalto").id
            stakemap.put_conflict(conflict("people", pid, "title", ours="CFO", theirs="Group CFO"))
        app.screen.poll_disk()  # type: ignore[attr-defined]
        await settle(pilot)
        assert "1 merge conflict" in banner_text(app)
        await pilot.press("ctrl+p")
        await pilot.press(*"settle merge")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConflictsScreen)


async def test_names_and_values_show_as_text_never_markup(
    tmp_path: Path, make_map: Callable[..., StakeMap]
) -> None:
    stakemap = make_map()
    person = stakemap.add_person(name="[bold]x", title="[red]CFO")
    stakemap.put_conflict(
        conflict("people", person.id, "title", ours="[red]CFO", theirs="[link=http://e.x]y")
    )
    path = tmp_path / "m.json"
    MapStore(path).create(stakemap)
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("M")
        assert app.screen.query_one(OptionList).option_count == 1
        assert_safe(app, "[bold]x", "[red]CFO", "[link=http://e.x]y")


async def test_the_banner_names_the_remapped_key(mapfile: Path) -> None:
    path = keymap_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keys]\nmap.conflicts = "X"\n')
    app = app_for(mapfile)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "press X to settle" in banner_text(app)
        await pilot.press("X")
        assert isinstance(app.screen, ConflictsScreen)
