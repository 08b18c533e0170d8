"""Merging one table of records, matched by id, field by field (``team.merge``'s rules).

``TableMerge`` holds what one merge shares across tables (the labels, the
stamp, the conflicts found, how many records came from each side) and merges
the records of one table at a time: a change on one side wins, the same
change on both is one change, different changes to one field are a conflict
holding ours' value (free text and lists first try ``textmerge``), and a
record deleted on one side and changed on the other is kept as a conflict.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping
from typing import Any, TypeVar

from stakemap.records import (
    MAX_PRIORITIES,
    MAX_TEXT_CHARS,
    Account,
    Conflict,
    Interaction,
    Link,
    Stakeholder,
    free_text_fields,
    list_fields,
)
from stakemap.team.ids import conflict_id
from stakemap.team.textmerge import marker, merge_list, merge_text
from stakemap.timeline.compare import field_changes
from stakemap.vocab import ConflictKind

__all__ = ["TableMerge", "leading", "merge_order"]

R = TypeVar("R", Stakeholder, Link, Interaction, Account, Conflict)
T = TypeVar("T")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
#: what every edit bumps: a record that differs only there is unchanged.
_IGNORE = ("modified",)


class TableMerge:
    """One merge's labels, stamp and findings, shared by the per-table steps."""

    def __init__(
        self,
        ours_stamp: str,
        theirs_stamp: str,
        ours_label: str,
        theirs_label: str,
        *,
        deleted: tuple[Mapping[str, str], Mapping[str, str]] = ({}, {}),
    ) -> None:
        #: when each side deleted an id (its ``retired`` table): the "when" of
        #: the deleting side in a deleted-versus-changed conflict.
        self.deleted = deleted
        self.ours_label = ours_label
        self.theirs_label = theirs_label
        #: every conflict's ``created``: the later of the two sides' last edits.
        self.stamp = max(ours_stamp, theirs_stamp)
        self.conflicts: dict[str, Conflict] = {}
        self.ours_count: dict[str, int] = {}
        self.theirs_count: dict[str, int] = {}
        #: ids this merge retires (theirs' copy of a link both sides added).
        self.retired: dict[str, str] = {}

    def count(self, section: str, *, ours: bool = False, theirs: bool = False) -> None:
        if ours:
            self.ours_count[section] = self.ours_count.get(section, 0) + 1
        if theirs:
            self.theirs_count[section] = self.theirs_count.get(section, 0) + 1

    def conflict(
        self,
        section: str,
        record: str,
        kind: ConflictKind,
        name: str,
        *,
        values: tuple[Any, Any, Any],
        stamps: tuple[str, str],
    ) -> None:
        base, ours, theirs = values
        found = Conflict.from_dict(
            {
                "id": conflict_id(section, record, name),
                "section": section,
                "record": record,
                "kind": kind.value,
                "field": name,
                "base": base,
                "ours": ours,
                "theirs": theirs,
                "ours_label": self.ours_label,
                "theirs_label": self.theirs_label,
                "ours_modified": stamps[0],
                "theirs_modified": stamps[1],
                "created": self.stamp,
            }
        )
        self.conflicts[found.id] = found

    # --- one record ---------------------------------------------------------------

    def fields(self, section: str, rid: str, base: R | None, ours: R, theirs: R) -> R:
        """Both sides changed this record: merge it field by field."""
        cls = type(ours)
        b = base.to_dict() if base is not None else {}
        o, t = ours.to_dict(), theirs.to_dict()
        stamps = (o.get("modified", ""), t.get("modified", ""))
        texts, lists = free_text_fields(cls), list_fields(cls)
        merged: dict[str, Any] = {}
        for name, mine in o.items():
            old, other = b.get(name), t.get(name)
            if name == "modified" or other in (mine, old):
                merged[name] = mine
            elif mine == old:
                merged[name] = other
            elif name in texts:
                merged[name] = self._text(
                    section, rid, name, (str(old or ""), mine, str(other)), stamps
                )
            elif name in lists:
                items, reordered = merge_list(old or [], mine, other or [])
                if reordered or len(items) > MAX_PRIORITIES:
                    items = mine
                    values = (old, mine, other)
                    self.conflict(
                        section, rid, ConflictKind.FIELD, name, values=values, stamps=stamps
                    )
                merged[name] = items
            else:
                merged[name] = mine
                values = (old, mine, other)
                self.conflict(section, rid, ConflictKind.FIELD, name, values=values, stamps=stamps)
        if "modified" in merged:
            merged["modified"] = max(stamps)
        self.count(section, ours=True, theirs=True)
        return cls.from_dict(merged)

    def _text(
        self,
        section: str,
        rid: str,
        name: str,
        values: tuple[str, str, str],
        stamps: tuple[str, str],
    ) -> str:
        base, ours, theirs = values
        merged = merge_text(
            base,
            ours,
            theirs,
            ours_mark=marker("ours", self.ours_label, stamps[0]),
            theirs_mark=marker("theirs", self.theirs_label, stamps[1]),
        )
        if len(merged.text) > MAX_TEXT_CHARS:
            # Both texts do not fit in one field: ours stays, theirs is in the conflict.
            self.conflict(section, rid, ConflictKind.FIELD, name, values=values, stamps=stamps)
            return ours
        if merged.conflicted:
            self.conflict(section, rid, ConflictKind.TEXT, name, values=values, stamps=stamps)
        return merged.text

    def table(
        self,
        section: str,
        base: Mapping[str, R],
        ours: Mapping[str, R],
        theirs: Mapping[str, R],
        *,
        keep_for_ours: Callable[[R], bool] = lambda _record: False,
        keep_for_theirs: Callable[[R], bool] = lambda _record: False,
        touched: tuple[Container[str], Container[str]] = ((), ()),
    ) -> dict[str, R]:
        """Merge one table of records keyed by id (see the module doc).

        ``keep_for_ours(record)``: ours deleted ``record`` only as a consequence
        of a deletion that is itself a conflict, so theirs' copy stays without
        a conflict of its own (and ``keep_for_theirs`` the other way round).
        ``touched``: ids ours and theirs changed in other tables (a person
        whose links or touches a side changed), so a deletion is a conflict.
        """
        merged: dict[str, R] = {}
        for rid in merge_order(base, ours, theirs):
            b, o, t = base.get(rid), ours.get(rid), theirs.get(rid)
            if o is not None and t is not None:
                if t in (o, b):
                    merged[rid] = o
                    self.count(section, ours=o != b)
                elif o == b:
                    merged[rid] = t
                    self.count(section, theirs=True)
                else:
                    merged[rid] = self.fields(section, rid, b, o, t)
            elif o is not None or t is not None:
                spared = keep_for_theirs if o is not None else keep_for_ours
                elsewhere = rid in touched[0 if o is not None else 1]
                kept = self._one_side(section, b, o, t, spared=spared, touched=elsewhere)
                if kept is not None:
                    merged[rid] = kept
        return merged

    def _one_side(
        self,
        section: str,
        base: R | None,
        ours: R | None,
        theirs: R | None,
        *,
        spared: Callable[[R], bool],
        touched: bool,
    ) -> R | None:
        """A record only one side has: added there, or deleted on the other."""
        present = ours if ours is not None else theirs
        assert present is not None
        is_ours = ours is not None
        if base is None:
            self.count(section, ours=is_ours, theirs=not is_ours)
            return present
        if spared(present):
            return present
        if not touched and not field_changes(base.to_dict(), present.to_dict(), ignore=_IGNORE):
            self.count(section, ours=not is_ours, theirs=is_ours)  # the deletion wins
            return None
        record = present.to_dict()
        stamp = str(record.get("modified", ""))
        rid = str(record.get("id", section))
        values = (base.to_dict(), record if is_ours else None, None if is_ours else record)
        gone = self.deleted[1 if is_ours else 0].get(rid, "")
        if not _STAMP.fullmatch(gone):
            gone = ""  # a hand-edited retired table: the when is unknown, not an error
        stamps = (stamp, gone) if is_ours else (gone, stamp)
        self.conflict(section, rid, ConflictKind.DELETED, "", values=values, stamps=stamps)
        return present


def merge_order(base: Mapping[str, T], ours: Mapping[str, T], theirs: Mapping[str, T]) -> list[str]:
    """Ids in merged order: ours', then theirs' others; theirs leads if ours kept base's.

    >>> merge_order({"a": 1, "b": 1}, {"a": 1, "b": 1}, {"b": 1, "a": 1, "c": 1})
    ['b', 'a', 'c']
    >>> merge_order({"a": 1}, {"a": 1, "x": 1}, {"y": 1, "a": 1})
    ['a', 'x', 'y']
    """
    first, second = leading(base, ours, theirs)
    return list(dict.fromkeys([*first, *second]))


def leading(
    base: Mapping[str, T], ours: Mapping[str, T], theirs: Mapping[str, T]
) -> tuple[Mapping[str, T], Mapping[str, T]]:
    """``(first, second)``: ours leads, unless ours kept base's ids in base's order (then
    theirs, so ``merge(B, B, X)`` keeps X's order exactly)."""
    return (theirs, ours) if list(ours) == list(base) else (ours, theirs)
