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
