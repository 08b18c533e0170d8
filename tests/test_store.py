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
    # Every write, TinyDB's ``write`` included, goes through ``write_encoded``.
    real_write = AtomicJSONStorage.write_encoded
    monkeypatch.setattr(
        AtomicJSONStorage,
        "write_encoded",
        lambda self, raw: (writes.append(1), real_write(self, raw)),
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

    def v4_to_v5(tables):
        for record in tables["stakeholders"]:
            record["title"] = record["title"] or "(migrated)"
        return tables

    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 5)
    monkeypatch.setitem(store_module.MIGRATIONS, 4, v4_to_v5)
    store = MapStore(path)
    m = store.load()
    assert store.loaded_version == 4
    assert {p.title for p in m.people} == {"(migrated)"}
    assert path.read_bytes() == original  # reading never writes
    m.add_person(name="Cat")
    store.save(m)
    backup = path.with_name(path.name + ".bak")
    assert backup.read_bytes() == original
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert json.loads(path.read_bytes())["meta"]["1"]["schema_version"] == 5
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


# --- nothing in the file is lost or saved over --------------------------------------------

_META = {"1": {"app": "stakemap", "schema_version": 1, "account": "A"}}
_ANN = {"id": "p1", "name": "Ann"}
_BO = {"id": "p2", "name": "Bo"}

_M, _A, _B = json.dumps(_META), json.dumps(_ANN), json.dumps(_BO)
DUPLICATES = {
    "two documents with one key": (
        f'{{"meta": {_M}, "stakeholders": {{"1": {_A}, "1": {_B}}}}}',
        "the key '1' appears twice",
    ),
    "a table twice": (
        f'{{"meta": {_M}, "stakeholders": {{"1": {_A}}}, "stakeholders": {{"1": {_B}}}}}',
        "the key 'stakeholders' appears twice",
    ),
    "a field twice": (
        f'{{"meta": {_M}, "stakeholders": {{"1": {{"id": "p1", "name": "Ann", "name": "Bo"}}}}}}',
        "the key 'name' appears twice",
    ),
}


@pytest.mark.parametrize("kind", list(DUPLICATES))
def test_a_duplicate_key_is_refused_and_never_saved_over(tmp_path, kind):
    text, expected = DUPLICATES[kind]
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(MapFileError) as caught:
        MapStore(path).load()
    assert (
        str(caught.value) == f"{path}: damaged map: {expected} in one object; refusing to read it"
    )
    with pytest.raises(MapFileError), MapStore(path).edit() as m:
        m.add_person(name="Cat")
    assert path.read_bytes() == before


def test_an_unknown_table_is_written_back_verbatim(saved):
    path, _ = saved
    tables = json.loads(path.read_bytes())
    tables["deal_notes"] = {"7": {"who": "p1", "when": "2026-11-30", "nested": {"a": [1, 2]}}}
    tables["empty_future_table"] = {}
    path.write_text(json.dumps(tables), encoding="utf-8")
    with MapStore(path).edit() as m:
        m.add_person(name="Cat")
    after = json.loads(path.read_bytes())
    assert after["deal_notes"] == tables["deal_notes"]
    assert after["empty_future_table"] == {}
    assert "Cat" in {p["name"] for p in after["stakeholders"].values()}


def test_save_as_keeps_the_unknown_tables(saved, tmp_path):
    from stakemap.session import Session

    path, _ = saved
    tables = json.loads(path.read_bytes())
    tables["deal_notes"] = {"1": {"who": "p1"}}
    path.write_text(json.dumps(tables), encoding="utf-8")
    session = Session.open(path)
    session.save_as(tmp_path / "copy.json")
    assert json.loads((tmp_path / "copy.json").read_bytes())["deal_notes"] == {"1": {"who": "p1"}}


def test_an_unknown_field_in_a_retired_record_is_refused_not_dropped(saved):
    path, _ = saved
    tables = json.loads(path.read_bytes())
    tables["retired"] = {"1": {"id": "p9", "retired": "2026-01-01T00:00:00Z", "why": "left"}}
    path.write_text(json.dumps(tables), encoding="utf-8")
    with pytest.raises(MapFileError, match="retired ids: why: is not a retired-id field"):
        MapStore(path).load()


def test_an_unknown_field_in_a_person_is_refused_not_dropped(saved):
    path, _ = saved
    tables = json.loads(path.read_bytes())
    tables["stakeholders"]["1"]["nickname"] = "Annie"
    path.write_text(json.dumps(tables), encoding="utf-8")
    with pytest.raises(MapFileError, match="nickname: is not a stakeholder field"):
        MapStore(path).load()


# --- maps the user may not write ------------------------------------------------------


def test_a_read_only_map_is_refused_even_for_root(saved):
    path, _ = saved
    path.chmod(0o444)
    before = path.read_bytes()
    store = MapStore(path)
    m = store.load()
    m.add_person(name="Cat")
    with pytest.raises(MapFileError) as caught:
        store.save(m)
    assert str(caught.value).startswith(f"{path}: is read-only, so nothing was saved")
    with pytest.raises(MapFileError, match="is read-only"), MapStore(path).edit() as again:
        again.add_person(name="Dan")
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert list(path.parent.glob(f".{path.name}.*.tmp")) == []


def test_a_read_only_map_reached_through_a_symlink_is_refused(saved):
    path, _ = saved
    path.chmod(0o444)
    link = path.with_name("current.json")
    link.symlink_to(path)
    with pytest.raises(MapFileError, match="is read-only"), MapStore(link).edit() as m:
        m.add_person(name="Cat")
    assert link.is_symlink()


def test_another_users_map_is_not_replaced(saved, monkeypatch):
    """Seen from an ordinary user (uid 1000) the root-owned... here: a map owned by
    someone else; the atomic rename would hand it to the saver, so it is refused."""
    path, _ = saved
    owner = path.stat().st_uid
    monkeypatch.setattr(store_module, "_euid", lambda: owner + 1000)
    before = path.read_bytes()
    refused = pytest.raises(MapFileError, match=f"belongs to another user \\(uid {owner}\\)")
    with refused, MapStore(path).edit() as m:
        m.add_person(name="Cat")
    assert path.read_bytes() == before
    assert path.stat().st_uid == owner


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_root_saving_a_users_map_keeps_the_users_ownership(saved):
    path, _ = saved
    os.chown(path, 4321, 4321)
    with MapStore(path).edit() as m:
        m.add_person(name="Cat")
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4321)


# --- a failed create leaves nothing ----------------------------------------------------


def _fail_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, "fsync", disk_full)


def test_a_failed_create_leaves_no_map_no_lock_and_no_temp_file(tmp_path, make_map, monkeypatch):
    path = tmp_path / "new.json"
    _fail_fsync(monkeypatch)
    with pytest.raises(MapFileError) as caught:
        MapStore(path).create(make_map())
    assert str(caught.value) == f"{path}: cannot save: the disk is full (no file was created)"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_create_never_replaces_a_file_that_appears_meanwhile(tmp_path, make_map, monkeypatch):
    """Another process (without our lock) writes the name between the check and the write."""
    path = tmp_path / "new.json"
    real_mkstemp = store_module.tempfile.mkstemp

    def sneaky(*args, **kwargs):
        path.write_text("theirs")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(store_module.tempfile, "mkstemp", sneaky)
    with pytest.raises(MapFileError, match="already exists"):
        MapStore(path).create(make_map())
    assert path.read_text() == "theirs"
    assert list(tmp_path.glob(".new.json.*.tmp")) == []


# --- hostile content --------------------------------------------------------------------


def _map_text(strength: str = "2", name: str = '"Ann"') -> str:
    return (
        '{"meta": {"1": {"app": "stakemap", "schema_version": 1, "account": "A"}}, '
        f'"stakeholders": {{"1": {{"id": "p1", "name": {name}}}, '
        '"2": {"id": "p2", "name": "Bo"}}, '
        '"links": {"1": {"id": "l1", "source": "p1", "target": "p2", "kind": "influences", '
        f'"strength": {strength}}}}}}}'
    )


HOSTILE_CONTENT = {
    "deep nesting": ("[" * 100_000 + "]" * 100_000, "the JSON is nested too deeply"),
    "huge integer": (_map_text(strength="9" * 5000), "a number too long to read"),
    "Infinity": (_map_text(strength="Infinity"), "it holds Infinity, which is not a number"),
    "-Infinity": (_map_text(strength="-Infinity"), "it holds -Infinity"),
    "NaN": (_map_text(strength="NaN"), "it holds NaN"),
    "1e999": (_map_text(strength="1e999"), "the number 1e999 is out of range"),
    "lone surrogate": (
        _map_text(name='"Ann \\ud800 Lee"'),
        "the value at stakeholders/1/name holds a lone surrogate",
    ),
    "lone surrogate key": (
        '{"meta": {"1": {"app": "stakemap", "schema_version": 1, "account": "A", "\\udfff": 1}}}',
        "the value at meta/1/\\udfff holds a lone surrogate",
    ),
}


@pytest.mark.parametrize("kind", list(HOSTILE_CONTENT))
def test_hostile_content_is_one_sentence(tmp_path, kind):
    text, expected = HOSTILE_CONTENT[kind]
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MapFileError) as caught:
        MapStore(path).load()
    assert expected in str(caught.value)
    assert str(caught.value).startswith(f"{path}: ")


def test_a_paired_surrogate_escape_is_an_ordinary_character(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(_map_text(name='"Ann \\ud83d\\ude00"'), encoding="utf-8")
    assert MapStore(path).load().resolve("p1").name == "Ann \U0001f600"


def test_a_fifo_is_refused_without_opening_it(tmp_path, never_open):
    path = tmp_path / "m.json"
    os.mkfifo(path)
    never_open(path)
    with pytest.raises(MapFileError, match="is a FIFO \\(named pipe\\), not a regular file"):
        MapStore(path).load()
    with pytest.raises(MapFileError, match="is a FIFO"), MapStore(path).edit():
        pass


def test_a_symlink_to_a_device_is_refused(tmp_path):
    path = tmp_path / "m.json"
    path.symlink_to("/dev/zero")
    with pytest.raises(MapFileError, match="is a device, not a regular file"):
        MapStore(path).load()
    with pytest.raises(MapFileError, match="is a device"), MapStore(path).edit():
        pass
    assert path.is_symlink()


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "m.json"
    with path.open("wb") as handle:
        handle.truncate(store_module.MAX_FILE_BYTES + 1)  # sparse: no disk used
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read"))
    with pytest.raises(
        MapFileError,
        match="is too large to be a map or an import \\(256 MiB; the limit is 256 MiB\\)",
    ):
        MapStore(path).load()


def test_the_size_limit_fits_a_50000_person_map():
    # bench/synthetic.py: 10,000 people = 15.7 MB, 50,000 people = 78.7 MB
    assert store_module.MAX_FILE_BYTES > 3 * 78_744_769
