"""Pure functions behind notebook 02 (context timeline), plus its widget.

The ``timeline`` dataset keeps partial dates as strings with a precision column
(``1994`` / ``year``, ``2006-06`` / ``month``, ``2024-10-18`` / ``day``). The
functions here turn those into sortable dates, filter events by years and
categories, measure intervals in days (only between dates known to the day),
and draw the static chart used as the widget's fallback.

Nothing here reads files: pass in the frame from ``helpers.load("timeline")``.
``pandas``, ``matplotlib`` and ``ipywidgets`` are imported inside the functions
so that ``import helpers`` stays fast.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .errors import short

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

#: The controlled list of categories, in the order the chart draws them (top to bottom).
CATEGORIES: tuple[str, ...] = (
    "division_war",
    "abductions",
    "famine_escapes",
    "legislation",
    "dprk_law",
    "un_mechanism",
    "coi",
    "trilateral",
    "political_change",
    "us_policy",
    "rok_policy",
    "other",
)

#: Readable labels for the categories (chart axis, widget options).
CATEGORY_LABELS: dict[str, str] = {
    "division_war": "Division and war",
    "abductions": "Abductions",
    "famine_escapes": "Famine and escapes",
    "legislation": "Laws (US, Japan, ROK)",
    "dprk_law": "DPRK laws",
    "un_mechanism": "UN mechanisms",
    "coi": "Commission of Inquiry",
    "trilateral": "Trilateral (US-ROK-Japan)",
    "political_change": "Changes of government",
    "us_policy": "US policy",
    "rok_policy": "ROK policy",
    "other": "Other",
}

#: Colour of each category on the chart (Okabe-Ito colours, yellow left out for contrast; rows also differ by marker).
CATEGORY_COLOURS: dict[str, str] = {
    "division_war": "#000000",
    "abductions": "#E69F00",
    "famine_escapes": "#009E73",
    "legislation": "#56B4E9",
    "dprk_law": "#CC79A7",
    "un_mechanism": "#0072B2",
    "coi": "#D55E00",
    "trilateral": "#000000",
    "political_change": "#CC79A7",
    "us_policy": "#56B4E9",
    "rok_policy": "#009E73",
    "other": "#777777",
}

_LENGTH_TO_PRECISION = {4: "year", 7: "month", 10: "day"}

#: The day the joint statement was issued; "since the statement" means after this day.
STATEMENT_DATE = "2024-10-18"

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def parse_partial_date(value: str | _dt.date) -> _dt.date:
    """Return the first day of a partial ISO date: ``"1994"`` -> 1994-01-01, ``"2006-06"`` -> 2006-06-01.

    A :class:`datetime.date` is returned unchanged. Raises ``ValueError`` for anything
    that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """
    if isinstance(value, str):
        known = _PARSED.get(value)
        if known is not None:
            return known
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date string such as '2024-10-18', got {type(value).__name__}: {short(value)}")
    text = value.strip()
    if len(text) not in _LENGTH_TO_PRECISION:
        raise ValueError(f"{short(value)} is not an ISO date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        day = _dt.date(numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1)
    except ValueError:
        raise ValueError(f"{short(value)} is not a real calendar date") from None
    if len(_PARSED) >= 4096:  # a bound, so that a long session cannot grow it without end
        _PARSED.clear()
    _PARSED[value] = day
    return day


# Dates already read, by their text (a date is immutable, so the same text always gives the same date):
# a notebook reads the same timeline dates many times over (every filter, chart and widget step).
_PARSED: dict[str, _dt.date] = {}


def precision_of(value: str) -> str:
    """Return ``"year"``, ``"month"`` or ``"day"`` for a partial ISO date string."""
    parse_partial_date(value)  # validates
    return _LENGTH_TO_PRECISION[len(value.strip())]


def _year_bound(value: int | str | _dt.date | None, *, end: bool) -> _dt.date | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a year bound must be an int year or an ISO date, not a bool")
    if isinstance(value, int):
        return _dt.date(value, 12, 31) if end else _dt.date(value, 1, 1)
    if isinstance(value, str) and end:
        start = parse_partial_date(value)
        kind = precision_of(value)
        if kind == "year":
            return _dt.date(start.year, 12, 31)
        if kind == "month":
            following = _dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
            return following - _dt.timedelta(days=1)
        return start
    return parse_partial_date(value)


def with_sort_date(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of *frame* with a ``start`` column (the first day of ``date``) for sorting and plotting."""
    import pandas as pd

    out = frame.copy()
    out["start"] = pd.to_datetime(_start_dates(frame))
    return out


def _start_dates(frame: pd.DataFrame) -> list[_dt.date]:
    """The first day of each row's ``date`` (what :func:`with_sort_date` puts in ``start``), as dates."""
    if "date" not in frame.columns:
        raise ValueError("the frame needs a 'date' column; load it with helpers.load('timeline')")
    return [parse_partial_date(str(d)) for d in frame["date"]]


def filter_events(
    frame: pd.DataFrame,
    start: int | str | _dt.date | None = None,
    end: int | str | _dt.date | None = None,
    categories: Iterable[str] | None = None,
    *,
    preferred_only: bool = True,
) -> pd.DataFrame:
    """Return the events that begin between *start* and *end* (inclusive), in date order.

    *start* and *end* may be years (``1945``) or ISO dates (``"2013-03"``); an end year
    or month includes the whole year or month. *categories* limits the result to those
    category codes (see :data:`CATEGORIES`); ``None`` keeps all. With *preferred_only*
    (the default) only the preferred version of a disputed date is kept. Events whose
    date is known only to the year or month are placed at the first day of that period.

    The result has a fresh index and an added ``start`` column (a datetime).

    >>> import helpers
    >>> df = filter_events(helpers.load("timeline"), 1950, 1953, ["division_war"])
    >>> list(df["event_id"])
    ['korean-war', 'armistice-1953']
    """
    low = _year_bound(start, end=False)
    high = _year_bound(end, end=True)
    if low is not None and high is not None and low > high:
        raise ValueError(f"start {start!r} is after end {end!r}")
    return _select(frame, low, high, _chosen(categories), preferred_only)


def _chosen(categories: Iterable[str] | None) -> list[str] | None:
    """The *categories* argument of :func:`filter_events`, checked, as a list (``None``: every category)."""
    if categories is None:
        return None
    if isinstance(categories, str):
        categories = [categories]
    if isinstance(categories, dict) or not all(isinstance(c, str) for c in categories):
        raise TypeError(
            f"categories must be a list of category codes such as ['accountability'], got {categories!r:.80}"
        )
    chosen = list(categories)
    unknown = [c for c in chosen if c not in CATEGORIES]
    if unknown:
        raise ValueError(f"unknown categories {unknown}; choose from: {', '.join(CATEGORIES)}")
    return chosen


def _select(
    frame: pd.DataFrame,
    low: _dt.date | None,
    high: _dt.date | None,
    chosen: list[str] | None,
    preferred_only: bool,
    after: _dt.date | None = None,
) -> pd.DataFrame:
    """:func:`filter_events` once its arguments are checked (and, for :func:`since_statement`, only
    events later than *after*): one pass over plain lists picks the rows, then one ``take``.

    The result is what ``with_sort_date``, boolean masks and ``sort_values(["start", "event_id"],
    kind="stable")`` gave (tests/test_speed_timeline.py holds it to that).
    """
    import pandas as pd

    starts = _start_dates(frame)
    start_column = pd.to_datetime(starts)  # for the whole frame, so the column's type never depends on the rows kept
    keep = [
        (low is None or day >= low) and (high is None or day <= high) and (after is None or day > after)
        for day in starts
    ]
    if chosen is not None:
        wanted = set(chosen)
        keep = [k and isinstance(c, str) and c in wanted for k, c in zip(keep, frame["category"].tolist())]
    if preferred_only and "preferred" in frame.columns:
        preferred = frame["preferred"]
        if str(preferred.dtype) == "boolean":
            flags = preferred.to_numpy(dtype=bool, na_value=True).tolist()
        else:
            flags = preferred.fillna(True).astype(bool).tolist()
        keep = [k and f for k, f in zip(keep, flags)]
    rows = [i for i, k in enumerate(keep) if k]
    ids = frame["event_id"].tolist()
    if all(isinstance(ids[i], str) for i in rows):
        rows.sort(key=lambda i: (starts[i], ids[i]))  # stable, as pandas' stable sort on (start, event_id)
        return frame.iloc[rows].assign(start=start_column[rows]).reset_index(drop=True)
    out = frame.iloc[rows].assign(start=start_column[rows])  # an id that is not text: pandas orders it
    return out.sort_values(["start", "event_id"], kind="stable").reset_index(drop=True)


def event_date(frame: pd.DataFrame, event_id: str) -> str:
    """Return the ``date`` string of one event (raises ``KeyError`` for an unknown id)."""
    rows = frame[frame["event_id"] == event_id]
    if rows.empty:
        raise KeyError(f"no event {event_id!r} in the timeline")
    return str(rows["date"].iloc[0])


def interval_days(earlier: str | _dt.date, later: str | _dt.date) -> int:
    """Return the number of days from *earlier* to *later* (negative if *later* comes first).

    Both dates must be known to the day: an interval from a year or a month is not a
    number of days, so a partial date raises ``ValueError`` rather than guessing.

    >>> interval_days("2014-02-17", "2024-10-18")
    3896
    """
    for value in (earlier, later):
        if isinstance(value, str) and precision_of(value) != "day":
            raise ValueError(
                f"{short(value)} is known only to the {precision_of(value)}; intervals in days need full dates"
            )
    return (parse_partial_date(later) - parse_partial_date(earlier)).days


def days_between_events(frame: pd.DataFrame, first_id: str, second_id: str) -> int:
    """Days from the event *first_id* to the event *second_id*, read from the timeline."""
    return interval_days(event_date(frame, first_id), event_date(frame, second_id))


def actors(frame: pd.DataFrame, event_id: str) -> list[str]:
    """Return the actors of one event as a list (states, bodies and officials, in the order given)."""
    rows = frame[frame["event_id"] == event_id]
    if rows.empty:
        raise KeyError(f"no event {event_id!r} in the timeline")
    cell = rows["actors"].iloc[0]
    return [] if cell is None or cell != cell else [a.strip() for a in str(cell).split(";") if a.strip()]


def order_events(frame: pd.DataFrame, event_ids: Sequence[str]) -> list[str]:
    """Return *event_ids* in chronological order (ties keep the order given)."""
    dated = with_sort_date(frame).set_index("event_id")
    missing = [e for e in event_ids if e not in dated.index]
    if missing:
        raise KeyError(f"not in the timeline: {missing}")
    return sorted(event_ids, key=lambda e: dated.loc[e, "start"])


def category_counts(frame: pd.DataFrame) -> pd.Series:
    """Number of events per category, in :data:`CATEGORIES` order, zeros included."""
    import pandas as pd

    counts = frame["category"].value_counts()
    return pd.Series([int(counts.get(c, 0)) for c in CATEGORIES], index=list(CATEGORIES), name="events")


def format_date(value: str | _dt.date) -> str:
    """Write a partial ISO date in words, keeping its precision.

    >>> format_date("2026-12-01"), format_date("2025-07"), format_date("2025")
    ('1 December 2026', 'July 2025', '2025')
    """
    if isinstance(value, _dt.date):
        value = value.isoformat()
    day = parse_partial_date(value)
    kind = precision_of(value)
    if kind == "year":
        return str(day.year)
    if kind == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def since_statement(
    frame: pd.DataFrame,
    as_of: str | _dt.date,
    categories: Iterable[str] | None = None,
    *,
    after: str | _dt.date = STATEMENT_DATE,
    preferred_only: bool = True,
) -> pd.DataFrame:
    """Return the events after the statement (*after*, 18 October 2024) up to *as_of*, in date order.

    *as_of* is the date the data are current to, usually ``helpers.describe("timeline").current_to``;
    a year or month includes the whole period, as in :func:`filter_events`. Events on the statement's
    own day are left out. An event known only to the month or year is placed at the first day of that
    period, so one dated "2024-10" would count as before the statement: the function cannot place it
    after the statement without guessing. Raises ``ValueError`` when *as_of* comes before *after*.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"event_id": ["a", "b", "c"], "date": ["2024-10-18", "2025-06", "2027-01-01"],
    ...                    "category": ["trilateral", "rok_policy", "other"]})
    >>> list(since_statement(df, "2026-12-01")["event_id"])
    ['b']
    """
    first = parse_partial_date(after)
    last = _year_bound(as_of if not isinstance(as_of, int) else str(as_of), end=True)
    if last is None or last < first:
        raise ValueError(f"as_of {as_of!r} is before the statement date {after!r}; pass the data's currentTo date")
    # filter_events(frame, None, as_of, categories) and then only the events after `first`, in one pass
    return _select(frame, None, last, _chosen(categories), preferred_only, after=first)


def since_counts(frame: pd.DataFrame, as_of: str | _dt.date) -> pd.Series:
    """Number of events per category since the statement (up to *as_of*), categories with none left out."""
    counts = category_counts(since_statement(frame, as_of))
    return counts[counts > 0]


def date_ticks(ax: Any) -> None:
    """Few, short date labels whatever the range, so that they never run into each other."""
    import matplotlib.dates as mdates

    if not hasattr(ax, "xaxis"):
        raise TypeError(
            f"date_ticks() takes the chart's axes (the `ax` from helpers.plots.new_figure), got {type(ax).__name__}"
        )
    locator = mdates.AutoDateLocator(minticks=3, maxticks=6)
    # Two to four years are too long for six monthly ticks of at most 6 months and too short for three yearly
    # ones: without a 12-month step matplotlib warns (in the student's widget) and picks a step itself.
    locator.intervald[mdates.MONTHLY] = [1, 2, 3, 4, 6, 12]
    ax.xaxis.set_major_locator(locator)
    formatter = mdates.ConciseDateFormatter(locator)
    ax.xaxis.set_major_formatter(formatter)


def _in_sentence(words: str) -> str:
    """Lower-case a label's first letter for use inside a sentence, unless it starts an acronym ("ROK policy")."""
    return words if len(words) > 1 and words[1].isupper() else words[:1].lower() + words[1:]


def plot_timeline(frame: pd.DataFrame, title: str = "Events by category") -> tuple[Figure, str]:
    """Draw events as markers by category over time; return the figure and its alt text.

    *frame* is usually the output of :func:`filter_events`. The alt text is computed from
    the data (number of events, first and last year, the busiest category).
    """
    from . import plots

    if frame.empty:
        raise ValueError("no events to draw: widen the year range or choose more categories")
    data = frame if "start" in frame.columns else with_sort_date(frame)
    fig, ax = plots.new_figure(title, "Year (events known only to the year or month sit at its start)", "Category")
    shown = [c for c in CATEGORIES if (data["category"] == c).any()]
    markers = ["o", "s", "D", "^", "v", "P", "X", "*", "h", "<", ">", "p"]
    for i, cat in enumerate(shown):
        rows = data[data["category"] == cat]
        y = [len(shown) - 1 - i] * len(rows)
        ax.scatter(
            rows["start"],
            y,
            s=46,
            marker=markers[CATEGORIES.index(cat) % len(markers)],
            color=CATEGORY_COLOURS[cat],
            alpha=0.85,
            zorder=3,
            edgecolors="white",
            linewidths=0.5,
        )
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([CATEGORY_LABELS[c] for c in reversed(shown)])
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.grid(axis="y", alpha=0.15)
    low, high = data["start"].min(), data["start"].max()
    if (high - low).days < 90:  # a short range: widen it so that the axis shows months, not hours
        import pandas as pd

        middle = low + (high - low) / 2
        ax.set_xlim(middle - pd.Timedelta(days=60), middle + pd.Timedelta(days=60))
    date_ticks(ax)
    counts = category_counts(data)
    busiest = counts.idxmax()
    first, last = data["start"].min().year, data["start"].max().year
    per_year = data["start"].dt.year.value_counts().sort_index()
    peak_year = int(per_year.idxmax())
    alt = (
        f"Timeline chart: {len(data)} events from {first} to {last} in {len(shown)} categories, one marker per event. "
        f"The busiest category is {_in_sentence(CATEGORY_LABELS[busiest])} with {int(counts.max())} events; "
        f"the busiest year is {peak_year} with {int(per_year.max())} events."
    )
    return fig, alt


def describe_events(frame: pd.DataFrame, columns: Sequence[str] = ("date", "category", "title")) -> pd.DataFrame:
    """A short table of events for display: the chosen columns only."""
    return frame.loc[:, list(columns)].reset_index(drop=True)


def show_events(
    frame: pd.DataFrame,
    columns: Sequence[str] = ("date", "category", "title"),
    *,
    caption: str | None = None,
    max_rows: int | None = None,
) -> Any:
    """The chosen columns as a page-width table (:func:`helpers.display.table`), categories in words.

    Category codes become their :data:`CATEGORY_LABELS`; precision codes and ``preferred`` are shown
    as words too. Use it instead of printing ``to_string()``.
    """
    from . import display

    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"no column {missing[0]!r} in the timeline; the columns are {', '.join(frame.columns)}")
    out = frame.loc[:, list(columns)].reset_index(drop=True).copy()
    if "category" in out.columns:
        out["category"] = [CATEGORY_LABELS.get(c, c) for c in out["category"]]
    if "preferred" in out.columns:
        out["preferred"] = ["preferred" if bool(v) else "other version" for v in out["preferred"]]
    codes = [c for c in ("date_precision", "end_date_precision") if c in out.columns]
    return display.table(out, codes=codes, caption=caption, max_rows=max_rows)


def last_year(frame: pd.DataFrame) -> int:
    """The year of the latest event in *frame* (the widget's and the charts' right edge)."""
    starts = _start_dates(frame)
    if not starts:  # no event: the error pandas gives for an empty column's latest year
        return int(with_sort_date(frame)["start"].max().year)
    return max(starts).year


from .plots import remembered  # noqa: E402


@remembered
def _show_timeline(chosen: pd.DataFrame, title: str) -> None:
    """The explorer's chart: drawn once for a set of events (the stored default view needs no drawing)."""
    from . import plots

    fig, alt = plot_timeline(chosen, title)
    plots.show(fig, alt=alt)


def timeline_widget(frame: pd.DataFrame, start: int = 1945, end: int | None = None) -> Any:
    """An interactive explorer: a year-range slider and a category picker over :func:`filter_events`.

    Shows the static chart (:func:`plot_timeline`) and the matching events. Needs a live
    Jupyter front end; the notebook shows the same view for the default values as a
    static fallback.
    """
    import ipywidgets as widgets
    from IPython.display import display

    from .display import widget_layout, widget_style, year_range
    from .friendly import hinted

    latest = last_year(frame)
    end = latest if end is None else end
    years_box = year_range(1945, latest, (start, end))
    years = years_box.slider
    picker = widgets.SelectMultiple(
        options=[(CATEGORY_LABELS[c], c) for c in CATEGORIES],
        value=list(CATEGORIES),
        rows=len(CATEGORIES),
        description="Categories",
        style=widget_style(),
        layout=widget_layout("auto", min_width="24em"),
    )

    def refresh(span: tuple[int, int], categories: tuple[str, ...]) -> None:
        chosen = filter_events(frame, span[0], span[1], list(categories))
        if chosen.empty:
            print("No events match: widen the years or pick more categories.")
            return
        _show_timeline(chosen, f"Events {span[0]}-{span[1]}")
        display(show_events(chosen))

    from .widgets import live

    out = live(refresh, {"span": years, "categories": picker})
    return hinted(widgets.VBox([years_box, picker, out]), "Timeline explorer", wrap=False)


# Every public function that takes a table names the columns it needs when given the wrong one.
from .frames import guard_tables  # noqa: E402

guard_tables(globals())
