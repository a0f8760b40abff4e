"""Tests for helpers.statement and the statement datasets (sentences, commitments, COI links, follow-up)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import helpers
from helpers import statement as st
from helpers.display import escape_md, label


@pytest.fixture(scope="module")
def text() -> str:
    return helpers.read_text("statement_text")


@pytest.fixture(scope="module")
def sentences() -> pd.DataFrame:
    return helpers.load("statement_sentences")


@pytest.fixture(scope="module")
def commitments() -> pd.DataFrame:
    return helpers.load("commitments")


@pytest.fixture(scope="module")
def links() -> pd.DataFrame:
    return helpers.load("commitment_coi_links")


@pytest.fixture(scope="module")
def followup() -> pd.DataFrame:
    return helpers.load("commitment_followup")


# --------------------------------------------------------------------------- the sentence table


def test_every_sentence_occurs_verbatim(text, sentences):
    for _, row in sentences.iterrows():
        assert row["text"] in text, f"{row['sentence_id']} is not an exact substring of the statement"


def test_sentences_in_order_cover_every_paragraph(text, sentences):
    paras = st.paragraphs(text)
    ordered = sentences.sort_values("seq")
    assert sorted(ordered["paragraph"].unique()) == list(range(len(paras)))
    for number, paragraph in enumerate(paras):
        parts = ordered[ordered["paragraph"] == number].sort_values("sentence")
        assert " ".join(parts["text"]) == paragraph, f"paragraph {number} is not covered exactly"
    # the sentences follow each other in the file
    position = 0
    for sentence in ordered["text"]:
        found = text.find(sentence, position)
        assert found >= position
        position = found + len(sentence)


def test_sic_wording_kept(sentences):
    assert sentences["text"].str.contains("that is at free and at peace", regex=False).sum() == 1


def test_sentence_ids_match_positions(sentences):
    for _, row in sentences.iterrows():
        assert row["sentence_id"] == f"p{row['paragraph']}s{row['sentence']}"


def test_vocabularies_are_documented(sentences):
    used_actors = {c for cell in sentences["actors"] for c in helpers.split_list(cell)}
    used_themes = {c for cell in sentences["themes"] for c in helpers.split_list(cell)}
    assert used_actors <= set(st.ACTOR_TERMS)
    assert used_themes <= set(st.THEME_TERMS)
    assert set(sentences["speech_act"]) <= set(st.ACT_TERMS)


def test_voice_shift(sentences):
    first = sentences[sentences["speaker_form"] == "first_person"]
    assert list(first["sentence_id"]) == ["p4s2"]
    assert "we intend" in first.iloc[0]["text"]


# --------------------------------------------------------------------------- pure functions


def test_filter_sentences(sentences):
    out = st.filter_sentences(sentences, actor="international_community")
    assert list(out["sentence_id"]) == ["p3s1"]
    out = st.filter_sentences(sentences, speech_act="support")
    assert list(out["sentence_id"]) == ["p5s1", "p5s3"]
    out = st.filter_sentences(sentences, actor="japan", speech_act="support", theme="contact_group")
    assert list(out["sentence_id"]) == ["p5s1"]
    assert len(st.filter_sentences(sentences)) == len(sentences)
    assert len(st.filter_sentences(sentences, "all", "all", "all")) == len(sentences)
    with pytest.raises(ValueError, match="unknown actor 'nobody'"):
        st.filter_sentences(sentences, actor="nobody")


def test_filter_matches_codes_not_substrings():
    df = pd.DataFrame(
        {"seq": [1, 2], "actors": ["rok", "us;rok"], "speech_act": ["urge", "urge"], "themes": ["pows", "peace"]}
    )
    assert list(st.filter_sentences(df, actor="us")["seq"]) == [2]


def test_filter_requires_columns():
    with pytest.raises(ValueError):
        st.filter_sentences(pd.DataFrame({"x": [1]}), actor="us")


def test_highlight_html_and_markdown():
    assert st.highlight("we intend to increase", ["intend"]) == "we <mark>intend</mark> to increase"
    assert st.highlight("we intend", ["intend"], fmt="markdown") == "we **intend**"
    assert st.highlight("<b> Japan", ["japan"]) == "&lt;b&gt; <mark>Japan</mark>"
    assert st.highlight("nothing here", []) == "nothing here"


def test_highlight_prefers_longer_terms_and_whole_words():
    out = st.highlight("The North Korean regime and North Korea", ["North Korea", "North Korean regime"])
    assert out == "The <mark>North Korean regime</mark> and <mark>North Korea</mark>"
    assert st.highlight("supports", ["support"]) == "supports"  # whole words only


def test_highlight_keeps_text(sentences):
    terms = st.terms_for("dprk", "intend", "information")
    for sentence in sentences["text"]:
        marked = st.highlight(sentence, terms, fmt="markdown")
        assert marked.replace("**", "") == sentence


def test_terms_for():
    assert st.terms_for(actor="japan") == ["Japan"]
    assert "urge" in st.terms_for(speech_act="urge")
    assert st.terms_for() == []
    with pytest.raises(KeyError):
        st.terms_for(theme="bananas")


def test_every_term_occurs_in_text(text):
    for table in (st.ACTOR_TERMS, st.ACT_TERMS, st.THEME_TERMS):
        for code, terms in table.items():
            for term in terms:
                assert term.lower() in text.lower(), f"{code}: {term!r} is not in the statement"


def test_count_mentions(text):
    counts = st.count_mentions(text, ["North Korea", "DPRK"])
    assert counts["DPRK"] == 1
    assert counts["North Korea"] == text.count("North Korea")
    whole = st.count_mentions(text, ["North Korea"], whole_word=True)["North Korea"]
    assert whole == counts["North Korea"] - text.count("North Korean")


def test_explorer_html_default_lists_all(sentences):
    out = st.explorer_html(sentences)
    assert out.count("<li>") == len(sentences)
    assert "<mark>" not in out


# --------------------------------------------------------------------------- commitments and links


def test_commitment_phrases_and_verbs_are_exact(commitments, sentences):
    by_id = dict(zip(sentences["sentence_id"], sentences["text"]))
    for _, row in commitments.iterrows():
        sentence = by_id[row["sentence_id"]]
        assert row["exact_phrase"] in sentence, row["commitment_id"]
        assert row["verb"] in sentence, row["commitment_id"]


def test_strength_labels_match_scale(commitments):
    scale = {1: "endorse", 2: "call_on_others", 3: "general_commitment", 4: "specific_commitment"}
    for _, row in commitments.iterrows():
        assert scale[int(row["verb_strength"])] == row["strength_label"]


def test_commitments_named_in_the_issue_exist(commitments):
    topics = " ".join(commitments["topic"]).lower()
    for word in [
        "information",
        "accountability",
        "escapee",
        "abductees",
        "detainees",
        "unjustly",
        "prisoners of war",
        "separated families",
        "contact group",
        "forced labour",
        "art exhibit",
        "unified",
    ]:
        assert word in topics, word


def test_links_rec_ids_agree_with_paragraphs(links):
    for _, row in links.iterrows():
        if row["link_kind"] == "recommendation":
            assert isinstance(row["rec_id"], str)
            assert re.sub(r"[()]", "", row["coi_paragraph"]) == row["rec_id"]
            assert row["coi_addressee"] != "not_applicable"
        else:
            assert pd.isna(row["rec_id"])
            assert row["coi_addressee"] == "not_applicable"


def test_contact_group_links_to_94h(links, commitments):
    cid = commitments.loc[commitments["topic"].str.contains("contact group"), "commitment_id"].item()
    own = links[links["commitment_id"] == cid]
    assert list(own["rec_id"]) == ["94h"]
    assert own.iloc[0]["link_strength"] == "explicit_reference"


def test_link_matrix_and_crosswalk(commitments, links):
    m = st.link_matrix(commitments, links)
    assert len(m) == len(commitments)
    assert int(m.to_numpy().sum()) == len(links)
    cw = st.crosswalk(commitments, links)
    unlinked = set(commitments["commitment_id"]) - set(links["commitment_id"])
    assert len(cw) == len(links) + len(unlinked)
    with pytest.raises(ValueError):
        st.link_matrix(commitments, links, by="nope")


def test_followup_dates_after_statement(followup):
    dated = followup.dropna(subset=["event_date"])
    assert (dated["event_date"] >= "2024-10-18").all()
    undated = followup[followup["event_date"].isna()]
    assert (undated["kind"] == "not_verified").all()


def test_followup_direction_is_declared_and_consistent(followup):
    resource = {r["name"]: r for r in helpers.data.package()["resources"]}["commitment_followup"]
    field = next(f for f in resource["schema"]["fields"] if f["name"] == "direction")
    assert field["constraints"]["enum"] == ["done", "cuts_against", "not_verified"]
    assert set(followup["direction"]) == {"done", "cuts_against", "not_verified"}
    unverified = followup["direction"] == "not_verified"
    assert (unverified == (followup["kind"] == "not_verified")).all(), "direction and kind disagree on not_verified"
    assert followup.loc[unverified, "event_date"].isna().all()
    assert followup.loc[unverified, "summary"].str.startswith("Not verified").all()
    assert followup.loc[~unverified, "event_date"].notna().all()


def test_every_commitment_from_c02_has_a_followup_row(followup, commitments):
    wanted = [c for c in commitments["commitment_id"] if c >= "C02"]
    missing = sorted(set(wanted) - set(followup["commitment_id"]))
    assert not missing, f"commitments with no follow-up row: {missing}"


def test_followup_records_what_cuts_against(followup):
    by = followup.groupby("commitment_id")["direction"].apply(set)
    assert "cuts_against" in by["C04"], "broadcasting and leaflet cuts belong to the information commitment"
    assert "cuts_against" in by["C15"], "the removal of President Yoon bears on 'President Yoon's vision'"
    assert "not_verified" in by["C12"] and "not_verified" in by["C14"]
    c04 = followup[(followup["commitment_id"] == "C04") & (followup["direction"] == "cuts_against")]
    assert {"us", "rok"} <= {a for cell in c04["actors"] for a in helpers.split_list(cell)}


def test_answers_03_since(followup):
    cuts = followup[(followup["commitment_id"] == "C04") & (followup["direction"] == "cuts_against")]
    rok = cuts[["rok" in helpers.split_list(a) for a in cuts["actors"]]]
    assert 0 < len(rok) < len(cuts)
    assert helpers.is_correct("03-count-cuts-information", len(rok))
    assert not helpers.is_correct("03-count-cuts-information", len(cuts))


def test_commitment_card(commitments, links, followup):
    card = st.commitment_card("C12", commitments, links, followup)
    assert "94(h)" in card and "Not verified" in card
    card = st.commitment_card("C16", commitments, links, followup)
    assert "that is at free and at peace" in card
    with pytest.raises(KeyError, match=r"no commitment 'C99'; ids run C01\.\.C\d\d") as caught:
        st.commitment_card("C99", commitments, links, followup)
    assert "needs the column" not in str(caught.value)  # an unknown id, not a missing column


def test_commitment_card_groups_followup_by_direction(commitments, links, followup):
    # chosen from the data, not hard-coded: a commitment with rows in all three directions
    counts = st.direction_counts(followup, list(commitments["commitment_id"]))
    full = counts[(counts > 0).all(axis=1)]
    assert not full.empty, "no commitment has done, cuts-against and not-verified follow-up rows"
    cid = full.index[0]
    card = st.commitment_card(cid, commitments, links, followup, "2026-12-01")
    assert "(sources checked to 1 December 2026)" in card
    done, cuts, unverified = (card.index(f"*{w}:*") for w in st.DIRECTION_LABELS.values())
    assert done < cuts < unverified
    sections = {"done": card[done:cuts], "cuts_against": card[cuts:unverified], "not_verified": card[unverified:]}
    rows = followup[followup["commitment_id"] == cid]
    for _, row in rows.iterrows():  # every row is listed once, under its own direction
        text = escape_md(row["summary"])
        assert [d for d, part in sections.items() if text in part] == [row["direction"]], row["followup_id"]
    dated = rows[rows["event_date"].fillna("").astype(str) != ""].iloc[0]
    assert f"{st._when(dated['event_date'])} ({label(dated['kind'])})" in card  # dates and kinds in words
    # the "none" wording: a commitment whose rows include no not-verified one - from the data if there is one,
    # else the same commitment with its not-verified rows left out
    none_unverified = [c for c in counts.index if counts.loc[c].sum() > 0 and counts.loc[c, "not_verified"] == 0]
    if none_unverified:
        cid, frame = none_unverified[0], followup
    else:
        frame = followup[~((followup["commitment_id"] == cid) & (followup["direction"] == "not_verified"))]
    card = st.commitment_card(cid, commitments, links, frame)
    assert "*Not verified: looked for and not found:* none in our data." in card
    own = frame[frame["commitment_id"] == cid]
    for direction, words in st.DIRECTION_LABELS.items():
        assert (f"*{words}:* none in our data." in card) == own[own["direction"] == direction].empty
    card = st.commitment_card("C12", commitments, links, followup)
    assert "sources checked" not in card and "- Not verified: we found no source" in card


def test_commitment_card_escapes_followup_and_rejects_unknown_directions(commitments, links, followup):
    bad = followup.copy()
    row = bad.index[bad["commitment_id"] == "C04"][0]
    bad.loc[row, "summary"] = "<script>alert(1)</script> *bold*"
    card = st.commitment_card("C04", commitments, links, bad)
    assert "<script>" not in card and "*bold*" not in card
    bad.loc[row, "direction"] = "maybe"
    with pytest.raises(ValueError, match="unknown follow-up direction"):
        st.commitment_card("C04", commitments, links, bad)
    old = followup.drop(columns=["direction"])
    assert "Radio Free Asia" in st.commitment_card("C04", commitments, links, old)


def test_direction_counts(commitments, followup):
    table = st.direction_counts(followup, list(commitments["commitment_id"]))
    assert list(table.columns) == list(st.DIRECTION_LABELS)
    assert int(table.loc["C01"].sum()) == 0  # kept, with zeros
    assert int(table.to_numpy().sum()) == len(followup)
    assert int(table.loc["C04", "cuts_against"]) == int(
        ((followup["commitment_id"] == "C04") & (followup["direction"] == "cuts_against")).sum()
    )
    with pytest.raises(ValueError, match="direction"):
        st.direction_counts(followup.drop(columns=["direction"]))


# --------------------------------------------------------------------------- answer keys computed from the data


def test_answers_01(text, sentences, commitments):
    counts = st.count_mentions(text, ["North Korea", "DPRK"])
    assert helpers.is_correct("01-north-korea-count", counts["North Korea"])
    assert helpers.is_correct("01-dprk-count", counts["DPRK"])
    assert helpers.is_correct(
        "01-first-person", st.filter_sentences(sentences).query("speaker_form == 'first_person'")["sentence_id"].item()
    )
    key = helpers.exercise("01-speech-acts")["answer"]
    by_id = dict(zip(sentences["sentence_id"], sentences["speech_act"]))
    assert all(by_id[k] == v for k, v in key.items())
    key = helpers.exercise("01-verbs")["answer"]
    verbs = dict(zip(commitments["commitment_id"], commitments["verb"]))
    assert all(verbs[k] == v for k, v in key.items())


def test_answers_03(commitments, links):
    key = helpers.exercise("03-match-coi")["answer"]
    pairs = {(c, r) for c, r in zip(links["commitment_id"], links["rec_id"]) if isinstance(r, str)}
    assert all((k, v) in pairs for k, v in key.items())
    key = helpers.exercise("03-rate-verbs")["answer"]
    strength = dict(zip(commitments["commitment_id"], commitments["verb_strength"]))
    assert all(int(strength[k]) == int(v) for k, v in key.items())
    top = commitments.loc[commitments["verb_strength"] == 4, "commitment_id"]
    assert helpers.is_correct("03-count-strongest", len(top))
    unlinked = sorted(set(commitments["commitment_id"]) - set(links["commitment_id"]))
    assert helpers.is_correct("03-unlinked", unlinked)


def test_follow_with_names_exist(commitments):
    datasets = set(helpers.list_datasets())
    for cell in commitments["follow_with"].dropna():
        for token in helpers.split_list(cell):
            assert token in datasets or re.fullmatch(r"notebook \d{2}", token), token
