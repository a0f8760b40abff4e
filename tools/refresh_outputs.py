"""Re-execute notebooks in the pinned environment and store their outputs.

    python tools/refresh_outputs.py                 # every notebook in notebooks/
    python tools/refresh_outputs.py notebooks/06_escapees.ipynb

Outputs are never edited by hand: this is the only way they change. Execution
timing metadata is not recorded, kernelspec is set to ``python3``, and widget
state is stored so that static pages can show widgets.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def normalise(nb: nbformat.NotebookNode) -> None:
    """Drop volatile metadata so that re-running an unchanged notebook changes nothing."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.pop("jupytext", None)
    lang = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3", "file_extension": ".py", "mimetype": "text/x-python", **{k: v for k, v in lang.items() if k == "codemirror_mode"}}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        cell.metadata.pop("collapsed", None) if cell.cell_type != "code" else None


def merge_streams(cell: nbformat.NotebookNode) -> None:
    """Join consecutive stdout (or stderr) chunks: how the kernel happened to flush is not content."""
    merged: list = []
    for out in cell.get("outputs", []):
        if merged and out.get("output_type") == "stream" and merged[-1].get("output_type") == "stream" and merged[-1].name == out.name:
            merged[-1].text += out.text
        else:
            merged.append(out)
    cell.outputs = merged


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


def refresh(path: Path, timeout: int = 120) -> float:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=True,
    )
    client.execute()
    elapsed = time.perf_counter() - start
    normalise(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            merge_streams(cell)
    nb = renumber_widgets(nb)
    nbformat.validate(nb)
    text = nbformat.writes(nb) + "\n"
    path.write_text(text, encoding="utf-8")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    failed = 0
    for path in paths:
        try:
            print(f"{path.name}: {refresh(path):.1f} s")
        except Exception as exc:  # report every notebook, then fail
            failed += 1
            print(f"{path.name}: FAILED\n{exc}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
