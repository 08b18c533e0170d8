"""The deal review's rank column reads the initiative the way the rules do."""

from __future__ import annotations

from sm_testmaps import new_map

from stakemap.export.document import PERSON_COLUMNS, person_rows


def _rank_column(initiative: str, **person: object) -> str:
    m = new_map(initiative=initiative)
    m.add_person(name="Eve", **person)
    [(_, row)] = person_rows(m)
    return dict(zip(PERSON_COLUMNS, row, strict=True))["Initiative rank"]


def test_a_reworded_priority_is_ranked_and_says_it_was_matched() -> None:
    priorities = ["Cut fleet fuel costs", "Fleet-telemetry platform"]
    assert _rank_column("Fleet telemetry", priorities=priorities) == "#2 of 2 (matched)"
    assert _rank_column("Fleet-telemetry platform", priorities=priorities) == "#2 of 2"
    assert _rank_column("Audit", priorities=priorities) == "not in top 2"


def test_a_marked_priority_says_so() -> None:
    priorities = ["Cut fleet fuel costs", "Driver app"]
    rank = _rank_column("Fleet telemetry", priorities=priorities, initiative_priority="Driver app")
    assert rank == "#2 of 2 (marked)"
