"""End to end: JupyterLab opens the start notebook, runs it, and its widget answers.

Runs headless Debian Chromium through Playwright (never a downloaded browser).
Skipped, with the reason, where /usr/bin/chromium is not installed: `.ci/run`
installs it; on a laptop `sudo apt install chromium` enables the test.
"""

from __future__ import annotations

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
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]

KERNEL_IDLE = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const kernel = widget && widget.sessionContext && widget.sessionContext.session && widget.sessionContext.session.kernel;
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
    (settings / "overrides.json").write_text('{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}')
    # Every per-user directory is a fresh temporary one: a workspace left by the user's own `make lab`
    # (an extra tab restored) or their settings can never change what the test sees.
    env = {**os.environ,
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path_factory.mktemp("user-settings")),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path_factory.mktemp("workspaces")),
           "JUPYTER_RUNTIME_DIR": str(tmp_path_factory.mktemp("runtime")),
           "JUPYTER_CONFIG_DIR": str(tmp_path_factory.mktemp("config")),
           "IPYTHONDIR": str(tmp_path_factory.mktemp("ipython"))}
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
           "--LabApp.expose_app_in_browser=True", f"--ServerApp.root_dir={served}", f"--LabApp.app_settings_dir={settings}",
           f"--LabApp.workspaces_dir={env['JUPYTERLAB_WORKSPACES_DIR']}"]
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
            page.goto(f"{base}/lab/tree/00_start_here.ipynb?token={token}", timeout=60_000)
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            page.wait_for_function("window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')", timeout=60_000)
            page.wait_for_function(KERNEL_IDLE, timeout=90_000)
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            dropdown = page.locator(".widget-dropdown select").first
            dropdown.wait_for(timeout=60_000)
            # the kernel printed the default description into the widget's output
            page.wait_for_selector(".widget-output :text('Bibliography: every source behind every row')", timeout=60_000)
            dropdown.select_option("glossary")
            page.wait_for_selector(".widget-output :text('(glossary: data/glossary.csv)')", timeout=30_000)
            # exercises gave their feedback
            page.wait_for_selector(":text('[00-statement-date] Not answered yet')", timeout=30_000)
        finally:
            page.screenshot(path=str(tmp_path / "lab.png"))
            browser.close()
