"""The network view: opens on 6, pans, zooms, selects by key and click, shares the
selection with the other views, and focus dims everything but the neighbourhood."""

from __future__ import annotations

import pytest
from network_cases import tree_map
from textual.widgets import TabbedContent

from stakemap.drawing.canvas import Role
from stakemap.drawing.layout import Zoom
from stakemap.store import MapStore
from stakemap.tui.widgets.network_view import _ROUTE, _SELECTED, NetworkView
from stakemap.tui.widgets.people_table import PeopleTable

from .conftest import app_for, saved, settle


async def _open(pilot) -> NetworkView:
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)
    view = pilot.app.screen.query_one(NetworkView)
    assert pilot.app.screen.query_one(TabbedContent).active == "network"
    assert pilot.app.focused is view
    return view


def _label_people(view: NetworkView) -> set[str]:
    canvas = view._current_canvas()
    assert canvas is not None
    return {c.person for row in canvas.rows for c in row if c.role is Role.LABEL and c.person}


async def test_the_tab_draws_everyone_at_120x40(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await _open(pilot)
        assert view.zoom is Zoom.FULL  # six people in four departments fit in boxes
        assert _label_people(view) == {p.id for p in app.screen.session.map.people}
        canvas = view._current_canvas()
        assert canvas is not None and canvas.collisions == 0


async def test_arrows_and_hjkl_pan_and_plus_minus_zoom(tmp_path):
    path = tmp_path / "tree.json"
    MapStore(path).create(tree_map())
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _open(pilot)
        assert view.zoom is Zoom.COMPACT
        await pilot.press("plus")
        assert view.zoom is Zoom.FULL
        assert view.virtual_size.width > view.size.width  # now wider than the window
        view.scroll_to(0, 0, animate=False)
        await pilot.pause()
        await pilot.press("right")
        assert view.scroll_x > 0
        x = view.scroll_x
        await pilot.press("l")
        assert view.scroll_x > x
        await pilot.press("h", "left")
        assert view.scroll_x == 0
        await pilot.press("j")
        assert view.scroll_y > 0
        await pilot.press("k")
        assert view.scroll_y == 0
        await pilot.press("minus", "minus")
        assert view.zoom is Zoom.DOTS
        await pilot.press("minus")
        assert view.zoom is Zoom.DOTS
        await pilot.press("0")
        assert view.zoom is Zoom.COMPACT  # the most detail that shows it all


async def test_keys_select_and_the_people_table_follows(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await _open(pilot)
        screen = app.screen
        order = list(view.built.layout.in_order())
        start = order.index(view.selected) if view.selected in order else -1
        await pilot.press("right_square_bracket")
        assert view.selected == order[(start + 1) % len(order)]
        assert screen.selected == view.selected
        below = view.built.layout.nearest(view.selected, 0, 1) or view.selected
        await pilot.press("shift+down")
        assert view.selected == below == screen.selected
        chosen = view.selected
        await pilot.press("1")
        await settle(pilot)
        assert screen.query_one(PeopleTable).cursor_pid == chosen


async def test_a_click_selects_and_the_table_selection_shows_here(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await _open(pilot)
        stakemap = app.screen.session.map
        graham = stakemap.resolve("Graham Pryce").id
        box = view.built.layout.boxes[graham]
        await pilot.click(
            view, offset=(box.x - int(view.scroll_x) + 2, box.y - int(view.scroll_y) + 1)
        )
        await pilot.pause()
        assert view.selected == graham == app.screen.selected
        canvas = view._current_canvas()
        assert canvas is not None
        assert view._cell_spec(canvas.cell(box.x + 2, box.y + 1)) == _SELECTED
        # Selected elsewhere, shown here.
        await pilot.press("1")
        await settle(pilot)
        ana = stakemap.resolve("Ana Ferreira").id
        app.screen.select(ana)
        await pilot.press("6")
        await settle(pilot)
        assert view.selected == ana


async def test_focus_dims_the_rest_and_lights_the_champions_route(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await _open(pilot)
        stakemap = app.screen.session.map
        henrik = stakemap.resolve("Henrik Aalto").id
        app.screen.select(henrik)
        await pilot.pause()
        assert view.selected == henrik
        await pilot.press("space")
        focus = view.spotlight
        assert focus is not None and focus.pid == henrik
        # The analysis' route: Zoë influences Ana, who influences Henrik.
        route = [stakemap.person(pid).name for pid in focus.route.people]
        assert route == ["Zoë Castellanos", "Ana Ferreira", "Henrik Aalto"]
        canvas = view._current_canvas()
        assert canvas is not None
        specs: dict[str, set[str]] = {}
        lines: dict[str, set[str]] = {}
        for row in canvas.rows:
            for cell in row:
                if cell.role is Role.LABEL and cell.person:
                    specs.setdefault(cell.person, set()).add(view._cell_spec(cell))
                if cell.role in (Role.LINE, Role.ARROW) and cell.link:
                    lines.setdefault(cell.link, set()).add(view._cell_spec(cell))
        graham = stakemap.resolve("Graham Pryce").id
        fiona = stakemap.resolve("Fiona MacLeod").id
        assert specs[graham] == {"dim"} and specs[fiona] == {"dim"}
        assert specs[henrik] == {_SELECTED}
        assert specs[stakemap.resolve("Ana Ferreira").id] == {_ROUTE}
        for lid in focus.route_links:
            assert lines[lid] == {_ROUTE}
        conflict = next(link for link in stakemap.links if link.kind.value == "conflicts")
        assert lines[conflict.id] == {"dim"}
        # Wider focus takes in more people; space again turns it off.
        await pilot.press("greater_than_sign")
        assert view.spotlight is not None and view.spotlight.people > focus.people
        await pilot.press("space")
        assert view.spotlight is None


async def test_the_selected_person_stays_in_view_when_zooming_and_stepping(tmp_path):
    path = tmp_path / "tree.json"
    MapStore(path).create(tree_map())
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _open(pilot)
        stakemap = app.screen.session.map

        def in_view(pid: str) -> bool:
            box = view.built.layout.boxes[pid]
            width, height = view.scrollable_content_region.size
            return (
                view.scroll_x <= box.x
                and box.x + box.w <= view.scroll_x + width
                and view.scroll_y <= box.y
                and box.y + box.h <= view.scroll_y + height
            )

        kenji = stakemap.resolve("Kenji Watanabe").id  # bottom right
        app.screen.select(kenji)
        await pilot.pause()
        await pilot.press("plus")  # boxes: wider than the window
        await pilot.pause()
        assert view.zoom is Zoom.FULL and view.virtual_size.width > 80
        assert in_view(kenji)
        await pilot.press("h", "h", "h", "h", "k", "k")  # pan away
        assert not in_view(kenji)
        await pilot.press("shift+left")  # the nearest person to the left comes into view
        assert view.selected != kenji and in_view(view.selected)


async def test_dragging_with_the_mouse_pans(tmp_path):
    path = tmp_path / "tree.json"
    MapStore(path).create(tree_map())
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _open(pilot)
        await pilot.press("plus")
        view.scroll_to(10, 0, animate=False)
        await pilot.pause()
        selected = view.selected
        await pilot.mouse_down(view, offset=(40, 10))
        await pilot.hover(view, offset=(30, 10))
        await pilot.mouse_up(view, offset=(30, 10))
        await pilot.pause()
        assert view.scroll_x == 20  # dragged left by 10: the map moves with the pointer
        assert view.selected == selected  # a drag is not a click


@pytest.fixture
def big_map_path(tmp_path):
    """A map one person past the size the view lays out on the UI thread."""
    from stakemap.tui.widgets import network_view

    m = tree_map()
    for i in range(network_view.SMALL_MAP):
        m.add_person(name=f"Person {i:03d}", department=("Finance", "IT", "Sales")[i % 3])
    path = tmp_path / "big.json"
    MapStore(path).create(m)
    return path


async def test_a_big_map_is_laid_out_in_a_worker_behind_a_progress_line(big_map_path, monkeypatch):
    import threading

    from stakemap.tui.widgets import network_view

    path = big_map_path
    m = MapStore(path).load()
    release = threading.Event()
    real = network_view._make_built

    def slow(*args):
        assert threading.current_thread() is not threading.main_thread()
        release.wait(timeout=30)
        return real(*args)

    monkeypatch.setattr(network_view, "_make_built", slow)
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        view = app.screen.query_one(NetworkView)
        count = f"{len(m):,}"
        assert view._pending == f"Laying out {count} people…"
        assert view.render_line(0).text.startswith(f"Laying out {count} people…")
        release.set()
        await settle(pilot)
        assert view._pending is None and view.built is not None
        assert view.selected is None or view.selected in view.built.layout.boxes
        assert _label_people(view)  # the screen around the selection is drawn


async def test_a_big_maps_route_engine_is_built_with_its_layout_not_on_focus(
    big_map_path, monkeypatch
):
    from stakemap.tui.widgets import network_view

    path = big_map_path
    built: list[object] = []
    real_router = network_view.Router

    def counting_router(*args, **kwargs):
        router = real_router(*args, **kwargs)
        built.append(router)
        return router

    monkeypatch.setattr(network_view, "Router", counting_router)
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        view = app.screen.query_one(NetworkView)
        before = len(built)
        assert before >= 1  # the layout worker built one, before any focus
        await pilot.press("space")
        await settle(pilot)
        assert view.spotlight is not None and view.spotlight.pid == view.selected
        assert len(built) == before  # the focus used the engine already there


async def test_an_edit_made_in_the_view_redraws_it_and_keeps_the_selection(deal_path):
    app = app_for(deal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await _open(pilot)
        stakemap = app.screen.session.map
        graham = stakemap.resolve("Graham Pryce").id
        app.screen.select(graham)
        await pilot.pause()
        box = view.built.layout.boxes[graham]
        assert box.text.startswith("−−")  # opponent
        await pilot.press("s")  # stance one step up, from the network view
        await settle(pilot)
        assert saved(deal_path).person(graham).stance.value == "skeptic"
        assert view.selected == graham and app.focused is view
        assert view.built.layout.boxes[graham].text.startswith("− ")


async def test_hostile_names_are_drawn_as_text_and_keep_the_grid(tmp_path, make_map):
    m = make_map()
    names = ["[bold red]Mallory[/]", "Eve Adams", "\u202eevil", "李小龍 Lee", "Zoë 👍🏽"]
    people = [
        m.add_person(name=n, department="IT" if i % 2 else "R&D [x]") for i, n in enumerate(names)
    ]
    m.add_link(people[0].id, people[1].id, "influences", 3)
    m.add_link(people[2].id, people[3].id, "conflicts")
    path = tmp_path / "hostile.json"
    MapStore(path).create(m)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await _open(pilot)
        width = view.scrollable_content_region.width
        lines = [view.render_line(y) for y in range(view.scrollable_content_region.height)]
        assert all(strip.cell_length == width for strip in lines)
        text = "\n".join(strip.text for strip in lines)
        assert "[bold red]Mallory[/]"[:8] in text  # markup stays literal
        assert "\x1b" not in text and "\u202e" not in text  # controls shown escaped
        assert "李小龍" in text and "R&D [x]"[:5] in text
        canvas = view._current_canvas()
        assert canvas is not None and canvas.collisions == 0


async def test_an_empty_map_says_how_to_start(tmp_path, make_map):
    path = tmp_path / "empty.json"
    MapStore(path).create(make_map())
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _open(pilot)
        assert view.render_line(0).text.startswith("No stakeholders on this map yet")
        await pilot.press("right_square_bracket", "space", "plus", "0", "shift+down")
        assert view.selected is None
