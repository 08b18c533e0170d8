"""The person form's "Initiative is" choice: which priority is the initiative."""

from __future__ import annotations

from textual.widgets import Select, TextArea

from stakemap.tui.screens.main import MainScreen
from stakemap.tui.screens.person_form import PersonForm

from .conftest import app_for, saved, settle


async def _edit(pilot, app, deal_path, name):
    await settle(pilot)
    app.screen.select(saved(deal_path).resolve(name).id)
    await pilot.press("e")
    form = app.screen
    assert isinstance(form, PersonForm)
    return form


async def test_the_rep_marks_a_priority_and_a_reworded_one_loses_the_mark(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        form = await _edit(pilot, app, deal_path, "Henrik Aalto")
        priorities = list(form.person.priorities)
        assert priorities, "the deal's CFO has priorities"
        select = form.query_one("#field-initiative_priority", Select)
        assert select.value == ""  # none marked yet
        select.value = priorities[-1]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert saved(deal_path).resolve("Henrik Aalto").initiative_priority == priorities[-1]

        form = await _edit(pilot, app, deal_path, "Henrik Aalto")
        select = form.query_one("#field-initiative_priority", Select)
        assert select.value == priorities[-1]  # the form opens on the stored mark
        area = form.query_one("#field-priorities", TextArea)
        area.text = "\n".join([*priorities[:-1], priorities[-1] + " (reworded)"])
        await settle(pilot)
        assert select.value == ""  # the marked text is gone, so is the mark
        await pilot.press("ctrl+s")
        await settle(pilot)
        after = saved(deal_path).resolve("Henrik Aalto")
        assert after.priorities[-1].endswith("(reworded)")
        assert after.initiative_priority == ""


def test_the_detail_pane_marks_the_priority_taken_as_the_initiative() -> None:
    from stakemap.records import Stakeholder
    from stakemap.tui.widgets.detail_pane import _priorities

    eve = Stakeholder.from_dict(
        {"id": "p1", "name": "Eve", "priorities": ["Cut fuel costs", "Fleet-telemetry platform"]}
    )
    text = _priorities(eve, "Fleet telemetry").plain
    assert "2. Fleet-telemetry platform  ◀ the initiative (matched)" in text
    assert "is not in their list" not in text
    marked = eve.evolve({"initiative_priority": "Cut fuel costs"})
    assert "1. Cut fuel costs  ◀ the initiative (marked)" in _priorities(marked, "Other").plain
