"""Reviews kept as what changed since the one before, rebuilt exactly from the file."""

from __future__ import annotations

import contextlib
import itertools
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stakemap.analysis.snapshot import current_state, record_review
from stakemap.errors import NotFoundError, ValidationError
from stakemap.model import StakeMap
from stakemap.store import MapStore
from stakemap.timeline.reviews import (
    find_review,
    iter_review_states,
    review_entries,
    review_state,
    stored_entries,
)
from stakemap.timeline.state import MapState

START = date(2026, 9, 1)


def _ids() -> Any:
    numbers = itertools.count(1)
    return lambda prefix: f"{prefix}{next(numbers):08d}"


_STANCES = ["opponent", "skeptic", "neutral", "supporter", "champion", "unknown"]
_ROLES = ["economic_buyer", "decision_maker", "influencer", "implementer", "unknown"]
_DEPTS = ["", "Finance", "IT", "HR"]
_KINDS = ["reports_to", "dotted_line", "influences", "conflicts"]

_person_fields = st.fixed_dictionaries(
    {},
    optional={
        "name": st.sampled_from(["Ann Lee", "Bo Chen", "Cy Diaz", "Dana Whitfield", "Raj"]),
        "stance": st.sampled_from(_STANCES),
        "role": st.sampled_from(_ROLES),
        "department": st.sampled_from(_DEPTS),
        "influence": st.sampled_from(["low", "medium", "high"]),
        "coverage": st.sampled_from(["none", "brief", "multiple", "in_depth"]),
        "veto": st.booleans(),
        "priorities": st.lists(
            st.sampled_from(["RevOps platform", "Cost cuts", "ERP", "Audit"]),
            max_size=4,
            unique=True,
        ),
    },
)

_edit = st.one_of(
    st.tuples(st.just("add"), _person_fields),
    st.tuples(st.just("update"), st.integers(0, 50), _person_fields),
    st.tuples(st.just("remove"), st.integers(0, 50)),
    st.tuples(
        st.just("link"),
        st.integers(0, 50),
        st.integers(0, 50),
        st.sampled_from(_KINDS),
        st.integers(1, 3),
    ),
    st.tuples(st.just("unlink"), st.integers(0, 50)),
    st.tuples(st.just("strength"), st.integers(0, 50), st.integers(1, 3)),
    st.tuples(st.just("account"), st.sampled_from(["RevOps platform", "Cost cuts", ""])),
)

#: Rounds of edits, each closed by a review (with this label), so every example
#: interleaves edits and reviews; a round with no edits is a review of an
#: unchanged map (it stores nothing new but must still rebuild).
_rounds = st.lists(
    st.tuples(st.lists(_edit, max_size=10), st.sampled_from(["", "Q1 deal review", "kickoff"])),
    min_size=1,
    max_size=5,
)


def _apply(m: StakeMap, edit: tuple[Any, ...]) -> None:
    """One random edit; edits that make no sense on this map (no people yet) are skipped."""
    people, links = m.people, m.links
    kind = edit[0]
    if kind == "add":
        m.add_person({"name": "New Person", **edit[1]})
    elif kind == "update" and people:
        m.update_person(people[edit[1] % len(people)].id, edit[2])
    elif kind == "remove" and people:
        m.remove_person(people[edit[1] % len(people)].id)
    elif kind == "link" and len(people) >= 2:
        source, target = people[edit[1] % len(people)], people[edit[2] % len(people)]
        if source.id != target.id:
            # a duplicate link or a reporting cycle is refused and changes nothing
            with contextlib.suppress(ValidationError):
                m.add_link(source.id, target.id, edit[3], edit[4])
    elif kind == "unlink" and links:
        m.remove_link(links[edit[1] % len(links)].id)
    elif kind == "strength" and links:
        m.update_link(links[edit[1] % len(links)].id, strength=edit[2])
    elif kind == "account":
        m.update_account(initiative=edit[1])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(rounds=_rounds)
def test_every_review_rebuilds_exactly_after_saving_and_reloading(
    rounds: list[tuple[list[tuple[Any, ...]], str]],
) -> None:
    m = StakeMap.new(
        "Northwind",
        initiative="RevOps platform",
        id_factory=_ids(),
        clock=lambda: "2026-09-01T09:00:00Z",
    )
    taken: list[MapState] = []
    day = START
    with tempfile.TemporaryDirectory() as folder:
        store = MapStore(Path(folder) / "m.json")
        store.create(m)
        for number, (edits, label) in enumerate(rounds):
            for edit in edits:
                _apply(m, edit)
            day += timedelta(days=7)
            taken.append(current_state(m, today=day))
            review = record_review(m, day=day, label=label)
            assert review.people == len(m.people)
            if number % 2:  # save now and then, as a rep would
                store.save(m)
        store.save(m)
        loaded = MapStore(store.path).load()
    rebuilt = [state for _, state in iter_review_states(loaded)]
    assert rebuilt == taken
    for review, state in zip(loaded.reviews, taken, strict=True):
        assert review_state(loaded, review.id) == state


def test_a_review_after_a_small_change_stores_only_that_change(make_map):
    m = make_map()
    people = [m.add_person(name=f"Person {i}", department="IT") for i in range(20)]
    first = record_review(m, day=START)
    assert stored_entries(first) > len(people)
    m.update_person(people[3].id, stance="supporter")
    second = record_review(m, day=START + timedelta(days=30), label="Q1 deal review")
    people_entries = review_entries(second)["people"]
    assert [key for key, _ in people_entries] == [people[3].id]
    assert review_state(m, second.id).people[people[3].id]["stance"] == "supporter"
    assert review_state(m, first.id).people[people[3].id]["stance"] == "unknown"


def test_find_review_by_label_date_and_last(make_map):
    m = make_map()
    m.add_person(name="Ann Lee")
    q1 = record_review(m, day=date(2026, 10, 1), label="Q1 deal review")
    q2 = record_review(m, day=date(2026, 12, 1), label="Q2")
    assert find_review(m, "last") == q2
    assert find_review(m, "q1 DEAL review") == q1
    assert find_review(m, "2026-11-15") == q1
    assert find_review(m, q1.id) == q1
    with pytest.raises(NotFoundError, match="on or before 2026-09-01; the first was on 2026-10-01"):
        find_review(m, "2026-09-01")


def test_the_review_record_copies_health_and_counts(make_map):
    m = make_map()
    m.add_person(name="Ann Lee", stance="opponent", role="economic_buyer", veto=True)
    state = current_state(m, today=START)
    review = record_review(m, day=START, label="kickoff")
    assert (review.date, review.label) == ("2026-09-01", "kickoff")
    assert review.health == state.health["status"]
    assert (review.people, review.findings) == (1, len(state.findings))


_DAMAGE = [
    (b'[["p1", {"a": NaN}]]', "NaN"),
    (b'[["p1", {"a": "\\ud800"}]]', "lone surrogate"),
    (b"[" * 100_000, "nested too deeply"),
    (b'{"p1": {}}', "not entries"),
    (b"not json", "cannot be read"),
    (b'[["p1", {"n": ' + b"9" * 5000 + b"}]]", "cannot be read"),
]


@pytest.mark.parametrize(("raw", "words"), _DAMAGE, ids=[w for _, w in _DAMAGE])
def test_a_damaged_packed_review_is_one_sentence(raw, words):
    import base64
    import zlib

    from stakemap.errors import ValidationError
    from stakemap.timeline.reviews import unpack

    packed = base64.b64encode(zlib.compress(raw)).decode("ascii")
    with pytest.raises(ValidationError, match=words) as caught:
        unpack(packed, what="review 'Q1'")
    assert str(caught.value).startswith("review 'Q1': ")


def test_truncated_or_bombed_packing_is_refused_before_it_is_read(monkeypatch):
    import base64
    import zlib

    import stakemap.timeline.reviews as reviews_module
    from stakemap.errors import ValidationError
    from stakemap.timeline.reviews import pack, unpack

    monkeypatch.setattr(reviews_module, "MAX_UNPACKED_BYTES", 1_000)  # not 512 MiB in a test

    whole = pack([("p1", {"name": "Ann"})])
    with pytest.raises(ValidationError, match="damaged"):
        unpack(whole[: len(whole) // 2].rstrip("=") + "==")
    bomb = base64.b64encode(zlib.compress(b" " * 1_001)).decode("ascii")
    with pytest.raises(ValidationError, match="more history than stakemap reads"):
        unpack(bomb)
