"""Architecture rules, enforced: the headless core never imports Textual.

The model, analyzers, persistence and exporters must run in scripts, CI and the
CLI without a UI framework; the TUI is a thin layer on top. Two checks, as in
harlequin: a static scan of import statements (catches lazy imports inside
functions too), and a live check of ``sys.modules`` after using the core.
The import-linter contracts in pyproject.toml (run by .ci/run) declare the
whole layering; the last test here keeps their list of core modules complete.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "stakemap"
UI_PACKAGES = {"tui"}
#: CLI modules may import the app, but only lazily inside the function that opens it.
LAZY_UI_ALLOWED = {PACKAGE / "cli" / "maps.py"}


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(module, line, top_level) for every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, id(node) in top_level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno, id(node) in top_level))
    return found


def _core_modules() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in UI_PACKAGES
    ]


def test_the_scan_sees_the_core():
    names = {path.relative_to(PACKAGE).as_posix() for path in _core_modules()}
    assert {"model.py", "store.py", "records.py", "cli/__init__.py"} <= names
    assert not any(name.startswith("tui/") for name in names)


@pytest.mark.parametrize("path", _core_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_core_modules_do_not_import_the_ui(path: Path):
    for module, line, top_level in _imports(path):
        is_ui = module.split(".")[0] == "textual" or module.startswith("stakemap.tui")
        if not is_ui:
            continue
        where = f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        assert path in LAZY_UI_ALLOWED, where
        assert not top_level, f"{where} at module level; import it inside the function"


def test_using_the_core_and_the_cli_loads_no_textual(tmp_path: Path):
    script = f"""
import sys, json
from stakemap.cli import main
from stakemap.model import StakeMap
from stakemap.store import MapStore
path = {str(tmp_path / "m.json")!r}
assert main(["new", path, "--account", "Acme"]) == 0
assert main(["person", "add", path, "--name", "Ann"]) == 0
assert main(["show", path]) == 0
import stakemap.analysis, stakemap.serialize
try:
    import stakemap.export, stakemap.importers
except ModuleNotFoundError:
    pass
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps(loaded))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_import_contract_names_every_core_module():
    """A new module of the core must be in the "never imports the UI" contract too."""
    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    forbidden = next(c for c in contracts if c["type"] == "forbidden")
    top_level = {
        f"stakemap.{path.stem if path.is_file() else path.name}"
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" and path.stem not in ("__init__", "__main__"))
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert set(forbidden["source_modules"]) == top_level - {"stakemap.cli", "stakemap.tui"}
    assert set(forbidden["forbidden_modules"]) == {"textual", "stakemap.tui", "stakemap.cli"}
