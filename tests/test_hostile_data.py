"""Hostile data is inert: markup planted in every free-text field never reaches an output as markup.

A copy of data/ gets HTML, script and Markdown payloads appended to every free-text cell that code
does not parse (dates, ids, codes, lists and the statement's own text keep their values, so the
notebooks still compute the same answers). Every notebook is then executed against that copy
(``NKHR_DATA_DIR``) and every stored output is scanned: a payload may appear only escaped
(``&lt;script&gt;``, ``\\[``), never as live markup. data/ itself is never written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import helpers
from conftest import DATA, NOTEBOOKS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from nbexec import sliced_polls

PAYLOAD = ' <script>alert("xss")</script><img src=x onerror=alert(1)> [x](javascript:alert(2)) **b**'
RAW_MARKUP = [
    re.compile(r"<script\b", re.IGNORECASE),
    re.compile(r"<img\b[^>]*onerror", re.IGNORECASE),
]
#: Errors that are the collection refusing, with a message, to draw a chart that would not read (payloads
#: make category labels far too long): a safe outcome here, not a failure to handle the text.
REFUSALS = {"ChartLayoutError"}
#: A Markdown link is live markup only in Markdown; in HTML the same characters are plain text.
MARKDOWN_ONLY = [re.compile(r"(?<!\\)\]\(javascript:", re.IGNORECASE)]
#: Free text that code parses or compares, so a payload would change what the notebook computes.
PARSED = re.compile(
    r"(^|_)(date|published|as_of|start|end|enacted|in_force|expires|seen_on|adopted|period|term)"
    r"|^(follow_with|symbol|report_para|figure_para|mandate_reference|exact_phrase|text|verb|action_verb"
    r"|against_members|abstaining_members|requested_by|actors|country|name_variants|term_en|term_ko|term_ja"
    r"|also_known_as|meeting_record|request_letter|report_symbol|interview_period|claimant|estimator|unit"
    r"|figure_group|city|category|rome_statute_act|sub_addressee|figure_label)$"
)


def free_text_fields(pkg: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in pkg["resources"]:
        schema = r.get("schema")
        if not schema:
            continue
        keys = schema.get("primaryKey", [])
        keys = [keys] if isinstance(keys, str) else list(keys)
        for fk in schema.get("foreignKeys", []):
            keys += [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        for f in schema["fields"]:
            c = f.get("constraints", {})
            name = f["name"]
            if (
                f.get("type", "string") == "string"
                and "enum" not in c
                and "pattern" not in c
                and name not in keys
                and name != "source_ids"
                and not name.endswith(("_id", "_ids", "_precision"))
                and not PARSED.search(name)
            ):
                out.setdefault(r["name"], []).append(name)
    return out


def poison(directory: Path) -> int:
    pkg = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["name"]: r["path"] for r in pkg["resources"]}
    cells = 0
    for name, fields in free_text_fields(pkg).items():
        path = directory / paths[name]
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        for row in rows:
            for f in fields:
                if row[f]:
                    row[f] = row[f] + PAYLOAD
                    cells += 1
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    return cells


def raw_markup(nb: nbformat.NotebookNode) -> list[str]:
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            # Streams and text/plain are shown as text, and image metadata (alt) is set as a DOM property:
            # only the rich forms a front end renders as markup can carry live markup.
            for mime, value in out.get("data", {}).items():
                if mime not in ("text/html", "text/markdown", "image/svg+xml", "text/latex"):
                    continue
                text = value if isinstance(value, str) else "".join(value)
                for rx in RAW_MARKUP + (MARKDOWN_ONLY if mime == "text/markdown" else []):
                    m = rx.search(text)
                    if m:
                        found.append(f"cell {i}: {mime}: ...{text[max(0, m.start() - 60) : m.end() + 20]!r}")
    return found


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    target = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA, target)
    cells = poison(target)
    assert cells > 500, f"only {cells} cells poisoned"
    helpers.validate(data_dir=target)  # the hostile copy is still valid data
    return target


def test_every_free_text_field_is_poisoned_and_the_data_still_validates(hostile_data: Path) -> None:
    text = (hostile_data / "commitment_followup.csv").read_text(encoding="utf-8")
    assert "<script>" in text


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_hostile_data_never_reaches_an_output_as_markup(
    path: Path, hostile_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    nb = nbformat.read(path, as_version=4)
    monkeypatch.setenv("NKHR_DATA_DIR", str(hostile_data))
    monkeypatch.setenv("HOME", str(tmp_path))  # the friendly work folder, if a notebook saves, lands here
    sliced_polls(
        NotebookClient(
            nb, timeout=120, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(NOTEBOOKS)}}
        )
    ).execute()
    errors = [
        c.source.splitlines()[0]
        for c in nb.cells
        if c.cell_type == "code"
        and any(o.get("output_type") == "error" and o.get("ename") not in REFUSALS for o in c.get("outputs", []))
        and "raises-exception" not in c.metadata.get("tags", [])
    ]
    assert not errors, f"{path.name}: cells fail with hostile text in the data: {errors}"
    found = raw_markup(nb)
    assert not found, f"{path.name}: data text reached an output as live markup:\n" + "\n".join(found[:10])
    assert os.environ["NKHR_DATA_DIR"] == str(hostile_data)
