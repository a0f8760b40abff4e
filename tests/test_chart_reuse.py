"""Charts are drawn once: what the layout check measured is what is stored, and the same chart is not drawn twice.

`make bench` showed where a notebook's time goes: most of it is drawing charts. These tests hold the three
savings in place (one draw per chart, an unchanged figure shown again, a widget's default view shown again as
the static version) and check that none of them shows a stale image.
"""

from __future__ import annotations

import base64
import io
import os

import matplotlib

matplotlib.use("agg")

import pandas as pd
import pytest

from helpers import capstone, plots

ALT = "Bar chart of two made-up counts: b is twice a, for testing only."


def _bar(title: str = "Two counts") -> object:
    fig, ax = plots.new_figure(title, "group", "count")
    ax.bar(["a", "b"], [1, 2])
    return fig


def _png(bundle: dict) -> bytes:
    return base64.b64decode(bundle["image/png"])


def test_a_chart_is_drawn_once_and_stored_at_its_size(shown, draws) -> None:
    fig = _bar()
    plots.show(fig, alt=ALT)
    assert len(draws) == 1  # the layout check's draw is the one stored: no second draw to save it
    from PIL import Image

    image = Image.open(io.BytesIO(_png(shown[0][0])))
    assert image.size == (int(fig.get_figwidth() * fig.dpi), int(fig.get_figheight() * fig.dpi))
    low, high = image.convert("L").getextrema()
    assert high - low > 100  # something is drawn, not a blank canvas


def test_a_chart_that_needs_a_fix_is_drawn_again_after_it(shown, draws) -> None:
    fig, ax = plots.new_figure("T " * 60, "x", "y")  # a title far wider than the figure: wrapped, then measured again
    ax.bar(["a"], [1])
    plots.show(fig, alt=ALT)
    report = shown[0][1]["image/png"]["layout_check"]
    assert any("wrapped" in f for f in report["fixes"]) and len(draws) >= 2


def test_an_unchanged_figure_shown_again_reuses_its_image_and_a_changed_one_is_redrawn(shown, draws) -> None:
    fig = _bar()
    plots.show(fig, alt=ALT)
    plots.show(fig, alt=ALT)
    assert len(draws) == 1 and _png(shown[0][0]) == _png(shown[2][0])
    fig.axes[0].set_title("Another title")  # any change marks the figure stale
    plots.show(fig, alt=ALT)
    assert len(draws) == 2 and _png(shown[4][0]) != _png(shown[0][0])


def test_a_remembered_chart_of_the_same_table_is_shown_again_without_drawing(shell) -> None:
    runs = []

    @plots.remembered
    def chart(frame: pd.DataFrame, what: str) -> None:
        runs.append(what)
        import IPython.display

        IPython.display.display({"text/plain": f"{what}: {int(frame['n'].sum())}"}, raw=True)

    table = pd.DataFrame({"n": [1, 2]})
    chart(table, "total")
    chart(table.copy(), "total")  # an equal table: the same chart
    assert runs == ["total"] and [d for d, _ in shell] == [{"text/plain": "total: 3"}] * 2
    chart(table, "other")  # another argument: drawn
    changed = table.assign(n=[1, 5])
    chart(changed, "total")  # another table content: drawn afresh, never the old image
    assert runs == ["total", "other", "total"] and shell[-1][0] == {"text/plain": "total: 6"}


def test_a_remembered_function_runs_every_time_outside_a_notebook_or_with_arguments_it_cannot_compare(
    monkeypatch: pytest.MonkeyPatch, shell
) -> None:
    runs = []

    @plots.remembered
    def chart(thing: object) -> None:
        runs.append(thing)
        import IPython.display

        IPython.display.display({"text/plain": "x"}, raw=True)

    marker = object()
    chart(marker)
    chart(marker)
    assert len(runs) == 2  # an object it cannot compare: always drawn
    monkeypatch.setattr("IPython.get_ipython", lambda: None)
    chart("a")
    chart("a")
    assert len(runs) == 4  # no notebook: nothing to replay into


def test_remembered_charts_are_bounded(shell) -> None:
    @plots.remembered
    def chart(n: int) -> None:
        import IPython.display

        IPython.display.display({"text/plain": str(n)}, raw=True)

    for n in range(plots._REMEMBER_LIMIT + 5):
        chart(n)
    assert len(plots._REMEMBERED) == plots._REMEMBER_LIMIT
    plots._REMEMBERED.clear()


def test_the_capstone_chart_is_made_once_per_commitment_and_again_when_its_data_changes(
    data_copy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NKHR_DATA_DIR", str(data_copy))
    capstone._charts.clear()
    with_chart = next(c for c in capstone.load("commitments")["commitment_id"] if capstone.chart_for(c) is not None)
    first = capstone.chart_for(with_chart)
    assert capstone.chart_for(with_chart) is first
    assert capstone.evidence(with_chart).chart is first
    from helpers.data import _resources, split_list

    row = capstone.load("commitments").set_index("commitment_id").loc[with_chart]

    dataset = split_list(row["follow_with"])[0]
    path = data_copy / _resources(data_copy)[dataset]["path"]
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert capstone.chart_for(with_chart) is not first
    capstone._charts.clear()
