"""``stakemap import``: exit codes, messages, --strict, --into, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sm_testmaps import build_northwind

from stakemap.cli import main
from stakemap.serialize import map_to_json
from stakemap.store import MapStore


def _show(path: Path) -> dict:
    return map_to_json(MapStore(path).load())


def _err(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_salesforce_import_reports_bad_rows_and_writes_the_good(fixtures, tmp_path, capsys):
    out = tmp_path / "new.json"
    code = main(
        [
            "import",
            str(fixtures / "salesforce_contacts_utf8_bom.csv"),
            "--links",
            str(fixtures / "northwind_links.csv"),
            "-o",
            str(out),
        ]
    )
    assert code == 0
    err = _err(capsys)
    assert "Salesforce export, UTF-8 with BOM, comma-separated, 13 rows" in err
    assert "salesforce_contacts_utf8_bom.csv, line 11: email: 'bob.stone@@northwind'" in err
    assert "line 15: has 16 cells" in err
    assert "warning: " in err and "line 10: no last name" in err
    assert "added 9 people, 11 links; 7 bad rows skipped" in err
    assert len(_show(out)["stakeholders"]) == 9
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_strict_writes_nothing(fixtures, tmp_path, capsys):
    out = tmp_path / "new.json"
    code = main(
        ["import", str(fixtures / "salesforce_contacts_utf8_bom.csv"), "-o", str(out), "--strict"]
    )
    assert code == 2
    assert "nothing imported: 3 bad rows (--strict)" in _err(capsys).splitlines()[-1]
    assert not out.exists()


def test_strict_into_leaves_the_map_byte_for_byte(fixtures, tmp_path, capsys):
    target = tmp_path / "map.json"
    MapStore(target).create(build_northwind())
    before = target.read_bytes()
    code = main(
        [
            "import",
            str(fixtures / "hubspot_contacts_utf8.csv"),
            "--into",
            str(target),
            "--strict",
        ]
    )
    assert code == 2
    assert target.read_bytes() == before


def test_strict_passes_a_clean_file(fixtures, tmp_path):
    out = tmp_path / "new.json"
    assert (
        main(["import", str(fixtures / "hubspot_internal_cp1252.tsv"), "-o", str(out), "--strict"])
        == 0
    )
    assert next(p["name"] for p in _show(out)["stakeholders"]) == "François Lefèvre"


def test_into_reports_what_changed(fixtures, tmp_path, capsys):
    target = tmp_path / "map.json"
    MapStore(target).create(build_northwind())
    code = main(
        ["import", str(fixtures / "salesforce_contacts_utf8_bom.csv"), "--into", str(target)]
    )
    assert code == 0
    err = _err(capsys)
    assert "updated Olivia Grant: last_contact, owner, role, title" in err
    notes = {p["name"]: p["notes"] for p in _show(target)["stakeholders"]}
    assert notes["Dana Kowalski"] == "Would run the rollout.\nQuietly against it."  # kept
    # Importing the same file again changes nothing.
    assert (
        main(["import", str(fixtures / "salesforce_contacts_utf8_bom.csv"), "--into", str(target)])
        == 0
    )
    assert "added 0 people, 0 links, updated 0" in _err(capsys)


def test_output_must_not_exist(fixtures, tmp_path, capsys):
    out = tmp_path / "new.json"
    out.write_text("{}")
    assert main(["import", str(fixtures / "hubspot_contacts_utf8.csv"), "-o", str(out)]) == 2
    assert "already exists; use --into" in _err(capsys)
    assert out.read_text() == "{}"


def test_account_is_required_when_the_file_has_none(fixtures, tmp_path, capsys):
    out = tmp_path / "new.json"
    path = fixtures / "salesforce_dataloader_cp1252.csv"
    assert main(["import", str(path), "-o", str(out)]) == 2
    assert "name the account with --account NAME" in _err(capsys).splitlines()[-1]
    assert not out.exists()
    assert main(["import", str(path), "-o", str(out), "--account", "Contoso"]) == 0
    assert _show(out)["account"]["account"] == "Contoso"


def test_one_of_output_or_into_is_required(fixtures, capsys):
    assert main(["import", str(fixtures / "hubspot_contacts_utf8.csv")]) == 2
    assert "one of the arguments -o/--output --into is required" in _err(capsys)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02\x03", "binary"),
        (b'{"hello": 1}', "neither a stakemap bundle nor a stakemap map file"),
        (b'{"format": "stakemap", "version": 9}', "damaged stakemap bundle"),
        (b"{not json", "the JSON ends early"),
        (b"{not json}", "not a stakemap JSON file: invalid JSON at line 1, column 2"),
        (b'{"a": 1, "a": 2}', "damaged JSON file: the key 'a' appears twice in one object"),
        (b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
        (b"Who,What\nx,y\n", "no column gives a name"),
    ],
)
def test_garbage_input_is_one_line_exit_2(content, message, tmp_path, capsys):
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    assert main(["import", str(path), "-o", str(tmp_path / "new.json")]) == 2
    err = _err(capsys)
    assert err.count("\n") == 1 and message in err and str(path) in err


def test_map_option_errors(fixtures, tmp_path, capsys):
    out = str(tmp_path / "n.json")
    src = str(fixtures / "custom_semicolon.csv")
    assert main(["import", src, "-o", out, "--map", "Job function=jobtitle"]) == 2
    assert "--map: 'Job function=jobtitle' is not allowed" in _err(capsys)
    assert main(["import", src, "-o", out, "--map", "Nope=title", "--account", "W"]) == 2
    assert "the file has no column 'nope'" in _err(capsys)


def test_csv_export_import_round_trip_through_the_cli(tmp_path, capsys):
    source = tmp_path / "map.json"
    MapStore(source).create(build_northwind())
    assert main(["export", str(source), "-f", "csv", "-o", str(tmp_path / "deal.csv")]) == 0
    assert main(["import", str(tmp_path / "deal.csv"), "-o", str(tmp_path / "back.json")]) == 0
    assert _show(tmp_path / "back.json") == _show(source)


def test_subprocess_json_bundle_round_trip(tmp_path):
    source = tmp_path / "map.json"
    MapStore(source).create(build_northwind())
    stakemap = shutil.which("stakemap") or ""
    base = [stakemap] if stakemap else [sys.executable, "-m", "stakemap"]
    bundle = tmp_path / "b.stakemap.json"
    run = subprocess.run(
        [*base, "export", str(source), "-f", "json", "-o", str(bundle)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    run = subprocess.run(
        [*base, "import", str(bundle), "-o", str(tmp_path / "back.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "stakemap JSON bundle" in run.stderr
    shown = subprocess.run(
        [*base, "show", str(tmp_path / "back.json"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(shown.stdout) == _show(source)


def test_a_map_file_imports_as_an_identical_copy_and_account_can_be_renamed(tmp_path, capsys):
    source = tmp_path / "map.json"
    MapStore(source).create(build_northwind())
    assert main(["import", str(source), "-o", str(tmp_path / "copy.json")]) == 0
    assert "stakemap map file" in _err(capsys)
    assert _show(tmp_path / "copy.json") == _show(source)
    renamed = tmp_path / "renamed.json"
    assert main(["import", str(source), "-o", str(renamed), "--account", "Northwind EU"]) == 0
    copy = _show(renamed)
    assert copy["account"]["account"] == "Northwind EU"
    assert copy["stakeholders"] == _show(source)["stakeholders"]


def test_a_csv_export_with_touches_says_how_many_came_back(tmp_path, capsys):
    source = tmp_path / "sample.json"
    shutil.copyfile(Path(__file__).resolve().parents[2] / "sample_maps" / "northwind.json", source)
    touches = len(MapStore(source).load().interactions)
    assert touches > 0
    assert main(["export", str(source), "--format", "csv", "-o", str(tmp_path / "deal.csv")]) == 0
    assert (tmp_path / "deal.interactions.csv").exists()
    capsys.readouterr()
    assert main(["import", str(tmp_path / "deal.csv"), "-o", str(tmp_path / "back.json")]) == 0
    assert f"{touches} touches" in _err(capsys)
    assert len(MapStore(tmp_path / "back.json").load().interactions) == touches


def test_a_ragged_row_in_the_touches_or_links_file_is_reported_by_line(tmp_path, capsys):
    from stakemap.importers.plan import plan_import

    source = tmp_path / "sample.json"
    shutil.copyfile(Path(__file__).resolve().parents[2] / "sample_maps" / "northwind.json", source)
    assert main(["export", str(source), "--format", "csv", "-o", str(tmp_path / "deal.csv")]) == 0
    for name in ("deal.interactions.csv", "deal.links.csv"):
        path = tmp_path / name
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join([*lines, "only,three,cells"]) + "\n", encoding="utf-8")
    plan = plan_import(tmp_path / "deal.csv")
    ragged = {(p.path.name, p.line) for p in plan.errors if "cells but the header" in p.message}
    touches = len((tmp_path / "deal.interactions.csv").read_text().splitlines())
    links = len((tmp_path / "deal.links.csv").read_text().splitlines())
    assert ragged == {("deal.interactions.csv", touches), ("deal.links.csv", links)}
    assert len(plan.interactions) == touches - 2  # the header and the bad row
