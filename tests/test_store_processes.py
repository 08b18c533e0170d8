"""Real processes against one map file: SIGKILL mid-save, and concurrent writers.

These are the failure modes TinyDB's own JSONStorage has (torn files, lost
updates); they are tested with real processes because threads would share the
lock object and hide exactly the bugs that matter.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from stakemap.model import StakeMap
from stakemap.store import MapStore

pytestmark = pytest.mark.slow

#: Keeps saving bigger and bigger maps: after a save of step k the map holds k
#: people and the account is named "v{k}", so any torn or mixed file is visible.
WRITER = textwrap.dedent(
    """
    import sys
    from stakemap.store import MapStore
    store = MapStore(sys.argv[1])
    first = True
    while True:
        with store.edit() as m:
            k = len(m) + 1
            m.add_person(name=f"Person {k}", notes="x" * (k * 37 % 2000))
            m.update_account(account=f"v{k}")
        if first:
            print("ready", flush=True)
            first = False
    """
)

ADDER = textwrap.dedent(
    """
    import sys
    from stakemap.store import MapStore
    store = MapStore(sys.argv[1])
    for i in range(int(sys.argv[3])):
        with store.edit() as m:
            m.add_person(name=f"{sys.argv[2]}-{i}")
    """
)


def _spawn(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_at_any_moment_leaves_the_old_or_the_new_map(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    MapStore(path).create(StakeMap.new("v0"))
    rng = random.Random(20261130)
    seen_steps = []
    for _ in range(20):
        writer = _spawn(WRITER, str(path))
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready", (
            writer.stderr.read() if writer.stderr else ""
        )
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        m = MapStore(path).load()  # must open: never torn
        k = len(m)
        assert m.account.account == f"v{k}"
        assert [p.name for p in m.people] == [f"Person {i}" for i in range(1, k + 1)]
        seen_steps.append(k)
    assert seen_steps == sorted(seen_steps)
    assert seen_steps[-1] > 20  # the writers really were saving when killed
    # Killed writers leave temp files at worst; the next save sweeps them.
    store = MapStore(path)
    m = store.load()
    m.add_person(name="after")
    store.save(m)
    assert list(tmp_path.glob(".map.json.*.tmp")) == []


def test_two_processes_editing_one_map_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    MapStore(path).create(StakeMap.new("Shared"))
    per_process = 25
    procs = [_spawn(ADDER, str(path), name, str(per_process)) for name in ("alice", "bob")]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    names = {p.name for p in MapStore(path).load().people}
    expected = {f"{who}-{i}" for who in ("alice", "bob") for i in range(per_process)}
    assert names == expected


AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _can_run_as_nobody() -> bool:
    import shutil

    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv"):
        return False
    probe = [*AS_NOBODY, sys.executable, "-c", "import stakemap"]
    return subprocess.run(probe, capture_output=True, timeout=120, check=False).returncode == 0


@pytest.mark.skipif(
    not _can_run_as_nobody(), reason="needs root, setpriv and a venv nobody can run"
)
def test_another_user_cannot_replace_roots_map_in_a_world_writable_folder(make_map):
    """The rename needs only the folder: without the owner check, user nobody
    replaced root's map (and became its owner)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="stakemap-shared-", dir="/tmp"))
    try:
        folder.chmod(0o777)  # world-writable, no sticky bit
        path = folder / "m.json"
        MapStore(path).create(make_map())
        path.chmod(0o644)
        before = path.read_bytes()
        for lock_left_by_root in (True, False):
            if not lock_left_by_root:
                path.with_name(".m.json.lock").unlink()
            argv = ["-m", "stakemap", "person", "add", str(path), "--name", "Eve"]
            result = subprocess.run(
                [*AS_NOBODY, sys.executable, *argv],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert result.returncode == 2, result.stderr
            assert result.stderr.startswith(f"stakemap: error: {path}: ")
            assert result.stderr.count("\n") == 1
            assert path.read_bytes() == before
            assert path.stat().st_uid == 0
    finally:
        shutil.rmtree(folder)
