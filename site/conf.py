"""Sphinx configuration for the static site: the notebooks with their stored outputs,
the teacher guide and the data documentation, readable without a kernel.

Build with `make site` (output in site/_build/html). Nothing is executed: pages show
the outputs committed in the notebooks, and every widget is followed in the notebook
by its static version, so the pages read well even though widgets cannot respond.
"""

project = "Human rights in North Korea: from the 2014 UN inquiry to the 2024 joint statement"
author = "The nkhr-2024 teaching collection maintainers"
copyright = "2026, the maintainers (code MIT, text and data CC BY 4.0)"

extensions = ["myst_nb"]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
nb_execution_mode = "off"  # stored outputs only: the site never runs code
nb_merge_streams = True
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header", "misc.highlighting_failure"]

html_theme = "sphinx_book_theme"
html_title = "nkhr-2024 teaching collection"
html_theme_options = {"show_toc_level": 2}
html_static_path: list[str] = []
