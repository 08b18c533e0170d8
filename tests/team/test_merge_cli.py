"""``stakemap merge BASE OURS THEIRS``: files, exit codes and what it prints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import run

from stakemap.store import SCHEMA_VERSION, MapStore

SAMPLES = Path(__file__).parents[2] / "sample_maps"
SCHEMA2 = Path(__file__).parents[1] / "fixtures" / "schema2"


@pytest.fixture
def trio(tmp_path: Path) -> tuple[Path, Path, Path]:
    paths = tuple(tmp_path / f"{name}.json" for name in ("base", "ours", "theirs"))
    for path in paths:
        shutil.copy(SAMPLES / "northwind.json", path)
    return paths  # type: ignore[return-value]


def _edit(capsys, *argv: object) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 0, err


def test_a_clean_merge_exits_0_writes_ours_and_says_what_came_from_where(trio, capsys):
    base, ours, theirs = trio
    _edit(capsys, "person", "set", ours, "Henrik Aalto", "--stance", "opponent")
    _edit(capsys, "person", "set", theirs, "Graham Pryce", "--title", "CTO")
    _edit(capsys, "log", theirs, "Ana Ferreira", "--kind", "call", "--summary", "ROI model")
    code, out, err = run(capsys, "merge", base, ours, theirs, "--path", "maps/northwind.json")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        # the touch also moved Ana's last contact: two people changed on their side
        "merged maps/northwind.json: from ours: 1 person; from theirs: 2 people, 1 touch",
        "no conflicts",
    ]
    merged = MapStore(ours).load()
    assert merged.resolve("Henrik Aalto").stance == "opponent"
    assert merged.resolve("Graham Pryce").title == "CTO"
    assert any(i.summary == "ROI model" for i in merged.interactions)


def test_conflicts_exit_1_and_are_listed_by_name_field_values_and_when(trio, capsys):
    base, ours, theirs = trio
    _edit(capsys, "person", "set", ours, "Henrik Aalto", "--stance", "opponent")
    _edit(capsys, "person", "set", theirs, "Henrik Aalto", "--stance", "supporter")
    _edit(capsys, "person", "rm", ours, "Graham Pryce")
    _edit(capsys, "person", "set", theirs, "Graham Pryce", "--title", "CTO")
    argv = ("merge", base, ours, theirs, "--path", "nw.json", "--ours-label", "ann")
    code, out, _ = run(capsys, *argv, "--theirs-label", "bob")
    assert code == 1
    lines = out.splitlines()
    stance = MapStore(ours).load().conflicts[0]
    assert lines[1] == "2 conflicts kept in the map:"
    assert lines[2].startswith("  Henrik Aalto's stance: ann opponent (changed 20")
    assert "bob supporter (20" in lines[2]
    assert stance.ours_modified.replace("T", " ")[:16] in lines[2]
    assert lines[3].startswith("  Graham Pryce: ann deleted it")
    assert "bob changed it" in lines[3]
    assert lines[-1] == "run: stakemap conflicts nw.json"
    assert len(MapStore(ours).load().conflicts) == 2


def test_out_writes_elsewhere_and_leaves_ours_alone(trio, tmp_path, capsys):
    base, ours, theirs = trio
    _edit(capsys, "person", "set", theirs, "Graham Pryce", "--title", "CTO")
    before = ours.read_bytes()
    code, _, _ = run(capsys, "merge", base, ours, theirs, "-o", tmp_path / "out.json")
    assert code == 0 and ours.read_bytes() == before
    assert MapStore(tmp_path / "out.json").load().resolve("Graham Pryce").title == "CTO"


def _newer(path: Path) -> None:
    data = json.loads(path.read_text())
    data["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (lambda p: p.write_text('{"rows": [1, 2]}'), "not a stakemap map"),
        (_newer, "newer stakemap"),
        (lambda p: p.write_bytes(p.read_bytes()[:500]), "truncated"),
    ],
    ids=["not-a-map", "newer-schema", "torn"],
)
@pytest.mark.parametrize("which", [0, 1, 2], ids=["base", "ours", "theirs"])
def test_a_bad_input_is_one_sentence_exit_2_and_nothing_written(trio, capsys, spoil, words, which):
    """Whichever input is bad: not a map, a newer schema, a torn file."""
    _edit(capsys, "person", "set", trio[2], "Graham Pryce", "--title", "CTO")
    spoil(trio[which])
    before = [path.read_bytes() for path in trio]
    code, out, err = run(capsys, "merge", *trio)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert str(trio[which]) in err and words in err
    assert [path.read_bytes() for path in trio] == before


def test_names_are_printed_as_text_never_as_markup(trio, capsys):
    base, ours, theirs = trio
    _edit(capsys, "person", "add", base, "--name", "[bold red]Eve[/bold red] :smile:")
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    _edit(capsys, "person", "set", ours, "[bold red]Eve[/bold red] :smile:", "--stance", "neutral")
    _edit(
        capsys, "person", "set", theirs, "[bold red]Eve[/bold red] :smile:", "--stance", "skeptic"
    )
    code, out, _ = run(capsys, "merge", base, ours, theirs)
    assert code == 1
    assert "  [bold red]Eve[/bold red] :smile:'s stance: ours" in out


# --- files: determinism and identities --------------------------------------------


def _edited(trio, capsys) -> tuple[Path, Path, Path]:
    base, ours, theirs = trio
    _edit(capsys, "person", "set", ours, "Henrik Aalto", "--stance", "opponent", "--notes", "x")
    _edit(capsys, "person", "add", ours, "--name", "Ola Berg")
    _edit(capsys, "person", "rm", theirs, "Hannah Becker")
    _edit(capsys, "person", "add", theirs, "--name", "Tim Roe")
    _edit(capsys, "link", "add", theirs, "Tim Roe", "Ana Ferreira", "--kind", "reports_to")
    _edit(capsys, "log", theirs, "Tim Roe", "--kind", "meeting", "--summary", "hello")
    _edit(capsys, "person", "set", theirs, "Henrik Aalto", "--stance", "neutral", "--notes", "y")
    return base, ours, theirs


def test_merging_the_same_files_twice_gives_the_same_bytes(trio, tmp_path, capsys):
    base, ours, theirs = _edited(trio, capsys)
    run(capsys, "merge", base, ours, theirs, "-o", tmp_path / "one.json")
    run(capsys, "merge", base, ours, theirs, "-o", tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
    merged = MapStore(tmp_path / "one.json").load()
    assert len(merged.conflicts) == 2


@pytest.mark.parametrize("side", [1, 2])
def test_merge_of_a_side_with_itself_or_with_base_is_that_side_byte_for_byte(
    trio, tmp_path, capsys, side
):
    edited = _edited(trio, capsys)
    base, x = edited[0], edited[side]
    out = tmp_path / "out.json"
    assert run(capsys, "merge", base, x, x, "-o", out)[0] == 0
    assert out.read_bytes() == x.read_bytes()
    assert run(capsys, "merge", base, base, x, "-o", out)[0] == 0
    assert out.read_bytes() == x.read_bytes()


def test_a_record_only_theirs_added_keeps_its_line_key_when_free(trio, tmp_path, capsys):
    base, ours, theirs = trio
    _edit(capsys, "person", "add", theirs, "--name", "Tim Roe")
    _edit(capsys, "person", "add", ours, "--name", "Ola Berg")
    run(capsys, "merge", base, ours, theirs)
    people = json.loads(ours.read_text())["stakeholders"]
    theirs_key = next(
        k
        for k, v in json.loads(theirs.read_text())["stakeholders"].items()
        if v["name"] == "Tim Roe"
    )
    ola_key = next(k for k, v in people.items() if v["name"] == "Ola Berg")
    assert ola_key == theirs_key  # taken by ours: Tim gets the next number
    assert next(k for k, v in people.items() if v["name"] == "Tim Roe") == str(int(ola_key) + 1)


def test_ours_unknown_tables_are_kept(trio, capsys):
    base, ours, theirs = trio
    data = json.loads(ours.read_text())
    data["plugin"] = {"1": {"x": 1}}
    ours.write_text(json.dumps(data))
    _edit(capsys, "person", "set", theirs, "Graham Pryce", "--title", "CTO")
    assert run(capsys, "merge", base, ours, theirs)[0] == 0
    assert json.loads(ours.read_text())["plugin"] == {"1": {"x": 1}}


def test_an_old_schema_map_is_migrated_before_merging(tmp_path, capsys):
    base = tmp_path / "base.json"
    shutil.copy(SCHEMA2 / "northwind.json", base)
    ours, theirs = tmp_path / "ours.json", tmp_path / "theirs.json"
    shutil.copy(base, theirs)
    shutil.copy(base, ours)
    _edit(capsys, "person", "set", theirs, "Graham Pryce", "--title", "CTO")  # now schema 3
    assert json.loads(ours.read_text())["meta"]["1"]["schema_version"] == 2
    code, _, err = run(capsys, "merge", base, ours, theirs)
    assert code == 0, err
    merged = MapStore(ours).load()
    assert merged.resolve("Graham Pryce").title == "CTO"
    assert json.loads(ours.read_text())["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert not list(tmp_path.glob("ours.json.bak*"))  # git holds the original


def test_as_git_driver_a_bad_input_is_named_by_the_maps_path_in_the_repo(trio, capsys):
    base, ours, theirs = trio
    theirs.write_text("{}")
    code, _, err = run(capsys, "merge", base, ours, theirs, "--path", "maps/acme.json")
    assert code == 2
    assert err.startswith(f"stakemap: error: maps/acme.json (theirs, {theirs}): not a stakemap map")


def test_git_temporary_files_get_no_lock_file_left_beside_them(trio, capsys):
    base, _, theirs = trio
    ours = base.with_name(".merge_file_a1b2c3")  # what git passes as %A
    shutil.copy(base, ours)
    _edit(capsys, "person", "set", theirs, "Graham Pryce", "--title", "CTO")
    before = {p.name for p in base.parent.iterdir()}
    assert run(capsys, "merge", base, ours, theirs)[0] == 0
    assert {p.name for p in base.parent.iterdir()} == before


def test_a_read_only_ours_is_refused_and_left_whole(trio, capsys):
    base, ours, theirs = trio
    _edit(capsys, "person", "set", theirs, "Graham Pryce", "--title", "CTO")
    before = ours.read_bytes()
    ours.chmod(0o444)
    code, out, err = run(capsys, "merge", base, ours, theirs)
    assert code == 2 and out == ""
    assert "read-only" in err and len(err.strip().splitlines()) == 1
    assert ours.read_bytes() == before
    assert [p.name for p in ours.parent.iterdir() if p.name.endswith(".tmp")] == []
