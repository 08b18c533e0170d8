"""The three maps every drawing test uses: a tree, a matrix with dotted lines, a dense web.

Ids and timestamps are fixed, so a layout or a screenshot of them only
changes when the drawing does. Shared by tests/drawing and the app's
network view tests.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from stakemap.model import StakeMap


def _ids() -> Callable[[str], str]:
    numbers = itertools.count(1)
    return lambda prefix: f"{prefix}{next(numbers):08d}"


def _new(account: str) -> StakeMap:
    return StakeMap.new(
        account,
        initiative="RevOps platform",
        id_factory=_ids(),
        clock=lambda: "2026-11-30T09:00:00Z",
    )


def tree_map() -> StakeMap:
    """A CEO, three department heads and their reports: reporting lines only."""
    m = _new("Tree Holdings")
    add = m.add_person
    ceo = add(
        name="Carla Oyelaran",
        title="CEO",
        department="Executive",
        stance="neutral",
        influence="high",
        veto=True,
    )
    cfo = add(
        name="Felix Brandt",
        title="CFO",
        department="Finance",
        stance="skeptic",
        influence="high",
        veto=True,
    )
    ctl = add(name="Ana Ferreira", title="Controller", department="Finance", stance="supporter")
    ap = add(name="Bo Lindqvist", title="AP lead", department="Finance")
    cio = add(name="Graham Pryce", title="CIO", department="IT", stance="opponent")
    ops = add(name="Ines Duarte", title="IT Ops", department="IT", stance="skeptic")
    cmo = add(
        name="Zoë Castellanos",
        title="CMO",
        department="Marketing",
        stance="champion",
        influence="high",
    )
    mgr = add(name="Kenji Watanabe", title="Demand gen", department="Marketing", stance="supporter")
    for report, boss in [
        (cfo, ceo),
        (cio, ceo),
        (cmo, ceo),
        (ctl, cfo),
        (ap, cfo),
        (ops, cio),
        (mgr, cmo),
    ]:
        m.add_link(report.id, boss.id, "reports_to")
    return m


def matrix_map() -> StakeMap:
    """Two departments whose people also answer to a programme lead by dotted lines."""
    m = _new("Matrix Corp")
    add = m.add_person
    pmo = add(
        name="Priya Natarajan",
        title="Programme lead",
        department="PMO",
        stance="champion",
        influence="high",
    )
    it_head = add(name="Graham Pryce", title="CIO", department="IT", stance="neutral")
    dev = add(name="Dev Malhotra", title="Architect", department="IT", stance="supporter")
    sec = add(name="Sara Kim", title="Security", department="IT", stance="skeptic", veto=True)
    fin_head = add(
        name="Henrik Aalto",
        title="CFO",
        department="Finance",
        stance="skeptic",
        veto=True,
        influence="high",
    )
    fpa = add(name="Marta Nowak", title="FP&A", department="Finance", stance="unknown")
    ops = add(name="Olu Adeyemi", title="Ops", department="Operations", stance="neutral")
    for report, boss in [(dev, it_head), (sec, it_head), (fpa, fin_head)]:
        m.add_link(report.id, boss.id, "reports_to")
    for person in (dev, sec, fpa, ops):
        m.add_link(person.id, pmo.id, "dotted_line")
    m.add_link(pmo.id, it_head.id, "influences", 2)
    return m


def dense_web_map() -> StakeMap:
    """Twelve people across four departments, influence everywhere and two feuds."""
    m = _new("Dense Web Ltd")
    add = m.add_person
    depts = ["Finance", "IT", "Marketing", "Sales"]
    stances = ["champion", "supporter", "neutral", "skeptic", "opponent", "unknown"]
    people = [
        add(
            name=name,
            department=depts[i % 4],
            stance=stances[i % 6],
            influence=["low", "medium", "high"][i % 3],
            veto=i % 5 == 0,
        )
        for i, name in enumerate(
            [
                "Ada",
                "Bram",
                "Cleo",
                "Dara",
                "Emil",
                "Fay",
                "Gus",
                "Hana",
                "Ivo",
                "Jun",
                "Kai",
                "Lea",
            ]
        )
    ]
    for i, a in enumerate(people):
        for step in (1, 3, 5):
            b = people[(i + step) % len(people)]
            m.add_link(a.id, b.id, "influences", 1 + (i + step) % 3)
    m.add_link(people[0].id, people[6].id, "conflicts")
    m.add_link(people[3].id, people[9].id, "conflicts")
    m.add_link(people[5].id, people[1].id, "reports_to")
    return m


CASES: dict[str, Callable[[], StakeMap]] = {
    "tree": tree_map,
    "matrix": matrix_map,
    "dense": dense_web_map,
}
