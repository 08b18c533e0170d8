"""The log of touches: what a touch does to the person, next steps, and undo."""

from __future__ import annotations

from datetime import date

import pytest

from stakemap.errors import NotFoundError, ValidationError
from stakemap.records import Interaction
from stakemap.session import Session
from stakemap.store import MapStore
from stakemap.timeline.interactions import (
    last_touch_day,
    log_touch,
    next_steps,
    recent_touches,
    remove_touch,
    touch_effects,
)
from stakemap.vocab import Coverage, Stance

TODAY = date(2026, 12, 3)


@pytest.fixture
def acme(make_map):
    m = make_map()
    m.add_person(name="Dana Whitfield", role="influencer", stance="supporter")
    m.add_person(name="Raj Patel", role="economic_buyer", veto=True)
    return m


def _pid(m, name):
    return m.resolve(name).id


def _log(m, who, **fields):
    fields.setdefault("summary", "Talked")
    return log_touch(m, _pid(m, who), fields, today=TODAY)


# --- what a touch does to the person ------------------------------------------


def test_first_two_way_touch_gives_brief_coverage_and_last_contact(acme):
    logged = _log(acme, "Dana Whitfield", kind="meeting", date="2026-12-02")
    assert logged.after.coverage is Coverage.BRIEF
    assert logged.after.last_contact == "2026-12-02"
    assert acme.person(logged.after.id) == logged.after
    assert logged.describe() == "Dana Whitfield: coverage none → brief, last contact 2026-12-02"


def test_one_way_touch_moves_last_contact_but_not_coverage(acme):
    logged = _log(acme, "Dana Whitfield", kind="email", date="2026-12-01")
    assert logged.after.coverage is Coverage.NONE
    assert logged.after.last_contact == "2026-12-01"


def test_second_two_way_touch_on_another_day_gives_multiple(acme):
    _log(acme, "Dana Whitfield", kind="call", date="2026-11-20")
    same_day = _log(acme, "Dana Whitfield", kind="demo", date="2026-11-20")
    assert same_day.after.coverage is Coverage.BRIEF  # two touches, one day
    logged = _log(acme, "Dana Whitfield", kind="workshop", date="2026-11-25")
    assert logged.after.coverage is Coverage.MULTIPLE
    assert "coverage brief → multiple" in logged.describe()


def test_never_lowers_coverage_nor_sets_in_depth(acme):
    dana = _pid(acme, "Dana Whitfield")
    acme.update_person(dana, coverage="in_depth")
    logged = _log(acme, "Dana Whitfield", kind="meeting")
    assert logged.after.coverage is Coverage.IN_DEPTH
    for day in ("2026-11-01", "2026-11-02", "2026-11-03"):
        _log(acme, "Raj Patel", kind="meeting", date=day)
    assert acme.resolve("Raj Patel").coverage is Coverage.MULTIPLE


def test_old_touch_never_moves_last_contact_back(acme):
    dana = _pid(acme, "Dana Whitfield")
    acme.update_person(dana, last_contact="2026-11-28")
    logged = _log(acme, "Dana Whitfield", kind="email", date="2026-10-01")
    assert logged.after.last_contact == "2026-11-28"
    assert not logged.changed
    assert "already up to date" in logged.describe()


def test_date_defaults_to_today(acme):
    logged = _log(acme, "Dana Whitfield", kind="call")
    assert logged.interaction.date == TODAY.isoformat()
    assert logged.after.last_contact == TODAY.isoformat()


def test_newest_stance_read_becomes_the_persons_stance(acme):
    logged = _log(acme, "Dana Whitfield", kind="call", stance="skeptic")
    assert logged.after.stance is Stance.SKEPTIC
    assert "stance supporter → skeptic" in logged.describe()
    # an older note with a stance does not overrule the newer read
    older = _log(acme, "Dana Whitfield", kind="call", date="2026-11-01", stance="champion")
    assert older.after.stance is Stance.SKEPTIC


def test_a_late_logged_older_touch_does_not_undo_a_stance_set_by_hand(acme):
    dana = _pid(acme, "Dana Whitfield")
    _log(acme, "Dana Whitfield", kind="call", date="2026-12-01", stance="skeptic")
    acme.update_person(dana, stance="neutral")  # the rep's own judgement since
    logged = _log(acme, "Dana Whitfield", kind="email", date="2026-11-15")
    assert logged.after.stance is Stance.NEUTRAL


def test_touch_effects_is_pure(acme):
    dana = acme.resolve("Dana Whitfield")
    touch = Interaction(id="i1", person=dana.id, date="2026-12-01", summary="x", kind="call")
    assert touch_effects(dana, [touch]) == {
        "coverage": Coverage.BRIEF,
        "last_contact": "2026-12-01",
    }
    assert acme.resolve("Dana Whitfield") == dana
    assert touch_effects(dana, []) == {}


# --- refused touches ----------------------------------------------------------


def test_future_touch_refused_unless_allowed(acme):
    dana = _pid(acme, "Dana Whitfield")
    with pytest.raises(ValidationError, match="after today"):
        log_touch(acme, dana, {"summary": "x", "date": "2026-12-10"}, today=TODAY)
    assert acme.interactions == []
    logged = log_touch(
        acme, dana, {"summary": "x", "date": "2026-12-10"}, today=TODAY, allow_future=True
    )
    assert logged.interaction.date == "2026-12-10"


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"summary": "x", "kind": "lunch"}, "meeting, call, email"),
        ({"summary": "x", "date": "12/02/2026"}, "not a date"),
        ({"summary": ""}, "summary"),
        ({"summary": "x", "due": "2026-12-20"}, "next step"),
    ],
)
def test_bad_touch_changes_nothing(acme, fields, match):
    dana = acme.resolve("Dana Whitfield")
    with pytest.raises(ValidationError, match=match):
        log_touch(acme, dana.id, fields, today=TODAY)
    assert acme.interactions == []
    assert acme.person(dana.id) == dana


def test_unknown_person_refused(acme):
    with pytest.raises(NotFoundError):
        log_touch(acme, "p404", {"summary": "x"}, today=TODAY)


# --- removing a touch -----------------------------------------------------------


def test_remove_recomputes_last_contact_but_keeps_coverage(acme):
    _log(acme, "Dana Whitfield", kind="call", date="2026-11-20")
    latest = _log(acme, "Dana Whitfield", kind="meeting", date="2026-11-27")
    assert latest.after.coverage is Coverage.MULTIPLE
    removed = remove_touch(acme, latest.interaction.id)
    assert removed.after.last_contact == "2026-11-20"
    assert removed.after.coverage is Coverage.MULTIPLE
    assert removed.describe() == (
        "Dana Whitfield: touch of 2026-11-27 removed; last contact 2026-11-27 → 2026-11-20"
    )


def test_remove_an_older_touch_keeps_last_contact(acme):
    old = _log(acme, "Dana Whitfield", kind="call", date="2026-11-20")
    _log(acme, "Dana Whitfield", kind="call", date="2026-11-27")
    removed = remove_touch(acme, old.interaction.id)
    assert not removed.changed
    assert removed.describe() == "Dana Whitfield: touch of 2026-11-20 removed"


def test_remove_the_only_touch_clears_last_contact(acme):
    only = _log(acme, "Dana Whitfield", kind="call", date="2026-11-20")
    removed = remove_touch(acme, only.interaction.id)
    assert removed.after.last_contact == ""


# --- reading the log ------------------------------------------------------------


def test_recent_touches_newest_first_and_last_touch_day(acme):
    dana = _pid(acme, "Dana Whitfield")
    assert last_touch_day(acme, dana) is None
    for day in ("2026-11-10", "2026-11-30", "2026-11-20"):
        _log(acme, "Dana Whitfield", kind="email", date=day, summary=day)
    assert [t.date for t in recent_touches(acme, dana)] == [
        "2026-11-30",
        "2026-11-20",
        "2026-11-10",
    ]
    assert len(recent_touches(acme, dana, limit=2)) == 2
    assert last_touch_day(acme, dana) == date(2026, 11, 30)
    assert recent_touches(acme, _pid(acme, "Raj Patel")) == []


def test_next_steps_overdue_first_then_by_due_then_undated(acme):
    def promise(who, step, due=""):
        return _log(acme, who, kind="call", next_step=step, due=due).interaction

    undated = promise("Dana Whitfield", "intro to IT")
    soon = promise("Raj Patel", "send pricing", "2026-12-05")
    late = promise("Dana Whitfield", "send ROI model", "2026-11-30")
    later = promise("Raj Patel", "book the CFO", "2026-11-20")
    promise("Raj Patel", "today's task", "2026-12-03")
    acme.add_interaction(person=_pid(acme, "Raj Patel"), date="2026-12-01", summary="no step")
    done = promise("Raj Patel", "kept promise", "2026-11-01")
    acme.update_interaction(done.id, done=True)

    steps = next_steps(acme, today=TODAY)
    assert [s.interaction.next_step for s in steps] == [
        later.next_step,
        late.next_step,
        "today's task",
        soon.next_step,
        undated.next_step,
    ]
    first = steps[0]
    assert first.overdue and first.days_late == 13 and first.days_left is None
    assert first.describe() == "Raj Patel: book the CFO, 13 days late (due 2026-11-20)"
    assert steps[2].when() == "due today" and not steps[2].overdue
    assert steps[3].days_left == 2 and steps[3].when() == "due in 2 days (2026-12-05)"
    assert steps[4].due is None and steps[4].when() == "no due date"


# --- through a session: saved, and one undo each ------------------------------------


@pytest.fixture
def session(tmp_path, acme):
    path = tmp_path / "acme.json"
    MapStore(path).create(acme)
    return Session.open(path)


def test_session_log_is_saved_and_one_undo(session):
    dana = _pid(session.map, "Dana Whitfield")
    before = session.map.person(dana)
    logged = session.log_touch(dana, {"summary": "Kickoff", "kind": "meeting"}, today=TODAY)
    disk = MapStore(session.path).load()
    assert disk.interaction(logged.interaction.id) == logged.interaction
    assert disk.person(dana).coverage is Coverage.BRIEF
    assert session.history.undo_label == "log a touch with Dana Whitfield"

    session.undo()
    disk = MapStore(session.path).load()
    assert disk.interactions == [] and disk.person(dana) == before
    session.redo()
    disk = MapStore(session.path).load()
    assert disk.interactions == [logged.interaction] and disk.person(dana) == logged.after


def test_session_remove_touch_undo_restores_both(session):
    dana = _pid(session.map, "Dana Whitfield")
    logged = session.log_touch(dana, {"summary": "Kickoff", "kind": "call"}, today=TODAY)
    removed = session.remove_touch(logged.interaction.id)
    assert session.map.interactions == [] and removed.after.last_contact == ""
    session.undo()
    assert session.map.interactions == [logged.interaction]
    assert session.map.person(dana) == logged.after
    session.redo()
    assert MapStore(session.path).load().interactions == []


def test_session_close_step(session):
    raj = _pid(session.map, "Raj Patel")
    fields = {"summary": "Pricing call", "next_step": "send pricing", "due": "2026-12-05"}
    logged = session.log_touch(raj, fields, today=TODAY)
    closed = session.close_step(logged.interaction.id)
    assert closed.after.done and not closed.after.open_step
    assert closed.describe() == "Raj Patel: next step done: send pricing"
    assert session.history.undo_label == "close a next step with Raj Patel"
    assert next_steps(MapStore(session.path).load(), today=TODAY) == []
    session.undo()
    assert session.map.interaction(logged.interaction.id).open_step
    plain = session.log_touch(raj, {"summary": "No promise"}, today=TODAY)
    with pytest.raises(ValidationError, match="no next step"):
        session.close_step(plain.interaction.id)


def test_snapshot_carries_interactions(session):
    dana = _pid(session.map, "Dana Whitfield")
    session.log_touch(dana, {"summary": "Kickoff"}, today=TODAY)
    assert session.snapshot().build().interactions == session.map.interactions
