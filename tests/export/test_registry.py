"""The exporter registry: formats, names, paths, and safe writing."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest

from stakemap.export import (
    FORMATS,
    ExportError,
    ExportFile,
    ExportOptions,
    default_output,
    export_map,
    format_for_path,
    get_format,
    output_paths,
    write_export,
    write_stream,
)

EXPECTED = {
    "markdown": ".md",
    "html": ".html",
    "svg": ".svg",
    "mermaid": ".mmd",
    "dot": ".dot",
    "csv": ".csv",
    "json": ".stakemap.json",
    "graphml": ".graphml",
    "gexf": ".gexf",
}


def test_every_format_is_registered_with_extension_and_description():
    assert {name: fmt.extension for name, fmt in FORMATS.items()} == EXPECTED
    for fmt in FORMATS.values():
        assert fmt.description
        assert fmt.binary is False  # all of today's formats are text


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_format_renders_the_map(name, northwind, today):
    files = export_map(northwind, name, options=ExportOptions(today=today))
    assert files[0].suffix == ""
    assert all(isinstance(f.data, str) and f.data for f in files)
    # Every format carries the people, whatever its syntax.
    assert "Ingrid Halvorsen" in files[0].data


def test_format_names_are_forgiving_and_unknown_ones_listed():
    assert get_format("MD").name == "markdown"
    assert get_format(".gv").name == "dot"
    with pytest.raises(ExportError, match="use one of: markdown, html"):
        get_format("pdf")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("deal.md", "markdown"),
        ("deal.HTML", "html"),
        ("deal.stakemap.json", "json"),
        ("deal.json", "json"),
        ("deal.links.csv", "csv"),
        ("deal.gexf", "gexf"),
        ("deal.txt", None),
    ],
)
def test_format_from_file_name(name, expected):
    fmt = format_for_path(Path(name))
    assert (fmt.name if fmt else None) == expected


def test_default_output_is_the_slugified_account(northwind, tmp_path):
    assert default_output(northwind, get_format("html"), tmp_path) == (
        tmp_path / "northwind-logistics.html"
    )


def test_csv_writes_companion_files_beside_the_main_one():
    paths = output_paths(get_format("csv"), Path("out/deal.csv"))
    assert paths == [
        Path("out/deal.csv"),
        Path("out/deal.links.csv"),
        Path("out/deal.account.csv"),
        Path("out/deal.interactions.csv"),
    ]
    # A name without the extension still gets sensible companions.
    assert output_paths(get_format("csv"), Path("deal"))[1] == Path("deal.links.csv")


def test_write_export_creates_private_files(northwind, tmp_path, today):
    written = write_export(
        northwind, "csv", tmp_path / "deal.csv", options=ExportOptions(today=today)
    )
    assert [p.name for p in written] == [
        "deal.csv",
        "deal.links.csv",
        "deal.account.csv",
        "deal.interactions.csv",
    ]
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_write_export_honours_an_explicit_mode(northwind, tmp_path):
    (path,) = write_export(northwind, "svg", tmp_path / "map.svg", mode=0o644)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_refuses_to_overwrite_without_force_and_leaves_the_file(northwind, tmp_path):
    target = tmp_path / "deal.md"
    target.write_text("my own notes")
    with pytest.raises(ExportError, match="already exists; add --force"):
        write_export(northwind, "markdown", target)
    assert target.read_text() == "my own notes"


def test_force_replaces_and_keeps_the_users_mode(northwind, tmp_path):
    target = tmp_path / "deal.mmd"
    target.write_text("old")
    target.chmod(0o640)
    write_export(northwind, "mermaid", target, force=True)
    assert target.read_text().startswith("flowchart")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_clashing_companion_stops_the_whole_export(northwind, tmp_path):
    (tmp_path / "deal.links.csv").write_text("keep me")
    with pytest.raises(ExportError, match=r"deal\.links\.csv: already exists"):
        write_export(northwind, "csv", tmp_path / "deal.csv")
    assert not (tmp_path / "deal.csv").exists()  # checked before anything was written
    assert (tmp_path / "deal.links.csv").read_text() == "keep me"


def test_never_overwrites_the_map_being_exported(northwind, tmp_path):
    source = tmp_path / "map.json"
    source.write_text("the map")
    with pytest.raises(ExportError, match="the map being exported"):
        write_export(northwind, "json", source, force=True, protect=[source])
    assert source.read_text() == "the map"


def test_missing_folder_is_a_clear_error(northwind, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_export(northwind, "svg", tmp_path / "nope" / "map.svg")


def test_stream_refuses_multi_file_formats_and_writes_text():
    with pytest.raises(ExportError, match="several files"):
        write_stream([ExportFile("", "a"), ExportFile(".links.csv", "b")], io.StringIO())
    out = io.StringIO()
    write_stream([ExportFile("", "flowchart TB\n")], out)
    assert out.getvalue() == "flowchart TB\n"


def test_lone_surrogates_cannot_crash_writing():
    assert ExportFile("", "a\ud800b").encoded() == b"a?b"


def test_a_passed_analysis_is_not_reused_when_privacy_applies(northwind, today):
    """An analysis of the original map names people; a redacted or anonymized
    export must analyse the transformed map instead."""
    from stakemap.analysis import analyze

    original = analyze(northwind, today=today)
    files = export_map(
        northwind,
        "markdown",
        options=ExportOptions(anonymize=True, today=today),
        analysis=original,
    )
    assert "Ingrid" not in files[0].data
    plain = export_map(northwind, "markdown", options=ExportOptions(today=today))
    assert "Ingrid Halvorsen" in plain[0].data
