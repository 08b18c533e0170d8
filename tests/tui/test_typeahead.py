"""Keys typed straight after the key that opens a form reach the form, in order.

Here every key is queued at once, before the app handles the first: what a
fast typist or a paste does, and what Pilot's own pauses hide.
"""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.widgets import Input

from stakemap.tui.screens.main import MainScreen
from stakemap.tui.screens.person_form import PersonForm
from stakemap.tui.screens.touch_form import TouchForm
from stakemap.tui.widgets.person_picker import PersonPicker

from .conftest import _REAL_PRESS, TODAY, app_for, ready_for_input, saved, settle

_NAMES = {" ": "space", "-": "minus"}


def _burst(app: object, *keys: str) -> None:
    """Queue every key on the app without letting it run in between."""
    for key in keys:
        if len(key) == 1:
            event = events.Key(_NAMES.get(key, key), key)
        else:
            event = events.Key(key, "\t" if key == "tab" else "\r" if key == "enter" else None)
        app.post_message(event)  # type: ignore[attr-defined]


async def test_a_touch_typed_in_one_burst_is_logged(deal_path):
    fiona = saved(deal_path).resolve("Fiona MacLeod").id
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(fiona)
        _burst(app, "t", *"Intro call", "tab", "ctrl+u", *"2026-11-28", "enter")
        await _handled(pilot)
        assert isinstance(app.screen, MainScreen), app.screen
        (touch,) = saved(deal_path).interactions_of(fiona)
        assert (touch.summary, touch.date) == ("Intro call", "2026-11-28")


async def test_keys_after_t_do_not_run_map_keys(deal_path):
    """'a', 'd', 'c'… typed into the summary are text, not the map's add/delete/coverage."""
    before = saved(deal_path)
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        _burst(app, "t", *"add a deck")
        await _handled(pilot)
        form = app.screen
        assert isinstance(form, TouchForm)
        assert form.query_one("#field-summary").value == "add a deck"
        assert form.query_one("#field-date").value == TODAY.isoformat()
    assert saved(deal_path).people == before.people


async def test_a_person_typed_in_one_burst_is_added(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        _burst(app, "a", *"Leah Park", "tab", *"VP Sales", "enter")
        await _handled(pilot)
        assert isinstance(app.screen, MainScreen), app.screen
    leah = saved(deal_path).resolve("Leah Park")
    assert leah.title == "VP Sales"


# --- keys that arrive while the form is opening (issue 12) --------------------------
#
# A busy machine delivers keys in clumps: some before the app has handled the
# key that opens the form, some while the form is mounting, some after. Each
# case below lets the app run a different number of event-loop turns (not
# seconds) between the opening key and the rest, and between the keys.


async def _handled(pilot: object) -> None:
    """Wait (in loop turns) until every key posted has been handled."""
    await settle(pilot)
    await ready_for_input(pilot)  # type: ignore[arg-type]


async def _typed(app: object, keys: tuple[str, ...], *, after_first: int, between: int) -> None:
    """Post ``keys`` to the app as the terminal would, with loop turns in between."""
    for index, key in enumerate(keys):
        _burst(app, key)
        for _ in range(after_first if index == 0 else between):
            await asyncio.sleep(0)  # one turn of the event loop: no clock involved


@pytest.mark.parametrize(("after_first", "between"), [(0, 0), (1, 1), (3, 1), (8, 1), (20, 2)])
async def test_keys_typed_while_the_person_form_opens_land_in_order(
    deal_path, after_first, between
):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        keys = ("a", *"Leah Park", "tab", *"VP Sales")
        await _typed(app, keys, after_first=after_first, between=between)
        await _handled(pilot)
        form = app.screen
        assert isinstance(form, PersonForm)
        assert form.query_one("#field-name", Input).value == "Leah Park"
        assert form.query_one("#field-title", Input).value == "VP Sales"


async def test_the_real_pilot_press_without_pauses_fills_the_form(deal_path):
    """Pilot's own press (not the test suite's patient one), all keys in one call."""
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _REAL_PRESS(pilot, "a", *"Leah Park", "tab", *"VP Sales", "enter")
        await _handled(pilot)
        assert isinstance(app.screen, MainScreen), app.screen
    assert saved(deal_path).resolve("Leah Park").title == "VP Sales"


@pytest.mark.parametrize("between", [0, 1, 3])
async def test_q_then_e_quits_without_opening_a_form(deal_path, between):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(saved(deal_path).resolve("Fiona MacLeod").id)
        await _typed(app, ("q", "e", *"xyz"), after_first=between, between=between)
        await _handled(pilot)
        assert app.return_code == 0
        assert not any(isinstance(s, PersonForm) for s in app.screen_stack)


async def test_q_then_e_with_the_real_pilot_press(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _REAL_PRESS(pilot, "q", "e")
        await _handled(pilot)
        assert app.return_code == 0


@pytest.mark.parametrize("after_first", [0, 2, 8])
async def test_a_touch_typed_while_its_form_opens(deal_path, after_first):
    fiona = saved(deal_path).resolve("Fiona MacLeod").id
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(fiona)
        keys = ("t", *"Intro call", "tab", "ctrl+u", *"2026-11-28")
        await _typed(app, keys, after_first=after_first, between=1)
        await _handled(pilot)
        form = app.screen
        assert isinstance(form, TouchForm)
        assert form.query_one("#field-summary", Input).value == "Intro call"
        assert form.query_one("#field-date", Input).value == "2026-11-28"


@pytest.mark.parametrize("after_first", [0, 2, 8])
async def test_a_link_typed_while_its_form_opens(deal_path, after_first):
    """``l``, two letters of a name, Enter: the link is saved with that person."""
    ana = saved(deal_path).resolve("Ana Ferreira").id
    fiona = saved(deal_path).resolve("Fiona MacLeod").id
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(fiona)
        await _typed(app, ("l", *"Ana F", "enter"), after_first=after_first, between=1)
        await _handled(pilot)
        form = app.screen
        if not isinstance(form, MainScreen):  # say what the form was left with
            picker = form.query_one(PersonPicker)
            state = (picker.input.value, picker.chosen, form.focused, form.errors)
            raise AssertionError(f"{form!r} still open with {state!r}")
    (link,) = saved(deal_path).links_of(fiona)
    assert {link.source, link.target} == {ana, fiona}


async def test_a_confirm_opened_without_waiting_still_gets_its_answer(deal_path):
    """``d`` opens its question without awaiting it; the ``y`` typed after is held
    until the question is mounted, and answers it."""
    fiona = saved(deal_path).resolve("Fiona MacLeod").id
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(fiona)
        _burst(app, "d", "y")
        await _handled(pilot)
        assert isinstance(app.screen, MainScreen), app.screen
    assert fiona not in {p.id for p in saved(deal_path).people}


async def test_a_paste_right_after_the_open_key_lands_in_the_form(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        _burst(app, "a")
        app.post_message(events.Paste("Leah Park"))
        _burst(app, "tab", *"VP")
        await _handled(pilot)
        form = app.screen
        assert isinstance(form, PersonForm)
        assert form.query_one("#field-name", Input).value == "Leah Park"
        assert form.query_one("#field-title", Input).value == "VP"


async def test_a_tab_in_a_burst_on_an_open_form_moves_the_rest_on(deal_path):
    """Not only while a form opens: a Tab moves the focus only once the app has
    handled it, so the keys behind it must wait for it."""
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        _burst(app, *"Leah", "tab", *"VP", "tab", *"Sales")
        await _handled(pilot)
        form = app.screen
        assert isinstance(form, PersonForm)
        values = [form.query_one(f"#field-{name}", Input).value for name in ("name", "title")]
        assert values == ["Leah", "VP"]
        assert form.query_one("#field-department", Input).value == "Sales"
