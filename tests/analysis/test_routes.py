"""The route engine: stance-weighted, conflict-free, and the one the app draws.

``analysis.routes`` is the only path search the findings and the influence
view use; the last tests pin the view's path to the analysis route on every
person of every sample map.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stakemap.analysis import AnalysisConfig
from stakemap.analysis.context import Context
from stakemap.analysis.routes import Router, route_to
from stakemap.store import MapStore
from stakemap.tui.viewmodel import champion_path

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_maps").glob("*.json"))


def person(name, stance, **fields):
    return {"name": name, "stance": stance, **fields}


def ids(route):
    return [route.hops[0].source, *(h.target for h in route.hops)]


def by_name(stakemap, route):
    return [stakemap.person(pid).name for pid in ids(route)]


def test_a_supporter_relays_more_cheaply_than_a_neutral_person(build):
    # via Nina: links 2 + 2, plus 3 for relaying through a neutral person = 7;
    # via Sue: links 2 + 3, a supporter relays for free = 5.
    stakemap = build(
        [
            person("Cham", "champion"),
            person("Nina", "neutral"),
            person("Sue", "supporter"),
            person("Tom", "neutral"),
        ],
        [
            ("Cham", "Nina", "influences", 3),
            ("Nina", "Tom", "influences", 3),
            ("Cham", "Sue", "influences", 3),
            ("Sue", "Tom", "influences", 2),
        ],
    )
    route = route_to(stakemap, stakemap.resolve("Tom").id)
    # the old search (links only) took Nina: 2 + 2 < 2 + 3
    assert by_name(stakemap, route) == ["Cham", "Sue", "Tom"]
    assert route.from_champion and route.cost == 2 + 3
    assert route.relays == (stakemap.resolve("Sue").id,)


def test_a_route_never_hops_between_rivals(build):
    stakemap = build(
        [person("Cham", "champion"), person("Rita", "neutral"), person("Sue", "supporter")],
        [
            ("Cham", "Rita", "influences", 3),
            ("Cham", "Sue", "influences", 1),
            ("Sue", "Rita", "influences", 1),
            ("Rita", "Cham", "conflicts"),
        ],
    )
    route = route_to(stakemap, stakemap.resolve("Rita").id)
    assert by_name(stakemap, route) == ["Cham", "Sue", "Rita"]
    router = Router(stakemap)
    assert router.in_conflict(stakemap.resolve("Cham").id, stakemap.resolve("Rita").id)


def test_skeptics_never_relay_unless_asked_what_if(build):
    stakemap = build(
        [person("Cham", "champion"), person("Sid", "skeptic"), person("Eve", "neutral")],
        [("Cham", "Sid", "influences", 3), ("Sid", "Eve", "influences", 3)],
    )
    eve = stakemap.resolve("Eve").id
    router = Router(stakemap)
    assert router.route_to(eve) is None
    what_if = router.route_to(eve, through_opposition=True)
    assert by_name(stakemap, what_if) == ["Cham", "Sid", "Eve"]


def test_a_supportive_person_is_reached_from_the_others(build):
    stakemap = build(
        [person("Cham", "champion"), person("Sue", "supporter")],
        [("Cham", "Sue", "influences", 2)],
    )
    route = route_to(stakemap, stakemap.resolve("Sue").id)
    assert by_name(stakemap, route) == ["Cham", "Sue"]
    # the view used to say a supportive person needs no path ([])
    view = champion_path(stakemap, stakemap.resolve("Sue").id)
    assert [(s.source, s.target) for s in view] == [(h.source, h.target) for h in route.hops]


def _hand_made(build):
    yield build(
        [person("Sue", "supporter"), person("Sal", "supporter"), person("Nia", "neutral")],
        [("Sue", "Sal", "influences", 3), ("Sal", "Nia", "influences", 1)],
    )
    yield build(
        [
            person("Cham", "champion"),
            person("Boss", "opponent"),
            person("Pete", "unknown"),
            person("Sue", "supporter"),
            person("Eve", "skeptic", role="economic_buyer"),
        ],
        [
            ("Cham", "Boss", "reports_to"),
            ("Boss", "Eve", "influences", 3),
            ("Cham", "Pete", "dotted_line"),
            ("Pete", "Eve", "influences", 1),
            ("Sue", "Eve", "influences", 2),
            ("Sue", "Cham", "conflicts"),
        ],
    )


def _pairs(stakemap):
    ctx = Context(stakemap, today=date(2026, 11, 30), config=AnalysisConfig())
    for p in stakemap.people:
        reach = ctx.reach(p.id)
        view = champion_path(stakemap, p.id)
        yield (
            p.name,
            (None if reach is None else ids(reach)),
            (None if view is None else [view[0].source, *(s.target for s in view)]),
        )


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_the_view_and_the_findings_agree_on_every_sample_person(sample):
    stakemap = MapStore(sample).load()
    for name, analysis, view in _pairs(stakemap):
        assert view == analysis, name


def test_the_view_and_the_findings_agree_on_hand_made_maps(build):
    for stakemap in _hand_made(build):
        rows = list(_pairs(stakemap))
        assert any(analysis for _, analysis, _ in rows)
        for name, analysis, view in rows:
            assert view == analysis, name
