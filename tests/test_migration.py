"""Old schemas -> the current one on real files: the sample maps as committed before each bump.

``tests/fixtures/schema1/`` holds the three sample maps exactly as they were at
schema 1 (a rep's map file from before the map kept its past), and
``schema2/`` as they were before the map knew its selling team, ``schema3/``
before a person's priority could be marked as the initiative. Opening one
must read it unchanged in memory and leave the file alone; the first save
keeps the original bytes as ``.bak`` and writes the current schema with the
new, empty tables and default fields; the CLI reads the old file as it is.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from stakemap.cli import main
from stakemap.model import StakeMap
from stakemap.serialize import map_to_json
from stakemap.store import SCHEMA_VERSION, MapStore

FIXTURES = Path(__file__).resolve().parent / "fixtures"
V1_MAPS = sorted((FIXTURES / "schema1").glob("*.json"))
V2_MAPS = sorted((FIXTURES / "schema2").glob("*.json"))
V3_MAPS = sorted((FIXTURES / "schema3").glob("*.json"))
#: the tables each old schema lacks, and the fields (with their defaults) its records gain.
NEW_TABLES = {1: ("interactions", "reviews", "conflicts"), 2: ("conflicts",), 3: ()}
NEW_PERSON_FIELDS = {"owner": "", "relationship": "none", "initiative_priority": ""}
NEW_ACCOUNT_FIELDS = {"team": []}


def _records(table: dict[str, Any]) -> list[dict[str, Any]]:
    """A TinyDB table's documents in file order (doc ids are 1, 2, ...)."""
    return [table[key] for key in sorted(table, key=int)]


@pytest.fixture(params=V1_MAPS + V2_MAPS + V3_MAPS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def v1_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """An old map (schema 1, 2 or 3) copied where a test may write."""
    copy = tmp_path / request.param.name
    shutil.copyfile(request.param, copy)
    return copy


def _version(path: Path) -> int:
    version: int = json.loads(path.read_bytes())["meta"]["1"]["schema_version"]
    return version


def _people(tables: dict[str, Any]) -> list[dict[str, Any]]:
    """The file's people as the current schema reads them (new fields at their defaults)."""
    return [NEW_PERSON_FIELDS | p for p in _records(tables["stakeholders"])]


def test_the_fixtures_are_the_sample_maps_at_each_old_schema() -> None:
    names = ["aldermoor_precision", "northwind", "riverbend_health"]
    assert [p.stem for p in V1_MAPS] == [p.stem for p in V2_MAPS] == names
    assert [p.stem for p in V3_MAPS] == names
    for version, paths in ((1, V1_MAPS), (2, V2_MAPS), (3, V3_MAPS)):
        for path in paths:
            tables = json.loads(path.read_bytes())
            assert tables["meta"]["1"]["schema_version"] == version
            assert not set(NEW_TABLES[version]) & set(tables), path.name
            people = _records(tables["stakeholders"])
            assert not any("initiative_priority" in p for p in people), path.name
    assert SCHEMA_VERSION == 4


def test_a_v1_map_loads_with_the_same_people_links_and_account(v1_file: Path) -> None:
    original = v1_file.read_bytes()
    tables = json.loads(original)
    store = MapStore(v1_file)
    stakemap = store.load()
    assert store.loaded_version == _version(v1_file)
    data = map_to_json(stakemap)
    assert data["stakeholders"] == _people(tables)
    assert data["links"] == _records(tables["links"])
    meta = tables["meta"]["1"]
    account = {key: meta[key] for key in ("account", "initiative", "owner", "created", "modified")}
    assert {key: data["account"][key] for key in account} == account
    retired = {r["id"]: r["retired"] for r in _records(tables["retired"])}
    assert {r["id"]: r["retired"] for r in data["retired"]} == retired
    if store.loaded_version == 1:
        assert stakemap.interactions == [] and stakemap.reviews == []
    else:
        assert len(stakemap.interactions) == len(tables["interactions"]) > 0
    assert stakemap.conflicts == []
    assert list(stakemap.account.team) == meta.get("team", [])
    assert v1_file.read_bytes() == original  # reading never writes
    assert not v1_file.with_name(v1_file.name + ".bak").exists()


def test_the_first_save_keeps_a_backup_and_writes_the_current_schema(v1_file: Path) -> None:
    original = v1_file.read_bytes()
    old_version = _version(v1_file)
    store = MapStore(v1_file)
    stakemap = store.load()
    before = map_to_json(stakemap)
    store.save(stakemap)
    backup = v1_file.with_name(v1_file.name + ".bak")
    assert backup.read_bytes() == original
    written = json.loads(v1_file.read_bytes())
    assert written["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    for table in NEW_TABLES[old_version]:
        assert written[table] == {}, table
    assert written["meta"]["1"]["team"] == json.loads(original)["meta"]["1"].get("team", [])
    assert _records(written["stakeholders"]) == _people(json.loads(original))
    assert _records(written["links"]) == _records(json.loads(original)["links"])
    again = MapStore(v1_file)
    assert map_to_json(again.load()) == before
    assert again.loaded_version == SCHEMA_VERSION
    # A second save has nothing left to back up.
    again.save(again.load())
    assert sorted(p.name for p in v1_file.parent.iterdir() if ".bak" in p.name) == [backup.name]


def test_a_migrated_map_takes_new_history(v1_file: Path) -> None:
    """The point of the bump: an old map can be given interactions and saved."""
    store = MapStore(v1_file)
    stakemap: StakeMap = store.load()
    person = stakemap.people[0]
    touch = stakemap.add_interaction(
        person=person.id, date="2026-11-20", kind="call", summary="Quick check-in"
    )
    store.save(stakemap)
    reloaded = MapStore(v1_file).load()
    assert reloaded.interactions[-1] == touch
    assert reloaded.interactions[:-1] == stakemap.interactions[:-1]


def test_show_reads_a_v1_map_without_touching_it(
    v1_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = v1_file.read_bytes()
    expected = map_to_json(MapStore(v1_file).load(), review_entries=False)
    assert main(["show", str(v1_file)]) == 0
    summary = capsys.readouterr().out
    assert expected["account"]["account"] in summary
    assert main(["show", str(v1_file), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected
    assert v1_file.read_bytes() == original
    assert not v1_file.with_name(v1_file.name + ".bak").exists()


@pytest.mark.parametrize("path", V3_MAPS, ids=lambda p: p.stem)
def test_a_v3_map_takes_an_initiative_mark_that_survives_a_reload(
    path: Path, tmp_path: Path
) -> None:
    """The point of the 3 -> 4 bump: a person's priority can be marked as the initiative."""
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    store = MapStore(copy)
    stakemap = store.load()
    person = next(p for p in stakemap.people if p.priorities)
    marked = person.priorities[-1]
    stakemap.update_person(person.id, {"initiative_priority": marked})
    store.save(stakemap)
    written = json.loads(copy.read_bytes())
    assert written["meta"]["1"]["schema_version"] == 4
    reloaded = {p.id: p for p in MapStore(copy).load().people}
    assert reloaded[person.id].initiative_priority == marked
    assert {p.initiative_priority for i, p in reloaded.items() if i != person.id} == {""}
