"""The maps a user can open: files in the current folder and in their maps folder.

No Textual here: the picker screen shows what ``describe`` returns, and the
tests check it directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from platformdirs import user_data_dir

from stakemap.errors import StakemapError

__all__ = ["HEADER_ONLY_BYTES", "MapEntry", "describe", "maps_folder", "scan"]

#: Maps from this size on (about 600 people) are listed from their header: the
#: account and the people count, no health (an analysis of 10,000 people takes
#: seconds); the map screen shows it once the map is open.
HEADER_ONLY_BYTES = 1_000_000


def maps_folder() -> Path:
    """``<user data dir>/maps``: where maps live when they are not in a project folder."""
    return Path(user_data_dir("stakemap")) / "maps"


@dataclass(frozen=True, slots=True)
class MapEntry:
    path: Path
    where: str  # "here" or "my maps"
    modified: str  # file modification time, local, "2026-11-30 09:00"
    account: str = ""
    people: int | None = None
    health: str | None = None  # red / amber / green, None if unknown
    error: str | None = None  # the MapFileError sentence for an unreadable file
    #: listed from its header (a big file): no health until it is opened
    header_only: bool = False


def scan(folders: dict[str, Path]) -> list[tuple[str, Path]]:
    """``(where, path)`` of every ``*.json`` file in the folders, newest first.

    Hidden files (the store's lock and temp files) are skipped; a folder that
    does not exist yet is simply empty.
    """
    found: list[tuple[float, str, Path]] = []
    seen: set[Path] = set()
    for where, folder in folders.items():
        try:
            children = list(folder.iterdir())
        except OSError:
            continue
        for path in children:
            if path.name.startswith(".") or path.suffix.lower() != ".json":
                continue
            real = Path(os.path.realpath(path))
            if real in seen or not path.is_file():
                continue
            seen.add(real)
            found.append((path.stat().st_mtime, where, path))
    found.sort(key=lambda item: (-item[0], str(item[2])))
    return [(where, path) for _, where, path in found]


def describe(
    where: str,
    path: Path,
    *,
    today: date | None = None,
    header_only_bytes: int | None = None,
) -> MapEntry:
    """Open the file read-only and summarise it; a bad file gives its reason instead.

    A big file (``header_only_bytes``, by default ``HEADER_ONLY_BYTES``) is
    summarised from its header only (``store.read_header``): listing it never
    waits for its parse.
    """
    # The store and the analysis (networkx) load here, in the picker's worker
    # thread, not when the app starts.
    from stakemap.analysis import analyze  # noqa: PLC0415
    from stakemap.config import load_settings  # noqa: PLC0415
    from stakemap.store import MapStore, read_header  # noqa: PLC0415

    try:
        st = path.stat()
        stamp = datetime.fromtimestamp(st.st_mtime).strftime("%Y-%m-%d %H:%M")
        limit = HEADER_ONLY_BYTES if header_only_bytes is None else header_only_bytes
        big = st.st_size >= limit
    except OSError:
        stamp, big = "", False
    if big:
        try:
            header = read_header(path)
        except StakemapError as exc:
            return MapEntry(path, where, stamp, error=str(exc))
        if header is not None:
            return MapEntry(path, where, stamp, header.account, header.people, header_only=True)
    try:
        stakemap = MapStore(path).load()
    except StakemapError as exc:
        return MapEntry(path, where, stamp, error=str(exc))
    health = None
    try:
        config = load_settings(path).analysis
        health = analyze(stakemap, today=today, config=config).health.status.value
    except Exception:  # a summary without health still lets the user open the map
        health = None
    return MapEntry(path, where, stamp, stakemap.account.account, len(stakemap), health)
