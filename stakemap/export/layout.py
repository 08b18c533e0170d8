"""A small deterministic layout: departments as columns, managers above reports.

Force-directed layouts move every time a person is added and need a heavy
dependency to look good; a deal review wants the opposite: the finance people
always in the finance column, the CFO above her controller, the same picture
for the same map. So each department becomes a column (wrapped into several
sub-columns when it is tall), ordered by the shared department order of
``StakeMap.departments()``; inside a column people are sorted by reporting
depth, then declared influence, then name, then id. People with no department
get a last column of their own.

The result is plain numbers, used by the SVG drawing and the GEXF positions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from stakemap.export.style import INFLUENCE_RADIUS
from stakemap.model import StakeMap
from stakemap.records import Stakeholder
from stakemap.vocab import Influence

__all__ = ["NO_DEPARTMENT", "Cluster", "Layout", "Placed", "layout_map"]

NO_DEPARTMENT: Final = "No department"

COLUMN_WIDTH: Final = 180.0
ROW_HEIGHT: Final = 104.0
MAX_ROWS: Final = 10
MARGIN: Final = 24.0
HEADER_HEIGHT: Final = 56.0
CLUSTER_GAP: Final = 16.0

_INFLUENCE_ORDER: Final = {Influence.HIGH: 0, Influence.MEDIUM: 1, Influence.LOW: 2}


@dataclass(frozen=True, slots=True)
class Placed:
    person: Stakeholder
    x: float
    y: float
    r: float


@dataclass(frozen=True, slots=True)
class Cluster:
    """One department's box."""

    name: str
    department: str  # "" for the no-department column
    x: float
    y: float
    width: float
    height: float
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    width: float
    height: float
    clusters: tuple[Cluster, ...]
    nodes: dict[str, Placed]


def _depths(stakemap: StakeMap) -> dict[str, int]:
    """Hops up the formal reporting line to someone who reports to nobody."""
    depth: dict[str, int] = {}
    for person in stakemap.people:
        chain = []
        current: str | None = person.id
        while current is not None and current not in depth and current not in chain:
            chain.append(current)
            current = stakemap.manager_of(current)
        base = depth.get(current, -1) if current is not None else -1
        for offset, pid in enumerate(reversed(chain), start=1):
            depth[pid] = base + offset
    return depth


def layout_map(stakemap: StakeMap, *, top: float = 0.0) -> Layout:
    """Place every stakeholder; same map, same coordinates."""
    depth = _depths(stakemap)
    groups: list[tuple[str, str, list[Stakeholder]]] = []
    by_department: dict[str, list[Stakeholder]] = {}
    for person in stakemap.people:
        by_department.setdefault(person.department, []).append(person)
    for department in stakemap.departments():
        groups.append((department, department, by_department[department]))
    if "" in by_department:
        groups.append((NO_DEPARTMENT, "", by_department[""]))

    clusters: list[Cluster] = []
    nodes: dict[str, Placed] = {}
    x = MARGIN
    tallest = 0
    for name, department, group in groups:
        members = sorted(
            group,
            key=lambda p: (
                depth.get(p.id, 0),
                _INFLUENCE_ORDER[p.influence],
                p.name.casefold(),
                p.id,
            ),
        )
        columns = max(1, math.ceil(len(members) / MAX_ROWS))
        rows = math.ceil(len(members) / columns) if members else 1
        tallest = max(tallest, rows)
        for index, person in enumerate(members):
            col, row = divmod(index, rows)
            nodes[person.id] = Placed(
                person=person,
                x=x + col * COLUMN_WIDTH + COLUMN_WIDTH / 2,
                y=top + MARGIN + HEADER_HEIGHT + row * ROW_HEIGHT + ROW_HEIGHT / 2 - 12,
                r=INFLUENCE_RADIUS[person.influence],
            )
        width = columns * COLUMN_WIDTH
        clusters.append(
            Cluster(
                name=name,
                department=department,
                x=x,
                y=top + MARGIN,
                width=width,
                height=0.0,  # set below, once the tallest column is known
                members=tuple(p.id for p in members),
            )
        )
        x += width + CLUSTER_GAP
    height = HEADER_HEIGHT + tallest * ROW_HEIGHT
    clusters = [
        Cluster(c.name, c.department, c.x, c.y, c.width, height, c.members) for c in clusters
    ]
    total_width = max(x - CLUSTER_GAP + MARGIN, 2 * MARGIN + COLUMN_WIDTH * 3)
    return Layout(
        width=total_width,
        height=top + MARGIN + height + MARGIN,
        clusters=tuple(clusters),
        nodes=nodes,
    )
