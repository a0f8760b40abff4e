"""The chart store shows a stored chart only for exactly the figure (or call) that was drawn, and is never stale.

`make bench` showed that drawing is most of a notebook's Run-All. ``make outputs`` stores every chart it draws
(helpers/chart_store.py); Run-All then shows the stored image. These tests hold the two promises that makes:
the stored image is what a fresh draw would give (any change to the figure, its data, a setting or the code
draws afresh), and the store holds exactly the charts the committed notebooks show.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("agg")

import nbformat
import pandas as pd
import pytest
from matplotlib.ticker import FuncFormatter

from conftest import NOTEBOOKS, checkout_only
from helpers import chart_store, plots

ALT = "Bar chart of two made-up counts: b is twice a, for testing only."


def _bar(heights: tuple[float, float] = (1, 2), title: str = "Two counts") -> object:
    fig, ax = plots.new_figure(title, "group", "count")
    ax.bar(["a", "b"], list(heights))
    return fig


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store of the test's own, in the default mode."""
    monkeypatch.setattr(chart_store, "STORE", tmp_path / "charts")
    monkeypatch.delenv("NKHR_CHARTS", raising=False)
    return tmp_path / "charts"


def test_the_same_figure_has_the_same_key_and_any_change_gives_another() -> None:
    base = chart_store.figure_key(_bar())
    assert base is not None and base == chart_store.figure_key(_bar())
    assert chart_store.figure_key(_bar((1, 3))) != base  # one bar's height
    assert chart_store.figure_key(_bar(title="Two other counts")) != base
    fig = _bar()
    fig.axes[0].bar(["a"], [0.5], color=plots.PALETTE["orange"])  # something added
    assert chart_store.figure_key(fig) != base
    with matplotlib.rc_context({"lines.linewidth": 3.0}):  # a setting read when it is drawn
        assert chart_store.figure_key(_bar()) != base


def test_the_key_is_the_same_in_another_process() -> None:
    # Transforms refer to each other by memory address; the key must not depend on it, or nothing would be found.
    code = (
        "import matplotlib; matplotlib.use('agg')\n"
        "from helpers import chart_store, plots\n"
        "fig, ax = plots.new_figure('Two counts', 'group', 'count'); ax.bar(['a', 'b'], [1, 2])\n"
        "print(chart_store.figure_key(fig))"
    )
    keys = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()}
    keys.add(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip())
    assert keys == {chart_store.figure_key(_bar())}


def test_the_salt_is_the_same_whether_or_not_the_libraries_are_loaded() -> None:
    # A stored call is found before matplotlib is imported (the salt then reads the installed metadata).
    code = "import sys, helpers.chart_store as c; s = c.salt(); print(s, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [chart_store.salt(), "False"]


def test_the_key_does_not_import_pyplot() -> None:
    # Reading rcParams["backend"] would import pyplot, which can switch IPython's inline backend on.
    code = (
        "import sys\n"
        "from helpers import chart_store, plots\n"
        "fig, ax = plots.new_figure('Two counts', 'group', 'count'); chart_store.figure_key(fig)\n"
        "print('matplotlib.pyplot' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False"]


def test_a_recorded_chart_is_shown_again_without_drawing_and_is_the_same(store, shown, draws, monkeypatch) -> None:
    monkeypatch.setenv("NKHR_CHARTS", "record")
    plots.show(_bar(), alt=ALT)
    assert len(draws) == 1 and len(list(store.glob("fig-*.json"))) == 1
    assert chart_store.made_with() == {chart_store.entries()[0].stem: chart_store.salt()}
    monkeypatch.setenv("NKHR_CHARTS", "store")
    plots.show(_bar(), alt=ALT)  # a new figure object, the same chart
    assert len(draws) == 1, "the stored image should have been shown, not drawn again"
    assert shown[2] == shown[0] and shown[3] == shown[1]  # same pixels, same alt text and layout report
    plots.show(_bar((1, 3)), alt=ALT)  # a different chart: drawn
    assert len(draws) == 2 and shown[4][0]["image/png"] != shown[0][0]["image/png"]
    monkeypatch.setenv("NKHR_CHARTS", "fresh")
    plots.show(_bar(), alt=ALT)  # fresh: drawn, and the same image as the stored one
    assert len(draws) == 3 and shown[6][0]["image/png"] == shown[0][0]["image/png"]


def test_nothing_is_written_outside_record_mode(store, shown, draws, monkeypatch) -> None:
    for mode in ("store", "fresh"):
        monkeypatch.setenv("NKHR_CHARTS", mode)
        plots.show(_bar(), alt=ALT)
    assert len(draws) == 2 and not store.exists()


def test_a_figure_that_cannot_be_keyed_is_simply_drawn(store, shown, draws, monkeypatch) -> None:
    fig = _bar()
    fig.axes[0].yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f} people"))  # a lambda: no pickle
    assert chart_store.figure_key(fig) is None
    monkeypatch.setenv("NKHR_CHARTS", "record")
    plots.show(fig, alt=ALT)
    assert len(draws) == 1 and not store.exists() and "image/png" in shown[0][0]


def test_a_wrong_mode_says_what_to_set(monkeypatch) -> None:
    monkeypatch.setenv("NKHR_CHARTS", "fast")
    with pytest.raises(ValueError, match="NKHR_CHARTS='fast' is not one of store, fresh, record"):
        chart_store.mode()


def test_a_remembered_call_is_stored_whole_and_replayed_in_a_new_session(store, shell, draws, monkeypatch) -> None:
    @plots.remembered
    def counts_chart(frame: pd.DataFrame) -> None:
        fig, ax = plots.new_figure("Counts", "group", "count")
        ax.bar(frame["group"], frame["n"])
        plots.show(fig, alt=ALT)

    table = pd.DataFrame({"group": ["a", "b"], "n": [1, 2]})
    monkeypatch.setenv("NKHR_CHARTS", "record")
    counts_chart(table)
    entries = chart_store.entries()
    assert len(draws) == 1 and [p.name[:5] for p in entries] == ["call-"]  # not stored a second time as a figure
    plots._REMEMBERED.clear()  # a new session
    monkeypatch.setenv("NKHR_CHARTS", "store")
    counts_chart(table.copy())
    same = [(data, metadata or {}) for data, metadata in shell]  # IPython sends no metadata as {}
    assert len(draws) == 1 and same[2:] == same[:2]
    counts_chart(table.assign(n=[1, 5]))  # other data: drawn afresh
    assert len(draws) == 2 and shell[4][0]["image/png"] != shell[0][0]["image/png"]


def test_prune_removes_charts_no_notebook_shows(store, tmp_path, monkeypatch) -> None:
    store.mkdir()
    (store / "fig-kept.json").write_text(json.dumps({"png": "AAAAkept", "layout_check": {}}))
    (store / "fig-gone.json").write_text(json.dumps({"png": "AAAAgone", "layout_check": {}}))
    (store / "call-gone.json").write_text(json.dumps({"outputs": [[{"image/png": "AAAAkept"}, {}]] * 0}))
    notebook = tmp_path / "n.ipynb"
    notebook.write_text('{"outputs": [{"data": {"image/png": "AAAAkept"}}]}')
    removed = chart_store.prune([notebook])
    assert sorted(p.name for p in removed) == ["call-gone.json", "fig-gone.json"]
    assert [p.name for p in chart_store.entries()] == ["fig-kept.json"]


def _notebook_images() -> dict[str, str]:
    """Every image the committed notebooks show in their cells' outputs: image -> notebook."""
    images = {}
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for out in cell.get("outputs", []):
                if "image/png" in out.get("data", {}):
                    images[out["data"]["image/png"]] = path.name
    return images


@checkout_only
def test_the_store_holds_exactly_the_charts_the_notebooks_show_made_by_this_code() -> None:
    entries = {p.name: json.loads(p.read_text()) for p in chart_store.entries()}
    assert entries, "the chart store is empty: run make outputs"
    made = chart_store.made_with()
    assert sorted(made) == sorted(name.removesuffix(".json") for name in entries), "index.json: run make outputs"
    stale = [key for key, salt in made.items() if salt != chart_store.salt()]
    assert not stale, f"{len(stale)} stored charts were made by other code or libraries: run make outputs"
    texts = [p.read_text(encoding="utf-8") for p in sorted(NOTEBOOKS.glob("*.ipynb"))]
    stored = set()
    for name, entry in entries.items():
        for png in chart_store.images(entry):
            assert any(png in text for text in texts), f"{name} is shown by no notebook: run make outputs"
            stored.add(png)
            base64.b64decode(png, validate=True)
    missing = {png: nb for png, nb in _notebook_images().items() if png not in stored}
    assert not missing, f"charts of {sorted(set(missing.values()))} are not in the store: run make outputs"


@checkout_only
def test_a_notebook_run_shows_every_chart_from_the_store(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real thing, in a kernel: notebook 08 draws five charts through plot functions; 04 two figures of its own.
    import ast

    from nbclient import NotebookClient

    monkeypatch.setenv("NKHR_CHARTS", "store")  # the kernel inherits it
    for name in ("08_un_track.ipynb", "04_coi_mandate_method_findings.ipynb"):
        path = NOTEBOOKS / name
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell("from helpers import chart_store; print(chart_store.counts())"))
        NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
        counts = ast.literal_eval(nb.cells[-1].outputs[0]["text"].strip())
        charts = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
        assert counts == {"drawn": 0, "from_store": charts} and charts >= 2, (name, counts)
