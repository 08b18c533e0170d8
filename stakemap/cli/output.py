"""Terminal output: rich consoles that go plain when piped, and never read user text
as markup.

Names, titles and file names are user text: ``Ann [/x] Lee`` is a Rich markup
error, ``[link=…]`` a hidden hyperlink, ``:smile:`` an emoji and ESC or U+009B
a terminal command. So the consoles here have markup, emoji and highlighting
off (styles come only from ``Text`` objects the CLI builds), ``say`` is the
one way to print a message line, and ``user`` the one way to put a user value
into a table or a styled line. Both pass the text through
``stakemap.text.terminal_text``.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from stakemap.text import json_escape_controls, json_text, terminal_text

__all__ = ["err", "out", "print_json", "say", "titled_table", "user"]


def out() -> Console:
    """Console on stdout; rich drops colour and wraps at 80 columns when piped."""
    return Console(highlight=False, soft_wrap=False, markup=False, emoji=False)


def err() -> Console:
    return Console(stderr=True, highlight=False, markup=False, emoji=False)


def user(value: str, style: str | Style = "") -> Text:
    """A user value as rich text: literal, one line, terminal controls shown as escapes."""
    return Text(terminal_text(value), style=style, end="")


def say(message: str) -> None:
    """One message line on stderr ("added Ann Lee to m.json"), printed literally."""
    err().print(terminal_text(message), soft_wrap=True)


def print_json(data: Any) -> None:
    """Machine output: plain ``json`` (not rich), so pipes get exact bytes.

    Non-ASCII text stays readable, but the characters a terminal would act on
    are written as ``\\uXXXX`` escapes, which decode to the same string.
    """
    text = json_text(data)
    sys.stdout.write(json_escape_controls(text) + "\n")


def titled_table(title: str) -> Table:
    """The one look of the CLI's tables: title on the left, no box, underlined header."""
    return Table(
        title=title,
        title_justify="left",
        box=None,
        pad_edge=False,
        header_style="bold underline",
    )
