"""A big account stays usable while it loads: the order things appear in, not their timing.

Each stage is held by a gate the test opens (a ``threading.Event``), so what
the screen shows in between is checked without a clock: the loading line
before the file is read, the rows before the findings, the picker's row of a
big map from its header alone, and an org chart built only as far as it is
looked at. The times themselves are ``bench/bench_tui.py``'s.
"""

from __future__ import annotations

import threading

from textual.widgets import DataTable

from stakemap.store import MapStore
from stakemap.tui import catalog
from stakemap.tui.app import StakemapApp
from stakemap.tui.screens import loading
from stakemap.tui.screens.loading import LoadingScreen
from stakemap.tui.screens.picker import PickerScreen

from .conftest import app_for, settle

#: Long enough for any machine, short enough that a broken gate fails the test.
_GATE_S = 60.0


def _gated(real, gate: threading.Event, reached: threading.Event | None = None):
    def held(*args, **kwargs):
        if reached is not None:
            reached.set()
        assert gate.wait(_GATE_S), "the test never opened the gate"
        return real(*args, **kwargs)

    return held


async def test_a_big_map_shows_a_loading_line_before_it_is_read(deal_path, monkeypatch):
    from stakemap.tui.screens.main import MainScreen
    from stakemap.tui.widgets.people_table import PeopleTable

    monkeypatch.setattr(StakemapApp, "BACKGROUND_LOAD_BYTES", 0)
    gate = threading.Event()
    monkeypatch.setattr(loading, "open_map", _gated(loading.open_map, gate))
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        assert "opening northwind.json" in str(app.screen.query_one("#loading").render())
        assert app.map_screen() is None
        gate.set()
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert len(app.screen.query_one(PeopleTable).rows) == 6
        assert app.screen.analysis is not None


async def test_a_big_map_that_cannot_be_read_shows_the_picker_with_the_reason(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(StakemapApp, "BACKGROUND_LOAD_BYTES", 0)
    path = tmp_path / "big.json"
    path.write_text('{"meta": {"1": {"app": "stakemap", "schema_version": 4')
    app = app_for(path, cwd=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        banner = str(app.screen.query_one("#picker-error").render())
        assert "big.json" in banner and "truncated" in banner


async def test_rows_are_shown_before_the_findings(deal_path, monkeypatch):
    from stakemap.tui.screens import main
    from stakemap.tui.widgets.findings_panel import FindingsPanel
    from stakemap.tui.widgets.people_table import PeopleTable

    gate, reached = threading.Event(), threading.Event()
    monkeypatch.setattr(main, "analyze", _gated(main.analyze, gate, reached))
    app = app_for(deal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert len(screen.query_one(PeopleTable).rows) == 6
        assert screen.analysis is None
        tree = screen.query_one(FindingsPanel).findings_tree
        assert [str(node.label) for node in tree.root.children] == ["Analysing…"]
        gate.set()
        await settle(pilot)
        assert reached.is_set() and screen.analysis is not None
        assert str(tree.root.children[0].label) != "Analysing…"


async def test_the_picker_lists_a_big_map_from_its_header_even_with_a_broken_body(
    tmp_path, deal_path, monkeypatch
):
    monkeypatch.setattr(catalog, "HEADER_ONLY_BYTES", 0)
    raw = deal_path.read_bytes()
    big = tmp_path / "big.json"
    big.write_bytes(raw[: raw.index(b'\n "links"')] + b"\n the rest is not JSON")
    app = app_for(None, cwd=tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        table = app.screen.query_one(DataTable)
        row = [str(cell) for cell in table.get_row(str(big))]
        assert row[:3] == ["Northwind Logistics", "6", "—"]  # from the header: no parse
        entry = app.screen.entries[str(big)]
        assert entry.error is None and entry.header_only
        table.move_cursor(row=table.get_row_index(str(big)))
        await pilot.pause()
        assert "health shows once it is open" in str(
            app.screen.query_one("#picker-detail").render()
        )


async def test_the_org_chart_of_a_big_map_is_built_as_far_as_it_is_looked_at(
    tmp_path, make_map, monkeypatch
):
    from stakemap.tui.widgets.org_chart import OrgChart

    m = make_map()
    ceo = m.add_person(name="Ada CEO")
    deepest = None
    for v in range(6):
        vp = m.add_person(name=f"VP {v}")
        m.add_link(vp.id, ceo.id, "reports_to")
        for r in range(10):
            report = m.add_person(name=f"Report {v}-{r}")
            m.add_link(report.id, vp.id, "reports_to")
            deepest = report
    assert deepest is not None
    path = tmp_path / "org.json"
    MapStore(path).create(m)
    monkeypatch.setattr(OrgChart, "EAGER_NODES", 10)

    app = app_for(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.select(ceo.id)
        await pilot.press("2")
        await settle(pilot)
        chart = screen.query_one(OrgChart)
        assert chart.cursor_node.data == ceo.id
        assert chart.built_people < len(m)  # the VPs' teams are not built yet
        vp_node = chart.root.children[0].children[0]
        assert not vp_node.is_expanded and not vp_node.children
        vp_node.expand()
        await settle(pilot)
        assert [child.data for child in vp_node.children]  # built when expanded

        await pilot.press("1")
        screen.select(deepest.id)
        await pilot.press("2")
        await settle(pilot)
        assert chart.cursor_node.data == deepest.id  # the branches down to them built
        assert chart.cursor_node.parent.is_expanded
