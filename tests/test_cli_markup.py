"""Hostile names through every CLI command: printed as text, never as markup or
terminal controls, and never a crash after the file was written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from stakemap.store import MapStore

#: Each is a Rich markup error, a hidden hyperlink, a colour, a style or an escape.
HOSTILE = [
    "Ann [/x] Lee",
    "[link=https://evil.example]Eve[/link]",
    "Bo [red]Chen",
    "[bold]",
    "Cy \\[ Dee",
    "Di :smile: Eo",
]


@pytest.fixture
def hostile_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "m.json"
    code, _, err = run(
        capsys, "new", str(path), "--account", "[bold]Acme [/x]", "--initiative", "[red]RevOps"
    )
    assert code == 0, err
    assert "[bold]Acme [/x]" in err
    for name in HOSTILE:
        code, _, err = run(
            capsys, "person", "add", str(path), "--name", name, "--department", "R[&]D [/]"
        )
        assert code == 0, err
        assert f"added {name} to" in err
    return path


def test_new_and_person_add_print_names_literally(hostile_map: Path) -> None:
    people = MapStore(hostile_map).load().people
    assert sorted(p.name for p in people) == sorted(HOSTILE)  # each written exactly once


def test_show_prints_every_name_literally_and_no_hyperlink(
    hostile_map: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "show", str(hostile_map))
    assert code == 0, err
    for name in HOSTILE:
        assert name in out
    assert "[bold]Acme [/x]  [red]RevOps" in out
    assert "R[&]D [/]" in out
    assert "\x1b]8;" not in out  # no OSC 8 hyperlink


def test_person_set_rm_link_add_rm_print_names_literally(
    hostile_map: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(hostile_map)
    code, _, err = run(capsys, "person", "set", path, "Ann [/x] Lee", "--title", "[b]CFO[/b]")
    assert (code, err.strip()) == (0, "updated Ann [/x] Lee: title")
    evil = "[link=https://evil.example]Eve[/link]"
    code, _, err = run(capsys, "link", "add", path, "Ann [/x] Lee", evil, "--kind", "influences")
    assert code == 0, err
    assert f"linked Ann [/x] Lee influences {evil} (strength 2)" in err
    code, out, err = run(capsys, "show", path)
    assert code == 0 and "[b]CFO[/b]" not in out  # the title column is dropped at 80 columns
    code, _, err = run(capsys, "link", "rm", path, "Ann [/x] Lee", evil)
    assert code == 0, err
    assert f"removed the link: Ann [/x] Lee influences {evil} (strength 2)" in err
    code, _, err = run(capsys, "link", "rm", path, "Ann [/x] Lee", evil)
    assert code == 2
    assert f"there is no link from Ann [/x] Lee to {evil}" in err
    code, _, err = run(capsys, "person", "rm", path, "Bo [red]Chen")
    assert (code, err.strip()) == (0, "removed Bo [red]Chen and 0 links")


def test_account_set_analyze_export_import_print_literally(
    hostile_map: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(hostile_map)
    code, _, err = run(capsys, "account", "set", path, "--account", "[i]Acme[/i] [/x]")
    assert (code, err.strip()) == (0, "updated account [i]Acme[/i] [/x]")
    code, out, err = run(capsys, "analyze", path)
    assert code == 0, err
    assert "[i]Acme[/i] [/x]" in out
    assert "R[&]D [/] unknown" in out
    code, out, err = run(capsys, "analyze", path, "--list-rules")
    assert code == 0, err
    csv_out = tmp_path / "[x] out [y].csv"
    code, _, err = run(capsys, "export", path, "-o", str(csv_out))
    assert code == 0, err
    assert str(csv_out) in err
    code, _, err = run(capsys, "import", str(csv_out), "-o", str(tmp_path / "[z].json"))
    assert code == 0, err
    assert "[z].json: added 6 people" in err


def test_terminal_controls_in_names_are_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "m.json")
    assert run(capsys, "new", path, "--account", "Acme\u009b2J")[0] == 0
    name = "Eve\u009b31m\u202eX"
    code, pid, err = run(capsys, "person", "add", path, "--name", name)
    assert code == 0, err
    assert "added Eve\\x9b31m\\u202eX to" in err
    code, _, err = run(capsys, "person", "set", path, pid.strip(), "--title", "CFO\u009b2J")
    assert (code, err.strip()) == (0, "updated Eve\\x9b31m\\u202eX: title")
    for argv in (("show", path), ("analyze", path), ("show", path, "--json")):
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        for raw in ("\u009b", "\u202e"):
            assert raw not in out + err, argv
    code, out, _ = run(capsys, "show", path, "--json")
    assert json.loads(out)["stakeholders"][0]["name"] == name  # escaped, not changed
    code, _, err = run(capsys, "person", "rm", path, "No\u009bbody")
    assert code == 2 and "\u009b" not in err and "No\\x9bbody" in err


def test_cli_prints_text_only_through_the_output_helpers() -> None:
    """A message built from a string (an f-string quoting a name) must go through
    ``output.say`` or ``output.user``, which escape terminal controls; printing it
    directly is how a future message would forget."""
    import ast

    cli = Path(__file__).resolve().parents[1] / "stakemap" / "cli"
    for path in sorted(cli.glob("*.py")):
        if path.name == "output.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            texty = isinstance(first, ast.JoinedStr | ast.BinOp) or (
                isinstance(first, ast.Constant) and isinstance(first.value, str)
            )
            assert not (name in ("print", "log", "write") and texty), (
                f"{path.name}:{node.lineno} prints text directly; use output.say/user"
            )
