"""escapees.revisions groups by plain lists (issue 13): the frame its pandas version gave, kept here as the rule."""

from __future__ import annotations

import pandas as pd

import helpers
from helpers import escapees as es


def _reference_revisions(arrivals: pd.DataFrame) -> pd.DataFrame:
    rows = es._single_years(arrivals)
    out = []
    for year, group in rows.groupby("period_start", sort=True):
        if len(group) < 2:
            continue
        first = group.sort_values(["published", "figure_id"]).iloc[0]
        pref = group[group["preferred"].fillna(False).astype(bool)].iloc[0]
        out.append(
            {
                "year": int(year),
                "versions": len(group),
                "first_total": int(first["total"]),
                "first_published": first["published"],
                "preferred_total": int(pref["total"]),
                "change": int(pref["total"]) - int(first["total"]),
                "spread": int(group["total"].max()) - int(group["total"].min()),
            }
        )
    return pd.DataFrame(
        out, columns=["year", "versions", "first_total", "first_published", "preferred_total", "change", "spread"]
    )


def test_revisions_are_the_reference() -> None:
    base = helpers.load("escapee_arrivals")
    assert es._revision_rows(base) is not None  # the list path is taken for the real table
    shuffled = base.sample(frac=1.0, random_state=9)
    same_day = base.copy()
    same_day["published"] = "2020"  # ties on the publication date: the id decides, then the order
    doubled = pd.concat([base, base.assign(figure_id=base["figure_id"] + "-b", total=base["total"] + 7)])
    gaps = base.copy()
    gaps.loc[gaps.index[:5], "period_end"] = pd.NA
    objects = base.astype({"preferred": "object"})
    for frame in (base, shuffled, same_day, doubled.reset_index(drop=True), gaps, objects, base.iloc[0:0]):
        got, expected = es.revisions(frame), _reference_revisions(frame)
        assert list(got.dtypes.astype(str)) == list(expected.dtypes.astype(str))
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
