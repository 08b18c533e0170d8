"""Filtering, sorting, grouping and the four views keep one selection, and never write."""

from __future__ import annotations

from dataclasses import replace

import rich.tree
from textual.widgets import TabbedContent

from stakemap.tui.widgets.departments_view import DepartmentsView
from stakemap.tui.widgets.findings_panel import FindingsPanel
from stakemap.tui.widgets.influence_view import InfluenceView
from stakemap.tui.widgets.org_chart import OrgChart
from stakemap.tui.widgets.people_table import PeopleTable
from stakemap.tui.widgets.power_grid import PowerGrid
from stakemap.vocab import Stance

from .conftest import app_for, saved, settle


def names(table: PeopleTable) -> list[str]:
    return [table.rows[i].name for i in range(len(table.rows)) if hasattr(table.rows[i], "name")]


async def test_filter_narrows_then_edits_the_filtered_row(deal_path):
    before = deal_path.read_bytes()
    app = app_for(deal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PeopleTable)
        await pilot.press("slash", *"finance")
        await pilot.pause()
        assert names(table) == ["Ana Ferreira", "Henrik Aalto"]
        await pilot.press("backspace", *["backspace"] * 6, *"veto")
        await pilot.pause()
        assert names(table) == ["Henrik Aalto"]  # filters on every field, not just names
        assert deal_path.read_bytes() == before  # looking never writes
        await pilot.press("enter")  # back to the table, filter kept
        assert app.focused is table
        await pilot.press("s")  # skeptic -> neutral, on the filtered row
        await settle(pilot)
        assert saved(deal_path).resolve("Henrik Aalto").stance is Stance.NEUTRAL
        await pilot.press("slash", "escape")  # Esc clears the filter
        await pilot.pause()
        assert len(names(table)) == 6


async def test_sort_by_key_and_by_header_click(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PeopleTable)
        assert names(table)[0] == "Agnieszka Wójcik"  # by name
        await pilot.press("o")  # next column: title
        assert table.sort_key == "title"
        assert names(table)[0] == "Henrik Aalto"  # CFO < CIO < CMO < Financial Controller…
        await pilot.press("O")
        assert table.sort_reverse and names(table)[0] == "Agnieszka Wójcik"
        # Click the Stance header: most supportive last, then reversed on a second click.
        stance_x = table.column_offset("stance") + 1
        await pilot.click(PeopleTable, offset=(stance_x, 0))
        assert table.sort_key == "stance"
        assert names(table)[-1] == "Zoë Castellanos"
        await pilot.click(PeopleTable, offset=(stance_x, 0))
        assert names(table)[0] == "Zoë Castellanos"
        # The cursor is on the first row of the new order: editing it edits Zoë.
        table.action_edge(-1)
        await pilot.press("C")
        await settle(pilot)
        assert saved(deal_path).resolve("Zoë Castellanos").coverage.value == "multiple"


async def test_grouping_by_department(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PeopleTable)
        await pilot.press("g")
        groups = [row.department for row in table.rows if not hasattr(row, "name")]
        assert groups == ["Finance", "HR", "IT", "Marketing"]
        assert table.rows[1].department == "Finance"
        await pilot.press("g")
        assert all(hasattr(row, "name") for row in table.rows)


async def test_views_switch_and_keep_the_selection(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        m = saved(deal_path)
        ana, henrik = m.resolve("Ana Ferreira").id, m.resolve("Henrik Aalto").id
        screen.select(ana)
        tabs = screen.query_one(TabbedContent)

        await pilot.press("2")
        assert tabs.active == "org"
        org = screen.query_one(OrgChart)
        assert org.cursor_node.data == ana
        # Ana reports to Henrik: she is his child; Henrik has a dotted line to Zoë.
        assert org.cursor_node.parent.data == henrik
        assert "dotted line to Zoë Castellanos" in str(org.cursor_node.parent.label)
        await pilot.press("up")  # move to Henrik in the chart: the selection follows
        await pilot.pause()
        assert screen.selected == henrik

        await pilot.press("3")
        assert tabs.active == "grid"
        grid = screen.query_one(PowerGrid)
        win_over = grid.query_one("#list-win-over")
        ids = [win_over.get_option_at_index(i).id for i in range(win_over.option_count)]
        assert henrik in ids and m.resolve("Graham Pryce").id in ids
        assert win_over.get_option_at_index(win_over.highlighted).id == henrik
        unknown = grid.query_one("#list-unknown")
        assert unknown.get_option_at_index(0).id == m.resolve("Fiona MacLeod").id

        await pilot.press("4")
        assert tabs.active == "departments"
        departments = screen.query_one(DepartmentsView)
        assert departments.current_department == "Finance"  # Henrik's department
        state = {d.name: d.state for d in screen.analysis.departments}
        assert state["IT"] == "opposed"

        await pilot.press("5")
        assert tabs.active == "influence"
        influence = screen.query_one(InfluenceView)
        path = str(influence.query_one("#influence-path").render())
        assert "Zoë Castellanos" in path and "Ana Ferreira" in path  # champion -> Ana -> Henrik
        await pilot.press("1")
        assert tabs.active == "people"
        assert screen.query_one(PeopleTable).cursor_pid == henrik
        await pilot.press("c")  # the quick key acts on the person chosen in the org chart
        await settle(pilot)
        assert saved(deal_path).person(henrik).coverage.value == "multiple"


async def test_choosing_a_finding_jumps_to_its_person(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        panel = screen.query_one(FindingsPanel)
        tree = panel.findings_tree
        # Textual's own ``tree`` (the DOM as a Rich tree, for debugging) is not shadowed.
        assert isinstance(panel.tree, rich.tree.Tree)
        blocker = next(
            node
            for group in tree.root.children
            for node in group.children
            if node.data.rule == "blocker"
        )
        await pilot.press("f")
        tree.move_cursor(blocker)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected == blocker.data.subjects[0].id
        assert app.focused is screen.query_one(PeopleTable)


async def test_department_finding_opens_the_department(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        it = next(f for f in screen.analysis.findings if f.department == "IT")
        finding = replace(it, subjects=())  # about the department, nobody in particular
        screen.jump_to(finding)
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "departments"
        assert screen.query_one(DepartmentsView).current_department == "IT"
