"""The map model: edits, the rules that keep a map sound, and name resolution."""

from __future__ import annotations

import pytest

from stakemap.errors import AmbiguousNameError, NotFoundError, ValidationError
from stakemap.model import StakeMap, random_id
from stakemap.vocab import LinkKind, Stance


@pytest.fixture
def trio(make_map):
    m = make_map()
    ann = m.add_person(name="Ann Lee", department="Finance", email="ann@nw.example")
    bob = m.add_person(name="Bob Stone", department="IT")
    cat = m.add_person(name="Cat Diaz", department="IT")
    return m, ann, bob, cat


def test_add_person_assigns_an_id_and_timestamps(trio):
    m, ann, _, _ = trio
    assert ann.id == "p00000001"
    assert ann.created == ann.modified == "2026-11-30T09:00:00Z"
    assert m.person(ann.id) is ann
    assert len(m) == 3


def test_add_person_refuses_bookkeeping_fields(make_map):
    m = make_map()
    with pytest.raises(ValidationError, match="id: is set by stakemap"):
        m.add_person(name="X", id="p1")


def test_a_refused_edit_changes_nothing(trio):
    m, ann, _, _ = trio
    revision = m.revision
    with pytest.raises(ValidationError):
        m.update_person(ann.id, stance="ecstatic")
    assert m.person(ann.id) is ann
    assert m.revision == revision


def test_update_person_keeps_id_and_bumps_modified(make_map):
    clock = iter(["2026-11-30T09:00:00Z", "2026-12-01T10:00:00Z"])
    m = StakeMap.new("Acme", clock=lambda: next(clock, "2026-12-01T10:00:00Z"))
    ann = m.add_person(name="Ann")
    after = m.update_person(ann.id, stance="champion", name="Ann Lee")
    assert (after.id, after.name, after.stance) == (ann.id, "Ann Lee", Stance.CHAMPION)
    assert after.created == ann.created
    assert after.modified == "2026-12-01T10:00:00Z"
    assert m.account.modified == "2026-12-01T10:00:00Z"


def test_links_join_people_by_id_so_renames_are_safe(trio):
    m, ann, bob, _ = trio
    link = m.add_link(ann.id, bob.id, "influences", 3)
    m.update_person(ann.id, name="Ann Lee-Smith")
    assert m.link(link.id).source == ann.id
    assert m.links_of(bob.id) == [link]


def test_two_kinds_of_link_may_join_one_pair(trio):
    m, ann, bob, _ = trio
    m.add_link(ann.id, bob.id, "reports_to")
    m.add_link(ann.id, bob.id, "influences")
    assert {link.kind for link in m.find_links(ann.id, bob.id)} == {
        LinkKind.REPORTS_TO,
        LinkKind.INFLUENCES,
    }
    assert m.graph.number_of_edges(ann.id, bob.id) == 2


@pytest.mark.parametrize(
    ("source", "target", "kind", "strength", "message"),
    [
        ("p00000001", "p00000001", "influences", None, "cannot be linked to themselves"),
        ("p00000001", "p99999999", "influences", None, "no stakeholder has the id 'p99999999'"),
        ("p00000001", "p00000002", "likes", None, "kind: 'likes' is not allowed"),
        (
            "p00000001",
            "p00000002",
            "influences",
            4,
            "strength: 4 is not allowed; use one of: 1, 2, 3",
        ),
        ("p00000001", "p00000002", "influences", 0, "strength: 0 is not allowed"),
    ],
)
def test_bad_links_are_refused(trio, source, target, kind, strength, message):
    m = trio[0]
    with pytest.raises(ValidationError, match=message):
        m.add_link(source, target, kind, strength)
    assert m.links == []


def test_duplicate_and_mirrored_conflict_links_are_refused(trio):
    m, ann, bob, _ = trio
    m.add_link(ann.id, bob.id, "influences")
    with pytest.raises(
        ValidationError, match="Ann Lee and Bob Stone are already linked by influences"
    ):
        m.add_link(ann.id, bob.id, "influences", 3)
    m.add_link(ann.id, bob.id, "conflicts")
    with pytest.raises(ValidationError, match="conflicts"):
        m.add_link(bob.id, ann.id, "conflicts")


def test_one_formal_manager_and_no_reporting_loops(trio):
    m, ann, bob, cat = trio
    m.add_link(ann.id, bob.id, "reports_to")
    with pytest.raises(ValidationError, match="already reports to Bob Stone; use dotted_line"):
        m.add_link(ann.id, cat.id, "reports_to")
    m.add_link(ann.id, cat.id, "dotted_line")
    m.add_link(bob.id, cat.id, "reports_to")
    with pytest.raises(ValidationError, match="reporting loop"):
        m.add_link(cat.id, ann.id, "reports_to")
    assert m.manager_of(ann.id) == bob.id


def test_remove_person_takes_their_links_and_ids_are_never_reused(make_map):
    m = StakeMap.new("Acme", id_factory=lambda prefix: prefix + "same0001")
    ann = m.add_person(name="Ann")
    with pytest.raises(RuntimeError, match="already in use"):
        m.add_person(name="Bob")  # the only id the factory knows is taken
    m.remove_person(ann.id)
    assert ann.id in m.retired
    with pytest.raises(RuntimeError, match="already in use"):
        m.add_person(name="Bob")  # ...and stays taken after the delete


def test_remove_person_returns_everything_needed_to_restore_it(trio):
    m, ann, bob, cat = trio
    l1 = m.add_link(ann.id, bob.id, "influences", 3)
    l2 = m.add_link(cat.id, ann.id, "reports_to")
    m.add_link(bob.id, cat.id, "conflicts")
    person, links = m.remove_person(ann.id)
    assert person == ann
    assert {link.id for link in links} == {l1.id, l2.id}
    assert len(m.links) == 1
    m.put_person(person)
    for link in links:
        m.put_link(link)
    assert m.person(ann.id) == ann
    assert {link.id for link in m.links_of(ann.id)} == {l1.id, l2.id}
    assert ann.id not in m.retired


def test_update_and_remove_link(trio):
    m, ann, bob, _ = trio
    link = m.add_link(ann.id, bob.id, "influences")
    assert m.update_link(link.id, strength=3).strength == 3
    assert m.graph.edges[ann.id, bob.id, link.id]["strength"] == 3
    m.remove_link(link.id)
    assert m.links == []
    with pytest.raises(NotFoundError):
        m.link(link.id)


def test_resolve_by_id_email_then_name(trio):
    m, ann, bob, _ = trio
    assert m.resolve(ann.id) is ann
    assert m.resolve("ANN@nw.example") is ann
    assert m.resolve("  bob stone ") is bob


def test_resolve_ambiguous_name_lists_candidates_with_ids(trio):
    m = trio[0]
    twin = m.add_person(name="Ann Lee", department="HR")
    with pytest.raises(AmbiguousNameError) as caught:
        m.resolve("ann lee")
    assert "p00000001" in str(caught.value)
    assert twin.id in str(caught.value)
    assert "use an id instead" in str(caught.value)


def test_resolve_unknown_name_suggests_close_ones(trio):
    m = trio[0]
    with pytest.raises(NotFoundError, match="did you mean 'Ann Lee'"):
        m.resolve("anne lea")
    with pytest.raises(NotFoundError, match=r"no stakeholder matches 'Zed'$"):
        m.resolve("Zed")


def test_departments_are_distinct_and_sorted(trio):
    assert trio[0].departments() == ["Finance", "IT"]


def test_random_ids_look_right_and_differ():
    ids = {random_id("p") for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(i) == 9 and i.startswith("p") for i in ids)
    assert not any(set(i[1:]) & set("ilou") for i in ids)


def test_update_account_validates(make_map):
    m = make_map()
    assert m.update_account(initiative="Claims automation").initiative == "Claims automation"
    with pytest.raises(ValidationError, match="account: is required"):
        m.update_account(account="")
