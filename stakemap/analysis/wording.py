"""Phrases the rules build their messages from, so every finding reads alike.

Messages never quote the private fields (``records.PRIVATE_FIELDS``: notes,
drivers, constraints, fears, email): findings are printed, exported and
pasted into deal reviews, and a redacted export must not leak them that way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stakemap.analysis.network import Hop
from stakemap.analysis.types import Subject
from stakemap.records import Stakeholder
from stakemap.vocab import LINK_WORDS, LinkKind, Role, Stance

__all__ = [
    "a_stance",
    "count",
    "describe",
    "field_evidence",
    "hop_evidence",
    "join",
    "path_text",
    "relation",
    "role_phrase",
    "stored_ends",
    "subject",
    "tagged",
]

_ROLE_PHRASE = {
    Role.ECONOMIC_BUYER: "the economic buyer",
    Role.DECISION_MAKER: "a decision maker",
    Role.APPROVER: "an approver",
    Role.TECHNICAL_EVALUATOR: "a technical evaluator",
    Role.EVALUATOR: "an evaluator",
    Role.INFLUENCER: "an influencer",
    Role.USER: "a user",
    Role.IMPLEMENTER: "an implementer",
    Role.GATEKEEPER: "a gatekeeper",
    Role.UNKNOWN: "of unknown role",
}

_A_STANCE = {
    Stance.CHAMPION: "a champion",
    Stance.SUPPORTER: "a supporter",
    Stance.NEUTRAL: "neutral",
    Stance.SKEPTIC: "a skeptic",
    Stance.OPPONENT: "an opponent",
    Stance.UNKNOWN: "of unknown stance",
}


def subject(person: Stakeholder) -> Subject:
    return Subject(person.id, person.name)


def role_phrase(person: Stakeholder) -> str:
    """ "the economic buyer", "an approver"…"""
    return _ROLE_PHRASE[person.role]


def a_stance(person: Stakeholder) -> str:
    """ "a skeptic", "an opponent", "neutral"…"""
    return _A_STANCE[person.stance]


def describe(person: Stakeholder) -> str:
    """Name with title (or department) in brackets: "Frank Ortiz (CFO)".

    >>> from stakemap.records import Stakeholder
    >>> describe(Stakeholder("p1", "Ann Lee", title="CFO"))
    'Ann Lee (CFO)'
    """
    detail = person.title or person.department
    return f"{person.name} ({detail})" if detail else person.name


def tagged(person: Stakeholder) -> str:
    """Name with stance in brackets, for helpers: "Leah Park (supporter)"."""
    if person.stance is Stance.UNKNOWN:
        return person.name
    return f"{person.name} ({person.stance.value})"


def count(n: int, one: str, many: str) -> str:
    """A number with its noun, so no message reads "1 people".

    >>> count(1, "person", "people"), count(2, "person", "people")
    ('1 person', '2 people')
    """
    return f"{n} {one if n == 1 else many}"


def join(items: Sequence[str]) -> str:
    """English list: "A", "A and B", "A, B and C".

    >>> join(["A", "B", "C"])
    'A, B and C'
    """
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]}"


_STRENGTH_ADVERB = {1: " a little", 2: "", 3: " strongly"}


def stored_ends(hop: Hop) -> tuple[str, str]:
    """The link's own (source, target), whichever way the hop walked it."""
    return (hop.source, hop.target) if hop.forward else (hop.target, hop.source)


def relation(pid: str, hop: Hop, names: dict[str, Stakeholder]) -> str:
    """How ``pid`` is tied to the other end of ``hop``, from ``pid``'s side.

    "influences Frank Ortiz strongly", "is influenced by Frank Ortiz",
    "reports to Frank Ortiz", "manages Frank Ortiz"…
    """
    source, target = stored_ends(hop)
    mine = pid == source
    other = names[target if mine else source].name
    words = LINK_WORDS[hop.kind]
    if hop.kind is LinkKind.INFLUENCES and mine:
        return f"{words.verb} {other}{_STRENGTH_ADVERB[hop.strength]}"
    return f"{words.verb if mine else words.inverse} {other}"


def path_text(hops: Sequence[Hop], names: dict[str, Stakeholder]) -> str:
    """ "Carla Mendes (champion) → Dana Lee (supporter) → Frank Ortiz"."""
    parts = [tagged(names[hops[0].source])]
    parts.extend(tagged(names[hop.target]) for hop in hops[:-1])
    parts.append(names[hops[-1].target].name)
    return " → ".join(parts)


def field_evidence(person: Stakeholder, *names: str) -> list[dict[str, Any]]:
    """Evidence items ``{"id", "field", "value"}`` for fields of one person."""
    out = []
    for name in names:
        value = getattr(person, name)
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, str):
            value = str(value)
        out.append({"id": person.id, "field": name, "value": value})
    return out


def hop_evidence(hops: Sequence[Hop]) -> list[dict[str, Any]]:
    """Evidence items for the links of a path, in path order."""
    out = []
    for hop in hops:
        source, target = stored_ends(hop)
        item: dict[str, Any] = {
            "link": hop.link,
            "source": source,
            "target": target,
            "kind": hop.kind.value,
        }
        if hop.kind is LinkKind.INFLUENCES:
            item["strength"] = hop.strength
        out.append(item)
    return out
