"""Who works in a region, and how many have been assessed: the overview report.

Pure functions: a tidy frame in, a tidy frame out (the returned columns are
listed in each docstring), or a dict of key figures. They never change the
caller's frames, read or write files, or print. Counts are raw here; mask
small groups with :func:`kompetensi_toolkit.privacy.suppress_small_counts`
before anything is shared.

The functions at the end (:func:`title_markdown`, :func:`summary_markdown`)
turn key figures into the plain-language Markdown the report opens with.

Examples
--------
>>> import pandas as pd
>>> staff = pd.DataFrame({
...     "employee_id": ["e1", "e2", "e3", "e4"],
...     "unit": ["Dinas A", "Dinas A", "Dinas B", "Dinas A"],
...     "position_type": ["pelaksana", "pengawas", "pelaksana", "fungsional_mahir"],
... })
>>> headcount_by_unit(staff)
      unit  n  share
0  Dinas A  3   0.75
1  Dinas B  1   0.25
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from kompetensi_toolkit import config
from kompetensi_toolkit.exceptions import DataValidationError, Problem
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.labels import POSITION_GROUPS
from kompetensi_toolkit.rendering import md_text
from kompetensi_toolkit.schema import ENUMS

__all__ = [
    "POSITION_GROUPS",
    "POSITION_GROUP_OF",
    "assessment_coverage",
    "headcount_by_position_group",
    "headcount_by_position_type",
    "headcount_by_unit",
    "key_figures",
    "position_group",
    "section_markdown",
    "staff_coverage",
    "summary_figures",
    "summary_markdown",
    "title_markdown",
]

#: The coarse group of every position type.
POSITION_GROUP_OF: dict[str, str] = {
    "jpt_utama": "jpt",
    "jpt_madya": "jpt",
    "jpt_pratama": "jpt",
    "administrator": "administrator",
    "pengawas": "pengawas",
    "pelaksana": "pelaksana",
    "fungsional_ahli_utama": "fungsional_ahli",
    "fungsional_ahli_madya": "fungsional_ahli",
    "fungsional_ahli_muda": "fungsional_ahli",
    "fungsional_ahli_pertama": "fungsional_ahli",
    "fungsional_penyelia": "fungsional_keterampilan",
    "fungsional_mahir": "fungsional_keterampilan",
    "fungsional_terampil": "fungsional_keterampilan",
    "fungsional_pemula": "fungsional_keterampilan",
}

_POSITION_TYPES = ENUMS["position_type"].values


# ---------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------
def _as_position_types(values: pd.Series, column: str) -> pd.Series:
    """The values as a categorical over the canonical position types (schema order)."""
    as_text = values.astype("string")
    unknown = sorted(set(as_text.dropna()) - set(_POSITION_TYPES))
    if unknown:
        raise DataValidationError(
            [
                Problem(
                    "employees",
                    "unknown position type",
                    column=column,
                    value=v,
                    allowed=", ".join(_POSITION_TYPES),
                )
                for v in unknown
            ]
        )
    return pd.Series(
        pd.Categorical(as_text, categories=_POSITION_TYPES), index=values.index, name=column
    )


def _counts_in_order(
    values: pd.Series, column: str, categories: Sequence[str], include_empty: bool
) -> pd.DataFrame:
    """Counts of a categorical, one row per category in ``categories`` order."""
    counts = values.value_counts(sort=False, dropna=True)
    frame = pd.DataFrame(
        {
            column: pd.Categorical(counts.index.astype(str), categories=categories),
            "n": counts.to_numpy(),
        }
    )
    return frame if include_empty else frame[frame["n"] > 0]


def _with_share(counts: pd.DataFrame, total: int) -> pd.DataFrame:
    counts["n"] = counts["n"].astype("int64")
    counts["share"] = counts["n"] / total if total else float("nan")
    return counts.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Headcounts.
# ---------------------------------------------------------------------------
def position_group(position_type: pd.Series) -> pd.Series:
    """The coarse position group of each position type.

    Groups, in display order: ``jpt`` (JPT Utama, Madya, Pratama),
    ``administrator``, ``pengawas``, ``pelaksana``, ``fungsional_ahli`` (JF
    keahlian: Ahli Utama … Ahli Pertama) and ``fungsional_keterampilan`` (JF
    keterampilan: Penyelia, Mahir, Terampil, Pemula).

    Parameters
    ----------
    position_type : Series
        Canonical position types (text or categorical).

    Returns
    -------
    Series
        Categorical with categories :data:`POSITION_GROUPS`, same index.

    Examples
    --------
    >>> import pandas as pd
    >>> position_group(pd.Series(["jpt_pratama", "fungsional_penyelia"])).tolist()
    ['jpt', 'fungsional_keterampilan']
    """
    types = _as_position_types(position_type, position_type.name or "position_type")
    groups = types.astype("string").map(POSITION_GROUP_OF)
    return pd.Series(
        pd.Categorical(groups, categories=POSITION_GROUPS),
        index=position_type.index,
        name="position_group",
    )


def headcount_by_unit(employees: pd.DataFrame, *, unit: str = "unit") -> pd.DataFrame:
    """Staff per work unit, largest first.

    Parameters
    ----------
    employees : DataFrame
        One row per employee.
    unit : str
        The work-unit column.

    Returns
    -------
    DataFrame
        One row per unit (missing units as one row with ``<NA>``), sorted by
        ``n`` descending then ``unit``:

        ``unit``
            the work unit;
        ``n`` (int)
            its number of staff;
        ``share`` (float)
            ``n`` over all staff (0..1).

    Examples
    --------
    >>> import pandas as pd
    >>> staff = pd.DataFrame({"unit": ["B", "A", "B", "C", "A", "B"]})
    >>> headcount_by_unit(staff)
      unit  n     share
    0    B  3  0.500000
    1    A  2  0.333333
    2    C  1  0.166667
    """
    require_columns(employees, {"unit": unit}, "headcount_by_unit")
    counts = employees.groupby(unit, dropna=False, observed=True).size().rename("n").reset_index()
    counts = counts.sort_values(["n", unit], ascending=[False, True], kind="stable")
    return _with_share(counts, len(employees))


def headcount_by_position_type(
    employees: pd.DataFrame,
    *,
    position_type: str = "position_type",
    include_empty: bool = False,
) -> pd.DataFrame:
    """Staff per position type, in the order of the data contract.

    Parameters
    ----------
    employees : DataFrame
        One row per employee.
    position_type : str
        The column of canonical position types.
    include_empty : bool
        Also list the position types nobody holds (``n`` = 0).

    Returns
    -------
    DataFrame
        One row per position type:

        ``position_type`` (categorical)
            canonical position type;
        ``position_group`` (categorical)
            its coarse group (see :func:`position_group`);
        ``n`` (int)
            number of staff;
        ``share`` (float)
            ``n`` over all staff (0..1).

    Examples
    --------
    >>> import pandas as pd
    >>> staff = pd.DataFrame({"position_type": [
    ...     "pelaksana", "pelaksana", "jpt_pratama", "fungsional_ahli_muda"]})
    >>> headcount_by_position_type(staff)
              position_type   position_group  n  share
    0           jpt_pratama              jpt  1   0.25
    1             pelaksana        pelaksana  2   0.50
    2  fungsional_ahli_muda  fungsional_ahli  1   0.25
    """
    require_columns(employees, {"position_type": position_type}, "headcount_by_position_type")
    types = _as_position_types(employees[position_type], position_type)
    frame = _counts_in_order(types, "position_type", _POSITION_TYPES, include_empty)
    frame.insert(1, "position_group", position_group(frame["position_type"]).to_numpy())
    return _with_share(frame, len(employees))


def headcount_by_position_group(
    employees: pd.DataFrame,
    *,
    position_type: str = "position_type",
    include_empty: bool = True,
) -> pd.DataFrame:
    """Staff per coarse position group (JPT, administrator, pengawas, …).

    Parameters
    ----------
    employees : DataFrame
        One row per employee.
    position_type : str
        The column of canonical position types.
    include_empty : bool
        List all six groups, also those nobody is in (``n`` = 0).

    Returns
    -------
    DataFrame
        One row per group, in the order of :data:`POSITION_GROUPS`:

        ``position_group`` (categorical)
            the group;
        ``n`` (int)
            number of staff;
        ``share`` (float)
            ``n`` over all staff (0..1).

    Examples
    --------
    >>> import pandas as pd
    >>> staff = pd.DataFrame({"position_type": [
    ...     "pelaksana", "fungsional_ahli_muda", "fungsional_ahli_pertama", "pengawas"]})
    >>> headcount_by_position_group(staff, include_empty=False)
        position_group  n  share
    0         pengawas  1   0.25
    1        pelaksana  1   0.25
    2  fungsional_ahli  2   0.50
    """
    require_columns(employees, {"position_type": position_type}, "headcount_by_position_group")
    groups = position_group(employees[position_type])
    frame = _counts_in_order(groups, "position_group", POSITION_GROUPS, include_empty)
    return _with_share(frame, len(employees))


# ---------------------------------------------------------------------------
# Assessment coverage.
# ---------------------------------------------------------------------------
def staff_coverage(
    employees: pd.DataFrame,
    assessments: pd.DataFrame,
    *,
    by: str | None = None,
    employee: str = "employee_id",
) -> pd.DataFrame:
    """Share of staff with at least one competency assessment.

    Assessments of people not in ``employees`` are ignored.

    Parameters
    ----------
    employees : DataFrame
        One row per employee.
    assessments : DataFrame
        One row per assessment result.
    by : str, optional
        A column of ``employees`` (e.g. ``"unit"``): one row per value.
    employee : str
        The employee identifier column, in both frames.

    Returns
    -------
    DataFrame
        One row (or one per ``by`` value):

        ``<by>``
            the group, when ``by`` is given;
        ``n_staff`` (int)
            staff in the group;
        ``n_assessed`` (int)
            of whom assessed at least once, in any competency;
        ``share_assessed`` (float)
            ``n_assessed / n_staff`` (NaN when there are no staff).

    Examples
    --------
    >>> import pandas as pd
    >>> staff = pd.DataFrame({"employee_id": ["a", "b", "c", "d"],
    ...                       "unit": ["X", "X", "Y", "Y"]})
    >>> results = pd.DataFrame({"employee_id": ["a", "a", "c", "zz"],
    ...                         "competency_id": ["M.01", "M.02", "M.01", "M.01"]})
    >>> staff_coverage(staff, results)
       n_staff  n_assessed  share_assessed
    0        4           2             0.5
    >>> staff_coverage(staff, results, by="unit")
      unit  n_staff  n_assessed  share_assessed
    0    X        2           1             0.5
    1    Y        2           1             0.5
    """
    cols = {"employee": employee} | ({"by": by} if by else {})
    require_columns(employees, cols, "staff_coverage")
    require_columns(assessments, {"employee": employee}, "staff_coverage")
    assessed = employees[employee].isin(set(assessments[employee].dropna()))
    work = pd.DataFrame({"assessed": assessed.to_numpy(dtype=bool)}, index=employees.index)
    if by:
        work[by] = employees[by]
        out = (
            work.groupby(by, dropna=False, observed=True)["assessed"]
            .agg(n_staff="size", n_assessed="sum")
            .reset_index()
        )
    else:
        out = pd.DataFrame({"n_staff": [len(work)], "n_assessed": [int(work["assessed"].sum())]})
    out["n_staff"] = out["n_staff"].astype("int64")
    out["n_assessed"] = out["n_assessed"].astype("int64")
    out["share_assessed"] = (out["n_assessed"] / out["n_staff"].where(out["n_staff"] > 0)).astype(
        "float64"
    )
    return out


def assessment_coverage(
    employees: pd.DataFrame,
    assessments: pd.DataFrame,
    competencies: pd.DataFrame | None = None,
    *,
    employee: str = "employee_id",
    competency: str = "competency_id",
) -> pd.DataFrame:
    """Per competency: how many staff have been assessed in it, and what share.

    Parameters
    ----------
    employees : DataFrame
        One row per employee (the denominator).
    assessments : DataFrame
        One row per assessment; repeated assessments of one person count once.
        Assessments of people not in ``employees`` are ignored.
    competencies : DataFrame, optional
        The competency dictionary: when given, every competency in it is
        listed (in its order, with 0 when nobody was assessed) together with
        its ``category``, ``name_id`` and ``name_en`` when present; otherwise
        only competencies with assessments, sorted by code.
    employee, competency : str
        The identifier columns.

    Returns
    -------
    DataFrame
        One row per competency:

        ``competency_id``
            the code, e.g. ``M.01``;
        ``name_id``, ``name_en``, ``category``
            copied from ``competencies`` when given (those it has);
        ``n_assessed`` (int)
            distinct staff assessed in it;
        ``n_staff`` (int)
            all staff (the same on every row);
        ``share_assessed`` (float)
            ``n_assessed / n_staff``.

    Examples
    --------
    >>> import pandas as pd
    >>> staff = pd.DataFrame({"employee_id": ["a", "b", "c", "d"]})
    >>> results = pd.DataFrame({"employee_id": ["a", "a", "b", "c", "x"],
    ...                         "competency_id": ["M.02", "M.02", "M.02", "M.01", "M.01"]})
    >>> assessment_coverage(staff, results)
      competency_id  n_assessed  n_staff  share_assessed
    0          M.01           1        4            0.25
    1          M.02           2        4            0.50
    >>> dictionary = pd.DataFrame({"competency_id": ["M.01", "M.02", "SK.01"],
    ...                            "name_id": ["Integritas", "Kerjasama", "Perekat Bangsa"]})
    >>> assessment_coverage(staff, results, dictionary)[["competency_id", "n_assessed"]]
      competency_id  n_assessed
    0          M.01           1
    1          M.02           2
    2         SK.01           0
    """
    require_columns(employees, {"employee": employee}, "assessment_coverage")
    require_columns(
        assessments, {"employee": employee, "competency": competency}, "assessment_coverage"
    )
    staff = set(employees[employee].dropna())
    mine = assessments[assessments[employee].isin(staff)]
    per = mine.groupby(competency, observed=True)[employee].nunique()
    per.index = per.index.astype(str)
    if competencies is not None:
        require_columns(competencies, {"competency": competency}, "assessment_coverage")
        keep = [c for c in (competency, "name_id", "name_en", "category") if c in competencies]
        out = competencies[keep].copy().reset_index(drop=True)
        out = out.rename(columns={competency: "competency_id"})
        ids = out["competency_id"].astype(str)
    else:
        ids = pd.Series(sorted(per.index), dtype="string")
        out = pd.DataFrame({"competency_id": ids})
    out["n_assessed"] = per.reindex(ids.to_numpy()).fillna(0).astype("int64").to_numpy()
    out["n_staff"] = len(staff)
    out["n_staff"] = out["n_staff"].astype("int64")
    out["share_assessed"] = (out["n_assessed"] / len(staff)) if staff else float("nan")
    return out


# ---------------------------------------------------------------------------
# Key figures.
# ---------------------------------------------------------------------------
def key_figures(dataset: Any) -> dict[str, Any]:
    """The numbers the overview report opens with.

    Parameters
    ----------
    dataset : Dataset
        A :class:`kompetensi_toolkit.loaders.Dataset`, usually loaded for one
        region (anything with ``employees``, ``assessments``, ``region``,
        ``data_hash`` and ``region_row()`` will do).

    Returns
    -------
    dict
        ``region_id``, ``region_name``, ``level``, ``province`` (``None`` when
        the dataset holds all regions or the value is missing);
        ``headcount`` (int), ``units`` (int, distinct work units);
        ``n_pns``, ``n_pppk``, ``n_status_unknown`` (int);
        ``share_pns``, ``share_pppk`` (float, over all staff);
        ``n_assessed`` (int, staff with at least one assessment),
        ``share_assessed`` (float), ``n_competencies_assessed`` (int);
        ``largest_position_group`` (str or ``None``) and
        ``largest_position_group_share`` (float);
        ``data_hash`` (str). Shares are NaN when there are no staff.

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> staff = pd.DataFrame({
    ...     "employee_id": ["a", "b", "c", "d"], "unit": ["X", "X", "Y", "Z"],
    ...     "position_type": ["pelaksana", "pelaksana", "pengawas", "pelaksana"],
    ...     "employment_status": ["pns", "pns", "pppk", "pns"]})
    >>> results = pd.DataFrame({"employee_id": ["a", "c", "c"],
    ...                         "competency_id": ["M.01", "M.01", "M.02"]})
    >>> ds = SimpleNamespace(employees=staff, assessments=results, region=None, data_hash="0")
    >>> fig = key_figures(ds)
    >>> fig["headcount"], fig["units"], fig["share_pppk"], fig["share_assessed"]
    (4, 3, 0.25, 0.5)
    >>> fig["largest_position_group"]
    'pelaksana'
    """
    employees: pd.DataFrame = dataset.employees
    assessments: pd.DataFrame = dataset.assessments
    headcount = len(employees)

    region: dict[str, Any] = {
        "region_id": None,
        "region_name": None,
        "level": None,
        "province": None,
    }
    if getattr(dataset, "region", None):
        row = dataset.region_row()
        region = {
            "region_id": str(row["region_id"]),
            "region_name": _text_or_none(row.get("name")),
            "level": _text_or_none(row.get("level")),
            "province": _text_or_none(row.get("province")),
        }

    def share(n: int) -> float:
        return n / headcount if headcount else float("nan")

    if "employment_status" in employees:
        status = employees["employment_status"].astype("string")
        n_pns, n_pppk = int((status == "pns").sum()), int((status == "pppk").sum())
        n_unknown = int(status.isna().sum())
    else:
        n_pns, n_pppk, n_unknown = 0, 0, headcount

    coverage = staff_coverage(employees, assessments).iloc[0]
    staff_ids = set(employees["employee_id"].dropna())
    mine = assessments[assessments["employee_id"].isin(staff_ids)]

    groups = headcount_by_position_group(employees, include_empty=False)
    largest = groups.sort_values("n", ascending=False, kind="stable").head(1)

    return {
        **region,
        "headcount": headcount,
        "units": int(employees["unit"].nunique(dropna=True)) if "unit" in employees else 0,
        "n_pns": n_pns,
        "n_pppk": n_pppk,
        "n_status_unknown": n_unknown,
        "share_pns": share(n_pns),
        "share_pppk": share(n_pppk),
        "n_assessed": int(coverage["n_assessed"]),
        "share_assessed": float(coverage["share_assessed"]),
        "n_competencies_assessed": int(mine["competency_id"].nunique(dropna=True)),
        "largest_position_group": (
            str(largest["position_group"].iloc[0]) if len(largest) else None
        ),
        "largest_position_group_share": (
            float(largest["share"].iloc[0]) if len(largest) else math.nan
        ),
        "data_hash": getattr(dataset, "data_hash", None),
    }


def summary_figures(
    figures: Mapping[str, Any], min_group_size: int = config.MIN_GROUP_SIZE
) -> dict[str, Any]:
    """The key figures as they may be shared (``summary.json``): small groups masked.

    A count from 1 to ``min_group_size - 1`` becomes ``None`` with its share.
    PNS, PPPK and unknown status add up to the headcount, so when one of them
    is masked the next smallest is masked too (as in
    :func:`kompetensi_toolkit.privacy.suppress_small_counts`). Adds
    ``min_group_size``.

    Parameters
    ----------
    figures : mapping
        Output of :func:`key_figures`. Not changed.
    min_group_size : int

    Returns
    -------
    dict

    Examples
    --------
    >>> fig = {"headcount": 40, "units": 3, "n_pns": 37, "n_pppk": 3, "n_status_unknown": 0,
    ...        "share_pns": 0.925, "share_pppk": 0.075, "n_assessed": 4, "share_assessed": 0.1}
    >>> out = summary_figures(fig)
    >>> out["n_pns"], out["n_pppk"], out["share_pppk"], out["n_assessed"], out["headcount"]
    (None, None, None, None, 40)
    """
    from kompetensi_toolkit import privacy

    privacy.check_min_group_size(min_group_size, "summary_figures")
    out = dict(figures)
    out["min_group_size"] = min_group_size

    def small(n: object) -> bool:
        return n is not None and 0 < int(n) < min_group_size  # type: ignore[call-overload]

    status = pd.DataFrame(
        {
            "key": ["pns", "pppk", "status_unknown"],
            "n": [int(out.get(k) or 0) for k in ("n_pns", "n_pppk", "n_status_unknown")],
        }
    )
    masked = privacy.suppress_small_counts(status, min_group_size=min_group_size)
    for key, hidden in zip(masked["key"], masked[privacy.SUPPRESSED], strict=True):
        if hidden:
            out[f"n_{key}"] = None
            if f"share_{key}" in out:
                out[f"share_{key}"] = None
    if small(out.get("n_assessed")):
        out["n_assessed"] = None
        out["share_assessed"] = None
    if small(out.get("headcount")):
        for key in list(out):
            if key.startswith(("n_", "share_", "largest_position_group")) or key in (
                "headcount",
                "units",
            ):
                out[key] = None
    return out


def _text_or_none(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


# ---------------------------------------------------------------------------
# Words for the reader.
# ---------------------------------------------------------------------------
def title_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """The report's title and subtitle as Markdown (data values escaped).

    See :func:`kompetensi_toolkit.narrative.title_markdown`.

    Examples
    --------
    >>> print(title_markdown({"region_name": "Kota Ambon", "level": "kota",
    ...                       "province": "Maluku"}, "en"))
    # Civil service overview: Kota Ambon
    <BLANKLINE>
    *City · Maluku Province*
    """
    from kompetensi_toolkit import narrative

    return narrative.title_markdown(figures, lang, key="title.overview")


def summary_markdown(
    figures: Mapping[str, Any],
    lang: str = config.DEFAULT_LANG,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> str:
    """The opening paragraph: the key numbers in plain words.

    Counts of groups smaller than ``min_group_size`` are never written;
    the sentence says "fewer than …" instead.

    Parameters
    ----------
    figures : mapping
        Output of :func:`key_figures`.
    lang : {"id", "en"}
    min_group_size : int

    Returns
    -------
    str
        Markdown.

    Examples
    --------
    >>> fig = {"region_name": "Kota Ambon", "headcount": 1250, "units": 12,
    ...        "n_pns": 1000, "n_pppk": 250, "n_status_unknown": 0,
    ...        "share_pns": 0.8, "share_pppk": 0.2, "n_assessed": 500,
    ...        "share_assessed": 0.4, "n_competencies_assessed": 9,
    ...        "largest_position_group": "pelaksana", "largest_position_group_share": 0.55}
    >>> print(summary_markdown(fig))
    Kota Ambon memiliki **1.250 ASN** yang tersebar di **12 unit kerja**. Sebanyak **80,0%** \
berstatus PNS dan **20,0%** PPPK. **40,0%** pegawai (500 orang) sudah pernah mengikuti asesmen \
kompetensi, pada 9 kompetensi. Kelompok jabatan terbesar adalah **Pelaksana** (55,0% dari seluruh \
pegawai).
    >>> print(summary_markdown({**fig, "n_pns": 1247, "n_pppk": 3}, "en").split(". ")[1])
    Most staff are PNS; fewer than 5 are PPPK
    """
    from kompetensi_toolkit import labels
    from kompetensi_toolkit.privacy import check_min_group_size

    check_min_group_size(min_group_size, "summary_markdown")
    lang = labels.check_lang(lang, "summary_markdown")

    def num(x: object) -> str:
        return labels.format_number(x, lang)

    def pct(x: object) -> str:
        return labels.format_percent(x, lang)

    def small(n: int) -> bool:
        return 0 < n < min_group_size

    region = md_text(figures.get("region_name") or figures.get("region_id") or "")
    parts = [
        labels.text(
            "text.summary",
            lang,
            region=region,
            headcount=num(figures["headcount"]),
            units=num(figures["units"]),
        )
    ]
    n_pns, n_pppk = int(figures["n_pns"]), int(figures["n_pppk"])
    if (small(n_pns) and n_pppk) or (small(n_pppk) and n_pns):
        major, minor = ("pns", "pppk") if n_pns >= n_pppk else ("pppk", "pns")
        parts.append(
            labels.text(
                "text.summary_status_small",
                lang,
                major=major.upper(),
                minor=minor.upper(),
                threshold=min_group_size,
            )
        )
    elif n_pns + n_pppk > 0:
        parts.append(
            labels.text(
                "text.summary_status",
                lang,
                share_pns=pct(figures["share_pns"]),
                share_pppk=pct(figures["share_pppk"]),
            )
        )
    n_unknown = int(figures.get("n_status_unknown") or 0)
    if n_unknown:
        shown = (
            labels.label("value.below", lang).format(threshold=min_group_size)
            if small(n_unknown)
            else num(n_unknown)
        )
        parts.append(labels.text("text.summary_status_unknown", lang, n=shown))
    n_assessed = int(figures["n_assessed"])
    if n_assessed == 0:
        parts.append(labels.text("text.summary_coverage_none", lang))
    elif small(n_assessed):
        parts.append(labels.text("text.summary_coverage_small", lang, threshold=min_group_size))
    else:
        parts.append(
            labels.text(
                "text.summary_coverage",
                lang,
                share_assessed=pct(figures["share_assessed"]),
                n_assessed=num(n_assessed),
                n_competencies=num(figures["n_competencies_assessed"]),
            )
        )
    group = figures.get("largest_position_group")
    if group:
        parts.append(
            labels.text(
                "text.summary_largest_group",
                lang,
                group=labels.enum_label("position_group", group, lang),
                share=pct(figures["largest_position_group_share"]),
            )
        )
    return " ".join(parts)


def section_markdown(
    section: str,
    figures: Mapping[str, Any],
    lang: str = config.DEFAULT_LANG,
    suppressed: pd.DataFrame | Sequence[pd.DataFrame] | None = None,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> str:
    """A section's heading, its one-line introduction and what was hidden in it.

    Parameters
    ----------
    section : {"by_unit", "by_position", "coverage"}
        The section (``heading.<section>`` and ``text.<section>_intro`` in
        :data:`kompetensi_toolkit.labels.TRANSLATIONS`).
    figures : mapping
        Output of :func:`key_figures` (``headcount`` and ``units`` fill the
        introduction).
    lang : {"id", "en"}
    suppressed : DataFrame or list of DataFrames, optional
        The section's tables after
        :func:`kompetensi_toolkit.privacy.suppress_small_counts`: the section
        then says how many numbers were hidden and why.
    min_group_size : int

    Returns
    -------
    str
        Markdown.

    Examples
    --------
    >>> import pandas as pd
    >>> from kompetensi_toolkit.privacy import suppress_small_counts
    >>> t = suppress_small_counts(pd.DataFrame({"unit": ["A", "B", "C"], "n": [3, 20, 30]}))
    >>> print(section_markdown("by_unit", {"headcount": 53, "units": 3}, "en", t))
    ## Staff by work unit
    <BLANKLINE>
    The table shows how the 53 staff are spread over 3 work units.
    <BLANKLINE>
    *1 number is hidden (shown as “< 5”) because its group holds fewer than 5 people, to protect \
personal data. 1 further number is hidden so that the hidden number cannot be worked out from the \
total.*
    """
    from kompetensi_toolkit import labels, narrative

    lang = labels.check_lang(lang, "section_markdown")
    fmt = {
        "headcount": labels.format_number(figures.get("headcount"), lang),
        "units": labels.format_number(figures.get("units"), lang),
    }
    return narrative.section_markdown(
        labels.label(f"heading.{section}", lang),
        labels.text(f"text.{section}_intro", lang, **fmt),
        lang,
        suppressed,
        min_group_size,
    )
