"""The editing session: every edit autosaved, undoable, and never overwriting others' work."""

from __future__ import annotations

import errno

import pytest

from stakemap.errors import MapFileError, NotFoundError, ValidationError
from stakemap.session import DiskCheck, FieldClash, FieldClashError, SaveState, Session
from stakemap.store import MapStore
from stakemap.vocab import Coverage, Stance


def _on_disk(path):
    return MapStore(path).load()


@pytest.fixture
def session(tmp_path, make_map):
    m = make_map()
    ann = m.add_person(name="Ann Lee", department="Finance", stance="supporter")
    bo = m.add_person(name="Bo Chen", department="IT")
    m.add_link(bo.id, ann.id, "reports_to")
    m.add_link(ann.id, bo.id, "influences", 3)
    path = tmp_path / "acme.json"
    MapStore(path).create(m)
    return Session.open(path)


def _id(session, name):
    return session.map.resolve(name).id


def test_add_is_saved_and_undo_redo_are_saved(session):
    dee = session.add_person({"name": "Dee Fox", "role": "Economic Buyer"})
    assert session.state is SaveState.SAVED
    assert _on_disk(session.path).person(dee.id).role.value == "economic_buyer"
    session.undo()
    assert dee.id not in _on_disk(session.path)
    session.redo()
    assert _on_disk(session.path).person(dee.id) == dee


def test_refused_edit_changes_nothing(session):
    before = session.path.read_bytes()
    with pytest.raises(ValidationError, match="stance"):
        session.add_person({"name": "X", "stance": "friendly"})
    with pytest.raises(ValidationError, match="name"):
        session.update_person(_id(session, "Ann Lee"), {"name": "  "})
    assert session.path.read_bytes() == before
    assert not session.history.can_undo


def test_delete_undo_redo_restores_links_on_disk(session):
    bo = _id(session, "Bo Chen")
    person, links = session.remove_person(bo)
    assert len(links) == 2
    disk = _on_disk(session.path)
    assert bo not in disk and disk.links == []
    session.undo()
    disk = _on_disk(session.path)
    assert disk.person(bo) == person
    assert {link.id: link for link in disk.links} == {link.id: link for link in links}
    session.redo()
    assert _on_disk(session.path).links == []


def test_step_stance_and_coverage(session):
    ann = _id(session, "Ann Lee")
    assert session.step(ann, "stance", +1).stance is Stance.CHAMPION
    assert session.step(ann, "stance", +1).stance is Stance.CHAMPION  # clamped
    assert session.step(ann, "coverage", +1).coverage is Coverage.BRIEF
    assert session.history.undo_label == "set coverage to brief for Ann Lee"
    bo = _id(session, "Bo Chen")
    assert session.step(bo, "stance", -1).stance is Stance.NEUTRAL  # unknown -> middle
    assert _on_disk(session.path).person(ann).coverage is Coverage.BRIEF
    with pytest.raises(ValidationError):
        session.step(ann, "role", 1)


def test_unchanged_update_is_not_an_edit(session):
    ann = _id(session, "Ann Lee")
    session.update_person(ann, {"department": "Finance"})
    assert not session.history.can_undo


def test_link_add_update_remove(session):
    ann, bo = _id(session, "Ann Lee"), _id(session, "Bo Chen")
    link = session.add_link(bo, ann, "conflicts", 1)
    assert session.history.undo_label == "link Bo Chen conflicts with Ann Lee (strength 1)"
    session.update_link(link.id, strength=3)
    assert _on_disk(session.path).link(link.id).strength == 3
    session.remove_link(link.id)
    with pytest.raises(NotFoundError):
        _on_disk(session.path).link(link.id)
    session.undo()
    assert _on_disk(session.path).link(link.id).strength == 3


def test_account_edit(session):
    session.update_account({"initiative": "Data platform"})
    assert _on_disk(session.path).account.initiative == "Data platform"


def _cli_sets(path, who, **fields):
    """What `stakemap person set PATH WHO --field value` does: a locked read-modify-write."""
    with MapStore(path).edit() as theirs:
        theirs.update_person(theirs.resolve(who).id, fields)


def test_update_from_a_stale_base_keeps_outside_changes_to_other_fields(session):
    ann = session.map.person(_id(session, "Ann Lee"))  # what the form opened with
    _cli_sets(session.path, "Ann Lee", notes="CLI-NOTE", email="ann@cli.example")
    form = {"name": "Ann Lee", "title": "CFO", "notes": "", "email": "", "stance": "supporter"}
    after = session.update_person(ann.id, form, base=ann)
    assert (after.title, after.notes, after.email) == ("CFO", "CLI-NOTE", "ann@cli.example")
    assert session.state is SaveState.SAVED
    disk = _on_disk(session.path).person(ann.id)
    assert (disk.title, disk.notes, disk.email) == ("CFO", "CLI-NOTE", "ann@cli.example")
    # The outside change came in by reload (its history is gone); mine is undoable.
    session.undo()
    assert _on_disk(session.path).person(ann.id).notes == "CLI-NOTE"


def test_update_clash_applies_nothing_until_told_whose_value_wins(session):
    ann = session.map.person(_id(session, "Ann Lee"))
    _cli_sets(session.path, "Ann Lee", notes="CLI-NOTE", title="VP")
    theirs = session.path.read_bytes()
    with pytest.raises(FieldClashError) as caught:
        session.update_person(ann.id, {"notes": "FORM-NOTE", "department": "Ops"}, base=ann)
    assert caught.value.clashes == (FieldClash("notes", "", "CLI-NOTE", "FORM-NOTE"),)
    assert "notes" in str(caught.value)
    assert session.path.read_bytes() == theirs  # nothing written
    kept = session.update_person(
        ann.id, {"notes": "FORM-NOTE", "department": "Ops"}, base=ann, keep="theirs"
    )
    assert (kept.notes, kept.department, kept.title) == ("CLI-NOTE", "Ops", "VP")
    mine = session.update_person(ann.id, {"notes": "FORM-NOTE"}, base=ann, keep="mine")
    assert _on_disk(session.path).person(ann.id).notes == "FORM-NOTE"
    assert mine.title == "VP"


def test_update_to_the_same_value_on_both_sides_is_no_clash(session):
    ann = session.map.person(_id(session, "Ann Lee"))
    _cli_sets(session.path, "Ann Lee", notes="same")
    assert session.update_person(ann.id, {"notes": "same"}, base=ann).notes == "same"


def test_update_of_a_person_deleted_meanwhile_says_so(session):
    ann = session.map.person(_id(session, "Ann Lee"))
    with MapStore(session.path).edit() as theirs:
        theirs.remove_person(ann.id)
    with pytest.raises(NotFoundError, match="deleted"):
        session.update_person(ann.id, {"notes": "x"}, base=ann)


def test_account_update_from_a_stale_base(session):
    base = session.map.account
    with MapStore(session.path).edit() as theirs:
        theirs.update_account(owner="CLI owner", initiative="CLI plan")
    with pytest.raises(FieldClashError, match="initiative"):
        session.update_account({"initiative": "Mine", "account": base.account}, base=base)
    after = session.update_account({"account": "Acme 2", "initiative": base.initiative}, base=base)
    assert (after.account, after.owner, after.initiative) == ("Acme 2", "CLI owner", "CLI plan")
    assert _on_disk(session.path).account.owner == "CLI owner"


def test_stale_base_with_local_edits_pending_goes_to_the_file_conflict(tmp_path, make_map):
    path = tmp_path / "m.json"
    m = make_map()
    ann = m.add_person(name="Ann Lee")
    MapStore(path).create(m)
    session = Session.open(path, autosave=False)
    session.add_person({"name": "Unsaved"})
    _cli_sets(path, "Ann Lee", notes="CLI-NOTE")
    session.update_person(ann.id, {"title": "CFO"}, base=session.map.person(ann.id))
    assert session.save() is SaveState.CONFLICT  # never reloaded over the pending edit
    assert _on_disk(path).person(ann.id).notes == "CLI-NOTE"


def test_conflict_never_overwrites_and_keeps_my_edits(session):
    # The CLI edits the file while the session has it open.
    with MapStore(session.path).edit() as theirs:
        theirs.add_person(name="From CLI")
    theirs_bytes = session.path.read_bytes()

    mine = session.add_person({"name": "From App"})

    assert session.state is SaveState.CONFLICT
    assert session.error and "changed on disk" in session.error
    assert session.path.read_bytes() == theirs_bytes  # untouched
    assert mine.id in session.map  # my edit is kept in memory
    # Further edits stay in memory too, and still do not overwrite.
    session.step(mine.id, "stance", 1)
    assert session.path.read_bytes() == theirs_bytes


def test_conflict_keep_mine(session):
    with MapStore(session.path).edit() as theirs:
        theirs.add_person(name="From CLI")
    mine = session.add_person({"name": "From App"})
    assert session.save(force=True) is SaveState.SAVED
    disk = _on_disk(session.path)
    assert mine.id in disk
    assert [p.name for p in disk.people if p.name == "From CLI"] == []


def test_conflict_reload_takes_theirs_and_clears_history(session):
    with MapStore(session.path).edit() as theirs:
        cli = theirs.add_person(name="From CLI")
    mine = session.add_person({"name": "From App"})
    session.reload()
    assert session.state is SaveState.SAVED
    assert cli.id in session.map and mine.id not in session.map
    assert not session.history.can_undo


def test_conflict_save_as_keeps_both(session, tmp_path):
    with MapStore(session.path).edit() as theirs:
        cli = theirs.add_person(name="From CLI")
    mine = session.add_person({"name": "From App"})
    copy = tmp_path / "mine.json"
    session.save_as(copy)
    assert session.path == copy and session.state is SaveState.SAVED
    assert mine.id in _on_disk(copy)
    assert cli.id in _on_disk(tmp_path / "acme.json")
    # Editing continues in the new file.
    session.add_person({"name": "Later"})
    assert _on_disk(copy).resolve("Later")


def test_save_as_refuses_existing_file(session, tmp_path):
    other = tmp_path / "other.json"
    other.write_text("keep me")
    with pytest.raises(MapFileError, match="already exists"):
        session.save_as(other)
    assert other.read_text() == "keep me"


def test_poll_reloads_outside_change_when_nothing_is_pending(session):
    assert session.poll() is DiskCheck.UNCHANGED
    with MapStore(session.path).edit() as theirs:
        cli = theirs.add_person(name="From CLI")
    assert session.poll() is DiskCheck.RELOADED
    assert cli.id in session.map
    assert session.state is SaveState.SAVED


def test_poll_reports_conflict_when_edits_are_pending(tmp_path, make_map):
    path = tmp_path / "m.json"
    MapStore(path).create(make_map())
    session = Session.open(path, autosave=False)
    mine = session.add_person({"name": "Unsaved"})
    assert session.state is SaveState.UNSAVED
    with MapStore(path).edit() as theirs:
        theirs.add_person(name="From CLI")
    assert session.poll() is DiskCheck.CONFLICT
    assert session.state is SaveState.CONFLICT
    assert mine.id in session.map


def test_poll_with_unreadable_outside_change_keeps_mine(session):
    session.path.write_text("{ broken")
    assert session.poll() is DiskCheck.CONFLICT
    assert "invalid JSON" in (session.error or "") or "truncated" in (session.error or "")
    assert len(session.map) == 2


def test_failed_save_is_reported_and_edits_kept(session, monkeypatch):
    import stakemap.store

    real = stakemap.store.atomic_write

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    before = session.path.read_bytes()
    monkeypatch.setattr(stakemap.store, "atomic_write", disk_full)
    mine = session.add_person({"name": "Pending"})
    assert session.state is SaveState.FAILED
    assert session.error and "disk is full" in session.error
    assert mine.id in session.map
    assert session.path.read_bytes() == before
    monkeypatch.setattr(stakemap.store, "atomic_write", real)
    assert session.save() is SaveState.SAVED
    assert mine.id in _on_disk(session.path)


def test_create_and_snapshot(tmp_path):
    path = tmp_path / "new.json"
    session = Session.create(path, "Globex", initiative="CRM")
    assert _on_disk(path).account.account == "Globex"
    with pytest.raises(MapFileError):
        Session.create(path, "Again")
    session.add_person({"name": "Ann"})
    copy = session.snapshot().build()
    assert copy is not session.map
    assert [p.name for p in copy.people] == ["Ann"]
    session.add_person({"name": "Bo"})
    assert len(copy) == 1


def test_open_bad_file_raises_one_sentence(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    with pytest.raises(MapFileError, match=r"bad\.json"):
        Session.open(bad)
    assert bad.read_text() == '{"hello": 1}'


def test_record_review_is_saved_and_undo_removes_it(session):
    from datetime import date

    review = session.record_review(label="Q1 deal review", today=date(2026, 10, 1))
    on_disk = _on_disk(session.path)
    assert [r.label for r in on_disk.reviews] == ["Q1 deal review"]
    entries = on_disk.review_records(review.id)
    assert {e.section for e in entries} >= {"people", "links", "health"}
    assert session.history.undo_label == "record review 'Q1 deal review'"
    session.undo()
    assert _on_disk(session.path).reviews == []
    session.redo()
    again = _on_disk(session.path)
    assert again.reviews == [review]
    assert again.review_records(review.id) == entries
