"""The collection's glossary: search it in English, Korean or Japanese.

Pure functions (no I/O) over the ``glossary`` dataset:

* :func:`search` finds terms matching a query in one language (or any);
* :func:`render` turns the matching rows into short plain text for printing.

:func:`glossary_widget` wraps them in a text box and a language drop-down; any
notebook can show it with ``helpers.glossary.glossary_widget()``. ipywidgets is
imported only inside that function, so ``import helpers`` stays fast. In a
notebook, tag the widget cell ``nbval-ignore-output`` and follow it with the
static fallback ``print(helpers.glossary.render(helpers.glossary.search(g, query)))``.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported lazily
    import pandas as pd

#: Languages :func:`search` understands, and the columns each one searches.
LANGUAGES: dict[str, tuple[str, ...]] = {
    "any": ("term_en", "also_known_as", "term_ko", "term_ja", "definition"),
    "en": ("term_en", "also_known_as", "definition"),
    "ko": ("term_ko",),
    "ja": ("term_ja",),
}
#: Labels for the widget's language drop-down.
LANGUAGE_LABELS: dict[str, str] = {
    "any": "any language",
    "en": "English",
    "ko": "한국어 (Korean)",
    "ja": "日本語 (Japanese)",
}
COLUMNS = ["term_en", "term_ko", "term_ja", "definition", "form_note"]
_NAME_COLUMNS = ("term_en", "also_known_as", "term_ko", "term_ja")


def normalise(text: object) -> str:
    """Fold case and width (NFKC), collapse spaces: 'Ｕ Ｐ Ｒ' and 'upr' compare alike."""
    if type(text) is str:  # the usual case, without the checks for missing values below
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    if text is None or (isinstance(text, float) and text != text):  # None or NaN
        return ""
    try:
        import pandas as pd

        if pd.isna(text):  # pd.NA
            return ""
    except (ImportError, TypeError, ValueError):
        pass
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(folded.split())


def search(frame: pd.DataFrame, query: str = "", language: str = "any") -> pd.DataFrame:
    """Return the glossary rows whose terms (or, in English, definitions) contain *query*.

    *language* is ``"any"``, ``"en"``, ``"ko"`` or ``"ja"`` and chooses the columns searched
    (see :data:`LANGUAGES`). Matching ignores case, full-width forms and extra spaces. Rows
    whose term itself matches come first (an exact match before a partial one), then rows
    that match only in the definition; ties are ordered by the English term. An empty query
    returns every row in English alphabetical order. The result has the columns
    ``term_en``, ``term_ko``, ``term_ja``, ``definition`` and a fresh index.
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, got {type(query).__name__}")
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    missing = [c for c in (*COLUMNS[:4], "also_known_as") if c not in frame.columns]
    if missing:
        raise ValueError(f"not a glossary frame: missing column(s) {', '.join(missing)}")
    q = normalise(query)
    ranks: list[tuple[int, str, int]] = []
    searched = LANGUAGES[language]
    values = {c: frame[c].tolist() for c in (*searched, "term_en")}  # plain lists: no row objects to build
    for pos in range(len(frame)):
        cells = {c: normalise(values[c][pos]) for c in searched}
        if (
            not q
            or any(cells.get(c) == q for c in _NAME_COLUMNS)
            or any(
                q == part.strip()
                for c in _NAME_COLUMNS
                for part in cells.get(c, "").replace("(", ";").replace(")", ";").split(";")
            )
        ):
            rank = 0
        elif any(q in cells.get(c, "") for c in _NAME_COLUMNS):
            rank = 1
        elif q in cells.get("definition", ""):
            rank = 2
        else:
            continue
        ranks.append((rank, normalise(values["term_en"][pos]), pos))
    order = [pos for _, _, pos in sorted(ranks)]
    if "form_note" not in frame.columns:  # older frames: no notes
        frame = frame.assign(form_note="")
    out = frame.iloc[order][COLUMNS].reset_index(drop=True)
    return out.fillna("")


def render(matches: pd.DataFrame, *, limit: int | None = None) -> str:
    """Plain-text listing of :func:`search` results: term, Korean, Japanese, definition, and the
    note on a missing or contested Korean or Japanese form where there is one."""
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit must be a positive int or None, got {limit!r}")
    if matches.empty:
        return "No term matches. Try a shorter word, or another language."
    rows = matches if limit is None else matches.head(limit)
    blocks = []
    for _, row in rows.iterrows():
        ko = normalise(row["term_ko"]) and str(row["term_ko"])
        ja = normalise(row["term_ja"]) and str(row["term_ja"])
        names = " | ".join([str(row["term_en"]), f"KO {ko or '—'}", f"JA {ja or '—'}"])
        note = normalise(row.get("form_note", "")) and str(row["form_note"])
        blocks.append(f"{names}\n    {row['definition']}" + (f"\n    Note: {note}" if note else ""))
    more = len(matches) - len(rows)
    tail = f"\n… and {more} more" if more > 0 else ""
    return "\n".join(blocks) + tail


def glossary_widget(query: str = "", language: str = "any", *, limit: int = 8) -> Any:
    """A search box over the glossary (English, Korean or Japanese) with live results.

    Shows up to *limit* matches. The static equivalent is
    ``render(search(helpers.load("glossary"), query, language), limit=limit)``.
    """
    import ipywidgets as widgets
    from IPython.display import display

    from .data import load
    from .display import lines, widget_layout, widget_style
    from .friendly import hinted

    frame = load("glossary")
    search(frame, query, language)  # validate the defaults before drawing anything
    box = widgets.Text(
        value=query,
        placeholder="e.g. refoulement, 탈북민, 拉致",
        description="Search:",
        style=widget_style(),
        layout=widget_layout("auto", min_width="22em"),
    )
    lang = widgets.Dropdown(
        options=[(label, code) for code, label in LANGUAGE_LABELS.items()],
        value=language,
        description="Language:",
        style=widget_style(),
        layout=widget_layout("auto", min_width="16em"),
    )
    from .widgets import live

    out = live(
        lambda query, language: display(lines(render(search(frame, query, language), limit=limit))),
        {"query": box, "language": lang},
    )
    return hinted(widgets.VBox([widgets.HBox([box, lang]), out]), "Glossary search", wrap=False)


# Every public function that takes a table names the columns it needs when given the wrong one.
from .frames import guard_tables  # noqa: E402

guard_tables(globals())
