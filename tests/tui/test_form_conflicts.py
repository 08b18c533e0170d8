"""A form open while the CLI edits the same record: nothing the CLI wrote is lost.

The form saves only the fields the user changed, over the record as it is on
disk now; a field changed in both places goes to the conflict dialog, which
shows both values.
"""

from __future__ import annotations

from stakemap.cli import main as cli
from stakemap.tui.screens.account_form import AccountForm
from stakemap.tui.screens.conflict import ConflictScreen
from stakemap.tui.screens.main import MainScreen
from stakemap.tui.screens.person_form import PersonForm

from .conftest import app_for, saved, settle


async def _edit_form_for(pilot, path, name):
    app = pilot.app
    await settle(pilot)
    pid = saved(path).resolve(name).id
    app.screen.select(pid)
    await pilot.press("e")
    assert isinstance(app.screen, PersonForm)
    return pid, app.screen


async def test_cli_change_while_the_form_is_open_survives_the_save(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        henrik, form = await _edit_form_for(pilot, deal_path, "Henrik Aalto")
        form.query_one("#field-title").value = "Group CFO"
        status = cli(
            [
                "person",
                "set",
                str(deal_path),
                "Henrik Aalto",
                "--notes",
                "CLI-NOTE",
                "--email",
                "henrik@cli.example",
            ]
        )
        assert status == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        disk = saved(deal_path).person(henrik)
        assert disk.notes == "CLI-NOTE"
        assert disk.email == "henrik@cli.example"
        assert disk.title == "Group CFO"
        assert app.screen.session.map.person(henrik) == disk  # the screen shows it too
        assert "saved" in str(app.screen.query_one("#status-saved").render()).lower()


async def test_same_field_changed_in_both_places_asks_and_shows_both_values(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 30)) as pilot:
        henrik, form = await _edit_form_for(pilot, deal_path, "Henrik Aalto")
        form.query_one("#field-title").value = "Group CFO"
        form.query_one("#field-notes").text = "FORM-NOTE"
        cli(["person", "set", str(deal_path), "Henrik Aalto", "--notes", "CLI-NOTE"])
        cli(["person", "set", str(deal_path), "Henrik Aalto", "--email", "h@cli.example"])
        theirs = deal_path.read_bytes()
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConflictScreen)
        text = " ".join(str(s.render()) for s in dialog.query(".clash"))
        assert "notes" in text and "CLI-NOTE" in text and "FORM-NOTE" in text
        assert "title" not in text  # only the CLI touched email, only I touched the title
        assert deal_path.read_bytes() == theirs  # nothing written before the choice

        await pilot.press("escape")  # back to the form, still nothing written
        await settle(pilot)
        assert app.screen is form
        assert "changed in the file meanwhile" in str(form.query_one("#form-error").render())
        assert deal_path.read_bytes() == theirs

        await pilot.press("ctrl+s", "k")  # ask again; keep mine
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        disk = saved(deal_path).person(henrik)
        assert (disk.notes, disk.title, disk.email) == ("FORM-NOTE", "Group CFO", "h@cli.example")


async def test_take_theirs_keeps_my_other_changes(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 30)) as pilot:
        henrik, form = await _edit_form_for(pilot, deal_path, "Henrik Aalto")
        form.query_one("#field-title").value = "Group CFO"
        form.query_one("#field-notes").text = "FORM-NOTE"
        cli(["person", "set", str(deal_path), "Henrik Aalto", "--notes", "CLI-NOTE"])
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        disk = saved(deal_path).person(henrik)
        assert (disk.notes, disk.title) == ("CLI-NOTE", "Group CFO")


async def test_account_form_keeps_the_cli_account_change(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        form = app.screen
        assert isinstance(form, AccountForm)
        form.query_one("#field-initiative").value = "Mine"
        assert cli(["account", "set", str(deal_path), "--owner", "CLI owner"]) == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        account = saved(deal_path).account
        assert (account.owner, account.initiative) == ("CLI owner", "Mine")


async def test_cancelled_form_after_a_reload_shows_the_new_version(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 30)) as pilot:
        henrik, form = await _edit_form_for(pilot, deal_path, "Henrik Aalto")
        form.query_one("#field-notes").text = "FORM-NOTE"
        cli(["person", "set", str(deal_path), "Henrik Aalto", "--notes", "CLI-NOTE"])
        await pilot.press("ctrl+s")  # the session takes the file in, then asks
        await settle(pilot)
        # back to the form, then cancel it (it has a change: discard it)
        await pilot.press("escape", "escape", "y")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.session.map.person(henrik).notes == "CLI-NOTE"
        assert screen._drawn_map is screen.session.map  # redrawn from the reloaded map
