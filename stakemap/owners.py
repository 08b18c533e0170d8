"""Who on the selling team holds each relationship: names matched once, for everyone.

A person's ``owner`` is a teammate's name typed by hand, on different
laptops, by different people: "ann lee" and "Ann Lee" are the same
teammate. Every front end (the CLI's ``--owner``, the app's filter and
forms, the handover) and the analysis compare names here, so "my people"
means the same people everywhere. An owner who is not on the account's team
is allowed (a new teammate, or one who has left): callers say so, nothing
refuses it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from stakemap.errors import ValidationError
from stakemap.records import Account, Stakeholder

__all__ = [
    "NOBODY",
    "add_to_team",
    "fold_name",
    "off_team",
    "owned_by",
    "owner_caption",
    "owner_names",
    "remove_from_team",
    "spell_owner",
    "team_spelling",
    "teammate",
    "worked_as_team",
]

#: The owner filter's word for "people nobody owns" (``show --owner none``).
NOBODY: Final = "none"


def fold_name(name: str) -> str:
    """How two spellings of a teammate's name are compared.

    >>> fold_name("  Ann   LEE ") == fold_name("ann lee")
    True
    """
    return " ".join(name.split()).casefold()


def _member(team: Sequence[str], name: str) -> str | None:
    folded = fold_name(name)
    return next((member for member in team if fold_name(member) == folded), None)


def team_spelling(account: Account, name: str) -> str | None:
    """The team's own spelling of ``name``, or ``None`` when they are not on the team."""
    return _member(account.team, name)


def worked_as_team(account: Account, people: Iterable[Stakeholder]) -> bool:
    """The map is worked as a team: it lists a team, or someone has an owner.

    Only then do the team's rules speak, the deal review get a Team section
    and the app offer owner filters: a solo rep who never fills in owners sees
    none of it.
    """
    return bool(account.team) or any(person.owner.strip() for person in people)


def teammate(name: str, field: str) -> str:
    """A teammate's name as typed, spaces tidied; a blank one is refused (``field`` names
    the option), since a handover "to" nobody or a nameless teammate means nothing."""
    tidy = " ".join(name.split())
    if not tidy:
        raise ValidationError(field, name, reason="is empty; give a teammate's name")
    return tidy


def off_team(account: Account, name: str) -> str | None:
    """ "Cy is not on the account's team", or ``None`` when they are, or when the
    account lists no team (a solo rep's map has nothing to compare with). Each
    front end adds its own way to fix it."""
    if not name.strip() or not account.team or team_spelling(account, name) is not None:
        return None
    return f"{' '.join(name.split())} is not on the account's team"


def spell_owner(team: Sequence[str], name: str) -> str:
    """``name`` as the team spells it when they are on it, else as typed (spaces tidied).

    >>> spell_owner(("Ann Lee",), " ann  LEE"), spell_owner(("Ann Lee",), "Cy")
    ('Ann Lee', 'Cy')
    """
    return _member(team, name) or " ".join(name.split())


def owned_by(people: Iterable[Stakeholder], owner: str) -> list[Stakeholder]:
    """The people ``owner`` holds (names folded); ``NOBODY`` or ``""``: those nobody holds.

    >>> from stakemap.records import Stakeholder
    >>> people = [Stakeholder.from_dict({"id": "a", "name": "A", "owner": "Ann Lee"}),
    ...           Stakeholder.from_dict({"id": "b", "name": "B"})]
    >>> [p.id for p in owned_by(people, "ann lee")], [p.id for p in owned_by(people, "none")]
    (['a'], ['b'])
    """
    folded = fold_name(owner)
    if folded in ("", NOBODY):
        return [person for person in people if not person.owner.strip()]
    return [person for person in people if fold_name(person.owner) == folded]


def owner_names(account: Account, people: Iterable[Stakeholder]) -> list[str]:
    """The team first (in its order), then owners who are not on it (A-Z), each once."""
    seen = {fold_name(member) for member in account.team}
    names = list(account.team)
    others: dict[str, str] = {}
    for person in people:
        folded = fold_name(person.owner)
        if folded and folded not in seen:
            others.setdefault(folded, " ".join(person.owner.split()))
    return names + sorted(others.values(), key=str.casefold)


def owner_caption(owner: str) -> str:
    """How an owner filter names itself, in the app's status line and ``show --owner``.

    >>> owner_caption("Ann Lee"), owner_caption("none")
    ('owned by Ann Lee', 'owned by nobody')
    """
    return "owned by nobody" if fold_name(owner) in ("", NOBODY) else f"owned by {owner}"


def add_to_team(team: Sequence[str], name: str) -> tuple[str, ...]:
    """``team`` with ``name`` at the end, unless a spelling of it is already there."""
    if _member(team, name) is not None:
        return tuple(team)
    return (*team, " ".join(name.split()))


def remove_from_team(team: Sequence[str], name: str) -> tuple[str, ...]:
    """``team`` without ``name`` (any spelling); the people they owned keep them as owner."""
    return tuple(member for member in team if fold_name(member) != fold_name(name))
