"""Consistency of the escapee datasets and the pure functions in helpers.escapees.

The data checks are the ones notebook 06 teaches: sexes add up, one preferred
figure per period, and the yearly figures reconcile with the running totals -
except for gaps that are listed here one by one, each with its reason.
"""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import escapees


@pytest.fixture(scope="module")
def arrivals() -> pd.DataFrame:
    return helpers.load("escapee_arrivals")


@pytest.fixture(scope="module")
def cumulative() -> pd.DataFrame:
    return helpers.load("escapee_cumulative")


# ----------------------------------------------------------------- data: structure


def test_datasets_validate() -> None:
    helpers.validate("escapee_arrivals")
    helpers.validate("escapee_cumulative")


def test_one_preferred_row_per_period(arrivals: pd.DataFrame) -> None:
    counts = arrivals.groupby(["period_start", "period_end"])["preferred"].sum()
    assert (counts == 1).all(), counts[counts != 1]


def test_one_preferred_row_per_checkpoint(cumulative: pd.DataFrame) -> None:
    counts = cumulative.groupby("as_of")["preferred"].sum()
    assert (counts == 1).all(), counts[counts != 1]


def test_every_single_year_from_1998_has_a_preferred_figure(arrivals: pd.DataFrame) -> None:
    years = escapees.yearly(arrivals)["year"].tolist()
    assert years == list(range(1998, 2026))


def test_periods_are_ordered(arrivals: pd.DataFrame) -> None:
    assert (arrivals["period_start"] <= arrivals["period_end"]).all()


# ----------------------------------------------------------------- data: sexes add up

#: Rows where male + female != total, with the reason (none of them preferred).
SEX_SPLIT_EXCEPTIONS = {
    "2024-press-216": (
        "Global Economic Times printed 26 men and 216 women for a total of 236 (sums to 242); "
        "kept as a reporting error, not preferred."
    ),
}


@pytest.mark.parametrize("name", ["escapee_arrivals", "escapee_cumulative"])
def test_male_plus_female_is_total(name: str) -> None:
    frame = helpers.load(name)
    key = "figure_id" if name == "escapee_arrivals" else "checkpoint_id"
    both = frame.dropna(subset=["male", "female"])
    bad = both[both["male"] + both["female"] != both["total"]]
    assert sorted(bad[key]) == sorted(k for k in SEX_SPLIT_EXCEPTIONS if k in set(frame[key]))
    assert not bad["preferred"].any(), "a preferred row's sexes must add up"


def test_female_count_never_exceeds_total(arrivals: pd.DataFrame) -> None:
    rows = arrivals.dropna(subset=["female"])
    assert (rows["female"] <= rows["total"]).all()


# ----------------------------------------------------------------- data: reconciliation

#: Gaps between consecutive preferred year-end checkpoints and the preferred yearly
#: figures between them: (from_year, to_year) -> (gap, reason). A gap is
#: cumulative_change - arrivals_sum. Everything not listed must reconcile exactly.
DOCUMENTED_TOTAL_GAPS: dict[tuple[int, int], tuple[int | None, str]] = {
    (1989, 1998): (
        None,
        "No yearly figures for 1990-1997 were found; "
        "the 1990s aggregate reconciles instead (see test_period_aggregates_reconcile).",
    ),
    (2001, 2003): (
        -7,
        "The end-2003 total (4,410, published 2004) predates MOU's revisions: "
        "its later table gives 1,142 + 1,285 = 2,427 for 2002-2003, 7 more than 4,410 - 1,990 = 2,420.",
    ),
    (2003, 2009): (
        18,
        "The end-2009 total is built on the provisional 2009 count (2,952, 38 above the revised 2,914): "
        "18 = 38 + 7 (carried from end-2003) - 27 (later upward revisions of 2004-2008, "
        "19 of them against the January 2012 table; 8 unexplained).",
    ),
    (2009, 2010): (
        -51,
        "2009 was revised from 2,952 to 2,927 (-25) before the December 2010 total, "
        "and that total (ICG, second-hand) uses 2,376 for 2010, 26 below MOU's later 2,402: -25 - 26 = -51.",
    ),
    (2010, 2011): (
        34,
        "The end-2011 total is built on the provisional 2011 count (2,737, 31 above the revised 2,706) "
        "and on 2,379 for 2010, 3 above ICG's 2,376: 31 + 3 = 34.",
    ),
    (2011, 2013): (
        8,
        "The end-2013 total is built on the provisional 2012 (1,508) and 2013 (1,516) counts: "
        "23,100 + 1,508 + 1,516 = 26,124; the later revisions (-6, -2) are offset by upward revisions "
        "of earlier years (MOU's later table puts the end of 2011 at 23,106).",
    ),
    (2013, 2016): (
        -14,
        "The end-2016 total is a rounded figure (about 30,200); 26,124 - 2 + 1,397 + 1,275 + 1,417 = 30,211.",
    ),
    (2016, 2017): (12, "Rounding of the end-2016 total again: 31,339 - 1,127 = 30,212, reported as 30,200."),
}

#: The same for the male and female columns (where both checkpoints have them).
DOCUMENTED_SEX_GAPS: dict[tuple[str, int, int], tuple[int | None, str]] = {
    ("male", 1998, 2001): (None, "No sex split for 1999 and 2000."),
    ("female", 1998, 2001): (None, "No sex split for 1999 and 2000."),
    ("male", 2001, 2011): (
        -2,
        "+24 (the end-2011 total uses the provisional 2011 split, 819 men, against 795 later) "
        "- 23 (later upward revisions of 2002-2010) "
        "- 3 (the end-2001 split, 1,395 men, is 3 above what the 2012 table implies).",
    ),
    ("female", 2001, 2011): (
        -4,
        "+7 (the provisional 2011 split, 1,918 women, against 1,911 later) "
        "- 14 (later revisions of 2002-2010) "
        "+ 3 (the end-2001 split, 595 women, is 3 below what the 2012 table implies).",
    ),
    ("male", 2011, 2017): (
        4,
        "3 (the end-2011 split, 7,171 men, is 3 below MOU's later table, 7,174) "
        "+ 1 (the end-2017 split, 8,994 men, is 1 above the later table's 8,993).",
    ),
    ("female", 2011, 2013): (
        2,
        "3 (the end-2011 split, 15,929 women, is 3 below the later table's 15,932) "
        "- 1 (the end-2013 figure, 18,174, is 1 below the later table's 18,175).",
    ),
    ("male", 2017, 2022): (
        -1,
        "The end-2017 split (8,994 men, published with the provisional 2017 split 189/938) is one man more "
        "than MOU's later table (188 men in 2017); from 2018 on the running totals fit the later table.",
    ),
    ("female", 2017, 2022): (
        1,
        "Mirror image of the male gap: "
        "the end-2017 split has one woman fewer than the later table (939 women in 2017).",
    ),
}


def _gaps(table: pd.DataFrame) -> dict[tuple[int, int], int | None]:
    return {(int(r.from_year), int(r.to_year)): (None if pd.isna(r.gap) else int(r.gap)) for r in table.itertuples()}


def test_totals_reconcile_or_gap_is_documented(arrivals: pd.DataFrame, cumulative: pd.DataFrame) -> None:
    found = _gaps(escapees.reconcile(arrivals, cumulative))
    for pair, gap in found.items():
        if gap == 0:
            continue
        assert pair in DOCUMENTED_TOTAL_GAPS, f"undocumented gap {gap} between {pair}"
        assert DOCUMENTED_TOTAL_GAPS[pair][0] == gap, (
            f"gap for {pair} is {gap}, documented {DOCUMENTED_TOTAL_GAPS[pair][0]}"
        )
    # every documented gap still exists (a data fix must update the list)
    for pair in DOCUMENTED_TOTAL_GAPS:
        assert pair in found and found[pair] != 0


def test_sexes_reconcile_or_gap_is_documented(arrivals: pd.DataFrame, cumulative: pd.DataFrame) -> None:
    for column in ("male", "female"):
        for pair, gap in _gaps(escapees.reconcile(arrivals, cumulative, column)).items():
            if gap == 0:
                continue
            key = (column, *pair)
            assert key in DOCUMENTED_SEX_GAPS, f"undocumented {column} gap {gap} between {pair}"
            assert DOCUMENTED_SEX_GAPS[key][0] == gap


def test_recent_years_reconcile_exactly(arrivals: pd.DataFrame, cumulative: pd.DataFrame) -> None:
    table = escapees.reconcile(arrivals, cumulative)
    recent = table[table["from_year"] >= 2017]
    assert len(recent) == 5 and (recent["gap"] == 0).all()


def test_period_aggregates_reconcile(arrivals: pd.DataFrame, cumulative: pd.DataFrame) -> None:
    a = arrivals.set_index("figure_id")["total"]
    c = cumulative.set_index("checkpoint_id")["total"]
    # 607 to 1989 + 488 in the 1990s + 895 in 2000-01 = 1,990 at the end of 2001
    assert c["1989-end"] + a["1990-1999-aggregate"] + a["2000-2001-aggregate"] == c["2001-end"]
    # 947 to 1998 + 1,043 in 1999-2001 = 1,990
    assert c["1998-end"] + a["1999-2001-aggregate"] == c["2001-end"]
    assert a["1999-final"] + a["2000-final"] + a["2001-final"] == a["1999-2001-aggregate"]
    assert a["2000-final"] + a["2001-final"] == a["2000-2001-aggregate"]
    # 1990s minus 1999 = arrivals 1990-1998 = 947 - 607
    assert a["1990-1999-aggregate"] - a["1999-final"] == c["1998-end"] - c["1989-end"]


def test_mou_2012_table_adds_up(arrivals: pd.DataFrame, cumulative: pd.DataFrame) -> None:
    """The rows of MOU's January 2012 table (with its own 2009 and 2011 versions) sum to 23,100."""
    rows = arrivals[arrivals["source_ids"].str.contains("mou-2012-01-11-arrivals-2011")]
    rows = rows[~rows["figure_id"].isin(["2009-revised"])]
    table = rows[rows["figure_id"].str.endswith(("-final", "-provisional", "-aggregate"))]
    table = table[table["figure_id"] != "1990-1999-aggregate"]
    ends = cumulative.set_index("checkpoint_id")
    assert int(ends.at["1998-end", "total"] + table["total"].sum()) == int(ends.at["2011-12-31", "total"])
    assert int(ends.at["1998-end", "male"] + table["male"].sum()) == int(ends.at["2011-12-31", "male"])


def test_preferred_2024_split_is_the_one_that_fits(cumulative: pd.DataFrame, arrivals: pd.DataFrame) -> None:
    c = cumulative.set_index("checkpoint_id")
    a = arrivals.set_index("figure_id")
    assert c.at["2024-end", "female"] - c.at["2023-end", "female"] == a.at["2024-final", "female"] == 210
    assert a.at["2024-press-216", "female"] != 210 and not a.at["2024-press-216", "preferred"]


def test_current_to_is_latest_publication() -> None:
    for name, frame in (
        ("escapee_arrivals", helpers.load("escapee_arrivals")),
        ("escapee_cumulative", helpers.load("escapee_cumulative")),
    ):
        resource = next(r for r in helpers.data.package()["resources"] if r["name"] == name)
        latest = max(p for p in frame["published"].dropna() if p)
        assert resource["currentTo"].startswith(latest[:10]) or latest == resource["currentTo"]


# ----------------------------------------------------------------- pure functions


def test_yearly_uses_preferred_rows(arrivals: pd.DataFrame) -> None:
    table = escapees.yearly(arrivals).set_index("year")
    assert table.at[2009, "total"] == 2914
    assert table.at[2024, "female"] == 210
    assert table.at[2025, "total"] == 223
    assert table.at[2012, "female_share"] == pytest.approx(73.1)
    # the split of the revised 2009 figure comes from MOU's 2020 statistics table
    assert table.at[2009, "female_share"] == pytest.approx(77.3, abs=0.05)
    # the 2010 figure marked final in January 2012 was revised later; the revision is preferred
    assert table.at[2010, "total"] == 2402 and table.at[2010, "figure_id"] == "2010-revised"


def test_series_range_and_values(arrivals: pd.DataFrame) -> None:
    out = escapees.series(arrivals, 2019, 2022, "total")
    assert list(out.columns) == ["year", "value", "figure_id"]
    assert out["year"].tolist() == [2019, 2020, 2021, 2022]
    assert out["value"].tolist() == [1047, 229, 63, 67]
    share = escapees.series(arrivals, 2021, 2021, "female_share")
    assert share["value"].iloc[0] == pytest.approx(23 / 63 * 100, abs=0.05)


def test_series_share_fallback_names_the_borrowed_version(arrivals: pd.DataFrame) -> None:
    # every preferred yearly figure now has a split; blank the preferred 2009 split to test the fallback
    arrivals = arrivals.copy()
    arrivals.loc[arrivals["figure_id"] == "2009-revised", ["male", "female"]] = pd.NA
    plain = escapees.series(arrivals, 2009, 2009, "female_share")
    assert pd.isna(plain["value"].iloc[0])
    filled = escapees.series(arrivals, 2009, 2009, "female_share", share_fallback=True)
    assert filled["figure_id"].iloc[0] == "2009-final"
    assert filled["value"].iloc[0] == pytest.approx(77.2)


@pytest.mark.parametrize(
    ("args", "error"),
    [((2000, 2010, "children"), ValueError), ((2010, 2000, "total"), ValueError), (("2000", 2010, "total"), TypeError)],
)
def test_series_rejects_bad_arguments(arrivals: pd.DataFrame, args: tuple, error: type) -> None:
    with pytest.raises(error):
        escapees.series(arrivals, *args)


def test_versions_and_revisions(arrivals: pd.DataFrame) -> None:
    v = escapees.versions(arrivals, 2009)
    assert v["total"].tolist() == [2952, 2927, 2929, 2914]
    assert v["preferred"].tolist() == [False, False, False, True]
    r = escapees.revisions(arrivals).set_index("year")
    assert r.at[2009, "change"] == -38
    assert r.at[2011, "change"] == -31
    assert r.at[2025, "change"] == -1
    assert 1999 not in r.index


def test_year_on_year(arrivals: pd.DataFrame) -> None:
    table = escapees.year_on_year(arrivals).set_index("year")
    assert table.at[2020, "change"] == 229 - 1047
    assert table.at[2020, "change_pct"] == pytest.approx(-78.1)
    assert pd.isna(table.at[1998, "change"])


def test_reconcile_detects_a_corrupted_figure(arrivals: pd.DataFrame, cumulative: pd.DataFrame) -> None:
    broken = arrivals.copy()
    broken.loc[broken["figure_id"] == "2022-final", "total"] = 70
    table = escapees.reconcile(broken, cumulative).set_index("from_year")
    assert table.at[2018, "gap"] == -3


def test_reconcile_rejects_unknown_column(arrivals: pd.DataFrame, cumulative: pd.DataFrame) -> None:
    with pytest.raises(ValueError):
        escapees.reconcile(arrivals, cumulative, "children")


def test_plot_series_runs_with_alt_text(arrivals: pd.DataFrame, capsys: pytest.CaptureFixture[str]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    escapees.plot_series(arrivals, 2015, 2025, "female_share")
    escapees.plot_series(arrivals, 2019, 2022, "total")


# ----------------------------------------------------------------- answer key


def test_answer_key_matches_data(arrivals: pd.DataFrame, cumulative: pd.DataFrame) -> None:
    table = escapees.yearly(arrivals).set_index("year")
    assert helpers.is_correct("06-female-share-2024", round(210 / 236 * 100, 1))
    assert helpers.is_correct(
        "06-fall-2019-2020", float(escapees.year_on_year(arrivals).set_index("year").at[2020, "change_pct"])
    )
    assert helpers.is_correct("06-peak-year", int(table["total"].idxmax()))
    c = cumulative.set_index("checkpoint_id")["total"]
    expected = int(c["2022-end"] + table.loc[2023:2025, "total"].sum())
    assert expected == int(c["2025-end-revised"])
    assert helpers.is_correct("06-reconcile-2025", expected)
    assert helpers.is_correct(
        "06-revision-2009", int(escapees.revisions(arrivals).set_index("year").at[2009, "change"])
    )
    assert helpers.is_correct("06-men-majority-year", int(table[table["male"] > table["female"]].index.max()))


def test_preferred_figure_is_primary_where_a_primary_version_exists(
    arrivals: pd.DataFrame, cumulative: pd.DataFrame
) -> None:
    """Where any version of a figure comes from a primary source (MOU's own tables), the preferred one does too."""
    sources = helpers.load("sources").set_index("id")["reliability"]

    def primary(ids: str) -> bool:
        return any(sources[i] == "primary" for i in helpers.split_list(ids))

    for frame, keys in ((arrivals, ["period_start", "period_end"]), (cumulative, ["as_of"])):
        for key, group in frame.groupby(keys):
            cites_primary = group["source_ids"].map(primary)
            if cites_primary.any():
                chosen = group[group["preferred"] == True]  # noqa: E712
                assert chosen["source_ids"].map(primary).all(), (
                    f"{key}: a primary version exists but the preferred row cites none"
                )


def test_mou_2020_table_revisions_are_versions_not_overwrites(arrivals: pd.DataFrame) -> None:
    """The 2010 figure labelled final in January 2012 (2,379) stays as a row.

    MOU's later 2,402 is a new, preferred row.
    """
    a = arrivals.set_index("figure_id")
    assert a.at["2010-final", "total"] == 2379 and not a.at["2010-final", "preferred"]
    assert a.at["2010-revised", "total"] == 2402 and a.at["2010-revised", "preferred"]
    assert "mou-2020-defectors-status-cn" in a.at["2010-revised", "source_ids"]
    revised = arrivals[arrivals["source_ids"].str.contains("mou-2020-defectors-status-cn")]
    single = revised[revised["period_start"] == revised["period_end"]]
    # the table's years 2002-2019 sum, with 947 up to 1998 and 1,043 in 1999-2001,
    # to MOU's end-2017 total plus 2018-2019
    assert 947 + 1043 + int(single["total"].sum()) == 31339 + 1137 + 1047
