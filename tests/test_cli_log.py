"""``stakemap log``: logging, listing, removing and closing touches from the shell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from stakemap.store import MapStore

TODAY = "2026-12-03"


@pytest.fixture
def mapfile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "acme.json"
    assert run(capsys, "new", str(path), "--account", "Acme")[0] == 0
    for argv in (
        ("--name", "Dana Whitfield", "--stance", "supporter"),
        ("--name", "Raj Patel", "--role", "economic_buyer", "--veto"),
    ):
        assert run(capsys, "person", "add", str(path), *argv)[0] == 0
    return path


def log(capsys, path: Path, who: str, *options: str) -> tuple[str, str]:
    code, out, err = run(capsys, "log", str(path), who, "--today", TODAY, *options)
    assert code == 0, err
    return out.strip(), err.strip()


def test_log_prints_what_changed_and_the_id(mapfile, capsys):
    iid, said = log(capsys, mapfile, "Dana Whitfield", "--kind", "meeting", "--summary", "Kickoff")
    assert said == f"Dana Whitfield: coverage none → brief, last contact {TODAY}"
    m = MapStore(mapfile).load()
    touch = m.interaction(iid)
    assert (touch.date, touch.kind.value, touch.summary) == (TODAY, "meeting", "Kickoff")
    dana = m.resolve("Dana Whitfield")
    assert (dana.coverage.value, dana.last_contact) == ("brief", TODAY)


def test_log_with_every_option(mapfile, capsys, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("worried about the audit\n", encoding="utf-8")
    iid, said = log(
        capsys, mapfile, "raj patel",
        "--kind", "Phone", "--summary", "Pricing", "--date", "2026-11-28",
        "--stance", "sceptical", "--next", "send pricing", "--due", "2026-12-05",
        "--notes-file", str(notes),
    )  # fmt: skip
    touch = MapStore(mapfile).load().interaction(iid)
    assert touch.kind.value == "call" and touch.stance.value == "skeptic"
    assert (touch.next_step, touch.due, touch.notes) == (
        "send pricing",
        "2026-12-05",
        "worried about the audit",
    )
    assert "stance unknown → skeptic" in said


def test_future_date_needs_explicit_date_and_is_noted(mapfile, capsys):
    _, said = log(capsys, mapfile, "Dana Whitfield", "--kind", "call", "--summary", "x",
                  "--date", "2026-12-10")  # fmt: skip
    assert "after today (2026-12-03)" in said


def test_list_newest_first_text_and_json(mapfile, capsys):
    log(capsys, mapfile, "Dana Whitfield", "--kind", "call", "--summary", "first", "--date",
        "2026-11-01")  # fmt: skip
    log(capsys, mapfile, "Raj Patel", "--kind", "email", "--summary", "second", "--date",
        "2026-11-15")  # fmt: skip
    log(capsys, mapfile, "Dana Whitfield", "--kind", "demo", "--summary", "third", "--date",
        "2026-11-10")  # fmt: skip
    code, out, _ = run(capsys, "log", str(mapfile), "--list", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["person"] is None
    assert [t["summary"] for t in data["interactions"]] == ["second", "third", "first"]
    assert data["interactions"][0]["name"] == "Raj Patel"

    code, out, _ = run(capsys, "log", str(mapfile), "Dana Whitfield", "--list", "--json")
    data = json.loads(out)
    assert [t["summary"] for t in data["interactions"]] == ["third", "first"]
    code, out, _ = run(capsys, "log", str(mapfile), "--list", "--limit", "1", "--json")
    assert [t["summary"] for t in json.loads(out)["interactions"]] == ["second"]

    code, out, _ = run(capsys, "log", str(mapfile), "--list")
    assert code == 0
    assert out.index("second") < out.index("third") < out.index("first")


def test_rm_and_done(mapfile, capsys):
    iid, _ = log(capsys, mapfile, "Raj Patel", "--kind", "call", "--summary", "x",
                 "--next", "send pricing", "--due", "2026-12-05")  # fmt: skip
    code, _, err = run(capsys, "log", "done", str(mapfile), iid)
    assert code == 0 and err.strip() == "Raj Patel: next step done: send pricing"
    assert MapStore(mapfile).load().interaction(iid).done
    code, _, err = run(capsys, "log", "rm", str(mapfile), iid)
    assert code == 0
    assert err.strip() == f"Raj Patel: touch of {TODAY} removed; last contact {TODAY} → (none)"
    m = MapStore(mapfile).load()
    assert m.interactions == [] and m.resolve("Raj Patel").coverage.value == "brief"


def test_show_person_lists_touches_and_next_steps(mapfile, capsys):
    log(capsys, mapfile, "Raj Patel", "--kind", "call", "--summary", "Pricing call",
        "--next", "send pricing", "--due", "2026-11-30", "--date", "2026-11-25")  # fmt: skip
    code, out, _ = run(capsys, "show", str(mapfile), "Raj Patel", "--today", TODAY)
    assert code == 0
    assert "Pricing call" in out and "send pricing, 3 days late (due 2026-11-30)" in out
    code, out, _ = run(capsys, "show", str(mapfile), "Raj Patel", "--today", TODAY, "--json")
    data = json.loads(out)
    assert data["person"]["name"] == "Raj Patel"
    assert [t["summary"] for t in data["interactions"]] == ["Pricing call"]
    assert data["next_steps"][0]["overdue"] is True
    assert data["next_steps"][0]["days_late"] == 3


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["Dana Whitfield", "--kind", "lunch", "--summary", "x"], "meeting, call, email"),
        (["Dana Whitfield", "--kind", "call", "--summary", "x", "--date", "2/12/26"], "not a date"),
        (["Dana Whitfield", "--kind", "call", "--summary", "x", "--due", "2026-12-09"], "--next"),
        (
            ["Dana Whitfield", "--kind", "call", "--summary", "x", "--next", "y", "--due", "soon"],
            "not a date",
        ),
        (["Nobody", "--kind", "call", "--summary", "x"], "no stakeholder matches 'Nobody'"),
        (["Dana Whitfield", "--summary", "x"], "--kind: is required"),
        (["Dana Whitfield", "--kind", "call"], "--summary: is required"),
        (["Dana Whitfield", "--kind", "call", "--summary", "x", "--stance", "happy"], "champion"),
        (["Dana Whitfield", "--kind", "call", "--summary", "x", "--json"], "--list"),
        (["--kind", "call", "--summary", "x"], "WHO"),
        (["--list", "--kind", "call"], "takes no --kind"),
    ],
)
def test_bad_input_is_one_sentence_and_leaves_the_file_byte_identical(
    mapfile, capsys, argv, expected
):
    before = mapfile.read_bytes()
    code, out, err = run(capsys, "log", str(mapfile), *argv, "--today", TODAY)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and expected in err, err
    assert mapfile.read_bytes() == before


@pytest.mark.parametrize(
    "argv",
    [
        ["rm", "{path}", "i404"],
        ["done", "{path}", "i404"],
        ["rm", "{path}"],
        ["done", "{path}", "{touch}", "--kind", "call"],
        ["done", "{path}", "{plain}"],
    ],
)
def test_bad_rm_and_done_leave_the_file_byte_identical(mapfile, capsys, argv):
    plain, _ = log(capsys, mapfile, "Dana Whitfield", "--kind", "call", "--summary", "x")
    touch, _ = log(capsys, mapfile, "Dana Whitfield", "--kind", "call", "--summary", "y",
                   "--next", "z")  # fmt: skip
    before = mapfile.read_bytes()
    values = {"path": str(mapfile), "touch": touch, "plain": plain}
    code, _, err = run(capsys, "log", *(a.format(**values) for a in argv))
    assert code == 2 and err.count("\n") == 1, err
    assert mapfile.read_bytes() == before


def test_log_help_does_not_import_the_core():
    import subprocess
    import sys

    script = """
import json, sys
from stakemap.cli import main
try:
    main(["log", "--help"])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    loaded = json.loads(result.stdout.splitlines()[-1])
    assert "stakemap.cli.touches" in loaded
    assert not [m for m in loaded if m.split(".")[0] == "networkx" or m == "stakemap.model"]


def test_analyze_reads_the_log_overdue_and_cadence(mapfile, capsys):
    assert (
        run(capsys, "person", "set", str(mapfile), "Dana Whitfield", "--stance", "champion")[0] == 0
    )
    log(capsys, mapfile, "Dana Whitfield", "--kind", "call", "--summary", "x", "--date",
        "2026-11-01", "--next", "send the ROI model", "--due", "2026-11-20")  # fmt: skip

    def rules(*extra: str) -> list[str]:
        code, out, err = run(
            capsys, "analyze", str(mapfile), "--today", TODAY, "--format", "json", *extra
        )
        assert code == 0, err
        return [f["rule"] for f in json.loads(out)["findings"]]

    found = rules()
    assert "overdue-next-step" in found and "missed-cadence" in found
    assert "missed-cadence" not in rules("--set", "cadence_champion_days=60")
    code, _, err = run(capsys, "analyze", str(mapfile), "--set", "cadence_champion_days=soon")
    assert code == 2 and "whole number" in err


def test_who_may_follow_the_options(mapfile, capsys):
    code, out, err = run(capsys, "log", str(mapfile), "--kind", "call", "Raj Patel",
                         "--summary", "x", "--today", TODAY)  # fmt: skip
    assert code == 0, err
    iid = out.strip()
    code, out, err = run(capsys, "log", str(mapfile), "--list", "--json", "Raj Patel")
    assert code == 0, err
    assert [t["id"] for t in json.loads(out)["interactions"]] == [iid]
