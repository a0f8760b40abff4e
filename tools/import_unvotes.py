"""Build data/un_ga_votes_by_country.csv from Erik Voeten's UN General Assembly voting data.

Maintainer tool: it is run by hand, never by the notebooks or the tests. It reads the
git snapshot of the ``unvotes`` R package repository (github.com/dgrtwo/unvotes, which
ships Voeten's data, dedicated to the public domain under CC0) and writes one row per
country per recorded General Assembly plenary vote on the annual resolution on the
situation of human rights in the DPRK.

Usage::

    .venv/bin/python tools/import_unvotes.py /path/to/unvotes/git-dir [--out data/un_ga_votes_by_country.csv]
    .venv/bin/python tools/import_unvotes.py --reconcile-only

Both forms then (re)write data/un_ga_votes_reconciliation.csv: every plenary count in
un_resolutions set beside the country-by-country totals, with the notes in
RECONCILIATION_NOTES below. A mismatch without a note stops the tool.

The path is a git directory (a bare clone or ``.git``); the files are read with
``git --git-dir=PATH show HEAD:...``, so no work tree is needed and nothing from the
snapshot is copied into this repository.

Needs two packages that the collection itself does not: ``rdata`` (reads R's .rda
files) and ``country-converter`` (its table of ISO codes and UN M49 regions). Install
them with ``pip install rdata country-converter`` (or the ``maintainer`` extra).

Where the vote of each country comes from:

* ``data-raw/UNVotesPublished.RData`` (Voeten's file as downloaded in 2016, up to the
  70th session, 2015) has every member's vote on every roll call, coded 1 yes,
  2 abstain, 3 no, 8 absent, 9 not a member, with Correlates of War country codes;
* ``data/un_votes.rda`` (the package's tidy table, rebuilt from the 2021 download)
  has the country names and ISO 3166 alpha-2 codes but leaves out absences.

The two are joined by matching each Correlates of War code to the country whose
yes/abstain/no record over the 60th-70th sessions is identical. The tool stops with
a message if any code cannot be matched, or if the two files disagree on a tally.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "data" / "un_ga_votes_by_country.csv"
RECONCILIATION = ROOT / "data" / "un_ga_votes_reconciliation.csv"

#: Our note on every un_resolutions version whose counts differ from the country-by-country totals.
RECONCILIATION_NOTES: dict[str, str] = {
    "ga-2007": (
        "The country-by-country record has one yes more and one abstention fewer (102-22-58) than the ROK government's "
        "record of the announced result (101-22-59). No UN copy of the count was found to settle it; both are kept and "
        "the government's is preferred."
    ),
    "ga-2009-yonhap": (
        "Yonhap's same-day count has one yes more than the country-by-country record (98-20-63); not preferred."
    ),
    "ga-2010-asianage": (
        "The undated news page gives one no more and two abstentions fewer than the country-by-country record "
        "(106-20-57); not preferred."
    ),
    "ga-2011-seoulshinmun": (
        "These figures match MBN's count of the 2011 Third Committee vote (112-16-55), "
        "not the plenary's (123-16-51); not preferred."
    ),
    "ga-2014-dw": "One abstention fewer than the country-by-country record (116-20-53); not preferred.",
    "ga-2014-kirby": (
        "Two abstentions more than the country-by-country record (116-20-53): "
        "55 is the committee's figure; not preferred."
    ),
}

#: The recorded plenary votes on the DPRK resolution, as Voeten codes them (``unres``),
#: with the resolution number the collection uses. No later resolution (71/202 to date)
#: was put to a recorded vote, so none can have per-country rows.
RESOLUTIONS: dict[str, str] = {
    "R/60/173": "60/173",
    "R/61/174": "61/174",
    "R/62/167": "62/167",
    "R/63/190": "63/190",
    "R/64/175": "64/175",
    "R/65/225": "65/225",
    "R/66/174": "66/174",
    "R/69/188": "69/188",
    "R/70/172": "70/172",
}
VOTE_CODES = {1: "yes", 2: "abstain", 3: "no", 8: "absent"}  # 9 = not a member: no row
MATCH_SESSIONS = range(60, 71)
SOURCE_ID = "voeten-unvotes-snapshot-2021"
REGION_SOURCE_ID = "coco-country-converter-1-3-2"
#: M49 region names (UN Statistics Division) for country-converter's continent labels.
M49_REGION = {"Africa": "Africa", "America": "Americas", "Asia": "Asia", "Europe": "Europe", "Oceania": "Oceania"}
FIELDS = [
    "vote_id",
    "symbol",
    "session",
    "date",
    "country",
    "iso2",
    "iso3",
    "region",
    "subregion",
    "vote",
    "source_ids",
]


def fail(message: str) -> None:
    print(f"import_unvotes: {message}", file=sys.stderr)
    raise SystemExit(1)


def git_show(git_dir: Path, path: str, dest: Path) -> Path:
    try:
        blob = subprocess.run(
            ["git", f"--git-dir={git_dir}", "show", f"HEAD:{path}"], check=True, capture_output=True
        ).stdout
    except FileNotFoundError:
        fail("git is not installed or not on PATH")
    except subprocess.CalledProcessError as err:
        fail(f"cannot read {path} from {git_dir}: {err.stderr.decode(errors='replace').strip()}")
    if blob.startswith(b"version https://git-lfs"):
        fail(f"{path} is a Git LFS pointer in this snapshot, not the data; fetch the real file first")
    out = dest / Path(path).name
    out.write_bytes(blob)
    return out


def read_r(path: Path, name: str):  # -> pandas.DataFrame
    try:
        import rdata
    except ImportError:
        fail("the 'rdata' package is needed: .venv/bin/python -m pip install rdata")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rdata warns about R classes (Date, tbl_df) it reads as plain data
        return rdata.read_rda(str(path))[name]


def region_table():  # -> pandas.DataFrame indexed by ISO2
    try:
        import country_converter
    except ImportError:
        fail("the 'country-converter' package is needed: .venv/bin/python -m pip install country-converter")
    import pandas as pd

    tsv = Path(country_converter.__file__).with_name("country_data.tsv")
    table = pd.read_csv(tsv, sep="\t", keep_default_na=False, dtype=str)  # keep_default_na: Namibia is "NA"
    for column in ("ISO2", "ISO3"):  # a few codes are regexes such as "^GB$|^UK$": keep the first, the ISO one
        table[column] = table[column].str.split("|").str[0].str.strip("^$")
    return table.set_index("ISO2")[["ISO3", "continent", "UNregion"]]


def build(git_dir: Path) -> list[dict[str, str]]:
    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        full = read_r(git_show(git_dir, "data-raw/UNVotesPublished.RData", Path(tmp)), "x")
        tidy = read_r(git_show(git_dir, "data/un_votes.rda", Path(tmp)), "un_votes")
        calls = read_r(git_show(git_dir, "data/un_roll_calls.rda", Path(tmp)), "un_roll_calls")

    full = full.astype({"rcid": int, "session": int, "vote": int, "ccode": int})
    tidy = tidy.assign(rcid=tidy["rcid"].astype(int), vote=tidy["vote"].astype(str))
    calls = calls.assign(rcid=calls["rcid"].astype(int), date=pd.to_datetime(calls["date"], unit="D"))

    # 1. the roll calls of the DPRK resolutions, and the same tallies in both files
    ours = calls[calls["unres"].isin(RESOLUTIONS)]
    missing = sorted(set(RESOLUTIONS) - set(ours["unres"]))
    if missing:
        fail(f"these resolutions are not in the snapshot's roll calls: {', '.join(missing)}")
    rcids = dict(zip(ours["unres"], ours["rcid"]))
    for unres, rcid in rcids.items():
        a = Counter(VOTE_CODES[v] for v in full.loc[full["rcid"] == rcid, "vote"] if v in (1, 2, 3))
        b = Counter(tidy.loc[tidy["rcid"] == rcid, "vote"])
        if a != b:
            fail(f"{unres}: the 2016 file counts {dict(a)} but the 2021 table counts {dict(b)}")

    # 2. Correlates of War code -> country name and ISO2, by identical voting records
    window = full[full["session"].isin(MATCH_SESSIONS)]
    window_ids = sorted(window["rcid"].unique())
    letters = {1: "y", 2: "a", 3: "n"}
    by_code: dict[int, str] = {}
    for code, rows in window.groupby("ccode"):
        seen = dict(zip(rows["rcid"], rows["vote"]))
        by_code[int(code)] = "".join(letters.get(seen.get(r, 0), ".") for r in window_ids)
    tidy_window = tidy[tidy["rcid"].isin(window_ids)]
    tidy_letters = {"yes": "y", "abstain": "a", "no": "n"}
    by_country: dict[str, tuple[str, str]] = {}
    for (country, iso2), rows in tidy_window.groupby(["country", "country_code"]):
        seen = dict(zip(rows["rcid"], rows["vote"]))
        pattern = "".join(tidy_letters.get(seen.get(r, ""), ".") for r in window_ids)
        by_country[pattern] = (str(country), str(iso2))
    names: dict[int, tuple[str, str]] = {}
    for code, pattern in by_code.items():
        if set(pattern) == {"."}:
            continue  # never a voting member in the window
        if pattern not in by_country:
            fail(f"Correlates of War code {code}: no country in un_votes.rda has the same voting record")
        names[code] = by_country[pattern]

    # 3. one row per country per vote
    regions = region_table()
    rows: list[dict[str, str]] = []
    for unres, rcid in sorted(rcids.items(), key=lambda item: item[1]):
        symbol = RESOLUTIONS[unres]
        date = ours.loc[ours["rcid"] == rcid, "date"].iloc[0].date().isoformat()
        session = symbol.split("/")[0]
        for code, vote in full.loc[full["rcid"] == rcid, ["ccode", "vote"]].itertuples(index=False):
            if vote == 9:
                continue
            if vote not in VOTE_CODES:
                fail(f"{unres}: unexpected vote code {vote} for Correlates of War code {code}")
            if code not in names:
                fail(f"{unres}: Correlates of War code {code} voted but has no name")
            country, iso2 = names[code]
            if iso2 == "YU":  # un_votes.rda keeps the old name for Correlates of War code 345
                # The member was Serbia and Montenegro until Montenegro's independence in June 2006,
                # then Serbia; ISO 3166 coded them CS/SCG and RS/SRB.
                country, iso2 = ("Serbia and Montenegro", "CS") if int(session) <= 60 else ("Serbia", "RS")
            if iso2 == "CS":
                reg = {"ISO3": "SCG", "continent": "Europe", "UNregion": "Southern Europe"}
            elif iso2 not in regions.index:
                fail(f"{country} ({iso2}) is not in country-converter's table")
            else:
                reg = regions.loc[iso2]
            rows.append(
                {
                    "vote_id": f"{symbol.replace('/', '-')}-{iso2.lower()}",
                    "symbol": symbol,
                    "session": session,
                    "date": date,
                    "country": country,
                    "iso2": iso2,
                    "iso3": reg["ISO3"],
                    "region": M49_REGION[reg["continent"]],
                    "subregion": reg["UNregion"],
                    "vote": VOTE_CODES[vote],
                    "source_ids": f"{SOURCE_ID};{REGION_SOURCE_ID}",
                }
            )
    ids = [r["vote_id"] for r in rows]
    if len(ids) != len(set(ids)):
        fail("two rows share a vote_id (two codes matched the same country)")
    rows.sort(key=lambda r: (int(r["session"]), r["country"]))
    return rows


def write_reconciliation(by_country_csv: Path = DEFAULT_OUT, out: Path = RECONCILIATION) -> None:
    """Write the reconciliation table from un_ga_votes_by_country and un_resolutions (see the module docstring)."""
    import pandas as pd

    sys.path.insert(0, str(ROOT))
    import helpers
    from helpers import untrack

    by_country = pd.read_csv(by_country_csv, dtype=str, keep_default_na=False)
    resolutions = helpers.load("un_resolutions")
    table = untrack.reconcile(by_country, resolutions)
    sources = dict(zip(resolutions["version_id"], resolutions["source_ids"]))
    rows = []
    for _, r in table.iterrows():
        if r["status"] == "no version":
            fail(f"{r['symbol']} is in {by_country_csv.name} but has no recorded-vote row in un_resolutions")
        note = RECONCILIATION_NOTES.get(r["version_id"], "")
        if r["status"] == "mismatch" and not note:
            fail(
                f"{r['version_id']}: its counts differ from the country-by-country totals; "
                "add a note to RECONCILIATION_NOTES"
            )
        if r["status"] == "match" and note:
            fail(f"{r['version_id']}: now matches; remove its note from RECONCILIATION_NOTES")
        ids = [i for i in str(sources[r["version_id"]]).split(";") if i]
        if SOURCE_ID not in ids:
            ids.append(SOURCE_ID)
        rows.append(
            {
                **{k: ("" if pd.isna(r[k]) else r[k]) for k in untrack.RECONCILE_COLUMNS},
                "note": note,
                "source_ids": ";".join(ids),
            }
        )
    # the file's column order: the version first, then reconcile()'s columns, then what the table adds
    fields = ["version_id", *(c for c in untrack.RECONCILE_COLUMNS if c != "version_id"), "note", "source_ids"]
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            row["version_preferred"] = "true" if row["version_preferred"] else "false"
            writer.writerow(row)
    status = Counter(r["status"] for r in rows)
    print(f"wrote {len(rows)} rows to {out}: {dict(status)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("git_dir", type=Path, nargs="?", help="git directory of the unvotes repository snapshot")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"CSV to write (default {DEFAULT_OUT})")
    parser.add_argument("--reconcile-only", action="store_true", help="only rewrite the reconciliation table")
    args = parser.parse_args(argv)
    if args.reconcile_only:
        write_reconciliation(args.out)
        return 0
    if args.git_dir is None:
        fail("give the git directory of the unvotes snapshot, or --reconcile-only")
    if not args.git_dir.exists():
        fail(f"{args.git_dir} does not exist; give the git directory of the unvotes snapshot")
    rows = build(args.git_dir)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tally = Counter((r["symbol"], r["vote"]) for r in rows)
    for symbol in RESOLUTIONS.values():
        print(symbol, {v: tally[(symbol, v)] for v in ("yes", "no", "abstain", "absent")})
    print(f"wrote {len(rows)} rows to {args.out}")
    if args.out.resolve() == DEFAULT_OUT.resolve():
        write_reconciliation(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
