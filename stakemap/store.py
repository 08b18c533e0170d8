"""Map files: one TinyDB JSON document per map, written so it can never be torn.

Why not TinyDB's ``JSONStorage``: it rewrites the file in place, so a crash or a
kill in the middle of a write leaves half a file, and two processes writing at
once interleave. ``AtomicJSONStorage`` writes a temporary file in the same
folder, fsyncs it, renames it over the map with ``os.replace`` (atomic on
POSIX and Windows) and fsyncs the folder, so at any instant the path holds the
old map or the new one.

``MapStore`` adds what a multi-process tool needs on top: a lock around
read-modify-write (``filelock``), detection of changes made on disk since the
map was read (so nothing is overwritten silently), schema migration with a
``.bak`` of the original, and errors that name the file and the problem.

File layout (TinyDB tables, each ``{doc_id: record}``)::

    meta          one record: app, schema_version, account, initiative, owner,
                  created, modified
    stakeholders  one record per person (see ``records.Stakeholder``)
    links         one record per link (see ``records.Link``)
    retired       ids deleted from the map, with when: never reused, and
                  what a three-way merge needs to tell "deleted" from "never seen"
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, cast

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from stakemap.errors import MapConflictError, MapFileError, StakemapError
from stakemap.model import StakeMap
from stakemap.perf import paused_gc
from stakemap.records import Account, Link, Stakeholder

__all__ = [
    "APP_MARKER",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AtomicJSONStorage",
    "MapStore",
    "atomic_write",
    "map_from_tables",
    "map_to_tables",
]

APP_MARKER: Final = "stakemap"
#: Bump when the stored shape changes, and add a step to ``MIGRATIONS``.
SCHEMA_VERSION: Final = 1
#: ``{from_version: step}``; each step turns the tables of ``from_version``
#: into those of ``from_version + 1``. Applied in memory on open; the first save
#: keeps a ``.bak`` of the original file.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

FILE_MODE: Final = 0o600
LOCK_TIMEOUT_S: Final = 10.0
_TABLES: Final = ("meta", "stakeholders", "links", "retired")


# --- atomic file writing -----------------------------------------------------


def _tmp_prefix(path: Path) -> str:
    return f".{path.name}."


def atomic_write(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` so readers see the old or the new bytes, never a mix.

    New files get ``FILE_MODE`` (0600: maps hold personal notes); an existing
    file keeps its mode unless ``mode`` is given.
    """
    path = Path(os.path.realpath(path))
    folder = path.parent
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = FILE_MODE
    fd, tmp_name = tempfile.mkstemp(prefix=_tmp_prefix(path), suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders can't be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temp_files(path: Path) -> int:
    """Delete temp files a killed writer left beside ``path``. Call only under the lock."""
    path = Path(os.path.realpath(path))
    removed = 0
    for leftover in path.parent.glob(f"{_tmp_prefix(path)}*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed


class AtomicJSONStorage(Storage):
    """TinyDB storage that reads and validates JSON, and writes atomically.

    The whole interface is TinyDB's three methods. ``read`` raises
    ``MapFileError`` with a user-facing reason instead of a ``JSONDecodeError``
    traceback; ``write`` goes through ``atomic_write``. Combine with TinyDB's
    ``CachingMiddleware`` so a save is one read (or none) and one write however
    many tables are touched.
    """

    def __init__(self, path: str | os.PathLike[str], *, raw: bytes | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self._raw = raw
        #: the bytes of the last successful write, so the store can fingerprint
        #: what it wrote without reading the file back.
        self.written: bytes | None = None

    def read(self) -> dict[str, dict[str, Any]]:
        raw = self._raw if self._raw is not None else read_bytes(self.path)
        return parse_tables(self.path, raw)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raw = encode(data)
        atomic_write(self.path, raw)
        self.written = raw

    def close(self) -> None:
        pass


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def encode(tables: Mapping[str, Mapping[str, Any]]) -> bytes:
    """TinyDB's JSON, one record per line.

    Teammates keep maps in git and review changes by eye, so a record per line
    gives useful diffs. It is also ten times faster than ``indent=``: Python's
    C encoder only runs without indentation, so each record is encoded by it
    and the lines are joined here.
    """
    dumps = _ENCODER.encode
    blocks = []
    for name, table in tables.items():
        rows = ",\n".join(f"  {dumps(str(key))}: {dumps(doc)}" for key, doc in table.items())
        blocks.append(f" {dumps(name)}: {{\n{rows}\n }}" if rows else f" {dumps(name)}: {{}}")
    return ("{\n" + ",\n".join(blocks) + "\n}\n").encode("utf-8")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise MapFileError(path, "no such file") from None
    except IsADirectoryError:
        raise MapFileError(path, "is a folder, not a file") from None
    except PermissionError:
        raise MapFileError(path, "permission denied: cannot read the file") from None
    except OSError as exc:
        raise MapFileError(path, f"cannot be read ({exc.strerror or exc})") from None


def parse_tables(path: Path, raw: bytes) -> dict[str, dict[str, Any]]:
    """Decode a TinyDB document, turning every kind of damage into one sentence."""
    if not raw.strip():
        raise MapFileError(path, "the file is empty, so it is not a stakemap map")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MapFileError(
            path, f"not a stakemap map: binary or non-UTF-8 data at byte {exc.start}"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        stripped = text.rstrip()
        if exc.pos >= len(stripped) or (stripped.startswith("{") and not stripped.endswith("}")):
            raise MapFileError(
                path,
                "not a complete map file: the JSON ends early (the file is truncated)",
            ) from None
        raise MapFileError(
            path,
            f"not a stakemap map: invalid JSON at line {exc.lineno}, "
            f"column {exc.colno} ({exc.msg})",
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict)
        and all(isinstance(doc, dict) and key.isdigit() for key, doc in table.items())
        for table in data.values()
    ):
        raise MapFileError(path, "not a stakemap map: the JSON is not a TinyDB database")
    return data


# --- map <-> tables ----------------------------------------------------------


def map_to_tables(stakemap: StakeMap) -> dict[str, list[dict[str, Any]]]:
    """The records of each table, in insertion order (TinyDB assigns doc ids)."""
    meta = {
        "app": APP_MARKER,
        "schema_version": SCHEMA_VERSION,
        **stakemap.account.to_dict(),
    }
    return {
        "meta": [meta],
        "stakeholders": [p.to_dict() for p in stakemap.people],
        "links": [link.to_dict() for link in stakemap.links],
        "retired": [{"id": rid, "retired": when} for rid, when in stakemap.retired.items()],
    }


def map_from_tables(path: Path, tables: Mapping[str, list[dict[str, Any]]]) -> tuple[StakeMap, int]:
    """Check the meta record, migrate old schemas, and build the map.

    ``tables`` maps table names to their records in document order. Returns the
    map and the schema version the file was written with.
    """
    metas = tables.get("meta") or []
    if len(metas) != 1 or metas[0].get("app") != APP_MARKER:
        raise MapFileError(path, "not a stakemap map: it has no stakemap 'meta' record")
    version = metas[0].get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise MapFileError(path, f"damaged map: schema_version {version!r} is not a version number")
    if version > SCHEMA_VERSION:
        raise MapFileError(
            path,
            f"written by a newer stakemap (schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}); upgrade stakemap to open it",
        )
    data: dict[str, Any] = {name: list(tables.get(name) or []) for name in _TABLES}
    for step_from in range(version, SCHEMA_VERSION):
        data = MIGRATIONS[step_from](data)

    meta = {k: v for k, v in data["meta"][0].items() if k not in ("app", "schema_version")}
    where = "meta"
    try:
        account = Account.from_dict(meta)
        people = []
        for index, record in enumerate(data["stakeholders"], start=1):
            where = f"stakeholder {index}" + (
                f" ({record['name']!r})" if isinstance(record.get("name"), str) else ""
            )
            people.append(Stakeholder.from_dict(record))
        links = []
        for index, record in enumerate(data["links"], start=1):
            where = f"link {index}"
            links.append(Link.from_dict(record))
        where = "retired ids"
        retired = {str(r["id"]): str(r.get("retired", "")) for r in data["retired"]}
        where = "links"
        stakemap = StakeMap.from_records(account, people, links, retired=retired)
    except StakemapError as exc:
        raise MapFileError(path, f"damaged map: {where}: {exc}") from None
    except (KeyError, TypeError, AttributeError) as exc:
        raise MapFileError(path, f"damaged map: {where}: malformed record ({exc})") from None
    return stakemap, version


# --- the store -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Fingerprint:
    """What the file looked like when we last read or wrote it."""

    stat: tuple[int, int, int, int]
    digest: str


def _stat_key(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class MapStore:
    """Open, save and safely edit one map file.

    Typical CLI use holds the lock for the whole read-modify-write, so two
    processes editing one map serialise instead of losing each other's work::

        with MapStore(path).edit() as stakemap:
            stakemap.add_person(name="Ann Lee")

    Long-lived users (the TUI) ``load`` once and ``save`` after each change;
    ``save`` raises ``MapConflictError`` if someone else wrote the file since.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fingerprint: _Fingerprint | None = None
        #: bytes of a file read with an older schema, kept until the first save
        #: writes them to a ``.bak``.
        self._original: bytes | None = None
        self.loaded_version: int | None = None

    @property
    def lock_path(self) -> Path:
        real = Path(os.path.realpath(self.path))
        return real.with_name(f".{real.name}.lock")

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the map's inter-process lock (a hidden ``.NAME.lock`` beside it)."""
        folder = self.lock_path.parent
        if not folder.is_dir():
            # filelock would create it: a typo in a path must not grow folders.
            raise MapFileError(self.path, f"the folder {folder} does not exist")
        lock = FileLock(self.lock_path, timeout=LOCK_TIMEOUT_S, mode=FILE_MODE)
        try:
            lock.acquire()
        except Timeout:
            raise MapFileError(
                self.path,
                f"locked by another stakemap process for over {LOCK_TIMEOUT_S:.0f} s",
            ) from None
        except PermissionError:
            raise MapFileError(
                self.path, f"no permission to write in the folder {folder}"
            ) from None
        except OSError as exc:
            raise MapFileError(
                self.path,
                f"cannot create the lock file {self.lock_path.name} ({exc.strerror})",
            ) from None
        try:
            yield
        finally:
            lock.release()

    # --- reading ---------------------------------------------------------------

    def load(self) -> StakeMap:
        """Read the map; the file is never modified by reading, whatever its state."""
        raw = read_bytes(self.path)
        st = os.stat(self.path)
        with paused_gc():
            # The storage's raw tables, not ``TinyDB(...).table(name).all()``: the
            # loader validates every record anyway and TinyDB's per-document
            # wrapping of 60,000 records costs a tenth of a second on a big map.
            stored = AtomicJSONStorage(self.path, raw=raw).read()
            tables = {name: list(docs.values()) for name, docs in stored.items()}
            stakemap, version = map_from_tables(self.path, tables)
        self._fingerprint = _Fingerprint(_stat_key(st), hashlib.sha256(raw).hexdigest())
        self.loaded_version = version
        self._original = raw if version < SCHEMA_VERSION else None
        return stakemap

    def changed_on_disk(self) -> bool:
        """True if the file is not what we last read or wrote (cheap when unchanged)."""
        if self._fingerprint is None:
            return self.path.exists()
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return False  # deleted: writing it back loses nothing
        if _stat_key(st) == self._fingerprint.stat:
            return False
        try:
            raw = self.path.read_bytes()
        except OSError:
            return True
        return hashlib.sha256(raw).hexdigest() != self._fingerprint.digest

    # --- writing ---------------------------------------------------------------

    def create(self, stakemap: StakeMap) -> None:
        """Write a brand-new map file; refuses to replace an existing one."""
        with self.locked():
            if self.path.exists():
                raise MapFileError(self.path, "already exists; choose another name")
            self._write(stakemap)

    def save(self, stakemap: StakeMap, *, force: bool = False) -> None:
        """Write ``stakemap`` atomically, unless the file changed since we read it.

        ``force`` overwrites anyway: the user chose "keep mine" after a conflict.
        """
        with self.locked():
            if not force and self.changed_on_disk():
                raise MapConflictError(self.path)
            self._write(stakemap)

    @contextlib.contextmanager
    def edit(self) -> Iterator[StakeMap]:
        """Locked read-modify-write: nothing is written if the body raises."""
        with self.locked():
            stakemap = self.load()
            revision = stakemap.revision
            yield stakemap
            if stakemap.revision != revision:
                self._write(stakemap)

    def _write(self, stakemap: StakeMap) -> None:
        """Write under the lock; keeps a ``.bak`` of a migrated original first."""
        remove_stale_temp_files(self.path)
        if self._original is not None:
            atomic_write(_free_backup_path(self.path), self._original, mode=FILE_MODE)
            self._original = None
        # tinydb leaves its middleware untyped (no annotations on __init__ and flush).
        storage = CachingMiddleware(AtomicJSONStorage)  # type: ignore[no-untyped-call]
        db = TinyDB(self.path, storage=storage)
        db.drop_tables()
        for name, records in map_to_tables(stakemap).items():
            db.table(name).insert_multiple(records)
        try:
            storage.flush()  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise MapFileError(self.path, _write_problem(exc)) from None
        # The middleware types its storage as the base class; it is the one passed above.
        written = cast(AtomicJSONStorage, storage.storage).written or b""
        st = os.stat(self.path)
        self._fingerprint = _Fingerprint(_stat_key(st), hashlib.sha256(written).hexdigest())
        self.loaded_version = SCHEMA_VERSION


def _free_backup_path(path: Path) -> Path:
    """``NAME.bak``, or ``NAME.bak.2``… so an older backup is never overwritten."""
    candidate = path.with_name(path.name + ".bak")
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak.{counter}")
        counter += 1
    return candidate


def _write_problem(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "cannot save: the disk is full (the previous version is intact)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "cannot save: no permission to write in this folder (the previous version is intact)"
    return f"cannot save ({exc.strerror or exc}); the previous version is intact"
