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

from stakemap.analysis import analyze
from stakemap.config import load_settings
from stakemap.errors import StakemapError
from stakemap.store import MapStore

__all__ = ["MapEntry", "describe", "maps_folder", "scan"]


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


def describe(where: str, path: Path, *, today: date | None = None) -> MapEntry:
    """Open the file read-only and summarise it; a bad file gives its reason instead."""
    try:
        stamp = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        stamp = ""
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
