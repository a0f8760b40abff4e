"""Make ``import helpers`` load this collection's ``helpers``, whatever else is called ``helpers``.

Two things can otherwise win silently over the collection's package: a student's own ``helpers.py``
(or ``helpers/`` folder) next to the notebooks, which Python finds first because the notebook's folder
comes first on ``sys.path``, and the unrelated distribution called ``helpers`` on PyPI.

A one-line ``nkhr_helpers_guard.pth`` in site-packages imports this module when Python starts (a wheel
or ``pip install .`` ships the file; ``make setup`` writes it for the editable install with
``python -m nkhr_helpers_guard install``). The module puts a finder first on ``sys.meta_path`` that
answers ``import helpers`` with the package beside this file, and warns, saying what to rename, when
something else called ``helpers`` would have been picked. If the package beside this file is not the
collection's (another distribution overwrote it), ``import helpers`` fails with the commands that fix it.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import sysconfig
import warnings
from pathlib import Path

NAME = "helpers"
# Text that the collection's helpers/__init__.py carries in its first lines (tests/test_packaging.py checks it).
MARKER = "nkhr-2024 teaching collection"
PACKAGE = Path(__file__).resolve().parent / NAME
PTH_NAME = "nkhr_helpers_guard.pth"
PTH_LINE = "import nkhr_helpers_guard; nkhr_helpers_guard.install()\n"


def _is_ours(init: Path) -> bool:
    try:
        with init.open(encoding="utf-8") as handle:
            return MARKER in handle.read(400)
    except OSError:
        return False


def _what_to_do(other: Path) -> str:
    if other.name == "__init__.py":
        folder = other.parent
        if _is_ours(other):
            return f"another copy of the collection's helpers, {folder}, is not used."
        if any(part in ("site-packages", "dist-packages") for part in folder.parts):
            return (
                f"an unrelated installed package also called helpers ({folder}) is not used; "
                "remove it with `python -m pip uninstall helpers`."
            )
        return (
            f"your folder {folder} is also called helpers and is not imported: rename it (for example to "
            f"my_helpers) and import it under that name."
        )
    return (
        f"your file {other} is also called helpers and is not imported: rename it (for example to "
        f"my_{other.name}) and import it under that name."
    )


class HelpersFinder(importlib.abc.MetaPathFinder):
    """Answers ``import helpers`` (only that name) with the collection's package."""

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != NAME:
            return None
        init = PACKAGE / "__init__.py"
        if not _is_ours(init):
            raise ImportError(
                f"{PACKAGE} is not the nkhr-2024 collection's helpers (another package called helpers was installed "
                "over it). Fix: `python -m pip uninstall -y helpers nkhr-2024-helpers`, then reinstall the collection "
                "(`make setup`, or `python -m pip install .` in its folder).",
                name=NAME,
            )
        other = importlib.machinery.PathFinder.find_spec(NAME)
        if other is not None and other.origin not in (None, "namespace"):
            shadow = Path(other.origin).resolve()
            if shadow != init.resolve():
                warnings.warn(
                    f"import helpers: loaded the collection's helpers from {PACKAGE}; " + _what_to_do(shadow),
                    stacklevel=2,
                )
        return importlib.util.spec_from_file_location(NAME, init, submodule_search_locations=[str(PACKAGE)])


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once)."""
    if not any(isinstance(finder, HelpersFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, HelpersFinder())


def write_pth(site_packages: str | None = None) -> Path:
    """Write the start-up line into this interpreter's site-packages (used for the editable install)."""
    target = Path(site_packages or sysconfig.get_paths()["purelib"]) / PTH_NAME
    if not target.exists() or target.read_text(encoding="utf-8") != PTH_LINE:
        target.write_text(PTH_LINE, encoding="utf-8")
    return target


if __name__ == "__main__":
    if sys.argv[1:] != ["install"]:
        sys.exit("usage: python -m nkhr_helpers_guard install   (writes nkhr_helpers_guard.pth into site-packages)")
    print(f"wrote {write_pth()}")
