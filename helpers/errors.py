"""Errors raised by :mod:`helpers`.

Each error says what was wrong, where (file, line, column) and what would be
valid, so that a student or a maintainer can act on it without reading code.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """Return the candidate most similar to *word*, or None if none is close."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.5)
    return matches[0] if matches else None


def short(value: object, limit: int = 80) -> str:
    """``repr(value)``, cut to *limit* characters: an error never echoes a megabyte of input."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + "...'" + f" ({len(text)} characters)"


def whole_number(name: str, value: object, *, minimum: int | None = None) -> int:
    """Return *value* as an int if it is a whole number (numpy integers and whole floats included)."""
    import numbers

    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value.strip())
        else:
            raise TypeError(f"{name} must be a whole number, got {type(value).__name__}: {short(value)}")
    if isinstance(value, numbers.Integral) or isinstance(value, numbers.Real) and float(value).is_integer():
        number = int(value)
    else:
        raise ValueError(f"{name} must be a whole number, got {short(value)}")
    if minimum is not None and number < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {number}")
    return number


def text_argument(name: str, value: object) -> str:
    """Return *value* if it is a str; otherwise a TypeError that says what to pass."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text (a str in quotes), got {type(value).__name__}: {short(value)}")
    return value


class HelpersError(Exception):
    """Base class of every error raised by :mod:`helpers`."""


class UnknownNameError(HelpersError, LookupError):
    """A name (dataset, source id, exercise id, ...) that does not exist."""

    def __init__(self, kind: str, name: str, valid: Iterable[str]):
        self.kind = kind
        self.name = name
        self.valid = sorted(valid)
        suggestion = closest(name, self.valid)
        shown = ", ".join(self.valid[:30]) + (" ..." if len(self.valid) > 30 else "")
        message = f"unknown {kind} {short(name)}."
        if suggestion:
            message += f" Did you mean {suggestion!r}?"
        message += f" Valid {kind}s: {shown}"
        super().__init__(message)

    def __str__(self) -> str:  # LookupError would otherwise quote the message
        return self.args[0]


class UnknownDatasetError(UnknownNameError):
    """Raised by :func:`helpers.load` and friends for a dataset that does not exist."""

    def __init__(self, name: str, valid: Iterable[str]):
        super().__init__("dataset", name, valid)


class UnknownSourceError(UnknownNameError):
    """Raised when a source id does not resolve in ``data/sources.csv``."""

    def __init__(self, name: str, valid: Iterable[str]):
        super().__init__("source id", name, valid)


class UnknownExerciseError(UnknownNameError):
    """Raised by :func:`helpers.check` for an exercise id with no answer-key entry."""

    def __init__(self, name: str, valid: Iterable[str]):
        super().__init__("exercise id", name, valid)


@dataclass(frozen=True)
class Problem:
    """One broken rule in one cell of one data file."""

    file: str
    line: int | None  # 1-based line in the file (the header is line 1); None for file-level problems
    column: str | None
    rule: str
    detail: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.detail} (rule: {self.rule})"


class DataValidationError(HelpersError, ValueError):
    """A data file breaks its schema. ``problems`` lists every broken rule found.

    The attributes ``file``, ``line``, ``column`` and ``rule`` describe the first
    problem, which is usually the one to fix first.
    """

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("DataValidationError needs at least one problem")
        self.problems = problems
        first = problems[0]
        self.file, self.line, self.column, self.rule = first.file, first.line, first.column, first.rule
        lines = [str(p) for p in problems[:10]]
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        super().__init__(f"{count} in the data:\n  " + "\n  ".join(lines) + more)
