"""The capstone's automatic checks pass good work and name what is missing in weak work."""

from __future__ import annotations

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers import capstone, plots  # noqa: E402


def test_quote_must_be_exact() -> None:
    assert capstone.check_quote("increase access to independent information in North Korea").ok
    assert capstone.check_quote("that is at free and at peace").ok  # [sic] kept
    bad = capstone.check_quote("increase access to free information in North Korea")
    assert not bad.ok and "not word for word" in str(bad)
    assert "at least four words" in str(capstone.check_quote("North Korea"))
    assert not capstone.check_quote("").ok


def test_quote_tolerates_dash_and_space_styles() -> None:
    assert capstone.check_quote("abductions - including of Japan, ROK, and other foreign nationals").ok


def test_chart_checks() -> None:
    fig, ax = plots.new_figure("Arrivals", "Year", "People")
    ax.plot([2019, 2020], [1047, 229], label="total")
    assert capstone.check_chart(fig).ok
    ax.plot([2019, 2020], [800, 150])
    assert "add a legend" in str(capstone.check_chart(fig))
    plt.close(fig)
    fig, ax = plt.subplots()
    ax.bar(["a"], [1])
    report = capstone.check_chart(fig)
    assert not report.ok and "give the chart a title" in str(report) and "x-axis label" in str(report)
    plt.close(fig)
    empty, _ = plots.new_figure("T", "x", "y")
    assert "nothing drawn" in str(capstone.check_chart(empty))
    plt.close(empty)


def test_assessment_checks() -> None:
    good = ("word " * 280) + "However, the figures count arrivals, not escapes."
    report = capstone.check_assessment(good, ["joint-statement-2024", "un-coi-report-2014"])
    assert report.ok, str(report)
    short = capstone.check_assessment("Too short.", ["joint-statement-2024"])
    text = str(short)
    assert "aim for about 300" in text and "at least two source ids" in text and "what cuts the other way" in text
    assert "not in data/sources.csv: made-up" in str(capstone.check_assessment(good, ["made-up", "joint-statement-2024"]))
