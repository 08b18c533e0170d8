"""``stakemap --help`` and ``--version`` start without the heavy core.

They took about a second because the CLI imported networkx (through the
analysis, the model and the store) before parsing a word. The handlers import
the core when they run; only the app imports Textual.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from stakemap.cli import main

#: Never loaded just to print help or the version.
HEAVY = (
    *("networkx", "textual", "tinydb", "stakemap.model", "stakemap.analysis", "stakemap.store"),
    *("textual_serve", "aiohttp"),  # stakemap serve's optional extra
)


def _heavy(modules: list[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(f"{h}.") for h in HEAVY))


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_load_neither_networkx_nor_textual(flag):
    script = f"""
import json, sys
from stakemap.cli import main
try:
    main([{flag!r}])
except SystemExit as exit:
    assert exit.code == 0, exit.code
print(json.dumps(sorted(sys.modules)))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.splitlines()[-1])
    assert "stakemap.cli.parser" in loaded  # the parser was built
    assert _heavy(loaded) == []


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_the_entry_point_imports_nothing_heavy(flag):
    """The same through ``python -m stakemap``, read from ``-X importtime``."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "stakemap", flag],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    imported = [
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    ]
    assert "stakemap.cli" in imported
    assert _heavy(imported) == []
    assert result.stdout.strip()


def test_a_command_whose_options_load_the_analysis_still_lists_them(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["analyze", "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "--min-severity" in out
    assert "Rules: blocker" in out
    assert "stale_days" in out
