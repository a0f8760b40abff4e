"""Code style is checked, not argued: ruff (pinned in requirements.txt, configured in pyproject.toml).

Covers helpers/, tests/, tools/, the build files and the notebooks' code cells. Fix with
`.venv/bin/ruff check --fix . && .venv/bin/ruff format .` (or `make lint`, which only checks).
"""

from __future__ import annotations

import subprocess
import sys
import tomllib

from conftest import ROOT

RUFF = [sys.executable, "-m", "ruff"]


def ruff(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*RUFF, *args], cwd=cwd, capture_output=True, text=True)


def test_ruff_check_passes() -> None:
    result = ruff("check", "--no-cache", "--output-format", "concise", ".")
    assert result.returncode == 0, (
        f"ruff check finds problems (fix: `.venv/bin/ruff check --fix .`, then by hand):\n{result.stdout}"
    )


def test_ruff_format_is_applied() -> None:
    result = ruff("format", "--no-cache", "--check", ".")
    assert result.returncode == 0, (
        f"files are not formatted (fix: `.venv/bin/ruff format .`):\n{result.stdout}{result.stderr}"
    )


def test_the_configuration_bites(tmp_path) -> None:
    # The project's own configuration must reject a long line, a needless quoted annotation and unsorted imports.
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from __future__ import annotations\n\nimport sys\nimport os\n\n\n"
        f'def f(x: "int") -> int:\n    return x + len(sys.argv) + len(os.sep)  # {"x" * 120}\n',
        encoding="utf-8",
    )
    result = ruff(
        "check",
        "--no-cache",
        "--config",
        str(ROOT / "pyproject.toml"),
        "--output-format",
        "concise",
        str(bad),
        cwd=tmp_path,
    )
    assert result.returncode == 1
    for code in ("E501", "UP037", "I001"):
        assert code in result.stdout, f"{code} is not enforced:\n{result.stdout}"
    unformatted = ruff(
        "format", "--no-cache", "--config", str(ROOT / "pyproject.toml"), "--check", str(bad), cwd=tmp_path
    )
    assert unformatted.returncode == 1


def test_ruff_covers_notebooks_and_is_pinned() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]
    assert config["line-length"] == 120 and "*.ipynb" in config["extend-include"]
    listed = ruff("check", "--no-cache", "--show-files", ".").stdout
    assert (
        "notebooks/00_start_here.ipynb" in listed
        and "tools/refresh_outputs.py" in listed
        and "helpers/data.py" in listed
    )
    assert any(line.startswith("ruff==") for line in (ROOT / "requirements.txt").read_text().splitlines())
