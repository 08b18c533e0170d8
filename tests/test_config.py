"""One configuration for every front end: the files, their order, and bad files.

A team's ``stakemap.toml`` beside its maps must change what ``analyze``, the
exports and ``stakemap config`` say, with the map's file winning over the
user's, and a broken file refused in one sentence naming file, key and value.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stakemap.config import (
    DEFAULT,
    ConfigError,
    load_settings,
    map_config_path,
    parse_config,
    user_config_path,
)
from tests.cli_helpers import run

TODAY = "2026-12-01"


@pytest.fixture
def deal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A map whose economic buyer was last contacted 40 days before ``TODAY``."""
    path = tmp_path / "deals" / "acme.json"
    path.parent.mkdir()
    assert run(capsys, "new", path, "--account", "Acme", "--initiative", "RevOps")[0] == 0
    code, _, err = run(
        capsys,
        "person", "add", path, "--name", "Bea Cole", "--role", "economic_buyer",
        "--stance", "supporter", "--coverage", "multiple", "--last-contact", "2026-10-22",
    )  # fmt: skip
    assert code == 0, err
    return path


def stale_findings(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> list[str]:
    code, out, err = run(capsys, "analyze", path, "--format", "json", "--today", TODAY, *extra)
    assert code == 0, err
    return [f["message"] for f in json.loads(out)["findings"] if f["rule"] == "stale-contact"]


def test_defaults_when_no_file_exists(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "acme.json")
    assert settings.files == ()
    assert settings.analysis.stale_days == 60
    assert settings.source("stale_days") == DEFAULT


def test_the_map_file_overrides_the_user_file_key_by_key(tmp_path: Path) -> None:
    user = user_config_path()
    user.parent.mkdir(parents=True)
    user.write_text("[thresholds]\nstale_days = 90\ntop_priorities = 5\n")
    map_path = tmp_path / "acme.json"
    map_config_path(map_path).write_text("[thresholds]\nstale_days = 30\n")
    settings = load_settings(map_path)
    assert settings.analysis.stale_days == 30
    assert settings.analysis.top_priorities == 5
    assert settings.source("stale_days") == str(map_config_path(map_path))
    assert settings.source("top_priorities") == str(user)
    assert settings.source("broker_top") == DEFAULT


def test_per_role_stale_limit_and_department_rules_are_read() -> None:
    found = parse_config(
        "[stale_contact]\neconomic_buyer = 30\n[departments]\nreal_share = 0.3\nknown_share = 0.6\n"
    )
    assert found == {
        "stale_contact.economic_buyer": 30,
        "department_real_share": 0.3,
        "department_known_share": 0.6,
    }


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("[thresholds]\nstale_days = 'soon'\n", "[thresholds] stale_days = 'soon'"),
        ("[thresholds]\nstale_dayz = 3\n", "'stale_dayz' is not a threshold"),
        ("[stale_contact]\nceo = 3\n", "'ceo' is not a role"),
        ("[stale_contact]\napprover = -4\n", "approver = -4"),
        ("[departments]\nreal_share = 1.5\n", "real_share = 1.5"),
        ("[colours]\nx = 1\n", "'colours' is not a section"),
        ("stale_days = 3\n", "stale_days = 3 is outside a section; put it under [thresholds]"),
        ("[thresholds\n", "not valid TOML"),
    ],
)
def test_a_bad_file_names_file_key_and_value(text: str, named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, source="team/stakemap.toml")
    message = str(caught.value)
    assert message.startswith("team/stakemap.toml: ")
    assert named in message
    assert "\n" not in message


def test_analyze_reads_the_file_beside_the_map(
    capsys: pytest.CaptureFixture[str], deal: Path
) -> None:
    assert stale_findings(capsys, deal) == []  # 40 days: within the default 60
    map_config_path(deal).write_text("[stale_contact]\neconomic_buyer = 30\n")
    (message,) = stale_findings(capsys, deal)
    assert "40 days ago" in message
    # --set still wins over the files
    assert stale_findings(capsys, deal, "--set", "stale_days=10") != []


def test_export_reads_the_same_file(capsys: pytest.CaptureFixture[str], deal: Path) -> None:
    def exported() -> str:
        code, out, err = run(
            capsys, "export", deal, "--format", "markdown", "-o", "-", "--today", TODAY
        )
        assert code == 0, err
        return out

    assert "40 days ago" not in exported()
    map_config_path(deal).write_text("[stale_contact]\neconomic_buyer = 30\n")
    assert "40 days ago" in exported()


def test_a_bad_file_stops_analyze_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], deal: Path
) -> None:
    before = deal.read_bytes()
    map_config_path(deal).write_text("[thresholds]\nstale_days = 'soon'\n")
    code, out, err = run(capsys, "analyze", deal)
    assert code == 2
    assert out == ""
    assert str(map_config_path(deal).resolve()) in err
    assert "stale_days = 'soon'" in err
    assert len(err.strip().splitlines()) == 1
    assert deal.read_bytes() == before


def test_config_command_prints_values_and_sources(
    capsys: pytest.CaptureFixture[str], deal: Path
) -> None:
    beside = map_config_path(deal)
    beside.write_text("[thresholds]\ntop_priorities = 4\n[stale_contact]\napprover = 21\n")
    code, out, _ = run(capsys, "config", deal)
    assert code == 0
    line = next(row for row in out.splitlines() if row.startswith("top_priorities"))
    assert line.split()[1:] == ["4", str(beside)]
    line = next(row for row in out.splitlines() if row.startswith("stale_contact.approver"))
    assert line.split()[1:] == ["21", str(beside)]
    line = next(row for row in out.splitlines() if row.startswith("stale_days "))
    assert line.split()[1:] == ["60", DEFAULT]
    code, out, _ = run(capsys, "config", deal, "--json")
    data = json.loads(out)
    assert data["files"] == [str(beside)]
    rows = {row["name"]: row for row in data["settings"]}
    assert rows["top_priorities"] == {"name": "top_priorities", "value": 4, "source": str(beside)}
