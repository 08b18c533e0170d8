"""``--initiative-priority``: mark which priority is the initiative, by text or number."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run

from stakemap.store import MapStore


@pytest.fixture
def mapfile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "m.json"
    assert run(capsys, "new", path, "--account", "Acme", "--initiative", "Fleet telemetry")[0] == 0
    code, _, err = run(
        capsys, "person", "add", path, "--name", "Eve", "--priority", "Cut fuel costs",
        "--priority", "Driver app", "--initiative-priority", "2",
    )  # fmt: skip
    assert code == 0, err
    return path


def _mark(path: Path) -> str:
    return MapStore(path).load().resolve("Eve").initiative_priority


def test_person_add_takes_the_number_of_one_of_the_new_priorities(mapfile: Path) -> None:
    assert _mark(mapfile) == "Driver app"


def test_person_set_takes_text_and_none_clears(
    mapfile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "person", "set", mapfile, "Eve", "--initiative-priority", "cut fuel costs"
    )
    assert code == 0, err
    assert _mark(mapfile) == "Cut fuel costs"
    assert "initiative_priority" in err
    assert run(capsys, "person", "set", mapfile, "Eve", "--initiative-priority", "none")[0] == 0
    assert _mark(mapfile) == ""


def test_an_unknown_value_names_the_field_lists_the_priorities_and_writes_nothing(
    mapfile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = mapfile.read_bytes()
    code, out, err = run(capsys, "person", "set", mapfile, "Eve", "--initiative-priority", "3")
    assert code == 2 and out == ""
    [line] = err.strip().splitlines()
    assert "initiative_priority" in line
    assert "'3' is not one of their priorities: 1. 'Cut fuel costs'; 2. 'Driver app'" in line
    assert mapfile.read_bytes() == before


def test_rewording_the_marked_priority_clears_the_mark(
    mapfile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "person", "set", mapfile, "Eve", "--priority", "Cut fuel costs",
        "--priority", "Driver mobile app",
    )  # fmt: skip
    assert code == 0, err
    assert _mark(mapfile) == ""
