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
    interactions  the log of touches (``records.Interaction``)
    reviews       deal reviews, each what changed since the one before
    conflicts     what a three-way merge left to settle (``records.Conflict``)

The file is written for git (teammates share maps in a repository, and
stakemap is its merge and diff driver, ``stakemap.team``): keys in a fixed
order, one record per line, and each record keeps its TinyDB document id from
save to save (``MapStore.doc_ids``). A save after one edit changes that
record's line and the meta line and nothing else; a deletion removes one line
instead of renumbering every line after it.

Any other table (written by a newer stakemap or another tool) is kept verbatim
and written back on save: a map never loses what this version does not know.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import math
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from filelock import FileLock, Timeout
from tinydb.storages import Storage

from stakemap.errors import MapConflictError, MapFileError, StakemapError, ValidationError
from stakemap.model import StakeMap
from stakemap.perf import paused_gc
from stakemap.records import Account, Conflict, Interaction, Link, Review, Stakeholder

__all__ = [
    "APP_MARKER",
    "MAX_FILE_BYTES",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AtomicJSONStorage",
    "MapHeader",
    "MapStore",
    "atomic_write",
    "atomic_write_many",
    "map_from_tables",
    "map_to_tables",
    "number_tables",
    "parse_json",
    "read_bytes",
    "read_doc_ids",
    "read_header",
]

APP_MARKER: Final = "stakemap"
#: Bump when the stored shape changes, and add a step to ``MIGRATIONS``.
SCHEMA_VERSION: Final = 4


def _add_timeline(tables: dict[str, Any]) -> dict[str, Any]:
    """1 -> 2: the map gains its past (a log of touches and the reviews); a map
    written before has neither, so the new tables start empty."""
    return {**tables, "interactions": [], "reviews": []}


def _add_team(tables: dict[str, Any]) -> dict[str, Any]:
    """2 -> 3: people gain an owner on the selling team and the team's
    relationship with them, the account its team, the map a table of merge
    conflicts. Filled with the defaults so old records keep the fast path."""
    people = [{**record, "owner": "", "relationship": "none"} for record in tables["stakeholders"]]
    meta = [{**record, "team": []} for record in tables["meta"]]
    return {**tables, "meta": meta, "stakeholders": people, "conflicts": []}


def _add_initiative_mark(tables: dict[str, Any]) -> dict[str, Any]:
    """3 -> 4: people gain the priority the rep marked as the initiative; none
    was marked before, so it starts empty (the matcher finds it by words)."""
    people = [{**record, "initiative_priority": ""} for record in tables["stakeholders"]]
    return {**tables, "stakeholders": people}


#: ``{from_version: step}``; each step turns the tables of ``from_version``
#: into those of ``from_version + 1``. Applied in memory on open; the first save
#: keeps a ``.bak`` of the original file.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _add_timeline,
    2: _add_team,
    3: _add_initiative_mark,
}

FILE_MODE: Final = 0o600
LOCK_TIMEOUT_S: Final = 10.0
_TABLES: Final = (
    "meta",
    "stakeholders",
    "links",
    "retired",
    "interactions",
    "reviews",
    "conflicts",
)
#: Largest file read (maps and imported CSVs): 256 MiB. A 10,000-person map
#: with every field filled is about 15 MB and a 50,000-person one about 79 MB,
#: so real maps fit with room to spare, while a runaway or hostile file
#: (``/dev/zero`` behind a symlink, a multi-gigabyte dump) is refused before a
#: byte is read instead of exhausting memory.
MAX_FILE_BYTES: Final = 256 * 1024 * 1024


# --- atomic file writing -----------------------------------------------------


def _tmp_prefix(path: Path) -> str:
    return f".{path.name}."


def atomic_write(
    path: Path, data: bytes, *, mode: int | None = None, exclusive: bool = False
) -> None:
    """Replace ``path`` with ``data`` so readers see the old or the new bytes, never a mix.

    New files get ``FILE_MODE`` (0600: maps hold personal notes); an existing
    file keeps its mode unless ``mode`` is given. ``exclusive``: see
    ``atomic_write_many``.
    """
    atomic_write_many([(path, data, mode)], exclusive=exclusive)


def atomic_write_many(
    files: Sequence[tuple[Path, bytes, int | None]], *, exclusive: bool = False
) -> None:
    """Write several files as one set: every file is complete on disk before any is replaced.

    Each ``(path, data, mode)`` goes to a fsynced temporary file beside its
    target first; only when all are written are they renamed into place, one
    ``os.replace`` each, back to back. A failure while writing (a full disk)
    replaces nothing. POSIX has no rename of several files at once, so a kill
    in the microseconds between the renames can still leave some replaced and
    some not; each file on its own is always whole.

    ``exclusive`` never replaces: a file that exists by the time of the rename
    is an error (``stakemap new`` racing another process). A replaced file
    keeps its owner when root writes it.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data, wanted_mode in files:
            real = Path(os.path.realpath(path))
            try:
                existing: os.stat_result | None = os.stat(real)
            except FileNotFoundError:
                existing = None
            if existing is not None and not stat.S_ISREG(existing.st_mode):
                raise MapFileError(
                    real, "is not a regular file (a device, FIFO or socket); not replacing it"
                )
            mode = wanted_mode
            if mode is None:
                mode = existing.st_mode & 0o777 if existing else FILE_MODE
            fd, tmp_name = tempfile.mkstemp(
                prefix=_tmp_prefix(real), suffix=".tmp", dir=real.parent
            )
            staged.append((tmp_name, real))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fchmod(handle.fileno(), mode)
                if existing is not None and _euid() == 0:
                    os.fchown(handle.fileno(), existing.st_uid, existing.st_gid)
                os.fsync(handle.fileno())
        for index, (tmp_name, real) in enumerate(staged):
            if exclusive:
                _link_new(tmp_name, real)
            else:
                os.replace(tmp_name, real)
            staged[index] = ("", real)
    except BaseException:
        for tmp_name, _real in staged:
            if tmp_name:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)
        raise
    for folder in dict.fromkeys(real.parent for _tmp, real in staged):
        _fsync_dir(folder)


#: What ``link`` fails with on a filesystem that has no hard links (FAT, some
#: network and FUSE mounts).
_NO_HARD_LINKS: Final = frozenset(
    {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}
)


def _link_new(tmp_name: str, real: Path) -> None:
    """Put ``tmp_name`` at ``real`` only if nothing is there (a hard link is atomic and
    refuses an existing name); filesystems without hard links fall back to a rename."""
    try:
        os.link(tmp_name, real)
    except FileExistsError:
        raise MapFileError(real, "already exists; choose another name") from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if os.path.lexists(real):
            raise MapFileError(real, "already exists; choose another name") from None
        os.replace(tmp_name, real)
        return
    os.unlink(tmp_name)


def _euid() -> int:
    """The effective user id; -1 where there is none (Windows)."""
    return os.geteuid() if hasattr(os, "geteuid") else -1


def check_writable(path: Path) -> None:
    """Refuse to replace a map the user may not write, before anything is written.

    The atomic rename needs only the folder to be writable, so on its own it
    would replace a read-only (0444) map, or another user's map in a shared
    folder, and hand the file to whoever saved it. The mode is honoured for
    root too: a 0444 map says "do not change this" whoever runs stakemap.
    """
    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
    except OSError:
        return  # a new file, or one the write itself will report on
    if not stat.S_ISREG(st.st_mode):
        raise MapFileError(
            path, "is not a regular file (a device, FIFO or socket); not replacing it"
        )
    euid = _euid()
    if euid not in (-1, 0) and st.st_uid != euid:
        raise MapFileError(
            path,
            f"belongs to another user (uid {st.st_uid}); saving would replace it with a file "
            "owned by you, so it is left alone (save a copy under another name)",
        )
    if not st.st_mode & stat.S_IWUSR or (euid not in (-1, 0) and not os.access(real, os.W_OK)):
        raise MapFileError(
            path,
            "is read-only, so nothing was saved (make it writable with chmod u+w, "
            "or save a copy under another name)",
        )


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


def remove_stale_temp_files(path: Path, *, older_than_s: float = 0.0) -> int:
    """Delete temp files a killed writer left beside ``path``.

    Under the map's lock no other writer can be mid-write, so every leftover
    is stale (``older_than_s=0``). Exports take no lock: they pass an age well
    above how long a live writer keeps its temp file (render first, then a
    write and a rename), so a concurrent export's file is never pulled away.
    """
    path = Path(os.path.realpath(path))
    removed = 0
    cutoff = time.time() - older_than_s
    for leftover in path.parent.glob(f"{_tmp_prefix(path)}*.tmp"):
        with contextlib.suppress(OSError):
            if older_than_s and leftover.lstat().st_mtime > cutoff:
                continue
            leftover.unlink()
            removed += 1
    return removed


class AtomicJSONStorage(Storage):
    """TinyDB storage that reads and validates JSON, and writes atomically.

    The whole interface is TinyDB's three methods. ``read`` raises
    ``MapFileError`` with a user-facing reason instead of a ``JSONDecodeError``
    traceback; ``write`` goes through ``atomic_write``. The store calls ``write``
    once per save with every table (kept unknown ones included), so a save is
    one write however many tables changed; ``TinyDB(path)`` still opens the
    result (``tests/test_store.py``).
    """

    def __init__(
        self, path: str | os.PathLike[str], *, raw: bytes | None = None, exclusive: bool = False
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self._raw = raw
        #: create only: fail instead of replacing a file that appeared meanwhile.
        self.exclusive = exclusive
        #: the bytes of the last successful write, so the store can fingerprint
        #: what it wrote without reading the file back.
        self.written: bytes | None = None

    def read(self) -> dict[str, dict[str, Any]]:
        raw = self._raw if self._raw is not None else read_bytes(self.path)
        return parse_tables(self.path, raw)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.write_encoded(encode(data))

    def write_encoded(self, raw: bytes) -> None:
        """Write bytes ``encode`` made (the store encodes with its per-record cache)."""
        atomic_write(self.path, raw, exclusive=self.exclusive)
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
    return _join(
        {name: [(str(key), dumps(doc)) for key, doc in t.items()] for name, t in tables.items()}
    )


def _join(tables: Mapping[str, Sequence[tuple[str, str]]]) -> bytes:
    """The file from each table's ``(doc id, record's JSON text)`` lines (``encode``'s layout)."""
    dumps = _ENCODER.encode
    blocks = []
    for name, lines in tables.items():
        # A doc id is digits (``parse_tables`` refuses others): quoted as is.
        rows = ",\n".join(
            f'  "{key}": {text}' if key.isdigit() else f"  {dumps(key)}: {text}"
            for key, text in lines
        )
        blocks.append(f" {dumps(name)}: {{\n{rows}\n }}" if rows else f" {dumps(name)}: {{}}")
    return ("{\n" + ",\n".join(blocks) + "\n}\n").encode("utf-8")


def read_bytes(path: Path, *, limit: int | None = None) -> bytes:
    """The file's bytes, refusing anything that is not a plain file of sane size.

    A FIFO would block ``open`` (and the CLI holds the map's lock while it
    reads), ``/dev/zero`` never ends: both are refused from ``stat`` before
    opening, and the file is opened non-blocking and checked again through
    the descriptor, so swapping the path in between gains nothing. ``limit``
    defaults to ``MAX_FILE_BYTES``.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        _check_readable(path, os.stat(path), limit)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise MapFileError(path, "no such file") from None
    except IsADirectoryError:
        raise MapFileError(path, "is a folder, not a file") from None
    except PermissionError:
        raise MapFileError(path, "permission denied: cannot read the file") from None
    except OSError as exc:
        if isinstance(exc, MapFileError):
            raise
        raise MapFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        _check_readable(path, os.fstat(fd), limit)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except MapFileError:
        raise
    except OSError as exc:
        raise MapFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while being read
        raise MapFileError(path, _too_big(len(data), limit))
    return data


def _check_readable(path: Path, st: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise MapFileError(path, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(st.st_mode)
            else "a device"
            if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
            else "a socket"
            if stat.S_ISSOCK(st.st_mode)
            else "not a regular file"
        )
        raise MapFileError(path, f"is {kind}, not a regular file; stakemap reads only files")
    if st.st_size > limit:
        raise MapFileError(path, _too_big(st.st_size, limit))


def _too_big(size: int, limit: int) -> str:
    return (
        f"is too large to be a map or an import ({size / 2**20:,.0f} MiB; "
        f"the limit is {limit // 2**20} MiB)"
    )


class _BadJSON(ValueError):
    """Raised from inside the JSON parser's hooks; ``parse_tables`` words it."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook``: JSON allows repeated keys and keeps the last one,
    so a map with two ``"1"`` entries would lose a person on the next save."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _BadJSON(f"the key {key[:40]!r} appears twice in one object")
            seen.add(key)
    return data


def _no_constant(name: str) -> Any:
    raise _BadJSON(f"it holds {name}, which is not a number a map can contain")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadJSON(f"the number {text[:40]} is out of range")
    return value


#: A ``\uD800``-style escape: the only way a lone surrogate gets into a
#: decoded map (raw surrogate bytes already fail UTF-8 decoding).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _find_surrogate(data: Any, where: str = "") -> str | None:
    """Where in ``data`` a lone surrogate sits ("stakeholders 3 name"), if anywhere."""
    if isinstance(data, str):
        return where or "a value" if _SURROGATE.search(data) else None
    items: Any = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        label = f"{where}/{key}" if where else str(key)
        if isinstance(key, str) and _SURROGATE.search(key):
            return label
        found = _find_surrogate(value, label)
        if found:
            return found
    return None


def parse_json(path: Path, raw: bytes, *, what: str = "map") -> Any:
    """Decode a JSON file's bytes, turning every kind of damage into one sentence.

    The shared gate for map files and JSON bundles: duplicate keys, numbers
    that are not finite or too long to convert, nesting too deep to parse and
    lone surrogates are refused here, so nothing later can crash on them or
    lose data by saving the file back. ``what`` names the kind of file in
    the sentences ("map", "JSON file").
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MapFileError(
            path, f"not a stakemap {what}: binary or non-UTF-8 data at byte {exc.start}"
        ) from None
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as exc:
        stripped = text.rstrip()
        if exc.pos >= len(stripped) or (stripped.startswith("{") and not stripped.endswith("}")):
            raise MapFileError(
                path,
                f"not a complete {what} file: the JSON ends early (the file is truncated)",
            ) from None
        raise MapFileError(
            path,
            f"not a stakemap {what}: invalid JSON at line {exc.lineno}, "
            f"column {exc.colno} ({exc.msg})",
        ) from None
    except _BadJSON as exc:
        raise MapFileError(path, f"damaged {what}: {exc}; refusing to read it") from None
    except RecursionError:
        raise MapFileError(path, f"not a stakemap {what}: the JSON is nested too deeply") from None
    except ValueError:  # int() past Python's 4,300-digit limit
        raise MapFileError(
            path, f"not a stakemap {what}: it holds a number too long to read"
        ) from None
    if _SURROGATE_ESCAPE.search(text):
        try:
            where = _find_surrogate(data)
        except RecursionError:
            where = "a deeply nested value"
        if where:
            where = where.encode("utf-8", "backslashreplace").decode("utf-8")  # printable
            where = where if len(where) <= 80 else where[:80] + "…"
            raise MapFileError(
                path,
                f"damaged {what}: the value at {where} holds a lone surrogate escape "
                "(\\uD800-\\uDFFF), which is not text",
            )
    return data


def parse_tables(path: Path, raw: bytes) -> dict[str, dict[str, Any]]:
    """Decode a TinyDB document (see ``parse_json``) and check its shape."""
    if not raw.strip():
        raise MapFileError(path, "the file is empty, so it is not a stakemap map")
    data = parse_json(path, raw)
    if not isinstance(data, dict) or not all(
        isinstance(table, dict)
        and all(isinstance(doc, dict) and key.isdigit() for key, doc in table.items())
        for table in data.values()
    ):
        raise MapFileError(path, "not a stakemap map: the JSON is not a TinyDB database")
    return data


# --- map <-> tables ----------------------------------------------------------


def map_to_tables(stakemap: StakeMap, *, records: bool = True) -> dict[str, list[dict[str, Any]]]:
    """The records of each table, in insertion order (TinyDB assigns doc ids).

    ``records=False``: only the meta record and the retired ids (the store
    encodes the record tables from the records themselves).
    """
    meta = {
        "app": APP_MARKER,
        "schema_version": SCHEMA_VERSION,
        **stakemap.account.to_dict(),
    }
    if not records:
        retired = [{"id": rid, "retired": when} for rid, when in stakemap.retired.items()]
        return {"meta": [meta], "retired": retired}
    return {
        "meta": [meta],
        "stakeholders": [p.to_dict() for p in stakemap.people],
        "links": [link.to_dict() for link in stakemap.links],
        "retired": [{"id": rid, "retired": when} for rid, when in stakemap.retired.items()],
        "interactions": [i.to_dict() for i in stakemap.interactions],
        "reviews": [r.to_dict() for r in stakemap.reviews],
        "conflicts": [c.to_dict() for c in stakemap.conflicts],
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
            name = record.get("name")
            where = f"stakeholder {index}" + (
                f" ({name[:60]!r}{'…' if len(name) > 60 else ''})" if isinstance(name, str) else ""
            )
            people.append(Stakeholder.from_dict(record))
        links = []
        for index, record in enumerate(data["links"], start=1):
            where = f"link {index}"
            links.append(Link.from_dict(record))
        where = "retired ids"
        retired = _retired(data["retired"])
        interactions = []
        for index, record in enumerate(data["interactions"], start=1):
            where = f"interaction {index}"
            interactions.append(Interaction.from_dict(record))
        reviews = []
        for index, record in enumerate(data["reviews"], start=1):
            where = f"review {index}"
            reviews.append(Review.from_dict(record))
        conflicts = []
        for index, record in enumerate(data["conflicts"], start=1):
            where = f"conflict {index}"
            conflicts.append(Conflict.from_dict(record))
        where = "links"
        stakemap = StakeMap.from_records(
            account,
            people,
            links,
            retired=retired,
            interactions=interactions,
            reviews=reviews,
            conflicts=conflicts,
        )
    except StakemapError as exc:
        raise MapFileError(path, f"damaged map: {where}: {exc}") from None
    except (KeyError, TypeError, AttributeError) as exc:
        raise MapFileError(path, f"damaged map: {where}: malformed record ({exc})") from None
    return stakemap, version


def _retired(records: list[dict[str, Any]]) -> dict[str, str]:
    """``{id: when}``; a field this version does not know is refused, never dropped."""
    retired = {}
    for record in records:
        unknown = sorted(set(record) - {"id", "retired"})
        if unknown:
            raise ValidationError(
                unknown[0],
                record[unknown[0]],
                reason="is not a retired-id field; known fields: id, retired",
            )
        rid, when = record["id"], record.get("retired", "")
        if not isinstance(rid, str) or not isinstance(when, str):
            raise TypeError(f"id and retired must be text, not {rid!r} and {when!r}")
        retired[rid] = when
    return retired


def read_doc_ids(raw_tables: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """``{table: {record id: doc id}}`` of a file's tables (records without an id skipped)."""
    doc_ids: dict[str, dict[str, int]] = {}
    for name in _TABLES[1:]:
        table = raw_tables.get(name)
        if not table:
            continue
        ids = doc_ids[name] = {}
        for doc_id, record in table.items():
            rid = record.get("id")
            if isinstance(rid, str):
                ids.setdefault(rid, int(doc_id))
    return doc_ids


def number_tables(
    tables: Mapping[str, Sequence[Mapping[str, Any]]], doc_ids: dict[str, dict[str, int]]
) -> dict[str, dict[str, Any]]:
    """Each table as TinyDB's ``{doc id: record}``, in doc id order.

    A record keeps the doc id ``doc_ids`` gives it; a new one takes the next
    number after every id the table has used, and ``doc_ids`` learns it (so
    an id is not handed out twice in a session, even after a deletion). That
    is what keeps untouched lines byte-identical between saves.
    """
    data: dict[str, dict[str, Any]] = {}
    for name, records in tables.items():
        if name == "meta":
            data[name] = {"1": records[0]} if records else {}
            continue
        rids = [record.get("id") for record in records]
        data[name] = {str(doc): records[index] for doc, index in _numbered(name, rids, doc_ids)}
    return data


def _numbered(
    name: str, rids: Sequence[object], doc_ids: dict[str, dict[str, int]]
) -> list[tuple[int, int]]:
    """``(doc id, index in rids)`` of one table's records, in doc id order (``number_tables``)."""
    known = doc_ids.setdefault(name, {})
    following = max(known.values(), default=0) + 1
    used: set[int] = set()
    table: dict[int, int] = {}
    for index, rid in enumerate(rids):
        doc = known.get(rid) if isinstance(rid, str) else None
        if doc is None or doc in used:
            doc = following
            following += 1
            if isinstance(rid, str):
                known[rid] = doc
        used.add(doc)
        table[doc] = index
    # In doc id order, not the records' order: an undone deletion puts a
    # record back at the end of the map's list, and its line must go back
    # where it was, not move to the end of the table.
    return [(doc, table[doc]) for doc in sorted(table)]


class _RecordTexts:
    """Each record's JSON text as last read or written, by record identity.

    Records are immutable, so the same object always encodes to the same
    text: a save after one edit encodes that record and the meta line, and
    joins the other lines as they were (at 10,000 people about a tenth of the
    1.2 s a full encode takes). Texts of records no longer in the map are
    dropped at each save. Filled on load from the file's own lines when the
    file is laid out as ``encode`` writes it, so the first save is fast too.
    """

    def __init__(self) -> None:
        self._texts: dict[int, tuple[object, str]] = {}
        #: the file and its records as loaded, learned from at the first save
        #: (not on load: opening a map does not wait for it)
        self._unread: tuple[bytes, dict[str, list[Any]]] | None = None

    def lines(self, records: Sequence[Any], fresh: dict[int, tuple[object, str]]) -> list[str]:
        """The texts of ``records`` (encoding those not seen); each goes into ``fresh``."""
        if self._unread is not None:
            raw, loaded = self._unread
            self._unread = None
            self._learn(raw, loaded)
        dumps = _ENCODER.encode
        texts = []
        for record in records:
            hit = self._texts.get(id(record))
            text = hit[1] if hit is not None and hit[0] is record else dumps(record.to_dict())
            fresh[id(record)] = (record, text)
            texts.append(text)
        return texts

    def replace(self, fresh: dict[int, tuple[object, str]]) -> None:
        self._texts = fresh

    def learn(self, raw: bytes, stakemap: StakeMap) -> None:
        """Take each record's text from the file it was just read from, where they match."""
        self._texts = {}
        self._unread = (raw, {name: list(rows) for name, rows in _record_tables(stakemap).items()})

    def _learn(self, raw: bytes, loaded: Mapping[str, Sequence[Any]]) -> None:
        tables = _record_lines(raw)
        if tables is None:
            return
        for name, records in loaded.items():
            lines = tables.get(name, [])
            if len(lines) != len(records):
                continue
            for record, text in zip(records, lines, strict=True):
                self._texts[id(record)] = (record, text)


def _record_tables(stakemap: StakeMap) -> dict[str, Sequence[Any]]:
    """The map's tables of records (``map_to_tables`` without meta and retired ids)."""
    return {
        "stakeholders": stakemap.people,
        "links": stakemap.links,
        "interactions": stakemap.interactions,
        "reviews": stakemap.reviews,
        "conflicts": stakemap.conflicts,
    }


_TABLE_LINE = re.compile(r' ("[a-z_]+"): \{(\}?),?')
_RECORD_LINE = re.compile(r'  "\d+": (\{.*\}),?')


def _record_lines(raw: bytes) -> dict[str, list[str]] | None:
    """``{table: [record's JSON text, …]}`` of a file in ``encode``'s layout, else None."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = text.split("\n")
    if not lines or lines[0] != "{":
        return None
    tables: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines[1:]:
        if current is not None:
            found = _RECORD_LINE.fullmatch(line)
            if found is not None:
                current.append(found.group(1))
                continue
            if line not in (" }", " },"):
                return None
            current = None
            continue
        table = _TABLE_LINE.fullmatch(line)
        if table is not None:
            current = tables.setdefault(json.loads(table.group(1)), [])
            if table.group(2):  # "name": {} - an empty table
                current = None
        elif line in ("}", ""):
            continue
        else:
            return None
    return tables


def _unknown_tables(tables: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The tables stakemap does not use, to be written back as they were read."""
    return {name: table for name, table in tables.items() if name not in _TABLES}


# --- the header: what a list of maps shows, without parsing the map ----------


@dataclass(frozen=True, slots=True)
class MapHeader:
    """What the picker lists for a map: its account and initiative, and how many people."""

    account: str
    initiative: str
    people: int


#: The file as ``encode`` writes it starts with the meta table, one record on one line.
_META_LINE = re.compile(rb'\A\{\n "meta": \{\n  "1": (\{[^\n]*\})\n \}')
_PEOPLE_START = b'\n "stakeholders": {'


def read_header(path: Path) -> MapHeader | None:
    """The meta record and the people count of a map stakemap wrote, without parsing it all.

    A list of maps must not wait a second per 10,000-person map: the meta
    record is the file's first line of data (``encode``), and each person is
    one line of the ``stakeholders`` table (JSON escapes newlines inside
    strings, so a raw newline is always structure), so counting lines counts
    people. ``None`` when the file is not laid out that way (written by hand
    or by another tool): then only a full ``MapStore.load`` can say. Nothing
    here validates the rest: a damaged body is found when the map is opened.
    """
    raw = read_bytes(path)
    found = _META_LINE.match(raw)
    if found is None:
        return None
    try:
        meta = json.loads(found.group(1))
    except ValueError:
        return None
    if not isinstance(meta, dict) or meta.get("app") != APP_MARKER:
        return None
    start = raw.find(_PEOPLE_START, found.end())
    if start < 0:
        return None
    start += len(_PEOPLE_START)
    if raw.startswith(b"}", start):
        people = 0
    else:
        end = raw.find(b"\n }", start)
        if end < 0:
            return None
        people = raw.count(b"\n", start, end)
    account, initiative = meta.get("account"), meta.get("initiative", "")
    if not isinstance(account, str) or not isinstance(initiative, str):
        return None
    return MapHeader(account, initiative, people)


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

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        unknown_tables: Mapping[str, dict[str, Any]] | None = None,
    ) -> None:
        self.path = Path(path)
        #: tables of the file this version does not use, written back verbatim
        #: (pass them on to a store that saves the same map under a new name).
        self.unknown_tables: dict[str, dict[str, Any]] = dict(unknown_tables or {})
        self._fingerprint: _Fingerprint | None = None
        #: bytes of a file read with an older schema, kept until the first save
        #: writes them to a ``.bak``.
        self._original: bytes | None = None
        self.loaded_version: int | None = None
        #: ``{table: {record id: TinyDB doc id}}`` as last read or written, so a
        #: record keeps its line's key from save to save (see the module doc).
        #: A merge fills it from the files it merges.
        self.doc_ids: dict[str, dict[str, int]] = {}
        self._texts = _RecordTexts()

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
            if self.lock_path.exists():
                raise MapFileError(
                    self.path,
                    f"no permission to open its lock file {self.lock_path.name} "
                    "(another user's); the map is not yours to change",
                ) from None
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
            raw_tables = AtomicJSONStorage(self.path, raw=raw).read()
            tables = {name: list(docs.values()) for name, docs in raw_tables.items()}
            stakemap, version = map_from_tables(self.path, tables)
        self.unknown_tables = _unknown_tables(raw_tables)
        self.doc_ids = read_doc_ids(raw_tables)
        self._fingerprint = _Fingerprint(_stat_key(st), hashlib.sha256(raw).hexdigest())
        self.loaded_version = version
        self._original = raw if version < SCHEMA_VERSION else None
        if version == SCHEMA_VERSION:
            self._texts.learn(raw, stakemap)
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
            raw = read_bytes(self.path)
        except MapFileError:
            return True
        return hashlib.sha256(raw).hexdigest() != self._fingerprint.digest

    # --- writing ---------------------------------------------------------------

    def create(self, stakemap: StakeMap) -> None:
        """Write a brand-new map file; refuses to replace an existing one.

        A failed create leaves nothing behind: no map, and no lock file for a
        map that does not exist.
        """
        with self.locked():
            if self.path.exists():
                raise MapFileError(self.path, "already exists; choose another name")
            try:
                self._write(stakemap, exclusive=True)
            except BaseException:
                if not os.path.lexists(self.path):
                    with contextlib.suppress(OSError):
                        self.lock_path.unlink()
                raise

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

    def _write(self, stakemap: StakeMap, *, exclusive: bool = False) -> None:
        """Write under the lock; keeps a ``.bak`` of a migrated original first."""
        check_writable(self.path)
        remove_stale_temp_files(self.path)
        if self._original is not None:
            atomic_write(_free_backup_path(self.path), self._original, mode=FILE_MODE)
            self._original = None
        storage = AtomicJSONStorage(self.path, exclusive=exclusive)
        try:
            with paused_gc():  # tens of thousands of lines, none of them cyclic
                raw = self._encode(stakemap)
            storage.write_encoded(raw)
        except UnicodeEncodeError as exc:
            raise MapFileError(
                self.path,
                f"cannot save: some text is not valid Unicode (position {exc.start}); "
                f"{_intact(exclusive)}",
            ) from None
        except MapFileError:
            raise
        except OSError as exc:
            raise MapFileError(self.path, _write_problem(exc, new_file=exclusive)) from None
        written = storage.written or b""
        st = os.stat(self.path)
        self._fingerprint = _Fingerprint(_stat_key(st), hashlib.sha256(written).hexdigest())
        self.loaded_version = SCHEMA_VERSION

    def _encode(self, stakemap: StakeMap) -> bytes:
        """``encode(number_tables(map_to_tables(stakemap), doc_ids))`` and the unknown
        tables, the same bytes, with each unchanged record's text reused (``_RecordTexts``)."""
        tables = map_to_tables(stakemap, records=False)
        dumps = _ENCODER.encode
        lines: dict[str, list[tuple[str, str]]] = {"meta": [("1", dumps(tables["meta"][0]))]}
        records = _record_tables(stakemap)
        fresh: dict[int, tuple[object, str]] = {}
        for name in _TABLES[1:]:
            if name in records:
                rows = records[name]
                rids: list[object] = [record.id for record in rows]
                texts = self._texts.lines(rows, fresh)
            else:
                docs = tables[name]
                rids = [doc.get("id") for doc in docs]
                texts = [dumps(doc) for doc in docs]
            numbered = _numbered(name, rids, self.doc_ids)
            lines[name] = [(str(doc), texts[index]) for doc, index in numbered]
        for name, table in self.unknown_tables.items():
            lines[name] = [(str(key), dumps(doc)) for key, doc in table.items()]
        raw = _join(lines)
        self._texts.replace(fresh)
        return raw


def _free_backup_path(path: Path) -> Path:
    """``NAME.bak``, or ``NAME.bak.2``… so an older backup is never overwritten."""
    candidate = path.with_name(path.name + ".bak")
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak.{counter}")
        counter += 1
    return candidate


def _intact(new_file: bool) -> str:
    return "no file was created" if new_file else "the previous version is intact"


def _write_problem(exc: OSError, *, new_file: bool = False) -> str:
    intact = _intact(new_file)
    if exc.errno == errno.ENOSPC:
        return f"cannot save: the disk is full ({intact})"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot save: no permission to write in this folder ({intact})"
    return f"cannot save ({exc.strerror or exc}); {intact}"
