"""Network measures over a map's links, written for speed on large maps.

The map's ``networkx`` graph is the source of truth, but the measures the
analyzers need (PageRank, betweenness, articulation points) run here over a
compact copy with integer node indices and plain lists; routes (the one path
search) are in ``analysis.routes`` over the same ``Network``.
Why not call networkx: ``nx.pagerank`` needs SciPy, and networkx's
betweenness walks dict-of-dict adjacency; on a 10,000-person map both would
blow the time budget (measured in ``bench/benchmark.py``). The functions are
cross-checked against networkx on small graphs in the tests.

Which links count, and how (documented in the README's Analysis section):

* ``influences`` A -> B (strength s): A sways B. PageRank credit flows to A
  (weight s); a route (``analysis.routes``) may go A -> B only.
* ``reports_to`` X -> M: credit flows to the manager M (weight 2); paths go
  both ways (a report has the manager's ear, the manager directs the report).
* ``dotted_line`` X -> M: as ``reports_to`` with weight 1.
* ``conflicts``: carries no influence; ignored by every measure here (the
  routes refuse a hop between two people it joins).
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from operator import itemgetter, mul, sub
from typing import Final, NamedTuple

from stakemap.model import StakeMap
from stakemap.vocab import LinkKind

__all__ = [
    "PATH_COST",
    "Hop",
    "Network",
    "articulation_splits",
    "betweenness",
    "build_network",
    "choose_pivots",
    "pagerank",
]

#: PageRank weight of a reporting link (an ``influences`` link weighs its strength).
REPORTS_TO_WEIGHT: Final = 2
DOTTED_LINE_WEIGHT: Final = 1

#: Cost of crossing a link of strength 1, 2, 3 on a path. The cost is
#: 6/strength, i.e. proportional to 1/strength, scaled to integers so sums are
#: exact and tie-breaking never depends on floating-point rounding.
PATH_COST: Final[dict[int, int]] = {1: 6, 2: 3, 3: 2}


class Hop(NamedTuple):
    """One step of a path: ``source`` reaches ``target`` through ``link``.

    ``forward`` is False when a reporting link is walked against its stored
    direction (a manager reaching their report). A named tuple rather than a
    dataclass: a 10,000-person map makes about 100,000 of them.
    """

    source: str
    target: str
    link: str
    kind: LinkKind
    strength: int
    forward: bool


@dataclass(frozen=True, slots=True)
class Network:
    """The influence network of a map as index-based adjacency lists.

    ``ids[i]`` is the stakeholder at index ``i`` (map order, so results are
    deterministic). ``credit`` holds PageRank edges ``(u, v, weight)``: u gives
    credit to v. ``neighbours[i]`` is the undirected simple neighbour list
    used for betweenness and articulation points. ``channels[i]`` holds the
    ways influence travels out of ``i``: ``(j, cost, Hop)``.
    """

    ids: tuple[str, ...]
    index: dict[str, int]
    credit: tuple[tuple[int, int, float], ...]
    neighbours: tuple[tuple[int, ...], ...]
    channels: tuple[tuple[tuple[int, int, Hop], ...], ...]
    #: ``inbound[j]``: the channels into ``j`` as ``(i, cost, Hop)``.
    inbound: tuple[tuple[tuple[int, int, Hop], ...], ...]

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def linked(self) -> int:
        """How many people have at least one influence or reporting link."""
        return sum(1 for n in self.neighbours if n)


def build_network(stakemap: StakeMap) -> Network:
    """Extract the influence network (influences, reports_to, dotted_line links)."""
    ids = tuple(p.id for p in stakemap.people)
    index = {pid: i for i, pid in enumerate(ids)}
    credit: dict[tuple[int, int], float] = {}
    neighbour_sets: list[set[int]] = [set() for _ in ids]
    channels: list[list[tuple[int, int, Hop]]] = [[] for _ in ids]
    for link in stakemap.links:
        kind = link.kind
        if kind is LinkKind.CONFLICTS:
            continue
        s, t = index[link.source], index[link.target]
        if kind is LinkKind.INFLUENCES:
            weight = float(link.strength)
            strength = link.strength
            edge = (t, s)  # the swayed one credits the one who sways
        else:
            weight = float(REPORTS_TO_WEIGHT if kind is LinkKind.REPORTS_TO else DOTTED_LINE_WEIGHT)
            strength = REPORTS_TO_WEIGHT if kind is LinkKind.REPORTS_TO else DOTTED_LINE_WEIGHT
            edge = (s, t)  # the report credits the manager
        credit[edge] = credit.get(edge, 0.0) + weight
        neighbour_sets[s].add(t)
        neighbour_sets[t].add(s)
        cost = PATH_COST[strength]
        channels[s].append(
            (t, cost, Hop(link.source, link.target, link.id, kind, strength, forward=True))
        )
        if kind is not LinkKind.INFLUENCES:
            channels[t].append(
                (s, cost, Hop(link.target, link.source, link.id, kind, strength, forward=False))
            )
    inbound: list[list[tuple[int, int, Hop]]] = [[] for _ in ids]
    for v, channel in enumerate(channels):
        for w, step, hop in channel:
            inbound[w].append((v, step, hop))
    return Network(
        ids=ids,
        index=index,
        credit=tuple((u, v, w) for (u, v), w in credit.items()),
        neighbours=tuple(tuple(sorted(n)) for n in neighbour_sets),
        channels=tuple(tuple(c) for c in channels),
        inbound=tuple(tuple(c) for c in inbound),
    )


# --- PageRank ------------------------------------------------------------------


def pagerank(
    n: int,
    edges: Iterable[tuple[int, int, float]],
    *,
    alpha: float = 0.85,
    tol: float = 1.0e-6,
    max_iter: int = 200,
) -> list[float]:
    """Weighted PageRank by power iteration, networkx's algorithm and stopping rule.

    Same definition as ``networkx.pagerank`` (uniform teleport, dangling nodes'
    rank spread uniformly, stop when the L1 change is below ``n * tol``), so
    results agree with it to about ``tol``. It runs in pure Python without
    SciPy: per iteration, the incoming contributions of all edges are summed
    with one prefix-sum pass over edges sorted by target, so every inner loop
    is a C-level ``map``/``accumulate`` and 10,000 people take milliseconds.

    >>> [round(x, 3) for x in pagerank(3, [(0, 1, 1.0), (2, 1, 1.0)])]
    [0.213, 0.574, 0.213]
    """
    if n == 0:
        return []
    edge_list = sorted(edges, key=itemgetter(1))
    out_weight = [0.0] * n
    for u, _, w in edge_list:
        out_weight[u] += w
    sources = [u for u, _, _ in edge_list]
    coeffs = [alpha * w / out_weight[u] for u, _, w in edge_list]
    # slice bounds of each target's incoming edges in the target-sorted edge list
    targets = [v for _, v, _ in edge_list]
    ends = list(map(partial(bisect_right, targets), range(n)))
    starts = [0, *ends[:-1]]
    dangling = [i for i in range(n) if out_weight[i] == 0.0]
    rank = [1.0 / n] * n
    for _ in range(max_iter):
        leak = alpha * sum(map(rank.__getitem__, dangling))
        base = (1.0 - alpha + leak) / n
        contributions = list(map(mul, map(rank.__getitem__, sources), coeffs))
        prefix = list(accumulate(contributions, initial=0.0))
        incoming = map(sub, map(prefix.__getitem__, ends), map(prefix.__getitem__, starts))
        new = list(map(base.__add__, incoming))
        error = sum(map(abs, map(sub, new, rank)))
        rank = new
        if error < n * tol:
            break
    return rank


# --- betweenness -----------------------------------------------------------------


def betweenness(
    neighbours: Sequence[Sequence[int]],
    *,
    pivots: Sequence[int] | None = None,
) -> list[float]:
    """Normalised betweenness of an undirected graph (Brandes 2001), exact or sampled.

    With ``pivots`` the shortest paths are counted only from those sources
    and scaled by ``n / len(pivots)`` (Brandes & Pich 2007), the estimator
    networkx uses for ``betweenness_centrality(k=...)``. Normalisation is
    networkx's: divided by ``(n-1)(n-2)/2``, so a star's centre scores 1.0.

    >>> betweenness([[1], [0, 2], [1]])
    [0.0, 1.0, 0.0]
    """
    n = len(neighbours)
    scores = [0.0] * n
    if n < 3:
        return scores
    sources: Iterable[int] = range(n) if pivots is None else pivots
    for s in sources:
        dist = [-1] * n
        sigma = [0] * n
        dist[s] = 0
        sigma[s] = 1
        order = [s]
        for v in order:  # BFS; ``order`` grows while iterated
            dv = dist[v] + 1
            sv = sigma[v]
            for w in neighbours[v]:
                dw = dist[w]
                if dw < 0:
                    dist[w] = dv
                    order.append(w)
                    sigma[w] = sv
                elif dw == dv:
                    sigma[w] += sv
        delta = [0.0] * n
        for w in reversed(order):
            before = dist[w] - 1
            share = (1.0 + delta[w]) / sigma[w]
            for v in neighbours[w]:
                if dist[v] == before:
                    delta[v] += sigma[v] * share
            if w != s:
                scores[w] += delta[w]
    # each pair was counted from both ends; normalised undirected scale
    scale = 1.0 / ((n - 1) * (n - 2))
    if pivots is not None:
        scale *= n / max(1, len(pivots))
    return [x * scale for x in scores]


def choose_pivots(n: int, count: int, *, seed: int) -> list[int]:
    """A seeded sample of ``count`` source nodes (sorted), or all when ``count >= n``."""
    if count >= n:
        return list(range(n))
    return sorted(random.Random(seed).sample(range(n), count))


# --- articulation points -----------------------------------------------------------


def articulation_splits(neighbours: Sequence[Sequence[int]]) -> dict[int, list[int]]:
    """For each cut vertex, the sizes of the pieces its removal leaves (largest first).

    Hopcroft–Tarjan's iterative DFS with subtree sizes, linear time. Only
    people whose removal disconnects their part of the network appear.

    >>> articulation_splits([[1], [0, 2], [1, 3], [2]])
    {1: [2, 1], 2: [2, 1]}
    """
    n = len(neighbours)
    disc = [-1] * n
    low = [0] * n
    size = [1] * n
    pieces: dict[int, list[int]] = {}
    timer = 0
    for root in range(n):
        if disc[root] >= 0 or not neighbours[root]:
            continue
        disc[root] = low[root] = timer
        timer += 1
        component_start = timer - 1
        stack: list[tuple[int, int, int]] = [(root, -1, 0)]
        cut_children: dict[int, list[int]] = {}
        while stack:
            v, parent, i = stack[-1]
            nbrs = neighbours[v]
            if i < len(nbrs):
                stack[-1] = (v, parent, i + 1)
                w = nbrs[i]
                if disc[w] < 0:
                    disc[w] = low[w] = timer
                    timer += 1
                    stack.append((w, v, 0))
                elif w != parent and disc[w] < low[v]:
                    low[v] = disc[w]
            else:
                stack.pop()
                if parent >= 0:
                    size[parent] += size[v]
                    low[parent] = min(low[parent], low[v])
                    if low[v] >= disc[parent]:
                        cut_children.setdefault(parent, []).append(size[v])
        component = timer - component_start
        for v, children in cut_children.items():
            if v == root:
                if len(children) < 2:
                    continue
                sizes = list(children)
            else:
                sizes = [*children, component - 1 - sum(children)]
            pieces[v] = sorted(sizes, reverse=True)
    return dict(sorted(pieces.items()))
