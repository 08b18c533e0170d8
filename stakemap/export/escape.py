"""Escaping for every output format, in one place so a hostile name is handled once.

A stakeholder's name, title or note is typed by a person or arrives from a CRM
export: it must come out of every format as the same text, never as markup,
a formula or graph syntax. Each function here makes one string safe for one
context; the exporters never concatenate user text without going through one.
Every function for a document people read (HTML, SVG, CSV, Markdown, DOT,
Mermaid) also drops bidi overrides (``stakemap.text.unbidi``), which could
make a name read as another; all but CSV drop C1 controls too
(``document_text``). ``markdown_text`` lives in ``stakemap.text`` because the
analysis report uses it too.
"""

from __future__ import annotations

import html
import re
from typing import Final

from stakemap.text import document_text, markdown_text, unbidi

__all__ = [
    "CSV_TRIGGERS",
    "csv_cell",
    "csv_uncell",
    "dot_string",
    "markdown_text",
    "mermaid_label",
    "truncate",
    "xml_clean",
    "xml_text",
]

#: Characters XML 1.0 cannot carry at all, not even as references (C0 controls
#: other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). networkx's writers
#: and ``html.escape`` pass them through, producing files parsers reject.
_XML_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_clean(text: str) -> str:
    """Drop characters no XML document may contain (a CRM export can carry them).

    >>> xml_clean("a\\x00b\\x1bc\\td")
    'abc\\td'
    """
    return _XML_ILLEGAL.sub("", text)


def xml_text(text: str) -> str:
    """Text for an XML/HTML/SVG element body or a double- or single-quoted attribute.

    >>> xml_text('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return html.escape(document_text(xml_clean(text)), quote=True)


#: OWASP "CSV injection": a cell starting with one of these is a formula (or
#: becomes one after a spreadsheet trims a tab/CR). A leading apostrophe is
#: included so that the neutralising quote can be undone unambiguously.
CSV_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_cell(text: str) -> str:
    """Neutralise a CSV cell as OWASP advises: prefix a single quote.

    Spreadsheets show ``'=1+1`` as the text ``=1+1``-with-a-quote and never
    evaluate it. Cells that already start with a quote get one more, so
    ``csv_uncell`` can always remove exactly one and round-trips stay exact.

    >>> csv_cell('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> csv_uncell(csv_cell("'quoted")) == "'quoted"
    True
    """
    text = unbidi(text)
    if text.startswith(CSV_TRIGGERS):
        return "'" + text
    return text


def csv_uncell(text: str) -> str:
    """Undo ``csv_cell`` (for stakemap's own CSV exports only)."""
    if text.startswith("'") and text[1:].startswith(CSV_TRIGGERS):
        return text[1:]
    return text


#: Characters left as they are in a Mermaid label; everything else becomes an
#: entity code (``#34;``). Letters and digits of any script stay readable.
_MERMAID_SAFE: Final = frozenset(" .,()_-/:'!?")


def mermaid_label(text: str) -> str:
    """A Mermaid label body for use inside double quotes (``n1["…"]``).

    Mermaid's entity codes (``#60;``) cover every character that could end the
    quote, open markup, start a Markdown string (backtick) or a comment
    (``%%``), or close the surrounding Markdown fence. Node ids are generated,
    never taken from user text.

    >>> mermaid_label('"]; A-->B')
    '#34;#93;#59; A--#62;B'
    """
    out = []
    for char in document_text(xml_clean(text)):
        if char.isalnum() or char in _MERMAID_SAFE:
            out.append(char)
        elif char in "\t\n\r":
            out.append(" ")
        else:
            out.append(f"#{ord(char)};")
    return "".join(out)


def dot_string(text: str) -> str:
    """A Graphviz double-quoted string, quotes included.

    Backslash is an escape in DOT labels (``\\N`` is the node's name, ``\\l`` a
    line break), so it is doubled; quotes are escaped; newlines become ``\\n``.
    Graphviz also decodes HTML entities in every label, so ``&`` becomes
    ``&amp;`` and a name spelled ``&lt;b&gt;`` stays that text.

    >>> dot_string('say "hi" \\\\N')
    '"say \\\\"hi\\\\" \\\\\\\\N"'
    >>> dot_string("&lt;script&gt;")
    '"&amp;lt;script&amp;gt;"'
    """
    text = document_text(xml_clean(text)).replace("&", "&amp;")
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def truncate(text: str, width: int) -> str:
    """Shorten ``text`` to ``width`` characters with an ellipsis (drawings only)."""
    if len(text) <= width:
        return text
    return text[: max(width - 1, 1)].rstrip() + "…"
