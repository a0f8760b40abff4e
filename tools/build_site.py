"""Build the two editions of the static site (Sphinx + myst-nb) from the stored notebook outputs.

    python tools/build_site.py [OUTPUT_DIR] [--edition student|teacher]
        # default: both editions, in site/_build/student and site/_build/teacher

* The **student edition** has the notebooks, the glossary, the data documentation and the
  student-facing pages of the teacher guide (``STUDENT_GUIDE_PAGES``: the capstone rubric). Every other
  file in ``teacher-guide/`` is teacher-only by default, so a page added there later never reaches
  students unless it is added to that list. Teacher-only pages are not copied into the student
  sources at all, so they are in none of its files (HTML, search index, ``_sources``).
* The **teacher edition** has everything.

The sources are assembled in a temporary folder, so nothing is written into the repository except
the output folders. Nothing is executed and nothing is fetched from the network. At assembly time:

* widget outputs and the saved widget state are dropped (each widget in the notebooks is followed by
  its static version), so no page loads the ipywidgets HTML manager or require.js from a CDN;
* each chart image gets its figure description (the image's ``text/plain`` output, written by
  ``helpers.plots.show``) as its ``alt`` text;
* code that only builds a display (charts, widgets, rendered cards) gets the ``hide-input`` tag, so it
  is collapsed behind "Show code cell source"; code a student is asked to change (``answer =``,
  ``helpers.check(``, a cell after a "Try this" prompt) stays visible. No notebook file is edited.

After the build, runs of Korean and Japanese text in the HTML are wrapped in ``lang="ko"`` /
``lang="ja"`` spans, and a few accessibility faults of the theme and of pandas tables are mended
(search and code-toggle labels that do not contain their visible text, a sidebar outside any
landmark, empty table header cells), so axe-core finds no serious or critical violation.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ("student", "teacher")

# The only teacher-guide files students may see. Everything else in teacher-guide/ is teacher-only.
STUDENT_GUIDE_PAGES = ("capstone-rubric.md",)
# The order of the teacher guide in the sidebar; any other page follows, sorted by path.
GUIDE_ORDER = (
    "README.md",
    "lesson-plans.md",
    "discussion-notes.md",
    "safeguarding.md",
    "capstone-rubric.md",
    "answer-key.md",
)

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
DISPLAY_BUILDERS = re.compile(
    r"new_figure\(|plots\.show\(|_widget\(|_browser\(|display\(Markdown\(|\bHTML\(|interact\("
)
STUDENT_EDITS = re.compile(r"^\s*answer\s*=|helpers\.check\(", re.M)


# --- project URLs: one place (pyproject.toml [project.urls]) -------------------------------------


def project_urls() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"]["urls"]


def github_slug(repository: str) -> str:
    """'https://github.com/owner/name' -> 'owner/name'."""
    match = re.fullmatch(r"https://github\.com/([^/]+/[^/]+?)/?", repository)
    if not match:
        raise ValueError(
            f"[project.urls] Repository must be a https://github.com/OWNER/NAME address, not {repository!r}"
        )
    return match.group(1)


def launch_links(branch: str = "main") -> dict[str, str]:
    """The Binder and nbgitpuller links a reader copies, built from [project.urls] Repository."""
    repo = project_urls()["Repository"]
    slug = github_slug(repo)
    name = slug.split("/")[1]
    binder = f"https://mybinder.org/v2/gh/{slug}/{branch}?urlpath=lab/tree/notebooks/00_start_here.ipynb"
    query = urllib.parse.urlencode(
        {"repo": repo, "branch": branch, "urlpath": f"lab/tree/{name}/notebooks/00_start_here.ipynb"}
    )
    return {"binder": binder, "nbgitpuller": f"https://HUB/hub/user-redirect/git-pull?{query}"}


# --- assembly -------------------------------------------------------------------------------------


def guide_pages(edition: str) -> list[str]:
    """Paths (relative to teacher-guide/) of the guide's Markdown pages in this edition, in sidebar order."""
    pages = sorted(p.relative_to(ROOT / "teacher-guide").as_posix() for p in (ROOT / "teacher-guide").rglob("*.md"))
    if edition == "student":
        pages = [p for p in pages if p in STUDENT_GUIDE_PAGES]
    ordered = [p for p in GUIDE_ORDER if p in pages]
    return ordered + [p for p in pages if p not in ordered]


def teacher_only_pages() -> list[str]:
    return [p for p in guide_pages("teacher") if p not in STUDENT_GUIDE_PAGES]


def unlink_missing(markdown: str, here: str, present: set[str]) -> str:
    """Turn Markdown links to pages absent from this edition into their plain text."""

    def repl(match: re.Match) -> str:
        text, target = match.group(1), match.group(2)
        path = target.split("#")[0]
        if not path or re.match(r"[a-z]+:", path) or not path.endswith((".md", ".ipynb")):
            return match.group(0)
        resolved = Path(here).parent.joinpath(path).as_posix()
        parts: list[str] = []
        for part in resolved.split("/"):
            if part == "..":
                if parts:
                    parts.pop()
            elif part != ".":
                parts.append(part)
        return match.group(0) if "/".join(parts) in present else text

    return re.sub(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)", repl, markdown)


def edition_block(text: str, edition: str) -> str:
    """Keep `<!-- student -->...<!-- /student -->` or the teacher block, drop the other."""
    other = "teacher" if edition == "student" else "student"
    text = re.sub(rf"<!-- {other} -->.*?<!-- /{other} -->\n?", "", text, flags=re.S)
    return re.sub(rf"<!-- /?{edition} -->\n?", "", text)


def figure_description(output: dict) -> str | None:
    alt = output.get("metadata", {}).get("image/png", {}).get("alt")
    if not alt:
        plain = output.get("data", {}).get("text/plain", "")
        plain = "".join(plain) if isinstance(plain, list) else plain
        if plain.startswith("Figure: "):
            alt = plain[len("Figure: ") :]
    return alt.strip() if alt else None


def prepare_notebook(nb: dict) -> dict:
    """Return a copy of *nb* for the site: no widgets, chart alt text, display plumbing collapsed."""
    nb = copy.deepcopy(nb)
    nb.get("metadata", {}).pop("widgets", None)
    last_markdown = ""
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            last_markdown = "".join(cell["source"])
            continue
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        outputs = [o for o in cell.get("outputs", []) if WIDGET_MIME not in o.get("data", {})]
        had_widget = len(outputs) != len(cell.get("outputs", []))
        cell["outputs"] = outputs
        alts = [a for a in (figure_description(o) for o in outputs if "image/png" in o.get("data", {})) if a]
        if alts:
            # myst-nb reads the image options from the cell's metadata (one chart per cell here).
            cell.setdefault("metadata", {}).setdefault("mystnb", {}).setdefault("image", {})["alt"] = alts[0]
        builds_display = had_widget or bool(alts) or bool(DISPLAY_BUILDERS.search(source))
        student_edits = bool(STUDENT_EDITS.search(source)) or "Try this" in last_markdown
        if builds_display and not student_edits:
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            if "hide-input" not in tags:
                tags.append("hide-input")
        last_markdown = ""
    return nb


def index_page(edition: str) -> str:
    text = edition_block((ROOT / "site" / "index.md").read_text(encoding="utf-8"), edition)
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb") if p.stem != "glossary") + ["glossary"]
    guide = guide_pages(edition)
    links = launch_links()
    text = text.replace("{binder}", links["binder"]).replace("{repository}", project_urls()["Repository"])
    blocks = [("Notebooks", [f"notebooks/{n}" for n in notebooks])]
    if edition == "teacher":
        blocks.append(("For teachers", [f"teacher-guide/{p[:-3]}" for p in guide]))
    else:
        blocks.append(("For the capstone", [f"teacher-guide/{p[:-3]}" for p in guide]))
    blocks.append(("Data", ["data/README"]))
    for caption, entries in blocks:
        text += "\n```{toctree}\n:caption: " + caption + "\n:maxdepth: 1\n\n" + "\n".join(entries) + "\n```\n"
    return text


def assemble(target: Path, edition: str = "teacher") -> None:
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, not {edition!r}")
    shutil.copy(ROOT / "site" / "conf.py", target / "conf.py")
    if (ROOT / "site" / "_static").is_dir():
        shutil.copytree(ROOT / "site" / "_static", target / "_static")
    if (ROOT / "site" / "_templates").is_dir():
        shutil.copytree(ROOT / "site" / "_templates", target / "_templates")
    (target / "edition.txt").write_text(edition, encoding="utf-8")
    (target / "urls.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (target / "index.md").write_text(index_page(edition), encoding="utf-8")
    present = {"index.md", "data/README.md"}
    present |= {f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb")}
    present |= {f"teacher-guide/{p}" for p in guide_pages(edition)}
    (target / "notebooks").mkdir()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = prepare_notebook(json.loads(path.read_text(encoding="utf-8")))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                cell["source"] = unlink_missing("".join(cell["source"]), f"notebooks/{path.name}", present)
        (target / "notebooks" / path.name).write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    guide_src = ROOT / "teacher-guide"
    for path in sorted(guide_src.rglob("*")):
        rel = path.relative_to(guide_src).as_posix()
        if path.is_dir() or (path.suffix == ".md" and f"teacher-guide/{rel}" not in present):
            continue
        if edition == "student" and path.suffix != ".md":
            continue  # images and other files of the guide stay in the teacher edition
        out = target / "teacher-guide" / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            out.write_text(
                unlink_missing(path.read_text(encoding="utf-8"), f"teacher-guide/{rel}", present), encoding="utf-8"
            )
        else:
            shutil.copy(path, out)
    (target / "data").mkdir()
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    (target / "data" / "README.md").write_text(unlink_missing(readme, "data/README.md", present), encoding="utf-8")


# --- post-processing of the built HTML ------------------------------------------------------------

HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"
KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u30fb"
CJK_RUN = re.compile(rf"[{HANGUL}{KANA}{HAN}{CJK_PUNCT}]+(?:[ \u00b7]+[{HANGUL}{KANA}{HAN}{CJK_PUNCT}]+)*")
TAG = re.compile(r"(<[^>]*>)")
SKIP = ("script", "style", "title", "textarea", "option")


def language_of(run: str) -> str | None:
    if re.search(f"[{HANGUL}]", run):
        return "ko"
    if re.search(f"[{KANA}{HAN}]", run):
        return "ja"  # Korean forms in this collection are written in Hangul; kanji-only runs are Japanese
    return None


def tag_languages(page: str) -> str:
    """Wrap each run of Korean or Japanese text in a span with its lang attribute."""
    pieces = TAG.split(page)
    skipping: str | None = None
    for i, piece in enumerate(pieces):
        if i % 2:  # a tag
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
            if name:
                tag = name.group(1).lower()
                if skipping is None and tag in SKIP and not piece.startswith("</"):
                    skipping = tag
                elif skipping == tag and piece.startswith("</"):
                    skipping = None
            continue
        if skipping or not CJK_RUN.search(piece):
            continue

        def wrap(match: re.Match) -> str:
            lang = language_of(match.group(0))
            return f'<span lang="{lang}">{match.group(0)}</span>' if lang else match.group(0)

        pieces[i] = CJK_RUN.sub(wrap, piece)
    return "".join(pieces)


def fix_search_button(page: str) -> str:
    """The theme labels its search buttons "Search" although their visible text is longer
    ("Search Ctrl+K"); axe's label-content-name-mismatch (serious) asks that the label contain it."""
    return re.sub(r'(<button[^>]*class="[^"]*search-button[^"]*"[^>]*?)\s+aria-label="Search"', r"\1", page)


def fix_summary_labels(page: str) -> str:
    """myst-nb labels the toggle of hidden code "Toggle hidden content" while it reads "Show code cell
    source": a label that does not contain the visible text (axe: label-content-name-mismatch)."""
    return page.replace('<summary aria-label="Toggle hidden content">', "<summary>")


def fix_landmarks_and_headers(page: str) -> str:
    """Put the primary sidebar (the site's title and its table of contents) in a navigation landmark
    (axe: region), and make the empty corner cell of pandas tables a data cell (axe:
    empty-table-header)."""
    page = page.replace(
        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">',
        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" role="navigation" aria-label="Site">',
    )
    return page.replace("<th></th>", "<td></td>")


def postprocess(output: Path) -> None:
    for path in output.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        new = fix_landmarks_and_headers(fix_summary_labels(fix_search_button(tag_languages(page))))
        if new != page:
            path.write_text(new, encoding="utf-8")


# --- build ----------------------------------------------------------------------------------------


def build(output: Path, *, edition: str = "teacher", warnings_as_errors: bool = False) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "src"
        source.mkdir()
        assemble(source, edition)
        if output.exists():
            shutil.rmtree(output)
        cmd = [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            "-d",
            str(Path(tmp) / "doctrees"),
            str(source),
            str(output),
        ]
        if warnings_as_errors:
            cmd.insert(3, "-W")
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode == 0:
            postprocess(output)
        return result


def build_all(
    base: Path, *, warnings_as_errors: bool = False, editions: tuple[str, ...] = EDITIONS
) -> dict[str, subprocess.CompletedProcess]:
    return {e: build(base / e, edition=e, warnings_as_errors=warnings_as_errors) for e in editions}


def inputs_digest() -> str:
    """A hash of everything the site is built from (for sharing one build between test modules)."""
    digest = hashlib.sha256()
    files = [ROOT / "pyproject.toml", Path(__file__).resolve(), ROOT / "data" / "README.md"]
    for folder in ("notebooks", "teacher-guide", "site"):
        files += [
            p
            for p in sorted((ROOT / folder).rglob("*"))
            if p.is_file() and "_build" not in p.parts and ".ipynb_checkpoints" not in p.parts
        ]
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_cached(*, warnings_as_errors: bool = True) -> Path:
    """Both editions, built once per state of the sources into the system temp folder (never the
    repository) and shared by the test modules; a lock keeps parallel workers from building twice."""
    import fcntl

    base = Path(tempfile.gettempdir()) / f"nkhr-site-{inputs_digest()}"
    with open(str(base) + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (base / "ok").exists():
            for edition, result in build_all(base, warnings_as_errors=warnings_as_errors).items():
                if result.returncode != 0:
                    raise RuntimeError(f"the {edition} edition did not build:\n{result.stderr[-3000:]}")
            (base / "ok").write_text("built\n")
            # Builds of earlier states of the sources, more than an hour old, are not needed again.
            for old in Path(tempfile.gettempdir()).glob("nkhr-site-*"):
                if old.is_dir() and old != base and time.time() - old.stat().st_mtime > 3600:
                    shutil.rmtree(old, ignore_errors=True)
                    Path(str(old) + ".lock").unlink(missing_ok=True)
    return base


def pages(edition_dir: Path) -> list[Path]:
    """The HTML pages of one built edition (not the theme's template fragments)."""
    return sorted(p for p in edition_dir.rglob("*.html") if "_static" not in p.relative_to(edition_dir).parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "output",
        nargs="?",
        type=Path,
        default=ROOT / "site" / "_build",
        help="folder for the editions (default site/_build)",
    )
    parser.add_argument("--edition", choices=EDITIONS, action="append", help="build only this edition (repeatable)")
    args = parser.parse_args(argv)
    status = 0
    for edition in args.edition or EDITIONS:
        start = time.perf_counter()
        result = build(args.output / edition, edition=edition)
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        if result.returncode == 0:
            count = len(pages(args.output / edition))
            print(
                f"{edition} edition: {count} pages in {time.perf_counter() - start:.1f} s: "
                f"{args.output / edition / 'index.html'}"
            )
        status = status or result.returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
