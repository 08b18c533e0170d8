"""Root pytest configuration: keep doctest collection off entry-point modules, and
end every run clean."""

from __future__ import annotations

import gc

import pytest

collect_ignore = ["stakemap/__main__.py"]


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Freeze the heap once the tests are done, so pytest's closing collections are instant.

    After its last test an xdist worker runs pytest's five closing
    ``gc.collect()`` calls (its unraisable-exception check) over a heap of
    hundreds of finished Textual apps. On a loaded machine that passes the five
    seconds execnet allows a worker to stop, and execnet then sends the worker a
    SIGINT: it lands inside hypothesis's gc callback and is printed after a
    passing run as a ``KeyboardInterrupt`` traceback (seen 1 run in 5 with two
    ``yes`` loads). Frozen objects are never collected again, which costs
    nothing in a process about to exit; the per-test unraisable checks still run.
    """
    del session
    gc.freeze()
