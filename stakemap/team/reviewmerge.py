"""Merging the review chains of two teammates' copies of a map.

A review stores only the entries that turn the previous review's state into
its own (``timeline.reviews``), so reviews are a chain: a review is only
right after the review it was recorded after. When both teammates recorded
reviews since their common base, the merged chain is the base's reviews, then
every added review ordered by (date, created, id), and each review whose
predecessor is no longer the one it was recorded after is re-packed against
its new predecessor, so that it still rebuilds to exactly the state it held on
the side that recorded it. A review whose predecessor did not change keeps its
stored changes verbatim (no churn in its line of the file).

Reviews never change once recorded, so there is nothing to merge inside one:
a review is kept, or (when either side removed it, an undo) left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from stakemap.model import StakeMap
from stakemap.records import Review
from stakemap.timeline.reviews import entries_between, iter_review_states, pack
from stakemap.timeline.state import EMPTY_STATE, MapState

__all__ = ["merge_reviews"]


def _ids(reviews: Sequence[Review]) -> list[str]:
    return [review.id for review in reviews]


def _states(stakemap: StakeMap) -> Callable[[], dict[str, MapState]]:
    """Every review's rebuilt state, computed once and only if a re-pack needs it."""
    cache: dict[str, MapState] = {}

    def states() -> dict[str, MapState]:
        if not cache and stakemap.reviews:
            cache.update((review.id, state) for review, state in iter_review_states(stakemap))
        return cache

    return states


def merge_reviews(
    base: StakeMap, ours: StakeMap, theirs: StakeMap
) -> tuple[list[Review], list[str]]:
    """The merged chain, and the ids of base reviews a side removed (to retire)."""
    base_ids, ours_ids, theirs_ids = _ids(base.reviews), _ids(ours.reviews), _ids(theirs.reviews)
    if ours.reviews == theirs.reviews or theirs_ids == base_ids:
        return ours.reviews, []
    if ours_ids == base_ids:
        return theirs.reviews, []
    in_base, in_ours, in_theirs = set(base_ids), set(ours_ids), set(theirs_ids)
    kept = [rid for rid in base_ids if rid in in_ours and rid in in_theirs]
    removed = [rid for rid in base_ids if rid not in in_ours or rid not in in_theirs]
    by_id = {review.id: review for review in theirs.reviews}
    by_id.update((review.id, review) for review in ours.reviews)
    added = sorted(
        (by_id[rid] for rid in dict.fromkeys(ours_ids + theirs_ids) if rid not in in_base),
        key=lambda r: (r.date, r.created, r.id),
    )
    chain = [by_id[rid] for rid in kept] + added
    sides = {
        rid: (ours_ids, _states(ours)) if rid in in_ours else (theirs_ids, _states(theirs))
        for rid in by_id
    }
    merged: list[Review] = []
    previous: str | None = None
    for review in chain:
        side_ids, states = sides[review.id]
        position = side_ids.index(review.id)
        recorded_after = side_ids[position - 1] if position else None
        if recorded_after != previous:
            before = _state_of(sides, previous)
            changes = entries_between(before, states()[review.id])
            packed = {section: pack(items) for section, items in changes.items()}
            merged.append(replace(review, changes=packed))
        else:
            merged.append(review)
        previous = review.id
    return merged, removed


def _state_of(
    sides: dict[str, tuple[list[str], Callable[[], dict[str, MapState]]]], rid: str | None
) -> MapState:
    """The state review ``rid`` holds on the side it came from (empty before the first)."""
    if rid is None:
        return EMPTY_STATE
    return sides[rid][1]()[rid]
