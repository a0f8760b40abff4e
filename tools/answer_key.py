"""Generate the teacher guide's answer key and the pages computed from the notebooks and data.

    python tools/answer_key.py --write   # regenerate the generated teacher-guide pages (make answer-key)
    python tools/answer_key.py --check   # exit 1 if any of them is out of date (tests do this)

It writes three pages, each from one source so that nothing can drift:

* teacher-guide/answer-key.md - every helpers.check() exercise from helpers/exercises/*.toml (the same
  entries that give students feedback), then a model answer or marking guidance for every written
  question and "Try this" prompt, from teacher-guide/model-answers.toml, matched to the prompt's current
  wording in the notebook;
* teacher-guide/plain-statement.md - the statement sentence by sentence: the exact text from
  data/statement_sentences.csv beside our plain-language reading from teacher-guide/plain-statement.toml;
* teacher-guide/reading-and-time.md - a reading level (Flesch-Kincaid) and a novice's time for every
  notebook, computed by tools/teaching_metrics.py.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tools run from a checkout; notebooks never do this
sys.path.insert(0, str(ROOT / "tools"))

import teaching_metrics as tm  # noqa: E402

from helpers.exercises import answer_key  # noqa: E402

GUIDE = ROOT / "teacher-guide"
TARGET = GUIDE / "answer-key.md"
MODEL_ANSWERS = GUIDE / "model-answers.toml"
PLAIN_SOURCE = GUIDE / "plain-statement.toml"
PLAIN_TARGET = GUIDE / "plain-statement.md"
METRICS_TARGET = GUIDE / "reading-and-time.md"
#: Notebooks whose prompts need a model answer (the glossary notebook has none).
PROMPT_NOTEBOOKS = "[01][0-9]_*.ipynb"
#: The bold lead-ins that open a prompt which is not a helpers.check() exercise.
PROMPT = re.compile(
    r"\*\*(Try this|Question to answer|Question|Your turn|Think about it|Discuss|Reflect)[.:]?\*\*[.:]?"
)
WRITTEN_MARKERS = ("Question to answer", "Question", "Your turn", "Think about it", "Discuss", "Reflect")


def notebook_name(prefix: str) -> str:
    found = sorted((ROOT / "notebooks").glob(f"{prefix}_*.ipynb"))
    return found[0].name if found else f"{prefix}_*.ipynb"


def fmt(value: object) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def normalise(text: str) -> str:
    return " ".join(text.split())


class Prompt(NamedTuple):
    notebook: str  # "01"
    file: str  # "01_reading_the_statement.ipynb"
    cell: int
    marker: str
    text: str  # whitespace-normalised, from the marker to the end of its paragraph

    @property
    def where(self) -> str:
        return f"{self.file}, cell {self.cell}, '{self.text[:90]}'"


def find_prompts(notebooks: Path | None = None) -> list[Prompt]:
    """Every written question and "Try this" prompt in notebooks 00-10, in order."""
    found = []
    for path in sorted((notebooks or ROOT / "notebooks").glob(PROMPT_NOTEBOOKS)):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] != "markdown":
                continue
            src = "".join(cell["source"])
            for m in PROMPT.finditer(src):
                end = src.find("\n\n", m.end())
                text = normalise(src[m.start() : end if end >= 0 else len(src)])
                found.append(Prompt(path.name[:2], path.name, i, m.group(1), text))
    return found


def load_model_answers(path: Path = MODEL_ANSWERS) -> list[dict]:
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["prompt"]
    for e in entries:
        missing = [
            k for k in ("notebook", "marker", "snippet", "kind", "answer", "look_for") if not str(e.get(k, "")).strip()
        ]
        if missing:
            raise ValueError(f"{path.name}: entry {e.get('snippet', '?')!r} lacks {', '.join(missing)}")
    return entries


def match(
    prompts: list[Prompt], entries: list[dict]
) -> tuple[dict[Prompt, dict], list[Prompt], list[dict], list[tuple[Prompt, list[dict]]]]:
    """Pair prompts with entries. Returns (pairs, prompts without an entry, entries matching no prompt,
    prompts matched by more than one entry)."""
    pairs: dict[Prompt, dict] = {}
    unmatched, ambiguous = [], []
    used: set[int] = set()
    for p in prompts:
        hits = [e for e in entries if e["notebook"] == p.notebook and normalise(e["snippet"]) in p.text]
        if not hits:
            unmatched.append(p)
        elif len(hits) > 1:
            ambiguous.append((p, hits))
        else:
            pairs[p] = hits[0]
            used.add(id(hits[0]))
    stale = [e for e in entries if id(e) not in used and not any(e in h for _, h in ambiguous)]
    return pairs, unmatched, stale, ambiguous


def render_model_answers() -> list[str]:
    prompts = find_prompts()
    pairs, unmatched, _, _ = match(prompts, load_model_answers())
    written = sum(p.marker in WRITTEN_MARKERS for p in prompts)
    lines = [
        "",
        '## Written questions and "Try this" prompts: model answers and marking guidance',
        "",
        "Generated from `teacher-guide/model-answers.toml`, matched to each prompt's current wording in the",
        f"notebooks. {len(prompts)} prompts: {written} written questions "
        f'and {len(prompts) - written} "Try this" prompts.',
        "These are not checked automatically: the model answer shows one good response, and *Look for* says",
        "what to credit. Accept other answers that meet the guidance.",
    ]
    current = None
    for p in prompts:
        if p.notebook != current:
            current = p.notebook
            lines += ["", f"### Notebook {p.notebook}: `{p.file}`", ""]
        quoted = re.sub(r"\]\((\d\d_[\w]+\.ipynb)", r"](../notebooks/\1", p.text)  # links relative to this page
        lines += [f"#### {p.marker}", "", f"> {quoted}", ""]
        e = pairs.get(p)
        if e is None:
            lines += ["**No model answer yet** (add one to `teacher-guide/model-answers.toml`).", ""]
            continue
        label = "Model answer" if e["kind"] == "written" else "What a student should find"
        lines += [f"**{label}.** {e['answer'].strip()}", "", f"**Look for.** {e['look_for'].strip()}", ""]
    return lines


def render() -> str:
    entries = list(answer_key().values())
    lines = [
        "# Answer key",
        "",
        "Teacher edition only: do not publish this page on a student site.",
        "",
        "Generated by `make answer-key` from `helpers/exercises/*.toml`, the same entries that give",
        "students feedback in the notebooks, and from `teacher-guide/model-answers.toml` for the prompts",
        "that are not auto-marked. Do not edit by hand; a test fails if this file is out of date.",
        "",
        f"{len(entries)} exercises.",
    ]
    current = None
    for e in sorted(entries, key=lambda e: (e["file"], list(answer_key()).index(e["id"]))):
        prefix = e["id"][:2]
        if prefix != current:
            current = prefix
            lines += ["", f"## Notebook {prefix}: `{notebook_name(prefix)}`", ""]
        lines += [f"### `{e['id']}` ({e['kind']})", "", f"**Prompt.** {e['prompt'].strip()}", ""]
        if e["kind"] == "choice":
            lines += ["**Choices.** " + "; ".join(fmt(c) for c in e["choices"]), ""]
        label = "Model answer" if e["kind"] == "free" else "Answer"
        lines += [f"**{label}.** {fmt(e['answer'])}", ""]
        if e.get("accept"):
            lines += ["**Also accepted.** " + "; ".join(fmt(a) for a in e["accept"]), ""]
        if "tolerance" in e:
            lines += [f"**Tolerance.** +/- {e['tolerance']}", ""]
        if e["kind"] == "free":
            lines += [
                f"**Automatic check.** at least {e.get('min_words', 1)} words"
                + (f"; mentions: {', '.join(e['keywords'])}" if e.get("keywords") else "")
                + ". Judge the rest with the rubric.",
                "",
            ]
        lines += [
            f"**Hint given to students.** {e['hint'].strip()}",
            "",
            f"**Explanation.** {e['explanation'].strip()}",
            "",
        ]
    lines += render_model_answers()
    lines += render_paper_mappings(entries)
    return "\n".join(lines).rstrip() + "\n"


def render_paper_mappings(entries: list[dict]) -> list[str]:
    """A paper version of every mapping exercise (the ones that need Python dict syntax on screen):
    the items to match, a blank column, and the key underneath, for printing or a slide."""
    mappings = [e for e in entries if e["kind"] == "mapping"]
    lines = [
        "",
        "## Paper versions of the mapping exercises",
        "",
        f"{len(mappings)} exercises ask for a Python dict on screen. For a class on paper, print these tables;",
        "students fill in the right-hand column. The key follows each table.",
        "",
    ]
    for e in mappings:
        lines += [f"### Paper: `{e['id']}`", "", e["prompt"].strip(), "", "| item | your answer |", "|---|---|"]
        lines += [f"| {k} | |" for k in e["answer"]]
        lines += ["", "**Key.** " + "; ".join(f"{k}: {fmt(v)}" for k, v in e["answer"].items()), ""]
    return lines


# --- the plain-language statement -------------------------------------------------------------------


def statement_sentences() -> list[dict]:
    with (ROOT / "data" / "statement_sentences.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_plain(path: Path = PLAIN_SOURCE) -> dict[str, str]:
    return {k: v.strip() for k, v in tomllib.loads(path.read_text(encoding="utf-8"))["plain"].items()}


def render_plain() -> str:
    plain = load_plain()
    rows = statement_sentences()
    lines = [
        "---",
        "orphan: true  # until site/index.md lists this page in the teacher guide's toctree",
        "---",
        "",
        "# The statement in plain words (high-school route)",
        "",
        "Generated by `make answer-key` from `data/statement_sentences.csv` (the exact text, quoted as",
        "published, [sic] and all) and `teacher-guide/plain-statement.toml` (our own plain-language",
        "reading). Do not edit by hand; a test fails if this page is out of date or if a sentence of the",
        "statement has no plain reading.",
        "",
        "Use it as a handout: students read the plain version first, then find the same idea in the exact",
        "words. The plain version is a reading aid, not the statement: quote only the exact text.",
        "",
    ]
    paragraph = None
    for r in rows:
        if r["paragraph"] != paragraph:
            paragraph = r["paragraph"]
            lines += ["## Title" if paragraph == "0" else f"## Paragraph {paragraph}", ""]
        lines += [
            f"**{r['sentence_id']}.** *Exact text:* {r['text']}",
            "",
            f"*In plain words:* {plain.get(r['sentence_id'], '(no plain reading yet)')}",
            "",
        ]
    lines += [
        "---",
        "",
        f"Reading level of the exact text: grade {tm.flesch_kincaid_grade(exact_text()):.1f}; "
        f"of the plain reading: grade {tm.flesch_kincaid_grade(plain_text()):.1f} "
        "(Flesch-Kincaid, computed as described in [reading-and-time.md](reading-and-time.md)).",
    ]
    return "\n".join(lines).rstrip() + "\n"


def exact_text() -> str:
    return "\n\n".join(r["text"] for r in statement_sentences())


def plain_text() -> str:
    plain = load_plain()
    return "\n\n".join(plain[r["sentence_id"]] for r in statement_sentences() if r["sentence_id"] in plain)


# --- reading level and time --------------------------------------------------------------------------


def render_metrics() -> str:
    import helpers.collection as col

    m = tm.TIME_MODEL
    lines = [
        "---",
        "orphan: true  # until site/index.md lists this page in the teacher guide's toctree",
        "---",
        "",
        "# Reading level and time per notebook",
        "",
        "Generated by `make answer-key` from the notebooks themselves by `tools/teaching_metrics.py`. Do not",
        "edit by hand; a test fails if this page is out of date. Re-run after editing a notebook.",
        "",
        "## Method",
        "",
        "**Reading level.** The Flesch-Kincaid grade of the prose a student reads in a notebook's Markdown",
        "cells (code, inline code, links' addresses, HTML and tables removed; headings and list items count",
        "as sentences): 0.39 x words per sentence + 11.8 x syllables per word - 15.59. Syllables are counted",
        "by the vowel-group rule, so the figures are approximate (within about one grade of a dictionary",
        "count). A grade of 10 means a text a typical 15-16-year-old reader can read with care.",
        "",
        "**Time for a novice.** Reading plus doing, rounded up to 5 minutes:",
        "",
        "- prose and Markdown output (the commitment cards, computed prose) "
        f"read at {m['words_per_minute']:.0f} words a minute;",
        "  printed tables and plain-text output skimmed "
        f"({m['skim_share']:.0%} of their words read at the same speed);",
        f"- {m['minutes_per_code_cell']} minutes per code cell (read, run, look at the result);",
        f"- {m['minutes_per_exercise']:.0f} minutes per auto-marked exercise, "
        f'{m["minutes_per_try_this"]:.0f} per "Try this" prompt,',
        f"  {m['minutes_per_written']:.0f} per written question and {m['minutes_per_widget']:.0f} per widget;",
        f"- a free-text exercise: {m['free_text_base']:.0f} minutes to plan plus its minimum length written at",
        f"  {m['free_text_words_per_minute']:.0f} words a minute.",
        "",
        "Where a first-year student with no programming experience was timed (student trial: 30-40 minutes",
        "on 00, 75-90 on 01, 90-120 on 03, 150 or more on 10), the plan never goes below the timed minimum.",
        "Fluent readers and students who have done notebook 00 will be faster; students reading in a second",
        "language slower. Pre-teach vocabulary with the glossary to save reading time.",
        "",
        "## Per notebook",
        "",
        "| notebook | prose words | reading level (grade) | minutes (model) | minutes to plan "
        "| in `helpers.collection` |",
        "|---|---|---|---|---|---|",
    ]
    nb_dir = ROOT / "notebooks"
    listed = {n.stem: n.minutes for n in col.NOTEBOOKS}
    total_plan = 0
    for stem, n_words, grade in tm.grade_table(sorted(nb_dir.glob(PROMPT_NOTEBOOKS))):
        path = nb_dir / f"{stem}.ipynb"
        plan = tm.planned_minutes(path)
        total_plan += plan
        lines.append(
            f"| `{stem}` | {n_words:,} | {grade:.1f} | {tm.estimate_minutes(path)} | {plan} | {listed.get(stem, '-')} |"
        )
    lines += [
        f"| **all, 00-10** | | | | **{total_plan}** ({total_plan / 60:.1f} h) | {sum(listed.values())} |",
        "",
        f"The statement itself reads at grade {tm.flesch_kincaid_grade(exact_text()):.1f}; "
        "our plain reading of it for the",
        f"high-school route at grade {tm.flesch_kincaid_grade(plain_text()):.1f} "
        "([plain-statement.md](plain-statement.md)).",
        "The student tasks of the [high-school route](high-school-route.md) "
        f"read at grade {tm.flesch_kincaid_grade(route_tasks()):.1f}.",
    ]
    return "\n".join(lines).rstrip() + "\n"


def route_tasks() -> str:
    """The student-facing task text of the high-school route: its quoted ('> ') lines."""
    text = (GUIDE / "high-school-route.md").read_text(encoding="utf-8")
    blocks, current = [], []
    for line in text.splitlines():
        if line.startswith(">"):
            current.append(line.lstrip("> ").strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return "\n\n".join(blocks)


TARGETS = {TARGET: render, PLAIN_TARGET: render_plain, METRICS_TARGET: render_metrics}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true")
    group.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = []
    for target, fn in TARGETS.items():
        text = fn()
        shown = target.relative_to(ROOT)
        if args.write:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {shown}")
        elif not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(str(shown))
    if stale:
        print(f"{', '.join(stale)} out of date: run `make answer-key`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
