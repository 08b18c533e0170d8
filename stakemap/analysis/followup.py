"""Rules read from the log of touches: promises kept, and the rhythm of contact.

``stale-contact`` (in ``rules``) asks whether a key player has gone quiet for
months; these two are finer: a next step promised to the buyer and not kept,
and the two people whose attention a deal cannot lose for weeks, the champion
and the economic buyer. Registered in ``rules.RULES`` like every rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from stakemap.analysis.context import Context
from stakemap.analysis.types import Finding, Severity
from stakemap.analysis.wording import describe, field_evidence, join, subject
from stakemap.records import Stakeholder
from stakemap.vocab import Role, Stance

__all__ = ["missed_cadence", "overdue_next_step"]

#: Days late after which a promise to a key player is a deal-level risk.
LONG_OVERDUE_DAYS = 14


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _finding(
    rule: str,
    severity: Severity,
    person: Stakeholder,
    *,
    message: str,
    suggestion: str,
    evidence: Sequence[dict[str, Any]],
) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        subjects=(subject(person),),
        department=person.department or None,
        message=message,
        evidence=tuple(evidence),
        suggestion=suggestion,
    )


def overdue_next_step(ctx: Context) -> list[Finding]:
    """A next step promised to someone, not done, past its due date.

    Why: buyers judge how the rep will run the project by how the rep runs
    the sale; a slipped promise to a decider is remembered at signature, and
    one to the champion spends the champion's credibility. Medium for a key
    player or a champion, high once it is more than two weeks late for a key
    player; low for anyone else.
    """
    out = []
    for step in ctx.open_steps:
        if not step.overdue:
            break  # overdue steps come first
        person, touch = step.person, step.interaction
        key = ctx.is_key(person)
        champion = person.stance is Stance.CHAMPION
        if key and step.days_late > LONG_OVERDUE_DAYS:
            severity = Severity.HIGH
        elif key or champion:
            severity = Severity.MEDIUM
        else:
            severity = Severity.LOW
        message = (
            f'Your next step with {describe(person)}, "{touch.next_step}", was due '
            f"{touch.due}: {_days(step.days_late)} late."
        )
        if key:
            message += " Someone who can stop the deal reads it as how you will run the project."
        elif champion:
            message += " Your champion vouches for you inside; a slip costs them credibility too."
        out.append(
            _finding(
                "overdue-next-step",
                severity,
                person,
                message=message,
                suggestion=f"Do it today, or call {person.name} before they chase you: own the "
                "slip, give a date you will keep, and log the new next step.",
                evidence=[
                    {"interaction": touch.id, "field": "next_step", "value": touch.next_step},
                    {"interaction": touch.id, "field": "due", "value": touch.due},
                    {"id": person.id, "measure": "days_late", "value": step.days_late},
                ],
            )
        )
    return out


def _cadences(ctx: Context, person: Stakeholder) -> list[tuple[str, int]]:
    """(what they are to the deal, days) for each cadence that applies to ``person``."""
    cfg = ctx.config
    found = []
    if person.stance is Stance.CHAMPION and cfg.cadence_champion_days > 0:
        found.append(("champion", cfg.cadence_champion_days))
    if person.role is Role.ECONOMIC_BUYER and cfg.cadence_economic_buyer_days > 0:
        found.append(("economic buyer", cfg.cadence_economic_buyer_days))
    return found


def missed_cadence(ctx: Context) -> list[Finding]:
    """A champion or an economic buyer not touched within their cadence
    (``cadence_champion_days``, 14; ``cadence_economic_buyer_days``, 30).

    Why: a champion left alone stops selling for the rep, and a budget owner
    who has not heard of the initiative lately moves its money elsewhere at
    the next planning round. Low; medium beyond twice the cadence. Quiet for
    someone with no contact date at all (``uncovered-key-player`` speaks for
    the unmet) and for a key player already past ``stale_days``
    (``stale-contact`` speaks for them).
    """
    out = []
    for person in ctx.people:
        cadences = _cadences(ctx, person)
        last = ctx.last_contact(person)
        if not cadences or not last:
            continue
        days = (ctx.today - date.fromisoformat(last)).days
        limit = min(days for _, days in cadences)
        if days <= limit:
            continue
        if ctx.is_key(person) and days > ctx.config.stale_limit(person.role.value):
            continue
        what = join([name for name, _ in cadences])
        severity = Severity.MEDIUM if days > 2 * limit else Severity.LOW
        message = (
            f"You have not been in touch with your {what} {describe(person)} for "
            f"{_days(days)} (last contact {last}; the rhythm is every {_days(limit)})."
        )
        if person.stance is Stance.CHAMPION:
            message += " A champion left alone stops selling for you."
            advice = (
                f"Call {person.name} this week: say where the deal stands, ask what they hear "
                "inside, and agree the next thing they will do for it."
            )
        else:
            message += " Budgets move in silence at the next planning round."
            tie = (
                f"tie the initiative to {person.priorities[0]}"
                if person.priorities
                else "ask what they must show this year"
            )
            advice = (
                f"Get 20 minutes with {person.name} within two weeks: {tie}, and confirm the "
                "budget and the timeline still hold."
            )
        out.append(
            _finding(
                "missed-cadence",
                severity,
                person,
                message=message,
                suggestion=advice,
                evidence=[
                    *field_evidence(person, "stance", "role", "last_contact"),
                    {"id": person.id, "measure": "days_since_contact", "value": days},
                    {"measure": "cadence_days", "value": limit},
                ],
            )
        )
    return out
