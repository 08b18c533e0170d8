"""What each format carries, read back with a parser for that format."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
from sm_testmaps import new_map

from stakemap.export import ExportOptions, export_map
from stakemap.export.style import INFLUENCE_RADIUS, STANCE_COLOUR
from stakemap.serialize import map_from_json, map_to_json
from stakemap.vocab import Influence, Stance, label

SVG = "{http://www.w3.org/2000/svg}"


def _one(fmt, stakemap, today, **options) -> str:
    (file,) = export_map(stakemap, fmt, options=ExportOptions(today=today, **options))
    return str(file.data)


def test_svg_encodes_stance_influence_veto_and_link_kinds(northwind, today):
    root = ET.fromstring(_one("svg", northwind, today))
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("class") == "sm-person"}
    assert len(groups) == len(northwind)
    for person in northwind.people:
        circles = groups[f"sm-{person.id}"].findall(f"{SVG}circle")
        body = circles[-1]
        assert body.get("fill") == STANCE_COLOUR[person.stance]
        assert float(body.get("r")) == INFLUENCE_RADIUS[person.influence]
        assert len(circles) == (2 if person.veto else 1)  # the veto ring
    paths = [p for p in root.iter(f"{SVG}path") if "sm-link" in (p.get("class") or "")]
    assert len(paths) == len(northwind.links)
    dotted = [p for p in paths if "sm-dotted_line" in p.get("class")]
    conflicts = [p for p in paths if "sm-conflicts" in p.get("class")]
    assert dotted and all(p.get("stroke-dasharray") for p in dotted)
    assert conflicts and all(p.get("stroke") == "#d1242f" for p in conflicts)
    assert all(p.get("marker-start") for p in conflicts)  # two-way arrows


def test_svg_groups_people_by_department_columns(northwind, today):
    root = ET.fromstring(_one("svg", northwind, today))
    columns = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "sm-person":
            pid = g.get("id")[3:]
            columns[pid] = float(g.findall(f"{SVG}circle")[-1].get("cx"))
    by_dept = {}
    for person in northwind.people:
        by_dept.setdefault(person.department, set()).add(columns[person.id])
    assert all(len(xs) == 1 for xs in by_dept.values())  # one column per department
    assert len({next(iter(xs)) for xs in by_dept.values()}) == len(by_dept)
    # Managers above their reports.
    ys = {
        g.get("id")[3:]: float(g.findall(f"{SVG}circle")[-1].get("cy"))
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "sm-person"
    }
    leah = next(p for p in northwind.people if p.name == "Leah Park")
    ingrid = next(p for p in northwind.people if p.name == "Ingrid Halvorsen")
    assert ys[ingrid.id] < ys[leah.id]


def test_svg_title_block_names_account_initiative_date_and_health(northwind, today):
    from stakemap.analysis import analyze

    root = ET.fromstring(_one("svg", northwind, today))
    block = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "sm-title-block")
    text = " ".join("".join(t.itertext()) for t in block.iter(f"{SVG}text"))
    assert northwind.account.account in text
    assert northwind.account.initiative in text
    assert f"as of {today.isoformat()}" in text
    health = analyze(northwind, today=today).health.status
    assert f"Deal health: {label(health)}" in text
    # Nothing of the map is drawn over the title block.
    tops = [float(r.get("y")) for r in root.iter(f"{SVG}rect") if r.get("rx")]
    assert tops and min(tops) > 52


def test_the_html_page_leaves_the_title_block_to_its_own_header(northwind, today):
    assert "sm-title-block" not in _one("html", northwind, today)


def test_svg_is_the_same_for_the_same_map(northwind, today):
    from sm_testmaps import build_northwind

    assert _one("svg", northwind, today) == _one("svg", build_northwind(), today)


def test_empty_map_exports_in_every_format(today):
    empty = new_map()
    for fmt in ("markdown", "html", "svg", "mermaid", "dot", "csv", "json", "graphml", "gexf"):
        files = export_map(empty, fmt, options=ExportOptions(today=today))
        assert files[0].data


def test_html_contains_every_section_and_the_drawing(northwind, today):
    page = _one("html", northwind, today)
    for section in (
        'id="health"',
        'id="map"',
        'id="departments"',
        'id="findings"',
        'id="plan"',
        'id="stakeholders"',
        'id="relationships"',
        'id="people"',
    ):
        assert section in page
    assert page.count("<svg") == 1
    assert "@media print" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page


def test_markdown_has_the_deal_review_sections(northwind, today):
    doc = _one("markdown", northwind, today)
    headings = [line for line in doc.splitlines() if line.startswith("## ")]
    assert headings[:5] == [
        "## Departments",
        "## Most influential",
        headings[2],
        "## Call plan",
        "## Stakeholders",
    ]
    assert headings[2].startswith("## Findings (")
    assert "**Deal health: " in doc
    assert "```mermaid" in doc
    assert "- **As of:** 2026-11-02" in doc
    assert "Next:" in doc  # findings come with their next step


def test_mermaid_encodes_stance_influence_and_departments(northwind, today):
    chart = _one("mermaid", northwind, today)
    assert chart.count("subgraph d") == len(northwind.departments())
    # One classDef per used (stance, influence, veto) combination, with the stance fill.
    assert f"classDef skeptic_high_veto fill:{STANCE_COLOUR[Stance.SKEPTIC]}" in chart
    assert "classDef champion_high fill:" in chart and "font-size:17px" in chart
    assert "-.->|dotted line to|" in chart
    assert "<-->|conflicts with 3|" in chart
    assert re.search(r"linkStyle [\d,]+ stroke:#d1242f", chart)


def test_dot_encodes_the_same(northwind, today):
    graph = _one("dot", northwind, today)
    assert graph.startswith("digraph stakemap {")
    assert graph.count("subgraph cluster_d") == len(northwind.departments())
    assert graph.count("peripheries=2") == sum(p.veto for p in northwind.people)
    assert "style=dashed" in graph
    assert 'dir=both, label="conflict"' in graph
    assert f'fillcolor="{STANCE_COLOUR[Stance.CHAMPION]}"' in graph


def test_json_bundle_rebuilds_the_identical_map(northwind, today):
    data = json.loads(_one("json", northwind, today))
    assert data["format"] == "stakemap" and data["version"] == 3
    assert map_to_json(map_from_json(data)) == map_to_json(northwind)


def _graph_attrs_match(graph: nx.MultiDiGraph, stakemap) -> None:
    assert graph.number_of_nodes() == len(stakemap)
    assert graph.number_of_edges() == len(stakemap.links)
    for person in stakemap.people:
        data = graph.nodes[person.id]
        expected = person.to_dict()
        del expected["id"]
        expected["priorities"] = "; ".join(person.priorities)
        for key, value in expected.items():
            assert data[key] == value, (person.name, key)
        assert data["label"] == person.name
    edges = {data["link_id"]: data for _, _, data in graph.edges(data=True)}
    for link in stakemap.links:
        data = edges[link.id]
        assert (data["kind"], int(data["strength"])) == (link.kind.value, link.strength)
        assert (data["created"], data["modified"]) == (link.created, link.modified)


def test_graphml_reads_back_with_every_attribute(northwind, today):
    graph = nx.read_graphml(io.BytesIO(_one("graphml", northwind, today).encode()))
    _graph_attrs_match(graph, northwind)
    assert graph.graph["account"] == "Northwind Logistics"
    assert graph.graph["initiative"] == "RevOps platform"


def test_gexf_reads_back_with_every_attribute_and_visuals(northwind, today):
    text = _one("gexf", northwind, today)
    graph = nx.read_gexf(io.BytesIO(text.encode()))
    _graph_attrs_match(graph, northwind)
    ingrid = next(p for p in northwind.people if p.name == "Ingrid Halvorsen")
    viz = graph.nodes[ingrid.id]["viz"]
    assert viz["size"] == INFLUENCE_RADIUS[Influence.HIGH]
    assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == (240, 160, 75)
    assert graph.graph["name"] == "Northwind Logistics"
    assert "RevOps platform" in text  # the <meta> description


def test_graphml_opens_in_igraph(northwind, today, tmp_path):
    """An independent reader: igraph's C GraphML parser (a test dependency)."""
    import igraph

    path = tmp_path / "map.graphml"
    path.write_text(_one("graphml", northwind, today), encoding="utf-8")
    graph = igraph.Graph.Read_GraphML(str(path))
    assert graph.vcount() == len(northwind) and graph.ecount() == len(northwind.links)
    assert graph.is_directed()
    names = {v["name"]: v for v in graph.vs}
    assert names["Ingrid Halvorsen"]["stance"] == "skeptic"
    assert names["Ingrid Halvorsen"]["veto"] is True
    assert sorted(graph.es["link_id"]) == sorted(link.id for link in northwind.links)
