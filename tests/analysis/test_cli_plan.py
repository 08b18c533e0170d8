"""``stakemap plan`` end to end: formats, the cap, user errors, hostile names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from stakemap.store import MapStore

SKEPTICS = [
    {
        "name": f"Skep {i}",
        "title": "Head",
        "department": f"D{i}",
        "role": "user",
        "stance": "skeptic",
        "influence": "low",
        "coverage": "brief",
    }
    for i in range(9)
]
HOSTILE = {
    "name": "[bold]Ann[/bold] *Lee* <b>|",
    "title": "CIO",
    "department": "IT",
    "role": "decision_maker",
    "stance": "opponent",
    "influence": "high",
    "coverage": "brief",
    "last_contact": "2026-11-01",
}


@pytest.fixture
def crowded(tmp_path: Path, baseline) -> Path:
    path = tmp_path / "crowded.json"
    MapStore(path).create(baseline(people=SKEPTICS))
    return path


@pytest.fixture
def hostile(tmp_path: Path, baseline) -> Path:
    path = tmp_path / "hostile.json"
    MapStore(path).create(baseline(people=[HOSTILE]))
    return path


def test_json_is_capped_and_all_shows_everything(capsys, crowded):
    code, out, _ = run(capsys, "plan", crowded, "--json", "--today", "2026-11-30")
    assert code == 0
    data = json.loads(out)
    assert data["shown"] == len(data["items"]) == 7
    assert data["total"] > 7
    code, out, _ = run(
        capsys, "plan", crowded, "--format", "json", "--all", "--today", "2026-11-30"
    )
    assert len(json.loads(out)["items"]) == data["total"]
    code, out, _ = run(capsys, "plan", crowded, "--json", "--limit", "2")
    assert json.loads(out)["shown"] == 2


def test_text_says_how_many_of_how_many_and_prints_names_literally(capsys, hostile, crowded):
    code, out, _ = run(capsys, "plan", crowded, "--today", "2026-11-30")
    assert code == 0
    assert "7 of " in out
    code, out, _ = run(capsys, "plan", hostile, "--today", "2026-11-30")
    assert code == 0
    assert "[bold]Ann[/bold] *Lee* <b>|" in out
    assert out.splitlines()[0].startswith("Call plan")


def test_markdown_escapes_a_hostile_name(capsys, hostile):
    code, out, _ = run(capsys, "plan", hostile, "--format", "markdown", "--today", "2026-11-30")
    assert code == 0
    assert out.startswith("## Call plan")
    assert r"\[bold\]Ann\[/bold\] \*Lee\* &lt;b&gt;\|" in out
    assert "<b>" not in out and "*Lee*" not in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("plan",), "PATH"),
        (("plan", "missing.json"), "missing.json"),
        (("plan", "MAP", "--limit", "0"), "--limit"),
        (("plan", "MAP", "--today", "yesterday"), "--today"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(capsys, hostile, tmp_path, argv, needle):
    argv = tuple(str(hostile) if a == "MAP" else a for a in argv)
    if "missing.json" in argv:
        argv = ("plan", str(tmp_path / "missing.json"))
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert needle in err
    assert len(err.strip().splitlines()) == 1


def test_an_empty_map_says_what_to_do_next(capsys, tmp_path, make_map):
    path = tmp_path / "empty.json"
    MapStore(path).create(make_map())
    for fmt in ("text", "markdown"):
        code, out, _ = run(capsys, "plan", path, "--format", fmt)
        assert code == 0
        assert "add the people involved in the decision" in out
