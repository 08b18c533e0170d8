"""The user's key remapping file, ``keymap.toml`` in stakemap's config folder.

Every binding in the app has an id (``person.add``, ``view.org``…); the file
maps ids to keys, and the app hands the result to Textual's public
``App.set_keymap``. Either layout works, because TOML reads a dotted key as
nested tables and both mean the same to a user::

    [keys]
    person.add = "n"
    "view.org" = "f2,2"      # several keys: comma-separated

A broken file never stops the app: ``load_keymap`` returns what it could use
and one sentence per problem, which the app shows as a notification while
keeping the default keys.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from platformdirs import user_config_dir

__all__ = ["KEYMAP_FILE", "LoadedKeymap", "keymap_path", "load_keymap", "parse_keymap"]

KEYMAP_FILE: Final = "keymap.toml"
_KEY = re.compile(r"^[A-Za-z0-9_+\-]+$")


@dataclass(frozen=True, slots=True)
class LoadedKeymap:
    keymap: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def keymap_path() -> Path:
    return Path(user_config_dir("stakemap")) / KEYMAP_FILE


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _flatten(value, f"{name}.")
        else:
            yield name, value


def parse_keymap(text: str, known: Iterable[str], *, source: str = KEYMAP_FILE) -> LoadedKeymap:
    """Read keymap TOML; unknown ids and bad values are reported and skipped.

    >>> parse_keymap('[keys]\\nperson.add = "n"', {"person.add"}).keymap
    {'person.add': 'n'}
    >>> print(parse_keymap('person.add = 3', {"person.add"}).problems[0])
    keymap.toml: 'person.add' must be a key name in quotes, e.g. "ctrl+n"
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return LoadedKeymap(problems=(f"{source}: {exc}; using the default keys",))
    table = data.get("keys", data) if isinstance(data.get("keys"), Mapping) else data
    known_ids = set(known)
    keymap: dict[str, str] = {}
    problems: list[str] = []
    unknown: list[str] = []
    for binding_id, value in _flatten(table):
        if binding_id not in known_ids:
            unknown.append(binding_id)
            continue
        keys = [k.strip() for k in value.split(",")] if isinstance(value, str) else []
        if not keys or not all(k and _KEY.match(k) for k in keys):
            problems.append(f'{source}: {binding_id!r} must be a key name in quotes, e.g. "ctrl+n"')
            continue
        keymap[binding_id] = ",".join(keys)
    if unknown:
        problems.append(
            f"{source}: unknown binding id {', '.join(map(repr, unknown))} ignored; "
            "the help screen (?) lists the ids"
        )
    return LoadedKeymap(keymap, tuple(problems))


def load_keymap(known: Iterable[str], path: Path | None = None) -> LoadedKeymap:
    """The user's keymap, or an empty one when there is no file."""
    path = path or keymap_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadedKeymap()
    except (OSError, UnicodeDecodeError) as exc:
        return LoadedKeymap(problems=(f"{path}: cannot be read ({exc}); using the default keys",))
    return parse_keymap(text, known, source=str(path))
