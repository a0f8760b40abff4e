"""Proof that the regression check bites: alter one stored output, nbval must fail.

The test builds a small notebook that uses helpers (so it exercises the same kernel,
sanitize file and options as the real notebooks), records its outputs, and runs
strict nbval twice: on the untouched copy (must pass) and on a copy with one stored
number changed (must fail, naming the changed value).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT


def run_nbval(path: Path) -> subprocess.CompletedProcess:
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:xdist",
        "--rootdir",
        str(path.parent),
        "-c",
        str(path.parent / "pytest.ini"),
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        str(ROOT / "tests" / "nbval_sanitize.cfg"),
        str(path),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=path.parent)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bites")
    (folder / "pytest.ini").write_text("[pytest]\n")
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import helpers\nsources = helpers.load('sources')\nprint(len(sources.columns), 'columns')"
        ),
        nbformat.v4.new_code_cell("sources.columns[:3].tolist()"),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    path = folder / "recorded.ipynb"
    nbformat.write(nb, path)
    return path


def test_unaltered_copy_passes(recorded: Path) -> None:
    result = run_nbval(recorded)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "2 passed" in result.stdout


def test_altered_output_fails(recorded: Path) -> None:
    nb = nbformat.read(recorded, as_version=4)
    out = nb.cells[0].outputs[0]
    assert out.text == "10 columns\n"
    out.text = "11 columns\n"
    altered = recorded.with_name("altered.ipynb")
    nbformat.write(nb, altered)
    result = run_nbval(altered)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "1 failed, 1 passed" in result.stdout and "11 columns" in result.stdout
