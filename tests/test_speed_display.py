"""helpers.display's quick paths (issue 13) give what the general ones give: plain-text grid, cells, missing values."""

from __future__ import annotations

import datetime as dt
import math
import random
import textwrap

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import display


def _reference_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        result = pd.isna(value)
        return bool(result) if isinstance(result, bool) or getattr(result, "shape", None) == () else False
    except (TypeError, ValueError):
        return isinstance(value, float) and math.isnan(value)


_VALUES = ["", "text", "without_vote", 0, 7, -3, True, False, 1.0, 2.5, float("nan"), float("inf"), None, pd.NA]
_VALUES += [
    pd.NaT,
    np.nan,
    np.int64(4),
    np.float64(3.0),
    np.bool_(True),
    pd.Timestamp("2024-10-18"),
    dt.date(2024, 1, 2),
]


@pytest.mark.parametrize("value", _VALUES, ids=repr)
def test_missing_is_what_pandas_says(value: object) -> None:
    assert display._missing(value) == _reference_missing(value)


@pytest.mark.parametrize("value", _VALUES, ids=repr)
def test_a_cell_is_what_the_general_path_gives(value: object) -> None:
    for as_code in (False, True):
        expected = ""
        if not _reference_missing(value):
            if as_code:
                expected = display.label(value)
            elif isinstance(value, float) and value.is_integer():
                expected = str(int(value))
            elif hasattr(value, "strftime") and not isinstance(value, str):
                expected = value.strftime("%Y-%m-%d")
            else:
                expected = str(value)
        assert display._cell(value, as_code=as_code) == expected


_PIECES = ["a", "word", "long-hyphenated-term", " ", "  ", "\t", "\n", "é", "\u00a0", "x" * 30, "1,234", "—", "."]


@pytest.mark.parametrize("seed", range(30))
def test_a_wrapped_cell_is_what_textwrap_gives(seed: int) -> None:
    rng = random.Random(seed)
    fitted = 0
    for _ in range(300):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 8)))
        width = rng.randint(1, 40)
        expected = textwrap.wrap(text, width, break_long_words=True) or [""]
        assert display._wrap_cell(text, width) == expected, (text, width)
        fitted += len(text) <= width
    assert fitted > 50  # the quick path was taken


def test_real_tables_render_as_before() -> None:
    """The whole grid (wrapping, padding, the rule line) against the pre-issue-13 renderer, on real tables."""

    def reference_grid(headers, rows, *, caption, note, width=display.TEXT_WIDTH):
        n = len(headers)
        natural = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
        budget = max(width - 3 * (n - 1), n * 6)
        widths = list(natural)
        while sum(widths) > budget:
            i = max(range(n), key=lambda k: widths[k])
            if widths[i] <= 6:
                break
            widths[i] -= 1

        def render(cells):
            wrapped = [textwrap.wrap(c, widths[i], break_long_words=True) or [""] for i, c in enumerate(cells)]
            height = max(len(w) for w in wrapped)
            return [
                " | ".join((w[k] if k < len(w) else "").ljust(widths[i]) for i, w in enumerate(wrapped)).rstrip()
                for k in range(height)
            ]

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

    for name in ("timeline", "pow_figures", "laws_institutions", "commitment_followup", "glossary"):
        frame = helpers.load(name)
        for shown in (frame, frame.iloc[:, :3], frame.iloc[0:0]):
            t = display.table(shown, caption=f"{name} as a test", max_rows=40)
            assert repr(t) == reference_grid(t.headers, t.cells, caption=t.caption, note=t._more())
