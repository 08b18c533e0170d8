"""Immutable records for the three things a map holds: the account, people, links.

Records are frozen dataclasses. An edit produces a new record instead of
mutating one in place, which is what makes undo, conflict detection and a later
three-way merge cheap: the old value is simply kept.

``from_dict`` is the single validation gate. Files, the CLI, the TUI forms and
the CSV importer all pass user data through it, so a value is accepted or
refused with the same message everywhere.
"""

from __future__ import annotations

import dataclasses
import math
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, ClassVar, Final, Self, TypeVar

from stakemap.errors import ValidationError, shown
from stakemap.initiative import InitiativeMatch, match_initiative, not_a_priority
from stakemap.vocab import (
    ConflictKind,
    Coverage,
    Fear,
    Influence,
    LinkKind,
    Mode,
    Relationship,
    Role,
    Stance,
    TouchKind,
    normalise,
    parse_bool,
)

__all__ = [
    "DATE_HINT",
    "INTERACTION_FIELDS",
    "MAX_LINE_CHARS",
    "MAX_PRIORITIES",
    "MAX_TEXT_CHARS",
    "MERGE_SECTIONS",
    "PERSON_FIELDS",
    "PRIVATE_FIELDS",
    "REVIEW_SECTIONS",
    "Account",
    "Conflict",
    "Interaction",
    "Link",
    "Review",
    "Stakeholder",
    "free_text_fields",
    "initiative_rank",
    "list_fields",
    "parse_day",
    "utc_now",
]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FREE_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
#: Half of a UTF-16 pair on its own: what a non-UTF-8 byte in a command-line
#: argument becomes in Python, and what a ``\uD800`` escape decodes to. It
#: cannot be written as UTF-8, so it is refused where it enters.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: What the stored-form fast path must not find in one-line and free text: the
#: parsers' control characters plus lone surrogates, in one search.
_STORED_LINE_BAD = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
_STORED_TEXT_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

#: Longest one-line field (names, titles, departments, emails, each priority,
#: the account and initiative): far above any real name or job title, and
#: small enough that a pasted blob cannot slow every table and analysis down.
MAX_LINE_CHARS: Final = 200
#: Longest free-text field (notes, drivers, constraints, fears): about ten pages.
MAX_TEXT_CHARS: Final = 20_000
#: Most priorities one person can have ranked (executives back about three).
MAX_PRIORITIES: Final = 50

MIN_STRENGTH: Final = 1
MAX_STRENGTH: Final = 3
DEFAULT_STRENGTH: Final = 2
#: How every date field and option says what it wants.
DATE_HINT: Final = "use YYYY-MM-DD, e.g. 2026-11-30"


def utc_now() -> str:
    """Timestamp format of every ``created``/``modified`` field: UTC, seconds, ``Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- field parsers -----------------------------------------------------------
# Each takes the raw value and the field name and returns the canonical value.


def _line(value: object, name: str) -> str:
    """A single-line text field: stripped, no control characters (they break tables)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(name, value, reason=f"{shown(value)} is not text")
    text = value.strip()
    _check_text(text, name, MAX_LINE_CHARS)
    if _CONTROL.search(text):
        raise ValidationError(name, value, reason="must be a single line of text")
    return text


def _check_text(text: str, name: str, limit: int) -> None:
    """Length and encodability, shared by one-line and free text; the value is not
    echoed back (it may be ten megabytes, or unprintable)."""
    if len(text) > limit:
        raise ValidationError(
            name, None, reason=f"is too long ({len(text):,} characters; at most {limit:,})"
        )
    if _SURROGATE.search(text):
        raise ValidationError(
            name,
            None,
            reason="is not valid text (it holds bytes that are not UTF-8); "
            "retype it or fix the terminal's encoding",
        )


def _required_line(value: object, name: str) -> str:
    text = _line(value, name)
    if not text:
        raise ValidationError(name, value, reason="is required and cannot be empty")
    return text


def _free_text(value: object, name: str) -> str:
    """Multi-line notes: kept as typed (newlines and tabs allowed), NUL & co refused."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(name, value, reason=f"{shown(value)} is not text")
    text = value.strip()
    _check_text(text, name, MAX_TEXT_CHARS)
    if _FREE_TEXT_CONTROL.search(text):
        raise ValidationError(name, value, reason="contains control characters")
    return text


def _email(value: object, name: str) -> str:
    text = _line(value, name)
    if text and not _EMAIL.match(text):
        raise ValidationError(name, value, reason=f"{text!r} is not an email address")
    return text


def _iso_date(value: object, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = _line(value, name)
    if not text:
        return ""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        raise ValidationError(name, value, reason=f"{text!r} is not a date; {DATE_HINT}") from None


def _required_day(value: object, name: str) -> str:
    text = _iso_date(value, name)
    if not text:
        raise ValidationError(name, value, reason=f"is required; {DATE_HINT}")
    return text


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(name, value, reason=f"{shown(value)} is not a count (0 or more)")
    return value


#: The parts of a map a review keeps, in the order a review lists them.
REVIEW_SECTIONS: Final[tuple[str, ...]] = (
    "account",
    "people",
    "links",
    "findings",
    "departments",
    "health",
)


_BLOB = re.compile(r"[A-Za-z0-9+/]*={0,2}")


def _changes(value: object, name: str) -> dict[str, str]:
    """A review's stored changes: ``{section: packed entries}`` (see ``timeline.reviews``).

    Only the shape is checked here; the packed text is unpacked, and checked,
    when a review is rebuilt, so opening a map never pays for its history.
    """
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValidationError(name, value, reason="must map map sections to packed changes")
    for section, packed in value.items():
        if section not in REVIEW_SECTIONS:
            raise ValidationError(name, section, list(REVIEW_SECTIONS))
        if not isinstance(packed, str) or not _BLOB.fullmatch(packed):
            raise ValidationError(
                name, None, reason=f"the {section} changes are damaged (not packed text)"
            )
    return dict(value)


#: The parts of a map a three-way merge reconciles, by the names conflicts use.
MERGE_SECTIONS: Final[tuple[str, ...]] = ("account", "people", "links", "interactions", "reviews")
#: Deepest nesting a conflict's value may have (a record holding a list).
_MAX_JSON_DEPTH: Final = 4


def _json_value(value: object, name: str) -> Any:
    """A value as a record field holds it (text, number, flag, list, a whole record).

    A conflict keeps both sides' values verbatim, whatever field they came
    from; only their shape is checked here (plain JSON, shallow, valid text),
    and the field's own parser checks them again when one is chosen.
    """
    if not _is_json_value(value):
        raise ValidationError(name, None, reason="is not a value a map field can hold")
    return value


def _is_json_value(value: object, depth: int = 0) -> bool:
    if value is None or type(value) in (bool, int):
        return True
    if type(value) is float:
        return math.isfinite(value)
    if type(value) is str:
        return len(value) <= MAX_TEXT_CHARS and not _SURROGATE.search(value)
    if depth >= _MAX_JSON_DEPTH:
        return False
    if type(value) is list:
        return len(value) <= MAX_TEXT_CHARS and all(_is_json_value(v, depth + 1) for v in value)
    if type(value) is dict:
        return len(value) <= 100 and all(
            type(k) is str and _is_json_value(v, depth + 1) for k, v in value.items()
        )
    return False


def _section(value: object, name: str) -> str:
    if value not in MERGE_SECTIONS:
        raise ValidationError(name, value, list(MERGE_SECTIONS))
    return str(value)


def parse_day(value: object, name: str) -> date:
    """A day as a person types it, read as ``last_contact`` is (for ``--today``)."""
    text = _iso_date(value, name)
    if not text:
        raise ValidationError(name, value, reason=f"is empty; {DATE_HINT}")
    return date.fromisoformat(text)


_CANONICAL_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


def _timestamp(value: object, name: str) -> str:
    if isinstance(value, str) and _CANONICAL_STAMP.fullmatch(value):
        return value  # what utc_now writes: skip the general parser on load
    text = _line(value, name)
    if not text:
        return ""
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(name, value, reason=f"{text!r} is not an ISO timestamp") from None
    return text


def _priorities(value: object, name: str) -> tuple[str, ...]:
    """An ordered list; a string is split on ';' or newlines, as spreadsheets carry it."""
    if value is None:
        return ()
    if isinstance(value, str):
        items: Iterable[object] = re.split(r"[;\n]", value)
    elif isinstance(value, list | tuple):
        items = value
    else:
        raise ValidationError(name, value, reason="must be a list of text")
    out = []
    for item in items:
        text = _line(item, name)
        if text:
            out.append(text)
    if len(out) > MAX_PRIORITIES:
        raise ValidationError(
            name, None, reason=f"has {len(out):,} entries; at most {MAX_PRIORITIES} are allowed"
        )
    return tuple(out)


def _ident(value: object, name: str) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ValidationError(
            name, value, reason=f"{shown(value)} is not an id (letters, digits, '_-.:' only)"
        )
    return value


def _strength(value: object, name: str) -> int:
    if value is None or value == "":
        return DEFAULT_STRENGTH
    try:
        number = -1
        if isinstance(value, int | float | str) and not isinstance(value, bool):
            number = int(value)
        if isinstance(value, float) and value != number:
            number = -1
    except (TypeError, ValueError, OverflowError):  # OverflowError: int(float("inf"))
        number = -1
    if not MIN_STRENGTH <= number <= MAX_STRENGTH:
        raise ValidationError(name, value, [str(n) for n in range(MIN_STRENGTH, MAX_STRENGTH + 1)])
    return number


def _enum(enum: type[StrEnum]) -> Any:
    canonical = {member.value: member for member in enum}

    def parse(value: object, name: str) -> Any:
        member = canonical.get(value) if isinstance(value, str) else None
        if member is not None:
            return member
        if value is None or value == "":
            return _DEFAULTS_BY_ENUM[enum]
        return normalise(enum, value, field=name)

    return parse


def _bool(value: object, name: str) -> bool:
    if value is None:
        return False
    return parse_bool(value, field=name)


#: Every vocabulary member to its plain string value, for fast ``to_dict``.
_PLAIN: Final[dict[str, str]] = {
    member: str.__str__(member)
    for enum in (
        Role,
        Stance,
        Influence,
        Coverage,
        Mode,
        Fear,
        LinkKind,
        TouchKind,
        Relationship,
        ConflictKind,
    )
    for member in enum
}

_DEFAULTS_BY_ENUM: Final[dict[type, Any]] = {
    Role: Role.UNKNOWN,
    Stance: Stance.UNKNOWN,
    Influence: Influence.LOW,
    Coverage: Coverage.NONE,
    Mode: Mode.UNKNOWN,
    Fear: Fear.UNKNOWN,
    LinkKind: LinkKind.INFLUENCES,
    TouchKind: TouchKind.OTHER,
    Relationship: Relationship.NONE,
    ConflictKind: ConflictKind.FIELD,
}


# --- field kinds -------------------------------------------------------------
# Each record field is declared once, on its dataclass attribute: its type, its
# default (none means required) and, in ``metadata``, its kind. A kind pairs the
# parser for untrusted input with the form the parser's output always has,
# which is what a file written by stakemap holds. ``_record`` builds each
# record's ``parse_fields``, ``to_dict`` and stored-form fast path from them.

#: A field parser: (raw value, field name) -> canonical value, or ValidationError.
Parser = Callable[[object, str], Any]


@dataclass(frozen=True, slots=True)
class Kind:
    """How one kind of field is read and written.

    ``parse`` takes any input. The rest describe the stored form (the value
    ``parse`` returns unchanged and ``to_dict`` writes) as Python expressions
    over ``{v}``, from which ``_record`` writes each record's fast path:

    - ``check``: true if the file's value ``{v}`` is in stored form, apart from
      control characters: ``control`` names the regex that must find none;
    - ``load``: the attribute value for a checked ``{v}``;
    - ``dump``: the JSON value of the attribute ``{v}``.

    ``{choices}`` stands for ``choices``, a vocabulary's values to its members.
    """

    parse: Parser
    check: str
    control: str = ""
    load: str = "{v}"
    dump: str = "{v}"
    choices: Mapping[str, StrEnum] = field(default_factory=dict)


_META: Final = "stakemap"


def _kind(parse: Parser, check: str, **form: Any) -> Any:
    """Dataclass field ``metadata`` naming the field's kind."""
    return MappingProxyType({_META: Kind(parse, check, **form)})


_TEXT: Final = "type({v}) is str and {v} == {v}.strip()"
_ONE_LINE: Final = _TEXT + " and len({v}) <= MAX_LINE_CHARS"
_LINE: Final = _kind(_line, _ONE_LINE, control="_STORED_LINE_BAD")
_REQUIRED_LINE: Final = _kind(
    _required_line, _ONE_LINE + " and {v} != ''", control="_STORED_LINE_BAD"
)
_EMAIL_ADDRESS: Final = _kind(
    _email, _ONE_LINE + " and (not {v} or _EMAIL.match({v}))", control="_STORED_LINE_BAD"
)
_FREE_TEXT: Final = _kind(
    _free_text, _TEXT + " and len({v}) <= MAX_TEXT_CHARS", control="_STORED_TEXT_BAD"
)
_IDENT: Final = _kind(_ident, "type({v}) is str and _ID.fullmatch({v})")
_DAY: Final = _kind(_iso_date, "type({v}) is str and (not {v} or _is_stored_day({v}))")
_STAMP: Final = _kind(
    _timestamp, "type({v}) is str and (not {v} or _CANONICAL_STAMP.fullmatch({v}))"
)
_REQUIRED_DAY: Final = _kind(_required_day, "type({v}) is str and _is_stored_day({v})")
_FLAG: Final = _kind(_bool, "type({v}) is bool")
_COUNT: Final = _kind(_count, "type({v}) is int and {v} >= 0")
_CHANGES: Final = _kind(
    _changes,
    "type({v}) is dict and all(k in REVIEW_SECTIONS and type(x) is str and _BLOB.fullmatch(x) "
    "for k, x in {v}.items())",
    dump="dict({v})",
)
_PRIORITIES: Final = _kind(
    _priorities, "type({v}) is list and _is_stored_lines({v})", load="tuple({v})", dump="list({v})"
)
_JSON: Final = _kind(_json_value, "_is_json_value({v})")
_SECTION: Final = _kind(_section, "{v} in MERGE_SECTIONS")
_STRENGTH: Final = _kind(_strength, "type({v}) is int and MIN_STRENGTH <= {v} <= MAX_STRENGTH")


def _choice(enum: type[StrEnum]) -> Any:
    return _kind(
        _enum(enum),
        "{v} in {choices}",
        load="{choices}[{v}]",
        dump="_PLAIN[{v}]",  # StrEnum -> plain str (Enum.value is slow)
        choices={member.value: member for member in enum},
    )


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_stored_day(text: str) -> bool:
    if not _ISO_DAY.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_stored_lines(items: list[Any]) -> bool:
    return (
        len(items) <= MAX_PRIORITIES
        and all(
            type(item) is str and item and item == item.strip() and len(item) <= MAX_LINE_CHARS
            for item in items
        )
        and not _STORED_LINE_BAD.search("".join(items))
    )


_R = TypeVar("_R", bound="_Record")


def _record(cls: type[_R]) -> type[_R]:
    """Build a record's field table, ``to_dict`` and stored-form fast path from its
    dataclass fields (put it above ``@dataclass``).

    The fast path: every value of a record written by stakemap is canonical, so
    checking that is enough. Written out as one expression per record, the way
    ``dataclasses`` writes ``__init__``, it costs what the hand-written checks
    did (a generic loop over the fields made loading 50,000 links 50% slower,
    and on a 10,000-person map the field-by-field parse was a third of load
    time). It must accept only what the field parsers return unchanged;
    ``tests/test_records.py`` checks that on generated records.
    """
    declared = [(f.name, f.metadata[_META], f) for f in fields(cls)]
    cls._PARSERS = {name: kind.parse for name, kind, _ in declared}
    cls._REQUIRED = tuple(
        name for name, _, f in declared if f.default is MISSING and f.default_factory is MISSING
    )
    namespace: dict[str, Any] = {
        **globals(),
        "cls": cls,
        "values": operator.itemgetter(*cls._PARSERS),
    }
    checks: list[str] = []
    loads: list[str] = []
    dumps: list[str] = []
    controls: dict[str, list[str]] = {}
    for index, (name, kind, _) in enumerate(declared):
        v = f"v{index}"
        choices = f"_choices_{name}"
        if kind.choices:
            namespace[choices] = kind.choices
        checks.append(f"({kind.check.format(v=v, choices=choices)})")
        loads.append(kind.load.format(v=v, choices=choices))
        dumps.append(f"{name!r}: {kind.dump.format(v=f'self.{name}', choices=choices)}")
        if kind.control:
            controls.setdefault(kind.control, []).append(v)
    # Last: the concatenations need every value checked as text first.
    checks += [f"not {regex}.search({' + '.join(vs)})" for regex, vs in controls.items()]
    source = f"""
def from_stored(data):
    if len(data) != {len(declared)}:
        return None
    try:
        {", ".join(f"v{i}" for i in range(len(declared)))}, = values(data)
        if {" and ".join(checks)}:
            return cls({", ".join(loads)})
    except (KeyError, TypeError):  # a field missing; a list where a word belongs
        pass
    return None

def to_dict(self):
    return {{{", ".join(dumps)}}}
"""
    exec(compile(source, f"<stakemap.records {cls.__name__}>", "exec"), namespace)
    cls._FROM_STORED = namespace["from_stored"]
    cls._TO_DICT = namespace["to_dict"]
    return cls


def _a(noun: str) -> str:
    """ "a stakeholder", "an account": the article an error sentence needs."""
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


class _Record:
    """Shared dict conversion for the frozen records below (see ``_record``)."""

    __slots__ = ()
    #: Only dataclasses derive from this (``dataclasses.replace`` needs to know).
    __dataclass_fields__: ClassVar[dict[str, Any]]
    _PARSERS: ClassVar[dict[str, Parser]]
    _REQUIRED: ClassVar[tuple[str, ...]]
    _FROM_STORED: ClassVar[Callable[[Mapping[str, object]], Any]]
    _TO_DICT: ClassVar[Callable[[Any], dict[str, Any]]]
    _KIND: ClassVar[str] = "record"

    @classmethod
    def parse_fields(cls, data: Mapping[str, object], *, partial: bool = False) -> dict[str, Any]:
        """Validate ``data`` field by field; unknown field names are refused, not dropped.

        With ``partial`` the required fields may be absent (an update that changes
        only some fields).
        """
        unknown = [key for key in data if key not in cls._PARSERS]
        if unknown:
            raise ValidationError(
                unknown[0],
                data[unknown[0]],
                reason=f"is not {_a(cls._KIND)} field; known fields: {', '.join(cls._PARSERS)}",
            )
        if not partial:
            for key in cls._REQUIRED:
                if key not in data:
                    raise ValidationError(key, None, reason="is required")
        return {key: cls._PARSERS[key](value, key) for key, value in data.items()}

    @classmethod
    def from_stored(cls, data: Mapping[str, object]) -> Self | None:
        """The record for ``data`` if it is exactly what ``to_dict`` writes, else ``None``."""
        record: Self | None = cls._FROM_STORED(data)
        return record

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Self:
        """Build a record from untrusted data (file, form, CSV), validating every field.

        Data in stored form takes the shortcut; anything else (a hand-edited
        file, a form, a CSV row) goes through the field parsers, which also word
        the error.
        """
        record: Self | None = cls._FROM_STORED(data)
        if record is not None:
            return record
        return cls(**cls.parse_fields(data))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only (enums become their strings, tuples lists)."""
        return type(self)._TO_DICT(self)

    def evolve(self, changes: Mapping[str, object]) -> Self:
        """Return a copy with validated ``changes``; ``id`` and ``created`` never change."""
        parsed = type(self).parse_fields(changes, partial=True)
        for frozen in ("id", "created"):
            if frozen in parsed and parsed[frozen] != getattr(self, frozen):
                raise ValidationError(frozen, changes[frozen], reason="cannot be changed")
        return replace(self, **parsed)


@_record
@dataclass(frozen=True, slots=True)
class Account(_Record):
    """Who the map is about and what the rep is trying to make happen there."""

    account: str = field(metadata=_REQUIRED_LINE)
    initiative: str = field(default="", metadata=_LINE)
    owner: str = field(default="", metadata=_LINE)
    #: the selling team working the account (people's ``owner`` names one).
    team: tuple[str, ...] = field(default=(), metadata=_PRIORITIES)
    created: str = field(default="", metadata=_STAMP)
    modified: str = field(default="", metadata=_STAMP)

    _KIND: ClassVar[str] = "account"


@_record
@dataclass(frozen=True, slots=True)
class Stakeholder(_Record):
    """One person in the buying organisation, as the rep understands them."""

    id: str = field(metadata=_IDENT)
    name: str = field(metadata=_REQUIRED_LINE)
    title: str = field(default="", metadata=_LINE)
    department: str = field(default="", metadata=_LINE)
    email: str = field(default="", metadata=_EMAIL_ADDRESS)
    role: Role = field(default=Role.UNKNOWN, metadata=_choice(Role))
    stance: Stance = field(default=Stance.UNKNOWN, metadata=_choice(Stance))
    influence: Influence = field(default=Influence.LOW, metadata=_choice(Influence))
    veto: bool = field(default=False, metadata=_FLAG)
    coverage: Coverage = field(default=Coverage.NONE, metadata=_choice(Coverage))
    mode: Mode = field(default=Mode.UNKNOWN, metadata=_choice(Mode))
    fear_of_failure: Fear = field(default=Fear.UNKNOWN, metadata=_choice(Fear))
    priorities: tuple[str, ...] = field(default=(), metadata=_PRIORITIES)
    #: the text of the priority the rep marked as the initiative ("" = not marked).
    initiative_priority: str = field(default="", metadata=_LINE)
    drivers: str = field(default="", metadata=_FREE_TEXT)
    constraints: str = field(default="", metadata=_FREE_TEXT)
    fears: str = field(default="", metadata=_FREE_TEXT)
    notes: str = field(default="", metadata=_FREE_TEXT)
    last_contact: str = field(default="", metadata=_DAY)
    #: the teammate who holds the relationship, and how far it has come.
    owner: str = field(default="", metadata=_LINE)
    relationship: Relationship = field(default=Relationship.NONE, metadata=_choice(Relationship))
    created: str = field(default="", metadata=_STAMP)
    modified: str = field(default="", metadata=_STAMP)

    _KIND: ClassVar[str] = "stakeholder"

    def __post_init__(self) -> None:
        # A mark whose priority was edited away (a merge, a renamed priority)
        # would point at nothing: cleared here, so no record ever holds one.
        if self.initiative_priority and self.initiative_priority not in self.priorities:
            object.__setattr__(self, "initiative_priority", "")

    def evolve(self, changes: Mapping[str, object]) -> Self:
        """As ``_Record.evolve``; a mark the rep sets must name one of the
        priorities, and editing priorities clears a mark whose text is gone."""
        if changes.get("initiative_priority"):
            wanted = {k: changes[k] for k in ("initiative_priority", "priorities") if k in changes}
            parsed = Stakeholder.parse_fields(wanted, partial=True)
            marked, kept = parsed["initiative_priority"], parsed.get("priorities", self.priorities)
            if marked and marked not in kept:
                raise ValidationError(
                    "initiative_priority", marked, reason=not_a_priority(marked, kept)
                )
        return _Record.evolve(self, changes)

    def initiative_match(self, initiative: str) -> InitiativeMatch | None:
        """Which of their priorities is ``initiative`` (``initiative.match_initiative``)."""
        return match_initiative(self.priorities, initiative, self.initiative_priority)

    @property
    def is_key_player(self) -> bool:
        """Can make or break the decision on their own standing (domain ideas 4 and 7)."""
        return (
            self.veto
            or self.role in (Role.ECONOMIC_BUYER, Role.DECISION_MAKER, Role.APPROVER)
            or self.influence is Influence.HIGH
        )

    @property
    def is_supportive(self) -> bool:
        return self.stance in (Stance.CHAMPION, Stance.SUPPORTER)

    @property
    def is_opposed(self) -> bool:
        return self.stance in (Stance.SKEPTIC, Stance.OPPONENT)


#: Stakeholder fields a user can set (everything but the bookkeeping ones).
PERSON_FIELDS: Final[tuple[str, ...]] = tuple(
    name for name in Stakeholder._PARSERS if name not in ("id", "created", "modified")
)

#: Fields that hold the rep's private judgement or contact details; ``--redact``
#: drops them from exports.
PRIVATE_FIELDS: Final[frozenset[str]] = frozenset(
    {"notes", "drivers", "constraints", "fears", "email"}
)


@_record
@dataclass(frozen=True, slots=True)
class Link(_Record):
    """A directed, typed relation between two stakeholders (see ``LinkKind``)."""

    id: str = field(metadata=_IDENT)
    source: str = field(metadata=_IDENT)
    target: str = field(metadata=_IDENT)
    kind: LinkKind = field(metadata=_choice(LinkKind))
    strength: int = field(default=DEFAULT_STRENGTH, metadata=_STRENGTH)
    created: str = field(default="", metadata=_STAMP)
    modified: str = field(default="", metadata=_STAMP)

    _KIND: ClassVar[str] = "link"

    def joins(self, a: str, b: str) -> bool:
        """True if this link connects ``a`` and ``b`` in its stored direction, or
        either way for ``conflicts``, whose direction carries no meaning."""
        if (self.source, self.target) == (a, b):
            return True
        return self.kind is LinkKind.CONFLICTS and (self.source, self.target) == (b, a)


@_record
@dataclass(frozen=True, slots=True)
class Interaction(_Record):
    """One touch in the rep's log: when, how, what was said, and what comes next.

    ``stance`` is the rep's read of the person at that moment (``unknown``: not
    read), which is what lets a trail show how someone moved between reviews.
    ``next_step`` with ``due`` is a promise to the buyer; ``done`` closes it.
    """

    id: str = field(metadata=_IDENT)
    person: str = field(metadata=_IDENT)
    date: str = field(metadata=_REQUIRED_DAY)
    summary: str = field(metadata=_REQUIRED_LINE)
    kind: TouchKind = field(default=TouchKind.OTHER, metadata=_choice(TouchKind))
    notes: str = field(default="", metadata=_FREE_TEXT)
    stance: Stance = field(default=Stance.UNKNOWN, metadata=_choice(Stance))
    next_step: str = field(default="", metadata=_LINE)
    due: str = field(default="", metadata=_DAY)
    done: bool = field(default=False, metadata=_FLAG)
    created: str = field(default="", metadata=_STAMP)
    modified: str = field(default="", metadata=_STAMP)

    _KIND: ClassVar[str] = "interaction"

    @property
    def open_step(self) -> bool:
        """A next step the rep still owes (written down and not yet done)."""
        return bool(self.next_step) and not self.done


#: Interaction fields a user can set.
INTERACTION_FIELDS: Final[tuple[str, ...]] = tuple(
    name for name in Interaction._PARSERS if name not in ("id", "created", "modified")
)


@_record
@dataclass(frozen=True, slots=True)
class Review(_Record):
    """A deal review: the day the team looked at the map, and what it looked like.

    ``changes`` holds what changed since the previous review, per section,
    packed (``timeline.reviews``), so a review costs what changed, not a copy
    of the map, and opening a map does not parse its history. ``health``,
    ``people`` and ``findings`` are kept as plain fields so a list of reviews
    needs no rebuild. A review never changes once recorded.
    """

    id: str = field(metadata=_IDENT)
    date: str = field(metadata=_REQUIRED_DAY)
    label: str = field(default="", metadata=_LINE)
    health: str = field(default="", metadata=_LINE)
    people: int = field(default=0, metadata=_COUNT)
    findings: int = field(default=0, metadata=_COUNT)
    changes: dict[str, str] = field(default_factory=dict, metadata=_CHANGES)
    created: str = field(default="", metadata=_STAMP)

    _KIND: ClassVar[str] = "review"


@_record
@dataclass(frozen=True, slots=True)
class Conflict(_Record):
    """One thing a three-way merge left for a person to settle, kept in the map.

    Conflicts live inside the merged file (not as text markers that would
    break its JSON), so the map still opens, analyses and exports while they
    wait. ``section`` and ``record`` name the record (``record`` is
    ``"account"`` for the account), ``field`` the field (empty for a
    ``deleted`` conflict, which is about the whole record). ``base``, ``ours``
    and ``theirs`` are the values as each file held them (``None``: absent,
    i.e. deleted on that side); the record in the map holds the value the
    merge kept meanwhile: ours for ``field``, both texts marked for ``text``,
    the surviving record for ``deleted``. ``*_modified`` are the record's
    ``modified`` stamp on each side, which says when each teammate changed it.
    """

    id: str = field(metadata=_IDENT)
    section: str = field(metadata=_SECTION)
    record: str = field(metadata=_IDENT)
    kind: ConflictKind = field(default=ConflictKind.FIELD, metadata=_choice(ConflictKind))
    field: str = field(default="", metadata=_LINE)
    base: Any = dataclasses.field(default=None, metadata=_JSON)
    ours: Any = dataclasses.field(default=None, metadata=_JSON)
    theirs: Any = dataclasses.field(default=None, metadata=_JSON)
    ours_label: str = dataclasses.field(default="ours", metadata=_LINE)
    theirs_label: str = dataclasses.field(default="theirs", metadata=_LINE)
    ours_modified: str = dataclasses.field(default="", metadata=_STAMP)
    theirs_modified: str = dataclasses.field(default="", metadata=_STAMP)
    created: str = dataclasses.field(default="", metadata=_STAMP)

    _KIND: ClassVar[str] = "conflict"


def initiative_rank(priorities: Iterable[str], initiative: str, marked: str = "") -> int | None:
    """1-based position of ``initiative`` in ``priorities``, or ``None`` if absent.

    The position ``initiative.match_initiative`` finds (the priority the rep
    marked, else equal text, else shared content words), for callers that
    need only the number.

    >>> initiative_rank(["Cost cuts", "RevOps platform"], "revops platform")
    2
    >>> initiative_rank(["Cost cuts"], "RevOps platform") is None
    True
    """
    found = match_initiative(priorities, initiative, marked)
    return None if found is None else found.rank


def free_text_fields(record_type: type[_Record]) -> frozenset[str]:
    """The multi-line text fields of a record type (notes and the like), which a
    three-way merge merges line by line instead of picking one side.

    >>> sorted(free_text_fields(Interaction))
    ['notes']
    """
    return frozenset(f.name for f in fields(record_type) if f.metadata[_META] is _FREE_TEXT[_META])


def list_fields(record_type: type[_Record]) -> frozenset[str]:
    """The ordered-list fields of a record type (priorities, a team), merged item by item.

    >>> sorted(list_fields(Account))
    ['team']
    """
    return frozenset(f.name for f in fields(record_type) if f.metadata[_META] is _PRIORITIES[_META])
