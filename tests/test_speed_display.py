"""helpers.display's quick paths (issue 13) give what the general ones give: plain-text grid, cells, missing values."""

from __future__ import annotations

import datetime as dt
import math
import random
import textwrap

import numpy as np
import pandas as pd
import pytest

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
