"""The Northwind sample map produces the findings the domain brief lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from stakemap.analysis import Severity, analyze
from stakemap.store import MapStore

from .conftest import TODAY

SAMPLE = Path(__file__).resolve().parents[2] / "sample_maps" / "northwind.json"


@pytest.fixture(scope="module")
def northwind():
    stakemap = MapStore(SAMPLE).load()
    return stakemap, analyze(stakemap, today=TODAY)


def by_title(stakemap, word):
    [person] = [p for p in stakemap.people if word in p.title]
    return person


def of_rule(result, rule):
    return [f for f in result.findings if f.rule == rule]


def subject_ids(findings):
    return {s.id for f in findings for s in f.subjects}


def test_cfo_and_cio_are_the_blockers(northwind):
    stakemap, result = northwind
    cfo = by_title(stakemap, "Chief Financial Officer")
    cio = by_title(stakemap, "Chief Information Officer")
    blockers = of_rule(result, "blocker")
    assert subject_ids(blockers) == {cfo.id, cio.id}
    assert all(f.severity is Severity.HIGH for f in blockers)


def test_cfo_suggestion_works_the_path_cmo_controller_cfo(northwind):
    stakemap, result = northwind
    cfo = by_title(stakemap, "Chief Financial Officer")
    cmo = by_title(stakemap, "Chief Marketing Officer")
    controller = by_title(stakemap, "Controller")
    [finding] = [f for f in of_rule(result, "blocker") if f.subjects[0].id == cfo.id]
    path = f"{cmo.name} (champion) → {controller.name} (supporter) → {cfo.name}"
    assert f"Work the path {path}" in finding.suggestion
    links = [(e["source"], e["target"]) for e in finding.evidence if "link" in e]
    assert links == [(cmo.id, controller.id), (controller.id, cfo.id)]


def test_it_operations_manager_is_a_passive_resister(northwind):
    stakemap, result = northwind
    ops = by_title(stakemap, "IT Operations")
    assert subject_ids(of_rule(result, "passive-resister")) == {ops.id}


def test_departments_it_opposed_finance_split_hr_unknown(northwind):
    _, result = northwind
    states = {d.name: d.state for d in result.departments}
    assert states["IT"] == "opposed"
    assert states["Finance"] == "split"
    assert states["HR"] == "unknown"
    flagged = {f.department for f in of_rule(result, "unaligned-department")}
    assert {"IT", "Finance", "HR"} <= flagged


def test_initiative_is_outside_the_budget_owners_top_three(northwind):
    stakemap, result = northwind
    cfo = by_title(stakemap, "Chief Financial Officer")
    [gap] = [f for f in of_rule(result, "priority-gap") if f.subjects[0].id == cfo.id]
    assert gap.severity is Severity.HIGH
    assert "#4" in gap.message


def test_ceo_is_an_uncovered_approver(northwind):
    stakemap, result = northwind
    ceo = by_title(stakemap, "Chief Executive Officer")
    [finding] = of_rule(result, "uncovered-key-player")
    assert finding.subjects[0].id == ceo.id
    assert "an approver" in finding.message


def test_do_nothing_risk_on_the_cfo_and_no_false_alarms(northwind):
    stakemap, result = northwind
    cfo = by_title(stakemap, "Chief Financial Officer")
    assert cfo.id in subject_ids(of_rule(result, "do-nothing-risk"))
    rules = {f.rule for f in result.findings}
    # a champion exists, has weight and reaches the deciders; an economic buyer
    # is on the map; several people are met in depth; opposition is visible
    assert not rules & {
        "no-champion",
        "weak-champion",
        "no-economic-buyer",
        "single-threaded",
        "no-visible-opposition",
    }
    assert result.health.status.value == "amber"
