"""The capstone evidence brief (notebook 10): evidence for any commitment, checks, and saving.

A student needs no code beyond one quoted id:

* :func:`evidence` (``capstone.evidence("C07")``) shows, for any commitment, its
  exact wording, a chart built from the dataset its row names in
  ``commitments.follow_with`` (or says plainly that there is none to chart), the
  follow-up rows since the statement and the sources with their addresses;
  :func:`picker` is the same as a drop-down widget;
* the assessment is written in the notebook's Markdown cell tagged ``assessment``
  and read back by :func:`assessment_text` from the saved notebook;
* :func:`check_quote`, :func:`check_chart` and :func:`check_assessment` check what a
  machine can check (the assessment check is the answer key's own check of
  ``10-assessment``, so the two never disagree);
* :func:`save_brief` writes the whole brief (quote, chart, assessment, sources) as
  one self-contained HTML file in the work folder, and :func:`save_answer` does the
  same for any free-text answer.

The rubric (teacher-guide/capstone-rubric.md, shown by :func:`rubric`) covers what
only a reader can judge.
"""

from __future__ import annotations

import base64
import datetime as _dt
import difflib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data import load, read_text
from .display import escape_html, escape_md, label
from .errors import UnknownNameError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

ASSESSMENT_WORDS = (250, 350)  # "about 300 words"; the answer key (10.toml) states the same bounds
ASSESSMENT_TAG = "assessment"
NOTEBOOK = "10_capstone.ipynb"
ROOT = Path(__file__).resolve().parent.parent
STATEMENT_DATE = _dt.date(2024, 10, 18)
PLACEHOLDER = re.compile(r"^\s*\*\((?:.|\n)*?\)\*\s*$")  # an italic "(Double-click here ...)" paragraph


# --------------------------------------------------------------------------- reports


@dataclass
class Report:
    """What passed and what to fix, in the order a student should work."""

    passed: list[str] = field(default_factory=list)
    to_fix: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.to_fix

    def verdict(self) -> str:
        if self.ok:
            return "All automatic checks pass."
        return "1 thing to fix." if len(self.to_fix) == 1 else f"{len(self.to_fix)} things to fix."

    def __str__(self) -> str:
        lines = [f"  \u2713 ok   {p}" for p in self.passed] + [f"  \u2717 FIX  {p}" for p in self.to_fix]
        return self.verdict() + ("\n" + "\n".join(lines) if lines else "")

    __repr__ = __str__

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def _repr_html_(self) -> str:
        colour, border = ("#0b3d17", "#1a7f37") if self.ok else ("#5c0a0c", "#a4161a")
        items = [f'<li style="list-style:none">\u2713 <span>{escape_html(p)}</span></li>' for p in self.passed]
        items += [
            f'<li style="list-style:none;font-weight:bold">\u2717 fix: {escape_html(p)}</li>' for p in self.to_fix
        ]
        return (
            f'<div role="status" style="border-left:6px solid {border};padding:0.4em 0.8em;color:{colour};'
            f'background:{"#e6f4ea" if self.ok else "#fbe9e9"}"><strong>{escape_html(self.verdict())}</strong>'
            f'<ul style="margin:0.3em 0;padding-left:0.5em">{"".join(items)}</ul></div>'
        )


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2013", "-").replace("\u2014", "-")).strip()


def check_quote(quote: str) -> Report:
    """Is *quote* an exact passage of the statement (spaces and dash styles aside), long enough to mean something?

    When it is not, the report says where the quotation first departs from the closest passage.
    """
    report = Report()
    if not isinstance(quote, str) or not quote.strip():
        report.to_fix.append("quote the commitment's exact words from the statement")
        return report
    words = len(quote.split())
    if words < 4:
        report.to_fix.append(f"quote at least four words (you quoted {words})")
    mine = _normalise(quote.strip(' "\u201c\u201d'))
    statement = _normalise(read_text("statement_text"))
    if mine in statement:
        report.passed.append("the quotation is word for word in the statement")
    else:
        report.to_fix.append(
            "the quotation is not word for word in the statement: copy it exactly, [sic] and all"
            + _where_it_differs(mine, statement)
        )
    return report


def _where_it_differs(quote: str, statement: str) -> str:
    """Where the quotation first departs from the passage it best matches (anchored on the longest shared run)."""
    q, s = quote.split(), statement.split()
    if not q:
        return ""
    block = max(difflib.SequenceMatcher(None, q, s, autojunk=False).get_matching_blocks(), key=lambda b: b.size)
    if block.size < 2:
        return " (no passage of the statement is close to it)"
    offset = block.b - block.a
    for k, word in enumerate(q):
        theirs = s[offset + k] if 0 <= offset + k < len(s) else None
        if word != theirs:
            if theirs is None:
                return f" (the statement has nothing where you wrote \u201c{word}\u201d)"
            before = " ".join(q[max(0, k - 3) : k])
            if before:
                return (
                    f" (after \u201c{before}\u201d you wrote \u201c{word}\u201d;"
                    f" the statement has \u201c{theirs}\u201d)"
                )
            return f" (you begin with \u201c{word}\u201d; the statement has \u201c{theirs}\u201d)"
    return ""


def check_chart(fig: Figure) -> Report:
    """A chart a reader can use: title, both axis labels, something drawn, a legend when there are several series."""
    report = Report()
    axes = [ax for ax in fig.get_axes() if ax.has_data()]
    if not axes:
        report.to_fix.append("the chart has nothing drawn on it")
        return report
    for i, ax in enumerate(axes, start=1):
        name = f"chart {i}" if len(axes) > 1 else "the chart"
        for what, value in (
            ("a title", ax.get_title() or fig.texts and fig.texts[0].get_text()),
            ("an x-axis label", ax.get_xlabel()),
            ("a y-axis label", ax.get_ylabel()),
        ):
            (report.passed if value else report.to_fix).append(f"{name} has {what}" if value else f"give {name} {what}")
        labelled = [h for h in ax.get_legend_handles_labels()[1] if not h.startswith("_")]
        series = len(ax.lines) + len({id(c) for c in ax.containers})
        if series > 1 and not ((ax.get_legend() or fig.legends) and labelled):
            report.to_fix.append(f"{name} shows {series} series: add a legend (label= and ax.legend())")
    return report


def check_assessment(text: str | None = None, source_ids: list[str] | None = None) -> Report:
    """About 300 words, citing at least two source ids from the bibliography, and weighing counter-evidence.

    *text* defaults to the Markdown cell tagged ``assessment`` in the saved notebook
    (:func:`assessment_text`). The checks are those of the answer key's ``10-assessment``
    entry, so :func:`helpers.check` on the same text gives the same verdict. Source
    ids are read from the text; *source_ids* adds more (kept for older notebooks).
    """
    from .exercises import exercise, review_free

    if text is None:
        text = assessment_text()
    report = Report()
    if not isinstance(text, str) or not text.strip():
        report.to_fix.append(
            "write your assessment in the Markdown cell tagged 'assessment' (under 'Your assessment'), "
            "save the notebook (Ctrl+S) and run this cell again"
        )
        return report
    for ok, what in review_free(exercise("10-assessment"), text, source_ids):
        (report.passed if ok else report.to_fix).append(what)
    return report


# --------------------------------------------------------------------------- the assessment cell


def notebook_path() -> Path:
    """The capstone notebook on disk: the running notebook if Jupyter says which, else 10_capstone.ipynb here."""
    try:
        from IPython import get_ipython

        ip = get_ipython()
        session = ip.user_ns.get("__session__") if ip is not None else None
    except ImportError:
        session = None
    if isinstance(session, str) and session.endswith(".ipynb"):
        for candidate in (Path(session), Path.cwd() / Path(session).name):
            if candidate.is_file():
                return candidate
    for candidate in (Path.cwd() / NOTEBOOK, ROOT / "notebooks" / NOTEBOOK):
        if candidate.is_file():
            return candidate
    return Path.cwd() / NOTEBOOK


def assessment_text(notebook: str | os.PathLike[str] | None = None, tag: str = ASSESSMENT_TAG) -> str:
    """The text of the Markdown cell tagged *tag* in the saved *notebook* (placeholder paragraphs left out).

    Jupyter reads the file as last saved: press Ctrl+S (File -> Save) after writing.
    """
    path = Path(notebook) if notebook is not None else notebook_path()
    if not path.is_file():
        return ""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown" and tag in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            paragraphs = [p for p in re.split(r"\n\s*\n", source) if p.strip() and not PLACEHOLDER.match(p)]
            return "\n\n".join(p.strip() for p in paragraphs)
    return ""


# --------------------------------------------------------------------------- evidence for one commitment


@dataclass
class Chart:
    """A chart with its text description, and the rows it was drawn from (for the sources)."""

    fig: Figure
    alt: str
    rows: pd.DataFrame
    dataset: str


def _flag(series: pd.Series) -> pd.Series:
    return series.fillna(False).astype(bool)


def _preferred(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[_flag(frame["preferred"])] if "preferred" in frame else frame


def _figure(title: str, xlabel: str, ylabel: str, size: tuple[float, float] | None = None) -> tuple[Any, Any]:
    """new_figure with the title wrapped so that it never runs past the image's edge."""
    import textwrap

    from .plots import new_figure

    fig, ax = new_figure(title, xlabel, ylabel, size=size)
    ax.set_title("\n".join(textwrap.wrap(title, 58)), fontsize=13, fontweight="bold")
    return fig, ax


def _legend(fig: Any, ax: Any, years: bool = True) -> None:
    """The legend under the chart (never on top of the data); whole years on the x axis."""
    from matplotlib.ticker import MaxNLocator

    handles, labels = ax.get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="outside lower center", ncols=min(3, len(handles)), fontsize=9)
    if years:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _mark_statement(ax: Any, x: float = 2024.8) -> None:
    from .plots import PALETTE

    ax.axvline(x, color=PALETTE["black"], linestyle="--", linewidth=1, label="joint statement (Oct 2024)")


def _chart_escapee_arrivals(frame: pd.DataFrame) -> Chart:
    from .escapees import yearly
    from .plots import PALETTE

    years = yearly(frame)
    years = years[years["year"] >= 1998]
    fig, ax = _figure("Arrivals of North Koreans in the Republic of Korea, by year", "Year", "People arriving")
    ax.bar(
        years["year"].astype(int),
        years["total"].astype(int),
        color=PALETTE["blue"],
        label="arrivals (preferred figure)",
    )
    _mark_statement(ax)
    _legend(fig, ax)
    peak = years.loc[years["total"].idxmax()]
    low = years.loc[years["total"].idxmin()]
    last = years.iloc[-1]
    alt = (
        f"Bar chart of yearly arrivals in the ROK from {int(years['year'].min())} to {int(last['year'])}: the peak was "
        f"{int(peak['total']):,} in {int(peak['year'])}, the lowest {int(low['total']):,} in {int(low['year'])}, and "
        f"{int(last['total']):,} arrived in {int(last['year'])}. The figures count arrivals, not escapes."
    )
    rows = frame[frame["figure_id"].isin(years["figure_id"])]
    return Chart(fig, alt, rows, "escapee_arrivals")


def _chart_un_resolutions(frame: pd.DataFrame) -> Chart:
    from .plots import PALETTE

    rows = _preferred(frame)
    rows = rows[rows["body"] == "GA plenary"].sort_values("year")
    voted = rows[rows["vote_method"] == "recorded_vote"]
    unvoted = rows[rows["vote_method"] != "recorded_vote"]
    fig, ax = _figure("General Assembly resolutions on DPRK human rights, by year", "Year", "Member states voting")
    ax.bar(voted["year"].astype(int) - 0.2, voted["yes"].astype(int), width=0.4, color=PALETTE["blue"], label="yes")
    ax.bar(voted["year"].astype(int) + 0.2, voted["no"].astype(int), width=0.4, color=PALETTE["vermillion"], label="no")
    if len(unvoted):
        ax.plot(
            unvoted["year"].astype(int), [3] * len(unvoted), "o", color=PALETTE["green"], label="adopted without a vote"
        )
    _mark_statement(ax)
    _legend(fig, ax)
    alt = (
        (
            f"Bar chart of the General Assembly plenary's yearly DPRK resolutions: {len(voted)} recorded votes between "
            f"{int(voted['year'].min())} and {int(voted['year'].max())}, "
            f"the last with {int(voted.iloc[-1]['yes'])} yes and "
            f"{int(voted.iloc[-1]['no'])} no votes; {len(unvoted)} adopted without a vote, "
            f"from {int(unvoted['year'].min())} "
            f"to {int(unvoted['year'].max())}."
        )
        if len(voted) and len(unvoted)
        else f"Bar chart of the General Assembly plenary's yearly DPRK resolutions, {len(rows)} in all."
    )
    return Chart(fig, alt, rows, "un_resolutions")


def _chart_unsc_meetings(frame: pd.DataFrame) -> Chart:
    from .plots import PALETTE

    rows = frame[_flag(frame["procedural_vote"])].sort_values("date")
    fig, ax = _figure("Security Council votes on discussing DPRK human rights", "Meeting", "Council members voting")
    x = range(len(rows))
    ax.bar([i - 0.2 for i in x], rows["votes_for"].astype(int), width=0.4, color=PALETTE["blue"], label="for")
    ax.bar(
        [i + 0.2 for i in x], rows["votes_against"].astype(int), width=0.4, color=PALETTE["vermillion"], label="against"
    )
    ax.axhline(9, color=PALETTE["black"], linestyle="--", linewidth=1, label="nine votes needed")
    ax.set_xticks(list(x), [str(d)[:10] for d in rows["date"]], rotation=0, fontsize=9)
    _legend(fig, ax, years=False)
    alt = (
        f"Bar chart of {len(rows)} procedural votes in the Security Council "
        "on putting DPRK human rights on its agenda: "
        f"votes for ranged from {int(rows['votes_for'].min())} to {int(rows['votes_for'].max())}, against nine needed."
    )
    return Chart(fig, alt, rows, "unsc_meetings")


def _chart_figures(frame: pd.DataFrame, dataset: str, title: str) -> Chart:
    from .plots import PALETTE

    rows = _preferred(frame).copy()
    rows["as_of_text"] = rows["as_of"].astype(str)
    latest = rows.sort_values("as_of_text").groupby("measure", sort=False).tail(1).sort_values("low")
    import textwrap

    fig, ax = _figure(
        title, "Number of people", "What is counted, who says so, and when", size=(9.0, 0.62 * len(latest) + 2.2)
    )
    names = [
        "\n".join(textwrap.wrap(f"{label(m)} ({c.split(' (')[0]}, {a[:4]})", 40))
        for m, c, a in zip(latest["measure"], latest["claimant"], latest["as_of_text"])
    ]
    ax.barh(range(len(latest)), latest["low"].astype(int), color=PALETTE["blue"], label="latest preferred figure")
    ax.set_yticks(range(len(latest)), names, fontsize=8.5)
    for i, (low, high) in enumerate(zip(latest["low"], latest["high"])):
        text = f"{int(low):,}" + (
            f"-{int(high):,}"
            if high == high and high is not None and str(high) != "<NA>" and int(high) != int(low)
            else ""
        )
        ax.text(int(low), i, " " + text, va="center", fontsize=9)
    ax.margins(x=0.25)
    _legend(fig, ax, years=False)
    alt = (
        f"Horizontal bar chart of the latest preferred figure for each of {len(latest)} measures in {dataset}, "
        f"from {int(latest['low'].min()):,} to {int(latest['low'].max()):,} people; "
        "each bar names who gives the figure and when."
    )
    return Chart(fig, alt, latest.drop(columns=["as_of_text"]), dataset)


def _chart_abductions_japan(frame: pd.DataFrame) -> Chart:
    return _chart_figures(frame, "abductions_japan", "Japanese abductees: the figures and who gives them")


def _chart_rok_detainees(frame: pd.DataFrame) -> Chart:
    from .humanitarian import detention_summary
    from .plots import PALETTE

    summary = detention_summary(frame, on=STATEMENT_DATE)
    fig, ax = _figure(
        "South Koreans detained in the North: years held by 18 October 2024", "Years held (at most)", "Person detained"
    )
    ax.barh(
        range(len(summary)), summary["years_held"], color=PALETTE["blue"], label="years since arrest or disappearance"
    )
    ax.set_yticks(range(len(summary)), list(summary["detainee"]), fontsize=9)
    ax.invert_yaxis()
    _legend(fig, ax, years=False)
    alt = (
        f"Horizontal bar chart of {len(summary)} South Koreans detained in the North: "
        "on 18 October 2024 they had been held "
        f"between {summary['years_held'].min():.1f} and {summary['years_held'].max():.1f} years, "
        "counted from the first day of "
        f"the month or year of their arrest."
    )
    names = set(summary["detainee"])
    return Chart(fig, alt, frame[frame["detainee"].isin(names)], "rok_detainees")


def _chart_pow_escapes(frame: pd.DataFrame) -> Chart:
    from .plots import PALETTE

    rows = frame.sort_values("year")
    fig, ax = _figure(
        "South Korean prisoners of war who came home from the North, by year", "Year", "Prisoners of war returning"
    )
    ax.bar(
        rows["year"].astype(int), rows["pows_returned"].astype(int), color=PALETTE["blue"], label="returned that year"
    )
    _legend(fig, ax)
    peak = rows.loc[rows["pows_returned"].idxmax()]
    alt = (
        f"Bar chart of {int(rows['pows_returned'].sum())} prisoners of war who came home "
        f"between {int(rows['year'].min())} and "
        f"{int(rows['year'].max())}; the most, {int(peak['pows_returned'])}, in {int(peak['year'])}."
    )
    return Chart(fig, alt, rows, "pow_escapes")


def _chart_separated_families(frame: pd.DataFrame) -> Chart:
    from .humanitarian import registry_series
    from .plots import PALETTE

    series = registry_series(frame, "alive")
    fig, ax = _figure("Registered separated-family members still alive in the ROK", "Year", "People alive")
    ax.plot(series["year"], series["value"], "o-", color=PALETTE["blue"], label="alive (preferred snapshots)")
    _mark_statement(ax)
    _legend(fig, ax)
    first, last = series.iloc[0], series.iloc[-1]
    alt = (
        "Line chart of living registered separated-family members: "
        f"{int(first['value']):,} at {first['as_of']}, falling to "
        f"{int(last['value']):,} at {last['as_of']}, as the people who registered grow old and die."
    )
    rows = _preferred(frame)
    return Chart(fig, alt, rows[rows["alive"].notna()], "separated_families_registry")


def _chart_rok_abductees(frame: pd.DataFrame) -> Chart:
    from .plots import PALETTE

    rows = _preferred(frame)
    rows = rows[rows["version"] == rows["version"].iloc[0]]
    fig, ax = _figure("South Koreans abducted after the war and still held, by group", "People still held", "Group")
    ax.barh(range(len(rows)), rows["still_held"].astype(int), color=PALETTE["blue"], label="still held")
    ax.set_yticks(range(len(rows)), [label(c) for c in rows["category"]], fontsize=9)
    _legend(fig, ax, years=False)
    alt = (
        "Horizontal bar chart of South Koreans abducted after the armistice who are still held, "
        f"in {len(rows)} groups, "
        f"{int(rows['still_held'].sum()):,} in all."
    )
    return Chart(fig, alt, rows, "rok_abductees")


DATE_COLUMNS = ("year", "date", "event_date", "as_of", "enacted", "start", "period_start", "published")


def _chart_rows_per_year(frame: pd.DataFrame, dataset: str) -> Chart | None:
    """The generic fallback: how many (preferred) rows fall in each year."""
    import pandas as pd

    from .plots import PALETTE

    rows = _preferred(frame)
    column = next((c for c in DATE_COLUMNS if c in rows), None)
    if column is None:
        return None
    years = pd.to_numeric(rows[column].astype(str).str[:4], errors="coerce").dropna().astype(int)
    if years.empty:
        return None
    counts = years.value_counts().sort_index()
    title = _dataset_title(dataset)
    fig, ax = _figure(f"{title}: entries per year", "Year", "Entries in the dataset")
    ax.bar(counts.index, counts.values, color=PALETTE["blue"], label=f"entries by {column}")
    _legend(fig, ax)
    alt = (
        f"Bar chart of the {int(counts.sum())} entries of the dataset {dataset} by year of {column}, "
        f"from {counts.index.min()} "
        f"to {counts.index.max()}; the busiest year is {counts.idxmax()} with {counts.max()}."
    )
    return Chart(fig, alt, rows, dataset)


#: Datasets with a chart of their own; any other dataset named in follow_with gets rows per year.
CHARTS: dict[str, Callable[[pd.DataFrame], Chart]] = {
    "escapee_arrivals": _chart_escapee_arrivals,
    "un_resolutions": _chart_un_resolutions,
    "unsc_meetings": _chart_unsc_meetings,
    "abductions_japan": _chart_abductions_japan,
    "rok_abductees": _chart_rok_abductees,
    "rok_detainees": _chart_rok_detainees,
    "pow_escapes": _chart_pow_escapes,
    "separated_families_registry": _chart_separated_families,
}


def _dataset_title(name: str) -> str:
    from .data import describe

    return describe(name).title


def commitment_id(value: Any) -> str:
    """'C07', 'c07', ' C7 ' -> 'C07'; an unknown id raises an error that names the valid ones."""
    ids = list(load("commitments")["commitment_id"])
    text = str(value).strip().upper()
    m = re.fullmatch(r"C?\s*0*(\d{1,2})", text)
    if m:
        text = f"C{int(m.group(1)):02d}"
    if text not in ids:
        raise UnknownNameError("commitment id", str(value), ids)
    return text


_charts: dict[tuple[Any, ...], Chart | None] = {}


def _files_stamp(names: list[str]) -> tuple[Any, ...]:
    """Where the data is and when each named dataset's file last changed: a changed file means a new chart."""
    from .data import _resources, data_dir

    directory = data_dir()
    resources = _resources(directory)
    stamps: list[Any] = [str(directory)]
    for name in names:
        path = directory / resources[name]["path"] if name in resources else None
        stat = path.stat() if path is not None and path.is_file() else None
        stamps.append((name, stat.st_mtime_ns, stat.st_size) if stat else (name, None))
    return tuple(stamps)


def chart_for(commitment: str) -> Chart | None:
    """The chart for a commitment: from the first dataset in follow_with with a chart of its own, else rows per year.

    The chart is made once per commitment and kept while the data files stay the same, so the
    picker, the evidence cell and the brief show one figure instead of drawing it again.
    """
    commitments = load("commitments")
    row = commitments[commitments["commitment_id"] == commitment_id(commitment)].iloc[0]
    from .data import split_list

    datasets = split_list(row["follow_with"]) if isinstance(row["follow_with"], str) else []
    key = (row["commitment_id"], _files_stamp(["commitments", *datasets]))
    if key not in _charts:
        if len(_charts) >= 32:
            _charts.pop(next(iter(_charts)))
        _charts[key] = _chart_for(datasets)
    return _charts[key]


def _chart_for(datasets: list[str]) -> Chart | None:
    for name in datasets:
        if name in CHARTS:
            return CHARTS[name](load(name))
    for name in datasets:
        chart = _chart_rows_per_year(load(name), name)
        if chart is not None:
            return chart
    return None


@dataclass
class Evidence:
    """Everything the brief needs for one commitment. Displays itself in a notebook."""

    commitment: dict[str, Any]
    chart: Chart | None
    followup: pd.DataFrame
    sources: list[dict[str, str]]
    datasets: list[str]

    @property
    def id(self) -> str:
        return str(self.commitment["commitment_id"])

    def wording_markdown(self) -> str:
        c = self.commitment
        return (
            f"### {escape_md(c['commitment_id'])} \u00b7 {escape_md(c['topic'])}\n\n"
            f"> \u201c{escape_md(c['exact_phrase'])}\u201d\n\n"
            f"**Who commits:** {escape_md(label(c['committing_parties']))}"
            f" \u00b7 **verb:** \u201c{escape_md(c['verb'])}\u201d"
            f" \u00b7 **strength:** {int(c['verb_strength'])}/4 ({escape_md(label(c['strength_label']))})"
            f" \u00b7 **kind:** {escape_md(label(c['kind']))}"
        )

    def no_chart_message(self) -> str:
        return (
            f"No dataset to chart for {self.id}: the collection holds no figures that follow this commitment. "
            "Use the follow-up rows below, and the timeline or positions of notebooks 02 and 09."
        )

    def followup_table(self) -> Any:
        from .display import table

        columns = [
            c for c in ("event_date", "kind", "direction", "actors", "summary", "source_ids") if c in self.followup
        ]
        labels = {"event_date": "date", "source_ids": "sources", "direction": "what it shows"}
        return table(
            self.followup[columns],
            labels={k: v for k, v in labels.items() if k in columns},
            codes=[c for c in ("kind", "direction", "actors") if c in columns],
            caption=f"Since October 2024: {len(self.followup)} follow-up row(s) for {self.id}",
        )

    def sources_markdown(self) -> str:
        lines = [f"**Sources** ({len(self.sources)}):", ""]
        for s in self.sources:
            lines.append(f"- \\[{escape_md(s['id'])}\\] {escape_md(s['citation'])}")
        return "\n".join(lines)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        from .display import prose
        from .plots import show

        display(prose(self.wording_markdown()))
        if self.chart is not None:
            show(self.chart.fig, alt=self.chart.alt)
        else:
            display(prose(f"*{escape_md(self.no_chart_message())}*"))
        if len(self.followup):
            display(self.followup_table())
        else:
            display(prose(f"*No follow-up row for {escape_md(self.id)} in our data.*"))
        display(prose(self.sources_markdown()))

    def __repr__(self) -> str:
        parts = [
            f"{self.id}: \u201c{self.commitment['exact_phrase']}\u201d",
            f"chart: {self.chart.alt}" if self.chart else self.no_chart_message(),
            f"follow-up rows: {len(self.followup)}",
            f"sources: {len(self.sources)}",
        ]
        return "\n".join(parts)


def _sources(ids: list[str]) -> list[dict[str, str]]:
    from .data import cite

    table = load("sources").set_index("id")
    out = []
    for sid in dict.fromkeys(ids):
        if sid in table.index:
            out.append(
                {
                    "id": sid,
                    "citation": cite(sid),
                    "url": str(table.loc[sid, "url"]),
                    "title": str(table.loc[sid, "title"]),
                }
            )
    return out


def evidence(commitment: str) -> Evidence:
    """The evidence for one commitment: wording, chart (or why there is none), follow-up rows, sources.

    ``capstone.evidence("C07")`` in a cell shows it all; the id may be written c07 or C7.
    """
    from .data import source_ids, split_list

    cid = commitment_id(commitment)
    commitments = load("commitments")
    row = commitments[commitments["commitment_id"] == cid]
    followup = load("commitment_followup")
    mine = followup[followup["commitment_id"] == cid].reset_index(drop=True)
    chart = chart_for(cid)
    ids = (
        source_ids(row)
        + source_ids(mine)
        + (source_ids(chart.rows) if chart is not None and "source_ids" in chart.rows else [])
    )
    value = row.iloc[0]["follow_with"]
    datasets = split_list(value) if isinstance(value, str) else []
    return Evidence(row.iloc[0].to_dict(), chart, mine, _sources(ids), datasets)


# --------------------------------------------------------------------------- the widget


def picker(default: str = "C06") -> Any:
    """A drop-down of every commitment; shows :func:`evidence` for the one chosen."""
    import ipywidgets as widgets
    from IPython.display import display

    commitments = load("commitments")
    options = [(f"{i} \u00b7 {t}", i) for i, t in zip(commitments["commitment_id"], commitments["topic"])]
    choice = widgets.Dropdown(
        options=options,
        value=commitment_id(default),
        description="Commitment:",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="100%", max_width="44em"),
    )
    note = widgets.HTML()

    def render(commitment: str) -> None:
        note.value = (
            f"To use <b>{escape_html(commitment)}</b> in your brief, write "
            f'<code>my_commitment = "{escape_html(commitment)}"</code> in the cell below and run it.'
        )
        display(evidence(commitment))

    from .friendly import hinted
    from .widgets import live

    out = live(render, {"commitment": choice})

    return hinted(widgets.VBox([choice, note, out]), "Commitment picker")


def rubric() -> Any:
    """The capstone rubric (teacher-guide/capstone-rubric.md), shown in the notebook."""
    from .display import prose

    path = ROOT / "teacher-guide" / "capstone-rubric.md"
    if not path.is_file():
        return prose(
            "*The rubric is in the teacher guide, `teacher-guide/capstone-rubric.md`; ask your teacher for it.*"
        )
    text = re.sub(
        r"^(#{1,3}) ", lambda m: "#" * (len(m.group(1)) + 3) + " ", path.read_text(encoding="utf-8"), flags=re.M
    )
    return prose(text)


# --------------------------------------------------------------------------- saving


def work_dir(folder: str | os.PathLike[str] | None = None) -> Path:
    """Where briefs and answers are saved: *folder*, else $NKHR_WORK_DIR, else ``work/`` next to the notebooks.

    ``notebooks/work/`` is git-ignored and reachable from JupyterLab's file browser
    (``make lab`` serves the notebooks folder). Nothing is ever written into ``data/``.
    """
    if folder is None:
        folder = os.environ.get("NKHR_WORK_DIR") or (
            ROOT / "notebooks" / "work" if (ROOT / "notebooks").is_dir() else Path.cwd() / "work"
        )
    path = Path(folder).resolve()
    data = (ROOT / "data").resolve()
    if path == data or data in path.parents:
        raise ValueError(f"nothing may be written into data/: choose another folder than {path}")
    path.mkdir(parents=True, exist_ok=True)
    return path


_CSS = (
    "body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;padding:0 1em;"
    "line-height:1.55;color:#1b1b1b}"
    "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}"
    "blockquote{border-left:4px solid #0072B2;margin:0;padding:0.2em 1em;background:#f3f7fb}"
    "img{max-width:100%;height:auto}table{border-collapse:collapse;width:100%}"
    "td,th{border:1px solid #ccc;padding:0.3em;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
    ".meta{color:#555;font-size:0.9em}li{margin:0.3em 0;overflow-wrap:anywhere}"
)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape_html(' '.join(p.split()))}</p>" for p in re.split(r"\n\s*\n", text) if p.strip())


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "answer"


def brief_html(
    commitment: str,
    *,
    quote: str | None = None,
    assessment: str = "",
    author: str = "",
    extra_sources: list[str] | None = None,
) -> str:
    """The whole brief as one self-contained HTML page (every text escaped; the chart embedded as PNG)."""
    from .exercises import cited_source_ids
    from .plots import png_bytes

    ev = evidence(commitment)
    c = ev.commitment
    quote = quote if quote and quote.strip() else str(c["exact_phrase"])
    cited, _ = cited_source_ids(assessment, extra_sources)
    sources = ev.sources + [s for s in _sources(cited) if s["id"] not in {x["id"] for x in ev.sources}]
    by = escape_html(author) + " \u00b7 " if author else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Evidence brief: {escape_html(ev.id)} {escape_html(c['topic'])}</title>"
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Evidence brief: {escape_html(ev.id)} \u00b7 {escape_html(c['topic'])}</h1>",
        f'<p class="meta">{by}Saved {_dt.date.today().isoformat()} from notebook 10 of the nkhr-2024 collection.</p>',
        "<h2>1. The commitment</h2>",
        f"<blockquote>\u201c{escape_html(quote)}\u201d</blockquote>",
        f"<p>Who commits: {escape_html(label(c['committing_parties']))}; verb: \u201c{escape_html(c['verb'])}\u201d; "
        f"strength {int(c['verb_strength'])}/4 ({escape_html(label(c['strength_label']))}); "
        f"kind: {escape_html(label(c['kind']))}.</p>",
        "<h2>2. Evidence from the data</h2>",
    ]
    if ev.chart is not None:
        data = base64.b64encode(png_bytes(ev.chart.fig)).decode("ascii")
        parts += [
            f'<figure><img src="data:image/png;base64,{data}" alt="{escape_html(ev.chart.alt)}">',
            f"<figcaption>{escape_html(ev.chart.alt)}</figcaption></figure>",
        ]
    else:
        parts.append(f"<p>{escape_html(ev.no_chart_message())}</p>")
    parts.append("<h2>3. What has happened since</h2>")
    if len(ev.followup):
        cols = [col for col in ("event_date", "kind", "direction", "summary", "source_ids") if col in ev.followup]
        parts.append(
            "<table><thead><tr>"
            + "".join(f"<th>{escape_html(label(col))}</th>" for col in cols)
            + "</tr></thead><tbody>"
        )
        for _, r in ev.followup.iterrows():
            cells = [label(r[col]) if col in ("kind", "direction") else r[col] for col in cols]
            parts.append("<tr>" + "".join(f"<td>{escape_html(v)}</td>" for v in cells) + "</tr>")
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No follow-up row in the collection's data.</p>")
    parts += [
        "<h2>4. Assessment</h2>",
        _paragraphs(assessment) or "<p><em>(not written yet)</em></p>",
        "<h2>5. Sources</h2>",
        "<ol>",
    ]
    for s in sources:
        url = s["url"]
        link = f' <a href="{escape_html(url)}">{escape_html(url)}</a>' if re.match(r"https?://", url) else ""
        parts.append(f"<li>[{escape_html(s['id'])}] {escape_html(s['citation'])}{link}</li>")
    parts += ["</ol>", "</body></html>"]
    return "\n".join(parts)


def save_brief(
    commitment: str,
    *,
    quote: str | None = None,
    assessment: str | None = None,
    author: str = "",
    sources: list[str] | None = None,
    folder: str | os.PathLike[str] | None = None,
) -> Path | None:
    """Save the whole brief (quote, chart, assessment, sources) as one HTML file and say how to hand it in.

    *assessment* defaults to the Markdown cell tagged ``assessment`` of the saved
    notebook. Nothing is saved while the assessment is empty. Returns the file's path.
    """
    cid = commitment_id(commitment)
    text = assessment_text() if assessment is None else assessment
    if not text.strip():
        print(
            "Nothing saved yet: write your assessment in the Markdown cell tagged 'assessment', save the notebook "
            "(Ctrl+S or File \u2192 Save Notebook), then run this cell again."
        )
        return None
    path = work_dir(folder) / f"brief-{cid}.html"
    path.write_text(
        brief_html(cid, quote=quote, assessment=text, author=author, extra_sources=sources), encoding="utf-8"
    )
    _say_saved(path)
    return path


def save_answer(exercise_id: str, text: str, *, folder: str | os.PathLike[str] | None = None) -> Path | None:
    """Save a free-text answer (with its prompt and the automatic feedback) as one HTML file to hand in."""
    from .exercises import exercise, feedback

    entry = exercise(exercise_id)
    if not isinstance(text, str) or not text.strip():
        print("Nothing saved yet: write your answer first.")
        return None
    fb = feedback(exercise_id, text)
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Answer to {escape_html(exercise_id)}</title><style>{_CSS}</style></head><body>"
        f"<h1>Answer to exercise {escape_html(exercise_id)}</h1>"
        f'<p class="meta">Saved {_dt.date.today().isoformat()}.</p>'
        f"<h2>Question</h2><p>{escape_html(entry['prompt'])}</p><h2>My answer</h2>{_paragraphs(text)}"
        f"<h2>Automatic feedback</h2><p>{escape_html(fb.message)}</p></body></html>"
    )
    path = work_dir(folder) / f"answer-{_safe_name(exercise_id)}.html"
    path.write_text(page, encoding="utf-8")
    _say_saved(path)
    return path


def _say_saved(path: Path) -> None:
    print(
        f"Saved: {_relative(path)}\n"
        f"To hand it in: in JupyterLab's file browser (the folder icon on the left) open the folder "
        f"'{path.parent.name}', right-click '{path.name}' and choose Download; then send or upload the file as your "
        f"teacher asks. It opens in any web browser and needs no internet connection."
    )


# Every public function that takes a table names the columns it needs when given the wrong one.
from .frames import guard_tables  # noqa: E402

guard_tables(globals())
