"""Build the static site (Sphinx + myst-nb) from the stored notebook outputs.

    python tools/build_site.py [OUTPUT_DIR]     # default: site/_build/html

The sources are assembled in a temporary folder (site/conf.py and site/index.md,
the notebooks, the teacher guide, data/README.md), so nothing is written into the
repository except the output folder. Nothing is executed and nothing is fetched
from the network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def assemble(target: Path) -> None:
    shutil.copy(ROOT / "site" / "conf.py", target / "conf.py")
    shutil.copy(ROOT / "site" / "index.md", target / "index.md")
    (target / "notebooks").mkdir()
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        shutil.copy(nb, target / "notebooks" / nb.name)
    shutil.copytree(ROOT / "teacher-guide", target / "teacher-guide")
    (target / "data").mkdir()
    shutil.copy(ROOT / "data" / "README.md", target / "data" / "README.md")


def build(output: Path, *, warnings_as_errors: bool = False) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "src"
        source.mkdir()
        assemble(source)
        cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(Path(tmp) / "doctrees"), str(source), str(output)]
        if warnings_as_errors:
            cmd.insert(3, "-W")
        return subprocess.run(cmd, capture_output=True, text=True)


def main() -> int:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site" / "_build" / "html"
    result = build(output)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode == 0:
        print(f"site built: {output / 'index.html'}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
