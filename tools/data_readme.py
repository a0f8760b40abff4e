"""Generate the per-dataset part of data/README.md from data/datapackage.json.

    python tools/data_readme.py --write
    python tools/data_readme.py --check    # exit 1 when out of date (a test does this)

The introduction (how to add a row with its source) is kept in this file's
template; the dataset sections are rebuilt from the package so they cannot drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tools run from a checkout; notebooks never do this
sys.path.insert(0, str(ROOT / "tools"))

import helpers  # noqa: E402
from _generated import run  # noqa: E402

TARGET = ROOT / "data" / "README.md"

INTRO = """# The data package

Every fact the notebooks teach comes from this folder. It is a
[Frictionless Data Package](https://specs.frictionlessdata.io/data-package/): `datapackage.json`
describes each file, its columns (types, constraints, keys) and its licence, and `helpers` checks every
value against that description when it loads a file (`helpers.validate()` checks them all).

**Licence.** The datasets we compiled are released under Creative Commons Attribution 4.0 (CC BY 4.0).
The facts belong to their sources, which are cited row by row; the joint statement is a government text
reproduced for study.

## Rules every file follows

- **Sources.** Every row has a `source_ids` column: one or more ids from `sources.csv` separated by `;`.
  `sources.csv` gives the author or publisher, title, publication date, the URL that was read, the date it
  was checked (`accessed`), the kind of source and whether it is primary or secondary, with a note on
  mirrors, translations and known errors. Primary sources (UN documents, government releases, official
  statistics) are preferred; where only a copy or a report could be read, the note says so.
- **Disagreements are data.** Where sources disagree, or an official figure was revised, each version is
  its own row with its own source and publication date; `preferred = true` marks the one the notebooks
  use and `preferred_reason` says why. Nothing is averaged, rounded away or picked silently.
- **Dates** are ISO 8601. When only the month or year is known, the value is `YYYY-MM` or `YYYY` and a
  column `<name>_precision` says `month` or `year`. No date is later than the dataset's `currentTo`.
- **Numbers are numbers**: no thousands separators; estimates given as ranges have `low` and `high`
  columns (the loader checks low <= high); qualifiers such as "more than" live in their own column.
- **Our own words.** Descriptions and summaries paraphrase their sources; the statement itself is kept
  byte for byte (`joint_statement_2024-10-18.txt`, checked against the shared original by a test).

## How to add a row

1. Find the fact in a source you can cite, preferably a primary one. If the source is not yet in
   `sources.csv`, add a row there first (a new `id`, lower case with hyphens).
2. Add the row to the dataset's CSV, with the source id(s) in `source_ids`. If it is a new version of a
   figure that is already there (a revision, a disagreeing source), add it as a new row and decide which
   row is `preferred`, with the reason.
3. Run `make test-fast` (it validates every file and runs the consistency checks), then `make outputs` so
   the notebooks show the new data, and `make test`.

To add a dataset, see `CONTRIBUTING.md`; then run `python tools/data_readme.py --write` to add its section
below.

## The datasets
"""


def field_line(f: dict) -> str:
    c = f.get("constraints", {})
    extra = []
    if c.get("required"):
        extra.append("required")
    if c.get("unique"):
        extra.append("unique")
    if "enum" in c:
        extra.append("one of: " + ", ".join(map(str, c["enum"])))
    suffix = f" ({'; '.join(extra)})" if extra else ""
    return f"| `{f['name']}` | {f.get('type', 'string')} | {f.get('description', '').strip()}{suffix} |"


def render() -> str:
    package = helpers.data.package()
    parts = [INTRO]
    for r in package["resources"]:
        info = helpers.describe(r["name"])
        parts.append(f"### `{r['name']}`\n")
        parts.append(f"**{r['title']}** (file `{r['path']}`)\n")
        parts.append(r["description"].strip() + "\n")
        size = f"{info.rows} rows" if info.rows is not None else "text"
        parts.append(f"- Coverage: {r.get('coverage', 'not stated')}; facts current to {r['currentTo']}; {size}.")
        parts.append(f"- Licence: {info.licence}.")
        parts.append(f"- Sources: {len(info.sources)} ({', '.join(info.sources[:12])}{', ...' if len(info.sources) > 12 else ''}).\n")
        if "schema" in r:
            schema = r["schema"]
            pk = schema.get("primaryKey")
            keys = [f"primary key `{', '.join(pk) if isinstance(pk, list) else pk}`"] if pk else []
            for fk in schema.get("foreignKeys", []) + schema.get("x-listForeignKeys", []):
                ref = fk["reference"]
                many = " (several, `;`-separated)" if "delimiter" in fk else ""
                keys.append(f"`{fk['fields']}`{many} -> `{ref['resource'] or r['name']}.{ref['fields']}`")
            parts.append(f"- Keys: {'; '.join(keys)}.\n")
            parts.append("| column | type | meaning |\n|---|---|---|")
            parts.extend(field_line(f) for f in r["schema"]["fields"])
            parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def main() -> int:
    return run(render, TARGET, ROOT, __doc__, "python tools/data_readme.py --write")


if __name__ == "__main__":
    sys.exit(main())
