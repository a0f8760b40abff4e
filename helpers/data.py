"""Load, validate, describe and cite the datasets in ``data/``.

``data/datapackage.json`` (a Frictionless Data Package) is the single description
of every dataset. Each tabular resource has a Table Schema; this module reads the
CSV files as text, checks every value against that schema, and only then converts
the columns to typed pandas columns. Nothing here ever writes to ``data/``.

Conventions enforced for every table (documented in ``data/README.md``):

* a ``source_ids`` column holds one or more ids from ``sources.csv``, separated by ``;``,
  declared in the schema as a list-valued foreign key (``x-listForeignKeys``, since Table
  Schema ``foreignKeys`` allow one key per cell);
* a column ``X_precision`` (``day``, ``month`` or ``year``) says how much of the
  ISO date in column ``X`` is known (``2013-05-07``, ``2013-05`` or ``2013``);
* columns ``low``/``high`` (or ``X_low``/``X_high``) are ranges with low <= high;
* no date is later than the resource's ``currentTo`` date.

Every read goes through one cached loader (:func:`_table`), keyed on the file's
modification time, so loading a dataset twice costs a dictionary look-up and a copy.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataValidationError, Problem, UnknownDatasetError, UnknownSourceError

if TYPE_CHECKING:  # pandas is imported lazily: `import helpers` must stay fast
    import pandas as pd

DATA_DIR_ENV = "NKHR_DATA_DIR"
SOURCE_LIST_FIELD = "source_ids"
SOURCES = "sources"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "year": re.compile(r"\d{4}"),
}


def data_dir() -> Path:
    """Return the folder that holds ``datapackage.json``.

    The rule, first match wins: the ``NKHR_DATA_DIR`` environment variable; the copy
    of ``data/`` shipped inside an installed package (``helpers/_data``, made by
    ``pip install .`` or a wheel); the ``data/`` folder beside the ``helpers``
    package (a checkout, or the editable install made by ``make setup``).
    Notebooks never need a relative path.
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser().resolve()
    shipped = _HERE / "_data"
    return shipped if (shipped / "datapackage.json").is_file() else _HERE.parent / "data"


# Where this module lives never changes while it runs: resolve it once (resolving is a system call per folder).
_HERE = Path(__file__).resolve().parent


def _resolve_dir(directory: str | os.PathLike[str] | None) -> Path:
    if directory is None:
        return data_dir()
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"data_dir must be a path (str or pathlib.Path), got {type(directory).__name__}")
    try:
        return Path(directory).expanduser().resolve()
    except (OSError, ValueError) as exc:
        raise ValueError(f"data_dir is not a usable folder path ({type(exc).__name__}: {str(exc)[:120]})") from None


# --------------------------------------------------------------------------- package


_package_cache: dict[tuple[str, int], dict[str, Any]] = {}


def package(directory: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Return the parsed ``datapackage.json`` (cached until the file changes)."""
    return _package(_resolve_dir(directory))


def _package(base: Path) -> dict[str, Any]:
    """:func:`package` for a folder already resolved (each call still checks the file's stamp)."""
    path = base / "datapackage.json"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        if not isinstance(exc, FileNotFoundError):
            raise DataValidationError(
                [Problem(str(path)[:200], None, None, "package exists", f"the folder cannot be read ({exc.strerror})")]
            ) from None
        raise DataValidationError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    "package exists",
                    "datapackage.json not found; set NKHR_DATA_DIR to the data/ folder, or reinstall helpers "
                    "with `pip install .` (which ships the data) or from a full checkout",
                )
            ]
        ) from None
    key = (str(path), stamp)
    if key not in _package_cache:
        try:
            _package_cache[key] = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise DataValidationError([Problem(_display(path), exc.lineno, None, "valid JSON", exc.msg)]) from None
    return _package_cache[key]


_derived_cache: dict[tuple[str, int], tuple[Any, Any]] = {}


def _derived(kind: str, source: Any, make: Callable[[Any], Any]) -> Any:
    """``make(source)``, worked out once per object *source* (a parsed descriptor, a reading of a file).

    A changed file is read into a new object, so it never gets a stale result; the object is kept with
    its result, so a recycled ``id`` cannot match. Bounded, so a long session cannot grow it without end.
    """
    key = (kind, id(source))
    entry = _derived_cache.get(key)
    if entry is None or entry[0] is not source:
        entry = _derived_cache[key] = (source, make(source))
        if len(_derived_cache) > 512:
            _derived_cache.pop(next(iter(_derived_cache)))
    return entry[1]


def _resources(directory: Path) -> dict[str, dict[str, Any]]:
    """Resources by name, indexed once per reading of ``datapackage.json`` (a new reading gets a new index)."""
    return _derived("resources", _package(directory), lambda pkg: {r["name"]: r for r in pkg["resources"]})


def list_datasets(directory: str | os.PathLike[str] | None = None) -> list[str]:
    """Return the names of every dataset in the package, in package order."""
    return [r["name"] for r in package(directory)["resources"]]


def _resource(name: object, directory: Path) -> dict[str, Any]:
    if not isinstance(name, str):
        raise TypeError(f"dataset name must be a str such as 'escapee_arrivals', got {type(name).__name__}: {name!r}")
    resources = _resources(directory)
    if name not in resources:
        raise UnknownDatasetError(name, resources)
    return resources[name]


def _display(path: Path) -> str:
    """Path as a person would look for it: relative to the repository when possible."""
    try:
        return str(path.relative_to(data_dir().parent))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- reading


@dataclass
class _Raw:
    """A table as text, after every check: column name -> list of cell strings."""

    columns: dict[str, list[str]]
    nrows: int
    # The set of key tuples for each tuple of column names, worked out once per reading (a _Raw never
    # changes once checked: a changed file is a new reading, with a new _Raw).
    keys: dict[tuple[str, ...], set[tuple[str, ...]]] = field(default_factory=dict, repr=False, compare=False)
    ids: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)  # the same, one column


_raw_cache: dict[tuple[Any, ...], _Raw] = {}


def _fk_targets(resource: dict[str, Any]) -> list[str]:
    """The other tables a resource's foreign keys (and list foreign keys) point to."""
    schema = resource.get("schema", {})
    targets = {fk.get("reference", {}).get("resource") for fk in schema.get("foreignKeys", [])}
    targets |= {lfk.get("reference", {}).get("resource") for lfk in schema.get("x-listForeignKeys", [])}
    targets -= {None, "", resource.get("name")}
    return sorted(targets)


def _dependency_stamp(resource: dict[str, Any], directory: Path) -> tuple[tuple[str, int, int], ...]:
    """Modification stamps of every file a table's checks read besides its own: the package
    descriptor and the targets of its foreign keys (``sources.csv`` for every sourced table).
    A change to any of them makes the cached check stale, so validation always sees it."""
    # worked out once per resource descriptor: a new reading of datapackage.json gives new descriptors
    targets = _derived("targets", resource, _fk_targets)
    paths = [directory / "datapackage.json"]
    resources = _resources(directory)
    paths += [directory / resources[t]["path"] for t in targets if t in resources]
    stamps = []
    for p in paths:
        try:
            st = p.stat()
            stamps.append((str(p), st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            stamps.append((str(p), -1, -1))
    return tuple(stamps)


def _read_raw(resource: dict[str, Any], directory: Path) -> _Raw:
    path = directory / resource["path"]
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DataValidationError(
            [
                Problem(
                    _display(path),
                    None,
                    None,
                    "resource file exists",
                    f"the file for dataset {resource['name']!r} is missing",
                )
            ]
        ) from None
    key = (str(path), resource["name"], stat.st_mtime_ns, stat.st_size, _dependency_stamp(resource, directory))
    cached = _raw_cache.get(key)
    if cached is None:
        cached = _raw_cache[key] = _check_table(resource, path, directory)
    return cached


def _check_table(resource: dict[str, Any], path: Path, directory: Path) -> _Raw:
    shown = _display(path)
    schema = resource.get("schema", {})
    fields = schema.get("fields", [])
    _check_schema_fields(resource)
    names = [f["name"] for f in fields]
    problems: list[Problem] = []
    rows = _read_csv_rows(path, shown)
    if not rows:
        raise DataValidationError([Problem(shown, 1, None, "header row", "the file is empty")])
    header, body = rows[0], rows[1:]
    if len(header) == 1 and len(names) > 1:
        for delimiter, word in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if delimiter in header[0]:
                raise DataValidationError(
                    [
                        Problem(
                            shown,
                            1,
                            None,
                            "comma-separated",
                            f"the header is split by {word}, not commas: "
                            "save the file as CSV with commas as the delimiter",
                        )
                    ]
                )
    missing = [n for n in names if n not in header]
    extra = [h for h in header if h not in names]
    for n in missing:
        problems.append(
            Problem(
                shown,
                1,
                n,
                "schema fields",
                f"column {n!r} is missing from the header; expected columns: {', '.join(names)}",
            )
        )
    for h in extra:
        problems.append(
            Problem(
                shown, 1, h, "schema fields", f"column {h!r} is not in the schema; expected columns: {', '.join(names)}"
            )
        )
    if problems:
        raise DataValidationError(problems)
    if header != names:
        problems.append(
            Problem(shown, 1, None, "schema fields", f"columns are out of order; expected: {', '.join(names)}")
        )
        raise DataValidationError(problems)

    nrows = len(body)
    columns: dict[str, list[str]] = {n: [] for n in names}
    if body and all(len(row) == len(names) for row in body):  # the usual case: every row complete
        columns = {n: list(cells) for n, cells in zip(names, zip(*body, strict=True), strict=True)}
        body = []  # nothing left for the row-by-row loop below, which pads and reports short rows
    for i, row in enumerate(body, start=2):
        if len(row) != len(names):
            problems.append(
                Problem(shown, i, None, "row length", f"the row has {len(row)} cells, the header {len(names)}")
            )
            row = (row + [""] * len(names))[: len(names)]
        for n, value in zip(names, row):
            columns[n].append(value)
    raw = _Raw(columns, nrows)

    current_to = resource.get("currentTo")
    for f in fields:
        problems.extend(_check_field(f, raw.columns[f["name"]], shown, raw.columns, current_to))
    problems.extend(_check_keys(resource, raw, shown, directory))
    problems.extend(_check_ranges(raw, shown))
    if problems:
        problems.sort(key=lambda p: (p.line or 0, names.index(p.column) if p.column in names else -1))
        raise DataValidationError(problems)
    return raw


_ENCODING_HINTS = (
    (
        b"\xef\xbb\xbf",
        "the file starts with a byte-order mark (BOM): save it as UTF-8 without BOM "
        "('CSV UTF-8' in most editors adds one; use a plain UTF-8 export)",
    ),
    (b"\xff\xfe", "the file is saved as UTF-16: save it as UTF-8"),
    (b"\xfe\xff", "the file is saved as UTF-16: save it as UTF-8"),
)


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and byte column of *offset* in *data*."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def _read_csv_rows(path: Path, shown: str) -> list[list[str]]:
    """Read a CSV file as UTF-8 and parse it, naming the line (and byte column) of any problem."""
    data = path.read_bytes()
    for prefix, hint in _ENCODING_HINTS:
        if data.startswith(prefix):
            raise DataValidationError([Problem(shown, 1, None, "readable UTF-8 CSV", hint)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        if exc.reason == "unexpected end of data" and exc.end >= len(data):
            detail = (
                f"the file ends in the middle of a character (byte column {col}): "
                "it was probably cut short; restore it from git"
            )
        else:
            detail = (
                f"byte 0x{data[exc.start]:02x} at byte column {col} is not UTF-8 ({exc.reason}); "
                "save the file as UTF-8 (in Excel: 'CSV UTF-8')"
            )
        raise DataValidationError([Problem(shown, line, None, "readable UTF-8 CSV", detail)]) from None
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        start = (rows and reader.line_num) or 1
        if "unexpected end of data" in str(exc) or "EOF" in str(exc):
            detail = (
                f"a quoted cell opened on or after line {start} is never closed: "
                "the file was probably cut short, or a quote is missing"
            )
        else:
            detail = f"the CSV cannot be parsed here ({exc})"
        raise DataValidationError([Problem(shown, reader.line_num or 1, None, "readable UTF-8 CSV", detail)]) from None
    if rows and data and not data.endswith((b"\n", b"\r")) and len(rows) > 1 and len(rows[-1]) < len(rows[0]):
        raise DataValidationError(
            [
                Problem(
                    shown,
                    reader.line_num,
                    None,
                    "complete file",
                    f"the last line has {len(rows[-1])} cells, the header {len(rows[0])}, "
                    "and the file does not end with a line break: it was probably cut short",
                )
            ]
        )
    return rows


def _check_schema_fields(resource: dict[str, Any]) -> None:
    """A schema field without a name (or a non-list of fields) is an error in datapackage.json, not a KeyError."""
    fields = resource.get("schema", {}).get("fields", [])
    where = f"data/datapackage.json, resource {resource.get('name', '?')!r}"
    if not isinstance(fields, list):
        raise DataValidationError(
            [Problem(where, None, None, "schema fields", "'fields' must be a list of field descriptors")]
        )
    for n, f in enumerate(fields, start=1):
        if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"]:
            raise DataValidationError(
                [
                    Problem(
                        where,
                        None,
                        None,
                        "schema fields",
                        f"field #{n} has no 'name' (every field needs a name, a type and a description): {f!r}",
                    )
                ]
            )


def _check_field(
    f: dict[str, Any], values: list[str], shown: str, columns: dict[str, list[str]], current_to: str | None
) -> list[Problem]:
    """Every problem in one column. A column with none (nearly always) is recognised by checking each
    distinct value once (:func:`_field_is_clean`); any other column gets the cell-by-cell check, which
    names each problem's line."""
    if _field_is_clean(f, values, columns, current_to):
        return []
    return _check_field_cells(f, values, shown, columns, current_to)


_WHOLE = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d+(\.\d+)?")


def _field_is_clean(
    f: dict[str, Any], values: list[str], columns: dict[str, list[str]], current_to: str | None
) -> bool:
    """True only if :func:`_check_field_cells` would find nothing; the same rules, once per distinct value.

    A False is no verdict: the cell-by-cell check then finds (and locates) the problems.
    """
    name, ftype = f["name"], f.get("type", "string")
    c = f.get("constraints", {})
    distinct = set(values)
    if "" in distinct:
        if c.get("required"):
            return False
        distinct.discard("")
    if not all(v == v.strip() for v in distinct):
        return False
    if ftype == "string":
        pass
    elif ftype in ("integer", "year"):
        if not all(_WHOLE.fullmatch(v) for v in distinct):
            return False
    elif ftype == "number":
        if not all(_DECIMAL.fullmatch(v) for v in distinct):
            return False
    elif ftype == "boolean":
        if not distinct <= {"true", "false"}:
            return False
    elif ftype == "date":
        if not all(_type_problem("date", v) is None for v in distinct):
            return False
    else:
        return False
    if "enum" in c and not all(v in c["enum"] for v in distinct):
        return False
    if "pattern" in c:
        pattern = re.compile(c["pattern"])
        if not all(pattern.fullmatch(v) for v in distinct):
            return False
    if ftype in ("integer", "number", "year") and ("minimum" in c or "maximum" in c):
        numbers = [float(v) for v in distinct]
        if "minimum" in c and any(n < c["minimum"] for n in numbers):
            return False
        if "maximum" in c and any(n > c["maximum"] for n in numbers):
            return False
    if c.get("unique") and len(distinct) != sum(1 for v in values if v != ""):
        return False
    precision = columns.get(f"{name}_precision")
    if precision is not None:
        for v, level in set(zip(values, precision)):
            if v == "":
                continue
            rx = _PARTIAL_DATE.get(level)
            if rx is None or not rx.fullmatch(v) or not _valid_partial(v):
                return False
    dated = current_to and (ftype == "date" or precision is not None)
    return not (dated and any(v[: len(current_to)] > current_to[: len(v)] for v in distinct))


def _check_field_cells(
    f: dict[str, Any], values: list[str], shown: str, columns: dict[str, list[str]], current_to: str | None
) -> list[Problem]:
    name, ftype = f["name"], f.get("type", "string")
    c = f.get("constraints", {})
    out: list[Problem] = []
    pattern = re.compile(c["pattern"]) if "pattern" in c else None
    seen: dict[str, int] = {}
    precision = columns.get(f"{name}_precision")
    for i, v in enumerate(values):
        line = i + 2
        if v == "":
            if c.get("required"):
                out.append(Problem(shown, line, name, "required", "the cell is empty but a value is required"))
            continue
        if v != v.strip():
            out.append(Problem(shown, line, name, "no surrounding spaces", f"value {v!r} starts or ends with a space"))
        problem = _type_problem(ftype, v)
        if problem:
            out.append(Problem(shown, line, name, f"type {ftype}", f"value {v!r} {problem}"))
            continue
        if "enum" in c and v not in c["enum"]:
            out.append(
                Problem(shown, line, name, "enum", f"value {v!r} is not one of: {', '.join(map(str, c['enum']))}")
            )
        if pattern and not pattern.fullmatch(v):
            out.append(Problem(shown, line, name, "pattern", f"value {v!r} does not match the pattern {c['pattern']}"))
        if ftype in ("integer", "number", "year"):
            number = float(v)
            if "minimum" in c and number < c["minimum"]:
                out.append(Problem(shown, line, name, "minimum", f"value {v} is below the minimum {c['minimum']}"))
            if "maximum" in c and number > c["maximum"]:
                out.append(Problem(shown, line, name, "maximum", f"value {v} is above the maximum {c['maximum']}"))
        if c.get("unique"):
            if v in seen:
                out.append(Problem(shown, line, name, "unique", f"value {v!r} repeats line {seen[v]}"))
            seen.setdefault(v, line)
        if precision is not None:
            level = precision[i]
            rx = _PARTIAL_DATE.get(level)
            if rx is None:
                out.append(
                    Problem(
                        shown,
                        line,
                        f"{name}_precision",
                        "date precision",
                        f"precision {level!r} is not one of day, month, year",
                    )
                )
            elif not rx.fullmatch(v) or not _valid_partial(v):
                out.append(
                    Problem(
                        shown,
                        line,
                        name,
                        "date precision",
                        f"value {v!r} is not a valid ISO date of precision {level!r} (YYYY-MM-DD, YYYY-MM or YYYY)",
                    )
                )
        if current_to and (ftype == "date" or precision is not None) and v[: len(current_to)] > current_to[: len(v)]:
            out.append(
                Problem(
                    shown,
                    line,
                    name,
                    "not after currentTo",
                    f"date {v} is later than the dataset's currentTo date {current_to}",
                )
            )
    return out


def _valid_partial(v: str) -> bool:
    parts = [int(p) for p in v.split("-")]
    try:
        _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _type_problem(ftype: str, v: str) -> str | None:
    if ftype == "string":
        return None
    if ftype in ("integer", "year"):
        return None if re.fullmatch(r"-?\d+", v) else "is not a whole number (write digits only, no separators)"
    if ftype == "number":
        try:
            float(v)
        except ValueError:
            return "is not a number (use a dot for decimals and no thousands separators)"
        return None if re.fullmatch(r"-?\d+(\.\d+)?", v) else "is not a plain decimal number"
    if ftype == "boolean":
        return None if v in ("true", "false") else "is not a boolean (write true or false)"
    if ftype == "date":
        if not _ISO_DATE.fullmatch(v):
            return "is not an ISO 8601 date (YYYY-MM-DD)"
        try:
            _dt.date.fromisoformat(v)
        except ValueError:
            return "is not a real calendar date"
        return None
    return f"has an unsupported schema type {ftype!r}"


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _check_keys(resource: dict[str, Any], raw: _Raw, shown: str, directory: Path) -> list[Problem]:
    schema = resource.get("schema", {})
    out: list[Problem] = []
    if "primaryKey" in schema:
        key_fields = _as_list(schema["primaryKey"])
        seen: dict[tuple[str, ...], int] = {}
        for i, key in enumerate(zip(*(raw.columns[k] for k in key_fields))):
            if key in seen:
                out.append(
                    Problem(
                        shown,
                        i + 2,
                        ",".join(key_fields),
                        "primary key unique",
                        f"key {key!r} repeats line {seen[key]}",
                    )
                )
            else:
                seen[key] = i + 2
    for fk in schema.get("foreignKeys", []):
        local = _as_list(fk["fields"])
        ref = fk["reference"]
        target = ref.get("resource") or resource["name"]
        remote = _as_list(ref["fields"])
        valid = _key_values(target, remote, directory, raw if target == resource["name"] else None)
        for i, key in enumerate(zip(*(raw.columns[k] for k in local))):
            if key in valid or all(k == "" for k in key):
                continue
            out.append(
                Problem(
                    shown,
                    i + 2,
                    ",".join(local),
                    f"foreign key to {target}",
                    f"value {','.join(key)!r} is not a {','.join(remote)} in {target}",
                )
            )
    for lfk in schema.get("x-listForeignKeys", []):
        field, sep = lfk["fields"], lfk.get("delimiter", ";")
        target, remote = lfk["reference"]["resource"] or resource["name"], lfk["reference"]["fields"]
        valid_ids = _id_values(target, remote, directory, raw if target == resource["name"] else None)
        for i, cell in enumerate(raw.columns[field]):
            if cell and sep not in cell and cell in valid_ids and cell == cell.strip():
                continue  # the common case, one valid id: the full check below would find nothing
            ids = [s.strip() for s in cell.split(sep)] if cell else []
            if not ids and target == SOURCES:
                out.append(Problem(shown, i + 2, field, "sourced", "the row names no source id"))
            for key in ids:
                if key not in valid_ids:
                    if target == SOURCES:
                        out.append(
                            Problem(
                                shown, i + 2, field, "source id resolves", f"source id {key!r} is not in sources.csv"
                            )
                        )
                    else:
                        out.append(
                            Problem(
                                shown,
                                i + 2,
                                field,
                                f"list foreign key to {target}",
                                f"value {key!r} is not a {remote} in {target}",
                            )
                        )
    return out


def _key_values(target: str, fields: list[str], directory: Path, raw: _Raw | None) -> set[tuple[str, ...]]:
    if raw is None:
        raw = _read_raw(_resource(target, directory), directory)
        cached = raw.keys.get(tuple(fields))
        if cached is None:
            cached = raw.keys[tuple(fields)] = set(zip(*(raw.columns[f] for f in fields)))
        return cached
    return set(zip(*(raw.columns[f] for f in fields)))  # the table being checked: not cached until it passes


def _id_values(target: str, field: str, directory: Path, raw: _Raw | None) -> set[str]:
    """The values of one column of *target* (the ids a list foreign key may name), cached like :func:`_key_values`."""
    if raw is None:
        raw = _read_raw(_resource(target, directory), directory)
        cached = raw.ids.get(field)
        if cached is None:
            cached = raw.ids[field] = set(raw.columns[field])
        return cached
    return set(raw.columns[field])


def _check_ranges(raw: _Raw, shown: str) -> list[Problem]:
    out: list[Problem] = []
    for low in raw.columns:
        if not (low == "low" or low.endswith("_low")):
            continue
        high = low[:-3] + "high"
        if high not in raw.columns:
            continue
        for i, (lo, hi) in enumerate(zip(raw.columns[low], raw.columns[high])):
            if lo and hi and float(lo) > float(hi):
                out.append(Problem(shown, i + 2, low, "low <= high", f"low {lo} is greater than high {hi}"))
    return out


# --------------------------------------------------------------------------- public API


def load(name: str, *, data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load a dataset as a typed pandas DataFrame.

    Column dtypes come from the Table Schema: ``integer``/``year`` -> ``Int64``,
    ``number`` -> ``float64``, ``boolean`` -> ``boolean``, ``date`` -> ``datetime64``,
    ``string`` -> pandas string. Empty cells become missing values. The frame is a
    fresh copy: changing it never changes what the next ``load`` returns.

    >>> df = load("sources")
    >>> "id" in df.columns
    True

    Raises :class:`~helpers.errors.UnknownDatasetError` for an unknown name and
    :class:`~helpers.errors.DataValidationError` if the file breaks its schema.
    """
    import pandas as pd

    directory = _resolve_dir(data_dir)
    resource = _resource(name, directory)
    if "schema" not in resource:
        raise TypeError(
            f"dataset {name!r} is not a table ({resource.get('format', 'text')}); use helpers.read_text({name!r})"
        )
    raw = _read_raw(resource, directory)
    data: dict[str, Any] = {}
    for f in resource["schema"]["fields"]:
        values = raw.columns[f["name"]]
        data[f["name"]] = _convert(pd, f.get("type", "string"), values)
    return pd.DataFrame(data, index=pd.RangeIndex(raw.nrows))


def _convert(pd: Any, ftype: str, values: list[str]) -> Any:
    """One checked column of text as a typed column (the types :func:`load` documents).

    The arrays are built straight from the checked text, which is quicker than pandas' general
    parsers; the result is the same dtype and values (tests/test_speed_data.py compares the two).
    """
    import numpy as np

    if ftype in ("integer", "year"):
        try:
            numbers = np.array([int(v) if v else 0 for v in values], dtype="int64")
        except OverflowError:  # beyond int64: let pandas say so in its own words
            return pd.array([int(v) if v else None for v in values], dtype="Int64")
        return pd.arrays.IntegerArray(numbers, np.array([v == "" for v in values], dtype=bool))
    if ftype == "number":
        return np.array([float(v) if v else np.nan for v in values], dtype="float64")
    if ftype == "boolean":
        return pd.arrays.BooleanArray(
            np.array([v == "true" for v in values], dtype=bool), np.array([v == "" for v in values], dtype=bool)
        )
    if ftype == "date":
        unit = _date_unit(pd)
        present = [v for v in values if v]
        # numpy reads YYYY-MM-DD itself; an empty column, or dates beyond what nanoseconds hold, go to pandas.
        if present and (unit != "ns" or (min(present) >= "1678" and max(present) < "2262")):
            return np.array([v or "NaT" for v in values], dtype=f"datetime64[{unit}]")
        return pd.to_datetime(pd.Series([v or None for v in values], dtype="object"), format="%Y-%m-%d").to_numpy()
    return pd.array([v if v else None for v in values], dtype=_string_dtype(pd))


_dtypes: dict[str, Any] = {}


def _string_dtype(pd: Any) -> Any:
    """The dtype of a text column, made once (naming it by string costs a registry look-up per column)."""
    if "str" not in _dtypes:
        # pandas 3's "str" dtype keeps missing cells missing; pandas 2's "str" is Python str, which
        # turns None into the text "None", so pandas 2 gets the nullable "string" dtype instead.
        _dtypes["str"] = pd.api.types.pandas_dtype("str" if pd.__version__[:2] not in ("1.", "2.") else "string")
    return _dtypes["str"]


def _date_unit(pd: Any) -> str:
    """The unit pandas gives a column of ISO dates (``ns`` in pandas 2, ``us`` in pandas 3), asked once."""
    if "date" not in _dtypes:
        import numpy as np

        parsed = pd.to_datetime(pd.Series(["2000-01-01"], dtype="object"), format="%Y-%m-%d").to_numpy()
        _dtypes["date"] = np.datetime_data(parsed.dtype)[0]
    return _dtypes["date"]


def read_text(name: str, *, data_dir: str | os.PathLike[str] | None = None) -> str:
    """Return the text of a non-tabular resource, such as ``statement_text``."""
    directory = _resolve_dir(data_dir)
    resource = _resource(name, directory)
    if "schema" in resource:
        raise TypeError(f"dataset {name!r} is a table; use helpers.load({name!r})")
    path = directory / resource["path"]
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DataValidationError(
            [Problem(_display(path), None, None, "resource file exists", f"the file for dataset {name!r} is missing")]
        ) from None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _text_cache:
        _text_cache[key] = path.read_text(encoding="utf-8")
    return _text_cache[key]


_text_cache: dict[tuple[str, int, int], str] = {}


def validate(name: str | None = None, *, data_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Check one dataset (or all of them) against the schema; return the names checked.

    Raises :class:`~helpers.errors.DataValidationError` on the first broken dataset.
    """
    directory = _resolve_dir(data_dir)
    names = list_datasets(directory) if name is None else [name]
    for n in names:
        resource = _resource(n, directory)
        if "schema" in resource:
            _read_raw(resource, directory)
        else:
            path = directory / resource["path"]
            if not path.is_file():
                raise DataValidationError([Problem(_display(path), None, None, "resource file exists", "missing file")])
    return names


@dataclass(frozen=True)
class DatasetInfo:
    """What a dataset is, how far it reaches, where it comes from and its licence."""

    name: str
    title: str
    description: str
    path: str
    rows: int | None
    columns: list[str]
    coverage: str
    current_to: str
    licence: str
    sources: list[str] = field(default_factory=list)

    @property
    def row(self) -> str:
        """What one row is, in a few words (from the description's "one row per ..." phrase)."""
        if self.rows is None:
            return "not a table: a text file"
        plain = re.sub(r"\s+\([^()]*\)", "", self.description)  # parentheses are detail
        match = re.search(r"(?:^|[.:,]\s+)[Oo]ne row per ([^:;]+?)(?:[:;]|, with\b|, each\b|\. |\.$|$)", plain)
        text = "one " + match.group(1) if match else re.split(r"(?<=\.)\s|:", plain, maxsplit=1)[0]
        words = text.split()
        return " ".join(words[:16]).rstrip(" ,.") + (" …" if len(words) > 16 else "")

    def _short_lines(self) -> list[tuple[str, str]]:
        size = f"{self.rows} rows" if self.rows is not None else "a text file"
        return [
            ("Each row", self.row if self.rows is not None else "none: a text file, not a table"),
            ("Covers", self.coverage),
            ("Current to", self.current_to),
            ("Size", size),
            ("Sources", f"{len(self.sources)} (see data/sources.csv)"),
        ]

    def __str__(self) -> str:
        """The short, reader-facing description (the full one: :meth:`full`)."""
        from .display import _wrap_plain

        lines = [f"{self.title} ({self.name})"] + [f"{k}: {v}" for k, v in self._short_lines()]
        lines.append(f'Full description: helpers.describe("{self.name}").full()')
        return _wrap_plain("\n".join(lines))

    def _repr_markdown_(self) -> str:
        from .display import escape_md

        rows = "".join(f"\n- {escape_md(k)}: {escape_md(v)}" for k, v in self._short_lines())
        return (
            f"**{escape_md(self.title)}** (`{self.name}`)\n{rows}\n"
            f'- Full description: `helpers.describe("{self.name}").full()`'
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython's plain-text display
        printer.text(str(self))

    def full(self) -> FullDescription:
        """Everything about the dataset: description, columns, licence and every source id."""
        return FullDescription(self)


class FullDescription:
    """The maintainer's description of a dataset: wraps as Markdown in a notebook, at 100 columns as text."""

    def __init__(self, info: DatasetInfo) -> None:
        self.info = info

    def _parts(self) -> list[tuple[str, str]]:
        i = self.info
        size = (
            f"{i.rows} rows x {len(i.columns)} columns ({', '.join(i.columns)})"
            if i.rows is not None
            else "a text file"
        )
        return [
            ("File", f"data/{i.path}"),
            ("Description", i.description),
            ("Coverage", i.coverage),
            ("Facts current to", i.current_to),
            ("Size", size),
            ("Licence", i.licence),
            (f"Sources ({len(i.sources)})", ", ".join(i.sources)),
        ]

    def __str__(self) -> str:
        from .display import _wrap_plain

        return _wrap_plain(
            "\n".join([f"{self.info.title} ({self.info.name})"] + [f"{k}: {v}" for k, v in self._parts()])
        )

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        from .display import escape_md

        return f"**{escape_md(self.info.title)}** (`{self.info.name}`)\n\n" + "\n\n".join(
            f"*{escape_md(k)}:* {escape_md(v)}" for k, v in self._parts()
        )


def describe(name: str, *, data_dir: str | os.PathLike[str] | None = None) -> DatasetInfo:
    """Describe a dataset: title, coverage, current-to date, sources and licence."""
    directory = _resolve_dir(data_dir)
    resource = _resource(name, directory)
    licences = resource.get("licenses") or _package(directory).get("licenses", [])
    licence = ", ".join(lic.get("title") or lic.get("name", "") for lic in licences) or "see data/README.md"
    if "schema" in resource:
        raw = _read_raw(resource, directory)
        rows: int | None = raw.nrows
        columns = list(raw.columns)
        ids: dict[str, None] = {}
        if name == SOURCES:
            ids = dict.fromkeys(raw.columns["id"])
        for cell in raw.columns.get(SOURCE_LIST_FIELD, []):
            ids.update(dict.fromkeys(s.strip() for s in cell.split(";") if s.strip()))
        sources = list(ids)
    else:
        rows, columns, sources = None, [], list(resource.get("x-sources", []))
    return DatasetInfo(
        name=name,
        title=resource.get("title", name),
        description=resource.get("description", ""),
        path=resource["path"],
        rows=rows,
        columns=columns,
        coverage=resource.get("coverage", "not stated"),
        current_to=resource.get("currentTo", "not stated"),
        licence=licence,
        sources=sources,
    )


def _source_lookup(directory: Path) -> tuple[_Raw, dict[str, int]]:
    """The checked ``sources.csv`` (re-read if it changed) and its row number by id, indexed once per reading."""
    raw = _read_raw(_resource(SOURCES, directory), directory)

    def index(raw: _Raw) -> dict[str, int]:
        rows: dict[str, int] = {}
        for i, sid in enumerate(raw.columns["id"]):
            rows.setdefault(sid, i)
        return rows

    return raw, _derived("sources", raw, index)


def _check_source_id(source_id: object) -> str:
    if not isinstance(source_id, str):
        raise TypeError(
            f"source id must be a str such as 'un-coi-report-2014', got {type(source_id).__name__}: {source_id!r}"
        )
    return source_id.strip()


def _format_citation(raw: _Raw, index: dict[str, int], source_id: str) -> str:
    i = index.get(source_id)
    if i is None:
        raise UnknownSourceError(source_id, raw.columns["id"])
    c = raw.columns
    return (
        f"{c['author'][i]} ({c['published'][i]}). {c['title'][i]}. {c['url'][i]} (accessed {c['accessed'][i]}). "
        f"[{c['kind'][i]}; {c['reliability'][i]}]"
    )


def cite(source_id: str, *, data_dir: str | os.PathLike[str] | None = None) -> str:
    """Format the bibliography entry for one source id.

    The format is: Author (date). *Title*. URL (accessed YYYY-MM-DD). [kind; reliability]
    """
    source_id = _check_source_id(source_id)
    return _format_citation(*_source_lookup(_resolve_dir(data_dir)), source_id)


def cite_many(source_ids: Iterable[str], *, data_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """:func:`cite` for many ids at once: the data folder is found and ``sources.csv`` checked once, not per id."""
    ids = [_check_source_id(sid) for sid in source_ids]
    raw, index = _source_lookup(_resolve_dir(data_dir))
    return [_format_citation(raw, index, sid) for sid in ids]


def source_ids(frame: pd.DataFrame) -> list[str]:
    """Return the distinct source ids used by the rows of *frame*, in order of first use."""
    if SOURCE_LIST_FIELD not in getattr(frame, "columns", []):
        raise ValueError(
            f"the frame has no {SOURCE_LIST_FIELD!r} column; load it with helpers.load(...) and keep that column"
        )
    ids: dict[str, None] = {}
    for cell in frame[SOURCE_LIST_FIELD].dropna():
        ids.update(dict.fromkeys(s.strip() for s in str(cell).split(";") if s.strip()))
    return list(ids)


def cite_rows(frame: pd.DataFrame, *, data_dir: str | os.PathLike[str] | None = None) -> str:
    """Return a numbered list of the citations behind the rows of *frame*."""
    ids = source_ids(frame)
    entries = cite_many(ids, data_dir=data_dir)
    return "\n".join(f"[{i}] {sid}: {entry}" for i, (sid, entry) in enumerate(zip(ids, entries), start=1))


def split_list(value: str | None, sep: str = ";") -> list[str]:
    """Split a ``;``-separated cell (themes, actors, source ids) into a clean list."""
    if value is None or value != value or value == "":
        return []
    return [part.strip() for part in str(value).split(sep) if part.strip()]


def _all_sources_used(directory: Path) -> Iterable[str]:  # used by tests
    for name, resource in _resources(directory).items():
        if "schema" in resource and name != SOURCES:
            raw = _read_raw(resource, directory)
            for cell in raw.columns.get(SOURCE_LIST_FIELD, []):
                yield from (s.strip() for s in cell.split(";") if s.strip())
