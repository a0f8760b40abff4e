"""Friendly errors: one plain sentence above the usual red traceback, for the mistakes novices make.

``import helpers`` switches this on when it runs inside IPython (a Jupyter kernel);
elsewhere it does nothing. The sentence comes first; the standard traceback follows
unchanged, so nothing is hidden. The common cases:

* text without quotes (``[United States, ROK, Japan]``, ``answer = ten``);
* a name that is not defined because the cells above were not run (after a restart);
* curly quotes pasted from a document, a missing closing quote;
* a misspelt dataset, source or exercise name (the closest names are given);
* a ``KeyError`` on an id written in lower case (``"c07"`` for ``"C07"``).

:func:`explain` is pure (an exception in, a sentence or None out) and is what the
tests exercise; :func:`handler` is what IPython calls.
"""

from __future__ import annotations

import ast
import builtins
import difflib
import json
import keyword
import re
import sys
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
MARK = "\x1b[1;34m"  # bold blue in the terminal colours JupyterLab uses for tracebacks
RESET = "\x1b[0m"
RUN_ABOVE = (
    "run the cells above first (Run \u2192 Run All Above Selected Cell), "
    "or Kernel \u2192 Restart Kernel and Run All Cells"
)


@lru_cache(maxsize=1)
def notebook_names() -> frozenset[str]:
    """Every name a notebook of the collection defines (assigned, imported, or a function)."""
    names: set[str] = {"helpers", "pd", "display", "Markdown", "HTML"}
    for path in NOTEBOOKS.glob("*.ipynb"):
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for cell in cells:
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            try:
                tree = ast.parse(
                    "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
                )
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    names.add(node.id)
                elif isinstance(node, (ast.Import, ast.ImportFrom)):
                    names.update((a.asname or a.name).split(".")[0] for a in node.names)
                elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                    names.add(node.name)
    return frozenset(names)


def _strip_strings(line: str) -> str:
    return re.sub(r"(\"[^\"]*\"|'[^']*')", '""', line)


def _bare_phrase(line: str) -> str | None:
    """The first run of two or more bare words (not keywords) outside quotes: text that needs quotes."""
    for m in re.finditer(r"[A-Za-z][\w.]*(?:\s+[A-Za-z][\w.]*)+", _strip_strings(line)):
        words = m.group(0).split()
        if not any(keyword.iskeyword(w) for w in words):
            return m.group(0)
    return None


def _syntax(value: SyntaxError) -> str | None:
    line = (value.text or "").rstrip("\n")
    message = str(value.msg or "")
    if (
        re.search(r"[\u201c\u201d\u2018\u2019]", line)
        or "invalid character" in message
        and re.search("[\u201c\u201d\u2018\u2019]", message)
    ):
        return (
            "Use straight quotes typed on the keyboard (\" or '), "
            "not curly quotes \u201c \u201d copied from a document."
        )
    if "unterminated string" in message or "EOL while scanning" in message:
        return 'A text is missing its closing quote: every " needs a partner at the end of the text.'
    if "never closed" in message or "was never closed" in message:
        return "A bracket is not closed: every ( [ or { needs its partner ) ] or }."
    phrase = _bare_phrase(line)
    if phrase:
        return f'Text must be in quotes: write "{phrase}", not {phrase} (and separate list items with commas).'
    if "invalid decimal literal" in message:
        return 'Text that mixes digits and letters must be in quotes, like "p4s2".'
    return None


def _name_error(value: NameError) -> str:
    name = getattr(value, "name", None) or (re.findall(r"name '([^']+)'", str(value)) or ["?"])[0]
    if name in notebook_names():
        return (
            f"Python does not know `{name}` yet because the cell that defines it "
            f"has not run in this session: {RUN_ABOVE}."
        )
    close = difflib.get_close_matches(
        name, [n for n in notebook_names() | set(dir(builtins)) if not n.startswith("_")], n=1, cutoff=0.8
    )
    text = f'`{name}` is not defined. If you meant it as text, put it in quotes: "{name}".'
    if close:
        text += f" If you meant the name `{close[0]}`, check the spelling."
    return text + f" If it comes from an earlier cell, {RUN_ABOVE}."


def _unknown_name(value: Any) -> str | None:
    kind, name, valid = getattr(value, "kind", None), getattr(value, "name", None), getattr(value, "valid", None)
    if not (kind and name is not None and valid):
        return None
    close = difflib.get_close_matches(str(name), list(valid), n=3, cutoff=0.5)
    if not close and str(name).upper() in valid:
        close = [str(name).upper()]
    if close:
        return f"There is no {kind} called {name!r}; the closest names are: " + ", ".join(repr(c) for c in close) + "."
    return f"There is no {kind} called {name!r}: check the spelling against the list at the end of the message below."


def _key_error(value: KeyError) -> str:
    key = value.args[0] if value.args else None
    if isinstance(key, str):
        found = re.search(r"'([^']+)'", key) if " " in key else None  # messages such as "no commitment 'c07'; ..."
        raw = found.group(1) if found else key
        if raw != raw.upper() and re.fullmatch(r"[A-Za-z]{1,3}\d{1,3}[a-z]?", raw):
            return f'Ids are written in capitals: use "{raw.upper()}", not "{raw}".'
        return (
            f"{raw!r} was not found: check its spelling, capitals included (a column name or an id must match exactly)."
        )
    return "KeyError means a name or id was not found: check its spelling, capitals included."


def explain(etype: type[BaseException], value: BaseException, tb: TracebackType | None = None) -> str | None:
    """One plain sentence about *value*, or None when there is nothing useful to add."""
    from .errors import UnknownNameError

    if isinstance(value, SyntaxError):
        return _syntax(value)
    if isinstance(value, NameError) and not isinstance(value, UnboundLocalError):
        return _name_error(value)
    if isinstance(value, UnknownNameError):
        return _unknown_name(value)
    if isinstance(value, KeyError):
        return _key_error(value)
    if isinstance(value, ModuleNotFoundError):
        return (
            "A package is missing: close JupyterLab and run `make lab` again, "
            "which installs everything the collection needs."
        )
    return None


def structured_traceback(
    shell: Any, etype: type[BaseException], value: BaseException, tb: TracebackType | None, tb_offset: int | None = None
) -> list[str]:
    """The friendly sentence (if any), then IPython's usual traceback lines."""
    if isinstance(value, SyntaxError):
        stb = shell.SyntaxTB.structured_traceback(etype, value, [])
    else:
        stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
    try:
        sentence = explain(etype, value, tb)
    except Exception:  # a hint must never hide the real error
        sentence = None
    if not sentence:
        return list(stb)
    return [
        f"{MARK}\U0001f4a1 {sentence}{RESET}\n(The full error follows; its last line says what Python saw.)\n",
        *stb,
    ]


def handler(
    shell: Any, etype: type[BaseException], value: BaseException, tb: TracebackType | None, tb_offset: int | None = None
) -> None:
    """IPython's custom exception handler: show the friendly sentence and the traceback."""
    shell._showtraceback(etype, value, structured_traceback(shell, etype, value, tb, tb_offset))


WIDGET_HINT = "{name} (a widget): run this cell in JupyterLab to use it; a static version follows."


def hinted(widget: Any, name: str = "Interactive view", *, wrap: bool = True) -> Any:
    """Wrap *widget* so that, before it runs (or on a page without a kernel), it reads as one plain line.

    ipywidgets stores ``repr(widget)`` as the output's text form, which for a box is a
    long ``VBox(children=(...))``; the wrapper's text form is :data:`WIDGET_HINT` instead.
    The widget itself looks and behaves exactly the same.

    With ``wrap=False`` nothing is wrapped: *widget* itself is returned, its text form
    replaced by the hint, so code that reads ``widget.children`` keeps working.
    """
    import ipywidgets as widgets

    hint = WIDGET_HINT.format(name=name)
    if not wrap:
        if not isinstance(widget, widgets.Widget):
            raise TypeError(f"hinted() takes an ipywidgets widget, got {type(widget).__name__}")
        base = type(widget)
        widget.__class__ = type(base)(
            f"Hinted{base.__name__}", (base,), {"__repr__": lambda self: hint, "__module__": base.__module__}
        )
        return widget

    class HintedBox(widgets.VBox):
        def __repr__(self) -> str:
            return hint

    return HintedBox([widget])


def install(shell: Any | None = None) -> bool:
    """Switch the friendly errors on in *shell* (default: the running IPython). True when done."""
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    shell.set_custom_exc((Exception,), handler)
    return True


def uninstall(shell: Any | None = None) -> None:
    """Switch the friendly errors off again."""
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and hasattr(shell, "set_custom_exc"):
        shell.set_custom_exc((), None)


install()
