"""``stakemap export``: exit codes, messages, files, modes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sm_testmaps import build_hostile, build_northwind

from stakemap.cli import main
from stakemap.store import MapStore


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "northwind.json"
    MapStore(path).create(build_northwind())
    return path


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    return out


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("fmt", "names"),
    [
        ("markdown", ["northwind-logistics.md"]),
        ("html", ["northwind-logistics.html"]),
        ("svg", ["northwind-logistics.svg"]),
        ("mermaid", ["northwind-logistics.mmd"]),
        ("dot", ["northwind-logistics.dot"]),
        (
            "csv",
            [
                "northwind-logistics.csv",
                "northwind-logistics.links.csv",
                "northwind-logistics.account.csv",
                "northwind-logistics.interactions.csv",
            ],
        ),
        ("json", ["northwind-logistics.stakemap.json"]),
        ("graphml", ["northwind-logistics.graphml"]),
        ("gexf", ["northwind-logistics.gexf"]),
    ],
)
def test_default_output_name_and_private_mode(fmt, names, map_file, workdir, capsys):
    assert main(["export", str(map_file), "--format", fmt, "--today", "2026-11-02"]) == 0
    assert sorted(p.name for p in workdir.iterdir()) == sorted(names)
    for name in names:
        assert stat.S_IMODE((workdir / name).stat().st_mode) == 0o600
    assert capsys.readouterr().err.startswith("wrote northwind-logistics")


def test_refuses_to_overwrite_then_force_replaces(map_file, workdir, capsys):
    target = workdir / "deal.md"
    target.write_text("keep")
    assert main(["export", str(map_file), "-o", str(target)]) == 2
    assert "already exists; add --force" in _one_line_error(capsys)
    assert target.read_text() == "keep"
    assert main(["export", str(map_file), "-o", str(target), "--force"]) == 0
    assert target.read_text().startswith("# Deal review: Northwind Logistics")


def test_format_comes_from_the_output_name(map_file, workdir):
    assert main(["export", str(map_file), "-o", "map.gv"]) == 0
    assert (workdir / "map.gv").read_text().startswith("digraph")


def test_no_format_and_no_extension_is_an_error(map_file, workdir, capsys):
    assert main(["export", str(map_file), "-o", "deal"]) == 2
    assert "say which format with --format" in _one_line_error(capsys)


def test_unknown_format_lists_the_formats(map_file, workdir, capsys):
    assert main(["export", str(map_file), "--format", "pdf"]) == 2
    assert "use one of: markdown, html, svg" in _one_line_error(capsys)


def test_missing_or_broken_map_exits_2(tmp_path, workdir, capsys):
    assert main(["export", str(tmp_path / "nope.json"), "--format", "svg"]) == 2
    assert "no such file" in _one_line_error(capsys)
    broken = tmp_path / "broken.json"
    broken.write_text('{"meta": {"1": {"app": "stakemap"')
    assert main(["export", str(broken), "--format", "svg"]) == 2
    assert "truncated" in _one_line_error(capsys)
    assert list(workdir.iterdir()) == []


def test_bad_today_is_a_usage_error(map_file, workdir, capsys):
    assert main(["export", str(map_file), "-f", "md", "--today", "yesterday"]) == 2
    assert "not a date" in _one_line_error(capsys)


def test_stdout_for_text_formats(map_file, workdir, capsys):
    assert main(["export", str(map_file), "-f", "mermaid", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("flowchart TB\n")
    assert list(workdir.iterdir()) == []


def test_stdout_refused_for_multi_file_csv(map_file, workdir, capsys):
    assert main(["export", str(map_file), "-f", "csv", "-o", "-"]) == 2
    assert "writes 4 files" in _one_line_error(capsys)


def test_redact_and_anonymize_flags_reach_the_file(map_file, workdir):
    assert main(["export", str(map_file), "-f", "json", "-o", "r.json", "--redact"]) == 0
    data = json.loads((workdir / "r.json").read_text())
    assert all(p["notes"] == "" and p["email"] == "" for p in data["stakeholders"])
    assert "Ingrid Halvorsen" in {p["name"] for p in data["stakeholders"]}
    assert main(["export", str(map_file), "-f", "json", "-o", "a.json", "--anonymize"]) == 0
    text = (workdir / "a.json").read_text()
    assert "Ingrid" not in text and "Finance economic buyer" in text


def test_mode_option(map_file, workdir):
    assert main(["export", str(map_file), "-f", "svg", "-o", "m.svg", "--mode", "644"]) == 0
    assert stat.S_IMODE((workdir / "m.svg").stat().st_mode) == 0o644


def test_never_writes_over_the_map_itself(map_file, workdir, capsys):
    before = map_file.read_bytes()
    assert main(["export", str(map_file), "-f", "json", "-o", str(map_file), "--force"]) == 2
    assert "the map being exported" in _one_line_error(capsys)
    assert map_file.read_bytes() == before


def test_subprocess_export_of_hostile_map_to_stdout(tmp_path):
    path = tmp_path / "hostile.json"
    MapStore(path).create(build_hostile())
    env = {**os.environ, "COLUMNS": "80"}
    result = subprocess.run(
        [sys.executable, "-m", "stakemap", "export", str(path), "-f", "html", "-o", "-"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    page = result.stdout.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert result.stderr == b""  # no progress bar or message when not on a terminal
