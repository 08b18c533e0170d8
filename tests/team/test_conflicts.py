"""Settling merge conflicts: each shape, through the model, and nothing changed on bad input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conflict_helpers import conflict as shared_conflict

from stakemap.errors import NotFoundError, ValidationError
from stakemap.model import StakeMap
from stakemap.records import Conflict
from stakemap.team.conflicts import (
    conflicts_json,
    conflicts_phrase,
    describe_conflict,
    resolve_all,
    resolve_conflict,
)
from stakemap.vocab import LinkKind, Stance


def conflict(section: str, record: str, field: str = "", **values: Any) -> Conflict:
    """The shared builder's conflict, with the sides labelled as a bare merge labels them."""
    plain = {"ours_label": "ours", "theirs_label": "theirs", "created": ""}
    return shared_conflict(section, record, field, **{**plain, **values})


@pytest.fixture
def team_map(make_map: Callable[..., StakeMap]) -> StakeMap:
    m = make_map()
    dana = m.add_person(name="Dana Whitfield", stance="supporter", notes="ours note")
    bo = m.add_person(name="Bo Chen")
    m.add_link(dana.id, bo.id, "influences", 2)
    m.add_interaction(person=dana.id, date="2026-11-20", summary="Demo", notes="secret")
    return m


def dana(m: StakeMap) -> str:
    return m.resolve("Dana Whitfield").id


def test_describe_names_the_person_field_and_both_sides(team_map: StakeMap) -> None:
    c = conflict("people", dana(team_map), "stance", base="neutral", ours="supporter")
    c = Conflict.from_dict({**c.to_dict(), "theirs": "skeptic"})
    assert describe_conflict(team_map, c) == (
        "Dana Whitfield's stance: ours supporter (changed 2026-12-01 10:02), "
        "theirs skeptic (2026-12-02 09:15)"
    )


def test_describe_names_a_link_by_its_sentence_and_a_gone_record(team_map: StakeMap) -> None:
    link = team_map.links[0]
    c = conflict("links", link.id, "strength", base=2, ours=2, theirs=3)
    assert describe_conflict(team_map, c).startswith(
        "Dana Whitfield influences Bo Chen (strength 2): strength: ours 2"
    )
    gone = conflict("people", "p99999999", "title", ours="CFO", theirs="CEO")
    assert "no longer in the map" in describe_conflict(team_map, gone)


def test_taking_theirs_sets_the_field_and_drops_the_conflict(team_map: StakeMap) -> None:
    pid = dana(team_map)
    c = conflict("people", pid, "stance", base="neutral", ours="supporter", theirs="skeptic")
    team_map.put_conflict(c)
    resolved = resolve_conflict(team_map, c.id, take="theirs")
    assert team_map.person(pid).stance is Stance.SKEPTIC
    assert team_map.conflicts == []
    assert resolved.message == "Dana Whitfield's stance took theirs: skeptic"
    # One edit undoes the whole settlement: the old stance and the conflict.
    resolved.edit().revert(team_map)
    assert team_map.person(pid).stance is Stance.SUPPORTER
    assert team_map.conflicts == [c]


def test_a_typed_value_is_read_by_the_fields_parser(team_map: StakeMap) -> None:
    pid = dana(team_map)
    c = conflict("people", pid, "priorities", ours=["Cost"], theirs=["Audit"])
    team_map.put_conflict(c)
    resolve_conflict(team_map, c.id, value="Cost; Audit")
    assert team_map.person(pid).priorities == ("Cost", "Audit")


def test_a_bad_value_names_the_field_and_changes_nothing(team_map: StakeMap) -> None:
    pid = dana(team_map)
    c = conflict("people", pid, "stance", ours="supporter", theirs="skeptic")
    team_map.put_conflict(c)
    before = team_map.person(pid)
    with pytest.raises(ValidationError, match="stance"):
        resolve_conflict(team_map, c.id, value="lukewarm")
    assert team_map.person(pid) == before
    assert team_map.conflicts == [c]


def test_exactly_one_choice_and_a_known_id(team_map: StakeMap) -> None:
    c = conflict("people", dana(team_map), "stance", ours="supporter", theirs="skeptic")
    team_map.put_conflict(c)
    with pytest.raises(ValidationError, match="exactly one"):
        resolve_conflict(team_map, c.id, take="ours", value="x")
    with pytest.raises(ValidationError, match="exactly one"):
        resolve_conflict(team_map, c.id)
    with pytest.raises(NotFoundError, match=f"no conflict has the id 'nope'.*{c.id}"):
        resolve_conflict(team_map, "nope", take="ours")


def test_text_conflict_takes_one_full_text(team_map: StakeMap) -> None:
    pid = dana(team_map)
    team_map.update_person(pid, {"notes": "<<< ours\nours note\n===\ntheirs note\n>>>"})
    c = conflict(
        "people", pid, "notes", kind="text", base="", ours="ours note", theirs="theirs note"
    )
    team_map.put_conflict(c)
    resolve_conflict(team_map, c.id, take="ours")
    assert team_map.person(pid).notes == "ours note"


def test_deleted_taking_the_deleting_side_removes_the_person_and_cascades(
    team_map: StakeMap,
) -> None:
    pid = dana(team_map)
    whole = team_map.person(pid).to_dict()
    c = conflict("people", pid, ours=None, theirs=whole, base=whole)
    team_map.put_conflict(c)

    def records() -> set[object]:
        return {*team_map.people, *team_map.links, *team_map.interactions}

    snapshot = records()
    resolved = resolve_conflict(team_map, c.id, take="ours")
    assert pid not in team_map
    assert team_map.links == [] and team_map.interactions == []
    resolved.edit().revert(team_map)
    assert records() == snapshot
    assert team_map.conflicts == [c]


def test_deleted_taking_the_other_side_keeps_the_record(team_map: StakeMap) -> None:
    pid = dana(team_map)
    c = conflict("people", pid, ours=None, theirs=team_map.person(pid).to_dict())
    team_map.put_conflict(c)
    resolve_conflict(team_map, c.id, take="theirs")
    assert pid in team_map and team_map.conflicts == []


def test_a_link_the_model_could_not_take_is_added_when_it_fits(team_map: StakeMap) -> None:
    a, b = dana(team_map), team_map.resolve("Bo Chen").id
    link = {"id": "lzzzzzzzz", "source": b, "target": a, "kind": "reports_to", "strength": 2}
    c = conflict("links", "lzzzzzzzz", ours=None, theirs=link)
    team_map.put_conflict(c)
    assert "could not take the link" in describe_conflict(team_map, c)
    resolve_conflict(team_map, c.id, take="theirs")
    assert team_map.link("lzzzzzzzz").kind is LinkKind.REPORTS_TO


def test_a_link_that_still_does_not_fit_is_refused_in_the_models_words(
    team_map: StakeMap,
) -> None:
    a, b = dana(team_map), team_map.resolve("Bo Chen").id
    team_map.add_link(b, a, "reports_to")
    link = {"id": "lzzzzzzzz", "source": a, "target": b, "kind": "reports_to"}
    c = conflict("links", "lzzzzzzzz", ours=None, theirs=link)
    team_map.put_conflict(c)
    with pytest.raises(ValidationError, match="reporting loop"):
        resolve_conflict(team_map, c.id, take="theirs")
    assert team_map.conflicts == [c]
    resolve_conflict(team_map, c.id, take="ours")  # drop it
    assert team_map.conflicts == []


def test_resolve_all_and_json(team_map: StakeMap) -> None:
    pid = dana(team_map)
    team_map.put_conflict(conflict("people", pid, "title", ours="CMO", theirs="CFO"))
    team_map.put_conflict(conflict("account", "account", "initiative", ours="A", theirs="B"))
    data = conflicts_json(team_map)
    assert data["count"] == 2
    assert data["conflicts"][1]["description"].startswith("the account's initiative: ours A")
    assert conflicts_phrase(2) == "2 merge conflicts" and conflicts_phrase(1) == "1 merge conflict"
    resolve_all(team_map, take="theirs")
    assert team_map.person(pid).title == "CFO"
    assert team_map.account.initiative == "B"
    assert team_map.conflicts == []
