"""Exercises with immediate feedback, from one answer key.

Every exercise in every notebook has one entry in ``helpers/exercises/NN.toml``
(one file per notebook; together they are the single answer key). Notebooks call
:func:`check`, which shows the feedback (green with a tick when right, dark red
with a cross when not, and a plain-text form that nbval compares); the teacher
guide's answer key is generated from the same files by ``tools/answer_key.py``,
and a test keeps the two in step.

An entry looks like this::

    [[exercise]]
    id = "00-meeting-date"                 # unique across the collection
    prompt = "On what date was the statement issued? (YYYY-MM-DD)"
    kind = "text"                          # text | number | choice | set | sequence | mapping | free
    answer = "2024-10-18"
    accept = ["18 October 2024"]           # optional (text, choice): other spellings that count
    hint = "Look at the first sentence."   # shown after a wrong answer
    explanation = "The first sentence dates the meeting."  # shown after a right one

Optional fields, by kind:

* ``number``: ``tolerance`` (absolute); ``percent`` (true when the answer is a
  percentage; by default it is true when the prompt says "percent" or
  "percentage"): a fraction such as 0.89 then gets "give the percentage", and a
  string such as ``"89.0%"`` counts as 89.0.
* ``choice``: ``choices`` (the answer must be one of them).
* ``set`` and ``sequence``: ``aliases``, a table from an item of the answer to
  other names for it (``aliases = { "United States" = ["USA", "US"] }``).
* ``mapping``: ``aliases``, a table from a key to other accepted values for it;
  ``values``, the allowed values (an answer outside them is named as such).
* every kind but ``number``: ``normalize``, a list of named normalisations
  applied to the answer and to the key (see :data:`NORMALIZERS`), e.g.
  ``"rec_id"`` so that "89(n)", "89 n" and "para 89(n)" all read as "89n".
* ``free`` (open writing): ``min_words``, ``max_words``, and ``requires``, a
  list of checks from :data:`REQUIREMENTS` (``"coi"``: names the Commission of
  Inquiry by any of its names; ``"source_id"``: cites an id that exists in
  ``data/sources.csv``; ...). ``answer`` keeps a model answer for the teacher.

Every comparison ignores capitals, spaces at the ends, a final full stop, the
style of dashes and quotes, and whether words are joined by ``_``, ``-`` or a
space. Dates may be given as text, ``datetime.date`` or ``pandas.Timestamp``.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
import sys
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import HelpersError, UnknownExerciseError

KEY_DIR = Path(__file__).resolve().parent / "exercises"
KINDS = ("text", "number", "choice", "set", "sequence", "mapping", "free")
REQUIRED = ("id", "prompt", "kind", "answer", "hint", "explanation")
PERCENT_WORDS = re.compile(r"\b(per ?cent|percentage)\b", re.I)


class AnswerKeyError(HelpersError, ValueError):
    """An answer-key file breaks the format described in this module."""


# --------------------------------------------------------------------------- normalisation


def _rec_id(text: str) -> str:
    """'para 89(n)', '89 (n)', '89 n', 'paragraph 89.n' -> '89n'."""
    text = re.sub(r"^(para(graph)?s?|rec(ommendation)?|§)\.?\s*", "", text)
    return re.sub(r"[\s().\-]", "", text)


def _article(text: str) -> str:
    """'the United States' -> 'united states'."""
    return re.sub(r"^the\s+", "", text)


#: Named normalisations an entry may ask for with ``normalize = [...]``; each takes
#: and returns already-normalised (lower-case, trimmed) text.
NORMALIZERS: dict[str, Callable[[str], str]] = {"rec_id": _rec_id, "article": _article}


def _as_date(value: Any) -> str | None:
    if isinstance(value, _dt.datetime) or (hasattr(value, "to_pydatetime") and hasattr(value, "strftime")):
        try:
            return value.strftime("%Y-%m-%d")
        except (ValueError, AttributeError):
            return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    return None


def _norm(value: Any, normalize: tuple[str, ...] | list[str] = ()) -> str:
    date = _as_date(value)
    if date is not None:
        return date
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    text = (
        text.replace("\u2013", "-")
        .replace("\u2014", "-")
        .replace("\u2019", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    text = re.sub(r"\s+", " ", text).strip().strip(" .;:!\"'")
    for name in normalize:
        text = NORMALIZERS[name](text)
    # "state_media", "state-media" and "state media" are the same answer
    return re.sub(r"[\s_]+|(?<=[a-z])-(?=[a-z])", " ", text).strip()


def _number(value: Any) -> float | None:
    """A number, or text that is a number ('236', '1,047', '89.0%', ' -78.1 ')."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace("\u2212", "-").rstrip("%").strip()
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _is_number(value: Any) -> bool:
    return _number(value) is not None


def _quote(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _listing(items: list[str], limit: int = 6) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _placeholder(value: Any) -> bool:
    return (
        value is None or value is Ellipsis or (isinstance(value, str) and (not value.strip() or value.strip() == "..."))
    )


# --------------------------------------------------------------------------- free-text requirements


@dataclass(frozen=True)
class Requirement:
    """One thing a free-text answer must do, as a passed line and as a line to fix."""

    passed: str
    fix: str
    test: Callable[[str, set[str]], bool]


COI_NAMES = re.compile(r"\bCOI\b|commission of inquiry|A/HRC/25/63|\bthe (commission|inquiry)\b", re.I)
ID_LIKE = re.compile(r"\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:19|20)\d\d(?:-[a-z0-9]+)*\b")
COUNTER = re.compile(
    r"\b(however|but|although|though|on the other hand|yet|counter|critics?|limitations?|limited|uncertain|"
    r"not verified|cannot|could not|disagree|caution|whereas|despite|nevertheless)\b",
    re.I,
)


@lru_cache(maxsize=1)
def _known_source_ids() -> frozenset[str]:
    from .data import load

    return frozenset(load("sources")["id"])


def cited_source_ids(text: str, extra: list[str] | tuple[str, ...] | None = None) -> tuple[list[str], list[str]]:
    """Return (known, unknown): the source ids cited in *text* (and in *extra*) that are, or are not, in sources.csv."""
    if text is not None and not isinstance(text, str):
        raise TypeError(f"the text to search for source ids must be a str, got {type(text).__name__}")
    if extra is not None and (isinstance(extra, str) or not all(isinstance(s, str) for s in extra)):
        raise TypeError("extra source ids must be a list of ids such as ['un-coi-report-2014']")
    known_ids = _known_source_ids()
    tokens = re.findall(r"[a-z0-9][a-z0-9.\-]*[a-z0-9]", (text or "").casefold())
    known = list(dict.fromkeys(t for t in tokens if t in known_ids))
    unknown = list(dict.fromkeys(t for t in ID_LIKE.findall((text or "").casefold()) if t not in known_ids))
    for sid in extra or []:
        sid = str(sid).strip()
        if sid in known_ids:
            known = list(dict.fromkeys([*known, sid]))
        elif sid:
            unknown = list(dict.fromkeys([*unknown, sid]))
    return known, unknown


#: Checks a ``free`` entry may list in ``requires``.
REQUIREMENTS: dict[str, Requirement] = {
    "coi": Requirement(
        "names the COI",
        "name the Commission of Inquiry (COI) - any of its names will do",
        lambda text, ids: bool(COI_NAMES.search(text)),
    ),
    "source_id": Requirement(
        "cites a source id from data/sources.csv",
        "cite at least one source id from data/sources.csv (the ids in square brackets on the cards)",
        lambda text, ids: len(ids) >= 1,
    ),
    "two_source_ids": Requirement(
        "cites at least two sources from the bibliography",
        "cite at least two source ids from data/sources.csv",
        lambda text, ids: len(ids) >= 2,
    ),
    "counter_evidence": Requirement(
        "weighs evidence on more than one side",
        "say what cuts the other way "
        "(a limitation of the data, a disagreement between sources, another actor's position)",
        lambda text, ids: bool(COUNTER.search(text)),
    ),
}


def review_free(
    entry: dict[str, Any], text: str, sources: list[str] | tuple[str, ...] | None = None
) -> list[tuple[bool, str]]:
    """Every automatic check on a free-text answer, as (passed, what) pairs, in the order to work on them.

    The capstone's :func:`helpers.capstone.check_assessment` shows this same list, so the
    notebook's checks and :func:`check` can never disagree.
    """
    if not isinstance(entry, dict) or not isinstance(text, str):
        raise TypeError(
            "review_free(entry, text) takes an answer-key entry (helpers.exercise(id)) and the answer as a str"
        )
    items: list[tuple[bool, str]] = []
    words = len(text.split())
    low, high = int(entry.get("min_words", 1)), entry.get("max_words")
    if words < low:
        items.append((False, f"{words} words so far; write at least {low}" + (f" (aim: {low}-{high})" if high else "")))
    elif high and words > int(high):
        items.append((False, f"{words} words: shorten it to at most {high}"))
    else:
        items.append((True, f"length: {words} words" + (f" (aim: {low}-{high})" if high else "")))
    needs = list(entry.get("requires", []))
    if needs or sources:
        known, unknown = cited_source_ids(text, sources)
        if unknown:
            items.append(
                (
                    False,
                    "these source ids are not in data/sources.csv: "
                    + ", ".join(unknown)
                    + " (check the spelling; every id is listed by helpers.load('sources'))",
                )
            )
        for name in needs:
            req = REQUIREMENTS[name]
            items.append((True, req.passed) if req.test(text, set(known)) else (False, req.fix))
    for keyword in entry.get("keywords", []):
        if _norm(keyword) in _norm(text):
            items.append((True, f"mentions {keyword}"))
        else:
            items.append((False, f"mention {keyword}"))
    return items


# --------------------------------------------------------------------------- the answer key


@lru_cache(maxsize=1)
def answer_key() -> dict[str, dict[str, Any]]:
    """Return every exercise entry, keyed by id (read once from ``helpers/exercises/*.toml``)."""
    entries: dict[str, dict[str, Any]] = {}
    for path in sorted(KEY_DIR.glob("*.toml")):
        _add_entries(entries, path)
    return entries


def _add_entries(entries: dict[str, dict[str, Any]], path: Path) -> None:
    """Check the entries of one key file, in order, and add them to *entries* (an id already there is an error)."""
    for n, entry in enumerate(_parsed(path).get("exercise", []), start=1):
        where = f"{path.name}, exercise #{n}"
        missing = [k for k in REQUIRED if k not in entry]
        if missing:
            raise AnswerKeyError(f"{where}: missing {', '.join(missing)}; every entry needs {', '.join(REQUIRED)}")
        _validate(entry, f"{where} ({entry['id']})")
        if entry["id"] in entries:
            raise AnswerKeyError(f"{where}: id {entry['id']!r} is used twice")
        entries[entry["id"]] = {**entry, "file": path.name}


_parsed_files: dict[tuple[str, int, int], dict[str, Any]] = {}


def _parsed(path: Path) -> dict[str, Any]:
    """One key file's TOML, parsed once per version of the file."""
    stat = path.stat()
    stamp = (str(path), stat.st_mtime_ns, stat.st_size)
    if stamp not in _parsed_files:
        try:
            _parsed_files[stamp] = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise AnswerKeyError(f"{path.name}: not valid TOML ({exc})") from None
    return _parsed_files[stamp]


def _from_own_file(exercise_id: str) -> dict[str, Any] | None:
    """The entry for *exercise_id* read from its own file (``07-...`` is in ``07.toml``) when the whole key
    has not been read yet: a notebook needs its own exercises, not all eleven files. ``None`` sends the
    caller to :func:`answer_key` (an id not found there, an unusual name)."""
    number = exercise_id[:2]
    if not (number.isdigit() and exercise_id[2:3] == "-"):
        return None
    path = KEY_DIR / f"{number}.toml"
    if not path.is_file():
        return None
    entries: dict[str, dict[str, Any]] = {}
    _add_entries(entries, path)  # the file is parsed once per version (_parsed); checking its entries is quick
    return entries.get(exercise_id)


def _validate(entry: dict[str, Any], where: str) -> None:
    kind = entry["kind"]
    if kind not in KINDS:
        raise AnswerKeyError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if kind == "choice" and entry["answer"] not in entry.get("choices", []):
        raise AnswerKeyError(f"{where}: the answer is not among its choices")
    unknown = [n for n in entry.get("normalize", []) if n not in NORMALIZERS]
    if unknown:
        raise AnswerKeyError(f"{where}: unknown normalisation {unknown[0]!r}; use one of {', '.join(NORMALIZERS)}")
    unknown = [n for n in entry.get("requires", []) if n not in REQUIREMENTS]
    if unknown:
        raise AnswerKeyError(f"{where}: unknown requirement {unknown[0]!r}; use one of {', '.join(REQUIREMENTS)}")
    aliases = entry.get("aliases", {})
    if aliases:
        if kind not in ("set", "sequence", "mapping") or not isinstance(aliases, dict):
            raise AnswerKeyError(f"{where}: aliases is a table, for set, sequence and mapping entries only")
        targets = entry["answer"] if kind != "mapping" else list(entry["answer"])
        stray = [a for a in aliases if a not in targets]
        if stray:
            raise AnswerKeyError(f"{where}: aliases for {stray[0]!r}, which is not in the answer")
    if "accept" in entry and not isinstance(entry["accept"], list):
        raise AnswerKeyError(f"{where}: accept is a list of other accepted answers (use aliases for items)")
    if kind == "mapping" and entry.get("values"):
        norm = entry.get("normalize", [])
        allowed = {_norm(v, norm) for v in entry["values"]}
        outside = [v for v in entry["answer"].values() if _norm(v, norm) not in allowed]
        if outside:
            raise AnswerKeyError(f"{where}: the answer uses {outside[0]!r}, which is not among its values")


def exercise(exercise_id: str) -> dict[str, Any]:
    """Return one answer-key entry (prompt, kind, answer, hint, explanation, ...)."""
    if not isinstance(exercise_id, str):
        raise TypeError(f"exercise id must be a str such as '00-meeting-date', got {type(exercise_id).__name__}")
    if answer_key.cache_info().currsize == 0:  # the whole key not read yet: try the id's own file first
        entry = _from_own_file(exercise_id)
        if entry is not None:
            return entry
    key = answer_key()
    if exercise_id not in key:
        raise UnknownExerciseError(exercise_id, key)
    return key[exercise_id]


def is_percent(entry: dict[str, Any]) -> bool:
    """Is the answer a percentage (stated with ``percent``, or said so by the prompt)?"""
    if "percent" in entry:
        return bool(entry["percent"])
    return entry["kind"] == "number" and bool(PERCENT_WORDS.search(entry["prompt"]))


# --------------------------------------------------------------------------- checking


def _text_detail(entry: dict[str, Any], answer: Any) -> str:
    """Why a text answer is wrong, when we can tell without giving the answer away."""
    expected = str(entry["answer"])
    if _is_number(answer) and not isinstance(answer, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", expected):
            return (
                f"you gave the number {answer}: without quotes Python reads a date as a subtraction. "
                'Write it in quotes, "YYYY-MM-DD"'
            )
        return f'you gave the number {answer}: text must be in quotes, like "this"'
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", expected) and isinstance(answer, str):
        given = sorted(re.findall(r"\d+", answer))
        if given and given == sorted(expected.split("-")) and not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", answer):
            return "the right numbers in another order: write the year first, YYYY-MM-DD"
    return ""


def _evaluate(entry: dict[str, Any], answer: Any) -> tuple[bool | None, str]:
    """Return (correct, detail); correct is None when nothing was answered. Pure: no printing."""
    kind, expected = entry["kind"], entry["answer"]
    norm = tuple(entry.get("normalize", ()))
    if kind == "number":
        given = _number(answer)
        if given is None:
            if isinstance(answer, str):
                return False, f"expected a number, got the text {answer!r}: write digits only, such as 12 or 12.5"
            return False, f"expected a number, got {type(answer).__name__} {_quote(answer)}"
        tolerance = float(entry.get("tolerance", 0)) + 1e-9
        if abs(given - float(expected)) <= tolerance:
            return True, ""
        if is_percent(entry) and abs(given) <= 1 and abs(given * 100 - float(expected)) <= tolerance + 0.05:
            return False, f"{given:g} looks like a fraction: give the percentage ({given * 100:.1f})"
        return False, ""
    if kind in ("text", "choice"):
        if isinstance(answer, (list, tuple, set, dict)):
            return False, f"expected a single answer, got a {type(answer).__name__}"
        accepted = {_norm(expected, norm), *(_norm(a, norm) for a in entry.get("accept", []))}
        if kind == "choice":
            choices = {_norm(c, norm) for c in entry["choices"]}
            stripped = _norm(re.sub(r"^\(?\s*([a-z])\s*\)$", r"\1", str(answer).strip(), flags=re.I), norm)
            if _norm(answer, norm) not in choices and stripped in choices:
                answer = stripped
            if _norm(answer, norm) not in choices:
                return False, "choose one of: " + ", ".join(map(str, entry["choices"]))
        if _norm(answer, norm) in accepted:
            return True, ""
        return False, _text_detail(entry, answer) if kind == "text" else ""
    if kind in ("set", "sequence"):
        return _evaluate_items(entry, answer, norm)
    if kind == "mapping":
        return _evaluate_mapping(entry, answer, norm)
    if kind == "free":
        if not isinstance(answer, str):
            return False, f"expected your text in quotes (a str), got {type(answer).__name__}"
        failing = [what for ok, what in review_free(entry, answer) if not ok]
        if failing:
            return False, "; ".join(failing)
        return True, f"{len(answer.split())} words"
    raise AnswerKeyError(f"exercise {entry['id']}: unknown kind {kind!r}")


def _canonical(entry: dict[str, Any], norm: tuple[str, ...]) -> dict[str, str]:
    """Every accepted spelling of every item (normalised) -> the item it stands for (normalised)."""
    out: dict[str, str] = {}
    for item in entry["answer"]:
        out[_norm(item, norm)] = _norm(item, norm)
    for item, names in entry.get("aliases", {}).items():
        for name in names:
            out[_norm(name, norm)] = _norm(item, norm)
    return out


def _evaluate_items(entry: dict[str, Any], answer: Any, norm: tuple[str, ...]) -> tuple[bool | None, str]:
    if isinstance(answer, (str, bytes, dict)) or not hasattr(answer, "__iter__"):
        return False, f'expected a list such as ["first", "second"], got {type(answer).__name__}'
    answer = list(answer)
    if all(_placeholder(a) for a in answer):
        return None, ""
    names = _canonical(entry, norm)
    want = [_norm(a, norm) for a in entry["answer"]]
    given_raw = [a for a in answer if not _placeholder(a)]
    given = [names.get(_norm(a, norm)) for a in given_raw]
    unexpected = [_quote(a) for a, g in zip(given_raw, given) if g is None]
    seen: dict[str, Any] = {}
    twice = []
    for raw, g in zip(given_raw, given):
        if g is not None and g in seen:
            twice.append(f"{_quote(seen[g])} and {_quote(raw)} name the same item")
        elif g is not None:
            seen[g] = raw
    found = list(dict.fromkeys(g for g in given if g is not None))
    missing = len(set(want) - set(found))
    if entry["kind"] == "set":
        if set(found) == set(want) and not unexpected and not twice:
            return True, ""
    else:
        if given == want and not unexpected:
            return True, ""
        if not unexpected and not twice and not missing and len(given) == len(want):
            wrong = [str(i + 1) for i, (g, w) in enumerate(zip(given, want)) if g != w]
            return (
                False,
                f"the right items, but position{'s' if len(wrong) > 1 else ''} {_listing(wrong)} "
                f"{'are' if len(wrong) > 1 else 'is'} out of order",
            )
    parts = [f"{len(set(found) & set(want))} of {len(want)} found"]
    if unexpected:
        parts.append("not expected: " + _listing(unexpected))
    parts += twice
    if missing:
        parts.append(f"{missing} still missing")
    return False, "; ".join(parts)


def _evaluate_mapping(entry: dict[str, Any], answer: Any, norm: tuple[str, ...]) -> tuple[bool | None, str]:
    if not isinstance(answer, dict):
        return False, f'expected a dict such as {{"key": "value"}}, got {type(answer).__name__}'
    if all(_placeholder(v) for v in answer.values()):
        return None, ""
    expected = entry["answer"]
    keys = {_norm(k): k for k in expected}
    accepted = {
        _norm(k): {_value(v, norm)} | {_value(a, norm) for a in entry.get("aliases", {}).get(k, [])}
        for k, v in expected.items()
    }
    allowed = {_value(v, norm): v for v in entry.get("values", [])}
    given = {_norm(k): (k, v) for k, v in answer.items()}
    unexpected = [_quote(raw) for nk, (raw, _) in given.items() if nk not in keys]
    blank = [str(keys[nk]) for nk, (_, v) in given.items() if nk in keys and _placeholder(v)]
    missing = [str(keys[nk]) for nk in keys if nk not in given]
    outside, wrong, right = [], [], 0
    for nk, (_raw, value) in given.items():
        if nk not in keys or _placeholder(value):
            continue
        nv = _value(value, norm)
        if nv in accepted[nk]:
            right += 1
        elif allowed and nv not in allowed:
            near = difflib.get_close_matches(nv, list(allowed), n=1, cutoff=0.7)
            outside.append(
                f"{_quote(value)} (for {keys[nk]}) is not one of: "
                + ", ".join(map(str, entry["values"]))
                + (f"; did you mean {allowed[near[0]]!r}?" if near else "")
            )
        else:
            wrong.append(str(keys[nk]))
    if right == len(keys) and not unexpected:
        return True, ""
    parts = [f"{right} of {len(keys)} right"]
    if wrong:
        parts.append("not yet right: " + _listing(wrong))
    parts += outside
    if missing or blank:
        parts.append("no answer yet for: " + _listing(missing + blank))
    if unexpected:
        parts.append("not asked for: " + _listing(unexpected))
    return False, "; ".join(parts)


def _value(value: Any, norm: tuple[str, ...]) -> str:
    number = _number(value) if not isinstance(value, str) or re.fullmatch(r"\s*-?[\d.]+\s*", value) else None
    if number is not None:
        return f"{number:g}"
    return _norm(value, norm)


# --------------------------------------------------------------------------- feedback


_STYLES = {
    # (symbol, border, background, text): contrast of text on background is above 7:1 in each case
    True: ("\u2713", "#1a7f37", "#e6f4ea", "#0b3d17"),
    False: ("\u2717", "#a4161a", "#fbe9e9", "#5c0a0c"),
    None: ("\u2026", "#57606a", "#f0f2f4", "#24292f"),
}


@dataclass(frozen=True)
class Feedback:
    """The outcome of checking one answer. ``correct`` is None when nothing was answered.

    In a notebook it shows as a coloured box with a tick or a cross (``_repr_html_``);
    its plain-text form (what nbval compares, and what a terminal shows) is ``message``.
    """

    exercise_id: str
    correct: bool | None
    message: str
    headline: str = ""
    body: str = ""

    def __bool__(self) -> bool:
        return bool(self.correct)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return self.message

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.message)

    def _repr_html_(self) -> str:
        from .display import escape_html

        symbol, border, background, colour = _STYLES[self.correct]
        return (
            f'<div class="nkhr-feedback" role="status" style="border-left:6px solid {border};background:{background};'
            f"color:{colour};padding:0.5em 0.8em;margin:0.3em 0;font-family:inherit;"
            'line-height:1.45;white-space:normal">'
            f'<span aria-hidden="true" style="font-weight:bold;font-size:1.2em;margin-right:0.35em">{symbol}</span>'
            f'<span style="font-size:0.85em">[{escape_html(self.exercise_id)}]</span> '
            f"<strong>{escape_html(self.headline)}</strong> {escape_html(self.body)}</div>"
        )


def feedback(exercise_id: str, answer: Any) -> Feedback:
    """Check *answer* and return a :class:`Feedback` (pure; :func:`check` shows it)."""
    entry = exercise(exercise_id)
    if _placeholder(answer):
        correct, detail = None, ""
    else:
        correct, detail = _evaluate(entry, answer)
    if correct is None:
        headline, body = "Not answered yet:", "replace the placeholder with your answer and run the cell again."
    elif correct and entry["kind"] == "free":
        headline, body = (
            f"Recorded ({detail}).",
            f"Compare your text with the points in the explanation: {entry['explanation']}",
        )
    elif correct:
        headline, body = "Correct.", entry["explanation"]
    else:
        headline = "Not yet:" if detail else "Not yet."
        body = (f"{detail}. " if detail else "") + f"Hint: {entry['hint']}"
    symbol = _STYLES[correct][0]
    message = f"{symbol} [{exercise_id}] {headline} {body}"
    return Feedback(exercise_id, correct, message, headline, body)


def is_correct(exercise_id: str, answer: Any) -> bool:
    """True when *answer* is right; for assert cells and tests."""
    return bool(feedback(exercise_id, answer).correct)


def _in_ipython() -> bool:
    ipython = sys.modules.get("IPython")
    return bool(ipython and ipython.get_ipython() is not None)


def check(exercise_id: str, answer: Any) -> None:
    """Show feedback on *answer* for the exercise *exercise_id* (a coloured box in a notebook, text elsewhere)."""
    result = feedback(exercise_id, answer)
    if _in_ipython():
        from IPython.display import display

        display(result)
    else:
        print(result.message)
