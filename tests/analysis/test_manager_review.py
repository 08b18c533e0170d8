"""Whole accounts judged as a sales manager would (issue 11, "How it will be checked").

Each account is built to tempt a naive analysis into a false alarm or a
naive remedy; the tests pin what a seasoned manager expects instead: every
finding true, the expected ones present, and a plan whose first entries are
the conversations that matter.
"""

from __future__ import annotations

from stakemap.analysis import Severity, analyze
from stakemap.analysis.plan import plan

from .conftest import TODAY


def _healthy(build):
    """A healthy deal with traps: a reworded initiative, a light skeptic in a backing
    department, and a CEO whose coverage was never set but whom the rep has met."""
    people = [
        {
            "name": "Eve Buyer", "title": "CFO", "department": "Finance",
            "role": "economic_buyer", "veto": True, "stance": "supporter",
            "influence": "high", "coverage": "in_depth", "mode": "growth",
            "priorities": ["Cut fuel costs", "Fleet-telemetry platform", "Audit"],
            "last_contact": "2026-11-20",
        },
        {
            "name": "Chad Champion", "title": "COO", "department": "Operations",
            "role": "decision_maker", "stance": "champion", "influence": "high",
            "coverage": "multiple", "mode": "growth", "last_contact": "2026-11-25",
            "priorities": ["Fleet telemetry", "Safety"],
        },
        {
            "name": "Lou Driver", "title": "Dispatcher", "department": "Operations",
            "role": "user", "stance": "skeptic", "influence": "low", "coverage": "brief",
        },
        {
            "name": "Cleo Chief", "title": "CEO", "department": "Executive",
            "role": "approver", "stance": "supporter", "influence": "high",
            "coverage": "none", "priorities": ["Fleet telemetry rollout", "Growth"],
        },
    ]  # fmt: skip
    links = [
        ("Chad Champion", "Eve Buyer", "influences", 3),
        ("Chad Champion", "Cleo Chief", "reports_to"),
        ("Eve Buyer", "Cleo Chief", "reports_to"),
        ("Lou Driver", "Chad Champion", "reports_to"),
    ]
    stakemap = build(people, links, initiative="Fleet telemetry")
    cleo = stakemap.resolve("Cleo Chief")
    stakemap.add_interaction(
        {"person": cleo.id, "date": "2026-11-18", "kind": "meeting", "summary": "QBR"}
    )
    return stakemap


def test_a_healthy_deal_raises_no_false_alarm(build):
    stakemap = _healthy(build)
    result = analyze(stakemap, today=TODAY)
    rules = {f.rule for f in result.findings}
    assert "priority-gap" not in rules  # "Fleet-telemetry platform" is the initiative
    assert not [f for f in result.findings if f.severity is Severity.HIGH]
    text = " ".join(f.message + " " + f.suggestion for f in result.findings)
    assert "never met" not in text  # the rep met the CEO at the QBR
    assert "nobody there resists" not in text  # Lou Driver is a skeptic in Operations
    [lou] = [f for f in result.findings if f.rule == "passive-resister"]
    assert "pilot group" in lou.suggestion  # a user: the remedy fits the person
    assert result.health.status.value == "green"


def test_a_healthy_deal_still_gets_a_plan(build):
    result = plan(_healthy(build), today=TODAY)
    assert result.items  # "no findings" is never the whole answer
    [cleo] = [item for item in result.items if item.name == "Cleo Chief"]
    assert cleo.why.startswith("You have met Cleo Chief")  # the QBR is logged
    assert not any("no meeting" in item.why for item in result.items)


def _single_threaded(build):
    """A single-threaded do-nothing deal: one junior contact, a neutral manager, and an
    economic buyer afraid of failing whom nobody has met."""
    people = [
        {
            "name": "Jo Analyst", "title": "Fleet Analyst", "department": "Operations",
            "role": "user", "stance": "supporter", "influence": "low",
            "coverage": "in_depth", "last_contact": "2026-11-25",
        },
        {
            "name": "Max Manager", "title": "Head of Fleet", "department": "Operations",
            "role": "influencer", "stance": "neutral", "influence": "medium",
            "coverage": "brief",
        },
        {
            "name": "Fay Finance", "title": "CFO", "department": "Finance",
            "role": "economic_buyer", "veto": True, "stance": "unknown",
            "influence": "high", "coverage": "none", "fear_of_failure": "high",
            "mode": "even_keel",
        },
        {
            "name": "Ceo Boss", "title": "CEO", "department": "Executive",
            "role": "approver", "stance": "unknown", "influence": "high", "coverage": "none",
        },
    ]  # fmt: skip
    links = [
        ("Jo Analyst", "Max Manager", "reports_to"),
        ("Max Manager", "Fay Finance", "influences", 2),
        ("Fay Finance", "Ceo Boss", "reports_to"),
    ]
    return build(people, links, initiative="Fleet telemetry")


def test_a_single_threaded_do_nothing_deal(build):
    stakemap = _single_threaded(build)
    result = analyze(stakemap, today=TODAY)
    by_rule = {f.rule: f for f in result.findings}
    thread = by_rule["single-threaded"]
    assert thread.severity is Severity.HIGH
    # one rung up: the junior contact's own manager, never the CEO
    assert "bring their manager, Max Manager (neutral), into the next meeting" in (
        thread.suggestion
    )
    assert "Ceo Boss" not in thread.suggestion
    assert by_rule["do-nothing-risk"].severity is Severity.HIGH
    assert by_rule["no-champion"].severity is Severity.HIGH
    assert result.health.status.value == "red"


def test_the_plan_of_a_single_threaded_deal_starts_with_the_buyer(build):
    items = plan(_single_threaded(build), today=TODAY).items
    assert [item.name for item in items[:2]] == ["Fay Finance", "Max Manager"]
    assert items[0].through == "Max Manager"  # linked to her, and met
    # the next thread is brought in by the one thread, one rung up
    assert items[1].through == "Jo Analyst"
    assert "Ceo Boss" not in [item.through for item in items]
