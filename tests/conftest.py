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


# ------------------------------------------------------------------ charts (test_chart_reuse, test_chart_store)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[dict, dict]]:
    """What helpers.plots.show displays: (data, metadata) pairs."""
    out: list[tuple[dict, dict]] = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: out.append((obj, kw.get("metadata") or {})))
    return out


@pytest.fixture
def draws(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every Agg draw of a figure, in order."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    calls: list[object] = []
    real = FigureCanvasAgg.draw

    def counting(self: FigureCanvasAgg) -> None:
        calls.append(self.figure)
        real(self)

    monkeypatch.setattr(FigureCanvasAgg, "draw", counting)
    return calls


class _Shell:
    """Just enough of an IPython shell for helpers.plots.remembered: a display publisher."""

    def __init__(self, out: list) -> None:
        from types import SimpleNamespace

        self.display_pub = SimpleNamespace(publish=lambda data, metadata=None, **kw: out.append((data, metadata)))


@pytest.fixture
def shell(monkeypatch: pytest.MonkeyPatch) -> list:
    """A stand-in IPython shell; the list of what was published through it."""
    from helpers import plots

    published: list = []
    fake = _Shell(published)
    monkeypatch.setattr("IPython.get_ipython", lambda: fake)

    def display(obj, raw=False, metadata=None, **kw):  # what IPython's display does with raw data
        fake.display_pub.publish(obj, metadata)

    monkeypatch.setattr("IPython.display.display", display)
    plots._REMEMBERED.clear()
    yield published
    plots._REMEMBERED.clear()
