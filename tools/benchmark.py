"""Benchmark: how much does a notebook's Run-All cost beyond what any notebook of this collection must pay?

    python tools/benchmark.py                      # every notebook, median of 3 (a few minutes)
    python tools/benchmark.py --repeats 5 06 08    # only notebooks 06 and 08
    python tools/benchmark.py --profile 06         # where the time goes in notebook 06, cell by cell
    python tools/benchmark.py --profile --fresh 06 # the same, every chart drawn afresh

The floor is a notebook that only imports the collection's stack (pandas, matplotlib's Figure, ipywidgets
and helpers): every notebook pays at least that. Runs are interleaved (floor, notebooks, floor, notebooks, ...)
so that a busy machine slows all of them alike, and each ratio is a median over the same run.
Budget: every notebook's Run-All at most 1.3 x the floor. The empty-notebook time (kernel start alone)
and ``import helpers`` (measured inside one process, so it can never come out negative) are printed
for reference. This is a measurement, not a test: it never fails the build.

Each notebook is timed twice a round: as a student runs it (charts that ``make outputs`` stored are shown
from the chart store, helpers/chart_store.py) and with every chart drawn afresh (``NKHR_CHARTS=fresh``, what
a chart you have just changed costs). The budget applies to the first; the second is printed beside it.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BUDGET = 1.3
# matplotlib.figure, not bare matplotlib: `import matplotlib` loads only its settings (0.47 s with the rest of
# the stack, against 0.74 s with the Figure that every chart of the collection is drawn on, measured here);
# the trial's own floor (about 0.7 s of imports) was measured the same way.
STACK = "import pandas\nimport matplotlib.figure\nimport ipywidgets\nimport helpers"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


# One ordinary chart, timed in a warm process (the second of two, so import and font set-up are not in it).
CHART = """
import time, matplotlib.figure, IPython.display
IPython.display.display = lambda *a, **k: None
from helpers import plots
def chart():
    fig, ax = plots.new_figure("Arrivals by year", "Year", "People")
    ax.bar(range(2014, 2026), range(100, 1300, 100))
    plots.show(fig, alt="Bar chart of twelve made-up yearly counts rising from 100 to 1,200, for timing only.")
chart()
t = time.perf_counter(); chart(); print(time.perf_counter() - t)
"""


def count_charts(nb: nbformat.NotebookNode) -> int:
    """Images in the cells' outputs (a widget's own output area is not counted)."""
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    return sum("image/png" in o.get("data", {}) for o in outputs)


def notebook_of(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": dict(KERNELSPEC)})
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def run_all(
    nb: nbformat.NotebookNode, cwd: Path, record_timing: bool = False, charts: str = "store"
) -> tuple[float, nbformat.NotebookNode]:
    """Run every cell in a fresh kernel, as Run-All does; returns (seconds, executed notebook).

    *charts* is the chart store's mode in the kernel: ``store`` (as shipped) or ``fresh`` (draw every chart).
    """
    os.environ["NKHR_CHARTS"] = charts  # the kernel inherits it
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}, record_timing=record_timing
    )
    start = time.perf_counter()
    # The kernel's stderr carries only ipykernel's transport warning here; outputs still arrive over ZMQ.
    client.execute(stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, nb


def in_process(code: str) -> float:
    """Seconds that *code* reports for itself in a fresh interpreter (the median of 5)."""
    runs = []
    for _ in range(5):
        env = {**os.environ, "NKHR_CHARTS": "store"}
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        runs.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(runs)


def _seconds(cell: nbformat.NotebookNode) -> float:
    from datetime import datetime

    timing = cell.metadata.get("execution", {})
    try:
        start = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
    except KeyError:
        return 0.0
    return (end - start).total_seconds()


def profile(path: Path, top: int = 8, charts: str = "store") -> None:
    total, nb = run_all(nbformat.read(path, as_version=4), path.parent, record_timing=True, charts=charts)
    cells = [
        (i, _seconds(c), (c.source.strip().splitlines() or [""])[0])
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
    ]
    in_cells = sum(s for _, s, _ in cells)
    print(f"{path.name}: Run-All {total:.2f} s, {in_cells:.2f} s of it inside cells (the rest: kernel start, messages)")
    for index, seconds, first in sorted(cells, key=lambda c: -c[1])[:top]:
        print(f"  cell {index:3d}  {seconds:6.2f} s  {first[:80]}")


def select(names: list[str]) -> list[Path]:
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if not names:
        return paths
    chosen = [p for p in paths if any(p.name.startswith(n) for n in names)]
    if not chosen:
        raise SystemExit(f"no notebook matches {names}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="number prefixes such as 06 (default: all)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="per-cell timing instead of the ratio table")
    parser.add_argument("--fresh", action="store_true", help="with --profile: draw every chart afresh")
    args = parser.parse_args(argv)
    paths = select(args.notebooks)
    # On a student's machine helpers' bytecode is cached (pip install compiles it; an editable install writes
    # __pycache__ on first import). Where PYTHONDONTWRITEBYTECODE is set every kernel would compile helpers
    # again (about 40 ms a notebook more than the floor, which imports fewer modules), so compile it once here.
    compileall.compile_dir(ROOT / "helpers", quiet=1)
    if args.profile:
        for path in paths:
            profile(path, charts="fresh" if args.fresh else "store")
        return 0

    floor_nb, empty_nb = notebook_of(STACK), notebook_of("pass")
    books = {p: nbformat.read(p, as_version=4) for p in paths}
    times: dict[str, list[float]] = {"floor": [], "empty": []}
    for p in paths:
        times[p.name] = []
        times[p.name + " fresh"] = []
    charts: dict[str, int] = {}
    for round_ in range(args.repeats):
        print(f"round {round_ + 1} of {args.repeats} ...", file=sys.stderr, flush=True)
        times["empty"].append(run_all(empty_nb, NOTEBOOKS)[0])
        times["floor"].append(run_all(floor_nb, NOTEBOOKS)[0])
        for path, nb in books.items():
            seconds, done = run_all(nb, path.parent)
            times[path.name].append(seconds)
            charts[path.name] = count_charts(done)
            times[path.name + " fresh"].append(run_all(nb, path.parent, charts="fresh")[0])
        times["floor"].append(run_all(floor_nb, NOTEBOOKS)[0])
    floor = statistics.median(times["floor"])
    empty = statistics.median(times["empty"])
    print(f"floor: a notebook that imports {', '.join(STACK.replace('import ', '').splitlines())}: {floor:.2f} s")
    print(f"       (median of {len(times['floor'])}; an empty notebook, kernel start alone: {empty:.2f} s)\n")
    print(f"{'':45} {'as a student runs it':>26}  {'charts drawn afresh':>19}")
    print(f"{'notebook':45} {'charts':>7} {'Run-All':>8} {'x floor':>8}  {'Run-All':>8} {'x floor':>8}")
    over = 0
    for path in paths:
        t = statistics.median(times[path.name])
        fresh = statistics.median(times[path.name + " fresh"])
        ratio = t / floor
        over += ratio > BUDGET
        verdict = "ok" if ratio <= BUDGET else "OVER"
        print(
            f"{path.name:45} {charts[path.name]:7d} {t:7.2f}s {ratio:7.2f}x  {fresh:7.2f}s {fresh / floor:7.2f}x"
            f"  {verdict}"
        )
    print(f"budget: every notebook, as a student runs it, at most {BUDGET} x the floor")
    spread = max(times["floor"]) / min(times["floor"])
    imp = in_process("import time; t = time.perf_counter(); import helpers; print(time.perf_counter() - t)")
    load = in_process(
        "import time, helpers, pandas; t = time.perf_counter()\n"
        "for n in helpers.list_datasets(): helpers.read_text(n) if n == 'statement_text' else helpers.load(n)\n"
        "print(time.perf_counter() - t)"
    )
    chart = in_process(CHART)
    room = (BUDGET - 1) * floor
    print(f"\nimport helpers: {imp * 1000:.0f} ms; load and check every dataset (pandas loaded): {load * 1000:.0f} ms")
    print(
        "one chart not in the store (new_figure, 12 bars, show: its key, layout check, draw, PNG), stack loaded: "
        f"{chart * 1000:.0f} ms;\n"
        f"the budget leaves {room:.2f} s beyond the floor for all of a notebook's own work"
    )
    print(f"{over} notebook(s) over budget; floor runs varied by {spread:.2f}x in this run (a busy machine shows here)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
