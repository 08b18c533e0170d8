"""``stakemap textconv``: a map as the stable, line-oriented text git diffs."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run

from stakemap.records import Conflict
from stakemap.store import MapStore
from stakemap.team.gittext import map_text, textconv
from stakemap.vocab import ConflictKind


def _northwind(make_map):
    stakemap = make_map(owner="Ann Rep")
    stakemap.update_account(team=["Ann Rep", "Sol Engineer"])
    dana = stakemap.add_person(
        name="Dana Whitfield",
        title="CFO",
        department="Finance",
        role="economic_buyer",
        stance="skeptic",
        influence="high",
        veto=True,
        priorities=["cost cuts", "ERP migration", "audit"],
        drivers="cut opex 10%",
        fears="another failed project\n\nlast year's CRM",
        email="dana@northwind.example",
        owner="Ann Rep",
        relationship="acquainted",
    )
    maria = stakemap.add_person(name="Maria Chen", title="Controller", stance="supporter")
    stakemap.add_person(name="aaron Black")  # sorts by name, case-folded
    stakemap.add_link(maria.id, dana.id, "influences", 3)
    stakemap.add_interaction(
        person=dana.id,
        date="2026-11-05",
        summary="budget call",
        kind="call",
        stance="skeptic",
        next_step="send the ROI model",
        due="2026-11-12",
        notes="asked about the audit",
    )
    stakemap.add_interaction(person=maria.id, date="2026-11-01", summary="intro", kind="meeting")
    return stakemap, dana, maria


def test_the_text_reads_as_the_account_people_links_and_touches(make_map):
    stakemap, dana, maria = _northwind(make_map)

    text = map_text(stakemap)

    assert text.split("\n\n")[0] == (
        "account: Northwind Logistics\n"
        "initiative: RevOps platform\n"
        "owner: Ann Rep\n"
        "team: Ann Rep, Sol Engineer"
    )
    lines = text.splitlines()
    assert [line for line in lines if line.startswith("person:")] == [
        f"person: aaron Black ({stakemap.people[2].id})",
        f"person: Dana Whitfield ({dana.id})",
        f"person: Maria Chen ({maria.id})",
    ]
    start = lines.index(f"person: Dana Whitfield ({dana.id})") + 1
    assert lines[start : lines.index(f"person: Maria Chen ({maria.id})") - 1] == [
        "  title: CFO",
        "  department: Finance",
        "  email: dana@northwind.example",
        "  role: Economic buyer",
        "  stance: Skeptic",
        "  influence: High",
        "  veto: yes",
        "  coverage: None",
        "  mode: Unknown",
        "  fear of failure: Unknown",
        "  owner: Ann Rep",
        "  relationship: Acquainted",
        "  priority 1: cost cuts",
        "  priority 2: ERP migration",
        "  priority 3: audit",
        "  drivers: cut opex 10%",
        "  fears: another failed project",
        "",
        "    last year's CRM",
    ]
    assert "    last year's CRM" in text
    link_id = stakemap.links[0].id
    assert f"link: Maria Chen influences Dana Whitfield (strength 3) ({link_id})" in text
    touches = text[text.index("touch:") :].split("\n\n")
    assert touches[0] == "touch: 2026-11-01 meeting with Maria Chen: intro"
    assert touches[1] == (
        "touch: 2026-11-05 call with Dana Whitfield: budget call\n"
        "  stance read: Skeptic\n"
        "  next step: send the ROI model (due 2026-11-12)\n"
        "  notes: asked about the audit\n"
    )
    assert "modified" not in text and "2026-11-30T" not in text  # no timestamps


def test_the_text_does_not_depend_on_the_order_records_were_stored(make_map):
    stakemap, _dana, _maria = _northwind(make_map)
    shuffled = type(stakemap).from_records(
        stakemap.account,
        list(reversed(stakemap.people)),
        list(reversed(stakemap.links)),
        interactions=list(reversed(stakemap.interactions)),
    )
    assert map_text(shuffled) == map_text(stakemap)


def test_redact_leaves_out_every_private_value(make_map):
    stakemap, dana, _maria = _northwind(make_map)
    stakemap.put_conflict(
        Conflict(
            id="c1", section="people", record=dana.id, field="notes", ours="mine", theirs="yours"
        )
    )

    text = map_text(stakemap, redact=True)

    for secret in ("dana@northwind", "cut opex", "failed project", "asked about", "mine"):
        assert secret not in text
    assert "  stance: Skeptic" in text
    assert "  next step: send the ROI model (due 2026-11-12)" in text
    # The conflict is still listed (one wording: describe_conflict), its values emptied.
    assert "conflict: c1 Dana Whitfield's notes: ours (empty)" in text


def test_conflicts_are_one_line_each(make_map):
    stakemap, dana, maria = _northwind(make_map)
    stakemap.put_conflict(
        Conflict(
            id="c2", section="people", record=dana.id, field="stance", base="neutral",
            ours="skeptic", theirs="supporter", ours_label="HEAD", theirs_label="origin/main",
        )
    )  # fmt: skip
    stakemap.put_conflict(
        Conflict(
            id="c3", section="people", record=maria.id, kind=ConflictKind.DELETED,
            ours=maria.to_dict(), theirs=None, ours_label="HEAD", theirs_label="origin/main",
        )
    )  # fmt: skip

    lines = [line for line in map_text(stakemap).splitlines() if line.startswith("conflict")]

    assert sorted(lines) == [
        "conflict: c2 Dana Whitfield's stance: HEAD skeptic, origin/main supporter",
        "conflict: c3 Maria Chen: HEAD changed it, origin/main deleted it",
    ]


def test_terminal_controls_in_user_text_stay_visible(make_map):
    stakemap = make_map()
    stakemap.add_person(name="Eve\x9b2J\u202eLee", notes="a\x9b0;x\u202eb")

    text = map_text(stakemap)

    for control in ("\x9b", "\u202e"):
        assert control not in text
    assert "person: Eve\\x9b2J\\u202eLee" in text
    assert "  notes: a\\x9b0;x\\u202eb" in text


def test_textconv_passes_anything_that_is_not_a_map_through(tmp_path):
    newer = b'{"meta": {"1": {"app": "stakemap", "schema_version": 99, "account": "X"}}}'
    for raw in (b"", b"not json", b"[1, 2]", b'{"a": {"1": {}}}', newer, b"\xff\xfe"):
        assert textconv(tmp_path / "f.json", raw) == raw


def test_the_command_prints_the_map_text(tmp_path, capsys, make_map):
    stakemap, _dana, _maria = _northwind(make_map)
    path = tmp_path / "m.json"
    MapStore(path).create(stakemap)

    code, out, err = run(capsys, "textconv", path)
    assert (code, err) == (0, "")
    assert out == map_text(MapStore(path).load())

    code, out, _err = run(capsys, "textconv", path, "--redact")
    assert code == 0
    assert "cut opex" not in out
    assert "person: Dana Whitfield" in out


def test_a_file_too_large_for_a_map_is_printed_as_it_is(tmp_path, capsys, monkeypatch):
    from stakemap import store

    big = tmp_path / "big.json"
    big.write_bytes(b"x" * 5000)
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 1000)

    code, out, _err = run(capsys, "textconv", Path(big))

    assert (code, out) == (0, "x" * 5000)


def test_the_initiative_mark_shows_under_the_priorities(make_map):
    stakemap = make_map()
    eve = stakemap.add_person(name="Eve", priorities=["Cost cuts", "Pipeline"])
    stakemap.update_person(eve.id, initiative_priority="Pipeline")
    text = map_text(stakemap)
    assert "  priority 2: Pipeline\n  initiative priority: Pipeline\n" in text
