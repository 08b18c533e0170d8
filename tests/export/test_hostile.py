"""Hostile text stays text, in every format.

The hostile map's names, titles, departments, account and notes try to open a
script, a formula, a Mermaid node, a DOT statement, a Markdown fence or an
entity. Each format is parsed back with a real parser for its syntax, and
the test checks both sides: nothing executable or structural was injected,
and the text itself survived (so escaping did not just delete it).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import networkx as nx
import pytest
from markdown_it import MarkdownIt
from sm_testmaps import HOSTILE_STORED

from stakemap.export import ExportOptions, export_map
from stakemap.export.escape import CSV_TRIGGERS, csv_uncell

DANGEROUS_TAGS = {"script", "img", "iframe", "object", "embed", "link", "base", "form", "b"}


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def _parse_html(text: str) -> TagCollector:
    parser = TagCollector()
    parser.feed(text)
    parser.close()
    return parser


def _render(fmt: str, stakemap, today) -> list:
    return export_map(stakemap, fmt, options=ExportOptions(today=today))


def _assert_no_injection(parser: TagCollector, *, styles: int) -> None:
    assert not DANGEROUS_TAGS & set(parser.tags), DANGEROUS_TAGS & set(parser.tags)
    assert parser.tags.count("style") == styles
    for name, _value in parser.attrs:
        assert not name.startswith("on"), name
        assert name not in ("href", "src", "xlink:href", "srcset", "action"), name


def test_html_has_no_injected_element_and_shows_the_names(hostile, today):
    (page,) = _render("html", hostile, today)
    parser = _parse_html(page.data)
    _assert_no_injection(parser, styles=1)  # the page's own stylesheet only
    text = "".join(parser.text)
    for name in HOSTILE_STORED:
        assert name in text, name
    assert '<img src=x onerror=alert(1)> & "Co"' in text  # the account, as text
    assert "<style>*{display:none}</style>" in text  # the owner, as text
    assert "Content-Security-Policy" in page.data and "default-src 'none'" in page.data


def test_markdown_rendered_by_commonmark_has_no_injected_element(hostile, today):
    (doc,) = _render("markdown", hostile, today)
    html = MarkdownIt("commonmark").enable("table").render(doc.data)
    parser = _parse_html(html)
    _assert_no_injection(parser, styles=0)
    text = "".join(parser.text)
    for name in HOSTILE_STORED:
        assert name in text, name
    # The only fences are the Mermaid block's own: no name closed or opened one.
    fences = [line for line in doc.data.splitlines() if line.startswith("```")]
    assert fences == ["```mermaid", "```"]
    assert html.count('<code class="language-mermaid">') == 1


def test_svg_is_valid_xml_without_scripts_or_links(hostile, today):
    (drawing,) = _render("svg", hostile, today)
    root = ET.fromstring(drawing.data.encode("utf-8"))
    texts = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag not in ("script", "foreignObject", "a", "image", "use"), tag
        for attr in element.attrib:
            local = attr.rsplit("}", 1)[-1]
            assert not local.startswith("on") and local != "href", attr
        texts.append(element.text or "")
    joined = "\n".join(texts)
    for name in HOSTILE_STORED:
        assert name in joined, name  # full names live in <title> tooltips


_ENTITY = re.compile(r"#(\d+);")
#: A label: anything but quote, brackets, angle brackets, backtick, braces, pipe,
#: semicolon and hash, except inside Mermaid entity codes (``#34;``).
_LABEL = r"(?:[^\"\[\]<>`;{}|#]|\#\d+;)*"
_MERMAID_LINE = re.compile(
    rf"""^(flowchart\ TB
    |\ \ subgraph\ d\d+\["{_LABEL}"\]
    |\ {{4}}direction\ TB
    |\ \ end
    |\ {{2,4}}n\d+(\(\(\(|\()"{_LABEL}(<br/><small>{_LABEL}</small>)?"(\)\)\)|\))
    |\ \ n\d+\ (-->|-\.->|<-->)\|[a-z\ ]+\d?\|\ n\d+
    |\ \ linkStyle\ [\d,]+\ stroke:\#[0-9a-f]{{6}},stroke-width:[\d.]+px
    |\ \ classDef\ [a-z_]+\ fill:\#[0-9a-f]{{6}},color:\#[0-9a-f]{{6}},stroke:\#24292f,
        stroke-width:\dpx,font-size:\d+px
    |\ \ class\ [n\d,]+\ [a-z_]+)$""",
    re.VERBOSE,
)


def test_mermaid_statements_are_all_generated_and_labels_decode_to_the_names(hostile, today):
    (chart,) = _render("mermaid", hostile, today)
    for line in chart.data.splitlines():
        assert _MERMAID_LINE.match(line), f"unexpected Mermaid line: {line!r}"
    labels = re.findall(r'"([^"]*)"', chart.data)
    decoded = [_ENTITY.sub(lambda m: chr(int(m.group(1))), label) for label in labels]
    joined = "\n".join(decoded)
    for name in HOSTILE_STORED:
        assert name in joined, name


_DOT_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?|->|[{}\[\];,=]|\s+'
)


def _dot_unquote(token: str) -> str:
    """A DOT string as Graphviz shows it: escapes undone, then HTML entities decoded
    (Graphviz decodes ``&lt;`` in every label, not only in HTML-like ones)."""
    text = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), token[1:-1])
    return html.unescape(text)


def _dot_tokens(text: str) -> tuple[list[str], set[str]]:
    """(decoded quoted strings, distinct words outside quotes); fails on stray text."""
    position, strings, words = 0, [], set()
    while position < len(text):
        match = _DOT_TOKEN.match(text, position)
        assert match, f"stray text in DOT at {text[position : position + 40]!r}"
        token = match.group(0)
        if token.startswith('"'):
            strings.append(_dot_unquote(token))
        elif token.strip():
            words.add(re.sub(r"\d+", "#", token))
        position = match.end()
    return strings, words


def test_dot_tokenises_cleanly_and_labels_decode_to_the_names(hostile, northwind, today):
    (graph,) = _render("dot", hostile, today)
    strings, words = _dot_tokens(graph.data)
    # Outside quotes, the hostile map uses no word a benign map does not: all
    # user text is inside quoted strings.
    _, benign = _dot_tokens(_render("dot", northwind, today)[0].data)
    assert words <= benign, words - benign
    assert graph.data.count("{") - sum(s.count("{") for s in strings) == graph.data.count(
        "}"
    ) - sum(s.count("}") for s in strings)
    joined = "\n".join(strings)
    for name in HOSTILE_STORED:
        assert name in joined, name
    assert r"\\N back\\slash" in graph.data  # backslashes doubled: no \N expansion


def test_csv_cells_are_neutralised_and_decode_exactly(hostile, today):
    files = _render("csv", hostile, today)
    decoded = []
    for file in files:
        for row in csv.reader(io.StringIO(file.data, newline="")):
            for cell in row:
                assert not cell.startswith(CSV_TRIGGERS[:-1]), f"live formula cell {cell!r}"
                decoded.append(csv_uncell(cell))
    for name in HOSTILE_STORED:
        assert name in decoded, name
    assert "=1+2" in decoded  # drivers, a formula once neutralised
    assert "'=1+2" in "".join(files[0].data.split(","))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_xml_formats_parse_and_keep_the_names(fmt, hostile, today):
    (doc,) = _render(fmt, hostile, today)
    ET.fromstring(doc.data.encode("utf-8"))
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    graph = reader(io.BytesIO(doc.data.encode("utf-8")))
    names = {data["name"] for _, data in graph.nodes(data=True)}
    assert names == set(HOSTILE_STORED)
    key = "account" if fmt == "graphml" else "name"
    assert graph.graph[key] == '<img src=x onerror=alert(1)> & "Co"'


def test_json_keeps_every_string_exactly(hostile, today):
    (bundle,) = _render("json", hostile, today)
    data = json.loads(bundle.data)
    assert [p["name"] for p in data["stakeholders"]] == list(HOSTILE_STORED)


def test_xml_illegal_characters_are_stripped(today):
    """Records refuse lone surrogates on input (files, bundles, the CLI), so one
    can only reach an exporter through a bug; even then it must not make any
    XML export unreadable or crash a text export."""
    from dataclasses import replace

    from sm_testmaps import new_map

    from stakemap.errors import ValidationError
    from stakemap.model import StakeMap
    from stakemap.serialize import map_from_json, map_to_json

    m = new_map()
    m.add_person(name="Ann Lee", notes="fine")
    data = map_to_json(m)
    data["stakeholders"][0]["name"] = "Ann \ud800Lee"
    with pytest.raises(ValidationError, match="name: is not valid text"):
        map_from_json(data)
    person = replace(m.people[0], name="Ann \ud800Lee")  # past validation, as a bug would
    broken = StakeMap.from_records(m.account, [person], [])
    for fmt in ("svg", "graphml", "gexf", "html"):
        (doc,) = export_map(broken, fmt, options=ExportOptions(today=today))
        raw = doc.encoded()
        if fmt != "html":
            ET.fromstring(raw)
        assert "Ann Lee" in raw.decode("utf-8")
    for fmt in ("markdown", "mermaid", "dot", "csv", "json"):
        for file in export_map(broken, fmt, options=ExportOptions(today=today)):
            file.encoded().decode("utf-8")  # encodable, whatever it holds


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("fmt", ["html", "svg", "csv", "markdown", "dot", "mermaid"])
def test_bidi_overrides_never_reach_a_document(fmt, today):
    """ "Ann\u202eeeL" reads as another name; every document drops the controls."""
    from stakemap.model import StakeMap

    stakemap = StakeMap.new("Acme\u202eemcA", initiative="Rev\u2066Ops\u2069")
    ann = stakemap.add_person(
        name="Ann\u202eeeL", title="C\u202dFO", department="Fi\u2067nance\u2069"
    )
    bob = stakemap.add_person(name="Bob \u202bKay\u202c", department="Fi\u2067nance\u2069")
    stakemap.add_link(ann.id, bob.id, "influences", 2)
    files = _render(fmt, stakemap, today)
    text = "".join(file.data for file in files)
    assert "AnneeL" in text
    assert not set(BIDI) & set(text), [hex(ord(c)) for c in set(BIDI) & set(text)]


C1 = "".join(map(chr, range(0x80, 0xA0)))


@pytest.mark.parametrize("fmt", ["html", "svg", "markdown", "dot", "mermaid"])
def test_c1_terminal_controls_never_reach_a_document(fmt, today):
    """A name may hold U+009B (a one-byte CSI: the map accepts it, the terminal
    output escapes it); ``cat`` on an exported document must not replay it.
    CSV keeps it: its import round trip is exact (test_roundtrip)."""
    from stakemap.model import StakeMap

    stakemap = StakeMap.new("Acme\x9b2J", initiative="Rev\x9dOps")
    ann = stakemap.add_person(name="Ann\x9b31m Lee", title="C\x85FO", department="Fi\x9bnance")
    bob = stakemap.add_person(name="Bob Kay", department="Fi\x9bnance", notes="n\x9bo")
    stakemap.add_link(ann.id, bob.id, "influences", 2)
    text = "".join(file.data for file in _render(fmt, stakemap, today))
    assert "Ann31m Lee" in text
    assert not set(C1) & set(text), [hex(ord(c)) for c in set(C1) & set(text)]


def test_json_export_escapes_what_a_terminal_acts_on_and_decodes_exactly(today):
    """``cat bundle.json`` must not replay a CSI or reverse text, yet the data is exact."""
    from stakemap.model import StakeMap

    stakemap = StakeMap.new("Acme\u202eemcA")
    stakemap.add_person(name="Ann\x9b2J Lee", notes="n\x85\u2066o")
    (bundle,) = _render("json", stakemap, today)
    assert not (set(C1) | set(BIDI) | {"\x7f"}) & set(bundle.data)
    data = json.loads(bundle.data)
    assert data["account"]["account"] == "Acme\u202eemcA"
    assert [(p["name"], p["notes"]) for p in data["stakeholders"]] == [
        ("Ann\x9b2J Lee", "n\x85\u2066o")
    ]
