"""The exercise mechanism: feedback for every answer kind, and one answer key for all."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

import helpers
from helpers import exercises as ex
from conftest import ROOT, notebook_paths


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    (tmp_path / "99.toml").write_text(
        '''
[[exercise]]
id = "99-number"
prompt = "How many?"
kind = "number"
answer = 236
tolerance = 0.5
hint = "Add them up."
explanation = "26 + 210."

[[exercise]]
id = "99-text"
prompt = "When?"
kind = "text"
answer = "2024-10-18"
accept = ["18 October 2024"]
hint = "First sentence."
explanation = "The date opens the statement."

[[exercise]]
id = "99-choice"
prompt = "Which verb?"
kind = "choice"
choices = ["reaffirm", "urge", "intend"]
answer = "urge"
hint = "Third paragraph."
explanation = "They urge the international community."

[[exercise]]
id = "99-set"
prompt = "Which three?"
kind = "set"
answer = ["United States", "Republic of Korea", "Japan"]
hint = "The title."
explanation = "The three governments."

[[exercise]]
id = "99-seq"
prompt = "Order them."
kind = "sequence"
answer = ["COI", "Camp David", "statement"]
hint = "Dates."
explanation = "2014, 2023, 2024."

[[exercise]]
id = "99-map"
prompt = "Match."
kind = "mapping"
answer = {urge = "international community", intend = "we"}
hint = "Who is the subject?"
explanation = "Grammar."

[[exercise]]
id = "99-free"
prompt = "Assess."
kind = "free"
answer = "A model answer."
min_words = 5
keywords = ["evidence"]
hint = "Use the data."
explanation = "Look for evidence, a counter-argument and a source."
''',
        encoding="utf-8",
    )
    monkeypatch.setattr(ex, "KEY_DIR", tmp_path)
    ex.answer_key.cache_clear()
    yield
    ex.answer_key.cache_clear()


def test_unanswered(key) -> None:
    for blank in (None, ..., "", "   "):
        fb = ex.feedback("99-text", blank)
        assert fb.correct is None and "Not answered yet" in fb.message and not fb


def test_number(key) -> None:
    assert ex.is_correct("99-number", 236) and ex.is_correct("99-number", 236.4) and ex.is_correct("99-number", "236")
    assert not ex.is_correct("99-number", 242)
    assert "expected a number, got str" in ex.feedback("99-number", "many").message
    assert not ex.is_correct("99-number", True)


def test_text_and_accept(key) -> None:
    assert ex.is_correct("99-text", " 2024-10-18 ") and ex.is_correct("99-text", "18 october 2024.")
    fb = ex.feedback("99-text", "2024-10-19")
    assert not fb and fb.message.endswith("Hint: First sentence.")
    assert "expected a single answer" in ex.feedback("99-text", ["2024-10-18"]).message


def test_choice(key) -> None:
    assert ex.is_correct("99-choice", "URGE")
    assert "choose one of: reaffirm, urge, intend" in ex.feedback("99-choice", "demand").message
    assert not ex.is_correct("99-choice", "intend")


def test_set_and_sequence(key) -> None:
    assert ex.is_correct("99-set", ["japan", "United States", "Republic of Korea"])
    assert "2 of 3 expected items found; 1 not expected" in ex.feedback("99-set", ["Japan", "United States", "China"]).message
    assert "expected a list" in ex.feedback("99-set", "Japan").message
    assert ex.is_correct("99-seq", ["COI", "Camp David", "statement"])
    assert "position 2 is not" in ex.feedback("99-seq", ["COI", "statement", "Camp David"]).message
    assert "exactly these 3 items" in ex.feedback("99-seq", ["COI", "Camp David"]).message


def test_mapping(key) -> None:
    assert ex.is_correct("99-map", {"Urge": "International community", "intend": "We"})
    assert "1 of 2 pairs right" in ex.feedback("99-map", {"urge": "we", "intend": "we"}).message
    assert "expected a dict" in ex.feedback("99-map", [("urge", "we")]).message


def test_free(key) -> None:
    assert "3 words so far; write at least 5" in ex.feedback("99-free", "too short here").message
    assert "does not yet mention: evidence" in ex.feedback("99-free", "one two three four five six").message
    fb = ex.feedback("99-free", "The evidence in the data shows a clear fall.")
    assert fb and fb.message.startswith("[99-free] Recorded (9 words)")


def test_check_prints(key, capsys: pytest.CaptureFixture[str]) -> None:
    assert ex.check("99-number", 236) is None
    assert capsys.readouterr().out == "[99-number] Correct. 26 + 210.\n"


def test_unknown_exercise_suggests(key) -> None:
    with pytest.raises(helpers.UnknownExerciseError, match="Did you mean '99-number'"):
        ex.feedback("99-numbr", 1)
    with pytest.raises(TypeError):
        ex.exercise(99)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "body, message",
    [
        ('[[exercise]]\nid = "x"\n', "missing prompt, kind, answer, hint, explanation"),
        ('[[exercise]]\nid="x"\nprompt="p"\nkind="essay"\nanswer="a"\nhint="h"\nexplanation="e"\n', "kind 'essay' is not one of"),
        ('[[exercise]]\nid="x"\nprompt="p"\nkind="choice"\nchoices=["b"]\nanswer="a"\nhint="h"\nexplanation="e"\n', "answer is not among its choices"),
        ("[[exercise]\n", "not valid TOML"),
    ],
)
def test_malformed_answer_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "98.toml").write_text(body, encoding="utf-8")
    monkeypatch.setattr(ex, "KEY_DIR", tmp_path)
    ex.answer_key.cache_clear()
    try:
        with pytest.raises(ex.AnswerKeyError, match=re.escape(message)):
            ex.answer_key()
    finally:
        ex.answer_key.cache_clear()


# ------------------------------------------------------- the real answer key

CHECK_CALL = re.compile(r"""helpers\.check\(\s*["']([^"']+)["']""")


def notebook_exercise_ids() -> list[str]:
    ids = []
    for path in notebook_paths():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                ids += CHECK_CALL.findall("".join(cell["source"]))
    return ids


def test_real_answer_key_is_valid_and_every_entry_is_used() -> None:
    key = ex.answer_key()
    used = set(notebook_exercise_ids())
    unused = sorted(set(key) - used)
    assert not unused, f"answer-key entries that no notebook uses: {unused}"
    missing = sorted(used - set(key))
    assert not missing, f"exercises with no answer-key entry: {missing}"


def test_every_model_answer_passes_its_own_check() -> None:
    for eid, entry in ex.answer_key().items():
        assert ex.is_correct(eid, entry["answer"]), f"{eid}: the stored answer does not pass its own check"


def test_teacher_answer_key_is_in_step() -> None:
    spec = importlib.util.spec_from_file_location("answer_key_tool", ROOT / "tools" / "answer_key.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    target = ROOT / "teacher-guide" / "answer-key.md"
    assert target.exists(), "teacher-guide/answer-key.md is missing: run `make answer-key`"
    assert target.read_text(encoding="utf-8") == tool.render(), "teacher-guide/answer-key.md is out of date: run `make answer-key`"
    for eid in ex.answer_key():
        assert f"`{eid}`" in target.read_text(encoding="utf-8")
