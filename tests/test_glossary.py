"""helpers.glossary: search in three languages, rendering, and the glossary data itself."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import glossary as gl


@pytest.fixture(scope="module")
def g() -> pd.DataFrame:
    return helpers.load("glossary")


def test_glossary_size_and_required_terms(g: pd.DataFrame) -> None:
    assert 30 <= len(g) <= 50
    for term in (
        "non-refoulement",
        "songbun",
        "kwanliso",
        "kyohwaso",
        "crimes-against-humanity",
        "upr",
        "procedural-vote",
        "rome-statute",
        "icc-referral",
        "accountability",
        "one-point-five-track",
        "contact-group",
        "camp-david",
        "forced-labour",
        "enforced-disappearance",
        "abductee",
        "unrepatriated-pow",
        "separated-families",
        "special-rapporteur",
    ):
        assert term in set(g["term_id"]), term


def test_translations_are_in_their_scripts(g: pd.DataFrame) -> None:
    hangul = g["term_ko"].dropna().str.contains(r"[\uac00-\ud7a3]")
    assert hangul.all(), g.loc[hangul[~hangul].index, "term_id"].tolist()
    japanese = g["term_ja"].dropna().str.contains(r"[\u3040-\u30ff\u4e00-\u9fff]")
    assert japanese.all(), g.loc[japanese[~japanese].index, "term_id"].tolist()


def test_definitions_are_short(g: pd.DataFrame) -> None:
    words = g["definition"].str.split().str.len()
    assert (words <= 60).all(), g.loc[words > 60, "term_id"].tolist()


def test_search_english_finds_term_then_definition(g: pd.DataFrame) -> None:
    hits = gl.search(g, "refoulement", "en")
    assert list(hits.columns) == gl.COLUMNS
    assert hits["term_en"].iloc[0] == "forced repatriation"  # exact alias 'refoulement' ranks first
    assert "non-refoulement" in hits["term_en"].tolist()
    # 'ICC' is in term names first, then only in definitions
    names = gl.search(g, "icc", "en")["term_en"].tolist()
    assert names.index("ICC referral") < names.index("Security Council")


def test_search_korean_and_japanese(g: pd.DataFrame) -> None:
    assert gl.search(g, "탈북민", "ko")["term_en"].tolist() == ["escapee / defector"]
    assert set(gl.search(g, "拉致", "ja")["term_en"]) == {"abductee", "Headquarters for the Abduction Issue (Japan)"}
    assert gl.search(g, "refoulement", "ko").empty  # Korean column only
    assert not gl.search(g, "강제송환", "any").empty


def test_search_normalises_case_and_width(g: pd.DataFrame) -> None:
    assert (
        gl.search(g, "ＵＰＲ")["term_en"].iloc[0]
        == gl.search(g, "upr")["term_en"].iloc[0]
        == "Universal Periodic Review (UPR)"
    )
    assert gl.search(g, "  Rome   Statute ")["term_en"].iloc[0] == "Rome Statute"


def test_empty_query_returns_everything_sorted(g: pd.DataFrame) -> None:
    everything = gl.search(g, "")
    assert len(everything) == len(g)
    keys = [gl.normalise(t) for t in everything["term_en"]]
    assert keys == sorted(keys)


def test_search_rejects_bad_arguments(g: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="language"):
        gl.search(g, "x", "fr")
    with pytest.raises(TypeError):
        gl.search(g, 42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="missing"):
        gl.search(g.drop(columns=["term_ja"]), "x")


def test_render(g: pd.DataFrame) -> None:
    text = gl.render(gl.search(g, "abductee"), limit=1)
    assert text.startswith("abductee | KO 납북자 | JA 拉致被害者")
    assert "more" in gl.render(gl.search(g, "a"), limit=2)
    assert gl.render(gl.search(g, "zzzz")).startswith("No term matches")
    empty = gl.render(gl.search(g, "contact group"), limit=1)
    assert "KO —" in empty and "JA —" in empty
    assert "Note: Korean and Japanese: no form seen" in empty  # the reason is shown, not just a dash
    with pytest.raises(ValueError):
        gl.render(gl.search(g, "a"), limit=0)


def test_widget_builds(g: pd.DataFrame) -> None:
    pytest.importorskip("ipywidgets")
    w = gl.glossary_widget("refoulement")
    assert w.children and w.children[0].children[0].value == "refoulement"
    with pytest.raises(ValueError):
        gl.glossary_widget("x", "fr")


# --- every term has a Korean and a Japanese form, or says why not -------------------------------------

HANGUL = r"[\uac00-\ud7a3]"
KANA_KANJI = r"[\u3040-\u30ff\u4e00-\u9fff]"


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return helpers.load("sources").set_index("id")


def _blank(value: object) -> bool:
    return gl.normalise(value) == ""


@pytest.mark.parametrize(("column", "language"), [("term_ko", "Korean"), ("term_ja", "Japanese")])
def test_no_blank_form_without_a_note(g: pd.DataFrame, column: str, language: str) -> None:
    """A missing form is allowed only with a note that names the language and says why."""
    bad = [
        t
        for t, form, note in zip(g["term_id"], g[column], g["form_note"])
        if _blank(form) and language not in str(note if not _blank(note) else "")
    ]
    assert not bad, f"{column} is blank with no '{language}: ...' explanation in form_note for: {bad}"


def test_blanks_are_few(g: pd.DataFrame) -> None:
    # 41 terms; at the start of this work 12 lacked a Korean and 18 a Japanese form
    assert g["term_ko"].map(_blank).sum() <= 3 and g["term_ja"].map(_blank).sum() <= 2


@pytest.mark.parametrize(
    ("column", "script", "language"), [("term_ko", HANGUL, "Korean"), ("term_ja", KANA_KANJI, "Japanese")]
)
def test_each_form_is_backed_by_a_source_in_that_language(
    g: pd.DataFrame, sources: pd.DataFrame, column: str, script: str, language: str
) -> None:
    """Every Korean form cites a Korean-language source, every Japanese form a Japanese-language one
    (a source's title or note is in that script or says '<Language>;')."""
    import re

    missing = []
    for term, form, ids in zip(g["term_id"], g[column], g["source_ids"]):
        if _blank(form):
            continue
        ok = False
        for sid in str(ids).split(";"):
            row = sources.loc[sid]
            text = f"{row['title']} {row['note']}"
            if re.search(script, text) or re.search(rf"\b{language}\b", str(row["note"])):
                ok = True
                break
        if not ok:
            missing.append(term)
    assert not missing, f"{column}: no cited {language}-language source for {missing}"


def test_new_forms_are_the_ones_seen_in_their_sources(g: pd.DataFrame, sources: pd.DataFrame) -> None:
    """Spot checks: the form written in the glossary appears in the note of the source that attests it."""
    checks = {
        ("kcna", "term_ko"): ("voakorea-2014-kcna-coi-report", "조선중앙통신"),
        ("kcna", "term_ja"): ("afpbb-2014-02-22-kcna-coi", "朝鮮中央通信"),
        ("co-sponsor", "term_ja"): ("mofa-jp-2005-11-18-third-committee", "共同提案国"),
        ("public-hearing", "term_ja"): ("nhk-2013-08-30-coi-tokyo", "公聴会"),
        ("arria-formula", "term_ko"): ("voakorea-2014-04-arria-formula", "아리아 포뮬러 회의"),
    }
    g = g.set_index("term_id")
    for (term, column), (sid, form) in checks.items():
        assert form in g.loc[term, column], (term, column)
        assert sid in g.loc[term, "source_ids"].split(";"), (term, sid)
        assert form in sources.loc[sid, "note"], (sid, form)
