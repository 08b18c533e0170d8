"""The findings are read whole on the map: the panel's strip and the full view (F).

Each test reads what is drawn (the widget's rendered lines, checked to be
unclipped on screen), not only what the widget holds: the point is that a rep
at 80x24 sees the whole message and next step.
"""

from __future__ import annotations

import pytest
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from stakemap.analysis.types import Finding
from stakemap.tui.keymap import keymap_path
from stakemap.tui.screens.findings import FindingList, FindingsScreen
from stakemap.tui.screens.main import MainScreen
from stakemap.tui.widgets.findings_panel import FindingsPanel
from stakemap.tui.widgets.people_table import PeopleTable

from .conftest import app_for, settle


def _words(text: str) -> str:
    """Wrapping turns spaces into line ends: compare words, not layout."""
    return " ".join(text.split())


def drawn_text(widget: Widget) -> str:
    """The text the widget draws now, checked to be on screen whole (no clipping)."""
    geometry = widget.screen.find_widget(widget)
    assert geometry.visible_region == geometry.region, f"{widget!r} is cut off"
    lines = widget.render_lines(Region(0, 0, *geometry.region.size))
    return _words("\n".join(line.text for line in lines))


def _shows_whole(text: str, finding: Finding) -> bool:
    return _words(finding.message) in text and _words(finding.suggestion) in text


async def test_the_strip_shows_the_highlighted_finding_whole_at_80x24(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        panel = screen.query_one(FindingsPanel)
        strip = panel.query_one("#finding-detail", Static)
        assert not strip.display  # nothing highlighted yet: the tree keeps every line
        await pilot.press("f")
        seen: list[Finding] = []
        for _ in range(len(screen.analysis.findings) + 3):  # the findings and their headings
            await pilot.press("down")
            await pilot.pause()
            finding = panel.shown_finding
            node = panel.findings_tree.cursor_node
            assert node is not None
            if isinstance(node.data, Finding):
                assert finding == node.data  # it follows the highlight
                assert _shows_whole(drawn_text(strip), finding)
                seen.append(finding)
            else:
                assert finding is None
                assert not strip.display
        assert len(seen) == len(screen.analysis.findings)
        assert all(f in seen for f in screen.analysis.findings)
        await pilot.press("enter")  # to the person: at 80 columns the list gets its room back
        await pilot.pause()
        assert app.focused is screen.query_one(PeopleTable)
        assert not strip.display
        assert panel.shown_finding is not None  # and shows it again on the way back
        await pilot.press("f")
        await pilot.pause()
        assert strip.display
        assert _shows_whole(drawn_text(strip), panel.shown_finding)


async def test_the_strip_has_room_at_120x40_and_the_panel_grows_while_read(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(FindingsPanel)
        before = panel.region.height
        await pilot.press("f", "down", "down")
        await pilot.pause()
        finding = panel.shown_finding
        assert finding is not None
        assert _shows_whole(drawn_text(panel.query_one("#finding-detail")), finding)
        assert panel.region.height > before
        await pilot.press("enter")  # jumps to the person: the table has focus again
        await pilot.pause()
        assert app.focused is app.screen.query_one(PeopleTable)
        assert panel.region.height == before
        assert _shows_whole(drawn_text(panel.query_one("#finding-detail")), finding)


async def test_f_lists_every_finding_whole_and_enter_jumps_to_its_person(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        analysis = main.analysis
        assert analysis is not None
        await pilot.press("F")
        view = app.screen
        assert isinstance(view, FindingsScreen)
        listing = view.query_one(FindingList)
        assert app.focused is listing
        # In the panel's order (by severity), and each one whole when scrolled to.
        order = [f for s in ("high", "medium", "low") for f in analysis.findings if f.severity == s]
        assert view.findings == order
        for index, finding in enumerate(view.findings):
            listing.highlighted = listing.get_option_index(str(index))
            await pilot.pause()
            assert _shows_whole(drawn_text(listing), finding), finding.rule
        target = next(f for f in view.findings if f.rule == "blocker")
        listing.highlighted = listing.get_option_index(str(view.findings.index(target)))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is main
        assert main.selected == target.subjects[0].id
        assert main.query_one(PeopleTable).cursor_pid == target.subjects[0].id
        assert app.focused is main.query_one(PeopleTable)


async def test_escape_closes_the_full_view_and_keeps_the_selection(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        selected = main.selected
        await pilot.press("F", "down", "down")
        assert isinstance(app.screen, FindingsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main
        assert main.selected == selected
        await pilot.press("F")
        assert isinstance(app.screen, FindingsScreen)
        await pilot.press("F")  # the same key closes it
        assert app.screen is main


SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_strip_snapshot(snap_compare, deal_path, size):
    """The panel being read (f): the blocker on Henrik whole under the list."""

    async def before(pilot):
        await settle(pilot)
        await pilot.press("f", "down", "down")
        await settle(pilot)

    assert snap_compare(app_for(deal_path), terminal_size=size, run_before=before)


def test_full_view_snapshot(snap_compare, deal_path):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)

    assert snap_compare(app_for(deal_path), terminal_size=(80, 24), run_before=before)


async def test_the_panel_names_the_full_view_key_as_remapped(deal_path):
    path = keymap_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keys]\n"view.findings_full" = "V"\n')
    app = app_for(deal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(FindingsPanel)
        assert Content.from_markup(str(panel.border_title)).plain == "V every finding in full"
        await pilot.press("V")
        assert isinstance(app.screen, FindingsScreen)
