"""The map's past in the exports: the CSV interactions file, "Recent touches" and
"Open next steps" in the documents, the changes hook, and both round trips."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from sm_testmaps import HOSTILE_STORED, TODAY, build_northwind, build_with_history

from stakemap.analysis.snapshot import changes_since
from stakemap.cli import main
from stakemap.export import ExportOptions, export_map, write_export
from stakemap.export.document import RECENT_TOUCHES, open_step_rows
from stakemap.export.escape import xml_text
from stakemap.export.html import since_last_review_html
from stakemap.export.markdown import markdown_document, since_last_review_markdown
from stakemap.export.tabular import INTERACTION_COLUMNS
from stakemap.importers import apply_plan, new_map_from_plan, plan_import
from stakemap.serialize import map_to_json
from stakemap.store import MapStore
from stakemap.timeline.wording import change_lines


def entries_of(stakemap, rid):
    """A review's stored entries, unpacked, as (section, key, value) records."""
    from types import SimpleNamespace

    from stakemap.timeline.reviews import review_entries

    return [
        SimpleNamespace(section=section, key=key, value=value)
        for section, pairs in review_entries(stakemap.review(rid)).items()
        for key, value in pairs
    ]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end != -1 else None]


# --- JSON bundle ---------------------------------------------------------------------


def test_the_json_bundle_imports_back_exactly_with_its_history(tmp_path):
    stakemap = build_with_history()
    bundle = tmp_path / "deal.stakemap.json"
    write_export(stakemap, "json", bundle)
    plan = plan_import(bundle)
    assert plan.errors == [] and plan.warnings == []
    result, report = new_map_from_plan(plan, plan.account_name)
    assert map_to_json(result) == map_to_json(stakemap)
    assert [i.to_dict() for i in result.interactions] == [
        i.to_dict() for i in stakemap.interactions
    ]
    assert [r.id for r in result.reviews] == [r.id for r in stakemap.reviews]
    for review in stakemap.reviews:
        assert entries_of(result, review.id) == entries_of(stakemap, review.id)
    assert report.interactions_added == 12


def test_stakemap_import_of_a_bundle_writes_the_same_map(tmp_path, capsys):
    stakemap = build_with_history()
    bundle = tmp_path / "deal.stakemap.json"
    write_export(stakemap, "json", bundle)
    out = tmp_path / "copy.json"
    assert main(["import", str(bundle), "-o", str(out)]) == 0
    capsys.readouterr()
    assert map_to_json(MapStore(out).load()) == map_to_json(stakemap)


def test_a_bundle_into_an_existing_map_adds_touches_and_leaves_reviews(tmp_path):
    source = build_with_history()
    bundle = tmp_path / "deal.stakemap.json"
    write_export(source, "json", bundle)
    target = build_northwind()  # same people and ids, no history
    report = apply_plan(target, plan_import(bundle))
    assert report.interactions_added == 12 and report.changed
    assert [i.to_dict() for i in target.interactions] == [i.to_dict() for i in source.interactions]
    assert target.reviews == []
    assert any("2 reviews not imported" in w.message for w in report.warnings)
    again = apply_plan(target, plan_import(bundle))  # the log is not doubled
    assert again.interactions_added == 0 and again.interactions_unchanged == 12
    assert len(target.interactions) == 12


# --- CSV -----------------------------------------------------------------------------


def test_csv_writes_an_interactions_file_beside_the_people(tmp_path):
    stakemap = build_with_history()
    paths = write_export(stakemap, "csv", tmp_path / "deal.csv")
    touches = tmp_path / "deal.interactions.csv"
    assert touches in paths
    text = touches.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(INTERACTION_COLUMNS)
    rows = _rows(text)
    assert [row["id"] for row in rows] == [i.id for i in stakemap.interactions]
    names = {p.id: p.name for p in stakemap.people}
    for row, touch in zip(rows, stakemap.interactions, strict=True):
        assert row["person"] == touch.person
        assert row["person_name"] == names[touch.person]
        assert (row["date"], row["kind"], row["summary"]) == (
            touch.date,
            touch.kind.value,
            touch.summary,
        )
        assert row["done"] == ("true" if touch.done else "false")
        assert row["notes"] == touch.notes


def test_csv_round_trip_keeps_the_log_of_touches(tmp_path):
    """Everything but the reviews, which are map snapshots and travel in the bundle."""
    stakemap = build_with_history()
    write_export(stakemap, "csv", tmp_path / "deal.csv")
    plan = plan_import(tmp_path / "deal.csv")
    assert plan.errors == [] and plan.warnings == []
    result, _ = new_map_from_plan(plan, plan.account_name)
    expected = map_to_json(stakemap)
    got = map_to_json(result)
    for key in ("reviews",):
        assert expected.pop(key) and got.pop(key) == []
    assert got == expected


def test_hostile_text_in_touches_survives_the_csv_trip_inert(tmp_path):
    stakemap = build_northwind()
    person = stakemap.people[0]
    for text in HOSTILE_STORED:
        stakemap.add_interaction(
            person=person.id, date="2026-10-01", summary=text, notes=text, next_step=text
        )
    write_export(stakemap, "csv", tmp_path / "h.csv")
    raw = (tmp_path / "h.interactions.csv").read_text(encoding="utf-8")
    for row in _rows(raw):
        for column in ("summary", "notes", "next_step"):
            assert not row[column].startswith(("=", "+", "-", "@")), row[column]
    result, _ = new_map_from_plan(plan_import(tmp_path / "h.csv"), "")
    assert [i.summary for i in result.interactions] == list(HOSTILE_STORED)


def test_a_row_added_in_a_spreadsheet_gets_a_new_id_and_bad_rows_are_reported(tmp_path):
    stakemap = build_northwind()
    write_export(stakemap, "csv", tmp_path / "deal.csv")
    person = stakemap.people[1]
    path = tmp_path / "deal.interactions.csv"
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        blank = dict.fromkeys(INTERACTION_COLUMNS, "")
        writer.writerow(
            {**blank, "person": person.id, "date": "2026-11-01", "summary": "Lunch"}.values()
        )
        writer.writerow(
            {**blank, "person": person.id, "date": "yesterday", "summary": "x"}.values()
        )
        writer.writerow({**blank, "person": person.id, "date": "2026-11-01"}.values())
    plan = plan_import(tmp_path / "deal.csv")
    assert [(p.line, p.message.split(":")[0]) for p in plan.errors] == [(3, "date"), (4, "summary")]
    result, _ = new_map_from_plan(plan, "")
    (touch,) = result.interactions
    assert (touch.person, touch.summary) == (person.id, "Lunch") and touch.id.startswith("i")


# --- Markdown and HTML ---------------------------------------------------------------


@pytest.fixture
def history_md() -> str:
    (file,) = export_map(build_with_history(), "markdown", options=ExportOptions(today=TODAY))
    return str(file.data)


def test_recent_touches_are_the_latest_ten_newest_first(history_md):
    stakemap = build_with_history()
    section = _section(history_md, "## Recent touches")
    dates = [line.split(" | ")[0].strip("| ") for line in section.splitlines()[4:-2] if line]
    expected = sorted((i.date for i in stakemap.interactions), reverse=True)[:RECENT_TOUCHES]
    assert dates == expected
    assert "_The latest 10 of 12 touches._" in section
    assert "Architecture review with Raj Patel" in section
    assert "Discovery with Maya Chen" not in section  # the oldest two are left out


def test_open_next_steps_list_overdue_first_and_leave_done_ones_out(history_md):
    section = _section(history_md, "## Open next steps")
    assert section.startswith("## Open next steps (5)")
    lines = [line for line in section.splitlines() if line.startswith("| 20") or "no due" in line]
    assert len(lines) == 5
    assert [line.rsplit("|", 2)[-2].strip() for line in lines] == [
        "13 days late (due 2026-10-20)",
        "3 days late (due 2026-10-30)",
        "due today",
        "due in 4 days (2026-11-06)",
        "no due date",
    ]
    assert "Send the SOC 2 report" not in section  # done
    assert "Send Ingrid Halvorsen the ROI model" not in section  # done


def test_a_map_without_next_steps_has_no_rows():
    assert open_step_rows(build_northwind(), TODAY) == []
    overdue = [late for late, _ in open_step_rows(build_with_history(), TODAY)]
    assert overdue == [True, True, False, False, False]


def test_a_map_without_touches_has_neither_section(northwind, today):
    (file,) = export_map(northwind, "markdown", options=ExportOptions(today=today))
    (page,) = export_map(northwind, "html", options=ExportOptions(today=today))
    for text in (str(file.data), str(page.data)):
        assert "Recent touches" not in text and "Open next steps" not in text
        assert "Since the last review" not in text


def test_the_html_page_shows_both_sections_and_marks_overdue_steps():
    stakemap = build_with_history()
    (file,) = export_map(stakemap, "html", options=ExportOptions(today=TODAY))
    page = str(file.data)
    assert '<section id="next-steps"><h2>Open next steps (5)</h2>' in page
    assert '<span class="overdue">13 days late (due 2026-10-20)</span>' in page
    assert '<span class="overdue">due today</span>' not in page
    assert '<section id="touches"><h2>Recent touches</h2>' in page
    assert page.index("Raj asked for the SOC 2 report") < page.index("Weekly sync with Maya")


def test_hostile_summaries_are_inert_in_markdown_and_html():
    stakemap = build_northwind()
    person = stakemap.people[0]
    for text in HOSTILE_STORED[:10]:
        stakemap.add_interaction(person=person.id, date="2026-10-01", summary=text, next_step=text)
    md = str(export_map(stakemap, "markdown", options=ExportOptions(today=TODAY))[0].data)
    page = str(export_map(stakemap, "html", options=ExportOptions(today=TODAY))[0].data)
    assert "<script>" not in md and "<b>" not in md
    assert "<script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    touches = _section(md, "## Recent touches")
    assert all(line.count(" | ") == 5 for line in touches.splitlines() if line.startswith("| "))


def test_the_changes_hook_puts_a_given_section_after_the_health(today):
    stakemap = build_with_history()
    text = markdown_document(
        stakemap,
        analysis=None,
        options=ExportOptions(today=today),
        changes="- Maya Chen: supporter → champion\n",
    )
    section = _section(text, "## Since the last review")
    assert section.strip().endswith("- Maya Chen: supporter → champion")
    assert text.index("## Since the last review") < text.index("## Stakeholders")


def test_every_csv_path_is_new_and_private(tmp_path: Path):
    paths = write_export(build_with_history(), "csv", tmp_path / "deal.csv")
    assert [p.name for p in paths][-1] == "deal.interactions.csv"
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in paths)


# --- "Since the last review": the timeline's comparison, not a second diff --------------

SAMPLE = Path(__file__).parents[2] / "sample_maps" / "northwind.json"
AS_OF = "2026-11-30"


def test_the_markdown_section_is_what_diff_since_last_prints(capsys):
    stakemap = MapStore(SAMPLE).load()
    (file,) = export_map(
        stakemap, "markdown", options=ExportOptions(today=date.fromisoformat(AS_OF))
    )
    text = str(file.data)
    section = _section(text, "## Since the last review")
    assert (
        main(["diff", str(SAMPLE), "--since", "last", "--format", "markdown", "--today", AS_OF])
        == 0
    )
    printed = capsys.readouterr().out
    # The same lines, one heading level deeper inside the document.
    deeper = "\n".join(
        "#" + line if line.startswith("#") else line for line in printed.splitlines()
    )
    assert section.split("\n", 2)[2].strip() == deeper.strip()
    assert "Changes from Forecast review (2026-11-16) to now (2026-11-30)" in section
    assert text.index("## Since the last review") < text.index("## Departments")


def test_the_html_section_shows_the_same_lines_escaped_and_marked():
    stakemap = MapStore(SAMPLE).load()
    today = date.fromisoformat(AS_OF)
    (file,) = export_map(stakemap, "html", options=ExportOptions(today=today))
    page = str(file.data)
    start = page.index('<section id="changes"><h2>Since the last review</h2>')
    section = page[start : page.index("</section>", start)]
    changes = changes_since(stakemap, "last", today=today)
    for line in change_lines(changes):
        assert xml_text(line.text) in section, line.text
    assert '<span class="mark">↓</span> New (low): Your next step with Agnieszka' in section
    assert page.index('id="changes"') < page.index('id="map"')


def test_a_redacted_changes_section_compares_the_redacted_reviews():
    """The section is computed from the transformed map and its transformed reviews:
    no notes-edited noise from blanked notes, and the same people lines."""
    stakemap = MapStore(SAMPLE).load()
    options = ExportOptions(today=date.fromisoformat(AS_OF), redact=True)
    plain = _section(
        str(export_map(stakemap, "markdown", options=ExportOptions(today=options.today))[0].data),
        "## Since the last review",
    )
    redacted = _section(
        str(export_map(stakemap, "markdown", options=options)[0].data), "## Since the last review"
    )
    assert redacted == plain  # nothing private had changed since the review
    assert "edited" not in redacted


def test_a_map_without_reviews_has_no_changes_section(today):
    stakemap = build_northwind()
    assert since_last_review_markdown(stakemap, ExportOptions(today=today)) is None
    assert since_last_review_html(stakemap, ExportOptions(today=today)) is None
