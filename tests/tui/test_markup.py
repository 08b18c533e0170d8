"""Hostile names through the app's main flows: shown as text, never as markup, and
never a crash (a toast, a dialog, a tree label, a table cell or a title)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App
from textual.content import Content

from stakemap.model import StakeMap
from stakemap.store import MapStore
from stakemap.tui.screens.confirm import ConfirmScreen
from stakemap.tui.screens.findings import FindingsScreen
from stakemap.tui.screens.help import HelpScreen
from stakemap.tui.screens.link_form import LinkForm
from stakemap.tui.screens.main import MainScreen
from stakemap.tui.screens.person_form import PersonForm
from stakemap.tui.widgets.findings_panel import FindingsPanel

from .conftest import app_for, saved, settle

ANN = "Ann [/x] Lee"
EVE = "[link=https://evil.example]Eve[/link]"
BO = "Bo [red]Chen"
DEPT = "R[&]D [/]"
CSI = "Cy\u009b2J\u202eDee"


def screen(app: App[object]) -> tuple[str, str]:
    """(plain text on screen, the raw bytes a terminal would get) of the whole screen."""
    width, height = app.size
    raw = io.StringIO()
    console = Console(
        width=width,
        height=height,
        file=raw,
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False), raw.getvalue()


def assert_safe(app: App[object], *literals: str) -> str:
    text, raw = screen(app)
    for literal in literals:
        assert literal in text, (literal, text)
    assert "\u009b" not in raw and "\u202e" not in raw
    assert "\x1b]8;" not in raw  # no hyperlink
    return text


def toasts(app: App[object]) -> str:
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))


@pytest.fixture
def hostile_path(tmp_path: Path, make_map: Callable[..., StakeMap]) -> Path:
    stakemap = make_map()
    stakemap.update_account({"account": "[bold]Acme [/x]", "initiative": "[red]RevOps"})
    ann = stakemap.add_person(
        name=ANN,
        title="[b]CFO",
        department=DEPT,
        role="economic_buyer",
        stance="champion",
        notes="[red]private[/red] [/x]",
        priorities=["[i]Cost[/i] [/x]"],
    )
    eve = stakemap.add_person(name=EVE, department=DEPT, stance="opponent", veto=True)
    bo = stakemap.add_person(name=BO, department="IT [/]", stance="skeptic")
    stakemap.add_person(name=CSI, title="Ops\u009b31m", department="IT [/]")
    stakemap.add_link(eve.id, ann.id, "reports_to")
    stakemap.add_link(bo.id, ann.id, "influences", 3)
    stakemap.add_link(eve.id, bo.id, "dotted_line")
    path = tmp_path / "[x] map [y].json"
    MapStore(path).create(stakemap)
    return path


async def test_opening_and_every_view_show_names_literally(hostile_path: Path) -> None:
    app = app_for(hostile_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        ann = saved(hostile_path).resolve(ANN)
        app.screen.select(ann.id)
        await settle(pilot)
        assert_safe(app, ANN, BO, DEPT, "[red]private[/red] [/x]", "[i]Cost[/i] [/x]", "Cy")
        # A tooltip given as a string is read as markup when it shows (on hover).
        tooltip = app.screen.query_one("#status-health").tooltip
        assert isinstance(tooltip, Content) and ANN in tooltip.plain
        for key in "2345":
            await pilot.press(key)
            await settle(pilot)
            assert_safe(app, ANN)
        await pilot.press("1")
        await pilot.press("f")  # findings
        await settle(pilot)
        assert_safe(app)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert_safe(app, "Keys")


async def test_form_delete_undo_and_link_toasts_are_literal(hostile_path: Path) -> None:
    app = app_for(hostile_path)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        main = app.screen
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#field-name").value = "Eve [/x] Doe"  # type: ignore[attr-defined]
        form.query_one("#field-title").value = "Bo [red]Chen's [link=x]boss"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is main
        eve = saved(hostile_path).resolve("Eve [/x] Doe")
        assert eve.title == "Bo [red]Chen's [link=x]boss"
        assert_safe(app, "Eve [/x] Doe")

        main.select(eve.id)  # type: ignore[attr-defined]
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        assert_safe(app, "Delete Eve [/x] Doe?")
        await pilot.press("y")
        await settle(pilot)
        assert eve.id not in saved(hostile_path)
        await pilot.press("ctrl+z")  # the undo toast names the person
        await settle(pilot)
        assert eve.id in saved(hostile_path)
        assert "delete Eve [/x] Doe" in toasts(app)
        assert_safe(app)

        ann = saved(hostile_path).resolve(ANN)
        main.select(ann.id)  # type: ignore[attr-defined]
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LinkForm)
        assert_safe(app, ANN)
        app.screen.query_one("#picker-input").value = "Eve [/x]"  # type: ignore[attr-defined]
        await settle(pilot)
        assert_safe(app, "Will save: Ann [/x] Lee influences Eve [/x] Doe (strength 2)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is main
        assert "Linked: Ann [/x] Lee influences Eve [/x] Doe (strength 2)" in toasts(app)
        assert saved(hostile_path).find_links(ann.id, eve.id)

        await pilot.press("e")  # edit Ann through the form
        form = app.screen
        assert isinstance(form, PersonForm)
        assert_safe(app, ANN)
        form.query_one("#field-department").value = "[/] Finance [b]"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert saved(hostile_path).person(ann.id).department == "[/] Finance [b]"
        assert_safe(app, "[/] Finance [b]")

        app.notify("Saved [/x] [link=x]a[/link]\u009b", title="[b]T")
        await settle(pilot)
        assert "Saved [/x] [link=x]a[/link]\\x9b" in toasts(app)
        assert_safe(app, "[b]T")


async def test_the_picker_and_palette_show_a_hostile_account_literally(hostile_path: Path) -> None:
    from stakemap.tui.commands import picker_commands
    from stakemap.tui.screens.picker import PickerScreen

    app = app_for(None, cwd=hostile_path.parent)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        assert_safe(app, "[bold]Acme [/x]", "[x] map [y].json")
        assert "map: open [bold]Acme [/x]" in [t for t, _, _ in picker_commands(app.screen)]
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"open")
        await settle(pilot)
        # The palette streams its hits in batches: wait (in event-loop turns,
        # not seconds) for the map's entry to be drawn, then check it.
        for _ in range(200):
            if "[bold]Acme [/x]" in screen(app)[0]:
                break
            await pilot.pause()
        assert_safe(app, "[bold]Acme [/x]")
        await pilot.press("escape")
        await settle(pilot)


async def test_palette_search_shows_hostile_names_literally(hostile_path: Path) -> None:
    app = app_for(hostile_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Lee")
        await settle(pilot)
        assert_safe(app, "person: go to Ann [/x] Lee", "[b]CFO")


async def test_the_not_saved_dialog_shows_a_hostile_path_and_reason_literally(
    hostile_path: Path,
) -> None:
    from stakemap.tui.screens.unsaved import UnsavedScreen

    path = "/tmp/[b]maps\u009b2J/m.json"
    app = app_for(hostile_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(UnsavedScreen(path, f"{path}: cannot save [/x]"))
        await settle(pilot)
        text = assert_safe(app, "/tmp/[b]maps\\x9b2J/m.json", "cannot save [/x]")
        assert "Your latest edits are not saved" in text


async def test_the_edit_form_shows_controls_escaped_and_keeps_untouched_text_exact(
    hostile_path: Path,
) -> None:
    # An input paints its value raw: a C1 CSI or a bidi override in a name would
    # reach the terminal while the form is open.
    app = app_for(hostile_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        cy = saved(hostile_path).resolve(CSI)
        app.screen.select(cy.id)  # type: ignore[attr-defined]
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PersonForm)
        assert form.query_one("#field-name").value == "Cy\\x9b2J\\u202eDee"  # type: ignore[attr-defined]
        assert_safe(app, "Cy\\x9b2J\\u202eDee", "Ops\\x9b31m")
        form.query_one("#field-department").value = "Ops"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        after = saved(hostile_path).person(cy.id)
        # Untouched fields are not submitted: the stored text keeps its exact characters.
        assert (after.name, after.title, after.department) == (CSI, "Ops\u009b31m", "Ops")


async def test_hostile_names_in_the_strip_and_the_full_view_are_literal(hostile_path: Path) -> None:
    app = app_for(hostile_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(FindingsPanel)
        await pilot.press("f", "down", "down")
        await pilot.pause()
        finding = panel.shown_finding
        assert finding is not None
        hostile = next(n for n in (ANN, EVE, BO, DEPT) if n in finding.message)
        assert_safe(app, hostile)
        await pilot.press("F")
        assert isinstance(app.screen, FindingsScreen)
        await pilot.pause()
        assert_safe(app, hostile)
