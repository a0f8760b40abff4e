r"""How the collection shows things to a reader: tables, prose and codes.

Every notebook uses these three instead of printing raw text, so that nothing a
reader sees has to be scrolled sideways and no data text is ever read as markup:

* :func:`table` shows a data frame as an HTML table whose cells wrap, with
  readable column labels, and keeps a narrow plain-text form (what nbval
  compares, and what a terminal shows);
* :func:`prose` shows Markdown computed from data (with the data already
  escaped by :func:`escape_md`), and a wrapped plain-text form;
* :func:`label` turns a code such as ``without_vote`` into words.

Data text is untrusted: :func:`escape_html` and :func:`escape_md` make any
string inert before it reaches HTML or Markdown.

>>> escape_html('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> label("without_vote")
'without a vote'
>>> label("rok_missing_reports")  # a code no module registers: underscores read as spaces
'ROK missing reports'
>>> escape_md("**bold** <b>x</b> [link](http://x) $5")
'\\*\\*bold\\*\\* &lt;b&gt;x&lt;/b&gt; \\[link\\](http://x) \\$5'
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: Plain-text width: what a notebook shows without scrolling on a laptop.
TEXT_WIDTH = 100

#: Codes that a plain "replace underscores with spaces" would not read well. Topic
#: modules add their own with :func:`register_labels`.
LABELS: dict[str, str] = {
    "without_vote": "without a vote",
    "consensus": "without a vote (by consensus)",
    "recorded_vote": "recorded vote",
    "dprk": "DPRK",
    "rok": "ROK",
    "us": "United States",
    "japan": "Japan",
    "un": "UN",
    "coi": "COI",
    "ohchr": "OHCHR",
    "hrc": "Human Rights Council",
    "icc": "ICC",
    "pow": "prisoner of war",
    "pows": "prisoners of war",
    "us;rok;japan": "United States, ROK, Japan",
}

_WORD_LABELS = {
    "dprk": "DPRK",
    "rok": "ROK",
    "us": "US",
    "un": "UN",
    "coi": "COI",
    "ohchr": "OHCHR",
    "hrc": "HRC",
    "icc": "ICC",
    "ga": "GA",
    "unsc": "UN Security Council",
    "pows": "POWs",
    "pow": "POW",
    "ngo": "NGO",
    "ngos": "NGOs",
    "id": "id",
    "upr": "UPR",
}
_CODE = re.compile(r"^[a-z0-9]+(?:[_;][a-z0-9]+)*$")


def register_labels(mapping: Mapping[str, str]) -> None:
    """Add readable labels for codes (a topic module calls this for its own codes)."""
    for code, words in mapping.items():
        if not isinstance(code, str) or not isinstance(words, str) or not words.strip():
            raise ValueError(f"a label maps a code to words: got {code!r} -> {words!r}")
        LABELS[code] = words


def label(code: Any) -> str:
    """Return *code* as words: a registered label, else the code with ``_`` read as spaces.

    Text that is not a code (it has capitals or spaces) is returned unchanged;
    a missing value is returned as an empty string.
    """
    if _missing(code):
        return ""
    text = str(code)
    if text in LABELS:
        return LABELS[text]
    if not _CODE.match(text):
        return text
    if ";" in text:
        return ", ".join(label(part) for part in text.split(";"))
    words = [_WORD_LABELS.get(w, w) for w in text.split("_")]
    return " ".join(words)


def escape_html(text: Any) -> str:
    """Make *text* inert in HTML (``& < > " '`` become entities)."""
    return html.escape("" if _missing(text) else str(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|~$])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+])|(\d+)([.)]))", re.MULTILINE)


def escape_md(text: Any, *, inline: bool = True) -> str:
    """Make *text* inert in Markdown: no HTML, no emphasis, links, lists or headings.

    HTML is escaped as entities (shown as the literal characters), Markdown
    punctuation is backslash-escaped, and with *inline* (the default) line breaks
    become spaces so a data value cannot start a new list item or heading.
    """
    raw = "" if _missing(text) else str(text)
    if inline:
        raw = " ".join(raw.split())
    out = html.escape(raw, quote=False)
    # `&` must not be backslash-escaped (it would break the entities), but `<` etc. are already entities.
    out = _MD_SPECIAL.sub(r"\\\1", out)
    return _MD_LINE_START.sub(_escape_line_start, out)


def _escape_line_start(m: re.Match[str]) -> str:
    # A value placed at the start of a line must not open a list item ("- x", "1. x").
    if m.group(2):
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"


class Prose:
    """Markdown for the notebook, wrapped plain text for nbval and terminals."""

    def __init__(self, markdown: str) -> None:
        if not isinstance(markdown, str):
            raise TypeError(f"prose() takes Markdown text, got {type(markdown).__name__}")
        self.markdown = markdown

    def _repr_markdown_(self) -> str:
        return self.markdown

    plain: str | None = None

    def __repr__(self) -> str:
        return _wrap_plain(self.plain if self.plain is not None else self.markdown)

    def __str__(self) -> str:
        return self.markdown


def prose(markdown: str) -> Prose:
    """Show Markdown built from data (escape every data value with :func:`escape_md` first)."""
    return Prose(markdown)


class Table:
    """A data frame shown as a wrapping HTML table with readable labels (see :func:`table`)."""

    def __init__(
        self,
        df: pd.DataFrame,
        *,
        labels: Mapping[str, str] | None = None,
        codes: Iterable[str] = (),
        caption: str | None = None,
        index: bool = False,
        max_rows: int | None = None,
    ) -> None:
        import pandas as pd

        if not isinstance(df, pd.DataFrame):
            if isinstance(df, pd.Series):
                df = df.to_frame()
            else:
                raise TypeError(f"table() takes a pandas DataFrame or Series, got {type(df).__name__}")
        if index:
            df = df.reset_index()
        unknown = [c for c in (labels or {}) if c not in df.columns]
        unknown += [c for c in codes if c not in df.columns]
        if unknown:
            raise KeyError(f"table(): no column {unknown[0]!r}; the columns are {', '.join(map(str, df.columns))}")
        self.total_rows = len(df)
        if max_rows is not None and len(df) > max_rows:
            df = df.head(max_rows)
        self.df = df
        self.caption = caption
        self.headers = [(labels or {}).get(c, label(c) if isinstance(c, str) else str(c)) for c in df.columns]
        code_cols = set(codes)
        self.cells = [
            [_cell(v, as_code=c in code_cols) for c, v in zip(df.columns, row, strict=True)]
            for row in df.itertuples(index=False, name=None)
        ]

    def _more(self) -> str:
        shown = len(self.cells)
        return f"{shown} of {self.total_rows} rows shown" if shown < self.total_rows else ""

    def _repr_html_(self) -> str:
        cell = 'style="text-align:left;vertical-align:top;white-space:normal;overflow-wrap:anywhere"'
        parts = ['<table class="nkhr-table" style="border-collapse:collapse;max-width:100%;table-layout:auto">']
        if self.caption:
            parts.append(f'<caption style="text-align:left;font-weight:bold">{escape_html(self.caption)}</caption>')
        parts.append(
            "<thead><tr>"
            + "".join(f'<th scope="col" {cell}>{escape_html(h)}</th>' for h in self.headers)
            + "</tr></thead>"
        )
        parts.append("<tbody>")
        for row in self.cells:
            parts.append("<tr>" + "".join(f"<td {cell}>{escape_html(v)}</td>" for v in row) + "</tr>")
        parts.append("</tbody></table>")
        if self._more():
            parts.append(f"<p><em>{self._more()}</em></p>")
        return "".join(parts)

    def __repr__(self) -> str:
        return _plain_grid(self.headers, self.cells, caption=self.caption, note=self._more())


def table(
    df: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    codes: Iterable[str] = (),
    caption: str | None = None,
    index: bool = False,
    max_rows: int | None = None,
) -> Table:
    """Show *df* as a table that fits the page.

    *labels* maps column names to headers (other columns get :func:`label` of their
    name); values in the *codes* columns are shown as words with :func:`label`;
    *index* keeps the index as a first column; *max_rows* shows the first rows and
    says how many there are. Missing values are shown as empty cells.
    """
    return Table(df, labels=labels, codes=codes, caption=caption, index=index, max_rows=max_rows)


def citations(frames: Any, *, caption: str | None = "Sources of the data used here") -> Table:
    """The sources behind the rows of one or more data frames, as one compact table.

    *frames* is a data frame with a ``source_ids`` column, a list of them, or a
    mapping ``{dataset name: frame}`` (then a column says which datasets use each
    source). Each source appears once, numbered in order of first use.
    """
    import pandas as pd

    from .data import cite_many, source_ids

    if isinstance(frames, pd.DataFrame):
        frames = {"": frames}
    elif not isinstance(frames, Mapping):
        frames = list(frames)
        frames = {"": frames[0]} if len(frames) == 1 else {str(i): f for i, f in enumerate(frames)}
    named = any(not k.isdigit() and k for k in frames)
    used: dict[str, list[str]] = {}
    for name, frame in frames.items():
        for sid in source_ids(frame):
            used.setdefault(sid, [])
            if name and name not in used[sid]:
                used[sid].append(name)
    references = cite_many(used)  # the data folder found and sources.csv checked once, not per source
    rows = [
        {"no": i, "source": sid, "reference": ref, **({"used in": ", ".join(names)} if named else {})}
        for i, ((sid, names), ref) in enumerate(zip(used.items(), references), start=1)
    ]
    columns = ["no", "source", "reference"] + (["used in"] if named else [])
    return table(
        pd.DataFrame(rows, columns=columns),
        labels={
            "no": "No.",
            "source": "Source id",
            "reference": "Reference",
            **({"used in": "Used in"} if named else {}),
        },
        caption=caption,
    )


def numbered(items: Iterable[Any], *, start: int = 1, bold_numbers: bool = True) -> Prose:
    """Numbered paragraphs that wrap: ``[0] text``, ``[1] text``, ... (every item escaped).

    The numbers are shown in brackets, so a paragraph is never read as a Markdown list item.
    """
    parts = []
    for n, item in enumerate(items, start=start):
        number = f"**[{n}]**" if bold_numbers else f"\\[{n}\\]"
        parts.append(f"{number} {escape_md(item)}")
    return Prose("\n\n".join(parts))


def lines(text: str) -> Prose:
    """Show plain multi-line text (a card, a summary) so that it wraps: each line escaped, line breaks kept."""
    if not isinstance(text, str):
        raise TypeError(f"lines() takes text, got {type(text).__name__}")
    parts = [escape_md(line.strip()) for line in text.splitlines()]
    markdown = "  \n".join(p if p else "&nbsp;" for p in parts)
    prose_ = Prose(markdown)
    prose_.plain = text
    return prose_


def widget_style() -> dict[str, str]:
    """The ``style`` for an ipywidgets control whose description must not be cut ("Min stren…").

    Use with :func:`widget_layout`: ``w.Dropdown(..., style=widget_style(), layout=widget_layout())``.
    """
    return {"description_width": "initial"}


def widget_layout(width: str = "auto", *, min_width: str = "18em") -> Any:
    """A layout that gives a control room for its description and options (and its read-out).

    For a slider whose read-out is cut ("1998 – 202"), pass a width such as ``"34em"``.
    """
    import ipywidgets as w

    return w.Layout(width=width, min_width=min_width)


def year_range(low: int, high: int, value: tuple[int, int] | None = None, *, description: str = "Years") -> Any:
    """A year-range slider whose chosen years are always readable in full ("1998 – 2025").

    ipywidgets' own read-out is too narrow for two years and cuts them ("1998 – 202"),
    so it is switched off and the range is written in a label beside the slider.
    Returns an ``HBox``; the slider is ``box.slider`` (observe or link its ``value``).
    """
    import ipywidgets as w

    from .errors import whole_number

    low, high = whole_number("low", low), whole_number("high", high)
    if low > high:
        raise ValueError(f"year_range needs low <= high, got {low} and {high}")
    slider = w.IntRangeSlider(
        value=value or (low, high),
        min=low,
        max=high,
        step=1,
        description=description,
        continuous_update=False,
        readout=False,
        style=widget_style(),
        layout=widget_layout("26em"),
    )
    shown = w.Label(layout=widget_layout("auto", min_width="8em"))

    def _show(change: Any = None) -> None:
        a, b = slider.value
        shown.value = f"{a}" if a == b else f"{a} – {b}"

    slider.observe(_show, names="value")
    _show()
    box = w.HBox([slider, shown])
    box.slider = slider
    box.readout = shown
    return box


# --------------------------------------------------------------------------- internals


def _missing(value: Any) -> bool:
    if value is None:
        return True
    kind = type(value)
    if kind is str or kind is int or kind is bool:  # what pandas.isna says of these, without asking it
        return False
    if kind is float:
        return value != value  # NaN is the one float that is not equal to itself
    try:
        import pandas as pd

        result = pd.isna(value)
        return bool(result) if isinstance(result, bool) or getattr(result, "shape", None) == () else False
    except (ImportError, TypeError, ValueError):
        return isinstance(value, float) and math.isnan(value)


def _cell(value: Any, *, as_code: bool) -> str:
    if type(value) is str:  # most cells: what the general path below gives a text, without its checks
        return label(value) if as_code else value
    if _missing(value):
        return ""
    if as_code:
        return label(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime") and not isinstance(value, str):
        try:
            if (value.hour, value.minute, value.second) == (0, 0, 0):
                return value.strftime("%Y-%m-%d")
        except AttributeError:
            pass
    return str(value)


def _wrap_plain(text: str, width: int = TEXT_WIDTH) -> str:
    lines = []
    for para in text.splitlines():
        lead = len(para) - len(para.lstrip())
        lines.extend(textwrap.wrap(para, width=width, subsequent_indent=" " * (lead + 2)) or [""])
    return "\n".join(lines)


_WRAP_SPACES = frozenset("\t\n\x0b\x0c\r")


def _wrap_cell(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width, break_long_words=True) or [""]``, without textwrap for a cell that fits.

    A cell that fits the width, has no tab or line break and no white space at either end (textwrap drops
    any there, Unicode spaces too) is its own one line
    (tests/test_speed_display.py checks this against textwrap).
    """
    if not text:
        return [""]
    if len(text) <= width and not text[0].isspace() and not text[-1].isspace() and _WRAP_SPACES.isdisjoint(text):
        return [text]
    return textwrap.wrap(text, width, break_long_words=True) or [""]


def _plain_grid(
    headers: list[str], rows: list[list[str]], *, caption: str | None, note: str, width: int = TEXT_WIDTH
) -> str:
    n = len(headers)
    if n == 0:
        return caption or "(empty table)"
    natural = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    budget = max(width - 3 * (n - 1), n * 6)
    widths = list(natural)
    while sum(widths) > budget:
        i = max(range(n), key=lambda k: widths[k])
        if widths[i] <= 6:
            break
        widths[i] -= 1

    def render(cells: list[str]) -> list[str]:
        wrapped = [_wrap_cell(c, widths[i]) for i, c in enumerate(cells)]
        height = max(len(w) for w in wrapped)
        if height == 1:
            return [" | ".join(w[0].ljust(widths[i]) for i, w in enumerate(wrapped)).rstrip()]
        padded = [
            [s.ljust(widths[i]) for s in w] + [" " * widths[i]] * (height - len(w)) for i, w in enumerate(wrapped)
        ]
        return [" | ".join(parts).rstrip() for parts in zip(*padded)]

    out = [caption] if caption else []
    out += render(headers)
    out.append("-+-".join("-" * w for w in widths))
    for row in rows:
        out += render(row)
    if not rows:
        out.append("(no rows)")
    if note:
        out.append(note)
    return "\n".join(out)
