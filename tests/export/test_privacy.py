"""--redact and --anonymize: what leaves the machine, in every format."""

from __future__ import annotations

import pytest
from sm_testmaps import new_map

from stakemap.export import FORMATS, ExportOptions, export_map
from stakemap.privacy import anonymize, anonymous_labels, protect, redact
from stakemap.records import PRIVATE_FIELDS
from stakemap.serialize import map_to_json

#: Private values on the Northwind map that must never appear in a redacted export.
PRIVATE_VALUES = (
    "Prefers email",
    "sponsor of the failed CRM rollout",
    "Predictable cash flow",
    "Board-mandated cost freeze",
    "Another failed project",
    "Quietly against it",
    "Attribution she can defend",
    "ingrid@northwind.example",
    "northwind.example",
)
NAMES = (
    "Olivia",
    "Grant",
    "Ingrid",
    "Halvorsen",
    "Leah",
    "Maya",
    "Raj",
    "Patel",
    "Dana",
    "Kowalski",
    "Becker",
    "Sam Rep",
)


def test_redact_empties_exactly_the_private_fields(northwind):
    before = map_to_json(northwind)
    result = redact(northwind)
    for person in result.people:
        for name in PRIVATE_FIELDS:
            assert getattr(person, name) == ""
    original = {p.id: p for p in northwind.people}
    for person in result.people:
        kept = original[person.id]
        assert (person.name, person.title, person.stance, person.priorities) == (
            kept.name,
            kept.title,
            kept.stance,
            kept.priorities,
        )
    assert [link.to_dict() for link in result.links] == [link.to_dict() for link in northwind.links]
    assert map_to_json(northwind) == before  # the original is untouched


def test_labels_use_role_and_department_and_number_repeats(northwind):
    labels = anonymous_labels(northwind.people)
    by_name = {p.name: labels[p.id] for p in northwind.people}
    assert by_name["Ingrid Halvorsen"] == "Finance economic buyer"
    assert by_name["Leah Park"] == "Finance influencer"
    assert by_name["Maya Chen"] == "Marketing decision maker"
    assert by_name["Tom Becker"] == "HR user"
    m = new_map()
    a = m.add_person(name="A", department="IT", role="user")
    b = m.add_person(name="B", department="IT", role="user")
    c = m.add_person(name="C")
    labels = anonymous_labels(m.people)
    assert (labels[a.id], labels[b.id], labels[c.id]) == ("IT user 1", "IT user 2", "Stakeholder")


def test_anonymize_scrubs_names_out_of_kept_text():
    m = new_map(initiative="Maria Lopez's RevOps platform", owner="Sam Rep")
    m.add_person(name="Maria Lopez", department="Finance", role="economic_buyer")
    m.add_person(
        name="Ken Ito",
        title="Chief of staff to Maria Lopez",
        department="Maria's team",
        priorities=["Keep maria lopez happy", "Cost cuts"],
    )
    result = anonymize(m)
    text = repr(map_to_json(result))
    assert "Maria" not in text and "maria" not in text
    assert "Lopez" not in text and "Ken" not in text
    assert "Sam Rep" not in text
    ken = result.people[1]
    assert ken.title == "Chief of staff to [name]"
    assert ken.department == "[name]'s team"
    assert ken.priorities == ("Keep [name] happy", "Cost cuts")
    assert ken.name == "[name]'s team stakeholder"


def test_scrubbing_leaves_words_that_merely_contain_a_name():
    m = new_map()
    m.add_person(name="Mark Bell", title="Marketing director")
    m.add_person(name="Ann Lee", title="Annual planning lead")
    result = anonymize(m)
    assert [p.title for p in result.people] == ["Marketing director", "Annual planning lead"]


def test_protect_chooses_the_transform(northwind):
    assert protect(northwind, redact_private=False, anonymize_names=False) is northwind
    assert protect(northwind, redact_private=True, anonymize_names=False).people[1].name == (
        "Ingrid Halvorsen"
    )
    assert protect(northwind, redact_private=True, anonymize_names=True).people[1].name == (
        "Finance economic buyer"
    )


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_redacted_exports_hold_no_private_value(fmt, northwind, today):
    files = export_map(northwind, fmt, options=ExportOptions(redact=True, today=today))
    text = "".join(str(f.data) for f in files)
    for value in PRIVATE_VALUES:
        assert value not in text, f"{fmt} leaks {value!r}"
    assert "Ingrid Halvorsen" in text  # names stay when only redacting


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_anonymized_exports_hold_no_name(fmt, northwind, today):
    """Including the findings' messages and suggestions, which quote names."""
    files = export_map(northwind, fmt, options=ExportOptions(anonymize=True, today=today))
    text = "".join(str(f.data) for f in files)
    for value in (*NAMES, *PRIVATE_VALUES):
        assert value not in text, f"{fmt} leaks {value!r}"
    assert "Finance economic buyer" in text


def test_anonymized_findings_name_labels(northwind, today):
    (doc,) = export_map(northwind, "markdown", options=ExportOptions(anonymize=True, today=today))
    assert "## Findings" in doc.data
    assert "Finance economic buyer" in doc.data.split("## Findings", 1)[1]
