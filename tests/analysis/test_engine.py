"""The analysis as a whole: ordering, determinism, health, edge cases, config."""

from __future__ import annotations

import copy
import json

import pytest

from stakemap.analysis import AnalysisConfig, Severity, analyze, sort_findings
from stakemap.analysis.report import analysis_to_json
from stakemap.analysis.types import Finding, Subject
from stakemap.errors import ValidationError
from stakemap.serialize import map_from_json, map_to_json

from .conftest import TODAY

SAM = {
    "name": "Sam Skeptic",
    "title": "CIO",
    "department": "IT",
    "role": "decision_maker",
    "stance": "skeptic",
    "influence": "high",
    "coverage": "brief",
    "veto": True,
}


def _finding(rule, severity, name, pid):
    return Finding(rule, severity, (Subject(pid, name),), None, "m", (), "s")


def test_findings_sort_by_severity_rule_name_then_id_and_drop_duplicates():
    found = [
        _finding("broker", Severity.LOW, "Ann", "p2"),
        _finding("blocker", Severity.HIGH, "bob", "p3"),
        _finding("blocker", Severity.HIGH, "Ann", "p9"),
        _finding("blocker", Severity.HIGH, "Ann", "p1"),
        _finding("passive-resister", Severity.HIGH, "Aaron", "p4"),
        _finding("blocker", Severity.HIGH, "Ann", "p1"),
    ]
    ordered = sort_findings(found)
    assert [(f.rule, f.subjects[0].id) for f in ordered] == [
        ("blocker", "p1"),
        ("blocker", "p9"),
        ("blocker", "p3"),
        ("passive-resister", "p4"),
        ("broker", "p2"),
    ]


def test_same_map_same_output_byte_for_byte_even_after_a_round_trip(baseline):
    stakemap = baseline(
        people=[
            SAM,
            {
                "name": "Ivy",
                "department": "IT",
                "role": "implementer",
                "stance": "skeptic",
                "coverage": "brief",
            },
        ],
        links=[("Eve Buyer", "Sam Skeptic", "influences", 2)],
    )
    first = json.dumps(analysis_to_json(stakemap, analyze(stakemap, today=TODAY)))
    copy_map = map_from_json(map_to_json(stakemap))
    second = json.dumps(analysis_to_json(copy_map, analyze(copy_map, today=TODAY)))
    assert first == second


def test_analysis_never_changes_the_map(baseline):
    stakemap = baseline(people=[SAM])
    before = copy.deepcopy(map_to_json(stakemap))
    revision = stakemap.revision
    analyze(stakemap, today=TODAY)
    assert map_to_json(stakemap) == before
    assert stakemap.revision == revision


def test_health_green_amber_red(baseline):
    assert analyze(baseline(), today=TODAY).health.status.value == "green"
    # support exists, but a reachable high blocker remains: amber
    amber = baseline(people=[SAM], links=[("Eve Buyer", "Sam Skeptic", "influences")])
    health = analyze(amber, today=TODAY).health
    assert health.status.value == "amber"
    assert any("blocker (Sam Skeptic)" in reason for reason in health.reasons)
    # the same blocker with no path to him: red
    red = analyze(baseline(people=[SAM]), today=TODAY).health
    assert red.status.value == "red"
    assert "Sam Skeptic can stop the deal and no champion or supporter reaches Sam Skeptic." in (
        red.reasons
    )


def test_health_red_without_a_supportive_key_player(baseline):
    health = analyze(
        baseline(eve={"stance": "neutral"}, chad={"influence": "low"}), today=TODAY
    ).health
    assert health.status.value == "red"
    assert health.reasons[0] == "No key player supports the initiative."


def test_health_is_judged_on_every_rule_whatever_is_shown(baseline):
    stakemap = baseline(people=[SAM])
    only_stale = analyze(stakemap, today=TODAY, rules=["stale-contact"])
    assert only_stale.findings == ()
    assert only_stale.health == analyze(stakemap, today=TODAY).health


def test_empty_map(make_map):
    result = analyze(make_map(), today=TODAY)
    assert result.findings == ()
    assert result.people == ()
    assert result.departments == ()
    assert result.health.status.value == "red"
    assert "empty" in result.health.reasons[0]


def test_one_person_map(build):
    result = analyze(
        build(
            [
                {
                    "name": "Solo",
                    "role": "economic_buyer",
                    "stance": "champion",
                    "coverage": "in_depth",
                    "priorities": ["RevOps platform"],
                }
            ]
        ),
        today=TODAY,
    )
    assert [f.rule for f in result.findings] == ["single-threaded"]
    assert result.people[0].influence_score > 0
    assert result.people[0].broker_score == 0.0


def test_unknown_rule_is_a_user_error(baseline):
    with pytest.raises(ValidationError, match="'blockers' is not a rule; known: blocker"):
        analyze(baseline(), rules=["blockers"])


def test_config_overrides_parse_and_refuse_nonsense():
    config = AnalysisConfig().with_overrides(["stale_days=90", "high_influence_score=0.8"])
    assert (config.stale_days, config.high_influence_score) == (90, 0.8)
    with pytest.raises(ValidationError, match="'stale' is not a threshold"):
        AnalysisConfig().with_overrides(["stale=3"])
    with pytest.raises(ValidationError, match="stale_days must be a whole number"):
        AnalysisConfig().with_overrides(["stale_days=soon"])
    with pytest.raises(ValidationError, match="is not NAME=VALUE"):
        AnalysisConfig().with_overrides(["stale_days"])


def test_scores_are_between_zero_and_one_and_follow_declared_power(baseline):
    result = analyze(baseline(people=[{"name": "Quiet", "role": "user"}]), today=TODAY)
    scores = {p.name: p for p in result.people}
    for person in result.people:
        assert 0.0 <= person.influence_score <= 1.0
        assert 0.0 <= person.broker_score <= 1.0
    assert scores["Eve Buyer"].influence_score > scores["Chad Champion"].influence_score
    assert scores["Chad Champion"].influence_score > scores["Quiet"].influence_score


def test_network_position_can_make_a_quiet_person_a_key_player(build):
    """Someone everyone listens to counts as high influence even if declared low."""
    people = [{"name": "Hub", "stance": "skeptic", "coverage": "brief"}]
    people += [{"name": f"Follower {i}", "stance": "neutral"} for i in range(9)]
    links = [("Hub", f"Follower {i}", "influences", 3) for i in range(9)]
    stakemap = build(people, links)
    result = analyze(stakemap, today=TODAY, rules=["blocker"])
    [finding] = result.findings
    assert "has high influence through the people who listen to them" in finding.message
    hub = next(p for p in result.people if p.name == "Hub")
    assert hub.influence_score >= AnalysisConfig().high_influence_score


def test_remembered_network_measures_follow_link_changes():
    """Betweenness and PageRank are memoised per network; a changed link must never
    be answered from the memo (compared with a cold computation each time)."""
    from stakemap.analysis.scores import clear_caches
    from stakemap.model import StakeMap

    m = StakeMap.new("Chain")
    a, b, c, d = (m.add_person(name=n).id for n in "ABCD")
    m.add_link(a, b, "influences")
    m.add_link(b, c, "influences")

    def scores() -> dict[str, tuple[float, float]]:
        return {p.name: (p.influence_score, p.broker_score) for p in analyze(m).people}

    def cold() -> dict[str, tuple[float, float]]:
        clear_caches()
        return scores()

    before = scores()
    assert before == cold()
    assert before["B"][1] > 0  # B sits between A and C
    m.add_link(c, d, "influences", 3)  # now C sits between B and D too
    after = scores()
    assert after == cold()
    assert after["C"][1] > before["C"][1]
    m.update_person(a, stance="champion")  # links unchanged: same measures
    assert scores() == after
