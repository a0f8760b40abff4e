"""Escapee arrivals in the Republic of Korea: pure functions behind notebook 06.

Two datasets feed this module:

* ``escapee_arrivals`` - one row per published version of a year's (or a
  period's) arrival figure, with exactly one ``preferred`` row per period;
* ``escapee_cumulative`` - running totals ("checkpoints"), also one row per
  version.

Everything here takes a DataFrame and returns a new one (nothing is changed in
place, nothing is read from disk), so the functions are easy to test and the
notebook's widget is a thin wrapper over :func:`series` and :func:`plot_series`.
pandas, matplotlib and ipywidgets are imported inside the functions, so
``import helpers`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import whole_number
from .plots import remembered

if TYPE_CHECKING:
    import pandas as pd

#: The series :func:`series` can return, in the order the widget offers them.
SERIES: tuple[str, ...] = ("total", "male", "female", "female_share")

_LABELS = {
    "total": "Arrivals (people)",
    "male": "Men and boys (people)",
    "female": "Women and girls (people)",
    "female_share": "Women and girls (% of arrivals)",
}


def _single_years(arrivals: pd.DataFrame) -> pd.DataFrame:
    return arrivals[arrivals["period_start"] == arrivals["period_end"]]


def yearly(arrivals: pd.DataFrame) -> pd.DataFrame:
    """Return the preferred figure for every single year, one row per year.

    Columns: ``year``, ``total``, ``male``, ``female``, ``female_share`` (percent,
    from the counts where both are known, else the published share, else missing),
    ``status`` and ``figure_id``. Period aggregates (e.g. 1990-1999) are left out.
    """
    import pandas as pd

    rows = _single_years(arrivals)
    rows = rows[rows["preferred"].fillna(False).astype(bool)]
    out = pd.DataFrame(
        {
            "year": rows["period_start"].astype("Int64"),
            "total": rows["total"].astype("Int64"),
            "male": rows["male"].astype("Int64"),
            "female": rows["female"].astype("Int64"),
            "female_share": _share(rows),
            "status": rows["status"],
            "figure_id": rows["figure_id"],
        }
    )
    return out.sort_values("year").reset_index(drop=True)


def _share(rows: pd.DataFrame) -> pd.Series:
    import pandas as pd

    counted = rows["female"].astype("Float64") / rows["total"].astype("Float64") * 100
    published = (
        rows["female_share_pct"].astype("Float64")
        if "female_share_pct" in rows
        else pd.Series(pd.NA, index=rows.index, dtype="Float64")
    )
    return counted.fillna(published).round(1).astype("float64")


def series(
    arrivals: pd.DataFrame, start: int = 1998, end: int = 2025, name: str = "total", *, share_fallback: bool = False
) -> pd.DataFrame:
    """Return one series of the preferred yearly figures between *start* and *end*.

    *name* is one of :data:`SERIES`. The result has columns ``year``, ``value`` and
    ``figure_id`` (the row the value comes from), one row per year in the range that
    has a preferred figure; a value may be missing (e.g. no sex split for 2009).

    With ``share_fallback=True`` (only for ``female_share``), a year whose preferred
    figure has no split borrows the share of the latest-published other version that
    has one, and ``figure_id`` names that version - so the reader can see which
    numbers were borrowed.
    """
    import pandas as pd

    if name not in SERIES:
        raise ValueError(f"series must be one of {', '.join(SERIES)}; got {name!r}")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        raise TypeError("start and end must be whole years (int)")
    if start > end:
        raise ValueError(f"start ({start}) is after end ({end})")
    table = yearly(arrivals)
    table = table[(table["year"] >= start) & (table["year"] <= end)]
    out = pd.DataFrame({"year": table["year"], "value": table[name].astype("float64"), "figure_id": table["figure_id"]})
    if share_fallback and name == "female_share":
        versions_ = _single_years(arrivals).copy()
        versions_["share"] = _share(versions_)
        versions_ = versions_[versions_["share"].notna()].sort_values("published")
        for i in out.index[out["value"].isna()]:
            year = out.at[i, "year"]
            candidates = versions_[versions_["period_start"] == year]
            if len(candidates):
                best = candidates.iloc[-1]
                out.at[i, "value"] = float(best["share"])
                out.at[i, "figure_id"] = best["figure_id"]
    return out.reset_index(drop=True)


def versions(arrivals: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return every published version of one year's figure, oldest publication first."""
    year = whole_number("year", year)
    rows = _single_years(arrivals)
    known = sorted({int(y) for y in rows["period_start"].dropna()})
    if year not in known:
        raise ValueError(f"no single-year figure for {year}; the years run {known[0]}-{known[-1]}")
    rows = rows[rows["period_start"] == year]
    cols = ["figure_id", "status", "total", "male", "female", "published", "preferred"]
    return rows.sort_values(["published", "figure_id"])[cols].reset_index(drop=True)


def revisions(arrivals: pd.DataFrame) -> pd.DataFrame:
    """Return, for each year with more than one version, the first and the preferred figure.

    Columns: ``year``, ``versions`` (how many), ``first_total`` and ``first_published``
    (the earliest version), ``preferred_total``, ``change`` (preferred minus first),
    ``spread`` (largest minus smallest of all versions).
    """
    import pandas as pd

    rows = _single_years(arrivals)
    out = []
    for year, group in rows.groupby("period_start", sort=True):
        if len(group) < 2:
            continue
        first = group.sort_values(["published", "figure_id"]).iloc[0]
        pref = group[group["preferred"].fillna(False).astype(bool)].iloc[0]
        out.append(
            {
                "year": int(year),
                "versions": len(group),
                "first_total": int(first["total"]),
                "first_published": first["published"],
                "preferred_total": int(pref["total"]),
                "change": int(pref["total"]) - int(first["total"]),
                "spread": int(group["total"].max()) - int(group["total"].min()),
            }
        )
    return pd.DataFrame(
        out, columns=["year", "versions", "first_total", "first_published", "preferred_total", "change", "spread"]
    )


def year_on_year(arrivals: pd.DataFrame) -> pd.DataFrame:
    """Return preferred yearly totals with the change on the year before (people and percent).

    The change is computed only between consecutive calendar years.
    """
    table = yearly(arrivals)[["year", "total"]].copy()
    prev = table["total"].shift(1)
    consecutive = table["year"].diff() == 1
    table["change"] = (table["total"] - prev).where(consecutive)
    table["change_pct"] = ((table["total"] - prev) / prev * 100).where(consecutive).astype("float64").round(1)
    return table.reset_index(drop=True)


def year_end_checkpoints(cumulative: pd.DataFrame) -> pd.DataFrame:
    """Return the preferred checkpoints that fall at the end of a year, with a ``year`` column.

    A checkpoint is at the end of a year when its ``as_of`` is a bare year, December
    (``YYYY-12``) or 31 December. Quarter checkpoints (e.g. 2024-03) are left out.
    """
    rows = cumulative[cumulative["preferred"].fillna(False).astype(bool)].copy()
    as_of = rows["as_of"].astype(str)
    year_end = (rows["as_of_precision"] == "year") | as_of.str.fullmatch(r"\d{4}-12(-31)?")
    rows = rows[year_end]
    rows.insert(0, "year", rows["as_of"].astype(str).str[:4].astype(int))
    return rows.sort_values("year").reset_index(drop=True)


def reconcile(arrivals: pd.DataFrame, cumulative: pd.DataFrame, column: str = "total") -> pd.DataFrame:
    """Compare consecutive year-end checkpoints with the preferred yearly arrivals between them.

    For each pair of consecutive preferred year-end checkpoints (``from_year``,
    ``to_year``), returns the change in the running total (``cumulative_change``),
    the sum of the preferred yearly figures for the years after ``from_year`` up to
    ``to_year`` (``arrivals_sum``), and ``gap = cumulative_change - arrivals_sum``.
    ``missing_years`` counts years with no preferred figure (then ``arrivals_sum``
    and ``gap`` are missing). *column* is ``total``, ``male`` or ``female``; pairs
    where a checkpoint lacks that column are left out.
    """
    import pandas as pd

    if column not in ("total", "male", "female"):
        raise ValueError(f"column must be total, male or female; got {column!r}")
    checkpoints = year_end_checkpoints(cumulative)
    checkpoints = checkpoints[checkpoints[column].notna()]
    table = yearly(arrivals).set_index("year")
    out = []
    years = checkpoints["year"].tolist()
    values = checkpoints[column].tolist()
    for (y0, v0), (y1, v1) in zip(zip(years, values), zip(years[1:], values[1:])):
        span = range(y0 + 1, y1 + 1)
        figures = [table[column].get(y, pd.NA) if y in table.index else pd.NA for y in span]
        missing = sum(1 for f in figures if pd.isna(f))
        total = None if missing else int(sum(int(f) for f in figures))
        change = int(v1) - int(v0)
        out.append(
            {
                "from_year": y0,
                "to_year": y1,
                "cumulative_change": change,
                "arrivals_sum": total,
                "gap": None if total is None else change - total,
                "missing_years": missing,
            }
        )
    frame = pd.DataFrame(
        out, columns=["from_year", "to_year", "cumulative_change", "arrivals_sum", "gap", "missing_years"]
    )
    return frame.astype({"arrivals_sum": "Int64", "gap": "Int64"})


#: The series as the widget's menu names them.
SERIES_NAMES: dict[str, str] = {
    "total": "All arrivals",
    "male": "Men and boys",
    "female": "Women and girls",
    "female_share": "Share of women and girls (%)",
}


def _register_labels() -> None:
    from .display import register_labels

    register_labels(
        {
            "female_share": "share of women and girls (%)",
            "male": "men and boys",
            "female": "women and girls",
            "change_pct": "change (%)",
            "first_total": "first published total",
            "first_published": "first published",
            "preferred_total": "preferred total",
            "cumulative_change": "change in the running total",
            "arrivals_sum": "sum of yearly arrivals",
            "missing_years": "years without a figure",
        }
    )


def _circle_borrowed(ax: Any, borrowed: pd.DataFrame) -> None:
    """Circle the shares taken from another version of their year (one look in every share chart)."""
    from . import plots

    if len(borrowed):
        ax.scatter(
            borrowed["year"],
            borrowed["value"],
            s=100,
            facecolors="none",
            edgecolors=plots.PALETTE["black"],
            linewidths=1.5,
            zorder=3,
            label="share taken from another version of that year",
        )


@remembered
def plot_series(arrivals: pd.DataFrame, start: int = 1998, end: int = 2025, name: str = "total") -> None:
    """Draw one series (see :func:`series`) as bars (counts) or a line (share), with alt text.

    Reads well in the awkward cases too: one year is one bar of normal width on a
    whole-year axis; a range with no figure shows a sentence instead of empty axes;
    a year without a figure is a gap (the share line is broken there, not drawn
    across), and a share borrowed from another version of its year is circled.
    """
    from IPython.display import display

    from . import plots
    from .display import escape_md, prose

    data = series(arrivals, start, end, name, share_fallback=(name == "female_share"))
    known = data.dropna(subset=["value"])
    what = SERIES_NAMES[name].lower()
    span = f"{start}" if start == end else f"{start}-{end}"
    if known.empty:
        display(
            prose(
                f"**Nothing to draw:** the collection has no figure for *{escape_md(what)}* in {span}. "
                "Widen the range of years or choose another series (the split by sex was not published for "
                "every year)."
            )
        )
        return
    years = list(range(start, end + 1))
    full = data.set_index("year")["value"].reindex(years)
    missing = [y for y in years if full[y] != full[y]]
    preferred_ids = yearly(arrivals).set_index("year")["figure_id"]
    borrowed = known[[fid != preferred_ids.get(y) for y, fid in zip(known["year"], known["figure_id"])]]
    fig, ax = plots.new_figure(f"{SERIES_NAMES[name]}, {span}", "Year of arrival", _LABELS[name])
    if name == "female_share":
        # drawn with the gaps (NaN), so no line crosses a year without a share
        ax.plot(
            years,
            full.to_numpy(dtype=float),
            marker="o",
            color=plots.PALETTE["vermillion"],
            label="share (preferred figure)",
        )
        _circle_borrowed(ax, borrowed)
        ax.set_ylim(0, 100)
    else:
        ax.bar(known["year"], known["value"], width=0.8, color=plots.PALETTE["blue"], label=SERIES_NAMES[name].lower())
    if missing:
        ax.scatter(
            missing,
            [0] * len(missing),
            marker="x",
            color=plots.PALETTE["black"],
            zorder=3,
            clip_on=False,
            label="no figure for this year",
        )
    plots.year_axis(ax, years)
    if len(borrowed) or missing:
        fig.legend(loc="outside lower center", ncols=3, fontsize=9)  # under the chart, never on the data
    hi = known.loc[known["value"].idxmax()]
    lo = known.loc[known["value"].idxmin()]
    unit = "%" if name == "female_share" else " people"
    digits = 1 if name == "female_share" else 0
    if len(known) == 1:
        only = "" if start == end else f"{span}: only {int(hi['year'])} has a figure, "
        alt = f"{SERIES_NAMES[name]}, {only or str(start) + ': '}{hi['value']:,.{digits}f}{unit}"
    else:
        alt = (
            f"{SERIES_NAMES[name]} by year, {span}: highest {hi['value']:,.{digits}f}{unit} in {int(hi['year'])}, "
            f"lowest {lo['value']:,.{digits}f}{unit} in {int(lo['year'])}"
        )
    alt += (
        "; every year in the range has a figure."
        if not missing
        else f"; no figure for {', '.join(map(str, missing))} (marked x)."
    )
    if len(borrowed):
        alt += (
            f" {len(borrowed)} point(s) ({', '.join(str(int(y)) for y in borrowed['year'])}) borrow the share of "
            "another published version of the same year (circled)."
        )
    plots.show(fig, alt=alt)


def widget(arrivals: pd.DataFrame) -> Any:
    """Return an interactive year-range and series selector over :func:`plot_series`.

    Needs a live Jupyter frontend; the static fallback is
    ``plot_series(arrivals)`` with the defaults (1998-2025, total). The chosen
    years are written out in full beside the slider (its own read-out is too
    narrow for "1998 – 2025"), and the menu names the series in words.
    """
    import ipywidgets as w

    from .display import widget_layout, widget_style, year_range

    years = yearly(arrivals)["year"]
    lo, hi = int(years.min()), int(years.max())
    span_box = year_range(lo, hi)
    span = span_box.slider
    pick = w.Dropdown(
        options=[(words, code) for code, words in SERIES_NAMES.items()],
        value="total",
        description="Series",
        style=widget_style(),
        layout=widget_layout("auto", min_width="22em"),
    )

    def _draw(span: tuple[int, int], name: str) -> None:
        plot_series(arrivals, int(span[0]), int(span[1]), name)

    from .friendly import hinted
    from .widgets import live

    out = live(_draw, {"span": span, "name": pick})

    return hinted(w.VBox([span_box, pick, out]), "Arrivals explorer", wrap=False)


@remembered
def plot_by_sex(arrivals: pd.DataFrame, start: int = 1998, end: int = 2025) -> None:
    """Bar chart of preferred yearly arrivals, stacked by sex where the split is known.

    Years whose preferred figure has no sex split are drawn as a single hatched bar
    ("sex not published for this figure"), so no split is invented.
    """
    from . import plots

    table = yearly(arrivals)
    table = table[(table["year"] >= start) & (table["year"] <= end)]
    split = table[table["male"].notna() & table["female"].notna()]
    whole = table[~table.index.isin(split.index)]
    fig, ax = plots.new_figure(
        f"Escapee arrivals in the ROK by year and sex, {start}-{end}", "Year of arrival", "Arrivals (people)"
    )
    ax.bar(split["year"], split["female"].astype(float), color=plots.PALETTE["vermillion"], label="women and girls")
    ax.bar(
        split["year"],
        split["male"].astype(float),
        bottom=split["female"].astype(float),
        color=plots.PALETTE["blue"],
        label="men and boys",
    )
    ax.bar(
        whole["year"],
        whole["total"].astype(float),
        color="white",
        edgecolor=plots.PALETTE["black"],
        hatch="//",
        label="sex not published for this figure",
    )
    fig.legend(loc="outside lower center", ncols=3, fontsize=9)  # under the bars, never on them
    plots.year_axis(ax, table["year"])
    peak = table.loc[table["total"].idxmax()]
    low = table.loc[table["total"].idxmin()]
    alt = (
        f"Stacked bars of arrivals per year, {start}-{end}. Arrivals rose to a peak of {int(peak['total']):,} "
        f"in {int(peak['year'])}, stayed above 1,000 a year until {int(table[table['total'] >= 1000]['year'].max())}, "
        f"and fell to a low of {int(low['total']):,} in {int(low['year'])}. "
        f"Women and girls outnumber men and boys in {int((split['female'] > split['male']).sum())} of the "
        f"{len(split)} years with a published split; "
        f"{len(whole)} years have no published split for the preferred figure."
    )
    plots.show(fig, alt=alt)


@remembered
def plot_female_share(arrivals: pd.DataFrame, start: int = 1998, end: int = 2025) -> None:
    """Line chart of the share of women and girls, borrowing shares from other versions where needed (marked)."""
    from . import plots

    full = series(arrivals, start, end, "female_share", share_fallback=True)
    data = full.dropna(subset=["value"])
    table = yearly(arrivals).set_index("year")
    borrowed = data[[fid != table.at[y, "figure_id"] for y, fid in zip(data["year"], data["figure_id"])]]
    fig, ax = plots.new_figure(
        f"Share of women and girls among arrivals, {start}-{end}", "Year of arrival", "Women and girls (% of arrivals)"
    )
    # plotted with the gaps (NaN) so that no line is drawn across a year without a share
    ax.plot(
        full["year"], full["value"], color=plots.PALETTE["vermillion"], marker="o", label="share (preferred figure)"
    )
    _circle_borrowed(ax, borrowed)
    ax.axhline(50, color=plots.PALETTE["black"], linewidth=0.8, linestyle="--", label="half of arrivals (50%)")
    ax.set_ylim(0, 100)
    plots.year_axis(ax, range(start, end + 1))
    fig.legend(loc="outside lower center", ncols=3, fontsize=9)
    hi = data.loc[data["value"].idxmax()]
    lo = data.loc[data["value"].idxmin()]
    n_borrowed, n_none = len(borrowed), int(end - start + 1 - len(data))
    covid = ", during the COVID-19 collapse" if 2020 <= int(lo["year"]) <= 2022 else ""
    borrowed_text = (
        "no point borrows the share of another version of the same year"
        if n_borrowed == 0
        else f"{n_borrowed} point{'s' if n_borrowed > 1 else ''} borrow{'s' if n_borrowed == 1 else ''} the share of "
        "another version of the same year (circled)"
    )
    none_text = (
        "every year has a share"
        if n_none == 0
        else f"{n_none} year{'s have' if n_none > 1 else ' has'} no share at all"
    )
    alt = (
        f"Line chart of the share of women and girls among arrivals, {start}-{end}: "
        f"from {data['value'].iloc[0]:.1f}% in {int(data['year'].iloc[0])} "
        f"to a high of {hi['value']:.1f}% in {int(hi['year'])}; "
        f"the lowest is {lo['value']:.1f}% in {int(lo['year'])}{covid}; "
        f"{borrowed_text}, and {none_text}."
    )
    plots.show(fig, alt=alt)


@remembered
def plot_cumulative(cumulative: pd.DataFrame) -> None:
    """Line chart of the preferred running totals (all checkpoints, quarter-ends included)."""
    from . import plots

    rows = cumulative[cumulative["preferred"].fillna(False).astype(bool)].copy()
    as_of = rows["as_of"].astype(str)
    # position on the time axis: a bare year means its end, a month the end of that month
    month = as_of.str[5:7].replace("", "12").astype(int)
    rows["x"] = as_of.str[:4].astype(int) + month / 12
    rows = rows.sort_values("x")
    fig, ax = plots.new_figure(
        "Cumulative arrivals of escapees in the ROK (running total)",
        "End of period",
        "Arrivals since the Korean War (people)",
    )
    ax.plot(rows["x"], rows["total"].astype(float), marker="o", color=plots.PALETTE["blue"])
    first, last = rows.iloc[0], rows.iloc[-1]
    crossed = rows[rows["total"] >= 30000].iloc[0]
    alt = (
        f"Line chart of {len(rows)} running-total checkpoints: "
        f"{int(first['total']):,} arrivals by the end of {first['as_of']}, "
        f"{int(crossed['total']):,} by the end of {crossed['as_of']} and "
        f"{int(last['total']):,} by the end of {last['as_of']}; the line is steep in the 2000s "
        f"and almost flat after 2019."
    )
    plots.show(fig, alt=alt)


_register_labels()


# Every public function that takes a table names the columns it needs when given the wrong one.
from .frames import guard_tables  # noqa: E402

guard_tables(globals())
