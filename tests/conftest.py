"""Shared fixtures: deterministic maps and isolated user folders."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest

from stakemap.model import StakeMap


def counter_ids() -> Callable[[str], str]:
    """Readable, reproducible ids for tests: p00000001, l00000002…"""
    numbers = itertools.count(1)
    return lambda prefix: f"{prefix}{next(numbers):08d}"


def fixed_clock(stamp: str = "2026-11-30T09:00:00Z") -> Callable[[], str]:
    return lambda: stamp


@pytest.fixture
def make_map() -> Callable[..., StakeMap]:
    """Factory for an empty map with reproducible ids and a fixed clock."""

    def factory(account: str = "Northwind Logistics", **kwargs: object) -> StakeMap:
        kwargs.setdefault("initiative", "RevOps platform")
        return StakeMap.new(account, id_factory=counter_ids(), clock=fixed_clock(), **kwargs)

    return factory


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Never read or write the developer's real stakemap config or maps."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    yield
