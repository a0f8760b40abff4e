"""Exercises with immediate feedback, from one answer key.

Every exercise in every notebook has one entry in ``helpers/exercises/NN.toml``
(one file per notebook; together they are the single answer key). Notebooks call
:func:`check`, which prints feedback; the teacher guide's answer key is generated
from the same files by ``tools/answer_key.py``, and a test keeps the two in step.

An entry looks like this::

    [[exercise]]
    id = "00-meeting-date"                 # unique across the collection
    prompt = "On what date was the statement issued? (YYYY-MM-DD)"
    kind = "text"                          # text | number | choice | set | sequence | mapping | free
    answer = "2024-10-18"
    accept = ["18 October 2024"]           # optional: other spellings that count
    hint = "Look at the first sentence."   # shown after a wrong answer
    explanation = "The first sentence dates the meeting."  # shown after a right one

``number`` entries may set ``tolerance`` (absolute); ``choice`` entries list
``choices``; ``free`` entries (open writing) set ``min_words`` and keep a model
answer in ``answer`` for the teacher.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import HelpersError, UnknownExerciseError

KEY_DIR = Path(__file__).resolve().parent / "exercises"
KINDS = ("text", "number", "choice", "set", "sequence", "mapping", "free")
REQUIRED = ("id", "prompt", "kind", "answer", "hint", "explanation")


class AnswerKeyError(HelpersError, ValueError):
    """An answer-key file breaks the format described in this module."""


@dataclass(frozen=True)
class Feedback:
    """The outcome of checking one answer. ``correct`` is None when nothing was answered."""

    exercise_id: str
    correct: bool | None
    message: str

    def __bool__(self) -> bool:
        return bool(self.correct)

    def __str__(self) -> str:
        return self.message


@lru_cache(maxsize=1)
def answer_key() -> dict[str, dict[str, Any]]:
    """Return every exercise entry, keyed by id (read once from ``helpers/exercises/*.toml``)."""
    entries: dict[str, dict[str, Any]] = {}
    for path in sorted(KEY_DIR.glob("*.toml")):
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise AnswerKeyError(f"{path.name}: not valid TOML ({exc})") from None
        for n, entry in enumerate(doc.get("exercise", []), start=1):
            where = f"{path.name}, exercise #{n}"
            missing = [k for k in REQUIRED if k not in entry]
            if missing:
                raise AnswerKeyError(f"{where}: missing {', '.join(missing)}; every entry needs {', '.join(REQUIRED)}")
            if entry["kind"] not in KINDS:
                raise AnswerKeyError(f"{where} ({entry['id']}): kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
            if entry["kind"] == "choice" and entry["answer"] not in entry.get("choices", []):
                raise AnswerKeyError(f"{where} ({entry['id']}): the answer is not among its choices")
            if entry["id"] in entries:
                raise AnswerKeyError(f"{where}: id {entry['id']!r} is used twice")
            entries[entry["id"]] = {**entry, "file": path.name}
    return entries


def exercise(exercise_id: str) -> dict[str, Any]:
    """Return one answer-key entry (prompt, kind, answer, hint, explanation, ...)."""
    if not isinstance(exercise_id, str):
        raise TypeError(f"exercise id must be a str such as '00-meeting-date', got {type(exercise_id).__name__}")
    key = answer_key()
    if exercise_id not in key:
        raise UnknownExerciseError(exercise_id, key)
    return key[exercise_id]


def _norm(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .;:!\"'")


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _evaluate(entry: dict[str, Any], answer: Any) -> tuple[bool, str]:
    """Return (correct, detail). Pure: no printing."""
    kind, expected = entry["kind"], entry["answer"]
    if kind == "number":
        if not _is_number(answer):
            return False, f"expected a number, got {type(answer).__name__} {answer!r}"
        tolerance = float(entry.get("tolerance", 0))
        return abs(float(answer) - float(expected)) <= tolerance + 1e-9, ""
    if kind in ("text", "choice"):
        if isinstance(answer, (list, tuple, set, dict)):
            return False, f"expected a single answer, got a {type(answer).__name__}"
        accepted = {_norm(expected), *(_norm(a) for a in entry.get("accept", []))}
        if kind == "choice" and _norm(answer) not in {_norm(c) for c in entry["choices"]}:
            return False, "choose one of: " + ", ".join(map(str, entry["choices"]))
        return _norm(answer) in accepted, ""
    if kind in ("set", "sequence"):
        if isinstance(answer, (str, bytes, dict)) or not hasattr(answer, "__iter__"):
            return False, f"expected a list of answers, got {type(answer).__name__}"
        given = [_norm(a) for a in answer]
        want = [_norm(a) for a in expected]
        if kind == "set":
            right = len(set(given) & set(want))
            extra = len(set(given) - set(want))
            if set(given) == set(want):
                return True, ""
            return False, f"{right} of {len(want)} expected items found" + (f"; {extra} not expected" if extra else "")
        if given == want:
            return True, ""
        if sorted(given) != sorted(want):
            return False, f"the list should hold exactly these {len(want)} items, in some order"
        first = next(i for i, (g, w) in enumerate(zip(given, want)) if g != w)
        return False, f"the first {first} in order are right; position {first + 1} is not"
    if kind == "mapping":
        if not isinstance(answer, dict):
            return False, f"expected a dict, got {type(answer).__name__}"
        want = {_norm(k): _norm(v) for k, v in expected.items()}
        given = {_norm(k): _norm(v) for k, v in answer.items()}
        right = sum(1 for k, v in want.items() if given.get(k) == v)
        return right == len(want) and len(given) == len(want), f"{right} of {len(want)} pairs right"
    if kind == "free":
        if not isinstance(answer, str):
            return False, f"expected your text as a str, got {type(answer).__name__}"
        words = len(answer.split())
        minimum = int(entry.get("min_words", 1))
        if words < minimum:
            return False, f"{words} words so far; write at least {minimum}"
        needed = [k for k in entry.get("keywords", []) if _norm(k) not in _norm(answer)]
        if needed:
            return False, "your text does not yet mention: " + ", ".join(needed)
        return True, f"{words} words"
    raise AnswerKeyError(f"exercise {entry['id']}: unknown kind {kind!r}")


def feedback(exercise_id: str, answer: Any) -> Feedback:
    """Check *answer* and return a :class:`Feedback` (pure; :func:`check` prints it)."""
    entry = exercise(exercise_id)
    if answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip()):
        return Feedback(exercise_id, None, f"[{exercise_id}] Not answered yet: replace the placeholder with your answer and run the cell again.")
    correct, detail = _evaluate(entry, answer)
    if correct:
        if entry["kind"] == "free":
            message = f"[{exercise_id}] Recorded ({detail}). Compare your text with the points in the explanation: {entry['explanation']}"
        else:
            message = f"[{exercise_id}] Correct. {entry['explanation']}"
    else:
        message = f"[{exercise_id}] Not yet" + (f" ({detail})" if detail else "") + f". Hint: {entry['hint']}"
    return Feedback(exercise_id, correct, message)


def is_correct(exercise_id: str, answer: Any) -> bool:
    """True when *answer* is right; for assert cells and tests."""
    return bool(feedback(exercise_id, answer).correct)


def check(exercise_id: str, answer: Any) -> None:
    """Print feedback on *answer* for the exercise *exercise_id*."""
    print(feedback(exercise_id, answer).message)
