"""Check every internal link of a built static site, offline.

    python tools/check_links.py site/_build/student site/_build/teacher

For each HTML page: every ``href``/``src`` that points inside the site must name a file that exists, and a
``#fragment`` must name an ``id`` (or ``<a name>``) on the target page. Links to other sites are counted,
not followed (this needs no network). Exit status 1 lists every broken link as ``page: link (reason)``.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIP_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript", "ftp"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(name):
                self.anchors.add(values[name])
        for name in ("href", "src"):
            link = values.get(name)
            if link and not (tag == "link" and "preconnect" in (values.get("rel") or "")):
                self.links.append(link)


def _parse(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = page
    return cache[path]


def check(root: Path) -> tuple[list[str], int, int]:
    """Return (problems, internal links checked, external links seen) for the site in *root*."""
    root = root.resolve()
    if not root.is_dir():
        return [f"{root}: no such folder (build the site first)"], 0, 0
    cache: dict[Path, _Page] = {}
    problems: list[str] = []
    internal = external = 0
    pages = sorted(root.rglob("*.html"))
    if not pages:
        problems.append(f"{root}: no HTML pages")
    for page_path in pages:
        page = _parse(page_path, cache)
        shown = page_path.relative_to(root)
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in SKIP_SCHEMES or link.startswith("//"):
                external += 1
                continue
            if parts.scheme:
                problems.append(f"{shown}: {link} (unknown scheme)")
                continue
            internal += 1
            target = (
                page_path
                if not parts.path
                else (
                    root / unquote(parts.path).lstrip("/")
                    if parts.path.startswith("/")
                    else page_path.parent / unquote(parts.path)
                )
            )
            target = target.resolve()
            if target.is_dir():
                target = target / "index.html"
            if root not in target.parents and target != root:
                problems.append(f"{shown}: {link} (points outside the site)")
                continue
            if not target.is_file():
                problems.append(f"{shown}: {link} (no such file)")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in _parse(target, cache).anchors:
                problems.append(f"{shown}: {link} (no id {fragment!r} on the page)")
    return problems, internal, external


def main(argv: list[str] | None = None) -> int:
    roots = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    if not roots:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = False
    for root in roots:
        problems, internal, external = check(root)
        print(
            f"{root}: {internal} internal links checked, {len(problems)} broken; {external} external links not followed"
        )
        for problem in problems:
            print(f"  {problem}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
