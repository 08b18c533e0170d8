"""Rules about the selling team: who holds each relationship that matters.

An account worked by a team dies in the gaps between teammates: a key
player everyone assumes someone else is calling, a champion whose owner has
moved to another territory, a deal where three people are reached but all
through one seller. These rules speak only when the map is worked as a team
(the account has a team, or someone on the map has an owner): a solo rep
who never filled in owners is not told thirty times that nobody owns
anyone. Registered in ``rules.RULES`` like every rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

from stakemap.analysis.context import DECIDING_ROLES, Context, helper_rank
from stakemap.analysis.types import Finding, Severity
from stakemap.analysis.wording import describe, field_evidence, join, role_phrase, subject
from stakemap.owners import fold_name, off_team, team_spelling, worked_as_team
from stakemap.records import Stakeholder
from stakemap.vocab import Role, Stance

__all__ = ["Holder", "holder", "orphaned_champion", "team_thread", "unowned_key_player"]


class Holder(Enum):
    """Whether someone on the team holds a person's relationship."""

    OWNED = "owned"  # an owner who is on the team (or any owner, when no team is listed)
    NOBODY = "nobody"  # no owner at all
    LEFT = "left"  # an owner who is not on the account's team: left it, or never joined


def works_as_team(ctx: Context) -> bool:
    """The map is worked as a team (``owners.worked_as_team``)."""
    return worked_as_team(ctx.map.account, ctx.people)


def holder(ctx: Context, person: Stakeholder) -> Holder:
    if not person.owner.strip():
        return Holder.NOBODY
    if off_team(ctx.map.account, person.owner):
        return Holder.LEFT
    return Holder.OWNED


def _finding(
    rule: str,
    severity: Severity,
    people: Sequence[Stakeholder],
    *,
    message: str,
    suggestion: str,
    evidence: Sequence[dict[str, Any]],
) -> Finding:
    departments = {p.department for p in people}
    department = departments.pop() if len(departments) == 1 else ""
    return Finding(
        rule=rule,
        severity=severity,
        subjects=tuple(subject(p) for p in people),
        department=department or None,
        message=message,
        evidence=tuple(evidence),
        suggestion=suggestion,
    )


def _teammates(ctx: Context, *, besides: str = "") -> str:
    """ "Ann Lee or Bo Chen": who could take a relationship (up to three)."""
    others = [m for m in ctx.map.account.team if fold_name(m) != fold_name(besides)][:3]
    if len(others) > 1:
        return f"{', '.join(others[:-1])} or {others[-1]}"
    return others[0] if others else ""


def unowned_key_player(ctx: Context) -> list[Finding]:
    """A key player nobody on the team owns: no owner, or an owner who is off the team.

    Why: on a team, "someone is talking to the CFO" means nobody is; the
    person who can stop the deal hears from the seller who happens to call,
    with no thread between calls. Medium for a veto, the economic buyer or a
    decision maker; low for other key players. Champions are left to
    ``orphaned-champion``. Quiet unless the map is worked as a team.
    """
    if not works_as_team(ctx):
        return []
    out = []
    for person in ctx.people:
        state = holder(ctx, person)
        if state is Holder.OWNED or person.stance is Stance.CHAMPION or not ctx.is_key(person):
            continue
        weighty = person.veto or person.role in (Role.ECONOMIC_BUYER, Role.DECISION_MAKER)
        who = describe(person)
        if person.role in DECIDING_ROLES:
            who += f", {role_phrase(person)}"
        candidates = _teammates(ctx, besides=person.owner)
        if state is Holder.NOBODY:
            message = (
                f"Nobody on the team owns {who}: everyone assumes someone else is calling them."
            )
            take = f"the teammate who knows them best ({candidates})" if candidates else "someone"
            suggestion = (
                f"Give {person.name} an owner: {take} takes the relationship and the next step."
            )
        else:
            message = (
                f"{who} is owned by {person.owner}, who is not on the account's team: "
                "nobody active holds the relationship."
            )
            to = candidates or "a teammate"
            suggestion = (
                f"Ask {person.owner} to hand {person.name} over to {to} with a warm "
                "introduction, then make them the owner."
            )
        out.append(
            _finding(
                "unowned-key-player",
                Severity.MEDIUM if weighty else Severity.LOW,
                [person],
                message=message,
                suggestion=suggestion,
                evidence=[
                    *field_evidence(person, "owner", "role", "veto", "influence"),
                    {"measure": "team", "value": list(ctx.map.account.team)},
                ],
            )
        )
    return out


def orphaned_champion(ctx: Context) -> list[Finding]:
    """A champion nobody active on the team owns: no owner, or an owner off the team.

    Why: a champion sells for you when you are not in the room, and stops
    the week nobody calls them back. One whose seller left the account is
    the classic silent loss: the champion still likes you, but nobody is
    arming them. High when the owner left the team, medium when nobody ever
    owned them. Quiet unless the map is worked as a team.
    """
    if not works_as_team(ctx):
        return []
    out = []
    for person in ctx.champions:
        state = holder(ctx, person)
        if state is Holder.OWNED:
            continue
        candidates = _teammates(ctx, besides=person.owner)
        if state is Holder.NOBODY:
            message = (
                f"Your champion {describe(person)} has no owner on the team: a champion "
                "nobody calls back stops selling for you."
            )
            take = candidates or "a teammate"
            suggestion = (
                f"Make {take} the owner of {person.name} and book a call this week to "
                "arm them for the next internal meeting."
            )
            severity = Severity.MEDIUM
        else:
            message = (
                f"Your champion {describe(person)} is owned by {person.owner}, who is not on "
                "the account's team: nobody active is arming them."
            )
            to = candidates or "a teammate"
            suggestion = (
                f"Ask {person.owner} to introduce {to} to {person.name} before the hand-off, "
                f"make them the owner, and pass on what {person.owner} knows."
            )
            severity = Severity.HIGH
        out.append(
            _finding(
                "orphaned-champion",
                severity,
                [person],
                message=message,
                suggestion=suggestion,
                evidence=[
                    *field_evidence(person, "owner", "stance", "relationship"),
                    {"measure": "team", "value": list(ctx.map.account.team)},
                ],
            )
        )
    return out


def team_thread(ctx: Context, deep: Sequence[Stakeholder]) -> Finding | None:
    """``single-threaded`` on one teammate: every deep relationship held by one seller.

    Why: a deal reached through three people is still single-threaded when
    one seller holds all three; if they change territory or go on leave,
    the account goes dark just the same. Only when the team has at least
    ``team_threads`` sellers and every deep contact has an owner (an unowned
    one may be anyone's). Medium: the people are reached, the team is not.
    """
    wanted = ctx.config.team_threads
    team = ctx.map.account.team
    if wanted < 2 or len(team) < wanted or len(deep) < 2:
        return None
    if any(not p.owner.strip() for p in deep):
        return None
    owners = {fold_name(p.owner) for p in deep}
    if len(owners) != 1:
        return None
    seller = team_spelling(ctx.map.account, deep[0].owner) or deep[0].owner
    ranked = sorted(deep, key=lambda p: (not ctx.is_key(p), *helper_rank(p, ctx.influence)))
    others = _teammates(ctx, besides=seller)
    return _finding(
        "single-threaded",
        Severity.MEDIUM,
        ranked,
        message=(
            f"Every relationship that runs deep ({join([p.name for p in ranked])}) is held by "
            f"{seller} alone: if {seller} leaves the account or goes on leave, the deal "
            "goes dark."
        ),
        suggestion=(
            f"Have {others or 'another teammate'} build a relationship of their own: ask "
            f"{seller} to bring them to the next meeting with {ranked[0].name}."
        ),
        evidence=[
            {"measure": "teammates_with_access", "value": len(owners)},
            {"measure": "team_threads", "value": wanted},
            *(e for p in ranked for e in field_evidence(p, "owner", "coverage")),
        ],
    )
