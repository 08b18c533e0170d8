"""What every form promises a user who cannot see colours, types fast or presses Esc.

The focused field's label is marked, a checkbox's glyph says its state, Esc
never throws away typing without asking, Enter in the Name field saves only
a name-only person, and Save/Cancel stay on screen at 80x24.
"""

from __future__ import annotations

import pytest
from textual.widgets import Button, Checkbox, Input, Label, Static

from stakemap.tui.screens.account_form import AccountForm
from stakemap.tui.screens.confirm import ConfirmScreen
from stakemap.tui.screens.export import ExportScreen
from stakemap.tui.screens.form import FormScreen
from stakemap.tui.screens.link_form import LinkForm
from stakemap.tui.screens.main import MainScreen
from stakemap.tui.screens.person_form import PersonForm
from stakemap.tui.screens.review_form import ReviewForm
from stakemap.tui.screens.touch_form import TouchForm

from .conftest import app_for, saved, settle


def _current_rows(form: FormScreen[object]) -> list[str]:
    return [row.id or "" for row in form.query(".form-field.-current")]


def _label_background(form: FormScreen[object], name: str) -> object:
    return form.query_one(f"#row-{name} .field-label", Label).styles.background


async def test_the_focused_fields_label_is_marked_and_follows_the_focus(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, PersonForm)
        assert _current_rows(form) == ["row-name"]
        plain = _label_background(form, "title")
        assert _label_background(form, "name") != plain  # painted, not only classed
        await pilot.press("tab")
        assert _current_rows(form) == ["row-title"]
        assert _label_background(form, "title") != plain
        assert _label_background(form, "name") == plain
        label = form.query_one("#row-title .field-label", Label)
        assert "bold" in str(label.styles.text_style)


def _glyph(box: Checkbox) -> str:
    return box.render().plain  # type: ignore[union-attr]


async def test_the_veto_checkbox_says_its_state_in_its_glyph(deal_path):
    people = saved(deal_path)
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(people.resolve("Henrik Aalto").id)  # he can veto
        await pilot.press("e")
        box = app.screen.query_one("#field-veto", Checkbox)
        assert _glyph(box).startswith("[x] can stop the initiative alone")
        box.focus()
        await pilot.press("space")
        assert _glyph(box).startswith("[ ] can stop the initiative alone")
        await pilot.press("escape", "y")
        await settle(pilot)
        app.screen.select(people.resolve("Fiona MacLeod").id)  # she cannot
        await pilot.press("e")
        box = app.screen.query_one("#field-veto", Checkbox)
        assert _glyph(box).startswith("[ ]")


async def test_escape_on_a_changed_form_asks_and_keep_editing_keeps_the_typing(deal_path):
    before = deal_path.read_bytes()
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Leah Park")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        form = app.screen
        assert isinstance(form, PersonForm)
        assert form.query_one("#field-name", Input).value == "Leah Park"
        await pilot.press("escape", "escape")  # Esc on the question keeps editing too
        assert app.screen is form
        await pilot.press("escape", "y")  # discard
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert deal_path.read_bytes() == before


async def test_discarding_an_edit_leaves_the_map_as_it_was(deal_path):
    henrik = saved(deal_path).resolve("Henrik Aalto").id
    before = deal_path.read_bytes()
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(henrik)
        await pilot.press("e")
        app.screen.query_one("#field-title", Input).value = "Group CFO"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert deal_path.read_bytes() == before


@pytest.mark.parametrize("key", ["a", "e", "A", "l", "t"])
async def test_escape_on_an_unchanged_form_closes_at_once(deal_path, key):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(saved(deal_path).resolve("Fiona MacLeod").id)
        await pilot.press(key)
        assert isinstance(app.screen, PersonForm | AccountForm | LinkForm | TouchForm)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen), app.screen


async def test_a_name_typed_in_the_link_search_counts_as_a_change(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(saved(deal_path).resolve("Fiona MacLeod").id)
        await pilot.press("l", *"an", "escape")
        assert isinstance(app.screen, ConfirmScreen)


async def test_enter_in_name_saves_a_name_only_person(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Leah Park", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    leah = saved(deal_path).resolve("Leah Park")
    assert (leah.title, leah.department) == ("", "")


async def test_enter_in_name_moves_on_once_more_is_filled_in(deal_path):
    """A person being written up is not saved half-done by Enter in Name."""
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", "tab", *"VP Sales", "shift+tab", *"Leah Park", "enter")
        form = app.screen
        assert isinstance(form, PersonForm)  # still open
        assert app.focused is form.query_one("#field-title")
        assert "Leah Park" not in {p.name for p in saved(deal_path).people}
        await pilot.press("tab", *"Sales", "enter")  # Enter in another field saves
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    leah = saved(deal_path).resolve("Leah Park")
    assert (leah.title, leah.department) == ("VP Sales", "Sales")


async def test_the_person_form_says_what_enter_does(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        hint = app.screen.query_one(".form-hint", Static)
        assert "in Name: only if nothing else is filled in" in str(hint.render())


@pytest.mark.parametrize("key", ["a", "e", "A", "l", "t"])
async def test_save_and_cancel_stay_on_screen_at_80x24(deal_path, key):
    app = app_for(deal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.select(saved(deal_path).resolve("Henrik Aalto").id)
        await pilot.press(key)
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        for widget in (
            form.query_one("#form-save", Button),
            form.query_one("#form-cancel", Button),
            form.query_one(".form-hint", Static),
        ):
            region = widget.region
            assert region.height >= 1 and region.bottom <= 23, (widget, region)
        assert "ctrl+s" in str(form.query_one("#form-save", Button).label)


async def test_the_review_form_keeps_its_buttons_in_sight_at_80x24(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.screen.action_record_review()
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ReviewForm)
        for selector in ("#form-save", "#form-cancel", ".form-hint"):
            region = form.query_one(selector).region
            assert region.height >= 1 and region.bottom <= 23, (selector, region)
        await pilot.press(*"Q1", "escape")
        assert isinstance(app.screen, ConfirmScreen)


async def test_the_export_checkboxes_read_their_state(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ExportScreen)
        box = form.query_one("#field-force", Checkbox)
        assert _glyph(box).startswith("[ ] replace an existing file")
        box.value = True
        assert _glyph(box).startswith("[x] replace an existing file")
