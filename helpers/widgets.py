"""Widgets shared by several notebooks. Each wraps a pure, tested function.

The wiring (re-run a function into an ``Output`` whenever a control changes) is
``ipywidgets.interactive_output``; nothing here re-implements it. ipywidgets is
imported inside each function so that ``import helpers`` stays fast.
"""

from __future__ import annotations

from typing import Any

from .data import describe, list_datasets


def dataset_browser(default: str = "sources") -> Any:
    """A drop-down of every dataset; shows :func:`helpers.describe` for the chosen one."""
    import ipywidgets as widgets

    choice = widgets.Dropdown(options=list_datasets(), value=default, description="Dataset:")
    shown = widgets.interactive_output(lambda name: print(describe(name)), {"name": choice})
    return widgets.VBox([choice, shown])
