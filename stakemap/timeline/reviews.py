"""Reviews kept inside the map file as what changed since the review before.

A review is the state of the map on the day the team looked at it. Storing a
full copy per review would make a 10,000-person map grow by its own size at
every review, so each review stores only the entries (``ReviewRecord``) that
turn the previous review's state into its own: a record added or changed
(its whole stored dict) or removed (``value`` null). The first review has
nothing before it and stores everything once; a review after 1% of people
changed stores about 1% of them.

Rebuilding review *k* replays the entries of reviews 1..k in order. That is
exact by construction (the entries are the difference between two states,
``compare.diff_records``), and ``tests/test_reviews.py`` checks it on randomly
edited maps against the state taken at the time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from stakemap.errors import NotFoundError
from stakemap.model import StakeMap
from stakemap.records import REVIEW_SECTIONS, Review, ReviewRecord
from stakemap.timeline.compare import diff_records
from stakemap.timeline.state import EMPTY_STATE, MapState

__all__ = [
    "apply_entries",
    "entries_between",
    "find_review",
    "iter_review_states",
    "record_review",
    "review_state",
]


def entries_between(old: MapState, new: MapState) -> list[dict[str, Any]]:
    """The entries that turn ``old`` into ``new`` (``ReviewRecord`` fields but ``review``).

    >>> from stakemap.timeline.state import MapState
    >>> old = MapState(people={"p1": {"name": "Ann"}})
    >>> new = MapState(people={"p2": {"name": "Bo"}})
    >>> entries_between(old, new)
    [{'section': 'people', 'key': 'p2', 'value': {'name': 'Bo'}}, \
{'section': 'people', 'key': 'p1', 'value': None}]
    """
    entries: list[dict[str, Any]] = []
    old_sections, new_sections = old.sections(), new.sections()
    for section in REVIEW_SECTIONS:
        diff = diff_records(old_sections[section], new_sections[section])
        for key, record in diff.added.items():
            entries.append({"section": section, "key": key, "value": dict(record)})
        for key, change in diff.changed.items():
            entries.append({"section": section, "key": key, "value": dict(change.new)})
        for key in diff.removed:
            entries.append({"section": section, "key": key, "value": None})
    return entries


def apply_entries(state: MapState, entries: Iterable[ReviewRecord]) -> MapState:
    """``state`` with ``entries`` applied in order; ``state`` itself is not changed."""
    sections = {name: dict(records) for name, records in state.sections().items()}
    for entry in entries:
        section = sections[entry.section]
        if entry.value is None:
            section.pop(entry.key, None)
        else:
            section[entry.key] = entry.value
    return MapState.from_sections(sections)


def iter_review_states(stakemap: StakeMap) -> Iterator[tuple[Review, MapState]]:
    """Every review with its rebuilt state, oldest first, in one pass over the entries."""
    state = EMPTY_STATE
    for review in stakemap.reviews:
        state = apply_entries(state, stakemap.review_records(review.id))
        yield review, state


def review_state(stakemap: StakeMap, rid: str) -> MapState:
    """The state the map was in at review ``rid``, rebuilt exactly."""
    stakemap.review(rid)  # NotFoundError for an unknown id
    for review, state in iter_review_states(stakemap):
        if review.id == rid:
            return state
    raise AssertionError("unreachable: the review exists")  # pragma: no cover


def latest_state(stakemap: StakeMap) -> MapState:
    """The state at the latest review, or the empty state before the first one."""
    latest = EMPTY_STATE
    for _, state in iter_review_states(stakemap):
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
    fields = {
        "date": day.isoformat(),
        "label": label,
        "health": str(state.health.get("status", "")),
        "people": len(state.people),
        "findings": len(state.findings),
    }
    return stakemap.add_review(fields, entries_between(previous, state))


#: What ``--since`` accepts besides a label or a date.
LAST: str = "last"


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
