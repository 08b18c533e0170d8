"""The record-level comparison: two sets of records, matched by id, field by field.

Every "what changed" in stakemap is this one function: ``diff`` between two
maps or a map and a review, the entries a review stores, and the team merge
(which compares base with ours and base with theirs). Records are compared as
their stored dicts (``Record.to_dict()``), the form a file holds, so a review
rebuilt from the file and a live map compare the same way.

Matching by id is what makes a rename a rename: the person keeps their id, so
a changed ``name`` is one field change, not a removal and an addition.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FieldChange", "RecordChange", "RecordDiff", "diff_records", "field_changes"]

Fields = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one record: ``old`` then ``new`` (``None`` when absent)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class RecordChange:
    """A record present on both sides whose fields differ."""

    key: str
    old: Fields
    new: Fields
    fields: tuple[FieldChange, ...]

    def get(self, name: str) -> FieldChange | None:
        """The change to field ``name``, if it changed."""
        return next((change for change in self.fields if change.field == name), None)


@dataclass(frozen=True, slots=True)
class RecordDiff:
    """What it takes to turn the old records into the new ones.

    ``added`` follows the new side's order, ``removed`` the old side's, and
    ``changed`` the new side's, so the same two inputs always give the same
    output (a merge that must be byte-identical twice relies on it).
    """

    added: dict[str, Fields] = field(default_factory=dict)
    removed: dict[str, Fields] = field(default_factory=dict)
    changed: dict[str, RecordChange] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def __len__(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)

    def keys(self) -> Iterator[str]:
        """Every key that differs, added then changed then removed."""
        yield from self.added
        yield from self.changed
        yield from self.removed


def field_changes(
    old: Fields, new: Fields, *, ignore: Collection[str] = ()
) -> tuple[FieldChange, ...]:
    """The fields whose values differ, in ``new``'s field order then ``old``'s leftovers.

    >>> field_changes({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4})
    (FieldChange(field='b', old=2, new=3), FieldChange(field='c', old=None, new=4))
    """
    changes = [
        FieldChange(name, old.get(name), value)
        for name, value in new.items()
        if name not in ignore and (name not in old or old[name] != value)
    ]
    changes += [
        FieldChange(name, value, None)
        for name, value in old.items()
        if name not in ignore and name not in new
    ]
    return tuple(changes)


def diff_records(
    old: Mapping[str, Fields],
    new: Mapping[str, Fields],
    *,
    ignore: Collection[str] = (),
) -> RecordDiff:
    """Compare two ``{id: record}`` mappings, matching records by id.

    ``ignore`` names fields whose differences do not count (e.g. ``modified``,
    which every edit bumps): a record that differs only there is unchanged.
    Neither input is modified.

    Parameters
    ----------
    old, new
        Records keyed by id, each as the dict its file holds.
    ignore
        Field names left out of the comparison.

    Examples
    --------
    >>> old = {"p1": {"name": "Ann", "stance": "skeptic"}, "p2": {"name": "Bo"}}
    >>> new = {"p1": {"name": "Ann Lee", "stance": "skeptic"}, "p3": {"name": "Cy"}}
    >>> d = diff_records(old, new)
    >>> list(d.added), list(d.removed), d.changed["p1"].fields
    (['p3'], ['p2'], (FieldChange(field='name', old='Ann', new='Ann Lee'),))
    """
    added: dict[str, Fields] = {}
    changed: dict[str, RecordChange] = {}
    for key, after in new.items():
        before = old.get(key)
        if before is None:
            added[key] = after
        elif before != after:  # C-level dict comparison first: most records are equal
            fields = field_changes(before, after, ignore=ignore)
            if fields:
                changed[key] = RecordChange(key, before, after, fields)
    removed = {key: before for key, before in old.items() if key not in new}
    return RecordDiff(added, removed, changed)
