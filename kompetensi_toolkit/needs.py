"""Self-reported training needs: the Hennessy-Hicks survey (table ``tna_survey``).

Each respondent rates every task item twice on 1..7: how important it is to
their job and how well they currently perform it (Hennessy et al. 2006,
*Human Resources for Health* 4:8; used in Indonesian AKPK work). The need is
``importance − performance`` ("kinerja standar − kinerja aktual = kebutuhan
pelatihan"); high importance with low performance is a priority.

Each response falls in one of four quadrants (:data:`QUADRANTS`), with
``high_importance`` (default 5) and ``low_performance`` (default 4) as the
boundaries, both inclusive:

=================  =============================  =============================
importance         performance ≤ low_performance  performance > low_performance
=================  =============================  =============================
≥ high_importance  ``priority``: train first      ``maintain``: keep it up
< high_importance  ``develop``: when there is     ``low_priority``: no need
                   room
=================  =============================  =============================

Neither the method nor a regulation fixes the two boundaries: they are
parameters. Missing ratings are never imputed: a response lacking either
rating has no need and no quadrant and is left out of :func:`rank_items`.

Examples
--------
>>> import pandas as pd
>>> tna = pd.DataFrame({"employee_id": ["a", "a", "b", "b"],
...                     "item_id": ["sop", "arsip", "sop", "arsip"],
...                     "importance": [7, 3, 6, 4], "performance": [3, 5, 4, 4]})
>>> item_needs(tna)
  employee_id item_id  importance  performance  need      quadrant
0           a     sop           7            3   4.0      priority
1           a   arsip           3            5  -2.0  low_priority
2           b     sop           6            4   2.0      priority
3           b   arsip           4            4   0.0       develop
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kompetensi_toolkit.exceptions import (
    DataValidationError,
    MissingColumnError,
    ParameterError,
    Problem,
)
from kompetensi_toolkit.frames import require_columns

__all__ = [
    "DEFAULT_HIGH_IMPORTANCE",
    "DEFAULT_LOW_PERFORMANCE",
    "QUADRANTS",
    "item_needs",
    "rank_items",
    "t_critical",
]

#: Importance at or above this is "high" (1..7 scale). A default, not a rule.
DEFAULT_HIGH_IMPORTANCE = 5
#: Performance at or below this is "low" (1..7 scale). A default, not a rule.
DEFAULT_LOW_PERFORMANCE = 4
#: The quadrants, most urgent first (the categories of ``quadrant``; labels
#: under ``enum.tna_quadrant.<value>``).
QUADRANTS: tuple[str, ...] = ("priority", "develop", "maintain", "low_priority")

_SCALE = (1, 7)


# ---------------------------------------------------------------------------
# Checks.
# ---------------------------------------------------------------------------
def _check_threshold(value: object, name: str, func: str) -> float:
    ok = (
        isinstance(value, (int, float, np.integer, np.floating))
        and not isinstance(value, bool)
        and _SCALE[0] <= float(value) <= _SCALE[1]
    )
    if not ok:
        raise ParameterError(
            f"The {name!r} parameter of {func} must be a number in 1..7. Got {value!r} instead."
        )
    return float(value)


def _check_confidence(value: object, func: str) -> float:
    ok = (
        isinstance(value, (int, float, np.floating))
        and not isinstance(value, bool)
        and 0 < float(value) < 1
    )
    if not ok:
        raise ParameterError(
            f"The 'confidence' parameter of {func} must be a number between 0 and 1 "
            f"(exclusive), e.g. 0.95. Got {value!r} instead."
        )
    return float(value)


def _ratings(values: pd.Series, column: str) -> np.ndarray:
    """Ratings as floats (NaN when missing); values outside 1..7 are an error."""
    x = pd.to_numeric(values).to_numpy(dtype="float64", na_value=np.nan)
    bad = (x < _SCALE[0]) | (x > _SCALE[1])
    if bad.any():
        raise DataValidationError(
            [
                Problem(
                    "tna_survey",
                    "rating outside the 1..7 scale",
                    column=column,
                    value=float(v),
                    allowed="a number 1 to 7",
                )
                for v in np.unique(x[bad])
            ]
        )
    return x


def _by_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


# ---------------------------------------------------------------------------
# Student's t quantile.
# ---------------------------------------------------------------------------
def t_critical(df: object, confidence: float = 0.95) -> np.ndarray:
    """Two-sided critical value of Student's t: P(|T| ≤ t) = ``confidence``.

    Parameters
    ----------
    df : int or array-like of int
        Degrees of freedom; values below 1 (and missing) give NaN.
    confidence : float
        Between 0 and 1, e.g. 0.95 for a 95 % interval.

    Returns
    -------
    ndarray
        Float array of the shape of ``df``.

    Examples
    --------
    >>> t_critical([1, 4, 29, 1000]).round(4).tolist()
    [12.7062, 2.7764, 2.0452, 1.9623]
    >>> float(t_critical(9, confidence=0.99).round(4))
    3.2498
    """
    # scipy.special's inverse t distribution function is what scipy.stats.t.ppf
    # computes, without importing scipy.stats (≈ 1 s).
    from scipy.special import stdtrit

    confidence = _check_confidence(confidence, "t_critical")
    d = np.asarray(df, dtype="float64")
    d = np.where(d >= 1, d, np.nan)
    return np.asarray(stdtrit(d, 0.5 + confidence / 2), dtype="float64")


# ---------------------------------------------------------------------------
# Needs.
# ---------------------------------------------------------------------------
def _needs_arrays(
    tna: pd.DataFrame,
    importance: str,
    performance: str,
    high_importance: float,
    low_performance: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    imp = _ratings(tna[importance], importance)
    perf = _ratings(tna[performance], performance)
    high = imp >= high_importance
    low = perf <= low_performance
    # codes index QUADRANTS: priority 0, develop 1, maintain 2, low_priority 3
    codes = np.where(high, np.where(low, 0, 2), np.where(low, 1, 3)).astype(np.int8)
    codes[np.isnan(imp) | np.isnan(perf)] = -1
    return imp, perf, imp - perf, codes


def item_needs(
    tna: pd.DataFrame,
    *,
    importance: str = "importance",
    performance: str = "performance",
    high_importance: float = DEFAULT_HIGH_IMPORTANCE,
    low_performance: float = DEFAULT_LOW_PERFORMANCE,
) -> pd.DataFrame:
    """The training need of every survey response, and its quadrant.

    Parameters
    ----------
    tna : DataFrame
        One row per respondent × item (table ``tna_survey``), ratings 1..7.
    importance, performance : str
        The two rating columns.
    high_importance : float
        Importance at or above this is high (default 5).
    low_performance : float
        Performance at or below this is low (default 4).

    Returns
    -------
    DataFrame
        The columns of ``tna`` (same rows, fresh index) and:

        ``need`` (float)
            importance − performance, −6..6; NaN when a rating is missing;
        ``quadrant`` (categorical, :data:`QUADRANTS`)
            ``priority`` (importance ≥ high_importance and performance ≤
            low_performance), ``develop`` (importance below,
            performance ≤), ``maintain`` (importance ≥, performance above),
            ``low_priority`` (neither); NaN when a rating is missing.

    Raises
    ------
    ParameterError
        A threshold outside 1..7.
    DataValidationError
        A rating outside 1..7.

    Examples
    --------
    The boundaries are inclusive: importance 5 is high, performance 4 is low.

    >>> import pandas as pd
    >>> tna = pd.DataFrame({"importance": [5, 4, 5, 7], "performance": [4, 4, 5, None]})
    >>> item_needs(tna)
       importance  performance  need  quadrant
    0           5          4.0   1.0  priority
    1           4          4.0   0.0   develop
    2           5          5.0   0.0  maintain
    3           7          NaN   NaN       NaN
    """
    func = "item_needs"
    require_columns(tna, {"importance": importance, "performance": performance}, func)
    hi = _check_threshold(high_importance, "high_importance", func)
    lo = _check_threshold(low_performance, "low_performance", func)
    _, _, need, codes = _needs_arrays(tna, importance, performance, hi, lo)
    out = tna.reset_index(drop=True)  # a new frame: the caller's is never changed
    out["need"] = need
    out["quadrant"] = pd.Categorical.from_codes(codes, categories=QUADRANTS)
    return out


def rank_items(
    tna: pd.DataFrame,
    by: str | Sequence[str] | None = ("region_id",),
    employees: pd.DataFrame | None = None,
    *,
    employee: str = "employee_id",
    item: str = "item_id",
    importance: str = "importance",
    performance: str = "performance",
    high_importance: float = DEFAULT_HIGH_IMPORTANCE,
    low_performance: float = DEFAULT_LOW_PERFORMANCE,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Items ranked by mean training need, per group, with a confidence interval.

    Only responses with both ratings count. The interval of the mean need is
    Student's t: mean ± t(``confidence``, n − 1) · sd / √n, with the sample
    standard deviation (n − 1 in the denominator) and the exact t quantile
    (see :func:`t_critical`); no interval when n < 2.

    Parameters
    ----------
    tna : DataFrame
        One row per respondent × item (table ``tna_survey``).
    by : str or sequence of str, optional
        Group columns (default ``region_id``); ``None`` or ``()`` for one
        ranking over everybody. A ``by`` column that ``tna`` lacks is taken
        from ``employees`` through ``employee``; responses from people not in
        ``employees`` then fall into a group with a missing value (groups
        with missing values are kept, never dropped).
    employees : DataFrame, optional
        One row per employee; needed only when ``tna`` lacks a ``by`` column.
    employee, item, importance, performance : str
        Columns of ``tna`` (``employee`` also of ``employees``).
    high_importance, low_performance : float
        Quadrant boundaries, as for :func:`item_needs`.
    confidence : float
        Level of the interval (default 0.95).

    Returns
    -------
    DataFrame
        One row per group × item with a response, sorted by group then
        ``rank``:

        the ``by`` columns and ``item_id`` (the ``item`` column);
        ``n`` (int)
            responses with both ratings (each counts once; group size for
            small-cell suppression);
        ``mean_importance``, ``mean_performance``, ``mean_need`` (float);
        ``sd_need`` (float)
            sample standard deviation of the need (NaN when n < 2);
        ``ci_low``, ``ci_high`` (float)
            the interval of ``mean_need`` (NaN when n < 2);
        ``share_priority`` (float)
            share of the responses in the ``priority`` quadrant (0..1);
        ``rank`` (int)
            1 = the largest mean need in the group; means equal to 9
            decimals share the best rank.

    Raises
    ------
    MissingColumnError
        A named column is absent (also when ``tna`` lacks a ``by`` column
        and ``employees`` was not given).
    ParameterError
        A threshold outside 1..7 or ``confidence`` outside (0, 1).
    DataValidationError
        A rating outside 1..7, or ``employees`` listing an employee twice.

    Examples
    --------
    >>> import pandas as pd
    >>> tna = pd.DataFrame({"employee_id": ["a", "b", "c", "a", "b", "c"],
    ...                     "item_id": ["sop"] * 3 + ["arsip"] * 3,
    ...                     "importance": [7, 6, 5, 4, 3, 6], "performance": [3, 4, 4, 4, 5, 3]})
    >>> staff = pd.DataFrame({"employee_id": ["a", "b", "c"], "region_id": ["ambon"] * 3})
    >>> ranked = rank_items(tna, employees=staff)
    >>> ranked[["region_id", "item_id", "n", "mean_need", "share_priority", "rank"]]
      region_id item_id  n  mean_need  share_priority  rank
    0     ambon     sop  3   2.333333        1.000000     1
    1     ambon   arsip  3   0.333333        0.333333     2
    >>> ranked[["sd_need", "ci_low", "ci_high"]].round(3)
       sd_need  ci_low  ci_high
    0    1.528  -1.461    6.128
    1    2.517  -5.918    6.585
    """
    func = "rank_items"
    by_cols = _by_list(by)
    require_columns(tna, {"item": item, "importance": importance, "performance": performance}, func)
    hi = _check_threshold(high_importance, "high_importance", func)
    lo = _check_threshold(low_performance, "low_performance", func)
    conf = _check_confidence(confidence, func)

    missing = [c for c in by_cols if c not in tna.columns]
    frame = tna[[c for c in by_cols if c in tna.columns]].reset_index(drop=True)
    if missing:
        if employees is None:
            raise MissingColumnError(
                f"{func} needs the column(s) {', '.join(map(repr, missing))} (set with by=) in "
                f"tna, or employees= to take them from; the frame has "
                f"{list(map(str, tna.columns))}."
            )
        require_columns(tna, {"employee": employee}, func)
        require_columns(employees, [employee, *missing], func)
        staff = employees[employees[employee].notna()]
        if not staff[employee].is_unique:
            dups = pd.unique(staff.loc[staff[employee].duplicated(), employee])
            raise DataValidationError(
                [
                    Problem(
                        "employees",
                        "employee listed more than once",
                        column=employee,
                        value=d,
                        allowed="one row per employee",
                    )
                    for d in dups
                ]
            )
        pos = pd.Index(staff[employee]).get_indexer(tna[employee])
        found = pd.Series(pos >= 0)
        for c in missing:
            if len(staff):
                values = staff[c].iloc[np.maximum(pos, 0)].reset_index(drop=True)
                frame[c] = values.where(found)
            else:
                frame[c] = pd.Series(pd.NA, index=frame.index, dtype=staff[c].dtype)
    frame = frame[by_cols]
    frame[item] = tna[item].reset_index(drop=True)

    imp, perf, need, codes = _needs_arrays(tna, importance, performance, hi, lo)
    complete = codes >= 0
    frame["_imp"], frame["_perf"], frame["_need"] = imp, perf, need
    frame["_priority"] = (codes == 0).astype("float64")
    frame = frame[complete]

    keys = [*by_cols, item]
    grouped = frame.groupby(keys, dropna=False, observed=True, sort=True)
    stats = grouped[["_imp", "_perf", "_need", "_priority"]].mean()
    out = stats.index.to_frame(index=False)
    n = grouped.size().to_numpy().astype(np.int64)
    sd = grouped["_need"].std(ddof=1).to_numpy()
    mean_need = stats["_need"].to_numpy()
    half = t_critical(n - 1, conf) * sd / np.sqrt(np.maximum(n, 1))
    out["n"] = n
    out["mean_importance"] = stats["_imp"].to_numpy()
    out["mean_performance"] = stats["_perf"].to_numpy()
    out["mean_need"] = mean_need
    out["sd_need"] = sd
    out["ci_low"] = mean_need - half
    out["ci_high"] = mean_need + half
    out["share_priority"] = stats["_priority"].to_numpy()
    # Means equal in exact arithmetic can differ in the last bit: rank on 9 decimals.
    rounded = out[by_cols].assign(_key=np.round(mean_need, 9))
    if by_cols:
        grouped_means = rounded.groupby(by_cols, dropna=False, observed=True, sort=False)
        ranks = grouped_means["_key"].rank(method="min", ascending=False)
    else:
        ranks = rounded["_key"].rank(method="min", ascending=False)
    out["rank"] = ranks.astype("int64")
    order = [*by_cols, "rank", item]
    return out.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)
