"""Finding a stakeholder by what a user types: one matcher for the CLI and the app.

``stakemap link add map.json ann cfo`` and typing "ann" in the app's person
picker must land on the same person, or list the same candidates: a rep who
learns one learns both. So both go through ``match_person``, which tries, in
order, and stops at the first way anybody matches:

1. the id (``p3k9…``),
2. the email,
3. the whole name,
4. a prefix of the whole name or of any word of it ("ann" or "lee" → Ann Lee),
5. initials ("al" → Ann Lee, "jrr" → J. R. R. Tolkien).

Case, accents and spacing are ignored ("zoe" finds Zoë). One person in the
first tier that matches is the answer; several are listed, never guessed
between, because a wrong guess edits the wrong person.

>>> from stakemap.records import Stakeholder
>>> people = [
...     Stakeholder.from_dict({"id": "p1", "name": "Ann Lee"}),
...     Stakeholder.from_dict({"id": "p2", "name": "Annika Berg"}),
...     Stakeholder.from_dict({"id": "p3", "name": "Ann"}),
... ]
>>> match_person(people, "ann").found.name  # the whole name beats a prefix
'Ann'
>>> match_person(people, "lee").found.name  # a word of the name
'Ann Lee'
>>> [p.name for p in match_person(people, "an").candidates]  # a prefix of all three
['Ann', 'Ann Lee', 'Annika Berg']
>>> match_person(people, "ab").how, match_person(people, "ab").found.name
('initials', 'Annika Berg')
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from stakemap.records import Stakeholder

__all__ = ["How", "NameMatch", "fold", "match_person", "rank_people", "similar_names"]

#: How a person was matched, best first (the order ``match_person`` tries).
How = Literal["id", "email", "name", "prefix", "initials"]
_TIERS: Final[tuple[How, ...]] = ("id", "email", "name", "prefix", "initials")

_NOT_WORD: Final = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Text as it is compared: lower case, accents dropped, spaces collapsed.

    >>> fold("  Zoë   CASTELLANOS ")
    'zoe castellanos'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def _words(name: str) -> list[str]:
    return [w for w in _NOT_WORD.split(fold(name)) if w]


def _how(person: Stakeholder, query: str, folded: str) -> How | None:
    """The best way ``person`` matches ``query``, or ``None``."""
    if person.id in (query, folded):
        return "id"
    if person.email and fold(person.email) == folded:
        return "email"
    name = fold(person.name)
    if name == folded:
        return "name"
    words = _words(person.name)
    if name.startswith(folded) or any(w.startswith(folded) for w in words):
        return "prefix"
    if len(folded) >= 2 and folded.isalpha():
        initials = "".join(w[0] for w in words)
        if initials.startswith(folded):
            return "initials"
    return None


def _order(person: Stakeholder) -> tuple[str, str]:
    return (fold(person.name), person.id)


@dataclass(frozen=True, slots=True)
class NameMatch:
    """What ``query`` found: ``candidates`` of the best tier that matched anyone.

    ``found`` is the one person when the match is unique; with several
    candidates the caller lists them (the CLI raises ``AmbiguousNameError``,
    the app's picker shows the same list); with none, ``how`` is ``None``.
    """

    query: str
    how: How | None
    candidates: tuple[Stakeholder, ...]

    @property
    def found(self) -> Stakeholder | None:
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


def rank_people(people: Iterable[Stakeholder], query: str) -> list[tuple[How, Stakeholder]]:
    """Everyone ``query`` matches in any tier, best tier first, then by name.

    The person picker lists them in this order, so the person the CLI would
    choose is the one highlighted.
    """
    key = query.strip()
    folded = fold(key)
    if not folded:
        return []
    found: list[tuple[int, tuple[str, str], How, Stakeholder]] = []
    for person in people:
        how = _how(person, key, folded)
        if how is not None:
            found.append((_TIERS.index(how), _order(person), how, person))
    found.sort(key=lambda item: (item[0], item[1]))
    return [(how, person) for _, _, how, person in found]


def match_person(people: Iterable[Stakeholder], query: str) -> NameMatch:
    """The person ``query`` names, or the candidates to choose between (see the module)."""
    ranked = rank_people(people, query)
    if not ranked:
        return NameMatch(query, None, ())
    best = ranked[0][0]
    return NameMatch(query, best, tuple(p for how, p in ranked if how == best))


def similar_names(people: Sequence[Stakeholder], query: str, limit: int = 3) -> list[str]:
    """Names a mistyped ``query`` probably meant (for "did you mean …?").

    >>> from stakemap.records import Stakeholder
    >>> similar_names([Stakeholder.from_dict({"id": "p1", "name": "Ann Lee"})], "anne lee")
    ['Ann Lee']
    """
    by_fold = {fold(p.name): p.name for p in sorted(people, key=_order)}
    close = difflib.get_close_matches(fold(query), list(by_fold), n=limit, cutoff=0.6)
    return [by_fold[c] for c in close]
