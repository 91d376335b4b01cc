"""Before and after, with a comparison group: training coverage and difference in differences.

Did service get better where more staff were trained? Units are split by the
share of their staff who completed the training (:func:`training_coverage`,
:func:`comparison_groups`), an outcome (IKM, waiting time, …) is compared
before and after the training in both groups, and :func:`diff_in_diff`
estimates how much more the high-coverage units changed than the others.

What this can and cannot show (:data:`INTERPRETATION`): the estimate is the
effect of the training only if, without it, both groups would have changed
alike (parallel trends), nothing else that affects the outcome changed at the
same time in one group only, and units did not get training *because* their
service was getting worse or better. Coverage was not assigned at random, so
the estimate describes an association unless those assumptions are argued
for; a confidence interval covers sampling noise, not a broken assumption.

Examples
--------
>>> import pandas as pd
>>> panel = pd.DataFrame({
...     "unit": ["a", "a", "b", "b", "c", "c", "d", "d"],
...     "period": ["2024", "2025"] * 4,
...     "ikm": [80.0, 86.0, 78.0, 85.0, 81.0, 82.0, 79.0, 81.0],
...     "high_coverage": [True] * 4 + [False] * 4,
...     "post": [False, True] * 4})
>>> result = diff_in_diff(panel, "ikm")
>>> round(result.estimate, 2)  # (6 + 7) / 2 - (1 + 2) / 2
5.0
>>> result.means[["group", "before", "after", "change"]]
     group  before  after  change
0  treated    79.0   85.5     6.5
1  control    80.0   81.5     1.5
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kompetensi_toolkit import checks
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.threads import one_blas_thread

__all__ = [
    "INTERPRETATION",
    "MIN_UNITS_PER_GROUP",
    "DiffInDiff",
    "comparison_groups",
    "did_panel",
    "diff_in_diff",
    "resolve_threshold",
    "training_coverage",
]

#: Below this many units (clusters) in either group, clustered standard errors
#: are unreliable (they tend to be too small; MacKinnon & Webb 2017) and a warning says so.
MIN_UNITS_PER_GROUP = 10

#: The honest sentence on what a difference in differences can and cannot show.
INTERPRETATION: dict[str, str] = {
    "en": (
        "The difference in differences compares how much the outcome changed in units with "
        "high training coverage with how much it changed in the other units. It measures the "
        "effect of the training only if both groups would otherwise have changed alike "
        "(parallel trends), nothing else changed in one group only at the same time, and "
        "coverage was not chosen because of how the service was already developing. Coverage "
        "was not assigned at random, so read the result as an association, not as proof that "
        "the training caused the change; the confidence interval reflects sampling noise only."
    ),
    "id": (
        "Selisih dari selisih (difference in differences) membandingkan perubahan hasil pada "
        "unit dengan cakupan pelatihan tinggi dengan perubahan pada unit lainnya. Angka ini "
        "menunjukkan dampak pelatihan hanya jika tanpa pelatihan kedua kelompok akan berubah "
        "serupa (tren paralel), tidak ada perubahan lain pada waktu yang sama yang hanya "
        "terjadi di satu kelompok, dan cakupan pelatihan tidak ditentukan oleh kecenderungan "
        "layanan sebelumnya. Cakupan tidak ditetapkan secara acak, sehingga hasilnya "
        "menunjukkan keterkaitan, bukan bukti bahwa pelatihan menyebabkan perubahan; selang "
        "kepercayaan hanya mencerminkan keragaman sampel."
    ),
}

_METHOD = (
    "OLS with unit and period fixed effects (two-way fixed effects; unit effects absorbed "
    "by demeaning within unit); standard errors clustered by unit, t-based interval with "
    "G - 1 degrees of freedom (G units)"
)


def _date(value: object, name: str, func: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        out = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise ParameterError(
            f"The {name!r} parameter of {func} must be a date (e.g. '2025-01-01') or None. "
            f"Got {value!r} instead."
        ) from err
    if pd.isna(out):
        raise ParameterError(
            f"The {name!r} parameter of {func} must be a date (e.g. '2025-01-01') or None. "
            f"Got {value!r} instead."
        )
    return out


def _text(series: pd.Series) -> pd.Series:
    """Key values as plain Python strings (object dtype), so frames of any dtype join."""
    text = series.astype("string")
    return text.astype("object").where(text.notna(), None)


# ---------------------------------------------------------------------------
# Coverage and the two groups.
# ---------------------------------------------------------------------------
def training_coverage(
    employees: pd.DataFrame,
    participation: pd.DataFrame,
    *,
    programs: pd.DataFrame | None = None,
    program_competencies: pd.DataFrame | None = None,
    competencies: Collection[str] | None = None,
    program_ids: Collection[str] | None = None,
    by: str | Sequence[str] | None = ("region_id", "unit"),
    completed_only: bool = True,
    start: object = None,
    end: object = None,
) -> pd.DataFrame:
    """Share of each group's staff who took part in the counted programmes.

    Counted programmes: ``program_ids`` when given; otherwise the programmes
    that target any of ``competencies`` (through ``program_competencies``);
    otherwise every programme (those in ``programs`` when given, else any in
    ``participation``). A member of staff counts as trained when they have a
    participation in a counted programme, completed unless
    ``completed_only=False`` (a missing ``completed`` is not completed; no
    ``completed`` column: every row counts), with ``start_date`` within
    [``start``, ``end``] when those are given. Participation of people not in
    ``employees`` is ignored.

    Parameters
    ----------
    employees : DataFrame
        ``employee_id`` and the ``by`` columns (staff with a missing ``by``
        value are left out).
    participation : DataFrame
        ``employee_id``, ``program_id``; ``start_date`` when ``start`` or
        ``end`` is given; optional ``completed``.
    programs : DataFrame, optional
        ``program_id``: limits "every programme" to these.
    program_competencies : DataFrame, optional
        ``program_id``, ``competency_id``; needed with ``competencies``.
    competencies : collection of str, optional
        Count the programmes that target any of these competencies.
    program_ids : collection of str, optional
        Count these programmes (takes precedence over ``competencies``).
    by : str or sequence of str, optional
        Group columns of ``employees`` (None: one row for everyone).
    completed_only : bool, default True
    start, end : date-like, optional
        Window for ``start_date``, both ends included.

    Returns
    -------
    DataFrame
        ``by`` columns, ``n_staff``, ``n_trained`` (distinct staff), and
        ``coverage`` = n_trained / n_staff; sorted by ``by``.

    Examples
    --------
    >>> import pandas as pd
    >>> employees = pd.DataFrame({"employee_id": ["a", "b", "c", "d"],
    ...                           "unit": ["X", "X", "X", "Y"]})
    >>> participation = pd.DataFrame({"employee_id": ["a", "a", "b", "d"],
    ...                               "program_id": ["P1", "P2", "P1", "P2"],
    ...                               "completed": [True, True, False, True]})
    >>> training_coverage(employees, participation, program_ids=["P1"], by="unit")
      unit  n_staff  n_trained  coverage
    0    X        3          1  0.333333
    1    Y        1          0  0.000000
    """
    func = "training_coverage"
    keys = checks.keys(by)
    require_columns(employees, ["employee_id", *keys], func)
    require_columns(participation, ["employee_id", "program_id"], func)
    start, end = _date(start, "start", func), _date(end, "end", func)
    if start is not None and end is not None and end < start:
        raise ParameterError(
            f"The 'end' parameter of {func} must not be before 'start' ({start.date()}). "
            f"Got {end.date()} instead."
        )

    rows = participation
    if completed_only and "completed" in rows:
        rows = rows[checks.flags(rows["completed"])]
    if start is not None or end is not None:
        require_columns(participation, ["start_date"], func)
        when = pd.to_datetime(rows["start_date"], errors="coerce")
        keep = when.notna()
        if start is not None:
            keep &= when >= start
        if end is not None:
            keep &= when <= end
        rows = rows[keep.to_numpy(bool)]
    counted = _counted_programmes(programs, program_competencies, competencies, program_ids, func)
    if counted is not None:
        rows = rows[_text(rows["program_id"]).isin(counted).to_numpy(bool)]
    trained_ids = set(_text(rows["employee_id"]).dropna())

    staff = employees[["employee_id", *keys]].drop_duplicates("employee_id")
    if keys:
        staff = staff.dropna(subset=keys)
    trained = _text(staff["employee_id"]).isin(trained_ids).to_numpy(bool)
    frame = staff[keys].reset_index(drop=True).assign(trained=trained.astype("int64"))
    if keys:
        out = (
            frame.groupby(keys, observed=True, sort=True)
            .agg(n_staff=("trained", "size"), n_trained=("trained", "sum"))
            .reset_index()
        )
    else:
        out = pd.DataFrame({"n_staff": [len(frame)], "n_trained": [int(trained.sum())]})
    out["n_staff"] = out["n_staff"].astype("int64")
    out["n_trained"] = out["n_trained"].astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        out["coverage"] = out["n_trained"] / out["n_staff"].where(out["n_staff"] > 0)
    return out[[*keys, "n_staff", "n_trained", "coverage"]]


def _counted_programmes(programs, program_competencies, competencies, program_ids, func):
    """The programme ids to count, or None for every programme."""
    if program_ids is not None:
        if isinstance(program_ids, str):
            program_ids = [program_ids]
        return {str(p) for p in program_ids}
    if competencies is not None:
        if program_competencies is None:
            raise ParameterError(
                f"The 'program_competencies' parameter of {func} must be a DataFrame when "
                f"'competencies' is given. Got None instead."
            )
        require_columns(program_competencies, ["program_id", "competency_id"], func)
        if isinstance(competencies, str):
            competencies = [competencies]
        wanted = {str(c) for c in competencies}
        hit = _text(program_competencies["competency_id"]).isin(wanted).to_numpy(bool)
        return set(_text(program_competencies["program_id"][hit]).dropna())
    if programs is not None:
        require_columns(programs, ["program_id"], func)
        return set(_text(programs["program_id"]).dropna())
    return None


def resolve_threshold(
    coverage: pd.DataFrame, threshold: float | str, *, column: str = "coverage"
) -> float:
    """The coverage threshold as a number: ``threshold`` itself, or the groups' median.

    ``"median"`` splits the groups at their median coverage, so that both
    sides have units whatever the level of coverage in a region.

    Examples
    --------
    >>> import pandas as pd
    >>> coverage = pd.DataFrame({"coverage": [0.1, 0.3, 0.5, 0.9]})
    >>> resolve_threshold(coverage, "median"), resolve_threshold(coverage, 0.25)
    (0.4, 0.25)
    """
    func = "resolve_threshold"
    if isinstance(threshold, str):
        checks.choice(threshold, "threshold", func, ("median",))
        require_columns(coverage, {"column": column}, func)
        share = checks.floats(coverage[column])
        share = share[~np.isnan(share)]
        return float(np.median(share)) if len(share) else 0.0
    return checks.number(threshold, "threshold", func, high=1.0)


def comparison_groups(
    coverage: pd.DataFrame, threshold: float | str, *, column: str = "coverage"
) -> pd.DataFrame:
    """Mark the groups with high training coverage (coverage ≥ ``threshold``).

    Parameters
    ----------
    coverage : DataFrame
        One row per group with a coverage share (e.g. from
        :func:`training_coverage`).
    threshold : float or "median"
        In [0, 1]; a group exactly at the threshold counts as high
        (compared with a 1e-12 tolerance, so 3/10 is at 0.3). ``"median"``:
        the groups' median coverage (:func:`resolve_threshold`).
    column : str, default "coverage"

    Returns
    -------
    DataFrame
        A copy of ``coverage`` with a ``high_coverage`` column (nullable
        boolean; missing where the coverage is missing).

    Examples
    --------
    >>> import pandas as pd
    >>> coverage = pd.DataFrame({"unit": ["X", "Y", "Z"], "coverage": [0.1, 0.3, 0.5]})
    >>> comparison_groups(coverage, 0.3)
      unit  coverage  high_coverage
    0    X       0.1          False
    1    Y       0.3           True
    2    Z       0.5           True
    """
    func = "comparison_groups"
    require_columns(coverage, {"column": column}, func)
    if isinstance(threshold, str):
        checks.choice(threshold, "threshold", func, ("median",))
        threshold = resolve_threshold(coverage, threshold, column=column)
    threshold = checks.number(threshold, "threshold", func, high=1.0)
    share = checks.floats(coverage[column])
    missing = np.isnan(share)
    with np.errstate(invalid="ignore"):
        high = share >= threshold - 1e-12
    out = coverage.copy()
    out["high_coverage"] = pd.arrays.BooleanArray(high & ~missing, missing)
    return out


# ---------------------------------------------------------------------------
# Difference in differences.
# ---------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class DiffInDiff:
    """A difference-in-differences estimate (see :func:`diff_in_diff`).

    ``estimate`` is how much more the outcome changed in the treated
    (high-coverage) units than in the control units, in the outcome's units,
    with its t-based confidence interval ``ci_low``–``ci_high``, clustered
    standard error ``se`` and two-sided ``p_value``. ``means`` holds the 2 × 2
    table: one row per group (``group`` "treated" / "control"), ``n_units``,
    ``n_units_before``, ``n_units_after``, ``n_obs_before``, ``n_obs_after``,
    ``before``, ``after`` (means, weighted when weights were given) and
    ``change`` = after − before. ``warnings`` lists plain-language caveats
    about these data; :data:`INTERPRETATION` says what any such estimate can
    and cannot show.
    """

    estimate: float
    ci_low: float
    ci_high: float
    se: float
    p_value: float
    n_units_treated: int
    n_units_control: int
    n_obs: int
    means: pd.DataFrame
    method: str
    warnings: tuple[str, ...]
    confidence: float = 0.95

    def to_dict(self) -> dict[str, object]:
        """The numbers as plain Python values (for ``summary.json``), without ``means``."""
        return {
            "estimate": self.estimate,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "se": self.se,
            "p_value": self.p_value,
            "confidence": self.confidence,
            "n_units_treated": self.n_units_treated,
            "n_units_control": self.n_units_control,
            "n_obs": self.n_obs,
            "method": self.method,
            "warnings": list(self.warnings),
        }


def _unit_key(panel: pd.DataFrame, unit: Sequence[str]) -> pd.Series:
    if len(unit) == 1:
        return _text(panel[unit[0]])
    parts = [_text(panel[c]) for c in unit]
    missing = pd.concat([p.isna() for p in parts], axis=1).any(axis=1)
    joined = parts[0].fillna("")
    for p in parts[1:]:
        joined = joined + "\x1f" + p.fillna("")
    return joined.where(~missing, None)


def _flag_column(series: pd.Series, name: str, func: str) -> np.ndarray:
    """A true/false column as float (1/0), NaN where missing; raises on other values."""
    try:
        values = series.astype("boolean")
    except (TypeError, ValueError) as err:
        raise ParameterError(
            f"The {name!r} column given to {func} must hold true/false values. "
            f"Got values such as {series.dropna().iloc[:3].tolist()!r} instead."
        ) from err
    return values.astype("float64").to_numpy(na_value=np.nan)


def diff_in_diff(
    panel: pd.DataFrame,
    outcome: str,
    *,
    unit: str | Sequence[str] = "unit",
    period: str = "period",
    treated: str = "high_coverage",
    post: str = "post",
    weights: str | None = None,
    confidence: float = 0.95,
) -> DiffInDiff:
    """Difference in differences with unit and period fixed effects.

    Fits ``outcome ~ C(unit) + C(period) + treated:post`` by OLS (WLS with
    ``weights``); the coefficient of ``treated:post`` is the estimate. In a
    balanced panel with one period before and one after it equals the
    difference of the two groups' mean changes. The unit effects are absorbed
    by demeaning within unit (same estimate as the dummies), and standard
    errors are clustered by unit (statsmodels ``cov_type="cluster"``) with
    the usual small-sample factor G/(G − 1) · (N − 1)/(N − K), where K counts
    the period effects and the estimate but not the unit effects, which are
    nested in the clusters (as Stata's ``xtreg, fe`` and R's fixest do;
    counting them, as ``y ~ C(unit) + …`` in statsmodels does, inflates the
    error by about √2 in a two-period panel). The interval uses t with
    G − 1 degrees of freedom.

    ``panel`` has one row per unit × period (e.g. IKM per unit and period) or
    one row per observation (e.g. each survey respondent, or each employee);
    clustering by unit makes the error honest either way. Rows with a missing
    outcome, unit, period, treated, post or weight are left out (a warning
    says how many).

    Parameters
    ----------
    panel : DataFrame
    outcome : str
        Column of the outcome (numeric).
    unit : str or sequence of str, default "unit"
        Column(s) identifying a unit; give several (e.g. ``("region_id",
        "unit")``) when unit names repeat across regions.
    period : str, default "period"
    treated : str, default "high_coverage"
        True/false, constant within a unit.
    post : str, default "post"
        True for the periods after the training.
    weights : str, optional
        Column of non-negative weights (e.g. ``n`` respondents behind a unit's IKM).
    confidence : float, default 0.95

    Returns
    -------
    DiffInDiff

    Raises
    ------
    ParameterError
        A group (treated or control) has no rows before or after, there is
        no before or no after period, or ``treated`` varies within a unit.
    """
    func = "diff_in_diff"
    units = checks.keys(unit)
    if not units:
        raise ParameterError(
            f"The 'unit' parameter of {func} must name at least one column. Got {unit!r} instead."
        )
    if not (
        isinstance(confidence, (int, float))
        and not isinstance(confidence, bool)
        and 0 < confidence < 1
    ):
        raise ParameterError(
            f"The 'confidence' parameter of {func} must be a number between 0 and 1 "
            f"(exclusive). Got {confidence!r} instead."
        )
    columns = {"outcome": outcome, "period": period, "treated": treated, "post": post}
    columns |= {f"unit[{i}]" if len(units) > 1 else "unit": u for i, u in enumerate(units)}
    if weights is not None:
        columns["weights"] = weights
    require_columns(panel, columns, func)

    y = checks.floats(panel[outcome])
    d_treated = _flag_column(panel[treated], treated, func)
    d_post = _flag_column(panel[post], post, func)
    unit_key = _unit_key(panel, units)
    period_key = _text(panel[period])
    w = checks.floats(panel[weights]) if weights is not None else np.ones(len(panel))
    if weights is not None and np.any(w[~np.isnan(w)] < 0):
        raise ParameterError(
            f"The 'weights' column ({weights!r}) given to {func} must be non-negative. "
            f"Got a minimum of {np.nanmin(w)!r} instead."
        )
    ok = (
        ~np.isnan(y)
        & ~np.isnan(d_treated)
        & ~np.isnan(d_post)
        & unit_key.notna().to_numpy(bool)
        & period_key.notna().to_numpy(bool)
        & ~np.isnan(w)
        & (w > 0)
    )
    notes: list[str] = []
    dropped = int((~ok).sum())
    if dropped:
        notes.append(
            f"{dropped} of {len(panel)} rows were left out because the outcome, unit, period, "
            f"group, before/after flag or weight was missing (or the weight was 0)."
        )
    if not ok.any():
        raise ParameterError(
            f"The panel given to {func} has no rows with an outcome, unit, period, group and "
            f"before/after flag ({len(panel)} rows in all); nothing to compare."
        )
    y, d_treated, d_post, w = y[ok], d_treated[ok] > 0.5, d_post[ok] > 0.5, w[ok]
    unit_codes, unit_labels = pd.factorize(unit_key[ok].to_numpy())
    period_codes, period_labels = pd.factorize(period_key[ok].to_numpy(), sort=True)

    # Checks that make the estimate meaningful.
    n_units = len(unit_labels)
    per_unit = np.bincount(unit_codes, weights=d_treated.astype(float), minlength=n_units)
    size = np.bincount(unit_codes, minlength=n_units)
    varies = (per_unit > 0) & (per_unit < size)
    if varies.any():
        examples = ", ".join(map(str, unit_labels[varies][:3])).replace("\x1f", " / ")
        raise ParameterError(
            f"The {treated!r} column given to {func} must be constant within each unit; it "
            f"varies in {int(varies.sum())} unit(s), e.g. {examples}. Set it per unit."
        )
    if not d_post.any() or d_post.all():
        which = "after" if not d_post.any() else "before"
        raise ParameterError(
            f"The panel given to {func} has no {which} period: the {post!r} column is "
            f"{'never' if which == 'after' else 'always'} true (in the rows with an outcome). "
            f"A difference in differences needs both."
        )
    for flag, name in ((True, "treated (high coverage)"), (False, "control (low coverage)")):
        for when, label in ((False, "before"), (True, "after")):
            if not np.any((d_treated == flag) & (d_post == when)):
                raise ParameterError(
                    f"The panel given to {func} has no {name} rows {label} the training "
                    f"(columns {treated!r}, {post!r}); both groups need outcomes before and "
                    f"after. Check the threshold and the periods."
                )
    post_by_period = np.bincount(period_codes, weights=d_post.astype(float))
    n_by_period = np.bincount(period_codes)
    if np.any((post_by_period > 0) & (post_by_period < n_by_period)):
        notes.append(
            f"The {post!r} flag differs between rows of the same period; the estimate then "
            f"also draws on comparisons within a period."
        )

    unit_treated = per_unit > 0
    n_treated, n_control = int(unit_treated.sum()), int((~unit_treated).sum())
    if min(n_treated, n_control) < MIN_UNITS_PER_GROUP:
        notes.append(
            f"Only {n_treated} treated and {n_control} control units: with fewer than "
            f"{MIN_UNITS_PER_GROUP} units in a group, errors clustered by unit are unreliable "
            f"(usually too small), so the interval is likely too narrow."
        )
    cells = np.zeros((n_units, len(period_labels)), dtype=bool)
    cells[unit_codes, period_codes] = True
    if not cells.all():
        missing_cells = int((~cells).sum())
        notes.append(
            f"Unbalanced panel: {missing_cells} unit × period combination(s) have no data, so "
            f"units do not all contribute to every period."
        )
    unit_has = np.zeros((n_units, 2), dtype=bool)
    unit_has[unit_codes, d_post.astype(int)] = True
    one_sided = int((~unit_has.all(axis=1)).sum())
    if one_sided:
        notes.append(
            f"{one_sided} unit(s) have data only before or only after; they add nothing to the "
            f"estimate."
        )

    means = _means(y, w, d_treated, d_post, unit_codes)
    fit, fit_notes = _fit(y, w, d_treated & d_post, unit_codes, period_codes, weights is not None)
    notes.extend(fit_notes)
    estimate = float(fit.params[-1])
    se = float(fit.bse[-1])
    df = n_units - 1
    if np.isfinite(se) and se > 0:
        from scipy import stats

        tcrit = float(stats.t.ppf(0.5 + confidence / 2, df))
        low, high = estimate - tcrit * se, estimate + tcrit * se
        p_value = float(2 * stats.t.sf(abs(estimate / se), df))
    else:
        low = high = p_value = math.nan
    return DiffInDiff(
        estimate=estimate,
        ci_low=float(low),
        ci_high=float(high),
        se=se,
        p_value=p_value,
        n_units_treated=n_treated,
        n_units_control=n_control,
        n_obs=len(y),
        means=means,
        method=_METHOD + ("; weighted (WLS)" if weights is not None else ""),
        warnings=tuple(notes),
        confidence=float(confidence),
    )


def _means(y, w, d_treated, d_post, unit_codes) -> pd.DataFrame:
    rows = []
    for flag, name in ((True, "treated"), (False, "control")):
        row: dict[str, object] = {
            "group": name,
            "n_units": len(np.unique(unit_codes[d_treated == flag])),
        }
        for when, label in ((False, "before"), (True, "after")):
            cell = (d_treated == flag) & (d_post == when)
            row[f"n_units_{label}"] = len(np.unique(unit_codes[cell]))
            row[f"n_obs_{label}"] = int(cell.sum())
            row[label] = float(np.average(y[cell], weights=w[cell]))
        row["change"] = row["after"] - row["before"]
        rows.append(row)
    order = [
        "group",
        "n_units",
        "n_units_before",
        "n_units_after",
        "n_obs_before",
        "n_obs_after",
        "before",
        "after",
        "change",
    ]
    return pd.DataFrame(rows)[order]


def _demean(x: np.ndarray, w: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Subtract the (weighted) mean within each code from every column of ``x``."""
    n_groups = int(codes.max()) + 1
    total = np.bincount(codes, weights=w, minlength=n_groups)
    out = np.empty_like(x)
    for j in range(x.shape[1]):
        mean = np.bincount(codes, weights=w * x[:, j], minlength=n_groups) / total
        out[:, j] = x[:, j] - mean[codes]
    return out


@one_blas_thread  # small matrices (kompetensi_toolkit.threads)
def _fit(y, w, effect, unit_codes, period_codes, weighted):
    """WLS of demeaned y on demeaned period dummies and the effect; clustered by unit."""
    # Lazy, and the model module only: all of statsmodels (statsmodels.api) takes about a
    # second to import.
    from statsmodels.regression.linear_model import OLS, WLS

    n_periods = int(period_codes.max()) + 1
    dummies = np.zeros((len(y), n_periods - 1))
    later = period_codes > 0
    dummies[np.flatnonzero(later), period_codes[later] - 1] = 1.0
    x = np.column_stack([dummies, effect.astype("float64")])
    both = _demean(np.column_stack([y, x]), w, unit_codes)
    yt, xt = both[:, 0], both[:, 1:]
    # Drop period dummies that demeaning made all zero (periods seen in one unit only).
    keep = np.r_[np.abs(xt[:, :-1]).max(axis=0, initial=0.0) > 1e-12, True]
    xt = xt[:, keep]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = WLS(yt, xt, weights=w) if weighted else OLS(yt, xt)
        fit = model.fit(cov_type="cluster", cov_kwds={"groups": unit_codes}, use_t=True)
        params, bse = np.asarray(fit.params), np.asarray(fit.bse)
    notes = [f"statsmodels: {c.message}" for c in caught]
    if np.linalg.matrix_rank(xt) < xt.shape[1]:
        notes.append(
            "The effect cannot be separated from the period effects in these data (collinear); "
            "the estimate is not meaningful."
        )
    return _Fit(params, bse), notes


@dataclass(frozen=True)
class _Fit:
    params: np.ndarray
    bse: np.ndarray


def did_panel(
    outcomes: pd.DataFrame,
    coverage: pd.DataFrame,
    *,
    threshold: float,
    before: object,
    after: object,
    unit_keys: Sequence[str] = ("region_id", "unit"),
    period: str = "period",
    value: str = "ikm",
) -> pd.DataFrame:
    """Join unit outcomes with training coverage into a panel for :func:`diff_in_diff`.

    Keeps the periods in ``before`` ∪ ``after`` (periods are compared as
    text, so ``2024`` and ``"2024"`` match), marks ``post`` (period in
    ``after``) and ``high_coverage`` (coverage ≥ ``threshold``, see
    :func:`comparison_groups`), and keeps only units found in both frames
    (inner join on ``unit_keys``) with a value.

    Parameters
    ----------
    outcomes : DataFrame
        ``unit_keys``, ``period``, ``value`` (e.g. from the IKM function:
        region_id, unit, period, ikm, n); other columns are kept.
    coverage : DataFrame
        ``unit_keys`` and ``coverage`` (e.g. from :func:`training_coverage`
        with ``by=unit_keys``); its ``n_staff`` and ``n_trained`` are kept.
    threshold : float
        In [0, 1].
    before, after : period label or sequence of labels
        The periods before and after the training (disjoint, each non-empty).
    unit_keys : sequence of str, default ("region_id", "unit")
    period : str, default "period"
    value : str, default "ikm"

    Returns
    -------
    DataFrame
        The kept ``outcomes`` rows with ``coverage``, ``n_staff``,
        ``n_trained`` (when present), ``high_coverage`` (bool) and ``post``
        (bool); sorted by ``unit_keys`` and period. Pass
        ``unit=list(unit_keys)`` to :func:`diff_in_diff` when unit names
        repeat across regions.

    Examples
    --------
    >>> import pandas as pd
    >>> outcomes = pd.DataFrame({"unit": ["X", "X", "Y", "Y"], "period": ["2024", "2025"] * 2,
    ...                          "ikm": [80.0, 88.0, 82.0, 83.0]})
    >>> coverage = pd.DataFrame({"unit": ["X", "Y"], "coverage": [0.4, 0.1]})
    >>> did_panel(outcomes, coverage, threshold=0.3, before="2024", after=["2025"],
    ...           unit_keys=["unit"])
      unit period   ikm  coverage  high_coverage   post
    0    X   2024  80.0       0.4           True  False
    1    X   2025  88.0       0.4           True   True
    2    Y   2024  82.0       0.1          False  False
    3    Y   2025  83.0       0.1          False   True
    """
    func = "did_panel"
    keys = checks.keys(unit_keys)
    require_columns(outcomes, [*keys, period, value], func)
    require_columns(coverage, [*keys, "coverage"], func)
    threshold = checks.number(threshold, "threshold", func, high=1.0)
    before_set, after_set = _periods(before, "before", func), _periods(after, "after", func)
    if before_set & after_set:
        raise ParameterError(
            f"The 'before' and 'after' parameters of {func} must not share periods. "
            f"Got {sorted(before_set & after_set)} in both."
        )
    labels = _text(outcomes[period])
    keep = labels.isin(before_set | after_set).to_numpy(bool)
    keep = keep & ~np.isnan(checks.floats(outcomes[value]))
    rows = outcomes[keep].reset_index(drop=True)
    post = labels[keep].isin(after_set).to_numpy(bool)

    extra = [c for c in ("n_staff", "n_trained") if c in coverage and c not in rows]
    groups = comparison_groups(coverage[[*keys, "coverage", *extra]], threshold)
    groups = groups[groups["high_coverage"].notna().to_numpy(bool)]
    groups = groups.drop_duplicates(keys)
    left = rows.assign(post=post, **{f"_key{i}": _text(rows[k]) for i, k in enumerate(keys)})
    right = groups.drop(columns=keys).assign(
        **{f"_key{i}": _text(groups[k]).to_numpy() for i, k in enumerate(keys)}
    )
    right = right.drop(columns=[c for c in right if c in rows and not c.startswith("_key")])
    join = [f"_key{i}" for i in range(len(keys))]
    out = left.merge(right, on=join, how="inner").drop(columns=join)
    out["high_coverage"] = out["high_coverage"].astype(bool)
    cols = [c for c in out if c != "post"] + ["post"]
    out = out[cols].sort_values([*keys, period], kind="stable").reset_index(drop=True)
    return out


def _periods(value: object, name: str, func: str) -> set[str]:
    if isinstance(value, (str, int, np.integer)):
        items = [value]
    elif isinstance(value, Collection):
        items = list(value)
    else:
        items = []
    labels = {str(v) for v in items if v is not None}
    if not labels:
        raise ParameterError(
            f"The {name!r} parameter of {func} must be a period label or a non-empty list of "
            f"them (e.g. '2024' or ['2024']). Got {value!r} instead."
        )
    return labels
