"""The rep's log of touches, and what each touch does to the person touched.

A map goes stale because reps do not edit people by hand; they do log what
they did. So a logged touch carries the bookkeeping with it: the person's
``last_contact`` follows the latest touch, ``coverage`` rises as two-way
conversations pile up, and a stance read at the touch becomes the person's
stance when it is the newest read. The rules live here, once, so the CLI, the
app and any importer move a person the same way, and ``Logged.describe`` is
the one sentence that tells the rep what moved.

Coverage only ever rises and never reaches ``in_depth`` on its own: a dozen
calls do not prove the rep understands someone, which stays the rep's call.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from stakemap.errors import ValidationError
from stakemap.model import StakeMap
from stakemap.records import Interaction, Stakeholder, parse_day
from stakemap.vocab import TWO_WAY_TOUCHES, Coverage, Stance

__all__ = [
    "Closed",
    "Logged",
    "NextStep",
    "Removed",
    "close_step",
    "last_touch_day",
    "log_touch",
    "next_steps",
    "recent_touches",
    "remove_touch",
    "touch_effects",
]

_COVERAGE_RANK: Final[dict[Coverage, int]] = {c: i for i, c in enumerate(Coverage)}

#: The person fields a touch can move, in the order a sentence names them.
_MOVED: Final[tuple[str, ...]] = ("stance", "coverage", "last_contact")


def _said(value: object) -> str:
    """A field value in a sentence: "in depth", "2026-12-02", "(none)" for empty."""
    text = str(value).replace("_", " ")
    return text or "(none)"


def _changes(before: Stakeholder, after: Stakeholder) -> str:
    """ "coverage none → brief, last contact 2026-12-02": the moved fields, or ""."""
    parts: list[str] = []
    for name in _MOVED:
        old, new = getattr(before, name), getattr(after, name)
        if old == new:
            continue
        words = name.replace("_", " ")
        if name == "last_contact" and not old:
            parts.append(f"{words} {_said(new)}")
        else:
            parts.append(f"{words} {_said(old)} → {_said(new)}")
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class _Touched:
    """A touch that went into or out of the log, with the person before and after."""

    interaction: Interaction
    before: Stakeholder
    after: Stakeholder

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True, slots=True)
class Logged(_Touched):
    """A touch that was logged, with the person before and after it."""

    def describe(self) -> str:
        """The one sentence the rep sees, in the CLI and in the app.

        >>> from stakemap.records import Interaction, Stakeholder
        >>> dana = Stakeholder(id="p1", name="Dana Whitfield")
        >>> touch = Interaction(id="i1", person="p1", date="2026-12-02", summary="Intro")
        >>> after = dana.evolve({"coverage": "brief", "last_contact": "2026-12-02"})
        >>> Logged(touch, dana, after).describe()
        'Dana Whitfield: coverage none → brief, last contact 2026-12-02'
        >>> Logged(touch, after, after).describe()
        'Dana Whitfield: touch of 2026-12-02 logged; coverage and last contact already up to date'
        """
        moved = _changes(self.before, self.after)
        if moved:
            return f"{self.after.name}: {moved}"
        return (
            f"{self.after.name}: touch of {self.interaction.date} logged; "
            "coverage and last contact already up to date"
        )


@dataclass(frozen=True, slots=True)
class Removed(_Touched):
    """A touch that was taken out of the log, with the person before and after."""

    def describe(self) -> str:
        """ "Dana Whitfield: touch of 2026-12-02 removed; last contact 2026-12-02 → 2026-11-20"."""
        head = f"{self.after.name}: touch of {self.interaction.date} removed"
        moved = _changes(self.before, self.after)
        return f"{head}; {moved}" if moved else head


def _newest_first(touch: Interaction) -> tuple[str, str, str]:
    return (touch.date, touch.created, touch.id)


def touch_effects(person: Stakeholder, touches: Iterable[Interaction]) -> dict[str, object]:
    """The person fields that ``touches`` (all of the person's, new one included) imply.

    - ``last_contact``: the latest touch's day, unless the recorded one is
      later already (an old touch logged late never moves it back);
    - ``coverage``: ``brief`` after a first two-way touch (meeting, call, demo,
      workshop), ``multiple`` once two-way touches fall on two different days;
      never lowered, never ``in_depth``;
    - ``stance``: the newest touch's read of the person, if it has one and is
      not older than the recorded last contact (each touch is a chance to
      re-read someone; a backdated note does not overrule a later judgement).

    Only fields that change are returned, so an empty dict means "nothing to do".

    >>> from stakemap.records import Interaction, Stakeholder
    >>> dana = Stakeholder(id="p1", name="Dana")
    >>> call = Interaction(id="i1", person="p1", date="2026-12-01", summary="x", kind="call")
    >>> touch_effects(dana, [call])
    {'coverage': <Coverage.BRIEF: 'brief'>, 'last_contact': '2026-12-01'}
    >>> demo = Interaction(id="i2", person="p1", date="2026-12-03", summary="y", kind="demo")
    >>> touch_effects(dana, [call, demo])["coverage"]
    <Coverage.MULTIPLE: 'multiple'>
    >>> mail = Interaction(id="i3", person="p1", date="2026-11-01", summary="z", kind="email")
    >>> touch_effects(dana.evolve({"last_contact": "2026-11-20"}), [mail])
    {}
    """
    touches = list(touches)
    changes: dict[str, object] = {}
    if not touches:
        return changes
    newest = max(touches, key=_newest_first)
    fresh = newest.date >= person.last_contact
    if fresh and newest.stance not in (Stance.UNKNOWN, person.stance):
        changes["stance"] = newest.stance
    two_way_days = {t.date for t in touches if t.kind in TWO_WAY_TOUCHES}
    if len(two_way_days) >= 2:
        earned = Coverage.MULTIPLE
    elif two_way_days:
        earned = Coverage.BRIEF
    else:
        earned = Coverage.NONE
    if _COVERAGE_RANK[earned] > _COVERAGE_RANK[person.coverage]:
        changes["coverage"] = earned
    if newest.date > person.last_contact:
        changes["last_contact"] = newest.date
    return changes


def log_touch(
    stakemap: StakeMap,
    pid: str,
    fields: Mapping[str, object],
    *,
    today: date,
    allow_future: bool = False,
) -> Logged:
    """Add a touch with ``pid`` (dated ``today`` unless ``fields`` say otherwise)
    and move the person as ``touch_effects`` says.

    A touch dated after ``today`` is refused unless ``allow_future``: the log
    records what happened, and a typo'd year would otherwise make the person
    look freshly contacted for months. A front end passes ``allow_future``
    when the rep typed the date on purpose (the CLI's explicit ``--date``).
    Nothing is changed when the touch is refused.
    """
    before = stakemap.person(pid)
    data: dict[str, object] = {**fields, "person": pid}
    if data.get("date") in (None, ""):
        data["date"] = today.isoformat()
    day = parse_day(data["date"], "date")
    if day > today and not allow_future:
        raise ValidationError(
            "date",
            data["date"],
            reason=f"{day.isoformat()} is after today ({today.isoformat()}); "
            "log a touch once it happened, or give the date explicitly",
        )
    due = data.get("due")
    if due not in (None, "") and not data.get("next_step"):
        raise ValidationError(
            "due", due, reason="a due date needs a next step to be due (give the next step too)"
        )
    interaction = stakemap.add_interaction(data)
    touches = stakemap.interactions_of(pid)
    effects = touch_effects(before, touches)
    if max(touches, key=_newest_first) is not interaction:
        # Only the touch being logged may re-read the stance: the newest older
        # read was applied when it was logged, and the rep may have overruled it.
        effects.pop("stance", None)
    after = stakemap.update_person(pid, effects) if effects else before
    return Logged(interaction, before, after)


def remove_touch(stakemap: StakeMap, iid: str) -> Removed:
    """Take a touch out of the log, and take back the last contact it gave.

    Coverage stays: it records that a conversation happened, and the rep may
    well have raised it by hand since; lowering it would throw their judgement
    away on a guess. The stance stays for the same reason. ``last_contact``
    is different, it is a fact derived from the log: if it was this touch's
    day (and no other touch is that recent), it becomes the latest remaining
    touch's day, or empty when no touch remains (what was recorded before the
    log began is not known any more; a wrong date is worse than none).
    """
    touch = stakemap.interaction(iid)
    before = stakemap.person(touch.person)
    stakemap.remove_interaction(iid)
    after = before
    if before.last_contact == touch.date:
        remaining = [t.date for t in stakemap.interactions_of(touch.person)]
        latest = max(remaining, default="")
        if latest != before.last_contact:
            after = stakemap.update_person(touch.person, {"last_contact": latest})
    return Removed(touch, before, after)


@dataclass(frozen=True, slots=True)
class Closed:
    """A next step marked done: the touch before and after, and who it was promised to."""

    before: Interaction
    after: Interaction
    person: Stakeholder

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def describe(self) -> str:
        """ "Raj Patel: next step done: send pricing" (or "already done")."""
        state = "done" if self.changed else "already done"
        return f"{self.person.name}: next step {state}: {self.after.next_step}"


def close_step(stakemap: StakeMap, iid: str) -> Closed:
    """Mark a touch's next step done; a touch without one is refused (nothing to close)."""
    before = stakemap.interaction(iid)
    if not before.next_step:
        raise ValidationError(
            "id", iid, reason=f"the touch {iid} has no next step to close; it records no promise"
        )
    after = stakemap.update_interaction(iid, {"done": True})
    return Closed(before, after, stakemap.person(after.person))


@dataclass(frozen=True, slots=True)
class NextStep:
    """A promise to the buyer still open, as of ``today``."""

    interaction: Interaction
    person: Stakeholder
    due: date | None
    overdue: bool
    #: days past the due date (0 unless overdue).
    days_late: int
    #: days until the due date (``None`` when overdue or undated).
    days_left: int | None

    def when(self) -> str:
        """ "3 days late", "due today", "due in 2 days (2026-12-05)", "no due date"."""
        if self.due is None:
            return "no due date"
        if self.overdue:
            unit = "day" if self.days_late == 1 else "days"
            return f"{self.days_late} {unit} late (due {self.due.isoformat()})"
        if self.days_left == 0:
            return "due today"
        unit = "day" if self.days_left == 1 else "days"
        return f"due in {self.days_left} {unit} ({self.due.isoformat()})"

    def describe(self) -> str:
        """ "Dana Whitfield: send the ROI model, 3 days late (due 2026-11-30)"."""
        return f"{self.person.name}: {self.interaction.next_step}, {self.when()}"


def _next_step(touch: Interaction, person: Stakeholder, today: date) -> NextStep:
    if not touch.due:
        return NextStep(touch, person, None, False, 0, None)
    due = date.fromisoformat(touch.due)
    delta = (due - today).days
    if delta < 0:
        return NextStep(touch, person, due, True, -delta, None)
    return NextStep(touch, person, due, False, 0, delta)


def next_steps(stakemap: StakeMap, *, today: date) -> list[NextStep]:
    """Every open next step: overdue first (most late first), then by due date,
    undated last; ties in the order they were promised."""
    steps = [
        _next_step(touch, stakemap.person(touch.person), today)
        for touch in stakemap.interactions
        if touch.open_step
    ]

    def order(step: NextStep) -> tuple[int, int, str, str]:
        if step.overdue:
            return (0, -step.days_late, step.interaction.created, step.interaction.id)
        if step.due is not None:
            return (1, step.days_left or 0, step.interaction.created, step.interaction.id)
        return (2, 0, step.interaction.created, step.interaction.id)

    return sorted(steps, key=order)


def recent_touches(stakemap: StakeMap, pid: str, *, limit: int = 5) -> list[Interaction]:
    """A person's latest touches, newest first (by day, then by when they were logged)."""
    stakemap.person(pid)  # an unknown person is an error, not an empty log
    touches = sorted(stakemap.interactions_of(pid), key=_newest_first, reverse=True)
    return touches[:limit] if limit >= 0 else touches


def last_touch_day(stakemap: StakeMap, pid: str) -> date | None:
    """The day of the person's latest logged touch, ``None`` if none is logged."""
    latest = max((t.date for t in stakemap.interactions_of(pid)), default="")
    return date.fromisoformat(latest) if latest else None
