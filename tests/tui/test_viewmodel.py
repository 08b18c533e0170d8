"""The views' content, computed headless: filters, sorts, quadrants, org forest, paths."""

from __future__ import annotations

import pytest

from stakemap.tui.viewmodel import (
    GroupRow,
    Quadrant,
    build_rows,
    champion_path,
    influence_neighbours,
    org_forest,
    power_grid,
    quadrant_of,
)
from stakemap.vocab import LinkKind

from .conftest import build_deal


@pytest.fixture
def deal(make_map):
    return build_deal(make_map())


def _names(rows):
    return [row.name for row in rows if not isinstance(row, GroupRow)]


def test_filter_matches_every_word_in_any_field(deal):
    assert _names(build_rows(deal.people, query="finance")) == ["Ana Ferreira", "Henrik Aalto"]
    assert _names(build_rows(deal.people, query="FINANCE veto")) == ["Henrik Aalto"]
    assert _names(build_rows(deal.people, query="crm project")) == ["Henrik Aalto"]  # notes
    assert _names(build_rows(deal.people, query="economic buyer")) == ["Henrik Aalto"]
    assert _names(build_rows(deal.people, query="nobody-has-this")) == []


def test_filter_cache_is_used_and_stays_correct(deal):
    cache: dict[str, str] = {}
    build_rows(deal.people, query="it", haystacks=cache)
    assert len(cache) == len(deal)
    assert _names(build_rows(deal.people, query="cio", haystacks=cache)) == ["Graham Pryce"]


def test_sort_orders_ordinal_columns_by_scale_not_alphabet(deal):
    by_stance = _names(build_rows(deal.people, sort="stance"))
    # unknown first, then opponent < skeptic(s) < supporter < champion
    assert by_stance == [
        "Fiona MacLeod",
        "Graham Pryce",
        "Agnieszka Wójcik",
        "Henrik Aalto",
        "Ana Ferreira",
        "Zoë Castellanos",
    ]
    reverse = _names(build_rows(deal.people, sort="stance", reverse=True))
    assert reverse[0] == "Zoë Castellanos"
    coverage = _names(build_rows(deal.people, sort="coverage", reverse=True))
    assert coverage[0] == "Zoë Castellanos"  # in depth


def test_grouping_puts_people_under_departments(deal):
    deal.add_person(name="Nobody Knows")
    rows = build_rows(deal.people, grouped=True)
    groups = [(row.department, row.count) for row in rows if isinstance(row, GroupRow)]
    assert groups == [("Finance", 2), ("HR", 1), ("IT", 2), ("Marketing", 1), ("", 1)]
    assert rows[-1].name == "Nobody Knows"


def test_quadrants(deal):
    by_name = {p.name: quadrant_of(p) for p in deal.people}
    assert by_name == {
        "Zoë Castellanos": Quadrant.KEEP_CLOSE,
        "Henrik Aalto": Quadrant.WIN_OVER,  # veto, skeptic
        "Graham Pryce": Quadrant.WIN_OVER,
        "Ana Ferreira": Quadrant.USE,
        "Agnieszka Wójcik": Quadrant.WATCH,
        "Fiona MacLeod": Quadrant.UNKNOWN,
    }
    grid = power_grid(deal.people)
    assert [p.name for p in grid[Quadrant.WIN_OVER]] == ["Henrik Aalto", "Graham Pryce"]


def test_org_forest_roots_reports_and_dotted_lines(deal):
    forest = org_forest(deal)
    name = {p.id: p.name for p in deal.people}
    assert [name[r] for r in forest.roots] == [
        "Fiona MacLeod",
        "Graham Pryce",
        "Henrik Aalto",
        "Zoë Castellanos",
    ]
    henrik = deal.resolve("Henrik Aalto").id
    assert [name[r] for r in forest.reports[henrik]] == ["Ana Ferreira"]
    assert [name[m] for m in forest.dotted[henrik]] == ["Zoë Castellanos"]


def test_influence_neighbours_are_split_by_direction(deal):
    henrik = deal.resolve("Henrik Aalto").id
    around = influence_neighbours(deal, henrik)
    assert [n.person.name for n in around.influenced_by] == ["Ana Ferreira"]
    assert around.influences == ()
    assert [n.person.name for n in around.reports] == ["Ana Ferreira"]
    graham = deal.resolve("Graham Pryce").id
    around = influence_neighbours(deal, graham)
    assert [n.person.name for n in around.conflicts] == ["Zoë Castellanos"]
    assert [(n.person.name, n.link.strength) for n in around.influences] == [
        ("Agnieszka Wójcik", 3)
    ]


def test_champion_path(deal):
    henrik = deal.resolve("Henrik Aalto").id
    path = champion_path(deal, henrik)
    names = [deal.person(step.source).name for step in path] + [deal.person(path[-1].target).name]
    assert names[0] == "Zoë Castellanos" and names[-1] == "Henrik Aalto"
    # Zoë is a champion: like the findings, the view looks for a route from the
    # *other* supportive people (it used to answer [] and contradict them); none reaches her.
    assert champion_path(deal, deal.resolve("Zoë Castellanos").id) is None
    # Graham is reached by nobody: conflicts carry no influence.
    assert champion_path(deal, deal.resolve("Graham Pryce").id) is None


def test_champion_path_falls_back_to_supporters(make_map):
    m = make_map()
    ann = m.add_person(name="Ann", stance="supporter")
    bo = m.add_person(name="Bo", stance="neutral")
    m.add_link(ann.id, bo.id, LinkKind.INFLUENCES, 3)
    path = champion_path(m, bo.id)
    assert [(s.source, s.target) for s in path] == [(ann.id, bo.id)]
    lone = make_map()
    lone_bo = lone.add_person(name="Bo", stance="neutral")
    assert champion_path(lone, lone_bo.id) is None


def test_the_influence_view_says_when_the_path_starts_at_a_supporter(make_map):
    from stakemap.tui.widgets.influence_view import InfluenceView

    m = make_map()
    ann = m.add_person(name="Ann", stance="supporter")
    bo = m.add_person(name="Bo", stance="supporter")
    m.add_link(ann.id, bo.id, LinkKind.INFLUENCES, 3)
    # Bo is supportive: reached from the other supporters, as the findings say
    text = InfluenceView()._path(m, bo.id).plain
    assert text.startswith("No champion reaches them. Path from the nearest supporter: Ann")
    assert text.endswith("Bo")
