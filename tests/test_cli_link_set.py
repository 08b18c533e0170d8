"""``stakemap link set``: a link's kind, strength and direction from the command line,
and the names every command takes matched as the app matches them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from stakemap.store import MapStore
from stakemap.vocab import LinkKind


@pytest.fixture
def mapfile(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "deal.json"
    assert run(capsys, "new", path, "--account", "Northwind")[0] == 0
    for name in ("Ann Lee", "Annika Berg", "Bo Chen"):
        assert run(capsys, "person", "add", path, "--name", name)[0] == 0
    assert run(capsys, "link", "add", path, "Ann Lee", "Bo Chen", "--kind", "influences")[0] == 0
    return path


def _link(path: Path):
    (link,) = [link for link in MapStore(path).load().links if link.kind is not LinkKind.REPORTS_TO]
    return link


def _ids(path: Path) -> dict[str, str]:
    return {p.name: p.id for p in MapStore(path).load().people}


def test_strength_by_from_to(capsys, mapfile):
    code, out, err = run(capsys, "link", "set", mapfile, "Ann Lee", "Bo Chen", "--strength", "3")
    assert code == 0, err
    link = _link(mapfile)
    assert out.strip() == link.id and link.strength == 3
    assert "changed the link: Ann Lee influences Bo Chen (strength 3)" in err


def test_kind_by_id(capsys, mapfile):
    lid = _link(mapfile).id
    code, _, err = run(capsys, "link", "set", mapfile, lid, "--kind", "Dotted Line")
    assert code == 0, err
    assert _link(mapfile).kind is LinkKind.DOTTED_LINE


def test_reverse_and_json(capsys, mapfile):
    ids = _ids(mapfile)
    code, out, _ = run(capsys, "link", "set", mapfile, "ann lee", "bo", "--reverse", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["source"], data["target"], data["source_name"]) == (
        ids["Bo Chen"],
        ids["Ann Lee"],
        "Bo Chen",
    )
    assert (_link(mapfile).source, _link(mapfile).target) == (ids["Bo Chen"], ids["Ann Lee"])


def test_from_and_to_name_the_ends(capsys, mapfile):
    ids = _ids(mapfile)
    assert run(capsys, "link", "set", mapfile, "Ann Lee", "Bo Chen", "--to", "ann lee")[0] == 0
    assert _link(mapfile).source == ids["Bo Chen"]
    code, _, err = run(capsys, "link", "set", mapfile, "bc", "al", "--from", "al", "--to", "bc")
    assert code == 0, err
    assert _link(mapfile).source == ids["Ann Lee"]
    code, _, err = run(capsys, "link", "set", mapfile, "al", "bc", "--from", "al", "--to", "bc")
    assert code == 0 and "nothing changed" in err


def test_a_kind_in_the_link_name_picks_one_of_several(capsys, mapfile):
    assert run(capsys, "link", "add", mapfile, "Ann Lee", "Bo Chen", "--kind", "reports_to")[0] == 0
    before = mapfile.read_bytes()
    code, _, err = run(capsys, "link", "set", mapfile, "Ann Lee", "Bo Chen", "--strength", "1")
    assert code == 2
    assert err.count("\n") == 1
    assert "joined by 2 links (influences, reports_to); say which: FROM TO KIND" in err
    assert mapfile.read_bytes() == before
    code, _, err = run(
        capsys, "link", "set", mapfile, "Ann Lee", "Bo Chen", "influences", "--strength", "1"
    )
    assert code == 0, err
    assert _link(mapfile).strength == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["Ann Lee", "Bo Chen", "--strength", "9"], "strength"),
        (["Ann Lee", "Bo Chen", "--kind", "likes"], "kind: 'likes' is not allowed"),
        (["Ann Lee", "Bo Chen"], "nothing to change"),
        (["Ann Lee", "Bo Chen", "--reverse", "--from", "Bo Chen"], "not both"),
        (["Ann Lee", "Bo Chen", "--from", "Annika"], "Annika Berg is not on this link"),
        (["Ann Lee", "Bo Chen", "--from", "al", "--to", "al"], "name one of each"),
        (["Bo Chen", "Ann Lee", "--strength", "1"], "(there is one from Ann Lee to Bo Chen)"),
        (["ann", "Bo Chen", "--strength", "1"], "'ann' matches 2 stakeholders: Ann Lee ("),
        (["Zed", "Bo Chen", "--strength", "1"], "no stakeholder matches 'Zed'"),
        (["l_nope", "--strength", "1"], "no link has the id 'l_nope'"),
        (["a", "b", "c", "d", "--strength", "1"], "name a link by its id or by FROM TO [KIND]"),
        (["Ann Lee", "Bo Chen", "conflicts", "--strength", "1"], "no conflicts link"),
    ],
)
def test_bad_input_exits_2_in_one_sentence_and_writes_nothing(capsys, mapfile, argv, message):
    before = mapfile.read_bytes()
    code, out, err = run(capsys, "link", "set", mapfile, *argv)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and out == ""
    assert mapfile.read_bytes() == before


def test_a_refused_kind_says_the_rule(capsys, mapfile):
    """The same rules as adding: a second manager is refused with the model's sentence."""
    assert run(capsys, "person", "add", mapfile, "--name", "Cy Park")[0] == 0
    assert run(capsys, "link", "add", mapfile, "Ann Lee", "Cy Park", "--kind", "reports_to")[0] == 0
    before = mapfile.read_bytes()
    code, _, err = run(capsys, "link", "set", mapfile, "Ann Lee", "Bo", "--kind", "reports_to")
    assert code == 2
    assert "Ann Lee already reports to Cy Park; use dotted_line for a second manager" in err
    assert mapfile.read_bytes() == before


def test_every_command_matches_names_by_prefix_and_initials(capsys, mapfile):
    """The matcher the app's picker uses (tests/tui/test_link_edit.py types the same words)."""
    assert run(capsys, "person", "set", mapfile, "annik", "--title", "CFO")[0] == 0
    assert run(capsys, "person", "set", mapfile, "bc", "--title", "CIO")[0] == 0
    titles = {p.name: p.title for p in MapStore(mapfile).load().people}
    assert titles == {"Ann Lee": "", "Annika Berg": "CFO", "Bo Chen": "CIO"}
    code, _, err = run(capsys, "person", "rm", mapfile, "ann")
    assert code == 2
    ids = _ids(mapfile)
    assert (
        f"'ann' matches 2 stakeholders: Ann Lee ({ids['Ann Lee']}), "
        f"Annika Berg ({ids['Annika Berg']}); use an id instead"
    ) in err
