"""Debian's Chromium, as every tool and browser test of the collection drives it (never a downloaded browser)."""

from __future__ import annotations

import shutil

#: The executable Playwright is pointed at (``sudo apt install chromium``; `.ci/run` installs it).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Headless, no sandbox (CI runs as root), and nothing Chromium would fetch on its own.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
