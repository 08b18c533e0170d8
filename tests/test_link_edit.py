"""Editing a link (kind, strength, direction): checked like a new link, one undo,
and seen by the timeline's comparison and the team merge as a changed record."""

from __future__ import annotations

import pytest
from merge_helpers import copy, small_map

from stakemap.errors import ValidationError
from stakemap.session import Session
from stakemap.store import MapStore
from stakemap.team.merge import merge_maps
from stakemap.timeline.changes import compare_states
from stakemap.timeline.state import records_state
from stakemap.timeline.wording import change_lines
from stakemap.vocab import LinkKind


@pytest.fixture
def trio(make_map):
    m = make_map()
    ann = m.add_person(name="Ann Lee")
    bo = m.add_person(name="Bo Chen")
    cy = m.add_person(name="Cy Park")
    return m, ann, bo, cy


def test_kind_strength_and_direction_change_in_place(trio):
    m, ann, bo, cy = trio
    first = m.add_link(ann.id, bo.id, "influences", 2)
    other = m.add_link(bo.id, cy.id, "influences", 1)
    after = m.update_link(first.id, kind="dotted_line", strength=3, source=bo.id, target=ann.id)
    assert (after.source, after.target, after.kind, after.strength) == (
        bo.id,
        ann.id,
        LinkKind.DOTTED_LINE,
        3,
    )
    assert (after.id, after.created) == (first.id, first.created)
    assert [link.id for link in m.links] == [first.id, other.id]  # the file's order kept
    assert not m.graph.has_edge(ann.id, bo.id)
    assert m.graph.edges[bo.id, ann.id, first.id]["kind"] is LinkKind.DOTTED_LINE
    assert m.find_links(bo.id, ann.id, LinkKind.DOTTED_LINE) == [after]


def test_unchanged_values_are_no_change(trio):
    m, ann, bo, _ = trio
    link = m.add_link(ann.id, bo.id, "influences", 2)
    revision = m.revision
    assert m.update_link(link.id, strength="2", kind="Influences") is link
    assert m.revision == revision


@pytest.mark.parametrize(
    ("setup", "change", "message"),
    [
        ([], {"strength": 7}, "strength"),
        ([], {"kind": "likes"}, "kind"),
        (
            [("ann", "bo", "dotted_line")],
            {"kind": "dotted_line"},
            "Ann Lee and Bo Chen are already linked by dotted_line",
        ),
        ([("ann", "cy", "reports_to")], {"kind": "reports_to"}, "already reports to Cy Park"),
        ([("bo", "ann", "reports_to")], {"kind": "reports_to"}, "reporting loop"),
        ([], {"target": "ann"}, "can be swapped but not replaced"),
        ([], {"source": "cy"}, "can be swapped but not replaced"),
    ],
)
def test_a_refused_change_says_why_and_changes_nothing(trio, setup, change, message):
    m, ann, bo, cy = trio
    ids = {"ann": ann.id, "bo": bo.id, "cy": cy.id}
    for source, target, kind in setup:
        m.add_link(ids[source], ids[target], kind)
    link = m.add_link(ann.id, bo.id, "influences", 2)
    change = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in change.items()}
    before = (list(m.links), sorted(m.graph.edges(keys=True)), m.revision)
    with pytest.raises(ValidationError, match=message):
        m.update_link(link.id, change)
    assert (list(m.links), sorted(m.graph.edges(keys=True)), m.revision) == before
    assert m.graph.edges[ann.id, bo.id, link.id]["link"] is link


def test_a_conflict_has_no_direction_to_reverse(trio):
    m, ann, bo, _ = trio
    link = m.add_link(ann.id, bo.id, "conflicts", 2)
    with pytest.raises(
        ValidationError, match="conflict between Ann Lee and Bo Chen has no direction"
    ):
        m.update_link(link.id, source=bo.id, target=ann.id)
    # as another kind it has one
    assert m.update_link(link.id, kind="influences", source=bo.id, target=ann.id).source == bo.id


def test_session_edit_is_one_undo_saved_and_compared_by_field(tmp_path, trio):
    m, ann, bo, _ = trio
    link = m.add_link(ann.id, bo.id, "influences", 2)
    path = tmp_path / "deal.json"
    MapStore(path).create(m)
    session = Session.open(path)
    old = records_state(session.map)
    session.update_link(link.id, kind="dotted_line", source=bo.id, target=ann.id)
    assert session.history.undo_label == "change Bo Chen has a dotted line to Ann Lee"
    on_disk = MapStore(path).load().link(link.id)
    assert (on_disk.kind, on_disk.source) == (LinkKind.DOTTED_LINE, bo.id)
    # the timeline's "what changed" sees one changed link, field by field
    changes = compare_states(old, records_state(session.map), old_label="a", new_label="b")
    assert not changes.links_added and not changes.links_removed
    (changed,) = changes.links_changed
    assert {f.field for f in changed.fields} == {"kind", "source", "target"}
    assert change_lines(changes)[-1].text == (
        "Bo Chen has a dotted line to Ann Lee: direction reversed, kind influences → dotted line"
    )
    session.undo()
    assert MapStore(path).load().link(link.id) == link
    session.redo()
    assert MapStore(path).load().link(link.id).kind is LinkKind.DOTTED_LINE


def test_the_team_merge_takes_a_link_edit_on_each_side():
    """Ours reverses and retypes the link, theirs changes its strength: both apply."""
    base = small_map()
    ours, theirs = copy(base, "o", 2), copy(base, "t", 3)
    (influence,) = [link for link in base.links if link.kind is LinkKind.INFLUENCES]
    ours.update_link(influence.id, kind="conflicts")
    theirs.update_link(influence.id, strength=1)
    result = merge_maps(base, ours, theirs)
    merged = result.stakemap.link(influence.id)
    assert (merged.kind, merged.strength) == (LinkKind.CONFLICTS, 1)
    assert not result.conflicts
