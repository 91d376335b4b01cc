"""The words of the reports: numbers in, plain Markdown sentences out, in id or en.

Policymakers read the findings, not the charts' code: every section of a
report opens with one or two sentences that state what was found, with its
numbers ("Sebanyak **52,9%** pegawai berada pada kategori **Cukup Optimal**;
34,4% **Kurang Optimal**."). The functions here write them from key figures;
every word comes from :mod:`kompetensi_toolkit.labels`, every number is
written the reader's way, and every data value is escaped for Markdown.

Three parts:

* shared pieces: :func:`title_markdown`, :func:`section_markdown`,
  :func:`suppression_markdown`, :func:`join_items`, :func:`count_text`;
* :func:`gaps_key_figures`, which masks the small groups of the gap
  analysis once (:mod:`kompetensi_toolkit.privacy`) so that the sentences,
  the charts, the tables and ``summary.json`` all show the same safe numbers,
  and :func:`gaps_summary`, the part of them that goes into ``summary.json``;
* the sentences of the gaps report (``gaps_*_markdown``), each taking the
  output of :func:`gaps_key_figures`.

No function here reads or writes files, prints or draws; none changes its
inputs. A count from 1 to ``min_group_size - 1`` is never written: the
sentence says "kurang dari 5" instead.

Examples
--------
>>> import pandas as pd
>>> dist = pd.DataFrame({"category": ["Kurang Optimal", "Cukup Optimal", "Optimal"],
...                      "n": [78, 120, 29], "share": [78 / 227, 120 / 227, 29 / 227]})
>>> print(jpm_categories_sentence(dist))
Sebanyak **52,9%** pegawai berada pada kategori **Cukup Optimal**; 34,4% **Kurang Optimal**; \
12,8% **Optimal**.
>>> print(jpm_categories_sentence(dist, "en"))
**52.9%** of staff are in the **Fairly optimal** category; 34.4% **Below optimal**; \
12.8% **Optimal**.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from kompetensi_toolkit import config, labels, privacy
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.privacy import REASON, SUPPRESSED, check_min_group_size
from kompetensi_toolkit.rendering import md_text

__all__ = [
    "budget_levels",
    "count_text",
    "float_or_none",
    "gaps_heatmap_markdown",
    "gaps_jpm_markdown",
    "gaps_key_figures",
    "gaps_needs_markdown",
    "gaps_nine_box_markdown",
    "gaps_profile_markdown",
    "gaps_readiness_markdown",
    "gaps_shortfall_markdown",
    "gaps_summary",
    "gaps_summary_markdown",
    "interval_text",
    "join_items",
    "jpm_categories_sentence",
    "needs_plan_budget_markdown",
    "needs_plan_clusters_markdown",
    "needs_plan_curve_markdown",
    "needs_plan_jp_markdown",
    "needs_plan_key_figures",
    "needs_plan_mentoring_markdown",
    "needs_plan_modality_markdown",
    "needs_plan_programmes_markdown",
    "needs_plan_summary",
    "needs_plan_summary_markdown",
    "region_figures",
    "rupiah_text",
    "section_markdown",
    "summary_with_tables",
    "suppression_markdown",
    "title_markdown",
]


# ---------------------------------------------------------------------------
# Shared pieces.
# ---------------------------------------------------------------------------
def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # not a scalar
        return False


def join_items(items: Sequence[str], lang: str = config.DEFAULT_LANG) -> str:
    """``a, b dan c`` (``a, b and c``).

    Examples
    --------
    >>> join_items(["A", "B", "C"])
    'A, B dan C'
    >>> join_items(["A", "B"], "en"), join_items(["A"]), join_items([])
    ('A and B', 'A', '')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {labels.label('text.and', lang)} {items[-1]}"


def count_text(
    n: object,
    lang: str = config.DEFAULT_LANG,
    min_group_size: int = config.MIN_GROUP_SIZE,
    reason: object = None,
) -> str:
    """A count as the reader may see it: the number, "< 5", or "disembunyikan".

    Examples
    --------
    >>> count_text(1234), count_text(3), count_text(None, reason="complementary")
    ('1.234', '< 5', 'disembunyikan')
    >>> count_text(0)
    '0'
    """
    if _missing(n):
        if reason == "small":
            return labels.label("value.below", lang).format(threshold=min_group_size)
        return labels.label("value.hidden", lang)
    if 0 < float(n) < min_group_size:  # type: ignore[arg-type]
        return labels.label("value.below", lang).format(threshold=min_group_size)
    return labels.format_number(n, lang)


def title_markdown(
    figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG, key: str = "title.overview"
) -> str:
    """A report's title and subtitle as Markdown (data values escaped).

    Parameters
    ----------
    figures : mapping
        ``region_name`` (or ``region_id``), ``level`` and ``province``.
    lang : {"id", "en"}
    key : str
        The title's key in :data:`kompetensi_toolkit.labels.TRANSLATIONS`
        (with a ``{region}`` field).

    Examples
    --------
    >>> print(title_markdown({"region_name": "Kota Ambon", "level": "kota",
    ...                       "province": "Maluku"}, "id", key="title.gaps"))
    # Kesenjangan Kompetensi ASN Kota Ambon
    <BLANKLINE>
    *Kota · Provinsi Maluku*
    """
    lang = labels.check_lang(lang, "title_markdown")
    name = md_text(figures.get("region_name") or figures.get("region_id") or "")
    title = labels.text(key, lang, region=name)
    level = figures.get("level")
    level_label = labels.enum_label("region_level", level, lang) if level else ""
    province = figures.get("province")
    if province:
        sub = labels.text("text.subtitle", lang, level=level_label, province=md_text(province))
    else:
        sub = labels.text("text.subtitle_no_province", lang, level=level_label)
    return f"# {title}\n\n*{sub}*" if sub.strip(" ·") else f"# {title}"


def suppression_markdown(
    suppressed: pd.DataFrame | Sequence[pd.DataFrame],
    lang: str = config.DEFAULT_LANG,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> str:
    """What was hidden in a section's tables, and why, in italics.

    Parameters
    ----------
    suppressed : DataFrame or sequence of DataFrames
        Outputs of :func:`kompetensi_toolkit.privacy.suppress_small_counts`.

    Examples
    --------
    >>> import pandas as pd
    >>> from kompetensi_toolkit.privacy import suppress_small_counts
    >>> print(suppression_markdown(suppress_small_counts(pd.DataFrame({"n": [10, 20]})), "en"))
    *No number is hidden: every group holds at least 5 people.*
    """
    frames = [suppressed] if isinstance(suppressed, pd.DataFrame) else list(suppressed)
    combined = pd.concat(
        [f[[REASON]] for f in frames] or [pd.DataFrame({REASON: pd.Series(dtype="string")})],
        ignore_index=True,
    )
    return "*" + privacy.suppression_note(combined, lang, min_group_size) + "*"


def section_markdown(
    heading: str,
    intro: str | Sequence[str],
    lang: str = config.DEFAULT_LANG,
    suppressed: pd.DataFrame | Sequence[pd.DataFrame] | None = None,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> str:
    """A section: its heading, its sentences, and what was hidden in it.

    Parameters
    ----------
    heading : str
        The heading's text (already in ``lang``).
    intro : str or sequence of str
        The section's sentences (Markdown, already escaped); empty ones are
        left out.
    lang : {"id", "en"}
    suppressed : DataFrame or sequence of DataFrames, optional
        The section's tables after suppression: the section then ends with
        :func:`suppression_markdown`.
    min_group_size : int

    Returns
    -------
    str
        Markdown.

    Examples
    --------
    >>> print(section_markdown("Kompetensi", ["Kalimat pertama.", "", "Kedua."]))
    ## Kompetensi
    <BLANKLINE>
    Kalimat pertama. Kedua.
    """
    lang = labels.check_lang(lang, "section_markdown")
    sentences = [intro] if isinstance(intro, str) else list(intro)
    parts = ["## " + heading]
    text = " ".join(s for s in sentences if s)
    if text:
        parts.append(text)
    if suppressed is not None:
        parts.append(suppression_markdown(suppressed, lang, min_group_size))
    return "\n\n".join(parts)


def _pct(x: object, lang: str) -> str:
    return labels.format_percent(x, lang)


def _num(x: object, lang: str, decimals: int = 0) -> str:
    return labels.format_number(x, lang, decimals=decimals)


def _small(n: object, min_group_size: int) -> bool:
    return not _missing(n) and 0 < float(n) < min_group_size  # type: ignore[arg-type]


def region_figures(
    region: Mapping[str, Any] | pd.Series, *, data_hash: str | None, min_group_size: int
) -> dict[str, Any]:
    """The figures every report starts with: the region, the data's hash, the threshold.

    Examples
    --------
    >>> region_figures({"region_id": "ambon", "name": "Kota Ambon", "level": "kota"},
    ...                data_hash=None, min_group_size=5)["region_name"]
    'Kota Ambon'
    """
    region = dict(region)
    return {
        "region_id": _text(region.get("region_id")),
        "region_name": _text(region.get("name") or region.get("region_name")),
        "level": _text(region.get("level")),
        "province": _text(region.get("province")),
        "data_hash": data_hash,
        "min_group_size": min_group_size,
    }


def interval_text(low: object, high: object, lang: str, decimals: int = 1) -> str:
    """A confidence interval as the reader sees it, never broken over two lines.

    Examples
    --------
    >>> interval_text(1.05, 1.57, "id", 2)
    '1,05\u00a0–\u00a01,57'
    >>> interval_text(None, 2.0, "en")
    '–'
    """
    if _missing(low) or _missing(high):
        return "–"
    return f"{_num(low, lang, decimals)}\u00a0–\u00a0{_num(high, lang, decimals)}"


def float_or_none(x: object) -> float | None:
    """A number for ``summary.json``: ``float``, or ``None`` when missing."""
    return None if _missing(x) else float(x)  # type: ignore[arg-type]


def _competency_name(row: Mapping[str, Any], lang: str) -> str:
    for col in (f"name_{lang}", "name_id"):
        value = row.get(col)
        if not _missing(value):
            return md_text(value)
    return md_text(row.get("competency_id"))


# ---------------------------------------------------------------------------
# Key figures of the gaps report (masked once, used everywhere).
# ---------------------------------------------------------------------------
_SHORTFALL_MASKED = ("n_below", "share_below", "mean_gap", "mean_level", "mean_required")
_NEEDS_MASKED = (
    "mean_importance",
    "mean_performance",
    "mean_need",
    "sd_need",
    "ci_low",
    "ci_high",
    "share_priority",
)


def _suppress_cells(
    frame: pd.DataFrame, count_col: str, derived: Sequence[str], min_group_size: int
) -> pd.DataFrame:
    """Mask small values of ``count_col`` (and ``derived``) in an already suppressed frame.

    Rows masked before keep their reason; rows masked now get ``"small"``. No
    complement: the counts do not add up to a number the reader sees.
    """
    again = privacy.suppress_small_counts(
        frame.drop(columns=[SUPPRESSED, REASON]),
        count_col,
        min_group_size,
        share_cols=[c for c in derived if c in frame],
        complementary=False,
    )
    again[REASON] = frame[REASON].fillna(again[REASON])
    again[SUPPRESSED] = frame[SUPPRESSED] | again[SUPPRESSED]
    return again


def _suppress_pool(pool: pd.DataFrame, min_group_size: int) -> pd.DataFrame:
    """Mask small candidate groups and small numbers of ready candidates (with complements)."""
    return privacy.suppress_nested(
        pool, "n_candidates", "n_ready", min_group_size, part_derived=["share_ready"]
    )


def gaps_key_figures(
    *,
    region: Mapping[str, Any] | pd.Series,
    jpm: pd.DataFrame,
    categories: pd.DataFrame,
    shortfall: pd.DataFrame,
    cells: pd.DataFrame,
    missing: pd.DataFrame,
    boxes: pd.DataFrame,
    readiness: pd.DataFrame,
    readiness_total: pd.DataFrame,
    needs: pd.DataFrame | None = None,
    competencies: pd.DataFrame | None = None,
    min_group_size: int = config.MIN_GROUP_SIZE,
    purpose: str = "mapping",
    jpm_method: str = "sum_ratio",
    readiness_threshold: float = 80.0,
    data_hash: str | None = None,
) -> dict[str, Any]:
    """Everything the gaps report states, with every small group masked.

    Parameters
    ----------
    region : mapping or Series
        The region's row (``region_id``, ``name``, ``level``, ``province``).
    jpm : DataFrame
        :func:`kompetensi_toolkit.gaps.job_person_match` (one row per
        employee; only counted and averaged here, never passed on).
    categories : DataFrame
        :func:`kompetensi_toolkit.gaps.category_distribution` of ``jpm``, one group.
    shortfall : DataFrame
        :func:`kompetensi_toolkit.gaps.shortfall_by_competency`, one group.
    cells : DataFrame
        :func:`kompetensi_toolkit.gaps.gap_map` with ``by="unit"``.
    missing : DataFrame
        :func:`kompetensi_toolkit.gaps.missing_assessments` for the region
        (one row).
    boxes : DataFrame
        :func:`kompetensi_toolkit.talent.nine_box_counts` for the region
        (nine rows).
    readiness : DataFrame
        :func:`kompetensi_toolkit.gaps.readiness_pool` with ``by="unit"``.
    readiness_total : DataFrame
        :func:`kompetensi_toolkit.gaps.readiness_pool` for the region (one row).
    needs : DataFrame, optional
        :func:`kompetensi_toolkit.needs.rank_items` for the region; ``None``
        when the dataset has no needs survey.
    competencies : DataFrame, optional
        The competency dictionary: names for the heatmap's columns (default:
        the names in ``shortfall``).
    min_group_size : int
    purpose, jpm_method : str
        How JPM was computed and categorised (said in the report).
    readiness_threshold : float
        The JPM a candidate needs to count as ready.
    data_hash : str, optional

    Returns
    -------
    dict
        Scalars (``None`` where masked): ``region_id``, ``region_name``,
        ``level``, ``province``, ``data_hash``, ``min_group_size``,
        ``purpose``, ``jpm_method``, ``readiness_threshold``,
        ``n_employees``, ``n_with_jpm``, ``mean_jpm``, ``n_results``,
        ``n_below``, ``share_below``, ``n_required``, ``n_missing``,
        ``share_missing``, ``n_unassessed_employees``, ``n_placed``,
        ``n_unplaced``, ``n_candidates``, ``n_ready``, ``share_ready``;
        and masked tables (each with ``suppressed`` and
        ``suppressed_reason``): ``jpm_categories`` (complementary
        suppression: the rows add up), ``shortfall`` (everything hidden for
        fewer than ``min_group_size`` staff assessed; ``n_below`` and
        ``share_below`` also for fewer than that below standard),
        ``gap_map`` (the mean gap hidden for fewer than ``min_group_size``
        staff assessed), ``nine_box`` (complementary), ``readiness_units``
        (small candidate groups and small numbers ready, complementary),
        ``needs`` (items rated by too few respondents hidden, ranks
        recomputed over the items shown, ``share_priority`` hidden when it
        stands for fewer than ``min_group_size`` respondents; ``None``
        without a survey).

    Notes
    -----
    Two rules, one threshold. A count of people in a category (a JPM
    category, a 9-box box, the staff below standard, the candidates ready,
    the respondents naming an item a priority) is shown only when it is 0 or
    at least ``min_group_size``, and so is any share it can be worked out
    from; where such counts add up to a total the report states, one more
    cell is hidden (complementary suppression). A mean (JPM, gap, level,
    need) is shown only over at least ``min_group_size`` people.
    """
    func = "gaps_key_figures"
    check_min_group_size(min_group_size, func)
    m = min_group_size
    require_columns(jpm, ["jpm"], func)
    require_columns(categories, ["category", "n", "share"], func)
    require_columns(shortfall, ["competency_id", "n_assessed", "n_below", *_SHORTFALL_MASKED],
                    func)  # fmt: skip
    require_columns(cells, ["unit", "competency_id", "n", "mean_gap"], func)
    require_columns(missing, ["n_employees", "n_unassessed_employees", "n_required",
                              "n_missing"], func)  # fmt: skip
    require_columns(boxes, ["box", "potential_axis", "performance_axis", "n"], func)
    require_columns(readiness, ["unit", "n_candidates", "n_ready", "share_ready"], func)
    require_columns(readiness_total, ["n_candidates", "n_ready"], func)

    def masked(n: object) -> int | None:
        """A count, or None when it is a small group."""
        if _missing(n):
            return None
        return None if _small(n, m) else int(n)  # type: ignore[arg-type]

    region = dict(region)
    n_employees = len(jpm)
    with_jpm = jpm["jpm"].dropna()
    n_with_jpm = len(with_jpm)
    figures: dict[str, Any] = {
        **region_figures(region, data_hash=data_hash, min_group_size=m),
        "purpose": purpose,
        "jpm_method": jpm_method,
        "readiness_threshold": float(readiness_threshold),
        "n_employees": masked(n_employees) if n_employees else 0,
        "n_with_jpm": masked(n_with_jpm) if n_with_jpm else 0,
        "mean_jpm": float(with_jpm.mean()) if n_with_jpm >= m else None,
    }

    figures["jpm_categories"] = privacy.suppress_small_counts(
        categories.drop(columns=["n_group"], errors="ignore"), "n", m
    )

    short = privacy.suppress_small_counts(
        shortfall, "n_assessed", m, share_cols=list(_SHORTFALL_MASKED), complementary=False
    )
    short["n_below"] = short["n_below"].round().astype("Int64")
    # a handful below standard is a small group too: its number and share are hidden
    figures["shortfall"] = _suppress_cells(short, "n_below", ["share_below"], m)
    n_results = int(shortfall["n_assessed"].sum())
    n_below = int(shortfall["n_below"].sum())
    big_enough = n_results >= m
    figures["n_results"] = masked(n_results) if n_results else 0
    figures["n_below"] = n_below if big_enough and not _small(n_below, m) else None
    figures["share_below"] = n_below / n_results if figures["n_below"] is not None else None

    gap_cells = privacy.suppress_small_counts(
        cells.drop(columns=["share_below"], errors="ignore"), "n", m, share_cols=["mean_gap"],
        complementary=False,
    )  # fmt: skip
    dictionary = competencies if competencies is not None else shortfall
    if "name_id" not in gap_cells and "name_id" in dictionary:
        names = dictionary.assign(competency_id=dictionary["competency_id"].astype(str))
        names = names.drop_duplicates("competency_id").set_index("competency_id")
        for col in ("name_id", "name_en"):
            if col in names:
                gap_cells[col] = gap_cells["competency_id"].astype(str).map(names[col])
    figures["gap_map"] = gap_cells

    row = missing.iloc[0] if len(missing) else pd.Series(dtype="object")
    n_required = int(row.get("n_required", 0) or 0)
    n_missing = int(row.get("n_missing", 0) or 0)
    figures["n_required"] = n_required
    figures["n_missing"] = n_missing
    figures["share_missing"] = n_missing / n_required if n_required else None
    n_unassessed = int(row.get("n_unassessed_employees", 0) or 0)
    figures["n_unassessed_employees"] = masked(n_unassessed) if n_unassessed else 0
    if figures["n_unassessed_employees"] is None:
        # staff with a JPM + staff never assessed = every employee: hide both or neither.
        figures["n_with_jpm"] = None

    nine = privacy.suppress_small_counts(
        boxes.drop(columns=[c for c in ("n_group", "n_unplaced") if c in boxes]), "n", m,
        share_cols=["share"] if "share" in boxes else [],
    )  # fmt: skip
    figures["nine_box"] = nine
    n_placed = int(boxes["n"].sum())
    n_unplaced = int(boxes["n_unplaced"].iloc[0]) if "n_unplaced" in boxes and len(boxes) else 0
    figures["n_unplaced"] = masked(n_unplaced) if n_unplaced else 0
    # placed + unplaced = every employee, a number the report shows: hide both or neither.
    figures["n_placed"] = (
        None if figures["n_unplaced"] is None else (masked(n_placed) if n_placed else 0)
    )

    figures["readiness_units"] = _suppress_pool(readiness, m)
    total = readiness_total.iloc[0] if len(readiness_total) else None
    n_candidates = int(total["n_candidates"]) if total is not None else 0
    n_ready = int(total["n_ready"]) if total is not None else 0
    figures["n_candidates"] = masked(n_candidates) if n_candidates else 0
    ready_shown = figures["n_candidates"] and not _small(n_ready, m)
    figures["n_ready"] = n_ready if ready_shown else (None if n_candidates else 0)
    figures["share_ready"] = n_ready / n_candidates if ready_shown else None

    if needs is None:
        figures["needs"] = None
    else:
        require_columns(needs, ["item_id", "n", "mean_need"], func)
        ranked = privacy.suppress_small_counts(
            needs, "n", m, share_cols=[c for c in _NEEDS_MASKED if c in needs],
            complementary=False,
        )  # fmt: skip
        if "share_priority" in ranked:
            # the share of priority answers is a count of people in disguise
            n_priority = (ranked["share_priority"] * ranked["n"].astype("float64")).round()
            ranked = _suppress_cells(
                ranked.assign(_n_priority=n_priority.astype("Int64")),
                "_n_priority",
                ["share_priority"],
                m,
            ).drop(columns="_n_priority")
        shown = ranked["mean_need"].notna()
        ranks = ranked.loc[shown, "mean_need"].rank(method="min", ascending=False)
        ranked["rank"] = pd.array([pd.NA] * len(ranked), dtype="Int64")
        ranked.loc[shown, "rank"] = ranks.astype("int64").to_numpy()
        figures["needs"] = ranked.sort_values(
            ["rank", "item_id"], kind="stable", na_position="last"
        ).reset_index(drop=True)
    return figures


def _text(value: object) -> str | None:
    return None if _missing(value) else str(value)


def _records(frame: pd.DataFrame | None, columns: Sequence[str]) -> list[dict[str, Any]]:
    if frame is None:
        return []
    keep = [c for c in (*columns, REASON) if c in frame]
    out = frame[keep].copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("string")
    return out.to_dict("records")


def gaps_summary(figures: Mapping[str, Any], top: int = 5, top_needs: int = 10) -> dict[str, Any]:
    """The part of :func:`gaps_key_figures` that goes into ``summary.json``.

    Returns
    -------
    dict
        The scalars of :func:`gaps_key_figures`; ``jpm_categories``
        (category, n, share), ``nine_box`` (box, axes, n, share),
        ``shortfall`` (every competency: n_assessed, n_below, share_below,
        mean_gap, mean_level, mean_required), ``biggest_gaps`` (the ``top``
        competencies by share below standard, among those shown),
        ``readiness_units`` (unit, n_candidates, n_ready, share_ready) and
        ``top_needs`` (the ``top_needs`` items shown, by rank); each record
        keeps its ``suppressed_reason``. Aggregates only.
    """
    scalars = {k: v for k, v in figures.items() if not isinstance(v, pd.DataFrame) and k != "needs"}
    short = figures["shortfall"]
    short_cols = ["competency_id", "name_id", "name_en", "category", "n_assessed", "n_below",
                  "share_below", "mean_gap", "mean_level", "mean_required"]  # fmt: skip
    biggest = short[short["share_below"].notna()].sort_values(
        ["share_below", "competency_id"], ascending=[False, True], kind="stable"
    )
    needs = figures.get("needs")
    shown_needs = None if needs is None else needs[needs["mean_need"].notna()].head(top_needs)
    return {
        **scalars,
        "jpm_categories": _records(figures["jpm_categories"], ["category", "n", "share"]),
        "shortfall": _records(short, short_cols),
        "biggest_gaps": _records(biggest.head(top), short_cols),
        "nine_box": _records(
            figures["nine_box"], ["box", "potential_axis", "performance_axis", "n", "share"]
        ),
        "readiness_units": _records(
            figures["readiness_units"], ["unit", "n_candidates", "n_ready", "share_ready"]
        ),
        "top_needs": _records(
            shown_needs,
            ["item_id", "rank", "n", "mean_need", "ci_low", "ci_high", "share_priority"],
        ),
    }


# ---------------------------------------------------------------------------
# Sentences of the gaps report.
# ---------------------------------------------------------------------------
def jpm_categories_sentence(
    dist: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> str:
    """The JPM categories, largest share first; hidden categories named, not counted.

    Parameters
    ----------
    dist : DataFrame
        ``category``, ``n``, ``share`` (and ``suppressed_reason``), e.g. the
        ``jpm_categories`` of :func:`gaps_key_figures`.

    Examples
    --------
    >>> import pandas as pd
    >>> from kompetensi_toolkit.privacy import suppress_small_counts
    >>> dist = suppress_small_counts(pd.DataFrame({
    ...     "category": ["Kurang Optimal", "Cukup Optimal", "Optimal"],
    ...     "n": [30, 12, 2], "share": [30 / 44, 12 / 44, 2 / 44]}))
    >>> print(jpm_categories_sentence(dist))
    Sebanyak **68,2%** pegawai berada pada kategori **Kurang Optimal**. Angka untuk \
**Cukup Optimal** dan **Optimal** disembunyikan.
    """
    lang = labels.check_lang(lang, "jpm_categories_sentence")
    require_columns(dist, ["category", "n", "share"], "jpm_categories_sentence")
    hidden = (
        dist["share"].isna() | dist["n"].isna() | dist["n"].map(lambda n: _small(n, min_group_size))
    )
    shown = dist[~hidden].sort_values("share", ascending=False, kind="stable")
    parts = []
    for i, (category, share) in enumerate(zip(shown["category"], shown["share"], strict=True)):
        key = "text.jpm_categories_first" if i == 0 else "text.jpm_categories_next"
        name = md_text(labels.enum_label("jpm_category", category, lang))
        parts.append(labels.text(key, lang, share=_pct(share, lang), category=name))
    sentences = ["; ".join(parts) + "." if parts else ""]
    masked = [
        "**" + md_text(labels.enum_label("jpm_category", c, lang)) + "**"
        for c in dist.loc[hidden, "category"]
    ]
    if masked:
        sentences.append(
            labels.text("text.categories_hidden", lang, categories=join_items(masked, lang))
        )
    return " ".join(s for s in sentences if s)


def _region(figures: Mapping[str, Any]) -> str:
    return md_text(figures.get("region_name") or figures.get("region_id") or "")


def _jpm_sentence(figures: Mapping[str, Any], lang: str) -> str:
    m = figures["min_group_size"]
    n_with = figures["n_with_jpm"]
    if n_with == 0:
        return labels.text("text.gaps_summary_jpm_none", lang, region=_region(figures))
    if figures.get("mean_jpm") is None:
        return labels.text(
            "text.gaps_summary_jpm_small", lang, region=_region(figures), threshold=m
        )
    if n_with is None:  # hidden with the few never assessed
        return labels.text(
            "text.gaps_summary_jpm_most",
            lang,
            region=_region(figures),
            n_employees=count_text(figures["n_employees"], lang, m),
            threshold=m,
            mean_jpm=_num(figures["mean_jpm"], lang, 1),
        )
    return labels.text(
        "text.gaps_summary_jpm",
        lang,
        region=_region(figures),
        n_employees=count_text(figures["n_employees"], lang, m),
        n_with_jpm=count_text(n_with, lang, m),
        mean_jpm=_num(figures["mean_jpm"], lang, 1),
    )


def _shortfall_overall(figures: Mapping[str, Any], lang: str) -> str:
    if not figures.get("n_results"):
        return labels.label("text.shortfall_none", lang) if figures.get("n_results") == 0 else ""
    if figures.get("share_below") is None:
        return ""
    return labels.text(
        "text.shortfall_overall",
        lang,
        share=_pct(figures["share_below"], lang),
        n_below=_num(figures["n_below"], lang),
        n_results=_num(figures["n_results"], lang),
    )


def _shown_shortfall(figures: Mapping[str, Any]) -> pd.DataFrame:
    short = figures["shortfall"]
    return short[short["share_below"].notna()].sort_values(
        ["share_below", "competency_id"], ascending=[False, True], kind="stable"
    )


def _missing_sentences(figures: Mapping[str, Any], lang: str) -> list[str]:
    out = []
    m = figures["min_group_size"]
    if figures.get("n_required"):
        out.append(
            labels.text(
                "text.missing",
                lang,
                share=_pct(figures["share_missing"], lang),
                n_missing=_num(figures["n_missing"], lang),
                n_required=_num(figures["n_required"], lang),
            )
        )
    n_un = figures.get("n_unassessed_employees")
    if n_un is None:
        out.append(labels.text("text.missing_unassessed_small", lang, threshold=m))
    elif n_un:
        out.append(labels.text("text.missing_unassessed", lang, n=_num(n_un, lang)))
    return out


def gaps_summary_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """The opening paragraphs of the gaps report: the key numbers in plain words.

    Parameters
    ----------
    figures : mapping
        Output of :func:`gaps_key_figures`.
    lang : {"id", "en"}

    Returns
    -------
    str
        Markdown: who has a JPM and its mean, the category shares, the share
        of results below standard and the biggest gap, and how much was not
        assessed.
    """
    lang = labels.check_lang(lang, "gaps_summary_markdown")
    first = [_jpm_sentence(figures, lang)]
    if figures.get("mean_jpm") is not None:
        first.append(
            jpm_categories_sentence(figures["jpm_categories"], lang, figures["min_group_size"])
        )
    second = [_shortfall_overall(figures, lang)]
    shown = _shown_shortfall(figures)
    if len(shown):
        top = shown.iloc[0]
        second.append(
            labels.text(
                "text.gaps_summary_biggest",
                lang,
                competency=_competency_name(top, lang),
                share=_pct(top["share_below"], lang),
            )
        )
    second += _missing_sentences(figures, lang)
    return "\n\n".join(" ".join(s for s in part if s) for part in (first, second) if any(part))


def gaps_jpm_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "JPM categories": how JPM is computed, the category shares, what was hidden."""
    lang = labels.check_lang(lang, "gaps_jpm_markdown")
    intro = labels.text(
        "text.jpm_intro",
        lang,
        formula=labels.label(f"text.jpm_formula.{figures['jpm_method']}", lang),
        bands=labels.label(f"text.jpm_bands.{figures['purpose']}", lang),
    )
    m = figures["min_group_size"]
    finding = (
        jpm_categories_sentence(figures["jpm_categories"], lang, m)
        if figures.get("mean_jpm") is not None
        else _jpm_sentence(figures, lang)
    )
    return section_markdown(
        labels.label("heading.gaps_jpm", lang),
        [intro, finding],
        lang,
        figures["jpm_categories"],
        m,
    )


def gaps_shortfall_markdown(
    figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG, top: int = 3
) -> str:
    """Section "staff below standard": the overall share, the highest and the lowest."""
    lang = labels.check_lang(lang, "gaps_shortfall_markdown")
    shown = _shown_shortfall(figures)
    sentences = [labels.label("text.shortfall_intro", lang), _shortfall_overall(figures, lang)]
    if len(shown):
        items = [
            f"**{_competency_name(r, lang)}** ({_pct(r['share_below'], lang)})"
            for _, r in shown.head(top).iterrows()
        ]
        sentences.append(labels.text("text.shortfall_top", lang, items=join_items(items, lang)))
        if len(shown) > top:
            low = shown.iloc[-1]
            sentences.append(
                labels.text(
                    "text.shortfall_lowest",
                    lang,
                    competency=_competency_name(low, lang),
                    share=_pct(low["share_below"], lang),
                )
            )
    return section_markdown(
        labels.label("heading.gaps_shortfall", lang),
        sentences,
        lang,
        figures["shortfall"],
        figures["min_group_size"],
    )


def gaps_heatmap_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "gaps by unit and competency": the deepest cell, units mostly below, blanks."""
    lang = labels.check_lang(lang, "gaps_heatmap_markdown")
    cells = figures["gap_map"]
    m = figures["min_group_size"]
    shown = cells[cells["mean_gap"].notna()]
    sentences = [labels.label("text.heatmap_intro", lang)]
    if len(shown):
        deepest = shown.sort_values(["mean_gap", "unit", "competency_id"], kind="stable").iloc[0]
        if deepest["mean_gap"] < 0:
            sentences.append(
                labels.text(
                    "text.heatmap_deepest",
                    lang,
                    unit=md_text(deepest["unit"]),
                    competency=_competency_name(deepest, lang),
                    gap=_num(deepest["mean_gap"], lang, 1),
                )
            )
        per_unit = shown.groupby("unit", observed=True)["mean_gap"].agg(
            below=lambda g: int((g < 0).sum()), total="size"
        )
        n_units = int((per_unit["below"] * 2 > per_unit["total"]).sum())
        if n_units:
            sentences.append(
                labels.text(
                    "text.heatmap_units_below",
                    lang,
                    n_units=_num(n_units, lang),
                    n_total=_num(len(per_unit), lang),
                )
            )
    n_hidden = int(cells["mean_gap"].isna().sum())
    if n_hidden:
        key = "text.heatmap_hidden_one" if n_hidden == 1 else "text.heatmap_hidden"
        sentences.append(labels.text(key, lang, n=_num(n_hidden, lang), threshold=m))
    else:
        sentences.append(labels.text("text.heatmap_hidden_none", lang, threshold=m))
    heading = "## " + labels.label("heading.gaps_heatmap", lang)
    return heading + "\n\n" + " ".join(sentences[:-1]) + "\n\n*" + sentences[-1] + "*"


def gaps_profile_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "profile against the standard": competencies met, and the widest gap."""
    lang = labels.check_lang(lang, "gaps_profile_markdown")
    short = figures["shortfall"]
    shown = short[short["mean_level"].notna() & short["mean_required"].notna()]
    sentences = []
    if len(shown):
        diff = shown["mean_level"] - shown["mean_required"]
        n_meet = int((diff.round(6) >= 0).sum())
        sentences.append(
            labels.text(
                "text.profile_meets",
                lang,
                n_meet=_num(n_meet, lang),
                n_total=_num(len(shown), lang),
            )
        )
        widest = shown.assign(_d=diff).sort_values(["_d", "competency_id"], kind="stable")
        w = widest.iloc[0]
        if w["_d"] < 0:
            sentences.append(
                labels.text(
                    "text.profile_widest",
                    lang,
                    competency=_competency_name(w, lang),
                    level=_num(w["mean_level"], lang, 2),
                    required=_num(w["mean_required"], lang, 2),
                )
            )
    else:
        sentences.append(labels.label("text.shortfall_none", lang))
    return section_markdown(labels.label("heading.gaps_profile", lang), sentences, lang)


def gaps_nine_box_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "9-box": how many placed, the largest box, boxes 9 and 1, who is not placed."""
    lang = labels.check_lang(lang, "gaps_nine_box_markdown")
    m = figures["min_group_size"]
    nine = figures["nine_box"]
    sentences = [labels.label("text.nine_box_intro", lang)]
    if figures.get("n_placed") == 0:
        sentences.append(labels.label("text.nine_box_none", lang))
    else:
        if figures.get("n_placed"):
            sentences.append(
                labels.text("text.nine_box_placed", lang, n_placed=_num(figures["n_placed"], lang))
            )
        shown = nine[nine["share"].notna() & ~nine[SUPPRESSED]]
        if len(shown):
            largest = shown.sort_values(["n", "box"], ascending=[False, True]).iloc[0]
            sentences.append(
                labels.text(
                    "text.nine_box_largest",
                    lang,
                    box=int(largest["box"]),
                    share=_pct(largest["share"], lang),
                )
            )
        for box, key in ((9, "text.nine_box_top"), (1, "text.nine_box_bottom")):
            row = nine[nine["box"] == box]
            if row.empty:
                continue
            r = row.iloc[0]
            if not r[SUPPRESSED]:
                sentences.append(labels.text(key, lang, share=_pct(r["share"], lang)))
            elif r[REASON] == "small":
                sentences.append(labels.text("text.nine_box_box_small", lang, box=box,
                                             threshold=m))  # fmt: skip
            else:
                sentences.append(labels.text("text.nine_box_box_hidden", lang, box=box))
    n_unplaced = figures.get("n_unplaced")
    if n_unplaced is None:
        sentences.append(labels.text("text.nine_box_unplaced_small", lang, threshold=m))
    elif n_unplaced:
        sentences.append(labels.text("text.nine_box_unplaced", lang, n=_num(n_unplaced, lang)))
    return section_markdown(labels.label("heading.gaps_nine_box", lang), sentences, lang, nine, m)


def gaps_readiness_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "readiness": candidates ready in the region, and the unit with most ready."""
    lang = labels.check_lang(lang, "gaps_readiness_markdown")
    m = figures["min_group_size"]
    threshold = _num(figures["readiness_threshold"], lang, 0)
    sentences = [labels.text("text.readiness_intro", lang, threshold=threshold)]
    n_candidates = figures.get("n_candidates")
    if n_candidates == 0:
        sentences.append(labels.label("text.readiness_none", lang))
    elif n_candidates is None:
        sentences.append(labels.text("text.readiness_total_hidden", lang, threshold=m))
    elif figures.get("n_ready") is None:
        sentences.append(
            labels.text(
                "text.readiness_total_small",
                lang,
                threshold=m,
                n_candidates=_num(n_candidates, lang),
            )
        )
    else:
        sentences.append(
            labels.text(
                "text.readiness_total",
                lang,
                n_ready=_num(figures["n_ready"], lang),
                n_candidates=_num(n_candidates, lang),
                share=_pct(figures["share_ready"], lang),
            )
        )
        units = figures["readiness_units"]
        shown = units[units["n_ready"].notna() & ~units[SUPPRESSED]]
        if len(shown):
            top = shown.sort_values(["n_ready", "unit"], ascending=[False, True]).iloc[0]
            if top["n_ready"] > 0:
                sentences.append(
                    labels.text(
                        "text.readiness_top_unit",
                        lang,
                        unit=md_text(top["unit"]),
                        n_ready=_num(top["n_ready"], lang),
                        share=_pct(top["share_ready"], lang),
                    )
                )
    return section_markdown(
        labels.label("heading.gaps_readiness", lang),
        sentences,
        lang,
        figures["readiness_units"],
        m,
    )


def gaps_needs_markdown(
    figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG, top: int = 3
) -> str:
    """Section "training needs": the survey's method and its ``top`` largest needs."""
    lang = labels.check_lang(lang, "gaps_needs_markdown")
    m = figures["min_group_size"]
    needs = figures.get("needs")
    heading = labels.label("heading.gaps_needs", lang)
    if needs is None or needs.empty:
        return section_markdown(heading, labels.label("text.needs_none", lang), lang)
    shown = needs[needs["mean_need"].notna()]
    sentences = [labels.label("text.needs_intro", lang)]
    if shown.empty:
        sentences.append(labels.text("text.needs_small", lang, threshold=m))
    else:
        items = []
        for _, r in shown.head(top).iterrows():
            share = r.get("share_priority")
            item = md_text(labels.enum_label("tna_item", r["item_id"], lang))
            need = _num(r["mean_need"], lang, 1)
            if _missing(share):
                items.append(labels.text("text.needs_item_no_share", lang, item=item, need=need))
            else:
                items.append(
                    labels.text(
                        "text.needs_item", lang, item=item, need=need, share=_pct(share, lang)
                    )
                )
        sentences.append(labels.text("text.needs_top", lang, items=join_items(items, lang)))
    return section_markdown(heading, sentences, lang, needs, m)


# ---------------------------------------------------------------------------
# The needs and plan report (notebooks/needs_plan.ipynb).
# ---------------------------------------------------------------------------
#: Mean adjusted Rand index from which a grouping is called stable / fairly stable.
STABILITY_BANDS = (0.8, 0.5)
#: The 70:20:10 categories, in the order of the model.
_MODEL_ORDER = ("experiential", "social", "formal")


def rupiah_text(amount: object, lang: str = config.DEFAULT_LANG) -> str:
    """An amount of rupiah as a reader says it: "Rp500 juta", "Rp1,5 miliar".

    Examples
    --------
    >>> rupiah_text(500_000_000), rupiah_text(1_500_000_000, "en"), rupiah_text(250_000)
    ('Rp500 juta', 'Rp1.5 billion', 'Rp250.000')
    """
    if _missing(amount):
        return labels.label("value.missing", lang)
    value = float(amount)  # type: ignore[arg-type]
    if abs(value) >= 1e9:
        number = value / 1e9
        key = "text.rupiah_billion"
    elif abs(value) >= 1e6:
        number = value / 1e6
        key = "text.rupiah_million"
    else:
        return labels.text("text.rupiah", lang, amount=_num(value, lang))
    decimals = 0 if float(number).is_integer() else 1
    return labels.text(key, lang, amount=_num(number, lang, decimals))


def budget_levels(budget: float, per: float = 100_000_000.0, max_steps: int = 10) -> list[float]:
    """The budgets of the budget curve: 0, ``per``, 2 × ``per`` … up to ``budget``.

    With more than ``max_steps`` steps, ``max_steps`` equal steps instead;
    ``budget`` itself is always the last level.

    Examples
    --------
    >>> budget_levels(350_000_000)
    [0.0, 100000000.0, 200000000.0, 300000000.0, 350000000.0]
    >>> len(budget_levels(5e9))
    11
    """
    budget = float(budget)
    if budget <= 0:
        return [0.0]
    step = per if budget / per <= max_steps else budget / max_steps
    levels = [i * step for i in range(int(budget // step) + 1)]
    if levels[-1] < budget - 1e-6:
        levels.append(budget)
    return [float(x) for x in levels]


def _masked_count(n: object, m: int) -> int | None:
    if _missing(n):
        return None
    return None if _small(n, m) else int(n)  # type: ignore[arg-type]


def _clusters_masked(profiles: pd.DataFrame, m: int, lang: str) -> pd.DataFrame:
    """The cluster table with small clusters hidden (complementary: sizes add up)."""
    table = profiles[["cluster", "name", "top_competencies", "n", "share", "total_need"]].copy()
    table = table.rename(columns={"name": "cluster_name"})
    # the cluster number is shown next to the name: no "#<0-based label>" suffix
    table["cluster_name"] = (
        table["cluster_name"].astype("object").str.replace(r" #\d+$", "", regex=True)
    )
    out = privacy.suppress_small_counts(table, "n", m, share_cols=["share"])
    small = (out[REASON] == "small").fillna(False).to_numpy(dtype=bool)
    out["total_need"] = out["total_need"].mask(small)
    out["cluster_name"] = out["cluster_name"].astype("object")
    out.loc[small, "cluster_name"] = labels.label("text.np_cluster_hidden", lang)
    out["top_competencies"] = [
        [] if s else list(t) for s, t in zip(small, out["top_competencies"], strict=True)
    ]
    out.insert(1, "cluster_number", out["cluster"].astype("int64") + 1)
    return out


def needs_plan_key_figures(
    *,
    region: Mapping[str, Any] | pd.Series,
    n_employees: int,
    n_unassessed: int,
    fill: Mapping[str, Any] | None,
    profiles: pd.DataFrame | None,
    profile_long: pd.DataFrame | None,
    stability: Mapping[str, Any] | None,
    compliance: pd.DataFrame | None = None,
    compliance_total: pd.DataFrame | None = None,
    year: int | None = None,
    programmes: pd.DataFrame | None = None,
    plan: Any = None,
    total_need: float | None = None,
    curve: pd.DataFrame | None = None,
    mix: pd.DataFrame | None = None,
    mentoring: pd.DataFrame | None = None,
    mentoring_capacity: int = 2,
    budget: float = 0.0,
    n_clusters: object = "auto",
    min_group_size: int = config.MIN_GROUP_SIZE,
    data_hash: str | None = None,
    lang: str = config.DEFAULT_LANG,
) -> dict[str, Any]:
    """Everything the needs and plan report states, with every small group masked.

    Parameters
    ----------
    region : mapping or Series
        The region's row.
    n_employees, n_unassessed : int
        Staff of the region, and those never assessed (not clustered).
    fill : mapping, optional
        ``attrs["fill_unassessed"]`` of :func:`kompetensi_toolkit.clustering.fill_unassessed`.
    profiles, profile_long : DataFrame, optional
        :func:`~kompetensi_toolkit.clustering.cluster_profiles` (in ``lang``)
        and :func:`~kompetensi_toolkit.clustering.cluster_profile_long` (with
        names); ``None`` when too few staff were assessed to group them.
    stability : mapping, optional
        :func:`~kompetensi_toolkit.clustering.cluster_stability`.
    compliance, compliance_total : DataFrame, optional
        :func:`~kompetensi_toolkit.planning.jp_compliance` by unit and for
        everyone (``by=None``), for ``year``.
    programmes : DataFrame, optional
        :func:`~kompetensi_toolkit.planning.match_programmes` with a
        ``cluster`` group column.
    plan : PlanResult, optional
        :func:`~kompetensi_toolkit.planning.plan_budget` with ``budget``.
    total_need : float, optional
        All weighted shortfall of the region (the denominator of the shares).
    curve : DataFrame, optional
        :func:`~kompetensi_toolkit.planning.budget_curve`.
    mix : DataFrame, optional
        :func:`~kompetensi_toolkit.planning.modality_mix` of the plan.
    mentoring : DataFrame, optional
        :func:`~kompetensi_toolkit.planning.mentoring_coverage` with ``by=None``.
    mentoring_capacity : int
        Mentees per mentor used for the pairs (said in the report).
    budget : float
        Rupiah.
    n_clusters : "auto" or int
        As asked (the number used is ``n_clusters_used``).
    min_group_size : int
    data_hash : str, optional
    lang : {"id", "en"}
        Language of the cluster names.

    Returns
    -------
    dict
        Scalars (``None`` where masked) and masked tables (each with
        ``suppressed`` and ``suppressed_reason``): ``clusters`` (a cluster
        below ``min_group_size`` keeps only its number; complementary
        suppression as the sizes add up), ``cluster_long`` (mean shortfall
        hidden for hidden clusters and cells of fewer than ``min_group_size``
        assessed), ``jp_units`` (units below ``min_group_size`` hidden, then
        small numbers under 20 JP), ``programmes`` (clusters shown in full
        only), ``curve``, ``model_mix``; and the plan's and mentoring's
        totals. No table holds an employee.
    """
    func = "needs_plan_key_figures"
    lang = labels.check_lang(lang, func)
    m = check_min_group_size(min_group_size, func)
    region = dict(region)
    figures: dict[str, Any] = {
        **region_figures(region, data_hash=data_hash, min_group_size=m),
        "n_clusters_asked": n_clusters if isinstance(n_clusters, str) else int(n_clusters),  # type: ignore[call-overload]
        "budget": float(budget),
        "n_employees": _masked_count(n_employees, m) if n_employees else 0,
        "n_unassessed": _masked_count(n_unassessed, m) if n_unassessed else 0,
        "fill_strategy": None if fill is None else fill.get("strategy"),
        "n_cells_filled": None if fill is None else int(fill.get("n_cells_filled", 0)),
    }
    # -- 1. need groups -------------------------------------------------------
    if profiles is None or profiles.empty:
        figures.update(clusters=None, cluster_long=None, n_clustered=0, n_clusters_used=0)
        figures.update(ari_mean=None, ari_sd=None, n_boot=None)
    else:
        require_columns(profiles, ["cluster", "name", "top_competencies", "n", "share",
                                   "total_need"], func)  # fmt: skip
        clusters = _clusters_masked(profiles, m, lang)
        figures["clusters"] = clusters
        figures["n_clustered"] = _masked_count(int(profiles["n"].sum()), m)
        figures["n_clusters_used"] = len(profiles)
        figures["n_clusters_small"] = int((clusters[REASON] == "small").fillna(False).sum())
        hidden_clusters = set(clusters.loc[clusters[REASON] == "small", "cluster"])
        long = profile_long.copy() if profile_long is not None else pd.DataFrame()
        if not long.empty:
            require_columns(long, ["cluster", "competency_id", "n_assessed", "mean_shortfall"],
                            func)  # fmt: skip
            hide = long["cluster"].isin(hidden_clusters) | (long["n_assessed"] < m)
            long["mean_shortfall"] = long["mean_shortfall"].astype("float64").mask(hide)
            long["n_assessed"] = long["n_assessed"].astype("Int64").mask(hide)
            long = long.drop(columns=["share_short"], errors="ignore")
            long[SUPPRESSED] = hide.to_numpy(dtype=bool)
            long[REASON] = pd.Series(pd.NA, index=long.index, dtype="string").mask(hide, "small")
            long.insert(1, "cluster_number", long["cluster"].astype("int64") + 1)
        figures["cluster_long"] = long
        stab = dict(stability or {})
        figures["ari_mean"] = stab.get("ari_mean")
        figures["ari_sd"] = stab.get("ari_sd")
        figures["n_boot"] = stab.get("n_boot")
    # -- 2. the 20 JP rule ----------------------------------------------------
    figures["jp_year"] = None if year is None else int(year)
    figures["jp_units"] = None
    figures.update(jp_n_staff=None, jp_n_under=None, jp_share_under=None, jp_mean=None)
    if compliance is not None and year is not None:
        units = compliance[["unit", "n_staff", "n_under", "share_under", "mean_jp"]]
        figures["jp_units"] = privacy.suppress_nested(
            units, "n_staff", "n_under", m, total_derived=["mean_jp"], part_derived=["share_under"]
        )
    if compliance_total is not None and year is not None and len(compliance_total):
        row = compliance_total.iloc[0]
        n_staff = int(row["n_staff"])
        n_under = int(row["n_under"])
        figures["jp_n_staff"] = _masked_count(n_staff, m) if n_staff else 0
        shown = n_staff >= m and not _small(n_under, m)
        figures["jp_n_under"] = n_under if shown else None
        figures["jp_share_under"] = float(row["share_under"]) if shown else None
        figures["jp_mean"] = float(row["mean_jp"]) if n_staff >= m else None
    # -- 3. programmes per cluster ------------------------------------------
    figures["programmes"] = None
    clusters = figures.get("clusters")
    if programmes is not None and clusters is not None:
        shown_clusters = clusters.loc[~clusters[SUPPRESSED], ["cluster", "cluster_number",
                                                              "cluster_name"]]  # fmt: skip
        rec = programmes.merge(shown_clusters, on="cluster", how="inner")
        rec = rec.rename(columns={"name": "programme"})
        for column in ("jp", "cost_per_participant", "total_cost"):
            rec[column] = rec[column].astype("float64").round().astype("Int64")
        free = rec["cost_per_participant"].astype("float64") <= 0
        rec["value_for_money"] = [
            labels.label("text.np_free", lang) if f else _num(v, lang, 2)
            for f, v in zip(free, rec["need_per_rupiah"], strict=True)
        ]
        rec["need_per_rupiah"] = rec["need_per_rupiah"].astype("float64").mask(free)
        keep = ["cluster", "cluster_number", "cluster_name", "rank", "program_id", "programme",
                "form", "mode", "jp", "cost_per_participant", "need_covered", "need_per_rupiah",
                "value_for_money", "cohorts", "total_cost"]  # fmt: skip
        figures["programmes"] = rec[[c for c in keep if c in rec]].reset_index(drop=True)
    # -- 4. the plan -----------------------------------------------------------
    need = float(total_need) if total_need is not None and not _missing(total_need) else None
    figures["total_need"] = need
    figures.update(plan_cost=None, plan_value=None, plan_share=None, plan_n_people=None,
                   plan_n_places=None, plan_jp_added=None, plan_n_lifted=None,
                   plan_method=None, plan_optimal=None, plan_mip_gap=None)  # fmt: skip
    if plan is not None:
        per_person = plan.jp_per_person
        lifted = 0
        if {"jp_earned", "jp_after"} <= set(per_person.columns):
            lifted = int(
                ((per_person["jp_earned"] < 20.0) & (per_person["jp_after"] >= 20.0)).sum()
            )
        figures.update(
            plan_cost=float(plan.cost),
            plan_value=float(plan.value),
            plan_share=float(plan.value) / need if need else None,
            plan_n_people=_masked_count(plan.n_people, m) if plan.n_people else 0,
            plan_n_places=_masked_count(len(plan.plan), m) if len(plan.plan) else 0,
            plan_jp_added=float(per_person["jp_added"].sum()) if len(per_person) else 0.0,
            plan_n_lifted=_masked_count(lifted, m) if lifted else 0,
            plan_method=plan.method,
            plan_mip_gap=None if plan.mip_gap is None else float(plan.mip_gap),
            plan_optimal=bool(plan.optimal),
        )
    figures["curve"] = None
    if curve is not None:
        c = curve[["budget", "cost", "value", "share_covered", "n_people", "n_places",
                   "jp_added", "extra_value_per_step", "method", "optimal"]].copy()  # fmt: skip
        c["n_people"] = [_masked_count(n, m) if n else 0 for n in c["n_people"]]
        c["n_people"] = c["n_people"].astype("Int64")
        c["n_places"] = [_masked_count(n, m) if n else 0 for n in c["n_places"]]
        c["n_places"] = c["n_places"].astype("Int64")
        figures["curve"] = c
    # -- 5. modalities ----------------------------------------------------------
    figures["model_mix"] = None
    figures["share_klasikal"] = None
    if mix is not None and len(mix):
        model = mix[mix["dimension"] == "model"].copy()
        model = model.rename(columns={"category": "model", "share": "share_plan",
                                      "target": "share_target",
                                      "difference": "share_difference"})  # fmt: skip
        model = privacy.suppress_small_counts(
            model[["model", "n_participants", "jp", "share_plan", "share_target",
                   "share_difference"]],
            "n_participants", m, share_cols=["jp", "share_plan", "share_difference"],
        )  # fmt: skip
        model.insert(
            1,
            "learning_model",
            [labels.label(f"text.np_model.{x}", lang) for x in model["model"]],
        )
        figures["model_mix"] = model.reset_index(drop=True)
        modes = mix[mix["dimension"] == "mode"].set_index("category")
        if "klasikal" in modes.index and not _small(modes.loc["klasikal", "n_participants"], m):
            figures["share_klasikal"] = float(modes.loc["klasikal", "share"])
    # -- 6. mentoring -----------------------------------------------------------
    figures["mentoring_computed"] = mentoring is not None
    figures.update(mentoring_capacity=int(mentoring_capacity), mentor_n_mentors=None,
                   mentor_n_mentees=None, mentor_n_shortfalls=None, mentor_n_paired=None,
                   mentor_share_paired=None)  # fmt: skip
    if mentoring is not None and len(mentoring):
        row = mentoring.iloc[0]
        n_paired = int(row["n_paired"])
        figures.update(
            mentor_n_mentors=_masked_count(row["n_mentors"], m) if row["n_mentors"] else 0,
            mentor_n_mentees=_masked_count(row["n_mentees"], m) if row["n_mentees"] else 0,
            mentor_n_shortfalls=(
                _masked_count(row["n_shortfalls"], m) if row["n_shortfalls"] else 0
            ),
            mentor_n_paired=_masked_count(n_paired, m) if n_paired else 0,
            mentor_share_paired=(
                float(row["share_paired"])
                if n_paired and not _small(n_paired, m) and not _missing(row["share_paired"])
                else (0.0 if n_paired == 0 and row["n_shortfalls"] else None)
            ),
        )
    return figures


def needs_plan_summary(figures: Mapping[str, Any]) -> dict[str, Any]:
    """The part of :func:`needs_plan_key_figures` that goes into ``summary.json``.

    Every scalar, and the masked tables as lists of records (``None`` when
    the report has no such table).
    """
    tables = {
        "clusters": ["cluster_number", "cluster_name", "top_competencies", "n", "share",
                     "total_need", SUPPRESSED],
        "cluster_long": ["cluster_number", "competency_id", "n_assessed", "mean_shortfall",
                         SUPPRESSED],
        "jp_units": ["unit", "n_staff", "n_under", "share_under", "mean_jp", SUPPRESSED],
        "programmes": ["cluster_number", "rank", "program_id", "need_covered",
                       "need_per_rupiah", "jp", "cost_per_participant", "cohorts",
                       "total_cost"],
        "curve": ["budget", "cost", "value", "share_covered", "n_people", "n_places",
                  "jp_added", "extra_value_per_step", "method", "optimal"],
        "model_mix": ["model", "n_participants", "jp", "share_plan", "share_target",
                      "share_difference", SUPPRESSED],
    }  # fmt: skip
    return summary_with_tables(figures, tables)


def summary_with_tables(
    figures: Mapping[str, Any], tables: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """Key figures for ``summary.json``: every scalar, and ``tables`` as lists of records.

    Parameters
    ----------
    figures : mapping
        Key figures (scalars and masked frames).
    tables : mapping
        Table name → the columns to keep (those present are kept; a table that
        is ``None`` stays ``None``). Frames not named here are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> summary_with_tables({"n": 3, "t": pd.DataFrame({"a": [1], "b": [2]})}, {"t": ["a"]})
    {'n': 3, 't': [{'a': 1}]}
    """
    out: dict[str, Any] = {
        k: v for k, v in figures.items() if k not in tables and not isinstance(v, pd.DataFrame)
    }
    for key, columns in tables.items():
        frame = figures.get(key)
        out[key] = None if frame is None else _records(frame, [c for c in columns if c in frame])
    return out


def _count_or_small(n: object, lang: str, m: int) -> str:
    """A masked count as "< 5" (masked counts here are always small groups)."""
    return count_text(n, lang, m, reason="small")


def needs_plan_summary_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """The opening sentences: staff grouped, into how many groups, and what was assumed."""
    lang = labels.check_lang(lang, "needs_plan_summary_markdown")
    m = figures["min_group_size"]
    region = _region(figures)
    if not figures.get("n_clusters_used"):
        return labels.text("text.np_summary_none", lang, region=region)
    sentences = [
        labels.text(
            "text.np_summary",
            lang,
            n_staff=_count_or_small(figures["n_employees"], lang, m),
            region=region,
            n_clustered=_count_or_small(figures["n_clustered"], lang, m),
            k=figures["n_clusters_used"],
        ),
        labels.text(
            "text.np_fill",
            lang,
            n_unassessed=_count_or_small(figures["n_unassessed"], lang, m),
            n_cells=_num(figures.get("n_cells_filled") or 0, lang),
        ),
    ]
    return " ".join(sentences)


def needs_plan_clusters_markdown(
    figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG
) -> str:
    """Section "need groups": stability, the group with the largest need, what is hidden."""
    lang = labels.check_lang(lang, "needs_plan_clusters_markdown")
    m = figures["min_group_size"]
    heading = labels.label("heading.np_clusters", lang)
    clusters = figures.get("clusters")
    if clusters is None:
        return section_markdown(
            heading, labels.text("text.np_summary_none", lang, region=_region(figures)), lang
        )
    sentences = []
    ari = figures.get("ari_mean")
    if not _missing(ari):
        high, mid = STABILITY_BANDS
        quality = "high" if ari >= high else "mid" if ari >= mid else "low"
        sentences.append(
            labels.text(
                "text.np_stability",
                lang,
                n_boot=figures["n_boot"],
                ari=_num(ari, lang, 2),
                quality=labels.label(f"text.np_stability.{quality}", lang),
            )
        )
    shown = clusters[~clusters[SUPPRESSED]]
    if len(shown):
        top = shown.sort_values("total_need", ascending=False, kind="stable").iloc[0]
        sentences.append(
            labels.text(
                "text.np_largest",
                lang,
                name=md_text(top["cluster_name"]),
                number=top["cluster_number"],
                n=_num(top["n"], lang),
                share=_pct(top["share"], lang),
                need=_num(top["total_need"], lang, 1),
            )
        )
    if figures.get("n_clusters_small"):
        sentences.append(
            labels.text("text.np_clusters_small", lang, n=figures["n_clusters_small"], threshold=m)
        )
    sentences.append(labels.label("text.np_heatmap_intro", lang))
    return section_markdown(heading, sentences, lang, clusters, m)


def needs_plan_jp_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "the 20 JP rule": staff under 20 JP last year, and the unit with most of them."""
    lang = labels.check_lang(lang, "needs_plan_jp_markdown")
    m = figures["min_group_size"]
    heading = labels.label("heading.np_jp", lang)
    units = figures.get("jp_units")
    if figures.get("jp_year") is None or (figures.get("jp_n_staff") is None and units is None):
        return section_markdown(heading, labels.label("text.np_jp_none", lang), lang)
    fields = {
        "year": figures["jp_year"],
        "n_staff": _count_or_small(figures["jp_n_staff"], lang, m),
        "mean_jp": _num(figures.get("jp_mean"), lang, 1),
    }
    if figures.get("jp_n_under") is not None:
        sentences = [
            labels.text(
                "text.np_jp_total",
                lang,
                n_under=_num(figures["jp_n_under"], lang),
                share=_pct(figures["jp_share_under"], lang),
                **fields,
            )
        ]
    else:
        sentences = [labels.text("text.np_jp_total_small", lang, threshold=m, **fields)]
    if units is not None:
        shown = units[units["share_under"].notna()]
        if len(shown) > 1:
            top = shown.sort_values("share_under", ascending=False, kind="stable").iloc[0]
            sentences.append(
                labels.text(
                    "text.np_jp_top_unit",
                    lang,
                    unit=md_text(top["unit"]),
                    share=_pct(top["share_under"], lang),
                )
            )
    return section_markdown(heading, sentences, lang, units, m)


def needs_plan_programmes_markdown(
    figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG
) -> str:
    """Section "recommended programmes": how they are ranked, and the first choice."""
    lang = labels.check_lang(lang, "needs_plan_programmes_markdown")
    heading = labels.label("heading.np_programmes", lang)
    rec = figures.get("programmes")
    if rec is None or rec.empty:
        return section_markdown(heading, labels.label("text.np_programmes_none", lang), lang)
    sentences = [labels.label("text.np_programmes_intro", lang)]
    clusters = figures["clusters"]
    shown = clusters[~clusters[SUPPRESSED]].sort_values("total_need", ascending=False)
    for cluster in shown["cluster"]:
        first = rec[(rec["cluster"] == cluster) & (rec["rank"] == 1)]
        if len(first):
            r = first.iloc[0]
            cost = r["cost_per_participant"]
            free = labels.label("text.np_free", lang)
            sentences.append(
                labels.text(
                    "text.np_programmes_best",
                    lang,
                    cluster=md_text(r["cluster_name"]),
                    number=r["cluster_number"],
                    programme=md_text(r["programme"]),
                    jp=_num(r["jp"], lang),
                    cost=free
                    if cost <= 0
                    else labels.text("text.np_per_participant", lang, cost=rupiah_text(cost, lang)),
                )
            )
            break
    return section_markdown(heading, sentences, lang)


def needs_plan_budget_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "the plan within the budget": cost, places, people, share of need, JP."""
    lang = labels.check_lang(lang, "needs_plan_budget_markdown")
    m = figures["min_group_size"]
    heading = labels.label("heading.np_budget", lang)
    if figures.get("plan_cost") is None or figures.get("plan_n_places") == 0:
        return section_markdown(heading, labels.label("text.np_budget_none", lang), lang)
    sentences = [
        labels.text(
            "text.np_budget",
            lang,
            budget=rupiah_text(figures["budget"], lang),
            cost=rupiah_text(figures["plan_cost"], lang),
            n_places=_count_or_small(figures["plan_n_places"], lang, m),
            n_people=_count_or_small(figures["plan_n_people"], lang, m),
            share=_pct(figures.get("plan_share"), lang),
            jp_added=_num(figures["plan_jp_added"], lang),
        )
    ]
    if figures.get("plan_n_lifted") != 0:
        sentences.append(
            labels.text(
                "text.np_budget_lifted",
                lang,
                n_lifted=_count_or_small(figures["plan_n_lifted"], lang, m),
            )
        )
    gap = figures.get("plan_mip_gap")
    if figures.get("plan_method") != "milp" or _missing(gap):
        sentences.append(labels.label("text.np_budget_greedy", lang))
    else:
        key = "text.np_budget_exact" if figures.get("plan_optimal") else "text.np_budget_limit"
        sentences.append(
            labels.text(
                key, lang, gap=labels.format_percent(max(float(gap), 0.0), lang, decimals=2)
            )
        )
    return section_markdown(heading, sentences, lang)


def needs_plan_curve_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "what each extra 100 million buys": the first and the last step."""
    lang = labels.check_lang(lang, "needs_plan_curve_markdown")
    heading = labels.label("heading.np_curve", lang)
    curve = figures.get("curve")
    if curve is None or len(curve) < 2:
        return section_markdown(heading, labels.label("text.np_budget_none", lang), lang)
    steps = curve["extra_value_per_step"].dropna()
    sentences = []
    free = curve.iloc[0]
    if free["budget"] == 0 and not _missing(free["share_covered"]) and free["share_covered"] > 0:
        sentences.append(
            labels.text("text.np_curve_free", lang, share=_pct(free["share_covered"], lang))
        )
    if len(steps):
        sentences.append(
            labels.text(
                "text.np_curve",
                lang,
                first=_num(steps.iloc[0], lang, 1),
                last=_num(steps.iloc[-1], lang, 1),
                budget=rupiah_text(curve["budget"].iloc[-1], lang),
            )
        )
    return section_markdown(heading, sentences, lang)


def needs_plan_modality_markdown(
    figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG
) -> str:
    """Section "learning modes": the plan's JP by 70:20:10 category, and classroom JP."""
    lang = labels.check_lang(lang, "needs_plan_modality_markdown")
    m = figures["min_group_size"]
    heading = labels.label("heading.np_modality", lang)
    mix = figures.get("model_mix")
    if mix is None or figures.get("plan_n_places") == 0:
        return section_markdown(heading, labels.label("text.np_modality_none", lang), lang)
    hidden = labels.label("value.hidden", lang)
    shares = dict(zip(mix["model"], mix["share_plan"], strict=True))
    fields = {k: hidden if _missing(shares.get(k)) else _pct(shares[k], lang) for k in _MODEL_ORDER}
    klasikal = figures.get("share_klasikal")
    fields["klasikal"] = hidden if klasikal is None else _pct(klasikal, lang)
    sentence = labels.text("text.np_modality", lang, **fields)
    return section_markdown(heading, sentence, lang, mix, m)


def needs_plan_mentoring_markdown(
    figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG
) -> str:
    """Section "mentoring": counts of mentors, mentees and needs reached; never pairs."""
    lang = labels.check_lang(lang, "needs_plan_mentoring_markdown")
    m = figures["min_group_size"]
    heading = labels.label("heading.np_mentoring", lang)
    if not figures.get("mentoring_computed") or figures.get("mentor_n_paired") == 0:
        return section_markdown(heading, labels.label("text.np_mentoring_none", lang), lang)
    share = figures.get("mentor_share_paired")
    sentence = labels.text(
        "text.np_mentoring",
        lang,
        n_mentors=_count_or_small(figures["mentor_n_mentors"], lang, m),
        capacity=figures["mentoring_capacity"],
        n_paired=_count_or_small(figures["mentor_n_paired"], lang, m),
        n_shortfalls=_count_or_small(figures["mentor_n_shortfalls"], lang, m),
        share=_pct(share, lang) if share is not None else labels.label("value.hidden", lang),
        n_mentees=_count_or_small(figures["mentor_n_mentees"], lang, m),
    )
    return section_markdown(heading, sentence, lang)
