"""Owners in the app: "my people", a teammate's people from the palette, the forms."""

from __future__ import annotations

from stakemap.owners import NOBODY
from stakemap.store import MapStore
from stakemap.tui.commands import map_commands
from stakemap.tui.screens.account_form import AccountForm
from stakemap.tui.screens.person_form import PersonForm
from stakemap.tui.widgets.people_table import PeopleTable

from .conftest import app_for, saved, settle


def _team_map(path, *, me="Ann Lee"):
    store = MapStore(path)
    with store.edit() as stakemap:
        stakemap.update_account(owner=me, team=["Ann Lee", "Bo Chen"])
        for name, owner in (
            ("Henrik Aalto", "Ann Lee"),
            ("Ana Ferreira", "ann lee"),
            ("Zoë Castellanos", "Bo Chen"),
        ):
            stakemap.update_person(stakemap.resolve(name).id, owner=owner)
    return saved(path)


def _names(app) -> list[str]:
    table = app.screen.query_one(PeopleTable)
    stakemap = app.screen.session.map
    return sorted(stakemap.person(pid).name for pid in table.visible_ids)


def _status(app) -> str:
    return str(app.screen.query_one("#status-title").render())


async def test_m_shows_my_people_and_again_everyone(deal_path):
    stakemap = _team_map(deal_path)
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert _names(app) == ["Ana Ferreira", "Henrik Aalto"]  # owner names match ignoring case
        assert "2 of" in _status(app) and "owned by Ann Lee" in _status(app)
        await pilot.press("m")
        await settle(pilot)
        assert len(_names(app)) == len(stakemap)
        assert "owned by" not in _status(app)


async def test_m_without_an_account_owner_says_how(deal_path):
    stakemap = _team_map(deal_path, me="")
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert len(_names(app)) == len(stakemap)
        assert any("account's owner" in str(n.message) for n in app._notifications)


async def test_palette_commands_filter_by_each_teammate_and_the_unowned(deal_path):
    stakemap = _team_map(deal_path)
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        commands = {title: callback for title, _, callback in map_commands(app.screen)}
        commands["view: people owned by Bo Chen"]()
        await settle(pilot)
        assert _names(app) == ["Zoë Castellanos"]
        commands["view: people nobody owns"]()
        await settle(pilot)
        owned = {"Ana Ferreira", "Henrik Aalto", "Zoë Castellanos"}
        assert _names(app) == sorted(p.name for p in stakemap.people if p.name not in owned)
        assert app.screen.query_one(PeopleTable).owner_filter == NOBODY
        commands = {title: callback for title, _, callback in map_commands(app.screen)}
        commands["view: everyone's people"]()
        await settle(pilot)
        assert len(_names(app)) == len(stakemap)


async def test_the_owner_filter_and_the_text_filter_combine(deal_path):
    _team_map(deal_path)
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        app.screen.set_filter("finance controller")
        await settle(pilot)
        assert _names(app) == ["Ana Ferreira"]


async def test_selecting_someone_hidden_by_the_owner_filter_clears_it(deal_path):
    stakemap = _team_map(deal_path)
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        app.screen.select(stakemap.resolve("Zoë Castellanos").id)
        await settle(pilot)
        assert app.screen.query_one(PeopleTable).owner_filter is None
        assert app.screen.selected == stakemap.resolve("Zoë Castellanos").id


async def test_person_form_sets_owner_in_the_teams_spelling_and_relationship(deal_path):
    stakemap = _team_map(deal_path)
    fiona = stakemap.resolve("Fiona MacLeod").id
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(fiona)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#field-owner").value = "bo CHEN"
        form.query_one("#field-relationship").value = "advisor"
        await pilot.press("ctrl+s")
        await settle(pilot)
        after = saved(deal_path).person(fiona)
        assert (after.owner, after.relationship.value) == ("Bo Chen", "advisor")
        assert not any("not on the account's team" in str(n.message) for n in app._notifications)


async def test_person_form_accepts_an_owner_off_the_team_with_a_warning(deal_path):
    stakemap = _team_map(deal_path)
    fiona = stakemap.resolve("Fiona MacLeod").id
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(fiona)
        await pilot.press("e")
        app.screen.query_one("#field-owner").value = "Cy Diaz"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert saved(deal_path).person(fiona).owner == "Cy Diaz"
        warnings = [n for n in app._notifications if "not on the account's team" in str(n.message)]
        assert len(warnings) == 1 and "Cy Diaz" in str(warnings[0].message)


async def test_account_form_edits_the_team(deal_path):
    _team_map(deal_path)
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        form = app.screen
        assert isinstance(form, AccountForm)
        assert form.query_one("#field-team").value == "Ann Lee; Bo Chen"
        form.query_one("#field-team").value = "Ann Lee; Bo Chen; Cy Diaz"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert saved(deal_path).account.team == ("Ann Lee", "Bo Chen", "Cy Diaz")


async def test_detail_pane_shows_the_owner(deal_path):
    stakemap = _team_map(deal_path)
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.select(stakemap.resolve("Henrik Aalto").id)
        await settle(pilot)
        from stakemap.tui.widgets.detail_pane import DetailPane

        text = " ".join(str(w.render()) for w in app.screen.query_one(DetailPane).query("Static"))
        assert "Ann Lee · none" in text
