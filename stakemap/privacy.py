"""Privacy transforms applied to a map before it is exported.

A map holds a rep's private judgement about real people. Exports leave the
machine, so they can drop it:

- ``redact``: the fields in ``records.PRIVATE_FIELDS`` (notes, drivers,
  constraints, fears, email) are emptied.
- ``anonymize``: also replaces every name with a role-and-department label
  ("Finance economic buyer", numbered when two people would share one), blanks
  the account owner (the rep's own name), the selling team and each person's
  owner (teammates' names), and scrubs stakeholder names (and the
  owner's) out of the text that is kept (titles, departments, priorities, the
  initiative), so "Chief of staff to Maria Lopez", "deputy to maria" and
  "reports to JuergenWeiss" do not give anyone away.
- ``anonymize(hide_account=True)``: also replaces the account name and the
  initiative, for a map shown outside the deal team.

The map's past goes through the same transforms, because every exporter that
shows it (the JSON bundle, the CSV interactions file, "Recent touches" and
"Since the last review" in the documents) reads it from the transformed map:

- an interaction's ``notes`` are private and dropped by ``redact``; its
  ``summary`` and ``next_step`` are kept, because the summary is the one-line,
  shareable record of the touch ("Demo to the finance team") and the next step
  is what the team owes the buyer. Write anything confidential in the notes.
  ``anonymize`` scrubs names out of both (and out of a review's label).
- a merge conflict (``team.conflicts``) keeps both teammates' values: one
  over a private field loses them under ``redact`` (the export still says
  the conflict is there), a whole record kept by a deleted-or-changed
  conflict loses its private fields, and ``anonymize`` scrubs names out of
  the kept values as out of the map's own text.
- a review keeps each person as they were: those snapshots lose their private
  fields under ``redact``, and under ``anonymize`` each person gets the same
  label as on the current map (matched by id), so a trail or a diff still
  follows one person; someone who has left the map since is labelled
  "... (former)". Findings, departments and health reasons kept in a review
  are scrubbed of names like any kept text.

Both return a new map and leave the original untouched. Anything derived from
the map (an analysis, whose findings and suggestions name people) must be
computed from the transformed map, never carried over from the original.
Ids are kept: they are random, carry no personal data, and links need them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Final

from stakemap.model import StakeMap
from stakemap.records import (
    PRIVATE_FIELDS,
    Account,
    Conflict,
    Interaction,
    Review,
    Stakeholder,
    initiative_rank,
)
from stakemap.timeline.reviews import pack, review_entries
from stakemap.vocab import Role, label

__all__ = [
    "HIDDEN_ACCOUNT",
    "HIDDEN_INITIATIVE",
    "PRIVATE_INTERACTION_FIELDS",
    "anonymize",
    "anonymous_labels",
    "protect",
    "redact",
]


#: What ``redact`` empties on an interaction: the rep's private notes. The
#: summary and the next step are the shareable part of a touch and stay.
PRIVATE_INTERACTION_FIELDS: Final[frozenset[str]] = frozenset({"notes"})
#: The private fields of each section a merge conflict can be about.
_PRIVATE_BY_SECTION: Final[dict[str, frozenset[str]]] = {
    "people": PRIVATE_FIELDS,
    "interactions": PRIVATE_INTERACTION_FIELDS,
}
#: Conflict values that hold text a person typed, where a name can hide; the
#: rest are ids, vocabulary words, dates, numbers and flags.
_TYPED_TEXT: Final[frozenset[str]] = frozenset(
    {"name", "title", "department", "owner", "team", "summary", "next_step", "notes"}
    | {"drivers", "constraints", "fears", "label", "account", "initiative", "priorities"}
    | {"initiative_priority"}
)


def redact(stakemap: StakeMap) -> StakeMap:
    """A copy of ``stakemap`` with every private field emptied, past ones included."""
    blank: dict[str, Any] = dict.fromkeys(sorted(PRIVATE_FIELDS), "")
    people = [replace(person, **blank) for person in stakemap.people]
    quiet: dict[str, Any] = dict.fromkeys(sorted(PRIVATE_INTERACTION_FIELDS), "")
    interactions = [replace(touch, **quiet) for touch in stakemap.interactions]
    entries = [
        _with_value(entry, _redacted_person(entry.value)) if entry.section == "people" else entry
        for entry in _review_entries(stakemap)
    ]
    return _rebuild(
        stakemap,
        people,
        interactions=interactions,
        reviews=stakemap.reviews,
        entries=entries,
        conflicts=[_redacted_conflict(c) for c in stakemap.conflicts],
    )


def _redacted_conflict(conflict: Conflict) -> Conflict:
    """A conflict without the private text it holds (see the module's docstring)."""
    private = _PRIVATE_BY_SECTION.get(conflict.section, frozenset())
    sides = (conflict.base, conflict.ours, conflict.theirs)
    if conflict.field in private:
        base, ours, theirs = (None if value is None else "" for value in sides)
    else:
        base, ours, theirs = (_redacted_record(conflict.section, value) for value in sides)
    return replace(conflict, base=base, ours=ours, theirs=theirs)


def _redacted_record(section: str, value: Any) -> Any:
    """A whole record a conflict keeps, with its private fields emptied."""
    if not isinstance(value, dict):
        return value
    if section == "reviews":
        return {**value, "changes": {}}  # packed snapshots of people, private fields and all
    private = _PRIVATE_BY_SECTION.get(section, frozenset())
    return {key: ("" if key in private else item) for key, item in value.items()}


def _redacted_person(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {key: ("" if key in PRIVATE_FIELDS else item) for key, item in value.items()}


@dataclass(frozen=True, slots=True)
class _Entry:
    """One stored entry of one review, unpacked, so each can be scrubbed alone."""

    review: str
    section: str
    key: str
    value: dict[str, Any] | None


def _with_value(entry: _Entry, value: dict[str, Any] | None) -> _Entry:
    return entry if value is entry.value else replace(entry, value=value)


def _review_entries(stakemap: StakeMap) -> list[_Entry]:
    """Every review's entries in order (unpacked: privacy rewrites what they say)."""
    return [
        _Entry(review.id, section, key, None if value is None else dict(value))
        for review in stakemap.reviews
        for section, pairs in review_entries(review).items()
        for key, value in pairs
    ]


def _repacked(reviews: Iterable[Review], entries: Iterable[_Entry]) -> list[Review]:
    """The reviews holding ``entries`` (rewritten ones) in place of their own."""
    grouped: dict[str, dict[str, list[tuple[str, dict[str, Any] | None]]]] = {}
    for entry in entries:
        sections = grouped.setdefault(entry.review, {})
        sections.setdefault(entry.section, []).append((entry.key, entry.value))
    return [
        replace(
            review,
            changes={section: pack(pairs) for section, pairs in grouped.get(review.id, {}).items()},
        )
        for review in reviews
    ]


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
    return _numbered({person.id: _base_label(person) for person in people})


def _numbered(base: dict[str, str]) -> dict[str, str]:
    """Number the labels several ids share, in the order of ``base``."""
    counts = Counter(base.values())
    seen: Counter[str] = Counter()
    labels = {}
    for rid, text in base.items():
        if counts[text] > 1:
            seen[text] += 1
            labels[rid] = f"{text} {seen[text]}"
        else:
            labels[rid] = text
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
    entries = _review_entries(redacted)
    names = [p.name for p in redacted.people]
    if account.owner:
        names.append(account.owner)  # the rep's own name leaves the map too
    # and so do the selling team's: people's owners and the account's team
    names += [*account.team, *(p.owner for p in redacted.people if p.owner.strip())]
    names += _past_names(entries)  # people who left, names before a rename, past owners
    names += _conflict_names(redacted.conflicts)  # a teammate's rename, a deleted person
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
            # the mark names a priority, so it becomes what that priority became
            initiative_priority=kept(person.initiative_priority)
            if person.initiative_priority
            else "",
            owner="",
        )
        for person in redacted.people
    ]
    labels = anonymous_labels(scrubbed)
    people = [replace(person, name=labels[person.id]) for person in scrubbed]
    if hide_account:
        initiative = HIDDEN_INITIATIVE if account.initiative else ""
        account = replace(account, account=HIDDEN_ACCOUNT, owner="", team=(), initiative=initiative)
    else:
        account = replace(account, owner="", team=(), initiative=scrub(account.initiative))
    interactions = [
        replace(
            touch,
            summary=scrub(touch.summary),
            next_step=scrub(touch.next_step),
            notes=scrub(touch.notes),
        )
        for touch in redacted.interactions
    ]
    reviews = [replace(review, label=scrub(review.label)) for review in redacted.reviews]
    labels.update(_former_labels(entries, set(labels), scrub))
    history = _PastScrubber(scrub, kept, labels, hide_account=hide_account)
    settle = _ConflictScrubber(scrub, kept, labels, hide_account=hide_account)
    return _rebuild(
        redacted,
        people,
        account=account,
        interactions=interactions,
        reviews=reviews,
        entries=[history(entry) for entry in entries],
        conflicts=[settle(conflict) for conflict in redacted.conflicts],
    )


def _conflict_names(conflicts: Iterable[Conflict]) -> list[str]:
    """Names only a conflict holds: a person renamed on one side, or kept by one side."""
    names = []
    for conflict in conflicts:
        if conflict.section != "people":
            continue
        for value in (conflict.base, conflict.ours, conflict.theirs):
            name = value.get("name") if isinstance(value, dict) else value
            if (isinstance(value, dict) or conflict.field == "name") and isinstance(name, str):
                names.append(name)
    return [name for name in names if name]


class _Scrubbing:
    """What anonymizing a kept past (review entries, conflict values) needs from
    ``anonymize``: the name scrubber, which names stay, the people's labels, and
    whether the account's own name goes too."""

    def __init__(
        self,
        scrub: _NameScrubber,
        kept: Callable[[str], str],
        labels: dict[str, str],
        *,
        hide_account: bool,
    ) -> None:
        self._scrub, self._kept, self._labels = scrub, kept, labels
        self._hide_account = hide_account


class _ConflictScrubber(_Scrubbing):
    """Anonymizes a conflict's kept values the way ``anonymize`` treats the map."""

    def __call__(self, conflict: Conflict) -> Conflict:
        def value(item: Any) -> Any:
            if isinstance(item, dict):
                return {key: self._text(conflict, key, v) for key, v in item.items()}
            return self._text(conflict, conflict.field, item)

        return replace(
            conflict,
            base=value(conflict.base),
            ours=value(conflict.ours),
            theirs=value(conflict.theirs),
        )

    def _text(self, conflict: Conflict, key: str, item: Any) -> Any:
        if item is None or key not in _TYPED_TEXT:
            return item
        if conflict.section == "account" and key == "owner":
            return ""  # the rep's own name leaves the map
        if conflict.section == "account" and self._hide_account and key == "account":
            return HIDDEN_ACCOUNT
        if conflict.section == "account" and self._hide_account and key == "initiative":
            return HIDDEN_INITIATIVE if item else ""
        if conflict.section == "people" and key == "name":
            return self._labels.get(conflict.record) or self._scrub(str(item))
        if key == "initiative_priority" and isinstance(item, str):
            return self._kept(item) if item else ""
        if isinstance(item, list):
            scrub = self._kept if key == "priorities" else self._scrub
            return [scrub(x) if isinstance(x, str) else x for x in item]
        return self._scrub(item) if isinstance(item, str) else item


def _past_names(entries: Iterable[_Entry]) -> list[str]:
    """Every name a review remembers: a person's (as they were), the account owner's."""
    names = []
    for entry in entries:
        value = entry.value or {}
        field_name = {"people": "name", "account": "owner"}.get(entry.section)
        text = value.get(field_name) if field_name else None
        if isinstance(text, str) and text:
            names.append(text)
    return names


def _former_labels(
    entries: Iterable[_Entry], current: set[str], scrub: _NameScrubber
) -> dict[str, str]:
    """Labels for people a review remembers who are no longer on the map.

    Their own label cannot take a number the current map already uses, so
    they are told apart as "(former)", numbered among themselves in the order
    the reviews first mention them; the last known department and role count.
    """
    last: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry.section == "people" and entry.key not in current and entry.value:
            last[entry.key] = entry.value
    base = {}
    for pid, value in last.items():
        role = value.get("role")
        department = value.get("department")
        person = Stakeholder(
            id=pid,
            name="x",
            department=scrub(department) if isinstance(department, str) else "",
            role=Role(role) if role in set(Role) else Role.UNKNOWN,
        )
        base[pid] = f"{_base_label(person)} (former)"
    return _numbered(base)


class _PastScrubber(_Scrubbing):
    """Anonymizes one review entry the way ``anonymize`` treats the current map.

    Deterministic per entry, so a review rebuilt from its predecessors' entries
    is the anonymized form of the review as it was.
    """

    def __call__(self, entry: _Entry) -> _Entry:
        value = entry.value
        key = entry.key
        if entry.section == "people":
            value = None if value is None else self._person(entry.key, value)
        elif entry.section == "account":
            value = None if value is None else self._account(value)
        elif entry.section == "links":
            pass  # ids, kinds and strengths: nothing personal
        else:  # findings, departments, health: sentences and department names
            key = self._scrub(key)
            value = None if value is None else self._text(value)
        return replace(entry, key=key, value=value)

    def _person(self, pid: str, value: dict[str, Any]) -> dict[str, Any]:
        out = dict(value)
        if "name" in out:
            out["name"] = self._labels.get(pid, "Stakeholder")
        for name in ("title", "department"):
            if isinstance(out.get(name), str):
                out[name] = self._scrub(out[name])
        if "owner" in out:
            out["owner"] = ""
        if isinstance(out.get("priorities"), list):
            out["priorities"] = [
                self._kept(item) if isinstance(item, str) else item for item in out["priorities"]
            ]
        if isinstance(out.get("initiative_priority"), str) and out["initiative_priority"]:
            out["initiative_priority"] = self._kept(out["initiative_priority"])
        return out

    def _account(self, value: dict[str, Any]) -> dict[str, Any]:
        out = dict(value)
        if "owner" in out:
            out["owner"] = ""
        if "team" in out:
            out["team"] = []
        if self._hide_account:
            if "account" in out:
                out["account"] = HIDDEN_ACCOUNT
            if out.get("initiative"):
                out["initiative"] = HIDDEN_INITIATIVE
        elif isinstance(out.get("initiative"), str):
            out["initiative"] = self._scrub(out["initiative"])
        return out

    def _text(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._scrub(value)
        if isinstance(value, list):
            return [self._text(item) for item in value]
        if isinstance(value, dict):
            out = {key: self._text(item) for key, item in value.items()}
            pid = value.get("id")
            if isinstance(pid, str) and pid in self._labels and isinstance(out.get("name"), str):
                out["name"] = self._labels[pid]  # a finding's subject: {"id", "name"}
            return out
        return value


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
    stakemap: StakeMap,
    people: list[Stakeholder],
    *,
    account: Account | None = None,
    interactions: Iterable[Interaction] | None = None,
    reviews: Iterable[Review] | None = None,
    entries: Iterable[_Entry] | None = None,
    conflicts: Iterable[Conflict] | None = None,
) -> StakeMap:
    """A new map with the same links and retired ids; the original is not touched.

    ``entries`` (rewritten review entries) are packed into ``reviews`` in place
    of what those held; without them the reviews are kept as they are.
    """
    kept_reviews = stakemap.reviews if reviews is None else list(reviews)
    if entries is not None:
        kept_reviews = _repacked(kept_reviews, entries)
    return StakeMap.from_records(
        account or stakemap.account,
        people,
        stakemap.links,
        retired=stakemap.retired,
        interactions=stakemap.interactions if interactions is None else interactions,
        reviews=kept_reviews,
        conflicts=stakemap.conflicts if conflicts is None else conflicts,
    )
