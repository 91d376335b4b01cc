"""Reliability of the feedback scales: Cronbach's α, its confidence interval, item analysis.

A dimension of the participant questionnaire (materi, metode, pengajar, ...)
is a short scale of items that should measure the same thing. For each scale:

- **Cronbach's α** (Cronbach 1951, Psychometrika 16:297),
  α = k / (k − 1) × (1 − Σ var_i / var_total), item and total variances with
  ddof = 1. With k = 2 items it is the Flanagan–Rulon split-half coefficient
  4 cov₁₂ / var_total (equal to the Spearman–Brown 2r / (1 + r) when the two
  items have equal variances), so the two-item dimensions of the standard
  questionnaire are covered.
- **Feldt's confidence interval** (Feldt 1965, Psychometrika 30:357; Feldt,
  Woodruff & Salih 1987, Appl. Psychol. Meas. 11:93): (1 − α) / (1 − α̂)
  follows an F distribution with n − 1 and (n − 1)(k − 1) degrees of
  freedom, so with γ = 1 − confidence

      lower = 1 − (1 − α̂) F_{1−γ/2}(n − 1, (n − 1)(k − 1))
      upper = 1 − (1 − α̂) F_{γ/2}(n − 1, (n − 1)(k − 1))

  (as R's ``psych::alpha.ci``). The interval is exact for parallel items with
  normal errors and a good approximation for Likert items.
- **Item analysis**: each item's mean and SD, its item-rest correlation (the
  Pearson correlation with the sum of the *other* items: the item-total
  correlation without the item's own variance inflating it) and α if the
  item is dropped. A negative item-rest correlation is flagged: most often a
  reversed item (e.g. "Materi terlalu sulit dipahami") entered unreversed.

Rules
-----
- Respondents with a missing answer to any item of the scale are dropped
  (listwise deletion, as SPSS's RELIABILITY does by default); they are
  counted in ``n_dropped``. Values that are not numbers (for example Likert
  words not yet parsed) are an error, not a silent gap.
- Fewer than 2 items: α is not defined; :func:`cronbach_alpha` and
  :func:`item_analysis` raise :class:`~kompetensi_toolkit.exceptions.ParameterError`
  (it is a question of which columns were passed), while :func:`reliability`
  reports the dimension with α NaN and the warning ``too_few_items``.
- Fewer than 3 complete respondents, or a total score without variance: α and
  its interval are NaN (a result, not an error: small groups happen in data).
- α below 0 is reported as computed (it means the items disagree), never
  clipped.

:func:`reliability` flips reversed items itself (``scale_max + 1 − answer``,
from ``feedback_items``) unless told the answers are already flipped.

Examples
--------
>>> import pandas as pd
>>> items = pd.DataFrame({"q1": [2, 3, 4, 5], "q2": [1, 3, 3, 5], "q3": [2, 2, 4, 4]})
>>> a = cronbach_alpha(items)
>>> round(a.alpha, 4), a.n, a.k, a.n_dropped
(0.9333, 4, 3, 0)
>>> round(a.ci_low, 3), round(a.ci_high, 3)
(0.56, 0.995)
>>> item_analysis(items).round(3)
  item_id  n  mean     sd  item_rest_r  alpha_if_dropped  flag
0      q1  4   3.5  1.291        1.000             0.800  None
1      q2  4   3.0  1.633        0.857             0.941  None
2      q3  4   3.0  1.155        0.800             0.960  None
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from kompetensi_toolkit import checks
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.frames import require_columns

__all__ = [
    "DEFAULT_THRESHOLD",
    "DIMENSION_COLUMNS",
    "ITEM_COLUMNS",
    "Alpha",
    "Reliability",
    "cronbach_alpha",
    "item_analysis",
    "reliability",
]

#: α below this is flagged ``low_alpha`` (Nunnally's customary 0.7; a default, not a rule).
DEFAULT_THRESHOLD = 0.7
#: Fewest complete respondents for which α is reported.
MIN_RESPONDENTS = 3
#: Columns of :func:`item_analysis`, in order.
ITEM_COLUMNS: tuple[str, ...] = (
    "item_id",
    "n",
    "mean",
    "sd",
    "item_rest_r",
    "alpha_if_dropped",
    "flag",
)
#: Columns of ``Reliability.dimensions`` after the grouping column, in order.
DIMENSION_COLUMNS: tuple[str, ...] = (
    "k",
    "n",
    "n_dropped",
    "alpha",
    "ci_low",
    "ci_high",
    "warning",
)
#: Columns of a long frame that :func:`reliability` pivots to one column per item.
LONG_COLUMNS: tuple[str, str, str] = ("response_id", "item_id", "value")
#: A total variance below this share of the summed item variances counts as zero.
_ZERO_VAR = 1e-12


@dataclass(frozen=True)
class Alpha:
    """Cronbach's α of one scale with its Feldt confidence interval.

    ``n`` is the number of complete respondents used, ``k`` the number of
    items, ``n_dropped`` the respondents left out for a missing answer.
    """

    alpha: float
    ci_low: float
    ci_high: float
    n: int
    k: int
    n_dropped: int


@dataclass(frozen=True)
class Reliability:
    """What :func:`reliability` returns.

    ``dimensions``: one row per dimension (the ``by`` column, then
    :data:`DIMENSION_COLUMNS`). ``items``: one row per item (the ``by``
    column, then :data:`ITEM_COLUMNS`).
    """

    dimensions: pd.DataFrame
    items: pd.DataFrame


# ---------------------------------------------------------------------------
# The statistics (on a complete float matrix, respondents × items).
# ---------------------------------------------------------------------------
def _alpha_from_cov(trace: np.ndarray, total: np.ndarray, k: np.ndarray | int) -> np.ndarray:
    """α = k/(k−1)(1 − Σvar_i/var_total), NaN where k < 2 or var_total is (numerically) 0."""
    trace, total, k = np.broadcast_arrays(
        np.asarray(trace, "float64"), np.asarray(total, "float64"), np.asarray(k, "float64")
    )
    ok = (k >= 2) & (total > 0) & (total > _ZERO_VAR * trace)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = k / (k - 1) * (1.0 - trace / total)
    return np.where(ok, out, np.nan)


def _feldt(alpha: float, n: int, k: int, confidence: float) -> tuple[float, float]:
    """Feldt's F-based interval of α (NaN when α is)."""
    if not np.isfinite(alpha):
        return np.nan, np.nan
    gamma = 1.0 - confidence
    df1, df2 = n - 1, (n - 1) * (k - 1)
    f_high, f_low = stats.f.ppf([1.0 - gamma / 2, gamma / 2], df1, df2)
    return float(1.0 - (1.0 - alpha) * f_high), float(1.0 - (1.0 - alpha) * f_low)


def _cov(x: np.ndarray) -> np.ndarray:
    """Covariance matrix of the columns (ddof 1); NaN-filled when n < 2."""
    k = x.shape[1]
    if x.shape[0] < 2:
        return np.full((k, k), np.nan)
    centred = x - x.mean(axis=0)
    return centred.T @ centred / (x.shape[0] - 1)


def _item_stats(x: np.ndarray) -> dict[str, np.ndarray]:
    """Per item: mean, sd, item-rest r and α if dropped (x complete, k ≥ 2)."""
    n, k = x.shape
    cov = _cov(x)
    variances = np.diag(cov)
    row_sums = cov.sum(axis=1)
    total_var = cov.sum()
    # var(rest_j) = var_total − 2 cov(x_j, total) + var_j; cov(x_j, rest_j) = rowsum_j − var_j.
    rest_var = total_var - 2.0 * row_sums + variances
    rest_cov = row_sums - variances
    with np.errstate(divide="ignore", invalid="ignore"):
        r = rest_cov / np.sqrt(variances * rest_var)
    scale = np.maximum(variances.max() if k else 0.0, 0.0)
    defined = (variances > _ZERO_VAR * scale) & (rest_var > _ZERO_VAR * total_var)
    r = np.where(defined & (n >= 2), np.clip(r, -1.0, 1.0), np.nan)
    if_dropped = _alpha_from_cov(np.trace(cov) - variances, rest_var, k - 1)
    if n < MIN_RESPONDENTS:
        if_dropped = np.full(k, np.nan)
    return {
        "mean": x.mean(axis=0) if n else np.full(k, np.nan),
        "sd": np.sqrt(variances),
        "item_rest_r": r,
        "alpha_if_dropped": if_dropped,
    }


# ---------------------------------------------------------------------------
# Input handling.
# ---------------------------------------------------------------------------
def _numbers(series: pd.Series, name: str, parameter: str, func: str) -> np.ndarray:
    """A column as float64 (missing as NaN); anything else that is not a number is an error."""
    values = checks.floats(series)
    bad = np.isnan(values) & series.notna().to_numpy(bool)
    if bad.any():
        seen = series[bad].iloc[0]
        raise ParameterError(
            f"The {parameter!r} parameter of {func} must hold numbers (missing allowed); "
            f"column {name!r} has {int(bad.sum())} value(s) that are not, e.g. {seen!r}. "
            "Parse Likert words to numbers first (load_dataset does)."
        )
    return values


def _matrix(items: object, func: str) -> tuple[np.ndarray, list[str], int]:
    """(complete rows as float matrix, item names, rows dropped for a missing answer)."""
    if not isinstance(items, pd.DataFrame):
        raise ParameterError(
            f"The 'items' parameter of {func} must be a DataFrame with one column per item "
            f"and one row per respondent. Got {type(items).__name__} instead."
        )
    names = [str(c) for c in items.columns]
    if len(names) < 2:
        raise ParameterError(
            f"The 'items' parameter of {func} must have at least 2 item columns "
            f"(α is not defined for one item). Got {len(names)}: {names}."
        )
    if len(set(names)) < len(names):
        raise ParameterError(f"The 'items' parameter of {func} has repeated column names: {names}.")
    columns = [
        _numbers(items[column], name, "items", func)
        for name, column in zip(names, items.columns, strict=True)
    ]
    x = np.column_stack(columns) if len(items) else np.empty((0, len(names)))
    x[~np.isfinite(x)] = np.nan
    complete = ~np.isnan(x).any(axis=1)
    return x[complete], names, int((~complete).sum())


def _alpha(x: np.ndarray, n_dropped: int, confidence: float) -> Alpha:
    n, k = x.shape
    if n < MIN_RESPONDENTS:
        value = np.nan
    else:
        cov = _cov(x)
        value = float(_alpha_from_cov(np.trace(cov), cov.sum(), k))
    low, high = _feldt(value, n, k, confidence)
    return Alpha(float(value), low, high, int(n), int(k), int(n_dropped))


def _item_frame(x: np.ndarray, names: list[str]) -> pd.DataFrame:
    values = _item_stats(x)
    flag = np.where(values["item_rest_r"] < 0, "negative", None)
    return pd.DataFrame(
        {
            "item_id": names,
            "n": np.full(len(names), x.shape[0], dtype="int64"),
            **values,
            "flag": pd.Series(flag, dtype=object),
        },
        columns=list(ITEM_COLUMNS),
    )


def _check_confidence(confidence: object, func: str) -> float:
    value = checks.number(confidence, "confidence", func, strict=True, high=1.0)
    if value < 1.0:
        return value
    raise ParameterError(
        f"The 'confidence' parameter of {func} must be a finite number greater than 0 "
        f"and less than 1. Got {confidence!r} instead."
    )


# ---------------------------------------------------------------------------
# Public functions.
# ---------------------------------------------------------------------------
def cronbach_alpha(items: pd.DataFrame, *, confidence: float = 0.95) -> Alpha:
    """Cronbach's α of a scale with Feldt's confidence interval.

    Parameters
    ----------
    items : DataFrame
        One column per item, one row per respondent, answers as numbers
        (reversed items already flipped). Rows with a missing answer are
        dropped and counted (``n_dropped``).
    confidence : float, default 0.95
        Level of the interval, between 0 and 1.

    Returns
    -------
    Alpha
        ``alpha``, ``ci_low``, ``ci_high``, ``n`` (complete respondents),
        ``k`` (items), ``n_dropped``. α and the interval are NaN with fewer
        than 3 complete respondents or when the total score does not vary.

    Raises
    ------
    ParameterError
        ``items`` is not a DataFrame, has fewer than 2 columns or values that
        are not numbers; ``confidence`` not in (0, 1).

    Notes
    -----
    α = k/(k − 1)·(1 − Σ var_i / var_total) with ddof = 1 (Cronbach 1951).
    The interval is Feldt's (Feldt 1965; Feldt, Woodruff & Salih 1987, Appl.
    Psychol. Meas. 11:93–103), with γ = 1 − confidence,
    lower = 1 − (1 − α)·F_{1−γ/2}(n − 1, (n − 1)(k − 1)) and
    upper = 1 − (1 − α)·F_{γ/2}(n − 1, (n − 1)(k − 1)), as R's
    ``psych::alpha.ci``.

    Examples
    --------
    >>> import pandas as pd
    >>> items = pd.DataFrame({"a": [4, 5, 3, 4, None], "b": [4, 4, 2, 5, 3]})
    >>> a = cronbach_alpha(items)
    >>> round(a.alpha, 3), a.n, a.k, a.n_dropped
    (0.744, 4, 2, 1)
    """
    func = "cronbach_alpha"
    confidence = _check_confidence(confidence, func)
    x, _, n_dropped = _matrix(items, func)
    return _alpha(x, n_dropped, confidence)


def item_analysis(items: pd.DataFrame) -> pd.DataFrame:
    """Per item: mean, SD, item-rest correlation and α if the item is dropped.

    Parameters
    ----------
    items : DataFrame
        As for :func:`cronbach_alpha`: one column per item, one row per
        respondent; rows with a missing answer are dropped, so every item is
        described on the same respondents as α.

    Returns
    -------
    DataFrame
        One row per item, in column order: ``item_id``, ``n`` (complete
        respondents), ``mean``, ``sd`` (ddof 1), ``item_rest_r`` (Pearson
        correlation of the item with the sum of the other items; NaN when
        either does not vary), ``alpha_if_dropped`` (α of the other items;
        NaN with 2 items, since one item has no α, and with fewer than 3
        respondents), ``flag`` (``"negative"`` when ``item_rest_r`` < 0, often
        a reversed item entered unreversed; None otherwise).

    Raises
    ------
    ParameterError
        As :func:`cronbach_alpha`.

    Examples
    --------
    >>> import pandas as pd
    >>> items = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 4, 4], "c": [4, 3, 2, 2]})
    >>> item_analysis(items)[["item_id", "item_rest_r", "flag"]].round(3)
      item_id  item_rest_r      flag
    0       a        0.258      None
    1       b        0.577      None
    2       c       -0.951  negative
    """
    x, names, _ = _matrix(items, "item_analysis")
    return _item_frame(x, names)


def _wide(frame: pd.DataFrame, func: str) -> pd.DataFrame:
    """The frame with one column per item (a long frame is pivoted)."""
    if not all(c in frame.columns for c in LONG_COLUMNS):
        return frame
    rid, iid, value = LONG_COLUMNS
    keys = frame[[rid, iid]].astype(str)
    duplicated = keys.duplicated()
    if duplicated.any():
        first = tuple(keys[duplicated].iloc[0])
        raise ParameterError(
            f"The 'long_or_wide' parameter of {func} is a long frame with "
            f"{int(duplicated.sum())} repeated (response_id, item_id) pair(s), e.g. {first}."
        )
    long = pd.DataFrame(
        {
            rid: keys[rid].to_numpy(),
            iid: keys[iid].to_numpy(),
            value: _numbers(frame[value], value, "long_or_wide", func),
        }
    )
    return long.pivot(index=rid, columns=iid, values=value)


def _flip(wide: pd.DataFrame, reference: pd.DataFrame, func: str) -> pd.DataFrame:
    """Reversed items as ``scale_max + 1 − answer`` (a new frame; scale_max defaults to 5)."""
    out = {}
    for item_id, scale_max, reversed_ in zip(
        reference["item_id"], reference["scale_max"], reference["reversed"], strict=True
    ):
        values = _numbers(wide[item_id], item_id, "long_or_wide", func)
        out[item_id] = scale_max + 1.0 - values if reversed_ else values
    return pd.DataFrame(out, index=wide.index)


def reliability(
    long_or_wide: pd.DataFrame,
    feedback_items: pd.DataFrame,
    by: str = "dimension",
    *,
    threshold: float = DEFAULT_THRESHOLD,
    confidence: float = 0.95,
    flip_reversed: bool = True,
) -> Reliability:
    """Cronbach's α, its interval and an item analysis per dimension of the questionnaire.

    Parameters
    ----------
    long_or_wide : DataFrame
        The ``feedback`` table (wide: one column per ``item_id``, answers as
        numbers, as :func:`~kompetensi_toolkit.loaders.load_dataset` gives
        it; other columns are ignored), or a long frame with the columns
        ``response_id``, ``item_id``, ``value`` (one row per answer), which
        is pivoted first.
    feedback_items : DataFrame
        The ``feedback_items`` reference: ``item_id``, the ``by`` column, and
        ``reversed`` and ``scale_max`` (defaults false and 5 when absent).
        Items of the reference without a column in the answers are left out.
    by : str, default "dimension"
        Column of ``feedback_items`` that groups the items into scales.
    threshold : float, default 0.7
        α below this gets the warning ``low_alpha``.
    confidence : float, default 0.95
        Level of the Feldt interval.
    flip_reversed : bool, default True
        Flip the reversed items (``reversed`` true in ``feedback_items``) to
        ``scale_max + 1 − answer`` before anything is computed, as the
        answers are recorded as given. Pass False only when they are already
        flipped.

    Returns
    -------
    Reliability
        ``dimensions``: one row per scale (in the order of the ``by``
        categories, else of first appearance): the ``by`` column, ``k``
        (items), ``n`` (complete respondents), ``n_dropped`` (respondents
        left out for a missing answer in that scale), ``alpha``, ``ci_low``,
        ``ci_high``, ``warning`` (codes joined by ``";"``, None when all is
        well: ``too_few_items`` fewer than 2 items; ``too_few_respondents``
        fewer than 3 complete; ``no_variance`` the total score does not vary;
        ``low_alpha`` α < ``threshold``; ``negative_item`` an item-rest
        correlation below 0).
        ``items``: the ``by`` column then :func:`item_analysis`'s columns,
        one row per item of the scales with at least 2 items.

    Raises
    ------
    MissingColumnError
        ``feedback_items`` lacks ``item_id`` or ``by``, or no column of the
        answers is an item.
    ParameterError
        Bad ``threshold``, ``confidence`` or ``flip_reversed``; answers that
        are not numbers; a long frame with repeated answers.

    Examples
    --------
    >>> import pandas as pd
    >>> ref = pd.DataFrame({"item_id": ["m1", "m2", "p1", "p2"],
    ...                     "dimension": ["materi", "materi", "pengajar", "pengajar"],
    ...                     "scale_max": [5, 5, 5, 5], "reversed": [False, True, False, False]})
    >>> answers = pd.DataFrame({"m1": [5, 4, 2, 3, 4], "m2": [1, 2, 4, 3, 1],
    ...                         "p1": [4, 4, 5, 3, 2], "p2": [4, 5, 4, 3, 2]})
    >>> out = reliability(answers, ref)
    >>> out.dimensions[["dimension", "k", "n", "alpha", "warning"]].round(3)
      dimension  k  n  alpha warning
    0    materi  2  5  0.966    None
    1  pengajar  2  5  0.894    None
    """
    func = "reliability"
    threshold = checks.number(threshold, "threshold", func, low=-np.inf, high=1.0)
    confidence = _check_confidence(confidence, func)
    flip_reversed = checks.flag(flip_reversed, "flip_reversed", func)
    if not isinstance(by, str):
        raise ParameterError(
            f"The 'by' parameter of {func} must be the name of a column of feedback_items. "
            f"Got {by!r} instead."
        )
    if not isinstance(long_or_wide, pd.DataFrame) or not isinstance(feedback_items, pd.DataFrame):
        raise ParameterError(
            f"The 'long_or_wide' and 'feedback_items' parameters of {func} must be DataFrames. "
            f"Got {type(long_or_wide).__name__} and {type(feedback_items).__name__}."
        )
    require_columns(feedback_items, {"feedback_items": "item_id", "by": by}, func)
    wide = _wide(long_or_wide, func)

    ids = feedback_items["item_id"].astype(str)
    present = ids.isin([str(c) for c in wide.columns]).to_numpy(bool)
    if not present.any():
        raise ParameterError(
            f"The 'long_or_wide' parameter of {func} has no column named after an item_id of "
            f"feedback_items ({', '.join(ids)}); columns seen: {list(map(str, wide.columns))}."
        )
    n_rows = len(feedback_items)
    reversed_ = (
        checks.flags(feedback_items["reversed"])
        if flip_reversed and "reversed" in feedback_items.columns
        else np.zeros(n_rows, bool)
    )
    scale_max = (
        checks.floats(feedback_items["scale_max"])
        if "scale_max" in feedback_items.columns
        else np.full(n_rows, 5.0)
    )
    reference = pd.DataFrame(
        {
            "item_id": ids.to_numpy(object),
            "group": feedback_items[by].to_numpy(),
            "scale_max": np.where(np.isnan(scale_max), 5.0, scale_max),
            "reversed": reversed_,
        }
    )[present]
    wide = wide.rename(columns=str)
    answers = _flip(wide, reference, func)

    group = feedback_items[by]
    if isinstance(group.dtype, pd.CategoricalDtype):
        order = [c for c in group.cat.categories if (reference["group"] == c).any()]
    else:
        order = list(pd.unique(reference["group"]))

    rows, item_frames = [], []
    for key in order:
        cols = reference.loc[reference["group"] == key, "item_id"].tolist()
        warnings_: list[str] = []
        if len(cols) < 2:
            n_complete = int(answers[cols].notna().all(axis=1).sum())
            result = Alpha(np.nan, np.nan, np.nan, n_complete, len(cols), len(answers) - n_complete)
            warnings_.append("too_few_items")
        else:
            x, names, n_dropped = _matrix(answers[cols], func)
            result = _alpha(x, n_dropped, confidence)
            items_ = _item_frame(x, names)
            items_.insert(0, by, key)
            item_frames.append(items_)
            if result.n < MIN_RESPONDENTS:
                warnings_.append("too_few_respondents")
            elif np.isnan(result.alpha):
                warnings_.append("no_variance")
            elif result.alpha < threshold:
                warnings_.append("low_alpha")
            if (items_["item_rest_r"] < 0).any():
                warnings_.append("negative_item")
        rows.append(
            {
                by: key,
                "k": result.k,
                "n": result.n,
                "n_dropped": result.n_dropped,
                "alpha": result.alpha,
                "ci_low": result.ci_low,
                "ci_high": result.ci_high,
                "warning": ";".join(warnings_) if warnings_ else None,
            }
        )
    dimensions = pd.DataFrame(rows, columns=[by, *DIMENSION_COLUMNS])
    dimensions = dimensions.astype({"k": "int64", "n": "int64", "n_dropped": "int64"})
    dimensions["warning"] = dimensions["warning"].astype(object)
    items = (
        pd.concat(item_frames, ignore_index=True)
        if item_frames
        else pd.DataFrame(columns=[by, *ITEM_COLUMNS])
    )
    return Reliability(dimensions=dimensions, items=items)
