"""The network measures reproduce published social-network results.

* Krackhardt, D. (1990). "Assessing the Political Landscape: Structure,
  Cognition, and Power in Organizations." Administrative Science Quarterly
  35(2): 342–369. The kite network: Diane has the most ties (the most
  influential by degree), Heather the highest betweenness (the broker between
  the kite and its tail), 0.389 normalised.
* Padgett, J. F. & Ansell, C. K. (1993). "Robust Action and the Rise of the
  Medici, 1400–1434." American Journal of Sociology 98(6): 1259–1319. In the
  Florentine marriage network the Medici are the most central family by
  every measure, with normalised betweenness 0.522.

Both graphs come from networkx (``krackhardt_kite_graph``,
``florentine_families_graph``); each undirected tie becomes two ``influences``
links of equal strength, as a rep would record a mutual influence.
"""

from __future__ import annotations

import random

import networkx as nx
import pytest

from stakemap.analysis import AnalysisConfig, analyze
from stakemap.analysis.network import (
    articulation_splits,
    betweenness,
    build_network,
    choose_pivots,
    pagerank,
)
from stakemap.model import StakeMap

KITE_NAMES = [
    "Andre",
    "Beverley",
    "Carol",
    "Diane",
    "Ed",
    "Fernando",
    "Garth",
    "Heather",
    "Ike",
    "Jane",
]


def map_of(graph: nx.Graph, names: dict[object, str], make_map) -> StakeMap:
    stakemap = make_map("SNA")
    ids = {node: stakemap.add_person(name=names[node]).id for node in graph.nodes}
    for a, b in graph.edges:
        stakemap.add_link(ids[a], ids[b], "influences", 2)
        stakemap.add_link(ids[b], ids[a], "influences", 2)
    return stakemap


def ranked(result, key):
    return sorted(result.people, key=lambda p: -getattr(p, key))


def test_krackhardt_kite(make_map):
    graph = nx.krackhardt_kite_graph()
    stakemap = map_of(graph, dict(enumerate(KITE_NAMES)), make_map)
    result = analyze(stakemap)
    by_broker = ranked(result, "broker_score")
    assert by_broker[0].name == "Heather"
    assert by_broker[0].broker_score == pytest.approx(0.389, abs=0.001)
    assert result.people[0].name == "Diane"  # people are listed most influential first
    assert result.people[0].influence_score > result.people[1].influence_score
    # Fernando and Garth, the closeness stars, tie for second on influence
    assert {p.name for p in result.people[1:3]} == {"Fernando", "Garth"}
    # Jane, the tail's end, is the least influential and brokers nothing
    jane = next(p for p in result.people if p.name == "Jane")
    assert jane.broker_score == 0.0
    assert result.people[-1].name == "Jane"


def test_padgett_florentine_families(make_map):
    graph = nx.florentine_families_graph()
    stakemap = map_of(graph, {n: n for n in graph.nodes}, make_map)
    result = analyze(stakemap)
    assert result.people[0].name == "Medici"
    top_broker = ranked(result, "broker_score")[0]
    assert top_broker.name == "Medici"
    assert top_broker.broker_score == pytest.approx(0.522, abs=0.001)


def test_the_medici_are_a_broker_whose_removal_splits_florence(make_map):
    graph = nx.florentine_families_graph()
    stakemap = map_of(graph, {n: n for n in graph.nodes}, make_map)
    splits = articulation_splits(build_network(stakemap).neighbours)
    network = build_network(stakemap)
    named = {network.ids[i]: sizes for i, sizes in splits.items()}
    medici = stakemap.resolve("Medici").id
    assert medici in named
    assert len(named[medici]) >= 3  # Acciaiuoli, Pazzi/Salviati and the rest fall apart


# --- the algorithms against networkx ----------------------------------------------------


def _random_graph(n: int, m: int, seed: int) -> nx.Graph:
    return nx.gnm_random_graph(n, m, seed=seed)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pagerank_matches_networkx(seed):
    # networkx's public ``pagerank`` needs SciPy; its Google matrix needs only
    # NumPy (a test dependency), and the stationary distribution of that matrix
    # is PageRank by definition.
    import numpy as np

    rng = random.Random(seed)
    graph = nx.gnm_random_graph(60, 150, seed=seed, directed=True)
    for u, v in graph.edges:
        graph[u][v]["weight"] = rng.choice([1.0, 2.0, 3.0])
    ours = pagerank(60, [(u, v, d["weight"]) for u, v, d in graph.edges(data=True)])
    google = np.asarray(nx.google_matrix(graph, alpha=0.85, weight="weight"))
    rank = np.full(60, 1 / 60)
    for _ in range(1000):
        rank = rank @ google
    for node in graph.nodes:
        # networkx's stopping rule (L1 change < n * 1e-6) leaves ~1e-5 of slack.
        assert ours[node] == pytest.approx(rank[node], abs=2e-5)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_exact_betweenness_and_cut_vertices_match_networkx(seed):
    graph = _random_graph(80, 110, seed)
    neighbours = [sorted(graph[v]) for v in range(80)]
    ours = betweenness(neighbours)
    theirs = nx.betweenness_centrality(graph)
    for node in graph.nodes:
        assert ours[node] == pytest.approx(theirs[node], abs=1e-12)
    assert set(articulation_splits(neighbours)) == set(nx.articulation_points(graph))


def test_sampled_betweenness_is_seeded_and_tracks_the_exact_ranking():
    graph = nx.barabasi_albert_graph(400, 2, seed=7)
    neighbours = [sorted(graph[v]) for v in range(400)]
    exact = betweenness(neighbours)
    pivots = choose_pivots(400, 100, seed=11)
    assert pivots == choose_pivots(400, 100, seed=11)
    sampled = betweenness(neighbours, pivots=pivots)
    assert sampled == betweenness(neighbours, pivots=choose_pivots(400, 100, seed=11))
    top_exact = sorted(range(400), key=lambda v: -exact[v])[:5]
    top_sampled = set(sorted(range(400), key=lambda v: -sampled[v])[:10])
    assert len(set(top_exact) & top_sampled) >= 4


def test_large_maps_switch_to_sampling_and_stay_deterministic(make_map):
    graph = nx.barabasi_albert_graph(120, 2, seed=3)
    stakemap = map_of(graph, {n: f"P{n:03d}" for n in graph.nodes}, make_map)
    config = AnalysisConfig(exact_betweenness_limit=50, min_pivots=30, pivot_budget=0)
    first = analyze(stakemap, config=config)
    again = analyze(stakemap, config=config)
    assert first.people == again.people
    exact = analyze(stakemap)
    assert first.people != exact.people  # it really sampled
    assert ranked(first, "broker_score")[0].name == ranked(exact, "broker_score")[0].name
