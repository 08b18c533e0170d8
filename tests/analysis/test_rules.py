"""Each rule fires on a small map and stays quiet on a near-identical one.

The maps start from ``baseline`` (a healthy deal: a supportive economic buyer
with a veto, a strong champion who sways her) and change the one thing the
rule is about.
"""

from __future__ import annotations

import pytest

from stakemap.analysis import RULES, Severity

SAM = {
    "name": "Sam Skeptic",
    "title": "CIO",
    "department": "IT",
    "role": "decision_maker",
    "stance": "skeptic",
    "influence": "medium",
    "coverage": "brief",
    "priorities": ["RevOps platform"],
}
IVY = {
    "name": "Ivy Ops",
    "title": "IT Operations Manager",
    "department": "IT",
    "role": "implementer",
    "stance": "skeptic",
    "influence": "medium",
    "coverage": "brief",
}


def names(found):
    return [s.name for f in found for s in f.subjects]


def test_the_baseline_deal_has_no_findings_and_is_green(baseline, run):
    from stakemap.analysis import analyze

    stakemap = baseline()
    assert run(stakemap) == []
    assert analyze(stakemap).health.status.value == "green"


def test_every_registered_rule_has_a_test_below():
    tested = {
        "blocker",
        "passive-resister",
        "unaligned-department",
        "no-champion",
        "weak-champion",
        "no-economic-buyer",
        "uncovered-key-player",
        "single-threaded",
        "priority-gap",
        "do-nothing-risk",
        "unknown-key-stance",
        "no-visible-opposition",
        "moved-away",
        "stale-contact",
        "overdue-next-step",
        "missed-cadence",
        "broker",
        # in test_ownership.py
        "unowned-key-player",
        "orphaned-champion",
        # in test_route_rules.py
        "route-through-opposition",
        "rivalry",
    }
    assert set(RULES) == tested


# --- blocker --------------------------------------------------------------------------


def test_blocker_fires_for_a_skeptical_decision_maker_with_the_champion_path(baseline, run):
    stakemap = baseline(people=[SAM], links=[("Eve Buyer", "Sam Skeptic", "influences", 3)])
    [finding] = run(stakemap, "blocker")
    assert names([finding]) == ["Sam Skeptic"]
    assert finding.severity is Severity.HIGH
    assert "is a skeptic who can stop the deal" in finding.message
    assert "is a decision maker" in finding.message
    assert finding.department == "IT"
    # the strongest path from a champion, through the supporter who sways Sam
    assert finding.suggestion.startswith(
        "Work the path Chad Champion (champion) → Eve Buyer (supporter) → Sam Skeptic"
    )
    assert "Eve Buyer (supporter, influences Sam Skeptic strongly)" in finding.suggestion
    kinds = [e.get("kind") for e in finding.evidence if "link" in e]
    assert kinds == ["influences", "influences"]


def test_blocker_does_not_fire_when_the_decision_maker_is_neutral(baseline, run):
    stakemap = baseline(people=[{**SAM, "stance": "neutral"}])
    assert run(stakemap, "blocker") == []


def test_blocker_without_formal_power_needs_high_influence(baseline, run):
    loud = {**SAM, "role": "influencer", "influence": "high"}
    [finding] = run(baseline(people=[loud]), "blocker")
    assert finding.severity is Severity.MEDIUM  # a skeptic whose power is influence only
    assert "has high influence" in finding.message
    quiet = {**SAM, "role": "influencer", "influence": "medium"}
    assert run(baseline(people=[quiet]), "blocker") == []


def test_blocker_says_so_when_nobody_supportive_reaches_them(baseline, run):
    [finding] = run(baseline(people=[SAM]), "blocker")
    assert finding.suggestion.startswith("No champion or supporter on the map reaches Sam Skeptic")


def test_blocker_paths_do_not_run_through_opponents(baseline, run):
    other = {**IVY, "name": "Oscar Opp", "stance": "opponent", "role": "user"}
    stakemap = baseline(
        people=[SAM, other],
        links=[
            ("Chad Champion", "Oscar Opp", "influences", 3),
            ("Oscar Opp", "Sam Skeptic", "influences", 3),
        ],
    )
    [finding] = run(stakemap, "blocker")
    assert "Oscar Opp" not in finding.suggestion
    assert "No champion or supporter" in finding.suggestion


def test_blocker_prefers_the_stronger_of_two_paths(baseline, run):
    helper = {"name": "Hal Helper", "stance": "supporter", "coverage": "brief"}
    weak = {"name": "Wes Weak", "stance": "neutral"}
    stakemap = baseline(
        people=[SAM, helper, weak],
        links=[
            ("Chad Champion", "Wes Weak", "influences", 1),
            ("Wes Weak", "Sam Skeptic", "influences", 1),
            ("Chad Champion", "Hal Helper", "influences", 3),
            ("Hal Helper", "Sam Skeptic", "influences", 3),
        ],
    )
    [finding] = run(stakemap, "blocker")
    assert "Chad Champion (champion) → Hal Helper (supporter) → Sam Skeptic" in finding.suggestion


# --- passive-resister -----------------------------------------------------------------


def test_passive_resister_fires_for_a_skeptical_implementer(baseline, run):
    [finding] = run(baseline(people=[IVY]), "passive-resister")
    assert names([finding]) == ["Ivy Ops"]
    assert finding.severity is Severity.MEDIUM
    assert "carry out the change" in finding.message
    assert "foot-dragging" in finding.message


def test_passive_resister_is_not_a_blocker_and_a_blocker_is_not_passive(baseline, run):
    assert run(baseline(people=[IVY]), "blocker") == []
    with_veto = {**IVY, "veto": True}
    assert run(baseline(people=[with_veto]), "passive-resister") == []
    assert names(run(baseline(people=[with_veto]), "blocker")) == ["Ivy Ops"]


def test_passive_resister_does_not_fire_for_a_neutral_implementer(baseline, run):
    assert run(baseline(people=[{**IVY, "stance": "neutral"}]), "passive-resister") == []


def test_passive_resister_suggestion_names_the_manager(baseline, run):
    boss = {"name": "Bob Boss", "department": "IT", "stance": "neutral", "coverage": "brief"}
    stakemap = baseline(people=[IVY, boss], links=[("Ivy Ops", "Bob Boss", "reports_to")])
    [finding] = run(stakemap, "passive-resister")
    assert "Bob Boss" in finding.suggestion


# --- unaligned-department -------------------------------------------------------------


def test_department_opposed_when_its_weight_is_against(baseline, run):
    [finding] = run(baseline(people=[SAM, IVY]), "unaligned-department")
    assert finding.department == "IT"
    assert finding.message.startswith("IT is opposed")
    assert finding.severity is Severity.HIGH  # it holds a key player (the CIO)
    assert set(names([finding])) == {"Sam Skeptic", "Ivy Ops"}


def test_department_aligned_when_its_people_support_it(baseline, run):
    people = [{**SAM, "stance": "supporter"}, {**IVY, "stance": "champion"}]
    assert run(baseline(people=people), "unaligned-department") == []


def test_department_split_when_real_support_meets_real_opposition(baseline, run):
    fan = {**IVY, "name": "Fay Fan", "stance": "supporter", "influence": "high"}
    [finding] = run(baseline(people=[SAM, fan]), "unaligned-department")
    assert finding.message.startswith("IT is split: Fay Fan for it, Sam Skeptic against it")


def test_department_unknown_when_nobody_there_was_met(baseline, run):
    hr = [
        {"name": "Hana HR", "department": "HR", "stance": "neutral", "role": "evaluator"},
        {"name": "Hugo HR", "department": "HR", "stance": "unknown"},
    ]
    [finding] = run(baseline(people=hr), "unaligned-department")
    assert (
        finding.message == "Where HR stands is unknown: you have not met anyone there (2 people)."
    )
    assert finding.severity is Severity.LOW
    met = [{**hr[0], "coverage": "brief", "stance": "supporter"}, hr[1]]
    assert run(baseline(people=met), "unaligned-department") == []


def test_one_person_department_is_left_to_the_person_rules(baseline, run):
    # The CEO alone in Executive, never met: uncovered-key-player speaks for her.
    ceo = {"name": "Cleo Chief", "department": "Executive", "role": "approver"}
    stakemap = baseline(people=[ceo])
    assert run(stakemap, "unaligned-department") == []
    assert names(run(stakemap, "uncovered-key-player")) == ["Cleo Chief"]
    # A one-person HR nobody else speaks for is still reported.
    hr = {"name": "Hana HR", "department": "HR", "role": "evaluator", "stance": "neutral"}
    assert [f.department for f in run(baseline(people=[hr]), "unaligned-department")] == ["HR"]


def test_people_without_a_department_are_not_a_department(baseline, run):
    loner = {"name": "Lou Loner", "stance": "skeptic", "coverage": "brief"}
    assert run(baseline(people=[loner]), "unaligned-department") == []


def test_department_names_are_grouped_ignoring_case(baseline, run):
    from stakemap.analysis import analyze

    people = [{**SAM, "department": "it"}, {**IVY, "department": "IT"}]
    result = analyze(baseline(people=people))
    it = [d for d in result.departments if d.name.casefold() == "it"]
    assert len(it) == 1
    assert len(it[0].members) == 2


# --- no-champion / weak-champion ------------------------------------------------------


def test_no_champion_fires_and_suggests_the_best_supporter(baseline, run):
    [finding] = run(baseline(chad={"stance": "supporter"}), "no-champion")
    assert finding.severity is Severity.HIGH
    assert "Develop Eve Buyer (CFO)" in finding.suggestion  # key player first


def test_no_champion_quiet_with_a_champion(baseline, run):
    assert run(baseline(), "no-champion") == []


def test_weak_champion_fires_when_every_champion_has_low_influence(baseline, run):
    [finding] = run(baseline(chad={"influence": "low"}), "weak-champion")
    assert "little influence" in finding.message
    assert names([finding]) == ["Chad Champion"]


def test_weak_champion_quiet_with_medium_influence(baseline, run):
    assert run(baseline(chad={"influence": "medium"}), "weak-champion") == []


def test_weak_champion_fires_when_no_champion_reaches_a_decider(baseline, run):
    [finding] = run(baseline(chad_sways_eve=False), "weak-champion")
    assert finding.message == (
        "No champion reaches Eve Buyer through the people they influence or report to."
    )
    assert finding.suggestion == (
        "Ask Chad Champion who Eve Buyer listens to, and add that person and link to the map."
    )


def test_weak_champion_counts_reporting_lines_as_reach(baseline, run):
    stakemap = baseline(chad_sways_eve=False, links=[("Chad Champion", "Eve Buyer", "reports_to")])
    assert run(stakemap, "weak-champion") == []


# --- no-economic-buyer ----------------------------------------------------------------


def test_no_economic_buyer_fires_without_budget_owner_or_veto(baseline, run):
    [finding] = run(baseline(eve={"role": "decision_maker", "veto": False}), "no-economic-buyer")
    assert finding.severity is Severity.HIGH
    assert "Eve Buyer decides, but who pays?" in finding.suggestion


def test_no_economic_buyer_quiet_when_someone_holds_a_veto(baseline, run):
    assert run(baseline(eve={"role": "decision_maker", "veto": True}), "no-economic-buyer") == []


# --- uncovered-key-player -------------------------------------------------------------


def test_uncovered_key_player_names_who_can_introduce(baseline, run):
    ceo = {"name": "Cleo Chief", "title": "CEO", "role": "approver", "influence": "high"}
    stakemap = baseline(people=[ceo], links=[("Chad Champion", "Cleo Chief", "reports_to")])
    [finding] = run(stakemap, "uncovered-key-player")
    assert finding.message.startswith("Coverage of Cleo Chief (CEO), an approver")
    assert finding.suggestion.startswith(
        "Ask Chad Champion (champion, reports to Cleo Chief) to introduce you"
    )


def test_uncovered_key_player_quiet_once_met(baseline, run):
    ceo = {"name": "Cleo Chief", "role": "approver", "coverage": "brief", "stance": "neutral"}
    assert run(baseline(people=[ceo]), "uncovered-key-player") == []


def test_uncovered_blocker_reads_well_in_both_findings(baseline, run):
    cio = {**SAM, "stance": "opponent", "coverage": "none"}
    stakemap = baseline(people=[cio])
    [uncovered] = run(stakemap, "uncovered-key-player")
    [blocker] = run(stakemap, "blocker")
    assert uncovered.message == (
        "Coverage of Sam Skeptic (CIO), a decision maker who is an opponent, is not recorded: "
        "as far as the map knows, nobody has met them."
    )
    assert blocker.message.startswith("Sam Skeptic (CIO) is an opponent who can stop the deal")


# --- single-threaded ------------------------------------------------------------------


def test_single_threaded_fires_when_access_rests_on_one_person(baseline, run):
    [finding] = run(baseline(chad={"coverage": "brief"}), "single-threaded")
    assert finding.message.startswith("Your access rests on Eve Buyer (CFO) alone")
    assert "Ask Eve Buyer to introduce you to Chad Champion" in finding.suggestion


def test_single_threaded_quiet_with_two_threads(baseline, run):
    assert run(baseline(), "single-threaded") == []


def test_single_threaded_on_a_one_person_map(build, run):
    [finding] = run(build([{"name": "Solo", "coverage": "in_depth"}]), "single-threaded")
    assert "Solo alone" in finding.message
    assert "who else is involved" in finding.suggestion


# --- priority-gap ---------------------------------------------------------------------


def test_priority_gap_fires_when_outside_the_budget_owners_top_three(baseline, run):
    eve = {"priorities": ["Cost cuts", "ERP migration", "Audit", "RevOps platform"]}
    [finding] = run(baseline(eve=eve), "priority-gap")
    assert finding.severity is Severity.HIGH
    assert "only #4" in finding.message
    assert "'Cost cuts'" in finding.suggestion


def test_priority_gap_quiet_at_rank_three_and_matches_loosely(baseline, run):
    eve = {"priorities": ["Cost cuts", "ERP migration", "revops  Platform."]}
    assert run(baseline(eve=eve), "priority-gap") == []


def test_priority_gap_takes_a_reworded_priority_as_the_initiative(baseline, run):
    eve = {"priorities": ["Cost cuts", "RevOps tooling for the sales floor"]}
    assert run(baseline(eve=eve), "priority-gap") == []
    # found by words at #5: the message says which priority it took, and how
    eve = {"priorities": ["Cost cuts", "ERP", "Audit", "Hiring", "RevOps tooling"]}
    [finding] = run(baseline(eve=eve), "priority-gap")
    assert "The initiative (taken to be 'RevOps tooling', #5) is below the top 3" in (
        finding.message
    )


def test_priority_gap_trusts_the_marked_priority_and_says_nothing_of_taking(baseline, run):
    eve = {
        "priorities": ["Cost cuts", "RevOps platform", "Audit", "Pipeline visibility"],
        "initiative_priority": "Pipeline visibility",
    }
    [finding] = run(baseline(eve=eve), "priority-gap")
    assert "only #4" in finding.message and "taken to be" not in finding.message


def test_priority_gap_reframes_toward_the_closest_priority_without_quoting_drivers(baseline, run):
    eve = {
        "priorities": ["Audit readiness", "Grow pipeline revenue", "Hiring"],
        "drivers": "Wants the board to see pipeline numbers she trusts",
    }
    [finding] = run(baseline(eve=eve, initiative="Revenue operations"), "priority-gap")
    assert "Reframe it as serving 'Grow pipeline revenue'" in finding.suggestion
    assert "the priority of theirs closest to the initiative" in finding.suggestion
    assert "board" not in finding.suggestion and "trusts" not in finding.suggestion
    # the drivers choose when the initiative shares no word with any priority
    eve = {**eve, "drivers": "Needs the pipeline visible"}
    [finding] = run(baseline(eve=eve, initiative="Sales analytics"), "priority-gap")
    assert "'Grow pipeline revenue'" in finding.suggestion
    assert "visible" not in finding.suggestion


def test_priority_gap_reframe_falls_back_to_the_first_priority(baseline, run):
    eve = {"priorities": ["Cost cuts", "ERP migration", "Audit"]}
    [finding] = run(baseline(eve=eve), "priority-gap")
    assert "Reframe it as serving 'Cost cuts', their first priority" in finding.suggestion


def test_priority_gap_is_low_when_priorities_are_unknown(baseline, run):
    [finding] = run(baseline(eve={"priorities": []}), "priority-gap")
    assert finding.severity is Severity.LOW
    assert "priorities of Eve Buyer (CFO), the economic buyer, are unknown" in finding.message


def test_priority_gap_top_n_is_configurable(baseline, run):
    eve = {"priorities": ["A", "B", "C", "RevOps platform"]}
    assert run(baseline(eve=eve), "priority-gap", top_priorities=4) == []


# --- do-nothing-risk ------------------------------------------------------------------


def test_do_nothing_risk_for_a_fearful_decider(baseline, run):
    [finding] = run(baseline(eve={"fear_of_failure": "high"}), "do-nothing-risk")
    assert finding.severity is Severity.MEDIUM  # the champion reaches her
    assert "Chad Champion (champion, influences Eve Buyer strongly)" in finding.suggestion
    assert "reference" in finding.suggestion


def test_do_nothing_risk_is_high_when_no_champion_reaches(baseline, run):
    stakemap = baseline(eve={"mode": "overconfident"}, chad_sways_eve=False)
    [finding] = run(stakemap, "do-nothing-risk")
    assert finding.severity is Severity.HIGH
    assert "overconfident" in finding.message


def test_do_nothing_risk_quiet_with_medium_fear_and_growth_mode(baseline, run):
    assert run(baseline(eve={"fear_of_failure": "medium"}), "do-nothing-risk") == []


# --- unknown-key-stance ---------------------------------------------------------------


def test_unknown_key_stance_for_a_met_key_player(baseline, run):
    dm = {**SAM, "stance": "unknown"}
    [finding] = run(baseline(people=[dm]), "unknown-key-stance")
    assert finding.severity is Severity.MEDIUM
    assert "do not know where they stand" in finding.message


def test_unknown_key_stance_quiet_once_the_stance_is_known(baseline, run):
    assert run(baseline(people=[{**SAM, "stance": "neutral"}]), "unknown-key-stance") == []


def test_unknown_key_stance_is_low_when_uncovered_carries_it(baseline, run):
    dm = {**SAM, "stance": "unknown", "coverage": "none"}
    [finding] = run(baseline(people=[dm]), "unknown-key-stance")
    assert finding.severity is Severity.LOW


# --- no-visible-opposition ------------------------------------------------------------


def _users(count, **fields):
    return [
        {"name": f"User {i}", "department": "Ops", "role": "user", "stance": "neutral", **fields}
        for i in range(count)
    ]


def test_no_visible_opposition_on_a_large_map_with_no_skeptic(baseline, run):
    [finding] = run(baseline(people=_users(6)), "no-visible-opposition")
    assert "Nobody among the 8 people" in finding.message
    assert "Probe for hidden resistance" in finding.suggestion


def test_no_visible_opposition_quiet_with_one_skeptic_or_a_small_map(baseline, run):
    people = _users(6)
    people[0]["stance"] = "skeptic"
    assert run(baseline(people=people), "no-visible-opposition") == []
    assert run(baseline(people=_users(5)), "no-visible-opposition") == []


# --- stale-contact --------------------------------------------------------------------


def test_stale_contact_for_a_key_player_not_heard_from(baseline, run):
    [finding] = run(baseline(eve={"last_contact": "2026-08-01"}), "stale-contact")
    assert "121 days ago" in finding.message
    assert finding.severity is Severity.MEDIUM  # more than twice the threshold


def test_stale_contact_quiet_within_the_threshold_or_when_overridden(baseline, run):
    assert run(baseline(eve={"last_contact": "2026-10-01"}), "stale-contact") == []
    assert run(baseline(eve={"last_contact": "2026-08-01"}), "stale-contact", stale_days=200) == []


def test_stale_contact_ignores_people_who_are_not_key(baseline, run):
    minor = {"name": "Min Or", "last_contact": "2025-01-01", "coverage": "brief"}
    assert run(baseline(people=[minor]), "stale-contact") == []


def _touch(stakemap, name, day, **fields):
    """A touch in the log only (no bookkeeping on the person): the rules must read the log."""
    fields.setdefault("summary", "Check-in")
    return stakemap.add_interaction(person=stakemap.resolve(name).id, date=day, **fields)


def test_stale_contact_counts_from_the_log_of_touches(baseline, run):
    stakemap = baseline(eve={"last_contact": ""})
    _touch(stakemap, "Eve Buyer", "2026-08-01", kind="email")
    [finding] = run(stakemap, "stale-contact")
    assert "on 2026-08-01, 121 days ago" in finding.message
    assert {"id": finding.subjects[0].id, "measure": "last_touch", "value": "2026-08-01"} in (
        finding.evidence
    )


def test_stale_contact_quiet_when_a_recent_touch_is_logged(baseline, run):
    stakemap = baseline(eve={"last_contact": "2026-08-01"})
    _touch(stakemap, "Eve Buyer", "2026-11-01", kind="call")
    assert run(stakemap, "stale-contact") == []


# --- overdue-next-step -------------------------------------------------------------------


def test_overdue_next_step_to_a_key_player(baseline, run):
    stakemap = baseline()
    _touch(stakemap, "Eve Buyer", "2026-11-20", next_step="send the ROI model", due="2026-11-25")
    [finding] = run(stakemap, "overdue-next-step")
    assert names([finding]) == ["Eve Buyer"]
    assert finding.severity is Severity.MEDIUM
    assert finding.message.startswith(
        'Your next step with Eve Buyer (CFO), "send the ROI model", was due 2026-11-25: '
        "5 days late."
    )
    assert finding.suggestion.startswith("Do it today, or call Eve Buyer")


def test_overdue_next_step_severity_follows_who_and_how_late(baseline, run):
    minor = {"name": "Min Or", "department": "Ops", "stance": "neutral", "coverage": "brief"}
    stakemap = baseline(people=[minor])
    _touch(stakemap, "Eve Buyer", "2026-11-01", next_step="book the CEO", due="2026-11-10")
    _touch(stakemap, "Min Or", "2026-11-01", next_step="send the deck", due="2026-11-10")
    found = run(stakemap, "overdue-next-step")
    assert [(f.subjects[0].name, f.severity) for f in found] == [
        ("Eve Buyer", Severity.HIGH),  # a key player, 20 days late
        ("Min Or", Severity.LOW),
    ]


def test_overdue_next_step_quiet_for_kept_future_or_undated_promises(baseline, run):
    stakemap = baseline()
    kept = _touch(stakemap, "Eve Buyer", "2026-11-01", next_step="a", due="2026-11-10")
    stakemap.update_interaction(kept.id, done=True)
    _touch(stakemap, "Eve Buyer", "2026-11-20", next_step="b", due="2026-11-30")  # due today
    _touch(stakemap, "Chad Champion", "2026-11-20", next_step="c", due="2026-12-05")
    _touch(stakemap, "Chad Champion", "2026-11-20", next_step="d")
    assert run(stakemap, "overdue-next-step") == []


# --- missed-cadence ----------------------------------------------------------------------


def test_missed_cadence_for_a_champion_left_alone(baseline, run):
    [finding] = run(baseline(chad={"last_contact": "2026-11-10"}), "missed-cadence")
    assert names([finding]) == ["Chad Champion"]
    assert finding.severity is Severity.LOW
    assert "your champion Chad Champion (CMO) for 20 days" in finding.message
    assert "the rhythm is every 14 days" in finding.message
    assert finding.suggestion.startswith("Call Chad Champion this week")
    late = run(baseline(chad={"last_contact": "2026-10-30"}), "missed-cadence")
    assert late[0].severity is Severity.MEDIUM  # beyond twice the cadence


def test_missed_cadence_for_the_economic_buyer(baseline, run):
    [finding] = run(baseline(eve={"last_contact": "2026-10-20"}), "missed-cadence")
    assert "your economic buyer Eve Buyer (CFO) for 41 days" in finding.message
    assert "tie the initiative to RevOps platform" in finding.suggestion


def test_missed_cadence_quiet_within_rhythm_logged_overridden_or_stale(baseline, run):
    assert run(baseline(chad={"last_contact": "2026-11-20"}), "missed-cadence") == []
    stakemap = baseline(chad={"last_contact": "2026-11-01"})
    _touch(stakemap, "Chad Champion", "2026-11-28", kind="call")
    assert run(stakemap, "missed-cadence") == []
    late = baseline(chad={"last_contact": "2026-11-10"})
    assert run(late, "missed-cadence", cadence_champion_days=30) == []
    assert run(late, "missed-cadence", cadence_champion_days=0) == []
    # past stale_days a key player is stale-contact's, not reported twice
    stale = baseline(eve={"last_contact": "2026-08-01"})
    assert run(stale, "missed-cadence") == []
    assert [f.rule for f in run(stale) if f.subjects and f.subjects[0].name == "Eve Buyer"] == [
        "stale-contact"
    ]


# --- broker ---------------------------------------------------------------------------


def _two_groups(bridge):
    """Two triangles of three people joined only through ``bridge``."""
    people = [bridge]
    links = []
    for dept, names_ in (("Sales", ["A1", "A2", "A3"]), ("Ops", ["B1", "B2", "B3"])):
        for name in names_:
            people.append(
                {"name": name, "department": dept, "stance": "neutral", "coverage": "brief"}
            )
        links += [(names_[0], names_[1], "influences"), (names_[1], names_[2], "influences")]
        links.append((names_[2], names_[0], "influences"))
    links += [("A1", bridge["name"], "influences"), (bridge["name"], "B1", "influences")]
    return people, links


def test_broker_fires_for_an_unmet_go_between(baseline, run):
    bridge = {"name": "Bea Bridge", "department": "PMO", "stance": "neutral"}
    people, links = _two_groups(bridge)
    [finding] = run(baseline(people=people, links=links), "broker")
    assert names([finding]) == ["Bea Bridge"]
    assert "the map records no meeting with them" in finding.message
    assert finding.severity is Severity.LOW
    split = next(e for e in finding.evidence if e.get("measure") == "split_groups")
    assert split["value"] == [3, 3]


def test_broker_quiet_once_met(baseline, run):
    bridge = {"name": "Bea Bridge", "department": "PMO", "stance": "neutral", "coverage": "brief"}
    people, links = _two_groups(bridge)
    assert run(baseline(people=people, links=links), "broker") == []


def test_opposed_broker_is_medium(baseline, run):
    bridge = {"name": "Bea Bridge", "department": "PMO", "stance": "skeptic", "coverage": "brief"}
    people, links = _two_groups(bridge)
    [finding] = run(baseline(people=people, links=links), "broker")
    assert finding.severity is Severity.MEDIUM
    assert "filter what each side hears" in finding.message


@pytest.mark.parametrize("rule", list(RULES))
def test_no_rule_fires_on_an_empty_map(make_map, run, rule):
    assert run(make_map(), rule) == []
