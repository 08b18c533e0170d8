"""Golden files: the Markdown document and the Mermaid chart of the Northwind map.

Fixed ids, a fixed clock and a fixed ``today`` make the output byte-for-byte
reproducible. A deliberate change of wording or layout (here or in the
analyzer's sentences) is accepted by regenerating the files::

    STAKEMAP_UPDATE_GOLDEN=1 python -m pytest tests/export/test_golden.py

and reviewing the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stakemap.export import ExportOptions, export_map

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(
    ("fmt", "name"), [("markdown", "northwind.md"), ("mermaid", "northwind.mmd")]
)
def test_matches_golden_file(fmt, name, northwind, today):
    (file,) = export_map(northwind, fmt, options=ExportOptions(today=today))
    path = GOLDEN / name
    if os.environ.get("STAKEMAP_UPDATE_GOLDEN"):
        path.write_text(str(file.data), encoding="utf-8")
    assert str(file.data) == path.read_text(encoding="utf-8")


def test_anonymized_markdown_matches_golden_file(northwind, today):
    (file,) = export_map(northwind, "markdown", options=ExportOptions(today=today, anonymize=True))
    path = GOLDEN / "northwind.anonymized.md"
    if os.environ.get("STAKEMAP_UPDATE_GOLDEN"):
        path.write_text(str(file.data), encoding="utf-8")
    assert str(file.data) == path.read_text(encoding="utf-8")
