"""Shared fixtures and paths for the test suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
SHARED_STATEMENT = ROOT.parent / "shared" / "sources" / "joint_statement_2024-10-18.txt"


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A throw-away copy of data/ for tests that corrupt files (data/ itself is never written)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
