"""One table for each fact: link wording lives in ``vocab.LINK_WORDS`` and the
Markdown escaper in ``stakemap.text``; no module writes its own copy."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from stakemap.vocab import LINK_WORDS, LinkKind, link_sentence

PACKAGE = Path(__file__).resolve().parents[1] / "stakemap"
PHRASES = {
    phrase
    for words in LINK_WORDS.values()
    for phrase in (words.verb, words.label, words.inverse, words.inverse_label)
} | {"is influenced by", "influenced by"}


def _string_pieces(tree: ast.AST) -> list[tuple[int, str]]:
    """String constants that are not docstrings, f-string pieces included."""
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PACKAGE.rglob("*.py")) if p.name != "vocab.py"],
    ids=lambda p: p.relative_to(PACKAGE).as_posix(),
)
def test_no_module_spells_out_link_wording(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for line, text in _string_pieces(tree):
        assert text.strip(" ┄→←—") not in PHRASES, f"{path.name}:{line} {text!r}"
    names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert not {"md_escape", "markdown_escape"} & names, path.name


def test_every_kind_has_words() -> None:
    assert set(LINK_WORDS) == set(LinkKind)
    assert link_sentence("A", LinkKind.INFLUENCES, "B", 3) == "A influences B (strength 3)"
    assert link_sentence("A", LinkKind.REPORTS_TO, "B", 2) == "A reports to B"
