"""Reading level and honest time estimates for the notebooks, computed from the notebooks themselves.

Used by tools/answer_key.py (which writes teacher-guide/reading-and-time.md) and by the tests.

* :func:`flesch_kincaid_grade` - the Flesch-Kincaid grade level of a piece of English prose:
  0.39 x (words per sentence) + 11.8 x (syllables per word) - 15.59, with syllables counted by the
  vowel-group rule in :func:`syllables` (an approximation: dictionary counts differ by a few per cent).
* :func:`notebook_prose` - the prose a student reads in a notebook's Markdown cells: code blocks,
  inline code, URLs, HTML tags, tables and Markdown markup removed; headings and list items count as
  sentences.
* :func:`estimate_minutes` - the time a novice needs for a notebook (see :data:`TIME_MODEL`).

Nothing here imports pandas or runs a notebook; it reads the .ipynb JSON.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The time model, stated in the teacher guide. Minutes = reading + doing, rounded up to 5.
TIME_MODEL: dict[str, float] = {
    "words_per_minute": 150,  # careful reading by a novice: Markdown prose and Markdown output (cards, prose)
    "skim_share": 0.3,  # printed tables and plain-text output are skimmed: 30 % of their words are read
    "minutes_per_code_cell": 0.75,  # read a code cell, run it, wait, look at what it printed
    "minutes_per_exercise": 4,  # a helpers.check() exercise: read, change one line, run, read feedback
    "minutes_per_written": 8,  # a written question or "Your turn" (two or three sentences)
    "free_text_base": 5,  # a free-text exercise: 5 minutes to plan ...
    "free_text_words_per_minute": 10,  # ... plus its minimum length written at 10 words a minute
    "minutes_per_try_this": 3,  # a "Try this" prompt
    "minutes_per_widget": 3,  # try a widget and read its static version
}

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*")
_PROMPT = re.compile(
    r"\*\*(Try this|Question to answer|Question|Your turn|Think about it|Discuss|Reflect)[.:]?\*\*[.:]?"
)


def syllables(word: str) -> int:
    """Syllables in an English word by the vowel-group rule (a silent final 'e' is dropped), at least 1.
    Digits count as one syllable per digit group ('2024' -> 1)."""
    w = word.lower().strip("'’")
    if not w:
        return 0
    if w[0].isdigit():
        return 1
    groups = re.findall(r"[aeiouy]+", w)
    n = len(groups)
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1
    if w.endswith(("ed",)) and n > 1 and not w.endswith(("ted", "ded")):
        n -= 1
    n -= len(re.findall(r"[^aeiouy]e(?=ments?$|ly$|ful$|less$)", w))  # silent e before a suffix: state-ment
    return max(1, n)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """Split prose into sentences: at . ! ? followed by a space, or at a blank line (a heading, a list
    item and a paragraph each end a sentence; lines wrapped inside a paragraph are joined first)."""
    parts = re.split(r"(?<=[.!?])\s+|\n\s*\n", text)
    return [p for p in (s.strip() for s in parts) if words(p)]


def flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade of *text*; raises ValueError for text without words."""
    sents = sentences(text)
    ws = [w for s in sents for w in words(s)]
    if not ws:
        raise ValueError("no words to measure")
    syl = sum(syllables(w) for w in ws)
    return 0.39 * len(ws) / len(sents) + 11.8 * syl / len(ws) - 15.59


def clean_markdown(md: str) -> str:
    """The readable prose of a Markdown cell (see module docstring)."""
    md = re.sub(r"```.*?```", " ", md, flags=re.S)
    md = re.sub(r"<[^>]+>", " ", md)
    lines = []
    for line in md.splitlines():
        if line.lstrip().startswith("|"):
            lines.append("")
            continue  # tables are not prose
        if re.match(r"^\s*(#+|[-*+]|\d+[.)])\s+", line):
            lines.append("")  # a heading or list item starts a new sentence
            line = re.sub(r"^\s*(#+|[-*+]|\d+[.)])\s+", "", line)
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"[*_>#]", "", text)
    return text


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def notebook_prose(path: Path) -> str:
    return "\n\n".join(clean_markdown("".join(c["source"])) for c in _cells(path) if c["cell_type"] == "markdown")


@dataclass(frozen=True)
class Counts:
    prose_words: int  # Markdown prose a student reads (tables excluded)
    table_words: int  # Markdown tables
    read_output_words: int  # Markdown output (cards, computed prose): read in full
    skim_output_words: int  # plain-text and HTML output (tables, lists): skimmed
    code_cells: int
    exercises: int  # helpers.check() exercises other than free text
    free_text_words: tuple[int, ...]  # the minimum length of each free-text exercise
    try_this: int
    written: int
    widgets: int  # code cells tagged nbval-ignore-output (a widget and its static version follow)


def _free_text_min_words() -> dict[str, int]:
    import tomllib

    found: dict[str, int] = {}
    for f in (ROOT / "helpers" / "exercises").glob("*.toml"):
        for entry in tomllib.loads(f.read_text(encoding="utf-8")).get("exercise", []):
            if entry.get("kind") == "free":
                found[entry["id"]] = int(entry.get("min_words", 50))
    return found


def counts(path: Path) -> Counts:
    cells = _cells(path)
    free = _free_text_min_words()
    prose = table = read_out = skim_out = code = ex = tr = wr = wd = 0
    ft: list[int] = []
    for c in cells:
        src = "".join(c["source"])
        if c["cell_type"] == "markdown":
            prose += len(words(clean_markdown(src)))
            table += sum(len(words(line)) for line in src.splitlines() if line.lstrip().startswith("|"))
            for m in _PROMPT.finditer(src):
                if m.group(1) == "Try this":
                    tr += 1
                else:
                    wr += 1
            continue
        if c["cell_type"] != "code":
            continue
        code += 1
        for eid in re.findall(r"check\(\s*[\"']([0-9]{2}-[\w-]+)[\"']", src):
            if eid in free:
                ft.append(free[eid])
            else:
                ex += 1
        if "nbval-ignore-output" in c.get("metadata", {}).get("tags", []):
            wd += 1
            continue  # the widget's read-out is counted in its static version below it
        for o in c.get("outputs", []):
            data = o.get("data", {})
            if "text/markdown" in data:
                read_out += len(words(clean_markdown("".join(data["text/markdown"]))))
                continue
            text = o.get("text") or data.get("text/plain") or ""
            skim_out += len(words("".join(text) if isinstance(text, list) else text))
    return Counts(prose, table, read_out, skim_out, code, ex, tuple(ft), tr, wr, wd)


def estimate_minutes(path: Path, model: dict[str, float] | None = None) -> int:
    """Novice minutes for a notebook under *model* (default :data:`TIME_MODEL`), rounded up to 5."""
    m = dict(TIME_MODEL, **(model or {}))
    c = counts(path)
    read = c.prose_words + c.read_output_words + m["skim_share"] * (c.table_words + c.skim_output_words)
    reading = read / m["words_per_minute"]
    doing = (
        c.code_cells * m["minutes_per_code_cell"]
        + c.exercises * m["minutes_per_exercise"]
        + sum(m["free_text_base"] + n / m["free_text_words_per_minute"] for n in c.free_text_words)
        + c.written * m["minutes_per_written"]
        + c.try_this * m["minutes_per_try_this"]
        + c.widgets * m["minutes_per_widget"]
    )
    return int(5 * math.ceil((reading + doing) / 5))


#: Minutes a first-year student with no programming experience actually took (student trial, 2026-11;
#: lower bound of the measured range). Where a notebook was timed, the plan never goes below it.
MEASURED_MINIMUM: dict[str, int] = {
    "00_start_here": 30,
    "01_reading_the_statement": 75,
    "03_commitments": 90,
    "10_capstone": 150,
}


def planned_minutes(path: Path) -> int:
    """The minutes to plan for: the model's estimate, or the timed minimum where one exists."""
    return max(estimate_minutes(path), MEASURED_MINIMUM.get(path.stem, 0))


def grade_table(paths: Iterable[Path]) -> list[tuple[str, int, float]]:
    """(notebook stem, prose words, Flesch-Kincaid grade) for each notebook."""
    rows = []
    for p in paths:
        text = notebook_prose(p)
        rows.append((p.stem, len(words(text)), round(flesch_kincaid_grade(text), 1)))
    return rows
