"""The heading every warning dialog opens with (a file changed, edits not saved)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

__all__ = ["warning_heading"]


def warning_heading(title: str, *text: str | tuple[str, str]) -> ComposeResult:
    """A bold title and its explanation, as ``Content`` parts (plain text, never markup).

    Values from the user (a path) go in already through ``format.shown``.
    """
    yield Static(Content.styled(title, "bold $text-error"), classes="dialog-title")
    yield Static(Content.assemble(*text), classes="dialog-text")
