"""The one initiative matcher: marked, then equal text, then shared content words."""

from __future__ import annotations

import pytest

from stakemap.initiative import InitiativeMatch, content_words, match_initiative, words_match
from stakemap.records import initiative_rank


def test_fleet_telemetry_matches_the_platform_wording() -> None:
    found = match_initiative(
        ["Cut fleet fuel costs", "Fleet-telemetry platform"], "Fleet telemetry"
    )
    assert found == InitiativeMatch(2, "Fleet-telemetry platform", "matched")
    assert (
        initiative_rank(["Cut fleet fuel costs", "Fleet-telemetry platform"], "Fleet telemetry")
        == 2
    )


@pytest.mark.parametrize(
    ("priority", "initiative"),
    [
        ("Fleet-telemetry platform", "Fleet telemetry"),
        ("fleet telemetries", "The fleet telemetry project"),
        ("Pricing tools", "New price tool"),
        ("Cost cuts", "cut costs"),
        ("RevOps platform", "RevOps"),
        ("Migrating the ERP system", "ERP migrated"),
    ],
)
def test_wordings_of_one_initiative_match(priority: str, initiative: str) -> None:
    assert words_match(priority, initiative)
    assert match_initiative([priority], initiative) is not None


@pytest.mark.parametrize(
    ("priority", "initiative"),
    [
        ("Cost cuts", "Fleet telemetry"),
        ("Fleet safety", "Fleet telemetry"),  # one word in common is not enough
        ("Cut fleet fuel costs", "Fleet telemetry"),
        ("Platform project", "Fleet telemetry platform"),  # only filler in common
        ("Audit", "RevOps platform"),
    ],
)
def test_near_misses_do_not_match(priority: str, initiative: str) -> None:
    assert not words_match(priority, initiative)
    assert match_initiative([priority], initiative) is None


def test_exact_text_wins_over_an_earlier_word_match() -> None:
    found = match_initiative(
        ["Fleet telemetry for the depots", "fleet  Telemetry."], "Fleet telemetry"
    )
    assert found == InitiativeMatch(2, "fleet  Telemetry.", "exact")


def test_the_marked_priority_wins_whatever_its_words() -> None:
    priorities = ["Fleet telemetry", "Driver app"]
    assert match_initiative(priorities, "Fleet telemetry", marked="Driver app") == InitiativeMatch(
        2, "Driver app", "marked"
    )
    # a mark pointing at text no longer in the list is ignored
    assert match_initiative(priorities, "Fleet telemetry", marked="Gone") == InitiativeMatch(
        1, "Fleet telemetry", "exact"
    )


def test_nothing_matches_an_empty_or_filler_only_initiative() -> None:
    assert match_initiative(["The platform"], "") is None
    assert match_initiative(["Platform"], "The platform") is None
    assert content_words("the new platform") == frozenset()
