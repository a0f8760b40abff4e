"""glossary.search reads plain lists, not rows (issue 13): the same matches, in the same order, as before."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

import helpers
from helpers import glossary as gl


def _reference_normalise(text: object) -> str:
    if text is None or (isinstance(text, float) and text != text):
        return ""
    if pd.isna(text):
        return ""
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


def _reference_search(frame: pd.DataFrame, query: str = "", language: str = "any") -> pd.DataFrame:
    q = _reference_normalise(query)
    ranks = []
    for pos, (_, row) in enumerate(frame.iterrows()):
        cells = {c: _reference_normalise(row[c]) for c in gl.LANGUAGES[language]}
        if (
            not q
            or any(cells.get(c) == q for c in gl._NAME_COLUMNS)
            or any(
                q == part.strip()
                for c in gl._NAME_COLUMNS
                for part in cells.get(c, "").replace("(", ";").replace(")", ";").split(";")
            )
        ):
            rank = 0
        elif any(q in cells.get(c, "") for c in gl._NAME_COLUMNS):
            rank = 1
        elif q in cells.get("definition", ""):
            rank = 2
        else:
            continue
        ranks.append((rank, _reference_normalise(row["term_en"]), pos))
    order = [pos for _, _, pos in sorted(ranks)]
    if "form_note" not in frame.columns:
        frame = frame.assign(form_note="")
    return frame.iloc[order][gl.COLUMNS].reset_index(drop=True).fillna("")


@pytest.mark.parametrize("value", ["", "  Ｕ Ｐ Ｒ ", "탈북민", "拉致", None, float("nan"), pd.NA, 5, "a\tb"])
def test_normalise_is_the_reference(value: object) -> None:
    assert gl.normalise(value) == _reference_normalise(value)


def test_search_is_the_reference() -> None:
    frame = helpers.load("glossary")
    words = {w for t in frame["term_en"] for w in str(t).split()[:2]} | {"", "refoulement", "탈북민", "拉致", "upr"}
    words |= {str(t)[:3] for t in frame["term_ko"].dropna()} | {"zzz-no-such-term", "the", "(", "UN"}
    shuffled = frame.sample(frac=1.0, random_state=1)
    gaps = frame.copy()
    gaps.loc[gaps.index[::3], "term_ja"] = pd.NA
    older = frame.drop(columns=["form_note"])
    for f in (frame, shuffled, gaps, older):
        for query in sorted(words):
            for language in gl.LANGUAGES:
                pd.testing.assert_frame_equal(gl.search(f, query, language), _reference_search(f, query, language))
