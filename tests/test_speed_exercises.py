"""A notebook's exercise is read from its own key file (issue 13): the same entry as the whole key gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import exercises as ex

ENTRY = """
[[exercise]]
id = "{id}"
prompt = "Which year?"
kind = "number"
answer = {answer}
hint = "Look at the table."
explanation = "The table says so."
"""


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch):
    ex.answer_key.cache_clear()
    yield monkeypatch
    ex.answer_key.cache_clear()


def test_every_entry_read_from_its_own_file_is_the_whole_keys_entry(fresh) -> None:
    whole = ex.answer_key()
    for eid, entry in whole.items():
        ex.answer_key.cache_clear()
        assert ex.exercise(eid) == entry
        assert ex.answer_key.cache_info().currsize == 0, "the own-file path was not taken"


def test_a_changed_key_file_is_read_anew(fresh, tmp_path: Path) -> None:
    fresh.setattr(ex, "KEY_DIR", tmp_path)
    path = tmp_path / "98.toml"
    path.write_text(ENTRY.format(id="98-year", answer=1950), encoding="utf-8")
    assert ex.exercise("98-year")["answer"] == 1950
    path.write_text(ENTRY.format(id="98-year", answer=1953), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    assert ex.exercise("98-year")["answer"] == 1953
    assert ex.feedback("98-year", 1953).correct


def test_errors_in_the_own_file_and_unknown_ids_are_still_named(fresh, tmp_path: Path) -> None:
    fresh.setattr(ex, "KEY_DIR", tmp_path)
    (tmp_path / "97.toml").write_text(ENTRY.format(id="97-a", answer=1) + ENTRY.format(id="97-a", answer=2))
    with pytest.raises(ex.AnswerKeyError, match="used twice"):
        ex.exercise("97-a")
    (tmp_path / "97.toml").write_text('[[exercise]]\nid = "97-b"\nkind = "number"\n', encoding="utf-8")
    with pytest.raises(ex.AnswerKeyError, match="missing"):
        ex.exercise("97-b")
    (tmp_path / "97.toml").write_text(ENTRY.format(id="97-c", answer=3), encoding="utf-8")
    with pytest.raises(ex.UnknownExerciseError):
        ex.exercise("97-d")  # not in its file: the whole key is read, and the error lists what there is
    assert ex.exercise("97-c")["answer"] == 3
