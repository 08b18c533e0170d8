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


def test_the_mark_round_trips_through_save_load_and_the_json_bundle(make_map, tmp_path) -> None:
    from stakemap.serialize import map_from_json, map_to_json
    from stakemap.store import MapStore

    stakemap = make_map()
    eve = stakemap.add_person(name="Eve", priorities=["Cost cuts", "Pipeline visibility"])
    stakemap.update_person(eve.id, initiative_priority="Pipeline visibility")
    store = MapStore(tmp_path / "m.json")
    store.save(stakemap)
    loaded = MapStore(tmp_path / "m.json").load().person(eve.id)
    assert loaded.initiative_priority == "Pipeline visibility"
    bundle = map_to_json(stakemap)
    assert bundle["stakeholders"][0]["initiative_priority"] == "Pipeline visibility"
    again = map_from_json(bundle).person(eve.id)
    assert again.initiative_match("RevOps platform") == InitiativeMatch(
        2, "Pipeline visibility", "marked"
    )


def test_anonymizing_keeps_the_mark_on_the_priority_it_named(make_map) -> None:
    from stakemap.privacy import anonymize

    stakemap = make_map("Acme Corp", initiative="Acme RevOps")
    eve = stakemap.add_person(name="Eve Stone", priorities=["Cost cuts", "Eve Stone's pipeline"])
    stakemap.update_person(eve.id, initiative_priority="Eve Stone's pipeline")
    [hidden] = anonymize(stakemap, hide_account=True).people
    assert "Eve" not in hidden.priorities[1]
    assert hidden.initiative_priority == hidden.priorities[1]
    assert hidden.initiative_match("The initiative").how == "marked"
