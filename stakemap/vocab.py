"""The controlled vocabularies of a stakeholder map, and how typed values map onto them.

Every categorical field on a stakeholder is one of these enums. They are
``StrEnum`` so a value *is* its JSON string: records serialise without a
conversion layer and compare equal to plain strings read back from a file.

The order in which members are declared is meaningful where the scale is
ordinal (stance, coverage, influence, fear): the TUI steps through it and the
analyzers compare positions, so keep the declaration order when adding members.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final, NamedTuple, TypeVar

from stakemap.errors import ValidationError

__all__ = [
    "LINK_WORDS",
    "TWO_WAY_TOUCHES",
    "ConflictKind",
    "Coverage",
    "Fear",
    "Influence",
    "LinkKind",
    "LinkWords",
    "Mode",
    "Relationship",
    "Role",
    "Stance",
    "TouchKind",
    "link_sentence",
    "normalise",
    "parse_bool",
    "step",
]


class Role(StrEnum):
    """The part a person plays in the buying decision."""

    ECONOMIC_BUYER = "economic_buyer"
    DECISION_MAKER = "decision_maker"
    APPROVER = "approver"
    TECHNICAL_EVALUATOR = "technical_evaluator"
    EVALUATOR = "evaluator"
    INFLUENCER = "influencer"
    USER = "user"
    IMPLEMENTER = "implementer"
    GATEKEEPER = "gatekeeper"
    UNKNOWN = "unknown"


class Stance(StrEnum):
    """Attitude toward the initiative, from most hostile to most active support.

    ``unknown`` is last and sits outside the scale.
    """

    OPPONENT = "opponent"
    SKEPTIC = "skeptic"
    NEUTRAL = "neutral"
    SUPPORTER = "supporter"
    CHAMPION = "champion"
    UNKNOWN = "unknown"


class Influence(StrEnum):
    """Declared weight in the decision (the rep's judgement, not the network's)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Coverage(StrEnum):
    """How well the rep has actually reached this person, least to most."""

    NONE = "none"
    BRIEF = "brief"
    MULTIPLE = "multiple"
    IN_DEPTH = "in_depth"


class Mode(StrEnum):
    """Readiness for change (Miller Heiman response modes).

    ``growth`` and ``trouble`` are receptive: the person sees a gap to close.
    ``even_keel`` and ``overconfident`` are not: the status quo feels fine.
    """

    GROWTH = "growth"
    TROUBLE = "trouble"
    EVEN_KEEL = "even_keel"
    OVERCONFIDENT = "overconfident"
    UNKNOWN = "unknown"


class Fear(StrEnum):
    """Personal risk to this person if the initiative fails."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    UNKNOWN = "unknown"


class LinkKind(StrEnum):
    """How two stakeholders are connected.

    ``reports_to`` and ``dotted_line`` point from the report to the manager;
    ``influences`` points from the one who sways to the one swayed;
    ``conflicts`` is symmetric in meaning but stored with a direction.
    """

    REPORTS_TO = "reports_to"
    DOTTED_LINE = "dotted_line"
    INFLUENCES = "influences"
    CONFLICTS = "conflicts"


class TouchKind(StrEnum):
    """How the rep reached someone, in the log of touches (``Interaction.kind``)."""

    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    DEMO = "demo"
    WORKSHOP = "workshop"
    EVENT = "event"
    OTHER = "other"


class Relationship(StrEnum):
    """How well the selling team knows a person (``Stakeholder.relationship``).

    A ladder, not a feeling: ``acquainted`` has talked with us, ``trusted``
    tells us what is really going on, ``advisor`` coaches us on how to win.
    Coverage says how deeply we have met someone; this says what that bought.
    """

    NONE = "none"
    ACQUAINTED = "acquainted"
    TRUSTED = "trusted"
    ADVISOR = "advisor"


class ConflictKind(StrEnum):
    """What a three-way merge could not settle on its own (``Conflict.kind``).

    ``field``: both teammates changed one field of one record differently.
    ``text``: both rewrote the same lines of a free-text field; the merged
    map holds both texts, marked, until someone settles it.
    ``deleted``: one deleted a record the other changed; the merged map keeps
    the changed record until someone decides.
    """

    FIELD = "field"
    TEXT = "text"
    DELETED = "deleted"


#: Touches where the person talked back: only these raise coverage. An email
#: or a stand at an event proves nothing about what the person thinks.
TWO_WAY_TOUCHES: Final[frozenset[TouchKind]] = frozenset(
    {TouchKind.MEETING, TouchKind.CALL, TouchKind.DEMO, TouchKind.WORKSHOP}
)


class LinkWords(NamedTuple):
    """How one kind of link is said, in every front end and export."""

    #: Read from the source, in sentences: "Ann has a dotted line to Bo".
    verb: str
    #: Short form for tables, legends and drawings: "dotted line to".
    label: str
    #: The same link read from the target's side: "Bo manages Ann".
    inverse: str
    #: Short form of ``inverse`` for lists and paths: "influenced by".
    inverse_label: str
    #: Whether the strength (1 weak to 3 strong) means something for this kind.
    weighted: bool


#: The one table of link wording: the CLI, the app, the analysis's sentences
#: and the exports all read it, so a kind is never described two ways.
LINK_WORDS: Final[dict[LinkKind, LinkWords]] = {
    LinkKind.REPORTS_TO: LinkWords("reports to", "reports to", "manages", "manages", False),
    LinkKind.DOTTED_LINE: LinkWords(
        "has a dotted line to",
        "dotted line to",
        "is dotted-line manager of",
        "dotted-line manages",
        False,
    ),
    LinkKind.INFLUENCES: LinkWords(
        "influences", "influences", "is influenced by", "influenced by", True
    ),
    LinkKind.CONFLICTS: LinkWords(
        "conflicts with", "conflicts with", "conflicts with", "conflicts with", True
    ),
}


def link_sentence(
    source: str, kind: LinkKind, target: str, strength: int | None = None, *, short: bool = False
) -> str:
    """ "Ann Lee influences Bo Chen (strength 3)": a link in messages, undo labels and
    tooltips (``short`` uses the label, for drawings).

    >>> link_sentence("Ann", LinkKind.DOTTED_LINE, "Bo", 2)
    'Ann has a dotted line to Bo'
    >>> link_sentence("Ann", LinkKind.DOTTED_LINE, "Bo", short=True)
    'Ann dotted line to Bo'
    """
    words = LINK_WORDS[kind]
    extra = f" (strength {strength})" if words.weighted and strength is not None else ""
    return f"{source} {words.label if short else words.verb} {target}{extra}"


E = TypeVar("E", bound=StrEnum)

#: Words people and CRM exports use for a vocabulary value, after the key has
#: been folded (lower case, separators collapsed to "_"). Only unambiguous
#: synonyms belong here: a guess that is wrong silently corrupts a map.
_ALIASES: Final[dict[type[StrEnum], dict[str, str]]] = {
    Role: {
        "eb": "economic_buyer",
        "budget_holder": "economic_buyer",
        "budget_owner": "economic_buyer",
        "dm": "decision_maker",
        "technical_buyer": "technical_evaluator",
        "tech_evaluator": "technical_evaluator",
        "end_user": "user",
        "user_buyer": "user",
    },
    Stance: {
        "supportive": "supporter",
        "sceptic": "skeptic",
        "sceptical": "skeptic",
        "skeptical": "skeptic",
        "opposed": "opponent",
        "against": "opponent",
    },
    Influence: {"med": "medium", "mid": "medium"},
    Coverage: {
        "indepth": "in_depth",
        "deep": "in_depth",
        "no": "none",
        "never": "none",
    },
    Mode: {"evenkeel": "even_keel"},
    Fear: {"med": "medium", "mid": "medium"},
    LinkKind: {
        "reports": "reports_to",
        "manager": "reports_to",
        "dotted": "dotted_line",
        "influence": "influences",
        "conflict": "conflicts",
    },
    Relationship: {
        "no": "none",
        "unknown": "none",
        "acquaintance": "acquainted",
        "known": "acquainted",
        "trust": "trusted",
        "coach": "advisor",
        "adviser": "advisor",
    },
    TouchKind: {
        "meet": "meeting",
        "phone": "call",
        "phone_call": "call",
        "video_call": "call",
        "mail": "email",
        "e_mail": "email",
    },
}

_SEPARATORS = re.compile(r"[\s\-/.]+")

#: A machine-readable name per enum, used in error messages so the user sees
#: the JSON field they typed into.
_FIELD_NAMES: Final[dict[type[StrEnum], str]] = {
    Role: "role",
    Stance: "stance",
    Influence: "influence",
    Coverage: "coverage",
    Mode: "mode",
    Fear: "fear_of_failure",
    LinkKind: "kind",
    TouchKind: "kind",
    Relationship: "relationship",
    ConflictKind: "kind",
}


def fold(text: str) -> str:
    """Fold free text to the key shape vocabulary values use ("In depth" -> "in_depth")."""
    return _SEPARATORS.sub("_", text.strip().casefold()).strip("_")


def normalise(enum: type[E], value: object, *, field: str | None = None) -> E:
    """Return the member of ``enum`` that ``value`` names, or raise ``ValidationError``.

    Accepts the canonical value, its label ("Economic Buyer"), other separators
    ("economic-buyer") and the synonyms in ``_ALIASES``, so values typed by a
    person or exported by a CRM land on the right member.

    >>> normalise(Role, "Economic Buyer")
    <Role.ECONOMIC_BUYER: 'economic_buyer'>
    >>> normalise(Coverage, "In depth")
    <Coverage.IN_DEPTH: 'in_depth'>
    """
    if isinstance(value, enum):
        return value
    if isinstance(value, str):
        try:
            return enum(value)  # fast path: already canonical
        except ValueError:
            key = fold(value)
            key = _ALIASES.get(enum, {}).get(key, key)
            try:
                return enum(key)
            except ValueError:
                pass
    name = field or _FIELD_NAMES.get(enum, enum.__name__.lower())
    raise ValidationError(name, value, [m.value for m in enum])


_TRUE = frozenset({"true", "yes", "y", "1", "on", "veto", "x"})
_FALSE = frozenset({"false", "no", "n", "0", "off", ""})


def parse_bool(value: object, *, field: str) -> bool:
    """Read a yes/no value the way spreadsheets and people write it."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        key = value.strip().casefold()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
    raise ValidationError(field, value, ["true", "false"])


def step(member: E, delta: int, *, skip: tuple[E, ...] = ()) -> E:
    """Move ``delta`` places along an ordinal vocabulary, clamped at both ends.

    Members in ``skip`` (typically ``unknown``) are not part of the scale; stepping
    from one of them lands on the scale's middle so a single key press is useful.
    """
    scale = [m for m in type(member) if m not in skip]
    if member in skip:
        return scale[len(scale) // 2]
    index = max(0, min(len(scale) - 1, scale.index(member) + delta))
    return scale[index]


def label(member: StrEnum) -> str:
    """Human label for a vocabulary value ("economic_buyer" -> "Economic buyer")."""
    text = member.value.replace("_", " ")
    return text[:1].upper() + text[1:]
