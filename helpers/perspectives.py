"""Set attributed positions side by side and map arguments (notebook 09).

Pure functions over the ``positions`` and ``source_assessment`` datasets:

* :func:`select` filters positions by topic, actor type or country;
* :func:`side_by_side` gives one topic's positions in date order, ready to read;
* :func:`topic_counts` and :func:`crosstab` count positions for charts and exercises;
* :func:`quote_words` and :func:`long_quotes` check that quotations stay short;
* :func:`preferred` keeps the preferred version where sources disagree;
* :func:`argument_map` groups the parts of an argument (claim, evidence, ...) that a
  student has labelled, and :func:`compare_map` says which labels differ from a key.

:func:`positions_widget` wraps :func:`side_by_side` in a topic drop-down; ipywidgets is
imported only inside it, so ``import helpers`` stays fast.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .errors import whole_number

if TYPE_CHECKING:  # pandas is imported lazily
    import pandas as pd

#: Plain-English labels for the controlled vocabulary of ``positions.topic``.
TOPIC_LABELS: dict[str, str] = {
    "framing_peace_security": "Human rights and peace/security",
    "accountability_icc": "Accountability and the ICC",
    "coi_legitimacy": "Is the COI legitimate?",
    "un_resolutions": "UN resolutions",
    "unsc_agenda": "Security Council agenda",
    "refoulement": "Returns from China and non-refoulement",
    "rok_domestic_politics": "ROK domestic politics",
    "evidence_testimony": "Evidence and testimony",
    "engagement_vs_pressure": "Engagement versus pressure",
    "abductions_detainees": "Abductions and detainees",
    "situation_assessment": "Overall assessment",
    "information_access": "Access to outside information",
}
#: Roles a statement can play in an argument map, in the order they are shown.
ROLES: tuple[str, ...] = ("claim", "evidence", "counter_claim", "counter_evidence", "rebuttal")
_CATEGORIES = ("primary", "secondary", "advocacy", "state_media")


def _width(width: object) -> int:
    """A line width for text layout: a whole number from 20 to 400 (NaN or 0 would never finish wrapping)."""
    number = whole_number("width", width)
    if not 20 <= number <= 400:
        raise ValueError(f"width must be between 20 and 400 characters, got {number}")
    return number


def _check_frame(frame: pd.DataFrame, needed: tuple[str, ...], what: str) -> None:
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"not a {what} frame: missing column(s) {', '.join(missing)}")


def select(
    frame: pd.DataFrame,
    *,
    topic: str | None = None,
    actor_type: str | None = None,
    country: str | None = None,
) -> pd.DataFrame:
    """Positions matching every filter given (None means any). *country* matches one of
    the '; '-separated names in the ``country`` column. Order and index are kept."""
    _check_frame(frame, ("topic", "actor_type", "country"), "positions")
    for name, value in (("topic", topic), ("actor_type", actor_type), ("country", country)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be a str or None, got {type(value).__name__}")
    if topic is not None and topic not in set(frame["topic"]):
        raise ValueError(f"unknown topic {topic!r}; topics are: {', '.join(sorted(set(frame['topic'])))}")
    if actor_type is not None and actor_type not in set(frame["actor_type"].dropna()):
        types = ", ".join(sorted(set(frame["actor_type"].dropna())))
        raise ValueError(f"unknown actor_type {actor_type!r}; actor types are: {types}")
    if country is not None:
        countries = sorted({p.strip() for cell in frame["country"].dropna() for p in str(cell).split(";") if p.strip()})
        if country not in countries:
            raise ValueError(f"unknown country {country!r}; countries are: {', '.join(countries)}")
    mask = frame["topic"].notna()
    if topic is not None:
        mask &= frame["topic"] == topic
    if actor_type is not None:
        mask &= frame["actor_type"] == actor_type
    if country is not None:
        parts = frame["country"].fillna("").astype(str).str.split(";")
        mask &= parts.apply(lambda ps: country in [p.strip() for p in ps])
    return frame[mask]


def side_by_side(frame: pd.DataFrame, topic: str, *, preferred_only: bool = True) -> pd.DataFrame:
    """One topic's positions in date order (ties by id): date, actor, stance, quote, sources.

    With *preferred_only*, rows marked ``preferred = false`` (a disagreeing version) are dropped.
    """
    _check_frame(frame, ("position_id", "date", "actor", "stance", "short_quote", "source_ids"), "positions")
    rows = select(frame, topic=topic)
    if preferred_only and "preferred" in rows.columns:
        rows = rows[rows["preferred"].fillna(True).astype(bool)]
    rows = rows.sort_values(["date", "position_id"], kind="stable")
    out = rows[["position_id", "date", "actor", "stance", "short_quote", "source_ids"]].reset_index(drop=True)
    return out.fillna("")


def topic_counts(frame: pd.DataFrame) -> pd.Series:
    """Number of positions per topic, largest first (ties alphabetical), named 'positions'."""
    _check_frame(frame, ("topic",), "positions")
    counts = frame["topic"].value_counts()
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    import pandas as pd

    return pd.Series({k: int(v) for k, v in ordered}, name="positions", dtype="int64")


def crosstab(frame: pd.DataFrame, rows: str = "topic", cols: str = "actor_type") -> pd.DataFrame:
    """Counts of positions by two columns, rows and columns sorted alphabetically."""
    _check_frame(frame, (rows, cols), "positions")
    import pandas as pd

    table = pd.crosstab(frame[rows], frame[cols])
    return table.sort_index().sort_index(axis=1)


def quote_words(quote: object) -> int:
    """Number of words in a short quotation (0 for an empty cell)."""
    if quote is None:
        return 0
    try:
        import pandas as pd

        if pd.isna(quote):
            return 0
    except (TypeError, ValueError):
        pass
    return len(str(quote).split())


def long_quotes(frame: pd.DataFrame, max_words: int = 20) -> list[str]:
    """Ids of positions whose short_quote is longer than *max_words* words (should be none)."""
    _check_frame(frame, ("position_id", "short_quote"), "positions")
    if not isinstance(max_words, int) or max_words < 1:
        raise ValueError(f"max_words must be a positive int, got {max_words!r}")
    return [pid for pid, q in zip(frame["position_id"], frame["short_quote"]) if quote_words(q) > max_words]


def preferred(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop the rows marked ``preferred = false``; rows with no mark are kept."""
    _check_frame(frame, ("preferred",), "positions")
    return frame[frame["preferred"].fillna(True).astype(bool)]


def categories(assessment: pd.DataFrame) -> dict[str, str]:
    """source_id -> category from ``source_assessment`` (primary, secondary, advocacy, state_media)."""
    _check_frame(assessment, ("source_id", "category"), "source_assessment")
    out = dict(zip(assessment["source_id"], assessment["category"]))
    bad = sorted({c for c in out.values() if c not in _CATEGORIES})
    if bad:
        raise ValueError(f"unknown categories {bad}; expected {', '.join(_CATEGORIES)}")
    return out


def argument_map(items: Mapping[str, str], labels: Mapping[str, str], *, width: int = 88) -> str:
    """Group labelled statements by role and return the map as plain text.

    *items* maps a letter (``"A"``) to a statement; *labels* maps the same letters to a role
    from :data:`ROLES`. Unlabelled items are listed at the end so nothing is silently lost.
    """
    if not isinstance(items, Mapping) or not isinstance(labels, Mapping):
        raise TypeError("items and labels must both be dicts such as {'A': '...'}")
    width = _width(width)
    unknown = sorted(k for k in labels if k not in items)
    if unknown:
        raise ValueError(f"labels for items that do not exist: {unknown}")
    bad = sorted({str(v) for v in labels.values() if v not in ROLES})
    if bad:
        raise ValueError(f"unknown role(s) {bad}; use one of {', '.join(ROLES)}")
    lines: list[str] = []
    for role in ROLES:
        keys = sorted(k for k, v in labels.items() if v == role)
        if not keys:
            continue
        lines.append(role.replace("_", " ").upper())
        for k in keys:
            lines.append(textwrap.fill(f"{k}. {items[k]}", width=width, initial_indent="  ", subsequent_indent="     "))
    rest = sorted(k for k in items if k not in labels)
    if rest:
        lines.append("NOT YET LABELLED: " + ", ".join(rest))
    return "\n".join(lines)


def compare_map(labels: Mapping[str, str], key: Mapping[str, str]) -> list[str]:
    """Letters whose label differs from *key* (missing labels count as different), sorted."""
    if not isinstance(labels, Mapping) or not isinstance(key, Mapping):
        raise TypeError("labels and key must both be dicts")
    return sorted(k for k in key if labels.get(k) != key[k])


def positions_widget(topic: str = "refoulement") -> Any:
    """A topic drop-down showing :func:`side_by_side` for the chosen topic."""
    import ipywidgets as widgets

    from .data import load
    from .display import widget_layout, widget_style
    from .friendly import hinted

    frame = load("positions")
    side_by_side(frame, topic)  # validate the default first
    options = [(TOPIC_LABELS.get(t, t), t) for t in sorted(set(frame["topic"]), key=lambda t: TOPIC_LABELS.get(t, t))]
    choice = widgets.Dropdown(
        options=options,
        value=topic,
        description="Topic:",
        style=widget_style(),
        layout=widget_layout("auto", min_width="28em"),
    )
    from .widgets import live

    out = live(lambda topic: print(format_side_by_side(side_by_side(frame, topic))), {"topic": choice})
    return hinted(widgets.VBox([choice, out]), "Positions side by side", wrap=False)


def format_side_by_side(table: pd.DataFrame, *, width: int = 96) -> str:
    """Readable text for :func:`side_by_side`: one block per position, quote in quotation marks."""
    _check_frame(table, ("position_id", "date", "actor", "stance", "short_quote", "source_ids"), "side_by_side")
    width = _width(width)
    blocks = []
    for _, r in table.iterrows():
        head = f"{r['date']}  {r['actor']}  [{r['position_id']}]"
        body = textwrap.fill(str(r["stance"]), width=width, initial_indent="    ", subsequent_indent="    ")
        quote = f'\n    Quoted: "{r["short_quote"]}"' if str(r["short_quote"]).strip() else ""
        blocks.append(f"{head}\n{body}{quote}\n    Source: {r['source_ids']}")
    return "\n".join(blocks) if blocks else "No positions on this topic."


# Every public function that takes a table names the columns it needs when given the wrong one.
from .frames import guard_tables  # noqa: E402

guard_tables(globals())
