"""Repository-wide pytest set-up, so the suite runs the same from any working directory.

* The nbval sanitize file named in ``addopts`` (pyproject.toml) is a path relative to the
  repository; it is made absolute here, so ``pytest /path/to/notebooks/06_escapees.ipynb``
  works from anywhere.
* Build output and work folders are never collected: after ``make site`` the site's
  copies of the notebooks, and the students' saved work, are not tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent

collect_ignore_glob = ["site/_build/*", "handouts/_build/*", "work/*", "build/*", "dist/*"]


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    value = getattr(config.option, "nbval_sanitize_with", None)
    if value and not Path(value).is_absolute():
        config.option.nbval_sanitize_with = str(ROOT / value)
