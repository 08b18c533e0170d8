"""The visual encoding every drawing shares (SVG, HTML, DOT, Mermaid, GEXF).

A teammate who has seen the map in one format should read it in another
without a legend: the same colour means the same stance everywhere, a bigger
node is a heavier person, solid arrows are influence, dashed lines are dotted
lines, red is conflict. The colours are a diverging red-to-green scale that
stays distinct when printed in grey (each stance also gets a glyph).
"""

from __future__ import annotations

from typing import Final

from stakemap.drawing.layout import Box
from stakemap.drawing.style import STANCE_GLYPH
from stakemap.vocab import LINK_WORDS, Influence, LinkKind, Stance

__all__ = [
    "CELL_H",
    "CELL_W",
    "HEALTH_COLOUR",
    "INFLUENCE_RADIUS",
    "LINK_STYLE",
    "STANCE_COLOUR",
    "STANCE_GLYPH",
    "STANCE_TEXT",
    "LinkStyle",
    "card_centre",
    "rgb",
]

#: Deal health badge colours (HTML page, SVG title block, handover).
HEALTH_COLOUR: Final[dict[str, str]] = {"red": "#d1242f", "amber": "#bf8700", "green": "#1a7f37"}

#: Fill colour per stance: dark green (champion) to red (opponent), grey unknown.
STANCE_COLOUR: Final[dict[Stance, str]] = {
    Stance.CHAMPION: "#1a7f37",
    Stance.SUPPORTER: "#7cc47f",
    Stance.NEUTRAL: "#f2d675",
    Stance.SKEPTIC: "#f0a04b",
    Stance.OPPONENT: "#d1242f",
    Stance.UNKNOWN: "#c8c8c8",
}

#: Text colour that stays readable on each fill.
STANCE_TEXT: Final[dict[Stance, str]] = {
    Stance.CHAMPION: "#ffffff",
    Stance.SUPPORTER: "#102a12",
    Stance.NEUTRAL: "#3a2f00",
    Stance.SKEPTIC: "#3a1f00",
    Stance.OPPONENT: "#ffffff",
    Stance.UNKNOWN: "#333333",
}

#: Node radius in drawing units per declared influence.
INFLUENCE_RADIUS: Final[dict[Influence, float]] = {
    Influence.LOW: 14.0,
    Influence.MEDIUM: 20.0,
    Influence.HIGH: 28.0,
}


class LinkStyle:
    """How one link kind is drawn."""

    __slots__ = ("arrow", "both_ends", "colour", "dash", "label")

    def __init__(self, *, colour: str, dash: str, arrow: bool, both_ends: bool, label: str) -> None:
        self.colour = colour
        self.dash = dash  # SVG stroke-dasharray; "" for solid
        self.arrow = arrow
        self.both_ends = both_ends
        self.label = label


LINK_STYLE: Final[dict[LinkKind, LinkStyle]] = {
    LinkKind.REPORTS_TO: LinkStyle(
        colour="#6e7781",
        dash="",
        arrow=True,
        both_ends=False,
        label=LINK_WORDS[LinkKind.REPORTS_TO].label,
    ),
    LinkKind.DOTTED_LINE: LinkStyle(
        colour="#6e7781",
        dash="6 4",
        arrow=True,
        both_ends=False,
        label=LINK_WORDS[LinkKind.DOTTED_LINE].label,
    ),
    LinkKind.INFLUENCES: LinkStyle(
        colour="#0969da",
        dash="",
        arrow=True,
        both_ends=False,
        label=LINK_WORDS[LinkKind.INFLUENCES].label,
    ),
    LinkKind.CONFLICTS: LinkStyle(
        colour="#d1242f",
        dash="",
        arrow=True,
        both_ends=True,
        label=LINK_WORDS[LinkKind.CONFLICTS].label,
    ),
}


def rgb(colour: str) -> tuple[int, int, int]:
    """``"#1a7f37"`` -> ``(26, 127, 55)`` (GEXF wants components).

    >>> rgb("#ff0080")
    (255, 0, 128)
    """
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


#: One grid cell of ``stakemap.drawing`` in drawing units (SVG pixels, GEXF positions).
CELL_W: Final = 10.0
CELL_H: Final = 20.0


def card_centre(box: Box) -> tuple[float, float]:
    """The middle of a person's card in the SVG, for formats that store a position."""
    return (box.x + box.w / 2) * CELL_W, (box.y + box.h / 2) * CELL_H
