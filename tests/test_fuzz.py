"""Fuzzing the public API with hypothesis: every call returns or raises an error a person can act on; none hangs.

Each public function of ``helpers`` and its topic modules is called with generated arguments: for a
table parameter the real table, an empty one, one with the wrong columns, or not a table at all; for
every other parameter text, numbers (NaN and infinities included), None, booleans, lists and numpy
scalars. A call may return, or raise a :class:`helpers.HelpersError` or a ``TypeError``/``ValueError``/
``KeyError`` whose message is short enough to read; any other exception, or a call that takes longer
than a few seconds, fails. Widgets and plots are left to their own tests (they draw, which is slow).
The whole test is bounded: a fixed number of examples per function, with a fixed seed.
"""

from __future__ import annotations

import importlib
import inspect
import signal
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import helpers
from helpers.errors import HelpersError

MODULES = [
    "helpers.data",
    "helpers.exercises",
    "helpers.statement",
    "helpers.timeline",
    "helpers.escapees",
    "helpers.humanitarian",
    "helpers.untrack",
    "helpers.coi",
    "helpers.perspectives",
    "helpers.glossary",
    "helpers.collection",
    "helpers.display",
]
SKIP_NAME = (
    "plot",
    "widget",
    "browser",
    "explorer",
    "show",
    "check",
    "new_figure",
    "png_bytes",
    "package",
    "data_dir",
    "answer_key",
    "guard",
    "register_labels",
    "save",
    "enable",
    "install",
    "year_range",
)
ACCEPTED = (HelpersError, TypeError, ValueError, KeyError)
PER_CALL_SECONDS = 5

#: Which dataset each table parameter name expects (for the "real table" case).
TABLES = {
    "sentences": "statement_sentences",
    "commitments": "commitments",
    "links": "commitment_coi_links",
    "followup": "commitment_followup",
    "arrivals": "escapee_arrivals",
    "cumulative": "escapee_cumulative",
    "figures": "pow_figures",
    "abductees": "rok_abductees",
    "estimates": "war_abductee_estimates",
    "registry": "separated_families_registry",
    "escapes": "pow_escapes",
    "detainees": "rok_detainees",
    "reunions": "family_reunions",
    "meetings": "unsc_meetings",
    "rapporteurs": "special_rapporteurs",
    "structure": "coi_report_structure",
    "findings": "coi_findings",
    "methods": "coi_methods",
    "crimes": "coi_crimes",
    "recs": "coi_recommendations",
    "assessment": "source_assessment",
}


def _is_table(p: inspect.Parameter) -> bool:
    return "DataFrame" in str(p.annotation) and "dict" not in str(p.annotation)


def functions() -> list[tuple[str, Callable[..., Any]]]:
    out = []
    for name in MODULES:
        module = importlib.import_module(name)
        for fname, fn in vars(module).items():
            if fname.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != name:
                continue
            if any(s in fname for s in SKIP_NAME):
                continue
            out.append((f"{name.removeprefix('helpers.')}.{fname}", fn))
    return out


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        ["", " ", "2009", "C07", "c07", "Japan", "japan", "total", "p4s2", "1e309", "\x00", "<script>", "x" * 5000]
    ),
    st.lists(st.text(max_size=5), max_size=3),
    st.sampled_from([np.int64(3), np.float64(2.5), np.int64(2009)]),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def table_for(param: str, rows: Any) -> Any:
    dataset = TABLES.get(param) or next((v for k, v in TABLES.items() if k in param), None)
    return st.one_of(
        st.just(helpers.load(dataset)) if dataset else st.just(pd.DataFrame({"x": [1, 2]})),
        st.just(pd.DataFrame()),
        st.just(pd.DataFrame({"wrong": ["a"]})),
        st.none(),
        st.just([1, 2]),
    )


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Timeout


def call_bounded(fn: Callable[..., Any], kwargs: dict[str, Any]) -> BaseException | None:
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(PER_CALL_SECONDS)
    try:
        fn(**kwargs)
        return None
    except Timeout:
        raise
    except Exception as exc:
        return exc
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize(("name", "fn"), functions(), ids=[n for n, _ in functions()])
def test_no_call_hangs_or_fails_unreadably(name: str, fn: Callable[..., Any]) -> None:
    params = [p for p in inspect.signature(fn).parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    strategy = st.fixed_dictionaries({p.name: (table_for(p.name, None) if _is_table(p) else SCALARS) for p in params})

    @seed(20261201)
    @settings(max_examples=25, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(kwargs: dict[str, Any]) -> None:
        try:
            exc = call_bounded(fn, kwargs)
        except Timeout:
            pytest.fail(
                f"{name}({ {k: repr(v)[:40] for k, v in kwargs.items()} }) did not return within {PER_CALL_SECONDS} s"
            )
        if exc is None:
            return
        args = {k: repr(v)[:60] for k, v in kwargs.items()}
        assert isinstance(exc, ACCEPTED), f"{name}({args}) raised {type(exc).__name__}: {str(exc)[:200]}"
        message = str(exc)
        assert message.strip(), f"{name}({args}) raised {type(exc).__name__} with no message"
        assert len(message) < 3000, f"{name}({args}) raised a {len(message)}-character message"

    run()


# The inputs the reliability probe found silently wrong or hanging, each now a precise error (or a right answer).
def test_probe_cases_are_answered_precisely() -> None:
    import helpers.coi as coi
    import helpers.escapees as esc
    import helpers.humanitarian as hum
    import helpers.perspectives as per
    import helpers.statement as st
    import helpers.untrack as un

    with pytest.raises(ValueError, match="unknown reunion kind 'face2face'; choose one of"):
        hum.reunion_gaps(helpers.load("family_reunions"), "face2face")
    arrivals = helpers.load("escapee_arrivals")
    assert esc.versions(arrivals, "2009").equals(esc.versions(arrivals, 2009)) and len(esc.versions(arrivals, 2009)) > 1
    with pytest.raises(ValueError, match="no single-year figure for 1850"):
        esc.versions(arrivals, 1850)
    sentences = helpers.load("statement_sentences")
    assert st.filter_sentences(sentences, actor="Japan").equals(st.filter_sentences(sentences, actor="japan"))
    with pytest.raises(ValueError, match="unknown actor 'Mars'"):
        st.filter_sentences(sentences, actor="Mars")
    votes = helpers.load("un_resolutions")
    row = votes[votes["vote_method"] == "recorded_vote"].iloc[0]
    assert un.support_share(row["yes"], row["no"], row["abstain"]) > 0  # numpy integers from the project's own table
    structure = helpers.load("coi_report_structure")
    assert coi.section_of(np.int64(60), structure) == coi.section_of(60, structure)
    positions = helpers.load("positions")
    with pytest.raises(ValueError, match="unknown actor_type"):
        per.select(positions, actor_type="martian")
    with pytest.raises(ValueError, match="width must be"):
        per.argument_map({"A": "x"}, {"A": "claim"}, width=float("nan"))
    with pytest.raises(ValueError, match="width must be"):
        per.format_side_by_side(per.side_by_side(positions, positions["topic"].iloc[0]), width=0)
    with pytest.raises(helpers.UnknownDatasetError) as info:
        helpers.load("x" * 1_000_000)
    assert len(str(info.value)) < 3000
    # found by the fuzz under the lowest supported hypothesis version
    with pytest.raises(helpers.DataValidationError, match="cannot be read"):
        helpers.list_datasets("x" * 5000)
    import helpers.humanitarian as hum2
    import helpers.timeline as tl

    for fn in (tl.parse_partial_date, tl.precision_of, tl.format_date):
        with pytest.raises(ValueError) as info:
            fn("x" * 5000)
        assert len(str(info.value)) < 300
    with pytest.raises(TypeError, match="must be a number or missing"):
        hum2.format_figure(None, [], None)
