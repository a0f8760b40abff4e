"""The quick paths in helpers.data give what the plain ones gave, and the caches notice a changed file.

helpers.data checks a column by its distinct values first and converts text to typed arrays directly
(issue 13, the benchmark budget). These tests hold each quick path to the plain rule it replaces: the
cell-by-cell check (kept in helpers.data, and still used whenever a column has a problem) and the
pandas conversion the loader used before (copied here as the reference).
"""

from __future__ import annotations

import contextlib
import os
import random
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import data as hd
from helpers.errors import DataValidationError, UnknownSourceError


def _touch_later(path: Path) -> None:
    """Make sure a rewrite changes the file's stamp even on coarse-clock file systems."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


# --------------------------------------------------------------------------- conversion


def _reference_convert(ftype: str, values: list[str]) -> object:
    """The loader's conversion before issue 13: pandas' own parsers, one column at a time."""
    if ftype in ("integer", "year"):
        return pd.array([int(v) if v else None for v in values], dtype="Int64")
    if ftype == "number":
        return pd.Series([float(v) if v else float("nan") for v in values], dtype="float64").to_numpy()
    if ftype == "boolean":
        return pd.array([None if v == "" else v == "true" for v in values], dtype="boolean")
    if ftype == "date":
        return pd.to_datetime(pd.Series([v or None for v in values], dtype="object"), format="%Y-%m-%d").to_numpy()
    return pd.array([v if v else None for v in values], dtype="str" if pd.__version__[:2] != "2." else "string")


def _as_series(array: object) -> pd.Series:
    return pd.Series(array)


@pytest.mark.parametrize("name", [n for n in helpers.list_datasets() if "schema" in hd._resource(n, hd.data_dir())])
def test_every_dataset_loads_exactly_as_the_reference_conversion_would(name: str) -> None:
    directory = hd.data_dir()
    resource = hd._resource(name, directory)
    raw = hd._read_raw(resource, directory)
    expected = pd.DataFrame(
        {
            f["name"]: _reference_convert(f.get("type", "string"), raw.columns[f["name"]])
            for f in resource["schema"]["fields"]
        },
        index=pd.RangeIndex(raw.nrows),
    )
    got = helpers.load(name)
    assert list(got.dtypes.astype(str)) == list(expected.dtypes.astype(str))
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


@pytest.mark.parametrize(
    ("ftype", "values"),
    [
        ("integer", ["1", "", "-40", "0", "1234567890123"]),
        ("integer", ["", ""]),
        ("year", ["1950", "2025", ""]),
        ("number", ["1.5", "", "-0.25", "3", "1e3"]),
        ("boolean", ["true", "false", "", "true"]),
        ("boolean", ["", ""]),
        ("date", ["2014-02-17", "", "1945-08-15", "2024-10-18"]),
        ("date", ["", ""]),  # pandas picks a different unit for a column with no date at all
        ("date", ["1500-01-01", "2014-02-17"]),
        ("date", ["2999-12-31", ""]),
        ("string", ["a", "", "b c", " spaced "]),
        ("string", ["", ""]),
        ("string", []),
    ],
)
def test_each_column_type_converts_as_the_reference(ftype: str, values: list[str]) -> None:
    try:
        expected = _as_series(_reference_convert(ftype, values))
    except pd.errors.OutOfBoundsDatetime:  # pandas 2 holds dates in nanoseconds (1677-2262): both must refuse
        with pytest.raises(pd.errors.OutOfBoundsDatetime):
            hd._convert(pd, ftype, values)
        return
    got = _as_series(hd._convert(pd, ftype, values))
    assert got.dtype == expected.dtype
    pd.testing.assert_series_equal(got, expected, check_exact=True)


def test_dates_beyond_nanoseconds_go_to_pandas_when_pandas_counts_in_nanoseconds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pandas 2 holds dates in nanoseconds (1677-2262): outside that, its parser decides, as before."""
    monkeypatch.setitem(hd._dtypes, "date", "ns")
    inside = hd._convert(pd, "date", ["2014-02-17", ""])
    assert inside.dtype == np.dtype("datetime64[ns]") and str(inside[0])[:10] == "2014-02-17"
    calls = []
    real = pd.to_datetime
    monkeypatch.setattr(pd, "to_datetime", lambda *a, **k: calls.append(1) or real(*a, **k))
    with contextlib.suppress(pd.errors.OutOfBoundsDatetime):  # pandas 2 refuses it, as it always did
        hd._convert(pd, "date", ["1500-01-01", ""])
    assert calls, "a date before 1678 must be parsed by pandas when pandas counts in nanoseconds"


def test_a_whole_number_beyond_int64_is_still_refused_by_pandas() -> None:
    with pytest.raises((OverflowError, TypeError, ValueError)):
        hd._convert(pd, "integer", ["1" + "0" * 30])


# --------------------------------------------------------------------------- column checks


def _fields() -> list[dict]:
    return [
        {"name": "x", "type": "string"},
        {"name": "x", "type": "string", "constraints": {"required": True}},
        {"name": "x", "type": "string", "constraints": {"enum": ["a", "b", "c d"]}},
        {"name": "x", "type": "string", "constraints": {"pattern": "[a-z]+(-[a-z]+)*"}},
        {"name": "x", "type": "string", "constraints": {"unique": True}},
        {"name": "x", "type": "string", "constraints": {"unique": True, "required": True, "pattern": "[a-z]"}},
        {"name": "x", "type": "integer"},
        {"name": "x", "type": "integer", "constraints": {"minimum": 0, "maximum": 100}},
        {"name": "x", "type": "year", "constraints": {"minimum": 1900}},
        {"name": "x", "type": "number", "constraints": {"minimum": -1.5}},
        {"name": "x", "type": "boolean", "constraints": {"required": True}},
        {"name": "x", "type": "date"},
        {"name": "x", "type": "date", "constraints": {"unique": True}},
        {"name": "x", "type": "datetime"},  # unsupported: every non-empty cell is a problem
    ]


_POOL = {
    "string": ["a", "b", "c d", "abc", "ab-cd", "A", " a", "b ", "", "x\ty", "é"],
    "integer": ["0", "5", "100", "101", "-1", "1.5", "1,000", "x", "", " 7", "12"],
    "year": ["1900", "1899", "2024", "20x4", ""],
    "number": ["0", "-1.5", "-1.6", "2.25", "1e3", "nan", ".5", "", "3."],
    "boolean": ["true", "false", "True", "", "1"],
    "date": ["2014-02-17", "2014-02-30", "2014-2-17", "2024-10-18", "2026-01-01", "", "2014-02-17 "],
    "datetime": ["2014-02-17T00:00", ""],
}
_PRECISION_POOL = ["2014-02-17", "2014-02", "2014", "2014-13", "2014-02-30", "14", "", "2025-06", "2024-10-19"]
_LEVELS = ["day", "month", "year", "decade", ""]


@pytest.mark.parametrize("seed", range(40))
def test_the_distinct_value_check_never_passes_a_column_the_cell_check_faults(seed: int) -> None:
    rng = random.Random(seed)
    clean_seen = faulty_seen = 0
    for f in _fields():
        pool = _POOL[f["type"]]
        for _ in range(25):
            n = rng.randint(0, 12)
            clean = rng.random() < 0.5  # half the columns drawn from values that pass, to reach the quick path
            choices = [v for v in pool if not hd._check_field_cells(f, [v], "t.csv", {}, None)] if clean else pool
            values = [rng.choice(choices or pool) for _ in range(n)]
            columns = {"x": values}
            current_to = rng.choice([None, "2024-10-18", "2025"])
            cells = hd._check_field_cells(f, values, "t.csv", columns, current_to)
            assert hd._check_field(f, values, "t.csv", columns, current_to) == cells
            if hd._field_is_clean(f, values, columns, current_to):
                assert cells == [], (f, values, current_to)
                clean_seen += 1
            else:
                faulty_seen += bool(cells)
    assert clean_seen > 50 and faulty_seen > 50  # both paths were exercised


@pytest.mark.parametrize("seed", range(20))
def test_the_distinct_value_check_with_a_precision_column(seed: int) -> None:
    rng = random.Random(1000 + seed)
    for _ in range(60):
        n = rng.randint(1, 10)
        values = [rng.choice(_PRECISION_POOL) for _ in range(n)]
        levels = [rng.choice(_LEVELS[:3] if rng.random() < 0.7 else _LEVELS) for _ in range(n)]
        f = {"name": "x", "type": "string"}
        columns = {"x": values, "x_precision": levels}
        current_to = rng.choice([None, "2024-10-18", "2025-06"])
        cells = hd._check_field_cells(f, values, "t.csv", columns, current_to)
        assert hd._check_field(f, values, "t.csv", columns, current_to) == cells
        if hd._field_is_clean(f, values, columns, current_to):
            assert cells == []


@pytest.mark.parametrize(
    ("f", "values"),
    [
        ({"name": "x", "type": "string", "constraints": {"required": True}}, ["a", ""]),
        ({"name": "x", "type": "string"}, ["a", "a "]),
        ({"name": "x", "type": "integer"}, ["1", "1.0"]),
        ({"name": "x", "type": "number"}, ["1", "1e3"]),
        ({"name": "x", "type": "boolean"}, ["true", "yes"]),
        ({"name": "x", "type": "date"}, ["2014-02-29"]),
        ({"name": "x", "type": "string", "constraints": {"enum": ["a"]}}, ["a", "b"]),
        ({"name": "x", "type": "string", "constraints": {"pattern": "[a-z]+"}}, ["abc", "ab1"]),
        ({"name": "x", "type": "integer", "constraints": {"minimum": 0}}, ["1", "-1"]),
        ({"name": "x", "type": "integer", "constraints": {"maximum": 9}}, ["1", "10"]),
        ({"name": "x", "type": "string", "constraints": {"unique": True}}, ["a", "b", "a"]),
        ({"name": "x", "type": "date"}, ["2024-10-19"]),  # later than currentTo
    ],
)
def test_each_kind_of_problem_is_still_found_and_located(f: dict, values: list[str]) -> None:
    problems = hd._check_field(f, values, "t.csv", {"x": values}, "2024-10-18")
    assert problems and problems[-1].line == len(values) + 1


def test_real_columns_take_the_quick_path() -> None:
    """Without this the quick path could be dead code and the tests above would still pass."""
    directory = hd.data_dir()
    resource = hd._resource("timeline", directory)
    raw = hd._read_raw(resource, directory)
    for f in resource["schema"]["fields"]:
        assert hd._field_is_clean(f, raw.columns[f["name"]], raw.columns, resource.get("currentTo"))


# --------------------------------------------------------------------------- caches


def test_a_changed_source_is_cited_anew(data_copy: Path) -> None:
    timeline = helpers.load("timeline", data_dir=data_copy)
    sid = helpers.source_ids(timeline)[0]
    before = helpers.cite(sid, data_dir=data_copy)
    listed = helpers.cite_rows(timeline, data_dir=data_copy)
    assert before in listed
    sources = data_copy / "sources.csv"
    frame = helpers.load("sources", data_dir=data_copy)
    old_author = frame.loc[frame["id"] == sid, "author"].iloc[0]
    text = sources.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    i = next(k for k, line in enumerate(lines) if line.startswith(sid + ","))
    assert old_author in lines[i]
    lines[i] = lines[i].replace(old_author, "Renamed Author For The Test", 1)
    sources.write_text("".join(lines), encoding="utf-8")
    _touch_later(sources)
    after = helpers.cite(sid, data_dir=data_copy)
    assert after != before and after.startswith("Renamed Author For The Test (")
    assert "Renamed Author For The Test" in helpers.cite_rows(timeline, data_dir=data_copy)
    table = helpers.display.citations(timeline)  # the real data folder: unchanged
    assert "Renamed Author" not in repr(table)


def test_cite_many_is_cite_for_each_id_and_names_an_unknown_one() -> None:
    frame = helpers.load("laws_institutions")
    ids = helpers.source_ids(frame)
    assert hd.cite_many(ids) == [helpers.cite(sid) for sid in ids]
    assert hd.cite_many([" " + ids[0] + " "]) == [helpers.cite(ids[0])]
    with pytest.raises(UnknownSourceError, match="no-such-source-id"):
        hd.cite_many([ids[0], "no-such-source-id"])
    with pytest.raises(TypeError, match="source id must be a str"):
        hd.cite_many([ids[0], 7])  # type: ignore[list-item]


def test_a_changed_descriptor_is_read_anew(data_copy: Path) -> None:
    assert helpers.describe("timeline", data_dir=data_copy).title != "A Title Set By The Test"
    descriptor = data_copy / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8")
    title = helpers.describe("timeline", data_dir=data_copy).title
    assert text.count(f'"title": "{title}"') == 1
    descriptor.write_text(text.replace(f'"title": "{title}"', '"title": "A Title Set By The Test"'), encoding="utf-8")
    _touch_later(descriptor)
    assert helpers.describe("timeline", data_dir=data_copy).title == "A Title Set By The Test"


def test_a_source_id_added_later_is_accepted_and_one_removed_is_refused(data_copy: Path) -> None:
    """The cached set of valid ids belongs to one reading of sources.csv: a new reading gets a new set."""
    helpers.load("laws_institutions", data_dir=data_copy)  # caches the ids of this reading
    path = data_copy / "laws_institutions.csv"
    text = path.read_text(encoding="utf-8")
    first_row = text.splitlines()[1]
    used = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", first_row.split(",")[-1])[0]
    new_id = "test-2099-01-01-added-by-the-test"
    sources = data_copy / "sources.csv"
    source_text = sources.read_text(encoding="utf-8")
    row = next(line for line in source_text.splitlines() if line.startswith(used + ","))
    path.write_text(text.replace(first_row, first_row.replace(used, new_id, 1), 1), encoding="utf-8")
    _touch_later(path)
    with pytest.raises(DataValidationError, match=new_id):
        helpers.load("laws_institutions", data_dir=data_copy)
    sources.write_text(source_text + row.replace(used, new_id, 1) + "\n", encoding="utf-8")
    _touch_later(sources)
    assert new_id in helpers.source_ids(helpers.load("laws_institutions", data_dir=data_copy))
