"""Checks behind the capstone evidence brief (notebook 10).

The brief has five parts: the commitment's exact wording, the evidence from the
datasets (with at least one chart the student makes), what has happened since,
a 300-word assessment, and the sources. These functions check what a machine can
check: that the quoted wording really is in the statement, that the chart is
readable, that the assessment is the right length and cites its sources. The
rubric (teacher-guide/capstone-rubric.md) covers what only a reader can judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .data import read_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

ASSESSMENT_WORDS = (250, 350)  # "about 300 words"


@dataclass
class Report:
    """What passed and what to fix, in the order a student should work."""

    passed: list[str] = field(default_factory=list)
    to_fix: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.to_fix

    def __str__(self) -> str:
        lines = [f"  ok   {p}" for p in self.passed] + [f"  FIX  {p}" for p in self.to_fix]
        verdict = "All automatic checks pass." if self.ok else f"{len(self.to_fix)} thing(s) to fix."
        return verdict + ("\n" + "\n".join(lines) if lines else "")

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2013", "-").replace("\u2014", "-")).strip()


def check_quote(quote: str) -> Report:
    """Is *quote* an exact passage of the statement (spaces and dash styles aside), long enough to mean something?"""
    report = Report()
    if not isinstance(quote, str) or not quote.strip():
        report.to_fix.append("quote the commitment's exact words from the statement")
        return report
    words = len(quote.split())
    if words < 4:
        report.to_fix.append(f"quote at least four words (you quoted {words})")
    if _normalise(quote.strip(' "\u201c\u201d')) in _normalise(read_text("statement_text")):
        report.passed.append("the quotation is word for word in the statement")
    else:
        report.to_fix.append("the quotation is not word for word in the statement: copy it exactly, [sic] and all")
    return report


def check_chart(fig: "Figure") -> Report:
    """A chart a reader can use: title, both axis labels, something drawn, a legend when there are several series."""
    report = Report()
    axes = [ax for ax in fig.get_axes() if ax.has_data()]
    if not axes:
        report.to_fix.append("the chart has nothing drawn on it")
        return report
    for i, ax in enumerate(axes, start=1):
        name = f"chart {i}" if len(axes) > 1 else "the chart"
        for what, value in (("a title", ax.get_title() or fig.texts and fig.texts[0].get_text()), ("an x-axis label", ax.get_xlabel()), ("a y-axis label", ax.get_ylabel())):
            (report.passed if value else report.to_fix).append(f"{name} has {what}" if value else f"give {name} {what}")
        labelled = [h for h in ax.get_legend_handles_labels()[1] if not h.startswith("_")]
        series = len(ax.lines) + len({id(c) for c in ax.containers})
        if series > 1 and not (ax.get_legend() and labelled):
            report.to_fix.append(f"{name} shows {series} series: add a legend (label= and ax.legend())")
    return report


def check_assessment(text: str, source_ids: list[str] | None = None) -> Report:
    """About 300 words, citing at least two source ids from the bibliography, and weighing counter-evidence."""
    from .data import load

    report = Report()
    if not isinstance(text, str) or not text.strip():
        report.to_fix.append("write your assessment in the `assessment` string")
        return report
    words = len(text.split())
    low, high = ASSESSMENT_WORDS
    if low <= words <= high:
        report.passed.append(f"length: {words} words (aim: about 300)")
    else:
        report.to_fix.append(f"length: {words} words; aim for about 300 ({low}-{high})")
    known = set(load("sources")["id"])
    cited = [s for s in (source_ids or []) if s in known]
    unknown = [s for s in (source_ids or []) if s not in known]
    if unknown:
        report.to_fix.append(f"these source ids are not in data/sources.csv: {', '.join(unknown)}")
    if len(cited) >= 2:
        report.passed.append(f"cites {len(cited)} sources from the bibliography")
    else:
        report.to_fix.append("cite at least two source ids from data/sources.csv in `my_sources`")
    if re.search(r"\b(however|but|although|on the other hand|yet|counter|critics|limitation|uncertain)", text, re.I):
        report.passed.append("weighs evidence on more than one side")
    else:
        report.to_fix.append("say what cuts the other way (counter-evidence, a limitation, a disagreement between sources)")
    return report


# Every public function that takes a table names the columns it needs when given the wrong one.
from .frames import guard_tables  # noqa: E402

guard_tables(globals())
