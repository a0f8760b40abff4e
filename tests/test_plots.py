"""The chart style: labelled axes, colour-blind-safe palette, alt text, and nothing cut off or covered."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import matplotlib

matplotlib.use("agg")

import pytest

from helpers import plots

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_palette_is_okabe_ito() -> None:
    assert plots.COLOURS[:4] == ["#0072B2", "#E69F00", "#009E73", "#D55E00"]
    assert len(set(plots.COLOURS)) == len(plots.COLOURS) == 8


def test_new_figure_sets_labels_and_cycle() -> None:
    fig, ax = plots.new_figure("Title", "Year", "People")
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("Title", "Year", "People")
    (line,) = ax.plot([1, 2], [3, 4])
    assert matplotlib.colors.to_hex(line.get_color()).upper() == plots.COLOURS[0].upper()


@pytest.mark.parametrize("label", ["", "  ", None])
def test_missing_labels_are_refused(label) -> None:
    with pytest.raises(ValueError, match="every chart needs a"):
        plots.new_figure("T", label, "y")  # type: ignore[arg-type]


def test_png_is_deterministic() -> None:
    images = []
    for _ in range(2):
        fig, ax = plots.new_figure("T", "x", "y")
        ax.bar(["a", "b"], [1, 2])
        images.append(plots.png_bytes(fig))
    assert images[0] == images[1] and images[0][:8] == b"\x89PNG\r\n\x1a\n"


def test_show_requires_meaningful_alt_text_and_stores_the_layout_check(monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append((obj, kw)))
    fig, _ = plots.new_figure("T", "x", "y")
    with pytest.raises(ValueError, match="alt text"):
        plots.show(fig, alt="a chart")
    plots.show(fig, alt="Bar chart: arrivals fell from 1,047 in 2019 to 63 in 2021.")
    bundle, kwargs = shown[0]
    assert bundle["text/plain"].startswith("Figure: Bar chart") and kwargs["metadata"]["image/png"]["alt"].endswith(
        "2021."
    )
    check = kwargs["metadata"]["image/png"]["layout_check"]
    assert check["passed"] is True and check["version"] == plots.LAYOUT_CHECK_VERSION and check["texts"] >= 3
    assert shown[1][0]["text/markdown"].startswith("*Figure description:*")


# --------------------------------------------------------------------------- the layout check


def _extent(artist, fig):
    return artist.get_window_extent(fig.canvas.get_renderer())


def test_a_title_wider_than_the_figure_is_wrapped_and_then_fits() -> None:
    title = "Sourced events since the statement, by commitment and by the kind of body that acted on it"
    fig, ax = plots.new_figure(title, "x", "y")
    ax.bar(["a", "b"], [1, 2])
    report = plots.check_layout(fig)
    assert any(f.startswith("wrapped the") and f.endswith("onto 2 lines") for f in report["fixes"])
    shown = fig._suptitle if fig._suptitle is not None else ax.title
    assert " ".join(shown.get_text().split()) == title  # nothing dropped
    box = _extent(shown, fig)
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width and box.y1 <= fig.bbox.height


def test_a_title_pushed_off_centre_by_long_tick_labels_is_centred_on_the_figure() -> None:
    fig, ax = plots.new_figure("COI recommendations by addressee (paras 89-94)", "number", "addressee")
    ax.barh(["International community and the UN", "States, foundations and business"], [10, 1])
    report = plots.check_layout(fig)
    assert report["fixes"][0] == "centred the title on the figure"
    assert ax.get_title() == "" and fig._suptitle.get_text() == "COI recommendations by addressee (paras 89-94)"
    box = _extent(fig._suptitle, fig)
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width


def test_a_legend_on_the_bars_is_refused_with_advice() -> None:
    fig, ax = plots.new_figure("T", "x", "y")
    ax.bar(range(10), [10] * 10, label="tall bars")
    ax.legend(loc="upper left")
    with pytest.raises(plots.ChartLayoutError, match=r"legend covers .*bar.*'tall bars'.*bbox_to_anchor"):
        plots.check_layout(fig)


def test_a_legend_on_a_line_or_points_is_refused() -> None:
    fig, ax = plots.new_figure("T", "x", "y")
    ax.plot([0, 10], [10, 10], label="flat")  # a line through the top left corner
    ax.plot([0, 10], [0, 0])
    ax.legend(loc="upper left")
    with pytest.raises(plots.ChartLayoutError, match="legend covers line or points of 'flat'"):
        plots.check_layout(fig)


def test_a_legend_off_the_data_passes() -> None:
    fig, ax = plots.new_figure("T", "x", "y")
    ax.plot([0, 1, 2], [0, 1, 2], label="rising")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    assert plots.check_layout(fig)["legends"] == 1


def test_a_legend_outside_the_figure_is_refused() -> None:
    fig, ax = plots.new_figure("T", "x", "y", size=(4, 3))
    ax.plot([0, 1], [0, 1], label="x")
    fig.set_layout_engine("none")  # without the layout engine nothing makes room for it
    ax.legend(loc="upper left", bbox_to_anchor=(1.5, 1))
    with pytest.raises(plots.ChartLayoutError, match="legend is cut at the right edge"):
        plots.check_layout(fig)


def test_a_label_cut_at_the_edge_is_refused() -> None:
    fig, ax = plots.new_figure("T", "x", "y")
    fig.set_layout_engine("none")
    ax.set_position((0.0, 0.1, 0.9, 0.8))  # no room left of the axes for the tick labels and the y label
    with pytest.raises(plots.ChartLayoutError, match=r"cut at the left edge"):
        plots.check_layout(fig)


def test_crowded_tick_labels_are_turned_or_refused() -> None:
    fig, ax = plots.new_figure("T", "x", "y")
    ax.bar([f"category number {i}" for i in range(12)], range(12))
    assert plots.check_layout(fig)["fixes"] == ["turned crowded x tick labels 45 degrees"]
    fig, ax = plots.new_figure("T", "x", "y", size=(4, 3))
    ax.bar(["3 general commitment", "4 specific commitment"], [3, 8])  # labels that touch, as in the trial
    assert "turned crowded x tick labels 45 degrees" in plots.check_layout(fig)["fixes"]
    fig, ax = plots.new_figure("T", "x", "y")
    ax.set_yticks(range(40), [f"row {i}" for i in range(40)])  # 40 rows in 4.5 inches
    with pytest.raises(plots.ChartLayoutError, match="y tick labels overlap"):
        plots.check_layout(fig)


def test_a_background_band_under_the_legend_is_not_data() -> None:
    fig, ax = plots.new_figure("T", "x", "y")
    ax.plot([0, 1, 2], [0, 1, 2], label="rising")
    ax.axvspan(0, 2, alpha=0.15)
    ax.legend(loc="upper left")
    plots.check_layout(fig)


@pytest.mark.parametrize("years", [[2020], [2012, 2013, 2014], list(range(1998, 2026))])
def test_year_axis_reads_as_whole_years(years) -> None:
    fig, ax = plots.new_figure("T", "Year", "y")
    ax.bar(years, [5] * len(years))
    plots.year_axis(ax, years)
    plots.check_layout(fig)
    labels = [t.get_text() for t in ax.get_xticklabels() if years[0] - 1 < t.get_position()[0] < years[-1] + 1]
    assert labels and all(lab.isdigit() and len(lab) == 4 for lab in labels)
    assert ax.xaxis.get_offset_text().get_text() == ""
    lo, hi = ax.get_xlim()
    assert hi - lo >= 5 if len(years) == 1 else hi - lo < len(years) + 2  # one bar is not drawn as a giant


# --------------------------------------------------------------------------- every stored chart


def _images(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            if "image/png" in out.get("data", {}):
                yield i, out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_stored_chart_passed_the_layout_check(path: Path) -> None:
    """Each chart stored in a notebook was shown by plots.show and passed the check (re-run the notebook if not)."""
    failures = []
    for i, out in _images(path):
        meta = out.get("metadata", {}).get("image/png", {})
        check = meta.get("layout_check")
        if not (
            isinstance(check, dict)
            and check.get("passed") is True
            and check.get("version") == plots.LAYOUT_CHECK_VERSION
        ):
            failures.append(
                f"cell {i}: no passed layout check in the image metadata (show it with helpers.plots.show "
                f"and run `make outputs NB=notebooks/{path.name}`)"
            )
        elif not meta.get("alt"):
            failures.append(f"cell {i}: no alt text")
        else:
            png = base64.b64decode(out["data"]["image/png"])
            if png[:8] != b"\x89PNG\r\n\x1a\n":
                failures.append(f"cell {i}: the stored image is not a PNG")
    assert not failures, f"{path.name}:\n" + "\n".join(failures)


# --------------------------------------------------------------------------- the 06 series widget's chart


@pytest.fixture(scope="module")
def arrivals():
    import helpers

    return helpers.load("escapee_arrivals")


def _shown(monkeypatch, draw):
    """Run *draw* and return what it displayed: (figures with their alt text, other outputs)."""
    out = []
    figures = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: out.append(obj))
    real_check = plots.check_layout

    def keep(fig):
        figures.append(fig)
        return real_check(fig)

    monkeypatch.setattr(plots, "check_layout", keep)
    draw()
    images = [o for o in out if isinstance(o, dict) and "image/png" in o]
    return figures, images, [o for o in out if not (isinstance(o, dict) and "image/png" in o)]


def test_series_chart_one_year_is_a_normal_bar_on_a_year_axis(monkeypatch, arrivals) -> None:
    from helpers import escapees

    figures, images, _ = _shown(monkeypatch, lambda: escapees.plot_series(arrivals, 2012, 2012, "total"))
    (fig,) = figures
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2012"]  # not "-0.4 ... 0.4 +2.02e3"
    assert ax.xaxis.get_offset_text().get_text() == ""
    (bar,) = ax.patches
    lo, hi = ax.get_xlim()
    assert bar.get_width() / (hi - lo) < 0.2  # not one giant bar
    assert "2012: 1,502 people" in images[0]["text/plain"]


def test_series_chart_without_data_says_so_instead_of_empty_axes(monkeypatch, arrivals) -> None:
    from helpers import escapees

    # The published splits now cover these years, so blank them in a copy to draw a range with no data.
    blank = arrivals.copy()
    years = blank["period_start"].between(2012, 2016) & (blank["period_start"] == blank["period_end"])
    blank.loc[years, "male"] = None
    figures, images, other = _shown(monkeypatch, lambda: escapees.plot_series(blank, 2012, 2016, "male"))
    assert not figures and not images
    assert "Nothing to draw" in repr(other[0]) and "2012-2016" in repr(other[0])


def test_series_chart_breaks_at_gaps_and_circles_borrowed_points(monkeypatch, arrivals) -> None:
    import numpy as np

    from helpers import escapees

    # A copy with a year that has no split in any version (2016, a gap) and one whose preferred version
    # lacks the split that an earlier version has (2017, borrowed): the published data now have neither.
    holes = arrivals.copy()
    holes.loc[holes["figure_id"].isin(["2016-provisional", "2016-revised", "2017-revised"]), ["male", "female"]] = None
    holes.loc[holes["figure_id"].isin(["2016-provisional", "2016-revised", "2017-revised"]), "female_share_pct"] = (
        float("nan")
    )
    figures, images, _ = _shown(monkeypatch, lambda: escapees.plot_series(holes, 2015, 2025, "female_share"))
    ax = figures[0].axes[0]
    line = ax.lines[0]
    x, y = line.get_xdata(), np.asarray(line.get_ydata(), dtype=float)
    assert 2016 in list(x) and np.isnan(y[list(x).index(2016)])  # no line drawn across 2016
    labels = [h.get_label() for h in figures[0].legends[0].legend_handles]
    assert "share taken from another version of that year" in labels and "no figure for this year" in labels
    alt = images[0]["text/plain"]
    assert "no figure for 2016" in alt and "(2017) borrow" in alt.replace("\n  ", " ")
