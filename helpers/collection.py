"""The collection's map: which notebooks exist, what each covers, and the learning paths.

One list (:data:`NOTEBOOKS`) feeds the start notebook's map and the tests of the
README and teacher guide, so the three cannot drift apart.

``minutes`` is the time to plan for a student new to programming, computed from the
notebooks by ``tools/teaching_metrics.py`` (reading at 150 words a minute plus stated
minutes per exercise, prompt and widget; never below the time a novice was measured
taking). The method is in ``teacher-guide/reading-and-time.md``; a test fails when a
notebook's figure differs from the computed one (``tools/teaching_metrics.py: planned_minutes``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"


@dataclass(frozen=True)
class Notebook:
    number: str
    stem: str
    topic: str
    minutes: int


NOTEBOOKS: tuple[Notebook, ...] = (
    Notebook("00", "00_start_here", "Start here: the collection, how to use it, how sources are cited", 50),
    Notebook("01", "01_reading_the_statement", "Reading the statement closely: who speaks, speech acts, wording", 80),
    Notebook("02", "02_context", "Context: from division to the 18 October 2024 meeting", 160),
    Notebook("03", "03_commitments", "The commitments, one by one, and the COI recommendations they echo", 140),
    Notebook("04", "04_coi_mandate_method_findings", "The Commission of Inquiry: mandate, method, findings", 80),
    Notebook("05", "05_crimes_against_humanity", "Crimes against humanity and the recommendations", 85),
    Notebook("06", "06_escapees", "Escapees: reading the arrival numbers", 95),
    Notebook(
        "07",
        "07_abductees_detainees_pows_families",
        "Abductees, detainees, prisoners of war and separated families",
        130,
    ),
    Notebook("08", "08_un_track", "The UN track since 2014: resolutions, votes, mechanisms", 155),
    Notebook("09", "09_perspectives_and_debates", "Perspectives and debates: weighing positions and evidence", 145),
    Notebook("10", "10_capstone", "Capstone: an evidence brief on one commitment", 150),
)


def status(stem: str, directory: Path | None = None) -> str:
    """'ready' when the notebook exists with stored outputs, 'in preparation' otherwise."""
    if not isinstance(stem, str) or not stem:
        raise TypeError(f"status() takes a notebook's file name without .ipynb, such as '06_escapees', got {stem!r}")
    path = (directory or NOTEBOOK_DIR) / f"{stem}.ipynb"
    if not path.exists():
        return "in preparation"
    nb = json.loads(path.read_text(encoding="utf-8"))
    has_outputs = any(c.get("outputs") for c in nb.get("cells", []) if c.get("cell_type") == "code")
    return "ready" if has_outputs else "draft"


def notebook_map(directory: Path | None = None) -> pd.DataFrame:
    """The sequence of notebooks with topic, time in minutes and status."""
    import pandas as pd

    rows = [
        {
            "notebook": n.number,
            "file": f"{n.stem}.ipynb",
            "topic": n.topic,
            "minutes": n.minutes,
            "status": status(n.stem, directory),
        }
        for n in NOTEBOOKS
    ]
    return pd.DataFrame(rows)
