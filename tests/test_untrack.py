"""Tests for helpers.untrack (notebook 08) and for its answer key against the data."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

import helpers
from helpers import untrack


@pytest.fixture(scope="module")
def res() -> pd.DataFrame:
    return helpers.load("un_resolutions")


@pytest.fixture(scope="module")
def meetings() -> pd.DataFrame:
    return helpers.load("unsc_meetings")


@pytest.fixture(scope="module")
def rapporteurs() -> pd.DataFrame:
    return helpers.load("special_rapporteurs")


@pytest.fixture(scope="module")
def upr() -> pd.DataFrame:
    return helpers.load("upr_cycles")


@pytest.fixture(scope="module")
def by_country() -> pd.DataFrame:
    return helpers.load("un_ga_votes_by_country")


@pytest.fixture(scope="module")
def reconciliation() -> pd.DataFrame:
    return helpers.load("un_ga_votes_reconciliation")


# ---------------------------------------------------------------- pure functions


def test_support_share_both_denominators() -> None:
    assert untrack.support_share(116, 20, 53) == 61.4
    assert untrack.support_share(116, 20, 53, of="yes_no") == 85.3
    assert untrack.support_share(10, 0, 0) == 100.0


@pytest.mark.parametrize("args", [(-1, 2, 3), (1.5, 2, 3), (True, 1, 1)])
def test_support_share_rejects_bad_counts(args: tuple) -> None:
    with pytest.raises((TypeError, ValueError)):
        untrack.support_share(*args)


def test_support_share_accepts_numpy_integers_from_a_frame(res: pd.DataFrame) -> None:
    # The reliability probe's case: values taken straight from a row of votes() are numpy integers.
    import numpy as np

    assert untrack.support_share(np.int64(116), np.int32(20), np.int64(53)) == 61.4
    row = res[(res["body"] == "GA plenary") & (res["year"] == 2014) & res["preferred"]].iloc[0]
    assert untrack.support_share(row["yes"], row["no"], row["abstain"]) == 61.4
    with pytest.raises(ValueError):
        untrack.support_share(np.int64(-1), 2, 3)
    with pytest.raises(ValueError):
        untrack.support_share(np.float64(1.5), 2, 3)


def test_support_share_rejects_empty_vote_and_bad_denominator() -> None:
    with pytest.raises(ValueError):
        untrack.support_share(0, 0, 0)
    with pytest.raises(ValueError):
        untrack.support_share(1, 1, 1, of="members")


def test_votes_one_preferred_row_per_year(res: pd.DataFrame) -> None:
    for body in untrack.BODIES:
        table = untrack.votes(res, body, 2000, 2030)
        assert table["year"].is_unique, body
        assert list(table["year"]) == sorted(table["year"]), body


def test_votes_filters_years_and_computes_shares(res: pd.DataFrame) -> None:
    table = untrack.votes(res, "GA plenary", 2014, 2016)
    assert list(table["year"]) == [2014, 2015, 2016]
    assert table.loc[0, "share_cast"] == 61.4
    assert pd.isna(table.loc[2, "share_cast"])  # 2016: adopted without a vote


def test_votes_uses_the_preferred_version(res: pd.DataFrame) -> None:
    row = untrack.votes(res, "GA plenary", 2014, 2014).iloc[0]
    assert (row["yes"], row["no"], row["abstain"]) == (116, 20, 53)
    assert row["version_id"] == "ga-2014-hrnk"


def test_votes_rejects_bad_arguments(res: pd.DataFrame) -> None:
    with pytest.raises(ValueError):
        untrack.votes(res, "Security Council", 2014, 2015)
    with pytest.raises(ValueError):
        untrack.votes(res, "HRC", 2020, 2010)
    with pytest.raises(TypeError):
        untrack.votes(res, "HRC", "2010", 2020)  # type: ignore[arg-type]


def test_method_changes_finds_turning_points(res: pd.DataFrame) -> None:
    assert untrack.method_changes(res, "GA plenary") == [
        (2012, "recorded vote", "no vote"),
        (2014, "no vote", "recorded vote"),
        (2016, "recorded vote", "no vote"),
    ]
    assert (2014, "no vote", "recorded vote") in untrack.method_changes(res, "HRC")


def test_method_changes_on_a_toy_frame() -> None:
    toy = pd.DataFrame(
        {
            "body": ["HRC"] * 3,
            "year": [2001, 2002, 2003],
            "date": ["2001", "2002", "2003"],
            "symbol": ["", "", ""],
            "vote_method": ["without_vote", "not_verified", "recorded_vote"],
            "yes": [None, None, 5],
            "no": [None, None, 1],
            "abstain": [None, None, 0],
            "preferred": [True, True, True],
            "version_id": ["a", "b", "c"],
        }
    )
    assert untrack.method_changes(toy, "HRC") == [(2003, "no vote", "recorded vote")]  # 2002 (not verified) skipped


def test_one_code_for_adoption_without_a_vote(res: pd.DataFrame) -> None:
    from helpers.display import label

    assert set(res["vote_method"]) <= {"recorded_vote", "without_vote", "not_verified"}
    assert "consensus" not in set(res["vote_method"])
    for code in set(res["vote_method"]):
        assert "_" not in label(code), code  # every code reads as words in a notebook table


def test_commission_years_are_on_record(res: pd.DataFrame) -> None:
    chr_years = set(res.loc[res["body"] == "CHR", "year"])
    assert chr_years == {2003, 2004, 2005}
    assert "CHR" in untrack.BODIES
    assert untrack.votes(res, "CHR", 2003, 2005).loc[0, "share_cast"] == untrack.support_share(28, 10, 14)


def test_procedural_margins(meetings: pd.DataFrame) -> None:
    margins = untrack.procedural_margins(meetings)
    assert len(margins) == int(meetings["procedural_vote"].sum())
    assert (margins["margin"] >= 0).all()  # every vote carried
    assert (margins["votes_for"] + margins["votes_against"] + margins["votes_abstain"] == 15).all()


def test_term_years(rapporteurs: pd.DataFrame) -> None:
    terms = untrack.term_years(rapporteurs, as_of=2026)
    assert list(terms["years"][:3]) == [6, 6, 6]
    assert terms["serving"].sum() == 1
    assert terms.iloc[-1]["end_year"] == 2026


def test_describe_votes_mentions_counts(res: pd.DataFrame) -> None:
    text = untrack.describe_votes(res, "GA plenary", 2014, 2015)
    assert "2 recorded votes" in text and "64.0% in 2015" in text
    assert "no verified record" in untrack.describe_votes(res, "HRC", 2003, 2004)


# ---------------------------------------------------------------- data conventions used by notebook 08


def test_one_preferred_version_per_body_and_year(res: pd.DataFrame) -> None:
    counts = res.groupby(["body", "year"])["preferred"].sum()
    assert (counts == 1).all(), counts[counts != 1]


def test_recorded_votes_have_counts_unless_flagged(res: pd.DataFrame) -> None:
    recorded = res[(res["vote_method"] == "recorded_vote") & res["preferred"]]
    assert recorded[["yes", "no", "abstain"]].notna().all().all()
    no_vote = res[res["vote_method"] != "recorded_vote"]
    assert no_vote[["yes", "no", "abstain"]].isna().all().all()
    unknown = res[res["vote_method"] == "not_verified"]
    assert unknown["note"].str.contains("not verified").all()


def test_rows_without_a_primary_source_say_so(res: pd.DataFrame) -> None:
    sources = helpers.load("sources").set_index("id")["reliability"]
    for _, row in res.iterrows():
        primary = any(sources[i] == "primary" for i in helpers.split_list(row["source_ids"], ";"))
        if not primary and row["preferred"]:
            assert "No UN copy" in str(row["note"]) or "no UN copy" in str(row["note"]), row["version_id"]


def _is_primary(ids: str, reliability: pd.Series) -> bool:
    return any(reliability[i] == "primary" for i in helpers.split_list(ids, ";"))


def test_notes_do_not_repeat_a_sentence(res: pd.DataFrame) -> None:
    # the reliability check found "No UN copy was found." twice in one note
    for _, row in res.iterrows():
        sentences = [s.strip() for s in re.split(r"(?<=[.])\s+", str(row["note"])) if s.strip()]
        assert len(sentences) == len(set(sentences)), row["version_id"]


def test_every_year_of_each_body_has_a_row(res: pd.DataFrame) -> None:
    for body, first in (("GA Third Committee", 2005), ("GA plenary", 2005), ("HRC", 2008)):
        missing = set(range(first, 2026)) - set(res.loc[res["body"] == body, "year"])
        assert not missing, (body, sorted(missing))


def test_a_primary_version_is_preferred_over_secondary_ones(res: pd.DataFrame) -> None:
    """Where one version of a year rests on a UN or government record and another only on news, prefer the first."""
    reliability = helpers.load("sources").set_index("id")["reliability"]
    for (body, year), group in res.groupby(["body", "year"]):
        if len(group) > 1 and any(_is_primary(ids, reliability) for ids in group["source_ids"]):
            preferred = group[group["preferred"]].iloc[0]
            assert _is_primary(preferred["source_ids"], reliability), (body, year)


def test_2009_committee_count_follows_the_government_record(res: pd.DataFrame) -> None:
    year = res[(res["body"] == "GA Third Committee") & (res["year"] == 2009)]
    row = year[year["preferred"]].iloc[0]
    assert (row["yes"], row["no"], row["abstain"]) == (97, 19, 65)
    assert "mofa-kr-2009-11-23-third-committee" in helpers.split_list(row["source_ids"], ";")
    assert len(year) == 3 and year.loc[~year["preferred"], "preferred_reason"].str.len().gt(0).all()


def test_symbols_found_in_un_texts(res: pd.DataFrame) -> None:
    preferred = res[res["preferred"]].set_index(["body", "year"])["symbol"]
    expected = {
        ("CHR", 2003): "2003/10",
        ("HRC", 2012): "19/13",
        ("HRC", 2021): "46/17",
        ("HRC", 2023): "52/28",
        ("GA plenary", 2012): "67/181",
        ("GA plenary", 2018): "73/180",
        ("GA plenary", 2019): "74/166",
        ("GA plenary", 2021): "76/177",
        ("GA plenary", 2022): "77/226",
    }
    assert {key: preferred[key] for key in expected} == expected


def test_symbols_fit_their_body_and_year(res: pd.DataFrame) -> None:
    """A GA resolution's number starts with its session (year - 1945), a CHR one with its year; HRC numbers rise."""
    with_symbol = res[res["symbol"].fillna("") != ""]
    for _, row in with_symbol.iterrows():
        session = int(row["symbol"].split("/")[0])
        if row["body"] == "GA plenary":
            assert session == row["year"] - 1945, row["version_id"]
        elif row["body"] == "CHR":
            assert session == row["year"], row["version_id"]
    hrc = with_symbol[(with_symbol["body"] == "HRC") & with_symbol["preferred"]].sort_values("year")
    sessions = [int(s.split("/")[0]) for s in hrc["symbol"]]
    assert sessions == sorted(sessions) and len(set(sessions)) == len(sessions)


def test_hrc_counts_fit_the_council(res: pd.DataFrame) -> None:
    hrc = res[(res["body"] == "HRC") & (res["vote_method"] == "recorded_vote") & res["preferred"]]
    assert ((hrc["yes"] + hrc["no"] + hrc["abstain"]) <= 47).all()


# ---------------------------------------------------------------- the answer key follows the data


def test_answer_share_2014(res: pd.DataFrame) -> None:
    row = untrack.votes(res, "GA plenary", 2014, 2014).iloc[0]
    assert helpers.is_correct(
        "08-share-2014", untrack.support_share(int(row["yes"]), int(row["no"]), int(row["abstain"]))
    )


def test_answer_share_2015_yes_no(res: pd.DataFrame) -> None:
    row = untrack.votes(res, "GA plenary", 2015, 2015).iloc[0]
    assert helpers.is_correct(
        "08-share-yes-no-2015", untrack.support_share(int(row["yes"]), int(row["no"]), int(row["abstain"]), of="yes_no")
    )


def test_answer_first_committee_no_vote(res: pd.DataFrame) -> None:
    committee = untrack.votes(res, "GA Third Committee", 2000, 2030)
    first = int(committee[committee["vote_method"] != "recorded_vote"]["year"].min())
    assert helpers.is_correct("08-first-committee-no-vote", first)


def test_answer_last_recorded_vote(res: pd.DataFrame) -> None:
    plenary = untrack.votes(res, "GA plenary", 2000, 2030)
    last = int(plenary[plenary["vote_method"] == "recorded_vote"]["year"].max())
    assert helpers.is_correct("08-last-recorded-vote-ga", last)


def test_answer_always_against(meetings: pd.DataFrame) -> None:
    voted = meetings[meetings["procedural_vote"]]
    sets = [set(helpers.split_list(cell, ";")) for cell in voted["against_members"]]
    always = sorted(set.intersection(*sets))
    assert helpers.is_correct("08-sc-always-against", always)
    assert not helpers.is_correct("08-sc-always-against", always[:1])


def test_answer_no_spare(meetings: pd.DataFrame) -> None:
    margins = untrack.procedural_margins(meetings)
    assert helpers.is_correct("08-sc-no-spare", int((margins["margin"] == 0).sum()))


def test_answer_upr_share(upr: pd.DataFrame) -> None:
    row = upr[(upr["cycle"] == 4) & upr["preferred"]].iloc[0]
    share = round(100 * row["supported"] / row["recommendations"], 1)
    assert helpers.is_correct("08-upr-2024-share", share)


def test_answer_rapporteur_order(rapporteurs: pd.DataFrame) -> None:
    order = list(rapporteurs.sort_values("term_start")["country"])
    assert helpers.is_correct("08-rapporteur-order", order)
    assert not helpers.is_correct("08-rapporteur-order", order[::-1])


def test_answer_choice_is_checked() -> None:
    assert helpers.is_correct("08-why-no-votes", "b")
    assert not helpers.is_correct("08-why-no-votes", "a")
    assert not math.isnan(untrack.support_share(1, 1))


# ---------------------------------------------------------------- votes by country


def test_by_country_totals_reconcile_with_un_resolutions(
    by_country: pd.DataFrame, res: pd.DataFrame, reconciliation: pd.DataFrame
) -> None:
    """Every plenary count in un_resolutions is set beside the by-country totals; each mismatch is a noted row."""
    fresh = untrack.reconcile(by_country, res).set_index("version_id")
    stored = reconciliation.set_index("version_id")
    assert sorted(fresh.index) == sorted(stored.index)
    for col in ("symbol", "yes_by_country", "no_by_country", "abstain_by_country", "absent_by_country", "status"):
        assert list(fresh.loc[stored.index, col].astype(str)) == list(stored[col].astype(str)), col
    mismatches = stored[stored["status"] == "mismatch"]
    assert mismatches["note"].fillna("").str.len().gt(0).all()
    assert stored.loc[stored["status"] == "match", "note"].fillna("").eq("").all()
    # every vote in the by-country table has a preferred count, and all but the noted one agree with it
    preferred = stored[stored["version_preferred"]]
    assert set(preferred["symbol"]) == set(by_country["symbol"])
    assert list(preferred.loc[preferred["status"] == "mismatch"].index) == ["ga-2007"]


def test_reconcile_flags_a_changed_count(by_country: pd.DataFrame, res: pd.DataFrame) -> None:
    altered = res.copy()
    i = altered.index[altered["version_id"] == "ga-2015"][0]
    altered.loc[i, "yes"] = 118
    table = untrack.reconcile(by_country, altered).set_index("version_id")
    assert table.loc["ga-2015", "status"] == "mismatch"


def test_by_country_rows_are_members_once_per_vote(by_country: pd.DataFrame) -> None:
    assert not by_country.duplicated(["symbol", "iso2"]).any()
    sizes = by_country.groupby("symbol").size()
    assert sizes.between(191, 193).all(), sizes  # UN membership was 191-193 in 2005-2015
    assert set(by_country["symbol"]) == {
        "60/173",
        "61/174",
        "62/167",
        "63/190",
        "64/175",
        "65/225",
        "66/174",
        "69/188",
        "70/172",
    }
    assert by_country.loc[by_country["iso2"] == "KP", "vote"].eq("no").all()


def test_country_history(by_country: pd.DataFrame) -> None:
    rok = untrack.country_history(by_country, "kr")
    assert list(rok["vote"][:3]) == ["abstain", "yes", "abstain"]  # 2005, 2006, 2007 (after the inter-Korean summit)
    assert list(untrack.country_history(by_country, "South Korea")["vote"]) == list(rok["vote"])
    assert len(untrack.country_history(by_country, "SS")) == 3  # South Sudan joined in 2011
    with pytest.raises(ValueError):
        untrack.country_history(by_country, "Atlantis")


def test_vote_changes_on_a_toy_frame() -> None:
    toy = pd.DataFrame(
        {
            "symbol": ["1/1"] * 5 + ["2/2"] * 5,
            "date": ["2001-12-01"] * 5 + ["2002-12-01"] * 5,
            "country": ["A", "B", "C", "D", "E"] * 2,
            "iso2": ["AA", "BB", "CC", "DD", "EE"] * 2,
            "region": ["Africa", "Africa", "Asia", "Asia", "Europe"] * 2,
            "vote": ["no", "yes", "abstain", "yes", "absent", "abstain", "yes", "yes", "no", "yes"],
        }
    )
    changes = untrack.vote_changes(toy).set_index("iso2")["change"].to_dict()
    assert changes == {
        "AA": "towards yes",
        "BB": "no change",
        "CC": "towards yes",
        "DD": "away from yes",
        "EE": "to or from absent",
    }
    regions = untrack.changes_by_region(untrack.vote_changes(toy)).set_index("region")
    assert regions.loc["Asia", "towards yes"] == 1 and regions.loc["Asia", "away from yes"] == 1
    assert regions.loc["Europe", "total"] == 1
    with pytest.raises(ValueError):
        untrack.vote_changes(toy, first="3/3")


def test_vote_changes_first_to_last(by_country: pd.DataFrame) -> None:
    changes = untrack.vote_changes(by_country)
    members_both = set(by_country.loc[by_country["symbol"] == "60/173", "iso2"]) & set(
        by_country.loc[by_country["symbol"] == "70/172", "iso2"]
    )
    assert set(changes["iso2"]) == members_both
    assert changes.set_index("iso2").loc["KP", "change"] == "no change"
    regions = untrack.changes_by_region(changes)
    assert int(regions["total"].sum()) == len(changes)


def test_answer_changers(by_country: pd.DataFrame) -> None:
    changes = untrack.vote_changes(by_country)
    towards = int((changes["change"] == "towards yes").sum())
    assert helpers.is_correct("08-towards-yes", towards)
    assert not helpers.is_correct("08-towards-yes", towards + 1)


def test_answer_region_most_changed(by_country: pd.DataFrame) -> None:
    regions = untrack.changes_by_region(untrack.vote_changes(by_country)).set_index("region")
    best = regions["towards yes"].idxmax()
    assert (regions["towards yes"] == regions["towards yes"].max()).sum() == 1  # the answer is unique
    assert helpers.is_correct("08-region-towards-yes", best)


def test_answer_rok_2007(by_country: pd.DataFrame) -> None:
    rok = untrack.country_history(by_country, "KR").set_index("symbol")
    assert helpers.is_correct("08-rok-2007", rok.loc["62/167", "vote"])
