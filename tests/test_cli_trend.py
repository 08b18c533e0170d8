"""``show PATH WHO``: how the person moved, as a compact trail and in the JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import run

from stakemap.cli import main
from stakemap.model import StakeMap
from stakemap.store import MapStore
from stakemap.timeline.reviews import record_review
from stakemap.timeline.state import records_state

TODAY = "2026-12-03"


def review(stakemap: StakeMap, day: str, label: str) -> None:
    record_review(stakemap, records_state(stakemap), day=date.fromisoformat(day), label=label)


@pytest.fixture
def mapfile(tmp_path: Path) -> Path:
    path = tmp_path / "acme.json"
    MapStore(path).create(StakeMap.new("Acme"))
    with MapStore(path).edit() as stakemap:
        stakemap.add_person(name="Dana Whitfield", stance="opponent", coverage="none")
    return path


def show(capsys, path: Path, *more: str) -> str:
    code, out, err = run(capsys, "show", str(path), "Dana Whitfield", "--today", TODAY, *more)
    assert code == 0, err
    return out


def test_show_without_reviews_says_there_is_no_trail_yet(mapfile, capsys):
    out = show(capsys, mapfile)
    assert "How they moved: no review or stance read yet." in out
    [now] = json.loads(show(capsys, mapfile, "--json"))["trail"]
    assert now == {
        "day": TODAY,
        "source": "now",
        "label": "now",
        "stance": "opponent",
        "coverage": "none",
        "influence": "low",
    }


def test_show_prints_the_trail_across_reviews_and_touches(mapfile, capsys):
    with MapStore(mapfile).edit() as stakemap:
        dana = stakemap.resolve("Dana Whitfield")
        review(stakemap, "2026-10-01", "Q1 deal review")
        stakemap.add_interaction(
            person=dana.id,
            date="2026-11-04",
            summary="demo went well",
            kind="demo",
            stance="skeptic",
        )
        stakemap.update_person(dana.id, stance="skeptic", coverage="brief")
        review(stakemap, "2026-11-10", "Q2 deal review")
        stakemap.update_person(dana.id, stance="neutral")
    out = show(capsys, mapfile)
    assert "How they moved" in out
    assert "stance: opponent (2026-10-01) → skeptic (2026-11-04) → neutral (now)" in out
    assert "coverage: none (2026-10-01) → brief (2026-11-10)" in out
    assert "influence:" not in out  # it did not move
    trail = json.loads(show(capsys, mapfile, "--json"))["trail"]
    assert [(p["day"], p["source"], p["stance"]) for p in trail] == [
        ("2026-10-01", "review", "opponent"),
        ("2026-11-04", "touch", "skeptic"),
        ("2026-11-10", "review", "skeptic"),
        (TODAY, "now", "neutral"),
    ]
    assert trail[1]["label"] == "demo went well" and trail[1]["coverage"] is None


def test_whole_map_json_has_no_trails(mapfile, capsys):
    code, out, _ = run(capsys, "show", str(mapfile), "--json")
    assert code == 0 and "trail" not in json.loads(out)


def test_show_json_lists_reviews_by_summary_and_the_export_spells_them_out(tmp_path, capsys):
    import json
    import shutil
    from pathlib import Path

    sample = tmp_path / "northwind.json"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "sample_maps" / "northwind.json", sample)
    assert main(["show", str(sample), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["reviews"] and all(
        "entries" not in r and "changes" not in r and r["label"] for r in shown["reviews"]
    )
    assert main(["export", str(sample), "--format", "json", "-o", str(tmp_path / "b.json")]) == 0
    exported = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert all(r["entries"] for r in exported["reviews"])
    assert {k: v for k, v in exported.items() if k != "reviews"} == {
        k: v for k, v in shown.items() if k != "reviews"
    }
