"""The map as a Mermaid flowchart (the ``mermaid`` format, and the diagram in Markdown).

Mermaid renders on GitHub, GitLab, Notion and Obsidian, so this is the drawing
a deal-review document carries. The visual encoding follows ``style``:
fill by stance, bigger text and border by influence, a thick border for a
veto, departments as subgraphs, blue influence arrows, grey reporting arrows,
dotted arrows for dotted lines, red two-way arrows for conflicts.

Safety: node and subgraph ids are generated (``n1``, ``d1``), never taken from
user text, and every label is double-quoted with ``escape.mermaid_label``
turning anything that could close the quote, open markup or end a Markdown
fence into an entity code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from stakemap.export import ExportOptions
from stakemap.export.escape import mermaid_label
from stakemap.export.style import LINK_STYLE, STANCE_COLOUR, STANCE_TEXT
from stakemap.model import StakeMap
from stakemap.records import Stakeholder
from stakemap.vocab import Influence, LinkKind

if TYPE_CHECKING:
    from stakemap.analysis.types import Analysis

__all__ = ["mermaid_flowchart", "render_mermaid"]

_FONT_SIZE: Final = {Influence.LOW: 12, Influence.MEDIUM: 14, Influence.HIGH: 17}
_BORDER: Final = {Influence.LOW: 1, Influence.MEDIUM: 2, Influence.HIGH: 3}
_ARROW: Final = {
    LinkKind.REPORTS_TO: "-->",
    LinkKind.DOTTED_LINE: "-.->",
    LinkKind.INFLUENCES: "-->",
    LinkKind.CONFLICTS: "<-->",
}


def _class_name(person: Stakeholder) -> str:
    veto = "_veto" if person.veto else ""
    return f"{person.stance.value}_{person.influence.value}{veto}"


def _label(person: Stakeholder) -> str:
    text = mermaid_label(person.name)
    if person.title:
        text += "<br/><small>" + mermaid_label(person.title) + "</small>"
    return text


def _node(node_id: str, person: Stakeholder) -> str:
    # A veto holder is drawn as a double circle, the others as rounded boxes.
    if person.veto:
        return f'{node_id}((("{_label(person)}")))'
    return f'{node_id}("{_label(person)}")'


def mermaid_flowchart(stakemap: StakeMap) -> str:
    """The flowchart source, without a Markdown fence."""
    ids = {person.id: f"n{index}" for index, person in enumerate(stakemap.people, start=1)}
    lines = ["flowchart TB"]
    groups: dict[str, list[Stakeholder]] = {}
    for person in stakemap.people:
        groups.setdefault(person.department, []).append(person)
    for index, department in enumerate(stakemap.departments(), start=1):
        lines.append(f'  subgraph d{index}["{mermaid_label(department)}"]')
        lines.append("    direction TB")
        lines.extend(f"    {_node(ids[p.id], p)}" for p in groups[department])
        lines.append("  end")
    lines.extend(f"  {_node(ids[p.id], p)}" for p in groups.get("", []))
    if not stakemap.people:
        lines.append('  empty["No stakeholders on this map yet"]')

    styles: dict[str, list[int]] = {}
    for index, link in enumerate(stakemap.links):
        arrow = _ARROW[link.kind]
        words = LINK_STYLE[link.kind].label
        if link.kind in (LinkKind.INFLUENCES, LinkKind.CONFLICTS):
            words += f" {link.strength}"
        lines.append(f"  {ids[link.source]} {arrow}|{words}| {ids[link.target]}")
        style = LINK_STYLE[link.kind]
        width = 1.5 if link.kind in (LinkKind.REPORTS_TO, LinkKind.DOTTED_LINE) else link.strength
        css = f"stroke:{style.colour},stroke-width:{width}px"
        styles.setdefault(css, []).append(index)
    for css, indexes in styles.items():
        lines.append(f"  linkStyle {','.join(map(str, indexes))} {css}")

    used: dict[str, Stakeholder] = {}
    for person in stakemap.people:
        used.setdefault(_class_name(person), person)
    for name, person in used.items():
        border = 4 if person.veto else _BORDER[person.influence]
        lines.append(
            f"  classDef {name} fill:{STANCE_COLOUR[person.stance]},"
            f"color:{STANCE_TEXT[person.stance]},stroke:#24292f,"
            f"stroke-width:{border}px,font-size:{_FONT_SIZE[person.influence]}px"
        )
    members: dict[str, list[str]] = {}
    for person in stakemap.people:
        members.setdefault(_class_name(person), []).append(ids[person.id])
    for name, node_ids in members.items():
        lines.append(f"  class {','.join(node_ids)} {name}")
    return "\n".join(lines) + "\n"


def render_mermaid(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    """The ``mermaid`` format: a ``.mmd`` file Mermaid's CLI and live editor read."""
    del analysis, options
    return mermaid_flowchart(stakemap)
