"""Bounded input: text-field lengths, unencodable text, and the CLI's file failure paths.

A 10 MB name once took ``analyze`` over ten minutes; a non-UTF-8 byte in an
argument crashed the save after the lock was taken. Both are refused where
they enter, with the field's name, and nothing is written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from stakemap import store as store_module
from stakemap.errors import MapFileError, ValidationError
from stakemap.records import (
    MAX_LINE_CHARS,
    MAX_PRIORITIES,
    MAX_TEXT_CHARS,
    Account,
    Link,
    Stakeholder,
)
from stakemap.store import MapStore


@pytest.fixture
def mapfile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "m.json"
    assert run(capsys, "new", str(path), "--account", "Northwind")[0] == 0
    assert run(capsys, "person", "add", str(path), "--name", "Ann Lee")[0] == 0
    return path


# --- lengths -------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["name", "title", "department"])
def test_one_line_fields_are_capped(field: str) -> None:
    base = {"id": "p1", "name": "Ann"}
    assert Stakeholder.from_dict({**base, field: "x" * MAX_LINE_CHARS})
    with pytest.raises(ValidationError) as caught:
        Stakeholder.from_dict({**base, field: "x" * (MAX_LINE_CHARS + 1)})
    assert str(caught.value) == f"{field}: is too long (201 characters; at most 200)"


def test_surrounding_spaces_do_not_count() -> None:
    assert Stakeholder.from_dict({"id": "p1", "name": " " * 500 + "Ann" + " " * 500}).name == "Ann"


@pytest.mark.parametrize("field", ["notes", "drivers", "constraints", "fears"])
def test_free_text_is_capped(field: str) -> None:
    base = {"id": "p1", "name": "Ann"}
    assert Stakeholder.from_dict({**base, field: "line\n" * (MAX_TEXT_CHARS // 5)})
    with pytest.raises(
        ValidationError, match=f"{field}: is too long \\(20,001 characters; at most 20,000\\)"
    ):
        Stakeholder.from_dict({**base, field: "x" * (MAX_TEXT_CHARS + 1)})


def test_account_and_priorities_are_capped() -> None:
    with pytest.raises(ValidationError, match="initiative: is too long"):
        Account.from_dict({"account": "A", "initiative": "x" * 201})
    with pytest.raises(ValidationError, match="priorities: is too long"):
        Stakeholder.from_dict({"id": "p1", "name": "A", "priorities": ["x" * 201]})
    with pytest.raises(
        ValidationError, match=f"priorities: has 51 entries; at most {MAX_PRIORITIES}"
    ):
        Stakeholder.from_dict({"id": "p1", "name": "A", "priorities": [f"p{i}" for i in range(51)]})


def test_the_stored_record_fast_path_applies_the_same_caps(tmp_path: Path, make_map) -> None:
    """A file written by stakemap takes a shortcut past the field parsers; a
    hand-made file with a 10 MB name in that exact shape must still be refused."""
    m = make_map()
    m.add_person(name="Ann")
    path = tmp_path / "m.json"
    MapStore(path).create(m)
    tables = json.loads(path.read_bytes())
    record = tables["stakeholders"]["1"]
    assert len(record) == len(Stakeholder._PARSERS)
    for field, value in (("name", "x" * 10_000_000), ("notes", "y" * (MAX_TEXT_CHARS + 1))):
        path.write_text(json.dumps({**tables, "stakeholders": {"1": {**record, field: value}}}))
        with pytest.raises(MapFileError, match=f"stakeholder 1.*{field}: is too long"):
            MapStore(path).load()
    too_many = {**record, "priorities": [f"p{i}" for i in range(MAX_PRIORITIES + 1)]}
    path.write_text(json.dumps({**tables, "stakeholders": {"1": too_many}}))
    with pytest.raises(MapFileError, match="priorities: has 51 entries"):
        MapStore(path).load()


def test_a_huge_name_from_the_cli_is_refused_and_nothing_written(capsys, mapfile: Path) -> None:
    before = mapfile.read_bytes()
    code, _, err = run(capsys, "person", "add", str(mapfile), "--name", "N" * 1_000_000)
    assert code == 2
    assert err == "stakemap: error: name: is too long (1,000,000 characters; at most 200)\n"
    assert mapfile.read_bytes() == before


# --- text that cannot be written -----------------------------------------------------------


def test_a_lone_surrogate_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError, match=r"^title: is not valid text"):
        Stakeholder.from_dict({"id": "p1", "name": "Ann", "title": "CF\udcff"})
    with pytest.raises(ValidationError, match=r"^notes: is not valid text"):
        Stakeholder.from_dict({"id": "p1", "name": "Ann", "notes": "a\ud800"})


@pytest.mark.parametrize(
    "argv",
    [
        ["person", "set", "{map}", "Ann Lee", "--title", "CF\udcff"],
        ["person", "add", "{map}", "--name", "B\udcffo"],
        ["account", "set", "{map}", "--initiative", "\udce9t\udce9"],
    ],
)
def test_a_non_utf8_argument_is_one_sentence_and_writes_nothing(
    capsys, mapfile: Path, argv
) -> None:
    """What ``stakemap person set m.json 'Ann Lee' --title $'CF\\xff'`` passes in."""
    before = mapfile.read_bytes()
    code, _, err = run(capsys, *(a.replace("{map}", str(mapfile)) for a in argv))
    assert code == 2
    assert "is not valid text (it holds bytes that are not UTF-8)" in err
    assert err.count("\n") == 1
    assert mapfile.read_bytes() == before


def test_a_new_map_with_a_non_utf8_account_leaves_nothing(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "new", str(tmp_path / "m.json"), "--account", "Caf\udce9")
    assert code == 2
    assert err.startswith("stakemap: error: account: is not valid text")
    assert list(tmp_path.iterdir()) == []


def test_an_infinite_strength_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="strength: inf is not allowed"):
        Link.from_dict(
            {
                "id": "l1",
                "source": "p1",
                "target": "p2",
                "kind": "influences",
                "strength": float("inf"),
            }
        )


# --- `new`, `import -o` and `person set` failure paths -------------------------------------


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, "fsync", fsync)


def test_a_failed_new_leaves_no_lock_file_and_claims_no_previous_version(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _disk_full(monkeypatch)
    target = tmp_path / "m.json"
    code, _, err = run(capsys, "new", str(target), "--account", "Northwind")
    assert code == 2
    assert (
        err == f"stakemap: error: {target}: cannot save: the disk is full (no file was created)\n"
    )
    assert "previous version" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_import_o_leaves_no_lock_file(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "people.csv"
    source.write_text("Name,Title,Account Name\nAnn Lee,CFO,Northwind\n", encoding="utf-8")
    _disk_full(monkeypatch)
    code, _, err = run(capsys, "import", str(source), "-o", str(tmp_path / "new.json"))
    assert code == 2
    assert err.splitlines()[-1].endswith("cannot save: the disk is full (no file was created)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]


def test_a_failed_edit_still_says_the_previous_version_is_intact(
    capsys, mapfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = mapfile.read_bytes()
    _disk_full(monkeypatch)
    code, _, err = run(capsys, "person", "set", str(mapfile), "Ann Lee", "--title", "CFO")
    assert code == 2
    assert err.endswith("cannot save: the disk is full (the previous version is intact)\n")
    assert mapfile.read_bytes() == before


def test_person_set_on_a_read_only_map_is_exit_2_and_the_file_unchanged(
    capsys, mapfile: Path
) -> None:
    mapfile.chmod(0o444)
    before = mapfile.read_bytes()
    code, _, err = run(capsys, "person", "set", str(mapfile), "Ann Lee", "--title", "CFO")
    assert code == 2
    assert err == (
        f"stakemap: error: {mapfile}: is read-only, so nothing was saved "
        "(make it writable with chmod u+w, or save a copy under another name)\n"
    )
    assert mapfile.read_bytes() == before
