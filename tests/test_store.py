"""Map files: exact round trips, atomic saves, locking, conflicts and every bad-file kind."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from stakemap import store as store_module
from stakemap.errors import MapConflictError, MapFileError
from stakemap.model import StakeMap
from stakemap.records import Stakeholder
from stakemap.serialize import map_to_json
from stakemap.store import AtomicJSONStorage, MapStore
from stakemap.vocab import Coverage, Fear, Influence, LinkKind, Mode, Role, Stance

# --- generated maps ---------------------------------------------------------------

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=30
).map(str.strip)
_line = _text.filter(lambda s: "\u2028" not in s and "\u2029" not in s and "\x85" not in s)
_free = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"),
    max_size=60,
).map(str.strip)
_stamp = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")
)

people_fields = st.fixed_dictionaries(
    {
        "name": _line.filter(bool),
        "title": _line,
        "department": _line,
        "email": st.one_of(st.just(""), st.emails()),
        "role": st.sampled_from(Role),
        "stance": st.sampled_from(Stance),
        "influence": st.sampled_from(Influence),
        "veto": st.booleans(),
        "coverage": st.sampled_from(Coverage),
        "mode": st.sampled_from(Mode),
        "fear_of_failure": st.sampled_from(Fear),
        "priorities": st.lists(_line.filter(bool), max_size=5),
        "drivers": _free,
        "constraints": _free,
        "fears": _free,
        "notes": _free,
        "last_contact": st.one_of(st.just(""), st.dates().map(lambda d: d.isoformat())),
    }
)


@st.composite
def stakemaps(draw: st.DrawFn) -> StakeMap:
    stamps = iter(draw(st.lists(_stamp, min_size=200, max_size=200)))
    m = StakeMap.new(
        draw(_line.filter(bool)),
        initiative=draw(_line),
        owner=draw(_line),
        clock=lambda: next(stamps, "2026-01-01T00:00:00Z"),
    )
    ids = [m.add_person(fields).id for fields in draw(st.lists(people_fields, max_size=8))]
    if len(ids) >= 2:
        for _ in range(draw(st.integers(0, 10))):
            a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
            kind = draw(st.sampled_from(LinkKind))
            if a != b and not m.find_links(a, b, kind) and kind is not LinkKind.REPORTS_TO:
                m.add_link(a, b, kind, draw(st.integers(1, 3)))
        if draw(st.booleans()):
            m.remove_person(ids[0])
    return m


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(original=stakemaps())
def test_save_and_reopen_round_trips_every_field(tmp_path_factory, original):
    path = tmp_path_factory.mktemp("rt") / "map.json"
    MapStore(path).create(original)
    reopened = MapStore(path).load()
    assert map_to_json(reopened) == map_to_json(original)
    assert reopened.people == original.people
    assert reopened.links == original.links
    assert reopened.account == original.account
    assert reopened.retired == original.retired


# --- ordinary saving --------------------------------------------------------------------


@pytest.fixture
def saved(tmp_path, make_map) -> tuple[Path, StakeMap]:
    m = make_map()
    ann = m.add_person(name="Ann Lee", stance="champion", priorities=["RevOps platform"])
    bob = m.add_person(name="Bob Stone")
    m.add_link(ann.id, bob.id, "influences", 3)
    path = tmp_path / "northwind.json"
    MapStore(path).create(m)
    return path, m


def test_new_files_are_private_to_the_user(saved):
    path, _ = saved
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_saving_keeps_a_mode_the_user_chose(saved):
    path, _ = saved
    path.chmod(0o640)
    store = MapStore(path)
    m = store.load()
    m.add_person(name="Cat")
    store.save(m)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_the_file_is_a_plain_tinydb_database(saved):
    path, _ = saved
    db = TinyDB(path, access_mode="r")
    try:
        names = {doc["name"] for doc in db.table("stakeholders").all()}
        assert names == {"Ann Lee", "Bob Stone"}
        assert db.table("meta").all()[0]["app"] == "stakemap"
    finally:
        db.close()


def test_create_refuses_an_existing_file(saved, make_map):
    path, _ = saved
    before = path.read_bytes()
    with pytest.raises(MapFileError, match="already exists"):
        MapStore(path).create(make_map("Other"))
    assert path.read_bytes() == before


def test_a_save_is_one_write_however_many_records(tmp_path, make_map, monkeypatch):
    writes = []
    real_write = AtomicJSONStorage.write
    monkeypatch.setattr(
        AtomicJSONStorage, "write", lambda self, data: (writes.append(1), real_write(self, data))
    )
    m = make_map()
    for i in range(2000):
        m.add_person(name=f"Person {i}")
    MapStore(tmp_path / "big.json").create(m)
    assert len(writes) == 1
    assert len(MapStore(tmp_path / "big.json").load()) == 2000


def test_edit_writes_only_when_something_changed(saved):
    path, _ = saved
    before = path.stat().st_mtime_ns, path.stat().st_ino
    with MapStore(path).edit() as m:
        m.resolve("Ann Lee")
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == before


def test_edit_writes_nothing_when_the_body_fails(saved):
    path, _ = saved
    before = path.read_bytes()
    with pytest.raises(ValueError), MapStore(path).edit() as m:
        m.add_person(name="Cat")
        raise ValueError("boom")
    assert path.read_bytes() == before


def test_leftover_temp_files_are_cleaned_on_the_next_save(saved):
    path, _ = saved
    leftover = path.with_name(f".{path.name}.abc123.tmp")
    leftover.write_text("half a map")
    unrelated = path.with_name("notes.tmp")
    unrelated.write_text("mine")
    store = MapStore(path)
    m = store.load()
    m.add_person(name="Cat")
    store.save(m)
    assert not leftover.exists()
    assert unrelated.exists()


def test_saving_through_a_symlink_keeps_the_link(saved):
    path, _ = saved
    link = path.with_name("current.json")
    link.symlink_to(path)
    store = MapStore(link)
    m = store.load()
    m.add_person(name="Cat")
    store.save(m)
    assert link.is_symlink()
    assert len(MapStore(path).load()) == 3


# --- conflicts ------------------------------------------------------------------------


def test_a_change_on_disk_since_reading_is_never_overwritten_silently(saved):
    path, _ = saved
    mine, theirs = MapStore(path), MapStore(path)
    my_map, their_map = mine.load(), theirs.load()
    their_map.add_person(name="Their Person")
    theirs.save(their_map)
    my_map.add_person(name="My Person")
    assert mine.changed_on_disk()
    with pytest.raises(MapConflictError, match="changed on disk since it was opened"):
        mine.save(my_map)
    assert {p.name for p in MapStore(path).load().people} >= {"Their Person"}
    mine.save(my_map, force=True)  # "keep mine"
    assert "My Person" in {p.name for p in MapStore(path).load().people}


def test_touching_the_file_without_changing_it_is_not_a_conflict(saved):
    path, _ = saved
    store = MapStore(path)
    m = store.load()
    os.utime(path, ns=(1, 1))
    assert not store.changed_on_disk()
    m.add_person(name="Cat")
    store.save(m)


def test_own_saves_do_not_look_like_conflicts(saved):
    path, _ = saved
    store = MapStore(path)
    m = store.load()
    for name in ("Cat", "Dan", "Eve"):
        m.add_person(name=name)
        store.save(m)
    assert len(MapStore(path).load()) == 5


# --- bad files -------------------------------------------------------------------------


def _tinydb_bytes(tables: dict) -> bytes:
    return json.dumps(tables).encode()


BAD_FILES = {
    "empty": (b"", "the file is empty"),
    "whitespace": (b"  \n", "the file is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "binary or non-UTF-8 data at byte"),
    "not json": (b"name,title\nAnn,CFO\n", "invalid JSON at line 1, column 1"),
    "json list": (b"[1, 2, 3]", "not a TinyDB database"),
    "other tinydb": (_tinydb_bytes({"_default": {"1": {"x": 1}}}), "no stakemap 'meta' record"),
    "other json object": (b'{"name": "Ann"}', "not a TinyDB database"),
    "newer schema": (
        _tinydb_bytes({"meta": {"1": {"app": "stakemap", "schema_version": 99, "account": "A"}}}),
        "written by a newer stakemap (schema 99",
    ),
    "bad version": (
        _tinydb_bytes({"meta": {"1": {"app": "stakemap", "schema_version": "one"}}}),
        "schema_version 'one' is not a version number",
    ),
    "bad record": (
        _tinydb_bytes(
            {
                "meta": {"1": {"app": "stakemap", "schema_version": 1, "account": "A"}},
                "stakeholders": {"1": {"id": "p1", "name": "Ann", "role": "boss"}},
            }
        ),
        "stakeholder 1 ('Ann'): role: 'boss' is not allowed",
    ),
    "bad link strength": (
        _tinydb_bytes(
            {
                "meta": {"1": {"app": "stakemap", "schema_version": 1, "account": "A"}},
                "stakeholders": {"1": {"id": "p1", "name": "Ann"}, "2": {"id": "p2", "name": "Bo"}},
                "links": {
                    "1": {
                        "id": "l1",
                        "source": "p1",
                        "target": "p2",
                        "kind": "influences",
                        "strength": 7,
                        "created": "2026-01-01T00:00:00Z",
                        "modified": "2026-01-01T00:00:00Z",
                    }
                },
            }
        ),
        "link 1: strength: 7 is not allowed; use one of: 1, 2, 3",
    ),
    "two managers": (
        _tinydb_bytes(
            {
                "meta": {"1": {"app": "stakemap", "schema_version": 1, "account": "A"}},
                "stakeholders": {
                    "1": {"id": "p1", "name": "Ann"},
                    "2": {"id": "p2", "name": "Bo"},
                    "3": {"id": "p3", "name": "Cy"},
                },
                "links": {
                    "1": {"id": "l1", "source": "p1", "target": "p2", "kind": "reports_to"},
                    "2": {"id": "l2", "source": "p1", "target": "p3", "kind": "reports_to"},
                },
            }
        ),
        "Ann already reports to Bo",
    ),
    "dangling link": (
        _tinydb_bytes(
            {
                "meta": {"1": {"app": "stakemap", "schema_version": 1, "account": "A"}},
                "stakeholders": {"1": {"id": "p1", "name": "Ann"}},
                "links": {"1": {"id": "l1", "source": "p1", "target": "p9", "kind": "influences"}},
            }
        ),
        "no stakeholder has the id 'p9'",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_files_give_one_clear_error_and_are_not_touched(tmp_path, kind):
    content, expected = BAD_FILES[kind]
    path = tmp_path / "map.json"
    path.write_bytes(content)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(MapFileError) as caught:
        MapStore(path).load()
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_truncated_map_says_it_is_truncated(saved):
    path, _ = saved
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    with pytest.raises(MapFileError, match="the JSON ends early \\(the file is truncated\\)"):
        MapStore(path).load()


def test_a_map_in_a_missing_folder_is_refused_without_creating_folders(tmp_path, make_map):
    target = tmp_path / "typo" / "deeper" / "map.json"
    with pytest.raises(MapFileError, match=r"the folder .*typo/deeper does not exist"):
        MapStore(target).create(make_map())
    assert not (tmp_path / "typo").exists()


def test_a_missing_file_and_a_folder_are_named(tmp_path):
    with pytest.raises(MapFileError, match=r"nope\.json: no such file"):
        MapStore(tmp_path / "nope.json").load()
    with pytest.raises(MapFileError, match="is a folder"):
        MapStore(tmp_path).load()


# --- migration --------------------------------------------------------------------------


def test_an_older_schema_is_migrated_in_memory_and_backed_up_on_first_save(saved, monkeypatch):
    path, _ = saved
    original = path.read_bytes()

    def v1_to_v2(tables):
        for record in tables["stakeholders"]:
            record["title"] = record["title"] or "(migrated)"
        return tables

    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(store_module.MIGRATIONS, 1, v1_to_v2)
    store = MapStore(path)
    m = store.load()
    assert store.loaded_version == 1
    assert {p.title for p in m.people} == {"(migrated)"}
    assert path.read_bytes() == original  # reading never writes
    m.add_person(name="Cat")
    store.save(m)
    backup = path.with_name(path.name + ".bak")
    assert backup.read_bytes() == original
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert json.loads(path.read_bytes())["meta"]["1"]["schema_version"] == 2
    m.add_person(name="Dan")
    store.save(m)
    assert backup.read_bytes() == original  # only the first save backs up
    assert not path.with_name(path.name + ".bak.2").exists()


def test_the_file_has_one_record_per_line_for_readable_diffs(saved):
    path, m = saved
    lines = path.read_text(encoding="utf-8").splitlines()
    for person in m.people:
        assert sum(person.id in line and person.name in line for line in lines) == 1


def test_stakeholder_record_from_file_equals_model_record(saved):
    path, m = saved
    raw = json.loads(path.read_bytes())
    first = next(iter(raw["stakeholders"].values()))
    assert Stakeholder.from_dict(first) == m.people[0]


def test_a_failed_write_leaves_the_previous_map_and_no_temp_file(saved, monkeypatch):
    path, _ = saved
    before = path.read_bytes()
    store = MapStore(path)
    m = store.load()
    m.add_person(name="Cat")

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, "replace", disk_full)
    with pytest.raises(MapFileError, match="the disk is full \\(the previous version is intact\\)"):
        store.save(m)
    assert path.read_bytes() == before
    assert list(path.parent.glob(f".{path.name}.*.tmp")) == []
