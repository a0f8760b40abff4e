"""The capstone: evidence for every commitment, checks that agree with the answer key, and saving a brief."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("agg")
import matplotlib.pyplot as plt

import helpers
from conftest import ROOT, checkout_only
from helpers import capstone, plots

IDS = list(helpers.load("commitments")["commitment_id"])
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> **bold** [link](javascript:alert(1))'


def test_quote_must_be_exact() -> None:
    assert capstone.check_quote("increase access to independent information in North Korea").ok
    assert capstone.check_quote("that is at free and at peace").ok  # [sic] kept
    bad = capstone.check_quote("increase access to free information in North Korea")
    assert not bad.ok and "not word for word" in str(bad)
    assert "you wrote \u201cfree\u201d; the statement has \u201cindependent\u201d" in str(bad)
    assert "at least four words" in str(capstone.check_quote("North Korea"))
    assert not capstone.check_quote("").ok


def test_quote_near_miss_says_where() -> None:
    report = capstone.check_quote("abductees detainees, and others unjustly detained")
    assert not report.ok and "\u201cabductees\u201d; the statement has \u201cabductees,\u201d" in str(report)


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


def test_assessment_checks() -> None:
    good = ("word " * 280) + "However, the figures count arrivals, not escapes."
    report = capstone.check_assessment(good, ["joint-statement-2024", "un-coi-report-2014"])
    assert report.ok, str(report)
    assert capstone.check_assessment(good + " [joint-statement-2024] [un-coi-report-2014]").ok  # ids in the text
    short = capstone.check_assessment("Too short.", ["joint-statement-2024"])
    text = str(short)
    assert "aim: 250-350" in text and "at least two source ids" in text and "what cuts the other way" in text
    assert "not in data/sources.csv: made-up" in str(
        capstone.check_assessment(good, ["made-up", "joint-statement-2024"])
    )
    assert "1 thing to fix." in str(capstone.check_assessment(good + " joint-statement-2024"))
    assert "write your assessment in the Markdown cell" in str(capstone.check_assessment(""))


def test_assessment_and_exercise_checker_never_disagree() -> None:
    model = helpers.exercise("10-assessment")["answer"]
    for text in (
        model,
        model + " extra" * 60,
        model.replace("[", "").replace("]", "").replace("-2024", ""),
        model.replace("However", "So").replace("but", "and").replace("not", ""),
        "",
        "one two",
    ):
        assert capstone.check_assessment(text).ok == helpers.is_correct("10-assessment", text)


@pytest.mark.parametrize("cid", IDS)
def test_evidence_for_every_commitment(cid: str) -> None:
    ev = capstone.evidence(cid)
    row = helpers.load("commitments").set_index("commitment_id").loc[cid]
    assert ev.commitment["exact_phrase"] == row["exact_phrase"]
    assert (
        "the quotation is word for word in the statement" in capstone.check_quote(ev.commitment["exact_phrase"]).passed
    )
    if ev.chart is None:
        assert not isinstance(row["follow_with"], str)  # only commitments with no dataset lack a chart
        assert "No dataset to chart" in ev.no_chart_message() and "follow-up rows" in ev.no_chart_message()
    else:
        assert ev.chart.dataset in helpers.split_list(row["follow_with"])
        report = capstone.check_chart(ev.chart.fig)
        assert report.ok, str(report)
        assert len(ev.chart.alt.split()) >= 12
        ax = ev.chart.fig.axes[0]
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = FigureCanvasAgg(ev.chart.fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        box = ev.chart.fig.bbox
        for text in (ax.title, ax.xaxis.label, ax.yaxis.label):
            extent = text.get_window_extent(renderer)
            assert box.x0 - 1 <= extent.x0 and extent.x1 <= box.x1 + 1, f"{cid}: {text.get_text()!r} is clipped"
        for legend in ev.chart.fig.legends:
            assert not legend.get_window_extent(renderer).overlaps(ax.get_window_extent(renderer)), (
                f"{cid}: legend on the data"
            )
        plt.close(ev.chart.fig)
    followup = helpers.load("commitment_followup")
    assert len(ev.followup) == int((followup["commitment_id"] == cid).sum())
    assert ev.sources and all(s["id"] in set(helpers.load("sources")["id"]) for s in ev.sources)
    assert {"joint-statement-2024"} <= {s["id"] for s in ev.sources}
    assert cid in repr(ev)


def test_commitment_ids_are_forgiving_and_errors_name_the_valid_ones() -> None:
    assert capstone.commitment_id("c07") == capstone.commitment_id(" C7 ") == capstone.commitment_id(7) == "C07"
    with pytest.raises(helpers.HelpersError, match="Did you mean 'C09'"):
        capstone.commitment_id("C99")


def test_followup_direction_is_shown_when_present(monkeypatch: pytest.MonkeyPatch) -> None:
    real = capstone.load

    def with_direction(name: str):
        frame = real(name)
        if name == "commitment_followup" and "direction" not in frame:
            frame = frame.assign(direction="not_verified")
        return frame

    monkeypatch.setattr(capstone, "load", with_direction)
    ev = capstone.evidence("C12")
    html = ev.followup_table()._repr_html_()  # the plain form may wrap a label across lines
    assert ">what it shows<" in html and ">not verified<" in html


def _notebook(tmp_path: Path, text: str) -> Path:
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "metadata": {"tags": ["assessment"]},
                "source": ["*(Double-click here and write your assessment.)*\n", "\n", text],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "10_capstone.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_assessment_is_read_from_the_tagged_markdown_cell(tmp_path: Path) -> None:
    path = _notebook(tmp_path, "My judgement.\n\nSecond paragraph.")
    assert capstone.assessment_text(path) == "My judgement.\n\nSecond paragraph."
    assert capstone.assessment_text(_notebook(tmp_path, "")) == ""  # the placeholder alone is not an answer
    stored = capstone.assessment_text(ROOT / "notebooks" / "10_capstone.ipynb")
    assert stored == "", "the stored notebook's assessment cell should hold only the placeholder"


def _tracked_and_data_state() -> tuple[str, list[str]]:
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    return status, sorted(str(p) for p in (ROOT / "data").rglob("*"))


def test_save_brief_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _tracked_and_data_state()
    model = helpers.exercise("10-assessment")["answer"]
    path = capstone.save_brief("C06", assessment=model, folder=tmp_path / "work", author="A student")
    assert path == tmp_path / "work" / "brief-C06.html" and path.is_file()
    html = path.read_text(encoding="utf-8")
    row = helpers.load("commitments").set_index("commitment_id").loc["C06"]
    assert capstone.escape_html(row["exact_phrase"]) in html
    assert 'src="data:image/png;base64,' in html  # the chart travels inside the file
    assert "Women made up 89 percent" in html and "kbs-2025-07-14-defectors-day" in html
    url = helpers.load("sources").set_index("id").loc["kbs-2025-07-14-defectors-day", "url"]
    assert f'href="{capstone.escape_html(url)}"' in html
    assert "http" not in html.replace(url, "").split("<h2>5. Sources</h2>")[0]  # nothing fetched from outside
    out = capsys.readouterr().out
    assert "brief-C06.html" in out and "Download" in out
    assert _tracked_and_data_state() == before, "saving wrote into data/ or into the repository"


@pytest.mark.parametrize("cid", ["C12", "C02"])
def test_save_brief_escapes_hostile_text(tmp_path: Path, cid: str) -> None:
    path = capstone.save_brief(
        cid, assessment=HOSTILE + "\n\n" + HOSTILE, quote=HOSTILE, author=HOSTILE, folder=tmp_path
    )
    html = path.read_text(encoding="utf-8")
    assert (
        "<script" not in html
        and "<img src=x" not in html
        and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    )
    assert "&lt;script&gt;" in html and "javascript:alert" not in html.replace("(javascript:alert(1))", "")
    assert html.count("<p>") >= 2


@checkout_only
def test_save_brief_needs_an_assessment_and_never_writes_into_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert capstone.save_brief("C06", assessment="  ", folder=tmp_path) is None
    assert "Nothing saved yet" in capsys.readouterr().out and not list(tmp_path.iterdir())
    with pytest.raises(ValueError, match="nothing may be written into data/"):
        capstone.save_brief("C06", assessment="text", folder=ROOT / "data" / "work")


@checkout_only
def test_default_work_folder_is_ignored_by_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NKHR_WORK_DIR", raising=False)
    folder = capstone.work_dir()
    assert folder == (ROOT / "notebooks" / "work").resolve()
    probe = subprocess.run(["git", "check-ignore", "-q", str(folder / "brief-C06.html")], cwd=ROOT)
    assert probe.returncode == 0, "notebooks/work/ must be listed in .gitignore"
    monkeypatch.setenv("NKHR_WORK_DIR", str(tmp_path / "elsewhere"))
    assert capstone.work_dir() == (tmp_path / "elsewhere").resolve()


def test_save_answer(tmp_path: Path) -> None:
    path = capstone.save_answer("06-reading-statistics", HOSTILE, folder=tmp_path)
    html = path.read_text(encoding="utf-8")
    assert path.name == "answer-06-reading-statistics.html" and "<script" not in html
    assert capstone.escape_html(helpers.exercise("06-reading-statistics")["prompt"]) in html
    assert "Not yet" in html


def test_picker_shows_a_hint_not_a_repr() -> None:
    box = capstone.picker("C07")
    text = box._repr_mimebundle_()["text/plain"]
    assert not text.startswith("VBox(") and "run this cell in JupyterLab" in text
    dropdown = box.children[0].children[0]
    assert dropdown.value == "C07" and len(dropdown.options) == len(IDS)
