"""The UN track since 2014: pure functions behind notebook 08.

Datasets used (all in ``data/``):

* ``un_resolutions`` - one row per *version* of the adoption record of the annual
  resolution on human rights in the DPRK, in the General Assembly (plenary and
  Third Committee) and the Human Rights Council; exactly one ``preferred`` row
  per body and year;
* ``unsc_meetings`` - Security Council meetings on the DPRK human rights item and
  their procedural votes;
* ``special_rapporteurs`` - the four mandate holders since 2004;
* ``un_ga_votes_by_country`` - one row per country per recorded General Assembly
  plenary vote on the resolution (yes, no, abstain or absent), from Erik Voeten's
  UN voting data;
* ``un_ga_votes_reconciliation`` - each of those votes' totals set beside the
  preferred counts in ``un_resolutions``.

``vote_method`` has three codes: ``recorded_vote``; ``without_vote`` (the UN's
term, also used where a source says "by consensus": the same procedure); and
``not_verified`` (the resolution is on record but how it was adopted was not
verified). :func:`helpers.display.label` shows them as words.

Every function takes a DataFrame and returns a new object; nothing is read from
disk and nothing is changed in place. pandas and ipywidgets are imported inside
the functions, so ``import helpers`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .display import register_labels
from .errors import whole_number
from .plots import remembered

if TYPE_CHECKING:
    import pandas as pd

#: The bodies recorded in ``un_resolutions``, in the order the widget offers them
#: (CHR: the Commission on Human Rights, 2003-2005, replaced by the Council in 2006).
BODIES: tuple[str, ...] = ("GA plenary", "GA Third Committee", "HRC", "CHR")
#: Votes needed to carry a procedural vote in the 15-member Security Council.
PROCEDURAL_MAJORITY = 9
_NO_VOTE = ("without_vote",)
_UNKNOWN = "not_verified"
#: How a country can appear in ``un_ga_votes_by_country``, from most to least support.
VOTES: tuple[str, ...] = ("yes", "abstain", "no", "absent")
_RANK = {"yes": 2, "abstain": 1, "no": 0}
#: Kinds of change between two votes (see :func:`vote_changes`).
CHANGES: tuple[str, ...] = ("towards yes", "away from yes", "to or from absent", "no change")

register_labels(
    {
        # "not_verified" keeps the shared label ("not verified"): other tables use the same code.
        "towards yes": "moved towards yes",
        "away from yes": "moved away from yes",
        "to or from absent": "absent in one of the two",
        "no change": "same vote",
    }
)


def _check_body(body: str) -> None:
    if body not in BODIES:
        raise ValueError(f"body must be one of {', '.join(BODIES)}; got {body!r}")


def _check_range(start: int, end: int) -> None:
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be a year as an int, got {type(value).__name__}: {value!r}")
    if start > end:
        raise ValueError(f"start ({start}) is after end ({end})")


def support_share(yes: int, no: int, abstain: int = 0, *, of: str = "cast") -> float:
    """Return the share (percent) of members voting yes.

    ``of="cast"`` divides by yes + no + abstain (everyone who took part in the
    vote); ``of="yes_no"`` divides by yes + no only (abstentions left out). The
    result is rounded to one decimal place.

    >>> support_share(116, 20, 53)
    61.4
    >>> support_share(116, 20, 53, of="yes_no")
    85.3
    """
    yes, no, abstain = (
        whole_number(name, value, minimum=0) for name, value in (("yes", yes), ("no", no), ("abstain", abstain))
    )
    if of == "cast":
        total = yes + no + abstain
    elif of == "yes_no":
        total = yes + no
    else:
        raise ValueError(f"of must be 'cast' or 'yes_no', got {of!r}")
    if total == 0:
        raise ValueError("no votes were cast, so there is no share")
    return round(100 * yes / total, 1)


def votes(frame: pd.DataFrame, body: str = "GA plenary", start: int = 2005, end: int = 2025) -> pd.DataFrame:
    """Return the preferred adoption record for *body*, one row per year from *start* to *end*.

    Columns: ``year``, ``date``, ``symbol``, ``vote_method``, ``yes``, ``no``,
    ``abstain``, ``share_cast`` (percent yes of votes cast, recorded votes only)
    and ``version_id``. Years with no verified record are absent, not zero.
    """
    import pandas as pd

    _check_body(body)
    _check_range(start, end)
    rows = frame[(frame["body"] == body) & frame["preferred"].fillna(False).astype(bool)]
    rows = rows[(rows["year"] >= start) & (rows["year"] <= end)].sort_values("year")
    shares = [
        support_share(int(y), int(n), int(a)) if m == "recorded_vote" and not pd.isna(y) else float("nan")
        for m, y, n, a in zip(rows["vote_method"], rows["yes"], rows["no"], rows["abstain"])
    ]
    out = rows[["year", "date", "symbol", "vote_method", "yes", "no", "abstain", "version_id"]].copy()
    out.insert(7, "share_cast", pd.array(shares, dtype="Float64"))
    return out.reset_index(drop=True)


def method_changes(frame: pd.DataFrame, body: str = "GA plenary") -> list[tuple[int, str, str]]:
    """Return the turning points in how *body* adopted its resolution.

    A turning point is a year whose ``vote_method`` group (recorded vote, or
    adopted without a vote) differs from that of the previous year on record.
    Years whose method was not verified are skipped. Each item is
    ``(year, before, after)`` with ``before``/``after`` as ``"recorded vote"`` or
    ``"no vote"``.
    """
    table = votes(frame, body, int(frame["year"].min()), int(frame["year"].max()))
    changes: list[tuple[int, str, str]] = []
    previous: str | None = None
    for year, method in zip(table["year"], table["vote_method"]):
        if method == _UNKNOWN:
            continue
        group = "no vote" if method in _NO_VOTE else "recorded vote"
        if previous is not None and group != previous:
            changes.append((int(year), previous, group))
        previous = group
    return changes


def procedural_margins(meetings: pd.DataFrame) -> pd.DataFrame:
    """Return each Security Council procedural vote with its margin over the nine votes needed.

    Columns: ``date``, ``votes_for``, ``votes_against``, ``votes_abstain`` and
    ``margin`` (votes_for minus 9; 0 means the meeting went ahead with no vote to
    spare). Meetings held without a procedural vote are left out.
    """
    rows = meetings[meetings["procedural_vote"].fillna(False).astype(bool)].sort_values("date")
    out = rows[["date", "votes_for", "votes_against", "votes_abstain"]].copy()
    out["margin"] = out["votes_for"] - PROCEDURAL_MAJORITY
    return out.reset_index(drop=True)


def term_years(rapporteurs: pd.DataFrame, as_of: int = 2026) -> pd.DataFrame:
    """Return each Special Rapporteur's start year, end year and length of term in years.

    A missing end (still serving) counts up to *as_of*. Columns: ``name``,
    ``country``, ``start_year``, ``end_year``, ``years``, ``serving``.
    """
    import pandas as pd

    start = rapporteurs["term_start"].str[:4].astype(int)
    serving = rapporteurs["term_end"].isna() | (rapporteurs["term_end"] == "")
    end = rapporteurs["term_end"].where(~serving, str(as_of)).str[:4].astype(int)
    out = pd.DataFrame(
        {
            "name": rapporteurs["name"],
            "country": rapporteurs["country"],
            "start_year": start,
            "end_year": end,
            "years": end - start,
            "serving": serving,
        }
    )
    return out.reset_index(drop=True)


def describe_votes(frame: pd.DataFrame, body: str = "GA plenary", start: int = 2005, end: int = 2025) -> str:
    """One-paragraph text summary of :func:`votes` for *body* between *start* and *end*."""
    table = votes(frame, body, start, end)
    if table.empty:
        return f"{body}: no verified record between {start} and {end}."
    recorded = table[table["vote_method"] == "recorded_vote"].dropna(subset=["yes"])
    no_vote = table[table["vote_method"].isin(_NO_VOTE)]
    parts = [f"{body}, {start}-{end}: {len(table)} years on record"]
    if len(recorded):
        best = recorded.loc[recorded["share_cast"].idxmax()]
        parts.append(
            f"{len(recorded)} recorded votes (highest share yes: {best['share_cast']}% in {int(best['year'])}, "
            f"{int(best['yes'])}-{int(best['no'])}-{int(best['abstain'])})"
        )
    if len(no_vote):
        years = ", ".join(str(int(y)) for y in no_vote["year"])
        parts.append(f"{len(no_vote)} adopted without a vote ({years})")
    return "; ".join(parts) + "."


def vote_explorer(frame: pd.DataFrame, body: str = "GA plenary", start: int = 2005, end: int = 2025) -> Any:
    """Widget: choose a body and a year range; shows :func:`describe_votes` and the :func:`votes` table."""
    import ipywidgets as widgets
    from IPython.display import display

    years = sorted(int(y) for y in frame["year"].dropna().unique())
    body_box = widgets.Dropdown(options=list(BODIES), value=body, description="Body:")
    span = widgets.IntRangeSlider(value=(start, end), min=years[0], max=years[-1], step=1, description="Years:")

    def render(body: str, span: tuple[int, int]) -> None:
        from .display import escape_md, prose, table

        lo, hi = span
        display(prose(escape_md(describe_votes(frame, body, lo, hi))))
        display(
            table(
                votes(frame, body, lo, hi)[["year", "vote_method", "yes", "no", "abstain", "share_cast"]],
                codes=["vote_method"],
                labels={"vote_method": "how adopted", "share_cast": "% yes of votes cast"},
            )
        )

    from .widgets import live

    out = live(render, {"body": body_box, "span": span})
    return widgets.VBox([widgets.HBox([body_box, span]), out])


# --------------------------------------------------------------------------- votes by country


def _need(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in getattr(frame, "columns", [])]
    if missing:
        raise ValueError(f"{name} needs the columns {', '.join(columns)}; missing: {', '.join(missing)}")


_BY_COUNTRY_COLUMNS = ("symbol", "date", "country", "iso2", "region", "vote")


def country_history(by_country: pd.DataFrame, country: str) -> pd.DataFrame:
    """Return one country's vote on every recorded plenary vote, oldest first.

    *country* is a name as in the ``country`` column or an ISO alpha-2 code
    (case-insensitive). Columns: ``symbol``, ``date``, ``vote``. Votes held before
    the country joined the UN are absent. Raises ``ValueError`` for an unknown
    country.
    """
    _need(by_country, _BY_COUNTRY_COLUMNS, "country_history")
    if not isinstance(country, str) or not country.strip():
        raise ValueError(f"country must be a name or an ISO alpha-2 code, got {country!r}")
    key = country.strip().casefold()
    rows = by_country[(by_country["country"].str.casefold() == key) | (by_country["iso2"].str.casefold() == key)]
    if rows.empty:
        raise ValueError(
            f"no country named or coded {country!r} in un_ga_votes_by_country (try an ISO code such as 'KR')"
        )
    return rows.sort_values("date")[["symbol", "date", "vote"]].reset_index(drop=True)


def _change_kind(first: str, last: str) -> str:
    if first == last:
        return "no change"
    if "absent" in (first, last):
        return "to or from absent"
    return "towards yes" if _RANK[last] > _RANK[first] else "away from yes"


def vote_changes(by_country: pd.DataFrame, first: str | None = None, last: str | None = None) -> pd.DataFrame:
    """Compare each country's vote on two recorded votes (default: the first and the last).

    *first* and *last* are resolution numbers such as ``"60/173"``. Countries that
    were not members at both votes are left out. Columns: ``country``, ``iso2``,
    ``region``, ``first_vote``, ``last_vote``, ``change`` (one of :data:`CHANGES`:
    "towards yes" on the scale no < abstain < yes, "away from yes", "to or from
    absent" when the country was absent at one of them, or "no change"), sorted by
    region and country.
    """
    import pandas as pd

    _need(by_country, _BY_COUNTRY_COLUMNS, "vote_changes")
    order = by_country.drop_duplicates("symbol").sort_values("date")["symbol"].tolist()
    if not order:
        raise ValueError("vote_changes needs at least one vote")
    first = order[0] if first is None else first
    last = order[-1] if last is None else last
    for name, symbol in (("first", first), ("last", last)):
        if symbol not in order:
            raise ValueError(f"{name} must be one of {', '.join(order)}; got {symbol!r}")
    a = by_country[by_country["symbol"] == first].set_index("iso2")
    b = by_country[by_country["symbol"] == last].set_index("iso2")
    both = a.index.intersection(b.index)
    out = pd.DataFrame(
        {
            "country": b.loc[both, "country"],
            "iso2": both,
            "region": b.loc[both, "region"],
            "first_vote": a.loc[both, "vote"],
            "last_vote": b.loc[both, "vote"],
        }
    )
    out["change"] = [_change_kind(was, now) for was, now in zip(out["first_vote"], out["last_vote"])]
    return out.sort_values(["region", "country"]).reset_index(drop=True)


def changes_by_region(changes: pd.DataFrame) -> pd.DataFrame:
    """Count the countries of each region by kind of change (a :func:`vote_changes` frame).

    Returns one row per region (alphabetical) and one column per kind in
    :data:`CHANGES`, plus ``total``; zero where a region has no such country.
    """
    _need(changes, ("region", "change"), "changes_by_region")
    counts = changes.groupby(["region", "change"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(CHANGES), fill_value=0).sort_index()
    counts["total"] = counts.sum(axis=1)
    counts.columns.name = None
    return counts.reset_index()


def tally(by_country: pd.DataFrame) -> pd.DataFrame:
    """Count yes / no / abstain / absent for each recorded vote in ``un_ga_votes_by_country``.

    Columns: ``symbol``, ``date`` and one per vote in :data:`VOTES`, oldest vote first.
    """
    _need(by_country, _BY_COUNTRY_COLUMNS, "tally")
    counts = by_country.groupby(["symbol", "date"])["vote"].value_counts().unstack(fill_value=0)
    counts = counts.reindex(columns=list(VOTES), fill_value=0)
    counts.columns.name = None
    return counts.reset_index().sort_values("date").reset_index(drop=True)


def reconcile(by_country: pd.DataFrame, resolutions: pd.DataFrame) -> pd.DataFrame:
    """Set each vote's country-by-country totals beside every plenary count of it in ``un_resolutions``.

    One row per ``un_resolutions`` version of a General Assembly plenary recorded
    vote whose ``symbol`` is in *by_country* (preferred or not): ``symbol``,
    ``version_id``, ``version_preferred`` (whether that version is the preferred
    one), the version's ``yes``/``no``/``abstain``, the country-by-country
    ``yes_by_country``, ``no_by_country``, ``abstain_by_country`` and
    ``absent_by_country``, and ``status``: ``match`` or ``mismatch`` (or
    ``no count`` when the version gives none). A vote in *by_country* that no
    version mentions gets a row with ``status`` ``no version``. Nothing is dropped.
    """
    import pandas as pd

    counts = tally(by_country).set_index("symbol")
    plenary = resolutions[(resolutions["body"] == "GA plenary") & (resolutions["vote_method"] == "recorded_vote")]
    plenary = plenary[plenary["symbol"].isin(counts.index)]
    rows = []
    for _, v in plenary.sort_values(["year", "version_id"]).iterrows():
        c = counts.loc[v["symbol"]]
        row = {
            "symbol": v["symbol"],
            "version_id": v["version_id"],
            "version_preferred": bool(v["preferred"]),
            "yes": v["yes"],
            "no": v["no"],
            "abstain": v["abstain"],
            "yes_by_country": int(c["yes"]),
            "no_by_country": int(c["no"]),
            "abstain_by_country": int(c["abstain"]),
            "absent_by_country": int(c["absent"]),
        }
        given = [v[k] for k in ("yes", "no", "abstain")]
        if all(pd.isna(x) for x in given):
            row["status"] = "no count"
        else:
            same = all(
                not pd.isna(x) and int(x) == row[f"{k}_by_country"] for x, k in zip(given, ("yes", "no", "abstain"))
            )
            row["status"] = "match" if same else "mismatch"
        rows.append(row)
    for symbol in counts.index.difference(plenary["symbol"]):
        c = counts.loc[symbol]
        rows.append(
            {
                "symbol": symbol,
                "version_id": "",
                "version_preferred": False,
                "yes": pd.NA,
                "no": pd.NA,
                "abstain": pd.NA,
                "yes_by_country": int(c["yes"]),
                "no_by_country": int(c["no"]),
                "abstain_by_country": int(c["abstain"]),
                "absent_by_country": int(c["absent"]),
                "status": "no version",
            }
        )
    out = pd.DataFrame(rows, columns=RECONCILE_COLUMNS)
    for col in ("yes", "no", "abstain"):
        out[col] = out[col].astype("Int64")
    return out.reset_index(drop=True)


#: Columns of :func:`reconcile` (and of ``un_ga_votes_reconciliation``, which adds ``note`` and ``source_ids``).
RECONCILE_COLUMNS = [
    "symbol",
    "version_id",
    "version_preferred",
    "yes",
    "no",
    "abstain",
    "yes_by_country",
    "no_by_country",
    "abstain_by_country",
    "absent_by_country",
    "status",
]


# --------------------------------------------------------------------------- charts


@remembered
def plot_votes(frame: pd.DataFrame, body: str = "GA plenary", start: int = 2005, end: int = 2025) -> None:
    """Stacked bars of yes / no / abstain by year for *body*; years adopted without a vote are marked.

    Years with no verified record are left blank and named in the alt text.
    """
    from matplotlib.ticker import MaxNLocator

    from . import plots

    table = votes(frame, body, start, end)
    recorded = table[(table["vote_method"] == "recorded_vote") & table["yes"].notna()]
    no_vote = table[table["vote_method"].isin(_NO_VOTE)]
    unknown = [int(y) for y in table.loc[table["vote_method"] == _UNKNOWN, "year"]]
    missing = [y for y in range(start, end + 1) if y not in {int(v) for v in table["year"]}]
    colours = plots.PALETTE
    fig, ax = plots.new_figure(
        f"How the {body} adopted its DPRK resolution, {start}-{end}", "Year", "Member States (recorded votes)"
    )
    years = [int(y) for y in recorded["year"]]
    yes = [int(v) for v in recorded["yes"]]
    no = [int(v) for v in recorded["no"]]
    abst = [int(v) for v in recorded["abstain"]]
    ax.bar(years, yes, color=colours["blue"], label="Yes")
    ax.bar(years, no, bottom=yes, color=colours["vermillion"], hatch="//", label="No")
    ax.bar(years, abst, bottom=[a + b for a, b in zip(yes, no)], color=colours["orange"], hatch="..", label="Abstain")
    top = max([a + b + c for a, b, c in zip(yes, no, abst)], default=10)
    for y in (int(v) for v in no_vote["year"]):
        ax.plot([y], [top * 0.04], marker="^", markersize=10, color=colours["green"], linestyle="none")
    if len(no_vote):
        ax.plot(
            [], [], marker="^", markersize=10, color=colours["green"], linestyle="none", label="Adopted without a vote"
        )
    ax.set_xlim(start - 0.7, end + 0.7)
    ax.set_ylim(0, top * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper right", ncols=2, fontsize=9)
    parts = [f"{body}, {start}-{end}."]
    if len(recorded):
        shares = recorded.set_index("year")["share_cast"]
        parts.append(
            f"Recorded votes in {len(recorded)} years ({', '.join(str(y) for y in years)}); "
            f"yes votes ranged from {min(yes)} to {max(yes)} and the share of yes among votes cast from "
            f"{shares.min()}% ({int(shares.idxmin())}) to {shares.max()}% ({int(shares.idxmax())})."
        )
    if len(no_vote):
        parts.append(
            f"Adopted without a vote (triangles) in {len(no_vote)} years: "
            f"{', '.join(str(int(y)) for y in no_vote['year'])}."
        )
    if unknown:
        parts.append(f"Adopted, but how was not verified (blank): {', '.join(str(y) for y in unknown)}.")
    if missing:
        parts.append(f"No verified record for {', '.join(str(y) for y in missing)} (blank).")
    plots.show(fig, alt=" ".join(parts))


@remembered
def plot_procedural_votes(meetings: pd.DataFrame) -> None:
    """Stacked horizontal bars of each Security Council procedural vote, with the nine-vote line."""
    from . import plots

    m = procedural_margins(meetings)
    labels = [d.strftime("%d %b %Y") for d in m["date"]]
    colours = plots.PALETTE
    fig, ax = plots.new_figure(
        "Security Council procedural votes on the DPRK human rights item", "Council members (of 15)", "Meeting"
    )
    f, a, s = list(m["votes_for"]), list(m["votes_against"]), list(m["votes_abstain"])
    ax.barh(labels, f, color=colours["blue"], label="For")
    ax.barh(labels, a, left=f, color=colours["vermillion"], hatch="//", label="Against")
    ax.barh(labels, s, left=[x + y for x, y in zip(f, a)], color=colours["orange"], hatch="..", label="Abstain")
    ax.axvline(PROCEDURAL_MAJORITY, color=colours["black"], linestyle="--", linewidth=1.5, label="Nine votes needed")
    ax.set_xlim(0, 15)
    ax.invert_yaxis()
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=4, fontsize=9)
    tight = [lab for lab, mg in zip(labels, m["margin"]) if mg == 0]
    widest = m.loc[m["margin"].idxmax()]
    alt = (
        f"{len(m)} procedural votes between {labels[0]} and {labels[-1]}; every one reached the nine votes needed. "
        f"Votes in favour ranged from {min(f)} to {max(f)}; the meetings of {' and '.join(tight)} had exactly nine, "
        "and the widest margin was "
        f"{int(widest['votes_for'])}-{int(widest['votes_against'])}-{int(widest['votes_abstain'])} "
        f"on {widest['date'].strftime('%d %b %Y')}."
    )
    plots.show(fig, alt=alt)


def _fit(text: str, limit: int) -> str:
    """*text* cut to *limit* characters with an ellipsis (for chart labels only)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@remembered
def plot_rapporteurs(rapporteurs: pd.DataFrame, as_of: int = 2026) -> None:
    """Timeline of the Special Rapporteurs' terms (by year; the current term runs to *as_of*)."""
    from matplotlib.ticker import MaxNLocator

    from . import plots

    terms = term_years(rapporteurs, as_of)
    fig, ax = plots.new_figure("Special Rapporteurs on the DPRK", "Year", "Mandate holder")
    for i, row in terms.iterrows():
        colour = plots.COLOURS[i % len(plots.COLOURS)]
        ax.barh(
            i,
            row["years"],
            left=row["start_year"],
            color=colour,
            hatch="//" if row["serving"] else "",
            edgecolor="white",
        )
    ax.set_yticks(range(len(terms)))
    # Long names are cut to fit the chart (the alt text and the table give them in full).
    ax.set_yticklabels(
        [_fit(f"{r['name']} ({r['country']})" + (", serving" if r["serving"] else ""), 40) for _, r in terms.iterrows()]
    )
    ax.invert_yaxis()
    ax.set_xlim(int(terms["start_year"].min()) - 0.5, as_of + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    alt = (
        f"{len(terms)} mandate holders since {int(terms['start_year'].min())}: "
        + "; ".join(
            f"{r['name']} of {r['country']}, {r['start_year']}-{'' if r['serving'] else r['end_year']}"
            for _, r in terms.iterrows()
        )
        + f". The first {int((~terms['serving']).sum())} each served "
        f"{int(terms.loc[~terms['serving'], 'years'].max())} years, the maximum."
    )
    plots.show(fig, alt=alt)


@remembered
def plot_vote_changes(changes: pd.DataFrame) -> None:
    """Stacked horizontal bars: for each region, how many countries changed their vote, and which way.

    *changes* is a :func:`vote_changes` frame. The alt text gives every count.
    """
    from . import plots

    table = changes_by_region(changes)
    kinds = list(CHANGES)
    colours = {
        "towards yes": plots.PALETTE["blue"],
        "away from yes": plots.PALETTE["vermillion"],
        "to or from absent": plots.PALETTE["orange"],
        "no change": plots.PALETTE["sky"],
    }
    hatches = {"towards yes": "", "away from yes": "//", "to or from absent": "..", "no change": ""}
    fig, ax = plots.new_figure("How each region's votes changed, first to last recorded vote", "Countries", "Region")
    left = [0] * len(table)
    for kind in kinds:
        values = [int(v) for v in table[kind]]
        ax.barh(
            table["region"],
            values,
            left=left,
            color=colours[kind],
            hatch=hatches[kind],
            edgecolor="white",
            label=label_for(kind),
        )
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, fontsize=9)
    changed = changes[changes["change"] != "no change"]
    parts = [f"{len(changes)} countries were members at both votes; {len(changed)} changed their vote."]
    for _, row in table.iterrows():
        parts.append(
            f"{row['region']}: {row['total']} countries, {row['towards yes']} moved towards yes, "
            f"{row['away from yes']} away from yes, {row['to or from absent']} absent at one of the two, "
            f"{row['no change']} voted the same."
        )
    plots.show(fig, alt=" ".join(parts))


def label_for(kind: str) -> str:
    """Words for a kind of change (see :data:`CHANGES`), as the chart's legend shows them."""
    from .display import label

    return label(kind)


# Every public function that takes a table names the columns it needs when given the wrong one.
from .frames import guard_tables  # noqa: E402

guard_tables(globals())
