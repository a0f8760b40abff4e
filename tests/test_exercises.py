"""The exercise mechanism: feedback for every answer kind, and one answer key for all."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

import helpers
from conftest import ROOT, notebook_paths
from helpers import exercises as ex


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    (tmp_path / "99.toml").write_text(
        """
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
normalize = ["article"]
aliases = { "United States" = ["USA", "US"], "Republic of Korea" = ["ROK"] }
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
aliases = { urge = ["the international community"] }
hint = "Who is the subject?"
explanation = "Grammar."

[[exercise]]
id = "99-status"
prompt = "Classify."
kind = "mapping"
answer = {a = "provisional", b = "final"}
values = ["provisional", "final", "revised"]
hint = "Status column."
explanation = "Yes."

[[exercise]]
id = "99-rec"
prompt = "Match."
kind = "mapping"
answer = {C07 = "89n", C04 = "93"}
normalize = ["rec_id"]
hint = "Paragraph 89."
explanation = "Yes."

[[exercise]]
id = "99-numbers"
prompt = "Rate."
kind = "mapping"
answer = {C02 = 2, C04 = 4}
values = [1, 2, 3, 4]
hint = "Scale."
explanation = "Yes."

[[exercise]]
id = "99-percent"
prompt = "What percentage were women?"
kind = "number"
answer = 89.0
tolerance = 0.1
hint = "Divide and multiply by 100."
explanation = "210 of 236."

[[exercise]]
id = "99-letter"
prompt = "Which letter?"
kind = "choice"
choices = ["a", "b"]
answer = "b"
hint = "Read (b)."
explanation = "(b)."

[[exercise]]
id = "99-essay"
prompt = "Assess."
kind = "free"
answer = "The COI asked for it [joint-statement-2024]."
min_words = 5
max_words = 40
requires = ["coi", "source_id"]
hint = "Name the COI and a source."
explanation = "Good."

[[exercise]]
id = "99-free"
prompt = "Assess."
kind = "free"
answer = "A model answer."
min_words = 5
keywords = ["evidence"]
hint = "Use the data."
explanation = "Look for evidence, a counter-argument and a source."
""",
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
    assert ex.feedback("99-set", [None, None]).correct is None
    assert ex.feedback("99-map", {"urge": None, "intend": None}).correct is None


def test_number(key) -> None:
    assert ex.is_correct("99-number", 236) and ex.is_correct("99-number", 236.4) and ex.is_correct("99-number", "236")
    assert ex.is_correct("99-number", " 236 ") and not ex.is_correct("99-number", 242)
    assert "expected a number, got the text 'many'" in ex.feedback("99-number", "many").message
    assert not ex.is_correct("99-number", True) and not ex.is_correct("99-number", float("nan"))


def test_percent_strings_and_fractions(key) -> None:
    assert (
        ex.is_correct("99-percent", 89) and ex.is_correct("99-percent", "89.0%") and ex.is_correct("99-percent", "89 %")
    )
    fb = ex.feedback("99-percent", 0.89)
    assert not fb and "0.89 looks like a fraction: give the percentage (89.0)" in fb.message
    assert "looks like a fraction" not in ex.feedback("99-percent", 0.5).message
    assert "looks like a fraction" not in ex.feedback("99-number", 2.36).message  # not a percentage


def test_text_and_accept(key) -> None:
    assert ex.is_correct("99-text", " 2024-10-18 ") and ex.is_correct("99-text", "18 october 2024.")
    fb = ex.feedback("99-text", "2024-10-19")
    assert not fb and fb.message.endswith("Hint: First sentence.")
    assert "expected a single answer" in ex.feedback("99-text", ["2024-10-18"]).message


def test_dates_as_objects_and_common_slips(key) -> None:
    import datetime

    import pandas as pd

    assert ex.is_correct("99-text", datetime.date(2024, 10, 18)) and ex.is_correct(
        "99-text", pd.Timestamp("2024-10-18")
    )
    assert ex.is_correct("99-text", datetime.datetime(2024, 10, 18))
    assert not ex.is_correct("99-text", datetime.date(2024, 10, 19))
    assert "without quotes Python reads a date as a subtraction" in ex.feedback("99-text", 2024 - 10 - 18).message
    assert "another order: write the year first" in ex.feedback("99-text", "18-10-2024").message


def test_choice(key) -> None:
    assert ex.is_correct("99-choice", "URGE")
    assert "choose one of: reaffirm, urge, intend" in ex.feedback("99-choice", "demand").message
    assert not ex.is_correct("99-choice", "intend")
    assert (
        ex.is_correct("99-letter", "(b)") and ex.is_correct("99-letter", "B") and not ex.is_correct("99-letter", "(a)")
    )


def test_set_names_unexpected_and_duplicates(key) -> None:
    assert ex.is_correct("99-set", ["japan", "United States", "Republic of Korea"])
    assert ex.is_correct("99-set", ["the USA", "ROK", "Japan"])
    msg = ex.feedback("99-set", ["Japan", "United States", "China"]).message
    assert "2 of 3 found; not expected: 'China'; 1 still missing" in msg
    msg = ex.feedback("99-set", ["US", "USA", "Japan"]).message
    assert "'US' and 'USA' name the same item" in msg and "1 still missing" in msg
    assert "expected a list" in ex.feedback("99-set", "Japan").message


def test_sequence(key) -> None:
    assert ex.is_correct("99-seq", ["COI", "Camp David", "statement"])
    assert "position 2, 3 are out of order" not in ex.feedback("99-seq", ["COI", "statement", "Camp David"]).message
    assert "positions 2, 3 are out of order" in ex.feedback("99-seq", ["COI", "statement", "Camp David"]).message
    msg = ex.feedback("99-seq", ["COI", "Camp David"]).message
    assert "2 of 3 found" in msg and "1 still missing" in msg
    assert "not expected: 'Yalta'" in ex.feedback("99-seq", ["COI", "Camp David", "Yalta"]).message


def test_mapping_names_each_key(key) -> None:
    assert ex.is_correct("99-map", {"Urge": "International community", "intend": "We"})
    assert ex.is_correct("99-map", {"urge": "the international community", "intend": "we"})  # an alias
    msg = ex.feedback("99-map", {"urge": "we", "intend": "we"}).message
    assert "1 of 2 right; not yet right: urge" in msg
    msg = ex.feedback("99-map", {"urge": "international community"}).message
    assert "no answer yet for: intend" in msg
    msg = ex.feedback("99-map", {"urge": "international community", "intend": "we", "assert": "we"}).message
    assert "not asked for: 'assert'" in msg
    msg = ex.feedback("99-map", {"urge": "international community", "intend": None}).message
    assert "no answer yet for: intend" in msg and "Not answered" not in msg
    assert "expected a dict" in ex.feedback("99-map", [("urge", "we")]).message


def test_mapping_values_outside_the_allowed_ones(key) -> None:
    msg = ex.feedback("99-status", {"a": "provisonal", "b": "final"}).message
    assert "'provisonal' (for a) is not one of: provisional, final, revised; did you mean 'provisional'?" in msg
    assert ex.is_correct("99-status", {"a": "Provisional", "b": "final"})
    assert "not yet right: b" in ex.feedback("99-status", {"a": "provisional", "b": "revised"}).message


def test_rec_id_normalisation(key) -> None:
    for form in ("89n", "89(n)", "89 n", "89 (n)", "para 89(n)", "Para. 89 (n)", "paragraph 89n", "89.n"):
        assert ex.is_correct("99-rec", {"C07": form, "C04": "93"}), form
    assert ex.is_correct("99-rec", {"C07": "89n", "C04": "para 93"})
    assert not ex.is_correct("99-rec", {"C07": "89(o)", "C04": "93"})


def test_mapping_numbers(key) -> None:
    assert ex.is_correct("99-numbers", {"C02": 2, "C04": "4"}) and ex.is_correct("99-numbers", {"C02": 2.0, "C04": 4})
    assert "not yet right: C04" in ex.feedback("99-numbers", {"C02": 2, "C04": 3}).message


def test_free(key) -> None:
    assert "3 words so far; write at least 5" in ex.feedback("99-free", "too short here").message
    assert "mention evidence" in ex.feedback("99-free", "one two three four five six").message
    fb = ex.feedback("99-free", "The evidence in the data shows a clear fall.")
    assert fb and fb.message.startswith("\u2713 [99-free] Recorded (9 words)")


def test_free_requirements_look_for_what_is_asked(key) -> None:
    good = "The Commission of Inquiry asked for a contact group; see joint-statement-2024 for the wording."
    assert ex.is_correct("99-essay", good)
    assert ex.is_correct("99-essay", good.replace("Commission of Inquiry", "COI"))
    assert ex.is_correct("99-essay", good.replace("Commission of Inquiry", "commission of inquiry"))
    msg = ex.feedback("99-essay", good.replace("joint-statement-2024", "the statement")).message
    assert "cite at least one source id" in msg and "Commission" not in msg.split("Hint")[0]
    msg = ex.feedback("99-essay", good.replace("Commission of Inquiry", "UN")).message
    assert "name the Commission of Inquiry" in msg
    msg = ex.feedback("99-essay", good + " Also made-up-2024-01-01-x.").message
    assert "not in data/sources.csv: made-up-2024-01-01-x" in msg
    assert "shorten it to at most 40" in ex.feedback("99-essay", good + " word" * 40).message


def test_feedback_renders_right_and_wrong_differently(key) -> None:
    right, wrong, blank = (
        ex.feedback("99-text", "2024-10-18"),
        ex.feedback("99-text", "1999"),
        ex.feedback("99-text", None),
    )
    assert right.message.startswith("\u2713 [99-text] Correct.") and "\u2713" in right._repr_html_()
    assert wrong.message.startswith("\u2717 [99-text] Not yet.") and "\u2717" in wrong._repr_html_()
    assert repr(right) == right.message and str(wrong) == wrong.message
    assert right._repr_html_() != wrong._repr_html_() != blank._repr_html_()
    assert "#1a7f37" in right._repr_html_() and "#a4161a" in wrong._repr_html_()


def test_feedback_html_reads_like_its_text(key) -> None:
    # the browser test looks for "[id] Not answered yet" in the rendered page
    html = ex.feedback("99-text", None)._repr_html_()
    assert "[99-text]</span> <strong>Not answered yet:</strong>" in html


def test_feedback_escapes_echoed_answers(key) -> None:
    html = ex.feedback("99-set", ["<script>alert(1)</script>", "Japan"])._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_check_prints(key, capsys: pytest.CaptureFixture[str]) -> None:
    assert ex.check("99-number", 236) is None
    assert capsys.readouterr().out == "\u2713 [99-number] Correct. 26 + 210.\n"


def test_unknown_exercise_suggests(key) -> None:
    with pytest.raises(helpers.UnknownExerciseError, match="Did you mean '99-number'"):
        ex.feedback("99-numbr", 1)
    with pytest.raises(TypeError):
        ex.exercise(99)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[exercise]]\nid = "x"\n', "missing prompt, kind, answer, hint, explanation"),
        (
            '[[exercise]]\nid="x"\nprompt="p"\nkind="essay"\nanswer="a"\nhint="h"\nexplanation="e"\n',
            "kind 'essay' is not one of",
        ),
        (
            '[[exercise]]\nid="x"\nprompt="p"\nkind="choice"\nchoices=["b"]\nanswer="a"\nhint="h"\nexplanation="e"\n',
            "answer is not among its choices",
        ),
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


# Every variant the answer key accepts, and one wrong answer per exercise, derived from the
# TOML files: a variant added to the key is tested without touching this file.

REC_FORMS = ("{p}({i})", "{p} {i}", "{p}{i}", "para {p}({i})", "Para. {p} ({i})")


def _rec_forms(rec: str) -> list[str]:
    m = re.fullmatch(r"(\d+)([a-z]?)", rec)
    assert m, rec
    p, i = m.groups()
    if not i:
        return [p, f"para {p}", f"Para. {p}", f"paragraph {p}"]
    return [f.format(p=p, i=i) for f in REC_FORMS]


def accepted_variants(entry: dict) -> list[object]:
    """Every answer the key says must pass, besides the stored answer itself."""
    kind, answer = entry["kind"], entry["answer"]
    out: list[object] = []
    if kind in ("text", "choice"):
        out += list(entry.get("accept", []))
        out += [f"  {str(answer).upper()}.  "]  # capitals, spaces and a final full stop never matter
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(answer)):
            import datetime

            import pandas as pd

            out += [datetime.date.fromisoformat(answer), pd.Timestamp(answer)]
    if kind == "number":
        out += [str(answer)]
        if ex.is_percent(entry):
            out += [f"{answer}%"]
    if kind in ("set", "sequence"):
        for item, names in entry.get("aliases", {}).items():
            for name in names:
                out.append([name if a == item else a for a in answer])
                if "article" in entry.get("normalize", []):
                    out.append([f"the {name}" if a == item else a for a in answer])
        if kind == "set":
            out.append(list(reversed(answer)))
    if kind == "mapping":
        for key, names in entry.get("aliases", {}).items():
            out += [{**answer, key: name} for name in names]
        if "rec_id" in entry.get("normalize", []):
            for key, rec in answer.items():
                out += [{**answer, key: form} for form in _rec_forms(str(rec))]
        out.append({str(k).lower(): v for k, v in answer.items()})
    return out


def a_wrong_answer(entry: dict) -> object:
    kind, answer = entry["kind"], entry["answer"]
    if kind == "number":
        return float(answer) + float(entry.get("tolerance", 0)) + 1
    if kind == "text":
        return str(answer) + " and something else"
    if kind == "choice":
        return next(c for c in entry["choices"] if c != answer)
    if kind == "set":
        return list(answer[:-1]) + ["Atlantis"]
    if kind == "sequence":
        return list(reversed(answer))
    if kind == "mapping":
        first = next(iter(answer))
        values = [v for v in entry.get("values", []) if str(v) != str(answer[first])]
        return {**answer, first: values[0] if values else "a wrong value"}
    return "Far too short."


KEY = ex.answer_key()


@pytest.mark.parametrize("eid", list(KEY))
def test_every_accepted_variant_passes(eid: str) -> None:
    for variant in accepted_variants(KEY[eid]):
        fb = ex.feedback(eid, variant)
        assert fb.correct, f"{eid}: {variant!r} is accepted by the key but fails: {fb.message}"


@pytest.mark.parametrize("eid", list(KEY))
def test_a_wrong_answer_fails_with_a_hint(eid: str) -> None:
    wrong = a_wrong_answer(KEY[eid])
    fb = ex.feedback(eid, wrong)
    assert fb.correct is False, f"{eid}: the wrong answer {wrong!r} passes"
    assert fb.message.startswith("\u2717") and "Hint:" in fb.message
    if KEY[eid]["kind"] == "mapping":
        assert "not yet right" in fb.message or "is not one of" in fb.message, fb.message


@pytest.mark.parametrize("eid", [e for e, v in KEY.items() if ex.is_percent(v)])
def test_percent_exercises_explain_a_fraction(eid: str) -> None:
    fraction = float(KEY[eid]["answer"]) / 100
    assert "looks like a fraction: give the percentage" in ex.feedback(eid, fraction).message


def test_the_trial_answers_now_pass() -> None:
    """The answers the student trial saw rejected (research/trials/student-trial.md, problem 1)."""
    for names in (
        ["USA", "ROK", "Japan"],
        ["US", "Republic of Korea", "Japan"],
        ["United States of America", "Republic of Korea", "Japan"],
        ["the United States", "the Republic of Korea", "Japan"],
        ["U.S.", "South Korea", "Japan"],
    ):
        assert ex.is_correct("00-three-governments", names), names
    assert ex.is_correct("01-verbs", {"C02": "urge", "C12": "supports", "C13": "concurred", "C16": "reiterated"})
    assert ex.is_correct("03-match-coi", {"C04": "93", "C07": "89(n)", "C11": "para 89(o)", "C12": "94(h)"})
    assert ex.is_correct("06-female-share-2024", "89.0%")
    msg = ex.feedback("06-classify-versions", {"2,952 for 2009 (January 2010)": "provisonal"}).message
    assert "'provisonal' (for 2,952 for 2009 (January 2010)) is not one of: provisional, revised, other" in msg
    assert ex.is_correct("08-why-no-votes", "(b)")
    essay = (
        "The statement's wording is weak: Japan only supports a contact group. The Commission of Inquiry, in "
        "paragraph 94(h), asked for a contact group of States friendly to the DPRK and donors. "
    ) * 4
    assert ex.is_correct("03-assessment", essay + "See joint-statement-2024.")
    assert "source id" in ex.feedback("03-assessment", essay).message
    assert 'such as "C01"' in ex.feedback("10-single-government", "Japan").message


def test_capstone_and_exercise_checker_agree() -> None:
    from helpers import capstone

    model = KEY["10-assessment"]["answer"]
    for text in (model, model[:400], model.replace("However", "And"), "word " * 300):
        assert capstone.check_assessment(text).ok == ex.is_correct("10-assessment", text), text[:60]


def test_teacher_answer_key_is_in_step() -> None:
    spec = importlib.util.spec_from_file_location("answer_key_tool", ROOT / "tools" / "answer_key.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    target = ROOT / "teacher-guide" / "answer-key.md"
    assert target.exists(), "teacher-guide/answer-key.md is missing: run `make answer-key`"
    assert target.read_text(encoding="utf-8") == tool.render(), (
        "teacher-guide/answer-key.md is out of date: run `make answer-key`"
    )
    for eid in ex.answer_key():
        assert f"`{eid}`" in target.read_text(encoding="utf-8")
