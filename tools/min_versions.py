"""Prove the lower bounds in pyproject.toml: install exactly the declared minimums and run the unit tests.

    python3 tools/min_versions.py            # make min-versions; about three minutes with a warm pip cache
    python3 tools/min_versions.py --print    # only print the constraints file

pip has no "lowest" resolution, so this writes a constraints file that pins every dependency declared with
``>=`` in pyproject.toml (build requirements, runtime dependencies, the ``test`` extra) to its minimum, then,
in a throw-away venv (build/min-versions): builds the wheel with the minimum setuptools and no build
isolation, installs that wheel (not editable) with its ``test`` extra under the constraints, runs the unit
tests that execute no notebook, and loads every dataset from a folder outside the checkout, so the data
shipped inside the wheel is what is read. Needs only Python >= 3.11 and the network to PyPI (or a pip cache).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "build" / "min-versions"
# Tests that need what a lower bound cannot give: the exact pins (test_environment), the pinned linter
# (test_lint), notebook execution or a browser (test_nbval_bites, test_site, browser/), or that build wheels
# themselves (test_packaging: this whole command is that check, at the minimums).
NOT_HERE = [
    "tests/browser",
    "tests/test_environment.py",
    "tests/test_lint.py",
    "tests/test_nbval_bites.py",
    "tests/test_site.py",
    "tests/test_packaging.py",
]
# Checks of the stored notebooks' form (make test runs them): they say nothing about a lower bound.
NOT_A_BOUND = [
    "tests/test_tools.py::test_stored_notebooks_need_no_normalising",
    "tests/test_tools.py::test_stored_notebooks_are_as_jupyterlab_saves_them",
]
LOAD_ALL = """
import helpers
assert '_data' in str(helpers.data_dir()), helpers.data_dir()
for name in helpers.list_datasets():
    helpers.read_text(name) if name == 'statement_text' else helpers.load(name)
print(f'loaded {len(helpers.list_datasets())} datasets from {helpers.data_dir()}')
"""


def minimums(pyproject: dict) -> dict[str, str]:
    """``{name: minimum}`` for every requirement written ``name>=version`` (anything else is an error)."""
    requirements = list(pyproject["build-system"]["requires"]) + list(pyproject["project"]["dependencies"])
    for extra in pyproject["project"].get("optional-dependencies", {}).values():
        requirements += extra
    out: dict[str, str] = {}
    for req in requirements:
        match = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*>=\s*([0-9][0-9A-Za-z.]*)\s*", req)
        if not match:
            raise SystemExit(
                f"pyproject.toml: {req!r} is not written `name>=minimum`; every dependency needs a lower bound"
            )
        out[match.group(1).lower()] = match.group(2)
    return out


def constraints(pyproject: dict) -> str:
    return "".join(f"{name}=={version}\n" for name, version in sorted(minimums(pyproject).items()))


def run(cmd: list[str], **kwargs) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--print", action="store_true", help="print the constraints and stop")
    args = parser.parse_args(argv)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    text = constraints(pyproject)
    if args.print:
        print(text, end="")
        return 0
    shutil.rmtree(VENV, ignore_errors=True)
    run([sys.executable, "-m", "venv", str(VENV)])
    py = VENV / "bin" / "python"
    pin_file = VENV / "constraints.txt"
    pin_file.write_text(text, encoding="utf-8")
    print(f"declared minimums:\n{text}", flush=True)
    pip = [str(py), "-m", "pip", "--disable-pip-version-check", "-q"]
    setuptools = minimums(pyproject)["setuptools"]
    run([*pip, "install", f"setuptools=={setuptools}"])
    dist = VENV / "dist"
    run([*pip, "wheel", "--no-build-isolation", "--no-deps", "-w", str(dist), str(ROOT)])
    (wheel,) = dist.glob("*.whl")
    run([*pip, "install", "-c", str(pin_file), f"{wheel}[test]"])
    run([*pip, "check"])
    with tempfile.TemporaryDirectory() as outside:
        run([str(py), "-c", LOAD_ALL], cwd=outside)
        env = {**os.environ, "NKHR_DATA_DIR": str(ROOT / "data")}  # the tests compare against the checkout
        ignores = [f"--ignore={ROOT / p}" for p in NOT_HERE] + [f"--deselect={t}" for t in NOT_A_BOUND]
        run(
            [
                str(py),
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-o",
                "addopts=",
                "--rootdir",
                str(ROOT),
                "-c",
                str(ROOT / "pyproject.toml"),
                *ignores,
                str(ROOT / "tests"),
            ],
            cwd=outside,
            env=env,
        )
    print("min-versions: ok, the declared lower bounds install and pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
