"""One piece of widget wiring (helpers.widgets.live): a widget shows its view now and again after every change.

The maintainer review found the same Output / render / observe block written out eight times; every widget now
uses :func:`helpers.widgets.live`. These tests hold what it must do, and what ``interactive_output`` would do
that it must not (import pyplot), and check that the widgets built on it follow a change of their controls.
"""

from __future__ import annotations

import subprocess
import sys

import ipywidgets as w
import pytest

import helpers
from helpers import capstone, coi, timeline, widgets


def test_live_shows_the_view_now_and_after_every_change() -> None:
    calls: list[tuple[str, int]] = []
    name, size = w.Dropdown(options=["a", "b"], value="a"), w.IntSlider(value=1, min=0, max=5)
    out = widgets.live(lambda name, size: calls.append((name, size)), {"name": name, "size": size})
    assert isinstance(out, w.Output) and calls == [("a", 1)]
    name.value = "b"
    size.value = 3
    assert calls == [("a", 1), ("b", 1), ("b", 3)]
    size.value = 3  # not a change: not shown again
    assert len(calls) == 3


def test_live_does_not_import_pyplot() -> None:
    # ipywidgets.interactive_output would: it resolves matplotlib's backend around every call.
    code = (
        "import sys, matplotlib.figure, ipywidgets as w\n"
        "from helpers.widgets import live\n"
        "d = w.Dropdown(options=['a', 'b']); live(lambda x: None, {'x': d}); d.value = 'b'\n"
        "print('matplotlib.pyplot' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[-1] == "False"


def _controls(box: w.Widget) -> list[w.Widget]:
    """Every widget inside *box*, depth first."""
    found = [box]
    for child in getattr(box, "children", ()):
        found += _controls(child)
    return found


@pytest.mark.parametrize(
    ("build", "control", "new_value", "called", "expected"),
    [
        (
            lambda: coi.section_browser(helpers.load("coi_report_structure"), helpers.load("coi_findings"), "III.E"),
            w.Dropdown,
            "III.A",
            "section_card",
            "III.A",
        ),
        (
            lambda: capstone.picker("C06"),
            w.Dropdown,
            "C07",
            "evidence",
            "C07",
        ),
    ],
    ids=["coi.section_browser", "capstone.picker"],
)
def test_a_widget_follows_its_control(monkeypatch, build, control, new_value, called, expected) -> None:
    module = coi if called == "section_card" else capstone
    seen: list[str] = []
    real = getattr(module, called)

    def spy(value, *args, **kwargs):
        seen.append(value)
        return real(value, *args, **kwargs)

    monkeypatch.setattr(module, called, spy)
    box = build()
    picker = next(c for c in _controls(box) if isinstance(c, control))
    picker.value = new_value
    assert seen[-1] == expected and len(seen) >= 2


def test_the_timeline_explorer_follows_its_years(monkeypatch) -> None:
    spans: list[tuple[int, int]] = []
    real = timeline.filter_events

    def spy(frame, start=None, end=None, categories=None):
        spans.append((start, end))
        return real(frame, start, end, categories)

    monkeypatch.setattr(timeline, "filter_events", spy)
    box = timeline.timeline_widget(helpers.load("timeline"), 1945)
    slider = next(c for c in _controls(box) if isinstance(c, w.IntRangeSlider))
    slider.value = (2014, 2016)
    assert spans[-1] == (2014, 2016) and len(spans) == 2


def _spy(monkeypatch, module, name: str) -> list[tuple]:
    """Record the arguments of every call of module.name (a pure function a widget shows)."""
    calls: list[tuple] = []
    real = getattr(module, name)

    def spy(*args, **kwargs):
        calls.append(args + tuple(kwargs.values()))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


def _load(name: str):
    return helpers.load(name)


def _first(box: w.Widget, kind: type, description: str | None = None) -> w.Widget:
    return next(c for c in _controls(box) if isinstance(c, kind) and description in (None, c.description))


def test_the_figure_explorer_shows_the_new_tables_measures(monkeypatch) -> None:
    from helpers import humanitarian

    calls = _spy(monkeypatch, humanitarian, "figure_table")
    tables = {"Japanese abductees": helpers.load("abductions_japan"), "Prisoners of war": helpers.load("pow_figures")}
    box = humanitarian.figure_explorer(tables)
    assert calls[-1][0] is tables["Japanese abductees"]
    _first(box, w.Dropdown, "Table:").value = "Prisoners of war"
    measure = _first(box, w.Dropdown, "Measure:")
    assert calls[-1][0] is tables["Prisoners of war"] and calls[-1][1] == measure.value
    assert measure.value in set(tables["Prisoners of war"]["measure"])
    _first(box, w.Checkbox).value = True
    assert calls[-1][2] is True


def test_the_commitment_browser_follows_the_strength_and_the_pick(monkeypatch) -> None:
    from helpers import statement

    calls = _spy(monkeypatch, statement, "commitment_card")
    commitments = helpers.load("commitments")
    box = statement.commitment_browser(
        commitments, helpers.load("commitment_coi_links"), helpers.load("commitment_followup")
    )
    pick = _first(box, w.Dropdown)
    assert calls[-1][0] == pick.value == commitments["commitment_id"].iloc[0]
    _first(box, w.IntSlider).value = 4
    strongest = commitments[commitments["verb_strength"] >= 4]["commitment_id"].tolist()
    assert list(pick.options) and [v for _, v in pick.options] == strongest and calls[-1][0] == strongest[0]


@pytest.mark.parametrize(
    ("module", "build", "function", "control", "value", "position"),
    [
        (
            "untrack",
            lambda m: m.vote_explorer(helpers.load("un_resolutions")),
            "votes",
            w.IntRangeSlider,
            (2010, 2014),
            2,
        ),
        ("glossary", lambda m: m.glossary_widget("refoulement"), "search", w.Text, "abduction", 1),
        ("perspectives", lambda m: m.positions_widget("refoulement"), "side_by_side", w.Dropdown, None, 1),
        (
            "statement",
            lambda m: m.sentence_explorer(helpers.load("statement_sentences")),
            "explorer_html",
            w.Dropdown,
            None,
            1,
        ),
    ],
    ids=[
        "untrack.vote_explorer",
        "glossary.glossary_widget",
        "perspectives.positions_widget",
        "statement.sentence_explorer",
    ],
)
def test_a_topic_widget_follows_its_control(monkeypatch, module, build, function, control, value, position) -> None:
    import importlib

    mod = importlib.import_module(f"helpers.{module}")
    calls = _spy(monkeypatch, mod, function)
    box = build(mod)
    widget = _first(box, control)
    if value is None:  # the second option of a drop-down
        value = [v for _, v in widget.options][1] if isinstance(widget.options[0], tuple) else widget.options[1]
    widget.value = value
    got = calls[-1][position]
    assert got == (value[0] if isinstance(value, tuple) else value) and len(calls) >= 2
