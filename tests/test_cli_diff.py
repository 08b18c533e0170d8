"""``stakemap review``, ``reviews`` and ``diff`` from the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import run

from stakemap.store import MapStore


@pytest.fixture
def mapfile(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "northwind.json"
    steps = [
        ("new", path, "--account", "Northwind Logistics", "--initiative", "RevOps platform"),
        ("person", "add", path, "--name", "Dana Whitfield", "--department", "Finance"),
        ("person", "set", path, "Dana Whitfield", "--stance", "skeptic"),
        ("person", "add", path, "--name", "Maya Ortiz", "--stance", "champion"),
        ("link", "add", path, "Maya Ortiz", "Dana Whitfield", "--kind", "influences"),
    ]
    for step in steps:
        code, _, err = run(capsys, *step)
        assert code == 0, err
    return path


@pytest.fixture
def reviewed(mapfile: Path, capsys) -> Path:
    """The map with a Q1 review, then Dana moved and Raj joined."""
    code, out, err = run(
        capsys, "review", mapfile, "--label", "Q1 deal review", "--today", "2026-10-01"
    )
    assert code == 0, err
    assert out.startswith("recorded review 'Q1 deal review' of 2026-10-01")
    for step in [
        ("person", "set", mapfile, "Dana Whitfield", "--stance", "supporter"),
        ("person", "add", mapfile, "--name", "Raj Menon", "--department", "Finance"),
        ("person", "set", mapfile, "Raj Menon", "--role", "economic_buyer"),
    ]:
        assert run(capsys, *step)[0] == 0
    return mapfile


def test_review_says_what_it_recorded_and_reviews_lists_it(mapfile, capsys):
    code, out, _ = run(capsys, "review", mapfile, "--label", "kickoff", "--today", "2026-10-01")
    assert code == 0
    assert "health " in out and "2 people" in out and "entries stored" in out
    stored = MapStore(mapfile).load()
    (review,) = stored.reviews
    assert (review.label, review.date, review.people) == ("kickoff", "2026-10-01", 2)
    code, out, _ = run(capsys, "reviews", mapfile)
    assert code == 0
    assert "Reviews of Northwind Logistics" in out
    assert "2026-10-01" in out and "kickoff" in out and review.health in out
    code, out, _ = run(capsys, "reviews", mapfile, "--json")
    listed = json.loads(out)[0]
    assert listed["label"] == "kickoff"
    assert "changes" not in listed  # the packed history is the file's business, not a listing's


def test_reviews_of_a_map_without_any(mapfile, capsys):
    code, out, _ = run(capsys, "reviews", mapfile)
    assert code == 0 and "no reviews yet" in out
    code, out, _ = run(capsys, "reviews", mapfile, "--json")
    assert json.loads(out) == []


def test_diff_text_names_the_moves(reviewed, capsys):
    code, out, _ = run(capsys, "diff", reviewed, "--today", "2026-11-01")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Changes from Q1 deal review (2026-10-01) to now (2026-11-01)"
    assert "↑ Dana Whitfield: skeptic → supporter" in lines
    assert "+ Raj Menon joined (Finance, economic buyer)" in lines


def test_diff_json_is_the_documented_shape(reviewed, capsys):
    code, out, _ = run(capsys, "diff", reviewed, "--since", "q1 deal review", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["from"] == "Q1 deal review (2026-10-01)" and data["empty"] is False
    assert [p["name"] for p in data["people"]["added"]] == ["Raj Menon"]
    (dana,) = data["people"]["changed"]
    assert {"field": "stance", "old": "skeptic", "new": "supporter"} in dana["fields"]
    same = run(capsys, "diff", reviewed, "--format", "json")[1]
    assert json.loads(same)["people"] == data["people"]


def test_diff_markdown(reviewed, capsys):
    code, out, _ = run(capsys, "diff", reviewed, "--since", "2026-10-15", "--format", "markdown")
    assert code == 0
    assert out.startswith("## Changes from Q1 deal review (2026-10-01) to now (")
    assert "\n### People\n" in out
    assert "- Dana Whitfield: skeptic → supporter\n" in out


def test_exit_code_both_ways(reviewed, capsys):
    assert run(capsys, "diff", reviewed, "--exit-code")[0] == 1
    assert run(capsys, "diff", reviewed)[0] == 0  # without --exit-code, changes are no error
    assert run(capsys, "review", reviewed, "--today", "2026-11-01")[0] == 0
    code, out, _ = run(capsys, "diff", reviewed, "--exit-code", "--today", "2026-11-01")
    assert code == 0
    assert out.startswith("No changes from the review of 2026-11-01 to now (2026-11-01)")


def test_diff_of_two_map_files(mapfile, tmp_path, capsys):
    old = tmp_path / "old.json"
    shutil.copy(mapfile, old)
    assert run(capsys, "person", "rm", mapfile, "Maya Ortiz")[0] == 0
    code, out, _ = run(capsys, "diff", old, mapfile, "--today", "2026-11-01", "--exit-code")
    assert code == 1
    assert f"Changes from {old} to {mapfile}" in out
    assert "- Maya Ortiz left the map" in out
    assert "- Link removed: Maya Ortiz influences Dana Whitfield (strength 2)" in out
    code, out, _ = run(capsys, "diff", old, old, "--exit-code", "--today", "2026-11-01")
    assert code == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--since", "Q9"], "no review is labelled 'Q9'; use 'last', a date"),
        (["--since", "2026-09-01"], "no review was recorded on or before 2026-09-01"),
        (["{map}", "--since", "last"], "with two files (diff OLD NEW) leave it out"),
        (["{map}", "{map}"], "give one map (diff PATH [--since REVIEW]) or two"),
    ],
)
def test_bad_input_is_one_sentence_exit_2_and_the_file_untouched(reviewed, capsys, argv, message):
    before = reviewed.read_bytes()
    args = [a.replace("{map}", str(reviewed)) for a in argv]
    code, out, err = run(capsys, "diff", reviewed, *args)
    assert code == 2
    assert out == ""
    assert message in err and len(err.splitlines()) == 1
    assert reviewed.read_bytes() == before


def test_diff_without_reviews_says_how_to_record_one(mapfile, capsys):
    before = mapfile.read_bytes()
    code, _, err = run(capsys, "diff", mapfile)
    assert code == 2
    assert err == (
        "stakemap: error: the map has no reviews yet; record one with 'stakemap review'\n"
    )
    assert mapfile.read_bytes() == before


def test_review_with_a_bad_label_changes_nothing(mapfile, capsys):
    before = mapfile.read_bytes()
    code, _, err = run(capsys, "review", mapfile, "--label", "a\nb")
    assert code == 2 and "label" in err
    assert mapfile.read_bytes() == before


def test_user_text_reaches_the_terminal_as_plain_text(mapfile, capsys):
    assert run(capsys, "review", mapfile, "--label", "[bold]Q1[/bold]")[0] == 0
    assert run(capsys, "person", "set", mapfile, "Maya Ortiz", "--name", "Maya [red]x\x1b")[0] == 2
    assert run(capsys, "person", "set", mapfile, "Maya Ortiz", "--name", "Maya [red]x[/]")[0] == 0
    code, out, _ = run(capsys, "diff", mapfile)
    assert code == 0
    assert "Maya Ortiz is now called Maya [red]x[/]" in out
    assert "[bold]Q1[/bold]" in out
    assert "\x1b" not in out  # piped: no colour codes either


def test_text_is_coloured_on_a_terminal(reviewed, capsys, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    code, out, _ = run(capsys, "diff", reviewed)
    assert code == 0
    assert "\x1b[32m↑ Dana Whitfield: skeptic → supporter" in out  # green: better


@pytest.mark.parametrize("command", ["review", "reviews", "diff"])
@pytest.mark.parametrize("content", [b"", b"{not json", b'{"_default": []}', b"\xff\xfe"])
def test_a_broken_map_file_is_refused_untouched(tmp_path, capsys, command, content):
    path = tmp_path / "m.json"
    path.write_bytes(content)
    code, out, err = run(capsys, command, path)
    assert code == 2
    assert err.startswith("stakemap: error: ") and str(path) in err
    assert "Traceback" not in err and out == ""
    assert path.read_bytes() == content


def test_diff_reads_a_json_export_as_the_old_map(mapfile, tmp_path, capsys):
    old = tmp_path / "old-export.json"
    assert run(capsys, "export", mapfile, "-f", "json", "-o", old)[0] == 0
    assert run(capsys, "person", "set", mapfile, "Maya Ortiz", "--influence", "high")[0] == 0
    code, out, _ = run(capsys, "diff", old, mapfile, "--json")
    assert code == 0
    (maya,) = json.loads(out)["people"]["changed"]
    assert maya["fields"] == [{"field": "influence", "old": "low", "new": "high"}]
    bad = tmp_path / "bad-bundle.json"
    bad.write_text('{"format": "stakemap", "version": 99}', encoding="utf-8")
    code, _, err = run(capsys, "diff", bad, mapfile)
    assert code == 2 and str(bad) in err and "bundle" in err


def test_diff_against_a_hand_damaged_review_is_one_sentence_and_the_file_is_untouched(
    reviewed, capsys
):
    data = json.loads(reviewed.read_text(encoding="utf-8"))
    review = data["reviews"]["1"]
    review["changes"]["people"] = "AAAA" + review["changes"]["people"][4:]
    reviewed.write_text(json.dumps(data), encoding="utf-8")
    before = reviewed.read_bytes()
    code, out, err = run(capsys, "diff", reviewed)
    assert code == 2 and out == ""
    assert "is damaged: its stored changes cannot be read" in err
    assert len(err.strip().splitlines()) == 1
    assert reviewed.read_bytes() == before
