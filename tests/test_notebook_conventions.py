"""Every notebook follows the collection's teaching and engineering conventions.

See CONTRIBUTING.md ("Notebook rules"). Each rule is its own test, parametrised by
notebook, so a failure names the notebook and the rule.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache
from pathlib import Path

import pytest

import helpers
from conftest import DATA, ROOT, notebook_paths

NOTEBOOKS = notebook_paths()
IDS = [p.stem for p in NOTEBOOKS]
CHECK_CALL = re.compile(r"""helpers\.check\(\s*["']([^"']+)["']""")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def markdown(nb: dict) -> str:
    return "\n\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def headings(text: str, level: int) -> list[str]:
    """Markdown headings of exactly *level*, ignoring fenced code blocks."""
    out, fenced = [], False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(rf"^{'#' * level} \S", line):
            out.append(line[level + 1 :].strip())
    return out


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code" and source(c).strip()]


pytestmark = pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks yet")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_kernelspec_is_python3(path: Path) -> None:
    assert load(path)["metadata"].get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_one_h1_title_first(path: Path) -> None:
    nb = load(path)
    titles = headings(markdown(nb), 1)
    assert len(titles) == 1, f"expected exactly one H1 title, found {titles}"
    first = source(nb["cells"][0])
    assert first.lstrip().startswith("# "), "the first cell must open with the H1 title"
    assert titles[0].startswith(path.stem[:2]), f"the title should start with the notebook number {path.stem[:2]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_front_matter(path: Path) -> None:
    text = markdown(load(path))
    h2 = [h.lower() for h in headings(text, 2)]
    assert "learning objectives" in h2, "needs a '## Learning objectives' section"
    assert re.search(r"\*\*Time:?\*\*:?", text), "needs a **Time:** line"
    assert re.search(r"\*\*Prerequisites:?\*\*:?", text), "needs a **Prerequisites:** line"
    assert re.search(r"(?i)content note", text), "needs a content note (the subject involves grave abuses)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_closing_sections(path: Path) -> None:
    h2 = [h.lower() for h in headings(markdown(load(path)), 2)]
    for wanted in ("discussion questions", "key points", "sources and further reading"):
        assert wanted in h2, f"needs a '## {wanted.capitalize()}' section; has {h2}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_outputs_stored_and_clean(path: Path) -> None:
    nb = load(path)
    cells = code_cells(nb)
    assert cells, "a notebook without code cells"
    not_run = [i for i, c in enumerate(nb["cells"]) if c in cells and c.get("execution_count") is None]
    assert not not_run, f"cells {not_run} have not been executed: run `make outputs NB={path.relative_to(ROOT)}`"
    counts = [c["execution_count"] for c in cells]
    assert counts == list(range(1, len(cells) + 1)), "outputs are not from one clean top-to-bottom run: `make outputs`"
    for i, cell in enumerate(nb["cells"]):
        meta = cell.get("metadata", {})
        assert "execution" not in meta and "ExecuteTime" not in meta, f"cell {i} stores execution-timing metadata"
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                assert "raises-exception" in tags(cell), (
                    f"cell {i} stores an error ({out.get('ename')}) but is not tagged raises-exception"
                )
            if out.get("name") == "stderr":
                assert "raises-exception" in tags(cell) or "nbval-ignore-output" in tags(cell), (
                    f"cell {i} writes to stderr: {''.join(out.get('text', ''))[:200]}"
                )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_images_have_alt_text(path: Path) -> None:
    nb = load(path)
    md = markdown(nb)
    assert not re.search(r"!\[\s*\]\(", md), "a markdown image with empty alt text"
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data or "image/svg+xml" in data:
                alt = "".join(data.get("text/plain", ""))
                assert alt.startswith("Figure: ") and len(alt.split()) >= 9, (
                    f"cell {i}: an image without alt text; display charts with helpers.plots.show(fig, alt=...)"
                )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_path_hacks(path: Path) -> None:
    for i, cell in enumerate(code_cells(load(path))):
        code = source(cell)
        assert "sys.path" not in code, f"code cell {i} edits sys.path; import helpers instead"
        assert not re.search(r"""["'](\.\./)?data/""", code), (
            f"code cell {i} reads data/ by path; use helpers.load(name)"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_widgets_tagged_with_static_fallback(path: Path) -> None:
    cells = load(path)["cells"]
    for i, cell in enumerate(cells):
        has_widget = any(WIDGET_MIME in out.get("data", {}) for out in cell.get("outputs", []))
        if not has_widget:
            continue
        assert "nbval-ignore-output" in tags(cell), f"cell {i} shows a widget but is not tagged nbval-ignore-output"
        following = [c for c in cells[i + 1 :] if c["cell_type"] == "code"][:1]
        assert (
            following
            and following[0].get("outputs")
            and not any(WIDGET_MIME in o.get("data", {}) for o in following[0]["outputs"])
        ), f"cell {i}: the widget needs a static fallback (a table or figure) in the next code cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_exercises_have_feedback_and_answer_key(path: Path) -> None:
    nb = load(path)
    ids = [m for c in code_cells(nb) for m in CHECK_CALL.findall(source(c))]
    assert len(set(ids)) >= 3, f"needs at least three exercises with helpers.check(...); found {ids}"
    key = helpers.exercises.answer_key()
    missing = [i for i in ids if i not in key]
    assert not missing, f"exercise ids with no answer-key entry in helpers/exercises/: {missing}"
    prefix = path.stem[:2] + "-"
    assert all(i.startswith(prefix) for i in ids), f"exercise ids in this notebook should start with {prefix!r}"


# ---------------------------------------------------------------- numbers in prose

NUMBER = re.compile(r"(?<![\w.\-/])(\d{1,3}(?:,\d{3})+|\d{2,})(\.\d+)?(?![\w/])")
ALLOWLIST = ROOT / "tests" / "prose_numbers_allowlist.toml"


def numbers_in(text: str) -> set[str]:
    return {(whole.replace(",", "") + (frac or "")) for whole, frac in NUMBER.findall(text)}


@lru_cache(maxsize=1)
def data_numbers() -> frozenset[str]:
    found: set[str] = set()
    for path in DATA.rglob("*"):
        if path.suffix in (".csv", ".txt") and path.is_file():
            text = path.read_text(encoding="utf-8")
            found |= numbers_in(text)
            found |= set(re.findall(r"\d{2,}", text))  # dates and ids split on '-'
    return frozenset(found)


def allowlist() -> dict[str, dict]:
    if not ALLOWLIST.exists():
        return {}
    entries = tomllib.loads(ALLOWLIST.read_text(encoding="utf-8")).get("allow", [])
    for e in entries:
        assert e.get("reason", "").strip(), f"allowlist entry {e.get('number')} needs a reason"
    return {str(e["number"]): e for e in entries}


def prose(text: str) -> str:
    """Markdown without link targets, inline code, code fences and HTML attributes."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_prose_numbers_come_from_data(path: Path) -> None:
    allowed = allowlist()
    stray = []
    for number in sorted(numbers_in(prose(markdown(load(path))))):
        if number in data_numbers():
            continue
        entry = allowed.get(number)
        if entry and (not entry.get("notebooks") or path.stem[:2] in entry["notebooks"]):
            continue
        stray.append(number)
    assert not stray, (
        f"numbers in the prose that appear nowhere in data/: {stray}. Compute them from the data in a code "
        f"cell, add the fact to data/ with its source, or list them in {ALLOWLIST.relative_to(ROOT)} with a reason"
    )


def test_prose_number_check_can_fail() -> None:
    assert "9999999" not in data_numbers()
    assert numbers_in("In 2009, 2,914 people; 80.3% were women; see [04](04_x.ipynb) and `x = 12`") >= {
        "2009",
        "2914",
        "80.3",
    }
    assert "12" not in numbers_in(prose("see `x = 12` and [link](https://e.org/12)"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_links_to_the_glossary(path: Path) -> None:
    assert "](glossary.ipynb)" in markdown(load(path)), (
        "every notebook links the trilingual glossary: [glossary](glossary.ipynb)"
    )


def test_glossary_page_exists_with_widget_and_static_list() -> None:
    page = load(ROOT / "notebooks" / "glossary.ipynb")
    code = "\n".join(source(c) for c in code_cells(page))
    assert "glossary_widget(" in code and "helpers.glossary.render(" in code
    assert all(c.get("outputs") for c in code_cells(page)), "run `make outputs NB=notebooks/glossary.ipynb`"
