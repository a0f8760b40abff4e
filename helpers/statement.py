"""Read the 2024 joint statement closely: sentences, commitments and their COI links.

Pure functions (no I/O, no widgets) behind notebooks 01 and 03:

* :func:`paragraphs` splits the statement text into its paragraphs;
* :func:`filter_sentences` selects rows of ``statement_sentences`` by actor,
  speech act and theme;
* :func:`terms_for` gives the words of the text that express an actor, speech
  act or theme, and :func:`highlight` marks those words in a sentence (HTML or
  Markdown);
* :func:`count_mentions` counts how often each term occurs in a text;
* :func:`crosswalk`, :func:`link_matrix` and :func:`commitment_card` build the
  commitment-by-commitment views of notebook 03.

The ipywidgets wrappers (:func:`sentence_explorer`, :func:`commitment_browser`)
import ipywidgets only when called, so ``import helpers`` stays fast.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .display import _missing, escape_md, label
from .errors import short, text_argument

if TYPE_CHECKING:  # pandas is imported lazily
    import pandas as pd

#: Words in the statement that express each actor code of ``statement_sentences.actors``.
ACTOR_TERMS: dict[str, list[str]] = {
    "us": ["United States"],
    "rok": ["Republic of Korea", "ROK", "President Yoon"],
    "japan": ["Japan"],
    "dprk": ["North Korean regime", "DPRK", "North Korea"],
    "international_community": ["international community"],
    "un_coi": ["Commission of Inquiry", "COI"],
    "people_of_north_korea": ["people in North Korea"],
    "escapees_refugees": ["escapees", "refugees", "escapee community"],
    "abductees_detainees_pows": ["abductees", "detainees", "unjustly detained", "prisoners of war"],
    "separated_families": ["separated families", "surviving family members"],
    "president_yoon": ["President Yoon"],
}

#: Verbs that carry each speech act of ``statement_sentences.speech_act``.
ACT_TERMS: dict[str, list[str]] = {
    "title": ["Strengthening Cooperation"],
    "report": ["convened"],
    "reaffirm": ["reaffirmed", "reaffirm"],
    "assert": ["marks", "concluded", "remains", "There are"],
    "urge": ["urge"],
    "intend": ["intend"],
    "support": ["supports", "support"],
    "concur": ["concurred"],
    "acknowledge": ["acknowledged", "reiterated"],
    "declare": ["aligned", "undaunted", "united"],
}

#: Words that express each theme of ``statement_sentences.themes``.
THEME_TERMS: dict[str, list[str]] = {
    "cooperation": ["Cooperation", "Spirit of Camp David", "together", "three governments"],
    "human_rights": ["human rights"],
    "peace": ["lasting peace", "peaceful", "at peace"],
    "coi": ["Commission of Inquiry", "COI"],
    "crimes_against_humanity": ["crimes against humanity"],
    "violations": ["violations", "abuses", "violators"],
    "executions": ["summary executions", "assassinations"],
    "abductions": ["abductions", "abductees"],
    "torture": ["torture"],
    "detention": ["unlawful and unjust detentions", "detainees", "unjustly detained"],
    "accountability": ["accountability"],
    "information": ["independent information"],
    "escapees_refugees": ["escapees", "refugees", "escapee community"],
    "awareness": ["global awareness", "art exhibit"],
    "pows": ["prisoners of war"],
    "separated_families": ["separated families", "surviving family members"],
    "contact_group": ["contact group"],
    "forced_labour": ["forced labor"],
    "unification": ["unified Korean Peninsula", "free, peaceful and prosperous"],
}


def paragraphs(text: str) -> list[str]:
    """Split the statement into paragraphs (blank-line separated); index 0 is the title."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return [p for p in text.split("\n\n") if p.strip()]


def _codes(cell: Any) -> list[str]:
    if cell is None or cell != cell:  # None or NaN/NA
        return []
    return [c.strip() for c in str(cell).split(";") if c.strip()]


def filter_sentences(
    sentences: pd.DataFrame,
    actor: str | None = None,
    speech_act: str | None = None,
    theme: str | None = None,
) -> pd.DataFrame:
    """Return the sentences that match every given filter, in text order.

    ``actor`` and ``theme`` match one code inside the ``;``-separated ``actors``
    and ``themes`` cells; ``speech_act`` matches the ``speech_act`` column. A
    filter that is ``None``, ``""`` or ``"all"`` is ignored.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"seq": [1, 2], "actors": ["us;rok", "japan"],
    ...                    "speech_act": ["urge", "support"], "themes": ["peace", "coi"]})
    >>> list(filter_sentences(df, actor="japan")["seq"])
    [2]
    """
    for name in ("actors", "speech_act", "themes"):
        if name not in sentences.columns:
            raise ValueError(f"the frame has no {name!r} column; pass helpers.load('statement_sentences')")
    actor = _actor_code(actor)
    for name, code, table in (("theme", theme, THEME_TERMS), ("speech_act", speech_act, ACT_TERMS)):
        if code not in (None, "", "all") and code not in table:
            raise ValueError(f"unknown {name} {short(code)}; choose one of: {', '.join(sorted(table))}")
    mask = [True] * len(sentences)
    wanted = {"actors": actor, "themes": theme}
    for column, code in wanted.items():
        if code not in (None, "", "all"):
            mask = [m and code in _codes(cell) for m, cell in zip(mask, sentences[column])]
    if speech_act not in (None, "", "all"):
        mask = [m and cell == speech_act for m, cell in zip(mask, sentences["speech_act"])]
    out = sentences[mask]
    if "seq" in out.columns:
        out = out.sort_values("seq", kind="stable")
    return out


def _actor_code(actor: object) -> str | None:
    """An actor code from a code or a name as the statement writes it ("Japan", "United States" -> "us")."""
    if actor in (None, "", "all"):
        return actor  # type: ignore[return-value]
    text_argument("actor", actor)
    assert isinstance(actor, str)
    if actor in ACTOR_TERMS:
        return actor
    wanted = actor.strip().casefold()
    for code, names in ACTOR_TERMS.items():
        if wanted == code.casefold() or wanted in (n.casefold() for n in names):
            return code
    raise ValueError(f"unknown actor {short(actor)}; choose one of the codes {', '.join(sorted(ACTOR_TERMS))}")


def terms_for(actor: str | None = None, speech_act: str | None = None, theme: str | None = None) -> list[str]:
    """Return the words to highlight for the chosen actor, speech act and theme.

    Unknown codes raise ``KeyError`` with the valid choices, so a typo is caught.
    """
    terms: list[str] = []
    for code, table, kind in (
        (actor, ACTOR_TERMS, "actor"),
        (speech_act, ACT_TERMS, "speech act"),
        (theme, THEME_TERMS, "theme"),
    ):
        if code in (None, "", "all"):
            continue
        if code not in table:
            raise KeyError(f"unknown {kind} {code!r}; choose one of: {', '.join(sorted(table))}")
        terms.extend(t for t in table[code] if t not in terms)
    return terms


def _pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    clean = sorted({t for t in terms if t and t.strip()}, key=lambda t: (-len(t), t))
    if not clean:
        return None
    return re.compile("|".join(r"\b" + re.escape(t) + r"\b" for t in clean), re.IGNORECASE)


def highlight(text: str, terms: Iterable[str], fmt: str = "html") -> str:
    """Mark every occurrence of *terms* in *text* (case-insensitive, whole words).

    Longer terms win over shorter ones that overlap them ("North Korean regime"
    before "North Korea"). ``fmt="html"`` escapes the text and wraps matches in
    ``<mark>``; ``fmt="markdown"`` wraps them in ``**``. The text is otherwise
    unchanged, so removing the marks gives the original back.

    >>> highlight("we intend to increase", ["intend"])
    'we <mark>intend</mark> to increase'
    >>> highlight("a < b and Japan", ["japan"], fmt="markdown")
    'a < b and **Japan**'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if isinstance(terms, str):
        terms = [terms]
    if isinstance(terms, dict) or not all(isinstance(t, str) for t in terms):
        raise TypeError(f"terms must be a list of words such as ['intend'], got {short(terms)}")
    if fmt not in ("html", "markdown"):
        raise ValueError("fmt must be 'html' or 'markdown'")
    pattern = _pattern(terms)
    esc = html.escape if fmt == "html" else (lambda s: s)
    if pattern is None:
        return esc(text)
    out: list[str] = []
    last = 0
    for m in pattern.finditer(text):
        out.append(esc(text[last : m.start()]))
        word = esc(m.group(0))
        out.append(f"<mark>{word}</mark>" if fmt == "html" else f"**{word}**")
        last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)


def count_mentions(text: str, terms: Sequence[str], *, whole_word: bool = False) -> dict[str, int]:
    """Count case-sensitive occurrences of each term in *text*, in the order given.

    With ``whole_word=True`` a term must not be followed or preceded by a letter,
    so "North Korea" then does not count inside "North Korean".

    >>> count_mentions("North Korea and North Korean people", ["North Korea"])
    {'North Korea': 2}
    >>> count_mentions("North Korea and North Korean people", ["North Korea"], whole_word=True)
    {'North Korea': 1}
    """
    text_argument("text", text)
    if isinstance(terms, str) or not all(isinstance(t, str) for t in terms):
        raise TypeError(f"terms must be a list of words such as ['North Korea'], got {short(terms)}")
    counts: dict[str, int] = {}
    for term in terms:
        if whole_word:
            counts[term] = len(re.findall(r"(?<![A-Za-z])" + re.escape(term) + r"(?![A-Za-z])", text))
        else:
            counts[term] = text.count(term)
    return counts


def speech_act_counts(sentences: pd.DataFrame) -> pd.Series:
    """Number of sentences per speech act, most frequent first (ties in alphabetical order)."""
    counts = sentences["speech_act"].value_counts()
    order = sorted(counts.index, key=lambda k: (-int(counts[k]), str(k)))
    return counts.reindex(order)


# --------------------------------------------------------------------------- notebook 03


def crosswalk(commitments: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """One row per commitment-COI link, with the commitment's topic and strength.

    Commitments without any link appear once with empty COI columns, so the table
    shows what the statement adds beyond the COI as well as what it echoes.
    """
    import pandas as pd

    left = commitments[["commitment_id", "topic", "verb_strength"]]
    right = links[["commitment_id", "coi_paragraph", "rec_id", "link_kind", "coi_addressee", "link_strength"]]
    out = pd.merge(left, right, on="commitment_id", how="left", sort=False)
    return out.sort_values(["commitment_id", "coi_paragraph"], kind="stable", na_position="last").reset_index(drop=True)


def link_matrix(commitments: pd.DataFrame, links: pd.DataFrame, by: str = "coi_addressee") -> pd.DataFrame:
    """Count links per commitment (rows, in id order) and COI *by* value (columns, sorted).

    Rows for commitments with no link are kept, filled with zeros.
    """
    import pandas as pd

    if by not in links.columns:
        raise ValueError(
            f"links has no column {by!r}; try 'coi_addressee', 'coi_theme', 'link_kind' or 'link_strength'"
        )
    table = pd.crosstab(links["commitment_id"], links[by])
    ids = list(commitments["commitment_id"])
    table = table.reindex(index=ids, columns=sorted(table.columns), fill_value=0)
    labels = dict(zip(commitments["commitment_id"], commitments["topic"]))
    table.index = [f"{i} {labels[i]}" for i in ids]
    table.columns.name = by
    return table


#: How each follow-up direction is written on a card, in the order the card shows them.
DIRECTION_LABELS: dict[str, str] = {
    "done": "Done: steps that carry it out",
    "cuts_against": "Cuts against it: steps that work against it",
    "not_verified": "Not verified: looked for and not found",
}


def direction_counts(followup: pd.DataFrame, commitment_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Follow-up rows per commitment (rows) and direction (columns, in :data:`DIRECTION_LABELS` order).

    Commitments in *commitment_ids* with no row are kept with zeros, so a table shows what has no
    follow-up at all.
    """
    import pandas as pd

    if "direction" not in followup.columns:
        raise ValueError(
            "the follow-up frame has no 'direction' column; load it with helpers.load('commitment_followup')"
        )
    table = pd.crosstab(followup["commitment_id"], followup["direction"])
    ids = list(commitment_ids) if commitment_ids is not None else sorted(table.index)
    table = table.reindex(index=ids, columns=list(DIRECTION_LABELS), fill_value=0)
    table.index.name = "commitment_id"
    table.columns.name = None
    return table


def _when(value: Any) -> str:
    if not isinstance(value, str) or not value:
        return "no date"
    from .timeline import format_date

    try:
        return format_date(value)
    except ValueError:
        return value


def _rows_where(frame: pd.DataFrame, column: str, value: str) -> list[dict[str, Any]]:
    """The rows of *frame* whose *column* is the text *value*, in order, each as ``{column: value}``.

    What ``frame[frame[column] == value].iterrows()`` gives, without a pandas selection per call (a
    card makes several; plain lists are many times quicker for tables this size).
    """
    hits = [i for i, k in enumerate(frame[column].tolist()) if isinstance(k, str) and k == value]
    if not hits:
        return []
    lists = {name: column.tolist() for name, column in frame.items()}
    return [{name: values[i] for name, values in lists.items()} for i in hits]


def commitment_card(
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
    rows = _rows_where(commitments, "commitment_id", commitment_id)
    if not rows:
        raise KeyError(
            f"no commitment {short(commitment_id)}; "
            f"ids run {commitments['commitment_id'].min()}..{commitments['commitment_id'].max()}"
        )
    c = rows[0]
    e_ = escape_md  # every value from the data is made inert before it becomes Markdown
    blocks = [
        f"### {e_(c['commitment_id'])} · {e_(c['topic'])}",
        f"> \u201c{e_(c['exact_phrase'])}\u201d",
        f"**Who:** {e_(label(c['committing_parties']))} · **verb:** \u201c{e_(c['verb'])}\u201d"
        f" · **strength:** {int(c['verb_strength'])}/4 ({e_(label(c['strength_label']))})"
        f" · **kind:** {e_(label(c['kind']))}",
    ]
    own = _rows_where(links, "commitment_id", commitment_id)
    if not own:
        blocks.append("**COI echo:** none we could defend.")
    else:
        items = [
            f"- para {e_(link['coi_paragraph'])} ({e_(label(link['link_kind']))}, {e_(label(link['link_strength']))}):"
            f" {e_(link['coi_summary'])}"
            for link in own
        ]
        blocks.append("**COI echo:**\n\n" + "\n".join(items))
    blocks.append(f"**Follow it in:** notebook(s) {e_(c['notebooks'].replace(';', ', '))}")
    events = _rows_where(followup, "commitment_id", commitment_id)
    heading = "**Since October 2024**" + (f" (sources checked to {e_(_when(as_of))})" if as_of else "") + ":"
    if not events:
        blocks.append(f"{heading} no event in our data.")
        return "\n\n".join(blocks)

    def item(e: Any) -> str:
        sources = f"\\[{e_(e['source_ids'].replace(';', '; '))}\\]"
        if not isinstance(e["event_date"], str) or not e["event_date"]:
            return f"- {e_(e['summary'])} {sources}"
        return f"- {e_(_when(e['event_date']))} ({e_(label(e['kind']))}): {e_(e['summary'])} {sources}"

    blocks.append(heading)
    if "direction" not in followup.columns:  # an older follow-up table without directions
        blocks.append("\n".join(item(e) for e in events))
        return "\n\n".join(blocks)
    for direction, words in DIRECTION_LABELS.items():
        part = [e for e in events if isinstance(e["direction"], str) and e["direction"] == direction]
        if not part:
            blocks.append(f"*{words}:* none in our data.")
        else:
            blocks.append(f"*{words}:*\n\n" + "\n".join(item(e) for e in part))
    unknown = sorted({e["direction"] for e in events if not _missing(e["direction"])} - set(DIRECTION_LABELS))
    if unknown:
        raise ValueError(f"unknown follow-up direction(s) {unknown}; expected one of {', '.join(DIRECTION_LABELS)}")
    return "\n\n".join(blocks)


# --------------------------------------------------------------------------- widgets


#: Words for the explorer's menus where the general :func:`~helpers.display.label` reads oddly.
OPTION_LABELS: dict[str, str] = {
    "all": "all (no filter)",
    "people_of_north_korea": "people of North Korea",
    "escapees_refugees": "escapees and refugees",
    "abductees_detainees_pows": "abductees, detainees and POWs",
    "separated_families": "separated families",
    "president_yoon": "President Yoon",
    "international_community": "international community",
}


def option_label(code: str) -> str:
    """A menu code as words (``abductees_detainees_pows`` -> "abductees, detainees and POWs")."""
    return OPTION_LABELS.get(code) or label(code)


def _options(vocab: dict[str, list[str]], used: Iterable[str]) -> list[tuple[str, str]]:
    """The menu: ("words", code) pairs, "all" first; the widget's value stays the code."""
    present = sorted({code for code in used if code in vocab})
    return [(option_label(c), c) for c in ["all", *present]]


def sentence_explorer(sentences: pd.DataFrame) -> Any:
    """An ipywidgets explorer: choose actor, speech act and theme; matching words are highlighted."""
    import ipywidgets as widgets
    from IPython.display import HTML, display

    from .display import widget_layout, widget_style
    from .friendly import hinted

    actors = _options(ACTOR_TERMS, (c for cell in sentences["actors"] for c in _codes(cell)))
    acts = _options(ACT_TERMS, sentences["speech_act"])
    themes = _options(THEME_TERMS, (c for cell in sentences["themes"] for c in _codes(cell)))
    w_actor = widgets.Dropdown(
        options=actors,
        value="all",
        description="Actor",
        style=widget_style(),
        layout=widget_layout("auto", min_width="20em"),
    )
    w_act = widgets.Dropdown(
        options=acts,
        value="all",
        description="Speech act",
        style=widget_style(),
        layout=widget_layout("auto", min_width="16em"),
    )
    w_theme = widgets.Dropdown(
        options=themes,
        value="all",
        description="Theme",
        style=widget_style(),
        layout=widget_layout("auto", min_width="20em"),
    )
    from .widgets import live

    out = live(
        lambda actor, act, theme: display(HTML(explorer_html(sentences, actor, act, theme))),
        {"actor": w_actor, "act": w_act, "theme": w_theme},
    )
    controls = widgets.HBox([w_actor, w_act, w_theme], layout=widgets.Layout(flex_flow="row wrap"))
    return hinted(widgets.VBox([controls, out]), "Sentence explorer", wrap=False)


def explorer_html(sentences: pd.DataFrame, actor: str = "all", speech_act: str = "all", theme: str = "all") -> str:
    """The explorer's output as HTML (the static fallback calls this with the default values)."""
    rows = filter_sentences(sentences, actor, speech_act, theme)
    terms = terms_for(actor, speech_act, theme)
    items = [
        f"<li><b>{html.escape(r['sentence_id'])}</b> "
        f"[{html.escape(r['speech_act'])}; {html.escape(r['speaker_form'])}] "
        f"{highlight(r['text'], terms)}</li>"
        for _, r in rows.iterrows()
    ]
    head = (
        f"<p>{len(rows)} of {len(sentences)} sentences match (actor = {html.escape(actor)}, "
        f"speech act = {html.escape(speech_act)}, theme = {html.escape(theme)}).</p>"
    )
    return head + "<ol>" + "".join(items) + "</ol>"


def commitment_browser(
    commitments: pd.DataFrame, links: pd.DataFrame, followup: pd.DataFrame, as_of: str | None = None
) -> Any:
    """An ipywidgets browser: pick a commitment (or filter by strength) and read its card."""
    import ipywidgets as widgets
    from IPython.display import Markdown, display

    from .display import widget_layout, widget_style
    from .friendly import hinted

    ids = list(commitments["commitment_id"])
    labels = [(f"{i} {t}", i) for i, t in zip(ids, commitments["topic"])]
    w_min = widgets.IntSlider(
        value=1, min=1, max=4, description="Minimum verb strength", style=widget_style(), layout=widget_layout("26em")
    )
    w_pick = widgets.Dropdown(
        options=labels,
        value=ids[0],
        description="Commitment",
        style=widget_style(),
        layout=widget_layout("95%", min_width="30em"),
    )

    def refilter(*_: Any) -> None:  # a new choice of commitment shows its card (live, below)
        keep = commitments[commitments["verb_strength"] >= w_min.value]
        opts = [(f"{i} {t}", i) for i, t in zip(keep["commitment_id"], keep["topic"])]
        w_pick.options = opts
        if opts:
            w_pick.value = opts[0][1]

    def render(commitment: str | None) -> None:
        if commitment:
            display(Markdown(commitment_card(commitment, commitments, links, followup, as_of)))

    from .widgets import live

    w_min.observe(refilter, names="value")
    out = live(render, {"commitment": w_pick})
    return hinted(widgets.VBox([w_min, w_pick, out]), "Commitment browser", wrap=False)


# Every public function that takes a table names the columns it needs when given the wrong one.
from .frames import guard_tables  # noqa: E402

guard_tables(globals())
