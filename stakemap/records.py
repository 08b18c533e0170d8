"""Immutable records for the three things a map holds: the account, people, links.

Records are frozen dataclasses. An edit produces a new record instead of
mutating one in place, which is what makes undo, conflict detection and a later
three-way merge cheap: the old value is simply kept.

``from_dict`` is the single validation gate. Files, the CLI, the TUI forms and
the CSV importer all pass user data through it, so a value is accepted or
refused with the same message everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, ClassVar, Final, Self

from stakemap.errors import ValidationError, shown
from stakemap.vocab import (
    Coverage,
    Fear,
    Influence,
    LinkKind,
    Mode,
    Role,
    Stance,
    normalise,
    parse_bool,
)

__all__ = [
    "MAX_LINE_CHARS",
    "MAX_PRIORITIES",
    "MAX_TEXT_CHARS",
    "PERSON_FIELDS",
    "PRIVATE_FIELDS",
    "Account",
    "Link",
    "Stakeholder",
    "initiative_rank",
    "utc_now",
]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FREE_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
#: Half of a UTF-16 pair on its own: what a non-UTF-8 byte in a command-line
#: argument becomes in Python, and what a ``\uD800`` escape decodes to. It
#: cannot be written as UTF-8, so it is refused where it enters.
_SURROGATE = re.compile("[\ud800-\udfff]")

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
        raise ValidationError(
            name,
            value,
            reason=f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-30",
        ) from None


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
    if not isinstance(value, str) or not _ID.match(value):
        raise ValidationError(
            name, value, reason=f"{shown(value)} is not an id (letters, digits, '_-.:' only)"
        )
    return value


def _strength(value: object, name: str) -> int:
    if value is None or value == "":
        return DEFAULT_STRENGTH
    try:
        number = int(value) if not isinstance(value, bool) else -1
        if isinstance(value, float) and value != number:
            number = -1
    except (TypeError, ValueError, OverflowError):  # OverflowError: int(float("inf"))
        number = -1
    if not MIN_STRENGTH <= number <= MAX_STRENGTH:
        raise ValidationError(name, value, [str(n) for n in range(MIN_STRENGTH, MAX_STRENGTH + 1)])
    return number


def _enum(enum: type) -> Any:
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
    for enum in (Role, Stance, Influence, Coverage, Mode, Fear, LinkKind)
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
}


class _Record:
    """Shared dict conversion for the frozen records below."""

    __slots__ = ()
    _PARSERS: ClassVar[dict[str, Any]]
    _REQUIRED: ClassVar[tuple[str, ...]] = ()
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
                reason=f"is not a {cls._KIND} field; known fields: {', '.join(cls._PARSERS)}",
            )
        if not partial:
            for key in cls._REQUIRED:
                if key not in data:
                    raise ValidationError(key, None, reason="is required")
        return {key: cls._PARSERS[key](value, key) for key, value in data.items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Self:
        """Build a record from untrusted data (file, form, CSV), validating every field."""
        return cls(**cls.parse_fields(data))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only (enums become their strings, tuples lists)."""
        out: dict[str, Any] = {}
        for name in self._PARSERS:
            value = getattr(self, name)
            if type(value) is tuple:
                value = list(value)
            elif type(value) is not str and isinstance(value, str):
                value = _PLAIN[value]  # StrEnum -> plain str (Enum.value is slow)
            out[name] = value
        return out

    def evolve(self, changes: Mapping[str, object]) -> Self:
        """Return a copy with validated ``changes``; ``id`` and ``created`` never change."""
        parsed = type(self).parse_fields(changes, partial=True)
        for frozen in ("id", "created"):
            if frozen in parsed and parsed[frozen] != getattr(self, frozen):
                raise ValidationError(frozen, changes[frozen], reason="cannot be changed")
        return replace(self, **parsed)  # type: ignore[type-var]


@dataclass(frozen=True, slots=True)
class Account(_Record):
    """Who the map is about and what the rep is trying to make happen there."""

    account: str
    initiative: str = ""
    owner: str = ""
    created: str = ""
    modified: str = ""

    _PARSERS: ClassVar[dict[str, Any]] = {
        "account": _required_line,
        "initiative": _line,
        "owner": _line,
        "created": _timestamp,
        "modified": _timestamp,
    }
    _REQUIRED: ClassVar[tuple[str, ...]] = ("account",)
    _KIND: ClassVar[str] = "account"


@dataclass(frozen=True, slots=True)
class Stakeholder(_Record):
    """One person in the buying organisation, as the rep understands them."""

    id: str
    name: str
    title: str = ""
    department: str = ""
    email: str = ""
    role: Role = Role.UNKNOWN
    stance: Stance = Stance.UNKNOWN
    influence: Influence = Influence.LOW
    veto: bool = False
    coverage: Coverage = Coverage.NONE
    mode: Mode = Mode.UNKNOWN
    fear_of_failure: Fear = Fear.UNKNOWN
    priorities: tuple[str, ...] = field(default_factory=tuple)
    drivers: str = ""
    constraints: str = ""
    fears: str = ""
    notes: str = ""
    last_contact: str = ""
    created: str = ""
    modified: str = ""

    _PARSERS: ClassVar[dict[str, Any]] = {
        "id": _ident,
        "name": _required_line,
        "title": _line,
        "department": _line,
        "email": _email,
        "role": _enum(Role),
        "stance": _enum(Stance),
        "influence": _enum(Influence),
        "veto": _bool,
        "coverage": _enum(Coverage),
        "mode": _enum(Mode),
        "fear_of_failure": _enum(Fear),
        "priorities": _priorities,
        "drivers": _free_text,
        "constraints": _free_text,
        "fears": _free_text,
        "notes": _free_text,
        "last_contact": _iso_date,
        "created": _timestamp,
        "modified": _timestamp,
    }
    _REQUIRED: ClassVar[tuple[str, ...]] = ("id", "name")
    _KIND: ClassVar[str] = "stakeholder"

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Self:
        """As ``_Record.from_dict``, taking a shortcut for records already in stored form.

        Every value of a record written by stakemap is canonical, so checking
        that is enough; anything else (a hand-edited file, a form, a CSV row)
        goes through the field parsers, which also word the error.
        """
        if len(data) == len(cls._PARSERS):
            person = _stored_person(data)
            if person is not None:
                return person  # type: ignore[return-value]
        return cls(**cls.parse_fields(data))

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


_VOCABULARY_FIELDS: Final[tuple[tuple[str, dict[str, Any]], ...]] = tuple(
    (name, {member.value: member for member in enum})
    for name, enum in (
        ("role", Role),
        ("stance", Stance),
        ("influence", Influence),
        ("coverage", Coverage),
        ("mode", Mode),
        ("fear_of_failure", Fear),
    )
)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _stored_person(data: Mapping[str, Any]) -> Stakeholder | None:
    """The ``Stakeholder`` for ``data`` if every value is already canonical, else ``None``.

    Must accept only what ``Stakeholder.parse_fields`` would return unchanged;
    ``tests/test_records.py`` checks the two agree on generated records.
    """
    try:
        fields = {name: values[data[name]] for name, values in _VOCABULARY_FIELDS}
        pid, name, title, department, email = (
            data["id"],
            data["name"],
            data["title"],
            data["department"],
            data["email"],
        )
        drivers, constraints, fears, notes = (
            data["drivers"],
            data["constraints"],
            data["fears"],
            data["notes"],
        )
        veto, priorities, last_contact = data["veto"], data["priorities"], data["last_contact"]
        created, modified = data["created"], data["modified"]
    except (KeyError, TypeError):
        return None
    if type(veto) is not bool or type(priorities) is not list:
        return None
    lines = [name, title, department, email, *priorities]
    free = [drivers, constraints, fears, notes]
    for text in (*lines, *free, pid, last_contact, created, modified):
        if type(text) is not str or text != text.strip():
            return None
    if not name or not all(priorities) or not _ID.match(pid):
        return None
    if (
        len(priorities) > MAX_PRIORITIES
        or max(map(len, lines)) > MAX_LINE_CHARS
        or max(map(len, free)) > MAX_TEXT_CHARS
    ):
        return None
    line_text, free_text = "".join(lines), "".join(free)
    if _CONTROL.search(line_text) or _FREE_TEXT_CONTROL.search(free_text):
        return None
    if _SURROGATE.search(line_text) or _SURROGATE.search(free_text):
        return None
    if email and not _EMAIL.match(email):
        return None
    if last_contact and not (_ISO_DAY.fullmatch(last_contact) and _is_date(last_contact)):
        return None
    for stamp in (created, modified):
        if stamp and not _CANONICAL_STAMP.fullmatch(stamp):
            return None
    return Stakeholder(
        id=pid,
        name=name,
        title=title,
        department=department,
        email=email,
        veto=veto,
        priorities=tuple(priorities),
        drivers=drivers,
        constraints=constraints,
        fears=fears,
        notes=notes,
        last_contact=last_contact,
        created=created,
        modified=modified,
        **fields,
    )


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


#: Stakeholder fields a user can set (everything but the bookkeeping ones).
PERSON_FIELDS: Final[tuple[str, ...]] = tuple(
    name for name in Stakeholder._PARSERS if name not in ("id", "created", "modified")
)

#: Fields that hold the rep's private judgement or contact details; ``--redact``
#: drops them from exports.
PRIVATE_FIELDS: Final[frozenset[str]] = frozenset(
    {"notes", "drivers", "constraints", "fears", "email"}
)


@dataclass(frozen=True, slots=True)
class Link(_Record):
    """A directed, typed relation between two stakeholders (see ``LinkKind``)."""

    id: str
    source: str
    target: str
    kind: LinkKind
    strength: int = DEFAULT_STRENGTH
    created: str = ""
    modified: str = ""

    _PARSERS: ClassVar[dict[str, Any]] = {
        "id": _ident,
        "source": _ident,
        "target": _ident,
        "kind": _enum(LinkKind),
        "strength": _strength,
        "created": _timestamp,
        "modified": _timestamp,
    }
    _REQUIRED: ClassVar[tuple[str, ...]] = ("id", "source", "target", "kind")
    _KIND: ClassVar[str] = "link"

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Self:
        """As ``_Record.from_dict``, with a fast path for links already in stored form.

        Links outnumber people five to one; on a 10,000-person map the general
        field-by-field parse of 50,000 links was a third of load time.
        """
        if len(data) == 7:
            try:
                lid, source, target = data["id"], data["source"], data["target"]
                kind = _LINK_KINDS.get(data["kind"])  # type: ignore[arg-type]
                strength, created, modified = data["strength"], data["created"], data["modified"]
            except (KeyError, TypeError):
                kind = None
            if (
                kind is not None
                and type(strength) is int
                and MIN_STRENGTH <= strength <= MAX_STRENGTH
                and isinstance(lid, str)
                and isinstance(source, str)
                and isinstance(target, str)
                and isinstance(created, str)
                and isinstance(modified, str)
                and _ID.match(lid)
                and _ID.match(source)
                and _ID.match(target)
                and _CANONICAL_STAMP.fullmatch(created)
                and _CANONICAL_STAMP.fullmatch(modified)
            ):
                return cls(lid, source, target, kind, strength, created, modified)
        return cls(**cls.parse_fields(data))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "kind": _PLAIN[self.kind],
            "strength": self.strength,
            "created": self.created,
            "modified": self.modified,
        }

    def joins(self, a: str, b: str) -> bool:
        """True if this link connects ``a`` and ``b`` in its stored direction, or
        either way for ``conflicts``, whose direction carries no meaning."""
        if (self.source, self.target) == (a, b):
            return True
        return self.kind is LinkKind.CONFLICTS and (self.source, self.target) == (b, a)


_LINK_KINDS: Final[dict[str, LinkKind]] = {kind.value: kind for kind in LinkKind}

_FOLD = re.compile(r"[\W_]+")


def _fold_title(text: str) -> str:
    return _FOLD.sub(" ", text.casefold()).strip()


def initiative_rank(priorities: Iterable[str], initiative: str) -> int | None:
    """1-based position of ``initiative`` in ``priorities``, or ``None`` if absent.

    Matching ignores case, punctuation and spacing, because the same initiative
    is typed by hand in two places ("RevOps platform" vs "revops  platform.").

    >>> initiative_rank(["Cost cuts", "RevOps platform"], "revops platform")
    2
    >>> initiative_rank(["Cost cuts"], "RevOps platform") is None
    True
    """
    wanted = _fold_title(initiative)
    if not wanted:
        return None
    for index, item in enumerate(priorities, start=1):
        if _fold_title(item) == wanted:
            return index
    return None
