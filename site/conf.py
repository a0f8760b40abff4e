"""Sphinx configuration for the static site: the notebooks with their stored outputs, the glossary,
the data documentation and (in the teacher edition) the teacher guide, readable without a kernel.

Build with `make site` (tools/build_site.py assembles the sources of each edition in a temporary
folder and writes `edition.txt` beside this file; output in site/_build/student and
site/_build/teacher). Nothing is executed: pages show the outputs committed in the notebooks. Widget
outputs are dropped at assembly time (every widget is followed in the notebook by its static
version), so no page loads anything from outside the site.
"""

import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
EDITION = (HERE / "edition.txt").read_text(encoding="utf-8").strip() if (HERE / "edition.txt").exists() else "teacher"


def _project_urls() -> dict:
    # The repository URL lives in one place: pyproject.toml [project.urls]. The build passes it in
    # urls.toml; a direct build from the repository reads pyproject.toml.
    for candidate in (HERE / "urls.toml", HERE.parent / "pyproject.toml"):
        if candidate.exists():
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            return data.get("project", {}).get("urls", {})
    return {}


URLS = _project_urls()

project = "Human rights in North Korea: from the 2014 UN inquiry to the 2024 joint statement"
author = "The nkhr-2024 teaching collection maintainers"
copyright = "2026, the maintainers (code MIT, text and data CC BY 4.0)"

extensions = ["myst_nb"]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
nb_execution_mode = "off"  # stored outputs only: the site never runs code
nb_merge_streams = True
nb_ipywidgets_js: dict = {}  # never load the widget manager or require.js from a CDN
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header", "misc.highlighting_failure"]

html_theme = "sphinx_book_theme"
html_title = "nkhr-2024 teaching collection" + (" (teacher edition)" if EDITION == "teacher" else "")
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_theme_options = {
    "show_toc_level": 2,
    "repository_url": URLS.get("Repository", ""),
    "repository_branch": "main",
    "path_to_docs": "",
    "use_repository_button": bool(URLS.get("Repository")),
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"}
    if URLS.get("Repository")
    else {},
}
