"""The loader turns every kind of bad input into one clear, actionable error.

Corruption tests work on a temporary copy of data/ (the `data_copy` fixture);
data/ itself is never written.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers.errors import DataValidationError, UnknownDatasetError, UnknownSourceError


def rewrite(path: Path, edit) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    edit(rows)
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_every_dataset_loads_and_validates() -> None:
    names = helpers.list_datasets()
    assert "sources" in names and "statement_text" in names
    assert helpers.validate() == names
    for name in names:
        if name == "statement_text":
            continue
        frame = helpers.load(name)
        assert isinstance(frame, pd.DataFrame) and len(frame) > 0, name


def test_dtypes_follow_the_schema() -> None:
    frame = helpers.load("sources")
    assert str(frame["accessed"].dtype).startswith("datetime64")
    assert frame["id"].dtype == "str" or str(frame["id"].dtype) in ("string", "object")
    for resource in helpers.data.package()["resources"]:
        if "schema" not in resource:
            continue
        frame = helpers.load(resource["name"])
        for f in resource["schema"]["fields"]:
            kind = str(frame[f["name"]].dtype)
            expected = {"integer": "Int64", "year": "Int64", "number": "float64", "boolean": "boolean"}.get(f["type"])
            if expected:
                assert kind == expected, (resource["name"], f["name"], kind)
            elif f["type"] == "date":
                assert kind.startswith("datetime64"), (resource["name"], f["name"], kind)


def test_load_returns_a_fresh_copy() -> None:
    first = helpers.load("sources")
    first.loc[0, "title"] = "changed by a student"
    assert helpers.load("sources").loc[0, "title"] != "changed by a student"


def test_unknown_dataset_lists_valid_names_and_closest_match() -> None:
    with pytest.raises(UnknownDatasetError) as info:
        helpers.load("sourcez")
    message = str(info.value)
    assert "'sourcez'" in message and "Did you mean 'sources'?" in message and "statement_text" in message
    assert isinstance(info.value, LookupError)


def test_wrong_type_for_a_name() -> None:
    with pytest.raises(TypeError, match="dataset name must be a str"):
        helpers.load(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="source id must be a str"):
        helpers.cite(["joint-statement-2024"])  # type: ignore[arg-type]


def test_text_resource_and_table_are_not_confused() -> None:
    with pytest.raises(TypeError, match="read_text"):
        helpers.load("statement_text")
    with pytest.raises(TypeError, match="is a table"):
        helpers.read_text("sources")


def test_unknown_source_id_is_named() -> None:
    with pytest.raises(UnknownSourceError, match="unknown source id 'no-such-source'"):
        helpers.cite("no-such-source")


def test_cite_and_cite_rows() -> None:
    text = helpers.cite("joint-statement-2024")
    assert text.startswith("Governments of the United States") and "(accessed 2026-11-27)" in text
    frame = pd.DataFrame({"source_ids": ["joint-statement-2024; un-coi-report-2014", "joint-statement-2024", None]})
    assert helpers.source_ids(frame) == ["joint-statement-2024", "un-coi-report-2014"]
    listing = helpers.cite_rows(frame)
    assert listing.splitlines()[0].startswith("[1] joint-statement-2024: ") and listing.count("\n") == 1
    with pytest.raises(ValueError, match="source_ids"):
        helpers.cite_rows(pd.DataFrame({"x": [1]}))


def test_describe_reports_coverage_licence_and_sources() -> None:
    info = helpers.describe("sources")
    assert info.rows == len(helpers.load("sources")) and info.licence.startswith("Creative Commons")
    assert "Facts current to" in str(info.full()) and info.current_to
    text = helpers.describe("statement_text")
    assert text.rows is None and text.sources == ["joint-statement-2024"]


@pytest.mark.parametrize("name", helpers.list_datasets())
def test_describe_is_short_for_readers_with_the_full_description_one_call_away(name: str) -> None:
    info = helpers.describe(name)
    short, full = str(info), str(info.full())
    flat = " ".join(short.split())
    assert info.title in flat and f"Current to: {info.current_to}" in short and f"Sources: {len(info.sources)}" in short
    assert f'helpers.describe("{name}").full()' in flat
    assert len(short.splitlines()) <= 9 and max(len(line) for line in short.splitlines()) <= 100
    assert info.row and len(info.row.split()) <= 17
    assert max(len(line) for line in full.splitlines()) <= 100
    assert " ".join(info.description.split())[:60] in " ".join(full.split())  # nothing of the description lost
    md = info._repr_markdown_()
    assert md.startswith("**") and md.count("\n- ") == 6 and "<script" not in md


def test_describe_says_what_one_row_is() -> None:
    assert helpers.describe("statement_sentences").row == "one sentence of the 18 October 2024 joint statement"
    assert helpers.describe("escapee_arrivals").row == "one published version of a year's figure"
    assert helpers.describe("statement_text").row == "not a table: a text file"


def test_data_dir_override(monkeypatch: pytest.MonkeyPatch, data_copy: Path) -> None:
    monkeypatch.setenv("NKHR_DATA_DIR", str(data_copy))
    assert helpers.data_dir() == data_copy.resolve()
    assert helpers.list_datasets() == helpers.list_datasets(data_copy)


def test_split_list() -> None:
    assert helpers.split_list(" a; b ;;c ") == ["a", "b", "c"]
    assert helpers.split_list(None) == [] and helpers.split_list(float("nan")) == []


# ------------------------------------------------------------ corrupted copies


def only_problem(info: pytest.ExceptionInfo) -> str:
    err = info.value
    assert isinstance(err, DataValidationError) and isinstance(err, ValueError)
    return str(err)


def test_missing_column(data_copy: Path) -> None:
    rewrite(data_copy / "sources.csv", lambda rows: [r.pop(9) for r in rows])
    with pytest.raises(DataValidationError) as info:
        helpers.load("sources", data_dir=data_copy)
    assert info.value.file.endswith("sources.csv") and info.value.line == 1 and info.value.column == "note"
    assert "column 'note' is missing" in only_problem(info)


def test_wrong_type(data_copy: Path) -> None:
    def edit(rows):
        rows[2][6] = "27/11/2026"  # accessed: not ISO

    rewrite(data_copy / "sources.csv", edit)
    with pytest.raises(DataValidationError) as info:
        helpers.load("sources", data_dir=data_copy)
    err = info.value
    assert (err.line, err.column, err.rule) == (3, "accessed", "type date")
    assert "'27/11/2026' is not an ISO 8601 date" in str(err)


def test_malformed_partial_date(data_copy: Path) -> None:
    def edit(rows):
        rows[1][3] = "2024-13"  # published, precision says day

    rewrite(data_copy / "sources.csv", edit)
    with pytest.raises(DataValidationError) as info:
        helpers.load("sources", data_dir=data_copy)
    assert (info.value.line, info.value.column, info.value.rule) == (2, "published", "date precision")


def test_duplicate_key(data_copy: Path) -> None:
    rewrite(data_copy / "sources.csv", lambda rows: rows.append(list(rows[1])))
    with pytest.raises(DataValidationError) as info:
        helpers.load("sources", data_dir=data_copy)
    assert info.value.rule in ("unique", "primary key unique") and "repeats line 2" in str(info.value)


def test_enum_violation(data_copy: Path) -> None:
    def edit(rows):
        rows[1][8] = "probably"

    rewrite(data_copy / "sources.csv", edit)
    with pytest.raises(DataValidationError, match="'probably' is not one of: primary, secondary"):
        helpers.load("sources", data_dir=data_copy)


def dataset_with_sources(data_dir: Path) -> tuple[str, Path, int]:
    """A tabular dataset (other than sources) that has a source_ids column."""
    for r in json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))["resources"]:
        if r["name"] != "sources" and "schema" in r and any(f["name"] == "source_ids" for f in r["schema"]["fields"]):
            names = [f["name"] for f in r["schema"]["fields"]]
            return r["name"], data_dir / r["path"], names.index("source_ids")
    pytest.skip("no dataset with a source_ids column yet")


def test_dangling_source_id(data_copy: Path) -> None:
    name, path, col = dataset_with_sources(data_copy)

    def edit(rows):
        rows[1][col] = rows[1][col] + ";not-in-the-bibliography"

    rewrite(path, edit)
    with pytest.raises(DataValidationError) as info:
        helpers.load(name, data_dir=data_copy)
    assert (info.value.line, info.value.column, info.value.rule) == (2, "source_ids", "source id resolves")
    assert "'not-in-the-bibliography' is not in sources.csv" in str(info.value)


def test_row_without_source(data_copy: Path) -> None:
    name, path, col = dataset_with_sources(data_copy)

    def edit(rows):
        rows[1][col] = ""

    rewrite(path, edit)
    with pytest.raises(DataValidationError) as info:
        helpers.load(name, data_dir=data_copy)
    assert info.value.column == "source_ids"


def test_not_csv_at_all(data_copy: Path) -> None:
    (data_copy / "sources.csv").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(DataValidationError, match="readable UTF-8 CSV"):
        helpers.load("sources", data_dir=data_copy)


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "sources.csv").unlink()
    with pytest.raises(DataValidationError, match="is missing"):
        helpers.load("sources", data_dir=data_copy)


def test_many_problems_are_reported_together(data_copy: Path) -> None:
    def edit(rows):
        for row in rows[1:]:
            row[8] = "maybe"

    rewrite(data_copy / "sources.csv", edit)
    with pytest.raises(DataValidationError) as info:
        helpers.load("sources", data_dir=data_copy)
    assert len(info.value.problems) == len(helpers.load("sources")) and info.value.line == 2


def test_range_low_above_high(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text(
        (helpers.data_dir() / "sources.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "r.csv").write_text("k,low,high,source_ids\na,5,3,joint-statement-2024\n", encoding="utf-8")
    pkg = helpers.data.package()
    sources = next(r for r in pkg["resources"] if r["name"] == "sources")
    fields = [
        {"name": "k", "type": "string"},
        {"name": "low", "type": "integer"},
        {"name": "high", "type": "integer"},
        {"name": "source_ids", "type": "string"},
    ]
    resource = {"name": "r", "path": "r.csv", "schema": {"fields": fields, "primaryKey": "k"}}
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": [sources, resource]}), encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        helpers.load("r", data_dir=tmp_path)
    assert (info.value.line, info.value.column, info.value.rule) == (2, "low", "low <= high")


def test_date_after_current_to(data_copy: Path) -> None:
    def edit(rows):
        rows[1][6] = "2099-01-01"

    rewrite(data_copy / "sources.csv", edit)
    with pytest.raises(DataValidationError, match="later than the dataset's currentTo"):
        helpers.load("sources", data_dir=data_copy)


def test_data_folder_is_never_written(tmp_path: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in helpers.data_dir().rglob("*") if p.is_file()}
    for name in helpers.list_datasets():
        helpers.describe(name)
    after = {p: p.stat().st_mtime_ns for p in helpers.data_dir().rglob("*") if p.is_file()}
    assert before == after


def test_missing_text_file(data_copy: Path) -> None:
    (data_copy / "joint_statement_2024-10-18.txt").unlink()
    with pytest.raises(DataValidationError, match="statement_text' is missing"):
        helpers.read_text("statement_text", data_dir=data_copy)


def test_list_foreign_key_to_another_table(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text(
        (helpers.data_dir() / "sources.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "a.csv").write_text("k,source_ids\nx,joint-statement-2024\ny,joint-statement-2024\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        "k,parts,source_ids\n1,x;y,joint-statement-2024\n2,x;z,joint-statement-2024\n", encoding="utf-8"
    )
    sources = next(r for r in helpers.data.package()["resources"] if r["name"] == "sources")
    src_fk = {"fields": "source_ids", "delimiter": ";", "reference": {"resource": "sources", "fields": "id"}}
    a = {
        "name": "a",
        "path": "a.csv",
        "schema": {"fields": [{"name": "k"}, {"name": "source_ids"}], "primaryKey": "k", "x-listForeignKeys": [src_fk]},
    }
    b = {
        "name": "b",
        "path": "b.csv",
        "schema": {
            "fields": [{"name": "k"}, {"name": "parts"}, {"name": "source_ids"}],
            "primaryKey": "k",
            "x-listForeignKeys": [
                src_fk,
                {"fields": "parts", "delimiter": ";", "reference": {"resource": "a", "fields": "k"}},
            ],
        },
    }
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": [sources, a, b]}), encoding="utf-8")
    assert len(helpers.load("a", data_dir=tmp_path)) == 2
    with pytest.raises(DataValidationError) as info:
        helpers.load("b", data_dir=tmp_path)
    assert (info.value.line, info.value.column, info.value.rule) == (3, "parts", "list foreign key to a")
    assert "'z' is not a k in a" in str(info.value)
