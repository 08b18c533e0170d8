"""``git-setup``: make git use stakemap to merge and to diff map files.

git needs two things to hand a file to a driver: an attribute naming the
driver for the path (``.gitattributes``: ``/maps/acme.json merge=stakemap
diff=stakemap``) and the driver's command in the config
(``merge.stakemap.driver``, ``diff.stakemap.textconv``). The attributes file
is committed, so one teammate's setup routes the files for everybody; the
config is not shared, so each teammate runs ``stakemap git-setup`` once per
clone (or once with ``--global``). The repository's ``.gitignore`` gets each
map's lock and backups (``ignore_lines``), which ``git add -A`` would commit.

Which files: the stakemap maps found in the repository, recognised by their
header (``map_header``), one anchored line each. Not ``*.json``: a repository
holding maps usually holds other JSON too (``package.json``, fixtures,
exports), and git would hand those to ``stakemap merge``, which refuses
anything that is not a map (the merge then fails instead of falling back to
git's text merge). ``--pattern`` adds globs for maps still to come.

``--global``: the driver config goes to the user's config, and ``--pattern``
lines to the attributes file git reads for every repository:
``core.attributesFile`` when set, else git's own default
(``$XDG_CONFIG_HOME/git/attributes``, or ``~/.config/git/attributes``), which
git reads without any setting, so none is written. The maps of one repository
are not looked for then: a global file naming one repository's paths would
apply them to every other.

Not set: ``diff.stakemap.cachetextconv``. Caching keys the text by blob and
command line, so after an upgrade of stakemap ``git log -p`` would keep
showing the old wording, and the cache is stored as notes refs inside the
repository. ``textconv`` of a map takes milliseconds; a team with a very long
history can still set it by hand.

Every git call is the ``git`` binary with a list of arguments (no shell); the
setup is idempotent and reports each key it set and each line it added.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from stakemap.errors import StakemapError
from stakemap.store import APP_MARKER

__all__ = [
    "DRIVER",
    "HEADER_BYTES",
    "GitError",
    "SetupReport",
    "attributes_line",
    "driver_command",
    "find_maps",
    "git_setup",
    "ignore_lines",
    "is_map_header",
    "repo_root",
]

#: The driver's name in attributes and config (``merge=stakemap``, ``[merge "stakemap"]``).
DRIVER: Final = "stakemap"
#: How much of a file is read to recognise a map: its meta record is the first
#: line after two lines of braces, and even a team of 50 names fits many times.
HEADER_BYTES: Final = 64 * 1024
_MERGE_NAME: Final = "stakemap three-way merge of map files (record by record)"
_HEADER: Final = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"meta"\s*:\s*\{\s*"\d+"\s*:\s*')


class GitError(StakemapError):
    """git is missing, or the folder is not a repository: one sentence, exit 2."""


@dataclass
class SetupReport:
    """What one run changed: each line reads as a sentence of the CLI's output."""

    changes: list[str] = field(default_factory=list)
    #: the attributes file written to (or that would have been).
    attributes: Path | None = None
    #: map files found (repository-relative, ``/``-separated).
    maps: list[str] = field(default_factory=list)


def _git_binary() -> str:
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed (no 'git' on PATH); install git, then run this again")
    return git


def _git(args: Sequence[str], *, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [_git_binary(), *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError as exc:
        raise GitError(f"git could not be run ({exc.strerror or exc})") from None


def driver_labels(
    environ: Mapping[str, str] | None = None, *, cwd: Path | None = None
) -> tuple[str | None, str | None]:
    """Who ours and theirs are when git runs the merge driver: names, not "ours".

    A conflict says who changed what, so "Bob skeptic, Ann neutral" beats
    "ours skeptic, theirs neutral". Ours is the person running the merge (git's
    ``user.name``); theirs is the author of the commit being merged in, which
    ``git merge``/``git pull`` name in a ``GITHEAD_<sha>`` variable for their
    drivers. Outside ``git merge`` (a script, a rebase, a cherry-pick) both
    stay unnamed. ``None`` where git does not say; never raises.
    """
    env = os.environ if environ is None else environ
    heads = sorted(key[len("GITHEAD_") :] for key in env if key.startswith("GITHEAD_"))
    if len(heads) != 1 or not re.fullmatch(r"[0-9a-f]{40,64}", heads[0]):
        return None, None  # not run by git merge/pull (a script, a rebase): no names to give
    try:
        ours = _name_line(_git(["config", "user.name"], cwd=cwd).stdout)
        done = _git(["log", "-1", "--format=%an", heads[0]], cwd=cwd)
        theirs = _name_line(done.stdout) if done.returncode == 0 else None
    except GitError:
        return None, None
    if ours is not None and ours == theirs:
        return None, None  # one person on two machines: "ours"/"theirs" tell more
    return ours, theirs


def _name_line(text: str) -> str | None:
    """A person's name from git's output: its first line, printable, short."""
    line = "".join(ch for ch in (text.strip().splitlines() or [""])[0] if ch.isprintable())
    return line.strip()[:60] or None


def repo_root(path: Path) -> Path:
    """The top folder of the working tree ``path`` is in."""
    if not path.is_dir():
        raise GitError(f"{path} is not a folder; pass the repository's folder")
    done = _git(["rev-parse", "--show-toplevel"], cwd=path)
    top = done.stdout.strip()
    if done.returncode != 0 or not top:
        raise GitError(
            f"{path} is not inside a git repository with a working tree "
            "(run 'git init' or 'git clone' first)"
        )
    return Path(top)


def is_map_header(prefix: bytes) -> bool:
    """Whether a file starting with ``prefix`` is a stakemap map.

    The meta record is the first table of every map stakemap writes, so its
    first record is read and asked for ``"app": "stakemap"``; nothing past it
    matters, and a prefix cut inside the record is "not a map".

    >>> is_map_header(b'{\\n "meta": {\\n  "1": {"app": "stakemap", "schema_version": 3}\\n')
    True
    >>> is_map_header(b'{"name": "my-package", "version": "1.0.0"}')
    False
    """
    found = _HEADER.match(prefix)
    if found is None:
        return False
    text = prefix[found.end() :].decode("utf-8", errors="replace")
    try:
        meta, _end = json.JSONDecoder().raw_decode(text)
    except ValueError:
        return False
    return isinstance(meta, dict) and meta.get("app") == APP_MARKER


def _read_prefix(path: Path) -> bytes:
    """The first ``HEADER_BYTES`` of a regular file; nothing for anything else."""
    try:
        if not path.is_file():  # FIFOs and devices would block or never end
            return b""
        with path.open("rb") as handle:
            return handle.read(HEADER_BYTES)
    except OSError:
        return b""


def find_maps(root: Path) -> list[str]:
    """The map files of the repository at ``root``: tracked ones and new files not
    ignored (``git ls-files``), sorted, as ``/``-separated relative paths."""
    done = _git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root)
    if done.returncode != 0:
        raise GitError(f"git could not list the files of {root}: {_first_line(done.stderr)}")
    names = sorted({name for name in done.stdout.split("\0") if name})
    return [name for name in names if is_map_header(_read_prefix(root / name))]


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else "no reason given"


def _running_stakemap() -> list[str]:
    """The command that runs this very stakemap: its console script, or this
    interpreter with ``-m stakemap`` (``python -m stakemap``, tests)."""
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.stem == "stakemap" and script.is_file():
        return [os.path.abspath(script)]
    # abspath, not realpath: a venv's python is a symlink, and resolving it would
    # name the system interpreter, which does not have stakemap installed.
    return [os.path.abspath(sys.executable), "-m", "stakemap"]


def driver_command(command: Sequence[str] | None = None) -> str:
    """How the config names stakemap, as a shell word list git can run.

    git runs drivers through the shell with whatever ``PATH`` it was started
    with: a git GUI, an IDE or a hook often lacks the activated venv stakemap
    lives in, so a bare ``stakemap`` that works in your terminal can fail (or
    run another, older install) inside ``git pull``. So the bare name is used
    only when ``PATH`` leads to this same program; otherwise its absolute
    path (its console script, or this interpreter with ``-m stakemap``).
    After moving or recreating the venv, run ``git-setup`` again: it updates
    the two keys and says so. ``command`` overrides all of this.
    """
    if command:
        return shlex.join(command)
    running = _running_stakemap()
    on_path = shutil.which("stakemap")
    if (
        on_path is not None
        and len(running) == 1
        and os.path.realpath(on_path) == os.path.realpath(running[0])
    ):
        return "stakemap"
    return shlex.join(running)


def attributes_line(pattern: str) -> str:
    """``PATTERN merge=stakemap diff=stakemap``; a pattern with spaces or quotes is
    written C-quoted, the form git's attributes parser reads.

    >>> attributes_line("/maps/acme.json")
    '/maps/acme.json merge=stakemap diff=stakemap'
    >>> attributes_line("/maps/acme deal.json")
    '"/maps/acme deal.json" merge=stakemap diff=stakemap'
    """
    if re.search(r'[\s"\\]', pattern) or not pattern.isprintable():
        escaped = pattern.replace("\\", "\\\\").replace('"', '\\"')
        escaped = escaped.replace("\t", "\\t").replace("\n", "\\n")
        pattern = f'"{escaped}"'
    return f"{pattern} merge={DRIVER} diff={DRIVER}"


def _anchored(relative: str) -> str:
    """A repository path as an attributes pattern that matches that file only."""
    escaped = re.sub(r"([*?\[\]!])", r"\\\1", relative)
    return "/" + escaped


def ignore_lines(relative: str) -> list[str]:
    """The ``.gitignore`` lines for what stakemap writes beside a map: its lock
    (``.NAME.lock``, made by every save) and its migration backups (``NAME.bak``,
    ``NAME.bak.2``). ``git add -A`` would commit them otherwise, a backup with
    the private notes of an old version in it.

    >>> ignore_lines("maps/acme deal.json")
    ['/maps/.acme deal.json.lock', '/maps/acme deal.json.bak*']
    """
    folder, _, name = relative.rpartition("/")
    prefix = f"/{_escape_ignore(folder)}/" if folder else "/"
    name = _escape_ignore(name)
    return [f"{prefix}.{name}.lock", f"{prefix}{name}.bak*"]


def _escape_ignore(text: str) -> str:
    """A literal path for a ``.gitignore`` line (which has no quoting, only ``\\``)."""
    text = re.sub(r"([*?\[\]\\!#])", r"\\\1", text)
    return text[:-1] + "\\ " if text.endswith(" ") else text


def _global_attributes_file() -> Path:
    """The attributes file git reads for every repository (see the module doc)."""
    done = _git(["config", "--global", "--path", "--get", "core.attributesFile"])
    configured = done.stdout.strip()
    if done.returncode == 0 and configured:
        return Path(os.path.expanduser(configured))
    xdg = os.environ.get("XDG_CONFIG_HOME")
    base = Path(xdg) if xdg else Path(os.path.expanduser("~")) / ".config"
    return base / "git" / "attributes"


def _config_get(scope: str, key: str, cwd: Path | None) -> str | None:
    done = _git(["config", scope, "--get", key], cwd=cwd)
    return done.stdout.rstrip("\n") if done.returncode == 0 else None


def _config_set(scope: str, key: str, value: str, cwd: Path | None, report: SetupReport) -> None:
    if _config_get(scope, key, cwd) == value:
        return
    done = _git(["config", scope, key, value], cwd=cwd)
    if done.returncode != 0:
        raise GitError(f"git config could not set {key}: {_first_line(done.stderr)}")
    where = "your git config" if scope == "--global" else "the repository's git config"
    report.changes.append(f"set {key} = {value} in {where}")


def _add_lines(path: Path, lines: Sequence[str], report: SetupReport, shown: str) -> None:
    """Append the lines ``path`` lacks (compared line by line, whitespace-trimmed)."""
    try:
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise GitError(f"{path} cannot be read ({exc}); nothing was changed there") from None
    have = {line.strip() for line in existing.splitlines()}
    missing = [line for line in dict.fromkeys(lines) if line not in have]
    if not missing:
        return
    text = existing
    if text and not text.endswith("\n"):
        text += "\n"
    text += "".join(f"{line}\n" for line in missing)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise GitError(f"{path} cannot be written ({exc.strerror or exc})") from None
    report.changes += [f"added to {shown}: {line}" for line in missing]


def git_setup(
    repo: Path | None = None,
    *,
    global_: bool = False,
    patterns: Sequence[str] = (),
    command: Sequence[str] | None = None,
) -> SetupReport:
    """Write the attributes and the config; returns what changed (empty: nothing did).

    ``repo`` defaults to the current folder. Without ``global_`` it must be in
    a git repository; the maps in it and ``patterns`` go to its
    ``.gitattributes``, each map's lock and backups to its ``.gitignore``
    (``ignore_lines``) and the drivers to its config. With ``global_`` the
    drivers go to the user's config and ``patterns`` to the global attributes
    file (see the module doc).
    """
    report = SetupReport()
    cmd = driver_command(command)
    if global_:
        scope, cwd = "--global", None
        attributes = _global_attributes_file()
        lines = [attributes_line(pattern) for pattern in patterns]
        shown = str(attributes)
    else:
        root = repo_root(repo or Path.cwd())
        scope, cwd = "--local", root
        attributes = root / ".gitattributes"
        report.maps = find_maps(root)
        lines = [attributes_line(_anchored(name)) for name in report.maps]
        lines += [attributes_line(pattern) for pattern in patterns]
        shown = ".gitattributes"
        ignored = [line for name in report.maps for line in ignore_lines(name)]
    report.attributes = attributes
    _config_set(scope, f"merge.{DRIVER}.name", _MERGE_NAME, cwd, report)
    _config_set(scope, f"merge.{DRIVER}.driver", f"{cmd} merge %O %A %B --path %P", cwd, report)
    _config_set(scope, f"diff.{DRIVER}.textconv", f"{cmd} textconv", cwd, report)
    if lines:
        _add_lines(attributes, lines, report, shown)
    if not global_ and ignored:
        _add_lines(attributes.with_name(".gitignore"), ignored, report, ".gitignore")
    return report
