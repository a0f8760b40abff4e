"""The built site in a real browser: nothing requested from outside the site, axe-core finds no
serious or critical violation, and the outputs that scroll sideways are counted per page.

Drives headless Debian Chromium through Playwright (never a downloaded browser), with its user
data directory in a temp folder. Skipped, with the reason, where /usr/bin/chromium is not
installed; the axe test is skipped where axe-core has not been installed from npm (`.ci/run` does
both: `npm install --prefix .venv/node axe-core@<version>`).
"""

from __future__ import annotations

import collections
import functools
import http.server
import importlib.util
import json
import os
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from chromium import ARGS, CHROMIUM  # noqa: E402  (tools/ is not a package)

AXE = Path(os.environ.get("AXE_CORE_JS", ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"))
WIDTHS = {"desktop": 1280, "phone": 390}

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (apt install chromium)"),
]


def _tool():
    spec = importlib.util.spec_from_file_location("build_site", ROOT / "tools" / "build_site.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output readable
        pass


@pytest.fixture(scope="module")
def served():
    """Both editions, served from 127.0.0.1 on a free port."""
    pytest.importorskip("myst_nb")
    base = _tool().build_cached()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(base)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    sync_api = pytest.importorskip("playwright.sync_api")
    user_data = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(user_data), executable_path=CHROMIUM, headless=True, args=ARGS
        )
        try:
            yield context
        finally:
            context.close()


def page_urls(base: Path, url: str, edition: str) -> list[tuple[str, str]]:
    return [
        (p.relative_to(base / edition).as_posix(), f"{url}/{edition}/{p.relative_to(base / edition).as_posix()}")
        for p in _tool().pages(base / edition)
    ]


SIDEWAYS = """() => {
  const blocks = document.querySelectorAll('div.cell_output pre, div.cell_output table, div.cell_output div.output');
  let wide = 0;
  for (const el of blocks) {
    if (el.scrollWidth > el.clientWidth + 1) wide += 1;
  }
  return {wide: wide, blocks: blocks.length, pageWide: document.documentElement.scrollWidth > window.innerWidth + 1};
}"""

ALTS = "els => els.map(e => [e.getAttribute('alt') || '', e.getAttribute('src')])"


@pytest.fixture(scope="module")
def survey(served, browser) -> dict:
    """Every page of both editions at both widths, once, with every request outside the site
    blocked and recorded; on the student edition also axe-core, chart alt texts and wide blocks."""
    base, url = served
    local = urlparse(url).netloc
    result: dict = {
        "loads": 0,
        "external": [],
        "axe": {},
        "alts": {},
        "sideways": {},
        "wide_pages": [],
        "axe_ran": AXE.exists(),
    }
    for label, width in WIDTHS.items():
        page = browser.new_page()
        page.set_viewport_size({"width": width, "height": 900})
        current = {"name": ""}

        def route(r, current=current) -> None:
            target = urlparse(r.request.url)
            if target.scheme in ("data", "blob", "about") or target.netloc == local:
                r.continue_()
            else:
                result["external"].append(f"{current['name']}: {r.request.url}")
                r.abort()

        page.route("**/*", route)
        # The student edition at both widths; the teacher edition (the same pages and more, in the
        # same theme) at desktop width, which is enough to show it requests nothing from outside.
        for edition in ("student", "teacher") if label == "desktop" else ("student",):
            for name, page_url in page_urls(base, url, edition):
                current["name"] = f"{edition}/{name}"
                page.goto(page_url, wait_until="load")
                assert page.title(), f"{edition}/{name} did not load"
                result["loads"] += 1
                if edition != "student":
                    continue
                result["sideways"].setdefault(name, {})[label] = page.evaluate(SIDEWAYS)
                if result["sideways"][name][label]["pageWide"]:
                    result["wide_pages"].append(f"{name} @{width}px")
                if label == "desktop" and name.startswith("notebooks/"):
                    result["alts"][name] = page.eval_on_selector_all("div.cell_output img", ALTS)
                if result["axe_ran"]:
                    page.add_script_tag(path=str(AXE))
                    found = page.evaluate(
                        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0].target}))"
                    )
                    result["axe"].setdefault(label, {})[name] = found
        page.close()
    return result


def test_no_page_requests_anything_outside_the_site(survey) -> None:
    print(f"\n{survey['loads']} page loads, {len(survey['external'])} external requests")
    assert survey["loads"] >= 3 * 15
    assert survey["external"] == [], f"{len(survey['external'])} requests left the site, e.g. {survey['external'][:5]}"


def test_axe_finds_no_serious_or_critical_violation(survey) -> None:
    if not survey["axe_ran"]:
        pytest.skip(
            f"axe-core is not installed at {AXE} (npm install --prefix .venv/node axe-core@4.14.1, as .ci/run does)"
        )
    serious: list[str] = []
    summary: dict[str, collections.Counter] = {}
    for label, per_page in survey["axe"].items():
        summary[label] = collections.Counter()
        for name, violations in per_page.items():
            for v in violations:
                summary[label][v["impact"]] += 1
                if v["impact"] in ("serious", "critical"):
                    serious.append(
                        f"{name} @{WIDTHS[label]}px: {v['id']} ({v['impact']}, {v['nodes']} nodes): {v['target']}"
                    )
    print("\naxe-core violations (rule x page) by impact:", json.dumps({k: dict(v) for k, v in summary.items()}))
    assert len(survey["axe"]["desktop"]) >= 15, "axe did not run on every student page"
    assert not serious, "\n".join(serious)


def test_chart_images_have_their_description_as_alt(survey) -> None:
    charts = 0
    for name, alts in survey["alts"].items():
        for alt, src in alts:
            charts += 1
            assert len(alt.split()) >= 8 and not alt.endswith(".png") and "_images" not in alt, (
                f"{name}: {src} has alt {alt!r}"
            )
    print(f"\n{charts} chart images, each with its figure description as alt")
    assert charts >= 20, f"only {charts} chart images found"


def test_no_output_scrolls_sideways(survey) -> None:
    """Counts, per page and width, the output blocks wider than their box: there must be none at
    1280 px or at 390 px, and no whole page may scroll sideways."""
    totals = dict.fromkeys(WIDTHS, 0)
    lines = []
    for name, per_width in survey["sideways"].items():
        for label, counts in per_width.items():
            totals[label] += counts["wide"]
        lines.append(f"  {name}: " + ", ".join(f"{label} {c['wide']}/{c['blocks']}" for label, c in per_width.items()))
    print("\noutput blocks that scroll sideways (wide/all):\n" + "\n".join(lines) + f"\n  total: {totals}")
    assert survey["sideways"], "no page was measured"
    assert not survey["wide_pages"], f"pages wider than the screen: {survey['wide_pages']}"
    assert not any(totals.values()), f"output blocks that scroll sideways: {totals}\n" + "\n".join(lines)
