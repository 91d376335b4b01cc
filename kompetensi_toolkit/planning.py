"""Planning competency development: the 20 JP rule, matching programmes, a budget.

The questions a BKPSDM asks after the gap analysis: who has not had their
20 JP this year (PP 11/2017 Art. 203(4): every PNS at least 20 JP a year,
1 JP = 45 minutes); which programmes cover the needs of a group; with a budget
of so many rupiah, who should attend what; does the plan keep to the 70:20:10
mix LAN writers recommend; and who could mentor whom in-house.

Every number not fixed by a regulation is a parameter: the 20 JP minimum is
regulatory (a parameter all the same, for PPPK rules or other years), the
bonus for staff under 20 JP, cohorts per programme, the MILP size limit, the
mentoring capacity and the same-unit bonus are defaults a user can change.

Functions
---------
:func:`jp_earned`, :func:`jp_compliance`
    JP per employee in a year, and the share under the minimum per group.
:func:`group_needs`, :func:`match_programmes`
    Need per group × competency (from the gaps), and the programmes that
    cover a group's top competencies, ranked by need per rupiah and per JP.
:func:`programme_candidates`, :func:`plan_budget`, :func:`optimality_gap`, :func:`budget_curve`
    Who could attend what (one row per employee × programme with the
    weighted shortfall it covers), and the best plan within a budget: exact
    (a mixed-integer programme solved by HiGHS through
    :func:`scipy.optimize.milp`, its LP relaxation first) or greedy.
:func:`modality_mix`
    Klasikal / nonklasikal, forms, and 70:20:10 of a plan.
:func:`mentoring_pairs`, :func:`mentoring_coverage`
    Mentor–mentee pairs within the organisation
    (:func:`scipy.optimize.linear_sum_assignment`), and what share of the
    shortfalls they reach.

Outputs that hold ``employee_id`` (candidates, plans, pairs) are internal
working data: identifiers are pseudonymised on load, and no person is ever to
be shown by name; publish only the aggregates (:func:`jp_compliance`,
:func:`budget_curve`, :func:`modality_mix`, :func:`mentoring_coverage`), which
carry their group size for small-cell suppression.

Examples
--------
>>> import pandas as pd
>>> candidates = pd.DataFrame({
...     "employee_id": ["a", "a", "b"], "program_id": ["P1", "P2", "P1"],
...     "value": [2.0, 1.0, 1.5], "cost": [3e6, 1e6, 3e6], "jp": [24.0, 8.0, 24.0],
...     "capacity": [30, 30, 30], "competencies": [("M.01",), ("M.01",), ("M.05",)]})
>>> result = plan_budget(candidates, budget=5e6)
>>> result.plan[["employee_id", "program_id", "value", "cost"]]
  employee_id program_id  value       cost
0           a         P2    1.0  1000000.0
1           b         P1    1.5  3000000.0
>>> result.value, result.cost, result.method, result.optimal
(2.5, 4000000.0, 'milp', True)
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, linprog, milp
from scipy.sparse.csgraph import maximum_flow

from kompetensi_toolkit import checks
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.frames import require_columns

try:  # HiGHS as scipy bundles it: what milp calls, kept between budgets (see _relax)
    from scipy.optimize._highspy import _core as _highs
except ImportError:  # pragma: no cover - another scipy layout: milp alone
    _highs = None
_HIGHS_NAMES = ("HighsLp", "HighsOptions", "HighsStatus", "HighsModelStatus", "HighsVarType")
if _highs is not None and not all(hasattr(_highs, n) for n in (*_HIGHS_NAMES, "_Highs")):
    _highs = None  # pragma: no cover

__all__ = [
    "DEFAULT_MILP_LIMIT",
    "DEFAULT_UNDER_JP_BONUS",
    "FORM_MODEL",
    "MINIMUM_JP",
    "MODEL_TARGET",
    "PlanResult",
    "budget_curve",
    "group_needs",
    "jp_compliance",
    "jp_earned",
    "jp_status",
    "match_programmes",
    "mentoring_coverage",
    "mentoring_pairs",
    "modality_mix",
    "optimality_gap",
    "plan_budget",
    "programme_candidates",
]

#: JP every PNS must earn a year (PP 11/2017 Art. 203(4); 1 JP = 45 minutes).
MINIMUM_JP = 20.0
#: Largest candidate table solved exactly by ``method="auto"`` (rows); above it, greedy.
DEFAULT_MILP_LIMIT = 50_000
#: Extra weight on the value for staff under the JP minimum: value × (1 + bonus).
#: A default, not a rule.
DEFAULT_UNDER_JP_BONUS = 0.25
#: Seconds HiGHS may spend on one plan before returning its best plan so far.
DEFAULT_TIME_LIMIT = 60.0
#: Relative MIP gap at which HiGHS stops (0: prove optimality exactly).
DEFAULT_MIP_REL_GAP = 1e-6

#: Each form of the data contract in the 70:20:10 model (experiential :
#: social : formal). A choice, documented: formal = structured courses,
#: classroom or remote (e-learning and pelatihan jarak jauh included);
#: social = learning from others (coaching, mentoring); experiential =
#: learning by doing the work somewhere or on one's own (magang, detasering,
#: pertukaran PNS–swasta, benchmarking, belajar mandiri).
FORM_MODEL: dict[str, str] = {
    "pelatihan": "formal",
    "seminar": "formal",
    "workshop": "formal",
    "kursus": "formal",
    "penataran": "formal",
    "bimbingan_teknis": "formal",
    "e_learning": "formal",
    "pelatihan_jarak_jauh": "formal",
    "coaching": "social",
    "mentoring": "social",
    "magang": "experiential",
    "detasering": "experiential",
    "pertukaran": "experiential",
    "benchmarking": "experiential",
    "belajar_mandiri": "experiential",
}
#: The 70:20:10 mix LAN writers recommend (a recommendation, not a regulation).
MODEL_TARGET: dict[str, float] = {"experiential": 0.70, "social": 0.20, "formal": 0.10}
_MODES = ("klasikal", "nonklasikal")
_METHODS = ("auto", "milp", "greedy")


# ---------------------------------------------------------------------------
# 1. The 20 JP rule.
# ---------------------------------------------------------------------------
def jp_earned(
    participation: pd.DataFrame,
    programs: pd.DataFrame,
    *,
    year: int | None = None,
    completed_only: bool = True,
) -> pd.DataFrame:
    """JP each employee earned, per calendar year of ``start_date``.

    A participation row counts its own ``jp`` when given, else the
    programme's ``jp``. Only completed participation counts unless
    ``completed_only=False`` (a missing ``completed`` is not completed; no
    ``completed`` column: every row counts). Employees with no participation
    have no row here: :func:`jp_compliance` counts them as 0 JP.

    Parameters
    ----------
    participation : DataFrame
        ``employee_id``, ``program_id``, ``start_date``; optional ``jp``,
        ``completed``.
    programs : DataFrame
        ``program_id``, ``jp``.
    year : int, optional
        Keep this year only (default: every year present).
    completed_only : bool, default True

    Returns
    -------
    DataFrame
        ``employee_id``, ``year``, ``jp`` (sum), ``n_programmes`` (rows
        counted); sorted by year and employee.

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["P1", "P2"], "jp": [24.0, 10.0]})
    >>> participation = pd.DataFrame({
    ...     "employee_id": ["a", "a", "a", "b"], "program_id": ["P1", "P2", "P2", "P2"],
    ...     "start_date": pd.to_datetime(["2025-03-01", "2025-05-01", "2024-12-01", "2025-01-10"]),
    ...     "jp": [None, 6.0, None, None], "completed": [True, True, True, False]})
    >>> jp_earned(participation, programs, year=2025)
      employee_id  year    jp  n_programmes
    0           a  2025  30.0             2
    """
    func = "jp_earned"
    require_columns(participation, ["employee_id", "program_id", "start_date"], func)
    require_columns(programs, ["program_id", "jp"], func)
    if year is not None:
        checks.count(year, "year", func, low=1900)
    rows = participation
    if completed_only and "completed" in rows:
        rows = rows[checks.flags(rows["completed"])]
    years = pd.to_datetime(rows["start_date"]).dt.year
    if year is not None:
        rows, years = rows[years == year], years[years == year]
    programme_jp = programs.drop_duplicates("program_id").set_index("program_id")["jp"]
    default_jp = rows["program_id"].map(programme_jp)
    own = rows["jp"] if "jp" in rows else pd.Series(np.nan, index=rows.index)
    jp = pd.to_numeric(own, errors="coerce").astype("float64")
    jp = jp.fillna(pd.to_numeric(default_jp, errors="coerce").astype("float64")).fillna(0.0)
    frame = pd.DataFrame(
        {
            "employee_id": rows["employee_id"].to_numpy(),
            "year": years.astype("int64").to_numpy(),
            "jp": jp.to_numpy(),
        }
    )
    out = (
        frame.groupby(["employee_id", "year"], sort=False)
        .agg(jp=("jp", "sum"), n_programmes=("jp", "size"))
        .reset_index()
    )
    out["n_programmes"] = out["n_programmes"].astype("int64")
    return out.sort_values(["year", "employee_id"], kind="stable").reset_index(drop=True)


def jp_status(
    employees: pd.DataFrame,
    earned: pd.DataFrame,
    *,
    minimum: float = MINIMUM_JP,
    year: int | None = None,
    _func: str = "jp_status",
) -> pd.DataFrame:
    """JP of every employee in one year, 0 for those with no participation.

    Returns
    -------
    DataFrame
        The employee columns given, then ``jp`` and ``under`` (``jp`` <
        ``minimum``), one row per employee in ``employees`` order.

    Examples
    --------
    >>> import pandas as pd
    >>> employees = pd.DataFrame({"employee_id": ["a", "b"], "unit": ["X", "X"]})
    >>> earned = pd.DataFrame({"employee_id": ["a"], "year": [2025], "jp": [30.0]})
    >>> jp_status(employees, earned)
      employee_id unit    jp  under
    0           a    X  30.0  False
    1           b    X   0.0   True
    """
    func = _func
    require_columns(employees, ["employee_id"], func)
    require_columns(earned, ["employee_id", "jp"], func)
    minimum = checks.number(minimum, "minimum", func)
    earned = _one_year(earned, year, func)
    per_person = earned.groupby("employee_id", sort=False)["jp"].sum()
    out = employees.reset_index(drop=True).copy()
    out["jp"] = out["employee_id"].map(per_person).astype("float64").fillna(0.0).to_numpy()
    out["under"] = out["jp"].to_numpy() < minimum
    return out


def _one_year(earned: pd.DataFrame, year: int | None, func: str) -> pd.DataFrame:
    if "year" not in earned:
        return earned
    if year is not None:
        return earned[earned["year"] == year]
    years = pd.unique(earned["year"])
    if len(years) > 1:
        raise ParameterError(
            f"The 'year' parameter of {func} must name one year when 'earned' holds "
            f"several ({', '.join(map(str, sorted(years)))}). Got None instead."
        )
    return earned


def jp_compliance(
    employees: pd.DataFrame,
    earned: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = ("unit",),
    minimum: float = MINIMUM_JP,
    year: int | None = None,
) -> pd.DataFrame:
    """Staff under the JP minimum per group (the 20 JP rule).

    Every employee in ``employees`` counts; one with no row in ``earned``
    has 0 JP. ``earned`` (from :func:`jp_earned`) must hold one year, or
    ``year`` picks one.

    Parameters
    ----------
    employees : DataFrame
        ``employee_id`` and the ``by`` columns.
    earned : DataFrame
        ``employee_id``, ``jp``, optional ``year``.
    by : str or sequence of str, optional
        Group columns (None: one row for everyone).
    minimum : float, default 20
        JP a year (PP 11/2017 Art. 203(4)).
    year : int, optional

    Returns
    -------
    DataFrame
        ``by`` columns, ``n_staff`` (group size, for suppression),
        ``n_under``, ``share_under``, ``mean_jp``, ``median_jp``.

    Examples
    --------
    >>> import pandas as pd
    >>> employees = pd.DataFrame({"employee_id": ["a", "b", "c"], "unit": ["X", "X", "Y"]})
    >>> earned = pd.DataFrame({"employee_id": ["a", "c"], "year": [2025, 2025],
    ...                        "jp": [24.0, 12.0]})
    >>> jp_compliance(employees, earned)
      unit  n_staff  n_under  share_under  mean_jp  median_jp
    0    X        2        1          0.5     12.0       12.0
    1    Y        1        1          1.0     12.0       12.0
    """
    func = "jp_compliance"
    keys = checks.keys(by)
    require_columns(employees, ["employee_id", *keys], func)
    status = jp_status(
        employees[["employee_id", *keys]], earned, minimum=minimum, year=year, _func=func
    )
    grouped = (
        status.groupby(keys, observed=True, sort=True)
        if keys
        else status.groupby(np.zeros(len(status), dtype=int))
    )
    out = grouped.agg(
        n_staff=("jp", "size"),
        n_under=("under", "sum"),
        mean_jp=("jp", "mean"),
        median_jp=("jp", "median"),
    ).reset_index(drop=not keys)
    out["n_under"] = out["n_under"].astype("int64")
    out["share_under"] = out["n_under"] / out["n_staff"]
    return out[[*keys, "n_staff", "n_under", "share_under", "mean_jp", "median_jp"]]


# ---------------------------------------------------------------------------
# 2. Needs and the programmes that cover them.
# ---------------------------------------------------------------------------
def _shortfalls(gaps: pd.DataFrame, func: str) -> pd.DataFrame:
    """Assessed cells below standard, with ``shortfall`` = −gap and its weighted value."""
    require_columns(gaps, ["employee_id", "competency_id", "gap"], func)
    gap = checks.floats(gaps["gap"])
    below = gap < 0  # NaN (not assessed) is never below: needs are never imputed
    rows = gaps[below]
    weight = checks.floats(rows["weight"]) if "weight" in rows else np.ones(len(rows))
    out = rows.copy()
    out["shortfall"] = -gap[below]
    out["weighted_shortfall"] = out["shortfall"].to_numpy() * np.nan_to_num(weight, nan=1.0)
    return out


def group_needs(
    gaps: pd.DataFrame,
    *,
    by: str | Sequence[str] = "unit",
    statistic: str = "mean",
) -> pd.DataFrame:
    """Need per group × competency, from :func:`~kompetensi_toolkit.gaps.competency_gaps`.

    The shortfall of a cell is ``max(required − level, 0)`` times the
    standard's ``weight``; cells not assessed count as no known need (never
    imputed). ``statistic="mean"``: mean weighted shortfall over the group's
    assessed staff in that competency; ``"total"``: its sum.

    Returns
    -------
    DataFrame
        ``by`` columns, ``competency_id``, ``need``, ``n_below`` (staff
        below standard), ``n_staff`` (assessed staff of the group in that
        competency); only competencies with a need.

    Examples
    --------
    >>> import pandas as pd
    >>> gaps = pd.DataFrame({"employee_id": ["a", "b", "a"], "unit": ["X", "X", "X"],
    ...                      "competency_id": ["M.01", "M.01", "M.02"], "gap": [-1.0, 0.0, -0.5]})
    >>> group_needs(gaps)
      unit competency_id  need  n_below  n_staff
    0    X          M.01   0.5        1        2
    1    X          M.02   0.5        1        1
    """
    func = "group_needs"
    keys = checks.keys(by)
    checks.choice(statistic, "statistic", func, ("mean", "total"))
    require_columns(gaps, ["employee_id", "competency_id", "gap", *keys], func)
    assessed = gaps[~np.isnan(checks.floats(gaps["gap"]))]
    weight = checks.floats(assessed["weight"]) if "weight" in assessed else np.ones(len(assessed))
    cells = assessed[[*keys, "competency_id"]].copy()
    cells["ws"] = np.clip(-checks.floats(assessed["gap"]), 0, None) * np.nan_to_num(weight, nan=1.0)
    cells["below"] = cells["ws"].to_numpy() > 0
    out = (
        cells.groupby([*keys, "competency_id"], observed=True, sort=True)
        .agg(
            total=("ws", "sum"),
            mean=("ws", "mean"),
            n_below=("below", "sum"),
            n_staff=("ws", "size"),
        )
        .reset_index()
    )
    out["need"] = out[statistic]
    out["n_below"] = out["n_below"].astype("int64")
    out = out[out["need"] > 0]
    return out[[*keys, "competency_id", "need", "n_below", "n_staff"]].reset_index(drop=True)


def match_programmes(
    needs: pd.DataFrame,
    programs: pd.DataFrame,
    program_competencies: pd.DataFrame,
    *,
    top: int = 3,
    group: str | Sequence[str] | None = None,
    max_programmes: int | None = 5,
    per_rupiah: float = 1_000_000.0,
) -> pd.DataFrame:
    """Programmes covering each group's top competencies, best value first.

    For each group (a cluster, a unit…), the ``top`` competencies with the
    largest ``need`` are chosen; every programme covering at least one of
    them is scored by the need it covers, ``need_covered`` = Σ ``need`` over
    those of the group's top competencies it covers. Two scores:

    * ``need_per_rupiah`` = ``need_covered`` / ``cost_per_participant`` ×
      ``per_rupiah`` (need per million rupiah spent on one participant by
      default; infinite for a free programme). With ``need`` a mean
      shortfall, this is the need closed per participant per million; with a
      total, scale by ``n_staff``: the order within a group is the same.
    * ``need_per_jp`` = ``need_covered`` / ``jp``: need per hour of the
      participant's learning time (1 JP = 45 minutes).

    Programmes are ranked within the group by ``need_per_rupiah``, ties by
    ``need_per_jp``, then by ``need_covered``.

    Parameters
    ----------
    needs : DataFrame
        Group columns, ``competency_id``, ``need``, ``n_staff`` (staff to
        train in the group); see :func:`group_needs`.
    programs : DataFrame
        ``program_id``, ``name``, ``form``, ``mode``, ``jp``,
        ``cost_per_participant`` (missing: 0), ``capacity`` (missing: one
        cohort for everyone).
    program_competencies : DataFrame
        ``program_id``, ``competency_id``.
    top : int, default 3
        Competencies per group.
    group : str or sequence of str, optional
        Group columns (default: every column of ``needs`` other than
        ``competency_id``, ``need``, ``n_staff``, ``n_below``).
    max_programmes : int or None, default 5
        Programmes kept per group (None: all).
    per_rupiah : float, default 1 000 000
        Money unit of ``need_per_rupiah``.

    Returns
    -------
    DataFrame
        Group columns, ``rank`` (1 = best), ``program_id``, ``name``,
        ``form``, ``mode``, ``competencies`` (the group's top competencies it
        covers, a tuple), ``need_covered``, ``need_per_rupiah``,
        ``need_per_jp``, ``jp``, ``cost_per_participant``, ``n_staff``,
        ``cohorts`` = ceil(n_staff / capacity), ``total_cost`` = n_staff ×
        cost_per_participant.

    Examples
    --------
    >>> import pandas as pd
    >>> needs = pd.DataFrame({"cluster": [1, 1], "competency_id": ["M.01", "M.05"],
    ...                       "need": [0.8, 0.4], "n_staff": [45, 45]})
    >>> programs = pd.DataFrame({"program_id": ["P1", "P2"], "name": ["Bimtek", "E-learning"],
    ...     "form": ["bimbingan_teknis", "e_learning"], "mode": ["klasikal", "nonklasikal"],
    ...     "jp": [24.0, 10.0], "cost_per_participant": [2e6, 0.0], "capacity": [30, 200]})
    >>> pc = pd.DataFrame({"program_id": ["P1", "P1", "P2"],
    ...                    "competency_id": ["M.01", "M.05", "M.01"]})
    >>> match_programmes(needs, programs, pc)[["rank", "program_id", "need_covered",
    ...     "need_per_rupiah", "need_per_jp", "cohorts"]]
       rank program_id  need_covered  need_per_rupiah  need_per_jp  cohorts
    0     1         P2           0.8              inf         0.08        1
    1     2         P1           1.2              0.6         0.05        2
    """
    func = "match_programmes"
    top = checks.count(top, "top", func)
    if max_programmes is not None:
        max_programmes = checks.count(max_programmes, "max_programmes", func)
    per_rupiah = checks.number(per_rupiah, "per_rupiah", func, strict=True)
    require_columns(needs, ["competency_id", "need", "n_staff"], func)
    require_columns(programs, ["program_id", "jp"], func)
    require_columns(program_competencies, ["program_id", "competency_id"], func)
    reserved = {"competency_id", "need", "n_staff", "n_below"}
    keys = [c for c in needs.columns if c not in reserved] if group is None else checks.keys(group)
    require_columns(needs, keys, func)
    ranked = needs[needs["need"] > 0].sort_values(
        [*keys, "need", "competency_id"],
        ascending=[True] * len(keys) + [False, True],
        kind="stable",
    )
    grouped = ranked.groupby(keys, sort=False, observed=True) if keys else None
    chosen = grouped.head(top) if grouped is not None else ranked.head(top)
    staff = (
        chosen.groupby(keys, sort=False, observed=True)["n_staff"].max()
        if keys
        else pd.Series({0: chosen["n_staff"].max()})
    )
    links = program_competencies[["program_id", "competency_id"]].drop_duplicates()
    merged = chosen.astype({"competency_id": "str"}).merge(
        links.astype({"competency_id": "str"}), on="competency_id"
    )
    group_cols = keys or ["_all"]
    if not keys:
        merged["_all"] = 0
    out = (
        merged.sort_values("competency_id", kind="stable")
        .groupby([*group_cols, "program_id"], observed=True, sort=False)
        .agg(competencies=("competency_id", tuple), need_covered=("need", "sum"))
        .reset_index()
    )
    info_cols = [
        c
        for c in ("name", "form", "mode", "jp", "cost_per_participant", "capacity")
        if c in programs
    ]
    info = programs.drop_duplicates("program_id")[["program_id", *info_cols]]
    out = out.merge(info, on="program_id", how="left")
    cost = checks.floats(out["cost_per_participant"]) if "cost_per_participant" in out else None
    cost = np.zeros(len(out)) if cost is None else np.nan_to_num(cost, nan=0.0)
    out["cost_per_participant"] = cost
    need = out["need_covered"].to_numpy("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        out["need_per_rupiah"] = np.where(cost > 0, need / cost * per_rupiah, np.inf)
        out["need_per_jp"] = need / checks.floats(out["jp"])
    if keys:
        out["n_staff"] = (
            pd.MultiIndex.from_frame(out[keys]).map(
                dict(zip(staff.index, staff.to_numpy(), strict=True))
            )
            if len(keys) > 1
            else out[keys[0]].map(staff).to_numpy()
        )
    else:
        out["n_staff"] = staff.iloc[0] if len(staff) else 0
    n_staff = checks.floats(out["n_staff"])
    capacity = checks.floats(out["capacity"]) if "capacity" in out else np.full(len(out), np.nan)
    capacity = np.where(capacity > 0, capacity, np.nan)
    out["cohorts"] = np.where(
        np.isnan(capacity), 1, np.ceil(n_staff / np.where(np.isnan(capacity), 1, capacity))
    ).astype("int64")
    out["total_cost"] = n_staff * cost
    out = out.sort_values(
        [*group_cols, "need_per_rupiah", "need_per_jp", "need_covered", "program_id"],
        ascending=[True] * len(group_cols) + [False, False, False, True],
        kind="stable",
    )
    out["rank"] = out.groupby(group_cols, observed=True, sort=False).cumcount() + 1
    if max_programmes is not None:
        out = out[out["rank"] <= max_programmes]
    columns = [
        *keys,
        "rank",
        "program_id",
        *(c for c in ("name", "form", "mode") if c in out),
        "competencies",
        "need_covered",
        "need_per_rupiah",
        "need_per_jp",
        "jp",
        "cost_per_participant",
        "n_staff",
        "cohorts",
        "total_cost",
    ]
    return out[columns].reset_index(drop=True)


# ---------------------------------------------------------------------------
# 3. Who attends what, within a budget.
# ---------------------------------------------------------------------------
def programme_candidates(
    gaps: pd.DataFrame,
    programs: pd.DataFrame,
    program_competencies: pd.DataFrame,
    *,
    earned: pd.DataFrame | None = None,
    minimum: float = MINIMUM_JP,
) -> pd.DataFrame:
    """Every employee × programme that would close some of the employee's shortfall.

    ``value`` = Σ over the programme's competencies of the employee's
    shortfall (required − level, where below standard) × the standard's
    ``weight``. Competencies not assessed carry no value (never imputed).

    Parameters
    ----------
    gaps : DataFrame
        :func:`~kompetensi_toolkit.gaps.competency_gaps` output (``employee_id``,
        ``competency_id``, ``gap``, optional ``weight``, ``unit``, ``region_id``).
    programs, program_competencies : DataFrame
        As in the data contract.
    earned : DataFrame, optional
        :func:`jp_earned` of one year: sets ``jp_earned`` and ``under_20jp``
        (under ``minimum``; no participation = 0 JP). Without it
        ``under_20jp`` is False for everyone (no preference possible).
    minimum : float, default 20

    Returns
    -------
    DataFrame
        ``employee_id``, ``region_id``, ``unit`` (those in ``gaps``),
        ``program_id``, ``form``, ``mode`` (those in ``programs``), ``value``,
        ``cost`` (cost_per_participant, missing: 0), ``jp``, ``capacity``
        (missing: NaN, unlimited), ``competencies`` (tuple of the
        competencies with a shortfall the programme covers, sorted),
        ``shortfalls`` (their weighted shortfalls, same order),
        ``jp_earned`` (when ``earned`` is given), ``under_20jp``.

    Examples
    --------
    >>> import pandas as pd
    >>> gaps = pd.DataFrame({"employee_id": ["a", "a", "b"],
    ...                      "competency_id": ["M.01", "M.05", "M.01"], "gap": [-1.0, -0.5, 0.0]})
    >>> programs = pd.DataFrame({"program_id": ["P1"], "jp": [24.0],
    ...                          "cost_per_participant": [2e6], "capacity": [30]})
    >>> pc = pd.DataFrame({"program_id": ["P1", "P1"], "competency_id": ["M.01", "M.05"]})
    >>> programme_candidates(gaps, programs, pc)[["employee_id", "program_id", "value",
    ...                                           "competencies", "under_20jp"]]
      employee_id program_id  value  competencies  under_20jp
    0           a         P1    1.5  (M.01, M.05)       False
    """
    func = "programme_candidates"
    require_columns(programs, ["program_id", "jp"], func)
    require_columns(program_competencies, ["program_id", "competency_id"], func)
    cells = _shortfalls(gaps, func)
    person_cols = [c for c in ("region_id", "unit") if c in cells]
    links = program_competencies[["program_id", "competency_id"]].drop_duplicates()
    links = links.assign(competency_id=links["competency_id"].astype("str"))
    cells = cells[["employee_id", *person_cols, "competency_id", "weighted_shortfall"]]
    cells = cells.assign(competency_id=cells["competency_id"].astype("str"))
    merged = (
        cells.merge(links, on="competency_id")
        .dropna(subset=["employee_id", "program_id"])
        .sort_values(["employee_id", "program_id", "competency_id"], kind="stable")
    )
    out = _per_pair(merged, person_cols)
    info = programs.drop_duplicates("program_id").set_index("program_id")
    pid = out["program_id"]
    for column in ("form", "mode"):
        if column in info:
            out[column] = pid.map(info[column].astype("object")).to_numpy()
    cost = info.get("cost_per_participant")
    out["cost"] = 0.0 if cost is None else np.nan_to_num(checks.floats(pid.map(cost)), nan=0.0)
    out["jp"] = checks.floats(pid.map(info["jp"]))
    cap = info.get("capacity")
    out["capacity"] = np.nan if cap is None else checks.floats(pid.map(cap))
    if earned is not None:
        status = jp_status(out[["employee_id"]].drop_duplicates(), earned, minimum=minimum)
        jp_now = status.set_index("employee_id")["jp"]
        out["jp_earned"] = out["employee_id"].map(jp_now).to_numpy("float64")
        out["under_20jp"] = out["jp_earned"].to_numpy() < minimum
    else:
        out["under_20jp"] = False
    columns = [
        "employee_id",
        *person_cols,
        "program_id",
        *(c for c in ("form", "mode") if c in out),
        "value",
        "cost",
        "jp",
        "capacity",
        "competencies",
        "shortfalls",
        *(["jp_earned"] if earned is not None else []),
        "under_20jp",
    ]
    return out[columns].reset_index(drop=True)


def _per_pair(merged: pd.DataFrame, person_cols: list[str]) -> pd.DataFrame:
    """One row per employee × programme of ``merged`` (sorted by both, no missing key).

    The first ``person_cols`` value, Σ ``weighted_shortfall`` as ``value``, and
    the pair's ``competency_id`` and ``weighted_shortfall`` as tuples (row
    order); pairs in ``merged`` order. The rows of a pair are contiguous, so
    the tuples are slices (no per-group pandas call).
    """
    n = len(merged)
    if n == 0:  # the column dtypes pandas gives an empty aggregation
        return (
            merged.groupby(["employee_id", "program_id"], sort=False, observed=True)
            .agg(
                **{c: (c, "first") for c in person_cols},
                value=("weighted_shortfall", "sum"),
                competencies=("competency_id", tuple),
                shortfalls=("weighted_shortfall", tuple),
            )
            .reset_index()
        )
    employee, program = merged["employee_id"], merged["program_id"]
    e_codes, p_codes = pd.factorize(employee)[0], pd.factorize(program)[0]
    new = np.ones(n, dtype=bool)
    new[1:] = (e_codes[1:] != e_codes[:-1]) | (p_codes[1:] != p_codes[:-1])
    starts = np.flatnonzero(new)
    group = np.cumsum(new) - 1
    sums = (
        merged[[*person_cols, "weighted_shortfall"]]
        .groupby(group, sort=False)
        .agg(
            **{c: (c, "first") for c in person_cols},
            value=("weighted_shortfall", "sum"),
        )
        .reset_index(drop=True)
    )
    comps, shorts = merged["competency_id"].tolist(), merged["weighted_shortfall"].tolist()
    bounds = list(zip(starts.tolist(), [*starts[1:].tolist(), n], strict=True))
    out = pd.DataFrame(
        {
            "employee_id": employee.iloc[starts].reset_index(drop=True),
            "program_id": program.iloc[starts].reset_index(drop=True),
        }
    )
    for column in sums:
        out[column] = sums[column]
    out["competencies"] = pd.Series([tuple(comps[s:e]) for s, e in bounds], dtype="object")
    out["shortfalls"] = pd.Series([tuple(shorts[s:e]) for s, e in bounds], dtype="object")
    return out


@dataclass(frozen=True)
class PlanResult:
    """A training plan within a budget (see :func:`plan_budget`).

    Attributes
    ----------
    plan : DataFrame
        The chosen candidate rows (every candidate column), sorted by
        employee and programme.
    cost : float
        Σ cost of the plan (rupiah), never above the budget.
    value : float
        Weighted shortfall covered, Σ ``value`` (without the bonus).
    objective : float
        What was maximised: Σ value × (1 + bonus for staff under 20 JP).
    jp_per_person : DataFrame
        ``employee_id``, ``n_programmes``, ``jp_added``, and with a
        ``jp_earned`` column in the candidates also ``jp_earned``,
        ``jp_after`` and ``under_20jp_after``.
    method : str
        ``"milp"`` or ``"greedy"``.
    optimal : bool
        True when the plan is proved optimal within ``mip_rel_gap`` (by
        the LP bound or by HiGHS's branch and cut); always False for greedy.
    status : int or None
        :func:`scipy.optimize.milp` status (0 optimal, 1 time or node
        limit reached, 2 infeasible, 3 unbounded, 4 other); None for greedy.
    mip_gap : float or None
        Relative gap between the plan and the best bound (LP relaxation or
        HiGHS's): the optimum is at most (1 + ``mip_gap``) × ``objective``;
        None for greedy.
    budget : float
    seconds : float
        Wall time of the solve.
    """

    plan: pd.DataFrame = field(repr=False)
    cost: float
    value: float
    objective: float
    jp_per_person: pd.DataFrame = field(repr=False)
    method: str
    optimal: bool
    status: int | None
    mip_gap: float | None
    budget: float
    seconds: float

    @property
    def n_people(self) -> int:
        """Employees with at least one programme in the plan."""
        return int(self.plan["employee_id"].nunique())


def _seats(candidates: pd.DataFrame, cohorts, func: str) -> np.ndarray:
    """Seats of each candidate's programme: capacity × cohorts (NaN capacity: unlimited)."""
    capacity = (
        checks.floats(candidates["capacity"])
        if "capacity" in candidates
        else np.full(len(candidates), np.nan)
    )
    if isinstance(cohorts, Mapping):
        for key, value in cohorts.items():
            checks.count(value, f"cohorts[{key!r}]", func, low=0)
        per_row = candidates["program_id"].map(dict(cohorts)).astype("float64").fillna(1.0)
        factor = per_row.to_numpy()
    else:
        factor = float(checks.count(cohorts, "cohorts", func, low=0))
    seats = capacity * factor
    return np.where(np.isnan(capacity), np.inf, seats)


@dataclass
class _Problem:
    """The candidate table as arrays (rows with value > 0 only)."""

    rows: np.ndarray  # positions in the candidate table
    objective: np.ndarray
    cost: np.ndarray
    programme: np.ndarray  # codes
    seats: np.ndarray  # per programme code
    person_comp: np.ndarray  # codes of (employee, competency), row after row
    starts: np.ndarray  # row r's codes: person_comp[starts[r]:starts[r + 1]]
    n_person_comp: int
    constraint_parts: tuple | None = None  # (matrix, lower, upper) of _constraints, budget apart
    highs: object = None  # HiGHS holding the last LP relaxation solved (see _relax)


def _problem(
    candidates: pd.DataFrame, *, prefer_under_jp: bool, under_jp_bonus: float, cohorts, func: str
) -> _Problem:
    needed = ["employee_id", "program_id", "value", "cost", "competencies"]
    require_columns(candidates, needed, func)
    if candidates.duplicated(["employee_id", "program_id"]).any():
        raise ParameterError(
            f"The 'candidates' parameter of {func} must have one row per employee_id × "
            "program_id. Got duplicated pairs instead: aggregate them first."
        )
    value = np.nan_to_num(checks.floats(candidates["value"]), nan=0.0)
    cost = checks.floats(candidates["cost"])
    if np.isnan(cost).any() or (cost < 0).any():
        raise ParameterError(
            f"The 'candidates' parameter of {func} must have a cost ≥ 0 in every row. "
            "Got missing or negative costs instead."
        )
    seats_row = _seats(candidates, cohorts, func)
    under = (
        checks.flags(candidates["under_20jp"])
        if "under_20jp" in candidates
        else np.zeros(len(candidates), bool)
    )
    bonus = 1.0 + (under_jp_bonus * under if prefer_under_jp else 0.0)
    keep = np.flatnonzero(value > 0)
    prog_codes, prog_uniques = pd.factorize(candidates["program_id"].iloc[keep])
    seats = np.full(len(prog_uniques), np.inf)
    if len(keep):
        np.minimum.at(seats, prog_codes, seats_row[keep])
    person_comp, starts = _person_competency_codes(
        candidates["employee_id"].iloc[keep], candidates["competencies"].iloc[keep]
    )
    return _Problem(
        keep,
        (value * bonus)[keep],
        cost[keep],
        prog_codes.astype(np.int64),
        seats,
        person_comp,
        starts,
        int(person_comp.max()) + 1 if len(person_comp) else 0,
    )


def _person_competency_codes(employees: pd.Series, competencies: pd.Series):
    """Codes of the (employee, competency) cells of each row, numbered by first appearance.

    Returns the codes row after row and each row's start in them (one more
    entry than rows).
    """
    tuples = [c if type(c) is tuple else _as_tuple(c) for c in competencies.tolist()]
    lengths = np.fromiter(map(len, tuples), dtype=np.int64, count=len(tuples))
    starts = np.zeros(len(tuples) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    if not starts[-1]:
        return np.zeros(0, dtype=np.int64), starts
    person = pd.factorize(employees, use_na_sentinel=False)[0].astype(np.int64)
    flat = np.empty(int(starts[-1]), dtype=object)
    flat[:] = [c for t in tuples for c in t]
    comp = pd.factorize(flat, use_na_sentinel=False)[0].astype(np.int64)
    cell = np.repeat(person, lengths) * (int(comp.max()) + 1) + comp
    return pd.factorize(cell)[0].astype(np.int64), starts


def _as_tuple(value: object) -> tuple:
    if isinstance(value, str):
        return (value,)
    if value is None or (not isinstance(value, Iterable) and pd.isna(value)):
        return ()
    return tuple(value)


def _tolerance(budget: float) -> float:
    """How far over the budget a sum of costs may be from rounding alone."""
    return 1e-9 * max(1.0, budget)


def _solve_greedy(
    p: _Problem, budget: float, start: np.ndarray | None = None, first: np.ndarray | None = None
) -> np.ndarray:
    """Chosen positions (in ``p.rows`` order), highest value per rupiah first.

    Free rows (cost 0) come first, by value; ties keep the candidate order.
    A row is taken when it fits the remaining budget, its programme has a
    seat left and none of its competencies is already planned for that
    person. With ``start`` (a feasible choice, see :func:`_feasible`) those
    rows are kept and the others added as above, rows with a higher
    ``first`` before the rest.
    """
    with np.errstate(divide="ignore"):
        ratio = np.where(p.cost > 0, p.objective / np.where(p.cost > 0, p.cost, 1), np.inf)
    keys = (np.arange(len(ratio)), -p.objective, -ratio)
    order = np.lexsort(keys if first is None else (*keys, -first))
    chosen = np.zeros(len(ratio), dtype=bool) if start is None else start.copy()
    left = float(budget) - float(p.cost[chosen].sum())
    seats = (p.seats - np.bincount(p.programme[chosen], minlength=len(p.seats))).tolist()
    used = np.zeros(p.n_person_comp, dtype=bool)
    used[p.person_comp[np.repeat(chosen, np.diff(p.starts))]] = True
    used = used.tolist()
    # plain Python values: the loop is sequential, and numpy scalars are slow one by one
    taken, cost, programme = chosen.tolist(), p.cost.tolist(), p.programme.tolist()
    codes, starts = p.person_comp.tolist(), p.starts.tolist()
    tolerance = _tolerance(budget)
    for i in order.tolist():
        c = cost[i]
        if taken[i] or c > left + tolerance or seats[programme[i]] < 1:
            continue
        pc = codes[starts[i] : starts[i + 1]]
        if any(used[j] for j in pc):
            continue
        taken[i] = True
        left -= c
        seats[programme[i]] -= 1
        for j in pc:
            used[j] = True
    return np.array(taken, dtype=bool)


def _feasible(p: _Problem, chosen: np.ndarray, budget: float) -> bool:
    """Whether the chosen rows keep to the budget, the seats and one per competency."""
    if p.cost[chosen].sum() > budget + _tolerance(budget):
        return False
    if (np.bincount(p.programme[chosen], minlength=len(p.seats)) > np.floor(p.seats)).any():
        return False
    cells = p.person_comp[np.repeat(chosen, np.diff(p.starts))]
    return len(np.unique(cells)) == len(cells)


def _relative_gap(value: float, bound: float) -> float:
    """(bound − value) / |value|, as HiGHS measures its MIP gap (0 when the bound is met)."""
    if bound - value <= 1e-9 * max(1.0, abs(value)):
        return 0.0
    return (bound - value) / abs(value) if value else float("inf")


def _constraints(p: _Problem, budget: float) -> LinearConstraint:
    """Σ cost_r x_r ≤ budget; per programme Σ x_r ≤ seats (finite seats only);
    per (employee, competency) shared by two rows or more Σ x_r ≤ 1.

    Only the budget changes between the budgets of one problem: the matrix
    is built once and kept on ``p``.
    """
    if p.constraint_parts is None:
        n = len(p.objective)
        blocks = [sparse.csr_matrix(p.cost.reshape(1, -1))]
        lower, upper = [-np.inf], [np.nan]  # the budget, set below
        finite = np.isfinite(p.seats[p.programme])
        if finite.any():
            rows = p.programme[finite]
            uniq, rows = np.unique(rows, return_inverse=True)
            cols = np.flatnonzero(finite)
            blocks.append(
                sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(uniq), n))
            )
            lower.extend([-np.inf] * len(uniq))
            upper.extend(np.floor(p.seats[uniq]).tolist())
        if len(p.person_comp):
            pc = p.person_comp
            col = np.repeat(np.arange(n), np.diff(p.starts))
            shared = np.bincount(pc, minlength=p.n_person_comp) > 1
            mask = shared[pc]
            if mask.any():
                uniq, rows = np.unique(pc[mask], return_inverse=True)
                blocks.append(
                    sparse.csr_matrix(
                        (np.ones(int(mask.sum())), (rows, col[mask])), shape=(len(uniq), n)
                    )
                )
                lower.extend([-np.inf] * len(uniq))
                upper.extend([1.0] * len(uniq))
        matrix = sparse.vstack(blocks, format="csr")
        p.constraint_parts = (matrix, np.array(lower, dtype=float), np.array(upper, dtype=float))
    matrix, lower, upper = p.constraint_parts
    upper = upper.copy()
    upper[0] = float(budget)
    return LinearConstraint(matrix, lower, upper)


def _relax(
    p: _Problem, constraint: LinearConstraint, time_limit: float, *, warm: bool = False
) -> tuple[np.ndarray | None, float | None]:
    """The LP relaxation (0 ≤ x_r ≤ 1): (x, optimum of −objective·x), or (None, None).

    Solved by HiGHS through scipy's own binding, with the model and options
    :func:`scipy.optimize.milp` would pass (so the same vertex) but without
    its per-call conversions. With ``warm``, HiGHS starts from the optimal
    basis of the relaxation ``p`` solved last (only the budget differs): a
    few hundred simplex iterations instead of thousands; where the relaxation
    has several optima it may end at another one than a cold start, so the
    rounded plan may differ, within the gap. None when not solved to
    optimality (e.g. at the time limit).
    """
    if _highs is None:  # pragma: no cover - milp alone (always cold)
        return _relax_milp(p, constraint, time_limit)
    try:
        return _relax_highs(p, constraint, time_limit, warm=warm)
    except (AttributeError, TypeError, ValueError):  # pragma: no cover - scipy's binding changed
        p.highs = None
        return _relax_milp(p, constraint, time_limit)


def _relax_milp(
    p: _Problem, constraint: LinearConstraint, time_limit: float
) -> tuple[np.ndarray | None, float | None]:
    """:func:`_relax` through the public :func:`scipy.optimize.milp` (always a cold start)."""
    result = milp(
        -p.objective,
        integrality=np.zeros(len(p.objective)),
        bounds=Bounds(0, 1),
        constraints=constraint,
        options={"time_limit": time_limit},
    )
    ok = result.status == 0 and result.x is not None
    return (result.x, float(result.fun)) if ok else (None, None)


def _relax_highs(
    p: _Problem, constraint: LinearConstraint, time_limit: float, *, warm: bool
) -> tuple[np.ndarray | None, float | None]:
    """:func:`_relax` on scipy's bundled HiGHS binding (private: guarded by the caller)."""
    n = len(p.objective)
    if warm and p.highs is not None:
        highs = p.highs
        highs.changeRowBounds(0, -np.inf, float(constraint.ub[0]))
    else:
        matrix = sparse.csc_array(constraint.A)
        lp = _highs.HighsLp()
        lp.num_col_ = lp.a_matrix_.num_col_ = n
        lp.num_row_ = lp.a_matrix_.num_row_ = matrix.shape[0]
        lp.a_matrix_.format_ = _highs.MatrixFormat.kColwise
        lp.col_cost_ = -p.objective.astype(np.float64)
        lp.col_lower_ = np.zeros(n)
        lp.col_upper_ = np.ones(n)
        lp.row_lower_ = np.asarray(constraint.lb, dtype=np.float64)
        lp.row_upper_ = np.asarray(constraint.ub, dtype=np.float64)
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data.astype(np.float64)
        lp.integrality_ = [_highs.HighsVarType.kContinuous] * n  # as milp passes it
        highs = _highs._Highs()
        options = _highs.HighsOptions()
        options.log_to_console = False
        highs.passOptions(options)
        if highs.passModel(lp) == _highs.HighsStatus.kError:  # pragma: no cover
            return None, None
        p.highs = highs
    # HiGHS checks its limit against its run time summed over all runs: add the past ones
    highs.setOptionValue("time_limit", float(time_limit) + highs.getRunTime())
    if (
        highs.run() == _highs.HighsStatus.kError
        or highs.getModelStatus() != _highs.HighsModelStatus.kOptimal
    ):
        p.highs = None  # no basis worth starting from
        return None, None
    return np.array(highs.getSolution().col_value), float(highs.getInfo().objective_function_value)


def _solve_milp(
    p: _Problem, budget: float, time_limit: float, mip_rel_gap: float, *, warm: bool = False
) -> tuple[np.ndarray, int, float | None]:
    """Exact plan: max Σ objective·x s.t. cost, seats, one programme per competency per person.

    Variables x_r ∈ {0, 1}, one per candidate row (constraints: :func:`_constraints`).
    First the LP relaxation (x_r ∈ [0, 1]): its optimum bounds every plan
    from above. Its rows at 1, filled up greedily (rows the LP rated higher
    first), give a plan; when that plan is within ``mip_rel_gap`` of the
    bound it is returned as optimal, with no branching. Otherwise HiGHS's
    branch and cut solves the MILP in the time left.
    """
    n = len(p.objective)
    if n == 0:
        return np.zeros(0, dtype=bool), 0, 0.0
    start = time.perf_counter()
    constraint = _constraints(p, budget)
    relaxed_x, relaxed_fun = _relax(p, constraint, time_limit, warm=warm)
    rounded, bound = None, np.inf
    if relaxed_x is not None:
        bound = -relaxed_fun
        ones = relaxed_x > 1 - 1e-6
        if _feasible(p, ones, budget):
            rounded = _solve_greedy(p, budget, start=ones, first=relaxed_x)
            rounded &= ones | (p.objective > 0)  # never add a row worth nothing
            gap = _relative_gap(float(p.objective[rounded].sum()), bound)
            if gap <= mip_rel_gap:
                return rounded, 0, gap
    left = time_limit - (time.perf_counter() - start)
    result = milp(
        -p.objective,
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        constraints=constraint,
        options={"time_limit": max(left, 1e-3), "mip_rel_gap": mip_rel_gap},
    )
    exact = None if result.x is None else result.x > 0.5
    if rounded is not None and (
        exact is None or p.objective[rounded].sum() > p.objective[exact].sum()
    ):
        dual = getattr(result, "mip_dual_bound", None)
        bound = bound if dual is None or not np.isfinite(dual) else min(bound, -float(dual))
        return rounded, int(result.status), _relative_gap(float(p.objective[rounded].sum()), bound)
    if exact is None:
        return np.zeros(n, dtype=bool), int(result.status), None
    gap = getattr(result, "mip_gap", None)
    return exact, int(result.status), None if gap is None else float(gap)


def plan_budget(
    candidates: pd.DataFrame,
    *,
    budget: float,
    method: str = "auto",
    milp_limit: int = DEFAULT_MILP_LIMIT,
    prefer_under_jp: bool = True,
    under_jp_bonus: float = DEFAULT_UNDER_JP_BONUS,
    cohorts: int | Mapping[str, int] = 1,
    time_limit: float = DEFAULT_TIME_LIMIT,
    mip_rel_gap: float = DEFAULT_MIP_REL_GAP,
    nonklasikal_units: Collection[str] = (),
    klasikal_weight: float = 0.0,
) -> PlanResult:
    """Decide who attends which programme to close the most shortfall within a budget.

    Maximises Σ value × (1 + ``under_jp_bonus`` if the person is under 20 JP
    and ``prefer_under_jp``) over the chosen candidate rows, subject to:

    * total cost ≤ ``budget``;
    * per programme, at most capacity × cohorts participants (no
      ``capacity``: unlimited);
    * at most one programme per competency per person (two programmes
      sharing a competency in the person's ``competencies`` exclude each
      other);
    * each candidate row chosen at most once.

    ``method="milp"`` solves this exactly as a 0/1 integer programme with
    :func:`scipy.optimize.milp`: first its LP relaxation, whose optimum
    bounds every plan; the relaxation's rows at 1, filled up greedily, are
    the plan when they come within ``mip_rel_gap`` of that bound (often, for
    the gap of 1e-3 the reports use: a second instead of minutes); else
    HiGHS's branch and cut in the time left. ``"greedy"`` takes
    rows by objective per rupiah (free rows first), skipping any that break
    a constraint: fast, feasible, not optimal in general;
    ``"auto"`` (default) uses MILP when the candidate table has at most
    ``milp_limit`` rows, else greedy. Rows with value ≤ 0 are never chosen.

    Parameters
    ----------
    candidates : DataFrame
        One row per ``employee_id`` × ``program_id`` with ``value``,
        ``cost`` (≥ 0), ``competencies`` (tuple), and optional ``jp``,
        ``capacity``, ``under_20jp``, ``jp_earned``
        (:func:`programme_candidates` builds it).
    budget : float
        Rupiah, ≥ 0.
    method : {"auto", "milp", "greedy"}
    milp_limit : int, default 50 000
        Largest candidate table ``"auto"`` solves exactly.
    prefer_under_jp : bool, default True
        Weight staff under the JP minimum more.
    under_jp_bonus : float, default 0.25
        Their value counts × (1 + bonus): a plan gives a seat to someone
        under 20 JP rather than to someone at or above it unless the other
        closes more than 1.25 times the shortfall. A default, not a rule.
    cohorts : int or mapping program_id → int, default 1
        Cohorts run per programme (missing ids: 1).
    time_limit : float, default 60
        Seconds HiGHS may run (LP relaxation and branch and cut together);
        at the limit the best plan found is returned with ``optimal=False``
        and ``status=1``.
    mip_rel_gap : float, default 1e-6
        Relative gap to the bound at which a plan counts as optimal (0: prove
        exact optimality).
    nonklasikal_units : collection of str, default ()
        Units whose staff cannot leave their post (a Puskesmas, a service
        counter): for them, klasikal programmes count ``klasikal_weight`` × their
        value in the objective, so e-learning, coaching and other nonklasikal
        forms are preferred. Needs ``unit`` and ``mode`` columns.
    klasikal_weight : float, default 0
        0 offers such staff no klasikal programme at all; between 0 and 1 only
        prefers nonklasikal ones. The reported ``value`` is always the true
        shortfall covered.

    Returns
    -------
    PlanResult

    Examples
    --------
    >>> import pandas as pd
    >>> candidates = pd.DataFrame({
    ...     "employee_id": ["a", "b"], "program_id": ["P1", "P1"], "value": [1.0, 1.0],
    ...     "cost": [1e6, 1e6], "capacity": [1, 1], "competencies": [("M.01",), ("M.01",)],
    ...     "under_20jp": [False, True]})
    >>> plan_budget(candidates, budget=1e7).plan["employee_id"].tolist()
    ['b']
    """
    func = "plan_budget"
    budget = checks.number(budget, "budget", func)
    return _planner(
        candidates,
        func,
        method=method,
        milp_limit=milp_limit,
        prefer_under_jp=prefer_under_jp,
        under_jp_bonus=under_jp_bonus,
        cohorts=cohorts,
        time_limit=time_limit,
        mip_rel_gap=mip_rel_gap,
        nonklasikal_units=nonklasikal_units,
        klasikal_weight=klasikal_weight,
    ).plan(budget)


@dataclass
class _Planner:
    """One candidate table made ready to plan at any budget (see :func:`_planner`)."""

    candidates: pd.DataFrame
    problem: _Problem
    method: str  # "milp" or "greedy"
    time_limit: float
    mip_rel_gap: float

    def plan(self, budget: float, *, warm: bool = False) -> PlanResult:
        """The plan at ``budget``; ``warm``: start from the last relaxation (see :func:`_relax`)."""
        start = time.perf_counter()
        if self.method == "milp":
            chosen, status, gap = _solve_milp(
                self.problem, budget, self.time_limit, self.mip_rel_gap, warm=warm
            )
            optimal = status == 0
        else:
            chosen, status, gap, optimal = _solve_greedy(self.problem, budget), None, None, False
        seconds = time.perf_counter() - start
        positions = self.problem.rows[chosen]
        plan = (
            self.candidates.iloc[positions]
            .sort_values(["employee_id", "program_id"], kind="stable")
            .reset_index(drop=True)
        )
        value = float(np.nan_to_num(checks.floats(plan["value"]), nan=0.0).sum())
        return PlanResult(
            plan=plan,
            cost=float(checks.floats(plan["cost"]).sum()),
            value=value,
            objective=float(self.problem.objective[chosen].sum()),
            jp_per_person=_jp_per_person(plan),
            method=self.method,
            optimal=bool(optimal),
            status=status,
            mip_gap=gap,
            budget=budget,
            seconds=seconds,
        )


def _planner(
    candidates: pd.DataFrame,
    func: str,
    *,
    method: str,
    milp_limit: int,
    prefer_under_jp: bool,
    under_jp_bonus: float,
    cohorts: int | Mapping[str, int],
    time_limit: float,
    mip_rel_gap: float,
    nonklasikal_units: Collection[str],
    klasikal_weight: float,
) -> _Planner:
    """Check the options of :func:`plan_budget` and build its problem once."""
    method = checks.choice(method, "method", func, _METHODS)
    milp_limit = checks.count(milp_limit, "milp_limit", func, low=0)
    under_jp_bonus = checks.number(under_jp_bonus, "under_jp_bonus", func)
    time_limit = checks.number(time_limit, "time_limit", func, strict=True)
    mip_rel_gap = checks.number(mip_rel_gap, "mip_rel_gap", func)
    klasikal_weight = checks.number(klasikal_weight, "klasikal_weight", func)
    weighted = candidates
    if nonklasikal_units:
        require_columns(candidates, ["unit", "mode"], func)
        stay = (
            candidates["unit"].isin(list(nonklasikal_units)).to_numpy()
            & (candidates["mode"].astype("str") == "klasikal").to_numpy()
        )
        if stay.any():
            value = checks.floats(candidates["value"])
            weighted = candidates.assign(value=np.where(stay, value * klasikal_weight, value))
    problem = _problem(
        weighted,
        prefer_under_jp=bool(prefer_under_jp),
        under_jp_bonus=under_jp_bonus,
        cohorts=cohorts,
        func=func,
    )
    used = method if method != "auto" else ("milp" if len(candidates) <= milp_limit else "greedy")
    return _Planner(candidates, problem, used, time_limit, mip_rel_gap)


#: The options of :func:`plan_budget` and their defaults (what :func:`budget_curve` passes on).
_PLAN_OPTIONS = {
    name: parameter.default
    for name, parameter in inspect.signature(plan_budget).parameters.items()
    if parameter.kind is inspect.Parameter.KEYWORD_ONLY and name != "budget"
}


def _jp_per_person(plan: pd.DataFrame, minimum: float = MINIMUM_JP) -> pd.DataFrame:
    jp = checks.floats(plan["jp"]) if "jp" in plan else np.zeros(len(plan))
    frame = pd.DataFrame({"employee_id": plan["employee_id"].to_numpy(), "jp": jp})
    if "jp_earned" in plan:
        frame["jp_earned"] = checks.floats(plan["jp_earned"])
    agg = {"n_programmes": ("jp", "size"), "jp_added": ("jp", "sum")}
    if "jp_earned" in frame:
        agg["jp_earned"] = ("jp_earned", "first")
    out = frame.groupby("employee_id", sort=True).agg(**agg).reset_index()
    out["n_programmes"] = out["n_programmes"].astype("int64")
    if "jp_earned" in out:
        out["jp_after"] = out["jp_earned"] + out["jp_added"]
        out["under_20jp_after"] = out["jp_after"] < minimum
    return out


def optimality_gap(candidates: pd.DataFrame, budget: float, **options) -> dict[str, float]:
    """Plan ``candidates`` both ways and say how far greedy is from the optimum.

    ``options`` go to :func:`plan_budget` (not ``method``).

    Returns
    -------
    dict
        ``value_milp``, ``value_greedy`` (weighted shortfall covered),
        ``objective_milp``, ``objective_greedy`` (what was maximised),
        ``relative_gap`` = (objective_milp − objective_greedy) /
        objective_milp (0 when both are 0), ``seconds_milp``,
        ``seconds_greedy``, ``milp_optimal`` (1.0 or 0.0).

    Examples
    --------
    >>> import pandas as pd
    >>> candidates = pd.DataFrame({
    ...     "employee_id": ["a", "b", "c"], "program_id": ["P1", "P2", "P3"],
    ...     "value": [3.0, 2.0, 2.0], "cost": [3.0, 2.0, 2.0], "competencies": [("M.01",)] * 3})
    >>> gap = optimality_gap(candidates, budget=4.0)
    >>> gap["objective_milp"], gap["objective_greedy"], round(gap["relative_gap"], 3)
    (4.0, 3.0, 0.25)
    """
    if "method" in options:
        raise ParameterError(
            "The 'method' parameter of optimality_gap must not be given: both methods are run. "
            f"Got {options['method']!r} instead."
        )
    exact = plan_budget(candidates, budget=budget, method="milp", **options)
    greedy = plan_budget(candidates, budget=budget, method="greedy", **options)
    best = exact.objective
    return {
        "value_milp": exact.value,
        "value_greedy": greedy.value,
        "objective_milp": exact.objective,
        "objective_greedy": greedy.objective,
        "relative_gap": (best - greedy.objective) / best if best > 0 else 0.0,
        "seconds_milp": exact.seconds,
        "seconds_greedy": greedy.seconds,
        "milp_optimal": float(exact.optimal),
    }


def _coverable_need(candidates: pd.DataFrame) -> float:
    """Σ weighted shortfall over distinct (employee, competency) any candidate covers."""
    if "shortfalls" not in candidates:
        return float("nan")
    seen: dict[tuple[object, object], float] = {}
    for emp, comps, values in zip(
        candidates["employee_id"],
        candidates["competencies"],
        candidates["shortfalls"],
        strict=True,
    ):
        for c, v in zip(_as_tuple(comps), _as_tuple(values), strict=True):
            seen[(emp, c)] = float(v)
    return float(sum(seen.values()))


def budget_curve(
    candidates: pd.DataFrame,
    budgets: Sequence[float],
    *,
    total_need: float | None = None,
    per: float = 100_000_000.0,
    plans: Iterable[PlanResult] = (),
    warm_start: bool = False,
    **options,
) -> pd.DataFrame:
    """What each budget buys: the plan of :func:`plan_budget` at every budget.

    The candidate table is prepared once for all budgets; a budget with a
    plan in ``plans`` is not solved again.

    Parameters
    ----------
    candidates : DataFrame
        As for :func:`plan_budget`.
    budgets : sequence of float
        Rupiah; sorted ascending in the output.
    total_need : float, optional
        Denominator of ``share_covered``. Default: the weighted shortfall
        the candidates could cover at all (distinct employee × competency,
        from the ``shortfalls`` column); pass the total from the gaps to get
        the share of all need, including competencies no programme covers.
    per : float, default 100 000 000
        Step of ``extra_value_per_step`` (100 million rupiah).
    plans : iterable of PlanResult, default ()
        Plans already made by :func:`plan_budget` from the same
        ``candidates`` and ``options`` (not checked): each is used at the
        budget it was made for, if that budget is one of ``budgets``.
    warm_start : bool, default False
        MILP only: solve the largest budget left as :func:`plan_budget`
        does, then each smaller one starting from the LP relaxation of the
        previous (HiGHS keeps its basis; only the budget changes): about 5
        times faster per budget. Each plan is still within ``mip_rel_gap``
        of the optimum (``optimal`` says so as before), but where several
        plans are about as good it may be another one than
        :func:`plan_budget` gives at that budget, so ``value``, ``cost`` and
        the counts can differ slightly. False: every budget exactly as
        :func:`plan_budget`.
    **options
        Passed to :func:`plan_budget`.

    Returns
    -------
    DataFrame
        ``budget``, ``cost``, ``value``, ``share_covered`` = value /
        total_need, ``n_people``, ``n_places`` (rows of the plan),
        ``jp_added``, ``extra_value_per_step`` (value gained per ``per``
        rupiah since the previous budget; NaN on the first row), ``method``,
        ``optimal``.

    Examples
    --------
    >>> import pandas as pd
    >>> candidates = pd.DataFrame({
    ...     "employee_id": ["a", "b"], "program_id": ["P1", "P1"], "value": [2.0, 1.0],
    ...     "cost": [1e8, 1e8], "jp": [24.0, 24.0], "competencies": [("M.01",)] * 2,
    ...     "shortfalls": [(2.0,), (1.0,)]})
    >>> budget_curve(candidates, [0, 1e8, 2e8])[["budget", "value", "share_covered",
    ...                                          "n_people", "extra_value_per_step"]]
            budget  value  share_covered  n_people  extra_value_per_step
    0          0.0    0.0       0.000000         0                   NaN
    1  100000000.0    2.0       0.666667         1                   2.0
    2  200000000.0    3.0       1.000000         2                   1.0

    The plan at the top budget, made for the report, is reused:

    >>> plan = plan_budget(candidates, budget=2e8)
    >>> budget_curve(candidates, [0, 1e8, 2e8], plans=[plan])["value"].tolist()
    [0.0, 2.0, 3.0]
    """
    func = "budget_curve"
    per = checks.number(per, "per", func, strict=True)
    levels = sorted(checks.number(b, "budgets", func) for b in budgets)
    need = (
        _coverable_need(candidates)
        if total_need is None
        else checks.number(total_need, "total_need", func)
    )
    known: dict[float, PlanResult] = {}
    for made in plans:
        if not isinstance(made, PlanResult):
            raise ParameterError(
                f"The 'plans' parameter of {func} must hold PlanResult objects made by "
                f"plan_budget. Got {type(made).__name__} instead."
            )
        known[made.budget] = made
    warm_start = checks.flag(warm_start, "warm_start", func)
    unknown = sorted(set(options) - set(_PLAN_OPTIONS))
    if unknown:
        raise ParameterError(
            f"The options of {func} must be parameters of plan_budget: "
            f"{', '.join(map(repr, _PLAN_OPTIONS))}. Got {', '.join(map(repr, unknown))} instead."
        )
    todo = sorted({b for b in levels if b not in known}, reverse=warm_start)
    if todo:
        planner = _planner(candidates, func, **{**_PLAN_OPTIONS, **options})
        for i, b in enumerate(todo):
            known[b] = planner.plan(b, warm=warm_start and i > 0)
    rows = []
    for b in levels:
        result = known[b]
        rows.append(
            {
                "budget": b,
                "cost": result.cost,
                "value": result.value,
                "share_covered": result.value / need if need > 0 else np.nan,
                "n_people": result.n_people,
                "n_places": len(result.plan),
                "jp_added": float(result.jp_per_person["jp_added"].sum()),
                "method": result.method,
                "optimal": result.optimal,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "budget",
            "cost",
            "value",
            "share_covered",
            "n_people",
            "n_places",
            "jp_added",
            "method",
            "optimal",
        ],
    )
    step = out["budget"].diff()
    out.insert(
        7,
        "extra_value_per_step",
        (out["value"].diff() / step.where(step > 0) * per).astype("float64"),
    )
    return out


# ---------------------------------------------------------------------------
# 4. Modalities and 70:20:10.
# ---------------------------------------------------------------------------
def modality_mix(
    plan: pd.DataFrame,
    programs: pd.DataFrame,
    *,
    basis: str = "jp",
    form_model: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Shares of a plan (or of participation) by mode, by form and by 70:20:10.

    Each row of ``plan`` is one participant in one programme; its learning
    time is its ``jp`` when the row has one, else the programme's. Forms are
    mapped to the 70:20:10 model by :data:`FORM_MODEL` (a parameter); the
    model rows compare ``share`` with :data:`MODEL_TARGET` (experiential
    0.70, social 0.20, formal 0.10).

    Parameters
    ----------
    plan : DataFrame
        ``program_id``, optional ``jp`` (a :class:`PlanResult` ``plan``,
        or participation).
    programs : DataFrame
        ``program_id``, ``form``, ``mode``, ``jp``.
    basis : {"jp", "participants"}, default "jp"
        What ``share`` measures: learning time or places.
    form_model : mapping form → model category, optional

    Returns
    -------
    DataFrame
        ``dimension`` ("mode", "form", "model"), ``category``,
        ``n_participants``, ``jp``, ``share`` (of the ``basis`` total within
        the dimension), ``target`` (model rows: 0.70/0.20/0.10, else NaN),
        ``difference`` = share − target. Every mode and model category is
        listed, zeros included; forms present only.

    Examples
    --------
    >>> import pandas as pd
    >>> programs = pd.DataFrame({"program_id": ["P1", "P2", "P3"],
    ...     "form": ["pelatihan", "mentoring", "magang"],
    ...     "mode": ["klasikal", "nonklasikal", "nonklasikal"], "jp": [10.0, 20.0, 70.0]})
    >>> plan = pd.DataFrame({"program_id": ["P1", "P2", "P3"]})
    >>> mix = modality_mix(plan, programs)
    >>> mix[mix["dimension"] == "model"][["category", "jp", "share", "target", "difference"]]
           category    jp  share  target  difference
    5  experiential  70.0    0.7     0.7         0.0
    6        social  20.0    0.2     0.2         0.0
    7        formal  10.0    0.1     0.1         0.0
    """
    func = "modality_mix"
    basis = checks.choice(basis, "basis", func, ("jp", "participants"))
    require_columns(plan, ["program_id"], func)
    require_columns(programs, ["program_id", "form", "mode", "jp"], func)
    mapping = dict(FORM_MODEL if form_model is None else form_model)
    info = programs.drop_duplicates("program_id").set_index("program_id")
    pid = plan["program_id"]
    jp = checks.floats(plan["jp"]) if "jp" in plan else np.full(len(plan), np.nan)
    jp = np.where(np.isnan(jp), checks.floats(pid.map(info["jp"])), jp)
    rows = pd.DataFrame(
        {
            "mode": pid.map(info["mode"].astype("object")).to_numpy(),
            "form": pid.map(info["form"].astype("object")).to_numpy(),
            "jp": np.nan_to_num(jp, nan=0.0),
        }
    )
    rows["model"] = rows["form"].map(mapping)
    parts = []
    for dimension, categories in (
        ("mode", list(_MODES)),
        ("form", sorted(pd.unique(rows["form"].dropna()), key=str)),
        ("model", list(MODEL_TARGET)),
    ):
        counts = rows.groupby(dimension, sort=False).agg(
            n_participants=("jp", "size"), jp=("jp", "sum")
        )
        part = counts.reindex(categories, fill_value=0).rename_axis("category").reset_index()
        part.insert(0, "dimension", dimension)
        measure = part["jp"] if basis == "jp" else part["n_participants"]
        total = float(measure.sum())
        part["share"] = measure / total if total > 0 else np.nan
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["n_participants"] = out["n_participants"].astype("int64")
    out["jp"] = out["jp"].astype("float64")
    is_model = out["dimension"] == "model"
    out["target"] = np.where(is_model, out["category"].map(MODEL_TARGET), np.nan)
    out["difference"] = out["share"] - out["target"]
    return out


# ---------------------------------------------------------------------------
# 5. Mentoring within the organisation.
# ---------------------------------------------------------------------------
def mentoring_pairs(
    gaps: pd.DataFrame,
    *,
    capacity: int = 2,
    same_unit_bonus: float = 1.0,
    margin: float = 1.0,
    mentor_meets_mentee_standard: bool = True,
    within: str | Sequence[str] | None = ("region_id",),
) -> pd.DataFrame:
    """Pair staff with a shortfall with colleagues who are strong in that competency.

    A *mentor* in competency c has an assessed level ≥ their own required
    level + ``margin`` in c (and, with ``mentor_meets_mentee_standard``, ≥
    the mentee's required level too). A *mentee* need is an assessed
    shortfall (level < required) in c. A pair joins a mentor and a need in
    the same competency, never one person with themselves, within the same
    ``within`` group (region); each mentor takes at most ``capacity``
    needs in all.

    Solved exactly, maximising, in order: the number of pairs; then Σ
    (shortfall × weight + ``same_unit_bonus`` for a pair in the same unit).
    The number of pairs always comes first; ``same_unit_bonus`` (default
    1.0, in levels of shortfall) trades a same-unit mentor against a larger
    shortfall. Needs of one competency, required level, unit and weighted
    shortfall are interchangeable, so the assignment is a min-cost flow on a
    small network (mentors → competency tiers → kinds of need; maximum flow,
    then a linear programme, integral by total unimodularity) rather than a
    dense mentor-slot × need matrix (Ambon sample: 0.6 s instead of 9 s).
    When several pairings are equally good (same count, same total) one of
    them is returned, the same for any order of the rows; which one is not
    part of the contract. Groups where an employee × competency occurs
    twice are solved as one dense assignment
    (:func:`scipy.optimize.linear_sum_assignment`) instead.

    The output is internal working data: it names employees by their
    pseudonymised ids and is never to be shown or published by name; report
    :func:`mentoring_coverage` instead.

    Parameters
    ----------
    gaps : DataFrame
        :func:`~kompetensi_toolkit.gaps.competency_gaps` output:
        ``employee_id``, ``competency_id``, ``required_level``, ``level``,
        optional ``weight``, ``unit``, and the ``within`` columns (those
        absent are ignored).
    capacity : int, default 2
        Mentees (needs) per mentor.
    same_unit_bonus : float, default 1.0
    margin : float, default 1.0
        Levels above the mentor's own standard.
    mentor_meets_mentee_standard : bool, default True
    within : str or sequence of str, optional
        Pairs never cross these groups.

    Returns
    -------
    DataFrame
        ``mentor_id``, ``mentee_id``, ``competency_id``, ``mentor_level``,
        ``mentor_required``, ``mentee_level``, ``mentee_required``,
        ``shortfall``, ``mentor_unit``, ``mentee_unit`` (with ``unit``),
        ``same_unit``; the ``within`` columns first.

    Examples
    --------
    >>> import pandas as pd
    >>> gaps = pd.DataFrame({"employee_id": ["m1", "m2", "x", "y"],
    ...                      "unit": ["A", "B", "B", "B"], "competency_id": ["M.01"] * 4,
    ...                      "required_level": [2.0, 2.0, 4.0, 2.0], "level": [4.0, 3.0, 3.0, 1.0]})
    >>> mentoring_pairs(gaps, capacity=1)[["mentor_id", "mentee_id", "same_unit"]]
      mentor_id mentee_id  same_unit
    0        m1         x      False
    1        m2         y       True
    """
    func = "mentoring_pairs"
    capacity = checks.count(capacity, "capacity", func)
    same_unit_bonus = checks.number(same_unit_bonus, "same_unit_bonus", func)
    margin = checks.number(margin, "margin", func)
    require_columns(gaps, ["employee_id", "competency_id", "required_level", "level"], func)
    groups = [c for c in checks.keys(within) if c in gaps]
    has_unit = "unit" in gaps
    level = checks.floats(gaps["level"])
    required = checks.floats(gaps["required_level"])
    weight = checks.floats(gaps["weight"]) if "weight" in gaps else np.ones(len(gaps))
    frame = gaps[["employee_id", "competency_id", *groups, *(["unit"] if has_unit else [])]]
    frame = frame.assign(level=level, required=required, weight=np.nan_to_num(weight, nan=1.0))
    frame = frame[~np.isnan(level) & ~np.isnan(required)]
    mentors = frame[frame["level"] >= frame["required"] + margin]
    needs = frame[frame["level"] < frame["required"]]
    columns = [
        *groups,
        "mentor_id",
        "mentee_id",
        "competency_id",
        "mentor_level",
        "mentor_required",
        "mentee_level",
        "mentee_required",
        "shortfall",
        *(["mentor_unit", "mentee_unit"] if has_unit else []),
        "same_unit",
    ]
    parts = []
    mentor_groups = dict(
        iter(mentors.groupby(groups, sort=True, observed=True)) if groups else [((), mentors)]
    )
    need_groups = needs.groupby(groups, sort=True, observed=True) if groups else [((), needs)]
    for key, need in need_groups:
        mentor = mentor_groups.get(key)
        if mentor is None or need.empty or mentor.empty:
            continue
        parts.append(
            _assign(need, mentor, capacity, same_unit_bonus, mentor_meets_mentee_standard, has_unit)
        )
    if not parts:
        numeric = {"mentor_level", "mentor_required", "mentee_level", "mentee_required"}
        numeric.add("shortfall")
        return pd.DataFrame(
            {
                c: pd.Series(
                    dtype="float64" if c in numeric else "bool" if c == "same_unit" else "object"
                )
                for c in columns
            }
        )
    out = pd.concat(parts, ignore_index=True)
    return (
        out[columns]
        .sort_values([*groups, "mentor_id", "competency_id", "mentee_id"], kind="stable")
        .reset_index(drop=True)
    )


def _assign(need, mentor, capacity, bonus, meets_standard, has_unit) -> pd.DataFrame:
    """One ``within`` group's optimal pairs (see :func:`mentoring_pairs`).

    Solved as a min-cost flow (:func:`_assign_flow`) when every employee ×
    competency occurs at most once among the group's mentors and needs (as in
    :func:`~kompetensi_toolkit.gaps.competency_gaps` output); with duplicated
    rows, where one person could be both mentor and mentee in a competency,
    as the dense assignment (:func:`_assign_dense`).
    """
    cells = pd.concat(
        [need[["employee_id", "competency_id"]], mentor[["employee_id", "competency_id"]]]
    )
    if not cells.astype("object").duplicated().any():
        out = _assign_flow(need, mentor, capacity, bonus, meets_standard, has_unit)
        if out is not None:
            return out
    return _assign_dense(need, mentor, capacity, bonus, meets_standard, has_unit)


def _canonical(values, *, na_code: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values, numbered in the order of ``str(value)``.

    With ``na_code`` a missing value is a value of its own, else its code is
    -1. Numbering by value rather than by first row makes the flow model, and
    so which of several equally good pairings is returned, independent of the
    order of the rows.

    Examples
    --------
    >>> codes, values = _canonical(["b", None, "a", "b"], na_code=False)
    >>> codes.tolist(), values.tolist()
    ([1, -1, 0, 1], ['a', 'b'])
    """
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=not na_code)
    uniques = np.asarray(uniques, dtype=object)
    order = np.argsort(uniques.astype(str), kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    codes = np.where(codes >= 0, rank[np.maximum(codes, 0)] if len(rank) else 0, -1)
    return codes, uniques[order]


def _assign_flow(need, mentor, capacity, bonus, meets_standard, has_unit) -> pd.DataFrame | None:
    """The pairs of :func:`_assign_dense`, by a min-cost flow on a small network.

    Needs of one competency, one required level (their *tier*; one tier a
    competency without ``meets_standard``), one unit and one weighted
    shortfall are interchangeable: a mentor may take any of them or none, for
    the same benefit. So the assignment is the flow source → mentor (≤
    ``capacity``) → the highest tier of a competency they reach (level ≥
    required) → lower tiers of it → kind of need (≤ its count) → sink, with
    −shortfall × weight on the last arc; a parallel chain for each competency
    × unit, entered only by that unit's mentors at a cost of −``bonus``,
    carries the pairs within a unit. First the maximum flow (the most pairs;
    exact, integer), then the cheapest flow of that size by a linear
    programme: the arc-node matrix is totally unimodular, so the simplex
    vertex HiGHS returns is integral. The flow is split into pairs chain by
    chain, highest tier first, which any conservative flow allows.

    Returns None if the solver's answer fails a check (it should not); the
    caller then solves the dense assignment.
    """
    need = need.reset_index(drop=True)
    mentor = mentor.reset_index(drop=True)
    n_need = len(need)
    person, people = _canonical(mentor["employee_id"])
    comp, _ = _canonical(pd.concat([need["competency_id"], mentor["competency_id"]]))
    need_comp, mentor_comp = comp[:n_need], comp[n_need:]
    # units: a mentor's is that of their first row (as before); a missing one never matches
    person_unit_value = np.full(len(people), np.nan, dtype=object)
    need_unit = np.full(n_need, -1)
    person_unit = np.full(len(people), -1)
    if has_unit:
        first = mentor.drop_duplicates("employee_id")
        person_unit_value[person[first.index.to_numpy()]] = first["unit"].to_numpy(object)
        unit, _ = _canonical(
            np.concatenate([need["unit"].to_numpy(object), person_unit_value]), na_code=False
        )
        need_unit, person_unit = unit[:n_need], unit[n_need:]
    # mentor rows by person and competency: the arcs' order is that of the values too
    order = np.lexsort((mentor_comp, person))
    mentor, person, mentor_comp = mentor.iloc[order], person[order], mentor_comp[order]
    n_comp = int(comp.max()) + 1
    need_required = need["required"].to_numpy(float)
    shortfall = (need_required - need["level"].to_numpy(float)) * need["weight"].to_numpy(float)
    mentor_level = mentor["level"].to_numpy(float)
    # tiers: (competency, required level of a need), sorted; a mentor enters the highest reached
    tier_key = need_required if meets_standard else np.zeros(n_need)
    tiers = pd.DataFrame({"c": need_comp, "r": tier_key}).drop_duplicates()
    tiers = tiers.sort_values(["c", "r"]).reset_index(drop=True)
    tier_comp, tier_required = tiers["c"].to_numpy(), tiers["r"].to_numpy(float)
    first_tier = np.searchsorted(tier_comp, np.arange(n_comp), side="left")
    end_tier = np.searchsorted(tier_comp, np.arange(n_comp), side="right")
    tier_rank = np.arange(len(tiers)) - first_tier[tier_comp]
    need_tier = pd.MultiIndex.from_frame(tiers).get_indexer(
        pd.MultiIndex.from_arrays([need_comp, tier_key], names=["c", "r"])
    )
    mentor_tier = np.full(len(mentor), -1)
    for c in np.unique(mentor_comp):
        rows = np.flatnonzero(mentor_comp == c)
        lo, hi = first_tier[c], end_tier[c]
        if meets_standard:
            reach = np.searchsorted(tier_required[lo:hi], mentor_level[rows], side="right")
        else:
            reach = np.full(len(rows), hi - lo)
        mentor_tier[rows] = np.where(reach > 0, lo + reach - 1, -1)
    # unit chains: every tier of a competency × unit with both its needs and its mentors
    uses_unit = has_unit and bonus > 0
    reaches = mentor_tier >= 0
    chain_comp = chain_unit = np.zeros(0, dtype=np.int64)
    if uses_unit:
        known = need_unit >= 0
        wanted = pd.MultiIndex.from_arrays([need_comp[known], need_unit[known]]).unique()
        mine = reaches & (person_unit[person] >= 0)
        offered = pd.MultiIndex.from_arrays([mentor_comp[mine], person_unit[person][mine]])
        chains = wanted.intersection(offered.unique()).sort_values()
        chain_comp = chains.get_level_values(0).to_numpy(np.int64)
        chain_unit = chains.get_level_values(1).to_numpy(np.int64)
    size = end_tier[chain_comp] - first_tier[chain_comp]
    u_chain = np.repeat(np.arange(len(size)), size)
    u_tier = np.repeat(first_tier[chain_comp] - (size.cumsum() - size), size) + np.arange(
        size.sum()
    )
    u_index = pd.MultiIndex.from_arrays([u_tier, chain_unit[u_chain]])
    # kinds of need: tier, unit (if it can earn the bonus), weighted shortfall
    kind_unit = need_unit if uses_unit else np.full(n_need, -1)
    kinds = pd.DataFrame({"t": need_tier, "u": kind_unit, "s": shortfall})
    need_kind = kinds.groupby(["t", "u", "s"], sort=True).ngroup().to_numpy()
    kinds = kinds.drop_duplicates().sort_values(["t", "u", "s"]).reset_index(drop=True)
    kind_tier, kind_unit = kinds["t"].to_numpy(), kinds["u"].to_numpy()
    kind_count = np.bincount(need_kind, minlength=len(kinds))
    n_kind = len(kinds)
    # nodes: people | tiers | unit tiers | kinds | sink | source
    g0 = len(people)
    u0 = g0 + len(tiers)
    k0 = u0 + len(u_tier)
    sink = k0 + n_kind
    big = n_need + 1
    arcs = []  # (tail, head, upper, cost, chain, rank, person or kind) per block

    def add(tail, head, upper, cost, chain=None, rank=None, who=None):
        arcs.append((tail, head, upper, np.broadcast_to(cost, len(tail)), chain, rank, who))

    rows = np.flatnonzero(reaches)
    t = mentor_tier[rows]
    add(
        person[rows],
        g0 + t,
        np.full(len(rows), capacity),
        0.0,
        tier_comp[t],
        tier_rank[t],
        person[rows],
    )
    into = u_index.get_indexer(pd.MultiIndex.from_arrays([mentor_tier, person_unit[person]]))
    rows = np.flatnonzero(reaches & (into >= 0))
    u = into[rows]
    add(
        person[rows],
        u0 + u,
        np.full(len(rows), capacity),
        -bonus,
        n_comp + u_chain[u],
        tier_rank[u_tier[u]],
        person[rows],
    )
    down = np.flatnonzero(tier_rank > 0)
    add(g0 + down, g0 + down - 1, np.full(len(down), big), 0.0)
    down = np.flatnonzero(tier_rank[u_tier] > 0)
    add(u0 + down, u0 + down - 1, np.full(len(down), big), 0.0)
    k = np.arange(n_kind)
    add(g0 + kind_tier, k0 + k, kind_count, 0.0, tier_comp[kind_tier], tier_rank[kind_tier], k)
    from_unit = u_index.get_indexer(pd.MultiIndex.from_arrays([kind_tier, kind_unit]))
    k = np.flatnonzero(from_unit >= 0)
    add(
        u0 + from_unit[k],
        k0 + k,
        kind_count[k],
        0.0,
        n_comp + u_chain[from_unit[k]],
        tier_rank[kind_tier[k]],
        k,
    )
    add(k0 + np.arange(n_kind), np.full(n_kind, sink), kind_count, -kinds["s"].to_numpy())
    tail, head, upper, cost = (np.concatenate([a[i] for a in arcs]) for i in range(4))
    n_arc = len(tail)
    # the most pairs: maximum flow from a source feeding every mentor ``capacity``
    source = sink + 1
    graph = sparse.csr_matrix(
        (
            np.concatenate([upper, np.full(g0, capacity)]).astype(np.int32),
            (np.concatenate([tail, np.full(g0, source)]), np.concatenate([head, np.arange(g0)])),
        ),
        shape=(source + 1, source + 1),
    )
    n_pairs = maximum_flow(graph, source, sink).flow_value
    if n_pairs == 0:
        return _pairs_frame(
            need,
            np.zeros(0, int),
            people[:0],
            *([np.zeros(0)] * 3),
            person_unit_value[:0],
            np.zeros(0, bool),
            has_unit,
        )
    # the best of them: min cost at that flow; mentors ≤ capacity, tiers and kinds conserve
    arc = np.arange(n_arc)
    inner = (head >= g0) & (head < sink)
    outer = (tail >= g0) & (tail < sink)
    to_sink = head == sink
    a_eq = sparse.csr_matrix(
        (
            np.concatenate([np.ones(inner.sum()), -np.ones(outer.sum()), np.ones(to_sink.sum())]),
            (
                np.concatenate(
                    [head[inner] - g0, tail[outer] - g0, np.full(to_sink.sum(), sink - g0)]
                ),
                np.concatenate([arc[inner], arc[outer], arc[to_sink]]),
            ),
        ),
        shape=(sink - g0 + 1, n_arc),
    )
    b_eq = np.zeros(sink - g0 + 1)
    b_eq[-1] = n_pairs
    from_person = tail < g0
    a_ub = sparse.csr_matrix(
        (np.ones(from_person.sum()), (tail[from_person], arc[from_person])), shape=(g0, n_arc)
    )
    result = linprog(
        cost,
        A_ub=a_ub,
        b_ub=np.full(g0, float(capacity)),
        A_eq=a_eq,
        b_eq=b_eq,
        bounds=np.column_stack([np.zeros(n_arc), upper.astype(float)]),
        method="highs-ds",
    )
    if result.status != 0 or result.x is None:
        return None
    flow = np.rint(result.x).astype(np.int64)
    if np.abs(result.x - flow).max(initial=0.0) > 1e-6 or flow[to_sink].sum() != n_pairs:
        return None
    # split the flow into pairs: in each chain, mentor units and need units, highest tier first
    start = np.cumsum([0] + [len(a[0]) for a in arcs])
    units = []
    for block in ((0, 1), (4, 5)):
        parts = [
            (np.repeat(arcs[b][4], f), np.repeat(arcs[b][5], f), np.repeat(arcs[b][6], f))
            for b in block
            for f in [flow[start[b] : start[b + 1]]]
        ]
        chain, rank, who = (np.concatenate([p[i] for p in parts]) for i in range(3))
        order = np.lexsort((who, -rank, chain))
        units.append((chain[order], rank[order], who[order]))
    (s_chain, s_rank, s_person), (d_chain, d_rank, d_kind) = units
    if len(s_chain) != n_pairs or not (
        np.array_equal(s_chain, d_chain) and (s_rank >= d_rank).all()
    ):
        return None
    # each kind's mentors go to its needs in the order of the mentee's id
    order = np.lexsort((s_person, d_kind))
    pair_kind, pair_person = d_kind[order], s_person[order]
    within = np.arange(n_pairs) - np.searchsorted(pair_kind, pair_kind, side="left")
    mentee, _ = _canonical(need["employee_id"])
    need_order = np.lexsort((mentee, need_kind))
    first_need = np.searchsorted(need_kind[need_order], pair_kind, side="left")
    cols = need_order[first_need + within]
    row = pd.Index(person * n_comp + mentor_comp).get_indexer(
        pair_person * n_comp + need_comp[cols]
    )
    return _pairs_frame(
        need,
        cols,
        people[pair_person],
        mentor_level[row],
        mentor["required"].to_numpy(float)[row],
        shortfall[cols],
        person_unit_value[pair_person],
        (person_unit[pair_person] == need_unit[cols]) & (need_unit[cols] >= 0),
        has_unit,
    )


def _pairs_frame(
    need, cols, mentor_id, mentor_level, mentor_required, shortfall, mentor_unit, same, has_unit
) -> pd.DataFrame:
    """The output rows of :func:`mentoring_pairs` for needs ``cols`` and their mentors."""
    chosen = need.iloc[cols].reset_index(drop=True)
    drop = ("employee_id", "unit", "level", "required", "weight")
    out = chosen[[c for c in chosen.columns if c not in drop]].copy()
    out["mentor_id"] = mentor_id
    out["mentee_id"] = chosen["employee_id"].to_numpy()
    out["mentor_level"] = mentor_level
    out["mentor_required"] = mentor_required
    out["mentee_level"] = chosen["level"].to_numpy()
    out["mentee_required"] = chosen["required"].to_numpy()
    out["shortfall"] = shortfall
    if has_unit:
        out["mentor_unit"] = mentor_unit
        out["mentee_unit"] = chosen["unit"].to_numpy()
    out["same_unit"] = np.asarray(same).astype(bool)
    return out


def _assign_dense(need, mentor, capacity, bonus, meets_standard, has_unit) -> pd.DataFrame:
    """The pairs by one dense assignment: mentor slots (``capacity`` a mentor) × needs.

    Each allowed pair is worth more than all shortfalls and bonuses together
    plus its shortfall × weight and bonus, so the most pairs come first.
    Used when the group has duplicated employee × competency rows.
    """
    need = need.reset_index(drop=True)
    people = np.asarray(pd.unique(mentor["employee_id"]), dtype=object)
    person_index = pd.Index(people)
    comps = pd.Index(pd.unique(pd.concat([need["competency_id"], mentor["competency_id"]])))
    # mentor level per person × competency (NaN: not a mentor in it)
    grid = np.full((len(people), len(comps)), np.nan)
    grid[
        person_index.get_indexer(mentor["employee_id"]), comps.get_indexer(mentor["competency_id"])
    ] = mentor["level"].to_numpy()
    own = np.full_like(grid, np.nan)
    own[
        person_index.get_indexer(mentor["employee_id"]), comps.get_indexer(mentor["competency_id"])
    ] = mentor["required"].to_numpy()
    nc = comps.get_indexer(need["competency_id"])
    mentor_level = grid[:, nc]  # people × needs
    ok = ~np.isnan(mentor_level)
    if meets_standard:
        ok &= mentor_level >= need["required"].to_numpy()[None, :]
    ok &= people[:, None] != need["employee_id"].to_numpy(dtype=object)[None, :]
    shortfall = (need["required"] - need["level"]).to_numpy() * need["weight"].to_numpy()
    same = np.zeros_like(ok)
    units = np.full(len(people), np.nan, dtype=object)
    if has_unit:
        mentor_unit = mentor.drop_duplicates("employee_id").set_index("employee_id")["unit"]
        units = mentor_unit.reindex(people).to_numpy(dtype=object)
        same = units[:, None] == need["unit"].to_numpy(dtype=object)[None, :]
    secondary = shortfall[None, :] + bonus * same
    big = float(len(need)) * (float(shortfall.max(initial=0.0)) + bonus) + 1.0
    benefit = np.where(ok, big + secondary, 0.0)
    slots = np.repeat(benefit, capacity, axis=0)
    rows, cols = linear_sum_assignment(slots, maximize=True)
    keep = ok[rows // capacity, cols]
    rows, cols = rows[keep] // capacity, cols[keep]
    return _pairs_frame(
        need,
        cols,
        people[rows],
        mentor_level[rows, cols],
        own[rows, nc[cols]],
        shortfall[cols],
        units[rows],
        same[rows, cols],
        has_unit,
    )


def mentoring_coverage(
    pairs: pd.DataFrame, gaps: pd.DataFrame, *, by: str | Sequence[str] | None = ("unit",)
) -> pd.DataFrame:
    """How much of each group's shortfall in-house mentoring reaches.

    Groups are those of the mentee (their ``by`` columns in ``gaps``).

    Returns
    -------
    DataFrame
        ``by`` columns, ``n_staff`` (employees in ``gaps``, the group size
        for suppression), ``n_mentees_needing`` (staff with a shortfall),
        ``n_shortfalls`` (employee × competency cells below standard),
        ``n_paired`` (of those, with a mentor), ``share_paired``,
        ``n_mentees`` (staff with at least one mentor), ``n_mentors``
        (distinct mentors serving the group), ``n_same_unit`` (pairs within
        the mentee's unit, when known).

    Examples
    --------
    >>> import pandas as pd
    >>> gaps = pd.DataFrame({"employee_id": ["m1", "m2", "x", "y"],
    ...                      "unit": ["A", "B", "B", "B"], "competency_id": ["M.01"] * 4,
    ...                      "required_level": [2.0, 2.0, 3.0, 2.0], "level": [4.0, 3.0, 2.0, 1.0],
    ...                      "gap": [2.0, 1.0, -1.0, -1.0]})
    >>> pairs = mentoring_pairs(gaps, capacity=1)
    >>> mentoring_coverage(pairs, gaps)[["unit", "n_staff", "n_shortfalls", "n_paired",
    ...                                  "share_paired", "n_mentors"]]
      unit  n_staff  n_shortfalls  n_paired  share_paired  n_mentors
    0    A        1             0         0           NaN          0
    1    B        3             2         2           1.0          2
    """
    func = "mentoring_coverage"
    keys = checks.keys(by)
    require_columns(gaps, ["employee_id", "competency_id", "required_level", "level", *keys], func)
    require_columns(pairs, ["mentor_id", "mentee_id", "competency_id"], func)
    level, required = checks.floats(gaps["level"]), checks.floats(gaps["required_level"])
    cells = gaps[["employee_id", "competency_id", *keys]].assign(below=level < required)
    paired = pd.MultiIndex.from_frame(pairs[["mentee_id", "competency_id"]].astype("object"))
    cell_index = pd.MultiIndex.from_frame(cells[["employee_id", "competency_id"]].astype("object"))
    cells["paired"] = cell_index.isin(paired) & cells["below"].to_numpy()
    if "same_unit" in pairs:
        same = pairs.loc[pairs["same_unit"].astype(bool), ["mentee_id", "competency_id"]]
        cells["same_unit"] = (
            cell_index.isin(pd.MultiIndex.from_frame(same.astype("object")))
            & cells["paired"].to_numpy()
        )
    else:
        cells["same_unit"] = False
    mentor_of = pairs[["mentee_id", "competency_id", "mentor_id"]].rename(
        columns={"mentee_id": "employee_id"}
    )
    group = (
        cells.groupby(keys, observed=True, sort=True)
        if keys
        else cells.groupby(np.zeros(len(cells), dtype=int))
    )
    per_person = (
        cells.groupby([*keys, "employee_id"], observed=True, sort=False)
        .agg(below=("below", "any"), paired=("paired", "any"))
        .reset_index()
    )
    pgroup = (
        per_person.groupby(keys, observed=True, sort=True)
        if keys
        else per_person.groupby(np.zeros(len(per_person), dtype=int))
    )
    out = group.agg(
        n_shortfalls=("below", "sum"), n_paired=("paired", "sum"), n_same_unit=("same_unit", "sum")
    )
    out["n_staff"] = pgroup.size()
    out["n_mentees_needing"] = pgroup["below"].sum()
    out["n_mentees"] = pgroup["paired"].sum()
    served = cells[cells["paired"]].astype({"employee_id": "object", "competency_id": "object"})
    served = served.merge(
        mentor_of.astype({"employee_id": "object", "competency_id": "object"}),
        on=["employee_id", "competency_id"],
    )
    mentors = (
        served.groupby(keys, observed=True, sort=True)["mentor_id"].nunique()
        if keys
        else pd.Series([served["mentor_id"].nunique()], index=[0])
    )
    out["n_mentors"] = mentors.reindex(out.index, fill_value=0)
    out = out.reset_index(drop=not keys)
    for column in (
        "n_staff",
        "n_mentees_needing",
        "n_shortfalls",
        "n_paired",
        "n_mentees",
        "n_mentors",
        "n_same_unit",
    ):
        out[column] = out[column].astype("int64")
    out["share_paired"] = out["n_paired"] / out["n_shortfalls"].where(out["n_shortfalls"] > 0)
    return out[
        [
            *keys,
            "n_staff",
            "n_mentees_needing",
            "n_shortfalls",
            "n_paired",
            "share_paired",
            "n_mentees",
            "n_mentors",
            "n_same_unit",
        ]
    ]
