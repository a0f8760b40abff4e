"""Write the printable classroom pack: PDFs in A4 and US Letter, offline.

    python tools/handouts.py [OUTPUT_DIR] [--only NAME ...]      # default: handouts/_build

Every handout is generated from the collection itself, so it cannot drift from it:

* ``statement``: the joint statement, paragraph by paragraph, each sentence with its id
  (data/statement_sentences.csv);
* ``commitment-cards``: the 17 commitment cards, one per page, as notebook 03
  shows them (``helpers.statement.commitment_card`` over data/commitments.csv,
  commitment_coi_links.csv and commitment_followup.csv);
* ``verb-strength-worksheet``: the speech-act and verb-strength worksheet of notebook 01 (its scale
  table, the statement's sentences, the commitments), with blanks where students answer;
* ``glossary``: data/glossary.csv in English, Korean and Japanese (Noto CJK fonts, embedded);
* ``lesson-worksheets``: one worksheet per lesson plan in teacher-guide/lesson-plans.md, with the
  prompts (never the answers) of the exercises each plan uses (helpers/exercises/*.toml);
* ``capstone-brief``: the brief template (the parts of notebook 10) with the rubric
  (teacher-guide/capstone-rubric.md);
* ``hs-*``: the sheets the high-school route (teacher-guide/high-school-route.md) names, where a
  builder exists (``ROUTE_BUILDERS``); the others are listed when the pack is made.

Pages are HTML printed by Debian Chromium (Playwright ``page.pdf()``, never a downloaded browser,
with a throw-away profile); every request is blocked, so nothing comes from the network. Every data
string is escaped (``html.escape``; Markdown is rendered with raw HTML disabled).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMATS = {"a4": "A4", "letter": "Letter"}
HANDOUTS = (
    "statement",
    "commitment-cards",
    "verb-strength-worksheet",
    "glossary",
    "lesson-worksheets",
    "capstone-brief",
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chromium import ARGS, CHROMIUM  # noqa: E402  (tools/ is not a package)

esc = html.escape

CSS = """
@page { margin: 16mm 15mm 16mm 15mm; }
html {
  font-family: "Noto Sans", "DejaVu Sans", "Noto Sans CJK KR", sans-serif;
  font-size: 10.5pt; line-height: 1.4; color: #000;
}
body { margin: 0; }
h1 { font-size: 17pt; margin: 0 0 4mm 0; }
h2 { font-size: 13pt; margin: 6mm 0 2mm 0; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 4mm 0 1.5mm 0; break-after: avoid; }
p, li, td, th, blockquote { overflow-wrap: anywhere; }
.source { font-size: 8.5pt; color: #333; margin-top: 6mm; border-top: 0.3mm solid #999; padding-top: 2mm; }
.lede { font-size: 9.5pt; color: #222; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 0.3mm solid #777; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
th { background: #eee; }
tr { break-inside: avoid; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.92em; overflow-wrap: anywhere; }
blockquote { margin: 2mm 0 2mm 4mm; padding-left: 3mm; border-left: 1mm solid #999; }
.sid {
  font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; background: #e8e8e8;
  padding: 0 0.8mm; border-radius: 0.6mm; margin-right: 0.8mm;
}
.para { margin: 0 0 3mm 0; break-inside: avoid; }
.para-no { font-weight: bold; }
.lines { border-bottom: 0.3mm solid #999; height: 7mm; }
.box { border: 0.3mm solid #777; padding: 2mm 3mm; margin: 2mm 0 3mm 0; break-inside: avoid; }
.blank { color: #fff; }
.sheet + .sheet { break-before: page; }
.card { border: 0.4mm solid #444; padding: 3mm 4mm; break-inside: avoid; font-size: 10.5pt; }
.card h3 { margin-top: 0; font-size: 12pt; }
.card ul { margin: 1mm 0; padding-left: 5mm; }
.card p { margin: 1.2mm 0; }
.cut { border: 0; border-top: 0.4mm dashed #666; margin: 5mm 0; text-align: center; }
.small { font-size: 8.5pt; }
[lang="ko"] { font-family: "Noto Sans CJK KR", sans-serif; }
[lang="ja"] { font-family: "Noto Sans CJK JP", sans-serif; }
"""


# --- helpers ----------------------------------------------------------------------------------------


def markdown(text: str) -> str:
    """Markdown to HTML with raw HTML disabled, so every data string in it is escaped."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text)


def load(name: str):
    import helpers

    return helpers.load(name)


def page(title: str, body: str, *, source: str, lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f'<style>{CSS}</style></head><body>{body}<p class="source">{source}</p></body></html>'
    )


def footer(*files: str) -> str:
    return (
        "Generated by <code>make handouts</code> from "
        + ", ".join(f"<code>{esc(f)}</code>" for f in files)
        + " of the nkhr-2024 teaching collection (text and data CC BY 4.0; "
        "the joint statement is a government text reproduced for study)."
    )


def exercises() -> dict[str, dict]:
    found: dict[str, dict] = {}
    for path in sorted((ROOT / "helpers" / "exercises").glob("*.toml")):
        for ex in tomllib.loads(path.read_text(encoding="utf-8")).get("exercise", []):
            found[ex["id"]] = ex
    return found


def notebook_markdown(name: str) -> list[str]:
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


def answer_lines(n: int) -> str:
    return "".join('<div class="lines"></div>' for _ in range(n))


# --- the handouts -----------------------------------------------------------------------------------


def statement_html() -> str:
    sentences = load("statement_sentences").sort_values("seq")
    title = sentences[sentences["paragraph"] == 0]["text"].iloc[0]
    body = [
        f"<h1>{esc(title)}</h1>",
        '<p class="lede">Issued by the United States, the Republic of Korea and Japan on 18 October 2024. The text is '
        "exactly as published, [sic] included. Each sentence carries its id: "
        '<span class="sid">p3s1</span> is paragraph 3, '
        "sentence 1, as in the notebooks and the data.</p>",
    ]
    for number, group in sentences[sentences["paragraph"] > 0].groupby("paragraph", sort=True):
        parts = [f'<span class="sid">{esc(r.sentence_id)}</span>{esc(r.text)}' for r in group.itertuples()]
        body.append(f'<p class="para"><span class="para-no">{int(number)}.</span> ' + " ".join(parts) + "</p>")
    return page("The joint statement with sentence ids", "\n".join(body), source=footer("data/statement_sentences.csv"))


#: Cards per printed page. Since the follow-up grew past October 2024 a card needs a whole page to stay legible.
CARDS_PER_PAGE = 1

#: How many follow-up events of each direction a printed card shows (a card must fit half a page).
PRINTED_EVENTS_PER_DIRECTION = 1


def printed_followup(followup: Any, cid: str, keep: int = PRINTED_EVENTS_PER_DIRECTION) -> tuple[Any, int]:
    """The follow-up rows a printed card shows: the latest *keep* of each direction (all rows of other
    commitments are kept, the card selects its own), and how many of this commitment's rows were left out."""
    own = followup[followup["commitment_id"] == cid]
    if "direction" not in own.columns:
        kept = own.sort_values("event_date", ascending=False, na_position="last").head(keep * 3)
    else:
        kept = (
            own.sort_values("event_date", ascending=False, na_position="last")
            .groupby("direction", sort=False, dropna=False)
            .head(keep)
        )
    return kept.sort_index(), len(own) - len(kept)


def commitment_cards_html() -> str:
    from helpers import statement as st

    commitments, links, followup = load("commitments"), load("commitment_coi_links"), load("commitment_followup")
    ids = list(commitments["commitment_id"])
    cover = (
        f"<h1>The {len(ids)} commitment cards</h1>"
        f"<p>One card for each of the {len(ids)} commitments, calls and positions "
        "of the joint statement of 18 October 2024, "
        "exactly as notebook 03 (section 2) shows them: the wording, who commits and how strongly, "
        "the COI paragraphs it echoes, "
        "and the sourced events since (the latest of each kind; the notebook has them all). "
        "One card per page, large enough to read across a table.</p>"
        "<h2>Printing for a class</h2><ul>"
        "<li><b>One card per group</b> (the 50-minute class): "
        "a class of 25 in groups of two or three makes 9 to 12 groups; "
        f"print one set of the {len(ids)} cards and give each group one card "
        "(C04, C05, C06, C07 and C12 work well first).</li>"
        "<li><b>A full set per group</b> (sorting and ranking tasks): "
        "five groups of five need five sets; print this file five times.</li>"
        "</ul><p>The verb strength uses the four-level scale of notebook 01 (1 endorse, 2 call on others, "
        "3 general commitment, 4 specific commitment); it is the collection's analytic judgement, open to argument.</p>"
    )
    sheets = [f'<div class="sheet">{cover}</div>']

    def card(cid: str) -> str:
        printed, left = printed_followup(followup, cid)
        more = (
            (
                f'<p class="more">{left} more sourced event{"s" if left != 1 else ""} since the statement: '
                "see the full card in notebook 03, section 2.</p>"
            )
            if left
            else ""
        )
        return f'<div class="card">{markdown(st.commitment_card(cid, commitments, links, printed))}{more}</div>'

    for i in range(0, len(ids), CARDS_PER_PAGE):
        cards = [card(cid) for cid in ids[i : i + CARDS_PER_PAGE]]
        sheets.append('<div class="sheet">' + '<hr class="cut">'.join(cards) + "</div>")
    return page(
        "Commitment cards",
        "\n".join(sheets),
        source=footer(
            "data/commitments.csv",
            "data/commitment_coi_links.csv",
            "data/commitment_followup.csv",
            "helpers/statement.py",
        ),
    )


def scale_table() -> str:
    """The four-level verb-strength table as notebook 01 section 3 gives it."""
    for cell in notebook_markdown("01_reading_the_statement.ipynb"):
        if cell.startswith("## 3.") and "| level |" in cell:
            table = "\n".join(line for line in cell.splitlines() if line.startswith("|"))
            return markdown(table)
    raise RuntimeError("notebook 01 section 3 no longer has the verb-strength table (| level | ...)")


def verb_strength_html() -> str:
    sentences = load("statement_sentences").sort_values("seq")
    commitments = load("commitments")
    acts = [a for a in dict.fromkeys(sentences["speech_act"]) if a != "title"]
    rows = "".join(
        f'<tr><td><span class="sid">{esc(r.sentence_id)}</span></td><td>{esc(r.text)}</td><td></td></tr>'
        for r in sentences[sentences["paragraph"] > 0].itertuples()
    )
    crow = "".join(
        f"<tr><td><b>{esc(r.commitment_id)}</b></td><td>\u201c{esc(r.exact_phrase)}\u201d</td><td></td><td></td></tr>"
        for r in commitments.itertuples()
    )
    body = f"""
<h1>Speech acts and verb strength: a worksheet</h1>
<p class="lede">Goes with notebook 01, section 3
(<i>Speech acts: what each sentence does, and how strongly it commits</i>) and
notebook 03. Name: ______________________ &nbsp; Group: ________</p>
<h2>The scale</h2>
{scale_table()}
<p class="small">This scale is the collection's analytic judgement, not a fact about the text
(its basis is Searle's distinction
between commissives, which bind the speaker, and directives and expressives, which do not).
You may rank a verb differently: say why.</p>
<h2>Part A. What does each sentence do?</h2>
<p>Write the main speech act of each sentence, using one of: {", ".join(f"<b>{esc(a)}</b>" for a in acts)}.
Underline the subject of the main verb: who speaks?</p>
<table><colgroup><col style="width:12%"><col style="width:63%"><col style="width:25%"></colgroup>
<tr><th>id</th><th>sentence</th><th>speech act</th></tr>{rows}</table>
<h2>Part B. How strongly does each commitment bind its authors?</h2>
<p>Copy the governing verb exactly as written, rate it 1&ndash;4 on the scale, and be ready to defend one rating.</p>
<table><colgroup><col style="width:8%"><col style="width:52%"><col style="width:22%"><col style="width:18%"></colgroup>
<tr><th>id</th><th>the commitment's wording</th><th>governing verb</th><th>level (1&ndash;4)</th></tr>{crow}</table>
<h2>Part C. Your turn</h2>
<p>Find one sentence you would code differently from your neighbour, and write your reason.</p>
{answer_lines(4)}
"""
    return page(
        "Speech acts and verb strength",
        body,
        source=footer(
            "data/statement_sentences.csv", "data/commitments.csv", "notebooks/01_reading_the_statement.ipynb"
        ),
    )


def glossary_html() -> str:
    glossary = load("glossary")
    glossary = glossary.sort_values("term_en", key=lambda s: s.str.lower())

    def cell(value, lang: str) -> str:
        if not isinstance(value, str) or not value.strip():
            return '<td class="small">&mdash;</td>'
        return f'<td lang="{lang}">{esc(value)}</td>'

    rows = []
    for r in glossary.itertuples():
        also = (
            f'<br><span class="small">also: {esc(r.also_known_as)}</span>'
            if isinstance(r.also_known_as, str) and r.also_known_as
            else ""
        )
        rows.append(
            f"<tr><td><b>{esc(r.term_en)}</b>{also}</td>{cell(r.term_ko, 'ko')}{cell(r.term_ja, 'ja')}"
            f'<td class="small">{esc(r.definition)}</td></tr>'
        )
    body = (
        "<h1>Glossary: English, 한국어, 日本語</h1>".replace("한국어", '<span lang="ko">한국어</span>').replace(
            "日本語", '<span lang="ja">日本語</span>'
        )
        + f'<p class="lede">{len(glossary)} terms of the collection, '
        "with the Korean and Japanese forms where the project saw them "
        "used on a cited page (a dash: none recorded). Definitions are the collection's own; sources are in "
        "<code>data/glossary.csv</code>.</p>"
        '<table><colgroup><col style="width:22%"><col style="width:17%">'
        '<col style="width:17%"><col style="width:44%"></colgroup>'
        '<tr><th>English</th><th lang="ko">한국어 (Korean)</th>'
        '<th lang="ja">日本語 (Japanese)</th><th>definition</th></tr>' + "".join(rows) + "</table>"
    )
    return page("Glossary in English, Korean and Japanese", body, source=footer("data/glossary.csv"))


def lesson_plans() -> list[dict]:
    """The plans of teacher-guide/lesson-plans.md: each ### heading with its objectives and section table."""
    text = (ROOT / "teacher-guide" / "lesson-plans.md").read_text(encoding="utf-8")
    plans: list[dict] = []
    route = ""
    for block in re.split(r"^(?=#{2,3} )", text, flags=re.M):
        heading = block.splitlines()[0] if block.strip() else ""
        if heading.startswith("## "):
            route = heading[3:].strip()
        if not heading.startswith("### "):
            continue
        rows = []
        for line in block.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
            if len(cells) >= 2 and not set(line) <= set("|-: ") and cells[0] not in ("section",):
                rows.append(cells)
        objectives = re.search(r"\*\*Objectives\.\*\*(.*?)(?:\n\n|$)", block, flags=re.S)
        plans.append(
            {
                "route": route,
                "title": heading[4:].strip(),
                "rows": rows,
                "objectives": " ".join(objectives.group(1).split()) if objectives else "",
            }
        )
    return plans


NOTEBOOK_CODE = re.compile(r"`(\d\d)_[a-z_]+`")
SKIP_ROWS = ("opening", "wrap-up", "report back", "total")


def lesson_worksheets_html() -> str:
    known = exercises()
    sheets = []
    for plan in lesson_plans():
        tasks = []
        for cells in plan["rows"]:
            section, activity = cells[0], cells[1]
            minutes = cells[2] if len(cells) > 2 else ""
            if section.lower().startswith(SKIP_ROWS):
                continue
            ids = [i for i in re.findall(r"`(\d\d-[a-z0-9-]+)`", section + " " + activity) if i in known]
            prompts = "".join(f'<p class="small"><b>Exercise {esc(i)}.</b> {esc(known[i]["prompt"])}</p>' for i in ids)
            label = markdown(NOTEBOOK_CODE.sub(r"Notebook \1", section)).strip()
            activity_html = markdown(NOTEBOOK_CODE.sub(r"notebook \1", activity))
            lines = 3 if ids or section.lower().startswith(("discussion", "exit")) else 2
            tasks.append(
                f'<div class="box"><h3>{label.removeprefix("<p>").removesuffix("</p>")}'
                f"{f' <span class=small>({esc(minutes)} min)</span>' if minutes.isdigit() else ''}</h3>"
                f"{activity_html}{prompts}{answer_lines(lines)}</div>"
            )
        objectives = f'<p class="small"><b>Objectives.</b> {esc(plan["objectives"])}</p>' if plan["objectives"] else ""
        sheets.append(
            f'<div class="sheet"><p class="small">{esc(plan["route"])}</p><h1>{esc(plan["title"])}</h1>'
            f"<p>Name: ______________________ &nbsp; Date: __________</p>{objectives}{''.join(tasks)}</div>"
        )
    if not sheets:
        raise RuntimeError("teacher-guide/lesson-plans.md has no ### lesson plan headings")
    return page(
        "Lesson worksheets",
        "\n".join(sheets),
        source=footer("teacher-guide/lesson-plans.md", "helpers/exercises/*.toml (prompts only)"),
    )


def capstone_html() -> str:
    parts = []
    for cell in notebook_markdown("10_capstone.ipynb"):
        match = re.match(r"## ([1-5])\. (.+)", cell)
        if match:
            guidance = cell.split("\n\n", 1)[1] if "\n\n" in cell else ""
            lines = 10 if match.group(1) == "5" else 5
            parts.append(
                f'<div class="box"><h3>{esc(match.group(1))}. {esc(match.group(2))}</h3>'
                f'<div class="small">{markdown(guidance)}</div>{answer_lines(lines)}</div>'
            )
    if len(parts) < 5:
        raise RuntimeError("notebook 10 no longer has its five numbered parts (## 1. ... ## 5.)")
    rubric = (ROOT / "teacher-guide" / "capstone-rubric.md").read_text(encoding="utf-8")
    rubric = re.sub(r"^# .*\n", "", rubric, count=1)
    body = (
        '<div class="sheet"><h1>Capstone: an evidence brief on one commitment</h1>'
        "<p>Name: ______________________ &nbsp; Commitment: C____ &nbsp; Date: __________</p>"
        '<p class="lede">The template follows notebook 10. Fill in each part, citing bibliography ids from '
        "<code>data/sources.csv</code>; the rubric overleaf is how the brief is judged.</p>"
        + "".join(parts)
        + '<div class="box"><h3>Sources (bibliography ids)</h3>'
        + answer_lines(3)
        + "</div></div>"
        f'<div class="sheet"><h1>Capstone rubric</h1><div class="small">{markdown(rubric)}</div></div>'
    )
    return page(
        "Capstone brief and rubric",
        body,
        source=footer("notebooks/10_capstone.ipynb", "teacher-guide/capstone-rubric.md"),
    )


# --- the high-school route's sheets (teacher-guide/high-school-route.md names them) -----------------

ROUTE = ROOT / "teacher-guide" / "high-school-route.md"


def route_sheets() -> dict[str, str]:
    """{sheet name: its row of the route's table} for every `hs-*` sheet the route asks for."""
    if not ROUTE.exists():
        return {}
    found = {}
    for line in ROUTE.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*`(hs-[a-z0-9-]+)`\s*\|", line)
        if match:
            found[match.group(1)] = line
    return found


def hs_statement_plain() -> str:
    plain = tomllib.loads((ROOT / "teacher-guide" / "plain-statement.toml").read_text(encoding="utf-8"))["plain"]
    sentences = load("statement_sentences").sort_values("seq")
    rows = "".join(
        f'<tr><td><span class="sid">{esc(r.sentence_id)}</span></td><td>{esc(r.text)}</td>'
        f"<td>{esc(plain.get(r.sentence_id, ''))}</td></tr>"
        for r in sentences.itertuples()
    )
    body = (
        "<h1>The statement: the exact words and a plain reading</h1>"
        '<p class="lede">Left: the joint statement of 18 October 2024, exactly as published. '
        "Right: our plain-language reading, "
        "in our own words (it adds nothing; every claim stays the governments' claim). "
        "Find each idea of the plain reading in the exact text.</p>"
        '<table><colgroup><col style="width:9%"><col style="width:45.5%"><col style="width:45.5%"></colgroup>'
        f"<tr><th>id</th><th>exact text</th><th>plain reading</th></tr>{rows}</table>"
    )
    return page(
        "The statement, exact and plain",
        body,
        source=footer("data/statement_sentences.csv", "teacher-guide/plain-statement.toml"),
    )


def hs_verb_scale() -> str:
    prompt = exercises()["01-speech-acts"]["prompt"]
    ids = re.findall(r"p\d+s\d+", prompt.split("Sentences:")[-1])
    sentences = load("statement_sentences").set_index("sentence_id")
    rows = "".join(
        f'<tr><td><span class="sid">{esc(i)}</span></td><td>{esc(sentences.loc[i, "text"])}</td><td></td><td></td></tr>'
        for i in ids
    )
    body = (
        f"<h1>How strong is the promise?</h1><p>Name: ______________________</p>{scale_table()}"
        "<p>Rate each sentence from 1 to 4. A 1 is a view. A 4 is a promise to act. "
        "Write one reason for each rating.</p>"
        '<table><colgroup><col style="width:9%"><col style="width:55%">'
        '<col style="width:10%"><col style="width:26%"></colgroup>'
        f"<tr><th>id</th><th>sentence</th><th>1&ndash;4</th><th>my reason</th></tr>{rows}</table>"
    )
    return page(
        "The verb scale",
        body,
        source=footer("notebooks/01_reading_the_statement.ipynb", "data/statement_sentences.csv"),
    )


def hs_commitment_cards() -> str:
    from helpers import statement as st

    commitments, links, followup = load("commitments"), load("commitment_coi_links"), load("commitment_followup")
    ids = re.findall(r"\bC\d\d\b", route_sheets().get("hs-4-commitment-cards", "")) or [
        "C04",
        "C05",
        "C06",
        "C07",
        "C11",
    ]
    sheets = []
    for cid in ids:
        boxes = "".join(
            f'<div class="box"><b>{q}</b>{answer_lines(2)}</div>'
            for q in
            # the four boxes of lesson 2's student tasks (teacher-guide/high-school-route.md)
            (
                "The exact words of the commitment",
                "Who makes the promise? Who has to act?",
                "One thing that happened after 18 October 2024: its date",
                "Its source id",
            )
        )
        sheets.append(
            '<div class="sheet"><div class="card">'
            f"{markdown(st.commitment_card(cid, commitments, links, followup))}</div>{boxes}</div>"
        )
    return page(
        "Five commitment cards",
        "\n".join(sheets),
        source=footer("data/commitments.csv", "data/commitment_followup.csv", "helpers/statement.py"),
    )


def hs_exit_tickets() -> str:
    tickets = re.findall(r"^> Exit ticket\. (.+)$", ROUTE.read_text(encoding="utf-8"), flags=re.M)
    if not tickets:
        raise RuntimeError("teacher-guide/high-school-route.md has no '> Exit ticket.' lines")
    sheets = []
    for number, ticket in enumerate(tickets, 1):
        slip = (
            f'<div class="card"><b>Lesson {number}: exit ticket</b> &nbsp; Name: ______________<p>{esc(ticket)}</p>'
            f"{answer_lines(2)}</div>"
        )
        sheets.append('<div class="sheet">' + '<hr class="cut">'.join([slip] * 4) + "</div>")
    return page("Exit tickets", "\n".join(sheets), source=footer("teacher-guide/high-school-route.md"))


# Sheets the route names that are built here; the others are reported by `make handouts`.
ROUTE_BUILDERS = {
    "hs-2-statement-plain": hs_statement_plain,
    "hs-3-verb-scale": hs_verb_scale,
    "hs-4-commitment-cards": hs_commitment_cards,
    "hs-8-exit-tickets": hs_exit_tickets,
}


BUILDERS = {
    "statement": statement_html,
    "commitment-cards": commitment_cards_html,
    "verb-strength-worksheet": verb_strength_html,
    "glossary": glossary_html,
    "lesson-worksheets": lesson_worksheets_html,
    "capstone-brief": capstone_html,
}


# --- printing ---------------------------------------------------------------------------------------


def page_count(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        match = re.search(r"^Pages:\s+(\d+)", out, flags=re.M)
        if match:
            return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def print_pdfs(documents: dict[str, Callable[[], str]], output: Path) -> dict[str, int]:
    """Print each {name: builder of HTML} in both paper sizes into *output*; return {file: pages}."""
    if not Path(CHROMIUM).exists():
        raise SystemExit(
            f"Debian chromium is needed to print the handouts and was not found at {CHROMIUM} "
            "(sudo apt install chromium fonts-noto-cjk)"
        )
    from playwright.sync_api import sync_playwright

    output.mkdir(parents=True, exist_ok=True)
    pages: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            tab = context.new_page()
            # Nothing from the network: every request other than the page itself is refused.
            tab.route(
                "**/*", lambda r: r.abort() if not r.request.url.startswith(("data:", "about:")) else r.continue_()
            )
            for name, builder in documents.items():
                tab.set_content(builder(), wait_until="load")
                tab.evaluate("document.fonts.ready")
                for suffix, fmt in FORMATS.items():
                    pdf = output / f"{name}-{suffix}.pdf"
                    tab.pdf(
                        path=str(pdf),
                        format=fmt,
                        print_background=True,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template='<div style="font-size:7pt;width:100%;text-align:center;color:#555">'
                        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
                        margin={"top": "16mm", "bottom": "16mm", "left": "15mm", "right": "15mm"},
                    )
                    pages[pdf.name] = page_count(pdf)
        finally:
            context.close()
    return pages


def route_builders() -> dict:
    """The route's sheets that can be built now (its table names them; a plain reading needs its file)."""
    wanted = route_sheets()
    ready = {n: b for n, b in ROUTE_BUILDERS.items() if n in wanted}
    if not (ROOT / "teacher-guide" / "plain-statement.toml").exists():
        ready.pop("hs-2-statement-plain", None)
    return ready


def render(output: Path, names: tuple[str, ...] = HANDOUTS, *, route: bool = True) -> dict[str, int]:
    """Write every handout (and the high-school route's sheets) in both sizes; return {file: pages}."""
    documents = {name: BUILDERS[name] for name in names}
    if route:
        documents |= route_builders()
    return print_pdfs(documents, output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", type=Path, default=ROOT / "handouts" / "_build")
    parser.add_argument("--only", nargs="+", choices=HANDOUTS, help="print only these handouts")
    args = parser.parse_args(argv)
    if args.output.resolve().is_relative_to((ROOT / "data").resolve()):
        raise SystemExit("the handouts are never written into data/")
    start = time.perf_counter()
    pages = render(args.output, tuple(args.only or HANDOUTS), route=not args.only)
    for name, count in pages.items():
        print(f"  {name}: {count} page{'s' if count != 1 else ''}")
    missing = sorted(set(route_sheets()) - set(route_builders()))
    if missing and not args.only:
        print(f"not built (teacher-guide/high-school-route.md names them; no builder yet): {', '.join(missing)}")
    print(f"{len(pages)} PDFs in {args.output} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
