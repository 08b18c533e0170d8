"""Merge conflicts in exports: --redact drops their private text, --anonymize their names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stakemap.model import StakeMap
from stakemap.privacy import anonymize, redact
from stakemap.store import MapStore
from tests.cli_helpers import run
from tests.conflict_helpers import FIONA, GRAHAM, HENRIK, SAMPLE, conflict, conflicted_copy


@pytest.fixture
def sample() -> StakeMap:
    return MapStore(SAMPLE).load()


def test_redact_drops_a_private_fields_values_and_keeps_the_conflict(sample: StakeMap) -> None:
    sample.put_conflict(
        conflict("people", FIONA, "notes", kind="text", base="old", ours="mine", theirs="their")
    )
    sample.put_conflict(conflict("people", HENRIK, "title", ours="CFO", theirs="Group CFO"))
    out = {c.field: c for c in redact(sample).conflicts}
    assert (out["notes"].base, out["notes"].ours, out["notes"].theirs) == ("", "", "")
    assert out["title"].theirs == "Group CFO"  # not private: kept


def test_redact_drops_private_notes_of_a_touch(sample: StakeMap) -> None:
    touch = sample.interactions[0]
    sample.put_conflict(
        conflict("interactions", touch.id, "notes", ours="he will resign", theirs="budget cut")
    )
    (out,) = redact(sample).conflicts
    assert (out.ours, out.theirs) == ("", "")


def test_redact_strips_private_fields_from_a_kept_record(sample: StakeMap) -> None:
    graham = sample.person(GRAHAM).to_dict()
    assert graham["notes"] and graham["email"]
    sample.put_conflict(conflict("people", GRAHAM, base=graham, ours=graham, theirs=None))
    touch = sample.interactions[0].to_dict() | {"notes": "confidential"}
    sample.put_conflict(conflict("interactions", touch["id"], ours=None, theirs=touch))
    kept_person, kept_touch = redact(sample).conflicts
    for field in ("notes", "drivers", "constraints", "fears", "email"):
        assert kept_person.ours[field] == "" and kept_person.base[field] == ""
    assert kept_person.ours["name"] == "Graham Pryce" and kept_person.theirs is None
    assert kept_touch.theirs["notes"] == "" and kept_touch.theirs["summary"] == touch["summary"]


def test_anonymize_scrubs_names_in_conflict_values(sample: StakeMap) -> None:
    graham = sample.person(GRAHAM).to_dict()
    sample.put_conflict(conflict("people", GRAHAM, ours=graham, theirs=None))
    sample.put_conflict(
        conflict("people", HENRIK, "title", ours="CFO", theirs="Deputy to Graham Pryce")
    )
    sample.put_conflict(conflict("people", FIONA, "name", ours="Fiona MacLeod", theirs="Fi Reyes"))
    sample.put_conflict(conflict("account", "account", "owner", ours="Sam Okafor", theirs="Ana"))
    out = anonymize(sample)
    text = json.dumps([c.to_dict() for c in out.conflicts])
    for name in ("Graham", "Pryce", "Fiona", "Reyes", "Okafor"):
        assert name not in text
    kept, title, name, owner = out.conflicts
    assert kept.ours["name"] == out.person(GRAHAM).name  # the same label as on the map
    assert title.theirs == "Deputy to [name]"
    assert name.theirs == out.person(FIONA).name
    assert (owner.ours, owner.theirs) == ("", "")


def test_redacted_export_of_a_conflicted_map_leaks_no_private_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mapfile = conflicted_copy(tmp_path)
    out = tmp_path / "out.json"
    code, _, _ = run(capsys, "export", mapfile, "-f", "json", "-o", out, "--redact")
    assert code == 0
    text = out.read_text()
    assert "Prefers email." not in text and "Met at the offsite." not in text
    assert len(json.loads(text)["conflicts"]) == 3
