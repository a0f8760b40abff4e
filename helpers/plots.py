"""One plot style for the whole collection: colour-blind-safe colours and alt text.

Use :func:`new_figure` to start a chart with its title and axis labels, and
:func:`show` to display it together with its text description (alt text). The
description is shown under the chart and stored as the image's text form, so a
screen reader, a static page and the nbval regression check all see it.

Before a chart is shown, :func:`check_layout` wraps titles that are wider than the
figure and turns crowded x tick labels, then refuses (with a message saying what
to change) any chart whose title, labels, tick labels or legend are cut off, whose
tick labels overlap, or whose legend covers the data. Use :func:`year_axis` for a
year axis: it reads well for one year as for thirty.
"""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Okabe & Ito (2008) palette, distinguishable with the common colour-vision deficiencies.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
COLOURS: list[str] = list(PALETTE.values())

_STYLE: dict[str, Any] = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "svg.hashsalt": "nkhr-2024",
}


def new_figure(title: str, xlabel: str, ylabel: str, *, size: tuple[float, float] | None = None) -> tuple[Figure, Axes]:
    """Create a figure in the collection's style, with its title and both axis labels set."""
    for label, value in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"every chart needs a {label}: got {value!r}")

    import matplotlib
    from cycler import cycler
    from matplotlib.figure import Figure

    # A bare Figure, not pyplot: no global figure registry, no inline-backend hooks on every cell,
    # nothing displayed twice, and about a tenth of a second less per notebook.
    with matplotlib.rc_context({**_STYLE, "axes.prop_cycle": cycler(color=COLOURS)}):
        fig = Figure(figsize=size or _STYLE["figure.figsize"], layout="constrained")
        ax = fig.add_subplot()
        ax.set_prop_cycle(cycler(color=COLOURS))
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    return fig, ax


def png_bytes(fig: Figure) -> bytes:
    """Render *fig* to PNG bytes without timestamps or software tags (stable across runs)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _drawn_png(fig: Figure) -> bytes:
    """PNG bytes of what *fig*'s Agg canvas last drew (as :func:`png_bytes` would encode it, without drawing again)."""
    from matplotlib.image import imsave

    buffer = io.BytesIO()
    imsave(buffer, fig.canvas.buffer_rgba(), format="png", origin="upper", dpi=fig.dpi, metadata={"Software": None})
    return buffer.getvalue()


def year_axis(ax: Axes, years: Any) -> None:
    """Make the x axis read as years: whole-year ticks, no offset ("+2.02e3"), a margin of half a year.

    Works for one year as well as for many (one bar then keeps a normal width).
    """
    from matplotlib.ticker import MaxNLocator

    values = [int(y) for y in years if y == y]  # drop NaN
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=10, min_n_ticks=1))
    ax.ticklabel_format(axis="x", useOffset=False, style="plain")
    if values:
        lo, hi = min(values), max(values)
        pad = 3.0 if lo == hi else 0.6
        ax.set_xlim(lo - pad, hi + pad)
        if lo == hi:
            ax.set_xticks([lo])


# --------------------------------------------------------------------------- layout check

#: What :func:`check_layout` looks at; stored with every chart so that tests can read it back.
LAYOUT_CHECK_VERSION = 1
_TOLERANCE = 1.0  # pixels: anti-aliasing may touch the edge
_MIN_GAP = 4.0  # pixels between neighbouring x tick labels: closer, and they read as one ("2023-052023-07")


class ChartLayoutError(ValueError):
    """A chart would be stored with something cut off or covered; the message says what to change."""

    def __init__(self, title: str, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"The chart {title!r} would not read well, so it was not shown:\n{lines}")


def _renderer(fig: Figure) -> Any:
    from matplotlib.backend_bases import FigureCanvasBase

    if type(fig.canvas) is FigureCanvasBase:  # a bare Figure: give it an Agg canvas to measure with
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    # A real draw, not draw_without_rendering: it runs the constrained layout and paints the pixels, so what
    # check_layout measures is exactly what show() then stores, and the chart is drawn once, not three times.
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _titles(fig: Figure) -> list[tuple[str, Any]]:
    out = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        out.append(("the figure title", suptitle))
    for ax in fig.axes:
        for attr in ("title", "_left_title", "_right_title"):
            text = getattr(ax, attr, None)
            if text is not None and text.get_text().strip():
                out.append(("the title", text))
    return out


def _fit_text(text: Any, renderer: Any, limit: float, along: str = "width") -> bool:
    """Re-wrap *text* onto more lines until it is at most *limit* pixels long. True if changed."""
    import textwrap

    original = text.get_text()
    words = " ".join(original.split())
    size = getattr(text.get_window_extent(renderer), along)
    if size <= limit or not words:
        return False
    chars = max(int(len(words) * limit / size) - 1, 8)
    while chars >= 8:
        text.set_text("\n".join(textwrap.wrap(words, chars)))
        if getattr(text.get_window_extent(renderer), along) <= limit:
            return True
        chars -= 2
    return True


def _room(text: Any, renderer: Any, frame: Any, pad: float = 6.0) -> float:
    """How wide *text* may be where it is anchored (a centred title over shifted axes has less room)."""
    box = text.get_window_extent(renderer)
    ha = text.get_horizontalalignment()
    if ha == "left":
        return frame.x1 - box.x0 - pad
    if ha == "right":
        return box.x1 - frame.x0 - pad
    centre = (box.x0 + box.x1) / 2
    return 2 * min(centre - frame.x0, frame.x1 - centre) - 2 * pad


def _drawn_ticklabels(axis: Any) -> list[Any]:
    ticks = axis._update_ticks() if hasattr(axis, "_update_ticks") else axis.get_major_ticks()
    labels = []
    for tick in ticks:
        for lab in (tick.label1, tick.label2):
            if lab.get_visible() and lab.get_text().strip() and tick.get_visible():
                labels.append(lab)
    return labels


def _crowded(labels: list[Any], renderer: Any, horizontal: bool) -> list[tuple[str, str]]:
    """Neighbouring tick labels that touch (for turned labels: closer than one line of text)."""
    import math

    boxes = sorted(
        ((lab.get_window_extent(renderer), lab) for lab in labels), key=lambda b: b[0].x0 if horizontal else b[0].y0
    )
    clashes = []
    for (a, la), (b, lb) in zip(boxes, boxes[1:]):
        angle = math.radians(la.get_rotation() % 180)
        if horizontal and abs(math.sin(angle)) > 0.1:
            line = la.get_fontsize() * la.figure.dpi / 72
            gap = abs((b.x0 + b.x1) / 2 - (a.x0 + a.x1) / 2) * abs(math.sin(angle))
            if gap < line * 0.95:
                clashes.append((la.get_text(), lb.get_text()))
        elif (
            horizontal
            and a.x1 + _MIN_GAP > b.x0
            and a.y1 > b.y0
            and b.y1 > a.y0
            or not horizontal
            and a.y1 > b.y0 + _TOLERANCE
            and a.x1 > b.x0
            and b.x1 > a.x0
        ):
            clashes.append((la.get_text(), lb.get_text()))
    return clashes


def _outside(box: Any, frame: Any) -> list[str]:
    edges = []
    if box.x0 < frame.x0 - _TOLERANCE:
        edges.append(f"left edge by {frame.x0 - box.x0:.0f} px")
    if box.x1 > frame.x1 + _TOLERANCE:
        edges.append(f"right edge by {box.x1 - frame.x1:.0f} px")
    if box.y0 < frame.y0 - _TOLERANCE:
        edges.append(f"bottom edge by {frame.y0 - box.y0:.0f} px")
    if box.y1 > frame.y1 + _TOLERANCE:
        edges.append(f"top edge by {box.y1 - frame.y1:.0f} px")
    return edges


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _is_background(artist: Any) -> bool:
    alpha = artist.get_alpha()
    return artist.get_gid() == "background" or (alpha is not None and alpha < 0.5)


def _data_points(artist: Any, renderer: Any) -> Any:
    """Display coordinates of the data an artist draws (for lines, points along every segment too)."""
    import numpy as np
    from matplotlib.collections import PathCollection
    from matplotlib.lines import Line2D

    if isinstance(artist, Line2D):
        xy = artist.get_transform().transform(np.asarray(artist.get_xydata(), dtype=float))
        pts = [xy]
        if artist.get_linestyle() not in ("None", "none", "", " "):
            for a, b in zip(xy[:-1], xy[1:]):
                if np.isfinite(a).all() and np.isfinite(b).all():
                    pts.append(a + np.linspace(0, 1, 25)[:, None] * (b - a))
        out = np.vstack(pts)
    elif isinstance(artist, PathCollection):
        out = artist.get_offset_transform().transform(np.asarray(artist.get_offsets(), dtype=float))
    else:
        paths = artist.get_paths() if hasattr(artist, "get_paths") else []
        verts = [artist.get_transform().transform(p.vertices) for p in paths if len(p.vertices)]
        out = np.vstack(verts) if verts else np.empty((0, 2))
    return out[np.isfinite(out).all(axis=1)] if len(out) else out


def _covered(legend: Any, fig: Figure, renderer: Any) -> list[str]:
    """What data the legend box sits on: bars, points, lines and text of every axes."""
    import numpy as np
    from matplotlib.patches import Rectangle

    box = legend.get_window_extent(renderer)
    inner = box.expanded(1.0, 1.0)
    hits: dict[str, int] = {}

    def hit(kind: str, label: str) -> None:
        name = f"{kind} of {label!r}" if label and not label.startswith("_") else kind
        hits[name] = hits.get(name, 0) + 1

    for ax in fig.axes:
        for patch in ax.patches:
            if not patch.get_visible() or _is_background(patch):
                continue
            pb = patch.get_window_extent(renderer)
            if isinstance(patch, Rectangle) and (pb.width < 0.5 or pb.height < 0.5):
                continue
            x0, x1 = max(pb.x0, inner.x0), min(pb.x1, inner.x1)
            y0, y1 = max(pb.y0, inner.y0), min(pb.y1, inner.y1)
            if x1 - x0 > 1 and y1 - y0 > 1:
                container = next((c for c in ax.containers if patch in c), None)
                hit("bar", container.get_label() if container is not None else patch.get_label())
        for artist in list(ax.lines) + list(ax.collections):
            if not artist.get_visible() or _is_background(artist):
                continue
            pts = _data_points(artist, renderer)
            if len(pts) and np.any(
                (pts[:, 0] > inner.x0) & (pts[:, 0] < inner.x1) & (pts[:, 1] > inner.y0) & (pts[:, 1] < inner.y1)
            ):
                hit("line or points", artist.get_label())
        for text in ax.texts:
            if text.get_visible() and text.get_text().strip() and text.get_window_extent(renderer).overlaps(inner):
                hit("text", _short(text.get_text(), 30))
    return [f"{n} x {name}" if n > 1 else name for name, n in hits.items()]


def check_layout(fig: Figure) -> dict[str, Any]:
    """Check that nothing in *fig* is cut off or covered, after the fixes that are always safe.

    Safe fixes first: a title (or axis label) longer than the figure is wrapped onto
    more lines, and crowded x tick labels are turned 45 degrees. Then, using the
    renderer's window extents, every title, axis label, tick label, text and legend
    must lie inside the figure, neighbouring tick labels must not overlap, and no
    legend may sit on bars, points, lines or text. Returns what was checked; raises
    :class:`ChartLayoutError` naming what is cut or covered and what to change.
    """
    renderer = _renderer(fig)
    frame = fig.bbox
    fixes: list[str] = []
    if len(fig.axes) == 1 and getattr(fig, "_suptitle", None) is None:
        # a centred title over axes pushed right by long tick labels has less room than the figure:
        # centre it on the figure instead (as a figure title in the same font)
        title = fig.axes[0].title
        if title.get_text().strip() and title.get_window_extent(renderer).width > _room(title, renderer, frame):
            fig.suptitle(title.get_text(), fontsize=title.get_fontsize(), fontweight=title.get_fontweight())
            title.set_text("")
            fixes.append("centred the title on the figure")
            renderer = _renderer(fig)
    for _ in range(3):  # wrapping moves the layout a little: measure again
        changed = False
        for what, text in _titles(fig):
            if _fit_text(text, renderer, _room(text, renderer, frame)):
                changed = True
                fixes.append(f"wrapped {what} onto {text.get_text().count(chr(10)) + 1} lines")
        for ax in fig.axes:
            if _fit_text(ax.xaxis.label, renderer, _room(ax.xaxis.label, renderer, frame)):
                changed = True
                fixes.append("wrapped the x-axis label")
            if _fit_text(ax.yaxis.label, renderer, frame.height - 12, along="height"):
                changed = True
                fixes.append("wrapped the y-axis label")
        if not changed:
            break
        renderer = _renderer(fig)
    fixes = list(dict.fromkeys(fixes))
    for ax in fig.axes:
        for angle in (45, 90):
            if not _crowded(_drawn_ticklabels(ax.xaxis), renderer, horizontal=True):
                break
            ax.tick_params(axis="x", labelrotation=angle)
            for lab in ax.get_xticklabels():
                lab.set_horizontalalignment("right" if angle == 45 else "center")
                lab.set_rotation_mode("anchor" if angle == 45 else "default")
            fixes.append(f"turned crowded x tick labels {angle} degrees")
            renderer = _renderer(fig)

    problems: list[str] = []
    counts = {"texts": 0, "tick_labels": 0, "legends": 0}

    def inside(what: str, artist: Any, advice: str) -> None:
        counts["texts"] += 1
        edges = _outside(artist.get_window_extent(renderer), frame)
        if edges:
            problems.append(f"{what} is cut at the {', '.join(edges)}: {advice}")

    for what, text in _titles(fig):
        inside(
            f"{what} {_short(text.get_text())!r}",
            text,
            "shorten it or make the figure wider (new_figure(..., size=(w, h)))",
        )
    for ax in fig.axes:
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if axis.label.get_visible() and axis.label.get_text().strip():
                inside(f"the {name}-axis label {_short(axis.label.get_text())!r}", axis.label, "shorten it")
            labels = _drawn_ticklabels(axis)
            counts["tick_labels"] += len(labels)
            for lab in labels:
                edges = _outside(lab.get_window_extent(renderer), frame)
                if edges:
                    problems.append(
                        f"the {name} tick label {_short(lab.get_text())!r} is cut at the {', '.join(edges)}: "
                        "shorten the category names or make the figure larger"
                    )
            clashes = _crowded(labels, renderer, horizontal=(name == "x"))
            if clashes:
                a, b = clashes[0]
                problems.append(
                    f"{len(clashes)} pair(s) of {name} tick labels overlap "
                    f"(first {_short(a, 20)!r} and {_short(b, 20)!r}): "
                    f"show fewer ticks (e.g. ax.{name}axis.set_major_locator(matplotlib.ticker.MaxNLocator(6))) "
                    "or shorter labels"
                )
        for text in ax.texts:
            if text.get_visible() and text.get_text().strip():
                inside(f"the text {_short(text.get_text())!r}", text, "move it inside the axes or shorten it")
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None] + list(fig.legends)
    for legend in legends:
        counts["legends"] += 1
        edges = _outside(legend.get_window_extent(renderer), frame)
        if edges:
            problems.append(
                f"the legend is cut at the {', '.join(edges)}: place it inside the figure "
                "(e.g. fig.legend(loc='outside upper center'))"
            )
        covered = _covered(legend, fig, renderer)
        if covered:
            problems.append(
                f"the legend covers {', '.join(covered)}: move it off the data, e.g. "
                "ax.legend(loc='upper left', bbox_to_anchor=(1.01, 1)) (outside, right) or "
                "fig.legend(loc='outside upper center', ncols=2) (above), or make room with ax.set_ylim(...)"
            )
    title = next((t.get_text() for _, t in _titles(fig)), "untitled")
    if problems:
        raise ChartLayoutError(" ".join(title.split()), problems)
    return {"version": LAYOUT_CHECK_VERSION, "passed": True, "fixes": fixes, **counts}


def show(fig: Figure, alt: str) -> None:
    """Display *fig* with its alt text, after :func:`check_layout` has made sure nothing is cut or covered.

    *alt* says what the data shows (not how the chart looks): the trend, the
    extremes and the numbers a reader should take away. The result of the layout
    check is stored in the image's metadata (``layout_check``), so the stored
    notebooks can be tested for it.
    """
    if not isinstance(alt, str) or len(alt.split()) < 8:
        raise ValueError("alt text must describe what the chart shows in at least 8 words")
    from IPython.display import display

    from . import chart_store
    from .display import _wrap_plain, escape_md

    shown = getattr(fig, "_nkhr_shown", None)
    if shown is not None and not fig.stale:  # shown before and not changed since (any change marks it stale)
        data, report = shown
    else:
        key = chart_store.figure_key(fig) if chart_store.mode() != "fresh" else None
        stored = chart_store.lookup(key)
        if stored is not None:  # make outputs drew exactly this figure: the same pixels, no need to draw again
            data, report = stored["png"], stored["layout_check"]
            chart_store.note("from_store")
        else:
            report = check_layout(fig)  # its last step drew the figure as it now stands
            data = base64.b64encode(_drawn_png(fig)).decode("ascii")
            chart_store.note("drawn")
            if not _IN_REMEMBERED:  # a remembered call stores its outputs whole, this image with them
                chart_store.record(key, {"png": data, "layout_check": report})
        fig._nkhr_shown = (data, report)  # type: ignore[attr-defined]
        fig.stale = False  # measuring touched the ticks; nothing visible changed after the draw
    display(
        {"image/png": data, "text/plain": _wrap_plain(f"Figure: {alt}")},
        raw=True,
        metadata={"image/png": {"alt": alt, "layout_check": report}},
    )
    display(
        {
            "text/markdown": f"*Figure description:* {escape_md(alt)}",
            "text/plain": _wrap_plain(f"Figure description: {alt}"),
        },
        raw=True,
    )


# --------------------------------------------------------------------------- remembered charts

_REMEMBERED: dict[tuple[Any, ...], list[tuple[dict[str, Any], dict[str, Any]]]] = {}
_REMEMBER_LIMIT = 64
_IN_REMEMBERED = False  # inside a remembered call: its figures are stored with the call, not on their own


def _fingerprint(value: Any) -> Any:
    """A hashable stand-in for an argument: a table by its content, a scalar as itself; TypeError otherwise."""
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        content = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        return ("frame", tuple(map(str, value.columns)), tuple(map(str, value.dtypes)), content)
    if isinstance(value, (list, tuple)):
        return tuple(_fingerprint(v) for v in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(type(value).__name__)


def remembered(function: Any) -> Any:
    """Remember what a chart function displayed, so the same chart of the same data is not drawn twice.

    For functions that display a chart (and its description) through IPython and return
    None, such as :func:`helpers.escapees.plot_series`, whose picture depends only on their
    arguments: a second call with the same arguments in a session shows the outputs of the
    first (a widget draws its default view and the notebook shows the same view again as the
    static version), and a call that ``make outputs`` made shows what it stored (see
    :mod:`helpers.chart_store`). Tables are compared by their content, so a changed table is
    drawn afresh; arguments that cannot be compared always draw.
    """
    import functools

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        global _IN_REMEMBERED
        from IPython import get_ipython

        from . import chart_store

        shell = get_ipython()
        try:
            fingerprint = (_fingerprint(args), _fingerprint(sorted(kwargs.items())))
        except TypeError:
            fingerprint = None
        if shell is None or fingerprint is None:
            return function(*args, **kwargs)
        key = (function.__module__, function.__qualname__, fingerprint)
        outputs = _REMEMBERED.get(key)
        store_key = chart_store.call_key(function, fingerprint) if chart_store.mode() != "fresh" else None
        if outputs is None:
            stored = chart_store.lookup(store_key)
            if stored is not None:
                outputs = [(data, metadata) for data, metadata in stored["outputs"]]
                chart_store.note("from_store", len(chart_store.images(stored)))
        if outputs is not None:
            from IPython.display import display

            for data, metadata in outputs:
                display(data, raw=True, metadata=metadata)
            return None
        record: list[tuple[dict[str, Any], dict[str, Any]]] = []
        publisher = shell.display_pub
        publish = publisher.publish

        def noting(data: dict[str, Any], metadata: dict[str, Any] | None = None, **more: Any) -> Any:
            record.append((data, metadata or {}))
            return publish(data, metadata, **more)

        publisher.publish = noting
        outer, _IN_REMEMBERED = _IN_REMEMBERED, True
        try:
            result = function(*args, **kwargs)
        finally:
            publisher.publish = publish
            _IN_REMEMBERED = outer
        if result is None and record:
            if len(_REMEMBERED) >= _REMEMBER_LIMIT:
                _REMEMBERED.pop(next(iter(_REMEMBERED)))
            _REMEMBERED[key] = record
            if not outer:
                chart_store.record(store_key, {"outputs": [[data, metadata] for data, metadata in record]})
        return result

    return wrapper
