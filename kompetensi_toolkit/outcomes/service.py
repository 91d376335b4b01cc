"""Kirkpatrick level 4, results: the IKM and other public-service outcomes.

Did public service get better where staff were trained? Two tables of the
data contract answer it: ``service_survey`` (Survei Kepuasan Masyarakat, the
nine elements u1..u9 of PermenPANRB 14/2017, each answered 1..4) and
``service_metrics`` (waiting time, complaints received and resolved within
the SLA, days to the first response; one row per unit, period and metric).

The Indeks Kepuasan Masyarakat (IKM) follows PermenPANRB 14/2017: the NRR
(nilai rata-rata) of an element is the mean of its answers, and
IKM = 25 × Σ NRR × weight. The regulation's weight is 1/9 per element
(``weighting="exact"``); practice often uses the rounded 0.11
(``weighting="permen"``), which gives a slightly lower index (at most 99).
Reports must say which was used. Grades: A (Sangat Baik) 88.31–100,
B (Baik) 76.61–88.30, C (Kurang Baik) 65.00–76.60, D (Tidak Baik) 25.00–64.99,
applied to the index rounded to two decimals (half up), as it is printed.

Confidence intervals are percentile bootstraps that resample respondents
within a group (and, for a change, the two periods independently). Each
group draws from its own stream, derived from ``seed`` and the group's key,
so a unit's interval does not change when other units are added or left out.

Periods follow the contract (``YYYY``, ``YYYY-Qn``, ``YYYY-MM``). To compute
per year from finer periods, map them first:
``survey.assign(period=period_year(survey["period"]))`` for :func:`ikm`;
:func:`service_summary` takes ``period_as="year"`` itself (so it can still
count the raw periods it aggregated).

Functions
---------
:func:`ikm`
    NRR per element, IKM with a bootstrap CI and the grade, per group.
:func:`ikm_change`
    IKM before and after (two periods) per group, the change and its CI.
:func:`ikm_grade`
    Grade letters A–D of IKM values.
:func:`period_year`
    The year of ``YYYY``, ``YYYY-Qn`` or ``YYYY-MM`` periods.
:func:`service_summary`
    Waiting time, complaints resolved within the SLA and first-response days
    per group, against the SP4N-LAPOR! ladder (:data:`SLA_DAYS`).

Examples
--------
>>> import pandas as pd
>>> survey = pd.DataFrame({"unit": ["A"] * 3, "period": ["2025"] * 3,
...                        **{f"u{i}": [3, 4, 4] for i in range(1, 10)}})
>>> out = ikm(survey, by=("unit", "period"), n_boot=200)
>>> out[["unit", "period", "n", "nrr_u1", "ikm", "grade"]].round(2)
  unit period  n  nrr_u1    ikm grade
0    A   2025  3    3.67  91.67     A
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from kompetensi_toolkit import checks, config
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.schema import PERIOD_PATTERN

__all__ = [
    "IKM_ELEMENTS",
    "IKM_ELEMENTS_EN",
    "IKM_GRADES",
    "SERVICE_METRICS",
    "SLA_DAYS",
    "WEIGHTS",
    "ikm",
    "ikm_change",
    "ikm_grade",
    "period_year",
    "service_summary",
]

#: The nine elements (unsur) of the survey, PermenPANRB 14/2017.
IKM_ELEMENTS: dict[str, str] = {
    "u1": "Persyaratan",
    "u2": "Sistem, Mekanisme, dan Prosedur",
    "u3": "Waktu Penyelesaian",
    "u4": "Biaya/Tarif",
    "u5": "Produk Spesifikasi Jenis Pelayanan",
    "u6": "Kompetensi Pelaksana",
    "u7": "Perilaku Pelaksana",
    "u8": "Penanganan Pengaduan, Saran dan Masukan",
    "u9": "Sarana dan Prasarana",
}
#: The same elements in English.
IKM_ELEMENTS_EN: dict[str, str] = {
    "u1": "Requirements",
    "u2": "Systems, mechanisms and procedures",
    "u3": "Completion time",
    "u4": "Cost/tariff",
    "u5": "Product specification of the service",
    "u6": "Competence of the staff",
    "u7": "Conduct of the staff",
    "u8": "Handling of complaints, suggestions and feedback",
    "u9": "Facilities and infrastructure",
}
#: Grades, best first: (grade, lower bound of the index rounded to 2 decimals,
#: Indonesian label, English label). The upper bound is 100.
IKM_GRADES: tuple[tuple[str, float, str, str], ...] = (
    ("A", 88.31, "Sangat Baik", "Very good"),
    ("B", 76.61, "Baik", "Good"),
    ("C", 65.00, "Kurang Baik", "Poor"),
    ("D", 25.00, "Tidak Baik", "Very poor"),
)
#: Weight of each element: the regulation's 1/9, or the rounded 0.11 of practice.
WEIGHTS: dict[str, float] = {"exact": 1 / 9, "permen": 0.11}
#: SP4N-LAPOR! handling times in days (as stated by KemenPANRB): first
#: response; information requests and complaints; cases needing no field
#: check; cases with a field check. Defaults, not constants.
SLA_DAYS: dict[str, int] = {
    "first_response": 3,
    "complaint": 5,
    "no_field_check": 14,
    "field_check": 60,
}
#: The metrics of ``service_metrics`` (data contract).
SERVICE_METRICS: tuple[str, ...] = (
    "waiting_minutes",
    "complaints_received",
    "complaints_resolved_in_sla",
    "first_response_days",
)

_ELEMENTS = tuple(IKM_ELEMENTS)
_GRADE_ORDER = [g for g, *_ in reversed(IKM_GRADES)]  # worst first: D < C < B < A
_IKM_RANGE = (25.0, 100.0)
#: Replicates × respondents drawn at a time in a bootstrap (keeps memory flat).
_BOOT_CELLS = 2_000_000


# ---------------------------------------------------------------------------
# Grades and periods.
# ---------------------------------------------------------------------------
def _round2(x: np.ndarray) -> np.ndarray:
    """Round half up to 2 decimals, forgiving binary noise (88.305 → 88.31)."""
    return np.floor(x * 100.0 + 0.5 + 1e-7) / 100.0


def ikm_grade(values):
    """Grade IKM values A–D (PermenPANRB 14/2017).

    The value is rounded half up to two decimals first, as a report prints
    it: A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, D ≥ 25.00. An index outside
    25..100 (after rounding) cannot come from answers 1..4: it gets no grade
    (missing), as does NaN; nothing raises.

    Parameters
    ----------
    values : float, array-like or Series
        IKM values on the 25..100 scale.

    Returns
    -------
    str, Categorical or Series
        A letter (or ``None``) for a scalar; otherwise an ordered categorical
        with categories ``D < C < B < A`` (so ``max`` is the best grade), a
        Series named ``grade`` with the same index when given a Series.

    Examples
    --------
    >>> ikm_grade(88.31), ikm_grade(88.30), ikm_grade(76.61), ikm_grade(76.60)
    ('A', 'B', 'B', 'C')
    >>> list(ikm_grade([65.0, 64.99, 24.0, float("nan")]))
    ['C', 'D', nan, nan]
    """
    if np.ndim(values) == 0:
        if values is None or pd.isna(values):
            return None
        codes = _grade_codes(np.array([float(values)]))
        return _GRADE_ORDER[codes[0]] if codes[0] >= 0 else None
    x = checks.floats(pd.Series(np.asarray(values, dtype=object).ravel()))
    codes = _grade_codes(x).reshape(np.shape(values))
    cat = pd.Categorical.from_codes(codes.ravel(), categories=_GRADE_ORDER, ordered=True)
    if isinstance(values, pd.Series):
        return pd.Series(cat, index=values.index, name="grade")
    return cat


def _grade_codes(x: np.ndarray) -> np.ndarray:
    r = _round2(x)
    codes = np.full(r.shape, -1, dtype="int8")
    inside = (r >= _IKM_RANGE[0]) & (r <= _IKM_RANGE[1])
    for grade, low, *_ in reversed(IKM_GRADES):  # worst first; better grades overwrite
        codes[inside & (r >= low)] = _GRADE_ORDER.index(grade)
    return codes


def period_year(periods):
    """The year of each period: ``"2024"``, ``"2024-Q3"``, ``"2024-07"`` → ``"2024"``.

    Parameters
    ----------
    periods : str, array-like or Series
        Periods as the contract writes them (``YYYY``, ``YYYY-Qn``,
        ``YYYY-MM``); whole numbers such as 2024 are read as ``"2024"``.
        Missing values stay missing.

    Returns
    -------
    str, ndarray or Series
        The year as text: a str (or ``None``) for a scalar, an object array
        for an array, a string Series (same index and name) for a Series.

    Raises
    ------
    ParameterError
        A value that is not a period, naming the first one.

    Examples
    --------
    >>> period_year("2024-Q3")
    '2024'
    >>> list(period_year(["2024", "2024-Q3", "2024-07"]))
    ['2024', '2024', '2024']
    """
    if np.ndim(periods) == 0:
        if periods is None or pd.isna(periods):
            return None
        return _years(pd.Series([periods]))[0]
    series = periods if isinstance(periods, pd.Series) else pd.Series(list(periods), dtype=object)
    years = _years(series)
    if isinstance(periods, pd.Series):
        return pd.Series(years, index=periods.index, name=periods.name, dtype="str")
    return np.asarray(years, dtype=object)


def _years(series: pd.Series) -> list:
    text = series.astype("string").str.strip()
    bad = text.notna() & ~text.str.fullmatch(PERIOD_PATTERN[1:-1]).fillna(False)
    if bad.any():
        raise ParameterError(
            "The 'periods' parameter of period_year must hold periods YYYY, YYYY-Qn or "
            f"YYYY-MM (e.g. 2025, 2025-Q3, 2025-07). Got {text[bad].iloc[0]!r} instead."
        )
    return [None if pd.isna(v) else v[:4] for v in text]


# ---------------------------------------------------------------------------
# Shared pieces.
# ---------------------------------------------------------------------------
def _check_confidence(confidence: object, func: str) -> float:
    value = checks.number(confidence, "confidence", func, strict=True, high=1.0)
    if value >= 1.0:
        raise ParameterError(
            f"The 'confidence' parameter of {func} must be a finite number greater than 0 "
            f"and less than 1. Got {confidence!r} instead."
        )
    return value


def _check_seed(seed: object, func: str) -> int | None:
    return None if seed is None else checks.count(seed, "seed", func, low=0)


def _check_by(by: str | Sequence[str] | None, func: str) -> list[str]:
    if not (
        by is None
        or isinstance(by, str)
        or (isinstance(by, Sequence) and all(isinstance(k, str) for k in by))
    ):
        raise ParameterError(
            f"The 'by' parameter of {func} must be a column name, a sequence of column "
            f"names or None. Got {by!r} instead."
        )
    keys = checks.keys(by)
    if len(set(keys)) != len(keys):
        raise ParameterError(
            f"The 'by' parameter of {func} must name each column once. Got {by!r} instead."
        )
    return keys


def _answers(frame: pd.DataFrame, func: str) -> np.ndarray:
    """u1..u9 as an n × 9 float array (NaN: not answered); answers must be 1..4."""
    x = np.column_stack([checks.floats(frame[u]) for u in _ELEMENTS]).reshape(len(frame), 9)
    answered = ~np.isnan(x)
    bad = answered & ~np.isin(x, (1.0, 2.0, 3.0, 4.0))
    if bad.any():
        row, col = (int(a[0]) for a in np.nonzero(bad))
        raise ParameterError(
            f"The 'service_survey' parameter of {func} must hold answers 1, 2, 3 or 4 in "
            f"u1..u9. Got {frame[_ELEMENTS[col]].iloc[row]!r} in {_ELEMENTS[col]} "
            f"(row index {frame.index[row]!r}) instead."
        )
    return x


def _group_codes(frame: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """(group number of each row, one row of key values per group in group order)."""
    if not keys:
        codes = np.zeros(len(frame), dtype=np.int64)
        return codes, pd.DataFrame(index=range(1 if len(frame) else 0))
    codes = frame.groupby(keys, observed=True, sort=True, dropna=False).ngroup().to_numpy()
    _, first = np.unique(codes, return_index=True)
    return codes, frame[keys].iloc[first].reset_index(drop=True)


def _key_entropy(key_values: tuple) -> int:
    text = "\x1f".join("<NA>" if pd.isna(v) else str(v) for v in key_values)
    return zlib.crc32(text.encode("utf-8"))


def _rng(seed: int | None, key_values: tuple, stream: int = 0) -> np.random.Generator:
    """The generator of one group: from ``seed`` and the group key (fresh if no seed)."""
    if seed is None:
        return np.random.default_rng()
    return np.random.default_rng([seed, _key_entropy(key_values), stream])


def _nrr(x: np.ndarray) -> np.ndarray:
    """Mean of each element's answers (NaN when an element has none)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nansum(x, axis=0) / (~np.isnan(x)).sum(axis=0)


def _index(nrr: np.ndarray, weight: float) -> np.ndarray:
    """IKM = 25 × Σ NRR × weight (NaN when an element has no answer)."""
    return 25.0 * weight * nrr.sum(axis=-1)


def _boot_ikm(x: np.ndarray, weight: float, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """``n_boot`` IKM replicates, resampling the respondents (rows) of ``x``.

    With every answer present the IKM is the mean over respondents of
    25 × Σ w·u_i, so a replicate is the mean of the resampled scores. With
    missing answers a replicate counts how often each respondent is drawn,
    and its element sums and answer counts are matrix products.
    """
    n = len(x)
    out = np.full(n_boot, np.nan)
    if n == 0 or n_boot == 0:
        return out
    answered = ~np.isnan(x)
    complete = bool(answered.all())
    filled = np.where(answered, x, 0.0)
    score = 25.0 * weight * filled.sum(axis=1)
    step = max(1, _BOOT_CELLS // n)
    for start in range(0, n_boot, step):
        b = min(step, n_boot - start)
        draws = rng.integers(0, n, size=(b, n))
        if complete:
            out[start : start + b] = score[draws].mean(axis=1)
            continue
        flat = (draws + n * np.arange(b)[:, None]).ravel()
        counts = np.bincount(flat, minlength=b * n).reshape(b, n).astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            nrr = (counts @ filled) / (counts @ answered.astype(np.float64))
        out[start : start + b] = _index(nrr, weight)
    return out


def _interval(replicates: np.ndarray, confidence: float) -> tuple[float, float]:
    kept = replicates[~np.isnan(replicates)]
    if kept.size == 0:
        return np.nan, np.nan
    alpha = (1.0 - confidence) / 2.0
    low, high = np.quantile(kept, [alpha, 1.0 - alpha])
    return float(low), float(high)


# ---------------------------------------------------------------------------
# IKM.
# ---------------------------------------------------------------------------
def ikm(
    service_survey: pd.DataFrame,
    by: str | Sequence[str] | None = ("region_id", "unit", "period"),
    weighting: str = "exact",
    *,
    confidence: float = 0.95,
    n_boot: int = 1000,
    seed: int | None = config.DEFAULT_SEED,
) -> pd.DataFrame:
    """IKM per group (PermenPANRB 14/2017), its NRR per element, CI and grade.

    NRR of element u_i = mean of the group's answers to u_i (1..4);
    IKM = 25 × Σ NRR_i × weight. The worked example of the regulation
    (element totals 105, 101, 100, 116, 102, 105, 106, 105, 115 from 29
    respondents) gives 91.48 with ``weighting="exact"`` and 90.56 with
    ``"permen"``, grade A.

    Missing answers: the contract requires u1..u9, but a hand-made frame may
    leave a cell empty. An element's NRR is then the mean of the answers it
    has (the regulation's "total nilai persepsi per unsur / total unsur yang
    terisi"); nothing is imputed. A row with no answer at all is not a
    respondent and is left out of ``n``. An element with no answer in a
    group leaves that group's IKM (and grade) missing: the index needs all
    nine elements.

    Parameters
    ----------
    service_survey : DataFrame
        ``u1`` … ``u9`` (answers 1..4) and the ``by`` columns.
    by : str, sequence of str or None, default ("region_id", "unit", "period")
        Group columns; ``None``: one row for the whole frame.
    weighting : {"exact", "permen"}, default "exact"
        Weight per element: 1/9 (exact) or 0.11 (the rounded practice).
    confidence : float, default 0.95
        Level of the percentile bootstrap interval.
    n_boot : int, default 1000
        Bootstrap replicates (respondents resampled within the group);
        0 skips the interval (``ikm_low``/``ikm_high`` NaN).
    seed : int or None, default :data:`kompetensi_toolkit.config.DEFAULT_SEED`
        Seed of the bootstrap; each group's stream also depends on its key.
        ``None``: not reproducible.

    Returns
    -------
    DataFrame
        One row per group, sorted by ``by``: the ``by`` columns, ``n``
        (respondents), ``nrr_u1`` … ``nrr_u9``, ``ikm``, ``ikm_low``,
        ``ikm_high``, ``grade`` (ordered categorical D < C < B < A).
        Empty input gives an empty frame with these columns.

    Raises
    ------
    MissingColumnError
        A ``by`` column or an element column is missing.
    ParameterError
        A parameter outside what is allowed, or an answer other than 1..4.

    Examples
    --------
    >>> import pandas as pd
    >>> survey = pd.DataFrame({"unit": ["A", "A", "B"],
    ...                        **{f"u{i}": [4, 3, 2] for i in range(1, 10)}})
    >>> ikm(survey, by="unit", n_boot=0)[["unit", "n", "ikm", "grade"]]
      unit  n   ikm grade
    0    A  2  87.5     B
    1    B  1  50.0     D
    """
    func = "ikm"
    keys = _check_by(by, func)
    weighting = checks.choice(weighting, "weighting", func, tuple(WEIGHTS))
    confidence = _check_confidence(confidence, func)
    n_boot = checks.count(n_boot, "n_boot", func, low=0)
    seed = _check_seed(seed, func)
    require_columns(service_survey, [*keys, *_ELEMENTS], func)
    weight = WEIGHTS[weighting]

    x = _answers(service_survey, func)
    respondent = ~np.isnan(x).all(axis=1)
    frame, x = service_survey[respondent], x[respondent]
    codes, out = _group_codes(frame, keys)
    n_groups = len(out)
    nrr = np.full((n_groups, 9), np.nan)
    n = np.zeros(n_groups, dtype=np.int64)
    low = np.full(n_groups, np.nan)
    high = np.full(n_groups, np.nan)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(n_groups + 1))
    key_rows = list(out.itertuples(index=False, name=None))
    for g in range(n_groups):
        rows = x[order[bounds[g] : bounds[g + 1]]]
        n[g] = len(rows)
        nrr[g] = _nrr(rows)
        if n_boot:
            replicates = _boot_ikm(rows, weight, n_boot, _rng(seed, key_rows[g]))
            low[g], high[g] = _interval(replicates, confidence)
    out = out.copy()
    out["n"] = n
    for i, u in enumerate(_ELEMENTS):
        out[f"nrr_{u}"] = nrr[:, i]
    out["ikm"] = _index(nrr, weight)
    out["ikm_low"] = low
    out["ikm_high"] = high
    out["grade"] = ikm_grade(out["ikm"])
    return out.reset_index(drop=True)


def ikm_change(
    service_survey: pd.DataFrame,
    by: str | Sequence[str] | None = ("region_id", "unit"),
    period: str = "period",
    *,
    weighting: str = "exact",
    before: str | None = None,
    after: str | None = None,
    confidence: float = 0.95,
    n_boot: int = 1000,
    seed: int | None = config.DEFAULT_SEED,
) -> pd.DataFrame:
    """Change of the IKM between two periods, per group, with a bootstrap CI.

    The two periods are independent samples of respondents: each is
    resampled on its own and the interval is the percentile interval of the
    difference of the replicates (after − before).

    By default a group compares its first and last period in sort order of
    the period text (``"2024" < "2025"``; use one granularity per group, or
    map periods with :func:`period_year` first). ``before``/``after`` fix
    the periods for every group instead. A group with a single period (or
    without the period asked for) keeps its row: the missing side has
    ``n`` 0 and NaN IKM, and ``change`` is NaN.

    Parameters
    ----------
    service_survey : DataFrame
        ``u1`` … ``u9``, the ``period`` column and the ``by`` columns.
    by : str, sequence of str or None, default ("region_id", "unit")
        Group columns (not the period); ``None``: the whole frame.
    period : str, default "period"
        The column holding the period.
    weighting : {"exact", "permen"}, default "exact"
    before, after : str, optional
        Periods to compare in every group (default: each group's first and last).
    confidence : float, default 0.95
    n_boot : int, default 1000
        Replicates per period; 0 skips the interval.
    seed : int or None, default :data:`kompetensi_toolkit.config.DEFAULT_SEED`

    Returns
    -------
    DataFrame
        One row per group, sorted by ``by``: the ``by`` columns,
        ``period_before``, ``period_after``, ``n_before``, ``n_after``,
        ``ikm_before``, ``ikm_after``, ``change``, ``change_low``,
        ``change_high``, ``grade_before``, ``grade_after``.

    Examples
    --------
    >>> import pandas as pd
    >>> survey = pd.DataFrame({"unit": ["A"] * 4, "period": ["2024", "2024", "2025", "2025"],
    ...                        **{f"u{i}": [3, 3, 4, 3] for i in range(1, 10)}})
    >>> out = ikm_change(survey, by="unit", n_boot=0)
    >>> out[["unit", "period_before", "period_after", "ikm_before", "ikm_after", "change"]]
      unit period_before period_after  ikm_before  ikm_after  change
    0    A          2024         2025        75.0       87.5    12.5
    """
    func = "ikm_change"
    keys = _check_by(by, func)
    if not isinstance(period, str):
        raise ParameterError(
            f"The 'period' parameter of {func} must be a column name. Got {period!r} instead."
        )
    if period in keys:
        raise ParameterError(
            f"The 'by' parameter of {func} must not hold the period column {period!r}: the "
            f"change is between periods of a group. Got {by!r} instead."
        )
    weighting = checks.choice(weighting, "weighting", func, tuple(WEIGHTS))
    for name, value in (("before", before), ("after", after)):
        if value is not None and not isinstance(value, str | int):
            raise ParameterError(
                f"The {name!r} parameter of {func} must be a period such as '2024' or None. "
                f"Got {value!r} instead."
            )
    if before is not None and after is not None and str(before) == str(after):
        raise ParameterError(
            f"The 'after' parameter of {func} must differ from 'before'. Got {after!r} instead."
        )
    confidence = _check_confidence(confidence, func)
    n_boot = checks.count(n_boot, "n_boot", func, low=0)
    seed = _check_seed(seed, func)
    require_columns(service_survey, [*keys, period, *_ELEMENTS], func)
    weight = WEIGHTS[weighting]

    x = _answers(service_survey, func)
    respondent = ~np.isnan(x).all(axis=1)
    frame, x = service_survey[respondent], x[respondent]
    periods = frame[period].astype("string").str.strip().to_numpy(dtype=object, na_value=None)
    codes, out = _group_codes(frame, keys)
    n_groups = len(out)
    cols: dict[str, list] = {
        c: []
        for c in (
            "period_before",
            "period_after",
            "n_before",
            "n_after",
            "ikm_before",
            "ikm_after",
            "change",
            "change_low",
            "change_high",
        )
    }
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(n_groups + 1))
    key_rows = list(out.itertuples(index=False, name=None))
    for g in range(n_groups):
        idx = order[bounds[g] : bounds[g + 1]]
        present = sorted({p for p in periods[idx] if p is not None})
        first = str(before) if before is not None else (present[0] if present else None)
        last = str(after) if after is not None else (present[-1] if present else None)
        if before is None and after is None and len(present) < 2:
            last = None
        elif last == first:  # one of them defaulted onto the other
            last, first = (None, first) if after is None else (last, None)
        sides = []
        for stream, chosen in enumerate((first, last)):
            rows = x[idx[periods[idx] == chosen]] if chosen is not None else np.empty((0, 9))
            value = float(_index(_nrr(rows), weight)) if len(rows) else np.nan
            reps = (
                _boot_ikm(rows, weight, n_boot, _rng(seed, key_rows[g], stream + 1))
                if n_boot and len(rows)
                else np.full(n_boot, np.nan)
            )
            sides.append((chosen, len(rows), value, reps))
        (p0, n0, v0, r0), (p1, n1, v1, r1) = sides
        low, high = _interval(r1 - r0, confidence) if n_boot else (np.nan, np.nan)
        for c, v in zip(cols, (p0, p1, n0, n1, v0, v1, v1 - v0, low, high), strict=True):
            cols[c].append(v)
    out = out.copy()
    out["period_before"] = pd.Series(cols["period_before"], dtype="str", index=out.index)
    out["period_after"] = pd.Series(cols["period_after"], dtype="str", index=out.index)
    for c in ("n_before", "n_after"):
        out[c] = np.asarray(cols[c], dtype=np.int64)
    for c in ("ikm_before", "ikm_after", "change", "change_low", "change_high"):
        out[c] = np.asarray(cols[c], dtype=np.float64)
    out["grade_before"] = ikm_grade(out["ikm_before"])
    out["grade_after"] = ikm_grade(out["ikm_after"])
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Service metrics.
# ---------------------------------------------------------------------------
def service_summary(
    service_metrics: pd.DataFrame,
    by: str | Sequence[str] | None = ("region_id", "unit", "period"),
    *,
    first_response_days: float = SLA_DAYS["first_response"],
    period_as: str = "period",
) -> pd.DataFrame:
    """Waiting time, complaints handled within the SLA and first response, per group.

    ``service_metrics`` is long (one row per unit, period and metric). Per
    group: the mean waiting time over its periods, complaints received and
    resolved within the SLA summed, the share resolved within the SLA, the
    mean days to the first response and the share of first-response values
    within ``first_response_days`` (SP4N-LAPOR!: 3 days). A first-response
    value is whatever a period reports (in the sample, that month's mean),
    so ``first_response_in_sla`` is a share of periods, not of complaints.

    ``share_in_sla`` is Σ resolved / Σ received over the raw periods that
    report both (so a period with only one of the two does not tilt it);
    NaN when no complaint was received. A group without a metric gets NaN
    in that metric's columns.

    Parameters
    ----------
    service_metrics : DataFrame
        ``period``, ``metric`` (one of :data:`SERVICE_METRICS`), ``value``
        and the ``by`` columns.
    by : str, sequence of str or None, default ("region_id", "unit", "period")
        Group columns; ``None``: one row for the whole frame.
    first_response_days : float, default ``SLA_DAYS["first_response"]`` (3)
        Days within which a first response counts as in time.
    period_as : {"period", "year"}, default "period"
        ``"year"``: group by the year of the period (:func:`period_year`)
        where ``by`` holds ``"period"``; the ``period`` column of the result
        then holds the year.

    Returns
    -------
    DataFrame
        One row per group, sorted by ``by``: the ``by`` columns,
        ``waiting_minutes``, ``complaints_received``,
        ``complaints_resolved_in_sla``, ``share_in_sla``,
        ``first_response_days``, ``first_response_in_sla``, ``n_periods``
        (raw periods aggregated).

    Examples
    --------
    >>> import pandas as pd
    >>> metrics = pd.DataFrame({
    ...     "unit": ["A"] * 6, "period": ["2025-01"] * 3 + ["2025-02"] * 3,
    ...     "metric": ["waiting_minutes", "complaints_received", "complaints_resolved_in_sla"] * 2,
    ...     "value": [30.0, 10, 8, 20.0, 10, 6]})
    >>> out = service_summary(metrics, by="unit")
    >>> out[["unit", "waiting_minutes", "complaints_received", "share_in_sla", "n_periods"]]
      unit  waiting_minutes  complaints_received  share_in_sla  n_periods
    0    A             25.0                 20.0           0.7          2
    """
    func = "service_summary"
    keys = _check_by(by, func)
    threshold = checks.number(first_response_days, "first_response_days", func)
    period_as = checks.choice(period_as, "period_as", func, ("period", "year"))
    require_columns(service_metrics, [*keys, "period", "metric", "value"], func)

    metric = service_metrics["metric"].astype("string").str.strip()
    unknown = metric.notna() & ~metric.isin(SERVICE_METRICS)
    if unknown.any():
        raise ParameterError(
            f"The 'service_metrics' parameter of {func} must hold metrics "
            f"{', '.join(map(repr, SERVICE_METRICS))}. Got {metric[unknown].iloc[0]!r} instead."
        )
    rows = metric.notna().to_numpy()
    frame = service_metrics[rows]
    work = frame[keys].copy() if keys else pd.DataFrame(index=frame.index)
    if period_as == "year" and "period" in keys:
        work["period"] = period_year(frame["period"])
    codes, out = _group_codes(work, keys)
    groups = pd.RangeIndex(len(out))
    long = pd.DataFrame(
        {
            "code": codes,
            "raw_period": frame["period"].astype("string").to_numpy(),
            "metric": metric[rows].to_numpy(dtype=object),
            "value": checks.floats(frame["value"]),
        }
    )

    def values(name: str) -> pd.DataFrame:
        return long[long["metric"] == name]

    def per_group(series: pd.Series) -> np.ndarray:
        return series.reindex(groups).to_numpy(dtype=np.float64, na_value=np.nan)

    waiting = values("waiting_minutes").groupby("code")["value"].mean()
    received = values("complaints_received").groupby("code")["value"].sum(min_count=1)
    resolved = values("complaints_resolved_in_sla").groupby("code")["value"].sum(min_count=1)
    first = values("first_response_days").dropna(subset=["value"])
    first_mean = first.groupby("code")["value"].mean()
    first_in = (first["value"] <= threshold).groupby(first["code"]).mean()

    complaints = long[long["metric"].isin(SERVICE_METRICS[1:3])]
    both = (
        complaints.groupby(["code", "raw_period", "metric"], dropna=False)["value"]
        .sum(min_count=1)
        .unstack("metric")
        .reindex(columns=list(SERVICE_METRICS[1:3]))
        .dropna()
        .groupby(level="code")
        .sum()
    )
    matched_received = per_group(both["complaints_received"])
    matched_resolved = per_group(both["complaints_resolved_in_sla"])

    out = out.copy()
    out["waiting_minutes"] = per_group(waiting)
    out["complaints_received"] = per_group(received)
    out["complaints_resolved_in_sla"] = per_group(resolved)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share_in_sla"] = np.where(
            matched_received > 0, matched_resolved / matched_received, np.nan
        )
    out["first_response_days"] = per_group(first_mean)
    out["first_response_in_sla"] = per_group(first_in.astype(np.float64))
    out["n_periods"] = (
        long.groupby("code")["raw_period"].nunique().reindex(groups).fillna(0).astype(np.int64)
    ).to_numpy()
    return out.reset_index(drop=True)
