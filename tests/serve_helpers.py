"""What the ``stakemap serve`` tests share: a real server on a free port, and waiting
on conditions with a deadline (never a bare sleep)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "sample_maps" / "northwind.json"
DEADLINE_S = 60.0
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(what: str, check: Callable[[], T | None], *, explain: Callable[[], str]) -> T:
    """Poll ``check`` until it returns something truthy, or fail at the deadline."""
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}:\n{explain()}")


@contextlib.contextmanager
def serving(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``stakemap serve`` on a copy of the sample map, as a user starts it: its URL and
    the copy. Stopped after with Ctrl+C, checking that every app session ended with it."""
    path = tmp_path / "northwind.json"
    shutil.copyfile(SAMPLE, path)
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "stakemap", "serve", str(path), "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
            # The user's keymap and maps folder stay out of it (XDG, read by platformdirs).
            env=dict(
                os.environ,
                XDG_CONFIG_HOME=str(tmp_path / "config"),
                XDG_DATA_HOME=str(tmp_path / "data"),
            ),
            start_new_session=True,  # its app processes too, to kill them all after
        )
    url = f"http://127.0.0.1:{port}/"

    def up() -> bool:
        assert server.poll() is None, log.read_text()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, ConnectionError):
            return False

    try:
        wait_for("the server", up, explain=log.read_text)
        yield url, path
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C: the app sessions quit with it
        try:
            server.wait(timeout=DEADLINE_S)
            wait_for(
                "every session to end with the server",
                lambda: _gone(server.pid),
                explain=log.read_text,
            )
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _gone(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    return False
