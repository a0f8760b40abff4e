"""Widgets shared by several notebooks. Each wraps a pure, tested function.

ipywidgets is imported inside each function so that ``import helpers`` stays fast.
"""

from __future__ import annotations

from typing import Any

from .data import describe, list_datasets


def dataset_browser(default: str = "sources") -> Any:
    """A drop-down of every dataset; shows :func:`helpers.describe` for the chosen one."""
    import ipywidgets as widgets

    names = [n for n in list_datasets()]
    choice = widgets.Dropdown(options=names, value=default, description="Dataset:")
    out = widgets.Output()

    def render(change: Any = None) -> None:
        out.clear_output()
        with out:
            print(describe(choice.value))

    choice.observe(render, names="value")
    render()
    return widgets.VBox([choice, out])
