"""The help lists every key with its whole description, at 80x24 too."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from stakemap.tui.keys import describe_bindings
from stakemap.tui.screens.help import HelpScreen, KeyTable

from .conftest import app_for, settle


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("opened_at", [(80, 24), (120, 40)], ids=["80x24", "shrunk-from-120x40"])
async def test_every_description_is_drawn_whole_at_80x24(deal_path, opened_at):
    app = app_for(deal_path)
    async with app.run_test(size=opened_at) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        if opened_at != (80, 24):  # the help lays itself out again for the new width
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(KeyTable)
        geometry = app.screen.find_widget(table)
        assert geometry.visible_region == geometry.region  # the table itself is not cut
        # What the table draws with each row under the cursor (scrolled into view).
        windows = []
        for row in range(table.row_count):
            table.move_cursor(row=row)
            await pilot.pause()
            lines = table.render_lines(Region(0, 0, *geometry.region.size))
            windows.append(_words("\n".join(line.text for line in lines)))
        expected = describe_bindings({}, app.get_key_display)
        assert expected
        for key in expected:
            described = _words(f"{key.description} {key.binding_id}")
            assert any(described in window for window in windows), described


def test_help_snapshot_80x24(snap_compare, deal_path):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app_for(deal_path), terminal_size=(80, 24), run_before=before)
