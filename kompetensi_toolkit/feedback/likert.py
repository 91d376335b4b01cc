"""Kirkpatrick level 1, reaction: Likert answers, item statistics and 0–100 scores.

The participant survey (``feedback``) is wide: one column per item of
``feedback_items``, which gives each item its ``dimension`` (materi, metode,
pengajar, penyelenggaraan, manfaat), its scale (4 or 5 points, default 5) and
whether it is ``reversed`` (worded negatively: "Materi terlalu sulit
dipahami"). Answers are numbers or Indonesian labels ("Sangat Setuju",
"Cukup Baik"), read by the loader's own parser
(:func:`kompetensi_toolkit.parsing.parse_likert`, labels in
:data:`kompetensi_toolkit.schema.LIKERT_WORDS`).

:func:`long_answers`
    One row per response × item with the ``answer`` as given and its
    ``value``: the answer turned so that a high value is always favourable
    (reversed items: scale_max + 1 − answer). Every statistic here is computed
    on ``value``.
:func:`score_0_100`
    A value (or a mean of values) on the 0–100 score. Four-point scales:
    value × 25 (25..100), as Indonesian training centres and the IKM of
    PermenPANRB 14/2017 do. Five-point scales: ``method="linear"`` (the
    default) maps 1..5 onto 0..100, (value − 1) / 4 × 100, so 0 is "every
    answer at the bottom" and 50 the neutral middle; ``method="x20"`` is the
    value × 20 convention (20..100, neutral = 60). The linear map is the
    default because it uses the whole range and puts the neutral answer at
    the middle; ×20 reads about 10 to 20 points higher for the same answers.
    Note that a four-point score (floor 25) and a linear five-point score
    (floor 0) are not on quite the same footing: compare like with like.
:func:`item_summary`
    Per item (or any grouping): the distribution of values, the mean with
    its t interval, the share agreeing and the mean 0–100 score.
:func:`dimension_scores`
    Per programme (or provider type, …) × dimension and overall: the mean
    of respondents' scores with a t interval over respondents, a band, and
    a rank among the groups with enough responses.
:func:`score_band`
    The band of a score for a sequence of ``(lower bound, label)``.
:func:`with_programme`
    Adds the programme's name, form, mode and provider type, so that
    ``by=("provider_type",)`` works.

Bands. No LAN guideline fixes cut-offs for reaction scores, so the default
:data:`DEFAULT_BANDS` ("sangat baik" ≥ 85, "baik" ≥ 70, "cukup" ≥ 55,
"kurang" below) is this toolkit's choice, not a regulation; pass your own
``bands``. :data:`IKM_BANDS` are the grades of PermenPANRB 14/2017 (88.31,
76.61, 65.00), made for 1..4 scores × 25. A score exactly on a bound falls in
the higher band.

Outputs are aggregates (every row carries ``n`` or ``n_responses`` for
small-cell suppression) except :func:`long_answers`, which is internal
working data: it keeps ``response_id`` but never the free-text comment.

Examples
--------
>>> import pandas as pd
>>> items = pd.DataFrame({"item_id": ["m1", "m2", "p1"],
...     "dimension": ["materi", "materi", "pengajar"],
...     "scale_max": [5, 5, 4], "reversed": [False, True, False]})
>>> feedback = pd.DataFrame({"response_id": ["r1", "r2", "r3"],
...     "program_id": ["P1", "P1", "P2"], "region_id": "ambon",
...     "m1": ["Sangat Setuju", "4", "2"], "m2": [1, 2, None], "p1": ["setuju", 4, 2]})
>>> long = long_answers(feedback, items)
>>> long[["response_id", "item_id", "answer", "value"]].head(4)
  response_id item_id  answer  value
0          r1      m1       5      5
1          r2      m1       4      4
2          r3      m1       2      2
3          r1      m2       1      5
>>> dimension_scores(long, min_responses=2)[
...     ["program_id", "dimension", "n_responses", "score", "band", "rank"]]
  program_id dimension  n_responses  score         band  rank
0         P1    materi            2   87.5  sangat baik     1
1         P1  pengajar            2   87.5  sangat baik     1
2         P1       all            2   87.5  sangat baik     1
3         P2    materi            1   25.0       kurang  <NA>
4         P2  pengajar            1   50.0       kurang  <NA>
5         P2       all            1   37.5       kurang  <NA>
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from kompetensi_toolkit import checks
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.outcomes.service import IKM_GRADES
from kompetensi_toolkit.parsing import parse_booleans, parse_enum, parse_integers, parse_likert
from kompetensi_toolkit.schema import ENUMS, normalise_token

__all__ = [
    "DEFAULT_BANDS",
    "DEFAULT_METHOD",
    "DIMENSION_COLUMNS",
    "IKM_BANDS",
    "ITEM_COLUMNS",
    "LONG_COLUMNS",
    "PROGRAMME_COLUMNS",
    "SCALES",
    "SCORE_METHODS",
    "dimension_scores",
    "item_summary",
    "long_answers",
    "respondent_scores",
    "score_0_100",
    "score_band",
    "with_programme",
]

#: Scale sizes of the data contract.
SCALES: tuple[int, ...] = (4, 5)
#: How five-point answers become 0–100 (four-point answers are always × 25).
SCORE_METHODS: tuple[str, ...] = ("linear", "x20")
DEFAULT_METHOD = "linear"
#: Default bands (lower bound, label): a choice of this toolkit, not a regulation.
DEFAULT_BANDS: tuple[tuple[float, str], ...] = (
    (85.0, "sangat baik"),
    (70.0, "baik"),
    (55.0, "cukup"),
    (0.0, "kurang"),
)
#: IKM grades of PermenPANRB 14/2017 (A 88.31–100, B 76.61–88.30, C 65.00–76.60, D below).
IKM_BANDS: tuple[tuple[float, str], ...] = tuple(
    (0.0 if grade == "D" else lower, label.lower()) for grade, lower, label, _ in IKM_GRADES
)  # the grade table of PermenPANRB 14/2017, kept once in outcomes.service
#: Columns of :func:`long_answers`, in order.
LONG_COLUMNS: tuple[str, ...] = (
    "response_id",
    "program_id",
    "region_id",
    "item_id",
    "dimension",
    "scale_max",
    "reversed",
    "answer",
    "value",
)
#: Columns of :func:`item_summary` after the group columns (and dimension, reversed).
ITEM_COLUMNS: tuple[str, ...] = (
    "scale_max",
    "n",
    *(f"share_{j}" for j in range(1, max(SCALES) + 1)),
    "mean",
    "mean_low",
    "mean_high",
    "share_agree",
    "score",
    "score_low",
    "score_high",
)
#: Columns of :func:`dimension_scores` after the group columns.
DIMENSION_COLUMNS: tuple[str, ...] = (
    "dimension",
    "n_responses",
    "score",
    "score_low",
    "score_high",
    "band",
    "enough",
    "rank",
)
#: Programme columns :func:`with_programme` adds.
PROGRAMME_COLUMNS: tuple[str, ...] = ("name", "form", "mode", "provider_type")
#: The dimension of the overall row of :func:`dimension_scores`.
ALL = "all"
_ID_COLUMNS = ("response_id", "program_id", "region_id")
_DIMENSIONS: tuple[str, ...] = ENUMS["feedback_dimension"].values
#: Scores are rounded to this many decimals before banding (a mean of 70 is not 69.999…).
_BAND_DECIMALS = 9


# ---------------------------------------------------------------------------
# Checks.
# ---------------------------------------------------------------------------
def _check_confidence(confidence: object, func: str) -> float:
    value = checks.number(confidence, "confidence", func, strict=True, high=1.0)
    if value < 1.0:
        return value
    raise ParameterError(
        f"The 'confidence' parameter of {func} must be a finite number greater than 0 "
        f"and less than 1. Got {confidence!r} instead."
    )


def _check_bands(bands: object, func: str) -> tuple[np.ndarray, np.ndarray]:
    """(lower bounds ascending, labels in the same order)."""
    rule = (
        f"The 'bands' parameter of {func} must be a non-empty sequence of (lower bound, label) "
        "pairs with finite, distinct bounds and non-empty text labels"
    )
    try:
        pairs = [(b, lab) for b, lab in bands]  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise ParameterError(f"{rule}. Got {bands!r} instead.") from None
    ok = bool(pairs) and all(
        isinstance(b, (int, float, np.integer, np.floating))
        and not isinstance(b, bool)
        and np.isfinite(b)
        and isinstance(lab, str)
        and lab.strip()
        for b, lab in pairs
    )
    if not ok or len({float(b) for b, _ in pairs}) != len(pairs):
        raise ParameterError(f"{rule}. Got {bands!r} instead.")
    pairs.sort(key=lambda p: float(p[0]))
    return np.array([float(b) for b, _ in pairs]), np.array([lab for _, lab in pairs], object)


def _check_agree(agree_from: object, func: str) -> dict[int, int]:
    """The lowest agreeing value per scale size."""
    if agree_from is None:
        return {4: 3, 5: 4}
    if isinstance(agree_from, Mapping):
        out = {4: 3, 5: 4}
        for k, v in agree_from.items():
            if k not in SCALES:
                raise ParameterError(
                    f"The 'agree_from' parameter of {func} must map scale sizes (4, 5) to the "
                    f"lowest agreeing value. Got the key {k!r} instead."
                )
            out[int(k)] = v
    else:
        out = {4: agree_from, 5: agree_from}  # type: ignore[dict-item]
    for k, v in out.items():
        if not (isinstance(v, (int, np.integer)) and not isinstance(v, bool) and 2 <= v <= k):
            raise ParameterError(
                f"The 'agree_from' parameter of {func} must be None, an integer from 2 to the "
                f"scale maximum, or a mapping {{scale size: such an integer}}. "
                f"Got {agree_from!r} instead."
            )
    return {k: int(v) for k, v in out.items()}


def _as_floats(value: object, name: str, func: str) -> np.ndarray:
    if isinstance(value, pd.Series):
        values = value
    else:
        arr = np.asarray(value, dtype=object)
        values = pd.Series(arr.ravel())
    try:
        out = pd.to_numeric(values, errors="raise")
    except (TypeError, ValueError):
        raise ParameterError(
            f"The {name!r} parameter of {func} must hold numbers. Got {value!r} instead."
        ) from None
    floats = pd.Series(out).to_numpy("float64", na_value=np.nan)
    return floats if isinstance(value, pd.Series) else floats.reshape(np.shape(value))


def _group_keys(by: object, func: str, forbidden: Sequence[str] = ()) -> list[str]:
    try:
        keys = checks.keys(by)  # type: ignore[arg-type]
    except TypeError:
        keys = None
    if keys is None or not all(isinstance(k, str) for k in keys) or len(set(keys)) != len(keys):
        raise ParameterError(
            f"The 'by' parameter of {func} must be a column name or a sequence of distinct "
            f"column names. Got {by!r} instead."
        )
    bad = [k for k in keys if k in forbidden]
    if bad:
        raise ParameterError(
            f"The 'by' parameter of {func} must not include {', '.join(map(repr, forbidden))} "
            f"(they are what is summarised). Got {by!r} instead."
        )
    return keys


# ---------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------
def _t_interval(
    mean: np.ndarray, var: np.ndarray, n: np.ndarray, confidence: float
) -> tuple[np.ndarray, np.ndarray]:
    """mean ± t((1 + c) / 2, n − 1) × sd / √n; NaN for fewer than 2 observations."""
    n = n.astype("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        df = np.where(n >= 2, n - 1, np.nan)
        half = stats.t.ppf((1 + confidence) / 2, df) * np.sqrt(np.maximum(var, 0.0) / n)
    return mean - half, mean + half


def _dimension_order(values: pd.Series) -> pd.Series:
    """Sort key: the contract's order of dimensions, then others, then "all"."""
    rank = {d: i for i, d in enumerate(_DIMENSIONS)}
    text = values.astype(object)
    return text.map(lambda d: (2, "") if d == ALL else (0, rank[d]) if d in rank else (1, str(d)))


def _grouped(work: pd.DataFrame, keys: list[str]):
    return work.groupby(keys, sort=False, observed=True, dropna=False)


# ---------------------------------------------------------------------------
# Public functions.
# ---------------------------------------------------------------------------
def score_0_100(
    value: object, scale_max: object, method: str = DEFAULT_METHOD
) -> float | np.ndarray | pd.Series:
    """A Likert value (or a mean of values) on the 0–100 score.

    Parameters
    ----------
    value : number, array-like or Series
        Values from 1 to ``scale_max`` (means are allowed); missing gives NaN.
    scale_max : 4, 5 or array-like of them
        The item's scale, broadcast against ``value``.
    method : {"linear", "x20"}
        Five-point scales only: ``"linear"`` (default) maps 1..5 to 0..100,
        (value − 1) / 4 × 100; ``"x20"`` gives value × 20 (20..100). Four-point
        scales are always value × 25 (25..100), the Indonesian practice.

    Returns
    -------
    float, numpy array or Series (same index) as ``value``.

    Examples
    --------
    >>> score_0_100([1, 3, 5], 5)
    array([  0.,  50., 100.])
    >>> score_0_100([1, 3, 5], 5, method="x20")
    array([ 20.,  60., 100.])
    >>> score_0_100(3.2, 4)
    80.0
    """
    func = "score_0_100"
    method = checks.choice(method, "method", func, SCORE_METHODS)
    v = _as_floats(value, "value", func)
    k = _as_floats(scale_max, "scale_max", func)
    try:
        v_b, k_b = np.broadcast_arrays(v, k)
    except ValueError:
        raise ParameterError(
            f"The 'scale_max' parameter of {func} must be one size or have the shape of "
            f"'value' {np.shape(v)}. Got the shape {np.shape(k)} instead."
        ) from None
    bad_k = np.isfinite(k_b) & ~np.isin(k_b, SCALES)
    if bad_k.any():
        raise ParameterError(
            f"The 'scale_max' parameter of {func} must be 4 or 5. "
            f"Got {k_b[bad_k].flat[0]:g} instead."
        )
    bad_v = np.isfinite(v_b) & np.isfinite(k_b) & ((v_b < 1) | (v_b > k_b))
    if bad_v.any():
        raise ParameterError(
            f"The 'value' parameter of {func} must lie from 1 to scale_max. "
            f"Got {v_b[bad_v].flat[0]:g} on a {k_b[bad_v].flat[0]:g}-point scale instead."
        )
    five = (v_b - 1) / 4 * 100 if method == "linear" else v_b * 20
    out = np.where(k_b == 4, v_b * 25, np.where(k_b == 5, five, np.nan))
    if isinstance(value, pd.Series):
        return pd.Series(out, index=value.index, name=value.name)
    if out.ndim == 0:
        return float(out)
    return out


def score_band(score: object, bands: Sequence[tuple[float, str]] = DEFAULT_BANDS) -> np.ndarray:
    """The band label of each score: the band with the highest lower bound ≤ the score.

    A score exactly on a bound is in the higher band; a missing score, or one
    below every bound, has no band (``None``).

    >>> score_band([84.99, 85, 70, 54.9, float("nan")]).tolist()
    ['baik', 'sangat baik', 'baik', 'kurang', None]
    """
    func = "score_band"
    bounds, labels = _check_bands(bands, func)
    s = np.atleast_1d(_as_floats(score, "score", func)).ravel()
    s = np.round(s, _BAND_DECIMALS)
    at = np.searchsorted(bounds, np.nan_to_num(s, nan=-np.inf), side="right") - 1
    out = np.full(len(s), None, dtype=object)
    has = np.isfinite(s) & (at >= 0)
    out[has] = labels[at[has]]
    return out


def _items(items: pd.DataFrame, func: str) -> pd.DataFrame:
    """item_id, dimension, scale_max, reversed of ``feedback_items``, checked and typed."""
    n = len(items)
    item_id = items["item_id"].astype(object).to_numpy()
    dims, bad = parse_enum(items["dimension"], "feedback_dimension")
    if bad.any():
        raise ParameterError(
            f"The 'feedback_items' parameter of {func} must give each item a dimension among "
            f"{', '.join(_DIMENSIONS)}. Got {items['dimension'][bad].iloc[0]!r} instead."
        )
    if "scale_max" in items.columns:
        scale, bad = parse_integers(items["scale_max"])
        scale = scale.fillna(5)
    else:
        scale, bad = pd.Series(5, index=items.index, dtype="Int64"), pd.Series(False, items.index)
    if bad.any() or not scale.isin(SCALES).all():
        raise ParameterError(
            f"The 'feedback_items' parameter of {func} must give scale_max 4 or 5 (empty: 5). "
            f"Got {items['scale_max'][bad | ~scale.isin(SCALES)].iloc[0]!r} instead."
        )
    if "reversed" in items.columns:
        rev, bad = parse_booleans(items["reversed"])
        if bad.any():
            raise ParameterError(
                f"The 'feedback_items' parameter of {func} must give reversed as true/false. "
                f"Got {items['reversed'][bad].iloc[0]!r} instead."
            )
        rev = rev.fillna(False)
    else:
        rev = pd.Series(False, index=items.index)
    return pd.DataFrame(
        {
            "item_id": item_id,
            "dimension": dims.astype(object).to_numpy(),
            "scale_max": scale.to_numpy("int64"),
            "reversed": rev.to_numpy(bool),
        },
        index=range(n),
    )


def long_answers(feedback: pd.DataFrame, feedback_items: pd.DataFrame) -> pd.DataFrame:
    """The survey as one row per response × item, reversed items turned.

    Parameters
    ----------
    feedback : DataFrame
        ``response_id``, ``program_id``, ``region_id`` and one column per
        item, matched to ``item_id`` as the loader matches them (case,
        spaces and punctuation ignored). Answers are numbers or Indonesian
        labels read on the item's own scale ("Setuju" is 4 of 5, 3 of 4).
        Items of ``feedback_items`` without a column are left out.
    feedback_items : DataFrame
        ``item_id``, ``dimension``; optional ``scale_max`` (4 or 5, empty: 5)
        and ``reversed`` (empty: false).

    Returns
    -------
    DataFrame
        ``response_id``, ``program_id``, ``region_id``, ``item_id``,
        ``dimension``, ``scale_max``, ``reversed``, ``answer`` (as given, 1..
        scale_max), ``value`` (reversed items: scale_max + 1 − answer), item
        by item in the order of ``feedback_items`` and within an item in the
        order of ``feedback``. Unanswered items are left out. Internal data:
        it keeps ``response_id`` (never the comment).

    Raises
    ------
    MissingColumnError
        A column named above is absent, or no column answers any item.
    ParameterError
        An answer that is not a Likert answer or lies outside 1..scale_max,
        or an item with an unknown dimension or scale.

    Examples
    --------
    >>> items = pd.DataFrame({"item_id": ["q1", "q2"], "dimension": ["metode", "manfaat"],
    ...     "scale_max": [4, 5], "reversed": [True, False]})
    >>> fb = pd.DataFrame({"response_id": ["a", "b"], "program_id": "P1",
    ...     "region_id": "ambon", "Q1": ["Setuju", "SS"], "q2": ["netral", None]})
    >>> long_answers(fb, items)[["response_id", "item_id", "scale_max", "answer", "value"]]
      response_id item_id  scale_max  answer  value
    0           a      q1          4       3      2
    1           b      q1          4       4      1
    2           a      q2          5       3      3
    """
    func = "long_answers"
    require_columns(feedback, list(_ID_COLUMNS), func)
    require_columns(feedback_items, ["item_id", "dimension"], func)
    items = _items(feedback_items, func)
    columns: dict[str, object] = {}
    for c in feedback.columns:
        if c not in _ID_COLUMNS:
            columns.setdefault(normalise_token(str(c)), c)
    exact = set(map(str, feedback.columns))
    found = []
    for row in items.itertuples(index=False):
        column = row.item_id if row.item_id in exact else columns.get(normalise_token(row.item_id))
        if column is not None:
            found.append((row, column))
    if not found and len(items):
        require_columns(feedback, [str(i) for i in items["item_id"]], func)

    positions, item_rows, answers = [], [], []
    for j, (row, column) in enumerate(found):
        raw = feedback[column]
        parsed, bad = parse_likert(raw, int(row.scale_max))
        values = parsed.to_numpy("float64", na_value=np.nan)
        out_of_range = np.isfinite(values) & ((values < 1) | (values > row.scale_max))
        if bad.any() or out_of_range.any():
            at = int(np.flatnonzero(bad.to_numpy(bool) | out_of_range)[0])
            raise ParameterError(
                f"The 'feedback' parameter of {func} must answer item {row.item_id!r} "
                f"(column {column!r}) with 1 to {row.scale_max} or a Likert label such as "
                f"'Setuju'. Got {raw.iloc[at]!r} (row {at}) instead."
            )
        keep = np.flatnonzero(np.isfinite(values))
        positions.append(keep)
        item_rows.append(np.full(len(keep), j))
        answers.append(values[keep])
    pos = np.concatenate(positions) if positions else np.zeros(0, int)
    which = np.concatenate(item_rows) if item_rows else np.zeros(0, int)
    answer = np.concatenate(answers).astype("int64") if answers else np.zeros(0, "int64")
    chosen = pd.DataFrame([row._asdict() for row, _ in found], columns=items.columns)
    scale = chosen["scale_max"].to_numpy("int64")[which]
    rev = chosen["reversed"].to_numpy(bool)[which]
    out = {c: feedback[c].iloc[pos].reset_index(drop=True) for c in _ID_COLUMNS}
    out |= {
        "item_id": pd.Series(chosen["item_id"].to_numpy(object)[which], dtype=object),
        "dimension": pd.Series(chosen["dimension"].to_numpy(object)[which], dtype=object),
        "scale_max": pd.Series(scale, dtype="int64"),
        "reversed": pd.Series(rev, dtype=bool),
        "answer": pd.Series(answer, dtype="int64"),
        "value": pd.Series(np.where(rev, scale + 1 - answer, answer), dtype="int64"),
    }
    return pd.DataFrame(out)[list(LONG_COLUMNS)]


def item_summary(
    long: pd.DataFrame,
    by: str | Sequence[str] = ("item_id",),
    *,
    agree_from: int | Mapping[int, int] | None = None,
    method: str = DEFAULT_METHOD,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Distribution, mean with its t interval, share agreeing and 0–100 score per group.

    Everything is computed on ``value`` (the answer turned for reversed
    items), so high is favourable on every item: for a reversed item
    ``share_agree`` is the share *disagreeing* with its negative wording.
    Rows are the answers (response × item): with ``by`` other than one item
    per group, a respondent counts once per item answered.

    Parameters
    ----------
    long : DataFrame
        As from :func:`long_answers`: the ``by`` columns, ``value``,
        ``scale_max`` (and ``dimension`` when ``by`` includes ``item_id``).
    by : str or sequence of str
        Group columns (default: per item); ``()`` for one overall row.
    agree_from : int, mapping or None
        Lowest value that counts as agreeing. None (default): 4 on five-point
        items ("Setuju", "Sangat Setuju"), 3 on four-point items. An integer
        applies to both scales; a mapping ``{4: 3, 5: 4}`` sets each.
    method : {"linear", "x20"}
        How five-point values become 0–100 (:func:`score_0_100`).
    confidence : float
        Level of the t intervals (default 0.95).

    Returns
    -------
    DataFrame
        The ``by`` columns (with ``dimension`` and ``reversed`` when ``by``
        includes ``item_id``), then ``scale_max`` (missing when a group mixes
        4- and 5-point items), ``n`` (answers), ``share_1`` … ``share_5``
        (share of each value; ``share_5`` is NaN on four-point groups and every
        share NaN on mixed groups), ``mean`` with ``mean_low``/``mean_high``
        (t interval; NaN for mixed groups and for n < 2), ``share_agree``,
        ``score`` (mean 0–100 score) with ``score_low``/``score_high`` (t
        interval of the row scores). Groups in order of first appearance
        (items in survey order), sorted by the ``by`` columns other than
        ``item_id``.

    Examples
    --------
    >>> long = pd.DataFrame({"item_id": ["q"] * 4, "dimension": "materi",
    ...     "scale_max": 5, "value": [2, 4, 4, 5]})
    >>> item_summary(long)[["item_id", "n", "share_4", "mean", "share_agree", "score"]]
      item_id  n  share_4  mean  share_agree  score
    0       q  4      0.5  3.75         0.75  68.75
    """
    func = "item_summary"
    keys = _group_keys(by, func, forbidden=("value",))
    per_item = "item_id" in keys
    needed = [*keys, "value", "scale_max"] + (["dimension"] if per_item else [])
    require_columns(long, list(dict.fromkeys(needed)), func)
    agree = _check_agree(agree_from, func)
    method = checks.choice(method, "method", func, SCORE_METHODS)
    confidence = _check_confidence(confidence, func)
    extra = [
        c for c in ("dimension", "reversed") if per_item and c in long.columns and c not in keys
    ]

    v = checks.floats(long["value"])
    k = checks.floats(long["scale_max"])
    score = score_0_100(v, k, method)
    keep = np.isfinite(v)
    group_cols = keys or ["_all"]
    work = pd.DataFrame(
        {c: long[c] for c in [*keys, *extra]} if keys else {"_all": np.zeros(len(long))},
        index=long.index,
    )
    threshold = np.where(k == 4, agree[4], agree[5])
    work = work.assign(
        _v=v, _v2=v * v, _s=score, _s2=score * score, _agree=v >= threshold, _kmin=k, _kmax=k
    )
    top = max(SCALES)
    for j in range(1, top + 1):
        work[f"_c{j}"] = v == j
    work = work[keep]
    g = _grouped(work, group_cols)
    agg = g.agg(
        n=("_v", "size"),
        _v=("_v", "sum"),
        _v2=("_v2", "sum"),
        _s=("_s", "sum"),
        _s2=("_s2", "sum"),
        share_agree=("_agree", "mean"),
        _kmin=("_kmin", "min"),
        _kmax=("_kmax", "max"),
        **{f"_c{j}": (f"_c{j}", "sum") for j in range(1, top + 1)},
        **{c: (c, "first") for c in extra},
    ).reset_index()
    n = agg["n"].to_numpy("float64")
    single = (agg["_kmin"] == agg["_kmax"]).to_numpy(bool)
    kk = np.where(single, agg["_kmax"], np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_v = agg["_v"].to_numpy() / n
        var_v = (agg["_v2"].to_numpy() - n * mean_v**2) / (n - 1)
        mean_s = agg["_s"].to_numpy() / n
        var_s = (agg["_s2"].to_numpy() - n * mean_s**2) / (n - 1)
    mean_v = np.where(single, mean_v, np.nan)
    low_v, high_v = _t_interval(mean_v, var_v, n, confidence)
    low_s, high_s = _t_interval(mean_s, var_s, n, confidence)
    out = agg[[*keys, *extra]].copy() if keys else pd.DataFrame(index=agg.index)
    out["scale_max"] = pd.array(np.where(single, kk, np.nan), dtype="Float64").astype("Int64")
    out["n"] = agg["n"].astype("int64")
    for j in range(1, top + 1):
        out[f"share_{j}"] = np.where(single & (j <= np.nan_to_num(kk)), agg[f"_c{j}"] / n, np.nan)
    out["mean"] = mean_v
    out["mean_low"], out["mean_high"] = low_v, high_v
    out["share_agree"] = agg["share_agree"].astype("float64")
    out["score"] = mean_s
    out["score_low"], out["score_high"] = low_s, high_s
    others = [c for c in keys if c != "item_id"]
    if others:
        out = out.sort_values(others, kind="stable", na_position="last")
    return out.reset_index(drop=True)[[*keys, *extra, *ITEM_COLUMNS]]


def _respondent_scores(
    long: pd.DataFrame, keys: list[str], method: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each respondent's score per dimension and overall (column ``_s``), within ``keys``."""
    score = score_0_100(checks.floats(long["value"]), checks.floats(long["scale_max"]), method)
    group_cols = keys or ["_all"]
    work = pd.DataFrame(
        {c: long[c] for c in keys} if keys else {"_all": np.zeros(len(long))}, index=long.index
    )
    work["response_id"] = long["response_id"]
    work["dimension"] = long["dimension"].astype(object)
    work["_s"] = score
    work = work[np.isfinite(score)]
    per_dim = _grouped(work, [*group_cols, "response_id", "dimension"])["_s"].mean().reset_index()
    overall = _grouped(per_dim, [*group_cols, "response_id"])["_s"].mean().reset_index()
    overall["dimension"] = ALL
    return per_dim, overall


def respondent_scores(
    long: pd.DataFrame,
    *,
    method: str = DEFAULT_METHOD,
    bands: Sequence[tuple[float, str]] = DEFAULT_BANDS,
) -> pd.DataFrame:
    """Each respondent's overall 0–100 score and its band, as :func:`dimension_scores` averages.

    The overall score is the mean of the respondent's dimension scores (each the
    mean of their item scores). Used to split what people wrote by how they
    rated the programme; never shown per person.

    Returns
    -------
    DataFrame
        ``response_id``, ``score``, ``band``; respondents without any answer
        are left out.

    Examples
    --------
    >>> long = pd.DataFrame({"response_id": ["1", "1", "1", "2"],
    ...     "dimension": ["materi", "materi", "metode", "materi"], "scale_max": 4,
    ...     "value": [4, 2, 4, 3]})
    >>> respondent_scores(long)
      response_id  score         band
    0           1   87.5  sangat baik
    1           2   75.0         baik
    """
    func = "respondent_scores"
    require_columns(long, ["response_id", "dimension", "value", "scale_max"], func)
    method = checks.choice(method, "method", func, SCORE_METHODS)
    _check_bands(bands, func)
    _, overall = _respondent_scores(long, [], method)
    out = pd.DataFrame(
        {"response_id": overall["response_id"].to_numpy(), "score": overall["_s"].to_numpy()}
    )
    out["band"] = score_band(out["score"].to_numpy(), bands) if len(out) else []
    return out


def dimension_scores(
    long: pd.DataFrame,
    by: str | Sequence[str] = ("program_id",),
    *,
    method: str = DEFAULT_METHOD,
    bands: Sequence[tuple[float, str]] = DEFAULT_BANDS,
    min_responses: int = 10,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """0–100 scores per group × dimension and overall, with intervals, bands and ranks.

    A respondent's score on a dimension is the mean of their item scores
    (:func:`score_0_100`) in it; their overall score is the mean of their
    dimension scores (each dimension weighs the same, however many items it
    has). A group's score is the mean over its respondents, with the t
    interval over respondents (not clipped to the scale: near 100 with few
    respondents the upper bound may pass 100).

    Parameters
    ----------
    long : DataFrame
        As from :func:`long_answers` (``response_id``, ``dimension``,
        ``value``, ``scale_max`` and the ``by`` columns); merge
        ``provider_type`` in with :func:`with_programme` to group by it.
    by : str or sequence of str
        Group columns (default per programme); ``()`` for the whole survey.
        Not ``dimension``, ``item_id`` or ``response_id``.
    method : {"linear", "x20"}
        How five-point values become 0–100.
    bands : sequence of (lower bound, label)
        Default :data:`DEFAULT_BANDS` (a choice, not a regulation).
    min_responses : int
        Respondents a group needs on a dimension to be ranked (default 10).
    confidence : float
        Level of the t intervals (default 0.95).

    Returns
    -------
    DataFrame
        The ``by`` columns, ``dimension`` (the contract's dimensions in
        order, then ``"all"``), ``n_responses``, ``score``, ``score_low``,
        ``score_high``, ``band``, ``enough`` (n_responses ≥ min_responses),
        ``rank`` (within the dimension among the groups with enough
        respondents, 1 = highest score, ties share the best rank; missing
        otherwise).

    Examples
    --------
    >>> long = pd.DataFrame({"program_id": ["A", "A", "A", "A", "B", "B"],
    ...     "response_id": ["1", "1", "2", "2", "3", "4"],
    ...     "dimension": ["materi", "metode"] * 3, "scale_max": 4,
    ...     "value": [4, 3, 3, 3, 2, 2]})
    >>> dimension_scores(long, min_responses=2)[
    ...     ["program_id", "dimension", "n_responses", "score", "band", "rank"]]
      program_id dimension  n_responses  score         band  rank
    0          A    materi            2  87.50  sangat baik     1
    1          A    metode            2  75.00         baik     1
    2          A       all            2  81.25         baik     1
    3          B    materi            1  50.00       kurang  <NA>
    4          B    metode            1  50.00       kurang  <NA>
    5          B       all            2  50.00       kurang     2
    """
    func = "dimension_scores"
    keys = _group_keys(by, func, forbidden=("dimension", "item_id", "response_id"))
    require_columns(long, [*keys, "response_id", "dimension", "value", "scale_max"], func)
    method = checks.choice(method, "method", func, SCORE_METHODS)
    _check_bands(bands, func)
    min_responses = checks.count(min_responses, "min_responses", func)
    confidence = _check_confidence(confidence, func)

    group_cols = keys or ["_all"]
    per_dim, overall = _respondent_scores(long, keys, method)
    both = pd.concat([per_dim, overall[per_dim.columns]], ignore_index=True)
    agg = _grouped(both, [*group_cols, "dimension"])["_s"].agg(["size", "mean", "var"])
    agg = agg.reset_index()
    n = agg["size"].to_numpy("int64")
    low, high = _t_interval(agg["mean"].to_numpy(), agg["var"].to_numpy(), n, confidence)
    out = agg[keys].copy() if keys else pd.DataFrame(index=agg.index)
    out["dimension"] = agg["dimension"].astype(object)
    out["n_responses"] = n
    out["score"] = agg["mean"].to_numpy("float64")
    out["score_low"], out["score_high"] = low, high
    out["band"] = score_band(out["score"].to_numpy(), bands) if len(out) else []
    out["enough"] = out["n_responses"] >= min_responses
    ranked = out["score"].where(out["enough"] & np.isfinite(out["score"]))
    out["rank"] = ranked.groupby(out["dimension"]).rank(ascending=False, method="min")
    out["rank"] = out["rank"].astype("Int64")
    out["_order"] = _dimension_order(out["dimension"])
    out = out.sort_values([*keys, "_order"], kind="stable", na_position="last")
    return out.reset_index(drop=True)[[*keys, *DIMENSION_COLUMNS]]


def with_programme(long: pd.DataFrame, programs: pd.DataFrame) -> pd.DataFrame:
    """``long`` with the programme's ``name``, ``form``, ``mode``, ``provider_type``.

    The columns are inserted after ``program_id`` (replacing any of the same
    name already there); unknown programmes get missing values. Use it to
    score by provider type: ``dimension_scores(with_programme(long, programs),
    by="provider_type")``.

    >>> long = pd.DataFrame({"program_id": ["P1", "P9"], "value": [4, 5]})
    >>> programs = pd.DataFrame({"program_id": ["P1"], "name": ["Bimtek"],
    ...     "form": ["bimbingan_teknis"], "mode": ["klasikal"], "provider_type": ["internal"]})
    >>> with_programme(long, programs)
      program_id    name              form      mode provider_type  value
    0         P1  Bimtek  bimbingan_teknis  klasikal      internal      4
    1         P9     NaN               NaN       NaN           NaN      5
    """
    func = "with_programme"
    require_columns(long, ["program_id"], func)
    require_columns(programs, ["program_id", *PROGRAMME_COLUMNS], func)
    info = programs.drop_duplicates("program_id").set_index("program_id")
    info.index = pd.Index(info.index.astype(object))
    wanted = pd.Index(long["program_id"].astype(object))
    out = long.drop(columns=[c for c in PROGRAMME_COLUMNS if c in long.columns])
    at = out.columns.get_loc("program_id") + 1
    for i, col in enumerate(PROGRAMME_COLUMNS):
        values = info[col].reindex(wanted)
        out.insert(at + i, col, values.to_numpy() if values.dtype == object else values.array)
    return out
