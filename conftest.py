"""Shared by the test suite and the doctests of the package (both are collected)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test or doctest drew, so none piles up."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
