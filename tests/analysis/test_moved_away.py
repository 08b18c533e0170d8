"""``moved-away``: a key player who drifted away from us since the last review."""

from __future__ import annotations

from datetime import date

from stakemap.analysis import Severity
from stakemap.model import StakeMap
from stakemap.timeline import reviews
from stakemap.timeline.reviews import record_review
from stakemap.timeline.state import records_state

LEAH = {
    "name": "Leah User",
    "title": "Analyst",
    "department": "Finance",
    "role": "user",
    "stance": "supporter",
    "influence": "low",
    "coverage": "brief",
}


def review(stakemap: StakeMap, day: str = "2026-10-01", label: str = "Q1 deal review") -> None:
    record_review(stakemap, records_state(stakemap), day=date.fromisoformat(day), label=label)


def pid(stakemap: StakeMap, name: str) -> str:
    return stakemap.resolve(name).id


def test_economic_buyer_moving_away_is_high_and_quotes_the_last_touch(baseline, run):
    stakemap = baseline()
    review(stakemap)
    eve = pid(stakemap, "Eve Buyer")
    stakemap.add_interaction(
        person=eve, date="2026-09-20", summary="before the review", kind="call"
    )
    stakemap.add_interaction(
        person=eve, date="2026-10-12", summary="asked for references", kind="email"
    )
    stakemap.add_interaction(
        person=eve, date="2026-10-20", summary="pushed back on price", kind="call", stance="skeptic"
    )
    stakemap.update_person(eve, stance="skeptic")
    [finding] = run(stakemap, "moved-away")
    assert finding.severity is Severity.HIGH
    assert [s.name for s in finding.subjects] == ["Eve Buyer"]
    assert finding.message == (
        "Eve Buyer (CFO) moved from supporter to skeptic since the Q1 deal review (2026-10-01); "
        "last logged: 2026-10-20 call 'pushed back on price' (1 earlier touch since)."
    )
    # find out why first, through the champion who sways her; then hear it from her
    assert finding.suggestion.startswith("Find out why before you push: ask Chad Champion")
    assert "influences Eve Buyer strongly" in finding.suggestion
    assert "do not count on this deal in the forecast" in finding.suggestion
    assert {
        "id": eve,
        "review": stakemap.reviews[-1].id,
        "field": "stance",
        "value": "supporter",
    } in (finding.evidence)
    logged = [e["interaction"] for e in finding.evidence if "interaction" in e]
    assert len(logged) == 2  # the touch before the review is not "since"


def test_other_key_player_is_medium_and_says_nothing_was_logged(baseline, run):
    stakemap = baseline()
    review(stakemap, label="Q1")
    stakemap.update_person(pid(stakemap, "Chad Champion"), stance="neutral")  # high influence
    [finding] = run(stakemap, "moved-away")
    assert finding.severity is Severity.MEDIUM
    assert finding.message == (
        "Chad Champion (CMO) moved from champion to neutral since the review 'Q1' (2026-10-01); "
        "nothing is logged with them since, so you do not know why yet."
    )
    # Eve, whom he sways, is his one supportive contact
    assert finding.suggestion.startswith(
        "Find out why before you push: ask Eve Buyer (supporter, is influenced by Chad Champion) "
        "what Chad Champion has been hearing since 2026-10-01. Then ask Chad Champion"
    )
    assert "forecast" not in finding.suggestion


def test_no_helper_on_the_map_asks_whom_they_listen_to(baseline, run):
    stakemap = baseline(chad_sways_eve=False)
    review(stakemap)
    stakemap.update_person(pid(stakemap, "Eve Buyer"), stance="neutral")
    [finding] = run(stakemap, "moved-away")
    assert "nobody supportive on the map is linked to Eve Buyer" in finding.suggestion
    assert "whom they have been listening to since 2026-10-01 and put them" in finding.suggestion


def test_no_review_no_finding(baseline, run):
    stakemap = baseline()
    stakemap.update_person(pid(stakemap, "Eve Buyer"), stance="opponent")
    assert run(stakemap, "moved-away") == []


def test_moving_towards_us_is_not_a_finding(baseline, run):
    stakemap = baseline(eve={"stance": "neutral"})
    review(stakemap)
    stakemap.update_person(pid(stakemap, "Eve Buyer"), stance="champion")
    assert run(stakemap, "moved-away") == []


def test_a_mover_who_is_not_a_key_player_is_not_a_finding(baseline, run):
    stakemap = baseline(people=[LEAH])
    review(stakemap)
    stakemap.update_person(pid(stakemap, "Leah User"), stance="skeptic")
    assert run(stakemap, "moved-away") == []
    # the same move by someone with formal power is one
    stakemap.update_person(pid(stakemap, "Leah User"), role="approver")
    assert [s.name for f in run(stakemap, "moved-away") for s in f.subjects] == ["Leah User"]


def test_a_move_already_reviewed_is_not_reported_again(baseline, run):
    stakemap = baseline()
    review(stakemap)
    stakemap.update_person(pid(stakemap, "Eve Buyer"), stance="skeptic")
    review(stakemap, "2026-11-01", "Q2 review")
    assert run(stakemap, "moved-away") == []


def test_the_rule_replays_only_the_people_of_the_reviews_once(baseline, run, monkeypatch):
    stakemap = baseline()
    for n in range(3):
        review(stakemap, f"2026-10-0{n + 1}", f"R{n}")
    stakemap.update_person(pid(stakemap, "Eve Buyer"), stance="skeptic")
    calls: list[str] = []
    original = StakeMap.review_records

    def counting(self: StakeMap, rid: str):
        calls.append(rid)
        return original(self, rid)

    def no_full_rebuild(*_: object) -> None:
        raise AssertionError("the rule rebuilt every section")

    monkeypatch.setattr(StakeMap, "review_records", counting)
    monkeypatch.setattr(reviews, "apply_entries", no_full_rebuild)
    assert len(run(stakemap, "moved-away")) == 1
    assert sorted(calls) == sorted(r.id for r in stakemap.reviews)
