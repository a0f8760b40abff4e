"""The static site: two editions built offline from stored outputs. The student edition holds no
answer and no teacher-only page in any of its files; the repository URL comes from one place."""

from __future__ import annotations

import contextlib
import html
import importlib.util
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, notebook_paths

pytest.importorskip("myst_nb")

TEXT_SUFFIXES = {".html", ".js", ".txt", ".json", ".ipynb", ".md", ".css", ".xml", ".inv"}


def _tool():
    spec = importlib.util.spec_from_file_location("build_site", ROOT / "tools" / "build_site.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


tool = _tool()


@pytest.fixture(scope="module")
def built() -> Path:
    return tool.build_cached(warnings_as_errors=True)


def normalise(text: str) -> str:
    text = html.unescape(text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)] + [s for k in value for s in _strings(k)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def file_text(path: Path) -> str:
    """The readable text of one built file: HTML without tags, JSON/notebooks as their strings."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        raw = re.sub(
            r"<(script|style)\b.*?</\1>", lambda m: m.group(0) if "setIndex" in m.group(0) else " ", raw, flags=re.S
        )
        raw = re.sub(r"<[^>]+>", " ", raw)
    elif raw.lstrip().startswith(("{", "[")):
        with contextlib.suppress(ValueError):
            raw = " ".join(_strings(json.loads(raw)))
    return normalise(raw)


def corpus(edition_dir: Path) -> dict[str, str]:
    return {
        p.relative_to(edition_dir).as_posix(): file_text(p)
        for p in edition_dir.rglob("*")
        if p.is_file() and (p.suffix in TEXT_SUFFIXES or p.name.endswith(".txt"))
    }


@pytest.fixture(scope="module")
def student(built: Path) -> dict[str, str]:
    return corpus(built / "student")


@pytest.fixture(scope="module")
def teacher(built: Path) -> dict[str, str]:
    return corpus(built / "teacher")


# --- the answers, in the contexts in which an answer key or feedback shows them -----------------


def exercises() -> list[dict]:
    found = []
    for path in sorted((ROOT / "helpers" / "exercises").glob("*.toml")):
        found += tomllib.loads(path.read_text(encoding="utf-8")).get("exercise", [])
    assert len(found) >= 60
    return found


def rendered(value) -> str:
    """An answer as the answer key prints it (tools/answer_key.py uses JSON for lists and dicts)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def leak_signatures(exercise: dict) -> list[tuple[str, re.Pattern]]:
    """Patterns that only an answer key, a model answer or correct-answer feedback would contain.

    A short answer such as "b" or 17 is meaningless alone (17 occurs everywhere), so answers are
    matched in their answer-key context: the label "Answer." or "Also accepted." followed by the
    value and then the end of the entry (the next label, or another accepted variant). The
    explanation (shown only after a right answer) and a model answer are matched as text.
    """
    sigs = []
    values = [exercise.get("answer")] + list(exercise.get("accept", []) or [])
    end = (
        r"(?=\s*(?:;|$|also accepted\.|tolerance\.|automatic check\.|choices\.|hint given|explanation\.|model answer))"
    )
    for value in values:
        if value is None:
            continue
        if exercise.get("kind") == "free" and isinstance(value, str) and len(value) >= 40:
            # a model answer: its own words are the signature (a choice's words are in the prompt)
            sigs.append((f"{exercise['id']}: 'Answer.' text", re.compile(re.escape(normalise(value)[:70]))))
            continue
        shown = re.escape(normalise(rendered(value)))
        if shown:
            sigs.append(
                (
                    f"{exercise['id']}: 'Answer.' {rendered(value)!r}",
                    re.compile(
                        rf"(?:\banswer\.|\balso accepted\.|\bmodel answer\.)\s*(?:[^\n]{{0,80}}?;\s*)?{shown}{end}"
                    ),
                )
            )
    for field in ("explanation", "model_answer"):
        text = exercise.get(field)
        if isinstance(text, str) and len(text) >= 40:
            sigs.append((f"{field} of {exercise['id']}", re.compile(re.escape(normalise(text)[:70]))))
    return sigs


def find_leaks(files: dict[str, str]) -> list[str]:
    leaks = []
    for exercise in exercises():
        for label, pattern in leak_signatures(exercise):
            for name, text in files.items():
                if pattern.search(text):
                    leaks.append(f"{name}: {label}")
    return leaks


def test_both_editions_build_with_their_pages(built: Path) -> None:
    for edition in tool.EDITIONS:
        for nb in notebook_paths() + [ROOT / "notebooks" / "glossary.ipynb"]:
            assert (built / edition / "notebooks" / f"{nb.stem}.html").exists(), f"{edition}: {nb.name}"
        assert (built / edition / "data" / "README.html").exists()
        assert (built / edition / "teacher-guide" / "capstone-rubric.html").exists()
    for page in (ROOT / "teacher-guide").rglob("*.md"):
        rel = page.relative_to(ROOT / "teacher-guide").with_suffix(".html")
        assert (built / "teacher" / "teacher-guide" / rel).exists(), page.name


def test_teacher_guide_files_are_teacher_only_unless_listed() -> None:
    # The rule, not a list of today's files: a new page in teacher-guide/ defaults to teacher-only.
    assert tool.STUDENT_GUIDE_PAGES == ("capstone-rubric.md",)
    assert "answer-key.md" in tool.teacher_only_pages() and "discussion-notes.md" in tool.teacher_only_pages()
    assert tool.guide_pages("student") == ["capstone-rubric.md"]
    assert set(tool.guide_pages("teacher")) == {
        p.relative_to(ROOT / "teacher-guide").as_posix() for p in (ROOT / "teacher-guide").rglob("*.md")
    }


def test_no_teacher_only_file_in_the_student_edition(built: Path) -> None:
    stems = [Path(p).with_suffix("").as_posix() for p in tool.teacher_only_pages()]
    for path in (built / "student").rglob("*"):
        rel = path.relative_to(built / "student").as_posix()
        for stem in stems:
            assert not rel.startswith(f"teacher-guide/{stem}") and f"teacher-guide/{stem}." not in rel, rel
    index = (built / "student" / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    assert not [d for d in data["docnames"] if d.startswith("teacher-guide/") and d != "teacher-guide/capstone-rubric"]
    teacher_index = (built / "teacher" / "searchindex.js").read_text(encoding="utf-8")
    assert "teacher-guide/answer-key" in teacher_index  # the check above can fail


def page_chunks(path: Path) -> list[str]:
    """Distinctive runs of a teacher-guide page's prose (Markdown syntax removed), 60 characters each."""
    chunks = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "|", "```", "    ")) or len(line) < 70:
            continue
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        plain = normalise(re.sub(r"[*`]", "", plain))
        if len(plain) >= 70:
            chunks.append(plain[5:65])
    return chunks


def student_facing_sources() -> str:
    """The text students are meant to see: notebooks, data documentation, student-facing guide pages.
    A teacher page may quote it (the discussion notes repeat each notebook's questions)."""
    texts = [(ROOT / "data" / "README.md").read_text(encoding="utf-8")]
    texts += [(ROOT / "teacher-guide" / p).read_text(encoding="utf-8") for p in tool.STUDENT_GUIDE_PAGES]
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        texts.append(" ".join(_strings(json.loads(nb.read_text(encoding="utf-8"))["cells"])))
    return normalise(re.sub(r"[*`]", "", " ".join(texts)))


def test_no_text_of_a_teacher_only_page_in_the_student_edition(
    student: dict[str, str], teacher: dict[str, str]
) -> None:
    student_text = "\n".join(student.values())
    allowed = student_facing_sources()
    teacher_text = "\n".join(teacher.values())
    checked = 0
    for rel in tool.teacher_only_pages():
        chunks = page_chunks(ROOT / "teacher-guide" / rel)
        if not chunks:
            continue
        in_teacher = [c for c in chunks if c in teacher_text]
        assert len(in_teacher) >= 0.6 * len(chunks), f"the detector does not find {rel} in the teacher edition"
        shared = [c for c in in_teacher if c in student_text and c not in allowed]
        assert not shared, f"{rel}: {len(shared)} passages appear in the student edition, e.g. {shared[0]!r}"
        checked += len(in_teacher)
    assert checked > 100


def test_no_answer_in_the_student_edition(student: dict[str, str], teacher: dict[str, str]) -> None:
    # The detector must find the answer key in the teacher edition, or it proves nothing.
    key = {k: v for k, v in teacher.items() if k == "teacher-guide/answer-key.html"}
    found = {leak.split(": ")[1] for leak in find_leaks(key) if "'Answer.'" in leak}
    assert len(found) == len(exercises()), f"the detector finds only {len(found)} answers in the answer key"
    leaks = find_leaks(student)
    assert not leaks, f"{len(leaks)} answers in the student edition, e.g. {leaks[:8]}"


def test_pages_carry_stored_outputs_and_figure_descriptions(built: Path) -> None:
    page = (built / "student" / "notebooks" / "06_escapees.html").read_text(encoding="utf-8")
    assert "Figure description:" in page and "<img" in page
    assert "Not answered yet" in page  # exercise feedback as stored
    for img in re.findall(r"<img [^>]*>", page):
        if "_images/" in img:
            alt = re.search(r'alt="([^"]*)"', img).group(1)
            assert len(alt.split()) >= 8 and "_images" not in alt, img[:200]


def test_no_widget_javascript_or_cdn_in_either_edition(built: Path) -> None:
    for path in built.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget" not in page, path
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', page), path


def test_display_code_is_collapsed_and_exercise_code_visible(built: Path) -> None:
    page = (built / "student" / "notebooks" / "03_commitments.html").read_text(encoding="utf-8")
    cells = re.split(r'<div class="cell[ "]', page)[1:]
    hidden = [c for c in cells if "tag_hide-input" in c[:200]]
    assert any("new_figure" in c for c in hidden)
    for cell in cells:
        code = re.sub(r"<[^>]+>", "", cell.split('<div class="cell_output')[0])
        if "helpers.check(" in html.unescape(code):
            assert "tag_hide-input" not in cell[:200], code[:120]


def test_korean_and_japanese_text_is_tagged(built: Path) -> None:
    page = (built / "student" / "notebooks" / "glossary.html").read_text(encoding="utf-8")
    assert re.search(r'<span lang="ko">[\uac00-\ud7af]', page)
    assert re.search(r'<span lang="ja">[\u3040-\u30ff\u4e00-\u9fff]', page)
    assert tool.tag_languages("<p>탈북민 and 拉致問題 and ひらがな</p>") == (
        '<p><span lang="ko">탈북민</span> and <span lang="ja">拉致問題</span> and <span lang="ja">ひらがな</span></p>'
    )
    assert tool.tag_languages("<script>var a='탈북민'</script>") == "<script>var a='탈북민'</script>"


def test_links_between_notebooks_resolve(built: Path) -> None:
    page = (built / "student" / "notebooks" / "06_escapees.html").read_text(encoding="utf-8")
    assert re.search(r'href="00_start_here.html(#[^"]*)?"', page)
    assert 'href="glossary.html' in page


def test_nothing_is_written_into_the_repository(built: Path) -> None:
    assert not any((ROOT / "site").glob("**/*.doctree"))
    assert not any((ROOT / "notebooks").glob("*.html"))


# --- one place for the repository URL --------------------------------------------------------------


def test_repository_url_lives_in_pyproject_and_everything_follows_it(built: Path) -> None:
    urls = tool.project_urls()
    repo, home = urls["Repository"], urls["Homepage"]
    slug = tool.github_slug(repo)
    links = tool.launch_links()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert links["binder"] in readme, "README's Binder link does not match [project.urls] Repository"
    assert links["nbgitpuller"] in readme, "README's nbgitpuller link does not match [project.urls] Repository"
    assert home in readme
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["repository-code"] == repo
    assert citation["url"] == home
    page = (built / "student" / "notebooks" / "06_escapees.html").read_text(encoding="utf-8")
    assert f"https://mybinder.org/v2/gh/{slug}/main?urlpath=lab/tree/notebooks/06_escapees.ipynb" in page
    for path in [
        ROOT / "README.md",
        ROOT / "CITATION.cff",
        ROOT / "site" / "conf.py",
        ROOT / "site" / "index.md",
        *built.rglob("*.html"),
    ]:
        assert "OWNER/REPO" not in path.read_text(encoding="utf-8"), path


def test_github_slug_rejects_a_non_github_address() -> None:
    with pytest.raises(ValueError, match="github.com"):
        tool.github_slug("https://example.org/x")
