"""What a merge says to the person who ran it (or to git's log): plain sentences.

The CLI prints these lines; the conflicts listing and the app can name a
conflict's record with ``record_name`` and show a value with ``shown_value``.
Nothing here is markup: callers pass the lines through ``text.terminal_text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from stakemap.errors import NotFoundError
from stakemap.model import StakeMap
from stakemap.records import Conflict
from stakemap.team.merge import MergeResult
from stakemap.vocab import ConflictKind

__all__ = ["conflict_line", "merge_summary", "record_name", "shown_value"]

#: How many characters of a value one line shows.
_SHOWN: Final = 60
_NOUNS: Final[dict[str, tuple[str, str]]] = {
    "account": ("account change", "account changes"),
    "people": ("person", "people"),
    "links": ("link", "links"),
    "interactions": ("touch", "touches"),
}


def shown_value(value: Any) -> str:
    """A field's value in a line: quoted text (shortened), a list, a flag, or a record.

    >>> shown_value("champion"), shown_value(["cost", "ERP"]), shown_value(None)
    ("'champion'", "'cost; ERP'", 'nothing (deleted)')
    """
    if value is None:
        return "nothing (deleted)"
    if isinstance(value, dict):
        return "the whole record"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    text = str(value).replace("\n", " / ")
    if len(text) > _SHOWN:
        text = text[: _SHOWN - 1] + "…"
    return repr(text)


def _person(stakemap: StakeMap, pid: str, fallback: Mapping[str, Any] | None = None) -> str:
    if pid in stakemap:
        return stakemap.person(pid).name
    return str((fallback or {}).get("name") or pid)


def record_name(stakemap: StakeMap, conflict: Conflict) -> str:
    """The record a conflict is about, by name ("Dana Whitfield", "link Ann -> Bo (reports_to)")."""
    record: Mapping[str, Any] = next(
        (v for v in (conflict.ours, conflict.theirs, conflict.base) if isinstance(v, dict)), {}
    )
    rid = conflict.record
    if conflict.section == "account":
        return "the account"
    if conflict.section == "people":
        return _person(stakemap, rid, record)
    if conflict.section == "links":
        try:
            link = stakemap.link(rid).to_dict()
        except NotFoundError:
            link = dict(record)
        ends = " -> ".join(
            _person(stakemap, str(link.get(end, "?"))) for end in ("source", "target")
        )
        return f"link {ends} ({link.get('kind', '?')})"
    if conflict.section == "interactions":
        try:
            touch = stakemap.interaction(rid).to_dict()
        except NotFoundError:
            touch = dict(record)
        who = _person(stakemap, str(touch.get("person", "?")))
        return f"touch with {who} on {touch.get('date', '?')}"
    return f"{conflict.section} {rid}"


def _side(label: str, stamp: str) -> str:
    return f"{label}, {stamp}" if stamp else label


def conflict_line(stakemap: StakeMap, conflict: Conflict) -> str:
    """One conflict in one line: the record, the field, both values and when."""
    name = record_name(stakemap, conflict)
    ours = _side(conflict.ours_label, conflict.ours_modified)
    theirs = _side(conflict.theirs_label, conflict.theirs_modified)
    if conflict.kind is ConflictKind.DELETED:
        if conflict.section == "links" and conflict.base is None:
            return (
                f"{name}: added by {theirs} but it clashes with a link of "
                f"{conflict.ours_label}; left out until settled"
            )
        if conflict.ours is None:
            gone, kept = conflict.ours_label, theirs
        else:
            gone, kept = conflict.theirs_label, ours
        return f"{name}: deleted by {gone}, changed by {kept}; kept until settled"
    if conflict.kind is ConflictKind.TEXT:
        return (
            f"{name}: {conflict.field}: both rewrote the same lines ({ours}; {theirs}); "
            "both texts kept, marked"
        )
    return (
        f"{name}: {conflict.field}: {ours} {shown_value(conflict.ours)}, "
        f"{theirs} {shown_value(conflict.theirs)}; kept {conflict.ours_label}'s for now"
    )


def _taken(counts: Mapping[str, int]) -> str:
    parts = []
    for section, (one, many) in _NOUNS.items():
        number = counts.get(section, 0)
        if number and section != "account":
            parts.append(f"{number:,} {one if number == 1 else many}")
    return ", ".join(parts) or "nothing"


def merge_summary(result: MergeResult, *, path: str, ours: str, theirs: str) -> list[str]:
    """The lines ``stakemap merge`` prints: what came from where, then each conflict."""
    lines = [
        f"merged {path}: from {ours}: {_taken(result.counts.ours)}; "
        f"from {theirs}: {_taken(result.counts.theirs)}"
    ]
    remaining = result.stakemap.conflicts
    if not remaining:
        lines.append("no conflicts")
        return lines
    new = {c.id for c in result.conflicts}
    carried = len([c for c in remaining if c.id not in new])
    noun = "conflict" if len(remaining) == 1 else "conflicts"
    more = f" ({carried:,} from before)" if carried else ""
    lines.append(f"{len(remaining):,} {noun} kept in the map{more}:")
    lines += [f"  {conflict_line(result.stakemap, c)}" for c in result.conflicts]
    lines.append(f"run: stakemap conflicts {path}")
    return lines
