"""What the merge tests share: a small base map and two teammates' copies of it.

Each side has its own clock and id factory, as two laptops do: their stamps
say who changed what when, and the ids they mint never collide.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from stakemap.model import StakeMap
from stakemap.store import MapStore, map_to_tables


def clock(day: int) -> Callable[[], str]:
    """Stamps on 2026-12-``day``, one second apart."""
    ticks = itertools.count()

    def now() -> str:
        second = next(ticks)
        return f"2026-12-{day:02d}T10:{second // 60 % 60:02d}:{second % 60:02d}Z"

    return now


def ids(side: str) -> Callable[[str], str]:
    counter = itertools.count(1)
    return lambda prefix: f"{prefix}{side}{next(counter):04d}"


def copy(stakemap: StakeMap, side: str, day: int) -> StakeMap:
    """An exact copy of ``stakemap`` that edits with ``side``'s clock and ids."""
    return StakeMap.from_records(
        stakemap.account,
        stakemap.people,
        stakemap.links,
        retired=stakemap.retired,
        interactions=stakemap.interactions,
        reviews=stakemap.reviews,
        conflicts=stakemap.conflicts,
        id_factory=ids(side),
        clock=clock(day),
    )


def small_map() -> StakeMap:
    """Four people, a reporting line, an influence, two touches."""
    m = StakeMap.new("Acme", initiative="RevOps", id_factory=ids("b"), clock=clock(1))
    ann = m.add_person(name="Ann Lee", stance="champion", notes="met at expo\nlikes data")
    bob = m.add_person(name="Bob Chan", role="economic_buyer", priorities=["cost", "erp", "audit"])
    cy = m.add_person(name="Cy Diaz", department="IT")
    m.add_person(name="Dee Fox")
    m.add_link(ann.id, bob.id, "reports_to")
    m.add_link(cy.id, bob.id, "influences", 3)
    m.add_interaction(person=ann.id, date="2026-11-20", summary="intro call", kind="call")
    m.add_interaction(person=bob.id, date="2026-11-21", summary="demo", kind="demo")
    return m


def sides(base: StakeMap) -> tuple[StakeMap, StakeMap]:
    """Ours (edits on the 2nd) and theirs (edits on the 3rd)."""
    return copy(base, "o", 2), copy(base, "t", 3)


def tables(stakemap: StakeMap) -> dict[str, list[dict[str, object]]]:
    return map_to_tables(stakemap)


def write(stakemap: StakeMap, path: Path) -> Path:
    MapStore(path).create(stakemap)
    return path
