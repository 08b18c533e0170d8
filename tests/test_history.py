"""Undo/redo restores maps exactly: every field, every id, every link."""

from __future__ import annotations

import pytest

from stakemap.history import Change, Edit, History
from stakemap.serialize import map_to_json


def _state(stakemap):
    """Everything a map holds, order aside (a restored record goes back at the end),
    except the account's modified time (bumped by any change)."""
    data = map_to_json(stakemap)
    data["account"].pop("modified")
    for table in ("stakeholders", "links", "retired"):
        data[table] = sorted(data[table], key=lambda record: record["id"])
    return data


@pytest.fixture
def trio(make_map):
    m = make_map()
    ann = m.add_person(name="Ann Lee", department="Finance", stance="champion")
    bo = m.add_person(name="Bo Chen", department="IT", stance="skeptic")
    cy = m.add_person(name="Cy Diaz", department="IT")
    m.add_link(bo.id, cy.id, "reports_to")
    m.add_link(ann.id, bo.id, "influences", 3)
    m.add_link(cy.id, ann.id, "conflicts", 1)
    return m, ann, bo, cy


def test_undo_delete_restores_person_and_exact_link_set(trio):
    m, _ann, bo, _cy = trio
    before = _state(m)
    history = History()
    person, links = m.remove_person(bo.id)
    history.record(Edit.person_removed(person, links))
    assert bo.id not in m
    assert len(m.links) == 1

    edit = history.undo(m)

    assert edit is not None and edit.focus == bo.id
    after = _state(m)
    assert after == before  # people, links (all three kinds) and retired ids, every field
    assert m.manager_of(bo.id) is not None


def test_redo_delete_removes_the_same_links_again(trio):
    m, _ann, bo, _cy = trio
    history = History()
    person, links = m.remove_person(bo.id)
    history.record(Edit.person_removed(person, links))
    history.undo(m)
    history.redo(m)
    assert bo.id not in m
    assert [link.kind.value for link in m.links] == ["conflicts"]
    assert bo.id in m.retired
    assert all(link.id in m.retired for link in links)


def test_undo_update_restores_every_field_and_timestamp(trio, make_map):
    m, ann, _bo, _cy = trio
    history = History()
    after = m.update_person(ann.id, {"stance": "opponent", "title": "CFO"})
    history.record(Edit.person_changed(ann, after))
    history.undo(m)
    assert m.person(ann.id) == ann  # frozen dataclass equality: every field
    history.redo(m)
    assert m.person(ann.id) == after


def test_undo_add_then_redo_brings_back_same_id(trio):
    m, _ann, _bo, _cy = trio
    history = History()
    dee = m.add_person(name="Dee")
    history.record(Edit.person_added(dee))
    history.undo(m)
    assert dee.id not in m
    assert dee.id in m.retired  # never handed out again while undone
    history.redo(m)
    assert m.person(dee.id) == dee
    assert dee.id not in m.retired


def test_link_edits_undo_and_redo(trio):
    m, ann, _bo, cy = trio
    history = History()
    link = m.add_link(ann.id, cy.id, "influences", 2)
    history.record(Edit.link_added(link, "link"))
    changed = m.update_link(link.id, strength=3)
    history.record(Edit.link_changed(link, changed, "strength"))
    removed = m.remove_link(link.id)
    history.record(Edit.link_removed(removed, "unlink"))

    history.undo(m)
    assert m.link(link.id).strength == 3
    history.undo(m)
    assert m.link(link.id) == link
    history.undo(m)
    assert link.id not in {x.id for x in m.links}
    history.redo(m)
    history.redo(m)
    history.redo(m)
    assert link.id not in {x.id for x in m.links}


def test_new_edit_clears_redo_and_labels_follow(trio):
    m, ann, bo, _cy = trio
    history = History()
    a2 = m.update_person(ann.id, {"title": "CMO"})
    history.record(Edit.person_changed(ann, a2, "retitle"))
    assert history.undo_label == "retitle Ann Lee"
    history.undo(m)
    assert history.can_redo and history.redo_label == "retitle Ann Lee"
    b2 = m.update_person(bo.id, {"title": "CIO"})
    history.record(Edit.person_changed(bo, b2))
    assert not history.can_redo
    assert history.redo(m) is None
    assert len(history) == 1


def test_empty_history_does_nothing(trio):
    m = trio[0]
    before = _state(m)
    history = History()
    assert history.undo(m) is None
    assert history.redo(m) is None
    assert _state(m) == before


def test_limit_drops_oldest(make_map):
    m = make_map()
    history = History(limit=2)
    for name in ("A", "B", "C"):
        history.record(Edit.person_added(m.add_person(name=name)))
    assert [e.label for e in history.edits] == ["add B", "add C"]


def test_failed_undo_keeps_the_edit_on_its_stack(trio):
    m, ann, bo, _cy = trio
    history = History()
    link = m.add_link(ann.id, bo.id, "dotted_line")
    history.record(Edit.link_added(link, "link"))
    # Someone removes Bo outside the history: the link's undo (remove) fails.
    m.remove_person(bo.id)
    with pytest.raises(Exception):  # noqa: B017 - the model's own NotFoundError
        history.undo(m)
    assert history.can_undo and not history.can_redo


def test_change_refuses_nonsense():
    with pytest.raises(ValueError):
        Change(None, None)


def test_account_edit_round_trips(make_map):
    m = make_map()
    history = History()
    before = m.account
    after = m.update_account({"initiative": "New thing"})
    history.record(Edit.account_changed(before, after))
    history.undo(m)
    assert m.account == before
    history.redo(m)
    assert m.account == after
