"""The deal review's "Call plan" section, in Markdown and HTML, private options kept."""

from __future__ import annotations

import pytest
from test_privacy import NAMES, PRIVATE_VALUES

from stakemap.analysis.plan import plan
from stakemap.export import ExportOptions, export_map


def _section(text: str, fmt: str) -> str:
    if fmt == "markdown":
        return text.split("## Call plan", 1)[1].split("\n## ", 1)[0]
    return text.split('<section id="plan">', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_review_has_a_call_plan_in_rank_order(fmt, northwind, today):
    (doc,) = export_map(northwind, fmt, options=ExportOptions(today=today))
    section = _section(str(doc.data), fmt)
    expected = plan(northwind, today=today)
    assert f"{len(expected.items)} of {expected.total}" in section or (
        len(expected.items) == expected.total
    )
    positions = [section.index(item.name) for item in expected.items]
    assert positions == sorted(positions)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_redacted_and_anonymized_plans_keep_the_secrets(fmt, northwind, today):
    (doc,) = export_map(northwind, fmt, options=ExportOptions(redact=True, today=today))
    section = _section(str(doc.data), fmt)
    assert section.strip()
    for value in PRIVATE_VALUES:
        assert value not in section
    (doc,) = export_map(northwind, fmt, options=ExportOptions(anonymize=True, today=today))
    section = _section(str(doc.data), fmt)
    for value in (*NAMES, *PRIVATE_VALUES):
        assert value not in section
    assert "economic buyer" in section


def test_hostile_names_are_escaped_in_the_plan(hostile, today):
    (doc,) = export_map(hostile, "html", options=ExportOptions(today=today))
    section = _section(str(doc.data), "html")
    assert "<script" not in section.lower()
