"""What the app's views show, computed without Textual.

Filtering, sorting, grouping, the power grid's quadrants, the org chart's
forest and the influence neighbourhood are plain functions over the map, so
they are tested (and benchmarked) without starting an app, and the widgets
only draw what these return.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from stakemap.analysis.routes import Route, route_to
from stakemap.model import StakeMap
from stakemap.owners import owned_by
from stakemap.records import Link, Stakeholder
from stakemap.vocab import LINK_WORDS, Coverage, Influence, LinkKind, Role, Stance, label

__all__ = [
    "COLUMNS",
    "Column",
    "GroupRow",
    "Neighbour",
    "Quadrant",
    "TableRow",
    "build_rows",
    "champion_path",
    "champion_route",
    "haystack",
    "influence_neighbours",
    "matches",
    "org_forest",
    "quadrant_of",
]


def _rank(enum: type[StrEnum]) -> Callable[[Any], int]:
    order = {member: index for index, member in enumerate(enum)}
    return lambda value: order[value]


_STANCE_ORDER: Final[dict[Stance, int]] = {
    Stance.UNKNOWN: -1,
    **{s: i for i, s in enumerate(s for s in Stance if s is not Stance.UNKNOWN)},
}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the stakeholder table: what it shows and how it sorts."""

    key: str
    title: str
    text: Callable[[Stakeholder], str]
    sort: Callable[[Stakeholder], Any]
    min_width: int
    #: order in which columns give up width on a narrow screen (1 first); 0 never
    shrink: int = 0


def _fold(text: str) -> str:
    return text.casefold()


COLUMNS: Final[tuple[Column, ...]] = (
    Column("name", "Name", lambda p: p.name, lambda p: _fold(p.name), 14, 4),
    Column("title", "Title", lambda p: p.title, lambda p: _fold(p.title), 8, 1),
    Column("department", "Dept", lambda p: p.department, lambda p: _fold(p.department), 6, 3),
    Column(
        "role",
        "Role",
        lambda p: "" if p.role is Role.UNKNOWN else label(p.role),
        lambda p: _rank(Role)(p.role),
        8,
        2,
    ),
    Column("stance", "Stance", lambda p: p.stance.value, lambda p: _STANCE_ORDER[p.stance], 9),
    Column(
        "influence",
        "Infl",
        lambda p: p.influence.value + ("·veto" if p.veto else ""),
        lambda p: (_rank(Influence)(p.influence), p.veto),
        6,
    ),
    Column(
        "coverage",
        "Coverage",
        lambda p: label(p.coverage).lower(),
        lambda p: _rank(Coverage)(p.coverage),
        8,
    ),
)
COLUMN_KEYS: Final = tuple(column.key for column in COLUMNS)


def haystack(person: Stakeholder) -> str:
    """Every field a user might filter on, folded once (cached by the table)."""
    parts = [
        person.name,
        person.title,
        person.department,
        person.email,
        person.role.value,
        label(person.role),
        person.stance.value,
        f"influence {person.influence.value}",
        "veto" if person.veto else "",
        f"coverage {person.coverage.value}",
        person.mode.value,
        *person.priorities,
        person.drivers,
        person.constraints,
        person.fears,
        person.notes,
        person.last_contact,
        f"owner {person.owner}" if person.owner else "",
        f"relationship {person.relationship.value}",
        person.id,
    ]
    return "\n".join(parts).casefold()


def matches(text: str, query: str) -> bool:
    """Every whitespace-separated word of ``query`` occurs in ``text`` (folded).

    >>> matches("ann lee\\nfinance", "fin ann")
    True
    >>> matches("ann lee\\nfinance", "fin bo")
    False
    """
    return all(word in text for word in query.casefold().split())


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A department heading when the table is grouped."""

    department: str
    count: int


TableRow = Stakeholder | GroupRow


def build_rows(
    people: Iterable[Stakeholder],
    *,
    query: str = "",
    sort: str = "name",
    reverse: bool = False,
    grouped: bool = False,
    haystacks: dict[str, str] | None = None,
    owner: str | None = None,
) -> list[TableRow]:
    """The table's rows: filtered by ``query`` (and to ``owner``'s people, the same
    ``owners.owned_by`` as ``stakemap show --owner``), sorted by column ``sort``,
    maybe grouped.

    Ties sort by name then id so the order never depends on insertion order.
    Grouping puts people under their department (departments A-Z, no department
    last) and keeps the chosen sort inside each group.
    """
    column = next((c for c in COLUMNS if c.key == sort), COLUMNS[0])
    chosen = list(people) if owner is None else owned_by(people, owner)
    if query.strip():
        cache = haystacks if haystacks is not None else {}
        kept = []
        for person in chosen:
            text = cache.get(person.id)
            if text is None:
                text = cache[person.id] = haystack(person)
            if matches(text, query):
                kept.append(person)
        chosen = kept
    chosen.sort(key=lambda p: (_fold(p.name), p.id))
    chosen.sort(key=column.sort, reverse=reverse)
    if not grouped:
        return list(chosen)
    groups: dict[str, list[Stakeholder]] = {}
    for person in chosen:
        groups.setdefault(person.department, []).append(person)
    rows: list[TableRow] = []
    for department in sorted(groups, key=lambda d: (d == "", _fold(d), d)):
        members = groups[department]
        rows.append(GroupRow(department, len(members)))
        rows.extend(members)
    return rows


# --- power grid ------------------------------------------------------------------


class Quadrant(StrEnum):
    """Where a person sits on the power grid (key player x stance)."""

    KEEP_CLOSE = "keep close"  # key player, supportive: protect and use their weight
    WIN_OVER = "win over"  # key player, neutral or opposed: the deal's real work
    USE = "use"  # no formal power, supportive: sources, coaches, references
    WATCH = "watch"  # no formal power, neutral or opposed: the foot-draggers
    UNKNOWN = "unknown"  # stance unknown: find out before placing them


def quadrant_of(person: Stakeholder) -> Quadrant:
    """Key players (veto, buyer/decision roles, high influence) go on the top row."""
    if person.stance is Stance.UNKNOWN:
        return Quadrant.UNKNOWN
    if person.is_key_player:
        return Quadrant.KEEP_CLOSE if person.is_supportive else Quadrant.WIN_OVER
    return Quadrant.USE if person.is_supportive else Quadrant.WATCH


def power_grid(people: Iterable[Stakeholder]) -> dict[Quadrant, list[Stakeholder]]:
    """People per quadrant, most supportive first, then by name."""
    grid: dict[Quadrant, list[Stakeholder]] = {q: [] for q in Quadrant}
    for person in people:
        grid[quadrant_of(person)].append(person)
    for members in grid.values():
        members.sort(key=lambda p: (-_STANCE_ORDER[p.stance], _fold(p.name), p.id))
    return grid


# --- org chart -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrgForest:
    """``reports_to`` as a forest: people with no manager are roots."""

    roots: tuple[str, ...]
    reports: dict[str, tuple[str, ...]]  # manager id -> direct report ids
    dotted: dict[str, tuple[str, ...]]  # person id -> ids of their dotted-line managers


def org_forest(stakemap: StakeMap) -> OrgForest:
    def by_name(pid: str) -> tuple[str, str]:
        return (_fold(stakemap.person(pid).name), pid)

    reports: dict[str, list[str]] = {}
    dotted: dict[str, list[str]] = {}
    has_manager: set[str] = set()
    for source, target, data in stakemap.iter_edges(LinkKind.REPORTS_TO, LinkKind.DOTTED_LINE):
        if data["kind"] is LinkKind.REPORTS_TO:
            reports.setdefault(target, []).append(source)
            has_manager.add(source)
        else:
            dotted.setdefault(source, []).append(target)
    roots = sorted((p.id for p in stakemap.people if p.id not in has_manager), key=by_name)
    return OrgForest(
        roots=tuple(roots),
        reports={m: tuple(sorted(r, key=by_name)) for m, r in reports.items()},
        dotted={p: tuple(sorted(m, key=by_name)) for p, m in dotted.items()},
    )


# --- influence -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Neighbour:
    """Someone linked to the selected person, seen from the selected person's side."""

    person: Stakeholder
    link: Link


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    influences: tuple[Neighbour, ...]  # people the selected person sways
    influenced_by: tuple[Neighbour, ...]  # people who sway the selected person
    conflicts: tuple[Neighbour, ...]
    manager: Neighbour | None
    reports: tuple[Neighbour, ...]


def influence_neighbours(stakemap: StakeMap, pid: str) -> Neighbourhood:
    """Links around ``pid``, strongest first, then by name."""

    def order(items: list[Neighbour]) -> tuple[Neighbour, ...]:
        items.sort(key=lambda n: (-n.link.strength, _fold(n.person.name), n.person.id))
        return tuple(items)

    out: list[Neighbour] = []
    into: list[Neighbour] = []
    conflicts: list[Neighbour] = []
    reports: list[Neighbour] = []
    manager: Neighbour | None = None
    for link in stakemap.links_of(pid):
        other = stakemap.person(link.target if link.source == pid else link.source)
        neighbour = Neighbour(other, link)
        if link.kind is LinkKind.INFLUENCES:
            (out if link.source == pid else into).append(neighbour)
        elif link.kind is LinkKind.CONFLICTS:
            conflicts.append(neighbour)
        elif link.kind is LinkKind.REPORTS_TO:
            if link.source == pid:
                manager = neighbour
            else:
                reports.append(neighbour)
    return Neighbourhood(order(out), order(into), order(conflicts), manager, order(reports))


@dataclass(frozen=True, slots=True)
class PathStep:
    """One hop of an influence path, as the influence view prints it."""

    source: str
    target: str
    kind: LinkKind
    strength: int
    forward: bool


def champion_route(stakemap: StakeMap, pid: str) -> Route | None:
    """The route the findings name for ``pid`` (``analysis.routes``): one engine, so the
    view never contradicts the analysis."""
    return route_to(stakemap, pid)


def champion_path(stakemap: StakeMap, pid: str) -> list[PathStep] | None:
    """The hops of ``champion_route``, as the influence view prints them; None: no route.

    A champion or supporter is reached from the *other* supportive people,
    as in the findings.
    """
    route = champion_route(stakemap, pid)
    if route is None:
        return None
    return [PathStep(h.source, h.target, h.kind, h.strength, h.forward) for h in route.hops]


def describe_step(stakemap: StakeMap, step: PathStep) -> str:
    """ "influences (3)", "manages", "reports to": the hop's verb from source to target."""
    words = LINK_WORDS[step.kind]
    verb = words.label if step.forward else words.inverse_label
    return f"{verb} ({step.strength})" if words.weighted else verb


def names(stakemap: StakeMap, ids: Sequence[str]) -> list[str]:
    return [stakemap.person(pid).name for pid in ids]
