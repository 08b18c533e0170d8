"""Opening, creating and protecting map files: the picker, bad files, conflicts on disk."""

from __future__ import annotations

import os

from textual.widgets import DataTable

from stakemap.session import SaveState
from stakemap.store import MapStore
from stakemap.tui.catalog import describe, scan
from stakemap.tui.commands import picker_commands
from stakemap.tui.screens.conflict import ConflictScreen
from stakemap.tui.screens.main import MainScreen
from stakemap.tui.screens.new_map import NewMapScreen
from stakemap.tui.screens.picker import PickerScreen
from stakemap.tui.screens.save_as import SaveAsScreen
from stakemap.tui.widgets.people_table import PeopleTable

from .conftest import app_for, saved, settle


def _cli_adds(path, name):
    """What `stakemap person add PATH --name NAME` does: a locked read-modify-write."""
    with MapStore(path).edit() as theirs:
        return theirs.add_person(name=name)


def _rows(app) -> dict[str, list[str]]:
    table = app.screen.query_one(DataTable)
    return {str(key.value): [str(cell) for cell in table.get_row(key)] for key in table.rows}


async def test_picker_lists_maps_and_explains_a_broken_file(tmp_path, deal_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"meta": {"1": {"app": "stakemap", "schema_version": 1')
    foreign = tmp_path / "package.json"
    foreign.write_text('{"name": "not a map"}')
    os.utime(deal_path, (1_700_000_000, 1_700_000_000))
    broken_bytes, foreign_bytes = broken.read_bytes(), foreign.read_bytes()

    app = app_for(None, cwd=tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        rows = _rows(app)
        assert rows[str(deal_path)][:2] == ["Northwind Logistics", "6"]
        assert "AMBER" in rows[str(deal_path)][2] or "RED" in rows[str(deal_path)][2]
        assert rows[str(broken)][0] == "⚠ cannot open"
        entry = app.screen.entries[str(broken)]
        assert "truncated" in entry.error and "broken.json" in entry.error
        titles = [title for title, _, _ in picker_commands(app.screen)]
        assert titles[:2] == ["map: new…", "map: refresh the list"]
        assert titles.count("map: open Northwind Logistics") == 1  # not the broken file

        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(broken)))
        await pilot.pause()
        assert "truncated" in str(app.screen.query_one("#picker-detail").render())
        await pilot.press("enter")  # refused: the app stays up on the picker
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)

        table.move_cursor(row=table.get_row_index(str(deal_path)))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.session.path == deal_path
    assert broken.read_bytes() == broken_bytes
    assert foreign.read_bytes() == foreign_bytes


async def test_picker_creates_a_new_map_in_my_maps_folder(tmp_path):
    app = app_for(None, cwd=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, NewMapScreen)
        await pilot.press(*"Globex Corp")
        assert form.query_one("#field-file").value == "globex-corp.json"
        form.query_one("#field-folder").value = "my maps"
        form.query_one("#field-initiative").value = "Data platform"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        path = app.folders()["my maps"] / "globex-corp.json"
        assert app.screen.session.path == path
        created = saved(path)
        assert created.account.account == "Globex Corp"
        assert created.account.initiative == "Data platform"
        assert path.stat().st_mode & 0o777 == 0o600
        await pilot.press("a", *"First Person", "enter")
        await settle(pilot)
        assert [p.name for p in saved(path).people] == ["First Person"]


async def test_missing_path_asks_to_create_it(tmp_path):
    path = tmp_path / "acme_corp.json"
    app = app_for(path, cwd=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewMapScreen)
        assert "does not exist" in form.form_title()
        assert form.query_one("#field-account").value == "Acme Corp"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert saved(path).account.account == "Acme Corp"


async def test_declining_to_create_leaves_nothing_behind(tmp_path):
    path = tmp_path / "nope.json"
    app = app_for(path, cwd=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
    assert not path.exists()


async def test_corrupt_path_shows_the_reason_and_stays_up(tmp_path):
    path = tmp_path / "corrupt.json"
    path.write_bytes(b"\x00\x01binary junk")
    app = app_for(path, cwd=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        banner = str(app.screen.query_one("#picker-error").render())
        assert "corrupt.json" in banner and "not a stakemap map" in banner
    assert path.read_bytes() == b"\x00\x01binary junk"


async def test_outside_change_is_reloaded_when_nothing_is_pending(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        cli = _cli_adds(deal_path, "Added From CLI")
        screen.poll_disk()
        await settle(pilot)
        assert cli.id in screen.session.map
        assert cli.id in screen.query_one(PeopleTable).visible_ids
        # Editing afterwards saves on top of the CLI's change, losing nothing.
        await pilot.press("s")
        await settle(pilot)
        assert cli.id in saved(deal_path)


async def test_conflict_keep_mine(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        fiona = saved(deal_path).resolve("Fiona MacLeod").id
        screen.select(fiona)
        _cli_adds(deal_path, "Added From CLI")
        theirs = deal_path.read_bytes()
        await pilot.press("s")  # my edit meets the changed file
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        assert deal_path.read_bytes() == theirs  # nothing overwritten silently
        assert screen.session.state is SaveState.CONFLICT
        await pilot.press("k")
        await settle(pilot)
        disk = saved(deal_path)
        assert disk.person(fiona).stance.value == "neutral"
        assert not any(p.name == "Added From CLI" for p in disk.people)
        assert screen.session.state is SaveState.SAVED


async def test_conflict_reload_takes_theirs(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.select(saved(deal_path).resolve("Fiona MacLeod").id)
        cli = _cli_adds(deal_path, "Added From CLI")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert cli.id in screen.session.map
        assert screen.session.map.resolve("Fiona MacLeod").stance.value == "unknown"
        assert cli.id in saved(deal_path)


async def test_conflict_save_as_keeps_both(deal_path, tmp_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        fiona = saved(deal_path).resolve("Fiona MacLeod").id
        screen.select(fiona)
        cli = _cli_adds(deal_path, "Added From CLI")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("s")  # "Save as…" in the conflict dialog
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SaveAsScreen)
        assert form.query_one("#field-path").value == str(tmp_path / "northwind-mine.json")
        await pilot.press("enter")
        await settle(pilot)
        mine = saved(tmp_path / "northwind-mine.json")
        assert mine.person(fiona).stance.value == "neutral" and cli.id not in mine
        assert cli.id in saved(deal_path)
        assert screen.session.path == tmp_path / "northwind-mine.json"


async def test_conflict_later_keeps_edits_in_memory_only(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.select(saved(deal_path).resolve("Fiona MacLeod").id)
        _cli_adds(deal_path, "Added From CLI")
        theirs = deal_path.read_bytes()
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.press("c")  # another edit: still not written over theirs
        await settle(pilot)
        assert deal_path.read_bytes() == theirs
        assert "changed on disk" in str(screen.query_one("#status-saved").render())


def test_catalog_scan_and_describe(tmp_path, deal_path):
    (tmp_path / ".northwind.json.lock").write_text("")
    (tmp_path / "notes.txt").write_text("x")
    found = scan({"here": tmp_path, "my maps": tmp_path / "missing"})
    assert found == [("here", deal_path)]
    entry = describe("here", deal_path)
    assert (entry.account, entry.people, entry.error) == ("Northwind Logistics", 6, None)
    assert entry.health in ("red", "amber", "green")


async def test_disk_poll_timer_is_injectable_and_on_by_default(deal_path, monkeypatch):
    from stakemap.tui.app import StakemapApp
    from stakemap.tui.screens.main import POLL_SECONDS

    intervals = []
    real = MainScreen.set_interval

    def recording(self, interval, callback, **kwargs):
        if getattr(callback, "__name__", "") == "poll_disk":
            intervals.append(interval)
        return real(self, interval, callback, **kwargs)

    monkeypatch.setattr(MainScreen, "set_interval", recording)
    for app in (
        app_for(deal_path),
        app_for(deal_path, poll_interval=600.0),
        StakemapApp(deal_path),
    ):
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
    assert intervals == [600.0, POLL_SECONDS]  # none for app_for's default (no timer)
