"""An editing session: one open map, its file, its undo history and autosave.

The app never calls the model's edit methods directly; it goes through a
``Session``, which does the three things every edit needs in one place:

1. the edit itself, validated by the model (a refused edit changes nothing),
2. an undo record of exactly what changed (``history.Edit``),
3. an atomic save of the whole map, straight away.

Saving never overwrites a file that changed on disk since it was read (another
window, the CLI, a teammate's copy synced in). Instead the session enters the
``CONFLICT`` state, keeps the edits in memory and lets the UI offer the three
ways out: ``reload`` (take theirs), ``save(force=True)`` (keep mine) or
``save_as`` (keep both). A save that fails for another reason (disk full, no
permission) leaves the session ``FAILED`` with the sentence to show; again,
nothing in memory is lost.

No Textual here: the whole editing flow is tested headless.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Literal, TypeVar

from stakemap.analysis.config import AnalysisConfig
from stakemap.analysis.snapshot import record_review
from stakemap.errors import (
    MapConflictError,
    MapFileError,
    NotFoundError,
    StakemapError,
    ValidationError,
)
from stakemap.history import Change, Edit, History
from stakemap.model import StakeMap
from stakemap.records import Account, Interaction, Link, Review, Stakeholder
from stakemap.store import MapStore
from stakemap.team import conflicts
from stakemap.timeline import interactions as touches
from stakemap.vocab import Coverage, LinkKind, Stance, label, link_sentence, step

__all__ = [
    "DiskCheck",
    "FieldClash",
    "FieldClashError",
    "Keep",
    "MapSnapshot",
    "SaveState",
    "Session",
]

_R = TypeVar("_R", Account, Stakeholder)

#: Who wins a field both sides changed: the user's value or the file's.
Keep = Literal["mine", "theirs"]


@dataclass(frozen=True, slots=True)
class MapSnapshot:
    """A map's records at one instant; ``build`` makes an independent map of them."""

    account: Account
    people: tuple[Stakeholder, ...]
    links: tuple[Link, ...]
    retired: dict[str, str]
    interactions: tuple[Interaction, ...] = field(default=())

    def build(self) -> StakeMap:
        return StakeMap.from_records(
            self.account,
            self.people,
            self.links,
            retired=self.retired,
            interactions=self.interactions,
        )


class SaveState(StrEnum):
    """What the file on disk holds compared with the map in memory."""

    SAVED = "saved"  # the file holds exactly this map
    UNSAVED = "unsaved"  # edits not written yet (autosave off)
    CONFLICT = "conflict"  # the file changed on disk; saving would overwrite it
    FAILED = "failed"  # the last save failed (see ``Session.error``)


@dataclass(frozen=True, slots=True)
class FieldClash:
    """One field changed both in the file and by the user since the form opened."""

    field: str
    base: object  # the value the user started from
    theirs: object  # the value in the file now
    mine: object  # the value the user typed


class FieldClashError(StakemapError):
    """An edit met other changes to the same fields; nothing was applied.

    The front end shows both values and retries with ``keep="mine"`` or
    ``keep="theirs"``; fields only one side changed are never in question.
    """

    def __init__(self, what: str, clashes: tuple[FieldClash, ...]) -> None:
        self.what = what
        self.clashes = clashes
        fields = ", ".join(clash.field for clash in clashes)
        super().__init__(f"{what}: {fields} changed in the file meanwhile; choose whose to keep")


class DiskCheck(StrEnum):
    """What ``Session.poll`` found on disk."""

    UNCHANGED = "unchanged"
    RELOADED = "reloaded"  # changed on disk, nothing local to lose: now showing theirs
    CONFLICT = "conflict"  # changed on disk while local edits are unsaved


#: Fields the quick keys step along their ordinal scale, with what to skip.
_STEPPABLE: dict[str, tuple[type[Stance] | type[Coverage], tuple[object, ...]]] = {
    "stance": (Stance, (Stance.UNKNOWN,)),
    "coverage": (Coverage, ()),
}


class Session:
    """One map open for editing; every edit is recorded for undo and autosaved."""

    def __init__(self, store: MapStore, stakemap: StakeMap, *, autosave: bool = True) -> None:
        self.store = store
        self.map = stakemap
        self.history = History()
        self.autosave = autosave
        self.state = SaveState.SAVED
        #: the sentence explaining a ``FAILED`` or ``CONFLICT`` state.
        self.error: str | None = None

    # --- opening --------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, **kwargs: bool) -> Session:
        """Load ``path``; raises ``MapFileError`` (one sentence) for a bad file."""
        store = MapStore(path)
        return cls(store, store.load(), **kwargs)

    @classmethod
    def create(
        cls, path: str | Path, account: str, *, initiative: str = "", owner: str = ""
    ) -> Session:
        """Write a new, empty map at ``path`` (refused if the file exists) and open it."""
        stakemap = StakeMap.new(account, initiative=initiative, owner=owner)
        store = MapStore(path)
        store.create(stakemap)
        return cls(store, stakemap)

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def dirty(self) -> bool:
        """True when the map in memory holds edits the file does not."""
        return self.state is not SaveState.SAVED

    # --- edits ------------------------------------------------------------------

    def add_person(self, fields: Mapping[str, object]) -> Stakeholder:
        person = self.map.add_person(fields)
        self._commit(Edit.person_added(person))
        return person

    def update_person(
        self,
        pid: str,
        fields: Mapping[str, object],
        *,
        what: str = "edit",
        base: Stakeholder | None = None,
        keep: Keep | None = None,
    ) -> Stakeholder:
        """Apply ``fields`` to a person.

        With ``base`` (the record as the user saw it when they started, say when
        a form opened), only the fields that differ from it are applied, on top
        of the record as it is *now*, reloaded first if the file changed on
        disk: a change made meanwhile elsewhere (the CLI, another window) to the
        other fields survives. A field changed on both sides to different values
        raises ``FieldClashError`` and applies nothing, unless ``keep`` says
        whose value wins.
        """
        if base is not None:
            self._catch_up()
            try:
                current = self.map.person(pid)
            except NotFoundError:
                raise NotFoundError(
                    f"{base.name} was deleted from {self.path.name} meanwhile; nothing saved"
                ) from None
            fields = _rebase(base.name, base, current, fields, keep)
        before = self.map.person(pid)
        after = self.map.update_person(pid, fields)
        if after is not before:
            self._commit(Edit.person_changed(before, after, what))
        return after

    def step(self, pid: str, field: str, delta: int) -> Stakeholder:
        """Move ``stance`` or ``coverage`` one notch up or down its scale (quick keys)."""
        if field not in _STEPPABLE:
            raise ValidationError(field, field, reason="only stance and coverage can be stepped")
        person = self.map.person(pid)
        _, skip = _STEPPABLE[field]
        value = step(getattr(person, field), delta, skip=skip)
        return self.update_person(
            pid, {field: value}, what=f"set {field} to {label(value).lower()} for"
        )

    def remove_person(self, pid: str) -> tuple[Stakeholder, list[Link]]:
        touches = self.map.interactions_of(pid)
        person, links = self.map.remove_person(pid)
        self._commit(Edit.person_removed(person, links, touches))
        return person, links

    def add_link(
        self, source: str, target: str, kind: LinkKind | str, strength: int | str | None = None
    ) -> Link:
        link = self.map.add_link(source, target, kind, strength)
        self._commit(Edit.link_added(link, f"link {self.describe_link(link)}"))
        return link

    def update_link(
        self, lid: str, fields: Mapping[str, object] | None = None, /, **more: object
    ) -> Link:
        """Change a link's kind, strength or direction (``StakeMap.update_link``); one undo."""
        before = self.map.link(lid)
        after = self.map.update_link(lid, {**(fields or {}), **more})
        if after is not before:
            self._commit(Edit.link_changed(before, after, f"change {self.describe_link(after)}"))
        return after

    def remove_link(self, lid: str) -> Link:
        description = self.describe_link(self.map.link(lid))
        link = self.map.remove_link(lid)
        self._commit(Edit.link_removed(link, f"unlink {description}"))
        return link

    def update_account(
        self,
        fields: Mapping[str, object],
        *,
        base: Account | None = None,
        keep: Keep | None = None,
    ) -> Account:
        """Apply ``fields`` to the account; ``base`` and ``keep`` as in ``update_person``."""
        if base is not None:
            self._catch_up()
            fields = _rebase("the account", base, self.map.account, fields, keep)
        before = self.map.account
        after = self.map.update_account(fields)
        if after is not before:
            self._commit(Edit.account_changed(before, after))
        return after

    def log_touch(
        self,
        pid: str,
        fields: Mapping[str, object],
        *,
        today: date,
        allow_future: bool = False,
    ) -> touches.Logged:
        """Log a touch and move the person (``timeline.interactions.log_touch``); one undo."""
        logged = touches.log_touch(self.map, pid, fields, today=today, allow_future=allow_future)
        changes = [Change(None, logged.interaction)]
        if logged.changed:
            changes.append(Change(logged.before, logged.after))
        self._commit(Edit(f"log a touch with {logged.after.name}", tuple(changes), pid))
        return logged

    def remove_touch(self, iid: str) -> touches.Removed:
        """Take a touch out of the log (``timeline.interactions.remove_touch``); one undo."""
        removed = touches.remove_touch(self.map, iid)
        changes = [Change(removed.interaction, None)]
        if removed.changed:
            changes.append(Change(removed.before, removed.after))
        label = f"remove a touch with {removed.after.name}"
        self._commit(Edit(label, tuple(changes), removed.after.id))
        return removed

    def close_step(self, iid: str) -> touches.Closed:
        """Mark a touch's next step done (the promise kept); one undo."""
        closed = touches.close_step(self.map, iid)
        if closed.changed:
            label = f"close a next step with {closed.person.name}"
            change = Change(closed.before, closed.after)
            self._commit(Edit(label, (change,), closed.person.id))
        return closed

    def record_review(
        self, *, label: str, today: date, config: AnalysisConfig | None = None
    ) -> Review:
        """Record a review of the map as it is ``today`` ("map: record review").

        Undoable like any edit: a review recorded by mistake (wrong label, too
        early) is taken back with undo, which removes it and its entries; it is
        always the latest review then, because undo goes newest first.
        """
        self._catch_up()
        review = record_review(self.map, day=today, label=label, config=config)
        self._commit(Edit.review_recorded(review))
        return review

    def resolve_conflict(
        self, cid: str, *, take: conflicts.Side | None = None, value: str | None = None
    ) -> conflicts.Resolved:
        """Settle a merge conflict (``team.conflicts.resolve_conflict``); one undo.

        Undo brings back the record as it was and the conflict with it, so a
        wrong choice is made again from the same two values.
        """
        resolved = conflicts.resolve_conflict(self.map, cid, take=take, value=value)
        self._commit(resolved.edit())
        return resolved

    def undo(self) -> Edit | None:
        edit = self.history.undo(self.map)
        if edit is not None:
            self._after_change()
        return edit

    def redo(self) -> Edit | None:
        edit = self.history.redo(self.map)
        if edit is not None:
            self._after_change()
        return edit

    def describe_link(self, link: Link) -> str:
        """ "Ann Lee influences Bo Chen (strength 3)": links in messages and undo labels."""
        source = self.map.person(link.source).name
        target = self.map.person(link.target).name
        return link_sentence(source, link.kind, target, link.strength)

    # --- saving -----------------------------------------------------------------

    def save(self, *, force: bool = False) -> SaveState:
        """Write the map; never raises for a conflict or an I/O failure, reports it.

        ``force`` is the user's "keep mine" after a conflict: overwrite the file.
        """
        try:
            self.store.save(self.map, force=force)
        except MapConflictError as exc:
            self.state, self.error = SaveState.CONFLICT, str(exc)
        except MapFileError as exc:
            self.state, self.error = SaveState.FAILED, str(exc)
        else:
            self.state, self.error = SaveState.SAVED, None
        return self.state

    def poll(self) -> DiskCheck:
        """Look at the file: take an outside change in silently if nothing would be lost.

        Called on a timer by the app. With no local edits pending, the outside
        change (say, ``stakemap person add`` in another terminal) is reloaded;
        with edits pending, the session goes to ``CONFLICT`` and the UI asks.
        """
        if self.state is SaveState.CONFLICT or not self.store.changed_on_disk():
            return DiskCheck.UNCHANGED
        if self.dirty:
            self.state = SaveState.CONFLICT
            self.error = str(MapConflictError(self.path))
            return DiskCheck.CONFLICT
        try:
            self.reload()
        except MapFileError as exc:
            # Theirs is unreadable (a broken copy synced in): keep ours, let the
            # user decide whether to overwrite it or save elsewhere.
            self.state, self.error = SaveState.CONFLICT, str(exc)
            return DiskCheck.CONFLICT
        return DiskCheck.RELOADED

    def reload(self) -> None:
        """Discard the map in memory for the file's content ("take theirs").

        The undo history goes too: its records describe a map that no longer
        exists, and replaying them over someone else's edits could silently
        undo theirs.
        """
        self.map = self.store.load()
        self.history.clear()
        self.state, self.error = SaveState.SAVED, None

    def save_as(self, path: str | Path) -> None:
        """Write the map to a new file and continue editing there (the old file is left alone).

        Refuses an existing file, like ``stakemap new``: overwriting a map is
        what "keep mine" is for.
        """
        store = MapStore(path, unknown_tables=self.store.unknown_tables)
        store.create(self.map)
        self.store = store
        self.state, self.error = SaveState.SAVED, None

    def snapshot(self) -> MapSnapshot:
        """The map's records as they are now, for a worker thread (the analysis).

        The map is edited on the UI thread, and a thread reading the live graph
        could see it half-changed. Records are immutable, so capturing the
        lists is a safe snapshot and costs next to nothing; the worker then
        rebuilds its own map from them with ``MapSnapshot.build`` (~25 ms at
        1,000 people), off the UI thread.
        """
        m = self.map
        return MapSnapshot(
            m.account, tuple(m.people), tuple(m.links), dict(m.retired), tuple(m.interactions)
        )

    # --- internals --------------------------------------------------------------

    def _commit(self, edit: Edit) -> None:
        self.history.record(edit)
        self._after_change()

    def _catch_up(self) -> None:
        """Take in the file's latest content before an edit, when nothing local is at stake.

        With local edits pending the map stays as it is: the save that follows
        the edit then meets the changed file and the usual conflict choice.
        """
        if not self.dirty and self.store.changed_on_disk():
            self.reload()

    def _after_change(self) -> None:
        if self.autosave:
            self.save()
        elif self.state is SaveState.SAVED:
            self.state = SaveState.UNSAVED


def _rebase(
    what: str, base: _R, current: _R, fields: Mapping[str, object], keep: Keep | None
) -> dict[str, object]:
    """The changes ``fields`` makes to ``base``, to apply on top of ``current``.

    Values are compared validated (the form's "2026-11-30" is the record's
    date), so a field the user left alone is never in the result, and a field
    only the other side changed keeps the other side's value.
    """
    parsed = type(base).parse_fields(fields, partial=True)
    changes: dict[str, object] = {}
    clashes: list[FieldClash] = []
    for name, mine in parsed.items():
        start, theirs = getattr(base, name), getattr(current, name)
        if mine == start:
            continue  # not changed by the user
        if theirs not in (start, mine):
            clashes.append(FieldClash(name, start, theirs, mine))
            if keep != "mine":
                continue
        changes[name] = mine
    if clashes and keep is None:
        raise FieldClashError(what, tuple(clashes))
    return changes
