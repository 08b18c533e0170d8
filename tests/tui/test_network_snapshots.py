"""The network view's screenshots: a tree, a matrix with dotted lines and a dense
influence web, at 80x24 and 120x40, and the dense web in focus.

Regenerate after an intended change with ``pytest tests/tui/test_network_snapshots.py
--snapshot-update`` and look at the result (the report shows both images).
"""

from __future__ import annotations

import pytest
from network_cases import CASES

from stakemap.store import MapStore

from .conftest import app_for, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def _map_file(tmp_path, case: str):
    path = tmp_path / f"{case}.json"
    MapStore(path).create(CASES[case]())
    return path


@pytest.mark.parametrize("case", ["tree", "matrix", "dense"])
@pytest.mark.parametrize("size", SIZES)
def test_network_view(snap_compare, tmp_path, case, size):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)

    assert snap_compare(app_for(_map_file(tmp_path, case)), terminal_size=size, run_before=before)


def test_network_view_focus(snap_compare, tmp_path):
    """The dense web focused on its first person: one step of neighbours, the rest dimmed."""

    async def before(pilot):
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)

    app = app_for(_map_file(tmp_path, "dense"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=before)


def test_network_view_light_theme(snap_compare, tmp_path):
    """ctrl+t: the lines, stances and frames take the light theme's colours and still read."""

    async def before(pilot):
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert not pilot.app.current_theme.dark

    app = app_for(_map_file(tmp_path, "matrix"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=before)


def test_network_view_wraps_departments_at_80x24(snap_compare, tmp_path):
    """Northwind's six departments do not fit across 80 columns: they wrap into two
    bands, and all eleven people are on screen at once."""
    import shutil
    from pathlib import Path

    path = tmp_path / "northwind.json"
    shutil.copy(Path(__file__).parents[2] / "sample_maps" / "northwind.json", path)

    async def before(pilot):
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        view = pilot.app.screen.query_one("#network-view")
        assert {c.band for c in view.built.layout.columns} == {0, 1}
        assert view.virtual_size.width <= view.size.width
        assert view.virtual_size.height <= view.size.height

    assert snap_compare(app_for(path), terminal_size=(80, 24), run_before=before)
