"""Tests of helpers.coi and of the COI datasets and answer keys (notebooks 04 and 05)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import helpers
from helpers import coi


@pytest.fixture(scope="module")
def structure() -> pd.DataFrame:
    return helpers.load("coi_report_structure")


@pytest.fixture(scope="module")
def findings() -> pd.DataFrame:
    return helpers.load("coi_findings")


@pytest.fixture(scope="module")
def methods() -> pd.DataFrame:
    return helpers.load("coi_methods")


@pytest.fixture(scope="module")
def crimes() -> pd.DataFrame:
    return helpers.load("coi_crimes")


@pytest.fixture(scope="module")
def recs() -> pd.DataFrame:
    return helpers.load("coi_recommendations")


@pytest.fixture(scope="module")
def mandate() -> pd.DataFrame:
    return helpers.load("coi_mandate_areas")


# ----------------------------------------------------------------- the data itself


#: The COI's tables: every dataset of the package named coi_* (six today; a new one is tested too).
COI_TABLES = tuple(r["name"] for r in helpers.data.package()["resources"] if r["name"].startswith("coi_"))


def test_the_six_coi_tables_are_there() -> None:
    assert len(COI_TABLES) >= 6, f"the COI tables are missing from the data package: {COI_TABLES}"


def test_datasets_validate() -> None:
    for name in COI_TABLES:
        helpers.validate(name)


def test_sections_tile_the_report(structure: pd.DataFrame) -> None:
    top = coi.paragraph_counts(structure)
    top = top[top["level"] == 1].sort_values("para_start")
    assert int(top["para_start"].iloc[0]) == 1 and int(top["para_end"].iloc[-1]) == 94
    # consecutive top-level sections leave no gap and do not overlap
    assert (top["para_start"].iloc[1:].to_numpy() == top["para_end"].iloc[:-1].to_numpy() + 1).all()


def test_subsections_inside_parents(structure: pd.DataFrame) -> None:
    rows = coi.paragraph_counts(structure).set_index("section_id")
    for sid, row in rows[rows["level"] == 2].iterrows():
        parent = rows.loc[row["parent_id"]]
        assert parent["para_start"] <= row["para_start"] <= row["para_end"] <= parent["para_end"], sid


def test_nine_mandate_areas(mandate: pd.DataFrame) -> None:
    assert list(mandate["area_no"]) == list(range(1, 10))


def test_recommendation_items_are_contiguous(recs: pd.DataFrame) -> None:
    letters = "abcdefghijklmnopqrs"
    for para, group in recs.groupby("paragraph"):
        items = [i for i in group["item"].fillna("") if i]
        if items:
            assert "".join(items) == letters[: len(items)], f"para {para}: items {items} are not a run from (a)"
    assert (recs["rec_id"] == recs["paragraph"].astype(str) + recs["item"].fillna("")).all()


def test_rec_ids_used_by_the_crosswalk_exist(recs: pd.DataFrame) -> None:
    if "commitment_coi_links" not in helpers.list_datasets():
        pytest.skip("crosswalk not in the package yet")
    links = helpers.load("commitment_coi_links")
    used = set(links["rec_id"].dropna())
    assert used <= set(recs["rec_id"]), used - set(recs["rec_id"])


def test_each_figure_group_has_one_preferred_row(methods: pd.DataFrame) -> None:
    for group, rows in methods.groupby("figure_group"):
        if len(rows) > 1:
            assert int(rows["preferred"].sum()) == 1, group
            assert rows["preferred_reason"].notna().all(), group


def test_eleven_rome_statute_acts(crimes: pd.DataFrame) -> None:
    assert sorted(crimes["article_item"]) == [f"7(1)({c})" for c in "abcdefghijk"]


# ----------------------------------------------------------------- pure functions


def test_section_of(structure: pd.DataFrame) -> None:
    assert coi.section_of(60, structure) == "III.E"
    assert coi.section_of(24, structure) == "III"  # before the first sub-section
    assert coi.section_of(23, structure) == "II.D"
    assert coi.section_of(1, structure) == "I"
    with pytest.raises(ValueError):
        coi.section_of(95, structure)
    assert coi.section_of("60", structure) == "III.E"  # digits typed as text are read as the number
    with pytest.raises(TypeError):
        coi.section_of("sixty", structure)  # type: ignore[arg-type]


def test_section_card(structure: pd.DataFrame, findings: pd.DataFrame) -> None:
    card = coi.section_card("III.E", structure, findings)
    assert card.startswith("III.E  Arbitrary detention")
    assert "80,000-120,000 political prisoners held (CRP.1 para 843)" in card
    assert "annex" in coi.section_card("Annex.II", structure, findings)
    assert "Main targets named" in coi.section_card("IV", structure, findings)
    with pytest.raises(ValueError):
        coi.section_card("VII", structure, findings)


def test_format_figure_open_ended() -> None:
    row = {"low": 200000, "high": pd.NA, "figure_qualifier": "more than", "figure_label": "people", "figure_para": "x"}
    assert coi.format_figure(row) == "more than 200,000 people (x)"
    row = {"low": 4, "high": 4, "figure_qualifier": "exactly", "figure_label": "camps", "figure_para": "y"}
    assert coi.format_figure(row) == "4 camps (y)"


def test_hearing_days(methods: pd.DataFrame) -> None:
    days = coi.hearing_days(methods)
    assert list(days["city"]) == ["Seoul", "Tokyo", "London", "Washington, D.C."]
    assert list(days["days"]) == [5, 2, 1, 2]


def test_figure_versions_preferred_first(methods: pd.DataFrame) -> None:
    rows = coi.figure_versions(methods, "interviews")
    assert bool(rows["preferred"].iloc[0]) and not bool(rows["preferred"].iloc[1])
    with pytest.raises(ValueError):
        coi.figure_versions(methods, "no-such-group")


def test_crimes_split(crimes: pd.DataFrame) -> None:
    found, not_found = coi.crimes_split(crimes)
    assert not_found == ["The crime of apartheid"]
    assert found[0] == "Murder" and len(found) == 10


def test_recommendation_counts_order() -> None:
    frame = pd.DataFrame({"rec_id": ["1a", "1b", "2", "3"], "addressee": ["x", "x", "z", "y"]})
    assert list(coi.recommendation_counts(frame).index) == ["x", "y", "z"]  # ties broken by name
    with pytest.raises(ValueError):
        coi.recommendation_counts(frame, by="colour")


def test_filter_recommendations(recs: pd.DataFrame) -> None:
    un = coi.filter_recommendations(recs, "international_community_un")
    assert list(un["rec_id"]) == [f"94{c}" for c in "abcdefghij"]
    assert "94a" in set(coi.filter_recommendations(recs, contains="security council")["rec_id"])
    assert len(coi.filter_recommendations(recs)) == len(recs)
    assert coi.filter_recommendations(recs, "dprk", theme="death_penalty")["rec_id"].tolist() == ["89d"]
    with pytest.raises(ValueError):
        coi.filter_recommendations(recs, "mars")


# ----------------------------------------------------------------- answer keys against the data


def test_answers_04(structure: pd.DataFrame, methods: pd.DataFrame, mandate: pd.DataFrame) -> None:
    top = mandate.groupby("findings_section").size().sort_values(ascending=False)
    assert top.iloc[0] > top.iloc[1], "the mandate-section exercise needs a single winner"
    assert helpers.is_correct("04-mandate-section", top.index[0])
    assert helpers.is_correct("04-hearing-days", int(coi.hearing_days(methods)["days"].sum()))
    counts = coi.paragraph_counts(structure).set_index("section_id")["n_paragraphs"]
    assert helpers.is_correct("04-findings-paragraphs", int(counts["III"]))
    assert helpers.is_correct("04-paragraph-section", coi.section_of(45, structure))
    assert not helpers.is_correct("04-paragraph-section", "III.D")
    reason = methods.set_index("method_id").loc["confidential-interviews", "preferred_reason"]
    assert "report" in reason.lower()
    assert helpers.is_correct("04-interview-versions", helpers.exercise("04-interview-versions")["choices"][1])


def test_answers_05(crimes: pd.DataFrame, recs: pd.DataFrame) -> None:
    assert helpers.is_correct("05-crimes-found-count", int(crimes["found"].sum()))
    assert helpers.is_correct("05-crime-not-found", coi.crimes_split(crimes)[1][0])
    counts = coi.recommendation_counts(recs)
    assert helpers.is_correct("05-top-addressee", counts.index[0])
    share = round(counts["international_community_un"] / counts.sum() * 100, 1)
    assert helpers.is_correct("05-share-un", share)
    assert not helpers.is_correct("05-share-un", 10)
    assert "Security Council" in recs.set_index("rec_id").loc["94a", "sub_addressee"]


@pytest.mark.parametrize("name", COI_TABLES)
def test_the_record_is_the_un_document_not_a_translation(name: str) -> None:
    """Translations and mirrors say how a paragraph was read (verified_in); they are not the record (source_ids)."""
    frame = helpers.load(name)
    sources = helpers.load("sources").set_index("id")
    for row in frame.itertuples():
        ids = helpers.split_list(row.source_ids)
        titles = {i: str(sources.at[i, "title"]) for i in ids}
        translations = [
            i for i, t in titles.items() if "translation" in t.lower() and re.search(r"A/HRC/25/|CRP\.1", t)
        ]
        assert not translations, f"{name} {row[1]}: cites a translation of the COI report as a source: {translations}"
        if {"un-coi-report-2014", "un-coi-detailed-findings-2014"} & set(ids):
            said = row.verified_in
            assert re.search(r"English|Japanese translation|not seen", said), (
                f"{name} {row[1]}: verified_in does not say which text was read: {said!r}"
            )


def test_primary_record_urls_are_official() -> None:
    sources = helpers.load("sources").set_index("id")
    assert sources.at["un-coi-report-2014", "url"].startswith("https://documents-dds-ny.un.org/")
    # CRP.1 has its own ODS address (job number GE.14-10871, printed on the document); the mirrors read go in the note
    assert sources.at["un-coi-detailed-findings-2014", "url"].startswith("https://documents.un.org/")
    assert "10871" in sources.at["un-coi-detailed-findings-2014", "url"]
    assert "icc-cpi.int" in sources.at["rome-statute-1998", "url"]
    for source_id in ("un-coi-report-2014", "un-coi-detailed-findings-2014", "rome-statute-1998"):
        assert "read" in sources.at[source_id, "note"], f"{source_id}: the note must say which copy was read"


def test_every_source_the_coi_tables_cite_says_how_it_was_read() -> None:
    """A quotation used to check the English text is only as good as the copy it was read in: the note must say."""
    sources = helpers.load("sources").set_index("id")
    cited: dict[str, str] = {}
    for name in COI_TABLES:
        for row in helpers.load(name).itertuples():
            for source_id in helpers.split_list(row.source_ids):
                cited.setdefault(source_id, f"{name} {row[1]}")
    silent = [
        f"{source_id} (first cited by {where})"
        for source_id, where in sorted(cited.items())
        if not re.search(r"\b(read|seen|checked)\b", str(sources.at[source_id, "note"]), re.IGNORECASE)
    ]
    assert not silent, f"these sources' notes do not say which copy was read or seen: {silent}"


def test_english_checks_name_their_source() -> None:
    """A row that says it read a quotation by a named outlet in English must cite that outlet (id or id prefix)."""
    outlets = {
        "PRI": ("pri-2014-02-19-coi-guide",),
        "Washington Post": ("washingtonpost-2014-10-30-editorial",),
        "seoulvillage.blogspot.com": ("seoulvillage-2014-02-17-coi",),
        "HNGN": ("hngn-2014-02-17-ap-coi-report",),
        "barnoldlaw.blogspot.com": ("barnoldlaw-2014-02-18-coi",),
        "Hands Off Cain": ("handsoffcain-2014-02-19-coi",),
        "Global Centre for R2P": ("globalr2p-2014-02-07-coi-report", "gcr2p-res-72-188"),
        "OHCHR Seoul": ("ohchr-seoul-arbitrary-detention",),
        "SCMP": ("scmp-2013-08-28-coi-access",),
        "Newser": ("newser-",),
        "Japan Times": ("japantimes-",),
        "Committee against Torture": ("hrnk-2015-12-cat-china",),
        "All-Party Parliamentary Group": ("appgnk-",),
        "HL1535": ("ukparliament-2014-08-18-hl1535-",),
        "Commons written question": ("ukparliament-2014-07-07-dobbin-",),
        "KCNA": ("kcna-",),
        "Chosun Ilbo": ("chosun-",),
        "JoongAng": ("joongang-",),
        "The Local": ("thelocal-",),
    }
    for name in COI_TABLES:
        for row in helpers.load(name).itertuples():
            ids = set(helpers.split_list(row.source_ids))
            for outlet, source_ids in outlets.items():
                if outlet in row.verified_in:
                    cited = any(i.startswith(prefix) for i in ids for prefix in source_ids)
                    assert cited, f"{name} {row[1]}: verified_in names {outlet} but cites none of {source_ids}"


# CRP.1's final chapter repeats the report's recommendations: CRP.1 para 1220 is A/HRC/25/63 para 89, ... 1225 is 94
CRP1_TO_REPORT = {1220: 89, 1221: 90, 1222: 91, 1223: 92, 1224: 93, 1225: 94}


def test_crp1_recommendation_numbers_match_the_report_paragraph() -> None:
    """A row checked through CRP.1's copy of a recommendation names the CRP.1 paragraph of that recommendation."""
    frame = helpers.load("coi_recommendations")
    checked = 0
    for row in frame.itertuples():
        for number in re.findall(r"CRP\.1 para (\d{4})", row.verified_in):
            number = int(number)
            assert number in CRP1_TO_REPORT, f"{row.rec_id}: CRP.1 para {number} is not a recommendation paragraph"
            assert CRP1_TO_REPORT[number] == int(row.paragraph), (
                f"{row.rec_id}: CRP.1 para {number} repeats A/HRC/25/63 para {CRP1_TO_REPORT[number]}, "
                f"not para {row.paragraph}"
            )
            assert "un-coi-detailed-findings-2014" in helpers.split_list(row.source_ids), (
                f"{row.rec_id}: read through CRP.1 but does not cite un-coi-detailed-findings-2014"
            )
            checked += 1
    assert checked >= 3, "expected rows checked through CRP.1 paras 1222-1225 (91-94h)"


def test_crp1_mapping_check_can_fail() -> None:
    assert CRP1_TO_REPORT[1225] != 89
    assert re.findall(r"CRP\.1 para (\d{4})", "CRP.1 para 1225 (h), and CRP.1 para 1223") == ["1225", "1223"]
