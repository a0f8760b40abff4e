"""The static site builds offline from stored outputs, with every notebook and guide page."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from conftest import ROOT, notebook_paths

pytest.importorskip("myst_nb")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("build_site", ROOT / "tools" / "build_site.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    output = tmp_path_factory.mktemp("site")
    result = tool.build(output, warnings_as_errors=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return output


def test_every_notebook_and_page_is_built(site: Path) -> None:
    for nb in notebook_paths() + [ROOT / "notebooks" / "glossary.ipynb"]:
        assert (site / "notebooks" / f"{nb.stem}.html").exists(), nb.name
    for page in (ROOT / "teacher-guide").glob("*.md"):
        assert (site / "teacher-guide" / f"{page.stem}.html").exists(), page.name
    assert (site / "data" / "README.html").exists()


def test_pages_carry_stored_outputs_and_figure_descriptions(site: Path) -> None:
    html = (site / "notebooks" / "06_escapees.html").read_text(encoding="utf-8")
    assert "Figure description:" in html and "<img" in html
    assert "Not answered yet" in html  # exercise feedback as stored


def test_links_between_notebooks_resolve(site: Path) -> None:
    html = (site / "notebooks" / "06_escapees.html").read_text(encoding="utf-8")
    assert re.search(r'href="00_start_here.html(#[^"]*)?"', html)
    assert 'href="glossary.html' in html


def test_nothing_is_written_into_the_repository(site: Path) -> None:
    assert not any((ROOT / "site").glob("**/*.doctree"))
