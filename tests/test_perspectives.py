"""helpers.perspectives and the positions data behind notebook 09; answer key re-checked."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import perspectives as pv


@pytest.fixture(scope="module")
def p() -> pd.DataFrame:
    return helpers.load("positions")


@pytest.fixture(scope="module")
def a() -> pd.DataFrame:
    return helpers.load("source_assessment")


def test_every_required_topic_is_covered(p: pd.DataFrame) -> None:
    for topic in (
        "coi_legitimacy",
        "refoulement",
        "unsc_agenda",
        "accountability_icc",
        "engagement_vs_pressure",
        "evidence_testimony",
        "rok_domestic_politics",
        "framing_peace_security",
    ):
        assert len(pv.select(p, topic=topic)) >= 3, topic


def test_quotes_are_short_and_stances_are_summaries(p: pd.DataFrame) -> None:
    assert pv.long_quotes(p) == []
    assert pv.long_quotes(pd.DataFrame({"position_id": ["x"], "short_quote": ["one " * 25]})) == ["x"]
    # a stance is our summary, not a copy of the quote
    for stance, quote in zip(p["stance"], p["short_quote"].fillna("")):
        if pv.quote_words(quote) >= 3:
            assert quote not in stance, quote


def test_select(p: pd.DataFrame) -> None:
    china = pv.select(p, country="China")
    assert set(china["country"]) == {"China"} and len(china) >= 5
    three = pv.select(p, country="Japan")
    assert "p01" in set(three["position_id"])  # 'United States; Republic of Korea; Japan'
    assert pv.select(p, topic="unsc_agenda", actor_type="ngo").empty
    with pytest.raises(ValueError, match="unknown topic"):
        pv.select(p, topic="weather")
    with pytest.raises(TypeError):
        pv.select(p, country=3)  # type: ignore[arg-type]


def test_side_by_side_orders_and_drops_rejected_versions(p: pd.DataFrame) -> None:
    t = pv.side_by_side(p, "rok_domestic_politics")
    assert list(t["date"]) == sorted(t["date"])
    assert "p63" not in set(t["position_id"]) and "p62" in set(t["position_id"])
    assert "p63" in set(pv.side_by_side(p, "rok_domestic_politics", preferred_only=False)["position_id"])
    text = pv.format_side_by_side(pv.side_by_side(p, "unsc_agenda"))
    assert 'Quoted: "not a forum designed for involvement in human rights issues"' in text


def test_counts(p: pd.DataFrame) -> None:
    counts = pv.topic_counts(p)
    assert int(counts.sum()) == len(p)
    assert list(counts) == sorted(counts, reverse=True)
    table = pv.crosstab(p)
    assert int(table.values.sum()) == len(p)
    assert list(table.index) == sorted(table.index)


def test_preferred_keeps_unmarked_rows(p: pd.DataFrame) -> None:
    kept = pv.preferred(p)
    assert len(kept) == len(p) - 1


def test_argument_map_and_compare() -> None:
    items = {"A": "claim text", "B": "support", "C": "objection"}
    text = pv.argument_map(items, {"A": "claim", "B": "evidence"})
    assert text.splitlines()[0] == "CLAIM" and "NOT YET LABELLED: C" in text
    with pytest.raises(ValueError, match="unknown role"):
        pv.argument_map(items, {"A": "premise"})
    with pytest.raises(ValueError, match="do not exist"):
        pv.argument_map(items, {"Z": "claim"})
    assert pv.compare_map({"A": "claim", "B": "rebuttal"}, {"A": "claim", "B": "evidence", "C": "rebuttal"}) == [
        "B",
        "C",
    ]


def test_categories(a: pd.DataFrame) -> None:
    cats = pv.categories(a)
    assert set(cats.values()) == {"primary", "secondary", "advocacy", "state_media"}
    with pytest.raises(ValueError):
        pv.categories(pd.DataFrame({"source_id": ["x"], "category": ["rumour"]}))


def test_widget_builds() -> None:
    pytest.importorskip("ipywidgets")
    w = pv.positions_widget("unsc_agenda")
    assert w.children[0].value == "unsc_agenda"


# ---------------------------------------------------------------- answer key against the data


def test_09_answers_match_the_data(p: pd.DataFrame, a: pd.DataFrame) -> None:
    top = pv.topic_counts(p).index[0]
    assert helpers.is_correct("09-topic-most", top)
    assert not helpers.is_correct("09-topic-most", pv.topic_counts(p).index[1])
    assert helpers.is_correct("09-dprk-positions", len(pv.select(p, country="DPRK")))
    ruling = p[(p["channel"] == "court_ruling") & (p["preferred"] == True)]  # noqa: E712
    assert len(ruling) == 1 and helpers.is_correct("09-ruling-date", ruling["date"].iloc[0])
    key = helpers.exercise("09-classify-sources")["answer"]
    cats = pv.categories(a)
    assert {k: cats[k] for k in key} == dict(key)
    assert helpers.is_correct("09-classify-sources", {k: cats[k] for k in key})


def test_09_argument_map_key_uses_known_roles() -> None:
    key = helpers.exercise("09-argument-map")["answer"]
    assert set(key.values()) <= set(pv.ROLES)
    assert helpers.is_correct("09-argument-map", dict(key))
    wrong = dict(key, A="evidence")
    assert not helpers.is_correct("09-argument-map", wrong)
