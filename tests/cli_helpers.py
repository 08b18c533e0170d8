"""What CLI tests share: run ``stakemap`` in-process and capture what it said."""

from __future__ import annotations

import pytest

from stakemap.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``stakemap ARGV`` (paths may be ``Path``)."""
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err
