"""Property tests: randomly edited copies of a small map, merged.

Whatever the two teammates did, every edit either side made is in the merged
map unless a conflict reports it, merging a side with itself or with the base
gives that side, and the merged map is a sound map: it saves, loads and
analyses.
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from merge_helpers import sides, small_map, tables

from stakemap.analysis import analyze
from stakemap.errors import StakemapError
from stakemap.model import StakeMap
from stakemap.records import Link, Stakeholder, free_text_fields, list_fields
from stakemap.store import MapStore
from stakemap.team.merge import merge_maps

_WORDS = ["cost", "erp", "audit", "cloud", "revops"]
_EDIT = st.one_of(
    st.tuples(st.just("stance"), st.integers(0, 9), st.sampled_from(["champion", "skeptic"])),
    st.tuples(st.just("title"), st.integers(0, 9), st.sampled_from(["CIO", "CFO", "VP"])),
    st.tuples(st.just("notes"), st.integers(0, 9), st.sampled_from(["a", "b\nc", "likes data"])),
    st.tuples(
        st.just("priorities"),
        st.integers(0, 9),
        st.lists(st.sampled_from(_WORDS), unique=True, max_size=4),
    ),
    st.tuples(st.just("add"), st.sampled_from(["Eve", "Finn", "Gus"])),
    st.tuples(st.just("remove"), st.integers(0, 9)),
    st.tuples(st.just("touch"), st.integers(0, 9)),
    st.tuples(
        st.just("link"),
        st.integers(0, 9),
        st.integers(0, 9),
        st.sampled_from(["reports_to", "influences", "conflicts"]),
        st.integers(1, 3),
    ),
    st.tuples(st.just("unlink"), st.integers(0, 9)),
    st.tuples(st.just("strength"), st.integers(0, 9), st.integers(1, 3)),
)
_EDITS = st.lists(_EDIT, max_size=6)


def _apply(m: StakeMap, edit: tuple[Any, ...]) -> None:
    people, links = m.people, m.links
    name = edit[0]
    with contextlib.suppress(StakemapError, IndexError, ZeroDivisionError):
        if name in ("stance", "title", "notes", "priorities"):
            m.update_person(people[edit[1] % len(people)].id, {name: edit[2]})
        elif name == "add":
            m.add_person(name=edit[1])
        elif name == "remove":
            m.remove_person(people[edit[1] % len(people)].id)
        elif name == "touch":
            person = people[edit[1] % len(people)].id
            m.add_interaction(person=person, date="2026-12-01", summary="call")
        elif name == "link":
            source, target = people[edit[1] % len(people)], people[edit[2] % len(people)]
            m.add_link(source.id, target.id, edit[3], edit[4])
        elif name == "unlink":
            m.remove_link(links[edit[1] % len(links)].id)
        elif name == "strength":
            m.update_link(links[edit[1] % len(links)].id, strength=edit[2])


def _edited(edits: list[tuple[Any, ...]]) -> tuple[StakeMap, StakeMap, StakeMap]:
    return _edited_both(edits, [])


def _edited_both(
    ours_edits: list[tuple[Any, ...]], theirs_edits: list[tuple[Any, ...]]
) -> tuple[StakeMap, StakeMap, StakeMap]:
    base = small_map()
    ours, theirs = sides(base)
    for edit in ours_edits:
        _apply(ours, edit)
    for edit in theirs_edits:
        _apply(theirs, edit)
    return base, ours, theirs


def _conflicted(merged: StakeMap) -> set[tuple[str, str, str]]:
    return {(c.section, c.record, c.field) for c in merged.conflicts}


def _check_people(base: StakeMap, side: StakeMap, merged: StakeMap, reported: set[Any]) -> None:
    before = {p.id: p.to_dict() for p in base.people}
    after = {p.id: p.to_dict() for p in side.people}
    texts, lists = free_text_fields(Stakeholder), list_fields(Stakeholder)
    for pid in before.keys() - after.keys():  # deleted on this side
        assert pid not in merged or ("people", pid, "") in reported
    for pid, record in after.items():
        if pid not in merged:
            # only the other side's deletion of someone this side left alone
            assert {**before.get(pid, {}), "modified": ""} == {**record, "modified": ""}
            continue
        got = merged.person(pid).to_dict()
        old = before.get(pid, {})
        for name, value in record.items():
            if name == "modified" or old.get(name) == value or got[name] == value:
                continue
            if ("people", pid, name) in reported:
                continue
            if name in texts:
                assert set(value.split("\n")) - set(str(old.get(name, "")).split("\n")) <= set(
                    got[name].split("\n")
                )
            elif name in lists:
                assert set(value) - set(old.get(name, [])) <= set(got[name])
                assert not (set(old.get(name, [])) - set(value)) & set(got[name])
            else:
                raise AssertionError(f"{name} of {pid} lost: {value!r} became {got[name]!r}")


def _unstamped(link: Link | None) -> Link | None:
    """A link without its ``modified`` stamp: an edit undone on one side is no edit."""
    return None if link is None else replace(link, modified="")


def _check_links(base: StakeMap, side: StakeMap, merged: StakeMap, reported: set[Any]) -> None:
    before = {link.id: link for link in base.links}
    kept = {link.id: link for link in merged.links}
    for link in side.links:
        if link.id in kept:
            changed = _unstamped(link) != _unstamped(before.get(link.id))
            if changed and kept[link.id].strength != link.strength:
                assert ("links", link.id, "strength") in reported
            continue
        twins = merged.find_links(link.source, link.target, link.kind)
        assert (
            ("links", link.id, "") in reported
            or (twins and link.id in merged.retired)
            # the other side deleted it, and this side's edits came back to base
            or (link.id in before and _unstamped(link) == _unstamped(before[link.id]))
            or link.source not in merged
            or link.target not in merged
        ), f"link {link} lost"
    for lid in before.keys() - {link.id for link in side.links}:
        assert lid not in kept or any(
            key in reported
            for key in (
                ("links", lid, ""),
                ("people", kept[lid].source, ""),
                ("people", kept[lid].target, ""),
            )
        )


def _check_touches(base: StakeMap, side: StakeMap, merged: StakeMap) -> None:
    old = {t.id for t in base.interactions}
    kept = {t.id for t in merged.interactions}
    for touch in side.interactions:
        if touch.id not in old:
            assert touch.id in kept, "a touch either side logged survives"


# derandomize: the same examples on every run, so CI never meets a new one by chance
# (a wider search, run by hand, found the two undone-edit cases _unstamped covers).
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_EDITS, _EDITS)
def test_no_edit_is_lost_unless_reported(ours_edits, theirs_edits):
    base, ours, theirs = _edited_both(ours_edits, theirs_edits)
    merged = merge_maps(base, ours, theirs).stakemap
    reported = _conflicted(merged)
    for side in (ours, theirs):
        _check_people(base, side, merged, reported)
        _check_links(base, side, merged, reported)
        _check_touches(base, side, merged)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "merged.json"
        MapStore(path).create(merged)
        loaded = MapStore(path).load()
    assert tables(loaded) == tables(merged)
    analyze(loaded, today=date(2026, 12, 5))


@settings(max_examples=80, deadline=None, derandomize=True)
@given(_EDITS)
def test_merging_a_side_with_itself_or_with_the_base_gives_that_side(edits):
    base, ours, _ = _edited(edits)
    assert tables(merge_maps(base, ours, ours).stakemap) == tables(ours)
    assert tables(merge_maps(base, base, ours).stakemap) == tables(ours)
    assert merge_maps(base, base, ours).conflicts == ()
