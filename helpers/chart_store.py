"""The chart store: the collection's charts as ``make outputs`` drew them, so that Run-All need not draw them again.

Drawing is most of what a notebook of this collection costs to run (``make bench``): about a tenth of a second
a chart, twice that for the first. ``make outputs`` draws every chart afresh, checks its layout and stores the
image here (``helpers/charts/``, shipped in the package) under a key made from everything the picture depends
on:

* for a figure given to :func:`helpers.plots.show`: the figure itself (its whole state, serialised with
  :mod:`pickle`), matplotlib's settings at the time, and
* for a chart function marked :func:`helpers.plots.remembered`: the function and the content of its arguments
  (a table by the hash of its content),

each salted with the source of every ``helpers`` module and the versions of matplotlib, NumPy and pandas. When
Run-All shows the same figure, or calls the same function on the same data, the stored image is shown: the
same pixels and the same text description as a fresh draw. Change anything (a row of a table, a colour, a
title, a setting, the code, a library version) and the key changes, so the chart is drawn afresh. Nothing is
written at run time: only ``make outputs`` writes the store, and it keeps only what the notebooks now show.

``NKHR_CHARTS=fresh`` draws every chart (the store is not read); ``NKHR_CHARTS=record`` draws every chart and
stores it (``tools/refresh_outputs.py`` sets it). :func:`counts` says how many charts were drawn and how many
came from the store in this session.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
from pathlib import Path
from typing import Any

#: Where the stored charts are: one JSON file a chart, named by its key.
STORE = Path(__file__).resolve().parent / "charts"
#: The salt each stored chart was made with (see :func:`made_with`).
INDEX = "index.json"
#: Raise to make every stored chart stale at once (a change in what an entry holds).
VERSION = 1
_MODES = ("store", "fresh", "record")
_COUNTS = {"drawn": 0, "from_store": 0}
_salt: str | None = None


def mode() -> str:
    """``store`` (the default: use stored charts), ``fresh`` (draw every chart) or ``record`` (draw and store)."""
    value = os.environ.get("NKHR_CHARTS", "").strip().lower() or "store"
    if value not in _MODES:
        raise ValueError(f"NKHR_CHARTS={value!r} is not one of {', '.join(_MODES)}: unset it, or set it to one of them")
    return value


def counts() -> dict[str, int]:
    """How many charts this session drew, and how many it showed from the store."""
    return dict(_COUNTS)


def note(kind: str, n: int = 1) -> None:
    """Count *n* charts as ``drawn`` or ``from_store`` (called by :mod:`helpers.plots`)."""
    _COUNTS[kind] += n


def salt() -> str:
    """A hash of the code and library versions every key depends on (computed once a session)."""
    global _salt
    if _salt is None:
        import sys

        digest = hashlib.sha256(f"chart store {VERSION}".encode())
        for name in ("matplotlib", "numpy", "pandas"):
            loaded = sys.modules.get(name)
            if loaded is None:  # not imported yet (a stored call needs no matplotlib): ask the installed metadata
                from importlib.metadata import version

                number = version(name)
            else:
                number = loaded.__version__
            digest.update(f"{name} {number}\n".encode())
        for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        _salt = digest.hexdigest()
    return _salt


def _key(kind: str, payload: bytes) -> str:
    return f"{kind}-{hashlib.sha256(salt().encode() + payload).hexdigest()[:32]}"


def figure_key(fig: Any) -> str | None:
    """The key of a figure as it now stands, or None when it cannot be serialised (then it is simply drawn).

    The figure's whole state goes into the key, without the back-references between transforms (which are
    keyed by memory address, so differ from run to run and say nothing about the picture) and without what
    :func:`helpers.plots.show` attached to it.
    """
    import copyreg

    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.transforms import TransformNode

    class _Pickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            if isinstance(obj, TransformNode):
                state = dict(obj.__getstate__())
                state["_parents"] = {}
                return copyreg.__newobj__, (type(obj),), state
            if isinstance(obj, Figure):
                state = dict(obj.__getstate__())
                state.pop("_nkhr_shown", None)
                return copyreg.__newobj__, (type(obj),), state
            return NotImplemented

    # dict.items, not rcParams.items(): reading "backend" would resolve it, which imports pyplot (40 ms) and
    # can switch IPython's inline backend on; the backend does not change a picture drawn on an Agg canvas.
    settings = sorted((k, repr(v)) for k, v in dict.items(matplotlib.rcParams) if k != "backend")
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, protocol=5).dump((fig, settings))
    except Exception:  # a lambda formatter, an open file...: nothing to key on, so draw it
        return None
    return _key("fig", buffer.getvalue())


def call_key(function: Any, fingerprint: Any) -> str:
    """The key of a call to a chart function, from its name and its arguments' fingerprint."""
    payload = pickle.dumps((function.__module__, function.__qualname__, fingerprint), protocol=5)
    return _key("call", payload)


def lookup(key: str | None) -> dict[str, Any] | None:
    """The stored entry for *key*, or None (none stored, or the store is not being read)."""
    if key is None or mode() != "store":
        return None
    try:
        text = (STORE / f"{key}.json").read_text(encoding="utf-8")
    except OSError:
        return None
    return json.loads(text)


def record(key: str | None, entry: dict[str, Any]) -> None:
    """Store *entry* under *key*, in ``record`` mode only (``make outputs``); otherwise do nothing."""
    if key is None or mode() != "record":
        return
    STORE.mkdir(exist_ok=True)
    (STORE / f"{key}.json").write_text(json.dumps(entry, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    made = made_with()
    made[key] = salt()
    _write_index(made)


def made_with() -> dict[str, str]:
    """For every stored chart, the salt (code and library versions) it was made with (``index.json``).

    Kept apart from the charts so that a change of code that leaves a picture as it was renames its file
    without storing the picture again.
    """
    try:
        return json.loads((STORE / INDEX).read_text(encoding="utf-8"))
    except OSError:
        return {}


def _write_index(made: dict[str, str]) -> None:
    (STORE / INDEX).write_text(json.dumps(made, sort_keys=True, indent=0) + "\n", encoding="utf-8")


def images(entry: dict[str, Any]) -> list[str]:
    """The PNG images (base64) an entry holds: one for a figure, any number for a call."""
    if "png" in entry:
        return [entry["png"]]
    return [data["image/png"] for data, _ in entry.get("outputs", []) if "image/png" in data]


def clear() -> None:
    """Remove every stored chart (``make outputs`` does, before it re-runs every notebook)."""
    for path in STORE.glob("*.json"):
        path.unlink()


def entries() -> list[Path]:
    """The stored charts' files."""
    return sorted(p for p in STORE.glob("*.json") if p.name != INDEX)


def prune(notebooks: list[Path]) -> list[Path]:
    """Remove stored charts that none of *notebooks* shows any more (checked against their saved text).

    Returns the files removed. ``tools/refresh_outputs.py`` calls it after re-running notebooks.
    """
    texts = [path.read_text(encoding="utf-8") for path in notebooks]
    removed = []
    for path in entries():
        pngs = images(json.loads(path.read_text(encoding="utf-8")))
        if not pngs or not all(any(png in text for text in texts) for png in pngs):
            path.unlink()
            removed.append(path)
    if STORE.is_dir():
        kept = {p.stem for p in entries()}
        _write_index({key: made for key, made in made_with().items() if key in kept})
    return removed
