"""The grid layout: departments as columns, managers above reports, stable between edits."""

from __future__ import annotations

import pytest
from network_cases import CASES, dense_web_map, matrix_map, tree_map

from stakemap.drawing.canvas import PROTECTED, Role, rasterize
from stakemap.drawing.layout import GEOMETRY, Region, Zoom, fit_zoom, layout_grid
from stakemap.drawing.routing import route_links
from stakemap.vocab import LinkKind

ZOOMS = list(Zoom)


@pytest.mark.parametrize("zoom", ZOOMS)
def test_managers_sit_above_their_reports(zoom):
    m = tree_map()
    grid = layout_grid(m, zoom=zoom)
    for link in m.links:
        if link.kind is LinkKind.REPORTS_TO:
            report, boss = grid.boxes[link.source], grid.boxes[link.target]
            if report.col == boss.col:
                assert boss.y < report.y


@pytest.mark.parametrize("zoom", ZOOMS)
def test_each_department_is_one_column_in_department_order(zoom):
    m = matrix_map()
    grid = layout_grid(m, zoom=zoom)
    assert [c.department for c in grid.columns] == m.departments()
    for column in grid.columns:
        xs = {grid.boxes[pid].x for pid in column.members}
        assert len(xs) == 1
        assert {m.person(pid).department for pid in column.members} == {column.department}


def test_people_without_a_department_come_last():
    m = tree_map()
    m.add_person(name="Nomad")
    grid = layout_grid(m)
    assert grid.columns[-1].name == "No department"


@pytest.mark.parametrize("zoom", ZOOMS)
def test_adding_a_person_moves_nobody_elsewhere_and_keeps_the_order(zoom):
    m = tree_map()
    before = layout_grid(m, zoom=zoom)
    newcomer = m.add_person(name="Aaron Abbot", department="Finance", stance="supporter")
    m.add_link(newcomer.id, m.resolve("Felix Brandt").id, "reports_to")
    after = layout_grid(m, zoom=zoom)
    finance = m.person(newcomer.id).department
    for pid, box in before.boxes.items():
        moved = after.boxes[pid]
        if m.person(pid).department != finance:
            assert (moved.x, moved.y) == (box.x, box.y), m.person(pid).name
        assert moved.col == box.col
    for column_before, column_after in zip(before.columns, after.columns, strict=True):
        kept = [pid for pid in column_after.members if pid in before.boxes]
        assert kept == list(column_before.members)  # nobody swapped places


def test_a_new_department_that_sorts_last_moves_nobody():
    m = tree_map()
    before = layout_grid(m)
    m.add_person(name="Wes", department="Warehouse")
    after = layout_grid(m)
    assert all(after.boxes[pid] == box for pid, box in before.boxes.items())


def test_the_same_map_gives_the_same_layout():
    assert layout_grid(dense_web_map()) == layout_grid(dense_web_map())


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("zoom", ZOOMS)
def test_no_line_cell_lands_on_a_label(case, zoom):
    m = CASES[case]()
    grid = layout_grid(m, zoom=zoom)
    routes = route_links(grid, m.links)
    assert len(routes) == len(m.links)
    canvas = rasterize(grid, routes)
    assert canvas.collisions == 0
    # Every route's cells lie outside every box and header, checked cell by cell.
    label_cells = {
        (x, y)
        for y, row in enumerate(canvas.rows)
        for x, cell in enumerate(row)
        if cell.role in PROTECTED
    }
    for route in routes:
        assert not label_cells.intersection(route.cells()), route.link
    # Every link shows at least its arrowhead.
    assert canvas.links == {link.id for link in m.links}
    for box in grid.boxes.values():
        text = "".join(
            canvas.cell(
                box.x + (1 if grid.geometry.boxed else 0) + i,
                box.y + (1 if grid.geometry.boxed else 0),
            ).char
            for i in range(len(box.text))
        )
        assert text == box.text


def test_the_kinds_of_line_look_different():
    m = matrix_map()
    grid = layout_grid(m)
    canvas = rasterize(grid, route_links(grid, m.links))
    chars: dict[LinkKind, set[str]] = {}
    for row in canvas.rows:
        for cell in row:
            if cell.role is Role.LINE and cell.kind is not None:
                chars.setdefault(cell.kind, set()).add(cell.char)
    assert "┄" in chars[LinkKind.DOTTED_LINE] or "┆" in chars[LinkKind.DOTTED_LINE]
    assert chars[LinkKind.REPORTS_TO] <= set("─│┌┐└┘├┤┬┴┼")
    assert chars[LinkKind.INFLUENCES] & set("━┃┏┓┗┛")


def test_a_region_draws_only_its_cells_and_the_lines_through_it():
    m = dense_web_map()
    grid = layout_grid(m)
    whole = rasterize(grid, route_links(grid, m.links))
    region = Region(10, 3, 30, 8)
    part = rasterize(grid, route_links(grid, m.links, region=region), region)
    for y in range(region.height):
        for x in range(region.width):
            a, b = part.rows[y][x], whole.cell(region.x + x, region.y + y)
            assert a.role == b.role, (x, y)


def test_fit_picks_the_most_detail_that_fits():
    m = tree_map()
    full = layout_grid(m, zoom=Zoom.FULL)
    assert fit_zoom(m, full.width, full.height) is Zoom.FULL
    assert fit_zoom(m, full.width - 1, 100) is not Zoom.FULL
    assert fit_zoom(m, 5, 5) is Zoom.DOTS


def test_clicks_and_arrow_keys_find_people():
    m = tree_map()
    grid = layout_grid(m)
    g = GEOMETRY[Zoom.FULL]
    for pid, box in grid.boxes.items():
        assert grid.box_at(box.x, box.y) == pid
        assert grid.box_at(box.x + box.w - 1, box.y + box.h - 1) == pid
        assert grid.box_at(box.x, box.y - 1) is None
    ceo = m.resolve("Carla Oyelaran").id
    assert grid.nearest(ceo, 0, -1) is None
    right = grid.nearest(ceo, 1, 0)
    assert right is not None and grid.boxes[right].col == grid.boxes[ceo].col + 1
    assert g.boxed
    assert sorted(grid.in_order()) == sorted(p.id for p in m.people)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("zoom", ZOOMS)
@pytest.mark.parametrize("width", [30, 45, 80])
def test_a_narrow_window_wraps_the_departments_into_bands(case, zoom, width):
    m = CASES[case]()
    grid = layout_grid(m, zoom=zoom, width=width)
    g = grid.geometry
    if g.avenue_w + g.column_w + g.avenue_w <= width:
        assert grid.width <= width
    assert [c.department for c in grid.columns] == m.departments()  # same order, wrapped
    bands: dict[int, list] = {}
    for column in grid.columns:
        bands.setdefault(column.band, []).append(column)
    for band, columns in bands.items():
        assert [c.slot for c in columns] == list(range(len(columns)))
        if band:  # below every column of the band above
            above = bands[band - 1]
            assert min(c.y for c in columns) > max(c.y + c.height - 1 for c in above)
    routes = route_links(grid, m.links)
    canvas = rasterize(grid, routes)
    assert canvas.collisions == 0
    assert canvas.links == {link.id for link in m.links}
    for link in m.links:
        if link.kind is LinkKind.REPORTS_TO:
            report, boss = grid.boxes[link.source], grid.boxes[link.target]
            if report.col == boss.col:
                assert boss.y < report.y
    for pid, box in grid.boxes.items():
        assert grid.box_at(box.x, box.y) == pid
    seen = [p for c in grid.columns for p in c.members]
    assert sorted(grid.people_in(Region(0, 0, grid.width, grid.height))) == sorted(seen)


def test_fit_with_wrapping_keeps_boxes_in_a_narrow_window():
    m = tree_map()
    assert fit_zoom(m, 80, 40) is not Zoom.FULL  # one band of boxes is 103 wide
    assert fit_zoom(m, 80, 40, wrap=True) is Zoom.FULL  # two bands of two fit
    grid = layout_grid(m, zoom=Zoom.FULL, width=80)
    assert grid.width <= 80 and grid.height <= 40
