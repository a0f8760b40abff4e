"""tools/teaching_metrics.py: the reading level and the time model behind the teacher guide's figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import teaching_metrics as tm


@pytest.mark.parametrize(
    ("word", "n"),
    [
        ("cat", 1),
        ("statement", 2),
        ("commitment", 3),
        ("abductees", 3),
        ("accountability", 6),
        ("little", 2),
        ("made", 1),
        ("voted", 2),
        ("2024", 1),
    ],
)
def test_syllables(word: str, n: int) -> None:
    assert tm.syllables(word) == n


def test_flesch_kincaid_by_hand() -> None:
    # 6 words, 1 sentence, 6 syllables: 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45
    assert tm.flesch_kincaid_grade("The cat sat on the mat.") == pytest.approx(-1.45)
    # two sentences of 3 words, 3 syllables each: 0.39 * 3 + 11.8 - 15.59
    assert tm.flesch_kincaid_grade("The cat sat. The dog ran.") == pytest.approx(0.39 * 3 + 11.8 - 15.59)
    long = "Accountability for international humanitarian violations necessitates comprehensive documentation."
    assert tm.flesch_kincaid_grade(long) > 20
    with pytest.raises(ValueError):
        tm.flesch_kincaid_grade("   ")


def test_sentences_join_wrapped_lines_but_split_paragraphs_and_items() -> None:
    md = "A sentence that is\nwrapped over two lines. A second one.\n\n- an item\n- another item\n\n# A heading"
    assert tm.sentences(tm.clean_markdown(md)) == [
        "A sentence that is\nwrapped over two lines.",
        "A second one.",
        "an item",
        "another item",
        "A heading",
    ]


def test_clean_markdown_drops_code_links_tables_and_html() -> None:
    md = (
        "Read `helpers.load` and [the report](https://x.org/a).\n\n"
        "| a | b |\n|---|---|\n\n"
        "```python\nx = 1\n```\n<b>bold</b>"
    )
    text = tm.clean_markdown(md)
    assert "helpers" not in text and "https" not in text and "x = 1" not in text and "|" not in text
    assert "the report" in text and "bold" in text


def _notebook(tmp_path: Path, stem: str, prose_words: int) -> Path:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [" ".join(["word"] * prose_words) + "."]},
        {"cell_type": "markdown", "metadata": {}, "source": ["**Try this.** Do it.\n\n**Question.** Why?"]},
        {
            "cell_type": "code",
            "metadata": {},
            "source": ['helpers.check("09-topic-most", answer)'],
            "outputs": [{"output_type": "stream", "name": "stdout", "text": " ".join(["out"] * 300)}],
        },
        {
            "cell_type": "code",
            "metadata": {"tags": ["nbval-ignore-output"]},
            "source": ["w()"],
            "outputs": [{"output_type": "stream", "name": "stdout", "text": " ".join(["widget"] * 1000)}],
        },
        {
            "cell_type": "code",
            "metadata": {},
            "source": ['helpers.check("10-assessment", answer)'],
            "outputs": [{"output_type": "display_data", "data": {"text/markdown": " ".join(["card"] * 150)}}],
        },
    ]
    path = tmp_path / f"{stem}.ipynb"
    path.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    return path


def test_counts_and_estimate_by_hand(tmp_path: Path) -> None:
    path = _notebook(tmp_path, "05_x", 1500)
    c = tm.counts(path)
    assert (c.code_cells, c.exercises, c.free_text_words, c.try_this, c.written, c.widgets) == (3, 1, (250,), 1, 1, 1)
    assert c.read_output_words == 150 and c.skim_output_words == 300  # the widget's read-out is not counted
    m = tm.TIME_MODEL
    minutes = (
        (1500 + 6 + 150 + m["skim_share"] * 300) / m["words_per_minute"]  # prose incl. the prompt words
        + 3 * m["minutes_per_code_cell"]
        + m["minutes_per_exercise"]
        + m["free_text_base"]
        + 250 / m["free_text_words_per_minute"]
        + m["minutes_per_written"]
        + m["minutes_per_try_this"]
        + m["minutes_per_widget"]
    )
    assert tm.estimate_minutes(path) == 5 * -(-minutes // 5)


def test_slower_reading_means_more_time(tmp_path: Path) -> None:
    path = _notebook(tmp_path, "05_x", 3000)
    assert tm.estimate_minutes(path, {"words_per_minute": 75}) > tm.estimate_minutes(path)


def test_planned_minutes_never_below_the_measured_time(tmp_path: Path) -> None:
    short = _notebook(tmp_path, "10_capstone", 10)
    assert tm.estimate_minutes(short) < 150 == tm.planned_minutes(short)


def test_real_notebooks_have_plausible_figures() -> None:
    rows = tm.grade_table(sorted((ROOT / "notebooks").glob("[01][0-9]_*.ipynb")))
    assert len(rows) == 11
    for stem, words, grade in rows:
        assert words > 500 and 4 < grade < 14, (stem, words, grade)
    statement = (ROOT / "data" / "joint_statement_2024-10-18.txt").read_text(encoding="utf-8").replace("\n", "\n\n")
    assert tm.flesch_kincaid_grade(statement) > 15  # the statement is much harder than the notebooks
