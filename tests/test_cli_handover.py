"""``stakemap handover``: the account, its health, open steps and each handed-over person."""

from __future__ import annotations

import stat

import pytest
from cli_helpers import run

TODAY = "2026-12-01"


@pytest.fixture
def path(tmp_path, capsys):
    target = tmp_path / "m.json"

    def ok(*argv):
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        return out

    ok("new", target, "--account", "Acme", "--initiative", "RevOps")
    ok("account", "set", target, "--team", "Ann Lee; Bo Chen")
    ok(
        "person",
        "add",
        target,
        "--name",
        "Eve Buyer",
        "--title",
        "CFO",
        "--role",
        "economic_buyer",
        "--veto",
        "--stance",
        "skeptic",
        "--owner",
        "bo chen",
        "--relationship",
        "acquainted",
        "--drivers",
        "DRIVER-cut-costs",
        "--fears",
        "FEAR-second-failure",
        "--notes",
        "NOTE-hates-slides",
    )
    ok(
        "person",
        "add",
        target,
        "--name",
        "Chad <b>Champion</b>",
        "--stance",
        "champion",
        "--owner",
        "Ann Lee",
        "--relationship",
        "trusted",
    )
    ok("person", "add", target, "--name", "Hal Nobody")
    for day, summary in (("2026-11-01", "First call"), ("2026-11-20", "Pricing talk")):
        ok(
            "log",
            target,
            "Eve Buyer",
            "--kind",
            "call",
            "--summary",
            summary,
            "--date",
            day,
            "--today",
            TODAY,
        )
    ok(
        "log",
        target,
        "Eve Buyer",
        "--kind",
        "meeting",
        "--summary",
        "Budget review",
        "--date",
        "2026-11-25",
        "--next",
        "send the payback case",
        "--due",
        "2026-11-28",
        "--notes",
        "TOUCHNOTE-private",
        "--today",
        TODAY,
    )
    ok(
        "log",
        target,
        "Chad <b>Champion</b>",
        "--kind",
        "call",
        "--summary",
        "Coaching",
        "--date",
        "2026-11-26",
        "--next",
        "book the demo",
        "--today",
        TODAY,
    )
    return target


def test_handover_from_one_seller_lists_their_people_with_private_notes(path, capsys):
    code, out, err = run(
        capsys, "handover", path, "--to", "ann lee", "--from", "Bo Chen", "--today", TODAY
    )
    assert code == 0, err
    assert out.startswith("Handover: Acme to Ann Lee, from Bo Chen")
    assert "For the deal team only" in out and "private notes" in out
    assert "\nEve Buyer\n---" in out
    assert "\nChad <b>Champion</b>\n" not in out and "Hal Nobody" not in out
    assert "Owner: Bo Chen (acquainted)" in out
    for private in ("DRIVER-cut-costs", "FEAR-second-failure", "NOTE-hates-slides"):
        assert private in out
    # the last touches, newest first, never a touch's private notes
    assert out.index("Budget review") < out.index("Pricing talk") < out.index("First call")
    assert "TOUCHNOTE" not in out
    # only the steps promised to Bo's people, with the analysis' health
    assert "send the payback case" in out and "book the demo" not in out
    assert "Deal health: " in out
    assert "not on the account's team" not in err


def test_handover_without_from_takes_everyone_owned(path, capsys):
    code, out, _ = run(capsys, "handover", path, "--to", "Cy Diaz", "--today", TODAY)
    assert code == 0
    assert "\nEve Buyer\n---" in out and "\nChad <b>Champion</b>\n---" in out
    assert "Hal Nobody" not in out
    assert "book the demo" in out


def test_handover_to_someone_off_the_team_warns(path, capsys):
    code, _, err = run(capsys, "handover", path, "--to", "Cy Diaz", "--today", TODAY)
    assert code == 0
    assert err.count("Cy Diaz is not on the account's team") == 1


def test_redacted_handover_leaves_private_fields_out(path, capsys):
    code, out, _ = run(
        capsys,
        "handover",
        path,
        "--to",
        "Ann Lee",
        "--redact",
        "--format",
        "markdown",
        "--today",
        TODAY,
    )
    assert code == 0
    assert "Redacted" in out and "For the deal team" in out
    for private in ("DRIVER", "FEAR-second", "NOTE-hates", "TOUCHNOTE"):
        assert private not in out
    assert "Pricing talk" in out  # a touch's summary is shareable


def test_handover_from_someone_who_owns_nobody_is_refused(path, capsys):
    code, out, err = run(capsys, "handover", path, "--to", "Ann Lee", "--from", "Zed")
    assert code == 2 and out == ""
    assert "nobody on the map is owned by Zed (owners: Ann Lee, Bo Chen)" in err


def test_handover_html_file_is_private_and_escaped(path, tmp_path, capsys):
    target = tmp_path / "handover.html"
    code, _, err = run(capsys, "handover", path, "--to", "Ann Lee", "-o", target, "--today", TODAY)
    assert code == 0, err
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page
    assert "<b>Champion</b>" not in page and "&lt;b&gt;Champion&lt;/b&gt;" in page
    assert "For the deal team only" in page
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    # an existing file stays unless --force
    code, _, err = run(capsys, "handover", path, "--to", "Ann Lee", "-o", target)
    assert code == 2 and "already exists" in err
    assert target.read_text(encoding="utf-8") == page


def test_a_whole_account_handover_names_the_key_players_nobody_holds(path, capsys):
    run(capsys, "person", "add", path, "--name", "Kim Key", "--title", "CEO", "--veto")
    code, out, _ = run(capsys, "handover", path, "--to", "Ann Lee", "--today", TODAY)
    assert code == 0
    assert "Key players nobody on the team holds yet: Kim Key (CEO)." in out
    assert "Hal Nobody" not in out  # not a key player
    code, out, _ = run(capsys, "handover", path, "--to", "Ann Lee", "--from", "Bo Chen")
    assert "nobody on the team holds" not in out  # one seller's people only


@pytest.mark.parametrize("option", ["--to", "--from"])
def test_a_blank_teammate_is_refused_and_nothing_is_written(path, tmp_path, capsys, option):
    out = tmp_path / "handover.md"
    argv = ["handover", path, "--to", "Ann Lee", "-o", out, "--today", TODAY]
    argv += [option, " "]
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1 and option in err and "is empty" in err
    assert not out.exists()
