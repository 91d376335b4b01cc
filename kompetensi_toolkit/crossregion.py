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

Many regions (552 at national scale): the charts draw every region while there
are at most ``max_regions`` (default 40) and otherwise the ``max_regions // 2``
highest and lowest regions on the chart's measure, grouped by province, with a
note in the chart saying how many regions are not drawn (:func:`top_bottom`).
Tables always list every region.

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
    "MAX_REGIONS",
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
    "read_summaries",
    "regions_sentence",
    "table",
    "top_bottom",
]

SUMMARY_FILE = "summary.json"

#: Regions drawn in one chart; above this, the highest and lowest half each.
MAX_REGIONS = 40

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


def jpm_categories(documents: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """Share of assessed staff per JPM category, region × category (``gaps``).

    Returns
    -------
    DataFrame
        Region columns, ``jpm_category``, ``n``, ``share``, ``suppressed_reason``;
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
        for row in (_templates(document).get("gaps") or {}).get("jpm_categories") or []:
            rows.append(
                {
                    **region,
                    "jpm_category": row.get("category"),
                    "n": _num(row.get("n")),
                    "share": _num(row.get("share")),
                    REASON: row.get(REASON),
                }
            )
    frame = pd.DataFrame(rows, columns=[*REGION_COLUMNS, "jpm_category", "n", "share", REASON])
    frame["n"] = frame["n"].astype("float64").round().astype("Int64")
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
        ``n_assessed``, ``share_below``, ``suppressed_reason`` (tidy, long);
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
                    "share_below": _num(row.get("share_below")),
                    REASON: row.get(REASON),
                }
            )
    columns = [*REGION_COLUMNS, "competency_id", "name_id", "name_en", "n_assessed"]
    frame = pd.DataFrame(rows, columns=[*columns, "share_below", REASON])
    frame["n_assessed"] = frame["n_assessed"].astype("float64").round().astype("Int64")
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


# ---------------------------------------------------------------------------
# Charts.
# ---------------------------------------------------------------------------
def _region_label(row: Mapping[str, Any], show_province: bool) -> str:
    name = str(row["region_name"])
    province = row.get("province")
    if show_province and isinstance(province, str) and province:
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


def jpm_chart(
    categories: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    max_regions: int = MAX_REGIONS,
) -> Axes:
    """Stacked horizontal bars: JPM categories per region (shares of assessed staff).

    Regions are grouped by province; above ``max_regions`` regions only the
    highest and lowest on the share "Optimal" are drawn (see :func:`top_bottom`).
    A region whose shares were hidden is drawn without a bar and marked.

    Parameters
    ----------
    categories : DataFrame
        Output of :func:`jpm_categories`.

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
    wide = categories.pivot_table(
        index="region_id", columns="jpm_category", values="share", aggfunc="first", dropna=False
    )
    regions = categories.drop_duplicates("region_id")[REGION_COLUMNS].reset_index(drop=True)
    optimal = [c for c in ("Optimal", "Memenuhi Syarat") if c in wide.columns]
    regions["_rank"] = regions["region_id"].map(wide[optimal[0]]) if optimal else math.nan
    total = len(regions)
    regions, left_out = top_bottom(regions, "_rank", max_regions)
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
    ax.set_title(labels.label("chart.cr_jpm", lang), loc="left", fontsize=12)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=9)
    _despine(ax)
    return ax


def gap_heatmap(
    matrix: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    max_regions: int = MAX_REGIONS,
) -> Axes:
    """Heatmap: share below standard, region (rows) × competency (columns).

    Above ``max_regions`` regions only the highest and lowest on the mean
    share across competencies are drawn. Hidden cells are left blank.

    Parameters
    ----------
    matrix : DataFrame
        Output of :func:`gap_matrix`.

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
    ax.set_title(labels.label("chart.cr_heatmap", lang), loc="left", fontsize=12)
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
