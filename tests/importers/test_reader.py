"""Reading CSV files as CRMs and Excel write them."""

from __future__ import annotations

import codecs

import pytest

from stakemap.importers.reader import ImportFileError, read_table

ROWS = "Name,Title\r\nZoë Müller,Directrice financière\r\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (ROWS.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ROWS.encode("utf-8"), "utf-8-sig"),
        (ROWS.encode("cp1252"), "cp1252"),
        (ROWS.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings(raw, encoding, tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(raw)
    table = read_table(path)
    assert table.encoding == encoding
    assert table.header == ["Name", "Title"]  # no BOM glued to the first header
    assert table.rows[0].cells == ["Zoë Müller", "Directrice financière"]


def test_windows_1252_punctuation_is_read_as_such(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes("Name,Notes\nAnn,“quick wins” – it’s\n".encode("cp1252"))
    assert read_table(path).rows[0].cells[1] == "“quick wins” – it’s"


@pytest.mark.parametrize(("sep", "name"), [(",", "comma"), (";", "semicolon"), ("\t", "tab")])
def test_delimiters_are_detected(sep, name, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(f'Name{sep}Title{sep}Notes\nAnn{sep}CFO{sep}"a, b; c"\n', encoding="utf-8")
    table = read_table(path)
    assert table.delimiter == sep and name in table.description
    assert table.rows[0].cells == ["Ann", "CFO", "a, b; c"]


def test_excel_sep_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("sep=;\nName;Title\nAnn;CFO\n", encoding="utf-8")
    table = read_table(path)
    assert table.delimiter == ";" and table.header == ["Name", "Title"]
    assert table.rows[0].line == 3


def test_line_numbers_survive_multiline_cells_and_blank_lines(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('Name,Notes\nAnn,"one\ntwo\nthree"\n\nBob,x\n', encoding="utf-8")
    table = read_table(path)
    assert [(r.line, r.cells[0]) for r in table.rows] == [(2, "Ann"), (6, "Bob")]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"\xef\xbb\xbfName\xff\xfe", "not UTF-8"),
    ],
)
def test_unreadable_files_are_one_clear_error(raw, message, tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(raw)
    with pytest.raises(ImportFileError, match=message) as info:
        read_table(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(ImportFileError, match="no such file"):
        read_table(tmp_path / "nope.csv")


# --- mixed encodings: refused, never stored as mojibake -------------------------------------

MIXED = (
    b"Name,Title\n"
    + "Zoë Müller,CFO\n".encode()
    + "Jürgen Weiß,CIO\n".encode()
    + "Chloé Dubois,CMO\n".encode("cp1252")  # one row pasted from a Windows export
    + b"Ann Lee,COO\n"
)


def test_a_mostly_utf8_file_with_a_windows_1252_row_is_refused_with_the_line(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(MIXED)
    with pytest.raises(ImportFileError) as caught:
        read_table(path)
    assert str(caught.value) == (
        f"{path}: is partly UTF-8 but line 4 is not UTF-8 (byte 0xE9, likely Windows-1252); "
        "the file mixes encodings, so names would be garbled: save it as UTF-8 "
        "(in Excel: CSV UTF-8) and import again"
    )


def test_a_utf8_file_with_a_bom_and_a_windows_1252_row_names_the_line(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(codecs.BOM_UTF8 + MIXED)
    with pytest.raises(ImportFileError, match="starts with a UTF-8 mark but line 4 is not UTF-8"):
        read_table(path)


def test_a_consistent_windows_1252_file_with_many_accents_still_imports(tmp_path):
    rows = "Name,Title\nZoë Müller,CFO\nJürgen Weiß,CIO\nChloé Dubois,Directrice financière\n"
    path = tmp_path / "people.csv"
    path.write_bytes(rows.encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "cp1252"
    assert [r.cells[0] for r in table.rows] == ["Zoë Müller", "Jürgen Weiß", "Chloé Dubois"]


def test_cli_import_of_a_mixed_file_writes_nothing(tmp_path, capsys):
    from stakemap.cli import main

    path = tmp_path / "people.csv"
    path.write_bytes(MIXED)
    out = tmp_path / "new.json"
    assert main(["import", str(path), "-o", str(out), "--account", "Northwind"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "line 4 is not UTF-8 (byte 0xE9" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]
