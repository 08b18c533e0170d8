"""Remedies that fit the person (issue 11, section 3), judged as a sales manager would.

Each test changes one thing on the healthy ``baseline`` deal (Eve Buyer, the
supportive CFO with a veto; Chad Champion, the CMO who sways her strongly)
and checks that the advice follows what the person does in the decision.
"""

from __future__ import annotations

import pytest

from stakemap.analysis import Severity

RESISTER = {
    "name": "Ivy Ops",
    "title": "IT Operations Manager",
    "department": "IT",
    "role": "implementer",
    "stance": "skeptic",
    "influence": "medium",
    "coverage": "brief",
}


def resister(**fields):
    return {**RESISTER, **fields}


@pytest.mark.parametrize(
    ("fields", "expected", "not_expected"),
    [
        ({}, "into the rollout plan", "criteria"),
        ({"role": "user"}, "pilot group", "rollout plan"),
        ({"role": "evaluator"}, "evaluation criteria and answer each one in writing", "pilot"),
        ({"role": "technical_evaluator"}, "proof of concept", "pilot"),
        (
            {"role": "gatekeeper", "title": "Head of Procurement", "department": "Finance"},
            "Start the procurement process now",
            "rollout plan",
        ),
        (
            {"role": "gatekeeper", "title": "Vendor Risk Lead", "department": "Risk"},
            "Start the vendor-risk review now",
            "procurement",
        ),
    ],
)
def test_the_next_step_fits_what_the_resister_does(baseline, run, fields, expected, not_expected):
    [finding] = run(baseline(people=[resister(**fields)]), "passive-resister")
    assert expected in finding.suggestion
    assert not_expected not in finding.suggestion


def test_a_gatekeepers_process_is_fast_tracked_by_the_supportive_economic_buyer(baseline, run):
    gatekeeper = resister(role="gatekeeper", title="Procurement Lead", department="Finance")
    [finding] = run(baseline(people=[gatekeeper]), "passive-resister")
    assert "ask Eve Buyer (the economic buyer) to have it fast-tracked" in finding.suggestion


def test_recorded_concerns_are_named_by_topic_never_quoted(baseline, run):
    worried = resister(
        constraints="Her team is short-staffed until March",
        fears="Overtime during the cut-over weekend",
    )
    [finding] = run(baseline(people=[worried]), "passive-resister")
    assert "Their recorded constraints and fears are about workload" in finding.suggestion
    for private in ("short-staffed", "March", "cut-over weekend", "Overtime"):
        assert private not in finding.suggestion
        assert private not in finding.message
    [plain] = run(baseline(people=[resister()]), "passive-resister")
    assert "recorded" not in plain.suggestion


def test_a_skeptic_the_economic_buyer_listens_to_strongly_is_at_least_medium(baseline, run):
    whisperer = resister(name="Wes Advisor", role="influencer", title="Chief of Staff")
    strong = baseline(people=[whisperer], links=[("Wes Advisor", "Eve Buyer", "influences", 3)])
    [finding] = run(strong, "passive-resister")
    assert finding.severity is Severity.MEDIUM
    assert "Eve Buyer, the economic buyer, listens to them strongly" in finding.message
    weak = baseline(people=[whisperer], links=[("Wes Advisor", "Eve Buyer", "influences", 2)])
    assert run(weak, "passive-resister") == []


def test_a_resister_under_a_vetoing_manager_says_so(baseline, run):
    user = resister(role="user")
    boss = {"name": "Vera Veto", "department": "IT", "stance": "neutral", "veto": True}
    with_veto = baseline(people=[user, boss], links=[("Ivy Ops", "Vera Veto", "reports_to")])
    [finding] = run(with_veto, "passive-resister")
    assert finding.severity is Severity.MEDIUM
    assert "They report to Vera Veto, who holds a veto." in finding.message
    plain_boss = {**boss, "veto": False}
    without = baseline(people=[user, plain_boss], links=[("Ivy Ops", "Vera Veto", "reports_to")])
    [finding] = run(without, "passive-resister")
    assert finding.severity is Severity.LOW
    assert "holds a veto" not in finding.message


def test_single_threaded_reaches_up_one_rung_not_to_the_ceo(baseline, run):
    junior = {
        "name": "Jo Analyst",
        "department": "Marketing",
        "stance": "supporter",
        "influence": "low",
        "coverage": "in_depth",
    }
    manager = {"name": "Max Manager", "department": "Marketing", "stance": "neutral"}
    ceo = {"name": "Cleo Chief", "title": "CEO", "role": "approver", "influence": "high"}
    stakemap = baseline(
        eve={"coverage": "brief"},
        chad={"coverage": "brief"},
        people=[junior, manager, ceo],
        links=[("Jo Analyst", "Max Manager", "reports_to")],
    )
    [finding] = run(stakemap, "single-threaded")
    assert finding.suggestion.startswith(
        "Ask Jo Analyst to bring their manager, Max Manager (neutral), into the next meeting"
    )
    assert "Cleo Chief" not in finding.suggestion


def test_single_threaded_names_a_weighty_peer_in_another_department(baseline, run):
    stakemap = baseline(chad={"coverage": "brief"})
    [finding] = run(stakemap, "single-threaded")
    assert finding.suggestion == (
        "Ask Eve Buyer to introduce you to Chad Champion (CMO), whom they work with."
    )


def test_weak_champion_names_the_supporters_who_could_carry_it(baseline, run):
    dana = {"name": "Dana Lee", "title": "Controller", "department": "Finance"}
    dana |= {"stance": "supporter", "influence": "medium", "coverage": "brief"}
    stakemap = baseline(
        chad={"influence": "low"},
        people=[dana],
        links=[("Dana Lee", "Eve Buyer", "influences", 3)],
    )
    [finding] = run(stakemap, "weak-champion")
    assert (
        "Pair Chad Champion with Dana Lee (Controller) (influences Eve Buyer strongly)"
        in finding.suggestion
    )
    assert "look for a champion with more weight" not in finding.suggestion


def test_a_champion_relaying_through_a_neutral_manager_has_not_reached_the_buyer(baseline, run):
    nina = {"name": "Nina Neutral", "department": "Finance", "stance": "neutral"}
    links = [("Chad Champion", "Nina Neutral", "influences", 3)]
    links.append(("Nina Neutral", "Eve Buyer", "reports_to"))
    through_neutral = baseline(chad_sways_eve=False, people=[nina], links=links)
    [finding] = run(through_neutral, "weak-champion")
    assert "No champion reaches Eve Buyer" in finding.message
    backed = baseline(chad_sways_eve=False, people=[{**nina, "stance": "supporter"}], links=links)
    assert run(backed, "weak-champion") == []


def test_within_a_severity_the_deciders_come_first_then_weight(baseline, run):
    low_ivy = resister(name="Aaron Ops", influence="low")
    heavy = resister(name="Zed Ops", influence="medium")
    stakemap = baseline(eve={"fear_of_failure": "high"}, people=[low_ivy, heavy])
    medium = [f for f in run(stakemap) if f.severity is Severity.MEDIUM]
    order = [(f.rule, f.subjects[0].name if f.subjects else "") for f in medium]
    # alphabetical order would put Aaron first, and the passive-resister rule
    # (earlier in the registry) before Eve Buyer's do-nothing risk.
    assert order.index(("do-nothing-risk", "Eve Buyer")) < order.index(
        ("passive-resister", "Zed Ops")
    )
    assert order.index(("passive-resister", "Zed Ops")) < order.index(
        ("passive-resister", "Aaron Ops")
    )
