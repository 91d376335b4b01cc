"""Profile Matching: ranking employees against a position's competency profile.

The method Indonesian HR studies use alongside JPM. Each competency gap
(level − required) is turned into a weight by a gap table
(:data:`DEFAULT_GAP_WEIGHTS`): 0 → 5 (exactly at the standard), +1 → 4.5,
−1 → 4, +2 → 3.5, −2 → 3, +3 → 2.5, −3 → 2, +4 → 1.5, −4 → 1. Being above
the standard scores better than being as far below it, and both score worse
than matching it.

Assessment-centre levels come in half steps, so gaps may be ±0.5, ±1.5, …
Such gaps take the value on the straight line between the two neighbouring
table points: +0.5 → 4.75 (between 0 → 5 and +1 → 4.5), −0.5 → 4.5 (between
−1 → 4 and 0 → 5), −1.5 → 3.5. Gaps beyond the table's ends (±4) take the end
values (1.5 above, 1 below).

The competencies are split into core factors (default: the manajerial ones)
and secondary factors (the rest). NCF and NSF are the means of the weights of
each person's assessed core and secondary factors, and

    total = core_weight × NCF + (1 − core_weight) × NSF

(``core_weight`` 0.6 by default, the 60:40 split common in Indonesian
studies; not fixed by a regulation). Competencies not assessed (gap NaN) are
left out, never imputed. A person with no secondary factor assessed gets
total = NCF; a person with no core factor assessed gets no total and no rank.

Examples
--------
>>> import pandas as pd
>>> gaps = pd.DataFrame({
...     "employee_id": ["a", "a", "a", "b", "b", "b"],
...     "competency_id": ["M.01", "M.02", "SK.01"] * 2,
...     "category": ["manajerial", "manajerial", "sosial_kultural"] * 2,
...     "gap": [0.0, -1.0, 1.0, 0.5, 0.0, -2.0],
... })
>>> profile_matching(gaps)
  employee_id    ncf  nsf  total  rank  n_core  n_secondary
0           a  4.500  4.5  4.500     1       2            1
1           b  4.875  3.0  4.125     2       2            1
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

import numpy as np
import pandas as pd

from kompetensi_toolkit.exceptions import DataValidationError, ParameterError, Problem
from kompetensi_toolkit.frames import require_columns

__all__ = [
    "CORE_CATEGORY",
    "DEFAULT_CORE_WEIGHT",
    "DEFAULT_GAP_WEIGHTS",
    "gap_weight",
    "profile_matching",
]

#: Gap (level − required) → weight, the table of Indonesian Profile Matching
#: practice. Not fixed by a regulation: a default, overridable per call.
DEFAULT_GAP_WEIGHTS: Mapping[float, float] = MappingProxyType(
    {0: 5.0, 1: 4.5, -1: 4.0, 2: 3.5, -2: 3.0, 3: 2.5, -3: 2.0, 4: 1.5, -4: 1.0}
)
#: Share of the core factor in the total (the rest goes to the secondary factor).
DEFAULT_CORE_WEIGHT = 0.6
#: The category whose competencies are the core factors by default.
CORE_CATEGORY = "manajerial"


def _check_table(table: object, name: str, func: str) -> tuple[np.ndarray, np.ndarray]:
    """The table's points sorted by gap, or ParameterError."""
    try:
        ok = isinstance(table, Mapping) and len(table) >= 2
        if ok:
            pairs = sorted((float(k), float(v)) for k, v in table.items())  # type: ignore[union-attr]
            xs = np.array([k for k, _ in pairs])
            ys = np.array([v for _, v in pairs])
            ok = bool(np.isfinite(xs).all() and np.isfinite(ys).all() and (np.diff(xs) > 0).all())
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ParameterError(
            f"The {name!r} parameter of {func} must map at least two distinct gaps to "
            f"weights (finite numbers), e.g. {{0: 5, 1: 4.5, -1: 4}}. Got {table!r} instead."
        )
    return xs, ys


def _check_core_weight(value: object, func: str) -> float:
    ok = (
        isinstance(value, (int, float, np.integer, np.floating))
        and not isinstance(value, bool)
        and 0 <= float(value) <= 1
    )
    if not ok:
        raise ParameterError(
            f"The 'core_weight' parameter of {func} must be a number in 0..1. "
            f"Got {value!r} instead."
        )
    return float(value)


def _weights(gaps: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    # np.interp: linear between table points, the end values beyond them, NaN stays NaN.
    return np.interp(gaps, xs, ys)


def gap_weight(gaps: object, gap_weights: Mapping[float, float] = DEFAULT_GAP_WEIGHTS) -> pd.Series:
    """The Profile Matching weight of each gap.

    Parameters
    ----------
    gaps : Series or array-like
        Level − required level; NaN for "not assessed".
    gap_weights : mapping
        Gap → weight (default :data:`DEFAULT_GAP_WEIGHTS`). Gaps between two
        table points are interpolated linearly; gaps beyond the ends take the
        end values.

    Returns
    -------
    Series
        ``weight`` (float), NaN where the gap is NaN; the index of ``gaps``
        when it is a Series.

    Examples
    --------
    >>> gap_weight([0, 1, -1, 0.5, -0.5, -1.5, 4, 5, -6, None]).tolist()
    [5.0, 4.5, 4.0, 4.75, 4.5, 3.5, 1.5, 1.5, 1.0, nan]
    """
    xs, ys = _check_table(gap_weights, "gap_weights", "gap_weight")
    values = gaps if isinstance(gaps, pd.Series) else pd.Series(gaps, dtype="float64")
    x = pd.to_numeric(values).to_numpy(dtype="float64", na_value=np.nan)
    return pd.Series(_weights(x, xs, ys), index=values.index, name="weight")


def profile_matching(
    gaps: pd.DataFrame,
    *,
    core: str | Sequence[str] | None = None,
    core_weight: float = DEFAULT_CORE_WEIGHT,
    gap_weights: Mapping[float, float] = DEFAULT_GAP_WEIGHTS,
    employee: str = "employee_id",
    competency: str = "competency_id",
    gap: str = "gap",
    category: str = "category",
) -> pd.DataFrame:
    """Profile Matching scores and rank of every employee.

    Parameters
    ----------
    gaps : DataFrame
        One row per employee × competency, with a numeric gap = level −
        required level (NaN when not assessed), e.g. the output of
        :func:`kompetensi_toolkit.gaps.competency_gaps`.
    core : str or sequence of str, optional
        Competency ids of the core factors. Default: the competencies whose
        ``category`` is ``manajerial``. Every other competency is a
        secondary factor.
    core_weight : float
        Share of NCF in the total, 0..1 (default 0.6).
    gap_weights : mapping
        Gap → weight (default :data:`DEFAULT_GAP_WEIGHTS`; see
        :func:`gap_weight`).
    employee, competency, gap, category : str
        Columns of ``gaps``; ``category`` is needed only when ``core`` is not
        given.

    Returns
    -------
    DataFrame
        One row per employee, in order of first appearance in ``gaps``:

        ``employee_id`` (the ``employee`` column, under its own name);
        ``ncf``, ``nsf`` (float)
            mean weight of the assessed core / secondary factors (NaN when
            none is assessed);
        ``total`` (float)
            ``core_weight × ncf + (1 − core_weight) × nsf``; ``ncf`` when no
            secondary factor is assessed; NaN when no core factor is;
        ``rank`` (Int64)
            1 = the highest total in ``gaps`` (totals equal to 9 decimals
            share the best rank),
            ``<NA>`` without a total. To rank candidates for one position,
            pass only their rows;
        ``n_core``, ``n_secondary`` (int)
            factors assessed in each group.

    Raises
    ------
    MissingColumnError
        A named column is absent.
    ParameterError
        ``core_weight`` outside 0..1, a bad ``gap_weights`` table, or a
        ``core`` naming no competency of ``gaps``.
    DataValidationError
        An employee × competency listed twice, a non-numeric gap, or (with
        ``core`` not given) an assessed row with no category.

    Examples
    --------
    >>> import pandas as pd
    >>> gaps = pd.DataFrame({
    ...     "employee_id": ["a", "a", "a", "b", "b", "b", "c"],
    ...     "competency_id": ["M.01", "M.02", "SK.01", "M.01", "M.02", "SK.01", "M.01"],
    ...     "gap": [0.0, -1.0, 1.0, 0.5, 0.0, -2.0, -0.5],
    ... })
    >>> profile_matching(gaps, core=["M.01", "M.02"], core_weight=0.6)
      employee_id    ncf  nsf  total  rank  n_core  n_secondary
    0           a  4.500  4.5  4.500     1       2            1
    1           b  4.875  3.0  4.125     3       2            1
    2           c  4.500  NaN  4.500     1       1            0
    """
    func = "profile_matching"
    require_columns(gaps, {"employee": employee, "competency": competency, "gap": gap}, func)
    weight_core = _check_core_weight(core_weight, func)
    xs, ys = _check_table(gap_weights, "gap_weights", func)

    try:
        g = pd.to_numeric(gaps[gap]).to_numpy(dtype="float64", na_value=np.nan)
    except (TypeError, ValueError):
        raise DataValidationError(
            [
                Problem(
                    "gaps",
                    "gap is not a number",
                    column=gap,
                    allowed="a number (level − required level), empty when not assessed",
                )
            ]
        ) from None
    assessed = ~np.isnan(g)

    if core is None:
        require_columns(gaps, {"category": category}, func)
        cats = gaps[category]
        no_category = assessed & cats.isna().to_numpy()
        if no_category.any():
            comps = pd.unique(gaps.loc[no_category, competency])
            raise DataValidationError(
                [
                    Problem(
                        "gaps",
                        "assessed competency without a category",
                        column=category,
                        value=c,
                        allowed="manajerial, sosial_kultural, teknis",
                        hint="or name the core competencies with core=",
                    )
                    for c in comps
                ]
            )
        is_core = (cats == CORE_CATEGORY).fillna(False).to_numpy(dtype=bool)
    else:
        core_ids = [core] if isinstance(core, str) else list(core)
        is_core = gaps[competency].isin(core_ids).to_numpy(dtype=bool)
        if len(gaps) and not is_core.any():
            raise ParameterError(
                f"The 'core' parameter of {func} must name competencies present in the "
                f"{competency!r} column. Got {core!r} instead."
            )

    codes, uniques = pd.factorize(gaps[employee], use_na_sentinel=True)
    n_emp = len(uniques)
    comp_codes, comp_uniques = pd.factorize(gaps[competency], use_na_sentinel=True)
    pair = codes.astype(np.int64) * (len(comp_uniques) + 1) + comp_codes
    dup = pd.Series(pair).duplicated().to_numpy() & (codes >= 0)
    if dup.any():
        rows = gaps.loc[dup, [employee, competency]].drop_duplicates()
        raise DataValidationError(
            [
                Problem(
                    "gaps",
                    "employee × competency listed more than once",
                    column=competency,
                    value=str(c),
                    allowed="one row per employee and competency",
                )
                for c in rows[competency].head(20)
            ]
        )

    w = _weights(g, xs, ys)
    use = assessed & (codes >= 0)
    core_rows = use & is_core
    sec_rows = use & ~is_core
    n_core = np.bincount(codes[core_rows], minlength=n_emp).astype(np.int64)
    n_sec = np.bincount(codes[sec_rows], minlength=n_emp).astype(np.int64)
    sum_core = np.bincount(codes[core_rows], weights=w[core_rows], minlength=n_emp)
    sum_sec = np.bincount(codes[sec_rows], weights=w[sec_rows], minlength=n_emp)
    with np.errstate(invalid="ignore", divide="ignore"):
        ncf = np.where(n_core > 0, sum_core / np.maximum(n_core, 1), np.nan)
        nsf = np.where(n_sec > 0, sum_sec / np.maximum(n_sec, 1), np.nan)
    total = np.where(n_sec > 0, weight_core * ncf + (1 - weight_core) * nsf, ncf)

    out = pd.DataFrame({employee: uniques})
    out["ncf"] = ncf
    out["nsf"] = nsf
    out["total"] = total
    # Totals equal in exact arithmetic can differ in the last bit: rank on 9 decimals.
    rounded = pd.Series(np.round(total, 9))
    out["rank"] = rounded.rank(method="min", ascending=False).astype("Int64").to_numpy()
    out["n_core"] = n_core
    out["n_secondary"] = n_sec
    return out
