"""Answers that come from the data are re-computed from the data (notebooks 00 and 10).

Topic notebooks check theirs in their own test files (tests/test_<topic>.py). A
data correction can therefore never leave a stale answer key behind.
"""

from __future__ import annotations

import pandas as pd

import helpers


def test_00_anniversary_years() -> None:
    sources = helpers.load("sources").set_index("id")
    years = int(sources.loc["joint-statement-2024", "published"][:4]) - int(
        sources.loc["un-coi-report-2014", "published"][:4]
    )
    assert helpers.is_correct("00-anniversary-years", years)


def test_00_statement_date_comes_from_the_text() -> None:
    first = helpers.read_text("statement_text").split("\n\n")[1]
    assert first.startswith("On October 18, 2024,")
    date = pd.Timestamp("October 18, 2024").strftime("%Y-%m-%d")
    assert helpers.is_correct("00-statement-date", date)


def test_10_answers_match_the_data() -> None:
    commitments = helpers.load("commitments")
    assert helpers.is_correct("10-strongest-count", int((commitments["verb_strength"] == 4).sum()))
    alone = commitments[commitments["committing_parties"].str.split(";").str.len() == 1]["commitment_id"].tolist()
    assert len(alone) == 1 and helpers.is_correct("10-single-government", alone[0])
    yearly = helpers.escapees.yearly(helpers.load("escapee_arrivals")).set_index("year")["total"]
    change = (yearly.loc[2021] - yearly.loc[2019]) / yearly.loc[2019] * 100
    assert helpers.is_correct("10-fall-2019-2021", round(float(change), 1))
    assert not helpers.is_correct("10-fall-2019-2021", round(float(change), 1) + 0.2)


def test_10_model_assessment_passes_the_notebook_checks() -> None:
    model = helpers.exercise("10-assessment")["answer"]
    report = helpers.capstone.check_assessment(model, ["joint-statement-2024", "un-coi-report-2014"])
    assert report.ok, str(report)
    for number in ("1,047", "63", "236"):
        assert number in model
    yearly = helpers.escapees.yearly(helpers.load("escapee_arrivals")).set_index("year")["total"]
    assert (int(yearly.loc[2019]), int(yearly.loc[2021]), int(yearly.loc[2024])) == (1047, 63, 236)
