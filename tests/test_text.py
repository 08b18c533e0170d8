"""The one filter for user text on a terminal, and the analysis free of terminal code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from stakemap.text import terminal_text, unbidi

ANALYSIS = Path(__file__).resolve().parents[1] / "stakemap" / "analysis"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Ann\x1b[2JLee", "Ann\\x1b[2JLee"),
        ("Ann\u009b31mLee", "Ann\\x9b31mLee"),
        ("a\x7fb\x00c\x07", "a\\x7fb\\x00c\\x07"),
        ("Ann\u202eeeL\u2066x\u2069", "Ann\\u202eeeL\\u2066x\\u2069"),
        ("two\nlines\tand\r\nmore", "two lines and more"),
        ("Zoë 漢字 O’Brien \u200f", "Zoë 漢字 O’Brien \u200f"),
    ],
)
def test_terminal_text_shows_every_control_as_an_escape(raw: str, shown: str) -> None:
    assert terminal_text(raw) == shown


def test_terminal_text_keeps_lines_when_asked() -> None:
    assert terminal_text("a\nb\tc\x1b", multiline=True) == "a\nb\tc\\x1b"


def test_unbidi_drops_only_overrides_and_isolates() -> None:
    assert unbidi("\u202aa\u202bb\u202cc\u202dd\u202ee\u2066f\u2067g\u2068h\u2069\u200e") == (
        "abcdefgh\u200e"
    )


@pytest.mark.parametrize("path", sorted(ANALYSIS.rglob("*.py")), ids=lambda p: p.name)
def test_the_analysis_imports_no_terminal_library(path: Path) -> None:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        assert not [n for n in names if n.split(".")[0] == "rich"], f"{path.name}:{node.lineno}"
