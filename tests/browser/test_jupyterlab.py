"""End to end: JupyterLab opens the start notebook, runs it, and its widget answers.

Runs headless Debian Chromium through Playwright (never a downloaded browser).
Skipped, with the reason, where /usr/bin/chromium is not installed: `.ci/run`
installs it; on a laptop `sudo apt install chromium` enables the test.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from chromium import ARGS, CHROMIUM  # noqa: E402  (tools/ is not a package)

KERNEL_IDLE = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const kernel =
    widget && widget.sessionContext && widget.sessionContext.session && widget.sessionContext.session.kernel;
  return Boolean(kernel) && kernel.status === 'idle';
}"""

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (apt install chromium)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("playwright.sync_api")
    port, token = free_port(), secrets.token_hex(16)
    # Serve a copy: JupyterLab may autosave what it opens, and tests never write to the repository.
    served = tmp_path_factory.mktemp("served") / "notebooks"
    shutil.copytree(ROOT / "notebooks", served)
    settings = tmp_path_factory.mktemp("lab-settings")
    (settings / "overrides.json").write_text(
        '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}'
    )
    # Every per-user directory is a fresh temporary one: a workspace left by the user's own `make lab`
    # (an extra tab restored) or their settings can never change what the test sees.
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path_factory.mktemp("user-settings")),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path_factory.mktemp("workspaces")),
        "JUPYTER_RUNTIME_DIR": str(tmp_path_factory.mktemp("runtime")),
        "JUPYTER_CONFIG_DIR": str(tmp_path_factory.mktemp("config")),
        "IPYTHONDIR": str(tmp_path_factory.mktemp("ipython")),
        "NKHR_WORK_DIR": str(served / "work"),
    }  # saved briefs go to the served copy, never the repository
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
        f"--ServerApp.root_dir={served}",
        f"--LabApp.app_settings_dir={settings}",
        f"--LabApp.workspaces_dir={env['JUPYTERLAB_WORKSPACES_DIR']}",
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    server = subprocess.Popen(cmd, cwd=served, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("JupyterLab did not start within 30 s")
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_token_is_required(lab) -> None:
    base, _ = lab
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"{base}/api/contents/00_start_here.ipynb", timeout=5)
    assert info.value.code == 403


def test_start_notebook_runs_and_its_widget_answers(lab, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    base, token = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"{base}/lab/tree/00_start_here.ipynb?token={token}&reset", timeout=60_000)
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            page.wait_for_function(
                "window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')", timeout=60_000
            )
            page.wait_for_function(KERNEL_IDLE, timeout=90_000)
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            dropdown = page.locator(".widget-dropdown select").first
            dropdown.wait_for(timeout=60_000)
            # the kernel printed the default description into the widget's output
            page.wait_for_selector(
                ".widget-output :text('Bibliography: every source behind every row')", timeout=60_000
            )
            dropdown.select_option("glossary")
            page.wait_for_selector(
                ".widget-output :text('Glossary of terms, in English, Korean and Japanese')", timeout=30_000
            )
            # exercises gave their feedback
            page.wait_for_selector(":text('[00-statement-date] Not answered yet')", timeout=30_000)
        finally:
            page.screenshot(path=str(tmp_path / "lab.png"))
            browser.close()


SET_CELL = """([needle, source]) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets;
  const index = cells.findIndex(c => c.model.sharedModel.getSource().includes(needle));
  if (index < 0) { throw new Error('no cell contains ' + needle); }
  cells[index].model.sharedModel.setSource(source);
  panel.content.activeCellIndex = index;
  return index;
}"""


def _open_and_run_all(page, base: str, token: str, name: str) -> None:
    # ?reset: start from an empty workspace, so a tab left open by an earlier test is never current
    page.goto(f"{base}/lab/tree/{name}?token={token}&reset", timeout=60_000)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(
        "window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')", timeout=60_000
    )
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)


def _run_cell(page, needle: str, source: str) -> int:
    index = page.evaluate(SET_CELL, [needle, source])
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-cell')")
    page.wait_for_function(KERNEL_IDLE, timeout=60_000)
    return index


def _feedback(page, index: int) -> tuple[str, str]:
    """The visible feedback box of cell *index*: its text and its left-border colour."""
    box = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".nkhr-feedback")
    box.wait_for(timeout=30_000)
    return box.inner_text(), box.evaluate("e => getComputedStyle(e).borderLeftColor")


def test_a_novice_gets_visible_feedback_and_saves_a_capstone_brief(lab, tmp_path: Path) -> None:
    """Through the browser: a wrong answer (a red cross and a hint), then a right one (a green tick); then the
    assessment written in the Markdown cell, checked, and saved as one HTML brief in the work folder."""
    from playwright.sync_api import sync_playwright

    import helpers

    base, token = lab
    model = helpers.exercise("10-assessment")["answer"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            _open_and_run_all(page, base, token, "10_capstone.ipynb")
            cell = _run_cell(
                page, 'helpers.check("10-strongest-count"', 'answer = 7\nhelpers.check("10-strongest-count", answer)'
            )
            text, colour = _feedback(page, cell)
            assert "\u2717" in text and "Not yet" in text, text
            assert colour == "rgb(164, 22, 26)", colour
            _run_cell(
                page, 'helpers.check("10-strongest-count"', 'answer = 8\nhelpers.check("10-strongest-count", answer)'
            )
            text, colour = _feedback(page, cell)
            assert "\u2713" in text and "Correct" in text, text
            assert colour == "rgb(26, 127, 55)", colour
            # the assessment goes in the Markdown cell tagged "assessment"; the notebook is saved, then checked
            page.evaluate(SET_CELL, ["Double-click here and replace this paragraph", model])
            page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
            page.wait_for_function("!window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000)
            cell = _run_cell(
                page,
                "helpers.capstone.assessment_text()",
                page.evaluate(
                    "() => window.jupyterapp.shell.currentWidget.content.widgets"
                    ".map(c => c.model.sharedModel.getSource())"
                    ".find(s => s.includes('helpers.capstone.assessment_text()'))"
                ),
            )
            text, _ = _feedback(page, cell)
            assert "\u2713" in text and "Recorded" in text, text
            cell = _run_cell(
                page, "helpers.capstone.save_brief(", "helpers.capstone.save_brief(my_commitment, quote=quote)"
            )
            output = page.locator(".jp-Notebook .jp-Cell").nth(cell).locator(".jp-OutputArea")
            output.get_by_text("brief-C06.html").first.wait_for(timeout=30_000)
            # the file is in the served copy's work folder, reachable from JupyterLab's file browser
            saved = json.loads(
                urllib.request.urlopen(
                    f"{base}/api/contents/work/brief-C06.html?token={token}&content=1", timeout=10
                ).read()
            )
            assert saved["type"] == "file" and "C06" in saved["content"] and model.split()[0] in saved["content"]
        finally:
            page.screenshot(path=str(tmp_path / "capstone.png"), full_page=False)
            browser.close()
