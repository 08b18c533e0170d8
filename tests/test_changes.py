"""What changed between two states of a map (timeline.changes) and its one wording."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from stakemap.analysis.snapshot import (
    changes_since,
    compare_maps,
    current_state,
    finding_key,
    record_review,
)
from stakemap.errors import NotFoundError
from stakemap.timeline.changes import compare_states
from stakemap.timeline.state import records_state
from stakemap.timeline.wording import STYLES, change_lines, changes_markdown

TODAY = date(2026, 11, 30)


@pytest.fixture
def deal(make_map):
    """A small deal: a champion, a skeptical CFO who can veto, an IT pair."""
    m = make_map()
    cmo = m.add_person(
        name="Maya Ortiz",
        department="Marketing",
        role="decision_maker",
        stance="champion",
        influence="high",
        coverage="multiple",
        priorities=["RevOps platform", "Brand refresh"],
    )
    cfo = m.add_person(
        name="Dana Whitfield",
        department="Finance",
        role="economic_buyer",
        stance="skeptic",
        veto=True,
        coverage="brief",
        priorities=["Cost cuts", "ERP migration", "Audit", "RevOps platform"],
    )
    cio = m.add_person(
        name="Ray Cole", department="IT", stance="opponent", influence="high", coverage="brief"
    )
    ops = m.add_person(name="Ivy Park", department="IT", stance="neutral", coverage="brief")
    m.add_link(ops.id, cio.id, "reports_to")
    m.add_link(cmo.id, cfo.id, "influences", 1)
    return m, {"cmo": cmo.id, "cfo": cfo.id, "cio": cio.id, "ops": ops.id}


def _changes(m, edit):
    old = current_state(m, today=TODAY)
    edit(m)
    return compare_states(old, current_state(m, today=TODAY), old_label="before", new_label="after")


def _texts(changes):
    return [line.text for line in change_lines(changes)]


def test_no_edit_is_empty(deal):
    m, _ = deal
    changes = _changes(m, lambda m: None)
    assert changes.is_empty()
    assert changes.person_ids() == []
    assert _texts(changes)[0] == "No changes from before to after"


def test_a_rename_is_a_rename_not_a_removal_and_an_addition(deal):
    m, ids = deal
    changes = _changes(m, lambda m: m.update_person(ids["cfo"], name="Dana W. Whitfield"))
    assert not changes.people_added and not changes.people_removed
    (person,) = changes.people_changed
    assert person.id == ids["cfo"] and person.name == "Dana W. Whitfield"
    assert [(f.field, f.old, f.new) for f in person.fields] == [
        ("name", "Dana Whitfield", "Dana W. Whitfield")
    ]
    assert "Dana Whitfield is now called Dana W. Whitfield" in _texts(changes)


def test_modified_alone_is_no_change(deal):
    m, ids = deal
    old = records_state(m)
    new_people = dict(old.people)
    new_people[ids["cfo"]] = {**old.people[ids["cfo"]], "modified": "2027-01-01T00:00:00Z"}
    new = type(old)(old.account, new_people, old.links)
    assert compare_states(old, new, old_label="a", new_label="b").is_empty()


def test_stance_moves_read_better_or_worse(deal):
    m, ids = deal

    def edit(m):
        m.update_person(ids["cfo"], stance="supporter")
        m.update_person(ids["ops"], stance="opponent")

    lines = {line.text: line for line in change_lines(_changes(m, edit))}
    assert lines["Dana Whitfield: skeptic → supporter"].style == "better"
    assert lines["Dana Whitfield: skeptic → supporter"].person == ids["cfo"]
    assert lines["Ivy Park: neutral → opponent"].style == "worse"


def test_priorities_reordered_is_told_apart_from_added_and_removed(deal):
    m, ids = deal

    def edit(m):
        m.update_person(ids["cmo"], priorities=["Brand refresh", "RevOps platform"])
        m.update_person(ids["cfo"], priorities=["Cost cuts", "ERP migration", "Audit", "Hiring"])

    changes = _changes(m, edit)
    by_id = {p.id: p for p in changes.people_changed}
    cmo, cfo = by_id[ids["cmo"]].priorities, by_id[ids["cfo"]].priorities
    assert cmo is not None and cmo.reordered and not cmo.added and not cmo.removed
    assert cfo is not None and not cfo.reordered
    assert cfo.added == ("Hiring",) and cfo.removed == ("RevOps platform",)
    texts = _texts(changes)
    assert "Maya Ortiz: priorities reordered (Brand refresh; RevOps platform)" in texts
    assert "Dana Whitfield: priorities added Hiring, dropped RevOps platform" in texts


def test_initiative_rank_move(deal):
    m, ids = deal

    def edit(m):
        m.update_person(ids["cfo"], priorities=["Cost cuts", "RevOps platform", "Audit"])
        m.update_person(ids["cmo"], priorities=["Brand refresh"])

    changes = _changes(m, edit)
    by_id = {p.id: p for p in changes.people_changed}
    assert by_id[ids["cfo"]].initiative_rank == (4, 2)
    assert by_id[ids["cmo"]].initiative_rank == (1, None)
    lines = {line.text: line.style for line in change_lines(changes)}
    assert lines["Dana Whitfield: the initiative ranks #4 → #2 (now in their top 3)"] == "better"
    assert (
        lines["Maya Ortiz: the initiative ranks #1 → not in their priorities (out of their top 3)"]
        == "worse"
    )


def test_renaming_the_initiative_moves_ranks_of_unedited_people(deal):
    m, ids = deal
    changes = _changes(m, lambda m: m.update_account(initiative="Brand refresh"))
    assert [(f.field, f.old, f.new) for f in changes.account] == [
        ("initiative", "RevOps platform", "Brand refresh")
    ]
    by_id = {p.id: p for p in changes.people_changed}
    assert by_id[ids["cmo"]].initiative_rank == (1, 2)
    assert by_id[ids["cmo"]].fields == ()


def test_link_added_removed_and_restrengthened(deal):
    m, ids = deal
    influence = next(link for link in m.links if link.kind == "influences")
    reports = next(link for link in m.links if link.kind == "reports_to")

    def edit(m):
        m.update_link(influence.id, strength=3)
        m.remove_link(reports.id)
        m.add_link(ids["cio"], ids["cfo"], "conflicts", 2)

    changes = _changes(m, edit)
    (changed,) = changes.links_changed
    strength = changed.get("strength")
    assert changed.link.id == influence.id and strength is not None
    assert (strength.old, strength.new) == (1, 3)
    assert [link.id for link in changes.links_removed] == [reports.id]
    (added,) = changes.links_added
    assert (added.source_name, added.target_name) == ("Ray Cole", "Dana Whitfield")
    texts = _texts(changes)
    assert "Maya Ortiz influences Dana Whitfield (strength 3): strength 1 → 3" in texts
    assert "Link removed: Ivy Park reports to Ray Cole" in texts
    assert "New link: Ray Cole conflicts with Dana Whitfield (strength 2)" in texts


def test_removed_person_and_their_links_keep_their_names(deal):
    m, ids = deal
    changes = _changes(m, lambda m: m.remove_person(ids["ops"]))
    assert [p.name for p in changes.people_removed] == ["Ivy Park"]
    assert [link.source_name for link in changes.links_removed] == ["Ivy Park"]
    assert "Ivy Park left the map (IT)" in _texts(changes)


def test_joined_reads_department_and_role(deal):
    m, _ = deal
    changes = _changes(
        m,
        lambda m: m.add_person(name="Raj Menon", department="Finance", role="economic_buyer"),
    )
    (line,) = [line for line in change_lines(changes) if line.style == "added"]
    assert line.text == "Raj Menon joined (Finance, economic buyer)"
    assert line.person == changes.people_added[0].id


def test_finding_appeared_and_resolved(deal):
    m, ids = deal
    before = current_state(m, today=TODAY)
    blocker = [k for k, f in before.findings.items() if f["rule"] == "blocker"]
    assert any(ids["cio"] in k for k in blocker)
    m.update_person(ids["cio"], stance="supporter")
    m.add_person(name="Raj Menon", department="Finance", role="economic_buyer")
    changes = compare_states(before, current_state(m, today=TODAY), old_label="a", new_label="b")
    resolved = {f.key for f in changes.findings_resolved}
    assert f"blocker:{ids['cio']}@IT" in resolved
    appeared = [f for f in changes.findings_appeared if f.subjects[0][1] == "Raj Menon"]
    assert appeared
    lines = change_lines(changes)
    assert any(line.style == "better" and line.text.startswith("Resolved: ") for line in lines)
    assert any(line.style == "worse" and line.text.startswith("New (") for line in lines)


def test_finding_key_is_rule_subjects_and_department(deal):
    m, _ = deal
    from stakemap.analysis import analyze

    analysis = analyze(m, today=TODAY)
    for finding in analysis.findings:
        key = finding_key(finding)
        assert key.startswith(f"{finding.rule}:")
        assert all(s.id in key for s in finding.subjects)
    assert len({finding_key(f) for f in analysis.findings}) == len(analysis.findings)


def test_health_change(deal):
    m, ids = deal
    before = current_state(m, today=TODAY)
    assert before.health["status"] == "red"
    m.update_person(ids["cio"], stance="supporter")
    m.update_person(ids["cfo"], stance="supporter")
    changes = compare_states(before, current_state(m, today=TODAY), old_label="a", new_label="b")
    assert changes.health_changed
    lines = change_lines(changes)
    assert (lines[1].text, lines[1].style) == ("Health: red → amber", "better")
    assert lines[2].text.startswith("Key support: ")  # the reasons now follow
    assert changes.to_json()["health"]["changed"] is True
    back = compare_states(current_state(m, today=TODAY), before, old_label="b", new_label="a")
    assert change_lines(back)[1].style == "worse"


def test_department_state_change(deal):
    m, ids = deal

    def edit(m):
        m.update_person(ids["cio"], stance="supporter")
        m.update_person(ids["ops"], stance="supporter")

    changes = _changes(m, edit)
    (it,) = [d for d in changes.departments if d.name == "IT"]
    assert it.before == "opposed" and it.after == "aligned"
    lines = {line.text: line.style for line in change_lines(changes)}
    assert lines["IT: opposed → aligned"] == "better"


def test_json_is_stable_and_complete(deal):
    m, ids = deal
    changes = _changes(m, lambda m: m.update_person(ids["cfo"], stance="neutral", coverage="brief"))
    data = changes.to_json()
    assert list(data) == [
        "from",
        "to",
        "empty",
        "health",
        "account",
        "people",
        "links",
        "findings",
        "departments",
    ]
    assert list(data["people"]) == ["added", "removed", "changed"]
    (person,) = data["people"]["changed"]
    assert list(person) == ["id", "name", "fields", "priorities", "initiative_rank"]
    assert {"field": "stance", "old": "skeptic", "new": "neutral"} in person["fields"]
    assert json.loads(json.dumps(data)) == data
    assert changes.person_ids() == [ids["cfo"]]


def test_every_line_has_a_known_style(deal):
    m, ids = deal

    def edit(m):
        m.update_person(ids["cfo"], stance="supporter", veto=False, notes="met twice")
        m.remove_person(ids["ops"])
        m.add_person(name="Raj Menon")

    lines = change_lines(_changes(m, edit))
    assert {line.style for line in lines} <= set(STYLES)
    texts = [line.text for line in lines]
    assert "Dana Whitfield: can no longer veto" in texts
    assert "Dana Whitfield: notes edited" in texts  # private text is not echoed


def test_markdown_escapes_user_text_and_nests_headings(deal):
    m, ids = deal
    changes = _changes(m, lambda m: m.update_person(ids["cfo"], name="*Dana* <b>|"))
    text = changes_markdown(changes, heading_level=3)
    assert text.startswith("### Changes from before to after\n")
    assert "\n#### People\n" in text
    assert "\\*Dana\\* &lt;b&gt;\\|" in text
    assert "<b>" not in text


def test_changes_since_a_review_and_between_maps(deal):
    m, ids = deal
    with pytest.raises(NotFoundError, match="no reviews yet"):
        changes_since(m, "last", today=TODAY)
    record_review(m, day=date(2026, 10, 1), label="Q1 deal review")
    m.update_person(ids["cfo"], stance="supporter")
    changes = changes_since(m, "q1 deal review", today=TODAY)
    assert changes.old_label == "Q1 deal review (2026-10-01)"
    assert changes.person_ids() == [ids["cfo"]]
    with pytest.raises(NotFoundError, match="no review is labelled 'Q2'"):
        changes_since(m, "Q2", today=TODAY)
    again = compare_maps(m, m, today=TODAY)
    assert again.is_empty()


def test_a_finding_whose_severity_moved_is_one_change(deal):
    m, _ = deal
    old = current_state(m, today=TODAY)
    key = next(iter(old.findings))
    record = dict(old.findings[key])
    worse = {"high": "high", "medium": "high", "low": "medium"}[record["severity"]]
    record["severity"] = "low" if worse == record["severity"] else worse
    new = dataclasses.replace(old, findings={**old.findings, key: record})
    changes = compare_states(old, new, old_label="a", new_label="b")
    (moved,) = changes.findings_changed
    assert not changes.findings_appeared and not changes.findings_resolved
    assert moved.finding.key == key and moved.old_severity == old.findings[key]["severity"]
    (line,) = [line for line in change_lines(changes) if line.text.startswith("Now ")]
    assert line.style == ("worse" if moved.worse else "better")
    assert changes.to_json()["findings"]["changed"][0]["old_severity"] == moved.old_severity


def test_private_fields_are_never_echoed(deal):
    m, ids = deal
    changes = _changes(
        m, lambda m: m.update_person(ids["cfo"], email="dana@example.com", fears="the audit")
    )
    texts = _texts(changes)
    assert "Dana Whitfield: email edited" in texts
    assert "Dana Whitfield: fears edited" in texts
    assert not any("dana@example.com" in t or "the audit" in t for t in texts)
