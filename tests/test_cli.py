"""The headless CLI: every command, every user error (exit 2, one line, file untouched)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

from stakemap import __version__
from stakemap.cli import main
from stakemap.store import MapStore


@pytest.fixture
def mapfile(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "northwind.json"
    code, _, _ = run(
        capsys,
        "new",
        str(path),
        "--account",
        "Northwind Logistics",
        "--initiative",
        "RevOps platform",
        "--owner",
        "Dana Reyes",
    )
    assert code == 0
    return path


def add(capsys, path: Path, *options: str) -> str:
    code, out, err = run(capsys, "person", "add", str(path), *options)
    assert code == 0, err
    return out.strip().splitlines()[-1]


def shown(path: Path) -> dict:
    from stakemap.serialize import map_to_json

    return map_to_json(MapStore(path).load())


def test_new_creates_a_private_map_with_the_account(mapfile):
    data = shown(mapfile)
    assert data["account"]["account"] == "Northwind Logistics"
    assert data["account"]["initiative"] == "RevOps platform"
    assert data["account"]["owner"] == "Dana Reyes"
    assert stat.S_IMODE(mapfile.stat().st_mode) == 0o600


def test_new_refuses_to_overwrite(capsys, mapfile):
    before = mapfile.read_bytes()
    code, _, err = run(capsys, "new", str(mapfile), "--account", "Other")
    assert code == 2
    assert err.strip() == f"stakemap: error: {mapfile}: already exists; choose another name"
    assert mapfile.read_bytes() == before


def test_person_add_sets_every_field_and_prints_the_id_last(capsys, mapfile):
    pid = add(
        capsys,
        mapfile,
        "--name",
        "Ingrid Halvorsen",
        "--title",
        "CFO",
        "--department",
        "Finance",
        "--email",
        "ingrid@northwind.example",
        "--role",
        "Economic Buyer",
        "--stance",
        "skeptic",
        "--influence",
        "high",
        "--veto",
        "--coverage",
        "In depth",
        "--mode",
        "even-keel",
        "--fear",
        "high",
        "--priority",
        "Cost cuts",
        "--priority",
        "ERP migration",
        "--initiative-priority",
        "erp migration",
        "--drivers",
        "EBITDA",
        "--constraints",
        "Budget frozen",
        "--fears",
        "Another failure",
        "--notes",
        "Prefers email",
        "--last-contact",
        "2026-11-02",
    )
    (person,) = shown(mapfile)["stakeholders"]
    assert person["id"] == pid
    assert person | {"id": "", "created": "", "modified": ""} == {
        "id": "",
        "name": "Ingrid Halvorsen",
        "title": "CFO",
        "department": "Finance",
        "email": "ingrid@northwind.example",
        "role": "economic_buyer",
        "stance": "skeptic",
        "influence": "high",
        "veto": True,
        "coverage": "in_depth",
        "mode": "even_keel",
        "fear_of_failure": "high",
        "priorities": ["Cost cuts", "ERP migration"],
        "initiative_priority": "ERP migration",
        "drivers": "EBITDA",
        "constraints": "Budget frozen",
        "fears": "Another failure",
        "notes": "Prefers email",
        "last_contact": "2026-11-02",
        "owner": "",
        "relationship": "none",
        "created": "",
        "modified": "",
    }


def test_unicode_names_round_trip_through_show_json(capsys, mapfile):
    add(capsys, mapfile, "--name", "Zoë Ångström-Łukasiewicz")
    add(capsys, mapfile, "--name", "李小龍")
    code, out, _ = run(capsys, "show", str(mapfile), "--json")
    assert code == 0
    data = json.loads(out)
    assert [p["name"] for p in data["stakeholders"]] == ["Zoë Ångström-Łukasiewicz", "李小龍"]
    assert set(data) >= {"account", "stakeholders", "links"}


def test_person_set_changes_only_given_fields(capsys, mapfile):
    add(capsys, mapfile, "--name", "Ann Lee", "--title", "CMO", "--priority", "A")
    code, _, err = run(
        capsys,
        "person",
        "set",
        str(mapfile),
        "ann lee",
        "--stance",
        "champion",
        "--no-veto",
        "--priority",
        "RevOps platform",
        "--priority",
        "Brand",
    )
    assert code == 0, err
    assert "stance" in err
    (person,) = shown(mapfile)["stakeholders"]
    assert (person["stance"], person["title"], person["priorities"]) == (
        "champion",
        "CMO",
        ["RevOps platform", "Brand"],
    )


def test_person_set_without_options_is_an_error(capsys, mapfile):
    add(capsys, mapfile, "--name", "Ann Lee")
    code, _, err = run(capsys, "person", "set", str(mapfile), "Ann Lee")
    assert code == 2
    assert "nothing to change" in err


def test_person_rm_says_how_many_links_went(capsys, mapfile):
    a = add(capsys, mapfile, "--name", "Ann Lee")
    b = add(capsys, mapfile, "--name", "Bob Stone")
    c = add(capsys, mapfile, "--name", "Cat Diaz")
    for src, dst, kind in ((a, b, "influences"), (c, a, "reports_to"), (b, c, "conflicts")):
        assert run(capsys, "link", "add", str(mapfile), src, dst, "--kind", kind)[0] == 0
    code, _, err = run(capsys, "person", "rm", str(mapfile), "ann lee")
    assert code == 0
    assert "removed Ann Lee and 2 links" in err
    data = shown(mapfile)
    assert [p["name"] for p in data["stakeholders"]] == ["Bob Stone", "Cat Diaz"]
    assert [link["kind"] for link in data["links"]] == ["conflicts"]


def test_link_add_by_name_and_show_json_shape(capsys, mapfile):
    a = add(capsys, mapfile, "--name", "Leah Park")
    b = add(capsys, mapfile, "--name", "Ingrid Halvorsen")
    code, out, _ = run(
        capsys,
        "link",
        "add",
        str(mapfile),
        "leah park",
        "INGRID HALVORSEN",
        "--kind",
        "influences",
        "--strength",
        "3",
    )
    assert code == 0
    (link,) = shown(mapfile)["links"]
    assert out.strip() == link["id"]
    assert {k: link[k] for k in ("source", "target", "kind", "strength")} == {
        "source": a,
        "target": b,
        "kind": "influences",
        "strength": 3,
    }


def test_link_rm_needs_kind_only_when_ambiguous(capsys, mapfile):
    add(capsys, mapfile, "--name", "Ann")
    add(capsys, mapfile, "--name", "Bob")
    run(capsys, "link", "add", str(mapfile), "Ann", "Bob", "--kind", "reports_to")
    run(capsys, "link", "add", str(mapfile), "Ann", "Bob", "--kind", "influences")
    code, _, err = run(capsys, "link", "rm", str(mapfile), "Ann", "Bob")
    assert code == 2
    assert "joined by 2 links (reports_to, influences); say which with --kind" in err
    assert len(shown(mapfile)["links"]) == 2
    assert run(capsys, "link", "rm", str(mapfile), "Ann", "Bob", "--kind", "influences")[0] == 0
    assert [link["kind"] for link in shown(mapfile)["links"]] == ["reports_to"]
    code, _, err = run(capsys, "link", "rm", str(mapfile), "Bob", "Ann", "--kind", "influences")
    assert code == 2
    assert "there is no influences link from Bob to Ann" in err


def test_account_set(capsys, mapfile):
    assert run(capsys, "account", "set", str(mapfile), "--initiative", "Claims automation")[0] == 0
    assert shown(mapfile)["account"]["initiative"] == "Claims automation"


def test_show_prints_tables_with_names_and_links(capsys, mapfile):
    add(capsys, mapfile, "--name", "Leah Park", "--stance", "supporter")
    add(capsys, mapfile, "--name", "Ingrid Halvorsen")
    run(
        capsys, "link", "add", str(mapfile), "Leah Park", "Ingrid Halvorsen", "--kind", "influences"
    )
    code, out, _ = run(capsys, "show", str(mapfile))
    assert code == 0
    assert "Northwind Logistics" in out
    assert "Leah Park" in out and "supporter" in out
    assert "influences" in out
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["person", "add", "{map}", "--name", "X", "--role", "boss"],
            "role: 'boss' is not allowed; use one of: economic_buyer",
        ),
        (["person", "add", "{map}", "--name", ""], "name: is required"),
        (
            ["person", "add", "{map}", "--name", "X", "--last-contact", "yesterday"],
            "last_contact: 'yesterday' is not a date",
        ),
        (
            ["person", "add", "{map}", "--name", "X", "--email", "nope"],
            "email: 'nope' is not an email address",
        ),
        (
            ["person", "set", "{map}", "Nobody", "--stance", "champion"],
            "no stakeholder matches 'Nobody'",
        ),
        (
            ["person", "set", "{map}", "Ann Lee", "--stance", "keen"],
            "stance: 'keen' is not allowed",
        ),
        (["person", "rm", "{map}", "anne lea"], "did you mean 'Ann Lee'"),
        (
            ["link", "add", "{map}", "Ann Lee", "Ann Lee", "--kind", "influences"],
            "cannot be linked to themselves",
        ),
        (
            ["link", "add", "{map}", "Ann Lee", "Ghost", "--kind", "influences"],
            "no stakeholder matches 'Ghost'",
        ),
        (
            ["link", "add", "{map}", "Ann Lee", "Bob Stone", "--kind", "adores"],
            "kind: 'adores' is not allowed",
        ),
        (
            [
                "link",
                "add",
                "{map}",
                "Ann Lee",
                "Bob Stone",
                "--kind",
                "influences",
                "--strength",
                "5",
            ],
            "strength: '5' is not allowed; use one of: 1, 2, 3",
        ),
        (
            ["link", "add", "{map}", "Ann Lee", "Bob Stone"],
            "the following arguments are required: --kind",
        ),
        (["person", "frobnicate", "{map}"], "invalid choice: 'frobnicate'"),
        (["show", "{dir}/missing.json"], "missing.json: no such file"),
        (["new", "{dir}/x.json", "--account", " "], "account: is required"),
    ],
)
def test_user_errors_exit_2_with_one_line_and_leave_the_file_alone(capsys, mapfile, argv, message):
    add(capsys, mapfile, "--name", "Ann Lee")
    add(capsys, mapfile, "--name", "Bob Stone")
    before = mapfile.read_bytes()
    argv = [a.replace("{map}", str(mapfile)).replace("{dir}", str(mapfile.parent)) for a in argv]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert mapfile.read_bytes() == before
    assert not (mapfile.parent / "x.json").exists()


def test_ambiguous_names_list_candidates_with_ids(capsys, mapfile):
    first = add(capsys, mapfile, "--name", "Sam Lee", "--department", "IT")
    second = add(capsys, mapfile, "--name", "Sam Lee", "--department", "HR")
    code, _, err = run(capsys, "person", "set", str(mapfile), "sam lee", "--stance", "supporter")
    assert code == 2
    assert first in err and second in err
    assert run(capsys, "person", "set", str(mapfile), second, "--stance", "supporter")[0] == 0


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"stakemap {__version__}"
    for argv in (
        ["--help"],
        ["person", "add", "--help"],
        ["link", "rm", "--help"],
        ["show", "--help"],
        ["new", "--help"],
        ["account", "set", "--help"],
    ):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 0
        assert "usage:" in capsys.readouterr().out


def _cli(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "stakemap", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_as_a_subprocess_a_map_is_built_and_read_back(tmp_path):
    assert _cli("new", "m.json", "--account", "Zürich Re", cwd=tmp_path).returncode == 0
    added = _cli(
        "person", "add", "m.json", "--name", "José Núñez", "--role", "decision maker", cwd=tmp_path
    )
    assert added.returncode == 0, added.stderr
    pid = added.stdout.strip().splitlines()[-1]
    result = _cli("show", "m.json", "--json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["stakeholders"][0]["id"] == pid
    assert data["stakeholders"][0]["name"] == "José Núñez"
    assert data["stakeholders"][0]["role"] == "decision_maker"


@pytest.mark.parametrize(
    "content", [b"", b'{"meta": {"1": {"app": "stak', b"\x00\x01\x02binary", b'{"_default": {}}']
)
def test_as_a_subprocess_bad_files_exit_2_without_traceback(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    result = _cli("show", "bad.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("stakemap: error: bad.json: ")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    added = _cli("person", "add", "bad.json", "--name", "X", cwd=tmp_path)
    assert added.returncode == 2
    assert path.read_bytes() == content
