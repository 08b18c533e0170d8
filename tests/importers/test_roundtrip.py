"""export -> import gives back the identical map; --into merges without losing data."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sm_testmaps import build_hostile, build_northwind, new_map

from stakemap.export import ExportOptions, write_export
from stakemap.importers import apply_plan, new_map_from_plan, plan_import
from stakemap.serialize import map_to_json
from stakemap.store import MapStore
from stakemap.vocab import LinkKind

SAMPLES = sorted((Path(__file__).parents[2] / "sample_maps").glob("*.json"))


def _roundtrip(stakemap, fmt: str, folder: Path) -> dict:
    out = folder / ("m.csv" if fmt == "csv" else "m.stakemap.json")
    write_export(stakemap, fmt, out, force=True)
    plan = plan_import(out)
    assert plan.errors == [] and plan.warnings == []
    result, _ = new_map_from_plan(plan, plan.account_name)
    return map_to_json(result)


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("build", [build_northwind, build_hostile, new_map])
def test_exports_import_back_identical(fmt, build, tmp_path):
    stakemap = build()
    assert _roundtrip(stakemap, fmt, tmp_path) == map_to_json(stakemap)


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_maps_round_trip(fmt, sample, tmp_path):
    """Exactly, history included; the CSV files carry everything but the reviews
    (snapshots of the whole map, which travel in the JSON bundle)."""
    stakemap = MapStore(sample).load()
    expected = map_to_json(stakemap)
    assert expected["interactions"] and expected["reviews"]
    got = _roundtrip(stakemap, fmt, tmp_path)
    if fmt == "csv":
        for key in ("reviews",):
            del expected[key]
            assert got.pop(key) == []
    assert got == expected


def test_sample_maps_exist():
    assert len(SAMPLES) >= 3


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
).filter(lambda s: s.strip() == s and s)
_notes = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f",
    ),
    max_size=20,
).map(str.strip)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.lists(_text, min_size=1, max_size=5),
    titles=st.lists(_text, min_size=5, max_size=5),
    notes=st.lists(_notes, min_size=5, max_size=5),
    priorities=st.lists(_text, max_size=3),
)
def test_csv_round_trip_of_generated_text(names, titles, notes, priorities, tmp_path_factory):
    """Any single-line text (formula starts, quotes, ';', non-Latin) survives the CSV trip."""
    stakemap = new_map(account=titles[0])
    ids = []
    for index, name in enumerate(names):
        person = stakemap.add_person(
            name=name, title=titles[index], notes=notes[index], priorities=priorities
        )
        ids.append(person.id)
    for a, b in itertools.pairwise(ids):
        stakemap.add_link(a, b, "influences", 1)
    folder = tmp_path_factory.mktemp("rt")
    assert _roundtrip(stakemap, "csv", folder) == map_to_json(stakemap)


def test_an_edited_csv_export_updates_the_map(tmp_path):
    """Export, change a cell and add a row in a spreadsheet, import --into."""
    stakemap = build_northwind()
    out = tmp_path / "deal.csv"
    write_export(stakemap, "csv", out)
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[1]["stance"] = "supporter"  # Ingrid came round
    rows.append({**dict.fromkeys(rows[0], ""), "name": "New Person", "department": "Legal"})
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = apply_plan(stakemap, plan_import(out))
    assert [(p.name, fields) for p, fields in report.updated] == [("Ingrid Halvorsen", ["stance"])]
    assert [p.name for p in report.added] == ["New Person"]
    assert report.unchanged == 6 and report.links_unchanged == 10


def test_importing_a_redacted_export_never_clears_private_fields(tmp_path):
    stakemap = build_northwind()
    write_export(stakemap, "csv", tmp_path / "r.csv", options=ExportOptions(redact=True))
    before = map_to_json(stakemap)
    report = apply_plan(stakemap, plan_import(tmp_path / "r.csv"))
    assert not report.changed
    assert map_to_json(stakemap)["stakeholders"] == before["stakeholders"]


def test_into_matches_by_email_then_name_and_reports_changes(tmp_path):
    stakemap = new_map()
    ann = stakemap.add_person(name="Ann Lee", email="ann@x.example", title="CFO", notes="keep")
    bob = stakemap.add_person(name="Bob Stone", title="CIO")
    path = tmp_path / "c.csv"
    path.write_text(
        "First Name,Last Name,Email,Title,Department,Reports To\n"
        "Annie,Lee,ANN@x.example,Chief Financial Officer,Finance,\n"
        "Bob,Stone,bob@x.example,,IT,Ann Lee\n"
        "Cy,Young,cy@x.example,Analyst,Finance,ann@x.example\n",
        encoding="utf-8",
    )
    report = apply_plan(stakemap, plan_import(path))
    updated = {p.name: fields for p, fields in report.updated}
    assert updated == {
        "Annie Lee": ["department", "name", "title"],  # matched by email despite the name
        "Bob Stone": ["department", "email"],  # matched by name; gained an email
    }
    assert stakemap.person(ann.id).notes == "keep"
    assert stakemap.person(bob.id).title == "CIO"  # an empty cell clears nothing
    assert [p.name for p in report.added] == ["Cy Young"]
    manager = {
        stakemap.person(link.source).name: stakemap.person(link.target).name
        for link in stakemap.links
    }
    assert manager == {"Bob Stone": "Annie Lee", "Cy Young": "Annie Lee"}


def test_into_refuses_an_ambiguous_name(tmp_path):
    stakemap = new_map()
    stakemap.add_person(name="Ann Lee", department="Finance")
    stakemap.add_person(name="Ann Lee", department="IT")
    path = tmp_path / "c.csv"
    path.write_text("Name,Title\nAnn Lee,CFO\n", encoding="utf-8")
    report = apply_plan(stakemap, plan_import(path))
    assert "'Ann Lee' matches 2 people on the map" in report.errors[0].message
    assert report.errors[0].line == 2
    assert not report.changed


def test_links_update_their_strength(tmp_path):
    stakemap = build_northwind()
    links = tmp_path / "l.csv"
    links.write_text(
        "from,to,kind,strength\nLeah Park,Ingrid Halvorsen,influences,1\n", encoding="utf-8"
    )
    contacts = tmp_path / "c.csv"
    contacts.write_text("Name\nLeah Park\n", encoding="utf-8")
    report = apply_plan(stakemap, plan_import(contacts, links=links))
    assert report.links_updated == 1
    leah = stakemap.resolve("Leah Park")
    ingrid = stakemap.resolve("Ingrid Halvorsen")
    assert stakemap.find_links(leah.id, ingrid.id, LinkKind.INFLUENCES)[0].strength == 1


def test_same_name_with_another_email_is_added_with_a_warning(tmp_path):
    stakemap = new_map()
    stakemap.add_person(name="Ann Lee", email="ann@old.example")
    path = tmp_path / "c.csv"
    path.write_text("Name,Email\nAnn Lee,ann@new.example\n", encoding="utf-8")
    report = apply_plan(stakemap, plan_import(path))
    assert [p.email for p in report.added] == ["ann@new.example"]
    assert "already on the map with another email" in report.warnings[0].message


def test_owner_and_relationship_columns_update_the_map(tmp_path):
    """A spreadsheet that assigns owners: the columns the csv export writes."""
    stakemap = build_northwind()
    out = tmp_path / "deal.csv"
    write_export(stakemap, "csv", out)
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {"owner", "relationship"} <= set(rows[0])
    rows[1].update(owner="Ann Lee", relationship="Trusted")
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = apply_plan(stakemap, plan_import(out))
    [(person, fields)] = report.updated
    assert sorted(fields) == ["owner", "relationship"]
    after = stakemap.person(person.id)
    assert (after.owner, after.relationship.value) == ("Ann Lee", "trusted")


def test_a_plain_sheet_with_an_owner_column_is_not_taken_for_stakemaps_own():
    from stakemap.importers.headers import map_columns

    columns = map_columns(["Id", "Name", "Owner", "Relationship"])
    assert columns.source == "CSV"
    assert set(columns.targets.values()) == {"external_id", "name", "owner", "relationship"}
