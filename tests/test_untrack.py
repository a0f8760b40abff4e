"""Tests for helpers.untrack (notebook 08) and for its answer key against the data."""

from __future__ import annotations

import math

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


# ---------------------------------------------------------------- pure functions


def test_support_share_both_denominators() -> None:
    assert untrack.support_share(116, 20, 53) == 61.4
    assert untrack.support_share(116, 20, 53, of="yes_no") == 85.3
    assert untrack.support_share(10, 0, 0) == 100.0


@pytest.mark.parametrize("args", [(-1, 2, 3), (1.5, 2, 3), (True, 1, 1)])
def test_support_share_rejects_bad_counts(args: tuple) -> None:
    with pytest.raises((TypeError, ValueError)):
        untrack.support_share(*args)


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
    assert untrack.method_changes(res, "GA plenary") == [(2012, "recorded vote", "no vote"), (2014, "no vote", "recorded vote"), (2016, "recorded vote", "no vote")]
    assert (2014, "no vote", "recorded vote") in untrack.method_changes(res, "HRC")


def test_method_changes_on_a_toy_frame() -> None:
    toy = pd.DataFrame(
        {
            "body": ["HRC"] * 3,
            "year": [2001, 2002, 2003],
            "date": ["2001", "2002", "2003"],
            "symbol": ["", "", ""],
            "vote_method": ["without_vote", "consensus", "recorded_vote"],
            "yes": [None, None, 5],
            "no": [None, None, 1],
            "abstain": [None, None, 0],
            "preferred": [True, True, True],
            "version_id": ["a", "b", "c"],
        }
    )
    assert untrack.method_changes(toy, "HRC") == [(2003, "no vote", "recorded vote")]


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


def test_hrc_counts_fit_the_council(res: pd.DataFrame) -> None:
    hrc = res[(res["body"] == "HRC") & (res["vote_method"] == "recorded_vote") & res["preferred"]]
    assert ((hrc["yes"] + hrc["no"] + hrc["abstain"]) <= 47).all()


# ---------------------------------------------------------------- the answer key follows the data


def test_answer_share_2014(res: pd.DataFrame) -> None:
    row = untrack.votes(res, "GA plenary", 2014, 2014).iloc[0]
    assert helpers.is_correct("08-share-2014", untrack.support_share(int(row["yes"]), int(row["no"]), int(row["abstain"])))


def test_answer_share_2015_yes_no(res: pd.DataFrame) -> None:
    row = untrack.votes(res, "GA plenary", 2015, 2015).iloc[0]
    assert helpers.is_correct("08-share-yes-no-2015", untrack.support_share(int(row["yes"]), int(row["no"]), int(row["abstain"]), of="yes_no"))


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
