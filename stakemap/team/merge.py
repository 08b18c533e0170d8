"""Three-way merge of two teammates' copies of a map against their common base.

Records are matched by id in every table and merged field by field: a change
on one side wins, the same change on both sides is one change, different
changes to one field of one record are a conflict (``records.Conflict``),
recorded inside the merged map, never as text markers that would break the
file. The merged record holds ours' value meanwhile, except for free text
(both versions kept, marked: ``textmerge``) and lists (item by item). The
merged record's ``modified`` is the later of the two sides' stamps.

- A record deleted on one side and changed on the other is kept, with a
  ``deleted`` conflict (the deleting side's value ``None``). A person counts as
  changed when the other side edited them or added or changed links or touches
  of theirs; their links and touches the deleting side removed with them are
  kept too, so nothing is lost until someone settles it.
- Links must still make a sound map. Both sides adding the same link (ends and
  kind) under different ids keep ours' and retire theirs' id, with a
  ``field`` conflict on ``strength`` if the strengths differ. A link of theirs
  the map refuses next to ours (a second manager, a reporting loop) is left
  out and reported as ``Conflict(section="links", record=<their link id>,
  kind=deleted, ours=None, theirs=<the link>)``: settling it "theirs" brings
  it back, once ours' clashing link is gone.
- The conflicts already in either file merge like records (one settled on
  one side stays settled), then this merge's own are added.
- Order, in every table: the records of ours in ours' order, then the ones
  only theirs has, in theirs' order; when ours did not change a table's order
  or membership, theirs leads, so ``merge(B, B, X)`` reproduces ``X``.

One table's records merge in ``tablemerge``, free text and lists in
``textmerge``, the review chain in ``reviewmerge``; this module puts the map
together from them, keeps its links sound, and reads and writes the files.

Pure and deterministic: no clock, no randomness, inputs untouched; a
conflict's ``created`` is the later of the two sides' account stamps.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from stakemap.errors import ValidationError
from stakemap.model import StakeMap
from stakemap.perf import paused_gc
from stakemap.records import Account, Conflict, Interaction, Link, Review, Stakeholder
from stakemap.store import MapStore
from stakemap.team.reviewmerge import merge_reviews
from stakemap.team.tablemerge import TableMerge, leading, merge_order
from stakemap.vocab import ConflictKind

__all__ = ["MergeCounts", "MergeOutcome", "MergeResult", "merge_files", "merge_maps"]

_I = TypeVar("_I", Stakeholder, Link, Interaction, Conflict, Review)


@dataclass(frozen=True, slots=True)
class MergeCounts:
    """How many records of each section the merge took from each side's changes
    (a record both sides changed counts for both)."""

    ours: Mapping[str, int] = field(default_factory=dict)
    theirs: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged map (holding every conflict) and what this merge found."""

    stakemap: StakeMap
    #: the conflicts this merge found (the map also holds those it carried over).
    conflicts: tuple[Conflict, ...]
    counts: MergeCounts


@dataclass(frozen=True, slots=True)
class MergeOutcome:
    """``merge_files``' result: the merge, and the file it wrote."""

    result: MergeResult
    out: Path


def _by_id(records: Iterable[_I]) -> dict[str, _I]:
    return {record.id: record for record in records}


def _touched_people(base: StakeMap, side: StakeMap) -> set[str]:
    """People whose links or touches ``side`` added or changed since ``base``."""
    people: set[str] = set()
    old_links = _by_id(base.links)
    for link in side.links:
        if old_links.get(link.id) != link:
            people.update((link.source, link.target))
    old_touches = _by_id(base.interactions)
    people.update(t.person for t in side.interactions if old_touches.get(t.id) != t)
    return people


def merge_maps(
    base: StakeMap,
    ours: StakeMap,
    theirs: StakeMap,
    *,
    ours_label: str = "ours",
    theirs_label: str = "theirs",
) -> MergeResult:
    """Merge ``ours`` and ``theirs``, two edits of ``base`` (see the module doc).

    The labels name the sides in conflicts and in the marks of a free-text
    conflict (git passes branch names). Nothing is mutated, nothing read from
    the clock: the same three maps always give the same result.
    """
    m = TableMerge(
        ours.account.modified,
        theirs.account.modified,
        ours_label,
        theirs_label,
        deleted=(ours.retired, theirs.retired),
    )
    account = m.table(
        "account", {"account": base.account}, {"account": ours.account}, {"account": theirs.account}
    )["account"]
    base_people = _by_id(base.people)
    ours_people, theirs_people = _by_id(ours.people), _by_id(theirs.people)
    people = m.table(
        "people",
        base_people,
        ours_people,
        theirs_people,
        touched=(_touched_people(base, ours), _touched_people(base, theirs)),
    )
    # People kept although one side deleted them: that side's removal of their
    # links and touches was part of the deletion, so those stay too.
    spared_from_ours = {p for p in people if p in base_people and p not in ours_people}
    spared_from_theirs = {p for p in people if p in base_people and p not in theirs_people}
    base_links = _by_id(base.links)
    ours_links = _by_id(ours.links)
    links = m.table(
        "links",
        base_links,
        ours_links,
        _by_id(theirs.links),
        keep_for_ours=lambda link: bool({link.source, link.target} & spared_from_ours),
        keep_for_theirs=lambda link: bool({link.source, link.target} & spared_from_theirs),
    )
    interactions = m.table(
        "interactions",
        _by_id(base.interactions),
        _by_id(ours.interactions),
        _by_id(theirs.interactions),
        keep_for_ours=lambda touch: touch.person in spared_from_ours,
        keep_for_theirs=lambda touch: touch.person in spared_from_theirs,
    )
    reviews, removed_reviews = merge_reviews(base, ours, theirs)
    for rid in removed_reviews:
        m.retired.setdefault(rid, m.stamp)
    kept_people = list(people.values())
    kept_links = [
        link
        for link in links.values()
        if (link.source in people and link.target in people) or _retire(m, link.id)
    ]
    kept_touches = [
        touch for touch in interactions.values() if touch.person in people or _retire(m, touch.id)
    ]
    stamp = m.stamp
    try:
        merged = _build(account, kept_people, kept_links, kept_touches, reviews, stamp=stamp)
    except ValidationError:
        kept_links = _sound_links(
            m, account, kept_people, kept_links, base=base_links, ours=ours_links
        )
        merged = _build(account, kept_people, kept_links, kept_touches, reviews, stamp=stamp)
    conflicts = _carried(base.conflicts, ours.conflicts, theirs.conflicts)
    conflicts.update(m.conflicts)
    retired = _merged_retired(base.retired, ours.retired, theirs.retired)
    for rid, when in m.retired.items():
        retired.setdefault(rid, when)
    in_use = {*people, *(link.id for link in kept_links), *(t.id for t in kept_touches)}
    in_use.update(review.id for review in reviews)
    # The map is built once (a 10,000-person build is most of a merge's time);
    # what the link check decided comes in through the public editing calls,
    # and the account goes back to its merged record, which they stamp.
    for conflict in conflicts.values():
        merged.put_conflict(conflict)
    merged.retired = {rid: when for rid, when in retired.items() if rid not in in_use}
    merged.put_account(account)
    return MergeResult(
        merged, tuple(m.conflicts.values()), MergeCounts(m.ours_count, m.theirs_count)
    )


def _retire(m: TableMerge, rid: str) -> bool:
    """Drop a record whose person the merge removed (the deleting side retired it too)."""
    m.retired.setdefault(rid, m.stamp)
    return False


def _build(
    account: Account,
    people: Sequence[Stakeholder],
    links: Sequence[Link],
    interactions: Sequence[Interaction],
    reviews: Sequence[Any],
    *,
    stamp: str,
) -> StakeMap:
    """The merged map; its clock gives the merge's stamp, never the time of day."""
    return StakeMap.from_records(
        account, people, links, interactions=interactions, reviews=reviews, clock=lambda: stamp
    )


def _sound_links(
    m: TableMerge,
    account: Account,
    people: Sequence[Stakeholder],
    links: Sequence[Link],
    *,
    base: Mapping[str, Link],
    ours: Mapping[str, Link],
) -> list[Link]:
    """The links the model accepts together, ours first; the others are reported.

    Only reached when the merged links break a rule (rare): each link is then
    added through ``StakeMap.put_link``, which words the rule, one by one.
    """
    probe = StakeMap.from_records(account, people, (), clock=lambda: m.stamp)
    kept: set[str] = set()
    for link in sorted(links, key=lambda link: link.id not in ours):
        twins = probe.find_links(link.source, link.target, link.kind)
        if twins:
            twin = twins[0]
            m.retired.setdefault(link.id, m.stamp)
            if twin.strength != link.strength:
                old = base[twin.id].strength if twin.id in base else None
                values = (old, twin.strength, link.strength)
                stamps = (twin.modified, link.modified)
                m.conflict(
                    "links", twin.id, ConflictKind.FIELD, "strength", values=values, stamps=stamps
                )
            continue
        try:
            probe.put_link(link)
        except ValidationError:
            old_link = base[link.id].to_dict() if link.id in base else None
            deleted = (old_link, None, link.to_dict())
            m.conflict(
                "links",
                link.id,
                ConflictKind.DELETED,
                "",
                values=deleted,
                stamps=("", link.modified),
            )
            continue
        kept.add(link.id)
    return [link for link in links if link.id in kept]


def _carried(
    base: Sequence[Conflict], ours: Sequence[Conflict], theirs: Sequence[Conflict]
) -> dict[str, Conflict]:
    """The conflicts the files held, merged like records: one settled on a side stays settled."""
    b, o, t = _by_id(base), _by_id(ours), _by_id(theirs)
    carried: dict[str, Conflict] = {}
    for cid in merge_order(b, o, t):
        mine, other, old = o.get(cid), t.get(cid), b.get(cid)
        if mine is not None and other is not None:
            carried[cid] = other if mine == old else mine
        elif old is None:
            carried[cid] = mine or other  # type: ignore[assignment]
    return carried


def _merged_retired(
    base: Mapping[str, str], ours: Mapping[str, str], theirs: Mapping[str, str]
) -> dict[str, str]:
    """Every id either side retired, in the order ``merge_order`` gives."""
    first, second = leading(base, ours, theirs)
    merged = dict(first)
    for rid, when in second.items():
        merged.setdefault(rid, when)
    return merged


# --- files ---------------------------------------------------------------------

#: The store's table of each part of a map that has records with ids.
_TABLE_IDS: dict[str, Callable[[StakeMap], Iterable[str]]] = {
    "stakeholders": lambda s: (p.id for p in s.people),
    "links": lambda s: (link.id for link in s.links),
    "retired": lambda s: s.retired,
    "interactions": lambda s: (i.id for i in s.interactions),
    "reviews": lambda s: (r.id for r in s.reviews),
    "conflicts": lambda s: (c.id for c in s.conflicts),
}


def merged_doc_ids(
    stakemap: StakeMap,
    ours: Mapping[str, Mapping[str, int]],
    theirs: Mapping[str, Mapping[str, int]],
) -> dict[str, dict[str, int]]:
    """The TinyDB doc ids of the merged file: ours' where it has the record, else
    theirs' when that number is free, else the next one (``store.number_tables``).

    Ours is what git holds checked out, so its lines keep their keys, and a
    record theirs added keeps its own when it can: ``merge(B, B, X)`` writes X.
    """
    doc_ids: dict[str, dict[str, int]] = {}
    for table, ids_of in _TABLE_IDS.items():
        mine, other = ours.get(table, {}), theirs.get(table, {})
        present = list(ids_of(stakemap))
        known = {rid: mine[rid] for rid in present if rid in mine}
        used = set(known.values())
        for rid in present:
            number = other.get(rid)
            if rid not in known and number is not None and number not in used:
                known[rid] = number
                used.add(number)
        doc_ids[table] = known
    return doc_ids


def merge_files(
    base: Path,
    ours: Path,
    theirs: Path,
    *,
    out: Path | None = None,
    ours_label: str = "ours",
    theirs_label: str = "theirs",
) -> MergeOutcome:
    """Merge three map files and write the result to ``out`` (default: ``ours``,
    which is where git expects a merge driver's result).

    Each file is read by ``MapStore`` (validated, older schemas migrated); a
    file that is not a map, is damaged or is newer raises ``MapFileError``
    naming it before anything is written. The result is written atomically by
    the store, exactly as ``stakemap`` writes a map, keeping ours' tables this
    version does not know (and theirs' that ours lacks). No ``.bak`` is left
    beside a migrated ``ours`` (under git the originals are in the history),
    nor a lock file that was not there before.
    """
    # Loading, merging and saving are bursts of acyclic records over three big
    # maps: with the collector on, its full passes rescan all three between
    # bursts (see perf.paused_gc).
    with paused_gc():
        stores = [MapStore(path) for path in (base, ours, theirs)]
        base_map, ours_map, theirs_map = (store.load() for store in stores)
        result = merge_maps(
            base_map, ours_map, theirs_map, ours_label=ours_label, theirs_label=theirs_label
        )
        _write(result, ours, out, stores[1], stores[2])
    return MergeOutcome(result, ours if out is None else out)


def _write(
    result: MergeResult, ours: Path, out: Path | None, ours_store: MapStore, theirs_store: MapStore
) -> None:
    """Save through a fresh store: the file is what ``stakemap`` writes, atomically,
    with ours' line keys, and no ``.bak`` (this store migrated nothing)."""
    unknown = dict(ours_store.unknown_tables)
    for name, table in theirs_store.unknown_tables.items():
        unknown.setdefault(name, table)
    target = ours if out is None else out
    writer = MapStore(target, unknown_tables=unknown)
    writer.doc_ids = merged_doc_ids(result.stakemap, ours_store.doc_ids, theirs_store.doc_ids)
    lock_was_there = writer.lock_path.exists()
    writer.save(result.stakemap, force=True)
    if not lock_was_there:
        # git's OURS is a temporary file in the work tree: its lock file would
        # be left there as an untracked ``..merge_file_XXXX.lock``.
        with contextlib.suppress(OSError):
            writer.lock_path.unlink()
