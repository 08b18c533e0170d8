"""``stakemap analyze`` end to end: formats, filters, exit codes, user errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

from stakemap.analysis import RULES
from stakemap.store import MapStore

SAM = {
    "name": "Sam Skeptic",
    "title": "CIO",
    "department": "IT",
    "role": "decision_maker",
    "stance": "opponent",
    "influence": "high",
    "coverage": "brief",
    "last_contact": "2026-06-01",
}


@pytest.fixture
def mapfile(tmp_path: Path, baseline) -> Path:
    path = tmp_path / "acme.json"
    MapStore(path).create(baseline(people=[SAM]))
    return path


@pytest.fixture
def healthy(tmp_path: Path, baseline) -> Path:
    path = tmp_path / "healthy.json"
    MapStore(path).create(baseline())
    return path


def test_subprocess_json_output_is_stable_and_parses(mapfile):
    argv = [
        sys.executable,
        "-m",
        "stakemap",
        "analyze",
        str(mapfile),
        "--format",
        "json",
        "--today",
        "2026-11-30",
    ]
    first = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60)
    second = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert list(data) == ["map", "health", "departments", "people", "findings"]
    assert any(f["rule"] == "blocker" for f in data["findings"])


def test_text_is_the_default_and_names_the_blocker(capsys, mapfile):
    code, out, _ = run(capsys, "analyze", str(mapfile), "--today", "2026-11-30")
    assert code == 0
    assert "Deal health: " in out
    assert "blocker  Sam Skeptic" in out


def test_markdown_format(capsys, mapfile):
    code, out, _ = run(capsys, "analyze", str(mapfile), "--format", "markdown")
    assert code == 0
    assert out.startswith("## Acme Corp: RevOps platform")


def test_rule_and_min_severity_filter_the_findings(capsys, mapfile):
    code, out, _ = run(
        capsys,
        "analyze",
        str(mapfile),
        "--format",
        "json",
        "--rule",
        "stale-contact",
        "--today",
        "2026-11-30",
    )
    assert code == 0
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"stale-contact"}
    code, out, _ = run(
        capsys,
        "analyze",
        str(mapfile),
        "--format",
        "json",
        "--min-severity",
        "high",
        "--today",
        "2026-11-30",
    )
    assert code == 0
    severities = {f["severity"] for f in json.loads(out)["findings"]}
    assert severities == {"high"}


def test_fail_on_exit_codes(capsys, mapfile, healthy):
    assert run(capsys, "analyze", str(mapfile), "--fail-on", "high")[0] == 1
    assert run(capsys, "analyze", str(healthy), "--fail-on", "low", "--today", "2026-11-30")[0] == 0
    # only the selected rules count
    assert (
        run(
            capsys,
            "analyze",
            str(mapfile),
            "--fail-on",
            "high",
            "--rule",
            "stale-contact",
            "--today",
            "2026-11-30",
        )[0]
        == 0
    )
    assert (
        run(
            capsys,
            "analyze",
            str(mapfile),
            "--fail-on",
            "low",
            "--rule",
            "stale-contact",
            "--today",
            "2026-11-30",
        )[0]
        == 1
    )


def test_set_overrides_a_threshold(capsys, mapfile):
    args = [
        "analyze",
        str(mapfile),
        "--format",
        "json",
        "--rule",
        "stale-contact",
        "--today",
        "2026-11-30",
    ]
    assert json.loads(run(capsys, *args)[1])["findings"]
    assert not json.loads(run(capsys, *args, "--set", "stale_days=400")[1])["findings"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--rule", "nope"], "'nope' is not a rule"),
        (["--today", "30/11/2026"], "is not a date; use YYYY-MM-DD"),
        (["--set", "stale_days=x"], "stale_days must be a whole number"),
        (["--format", "pdf"], "invalid choice"),
        (["--fail-on", "urgent"], "invalid choice"),
    ],
)
def test_user_errors_exit_2_with_one_line(capsys, mapfile, extra, message):
    code, out, err = run(capsys, "analyze", str(mapfile), *extra)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1
    assert out == ""


def test_bad_file_exits_2_naming_it(capsys, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{ not json")
    code, _, err = run(capsys, "analyze", str(bad))
    assert code == 2
    assert "broken.json" in err
    assert bad.read_text() == "{ not json"


def test_list_rules(capsys):
    code, out, _ = run(capsys, "analyze", "--list-rules")
    assert code == 0
    assert out.splitlines()[0].startswith("blocker")
    assert len(out.splitlines()) == len(RULES)


def test_show_displays_influence_scores(capsys, mapfile):
    code, out, _ = run(capsys, "show", str(mapfile))
    assert code == 0
    assert "Influence" in out
    assert "PageRank" in out
