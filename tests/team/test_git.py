"""stakemap as git's merge and diff driver, with the real ``git`` binary in temp repos.

Every test runs git with an isolated home: ``HOME``, ``GIT_CONFIG_GLOBAL`` and
``XDG_CONFIG_HOME`` point into the test's folder and ``GIT_CONFIG_NOSYSTEM``
is set, so neither the developer's config nor their attributes leak in, and
the author is set per test. The CLI runs as ``[sys.executable, "-m",
"stakemap"]`` where git runs it (driver lines name the same interpreter).

The end-to-end team tests (two clones of one origin, pull and push, through
``stakemap merge`` and ``stakemap resolve``) are marked ``team_workflow``, so
``pytest -m team_workflow`` runs the team workflow alone.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

from stakemap.store import MapStore
from stakemap.team import git as team_git

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="the git binary is not installed"
)

#: How git runs stakemap in these tests: this interpreter, this checkout.
STAKEMAP = [sys.executable, "-m", "stakemap"]
COMMAND = shlex.join(STAKEMAP)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty home for git: no user or system config, a fixed author."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG", "GIT_PAGER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test Rep")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "rep@example.com")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test Rep")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "rep@example.com")
    monkeypatch.setenv("GIT_MERGE_AUTOEDIT", "no")
    monkeypatch.setenv("GIT_EDITOR", "true")
    return home


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "pull.rebase=false", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def sm(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``stakemap ARGS`` in a child process, the way git and a user run it."""
    done = subprocess.run([*STAKEMAP, *args], cwd=cwd, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"stakemap {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def make_map(path: Path, *people: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    sm(path.parent, "new", path.name, "--account", "Northwind Logistics")
    for name in people:
        sm(path.parent, "person", "add", path.name, "--name", name, "--stance", "neutral")


def new_repo(root: Path) -> Path:
    root.mkdir(parents=True)
    git(root, "init", "-q")
    return root


def local_config(repo: Path, key: str) -> str:
    return git(repo, "config", "--local", "--get", key).stdout.strip()


# --- git-setup ----------------------------------------------------------------


def test_setup_routes_each_map_and_no_other_json(home, tmp_path, capsys, monkeypatch):
    repo = new_repo(tmp_path / "deals")
    make_map(repo / "maps" / "acme.json", "Ann Lee")
    (repo / "package.json").write_text('{"name": "x", "meta": {"1": {"app": "other"}}}\n')
    (repo / "fixtures.json").write_text('{"meta": {"1": {"app": "other"}}}\n')
    monkeypatch.chdir(repo)

    code, out, err = run(capsys, "git-setup", "--command", COMMAND)

    assert code == 0, err
    attributes = (repo / ".gitattributes").read_text()
    assert attributes == "/maps/acme.json merge=stakemap diff=stakemap\n"
    assert local_config(repo, "merge.stakemap.driver") == f"{COMMAND} merge %O %A %B --path %P"
    assert local_config(repo, "diff.stakemap.textconv") == f"{COMMAND} textconv"
    assert local_config(repo, "merge.stakemap.name")
    # Every change is printed, one line each.
    assert "added to .gitattributes: /maps/acme.json merge=stakemap diff=stakemap" in out
    for key in ("merge.stakemap.name", "merge.stakemap.driver", "diff.stakemap.textconv"):
        assert f"set {key} = " in out
    # What stakemap writes beside the map stays out of commits.
    assert (repo / ".gitignore").read_text() == ("/maps/.acme.json.lock\n/maps/acme.json.bak*\n")
    assert "added to .gitignore: /maps/.acme.json.lock" in out
    assert "added to .gitignore: /maps/acme.json.bak*" in out
    assert len(out.splitlines()) == 6
    assert "found 1 map file: maps/acme.json" in err
    assert (repo / "maps" / ".acme.json.lock").exists()  # made by the saves above
    untracked = git(repo, "status", "--porcelain", "--untracked-files=all").stdout
    assert "lock" not in untracked
    # git itself now routes the map, and only the map.
    attrs = git(repo, "check-attr", "merge", "diff", "--", "maps/acme.json", "package.json")
    assert "maps/acme.json: merge: stakemap" in attrs.stdout
    assert "maps/acme.json: diff: stakemap" in attrs.stdout
    assert "package.json: merge: unspecified" in attrs.stdout
    # The user's config was not touched.
    assert not (home / ".gitconfig").exists()


def test_setup_twice_changes_nothing_the_second_time(home, tmp_path, capsys):
    repo = new_repo(tmp_path / "deals")
    make_map(repo / "acme.json", "Ann Lee")
    (repo / ".gitattributes").write_text("*.png binary")  # no final newline
    run(capsys, "git-setup", repo, "--command", COMMAND, "--pattern", "maps/*.json")
    files = (repo / ".gitattributes", repo / ".gitignore", repo / ".git" / "config")
    before = [path.read_bytes() for path in files]

    code, out, err = run(
        capsys, "git-setup", repo, "--command", COMMAND, "--pattern", "maps/*.json"
    )

    assert code == 0
    assert out == ""
    assert "nothing to change" in err
    after = [path.read_bytes() for path in files]
    assert after == before
    assert before[0].decode().splitlines() == [
        "*.png binary",
        "/acme.json merge=stakemap diff=stakemap",
        "maps/*.json merge=stakemap diff=stakemap",
    ]


def test_setup_reports_only_what_a_new_map_adds(home, tmp_path, capsys):
    repo = new_repo(tmp_path / "deals")
    make_map(repo / "acme.json", "Ann Lee")
    run(capsys, "git-setup", repo, "--command", COMMAND)
    make_map(repo / "sub dir" / "beta.json", "Bo Chen")

    code, out, _err = run(capsys, "git-setup", repo, "--command", COMMAND)

    assert code == 0
    assert out.splitlines() == [
        'added to .gitattributes: "/sub dir/beta.json" merge=stakemap diff=stakemap',
        "added to .gitignore: /sub dir/.beta.json.lock",
        "added to .gitignore: /sub dir/beta.json.bak*",
    ]
    attrs = git(repo, "check-attr", "diff", "--", "sub dir/beta.json").stdout
    assert attrs.strip() == "sub dir/beta.json: diff: stakemap"


def test_setup_updates_a_moved_stakemap(home, tmp_path, capsys):
    """A venv moved: running git-setup again rewrites the two commands, and says so."""
    repo = new_repo(tmp_path / "deals")
    make_map(repo / "acme.json", "Ann Lee")
    run(capsys, "git-setup", repo, "--command", "/old/venv/bin/stakemap")

    code, out, _err = run(capsys, "git-setup", repo, "--command", COMMAND)

    assert code == 0
    assert out.splitlines() == [
        f"set merge.stakemap.driver = {COMMAND} merge %O %A %B --path %P "
        "in the repository's git config",
        f"set diff.stakemap.textconv = {COMMAND} textconv in the repository's git config",
    ]


def test_global_setup_writes_the_isolated_user_config(home, tmp_path, capsys):
    repo = new_repo(tmp_path / "deals")
    make_map(repo / "acme.json", "Ann Lee")

    code, out, _err = run(
        capsys, "git-setup", "--global", "--command", COMMAND, "--pattern", "*.stakemap.json"
    )

    assert code == 0
    get = git(repo, "config", "--global", "--get", "merge.stakemap.driver").stdout.strip()
    assert get == f"{COMMAND} merge %O %A %B --path %P"
    assert "in your git config" in out
    attributes = home / ".config" / "git" / "attributes"  # git's default, no setting needed
    assert attributes.read_text() == "*.stakemap.json merge=stakemap diff=stakemap\n"
    assert f"added to {attributes}: *.stakemap.json merge=stakemap diff=stakemap" in out
    assert not (repo / ".gitattributes").exists()
    assert (
        git(repo, "config", "--local", "--get", "merge.stakemap.driver", check=False).stdout == ""
    )
    # git reads that file without being told: a matching file in any repo is routed.
    attrs = git(repo, "check-attr", "merge", "--", "x.stakemap.json").stdout
    assert attrs.strip() == "x.stakemap.json: merge: stakemap"

    code, out, err = run(
        capsys, "git-setup", "--global", "--command", COMMAND, "--pattern", "*.stakemap.json"
    )
    assert (code, out) == (0, "")
    assert "nothing to change" in err


def test_global_setup_uses_a_configured_attributes_file(home, tmp_path, capsys):
    mine = tmp_path / "my-attributes"
    git(tmp_path, "config", "--global", "core.attributesFile", str(mine))

    code, _out, _err = run(
        capsys, "git-setup", "--global", "--command", COMMAND, "--pattern", "*.map"
    )

    assert code == 0
    assert mine.read_text() == "*.map merge=stakemap diff=stakemap\n"
    assert not (home / ".config" / "git" / "attributes").exists()


def test_setup_outside_a_repository_is_one_sentence(home, tmp_path, capsys):
    plain = tmp_path / "plain"
    plain.mkdir()

    code, out, err = run(capsys, "git-setup", plain)

    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "is not inside a git repository" in err
    assert list(plain.iterdir()) == []


def test_setup_without_git_is_one_sentence(home, tmp_path, capsys, monkeypatch):
    repo = new_repo(tmp_path / "deals")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))

    code, out, err = run(capsys, "git-setup", repo)

    assert (code, out) == (2, "")
    assert err.strip() == (
        "stakemap: error: git is not installed (no 'git' on PATH); install git, then run this again"
    )


def test_the_default_command_is_the_running_stakemap(monkeypatch, tmp_path):
    """A bare ``stakemap`` only when PATH leads to this one; else an absolute path."""
    script = tmp_path / "venv" / "bin" / "stakemap"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "argv", [str(script)])
    monkeypatch.setattr(team_git.shutil, "which", lambda name: None)
    assert team_git.driver_command() == str(script)

    monkeypatch.setattr(team_git.shutil, "which", lambda name: str(script))
    assert team_git.driver_command() == "stakemap"

    other = tmp_path / "old" / "stakemap"
    monkeypatch.setattr(team_git.shutil, "which", lambda name: str(other))
    assert team_git.driver_command() == str(script)

    # ``python -m stakemap``: this interpreter, by the path it was started with.
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "stakemap" / "__main__.py")])
    assert team_git.driver_command() == shlex.join([sys.executable, "-m", "stakemap"])


def test_the_map_header_is_read_from_a_bounded_prefix(tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.write(b'{"meta": {"1": {"app": "stakemap", "notes": "')
        handle.write(b"x" * (team_git.HEADER_BYTES * 2))
        handle.write(b'"}}}')
    assert not team_git.is_map_header(big.read_bytes()[: team_git.HEADER_BYTES])
    assert team_git.is_map_header(b'\xef\xbb\xbf{ "meta" : { "7" : {"app": "stakemap"}}}')
    assert not team_git.is_map_header(b'{"stakeholders": {}, "meta": {"1": {"app": "stakemap"}}}')
    assert not team_git.is_map_header(b'{"meta": {"1": {"app": "stakemapx"}}}')


# --- textconv through git diff and git log -p ----------------------------------


@pytest.fixture
def mapped_repo(home, tmp_path, capsys) -> Path:
    """A repo with a committed, set-up map of three people."""
    repo = new_repo(tmp_path / "deals")
    make_map(repo / "acme.json", "Ann Lee", "Bo Chen", "Cy Park")
    run(capsys, "git-setup", repo, "--command", COMMAND)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "map")
    return repo


def test_git_diff_of_a_stance_change_names_the_person_and_the_stance(mapped_repo):
    sm(mapped_repo, "person", "set", "acme.json", "Bo Chen", "--stance", "supporter")

    diff = git(mapped_repo, "diff").stdout

    hunks = diff.split("\n@@")[1:]
    assert len(hunks) == 1
    # The person's line is in the hunk: its context, or its header when deeper.
    assert f"person: Bo Chen ({_id(mapped_repo, 'Bo Chen')})" in hunks[0]
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    assert changed == ["-  stance: Neutral", "+  stance: Supporter"]
    # Without the driver the same change is a line of raw JSON.
    raw = git(mapped_repo, "diff", "--no-textconv").stdout
    assert '"stance": "supporter"' in raw


def test_git_log_p_reads_as_stakeholder_changes(mapped_repo):
    sm(mapped_repo, "person", "set", "acme.json", "Ann Lee", "--title", "CFO", "--veto")
    git(mapped_repo, "commit", "-q", "-am", "Ann is the CFO")
    sm(mapped_repo, "link", "add", "acme.json", "Cy Park", "Ann Lee", "--kind", "influences")
    sm(mapped_repo, "log", "acme.json", "Ann Lee", "--kind", "call", "--summary", "budget talk",
       "--date", "2026-11-02", "--notes", "worried about the audit")  # fmt: skip
    git(mapped_repo, "commit", "-q", "-am", "a call")

    log = git(mapped_repo, "log", "-p").stdout

    added = [line[1:] for line in log.splitlines() if line.startswith("+") and line[:3] != "+++"]
    assert "  title: CFO" in added
    assert "  veto: yes" in added
    assert "link: Cy Park influences Ann Lee (strength 2) (" + _link_id(mapped_repo) + ")" in added
    assert "touch: 2026-11-02 call with Ann Lee: budget talk" in added
    assert "  notes: worried about the audit" in added
    assert any(line.startswith("@@") and "person: Ann Lee" in line for line in log.splitlines())


def test_textconv_leaves_a_file_that_is_not_a_map_alone(mapped_repo, capsys):
    """A pattern catching other JSON, or a file holding git's conflict markers."""
    half_merged = (
        (mapped_repo / "acme.json").read_bytes().replace(b' "links"', b"<<<<<<< ours\n", 1)
    )
    for name, data in (
        ("package.json", b'{"name": "x"}\n'),
        ("half.json", half_merged),
        ("blob.bin", bytes(range(256))),
        ("empty.json", b""),
    ):
        path = mapped_repo / name
        path.write_bytes(data)
        done = subprocess.run([*STAKEMAP, "textconv", str(path)], capture_output=True)
        assert (done.returncode, done.stdout, done.stderr) == (0, data, b""), name

    code, out, err = run(capsys, "textconv", mapped_repo / "missing.json")
    assert (code, out) == (2, "")
    assert "no such file" in err


def test_git_diff_through_a_catch_all_pattern_shows_other_json(home, tmp_path, capsys):
    repo = new_repo(tmp_path / "deals")
    make_map(repo / "acme.json", "Ann Lee")
    (repo / "package.json").write_text('{"name": "x"}\n')
    run(capsys, "git-setup", repo, "--command", COMMAND, "--pattern", "*.json")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    (repo / "package.json").write_text('{"name": "y"}\n')
    sm(repo, "account", "set", "acme.json", "--initiative", "RevOps")

    diff = git(repo, "diff").stdout

    assert '-{"name": "x"}' in diff
    assert '+{"name": "y"}' in diff
    assert "+initiative: RevOps" in diff


def _id(repo: Path, name: str) -> str:
    stakemap = MapStore(repo / "acme.json").load()
    return next(p.id for p in stakemap.people if p.name == name)


def _link_id(repo: Path) -> str:
    return MapStore(repo / "acme.json").load().links[0].id


# --- the team workflow, end to end (needs stakemap merge and resolve) -----------


def _team(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """An origin, and two teammates' clones of it, both set up; A pushed the map."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", str(origin))
    alice = tmp_path / "alice"
    git(tmp_path, "clone", "-q", str(origin), str(alice))
    make_map(alice / "acme.json", "Ann Lee", "Bo Chen", "Cy Park")
    run(capsys, "git-setup", alice, "--command", COMMAND)
    git(alice, "add", "-A")
    git(alice, "commit", "-q", "-m", "the map")
    git(alice, "push", "-q", "origin", "HEAD:main")
    bob = tmp_path / "bob"
    git(tmp_path, "clone", "-q", "--branch", "main", str(origin), str(bob))
    code, out, _err = run(capsys, "git-setup", bob, "--command", COMMAND)
    # The attributes and ignores came with the clone: only the config is new.
    assert code == 0
    assert "added to" not in out
    assert len(out.splitlines()) == 3
    git(alice, "branch", "-q", "--set-upstream-to=origin/main")
    return alice, bob


def _person(repo: Path, name: str) -> dict[str, object]:
    stakemap = MapStore(repo / "acme.json").load()
    return next(p.to_dict() for p in stakemap.people if p.name == name)


def _share(repo: Path, message: str) -> None:
    git(repo, "commit", "-q", "-am", message)
    git(repo, "push", "-q", "origin", "HEAD:main")


def _valid(repo: Path) -> None:
    """The map opens, shows and analyses (a conflict inside it is still a map)."""
    shown = sm(repo, "show", "acme.json", "--json")
    json.loads(shown.stdout)
    sm(repo, "analyze", "acme.json")


@pytest.mark.team_workflow
def test_disjoint_edits_merge_on_pull(home, tmp_path, capsys):
    alice, bob = _team(tmp_path, capsys)
    sm(alice, "person", "set", "acme.json", "Ann Lee", "--stance", "supporter")
    sm(alice, "person", "set", "acme.json", "Cy Park", "--title", "CIO")
    _share(alice, "alice's edits")
    sm(bob, "person", "set", "acme.json", "Bo Chen", "--department", "Finance")
    sm(bob, "person", "set", "acme.json", "Cy Park", "--department", "IT")
    git(bob, "commit", "-q", "-am", "bob's edits")

    git(bob, "pull", "-q", "origin", "main")

    assert _person(bob, "Ann Lee")["stance"] == "supporter"
    assert _person(bob, "Bo Chen")["department"] == "Finance"
    cy = _person(bob, "Cy Park")
    assert (cy["title"], cy["department"]) == ("CIO", "IT")
    assert MapStore(bob / "acme.json").load().conflicts == []
    _valid(bob)
    git(bob, "push", "-q", "origin", "HEAD:main")
    git(alice, "pull", "-q", "origin", "main")
    assert (alice / "acme.json").read_bytes() == (bob / "acme.json").read_bytes()


@pytest.mark.team_workflow
def test_same_field_edits_conflict_and_resolve_settles_it(home, tmp_path, capsys):
    alice, bob = _team(tmp_path, capsys)
    sm(alice, "person", "set", "acme.json", "Ann Lee", "--stance", "supporter")
    git(alice, "commit", "-q", "-am", "Ann supports", "--author", "Alice Ng <alice@example.com>")
    git(alice, "push", "-q", "origin", "HEAD:main")
    git(bob, "config", "user.name", "Bob Ray")
    sm(bob, "person", "set", "acme.json", "Ann Lee", "--stance", "opponent")
    git(bob, "commit", "-q", "-am", "Ann opposes")

    pulled = git(bob, "pull", "origin", "main", check=False)

    assert pulled.returncode != 0
    assert "CONFLICT" in pulled.stdout + pulled.stderr
    _valid(bob)  # the file is still a map while the conflict waits
    conflicts = MapStore(bob / "acme.json").load().conflicts
    assert [(c.section, c.field) for c in conflicts] == [("people", "stance")]
    listed = sm(bob, "conflicts", "acme.json", check=False)
    assert conflicts[0].id in listed.stdout
    assert "stance" in listed.stdout
    # The conflict says who: the one pulling (user.name) and the author merged in.
    assert (conflicts[0].ours_label, conflicts[0].theirs_label) == ("Bob Ray", "Alice Ng")
    assert "Bob Ray opponent" in listed.stdout and "Alice Ng supporter" in listed.stdout

    sm(bob, "resolve", "acme.json", conflicts[0].id, "--theirs")

    assert _person(bob, "Ann Lee")["stance"] == "supporter"  # theirs: alice's, pulled
    assert MapStore(bob / "acme.json").load().conflicts == []
    git(bob, "add", "acme.json")
    git(bob, "commit", "-q", "--no-edit")
    _valid(bob)
    assert git(bob, "status", "--porcelain").stdout == ""


@pytest.mark.team_workflow
def test_delete_against_edit_is_a_conflict_and_loses_nothing(home, tmp_path, capsys):
    alice, bob = _team(tmp_path, capsys)
    sm(alice, "person", "rm", "acme.json", "Cy Park")
    _share(alice, "Cy left")
    sm(bob, "person", "set", "acme.json", "Cy Park", "--notes", "moving to the board")
    git(bob, "commit", "-q", "-am", "notes on Cy")

    pulled = git(bob, "pull", "origin", "main", check=False)

    assert pulled.returncode != 0
    _valid(bob)
    assert _person(bob, "Cy Park")["notes"] == "moving to the board"
    conflicts = MapStore(bob / "acme.json").load().conflicts
    assert [(c.section, c.kind.value) for c in conflicts] == [("people", "deleted")]
    assert conflicts[0].theirs is None  # alice deleted
    sm(bob, "resolve", "acme.json", conflicts[0].id, "--ours")
    assert _person(bob, "Cy Park")["notes"] == "moving to the board"
    git(bob, "add", "acme.json")
    git(bob, "commit", "-q", "--no-edit")
    _valid(bob)


@pytest.mark.team_workflow
def test_touches_logged_on_both_sides_both_survive(home, tmp_path, capsys):
    alice, bob = _team(tmp_path, capsys)
    sm(alice, "log", "acme.json", "Ann Lee", "--kind", "call", "--summary", "alice's call",
       "--date", "2026-11-02")  # fmt: skip
    _share(alice, "a call")
    # The same day on both sides: Ann's last contact and coverage agree, so only
    # the touches themselves are new on each side.
    sm(bob, "log", "acme.json", "Ann Lee", "--kind", "meeting", "--summary", "bob's meeting",
       "--date", "2026-11-02")  # fmt: skip
    sm(bob, "log", "acme.json", "Bo Chen", "--kind", "email", "--summary", "bob's email",
       "--date", "2026-11-03")  # fmt: skip
    git(bob, "commit", "-q", "-am", "two touches")

    git(bob, "pull", "-q", "origin", "main")

    stakemap = MapStore(bob / "acme.json").load()
    summaries = sorted(touch.summary for touch in stakemap.interactions)
    assert summaries == ["alice's call", "bob's email", "bob's meeting"]
    assert stakemap.conflicts == []
    _valid(bob)
    log = git(bob, "log", "-p", "-1", "--first-parent", "-m").stdout
    assert "touch: 2026-11-02 call with Ann Lee: alice's call" in log
