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


def test_anonymize_scrubs_parts_in_any_case_and_spelling():
    m = new_map(owner="Sam Rep")
    m.add_person(name="Maria Lopez", department="Finance")
    m.add_person(name="Jürgen Weiß", department="IT")
    m.add_person(name="Bo Li", department="Ops")
    titles = {
        "deputy to maria": "deputy to [name]",
        "reports to Jurgen Weiss": "reports to [name]",
        "reports to JUERGEN WEISS": "reports to [name]",
        "Weiss's deputy": "[name]'s deputy",
        "assistant to JurgenWeiss": "assistant to [name]",
        "assistant to jurgenweiss and maria_lopez": "assistant to [name] and [name]",
        "LOPEZ-team lead": "[name]-team lead",
        "works with Sam": "works with [name]",
        "pairs with Bo Li": "pairs with [name]",
        "Marketing and Annual plans to it": "Marketing and Annual plans to it",
    }
    for index, title in enumerate(titles):
        m.add_person(name=f"Person {index}", title=title, priorities=[title])
    result = anonymize(m)
    got = {p.title: p for p in result.people if p.title}
    for before, after in titles.items():
        assert after in got, (before, sorted(got))
        assert got[after].priorities == (after,)


def test_anonymize_account_hides_the_account_and_keeps_the_analysis(northwind, today):
    account = northwind.account.account
    initiative = northwind.account.initiative
    hidden = protect(northwind, redact_private=True, anonymize_names=False, anonymize_account=True)
    assert hidden.account.account == "Account"
    assert hidden.account.initiative == "The initiative"
    text = repr(map_to_json(hidden))
    for word in (*account.split(), initiative):
        assert word not in text, word
    plain = anonymize(northwind)
    findings = [f.rule for f in analyze_map(plain, today)]
    assert [f.rule for f in analyze_map(hidden, today)] == findings  # same deal, same findings
    for fmt in ("markdown", "html", "csv", "svg"):
        files = export_map(
            northwind, fmt, options=ExportOptions(anonymize_account=True, today=today)
        )
        data = "".join(str(f.data) for f in files)
        assert account not in data and initiative not in data, fmt


def test_anonymize_account_scrubs_each_word_of_the_account_name():
    """People call the company by its short name ("Zyxcorp's CFO" for Zyxcorp
    Widgets Inc): each distinctive word of the account goes, not only the whole
    name; legal forms and filler words ("Inc", "of") stay."""
    m = new_map(account="Zyxcorp Widgets Inc.")
    titles = {
        "Head of Zyxcorp ops": "Head of [account] ops",
        "ZYXCORP's CFO": "[account]'s CFO",
        "widgets lead": "[account] lead",
        "Zyxcorp Widgets Inc. board": "[account]. board",
        "Inc. of the month": "Inc. of the month",
    }
    for index, title in enumerate(titles):
        m.add_person(name=f"Person {index}", title=title, department=title)
    got = {p.title for p in anonymize(m, hide_account=True).people}
    assert set(titles.values()) <= got, sorted(got)
    kept = {p.title for p in anonymize(m).people}  # names only: the account stays
    assert set(titles) <= kept


def analyze_map(stakemap, today):
    from stakemap.analysis import analyze

    return analyze(stakemap, today=today).findings


def test_anonymize_stays_fast_on_ten_thousand_people():
    """Word tables, not one regex per name: 10,000 people with titles naming each other."""
    import time

    first = ["Maria", "Jürgen", "Ana", "Henrik", "Zoë", "Graham", "Fiona", "Agnieszka"]
    last = ["Lopez", "Weiß", "Ferreira", "Aalto", "Castellanos", "Pryce", "MacLeod", "Wójcik"]
    m = new_map()
    for index in range(10_000):
        name = f"{first[index % 8]} {last[index // 8 % 8]}{index}"
        m.add_person(
            name=name,
            title=f"deputy to {first[(index + 1) % 8].lower()} {last[index % 8]}",
            department=f"Dept {index % 40}",
            priorities=["Cost cuts", f"{last[index % 8]}'s project"],
        )
    start = time.process_time()
    result = anonymize(m)
    elapsed = time.process_time() - start
    assert all(p.title == "deputy to [name]" for p in result.people)
    assert elapsed < 10, elapsed  # measured about 1 s here; CPU time, not wall clock


def test_cli_anonymize_account_names_the_file_neutrally(tmp_path, monkeypatch, capsys):
    from stakemap.cli import main

    path = tmp_path / "m.json"
    assert main(["new", str(path), "--account", "Globex Corp", "--initiative", "Pipeline"]) == 0
    assert main(["person", "add", str(path), "--name", "Hank Scorpio", "--title", "CEO"]) == 0
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(path), "--format", "markdown", "--anonymize-account"]) == 0
    assert "(anonymized, account hidden)" in capsys.readouterr().err
    text = (tmp_path / "account.md").read_text(encoding="utf-8")
    assert "Globex" not in text and "Pipeline" not in text and "Scorpio" not in text
    assert not (tmp_path / "globex-corp.md").exists()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_anonymized_exports_hold_no_teammate_name(fmt, northwind, today):
    """The selling team's names (the account's team, each person's owner) leave too."""
    northwind.update_account(team=["Tess Teammate", "Uma Seller"])
    ingrid = northwind.resolve("Ingrid Halvorsen")
    northwind.update_person(ingrid.id, owner="Uma Seller", title="Uma Seller's contact")
    northwind.update_person(northwind.resolve("Raj Patel").id, owner="Vic Gone")
    files = export_map(northwind, fmt, options=ExportOptions(anonymize=True, today=today))
    text = "".join(str(f.data) for f in files)
    for value in ("Tess", "Uma", "Vic Gone"):
        assert value not in text, f"{fmt} leaks {value!r}"
    # redacting alone keeps the team: it is for teammates
    (doc,) = export_map(northwind, "markdown", options=ExportOptions(redact=True, today=today))
    assert "Uma Seller" in doc.data and "## Team" in doc.data
    assert "| Vic Gone (not on the team) | Raj Patel (none) |" in doc.data
    (page,) = export_map(northwind, "html", options=ExportOptions(redact=True, today=today))
    assert '<section id="team">' in str(page.data)
