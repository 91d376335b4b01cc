"""The talent-management 9-box of PermenPANRB 3/2020: performance × potential.

Each employee is placed on two axes of three steps: *kinerja* (1 di bawah
ekspektasi, 2 sesuai ekspektasi, 3 di atas ekspektasi), taken from the
predikat kinerja, and *potensial* (1 rendah, 2 menengah, 3 tinggi), taken from
the potential score (0..100) or, when that is missing, from the Job Person
Match. The pair gives the box, numbered as in the regulation:

============  ============  ============  ============
potensial     kinerja 1     kinerja 2     kinerja 3
============  ============  ============  ============
3 tinggi      6             8             9
2 menengah    3             5             7
1 rendah      1             2             4
============  ============  ============  ============

The regulation fixes the boxes and the action recommended for each
(:data:`BOX_ACTIONS`) but not where the axes are cut: the predikat → kinerja
mapping and the potential cut points are parameters whose defaults are
:data:`DEFAULT_PERFORMANCE_AXIS` and :data:`DEFAULT_POTENTIAL_CUTS`.
Nobody is placed by guesswork: an employee lacking either axis gets no box.

Placements are individual results: publish only the counts of
:func:`nine_box_counts`, after small-cell suppression
(:func:`kompetensi_toolkit.privacy.suppress_small_counts`, by ``n_group``).

Examples
--------
>>> import pandas as pd
>>> staff = pd.DataFrame({
...     "employee_id": ["a", "b", "c", "d"],
...     "unit": ["Dinas A", "Dinas A", "Dinas B", "Dinas B"],
...     "performance": ["sangat_baik", "baik", "kurang", None],
...     "potential_score": [85.0, 60.0, None, 70.0],
... })
>>> jpm = pd.DataFrame({"employee_id": ["c"], "jpm": [92.5]})
>>> nine_box(staff, jpm=jpm)
  employee_id     unit  performance_axis  potential_axis potential_source   box
0           a  Dinas A                 3               3  potential_score     9
1           b  Dinas A                 2               2  potential_score     5
2           c  Dinas B                 1               3              jpm     6
3           d  Dinas B              <NA>               2  potential_score  <NA>
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import numpy as np
import pandas as pd

from kompetensi_toolkit.exceptions import DataValidationError, ParameterError, Problem
from kompetensi_toolkit.frames import require_columns

__all__ = [
    "BOXES",
    "BOX_ACTIONS",
    "DEFAULT_PERFORMANCE_AXIS",
    "DEFAULT_POTENTIAL_CUTS",
    "POTENTIAL_SOURCES",
    "TALENT_ACTIONS",
    "box_number",
    "nine_box",
    "nine_box_counts",
    "performance_axis",
    "potential_axis",
]

#: Predikat kinerja → kinerja axis (1 di bawah, 2 sesuai, 3 di atas ekspektasi).
#: Not fixed by the regulation: a default, overridable per call.
DEFAULT_PERFORMANCE_AXIS: Mapping[str, int] = MappingProxyType(
    {
        "sangat_baik": 3,
        "baik": 2,
        "butuh_perbaikan": 1,
        "kurang": 1,
        "sangat_kurang": 1,
    }
)

#: Potential score cut points (0..100): < 60 rendah, 60 to < 80 menengah,
#: ≥ 80 tinggi. Not fixed by the regulation: a default, overridable per call.
DEFAULT_POTENTIAL_CUTS: tuple[float, float] = (60.0, 80.0)

#: Box number → (potential axis, performance axis), as PermenPANRB 3/2020 numbers them.
BOXES: Mapping[int, tuple[int, int]] = MappingProxyType(
    {
        1: (1, 1),
        2: (1, 2),
        3: (2, 1),
        4: (1, 3),
        5: (2, 2),
        6: (3, 1),
        7: (2, 3),
        8: (3, 2),
        9: (3, 3),
    }
)

#: Where the potential axis came from, the categories of ``potential_source``.
POTENTIAL_SOURCES: tuple[str, ...] = ("potential_score", "jpm")

#: The development actions PermenPANRB 3/2020 recommends, as values of the
#: ``talent_action`` enumeration (labels under ``enum.talent_action.<value>``).
TALENT_ACTIONS: tuple[str, ...] = (
    "promote",
    "retain",
    "national_succession",
    "agency_succession",
    "rotation",
    "rotation_enrichment",
    "performance_coaching",
    "performance_counselling",
    "competency_development",
    "right_placement",
    "per_regulation",
)


def _actions(*values: str) -> tuple[str, ...]:
    return tuple(f"enum.talent_action.{v}" for v in values)


#: Box number → the label keys of the actions the regulation recommends for it,
#: in the regulation's order (read them with :func:`kompetensi_toolkit.labels.label`).
BOX_ACTIONS: Mapping[int, tuple[str, ...]] = MappingProxyType(
    {
        9: _actions("promote", "retain", "national_succession", "agency_succession"),
        8: _actions("retain", "agency_succession", "rotation", "performance_coaching"),
        7: _actions("retain", "agency_succession", "rotation_enrichment", "competency_development"),
        6: _actions("right_placement", "performance_coaching", "performance_counselling"),
        5: _actions("right_placement", "performance_coaching", "competency_development"),
        4: _actions("rotation", "competency_development"),
        3: _actions(
            "performance_coaching",
            "performance_counselling",
            "competency_development",
            "right_placement",
        ),
        2: _actions("performance_coaching", "competency_development", "right_placement"),
        1: _actions("per_regulation"),
    }
)

# _GRID[potential, performance] = box; row and column 0 mean "axis missing" → 0 (no box).
_GRID = np.zeros((4, 4), dtype=np.int8)
for _box, (_pot, _kin) in BOXES.items():
    _GRID[_pot, _kin] = _box
del _box, _pot, _kin


# ---------------------------------------------------------------------------
# Checks.
# ---------------------------------------------------------------------------
def _check_cuts(cuts: object, name: str, func: str) -> tuple[float, float]:
    try:
        lo, hi = (float(c) for c in cuts)  # type: ignore[union-attr]
        ok = (
            not any(isinstance(c, bool) for c in cuts)  # type: ignore[union-attr]
            and math.isfinite(lo)
            and math.isfinite(hi)
            and 0 <= lo < hi <= 100
        )
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ParameterError(
            f"The {name!r} parameter of {func} must be two increasing numbers in 0..100. "
            f"Got {cuts!r} instead."
        )
    return lo, hi


def _check_mapping(mapping: object, name: str, func: str) -> Mapping[object, int]:
    ok = isinstance(mapping, Mapping) and all(
        not isinstance(v, bool) and v in (1, 2, 3) for v in mapping.values()
    )
    if not ok:
        raise ParameterError(
            f"The {name!r} parameter of {func} must map each predikat kinerja to 1, 2 or 3. "
            f"Got {mapping!r} instead."
        )
    return mapping  # type: ignore[return-value]


def _as_series(values: object) -> pd.Series:
    return values if isinstance(values, pd.Series) else pd.Series(values)


def _axis_series(codes: np.ndarray, index: pd.Index, name: str) -> pd.Series:
    """int8 codes with 0 for "missing" → a nullable Int8 Series."""
    return pd.Series(
        pd.arrays.IntegerArray(codes.astype(np.int8), codes == 0), index=index, name=name
    )


def _performance_codes(
    values: pd.Series, mapping: Mapping[object, int], column: str, name: str
) -> np.ndarray:
    """Axis codes 1..3 of predikat values, 0 when missing; unknown values are an error."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    unknown = [u for u in uniques if u not in mapping]
    if unknown:
        allowed = ", ".join(map(str, mapping))
        raise DataValidationError(
            [
                Problem(
                    "employees",
                    "predikat kinerja not in the performance mapping",
                    column=column,
                    value=u,
                    allowed=allowed,
                    hint=f"add it to {name}",
                )
                for u in unknown
            ]
        )
    lookup = np.array([mapping[u] for u in uniques] + [0], dtype=np.int8)
    return lookup[codes]  # the sentinel -1 picks the trailing 0


def _score_codes(
    scores: np.ndarray, cuts: tuple[float, float], source: str, column: str, upper: float | None
) -> np.ndarray:
    """Axis codes 1..3 of scores (exact at the cut points), 0 when missing."""
    lo, hi = cuts
    bad = (scores < 0) if upper is None else ((scores < 0) | (scores > upper))
    if bad.any():
        allowed = "a number ≥ 0" if upper is None else f"a number 0 to {upper:g}"
        raise DataValidationError(
            [
                Problem(
                    source,
                    "score outside the allowed range",
                    column=column,
                    value=float(v),
                    allowed=allowed,
                )
                for v in np.unique(scores[bad])
            ]
        )
    codes = 1 + (scores >= lo).astype(np.int8) + (scores >= hi).astype(np.int8)
    codes[np.isnan(scores)] = 0
    return codes


def _floats(values: pd.Series) -> np.ndarray:
    return pd.to_numeric(values).to_numpy(dtype="float64", na_value=np.nan)


# ---------------------------------------------------------------------------
# Axes.
# ---------------------------------------------------------------------------
def performance_axis(
    performance: pd.Series, mapping: Mapping[str, int] = DEFAULT_PERFORMANCE_AXIS
) -> pd.Series:
    """The kinerja axis of the 9-box from the predikat kinerja.

    Parameters
    ----------
    performance : Series
        Canonical predikat kinerja (text or categorical): ``sangat_baik``,
        ``baik``, ``butuh_perbaikan``, ``kurang``, ``sangat_kurang``.
    mapping : mapping
        Predikat → axis step (1 di bawah ekspektasi, 2 sesuai ekspektasi, 3 di
        atas ekspektasi). Default :data:`DEFAULT_PERFORMANCE_AXIS`:
        sangat_baik → 3, baik → 2, the other three → 1.

    Returns
    -------
    Series
        ``performance_axis`` (nullable Int8, 1..3), same index; ``<NA>`` where
        the predikat is missing.

    Raises
    ------
    DataValidationError
        A predikat that ``mapping`` does not cover.

    Examples
    --------
    >>> import pandas as pd
    >>> performance_axis(pd.Series(["sangat_baik", "baik", "kurang", None])).tolist()
    [3, 2, 1, <NA>]
    >>> performance_axis(pd.Series(["butuh_perbaikan"]),
    ...                  {**DEFAULT_PERFORMANCE_AXIS, "butuh_perbaikan": 2}).tolist()
    [2]
    """
    _check_mapping(mapping, "mapping", "performance_axis")
    values = _as_series(performance)
    codes = _performance_codes(values, mapping, str(values.name or "performance"), "mapping")
    return _axis_series(codes, values.index, "performance_axis")


def potential_axis(
    scores: pd.Series, cuts: tuple[float, float] = DEFAULT_POTENTIAL_CUTS
) -> pd.Series:
    """The potensial axis of the 9-box from a 0..100 potential score.

    With cut points ``(lo, hi)``: 1 rendah below ``lo``, 2 menengah from
    ``lo`` up to (not including) ``hi``, 3 tinggi from ``hi``. The comparison
    is exact: with the default (60, 80), 59.99 → 1, 60 → 2, 79.99 → 2, 80 → 3.

    Parameters
    ----------
    scores : Series
        Potential scores, 0..100; missing values stay missing.
    cuts : (float, float)
        Two increasing numbers in 0..100. Default :data:`DEFAULT_POTENTIAL_CUTS`.

    Returns
    -------
    Series
        ``potential_axis`` (nullable Int8, 1..3), same index.

    Raises
    ------
    ParameterError
        ``cuts`` that are not two increasing numbers in 0..100.
    DataValidationError
        A score outside 0..100.

    Examples
    --------
    >>> import pandas as pd
    >>> potential_axis(pd.Series([59.99, 60, 79.99, 80, None])).tolist()
    [1, 2, 2, 3, <NA>]
    >>> potential_axis(pd.Series([59.99, 60, 75]), cuts=(50, 75)).tolist()
    [2, 2, 3]
    """
    cuts = _check_cuts(cuts, "cuts", "potential_axis")
    values = _as_series(scores)
    name = str(values.name or "potential_score")
    codes = _score_codes(_floats(values), cuts, "employees", name, upper=100.0)
    return _axis_series(codes, values.index, "potential_axis")


def box_number(potential: object, performance: object) -> pd.Series:
    """The 9-box number of each (potential axis, performance axis) pair.

    Parameters
    ----------
    potential, performance : Series or array-like
        Axis steps 1..3 (missing allowed), of the same length.

    Returns
    -------
    Series
        ``box`` (nullable Int8, 1..9); ``<NA>`` where either axis is missing.
        The index of ``potential`` when it is a Series.

    Examples
    --------
    >>> box_number([1, 1, 2, 1, 2, 3, 2, 3, 3, None], [1, 2, 1, 3, 2, 1, 3, 2, 3, 3]).tolist()
    [1, 2, 3, 4, 5, 6, 7, 8, 9, <NA>]
    """
    pot, kin = _as_series(potential), _as_series(performance)
    if len(pot) != len(kin):
        raise ParameterError(
            "The 'potential' and 'performance' parameters of box_number must have the same "
            f"length. Got {len(pot)} and {len(kin)} instead."
        )
    p = np.nan_to_num(_floats(pot), nan=0.0)
    k = np.nan_to_num(_floats(kin), nan=0.0)
    bad = ~np.isin(p, (0, 1, 2, 3)) | ~np.isin(k, (0, 1, 2, 3))
    if bad.any():
        raise ParameterError(
            "The axes given to box_number must hold the steps 1, 2 or 3. "
            f"Got {sorted(set(p[bad].tolist()) | set(k[bad].tolist()))} instead."
        )
    codes = _GRID[p.astype(np.intp), k.astype(np.intp)]
    return _axis_series(codes, pot.index, "box")


# ---------------------------------------------------------------------------
# The grid.
# ---------------------------------------------------------------------------
_DEFAULT_KEEP = ("region_id", "unit", "position_type")


def nine_box(
    employees: pd.DataFrame,
    *,
    jpm: pd.DataFrame | None = None,
    employee: str = "employee_id",
    performance: str = "performance",
    potential: str = "potential_score",
    jpm_col: str = "jpm",
    cuts: tuple[float, float] = DEFAULT_POTENTIAL_CUTS,
    jpm_cuts: tuple[float, float] | None = None,
    performance_mapping: Mapping[str, int] = DEFAULT_PERFORMANCE_AXIS,
    keep: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Place every employee in the 9-box of PermenPANRB 3/2020.

    The kinerja axis comes from the predikat kinerja
    (:func:`performance_axis`); the potensial axis from the potential score
    (:func:`potential_axis`), or, for an employee whose score is missing, from
    their JPM in ``jpm`` cut at ``jpm_cuts``. Nothing is imputed: an employee
    lacking either axis is listed with ``box`` ``<NA>``.

    Parameters
    ----------
    employees : DataFrame
        One row per employee.
    jpm : DataFrame, optional
        One row per employee with ``employee`` and ``jpm_col`` (e.g. the
        output of :func:`kompetensi_toolkit.gaps.job_person_match`); JPM
        above 100 (uncapped) counts as tinggi.
    employee, performance, potential : str
        Columns of ``employees``. ``potential`` may be absent when ``jpm`` is
        given (every potential then comes from JPM).
    jpm_col : str
        The JPM column of ``jpm``.
    cuts : (float, float)
        Potential-score cut points (default 60, 80; see :func:`potential_axis`).
    jpm_cuts : (float, float), optional
        JPM cut points; default the same as ``cuts``.
    performance_mapping : mapping
        Predikat → kinerja step (default :data:`DEFAULT_PERFORMANCE_AXIS`).
    keep : sequence of str, optional
        Columns of ``employees`` copied to the result (for grouping with
        :func:`nine_box_counts`). Default: those of ``region_id``, ``unit``,
        ``position_type`` that ``employees`` has.

    Returns
    -------
    DataFrame
        One row per employee, in the order of ``employees``:

        ``employee_id`` (the ``employee`` column, under its own name)
            the identifier;
        the ``keep`` columns;
        ``performance_axis`` (Int8)
            1 di bawah, 2 sesuai, 3 di atas ekspektasi; ``<NA>`` when the
            predikat is missing;
        ``potential_axis`` (Int8)
            1 rendah, 2 menengah, 3 tinggi; ``<NA>`` when neither the score
            nor a JPM is there;
        ``potential_source`` (categorical)
            ``"potential_score"`` or ``"jpm"`` (:data:`POTENTIAL_SOURCES`),
            ``<NA>`` when the potential axis is missing;
        ``box`` (Int8)
            1..9 (see :data:`BOXES`), ``<NA>`` when either axis is missing.

    Raises
    ------
    MissingColumnError
        A named column is absent.
    ParameterError
        Bad ``cuts``, ``jpm_cuts`` or ``performance_mapping``.
    DataValidationError
        A predikat the mapping lacks, a potential score outside 0..100, a
        negative JPM, or an employee with two JPM rows.

    Examples
    --------
    >>> import pandas as pd
    >>> staff = pd.DataFrame({"employee_id": ["a", "b", "c"],
    ...                       "performance": ["baik", "sangat_baik", "baik"],
    ...                       "potential_score": [80.0, 59.99, None]})
    >>> nine_box(staff)
      employee_id  performance_axis  potential_axis potential_source   box
    0           a                 2               3  potential_score     8
    1           b                 3               1  potential_score     4
    2           c                 2            <NA>              NaN  <NA>
    >>> jpm = pd.DataFrame({"employee_id": ["b", "c"], "jpm": [95.0, 70.0]})
    >>> nine_box(staff, jpm=jpm, jpm_cuts=(68, 90))[["employee_id", "potential_source", "box"]]
      employee_id potential_source  box
    0           a  potential_score    8
    1           b  potential_score    4
    2           c              jpm    5
    """
    func = "nine_box"
    require_columns(employees, {"employee": employee, "performance": performance}, func)
    if jpm is None:
        require_columns(employees, {"potential": potential}, func)
    cuts = _check_cuts(cuts, "cuts", func)
    jcuts = cuts if jpm_cuts is None else _check_cuts(jpm_cuts, "jpm_cuts", func)
    _check_mapping(performance_mapping, "performance_mapping", func)
    if keep is None:
        keep_cols = [c for c in _DEFAULT_KEEP if c in employees.columns and c != employee]
    else:
        keep_cols = [keep] if isinstance(keep, str) else list(keep)
        require_columns(employees, keep_cols, func)

    n = len(employees)
    kin = _performance_codes(
        employees[performance], performance_mapping, performance, "performance_mapping"
    )
    if potential in employees.columns:
        pot = _score_codes(_floats(employees[potential]), cuts, "employees", potential, 100.0)
    else:
        pot = np.zeros(n, dtype=np.int8)
    source = np.where(pot > 0, 0, -1).astype(np.int8)

    if jpm is not None:
        require_columns(jpm, {"employee": employee, "jpm_col": jpm_col}, func)
        need = pot == 0  # look up only those without a potential score
        from_jpm = _jpm_codes(employees[employee][need], jpm, employee, jpm_col, jcuts)
        pot = pot.copy()
        pot[need] = from_jpm
        source[need] = np.where(from_jpm > 0, 1, -1)

    out = employees[[employee, *keep_cols]].reset_index(drop=True)
    index = out.index
    out["performance_axis"] = _axis_series(kin, index, "performance_axis")
    out["potential_axis"] = _axis_series(pot, index, "potential_axis")
    out["potential_source"] = pd.Categorical.from_codes(source, categories=POTENTIAL_SOURCES)
    out["box"] = _axis_series(_GRID[pot, kin], index, "box")
    return out


def _jpm_codes(
    ids: pd.Series, jpm: pd.DataFrame, employee: str, jpm_col: str, cuts: tuple[float, float]
) -> np.ndarray:
    """Potential-axis codes from each employee's JPM (0 when they have none).

    Every JPM row is checked (no negative values, one row per employee), not
    only the rows looked up.
    """
    present = jpm[employee].notna().to_numpy()
    keys = pd.Index(jpm[employee][present])
    if not keys.is_unique:
        dups = keys[keys.duplicated()].unique()
        raise DataValidationError(
            [
                Problem(
                    "jpm",
                    "employee listed more than once",
                    column=employee,
                    value=d,
                    allowed="one JPM per employee",
                )
                for d in dups
            ]
        )
    codes = _score_codes(_floats(jpm[jpm_col]), cuts, "jpm", jpm_col, upper=None)
    # a trailing 0 for the ids get_indexer does not find (position -1)
    lookup = np.append(codes[present], np.int8(0))
    return lookup[keys.get_indexer(ids)]


def _by_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def nine_box_counts(
    boxes: pd.DataFrame,
    by: str | Sequence[str] | None = ("unit",),
    *,
    box: str = "box",
) -> pd.DataFrame:
    """How many employees are in each box, per group: all nine boxes, zeros included.

    Parameters
    ----------
    boxes : DataFrame
        Output of :func:`nine_box` (any frame with ``box`` and the ``by``
        columns will do).
    by : str or sequence of str, optional
        Group columns (default ``unit``); ``None`` or ``()`` for one grid over
        everybody. Missing group values form their own group.
    box : str
        The box column (1..9, missing = not placed).

    Returns
    -------
    DataFrame
        Nine rows per group (boxes 1..9 in order), groups sorted:

        the ``by`` columns;
        ``box`` (int)
            1..9;
        ``potential_axis``, ``performance_axis`` (int)
            the box's place in the grid (:data:`BOXES`);
        ``n`` (int)
            employees in the box;
        ``n_group`` (int)
            employees of the group placed in any box (the same on the
            group's nine rows): suppress small groups by it;
        ``share`` (float)
            ``n / n_group`` (NaN when nobody in the group is placed);
        ``n_unplaced`` (int)
            employees of the group without a box (an axis missing).

    Examples
    --------
    >>> import pandas as pd
    >>> placed = pd.DataFrame({"unit": ["A", "A", "A", "B"],
    ...                        "box": pd.array([9, 9, 5, None], dtype="Int8")})
    >>> counts = nine_box_counts(placed)
    >>> counts[counts["unit"] == "A"].iloc[[0, 4, 8]]
      unit  box  potential_axis  performance_axis  n  n_group     share  n_unplaced
    0    A    1               1                 1  0        3  0.000000           0
    4    A    5               2                 2  1        3  0.333333           0
    8    A    9               3                 3  2        3  0.666667           0
    >>> counts.groupby("unit")[["n", "n_unplaced"]].sum()
          n  n_unplaced
    unit
    A     3           0
    B     0           9
    """
    by_cols = _by_list(by)
    require_columns(boxes, [*by_cols, box], "nine_box_counts")
    raw = _floats(boxes[box])
    placed = ~np.isnan(raw)
    values = np.nan_to_num(raw, nan=0.0)
    if (placed & ~np.isin(values, np.arange(1, 10))).any():
        bad = sorted(set(values[placed & ~np.isin(values, np.arange(1, 10))].tolist()))
        raise DataValidationError(
            [
                Problem("boxes", "not a 9-box number", column=box, value=v, allowed="1 to 9")
                for v in bad
            ]
        )
    if by_cols:
        grouped = boxes.groupby(by_cols, dropna=False, observed=True, sort=True)
        group = grouped.ngroup().to_numpy()
        keys = grouped.size().index.to_frame(index=False)
    else:
        group = np.zeros(len(boxes), dtype=np.int64)
        keys = pd.DataFrame(index=range(1))
    n_groups = len(keys)
    cell = group[placed] * 9 + values[placed].astype(np.int64) - 1
    counts = np.bincount(cell, minlength=n_groups * 9).astype(np.int64)
    unplaced = np.bincount(group[~placed], minlength=n_groups).astype(np.int64)

    out = keys.loc[np.repeat(np.arange(n_groups), 9)].reset_index(drop=True)
    numbers = np.tile(np.arange(1, 10), n_groups)
    out["box"] = numbers
    out["potential_axis"] = np.array([BOXES[b][0] for b in range(1, 10)] * n_groups)
    out["performance_axis"] = np.array([BOXES[b][1] for b in range(1, 10)] * n_groups)
    out["n"] = counts
    n_group = np.repeat(counts.reshape(n_groups, 9).sum(axis=1), 9)
    out["n_group"] = n_group
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = np.where(n_group > 0, counts / np.maximum(n_group, 1), np.nan)
    out["n_unplaced"] = np.repeat(unplaced, 9)
    return out
