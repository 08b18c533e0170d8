"""Keys: every binding has an id, the keymap file remaps them, help and palette list them."""

from __future__ import annotations

from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import TabbedContent

from stakemap.tui.commands import map_commands
from stakemap.tui.keymap import keymap_path, parse_keymap
from stakemap.tui.keys import binding_ids, binding_sources, describe_bindings
from stakemap.tui.screens.help import HelpScreen
from stakemap.tui.screens.person_form import PersonForm

from .conftest import app_for, saved, settle


def test_every_binding_has_an_id_and_a_description():
    for section, cls in binding_sources():
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding), (section, binding)
            if binding.system:
                continue
            assert binding.id, f"{cls.__name__}: {binding.key} has no id"
            assert binding.description or binding.tooltip, binding.id


def test_ids_are_unique_per_class():
    for _, cls in binding_sources():
        ids = [b.id for b in cls.BINDINGS if b.id]
        assert len(ids) == len(set(ids)), cls


def test_parse_keymap_reports_problems_and_keeps_good_entries():
    loaded = parse_keymap(
        '[keys]\nperson.add = "n"\n"view.org" = "f2, 2"\nbogus.id = "x"\nperson.edit = ""\n',
        binding_ids(),
    )
    assert loaded.keymap == {"person.add": "n", "view.org": "f2,2"}
    assert any("bogus.id" in p for p in loaded.problems)
    assert any("person.edit" in p for p in loaded.problems)
    broken = parse_keymap("[keys\nperson.add = ", binding_ids())
    assert broken.keymap == {} and "default keys" in broken.problems[0]


def test_help_rows_apply_the_keymap():
    rows = {row.binding_id: row for row in describe_bindings({"person.add": "n"})}
    assert rows["person.add"].keys == "n"
    assert rows["person.edit"].keys == "e"
    assert set(rows) >= {"map.undo", "view.org", "link.remove", "form.save", "picker.new"}


async def test_keymap_file_remaps_a_key(deal_path):
    path = keymap_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keys]\nperson.add = "n"\n')
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert not isinstance(app.screen, PersonForm)  # the old key is free now
        await pilot.press("n")
        assert isinstance(app.screen, PersonForm)
        await pilot.press(*"Remapped", "enter")
        await settle(pilot)
    assert saved(deal_path).resolve("Remapped")


async def test_malformed_keymap_notifies_and_keeps_defaults(deal_path):
    path = keymap_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[keys\nperson.add = ")
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert any("keymap.toml" in p and "default keys" in p for p in app.keymap_problems)
        toasts = " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "default keys" in toasts
        await pilot.press("a")
        assert isinstance(app.screen, PersonForm)


async def test_help_screen_lists_every_binding(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table")
        # Each row's "what" ends with its id (wrapped to the next line when it must).
        listed = {str(table.get_row_at(i)[1]).split()[-1] for i in range(table.row_count)}
        assert binding_ids() <= listed
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def _palette_found(pilot):
    """Wait for the palette's search (a worker) to list its hits: no clock involved."""
    from textual.command import CommandList

    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if pilot.app.screen.query_one(CommandList).option_count:
            return
    raise AssertionError("the command palette found nothing")


async def test_command_palette_runs_categorised_commands(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        titles = [title for title, _, _ in map_commands(screen)]
        for category in ("map: ", "person: ", "link: ", "view: ", "analyze: "):
            assert any(t.startswith(category) for t in titles), category
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"view: org")
        await _palette_found(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "org"

        fiona = saved(deal_path).resolve("Fiona MacLeod").id
        await pilot.press("ctrl+p", *"go to fiona")
        await _palette_found(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.selected == fiona
        await pilot.press("ctrl+p", *"stance up")
        await _palette_found(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert saved(deal_path).person(fiona).stance.value == "neutral"


async def test_theme_toggles_between_dark_and_light(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        dark = app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark is not dark
