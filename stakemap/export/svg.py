"""The map drawn as SVG: the ``svg`` format, and the picture inside the HTML page.

Colour is stance, size is declared influence, a dark ring is a veto; each
department is a column (see ``layout``); blue arrows are influence (thicker
when stronger), grey arrows reporting lines, dashed grey dotted lines, red
double-headed lines conflicts. Every user string passes through
``escape.xml_text``; presentation attributes are used instead of a
stylesheet so the drawing looks the same inlined in HTML, opened on its own,
or imported into Inkscape. No scripts, no external references.
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING, Final

from stakemap.export import ExportOptions
from stakemap.export.escape import truncate, xml_text
from stakemap.export.layout import Layout, Placed, layout_map
from stakemap.export.style import (
    HEALTH_COLOUR,
    INFLUENCE_RADIUS,
    LINK_STYLE,
    STANCE_COLOUR,
    STANCE_GLYPH,
    STANCE_TEXT,
)
from stakemap.model import StakeMap
from stakemap.records import Link
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
#: How far each link kind bows away from the straight line, as a fraction of
#: its length; different per kind so parallel links of two kinds stay apart.
_BEND: Final = {
    LinkKind.REPORTS_TO: 0.10,
    LinkKind.DOTTED_LINE: 0.22,
    LinkKind.INFLUENCES: -0.16,
    LinkKind.CONFLICTS: -0.30,
}
LEGEND_HEIGHT: Final = 86.0
#: Room for the title block of a standalone drawing (account, initiative, date, health).
TITLE_HEIGHT: Final = 62.0
MAX_BEND: Final = 60.0


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


def _edge(link: Link, a: Placed, b: Placed, names: dict[str, str]) -> str:
    style = LINK_STYLE[link.kind]
    dx, dy = b.x - a.x, b.y - a.y
    dist = math.hypot(dx, dy) or 1.0
    # Capped, so long links between distant columns stay inside the drawing.
    bend = math.copysign(min(abs(_BEND[link.kind]) * dist, MAX_BEND), _BEND[link.kind])
    if abs(dx) < 1.0:  # same column: bow out further so the curve clears the nodes between
        bend = math.copysign(abs(bend) + 28.0, bend)
    nx, ny = -dy / dist, dx / dist
    cx, cy = (a.x + b.x) / 2 + nx * bend, (a.y + b.y) / 2 + ny * bend

    def toward(p: Placed, gap: float) -> tuple[float, float]:
        ux, uy = cx - p.x, cy - p.y
        length = math.hypot(ux, uy) or 1.0
        return p.x + ux / length * (p.r + gap), p.y + uy / length * (p.r + gap)

    sx, sy = toward(a, 2.0 if style.both_ends else 0.0)
    ex, ey = toward(b, 2.0)
    width = 1.4 if link.kind in (LinkKind.REPORTS_TO, LinkKind.DOTTED_LINE) else 0.6 + link.strength
    attrs = [
        f'd="M{_f(sx)},{_f(sy)} Q{_f(cx)},{_f(cy)} {_f(ex)},{_f(ey)}"',
        'fill="none"',
        f'stroke="{style.colour}"',
        f'stroke-width="{_f(width)}"',
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


def _node(placed: Placed) -> str:
    person = placed.person
    fill = STANCE_COLOUR[person.stance]
    parts = [f"<title>{xml_text(_tooltip(placed))}</title>"]
    if person.veto:
        parts.append(
            f'<circle cx="{_f(placed.x)}" cy="{_f(placed.y)}" r="{_f(placed.r + 4)}" '
            'fill="none" stroke="#24292f" stroke-width="3"/>'
        )
    parts.append(
        f'<circle cx="{_f(placed.x)}" cy="{_f(placed.y)}" r="{_f(placed.r)}" fill="{fill}" '
        'stroke="#24292f" stroke-width="1"/>'
    )
    parts.append(
        f'<text x="{_f(placed.x)}" y="{_f(placed.y + 4)}" text-anchor="middle" '
        f'font-size="12" font-weight="bold" fill="{STANCE_TEXT[person.stance]}">'
        f"{xml_text(STANCE_GLYPH[person.stance])}</text>"
    )
    below = placed.y + placed.r + (20 if person.veto else 16)
    parts.append(
        f'<text x="{_f(placed.x)}" y="{_f(below)}" text-anchor="middle" font-size="12" '
        f'font-weight="600" fill="#24292f">{xml_text(truncate(person.name, 24))}</text>'
    )
    if person.title:
        parts.append(
            f'<text x="{_f(placed.x)}" y="{_f(below + 14)}" text-anchor="middle" '
            f'font-size="10" fill="#57606a">{xml_text(truncate(person.title, 30))}</text>'
        )
    return f'<g class="sm-person" id="sm-{person.id}">{"".join(parts)}</g>'


def _tooltip(placed: Placed) -> str:
    p = placed.person
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
    layout: Layout = layout_map(stakemap, top=top)
    states = {d.name: d.state for d in analysis.departments} if analysis else {}
    names = {p.id: p.name for p in stakemap.people}
    width = layout.width
    height = layout.height + LEGEND_HEIGHT
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
    for cluster in layout.clusters:
        out.append(
            f'<g class="sm-department"><title>{xml_text(cluster.name)}</title>'
            f'<rect x="{_f(cluster.x)}" y="{_f(cluster.y)}" width="{_f(cluster.width)}" '
            f'height="{_f(cluster.height)}" rx="8" fill="#f6f8fa" stroke="#d0d7de"/>'
            f'<text x="{_f(cluster.x + 10)}" y="{_f(cluster.y + 20)}" font-size="13" '
            f'font-weight="700" fill="#24292f">{xml_text(truncate(cluster.name, 22))}</text>'
        )
        state = states.get(cluster.department) if cluster.department else None
        if state:
            out.append(
                f'<text x="{_f(cluster.x + 10)}" y="{_f(cluster.y + 36)}" font-size="11" '
                f'fill="{STATE_COLOUR.get(state, "#57606a")}">{xml_text(state)}</text>'
            )
        out.append("</g>")
    for link in stakemap.links:
        out.append(_edge(link, layout.nodes[link.source], layout.nodes[link.target], names))
    for person in stakemap.people:
        out.append(_node(layout.nodes[person.id]))
    if not stakemap.people:
        out.append(
            f'<text x="{_f(width / 2)}" y="{_f((top + layout.height) / 2)}" text-anchor="middle" '
            'font-size="14" fill="#57606a">No stakeholders on this map yet.</text>'
        )
    out.extend(_legend(layout.height + 22))
    out.append("</svg>")
    return "\n".join(out)


def render_svg(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    """The ``svg`` format: the drawing as a standalone, valid XML document."""
    drawing = svg_drawing(stakemap, analysis=analysis, title_block=True, as_of=options.as_of())
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{drawing}\n'
