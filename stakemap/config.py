"""One configuration for every front end: the analysis thresholds a team shares.

``analyze``, ``plan``, every export and the app read the same settings, so a
team sees the same findings whichever tool shows them. Two files, both TOML
and both optional, the later overriding the earlier key by key:

1. the user's, ``config.toml`` in stakemap's config folder
   (``~/.config/stakemap/config.toml`` on Linux);
2. the map's, ``stakemap.toml`` in the map's folder, committed beside the
   maps so teammates who share them through git share the thresholds too.

Then ``--set NAME=VALUE`` on a command line overrides both. The file::

    [thresholds]            # any scalar threshold of AnalysisConfig
    stale_days = 60
    top_priorities = 3

    [stale_contact]         # days without contact before a key player is stale, per role
    economic_buyer = 30
    decision_maker = 45

    [departments]           # how a department's state is weighed
    real_share = 0.25       # a side holding this share of the weight is real
    known_share = 0.5       # below this share of known stances: unknown

A bad file is never half-used: one sentence names the file, the key and the
value (``ConfigError``), and defaults fill in only what the files leave out.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from platformdirs import user_config_dir

from stakemap.analysis.config import AnalysisConfig
from stakemap.errors import StakemapError, ValidationError, shown
from stakemap.vocab import Role

__all__ = [
    "CONFIG_FILE",
    "DEFAULT",
    "MAP_CONFIG_FILE",
    "ConfigError",
    "Settings",
    "load_settings",
    "map_config_path",
    "parse_config",
    "user_config_path",
]

CONFIG_FILE: Final = "config.toml"
MAP_CONFIG_FILE: Final = "stakemap.toml"
#: Where a value came from when no file set it.
DEFAULT: Final = "default"
#: ``[departments]`` keys and the thresholds they set.
_DEPARTMENT_KEYS: Final = {
    "real_share": "department_real_share",
    "known_share": "department_known_share",
}
_SECTIONS: Final = ("thresholds", "stale_contact", "departments")
_ROLES: Final = tuple(role.value for role in Role)


class ConfigError(StakemapError, ValueError):
    """A config file that cannot be used: names the file, the key and the value."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective settings, and where each value came from.

    ``sources`` maps each threshold name (and ``stale_contact.<role>`` for the
    per-role limits) to ``"default"``, a file's path, or ``"--set"``.
    """

    analysis: AnalysisConfig = field(default_factory=AnalysisConfig)
    sources: Mapping[str, str] = field(default_factory=dict)
    files: tuple[Path, ...] = ()

    def source(self, name: str) -> str:
        return self.sources.get(name, DEFAULT)

    def rows(self) -> list[tuple[str, object, str]]:
        """``(name, value, source)`` for every setting, in the file's order of sections."""
        config = self.analysis
        out: list[tuple[str, object, str]] = [
            (name, getattr(config, name), self.source(name)) for name in AnalysisConfig.names()
        ]
        limits = dict(config.stale_days_by_role)
        for role in _ROLES:
            key = f"stale_contact.{role}"
            out.append((key, limits.get(role, config.stale_days), self.source(key)))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": [str(path) for path in self.files],
            "settings": [
                {"name": name, "value": value, "source": source}
                for name, value, source in self.rows()
            ],
        }

    def with_overrides(self, items: Iterable[str]) -> Settings:
        """Apply ``--set NAME=VALUE`` strings on top (their source reads ``--set``)."""
        items = list(items)
        if not items:
            return self
        config = self.analysis.with_overrides(items)
        sources = dict(self.sources)
        for item in items:
            sources[item.partition("=")[0].strip()] = "--set"
        return Settings(config, sources, self.files)


def user_config_path() -> Path:
    return Path(user_config_dir("stakemap")) / CONFIG_FILE


def map_config_path(map_path: Path) -> Path:
    """The team's file for a map: ``stakemap.toml`` in the map's folder."""
    return map_path.resolve().parent / MAP_CONFIG_FILE


def parse_config(text: str, *, source: str = CONFIG_FILE) -> dict[str, Any]:
    """The threshold values one file sets, checked: ``{name: value}``.

    Per-role stale limits come back as ``stale_contact.<role>`` keys. Raises
    ``ConfigError`` naming ``source``, the key and the value.

    >>> parse_config("[thresholds]\\nstale_days = 90\\n[stale_contact]\\napprover = 20")
    {'stale_days': 90, 'stale_contact.approver': 20}
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, f"not valid TOML ({exc}).") from None
    out: dict[str, Any] = {}
    for section, table in data.items():
        if not isinstance(table, dict):
            home = "[thresholds]" if section in AnalysisConfig.names() else "a section"
            raise ConfigError(
                source, f"{section} = {shown(table)} is outside a section; put it under {home}."
            )
        if section not in _SECTIONS:
            raise ConfigError(
                source,
                f"{shown(section)} is not a section; use {', '.join(f'[{s}]' for s in _SECTIONS)}.",
            )
        for key, value in table.items():
            out.update(_setting(source, section, key, value))
    return out


def _setting(source: str, section: str, key: str, value: Any) -> dict[str, Any]:
    where = f"[{section}] {key} = {shown(value)}"
    if section == "thresholds":
        if key not in AnalysisConfig.names():
            raise ConfigError(
                source,
                f"[{section}] {shown(key)} is not a threshold; known: "
                f"{', '.join(AnalysisConfig.names())}.",
            )
        name = key
    elif section == "departments":
        if key not in _DEPARTMENT_KEYS:
            raise ConfigError(
                source,
                f"[{section}] {shown(key)} is not a department rule; known: "
                f"{', '.join(_DEPARTMENT_KEYS)}.",
            )
        name = _DEPARTMENT_KEYS[key]
    else:
        if key not in _ROLES:
            raise ConfigError(
                source, f"[{section}] {shown(key)} is not a role; known: {', '.join(_ROLES)}."
            )
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigError(source, f"{where}: days must be a whole number, 0 or more.")
        return {f"stale_contact.{key}": value}
    if isinstance(value, (dict, list)):
        raise ConfigError(source, f"{where}: {name} must be a single number.")
    try:
        AnalysisConfig().with_overrides({name: value})
    except ValidationError as exc:
        reason = exc.reason or str(exc)
        raise ConfigError(source, f"{where}: {reason}.") from None
    if name in _SHARES and not 0 <= float(value) <= 1:
        raise ConfigError(source, f"{where}: {key} is a share between 0 and 1.")
    return {name: value}


_SHARES: Final = frozenset({"department_real_share", "department_known_share"})


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(path, f"cannot be read ({exc.strerror or exc}).") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, "is not UTF-8 text.") from None
    return parse_config(text, source=str(path))


def load_settings(map_path: Path | None = None, *, user_file: Path | None = None) -> Settings:
    """The effective settings for ``map_path`` (or for no map): defaults, then the
    user's file, then the file beside the map.

    Missing files are silent; a file that exists and is wrong raises
    ``ConfigError`` rather than being half-applied.
    """
    paths = [user_file if user_file is not None else user_config_path()]
    if map_path is not None:
        beside = map_config_path(map_path)
        if beside not in paths:
            paths.append(beside)
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    used: list[Path] = []
    for path in paths:
        found = _read(path)
        if found:
            used.append(path)
        for key, value in found.items():
            values[key] = value
            sources[key] = str(path)
    scalars = {k: v for k, v in values.items() if not k.startswith("stale_contact.")}
    config = AnalysisConfig().with_overrides(scalars) if scalars else AnalysisConfig()
    limits = tuple(
        (role, int(values[f"stale_contact.{role}"]))
        for role in _ROLES
        if f"stale_contact.{role}" in values
    )
    if limits:
        config = replace(config, stale_days_by_role=limits)
    return Settings(config, sources, tuple(used))
