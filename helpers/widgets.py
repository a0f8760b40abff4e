"""Widgets shared by several notebooks, and the one piece of wiring every widget of the collection uses.

Each widget wraps a pure, tested function. :func:`live` re-runs that function into an ``Output`` whenever
a control changes. ipywidgets is imported inside each function so that ``import helpers`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .data import describe, list_datasets


def live(function: Callable[..., None], controls: dict[str, Any]) -> Any:
    """An ``Output`` that shows ``function(**values)`` now and again whenever one of *controls* changes.

    What ``ipywidgets.interactive_output(function, controls)`` does, without its matplotlib hook: before and
    after every call that one resolves matplotlib's backend and imports IPython's inline backend (pyplot with
    it, about 40 ms, and the inline backend switched on for the rest of the session), to flush pyplot figures.
    The collection's charts are shown by :func:`helpers.plots.show` and need none of it.
    """
    import ipywidgets as widgets

    out = widgets.Output()

    def show(change: Any = None) -> None:
        values = {name: control.value for name, control in controls.items()}
        with out:
            out.clear_output(wait=True)
            function(**values)

    for control in controls.values():
        control.observe(show, names="value")
    show()
    return out


def dataset_browser(default: str = "sources") -> Any:
    """A drop-down of every dataset; shows :func:`helpers.describe` for the chosen one."""
    import ipywidgets as widgets

    choice = widgets.Dropdown(options=list_datasets(), value=default, description="Dataset:")
    shown = live(lambda name: print(describe(name)), {"name": choice})
    return widgets.VBox([choice, shown])
