"""The map as a Graphviz DOT graph (the ``dot`` format).

Same encoding as the other drawings (see ``style``): fill by stance, node size
and font by influence, a double ring (``peripheries=2``) for a veto,
departments as clusters, blue influence arrows thickening with strength,
grey reporting arrows, dashed dotted lines, red two-way conflicts.

Node ids are generated (``n1``); every user string goes through
``escape.dot_string``, which doubles backslashes (so ``\\N`` cannot expand to a
node name) and escapes quotes. Labels are never HTML-like (``<...>``) labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from stakemap.export import ExportOptions
from stakemap.export.escape import dot_string
from stakemap.export.style import LINK_STYLE, STANCE_COLOUR, STANCE_TEXT
from stakemap.model import StakeMap
from stakemap.records import Stakeholder
from stakemap.vocab import Influence, LinkKind, label, link_sentence

if TYPE_CHECKING:
    from stakemap.analysis.types import Analysis

__all__ = ["render_dot"]

_SIZE: Final = {
    Influence.LOW: (0.9, 0.5, 10),
    Influence.MEDIUM: (1.2, 0.65, 12),
    Influence.HIGH: (1.6, 0.85, 15),
}
_FONT: Final = "Helvetica"


def _node(node_id: str, person: Stakeholder) -> str:
    width, height, size = _SIZE[person.influence]
    text = person.name + (f"\n{person.title}" if person.title else "")
    tooltip = (
        f"{person.name}: {label(person.role).lower()}, {person.stance.value}, "
        f"{person.influence.value} influence" + (", can veto" if person.veto else "")
    )
    attrs = [
        f"label={dot_string(text)}",
        f'fillcolor="{STANCE_COLOUR[person.stance]}"',
        f'fontcolor="{STANCE_TEXT[person.stance]}"',
        f"width={width}",
        f"height={height}",
        f"fontsize={size}",
        f"tooltip={dot_string(tooltip)}",
        f"id={dot_string(person.id)}",
    ]
    if person.veto:
        attrs.append("peripheries=2")
        attrs.append("penwidth=2")
    return f"{node_id} [{', '.join(attrs)}];"


def render_dot(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    """The ``dot`` format: ``dot -Tsvg map.dot`` draws it."""
    del analysis, options
    ids = {person.id: f"n{index}" for index, person in enumerate(stakemap.people, start=1)}
    title = f"{stakemap.account.account}: stakeholder map"
    lines = [
        "digraph stakemap {",
        f'  graph [charset="UTF-8", label={dot_string(title)}, labelloc=t, fontname="{_FONT}",'
        " fontsize=16, rankdir=BT, newrank=true, nodesep=0.4, ranksep=0.7];",
        f'  node [shape=ellipse, style=filled, fontname="{_FONT}", color="#24292f"];',
        f'  edge [fontname="{_FONT}", fontsize=9, arrowsize=0.8];',
    ]
    groups: dict[str, list[Stakeholder]] = {}
    for person in stakemap.people:
        groups.setdefault(person.department, []).append(person)
    for index, department in enumerate(stakemap.departments(), start=1):
        # rankdir=BT turns the cluster label's "b" into the top of the box.
        lines.append(f"  subgraph cluster_d{index} {{")
        lines.append(
            f'    label={dot_string(department)}; labelloc=b; style="rounded,filled"; '
            'fillcolor="#f6f8fa"; color="#d0d7de";'
        )
        lines.extend(f"    {_node(ids[p.id], p)}" for p in groups[department])
        lines.append("  }")
    lines.extend(f"  {_node(ids[p.id], p)}" for p in groups.get("", []))
    names = {p.id: p.name for p in stakemap.people}
    for link in stakemap.links:
        style = LINK_STYLE[link.kind]
        attrs = [f'color="{style.colour}"']
        words = link_sentence(
            names[link.source], link.kind, names[link.target], link.strength, short=True
        )
        if link.kind is not LinkKind.REPORTS_TO:
            # Formal reporting lines shape the ranks (managers above reports); other
            # links get no weight. Not ``constraint=false``: with clusters it trips
            # Graphviz's "trouble in init_rank" bug on larger maps (2.43 and earlier).
            attrs.append("weight=0")
        if link.kind is LinkKind.INFLUENCES:
            attrs.append(f"penwidth={1 + link.strength}")
        elif link.kind is LinkKind.CONFLICTS:
            attrs += [f"penwidth={1 + link.strength}", "dir=both", 'label="conflict"']
            attrs.append('fontcolor="#d1242f"')
        elif link.kind is LinkKind.DOTTED_LINE:
            attrs.append("style=dashed")
        attrs.append(f"tooltip={dot_string(words)}")
        lines.append(f"  {ids[link.source]} -> {ids[link.target]} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
