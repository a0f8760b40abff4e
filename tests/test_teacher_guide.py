"""The teacher guide covers every notebook and every exercise, and reads on its own."""

from __future__ import annotations

import re

import pytest

import helpers
from conftest import ROOT

GUIDE = ROOT / "teacher-guide"
PAGES = ["README.md", "lesson-plans.md", "discussion-notes.md", "safeguarding.md", "capstone-rubric.md", "answer-key.md"]


@pytest.mark.parametrize("page", PAGES)
def test_page_exists_with_a_title(page: str) -> None:
    text = (GUIDE / page).read_text(encoding="utf-8")
    assert text.startswith("# "), f"{page} must open with a title"


def test_index_links_every_page() -> None:
    index = (GUIDE / "README.md").read_text(encoding="utf-8")
    for page in PAGES[1:]:
        assert f"]({page})" in index, f"teacher-guide/README.md does not link {page}"


@pytest.mark.parametrize("notebook", helpers.collection.NOTEBOOKS, ids=lambda n: n.stem)
def test_discussion_notes_cover_every_notebook(notebook) -> None:
    notes = (GUIDE / "discussion-notes.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {notebook.number} ", notes, re.M), f"discussion-notes.md has no '## {notebook.number} ...' section"


@pytest.mark.parametrize("notebook", helpers.collection.NOTEBOOKS, ids=lambda n: n.stem)
def test_lesson_plans_use_every_notebook(notebook) -> None:
    plans = (GUIDE / "lesson-plans.md").read_text(encoding="utf-8")
    assert f"{notebook.stem}" in plans, f"lesson-plans.md never uses {notebook.stem}"


def test_lesson_plan_timings_add_up() -> None:
    """Each plan's table of timings sums to the length it announces (e.g. 'Total: 50 minutes')."""
    plans = (GUIDE / "lesson-plans.md").read_text(encoding="utf-8")
    blocks = re.split(r"^### ", plans, flags=re.M)[1:]
    assert len(blocks) >= 5, "expected one '###' block per session: 1 class + 3 seminars + the self-paced route"
    for block in blocks:
        title = block.splitlines()[0]
        total = re.search(r"Total: (\d+) minutes", block)
        assert total, f"session '{title}' does not state 'Total: N minutes'"
        minutes = [int(m) for m in re.findall(r"^\|[^|\n]*\|[^|\n]*\| (\d+) \|", block, re.M)]
        assert minutes and sum(minutes) == int(total.group(1)), f"session '{title}': rows sum to {sum(minutes)}, stated {total.group(1)}"


def test_answer_key_covers_every_exercise() -> None:
    key = (GUIDE / "answer-key.md").read_text(encoding="utf-8")
    missing = [eid for eid in helpers.exercises.answer_key() if f"### `{eid}`" not in key]
    assert not missing, f"answer-key.md lacks {missing}: run `make answer-key`"
