"""The rule read from how people moved: a key player drifting away since the last review.

A person drifting from supporter to skeptic matters more than one who was
always a skeptic: something happened, and the rep may not know what. The
stance the person had at the last review comes from ``timeline.trend`` (one
pass over the stored entries, people section only, so the rule stays cheap on
a 10,000-person map); the touches logged with them since say what the rep
heard around the move. Registered in ``rules.RULES`` like every rule.
"""

from __future__ import annotations

from typing import Any

from stakemap.analysis.context import Context
from stakemap.analysis.types import Finding, Severity
from stakemap.analysis.wording import describe, field_evidence, relation, subject
from stakemap.records import Interaction, Review, Stakeholder
from stakemap.timeline.trend import (
    Move,
    is_after_review,
    moves_since_last_review,
    review_phrase,
    touch_phrase,
)
from stakemap.vocab import Role

__all__ = ["moved_away"]

#: Touches since the review listed in a finding's evidence (the latest ones).
EVIDENCE_TOUCHES = 5


def _stops_the_deal(person: Stakeholder) -> bool:
    """A veto, or the budget or the decision: their drift alone can end the deal."""
    return person.veto or person.role in (Role.ECONOMIC_BUYER, Role.DECISION_MAKER)


def _logged(touches: list[Interaction]) -> str:
    """What was logged since the review, as the end of the finding's sentence."""
    if not touches:
        return "nothing is logged with them since, so you do not know why yet."
    last = touches[-1]
    more = len(touches) - 1
    tail = f" ({more} earlier touch{'es' if more > 1 else ''} since)" if more else ""
    return f"last logged: {touch_phrase(last)}{tail}."


def _helper(ctx: Context, person: Stakeholder) -> str | None:
    """ "Chad Champion (champion, influences Eve Buyer strongly)": a supportive contact
    who can say what the person is hearing, or None."""
    for contact, hop in ctx.contacts_of(person.id):
        if contact.is_supportive:
            link = relation(contact.id, hop, ctx.by_id)
            return f"{contact.name} ({contact.stance.value}, {link})"
    return None


def _advice(ctx: Context, person: Stakeholder, review: Review, stops: bool) -> str:
    """Find out why before pushing, through whoever can tell; then hear it first-hand."""
    first = person.name
    helper = _helper(ctx, person)
    if helper:
        ask = f"ask {helper} what {first} has been hearing since {review.date}"
    else:
        ask = (
            f"nobody supportive on the map is linked to {first}, so learn whom they have been "
            f"listening to since {review.date} and put them and the link on the map"
        )
    advice = (
        f"Find out why before you push: {ask}. Then ask {first} for a short conversation to "
        "hear the concern in their own words, and answer it with proof (a reference, a "
        "pilot), not pressure. Log what you hear."
    )
    if stops:
        advice += " Until you know why, do not count on this deal in the forecast."
    return advice


def moved_away(ctx: Context) -> list[Finding]:
    """A key player whose stance moved away from us since the last review.

    Why: a deal review asks first who moved; someone who drifted from
    supporter to skeptic was won over once, and something changed them (a
    competitor, a budget cut, a colleague's doubts). Pushing harder before
    knowing what hardens them. High for a veto holder, the economic buyer or
    a decision maker; medium for other key players. Quiet before the first
    review, for moves towards us, and from or to ``unknown``.
    """
    reviews = ctx.map.reviews
    if not reviews:
        return []
    review = reviews[-1]
    movers: list[tuple[Move, Stakeholder]] = []
    for move in moves_since_last_review(ctx.map):
        person = ctx.by_id[move.pid]
        if move.direction == "away" and ctx.is_key(person):
            movers.append((move, person))
    if not movers:
        return []
    wanted = {move.pid for move, _ in movers}
    since: dict[str, list[Interaction]] = {pid: [] for pid in wanted}
    for touch in ctx.map.interactions:  # one pass over the log, however many movers
        if touch.person in wanted and is_after_review(touch, review):
            since[touch.person].append(touch)
    out = []
    for move, person in movers:
        touches = sorted(since[person.id], key=lambda t: (t.date, t.created, t.id))
        stops = _stops_the_deal(person)
        message = (
            f"{describe(person)} moved from {move.before.value} to {move.after.value} since "
            f"{review_phrase(review)}; {_logged(touches)}"
        )
        evidence: list[dict[str, Any]] = [
            *field_evidence(person, "stance"),
            {"id": person.id, "review": review.id, "field": "stance", "value": move.before.value},
            *(
                {
                    "interaction": t.id,
                    "date": t.date,
                    "kind": t.kind.value,
                    "stance": t.stance.value,
                }
                for t in touches[-EVIDENCE_TOUCHES:]
            ),
        ]
        out.append(
            Finding(
                rule="moved-away",
                severity=Severity.HIGH if stops else Severity.MEDIUM,
                subjects=(subject(person),),
                department=person.department or None,
                message=message,
                evidence=tuple(evidence),
                suggestion=_advice(ctx, person, review, stops),
            )
        )
    return out
