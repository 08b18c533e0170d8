"""The picker's header read and the save that re-encodes only what changed.

Both read or write the file's layout (``store.encode``: the meta record first,
one record per line), so both are checked against the full parse and the full
encode they stand in for.
"""

from __future__ import annotations

import copy
import json

from stakemap.store import MapStore, encode, map_to_tables, number_tables, read_header


def _deal(make_map):
    m = make_map()
    ann = m.add_person(name="Ann Lee", department="Finance")
    bo = m.add_person(name="Bo Chen", title="CFO", department="Finance")
    m.add_person(name="Cy Diaz")
    m.add_link(ann.id, bo.id, "reports_to")
    return m


def test_the_header_gives_account_initiative_and_people_count(tmp_path, make_map):
    path = tmp_path / "deal.json"
    MapStore(path).create(_deal(make_map))
    header = read_header(path)
    assert header is not None
    assert (header.account, header.initiative, header.people) == (
        "Northwind Logistics",
        "RevOps platform",
        3,
    )
    empty = tmp_path / "empty.json"
    MapStore(empty).create(make_map("Empty Co"))
    assert read_header(empty) == type(header)("Empty Co", "RevOps platform", 0)


def test_the_header_is_read_even_when_the_body_is_broken(tmp_path, make_map):
    path = tmp_path / "deal.json"
    MapStore(path).create(_deal(make_map))
    raw = path.read_bytes()
    links = raw.index(b'\n "links"')
    path.write_bytes(raw[:links] + b"\n this is not JSON at all")
    header = read_header(path)
    assert header is not None and header.people == 3


def test_a_file_in_another_layout_has_no_header(tmp_path, make_map):
    path = tmp_path / "deal.json"
    MapStore(path).create(_deal(make_map))
    path.write_text(json.dumps(json.loads(path.read_text()), indent=4))
    assert read_header(path) is None
    assert len(MapStore(path).load()) == 3  # still a map


def _full_encode(store: MapStore, stakemap) -> bytes:
    """What a save wrote before the per-record cache: every record encoded."""
    tables = number_tables(map_to_tables(stakemap), copy.deepcopy(store.doc_ids))
    return encode({**tables, **store.unknown_tables})


def test_a_save_writes_what_a_full_encode_writes_after_any_edit(tmp_path, make_map):
    path = tmp_path / "deal.json"
    MapStore(path).create(_deal(make_map))
    raw = json.loads(path.read_text())
    raw["plugin_notes"] = {"1": {"note": "kept verbatim"}}
    path.write_text(json.dumps(raw))  # another layout: nothing learned from its lines
    for round_ in range(2):  # then the layout ``encode`` writes, learned on load
        store = MapStore(path)
        m = store.load()
        ann, bo, cy = m.people[:3]
        m.update_person(bo.id, {"stance": "opponent"})
        m.remove_person(cy.id)
        di = m.add_person(name=f"Di Evans {round_}", department="IT")
        m.add_link(di.id, ann.id, "influences", 3)
        expected = _full_encode(store, m)
        store.save(m)
        assert path.read_bytes() == expected
        assert MapStore(path).load().person(bo.id).stance == "opponent"
        path.write_bytes(expected)
