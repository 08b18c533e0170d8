"""The Plan view: the call plan's entries, Enter jumps to the person, fresh after edits."""

from __future__ import annotations

from textual.widgets import OptionList, TabbedContent

from stakemap.analysis.plan import plan
from stakemap.tui.widgets.people_table import PeopleTable
from stakemap.tui.widgets.plan_view import PlanView

from .conftest import TODAY, app_for, saved, settle


def _prompts(view: PlanView) -> list[str]:
    options = view.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_plan_view_lists_the_plan_and_enter_selects_the_person(deal_path):
    expected = plan(saved(deal_path), today=TODAY)
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("P")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "plan"
        view = screen.query_one(PlanView)
        prompts = _prompts(view)
        assert len(prompts) == len(expected.items)
        for prompt, item in zip(prompts, expected.items, strict=True):
            assert item.name in prompt
        options = view.query_one(OptionList)
        assert app.focused is options
        options.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected == expected.items[1].id
        assert screen.query_one(TabbedContent).active == "people"
        assert app.focused is screen.query_one(PeopleTable)


async def test_plan_view_refreshes_when_the_map_changes(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("P")
        await settle(pilot)
        view = screen.query_one(PlanView)
        first = plan(screen.session.map, today=TODAY).items[0]
        screen.session.update_person(first.id, {"name": "Renamed Person"})
        screen.redraw()
        await settle(pilot)
        assert "Renamed Person" in _prompts(view)[0]


def test_the_plan_binding_has_an_id_and_a_palette_entry():
    from stakemap.tui.keys import binding_ids

    assert "view.plan" in binding_ids()
