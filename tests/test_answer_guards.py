"""Every exercise's right answer is guarded: change it, and a test fails.

``tests/answer_guards.toml`` pins, for each of the answer key's exercises, the fields that decide
what counts as right (the answer, the choices, a tolerance, a free-text threshold). Each pin says
how it is justified: ``basis = "data"`` names the tests that recompute the answer from ``data/``;
``basis = "reviewed"`` gives the reason a person checked it. The mutation test below proves the
guard catches every kind of change a maintainer could make by mistake.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest

import helpers
from helpers.exercises import answer_key

TESTS = Path(__file__).resolve().parent
GUARDS = TESTS / "answer_guards.toml"
PINNED = ("answer", "choices", "tolerance", "min_words", "max_words", "keywords", "requires")


def guards() -> dict[str, dict[str, Any]]:
    return {g["id"]: g for g in tomllib.loads(GUARDS.read_text(encoding="utf-8"))["guard"]}


def disagreements(key: dict[str, dict[str, Any]], pins: dict[str, dict[str, Any]]) -> list[str]:
    """Every way the answer key and the pins disagree, one line each (empty when they agree)."""
    out = [f"{eid}: in the answer key but not pinned in answer_guards.toml" for eid in key if eid not in pins]
    out += [f"{eid}: pinned but not in the answer key" for eid in pins if eid not in key]
    for eid in key.keys() & pins.keys():
        for field in PINNED:
            if key[eid].get(field) != pins[eid].get(field):
                out.append(
                    f"{eid}: {field} is {key[eid].get(field)!r} in the key but {pins[eid].get(field)!r} in the pin"
                )
    return out


def test_every_answer_matches_its_pin() -> None:
    problems = disagreements(answer_key(), guards())
    assert not problems, "answer key and tests/answer_guards.toml disagree:\n" + "\n".join(problems)


def test_every_pin_is_justified() -> None:
    for eid, g in guards().items():
        assert g["basis"] in ("data", "reviewed"), eid
        if g["basis"] == "data":
            assert g["tests"], f"{eid}: basis 'data' must name the tests that recompute it"
            for name in g["tests"]:
                text = (TESTS / name).read_text(encoding="utf-8")
                assert eid in text, f"{eid}: {name} no longer checks this exercise"
        else:
            assert len(g["reason"].split()) >= 8, f"{eid}: a reviewed pin needs its reason"


def test_every_pinned_answer_is_marked_right() -> None:
    for eid, g in guards().items():
        if helpers.exercise(eid)["kind"] == "free":
            continue  # a model answer is checked by test_exercises' own-check test
        assert helpers.is_correct(eid, g["answer"]), f"{eid}: its pinned answer is not accepted"


def _mutations(entry: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The changes a maintainer could make by mistake to what counts as right."""
    out = []
    a = entry["answer"]
    kind = entry["kind"]
    if kind == "choice":
        for other in entry["choices"]:
            if other != a:
                out.append((f"right choice -> {other!r}", {**entry, "answer": other}))
        out.append(("a choice reworded", {**entry, "choices": [c + " " if c == a else c for c in entry["choices"]]}))
    elif kind == "mapping":
        for k, v in a.items():
            other = next((x for x in a.values() if x != v), f"{v}x")
            out.append((f"mapping {k!r} -> {other!r}", {**entry, "answer": {**a, k: other}}))
        out.append(("mapping key dropped", {**entry, "answer": dict(list(a.items())[1:])}))
    elif kind in ("set", "sequence"):
        out.append(("item dropped", {**entry, "answer": a[1:]}))
        out.append(("item added", {**entry, "answer": [*a, "extra"]}))
        if kind == "sequence" and len(a) > 1:
            out.append(("order swapped", {**entry, "answer": [a[1], a[0], *a[2:]]}))
    elif kind == "number":
        out.append(("number changed", {**entry, "answer": a + 2 * (entry.get("tolerance") or 0) + 1}))
        out.append(("tolerance widened", {**entry, "tolerance": (entry.get("tolerance") or 0) + 1}))
    elif kind == "text":
        out.append(("text changed", {**entry, "answer": a + "x"}))
    elif kind == "free":
        out.append(("threshold raised", {**entry, "min_words": entry.get("min_words", 0) * 10 + 1}))
        out.append(("model answer changed", {**entry, "answer": a + " More."}))
        if entry.get("keywords"):
            out.append(("keyword dropped", {**entry, "keywords": entry["keywords"][1:]}))
        if entry.get("requires"):
            out.append(("requirement dropped", {**entry, "requires": entry["requires"][1:]}))
        if entry.get("max_words"):
            out.append(("word limit raised", {**entry, "max_words": entry["max_words"] * 2}))
    return out


def test_every_mutation_of_every_answer_is_caught() -> None:
    key, pins = answer_key(), guards()
    caught = total = 0
    missed = []
    for eid, entry in key.items():
        for what, mutated in _mutations(entry):
            total += 1
            trial = copy.copy(key)
            trial[eid] = mutated
            if disagreements(trial, pins):
                caught += 1
            else:
                missed.append(f"{eid}: {what}")
    assert total >= 2 * len(key) and not missed, f"{caught}/{total} mutations caught; missed: {missed}"


@pytest.mark.parametrize("eid", sorted(guards()))
def test_a_wrong_answer_is_not_accepted(eid: str) -> None:
    entry = helpers.exercise(eid)
    if entry["kind"] == "free":
        assert not helpers.is_correct(eid, "too short")
        return
    for what, mutated in _mutations(entry):
        if what.startswith(("right choice", "mapping", "item", "number changed", "text changed")):
            assert not helpers.is_correct(eid, mutated["answer"]), f"{eid}: a wrong answer ({what}) passes"
            return
    pytest.fail(f"{eid}: no wrong answer to try")
