"""A map as text for git's diff driver (``stakemap textconv``).

git diffs lines, and a map file's lines are whole JSON records: a changed
stance shows as two 400-character lines of ids and timestamps. With
``diff=stakemap`` git diffs this text instead, so ``git diff`` and ``git log
-p`` read as stakeholder changes::

    @@ -12,7 +12,7 @@ account: Northwind Logistics
     person: Dana Whitfield (p4k9m2x7q)
       role: Economic buyer
    -  stance: Skeptic
    +  stance: Supporter

Each record is a block whose first line starts at the margin and whose
fields are indented, so every hunk names the record a change is in: in its
context when the change is near the block's top, else in the hunk header
(git's default one is the last line above the hunk that starts with a
letter). Everything is sorted by what a reader looks for (people by name, touches
by date) and ids break ties, so the text is deterministic; timestamps are
left out because every save moves them and ``git log`` already dates each
change. User text goes through ``text.terminal_text``: a name cannot send
escape sequences to the terminal ``git log -p`` prints on.

Private fields (drivers, constraints, fears, notes, email; a touch's notes)
are shown: the repository is the team's own copy of the map. ``redact``
runs the map through ``privacy.redact`` first, the transform every export's
``--redact`` uses (a conflict over a private field loses its values too).
A conflict reads as ``team.conflicts.describe_conflict`` words it, the line
``stakemap conflicts`` and the app show.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Final

from stakemap.errors import MapFileError
from stakemap.model import StakeMap
from stakemap.privacy import redact as redacted
from stakemap.records import Interaction, Link, Stakeholder, free_text_fields
from stakemap.store import map_from_tables, parse_tables
from stakemap.team.conflicts import describe_conflict
from stakemap.text import terminal_text
from stakemap.vocab import LinkKind, Stance, label, link_sentence

__all__ = ["map_text", "textconv"]

_INDENT: Final = "  "
#: ``(label, field)`` of a person's one-line fields, in the order shown.
_PERSON_FIELDS: Final = (
    ("title", "title"),
    ("department", "department"),
    ("email", "email"),
    ("role", "role"),
    ("stance", "stance"),
    ("influence", "influence"),
    ("veto", "veto"),
    ("coverage", "coverage"),
    ("mode", "mode"),
    ("fear of failure", "fear_of_failure"),
    ("owner", "owner"),
    ("relationship", "relationship"),
    ("last contact", "last_contact"),
)
#: in the record's field order (``free_text_fields`` is a set): the text must not vary.
_FREE_TEXT: Final = tuple(
    f for f in Stakeholder.__dataclass_fields__ if f in free_text_fields(Stakeholder)
)


def _one(value: str) -> str:
    return terminal_text(value)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, StrEnum):
        return label(value)
    return _one(str(value))


def _free(name: str, text: str) -> list[str]:
    """``  notes: first line`` and each further line indented below it, so a
    rewritten sentence shows as that one line."""
    lines = terminal_text(text, multiline=True).split("\n")
    out = [f"{_INDENT}{name}: {lines[0]}".rstrip()]
    out += [f"{_INDENT * 2}{line}".rstrip() for line in lines[1:]]
    return out


def _person_block(person: Stakeholder) -> list[str]:
    lines = [f"person: {_one(person.name)} ({person.id})"]
    for name, field in _PERSON_FIELDS:
        value = getattr(person, field)
        if value == "":
            continue
        if field == "veto" and not value:
            continue
        lines.append(f"{_INDENT}{name}: {_value(value)}")
    for rank, priority in enumerate(person.priorities, start=1):
        lines.append(f"{_INDENT}priority {rank}: {_one(priority)}")
    if person.initiative_priority:
        lines.append(f"{_INDENT}initiative priority: {_one(person.initiative_priority)}")
    for field in _FREE_TEXT:
        text = getattr(person, field)
        if text:
            lines += _free(field, text)
    return lines


def _names(stakemap: StakeMap) -> dict[str, str]:
    return {person.id: _one(person.name) for person in stakemap.people}


def _link_line(link: Link, names: dict[str, str]) -> str:
    sentence = link_sentence(
        names.get(link.source, link.source), link.kind, names.get(link.target, link.target),
        link.strength,
    )  # fmt: skip
    return f"link: {sentence} ({link.id})"


def _touch_block(touch: Interaction, names: dict[str, str]) -> list[str]:
    who = names.get(touch.person, touch.person)
    lines = [f"touch: {touch.date} {touch.kind.value} with {who}: {_one(touch.summary)}"]
    if touch.stance is not Stance.UNKNOWN:
        lines.append(f"{_INDENT}stance read: {label(touch.stance)}")
    if touch.next_step:
        due = f" (due {touch.due})" if touch.due else ""
        done = " [done]" if touch.done else ""
        lines.append(f"{_INDENT}next step: {_one(touch.next_step)}{due}{done}")
    if touch.notes:
        lines += _free("notes", touch.notes)
    return lines


def _by_name(people: Iterable[Stakeholder]) -> list[Stakeholder]:
    return sorted(people, key=lambda p: (p.name.casefold(), p.name, p.id))


def map_text(stakemap: StakeMap, *, redact: bool = False) -> str:
    """The whole map as ``textconv`` prints it (see the module doc)."""
    if redact:
        stakemap = redacted(stakemap)
    account = stakemap.account
    out = [f"account: {_one(account.account)}"]
    if account.initiative:
        out.append(f"initiative: {_one(account.initiative)}")
    if account.owner:
        out.append(f"owner: {_one(account.owner)}")
    if account.team:
        out.append(f"team: {', '.join(_one(name) for name in account.team)}")

    for person in _by_name(stakemap.people):
        out += ["", *_person_block(person)]

    names = _names(stakemap)
    order = list(LinkKind)
    links = sorted(
        stakemap.links,
        key=lambda link: (
            names.get(link.source, link.source).casefold(),
            order.index(link.kind),
            names.get(link.target, link.target).casefold(),
            link.id,
        ),
    )
    if links:
        out += ["", *(_link_line(link, names) for link in links)]

    touches = sorted(stakemap.interactions, key=lambda t: (t.date, t.created, t.id))
    for touch in touches:
        out += ["", *_touch_block(touch, names)]

    reviews = sorted(stakemap.reviews, key=lambda r: (r.date, r.created, r.id))
    if reviews:
        out.append("")
    for review in reviews:
        title = f' "{_one(review.label)}"' if review.label else ""
        health = review.health or "not judged"
        out.append(
            f"review: {review.date}{title}: health {health}, {review.people} people, "
            f"{review.findings} findings"
        )

    conflicts = sorted(stakemap.conflicts, key=lambda c: (c.section, c.record, c.field, c.id))
    if conflicts:
        out.append("")
    out += [f"conflict: {c.id} {_one(describe_conflict(stakemap, c))}" for c in conflicts]
    return "\n".join(out) + "\n"


def textconv(path: Path, raw: bytes, *, redact: bool = False) -> bytes:
    """What git shows for a file with ``diff=stakemap``: the map as text, or the
    bytes unchanged when they are not a map this version reads.

    A pattern can route other files here, and during a merge git diffs files
    that hold its conflict markers (when the merge driver was not set up): a
    diff of those must still show, so anything that does not load as a map
    (not JSON, not a map, damaged, a newer schema) is passed through as is.
    """
    try:
        tables = parse_tables(path, raw)
        stakemap, _version = map_from_tables(
            path, {name: list(docs.values()) for name, docs in tables.items()}
        )
    except MapFileError:
        return raw
    return map_text(stakemap, redact=redact).encode("utf-8", errors="replace")
