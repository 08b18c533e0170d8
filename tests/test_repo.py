"""The repository keeps its promises to a newcomer: README commands, CI, ignores."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _shell_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S)]


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = _shell_blocks(readme)
    test_command = next(b for b in blocks if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_readme_opens_a_sample_map_that_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = _shell_blocks(readme)[0]
    sample = re.search(r"stakemap (sample_maps/\S+\.json)", first)
    assert sample, first
    assert (ROOT / sample.group(1)).is_file()


def test_nothing_generated_is_tracked():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    junk = re.compile(
        r"(__pycache__|\.pyc$|\.egg-info|^\.venv/|\.pytest_cache|\.hypothesis|\.lock$|\.tmp$)"
    )
    assert [path for path in tracked if junk.search(path)] == []
