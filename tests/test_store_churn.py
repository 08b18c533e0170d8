"""A save changes only the lines of what changed (the map file is kept in git).

Each test compares the file's lines before and after with ``difflib``: a
one-field edit is that record's line and the meta line; a deletion removes
lines and renumbers nothing; an addition appends; an undo puts the file back
as it was. JSON has no trailing commas, so a line added or removed at the end
of a table also changes the comma of the line before it; the counts allow
exactly that.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import fields
from pathlib import Path

import pytest

from stakemap.records import Interaction, Link, Stakeholder
from stakemap.session import Session
from stakemap.store import MapStore


@pytest.fixture
def path(tmp_path: Path, make_map) -> Path:
    stakemap = make_map()
    people = [
        stakemap.add_person(name=name, department=dept, stance="neutral")
        for name, dept in (
            ("Ann Lee", "Finance"),
            ("Bo Chen", "IT"),
            ("Cy Park", "IT"),
            ("Dee Fox", "HR"),
            ("Eli Moss", "Sales"),
        )
    ]
    ann, bo, cy, dee, _eli = people
    stakemap.add_link(bo.id, ann.id, "reports_to")
    stakemap.add_link(cy.id, bo.id, "reports_to")
    stakemap.add_link(dee.id, ann.id, "influences", 3)
    stakemap.add_interaction(person=ann.id, date="2026-11-02", summary="intro", kind="call")
    stakemap.add_interaction(person=cy.id, date="2026-11-03", summary="demo", kind="demo")
    removed = stakemap.add_person(name="Gone Soon")
    stakemap.remove_person(removed.id)
    target = tmp_path / "acme.json"
    MapStore(target).create(stakemap)
    return target


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _changes(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """(lines only in before, lines only in after), from difflib's line diff."""
    removed, added = [], []
    for line in difflib.unified_diff(before, after, lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


def _is_meta(line: str) -> bool:
    return '"app": "stakemap"' in line


def _docs(path: Path) -> dict[str, dict[str, dict[str, object]]]:
    return json.loads(path.read_text(encoding="utf-8"))


def _pid(path: Path, name: str) -> str:
    return MapStore(path).load().resolve(name).id


def test_one_field_edit_changes_that_line_and_the_meta_line(path):
    before = _lines(path)
    with MapStore(path).edit() as stakemap:
        stakemap.update_person(stakemap.resolve("Cy Park").id, stance="skeptic")

    removed, added = _changes(before, _lines(path))

    assert len(removed) == len(added) == 2
    assert sum(map(_is_meta, removed)) == sum(map(_is_meta, added)) == 1
    person = next(line for line in added if not _is_meta(line))
    assert '"name": "Cy Park"' in person and '"stance": "skeptic"' in person


def test_deleting_a_person_removes_their_lines_and_renumbers_nothing(path):
    before_docs = _docs(path)
    before = _lines(path)
    bo = _pid(path, "Bo Chen")
    with MapStore(path).edit() as stakemap:
        stakemap.remove_person(bo)

    after_docs = _docs(path)
    removed, added = _changes(before, _lines(path))

    gone = {
        table: [key for key, doc in docs.items() if key not in after_docs[table]]
        for table, docs in before_docs.items()
    }
    assert len(gone["stakeholders"]) == 1
    assert len(gone["links"]) == 2  # bo -> ann and cy -> bo
    for table, docs in before_docs.items():
        for key, doc in docs.items():
            if table != "meta" and key not in gone[table]:
                assert after_docs[table][key] == doc, (table, key)  # same key, same record
    # Removed: the meta line, bo's line and his two links' lines, and the last
    # retired line, which gains a comma; added: the meta line, that retired line
    # with its comma, and the three ids retired now (bo and his links).
    assert [line for line in removed if not _is_meta(line) and line + "," not in added] == [
        line for line in before if bo in line and '"retired"' not in line
    ]
    assert len(added) == 1 + 1 + 3
    assert sum('"retired": ' in line for line in added) == 4


def test_adding_appends_after_every_used_number(path):
    before_docs = _docs(path)
    before = _lines(path)
    with MapStore(path).edit() as stakemap:
        stakemap.add_person(name="Fay Wu")

    after_docs = _docs(path)
    removed, added = _changes(before, _lines(path))

    keys = list(after_docs["stakeholders"])
    assert keys == ["1", "2", "3", "4", "5", "6"]
    assert after_docs["stakeholders"]["6"]["name"] == "Fay Wu"
    assert list(before_docs["stakeholders"]) == keys[:-1]
    assert len(removed) == 2  # the meta line; the last person's line gains a comma
    assert removed[1] + "," in added


def test_keys_and_tables_keep_a_fixed_order(path):
    docs = _docs(path)
    assert list(docs) == [
        "meta",
        "stakeholders",
        "links",
        "retired",
        "interactions",
        "reviews",
        "conflicts",
    ]
    for table, record_type in (
        ("stakeholders", Stakeholder),
        ("links", Link),
        ("interactions", Interaction),
    ):
        for doc in docs[table].values():
            assert list(doc) == [f.name for f in fields(record_type)], table
    assert list(docs["retired"]["1"]) == ["id", "retired"]


def test_an_undone_delete_puts_the_file_back_as_it_was(path):
    """The session (the app's path): undo restores each line in its place."""
    session = Session.open(path)
    before = _lines(path)
    session.remove_person(session.map.resolve("Ann Lee").id)

    session.undo()

    removed, added = _changes(before, _lines(path))
    assert [line for line in removed if not _is_meta(line)] == []
    assert [line for line in added if not _is_meta(line)] == []


def test_session_edits_change_only_their_lines(path):
    session = Session.open(path)
    before = _lines(path)
    session.update_person(session.map.resolve("Dee Fox").id, {"title": "HR director"})
    session.step(session.map.resolve("Eli Moss").id, "stance", 1)

    removed, added = _changes(before, _lines(path))

    people = [line for line in added if not _is_meta(line)]
    assert len(removed) == len(added) == 3
    assert any('"Dee Fox"' in line and "HR director" in line for line in people)
    assert any('"Eli Moss"' in line and '"supporter"' in line for line in people)
