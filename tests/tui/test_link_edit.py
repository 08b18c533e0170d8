"""Links in the app: reached with a key the footer shows, edited in the link form
(one undo), and people picked by the same matcher as the CLI."""

from __future__ import annotations

import shutil

import pytest
from cli_helpers import run

from stakemap.errors import AmbiguousNameError
from stakemap.tui.screens.link_form import LinkForm
from stakemap.tui.widgets.link_list import LinkList
from stakemap.vocab import LinkKind

from .conftest import app_for, saved, settle


def _footer_keys(app) -> set[str]:
    return {binding.id for _, binding, enabled, _ in app.screen.active_bindings.values() if enabled}


async def _open_links(pilot, deal_path, name: str) -> LinkList:
    await settle(pilot)
    pilot.app.screen.select(saved(deal_path).resolve(name).id)
    await settle(pilot)
    await pilot.press("L")
    links = pilot.app.focused
    assert isinstance(links, LinkList)
    return links


async def test_the_links_key_is_in_the_footer_and_focuses_the_list(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "link.focus" in _footer_keys(app)
        footer = " ".join(str(key.render()) for key in app.screen.query("FooterKey"))
        assert "Links" in footer
        links = await _open_links(pilot, deal_path, "Zoë Castellanos")
        assert links.option_count == 3
        # inside the list, its own keys are offered
        assert {"link.edit", "link.remove", "link.follow"} <= _footer_keys(app)


async def test_edit_a_links_kind_and_strength_then_undo(deal_path):
    m = saved(deal_path)
    zoe, ana = m.resolve("Zoë Castellanos").id, m.resolve("Ana Ferreira").id
    (link,) = m.find_links(zoe, ana, LinkKind.INFLUENCES)
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        links = await _open_links(pilot, deal_path, "Zoë Castellanos")
        links.highlighted = links.get_option_index(link.id)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, LinkForm) and form.editing == link
        assert form.query_one("#field-kind").value == "influences"
        assert form.query_one("#field-strength").value == 2
        assert app.focused is form.query_one("#field-kind")
        form.query_one("#field-kind").value = "conflicts"
        form.query_one("#field-strength").value = 1
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, LinkForm)
        after = saved(deal_path).link(link.id)
        assert (after.kind, after.strength, after.source) == (LinkKind.CONFLICTS, 1, zoe)
        assert len(saved(deal_path).links) == len(m.links)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert saved(deal_path).link(link.id) == link


async def test_enter_edits_and_the_direction_can_be_reversed(deal_path):
    m = saved(deal_path)
    zoe, ana = m.resolve("Zoë Castellanos").id, m.resolve("Ana Ferreira").id
    (link,) = m.find_links(zoe, ana, LinkKind.INFLUENCES)
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        links = await _open_links(pilot, deal_path, "Ana Ferreira")
        links.highlighted = links.get_option_index(link.id)
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, LinkForm)
        assert form.query_one("#field-direction").value == "in"  # Zoë → Ana, seen from Ana
        form.query_one("#field-direction").value = "out"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        after = saved(deal_path).link(link.id)
        assert (after.source, after.target) == (ana, zoe)


async def test_a_refused_edit_keeps_the_form_open_and_the_file(deal_path):
    m = saved(deal_path)
    zoe, ana = m.resolve("Zoë Castellanos").id, m.resolve("Ana Ferreira").id
    (link,) = m.find_links(zoe, ana, LinkKind.INFLUENCES)
    before = deal_path.read_bytes()
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        links = await _open_links(pilot, deal_path, "Ana Ferreira")
        links.highlighted = links.get_option_index(link.id)
        await pilot.press("e")
        form = app.screen
        form.query_one("#field-direction").value = "out"
        form.query_one("#field-kind").value = "reports_to"  # Ana already reports to Henrik
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = str(form.query_one("#form-error").render())
        assert "Ana Ferreira already reports to Henrik Aalto" in error
    assert deal_path.read_bytes() == before


async def test_g_still_goes_to_the_other_end(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        links = await _open_links(pilot, deal_path, "Fiona MacLeod")
        assert links.option_count == 0
        links = await _open_links(pilot, deal_path, "Ana Ferreira")
        henrik = saved(deal_path).resolve("Henrik Aalto").id
        reports = next(link for link in saved(deal_path).links_of(app.screen.selected))
        assert reports.target == henrik
        links.highlighted = links.get_option_index(reports.id)
        await pilot.press("g")
        await settle(pilot)
        assert app.screen.selected == henrik


@pytest.mark.parametrize("typed", ["ha", "gp", "fio", "ag", "wojcik", "Ana Ferreira"])
async def test_the_picker_chooses_whom_the_cli_would(deal_path, typed):
    expected = saved(deal_path).resolve(typed).id
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(saved(deal_path).resolve("Zoë Castellanos").id)
        await pilot.press("l", *typed)
        assert app.screen.query_one("PersonPicker").chosen == expected


async def test_an_ambiguous_name_lists_the_same_people_in_both(deal_path, tmp_path, capsys):
    with pytest.raises(AmbiguousNameError) as caught:
        saved(deal_path).resolve("a")
    copy = tmp_path / "copy.json"
    shutil.copy(deal_path, copy)
    code, _, err = run(capsys, "person", "rm", copy, "a")
    assert code == 2 and caught.value.summary in err
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.select(saved(deal_path).resolve("Zoë Castellanos").id)
        await pilot.press("l", "a")
        form = app.screen
        picker = form.query_one("PersonPicker")
        assert picker.ambiguity == caught.value.summary + "; ↑↓ picks one"
        assert "Agnieszka Wójcik" in caught.value.summary  # three of them
        assert caught.value.summary in str(form.query_one("#link-preview").render())
        await pilot.press("enter")  # nobody is guessed for the user
        await settle(pilot)
        assert app.screen is form
        assert len(saved(deal_path).links) == 7
        await pilot.press("down", "down", "enter")  # moving to one settles it
        await settle(pilot)
        assert not isinstance(app.screen, LinkForm)
        third = caught.value.candidates[2][0]
        assert saved(deal_path).person(third).name == "Henrik Aalto"
        assert saved(deal_path).find_links(saved(deal_path).resolve("Zoë").id, third)
