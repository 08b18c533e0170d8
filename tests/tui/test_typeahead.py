"""Keys typed straight after the key that opens a form reach the form, in order.

Here every key is queued at once, before the app handles the first: what a
fast typist or a paste does, and what Pilot's own pauses hide.
"""

from __future__ import annotations

from textual import events

from stakemap.tui.screens.main import MainScreen
from stakemap.tui.screens.touch_form import TouchForm

from .conftest import TODAY, app_for, saved, settle

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
        await settle(pilot)
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
        await settle(pilot)
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
        await settle(pilot)
        assert isinstance(app.screen, MainScreen), app.screen
    leah = saved(deal_path).resolve("Leah Park")
    assert leah.title == "VP Sales"
