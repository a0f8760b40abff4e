"""Security Council votes by country (data/unsc_votes_by_country.csv) against the meeting totals.

Every procedural vote recorded country by country must agree with its row in unsc_meetings: the
counts of yes, no and abstain, and the names of the members voting against and abstaining. The
last two tests run the same check on a perturbed copy of the data folder, so the reconciliation is
shown to catch a changed vote.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

import helpers

DATA = Path(__file__).resolve().parent.parent / "data"
#: The Council's permanent members (UN Charter, Article 23), named as in unsc_meetings.
PERMANENT = frozenset({"China", "France", "Russian Federation", "United Kingdom", "United States"})
COUNCIL_SIZE = 15


def _names(cell: object) -> set[str]:
    """Members listed in an against_members / abstaining_members cell ('A; B'), as a set."""
    if cell is None or (isinstance(cell, float) and pd.isna(cell)) or cell is pd.NA:
        return set()
    return {part.strip() for part in str(cell).split(";") if part.strip()}


def mismatches(votes: pd.DataFrame, meetings: pd.DataFrame) -> list[str]:
    """Every disagreement between the by-country votes and the meeting rows, as readable lines."""
    problems: list[str] = []
    by_id = meetings.set_index("meeting_id")
    for meeting_id, group in votes.groupby("meeting_id", sort=True):
        if meeting_id not in by_id.index:
            problems.append(f"{meeting_id}: not in unsc_meetings")
            continue
        row = by_id.loc[meeting_id]
        if not bool(row["procedural_vote"]):
            problems.append(f"{meeting_id}: unsc_meetings records no procedural vote")
        if len(group) != COUNCIL_SIZE or group["country"].nunique() != COUNCIL_SIZE:
            problems.append(f"{meeting_id}: {group['country'].nunique()} distinct members, not {COUNCIL_SIZE}")
        counts = group["vote"].value_counts()
        for vote, column in (("yes", "votes_for"), ("no", "votes_against"), ("abstain", "votes_abstain")):
            got, want = int(counts.get(vote, 0)), int(row[column])
            if got != want:
                problems.append(f"{meeting_id}: {got} '{vote}' by country, {column} = {want}")
        for vote, column in (("no", "against_members"), ("abstain", "abstaining_members")):
            got_names = set(group.loc[group["vote"] == vote, "country"])
            want_names = _names(row[column])
            if got_names != want_names:
                problems.append(f"{meeting_id}: '{vote}' by country {sorted(got_names)}, {column} {sorted(want_names)}")
        members = set(group["country"])
        if not PERMANENT.issubset(members):
            problems.append(f"{meeting_id}: permanent members missing: {sorted(PERMANENT - members)}")
        flagged = set(group.loc[group["permanent"].astype(bool), "country"])
        if flagged != PERMANENT & members:
            problems.append(f"{meeting_id}: 'permanent' set for {sorted(flagged)}")
    return problems


@pytest.fixture(scope="module")
def votes() -> pd.DataFrame:
    return helpers.load("unsc_votes_by_country")


@pytest.fixture(scope="module")
def meetings() -> pd.DataFrame:
    return helpers.load("unsc_meetings")


def test_every_vote_reconciles_with_the_meeting_totals(votes: pd.DataFrame, meetings: pd.DataFrame) -> None:
    assert mismatches(votes, meetings) == []


def test_the_recorded_votes_are_the_three_verified_meetings(votes: pd.DataFrame, meetings: pd.DataFrame) -> None:
    # 2017 and 2024 are left out on purpose (counts not found in a primary record); 2023 had no vote.
    assert sorted(votes["meeting_id"].unique()) == ["sc-2014", "sc-2015", "sc-2016"]
    voted = set(meetings.loc[meetings["procedural_vote"].astype(bool), "meeting_id"])
    assert set(votes["meeting_id"]) <= voted


def test_each_member_vote_cites_a_primary_source(votes: pd.DataFrame) -> None:
    reliability = helpers.load("sources").set_index("id")["reliability"]
    for _, row in votes.iterrows():
        ids = helpers.split_list(row["source_ids"])
        assert any(reliability[i] == "primary" for i in ids), row["vote_id"]


def test_vote_ids_name_the_meeting(votes: pd.DataFrame) -> None:
    assert all(vid.startswith(mid + "-") for vid, mid in zip(votes["vote_id"], votes["meeting_id"]))


def test_a_member_keeps_its_iso_code_across_meetings(votes: pd.DataFrame) -> None:
    assert (votes.groupby("country")["iso3"].nunique() == 1).all()


def _perturbed_copy(tmp_path: Path, edit) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    path = target / "unsc_votes_by_country.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


def test_reconciliation_catches_a_changed_vote(tmp_path: Path, meetings: pd.DataFrame) -> None:
    def flip(rows: list[dict[str, str]]) -> None:
        # Lithuania voted yes in 2015; record it as an abstention.
        (row,) = [r for r in rows if r["vote_id"] == "sc-2015-lt"]
        assert row["vote"] == "yes"
        row["vote"] = "abstain"

    directory = _perturbed_copy(tmp_path, flip)
    problems = mismatches(helpers.load("unsc_votes_by_country", data_dir=directory), meetings)
    assert "sc-2015: 8 'yes' by country, votes_for = 9" in problems
    assert "sc-2015: 3 'abstain' by country, votes_abstain = 2" in problems
    assert any("abstaining_members" in p and "Lithuania" in p for p in problems)


def test_reconciliation_catches_a_missing_member(tmp_path: Path, meetings: pd.DataFrame) -> None:
    def drop(rows: list[dict[str, str]]) -> None:
        rows[:] = [r for r in rows if r["vote_id"] != "sc-2016-cn"]

    directory = _perturbed_copy(tmp_path, drop)
    problems = mismatches(helpers.load("unsc_votes_by_country", data_dir=directory), meetings)
    assert "sc-2016: 14 distinct members, not 15" in problems
    assert any("permanent members missing: ['China']" in p for p in problems)
