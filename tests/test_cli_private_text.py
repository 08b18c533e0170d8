"""Private text without argv: ``--notes-file PATH`` / ``-`` keeps notes out of ``ps``."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from stakemap.cli import main
from stakemap.store import MapStore


@pytest.fixture
def mapfile(tmp_path: Path) -> Path:
    path = tmp_path / "m.json"
    assert main(["new", str(path), "--account", "Acme"]) == 0
    return path


def test_notes_file_and_stdin_fill_private_fields(
    mapfile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Burned by the CRM project\nsecond line\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("wants the savings target\n"))
    code = main(
        [
            "person", "add", str(mapfile), "--name", "Ann Lee",
            "--notes-file", str(notes), "--drivers-file", "-",
        ]
    )  # fmt: skip
    assert code == 0
    ann = MapStore(mapfile).load().resolve("Ann Lee")
    assert ann.notes == "Burned by the CRM project\nsecond line"
    assert ann.drivers == "wants the savings target"
    monkeypatch.setattr(sys, "stdin", io.StringIO("met at the fair"))
    assert main(["person", "set", str(mapfile), "Ann Lee", "--fears-file", "-"]) == 0
    after = MapStore(mapfile).load().resolve("Ann Lee")
    assert after.fears == "met at the fair"
    assert after.notes == ann.notes


def test_bad_private_file_is_one_sentence_and_changes_nothing(
    mapfile: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("text"))
    before = mapfile.read_bytes()
    missing = tmp_path / "nope.txt"
    assert main(["person", "add", str(mapfile), "--name", "A", "--notes-file", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read" in err and "nope.txt" in err
    argv = ["person", "add", str(mapfile), "--name", "A", "--notes", "x", "--notes-file", "-"]
    assert main(argv) == 2
    assert "not allowed with" in capsys.readouterr().err
    argv = ["person", "add", str(mapfile), "--name", "A", "--notes-file", "-", "--fears-file", "-"]
    assert main(argv) == 2
    assert "standard input is already read" in capsys.readouterr().err
    assert mapfile.read_bytes() == before


def test_the_secret_is_not_in_the_process_arguments(mapfile: Path) -> None:
    """What ``ps`` shows is argv: with ``--notes-file -`` the secret is not in it."""
    secret = "board wants him out"
    argv = [sys.executable, "-m", "stakemap", "person", "add", str(mapfile), "--name", "Bo"]
    argv += ["--notes-file", "-"]
    result = subprocess.run(argv, input=secret, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert secret not in " ".join(argv)
    assert MapStore(mapfile).load().resolve("Bo").notes == secret


def test_help_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["person", "set", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--notes-file PATH" in out and "standard input with '-'" in out and "(ps" in out


class _LockProbe(io.StringIO):
    """Standard input that records whether the map's lock was free when it was read."""

    def __init__(self, text: str, lock: Path) -> None:
        super().__init__(text)
        self.lock = lock
        self.lock_free: list[bool] = []

    def read(self, size: int | None = -1) -> str:
        import fcntl

        with open(self.lock, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self.lock_free.append(False)
            else:
                fcntl.flock(handle, fcntl.LOCK_UN)
                self.lock_free.append(True)
        return super().read(size)


@pytest.mark.parametrize("action", ["add", "set"])
def test_private_text_is_read_before_the_map_is_locked(
    mapfile: Path, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    """``--notes-file`` may be a pipe that takes minutes (or a FIFO nobody writes):
    waiting on it while holding the map's lock would block every other writer."""
    assert main(["person", "add", str(mapfile), "--name", "Ann Lee"]) == 0
    probe = _LockProbe("slow notes", MapStore(mapfile).lock_path)
    monkeypatch.setattr(sys, "stdin", probe)
    who = ["--name", "Bo Chen"] if action == "add" else ["Ann Lee"]
    assert main(["person", action, str(mapfile), *who, "--notes-file", "-"]) == 0
    assert probe.lock_free == [True]
