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
    assert helpers.is_correct(
        "02-days-coi-to-statement",
        tl.days_between_events(events, "coi-report-released-2014", "trilateral-meeting-2024"),
    )
    assert helpers.is_correct(
        "02-days-camp-david", tl.days_between_events(events, "camp-david-2023", "trilateral-meeting-2024")
    )
    assert helpers.is_correct("02-count-trilateral", len(tl.filter_events(events, categories=["trilateral"])))
    rok = events[(events["disagreement_id"] == "rok-nkhra-passage") & (events["preferred"] == True)]  # noqa: E712
    assert helpers.is_correct("02-preferred-rok-act", rok["date"].iloc[0])
    assert helpers.is_correct("02-after-not-because", "b")
    assert not helpers.is_correct("02-after-not-because", "a")


# ------------------------------------------------------------------ since the statement


def recent() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["before", "same-day", "month-of", "after", "later", "alt", "future"],
            "date": ["2024-10-17", "2024-10-18", "2024-10", "2024-12-03", "2026", "2025-01-20", "2027-01-01"],
            "category": [
                "trilateral",
                "trilateral",
                "other",
                "political_change",
                "us_policy",
                "political_change",
                "other",
            ],
            "preferred": [True, True, True, True, True, False, True],
        }
    )


def test_format_date_keeps_the_precision() -> None:
    assert tl.format_date("2026-12-01") == "1 December 2026"
    assert tl.format_date("2025-07") == "July 2025"
    assert tl.format_date("2025") == "2025"
    assert tl.format_date(dt.date(2024, 10, 18)) == "18 October 2024"
    with pytest.raises(ValueError):
        tl.format_date("1 Dec 2026")


def test_since_statement_keeps_events_after_the_day_up_to_as_of() -> None:
    frame = recent()
    assert list(tl.since_statement(frame, "2026-12-01")["event_id"]) == ["after", "later"]
    assert list(tl.since_statement(frame, "2026-12-01", preferred_only=False)["event_id"]) == ["after", "alt", "later"]
    assert list(tl.since_statement(frame, "2025-12-31")["event_id"]) == ["after"]
    assert list(tl.since_statement(frame, "2026")["event_id"]) == ["after", "later"]  # a year includes all of it
    assert list(tl.since_statement(frame, "2026-12-01", ["us_policy"])["event_id"]) == ["later"]
    assert list(tl.since_statement(frame, "2026-12-01", after="2024-10-16")["event_id"]) == [
        "before",
        "same-day",
        "after",
        "later",
    ]


def test_since_statement_refuses_an_as_of_before_the_statement() -> None:
    with pytest.raises(ValueError, match="before the statement date"):
        tl.since_statement(recent(), "2024-10-01")


def test_since_counts_leaves_out_empty_categories() -> None:
    counts = tl.since_counts(recent(), "2026-12-01")
    assert counts.to_dict() == {"political_change": 1, "us_policy": 1}


def test_last_year_reads_the_latest_event() -> None:
    assert tl.last_year(recent()) == 2027
    assert tl.last_year(small()) == 2024


@pytest.mark.parametrize(
    ("start", "end"), [(2023, 2024), ("2025-06-11", "2025-06-11"), ("2025-06", "2025-08"), (2013, 2026), (1945, 2026)]
)
def test_timeline_tick_labels_never_overlap(events: pd.DataFrame, start: object, end: object) -> None:
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    chosen = tl.filter_events(events, start, end)
    fig, _ = tl.plot_timeline(chosen, "Ticks")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    labels = [t for t in ax.get_xticklabels() if t.get_text() and low <= t.get_position()[0] <= high]
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
    plt.close(fig)
    assert 2 <= len(boxes) <= 7, [t.get_text() for t in labels]
    for left, right in zip(boxes, boxes[1:]):
        assert left.x1 < right.x0, f"tick labels overlap: {[t.get_text() for t in labels]}"


def test_the_data_reach_past_the_statement(events: pd.DataFrame) -> None:
    as_of = helpers.describe("timeline").current_to
    since = tl.since_statement(events, as_of)
    assert len(since) >= 30
    # each capital and the UN appear after the statement
    for category in ("political_change", "us_policy", "rok_policy", "un_mechanism", "abductions"):
        assert (since["category"] == category).any(), category
    titles = " ".join(since["title"])
    for needle in ("martial law", "removes Yoon", "Trump", "Takaichi", "high-level meeting"):
        assert needle in titles, needle


def test_changes_of_government_are_dated_as_the_sources_say(events: pd.DataFrame) -> None:
    date = dict(zip(events["event_id"], events["date"]))
    assert date["rok-martial-law-2024"] == "2024-12-03"
    assert date["rok-impeachment-2024"] == "2024-12-14"
    assert date["rok-removal-2025"] == "2025-04-04"
    assert date["lee-inauguration-2025"] == "2025-06-04"
    assert date["trump-inauguration-2025"] == "2025-01-20"
    assert date["takaichi-pm-2025"] == "2025-10-21"
    assert date["us-election-2024"] == "2024-11-05"
    assert date["japan-election-2026"] == "2026-02-08"
    assert date["unga-high-level-meeting-2025"] == "2025-05-20"


def test_since_exercise_key_matches_the_data(events: pd.DataFrame) -> None:
    as_of = helpers.describe("timeline").current_to
    count = len(tl.since_statement(events, as_of, ["political_change"]))
    assert helpers.is_correct("02-since-changes-of-government", count)
    assert not helpers.is_correct("02-since-changes-of-government", count + 1)


def test_show_events_writes_codes_as_words() -> None:
    frame = small()
    table = tl.show_events(frame, ["date", "category", "preferred"], caption="Small")
    text = repr(table)
    assert "Famine and escapes" in text and "famine_escapes" not in text
    assert "other version" in text and "Small" in text
    html = table._repr_html_()
    assert "<table" in html and "Commission of Inquiry" in html
    with pytest.raises(KeyError, match="no column"):
        tl.show_events(frame, ["nope"])


@pytest.mark.parametrize("span", [(2003, 2006), (2006, 2011), (2014, 2016), (2016, 2018)])
def test_a_two_to_five_year_range_draws_without_a_warning(span: tuple[int, int]) -> None:
    # These ranges were too long for six monthly ticks and too short for three yearly ones: matplotlib warned
    # ("AutoDateLocator was unable to pick an appropriate interval") inside the student's timeline explorer.
    import warnings

    from helpers.plots import check_layout

    events = tl.filter_events(helpers.load("timeline"), *span)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, _ = tl.plot_timeline(events, f"Events {span[0]}-{span[1]}")
        check_layout(fig)
