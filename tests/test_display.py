"""helpers.display: tables that fit, prose, readable codes, and data text made inert."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import display
from helpers.display import escape_html, escape_md, label, prose, table

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "**bold** _it_ `code` $x$ | pipe",
    "1. starts a list",
    "- starts a list",
    "# heading",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_escape_html_leaves_no_markup(payload):
    out = escape_html(payload)
    assert "<" not in out and ">" not in out and '"' not in out


@pytest.mark.parametrize("payload", HOSTILE)
def test_escape_md_leaves_no_markup(payload):
    out = escape_md(payload)
    assert "<" not in out and ">" not in out
    for ch in "*_`[]$|#":
        assert f"{ch}" not in out.replace(f"\\{ch}", "")
    assert not out.startswith(("1.", "-", "#"))


def test_escape_md_joins_lines_so_a_value_cannot_start_a_list():
    assert escape_md("end of\n2017) plus") == "end of 2017) plus"
    assert escape_md("2017) plus") == "2017\\) plus"


def test_label_reads_codes_as_words_and_leaves_prose_alone():
    assert label("without_vote") == "without a vote"
    assert label("abductees_detainees_pows") == "abductees detainees POWs"
    assert label("us;rok;japan") == "United States, ROK, Japan"
    assert label("Already words") == "Already words"
    assert label(float("nan")) == "" and label(None) == ""


def test_register_labels_rejects_empty_words():
    with pytest.raises(ValueError, match="maps a code to words"):
        display.register_labels({"x_code": " "})


def test_table_html_is_escaped_wraps_and_labels():
    df = pd.DataFrame({"vote_method": ["without_vote"], "note": ["<b>x</b>"], "yes": [float("nan")]})
    html = table(df, codes=["vote_method"], caption="<i>c</i>")._repr_html_()
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "&lt;i&gt;c&lt;/i&gt;" in html
    assert ">without a vote<" in html and ">vote method<" in html
    assert 'scope="col"' in html and "white-space:normal" in html


def test_table_plain_text_fits_the_width():
    df = pd.DataFrame({"a": ["word " * 60], "b": ["x" * 300], "c": [1]})
    lines = repr(table(df)).splitlines()
    assert max(len(line) for line in lines) <= display.TEXT_WIDTH
    assert "".join(lines).count("x") == 300  # wrapped, nothing cut


def test_table_names_a_missing_column_and_says_when_rows_are_cut():
    df = pd.DataFrame({"a": range(5)})
    with pytest.raises(KeyError, match="no column 'b'; the columns are a"):
        table(df, codes=["b"])
    assert "2 of 5 rows shown" in repr(table(df, max_rows=2))
    with pytest.raises(TypeError, match="DataFrame or Series"):
        table([1, 2])


def test_prose_keeps_markdown_and_wraps_plain_text():
    p = prose("**a** " + "word " * 50)
    assert p._repr_markdown_().startswith("**a**")
    assert max(len(line) for line in repr(p).splitlines()) <= display.TEXT_WIDTH


def test_citations_lists_each_source_once_with_the_datasets_that_use_it():
    a = pd.DataFrame({"source_ids": ["joint-statement-2024", "joint-statement-2024;un-coi-report-2014"]})
    b = pd.DataFrame({"source_ids": ["un-coi-report-2014"]})
    t = display.citations({"first": a, "second": b})
    assert t.headers == ["No.", "Source id", "Reference", "Used in"]
    assert [row[1] for row in t.cells] == ["joint-statement-2024", "un-coi-report-2014"]
    assert t.cells[1][3] == "first, second"
    assert max(len(line) for line in repr(t).splitlines()) <= display.TEXT_WIDTH
    assert display.citations(b).headers == ["No.", "Source id", "Reference"]


def test_numbered_paragraphs_wrap_and_never_become_a_list():
    p = display.numbered(["first *para*", "2017) second " + "word " * 40], start=0)
    md = p._repr_markdown_()
    assert md.startswith("**[0]** first \\*para\\*") and "**[1]** 2017\\) second" in md
    assert max(len(line) for line in repr(p).splitlines()) <= display.TEXT_WIDTH


def test_lines_keeps_line_breaks_escapes_and_wraps():
    p = display.lines("III.E  Title\n1. not a list <b>\n" + "long " * 40)
    md = p._repr_markdown_()
    assert md.count("  \n") == 2 and "1\\. not a list &lt;b&gt;" in md
    assert max(len(line) for line in repr(p).splitlines()) <= display.TEXT_WIDTH
    with pytest.raises(TypeError):
        display.lines(None)  # type: ignore[arg-type]


def test_widget_style_gives_descriptions_their_full_width():
    assert display.widget_style() == {"description_width": "initial"}
    pytest.importorskip("ipywidgets")
    layout = display.widget_layout("30em")
    assert layout.width == "30em" and layout.min_width == "18em"


def test_year_range_writes_the_chosen_years_in_full():
    pytest.importorskip("ipywidgets")
    box = display.year_range(1998, 2025)
    assert box.slider.readout is False and box.readout.value == "1998 – 2025"
    box.slider.value = (2012, 2012)
    assert box.readout.value == "2012"
