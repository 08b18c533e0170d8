"""Shared fixtures: deterministic maps and isolated user folders."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture
def never_open(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """``never_open(path)`` makes any open of ``path`` fail the test.

    Opening a FIFO for reading blocks until a writer comes, so a test that a
    FIFO is refused unopened must fail, not hang, if a regression opens it.
    """
    import builtins
    import os

    def install(forbidden: Path) -> None:
        def guard(opener: Callable[..., Any]) -> Callable[..., Any]:
            def wrapped(file: Any, *args: Any, **kwargs: Any) -> Any:
                if isinstance(file, str | os.PathLike) and os.fspath(file) == os.fspath(forbidden):
                    raise AssertionError(f"{forbidden} was opened")
                return opener(file, *args, **kwargs)

            return wrapped

        real_path_open = Path.open

        def path_open(self: Path, *args: Any, **kwargs: Any) -> Any:
            guard(lambda _f: None)(self)
            return real_path_open(self, *args, **kwargs)

        monkeypatch.setattr(os, "open", guard(os.open))
        monkeypatch.setattr(builtins, "open", guard(builtins.open))
        monkeypatch.setattr(Path, "open", path_open)

    return install
