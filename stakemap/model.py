"""A stakeholder map: account metadata plus people and links in a networkx graph.

``StakeMap`` is the one place that mutates a map. The CLI, the TUI, the importer
and a future merge all go through its methods, so the rules that keep a map
sound (no self-links, no dangling links, no reporting loops, ids never reused)
are enforced once.

The graph is a ``networkx.MultiDiGraph`` keyed by stakeholder id, with one edge
per link keyed by link id, because two people may be joined by links of
different kinds (A reports to B *and* A influences B). Node attribute
``person`` holds the ``Stakeholder``; edge attributes ``link``, ``kind`` and
``strength`` hold the ``Link`` and, for networkx's algorithms, its kind and weight.
Treat ``graph`` as read-only outside this module.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any, Final

import networkx as nx

from stakemap.errors import AmbiguousNameError, NotFoundError, ValidationError
from stakemap.names import match_person, similar_names
from stakemap.records import (
    Account,
    Conflict,
    Interaction,
    Link,
    Review,
    Stakeholder,
    utc_now,
)
from stakemap.vocab import LinkKind, normalise

__all__ = ["IdFactory", "StakeMap", "random_id"]

#: Crockford's base32 alphabet: no i, l, o, u, so ids survive being read aloud
#: or typed from a printout.
_ALPHABET: Final = "0123456789abcdefghjkmnpqrstvwxyz"
_ID_LENGTH: Final = 8

IdFactory = Callable[[str], str]
Clock = Callable[[], str]


def random_id(prefix: str) -> str:
    """A 40-bit random id. Random rather than sequential so that two teammates
    adding people to copies of one map do not mint the same id (needed to merge)."""
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(_ID_LENGTH))


def _edge_attrs(link: Link) -> dict[str, Any]:
    """Edge data: the record, plus kind and strength where networkx algorithms look."""
    return {"link": link, "kind": link.kind, "strength": link.strength}


class StakeMap:
    """The account, its stakeholders and the links between them.

    Parameters
    ----------
    account
        The account record.
    id_factory
        Makes a candidate id from a prefix (``"p"`` people, ``"l"`` links).
        Injected by tests and the sample generator for reproducible ids.
    clock
        Returns the timestamp stored in ``created``/``modified``.
    """

    def __init__(
        self,
        account: Account,
        *,
        id_factory: IdFactory = random_id,
        clock: Clock = utc_now,
    ) -> None:
        self.account = account
        self.graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        self._links: dict[str, Link] = {}
        self._interactions: dict[str, Interaction] = {}
        self._reviews: dict[str, Review] = {}
        #: what a three-way merge left to settle (``team.conflicts``); their ids
        #: come from what they are about, not from the id factory.
        self._conflicts: dict[str, Conflict] = {}
        #: ids that were used once and must never be handed out again.
        self.retired: dict[str, str] = {}
        self._new_id = id_factory
        self._clock = clock
        #: bumped on every change; lets callers cache derived results cheaply.
        self.revision = 0

    # --- construction --------------------------------------------------------

    @classmethod
    def new(
        cls,
        account: str,
        *,
        initiative: str = "",
        owner: str = "",
        id_factory: IdFactory = random_id,
        clock: Clock = utc_now,
    ) -> StakeMap:
        """An empty map for ``account``; validates the account fields."""
        now = clock()
        record = Account.from_dict(
            {
                "account": account,
                "initiative": initiative,
                "owner": owner,
                "created": now,
                "modified": now,
            }
        )
        return cls(record, id_factory=id_factory, clock=clock)

    @classmethod
    def from_records(
        cls,
        account: Account,
        people: Iterable[Stakeholder],
        links: Iterable[Link],
        *,
        retired: Mapping[str, str] | None = None,
        interactions: Iterable[Interaction] = (),
        reviews: Iterable[Review] = (),
        conflicts: Iterable[Conflict] = (),
        id_factory: IdFactory = random_id,
        clock: Clock = utc_now,
    ) -> StakeMap:
        """Rebuild a map from stored records, checking the same invariants as edits."""
        stakemap = cls(account, id_factory=id_factory, clock=clock)
        for person in people:
            stakemap._insert_person(person)
        links = list(links)
        if stakemap._links_are_sound(links):
            for link in links:
                stakemap._insert_link(link)
        else:
            # Replay one by one: slower, but raises the exact message an edit would.
            for link in links:
                stakemap._check_link(link)
                stakemap._insert_link(link)
        for interaction in interactions:
            stakemap._check_interaction(interaction)
            stakemap._interactions[interaction.id] = interaction
        for review in reviews:
            stakemap._check_new_id(review.id)
            stakemap._reviews[review.id] = review
        for conflict in conflicts:
            if conflict.id in stakemap._conflicts:
                raise ValidationError("id", conflict.id, reason=f"{conflict.id!r} is used twice")
            stakemap._conflicts[conflict.id] = conflict
        stakemap.retired = dict(retired or {})
        return stakemap

    def _links_are_sound(self, links: list[Link]) -> bool:
        """Check ``_check_link``'s rules for a whole batch in linear time.

        Loading a 10,000-person map checks 50,000 links; doing it link by link
        against the growing graph dominated load time. Only answers yes/no: on
        "no" the caller replays the links through ``_check_link`` for the message.
        """
        seen: set[str] = set(self.graph)
        pairs: set[tuple[str, str, LinkKind]] = set()
        managers: dict[str, str] = {}
        for link in links:
            source, target, kind = link.source, link.target, link.kind
            if link.id in seen or source == target:
                return False
            if source not in self.graph or target not in self.graph:
                return False
            seen.add(link.id)
            key: tuple[str, str, LinkKind]
            if kind is LinkKind.CONFLICTS and target < source:
                key = (target, source, kind)  # direction carries no meaning
            else:
                key = (source, target, kind)
            if key in pairs:
                return False
            pairs.add(key)
            if kind is LinkKind.REPORTS_TO:
                if source in managers:
                    return False
                managers[source] = target
        acyclic: set[str] = set()
        for start in managers:
            path: set[str] = set()
            current: str | None = start
            while current is not None and current not in acyclic:
                if current in path:
                    return False
                path.add(current)
                current = managers.get(current)
            acyclic |= path
        return True

    # --- reading ------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.graph)

    def __contains__(self, pid: object) -> bool:
        return pid in self.graph

    @property
    def people(self) -> list[Stakeholder]:
        """All stakeholders, in the order they were added."""
        return [data["person"] for _, data in self.graph.nodes(data=True)]

    @property
    def links(self) -> list[Link]:
        """All links, in the order they were added."""
        return list(self._links.values())

    def person(self, pid: str) -> Stakeholder:
        try:
            person: Stakeholder = self.graph.nodes[pid]["person"]
        except KeyError:
            raise NotFoundError(f"no stakeholder has the id {pid!r}") from None
        return person

    def link(self, lid: str) -> Link:
        try:
            return self._links[lid]
        except KeyError:
            raise NotFoundError(f"no link has the id {lid!r}") from None

    @property
    def interactions(self) -> list[Interaction]:
        """Every logged touch, in the order it was logged (not by date)."""
        return list(self._interactions.values())

    def interaction(self, iid: str) -> Interaction:
        try:
            return self._interactions[iid]
        except KeyError:
            raise NotFoundError(f"no interaction has the id {iid!r}") from None

    def interactions_of(self, pid: str) -> list[Interaction]:
        """One person's touches, in the order they were logged."""
        return [i for i in self._interactions.values() if i.person == pid]

    @property
    def reviews(self) -> list[Review]:
        """Every recorded review, oldest first (the order they were recorded)."""
        return list(self._reviews.values())

    def review(self, rid: str) -> Review:
        try:
            return self._reviews[rid]
        except KeyError:
            raise NotFoundError(f"no review has the id {rid!r}") from None

    @property
    def conflicts(self) -> list[Conflict]:
        """What a merge left to settle, in the order the merge found it."""
        return list(self._conflicts.values())

    def conflict(self, cid: str) -> Conflict:
        try:
            return self._conflicts[cid]
        except KeyError:
            raise NotFoundError(f"no conflict has the id {cid!r}") from None

    def links_of(self, pid: str) -> list[Link]:
        """Every link that starts or ends at ``pid``, outgoing first."""
        self.person(pid)
        out = [data["link"] for _, _, data in self.graph.out_edges(pid, data=True)]
        inc = [data["link"] for _, _, data in self.graph.in_edges(pid, data=True)]
        return out + inc

    def departments(self) -> list[str]:
        """Distinct non-empty department names, sorted case-insensitively."""
        names = {p.department for p in self.people if p.department}
        return sorted(names, key=lambda d: (d.casefold(), d))

    def manager_of(self, pid: str) -> str | None:
        """The id ``pid`` formally reports to, if any."""
        kind: LinkKind
        for _, target, kind in self.graph.out_edges(pid, data="kind"):
            if kind is LinkKind.REPORTS_TO:
                return target
        return None

    def resolve(self, who: str, *, loose: bool = True) -> Stakeholder:
        """Find one stakeholder by id, email, name, a name's prefix or initials.

        The ranking is ``names.match_person``'s, the same as the app's person
        picker. Several people in the best tier raise ``AmbiguousNameError``
        listing them with their ids, so the user can retry with an id instead
        of a guess being made for them. ``loose=False`` stops after the whole
        name, for names read from a file (an import), where nobody is there
        to notice that "Ann" was taken for Ann Lee.
        """
        if not who.strip():
            raise NotFoundError("no stakeholder named ''")
        if who.strip() in self.graph:  # an id: the first tier, without a scan
            return self.person(who.strip())
        found = match_person(self.people, who)
        if loose or found.how not in ("prefix", "initials"):
            if found.found is not None:
                return found.found
            if found.candidates:
                raise AmbiguousNameError(who, [(p.id, p.name) for p in found.candidates])
            close = similar_names(self.people, who)
        else:
            close = [p.name for p in found.candidates[:3]]
        hint = f"; did you mean {' or '.join(repr(n) for n in close)}?" if close else ""
        raise NotFoundError(f"no stakeholder matches {who!r}{hint}")

    def find_links(self, source: str, target: str, kind: LinkKind | None = None) -> list[Link]:
        """Links from ``source`` to ``target`` (either way for ``conflicts``)."""
        found: list[Link] = []
        pairs = [(source, target)] if source == target else [(source, target), (target, source)]
        for a, b in pairs:
            for data in (self.graph.get_edge_data(a, b) or {}).values():
                link: Link = data["link"]
                if link.joins(source, target) and (kind is None or link.kind is kind):
                    found.append(link)
        return found

    # --- editing ------------------------------------------------------------

    def add_person(
        self, fields: Mapping[str, object] | None = None, /, **more: object
    ) -> Stakeholder:
        """Validate and add a new stakeholder; returns the stored record (with its id)."""
        data: dict[str, object] = {**(fields or {}), **more}
        for bookkeeping in ("id", "created", "modified"):
            if bookkeeping in data:
                raise ValidationError(bookkeeping, data[bookkeeping], reason="is set by stakemap")
        now = self._clock()
        person = Stakeholder.from_dict(
            {**data, "id": self._fresh_id("p"), "created": now, "modified": now}
        )
        self._insert_person(person)
        self._touch(now)
        return person

    def update_person(
        self, pid: str, fields: Mapping[str, object] | None = None, /, **more: object
    ) -> Stakeholder:
        """Validate ``fields`` and apply them; unchanged fields keep their values."""
        before = self.person(pid)
        changes: dict[str, object] = {**(fields or {}), **more}
        changes.pop("modified", None)
        after = before.evolve(changes)
        if after == before:
            return before
        now = self._clock()
        after = replace(after, modified=now)
        self.graph.nodes[pid]["person"] = after
        self._touch(now)
        return after

    def remove_person(self, pid: str) -> tuple[Stakeholder, list[Link]]:
        """Remove a stakeholder, every link touching them and their logged touches.

        Returns the person and links; callers that must undo it read
        ``interactions_of(pid)`` first (reviews keep the person as they were).
        """
        person = self.person(pid)
        links = self.links_of(pid)
        now = self._clock()
        for link in links:
            del self._links[link.id]
            self.retired[link.id] = now
        for interaction in self.interactions_of(pid):
            del self._interactions[interaction.id]
            self.retired[interaction.id] = now
        self.graph.remove_node(pid)
        self.retired[pid] = now
        self._touch(now)
        return person, links

    def add_link(
        self,
        source: str,
        target: str,
        kind: LinkKind | str,
        strength: int | str | None = None,
    ) -> Link:
        """Validate and add a link between two existing stakeholders."""
        now = self._clock()
        link = Link.from_dict(
            {
                "id": self._fresh_id("l"),
                "source": source,
                "target": target,
                "kind": normalise(LinkKind, kind),
                "strength": strength,
                "created": now,
                "modified": now,
            }
        )
        self._check_link(link)
        self._insert_link(link)
        self._touch(now)
        return link

    def update_link(
        self, lid: str, fields: Mapping[str, object] | None = None, /, **more: object
    ) -> Link:
        """Change a link's ``kind``, ``strength`` or direction (``source``/``target``).

        Checked by the rules that check a new link (no duplicate of the same
        kind, one manager, no reporting loop), with this link itself out of the
        way; a refused change leaves the map as it was. The ends can be
        swapped but not replaced: a link to someone else is another link.
        """
        before = self.link(lid)
        changes: dict[str, object] = {**(fields or {}), **more}
        changes.pop("modified", None)
        if "kind" in changes and isinstance(changes["kind"], str):
            changes["kind"] = normalise(LinkKind, changes["kind"])
        after = before.evolve(changes)
        if after == before:
            return before
        if {after.source, after.target} != {before.source, before.target}:
            end = "source" if after.source not in (before.source, before.target) else "target"
            raise ValidationError(
                end,
                getattr(after, end),
                reason="a link's ends can be swapped but not replaced; remove it and add a new one",
            )
        swapped = after.source != before.source
        if swapped and after.kind is LinkKind.CONFLICTS and before.kind is LinkKind.CONFLICTS:
            a, b = self.person(before.source).name, self.person(before.target).name
            raise ValidationError(
                "source",
                after.source,
                reason=f"the conflict between {a} and {b} has no direction to change",
            )
        now = self._clock()
        after = replace(after, modified=now)
        self._replace_link(before, after)
        self._touch(now)
        return after

    def remove_link(self, lid: str) -> Link:
        link = self.link(lid)
        del self._links[lid]
        self.graph.remove_edge(link.source, link.target, key=lid)
        now = self._clock()
        self.retired[lid] = now
        self._touch(now)
        return link

    def update_account(
        self, fields: Mapping[str, object] | None = None, /, **more: object
    ) -> Account:
        changes: dict[str, object] = {**(fields or {}), **more}
        changes.pop("modified", None)
        after = self.account.evolve(changes)
        if after != self.account:
            self._touch(self._clock(), account=after)
        return self.account

    def add_interaction(
        self, fields: Mapping[str, object] | None = None, /, **more: object
    ) -> Interaction:
        """Validate and store a touch with ``person`` on the map.

        Only the record: what a touch does to the person (last contact,
        coverage) is ``timeline.interactions``' rule.
        """
        data: dict[str, object] = {**(fields or {}), **more}
        for bookkeeping in ("id", "created", "modified"):
            if bookkeeping in data:
                raise ValidationError(bookkeeping, data[bookkeeping], reason="is set by stakemap")
        now = self._clock()
        record = Interaction.from_dict(
            {**data, "id": self._fresh_id("i"), "created": now, "modified": now}
        )
        self._check_interaction(record)
        self._interactions[record.id] = record
        self._touch(now)
        return record

    def update_interaction(
        self, iid: str, fields: Mapping[str, object] | None = None, /, **more: object
    ) -> Interaction:
        before = self.interaction(iid)
        changes: dict[str, object] = {**(fields or {}), **more}
        changes.pop("modified", None)
        after = before.evolve(changes)
        if after == before:
            return before
        if after.person != before.person and after.person not in self.graph:
            raise ValidationError(
                "person", after.person, reason=f"no stakeholder has the id {after.person!r}"
            )
        now = self._clock()
        after = replace(after, modified=now)
        self._interactions[iid] = after
        self._touch(now)
        return after

    def remove_interaction(self, iid: str) -> Interaction:
        record = self.interaction(iid)
        del self._interactions[iid]
        now = self._clock()
        self.retired[iid] = now
        self._touch(now)
        return record

    def add_review(self, fields: Mapping[str, object]) -> Review:
        """Append a review. What its ``changes`` hold is ``timeline.reviews``'
        business (use ``timeline.reviews.record_review``); the model keeps them."""
        data = dict(fields)
        for bookkeeping in ("id", "created"):
            if bookkeeping in data:
                raise ValidationError(bookkeeping, data[bookkeeping], reason="is set by stakemap")
        now = self._clock()
        review = Review.from_dict({**data, "id": self._fresh_id("r"), "created": now})
        self._reviews[review.id] = review
        self._touch(now)
        return review

    def remove_review(self, rid: str) -> Review:
        """Drop the latest review (an undo). Older ones hold later ones' base."""
        review = self.review(rid)
        if rid != next(reversed(self._reviews)):
            raise ValidationError(
                "review",
                rid,
                reason="only the latest review can be removed (later ones build on it)",
            )
        del self._reviews[rid]
        now = self._clock()
        self.retired[rid] = now
        self._touch(now)
        return review

    # --- exact restore (undo, merge) ----------------------------------------

    def put_person(self, person: Stakeholder) -> None:
        """Insert or replace a record exactly as given (timestamps included).

        This is the inverse of ``remove_person``/``update_person`` for undo: the
        record comes back bit for bit, and its id leaves the retired set.
        """
        if person.id in self.graph:
            self.graph.nodes[person.id]["person"] = person
        else:
            self._insert_person(person)
        self.retired.pop(person.id, None)
        self._touch(self._clock())

    def put_link(self, link: Link) -> None:
        """Insert or replace a link exactly as given; see ``put_person``."""
        if link.id in self._links:
            self._replace_link(self._links[link.id], link)
        else:
            self._check_link(link)
            self._insert_link(link)
        self.retired.pop(link.id, None)
        self._touch(self._clock())

    def put_interaction(self, interaction: Interaction) -> None:
        """Insert or replace a touch exactly as given; see ``put_person``."""
        if interaction.id not in self._interactions:
            self._check_interaction(interaction)
        elif interaction.person not in self.graph:
            raise ValidationError(
                "person",
                interaction.person,
                reason=f"no stakeholder has the id {interaction.person!r}",
            )
        self._interactions[interaction.id] = interaction
        self.retired.pop(interaction.id, None)
        self._touch(self._clock())

    def put_review(self, review: Review) -> None:
        """Append a review exactly as given (redo of a recorded review)."""
        self._check_new_id(review.id)
        self._reviews[review.id] = review
        self.retired.pop(review.id, None)
        self._touch(self._clock())

    def put_conflict(self, conflict: Conflict) -> None:
        """Insert or replace a conflict exactly as given (a merge, or undo of a resolve)."""
        self._conflicts[conflict.id] = conflict
        self._touch(self._clock())

    def remove_conflict(self, cid: str) -> Conflict:
        """Drop a settled conflict; settling it (changing the record) is the caller's."""
        conflict = self.conflict(cid)
        del self._conflicts[cid]
        self._touch(self._clock())
        return conflict

    def put_account(self, account: Account) -> None:
        self.account = account
        self.revision += 1

    # --- internals -----------------------------------------------------------

    def _fresh_id(self, prefix: str) -> str:
        for _ in range(1000):
            candidate = self._new_id(prefix)
            if not self._id_in_use(candidate) and candidate not in self.retired:
                return candidate
        raise RuntimeError("id factory keeps returning ids already in use")

    def _id_in_use(self, rid: str) -> bool:
        return (
            rid in self.graph
            or rid in self._links
            or rid in self._interactions
            or rid in self._reviews
        )

    def _check_new_id(self, rid: str) -> None:
        if self._id_in_use(rid):
            raise ValidationError("id", rid, reason=f"{rid!r} is used twice")

    def _check_interaction(self, interaction: Interaction) -> None:
        self._check_new_id(interaction.id)
        if interaction.person not in self.graph:
            raise ValidationError(
                "person",
                interaction.person,
                reason=f"no stakeholder has the id {interaction.person!r}",
            )

    def _insert_person(self, person: Stakeholder) -> None:
        if person.id in self.graph or person.id in self._links:
            raise ValidationError("id", person.id, reason=f"{person.id!r} is used twice")
        self.graph.add_node(person.id, person=person)

    def _insert_link(self, link: Link) -> None:
        self._links[link.id] = link
        self.graph.add_edge(link.source, link.target, key=link.id, **_edge_attrs(link))

    def _replace_link(self, before: Link, after: Link) -> None:
        """Put ``after`` in ``before``'s place, checked as a new link would be.

        The old edge is out of the graph while the rules look, so the link
        does not clash with itself; a refused link puts it back. The record
        keeps its place in the map's order (the file's order).
        """
        self.graph.remove_edge(before.source, before.target, key=before.id)
        try:
            self._check_link(after, replacing=True)
        except ValidationError:
            self.graph.add_edge(before.source, before.target, key=before.id, **_edge_attrs(before))
            raise
        self._links[after.id] = after
        self.graph.add_edge(after.source, after.target, key=after.id, **_edge_attrs(after))

    def _check_link(self, link: Link, *, replacing: bool = False) -> None:
        """Refuse links that would make the map say something impossible.

        ``replacing``: ``link`` takes the place of the record with its id
        (whose edge the caller has taken out of the graph).
        """
        if (not replacing and link.id in self._links) or link.id in self.graph:
            raise ValidationError("id", link.id, reason=f"{link.id!r} is used twice")
        for end in ("source", "target"):
            pid = getattr(link, end)
            if pid not in self.graph:
                raise ValidationError(end, pid, reason=f"no stakeholder has the id {pid!r}")
        if link.source == link.target:
            name = self.person(link.source).name
            raise ValidationError(
                "target", link.target, reason=f"{name} cannot be linked to themselves"
            )
        a, b = self.person(link.source).name, self.person(link.target).name
        if self.find_links(link.source, link.target, link.kind) or (
            link.kind is LinkKind.CONFLICTS and self.find_links(link.target, link.source, link.kind)
        ):
            raise ValidationError(
                "kind",
                link.kind.value,
                reason=f"{a} and {b} are already linked by {link.kind.value}",
            )
        if link.kind is LinkKind.REPORTS_TO:
            current = self.manager_of(link.source)
            if current is not None:
                raise ValidationError(
                    "kind",
                    link.kind.value,
                    reason=f"{a} already reports to {self.person(current).name}; "
                    "use dotted_line for a second manager",
                )
            if self._reports_up_to(link.target, link.source):
                raise ValidationError(
                    "kind",
                    link.kind.value,
                    reason=f"{b} already reports (directly or not) to {a}; "
                    "this would make a reporting loop",
                )

    def _reports_up_to(self, start: str, wanted: str) -> bool:
        seen: set[str] = set()
        current: str | None = start
        while current is not None and current not in seen:
            if current == wanted:
                return True
            seen.add(current)
            current = self.manager_of(current)
        return False

    def _touch(self, now: str, *, account: Account | None = None) -> None:
        self.account = replace(account or self.account, modified=now)
        self.revision += 1

    def iter_edges(self, *kinds: LinkKind) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Edges of the given kinds (all when none given) as ``(source, target, data)``."""
        for source, target, data in self.graph.edges(data=True):
            if not kinds or data["kind"] in kinds:
                yield source, target, data
