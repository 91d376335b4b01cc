"""Regions side by side, from the ``summary.json`` of every region of a run.

:func:`read_summaries` reads ``<reports_dir>/<region_id>/summary.json`` for
every region folder; the other functions turn those documents into tidy frames,
one row per region (or region × category, region × competency), sorted by
province and then region name, so that regions of one province stand together:

- :func:`key_figures_table`: the key numbers of each region, for the index;
- :func:`jpm_categories`: share of staff per JPM category (``gaps``);
- :func:`gap_matrix`: share below standard per competency (``gaps``);
- :func:`jp_compliance`: share of staff meeting 20 JP (``needs_plan``, else ``outcomes``);
- :func:`ikm_by_region`: the latest IKM, its grade and change (``outcomes``).

A region without a template gets missing values, never an error. Values a
region's report hid (small groups) stay missing; :func:`hide_small` also hides
a region's figures when its group is smaller than the comparison's own
``min_group_size``.

Many regions (554 at national scale: 38 provinsi, 416 kabupaten, 98 kota and
two kecamatan): the comparison template shows every region while there are at
most :data:`FEW_REGIONS`; above that it summarises by province and lists the
:data:`TOP_N` highest and lowest regions on each figure (:func:`top_bottom_table`):

- :func:`pooled_jpm`, :func:`pooled_jp`, :func:`pooled_gaps`: counts summed
  over a province's regions (or the whole country, ``by=None``) and the
  pooled share (sum of counts / sum of staff), never a mean of percentages;
  :func:`pooled_ikm` weights the IKM by respondents;
- :func:`province_table`: one row per province and one for the country;
- :func:`national_totals`: the country's counts, each the sum of the regions';
- :func:`province_chart`: one row per province, its regions' spread as dots;
  :func:`jpm_chart` and :func:`gap_heatmap` draw provinces through :func:`as_regions`;
- :func:`by_province`: regions grouped by province (the index page).

Small cells: a summary keeps only what its report showed, so a cell a region
hid adds nothing to a pooled count, which is then a lower bound, with the
upper bound and ``exact`` beside it (see :func:`national_totals`).

The region charts themselves draw at most ``max_regions`` (default 40)
regions: above that the ``max_regions // 2`` highest and lowest on the
chart's measure, with a note saying how many are not drawn (:func:`top_bottom`).

Examples
--------
>>> docs = {"a": {"region_id": "a", "templates": {"gaps": {"region_name": "Kota A",
...     "level": "kota", "province": "P", "n_employees": 40, "jpm_categories": [
...     {"category": "Optimal", "n": 30, "share": 0.75, "suppressed_reason": None}]}}}}
>>> key_figures_table(docs, "en")[["region_name", "n_employees", "share_optimal"]]
  region_name  n_employees  share_optimal
0      Kota A           40           0.75
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from kompetensi_toolkit import config, labels
from kompetensi_toolkit.exceptions import ParameterError, ReportError
from kompetensi_toolkit.plotting import _despine
from kompetensi_toolkit.privacy import REASON, SUPPRESSED, check_min_group_size, mask_rows
from kompetensi_toolkit.rendering import md_text

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "FEW_REGIONS",
    "MAX_REGIONS",
    "TOP_N",
    "as_regions",
    "by_province",
    "extremes_table",
    "gap_heatmap",
    "gap_matrix",
    "gap_sentence",
    "header",
    "hide_small",
    "ikm_by_region",
    "ikm_chart",
    "ikm_sentence",
    "jp_chart",
    "jp_compliance",
    "jp_sentence",
    "jpm_categories",
    "jpm_chart",
    "jpm_sentence",
    "key_figures_table",
    "national_sentence",
    "national_totals",
    "pooled_gaps",
    "pooled_ikm",
    "pooled_jp",
    "pooled_jpm",
    "province_chart",
    "province_table",
    "read_summaries",
    "regions_sentence",
    "table",
    "top_bottom",
    "top_bottom_table",
]

SUMMARY_FILE = "summary.json"

#: Regions drawn in one chart; above this, the highest and lowest half each.
MAX_REGIONS = 40

#: Up to this many regions the comparison shows every region; above, provinces and extremes.
FEW_REGIONS = 12

#: Regions listed at each end of a top / bottom table (:func:`top_bottom_table`).
TOP_N = 10

#: Region columns every frame starts with.
REGION_COLUMNS = ["region_id", "region_name", "level", "province"]

#: The order the JPM categories are stacked in (worst first).
JPM_ORDER = (
    "Kurang Optimal",
    "Cukup Optimal",
    "Optimal",
    "Kurang Memenuhi Syarat",
    "Masih Memenuhi Syarat",
    "Memenuhi Syarat",
)

_JPM_COLORS = {
    "Kurang Optimal": "#c0392b",
    "Kurang Memenuhi Syarat": "#c0392b",
    "Cukup Optimal": "#f0ad4e",
    "Masih Memenuhi Syarat": "#f0ad4e",
    "Optimal": "#2a6f97",
    "Memenuhi Syarat": "#2a6f97",
}
_BAR_COLOR = "#2a6f97"
_NOTE_COLOR = "#6c757d"


# ---------------------------------------------------------------------------
# Reading.
# ---------------------------------------------------------------------------
def read_summaries(reports_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Every region's ``summary.json`` under a run's output folder.

    Parameters
    ----------
    reports_dir : str or Path
        The run's output folder, one sub-folder per region. Sub-folders without
        a ``summary.json`` are skipped.

    Returns
    -------
    dict
        ``region_id`` (the document's, else the folder's name) → document,
        in folder-name order.

    Raises
    ------
    ReportError
        The folder does not exist, or a ``summary.json`` is not valid JSON
        (the message names the file).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "ambon").mkdir(), (folder / "empty").mkdir()
    >>> _ = (folder / "ambon" / "summary.json").write_text('{"templates": {}}')
    >>> read_summaries(folder)
    {'ambon': {'templates': {}, 'region_id': 'ambon'}}
    """
    folder = Path(reports_dir)
    if not folder.is_dir():
        raise ReportError(
            f"The reports folder {folder} does not exist: run `kompetensi run` first, or pass "
            "the run's output folder (one sub-folder per region)."
        )
    out: dict[str, dict[str, Any]] = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        path = sub / SUMMARY_FILE
        if not path.is_file():
            continue
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as err:
            raise ReportError(
                f"{path} is not valid JSON ({err}); run region {sub.name!r} again."
            ) from None
        if not isinstance(document, dict):
            raise ReportError(
                f"{path} must hold a JSON object with 'templates'; got "
                f"{type(document).__name__}. Run region {sub.name!r} again."
            )
        document.setdefault("region_id", sub.name)
        document.setdefault("templates", {})
        out[str(document["region_id"] or sub.name)] = document
    return out


# ---------------------------------------------------------------------------
# Frames.
# ---------------------------------------------------------------------------
def _templates(document: Mapping[str, Any]) -> Mapping[str, Any]:
    templates = document.get("templates") or {}
    return templates if isinstance(templates, Mapping) else {}


def _first(document: Mapping[str, Any], key: str, order: Sequence[str] | None = None) -> Any:
    """The first non-missing ``key`` among the templates (in ``order``, then any)."""
    templates = _templates(document)
    names = [*(order or ()), *sorted(templates)]
    for name in names:
        figures = templates.get(name)
        if isinstance(figures, Mapping) and figures.get(key) is not None:
            return figures[key]
    return None


def _region(region_id: str, document: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "region_id": region_id,
        "region_name": _first(document, "region_name") or region_id,
        "level": _first(document, "level"),
        "province": _first(document, "province"),
    }


def _num(value: Any) -> float:
    """A number from JSON, missing as NaN."""
    if value is None or isinstance(value, bool):
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _sorted(frame: pd.DataFrame, extra: Sequence[str] = ()) -> pd.DataFrame:
    keys = ["_province", "region_name", "region_id", *extra]
    out = frame.assign(_province=frame["province"].fillna("\uffff"))
    out = out.sort_values(keys, kind="stable").drop(columns="_province")
    return out.reset_index(drop=True)


def _check_documents(documents: object, func: str) -> Mapping[str, Mapping[str, Any]]:
    if not isinstance(documents, Mapping):
        raise ParameterError(
            f"The 'documents' parameter of {func} must be a mapping region_id → summary "
            f"document (see read_summaries). Got {type(documents).__name__} instead."
        )
    return documents


def _grade_text(grade: Any, lang: str) -> Any:
    if grade is None or f"text.oc_grade.{grade}" not in labels.TRANSLATIONS[lang]:
        return grade
    return f"{grade} ({labels.label(f'text.oc_grade.{grade}', lang)})"


def _band_text(band: Any, lang: str) -> Any:
    key = f"text.fb_band.{band}"
    return (
        labels.label(key, lang) if band is not None and key in labels.TRANSLATIONS[lang] else band
    )


def _year(value: Any) -> str | None:
    return None if value is None else str(value)


def _jp(figures_np: Mapping[str, Any], figures_oc: Mapping[str, Any]) -> dict[str, Any]:
    """20 JP figures: ``needs_plan`` when it has them, else ``outcomes``."""
    if figures_np.get("jp_n_staff") is not None or figures_np.get("jp_share_under") is not None:
        share_under = _num(figures_np.get("jp_share_under"))
        return {
            "year": _year(figures_np.get("jp_year")),
            "n_staff": _num(figures_np.get("jp_n_staff")),
            "n_under": _num(figures_np.get("jp_n_under")),
            "share_under": share_under,
            "share_meeting": 1 - share_under,
            "mean_jp": _num(figures_np.get("jp_mean")),
        }
    meeting = _num(figures_oc.get("share_meeting_20jp"))
    n_staff = _num(figures_oc.get("n_staff"))
    return {
        "year": _year(figures_oc.get("year")),
        "n_staff": n_staff,
        "n_under": round(n_staff * (1 - meeting))
        if not math.isnan(meeting + n_staff)
        else math.nan,
        "share_under": 1 - meeting,
        "share_meeting": meeting,
        "mean_jp": _num(figures_oc.get("jp_per_employee")),
    }


def _share_optimal(gaps: Mapping[str, Any]) -> float:
    for row in gaps.get("jpm_categories") or []:
        if row.get("category") in ("Optimal", "Memenuhi Syarat"):
            return _num(row.get("share"))
    return math.nan


def _headcount(templates: Mapping[str, Any]) -> float:
    """Headcount: ``overview`` ``headcount``, else ``n_employees`` of ``gaps``, ``needs_plan``."""
    for name, key in (
        ("overview", "headcount"),
        ("gaps", "n_employees"),
        ("needs_plan", "n_employees"),
    ):
        value = (templates.get(name) or {}).get(key)
        if value is not None:
            return _num(value)
    return math.nan


def key_figures_table(
    documents: Mapping[str, Mapping[str, Any]], lang: str = config.DEFAULT_LANG
) -> pd.DataFrame:
    """The key numbers of every region, side by side (one row per region).

    Parameters
    ----------
    documents : mapping
        ``region_id`` → summary document (:func:`read_summaries`).
    lang : {"id", "en"}
        Language of the two text columns ``ikm_grade`` (``"B (Baik)"``) and
        ``feedback_band``.

    Returns
    -------
    DataFrame
        ``region_id``, ``region_name``, ``level``, ``province``,
        ``n_employees`` (``overview`` headcount, else ``gaps``, else ``needs_plan``),
        ``share_optimal`` (JPM "Optimal", ``gaps``), ``share_under_20jp``,
        ``ikm`` (latest period), ``ikm_grade``, ``feedback_score`` (0–100)
        and ``feedback_band``; sorted by province and name. A template a
        region lacks, or a value its report hid, is missing (NaN / None).

    Examples
    --------
    >>> docs = {"b": {"templates": {"outcomes": {"region_name": "Kota B",
    ...     "ikm_latest": 83.1, "ikm_latest_grade": "B"}}}}
    >>> key_figures_table(docs, "en")[["region_name", "ikm", "ikm_grade", "feedback_score"]]
      region_name   ikm ikm_grade  feedback_score
    0      Kota B  83.1  B (Good)             NaN
    """
    func = "key_figures_table"
    lang = labels.check_lang(lang, func)
    rows = []
    for region_id, document in _check_documents(documents, func).items():
        t = _templates(document)
        gaps, fb, oc = t.get("gaps") or {}, t.get("feedback") or {}, t.get("outcomes") or {}
        jp = _jp(t.get("needs_plan") or {}, oc)
        rows.append(
            {
                **_region(region_id, document),
                "n_employees": _headcount(t),
                "share_optimal": _share_optimal(gaps),
                "share_under_20jp": jp["share_under"],
                "ikm": _num(oc.get("ikm_latest")),
                "ikm_grade": _grade_text(oc.get("ikm_latest_grade"), lang),
                "feedback_score": _num(fb.get("overall_score")),
                "feedback_band": _band_text(fb.get("overall_band"), lang),
            }
        )
    columns = [
        *REGION_COLUMNS,
        "n_employees",
        "share_optimal",
        "share_under_20jp",
        "ikm",
        "ikm_grade",
        "feedback_score",
        "feedback_band",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame["n_employees"] = frame["n_employees"].astype("float64").round().astype("Int64")
    return _sorted(frame)


def _jpm_total(gaps: Mapping[str, Any]) -> float:
    """Staff with a JPM score: ``n_with_jpm``, else the categories' sum when none is hidden."""
    total = _num(gaps.get("n_with_jpm"))
    if not math.isnan(total):
        return total
    counts = [_num(row.get("n")) for row in gaps.get("jpm_categories") or []]
    return math.fsum(counts) if counts and not any(map(math.isnan, counts)) else math.nan


def jpm_categories(documents: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """Share of assessed staff per JPM category, region × category (``gaps``).

    Returns
    -------
    DataFrame
        Region columns, ``jpm_category``, ``n``, ``n_total`` (the region's staff
        with a JPM score, ``n_with_jpm``), ``share``, ``suppressed_reason``;
        categories in the order worst first (:data:`JPM_ORDER`). Regions
        without a ``gaps`` report have no rows.

    Examples
    --------
    >>> docs = {"a": {"templates": {"gaps": {"jpm_categories": [
    ...     {"category": "Optimal", "n": 9, "share": 0.9},
    ...     {"category": "Kurang Optimal", "n": None, "share": None,
    ...      "suppressed_reason": "small"}]}}}}
    >>> jpm_categories(docs)[["jpm_category", "n", "share", "suppressed_reason"]]
         jpm_category     n  share suppressed_reason
    0  Kurang Optimal  <NA>    NaN             small
    1         Optimal     9    0.9              <NA>
    """
    rows = []
    for region_id, document in _check_documents(documents, "jpm_categories").items():
        region = _region(region_id, document)
        gaps = _templates(document).get("gaps") or {}
        total = _jpm_total(gaps)
        for row in gaps.get("jpm_categories") or []:
            rows.append(
                {
                    **region,
                    "jpm_category": row.get("category"),
                    "n": _num(row.get("n")),
                    "n_total": total,
                    "share": _num(row.get("share")),
                    REASON: row.get(REASON),
                }
            )
    columns = [*REGION_COLUMNS, "jpm_category", "n", "n_total", "share", REASON]
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("n", "n_total"):
        frame[col] = frame[col].astype("float64").round().astype("Int64")
    frame[REASON] = frame[REASON].astype("string")
    order = {c: i for i, c in enumerate(JPM_ORDER)}
    frame["_order"] = frame["jpm_category"].map(order).fillna(len(order))
    return _sorted(frame, ["_order"]).drop(columns="_order")


def gap_matrix(documents: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """Share of assessed staff below standard, region × competency (``gaps``).

    Returns
    -------
    DataFrame
        Region columns, ``competency_id``, ``name_id``, ``name_en``,
        ``n_assessed``, ``n_below``, ``share_below``, ``suppressed_reason`` (tidy, long);
        competencies in code order.

    Examples
    --------
    >>> docs = {"a": {"templates": {"gaps": {"shortfall": [{"competency_id": "M.01",
    ...     "name_id": "Integritas", "name_en": "Integrity", "n_assessed": 40,
    ...     "share_below": 0.25}]}}}}
    >>> gap_matrix(docs)[["region_id", "competency_id", "share_below"]]
      region_id competency_id  share_below
    0         a          M.01         0.25
    """
    rows = []
    for region_id, document in _check_documents(documents, "gap_matrix").items():
        region = _region(region_id, document)
        for row in (_templates(document).get("gaps") or {}).get("shortfall") or []:
            rows.append(
                {
                    **region,
                    "competency_id": row.get("competency_id"),
                    "name_id": row.get("name_id") or row.get("competency_id"),
                    "name_en": row.get("name_en") or row.get("competency_id"),
                    "n_assessed": _num(row.get("n_assessed")),
                    "n_below": _num(row.get("n_below")),
                    "share_below": _num(row.get("share_below")),
                    REASON: row.get(REASON),
                }
            )
    columns = [*REGION_COLUMNS, "competency_id", "name_id", "name_en", "n_assessed", "n_below"]
    frame = pd.DataFrame(rows, columns=[*columns, "share_below", REASON])
    for col in ("n_assessed", "n_below"):
        frame[col] = frame[col].astype("float64").round().astype("Int64")
    frame[REASON] = frame[REASON].astype("string")
    return _sorted(frame, ["competency_id"])


def jp_compliance(documents: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """Staff meeting the 20 JP a year of PP 17/2020, one row per region.

    From ``needs_plan`` (``jp_*`` figures), else from ``outcomes``
    (``share_meeting_20jp``); regions with neither have missing values.

    Returns
    -------
    DataFrame
        Region columns, ``year`` (text), ``n_staff``, ``n_under``, ``share_under``,
        ``share_meeting`` and ``mean_jp``.

    Examples
    --------
    >>> docs = {"a": {"templates": {"needs_plan": {"jp_year": 2025, "jp_n_staff": 150,
    ...     "jp_n_under": 96, "jp_share_under": 0.64, "jp_mean": 18.4}}}}
    >>> jp_compliance(docs)[["n_staff", "n_under", "share_meeting"]]
       n_staff  n_under  share_meeting
    0      150       96           0.36
    """
    rows = []
    for region_id, document in _check_documents(documents, "jp_compliance").items():
        t = _templates(document)
        rows.append(
            {
                **_region(region_id, document),
                **_jp(t.get("needs_plan") or {}, t.get("outcomes") or {}),
            }
        )
    columns = [*REGION_COLUMNS, "year", "n_staff", "n_under", "share_under", "share_meeting"]
    frame = pd.DataFrame(rows, columns=[*columns, "mean_jp"])
    for col in ("n_staff", "n_under"):
        frame[col] = frame[col].astype("float64").round().astype("Int64")
    frame["year"] = frame["year"].astype("object")
    frame["share_meeting"] = frame["share_meeting"].astype("float64").round(6)
    frame["share_under"] = frame["share_under"].astype("float64").round(6)
    return _sorted(frame)


def ikm_by_region(documents: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """The region's latest IKM (PermenPANRB 14/2017), its grade and change (``outcomes``).

    Returns
    -------
    DataFrame
        Region columns, ``period``, ``n_respondents``, ``ikm``, ``ikm_low``,
        ``ikm_high``, ``grade``, ``period_before``, ``ikm_before`` and
        ``change`` (latest minus previous period; missing without one).

    Examples
    --------
    >>> docs = {"a": {"templates": {"outcomes": {"ikm_latest": 83.1, "ikm_latest_grade": "B",
    ...     "ikm_latest_period": "2025", "ikm_latest_n": 374, "ikm_previous": 80.8,
    ...     "ikm_previous_period": "2024"}}}}
    >>> ikm_by_region(docs)[["period", "ikm", "grade", "change"]]
      period   ikm grade  change
    0   2025  83.1     B     2.3
    """
    rows = []
    for region_id, document in _check_documents(documents, "ikm_by_region").items():
        oc = _templates(document).get("outcomes") or {}
        latest, before = _num(oc.get("ikm_latest")), _num(oc.get("ikm_previous"))
        rows.append(
            {
                **_region(region_id, document),
                "period": oc.get("ikm_latest_period"),
                "n_respondents": _num(oc.get("ikm_latest_n")),
                "ikm": latest,
                "ikm_low": _num(oc.get("ikm_latest_low")),
                "ikm_high": _num(oc.get("ikm_latest_high")),
                "grade": oc.get("ikm_latest_grade"),
                "period_before": oc.get("ikm_previous_period"),
                "ikm_before": before,
                "change": round(latest - before, 6),
            }
        )
    columns = [*REGION_COLUMNS, "period", "n_respondents", "ikm", "ikm_low", "ikm_high", "grade"]
    frame = pd.DataFrame(rows, columns=[*columns, "period_before", "ikm_before", "change"])
    frame["n_respondents"] = frame["n_respondents"].astype("float64").round().astype("Int64")
    return _sorted(frame)


def hide_small(
    frame: pd.DataFrame, count: str, columns: Sequence[str], min_group_size: int
) -> pd.DataFrame:
    """Blank ``columns`` of the rows whose ``count`` is below ``min_group_size``.

    The regions' reports already hid their small groups with the run's
    ``min_group_size``; this applies the comparison's own (stricter) one.
    A missing count hides nothing (the values are then missing already).

    Returns
    -------
    DataFrame
        A copy with ``count`` and ``columns`` blanked in those rows and
        ``suppressed`` / ``suppressed_reason`` ("small") set.

    Examples
    --------
    >>> t = pd.DataFrame({"n_staff": [3, 40], "share_meeting": [0.5, 0.25]})
    >>> hide_small(t, "n_staff", ["share_meeting"], 5)
       n_staff  share_meeting  suppressed suppressed_reason
    0     <NA>            NaN        True             small
    1       40           0.25       False              <NA>
    """
    m = check_min_group_size(min_group_size, "hide_small")
    if count not in frame:
        raise ParameterError(
            f"The 'count' parameter of hide_small must be a column of the frame. Got {count!r} "
            f"instead (columns: {list(frame.columns)})."
        )
    counts = pd.to_numeric(frame[count], errors="coerce")
    hide = (counts < m).fillna(False).astype(bool)
    out = mask_rows(frame, hide, [count, *columns])
    earlier = frame[SUPPRESSED].fillna(False).astype(bool) if SUPPRESSED in frame else False
    out[SUPPRESSED] = hide | earlier
    before = frame[REASON] if REASON in frame else pd.Series(pd.NA, index=frame.index)
    out[REASON] = before.astype("string").mask(hide, "small")
    return out


def top_bottom(
    frame: pd.DataFrame, value: str, max_regions: int = MAX_REGIONS
) -> tuple[pd.DataFrame, int]:
    """The regions a chart draws: all, or the highest and lowest ``max_regions // 2``.

    Parameters
    ----------
    frame : DataFrame
        One row per region (``region_id``, ``province``, ``region_name``, ``value``).
    value : str
        The measure ranked on; regions with a missing value are dropped first
        only when there are too many regions.
    max_regions : int
        The most regions drawn.

    Returns
    -------
    (DataFrame, int)
        The rows kept, in province / name order, and the number left out.

    Examples
    --------
    >>> t = pd.DataFrame({"region_id": list("abcde"), "region_name": list("abcde"),
    ...                   "province": "P", "x": [5, 1, 4, 2, 3]})
    >>> kept, left_out = top_bottom(t, "x", max_regions=2)
    >>> list(kept["region_id"]), left_out
    (['a', 'b'], 3)
    """
    if not isinstance(max_regions, int) or isinstance(max_regions, bool) or max_regions < 2:
        raise ParameterError(
            "The 'max_regions' parameter of top_bottom must be a whole number of at least 2. "
            f"Got {max_regions!r} instead."
        )
    if len(frame) <= max_regions:
        return frame.reset_index(drop=True), 0
    ranked = frame[frame[value].notna()].sort_values(value, kind="stable")
    half = max_regions // 2
    keep = pd.concat([ranked.head(half), ranked.tail(half)]).drop_duplicates("region_id")
    kept = frame[frame["region_id"].isin(keep["region_id"])].reset_index(drop=True)
    return kept, len(frame) - len(kept)


# ---------------------------------------------------------------------------
# Provinces and the whole country: pooled counts, never a mean of percentages.
# ---------------------------------------------------------------------------
def _check_by(by: object, func: str) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        by = [by]
    allowed = {"province", "level"}
    if not isinstance(by, Sequence) or not set(by) <= allowed:
        raise ParameterError(
            f"The 'by' parameter of {func} must be 'province', 'level', a list of those, or None "
            f"(the whole country). Got {by!r} instead."
        )
    return list(by)


def _pool(
    frame: pd.DataFrame, keys: Sequence[str], n: str, total: str, most: str | None = None
) -> pd.DataFrame:
    """Sum a count and its total over the regions of each group of ``keys``.

    A region whose ``n`` is hidden (missing) while its ``total`` is known adds
    its total to the group's ``total`` but nothing to ``n``: ``n`` is then a
    lower bound and ``n_max`` adds the most the hidden cell can be (``most``,
    default the region's total). A region whose ``total`` is hidden adds
    nothing, and the group's ``n_max`` is unknown. ``exact`` says neither happened.
    """
    out = pd.DataFrame({k: frame[k].astype("object") for k in keys}, index=frame.index)
    if not keys:
        out["_all"] = 0
    group = [*keys] or ["_all"]
    count = pd.to_numeric(frame[n], errors="coerce").astype("float64")
    totals = pd.to_numeric(frame[total], errors="coerce").astype("float64")
    bound = totals if most is None else pd.to_numeric(frame[most], errors="coerce")
    known = totals.notna()
    hidden = count.isna() & known
    out["n"] = count.where(known, 0.0).fillna(0.0)
    out["total"] = totals.fillna(0.0)
    out["_most"] = bound.astype("float64").where(hidden, 0.0)
    out["n_hidden"] = hidden
    out["n_unknown"] = ~known
    out["n_regions"] = frame["region_id"]
    grouped = out.groupby(group, sort=True, dropna=False)
    pooled = grouped.agg(
        n=("n", "sum"),
        total=("total", "sum"),
        _most=("_most", lambda s: s.sum(skipna=False)),
        n_regions=("n_regions", "nunique"),
        n_hidden=("n_hidden", "sum"),
        n_unknown=("n_unknown", "sum"),
    ).reset_index()
    pooled["n_max"] = (pooled["n"] + pooled["_most"]).where(pooled["n_unknown"] == 0)
    pooled["n_max"] = pooled[["n_max", "total"]].min(axis=1, skipna=False)
    positive = pooled["total"] > 0
    pooled["share"] = (pooled["n"] / pooled["total"]).where(positive)
    pooled["share_max"] = (pooled["n_max"] / pooled["total"]).where(positive)
    pooled["exact"] = (pooled["n_hidden"] == 0) & (pooled["n_unknown"] == 0)
    for col in ("n", "total", "n_max"):
        pooled[col] = pooled[col].round().astype("Int64")
    for col in ("n_hidden", "n_unknown"):
        pooled[col] = pooled[col].astype("int64")
    pooled = pooled.drop(columns=["_most", *(["_all"] if not keys else [])])
    return pooled[[*keys, "n", "n_max", "total", "share", "share_max", "n_regions", "n_hidden",
                   "n_unknown", "exact"]]  # fmt: skip


def pooled_jpm(
    categories: pd.DataFrame, by: str | Sequence[str] | None = "province"
) -> pd.DataFrame:
    """Staff per JPM category summed over the regions of each province (or the country).

    The share of a category is the sum of its counts over the sum of the
    regions' staff with a JPM score, never a mean of the regions' shares. A
    category a region hid (a small group) adds nothing to ``n`` but its staff
    stay in ``total``: ``n`` and ``share`` are then lower bounds, and
    ``n_max`` / ``share_max`` add the most the hidden cells can hold (the
    region's staff with a score less its shown categories).

    Parameters
    ----------
    categories : DataFrame
        Output of :func:`jpm_categories`.
    by : "province", "level", list of those, or None
        The groups; ``None`` pools the whole country.

    Returns
    -------
    DataFrame
        ``by`` columns, ``jpm_category``, ``n``, ``n_max``, ``total``, ``share``,
        ``share_max``, ``n_regions``, ``n_hidden`` (regions that hid the
        category), ``n_unknown`` (regions that hid their total), ``exact``;
        categories worst first.

    Examples
    --------
    >>> t = pd.DataFrame({"region_id": ["a", "a", "b", "b"], "province": "P",
    ...     "jpm_category": ["Kurang Optimal", "Optimal"] * 2,
    ...     "n": pd.array([10, 30, None, 57], dtype="Int64"), "n_total": [40, 40, 60, 60]})
    >>> pooled_jpm(t)[["province", "jpm_category", "n", "n_max", "total", "share", "exact"]]
      province    jpm_category   n  n_max  total  share  exact
    0        P  Kurang Optimal  10     13    100   0.10  False
    1        P         Optimal  87     87    100   0.87   True
    """
    keys = _check_by(by, "pooled_jpm")
    frame = categories.copy()
    shown = frame.groupby("region_id")["n"].transform(lambda s: s.sum(skipna=True))
    frame["_most"] = pd.to_numeric(frame["n_total"], errors="coerce") - shown.astype("float64")
    pooled = _pool(frame, [*keys, "jpm_category"], "n", "n_total", "_most")
    order = {c: i for i, c in enumerate(JPM_ORDER)}
    pooled["_order"] = pooled["jpm_category"].map(order).fillna(len(order))
    pooled = pooled.sort_values([*keys, "_order"], kind="stable").drop(columns="_order")
    return pooled.reset_index(drop=True)


def pooled_jp(jp: pd.DataFrame, by: str | Sequence[str] | None = "province") -> pd.DataFrame:
    """Staff under 20 JP summed over the regions of each province (or the country).

    Returns
    -------
    DataFrame
        ``by`` columns, ``n_staff``, ``n_under``, ``n_under_max``,
        ``share_under`` (sum of ``n_under`` / sum of ``n_staff``),
        ``share_under_max``, ``share_meeting`` (1 − ``share_under``),
        ``n_regions``, ``n_hidden``, ``n_unknown``, ``exact`` (see :func:`pooled_jpm`).

    Examples
    --------
    >>> t = pd.DataFrame({"region_id": ["a", "b"], "province": "P",
    ...                   "n_staff": [100, 300], "n_under": [50, 60]})
    >>> pooled_jp(t)[["province", "n_staff", "n_under", "share_under", "share_meeting"]]
      province  n_staff  n_under  share_under  share_meeting
    0        P      400      110        0.275          0.725
    """
    keys = _check_by(by, "pooled_jp")
    pooled = _pool(jp, keys, "n_under", "n_staff")
    pooled = pooled.rename(
        columns={"n": "n_under", "n_max": "n_under_max", "total": "n_staff",
                 "share": "share_under", "share_max": "share_under_max"}
    )  # fmt: skip
    pooled["share_meeting"] = 1 - pooled["share_under"]
    columns = [*keys, "n_staff", "n_under", "n_under_max", "share_under", "share_under_max"]
    return pooled[[*columns, "share_meeting", "n_regions", "n_hidden", "n_unknown", "exact"]]


def pooled_gaps(matrix: pd.DataFrame, by: str | Sequence[str] | None = "province") -> pd.DataFrame:
    """Assessed staff below standard per competency, summed over each province's regions.

    Returns
    -------
    DataFrame
        ``by`` columns, ``competency_id``, ``name_id``, ``name_en``,
        ``n_assessed``, ``n_below``, ``n_below_max``, ``share_below``,
        ``share_below_max``, ``n_regions``, ``n_hidden``, ``n_unknown``, ``exact``.

    Examples
    --------
    >>> t = pd.DataFrame({"region_id": ["a", "b"], "province": "P", "competency_id": "M.01",
    ...     "name_id": "Integritas", "name_en": "Integrity", "n_assessed": [40, 60],
    ...     "n_below": [10, 15]})
    >>> pooled_gaps(t)[["competency_id", "n_assessed", "n_below", "share_below"]]
      competency_id  n_assessed  n_below  share_below
    0          M.01         100       25         0.25
    """
    keys = _check_by(by, "pooled_gaps")
    names = matrix.drop_duplicates("competency_id").set_index("competency_id")
    pooled = _pool(matrix, [*keys, "competency_id"], "n_below", "n_assessed")
    pooled = pooled.rename(
        columns={"n": "n_below", "n_max": "n_below_max", "total": "n_assessed",
                 "share": "share_below", "share_max": "share_below_max"}
    )  # fmt: skip
    for col in ("name_id", "name_en"):
        pooled[col] = pooled["competency_id"].map(names[col]) if len(names) else None
    columns = [*keys, "competency_id", "name_id", "name_en", "n_assessed", "n_below"]
    rest = ["n_below_max", "share_below", "share_below_max", "n_regions", "n_hidden", "n_unknown"]
    return pooled[[*columns, *rest, "exact"]]


def pooled_ikm(ikm: pd.DataFrame, by: str | Sequence[str] | None = "province") -> pd.DataFrame:
    """Each province's IKM: the regions' latest IKM weighted by their respondents.

    The IKM is a mean of respondents' answers, so the province's is the
    respondent-weighted mean of its regions' (regions with a hidden IKM or
    count are left out and counted in ``n_unknown``); ``ikm_min`` and
    ``ikm_max`` give the spread of its regions.

    Examples
    --------
    >>> t = pd.DataFrame({"region_id": ["a", "b"], "province": "P",
    ...                   "n_respondents": [100, 300], "ikm": [80.0, 88.0]})
    >>> pooled_ikm(t)[["province", "n_respondents", "ikm", "ikm_min", "ikm_max"]]
      province  n_respondents   ikm  ikm_min  ikm_max
    0        P            400  86.0     80.0     88.0
    """
    keys = _check_by(by, "pooled_ikm")
    frame = pd.DataFrame({k: ikm[k].astype("object") for k in keys}, index=ikm.index)
    group = keys or ["_all"]
    if not keys:
        frame["_all"] = 0
    n = pd.to_numeric(ikm["n_respondents"], errors="coerce").astype("float64")
    value = pd.to_numeric(ikm["ikm"], errors="coerce").astype("float64")
    known = n.notna() & value.notna()
    frame["_w"] = n.where(known, 0.0)
    frame["_wx"] = (n * value).where(known, 0.0)
    frame["_x"] = value.where(known)
    frame["_unknown"] = ~known
    frame["_region"] = ikm["region_id"]
    pooled = frame.groupby(group, sort=True, dropna=False).agg(
        n_respondents=("_w", "sum"), _wx=("_wx", "sum"), ikm_min=("_x", "min"),
        ikm_max=("_x", "max"), n_regions=("_region", "nunique"), n_unknown=("_unknown", "sum"),
    ).reset_index()  # fmt: skip
    pooled["ikm"] = (pooled["_wx"] / pooled["n_respondents"]).where(pooled["n_respondents"] > 0)
    pooled["n_respondents"] = pooled["n_respondents"].round().astype("Int64")
    pooled["n_unknown"] = pooled["n_unknown"].astype("int64")
    columns = ["n_respondents", "ikm", "ikm_min", "ikm_max", "n_regions", "n_unknown"]
    return pooled[[*keys, *columns]]


def _sum_known(values: pd.Series) -> int:
    """The sum of the known counts (a hidden or missing one adds nothing)."""
    return int(pd.to_numeric(values, errors="coerce").sum(skipna=True))


def province_table(
    key: pd.DataFrame,
    categories: pd.DataFrame,
    jp: pd.DataFrame,
    ikm: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    *,
    national: bool = True,
) -> pd.DataFrame:
    """One row per province (and a last row for the whole country): pooled key figures.

    ``n_employees`` is the sum of the regions' headcounts; ``share_optimal``
    and ``share_under_20jp`` are pooled counts over pooled totals
    (:func:`pooled_jpm`, :func:`pooled_jp`), ``ikm`` respondent-weighted
    (:func:`pooled_ikm`); ``n_hidden`` counts the regions of which a figure
    is hidden or missing: there the pooled shares are lower bounds.

    Parameters
    ----------
    key, categories, jp, ikm : DataFrame
        Outputs of :func:`key_figures_table`, :func:`jpm_categories`,
        :func:`jp_compliance` and :func:`ikm_by_region` (optionally after
        :func:`hide_small`).
    lang : {"id", "en"}
        Language of the country row's name (``text.cr_national``).
    national : bool
        Add the row of the whole country.

    Examples
    --------
    >>> key = pd.DataFrame({"region_id": ["a", "b", "c"], "province": ["P", "P", "Q"],
    ...                     "n_employees": [100, 300, 50]})
    >>> jp = key.assign(n_staff=[100, 300, 50], n_under=[50, 60, 10])
    >>> empty = pd.DataFrame(columns=["region_id", "province", "jpm_category", "n", "n_total"])
    >>> ikm = key.assign(n_respondents=[10, 30, 10], ikm=[80.0, 88.0, 70.0])
    >>> t = province_table(key, empty, jp, ikm, "en")
    >>> t[["province", "n_regions", "n_employees", "share_under_20jp", "ikm"]]
       province  n_regions  n_employees  share_under_20jp   ikm
    0         P          2          400          0.275000  86.0
    1         Q          1           50          0.200000  70.0
    2  National          3          450          0.266667  82.8
    """
    lang = labels.check_lang(lang, "province_table")
    optimal = categories[categories["jpm_category"].isin(_OPTIMAL)]
    parts = [_pooled_key(key, optimal, jp, ikm, ["province"])]
    if national:
        row = _pooled_key(key, optimal, jp, ikm, [])
        parts.append(row.assign(province=labels.label("text.cr_national", lang)))
    out = pd.concat(parts, ignore_index=True)
    hidden = _regions_with_gaps(key, categories, jp)
    flagged = key["region_id"].astype(str).isin(hidden)
    per_province = flagged.groupby(_province_names(key["province"], lang)).sum()
    out["province"] = _province_names(out["province"], lang)
    out["n_hidden"] = out["province"].map(per_province).fillna(0)
    if national:
        out.loc[out.index[-1], "n_hidden"] = len(hidden)
    out["n_hidden"] = out["n_hidden"].astype("int64")
    out["n_employees"] = out["n_employees"].astype("Int64")
    columns = ["province", "n_regions", "n_employees", "share_optimal", "share_under_20jp", "ikm"]
    return out[[*columns, "n_hidden"]]


def _pooled_key(
    key: pd.DataFrame,
    optimal: pd.DataFrame,
    jp: pd.DataFrame,
    ikm: pd.DataFrame,
    keys: list[str],
) -> pd.DataFrame:
    by = keys or None
    grouped = key.assign(_all=0).groupby(keys or ["_all"], sort=True, dropna=False)
    frame = grouped.agg(
        n_regions=("region_id", "nunique"),
        n_employees=("n_employees", _sum_known),
    ).reset_index()
    frame = frame.drop(columns=[c for c in ("_all",) if c in frame])
    figures = [
        pooled_jpm(optimal, by)[[*keys, "share"]].rename(columns={"share": "share_optimal"}),
        pooled_jp(jp, by)[[*keys, "share_under"]].rename(
            columns={"share_under": "share_under_20jp"}
        ),
        pooled_ikm(ikm, by)[[*keys, "ikm"]],
    ]
    for extra in figures:
        if keys:
            frame = frame.merge(extra, on=keys, how="left")
        else:
            for col in extra.columns:
                frame[col] = extra[col].iloc[0] if len(extra) else math.nan
    return frame


_OPTIMAL = ("Optimal", "Memenuhi Syarat")


def _regions_with_gaps(key: pd.DataFrame, categories: pd.DataFrame, jp: pd.DataFrame) -> set[str]:
    """Regions whose pooled figures are not exact: a hidden headcount, JPM cell or 20 JP count."""
    out = set(key.loc[key["n_employees"].isna(), "region_id"])
    out |= set(categories.loc[categories["n"].isna() | categories["n_total"].isna(), "region_id"])
    has_jp = jp["n_staff"].notna() | jp["n_under"].notna()
    out |= set(jp.loc[has_jp & (jp["n_staff"].isna() | jp["n_under"].isna()), "region_id"])
    return {str(r) for r in out}


def national_totals(documents: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """The whole country's counts: the sums of the regions' counts, one row per measure.

    Measures: ``n_employees`` (headcount), ``jpm:<category>`` (staff per JPM
    category, of staff with a JPM score), ``jp_under_20`` (staff under 20 JP,
    of staff counted for 20 JP) and ``below:<competency_id>`` (assessed staff
    below standard). ``share`` is the pooled ratio ``n / total``.

    Small cells: the regions' summaries keep only what their reports show, so
    a cell a region hid (``None``) adds nothing to ``n``; the figure is then a
    lower bound, ``exact`` is False and ``n_max`` / ``share_max`` give the
    upper bound (the region's total less its shown cells). A region whose
    total is hidden adds nothing and leaves ``n_max`` unknown. Totals are
    never silently short: ``n_hidden`` and ``n_unknown`` count those regions.

    Returns
    -------
    DataFrame
        ``measure``, ``n``, ``n_max``, ``total``, ``share``, ``share_max``,
        ``n_regions``, ``n_hidden``, ``n_unknown``, ``exact``.

    Examples
    --------
    >>> docs = {r: {"templates": {"overview": {"headcount": h}}} for r, h in
    ...         (("a", 40), ("b", 60))}
    >>> national_totals(docs)[["measure", "n", "n_regions", "exact"]]
           measure    n  n_regions  exact
    0  n_employees  100          2   True
    """
    func = "national_totals"
    documents = _check_documents(documents, func)
    key = key_figures_table(documents, "en")
    rows = []
    if len(key):
        n_known = int(key["n_employees"].notna().sum())
        rows.append(
            {
                "measure": "n_employees",
                "n": _sum_known(key["n_employees"]),
                "n_max": pd.NA if n_known < len(key) else int(key["n_employees"].sum()),
                "total": pd.NA,
                "share": math.nan,
                "share_max": math.nan,
                "n_regions": len(key),
                "n_hidden": 0,
                "n_unknown": len(key) - n_known,
                "exact": n_known == len(key),
            }
        )
    jpm = pooled_jpm(jpm_categories(documents), None)
    rows += [{**r, "measure": f"jpm:{r.pop('jpm_category')}"} for r in jpm.to_dict("records")]
    jp = jp_compliance(documents)
    jp = jp[jp["n_staff"].notna() | jp["n_under"].notna()]
    if len(jp):
        pooled = _pool(jp, [], "n_under", "n_staff")
        rows += [{**r, "measure": "jp_under_20"} for r in pooled.to_dict("records")]
    gaps = _pool(gap_matrix(documents), ["competency_id"], "n_below", "n_assessed")
    rows += [{**r, "measure": f"below:{r.pop('competency_id')}"} for r in gaps.to_dict("records")]
    columns = ["measure", "n", "n_max", "total", "share", "share_max", "n_regions", "n_hidden"]
    frame = pd.DataFrame(rows, columns=[*columns, "n_unknown", "exact"])
    for col in ("n", "n_max", "total"):
        frame[col] = frame[col].astype("Int64")
    frame["exact"] = frame["exact"].astype(bool)
    return frame


def top_bottom_table(frame: pd.DataFrame, value: str, n: int = 10) -> pd.DataFrame:
    """The ``n`` regions highest on ``value`` and the ``n`` lowest, highest first, with ``rank``.

    Regions without the value are left out. With at most ``2 n`` such regions
    all are kept, so a table never lists a region twice.

    Examples
    --------
    >>> t = pd.DataFrame({"region_name": list("abcde"), "x": [5, 1, None, 2, 3]})
    >>> top_bottom_table(t, "x", 1)
       rank region_name    x
    0     1           a  5.0
    1     4           b  1.0
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ParameterError(
            f"The 'n' parameter of top_bottom_table must be a whole number of at least 1. "
            f"Got {n!r} instead."
        )
    known = frame[pd.to_numeric(frame[value], errors="coerce").notna()]
    ranked = known.sort_values([value, "region_name"], ascending=[False, True], kind="stable")
    ranked = ranked.reset_index(drop=True)
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    if len(ranked) > 2 * n:
        ranked = pd.concat([ranked.head(n), ranked.tail(n)])
    return ranked.reset_index(drop=True)


def by_province(frame: pd.DataFrame) -> list[tuple[Any, pd.DataFrame]]:
    """The rows of ``frame`` grouped by province: provinces A–Z (unknown last), names A–Z inside.

    For a long list of regions (the index page at national scale): one
    heading or block per province keeps 552 regions navigable.

    Parameters
    ----------
    frame : DataFrame
        One row per region with ``province`` and ``region_name`` (or ``name``,
        as in the dataset's regions table).

    Returns
    -------
    list of (province, DataFrame)
        ``province`` is None for regions without one.

    Examples
    --------
    >>> t = pd.DataFrame({"region_id": ["c", "a", "b"], "name": ["Kota C", "Kota A", "B"],
    ...                   "province": ["Riau", "Aceh", None]})
    >>> [(p, list(g["region_id"])) for p, g in by_province(t)]
    [('Aceh', ['a']), ('Riau', ['c']), (None, ['b'])]
    """
    name = "region_name" if "region_name" in frame else "name"
    for column in ("province", name):
        if column not in frame:
            raise ParameterError(
                f"The 'frame' parameter of by_province must have a {column!r} column. "
                f"Got columns {list(frame.columns)}."
            )
    sort = frame.assign(
        _p=frame["province"].map(
            lambda p: "\uffff" if p is None or pd.isna(p) or p == "" else str(p).casefold()
        ),
        _n=frame[name].astype(str).str.casefold(),
    ).sort_values(["_p", "_n"], kind="stable")
    out: list[tuple[Any, pd.DataFrame]] = []
    for _, group in sort.groupby("_p", sort=False):
        value = group["province"].iloc[0]
        out.append(
            (None if pd.isna(value) or value == "" else value, group.drop(columns=["_p", "_n"]))
        )
    return out


# ---------------------------------------------------------------------------
# Tables.
# ---------------------------------------------------------------------------
def header(column: str, lang: str = config.DEFAULT_LANG) -> str:
    """The reader's header of a column of these frames (``col.cr_*``, else the shared one).

    Examples
    --------
    >>> header("share_optimal", "en"), header("province", "en")
    ('JPM optimal', 'Province')
    """
    lang = labels.check_lang(lang, "header")
    key = f"col.cr_{column}"
    if key in labels.TRANSLATIONS[lang]:
        return labels.TRANSLATIONS[lang][key]
    return labels.column_label(column, lang)


def table(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    *,
    columns: Sequence[str],
    min_group_size: int = config.MIN_GROUP_SIZE,
    decimals: Mapping[str, int] | None = None,
    derived: Sequence[str] = (
        "ikm",
        "ikm_low",
        "ikm_high",
        "ikm_before",
        "change",
        "feedback_score",
    ),
) -> Any:
    """:func:`kompetensi_toolkit.plotting.table` with this module's headers (:func:`header`).

    ``derived`` columns (an index or score computed from a group) show a dash
    when hidden, never "< 5".

    Examples
    --------
    >>> t = pd.DataFrame({"region_name": ["Kota A"], "share_optimal": [0.75]})
    >>> table(t, "en", columns=["region_name", "share_optimal"])
    Region JPM optimal
    Kota A       75.0%
    """
    from kompetensi_toolkit import plotting

    shown = plotting.table(
        frame,
        lang,
        columns=columns,
        min_group_size=min_group_size,
        decimals=decimals,
        derived=derived,
    )
    names = {labels.column_label(c, lang): header(c, lang) for c in columns}
    return plotting.ReportTable(
        shown.frame.rename(columns=names), tuple(names.get(c, c) for c in shown.numeric)
    )


def extremes_table(
    frame: pd.DataFrame,
    value: str,
    lang: str = config.DEFAULT_LANG,
    *,
    columns: Sequence[str],
    n: int = TOP_N,
    **kwargs: Any,
) -> tuple[str, Any]:
    """The sentence and the table of the ``n`` highest and lowest regions on ``value``.

    Parameters
    ----------
    frame : DataFrame
        One row per region.
    value : str
        The column ranked on (:func:`top_bottom_table`).
    columns : sequence of str
        The columns shown after ``rank``.
    **kwargs
        Passed to :func:`table` (``min_group_size``, ``decimals``).

    Returns
    -------
    (str, ReportTable)

    Examples
    --------
    >>> t = pd.DataFrame({"region_name": list("abc"), "x": [0.5, 0.25, 0.75]})
    >>> sentence, shown = extremes_table(t, "x", "en", columns=["region_name"], n=1)
    >>> sentence
    'The 1 highest and the 1 lowest of the 3 regions with this figure:'
    >>> shown
    Rank Region
       1      c
       3      b
    """
    lang = labels.check_lang(lang, "extremes_table")
    shown = top_bottom_table(frame, value, n)
    total = int(pd.to_numeric(frame[value], errors="coerce").notna().sum())
    sentence = labels.text(
        "text.cr_top_bottom_table",
        lang,
        n=labels.format_number(n, lang),
        total=labels.format_number(total, lang),
    )
    return sentence, table(shown, lang, columns=["rank", *columns], **kwargs)


# ---------------------------------------------------------------------------
# Charts.
# ---------------------------------------------------------------------------
def _region_label(row: Mapping[str, Any], show_province: bool) -> str:
    name = str(row["region_name"])
    province = row.get("province")
    if show_province and isinstance(province, str) and province and province != name:
        return f"{name} ({province})"
    return name


def _axes(ax: Axes | None, height: float, width: float = 8.0) -> Axes:
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=(width, min(max(2.0, height), 60.0)))
    return ax


def _left_out_note(left_out: int, total: int, lang: str, max_regions: int) -> str:
    if not left_out:
        return ""
    return "\n" + labels.text(
        "chart.cr_top_bottom", lang, shown=total - left_out, total=total, half=max_regions // 2
    )


def _ranked(regions: pd.DataFrame) -> pd.DataFrame:
    return regions.sort_values(
        ["_rank", "region_name"], ascending=[False, True], kind="stable", na_position="last"
    ).reset_index(drop=True)


def _unit_title(key: str, unit: str, func: str) -> str:
    if unit not in ("region", "province"):
        raise ParameterError(
            f"The 'unit' parameter of {func} must be 'region' or 'province'. Got {unit!r} instead."
        )
    return key if unit == "region" else f"{key}_province"


def jpm_chart(
    categories: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    max_regions: int = MAX_REGIONS,
    unit: str = "region",
) -> Axes:
    """Stacked horizontal bars: JPM categories per region (shares of assessed staff).

    Regions are grouped by province; above ``max_regions`` regions only the
    highest and lowest on the share "Optimal" are drawn (see :func:`top_bottom`).
    A region whose shares were hidden is drawn without a bar and marked.

    Parameters
    ----------
    categories : DataFrame
        Output of :func:`jpm_categories` (or ``as_regions(pooled_jpm(...))``).
    unit : {"region", "province"}
        What a row is (the title).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> docs = {"a": {"templates": {"gaps": {"region_name": "Kota A", "jpm_categories": [
    ...     {"category": "Kurang Optimal", "n": 10, "share": 0.25},
    ...     {"category": "Optimal", "n": 30, "share": 0.75}]}}}}
    >>> ax = jpm_chart(jpm_categories(docs), "en")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Kota A']
    """
    lang = labels.check_lang(lang, "jpm_chart")
    title = _unit_title("chart.cr_jpm", unit, "jpm_chart")
    wide = categories.pivot_table(
        index="region_id", columns="jpm_category", values="share", aggfunc="first", dropna=False
    )
    regions = categories.drop_duplicates("region_id")[REGION_COLUMNS].reset_index(drop=True)
    optimal = [c for c in ("Optimal", "Memenuhi Syarat") if c in wide.columns]
    regions["_rank"] = regions["region_id"].map(wide[optimal[0]]) if optimal else math.nan
    total = len(regions)
    regions, left_out = top_bottom(regions, "_rank", max_regions)
    if unit == "province":  # provinces ranked, highest first
        regions = _ranked(regions)
    show_province = regions["province"].nunique() > 1
    ax = _axes(ax, 1.2 + 0.35 * len(regions))
    order = [c for c in JPM_ORDER if c in wide.columns]
    y = list(range(len(regions)))
    left = [0.0] * len(regions)
    for category in order:
        values = [float(wide.at[r, category]) * 100 for r in regions["region_id"]]
        values = [0.0 if math.isnan(v) else v for v in values]
        ax.barh(
            y,
            values,
            left=left,
            color=_JPM_COLORS.get(category, _BAR_COLOR),
            label=labels.enum_label("jpm_category", category, lang),
            edgecolor="white",
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    rest = [max(0.0, 100.0 - w) if w > 0 else 0.0 for w in left]
    if any(r > 0.5 for r in rest):  # a category of the region was hidden (small group)
        ax.barh(y, rest, left=left, color="#e9ecef", hatch="//", edgecolor="white",
                label=labels.label("chart.cr_hidden", lang))  # fmt: skip
    for yi, width in zip(y, left, strict=True):
        if width == 0:
            ax.text(1, yi, labels.label("chart.cr_hidden", lang), va="center", color=_NOTE_COLOR)
    ax.set_yticks(y)
    ax.set_yticklabels([_region_label(r, show_province) for _, r in regions.iterrows()])
    ax.set_ylim(len(regions) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel(
        labels.label("chart.share_staff_pct", lang)
        + _left_out_note(left_out, total, lang, max_regions)
    )
    ax.set_title(labels.label(title, lang), loc="left", fontsize=12)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=9)
    _despine(ax)
    return ax


def gap_heatmap(
    matrix: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    max_regions: int = MAX_REGIONS,
    unit: str = "region",
) -> Axes:
    """Heatmap: share below standard, region (rows) × competency (columns).

    Above ``max_regions`` regions only the highest and lowest on the mean
    share across competencies are drawn. Hidden cells are left blank.

    Parameters
    ----------
    matrix : DataFrame
        Output of :func:`gap_matrix` (or ``as_regions(pooled_gaps(...))``).
    unit : {"region", "province"}
        What a row is (the title).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> docs = {"a": {"templates": {"gaps": {"region_name": "Kota A", "shortfall": [
    ...     {"competency_id": "M.01", "name_en": "Integrity", "share_below": 0.2}]}}}}
    >>> ax = gap_heatmap(gap_matrix(docs), "en")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['Integrity']
    """
    import numpy as np

    lang = labels.check_lang(lang, "gap_heatmap")
    title = _unit_title("chart.cr_heatmap", unit, "gap_heatmap")
    name_col = f"name_{lang}"
    names = matrix.drop_duplicates("competency_id").set_index("competency_id")[name_col]
    competencies = sorted(names.index)
    wide = matrix.pivot_table(
        index="region_id", columns="competency_id", values="share_below", aggfunc="first",
        dropna=False,
    ).reindex(columns=competencies)  # fmt: skip
    regions = matrix.drop_duplicates("region_id")[REGION_COLUMNS].reset_index(drop=True)
    regions["_rank"] = regions["region_id"].map(wide.mean(axis=1))
    total = len(regions)
    regions, left_out = top_bottom(regions, "_rank", max_regions)
    if unit == "province":  # provinces ranked, highest first
        regions = _ranked(regions)
    show_province = regions["province"].nunique() > 1
    values = wide.reindex(index=regions["region_id"]).to_numpy(dtype=float) * 100
    ax = _axes(ax, 2.0 + 0.35 * len(regions), width=max(6.0, 1.0 + 0.7 * len(competencies)))
    image = ax.imshow(np.ma.masked_invalid(values), cmap="Reds", vmin=0, vmax=100, aspect="auto")
    if len(regions) * len(competencies) <= 400:
        for (i, j), v in np.ndenumerate(values):
            if not math.isnan(v):
                ax.text(j, i, labels.format_number(v, lang), ha="center", va="center",
                        fontsize=8, color="white" if v > 60 else "black")  # fmt: skip
    ax.set_xticks(range(len(competencies)))
    ax.set_xticklabels([str(names[c]) for c in competencies], rotation=45, ha="right")
    ax.set_yticks(range(len(regions)))
    ax.set_yticklabels([_region_label(r, show_province) for _, r in regions.iterrows()])
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04)
    bar.set_label(labels.label("chart.cr_share_below_pct", lang))
    ax.set_xlabel(
        labels.label("chart.cr_heatmap_x", lang)
        + _left_out_note(left_out, total, lang, max_regions)
    )
    ax.set_title(
        labels.label(title, lang),
        loc="left",
        fontsize=12,
    )
    return ax


def jp_chart(
    jp: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    max_regions: int = MAX_REGIONS,
) -> Axes:
    """Horizontal bars: share of staff meeting 20 JP per region, with the 100% line.

    Parameters
    ----------
    jp : DataFrame
        Output of :func:`jp_compliance` (optionally after :func:`hide_small`).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> docs = {"a": {"templates": {"needs_plan": {"region_name": "Kota A",
    ...     "jp_n_staff": 10, "jp_n_under": 6, "jp_share_under": 0.6}}}}
    >>> ax = jp_chart(jp_compliance(docs), "en")
    >>> [t.get_text() for t in ax.texts]
    ['40.0%']
    """
    lang = labels.check_lang(lang, "jp_chart")
    total = len(jp)
    shown, left_out = top_bottom(jp, "share_meeting", max_regions)
    show_province = shown["province"].nunique() > 1
    ax = _axes(ax, 1.2 + 0.35 * len(shown))
    values = (pd.to_numeric(shown["share_meeting"]) * 100).to_list()
    y = list(range(len(shown)))
    ax.barh(y, [0 if math.isnan(v) else v for v in values], color=_BAR_COLOR)
    for yi, v in zip(y, values, strict=True):
        text = (
            labels.label("chart.cr_hidden", lang)
            if math.isnan(v)
            else labels.format_percent(v / 100, lang)
        )
        ax.text((0 if math.isnan(v) else v) + 1, yi, text, va="center", fontsize=9,
                color=_NOTE_COLOR if math.isnan(v) else "black")  # fmt: skip
    ax.set_yticks(y)
    ax.set_yticklabels([_region_label(r, show_province) for _, r in shown.iterrows()])
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set_xlim(0, 115)
    ax.set_xlabel(
        labels.label("chart.cr_jp_x", lang) + _left_out_note(left_out, total, lang, max_regions)
    )
    ax.set_title(labels.label("chart.cr_jp", lang), loc="left", fontsize=12)
    _despine(ax)
    return ax


def ikm_chart(
    ikm: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    max_regions: int = MAX_REGIONS,
) -> Axes:
    """Dots: each region's latest IKM with its interval, the previous period hollow.

    The background shows the grades of PermenPANRB 14/2017 (D below 65,
    C to 76.60, B to 88.30, A above).

    Parameters
    ----------
    ikm : DataFrame
        Output of :func:`ikm_by_region`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> docs = {"a": {"templates": {"outcomes": {"region_name": "Kota A",
    ...     "ikm_latest": 83.1, "ikm_latest_grade": "B"}}}}
    >>> ax = ikm_chart(ikm_by_region(docs), "en")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Kota A']
    """
    lang = labels.check_lang(lang, "ikm_chart")
    total = len(ikm)
    shown, left_out = top_bottom(ikm, "ikm", max_regions)
    show_province = shown["province"].nunique() > 1
    ax = _axes(ax, 1.2 + 0.35 * len(shown))
    for low, high, shade in ((25, 65, "#f8d7da"), (65, 76.61, "#fff3cd"), (76.61, 88.31, "#e2f0d9"),
                             (88.31, 100, "#d4edda")):  # fmt: skip
        ax.axvspan(low, high, color=shade, zorder=0)
    y = list(range(len(shown)))
    latest = pd.to_numeric(shown["ikm"])
    low = pd.to_numeric(shown["ikm_low"])
    high = pd.to_numeric(shown["ikm_high"])
    before = pd.to_numeric(shown["ikm_before"])
    ax.hlines(y, low, high, color=_BAR_COLOR, linewidth=1.5, zorder=2)
    ax.scatter(before, y, facecolors="white", edgecolors=_NOTE_COLOR, zorder=3,
               label=labels.label("chart.cr_ikm_before", lang))  # fmt: skip
    ax.scatter(
        latest, y, color=_BAR_COLOR, zorder=4, label=labels.label("chart.cr_ikm_latest", lang)
    )
    for yi, v in zip(y, latest, strict=True):
        if math.isnan(v):
            ax.text(26, yi, labels.label("chart.cr_hidden", lang), va="center", color=_NOTE_COLOR)
    ax.set_yticks(y)
    ax.set_yticklabels([_region_label(r, show_province) for _, r in shown.iterrows()])
    ax.set_ylim(len(shown) - 0.5, -0.5)
    finite = pd.concat([latest, low, high, before]).dropna()
    ax.set_xlim(max(25.0, float(finite.min()) - 5) if len(finite) else 25.0, 100)
    ax.set_xlabel(
        labels.label("chart.oc_ikm_x", lang) + _left_out_note(left_out, total, lang, max_regions)
    )
    ax.set_title(labels.label("chart.cr_ikm", lang), loc="left", fontsize=12)
    ax.legend(loc="lower right", fontsize=8)
    _despine(ax)
    return ax


def _province_names(values: pd.Series, lang: str) -> pd.Series:
    """Province names, a missing one as "Province unknown" (``text.cr_no_province``)."""
    unknown = labels.label("text.cr_no_province", lang)
    return values.astype("object").map(
        lambda p: unknown if p is None or pd.isna(p) or p == "" else p
    )


def as_regions(pooled: pd.DataFrame, lang: str = config.DEFAULT_LANG) -> pd.DataFrame:
    """A pooled frame (one row per province) with the region columns, for the region charts.

    ``region_id`` and ``region_name`` become the province, so :func:`jpm_chart`
    and :func:`gap_heatmap` draw one row per province (pass ``unit="province"``).

    Examples
    --------
    >>> as_regions(pd.DataFrame({"province": ["Aceh", None], "share": [0.5, 0.25]}), "en")
              region_id       region_name level          province  share
    0              Aceh              Aceh  None              Aceh   0.50
    1  Province unknown  Province unknown  None  Province unknown   0.25
    """
    lang = labels.check_lang(lang, "as_regions")
    out = pooled.copy()
    out["province"] = _province_names(out["province"], lang)
    out.insert(0, "region_id", out["province"])
    out.insert(1, "region_name", out["province"])
    out.insert(2, "level", None)
    return out


def province_chart(
    pooled: pd.DataFrame,
    regions: pd.DataFrame,
    value: str,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    pooled_value: str | None = None,
    title: str = "chart.cr_jp_province",
    xlabel: str = "chart.cr_jp_x",
    percent: bool = True,
) -> Axes:
    """One row per province: its pooled figure (large dot) and its regions' spread (dots, line).

    Provinces are sorted by the pooled figure, highest on top; the tick label
    gives the number of regions. Built for 38 provinces and 552 regions.

    Parameters
    ----------
    pooled : DataFrame
        One row per province (``province`` and ``pooled_value``), e.g. from
        :func:`pooled_jp` or :func:`pooled_ikm`.
    regions : DataFrame
        One row per region (``province`` and ``value``).
    value : str
        The regions' column drawn (and the pooled one, unless ``pooled_value``).
    title, xlabel : str
        Keys of ``labels`` for the title and the axis.
    percent : bool
        Values are shares (drawn as 0–100%).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> regions = pd.DataFrame({"province": ["P", "P", "Q"], "share_meeting": [0.2, 0.6, 0.9]})
    >>> pooled = pd.DataFrame({"province": ["P", "Q"], "share_meeting": [0.5, 0.9]})
    >>> ax = province_chart(pooled, regions, "share_meeting", "en")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Q (1)', 'P (2)']
    """
    lang = labels.check_lang(lang, "province_chart")
    pooled = pooled.assign(province=_province_names(pooled["province"], lang))
    regions = regions.assign(province=_province_names(regions["province"], lang))
    pooled_value = pooled_value or value
    scale = 100.0 if percent else 1.0
    order = pooled.assign(_v=pd.to_numeric(pooled[pooled_value], errors="coerce"))
    order = order.sort_values(["_v", "province"], ascending=[False, True], kind="stable",
                              na_position="last").reset_index(drop=True)  # fmt: skip
    values = regions.assign(_v=pd.to_numeric(regions[value], errors="coerce") * scale)
    counts = regions.groupby("province", dropna=False).size()
    ax = _axes(ax, 1.5 + 0.3 * len(order))
    y = list(range(len(order)))
    region_label = labels.label("chart.cr_region_point", lang)
    for yi, province in zip(y, order["province"], strict=True):
        own = values.loc[values["province"] == province, "_v"].dropna()
        if len(own):
            ax.hlines(yi, own.min(), own.max(), color="#adb5bd", linewidth=1.2, zorder=1)
            ax.scatter(own, [yi] * len(own), s=10, color=_NOTE_COLOR, alpha=0.6, zorder=2,
                       label=region_label)  # fmt: skip
            region_label = None  # one legend entry
    ax.scatter(order["_v"] * scale, y, s=60, color=_BAR_COLOR, zorder=3,
               label=labels.label("chart.cr_province_point", lang))  # fmt: skip
    for yi, v in zip(y, order["_v"], strict=True):
        if math.isnan(v):
            ax.text(0.01, yi, labels.label("chart.cr_hidden", lang), va="center",
                    color=_NOTE_COLOR, transform=ax.get_yaxis_transform())  # fmt: skip
    ax.set_yticks(y)
    ax.set_yticklabels(
        [f"{p} ({labels.format_number(int(counts.get(p, 0)), lang)})" for p in order["province"]]
    )
    ax.set_ylim(len(order) - 0.5, -0.5)
    if percent:
        ax.set_xlim(0, 100)
    ax.set_xlabel(labels.label(xlabel, lang) + "\n" + labels.label("chart.cr_province_note", lang))
    ax.set_title(labels.label(title, lang), loc="left", fontsize=12)
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(axis="x", color="#e9ecef")
    _despine(ax)
    return ax


# ---------------------------------------------------------------------------
# Sentences.
# ---------------------------------------------------------------------------
def _name(row: Mapping[str, Any]) -> str:
    return md_text(row["region_name"])


def _extremes(frame: pd.DataFrame, value: str) -> tuple[Any, Any] | None:
    known = frame[frame[value].notna()]
    if len(known) < 2:
        return None
    ranked = known.sort_values([value, "region_name"], kind="stable")
    return ranked.iloc[-1], ranked.iloc[0]


def regions_sentence(key_figures: pd.DataFrame, lang: str = config.DEFAULT_LANG) -> str:
    """How many regions, in how many provinces, are compared.

    Examples
    --------
    >>> t = pd.DataFrame({"region_name": ["A", "B"], "province": ["P", "Q"]})
    >>> regions_sentence(t, "en")
    'This report compares **2 regions** in **2 provinces**, from each region’s own reports.'
    """
    lang = labels.check_lang(lang, "regions_sentence")
    return labels.text(
        "text.cr_regions",
        lang,
        n=labels.format_number(len(key_figures), lang),
        provinces=labels.format_number(key_figures["province"].nunique(), lang),
    )


def _high_low(
    frame: pd.DataFrame, value: str, key: str, lang: str, percent: bool, none_key: str
) -> str:
    pair = _extremes(frame, value)
    if pair is None:
        return labels.label(none_key, lang)
    high, low = pair

    def fmt(x: Any) -> str:
        return labels.format_percent(x, lang) if percent else labels.format_number(x, lang, 2)

    return labels.text(
        key, lang, high=_name(high), high_value=fmt(high[value]), low=_name(low),
        low_value=fmt(low[value]), n=labels.format_number(frame[value].notna().sum(), lang),
    )  # fmt: skip


def national_sentence(
    provinces: pd.DataFrame, lang: str = config.DEFAULT_LANG, min_group_size: int = 5
) -> str:
    """The country's figures (the last row of :func:`province_table`), and when they are bounds.

    Examples
    --------
    >>> t = pd.DataFrame({"province": ["P", "National"], "n_regions": [2, 2],
    ...     "n_employees": [1500, 1500], "share_optimal": [0.6, 0.6],
    ...     "share_under_20jp": [0.25, 0.25], "ikm": [80.0, 80.0], "n_hidden": [2, 2]})
    >>> print(national_sentence(t, "en"))
    Nationally: **1,500** civil servants in 2 regions; **60.0%** of staff with a JPM score are \
in the category “Optimal”; **25.0%** of staff are under 20 JP. In 2 regions some figures are \
hidden because their group is small, or missing; national and provincial figures add only the \
figures shown for those regions, so they are lower bounds. A “–” means the region’s report does \
not have the figure, or hid it because the group has fewer than 5 people.
    """
    lang = labels.check_lang(lang, "national_sentence")
    country = provinces.iloc[-1]
    sentences = [
        labels.text(
            "text.cr_national_figures",
            lang,
            n_employees=labels.format_number(country["n_employees"], lang),
            n=labels.format_number(country["n_regions"], lang),
            share_optimal=labels.format_percent(country["share_optimal"], lang),
            share_under=labels.format_percent(country["share_under_20jp"], lang),
        )
    ]
    if country["n_hidden"]:
        n = labels.format_number(country["n_hidden"], lang)
        sentences.append(labels.text("text.cr_lower_bound", lang, n=n))
    sentences.append(labels.text("text.cr_masked", lang, threshold=min_group_size))
    return " ".join(sentences)


def jpm_sentence(categories: pd.DataFrame, lang: str = config.DEFAULT_LANG) -> str:
    """The regions with the highest and lowest share "Optimal".

    Examples
    --------
    >>> t = pd.DataFrame({"region_name": ["A", "B"], "jpm_category": "Optimal",
    ...                   "share": [0.5, 0.75]})
    >>> jpm_sentence(t, "en")[:60]
    'The share of assessed staff in the category “Optimal” is hig'
    """
    lang = labels.check_lang(lang, "jpm_sentence")
    optimal = categories[categories["jpm_category"].isin(["Optimal", "Memenuhi Syarat"])]
    return _high_low(optimal, "share", "text.cr_jpm", lang, True, "text.cr_none")


def gap_sentence(matrix: pd.DataFrame, lang: str = config.DEFAULT_LANG) -> str:
    """The largest share below standard across regions and competencies, and the smallest.

    Examples
    --------
    >>> t = pd.DataFrame({"region_name": ["A", "B"], "competency_id": "M.01",
    ...                   "name_id": "Integritas", "name_en": "Integrity",
    ...                   "share_below": [0.2, 0.4]})
    >>> gap_sentence(t, "en")
    'The largest gap is Integrity in B: 40.0% of assessed staff are below standard; the \
smallest is Integrity in A (20.0%).'
    """
    lang = labels.check_lang(lang, "gap_sentence")
    known = matrix[matrix["share_below"].notna()]
    if known.empty:
        return labels.label("text.cr_none", lang)
    ranked = known.sort_values(["share_below", "region_name", "competency_id"], kind="stable")
    high, low = ranked.iloc[-1], ranked.iloc[0]
    name = f"name_{lang}"
    return labels.text(
        "text.cr_gap", lang, competency=md_text(high[name]), region=_name(high),
        share=labels.format_percent(high["share_below"], lang),
        low_competency=md_text(low[name]), low_region=_name(low),
        low_share=labels.format_percent(low["share_below"], lang),
    )  # fmt: skip


def jp_sentence(jp: pd.DataFrame, lang: str = config.DEFAULT_LANG) -> str:
    """The regions with the highest and lowest share of staff meeting 20 JP.

    Examples
    --------
    >>> t = pd.DataFrame({"region_name": ["A", "B"], "share_meeting": [0.36, 0.5]})
    >>> jp_sentence(t, "en")[:40]
    'The share of staff with at least 20 JP i'
    """
    lang = labels.check_lang(lang, "jp_sentence")
    return _high_low(jp, "share_meeting", "text.cr_jp", lang, True, "text.cr_none")


def ikm_sentence(ikm: pd.DataFrame, lang: str = config.DEFAULT_LANG) -> str:
    """The regions with the highest and lowest latest IKM.

    Examples
    --------
    >>> t = pd.DataFrame({"region_name": ["A", "B"], "ikm": [83.1, 79.0]})
    >>> ikm_sentence(t, "en")[:30]
    'The latest IKM is highest in A'
    """
    lang = labels.check_lang(lang, "ikm_sentence")
    return _high_low(ikm, "ikm", "text.cr_ikm", lang, False, "text.cr_none")
