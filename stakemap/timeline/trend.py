"""How people moved: a person's stance, coverage and influence across reviews and touches.

A deal review asks "who is moving our way, who away?", and a person drifting
from supporter to skeptic matters more than one who was always a skeptic. The
map knows three kinds of moments for a person:

- each review, whose stored state says what the person's stance, coverage and
  influence were that day;
- each logged touch with a stance read (``Interaction.stance`` not
  ``unknown``), which says the stance only (coverage and influence are
  ``None``: a touch does not say them);
- now, the person as the map holds them.

``trail`` puts them in order, ``compact_trail`` says it in one line (the one
wording the CLI and the app show), and ``moves_since_last_review`` lists who
moved which way since the last review (the ``moved-away`` finding reads it).

Order on one day: what was known first comes first. A review and a touch of
the same day are ordered by when each was recorded (``created``): a touch
logged before the review was recorded is one the review took stock of, so it
comes before it; one logged afterwards comes after. On equal stamps the touch
comes first, for the same reason. "Now" is always last.

Reviews are rebuilt in one pass over their stored entries, and only the
people section is replayed: a trail or the finding on a 10,000-person map
with ten reviews reads each stored entry once and copies no other section.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal, TypeVar

from stakemap.model import StakeMap
from stakemap.records import Interaction, Review
from stakemap.vocab import Coverage, Influence, Stance

__all__ = [
    "Move",
    "TrailPoint",
    "compact_trail",
    "is_after_review",
    "moves_since_last_review",
    "people_at_reviews",
    "review_phrase",
    "stance_direction",
    "touch_phrase",
    "trail",
    "trail_moved",
    "trail_summary",
]

Source = Literal["review", "touch", "now"]
Direction = Literal["towards", "away"]
Fields = Mapping[str, Any]

#: The fields a trail follows, in the order ``show`` prints them.
TRAIL_FIELDS: Final[tuple[str, ...]] = ("stance", "coverage", "influence")

#: Stance on the scale, most hostile first; ``unknown`` is not on it.
_STANCE_RANK: Final[dict[Stance, int]] = {
    s: i for i, s in enumerate(s for s in Stance if s is not Stance.UNKNOWN)
}

#: More runs than this and ``compact_trail`` keeps the first and the latest ones.
MAX_STEPS: Final = 6


@dataclass(frozen=True, slots=True)
class TrailPoint:
    """One moment in a person's trail (see the module doc for the three sources).

    ``coverage`` and ``influence`` are ``None`` where the source does not say
    them: a touch only reads the stance.
    """

    day: str
    source: Source
    label: str
    stance: Stance
    coverage: Coverage | None
    influence: Influence | None

    def value(self, field: str) -> str | None:
        """The point's value of ``field`` ("stance", "coverage", "influence"), or None."""
        if field not in TRAIL_FIELDS:
            raise ValueError(f"a trail follows {', '.join(TRAIL_FIELDS)}, not {field!r}")
        value: Stance | Coverage | Influence | None = getattr(self, field)
        return None if value is None else value.value

    def to_dict(self) -> dict[str, Any]:
        """The point in ``show PATH WHO --json`` (``null`` where the source does not say)."""
        return {
            "day": self.day,
            "source": self.source,
            "label": self.label,
            "stance": self.stance.value,
            "coverage": None if self.coverage is None else self.coverage.value,
            "influence": None if self.influence is None else self.influence.value,
        }


@dataclass(frozen=True, slots=True)
class Move:
    """Someone whose stance moved since the last review, and which way."""

    pid: str
    name: str
    before: Stance
    after: Stance
    direction: Direction


def people_at_reviews(stakemap: StakeMap) -> Iterator[tuple[Review, Mapping[str, Fields]]]:
    """Every review with the people it held (stored dicts by id), oldest first.

    One pass over the stored entries, people section only. The mapping yielded
    is the same object each time, updated as the pass goes on: read what you
    need from it before asking for the next review.
    """
    people: dict[str, Fields] = {}
    for review in stakemap.reviews:
        for entry in stakemap.review_records(review.id):
            if entry.section != "people":
                continue
            if entry.value is None:
                people.pop(entry.key, None)
            else:
                people[entry.key] = entry.value
        yield review, people


E = TypeVar("E", Stance, Coverage, Influence)


def _enum(kind: type[E], value: object) -> E | None:
    try:
        return kind(str(value))
    except ValueError:
        return None


def is_after_review(touch: Interaction, review: Review) -> bool:
    """Whether ``touch`` came after ``review`` (see the module doc for the same day)."""
    if touch.date != review.date:
        return touch.date > review.date
    return touch.created > review.created


def _review_point(review: Review, person: Fields) -> TrailPoint:
    return TrailPoint(
        day=review.date,
        source="review",
        label=review.label or "review",
        stance=_enum(Stance, person.get("stance")) or Stance.UNKNOWN,
        coverage=_enum(Coverage, person.get("coverage")),
        influence=_enum(Influence, person.get("influence")),
    )


def trail(stakemap: StakeMap, pid: str, *, today: date | None = None) -> list[TrailPoint]:
    """The person's stance (coverage, influence) at each review, each stance read, and now.

    Reviews before the person was on the map are left out. The "now" point is
    dated ``today`` when given, else the day the person's record last changed.
    Raises ``NotFoundError`` for an unknown ``pid``.
    """
    person = stakemap.person(pid)
    timed: list[tuple[str, str, int, TrailPoint]] = []
    for review, people in people_at_reviews(stakemap):
        held = people.get(pid)
        if held is not None:
            timed.append((review.date, review.created, 1, _review_point(review, held)))
    for touch in stakemap.interactions_of(pid):
        if touch.stance is Stance.UNKNOWN:
            continue
        point = TrailPoint(touch.date, "touch", touch.summary, touch.stance, None, None)
        timed.append((touch.date, touch.created, 0, point))
    timed.sort(key=lambda row: row[:3])
    now_day = today.isoformat() if today is not None else person.modified[:10]
    now = TrailPoint(now_day, "now", "now", person.stance, person.coverage, person.influence)
    return [row[3] for row in timed] + [now]


def _runs(points: Sequence[TrailPoint], field: str) -> list[tuple[str, TrailPoint]]:
    """Consecutive points with the same value of ``field`` as one run: (value, first point)."""
    runs: list[tuple[str, TrailPoint]] = []
    for point in points:
        value = point.value(field)
        if value is None:
            continue
        if not runs or runs[-1][0] != value:
            runs.append((value, point))
    return runs


def trail_moved(points: Sequence[TrailPoint], field: str = "stance") -> bool:
    """Whether ``field`` took more than one value along the trail."""
    return len(_runs(points, field)) > 1


def compact_trail(
    points: Sequence[TrailPoint], *, field: str = "stance", max_steps: int = MAX_STEPS
) -> str:
    """The trail in one line: "opponent (2026-10-01) → skeptic (2026-11-04) → neutral (now)".

    Repeats collapse into the first day the value was seen (a person who stayed
    a supporter through three reviews is one step); a step first seen at "now"
    (changed by hand since the last review or touch) says "now". Beyond
    ``max_steps`` steps the middle is elided with "…". Points that do not say
    ``field`` (a touch, for coverage) are skipped. "" for no points.

    >>> p = [
    ...     TrailPoint("2026-10-01", "review", "Q1", Stance.OPPONENT, None, None),
    ...     TrailPoint("2026-10-20", "touch", "call", Stance.OPPONENT, None, None),
    ...     TrailPoint("2026-11-04", "touch", "demo", Stance.SKEPTIC, None, None),
    ...     TrailPoint("2026-12-03", "now", "now", Stance.NEUTRAL, None, None),
    ... ]
    >>> compact_trail(p)
    'opponent (2026-10-01) → skeptic (2026-11-04) → neutral (now)'
    """
    steps = [
        f"{value.replace('_', ' ')} ({'now' if point.source == 'now' else point.day})"
        for value, point in _runs(points, field)
    ]
    if len(steps) > max_steps >= 2:
        keep_end = max_steps - 1
        steps = [steps[0], "…", *steps[-keep_end:]]
    return " → ".join(steps)


def stance_direction(before: Stance, after: Stance) -> Direction | None:
    """ "towards" us, "away", or None (no move, or either side ``unknown``)."""
    if before is Stance.UNKNOWN or after is Stance.UNKNOWN or before is after:
        return None
    return "towards" if _STANCE_RANK[after] > _STANCE_RANK[before] else "away"


def moves_since_last_review(stakemap: StakeMap) -> list[Move]:
    """Who moved which way on stance since the last review, in map order.

    People added since the review, and moves from or to ``unknown`` (not a read
    of the person), are not moves. [] when the map has no review.
    """
    held: Mapping[str, Fields] = {}
    for _, people in people_at_reviews(stakemap):
        held = people
    moves: list[Move] = []
    for person in stakemap.people:
        then = held.get(person.id)
        if then is None:
            continue
        before = _enum(Stance, then.get("stance")) or Stance.UNKNOWN
        direction = stance_direction(before, person.stance)
        if direction is not None:
            moves.append(Move(person.id, person.name, before, person.stance, direction))
    return moves


def review_phrase(review: Review) -> str:
    """A review in a sentence: "the Q1 deal review (2026-10-01)", "the review of 2026-10-01".

    >>> review_phrase(Review("r1", "2026-10-01", label="Q1 deal review"))
    'the Q1 deal review (2026-10-01)'
    >>> review_phrase(Review("r1", "2026-10-01", label="Q1"))
    "the review 'Q1' (2026-10-01)"
    """
    if not review.label:
        return f"the review of {review.date}"
    if "review" in review.label.casefold():
        return f"the {review.label} ({review.date})"
    return f"the review {review.label!r} ({review.date})"


#: Longest touch summary quoted in a sentence; longer ones end in "…".
SUMMARY_CHARS: Final = 60


def touch_phrase(touch: Interaction) -> str:
    """A touch in a sentence: "2026-10-20 call 'pushed back on price'".

    >>> from stakemap.vocab import TouchKind
    >>> touch_phrase(Interaction("i1", "p1", "2026-10-20", "pushed back on price", TouchKind.CALL))
    "2026-10-20 call 'pushed back on price'"
    """
    summary = touch.summary
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
    return f"{touch.date} {touch.kind.value} '{summary}'"


def trail_summary(points: Sequence[TrailPoint]) -> list[tuple[str, str]]:
    """``(field, compact trail)`` to show for a person: the stance always, coverage
    and influence only when they moved (a steady value is already in the fields).

    The CLI's ``show PATH WHO`` and the app's detail pane both print these.
    """
    return [
        (name, compact_trail(points, field=name))
        for name in TRAIL_FIELDS
        if name == "stance" or trail_moved(points, name)
    ]
