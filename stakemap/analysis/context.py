"""What the rules share: one map, its derived measures, computed once and lazily.

A ``Context`` wraps a map for one analysis run. Measures several rules need
(scores, strongest paths, brokers, department states) are ``cached_property``
so a run computes each at most once, and a single rule run on its own (the
CLI's ``--rule``, the benchmark) computes only what it uses. The map is only
read, never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from stakemap.analysis.config import AnalysisConfig
from stakemap.analysis.network import (
    Hop,
    Network,
    articulation_splits,
    build_network,
)
from stakemap.analysis.routes import Route, RouteForest, Router
from stakemap.analysis.scores import (
    DepartmentGroup,
    broker_scores,
    department_state,
    group_departments,
)
from stakemap.analysis.scores import (
    influence_scores as compute_influence,
)
from stakemap.analysis.types import DepartmentState, PersonScore
from stakemap.model import StakeMap
from stakemap.records import Stakeholder
from stakemap.timeline.interactions import NextStep, next_steps
from stakemap.vocab import Coverage, Influence, LinkKind, Relationship, Role, Stance

__all__ = ["BrokerInfo", "Context", "Reach"]

#: Roles that take part in the decision itself (``priority-gap``, ``do-nothing-risk``).
DECIDING_ROLES = (Role.ECONOMIC_BUYER, Role.DECISION_MAKER, Role.APPROVER)


#: The best route from a champion (or, failing that, a supporter) to someone:
#: the route engine's ``Route`` (``hops``, ``from_champion``, ``source``...).
Reach = Route


@dataclass(frozen=True, slots=True)
class BrokerInfo:
    """Why someone counts as a broker: their rank, and the groups they hold together."""

    score: float
    top: bool
    pieces: tuple[int, ...]  # sizes of the groups their removal leaves (>= min group)
    departments: tuple[str, ...]  # departments among the people they connect


class Context:
    """One map plus everything derived from it for one analysis."""

    def __init__(self, stakemap: StakeMap, *, today: date, config: AnalysisConfig) -> None:
        self.map = stakemap
        self.today = today
        self.config = config
        self.people: list[Stakeholder] = stakemap.people
        self.by_id: dict[str, Stakeholder] = {p.id: p for p in self.people}

    # --- network measures -------------------------------------------------------

    @cached_property
    def network(self) -> Network:
        return build_network(self.map)

    @cached_property
    def _influence_parts(self) -> tuple[dict[str, float], dict[str, float]]:
        scores, formal = compute_influence(self.people, self.network, self.config)
        ids = self.network.ids
        return dict(zip(ids, scores, strict=True)), dict(zip(ids, formal, strict=True))

    @cached_property
    def influence(self) -> dict[str, float]:
        """``influence_score`` by id."""
        return self._influence_parts[0]

    @cached_property
    def formal_influence(self) -> dict[str, float]:
        """``influence_score`` without the network term, by id."""
        return self._influence_parts[1]

    @cached_property
    def broker(self) -> dict[str, float]:
        """``broker_score`` by id."""
        return dict(zip(self.network.ids, broker_scores(self.network, self.config), strict=True))

    @cached_property
    def scores(self) -> tuple[PersonScore, ...]:
        """Everyone's scores, most influential first (ties: name, then id)."""
        rows = [
            PersonScore(p.id, p.name, self.influence[p.id], self.broker[p.id]) for p in self.people
        ]
        rows.sort(key=lambda s: (-s.influence_score, s.name.casefold(), s.name, s.id))
        return tuple(rows)

    def is_key(self, person: Stakeholder) -> bool:
        """Key player: veto, economic buyer, decision maker, approver, or high influence,
        declared or from the network (``influence_score >= high_influence_score``)."""
        return person.is_key_player or self.high_influence(person)

    def high_influence(self, person: Stakeholder) -> bool:
        return (
            person.influence is Influence.HIGH
            or self.influence[person.id] >= self.config.high_influence_score
        )

    def network_lifted(self, person: Stakeholder) -> bool:
        """High influence that comes from the network, not from the rep's declaration."""
        threshold = self.config.high_influence_score
        return (
            person.influence is not Influence.HIGH
            and self.influence[person.id] >= threshold
            and self.formal_influence[person.id] < threshold
        )

    # --- paths ---------------------------------------------------------------------

    @cached_property
    def router(self) -> Router:
        """The one route engine (``analysis.routes``), over this run's network."""
        return Router(self.map, self.network)

    @cached_property
    def champions(self) -> list[Stakeholder]:
        return [p for p in self.people if p.stance is Stance.CHAMPION]

    @cached_property
    def supportive(self) -> list[Stakeholder]:
        return [p for p in self.people if p.is_supportive]

    @cached_property
    def weightiest_supportive(self) -> list[Stakeholder]:
        """The supportive people, weightiest first (influence, then name, then id): sorted
        once, for the advice that picks "the weightiest backer" many times over."""
        return sorted(
            self.supportive, key=lambda p: (-self.influence[p.id], p.name.casefold(), p.id)
        )

    @property
    def champion_paths(self) -> RouteForest:
        return self.router.forest(True)

    @property
    def support_paths(self) -> RouteForest:
        return self.router.forest(False)

    def reach(self, pid: str) -> Reach | None:
        """Best route to ``pid`` from a champion, else from a supporter (None if neither).

        Delegates to ``Router.route_to`` so the findings and the app's
        influence view name the same route (costs and rules: ``analysis.routes``).
        """
        return self.router.route_to(pid)

    def in_conflict(self, a: str, b: str) -> bool:
        """True when a ``conflicts`` link joins ``a`` and ``b`` (either direction)."""
        return self.router.in_conflict(a, b)

    def champion_reaches(self, pid: str) -> bool:
        reach = self.reach(pid)
        return reach is not None and reach.from_champion

    # --- links -----------------------------------------------------------------------

    def contacts_of(self, pid: str) -> list[tuple[Stakeholder, Hop]]:
        """People one step from ``pid`` (either direction), best-placed helpers first.

        Helpers are ranked by stance (champion, supporter, neutral, unknown),
        then by the rep's coverage of them (someone the rep knows well can
        make the introduction), then influence score, name and id.
        """
        found: dict[str, tuple[Stakeholder, Hop]] = {}
        i = self.network.index[pid]
        for _, _, hop in self.network.inbound[i]:
            found.setdefault(hop.source, (self.by_id[hop.source], hop))
        for _, _, hop in self.network.channels[i]:
            found.setdefault(hop.target, (self.by_id[hop.target], hop))
        rows = list(found.values())
        rows.sort(key=lambda row: helper_rank(row[0], self.influence))
        return rows

    def introducer(self, pid: str) -> tuple[Stakeholder, Hop] | None:
        """The best person to introduce the rep to ``pid``: linked to them, not opposed,
        not in conflict with them, and already met by the rep."""
        for person, hop in self.contacts_of(pid):
            if not person.is_opposed and self.met(person) and not self.in_conflict(person.id, pid):
                return person, hop
        return None

    def champion_for(self, pid: str) -> Stakeholder | None:
        """The best-placed champion to ask for an introduction to ``pid`` when nobody the
        rep knows is linked to them: never ``pid`` or someone in conflict with them."""
        champions = [c for c in self.champions if c.id != pid and not self.in_conflict(c.id, pid)]
        return min(champions, key=lambda c: helper_rank(c, self.influence)) if champions else None

    @cached_property
    def managers(self) -> dict[str, str]:
        """Formal manager of each person who has one."""
        return {
            link.source: link.target for link in self.map.links if link.kind is LinkKind.REPORTS_TO
        }

    # --- brokers -----------------------------------------------------------------------

    @cached_property
    def brokers(self) -> dict[str, BrokerInfo]:
        """People who carry influence between groups (see ``AnalysisConfig.broker_*``)."""
        cfg = self.config
        network = self.network
        found: dict[str, BrokerInfo] = {}
        top_ids: set[str] = set()
        if network.linked >= cfg.broker_min_network:
            ranked = sorted(
                (p for p in self.people if self.broker[p.id] >= cfg.broker_min_score),
                key=lambda p: (-self.broker[p.id], p.name.casefold(), p.id),
            )
            top_ids = {p.id for p in ranked[: cfg.broker_top]}
        splits = articulation_splits(network.neighbours)
        for i, sizes in splits.items():
            pid = network.ids[i]
            big = tuple(s for s in sizes if s >= cfg.broker_min_group)
            if len(big) >= 2 or pid in top_ids:
                found[pid] = BrokerInfo(
                    self.broker[pid], pid in top_ids, big if len(big) >= 2 else (), ()
                )
        for pid in top_ids - found.keys():
            found[pid] = BrokerInfo(self.broker[pid], True, (), ())
        for pid, info in list(found.items()):
            depts = sorted(
                {
                    self.people[j].department
                    for j in network.neighbours[network.index[pid]]
                    if self.people[j].department
                },
                key=lambda d: (d.casefold(), d),
            )
            found[pid] = BrokerInfo(info.score, info.top, info.pieces, tuple(depts))
        return found

    # --- departments ---------------------------------------------------------------------

    @cached_property
    def department_groups(self) -> list[DepartmentGroup]:
        return group_departments(self.people)

    @cached_property
    def departments(self) -> tuple[DepartmentState, ...]:
        return tuple(
            department_state(group, self.influence, self.config, is_key=self.is_key)
            for group in self.department_groups
        )

    # --- the log of touches ----------------------------------------------------------------

    @cached_property
    def last_touch(self) -> dict[str, str]:
        """The day of each person's latest logged touch, by id (one pass over the log)."""
        latest: dict[str, str] = {}
        for touch in self.map.interactions:
            if touch.date > latest.get(touch.person, ""):
                latest[touch.person] = touch.date
        return latest

    def met(self, person: Stakeholder) -> bool:
        """Whether the map records any contact with ``person``.

        Coverage is the rep's own summary, and it lags: a touch logged, a
        ``last_contact`` date or a teammate's relationship all show someone
        has met them even while coverage still says ``none``. A sentence
        that says "never met" or "nobody you know" must use this, not coverage.
        """
        return (
            person.coverage is not Coverage.NONE
            or person.id in self.last_touch
            or bool(person.last_contact)
            or person.relationship is not Relationship.NONE
        )

    def last_contact(self, person: Stakeholder) -> str:
        """The later of the recorded ``last_contact`` and the latest logged touch ("" if neither).

        Logging a touch moves ``last_contact`` already; the log is read too so
        a touch imported or edited without that bookkeeping still counts.
        """
        return max(person.last_contact, self.last_touch.get(person.id, ""))

    @cached_property
    def open_steps(self) -> list[NextStep]:
        """Open next steps as of ``today``, overdue (most late) first."""
        return next_steps(self.map, today=self.today)

    @cached_property
    def steps_by_person(self) -> dict[str, list[NextStep]]:
        """``open_steps`` grouped by person id, in the same order (one pass)."""
        grouped: dict[str, list[NextStep]] = {}
        for step in self.open_steps:
            grouped.setdefault(step.person.id, []).append(step)
        return grouped

    # --- bits of the map -----------------------------------------------------------------

    @cached_property
    def deciders(self) -> list[Stakeholder]:
        """People who take part in the decision itself: deciding roles or a veto."""
        return [p for p in self.people if p.role in DECIDING_ROLES or p.veto]


def helper_rank(person: Stakeholder, influence: dict[str, float]) -> tuple[object, ...]:
    """Sort key for "who can help": the most supportive, best-known, weightiest first."""
    stance_order = {
        Stance.CHAMPION: 0,
        Stance.SUPPORTER: 1,
        Stance.NEUTRAL: 2,
        Stance.UNKNOWN: 3,
        Stance.SKEPTIC: 4,
        Stance.OPPONENT: 5,
    }
    coverage_order = {
        Coverage.IN_DEPTH: 0,
        Coverage.MULTIPLE: 1,
        Coverage.BRIEF: 2,
        Coverage.NONE: 3,
    }
    return (
        stance_order[person.stance],
        coverage_order[person.coverage],
        -influence[person.id],
        person.name.casefold(),
        person.id,
    )
