"""``stakemap conflicts`` and ``resolve`` end to end, on the sample map with conflicts in it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from stakemap.model import StakeMap
from stakemap.store import MapStore
from stakemap.vocab import Stance
from tests.cli_helpers import run
from tests.conflict_helpers import FIONA, GRAHAM, HENRIK, conflict, conflicted_copy

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def mapfile(tmp_path: Path) -> Path:
    return conflicted_copy(tmp_path)


def test_conflicts_lists_them_and_exits_1(capsys: Capsys, mapfile: Path) -> None:
    code, out, err = run(capsys, "conflicts", mapfile)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3
    assert "Henrik Aalto's stance: ana skeptic (changed 2026-12-01 10:02), sam opponent" in lines[0]
    assert "Graham Pryce: ana changed it" in lines[2] and "sam deleted it" in lines[2]
    assert "3 merge conflicts to settle" in err


def test_conflicts_json(capsys: Capsys, mapfile: Path) -> None:
    code, out, _ = run(capsys, "conflicts", mapfile, "--json")
    data = json.loads(out)
    assert code == 1 and data["count"] == 3
    assert data["conflicts"][0]["theirs"] == "opponent"


def test_resolve_one_then_the_rest_then_none_left(capsys: Capsys, mapfile: Path) -> None:
    cids = [c.id for c in MapStore(mapfile).load().conflicts]
    code, _, err = run(capsys, "resolve", mapfile, cids[0], "--theirs")
    assert code == 0
    assert "Henrik Aalto's stance took sam: opponent" in err and "2 merge conflicts left" in err
    assert MapStore(mapfile).load().person(HENRIK).stance is Stance.OPPONENT
    code, _, err = run(capsys, "resolve", mapfile, cids[1], "--value", "Met at the offsite.")
    assert code == 0 and MapStore(mapfile).load().person(FIONA).notes == "Met at the offsite."
    code, _, err = run(capsys, "resolve", mapfile, "--all", "--theirs")
    assert code == 0 and "No conflicts left" in err
    stakemap = MapStore(mapfile).load()
    assert GRAHAM not in stakemap and stakemap.conflicts == []
    code, _, err = run(capsys, "conflicts", mapfile)
    assert (code, err.strip()) == (0, "No conflicts.")


def test_unknown_id_lists_the_ids_and_changes_nothing(capsys: Capsys, mapfile: Path) -> None:
    before = mapfile.read_bytes()
    cids = [c.id for c in MapStore(mapfile).load().conflicts]
    code, _, err = run(capsys, "resolve", mapfile, "cnope", "--ours")
    assert code == 2
    assert "no conflict has the id 'cnope'" in err and all(cid in err for cid in cids)
    assert len(err.strip().splitlines()) == 1
    assert mapfile.read_bytes() == before


def test_a_bad_value_is_one_sentence_and_nothing_written(capsys: Capsys, mapfile: Path) -> None:
    before = mapfile.read_bytes()
    cid = MapStore(mapfile).load().conflicts[0].id
    code, _, err = run(capsys, "resolve", mapfile, cid, "--value", "lukewarm")
    assert code == 2 and "stance" in err
    assert mapfile.read_bytes() == before


def test_show_mentions_the_conflicts_and_analyze_still_runs(capsys: Capsys, mapfile: Path) -> None:
    code, out, _ = run(capsys, "show", mapfile)
    assert code == 0
    assert f"3 merge conflicts to settle: stakemap conflicts {mapfile}" in out
    code, out, _ = run(capsys, "show", mapfile, "--json")
    assert len(json.loads(out)["conflicts"]) == 3
    code, out, _ = run(capsys, "analyze", mapfile, "--today", "2026-12-03")
    assert code == 0 and "Graham Pryce" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--ours"], "give the ids of the conflicts to settle, or --all"),
        (["cabc", "--all", "--ours"], "give the ids of the conflicts to settle, or --all"),
        (["--all", "--value", "x"], "--value: settles one conflict; give one ID"),
    ],
)
def test_resolve_needs_ids_or_all_and_one_id_for_a_value(
    capsys: Capsys, mapfile: Path, args: list[str], words: str
) -> None:
    before = mapfile.read_bytes()
    code, _, err = run(capsys, "resolve", mapfile, *args)
    assert code == 2 and words in err
    assert mapfile.read_bytes() == before


def test_names_and_values_print_literally(
    capsys: Capsys, tmp_path: Path, make_map: Callable[..., StakeMap]
) -> None:
    stakemap = make_map()
    person = stakemap.add_person(name="[bold]x")
    stakemap.put_conflict(
        conflict("people", person.id, "title", ours="[red]CFO", theirs="\x1b[2Jboss")
    )
    path = tmp_path / "m.json"
    MapStore(path).create(stakemap)
    code, out, _ = run(capsys, "conflicts", path)
    assert code == 1
    assert "[bold]x's title: ana [red]CFO" in out
    assert "\x1b[2J" not in out
