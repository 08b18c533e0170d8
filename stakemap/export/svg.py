"""The map drawn as SVG: the ``svg`` format, and the picture inside the HTML page.

The picture is the app's network view, scaled up: the same grid layout
(``stakemap.drawing``: departments as columns, managers above reports) and
the same orthogonal lines, which run only in the gaps between the cards, so
no line crosses a name. Each person is a card with a disc whose colour is
their stance and whose size is their declared influence (a dark ring: a
veto); blue arrows are influence (thicker when stronger), grey arrows
reporting lines, dashed grey dotted lines, red double-headed lines
conflicts. Every user string passes through
``escape.xml_text``; presentation attributes are used instead of a
stylesheet so the drawing looks the same inlined in HTML, opened on its own,
or imported into Inkscape. No scripts, no external references.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Final

from stakemap.drawing.layout import Box, GridLayout, Zoom, layout_grid
from stakemap.drawing.routing import Route, route_links
from stakemap.drawing.style import S
from stakemap.export import ExportOptions
from stakemap.export.escape import truncate, xml_text
from stakemap.export.style import (
    CELL_H,
    CELL_W,
    HEALTH_COLOUR,
    INFLUENCE_RADIUS,
    LINK_STYLE,
    STANCE_COLOUR,
    STANCE_GLYPH,
    STANCE_TEXT,
)
from stakemap.model import StakeMap
from stakemap.records import Stakeholder
from stakemap.vocab import Influence, LinkKind, Stance, label, link_sentence

if TYPE_CHECKING:
    from stakemap.analysis.types import Analysis

__all__ = ["render_svg", "svg_drawing"]

FONT: Final = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"
STATE_COLOUR: Final = {
    "aligned": "#1a7f37",
    "split": "#9a6700",
    "opposed": "#d1242f",
    "unknown": "#6e7781",
}
LEGEND_HEIGHT: Final = 86.0
#: Room for the title block of a standalone drawing (account, initiative, date, health).
TITLE_HEIGHT: Final = 62.0
#: Wide enough for the legend, however few departments there are.
MIN_WIDTH: Final = 588.0


def _f(value: float) -> str:
    """Coordinates with one decimal: deterministic and compact."""
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


def _markers() -> list[str]:
    out = ["<defs>"]
    for kind, style in LINK_STYLE.items():
        out.append(
            f'<marker id="sm-arrow-{kind.value}" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
            f'fill="{style.colour}"/></marker>'
        )
    out.append("</defs>")
    return out


def _px(x: float, y: float, top: float) -> tuple[float, float]:
    """The centre of grid cell ``(x, y)``."""
    return x * CELL_W + CELL_W / 2, top + y * CELL_H + CELL_H / 2


def _edge(route: Route, layout: GridLayout, top: float, names: dict[str, str]) -> str:
    """One link as an orthogonal path from card edge to card edge, through the gaps."""
    link = route.link
    style = LINK_STYLE[link.kind]
    points = [_px(x, y, top) for x, y in route.points]
    # The first and last cells sit beside the cards: run the line on to their edges.
    ends = []
    for index, bit, pid in ((0, route.start_bit, link.source), (-1, route.end_bit, link.target)):
        box = layout.boxes[pid]
        edge = box.y if bit == S else box.y + box.h  # the card is below / above the cell
        gap = 0.0 if index == 0 and not route.both_ends else 2.0
        ends.append((points[index][0], top + edge * CELL_H + (-gap if bit == S else gap)))
    points = [ends[0], *points, ends[1]]
    width = 1.4 if link.kind in (LinkKind.REPORTS_TO, LinkKind.DOTTED_LINE) else 0.6 + link.strength
    path = "M" + " L".join(f"{_f(x)},{_f(y)}" for x, y in points)
    attrs = [
        f'd="{path}"',
        'fill="none"',
        f'stroke="{style.colour}"',
        f'stroke-width="{_f(width)}"',
        'stroke-linejoin="round"',
        f'marker-end="url(#sm-arrow-{link.kind.value})"',
    ]
    if style.dash:
        attrs.append(f'stroke-dasharray="{style.dash}"')
    if style.both_ends:
        attrs.append(f'marker-start="url(#sm-arrow-{link.kind.value})"')
    words = link_sentence(
        names[link.source], link.kind, names[link.target], link.strength, short=True
    )
    return (
        f'<path class="sm-link sm-{link.kind.value}" {" ".join(attrs)}>'
        f"<title>{xml_text(words)}</title></path>"
    )


def _node(person: Stakeholder, box: Box, top: float) -> str:
    """A card: the stance disc (sized by influence, ringed for a veto), the name, the title."""
    fill = STANCE_COLOUR[person.stance]
    x0, y0 = box.x * CELL_W, top + box.y * CELL_H
    w, h = box.w * CELL_W, box.h * CELL_H
    r = INFLUENCE_RADIUS[person.influence]
    cx, cy = x0 + 4 + INFLUENCE_RADIUS[Influence.HIGH], y0 + h / 2
    parts = [
        f"<title>{xml_text(_tooltip(person))}</title>",
        f'<rect x="{_f(x0)}" y="{_f(y0)}" width="{_f(w)}" height="{_f(h)}" rx="6" '
        'fill="#ffffff" stroke="#d0d7de"/>',
    ]
    if person.veto:
        parts.append(
            f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(r + 4)}" '
            'fill="none" stroke="#24292f" stroke-width="3"/>'
        )
    parts.append(
        f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(r)}" fill="{fill}" '
        'stroke="#24292f" stroke-width="1"/>'
    )
    parts.append(
        f'<text x="{_f(cx)}" y="{_f(cy + 4)}" text-anchor="middle" '
        f'font-size="12" font-weight="bold" fill="{STANCE_TEXT[person.stance]}">'
        f"{xml_text(STANCE_GLYPH[person.stance])}</text>"
    )
    tx = cx + INFLUENCE_RADIUS[Influence.HIGH] + 8
    room = int((x0 + w - tx - 4) / 6.6)
    parts.append(
        f'<text x="{_f(tx)}" y="{_f(cy - 2 if person.title else cy + 4)}" font-size="12" '
        f'font-weight="600" fill="#24292f">{xml_text(truncate(person.name, room))}</text>'
    )
    if person.title:
        parts.append(
            f'<text x="{_f(tx)}" y="{_f(cy + 13)}" font-size="10" fill="#57606a">'
            f"{xml_text(truncate(person.title, int(room * 1.2)))}</text>"
        )
    return f'<g class="sm-person" id="sm-{person.id}">{"".join(parts)}</g>'


def _tooltip(p: Stakeholder) -> str:
    head = p.name + (f", {p.title}" if p.title else "")
    if p.department:
        head += f" ({p.department})"
    facts = [
        f"role: {label(p.role).lower()}",
        f"stance: {p.stance.value}",
        f"influence: {p.influence.value}",
        f"coverage: {label(p.coverage).lower()}",
    ]
    if p.veto:
        facts.append("can veto")
    return head + "\n" + ", ".join(facts)


def _legend(y: float) -> list[str]:
    out = ['<g class="sm-legend" font-size="11" fill="#24292f">']
    x = 24.0
    out.append(f'<text x="{_f(x)}" y="{_f(y)}" font-weight="600">Stance</text>')
    x += 62
    for stance in Stance:
        out.append(
            f'<circle cx="{_f(x)}" cy="{_f(y - 4)}" r="7" fill="{STANCE_COLOUR[stance]}" '
            'stroke="#24292f" stroke-width="1"/>'
        )
        out.append(f'<text x="{_f(x + 11)}" y="{_f(y)}">{stance.value}</text>')
        x += 24 + 7 * len(stance.value)
    y2 = y + 26
    x = 24.0
    out.append(f'<text x="{_f(x)}" y="{_f(y2)}" font-weight="600">Links</text>')
    x += 62
    for kind, style in LINK_STYLE.items():
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        start = f' marker-start="url(#sm-arrow-{kind.value})"' if style.both_ends else ""
        out.append(
            f'<path d="M{_f(x)},{_f(y2 - 4)} L{_f(x + 34)},{_f(y2 - 4)}" stroke="{style.colour}" '
            f'stroke-width="2" fill="none"{dash} marker-end="url(#sm-arrow-{kind.value})"{start}/>'
        )
        out.append(f'<text x="{_f(x + 40)}" y="{_f(y2)}">{xml_text(style.label)}</text>')
        x += 54 + 6.5 * len(style.label)
    y3 = y2 + 28
    x = 24.0
    out.append(f'<text x="{_f(x)}" y="{_f(y3)}" font-weight="600">Influence</text>')
    x += 70
    for level in Influence:
        r = INFLUENCE_RADIUS[level] / 2
        out.append(
            f'<circle cx="{_f(x)}" cy="{_f(y3 - 4)}" r="{_f(r)}" fill="#ffffff" '
            'stroke="#24292f" stroke-width="1"/>'
        )
        out.append(f'<text x="{_f(x + r + 4)}" y="{_f(y3)}">{level.value}</text>')
        x += 30 + 7 * len(level.value) + r
    out.append(
        f'<circle cx="{_f(x + 6)}" cy="{_f(y3 - 4)}" r="8" fill="none" stroke="#24292f" '
        'stroke-width="3"/>'
    )
    out.append(f'<text x="{_f(x + 20)}" y="{_f(y3)}">ring: can veto</text>')
    out.append("</g>")
    return out


def _title_block(stakemap: StakeMap, analysis: Analysis | None, as_of: date | None) -> list[str]:
    """Who, what, when and how healthy: a drawing passed round on its own still says
    which account it is and how old it is (the HTML page has its own header instead)."""
    account = stakemap.account
    out = [
        '<g class="sm-title-block" fill="#24292f">',
        f'<text x="24" y="32" font-size="18" font-weight="700">'
        f"{xml_text(truncate(account.account, 60))}</text>",
    ]
    facts = []
    if account.initiative:
        facts.append(f"Initiative: {truncate(account.initiative, 60)}")
    if as_of is not None:
        facts.append(f"as of {as_of.isoformat()}")
    facts.append(f"{len(stakemap)} {'person' if len(stakemap) == 1 else 'people'}")
    line = " · ".join(facts)
    if analysis is not None:
        status = analysis.health.status
        colour = HEALTH_COLOUR.get(status.value, "#57606a")
        out.append(
            f'<text x="24" y="52" font-size="12">{xml_text(line)} · Deal health: '
            f'<tspan font-weight="700" fill="{colour}">{xml_text(label(status))}</tspan></text>'
        )
    else:
        out.append(f'<text x="24" y="52" font-size="12">{xml_text(line)}</text>')
    out.append("</g>")
    return out


def svg_drawing(
    stakemap: StakeMap,
    *,
    analysis: Analysis | None = None,
    title_block: bool = False,
    as_of: date | None = None,
) -> str:
    """The ``<svg>`` element (no XML prolog), for standalone files and inline HTML.

    ``title_block`` heads the drawing with the account, initiative, ``as_of``
    date and deal health, for the standalone file; the HTML page leaves it off
    because its own header says the same.
    """
    top = TITLE_HEIGHT if title_block else 0.0
    layout = layout_grid(stakemap, zoom=Zoom.FULL)
    routes = route_links(layout, stakemap.links)
    states = {d.name: d.state for d in analysis.departments} if analysis else {}
    names = {p.id: p.name for p in stakemap.people}
    drawing_h = max(layout.height * CELL_H, 140.0)
    width = max(layout.width * CELL_W, MIN_WIDTH)
    height = top + drawing_h + LEGEND_HEIGHT
    title = f"Stakeholder map: {stakemap.account.account}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(width)} {_f(height)}" '
        f'width="{_f(width)}" height="{_f(height)}" role="img" aria-labelledby="sm-title" '
        f'font-family="{xml_text(FONT)}" class="sm-map">',
        f'<title id="sm-title">{xml_text(title)}</title>',
        *_markers(),
        f'<rect x="0" y="0" width="{_f(width)}" height="{_f(height)}" fill="#ffffff"/>',
    ]
    if title_block:
        out.extend(_title_block(stakemap, analysis, as_of))
    for column in layout.columns:
        # The frame fills the column's cells; its name sits in the top row, over no card.
        x0, y0 = column.x * CELL_W + 2, top + column.y * CELL_H + 2
        w, h = column.width * CELL_W - 4, column.height * CELL_H - 4
        out.append(
            f'<g class="sm-department"><title>{xml_text(column.name)}</title>'
            f'<rect x="{_f(x0)}" y="{_f(y0)}" width="{_f(w)}" height="{_f(h)}" '
            'rx="8" fill="#f6f8fa" stroke="#d0d7de"/>'
            f'<text x="{_f(x0 + 10)}" y="{_f(y0 + 14)}" font-size="13" font-weight="700" '
            f'fill="#24292f">{xml_text(truncate(column.name, 18))}</text>'
        )
        state = states.get(column.department) if column.department else None
        if state:
            out.append(
                f'<text x="{_f(x0 + w - 10)}" y="{_f(y0 + 14)}" text-anchor="end" '
                f'font-size="11" fill="{STATE_COLOUR.get(state, "#57606a")}">'
                f"{xml_text(state)}</text>"
            )
        out.append("</g>")
    for route in routes:
        out.append(_edge(route, layout, top, names))
    for person in stakemap.people:
        out.append(_node(person, layout.boxes[person.id], top))
    if not stakemap.people:
        out.append(
            f'<text x="{_f(width / 2)}" y="{_f(top + drawing_h / 2)}" text-anchor="middle" '
            'font-size="14" fill="#57606a">No stakeholders on this map yet.</text>'
        )
    out.extend(_legend(top + drawing_h + 22))
    out.append("</svg>")
    return "\n".join(out)


def render_svg(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    """The ``svg`` format: the drawing as a standalone, valid XML document."""
    drawing = svg_drawing(stakemap, analysis=analysis, title_block=True, as_of=options.as_of())
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{drawing}\n'
