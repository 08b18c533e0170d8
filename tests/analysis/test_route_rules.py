"""Rules about routes: a decider reached only through opposition, rivalries, and
advice that never leans on a rival or on a champion's own opposing manager."""

from __future__ import annotations

from stakemap.analysis import AnalysisConfig, Severity
from stakemap.analysis.context import Context

from .conftest import TODAY

OSCAR = {
    "name": "Oscar Opp",
    "title": "VP Operations",
    "department": "Operations",
    "role": "influencer",
    "stance": "opponent",
    "influence": "medium",
    "coverage": "brief",
}
SUE = {
    "name": "Sue Support",
    "title": "Controller",
    "department": "Finance",
    "role": "influencer",
    "stance": "supporter",
    "influence": "low",
    "coverage": "none",
}
NINA = {**SUE, "name": "Nina Neutral", "stance": "neutral", "coverage": "brief"}
NEUTRAL_EVE = {"stance": "neutral"}


def names(found):
    return [s.name for f in found for s in f.subjects]


# --- route-through-opposition -----------------------------------------------------------


def test_a_decider_reached_only_through_an_opponent_gets_the_alternative(baseline, run):
    stakemap = baseline(
        eve=NEUTRAL_EVE,
        chad_sways_eve=False,
        people=[OSCAR, SUE],
        links=[
            ("Chad Champion", "Oscar Opp", "influences", 3),
            ("Oscar Opp", "Eve Buyer", "influences", 3),
            ("Sue Support", "Eve Buyer", "influences", 3),
        ],
    )
    [finding] = run(stakemap, "route-through-opposition")
    assert finding.severity is Severity.HIGH
    assert names([finding]) == ["Eve Buyer", "Oscar Opp"]
    assert "Oscar Opp" in finding.message and "Eve Buyer" in finding.message
    assert "Sue Support (supporter, influences Eve Buyer strongly)" in finding.suggestion
    assert "meet Sue Support first" in finding.suggestion


def test_a_neutral_voice_is_the_fallback_alternative(baseline, run):
    stakemap = baseline(
        eve=NEUTRAL_EVE,
        chad_sways_eve=False,
        people=[OSCAR, NINA],
        links=[
            ("Chad Champion", "Oscar Opp", "influences", 3),
            ("Oscar Opp", "Eve Buyer", "influences", 3),
            ("Nina Neutral", "Eve Buyer", "influences", 2),
        ],
    )
    [finding] = run(stakemap, "route-through-opposition")
    assert "Nina Neutral (neutral, influences Eve Buyer)" in finding.suggestion


def test_no_route_through_opposition_when_a_clean_route_exists(baseline, run):
    stakemap = baseline(
        eve=NEUTRAL_EVE,
        chad_sways_eve=False,
        people=[OSCAR, NINA],
        links=[
            ("Chad Champion", "Oscar Opp", "influences", 3),
            ("Oscar Opp", "Eve Buyer", "influences", 3),
            ("Chad Champion", "Nina Neutral", "influences", 1),
            ("Nina Neutral", "Eve Buyer", "influences", 1),
        ],
    )
    assert run(stakemap, "route-through-opposition") == []


# --- rivalry ------------------------------------------------------------------------------


def test_a_rivalry_across_the_deal_is_named(baseline, run):
    boss = {**OSCAR, "role": "decision_maker", "veto": True}
    stakemap = baseline(people=[boss], links=[("Oscar Opp", "Chad Champion", "conflicts")])
    [finding] = run(stakemap, "rivalry")
    assert finding.severity is Severity.HIGH  # the opposed one holds a veto
    assert finding.message.startswith(
        "Oscar Opp's opposition may be about Chad Champion, who backs it."
    )
    assert "Keep Chad Champion out of the conversations with Oscar Opp" in finding.suggestion
    assert names([finding]) == ["Oscar Opp", "Chad Champion"]


def test_a_rivalry_without_a_veto_is_medium(baseline, run):
    stakemap = baseline(people=[OSCAR], links=[("Chad Champion", "Oscar Opp", "conflicts")])
    [finding] = run(stakemap, "rivalry")
    assert finding.severity is Severity.MEDIUM  # Chad is key (high influence)


def test_no_rivalry_between_people_on_the_same_side(baseline, run):
    stakemap = baseline(
        people=[{**OSCAR, "stance": "supporter"}],
        links=[("Chad Champion", "Oscar Opp", "conflicts")],
    )
    assert run(stakemap, "rivalry") == []


def test_no_rivalry_when_neither_is_key(baseline, run):
    stakemap = baseline(
        chad={"influence": "low"},
        people=[{**OSCAR, "influence": "low"}],
        links=[("Chad Champion", "Oscar Opp", "conflicts")],
    )
    assert run(stakemap, "rivalry") == []


# --- introductions and routes avoid rivals ---------------------------------------------------


def test_an_introduction_is_never_asked_of_a_rival(build):
    stakemap = build(
        [
            {"name": "Kim Key", "role": "decision_maker", "coverage": "none"},
            {"name": "Lee Rival", "stance": "champion", "coverage": "in_depth"},
            {"name": "Max Met", "stance": "neutral", "coverage": "brief"},
        ],
        [
            ("Lee Rival", "Kim Key", "influences", 3),
            ("Lee Rival", "Kim Key", "conflicts"),
            ("Max Met", "Kim Key", "influences", 1),
        ],
    )
    ctx = Context(stakemap, today=TODAY, config=AnalysisConfig())
    helper, _ = ctx.introducer(stakemap.resolve("Kim Key").id)
    assert helper.name == "Max Met"


def test_a_champion_is_not_asked_to_turn_their_own_opposing_manager(baseline, run):
    boss = {**OSCAR, "role": "decision_maker"}
    stakemap = baseline(
        people=[boss],
        links=[
            ("Chad Champion", "Oscar Opp", "reports_to"),
            ("Eve Buyer", "Oscar Opp", "influences", 2),
        ],
    )
    [finding] = [f for f in run(stakemap, "blocker") if f.subjects[0].name == "Oscar Opp"]
    assert "puts Chad Champion at risk" in finding.suggestion
    assert "Ask Chad Champion" not in finding.suggestion
    assert "Eve Buyer (supporter, influences Oscar Opp)" in finding.suggestion


def test_the_own_manager_risk_names_a_peer_when_no_other_route(baseline, run):
    boss = {**OSCAR, "role": "decision_maker"}
    peer = {**NINA, "name": "Pat Peer"}
    stakemap = baseline(
        people=[boss, peer, {**NINA, "name": "Vic Vp", "stance": "unknown"}],
        links=[
            ("Chad Champion", "Oscar Opp", "reports_to"),
            ("Oscar Opp", "Vic Vp", "reports_to"),
            ("Pat Peer", "Vic Vp", "reports_to"),
        ],
    )
    [finding] = [f for f in run(stakemap, "blocker") if f.subjects[0].name == "Oscar Opp"]
    assert "puts Chad Champion at risk" in finding.suggestion
    assert "Pat Peer" in finding.suggestion
