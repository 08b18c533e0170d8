"""Per-person influence and broker scores, and per-department states.

``influence_score`` (0–1) combines four sources of power with a "noisy or"::

    influence_score = 1 - (1 - declared) (1 - veto) (1 - role) (1 - network)

so any one strong source makes a person influential, and each further source
adds less (two weak signals do not add up to a strong one). The terms:

=============  ==============================================================
declared       the rep's judgement: low 0.10, medium 0.35, high 0.70
veto           0.50 with a veto, else 0
role           economic buyer 0.50, decision maker 0.50, approver 0.35,
               technical evaluator 0.20, influencer 0.20, evaluator 0.15,
               gatekeeper 0.15, implementer 0.10, user 0.05, unknown 0
network        0.70 x clamp((r - 1) / (R - 1), 0, 1), where r is the
               person's PageRank times the number of people (1 = an average
               share of attention) and R = ``central_pagerank_ratio`` (3)
=============  ==============================================================

PageRank runs on the influence network with links oriented so credit flows
to the one who influences (``influences`` A -> B credits A with weight =
strength) and to the manager (``reports_to`` weight 2, ``dotted_line`` 1).
A declared "high" alone gives 0.73; a fully central person with nothing
declared reaches 0.73 too, which is what "high influence from the network"
means (``high_influence_score`` 0.7).

``broker_score`` is normalised betweenness on the undirected influence
network (``influences``, ``reports_to``, ``dotted_line``): the share of
shortest paths between other people that pass through this person, 1.0 for
the centre of a star. Exact up to ``exact_betweenness_limit`` people; above
that, estimated from a seeded sample of source pivots (Brandes & Pich 2007).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from stakemap.analysis.config import AnalysisConfig
from stakemap.analysis.network import Network, betweenness, choose_pivots, pagerank
from stakemap.analysis.types import DepartmentState
from stakemap.records import Stakeholder
from stakemap.vocab import Coverage, Influence, Role, Stance

__all__ = [
    "DECLARED_WEIGHT",
    "ROLE_WEIGHT",
    "DepartmentGroup",
    "broker_scores",
    "department_state",
    "group_departments",
    "influence_scores",
    "pivot_count",
]

DECLARED_WEIGHT: Final[dict[Influence, float]] = {
    Influence.LOW: 0.10,
    Influence.MEDIUM: 0.35,
    Influence.HIGH: 0.70,
}
VETO_WEIGHT: Final = 0.50
ROLE_WEIGHT: Final[dict[Role, float]] = {
    Role.ECONOMIC_BUYER: 0.50,
    Role.DECISION_MAKER: 0.50,
    Role.APPROVER: 0.35,
    Role.TECHNICAL_EVALUATOR: 0.20,
    Role.INFLUENCER: 0.20,
    Role.EVALUATOR: 0.15,
    Role.GATEKEEPER: 0.15,
    Role.IMPLEMENTER: 0.10,
    Role.USER: 0.05,
    Role.UNKNOWN: 0.0,
}
NETWORK_WEIGHT: Final = 0.70
#: Scores are rounded once, here, so what a rule compares is what the user sees.
DIGITS: Final = 3


def network_term(rank: float, n: int, central_ratio: float) -> float:
    """The network part of ``influence_score`` for a PageRank value.

    >>> network_term(0.1, 10, 3.0)  # exactly average
    0.0
    >>> network_term(0.3, 10, 3.0)  # three times the average share
    0.7
    """
    ratio = rank * n
    span = max(central_ratio - 1.0, 1e-9)
    return NETWORK_WEIGHT * min(1.0, max(0.0, (ratio - 1.0) / span))


def influence_scores(
    people: Sequence[Stakeholder], network: Network, config: AnalysisConfig
) -> tuple[list[float], list[float]]:
    """``influence_score`` per person in map order, and the same score *without* the
    network term (to tell influence the network adds from influence declared)."""
    n = len(people)
    ranks = _pagerank(n, network.credit)
    scores = []
    formal_scores = []
    for person, rank in zip(people, ranks, strict=True):
        formal = (
            (1.0 - DECLARED_WEIGHT[person.influence])
            * (1.0 - (VETO_WEIGHT if person.veto else 0.0))
            * (1.0 - ROLE_WEIGHT[person.role])
        )
        keep = formal * (1.0 - network_term(rank, n, config.central_pagerank_ratio))
        scores.append(round(1.0 - keep, DIGITS))
        formal_scores.append(round(1.0 - formal, DIGITS))
    return scores, formal_scores


def pivot_count(network: Network, config: AnalysisConfig) -> int | None:
    """How many betweenness pivots to sample, or None for the exact computation."""
    n = network.size
    if n <= config.exact_betweenness_limit:
        return None
    edges = sum(len(nbrs) for nbrs in network.neighbours) // 2
    wanted = max(config.min_pivots, math.ceil(config.pivot_budget / (n + edges)))
    return None if wanted >= n else wanted


def broker_scores(network: Network, config: AnalysisConfig) -> list[float]:
    """``broker_score`` per person, in map order: exact or seeded-sampled betweenness."""
    count = pivot_count(network, config)
    pivots = None if count is None else choose_pivots(network.size, count, seed=config.seed)
    return list(_betweenness(network.neighbours, None if pivots is None else tuple(pivots)))


@functools.lru_cache(maxsize=4)
def _betweenness(
    neighbours: tuple[tuple[int, ...], ...], pivots: tuple[int, ...] | None
) -> tuple[float, ...]:
    """Betweenness, remembered for the last few networks.

    It is most of an analysis's cost, and it depends only on who is linked to
    whom: the app re-analyses after every edit, and most edits (a stance step,
    a note, a coverage change) leave the links alone. The key is the network
    itself (hashable tuples), so a changed link can never hit a stale entry.
    """
    return tuple(round(x, DIGITS) for x in betweenness(neighbours, pivots=pivots))


@functools.lru_cache(maxsize=4)
def _pagerank(n: int, credit: tuple[tuple[int, int, float], ...]) -> tuple[float, ...]:
    """PageRank, remembered like ``_betweenness`` (it also depends on links only)."""
    return tuple(pagerank(n, credit))


def clear_caches() -> None:
    """Forget remembered network measures (benchmarks measure cold runs)."""
    _betweenness.cache_clear()
    _pagerank.cache_clear()


# --- departments -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DepartmentGroup:
    """People of one department; names differing only in case are one department."""

    name: str
    members: tuple[Stakeholder, ...]


def group_departments(people: Sequence[Stakeholder]) -> list[DepartmentGroup]:
    """Group by department name ignoring case and spacing; people without one are left out.

    The displayed name is the spelling most members use (ties: the first in
    sort order), because reps type "IT" and "it" for the same department.
    """
    groups: dict[str, list[Stakeholder]] = {}
    for person in people:
        if person.department:
            key = " ".join(person.department.casefold().split())
            groups.setdefault(key, []).append(person)
    out = []
    for members in groups.values():
        counts: dict[str, int] = {}
        for person in members:
            counts[person.department] = counts.get(person.department, 0) + 1
        name = min(counts, key=lambda spelling: (-counts[spelling], spelling))
        out.append(DepartmentGroup(name, tuple(members)))
    out.sort(key=lambda g: (g.name.casefold(), g.name))
    return out


def department_state(
    group: DepartmentGroup,
    influence: dict[str, float],
    config: AnalysisConfig,
    *,
    is_key: Callable[[Stakeholder], bool] | None = None,
) -> DepartmentState:
    """Where a department stands, weighting each member by ``influence_score``.

    ``support`` and ``opposition`` are the shares of influence, among members
    whose stance is known, held by supporters/champions and by
    skeptics/opponents. With *real* = ``department_real_share`` (0.25):

    * ``unknown``: nobody in it has been met, or the members whose stance is
      known hold less than ``department_known_share`` (half) of its influence;
    * ``split``: real support and real opposition, or a key player
      (``is_key``, default ``Stakeholder.is_key_player``) opposes while
      anyone there supports, whatever the shares: one senior "no" against
      a "yes" is a split a rep must work, not a department to write off;
    * ``opposed``: real opposition, no real support;
    * ``aligned``: support holds a majority (>= 0.5), no real opposition;
    * ``neutral``: otherwise (nobody resists, but too few back it).
    """
    known = [p for p in group.members if p.stance is not Stance.UNKNOWN]
    total = sum(influence[p.id] for p in known)
    everyone = sum(influence[p.id] for p in group.members)
    support = sum(influence[p.id] for p in known if p.is_supportive)
    opposition = sum(influence[p.id] for p in known if p.is_opposed)
    support_share = round(support / total, DIGITS) if total else 0.0
    opposition_share = round(opposition / total, DIGITS) if total else 0.0
    real = config.department_real_share
    met = any(p.coverage is not Coverage.NONE for p in group.members)
    key = is_key or (lambda p: p.is_key_player)
    key_split = any(p.is_opposed and key(p) for p in known) and any(p.is_supportive for p in known)
    if not known or not met:
        state = "unknown"
    elif key_split or (support_share >= real and opposition_share >= real):
        state = "split"
    elif total < config.department_known_share * everyone:
        state = "unknown"
    elif opposition_share >= real:
        state = "opposed"
    elif support_share >= 0.5:
        state = "aligned"
    else:
        state = "neutral"
    return DepartmentState(
        name=group.name,
        state=state,
        support=support_share,
        opposition=opposition_share,
        members=tuple(p.id for p in group.members),
    )
