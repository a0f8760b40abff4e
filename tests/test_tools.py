"""Maintainer tools: output refresh is deterministic; the answer key and data README generators work."""

from __future__ import annotations

import importlib.util
import json

import nbformat

from conftest import ROOT


def tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def widget_notebook(ids: list[str]) -> nbformat.NotebookNode:
    a, b, c = ids
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("w", id="cell-1")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": a, "version_major": 2, "version_minor": 0}, "text/plain": "VBox()"})]
    nb.cells = [cell]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {
        c: {"model_name": "LayoutModel", "state": {}},
        a: {"model_name": "VBoxModel", "state": {"children": [f"IPY_MODEL_{b}"], "layout": f"IPY_MODEL_{c}"}},
        b: {"model_name": "IntSliderModel", "state": {"layout": f"IPY_MODEL_{c}"}},
    }, "version_major": 2, "version_minor": 0}}
    return nb


def test_widget_ids_are_renumbered_by_appearance() -> None:
    refresh = tool("refresh_outputs")
    first = refresh.renumber_widgets(widget_notebook(["a" * 32, "b" * 32, "c" * 32]))
    second = refresh.renumber_widgets(widget_notebook(["9" * 32, "1" * 32, "5" * 32]))
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    state = first.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert state[f"{1:032x}"]["model_name"] == "VBoxModel" and state[f"{2:032x}"]["model_name"] == "IntSliderModel"
    assert first.cells[0].outputs[0].data["application/vnd.jupyter.widget-view+json"]["model_id"] == f"{1:032x}"


def test_split_streams_are_merged() -> None:
    refresh = tool("refresh_outputs")
    cell = nbformat.v4.new_code_cell("print(1); print(2)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n"), nbformat.v4.new_output("stream", name="stdout", text="2\n"),
                    nbformat.v4.new_output("stream", name="stderr", text="w\n")]
    refresh.merge_streams(cell)
    assert [(o.name, o.text) for o in cell.outputs] == [("stdout", "1\n2\n"), ("stderr", "w\n")]


def test_normalise_sets_kernelspec_and_drops_timing() -> None:
    refresh = tool("refresh_outputs")
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "venv-xyz", "display_name": "venv"}})
    cell = nbformat.v4.new_code_cell("1")
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    nb.cells = [cell]
    refresh.normalise(nb)
    assert nb.metadata.kernelspec["name"] == "python3" and "execution" not in nb.cells[0].metadata


def test_answer_key_renders_every_entry() -> None:
    import helpers

    text = tool("answer_key").render()
    for eid in helpers.exercises.answer_key():
        assert f"### `{eid}`" in text
