"""The call plan: who to talk to next, ranked, one entry per person."""

from __future__ import annotations

import json
from datetime import timedelta

from stakemap.analysis.plan import plan

from .conftest import TODAY

OPP = {
    "name": "Olga Opponent",
    "title": "COO",
    "department": "Ops",
    "role": "decision_maker",
    "stance": "opponent",
    "influence": "high",
    "coverage": "brief",
    "last_contact": "2026-11-20",
}
VETO = {
    "name": "Vic Veto",
    "title": "CISO",
    "department": "Security",
    "role": "approver",
    "veto": True,
    "stance": "skeptic",
    "influence": "medium",
    "coverage": "brief",
    "last_contact": "2026-11-20",
}
USER = {
    "name": "Uma User",
    "title": "Analyst",
    "department": "Ops",
    "role": "user",
    "stance": "skeptic",
    "influence": "low",
    "coverage": "brief",
    "last_contact": "2026-11-20",
}


def _touch(stakemap, name, day, **fields):
    fields.setdefault("summary", "Check-in")
    return stakemap.add_interaction(person=stakemap.resolve(name).id, date=day, **fields)


def test_veto_holders_and_deal_killers_come_first(baseline):
    stakemap = baseline(people=[USER, OPP, VETO])
    result = plan(stakemap, today=TODAY)
    names = [item.name for item in result.items]
    assert names[:2] == ["Vic Veto", "Olga Opponent"] or names[:2] == [
        "Olga Opponent",
        "Vic Veto",
    ]
    assert names.index("Uma User") > names.index("Vic Veto")
    assert names.index("Uma User") > names.index("Olga Opponent")
    scores = [item.score for item in result.items]
    assert scores == sorted(scores, reverse=True)
    assert result.items[0].rules  # it says which findings it comes from


def test_one_entry_per_person_with_the_most_urgent_reason_first(baseline):
    stakemap = baseline(people=[VETO])
    _touch(stakemap, "Vic Veto", "2026-11-01", next_step="send the pen test", due="2026-11-10")
    result = plan(stakemap, today=TODAY, limit=None)
    vic = [item for item in result.items if item.name == "Vic Veto"]
    assert len(vic) == 1
    [item] = vic
    assert len(item.rules) >= 2
    assert item.rules[0] == "blocker"
    assert "blocker" in item.keys[0]


def test_cap_and_all(build):
    people = [
        {
            "name": f"Skep {i}",
            "title": "Head",
            "department": f"D{i}",
            "role": "user",
            "stance": "skeptic",
            "influence": "low",
            "coverage": "brief",
        }
        for i in range(10)
    ]
    stakemap = build(people)
    capped = plan(stakemap, today=TODAY)
    assert len(capped.items) == 7
    assert capped.total > 7
    everything = plan(stakemap, today=TODAY, limit=None)
    assert len(everything.items) == everything.total == capped.total
    assert plan(stakemap, today=TODAY, limit=3).items == capped.items[:3]


def test_a_healthy_deal_still_gets_a_plan(baseline):
    stakemap = baseline()
    result = plan(stakemap, today=TODAY)
    assert result.items
    assert not any(item.rules for item in result.items)
    assert any(item.name == "Chad Champion" for item in result.items)  # not met in depth
    assert all(item.by >= TODAY for item in result.items)


def test_through_whom_comes_from_the_introducer_or_route(baseline):
    unmet = {**OPP, "name": "Nina New", "stance": "unknown", "coverage": "none", "last_contact": ""}
    stakemap = baseline(people=[unmet], links=[("Chad Champion", "Nina New", "influences", 3)])
    [item] = [i for i in plan(stakemap, today=TODAY).items if i.name == "Nina New"]
    assert item.through == "Chad Champion"
    assert item.through_id == stakemap.resolve("Chad Champion").id
    healthy = plan(baseline(), today=TODAY)
    assert {i.through for i in healthy.items} == {"directly"}


def test_by_when_from_overdue_steps_and_stale_contacts(baseline):
    stakemap = baseline(people=[{**VETO, "stance": "supporter", "last_contact": "2026-07-01"}])
    _touch(stakemap, "Eve Buyer", "2026-11-01", next_step="send the ROI", due="2026-11-20")
    items = {i.name: i for i in plan(stakemap, today=TODAY).items}
    assert items["Eve Buyer"].by == TODAY
    assert "overdue-next-step" in items["Eve Buyer"].rules
    assert "stale-contact" in items["Vic Veto"].rules
    assert TODAY <= items["Vic Veto"].by <= TODAY + timedelta(days=7)


def test_json_shape(baseline):
    stakemap = baseline(people=[VETO])
    data = json.loads(json.dumps(plan(stakemap, today=TODAY, limit=1).to_dict()))
    assert set(data) >= {"today", "total", "shown", "items"}
    assert data["shown"] == 1 and data["total"] >= 1
    [item] = data["items"]
    assert set(item) >= {
        "id",
        "name",
        "why",
        "ask",
        "through",
        "through_id",
        "by",
        "rules",
        "keys",
        "score",
        "reasons",
    }
    assert item["by"] == item["by"][:10] and item["by"] >= TODAY.isoformat()


def test_wording_never_quotes_private_fields(baseline):
    secret = {
        **VETO,
        "fears": "SECRET-FEAR",
        "constraints": "SECRET-CON",
        "drivers": "SECRET-DRV",
        "notes": "SECRET-NOTE",
        "email": "x@secret.example",
    }
    stakemap = baseline(people=[secret])
    text = json.dumps(plan(stakemap, today=TODAY, limit=None).to_dict())
    assert "SECRET" not in text and "secret.example" not in text


def test_an_opposed_decider_is_worked_through_the_person_they_listen_to(baseline):
    dana = {"name": "Dana Lee", "title": "Controller", "department": "Ops"}
    dana |= {"stance": "supporter", "influence": "medium", "coverage": "brief"}
    links = [("Chad Champion", "Dana Lee", "influences", 3)]
    links.append(("Dana Lee", "Olga Opponent", "influences", 3))
    stakemap = baseline(people=[OPP, dana], links=links)
    items = plan(stakemap, today=TODAY, limit=None).items
    [olga] = [i for i in items if i.name == "Olga Opponent"]
    # the last relay carries it to her; the champion at the route's start enlists them
    assert olga.through == "Dana Lee"
    # the ask is the finding's own next step, naming the route
    assert "Chad Champion" in olga.ask
    assert "enlist Dana Lee" in olga.ask
    # Dana's only finding is her department's split: met as part of Olga's conversation
    assert "Dana Lee" not in [i.name for i in items]


def test_an_overdue_promise_comes_first_in_the_ask(baseline):
    stakemap = baseline(people=[OPP])
    _touch(stakemap, "Olga Opponent", "2026-11-01", next_step="send the pen test", due="2026-11-10")
    [olga] = [i for i in plan(stakemap, today=TODAY).items if i.name == "Olga Opponent"]
    assert olga.ask.startswith("First do what you promised, 20 days late")
    assert '"send the pen test"' in olga.ask
    assert olga.by == TODAY
