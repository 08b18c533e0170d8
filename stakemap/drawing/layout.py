"""Where each person goes on a character grid: departments as framed columns, managers above.

A deal review wants the same picture every time: the finance people in the
finance column, the CFO above her controller, and a new person slotted in
without the rest of the map jumping about. So the layout is a fixed
recipe, not a physics simulation:

* each department is a column, in the order of ``StakeMap.departments()``
  (case-insensitive name), people with no department last; every column has
  the same width at a zoom level, so a column's place depends only on how many
  departments sort before it;
* inside a column people follow their reporting tree depth first (a manager
  above everyone who reports to them; colleagues by name, then id), so adding
  someone moves only the people below them in their own department;
* rows line up across columns, leaving *streets* (rows between boxes) and
  *avenues* (columns between departments) where ``routing`` runs the lines,
  so no line ever needs to cross a box.

The SVG export draws from this same layout (cards where the boxes are).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum
from typing import Final, NamedTuple

from stakemap.drawing.style import STANCE_GLYPH, VETO_MARK
from stakemap.model import StakeMap
from stakemap.records import Stakeholder
from stakemap.text import terminal_text
from stakemap.vocab import Stance

__all__ = [
    "GEOMETRY",
    "NO_DEPARTMENT",
    "Box",
    "Column",
    "Geometry",
    "GridLayout",
    "Region",
    "Zoom",
    "cells_of",
    "column_order",
    "columns_per_band",
    "fit_text",
    "fit_zoom",
    "grid_text",
    "layout_grid",
    "layout_size",
]

NO_DEPARTMENT: Final = "No department"


class Zoom(IntEnum):
    """How much of each person is drawn: a dot, a one-line label, or a framed box."""

    DOTS = 0
    COMPACT = 1
    FULL = 2


@dataclass(frozen=True, slots=True)
class Geometry:
    """Cell sizes at one zoom level (``boxed``: a border around each person)."""

    box_w: int
    box_h: int
    street_h: int
    avenue_w: int
    boxed: bool

    @property
    def column_w(self) -> int:
        """A department column: its frame, a space, the boxes, a space, the frame."""
        return self.box_w + 4

    @property
    def pitch(self) -> int:
        return self.box_h + self.street_h


GEOMETRY: Final[dict[Zoom, Geometry]] = {
    Zoom.FULL: Geometry(box_w=18, box_h=3, street_h=3, avenue_w=3, boxed=True),
    Zoom.COMPACT: Geometry(box_w=12, box_h=1, street_h=2, avenue_w=2, boxed=False),
    Zoom.DOTS: Geometry(box_w=1, box_h=1, street_h=1, avenue_w=1, boxed=False),
}


class Region(NamedTuple):
    """A rectangle of cells: left, top, width, height."""

    x: int
    y: int
    width: int
    height: int

    def contains(self, x: int, y: int) -> bool:
        return self.x <= x < self.x + self.width and self.y <= y < self.y + self.height

    def overlaps(self, x0: int, y0: int, x1: int, y1: int) -> bool:
        """True if the inclusive box ``x0..x1`` by ``y0..y1`` meets this region."""
        return (
            x0 < self.x + self.width and x1 >= self.x and y0 < self.y + self.height and y1 >= self.y
        )


@dataclass(frozen=True, slots=True)
class Box:
    """One person's place: ``index``-th in the column ``col``, on grid row ``row``."""

    pid: str
    col: int
    row: int
    index: int
    x: int
    y: int
    w: int
    h: int
    text: str
    stance: Stance
    veto: bool
    depth: int

    @property
    def centre(self) -> tuple[int, int]:
        return self.x + self.w // 2, self.y + self.h // 2


@dataclass(frozen=True, slots=True)
class Column:
    """One department's framed column (``department`` "" for the no-department one).

    A narrow window wraps the columns into bands, one under the other:
    ``slot`` is the column's place across its ``band``; ``y`` its frame's top.
    """

    index: int
    name: str
    department: str
    x: int
    y: int
    width: int
    height: int
    members: tuple[str, ...]
    band: int = 0
    slot: int = 0


@dataclass(frozen=True, slots=True)
class GridLayout:
    """Every box and column at one zoom level, in cells.

    ``row_y[r]`` is the top of grid row ``r`` and ``above[r]`` the first row
    of the street above it (-1: none, the first row of the first band).
    """

    zoom: Zoom
    geometry: Geometry
    width: int
    height: int
    columns: tuple[Column, ...]
    boxes: dict[str, Box]
    row_y: tuple[int, ...] = ()
    above: tuple[int, ...] = ()

    def street_above(self, box: Box) -> int:
        """The first row of the street above ``box`` (-1 if there is none)."""
        return self.above[box.row]

    def street_below(self, box: Box) -> int:
        """The first row of the street below ``box``."""
        return box.y + box.h

    def avenue_x(self, avenue: int) -> int:
        """The first cell of avenue ``avenue`` (avenue ``k`` runs left of slot ``k``)."""
        g = self.geometry
        return avenue * (g.column_w + g.avenue_w)

    def _first_y(self, column: Column) -> int:
        g = self.geometry
        return column.y + 1 + (g.street_h if column.band else 0)

    def box_at(self, x: int, y: int) -> str | None:
        """The person drawn at cell ``(x, y)``, if any (a click)."""
        g = self.geometry
        for column in self.columns:
            if not column.x + 2 <= x < column.x + 2 + g.box_w:
                continue
            if not column.y <= y < column.y + column.height:
                continue
            index, inner = divmod(y - self._first_y(column), g.pitch)
            if 0 <= index < len(column.members) and inner < g.box_h:
                return column.members[index]
        return None

    def nearest(self, pid: str, dx: int, dy: int) -> str | None:
        """The closest person from ``pid`` in the direction ``(dx, dy)`` (one of them 0).

        Up and down stay in the column; left and right go to the next column
        that has someone, at the nearest row.
        """
        box = self.boxes[pid]
        if dy:
            members = self.columns[box.col].members
            index = box.index + dy
            return members[index] if 0 <= index < len(members) else None
        col = box.col + dx
        while 0 <= col < len(self.columns):
            members = self.columns[col].members
            if members:
                return members[min(box.index, len(members) - 1)]
            col += dx
        return None

    def people_in(self, region: Region) -> list[str]:
        """Everyone whose box meets ``region``, without looking at anyone else."""
        g = self.geometry
        out: list[str] = []
        for column in self.columns:
            if not region.overlaps(
                column.x, column.y, column.x + column.width - 1, column.y + column.height - 1
            ):
                continue
            first = self._first_y(column)
            top = max(0, (region.y - first) // g.pitch)
            bottom = (region.y + region.height - first) // g.pitch
            out.extend(column.members[top : bottom + 1])
        return out

    def in_order(self) -> Iterator[str]:
        """Everyone column by column, top to bottom (the Tab order)."""
        for column in self.columns:
            yield from column.members


def _depth_first(
    people: list[Stakeholder], manager: dict[str, str | None]
) -> list[tuple[str, int]]:
    """One department's people as their reporting tree reads, with each one's depth."""
    here = {p.id for p in people}
    key = {p.id: (p.name.casefold(), p.id) for p in people}
    reports: dict[str, list[str]] = {}
    roots: list[str] = []
    for p in people:
        boss = manager.get(p.id)
        if boss is not None and boss in here:
            reports.setdefault(boss, []).append(p.id)
        else:
            roots.append(p.id)
    out: list[tuple[str, int]] = []
    stack = [(pid, 0) for pid in sorted(roots, key=key.__getitem__, reverse=True)]
    seen: set[str] = set()
    while stack:
        pid, depth = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        out.append((pid, depth))
        for child in sorted(reports.get(pid, ()), key=key.__getitem__, reverse=True):
            stack.append((child, depth + 1))
    return out


def column_order(stakemap: StakeMap) -> list[tuple[str, str, list[tuple[str, int]]]]:
    """``(title, department, [(id, depth)…])`` per column, in drawing order.

    >>> m = StakeMap.new("Acme", id_factory=lambda _p, n=iter(range(1, 9)): f"p{next(n)}")
    >>> boss = m.add_person(name="Bo", department="IT")
    >>> ann = m.add_person(name="Ann", department="IT")
    >>> _ = m.add_person(name="Cy", department="HR")
    >>> _ = m.add_link(ann.id, boss.id, "reports_to")
    >>> [(title, [p for p, _ in people]) for title, _, people in column_order(m)]
    [('HR', ['p3']), ('IT', ['p1', 'p2'])]
    """
    people = stakemap.people
    manager = {p.id: stakemap.manager_of(p.id) for p in people}
    by_department: dict[str, list[Stakeholder]] = {}
    for person in people:
        by_department.setdefault(person.department, []).append(person)
    out = [(d, d, _depth_first(by_department[d], manager)) for d in stakemap.departments()]
    if "" in by_department:
        out.append((NO_DEPARTMENT, "", _depth_first(by_department[""], manager)))
    return out


def cells_of(text: str) -> list[str]:
    """``text`` split into terminal cells: a wide character takes two (the second ``""``).

    Combining marks stay with the character before them, so a cell is one
    thing a terminal draws.

    >>> cells_of("Zoë 李")
    ['Z', 'o', 'ë', ' ', '李', '']
    """
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if unicodedata.combining(char) and out:
            out[-1 - (out[-1] == "")] += char
            continue
        out.append(char)
        if unicodedata.east_asian_width(char) in ("W", "F"):
            out.append("")
    return out


#: Characters that join or restyle the one before (zero-width joiner, emoji
#: variation selectors and skin tones): terminals disagree on their width, so
#: a name on the grid goes without them and every cell stays where it was put.
_JOINERS: Final = frozenset(
    ["\u200d", "\ufe0e", "\ufe0f", *(chr(c) for c in range(0x1F3FB, 0x1F400))]
)


def grid_text(text: str) -> str:
    """A user value as the grid shows it: controls escaped, joiners left out.

    >>> print(grid_text("Zoë\\x1b 👍🏽"))
    Zoë\\x1b 👍
    """
    return "".join(c for c in terminal_text(text) if c not in _JOINERS)


def fit_text(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, an ellipsis where it was cut."""
    cells = cells_of(text)
    if len(cells) <= width:
        return text
    end = max(0, width - 1)
    if 0 < end < len(cells) and cells[end] == "":  # never half a wide character
        end -= 1
    kept = cells[:end]
    return "".join(kept) + "…"


def _label(person: Stakeholder, zoom: Zoom, width: int) -> str:
    """What a box says: the stance glyph, the name, the veto mark."""
    if zoom is Zoom.DOTS:
        return "◉" if person.veto else "●"
    # Boxes line the names up; a one-line label gives the name every cell it can.
    glyph = STANCE_GLYPH[person.stance]
    glyph = glyph.ljust(2) if zoom is Zoom.FULL else glyph
    name = grid_text(person.name)
    room = width - len(glyph) - 1 - (1 if person.veto else 0)
    return f"{glyph} {fit_text(name, room)}" + (VETO_MARK if person.veto else "")


def layout_grid(
    stakemap: StakeMap, *, zoom: Zoom = Zoom.FULL, width: int | None = None
) -> GridLayout:
    """Place every stakeholder on the grid; the same map gives the same picture.

    Parameters
    ----------
    stakemap
        The map to draw.
    zoom
        How much of each person shows: ``FULL`` framed boxes, ``COMPACT``
        one-line labels, ``DOTS`` one cell each.
    width
        Wrap the department columns into bands, one under the other, so
        that they fit this many cells across (a narrow window). None: one
        band, however wide (the SVG). Wrapped, a band moves down when one
        above it grows; unwrapped, only the people below a newcomer move.

    Returns
    -------
    GridLayout
        Every box and department column, in character cells.

    Examples
    --------
    >>> m = StakeMap.new("Acme", id_factory=lambda _p, n=iter(range(1, 9)): f"p{next(n)}")
    >>> boss = m.add_person(name="Bo", department="IT", stance="champion")
    >>> ann = m.add_person(name="Ann", department="IT", veto=True)
    >>> _ = m.add_link(ann.id, boss.id, "reports_to")
    >>> grid = layout_grid(m)
    >>> grid.boxes["p1"].y < grid.boxes["p2"].y, grid.boxes["p2"].text
    (True, '?  Ann◎')
    """
    g = GEOMETRY[zoom]
    inner = g.box_w - 2 if g.boxed else g.box_w
    order = column_order(stakemap)
    across = columns_per_band(len(order), g, width)
    columns: list[Column] = []
    boxes: dict[str, Box] = {}
    row_y: list[int] = []
    above: list[int] = []
    band_y = 0
    for band, start in enumerate(range(0, len(order), across)):
        chunk = order[start : start + across]
        first_y = band_y + 1 + (g.street_h if band else 0)
        rows = max(len(members) for _, _, members in chunk)
        base = len(row_y)
        for i in range(rows):
            row_y.append(first_y + i * g.pitch)
            above.append(-1 if i == 0 and not band else first_y + i * g.pitch - g.street_h)
        bottom = first_y + rows * g.pitch  # the frame of the band's tallest column
        for slot, (title, department, members) in enumerate(chunk):
            index = start + slot
            x = g.avenue_w + slot * (g.column_w + g.avenue_w)
            for i, (pid, depth) in enumerate(members):
                person = stakemap.person(pid)
                boxes[pid] = Box(
                    pid=pid,
                    col=index,
                    row=base + i,
                    index=i,
                    x=x + 2,
                    y=first_y + i * g.pitch,
                    w=g.box_w,
                    h=g.box_h,
                    text=_label(person, zoom, inner),
                    stance=person.stance,
                    veto=person.veto,
                    depth=depth,
                )
            height = first_y + len(members) * g.pitch + 1 - band_y
            columns.append(
                Column(
                    index,
                    title,
                    department,
                    x,
                    band_y,
                    g.column_w,
                    height,
                    tuple(p for p, _ in members),
                    band,
                    slot,
                )
            )
        band_y = bottom + 2  # one blank row between bands
    height = band_y - 1 if columns else 0
    slots = min(across, len(order))
    width_cells = g.avenue_w + slots * (g.column_w + g.avenue_w) if columns else 0
    return GridLayout(
        zoom, g, width_cells, height, tuple(columns), boxes, tuple(row_y), tuple(above)
    )


def columns_per_band(columns: int, g: Geometry, width: int | None) -> int:
    """How many department columns fit across ``width`` cells (all of them: no width)."""
    if width is None:
        return max(1, columns)
    return max(1, (width - g.avenue_w) // (g.column_w + g.avenue_w))


def layout_size(sizes: list[int], zoom: Zoom, width: int | None) -> tuple[int, int]:
    """The layout's width and height from the column sizes alone (``layout_grid``'s sums)."""
    g = GEOMETRY[zoom]
    if not sizes:
        return 0, 0
    across = columns_per_band(len(sizes), g, width)
    height = -1
    for band, start in enumerate(range(0, len(sizes), across)):
        rows = max(sizes[start : start + across])
        height += 1 + 1 + (g.street_h if band else 0) + rows * g.pitch + 1
    slots = min(across, len(sizes))
    return g.avenue_w + slots * (g.column_w + g.avenue_w), height


def fit_zoom(stakemap: StakeMap, width: int, height: int, *, wrap: bool = False) -> Zoom:
    """The most detailed zoom at which the whole map fits ``width`` by ``height`` cells,
    else the most detailed one that fits the width, else dots. ``wrap``: columns
    may wrap into bands (``layout_grid``'s ``width``)."""
    sizes = column_order_sizes(stakemap)
    by_width: Zoom | None = None
    for zoom in (Zoom.FULL, Zoom.COMPACT, Zoom.DOTS):
        w, h = layout_size(sizes, zoom, width if wrap else None)
        if w <= width and h <= height:
            return zoom
        if w <= width and by_width is None:
            by_width = zoom
    return by_width if by_width is not None else Zoom.DOTS


def column_order_sizes(stakemap: StakeMap) -> list[int]:
    """How many people each column holds (``column_order`` without the tree walk)."""
    sizes: dict[str, int] = {}
    for person in stakemap.people:
        sizes[person.department] = sizes.get(person.department, 0) + 1
    return [sizes[d] for d in stakemap.departments()] + ([sizes[""]] if "" in sizes else [])
