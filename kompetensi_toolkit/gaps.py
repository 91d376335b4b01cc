"""Competency gaps against the standard of the position, and Job Person Match.

The questions a BKPSDM asks first: who falls short of the standard of their
position, in what, and by how much. Everything here follows the methods in
``shared/spec/domain.md`` (PermenPANRB 38/2017 standards; BKN's Job Person
Match and its categories; PP 11/2017 Art. 206 for the target position); every
number not fixed by a regulation is a parameter with that default.

The work is done on a wide employee × competency matrix (:class:`GapMatrix`)
built with integer codes, so the same code scores one kecamatan or 5.6 million
employees; :func:`competency_gaps` gives the long, tidy view of it for
aggregation per unit, competency or group.

Missing assessments are never imputed: a competency the position requires but
that was not assessed has ``level`` NaN, is left out of JPM's sums, and is
counted by :func:`missing_assessments`.

Examples
--------
>>> import pandas as pd
>>> employees = pd.DataFrame({"employee_id": ["a", "b"],
...                           "position_type": ["pengawas", "pelaksana"]})
>>> standards = pd.DataFrame({"position_type": ["pengawas", "pengawas", "pelaksana", "pelaksana"],
...                           "competency_id": ["M.01", "M.02"] * 2,
...                           "required_level": [2, 2, 1, 1]})
>>> assessments = pd.DataFrame({"employee_id": ["a", "a", "b"],
...                             "competency_id": ["M.01", "M.02", "M.01"], "level": [2, 1.5, 1]})
>>> job_person_match(employees, assessments, standards)[["employee_id", "jpm", "category"]]
  employee_id    jpm        category
0           a   87.5   Cukup Optimal
1           b  100.0         Optimal
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.schema import ENUMS

POSITIONS: tuple[str, ...] = ENUMS["position_type"].values

#: JPM category thresholds (lower bounds, highest first) and labels, by purpose.
JPM_CATEGORIES: dict[str, tuple[tuple[float, str], ...]] = {
    # competency mapping (pemetaan)
    "mapping": ((90.0, "Optimal"), (78.0, "Cukup Optimal"), (-np.inf, "Kurang Optimal")),
    # filling a position (pengisian jabatan / uji kompetensi)
    "selection": (
        (80.0, "Memenuhi Syarat"),
        (68.0, "Masih Memenuhi Syarat"),
        (-np.inf, "Kurang Memenuhi Syarat"),
    ),
}

#: Weight of the technical JPM in a functional post's total (domain.md):
#: JPM = w × JPM_teknis + (1 − w) × JPM_manajerial+sosial kultural.
TECHNICAL_WEIGHTS: dict[str, float] = {
    "fungsional_ahli_madya": 0.4,
    "fungsional_ahli_muda": 0.5,
    "fungsional_ahli_pertama": 0.6,
}

#: The next position up, for readiness (PP 11/2017 Art. 206: gap to the target position).
NEXT_POSITION: dict[str, str] = {
    "pelaksana": "pengawas",
    "pengawas": "administrator",
    "administrator": "jpt_pratama",
    "jpt_pratama": "jpt_madya",
    "jpt_madya": "jpt_utama",
    "fungsional_ahli_pertama": "fungsional_ahli_muda",
    "fungsional_ahli_muda": "fungsional_ahli_madya",
    "fungsional_ahli_madya": "fungsional_ahli_utama",
    "fungsional_pemula": "fungsional_terampil",
    "fungsional_terampil": "fungsional_mahir",
    "fungsional_mahir": "fungsional_penyelia",
}

JPM_METHODS = ("sum_ratio", "mean_ratio")
_PREFIX_CATEGORY = (("M.", "manajerial"), ("SK.", "sosial_kultural"), ("T.", "teknis"))
_EMPLOYEE_ATTRIBUTES = ("region_id", "unit", "position_type", "performance")


# ---------------------------------------------------------------------------
# Categories.
# ---------------------------------------------------------------------------
def _check_purpose(purpose: str, func: str) -> tuple[tuple[float, str], ...]:
    if purpose not in JPM_CATEGORIES:
        raise ParameterError(
            f"The 'purpose' parameter of {func} must be one of "
            f"{', '.join(map(repr, JPM_CATEGORIES))}. Got {purpose!r} instead."
        )
    return JPM_CATEGORIES[purpose]


def category_labels(purpose: str = "mapping") -> list[str]:
    """The category labels of ``purpose``, lowest first (the categorical order).

    >>> category_labels("selection")
    ['Kurang Memenuhi Syarat', 'Masih Memenuhi Syarat', 'Memenuhi Syarat']
    """
    return [label for _, label in reversed(_check_purpose(purpose, "category_labels"))]


def jpm_category(values, purpose: str = "mapping"):
    """Map JPM values to BKN's categories.

    Mapping (pemetaan): Optimal ≥ 90, Cukup Optimal 78 to < 90, Kurang
    Optimal < 78. Selection (pengisian jabatan): Memenuhi Syarat ≥ 80, Masih
    Memenuhi Syarat 68 to < 80, Kurang Memenuhi Syarat < 68. Values are
    compared after rounding to 6 decimals, so a JPM that is 90 in exact
    arithmetic but 89.99999999999999 in floating point is Optimal.

    Parameters
    ----------
    values : float, array-like or Series
        JPM in percent; NaN stays missing.
    purpose : {"mapping", "selection"}

    Returns
    -------
    str, Categorical or Series
        A label for a scalar; otherwise an ordered categorical (lowest
        category first), a Series when given a Series (same index).

    Examples
    --------
    >>> jpm_category(90.0), jpm_category(89.99), jpm_category(78.0), jpm_category(77.99)
    ('Optimal', 'Cukup Optimal', 'Cukup Optimal', 'Kurang Optimal')
    >>> list(jpm_category([80, 79.99, 68, 67.99], purpose="selection"))
    ['Memenuhi Syarat', 'Masih Memenuhi Syarat', 'Masih Memenuhi Syarat', 'Kurang Memenuhi Syarat']
    """
    bands = _check_purpose(purpose, "jpm_category")
    if np.ndim(values) == 0:
        if values is None or pd.isna(values):
            return None
        x = round(float(values), 6)
        return next(label for bound, label in bands if x >= bound)
    x = np.round(np.asarray(values, dtype="float64"), 6)
    codes = np.full(x.shape, -1, dtype="int8")
    order = category_labels(purpose)
    for bound, label in reversed(bands):  # lowest first; higher bands overwrite
        codes[x >= bound] = order.index(label)
    cat = pd.Categorical.from_codes(codes, categories=order, ordered=True)
    if isinstance(values, pd.Series):
        return pd.Series(cat, index=values.index, name="category")
    return cat


# ---------------------------------------------------------------------------
# The wide matrix.
# ---------------------------------------------------------------------------
#: Rows scored at a time: keeps temporaries in cache and memory flat at national size.
CHUNK_ROWS = 1 << 18


@dataclass(frozen=True)
class GapMatrix:
    """Levels and standards of every employee × competency, as arrays.

    ``level[i, j]`` is employee i's latest assessed level in competency j
    (NaN when not assessed). Standards depend on the position only, so they
    are kept per position (``required_by_position``, ``weight_by_position``:
    one row per :data:`POSITIONS` entry plus a last all-NaN row) and
    ``position_code[i]`` points at employee i's row (-1: the NaN row);
    :attr:`required` and :attr:`weight` give them per employee. Rows follow
    ``employees``, columns ``competencies``.
    """

    employees: pd.DataFrame
    competencies: pd.DataFrame
    level: np.ndarray
    position_code: np.ndarray
    required_by_position: np.ndarray
    weight_by_position: np.ndarray

    def chunk(self, rows: slice = slice(None)) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(level, required, weight) of a block of rows."""
        pos = self.position_code[rows]
        return self.level[rows], self.required_by_position[pos], self.weight_by_position[pos]

    @property
    def required(self) -> np.ndarray:
        """Required level per employee × competency (NaN: not required)."""
        return self.chunk()[1]

    @property
    def weight(self) -> np.ndarray:
        return self.chunk()[2]

    @property
    def assessed(self) -> np.ndarray:
        """Required and assessed."""
        return ~np.isnan(self.level) & ~np.isnan(self.required)

    @property
    def gap(self) -> np.ndarray:
        """Level − required (negative: below standard); NaN where either is missing."""
        return self.level - self.required


def _codes(values: pd.Series, index: pd.Index) -> np.ndarray:
    """Positions of ``values`` in ``index`` (-1 when absent), fast for categoricals."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = values.cat.categories
        codes = values.cat.codes.to_numpy()
        if len(categories) == len(index) and categories.equals(index):
            return codes  # already positions in the index (-1 for missing), as narrow ints
        lookup = index.get_indexer(categories)
        return np.where(codes >= 0, lookup[codes], -1)
    return index.get_indexer(values)


def _competency_frame(standards: pd.DataFrame, competencies: pd.DataFrame | None) -> pd.DataFrame:
    if competencies is not None:
        require_columns(competencies, ["competency_id"], "gap_matrix")
        frame = competencies.drop_duplicates("competency_id").reset_index(drop=True)
        if "category" not in frame:
            frame = frame.assign(category=_category_from_id(frame["competency_id"]))
        return frame
    ids = pd.unique(standards["competency_id"].astype("str"))
    return pd.DataFrame({"competency_id": ids, "category": _category_from_id(pd.Series(ids))})


def _category_from_id(ids: pd.Series) -> pd.Series:
    out = pd.Series(pd.NA, index=ids.index, dtype="object")
    for prefix, category in _PREFIX_CATEGORY:
        out[ids.astype("str").str.startswith(prefix)] = category
    return out


def _standard_arrays(
    standards: pd.DataFrame, comp_index: pd.Index
) -> tuple[np.ndarray, np.ndarray]:
    """(required, weight) per position type (rows: POSITIONS) × competency."""
    require_columns(standards, ["position_type", "competency_id", "required_level"], "gap_matrix")
    pos = _codes(standards["position_type"], pd.Index(POSITIONS))
    comp = _codes(standards["competency_id"], comp_index)
    ok = (pos >= 0) & (comp >= 0)
    required = np.full((len(POSITIONS), len(comp_index)), np.nan)
    weight = np.full_like(required, np.nan)
    levels = standards["required_level"].to_numpy("float64", na_value=np.nan)
    required[pos[ok], comp[ok]] = levels[ok]
    w = standards["weight"] if "weight" in standards else pd.Series(1.0, index=standards.index)
    weight[pos[ok], comp[ok]] = w.to_numpy("float64", na_value=np.nan)[ok]
    weight[np.isnan(weight) & ~np.isnan(required)] = 1.0
    return required, weight


def _latest_levels(
    assessments: pd.DataFrame, emp_index: pd.Index, comp_index: pd.Index
) -> np.ndarray:
    """The latest level per employee × competency (NaN when not assessed).

    Dates decide; an undated assessment counts as the oldest; among equal
    dates the later row wins.
    """
    require_columns(assessments, ["employee_id", "competency_id", "level"], "gap_matrix")
    n, k = len(emp_index), len(comp_index)
    e = _codes(assessments["employee_id"], emp_index)
    c = _codes(assessments["competency_id"], comp_index)
    lv = assessments["level"].to_numpy("float64", na_value=np.nan)
    ok = (e >= 0) & (c >= 0) & ~np.isnan(lv)
    all_ok = bool(ok.all())
    key = e.astype("int64") if all_ok else e[ok].astype("int64")  # a fresh array: safe in place
    key *= k
    key += c if all_ok else c[ok]
    if not all_ok:
        lv = lv[ok]
    out = np.full(n * k, np.nan)
    out[key] = lv
    if np.count_nonzero(~np.isnan(out)) == len(key):  # each cell assessed once: done
        return out.reshape(n, k)
    counts = np.bincount(key, minlength=n * k)
    repeated = counts[key] > 1
    if repeated.any():
        if "assessed_on" in assessments:
            dates = assessments["assessed_on"].to_numpy("datetime64[ns]")
            dates = (dates if all_ok else dates[ok])[repeated]
            when = dates.view("int64")  # NaT is the smallest int64: the oldest
        else:
            when = np.zeros(int(repeated.sum()), dtype="int64")
        kd, ld = key[repeated], lv[repeated]
        order = np.lexsort((np.arange(len(kd)), when, kd))
        kd, ld = kd[order], ld[order]
        last = np.r_[kd[1:] != kd[:-1], True]
        out[kd[last]] = ld[last]
    return out.reshape(n, k)


def gap_matrix(
    employees: pd.DataFrame,
    assessments: pd.DataFrame,
    standards: pd.DataFrame,
    competencies: pd.DataFrame | None = None,
    *,
    positions: pd.Series | None = None,
) -> GapMatrix:
    """Build the :class:`GapMatrix` of a set of employees.

    Parameters
    ----------
    employees : DataFrame
        ``employee_id`` (unique) and ``position_type``.
    assessments : DataFrame
        ``employee_id``, ``competency_id``, ``level`` and, when an employee
        was assessed more than once in a competency, ``assessed_on``.
    standards : DataFrame
        ``position_type``, ``competency_id``, ``required_level``, optional
        ``weight`` (default 1).
    competencies : DataFrame, optional
        ``competency_id`` and ``category``; default: the competencies of
        ``standards``, categorised by their id prefix (M., SK., T.).
    positions : Series, optional
        The position to measure each employee against (aligned with
        ``employees``); default their own ``position_type``.
    """
    require_columns(employees, ["employee_id", "position_type"], "gap_matrix")
    comps = _competency_frame(standards, competencies)
    comp_index = pd.Index(comps["competency_id"].astype("str"))
    emp_index = pd.Index(employees["employee_id"])
    required_by_pos, weight_by_pos = _standard_arrays(standards, comp_index)
    pos = _codes(
        employees["position_type"] if positions is None else positions, pd.Index(POSITIONS)
    )
    nan_row = np.full((1, len(comp_index)), np.nan)  # code -1 picks this last row
    level = _latest_levels(assessments, emp_index, comp_index)
    cols = ["employee_id", *(c for c in _EMPLOYEE_ATTRIBUTES if c in employees)]
    return GapMatrix(
        employees[cols].reset_index(drop=True),
        comps,
        level,
        pos,
        np.vstack([required_by_pos, nan_row]),
        np.vstack([weight_by_pos, nan_row]),
    )


# ---------------------------------------------------------------------------
# Long view.
# ---------------------------------------------------------------------------
def competency_gaps(
    employees: pd.DataFrame,
    assessments: pd.DataFrame,
    standards: pd.DataFrame,
    competencies: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per employee × competency their position requires.

    Returns
    -------
    DataFrame
        ``employee_id`` and the employee's ``region_id``, ``unit``,
        ``position_type``, ``performance`` (those present);
        ``competency_id``, ``category``; ``required_level``, ``weight``;
        ``level`` (latest assessment, NaN when not assessed); ``assessed``
        (bool); ``gap`` = level − required (negative: below standard; NaN
        when not assessed); ``below`` (boolean, NA when not assessed).

    Examples
    --------
    >>> import pandas as pd
    >>> emp = pd.DataFrame({"employee_id": ["a"], "position_type": ["pengawas"]})
    >>> std = pd.DataFrame({"position_type": ["pengawas"] * 2, "competency_id": ["M.01", "M.02"],
    ...                     "required_level": [2, 2]})
    >>> ass = pd.DataFrame({"employee_id": ["a", "a"], "competency_id": ["M.01", "M.01"],
    ...                     "level": [1, 3],
    ...                     "assessed_on": pd.to_datetime(["2025-01-01", "2023-01-01"])})
    >>> competency_gaps(emp, ass, std)[["competency_id", "level", "gap", "below"]]
      competency_id  level  gap  below
    0          M.01    1.0 -1.0   True
    1          M.02    NaN  NaN   <NA>
    """
    return gap_frame(gap_matrix(employees, assessments, standards, competencies))


def gap_frame(matrix: GapMatrix) -> pd.DataFrame:
    """The long view of a :class:`GapMatrix` (see :func:`competency_gaps`)."""
    required = ~np.isnan(matrix.required)
    rows, cols = np.nonzero(required)
    out = matrix.employees.iloc[rows].reset_index(drop=True)
    comps = matrix.competencies.iloc[cols].reset_index(drop=True)
    out["competency_id"] = comps["competency_id"].to_numpy()
    out["category"] = comps["category"].to_numpy()
    out["required_level"] = matrix.required[rows, cols]
    out["weight"] = matrix.weight[rows, cols]
    level = matrix.level[rows, cols]
    out["level"] = level
    out["assessed"] = ~np.isnan(level)
    out["gap"] = level - out["required_level"].to_numpy()
    out["below"] = _nullable_bool(out["gap"].to_numpy() < 0, ~out["assessed"].to_numpy())
    return out


# ---------------------------------------------------------------------------
# Job Person Match.
# ---------------------------------------------------------------------------
def _jpm_parts(level, required, weight, mask, method: str) -> tuple[np.ndarray, np.ndarray]:
    """(numerator, denominator) cells of JPM, zero outside ``mask``."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "sum_ratio":
            num, den = weight * level, weight * required
        else:
            num, den = weight * level / required, weight.copy()
    num[~mask] = 0.0
    den[~mask] = 0.0
    return num, den


def _ratio(num: np.ndarray, den: np.ndarray, columns: np.ndarray | None = None) -> np.ndarray:
    """100 × Σ num / Σ den per row (over the boolean ``columns``); NaN where Σ den is 0."""
    select = np.ones(num.shape[1]) if columns is None else columns.astype("float64")
    top, bottom = num @ select, den @ select  # row sums without copying column subsets
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(bottom > 0, 100.0 * top / bottom, np.nan)


def _score_rows(matrix: GapMatrix, method: str) -> dict[str, np.ndarray]:
    """Per employee: JPM overall, managerial (+ sosial kultural), technical, and counts.

    Computed in blocks of :data:`CHUNK_ROWS` rows.
    """
    n = len(matrix.level)
    technical = (matrix.competencies["category"] == "teknis").to_numpy()
    out = {name: np.empty(n) for name in ("overall", "managerial", "technical")}
    out |= {name: np.empty(n, dtype="int64") for name in ("n_required", "n_assessed")}
    for start in range(0, n, CHUNK_ROWS):
        rows = slice(start, min(start + CHUNK_ROWS, n))
        level, required, weight = matrix.chunk(rows)
        is_required = ~np.isnan(required)
        mask = is_required & ~np.isnan(level)
        num, den = _jpm_parts(level, required, weight, mask, method)
        out["overall"][rows] = _ratio(num, den)
        out["managerial"][rows] = _ratio(num, den, ~technical)
        out["technical"][rows] = _ratio(num, den, technical)
        out["n_required"][rows] = is_required.sum(axis=1)
        out["n_assessed"][rows] = mask.sum(axis=1)
    return out


def _nullable_bool(values: np.ndarray, missing: np.ndarray) -> pd.arrays.BooleanArray:
    return pd.arrays.BooleanArray(np.asarray(values, dtype=bool), np.asarray(missing, dtype=bool))


def _check_method(method: str, func: str) -> None:
    if method not in JPM_METHODS:
        raise ParameterError(
            f"The 'method' parameter of {func} must be one of "
            f"{', '.join(map(repr, JPM_METHODS))}. Got {method!r} instead."
        )


def _check_cap(cap: float | None, func: str) -> None:
    if cap is not None and not (isinstance(cap, int | float) and cap > 0):
        raise ParameterError(
            f"The 'cap' parameter of {func} must be None or a number > 0. Got {cap!r} instead."
        )


def jpm_from_matrix(
    matrix: GapMatrix,
    *,
    method: str = "sum_ratio",
    cap: float | None = None,
    purpose: str = "mapping",
    technical_weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Job Person Match of every row of a :class:`GapMatrix`.

    See :func:`job_person_match` for the method and the returned columns.
    """
    _check_method(method, "job_person_match")
    _check_cap(cap, "job_person_match")
    _check_purpose(purpose, "job_person_match")
    weights = TECHNICAL_WEIGHTS if technical_weights is None else technical_weights
    scores = _score_rows(matrix, method)
    overall, managerial, tech = scores["overall"], scores["managerial"], scores["technical"]

    out = matrix.employees.copy()
    jpm = overall
    if weights and "position_type" in out:
        by_position = np.array([weights.get(p, np.nan) for p in POSITIONS] + [np.nan])
        w = by_position[matrix.position_code]
        both = ~np.isnan(w) & ~np.isnan(managerial) & ~np.isnan(tech)
        jpm = np.where(both, w * tech + (1 - w) * managerial, overall)
    out["n_required"] = scores["n_required"]
    out["n_assessed"] = scores["n_assessed"]
    out["jpm_managerial"] = managerial
    out["jpm_technical"] = tech
    out["above_100"] = _nullable_bool(jpm > 100.0, np.isnan(jpm))
    if cap is not None:
        jpm = np.minimum(jpm, cap)
    out["jpm"] = jpm
    out["category"] = jpm_category(out["jpm"], purpose)
    out["ikk"] = 100.0 - jpm
    order = [
        "employee_id",
        *(c for c in _EMPLOYEE_ATTRIBUTES if c in out),
        "n_required",
        "n_assessed",
        "jpm",
        "jpm_managerial",
        "jpm_technical",
        "category",
        "ikk",
        "above_100",
    ]
    return out[order]


def job_person_match(
    employees: pd.DataFrame,
    assessments: pd.DataFrame,
    standards: pd.DataFrame,
    competencies: pd.DataFrame | None = None,
    *,
    method: str = "sum_ratio",
    cap: float | None = None,
    purpose: str = "mapping",
    technical_weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Job Person Match (JPM) of every employee against their position's standard.

    ``sum_ratio`` (default, BKN practice): JPM = 100 × Σ w·level / Σ w·required
    over the competencies both required and assessed (w: the standard's weight,
    1 by default). ``mean_ratio``: 100 × the w-weighted mean of level /
    required. For the functional posts in ``technical_weights`` (default: Ahli
    Madya 0.4, Ahli Muda 0.5, Ahli Pertama 0.6) with both parts assessed, JPM
    = w × JPM_teknis + (1 − w) × JPM_manajerial+sosial kultural. Competencies
    not assessed are left out, never imputed; an employee with none assessed
    has no JPM.

    Parameters
    ----------
    employees, assessments, standards, competencies
        As for :func:`gap_matrix`.
    method : {"sum_ratio", "mean_ratio"}
    cap : float, optional
        Clip JPM at this value (some tools cap at 100). Default: no cap; the
        ``above_100`` column says who exceeds 100 either way.
    purpose : {"mapping", "selection"}
        Which categories to assign (see :func:`jpm_category`).
    technical_weights : mapping, optional
        Position type → weight of the technical JPM; ``{}`` turns it off.

    Returns
    -------
    DataFrame
        One row per employee, in the order of ``employees``: ``employee_id``,
        ``region_id``, ``unit``, ``position_type``, ``performance`` (those
        present), ``n_required`` and ``n_assessed`` (competencies),
        ``jpm``, ``jpm_managerial`` (manajerial + sosial kultural),
        ``jpm_technical``, ``category`` (ordered categorical),
        ``ikk`` = 100 − JPM (competency gap index), ``above_100`` (boolean).
    """
    matrix = gap_matrix(employees, assessments, standards, competencies)
    return jpm_from_matrix(
        matrix, method=method, cap=cap, purpose=purpose, technical_weights=technical_weights
    )


# ---------------------------------------------------------------------------
# Aggregates (each carries its group size, for suppression downstream).
# ---------------------------------------------------------------------------
def _by(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def category_distribution(jpm: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """How many employees fall in each JPM category.

    Returns
    -------
    DataFrame
        ``by`` columns, ``category`` (every category, zeros included),
        ``n``, ``share`` = n / n_group, ``n_group`` (employees with a JPM in
        the group).

    Examples
    --------
    >>> import pandas as pd
    >>> jpm = pd.DataFrame({"category": jpm_category([95, 80, 70, 71])})
    >>> category_distribution(jpm)
             category  n  share  n_group
    0  Kurang Optimal  2   0.50        4
    1   Cukup Optimal  1   0.25        4
    2         Optimal  1   0.25        4
    """
    keys = _by(by)
    require_columns(jpm, [*keys, "category"], "category_distribution")
    known = jpm[jpm["category"].notna()]
    if keys:
        counts = known.groupby([*keys, "category"], observed=False).size().rename("n")
        counts = counts.reset_index()
        counts["n_group"] = counts.groupby(keys, observed=False)["n"].transform("sum")
        counts = counts[counts["n_group"] > 0]
    else:
        counts = known["category"].value_counts(sort=False).rename("n").reset_index()
        counts["n_group"] = int(counts["n"].sum())
    counts["n"] = counts["n"].astype("int64")
    counts["share"] = counts["n"] / counts["n_group"].where(counts["n_group"] > 0)
    return counts[[*keys, "category", "n", "share", "n_group"]].reset_index(drop=True)


def shortfall_by_competency(
    gaps: pd.DataFrame,
    competencies: pd.DataFrame | None = None,
    by: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Share of assessed staff below standard in each competency (BKN's gap view).

    Returns
    -------
    DataFrame
        ``by`` columns, ``competency_id``, ``name_id``, ``name_en`` (when
        ``competencies`` gives them), ``category``, ``n_assessed``,
        ``n_below``, ``share_below``, ``mean_gap``, ``mean_level``,
        ``mean_required`` (means over the assessed).
    """
    keys = _by(by)
    require_columns(
        gaps,
        [*keys, "competency_id", "category", "assessed", "below", "gap", "level", "required_level"],
        "shortfall_by_competency",
    )
    assessed = gaps[gaps["assessed"]]
    grouped = assessed.groupby([*keys, "competency_id", "category"], observed=True, sort=False)
    out = grouped.agg(
        n_assessed=("level", "size"),
        n_below=("below", "sum"),
        mean_gap=("gap", "mean"),
        mean_level=("level", "mean"),
        mean_required=("required_level", "mean"),
    ).reset_index()
    out["n_below"] = out["n_below"].astype("int64")
    out["share_below"] = out["n_below"] / out["n_assessed"]
    if competencies is not None:
        names = [c for c in ("name_id", "name_en") if c in competencies]
        out = out.merge(competencies[["competency_id", *names]], on="competency_id", how="left")
    order = [
        *keys,
        "competency_id",
        *(c for c in ("name_id", "name_en") if c in out),
        "category",
        "n_assessed",
        "n_below",
        "share_below",
        "mean_gap",
        "mean_level",
        "mean_required",
    ]
    return out[order].sort_values([*keys, "competency_id"], kind="stable").reset_index(drop=True)


def gap_map(gaps: pd.DataFrame, by: str | Sequence[str] = "unit") -> pd.DataFrame:
    """Mean gap per group × competency (the heatmap), with its group size.

    Returns
    -------
    DataFrame
        ``by`` columns, ``competency_id``, ``n`` (assessed), ``mean_gap``,
        ``share_below``.
    """
    keys = _by(by)
    require_columns(gaps, [*keys, "competency_id", "assessed", "gap", "below"], "gap_map")
    assessed = gaps[gaps["assessed"]]
    out = (
        assessed.groupby([*keys, "competency_id"], observed=True)
        .agg(n=("gap", "size"), mean_gap=("gap", "mean"), n_below=("below", "sum"))
        .reset_index()
    )
    out["share_below"] = out.pop("n_below").astype("int64") / out["n"]
    return out


def missing_assessments(
    gaps: pd.DataFrame, by: str | Sequence[str] | None = ("region_id",)
) -> pd.DataFrame:
    """How much of what positions require was not assessed.

    Returns
    -------
    DataFrame
        ``by`` columns, ``n_employees``, ``n_unassessed_employees`` (no
        required competency assessed), ``n_required`` (employee ×
        competency cells required), ``n_missing`` (of those, not assessed),
        ``share_missing``.
    """
    keys = _by(by)
    require_columns(gaps, [*keys, "employee_id", "assessed"], "missing_assessments")
    per_person = (
        gaps.groupby([*keys, "employee_id"], observed=True, sort=False)["assessed"]
        .agg(["size", "sum"])
        .reset_index()
    )
    grouped = per_person.groupby(keys, observed=True) if keys else per_person.groupby(lambda _: 0)
    out = grouped.agg(
        n_employees=("employee_id", "size"),
        n_unassessed_employees=("sum", lambda s: int((s == 0).sum())),
        n_required=("size", "sum"),
        n_assessed=("sum", "sum"),
    ).reset_index(drop=not keys)
    out["n_missing"] = out["n_required"] - out.pop("n_assessed")
    out["share_missing"] = out["n_missing"] / out["n_required"]
    return out


def performance_link(gaps: pd.DataFrame) -> pd.DataFrame:
    """Gap per predikat kinerja × competency: do weak performers fall furthest short?

    Returns
    -------
    DataFrame
        ``performance``, ``competency_id``, ``n`` (assessed), ``mean_gap``,
        ``share_below``.
    """
    return gap_map(gaps, by="performance")


# ---------------------------------------------------------------------------
# Readiness for the next position (PP 11/2017 Art. 206).
# ---------------------------------------------------------------------------
def target_readiness(
    employees: pd.DataFrame,
    assessments: pd.DataFrame,
    standards: pd.DataFrame,
    competencies: pd.DataFrame | None = None,
    *,
    threshold: float = 80.0,
    next_position: Mapping[str, str] | None = None,
    method: str = "sum_ratio",
) -> pd.DataFrame:
    """JPM of each employee against the standard of the next position up.

    Pelaksana → pengawas → administrator → JPT pratama → …; functional posts
    to the next jenjang (:data:`NEXT_POSITION`, a parameter). ``ready`` means
    ``jpm_target`` ≥ ``threshold`` (default 80, "Memenuhi Syarat" for
    filling a position).

    Returns
    -------
    DataFrame
        One row per employee whose position has a next one:
        ``employee_id``, ``region_id``, ``unit``, ``position_type`` (those
        present), ``target_position``, ``n_assessed``, ``jpm_target``
        (NaN when nothing relevant was assessed), ``category_target``
        (selection categories), ``ready`` (boolean, NA without a JPM).
    """
    _check_method(method, "target_readiness")
    mapping = NEXT_POSITION if next_position is None else next_position
    require_columns(employees, ["employee_id", "position_type"], "target_readiness")
    target = employees["position_type"].astype("object").map(dict(mapping))
    has_target = target.notna().to_numpy()
    staff = employees[has_target]
    matrix = gap_matrix(
        staff,
        assessments,
        standards,
        competencies,
        positions=target[has_target].reset_index(drop=True),
    )
    scores = _score_rows(matrix, method)
    jpm = scores["overall"]
    out = matrix.employees.drop(columns=["performance"], errors="ignore")
    out["target_position"] = pd.Categorical(target[has_target].to_numpy(), categories=POSITIONS)
    out["n_assessed"] = scores["n_assessed"]
    out["jpm_target"] = jpm
    out["category_target"] = jpm_category(out["jpm_target"], "selection")
    out["ready"] = _nullable_bool(np.round(jpm, 6) >= threshold, np.isnan(jpm))
    return out


def readiness_pool(
    readiness: pd.DataFrame, by: str | Sequence[str] | None = "unit"
) -> pd.DataFrame:
    """Staff ready for the next position, per group (succession planning).

    Returns
    -------
    DataFrame
        ``by`` columns (none: one row for everyone), ``n_candidates`` (with
        a target JPM), ``n_ready``, ``share_ready``; largest pool first.
    """
    keys = _by(by)
    require_columns(readiness, [*keys, "ready"], "readiness_pool")
    known = readiness[readiness["ready"].notna()]
    if keys:
        out = (
            known.groupby(keys, observed=True)
            .agg(n_candidates=("ready", "size"), n_ready=("ready", "sum"))
            .reset_index()
        )
    else:
        out = pd.DataFrame({"n_candidates": [len(known)], "n_ready": [known["ready"].sum()]})
    out["n_ready"] = out["n_ready"].astype("int64")
    out["share_ready"] = out["n_ready"] / out["n_candidates"]
    return out.sort_values(
        ["n_ready", *keys], ascending=[False] + [True] * len(keys), kind="stable"
    ).reset_index(drop=True)
