"""Owners, relationships and the team from the command line: set, warned, filtered."""

from __future__ import annotations

import json

import pytest
from cli_helpers import run

from stakemap.store import MapStore


@pytest.fixture
def path(tmp_path, capsys):
    target = tmp_path / "m.json"
    assert run(capsys, "new", target, "--account", "Acme")[0] == 0
    assert run(capsys, "account", "set", target, "--team", "Ann Lee; Bo Chen")[0] == 0
    for name, owner in (("Eve Buyer", "Ann Lee"), ("Sam Skeptic", "Bo Chen"), ("Hal", "")):
        assert run(capsys, "person", "add", target, "--name", name, "--owner", owner)[0] == 0
    return target


def test_team_is_set_from_one_list_and_owners_take_the_teams_spelling(path, capsys):
    code, _, err = run(
        capsys, "person", "set", path, "Hal", "--owner", "ann LEE", "--relationship", "Trusted"
    )
    assert code == 0
    assert "not on the account's team" not in err
    stakemap = MapStore(path).load()
    assert stakemap.account.team == ("Ann Lee", "Bo Chen")
    hal = stakemap.resolve("Hal")
    assert (hal.owner, hal.relationship.value) == ("Ann Lee", "trusted")


def test_an_owner_off_the_team_is_kept_with_one_warning(path, capsys):
    code, _, err = run(capsys, "person", "set", path, "Hal", "--owner", "Cy Diaz")
    assert code == 0
    assert err.count("Cy Diaz is not on the account's team") == 1
    assert "stakemap account team add" in err and "'Cy Diaz'" in err
    assert MapStore(path).load().resolve("Hal").owner == "Cy Diaz"


def test_a_bad_relationship_is_one_sentence_and_changes_nothing(path, capsys):
    before = path.read_bytes()
    code, _, err = run(capsys, "person", "set", path, "Hal", "--relationship", "bff")
    assert code == 2
    assert "relationship" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_team_add_and_remove(path, capsys):
    code, _, err = run(capsys, "account", "team", "add", path, "cy diaz", "ANN LEE")
    assert code == 0 and "added cy diaz" in err
    assert MapStore(path).load().account.team == ("Ann Lee", "Bo Chen", "cy diaz")
    code, _, err = run(capsys, "account", "team", "remove", path, "bo chen")
    assert code == 0
    assert "Bo Chen still owns 1 person" in err and "handover" in err
    assert MapStore(path).load().account.team == ("Ann Lee", "cy diaz")
    # the people Bo owned keep him as owner: nothing is lost by leaving the team
    assert MapStore(path).load().resolve("Sam Skeptic").owner == "Bo Chen"


def test_removing_someone_not_on_the_team_is_refused(path, capsys):
    before = path.read_bytes()
    code, _, err = run(capsys, "account", "team", "remove", path, "Zed")
    assert code == 2
    assert "Zed is not on the account's team (Ann Lee, Bo Chen)" in err
    assert path.read_bytes() == before


def test_show_owner_lists_only_that_teammates_people(path, capsys):
    code, out, _ = run(capsys, "show", path, "--owner", "ann lee")
    assert code == 0
    assert "Eve Buyer" in out and "Owned by Ann Lee" in out
    assert "Sam Skeptic" not in out and "Hal" not in out
    assert "1 of 3 stakeholder" in out


def test_show_owner_none_lists_the_unowned_in_json(path, capsys):
    code, out, _ = run(capsys, "show", path, "--owner", "none", "--json")
    assert code == 0
    data = json.loads(out)
    assert [p["name"] for p in data["stakeholders"]] == ["Hal"]
    assert data["owner_filter"] == "none"
    assert data["account"]["team"] == ["Ann Lee", "Bo Chen"]


def test_show_owner_with_who_is_refused(path, capsys):
    code, _, err = run(capsys, "show", path, "Hal", "--owner", "Ann Lee")
    assert code == 2 and "drop WHO" in err


def test_show_who_names_the_owner_and_relationship(path, capsys):
    run(capsys, "person", "set", path, "Eve Buyer", "--relationship", "advisor")
    code, out, _ = run(capsys, "show", path, "Eve Buyer")
    assert code == 0
    assert "owner Ann Lee (advisor)" in out
    code, out, _ = run(capsys, "show", path, "Hal")
    assert "owner" not in out


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_teammate_is_refused_and_nothing_changes(path, capsys, blank):
    before = path.read_bytes()
    code, _out, err = run(capsys, "account", "team", "add", path, "Cy Diaz", blank)
    assert code == 2
    assert err.count("\n") == 1 and "NAME" in err and "is empty" in err
    assert path.read_bytes() == before
