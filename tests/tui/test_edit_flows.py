"""Editing flows, driven by keys like a user, each checked against the saved file."""

from __future__ import annotations

from stakemap.tui.screens.main import MainScreen
from stakemap.tui.screens.person_form import PersonForm
from stakemap.tui.widgets.people_table import PeopleTable
from stakemap.vocab import Coverage, Stance

from .conftest import app_for, saved, settle


async def test_add_person_with_the_form(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, PersonForm)
        assert app.focused.id == "field-name"  # the first field has focus
        await pilot.press(*"Leah Park")
        await pilot.press("tab", *"VP Sales")
        app.screen.query_one("#field-stance").value = "supporter"
        await pilot.press("enter")  # Enter in a single-line field saves
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        leah = saved(deal_path).resolve("Leah Park")
        assert leah.title == "VP Sales"
        assert leah.stance is Stance.SUPPORTER
        assert app.screen.selected == leah.id


async def test_edit_person_and_escape_cancels(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        henrik = saved(deal_path).resolve("Henrik Aalto").id
        screen.select(henrik)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, PersonForm) and form.person.id == henrik
        title = form.query_one("#field-title")
        title.value = "Group CFO"
        await pilot.press("escape", "y")  # asked first: discard the change
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert saved(deal_path).person(henrik).title == "CFO"

        await pilot.press("enter")  # Enter on the table row edits too
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#field-title").value = "Group CFO"
        await pilot.press("ctrl+s")
        await settle(pilot)
        after = saved(deal_path).person(henrik)
        assert after.title == "Group CFO"
        assert after.veto is True  # untouched fields keep their values
        assert after.notes == "Burned by last year's CRM project"


async def test_invalid_input_is_refused_inline(deal_path):
    before = deal_path.read_bytes()
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        form = app.screen
        await pilot.press(*"Bo")
        form.query_one("#field-email").value = "not-an-email"
        await pilot.pause()
        message = str(form.query_one("#error-email").render())
        assert "email" in message and "not an email address" in message
        assert form.query_one("#form-save").disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # still open: invalid input cannot be saved
        form.query_one("#field-email").value = "bo@example.com"
        form.query_one("#field-name").value = "   "
        await pilot.pause()
        assert "name" in str(form.query_one("#error-name").render())
        await pilot.press("ctrl+s")
        assert app.screen is form
        form.query_one("#field-last_contact").value = "last tuesday"
        await pilot.pause()
        assert "YYYY-MM-DD" in str(form.query_one("#error-last_contact").render())
        await pilot.press("escape")
    assert deal_path.read_bytes() == before


async def test_delete_undo_redo(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = saved(deal_path)
        henrik = before.resolve("Henrik Aalto")
        links = {link.id: link for link in before.links_of(henrik.id)}
        assert len(links) == 3
        app.screen.select(henrik.id)
        await pilot.press("d")
        question = app.screen
        assert "3 links go too" in str(question.query_one(".dialog-text").render())
        await pilot.press("y")
        await settle(pilot)
        after = saved(deal_path)
        assert henrik.id not in after
        assert not any(link.id in links for link in after.links)

        await pilot.press("ctrl+z")
        await settle(pilot)
        restored = saved(deal_path)
        assert restored.person(henrik.id) == henrik
        assert {link.id: link for link in restored.links_of(henrik.id)} == links
        assert app.screen.selected == henrik.id

        await pilot.press("ctrl+y")
        await settle(pilot)
        assert henrik.id not in saved(deal_path)


async def test_delete_can_be_declined(deal_path):
    before = deal_path.read_bytes()
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("d", "n")
        await pilot.press("d", "escape")
    assert deal_path.read_bytes() == before


async def test_quitting_right_after_an_edit_saves_it(deal_path):
    app = app_for(deal_path, save_delay=3600.0)  # the save timer never fires
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        fiona = saved(deal_path).resolve("Fiona MacLeod").id
        app.screen.select(fiona)
        await pilot.press("s", "q")  # no pause in between
    assert saved(deal_path).person(fiona).stance is Stance.NEUTRAL


async def test_quick_keys_step_stance_and_coverage(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        fiona = saved(deal_path).resolve("Fiona MacLeod").id
        app.screen.select(fiona)
        await pilot.press("s")  # unknown -> neutral (the middle of the scale)
        await pilot.press("s")  # -> supporter
        await pilot.press("c", "c")  # none -> brief -> multiple
        await pilot.press("C")  # -> brief
        await settle(pilot)
        person = saved(deal_path).person(fiona)
        assert person.stance is Stance.SUPPORTER
        assert person.coverage is Coverage.BRIEF
        await pilot.press("S")
        await settle(pilot)
        assert saved(deal_path).person(fiona).stance is Stance.NEUTRAL
        await pilot.press("ctrl+z", "ctrl+z")
        await settle(pilot)
        assert saved(deal_path).person(fiona).coverage is Coverage.MULTIPLE


async def test_link_add_and_remove(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        m = saved(deal_path)
        fiona, zoe = m.resolve("Fiona MacLeod").id, m.resolve("Zoë Castellanos").id
        app.screen.select(zoe)
        await pilot.press("l")
        await pilot.press(*"fio")  # fuzzy: picks Fiona MacLeod
        await pilot.pause()
        form = app.screen
        assert form.query_one("PersonPicker").chosen == fiona
        form.query_one("#field-strength").value = 3
        await pilot.press("enter")
        await settle(pilot)
        links = saved(deal_path).find_links(zoe, fiona)
        assert [(link.kind.value, link.strength) for link in links] == [("influences", 3)]

        # Remove it again from the detail pane's link list.
        link_list = app.screen.query_one("LinkList")
        link_list.focus()
        link_list.highlighted = link_list.get_option_index(links[0].id)
        await pilot.press("x")
        await settle(pilot)
        assert saved(deal_path).find_links(zoe, fiona) == []
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert saved(deal_path).find_links(zoe, fiona) == links


async def test_a_refused_link_keeps_the_form_open_with_the_reason(deal_path):
    before = deal_path.read_bytes()
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        m = saved(deal_path)
        app.screen.select(m.resolve("Ana Ferreira").id)
        await pilot.press("l", *"hen")
        form = app.screen
        form.query_one("#field-kind").value = "reports_to"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "already" in str(form.query_one("#form-error").render())
        await pilot.press("escape")
    assert deal_path.read_bytes() == before


async def test_findings_follow_edits(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        rules = {f.rule for f in screen.analysis.findings}
        assert "blocker" in rules
        graham = saved(deal_path).resolve("Graham Pryce").id
        blockers = {
            s.id for f in screen.analysis.findings if f.rule == "blocker" for s in f.subjects
        }
        assert graham in blockers
        screen.select(graham)
        for _ in range(4):  # opponent -> champion
            await pilot.press("s")
        await settle(pilot)
        assert saved(deal_path).person(graham).stance is Stance.CHAMPION
        blockers = {
            s.id for f in screen.analysis.findings if f.rule == "blocker" for s in f.subjects
        }
        assert graham not in blockers
        table = screen.query_one(PeopleTable)
        assert table.cursor_pid == graham
