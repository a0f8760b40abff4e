"""Helpers for the nkhr-2024 teaching collection.

``import helpers`` is cheap: pandas, matplotlib and ipywidgets load only when a
function needs them. The main entry points:

* data: :func:`list_datasets`, :func:`load`, :func:`describe`, :func:`cite`,
  :func:`cite_rows`, :func:`validate`, :func:`read_text`
* exercises: :func:`check` (prints feedback), :func:`is_correct`
* charts: :mod:`helpers.plots` (:func:`~helpers.plots.new_figure`, :func:`~helpers.plots.show`)

Topic modules (``helpers.statement``, ``helpers.timeline``, ...) hold the pure
functions behind each notebook's widgets and exercises.
"""

from __future__ import annotations

import importlib
from typing import Any

from . import friendly as _friendly  # noqa: F401  (inside IPython: a plain sentence above common errors)
from .data import cite, cite_rows, data_dir, describe, list_datasets, load, read_text, source_ids, split_list, validate
from .errors import (
    DataValidationError,
    HelpersError,
    UnknownDatasetError,
    UnknownExerciseError,
    UnknownSourceError,
)
from .exercises import check, exercise, feedback, is_correct

__version__ = "0.2.0"  # the one place the version is written (pyproject reads it)

__all__ = [
    "DataValidationError",
    "HelpersError",
    "UnknownDatasetError",
    "UnknownExerciseError",
    "UnknownSourceError",
    "check",
    "cite",
    "cite_rows",
    "data_dir",
    "describe",
    "exercise",
    "feedback",
    "is_correct",
    "list_datasets",
    "load",
    "read_text",
    "source_ids",
    "split_list",
    "validate",
]


def __getattr__(name: str) -> Any:
    """Import topic modules (``helpers.plots``, ``helpers.widgets``, ...) on first use."""
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f".{name}", __name__)
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{name}":
            raise AttributeError(f"module 'helpers' has no attribute {name!r}") from None
        raise
