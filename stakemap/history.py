"""Undo and redo for map edits, as reversible records of what changed.

An edit is stored as the records it touched, before and after, not as the
operation that produced it. Undo puts the ``before`` records back and redo the
``after`` ones, through the model's exact-restore methods (``put_person``,
``put_link``, ``remove_*``), so an undone edit returns every field bit for bit:
timestamps, ids and, for a deleted person, the exact set of links that went
with them. Replaying an operation instead (``add_person`` again) would mint a
new id and break every link and reference to the old one.

Nothing here imports Textual: the app, a future CLI ``undo`` and the tests use
the same class.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from stakemap.model import StakeMap
from stakemap.records import Account, Conflict, Interaction, Link, Review, Stakeholder

__all__ = ["Change", "Edit", "History"]


Record = Stakeholder | Link | Account | Interaction | Review | Conflict

#: How many edits a session can undo; an edit holds a few records, so this is
#: a few hundred kilobytes at most.
DEFAULT_LIMIT: Final = 500


@dataclass(frozen=True, slots=True)
class Change:
    """One record before and after an edit; ``None`` means absent (added or removed)."""

    before: Record | None
    after: Record | None

    def __post_init__(self) -> None:
        if self.before is None and self.after is None:
            raise ValueError("a change needs a record before or after it")
        if (
            self.before is not None
            and self.after is not None
            and type(self.before) is not type(self.after)
        ):
            raise ValueError("a change cannot turn one kind of record into another")

    def inverse(self) -> Change:
        return Change(self.after, self.before)


def _apply(stakemap: StakeMap, change: Change) -> None:
    """Make the map hold ``change.after`` in place of ``change.before``."""
    if change.after is None:
        gone = change.before
        if isinstance(gone, Stakeholder):
            stakemap.remove_person(gone.id)
        elif isinstance(gone, Link):
            stakemap.remove_link(gone.id)
        elif isinstance(gone, Interaction):
            stakemap.remove_interaction(gone.id)
        elif isinstance(gone, Review):
            stakemap.remove_review(gone.id)  # undo pops edits newest first: the latest
        elif isinstance(gone, Conflict):
            stakemap.remove_conflict(gone.id)
        return
    record = change.after
    if isinstance(record, Stakeholder):
        stakemap.put_person(record)
    elif isinstance(record, Link):
        stakemap.put_link(record)
    elif isinstance(record, Interaction):
        stakemap.put_interaction(record)
    elif isinstance(record, Review):
        stakemap.put_review(record)
    elif isinstance(record, Conflict):
        stakemap.put_conflict(record)
    else:
        stakemap.put_account(record)


@dataclass(frozen=True, slots=True)
class Edit:
    """The records one user action changed, in the order it changed them.

    ``focus`` is the stakeholder a UI should select after the edit is undone or
    redone, so the user sees what came back.
    """

    label: str
    changes: tuple[Change, ...]
    focus: str | None = None

    @classmethod
    def person_added(cls, person: Stakeholder) -> Edit:
        return cls(f"add {person.name}", (Change(None, person),), person.id)

    @classmethod
    def person_changed(cls, before: Stakeholder, after: Stakeholder, what: str = "") -> Edit:
        label = f"{what or 'edit'} {after.name}"
        return cls(label, (Change(before, after),), after.id)

    @classmethod
    def person_removed(
        cls,
        person: Stakeholder,
        links: Iterable[Link],
        interactions: Iterable[Interaction] = (),
    ) -> Edit:
        # Links and touches first: a person can only leave once nothing points
        # at them, and undo (reversed order) must put the person back first.
        changes = (
            *(Change(link, None) for link in links),
            *(Change(touch, None) for touch in interactions),
            Change(person, None),
        )
        return cls(f"delete {person.name}", changes, person.id)

    @classmethod
    def link_added(cls, link: Link, label: str) -> Edit:
        return cls(label, (Change(None, link),), link.source)

    @classmethod
    def link_changed(cls, before: Link, after: Link, label: str) -> Edit:
        return cls(label, (Change(before, after),), after.source)

    @classmethod
    def link_removed(cls, link: Link, label: str) -> Edit:
        return cls(label, (Change(link, None),), link.source)

    @classmethod
    def account_changed(cls, before: Account, after: Account) -> Edit:
        return cls("edit account", (Change(before, after),), None)

    @classmethod
    def review_recorded(cls, review: Review) -> Edit:
        what = f"review {review.label!r}" if review.label else f"the review of {review.date}"
        return cls(f"record {what}", (Change(None, review),))

    def apply(self, stakemap: StakeMap) -> None:
        """Redo: replay the changes in their original order."""
        for change in self.changes:
            _apply(stakemap, change)

    def revert(self, stakemap: StakeMap) -> None:
        """Undo: the inverse changes in reverse order."""
        for change in reversed(self.changes):
            _apply(stakemap, change.inverse())


class History:
    """Two stacks of edits; a new edit clears the redo stack, as everywhere else.

    The caller performs an edit with the model's ordinary methods (which mint
    ids and timestamps) and then ``record``s the result. ``undo`` and ``redo``
    return the edit they replayed so the caller can report it and move the
    selection, or ``None`` when there is nothing to do.

    >>> from stakemap.model import StakeMap
    >>> m = StakeMap.new("Acme")
    >>> h = History()
    >>> ann = m.add_person(name="Ann")
    >>> h.record(Edit.person_added(ann))
    >>> h.undo(m).label, len(m)
    ('add Ann', 0)
    >>> h.redo(m).label, m.person(ann.id) == ann
    ('add Ann', True)
    """

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self._undo: deque[Edit] = deque(maxlen=limit)
        self._redo: list[Edit] = []

    def record(self, edit: Edit) -> None:
        if not edit.changes:
            return
        self._undo.append(edit)
        self._redo.clear()

    def undo(self, stakemap: StakeMap) -> Edit | None:
        if not self._undo:
            return None
        edit = self._undo.pop()
        try:
            edit.revert(stakemap)
        except Exception:
            self._undo.append(edit)
            raise
        self._redo.append(edit)
        return edit

    def redo(self, stakemap: StakeMap) -> Edit | None:
        if not self._redo:
            return None
        edit = self._redo.pop()
        try:
            edit.apply(stakemap)
        except Exception:
            self._redo.append(edit)
            raise
        self._undo.append(edit)
        return edit

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    def __len__(self) -> int:
        return len(self._undo)

    @property
    def edits(self) -> Sequence[Edit]:
        """The undoable edits, oldest first (for a history view or a test)."""
        return tuple(self._undo)
