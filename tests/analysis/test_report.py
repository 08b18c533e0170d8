"""Renderers: the stable JSON shape, markdown sections, the 80-column text view."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console

from stakemap.analysis import analyze
from stakemap.analysis.report import (
    analysis_markdown,
    analysis_to_json,
    departments_markdown,
    findings_markdown,
    health_markdown,
)
from stakemap.cli.report import text_report

from .conftest import TODAY

SAM = {
    "name": "Sam | Skeptic",
    "title": "CIO",
    "department": "IT",
    "role": "decision_maker",
    "stance": "opponent",
    "influence": "high",
    "coverage": "brief",
}


def test_json_has_exactly_the_documented_shape(baseline):
    stakemap = baseline(people=[SAM])
    data = analysis_to_json(stakemap, analyze(stakemap, today=TODAY))
    assert list(data) == ["map", "health", "departments", "people", "findings"]
    assert data["map"]["account"] == "Acme Corp"
    assert data["map"]["today"] == "2026-11-30"
    assert data["map"]["stakeholders"] == 3
    assert set(data["health"]) == {"status", "reasons"}
    assert data["health"]["status"] in {"red", "amber", "green"}
    for dept in data["departments"]:
        assert list(dept) == ["name", "state", "support", "opposition", "members"]
        assert dept["state"] in {"aligned", "split", "opposed", "neutral", "unknown"}
    for person in data["people"]:
        assert list(person) == ["id", "name", "influence_score", "broker_score"]
    assert data["findings"]
    for finding in data["findings"]:
        assert list(finding) == [
            "rule",
            "severity",
            "subjects",
            "department",
            "message",
            "evidence",
            "suggestion",
        ]
        assert finding["severity"] in {"high", "medium", "low"}
        assert all(list(s) == ["id", "name"] for s in finding["subjects"])
        assert isinstance(finding["evidence"], list)


def test_markdown_sections_escape_names_and_group_by_severity(baseline):
    stakemap = baseline(people=[SAM])
    result = analyze(stakemap, today=TODAY)
    assert health_markdown(result).startswith("**Deal health: ")
    table = departments_markdown(result)
    assert "| IT | opposed |" in table
    text = findings_markdown(result.findings)
    assert "### High (" in text
    assert "Sam \\| Skeptic" in text  # a pipe cannot break a table or a list
    whole = analysis_markdown(stakemap, result)
    assert whole.startswith("## Acme Corp: RevOps platform\n")
    assert "### Findings (" in whole


def test_text_view_fits_80_columns_and_is_plain_when_piped(baseline):
    stakemap = baseline(people=[SAM])
    result = analyze(stakemap, today=TODAY)
    console = Console(width=80, force_terminal=False, color_system=None, record=True)
    for line in text_report(stakemap, result, width=80):
        console.print(line, soft_wrap=True)
    output = console.export_text()
    lines = output.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    assert not any(line.endswith(" ") for line in lines)
    assert "\x1b[" not in output
    assert "HIGH (" in output and "→ " in output


def test_text_view_is_coloured_on_a_terminal(baseline):
    stakemap = baseline(people=[SAM])
    result = analyze(stakemap, today=TODAY)
    console = Console(width=80, force_terminal=True, color_system="standard", record=True)
    for line in text_report(stakemap, result):
        console.print(line)
    assert "\x1b[" in console.export_text(styles=True)
