"""Which of a person's priorities is the account's initiative: the one matcher.

The rep types the initiative once on the account and again, in their own
words, in each person's priorities ("Fleet telemetry" vs "Fleet-telemetry
platform"). Equal text alone misses most of these and fires false priority
gaps, so every front end (rules, exports, the app, the timeline) asks this
module, in this order: the priority the rep marked as the initiative, then a
priority equal to it (ignoring case and punctuation), then the first priority
that shares its content words (see ``words_match``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from stakemap.errors import ValidationError, shown

__all__ = [
    "FILLER_WORDS",
    "InitiativeMatch",
    "content_words",
    "fold",
    "initiative_mark",
    "match_initiative",
    "not_a_priority",
    "words_match",
]

#: Words that name the kind of undertaking rather than what it is about, so two
#: wordings of one initiative may differ in them ("Fleet telemetry" vs
#: "Fleet-telemetry platform"). Left out before words are compared.
FILLER_WORDS: Final[frozenset[str]] = frozenset(
    {
        "a",
        "an",
        "and",
        "for",
        "in",
        "initiative",
        "new",
        "of",
        "on",
        "our",
        "platform",
        "programme",
        "program",
        "project",
        "rollout",
        "solution",
        "system",
        "the",
        "to",
        "tool",
        "tooling",
        "with",
    }
)

_SPLIT: Final = re.compile(r"[\W_]+")
#: plural -es only after the letters that take it (taxes, boxes, batches)
_ES_AFTER: Final = ("s", "x", "z", "ch", "sh")

How = Literal["marked", "exact", "matched"]


def fold(text: str) -> str:
    """Case, punctuation and spacing folded away: the same title typed twice."""
    return _SPLIT.sub(" ", text.casefold()).strip()


def _strip_suffix(word: str) -> str:
    """The word without one plural or verb ending, if enough of it is left."""
    if word.endswith("ies") and len(word) >= 5:
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) >= 6:
        return word[:-3]
    if word.endswith("ed") and len(word) >= 5:
        return word[:-2]
    if word.endswith("es") and len(word) >= 5 and word[:-2].endswith(_ES_AFTER):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) >= 4:
        return word[:-1]
    return word


def _stem(word: str) -> str:
    """Light stemming: enough to meet "costs"/"cost", "pricing"/"price", "cuts"/"cut"."""
    word = _strip_suffix(word)
    # "price"/"pric(ing)", "sale(s)": the silent e is dropped on both sides
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
    return word


def content_words(text: str) -> frozenset[str]:
    """The stemmed words of ``text`` that say what it is about (filler left out).

    >>> sorted(content_words("Fleet-telemetry platform"))
    ['fleet', 'telemetry']
    """
    words = (w for w in fold(text).split() if w not in FILLER_WORDS)
    return frozenset(s for s in map(_stem, words) if s not in FILLER_WORDS)


def words_match(priority: str, initiative: str) -> bool:
    """A priority names the initiative: every content word of the shorter wording
    is in the other. The shorter side decides because a priority often adds a
    qualifier ("Fleet telemetry for the EU depots") the initiative lacks.

    >>> words_match("Fleet-telemetry platform", "Fleet telemetry")
    True
    >>> words_match("Cost cuts", "Fleet telemetry")
    False
    >>> words_match("RevOps tooling for the sales floor", "RevOps platform")
    True

    A one-word *priority* does not stand for a longer initiative: "Operations"
    is on most COOs' lists and is not the "Revenue operations platform" a rep
    sells. (A one-word initiative, "RevOps", is its own distinctive name.)

    >>> words_match("Operations", "Revenue operations platform")
    False
    """
    left, right = content_words(priority), content_words(initiative)
    if not left or not right:
        return False
    if len(left) == 1 and len(right) > 1:
        return False
    shorter, longer = sorted((left, right), key=len)
    return shorter <= longer


@dataclass(frozen=True, slots=True)
class InitiativeMatch:
    """The priority taken as the initiative: its 1-based ``rank``, its text, and
    ``how`` it was found (``marked`` by the rep, ``exact`` text, or ``matched``
    by words), so advice can say when it only guessed."""

    rank: int
    priority: str
    how: How


def match_initiative(
    priorities: Iterable[str], initiative: str, marked: str = ""
) -> InitiativeMatch | None:
    """The priority that is the initiative, or ``None`` if none is.

    >>> match_initiative(["Cut costs", "Fleet-telemetry platform"], "Fleet telemetry")
    InitiativeMatch(rank=2, priority='Fleet-telemetry platform', how='matched')
    >>> match_initiative(["Cut costs"], "Fleet telemetry") is None
    True
    """
    items = list(priorities)
    if marked:
        for index, item in enumerate(items, start=1):
            if item == marked:
                return InitiativeMatch(index, item, "marked")
    wanted = fold(initiative)
    if not wanted:
        return None
    for index, item in enumerate(items, start=1):
        if fold(item) == wanted:
            return InitiativeMatch(index, item, "exact")
    for index, item in enumerate(items, start=1):
        if words_match(item, initiative):
            return InitiativeMatch(index, item, "matched")
    return None


def not_a_priority(value: object, priorities: tuple[str, ...]) -> str:
    """Why a mark was refused, with the priorities it may name (numbered, as the CLI takes them)."""
    if not priorities:
        return f"{shown(value)} cannot be marked: they have no priorities"
    listed = "; ".join(f"{n}. {shown(item)}" for n, item in enumerate(priorities, start=1))
    return f"{shown(value)} is not one of their priorities: {listed}"


#: what a rep types to take the mark off (beside the empty text)
_NO_MARK: Final = frozenset({"", "none"})


def initiative_mark(priorities: Sequence[str], value: str) -> str:
    """The priority ``value`` names, for ``Stakeholder.initiative_priority``: its
    text (case and spacing aside) or its 1-based number; "" or "none" for no
    mark. The CLI and the form take the rep's words through this one reading.

    >>> initiative_mark(["Cost cuts", "Fleet telemetry"], "2")
    'Fleet telemetry'
    >>> initiative_mark(["Cost cuts", "Fleet telemetry"], "cost  CUTS")
    'Cost cuts'
    """
    wanted = " ".join(value.split())
    if wanted.casefold() in _NO_MARK:
        return ""
    if wanted.isdigit() and 1 <= int(wanted) <= len(priorities):
        return priorities[int(wanted) - 1]
    for item in priorities:
        if " ".join(item.split()).casefold() == wanted.casefold():
            return item
    raise ValidationError(
        "initiative_priority", value, reason=not_a_priority(value, tuple(priorities))
    )
