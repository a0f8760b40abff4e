"""The printable classroom pack (tools/handouts.py): every PDF in A4 and US Letter, with text, nothing
cut at a margin, the statement's sentences whole, CJK fonts embedded, and no answers.

Prints with Debian Chromium (skipped, with the reason, where it is absent) and reads the PDFs with
poppler-utils (pdftoppm, pdftotext, pdffonts; skipped where absent). `.ci/run` installs both.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

spec = importlib.util.spec_from_file_location("handouts", ROOT / "tools" / "handouts.py")
tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tool)

POPPLER = all(shutil.which(t) for t in ("pdftoppm", "pdftotext", "pdffonts", "pdfinfo"))
SIZES = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}  # points


def text_of(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The whole pack, printed once into a temp folder (never handouts/_build or data/)."""
    if not Path(tool.CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt install chromium)")
    if not POPPLER:
        pytest.skip("poppler-utils is not installed (apt install poppler-utils)")
    pytest.importorskip("playwright.sync_api")
    out = tmp_path_factory.mktemp("handouts")
    return out, tool.render(out)


def test_every_handout_in_both_sizes(pack) -> None:
    out, pages = pack
    names = list(tool.HANDOUTS) + list(tool.route_builders())
    expected = {f"{name}-{size}.pdf" for name in names for size in tool.FORMATS}
    assert set(pages) == expected
    for name in expected:
        info = subprocess.run(["pdfinfo", str(out / name)], capture_output=True, text=True).stdout
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
        want = SIZES[name.rsplit("-", 1)[1][:-4]]
        assert abs(width - want[0]) < 2 and abs(height - want[1]) < 2, f"{name}: {width} x {height}"
    print("\n" + "\n".join(f"  {k}: {v} pages" for k, v in sorted(pages.items())))


def test_first_page_renders_with_text_and_no_line_is_clipped(pack, tmp_path: Path) -> None:
    import matplotlib.image as mpimg

    out, pages = pack
    for name in sorted(pages):
        pdf = out / name
        png = tmp_path / name.replace(".pdf", "")
        subprocess.run(
            ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png)], check=True
        )
        image = mpimg.imread(str(png) + ".png")
        ink = (image[..., :3].mean(axis=2) < 0.5).mean()
        assert 0.005 < ink < 0.5, f"{name}: first page looks blank or solid ({ink:.3%} dark pixels)"
        assert len(text_of(pdf, "-f", "1", "-l", "1").split()) > 30, f"{name}: first page has no text"
        clipped = clipped_words(pdf)
        assert not clipped, f"{name}: {len(clipped)} words at or beyond the margin, e.g. {clipped[:3]}"


def clipped_words(pdf: Path) -> list[str]:
    """Words of any page that cross the 15 mm side margins (42.5 pt): text there has run out of its
    column. Chromium drops glyphs a box clips away entirely, so a cut line shows as a word that
    straddles the margin."""
    layout = text_of(pdf, "-bbox")
    page_width = float(re.search(r'<page width="([\d.]+)"', layout).group(1))
    words = re.findall(r'<word xMin="([-\d.]+)" yMin="[-\d.]+" xMax="([-\d.]+)" yMax="[-\d.]+">([^<]*)</word>', layout)
    assert words, f"{pdf.name}: pdftotext found no words"
    margin = 15 / 25.4 * 72
    return [w for x0, x1, w in words if float(x0) < margin - 1 or float(x1) > page_width - margin + 1]


def test_the_clipping_check_catches_a_line_cut_at_the_margin(pack, tmp_path: Path) -> None:
    # A box that clips its overflow (as the site's scrolling outputs did when printed) cuts the line.
    line = "This line does not wrap and runs off the paper: " + " ".join(f"word{i}" for i in range(60))

    def bad() -> str:
        return tool.page(
            "clipped",
            f'<div style="overflow: hidden"><p style="white-space: nowrap">{line}</p></div>'
            f"<p>{'filler text ' * 40}</p>",
            source="test",
        )

    pages = tool.print_pdfs({"clipped": bad}, tmp_path)
    assert pages == {"clipped-a4.pdf": 1, "clipped-letter.pdf": 1}
    assert clipped_words(tmp_path / "clipped-a4.pdf")


def test_statement_has_every_sentence_whole_with_its_id(pack) -> None:
    out, _ = pack
    sentences = tool.load("statement_sentences")
    for size in tool.FORMATS:
        text = flat(text_of(out / f"statement-{size}.pdf"))
        for row in sentences.itertuples():
            assert flat(row.text) in text, f"{size}: sentence {row.sentence_id} is not whole"
            if row.paragraph > 0:
                assert row.sentence_id in text


def test_commitment_cards_fit_their_page(pack) -> None:
    out, pages = pack
    ids = list(tool.load("commitments")["commitment_id"])
    assert len(ids) == 17
    for size in tool.FORMATS:
        text = text_of(out / f"commitment-cards-{size}.pdf")
        for cid in ids:
            assert re.search(rf"\b{cid} · ", text), f"{size}: card {cid} missing"
        per_page = tool.CARDS_PER_PAGE
        assert pages[f"commitment-cards-{size}.pdf"] == 1 + (len(ids) + per_page - 1) // per_page, (
            "a card spilled over its page"
        )


def test_glossary_in_three_languages_with_embedded_cjk_fonts(pack) -> None:
    out, _ = pack
    glossary = tool.load("glossary")
    pdf = out / "glossary-a4.pdf"
    text = flat(text_of(pdf, "-raw"))  # content order: one table cell after another
    squeezed = re.sub(r"\s", "", text)  # a Korean or Japanese term may break at any character
    for value in list(glossary["term_ko"].dropna()) + list(glossary["term_ja"].dropna()):
        assert re.sub(r"\s", "", value) in squeezed, value
    assert re.search("[\uac00-\ud7af]", text) and re.search("[\u3040-\u30ff]", text)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), "a font is not embedded:\n" + "\n".join(fonts)


def test_a_worksheet_per_lesson_plan_with_prompts_and_no_answers(pack) -> None:
    out, _ = pack
    plans = tool.lesson_plans()
    assert len(plans) >= 5
    text = flat(text_of(out / "lesson-worksheets-a4.pdf"))
    for plan in plans:
        assert flat(plan["title"])[:40] in text, plan["title"]
    assert text.count("Name:") == len(plans)
    assert "Exercise 01-speech-acts." in text  # prompts are there
    everything = " ".join(flat(text_of(out / f"{name}-a4.pdf")) for name in tool.HANDOUTS)
    for ex in tool.exercises().values():
        explanation = flat(ex.get("explanation", ""))
        assert explanation[:60] not in everything or not explanation, f"the explanation of {ex['id']} is in a handout"
        answer = ex.get("answer")
        if isinstance(answer, str) and len(answer) > 25 and ex.get("kind") in ("free", "text"):
            assert flat(answer)[:60] not in everything, f"the answer of {ex['id']} is in a handout"
    assert "Answer." not in everything


def test_capstone_template_has_its_five_parts_and_the_rubric(pack) -> None:
    out, _ = pack
    text = flat(text_of(out / "capstone-brief-letter.pdf"))
    for part in (
        "1. Choose a commitment",
        "2. The wording",
        "3. Evidence from the data",
        "4. What has happened since",
        "5. Your assessment",
    ):
        assert part in text
    assert "Capstone rubric" in text and "Moderation." in text


def test_data_strings_are_escaped(monkeypatch) -> None:
    import pandas as pd

    real = tool.load("statement_sentences")
    tricky = real.copy()
    tricky.loc[tricky.index[1], "text"] = '<script>alert("x")</script> & <b>bold</b>'
    monkeypatch.setattr(tool, "load", lambda name: tricky if name == "statement_sentences" else real)
    page = tool.statement_html()
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert isinstance(real, pd.DataFrame)


def test_markdown_is_rendered_without_raw_html() -> None:
    assert "<img" not in tool.markdown(
        '<img src="https://example.org/x.png"> **a**'
    ) and "<strong>a</strong>" in tool.markdown("**a**")


def test_handouts_refuse_to_write_into_data() -> None:
    with pytest.raises(SystemExit, match="never written into data"):
        tool.main([str(ROOT / "data" / "handouts")])


def test_high_school_route_sheets_follow_the_route(tmp_path: Path, monkeypatch) -> None:
    route = tmp_path / "high-school-route.md"
    route.write_text(
        "| sheet | what |\n|---|---|\n| `hs-3-verb-scale` | scale |\n| `hs-4-commitment-cards` | C05 and C11 |\n"
        "| `hs-9-unknown` | x |\n\n> Exit ticket. The strongest <promise> is ...\n\n> Exit ticket. One question ...\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(tool, "ROUTE", route)
    assert set(tool.route_sheets()) == {"hs-3-verb-scale", "hs-4-commitment-cards", "hs-9-unknown"}
    assert set(tool.route_builders()) == {"hs-3-verb-scale", "hs-4-commitment-cards"}
    tickets = tool.hs_exit_tickets()
    assert tickets.count("exit ticket</b>") == 2 * 4 and "&lt;promise&gt;" in tickets
    cards = tool.hs_commitment_cards()
    assert "C05 · " in cards and "C11 · " in cards and "C04 · " not in cards
    scale = tool.hs_verb_scale()
    for sid in ("p3s1", "p4s2", "p5s1", "p5s2", "p6s1"):
        assert f'<span class="sid">{sid}</span>' in scale


# --- the high-school route's sheets ----------------------------------------------------------------------

NEW_ROUTE_SHEETS = ("hs-1-class-norms", "hs-5-glossary", "hs-6-voices", "hs-7-spot-the-problems")


def html_text(page: str) -> str:
    """The visible text of a built page (tags dropped, entities decoded), flattened like the PDFs' text."""
    import html

    body = re.sub(r"</?(?:b|i|code|span)\b[^>]*>", "", page.split("<body>", 1)[-1])
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def squeeze(text: str) -> str:
    """Text without spaces and hyphens: pdftotext joins a word broken at a hyphen at the end of a line."""
    return re.sub(r"[\s-]", "", text)


def test_every_sheet_the_route_names_has_a_builder() -> None:
    named = tool.route_sheets()
    assert len(named) == 8, sorted(named)
    assert set(named) <= set(tool.ROUTE_BUILDERS), f"no builder for {sorted(set(named) - set(tool.ROUTE_BUILDERS))}"
    assert set(tool.route_builders()) == set(named)
    assert tool.missing_route_sheets() == []  # so `make handouts` reports none as "not built"


def test_a_sheet_the_route_names_without_a_builder_is_reported(tmp_path: Path, monkeypatch) -> None:
    route = tmp_path / "high-school-route.md"
    route.write_text("| sheet | what |\n|---|---|\n| `hs-5-glossary` | x |\n| `hs-9-unknown` | y |\n", encoding="utf-8")
    monkeypatch.setattr(tool, "ROUTE", route)
    assert tool.missing_route_sheets() == ["hs-9-unknown"]


def test_the_new_route_sheets_are_in_the_pack(pack) -> None:
    _, pages = pack
    for name in NEW_ROUTE_SHEETS:
        for size in tool.FORMATS:
            assert pages.get(f"{name}-{size}.pdf", 0) >= 1, f"{name}-{size}.pdf was not printed"


# hs-1: the class norms


def safeguarding_norms() -> list[str]:
    """The norms of safeguarding.md's opening activity, read here without the tool's parser."""
    text = (ROOT / "teacher-guide" / "safeguarding.md").read_text(encoding="utf-8")
    section = text.split("## Opening activity: agreeing class norms", 1)[1].split("\n## ", 1)[0]
    return [flat(n).rstrip(";.") for n in re.findall(r"^   - (.+?)(?=^   - |^\S|\Z)", section, re.M | re.S)]


def test_class_norms_sheet_has_the_slips_and_the_poster(pack) -> None:
    out, pages = pack
    norms = safeguarding_norms()
    assert len(norms) == 5
    for size in tool.FORMATS:
        pdf = out / f"hs-1-class-norms-{size}.pdf"
        first = flat(text_of(pdf, "-f", "1", "-l", "1"))
        stem = "To talk about this subject well, I need others to ..."
        assert first.count(stem) == tool.SLIPS_PER_PAGE and first.count("I will ...") == tool.SLIPS_PER_PAGE
        text = flat(text_of(pdf))
        assert "Our class norms" in text
        for norm in norms:
            assert norm in text, f"{size}: the norm '{norm[:40]}' is not on the poster"
        assert pages[pdf.name] == 3, f"{size}: slips, group sheet and poster should be three pages"


def test_class_norms_fail_clearly_without_their_section(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "safeguarding.md"
    text = (ROOT / "teacher-guide" / "safeguarding.md").read_text(encoding="utf-8")
    copy.write_text(text.replace("## Opening activity: agreeing class norms", "## Agreeing norms"), encoding="utf-8")
    monkeypatch.setattr(tool, "SAFEGUARDING", copy)
    with pytest.raises(RuntimeError, match="has no section '## Opening activity: agreeing class norms'"):
        tool.hs_class_norms()


# hs-5: twelve terms


def test_route_glossary_terms_follow_the_rule() -> None:
    terms = tool.route_terms()
    assert len(terms) == tool.ROUTE_TERMS == 12
    texts = " ".join(tool.route_texts().values()).lower().replace("labor", "labour")
    for term in terms["term_en"]:
        assert any(form.lower() in texts for form in tool.term_forms(term)), f"{term} is not in the route's texts"
    glossary = tool.load("glossary")
    left_out = glossary[~glossary["term_id"].isin(terms["term_id"])]
    # A term the route uses everywhere must come in; here one left out is renamed so that it does.
    bumped = glossary.copy()
    bumped.loc[bumped["term_id"] == left_out["term_id"].iloc[0], "term_en"] = "North Korea"
    assert left_out["term_id"].iloc[0] in set(tool.route_terms(bumped)["term_id"])


def test_route_glossary_has_cjk_with_lang_and_a_matching_task(pack) -> None:
    import html

    out, _ = pack
    terms = tool.route_terms()
    matched = tool.matching_terms(terms)
    page = tool.hs_glossary()
    student, teacher = page.split('<div class="sheet">')[1:3]
    for r in terms.itertuples():
        for value, lang in ((r.term_ko, "ko"), (r.term_ja, "ja")):
            if isinstance(value, str) and value.strip():
                assert f'<td lang="{lang}">{html.escape(value)}</td>' in student, f"{value} has no lang={lang}"
    # the student part: the four meanings lettered, never next to their terms; no other definition
    assert len(matched) == 4
    for r in terms.itertuples():
        printed = html.escape(r.definition) in student
        assert printed == (r.term_id in set(matched["term_id"])), r.term_id
        row = re.search(rf"<tr><td><b>{re.escape(html.escape(r.term_en))}</b></td>.*?</tr>", student)
        assert row and html.escape(r.definition) not in row.group(0)
    for r in matched.itertuples():
        named = [f for f in tool.term_forms(r.term_en) if re.search(rf"\b{re.escape(f)}", r.definition, re.I)]
        assert not named, f"the meaning of {r.term_en} names the term ({named}): the match is given away"
    assert "For the teacher: the key" in teacher
    pdf = out / "hs-5-glossary-a4.pdf"
    first = flat(text_of(pdf, "-raw", "-f", "1", "-l", "1"))
    squeezed = re.sub(r"\s", "", first)
    for value in list(terms["term_ko"].dropna()) + list(terms["term_ja"].dropna()):
        assert re.sub(r"\s", "", value) in squeezed, value
    assert re.search("[\uac00-\ud7af]", first) and re.search("[\u3040-\u30ff\u4e00-\u9fff]", first)
    for letter in "ABCD":
        assert f"{letter}. " in first
    assert "For the teacher" not in first
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), "a font is not embedded:\n" + "\n".join(fonts)
    # Chromium embeds the (CFF-based) Noto CJK glyphs as Type 3 fonts; a sheet with no CJK text has none.
    assert any("Type 3" in line for line in fonts)
    plain = subprocess.run(["pdffonts", str(out / "hs-7-spot-the-problems-a4.pdf")], capture_output=True, text=True)
    assert "Type 3" not in plain.stdout
    if shutil.which("fc-match"):
        for family in ("Noto Sans CJK KR", "Noto Sans CJK JP"):
            found = subprocess.run(["fc-match", family], capture_output=True, text=True).stdout
            assert "NotoSansCJK" in found.replace(" ", ""), f"{family} is not installed (fonts-noto-cjk): {found}"


# hs-6: the voices


def voices_problems(text: str, positions) -> list[str]:
    """What is wrong with the voices sheet's *text* against the data: a row printed that is not public
    testimony by name at the COI's hearings (actor_type witness, channel testimony, 2013), such a row
    missing, a summary not printed whole, a quote without its source ids, or no content note first."""
    public = positions[
        (positions["actor_type"] == "witness")
        & (positions["channel"] == "testimony")
        & positions["date"].astype(str).str.startswith("2013")
    ]
    printed = re.findall(r"row (p\d+) of", text)
    problems = [f"{pid} is not public testimony by name" for pid in printed if pid not in set(public["position_id"])]
    problems += [f"{pid} is missing" for pid in public["position_id"] if pid not in printed]
    for r in public[public["position_id"].isin(printed)].itertuples():
        if squeeze(r.stance) not in squeeze(text):
            problems.append(f"{r.position_id}: the summary is not whole")
        if isinstance(r.short_quote, str) and r.short_quote:
            ids = ", ".join(s.strip() for s in r.source_ids.split(";"))
            if squeeze(f"\u201c{r.short_quote}\u201d ({ids})") not in squeeze(text):
                problems.append(f"{r.position_id}: the quote is not attributed with its source ids")
    note = text.find("Content note.")
    if note < 0 or (printed and note > text.find(f"row {printed[0]}")):
        problems.append("no content note before the first row")
    return problems


def test_voices_has_only_public_testimony_by_name(pack) -> None:
    out, _ = pack
    positions = tool.load("positions")
    for size in tool.FORMATS:
        text = flat(text_of(out / f"hs-6-voices-{size}.pdf"))
        assert not voices_problems(text, positions), voices_problems(text, positions)
        assert "people said in public at the UN inquiry's hearings, with no detail of what happened to them" in text


def test_voices_check_fails_on_a_row_that_is_not_public_testimony(monkeypatch) -> None:
    positions = tool.load("positions")
    assert not voices_problems(html_text(tool.hs_voices()), positions)
    # notebook 09 section 10's wider selection (witness or family member) takes in 2015 statements and an
    # interview: the check must refuse them
    monkeypatch.setattr(
        tool, "public_testimony", lambda p: p[p["actor_type"].isin(["witness", "family_member"])].sort_values("date")
    )
    problems = voices_problems(html_text(tool.hs_voices()), positions)
    assert {"p42 is not public testimony by name", "p81 is not public testimony by name"} <= set(problems)


def test_voices_follow_a_perturbed_row_in_the_data(monkeypatch) -> None:
    real = tool.load
    positions = real("positions").copy()
    # p69 recoded as a scholar's view, p42 (Shin's 2015 statement) recoded as testimony: neither is hearing testimony
    positions.loc[positions["position_id"] == "p69", "actor_type"] = "scholar"
    positions.loc[positions["position_id"] == "p42", "channel"] = "testimony"
    monkeypatch.setattr(tool, "load", lambda name: positions if name == "positions" else real(name))
    text = html_text(tool.hs_voices())
    assert "row p69 of" not in text and "row p42 of" not in text
    assert not voices_problems(text, positions)
    # and the sheet printed from the real data is wrong against the perturbed data
    monkeypatch.setattr(tool, "load", real)
    assert "p69 is not public testimony by name" in voices_problems(html_text(tool.hs_voices()), positions)


# hs-7: spot the problems


def exemplar_c_marking() -> list[str]:
    """What marks exemplar C in exemplars.md: the comment of each criterion, the mark line and the band."""
    text = (ROOT / "teacher-guide" / "exemplars.md").read_text(encoding="utf-8")
    marks = text.split("### Marks for exemplar C", 1)[1].split("\n## ", 1)[0]
    comments = [flat(c)[:50] for c in re.findall(r"^\| \d\. [^|]+\| \d \| (.+?) \|$", marks, re.M)]
    assert len(comments) == 5
    mark = re.search(r"\*\*Mark: ([^*]+)\*\*", marks).group(1)
    return [*comments, "Mark:", mark, "(weak)", "weak"]


def marking_left(text: str) -> list[str]:
    found = [m for m in exemplar_c_marking() if m.lower() in text.lower()]
    return found + [m.group(0) for m in tool.MARKING.finditer(text)]


def test_spot_the_problems_has_brief_c_without_marks_and_the_checklist(pack) -> None:
    out, _ = pack
    for size in tool.FORMATS:
        text = flat(text_of(out / f"hs-7-spot-the-problems-{size}.pdf"))
        body = text.split("Generated by", 1)[0]
        assert not marking_left(body), f"{size}: marking left: {marking_left(body)}"
    title, brief = tool.exemplar_brief("C")
    parts = [flat(re.sub(r"[*`]", "", p)) for p in re.split(r"\n\s*\n", brief)]
    assert title == "C06, escapee voices" and len(parts) == 5
    for size in tool.FORMATS:
        text = flat(text_of(out / f"hs-7-spot-the-problems-{size}.pdf"))
        for part in parts:
            assert part in text, f"{size}: brief C's part '{part[:40]}' is not whole"
        for item in ("no exact words", "no date", "no source", "a judgement about a country instead of the promise"):
            assert item in text
        assert "The promise was to ... The evidence shows ... But ... So I think ..." in text


def test_spot_the_problems_check_fails_if_a_mark_is_left_in(tmp_path: Path, monkeypatch) -> None:
    text = (ROOT / "teacher-guide" / "exemplars.md").read_text(encoding="utf-8")
    section = text.split("## Exemplar C", 1)[1].split("\n## ", 1)[0]
    # the raw section, marks and all, printed on the sheet: the check sees them
    monkeypatch.setattr(tool, "exemplar_brief", lambda letter="C": ("C06, escapee voices", section))
    left = marking_left(html_text(tool.hs_spot_the_problems()))
    assert "Mark:" in left and "(weak)" in left and len(left) >= 7
    monkeypatch.undo()
    # markup that hides the marks from the parser is refused, not printed
    copy = tmp_path / "exemplars.md"
    for broken in (
        text.replace("### Marks for exemplar C\n", ""),  # the marks table runs on from part 5
        text.replace("**5. Sources.** Yonhap.", "**5. Sources.** Yonhap. (score 1)"),  # a mark inside a part
    ):
        copy.write_text(broken, encoding="utf-8")
        monkeypatch.setattr(tool, "EXEMPLARS", copy)
        with pytest.raises(RuntimeError, match="marking text is left"):
            tool.hs_spot_the_problems()
