"""Shared fixtures: a small synthetic dataset written once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kompetensi_toolkit import config

#: Small enough to keep the suite quick, large enough for every region and table.
TEST_SCALE = 0.05


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """The synthetic sample at a small scale, written once; treat as read-only."""
    from kompetensi_toolkit.sample import write_sample_dataset

    return write_sample_dataset(tmp_path_factory.mktemp("sample") / "data", scale=TEST_SCALE)


@pytest.fixture
def dataset_copy(sample_dir, tmp_path) -> Path:
    """A private copy of the small sample that a test may break."""
    return Path(shutil.copytree(sample_dir, tmp_path / "data"))


@pytest.fixture
def reference_dir() -> Path:
    return config.REFERENCE_DIR
