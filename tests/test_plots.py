"""The chart style: labelled axes, colour-blind-safe palette, alt text."""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")

import pytest  # noqa: E402

from helpers import plots  # noqa: E402


def test_palette_is_okabe_ito() -> None:
    assert plots.COLOURS[:4] == ["#0072B2", "#E69F00", "#009E73", "#D55E00"]
    assert len(set(plots.COLOURS)) == len(plots.COLOURS) == 8


def test_new_figure_sets_labels_and_cycle() -> None:
    fig, ax = plots.new_figure("Title", "Year", "People")
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("Title", "Year", "People")
    (line,) = ax.plot([1, 2], [3, 4])
    assert matplotlib.colors.to_hex(line.get_color()).upper() == plots.COLOURS[0].upper()
    matplotlib.pyplot.close(fig)


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
        matplotlib.pyplot.close(fig)
    assert images[0] == images[1] and images[0][:8] == b"\x89PNG\r\n\x1a\n"


def test_show_requires_meaningful_alt_text(monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append((obj, kw)))
    fig, _ = plots.new_figure("T", "x", "y")
    with pytest.raises(ValueError, match="alt text"):
        plots.show(fig, alt="a chart")
    plots.show(fig, alt="Bar chart: arrivals fell from 1,047 in 2019 to 63 in 2021.")
    bundle, kwargs = shown[0]
    assert bundle["text/plain"].startswith("Figure: Bar chart") and kwargs["metadata"]["image/png"]["alt"].endswith("2021.")
    assert shown[1][0]["text/markdown"].startswith("*Figure description:*")
