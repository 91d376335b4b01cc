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

__all__ = [
    "count_text",
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
    "join_items",
    "jpm_categories_sentence",
    "section_markdown",
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
    name = labels.md_escape(figures.get("region_name") or figures.get("region_id") or "")
    title = labels.text(key, lang, region=name)
    level = figures.get("level")
    level_label = labels.enum_label("region_level", level, lang) if level else ""
    province = figures.get("province")
    if province:
        sub = labels.text(
            "text.subtitle", lang, level=level_label, province=labels.md_escape(province)
        )
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


def _competency_name(row: Mapping[str, Any], lang: str) -> str:
    for col in (f"name_{lang}", "name_id"):
        value = row.get(col)
        if not _missing(value):
            return labels.md_escape(value)
    return labels.md_escape(row.get("competency_id"))


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
    first = privacy.suppress_small_counts(
        pool, "n_candidates", min_group_size, share_cols=["n_ready", "share_ready"]
    )
    masked, reason = first[SUPPRESSED].copy(), first[REASON].copy()
    second = privacy.suppress_small_counts(
        first.drop(columns=[SUPPRESSED, REASON]),
        "n_ready",
        min_group_size,
        share_cols=["share_ready"],
    )
    second[SUPPRESSED] = masked | second[SUPPRESSED]
    second[REASON] = reason.fillna(second[REASON])
    second["n_ready"] = second["n_ready"].astype("Int64")
    return second


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
        "region_id": _text(region.get("region_id")),
        "region_name": _text(region.get("name") or region.get("region_name")),
        "level": _text(region.get("level")),
        "province": _text(region.get("province")),
        "data_hash": data_hash,
        "min_group_size": m,
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
        name = labels.md_escape(labels.enum_label("jpm_category", category, lang))
        parts.append(labels.text(key, lang, share=_pct(share, lang), category=name))
    sentences = ["; ".join(parts) + "." if parts else ""]
    masked = [
        "**" + labels.md_escape(labels.enum_label("jpm_category", c, lang)) + "**"
        for c in dist.loc[hidden, "category"]
    ]
    if masked:
        sentences.append(
            labels.text("text.categories_hidden", lang, categories=join_items(masked, lang))
        )
    return " ".join(s for s in sentences if s)


def _region(figures: Mapping[str, Any]) -> str:
    return labels.md_escape(figures.get("region_name") or figures.get("region_id") or "")


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
                    unit=labels.md_escape(deepest["unit"]),
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
                        unit=labels.md_escape(top["unit"]),
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
            item = labels.md_escape(labels.enum_label("tna_item", r["item_id"], lang))
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
