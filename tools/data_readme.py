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

from _generated import run  # noqa: E402

import helpers  # noqa: E402

TARGET = ROOT / "data" / "README.md"

#: The tables about UN action or the COI: at least PRIMARY_TARGET of their rows must cite
#: a primary source (tests/test_data_package.py reads this list; it is kept in one place).
UN_COI_TABLES: tuple[str, ...] = (
    "coi_report_structure",
    "coi_mandate_areas",
    "coi_methods",
    "coi_findings",
    "coi_crimes",
    "coi_recommendations",
    "un_resolutions",
    "unsc_meetings",
    "special_rapporteurs",
    "upr_cycles",
    "ohchr_milestones",
    "unsc_votes_by_country",
)
PRIMARY_TARGET = 0.80
#: UN tables still under the 80 % primary aim: their rows cite news where no stored UN copy showed the figures.
#: The test is a strict xfail, so a table that reaches the aim must be taken out of this set.
PRIMARY_TARGET_PENDING: frozenset[str] = frozenset()


def primary_share(name: str) -> tuple[int, int] | None:
    """(rows citing at least one primary source, rows) for a table with source_ids; None otherwise.

    A source is primary when its ``reliability`` in sources.csv is ``primary`` (the body that made the
    decision or collected the figure: UN documents, government releases and statistics, laws).
    """
    resources = {r["name"]: r for r in helpers.data.package()["resources"]}
    if name == "sources" or "schema" not in resources[name]:
        return None
    frame = helpers.load(name)
    if "source_ids" not in frame.columns:
        return None
    reliability = helpers.load("sources").set_index("id")["reliability"]
    hits = sum(any(reliability[i] == "primary" for i in helpers.split_list(ids)) for ids in frame["source_ids"])
    return int(hits), len(frame)


def share_text(counts: tuple[int, int]) -> str:
    hits, rows = counts
    return f"{hits} of {rows} rows ({100 * hits / rows:.1f} %)" if rows else "no rows"


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

## How much rests on primary sources

A row counts as primary-sourced when at least one of its `source_ids` is a source whose `reliability`
in `sources.csv` is `primary` (the body that made the decision or collected the figure). The tables about
UN action and the COI aim at 80 % or more.

{share_table}

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
    lines = ["| dataset | rows citing a primary source | share |", "|---|---|---|"]
    for r in package["resources"]:
        counts = primary_share(r["name"])
        if counts is None:
            continue
        hits, rows = counts
        target = " (UN/COI table: target 80 %)" if r["name"] in UN_COI_TABLES else ""
        lines.append(
            f"| `{r['name']}`{target} | {hits} of {rows} | {100 * hits / rows:.1f} % |"
            if rows
            else f"| `{r['name']}` | 0 of 0 | - |"
        )
    parts = [INTRO.replace("{share_table}", "\n".join(lines))]
    for r in package["resources"]:
        info = helpers.describe(r["name"])
        parts.append(f"### `{r['name']}`\n")
        parts.append(f"**{r['title']}** (file `{r['path']}`)\n")
        parts.append(r["description"].strip() + "\n")
        size = f"{info.rows} rows" if info.rows is not None else "text"
        parts.append(f"- Coverage: {r.get('coverage', 'not stated')}; facts current to {r['currentTo']}; {size}.")
        parts.append(f"- Licence: {info.licence}.")
        counts = primary_share(r["name"])
        if counts is not None:
            parts.append(f"- Primary sources: {share_text(counts)} cite at least one primary source.")
        parts.append(
            f"- Sources: {len(info.sources)} "
            f"({', '.join(info.sources[:12])}{', ...' if len(info.sources) > 12 else ''}).\n"
        )
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
