"""Every command that reads a map, against every kind of bad file.

The rule for each pair: exit 2, one line on stderr that names the file, no
traceback, the file byte-for-byte unchanged, nothing new written, and no
hang. The app's map picker summarises the same files without raising.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from stakemap import store as store_module
from stakemap.cli import main
from stakemap.model import StakeMap
from stakemap.store import MapStore

_META = {"app": "stakemap", "schema_version": 1, "account": "A"}


def _map(**overrides: object) -> dict[str, object]:
    people = {"1": {"id": "p1", "name": "Ann Lee"}, "2": {"id": "p2", "name": "Bo Chen"}}
    links = {"1": {"id": "l1", "source": "p1", "target": "p2", "kind": "influences"}}
    return {"meta": {"1": dict(_META)}, "stakeholders": people, "links": links, **overrides}


def _text(data: object) -> bytes:
    return json.dumps(data).encode()


def _good_map_bytes() -> bytes:
    m = StakeMap.new("Northwind")
    m.add_person(name="Ann Lee", notes="x" * 500)
    m.add_person(name="Bo Chen")
    return store_module.encode(
        {
            name: {str(i): r for i, r in enumerate(records, start=1)}
            for name, records in store_module.map_to_tables(m).items()
        }
    )


def _strength(value: str) -> bytes:
    return _text(_map()).replace(
        b'"kind": "influences"', b'"kind": "influences", "strength": ' + value.encode()
    )


#: name -> the file's bytes (regular files)
CONTENT: dict[str, bytes] = {
    "empty": b"",
    "whitespace": b" \n\t\n",
    "truncated": _good_map_bytes()[:300],
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00",
    "not json": b"name,title\nAnn Lee,CFO\n",
    "json list": b"[1, 2, 3]",
    "foreign json": b'{"name": "Ann", "items": [1, 2]}',
    "other tinydb": _text({"_default": {"1": {"x": 1}}}),
    "newer schema": _text({"meta": {"1": {**_META, "schema_version": 99}}}),
    "duplicate document": _text(_map()).replace(b'"2": {"id": "p2"', b'"1": {"id": "p2"'),
    "duplicate table": _text(_map()).replace(b'"links"', b'"stakeholders"'),
    "duplicate field": _text(_map()).replace(b'"name": "Bo Chen"', b'"name": "Bo", "name": "Cy"'),
    "deep nesting": b'{"meta": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "huge integer": _strength("9" * 5000),
    "infinity strength": _strength("Infinity"),
    "nan strength": _strength("NaN"),
    "1e999 strength": _strength("1e999"),
    "lone surrogate": _text(_map()).replace(b'"Ann Lee"', b'"Ann \\udc00 Lee"'),
    "invalid utf-8 in a name": _text(_map()).replace(b'"Ann Lee"', b'"Ann \xed\xa0\x80 Lee"'),
    "10 MB name": _text(_map()).replace(b'"Ann Lee"', b'"' + b"A" * 10_000_000 + b'"'),
    "10 MB role": _text(_map()).replace(
        b'"name": "Bo Chen"', b'"name": "Bo", "role": "' + b"r" * 10_000_000 + b'"'
    ),
    "10 MB id": _text(_map()).replace(b'"id": "p2"', b'"id": "' + b"p" * 10_000_000 + b'"'),
    "a name nested 900 deep": _text(_map()).replace(b'"Ann Lee"', b"[" * 900 + b"]" * 900),
    "a million-item strength": _strength("[" + ",".join(["1"] * 1_000_000) + "]"),
    "unknown field": _text(_map()).replace(b'"name": "Bo Chen"', b'"name": "Bo", "nick": "B"'),
    "dangling link": _text(_map()).replace(b'"target": "p2"', b'"target": "p9"'),
}

#: name -> builds a special path at the given location
SPECIAL: dict[str, Callable[[Path], None]] = {
    "fifo": os.mkfifo,
    "symlink to /dev/zero": lambda path: path.symlink_to("/dev/zero"),
    "folder": lambda path: path.mkdir(),
    "dangling symlink": lambda path: path.symlink_to(path.with_name("gone.json")),
    "over the size limit": lambda path: os.truncate(_touch(path), store_module.MAX_FILE_BYTES + 1),
}


def _touch(path: Path) -> Path:
    path.write_bytes(b"")
    return path


KINDS = [*CONTENT, *SPECIAL]

#: Every command that reads a map; ``{map}`` is the hostile file.
COMMANDS: dict[str, list[str]] = {
    "show": ["show", "{map}"],
    "show --json": ["show", "{map}", "--json"],
    "analyze": ["analyze", "{map}"],
    "analyze --format json": ["analyze", "{map}", "--format", "json"],
    "person add": ["person", "add", "{map}", "--name", "Cat Diaz"],
    "person set": ["person", "set", "{map}", "Ann Lee", "--title", "CFO"],
    "person rm": ["person", "rm", "{map}", "Ann Lee"],
    "link add": ["link", "add", "{map}", "Ann Lee", "Bo Chen", "--kind", "conflicts"],
    "account set": ["account", "set", "{map}", "--owner", "Dana"],
    "export": ["export", "{map}", "-f", "markdown", "-o", "{out}/deal.md"],
    "import --into": ["import", "{csv}", "--into", "{map}"],
    "import (as the source)": ["import", "{map}", "-o", "{out}/new.json"],
}


def _make(kind: str, folder: Path) -> Path:
    path = folder / "m.json"
    if kind in CONTENT:
        path.write_bytes(CONTENT[kind])
    else:
        SPECIAL[kind](path)
    return path


def _state(folder: Path) -> dict[str, object]:
    """What is in the folder: names, and each regular file's bytes and mtime."""
    state: dict[str, object] = {}
    for child in sorted(folder.iterdir()):
        if child.name.endswith(".lock"):
            continue  # the lock file beside a map is no change to it
        if child.is_file() and not child.is_symlink():
            data = (
                child.read_bytes() if child.stat().st_size <= 50_000_000 else child.stat().st_size
            )
            state[child.name] = (data, child.stat().st_mtime_ns)
        else:
            state[child.name] = os.readlink(child) if child.is_symlink() else "special"
    return state


@pytest.fixture(scope="module")
def csv_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("csv") / "people.csv"
    path.write_text("Name,Title\nEve Park,CTO\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", KINDS)
def test_every_command_refuses_every_hostile_file(
    kind: str, command: str, tmp_path: Path, csv_file: Path, capsys, never_open
) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    path = _make(kind, folder)
    if kind == "fifo":
        never_open(path)
    before = _state(folder)
    argv = [a.format(map=path, out=out, csv=csv_file) for a in COMMANDS[command]]
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err[:500]
    assert "Traceback" not in err
    err.encode("utf-8")  # printable as it is: no lone surrogate echoed back
    *before_error, error = err.splitlines()
    # bounded whatever the file held; the path's own length depends on the machine
    assert err.endswith("\n") and len(error.replace(str(path), "PATH")) < 400, err[:500]
    if command.startswith("import"):
        # the importer says what it is reading first; the CSV source is fine
        assert all(line.startswith("reading ") for line in before_error), err[:500]
        assert error.startswith("stakemap: error: ") and str(path) in error, error
    else:
        assert before_error == [], err[:500]
        assert error.startswith(f"stakemap: error: {path}: "), error
    assert _state(folder) == before
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_picker_summary_reports_every_hostile_file(
    kind: str, tmp_path: Path, never_open
) -> None:
    from stakemap.tui.catalog import describe, scan

    path = _make(kind, tmp_path)
    if kind == "fifo":
        never_open(path)
    entry = describe("here", path)
    assert entry.error is not None and entry.error.startswith(f"{path}: ")
    assert "\n" not in entry.error
    entry.error.encode("utf-8")
    assert [p for _, p in scan({"here": tmp_path})] in ([], [path])


def test_the_good_map_used_above_is_good(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_bytes(_good_map_bytes())
    assert len(MapStore(path).load()) == 2
    path.write_bytes(_text(_map()))
    assert len(MapStore(path).load()) == 2
