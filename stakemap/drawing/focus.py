"""What focus on one person shows: their neighbourhood, and the route a champion would use.

The route is ``analysis.routes``' (the one the findings and the influence
view name), so the picture never disagrees with the advice.
"""

from __future__ import annotations

from dataclasses import dataclass

from stakemap.analysis.routes import Route, Router
from stakemap.model import StakeMap

__all__ = ["Focus", "focus_on", "neighbourhood"]


def neighbourhood(stakemap: StakeMap, pid: str, steps: int) -> set[str]:
    """Everyone within ``steps`` links of ``pid``, whatever the kind or direction.

    >>> m = StakeMap.new("Acme", id_factory=lambda _p, n=iter(range(1, 9)): f"p{next(n)}")
    >>> a, b, c = (m.add_person(name=n).id for n in "ABC")
    >>> _ = m.add_link(a, b, "influences"); _ = m.add_link(c, b, "reports_to")
    >>> sorted(neighbourhood(m, a, 1)), sorted(neighbourhood(m, a, 2))
    (['p1', 'p2'], ['p1', 'p2', 'p3'])
    """
    graph = stakemap.graph
    seen = {pid}
    frontier = [pid]
    for _ in range(max(0, steps)):
        nxt: list[str] = []
        for node in frontier:
            for other in (*graph.successors(node), *graph.predecessors(node)):
                if other not in seen:
                    seen.add(other)
                    nxt.append(other)
        frontier = nxt
    return seen


@dataclass(frozen=True, slots=True)
class Focus:
    """The selected person, who is near them, and the route to them (if any)."""

    pid: str
    steps: int
    people: frozenset[str]
    #: links between two people of the neighbourhood.
    links: frozenset[str]
    route: Route | None

    @property
    def route_links(self) -> frozenset[str]:
        return frozenset(hop.link for hop in self.route.hops) if self.route else frozenset()

    @property
    def route_people(self) -> frozenset[str]:
        return frozenset(self.route.people) if self.route else frozenset()


def focus_on(stakemap: StakeMap, pid: str, steps: int, router: Router | None = None) -> Focus:
    """The focus on ``pid`` to ``steps`` links; pass a ``Router`` to reuse its routes."""
    people = neighbourhood(stakemap, pid, steps)
    links = frozenset(
        data["link"].id
        for node in people
        for _, other, data in stakemap.graph.out_edges(node, data=True)
        if other in people
    )
    route = (router or Router(stakemap)).route_to(pid)
    return Focus(pid, steps, frozenset(people), links, route)
