"""The team rules: key players and champions nobody active owns, one seller's thread.

Each starts from ``baseline`` (Eve the economic buyer and Chad the champion,
both met more than once) and changes owners or the team only.
"""

from __future__ import annotations

import pytest

from stakemap.analysis import Severity

SAM = {
    "name": "Sam Skeptic",
    "title": "CIO",
    "department": "IT",
    "role": "decision_maker",
    "stance": "neutral",
    "influence": "medium",
    "coverage": "brief",
}


@pytest.fixture
def team_map(baseline):
    """``baseline`` with a team and owners: ``owners`` maps names to owners."""

    def factory(team=("Ann Lee", "Bo Chen"), owners=None, **kwargs):
        stakemap = baseline(**kwargs)
        stakemap.update_account(team=list(team))
        for name, owner in (owners or {}).items():
            stakemap.update_person(stakemap.resolve(name).id, owner=owner)
        return stakemap

    return factory


def _owned(**extra):
    return {"Eve Buyer": "Ann Lee", "Chad Champion": "Bo Chen", **extra}


# --- unowned-key-player ---------------------------------------------------------------


def test_unowned_key_player_fires_for_a_decider_nobody_owns(team_map, run):
    stakemap = team_map(owners=_owned(), people=[SAM])
    [finding] = run(stakemap, "unowned-key-player")
    assert [s.name for s in finding.subjects] == ["Sam Skeptic"]
    assert finding.severity is Severity.MEDIUM
    assert finding.message.startswith("Nobody on the team owns Sam Skeptic (CIO), a decision maker")
    assert "(Ann Lee or Bo Chen)" in finding.suggestion


def test_unowned_key_player_fires_when_the_owner_left_the_team(team_map, run):
    stakemap = team_map(owners=_owned(**{"Eve Buyer": "Dee Gone"}))
    [finding] = run(stakemap, "unowned-key-player")
    assert "owned by Dee Gone, who is not on the account's team" in finding.message
    assert finding.suggestion.startswith(
        "Ask Dee Gone to hand Eve Buyer over to Ann Lee or Bo Chen"
    )


def test_unowned_key_player_matches_owners_ignoring_case(team_map, run):
    owners = _owned(**{"Eve Buyer": "ann LEE", "Sam Skeptic": "BO CHEN"})
    stakemap = team_map(owners=owners, people=[SAM])
    assert run(stakemap, "unowned-key-player") == []


def test_unowned_key_player_quiet_on_a_solo_map_without_owners(baseline, run):
    # a rep who never used owners is not told about every key player
    assert run(baseline(people=[SAM]), "unowned-key-player") == []


def test_unowned_key_player_speaks_once_someone_has_an_owner(baseline, run):
    stakemap = baseline(people=[SAM])
    stakemap.update_person(stakemap.resolve("Chad Champion").id, owner="Ann Lee")
    found = run(stakemap, "unowned-key-player")
    assert sorted(s.name for f in found for s in f.subjects) == ["Eve Buyer", "Sam Skeptic"]


# --- orphaned-champion ----------------------------------------------------------------


def test_orphaned_champion_is_high_when_the_owner_left(team_map, run):
    stakemap = team_map(owners=_owned(**{"Chad Champion": "Dee Gone"}))
    [finding] = run(stakemap, "orphaned-champion")
    assert finding.severity is Severity.HIGH
    assert finding.message.startswith(
        "Your champion Chad Champion (CMO) is owned by Dee Gone, who is not on the account's team"
    )
    assert "introduce Ann Lee or Bo Chen to Chad Champion" in finding.suggestion


def test_orphaned_champion_is_medium_when_nobody_owns_them(team_map, run):
    stakemap = team_map(owners={"Eve Buyer": "Ann Lee"})
    [finding] = run(stakemap, "orphaned-champion")
    assert finding.severity is Severity.MEDIUM
    assert "has no owner on the team" in finding.message
    # the champion is not reported twice
    assert run(stakemap, "unowned-key-player") == []


def test_orphaned_champion_quiet_when_an_active_teammate_owns_them(team_map, run):
    assert run(team_map(owners=_owned()), "orphaned-champion") == []


def test_orphaned_champion_quiet_on_a_solo_map(baseline, run):
    assert run(baseline(), "orphaned-champion") == []


# --- single-threaded on one teammate ----------------------------------------------------


def test_single_threaded_on_one_teammate(team_map, run):
    stakemap = team_map(owners={"Eve Buyer": "Ann Lee", "Chad Champion": "ann lee"})
    [finding] = run(stakemap, "single-threaded")
    assert finding.severity is Severity.MEDIUM
    assert finding.message.startswith(
        "Every relationship that runs deep (Chad Champion and Eve Buyer) is held by Ann Lee alone"
    )
    assert finding.suggestion.startswith("Have Bo Chen build a relationship of their own")
    assert {"measure": "teammates_with_access", "value": 1} in finding.evidence


def test_single_threaded_quiet_when_two_teammates_hold_the_deep_relationships(team_map, run):
    assert run(team_map(owners=_owned()), "single-threaded") == []


def test_single_threaded_on_one_teammate_needs_a_team_of_two(team_map, run):
    stakemap = team_map(
        team=("Ann Lee",), owners={"Eve Buyer": "Ann Lee", "Chad Champion": "Ann Lee"}
    )
    assert run(stakemap, "single-threaded") == []


def test_single_threaded_on_one_teammate_is_configurable(team_map, run):
    stakemap = team_map(owners={"Eve Buyer": "Ann Lee", "Chad Champion": "Ann Lee"})
    assert run(stakemap, "single-threaded", team_threads=0) == []
    assert run(stakemap, "single-threaded", team_threads=3) == []


def test_team_findings_never_quote_private_text(team_map, run):
    stakemap = team_map(
        owners={"Eve Buyer": "Ann Lee", "Chad Champion": "Dee Gone"},
        eve={"notes": "SECRET-NOTE", "fears": "SECRET-FEAR"},
        chad={"drivers": "SECRET-DRIVER"},
        people=[SAM],
    )
    found = run(stakemap)
    assert {"orphaned-champion", "unowned-key-player"} <= {f.rule for f in found}
    text = " ".join(f.message + f.suggestion for f in found)
    assert "SECRET" not in text
