"""Fixtures for the export tests; the maps themselves live in ``sm_testmaps``."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sm_testmaps import TODAY, build_hostile, build_northwind

from stakemap.model import StakeMap


@pytest.fixture
def northwind() -> StakeMap:
    return build_northwind()


@pytest.fixture
def hostile() -> StakeMap:
    return build_hostile()


@pytest.fixture
def today() -> date:
    return TODAY
