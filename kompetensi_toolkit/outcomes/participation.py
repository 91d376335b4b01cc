"""Participation in development: who takes part, who earns 20 JP, who never comes.

The first question about any programme portfolio is who it reaches. This
module counts participants, completions and JP per employee per year, the
share of staff meeting the 20 JP minimum (PP 11/2017 Art. 203(4)) by unit,
position type and sex, the staff who never take part, and a logistic
regression of non-participation on position type, unit, age band,
performance and employment status: the barriers the seeds name (no time, low
awareness) made measurable as odds ratios with confidence intervals.

The 20 JP rule itself lives in :mod:`kompetensi_toolkit.planning`
(:func:`~kompetensi_toolkit.planning.jp_earned`,
:func:`~kompetensi_toolkit.planning.jp_status`,
:func:`~kompetensi_toolkit.planning.jp_compliance`); this module gives its
results (computed here on integer employee codes, for speed at national scale;
the tests compare the two), so a participation row counts its own ``jp`` when
given, else the programme's,
only completed rows earn JP, and the year of a row is the calendar year of its
``start_date``.

Every employee in ``employees`` counts in every group size (``n_staff``),
with 0 JP when they have no participation; participation rows of people not
in ``employees`` are ignored (they belong to no group). Staff whose group
value is missing are left out of grouped rows (as
:func:`~kompetensi_toolkit.planning.jp_compliance` does).

Functions
---------
:func:`participation_summary`
    Participants, completions and JP per year (and group).
:func:`jp_by_group`
    Share meeting the JP minimum per unit, position type, sex (long frame).
:func:`age_band`
    Age bands "<30", "30–39", "40–49", "50+".
:func:`never_participants`
    Staff with no participation in a window of years, per group.
:func:`nonparticipation_model`
    Logistic regression of never taking part (statsmodels), odds ratios with CI.

Examples
--------
>>> import pandas as pd
>>> employees = pd.DataFrame({"employee_id": ["a", "b", "c"], "unit": ["X", "X", "Y"]})
>>> participation = pd.DataFrame({"employee_id": ["a", "c"], "program_id": ["P1", "P1"],
...                               "start_date": pd.to_datetime(["2025-02-01", "2024-05-01"])})
>>> never_participants(employees, participation, by="unit", years=2025)
  unit  n_staff  n_never  share_never
0    X        2        1          0.5
1    Y        1        1          1.0
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kompetensi_toolkit import checks
from kompetensi_toolkit.exceptions import KompetensiError, ParameterError
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.planning import MINIMUM_JP
from kompetensi_toolkit.threads import one_blas_thread

__all__ = [
    "AGE_BANDS",
    "DEFAULT_PREDICTORS",
    "MIN_EVENTS",
    "OTHER_LEVEL",
    "InsufficientDataError",
    "ParticipationModel",
    "age_band",
    "jp_by_group",
    "never_participants",
    "nonparticipation_model",
    "participation_summary",
]

#: Age bands of :func:`age_band`, youngest first (en dashes).
AGE_BANDS: tuple[str, ...] = ("<30", "30–39", "40–49", "50+")
#: Predictors of :func:`nonparticipation_model` by default.
DEFAULT_PREDICTORS: tuple[str, ...] = (
    "position_type",
    "unit",
    "age_band",
    "performance",
    "employment_status",
)
#: Name of the level that rare (and perfectly predicting) levels are merged into.
OTHER_LEVEL = "lainnya"
#: Fewest never-participants, and fewest participants, :func:`nonparticipation_model` fits.
MIN_EVENTS = 10

_SUMMARY_COLUMNS = [
    "year",
    "n_staff",
    "participants",
    "share_participating",
    "participations",
    "completions",
    "completion_rate",
    "jp_total",
    "jp_per_employee",
    "share_meeting_20jp",
]


class InsufficientDataError(KompetensiError, ValueError):
    """Too few staff, events or predictors left to fit a model."""


# ---------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------
def _row_years(participation: pd.DataFrame) -> np.ndarray:
    """Calendar year of each row's ``start_date`` as float (NaN when missing)."""
    return pd.to_datetime(participation["start_date"]).dt.year.to_numpy("float64", na_value=np.nan)


def _window(years: int | Iterable[int] | None, row_years: np.ndarray, func: str) -> list[int]:
    """The window of years: those given, or every year present in the rows."""
    if years is None:
        return sorted({int(y) for y in row_years[~np.isnan(row_years)]})
    if isinstance(years, (int, np.integer)) and not isinstance(years, bool):
        return [checks.count(years, "years", func, low=1900)]
    if isinstance(years, (str, bytes)) or not isinstance(years, Iterable):
        raise ParameterError(
            f"The 'years' parameter of {func} must be a year, a list of years or None. "
            f"Got {years!r} instead."
        )
    out = sorted({checks.count(y, "years", func, low=1900) for y in years})
    if not out:
        raise ParameterError(
            f"The 'years' parameter of {func} must name at least one year. Got {years!r} instead."
        )
    return out


def _group(frame: pd.DataFrame, keys: list[str]):
    return (
        frame.groupby(keys, observed=True, sort=True)
        if keys
        else frame.groupby(np.zeros(len(frame), dtype=int))
    )


# Speed at national scale (millions of staff, tens of millions of rows) comes from
# turning the employee ids into integer codes once and counting with np.bincount;
# the results are those of jp_earned / jp_status / jp_compliance, bit for bit.
def _id_codes(employees: pd.DataFrame, participation: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """Integer codes of the distinct employee ids: per employee, and per participation row.

    Returns ``(employee_codes, row_codes, n_ids)``: a row whose id is no
    employee's (or missing) gets -1, as does an employee with a missing id.
    Two employees with the same id share a code (both count the id's rows).
    """
    emp = employees["employee_id"]
    part = participation["employee_id"]
    if isinstance(part.dtype, pd.CategoricalDtype):
        categories = part.cat.categories
        row_codes = part.cat.codes.to_numpy("int64")
        if (
            not isinstance(emp.dtype, pd.CategoricalDtype)
            and len(categories) == len(emp)
            and categories.equals(pd.Index(emp))
        ):  # categories are unique, so the ids are: code = position, no hashing
            return np.arange(len(emp), dtype="int64"), row_codes, len(emp)
        distinct = categories
    else:
        row_codes, distinct = pd.factorize(part)
        row_codes = row_codes.astype("int64", copy=False)
    employee_codes, ids = pd.factorize(emp)
    employee_codes = employee_codes.astype("int64", copy=False)
    lookup = np.append(pd.Index(ids).get_indexer(distinct), -1).astype("int64")
    return employee_codes, lookup[row_codes], len(ids)  # lookup[-1] is -1


def _row_jp(participation: pd.DataFrame, programs: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """JP of the participation rows ``rows`` (a mask) as :func:`jp_earned` counts them."""
    programme_jp = programs.drop_duplicates("program_id").set_index("program_id")["jp"]
    if "jp" in participation:
        own = pd.to_numeric(participation["jp"][rows], errors="coerce").astype("float64")
        jp = np.array(own.to_numpy("float64", na_value=np.nan))  # a copy we may write
    else:
        jp = np.full(int(rows.sum()), np.nan)
    need = np.isnan(jp)
    if need.any():
        where = np.flatnonzero(rows)[need]
        default_jp = participation["program_id"].iloc[where].map(programme_jp)
        default = pd.to_numeric(default_jp, errors="coerce").astype("float64")
        jp[need] = default.to_numpy("float64", na_value=np.nan)
    return np.where(np.isnan(jp), 0.0, jp)


def _exact(values: np.ndarray) -> bool:
    """Every partial sum of ``values`` is exact (multiples of 1/1024, small): order-free sums."""
    scaled = values * 1024.0
    return bool(
        np.isfinite(scaled).all()
        and (scaled == np.floor(scaled)).all()
        and np.abs(scaled).sum() < 2.0**52
    )


def _sum_by(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Sum of ``values`` per code 0..n-1 (codes all valid), as pandas' groupby sums them.

    pandas sums a group in row order with Kahan compensation; when every
    partial sum is exact (whole or binary-fraction JP, the usual case) that
    is np.bincount's plain sum, otherwise pandas does the sum itself.
    """
    if _exact(values):
        return np.bincount(codes, weights=values, minlength=n)[:n]
    sums = pd.Series(values).groupby(codes, sort=False).sum()
    out = np.zeros(n)
    out[sums.index.to_numpy("int64")] = sums.to_numpy("float64")
    return out


def _mean_by(codes: np.ndarray, values: np.ndarray, n: int, sizes: np.ndarray) -> np.ndarray:
    """Mean of ``values`` per code 0..n-1 (every group non-empty), as pandas' groupby means."""
    if _exact(values):
        return np.bincount(codes, weights=values, minlength=n)[:n] / sizes
    return pd.Series(values).groupby(codes, sort=True).mean().to_numpy("float64")


def _group_codes(frame: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Group number of each row (-1: a key missing) and the groups (``keys``, ``n_staff``).

    Groups as ``frame.groupby(keys, observed=True, sort=True)`` makes them.
    """
    grouped = _group(frame[keys], keys)
    codes = grouped.ngroup().to_numpy("float64", na_value=np.nan)
    codes = np.where(np.isnan(codes), -1, codes).astype("int64")
    sizes = grouped.size().rename("n_staff")
    table = sizes.reset_index() if keys else sizes.reset_index(drop=True).to_frame()
    return codes, table


def _per_employee(values: np.ndarray, employee_codes: np.ndarray) -> np.ndarray:
    """Per-id ``values`` (last axis: ids) spread to employees (0 for an unmatched one)."""
    padded = np.concatenate([values, np.zeros((*values.shape[:-1], 1), values.dtype)], axis=-1)
    return padded[..., employee_codes]  # code -1 takes the zero pad


def _year_jp(
    employees: pd.DataFrame, participation: pd.DataFrame, programs: pd.DataFrame, year: int
) -> np.ndarray:
    """Completed JP of each employee in ``year`` (0 without), as jp_status gives it."""
    employee_codes, row_codes, n_ids = _id_codes(employees, participation)
    rows = row_codes >= 0
    if "completed" in participation:
        rows &= checks.flags(participation["completed"])
    rows &= _row_years(participation) == year
    jp = _sum_by(row_codes[rows], _row_jp(participation, programs, rows), n_ids)
    return _per_employee(jp, employee_codes)


# ---------------------------------------------------------------------------
# 1. Participation and the 20 JP rule.
# ---------------------------------------------------------------------------
def participation_summary(
    employees: pd.DataFrame,
    participation: pd.DataFrame,
    programs: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    year: int | None = None,
    minimum: float = MINIMUM_JP,
) -> pd.DataFrame:
    """Participants, completions and JP per employee, per year (and group).

    Parameters
    ----------
    employees : DataFrame
        ``employee_id`` and the ``by`` columns: everyone who counts.
    participation : DataFrame
        ``employee_id``, ``program_id``, ``start_date``; optional ``jp``,
        ``completed`` (no column: every row completed; missing: not completed).
    programs : DataFrame
        ``program_id``, ``jp``.
    by : str or sequence of str, optional
        Group columns of ``employees`` (None: one row per year for everyone).
    year : int, optional
        This year only (its rows are there, zeros included, even with no
        participation that year). Default: every year in ``participation``;
        no participation at all gives an empty frame.
    minimum : float, default 20
        JP a year behind ``share_meeting_20jp`` (the column keeps its name).

    Returns
    -------
    DataFrame
        ``by`` columns, ``year``, ``n_staff`` (employees in the group),
        ``participants`` (distinct staff with at least one row starting that
        year, completed or not), ``share_participating``, ``participations``
        (rows), ``completions``, ``completion_rate`` (completions /
        participations, NaN with none), ``jp_total`` (JP of completed rows),
        ``jp_per_employee`` (``jp_total`` / ``n_staff``: everybody counts),
        ``share_meeting_20jp`` (staff with JP ≥ ``minimum``); sorted by group
        then year.

    Examples
    --------
    >>> import pandas as pd
    >>> employees = pd.DataFrame({"employee_id": ["a", "b", "c", "d"]})
    >>> programs = pd.DataFrame({"program_id": ["P1", "P2"], "jp": [24.0, 10.0]})
    >>> participation = pd.DataFrame({
    ...     "employee_id": ["a", "a", "b"], "program_id": ["P1", "P2", "P2"],
    ...     "start_date": pd.to_datetime(["2025-03-01", "2025-05-01", "2025-06-01"]),
    ...     "completed": [True, True, False]})
    >>> out = participation_summary(employees, participation, programs)
    >>> out[["year", "n_staff", "participants", "completions", "completion_rate"]]
       year  n_staff  participants  completions  completion_rate
    0  2025        4             2            2         0.666667
    >>> out[["jp_total", "jp_per_employee", "share_meeting_20jp"]]
       jp_total  jp_per_employee  share_meeting_20jp
    0      34.0              8.5                0.25
    """
    func = "participation_summary"
    keys = checks.keys(by)
    require_columns(employees, ["employee_id", *keys], func)
    require_columns(participation, ["employee_id", "program_id", "start_date"], func)
    require_columns(programs, ["program_id", "jp"], func)
    minimum = checks.number(minimum, "minimum", func)
    row_years = _row_years(participation)
    if year is not None:
        years = [checks.count(year, "year", func, low=1900)]
    else:
        years = _window(None, row_years, func)
    staff = employees[["employee_id", *keys]].reset_index(drop=True)
    if not years or staff.empty:
        return _empty(staff, keys, _SUMMARY_COLUMNS)
    completed = (
        checks.flags(participation["completed"])
        if "completed" in participation
        else np.ones(len(participation), dtype=bool)
    )
    employee_codes, row_codes, n_ids = _id_codes(staff, participation)
    n_years = len(years)
    year_index = np.searchsorted(np.asarray(years, dtype="float64"), row_years)
    counted = (row_codes >= 0) & np.isin(row_years, years)  # an employee's row, a year asked
    key = row_codes[counted] * n_years + year_index[counted]  # id-major, year-minor
    size = n_ids * n_years
    done = completed[counted]
    participations = np.bincount(key, minlength=size)
    completions = np.bincount(key[done], minlength=size)
    jp = _sum_by(key[done], _row_jp(participation, programs, counted & completed), size)
    # per year (rows) and employee (columns)
    participations = _per_employee(participations.reshape(n_ids, n_years).T, employee_codes)
    completions = _per_employee(completions.reshape(n_ids, n_years).T, employee_codes)
    jp = _per_employee(jp.reshape(n_ids, n_years).T, employee_codes)
    group, table = _group_codes(staff, keys)
    member = group >= 0
    group, n_groups = group[member], len(table)
    columns: dict[str, list[np.ndarray]] = {
        "participants": [],
        "participations": [],
        "completions": [],
        "jp_total": [],
        "meeting": [],
    }
    for j in range(n_years):
        rows, done_rows = participations[j, member], completions[j, member]
        person_jp = jp[j, member]
        columns["participants"].append(np.bincount(group[rows > 0], minlength=n_groups))
        columns["participations"].append(np.bincount(group, rows, n_groups))
        columns["completions"].append(np.bincount(group, done_rows, n_groups))
        columns["jp_total"].append(_sum_by(group, person_jp, n_groups))
        columns["meeting"].append(np.bincount(group[~(person_jp < minimum)], minlength=n_groups))
    out = table.loc[table.index.repeat(n_years), keys].reset_index(drop=True)
    out["year"] = np.tile(np.asarray(years, dtype="int64"), n_groups)
    out["n_staff"] = np.repeat(table["n_staff"].to_numpy("int64"), n_years)
    for name, per_year in columns.items():
        values = np.stack(per_year, axis=1).ravel() if n_groups else np.zeros(0)
        out[name] = values.astype("float64" if name == "jp_total" else "int64")
    for column in ("year", "n_staff", "participants", "participations", "completions"):
        out[column] = out[column].astype("int64")
    out["share_participating"] = out["participants"] / out["n_staff"]
    out["completion_rate"] = out["completions"] / out["participations"].where(
        out["participations"] > 0
    )
    out["jp_total"] = out["jp_total"].astype("float64")
    out["jp_per_employee"] = out["jp_total"] / out["n_staff"]
    out["share_meeting_20jp"] = out["meeting"] / out["n_staff"]
    return out[[*keys, *_SUMMARY_COLUMNS]]


def _empty(staff: pd.DataFrame, keys: list[str], columns: list[str]) -> pd.DataFrame:
    out = staff[keys].iloc[:0].reset_index(drop=True)
    for column in columns:
        out[column] = pd.Series(dtype="int64" if column.startswith(("n_", "year")) else "float64")
    return out


def jp_by_group(
    employees: pd.DataFrame,
    participation: pd.DataFrame,
    programs: pd.DataFrame,
    *,
    dimensions: str | Sequence[str] = ("unit", "position_type", "sex"),
    year: int | None = None,
    minimum: float = MINIMUM_JP,
) -> pd.DataFrame:
    """Share of staff meeting the JP minimum, one dimension at a time (long frame).

    Built on :func:`~kompetensi_toolkit.planning.jp_earned` and
    :func:`~kompetensi_toolkit.planning.jp_compliance`: completed JP in one
    year, every employee counting (0 JP without participation).

    Parameters
    ----------
    employees : DataFrame
        ``employee_id`` and the ``dimensions`` columns.
    participation, programs : DataFrame
        As for :func:`participation_summary`.
    dimensions : str or sequence of str, default ("unit", "position_type", "sex")
        Employee columns, each tabulated on its own (not crossed).
    year : int, optional
        Default: the latest year in ``participation`` (no participation:
        an empty frame).
    minimum : float, default 20
        JP a year (PP 11/2017 Art. 203(4)).

    Returns
    -------
    DataFrame
        ``year``, ``dimension``, ``group`` (the value as a string),
        ``n_staff``, ``n_meeting`` (JP ≥ ``minimum``), ``share_meeting``,
        ``mean_jp``; dimensions in the order given, groups sorted.

    Examples
    --------
    >>> import pandas as pd
    >>> employees = pd.DataFrame({"employee_id": ["a", "b", "c"], "unit": ["X", "X", "Y"],
    ...                           "sex": ["l", "p", "p"]})
    >>> programs = pd.DataFrame({"program_id": ["P1"], "jp": [24.0]})
    >>> participation = pd.DataFrame({"employee_id": ["a"], "program_id": ["P1"],
    ...                               "start_date": pd.to_datetime(["2025-03-01"])})
    >>> jp_by_group(employees, participation, programs, dimensions=["unit", "sex"])
       year dimension group  n_staff  n_meeting  share_meeting  mean_jp
    0  2025      unit     X        2          1            0.5     12.0
    1  2025      unit     Y        1          0            0.0      0.0
    2  2025       sex     l        1          1            1.0     24.0
    3  2025       sex     p        2          0            0.0      0.0
    """
    func = "jp_by_group"
    dims = checks.keys(dimensions)
    if not dims:
        raise ParameterError(
            f"The 'dimensions' parameter of {func} must name at least one column. "
            f"Got {dimensions!r} instead."
        )
    require_columns(employees, ["employee_id", *dims], func)
    require_columns(participation, ["employee_id", "program_id", "start_date"], func)
    require_columns(programs, ["program_id", "jp"], func)
    minimum = checks.number(minimum, "minimum", func)
    columns = ["year", "dimension", "group", "n_staff", "n_meeting", "share_meeting", "mean_jp"]
    if year is None:
        present = _window(None, _row_years(participation), func)
        if not present:
            return _empty(employees, [], columns).astype({"dimension": object, "group": object})
        year = present[-1]
    year = checks.count(year, "year", func, low=1900)
    # jp_compliance(employees, jp_earned(participation, programs, year=year), by=dim, ...)
    # per dimension, computed once for all of them (tests compare the two).
    person_jp = _year_jp(employees, participation, programs, year)
    frames = []
    for dim in dims:
        group, table = _group_codes(employees, [dim])
        member = group >= 0
        group, n_groups = group[member], len(table)
        sizes = table["n_staff"].to_numpy("int64")
        values = person_jp[member]
        frames.append(
            pd.DataFrame(
                {
                    "year": year,
                    "dimension": dim,
                    "group": table[dim].astype(str).to_numpy(dtype=object),
                    "n_staff": sizes,
                    "n_meeting": np.bincount(group[~(values < minimum)], minlength=n_groups),
                    "mean_jp": _mean_by(group, values, n_groups, sizes),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype("int64")
    out["share_meeting"] = out["n_meeting"] / out["n_staff"]
    return out[columns]


# ---------------------------------------------------------------------------
# 2. Who never takes part.
# ---------------------------------------------------------------------------
def age_band(birth_year: pd.Series | Sequence[float] | np.ndarray, year: int) -> pd.Series:
    """Age band in ``year``: "<30", "30–39", "40–49", "50+" (ordered categorical).

    Age is ``year − birth_year``, the age reached during ``year``. A missing
    birth year gives a missing band.

    Parameters
    ----------
    birth_year : Series or array-like of numbers
    year : int

    Returns
    -------
    Series
        Ordered categorical with the categories :data:`AGE_BANDS`; the index
        of ``birth_year`` when it is a Series.

    Examples
    --------
    >>> age_band([1996, 1995, 1986, 1975, None], 2025).tolist()
    ['<30', '30–39', '30–39', '50+', nan]
    """
    func = "age_band"
    year = checks.count(year, "year", func, low=1900)
    index = birth_year.index if isinstance(birth_year, pd.Series) else None
    values = checks.floats(pd.Series(np.asarray(birth_year, dtype=object), index=index))
    age = year - values
    codes = np.searchsorted(np.array([30.0, 40.0, 50.0]), age, side="right")
    codes = np.where(np.isnan(age), -1, codes)
    dtype = pd.CategoricalDtype(list(AGE_BANDS), ordered=True)
    return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype), index=index, name="age_band")


def _never_flags(
    employees: pd.DataFrame, participation: pd.DataFrame, years, func: str
) -> tuple[np.ndarray, list[int]]:
    row_years = _row_years(participation)
    window = _window(years, row_years, func)
    in_window = np.isin(row_years, window)
    employee_codes, row_codes, n_ids = _id_codes(employees, participation)
    took_part = np.zeros(n_ids + 1, dtype=bool)  # the last: ids that match no row
    took_part[row_codes[in_window & (row_codes >= 0)]] = True
    never = ~took_part[employee_codes]
    missing = pd.isna(employees["employee_id"]).to_numpy(bool)
    if missing.any():  # as Series.isin matches them: a missing id took part if a missing one did
        never[missing] = not pd.isna(participation["employee_id"]).to_numpy(bool)[in_window].any()
    return never, window


def never_participants(
    employees: pd.DataFrame,
    participation: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = ("position_type",),
    years: int | Iterable[int] | None = None,
) -> pd.DataFrame:
    """Staff with no participation row in a window of years, per group.

    Any row counts as taking part, completed or not.

    Parameters
    ----------
    employees : DataFrame
        ``employee_id`` and the ``by`` columns.
    participation : DataFrame
        ``employee_id``, ``start_date``.
    by : str or sequence of str, optional
        Group columns (None: one row for everyone).
    years : int or iterable of int, optional
        The window (calendar years of ``start_date``); default every year
        in ``participation``.

    Returns
    -------
    DataFrame
        ``by`` columns, ``n_staff``, ``n_never``, ``share_never``.

    Examples
    --------
    >>> import pandas as pd
    >>> employees = pd.DataFrame({"employee_id": ["a", "b", "c"],
    ...                           "position_type": ["pelaksana", "pelaksana", "pengawas"]})
    >>> participation = pd.DataFrame({"employee_id": ["a"],
    ...                               "start_date": pd.to_datetime(["2024-05-01"])})
    >>> never_participants(employees, participation)
      position_type  n_staff  n_never  share_never
    0     pelaksana        2        1          0.5
    1      pengawas        1        1          1.0
    """
    func = "never_participants"
    keys = checks.keys(by)
    require_columns(employees, ["employee_id", *keys], func)
    require_columns(participation, ["employee_id", "start_date"], func)
    never, _ = _never_flags(employees, participation, years, func)
    frame = employees[keys].reset_index(drop=True).assign(never=never)
    out = _group(frame, keys).agg(n_staff=("never", "size"), n_never=("never", "sum"))
    out = out.reset_index(drop=not keys)
    out["n_staff"] = out["n_staff"].astype("int64")
    out["n_never"] = out["n_never"].astype("int64")
    out["share_never"] = out["n_never"] / out["n_staff"]
    return out[[*keys, "n_staff", "n_never", "share_never"]]


# ---------------------------------------------------------------------------
# 3. A model of non-participation.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ParticipationModel:
    """A logistic regression of never taking part, as odds ratios.

    Attributes
    ----------
    table : DataFrame
        One row per non-reference level: ``variable``, ``level``,
        ``reference`` (the variable's reference level), ``n`` (staff at this
        level), ``n_never``, ``odds_ratio`` (odds of never taking part at
        this level over the reference level, the other predictors held
        fixed), ``or_low``, ``or_high`` (Wald interval at ``confidence``),
        ``p_value`` (Wald z test).
    n : int
        Staff in the fit.
    n_never : int
        Of those, who never took part in the window.
    pseudo_r2 : float
        McFadden's pseudo R².
    converged : bool
        The maximum-likelihood fit converged without a warning.
    merged : dict
        Variable → levels merged into ``"lainnya"`` (rare, or perfectly
        predicting the outcome).
    dropped : dict
        Variable → why it left the model (one level left, collinear).
    n_missing : int
        Staff left out for a missing predictor.
    excluded : dict
        Variable → levels whose staff were left out because, even merged,
        they all took part (or none did): their coefficient would be
        infinite, and leaving them out gives the other coefficients their
        limiting maximum-likelihood values.
    n_excluded : int
        Staff left out that way.
    years : tuple of int
        The window.
    confidence : float
    notes : tuple of str
        Warnings from the fit, absorbed here rather than printed.
    """

    table: pd.DataFrame = field(repr=False)
    n: int
    n_never: int
    pseudo_r2: float
    converged: bool
    merged: dict[str, tuple[str, ...]]
    dropped: dict[str, str]
    n_missing: int = 0
    excluded: dict[str, tuple[str, ...]] = field(default_factory=dict)
    n_excluded: int = 0
    years: tuple[int, ...] = ()
    confidence: float = 0.95
    notes: tuple[str, ...] = ()


_TABLE_COLUMNS = [
    "variable",
    "level",
    "reference",
    "n",
    "n_never",
    "odds_ratio",
    "or_low",
    "or_high",
    "p_value",
]


def _level_order(levels: Iterable[str], counts: pd.Series, natural: list[str] | None) -> list[str]:
    """Levels in their natural (categorical) order if any, else by size; "lainnya" last."""
    levels = [lv for lv in levels if lv != OTHER_LEVEL]
    if natural is not None:
        rank = {v: i for i, v in enumerate(natural)}
        levels.sort(key=lambda lv: (rank.get(lv, len(rank)), lv))
    else:
        levels.sort(key=lambda lv: (-int(counts.get(lv, 0)), lv))
    return levels + ([OTHER_LEVEL] if OTHER_LEVEL in counts.index else [])


def _prepare(
    data: pd.DataFrame, variables: list[str], min_size: int
) -> tuple[pd.DataFrame, dict, dict, dict]:
    """Merge rare and separating levels, exclude still-separating ones, drop flat variables."""
    merged: dict[str, set[str]] = {v: set() for v in variables}
    excluded: dict[str, set[str]] = {v: set() for v in variables}
    dropped: dict[str, str] = {}
    active = list(variables)
    for _ in range(20):  # settles in a round or two; bounded all the same
        changed = False
        for var in list(active):
            col = data[var]
            counts = col.value_counts()
            rare = [lv for lv, k in counts.items() if k < min_size and lv != OTHER_LEVEL]
            events = data.groupby(var, sort=False)["never"].agg(["sum", "size"])
            flat = events.index[(events["sum"] == 0) | (events["sum"] == events["size"])]
            to_merge = sorted((set(rare) | set(flat)) - {OTHER_LEVEL})
            if to_merge:
                merged[var].update(to_merge)
                data[var] = col.where(~col.isin(to_merge), OTHER_LEVEL)
                changed = True
                continue
            if OTHER_LEVEL in flat and len(counts) > 1:
                excluded[var].add(OTHER_LEVEL)
                data = data[data[var] != OTHER_LEVEL]
                changed = True
                continue
            if data[var].nunique() < 2:
                only = data[var].iloc[0] if len(data) else "none"
                dropped[var] = f"only one level left ({only!r}) after merging"
                active.remove(var)
                changed = True
        if not changed:
            break
    return (
        data,
        {v: tuple(sorted(s)) for v, s in merged.items() if s and v in active},
        {v: tuple(sorted(s)) for v, s in excluded.items() if s},
        dropped,
    )


@one_blas_thread  # small matrices (kompetensi_toolkit.threads)
def nonparticipation_model(
    employees: pd.DataFrame,
    participation: pd.DataFrame,
    *,
    years: int | Iterable[int] | None = None,
    predictors: str | Sequence[str] = DEFAULT_PREDICTORS,
    min_level_size: int = 30,
    confidence: float = 0.95,
) -> ParticipationModel:
    """Logistic regression of never taking part in a window of years.

    The outcome is 1 for an employee with no participation row in the window
    (completed or not) and 0 otherwise; every predictor is categorical, coded
    against its reference level: the largest level other than ``"lainnya"`` (ties: the
    first alphabetically). Fitted by maximum likelihood
    with :class:`statsmodels.discrete.discrete_model.Logit` (Newton);
    odds ratios are ``exp(coef)`` with Wald intervals.

    Data preparation, in order:

    1. ``age_band`` (if a predictor and not a column already) comes from
       ``birth_year`` at the last year of the window (:func:`age_band`).
    2. Staff with any predictor missing are left out (``n_missing``).
    3. Per variable, levels with fewer than ``min_level_size`` staff, and
       levels where everybody or nobody took part (quasi-separation), are
       merged into ``"lainnya"`` (``merged``). Should ``"lainnya"`` itself
       still have everybody or nobody taking part, its staff are left out
       (``excluded``, ``n_excluded``): their coefficient would be infinite
       and the others' maximum-likelihood values are those without them.
    4. A variable left with one level, or whose levels are collinear with
       the variables before it, is dropped (``dropped``, with the reason).
    5. With fewer than :data:`MIN_EVENTS` never-participants or
       participants, or no predictor left, no model is fitted:
       :class:`InsufficientDataError` says why.

    Warnings from statsmodels (convergence, separation) never escape: they
    set ``converged=False`` and are kept in ``notes``.

    Parameters
    ----------
    employees : DataFrame
        ``employee_id`` and the predictor columns (``birth_year`` for
        ``age_band``).
    participation : DataFrame
        ``employee_id``, ``start_date``.
    years : int or iterable of int, optional
        The window; default every year in ``participation``.
    predictors : str or sequence of str
        Employee columns (``"age_band"`` computed as above).
    min_level_size : int, default 30
        Smallest level kept on its own.
    confidence : float, default 0.95

    Returns
    -------
    ParticipationModel

    Raises
    ------
    InsufficientDataError
        Too few never-participants or participants, or no predictor left.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> employees = pd.DataFrame({"employee_id": np.arange(400).astype(str),
    ...                           "position_type": ["pelaksana", "administrator"] * 200})
    >>> odds = np.where(employees["position_type"] == "pelaksana", 0.6, 0.2)
    >>> took_part = rng.random(400) >= odds / (1 + odds)
    >>> participation = pd.DataFrame({"employee_id": employees["employee_id"][took_part],
    ...                               "start_date": pd.Timestamp("2025-03-01")})
    >>> model = nonparticipation_model(employees, participation, predictors=["position_type"])
    >>> model.table[["variable", "level", "reference", "n", "n_never"]]
            variable      level      reference    n  n_never
    0  position_type  pelaksana  administrator  200       80
    >>> round(float(model.table["odds_ratio"].iloc[0]), 2), model.n, model.n_never, model.converged
    (3.04, 400, 116, True)
    """
    func = "nonparticipation_model"
    variables = checks.keys(predictors)
    if not variables or len(set(variables)) != len(variables):
        raise ParameterError(
            f"The 'predictors' parameter of {func} must name at least one column, each once. "
            f"Got {predictors!r} instead."
        )
    min_size = checks.count(min_level_size, "min_level_size", func)
    confidence = checks.number(confidence, "confidence", func, strict=True, high=0.999999)
    derive_age = "age_band" in variables and "age_band" not in employees.columns
    needed = [v for v in variables if not (v == "age_band" and derive_age)]
    require_columns(
        employees, ["employee_id", *needed, *(["birth_year"] if derive_age else [])], func
    )
    require_columns(participation, ["employee_id", "start_date"], func)
    never, window = _never_flags(employees, participation, years, func)
    if not window:
        raise InsufficientDataError(
            f"{func}: participation has no dated rows, so there is no window of years to model."
        )

    data = pd.DataFrame(index=pd.RangeIndex(len(employees)))
    natural: dict[str, list[str] | None] = {}
    for var in variables:
        if var == "age_band" and derive_age:
            col = age_band(employees["birth_year"].reset_index(drop=True), window[-1])
        else:
            col = employees[var].reset_index(drop=True)
        categorical = isinstance(col.dtype, pd.CategoricalDtype)
        natural[var] = [str(c) for c in col.cat.categories] if categorical else None
        text = col.astype("string")
        data[var] = text.astype(object).where(text.notna().to_numpy(bool), None)
    data["never"] = never.astype("int64")
    complete = data[variables].notna().all(axis=1).to_numpy(bool)
    n_missing = int((~complete).sum())
    data = data[complete].copy()
    _check_events(data["never"], func, "after leaving out staff with a missing predictor")

    data, merged, excluded, dropped = _prepare(data, variables, min_size)
    n_excluded = int(complete.sum()) - len(data)
    active = [v for v in variables if v not in dropped]
    _check_events(data["never"], func, "after merging rare levels and excluding separated ones")

    y = data["never"].to_numpy("float64")
    blocks = [np.ones((len(data), 1))]
    names: list[str] = ["const"]
    layout: list[tuple[str, str, str, int]] = []  # variable, level, reference, column
    for var in active:
        counts = data[var].value_counts()
        real = counts.drop(OTHER_LEVEL, errors="ignore")
        pool = real if len(real) else counts
        reference = str(sorted(pool.index, key=lambda lv: (-int(pool[lv]), lv))[0])
        levels = [lv for lv in _level_order(counts.index, counts, natural[var]) if lv != reference]
        block = (
            data[var].to_numpy(dtype=object)[:, None] == np.array(levels, dtype=object)
        ).astype("float64")
        trial = np.hstack([*blocks, block])
        if np.linalg.matrix_rank(trial) < trial.shape[1]:
            dropped[var] = "collinear with the predictors before it"
            merged.pop(var, None)
            continue
        for lv in levels:
            layout.append((var, lv, reference, len(names)))
            names.append(f"{var}[{lv}]")
        blocks.append(block)
    if len(names) == 1:
        reasons = "; ".join(f"{k}: {v}" for k, v in dropped.items()) or "none given"
        raise InsufficientDataError(f"{func}: no predictor left to model ({reasons}).")
    X = np.hstack(blocks)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # The model module only: statsmodels.api imports all of statsmodels (≈ 0.5 s more).
        from statsmodels.discrete.discrete_model import Logit

        result = Logit(y, X).fit(method="newton", maxiter=100, disp=False)
        params = np.asarray(result.params, dtype="float64")
        ci = np.asarray(result.conf_int(alpha=1.0 - confidence), dtype="float64")
        pvalues = np.asarray(result.pvalues)
        pseudo_r2 = float(result.prsquared)
        converged = bool(result.mle_retvals.get("converged", False))
    notes = tuple(dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught))
    if any(issubclass(w.category, (UserWarning, RuntimeWarning)) for w in caught):
        converged = False

    with np.errstate(over="ignore"):  # a separated fit may give an infinite odds ratio
        odds, low, high = np.exp(params), np.exp(ci[:, 0]), np.exp(ci[:, 1])
    rows = []
    for var, lv, reference, j in layout:
        at = data[var].to_numpy(dtype=object) == lv
        rows.append(
            {
                "variable": var,
                "level": lv,
                "reference": reference,
                "n": int(at.sum()),
                "n_never": int(y[at].sum()),
                "odds_ratio": float(odds[j]),
                "or_low": float(low[j]),
                "or_high": float(high[j]),
                "p_value": float(pvalues[j]),
            }
        )
    table = pd.DataFrame(rows, columns=_TABLE_COLUMNS)
    return ParticipationModel(
        table=table,
        n=len(data),
        n_never=int(y.sum()),
        pseudo_r2=pseudo_r2,
        converged=converged,
        merged=merged,
        dropped=dropped,
        n_missing=n_missing,
        excluded=excluded,
        n_excluded=n_excluded,
        years=tuple(window),
        confidence=confidence,
        notes=notes,
    )


def _check_events(never: pd.Series, func: str, when: str) -> None:
    events = int(never.sum())
    others = len(never) - events
    if events < MIN_EVENTS or others < MIN_EVENTS:
        raise InsufficientDataError(
            f"{func}: too few staff to fit a model {when}: {events} never took part and "
            f"{others} did; each needs at least {MIN_EVENTS}. Widen the window of years, "
            "use fewer predictors or pool regions."
        )
