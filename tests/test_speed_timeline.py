"""filter_events, since_statement and last_year pick rows from plain lists (issue 13): the same frames as before.

The ``_reference_*`` functions are the pandas versions these replaced (with_sort_date, boolean masks and a
stable sort_values), kept here as the rule the quick ones are held to. One difference is deliberate: the
old masks were plain lists, and pandas reads an *empty* list as a selection of no columns, so an empty
table (or a since_statement with no event) lost all its columns; now it keeps them, and the references
here use boolean arrays to say so.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import timeline as tl


def _reference_with_sort_date(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["start"] = pd.to_datetime([tl.parse_partial_date(str(d)) for d in out["date"]])
    return out


def _reference_filter(frame, start=None, end=None, categories=None, *, preferred_only=True) -> pd.DataFrame:
    low = tl._year_bound(start, end=False)
    high = tl._year_bound(end, end=True)
    out = _reference_with_sort_date(frame)
    keep = [True] * len(out)
    for i, day in enumerate(d.date() for d in out["start"]):
        if low is not None and day < low:
            keep[i] = False
        if high is not None and day > high:
            keep[i] = False
    out = out[np.array(keep, dtype=bool)]  # (a bare list: an empty one selected no *columns*, see below)
    if categories is not None:
        out = out[out["category"].isin([categories] if isinstance(categories, str) else list(categories))]
    if preferred_only and "preferred" in out.columns:
        out = out[out["preferred"].fillna(True).astype(bool)]
    return out.sort_values(["start", "event_id"], kind="stable").reset_index(drop=True)


def _reference_since(frame, as_of, categories=None, *, after=tl.STATEMENT_DATE, preferred_only=True) -> pd.DataFrame:
    first = tl.parse_partial_date(after)
    out = _reference_filter(frame, None, as_of, categories, preferred_only=preferred_only)
    out = out[np.array([d.date() > first for d in out["start"]], dtype=bool)]
    return out.reset_index(drop=True)


@pytest.fixture(scope="module")
def timeline() -> pd.DataFrame:
    return helpers.load("timeline")


def _same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(got.dtypes.astype(str)) == list(expected.dtypes.astype(str))
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def _variants(timeline: pd.DataFrame) -> list[pd.DataFrame]:
    """The real timeline and tables a student might make of it: shuffled, ties, no preferred column, gaps."""
    rng = np.random.default_rng(7)
    shuffled = timeline.sample(frac=1.0, random_state=5)  # an index out of order
    ties = pd.concat([timeline, timeline.iloc[:20]], ignore_index=True)  # repeated ids and dates
    ties.loc[ties.index[-5:], "date"] = "2014"
    unpreferred = timeline.drop(columns=["preferred"])
    gaps = timeline.copy()
    gaps.loc[gaps.index[rng.choice(len(gaps), 30, replace=False)], "preferred"] = pd.NA
    objects = timeline.astype({"preferred": "object"})
    objects.loc[objects.index[:10], "preferred"] = None
    odd_ids = timeline.astype({"event_id": "object"})
    odd_ids.loc[odd_ids.index[3], "event_id"] = np.nan
    return [timeline, shuffled, ties, unpreferred, gaps, objects, odd_ids, timeline.iloc[0:0]]


def test_filter_events_gives_the_reference_frames(timeline: pd.DataFrame) -> None:
    rng = random.Random(11)
    cats = list(tl.CATEGORIES)
    calls = [(None, None, None), (2013, 2025, None), (1950, 1953, ["division_war"]), ("2013-03", "2014-02", None)]
    calls += [("2024-10-18", "2026", cats[:3]), (1945, None, "coi"), (None, 1990, cats)]
    for _ in range(25):
        a, b = sorted(rng.sample(range(1940, 2030), 2))
        calls.append((a, b, rng.sample(cats, rng.randint(1, len(cats))) if rng.random() < 0.5 else None))
    for frame in _variants(timeline):
        for start, end, categories in calls:
            for preferred_only in (True, False):
                _same(
                    tl.filter_events(frame, start, end, categories, preferred_only=preferred_only),
                    _reference_filter(frame, start, end, categories, preferred_only=preferred_only),
                )


def test_since_statement_gives_the_reference_frames(timeline: pd.DataFrame) -> None:
    for frame in _variants(timeline):
        for as_of in ("2026-12-01", "2025", "2025-06", dt.date(2025, 3, 1), "2024-10-18"):
            for categories in (None, ["trilateral", "rok_policy"], "coi"):
                for preferred_only in (True, False):
                    _same(
                        tl.since_statement(frame, as_of, categories, preferred_only=preferred_only),
                        _reference_since(frame, as_of, categories, preferred_only=preferred_only),
                    )
        _same(tl.since_statement(frame, "2026", after="2000"), _reference_since(frame, "2026", after="2000"))


def test_last_year_and_with_sort_date_are_the_reference(timeline: pd.DataFrame) -> None:
    for frame in _variants(timeline)[:-1]:
        assert tl.last_year(frame) == int(_reference_with_sort_date(frame)["start"].max().year)
        _same(tl.with_sort_date(frame), _reference_with_sort_date(frame))
    with pytest.raises(ValueError):
        tl.last_year(timeline.iloc[0:0])


def test_a_remembered_date_is_the_date_and_bad_text_still_fails() -> None:
    for text in ("1994", "2006-06", "2024-10-18", " 2024-10-18 "):
        first, again = tl.parse_partial_date(text), tl.parse_partial_date(text)
        assert first == again == dt.date.fromisoformat((text.strip() + "-01-01")[:10])
    for bad in ("2024-02-30", "2024-13", "24", "2024-1-1"):
        for _ in range(2):  # the second time too: an error is never remembered as a date
            with pytest.raises(ValueError):
                tl.parse_partial_date(bad)
    tl._PARSED.clear()
    for year in range(4200):  # more texts than the memory keeps: it starts afresh, and stays right
        assert tl.parse_partial_date(f"{1000 + year % 9000:04d}") == dt.date(1000 + year % 9000, 1, 1)
    assert len(tl._PARSED) <= 4096


def test_no_event_keeps_the_columns(timeline: pd.DataFrame) -> None:
    for got in (
        tl.filter_events(timeline.iloc[0:0]),
        tl.filter_events(timeline, 1800, 1801),
        tl.since_statement(timeline, "2024-10-18"),
    ):
        assert got.empty and list(got.columns) == [*timeline.columns, "start"]
