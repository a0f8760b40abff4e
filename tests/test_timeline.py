"""helpers.timeline (notebook 02) and the timeline, laws_institutions and people datasets."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import helpers
from helpers import timeline as tl


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return helpers.load("timeline")


def small() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["a", "b", "b-alt", "c", "d"],
            "date": ["1994", "2006-06", "2006-07-01", "2014-02-17", "2024-10-18"],
            "category": ["famine_escapes", "legislation", "legislation", "coi", "trilateral"],
            "preferred": [True, True, False, True, True],
        }
    )


# ------------------------------------------------------------------ pure functions


def test_parse_partial_date_takes_the_first_day() -> None:
    assert tl.parse_partial_date("1994") == dt.date(1994, 1, 1)
    assert tl.parse_partial_date("2006-06") == dt.date(2006, 6, 1)
    assert tl.parse_partial_date("2024-10-18") == dt.date(2024, 10, 18)
    assert tl.parse_partial_date(dt.date(2000, 5, 5)) == dt.date(2000, 5, 5)


@pytest.mark.parametrize("bad", ["94", "2024-13", "2024-02-30", "18 Oct 2024", ""])
def test_parse_partial_date_rejects_bad_input(bad: str) -> None:
    with pytest.raises(ValueError):
        tl.parse_partial_date(bad)


def test_parse_partial_date_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        tl.parse_partial_date(2024)  # type: ignore[arg-type]


def test_interval_days_counts_calendar_days() -> None:
    assert tl.interval_days("2014-02-17", "2024-10-18") == 3896
    assert tl.interval_days("2024-10-18", "2014-02-17") == -3896
    assert tl.interval_days("2024-02-28", "2024-03-01") == 2  # leap year
    assert tl.interval_days(dt.date(2023, 8, 18), "2024-10-18") == 427


@pytest.mark.parametrize("partial", ["1994", "2006-06"])
def test_interval_days_refuses_partial_dates(partial: str) -> None:
    with pytest.raises(ValueError, match="known only to the"):
        tl.interval_days(partial, "2024-10-18")


def test_filter_events_by_years_categories_and_preference() -> None:
    frame = small()
    assert list(tl.filter_events(frame)["event_id"]) == ["a", "b", "c", "d"]
    assert list(tl.filter_events(frame, preferred_only=False)["event_id"]) == ["a", "b", "b-alt", "c", "d"]
    assert list(tl.filter_events(frame, 2000, 2014)["event_id"]) == ["b", "c"]
    assert list(tl.filter_events(frame, "2006-06", "2006-06", preferred_only=False)["event_id"]) == ["b"]
    assert list(tl.filter_events(frame, categories=["coi", "trilateral"])["event_id"]) == ["c", "d"]
    assert list(tl.filter_events(frame, categories="coi")["event_id"]) == ["c"]
    assert tl.filter_events(frame, 1950, 1960).empty


def test_filter_events_end_year_includes_the_whole_year() -> None:
    frame = small()
    assert "d" in set(tl.filter_events(frame, 2024, 2024)["event_id"])
    assert "d" not in set(tl.filter_events(frame, 2024, "2024-09")["event_id"])


def test_filter_events_does_not_change_its_input() -> None:
    frame = small()
    before = frame.copy()
    tl.filter_events(frame, 2000, 2020, ["coi"])
    pd.testing.assert_frame_equal(frame, before)


def test_filter_events_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown categories"):
        tl.filter_events(small(), categories=["wars"])
    with pytest.raises(ValueError, match="after end"):
        tl.filter_events(small(), 2020, 2010)


def test_order_events_sorts_by_date() -> None:
    assert tl.order_events(small(), ["d", "a", "c"]) == ["a", "c", "d"]
    with pytest.raises(KeyError):
        tl.order_events(small(), ["zzz"])


def test_actors_splits_the_cell() -> None:
    frame = pd.DataFrame({"event_id": ["x", "y"], "actors": ["Japan; DPRK;Kim Jong Il", None]})
    assert tl.actors(frame, "x") == ["Japan", "DPRK", "Kim Jong Il"]
    assert tl.actors(frame, "y") == []
    with pytest.raises(KeyError):
        tl.actors(frame, "z")


def test_meeting_participants_are_in_people(events: pd.DataFrame) -> None:
    names = set(helpers.load("people")["name"])
    for event_id in ("trilateral-meeting-2024", "camp-david-2023"):
        people = [a for a in tl.actors(events, event_id) if a in names]
        assert len(people) >= 3, f"{event_id}: officials among the actors should match people.name exactly"


def test_category_counts_lists_every_category() -> None:
    counts = tl.category_counts(small())
    assert list(counts.index) == list(tl.CATEGORIES)
    assert counts["legislation"] == 2 and counts["division_war"] == 0


def test_plot_timeline_returns_alt_text_from_the_data(events: pd.DataFrame) -> None:
    import matplotlib.pyplot as plt

    chosen = tl.filter_events(events, 1945, 1960, ["division_war"])
    fig, alt = tl.plot_timeline(chosen, "Division and war")
    plt.close(fig)
    assert f"{len(chosen)} events" in alt and "1945" in alt
    with pytest.raises(ValueError):
        tl.plot_timeline(chosen.iloc[0:0])


# ------------------------------------------------------------------ the data


def test_categories_match_the_schema(events: pd.DataFrame) -> None:
    resource = {r["name"]: r for r in helpers.data.package()["resources"]}["timeline"]
    enum = next(f for f in resource["schema"]["fields"] if f["name"] == "category")["constraints"]["enum"]
    assert sorted(enum) == sorted(tl.CATEGORIES)
    assert set(tl.CATEGORY_LABELS) == set(tl.CATEGORIES)


def test_every_disagreement_has_exactly_one_preferred_version() -> None:
    for name in ("timeline", "laws_institutions"):
        frame = helpers.load(name)
        disputed = frame[frame["disagreement_id"].notna()]
        assert not disputed.empty
        for key, group in disputed.groupby("disagreement_id"):
            assert len(group) >= 2, f"{name}: {key} has only one version"
            assert int(group["preferred"].sum()) == 1, f"{name}: {key} needs exactly one preferred row"
            assert group.loc[group["preferred"] == True, "preferred_reason"].notna().all()  # noqa: E712
        undisputed = frame[frame["disagreement_id"].isna()]
        assert undisputed["preferred"].all(), f"{name}: rows without a disagreement must be preferred"


def test_the_brief_disagreements_are_recorded(events: pd.DataFrame) -> None:
    versions = {k: sorted(g["date"]) for k, g in events.groupby("disagreement_id")}
    assert versions["rok-nkhra-passage"] == ["2016-03-02", "2016-03-03"]
    assert versions["us-nkhra-expiry"] == ["2022-08-30", "2022-09-30"]
    assert versions["res-22-13-date"] == ["2013-03-21", "2013-03-22"]
    assert versions["foundation-ruling-date"] == ["2024-10-14", "2024-10-17"]


def test_key_dates(events: pd.DataFrame) -> None:
    date = dict(zip(events["event_id"], events["date"]))
    assert date["trilateral-meeting-2024"] == "2024-10-18"
    assert date["camp-david-2023"] == "2023-08-18"
    assert date["koizumi-kim-summit-2002"] == "2002-09-17"
    assert date["us-nkhra-2004"] == "2004-10-18"
    assert date["coi-report-released-2014"] == "2014-02-17"


def test_nothing_after_current_to() -> None:
    for name in ("timeline", "laws_institutions", "people"):
        info = helpers.describe(name)
        frame = helpers.load(name)
        for column in [c for c in frame.columns if f"{c}_precision" in frame.columns]:
            assert (frame[column].dropna() <= info.current_to).all(), f"{name}.{column} goes past {info.current_to}"


def test_art_exhibit_is_not_reported_as_held(events: pd.DataFrame) -> None:
    row = events[events["event_id"] == "side-events-announced-2024"].iloc[0]
    assert "announced" in row["description"] and "no source seen confirms" in row["description"]


def test_people_are_officials_with_a_date_in_role() -> None:
    people = helpers.load("people")
    assert people["person_id"].is_unique
    assert people["seen_on"].notna().all()
    for _, row in people[people["from_date"].notna() & people["to_date"].notna()].iterrows():
        assert tl.parse_partial_date(row["from_date"]) <= tl.parse_partial_date(row["to_date"])
    participants = {"Kurt M. Campbell", "Kim Yung-ho", "Shigeo Yamada", "Julie Turner", "Cho Hyun-dong"}
    assert participants <= set(people["name"])


# ------------------------------------------------------------------ the answer key, against the data


def test_answer_key_matches_the_data(events: pd.DataFrame) -> None:
    ids = ["camp-david-2023", "koizumi-kim-summit-2002", "coi-report-released-2014", "us-nkhra-2004", "armistice-1953"]
    assert helpers.is_correct("02-order-events", tl.order_events(events, ids))
    assert helpers.is_correct("02-days-coi-to-statement", tl.days_between_events(events, "coi-report-released-2014", "trilateral-meeting-2024"))
    assert helpers.is_correct("02-days-camp-david", tl.days_between_events(events, "camp-david-2023", "trilateral-meeting-2024"))
    assert helpers.is_correct("02-count-trilateral", len(tl.filter_events(events, categories=["trilateral"])))
    rok = events[(events["disagreement_id"] == "rok-nkhra-passage") & (events["preferred"] == True)]  # noqa: E712
    assert helpers.is_correct("02-preferred-rok-act", rok["date"].iloc[0])
    assert helpers.is_correct("02-after-not-because", "b")
    assert not helpers.is_correct("02-after-not-because", "a")
