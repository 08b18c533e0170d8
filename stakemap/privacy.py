"""Privacy transforms applied to a map before it is exported.

A map holds a rep's private judgement about real people. Exports leave the
machine, so they can drop it:

- ``redact``: the fields in ``records.PRIVATE_FIELDS`` (notes, drivers,
  constraints, fears, email) are emptied.
- ``anonymize``: also replaces every name with a role-and-department label
  ("Finance economic buyer", numbered when two people would share one), blanks
  the account owner (the rep's own name), and scrubs stakeholder names out of
  the text that is kept (titles, departments, priorities, the initiative), so
  "Chief of staff to Maria Lopez" does not give Maria away.

Both return a new map and leave the original untouched. Anything derived from
the map (an analysis, whose findings and suggestions name people) must be
computed from the transformed map, never carried over from the original.
Ids are kept: they are random, carry no personal data, and links need them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from stakemap.model import StakeMap
from stakemap.records import PRIVATE_FIELDS, Account, Stakeholder
from stakemap.vocab import Role, label

__all__ = ["anonymize", "anonymous_labels", "protect", "redact"]

_MIN_NAME_PART = 2


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


def anonymize(stakemap: StakeMap) -> StakeMap:
    """A redacted copy with names replaced by labels and scrubbed from kept text."""
    redacted = redact(stakemap)
    scrub = _NameScrubber(redacted.people)
    # Departments are scrubbed before labels are made from them ("Maria's team").
    scrubbed = [
        replace(
            person,
            title=scrub(person.title),
            department=scrub(person.department),
            priorities=tuple(scrub(item) for item in person.priorities),
        )
        for person in redacted.people
    ]
    labels = anonymous_labels(scrubbed)
    people = [replace(person, name=labels[person.id]) for person in scrubbed]
    account = replace(
        redacted.account,
        owner="",
        initiative=scrub(redacted.account.initiative),
    )
    return _rebuild(redacted, people, account=account)


def protect(stakemap: StakeMap, *, redact_private: bool, anonymize_names: bool) -> StakeMap:
    """Apply the transforms the user asked for (anonymize implies redact)."""
    if anonymize_names:
        return anonymize(stakemap)
    if redact_private:
        return redact(stakemap)
    return stakemap


_WORD = re.compile(r"\w+")
#: What may stand between the words of a name in free text ("Maria Lopez",
#: "Maria-Lopez", "Lopez, Maria" is not matched as a full name, but its parts are).
_NAME_GAP = re.compile(r"^[\s\-.'’]{1,3}$")


class _NameScrubber:
    """Replaces stakeholder names found in free text with "[name]".

    Text is split into words once and each word looked up in tables, so the
    cost does not grow with the number of people (a regex alternation of
    10,000 names does). A full name matches case-insensitively as a run of
    whole words; a single name part (two letters or more) matches
    case-sensitively as a whole word, which catches "Maria's team" without
    turning "marketing" into nonsense. A label is not substituted for the
    name because the text could then be matched back to the person.
    """

    def __init__(self, people: Iterable[Stakeholder]) -> None:
        self._full: dict[str, list[tuple[str, ...]]] = {}
        self._parts: set[str] = set()
        for name in {p.name for p in people if p.name}:
            words = _WORD.findall(name)
            self._parts.update(w for w in words if len(w) >= _MIN_NAME_PART)
            if len(words) > 1:
                folded = tuple(w.casefold() for w in words)
                self._full.setdefault(folded[0], []).append(folded)
        for candidates in self._full.values():
            candidates.sort(key=len, reverse=True)  # longest name first

    def __call__(self, text: str) -> str:
        if not text:
            return text
        tokens = list(_WORD.finditer(text))
        out: list[str] = []
        position = index = 0
        while index < len(tokens):
            token = tokens[index]
            length = self._full_match(text, tokens, index)
            if length:
                out.append(text[position : token.start()] + "[name]")
                position = tokens[index + length - 1].end()
                index += length
                continue
            if token.group() in self._parts:
                out.append(text[position : token.start()] + "[name]")
                position = token.end()
            index += 1
        out.append(text[position:])
        return "".join(out)

    def _full_match(self, text: str, tokens: list[re.Match[str]], index: int) -> int:
        """How many tokens from ``index`` spell a full name (0 if none)."""
        for words in self._full.get(tokens[index].group().casefold(), ()):
            end = index + len(words)
            if end > len(tokens):
                continue
            if all(
                tokens[index + k].group().casefold() == words[k]
                and (
                    k == 0
                    or _NAME_GAP.match(
                        text[tokens[index + k - 1].end() : tokens[index + k].start()]
                    )
                )
                for k in range(len(words))
            ):
                return len(words)
        return 0


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
