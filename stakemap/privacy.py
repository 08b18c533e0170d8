"""Privacy transforms applied to a map before it is exported.

A map holds a rep's private judgement about real people. Exports leave the
machine, so they can drop it:

- ``redact``: the fields in ``records.PRIVATE_FIELDS`` (notes, drivers,
  constraints, fears, email) are emptied.
- ``anonymize``: also replaces every name with a role-and-department label
  ("Finance economic buyer", numbered when two people would share one), blanks
  the account owner (the rep's own name), and scrubs stakeholder names (and the
  owner's) out of the text that is kept (titles, departments, priorities, the
  initiative), so "Chief of staff to Maria Lopez", "deputy to maria" and
  "reports to JuergenWeiss" do not give anyone away.
- ``anonymize(hide_account=True)``: also replaces the account name and the
  initiative, for a map shown outside the deal team.

Both return a new map and leave the original untouched. Anything derived from
the map (an analysis, whose findings and suggestions name people) must be
computed from the transformed map, never carried over from the original.
Ids are kept: they are random, carry no personal data, and links need them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any, Final

from stakemap.model import StakeMap
from stakemap.records import PRIVATE_FIELDS, Account, Stakeholder, initiative_rank
from stakemap.vocab import Role, label

__all__ = [
    "HIDDEN_ACCOUNT",
    "HIDDEN_INITIATIVE",
    "anonymize",
    "anonymous_labels",
    "protect",
    "redact",
]


def redact(stakemap: StakeMap) -> StakeMap:
    """A copy of ``stakemap`` with every private field emptied."""
    blank: dict[str, Any] = dict.fromkeys(sorted(PRIVATE_FIELDS), "")
    people = [replace(person, **blank) for person in stakemap.people]
    return _rebuild(stakemap, people)


def anonymous_labels(people: Iterable[Stakeholder]) -> dict[str, str]:
    """Map each stakeholder id to a label made of department and role.

    Labels are numbered in map order when several people share one, so the
    label of a person depends only on the map, not on the export format.

    >>> from stakemap.records import Stakeholder
    >>> from stakemap.vocab import Role
    >>> people = [
    ...     Stakeholder("p1", "Ann", department="Finance", role=Role.ECONOMIC_BUYER),
    ...     Stakeholder("p2", "Bob", department="IT"),
    ...     Stakeholder("p3", "Cy", department="IT"),
    ...     Stakeholder("p4", "Di"),
    ... ]
    >>> for text in anonymous_labels(people).values():
    ...     print(text)
    Finance economic buyer
    IT stakeholder 1
    IT stakeholder 2
    Stakeholder
    """
    people = list(people)
    base = {person.id: _base_label(person) for person in people}
    counts = Counter(base.values())
    seen: Counter[str] = Counter()
    labels = {}
    for person in people:
        text = base[person.id]
        if counts[text] > 1:
            seen[text] += 1
            text = f"{text} {seen[text]}"
        labels[person.id] = text
    return labels


def _base_label(person: Stakeholder) -> str:
    role = "stakeholder" if person.role is Role.UNKNOWN else label(person.role).lower()
    if person.department:
        return f"{person.department} {role}"
    return role[:1].upper() + role[1:]


#: What an anonymized account and initiative are called (``hide_account``).
HIDDEN_ACCOUNT: Final = "Account"
HIDDEN_INITIATIVE: Final = "The initiative"


def anonymize(stakemap: StakeMap, *, hide_account: bool = False) -> StakeMap:
    """A redacted copy with names replaced by labels and scrubbed from kept text.

    ``hide_account`` also replaces the account name and the initiative (and
    scrubs each word of the account's name from the kept text), for a map shared outside
    the deal team. Priorities that name the initiative become the same
    placeholder, so the analysis (the initiative's rank) is unchanged.
    """
    redacted = redact(stakemap)
    account = redacted.account
    names = [p.name for p in redacted.people]
    if account.owner:
        names.append(account.owner)  # the rep's own name leaves the map too
    scrub = _NameScrubber(names, account=account.account if hide_account else "")

    def kept(text: str) -> str:
        if hide_account and initiative_rank([text], account.initiative):
            return HIDDEN_INITIATIVE
        return scrub(text)

    # Departments are scrubbed before labels are made from them ("Maria's team").
    scrubbed = [
        replace(
            person,
            title=scrub(person.title),
            department=scrub(person.department),
            priorities=tuple(kept(item) for item in person.priorities),
        )
        for person in redacted.people
    ]
    labels = anonymous_labels(scrubbed)
    people = [replace(person, name=labels[person.id]) for person in scrubbed]
    if hide_account:
        initiative = HIDDEN_INITIATIVE if account.initiative else ""
        account = replace(account, account=HIDDEN_ACCOUNT, owner="", initiative=initiative)
    else:
        account = replace(account, owner="", initiative=scrub(account.initiative))
    return _rebuild(redacted, people, account=account)


def protect(
    stakemap: StakeMap,
    *,
    redact_private: bool,
    anonymize_names: bool,
    anonymize_account: bool = False,
) -> StakeMap:
    """Apply the transforms the user asked for (each implies the ones before it)."""
    if anonymize_names or anonymize_account:
        return anonymize(stakemap, hide_account=anonymize_account)
    if redact_private:
        return redact(stakemap)
    return stakemap


#: Runs of letters: digits and "_" split words too ("maria_lopez", "maria2").
_LETTERS = re.compile(r"[^\W\d_]+")
#: What may stand between the words of one name ("Maria Lopez", "Maria-Lopez",
#: "O'Brien"); scrubbed words joined by it become a single "[name]".
_NAME_GAP = re.compile(r"^[\s\-._'’]{0,3}$")
#: Shortest name part matched on its own, in any case and spelling.
_MIN_PART = 3
#: Name particles that identify nobody on their own; they still count inside
#: a full name ("Ludwig van Beethoven").
_PARTICLES: Final = frozenset(
    [
        "al",
        "bin",
        "da",
        "das",
        "de",
        "del",
        "della",
        "den",
        "der",
        "di",
        "do",
        "dos",
        "du",
        "el",
        "ibn",
        "la",
        "las",
        "le",
        "les",
        "los",
        "st",
        "ten",
        "ter",
        "van",
        "von",
        "y",
        "zu",
    ]
)
#: Words of a company name that identify nobody on their own (legal forms, filler).
_COMPANY_FILLER: Final = frozenset(
    ["the", "and", "inc", "ltd", "llc", "plc", "corp", "gmbh", "company", "group", "holding"]
)
#: Letters NFKD does not decompose, spelled the way people type them in ASCII.
_ASCII: Final = str.maketrans(
    {"ß": "ss", "ẞ": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d",
     "þ": "th", "ı": "i"}
)  # fmt: skip
#: The German transliteration (Jürgen -> Juergen) besides the plain one (Jurgen).
_GERMAN: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def _fold(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.casefold().translate(_ASCII))
    return "".join(char for char in text if not unicodedata.combining(char))


@lru_cache(maxsize=1 << 16)
def _variants(word: str) -> tuple[str, ...]:
    """Every spelling ``word`` is matched by: "Jürgen" -> ("jurgen", "juergen").

    >>> _variants("Weiß"), _variants("JÜRGEN"), _variants("Łukasz")
    (('weiss',), ('jurgen', 'juergen'), ('lukasz',))
    """
    plain = _fold(word)
    german = _fold(word.casefold().translate(_GERMAN))
    return (plain,) if german == plain else (plain, german)


def _words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word in ``text``, splitting glued CamelCase ("JurgenWeiss")."""
    spans = []
    for match in _LETTERS.finditer(text):
        start, end = match.span()
        run = match.group()
        if run[1:] != run[1:].lower():  # an inner capital: cut before each one
            cut = start
            for offset in range(1, len(run)):
                if run[offset].isupper() and run[offset - 1].islower():
                    spans.append((cut, start + offset))
                    cut = start + offset
            spans.append((cut, end))
        else:
            spans.append((start, end))
    return spans


class _NameScrubber:
    """Replaces names found in free text with "[name]" (and the account's with "[account]").

    Text is split into words once and each word looked up in sets, so the cost
    does not grow with the number of people (a regex alternation of 10,000
    names does). A word is a name when, ignoring case and accents (Weiß =
    Weiss, Jürgen = Jurgen = Juergen), it is one part of a name of three
    letters or more, or two such parts glued together ("jurgenweiss"); a whole
    name matches as a run of words whatever the length of its parts. Two-letter
    parts ("Bo", "Li") alone match only as written, so "to" and "it" survive.
    Whole words only: "Marketing" does not contain "Mark". A label is not
    substituted for the name because the text could then be matched back to
    the person.
    """

    def __init__(self, names: Iterable[str], *, account: str = "") -> None:
        self._parts: set[str] = set()
        self._short: set[str] = set()
        full: dict[str, set[tuple[str, ...]]] = {}
        for name in {n for n in names if n}:
            words = [name[a:b] for a, b in _words(name)]
            for word in words:
                folded = _variants(word)
                if folded[0] in _PARTICLES:
                    continue
                if len(folded[0]) >= _MIN_PART:
                    self._parts.update(folded)
                elif len(word) > 1:
                    self._short.add(word)
            if len(words) > 1:
                key = tuple(_variants(w)[0] for w in words)
                full.setdefault(key[0], set()).add(key)
        self._full = {  # longest name first
            first: sorted(keys, key=len, reverse=True) for first, keys in full.items()
        }
        self._account = tuple(_variants(account[a:b])[0] for a, b in _words(account))
        # Each distinctive word alone too: "Zyxcorp's CFO" names Zyxcorp Widgets Inc.
        self._account_parts = {
            word
            for a, b in _words(account)
            for word in _variants(account[a:b])
            if len(word) >= _MIN_PART and word not in _COMPANY_FILLER
        }

    def _is_part(self, word: str) -> bool:
        folded = _variants(word)
        if word in self._short or any(f in self._parts for f in folded):
            return True
        for f in folded:  # two parts glued together: "jurgenweiss"
            for cut in range(_MIN_PART, len(f) - _MIN_PART + 1):
                if f[:cut] in self._parts and f[cut:] in self._parts:
                    return True
        return False

    def __call__(self, text: str) -> str:
        if not text:
            return text
        spans = _words(text)
        words = [_variants(text[a:b])[0] for a, b in spans]
        hits: list[tuple[int, int, str]] = []
        index = 0
        while index < len(spans):
            length = self._full_match(text, spans, words, index)
            marker = "[name]"
            if not length and self._account and words[index] == self._account[0]:
                length = len(self._account) * _spells(text, spans, words, index, self._account)
                marker = "[account]"
            if length:
                hits.append((spans[index][0], spans[index + length - 1][1], marker))
                index += length
                continue
            start, end = spans[index]
            if self._is_part(text[start:end]):
                hits.append((start, end, "[name]"))
            elif words[index] in self._account_parts:
                hits.append((start, end, "[account]"))
            index += 1
        return _replace(text, hits)

    def _full_match(
        self, text: str, spans: list[tuple[int, int]], words: list[str], index: int
    ) -> int:
        """How many words from ``index`` spell a full name (0 if none)."""
        for name in self._full.get(words[index], ()):
            if _spells(text, spans, words, index, name):
                return len(name)
        return 0


def _spells(
    text: str, spans: list[tuple[int, int]], words: list[str], index: int, name: tuple[str, ...]
) -> bool:
    """Whether the words from ``index`` are ``name``, joined only by name gaps."""
    if index + len(name) > len(spans):
        return False
    return all(
        words[index + k] == name[k]
        and (k == 0 or _NAME_GAP.match(text[spans[index + k - 1][1] : spans[index + k][0]]))
        for k in range(len(name))
    )


def _replace(text: str, hits: list[tuple[int, int, str]]) -> str:
    """``text`` with each hit replaced; neighbouring "[name]"s of one name merge."""
    out: list[str] = []
    position = 0
    last = ""
    for start, end, marker in hits:
        gap = text[position:start]
        if out and marker == last and _NAME_GAP.match(gap):
            position = end  # "Maria Lopez" matched word by word: one "[name]"
            continue
        out.append(gap + marker)
        position, last = end, marker
    out.append(text[position:])
    return "".join(out)


def _rebuild(
    stakemap: StakeMap, people: list[Stakeholder], *, account: Account | None = None
) -> StakeMap:
    """A new map with the same links and retired ids; the original is not touched."""
    return StakeMap.from_records(
        account or stakemap.account,
        people,
        stakemap.links,
        retired=stakemap.retired,
    )
