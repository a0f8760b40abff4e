"""The teacher guide covers every notebook, every exercise and every prompt, and reads on its own.

Covers: the pages and their index; model answers for every written question and "Try this" prompt
(one source, teacher-guide/model-answers.toml); the generated pages being in step; links and section
anchors; the rubric's bands and mark; the exemplars; the plain-language statement; lesson-plan timings
and honest times; safeguarding and the discussion protocols.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

import helpers
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import teaching_metrics as tm

GUIDE = ROOT / "teacher-guide"
PAGES = [
    "README.md",
    "lesson-plans.md",
    "discussion-notes.md",
    "safeguarding.md",
    "capstone-rubric.md",
    "answer-key.md",
    "exemplars.md",
    "high-school-route.md",
    "plain-statement.md",
    "reading-and-time.md",
]


def _tool():
    spec = importlib.util.spec_from_file_location("answer_key_tool", ROOT / "tools" / "answer_key.py")
    tool = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = tool  # dataclasses look their module up here
    spec.loader.exec_module(tool)
    return tool


@pytest.fixture(scope="module")
def tool():
    return _tool()


def page(name: str) -> str:
    text = (GUIDE / name).read_text(encoding="utf-8")
    return re.sub(r"\A---\n.*?\n---\n\n", "", text, flags=re.S)  # MyST front matter (orphan: true)


@pytest.mark.parametrize("name", PAGES)
def test_page_exists_with_a_title(name: str) -> None:
    assert page(name).startswith("# "), f"{name} must open with a title"


def test_index_links_every_page() -> None:
    index = page("README.md")
    for name in PAGES[1:]:
        assert f"]({name})" in index, f"teacher-guide/README.md does not link {name}"


@pytest.mark.parametrize("notebook", helpers.collection.NOTEBOOKS, ids=lambda n: n.stem)
def test_discussion_notes_cover_every_notebook(notebook) -> None:
    notes = page("discussion-notes.md")
    assert re.search(rf"^## {notebook.number} ", notes, re.M), (
        f"discussion-notes.md has no '## {notebook.number} ...' section"
    )


@pytest.mark.parametrize("notebook", helpers.collection.NOTEBOOKS, ids=lambda n: n.stem)
def test_lesson_plans_use_every_notebook(notebook) -> None:
    assert f"{notebook.stem}" in page("lesson-plans.md"), f"lesson-plans.md never uses {notebook.stem}"


# --- model answers: one entry per prompt, from one source ---------------------------------------------


def test_every_prompt_has_exactly_one_model_answer(tool) -> None:
    """Every written question and "Try this" prompt in notebooks 00-10 has one entry in model-answers.toml.

    When this fails after a notebook gained a prompt, add to teacher-guide/model-answers.toml:
    [[prompt]] notebook = "NN", marker = "...", snippet = "<a few words copied from the prompt>",
    kind = "written"|"try", answer = "...", look_for = "...", then run `make answer-key`."""
    prompts = tool.find_prompts()
    pairs, unmatched, stale, ambiguous = tool.match(prompts, tool.load_model_answers())
    problems = [
        f'no model answer for {p.where}: add notebook = "{p.notebook}", snippet = "{" ".join(p.text.split()[2:10])}"'
        for p in unmatched
    ]
    problems += [
        f"model answer matches no prompt in notebook {e['notebook']} (prompt reworded or removed?): "
        f"snippet {e['snippet']!r}"
        for e in stale
    ]
    problems += [f"{p.where} is matched by {len(h)} entries: make their snippets more specific" for p, h in ambiguous]
    assert not problems, "teacher-guide/model-answers.toml:\n  " + "\n  ".join(problems)
    assert len(pairs) >= 31  # 10 written questions and 21 "Try this" prompts when this was written, plus new ones


def test_prompt_finder_finds_each_kind(tool, tmp_path: Path) -> None:
    """The finder must catch every bold lead-in the notebooks use, and nothing else."""
    nb = (
        '{"cells": [{"cell_type": "markdown", "source": ["**Try this.** Count A.\\n\\nnot this\\n\\n'
        "**Question.** Why B?\\n\\n**Your turn.** Write C.\\n\\n**Think about it.** D?\\n\\n"
        'We **discuss** here.\\n\\n**Try this:** E."]}, {"cell_type": "code", "source": ["# **Try this.** in code"]}]}'
    )
    (tmp_path / "05_x.ipynb").write_text(nb, encoding="utf-8")
    found = tool.find_prompts(tmp_path)
    assert [p.marker for p in found] == ["Try this", "Question", "Your turn", "Think about it", "Try this"]
    assert found[0].text == "**Try this.** Count A." and found[0].notebook == "05"


def test_match_reports_missing_stale_and_ambiguous(tool) -> None:
    p1 = tool.Prompt("01", "01_x.ipynb", 3, "Try this", "**Try this.** Count the words of every paragraph.")
    p2 = tool.Prompt("02", "02_x.ipynb", 4, "Question", "**Question.** Why a range?")
    entries = [
        {"notebook": "01", "snippet": "Count the  words"},
        {"notebook": "01", "snippet": "every paragraph"},
        {"notebook": "03", "snippet": "Why a range?"},
    ]
    pairs, unmatched, stale, ambiguous = tool.match([p1, p2], entries)
    assert unmatched == [p2]  # the entry for 'Why a range?' is for notebook 03, not 02
    assert [p for p, _ in ambiguous] == [p1]
    assert stale == [entries[2]] and not pairs


def test_model_answers_are_complete(tool) -> None:
    entries = tool.load_model_answers()
    assert {e["kind"] for e in entries} <= {"written", "try"}
    short = [e["snippet"] for e in entries if len(e["answer"].split()) < 15 or len(e["look_for"].split()) < 10]
    assert not short, f"model answers too thin to guide marking: {short}"


def test_model_answers_are_teacher_edition_only(tool) -> None:
    assert "Teacher edition only" in tool.render()


def test_generated_pages_are_in_step(tool) -> None:
    for target, render in tool.TARGETS.items():
        assert target.exists() and target.read_text(encoding="utf-8") == render(), (
            f"{target.relative_to(ROOT)} is out of date: run `make answer-key`"
        )


def test_every_mapping_exercise_has_a_paper_version() -> None:
    key = page("answer-key.md")
    mappings = [eid for eid, e in helpers.exercises.answer_key().items() if e["kind"] == "mapping"]
    assert mappings, "expected mapping exercises"
    missing = [eid for eid in mappings if f"### Paper: `{eid}`" not in key]
    assert not missing, f"answer-key.md has no paper version of {missing}: run `make answer-key`"


def test_answer_key_covers_every_exercise() -> None:
    key = page("answer-key.md")
    missing = [eid for eid in helpers.exercises.answer_key() if f"### `{eid}`" not in key]
    assert not missing, f"answer-key.md lacks {missing}: run `make answer-key`"


# --- links and anchors ---------------------------------------------------------------------------------


def slug(heading: str) -> str:
    """The anchor the site gives a heading (MyST's GitHub-style slug: lower case, punctuation dropped,
    each space a hyphen)."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def headings(path: Path) -> set[str]:
    if path.suffix == ".ipynb":
        import json

        text = "\n".join(
            "".join(c["source"])
            for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "markdown"
        )
    else:
        text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {slug(m) for m in re.findall(r"^#{1,6} (.+)$", text, re.M)}


LINK = re.compile(r"\]\(([^)\s]+)\)")


def _links():
    for md in sorted(GUIDE.glob("*.md")):
        for target in LINK.findall(md.read_text(encoding="utf-8")):
            if not target.startswith(("http://", "https://", "mailto:")):
                yield md.name, target


@pytest.mark.parametrize(("source", "target"), list(_links()), ids=lambda v: str(v))
def test_links_and_section_anchors_resolve(source: str, target: str) -> None:
    path_part, _, anchor = target.partition("#")
    path = (GUIDE / path_part).resolve() if path_part else GUIDE / source
    assert path.exists(), f"{source}: link to {target} - no file {path_part}"
    if anchor:
        assert anchor in headings(path), (
            f"{source}: link to {target} - {path.name} has no section with the anchor '{anchor}' "
            f"(anchors: {sorted(headings(path))[:12]} ...)"
        )


def test_slug_matches_the_site() -> None:
    assert slug('7. Separated families: why "immediate"') == "7-separated-families-why-immediate"
    assert (
        slug("When discussion turns to Japan's colonial and wartime record")
        == "when-discussion-turns-to-japans-colonial-and-wartime-record"
    )
    assert slug("2. Division and war (1945–1953)") == "2-division-and-war-19451953"


def test_safeguarding_points_to_material_that_exists() -> None:
    """The 'people who rebuilt lives' promise of the old page pointed to nothing; every pointer now links a section."""
    text = page("safeguarding.md")
    after = text[text.index("## After the class") : text.index("## Students working alone")]
    assert len(re.findall(r"\.ipynb#", after)) >= 3, "the end-of-session pointers must link notebook sections"


# --- safeguarding, protocols, high-school route ----------------------------------------------------------


@pytest.mark.parametrize(
    "topic",
    [
        "recording",
        "relatives",
        "Zainichi",
        "colonial",
        "class norms",
        "discloses",
        "parents",
        "family information",
        "immigration status",
        "pseudonym",
    ],
)
def test_safeguarding_covers(topic: str) -> None:
    assert topic.lower() in page("safeguarding.md").lower(), f"safeguarding.md says nothing about {topic!r}"


@pytest.mark.parametrize("protocol", ["Think-pair-share", "Structured academic controversy", "Fishbowl"])
def test_discussion_protocols_with_levelled_answers(protocol: str) -> None:
    notes = page("discussion-notes.md")
    m = re.search(rf"^### {protocol}.*?(?=^### |^## )", notes, re.M | re.S)
    assert m, f"discussion-notes.md has no '### {protocol}' protocol"
    for level in ("*Developing:*", "*Secure:*", "*Excellent:*"):
        assert level in m.group(0), f"the {protocol} protocol lacks a sample answer at level {level}"


def test_each_seminar_names_its_protocol() -> None:
    plans = page("lesson-plans.md")
    for seminar, protocol in (
        ("Seminar 1", "think-pair-share"),
        ("Seminar 2", "structured academic controversy"),
        ("Seminar 3", "fishbowl"),
    ):
        block = plans[plans.index(f"### {seminar}") :]
        block = block[: block.index("**Homework.**")]
        assert protocol in block.lower(), f"{seminar} does not use the {protocol} protocol"


def test_high_school_route_has_three_lessons_and_named_sheets() -> None:
    route = page("high-school-route.md")
    assert len(re.findall(r"^## Lesson \d", route, re.M)) == 3
    sheets = re.findall(r"^\| `(hs-\d-[a-z-]+)` \|", route, re.M)
    assert len(sheets) >= 6
    for sheet in sheets:
        assert route.count(sheet) >= 2 or sheet in ("hs-8-exit-tickets",), (
            f"sheet {sheet} is listed but no lesson uses it"
        )


# --- rubric and exemplars -------------------------------------------------------------------------------

CRITERIA = {
    "The commitment": 10,
    "Evidence from the data": 25,
    "What has happened since": 20,
    "Assessment": 30,
    "Sources and care": 15,
}


def rubric_bands() -> dict[str, dict[int, str]]:
    text = page("capstone-rubric.md")
    bands = {}
    for m in re.finditer(r"^### \d\. (.+?) \((\d+) %\)\n(.*?)(?=^### |^## |\Z)", text, re.M | re.S):
        rows = re.findall(r"^\| (\d) \| (.+?) \|$", m.group(3), re.M)
        bands[m.group(1)] = {int(s): d for s, d in rows}
        assert CRITERIA[m.group(1)] == int(m.group(2))
    return bands


def test_rubric_describes_every_band_of_every_criterion() -> None:
    bands = rubric_bands()
    assert set(bands) == set(CRITERIA)
    for criterion, described in bands.items():
        assert sorted(described) == [0, 1, 2, 3, 4], f"{criterion}: bands {sorted(described)}"
        thin = [s for s, d in described.items() if len(d.split()) < 6]
        assert not thin, f"{criterion}: bands {thin} are not really described"


def mark(scores: dict[str, int]) -> float:
    """The rubric's formula: sum of weight x score / 4 (0-100 %, no floor)."""
    return sum(CRITERIA[c] * s / 4 for c, s in scores.items())


def test_mark_starts_at_zero() -> None:
    assert sum(CRITERIA.values()) == 100
    assert mark(dict.fromkeys(CRITERIA, 0)) == 0 and mark(dict.fromkeys(CRITERIA, 4)) == 100
    assert mark(dict.fromkeys(CRITERIA, 1)) == 25
    assert "weight x score / 4" in page("capstone-rubric.md") and "no floor" in page("capstone-rubric.md")


def exemplars() -> list[tuple[str, str, dict[str, int], float, str]]:
    text = page("exemplars.md")
    found = []
    for m in re.finditer(r"^## Exemplar (\w) \((\w+)\): (C\d\d)[^\n]*\n(.*?)(?=^## )", text, re.M | re.S):
        body = m.group(4)
        scores = {c.split(". ", 1)[1]: int(s) for c, s in re.findall(r"^\| (\d\. [^|]+?) \| (\d) \|", body, re.M)}
        stated = float(re.search(r"\*\*Mark: ([\d.]+) %\*\*", body).group(1))
        found.append((m.group(2), m.group(3), scores, stated, body))
    return found


def test_three_exemplars_on_three_commitments_marked_correctly() -> None:
    found = exemplars()
    assert [level for level, *_ in found] == ["strong", "adequate", "weak"]
    assert len({cid for _, cid, *_ in found}) == 3, "the exemplars must be on different commitments"
    commitments = set(helpers.load("commitments")["commitment_id"])
    for level, cid, scores, stated, body in found:
        assert cid in commitments
        assert set(scores) == set(CRITERIA), f"exemplar {level}: marks for {sorted(scores)}"
        assert mark(scores) == pytest.approx(stated), (
            f"exemplar {level}: the scores give {mark(scores)} %, stated {stated} %"
        )
        assert len(re.findall(r"^\| \d\. [^|]+ \| \d \| .{40,} \|$", body, re.M)) == 5, (
            f"exemplar {level}: a comment per criterion"
        )
    marks = [stated for *_, stated, _ in found]
    assert marks == sorted(marks, reverse=True)


def test_exemplars_cite_only_real_sources() -> None:
    ids = set(helpers.load("sources")["id"])
    cited = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+){2,})`", page("exemplars.md")))
    cited = {c for c in cited if not c.startswith(("notebook", "data"))}
    assert cited and not (cited - ids), f"exemplars.md cites ids not in sources.csv: {sorted(cited - ids)}"


# --- the plain-language statement -------------------------------------------------------------------------


def test_plain_reading_covers_every_sentence_and_quotes_the_exact_text(tool) -> None:
    with (ROOT / "data" / "statement_sentences.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    plain = tool.load_plain()
    assert [r["sentence_id"] for r in rows if r["sentence_id"] not in plain] == []
    assert set(plain) <= {r["sentence_id"] for r in rows}, "plain readings for sentence ids that do not exist"
    rendered = page("plain-statement.md")
    for r in rows:
        assert f"*Exact text:* {r['text']}" in rendered, f"{r['sentence_id']}: exact text not quoted as in the data"
        assert plain[r["sentence_id"]] != r["text"], f"{r['sentence_id']}: the plain reading copies the statement"


def test_plain_reading_is_plainer(tool) -> None:
    assert tm.flesch_kincaid_grade(tool.plain_text()) <= 9 < tm.flesch_kincaid_grade(tool.exact_text())


# --- lesson plans and honest times ------------------------------------------------------------------------


def test_lesson_plan_timings_add_up() -> None:
    """Each plan's table of timings sums to the length it announces (e.g. 'Total: 50 minutes')."""
    for name in ("lesson-plans.md", "high-school-route.md"):
        blocks = re.split(r"^#{2,3} ", page(name), flags=re.M)[1:]
        timed = [b for b in blocks if "| minutes |" in b]
        assert len(timed) >= 3, f"{name}: expected timed sessions"
        for block in timed:
            title = block.splitlines()[0]
            total = re.search(r"Total: (\d+) minutes", block)
            assert total, f"{name}: session '{title}' does not state 'Total: N minutes'"
            minutes = [int(m) for m in re.findall(r"^\|.*\| (\d+) \|$", block, re.M)]
            assert minutes and sum(minutes) == int(total.group(1)), (
                f"{name}: '{title}': rows sum to {sum(minutes)}, stated {total.group(1)}"
            )


def test_class_and_seminars_fit_their_slots() -> None:
    plans = page("lesson-plans.md")
    assert "already met `00_start_here`" not in plans, "the 50-minute class must work without notebook 00"
    single = plans[plans.index("### Class:") : plans.index("## (b)")]
    assert "Total: 50 minutes" in single and "25 students" in single and "five groups of five" in single
    for n in (1, 2, 3):
        block = plans[plans.index(f"### Seminar {n}") :]
        assert re.search(r"Total: 90 minutes", block[: block.index("**Homework.**")]), (
            f"seminar {n} must fit 90 minutes"
        )


def _planned() -> dict[str, int]:
    """Each notebook's minutes under the time model (tools/teaching_metrics.py: planned_minutes)."""
    return {n.stem: tm.planned_minutes(ROOT / "notebooks" / f"{n.stem}.ipynb") for n in helpers.collection.NOTEBOOKS}


def _about_hours(minutes: int) -> str:
    """Minutes as 'about N hours' words, to the nearest half hour: 1230 -> '20½', 1270 -> '21'."""
    halves = round(minutes / 30)
    return f"{halves // 2}{'½' if halves % 2 else ''}"


def test_notebook_minutes_equal_the_time_model() -> None:
    """helpers.collection states for each notebook exactly the minutes the time model plans for it."""
    planned = _planned()
    drift = [
        f"{n.stem}: {n.minutes} in helpers.collection, {planned[n.stem]} computed"
        for n in helpers.collection.NOTEBOOKS
        if n.minutes != planned[n.stem]
    ]
    assert not drift, (
        "notebook times differ from tools/teaching_metrics.py planned_minutes(); update helpers/collection.py "
        "NOTEBOOKS, the README table, the notebook's Time line and the lesson plans, then run `make answer-key`: "
        + "; ".join(drift)
    )


def test_self_paced_route_states_the_sum_of_the_notebooks() -> None:
    """Each notebook's row in the self-paced route has its planned minutes; the route total is their sum."""
    planned = _planned()
    route = page("lesson-plans.md")[page("lesson-plans.md").index("## (c)") :]
    rows = dict(re.findall(r"^\| `(\d\d_\w+)` \(all sections\) \|.*\| (\d+) \|$", route, re.M))
    assert set(rows) == set(planned), f"the self-paced route must take every notebook whole once; it has {sorted(rows)}"
    wrong = [
        f"{stem}: {rows[stem]} in the route, {planned[stem]} planned"
        for stem in planned
        if int(rows[stem]) != planned[stem]
    ]
    assert not wrong, "self-paced route rows differ from the time model: " + "; ".join(wrong)
    total = sum(planned.values())
    stated = sum(int(m) for m in re.findall(r"^Total: (\d+) minutes", route, re.M))
    assert stated == total, f"the self-paced sittings total {stated} minutes; the notebooks need {total}"
    hours, minutes = divmod(total, 60)
    sentence = f"add up to {total:,} minutes ({hours} hours and {minutes} minutes)"
    assert sentence in route, f"lesson-plans.md must say the sittings {sentence!r}"


def _start_here_markdown() -> str:
    """The Markdown cells of notebooks/00_start_here.ipynb, where the learning paths are listed."""
    import json

    nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    return "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_route_length_in_hours_is_the_same_everywhere() -> None:
    """'about N hours' for the whole self-paced route, wherever it is stated, is the sum to the half hour."""
    about = _about_hours(sum(_planned().values()))
    stated = {
        "teacher-guide/lesson-plans.md": re.findall(
            r"self-paced route(?: \(|: )about (\d+½?) hours", page("lesson-plans.md")
        ),
        "teacher-guide/README.md": re.findall(r"self-paced route \(about (\d+½?) hours", page("README.md")),
        "README.md": re.findall(
            r"self-paced route of about (\d+½?) hours", (ROOT / "README.md").read_text(encoding="utf-8")
        ),
        "notebooks/00_start_here.ipynb": re.findall(r"self-paced, about (\d+½?) hours", _start_here_markdown()),
    }
    for where, found in stated.items():
        assert found and set(found) == {about}, f"{where} gives the self-paced route as {found} hours, not {about}"


def test_core_route_adds_up_and_is_stated_the_same_everywhere() -> None:
    """The core of the self-paced route: whole notebooks at their planned minutes, parts that sum to the stated
    total, and the same 'about N hours' in the lesson plans, the guide's index and the README."""
    planned = _planned()
    plans = page("lesson-plans.md")
    core = re.search(r"\*\*The core, about (\d+½?) hours\.\*\*(.*?)\n\n", plans, re.S)
    assert core, "lesson-plans.md: no '**The core, about N hours.**' paragraph"
    parts = re.findall(r"`(\d\d_\w+)`((?:\s+§[^(]*)?)\s+\((?:about\s+)?(\d+)(?: minutes)?\)", core.group(2))
    assert len(parts) >= 3, f"the core's parts were not found: {parts}"
    wrong = [f"{stem}: {m}, planned {planned[stem]}" for stem, sec, m in parts if not sec and int(m) != planned[stem]]
    assert not wrong, "whole notebooks in the core differ from the time model: " + "; ".join(wrong)
    total = re.search(r"about\s+(\d+)\s+minutes", core.group(2))
    assert total and int(total.group(1)) == sum(int(m) for _, _, m in parts), (
        f"the core's parts add up to {sum(int(m) for _, _, m in parts)}, stated {total and total.group(1)}"
    )
    about = _about_hours(int(total.group(1)))
    assert core.group(1) == about, f"the core is {total.group(1)} minutes, about {about} hours, not {core.group(1)}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for where, text in {
        "lesson-plans.md": plans,
        "teacher-guide/README.md": page("README.md"),
        "README.md": readme,
        "notebooks/00_start_here.ipynb": _start_here_markdown(),
    }.items():
        found = re.findall(r"a\s+core\s+of\s+about\s+(\d+½?)", text)
        assert found and set(found) == {about}, f"{where} gives the core as about {found} hours, not {about}"


@pytest.mark.parametrize("notebook", helpers.collection.NOTEBOOKS, ids=lambda n: n.stem)
def test_time_line_states_the_planned_minutes(notebook) -> None:
    """The notebook's **Time:** line gives the beginner's minutes of helpers.collection, and where it splits
    them by section right after, the sections add up to that figure."""
    nb = json.loads((ROOT / "notebooks" / f"{notebook.stem}.ipynb").read_text(encoding="utf-8"))
    intro = "\n\n".join("".join(c["source"]) for c in nb["cells"][:3] if c["cell_type"] == "markdown")
    line = re.search(r"\*\*Time:\*\*(.*?)(?:\n\n|\*\*Prerequisites|$)", intro, re.S)
    assert line, f"{notebook.stem}: no **Time:** line in the first cells"
    beginner = re.search(
        r"about (\d+)\s+minutes\s+for\s+a\s+(?:student\s+new\s+to\s+programming|newcomer|beginner)(?:\s+\(([^)]*)\))?",
        line.group(1),
    )
    assert beginner, f"{notebook.stem}: the Time line must say 'about N minutes for a student new to programming'"
    assert int(beginner.group(1)) == notebook.minutes, (
        f"{notebook.stem}: the Time line says {beginner.group(1)} minutes, helpers.collection {notebook.minutes}"
    )
    parts = [int(m) for m in re.findall(r"\b(\d+)\s*(?=[,;]|$)", beginner.group(2) or "")]
    if parts:  # the figure is split by section right after it
        assert sum(parts) == notebook.minutes, (
            f"{notebook.stem}: the Time line's sections add up to {sum(parts)}, not {notebook.minutes}"
        )
