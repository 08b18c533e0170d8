"""What conflict tests share: conflicts shaped as the merge writes them, on the sample map."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from stakemap.model import StakeMap
from stakemap.records import Conflict
from stakemap.store import MapStore
from stakemap.team.ids import conflict_id

SAMPLE = Path(__file__).parent.parent / "sample_maps" / "northwind.json"
#: Henrik Aalto (CFO, skeptic), Graham Pryce (CIO), Fiona MacLeod (HR) in the sample.
HENRIK, GRAHAM, FIONA = "pf3f3n37p", "pp8ee0jtn", "pv5ep2wy2"


def conflict(section: str, record: str, field: str = "", **values: Any) -> Conflict:
    """A conflict as the merge writes it; ``kind`` defaults from whether ``field`` is given."""
    kind = values.pop("kind", "field" if field else "deleted")
    return Conflict.from_dict(
        {
            "id": conflict_id(section, record, field),
            "section": section,
            "record": record,
            "kind": kind,
            "field": field,
            "ours_label": "ana",
            "theirs_label": "sam",
            "ours_modified": "2026-12-01T10:02:00Z",
            "theirs_modified": "2026-12-02T09:15:00Z",
            "created": "2026-12-02T10:00:00Z",
            **values,
        }
    )


def sample_conflicts(stakemap: StakeMap) -> list[Conflict]:
    """Three conflicts on the sample map: a stance, a rewritten note, a deleted person."""
    henrik = stakemap.person(HENRIK)
    graham = stakemap.person(GRAHAM)
    fiona = stakemap.person(FIONA)
    stakemap.update_person(
        FIONA, {"notes": "<<<<<<< ana\nMet at the offsite.\n=======\nPrefers email.\n>>>>>>> sam"}
    )
    return [
        conflict(
            "people", HENRIK, "stance", base="skeptic", ours=henrik.stance.value, theirs="opponent"
        ),
        conflict(
            "people",
            FIONA,
            "notes",
            kind="text",
            base=fiona.notes,
            ours="Met at the offsite.",
            theirs="Prefers email.",
        ),
        conflict("people", GRAHAM, base=graham.to_dict(), ours=graham.to_dict(), theirs=None),
    ]


def conflicted_copy(tmp_path: Path) -> Path:
    """The sample map copied into ``tmp_path`` with ``sample_conflicts`` in it."""
    path = tmp_path / "northwind.json"
    shutil.copy(SAMPLE, path)
    with MapStore(path).edit() as stakemap:
        for found in sample_conflicts(stakemap):
            stakemap.put_conflict(found)
    return path
