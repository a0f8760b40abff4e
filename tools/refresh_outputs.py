"""Re-execute notebooks in the pinned environment and store their outputs.

    python tools/refresh_outputs.py                 # every notebook in notebooks/
    python tools/refresh_outputs.py notebooks/06_escapees.ipynb

Outputs are never edited by hand: this is the only way they change. The work is done by nbconvert's
preprocessors: ``ClearOutputPreprocessor``, ``ExecutePreprocessor`` (no timing metadata, widget state
stored so that static pages can show widgets), ``CoalesceStreamsPreprocessor`` (how the kernel happened
to flush is not content) and an allow-list ``ClearMetadataPreprocessor`` (cells keep only their tags; the
notebook keeps only kernelspec, language_info and widgets, so jupytext or editor leftovers go). Two
things are our own: widget model ids are renumbered in order of appearance, and the notebook is stored
exactly as JupyterLab would save it (kernelspec ``python3`` and the ``language_info`` the kernel reports,
which JupyterLab writes into the notebook when it opens it): re-running an unchanged notebook changes no
byte, and opening it in JupyterLab does not mark it modified.

Every chart is drawn afresh (``NKHR_CHARTS=record``) and stored in the chart store, ``helpers/charts/``
(see ``helpers/chart_store.py``), so that a student's Run-All shows it without drawing it again. Re-running
every notebook empties the store first; afterwards any stored chart that no notebook shows is removed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbconvert.preprocessors import (
    ClearMetadataPreprocessor,
    ClearOutputPreprocessor,
    CoalesceStreamsPreprocessor,
    ExecutePreprocessor,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nbexec import sliced_polls

from helpers import chart_store

ROOT = Path(__file__).resolve().parent.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
KEEP_NOTEBOOK_METADATA = {"kernelspec", "language_info", "widgets"}
KEEP_CELL_METADATA = {"tags"}


class ClearAllCellsMetadata(ClearMetadataPreprocessor):
    """nbconvert's allow-list clearing, applied to every cell (nbconvert's own skips Markdown and raw cells)."""

    def preprocess_cell(self, cell, resources, cell_index):
        cell.metadata = dict(self.nested_filter(cell.metadata.items(), self.preserve_cell_metadata_mask))
        return cell, resources


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop volatile metadata and merge split streams, so re-running an unchanged notebook changes nothing."""
    resources: dict = {}
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, resources)
    nb, _ = ClearAllCellsMetadata(
        preserve_cell_metadata_mask=KEEP_CELL_METADATA, preserve_nb_metadata_mask=KEEP_NOTEBOOK_METADATA
    ).preprocess(nb, resources)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return nbformat.from_dict(nb)


def renumber_widgets(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Replace the random widget model ids by ids numbered in order of appearance.

    Re-running an unchanged notebook then leaves its widget state, and the diff, unchanged.
    """
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    if not state:
        return nb
    order: list[str] = []

    def visit(model_id: str) -> None:
        if model_id in order or model_id not in state:
            return
        order.append(model_id)
        for ref in re.findall(r"IPY_MODEL_([0-9a-f]{32})", json.dumps(state[model_id], sort_keys=True)):
            visit(ref)

    for cell in nb.cells:
        for out in cell.get("outputs", []):
            model_id = out.get("data", {}).get(WIDGET_VIEW, {}).get("model_id")
            if model_id:
                visit(model_id)
    order += sorted((m for m in state if m not in order), key=lambda m: json.dumps(state[m], sort_keys=True))
    text = json.dumps(nb)
    for number, old in enumerate(order, start=1):
        text = text.replace(old, f"{number:032x}")
    return nbformat.from_dict(json.loads(text))


def as_saved(nb: nbformat.NotebookNode) -> str:
    """The text JupyterLab (jupyter_server's nbformat.write) would save for *nb*."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def execute(nb: nbformat.NotebookNode, cwd: Path, timeout: int = 120) -> nbformat.NotebookNode:
    resources = {"metadata": {"path": str(cwd)}}
    nb, _ = ClearOutputPreprocessor().preprocess(nb, resources)
    executor = ExecutePreprocessor(timeout=timeout, kernel_name="python3", record_timing=False, store_widget_state=True)
    sliced_polls(executor)  # no stall on widget cells (see tools/nbexec.py)
    nb, _ = executor.preprocess(nb, resources)  # also stores the kernel's language_info in the metadata
    return nb


def refresh(path: Path, timeout: int = 120) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    nb = execute(nb, path.parent, timeout)
    elapsed = time.perf_counter() - start
    nb = renumber_widgets(normalise(nb))
    nbformat.validate(nb)
    path.write_text(as_saved(nb), encoding="utf-8")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    everything = sorted((ROOT / "notebooks").glob("*.ipynb"))
    paths = args.notebooks or everything
    # Every chart is drawn afresh and stored (helpers/chart_store.py); the kernels inherit the setting.
    os.environ["NKHR_CHARTS"] = "record"
    if not args.notebooks:
        chart_store.clear()
    failed = 0
    for path in paths:
        try:
            print(f"{path.name}: {refresh(path):.1f} s")
        except Exception as exc:  # report every notebook, then fail
            failed += 1
            print(f"{path.name}: FAILED\n{exc}", file=sys.stderr)
    removed = chart_store.prune(everything)
    stored = len(chart_store.entries())
    print(f"chart store: {stored} charts ({len(removed)} no longer shown removed)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
