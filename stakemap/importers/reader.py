"""Reading a CSV someone exported from a CRM or saved from Excel.

Such files arrive in UTF-8 with or without a byte-order mark, in Windows-1252
(Excel's "CSV" on Windows), occasionally in UTF-16 (Excel's "Unicode text"),
separated by commas, semicolons (European Excel) or tabs, sometimes with an
Excel ``sep=;`` first line. ``read_table`` handles all of these and keeps the
line number where each record starts, so every problem can be reported as
"FILE, line N: reason" even when quoted cells span several lines.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from stakemap.errors import MapFileError
from stakemap.store import read_bytes

__all__ = ["ImportFileError", "Row", "Table", "decode", "detect_delimiter", "read_table"]

DELIMITERS: Final = (",", ";", "\t")
_DELIMITER_NAMES: Final = {",": "comma", ";": "semicolon", "\t": "tab"}
#: Bytes of Windows-1252 that are undefined there; a file containing them is
#: really Latin-1 (or broken), and decoding it as Latin-1 loses nothing.
_ENCODING_NAMES: Final = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
}


class ImportFileError(MapFileError):
    """A file cannot be imported at all (missing, empty, binary, not CSV)."""


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    cells: list[str]


@dataclass(slots=True)
class Table:
    path: Path
    encoding: str
    delimiter: str
    header: list[str]
    header_line: int
    rows: list[Row] = field(default_factory=list)
    #: records the CSV parser could not read at all: (line, reason)
    broken: list[tuple[int, str]] = field(default_factory=list)

    @property
    def description(self) -> str:
        """``"UTF-8 with BOM, semicolon-separated"``."""
        return (
            f"{_ENCODING_NAMES.get(self.encoding, self.encoding)}, "
            f"{_DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))}-separated"
        )


#: A well-formed multi-byte UTF-8 sequence. Windows-1252 text almost never
#: contains one by chance (it would take a capital like "Ã" followed by a
#: symbol like "©"), so finding one in a file that is not valid UTF-8 means
#: the file mixes the two encodings.
_UTF8_MULTIBYTE: Final = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def decode(path: Path, raw: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; UTF-8 is tried first because Windows-1252
    decodes almost any bytes, so trying it first would mangle real UTF-8.

    A file that is mostly UTF-8 with a few Windows-1252 bytes (rows pasted
    from two sources) is refused with the line of the first bad byte: read
    either way, some names would be stored as mojibake ("ZoÃ« MÃ¼ller").
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ImportFileError(path, "looks like UTF-16 but cannot be decoded") from None
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                path, _mixed(raw, exc.start, "starts with a UTF-8 mark but")
            ) from None
    if b"\x00" in raw[:4096]:
        raise ImportFileError(path, "is a binary file, not a CSV text file")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(raw):
            raise ImportFileError(path, _mixed(raw, exc.start, "is partly UTF-8 but")) from None
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def _mixed(raw: bytes, start: int, opening: str) -> str:
    line = raw.count(b"\n", 0, start) + 1
    return (
        f"{opening} line {line} is not UTF-8 (byte 0x{raw[start]:02X}, likely Windows-1252); "
        "the file mixes encodings, so names would be garbled: save it as UTF-8 "
        "(in Excel: CSV UTF-8) and import again"
    )


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


def detect_delimiter(header_line: str) -> str:
    """The separator that splits the header line into the most columns (comma on a tie).

    Only the header is looked at: it has no free text, so a comma inside a
    note cannot outvote the semicolons that really separate the columns.

    >>> detect_delimiter("First Name;Last Name;Email")
    ';'
    >>> detect_delimiter('"Name, full",Title')
    ','
    """
    counts = {d: _count_outside_quotes(header_line, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_table(path: Path) -> Table:
    """Read ``path`` into a header and rows; raises ``ImportFileError`` only when
    nothing can be read. Blank lines are skipped; rows keep their line numbers."""
    try:
        raw = read_bytes(path)
    except MapFileError as exc:  # missing, a folder, unreadable: the store's sentences
        raise ImportFileError(path, exc.problem) from None
    text, encoding = decode(path, raw)
    if not text.strip():
        raise ImportFileError(path, "is empty")

    lines = text.splitlines(keepends=True)
    offset = 0
    delimiter = None
    first = lines[0].strip().strip('"') if lines else ""
    if first.lower().startswith("sep=") and len(first) == 5:
        delimiter = first[4]
        offset = 1
    while offset < len(lines) and not lines[offset].strip():
        offset += 1
    if offset >= len(lines):
        raise ImportFileError(path, "has no header row")
    delimiter = delimiter or detect_delimiter(lines[offset])

    reader = csv.reader(io.StringIO("".join(lines[offset:]), newline=""), delimiter=delimiter)
    table: Table | None = None
    previous_end = offset
    while True:
        start = previous_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            previous_end = offset + reader.line_num
            if table is None:
                raise ImportFileError(path, f"line {start}: not a CSV header ({exc})") from None
            table.broken.append((start, f"cannot be read as CSV ({exc})"))
            continue
        previous_end = offset + reader.line_num
        if table is None:
            header = [cell.strip() for cell in cells]
            if not any(header):
                raise ImportFileError(path, "has no header row")
            table = Table(path, encoding, delimiter, header, start)
            continue
        if not any(cell.strip() for cell in cells):
            continue
        table.rows.append(Row(start, cells))
    if table is None:
        raise ImportFileError(path, "has no header row")
    return table
