"""The layout and its lines as a grid of cells, each one saying what it is.

A front end paints cells; a test reads them. Each cell has a ``Role``
(label, box border, department frame or header, line, arrowhead, empty),
the person or link it belongs to, and for lines the link's kind and
strength, so the app can colour by theme and dim what is out of focus
without parsing characters back. Lines are drawn after the boxes and are
*refused* on label, box and header cells: ``Canvas.collisions`` counts the
refusals, and the router's promise is that it stays 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from stakemap.drawing.layout import GridLayout, Region, cells_of, fit_text, grid_text
from stakemap.drawing.routing import Route
from stakemap.drawing.style import ARROW, E, N, S, W, line_style
from stakemap.vocab import LinkKind, Stance

__all__ = ["Canvas", "Cell", "Role", "rasterize"]


class Role(Enum):
    EMPTY = "empty"
    LABEL = "label"
    BOX = "box"
    FRAME = "frame"
    HEADER = "header"
    LINE = "line"
    ARROW = "arrow"


#: Cells a line may never cover.
PROTECTED = frozenset({Role.LABEL, Role.BOX, Role.HEADER})


@dataclass(slots=True)
class Cell:
    char: str = " "
    role: Role = Role.EMPTY
    person: str | None = None
    link: str | None = None
    kind: LinkKind | None = None
    strength: int = 0
    stance: Stance | None = None
    bits: int = 0


@dataclass(slots=True)
class Canvas:
    """``rows[y][x]`` are the cells of ``region`` (coordinates relative to it)."""

    region: Region
    rows: list[list[Cell]]
    collisions: int = 0
    #: links drawn (at least one cell in the region).
    links: set[str] = field(default_factory=set)

    def cell(self, x: int, y: int) -> Cell:
        """The cell at layout coordinates ``(x, y)``."""
        return self.rows[y - self.region.y][x - self.region.x]

    def text(self) -> str:
        """The picture as plain text, one line per row (wide characters once)."""
        return "\n".join("".join(c.char for c in row).rstrip() for row in self.rows)


_OPPOSITE = {N: S, S: N, E: W, W: E}


def _put_text(canvas: Canvas, x: int, y: int, text: str, role: Role, **facts: object) -> None:
    region = canvas.region
    if not region.y <= y < region.y + region.height:
        return
    for i, char in enumerate(cells_of(text)):
        if region.contains(x + i, y):
            cell = canvas.cell(x + i, y)
            cell.char, cell.role = char, role
            for name, value in facts.items():
                setattr(cell, name, value)


def _frames(canvas: Canvas, layout: GridLayout) -> None:
    region = canvas.region
    for column in layout.columns:
        x0, x1 = column.x, column.x + column.width - 1
        top, bottom = column.y, column.y + column.height - 1
        if not region.overlaps(x0, top, x1, bottom):
            continue
        _put_text(canvas, x0, top, "┌" + "─" * (column.width - 2) + "┐", Role.FRAME)
        _put_text(canvas, x0, bottom, "└" + "─" * (column.width - 2) + "┘", Role.FRAME)
        for y in range(max(top + 1, region.y), min(bottom, region.y + region.height)):
            _put_text(canvas, x0, y, "│", Role.FRAME)
            _put_text(canvas, x1, y, "│", Role.FRAME)
        count = f" {len(column.members)}"
        room = column.width - 4
        title = fit_text(grid_text(column.name), room - len(count)) + count
        _put_text(canvas, x0 + 1, top, f" {title} ", Role.HEADER, stance=None)


def _boxes(canvas: Canvas, layout: GridLayout) -> None:
    region = canvas.region
    boxed = layout.geometry.boxed
    for box in layout.boxes.values():
        if not region.overlaps(box.x, box.y, box.x + box.w - 1, box.y + box.h - 1):
            continue
        facts = {"person": box.pid, "stance": box.stance}
        if boxed:
            inner = box.w - 2
            _put_text(canvas, box.x, box.y, "╭" + "─" * inner + "╮", Role.BOX, **facts)
            _put_text(canvas, box.x, box.y + 1, "│" + " " * inner + "│", Role.BOX, **facts)
            _put_text(canvas, box.x, box.y + 2, "╰" + "─" * inner + "╯", Role.BOX, **facts)
            _put_text(canvas, box.x + 1, box.y + 1, box.text, Role.LABEL, **facts)
        else:
            _put_text(canvas, box.x, box.y, " " * box.w, Role.LABEL, **facts)
            _put_text(canvas, box.x, box.y, box.text, Role.LABEL, **facts)


def _segment_bits(
    region: Region, a: tuple[int, int], b: tuple[int, int], bits: dict[tuple[int, int], int]
) -> None:
    """The bits of the straight piece ``a`` to ``b``, for its cells inside ``region`` only
    (a line down a 3,000-row column costs what its part on screen costs)."""
    (x0, y0), (x1, y1) = a, b
    if x0 == x1:
        d = S if y1 > y0 else N
        lo, hi = sorted((y0, y1))
        lo, hi = max(lo, region.y), min(hi, region.y + region.height - 1)
        if not region.x <= x0 < region.x + region.width:
            return
        points = [(x0, y) for y in range(lo, hi + 1)]
    else:
        d = E if x1 > x0 else W
        lo, hi = sorted((x0, x1))
        lo, hi = max(lo, region.x), min(hi, region.x + region.width - 1)
        if not region.y <= y0 < region.y + region.height:
            return
        points = [(x, y0) for x in range(lo, hi + 1)]
    back = _OPPOSITE[d]
    for point in points:
        value = bits.get(point, 0)
        if point != a:
            value |= back
        if point != b:
            value |= d
        bits[point] = value


def _line(canvas: Canvas, route: Route) -> None:
    region = canvas.region
    link = route.link
    style = line_style(link.kind, link.strength)
    first, last = route.points[0], route.points[-1]
    bits: dict[tuple[int, int], int] = {}
    if region.contains(*first):
        bits[first] = route.start_bit
    for a, b in zip(route.points, route.points[1:], strict=False):
        _segment_bits(region, a, b, bits)
    both = route.both_ends
    rows, ox, oy = canvas.rows, canvas.region.x, canvas.region.y
    for point, value in bits.items():
        cell = rows[point[1] - oy][point[0] - ox]
        if cell.role in PROTECTED:
            canvas.collisions += 1
            continue
        if point == last or (both and point == first):
            into = route.end_bit if point == last else route.start_bit
            cell.char, cell.role, cell.bits = ARROW[into], Role.ARROW, 0
        else:
            # Lines of one kind join (a reporting tree's trunk branches); a line of
            # another kind passes over, so a crossing never looks like a junction.
            same = cell.role is Role.LINE and cell.kind is link.kind
            merged = value | (cell.bits if same else 0)
            cell.char, cell.role, cell.bits = style.glyph(merged), Role.LINE, merged
        cell.link, cell.kind, cell.strength = link.id, link.kind, link.strength
        canvas.links.add(link.id)


def rasterize(layout: GridLayout, routes: Iterable[Route], region: Region | None = None) -> Canvas:
    """The cells of ``region`` (all of the layout by default): frames, boxes, then lines.

    Parameters
    ----------
    layout
        Where the boxes and columns are.
    routes
        The lines to draw (``route_links``), in drawing order.
    region
        The rectangle wanted, in layout cells (a screen's worth, for the app).

    Returns
    -------
    Canvas
        ``rows[y][x]`` relative to ``region``; ``collisions`` counts line
        cells refused on a name, a box or a header (0 by the router's design).

    Examples
    --------
    >>> from stakemap.model import StakeMap
    >>> m = StakeMap.new("Acme", id_factory=lambda _p, n=iter(range(1, 9)): f"p{next(n)}")
    >>> boss = m.add_person(name="Bo", department="IT", stance="champion")
    >>> ann = m.add_person(name="Ann", department="IT")
    >>> _ = m.add_link(ann.id, boss.id, "reports_to")
    >>> from stakemap.drawing.layout import layout_grid, Zoom
    >>> from stakemap.drawing.routing import route_links
    >>> grid = layout_grid(m, zoom=Zoom.COMPACT)
    >>> print(rasterize(grid, route_links(grid, m.links)).text())
      ┌ IT 2 ────────┐
      │ ++ Bo        │
      │       ▲      │
      │       │      │
      │ ? Ann        │
      │              │
      │              │
      └──────────────┘
    """
    if region is None:
        region = Region(0, 0, layout.width, layout.height)
    rows = [[Cell() for _ in range(region.width)] for _ in range(region.height)]
    canvas = Canvas(region, rows)
    _frames(canvas, layout)
    _boxes(canvas, layout)
    for route in routes:
        _line(canvas, route)
    return canvas
