"""Importing realistic Salesforce and HubSpot exports, messy rows included."""

from __future__ import annotations

import pytest

from stakemap.errors import ValidationError
from stakemap.importers import (
    ImportFileError,
    new_map_from_plan,
    parse_mapping,
    plan_import,
)
from stakemap.vocab import LinkKind


def _import(path, **kwargs):
    plan = plan_import(path, **kwargs)
    stakemap, report = new_map_from_plan(plan, kwargs.get("account") or plan.account_name)
    return plan, stakemap, report


def _problems(problems) -> dict[int | None, str]:
    return {p.line: p.message for p in problems}


def _person(stakemap, name):
    return next(p for p in stakemap.people if p.name == name)


def _managers(stakemap) -> dict[str, str]:
    names = {p.id: p.name for p in stakemap.people}
    return {
        names[link.source]: names[link.target]
        for link in stakemap.links
        if link.kind is LinkKind.REPORTS_TO
    }


def test_salesforce_report_export_utf8_bom(fixtures):
    plan, stakemap, report = _import(
        fixtures / "salesforce_contacts_utf8_bom.csv", links=fixtures / "northwind_links.csv"
    )
    assert plan.source == "Salesforce export"
    assert plan.description == "UTF-8 with BOM, comma-separated"
    assert stakemap.account.account == "Northwind Logistics"  # from "Account Name"

    # Bad rows: each with its (physical) line number and the reason.
    bad = _problems(plan.errors)
    assert "email: 'bob.stone@@northwind' is not an email address" in bad[11]
    assert "role: 'Coffee Buyer' is not allowed" in bad[12]
    assert "has 16 cells but the header has 15 columns" in bad[15]
    links_bad = {p.line: p.message for p in plan.errors if p.path.name == "northwind_links.csv"}
    assert "kind: 'hates' is not allowed" in links_bad[7]
    assert "strength: '5' is not allowed" in links_bad[9]

    # Warnings: missing last name, the merged duplicate, Reports To nobody.
    warnings = _problems(plan.warnings + report.warnings)
    assert warnings[10] == "no last name; imported as 'Priya'"
    assert "Maya Chen is already on line 6; merged the two rows" in warnings[13]
    assert "Reports To 'Xavier Nobody' matches nobody" in warnings[14]
    unresolved = _problems(report.errors)
    assert "Tom Becker" in unresolved[6]  # his row was refused, so his link is too
    assert "Nobody Atall" in unresolved[8]

    names = [p.name for p in stakemap.people]
    assert names == [
        "Olivia Grant",
        "Ingrid Halvorsen",
        "Leah Park",
        "Maya Chen",
        "Raj Patel",
        "Dana Kowalski",
        "José Álvarez",
        "Priya",
        "Kai Müller",
    ]
    ingrid = _person(stakemap, "Ingrid Halvorsen")
    assert ingrid.role.value == "economic_buyer"
    assert ingrid.last_contact == "2026-06-01"  # 6/1/2026, month first
    assert ingrid.notes == "Sponsor of last year's failed CRM rollout.\nPrefers email."
    assert _person(stakemap, "Olivia Grant").role.value == "decision_maker"  # Exec. Sponsor
    assert _person(stakemap, "Raj Patel").role.value == "technical_evaluator"
    assert _person(stakemap, "Dana Kowalski").role.value == "user"  # Business User
    maya = _person(stakemap, "Maya Chen")
    assert maya.title == "CMO" and maya.email == "maya.chen@northwind.example"
    assert _person(stakemap, "José Álvarez").title == "VP, Sales Operations"

    assert _managers(stakemap) == {
        "Ingrid Halvorsen": "Olivia Grant",
        "Leah Park": "Ingrid Halvorsen",
        "Maya Chen": "Olivia Grant",
        "Raj Patel": "Olivia Grant",
        "Dana Kowalski": "Raj Patel",
        "José Álvarez": "Olivia Grant",
        "Priya": "Ingrid Halvorsen",
    }
    kinds = sorted(link.kind.value for link in stakemap.links if link.kind != "reports_to")
    assert kinds == ["conflicts", "influences", "influences", "influences"]
    assert len(report.added) == 9


def test_salesforce_data_loader_windows_1252_with_ids(fixtures):
    plan, stakemap, _ = _import(fixtures / "salesforce_dataloader_cp1252.csv", account="Contoso")
    assert plan.description == "Windows-1252, semicolon-separated"
    assert "AccountId" in " ".join(plan.notes)  # ignored, and said so
    assert [p.name for p in stakemap.people] == ["Renée Dubois", "Jürgen Weiß", "Søren Ångström"]
    renee = _person(stakemap, "Renée Dubois")
    assert renee.notes == "Budget owner – wants “quick wins”"
    assert renee.title == "Directrice financière"
    # ReportsToId holds Salesforce ids, resolved through the Id column.
    assert _managers(stakemap) == {"Jürgen Weiß": "Renée Dubois", "Søren Ångström": "Renée Dubois"}
    assert "last_contact: '2026-13-45' is not a date" in _problems(plan.errors)[5]


def test_hubspot_export_labels(fixtures):
    plan, stakemap, _ = _import(fixtures / "hubspot_contacts_utf8.csv")
    assert plan.source == "HubSpot export"
    assert stakemap.account.account == "Fabrikam"
    grace = _person(stakemap, "Grace Hopper")
    assert (grace.role.value, grace.stance.value) == ("decision_maker", "champion")
    assert grace.last_contact == "2026-10-28"
    assert _person(stakemap, "Alan Turing").role.value == "economic_buyer"  # Budget Holder
    assert _person(stakemap, "Ada Lovelace").stance.value == "opponent"  # Blocker
    assert _person(stakemap, "lin@fabrikam.example").email == "lin@fabrikam.example"
    warnings = _problems(plan.warnings)
    assert "no name; the email address" in warnings[4]
    assert "Grace Hopper is already on line 2; merged" in warnings[7]
    assert "last_contact: 'not a date' is not a date" in _problems(plan.errors)[6]
    assert len(stakemap) == 4


def test_hubspot_internal_names_tab_separated_windows_1252(fixtures):
    plan, stakemap, _ = _import(fixtures / "hubspot_internal_cp1252.tsv")
    assert plan.source == "HubSpot export"
    assert plan.description == "Windows-1252, tab-separated"
    assert stakemap.account.account == "Tailspin Toys"
    francois = _person(stakemap, "François Lefèvre")
    assert francois.title == "Directeur général"
    assert francois.last_contact == "2026-03-14"
    # 04/05/2026 is ambiguous alone, but 03/14/2026 in the same column says month first.
    assert _person(stakemap, "Marta Nuñez").last_contact == "2026-04-05"
    assert plan.errors == []


def test_unknown_headers_are_listed_and_need_map(fixtures, tmp_path):
    plan = plan_import(fixtures / "custom_semicolon.csv")
    assert "ignored columns: Job function, Team, Mail, Weight" in plan.notes
    assert "title" not in plan.people[0].fields
    nameless = tmp_path / "n.csv"
    nameless.write_text("Who;Job\nAnn;CFO\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"no column gives a name.*--map 'Header=name'"):
        plan_import(nameless)
    mapping = parse_mapping(
        [
            "Full name=name",
            "Job function=title",
            "Team=department",
            "Mail=email",
            "Weight=influence",
        ]
    )
    plan, stakemap, _ = _import(fixtures / "custom_semicolon.csv", mapping=mapping, account="W")
    eve = stakemap.people[0]
    assert (eve.name, eve.title, eve.department, eve.email) == (
        "Eve Adams",
        "Head of Legal",
        "Legal",
        "eve@woodgrove.example",
    )
    assert (eve.stance.value, eve.influence.value) == ("skeptic", "high")  # "Attitude" known


def test_map_errors_name_the_problem(fixtures):
    with pytest.raises(ValidationError, match="is not HEADER=FIELD"):
        parse_mapping(["Job function"])
    with pytest.raises(ValidationError, match="use one of: id, name"):
        parse_mapping(["Job function=job"])
    with pytest.raises(ValidationError, match="has no column 'nope'; its columns are: Full name"):
        plan_import(fixtures / "custom_semicolon.csv", mapping=parse_mapping(["Nope=title"]))


def test_map_can_ignore_a_recognised_column(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Name,Title,Department\nAnn,CFO,Finance\n", encoding="utf-8")
    plan = plan_import(path, mapping=parse_mapping(["Title=ignore"]))
    assert "title" not in plan.people[0].fields


def test_links_file_without_required_columns(tmp_path, fixtures):
    links = tmp_path / "l.csv"
    links.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="needs the columns from, to and kind"):
        plan_import(fixtures / "hubspot_contacts_utf8.csv", links=links)


def test_reports_to_loops_are_refused_with_a_warning(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "Name,Email,Reports To,Company\n"
        "Ann,ann@x.example,Bob,X\n"
        "Bob,bob@x.example,Ann,X\n"
        "Cy,cy@x.example,Cy,X\n",
        encoding="utf-8",
    )
    _plan, stakemap, report = _import(path)
    assert _managers(stakemap) == {"Ann": "Bob"}
    warnings = _problems(report.warnings)
    assert "reporting loop" in warnings[3]
    assert "reports to themselves" in warnings[4]


def test_a_crm_contact_owner_becomes_the_persons_owner(fixtures):
    """The CRM's record owner is the seller holding the contact."""
    _, stakemap, _ = _import(fixtures / "salesforce_contacts_utf8_bom.csv")
    assert _person(stakemap, "Olivia Grant").owner == "Sam Rep"
    _, stakemap, _ = _import(fixtures / "hubspot_contacts_utf8.csv")
    assert _person(stakemap, "Grace Hopper").owner == "Sam Rep"
