"""Leaving a map whose last save failed never drops the edit without asking.

Disk full (the store's write raises ENOSPC) and a deleted folder are the two
real ways a save fails; each choice of the dialog is checked on the file.
"""

from __future__ import annotations

import errno
import shutil

import pytest

import stakemap.store
from stakemap.session import SaveState
from stakemap.store import MapStore
from stakemap.tui.screens.conflict import ConflictScreen
from stakemap.tui.screens.main import MainScreen
from stakemap.tui.screens.picker import PickerScreen
from stakemap.tui.screens.save_as import SaveAsScreen
from stakemap.tui.screens.unsaved import UnsavedScreen
from stakemap.vocab import Stance

from .conftest import app_for, build_deal, saved, settle


class DiskFull:
    """Makes every map write fail as a full disk does, until ``cleared``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.real = stakemap.store.atomic_write
        self.full = True
        monkeypatch.setattr(stakemap.store, "atomic_write", self._write)

    def _write(self, *args, **kwargs):
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.real(*args, **kwargs)


async def _failed_edit(pilot):
    """Step Fiona's stance up while the save fails; returns her id."""
    app = pilot.app
    await settle(pilot)
    fiona = app.screen.session.map.resolve("Fiona MacLeod").id
    app.screen.select(fiona)
    await pilot.press("s")
    await settle(pilot)
    assert app.screen.session.state is SaveState.FAILED
    return fiona


async def _ask_to_quit(pilot, *keys):
    await pilot.press(*keys)
    await settle(pilot)
    assert isinstance(pilot.app.screen, UnsavedScreen)
    assert pilot.app.return_code is None  # not quitting


async def test_quit_after_a_failed_save_asks_then_retry_saves_and_quits(deal_path, monkeypatch):
    disk = DiskFull(monkeypatch)
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        fiona = await _failed_edit(pilot)
        await _ask_to_quit(pilot, "q")
        assert "disk is full" in " ".join(str(s.render()) for s in app.screen.query(".dialog-text"))
        await pilot.press("r")  # still full: asked again, nothing lost
        await settle(pilot)
        assert isinstance(app.screen, UnsavedScreen)
        assert app.return_code is None
        assert saved(deal_path).person(fiona).stance is Stance.UNKNOWN
        disk.full = False
        await pilot.press("r")
        await settle(pilot)
        assert app.return_code == 0
    assert saved(deal_path).person(fiona).stance is Stance.NEUTRAL


async def test_save_as_after_the_folder_was_deleted(tmp_path, make_map, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "gone"
    folder.mkdir()
    path = folder / "northwind.json"
    MapStore(path).create(build_deal(make_map()))
    app = app_for(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shutil.rmtree(folder)
        fiona = await _failed_edit(pilot)
        await _ask_to_quit(pilot, "ctrl+q")
        await pilot.press("s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SaveAsScreen)
        assert form.query_one("#field-path").value == str(tmp_path / "northwind-unsaved.json")
        await pilot.press("enter")
        await settle(pilot)
        assert app.return_code == 0
    assert saved(tmp_path / "northwind-unsaved.json").person(fiona).stance is Stance.NEUTRAL
    assert not folder.exists()


async def test_discard_quits_without_saving(deal_path, monkeypatch):
    disk = DiskFull(monkeypatch)
    before = deal_path.read_bytes()
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _failed_edit(pilot)
        await _ask_to_quit(pilot, "q")
        disk.full = False  # even a disk with room again is not written: discard means it
        await pilot.press("d")
        await settle(pilot)
        assert app.return_code == 0
    assert deal_path.read_bytes() == before


async def test_escape_stays_and_ctrl_c_never_quits(deal_path, monkeypatch):
    DiskFull(monkeypatch)
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        fiona = await _failed_edit(pilot)
        await _ask_to_quit(pilot, "q")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.return_code is None
        assert app.screen.session.map.person(fiona).stance is Stance.NEUTRAL
        await _ask_to_quit(pilot, "q")  # asked again each time


async def test_opening_another_map_after_a_failed_save_asks_too(deal_path, monkeypatch):
    DiskFull(monkeypatch)
    before = deal_path.read_bytes()
    app = app_for(deal_path, cwd=deal_path.parent)
    async with app.run_test(size=(100, 30)) as pilot:
        await _failed_edit(pilot)
        await _ask_to_quit(pilot, "ctrl+o")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
    assert deal_path.read_bytes() == before


async def test_quit_with_a_conflict_open_asks(deal_path, tmp_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        fiona = saved(deal_path).resolve("Fiona MacLeod").id
        app.screen.select(fiona)
        with MapStore(deal_path).edit() as theirs:
            theirs.add_person(name="Added From CLI")
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("escape")  # decide later
        await _ask_to_quit(pilot, "q")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.return_code == 0
    assert saved(tmp_path / "northwind-unsaved.json").person(fiona).stance is Stance.NEUTRAL
    assert saved(deal_path).resolve("Added From CLI")


async def test_quit_with_everything_saved_just_quits(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s", "q")
        await settle(pilot)
        assert app.return_code == 0
    assert saved(deal_path).resolve("Henrik Aalto")
