"""figure_table and parts_check build their rows from plain lists (issue 13): the frames the pandas versions gave.

The ``_reference_*`` functions are those pandas versions, kept here as the rule.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import humanitarian as hu


def _reference_figure_table(figures: pd.DataFrame, measure: str, *, preferred_only: bool = False) -> pd.DataFrame:
    rows = figures[figures["measure"] == measure].copy()
    if preferred_only:
        rows = rows[hu._flag(rows["preferred"])]
    rows["figure"] = [hu.format_figure(lo, hi, q) for lo, hi, q in zip(rows["low"], rows["high"], rows["qualifier"])]
    cols = ["as_of", "figure"] + (["claimant"] if "claimant" in rows else []) + ["preferred", "figure_id"]
    rows = rows.sort_values(["as_of", "figure_id"], kind="stable")
    return rows[cols].reset_index(drop=True)


def _reference_parts_check(figures: pd.DataFrame) -> pd.DataFrame:
    parts = figures[figures["part_of"].notna()]
    out = []
    for total_id, group in parts.groupby("part_of", sort=True):
        total_row = figures[figures["figure_id"] == total_id].iloc[0]
        total = int(total_row["low"])
        summed = int(group["low"].sum())
        out.append(
            {
                "total_id": total_id,
                "measure": total_row["measure"],
                "total": total,
                "parts": len(group),
                "parts_sum": summed,
                "difference": total - summed,
            }
        )
    return pd.DataFrame(out, columns=["total_id", "measure", "total", "parts", "parts_sum", "difference"])


def _same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(got.dtypes.astype(str)) == list(expected.dtypes.astype(str))
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


FIGURE_TABLES = ["abductions_japan", "pow_figures", "separated_families_figures"]


def _variants(frame: pd.DataFrame) -> list[pd.DataFrame]:
    shuffled = frame.sample(frac=1.0, random_state=2)
    gaps = frame.copy()
    gaps.loc[gaps.index[::4], "preferred"] = pd.NA
    ties = pd.concat([frame, frame.iloc[:6]], ignore_index=True)
    objects = frame.astype({"preferred": "object"})  # not boolean: the pandas path
    odd = frame.astype({"as_of": "object"})
    odd.loc[odd.index[1], "as_of"] = np.nan  # an as_of that is not text: the pandas path
    return [frame, shuffled, gaps, ties, objects, odd]


@pytest.mark.parametrize("name", FIGURE_TABLES)
def test_figure_table_is_the_reference(name: str) -> None:
    base = helpers.load(name)
    quick = 0
    for frame in _variants(base):
        for measure in hu.measures(frame):
            for preferred_only in (False, True):
                _same(
                    hu.figure_table(frame, measure, preferred_only=preferred_only),
                    _reference_figure_table(frame, measure, preferred_only=preferred_only),
                )
                quick += hu._figure_rows(frame, measure, preferred_only) is not None
    assert quick > 0  # the list path was taken
    with pytest.raises(ValueError, match="unknown measure"):
        hu.figure_table(base, "no_such_measure")


@pytest.mark.parametrize("name", [n for n in FIGURE_TABLES if "part_of" in helpers.load(n).columns])
def test_parts_check_is_the_reference(name: str) -> None:
    base = helpers.load(name)
    assert hu._parts_rows(base) is not None
    shuffled = base.sample(frac=1.0, random_state=4)
    some_missing = base.copy()
    some_missing.loc[some_missing.index[base["part_of"].notna()][:1], "low"] = pd.NA
    for frame in (base, shuffled, some_missing, base.iloc[0:0]):
        _same(hu.parts_check(frame), _reference_parts_check(frame))
    no_total = base[~base["figure_id"].isin(set(base["part_of"].dropna()))]
    if not no_total.empty and no_total["part_of"].notna().any():
        with pytest.raises(IndexError):
            hu.parts_check(no_total)  # a part whose total is gone: the pandas version's error, as before


def _reference_detention_summary(detainees: pd.DataFrame, on=hu.STATEMENT_DATE) -> pd.DataFrame:
    starts = detainees[detainees["event"].isin(["arrested", "missing"])]
    out = []
    for name, group in starts.groupby("detainee", sort=False):
        pref = group[hu._flag(group["preferred"])].iloc[0]
        begin = hu._parse_partial(pref["date"])
        if begin > on:
            continue
        others = sorted(str(d) for d in group.loc[~hu._flag(group["preferred"]), "date"])
        out.append(
            {
                "detainee": name,
                "group": pref["group"],
                "since": pref["date"],
                "since_precision": pref["date_precision"],
                "start_event": pref["event"],
                "years_held": round((on - begin).days / 365.25, 1),
                "competing_dates": "; ".join(others),
            }
        )
    frame = pd.DataFrame(
        out, columns=["detainee", "group", "since", "since_precision", "start_event", "years_held", "competing_dates"]
    )
    return frame.sort_values(["since", "detainee"], kind="stable").reset_index(drop=True)


def _reference_date_disagreements(detainees: pd.DataFrame) -> pd.DataFrame:
    out = []
    for (name, event), group in detainees.groupby(["detainee", "event"], sort=False):
        if len(group) < 2:
            continue
        pref = group[hu._flag(group["preferred"])]["date"].iloc[0]
        others = "; ".join(sorted(str(d) for d in group.loc[~hu._flag(group["preferred"]), "date"]))
        out.append({"detainee": name, "event": event, "preferred_date": pref, "other_dates": others})
    return pd.DataFrame(out, columns=["detainee", "event", "preferred_date", "other_dates"])


def test_detention_summary_and_date_disagreements_are_the_reference() -> None:
    base = helpers.load("rok_detainees")
    assert hu._detention_rows(base, hu.STATEMENT_DATE) is not None and hu._disagreement_rows(base) is not None
    shuffled = base.sample(frac=1.0, random_state=8)
    gaps = base.copy()
    gaps.loc[gaps.index[~base["preferred"].fillna(False).astype(bool)][:2], "preferred"] = pd.NA
    unnamed = base.astype({"detainee": "object"})
    unnamed.loc[unnamed.index[0], "detainee"] = np.nan
    objects = base.astype({"preferred": "object"})
    extra = base.iloc[: len(base) // 2].copy()  # more versions: other dates out of order, a second preferred row
    extra["date"] = ["1990-01-01" if k % 2 else "1985" for k in range(len(extra))]
    later = base.iloc[: len(base) // 2].copy()
    later["date"] = "2001-02-03"
    crowded = pd.concat([base, extra, later, extra.assign(date="1970")], ignore_index=True)
    for frame in (base, shuffled, gaps, unnamed, objects, crowded, base.iloc[0:0]):
        for on in (hu.STATEMENT_DATE, hu._dt.date(2015, 1, 1)):
            _same(hu.detention_summary(frame, on), _reference_detention_summary(frame, on))
        _same(hu.date_disagreements(frame), _reference_date_disagreements(frame))
    no_preferred = base.assign(preferred=pd.array([False] * len(base), dtype="boolean"))
    for call in (hu.detention_summary, hu.date_disagreements):
        with pytest.raises(IndexError):
            call(no_preferred)  # an event with no preferred date: the pandas version's error, as before
