"""Abductees, detainees, prisoners of war and separated families: pure functions behind notebook 07.

The datasets this module works on (load them with :func:`helpers.load`):

* "figure" tables - ``abductions_japan``, ``pow_figures``, ``separated_families_figures``:
  one row per published version of a figure, with ``low``/``high`` bounds, a
  ``qualifier`` (exact, about, at_least, more_than, up_to, range), the date the
  figure refers to (``as_of``), and ``preferred`` marking the version the notebook
  uses. In ``abductions_japan`` and ``pow_figures`` a ``part_of`` column links the
  parts of a total to the total;
* ``war_abductee_estimates`` - registers, registrations, recognitions and estimates
  of Korean War abductees, all as ranges;
* ``rok_abductees`` - post-war abductees by category, one version per count;
* ``rok_detainees`` - dated events for the detained ROK nationals (public cases);
* ``pow_escapes`` - POWs who escaped home, by year;
* ``separated_families_registry`` - registered, deceased and alive at checkpoints;
* ``family_reunions`` - reunion events.

Every function takes DataFrames and returns new ones: nothing is changed in place
and nothing is read from disk, so the functions are easy to test. The widget
(:func:`figure_explorer`) is a thin wrapper over :func:`figure_table`. pandas,
matplotlib and ipywidgets are imported inside the functions so ``import helpers``
stays fast.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from .errors import short, whole_number
from .plots import remembered

if TYPE_CHECKING:
    import pandas as pd

#: The statement's own words on these issues (paragraph 3 of the joint statement).
STATEMENT_PHRASE = (
    "urge the immediate resolution of the issues of abductees, detainees, and others unjustly "
    "detained, and unrepatriated prisoners of war as well as the issue of separated families"
)

#: The date of the joint statement, the reference date for "how long" questions.
STATEMENT_DATE = _dt.date(2024, 10, 18)

_QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "up_to": "up to ",
}


def _flag(series: pd.Series) -> pd.Series:
    return series.fillna(False).astype(bool)


def format_figure(low: Any, high: Any, qualifier: str = "exact") -> str:
    """Return a figure as a reader would say it: ``"about 82,000"``, ``"50,000-70,000"``.

    *low* or *high* may be missing (``None`` or a pandas NA) for "at least"/"more than"
    (no high) and "up to" (no low) figures.

    >>> format_figure(50000, 70000, "range")
    '50,000–70,000'
    >>> format_figure(50000, None, "at_least")
    'at least 50,000'
    """
    import pandas as pd

    for name, value in (("low", low), ("high", high)):
        if (
            value is not None
            and not isinstance(value, (int, float))
            and not hasattr(value, "__index__")
            and not pd.api.types.is_scalar(value)
        ):
            raise TypeError(f"{name} must be a number or missing, got {type(value).__name__}: {short(value)}")
    try:
        lo = None if low is None or pd.isna(low) else int(low)
        hi = None if high is None or pd.isna(high) else int(high)
    except (OverflowError, TypeError, ValueError):
        raise ValueError(
            f"a figure's bounds must be whole numbers or missing, got low={short(low)}, high={short(high)}"
        ) from None
    if lo is None and hi is None:
        raise ValueError("a figure needs a low or a high bound")
    if qualifier == "range" or (lo is not None and hi is not None and lo != hi):
        if lo is None or hi is None:
            raise ValueError(f"a range needs both bounds, got low={low!r}, high={high!r}")
        return f"{lo:,}–{hi:,}"
    if qualifier not in _QUALIFIER_WORDS:
        raise ValueError(f"qualifier must be one of range, {', '.join(_QUALIFIER_WORDS)}; got {qualifier!r}")
    value = lo if lo is not None else hi
    return f"{_QUALIFIER_WORDS[qualifier]}{value:,}"


def _measure_options(figures: pd.DataFrame) -> list[tuple[str, str]]:
    """The widget's menu: each measure in words, its code as the value."""
    from .display import label

    return [(label(m)[:1].upper() + label(m)[1:], m) for m in measures(figures)]


def measures(figures: pd.DataFrame) -> list[str]:
    """Return the measures of a figure table, in the order they first appear."""
    return list(dict.fromkeys(figures["measure"].tolist()))


def figure_table(figures: pd.DataFrame, measure: str, *, preferred_only: bool = False) -> pd.DataFrame:
    """Return the rows of one *measure*, oldest ``as_of`` first, with a readable ``figure``.

    Columns: ``as_of``, ``figure`` (see :func:`format_figure`), ``claimant`` (if the
    table has one), ``preferred`` and ``figure_id``. With ``preferred_only=True``
    competing versions are dropped. Raises ``ValueError`` for an unknown measure.
    """
    if measure not in set(figures["measure"]):
        raise ValueError(f"unknown measure {measure!r}; choose one of: {', '.join(measures(figures))}")
    rows = figures[figures["measure"] == measure].copy()
    if preferred_only:
        rows = rows[_flag(rows["preferred"])]
    rows["figure"] = [format_figure(lo, hi, q) for lo, hi, q in zip(rows["low"], rows["high"], rows["qualifier"])]
    cols = ["as_of", "figure"] + (["claimant"] if "claimant" in rows else []) + ["preferred", "figure_id"]
    rows = rows.sort_values(["as_of", "figure_id"], kind="stable")
    return rows[cols].reset_index(drop=True)


def figure_series(figures: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Return the preferred rows of one *measure* as a time series, oldest first.

    Columns: ``as_of``, ``year`` (decimal; a month counts as its end, a bare year as
    its end), ``low``, ``high`` and ``figure`` (as text). Rows with only one bound
    use it for both.
    """
    rows = figures[(figures["measure"] == measure) & _flag(figures["preferred"])].copy()
    if rows.empty:
        raise ValueError(f"no preferred rows for measure {measure!r}")
    rows["figure"] = [format_figure(lo, hi, q) for lo, hi, q in zip(rows["low"], rows["high"], rows["qualifier"])]
    rows["high"] = rows["high"].fillna(rows["low"])
    rows["low"] = rows["low"].fillna(rows["high"])
    rows["year"] = [_decimal_year(str(a)) for a in rows["as_of"]]
    return rows.sort_values("year")[["as_of", "year", "low", "high", "figure"]].reset_index(drop=True)


def preferred_conflicts(figures: pd.DataFrame, keys: tuple[str, ...] = ("measure", "as_of")) -> pd.DataFrame:
    """Return the groups of rows (by *keys*) that do not have exactly one preferred row.

    An empty result means the table is consistent: every figure has exactly one
    version marked ``preferred``. Columns: the *keys*, ``rows`` and ``preferred_rows``.
    """
    import pandas as pd

    table = figures.assign(_pref=_flag(figures["preferred"]).astype(int))
    grouped = table.groupby(list(keys), dropna=False, sort=True)["_pref"].agg(["size", "sum"]).reset_index()
    grouped = grouped.rename(columns={"size": "rows", "sum": "preferred_rows"})
    return pd.DataFrame(grouped[grouped["preferred_rows"] != 1]).reset_index(drop=True)


def parts_check(figures: pd.DataFrame) -> pd.DataFrame:
    """Compare every total with the sum of the rows that name it in ``part_of``.

    Only rows with ``low == high`` (single figures) are summed. Columns:
    ``total_id``, ``measure``, ``total``, ``parts`` (how many rows), ``parts_sum`` and
    ``difference`` (total minus the sum; 0 when the parts add up).
    """
    import pandas as pd

    parts = figures[figures["part_of"].notna()]
    out = []
    for total_id, group in parts.groupby("part_of", sort=True):
        total_row = figures[figures["figure_id"] == total_id].iloc[0]
        total = int(total_row["low"])
        summed = int(group["low"].sum())
        out.append(
            {
                "total_id": total_id,
                "measure": total_row["measure"],
                "total": total,
                "parts": len(group),
                "parts_sum": summed,
                "difference": total - summed,
            }
        )
    return pd.DataFrame(out, columns=["total_id", "measure", "total", "parts", "parts_sum", "difference"])


def abductee_shares(abductees: pd.DataFrame, version: str = "mou-current") -> pd.DataFrame:
    """Return one count of post-war ROK abductees by category, with shares.

    Columns: ``category``, ``taken``, ``returned`` (repatriated + escaped),
    ``still_held``, ``held_pct`` (still held as a percentage of those taken, 1
    decimal) and ``share_of_held_pct`` (the category's share of all still held).
    The ``total`` row comes last.
    """
    rows = abductees[abductees["version"] == version].copy()
    if rows.empty:
        raise ValueError(
            f"no rows for version {version!r}; choose one of: {', '.join(dict.fromkeys(abductees['version']))}"
        )
    rows["returned"] = rows["returned_repatriated"].fillna(0) + rows["returned_escaped"].fillna(0)
    total_held = int(rows.loc[rows["category"] == "total", "still_held"].iloc[0])
    rows["held_pct"] = (rows["still_held"].astype("float64") / rows["taken"].astype("float64") * 100).round(1)
    rows["share_of_held_pct"] = (rows["still_held"].astype("float64") / total_held * 100).round(1)
    rows["_last"] = rows["category"] == "total"
    rows = rows.sort_values(["_last", "taken"], ascending=[True, False], kind="stable")
    return rows[["category", "taken", "returned", "still_held", "held_pct", "share_of_held_pct"]].reset_index(drop=True)


def category_sums(abductees: pd.DataFrame, version: str = "mou-current") -> pd.DataFrame:
    """Check that a count's categories add up to its ``total`` row, column by column.

    Columns: ``column``, ``total`` (the published total), ``sum_of_categories`` and
    ``difference``. Columns with no figures for this version are left out.
    """
    import pandas as pd

    versions = sorted(set(abductees["version"].dropna()))
    if version not in versions:
        raise ValueError(f"unknown version {short(version)}; choose one of: {', '.join(versions)}")
    rows = abductees[abductees["version"] == version]
    if not (rows["category"] == "total").any():
        raise ValueError(f"version {version!r} has no 'total' row to add up to")
    total = rows[rows["category"] == "total"].iloc[0]
    cats = rows[rows["category"] != "total"]
    out = []
    for col in ("taken", "returned_repatriated", "returned_escaped", "still_held"):
        if pd.isna(total[col]):
            continue
        s = int(cats[col].fillna(0).sum())
        out.append({"column": col, "total": int(total[col]), "sum_of_categories": s, "difference": int(total[col]) - s})
    return pd.DataFrame(out, columns=["column", "total", "sum_of_categories", "difference"])


def estimate_ranges(estimates: pd.DataFrame, scope: str = "korean_war_rok_civilians") -> pd.DataFrame:
    """Return the estimates of one *scope* as ranges, smallest first, ready for a range chart.

    Columns: ``estimate_id``, ``kind``, ``estimator``, ``low``, ``high`` (for "more
    than" figures with no upper bound, ``high`` equals ``low`` and ``open_ended`` is
    True), ``open_ended``, ``figure`` (as text) and ``as_of``.
    """
    rows = estimates[estimates["scope"] == scope].copy()
    if rows.empty:
        raise ValueError(f"no estimates for scope {scope!r}")
    rows["open_ended"] = rows["high"].isna()
    rows["figure"] = [format_figure(lo, hi, q) for lo, hi, q in zip(rows["low"], rows["high"], rows["qualifier"])]
    rows["high"] = rows["high"].fillna(rows["low"])
    rows["low"] = rows["low"].fillna(rows["high"])
    rows = rows.sort_values(["low", "high", "estimate_id"], kind="stable")
    return rows[["estimate_id", "kind", "estimator", "low", "high", "open_ended", "figure", "as_of"]].reset_index(
        drop=True
    )


def spread(ranges: pd.DataFrame, kinds: tuple[str, ...] | None = None) -> tuple[int, int]:
    """Return the smallest low and the largest high of *ranges* (optionally of some kinds only)."""
    rows = ranges if kinds is None else ranges[ranges["kind"].isin(kinds)]
    if rows.empty:
        raise ValueError("no rows to measure")
    return int(rows["low"].min()), int(rows["high"].max())


def plot_estimate_ranges(ranges: pd.DataFrame, title: str = "Korean War abductees: how many?") -> tuple[Any, Any]:
    """Draw *ranges* (from :func:`estimate_ranges`) as horizontal bars; a point estimate is a dot.

    Returns ``(fig, ax)``; the caller shows it with :func:`helpers.plots.show`.
    """
    from . import plots

    fig, ax = plots.new_figure(title, "People (thousands)", "Source of the figure", size=(8.5, 4.8))
    colours = {
        "register_count": plots.PALETTE["blue"],
        "registration": plots.PALETTE["green"],
        "official_recognition": plots.PALETTE["purple"],
        "estimate": plots.PALETTE["vermillion"],
    }
    labels = []
    for i, row in enumerate(ranges.itertuples(index=False)):
        colour = colours.get(row.kind, plots.PALETTE["black"])
        lo, hi = row.low / 1000, row.high / 1000
        if hi > lo:
            ax.plot([lo, hi], [i, i], color=colour, linewidth=6, solid_capstyle="butt")
        ax.plot([lo], [i], marker="o", color=colour, markersize=7)
        if row.open_ended:
            ax.annotate("", xy=(lo + 12, i), xytext=(lo, i), arrowprops={"arrowstyle": "->", "color": colour})
        name = row.estimator.split(" (")[0]
        name = name if len(name) <= 40 else name[:39].rstrip() + "…"
        labels.append(f"{name} ({row.figure})")
    ax.set_yticks(range(len(ranges)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.grid(axis="y", visible=False)
    handles = [_legend_handle(c, k) for k, c in colours.items() if k in set(ranges["kind"])]
    ax.legend(handles=handles, loc="lower right", fontsize=8)
    return fig, ax


@remembered
def plot_japan_accounts(japan: pd.DataFrame) -> None:
    """Japan's recognised abductees as one stacked bar: returned, and the DPRK's two accounts of the others."""
    from . import plots

    j = japan.set_index("figure_id")["low"]
    segments = [
        ("Returned to Japan, 2002", int(j["jp-returned-2014"]), plots.PALETTE["green"], ""),
        ('DPRK: "died" (Japan rejects)', int(j["dprk-says-died-2014"]), plots.PALETTE["vermillion"], "//"),
        (
            'DPRK: "never entered" (Japan rejects)',
            int(j["dprk-says-never-entered-2014"]),
            plots.PALETTE["orange"],
            "..",
        ),
    ]
    fig, ax = plots.new_figure(
        f"Japan's {int(j['jp-recognised-2014'])} recognised abductees: two accounts",
        "People",
        "Japan's list",
        size=(8, 3.6),
    )
    left = 0
    for name, n, colour, hatch in segments:
        ax.barh([0], [n], left=left, color=colour, hatch=hatch, edgecolor="white", label=f"{name}: {n}")
        left += n
    ax.set_yticks([])
    fig.legend(loc="outside lower center", ncols=1, fontsize=9)
    plots.show(
        fig,
        alt=f"Stacked bar of Japan's {int(j['jp-recognised-2014'])} recognised abductees: "
        f"{segments[0][1]} returned in 2002; "
        f"of the {int(j['jp-not-returned-2014'])} others the DPRK says {segments[1][1]} died "
        f"and {segments[2][1]} never entered "
        "its territory, claims Japan rejects.",
    )


@remembered
def plot_still_held(abductees: pd.DataFrame, version: str = "mou-current") -> None:
    """Bar chart of the post-war abductees believed still held, by category (from :func:`abductee_shares`)."""
    from . import plots
    from .display import label

    shares = abductee_shares(abductees, version)
    total = abductees[(abductees["version"] == version) & (abductees["category"] == "total")].iloc[0]
    cats = shares[shares["category"] != "total"].sort_values("still_held", ascending=False)
    fig, ax = plots.new_figure("Post-war abductees believed still held, by category", "People still held", "Category")
    ax.barh(cats["category"].map(label), cats["still_held"], color=plots.PALETTE["blue"])
    ax.invert_yaxis()
    top = cats.iloc[0]
    plots.show(
        fig,
        alt=f"Bar chart: of {int(total['still_held'])} post-war abductees believed still held, "
        f"{int(top['still_held'])} "
        f"({top['share_of_held_pct']}%) are {label(top['category'])}; every one of the "
        f"{int(cats.set_index('category').at['military_police', 'still_held'])} "
        "military and police personnel and of the people abducted overseas is still held.",
    )


@remembered
def plot_detention_years(summary: pd.DataFrame) -> None:
    """Bar chart of how long each named detention had lasted on the day of the statement.

    The rows come from :func:`detention_summary`.
    """
    from matplotlib.patches import Patch

    from . import plots
    from .display import label

    colours = {
        "missionary": plots.PALETTE["blue"],
        "former_defector": plots.PALETTE["orange"],
        "defector_journalist": plots.PALETTE["purple"],
    }
    named = summary[summary["start_event"] == "arrested"]  # the six cases named by the day of the statement
    fig, ax = plots.new_figure(
        "Years since each detention began (on 18 October 2024)", "Years (upper bound)", "Detainee"
    )
    ax.barh(named["detainee"], named["years_held"], color=[colours[g] for g in named["group"]])
    ax.invert_yaxis()
    fig.legend(
        handles=[Patch(color=colours[g], label=label(g)) for g in dict.fromkeys(named["group"])],
        loc="outside lower center",
        ncols=3,
        fontsize=9,
    )  # under the bars, not on them
    longest = named.iloc[0]
    plots.show(
        fig,
        alt=f"Bar chart: on 18 October 2024 the {len(named)} detentions named by the ROK government had lasted from "
        f"{named['years_held'].min()} to {named['years_held'].max()} years (upper bounds); "
        f"the longest, {longest['detainee']}'s, since {longest['since']}; "
        "the three missionaries were taken in 2013-2014 and the three former defectors in 2016.",
    )


@remembered
def plot_pows_alive(pows: pd.DataFrame) -> None:
    """Range chart of the estimates of ROK prisoners of war alive in the North (from :func:`figure_series`)."""
    from . import plots

    alive = figure_series(pows, "pows_alive_in_north")
    fig, ax = plots.new_figure(
        "Estimates of ROK prisoners of war alive in the North", "Year of the estimate", "POWs believed alive"
    )
    ax.vlines(alive["year"], alive["low"], alive["high"], color=plots.PALETTE["vermillion"], linewidth=4)
    ax.plot(alive["year"], (alive["low"] + alive["high"]) / 2, "o", color=plots.PALETTE["vermillion"])
    ax.set_ylim(0, None)
    last = alive.iloc[-1]
    plots.show(
        fig,
        alt=f"Dot and range chart of {len(alive)} estimates: "
        "the number of POWs believed alive in the North stayed between "
        f"{int(alive['low'].iloc[:-1].min())} and {int(alive['high'].iloc[:-1].max())} "
        f"from {alive['as_of'].iloc[0][:4]} to {alive['as_of'].iloc[-2][:4]}, "
        f"then a {last['as_of'][:4]} guess put it at {int(last['low'])}-{int(last['high'])}.",
    )


@remembered
def plot_registry(registry: pd.DataFrame) -> None:
    """Line chart of registered separated-family members alive and deceased (from :func:`registry_series`)."""
    from . import plots

    living = registry_series(registry, "alive")
    dead = registry_series(registry, "deceased")
    fig, ax = plots.new_figure(
        "Registered separated-family members: alive and deceased", "Year (end of month)", "People"
    )
    ax.plot(living["year"], living["value"], "o-", color=plots.PALETTE["blue"], label="alive")
    ax.plot(dead["year"], dead["value"], "s--", color=plots.PALETTE["vermillion"], label="deceased")
    first, last = (
        int(min(living["year"].min(), dead["year"].min())),
        int(max(living["year"].max(), dead["year"].max())) + 1,
    )
    ax.set_xticks(range(first - first % 2, last + 1, 2))
    ax.yaxis.set_major_formatter("{x:,.0f}")
    ax.legend()
    plots.show(
        fig,
        alt=f"Line chart: living registrants fell from {living['value'].iloc[0]:,} ({living['as_of'].iloc[0]}) to "
        f"{living['value'].iloc[-1]:,} ({living['as_of'].iloc[-1]}), "
        f"while the deceased rose from {dead['value'].iloc[0]:,} "
        f"({dead['as_of'].iloc[0]}) to {dead['value'].iloc[-1]:,}; by {living['as_of'].iloc[-1]} only "
        f"{living['alive_pct'].iloc[-1]}% of all registrants were alive.",
    )


def _legend_handle(colour: str, kind: str) -> Any:
    """A legend entry (a short thick line) for one kind of figure."""
    from matplotlib.lines import Line2D

    from .display import label

    return Line2D([0], [0], color=colour, linewidth=6, label=label(kind))


def registry_check(registry: pd.DataFrame) -> pd.DataFrame:
    """Return the registry snapshots that publish all three numbers, with ``gap`` = registered - deceased - alive.

    A gap of 0 means the snapshot adds up. Columns: ``as_of``, ``version``,
    ``registered``, ``deceased``, ``alive``, ``gap``, ``preferred``.
    """
    rows = registry.dropna(subset=["registered", "deceased", "alive"]).copy()
    rows["gap"] = (rows["registered"] - rows["deceased"] - rows["alive"]).astype(int)
    return rows[["as_of", "version", "registered", "deceased", "alive", "gap", "preferred"]].reset_index(drop=True)


def registry_series(registry: pd.DataFrame, column: str = "alive") -> pd.DataFrame:
    """Return the preferred snapshots that publish *column*, with a decimal ``year`` for plotting.

    *column* is ``registered``, ``deceased`` or ``alive``. Columns: ``as_of``, ``year``
    (e.g. 2023.9 for end-November 2023: month snapshots count as the end of the month)
    and ``value``. Where ``alive`` and ``registered`` are both known, ``alive_pct`` is
    the living share of all registrants (1 decimal).
    """
    if column not in ("registered", "deceased", "alive"):
        raise ValueError(f"column must be registered, deceased or alive; got {column!r}")
    rows = registry[_flag(registry["preferred"]) & registry[column].notna()].copy()
    rows["year"] = [_decimal_year(str(a)) for a in rows["as_of"]]
    rows["value"] = rows[column].astype(int)
    rows["alive_pct"] = (rows["alive"].astype("float64") / rows["registered"].astype("float64") * 100).round(1)
    return rows.sort_values("year")[["as_of", "year", "value", "alive_pct"]].reset_index(drop=True)


def _decimal_year(as_of: str) -> float:
    parts = as_of.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return float(year + 1)
    month = int(parts[1])
    return round(year + month / 12, 3)


def decline_per_year(registry: pd.DataFrame, start: str, end: str, column: str = "alive") -> float:
    """Return the average yearly change of *column* between two snapshots (``as_of`` strings).

    Uses the preferred rows; month snapshots count as the end of the month. A fall
    is negative. Rounded to whole people.
    """
    series = registry_series(registry, column).set_index("as_of")
    for label in (start, end):
        if label not in series.index:
            raise ValueError(f"no preferred {column} figure for {label!r}; available: {', '.join(series.index)}")
    years = series.at[end, "year"] - series.at[start, "year"]
    if years <= 0:
        raise ValueError("end must be after start")
    return float(round((series.at[end, "value"] - series.at[start, "value"]) / years))


def escapes_by_year(escapes: pd.DataFrame, first: int = 1994, last: int = 2014) -> pd.DataFrame:
    """Return POWs who escaped home per year from *first* to *last*, with 0 for unlisted years.

    The published table lists only years with returns (its years sum to the total of
    80), so an unlisted year inside the range means none. Columns: ``year``,
    ``pows_returned``, ``cumulative``, ``listed`` (False where 0 was filled in).
    """
    import pandas as pd

    first, last = whole_number("first", first), whole_number("last", last)
    if not 1950 <= first <= last <= 2100:
        raise ValueError(f"first and last must be years with first <= last, got {first} and {last}")
    listed = escapes.set_index(escapes["year"].astype(int))["pows_returned"]
    years = list(range(first, last + 1))
    out = pd.DataFrame({"year": years})
    out["listed"] = out["year"].isin(listed.index)
    out["pows_returned"] = [int(listed.get(y, 0)) for y in years]
    out["cumulative"] = out["pows_returned"].cumsum()
    return out[["year", "pows_returned", "cumulative", "listed"]]


def _parse_partial(value: str) -> _dt.date:
    parts = [int(p) for p in str(value).split("-")]
    return _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def detention_start_from_day_count(
    day_date: str | _dt.date, day_number: int, *, first_day_is_one: bool = True
) -> _dt.date:
    """Return the first day of detention implied by "day *day_number* falls on *day_date*".

    With ``first_day_is_one=True`` the day of arrest is day 1 (so day 4,000 is 3,999
    days later); with False it is day 0.

    >>> detention_start_from_day_count("2024-09-20", 4000)
    datetime.date(2013, 10, 9)
    """
    if isinstance(day_number, bool) or not isinstance(day_number, int) or day_number < 1:
        raise ValueError("day_number must be a positive whole number")
    day = day_date if isinstance(day_date, _dt.date) else _dt.date.fromisoformat(str(day_date))
    return day - _dt.timedelta(days=day_number - 1 if first_day_is_one else day_number)


def detention_summary(detainees: pd.DataFrame, on: _dt.date = STATEMENT_DATE) -> pd.DataFrame:
    """Return one row per detainee: preferred arrest (or disappearance) date and years held on *on*.

    Years are counted from the first day of the arrest period (a month- or year-precise
    date counts from its first day), to one decimal, so they are "at most" figures for
    imprecise dates. Detainees whose case begins after *on* are left out. Columns:
    ``detainee``, ``group``, ``since``, ``since_precision``, ``start_event``
    (``arrested``, or ``missing`` where only a disappearance is known),
    ``years_held``, ``competing_dates`` (other dates given for the same start).
    """
    import pandas as pd

    starts = detainees[detainees["event"].isin(["arrested", "missing"])]
    out = []
    for name, group in starts.groupby("detainee", sort=False):
        pref = group[_flag(group["preferred"])].iloc[0]
        begin = _parse_partial(pref["date"])
        if begin > on:
            continue
        others = sorted(str(d) for d in group.loc[~_flag(group["preferred"]), "date"])
        out.append(
            {
                "detainee": name,
                "group": pref["group"],
                "since": pref["date"],
                "since_precision": pref["date_precision"],
                "start_event": pref["event"],
                "years_held": round((on - begin).days / 365.25, 1),
                "competing_dates": "; ".join(others),
            }
        )
    frame = pd.DataFrame(
        out, columns=["detainee", "group", "since", "since_precision", "start_event", "years_held", "competing_dates"]
    )
    return frame.sort_values(["since", "detainee"], kind="stable").reset_index(drop=True)


def date_disagreements(detainees: pd.DataFrame) -> pd.DataFrame:
    """Return the events for which sources give more than one date, one row per event.

    Columns: ``detainee``, ``event``, ``preferred_date`` and ``other_dates``.
    """
    import pandas as pd

    out = []
    for (name, event), group in detainees.groupby(["detainee", "event"], sort=False):
        if len(group) < 2:
            continue
        pref = group[_flag(group["preferred"])]["date"].iloc[0]
        others = "; ".join(sorted(str(d) for d in group.loc[~_flag(group["preferred"]), "date"]))
        out.append({"detainee": name, "event": event, "preferred_date": pref, "other_dates": others})
    return pd.DataFrame(out, columns=["detainee", "event", "preferred_date", "other_dates"])


def reunion_gaps(reunions: pd.DataFrame, kind: str = "face_to_face") -> pd.DataFrame:
    """Return the reunion events of one *kind* in order, with the months since the previous one.

    Columns: ``event_id``, ``round``, ``previous_round``, ``start``, ``gap_months``
    (whole months between the starts of consecutive events in the table; missing for
    the first). Where ``round - previous_round`` is more than 1, a round is missing
    from the table and the gap spans two intervals.
    """
    kinds = sorted(set(reunions["kind"].dropna()))
    if kind not in kinds:
        raise ValueError(f"unknown reunion kind {short(kind)}; choose one of: {', '.join(kinds)}")
    rows = reunions[reunions["kind"] == kind].copy()
    rows["_start"] = [_parse_partial(s) for s in rows["start"]]
    rows = rows.sort_values("_start")
    months = [d.year * 12 + d.month for d in rows["_start"]]
    rows["gap_months"] = [None] + [b - a for a, b in zip(months, months[1:])]
    rows["gap_months"] = rows["gap_months"].astype("Int64")
    rows["previous_round"] = rows["round"].shift(1).astype("Int64")
    return rows[["event_id", "round", "previous_round", "start", "gap_months"]].reset_index(drop=True)


def figure_explorer(tables: dict[str, pd.DataFrame], default_table: str | None = None) -> Any:
    """A widget: choose a figure table and one of its measures; shows :func:`figure_table`.

    *tables* maps a label (e.g. ``"Prisoners of war"``) to a figure table. A
    check box hides competing (non-preferred) versions.
    """
    import ipywidgets as widgets
    from IPython.display import display

    from .display import label, table, widget_layout, widget_style

    labels = list(tables)
    if not labels:
        raise ValueError("give at least one figure table")
    table_choice = widgets.Dropdown(
        options=labels,
        value=default_table or labels[0],
        description="Table:",
        style=widget_style(),
        layout=widget_layout("auto", min_width="16em"),
    )
    measure_choice = widgets.Dropdown(
        options=_measure_options(tables[table_choice.value]),
        description="Measure:",
        style=widget_style(),
        layout=widget_layout("auto", min_width="30em"),
    )
    only = widgets.Checkbox(
        value=False, description="preferred versions only", style=widget_style(), layout=widget_layout("auto")
    )

    def new_table(change: Any = None) -> None:  # first: the measures of the table now chosen
        measure_choice.options = _measure_options(tables[table_choice.value])

    def render(name: str, measure: str, preferred_only: bool) -> None:
        display(
            table(
                figure_table(tables[name], measure, preferred_only=preferred_only),
                codes=["claimant"] if "claimant" in tables[name] else [],
                caption=label(measure),
            )
        )

    from .widgets import live

    table_choice.observe(new_table, names="value")
    out = live(render, {"name": table_choice, "measure": measure_choice, "preferred_only": only})
    from .friendly import hinted

    return hinted(
        widgets.VBox([widgets.HBox([table_choice, measure_choice]), only, out]), "Figure explorer", wrap=False
    )


def _register_labels() -> None:
    """Words for the codes of notebook 07's tables (measures, kinds, categories, events)."""
    from .display import register_labels

    register_labels(
        {
            "returned_to_japan": "returned to Japan",
            "dprk_says_died": "the DPRK says they died",
            "dprk_says_never_entered": "the DPRK says they never entered the DPRK",
            "dprk_admitted_abductions": "abductions the DPRK admitted",
            "dprk_says_alive": "the DPRK says they are alive",
            "police_identified_victims": "victims identified by the police",
            "police_identified_cases": "cases identified by the police",
            "possible_abductions_not_ruled_out": "possible abductions not ruled out",
            "possible_abductions_private_list": "possible abductions (private list)",
            "rok_soldiers_missing_at_war_end": "ROK soldiers missing at the war's end",
            "pows_taken_estimate": "POWs taken (estimate)",
            "pows_held_by_dprk": "POWs held by the DPRK",
            "rok_missing_reports_total": "ROK missing reports (total)",
            "pows_returned_in_exchanges": "POWs returned in the 1953-54 exchanges",
            "missing_later_treated_as_killed": "missing, later treated as killed",
            "missing_unaccounted": "missing, unaccounted for",
            "pows_alive_in_north": "POWs alive in the North",
            "pows_identified_fate_unknown": "POWs identified, fate unknown",
            "pows_escaped_and_returned_cumulative": "POWs who escaped and returned (running total)",
            "pow_family_members_outside_dprk": "POW family members outside the DPRK",
            "returned_pows_alive_in_rok": "returned POWs alive in the ROK",
            "face_to_face_rounds": "face-to-face reunion rounds",
            "families_met_face_to_face": "families who met face to face",
            "people_met_face_to_face": "people who met face to face",
            "families_met_by_video": "families who met by video",
            "people_met_by_video": "people who met by video",
            "people_exchanged_letters": "people who exchanged letters",
            "fate_confirmed_cases": "cases whose fate was confirmed",
            "fate_confirmed_people": "people whose fate was confirmed",
            "survey_respondents_sampled": "survey respondents (sample)",
            "register_count": "register count",
            "official_recognition": "official recognition",
            "korean_war_rok_civilians": "ROK civilians, Korean War",
            "all_countries_since_1950": "all countries since 1950",
            "kal_airliner": "KAL airliner (1969)",
            "military_police": "military and police",
            "naval_vessel_crew": "naval vessel crew",
            "maritime_police": "maritime police",
            "4000th_day_of_detention": "4,000th day of detention",
            "shown_by_dprk_media": "shown by DPRK media",
            "disclosed_by_rok_government": "disclosed by the ROK government",
            "listed_by_rok_government": "listed by the ROK government",
            "hometown_visit": "hometown visit",
            "face_to_face": "face to face",
            "at_least": "at least",
            "more_than": "more than",
            "up_to": "up to",
        }
    )


_register_labels()


# Every public function that takes a table names the columns it needs when given the wrong one.
from .frames import guard_tables  # noqa: E402

guard_tables(globals())
