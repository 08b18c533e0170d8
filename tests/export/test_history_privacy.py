"""--redact and --anonymize on the map's past: the exported bytes of every format
are grepped for the private notes of touches and reviews, and for every name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sm_testmaps import PRIVATE_TOUCH_NOTES, TODAY, build_with_history

from stakemap.cli import main
from stakemap.export import FORMATS, ExportOptions, export_map
from stakemap.model import StakeMap
from stakemap.privacy import anonymize, anonymous_labels, redact
from stakemap.serialize import map_from_json, map_to_json
from stakemap.store import MapStore

#: Private text kept in the reviews' snapshots of people.
PRIVATE_REVIEW_TEXT = (
    "PRIVATE-REVIEW-NOTE",
    "old secret",
    "former.contact@northwind.example",
    "Prefers email",  # Ingrid's notes, as the review remembers them
)
#: Every name on the map or in its history, in every spelling a test needs.
NAMES = (
    "Olivia",
    "Grant",
    "Ingrid",
    "Halvorsen",
    "Leah",
    "Park",
    "Maya",
    "Raj",
    "Patel",
    "Dana",
    "Kowalski",
    "Becker",
    "Former Contact",
    "Sam Rep",
)


def entries_of(stakemap, rid):
    """A review's stored entries, unpacked, as (section, key, value) records."""
    from types import SimpleNamespace

    from stakemap.timeline.reviews import review_entries

    return [
        SimpleNamespace(section=section, key=key, value=value)
        for section, pairs in review_entries(stakemap.review(rid)).items()
        for key, value in pairs
    ]


def _bytes(stakemap, fmt: str, **options: bool) -> bytes:
    files = export_map(stakemap, fmt, options=ExportOptions(today=TODAY, **options))
    return b"\n".join(file.encoded() for file in files)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("option", ["redact", "anonymize", "anonymize_account"])
def test_no_private_note_of_the_past_leaves_in_any_format(fmt, option):
    data = _bytes(build_with_history(), fmt, **{option: True})
    for secret in (*PRIVATE_TOUCH_NOTES, *PRIVATE_REVIEW_TEXT):
        assert secret.encode() not in data, (fmt, option, secret)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_no_name_leaves_an_anonymized_export_in_any_format(fmt):
    data = _bytes(build_with_history(), fmt, anonymize=True)
    for name in NAMES:
        assert name.encode() not in data, (fmt, name)


def test_the_unredacted_exports_do_carry_the_history():
    """The greps above would pass on an export that lost the history: it does not."""
    stakemap = build_with_history()
    bundle = _bytes(stakemap, "json")
    for secret in (*PRIVATE_TOUCH_NOTES, "PRIVATE-REVIEW-NOTE"):
        assert secret.encode() in bundle
    assert PRIVATE_TOUCH_NOTES[0].encode() in _bytes(stakemap, "csv")


def test_redact_keeps_summaries_next_steps_and_every_id():
    from stakemap.timeline.reviews import review_summary

    stakemap = build_with_history()
    result = redact(stakemap)
    assert [i.notes for i in result.interactions] == [""] * 12
    before = [{**i.to_dict(), "notes": ""} for i in stakemap.interactions]
    assert [i.to_dict() for i in result.interactions] == before
    assert [review_summary(r) for r in result.reviews] == [
        review_summary(r) for r in stakemap.reviews
    ]
    for review in stakemap.reviews:
        kept = entries_of(stakemap, review.id)
        done = entries_of(result, review.id)
        assert [(e.section, e.key) for e in done] == [(e.section, e.key) for e in kept]
        for entry in done:
            if entry.section == "people" and entry.value:
                assert entry.value.get("notes", "") == entry.value.get("email", "") == ""
    bundle = _bytes(stakemap, "json", redact=True)
    assert b"Budget call with Ingrid Halvorsen" in bundle  # the shareable one-liner stays
    assert b"Book a reference call for Ingrid" in bundle
    assert map_to_json(stakemap)["interactions"][0]["notes"] == PRIVATE_TOUCH_NOTES[0]


def test_anonymize_maps_people_consistently_through_touches_and_reviews():
    stakemap = build_with_history()
    labels = anonymous_labels(stakemap.people)
    result = anonymize(stakemap)
    assert {p.id: p.name for p in result.people} == labels
    assert [i.person for i in result.interactions] == [i.person for i in stakemap.interactions]
    summaries = {i.id: i.summary for i in result.interactions}
    originals = {i.id: i for i in stakemap.interactions}
    budget = next(iid for iid, t in originals.items() if t.summary.startswith("Budget call"))
    assert summaries[budget] == "Budget call with [name]"
    step = next(i for i in result.interactions if i.id == budget).next_step
    assert step == "Book a reference call for [name]"
    first, second = result.reviews
    assert first.label == "Kick-off with [name]"
    people = {e.key: e.value for e in entries_of(result, first.id) if e.section == "people"}
    for pid, label in labels.items():
        assert people[pid] is not None and people[pid]["name"] == label
    (gone,) = set(people) - set(labels)
    assert people[gone]["name"] == "Sales user (former)"
    findings = [e.value for e in entries_of(result, first.id) if e.section == "findings"]
    ingrid = next(p.id for p in stakemap.people if p.name == "Ingrid Halvorsen")
    assert findings == [
        {
            "rule": "blocker",
            "subjects": [{"id": ingrid, "name": labels[ingrid]}],
            "message": "[name] can veto the deal",
        }
    ]
    health = [e.value for e in entries_of(result, first.id) if e.section == "health"]
    assert health == [{"status": "red", "reasons": ["[name] is the only supporter"]}]
    account = [e.value for e in entries_of(result, first.id) if e.section == "account"]
    assert account[0] is not None and account[0]["owner"] == ""
    assert next(e.value for e in entries_of(result, second.id)) is None


def test_anonymize_account_hides_it_in_the_reviews_too():
    stakemap = build_with_history()
    result = anonymize(stakemap, hide_account=True)
    (account,) = [
        e.value for e in entries_of(result, result.reviews[0].id) if e.section == "account"
    ]
    assert account is not None
    assert (account["account"], account["initiative"]) == ("Account", "The initiative")
    assert b"Northwind" not in _bytes(stakemap, "json", anonymize_account=True)


def test_a_transformed_bundle_is_still_a_valid_map():
    for option in ("redact", "anonymize"):
        data = json.loads(_bytes(build_with_history(), "json", **{option: True}))
        rebuilt = map_from_json(data)
        assert len(rebuilt.interactions) == 12 and len(rebuilt.reviews) == 2


def test_the_cli_export_redacts_touch_notes(tmp_path, capsys):
    path = tmp_path / "deal.json"
    MapStore(path).create(build_with_history())
    for fmt, out in (("csv", "r.csv"), ("markdown", "r.md"), ("json", "r.stakemap.json")):
        today = ["--today", TODAY.isoformat()]
        code = main(["export", str(path), "-f", fmt, "-o", str(tmp_path / out), "--redact", *today])
        assert code == 0, capsys.readouterr().err
    written = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("r."))
    assert b"Budget call with Ingrid Halvorsen" in written
    for secret in PRIVATE_TOUCH_NOTES:
        assert secret.encode() not in written


# --- the sample maps, with their real reviews ------------------------------------------

SAMPLES = sorted((Path(__file__).parents[2] / "sample_maps").glob("*.json"))
HISTORY_FORMATS = ("json", "csv", "markdown", "html")


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.stem)
def sample(request: pytest.FixtureRequest) -> StakeMap:
    return MapStore(request.param).load()


def _name_words(stakemap: StakeMap) -> set[str]:
    names = [p.name for p in stakemap.people] + [stakemap.account.owner]
    return {word for name in names for word in re.findall(r"\w+", name) if len(word) >= 4}


@pytest.mark.parametrize("fmt", HISTORY_FORMATS)
def test_redacted_sample_exports_hold_no_touch_notes(sample, fmt):
    notes = [t.notes for t in sample.interactions if t.notes]
    assert notes and sample.reviews
    data = _bytes(sample, fmt, redact=True).decode("utf-8")
    for note in notes:
        assert note not in data and note[:30] not in data, (fmt, note)
    people = {p.id: p for p in sample.people}
    for text in (people[t.person].notes for t in sample.interactions):
        assert not text or text[:40] not in data  # and the people's own notes, in reviews too


@pytest.mark.parametrize("fmt", HISTORY_FORMATS)
def test_anonymized_sample_exports_name_nobody(sample, fmt):
    data = _bytes(sample, fmt, anonymize=True).decode("utf-8")
    leaks = sorted(w for w in _name_words(sample) if re.search(rf"\b{re.escape(w)}\b", data))
    assert leaks == [], fmt
