"""Tests for helpers.humanitarian and the notebook-07 datasets (abductees, detainees, POWs, families).

Data checks: parts add up to their totals, one preferred version per figure, the
registry adds up except where the source itself does not. Function checks: each
pure function on small hand-made frames, including the cases where it must refuse.
Answer-key checks: every computed answer in helpers/exercises/07.toml is recomputed
from the data, so a data correction cannot leave a wrong key behind.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import helpers
from helpers import humanitarian as h

FIGURE_TABLES = ("abductions_japan", "pow_figures")


@pytest.fixture(scope="module")
def data() -> dict[str, pd.DataFrame]:
    names = [
        "abductions_japan",
        "rok_abductees",
        "war_abductee_estimates",
        "rok_detainees",
        "pow_figures",
        "pow_escapes",
        "separated_families_registry",
        "separated_families_figures",
        "family_reunions",
    ]
    return {n: helpers.load(n) for n in names}


# ------------------------------------------------------------------ data consistency


@pytest.mark.parametrize("name", FIGURE_TABLES)
def test_one_preferred_version_per_measure_and_date(data: dict, name: str) -> None:
    assert h.preferred_conflicts(data[name]).empty


def test_one_preferred_version_per_period(data: dict) -> None:
    assert h.preferred_conflicts(data["separated_families_figures"], ("measure", "period_start", "as_of")).empty


@pytest.mark.parametrize("name", FIGURE_TABLES)
def test_parts_add_up_to_their_totals(data: dict, name: str) -> None:
    check = h.parts_check(data[name])
    assert len(check) >= 3
    assert (check["difference"] == 0).all(), check[check["difference"] != 0]


def test_japan_counts_fit_together(data: dict) -> None:
    j = data["abductions_japan"].set_index("figure_id")["low"]
    assert (
        j["jp-recognised-2014"] == j["jp-returned-2014"] + j["dprk-says-died-2014"] + j["dprk-says-never-entered-2014"]
    )
    assert j["dprk-admitted-2002"] == j["jp-returned-2014"] + j["dprk-says-died-2002"]


def test_postwar_abductee_table_adds_up(data: dict) -> None:
    a = data["rok_abductees"]
    assert (h.category_sums(a, "mou-current")["difference"] == 0).all()
    assert (h.category_sums(a, "kinu-2001")["difference"] == 0).all()
    mou = a[a["version"] == "mou-current"]
    assert (mou["taken"] == mou["returned_repatriated"] + mou["returned_escaped"] + mou["still_held"]).all()
    total = mou.set_index("category").loc["total"]
    assert total["returned_repatriated"] + total["returned_escaped"] == 3319  # 3,319 = 3,310 + 9


def test_one_preferred_abductee_count_per_category(data: dict) -> None:
    a = data["rok_abductees"]
    per_category = a[a["preferred"]].groupby("category").size()
    assert (per_category == 1).all()


def test_registry_adds_up_except_where_the_source_does_not(data: dict) -> None:
    check = h.registry_check(data["separated_families_registry"])
    bad = check[check["gap"] != 0]
    # The only gaps are the ones the sources print: Aug 2024 (2 short) and the transposed end-2025 version.
    assert sorted(zip(bad["as_of"], bad["version"])) == [("2024-08", 1), ("2025-12", 2)]
    assert not bad[bad["as_of"] == "2025-12"]["preferred"].any()


def test_registry_one_preferred_per_date(data: dict) -> None:
    reg = data["separated_families_registry"]
    assert (reg[reg["preferred"]].groupby("as_of").size() == 1).all()
    assert set(reg["as_of"]) == set(reg[reg["preferred"]]["as_of"])


def test_escapes_sum_to_the_published_total(data: dict) -> None:
    esc = data["pow_escapes"]
    total = data["pow_figures"].set_index("figure_id").at["escaped-2010", "low"]
    assert esc[esc["year"] <= 2010]["pows_returned"].sum() == total == 80


def test_pow_remainder_is_consistent(data: dict) -> None:
    p = data["pow_figures"].set_index("figure_id")["low"]
    assert p["missing-reports-2002"] - p["returned-8726"] - p["treated-killed-2002"] == p["still-missing-2002"]


def test_one_preferred_date_per_detainee_event(data: dict) -> None:
    d = data["rok_detainees"]
    assert (d[d["preferred"]].groupby(["detainee", "event"]).size() == 1).all()
    assert set(map(tuple, d[["detainee", "event"]].drop_duplicates().values)) == set(
        map(tuple, d[d["preferred"]][["detainee", "event"]].values)
    )


def test_detainees_are_the_public_cases(data: dict) -> None:
    d = data["rok_detainees"]
    before = d[d["event"] == "disclosed_by_rok_government"]["detainee"].nunique()
    assert before == 6
    added = d[d["event"] == "listed_by_rok_government"]
    assert list(added["date"]) == ["2026-03"]  # the seventh, after the statement


def test_estimates_are_ranges(data: dict) -> None:
    w = data["war_abductee_estimates"]
    both = w.dropna(subset=["low", "high"])
    assert (both["low"] <= both["high"]).all()
    assert (w["qualifier"] == "range").sum() >= 1
    assert w["low"].notna().all()


# ------------------------------------------------------------------ functions


def test_format_figure() -> None:
    assert h.format_figure(50000, 70000, "range") == "50,000–70,000"
    assert h.format_figure(82000, 82000, "about") == "about 82,000"
    assert h.format_figure(50000, None, "at_least") == "at least 50,000"
    assert h.format_figure(None, 50000, "up_to") == "up to 50,000"
    assert h.format_figure(17, 17) == "17"
    with pytest.raises(ValueError):
        h.format_figure(None, None)
    with pytest.raises(ValueError):
        h.format_figure(5, 5, "roughly")


def _figures(rows: list[tuple]) -> pd.DataFrame:
    cols = ["figure_id", "measure", "low", "high", "qualifier", "as_of", "part_of", "preferred"]
    return pd.DataFrame(rows, columns=cols).astype({"low": "Int64", "high": "Int64"})


def test_preferred_conflicts_finds_two_preferred_and_none() -> None:
    frame = _figures(
        [
            ("a", "m", 1, 1, "exact", "2020", None, True),
            ("b", "m", 2, 2, "exact", "2020", None, True),
            ("c", "n", 3, 3, "exact", "2021", None, False),
            ("d", "k", 4, 4, "exact", "2021", None, True),
        ]
    )
    found = h.preferred_conflicts(frame)
    assert sorted(found["measure"]) == ["m", "n"]


def test_parts_check_detects_a_mismatch() -> None:
    frame = _figures(
        [
            ("t", "total", 10, 10, "exact", "2020", None, True),
            ("p1", "part", 4, 4, "exact", "2020", "t", True),
            ("p2", "part", 5, 5, "exact", "2020", "t", True),
        ]
    )
    check = h.parts_check(frame)
    assert check.loc[0, "difference"] == 1 and check.loc[0, "parts"] == 2


def test_figure_table_and_unknown_measure(data: dict) -> None:
    table = h.figure_table(data["pow_figures"], "pows_returned_in_exchanges")
    assert list(table["figure"]) == ["8,343", "8,726", "8,763"]
    only = h.figure_table(data["pow_figures"], "pows_returned_in_exchanges", preferred_only=True)
    assert list(only["figure_id"]) == ["returned-8343"]
    with pytest.raises(ValueError, match="unknown measure"):
        h.figure_table(data["pow_figures"], "no_such_measure")


def test_abductee_shares(data: dict) -> None:
    shares = h.abductee_shares(data["rok_abductees"])
    assert shares.iloc[-1]["category"] == "total"
    assert shares.iloc[0]["category"] == "fishermen"
    assert shares.set_index("category").at["total", "held_pct"] == 13.5
    with pytest.raises(ValueError):
        h.abductee_shares(data["rok_abductees"], "no-such-version")


def test_estimate_ranges_and_spread(data: dict) -> None:
    ranges = h.estimate_ranges(data["war_abductee_estimates"])
    assert ranges["low"].is_monotonic_increasing
    assert (ranges["low"] <= ranges["high"]).all()
    assert h.spread(ranges, ("register_count",)) == (82959, 126325)
    context = h.estimate_ranges(data["war_abductee_estimates"], "all_countries_since_1950")
    assert context["open_ended"].all()
    with pytest.raises(ValueError):
        h.estimate_ranges(data["war_abductee_estimates"], "mars")


def test_registry_series_and_decline() -> None:
    reg = pd.DataFrame(
        {
            "as_of": ["2020-12", "2022-12"],
            "version": [1, 1],
            "registered": [100, 102],
            "deceased": [40, 62],
            "alive": [60, 40],
            "preferred": [True, True],
        }
    ).astype({"registered": "Int64", "deceased": "Int64", "alive": "Int64"})
    series = h.registry_series(reg)
    assert list(series["value"]) == [60, 40]
    assert list(series["alive_pct"]) == [60.0, 39.2]
    assert h.decline_per_year(reg, "2020-12", "2022-12") == -10
    with pytest.raises(ValueError):
        h.decline_per_year(reg, "2019-12", "2022-12")
    with pytest.raises(ValueError):
        h.registry_series(reg, "dead")


def test_escapes_by_year_fills_unlisted_years(data: dict) -> None:
    table = h.escapes_by_year(data["pow_escapes"])
    assert list(table["year"]) == list(range(1994, 2015))
    assert table.set_index("year").at[1995, "pows_returned"] == 0
    assert not table.set_index("year").at[1995, "listed"]
    assert table["cumulative"].iloc[-1] == 80


def test_detention_start_from_day_count() -> None:
    assert h.detention_start_from_day_count("2024-09-20", 4000) == dt.date(2013, 10, 9)
    assert h.detention_start_from_day_count(dt.date(2024, 9, 20), 4000, first_day_is_one=False) == dt.date(2013, 10, 8)
    assert h.detention_start_from_day_count("2024-01-01", 1) == dt.date(2024, 1, 1)
    with pytest.raises(ValueError):
        h.detention_start_from_day_count("2024-09-20", 0)


def test_detention_summary_leaves_out_later_cases(data: dict) -> None:
    summary = h.detention_summary(data["rok_detainees"])
    assert len(summary) == 7  # Ham Jin-woo went missing in 2017, before the statement
    assert summary.iloc[0]["detainee"] == "Kim Jung-wook"
    early = h.detention_summary(data["rok_detainees"], on=dt.date(2015, 1, 1))
    assert set(early["detainee"]) == {"Kim Jung-wook", "Kim Kook-gi", "Choi Chun-gil"}


def test_date_disagreements(data: dict) -> None:
    dis = h.date_disagreements(data["rok_detainees"])
    assert len(dis) == 4
    assert dis.set_index("detainee").at["Ko Hyun-chol", "other_dates"] == "2016-07"


def test_reunion_gaps(data: dict) -> None:
    gaps = h.reunion_gaps(data["family_reunions"])
    assert gaps["gap_months"].isna().sum() == 1
    assert gaps.iloc[-1]["round"] == 21
    assert int(gaps["gap_months"].max()) == 40  # October 2010 to February 2014


# ------------------------------------------------------------------ answer key against the data


def test_answer_key_matches_the_data(data: dict) -> None:
    j = data["abductions_japan"].set_index("figure_id")["low"]
    assert helpers.is_correct("07-japan-not-admitted", int(j["jp-recognised-2014"] - j["dprk-admitted-2002"]))
    shares = h.abductee_shares(data["rok_abductees"]).set_index("category")
    assert helpers.is_correct("07-postwar-held-pct", float(shares.at["total", "held_pct"]))
    lo, hi = h.spread(h.estimate_ranges(data["war_abductee_estimates"]), ("register_count",))
    assert helpers.is_correct("07-register-gap", hi - lo)
    start = h.detention_start_from_day_count("2024-09-20", 4000)
    assert helpers.is_correct("07-detention-start-month", start.strftime("%Y-%m"))
    esc = data["pow_escapes"]
    assert helpers.is_correct("07-pow-peak-year", int(esc.loc[esc["pows_returned"].idxmax(), "year"]))
    versions = h.figure_table(data["pow_figures"], "pows_returned_in_exchanges")
    values = data["pow_figures"].set_index("figure_id").loc[versions["figure_id"], "low"]
    assert helpers.is_correct("07-returned-spread", int(values.max() - values.min()))
    check = h.registry_check(data["separated_families_registry"])
    bad = check[(check["gap"] != 0) & check["preferred"]]
    assert helpers.is_correct("07-registry-mismatch", bad["as_of"].iloc[0])
    fall = h.decline_per_year(data["separated_families_registry"], "2018-05", "2023-05")
    assert helpers.is_correct("07-alive-fall-per-year", -fall)
    r = data["family_reunions"].set_index("event_id")
    assert helpers.is_correct("07-reunion-numbering", str(int(r.at["face-20", "round"])))
    kinds = data["war_abductee_estimates"].set_index("estimate_id")["kind"]
    mapping = {
        "55": kinds["committee-2011"],
        "7,034": kinds["redcross-1956"],
        "82,959": kinds["yearbook-1952"],
        "80,000-100,000": kinds["coi-2014"],
    }
    assert helpers.is_correct("07-figure-kinds", mapping)


def test_wrong_answers_are_rejected() -> None:
    assert not helpers.is_correct("07-japan-not-admitted", 5)
    assert not helpers.is_correct("07-registry-mismatch", "2025-12")
    assert not helpers.is_correct("07-pow-peak-year", 2005)


def test_statement_phrase_is_exact() -> None:
    assert h.STATEMENT_PHRASE in helpers.read_text("statement_text")


def test_figure_explorer_builds_and_switches_tables(data: dict) -> None:
    pytest.importorskip("ipywidgets")
    box = h.figure_explorer({"Japan": data["abductions_japan"], "POWs": data["pow_figures"]})
    table_choice, measure_choice = box.children[0].children
    assert [code for _, code in measure_choice.options] == h.measures(data["abductions_japan"])
    assert all("_" not in words for words, _ in measure_choice.options)  # the menu shows words, not codes
    table_choice.value = "POWs"
    assert [code for _, code in measure_choice.options] == h.measures(data["pow_figures"])
    with pytest.raises(ValueError):
        h.figure_explorer({})


def test_figure_series(data: dict) -> None:
    series = h.figure_series(data["pow_figures"], "pows_alive_in_north")
    assert series["year"].is_monotonic_increasing
    assert (series["low"] <= series["high"]).all()
    assert series.iloc[-1]["figure"] == "100–200"
    with pytest.raises(ValueError):
        h.figure_series(data["pow_figures"], "nothing")
