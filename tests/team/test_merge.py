"""The three-way merge's rules, one positive and one negative case each."""

from __future__ import annotations

from datetime import date

import pytest
from merge_helpers import sides, small_map, tables

from stakemap.analysis.snapshot import record_review
from stakemap.model import StakeMap
from stakemap.records import MAX_TEXT_CHARS, Conflict
from stakemap.team.ids import conflict_id
from stakemap.team.merge import merge_maps
from stakemap.timeline.reviews import iter_review_states, review_state
from stakemap.vocab import ConflictKind, LinkKind


def _person(m: StakeMap, name: str) -> str:
    return m.resolve(name).id


@pytest.fixture
def base() -> StakeMap:
    return small_map()


def merge(base: StakeMap, ours: StakeMap, theirs: StakeMap) -> tuple[StakeMap, list[Conflict]]:
    result = merge_maps(base, ours, theirs, ours_label="ann", theirs_label="bob")
    return result.stakemap, list(result.conflicts)


# --- fields ----------------------------------------------------------------------


def test_changes_to_different_fields_on_each_side_both_apply(base):
    ours, theirs = sides(base)
    pid = _person(base, "Cy Diaz")
    ours.update_person(pid, stance="skeptic")
    theirs.update_person(pid, title="CIO")
    merged, conflicts = merge(base, ours, theirs)
    person = merged.person(pid)
    assert (person.stance, person.title) == ("skeptic", "CIO")
    assert conflicts == [] and merged.conflicts == []
    assert person.modified == theirs.person(pid).modified  # the later of the two stamps


def test_the_same_change_on_both_sides_is_no_conflict(base):
    ours, theirs = sides(base)
    pid = _person(base, "Cy Diaz")
    ours.update_person(pid, stance="skeptic")
    theirs.update_person(pid, stance="skeptic")
    merged, conflicts = merge(base, ours, theirs)
    assert merged.person(pid).stance == "skeptic" and conflicts == []


def test_different_changes_to_one_field_are_a_conflict_holding_ours(base):
    ours, theirs = sides(base)
    pid = _person(base, "Cy Diaz")
    ours.update_person(pid, stance="skeptic")
    theirs.update_person(pid, stance="supporter", title="CIO")
    merged, conflicts = merge(base, ours, theirs)
    assert merged.person(pid).stance == "skeptic"
    assert merged.person(pid).title == "CIO"
    (conflict,) = conflicts
    assert conflict.id == conflict_id("people", pid, "stance")
    assert (conflict.kind, conflict.section, conflict.record) == (ConflictKind.FIELD, "people", pid)
    assert (conflict.base, conflict.ours, conflict.theirs) == ("unknown", "skeptic", "supporter")
    assert (conflict.ours_label, conflict.theirs_label) == ("ann", "bob")
    assert conflict.ours_modified == ours.person(pid).modified
    assert conflict.theirs_modified == theirs.person(pid).modified
    assert conflict.created == max(ours.account.modified, theirs.account.modified)
    assert merged.conflicts == [conflict]


def test_the_account_is_one_record(base):
    ours, theirs = sides(base)
    ours.update_account(initiative="Platform")
    theirs.update_account(owner="Sam")
    merged, conflicts = merge(base, ours, theirs)
    assert (merged.account.initiative, merged.account.owner) == ("Platform", "Sam")
    assert conflicts == []
    ours.update_account(owner="Kim")
    merged, conflicts = merge(base, ours, theirs)
    assert merged.account.owner == "Kim"
    assert [(c.section, c.record, c.field) for c in conflicts] == [("account", "account", "owner")]


# --- free text -------------------------------------------------------------------


def test_notes_edited_on_different_lines_merge_cleanly(base):
    ours, theirs = sides(base)
    pid = _person(base, "Ann Lee")
    ours.update_person(pid, notes="met at expo in May\nlikes data")
    theirs.update_person(pid, notes="met at expo\nlikes data\nwants a pilot")
    merged, conflicts = merge(base, ours, theirs)
    assert merged.person(pid).notes == "met at expo in May\nlikes data\nwants a pilot"
    assert conflicts == []


def test_both_adding_at_the_same_spot_keeps_both_ours_first(base):
    ours, theirs = sides(base)
    pid = _person(base, "Ann Lee")
    ours.update_person(pid, notes="met at expo\nlikes data\nours: budget in Q3")
    theirs.update_person(pid, notes="met at expo\nlikes data\ntheirs: knows the CFO")
    merged, conflicts = merge(base, ours, theirs)
    assert merged.person(pid).notes == (
        "met at expo\nlikes data\nours: budget in Q3\ntheirs: knows the CFO"
    )
    assert conflicts == []


def test_overlapping_rewrites_keep_both_texts_marked(base):
    ours, theirs = sides(base)
    pid = _person(base, "Ann Lee")
    ours.update_person(pid, notes="met at expo\nloves dashboards")
    theirs.update_person(pid, notes="met at expo\nhates spreadsheets")
    merged, conflicts = merge(base, ours, theirs)
    stamps = ours.person(pid).modified, theirs.person(pid).modified
    assert merged.person(pid).notes == (
        f"met at expo\n[ours, ann, {stamps[0]}]\nloves dashboards\n"
        f"[theirs, bob, {stamps[1]}]\nhates spreadsheets\n[end of both versions]"
    )
    (conflict,) = conflicts
    assert (conflict.kind, conflict.field) == (ConflictKind.TEXT, "notes")
    assert conflict.base == "met at expo\nlikes data"
    assert (conflict.ours, conflict.theirs) == (ours.person(pid).notes, theirs.person(pid).notes)


def test_text_too_long_for_both_keeps_ours_and_theirs_in_the_conflict(base):
    ours, theirs = sides(base)
    pid = _person(base, "Ann Lee")
    ours.update_person(pid, notes="o" * (MAX_TEXT_CHARS - 10))
    theirs.update_person(pid, notes="t" * (MAX_TEXT_CHARS - 10))
    merged, conflicts = merge(base, ours, theirs)
    assert merged.person(pid).notes == "o" * (MAX_TEXT_CHARS - 10)
    (conflict,) = conflicts
    assert (conflict.kind, conflict.theirs) == (ConflictKind.FIELD, "t" * (MAX_TEXT_CHARS - 10))


# --- lists -----------------------------------------------------------------------


def test_priorities_merge_item_by_item(base):
    ours, theirs = sides(base)
    pid = _person(base, "Bob Chan")
    ours.update_person(pid, priorities=["cost", "audit", "revops"])  # drops erp, adds revops
    theirs.update_person(pid, priorities=["cost", "cloud", "erp", "audit"])  # adds cloud
    merged, conflicts = merge(base, ours, theirs)
    # cloud followed cost on their side, so it follows cost here
    assert merged.person(pid).priorities == ("cost", "cloud", "audit", "revops")
    assert conflicts == []


def test_one_side_reordering_wins(base):
    ours, theirs = sides(base)
    pid = _person(base, "Bob Chan")
    ours.update_person(pid, priorities=["audit", "cost", "erp"])
    theirs.update_person(pid, priorities=["cost", "erp", "audit", "revops"])
    merged, conflicts = merge(base, ours, theirs)
    # revops came last on their side, so it comes last here
    assert merged.person(pid).priorities == ("audit", "cost", "erp", "revops")
    assert conflicts == []


def test_both_reordering_differently_is_a_conflict_holding_ours(base):
    ours, theirs = sides(base)
    pid = _person(base, "Bob Chan")
    ours.update_person(pid, priorities=["audit", "cost", "erp"])
    theirs.update_person(pid, priorities=["erp", "cost", "audit"])
    merged, conflicts = merge(base, ours, theirs)
    assert merged.person(pid).priorities == ("audit", "cost", "erp")
    assert [(c.field, c.kind) for c in conflicts] == [("priorities", ConflictKind.FIELD)]


def test_the_account_team_merges_as_a_list(base):
    base.update_account(team=["Sam"])
    ours, theirs = sides(base)
    ours.update_account(team=["Sam", "Kim"])
    theirs.update_account(team=["Lee"])
    merged, conflicts = merge(base, ours, theirs)
    assert merged.account.team == ("Kim", "Lee")  # theirs added Lee after all it kept
    assert conflicts == []


# --- deletions -------------------------------------------------------------------


def test_person_deleted_on_one_side_and_edited_on_the_other_is_kept(base):
    ours, theirs = sides(base)
    pid = _person(base, "Ann Lee")
    ours.remove_person(pid)
    theirs.update_person(pid, stance="supporter")
    merged, conflicts = merge(base, ours, theirs)
    assert merged.person(pid).stance == "supporter"
    assert [link.id for link in merged.links_of(pid)] == [link.id for link in base.links_of(pid)]
    assert [i.id for i in merged.interactions_of(pid)] == [i.id for i in base.interactions_of(pid)]
    (conflict,) = conflicts
    assert (conflict.kind, conflict.field, conflict.record) == (ConflictKind.DELETED, "", pid)
    assert conflict.ours is None
    assert conflict.theirs == theirs.person(pid).to_dict()
    assert conflict.base == base.person(pid).to_dict()
    assert pid not in merged.retired
    # When each side acted: the editor's record stamp, the deleter's retired stamp.
    assert conflict.theirs_modified == theirs.person(pid).modified
    assert conflict.ours_modified == ours.retired[pid] != ""


def test_person_deleted_by_theirs_and_edited_by_ours_is_kept_too(base):
    ours, theirs = sides(base)
    pid = _person(base, "Ann Lee")
    theirs.remove_person(pid)
    ours.update_person(pid, notes="new")
    merged, conflicts = merge(base, ours, theirs)
    assert merged.person(pid).notes == "new"
    assert conflicts[0].theirs is None and conflicts[0].ours["notes"] == "new"


def test_a_touch_added_to_a_person_the_other_side_deleted_keeps_them(base):
    ours, theirs = sides(base)
    pid = _person(base, "Dee Fox")
    ours.remove_person(pid)
    touch = theirs.add_interaction(person=pid, date="2026-12-01", summary="lunch")
    merged, conflicts = merge(base, ours, theirs)
    assert pid in merged and merged.interaction(touch.id)
    assert [c.kind for c in conflicts] == [ConflictKind.DELETED]


def test_deleted_on_one_side_and_untouched_on_the_other_is_gone(base):
    ours, theirs = sides(base)
    pid = _person(base, "Ann Lee")
    links = [link.id for link in base.links_of(pid)]
    theirs.remove_person(pid)
    ours.update_person(_person(base, "Cy Diaz"), title="CIO")
    merged, conflicts = merge(base, ours, theirs)
    assert pid not in merged and conflicts == []
    assert {pid, *links} <= set(merged.retired)
    assert all(i.person != pid for i in merged.interactions)


def test_deleted_on_both_sides_is_gone(base):
    ours, theirs = sides(base)
    pid = _person(base, "Dee Fox")
    ours.remove_person(pid)
    theirs.remove_person(pid)
    merged, conflicts = merge(base, ours, theirs)
    assert pid not in merged and pid in merged.retired and conflicts == []


def test_a_link_deleted_on_one_side_and_changed_on_the_other_is_kept(base):
    ours, theirs = sides(base)
    link = base.links[1]
    ours.remove_link(link.id)
    theirs.update_link(link.id, strength=1)
    merged, conflicts = merge(base, ours, theirs)
    assert merged.link(link.id).strength == 1
    assert [(c.section, c.kind) for c in conflicts] == [("links", ConflictKind.DELETED)]
    ours, theirs = sides(base)
    ours.remove_link(link.id)
    merged, conflicts = merge(base, ours, theirs)
    assert link.id in merged.retired and conflicts == []


# --- links -----------------------------------------------------------------------


def test_the_same_link_added_on_both_sides_is_kept_once(base):
    ours, theirs = sides(base)
    a, d = _person(base, "Ann Lee"), _person(base, "Dee Fox")
    mine = ours.add_link(a, d, "influences", 2)
    other = theirs.add_link(a, d, "influences", 2)
    merged, conflicts = merge(base, ours, theirs)
    assert [link.id for link in merged.find_links(a, d, LinkKind.INFLUENCES)] == [mine.id]
    assert other.id in merged.retired and conflicts == []


def test_the_same_link_with_different_strengths_is_a_conflict(base):
    ours, theirs = sides(base)
    a, d = _person(base, "Ann Lee"), _person(base, "Dee Fox")
    mine = ours.add_link(a, d, "influences", 1)
    theirs.add_link(a, d, "influences", 3)
    merged, conflicts = merge(base, ours, theirs)
    assert merged.link(mine.id).strength == 1
    (conflict,) = conflicts
    assert (conflict.record, conflict.field, conflict.ours, conflict.theirs) == (
        mine.id,
        "strength",
        1,
        3,
    )


def test_two_different_managers_keep_ours_and_report_theirs(base):
    ours, theirs = sides(base)
    c, a, d = (_person(base, n) for n in ("Cy Diaz", "Ann Lee", "Dee Fox"))
    ours.add_link(c, a, "reports_to")
    other = theirs.add_link(c, d, "reports_to")
    merged, conflicts = merge(base, ours, theirs)
    assert merged.manager_of(c) == a
    assert other.id not in {link.id for link in merged.links}
    (conflict,) = conflicts
    assert (conflict.section, conflict.record, conflict.kind) == (
        "links",
        other.id,
        ConflictKind.DELETED,
    )
    assert conflict.ours is None and conflict.theirs == other.to_dict()


def test_a_reporting_loop_made_by_the_two_sides_is_refused_and_reported(base):
    ours, theirs = sides(base)
    c, d = _person(base, "Cy Diaz"), _person(base, "Dee Fox")
    ours.add_link(c, d, "reports_to")
    other = theirs.add_link(d, c, "reports_to")
    merged, conflicts = merge(base, ours, theirs)
    assert merged.manager_of(d) is None
    assert [c.record for c in conflicts] == [other.id]


# --- touches, order --------------------------------------------------------------


def test_touches_appended_on_both_sides_both_survive_in_order(base):
    ours, theirs = sides(base)
    pid = _person(base, "Cy Diaz")
    o1 = ours.add_interaction(person=pid, date="2026-12-02", summary="ours 1")
    o2 = ours.add_interaction(person=pid, date="2026-12-02", summary="ours 2")
    t1 = theirs.add_interaction(person=pid, date="2026-12-03", summary="theirs 1")
    merged, conflicts = merge(base, ours, theirs)
    assert [i.id for i in merged.interactions] == [
        *(i.id for i in base.interactions),
        o1.id,
        o2.id,
        t1.id,
    ]
    assert conflicts == []


# --- reviews ---------------------------------------------------------------------


def test_reviews_added_on_both_sides_form_one_chain_that_rebuilds_exactly(base):
    record_review(base, day=date(2026, 11, 30), label="base")
    ours, theirs = sides(base)
    ours.update_person(_person(base, "Ann Lee"), stance="supporter")
    record_review(ours, day=date(2026, 12, 2), label="ours")
    theirs.update_person(_person(base, "Cy Diaz"), stance="opponent")
    theirs.add_person(name="Eve New")
    record_review(theirs, day=date(2026, 12, 1), label="theirs 1")
    theirs.update_person(_person(base, "Dee Fox"), title="VP")
    record_review(theirs, day=date(2026, 12, 3), label="theirs 2")
    merged, _ = merge(base, ours, theirs)
    assert [r.label for r in merged.reviews] == ["base", "theirs 1", "ours", "theirs 2"]
    for side in (ours, theirs):
        for review, state in iter_review_states(side):
            assert review_state(merged, review.id) == state
    assert merged.reviews[0] == base.reviews[0]  # predecessor unchanged: verbatim
    assert merged.reviews[1] == theirs.reviews[1]
    assert merged.reviews[2] != ours.reviews[1]  # re-packed after "theirs 1"


# --- carried conflicts, purity ---------------------------------------------------


def test_conflicts_in_either_file_are_carried_and_settled_ones_stay_settled(base):
    old = Conflict.from_dict(
        {"id": conflict_id("people", "x", "stance"), "section": "people", "record": "x"}
    )
    settled = Conflict.from_dict(
        {"id": conflict_id("people", "y", "stance"), "section": "people", "record": "y"}
    )
    base.put_conflict(settled)
    ours, theirs = sides(base)
    theirs.put_conflict(old)
    ours.remove_conflict(settled.id)
    merged, conflicts = merge(base, ours, theirs)
    assert merged.conflicts == [old] and conflicts == []


def test_merging_mutates_none_of_the_inputs_and_is_repeatable(base):
    ours, theirs = sides(base)
    ours.update_person(_person(base, "Ann Lee"), stance="opponent", notes="a")
    theirs.update_person(_person(base, "Ann Lee"), stance="neutral", notes="b")
    theirs.remove_person(_person(base, "Dee Fox"))
    before = [tables(m) for m in (base, ours, theirs)]
    first = merge_maps(base, ours, theirs)
    second = merge_maps(base, ours, theirs)
    assert [tables(m) for m in (base, ours, theirs)] == before
    assert tables(first.stakemap) == tables(second.stakemap)
    assert first.conflicts == second.conflicts


def test_merge_of_identical_sides_is_that_side(base):
    ours, theirs = sides(base)
    for side in (ours, theirs):
        side.update_person(_person(base, "Ann Lee"), stance="opponent")
    theirs = ours
    assert tables(merge_maps(base, ours, theirs).stakemap) == tables(ours)
    assert tables(merge_maps(base, base, ours).stakemap) == tables(ours)


# --- what the merge says ------------------------------------------------------------


def test_the_summary_names_each_conflict_in_one_line(base):
    from stakemap.team.summary import merge_summary

    ours, theirs = sides(base)
    c, a, d = (_person(base, n) for n in ("Cy Diaz", "Ann Lee", "Dee Fox"))
    ours.add_link(c, a, "reports_to")
    theirs.add_link(c, d, "reports_to")
    ours.update_person(a, notes="met at expo\nloves dashboards")
    theirs.update_person(a, notes="met at expo\nhates spreadsheets")
    ours.remove_person(d)
    theirs.update_person(d, title="VP")
    result = merge_maps(base, ours, theirs, ours_label="ann", theirs_label="bob")
    lines = merge_summary(result, path="acme.json", ours="ann", theirs="bob")
    from stakemap.team.conflicts import describe_conflict

    # One wording for a conflict wherever it is shown: the merge's summary,
    # ``stakemap conflicts`` and the app all use describe_conflict.
    assert lines[1] == "3 conflicts kept in the map:"
    assert lines[2:-1] == [f"  {describe_conflict(result.stakemap, c)}" for c in result.conflicts]
    assert lines[-1] == "run: stakemap conflicts acme.json"
    notes, deleted, link = lines[2:-1]
    assert notes.startswith("  Ann Lee's notes: ann met at expo") and "bob met at expo" in notes
    assert deleted.startswith("  Dee Fox: ann deleted it") and "bob changed it" in deleted
    assert "Cy Diaz" in link and "Dee Fox" in link and "could not take the link" in link


def test_the_initiative_mark_merges_with_the_priorities_and_never_dangles(base):
    ours, theirs = sides(base)
    pid = _person(base, "Bob Chan")
    start = list(base.person(pid).priorities)
    assert start
    ours.update_person(pid, initiative_priority=start[-1])  # ann marks the last one
    theirs.update_person(pid, title="CIO")
    merged, conflicts = merge(base, ours, theirs)
    assert merged.person(pid).initiative_priority == start[-1] and conflicts == []
    # bob meanwhile rewords the marked priority: the merge keeps his text, not a dead mark
    ours, theirs = sides(merged)
    theirs.update_person(pid, priorities=[*start[:-1], start[-1] + " (EU)"])
    ours.update_person(pid, title="CTO")
    merged, _ = merge(merged, ours, theirs)
    assert start[-1] not in merged.person(pid).priorities
    assert merged.person(pid).initiative_priority == ""
