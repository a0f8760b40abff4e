"""Hostile data is inert on the built site too: no script planted in the data ever runs in a reader's browser.

The notebooks are executed against a copy of data/ with HTML, script and Markdown payloads in every
free-text field (the same poisoning as tests/test_hostile_data.py), the site's student and teacher
editions are built from those outputs in a temporary copy of the sources, and every page is opened in
headless Debian Chromium with every request outside the site blocked. Any ``alert`` dialog is counted:
there must be none. data/ and the repository are never written.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import shutil
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from chromium import ARGS, CHROMIUM  # noqa: E402  (tools/ is not a package)

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (apt install chromium)"),
]


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("myst_nb")
    import os

    import nbformat
    from nbclient import NotebookClient
    from nbexec import sliced_polls

    sys.path.insert(0, str(ROOT / "tests"))
    hostile = _module("hostile_data", ROOT / "tests" / "test_hostile_data.py")
    tmp = tmp_path_factory.mktemp("hostile-site")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    assert hostile.poison(data) > 500
    # a throw-away copy of what the site is built from, with the notebooks executed against the poisoned data
    src = tmp / "repo"
    for folder in ("site", "teacher-guide"):
        shutil.copytree(ROOT / folder, src / folder)
    (src / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "README.md", src / "data" / "README.md")
    shutil.copy(ROOT / "pyproject.toml", src / "pyproject.toml")
    (src / "notebooks").mkdir()
    old = {k: os.environ.get(k) for k in ("NKHR_DATA_DIR", "NKHR_WORK_DIR")}
    os.environ["NKHR_DATA_DIR"], os.environ["NKHR_WORK_DIR"] = str(data), str(tmp / "work")
    try:
        for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            sliced_polls(
                NotebookClient(
                    nb,
                    timeout=120,
                    kernel_name="python3",
                    allow_errors=True,
                    resources={"metadata": {"path": str(ROOT / "notebooks")}},
                )
            ).execute()
            nbformat.write(nb, src / "notebooks" / path.name)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    tool = _module("build_site_hostile", ROOT / "tools" / "build_site.py")
    tool.ROOT = src
    out = tmp / "built"
    for edition in ("student", "teacher"):
        result = tool.build(out / edition, edition=edition)
        assert result.returncode == 0, result.stderr[-2000:]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield tool, out, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_no_planted_script_runs_on_any_page(hostile_site, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    tool, out, url = hostile_site
    dialogs: list[str] = []
    pages = 0
    text_seen = False
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS
        )
        try:
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
            for edition in ("student", "teacher"):
                for path in tool.pages(out / edition):
                    rel = path.relative_to(out).as_posix()
                    page.goto(f"{url}/{rel}", wait_until="load")
                    page.wait_for_timeout(50)
                    pages += 1
                    text_seen = text_seen or "alert(" in page.inner_text("body")
        finally:
            context.close()
    assert pages > 20
    assert text_seen, "the payload never reached a page as text: the poisoning did not take"
    assert not dialogs, f"{len(dialogs)} dialogs from planted scripts:\n" + "\n".join(dialogs[:10])
