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
