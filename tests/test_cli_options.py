"""Options shared by several commands behave the same in each."""

from __future__ import annotations

from pathlib import Path

import pytest

from stakemap.cli import main


@pytest.fixture
def mapfile(tmp_path: Path) -> Path:
    path = tmp_path / "m.json"
    assert main(["new", str(path), "--account", "Acme"]) == 0
    return path


def _commands(mapfile: Path) -> dict[str, list[str]]:
    out = str(mapfile.with_suffix(".md"))
    return {
        "analyze": ["analyze", str(mapfile), "--format", "json"],
        "export": ["export", str(mapfile), "-o", out, "--force"],
    }


@pytest.mark.parametrize("command", ["analyze", "export"])
@pytest.mark.parametrize("bad", ["30/11/2026", "yesterday", "2026-02-30", ""])
def test_a_bad_today_is_refused_in_the_same_words_by_every_command(capsys, mapfile, command, bad):
    before = mapfile.read_bytes()
    capsys.readouterr()
    assert main([*_commands(mapfile)[command], "--today", bad]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "argument --today:" in err
    assert "use YYYY-MM-DD, e.g. 2026-11-30" in err
    assert mapfile.read_bytes() == before


@pytest.mark.parametrize("command", ["analyze", "export"])
@pytest.mark.parametrize("good", ["2026-11-30", " 2026-11-30 ", "2026-11-30T09:30:00"])
def test_every_command_takes_today_as_a_date_field_does(capsys, mapfile, command, good):
    assert main([*_commands(mapfile)[command], "--today", good]) == 0
