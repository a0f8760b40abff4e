"""Shared fixtures and paths for the test suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
SHARED_STATEMENT = ROOT.parent / "shared" / "sources" / "joint_statement_2024-10-18.txt"


#: True when the helpers under test are this checkout's (``make setup``'s editable install), not a wheel
#: installed elsewhere (``make min-versions``): some tests are about the checkout's own folders.
FROM_CHECKOUT = (ROOT / "helpers" / "__init__.py").exists() and __import__("helpers").__file__ == str(
    ROOT / "helpers" / "__init__.py"
)
checkout_only = pytest.mark.skipif(
    not FROM_CHECKOUT, reason="about the checkout's folders; helpers is installed from a wheel"
)


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A throw-away copy of data/ for tests that corrupt files (data/ itself is never written)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
