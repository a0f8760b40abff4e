"""The 2014 UN Commission of Inquiry (COI) report: structure, method, findings, crimes, recommendations.

Pure functions (no I/O, no widgets) behind notebooks 04 and 05. Each takes the
frames returned by ``helpers.load`` (``coi_report_structure``, ``coi_methods``,
``coi_findings``, ``coi_crimes``, ``coi_recommendations``) so they can be tested
on small hand-made frames:

* :func:`paragraph_counts` adds the number of paragraphs in each section;
* :func:`section_of` finds the most specific section that contains a paragraph;
* :func:`section_card` renders one section with its findings and key figures (the
  section browser of notebook 04);
* :func:`hearing_days` counts the calendar days of each public hearing;
* :func:`figure_versions` lists every version of one method figure, preferred first;
* :func:`crimes_split` separates the article 7(1) acts the COI found from those it did not;
* :func:`recommendation_counts` and :func:`filter_recommendations` count and select
  recommendations (the recommendation browser of notebook 05).

The ipywidgets wrappers (:func:`section_browser`, :func:`recommendation_browser`)
import ipywidgets only when called, so ``import helpers`` stays fast.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from .errors import text_argument, whole_number

if TYPE_CHECKING:  # pandas is imported lazily
    import pandas as pd

#: Plain-language labels for the addressee codes of ``coi_recommendations``.
ADDRESSEE_LABELS: dict[str, str] = {
    "dprk": "DPRK",
    "china": "China",
    "china_and_other_states": "China and other States",
    "korean_people": "The Korean people (para 91)",
    "states_and_civil_society": "States and civil society",
    "states_foundations_business": "States, foundations and business",
    "international_community_un": "International community and the UN",
}


def _register_labels() -> None:
    """Words for the codes of the COI tables (addressees, themes, kinds of finding)."""
    from .display import register_labels

    register_labels(
        {
            code: words[:1].lower() + words[1:] if not words.startswith(("DPRK", "China", "The Korean")) else words
            for code, words in ADDRESSEE_LABELS.items()
        }
    )
    register_labels(
        {
            "section_finding": "finding of a section",
            "key_figure": "key figure",
            "target_group": "group targeted",
            "un_presence": "UN presence",
            "un_system": "UN system",
            "refugees_and_refoulement": "refugees and refoulement",
            "rome_statute_act": "Rome Statute act",
            "report_para": "report paragraph",
            "para_start": "first paragraph",
            "para_end": "last paragraph",
            "area_no": "no.",
            "findings_section": "findings section",
        }
    )


_register_labels()


def _missing(value: Any) -> bool:
    """True for None, NaN and pandas' NA (which cannot be compared with ==)."""
    import pandas as pd

    return bool(pd.isna(value))


def _require(frame: pd.DataFrame, columns: list[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"{name} needs the columns {', '.join(missing)}; pass the frame from helpers.load({name!r})")


# --------------------------------------------------------------------------- structure


def paragraph_counts(structure: pd.DataFrame) -> pd.DataFrame:
    """Return the sections that have paragraphs, with ``n_paragraphs`` = para_end - para_start + 1.

    Annexes (no paragraph numbers) are left out. The frame keeps the report's order.
    """
    _require(structure, ["section_id", "title", "level", "para_start", "para_end"], "coi_report_structure")
    out = structure.dropna(subset=["para_start", "para_end"]).copy()
    out["n_paragraphs"] = (out["para_end"] - out["para_start"] + 1).astype("Int64")
    return out.reset_index(drop=True)


def section_of(paragraph: int, structure: pd.DataFrame) -> str:
    """Return the id of the most specific section of the report that contains *paragraph*.

    >>> # section_of(60, helpers.load("coi_report_structure")) == "III.E"

    A paragraph between a section's start and its first sub-section (e.g. para 24)
    belongs to the section itself. Raises ``ValueError`` for a paragraph outside 1-94.
    """
    paragraph = whole_number("paragraph", paragraph)
    rows = paragraph_counts(structure)
    hits = rows[(rows["para_start"] <= paragraph) & (rows["para_end"] >= paragraph)]
    if hits.empty:
        first, last = int(rows["para_start"].min()), int(rows["para_end"].max())
        raise ValueError(f"paragraph {paragraph} is not in the report (paragraphs run from {first} to {last})")
    return str(hits.sort_values(["level", "n_paragraphs"], ascending=[False, True]).iloc[0]["section_id"])


def section_card(section_id: str, structure: pd.DataFrame, findings: pd.DataFrame) -> str:
    """Describe one section as plain text: heading, paragraphs, page, findings and key figures.

    This is the pure function behind :func:`section_browser`.
    """
    _require(
        findings,
        ["section_id", "kind", "summary", "figure_label", "low", "high", "figure_qualifier", "figure_para"],
        "coi_findings",
    )
    text_argument("section_id", section_id)
    match = structure[structure["section_id"] == section_id]
    if match.empty:
        raise ValueError(f"unknown section {section_id!r}; choose one of {', '.join(structure['section_id'])}")
    row = match.iloc[0]
    lines = [f"{row['section_id']}  {row['title']}"]
    if not _missing(row["para_start"]):
        span = (
            f"para {row['para_start']}"
            if row["para_start"] == row["para_end"]
            else f"paras {row['para_start']}-{row['para_end']}"
        )
        lines.append(f"{span}, starting on page {row['page']} of A/HRC/25/63")
    else:
        lines.append(f"annex, starting on page {row['page']} of A/HRC/25/63")
    subs = structure[structure["parent_id"] == section_id]
    if not subs.empty:
        lines.append("Sub-sections: " + "; ".join(f"{s} {t}" for s, t in zip(subs["section_id"], subs["title"])))
    own = findings[findings["section_id"] == section_id]
    for _, f in own[own["kind"].isin(["overview", "section_finding"])].iterrows():
        lines.append("Finding: " + str(f["summary"]))
    for _, f in own[own["kind"] == "key_figure"].iterrows():
        lines.append("Key figure: " + format_figure(f))
    groups = own[own["kind"] == "target_group"]
    if not groups.empty:
        lines.append("Main targets named: " + " | ".join(str(s).rstrip(".") for s in groups["summary"]))
    if len(lines) == 2 and subs.empty:
        lines.append("(No finding is summarised for this section in coi_findings.)")
    return "\n".join(lines)


def format_figure(row: Any) -> str:
    """Write one key-figure row of ``coi_findings`` as text.

    For example '80,000-120,000 political prisoners held (CRP.1 para 843)'.
    """
    if not hasattr(row, "__getitem__") or isinstance(row, (str, bytes)) or not hasattr(row, "keys"):
        raise TypeError(
            f"format_figure takes one row of coi_findings (e.g. findings.iloc[0]), got {type(row).__name__}"
        )
    low, high, qual = row["low"], row["high"], row["figure_qualifier"]
    if qual == "more than" or _missing(high):
        number = f"more than {int(low):,}"
    elif int(low) == int(high):
        number = f"{int(low):,}"
    else:
        number = f"{int(low):,}-{int(high):,}"
    return f"{number} {row['figure_label']} ({row['figure_para']})"


# --------------------------------------------------------------------------- method


def hearing_days(methods: pd.DataFrame) -> pd.DataFrame:
    """Return one row per public hearing (preferred rows only) with the number of calendar days it ran."""
    _require(methods, ["method", "preferred", "city", "start_date", "end_date"], "coi_methods")
    rows = methods[(methods["method"] == "public_hearing") & (methods["preferred"] == True)].copy()  # noqa: E712 (nullable boolean)
    start = rows["start_date"].map(_dt.date.fromisoformat)
    end = rows["end_date"].map(_dt.date.fromisoformat)
    rows["days"] = [(e - s).days + 1 for s, e in zip(start, end)]
    return rows[["city", "start_date", "end_date", "days", "count", "qualifier"]].reset_index(drop=True)


def figure_versions(methods: pd.DataFrame, group: str) -> pd.DataFrame:
    """Return every version of one method figure (rows sharing ``figure_group``), the preferred one first."""
    _require(
        methods,
        ["figure_group", "preferred", "count", "qualifier", "unit", "description", "preferred_reason"],
        "coi_methods",
    )
    rows = methods[methods["figure_group"] == group]
    if rows.empty:
        raise ValueError(f"no figure group {group!r}; choose one of {', '.join(sorted(set(methods['figure_group'])))}")
    rows = (
        rows.assign(_order=~rows["preferred"].astype(bool)).sort_values(["_order", "method_id"]).drop(columns="_order")
    )
    return rows[["method_id", "count", "qualifier", "unit", "preferred", "preferred_reason"]].reset_index(drop=True)


# --------------------------------------------------------------------------- crimes


def crimes_split(crimes: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Return (acts found, acts not found) as lists of Rome Statute act names, in article order."""
    _require(crimes, ["article_item", "rome_statute_act", "found"], "coi_crimes")
    ordered = crimes.sort_values("article_item")
    found = [str(a) for a, f in zip(ordered["rome_statute_act"], ordered["found"]) if bool(f)]
    not_found = [str(a) for a, f in zip(ordered["rome_statute_act"], ordered["found"]) if not bool(f)]
    return found, not_found


# --------------------------------------------------------------------------- recommendations


def recommendation_counts(recs: pd.DataFrame, by: str = "addressee") -> pd.Series:
    """Count recommendations by *by* (``addressee``, ``theme`` or ``paragraph``), largest first, ties by name."""
    if by not in ("addressee", "theme", "paragraph"):
        raise ValueError(f"by must be 'addressee', 'theme' or 'paragraph', got {by!r}")
    _require(recs, ["rec_id", by], "coi_recommendations")
    counts = recs.groupby(by, sort=True)["rec_id"].count()
    order = sorted(counts.index, key=lambda k: (-int(counts[k]), str(k)))
    return counts.loc[order].rename("recommendations")


def filter_recommendations(
    recs: pd.DataFrame,
    addressee: str | None = None,
    theme: str | None = None,
    contains: str | None = None,
) -> pd.DataFrame:
    """Select recommendations by addressee, theme and a word in the summary or sub-addressee (case-insensitive).

    ``None`` (or ``"all"``) means no filter. Returns rec_id, sub_addressee, theme and
    summary, in the report's order. This is the pure function behind
    :func:`recommendation_browser`.
    """
    _require(
        recs, ["rec_id", "paragraph", "item", "addressee", "sub_addressee", "theme", "summary"], "coi_recommendations"
    )
    if contains is not None:
        text_argument("contains", contains)
    rows = recs
    if addressee not in (None, "all"):
        if addressee not in set(recs["addressee"]):
            raise ValueError(
                f"unknown addressee {addressee!r}; choose one of {', '.join(sorted(set(recs['addressee'])))}"
            )
        rows = rows[rows["addressee"] == addressee]
    if theme not in (None, "all"):
        if theme not in set(recs["theme"]):
            raise ValueError(f"unknown theme {theme!r}; choose one of {', '.join(sorted(set(recs['theme'])))}")
        rows = rows[rows["theme"] == theme]
    if contains:
        text = rows["summary"].fillna("") + " " + rows["sub_addressee"].fillna("")
        rows = rows[text.str.contains(contains, case=False, regex=False)]
    rows = rows.assign(_item=rows["item"].fillna("")).sort_values(["paragraph", "_item"])
    return rows[["rec_id", "sub_addressee", "theme", "summary"]].reset_index(drop=True)


# --------------------------------------------------------------------------- widgets


def section_browser(structure: pd.DataFrame, findings: pd.DataFrame, default: str = "III.E") -> Any:
    """A drop-down of the report's sections showing :func:`section_card` for the chosen one."""
    import ipywidgets as widgets
    from IPython.display import display

    from .display import lines, widget_layout, widget_style
    from .widgets import live

    options = [(f"{s}  {t[:60]}", s) for s, t in zip(structure["section_id"], structure["title"])]
    choice = widgets.Dropdown(
        options=options, value=default, description="Section:", style=widget_style(), layout=widget_layout("95%")
    )
    out = live(lambda section: display(lines(section_card(section, structure, findings))), {"section": choice})
    return widgets.VBox([choice, out])


def recommendation_browser(
    recs: pd.DataFrame, addressee: str = "international_community_un", theme: str = "all", contains: str = ""
) -> Any:
    """Drop-downs for addressee and theme and a text box; shows :func:`filter_recommendations`."""
    import ipywidgets as widgets
    from IPython.display import display

    from .display import label, prose, table, widget_layout, widget_style
    from .widgets import live

    style, wide = widget_style(), widget_layout("auto", min_width="22em")
    addr = widgets.Dropdown(
        options=[("all", "all")] + [(ADDRESSEE_LABELS.get(a, a), a) for a in sorted(set(recs["addressee"]))],
        value=addressee,
        description="Addressee:",
        style=style,
        layout=wide,
    )
    th = widgets.Dropdown(
        options=[("all", "all")] + [(label(t), t) for t in sorted(set(recs["theme"]))],
        value=theme,
        description="Theme:",
        style=style,
        layout=wide,
    )
    word = widgets.Text(
        value=contains, description="Word:", placeholder="e.g. Security Council", style=style, layout=wide
    )

    def render(addressee: str, theme: str, word: str) -> None:
        found = filter_recommendations(recs, addressee, theme, word or None)
        display(prose(f"**{len(found)} recommendation(s)**"))
        display(table(found, codes=[c for c in ("addressee", "theme") if c in found.columns]))

    out = live(render, {"addressee": addr, "theme": th, "word": word})
    return widgets.VBox([widgets.HBox([addr, th]), word, out])


# Every public function that takes a table names the columns it needs when given the wrong one.
from .frames import guard_tables  # noqa: E402

guard_tables(globals())
