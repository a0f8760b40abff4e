"""Broken data files get an error a person can act on: the file, the line, the byte column, the cause.

Each case corrupts a throw-away copy of data/ (the ``data_copy`` fixture); data/ itself is never written.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

import helpers
from helpers.errors import DataValidationError


def _error(name: str, directory: Path) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        helpers.load(name, data_dir=directory)
    return info.value


def _touch_later(path: Path) -> None:
    """Make sure a rewrite changes the file's stamp even on coarse-clock file systems."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


def test_bad_byte_is_located_by_line_and_byte_column(data_copy: Path) -> None:
    path = data_copy / "escapee_arrivals.csv"
    data = bytearray(path.read_bytes())
    offset = len(data) - 40  # deep into the file, well past the first 8 KiB read chunk when the file is long
    data[offset] = 0xFF
    path.write_bytes(bytes(data))
    err = _error("escapee_arrivals", data_copy)
    line = data[:offset].count(b"\n") + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    assert err.line == line
    assert f"byte column {col}" in str(err) and "0xff" in str(err) and "UTF-8" in str(err)


def test_other_encodings_and_a_bom_are_named(data_copy: Path) -> None:
    path = data_copy / "glossary.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert "byte-order mark (BOM)" in str(_error("glossary", data_copy))
    path.write_bytes(text.encode("utf-16"))
    _touch_later(path)
    assert "UTF-16" in str(_error("glossary", data_copy))
    path.write_bytes(text.encode("cp949", errors="replace"))
    _touch_later(path)
    err = _error("glossary", data_copy)
    assert err.line is not None and err.line > 1 and "save the file as UTF-8" in str(err)


def test_truncation_is_named_with_a_line(data_copy: Path) -> None:
    path = data_copy / "glossary.csv"
    data = path.read_bytes()
    # cut inside a multi-byte character
    cut = next(i for i in range(len(data) // 2, len(data)) if data[i] >= 0xC0) + 1
    path.write_bytes(data[:cut])
    err = _error("glossary", data_copy)
    assert err.line is not None and "cut short" in str(err)
    # cut inside a quoted cell
    text = data.decode("utf-8")
    quote = text.index('"', len(text) // 2)
    path.write_text(text[: quote + 5], encoding="utf-8")
    _touch_later(path)
    err = _error("glossary", data_copy)
    assert err.line is not None and err.line > 1 and "never closed" in str(err)
    # cut in the middle of an unquoted row
    lines = text.splitlines(keepends=True)
    path.write_text("".join(lines[:5]) + lines[5].split(",")[0], encoding="utf-8")
    _touch_later(path)
    err = _error("glossary", data_copy)
    assert err.line == 6 and "cut short" in str(err)


def test_wrong_delimiter_is_named(data_copy: Path) -> None:
    path = data_copy / "timeline.csv"
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    err = _error("timeline", data_copy)
    assert len(err.problems) == 1 and "semicolons" in str(err) and err.line == 1


def test_schema_field_without_name_is_a_named_error(data_copy: Path) -> None:
    pkg_path = data_copy / "datapackage.json"
    pkg = json.loads(pkg_path.read_text(encoding="utf-8"))
    resource = next(r for r in pkg["resources"] if r["name"] == "timeline")
    del resource["schema"]["fields"][2]["name"]
    pkg_path.write_text(json.dumps(pkg), encoding="utf-8")
    err = _error("timeline", data_copy)
    assert "field #3 has no 'name'" in str(err) and "timeline" in str(err)


def test_validation_notices_a_change_to_a_file_it_depends_on(data_copy: Path) -> None:
    arrivals = helpers.load("escapee_arrivals", data_dir=data_copy)
    cited = helpers.source_ids(arrivals)[0]
    helpers.validate("escapee_arrivals", data_dir=data_copy)  # cached now
    sources = data_copy / "sources.csv"
    kept = [
        line
        for line in sources.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith(cited + ",")
    ]
    time.sleep(0.01)
    sources.write_text("".join(kept), encoding="utf-8")
    _touch_later(sources)
    with pytest.raises(DataValidationError, match=f"source id '{cited}' is not in sources.csv"):
        helpers.validate("escapee_arrivals", data_dir=data_copy)
    with pytest.raises(DataValidationError, match="is not in sources.csv"):
        helpers.load("escapee_arrivals", data_dir=data_copy)
