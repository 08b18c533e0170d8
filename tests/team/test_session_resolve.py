"""Settling a conflict in the app's session: saved straight away, and one undo brings it back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from stakemap.errors import ValidationError
from stakemap.model import StakeMap
from stakemap.records import Conflict
from stakemap.session import Session
from stakemap.store import MapStore
from stakemap.team.ids import conflict_id
from stakemap.vocab import Stance


@pytest.fixture
def session(tmp_path: Path, make_map: Callable[..., StakeMap]) -> Session:
    m = make_map()
    ann = m.add_person(name="Ann Lee", stance="supporter")
    m.put_conflict(
        Conflict.from_dict(
            {
                "id": conflict_id("people", ann.id, "stance"),
                "section": "people",
                "record": ann.id,
                "field": "stance",
                "ours": "supporter",
                "theirs": "opponent",
            }
        )
    )
    path = tmp_path / "acme.json"
    MapStore(path).create(m)
    return Session.open(path)


def test_resolve_is_saved_and_undo_brings_the_conflict_back(session: Session) -> None:
    cid = session.map.conflicts[0].id
    pid = session.map.resolve("Ann Lee").id
    session.resolve_conflict(cid, take="theirs")
    on_disk = MapStore(session.path).load()
    assert on_disk.conflicts == [] and on_disk.person(pid).stance is Stance.OPPONENT
    assert session.history.undo_label == "settle Ann Lee's stance took theirs: opponent"
    session.undo()
    on_disk = MapStore(session.path).load()
    assert [c.id for c in on_disk.conflicts] == [cid]
    assert on_disk.person(pid).stance is Stance.SUPPORTER
    session.redo()
    assert MapStore(session.path).load().conflicts == []


def test_a_refused_value_is_not_an_edit(session: Session) -> None:
    cid = session.map.conflicts[0].id
    with pytest.raises(ValidationError, match="stance"):
        session.resolve_conflict(cid, value="lukewarm")
    assert not session.history.can_undo
    assert [c.id for c in MapStore(session.path).load().conflicts] == [cid]
