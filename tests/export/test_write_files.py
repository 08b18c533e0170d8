"""How exports reach the disk: a set of files replaced together, leftovers swept, devices spared."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sm_testmaps import build_northwind

from stakemap import store as store_module
from stakemap.cli import main
from stakemap.export import STALE_TEMP_AGE_S, ExportError, write_export


def _old_csv_set(tmp_path: Path) -> dict[Path, bytes]:
    files = {
        tmp_path / f"deal{suffix}": b"old " + suffix.encode()
        for suffix in (".csv", ".links.csv", ".account.csv", ".interactions.csv")
    }
    for path, data in files.items():
        path.write_bytes(data)
    return files


def test_the_csv_set_is_fully_written_before_any_file_is_replaced(tmp_path, monkeypatch):
    old = _old_csv_set(tmp_path)
    real_replace = os.replace
    seen_at_first_rename: list[list[str]] = []

    def replace(src, dst):
        if not seen_at_first_rename:
            seen_at_first_rename.append(sorted(p.name for p in tmp_path.glob(".deal*.tmp")))
            assert all(path.read_bytes() == data for path, data in old.items())
        return real_replace(src, dst)

    monkeypatch.setattr(store_module.os, "replace", replace)
    write_export(build_northwind(), "csv", tmp_path / "deal.csv", force=True)
    (staged,) = seen_at_first_rename
    assert len(staged) == 4  # all four temp files were on disk before the first rename
    assert all(path.read_bytes() != data for path, data in old.items())
    assert list(tmp_path.glob(".*.tmp")) == []


def test_a_failure_while_writing_the_set_replaces_none_of_it(tmp_path, monkeypatch):
    old = _old_csv_set(tmp_path)
    real_fsync = os.fsync
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 3:  # the third file: the disk fills up
            raise OSError(28, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(store_module.os, "fsync", fsync)
    with pytest.raises(ExportError, match=r"deal.csv: cannot write \(No space left on device\)"):
        write_export(build_northwind(), "csv", tmp_path / "deal.csv", force=True)
    assert all(path.read_bytes() == data for path, data in old.items())
    assert list(tmp_path.glob(".*.tmp")) == []


def test_a_killed_exports_temp_file_is_swept_by_the_next_export(tmp_path):
    stale = tmp_path / ".deal.md.k1ll3d.tmp"
    stale.write_text("half a document")
    long_ago = time.time() - STALE_TEMP_AGE_S - 60
    os.utime(stale, (long_ago, long_ago))
    live = tmp_path / ".deal.md.l1v3.tmp"  # another export writing right now
    live.write_text("being written")
    unrelated = tmp_path / ".other.md.x.tmp"
    unrelated.write_text("x")
    os.utime(unrelated, (long_ago, long_ago))
    write_export(build_northwind(), "markdown", tmp_path / "deal.md")
    assert not stale.exists()
    assert live.exists()
    assert unrelated.exists()


def test_force_never_replaces_a_device_or_fifo(tmp_path, capsys):
    from stakemap.store import MapStore

    map_path = tmp_path / "m.json"
    MapStore(map_path).create(build_northwind())
    fifo = tmp_path / "deal.md"
    os.mkfifo(fifo)
    assert main(["export", str(map_path), "-o", str(fifo), "--force"]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"stakemap: error: {fifo}: is not a regular file (a device or FIFO); not replacing it\n"
    )
    assert fifo.is_fifo()
    link = tmp_path / "null.md"
    link.symlink_to(os.devnull)
    assert main(["export", str(map_path), "-o", str(link), "--force"]) == 2
    assert Path(os.devnull).is_char_device()


def test_force_never_replaces_a_read_only_export(tmp_path: Path) -> None:
    """--force means "replace my old export", not "override chmod 444", as for maps."""
    old = _old_csv_set(tmp_path)
    links = tmp_path / "deal.links.csv"
    links.chmod(0o444)
    with pytest.raises(ExportError, match=r"deal\.links\.csv: is read-only"):
        write_export(build_northwind(), "csv", tmp_path / "deal.csv", force=True)
    assert all(path.read_bytes() == data for path, data in old.items())  # none of the set


def test_force_never_replaces_another_users_file(tmp_path: Path, monkeypatch) -> None:
    """In a shared folder the rename would hand root's file to whoever exports."""
    old = tmp_path / "deal.md"
    old.write_bytes(b"root's report")
    monkeypatch.setattr(store_module, "_euid", lambda: old.stat().st_uid + 1)
    with pytest.raises(ExportError, match="belongs to another user"):
        write_export(build_northwind(), "markdown", old, force=True)
    assert old.read_bytes() == b"root's report"
