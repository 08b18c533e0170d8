"""The glyphs every drawing shares: a stance glyph, the veto mark, one line style per link kind.

A printout in black and white, or a terminal without colour, still reads:
the stance is a glyph, a reporting line is thin, a dotted line dashed,
influence heavy (dashed when weak) and a conflict doubled. The SVG export
takes ``STANCE_GLYPH`` from here, so the two pictures agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from stakemap.vocab import LinkKind, Stance

__all__ = [
    "ARROW",
    "STANCE_GLYPH",
    "VETO_MARK",
    "LineStyle",
    "line_style",
]

#: A glyph per stance, so a black-and-white printout still reads.
STANCE_GLYPH: Final[dict[Stance, str]] = {
    Stance.CHAMPION: "++",
    Stance.SUPPORTER: "+",
    Stance.NEUTRAL: "=",
    Stance.SKEPTIC: "−",
    Stance.OPPONENT: "−−",
    Stance.UNKNOWN: "?",
}

#: After the name of someone who can veto (the SVG draws a dark ring).
VETO_MARK: Final = "◎"

#: Bits of a line cell: which neighbours the line runs to.
N, E, S, W = 1, 2, 4, 8

#: Arrowheads, by the direction the line travels when it reaches its end.
ARROW: Final[dict[int, str]] = {N: "▲", S: "▼", E: "▶", W: "◀"}

_LIGHT = {
    E | W: "─",
    N | S: "│",
    S | E: "┌",
    S | W: "┐",
    N | E: "└",
    N | W: "┘",
    N | S | E: "├",
    N | S | W: "┤",
    E | W | S: "┬",
    E | W | N: "┴",
    N | E | S | W: "┼",
    N: "│",
    S: "│",
    E: "─",
    W: "─",
}
_HEAVY = {
    E | W: "━",
    N | S: "┃",
    S | E: "┏",
    S | W: "┓",
    N | E: "┗",
    N | W: "┛",
    N | S | E: "┣",
    N | S | W: "┫",
    E | W | S: "┳",
    E | W | N: "┻",
    N | E | S | W: "╋",
    N: "┃",
    S: "┃",
    E: "━",
    W: "━",
}
_DOUBLE = {
    E | W: "═",
    N | S: "║",
    S | E: "╔",
    S | W: "╗",
    N | E: "╚",
    N | W: "╝",
    N | S | E: "╠",
    N | S | W: "╣",
    E | W | S: "╦",
    E | W | N: "╩",
    N | E | S | W: "╬",
    N: "║",
    S: "║",
    E: "═",
    W: "═",
}


@dataclass(frozen=True, slots=True)
class LineStyle:
    """How one kind of line is drawn: its box-drawing family, and dashes for straight runs."""

    name: str
    glyphs: dict[int, str]
    dash_h: str = ""
    dash_v: str = ""

    def glyph(self, bits: int) -> str:
        """The character for a cell whose line runs toward ``bits``.

        >>> line_style(LinkKind.REPORTS_TO, 2).glyph(N | S | E)
        '├'
        >>> line_style(LinkKind.DOTTED_LINE, 2).glyph(E | W)
        '┄'
        """
        if bits == E | W and self.dash_h:
            return self.dash_h
        if bits == N | S and self.dash_v:
            return self.dash_v
        return self.glyphs.get(bits, "·")


_STYLES: Final = {
    LinkKind.REPORTS_TO: LineStyle("reports", _LIGHT),
    LinkKind.DOTTED_LINE: LineStyle("dotted", _LIGHT, "┄", "┆"),
    LinkKind.CONFLICTS: LineStyle("conflict", _DOUBLE),
}
_INFLUENCE: Final = {
    1: LineStyle("influence-1", _HEAVY, "╍", "╏"),
    2: LineStyle("influence-2", _HEAVY),
    3: LineStyle("influence-3", _HEAVY),
}


def line_style(kind: LinkKind, strength: int) -> LineStyle:
    """The style of a link: influence weighs by strength (weak dashed, strong bold)."""
    if kind is LinkKind.INFLUENCES:
        return _INFLUENCE.get(strength, _INFLUENCE[2])
    return _STYLES[kind]
