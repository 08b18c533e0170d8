"""User text made safe to show: on a terminal, and in documents people read.

A name, title or note is typed by a person or arrives from a CRM export. Two
kinds of invisible characters in it can lie to the reader:

- terminal controls (C0 such as ESC, DEL, and C1 such as U+009B, a one-byte
  CSI): printed raw they move the cursor, recolour or retitle the terminal,
  or hide the rest of the line;
- bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069): they
  reorder what follows, so "Ann\\u202eeeL" reads as another name ("Trojan
  source").

``terminal_text`` is the one filter every front end (CLI and app) passes user
text through; ``unbidi`` is the one the exporters use. Both are pure and live
on the ground floor so the CLI, the app and the exporters share them. The map
file keeps the exact text: only what is *shown* changes.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

__all__ = [
    "BIDI_CONTROLS",
    "document_text",
    "json_escape_controls",
    "json_text",
    "markdown_text",
    "terminal_text",
    "unbidi",
]

#: Embeddings, overrides and isolates. The marks U+200E/U+200F/U+061C are
#: kept: they only nudge neutral characters next to them and cannot reverse
#: a run of text, while right-to-left names may need them.
BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_DROP: Final = dict.fromkeys(map(ord, BIDI_CONTROLS))
#: Also the C1 controls (U+0080-U+009F; U+009B is a one-byte CSI), which the
#: map accepts but a terminal replays when someone ``cat``s a document.
_DOCUMENT_DROP: Final = {**_BIDI_DROP, **dict.fromkeys(range(0x80, 0xA0))}

#: Every code point a terminal may act on, plus the bidi controls, except tab,
#: newline and carriage return, which the caller decides about.
_UNSAFE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_text(text: str, *, multiline: bool = False) -> str:
    r"""``text`` with every terminal control and bidi control shown as an escape.

    The escape (``\x1b``, ``\x9b``, ``\u202e``) stays visible, so the reader
    sees that the value holds something odd, and nothing reaches the terminal
    raw. Single-line values (names in a table or a message) get tabs and line
    breaks as spaces so they cannot forge a line of output; ``multiline`` keeps
    ``\n`` and ``\t`` (notes).

    >>> terminal_text("Ann\x1b[2J\x9bLee\u202e")
    'Ann\\x1b[2J\\x9bLee\\u202e'
    >>> terminal_text("a\nb\tc"), terminal_text("a\r\nb\tc", multiline=True)
    ('a b c', 'a\nb\tc')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return _UNSAFE.sub(_visible, text)


def unbidi(text: str) -> str:
    """``text`` without bidi overrides and isolates (for exported documents).

    Documents cannot show an escape as readably as a terminal can, and the
    controls carry no meaning a reader needs, so they are dropped.

    >>> unbidi("Ann\\u202eeeL")
    'AnneeL'
    """
    return text.translate(_BIDI_DROP)


def document_text(text: str) -> str:
    """``unbidi`` plus the C1 controls, for documents only people read (HTML, SVG,
    DOT, Mermaid); CSV keeps them so that its import round trip stays exact.

    >>> document_text("Ann\\u202eeeL\\x9b2J")
    'AnneeL2J'
    """
    return text.translate(_DOCUMENT_DROP)


#: Characters JSON may carry raw but a terminal acts on (DEL, C1, bidi controls).
_JSON_UNSAFE: Final = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_escape_controls(encoded: str) -> str:
    """Encoded JSON with the characters a terminal acts on written as ``\\uXXXX``.

    Outside strings JSON holds none of them, so the result decodes to the same
    data: exact for machines, inert when someone ``cat``s it (CLI output, JSON
    exports).

    >>> json_escape_controls('{"name": "Ann\x9b2J\u202e"}')
    '{"name": "Ann\\\\u009b2J\\\\u202e"}'
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


_MARKDOWN_INLINE: Final = re.compile(r"([\\`*_\[\]|~])")
_MARKDOWN_BLOCK_START: Final = re.compile(r"^(\d+(?=[.)])|[#+\-=>])")


def markdown_text(text: str) -> str:
    """Inline Markdown text: no markup, no raw HTML, safe inside a table cell.

    Here (not in ``export``) because the analysis's Markdown report, below the
    exporters, needs the same escaper: one copy for both.

    ``<``, ``>`` and ``&`` become entities (so no renderer sees a tag); inline
    markup characters and the table pipe are backslash-escaped, and so is a
    leading character that would start a heading, list or quote. Newlines
    become spaces so a note cannot break out of its table row. Control
    characters and bidi controls are dropped. Other punctuation is left alone
    so the raw file stays readable.

    >>> markdown_text("<b>A|B</b> *x*")
    '&lt;b&gt;A\\\\|B&lt;/b&gt; \\\\*x\\\\*'
    >>> markdown_text("# not a heading")
    '\\\\# not a heading'
    """
    text = _CONTROLS.sub("", unbidi(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = " ".join(text.split())
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    match = _MARKDOWN_BLOCK_START.match(text)
    if match:
        end = match.end()
        if match.group(1)[0].isdigit():
            return text[:end] + "\\" + text[end:]
        return "\\" + text
    return text


#: Controls a Markdown file should not carry (whitespace controls become spaces first).
_CONTROLS: Final = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
#: Levels of nesting laid out one item per line; anything deeper is one line.
_LAID_OUT = 2


def json_text(data: Any, *, _depth: int = 0) -> str:
    """JSON with the top two levels one item per line and each record on one line.

    A map's bundle then reads (and greps, and diffs) one person, link or touch
    per line, like the map file. It is also what makes it fast: Python's C
    encoder only runs without ``indent=``, so each record is encoded by it and
    only the outer lines are laid out here (``indent=2`` over a 10,000-person
    map with its history took 18 s; this takes well under one).

    >>> print(json_text({"a": [{"x": 1}, {"y": [2, 3]}], "b": {}}))
    {
      "a": [
        {"x": 1},
        {"y": [2, 3]}
      ],
      "b": {}
    }
    """
    if _depth >= _LAID_OUT or not isinstance(data, dict | list) or not data:
        return _COMPACT(data)
    pad = "  " * (_depth + 1)
    if isinstance(data, dict):
        items = [
            f"{pad}{_COMPACT(str(k))}: {json_text(v, _depth=_depth + 1)}" for k, v in data.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + "  " * _depth + "}"
    items = [f"{pad}{json_text(v, _depth=_depth + 1)}" for v in data]
    return "[\n" + ",\n".join(items) + "\n" + "  " * _depth + "]"
