"""Whole-map data formats: the JSON bundle, GraphML and GEXF.

``json`` is ``stakemap.serialize.map_to_json``, the documented, versioned
bundle ``stakemap import`` reads back exactly.

``graphml`` and ``gexf`` are for network tools (Gephi, yEd, Cytoscape,
igraph). networkx writes them, but refuses ``None``, lists and dates and
passes XML-illegal control characters through, so ``export_graph`` builds a
clean copy first: every node carries every stakeholder field (text, booleans
and numbers only; priorities joined with ``"; "``; missing values as ``""``),
plus a display ``label``, the stance colour, a size from declared influence
and the ``x``/``y`` of stakemap's own layout. Every edge carries its kind,
strength (also as ``weight``), a readable label, its timestamps and its id
again as ``link_id`` (igraph's GraphML reader does not keep edge ids). The map's
account fields are graph attributes (GraphML) or the graph's name and
description (GEXF, which has no graph attributes). No attribute is called ``id`` (the
element ids are the stakeholder and link ids), because igraph and Gephi
reserve that name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final
from xml.etree.ElementTree import SubElement

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from stakemap.drawing.layout import Zoom, layout_grid
from stakemap.export import ExportOptions
from stakemap.export.escape import xml_clean
from stakemap.export.style import INFLUENCE_RADIUS, LINK_STYLE, STANCE_COLOUR, card_centre, rgb
from stakemap.model import StakeMap
from stakemap.serialize import BUNDLE_FORMAT, BUNDLE_VERSION, map_to_json
from stakemap.text import json_escape_controls, json_text

if TYPE_CHECKING:
    from stakemap.analysis.types import Analysis

__all__ = ["export_graph", "render_gexf", "render_graphml", "render_json"]

_SKIP_NODE_FIELDS: Final = frozenset({"id"})


def render_json(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    del analysis, options
    text = json_text(map_to_json(stakemap))
    return json_escape_controls(text) + "\n"  # exact data, inert on a terminal


def _clean(value: Any) -> str | bool | int | float:
    """One attribute value in a type both GraphML and GEXF writers accept."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple):
        return xml_clean("; ".join(str(item) for item in value))
    return xml_clean(str(value))


def export_graph(stakemap: StakeMap) -> nx.MultiDiGraph[str]:
    """A networkx graph holding only XML-safe, writer-safe attribute values."""
    # The positions of the SVG's cards: Gephi opens the map as the drawing shows it.
    layout = layout_grid(stakemap, zoom=Zoom.FULL)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    account = stakemap.account.to_dict()
    graph.graph.update({key: _clean(value) for key, value in account.items()})
    graph.graph["format"] = BUNDLE_FORMAT
    graph.graph["version"] = BUNDLE_VERSION
    for person in stakemap.people:
        attrs: dict[str, Any] = {
            key: _clean(value)
            for key, value in person.to_dict().items()
            if key not in _SKIP_NODE_FIELDS
        }
        box = layout.boxes[person.id]
        x, y = card_centre(box)
        attrs.update(
            label=_clean(person.name),
            key_player=person.is_key_player,
            color=STANCE_COLOUR[person.stance],
            size=float(INFLUENCE_RADIUS[person.influence]),
            x=round(x, 1),
            y=round(y, 1),
        )
        graph.add_node(person.id, **attrs)
    for link in stakemap.links:
        graph.add_edge(
            link.source,
            link.target,
            key=link.id,
            link_id=link.id,
            kind=link.kind.value,
            strength=link.strength,
            weight=link.strength,
            label=LINK_STYLE[link.kind].label,
            created=_clean(link.created),
            modified=_clean(link.modified),
        )
    return graph


def render_graphml(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    del analysis, options
    graph = export_graph(stakemap)
    return "\n".join(nx.generate_graphml(graph, encoding="utf-8", prettyprint=True)) + "\n"


def render_gexf(
    stakemap: StakeMap, *, analysis: Analysis | None = None, options: ExportOptions
) -> str:
    del analysis, options
    graph = export_graph(stakemap)
    for _, data in graph.nodes(data=True):
        r, g, b = rgb(data["color"])
        # Gephi draws ``viz`` directly; its y axis points up, the layout's down.
        data["viz"] = {
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "size": data["size"],
            "position": {"x": data["x"], "y": -data["y"], "z": 0.0},
        }
    for _source, _target, key, data in graph.edges(keys=True, data=True):
        data["id"] = key  # GEXF edge ids are the link ids
    # GEXF has no graph attributes: the account goes in the graph's name and
    # the file's <meta> description, where Gephi shows them.
    account = stakemap.account
    graph.graph = {"name": _clean(account.account)}
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    if meta is not None:
        description = f"Stakeholder map: {account.account}"
        if account.initiative:
            description += f" ({account.initiative})"
        SubElement(meta, "description").text = xml_clean(description)
    writer.add_graph(graph)
    return "<?xml version='1.0' encoding='utf-8'?>\n" + str(writer) + "\n"
