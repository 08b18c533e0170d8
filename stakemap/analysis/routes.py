"""The one route engine: who can carry a message from a champion to someone.

Every path the findings name and the path the app's influence view draws
come from here (``Context.reach`` delegates to ``Router.route_to``), so the
two never disagree about who reaches whom.

A route starts at a champion (else, for that person, at a supporter) and
walks the influence channels of ``network.build_network``: ``influences``
links forward, reporting lines both ways. Its cost is integer, so ties
break the same way every run (fewer hops, then map order):

* each link costs ``PATH_COST`` (6 / strength: strong 2, medium 3, weak 6);
* each person the message passes *through* adds ``RELAY_COST`` for their
  stance: a champion or supporter relays for free (they carry the message
  willingly), a neutral person costs as much as a medium link (3), an
  unknown one a little more (4: we cannot tell what they will say). Skeptics and opponents never
  relay: they would not carry the message, or would carry it bent;
* a hop between two people with a ``conflicts`` link (either direction) is
  never used: nobody carries a message to their rival.

``through_opposition`` lets skeptics and opponents relay at
``OPPOSED_RELAY_COST``, only to ask "would a route exist if they relayed?"
(``route-through-opposition``).
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Final

from stakemap.analysis.network import Hop, Network, build_network
from stakemap.model import StakeMap
from stakemap.records import Stakeholder
from stakemap.vocab import LinkKind, Stance

__all__ = [
    "OPPOSED_RELAY_COST",
    "RELAY_COST",
    "Route",
    "RouteForest",
    "Router",
    "route_to",
]

#: Extra cost of passing a message through a person, by their stance; None: never relays.
RELAY_COST: Final[dict[Stance, int | None]] = {
    Stance.CHAMPION: 0,
    Stance.SUPPORTER: 0,
    Stance.NEUTRAL: 3,
    Stance.UNKNOWN: 4,
    Stance.SKEPTIC: None,
    Stance.OPPONENT: None,
}
#: Relay cost of a skeptic or opponent when ``through_opposition`` asks what-if.
OPPOSED_RELAY_COST: Final = 12


@dataclass(frozen=True, slots=True)
class Route:
    """The best route from a champion (or, failing that, a supporter) to someone."""

    hops: tuple[Hop, ...]
    from_champion: bool
    cost: int

    @property
    def source(self) -> str:
        return self.hops[0].source

    @property
    def target(self) -> str:
        return self.hops[-1].target

    @property
    def people(self) -> tuple[str, ...]:
        """Everyone on the route, source first, target last."""
        return (self.hops[0].source, *(hop.target for hop in self.hops))

    @property
    def relays(self) -> tuple[str, ...]:
        """The people between the source and the target."""
        return tuple(hop.target for hop in self.hops[:-1])


@dataclass(frozen=True, slots=True)
class RouteForest:
    """Best routes from one set of sources to everyone they reach."""

    network: Network
    cost: tuple[int, ...]
    via: tuple[Hop | None, ...]

    def reaches(self, pid: str) -> bool:
        return self.cost[self.network.index[pid]] >= 0

    def path_to(self, pid: str) -> list[Hop] | None:
        """The hops from a source to ``pid``; ``[]`` if ``pid`` is a source, None if unreached."""
        i = self.network.index[pid]
        if self.cost[i] < 0:
            return None
        hops: list[Hop] = []
        hop = self.via[i]
        while hop is not None:
            hops.append(hop)
            hop = self.via[self.network.index[hop.source]]
        hops.reverse()
        return hops


class Router:
    """Routes over one map; the default route to each person is computed once."""

    def __init__(self, stakemap: StakeMap, network: Network | None = None) -> None:
        self.map = stakemap
        self.network = network if network is not None else build_network(stakemap)
        self.people: list[Stakeholder] = stakemap.people
        self.by_id = {p.id: p for p in self.people}
        index = self.network.index
        self._conflicts: set[tuple[int, int]] = set()
        for link in stakemap.links:
            if link.kind is LinkKind.CONFLICTS:
                s, t = index[link.source], index[link.target]
                self._conflicts.update(((s, t), (t, s)))
        self._cache: dict[str, Route | None] = {}
        self._forests: dict[bool, RouteForest] = {}
        self._sources: dict[bool, list[str]] = {}
        self._relays: dict[bool, list[int | None]] = {}

    # --- who is who ---------------------------------------------------------------

    def sources(self, from_champion: bool) -> list[str]:
        """Champions, or every supportive person (champions and supporters).

        Asked once per route on a big account: worked out once per engine.
        """
        found = self._sources.get(from_champion)
        if found is None:
            if from_champion:
                found = [p.id for p in self.people if p.stance is Stance.CHAMPION]
            else:
                found = [p.id for p in self.people if p.is_supportive]
            self._sources[from_champion] = found
        return list(found)

    def in_conflict(self, a: str, b: str) -> bool:
        """True when a ``conflicts`` link joins ``a`` and ``b`` (either direction)."""
        index = self.network.index
        return (index[a], index[b]) in self._conflicts

    # --- routes -------------------------------------------------------------------

    def forest(self, from_champion: bool) -> RouteForest:
        """Best routes from all champions (or all supportive people) to everyone."""
        if from_champion not in self._forests:
            cost, via = self._search(self.sources(from_champion))
            self._forests[from_champion] = RouteForest(self.network, cost, via)
        return self._forests[from_champion]

    def route_to(
        self,
        pid: str,
        *,
        from_champion: bool | None = None,
        through_opposition: bool = False,
        avoid_people: Collection[str] = (),
        avoid_links: Collection[str] = (),
    ) -> Route | None:
        """The best route to ``pid`` from a champion, else from a supporter (None if neither).

        Champions come first because a champion sells when the rep is absent;
        a supporter only agrees. A supportive ``pid`` is reached from the
        *other* supportive people. ``from_champion`` True or False asks only
        that kind of source. ``avoid_people`` and ``avoid_links`` (link ids)
        are left out, for "the next best route that does not use ...".
        """
        open_map = not (through_opposition or avoid_people or avoid_links)
        plain = open_map and from_champion is None
        if plain and pid in self._cache:
            return self._cache[pid]
        found: Route | None = None
        target = self.network.index[pid]
        tiers = (True, False) if from_champion is None else (from_champion,)
        for tier in tiers:
            if open_map and not self.by_id[pid].is_supportive:
                forest = self.forest(tier)
                hops = forest.path_to(pid)
                if hops:
                    found = Route(tuple(hops), tier, forest.cost[target])
                    break
                continue
            back = self._search_back(
                {self.network.index[s] for s in self.sources(tier)} - {target},
                target,
                through_opposition=through_opposition,
                avoid_people=avoid_people,
                avoid_links=avoid_links,
            )
            if back is not None:
                found = Route(tuple(back[1]), tier, back[0])
                break
        if plain:
            self._cache[pid] = found
        return found

    def _search(
        self,
        sources: Iterable[str],
    ) -> tuple[tuple[int, ...], tuple[Hop | None, ...]]:
        """Multi-source Dijkstra with stance relay costs, from every source to everyone."""
        network = self.network
        n = network.size
        relay = self._relay(through_opposition=False)
        conflicts = self._conflicts
        cost = [-1] * n
        via: list[Hop | None] = [None] * n
        heap: list[tuple[int, int, int, int, Hop | None]] = []
        counter = 0
        for pid in sources:
            i = network.index[pid]
            heap.append((0, 0, counter, i, None))
            counter += 1
        heapq.heapify(heap)
        best: list[tuple[int, int] | None] = [None] * n
        while heap:
            c, h, _, v, last = heapq.heappop(heap)
            if cost[v] >= 0:
                continue
            cost[v] = c
            via[v] = last
            extra = 0
            if h > 0:
                step = relay[v]
                if step is None:
                    continue
                extra = step
            for w, link_cost, hop in network.channels[v]:
                if cost[w] >= 0 or (v, w) in conflicts:
                    continue
                key = (c + extra + link_cost, h + 1)
                seen = best[w]
                if seen is None or key < seen:
                    best[w] = key
                    counter += 1
                    heapq.heappush(heap, (key[0], key[1], counter, w, hop))
        return tuple(cost), tuple(via)

    def _relay(self, *, through_opposition: bool) -> list[int | None]:
        """Each person's relay cost, by index (None: does not relay); one list per
        engine and setting, read (never changed) by every search."""
        out = self._relays.get(through_opposition)
        if out is None:
            out = []
            for p in self.people:
                step = RELAY_COST[p.stance]
                if step is None and through_opposition:
                    step = OPPOSED_RELAY_COST
                out.append(step)
            self._relays[through_opposition] = out
        return out

    def _search_back(
        self,
        wanted: set[int],
        target: int,
        *,
        through_opposition: bool,
        avoid_people: Collection[str],
        avoid_links: Collection[str],
    ) -> tuple[int, list[Hop]] | None:
        """The best route from any of ``wanted`` to ``target``, searched backwards.

        Same costs as ``_search``; it stops at the first source it settles,
        so it is cheap when help is near (a supporter reached by the others).
        A person's relay cost is paid when the search steps back past them.
        """
        network = self.network
        relay = self._relay(through_opposition=through_opposition)
        skip = {network.index[pid] for pid in avoid_people}
        wanted = wanted - skip
        if not wanted:
            return None
        banned = set(avoid_links)
        conflicts = self._conflicts
        settled = [False] * network.size
        toward: list[Hop | None] = [None] * network.size
        heap: list[tuple[int, int, int, int, Hop | None]] = [(0, 0, 0, target, None)]
        counter = 0
        while heap:
            c, h, _, v, hop = heapq.heappop(heap)
            if settled[v]:
                continue
            settled[v] = True
            toward[v] = hop
            if v in wanted:
                path: list[Hop] = []
                step_hop = toward[v]
                while step_hop is not None:
                    path.append(step_hop)
                    step_hop = toward[network.index[step_hop.target]]
                return c, path
            extra = 0
            if v != target:
                step = relay[v]
                if step is None:
                    continue
                extra = step
            for u, link_cost, in_hop in network.inbound[v]:
                if settled[u] or u in skip or in_hop.link in banned or (u, v) in conflicts:
                    continue
                counter += 1
                heapq.heappush(heap, (c + extra + link_cost, h + 1, counter, u, in_hop))
        return None


def route_to(stakemap: StakeMap, pid: str) -> Route | None:
    """The best route to ``pid`` on ``stakemap`` (one-off; reuse a ``Router`` for many)."""
    return Router(stakemap).route_to(pid)
