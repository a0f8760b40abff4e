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
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "application/vnd.jupyter.widget-view+json": {"model_id": a, "version_major": 2, "version_minor": 0},
                "text/plain": "VBox()",
            },
        )
    ]
    nb.cells = [cell]
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "state": {
                c: {"model_name": "LayoutModel", "state": {}},
                a: {"model_name": "VBoxModel", "state": {"children": [f"IPY_MODEL_{b}"], "layout": f"IPY_MODEL_{c}"}},
                b: {"model_name": "IntSliderModel", "state": {"layout": f"IPY_MODEL_{c}"}},
            },
            "version_major": 2,
            "version_minor": 0,
        }
    }
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
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1); print(2)")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="1\n"),
        nbformat.v4.new_output("stream", name="stdout", text="2\n"),
        nbformat.v4.new_output("stream", name="stderr", text="w\n"),
    ]
    nb.cells = [cell]
    nb = refresh.normalise(nb)
    assert [(o.name, o.text) for o in nb.cells[0].outputs] == [("stdout", "1\n2\n"), ("stderr", "w\n")]


def test_normalise_keeps_an_allow_list_of_metadata() -> None:
    refresh = tool("refresh_outputs")
    nb = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "venv-xyz", "display_name": "venv"},
            "jupytext": {"x": 1},
            "language_info": {"name": "python", "version": "3.11.7"},
        }
    )
    code = nbformat.v4.new_code_cell(
        "1",
        metadata={
            "execution": {"iopub.status.busy": "2026-01-01"},
            "tags": ["nbval-ignore-output"],
            "lines_to_next_cell": 2,
            "ExecuteTime": {},
        },
    )
    text = nbformat.v4.new_markdown_cell("x", metadata={"collapsed": True, "lines_to_next_cell": 2})
    nb.cells = [code, text]
    nb = refresh.normalise(nb)
    assert nb.metadata.kernelspec == {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    assert set(nb.metadata) == {"kernelspec", "language_info"} and nb.metadata.language_info["version"] == "3.11.7"
    assert nb.cells[0].metadata == {"tags": ["nbval-ignore-output"]} and nb.cells[1].metadata == {}


def test_stored_notebooks_need_no_normalising() -> None:
    # jupytext residue (lines_to_next_cell), editor metadata, split streams: none may survive in a stored notebook.
    refresh = tool("refresh_outputs")
    dirty = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        nb = nbformat.reads(text, as_version=4)
        if refresh.as_saved(refresh.renumber_widgets(refresh.normalise(nb))) != text:
            dirty.append(path.name)
    assert not dirty, f"{dirty} are not in normalised form: run `make outputs NB=notebooks/<name>.ipynb`"


def test_stored_notebooks_are_as_jupyterlab_saves_them() -> None:
    # On opening, JupyterLab writes the kernel's language_info into the notebook: if the stored one differs,
    # the notebook is marked modified before the student touches it ("Save changes before closing?").
    from ipykernel.ipkernel import IPythonKernel

    expected = dict(IPythonKernel.language_info)
    wrong = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        stored = dict(nb.metadata.get("language_info", {}))
        # The patch release is the recording machine's (CPython 3.11.x); every other field must match exactly.
        if (
            stored.pop("version", "").rsplit(".", 1)[0] != expected.pop("version", "").rsplit(".", 1)[0]
            or stored != expected
        ):
            wrong[path.name] = nb.metadata.get("language_info")
        expected = dict(IPythonKernel.language_info)
        assert (nb.nbformat, nb.nbformat_minor) == (4, 5), f"{path.name}: JupyterLab 4 saves nbformat 4.5"
    assert not wrong, (
        f"language_info differs from what the kernel reports ({expected}): {sorted(wrong)}; run `make outputs`"
    )


def test_refresh_is_byte_identical_on_a_re_run(tmp_path) -> None:
    refresh = tool("refresh_outputs")
    nb = nbformat.v4.new_notebook(metadata={"jupytext": {"formats": "ipynb,py"}})
    nb.cells = [
        nbformat.v4.new_markdown_cell("# T"),
        nbformat.v4.new_code_cell(
            "import sys\nfor i in range(3):\n    print(i, flush=True)\nprint('w', file=sys.stderr)",
            metadata={"lines_to_next_cell": 2},
        ),
        nbformat.v4.new_code_cell(
            "import ipywidgets as w\nw.VBox([w.IntSlider(3), w.Label('x')])", metadata={"tags": ["nbval-ignore-output"]}
        ),
    ]
    path = tmp_path / "t.ipynb"
    nbformat.write(nb, path)
    refresh.refresh(path)
    first = path.read_bytes()
    refresh.refresh(path)
    assert path.read_bytes() == first
    stored = nbformat.reads(first.decode(), as_version=4)
    assert [o.get("text") for o in stored.cells[1].outputs] == ["0\n1\n2\n", "w\n"]
    assert stored.cells[1].metadata == {} and "jupytext" not in stored.metadata
    assert stored.metadata.language_info["version"] == ".".join(map(str, __import__("sys").version_info[:3]))
    assert f"{1:032x}" in first.decode()


def test_answer_key_renders_every_entry() -> None:
    import helpers

    text = tool("answer_key").render()
    for eid in helpers.exercises.answer_key():
        assert f"### `{eid}`" in text


def test_link_check_finds_broken_internal_links(tmp_path) -> None:
    check = tool("check_links")
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="sub/page.html#part">ok</a> <a href="https://example.org/">out</a> <img src="missing.png">'
        '<a href="sub/page.html#nowhere">bad anchor</a> <a href="#top">self</a> <p id="top"></p>'
        '<a href="../x.html">up</a>'
    )
    (tmp_path / "sub" / "page.html").write_text('<h2 id="part">Part</h2><a href="../index.html">home</a>')
    problems, internal, external = check.check(tmp_path)
    assert external == 1 and internal == 6
    assert sorted(problems) == [
        "index.html: ../x.html (points outside the site)",
        "index.html: missing.png (no such file)",
        "index.html: sub/page.html#nowhere (no id 'nowhere' on the page)",
    ]
    (tmp_path / "index.html").write_text('<a href="sub/page.html#part">ok</a>')
    assert check.main([str(tmp_path)]) == 0
