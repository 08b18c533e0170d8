"""How people moved: trails from reviews and touches, their one-line wording, moves."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date

import pytest

from stakemap.errors import NotFoundError
from stakemap.model import StakeMap
from stakemap.records import Review
from stakemap.timeline.reviews import record_review
from stakemap.timeline.state import records_state
from stakemap.timeline.trend import (
    TrailPoint,
    compact_trail,
    moves_since_last_review,
    review_phrase,
    stance_direction,
    trail,
    trail_summary,
)
from stakemap.vocab import Coverage, Influence, Stance

from .conftest import counter_ids

TODAY = date(2026, 12, 3)


def ticking_clock() -> Callable[[], str]:
    """A stamp one minute later at each call: the order things were recorded in."""
    minutes = itertools.count()

    def clock() -> str:
        n = next(minutes)
        return f"2026-12-01T{n // 60 % 24:02d}:{n % 60:02d}:00Z"

    return clock


@pytest.fixture
def stakemap() -> StakeMap:
    return StakeMap.new("Acme", id_factory=counter_ids(), clock=ticking_clock())


def review(stakemap: StakeMap, day: str, label: str) -> Review:
    return record_review(
        stakemap, records_state(stakemap), day=date.fromisoformat(day), label=label
    )


def touch(stakemap: StakeMap, pid: str, day: str, summary: str, stance: str = "unknown") -> None:
    stakemap.add_interaction(person=pid, date=day, summary=summary, kind="call", stance=stance)


def test_trail_from_reviews_and_touches_in_order(stakemap):
    dana = stakemap.add_person(name="Dana", stance="opponent", coverage="none")
    review(stakemap, "2026-10-01", "Q1 deal review")
    touch(stakemap, dana.id, "2026-10-20", "pushed back on price", "skeptic")
    touch(stakemap, dana.id, "2026-10-25", "sent deck")  # no stance read: not a point
    stakemap.update_person(dana.id, stance="skeptic", coverage="brief")
    review(stakemap, "2026-11-04", "Mid-quarter review")
    stakemap.update_person(dana.id, stance="neutral", influence="high")
    touch(stakemap, dana.id, "2026-09-15", "intro call (logged late)", "opponent")

    points = trail(stakemap, dana.id, today=TODAY)

    assert [(p.day, p.source, p.label) for p in points] == [
        ("2026-09-15", "touch", "intro call (logged late)"),
        ("2026-10-01", "review", "Q1 deal review"),
        ("2026-10-20", "touch", "pushed back on price"),
        ("2026-11-04", "review", "Mid-quarter review"),
        ("2026-12-03", "now", "now"),
    ]
    assert [p.stance for p in points] == [
        Stance.OPPONENT,
        Stance.OPPONENT,
        Stance.SKEPTIC,
        Stance.SKEPTIC,
        Stance.NEUTRAL,
    ]
    # a touch only reads the stance; reviews and now say coverage and influence too
    assert [p.coverage for p in points] == [
        None,
        Coverage.NONE,
        None,
        Coverage.BRIEF,
        Coverage.BRIEF,
    ]
    assert [p.influence for p in points] == [
        None,
        Influence.LOW,
        None,
        Influence.LOW,
        Influence.HIGH,
    ]
    assert points[2].to_dict() == {
        "day": "2026-10-20",
        "source": "touch",
        "label": "pushed back on price",
        "stance": "skeptic",
        "coverage": None,
        "influence": None,
    }


def test_same_day_touch_before_or_after_the_review_by_when_it_was_recorded(stakemap):
    dana = stakemap.add_person(name="Dana", stance="supporter")
    touch(stakemap, dana.id, "2026-10-01", "before the review", "supporter")
    review(stakemap, "2026-10-01", "Q1")
    touch(stakemap, dana.id, "2026-10-01", "after the review", "skeptic")
    labels = [p.label for p in trail(stakemap, dana.id)]
    assert labels == ["before the review", "Q1", "after the review", "now"]


def test_reviews_before_the_person_joined_are_not_points(stakemap):
    review(stakemap, "2026-10-01", "Q1")
    dana = stakemap.add_person(name="Dana", stance="neutral")
    points = trail(stakemap, dana.id, today=TODAY)
    assert [p.source for p in points] == ["now"]
    assert compact_trail(points) == "neutral (now)"


def test_now_is_dated_by_the_last_change_without_today(stakemap):
    dana = stakemap.add_person(name="Dana")
    [now] = trail(stakemap, dana.id)
    assert now.day == dana.modified[:10] == "2026-12-01"


def test_unknown_person_is_an_error(stakemap):
    with pytest.raises(NotFoundError):
        trail(stakemap, "p404")


def test_trail_rebuilds_the_reviews_once(stakemap, monkeypatch):
    """One pass over each review's entries, not one rebuild per review."""
    dana = stakemap.add_person(name="Dana", stance="opponent")
    for n, stance in enumerate(["skeptic", "neutral", "supporter", "champion"]):
        review(stakemap, f"2026-10-0{n + 1}", f"R{n}")
        stakemap.update_person(dana.id, stance=stance)
    calls: list[str] = []
    original = StakeMap.review_records

    def counting(self: StakeMap, rid: str):
        calls.append(rid)
        return original(self, rid)

    monkeypatch.setattr(StakeMap, "review_records", counting)
    points = trail(stakemap, dana.id)
    assert sorted(calls) == sorted(r.id for r in stakemap.reviews)
    assert len(calls) == 4
    assert len(points) == 5
    calls.clear()
    moves_since_last_review(stakemap)
    assert len(calls) == 4


def point(day: str, stance: str, source: str = "review", coverage: str | None = None):
    return TrailPoint(
        day,
        source,  # type: ignore[arg-type]
        "x",
        Stance(stance),
        None if coverage is None else Coverage(coverage),
        None,
    )


def test_compact_wording_collapses_repeats_to_the_first_day():
    points = [
        point("2026-10-01", "opponent", coverage="none"),
        point("2026-10-10", "opponent", "touch"),
        point("2026-10-20", "skeptic", "touch"),
        point("2026-11-04", "skeptic", coverage="in_depth"),
        point("2026-12-03", "neutral", "now", coverage="in_depth"),
    ]
    assert compact_trail(points) == "opponent (2026-10-01) → skeptic (2026-10-20) → neutral (now)"
    # touches do not say coverage: skipped, and the value's words have no underscore
    assert compact_trail(points, field="coverage") == "none (2026-10-01) → in depth (2026-11-04)"


def test_compact_wording_of_a_steady_person_is_one_step():
    points = [point("2026-10-01", "supporter"), point("2026-12-03", "supporter", "now")]
    assert compact_trail(points) == "supporter (2026-10-01)"
    assert compact_trail([]) == ""


def test_compact_wording_elides_the_middle_of_a_long_trail():
    stances = ["opponent", "skeptic", "neutral", "supporter"] * 3
    points = [point(f"2026-10-{n + 10}", s) for n, s in enumerate(stances)]
    text = compact_trail(points, max_steps=4)
    assert (
        text == "opponent (2026-10-10) → … → skeptic (2026-10-19) → neutral (2026-10-20) → "
        "supporter (2026-10-21)"
    )


def test_compact_wording_refuses_an_unknown_field():
    with pytest.raises(ValueError, match="not 'role'"):
        compact_trail([point("2026-10-01", "skeptic")], field="role")


def test_summary_shows_coverage_and_influence_only_when_they_moved():
    steady = [
        point("2026-10-01", "skeptic", coverage="brief"),
        point("2026-12-03", "neutral", "now", coverage="brief"),
    ]
    assert [name for name, _ in trail_summary(steady)] == ["stance"]
    moved = [*steady[:1], point("2026-12-03", "neutral", "now", coverage="multiple")]
    assert trail_summary(moved) == [
        ("stance", "skeptic (2026-10-01) → neutral (now)"),
        ("coverage", "brief (2026-10-01) → multiple (now)"),
    ]


def test_moves_since_last_review_both_directions(stakemap):
    dana = stakemap.add_person(name="Dana", stance="supporter")
    raj = stakemap.add_person(name="Raj", stance="opponent")
    lee = stakemap.add_person(name="Lee", stance="neutral")
    kim = stakemap.add_person(name="Kim", stance="unknown")
    gone = stakemap.add_person(name="Gone", stance="champion")
    review(stakemap, "2026-10-01", "Q1")
    stakemap.update_person(dana.id, stance="skeptic")
    stakemap.update_person(raj.id, stance="neutral")
    stakemap.update_person(lee.id, stance="neutral", influence="high")  # not a stance move
    stakemap.update_person(kim.id, stance="opponent")  # unknown was not a read
    stakemap.remove_person(gone.id)
    stakemap.add_person(name="New", stance="opponent")  # not in the review
    moves = moves_since_last_review(stakemap)
    assert [(m.pid, m.name, m.before, m.after, m.direction) for m in moves] == [
        (dana.id, "Dana", Stance.SUPPORTER, Stance.SKEPTIC, "away"),
        (raj.id, "Raj", Stance.OPPONENT, Stance.NEUTRAL, "towards"),
    ]


def test_moves_are_against_the_last_review_only(stakemap):
    dana = stakemap.add_person(name="Dana", stance="supporter")
    review(stakemap, "2026-10-01", "Q1")
    stakemap.update_person(dana.id, stance="skeptic")
    review(stakemap, "2026-11-01", "Q2")
    assert moves_since_last_review(stakemap) == []
    stakemap.update_person(dana.id, stance="opponent")
    [move] = moves_since_last_review(stakemap)
    assert (move.before, move.after, move.direction) == (Stance.SKEPTIC, Stance.OPPONENT, "away")


def test_no_review_no_moves(stakemap):
    stakemap.add_person(name="Dana", stance="supporter")
    assert moves_since_last_review(stakemap) == []


def test_stance_direction():
    assert stance_direction(Stance.CHAMPION, Stance.SUPPORTER) == "away"
    assert stance_direction(Stance.OPPONENT, Stance.SKEPTIC) == "towards"
    assert stance_direction(Stance.SKEPTIC, Stance.SKEPTIC) is None
    assert stance_direction(Stance.UNKNOWN, Stance.CHAMPION) is None
    assert stance_direction(Stance.CHAMPION, Stance.UNKNOWN) is None


def test_review_phrase():
    assert review_phrase(Review("r1", "2026-10-01", label="Q1 deal review")) == (
        "the Q1 deal review (2026-10-01)"
    )
    assert review_phrase(Review("r1", "2026-10-01")) == "the review of 2026-10-01"
