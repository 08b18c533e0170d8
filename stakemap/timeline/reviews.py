"""Reviews kept inside the map file as what changed since the review before.

A review is the state of the map on the day the team looked at it. Storing a
full copy per review would make a 10,000-person map grow by its own size at
every review, so each review stores only the entries that turn the previous
review's state into its own: per section, a record added or changed (its
whole stored dict) or removed (null). A review after 1% of people changed
stores about 1% of them.

Reviews never change once recorded, and nobody reads them record by record,
so each section's entries are *packed*: JSON, zlib-compressed, base64 text,
one string per section on the review's one line. The first review (which has
nothing before it and stores every record once) then adds about a tenth of
the map's size instead of doubling it (15.7 MB map, 1.4 MB first review at
10,000 people), and opening a map parses its history as a few strings, not
tens of thousands of records. Only the sections a caller asks for are
unpacked (``sections=``): the trend of people never unpacks the links.

Rebuilding review *k* replays the entries of reviews 1..k in order. That is
exact by construction (the entries are the difference between two states,
``compare.diff_records``), and ``tests/test_reviews.py`` checks it on randomly
edited maps against the state taken at the time.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, Final

from stakemap.errors import NotFoundError, ValidationError
from stakemap.model import StakeMap
from stakemap.records import REVIEW_SECTIONS, Review
from stakemap.timeline.compare import diff_records
from stakemap.timeline.state import EMPTY_STATE, MapState

__all__ = [
    "LAST",
    "apply_entries",
    "describe_review",
    "entries_between",
    "find_review",
    "iter_review_states",
    "latest_state",
    "pack",
    "record_review",
    "review_entries",
    "review_state",
    "review_summary",
    "stored_entries",
    "unpack",
]

#: One entry: the record's key and its stored dict, or ``None`` for "removed".
Entry = tuple[str, Mapping[str, Any] | None]
#: A review's entries by section.
Entries = Mapping[str, Sequence[Entry]]

#: Most bytes one section may unpack to: far above a 50,000-person map's
#: records (about 80 MB), and a stop for a hostile file's zip bomb.
MAX_UNPACKED_BYTES: Final = 512 * 1024 * 1024
_LEVEL: Final = 6  # zlib's default: 1.4 MB for 10,000 people in 0.15 s

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


_SURROGATE_ESCAPE: Final = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _no_constant(name: str) -> Any:
    raise ValueError(f"it holds {name}, which is not a number")


def pack(entries: Sequence[Entry]) -> str:
    """Entries as packed text: compact JSON, zlib, base64 (see the module doc).

    >>> unpack(pack([("p1", {"name": "Ann"}), ("p2", None)]))
    [('p1', {'name': 'Ann'}), ('p2', None)]
    """
    raw = _ENCODER.encode([[key, value] for key, value in entries]).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, _LEVEL)).decode("ascii")


def unpack(packed: str, *, what: str = "review") -> list[Entry]:
    """The entries ``pack`` wrote; damage is one sentence naming ``what``."""
    try:
        squeezed = base64.b64decode(packed, validate=True)
        inflate = zlib.decompressobj()
        raw = inflate.decompress(squeezed, MAX_UNPACKED_BYTES)
        if inflate.unconsumed_tail:
            raise ValidationError(what, None, reason="holds more history than stakemap reads")
        if not inflate.eof:
            raise zlib.error("the packed changes end early")
    except (binascii.Error, zlib.error, ValueError) as exc:
        if isinstance(exc, ValidationError):
            raise
        raise ValidationError(
            what, None, reason=f"is damaged: its stored changes cannot be read ({exc})"
        ) from None
    try:
        # Not ``store.parse_json``: its duplicate-key hook is Python code run on
        # every object, two seconds for a 10,000-person review, and packed
        # entries are written by ``pack`` from dicts (they cannot hold a key
        # twice) behind zlib's checksum. Non-finite numbers, runaway nesting
        # and lone surrogates are still refused.
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
        if _SURROGATE_ESCAPE.search(raw):
            raise ValueError("it holds a lone surrogate escape, which is not text")
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ValidationError(
            what, None, reason=f"is damaged: its stored changes cannot be read ({reason})"
        ) from None
    if not isinstance(data, list) or not all(
        isinstance(item, list)
        and len(item) == 2
        and isinstance(item[0], str)
        and (item[1] is None or isinstance(item[1], dict))
        for item in data
    ):
        raise ValidationError(what, None, reason="is damaged: its stored changes are not entries")
    return [(key, value) for key, value in data]


def entries_between(old: MapState, new: MapState) -> dict[str, list[Entry]]:
    """The entries that turn ``old`` into ``new``, by section (empty ones left out).

    >>> from stakemap.timeline.state import MapState
    >>> old = MapState(people={"p1": {"name": "Ann"}})
    >>> new = MapState(people={"p2": {"name": "Bo"}})
    >>> entries_between(old, new)
    {'people': [('p2', {'name': 'Bo'}), ('p1', None)]}
    """
    out: dict[str, list[Entry]] = {}
    old_sections, new_sections = old.sections(), new.sections()
    for section in REVIEW_SECTIONS:
        diff = diff_records(old_sections[section], new_sections[section])
        entries: list[Entry] = [(key, record) for key, record in diff.added.items()]
        entries += [(key, change.new) for key, change in diff.changed.items()]
        entries += [(key, None) for key in diff.removed]
        if entries:
            out[section] = entries
    return out


def review_entries(
    review: Review, *, sections: Collection[str] = REVIEW_SECTIONS
) -> dict[str, list[Entry]]:
    """The review's stored entries for ``sections``, unpacked."""
    what = f"review {review.label!r} ({review.date})" if review.label else f"review {review.id}"
    return {
        section: unpack(packed, what=what)
        for section, packed in review.changes.items()
        if section in sections
    }


def stored_entries(review: Review) -> int:
    """How many records the review stored (unpacks it: for reports, not loops)."""
    return sum(len(entries) for entries in review_entries(review).values())


def describe_review(review: Review) -> str:
    """What a review kept, in the one sentence the CLI and the app both say.

    >>> describe_review(Review(id="r1", date="2026-10-01", label="Q1", health="amber", people=3))
    "review 'Q1' of 2026-10-01: health amber, 3 people, 0 findings"
    """
    name = f"review {review.label!r}" if review.label else "a review"
    people = "1 person" if review.people == 1 else f"{review.people:,} people"
    findings = "1 finding" if review.findings == 1 else f"{review.findings:,} findings"
    return f"{name} of {review.date}: health {review.health or 'unknown'}, {people}, {findings}"


def review_summary(review: Review) -> dict[str, Any]:
    """The review as a listing shows it: every field but the packed changes."""
    return {name: value for name, value in review.to_dict().items() if name != "changes"}


def apply_entries(state: MapState, entries: Entries) -> MapState:
    """``state`` with ``entries`` applied in order; ``state`` itself is not changed."""
    sections = {name: dict(records) for name, records in state.sections().items()}
    for section, pairs in entries.items():
        target = sections[section]
        for key, value in pairs:
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value
    return MapState.from_sections(sections)


def iter_review_states(
    stakemap: StakeMap, *, sections: Collection[str] = REVIEW_SECTIONS
) -> Iterator[tuple[Review, MapState]]:
    """Every review with its rebuilt state, oldest first, in one pass over the entries.

    Only ``sections`` are rebuilt (the others stay empty), so a caller that
    needs people only does not unpack links.
    """
    state = EMPTY_STATE
    for review in stakemap.reviews:
        state = apply_entries(state, review_entries(review, sections=sections))
        yield review, state


def review_state(
    stakemap: StakeMap, rid: str, *, sections: Collection[str] = REVIEW_SECTIONS
) -> MapState:
    """The state the map was in at review ``rid``, rebuilt exactly."""
    stakemap.review(rid)  # NotFoundError for an unknown id
    for review, state in iter_review_states(stakemap, sections=sections):
        if review.id == rid:
            return state
    raise AssertionError("unreachable: the review exists")  # pragma: no cover


def latest_state(stakemap: StakeMap, *, sections: Collection[str] = REVIEW_SECTIONS) -> MapState:
    """The state at the latest review, or the empty state before the first one."""
    latest = EMPTY_STATE
    for _, state in iter_review_states(stakemap, sections=sections):
        latest = state
    return latest


def record_review(
    stakemap: StakeMap,
    state: MapState,
    *,
    day: date,
    label: str = "",
) -> Review:
    """Append a review holding ``state`` (taken now, with its analysis) to the map.

    Only what changed since the previous review is stored. ``state.health``'s
    ``status`` and the counts are copied onto the review so a list of reviews
    needs no rebuild.
    """
    previous = latest_state(stakemap)
    changes = {
        section: pack(entries) for section, entries in entries_between(previous, state).items()
    }
    fields = {
        "date": day.isoformat(),
        "label": label,
        "health": str(state.health.get("status", "")),
        "people": len(state.people),
        "findings": len(state.findings),
        "changes": changes,
    }
    return stakemap.add_review(fields)


#: What ``--since`` accepts besides a label or a date.
LAST: Final = "last"


def find_review(stakemap: StakeMap, spec: str) -> Review:
    """The review ``spec`` names: ``last``, an id, a label, or a date.

    A label matches ignoring case (the latest review with it, if several); a
    date (YYYY-MM-DD) picks the latest review on or before that day, which is
    what "since the 1st of October" means when no review fell on that day.
    The error names the reviews there are, so the user can pick one.
    """
    reviews = stakemap.reviews
    if not reviews:
        raise NotFoundError("the map has no reviews yet; record one with 'stakemap review'")
    wanted = spec.strip()
    if not wanted or wanted.casefold() == LAST:
        return reviews[-1]
    by_id = [r for r in reviews if r.id == wanted]
    by_label = [r for r in reviews if r.label and r.label.casefold() == wanted.casefold()]
    if by_id or by_label:
        return (by_id or by_label)[-1]
    try:
        day = date.fromisoformat(wanted).isoformat()
    except ValueError:
        day = ""
    if day:
        earlier = [r for r in reviews if r.date <= day]
        if earlier:
            # reversed: of reviews on the same day, the one recorded last
            return max(reversed(earlier), key=lambda r: r.date)
        raise NotFoundError(
            f"no review was recorded on or before {day}; the first was on {reviews[0].date}"
        )
    known = ", ".join(_describe(r) for r in reviews[-8:])
    more = f" (and {len(reviews) - 8} earlier)" if len(reviews) > 8 else ""
    raise NotFoundError(
        f"no review is labelled {wanted!r}; use 'last', a date (YYYY-MM-DD) or one of: "
        f"{known}{more}"
    )


def _describe(review: Review) -> str:
    return f"{review.label!r} ({review.date})" if review.label else f"{review.date} ({review.id})"
