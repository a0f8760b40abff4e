"""commitment_card builds its card from plain lists (issue 13): the card is the one the pandas version made.

``_reference_card`` is commitment_card as it was before (pandas masks and ``iterrows``), kept here as the rule.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import statement as st
from helpers.display import escape_md, label
from helpers.errors import short, text_argument
from helpers.statement import DIRECTION_LABELS, _when


@pytest.fixture(scope="module")
def frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, str]:
    as_of = helpers.describe("commitment_followup").current_to
    return helpers.load("commitments"), helpers.load("commitment_coi_links"), helpers.load("commitment_followup"), as_of


def _reference_card(
    commitment_id: str,
    commitments: pd.DataFrame,
    links: pd.DataFrame,
    followup: pd.DataFrame,
    as_of: str | None = None,
) -> str:
    """Return a Markdown card for one commitment: wording, strength, COI echo, follow-up.

    The follow-up events are grouped by their ``direction`` (done, cuts against it, not verified),
    written in words; *as_of* (the data's currentTo date) is shown when given. Every value taken
    from the data is escaped, so no data row can inject Markdown or HTML into the card.
    """
    commitment_id = text_argument("commitment_id", commitment_id).strip().upper()
    rows = commitments[commitments["commitment_id"] == commitment_id]
    if rows.empty:
        raise KeyError(
            f"no commitment {short(commitment_id)}; "
            f"ids run {commitments['commitment_id'].min()}..{commitments['commitment_id'].max()}"
        )
    c = rows.iloc[0]
    e_ = escape_md  # every value from the data is made inert before it becomes Markdown
    blocks = [
        f"### {e_(c['commitment_id'])} · {e_(c['topic'])}",
        f"> \u201c{e_(c['exact_phrase'])}\u201d",
        f"**Who:** {e_(label(c['committing_parties']))} · **verb:** \u201c{e_(c['verb'])}\u201d"
        f" · **strength:** {int(c['verb_strength'])}/4 ({e_(label(c['strength_label']))})"
        f" · **kind:** {e_(label(c['kind']))}",
    ]
    own = links[links["commitment_id"] == commitment_id]
    if own.empty:
        blocks.append("**COI echo:** none we could defend.")
    else:
        items = [
            f"- para {e_(link['coi_paragraph'])} ({e_(label(link['link_kind']))}, {e_(label(link['link_strength']))}):"
            f" {e_(link['coi_summary'])}"
            for _, link in own.iterrows()
        ]
        blocks.append("**COI echo:**\n\n" + "\n".join(items))
    blocks.append(f"**Follow it in:** notebook(s) {e_(c['notebooks'].replace(';', ', '))}")
    events = followup[followup["commitment_id"] == commitment_id]
    heading = "**Since October 2024**" + (f" (sources checked to {e_(_when(as_of))})" if as_of else "") + ":"
    if events.empty:
        blocks.append(f"{heading} no event in our data.")
        return "\n\n".join(blocks)

    def item(e: Any) -> str:
        sources = f"\\[{e_(e['source_ids'].replace(';', '; '))}\\]"
        if not isinstance(e["event_date"], str) or not e["event_date"]:
            return f"- {e_(e['summary'])} {sources}"
        return f"- {e_(_when(e['event_date']))} ({e_(label(e['kind']))}): {e_(e['summary'])} {sources}"

    blocks.append(heading)
    if "direction" not in events.columns:  # an older follow-up table without directions
        blocks.append("\n".join(item(e) for _, e in events.iterrows()))
        return "\n\n".join(blocks)
    for direction, words in DIRECTION_LABELS.items():
        part = events[events["direction"] == direction]
        if part.empty:
            blocks.append(f"*{words}:* none in our data.")
        else:
            blocks.append(f"*{words}:*\n\n" + "\n".join(item(e) for _, e in part.iterrows()))
    unknown = sorted(set(events["direction"].dropna()) - set(DIRECTION_LABELS))
    if unknown:
        raise ValueError(f"unknown follow-up direction(s) {unknown}; expected one of {', '.join(DIRECTION_LABELS)}")
    return "\n\n".join(blocks)


def test_every_card_is_the_reference_card(frames) -> None:
    commitments, links, followup, as_of = frames
    for cid in commitments["commitment_id"]:
        for when in (as_of, None):
            assert st.commitment_card(cid, commitments, links, followup, when) == _reference_card(
                cid, commitments, links, followup, when
            )
    assert st.commitment_card(" c01 ", commitments, links, followup) == _reference_card(
        " c01 ", commitments, links, followup
    )


def test_cards_from_altered_tables_are_the_reference_cards(frames) -> None:
    commitments, links, followup, as_of = frames
    no_direction = followup.drop(columns=["direction"])
    undated = followup.assign(event_date=pd.Series([None] * len(followup), dtype=followup["event_date"].dtype))
    missing_direction = followup.copy()
    missing_direction.loc[missing_direction.index[::3], "direction"] = np.nan
    no_links = links.iloc[0:0]
    ints = links.assign(coi_paragraph=pd.array(range(len(links)), dtype="Int64"))
    ints.loc[ints.index[0], "coi_paragraph"] = pd.NA
    shuffled = followup.sample(frac=1.0, random_state=3).reset_index(drop=True)
    for cid in commitments["commitment_id"]:
        for c, li, f in (
            (commitments, links, no_direction),
            (commitments, links, undated),
            (commitments, links, missing_direction),
            (commitments, no_links, followup),
            (commitments, ints, followup),
            (commitments, links, shuffled),
            (commitments.iloc[::-1], links, followup.iloc[0:0]),
        ):
            assert st.commitment_card(cid, c, li, f, as_of) == _reference_card(cid, c, li, f, as_of)


def test_errors_are_the_reference_errors(frames) -> None:
    commitments, links, followup, as_of = frames
    with pytest.raises(KeyError) as new:
        st.commitment_card("C99", commitments, links, followup)
    with pytest.raises(KeyError) as ref:
        _reference_card("C99", commitments, links, followup)
    assert str(new.value.__cause__ or new.value) == str(ref.value)  # the table guard may wrap it; its cause is it
    odd = followup.copy()
    cid = odd["commitment_id"].iloc[0]
    odd.loc[odd.index[0], "direction"] = "half_done"
    with pytest.raises(ValueError, match="half_done") as new_error:
        st.commitment_card(cid, commitments, links, odd)
    with pytest.raises(ValueError) as ref_error:
        _reference_card(cid, commitments, links, odd)
    assert str(new_error.value) == str(ref_error.value)
