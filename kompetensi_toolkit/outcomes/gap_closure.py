"""Gap closure: did trained staff close more of their competency gap than untrained staff?

Where staff were assessed twice in a competency, the change in their match
with the standard of their position is compared between those trained in that
competency in between and those not. The match of one competency is the
Job Person Match restricted to it: min(level, required) / required × 100 (in
JPM points; levels above the standard count as meeting it, as a gap cannot
close further than to zero). Required levels come from the standards of the
employee's current ``position_type``; competencies without a standard for the
position are left out.

Trained and untrained staff were not assigned at random: who is sent to
training, and who is assessed twice, may differ in ways that also affect
growth. The difference is descriptive unless those differences are argued away.

Examples
--------
>>> import pandas as pd
>>> assessments = pd.DataFrame({
...     "employee_id": ["a", "a", "b", "b"], "competency_id": ["M.01"] * 4,
...     "level": [2.0, 3.0, 2.0, 2.5],
...     "assessed_on": pd.to_datetime(["2023-03-01", "2025-03-01"] * 2)})
>>> assessment_pairs(assessments)[["employee_id", "first_level", "last_level"]]
  employee_id  first_level  last_level
0           a          2.0         3.0
1           b          2.0         2.5
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kompetensi_toolkit import checks, config
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.threads import one_blas_thread

__all__ = ["OVERALL", "assessment_pairs", "gap_closure"]

#: ``competency_id`` of the row pooling every competency.
OVERALL = "all"
#: Replicates × employees drawn at a time (bounds memory to a few hundred MB).
_BOOT_CELLS = 10_000_000

_COLUMNS = [
    "competency_id",
    "n_trained",
    "n_untrained",
    "change_trained",
    "change_untrained",
    "difference",
    "diff_low",
    "diff_high",
    "level_change_trained",
    "level_change_untrained",
]


def _text(series: pd.Series) -> pd.Series:
    """Key values as plain Python strings (object dtype), so frames of any dtype join."""
    text = series.astype("string")
    return text.astype("object").where(text.notna(), None)


def assessment_pairs(assessments: pd.DataFrame) -> pd.DataFrame:
    """First and last assessment of each employee × competency assessed on two dates.

    Rows without a level or a date are ignored. When several rows share the
    first (last) date, the first (last) of them in the frame's order counts.

    Parameters
    ----------
    assessments : DataFrame
        ``employee_id``, ``competency_id``, ``level``, ``assessed_on``.

    Returns
    -------
    DataFrame
        Internal working frame (holds ``employee_id``; never publish it):
        ``employee_id``, ``competency_id`` (as text), ``first_date``,
        ``last_date``, ``first_level``, ``last_level``, ``n_assessments``
        (dated rows); only pairs whose last date is after their first;
        sorted by employee and competency.

    Examples
    --------
    >>> import pandas as pd
    >>> assessments = pd.DataFrame({
    ...     "employee_id": ["a", "a", "a", "b"], "competency_id": ["M.01"] * 4,
    ...     "level": [3.0, 2.0, 2.5, 2.0],
    ...     "assessed_on": pd.to_datetime(["2025-01-10", "2023-02-01", "2024-05-01",
    ...                                    "2023-02-01"])})
    >>> assessment_pairs(assessments)[["employee_id", "first_level", "last_level",
    ...                                "n_assessments"]]
      employee_id  first_level  last_level  n_assessments
    0           a          2.0         3.0              3
    """
    func = "assessment_pairs"
    require_columns(assessments, ["employee_id", "competency_id", "level", "assessed_on"], func)
    frame = pd.DataFrame(
        {
            "employee_id": _text(assessments["employee_id"]).to_numpy(),
            "competency_id": _text(assessments["competency_id"]).to_numpy(),
            "level": checks.floats(assessments["level"]),
            "date": pd.to_datetime(assessments["assessed_on"], errors="coerce").to_numpy(
                "datetime64[ns]"
            ),
        }
    )
    frame = frame.dropna()
    frame = frame.sort_values(["employee_id", "competency_id", "date"], kind="stable")
    grouped = frame.groupby(["employee_id", "competency_id"], sort=True)
    out = grouped.agg(
        first_date=("date", "first"),
        last_date=("date", "last"),
        first_level=("level", "first"),
        last_level=("level", "last"),
        n_assessments=("level", "size"),
    ).reset_index()
    out = out[out["last_date"] > out["first_date"]].reset_index(drop=True)
    out["n_assessments"] = out["n_assessments"].astype("int64")
    return out


def _trained(
    pairs: pd.DataFrame,
    participation: pd.DataFrame,
    program_competencies: pd.DataFrame,
    completed_only: bool,
) -> np.ndarray:
    """Whether each pair had a (completed) programme targeting it between its two dates."""
    rows = participation
    if completed_only and "completed" in rows:
        rows = rows[checks.flags(rows["completed"])]
    start = pd.to_datetime(rows["start_date"], errors="coerce")
    end = (
        pd.to_datetime(rows["end_date"], errors="coerce").fillna(start)
        if "end_date" in rows
        else start
    )
    spans = pd.DataFrame(
        {
            "employee_id": _text(rows["employee_id"]).to_numpy(),
            "program_id": _text(rows["program_id"]).to_numpy(),
            "start": start.to_numpy("datetime64[ns]"),
            "end": end.to_numpy("datetime64[ns]"),
        }
    ).dropna()
    targets = pd.DataFrame(
        {
            "program_id": _text(program_competencies["program_id"]).to_numpy(),
            "competency_id": _text(program_competencies["competency_id"]).to_numpy(),
        }
    ).drop_duplicates()
    spans = spans.merge(targets, on="program_id")
    key = pairs[["employee_id", "competency_id", "first_date", "last_date"]].reset_index()
    hits = key.merge(spans, on=["employee_id", "competency_id"])
    inside = (hits["start"] > hits["first_date"]) & (hits["end"] < hits["last_date"])
    trained = np.zeros(len(pairs), dtype=bool)
    trained[hits.loc[inside.to_numpy(bool), "index"].to_numpy()] = True
    return trained


def _with_match(pairs: pd.DataFrame, employees: pd.DataFrame, standards: pd.DataFrame):
    """Pairs with the required level of the employee's position; those without one dropped."""
    positions = pd.DataFrame(
        {
            "employee_id": _text(employees["employee_id"]).to_numpy(),
            "position_type": _text(employees["position_type"]).to_numpy(),
        }
    ).drop_duplicates("employee_id")
    required = pd.DataFrame(
        {
            "position_type": _text(standards["position_type"]).to_numpy(),
            "competency_id": _text(standards["competency_id"]).to_numpy(),
            "required": checks.floats(standards["required_level"]),
        }
    ).drop_duplicates(["position_type", "competency_id"])
    out = pairs.merge(positions, on="employee_id").merge(
        required, on=["position_type", "competency_id"]
    )
    out = out[out["required"] > 0].reset_index(drop=True)
    req = out["required"].to_numpy()
    first = np.minimum(out["first_level"].to_numpy(), req) / req * 100.0
    last = np.minimum(out["last_level"].to_numpy(), req) / req * 100.0
    out["change"] = last - first
    out["level_change"] = out["last_level"].to_numpy() - out["first_level"].to_numpy()
    return out


def gap_closure(
    assessments: pd.DataFrame,
    employees: pd.DataFrame,
    standards: pd.DataFrame,
    participation: pd.DataFrame,
    program_competencies: pd.DataFrame,
    *,
    completed_only: bool = True,
    confidence: float = 0.95,
    n_boot: int = 1000,
    seed: int = config.DEFAULT_SEED,
) -> pd.DataFrame:
    """Change in match with the standard, trained vs untrained, per competency.

    For every employee × competency assessed on two different dates
    (:func:`assessment_pairs`), the change in match (JPM points: min(level,
    required) / required × 100, last minus first) and in level. A pair is
    *trained* when the employee took part in a programme targeting that
    competency (``program_competencies``), completed unless
    ``completed_only=False``, that started after the first assessment and
    ended (``end_date``, else ``start_date``) before the last one, both
    strictly. Other pairs are untrained.

    The interval of ``difference`` is a percentile bootstrap that resamples
    employees (all of one person's pairs stay together), drawn once for every
    row so the rows are consistent; it is missing when either side has fewer
    than two employees.

    Parameters
    ----------
    assessments : DataFrame
        ``employee_id``, ``competency_id``, ``level``, ``assessed_on``.
    employees : DataFrame
        ``employee_id``, ``position_type``.
    standards : DataFrame
        ``position_type``, ``competency_id``, ``required_level``.
    participation : DataFrame
        ``employee_id``, ``program_id``, ``start_date``; optional
        ``end_date``, ``completed``.
    program_competencies : DataFrame
        ``program_id``, ``competency_id``.
    completed_only : bool, default True
    confidence : float, default 0.95
    n_boot : int, default 1000
    seed : int, default :data:`kompetensi_toolkit.config.DEFAULT_SEED`

    Returns
    -------
    DataFrame
        One row per competency with at least one pair (sorted), then the
        row ``competency_id`` = "all" pooling every pair: ``n_trained``,
        ``n_untrained`` (employee × competency pairs), ``change_trained``,
        ``change_untrained`` (mean change in match, JPM points),
        ``difference`` (trained − untrained), ``diff_low``, ``diff_high``,
        ``level_change_trained``, ``level_change_untrained`` (mean change in
        level). With no pairs at all: the "all" row with zero counts and
        missing means.

    Examples
    --------
    >>> import pandas as pd
    >>> assessments = pd.DataFrame({
    ...     "employee_id": ["a", "a", "b", "b"], "competency_id": ["M.01"] * 4,
    ...     "level": [2.0, 3.0, 2.0, 2.5],
    ...     "assessed_on": pd.to_datetime(["2023-03-01", "2025-03-01"] * 2)})
    >>> employees = pd.DataFrame({"employee_id": ["a", "b"],
    ...                           "position_type": ["pengawas", "pengawas"]})
    >>> standards = pd.DataFrame({"position_type": ["pengawas"], "competency_id": ["M.01"],
    ...                           "required_level": [3]})
    >>> participation = pd.DataFrame({"employee_id": ["a"], "program_id": ["P1"],
    ...                               "start_date": pd.to_datetime(["2024-05-01"]),
    ...                               "completed": [True]})
    >>> program_competencies = pd.DataFrame({"program_id": ["P1"], "competency_id": ["M.01"]})
    >>> result = gap_closure(assessments, employees, standards, participation,
    ...                      program_competencies, n_boot=200)
    >>> result[["competency_id", "n_trained", "change_trained", "change_untrained"]].round(2)
      competency_id  n_trained  change_trained  change_untrained
    0          M.01          1           33.33             16.67
    1           all          1           33.33             16.67
    """
    func = "gap_closure"
    require_columns(assessments, ["employee_id", "competency_id", "level", "assessed_on"], func)
    require_columns(employees, ["employee_id", "position_type"], func)
    require_columns(standards, ["position_type", "competency_id", "required_level"], func)
    require_columns(participation, ["employee_id", "program_id", "start_date"], func)
    require_columns(program_competencies, ["program_id", "competency_id"], func)
    if not (
        isinstance(confidence, (int, float))
        and not isinstance(confidence, bool)
        and 0 < confidence < 1
    ):
        raise ParameterError(
            f"The 'confidence' parameter of {func} must be a number between 0 and 1 "
            f"(exclusive). Got {confidence!r} instead."
        )
    n_boot = checks.count(n_boot, "n_boot", func)
    seed = checks.count(seed, "seed", func, low=0)

    pairs = _with_match(assessment_pairs(assessments), employees, standards)
    trained = _trained(pairs, participation, program_competencies, completed_only)
    comp_codes, comp_labels = pd.factorize(pairs["competency_id"], sort=True)
    emp_codes, _ = pd.factorize(pairs["employee_id"])
    n_comp = len(comp_labels)
    # Cells: competency (n_comp of them, then the overall row) × trained (0 untrained, 1 trained).
    n_rows = n_comp + 1
    change = pairs["change"].to_numpy("float64")
    level_change = pairs["level_change"].to_numpy("float64")
    side = trained.astype("int64")
    cell = np.concatenate([comp_codes * 2 + side, n_comp * 2 + side])
    emp = np.concatenate([emp_codes, emp_codes])
    values = np.concatenate([change, change])
    levels = np.concatenate([level_change, level_change])
    n_cells = n_rows * 2

    count = np.bincount(cell, minlength=n_cells).reshape(n_rows, 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.bincount(cell, weights=values, minlength=n_cells).reshape(n_rows, 2) / count
        mean_level = np.bincount(cell, weights=levels, minlength=n_cells).reshape(n_rows, 2) / count
    difference = mean[:, 1] - mean[:, 0]

    # People per cell (a bootstrap interval needs at least two on each side).
    people = np.zeros(n_cells, dtype="int64")
    if len(cell):
        distinct = pd.DataFrame({"cell": cell, "emp": emp}).drop_duplicates()
        people = np.bincount(distinct["cell"].to_numpy(), minlength=n_cells)
    enough = (people.reshape(n_rows, 2) >= 2).all(axis=1)
    low, high = _bootstrap(emp, cell, values, n_cells, n_boot, confidence, seed)
    low, high = np.where(enough, low, np.nan), np.where(enough, high, np.nan)

    out = pd.DataFrame(
        {
            "competency_id": [*map(str, comp_labels), OVERALL],
            "n_trained": count[:, 1].astype("int64"),
            "n_untrained": count[:, 0].astype("int64"),
            "change_trained": mean[:, 1],
            "change_untrained": mean[:, 0],
            "difference": difference,
            "diff_low": low,
            "diff_high": high,
            "level_change_trained": mean_level[:, 1],
            "level_change_untrained": mean_level[:, 0],
        }
    )
    return out[_COLUMNS]


@one_blas_thread  # small matrices (kompetensi_toolkit.threads)
def _bootstrap(emp, cell, values, n_cells, n_boot, confidence, seed):
    """Percentile interval of trained − untrained mean per row, resampling employees."""
    n_rows = n_cells // 2
    if len(emp) == 0:
        return np.full(n_rows, np.nan), np.full(n_rows, np.nan)
    n_emp = int(emp.max()) + 1
    # Per employee × cell: sum of changes and number of pairs (sparse through bincount).
    flat = emp.astype("int64") * n_cells + cell
    sums = np.bincount(flat, weights=values, minlength=n_emp * n_cells).reshape(n_emp, n_cells)
    counts = np.bincount(flat, minlength=n_emp * n_cells).reshape(n_emp, n_cells)
    rng = np.random.default_rng(seed)
    diffs = np.empty((n_boot, n_rows))
    chunk = int(max(1, min(n_boot, _BOOT_CELLS // n_emp)))
    for start in range(0, n_boot, chunk):
        size = min(chunk, n_boot - start)
        draws = rng.integers(0, n_emp, (size, n_emp))
        draws += (np.arange(size) * n_emp)[:, None]
        # How often each employee was drawn in each replicate.
        times = np.bincount(draws.ravel(), minlength=size * n_emp).reshape(size, n_emp)
        times = times.astype("float64")
        with np.errstate(invalid="ignore", divide="ignore"):
            means = (times @ sums) / (times @ counts)
        means = means.reshape(size, n_rows, 2)
        diffs[start : start + size] = means[:, :, 1] - means[:, :, 0]
    alpha = 1.0 - confidence
    with np.errstate(invalid="ignore"):
        valid = np.isfinite(diffs).sum(axis=0) > 0
        safe = np.where(np.isfinite(diffs), diffs, np.nan)
        low = np.full(n_rows, np.nan)
        high = np.full(n_rows, np.nan)
        if valid.any():
            low[valid] = np.nanquantile(safe[:, valid], alpha / 2, axis=0)
            high[valid] = np.nanquantile(safe[:, valid], 1 - alpha / 2, axis=0)
    return low, high
