"""Benchmark: is a notebook's Run-All little more than starting its kernel?

    python tools/benchmark.py            # everything (about two minutes)
    python tools/benchmark.py --no-suite # skip timing the whole test suite

Prints, per notebook, the Run-All time beside an empty notebook's (the kernel-start
floor); the test-suite time beside its floor (pytest start + one kernel start per
notebook); `import helpers`; and loading every dataset cold. Budgets (from the
foundation issue): Run-All <= empty + 1.0 s; suite <= 2 x floor; import <= 0.5 s;
all datasets <= 0.3 s. This is a measurement, not a test: it never fails the build.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def run_all(nb: nbformat.NotebookNode, cwd: Path) -> float:
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def median_of(fn, repeats: int) -> float:
    return statistics.median(fn() for _ in range(repeats))


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=False, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-suite", action="store_true")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    empty = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    empty.cells = [nbformat.v4.new_code_cell("pass")]
    floor = median_of(lambda: run_all(empty, ROOT / "notebooks"), args.repeats)
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    print(f"Kernel-start floor (empty notebook, median of {args.repeats}): {floor:.2f} s\n")
    print(f"{'notebook':45} {'Run-All':>8} {'- floor':>8}  budget (<= floor + 1.0 s)")
    over = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        t = median_of(lambda: run_all(nb, path.parent), args.repeats)
        ok = t <= floor + 1.0
        over += not ok
        print(f"{path.name:45} {t:7.2f}s {t - floor:7.2f}s  {'ok' if ok else 'OVER'}")

    bare = median_of(lambda: wall([PY, "-c", "pass"]), 5)
    imp = median_of(lambda: wall([PY, "-c", "import helpers"]), 5)
    with_pandas = median_of(lambda: wall([PY, "-c", "import helpers, pandas"]), 5)
    load_all = "import helpers, pandas\nfor n in helpers.list_datasets():\n    helpers.read_text(n) if n == 'statement_text' else helpers.load(n)"
    load = median_of(lambda: wall([PY, "-c", load_all]), 5)
    print(f"\nimport helpers: {imp - bare:.3f} s beyond interpreter start ({imp:.3f} s in all)   budget <= 0.5 s: {'ok' if imp - bare <= 0.5 else 'OVER'}")
    print(f"load, check and type every dataset, cold (pandas already imported, {with_pandas - imp:.2f} s): {load - with_pandas:.3f} s   budget <= 0.3 s: {'ok' if load - with_pandas <= 0.3 else 'OVER'}")

    if not args.no_suite:
        start_pytest = median_of(lambda: wall([PY, "-m", "pytest", "-q", "--co", "tests/test_plots.py"]), 3)
        suite_floor = start_pytest + len(paths) * floor
        suite = wall([PY, "-m", "pytest", "-q", "-n", str(args.jobs), "--dist", "loadfile"])
        print(f"\ntest suite (-n {args.jobs}): {suite:.1f} s; floor = pytest start {start_pytest:.1f} s + {len(paths)} kernel starts x {floor:.2f} s = {suite_floor:.1f} s")
        print(f"suite / floor = {suite / suite_floor:.2f}   budget <= 2.0: {'ok' if suite <= 2 * suite_floor else 'OVER'}")
    print(f"\n{over} notebook(s) over budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
