"""The links as orthogonal lines through the streets and avenues, never through a box.

``layout`` leaves rows between the boxes (streets) and columns between the
departments (avenues). Every line here is at most five straight pieces:
out of the source box's top or bottom edge into the street beside it,
along that street to an avenue, along the avenue to the street beside the
target, along that street, and into the target's edge, where the arrowhead
sits. Streets and avenues hold no box or name, so no line can cross one.

Lines that share a street or an avenue take separate lanes (the rows of a
street, the cells of an avenue) while there are lanes to spare, chosen
greedily in link order, so the picture is the same every time. A big map
routes only the links whose lines could show in the region asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from stakemap.drawing.layout import Box, GridLayout, Region
from stakemap.drawing.style import N, S
from stakemap.records import Link
from stakemap.vocab import LinkKind

__all__ = ["KIND_ORDER", "Route", "route_links"]

#: Drawing order: later kinds are drawn over earlier ones where lines cross.
KIND_ORDER: Final = {
    LinkKind.REPORTS_TO: 0,
    LinkKind.DOTTED_LINE: 1,
    LinkKind.INFLUENCES: 2,
    LinkKind.CONFLICTS: 3,
}

Point = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Route:
    """One link's line: corner points from the cell by the source to the cell by the target.

    ``start_bit``/``end_bit`` say which way the box is from the first and the
    last cell (``style.N`` or ``style.S``), for the stub and the arrowhead.
    """

    link: Link
    points: tuple[Point, ...]
    start_bit: int
    end_bit: int

    @property
    def both_ends(self) -> bool:
        """A conflict has no direction: an arrowhead at each end."""
        return self.link.kind is LinkKind.CONFLICTS

    def cells(self) -> list[Point]:
        """Every cell the line covers, in order."""
        out: list[Point] = [self.points[0]]
        for (x0, y0), (x1, y1) in zip(self.points, self.points[1:], strict=False):
            dx = (x1 > x0) - (x1 < x0)
            dy = (y1 > y0) - (y1 < y0)
            x, y = x0, y0
            while (x, y) != (x1, y1):
                x, y = x + dx, y + dy
                out.append((x, y))
        return out


@dataclass(slots=True)
class _Plan:
    """A link's route before ports and lanes are known (streets by their first row)."""

    link: Link
    source: Box
    target: Box
    out_street: int
    in_street: int
    avenue: int | None
    source_edge: str  # "top" or "bottom"
    target_edge: str
    sx: int = 0
    tx: int = 0


def _plan(layout: GridLayout, link: Link, s: Box, t: Box) -> _Plan:
    going_up = t.y < s.y
    out_street = layout.street_above(s) if going_up else layout.street_below(s)
    from_below = out_street > t.y
    in_street = layout.street_below(t) if from_below else layout.street_above(t)
    avenue: int | None = None
    if out_street != in_street:
        s_slot, t_slot = layout.columns[s.col].slot, layout.columns[t.col].slot
        if t_slot > s_slot:
            avenue = s_slot + 1
        elif t_slot < s_slot:
            avenue = s_slot
        else:  # one above the other: reporting lines on the left, the rest on the right
            kind = link.kind
            avenue = s_slot if kind in (LinkKind.REPORTS_TO, LinkKind.DOTTED_LINE) else s_slot + 1
    return _Plan(
        link,
        s,
        t,
        out_street,
        in_street,
        avenue,
        "top" if going_up else "bottom",
        "bottom" if from_below else "top",
    )


def _bbox(layout: GridLayout, s: Box, t: Box) -> tuple[int, int, int, int]:
    """Cells any route between ``s`` and ``t`` could touch (for a region's test)."""
    g = layout.geometry
    x0 = min(s.x, t.x) - 2 - g.avenue_w
    x1 = max(s.x + s.w, t.x + t.w) + 2 + g.avenue_w
    y0 = min(s.y, t.y) - g.street_h
    y1 = max(s.y + s.h, t.y + t.h) + g.street_h
    return x0, y0, x1, y1


def _box_in(region: Region, box: Box) -> bool:
    return region.overlaps(box.x, box.y, box.x + box.w - 1, box.y + box.h - 1)


def _ports(layout: GridLayout, plans: list[_Plan]) -> None:
    """Spread the line ends along each box edge, in link order."""
    ends: dict[tuple[str, str], list[tuple[_Plan, bool]]] = {}
    for plan in plans:
        ends.setdefault((plan.source.pid, plan.source_edge), []).append((plan, True))
        ends.setdefault((plan.target.pid, plan.target_edge), []).append((plan, False))
    boxed = layout.geometry.boxed
    for (pid, _edge), users in ends.items():
        box = layout.boxes[pid]
        lo = box.x + 1 if boxed else box.x
        span = box.w - 2 if boxed else box.w
        # Lines toward the left take the left ports, so fewer of them cross.
        users.sort(key=lambda u: (_far_x(layout, u[0], u[1]), u[0].link.id))
        count = len(users)
        for i, (plan, is_source) in enumerate(users):
            x = lo + (span * (2 * i + 1)) // (2 * count) if count <= span else lo + i % span
            if is_source:
                plan.sx = x
            else:
                plan.tx = x


def _far_x(layout: GridLayout, plan: _Plan, is_source: bool) -> int:
    """Where the line goes after leaving this end: the avenue, or the other box."""
    if plan.avenue is not None:
        return layout.avenue_x(plan.avenue)
    other = plan.target if is_source else plan.source
    return other.x + other.w // 2


def _assign(items: list[tuple[int, int, int, int]], capacity: int) -> dict[int, int]:
    """Greedy lanes: ``(channel, lo, hi, key)`` -> lane per key; overlaps share when full."""
    lanes: dict[int, list[int]] = {}
    out: dict[int, int] = {}
    for channel, lo, hi, key in sorted(items):
        ends = lanes.setdefault(channel, [])
        for lane, last in enumerate(ends):
            if last < lo - 1:
                ends[lane] = hi
                out[key] = lane
                break
        else:
            if len(ends) < capacity:
                ends.append(hi)
                out[key] = len(ends) - 1
            else:
                lane = min(range(len(ends)), key=lambda i: (ends[i], i))
                ends[lane] = max(ends[lane], hi)
                out[key] = lane
    return out


def route_links(
    layout: GridLayout,
    links: Iterable[Link],
    *,
    region: Region | None = None,
    ends_only: bool = False,
) -> list[Route]:
    """The lines of ``links`` (those with both ends on the grid), drawing order first.

    Parameters
    ----------
    layout
        Where the boxes are (``layout_grid``).
    links
        The links to draw, usually ``stakemap.links``.
    region
        Only route the links whose line could pass through it.
    ends_only
        With ``region``: only the links with a person in it. On a
        50,000-link map thousands of long lines pass any screen, and a line
        whose two ends are both off screen says nothing anyway.

    Returns
    -------
    list of Route
        Reporting lines first, conflicts last (the order they are drawn in).

    Examples
    --------
    >>> from stakemap.drawing.layout import layout_grid
    >>> from stakemap.model import StakeMap
    >>> m = StakeMap.new("Acme", id_factory=lambda _p, n=iter(range(1, 9)): f"p{next(n)}")
    >>> boss = m.add_person(name="Bo", department="IT")
    >>> ann = m.add_person(name="Ann", department="IT")
    >>> _ = m.add_link(ann.id, boss.id, "reports_to")
    >>> (route,) = route_links(layout_grid(m), m.links)
    >>> route.points  # from above Ann's box, up the street, to below Bo's
    ((14, 6), (14, 4))
    """
    g = layout.geometry
    boxes = layout.boxes
    plans: list[_Plan] = []
    for link in links:
        s, t = boxes.get(link.source), boxes.get(link.target)
        if s is None or t is None or s is t:
            continue
        if region is not None:
            if ends_only:
                if not (_box_in(region, s) or _box_in(region, t)):
                    continue
            elif not region.overlaps(*_bbox(layout, s, t)):
                continue
        plans.append(_plan(layout, link, s, t))
    plans.sort(key=lambda p: KIND_ORDER[p.link.kind])
    _ports(layout, plans)
    street_items: list[tuple[int, int, int, int]] = []
    avenue_items: list[tuple[int, int, int, int]] = []
    for key, plan in enumerate(plans):
        if plan.avenue is None:
            lo, hi = sorted((plan.sx, plan.tx))
            street_items.append((plan.out_street, lo, hi, 2 * key))
            continue
        ax = layout.avenue_x(plan.avenue)
        lo, hi = sorted((plan.sx, ax))
        street_items.append((plan.out_street, lo, hi, 2 * key))
        lo, hi = sorted((plan.tx, ax))
        street_items.append((plan.in_street, lo, hi, 2 * key + 1))
        lo, hi = sorted((plan.out_street, plan.in_street))
        avenue_items.append((plan.avenue, lo, hi, key))
    street_lane = _assign(street_items, g.street_h)
    avenue_lane = _assign(avenue_items, g.avenue_w)
    routes: list[Route] = []
    for key, plan in enumerate(plans):
        routes.append(_route(layout, plan, street_lane, avenue_lane, key))
    return routes


def _edge_cell_y(layout: GridLayout, box: Box, edge: str) -> int:
    """The street cell right beside ``box``'s top or bottom edge."""
    return box.y - 1 if edge == "top" else box.y + box.h


def _route(
    layout: GridLayout,
    plan: _Plan,
    street_lane: dict[int, int],
    avenue_lane: dict[int, int],
    key: int,
) -> Route:
    out_y = plan.out_street + street_lane[2 * key]
    start = (plan.sx, _edge_cell_y(layout, plan.source, plan.source_edge))
    end = (plan.tx, _edge_cell_y(layout, plan.target, plan.target_edge))
    points: list[Point] = [start, (plan.sx, out_y)]
    if plan.avenue is None:
        points.append((plan.tx, out_y))
    else:
        ax = layout.avenue_x(plan.avenue) + avenue_lane[key]
        in_y = plan.in_street + street_lane[2 * key + 1]
        points += [(ax, out_y), (ax, in_y), (plan.tx, in_y)]
    points.append(end)
    deduped: list[Point] = []
    for point in points:
        if not deduped or deduped[-1] != point:
            deduped.append(point)
    return Route(
        plan.link,
        tuple(deduped),
        S if plan.source_edge == "top" else N,
        S if plan.target_edge == "top" else N,
    )
