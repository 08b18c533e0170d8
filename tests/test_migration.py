"""Schema 1 -> 2 on real files: the sample maps as they were committed before the bump.

``tests/fixtures/schema1/`` holds the three sample maps exactly as they were at
schema 1 (a rep's map file from before the map kept its past). Opening one
must read it unchanged in memory and leave the file alone; the first save
keeps the original bytes as ``.bak`` and writes schema 2 with the new, empty
tables; the CLI reads the old file as it is.
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

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schema1"
V1_MAPS = sorted(FIXTURES.glob("*.json"))
NEW_TABLES = ("interactions", "reviews")


def _records(table: dict[str, Any]) -> list[dict[str, Any]]:
    """A TinyDB table's documents in file order (doc ids are 1, 2, ...)."""
    return [table[key] for key in sorted(table, key=int)]


@pytest.fixture(params=V1_MAPS, ids=lambda p: p.stem)
def v1_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    copy = tmp_path / request.param.name
    shutil.copyfile(request.param, copy)
    return copy


def test_the_fixtures_are_three_schema_1_maps() -> None:
    assert [p.stem for p in V1_MAPS] == ["aldermoor_precision", "northwind", "riverbend_health"]
    for path in V1_MAPS:
        tables = json.loads(path.read_bytes())
        assert tables["meta"]["1"]["schema_version"] == 1
        assert not set(NEW_TABLES) & set(tables), path.name
    assert SCHEMA_VERSION == 2


def test_a_v1_map_loads_with_the_same_people_links_and_account(v1_file: Path) -> None:
    original = v1_file.read_bytes()
    tables = json.loads(original)
    store = MapStore(v1_file)
    stakemap = store.load()
    assert store.loaded_version == 1
    data = map_to_json(stakemap)
    assert data["stakeholders"] == _records(tables["stakeholders"])
    assert data["links"] == _records(tables["links"])
    meta = tables["meta"]["1"]
    account = {key: meta[key] for key in ("account", "initiative", "owner", "created", "modified")}
    assert {key: data["account"][key] for key in account} == account
    retired = {r["id"]: r["retired"] for r in _records(tables["retired"])}
    assert {r["id"]: r["retired"] for r in data["retired"]} == retired
    assert stakemap.interactions == [] and stakemap.reviews == []
    assert v1_file.read_bytes() == original  # reading never writes
    assert not v1_file.with_name(v1_file.name + ".bak").exists()


def test_the_first_save_keeps_a_backup_and_writes_schema_2(v1_file: Path) -> None:
    original = v1_file.read_bytes()
    store = MapStore(v1_file)
    stakemap = store.load()
    before = map_to_json(stakemap)
    store.save(stakemap)
    backup = v1_file.with_name(v1_file.name + ".bak")
    assert backup.read_bytes() == original
    written = json.loads(v1_file.read_bytes())
    assert written["meta"]["1"]["schema_version"] == 2
    for table in NEW_TABLES:
        assert written[table] == {}, table
    assert _records(written["stakeholders"]) == _records(json.loads(original)["stakeholders"])
    assert _records(written["links"]) == _records(json.loads(original)["links"])
    again = MapStore(v1_file)
    assert map_to_json(again.load()) == before
    assert again.loaded_version == 2
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
    assert reloaded.interactions == [touch]


def test_show_reads_a_v1_map_without_touching_it(
    v1_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = v1_file.read_bytes()
    expected = map_to_json(MapStore(v1_file).load())
    assert main(["show", str(v1_file)]) == 0
    summary = capsys.readouterr().out
    assert expected["account"]["account"] in summary
    assert main(["show", str(v1_file), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected
    assert v1_file.read_bytes() == original
    assert not v1_file.with_name(v1_file.name + ".bak").exists()
