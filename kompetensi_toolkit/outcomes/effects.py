"""Kirkpatrick levels 2 and 3: did participants learn, and did their work change?

Each participation row with both a *before* and an *after* score is a pair
(level 2: ``pre_test``/``post_test``, 0–100; level 3: the supervisor's
``behaviour_before``/``behaviour_after`` rating, 1–5). Per programme (or any
grouping) :func:`paired_effects` reports:

- the paired t-test (:func:`scipy.stats.ttest_rel`) and the Wilcoxon
  signed-rank test (:func:`scipy.stats.wilcoxon`), both two-sided. Zero
  differences are dropped; p is exact for up to 50 pairs without ties or
  zeros, otherwise the normal approximation with the tie correction (as R's
  ``wilcox.test``);
- Cohen's d_z = mean difference / SD of the differences, and Hedges' g_av =
  J × mean difference / mean of the before and after SDs with
  J = 1 − 3 / (4(n − 1) − 1) (Lakens 2013, Front. Psychol. 4:863). d_z speaks
  to the consistency of the change within people; g_av is on the scale of the
  scores and comparable with between-group effects, so programmes are ranked
  by g_av;
- Hake's normalised gain from the group means, (post − pre) / (max − pre):
  the share of the possible improvement achieved (Hake 1998, Am. J. Phys.
  66:64);
- bootstrap confidence intervals of d_z, g_av and the gain, resampling
  pairs within a group (:func:`scipy.stats.bootstrap`, ``paired=True``). The
  method is BCa (bias-corrected and accelerated: second-order accurate,
  better than the percentile interval for skewed statistics such as d);
  where BCa cannot be computed (degenerate data) the percentile interval of
  the same resamples is used, over the resamples where the statistic is
  defined if they are at least 95 % of them. Groups of more than 5000
  pairs get the percentile interval (BCa's jackknife grows with the square
  of the pairs; at that size the two intervals agree closely). Each group
  has its own random stream derived from ``seed`` and the group's key, so a
  programme's interval does not change when other programmes are added or
  left out;
- Holm-adjusted p-values of the t-tests across the groups with enough
  pairs (as ``statsmodels.stats.multitest.multipletests``
  with ``method="holm"``), and a rank by
  g_av. Groups with fewer than ``min_pairs`` pairs are flagged
  (``enough`` False), not ranked and not adjusted.

Statistics that are undefined are NaN, never a guess: every statistic with
fewer than 2 pairs; g_av with fewer than 3 (J is 0 at n = 2); d_z when all
differences are equal; the Wilcoxon test when all differences are 0; the gain
when the mean before is already the scale maximum. An interval is NaN when its
estimate is, or when more than 5 % of the resamples are degenerate (only in
tiny or heavily tied groups). ``t`` and ``p_t`` are as scipy gives them (±inf
and 0 when every difference is the same non-zero value).

Outputs are aggregates: one row per group with its ``n_pairs`` for
small-cell suppression; no employee identifier.

Examples
--------
>>> import pandas as pd
>>> scores = pd.DataFrame({
...     "program_id": ["P1"] * 4 + ["P2"] * 4,
...     "pre_test": [50, 60, 55, 65, 60, 62, 58, 61],
...     "post_test": [70, 72, 69, 80, 61, 60, 59, 64]})
>>> out = learning_effects(scores, min_pairs=3, n_boot=200)
>>> out[["program_id", "n_pairs", "mean_diff", "d_z", "g_av", "gain", "rank"]].round(3)
  program_id  n_pairs  mean_diff    d_z   g_av   gain  rank
0         P1        4      15.25  4.481  1.938  0.359     1
1         P2        4       0.75  0.364  0.282  0.019     2
"""

from __future__ import annotations

import warnings
import zlib
from collections.abc import Sequence
from functools import partial

import numpy as np
import pandas as pd
from scipy import stats

from kompetensi_toolkit import checks, config
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.frames import require_columns

__all__ = [
    "BEHAVIOUR_SCALE",
    "DEFAULT_MIN_PAIRS",
    "EFFECT_COLUMNS",
    "TEST_SCALE",
    "behaviour_effects",
    "learning_effects",
    "paired_effects",
]

#: Pre/post test scores (level 2), data contract: 0..100.
TEST_SCALE: tuple[float, float] = (0.0, 100.0)
#: Supervisor behaviour rating (level 3), data contract: 1..5.
BEHAVIOUR_SCALE: tuple[float, float] = (1.0, 5.0)
#: Pairs a group needs to be ranked and Holm-adjusted (a default, not a rule).
DEFAULT_MIN_PAIRS = 10
#: Columns of :func:`paired_effects` after the group columns, in order.
EFFECT_COLUMNS: tuple[str, ...] = (
    "n_pairs",
    "mean_before",
    "mean_after",
    "mean_diff",
    "sd_diff",
    "t",
    "p_t",
    "w",
    "p_wilcoxon",
    "d_z",
    "d_z_low",
    "d_z_high",
    "g_av",
    "g_av_low",
    "g_av_high",
    "gain",
    "gain_low",
    "gain_high",
    "enough",
    "p_holm",
    "rank",
)
_PROGRAMME_INFO = ("name", "form", "mode")
#: Keyword arguments :func:`learning_effects` and :func:`behaviour_effects` pass on.
_OPTIONS = ("by", "scale", "min_pairs", "confidence", "n_boot", "seed")
#: Elements (pairs × resamples) handled at once by the bootstrap: bounds memory for big groups.
_BATCH_ELEMENTS = 1 << 22
#: Largest group with BCa intervals: its jackknife costs pairs² (above: percentile).
_BCA_MAX_PAIRS = 5000
#: Share of resamples with a defined statistic the percentile fallback needs.
_MIN_DEFINED = 0.95
#: A standard deviation below this share of the scale width counts as zero.
_ZERO_SD = 1e-9


# ---------------------------------------------------------------------------
# The statistics.
# ---------------------------------------------------------------------------
def _divide(num: np.ndarray, den: np.ndarray, tol: float) -> np.ndarray:
    """num / den, NaN where the denominator is (numerically) zero."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = num / den
    return np.where(np.abs(den) > tol, out, np.nan)


def _holm(p_values: np.ndarray) -> np.ndarray:
    """Holm's step-down adjusted p-values (Holm 1979), in the order given.

    The same numbers as ``statsmodels.stats.multitest.multipletests(p,
    method="holm")[1]``, without its ``gc.collect()`` call (a full garbage
    collection, tenths of a second in a kernel holding a region's data).

    >>> _holm(np.array([0.01, 0.04, 0.03, 0.5]))
    array([0.04, 0.09, 0.09, 0.5 ])
    """
    p = np.asarray(p_values, dtype="float64")
    order = np.argsort(p)
    adjusted = np.maximum.accumulate(p[order] * np.arange(len(p), 0, -1))
    adjusted[adjusted > 1] = 1
    out = np.empty_like(adjusted)
    out[order] = adjusted
    return out


def _mean_sd(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and SD (ddof 1) along the last axis in one pass (x is centred, so it is accurate)."""
    n = x.shape[-1]
    total = x.sum(axis=-1)
    mean = total / n
    var = (np.einsum("...i,...i->...", x, x) - total * mean) / (n - 1)
    return mean, np.sqrt(np.maximum(var, 0.0))


def _effect_sizes(
    before: np.ndarray,
    after: np.ndarray,
    axis: int = -1,
    *,
    centre_before: float,
    centre_after: float,
    top: float,
    tol: float,
) -> np.ndarray:
    """d_z, g_av and Hake's gain along ``axis``, stacked on a new first axis.

    ``before`` and ``after`` come centred at the group's means (added back
    here), which keeps the one-pass variances accurate. Vectorised so that
    :func:`scipy.stats.bootstrap` evaluates every resample (and every
    jackknife sample) in one call.
    """
    before, after = np.moveaxis(before, axis, -1), np.moveaxis(after, axis, -1)
    n = before.shape[-1]
    mean_before, sd_before = _mean_sd(before)
    _, sd_after = _mean_sd(after)
    mean_diff, sd_diff = _mean_sd(after - before)
    mean_diff = mean_diff + (centre_after - centre_before)
    mean_before = mean_before + centre_before
    d_z = _divide(mean_diff, sd_diff, tol)
    if n >= 3:
        correction = 1.0 - 3.0 / (4.0 * (n - 1) - 1.0)
        g_av = correction * _divide(mean_diff, (sd_before + sd_after) / 2, tol)
    else:  # J = 0 at n = 2: g_av is undefined, not zero
        g_av = np.full_like(d_z, np.nan)
    gain = _divide(mean_diff, top - mean_before, tol)
    return np.stack(np.broadcast_arrays(d_z, g_av, gain))


def _intervals(
    before: np.ndarray,
    after: np.ndarray,
    statistic,
    *,
    confidence: float,
    n_boot: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """BCa bootstrap intervals over pairs; percentile where BCa is undefined."""
    with warnings.catch_warnings():
        # Degenerate resamples (NaN statistics) are expected in tiny groups; handled below.
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", stats.DegenerateDataWarning)
        res = stats.bootstrap(
            (before, after),
            statistic,
            n_resamples=n_boot,
            batch=max(1, _BATCH_ELEMENTS // len(before)),
            vectorized=True,
            paired=True,
            confidence_level=confidence,
            method="BCa" if len(before) <= _BCA_MAX_PAIRS else "percentile",
            rng=rng,
        )
    low = np.array(res.confidence_interval.low, dtype="float64", ndmin=1)
    high = np.array(res.confidence_interval.high, dtype="float64", ndmin=1)
    for i in np.flatnonzero(~(np.isfinite(low) & np.isfinite(high))):
        # Percentile interval of the resamples where the statistic is defined,
        # provided they are nearly all of them.
        values = np.asarray(res.bootstrap_distribution[i], dtype="float64")
        values = values[np.isfinite(values)]
        if len(values) >= _MIN_DEFINED * n_boot:
            alpha = (1.0 - confidence) / 2
            low[i], high[i] = np.quantile(values, [alpha, 1.0 - alpha])
    return low, high


def _group_rng(seed: int, key: tuple) -> np.random.Generator:
    """A random stream of its own for each group: from the seed and the group's key."""
    text = "\x1f".join(str(k) for k in key)
    return np.random.default_rng([seed, zlib.crc32(text.encode("utf-8"))])


def _one_group(
    before: np.ndarray,
    after: np.ndarray,
    *,
    top: float,
    tol: float,
    confidence: float,
    n_boot: int,
    rng: np.random.Generator,
) -> dict[str, float]:
    n = len(before)
    row = dict.fromkeys(EFFECT_COLUMNS[1:18], np.nan)
    row["n_pairs"] = n
    if n == 0:
        return row
    diff = after - before
    row["mean_before"] = float(before.mean())
    row["mean_after"] = float(after.mean())
    row["mean_diff"] = float(diff.mean())
    if n < 2:
        return row
    row["sd_diff"] = float(diff.std(ddof=1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # constant differences
        test = stats.ttest_rel(after, before)
        row["t"], row["p_t"] = float(test.statistic), float(test.pvalue)
        nonzero = np.abs(diff[diff != 0])
        if len(nonzero):
            # Exact p without ties or zeros (n <= 50); otherwise the normal
            # approximation with the tie correction (scipy's permutation
            # fallback for n <= 13 is too slow to run per programme).
            tied = len(nonzero) < len(diff) or len(np.unique(nonzero)) < len(nonzero)
            signed = stats.wilcoxon(diff, method="asymptotic" if tied else "auto")
            row["w"], row["p_wilcoxon"] = float(signed.statistic), float(signed.pvalue)
    centre_before, centre_after = row["mean_before"], row["mean_after"]
    before, after = before - centre_before, after - centre_after
    statistic = partial(
        _effect_sizes, centre_before=centre_before, centre_after=centre_after, top=top, tol=tol
    )
    estimate = statistic(before, after)
    row["d_z"], row["g_av"], row["gain"] = map(float, estimate)
    if n_boot > 0 and np.isfinite(estimate).any():
        low, high = _intervals(
            before, after, statistic, confidence=confidence, n_boot=n_boot, rng=rng
        )
        for i, name in enumerate(("d_z", "g_av", "gain")):
            if np.isfinite(estimate[i]):
                row[f"{name}_low"], row[f"{name}_high"] = float(low[i]), float(high[i])
    return row


# ---------------------------------------------------------------------------
# Checks.
# ---------------------------------------------------------------------------
def _check_scale(scale: object, func: str) -> tuple[float, float]:
    try:
        low, high = (checks.number(v, "scale", func, low=-np.inf) for v in scale)  # type: ignore
        if low < high:
            return low, high
    except (TypeError, ValueError):
        pass
    raise ParameterError(
        f"The 'scale' parameter of {func} must be a pair (lowest, highest) of finite numbers "
        f"with lowest < highest. Got {scale!r} instead."
    )


def _check_confidence(confidence: object, func: str) -> float:
    value = checks.number(confidence, "confidence", func, strict=True, high=1.0)
    if value < 1.0:
        return value
    raise ParameterError(
        f"The 'confidence' parameter of {func} must be a finite number greater than 0 "
        f"and less than 1. Got {confidence!r} instead."
    )


def _check_within(values: np.ndarray, scale: tuple[float, float], what: str, func: str) -> None:
    seen = values[np.isfinite(values)]
    if len(seen) and (seen.min() < scale[0] or seen.max() > scale[1]):
        raise ParameterError(
            f"The 'scale' parameter of {func} must cover the data: {what} ranges from "
            f"{seen.min():g} to {seen.max():g}. Got {scale!r} instead."
        )


# ---------------------------------------------------------------------------
# Public functions.
# ---------------------------------------------------------------------------
def paired_effects(
    frame: pd.DataFrame,
    before: str,
    after: str,
    by: str | Sequence[str] | None = "program_id",
    *,
    scale: tuple[float, float] = TEST_SCALE,
    min_pairs: int = DEFAULT_MIN_PAIRS,
    confidence: float = 0.95,
    n_boot: int = 2000,
    seed: int = config.DEFAULT_SEED,
) -> pd.DataFrame:
    """Before/after change per group: tests, effect sizes with intervals, gain, rank.

    Rows with both ``before`` and ``after`` present (not NaN/NA) form the
    pairs. Every group seen in ``frame`` gets a row, including those with
    fewer than 2 pairs (statistics NaN); rows whose group key is missing
    are left out. See the module docstring for the methods.

    Parameters
    ----------
    frame : DataFrame
        The ``before``, ``after`` and ``by`` columns; numbers as float, int
        or pandas nullable dtypes.
    before, after : str
        Column names of the scores before and after.
    by : str, sequence of str or None, default "program_id"
        Group columns (None: one row for all pairs).
    scale : (float, float), default (0, 100)
        Lowest and highest possible score; the highest is the ceiling of
        Hake's gain. Every score must lie within it.
    min_pairs : int, default 10
        Groups with fewer pairs are flagged (``enough`` False), not ranked
        and not Holm-adjusted. At least 2.
    confidence : float, default 0.95
        Level of the bootstrap intervals, strictly between 0 and 1.
    n_boot : int, default 2000
        Bootstrap resamples per group; 0 skips the intervals (NaN).
    seed : int, default config.DEFAULT_SEED
        Seeds the bootstrap: the same seed gives the same intervals.

    Returns
    -------
    DataFrame
        One row per group: the ``by`` columns, then :data:`EFFECT_COLUMNS`:
        ``n_pairs``, ``mean_before``, ``mean_after``, ``mean_diff``,
        ``sd_diff``, ``t``, ``p_t``, ``w``, ``p_wilcoxon``, ``d_z``,
        ``d_z_low``, ``d_z_high``, ``g_av``, ``g_av_low``, ``g_av_high``,
        ``gain``, ``gain_low``, ``gain_high``, ``enough`` (bool),
        ``p_holm``, ``rank`` (Int64, 1 = largest g_av; <NA> when not
        enough pairs or g_av undefined). Ranked groups first by rank
        (ties share a rank), then the others by the ``by`` columns.

    Raises
    ------
    MissingColumnError
        A column named by ``before``, ``after`` or ``by`` is absent.
    ParameterError
        ``scale``, ``min_pairs``, ``confidence``, ``n_boot`` or ``seed``
        outside what is allowed, or scores outside ``scale``.

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.DataFrame({"before": [2.0, 3.0, 2.5, None], "after": [3.0, 3.5, 3.5, 4.0]})
    >>> out = paired_effects(scores, "before", "after", by=None, scale=(1, 5), min_pairs=2,
    ...                      n_boot=0)
    >>> out[["n_pairs", "mean_diff", "d_z", "gain", "enough", "rank"]].round(3)
       n_pairs  mean_diff    d_z   gain  enough  rank
    0        3      0.833  2.887  0.333    True     1
    """
    return _paired_effects(
        frame,
        before,
        after,
        by,
        scale=scale,
        min_pairs=min_pairs,
        confidence=confidence,
        n_boot=n_boot,
        seed=seed,
        func="paired_effects",
    )


def _paired_effects(
    frame: pd.DataFrame,
    before: str,
    after: str,
    by: str | Sequence[str] | None = "program_id",
    *,
    scale: tuple[float, float] = TEST_SCALE,
    min_pairs: int = DEFAULT_MIN_PAIRS,
    confidence: float = 0.95,
    n_boot: int = 2000,
    seed: int = config.DEFAULT_SEED,
    func: str = "paired_effects",
) -> pd.DataFrame:
    keys = checks.keys(by)
    require_columns(frame, {"before": before, "after": after}, func)
    require_columns(frame, keys, func)
    low, high = _check_scale(scale, func)
    min_pairs = checks.count(min_pairs, "min_pairs", func, low=2)
    confidence = _check_confidence(confidence, func)
    n_boot = checks.count(n_boot, "n_boot", func, low=0)
    seed = checks.count(seed, "seed", func, low=0)

    x_before = checks.floats(frame[before])
    x_after = checks.floats(frame[after])
    _check_within(x_before, (low, high), repr(before), func)
    _check_within(x_after, (low, high), repr(after), func)

    # Group codes 0..G-1 in sorted key order; -1 for rows with a missing key.
    if keys:
        codes = frame.groupby(keys, observed=True, sort=True, dropna=True).ngroup()
        codes = codes.to_numpy("float64", na_value=np.nan)
        codes = np.where(np.isnan(codes), -1, codes).astype(np.int64)
        rows = np.flatnonzero(codes >= 0)
        _, first = np.unique(codes[rows], return_index=True)
        groups = frame[keys].iloc[rows[first]].reset_index(drop=True)
    else:
        codes = np.zeros(len(frame), dtype=np.int64)
        groups = pd.DataFrame(index=pd.RangeIndex(1))
    n_groups = len(groups)

    paired = (codes >= 0) & np.isfinite(x_before) & np.isfinite(x_after)
    order = np.flatnonzero(paired)
    order = order[np.argsort(codes[order], kind="stable")]
    sizes = np.bincount(codes[order], minlength=n_groups)
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    key_tuples = list(groups.itertuples(index=False, name=None)) if keys else [()]

    results = []
    for g in range(n_groups):
        take = order[bounds[g] : bounds[g + 1]]
        results.append(
            _one_group(
                x_before[take],
                x_after[take],
                top=high,
                tol=_ZERO_SD * (high - low),
                confidence=confidence,
                n_boot=n_boot,
                rng=_group_rng(seed, key_tuples[g]),
            )
        )
    stats_frame = pd.DataFrame(results, columns=list(EFFECT_COLUMNS[:18]), index=groups.index)
    stats_frame["n_pairs"] = stats_frame["n_pairs"].astype("int64")
    for col in EFFECT_COLUMNS[1:18]:
        stats_frame[col] = stats_frame[col].astype("float64")
    out = pd.concat([groups, stats_frame], axis=1)

    enough = out["n_pairs"].to_numpy() >= min_pairs
    out["enough"] = enough
    p_t = out["p_t"].to_numpy()
    p_holm = np.full(n_groups, np.nan)
    adjust = enough & np.isfinite(p_t)
    if adjust.any():
        p_holm[adjust] = _holm(p_t[adjust])
    out["p_holm"] = p_holm
    rankable = enough & np.isfinite(out["g_av"].to_numpy())
    rank = pd.Series(pd.NA, index=out.index, dtype="Int64")
    if rankable.any():
        ranks = (-out.loc[rankable, "g_av"]).rank(method="min").astype("int64")
        rank.loc[rankable] = ranks.to_numpy()
    out["rank"] = rank
    out = out.sort_values(["rank", *keys], na_position="last", kind="stable")
    return out.reset_index(drop=True)[[*keys, *EFFECT_COLUMNS]]


def _level(
    participation: pd.DataFrame,
    programs: pd.DataFrame | None,
    before: str,
    after: str,
    scale: tuple[float, float],
    options: dict,
    func: str,
) -> pd.DataFrame:
    unknown = sorted(set(options) - set(_OPTIONS))
    if unknown:
        raise TypeError(
            f"{func} got unexpected keyword argument(s) {', '.join(map(repr, unknown))}; "
            f"it takes {', '.join(map(repr, _OPTIONS))}."
        )
    options = {"by": "program_id", "scale": scale, **options}
    out = _paired_effects(participation, before, after, func=func, **options)
    if programs is None:
        return out
    keys = checks.keys(options["by"])
    if "program_id" not in keys:
        raise ParameterError(
            f"The 'programs' parameter of {func} needs 'program_id' among the 'by' columns "
            f"to add the programme's name, form and mode. Got by={options['by']!r} instead."
        )
    require_columns(programs, ["program_id", *_PROGRAMME_INFO], func)
    info = programs.drop_duplicates("program_id").set_index("program_id")
    wanted = pd.Index(out["program_id"].astype(object))
    at = out.columns.get_loc("program_id") + 1
    for i, col in enumerate(_PROGRAMME_INFO):
        out.insert(at + i, col, info[col].reindex(wanted).reset_index(drop=True))
    return out


def learning_effects(
    participation: pd.DataFrame, programs: pd.DataFrame | None = None, **options
) -> pd.DataFrame:
    """Kirkpatrick level 2, learning: ``pre_test`` → ``post_test`` per programme.

    :func:`paired_effects` with ``before="pre_test"``, ``after="post_test"``,
    ``scale=(0, 100)`` and ``by="program_id"`` (``options`` may override
    ``by``, ``scale``, ``min_pairs``, ``confidence``, ``n_boot``, ``seed``).

    Parameters
    ----------
    participation : DataFrame
        ``program_id``, ``pre_test``, ``post_test``.
    programs : DataFrame, optional
        ``program_id``, ``name``, ``form``, ``mode``: when given, these
        three columns follow ``program_id`` in the output (NaN for a
        programme not in ``programs``).
    **options
        Passed to :func:`paired_effects`.

    Returns
    -------
    DataFrame
        As :func:`paired_effects`, one row per programme in
        ``participation``.

    Examples
    --------
    >>> import pandas as pd
    >>> participation = pd.DataFrame({"program_id": ["P1"] * 3,
    ...                               "pre_test": [40, 50, 60], "post_test": [70, 65, 80]})
    >>> programs = pd.DataFrame({"program_id": ["P1"], "name": ["Bimtek"],
    ...                          "form": ["bimbingan_teknis"], "mode": ["klasikal"]})
    >>> out = learning_effects(participation, programs, n_boot=0)
    >>> out[["program_id", "name", "mode", "n_pairs", "mean_diff", "gain", "enough"]]
      program_id    name      mode  n_pairs  mean_diff      gain  enough
    0         P1  Bimtek  klasikal        3  21.666667  0.433333   False
    """
    return _level(
        participation, programs, "pre_test", "post_test", TEST_SCALE, options, "learning_effects"
    )


def behaviour_effects(
    participation: pd.DataFrame, programs: pd.DataFrame | None = None, **options
) -> pd.DataFrame:
    """Kirkpatrick level 3, behaviour: supervisor rating before → after per programme.

    :func:`paired_effects` with ``before="behaviour_before"``,
    ``after="behaviour_after"``, ``scale=(1, 5)`` and ``by="program_id"``;
    otherwise as :func:`learning_effects`.

    Examples
    --------
    >>> import pandas as pd
    >>> participation = pd.DataFrame({"program_id": ["P1"] * 3,
    ...                               "behaviour_before": [3.0, 2.5, 4.0],
    ...                               "behaviour_after": [3.5, 3.0, 4.0]})
    >>> out = behaviour_effects(participation, min_pairs=3, n_boot=0)
    >>> out[["program_id", "n_pairs", "mean_diff", "gain", "p_holm", "rank"]].round(3)
      program_id  n_pairs  mean_diff   gain  p_holm  rank
    0         P1        3      0.333  0.182   0.184     1
    """
    return _level(
        participation,
        programs,
        "behaviour_before",
        "behaviour_after",
        BEHAVIOUR_SCALE,
        options,
        "behaviour_effects",
    )
