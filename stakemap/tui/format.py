"""How values look in the app: one colour per stance, health and department state.

Styles use theme variables (``$text-success``…), so every colour follows the
dark or light theme the user picked instead of being fixed here.
"""

from __future__ import annotations

from typing import Any, Final

from rich.text import Text
from textual.app import App
from textual.content import Content
from textual.markup import parse_style

from stakemap.analysis.types import Finding, HealthStatus, Severity
from stakemap.records import Link, Stakeholder
from stakemap.text import terminal_text
from stakemap.vocab import LINK_WORDS, LinkKind, Stance, label

__all__ = [
    "HEALTH_STYLE",
    "SEVERITY_STYLE",
    "STANCE_STYLE",
    "STATE_STYLE",
    "as_markup",
    "department_state",
    "health_badge",
    "link_line",
    "person_line",
    "plain",
    "shown",
    "stance",
]

STANCE_STYLE: Final[dict[Stance, str]] = {
    Stance.CHAMPION: "bold $text-success",
    Stance.SUPPORTER: "$text-success",
    Stance.NEUTRAL: "$foreground",
    Stance.SKEPTIC: "$text-warning",
    Stance.OPPONENT: "bold $text-error",
    Stance.UNKNOWN: "$text-muted",
}

HEALTH_STYLE: Final[dict[HealthStatus, str]] = {
    HealthStatus.RED: "bold $text-error",
    HealthStatus.AMBER: "bold $text-warning",
    HealthStatus.GREEN: "bold $text-success",
}

#: Department consensus states (``DepartmentState.state``) and their marks.
STATE_STYLE: Final[dict[str, tuple[str, str]]] = {
    "aligned": ("✔", "$text-success"),
    "split": ("◐", "$text-warning"),
    "opposed": ("✖", "$text-error"),
    "unknown": ("?", "$text-muted"),
}

SEVERITY_STYLE: Final[dict[Severity, str]] = {
    Severity.HIGH: "bold $text-error",
    Severity.MEDIUM: "$text-warning",
    Severity.LOW: "$text-muted",
}


def shown(text: str, *, multiline: bool = False) -> str:
    """A user value as the app shows it: terminal controls and bidi overrides as
    visible escapes (``stakemap.text.terminal_text``). Put it into ``Content``
    (plain text), never into markup."""
    return terminal_text(text, multiline=multiline)


def plain(text: str, style: str = "") -> Content:
    """A user value as ``Content``: literal text (no markup), controls escaped."""
    return Content.styled(shown(text), style) if style else Content(shown(text))


def as_markup(text: str) -> str:
    """A user value for the few Textual APIs that take only markup (the command
    palette's help line, ``Matcher.highlight``): every ``[`` escaped, so nothing
    in it is a tag."""
    return shown(text).replace("[", "\\[")


def stance(value: Stance) -> Content:
    return Content.styled(value.value, STANCE_STYLE[value])


def health_badge(status: HealthStatus | None) -> Content:
    if status is None:
        return Content.styled("● …", "$text-muted")
    return Content.styled(f"● {status.value.upper()}", HEALTH_STYLE[status])


def department_state(name: str, state: str) -> Content:
    mark, style = STATE_STYLE.get(state, ("?", "$text-muted"))
    return Content.assemble(
        (f"{mark} ", style), shown(name or "(no department)"), (f" {state}", style)
    )


def person_line(person: Stakeholder, *, extra: str = "") -> Content:
    """ "Ann Lee  CFO · Finance  supporter": a person in lists and pickers."""
    where = " · ".join(part for part in (person.title, person.department) if part)
    return Content.assemble(
        shown(person.name),
        (shown(f"  {where}") if where else "", "$text-muted"),
        "  ",
        stance(person.stance),
        (extra, "$text-muted"),
    )


def link_verb(link: Link, *, outgoing: bool) -> str:
    """The link as seen from one end: "reports to" / "manages", "influences" /
    "influenced by" (the wording is ``vocab.LINK_WORDS``)."""
    words = LINK_WORDS[link.kind]
    return words.label if outgoing else words.inverse_label


def link_line(link: Link, other: Stakeholder, *, outgoing: bool) -> Content:
    strength = f" ({link.strength})" if LINK_WORDS[link.kind].weighted else ""
    arrow = "→" if outgoing else "←"
    style = "$text-error" if link.kind is LinkKind.CONFLICTS else "$text-muted"
    return Content.assemble(
        (f"{arrow} {link_verb(link, outgoing=outgoing)} ", style),
        shown(other.name),
        (strength, "$text-muted"),
    )


def finding_line(finding: Finding) -> Content:
    return Content.assemble(
        (f"{finding.severity.value:<6} ", SEVERITY_STYLE[finding.severity]),
        (f"{finding.rule}  ", "$text-muted"),
        shown(finding.message),
    )


def vocab(value: object) -> str:
    return label(value) if hasattr(value, "value") else str(value)  # type: ignore[arg-type]


#: (theme, style) -> parsed style. Parsing resolves theme variables by
#: tokenising all of them, about a millisecond per call: a findings tree of a
#: few hundred labels must not pay that per label.
_PARSED: dict[tuple[str, str], Any] = {}


def to_rich(content: Content, app: App[object]) -> Text:
    """``Content`` as rich ``Text`` for widgets that still take rich labels (``Tree``,
    ``DataTable``), with the theme's variables (``$text-success``…) resolved, and
    terminal controls in the text escaped (every tree and table label passes here)."""
    theme = app.theme

    def parse(style: object) -> Any:
        if not isinstance(style, str):
            return style
        key = (theme, style)
        parsed = _PARSED.get(key)
        if parsed is None:
            # Muted text is a translucent foreground: without the widget's
            # background to blend with it would come out black, so "dim" stands in.
            parsed = parse_style(style.replace("$text-muted", "dim"), app.theme_variables)
            _PARSED[key] = parsed
        return parsed

    text = Text(end="")
    for chunk, style in content.render(end="", parse_style=parse):
        text.append(terminal_text(chunk, multiline=True), style.rich_style if style else None)
    return text
