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
* ``hs-*``: the eight sheets the high-school route (teacher-guide/high-school-route.md) names
  (``ROUTE_BUILDERS``): class norms (teacher-guide/safeguarding.md), the plain statement, the verb scale,
  five commitment cards, twelve glossary terms with a matching task, the voices of people who testified
  in public (data/positions.csv), brief C without its marks (teacher-guide/exemplars.md), exit tickets.
  A sheet the route names without a builder is listed when the pack is made.

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
.poster h1 { font-size: 30pt; text-align: center; margin-bottom: 8mm; }
.norm { border-bottom: 0.4mm solid #777; height: 17mm; font-size: 16pt; display: flex; align-items: flex-end; }
.note { background: #f2f2f2; }
.pair { display: grid; grid-template-columns: 1fr 1fr; column-gap: 5mm; }
.pair p { margin: 1mm 0 0 0; }
tr.tall td { height: 8mm; }
table.compact td, table.compact th { padding: 0.7mm 1.4mm; }
.slips .cut { margin: 3mm 0; }
.slips .lines { height: 6.5mm; }
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


def route_card_ids() -> list[str]:
    """The commitments whose cards the route's hs-4 row names (C04, C05, C06, C07 and C11 by default)."""
    return re.findall(r"\bC\d\d\b", route_sheets().get("hs-4-commitment-cards", "")) or [
        "C04",
        "C05",
        "C06",
        "C07",
        "C11",
    ]


def hs_commitment_cards() -> str:
    from helpers import statement as st

    commitments, links, followup = load("commitments"), load("commitment_coi_links"), load("commitment_followup")
    sheets = []
    for cid in route_card_ids():
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


# --- hs-1: the class-norms slips and poster (teacher-guide/safeguarding.md) ----------------------------

SAFEGUARDING = ROOT / "teacher-guide" / "safeguarding.md"
NORMS_HEADING = "Opening activity: agreeing class norms"


def markdown_section(path: Path, heading: str) -> str:
    """The body of the ``## heading`` section of *path* (up to the next ``## ``), or a RuntimeError that
    names the file and the heading a sheet needs."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    match = re.search(rf"^## {re.escape(heading)}[ \t]*\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    if not match:
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        raise RuntimeError(
            f"{name} has no section '## {heading}'; the high-school route's sheets are built from it "
            "(restore the heading, or change tools/handouts.py)"
        )
    return match.group(1).strip()


def inline(text: str) -> str:
    """One line of Markdown as inline HTML (raw HTML disabled, like ``markdown``)."""
    return markdown(text).strip().removeprefix("<p>").removesuffix("</p>")


def class_norms() -> dict[str, Any]:
    """The opening activity of safeguarding.md: its intro, its numbered steps (title, text), the two slip
    sentences of step 1, the norms every class must include, and the paragraph on keeping them visible."""
    section = markdown_section(SAFEGUARDING, NORMS_HEADING)
    where = f"teacher-guide/safeguarding.md, section '{NORMS_HEADING}'"
    steps = [
        (title.strip().rstrip("."), " ".join(body.split()))
        for title, body in re.findall(r"^\d+\. \*\*(.+?)\*\*(.*?)(?=^\d+\. |^\S|\Z)", section, flags=re.M | re.S)
    ]
    if len(steps) < 3:
        raise RuntimeError(f"{where}: expected its three numbered steps (1. **Individually ...** ...)")
    stems = re.findall(r'"([^"]+)"', steps[0][1])
    if len(stems) < 2:
        raise RuntimeError(f'{where}: step 1 no longer gives the two slip sentences ("..." and "...")')
    norms = [
        " ".join(n.split()).rstrip(";.")
        for n in re.findall(r"^[ \t]+- (.+?)(?=^[ \t]+- |^\S|\Z)", section, flags=re.M | re.S)
    ]
    if len(norms) < 3:
        raise RuntimeError(f"{where}: step 3 no longer lists the norms to include (indented '- ' lines)")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", section)]
    keep = next((p for p in paragraphs if p.startswith("Keep the norms visible")), "")
    steps = [(title, body.split(" - ")[0].strip()) for title, body in steps]
    return {"intro": paragraphs[0], "steps": steps, "stems": stems, "norms": norms, "keep": keep}


SLIPS_PER_PAGE = 4
GROUP_SHEETS_PER_PAGE = 2


def hs_class_norms() -> str:
    """Three pages: four individual slips to cut (step 1), two group sheets (step 2), and the poster of the
    agreed norms (step 3) with the norms safeguarding.md says must be among them, all in its own words."""
    norms = class_norms()
    (step1, _), (step2, text2), (step3, _) = norms["steps"][:3]
    stems = "".join(f"<p><b>{inline(s)}</b></p>{answer_lines(2)}" for s in norms["stems"])
    slip = f'<div class="card"><p class="small"><b>{inline(step1)}.</b></p>{stems}</div>'
    group = (
        f'<div class="card"><p class="small"><b>{inline(step2)}.</b> {inline(text2)}</p>'
        + "".join(f"<p><b>{n}.</b></p>{answer_lines(1)}" for n in (1, 2, 3))
        + "</div>"
    )
    must = "".join(f"<li>{inline(n)}</li>" for n in norms["norms"])
    keep = f'<p class="small">{inline(norms["keep"])}</p>' if norms["keep"] else ""
    poster = (
        '<div class="sheet poster"><h1>Our class norms</h1>'
        + "".join(f'<div class="norm"><b>{n}.</b></div>' for n in range(1, 7))
        + f'<div class="box small"><p><b>{inline(step3)}.</b> Make sure these are among them, in the class\'s own '
        f"words:</p><ul>{must}</ul></div>{keep}</div>"
    )
    body = (
        '<div class="sheet slips"><p class="small"><b>Agreeing class norms: the slips.</b> '
        "Cut along the dashed lines: one slip for each student.</p>"
        + '<hr class="cut">'.join([slip] * SLIPS_PER_PAGE)
        + '</div><div class="sheet"><h1>Agreeing class norms: the group sheet</h1>'
        f'<p class="lede">{inline(norms["intro"])} Cut along the dashed line: one sheet for each group of four.</p>'
        + '<hr class="cut">'.join([group] * GROUP_SHEETS_PER_PAGE)
        + "</div>"
        + poster
    )
    return page("Class norms", body, source=footer("teacher-guide/safeguarding.md"))


# --- hs-5: twelve key terms in three languages, with the matching task (data/glossary.csv) -------------

#: How many terms the route's glossary sheet has, and how many of them lesson 2 asks students to match.
ROUTE_TERMS, MATCHED_TERMS = 12, 4


def term_forms(term_en: str) -> list[str]:
    """The English forms a term is looked for by: its name without the bracketed part, each side of a '/'
    ('escapee / defector'), and the bracket when it is the term's abbreviation ('COI', 'ICC'; not 'ROK')."""
    base = re.sub(r"\s*\([^)]*\)", "", term_en).strip()
    forms = [f.strip() for f in base.split("/") if f.strip()]
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", base)).upper()
    for inner in re.findall(r"\(([^)]*)\)", term_en):
        letters = iter(initials)
        if inner.isupper() and all(c in letters for c in inner):  # its letters are the initials, in order
            forms.append(inner)
    return forms


def uses(text: str, form: str) -> int:
    """How often *form* occurs in *text* as a word (plural -s/-es too; 'labor' read as 'labour';
    an abbreviation in capitals only)."""
    flags = 0 if form.isupper() else re.I
    return len(re.findall(rf"\b{re.escape(form)}(?:e?s)?\b", text.replace("labor", "labour"), flags))


def route_texts() -> dict[str, str]:
    """What the route puts in front of students, by lesson: the statement (lesson 1, hs-2 and hs-3), the
    five commitment cards (lesson 2, hs-4), the voices and brief C (lesson 3, hs-6 and hs-7)."""
    from helpers import statement as st

    commitments, links, followup = load("commitments"), load("commitment_coi_links"), load("commitment_followup")
    voices = public_testimony(load("positions"))
    return {
        "statement": " ".join(load("statement_sentences")["text"]),
        "cards": " ".join(st.commitment_card(c, commitments, links, followup) for c in route_card_ids()),
        "voices": " ".join(voices["actor"] + " " + voices["stance"] + " " + voices["short_quote"].fillna("")),
        "brief C": exemplar_brief()[1],
    }


def route_terms(glossary: Any = None) -> Any:
    """The twelve glossary terms of the route, by this rule: a term counts when one of its English forms
    (``term_forms``) occurs in the texts the route's lessons give students (``route_texts``: the statement,
    the five cards, the voices, brief C); the terms used in the most of those texts come first, ties go to
    the term used most often in them all, then to the term id (A-Z); the first twelve are kept.
    Returned as rows of data/glossary.csv with ``texts`` and ``uses`` columns, sorted by English term."""
    glossary = load("glossary") if glossary is None else glossary
    texts = route_texts()
    counts = [[sum(uses(t, f) for f in term_forms(term)) for t in texts.values()] for term in glossary["term_en"]]
    ranked = glossary.assign(texts=[sum(1 for n in c if n) for c in counts], uses=[sum(c) for c in counts])
    ranked = ranked[ranked["texts"] > 0].sort_values(["texts", "uses", "term_id"], ascending=[False, False, True])
    if len(ranked) < ROUTE_TERMS:
        raise RuntimeError(
            f"only {len(ranked)} glossary terms occur in the route's texts; the sheet needs {ROUTE_TERMS}"
        )
    return ranked.head(ROUTE_TERMS).sort_values("term_en", key=lambda s: s.str.lower())


def matching_terms(terms: Any) -> Any:
    """The four of the twelve to match in lesson 2 (which reads the cards): those used most often in the
    five cards, leaving out any whose definition contains the term itself (that would give the answer away);
    ties go to the term id. Returned in the order the meanings are printed: by definition, A-Z."""
    cards = route_texts()["cards"]
    fair = terms[[not any(uses(d, f) for f in term_forms(t)) for t, d in zip(terms["term_en"], terms["definition"])]]
    fair = fair.assign(in_cards=[sum(uses(cards, f) for f in term_forms(t)) for t in fair["term_en"]])
    chosen = fair.sort_values(["in_cards", "term_id"], ascending=[False, True]).head(MATCHED_TERMS)
    if len(chosen) < MATCHED_TERMS:
        raise RuntimeError(f"fewer than {MATCHED_TERMS} of the route's terms have a definition fit to match")
    return chosen.sort_values("definition")


def hs_glossary() -> str:
    """The twelve terms (``route_terms``) in English, Korean and Japanese, with an empty column for the
    letter of a meaning, and four meanings (``matching_terms``) lettered A-D: the student matches them.
    A last page, for the teacher only, has the key and all twelve definitions.

    The rule for the twelve: the glossary terms whose English form occurs in what the route's lessons
    give students (the statement, the five cards, the voices, brief C), those used in the most of these
    texts first, then the most often used, then by term id. The four to match: of the twelve, those the
    cards (lesson 2, where the matching is) use most, whose definitions do not name the term itself."""
    terms = route_terms()
    matched = matching_terms(terms)
    letters = dict(zip(matched["term_id"], "ABCD"))

    def cjk(value: Any, lang: str) -> str:
        if not isinstance(value, str) or not value.strip():
            return '<td class="small">&mdash;</td>'
        return f'<td lang="{lang}">{esc(value)}</td>'

    rows = "".join(
        f"<tr><td><b>{esc(r.term_en)}</b></td>{cjk(r.term_ko, 'ko')}{cjk(r.term_ja, 'ja')}<td></td></tr>"
        for r in terms.itertuples()
    )
    meanings = "".join(f"<p><b>{letters[r.term_id]}.</b> {esc(r.definition)}</p>" for r in matched.itertuples())
    key = "".join(
        f"<tr><td><b>{esc(r.term_en)}</b></td><td>{letters.get(r.term_id, '')}</td>"
        f'<td class="small">{esc(r.definition)}</td></tr>'
        for r in terms.itertuples()
    )
    head = '<tr><th>English</th><th lang="ko">한국어 (Korean)</th><th lang="ja">日本語 (Japanese)</th>'
    body = (
        '<div class="sheet"><h1>Twelve key terms: English, <span lang="ko">한국어</span>, '
        '<span lang="ja">日本語</span></h1><p>Name: ______________________</p>'
        f'<p class="lede">The {ROUTE_TERMS} terms the three lessons use most, with the Korean and Japanese '
        "forms the collection found on a cited page (a dash: none recorded).</p>"
        '<table class="compact"><colgroup><col style="width:33%"><col style="width:24%"><col style="width:25%">'
        f'<col style="width:18%"></colgroup>{head}<th>meaning<br>(A&ndash;D)</th></tr>{rows}</table>'
        f'<div class="box"><h3>Match {MATCHED_TERMS} terms to their meaning</h3>'
        "<p>Read each meaning. Find its term in the table and write the letter beside it.</p>"
        f"{meanings}</div></div>"
        '<div class="sheet"><h1>For the teacher: the key</h1>'
        '<p class="lede">Do not copy this page for students. The letters are the answers to the matching task; '
        "the definitions are the collection's own (sources in <code>data/glossary.csv</code>).</p>"
        '<table class="small compact"><colgroup><col style="width:26%"><col style="width:8%">'
        '<col style="width:66%"></colgroup>'
        f"<tr><th>term</th><th>letter</th><th>definition</th></tr>{key}</table></div>"
    )
    return page("Twelve key terms", body, source=footer("data/glossary.csv", "teacher-guide/high-school-route.md"))


# --- hs-6: the voices (data/positions.csv, as notebook 09 section 10 uses it) ---------------------------

#: The months of the COI's public hearings (Seoul 20-24 August 2013 ... Washington 30-31 October 2013:
#: notebook 09, section 10, citing un-coi-detailed-findings-2014).
HEARINGS = ("2013-08", "2013-10")


def public_testimony(positions: Any) -> Any:
    """The rows of data/positions.csv of people who testified in public under their own names at the COI's
    hearings: actor_type 'witness' (the schema: "a person who testified in their own name (at the COI's
    public hearings)"), channel 'testimony', dated in the hearings' months. This leaves out what notebook 09
    section 10 also shows but is not hearing testimony (statements and interviews of other years)."""
    month = positions["date"].astype(str).str[:7]
    keep = (positions["actor_type"] == "witness") & (positions["channel"] == "testimony") & month.between(*HEARINGS)
    return positions[keep].sort_values(["date", "position_id"])


def voices_content_note() -> str:
    """The route's own content note for lesson 3, with notebook 09 section 10's list of what the summaries
    mention and the class norm on stepping out."""
    route = " ".join(ROUTE.read_text(encoding="utf-8").split())
    uses_line = re.search(r"lesson 3 uses ([^.]+)\.", route)
    cell = next((c for c in notebook_markdown("09_perspectives_and_debates.ipynb") if c.startswith("## 10.")), "")
    mention = re.search(r"\*Content note:\* (.+?\.)", cell)
    step_out = next((n for n in class_norms()["norms"] if "step out" in n), "")
    if not (uses_line and mention and step_out):
        raise RuntimeError(
            "the content note of hs-6-voices is taken from teacher-guide/high-school-route.md ('lesson 3 uses ...'), "
            "notebook 09 section 10 ('*Content note:* ...') and the class norm on stepping out "
            "(teacher-guide/safeguarding.md); one of them is missing"
        )
    return (
        f"<b>Content note.</b> This sheet uses {esc(uses_line.group(1))}. {esc(mention.group(1)[0].upper())}"
        f"{esc(mention.group(1)[1:])} Remember our norm: {esc(step_out)}."
    )


def _when(date: str, precision: str) -> str:
    """A partial date in words at its stated precision (helpers.timeline.format_date does the wording)."""
    from helpers.timeline import format_date

    return format_date(str(date)[: {"day": 10, "month": 7}.get(precision, 4)])


def hs_voices() -> str:
    """One box per person of ``public_testimony``: who, when, our summary (the data's ``stance``), their own
    words where a source printed them (``short_quote``) with the row's source ids, and the pair task."""
    voices = public_testimony(load("positions"))
    if voices.empty:
        raise RuntimeError("data/positions.csv has no rows of public testimony at the COI's hearings")
    route = ROUTE.read_text(encoding="utf-8")
    task = next((line for line in route.splitlines() if "`hs-6-voices`" in line and "pairs" in line), "")
    task = task.split("):", 1)[-1].split("|")[0].strip() if task else "for each row, write what it shows"
    question = re.search(r"^> (Choose one person on the sheet\..*?)(?:\n\n|\Z)", route, flags=re.M | re.S)
    question = " ".join(question.group(1).replace("\n>", " ").split()) if question else ""
    boxes = []
    for r in voices.itertuples():
        ids = ", ".join(f"<code>{esc(s.strip())}</code>" for s in str(r.source_ids).split(";"))
        words = (
            f"<p><b>In their own words:</b> \u201c{esc(r.short_quote)}\u201d ({ids})</p>"
            if isinstance(r.short_quote, str) and r.short_quote.strip()
            else f"<p><b>In their own words:</b> <i>the source prints none; our summary only</i> ({ids})</p>"
        )
        boxes.append(
            f'<div class="box"><h3>{esc(r.actor)}</h3>'
            f'<p class="small">{esc(_when(r.date, r.date_precision))} &middot; row {esc(r.position_id)} of '
            "<code>data/positions.csv</code></p>"
            f"<p><b>What they told the commission</b> (our summary): {esc(r.stance)}</p>{words}"
            f'<div class="pair"><div><p><b>What it shows</b></p>{answer_lines(3)}</div>'
            f"<div><p><b>What it cannot show on its own</b></p>{answer_lines(3)}</div></div></div>"
        )
    body = (
        '<div class="sheet"><h1>Voices: people who testified in public</h1>'
        f'<div class="box note">{voices_content_note()}</div>'
        "<p>Name: ______________________ &nbsp; Partner: ______________________</p>"
        f'<p class="lede">These {len(voices)} people chose to testify in public, under their own names, at the '
        "hearings of the UN Commission of Inquiry (COI) in 2013; many others spoke to it in confidence. Each box "
        "gives our summary of what they told the commission and, where a source printed them, a few of their own "
        "words, with the source id.</p>"
        f"<p><b>{esc(task[0].upper() + task[1:])}.</b> {esc(question)}</p>" + "".join(boxes) + "</div>"
    )
    return page(
        "Voices",
        body,
        source=footer("data/positions.csv", "notebooks/09_perspectives_and_debates.ipynb", "data/sources.csv"),
    )


# --- hs-7: spot the problems in brief C (teacher-guide/exemplars.md) ---------------------------------

EXEMPLARS = ROOT / "teacher-guide" / "exemplars.md"
#: Text that marks a brief (a score, a band, a per cent): none of it may survive on the student's sheet.
MARKING = re.compile(r"\b(?:marks?|marked|scores?|bands?|weak|adequate|strong|criterion|rubric)\b|%|\|", re.I)


def exemplar_brief(letter: str = "C") -> tuple[str, str]:
    """(title, Markdown) of exemplar *letter* without its marking: the band in the heading ('(weak)'), the
    '### Marks for exemplar' table and the '**Mark: ...**' line are dropped; the five parts must remain and
    nothing that reads as marking (``MARKING``) may be left, or this raises rather than print it."""
    text = EXEMPLARS.read_text(encoding="utf-8") if EXEMPLARS.exists() else ""
    match = re.search(rf"^## Exemplar {letter}\b([^\n]*)\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    where = f"teacher-guide/exemplars.md, exemplar {letter}"
    if not match:
        raise RuntimeError(f"{where}: no '## Exemplar {letter} ...' section")
    title = re.sub(r"^\s*\([^)]*\)", "", match.group(1)).strip(" :")
    body = re.split(r"^#{3,} ", match.group(2), maxsplit=1, flags=re.M)[0]
    body = "\n".join(line for line in body.splitlines() if not re.match(r"\s*\*\*Mark:", line)).strip()
    parts = re.findall(r"^\*\*([1-5])\. ", body, flags=re.M)
    if parts != list("12345"):
        raise RuntimeError(f"{where}: expected its five parts (**1. ...** to **5. ...**), found {parts}")
    left = sorted({m.group(0) for m in MARKING.finditer(title + "\n" + body)})
    if left:
        raise RuntimeError(f"{where}: marking text is left after stripping the marks ({left}); check the markup")
    return title, body


def spot_checklist() -> list[str]:
    """The four things to look for, as the route's lesson 3 task lists them ('Look for: a, b, c, and d.')."""
    route = " ".join(ROUTE.read_text(encoding="utf-8").replace("\n>", " ").split())
    match = re.search(r"Find four problems in the brief\. Look for: (.+?)\.", route)
    items = [re.sub(r"^and ", "", i.strip()) for i in match.group(1).split(",")] if match else []
    if len(items) != 4:
        raise RuntimeError(
            "teacher-guide/high-school-route.md: lesson 3's task 'Find four problems in the brief. Look for: ...' "
            "no longer lists four things; hs-7-spot-the-problems takes its checklist from it"
        )
    return items


def hs_spot_the_problems() -> str:
    """Brief C without its marks (``exemplar_brief``), the route's four-line checklist, and the rewrite of
    part 4 with the route's sentence starters."""
    title, brief = exemplar_brief("C")
    route = ROUTE.read_text(encoding="utf-8")
    rewrite = re.search(r"^> (Rewrite part 4 of the brief\..*?)(?:\n\n|\Z)", route, flags=re.M | re.S)
    rewrite = " ".join(rewrite.group(1).replace("\n>", " ").split()) if rewrite else ""
    checklist = "".join(
        f'<tr class="tall"><td>&#9744; {esc(item)}</td><td></td><td></td></tr>' for item in spot_checklist()
    )
    body = (
        f'<div class="sheet"><h1>Spot the problems: brief C</h1><p>Name: ______________________</p>'
        '<p class="lede">An evidence brief on one commitment of the joint statement '
        f"({esc(title)}), written by the collection's authors, not by a student. It has problems: read it, "
        "then find four.</p>"
        f'<div class="box">{markdown(brief)}</div>'
        "<h2>Checklist: four problems</h2>"
        '<table><colgroup><col style="width:38%"><col style="width:14%"><col style="width:48%"></colgroup>'
        f"<tr><th>look for</th><th>part (1&ndash;5)</th><th>what is wrong</th></tr>{checklist}</table>"
        + (f'<div class="box"><p><b>{esc(rewrite)}</b></p>{answer_lines(4)}</div>' if rewrite else "")
        + "</div>"
    )
    return page(
        "Spot the problems", body, source=footer("teacher-guide/exemplars.md", "teacher-guide/high-school-route.md")
    )


# The sheets the route names, each with its builder; one without a builder is reported by `make handouts`.
ROUTE_BUILDERS = {
    "hs-1-class-norms": hs_class_norms,
    "hs-2-statement-plain": hs_statement_plain,
    "hs-3-verb-scale": hs_verb_scale,
    "hs-4-commitment-cards": hs_commitment_cards,
    "hs-5-glossary": hs_glossary,
    "hs-6-voices": hs_voices,
    "hs-7-spot-the-problems": hs_spot_the_problems,
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


def missing_route_sheets() -> list[str]:
    """The sheets the route's table names that cannot be built (no builder, or a file it needs is absent)."""
    return sorted(set(route_sheets()) - set(route_builders()))


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
    missing = missing_route_sheets()
    if missing and not args.only:
        print(f"not built (teacher-guide/high-school-route.md names them; no builder yet): {', '.join(missing)}")
    print(f"{len(pages)} PDFs in {args.output} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
