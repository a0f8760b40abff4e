"""helpers installs like any package: a built wheel carries the data, `import helpers` is always this one,
the version is written once, and every dependency has a lower bound (proven by `make min-versions`)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

import helpers
import helpers.chart_store
from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOAD_EVERYTHING = (
    "import helpers\n"
    "names = helpers.list_datasets()\n"
    "for n in names:\n"
    "    helpers.read_text(n) if n == 'statement_text' else helpers.load(n)\n"
    "print(helpers.__file__); print(helpers.data_dir()); print(len(names)); print(helpers.__version__)\n"
)


def tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built offline from the checkout (setuptools is pinned in requirements.txt)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-build-isolation",
            "--no-deps",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def run_from(cwd: Path, site: Path, code: str, *front: Path) -> subprocess.CompletedProcess:
    """Run *code* in a folder outside the checkout, with *site* as the only place helpers can come from.

    ``-S`` keeps the development venv's start-up files (its editable finder and guard) out; its packages
    (pandas, ...) are reachable as a plain path; ``site.addsitedir`` then processes the wheel's own .pth.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*map(str, front), sysconfig.get_paths()["purelib"]])}
    env.pop(helpers.data.DATA_DIR_ENV, None)
    boot = f"import site; site.addsitedir({str(site)!r})\n"
    return subprocess.run([sys.executable, "-S", "-c", boot + code], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_wheel_carries_every_data_file_and_the_guard(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    package = helpers.data.package()
    wanted = {f"helpers/_data/{r['path']}" for r in package["resources"]} | {"helpers/_data/datapackage.json"}
    assert wanted <= names, f"missing from the wheel: {sorted(wanted - names)}"
    assert {"nkhr_helpers_guard.py", "nkhr_helpers_guard.pth", "helpers/py.typed"} <= names
    assert any(n.startswith("helpers/exercises/") and n.endswith(".toml") for n in names)
    stored = {f"helpers/charts/{p.name}" for p in helpers.chart_store.STORE.glob("*.json")}
    assert stored and stored <= names, f"stored charts missing from the wheel: {sorted(stored - names)}"
    assert wheel.name.startswith(f"nkhr_2024_helpers-{helpers.__version__}-")


def test_an_installed_wheel_shows_the_stored_charts(unpacked: Path, tmp_path: Path) -> None:
    # The same code and libraries give the same salt, so the charts make outputs stored are found from a wheel.
    key = helpers.chart_store.entries()[0].stem
    code = f"from helpers import chart_store; print(chart_store.salt(), chart_store.lookup({key!r}) is not None)"
    result = run_from(tmp_path, unpacked, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [helpers.chart_store.salt(), "True"]


def test_an_installed_wheel_finds_its_data_from_anywhere(unpacked: Path, tmp_path: Path) -> None:
    result = run_from(tmp_path, unpacked, LOAD_EVERYTHING)
    assert result.returncode == 0, result.stderr
    file, data, count, version = result.stdout.split()
    assert Path(file) == unpacked / "helpers" / "__init__.py"
    assert Path(data) == unpacked / "helpers" / "_data"
    assert int(count) == len(helpers.list_datasets()) and version == helpers.__version__
    assert result.stderr == ""


def test_a_students_helpers_py_cannot_shadow_the_installed_package(unpacked: Path, tmp_path: Path) -> None:
    (tmp_path / "helpers.py").write_text("x = 1\n")
    result = run_from(tmp_path, unpacked, "import helpers; print(helpers.__file__, hasattr(helpers, 'load'))")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(unpacked / "helpers" / "__init__.py"), "True"]
    assert (
        f"your file {tmp_path / 'helpers.py'} is also called helpers" in result.stderr and "rename it" in result.stderr
    )


def test_the_unrelated_pypi_helpers_cannot_shadow_it(unpacked: Path, tmp_path: Path) -> None:
    other = tmp_path / "other" / "site-packages" / "helpers"
    other.mkdir(parents=True)
    (other / "__init__.py").write_text('"""An unrelated package called helpers."""\n')
    result = run_from(tmp_path, unpacked, "import helpers; print(hasattr(helpers, 'load'))", other.parent)
    assert result.returncode == 0 and result.stdout.split() == ["True"], result.stderr
    assert (
        "unrelated installed package also called helpers" in result.stderr and "pip uninstall helpers" in result.stderr
    )


def test_an_overwritten_package_says_how_to_repair_it(unpacked: Path, tmp_path: Path) -> None:
    broken = tmp_path / "site"
    (broken / "helpers").mkdir(parents=True)
    (broken / "helpers" / "__init__.py").write_text('"""Another distribution called helpers, installed over ours."""\n')
    for name in ("nkhr_helpers_guard.py", "nkhr_helpers_guard.pth"):
        (broken / name).write_bytes((unpacked / name).read_bytes())
    result = run_from(tmp_path, broken, "import helpers")
    assert result.returncode == 1
    assert "is not the nkhr-2024 collection's helpers" in result.stderr and "pip uninstall -y helpers" in result.stderr


def test_the_development_venv_is_guarded_too(tmp_path: Path) -> None:
    # make setup writes the .pth for the editable install; a student's helpers.py next to a notebook loses.
    (tmp_path / "helpers.py").write_text("x = 1\n")
    result = subprocess.run(
        [sys.executable, "-c", "import helpers; print(helpers.__file__)"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.stdout.strip() == str(ROOT / "helpers" / "__init__.py"), (
        f"the guard is not installed: run `make setup`\n{result.stderr}"
    )
    assert "rename it" in result.stderr


def test_the_guard_knows_the_collection_by_its_first_lines() -> None:
    guard = (ROOT / "nkhr_helpers_guard.py").read_text(encoding="utf-8")
    marker = re.search(r'^MARKER = "(.+)"$', guard, re.M).group(1)
    assert marker in (ROOT / "helpers" / "__init__.py").read_text(encoding="utf-8")[:400]


def test_the_version_is_written_once() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "helpers.__version__"}
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(citation["version"]) == helpers.__version__, "CITATION.cff: version must equal helpers.__version__"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", changelog, re.M)
    assert released and released[0][0] == helpers.__version__, (
        "CHANGELOG.md: the newest release must be helpers.__version__"
    )
    assert str(citation["date-released"]) == released[0][1], (
        "CITATION.cff date-released must be the CHANGELOG's release date"
    )
    from importlib.metadata import version

    assert version("nkhr-2024-helpers") == helpers.__version__, "installed metadata is stale: run `make setup`"


def test_every_dependency_has_a_lower_bound_checked_by_make_min_versions() -> None:
    minimums = tool("min_versions").minimums(PYPROJECT)
    assert {"pandas", "matplotlib", "ipywidgets", "setuptools", "pytest", "nbconvert"} <= set(minimums)
    assert minimums["setuptools"].startswith("77"), "setuptools < 77 rejects license = 'MIT' (an SPDX string)"
    assert re.search(r"^min-versions:", (ROOT / "Makefile").read_text(), re.M)
    assert re.search(r"^make min-versions$", (ROOT / ".ci" / "run").read_text(), re.M)
