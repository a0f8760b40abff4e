"""Every public function that takes a table names the columns it needs when given the wrong one.

A topic module ends with ``guard_tables(globals())``. That wraps each public function
with a parameter annotated as a ``pd.DataFrame``: a value that is not a table (None, a
list, a file name) is refused with a :class:`TableError` that says what to pass, and a
pandas ``KeyError``/``AttributeError`` caused by a column missing from the table passed in
becomes a :class:`TableError` naming the missing column, the columns the function reads
and the columns the table has. Nothing changes for a correct call.
"""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable, Iterator
from typing import Any

from .errors import HelpersError


class TableError(HelpersError, KeyError):
    """A function was given something other than the table it needs, or a table without a column it reads."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.args[0]


def _constants(code: types.CodeType) -> Iterator[str]:
    for const in code.co_consts:
        if isinstance(const, str):
            yield const
        elif isinstance(const, types.CodeType):
            yield from _constants(const)
        elif isinstance(const, (tuple, frozenset)):
            yield from (c for c in const if isinstance(c, str))


@functools.lru_cache(maxsize=1)
def _schemas() -> dict[str, frozenset[str]]:
    from .data import package

    return {
        r["name"]: frozenset(f.get("name", "") for f in r.get("schema", {}).get("fields", []))
        for r in package().get("resources", [])
        if "schema" in r
    }


def dataset_read(func: Callable[..., Any]) -> tuple[str | None, list[str]]:
    """The dataset whose columns *func*'s code mentions most, and those columns (what it reads)."""
    code = getattr(func, "__code__", None)
    if code is None:
        return None, []
    try:
        schemas = _schemas()
    except HelpersError:
        return None, []
    mentioned = set(_constants(code))
    best = max(schemas, key=lambda n: (len(schemas[n] & mentioned), -len(schemas[n])), default=None)
    if best is None or not schemas[best] & mentioned:
        return None, []
    return best, sorted(schemas[best] & mentioned)


def columns_read(func: Callable[..., Any]) -> list[str]:
    """The data-package column names that *func*'s code mentions (what it reads from a table)."""
    return dataset_read(func)[1]


def _is_frame_annotation(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))
    return "DataFrame" in str(text) and "dict" not in str(text)


def _frame_params(func: Callable[..., Any]) -> list[str]:
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return []
    return [name for name, p in sig.parameters.items() if _is_frame_annotation(p.annotation)]


def _missing_key(exc: BaseException) -> str | None:
    if isinstance(exc, KeyError) and exc.args:
        key = exc.args[0]
        if isinstance(key, str):
            if " " in key.strip() and "not in index" not in key:
                return None  # a message of our own ("no commitment 'C99'; ..."), not a column name
            return key
        if isinstance(key, (list, tuple)) and key and all(isinstance(k, str) for k in key):
            return ", ".join(key)
        text = str(key)
        if "not in index" in text:
            return text
    if isinstance(exc, AttributeError):
        name = getattr(exc, "name", None)
        if isinstance(name, str):
            return name
    return None


def guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap one function that takes tables (see the module docstring)."""
    params = _frame_params(func)
    if not params or getattr(func, "__wrapped_tables__", False):
        return func
    sig = inspect.signature(func)
    where = f"{func.__module__.removeprefix('helpers.')}.{func.__name__}"

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import pandas as pd

        try:
            bound = sig.bind_partial(*args, **kwargs)
        except TypeError:
            return func(*args, **kwargs)  # let Python report the wrong call itself
        frames = {}
        for name in params:
            if name not in bound.arguments:
                continue
            value = bound.arguments[name]
            if isinstance(value, pd.Series) or not isinstance(value, pd.DataFrame):
                kind = "a column (Series)" if isinstance(value, pd.Series) else type(value).__name__
                raise TableError(
                    f"{where}() needs a table (a pandas DataFrame) for {name!r}, got {kind}: "
                    "pass the table from helpers.load(...) or the frame the notebook made above"
                )
            frames[name] = value
        try:
            return func(*args, **kwargs)
        except (KeyError, AttributeError) as exc:
            if isinstance(exc, HelpersError):
                raise
            key = _missing_key(exc)
            if key is None:
                raise
            for name, frame in frames.items():
                cols = [str(c) for c in frame.columns]
                if key not in cols and not any(k.strip() in cols for k in key.split(",")):
                    dataset, reads = dataset_read(func)
                    missing = [c for c in reads if c not in cols] or [key]
                    source = f"helpers.load({dataset!r})" if dataset else "helpers.load(...)"
                    raise TableError(
                        f"{where}() needs the column(s) {', '.join(map(repr, missing))} in {name!r}, which has: "
                        f"{', '.join(cols) or 'no columns'}. It reads: {', '.join(reads) or key}. "
                        f"Pass the whole table from {source}, not a selection of its columns."
                    ) from exc
            raise

    wrapper.__wrapped_tables__ = True  # type: ignore[attr-defined]
    return wrapper


def guard_tables(namespace: dict[str, Any]) -> None:
    """Guard every public function defined in a module (call as ``guard_tables(globals())``)."""
    module = namespace.get("__name__")
    for name, value in list(namespace.items()):
        if name.startswith("_") or not inspect.isfunction(value) or value.__module__ != module:
            continue
        namespace[name] = guard(value)
