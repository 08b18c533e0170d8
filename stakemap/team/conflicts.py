"""Settling what a three-way merge left: describe each conflict, apply a choice.

A merge keeps what it cannot decide inside the map as ``records.Conflict``
(see ``vocab.ConflictKind`` for the shapes). Settling one is an ordinary edit
of the record it is about, made through the model's validated methods, so a
chosen value is checked exactly as if it were typed in a form, and then the
conflict is dropped. ``resolve_conflict`` returns the records before and
after (``Resolved.changes``), so the session records one undoable edit and
the CLI saves it under the store's lock; neither knows the shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

from stakemap.errors import NotFoundError, ValidationError
from stakemap.history import Change, Edit, Record
from stakemap.model import StakeMap
from stakemap.records import Conflict, Interaction, Link, Review, Stakeholder
from stakemap.vocab import ConflictKind, LinkKind, link_sentence

__all__ = [
    "Resolved",
    "Side",
    "conflict_json",
    "conflicts_json",
    "conflicts_phrase",
    "current_text",
    "describe_conflict",
    "kind_phrase",
    "resolve_all",
    "resolve_conflict",
    "show_value",
    "subject",
    "when",
]

#: Which teammate's value to take.
Side = Literal["ours", "theirs"]

#: How much of a value a one-line description shows.
_SHOWN_CHARS: Final = 40


@dataclass(frozen=True, slots=True)
class Resolved:
    """One settled conflict: what was done, and every record it changed.

    ``changes`` holds the record's changes, then the conflict's removal, in
    the order they happened: ``history.Edit(label, changes, focus)`` undoes
    the whole settlement at once, conflict included.
    """

    conflict: Conflict
    message: str
    changes: tuple[Change, ...]
    focus: str | None = None

    def edit(self) -> Edit:
        return Edit(f"settle {self.message}", self.changes, self.focus)


def conflicts_phrase(count: int) -> str:
    """ "1 merge conflict", "3 merge conflicts": the banner's, ``show``'s and ``resolve``'s."""
    return f"{count} merge conflict" if count == 1 else f"{count} merge conflicts"


# --- describing ------------------------------------------------------------------


def current_record(stakemap: StakeMap, conflict: Conflict) -> Record | None:
    """The record the conflict is about as the map holds it now (``None``: not there)."""
    section, rid = conflict.section, conflict.record
    try:
        if section == "account":
            return stakemap.account
        if section == "people":
            return stakemap.person(rid)
        if section == "links":
            return stakemap.link(rid)
        if section == "interactions":
            return stakemap.interaction(rid)
        return stakemap.review(rid)
    except NotFoundError:
        return None


def _whole(conflict: Conflict) -> dict[str, Any]:
    """The whole record a ``deleted`` conflict keeps (the side that did not delete it)."""
    for value in (conflict.ours, conflict.theirs, conflict.base):
        if isinstance(value, dict):
            return value
    return {}


def _name(stakemap: StakeMap, pid: object) -> str:
    if isinstance(pid, str) and pid in stakemap:
        return stakemap.person(pid).name
    return f"person {pid}"


def subject(stakemap: StakeMap, conflict: Conflict) -> str:
    """What the conflict is about, by name: a person, a link's sentence, a touch."""
    record = current_record(stakemap, conflict)
    data = record.to_dict() if record is not None else _whole(conflict)
    if conflict.section == "account":
        return "the account"
    if conflict.section == "people":
        name = data.get("name")
        return name if isinstance(name, str) and name else f"person {conflict.record}"
    if conflict.section == "links":
        try:
            kind = LinkKind(str(data.get("kind")))
        except ValueError:
            return f"link {conflict.record}"
        source, target = _name(stakemap, data.get("source")), _name(stakemap, data.get("target"))
        strength = data.get("strength")
        return link_sentence(source, kind, target, strength if isinstance(strength, int) else None)
    if conflict.section == "interactions":
        who, day = _name(stakemap, data.get("person")), data.get("date")
        return f"the touch with {who} on {day}" if day else f"touch {conflict.record}"
    day, label = data.get("date"), data.get("label")
    if label:
        return f"the review {label!r}"
    return f"the review of {day}" if day else f"review {conflict.record}"


def show_value(value: object, width: int = _SHOWN_CHARS) -> str:
    """A value on one short line: the first line of a text, a list joined, a flag in words."""
    if value is None:
        return "(deleted)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return show_value("; ".join(str(item) for item in value), width) if value else "(none)"
    if isinstance(value, dict):
        return "(the whole record)"
    text = str(value).strip()
    if not text:
        return "(empty)"
    line = text.splitlines()[0]
    if len(line) > width or line != text:
        return line[: width - 1].rstrip() + "…"
    return line


def _plain(value: object) -> object:
    """A record's attribute as its file holds it (a tuple as a list, a vocabulary word as text)."""
    if isinstance(value, tuple):
        return list(value)
    return str(value) if isinstance(value, str) else value


def when(stamp: str) -> str:
    """ "2026-12-01 10:02" from a record's ``modified`` stamp."""
    if not stamp:
        return "time unknown"
    return stamp.replace("T", " ")[:16]


def _stamped(stamp: str, prefix: str = "") -> str:
    """`` (changed 2026-12-01 10:02)``, or nothing when the side's time is unknown."""
    return f" ({prefix}{when(stamp)})" if stamp else ""


def _whose(stakemap: StakeMap, conflict: Conflict) -> str:
    name = subject(stakemap, conflict)
    if conflict.section in ("people", "account"):
        return f"{name}'s {conflict.field}"
    return f"{name}: {conflict.field}"


def kind_phrase(conflict: Conflict) -> str:
    """What happened, in words: the line under a conflict's name in the app."""
    if conflict.kind is ConflictKind.TEXT:
        return f"both rewrote the {conflict.field}"
    if conflict.kind is ConflictKind.DELETED:
        return "deleted on one side, changed on the other"
    return f"both changed the {conflict.field}"


def current_text(stakemap: StakeMap, conflict: Conflict) -> str:
    """The merged record's value as a person would type it (what an edit starts from)."""
    record = current_record(stakemap, conflict)
    value = _plain(getattr(record, conflict.field, None)) if record is not None else None
    if value is None:
        value = conflict.ours
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return "" if value is None else str(value)


def describe_conflict(stakemap: StakeMap, conflict: Conflict) -> str:
    """One line naming the record and both sides, e.g.
    "Dana Whitfield's stance: ours supporter (changed 2026-12-01 10:02),
    theirs skeptic (2026-12-02 09:15)"."""
    ours = f"{conflict.ours_label} {{}}" + _stamped(conflict.ours_modified, "changed ")
    theirs = f"{conflict.theirs_label} {{}}" + _stamped(conflict.theirs_modified)
    present = current_record(stakemap, conflict) is not None
    if conflict.kind is ConflictKind.DELETED:
        sides = [
            (conflict.ours, ours),
            (conflict.theirs, theirs),
        ]
        said = ", ".join(
            form.format("deleted it" if value is None else "changed it") for value, form in sides
        )
        if not present and conflict.section == "links":
            return f"{subject(stakemap, conflict)}: {said}; the map could not take the link"
        gone = "" if present else "; no longer in the map"
        return f"{subject(stakemap, conflict)}: {said}{gone}"
    both = f"{ours.format(show_value(conflict.ours))}, {theirs.format(show_value(conflict.theirs))}"
    gone = "" if present else "; the record is no longer in the map"
    return f"{_whose(stakemap, conflict)}: {both}{gone}"


def conflict_json(stakemap: StakeMap, conflict: Conflict) -> dict[str, Any]:
    """A conflict for ``--json``: every field, its description, and whether its record exists."""
    return {
        **conflict.to_dict(),
        "description": describe_conflict(stakemap, conflict),
        "present": current_record(stakemap, conflict) is not None,
    }


def conflicts_json(stakemap: StakeMap) -> dict[str, Any]:
    """``stakemap conflicts --json``: how many, and each one."""
    found = stakemap.conflicts
    return {"count": len(found), "conflicts": [conflict_json(stakemap, c) for c in found]}


# --- settling --------------------------------------------------------------------


def _unknown(stakemap: StakeMap, cid: str) -> NotFoundError:
    ids = ", ".join(c.id for c in stakemap.conflicts)
    known = f"the map's conflicts are {ids}" if ids else "the map has no conflicts"
    return NotFoundError(f"no conflict has the id {cid!r}; {known}")


def resolve_conflict(
    stakemap: StakeMap, cid: str, *, take: Side | None = None, value: str | None = None
) -> Resolved:
    """Settle conflict ``cid``: take one side's value, or ``value`` typed by the user.

    ``value`` is read by the field's own parser, so a bad value raises the
    field's ``ValidationError`` and changes nothing. For a ``deleted``
    conflict, taking the side that deleted the record deletes it (a person
    with their links and touches), taking the other keeps it, or adds it back
    when the map does not hold it (a link the merge could not take: the
    model refuses it again, in its own words, if it still does not fit).
    """
    if (take is None) == (value is None):
        raise ValidationError("choice", None, reason="give exactly one of ours, theirs or a value")
    if take not in (None, "ours", "theirs"):
        raise ValidationError("choice", take, ["ours", "theirs"])
    try:
        conflict = stakemap.conflict(cid)
    except NotFoundError:
        raise _unknown(stakemap, cid) from None
    name = subject(stakemap, conflict)
    before = current_record(stakemap, conflict)
    label = conflict.ours_label if take == "ours" else conflict.theirs_label
    if conflict.kind is ConflictKind.DELETED:
        if take is None:
            raise ValidationError(
                "value", None, reason=f"{name} was deleted on one side: take ours or theirs"
            )
        chosen = conflict.ours if take == "ours" else conflict.theirs
        changes = _settle_presence(stakemap, conflict, before, chosen)
        done = "deleted" if chosen is None else ("kept" if before is not None else "added")
        message = f"{name}: {done}, as {label} had it"
    else:
        new = value if take is None else (conflict.ours if take == "ours" else conflict.theirs)
        changes = _set_field(stakemap, conflict, before, new)
        after = current_record(stakemap, conflict)
        if after is None:
            message = f"{name}: no longer in the map, nothing to change"
        else:
            shown = show_value(_plain(getattr(after, conflict.field, new)))
            how = "set to" if take is None else f"took {label}:"
            message = f"{_whose(stakemap, conflict)} {how} {shown}"
    settled = stakemap.remove_conflict(cid)
    return Resolved(settled, message, (*changes, Change(settled, None)), _focus(before, changes))


def resolve_all(stakemap: StakeMap, *, take: Side) -> list[Resolved]:
    """Settle every conflict the same way (``resolve --all --ours``), in the merge's order."""
    return [resolve_conflict(stakemap, c.id, take=take) for c in stakemap.conflicts]


def _focus(before: Record | None, changes: tuple[Change, ...]) -> str | None:
    """The person a UI should select after the settlement (or its undo)."""
    records = [before, *(c.after for c in changes), *(c.before for c in changes)]
    for record in records:
        if isinstance(record, Stakeholder):
            return record.id
        if isinstance(record, Link):
            return record.source
        if isinstance(record, Interaction):
            return record.person
    return None


def _set_field(
    stakemap: StakeMap, conflict: Conflict, before: Record | None, new: object
) -> tuple[Change, ...]:
    """Give the record's field ``new``, validated by the model; nothing when it is gone."""
    if before is None:
        return ()
    field, rid = conflict.field, conflict.record
    after: Record
    if isinstance(before, Stakeholder):
        after = stakemap.update_person(rid, {field: new})
    elif isinstance(before, Interaction):
        after = stakemap.update_interaction(rid, {field: new})
    elif isinstance(before, Link) and field == "strength":
        after = stakemap.update_link(rid, strength=_strength(new))
    elif isinstance(before, Link | Review):
        if before.evolve({field: new}) != before:
            what = "a link's ends and kind" if isinstance(before, Link) else "a review"
            raise ValidationError(
                field, None, reason=f"{what} cannot be changed; delete it and add the one you want"
            )
        return ()
    else:
        after = stakemap.update_account({field: new})
    return () if after == before else (Change(before, after),)


def _strength(value: object) -> int | str:
    if isinstance(value, int | str) and not isinstance(value, bool):
        return value
    raise ValidationError("strength", value, reason="must be 1, 2 or 3")


def _settle_presence(
    stakemap: StakeMap, conflict: Conflict, before: Record | None, chosen: object
) -> tuple[Change, ...]:
    """Make the record absent (``chosen`` is ``None``) or present (a record dict)."""
    if chosen is None:
        return () if before is None else _delete(stakemap, before)
    if before is not None:
        return ()  # the merge kept the changed record: it stays as it is now
    if not isinstance(chosen, dict):
        raise ValidationError(conflict.section, None, reason="the kept record is damaged")
    record: Record
    if conflict.section == "people":
        record = Stakeholder.from_dict(chosen)
        stakemap.put_person(record)
    elif conflict.section == "links":
        record = Link.from_dict(chosen)
        stakemap.put_link(record)
    elif conflict.section == "interactions":
        record = Interaction.from_dict(chosen)
        stakemap.put_interaction(record)
    elif conflict.section == "reviews":
        record = Review.from_dict(chosen)
        stakemap.put_review(record)
    else:
        raise ValidationError("section", "account", reason="the account cannot be deleted")
    return (Change(None, record),)


def _delete(stakemap: StakeMap, record: Record) -> tuple[Change, ...]:
    if isinstance(record, Stakeholder):
        touches = stakemap.interactions_of(record.id)
        person, links = stakemap.remove_person(record.id)
        return Edit.person_removed(person, links, touches).changes
    if isinstance(record, Link):
        return (Change(stakemap.remove_link(record.id), None),)
    if isinstance(record, Interaction):
        return (Change(stakemap.remove_interaction(record.id), None),)
    if isinstance(record, Review):
        return (Change(stakemap.remove_review(record.id), None),)
    raise ValidationError("section", "account", reason="the account cannot be deleted")
