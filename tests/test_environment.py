"""One place for versions: requirements.txt. environment.yml must agree with it."""

from __future__ import annotations

import re
import sys
import tomllib

import yaml

from conftest import ROOT

# conda-forge names that differ from the pip names
CONDA_TO_PIP = {"matplotlib-base": "matplotlib"}
NOT_PIP = {"python", "pip"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pip_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([0-9][A-Za-z0-9.]*)", line)
        assert match, f"requirements.txt: {line!r} is not an exact pin (name==version)"
        pins[canonical(match.group(1))] = match.group(2)
    return pins


def conda_pins(text: str | None = None) -> tuple[dict[str, str], str, list]:
    env = yaml.safe_load(text if text is not None else (ROOT / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    pins, python, pip_section = {}, "", []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip_section = dep.get("pip", [])
            continue
        name, _, version = dep.partition("=")
        if name == "python":
            python = version
        if name in NOT_PIP:
            continue
        assert version and not version.startswith("="), (
            f"environment.yml: {dep!r} needs one exact version (name=version)"
        )
        pins[canonical(CONDA_TO_PIP.get(name, name))] = version
    return pins, python, pip_section


def parse_pins_from(text: str) -> dict[str, str]:
    return {canonical(m.group(1)): m.group(2) for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==(\S+)$", text, re.M)}


def test_environment_yml_matches_requirements() -> None:
    pip, (conda, python, pip_section) = pip_pins(), conda_pins()
    only_pip, only_conda = sorted(set(pip.items()) - set(conda.items())), sorted(set(conda.items()) - set(pip.items()))
    assert conda == pip, (
        f"versions differ: only/different in requirements.txt: {only_pip}; in environment.yml: {only_conda}"
    )
    assert "-e ." in pip_section, "environment.yml must install helpers with `pip: [-e .]`"
    assert python == "3.11"


def test_the_comparison_can_fail() -> None:
    # A drifted environment.yml, parsed by the same function, must no longer match.
    drifted = (ROOT / "environment.yml").read_text().replace("pandas=", "pandas=0.0.0#")
    assert conda_pins(drifted)[0] != pip_pins()


def test_pins_cover_what_shapes_outputs() -> None:
    pins = pip_pins()
    for name in (
        "pandas",
        "numpy",
        "matplotlib",
        "ipywidgets",
        "ipykernel",
        "jupyterlab",
        "nbval",
        "pytest",
        "nbclient",
    ):
        assert name in pins, f"{name} must be pinned in requirements.txt"


def test_installed_versions_match_pins() -> None:
    from importlib.metadata import PackageNotFoundError, version

    wrong = {}
    for name, pinned in pip_pins().items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            wrong[name] = (pinned, None)
            continue
        if installed != pinned:
            wrong[name] = (pinned, installed)
    assert not wrong, (
        f"installed versions differ from requirements.txt (pinned, installed): {wrong}; run `make clean test`"
    )


def test_requires_python_311_or_newer() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["requires-python"] == ">=3.11"
    assert sys.version_info >= (3, 11)
