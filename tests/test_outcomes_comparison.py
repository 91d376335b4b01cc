"""Training coverage, comparison groups and difference in differences (issue 5, item 5)."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from conftest import blas_threads, record_blas_threads
from kompetensi_toolkit.exceptions import KompetensiError, MissingColumnError, ParameterError
from kompetensi_toolkit.loaders import load_dataset
from kompetensi_toolkit.outcomes.comparison import (
    INTERPRETATION,
    MIN_UNITS_PER_GROUP,
    DiffInDiff,
    comparison_groups,
    did_panel,
    diff_in_diff,
    training_coverage,
)

SERVICE_PROGRAMMES = ["PRG-004", "PRG-017", "PRG-023", "PRG-030"]


# ---------------------------------------------------------------------------
# Hand-made data.
# ---------------------------------------------------------------------------
@pytest.fixture
def staff():
    employees = pd.DataFrame(
        {
            "employee_id": ["a", "b", "c", "d", "e"],
            "region_id": ["r1"] * 5,
            "unit": ["X", "X", "X", "Y", "Y"],
        }
    )
    participation = pd.DataFrame(
        {
            "employee_id": ["a", "a", "b", "c", "d", "zz"],
            "program_id": ["P1", "P2", "P1", "P3", "P2", "P1"],
            "start_date": pd.to_datetime(
                ["2024-03-01", "2025-02-01", "2025-06-01", "2024-01-10", "2024-07-01", "2024-01-01"]
            ),
            "completed": [True, True, False, None, True, True],
        }
    )
    program_competencies = pd.DataFrame(
        {"program_id": ["P1", "P2", "P3"], "competency_id": ["M.05", "M.01", "M.05"]}
    )
    return employees, participation, program_competencies


def balanced_panel(values: dict[str, tuple[float, float]], treated: set[str]) -> pd.DataFrame:
    rows = []
    for unit, (before, after) in values.items():
        for period, y, post in (("2024", before, False), ("2025", after, True)):
            rows.append(
                {
                    "unit": unit,
                    "period": period,
                    "y": y,
                    "high_coverage": unit in treated,
                    "post": post,
                }
            )
    return pd.DataFrame(rows)


def simulated_panel(
    rng, n_units=60, effect=5.0, n_per_cell=1, periods=("2023", "2024", "2025"), post_from="2025"
):
    """Units × periods (× respondents) with unit and period effects and a planted effect."""
    units = np.arange(n_units)
    treated = units < n_units // 2
    unit_effect = rng.normal(0.0, 4.0, n_units)
    period_effect = {p: 2.0 * i for i, p in enumerate(periods)}
    rows = []
    for u in units:
        for p in periods:
            post = p >= post_from
            shock = rng.normal(0.0, 1.0)  # unit × period shock, shared by respondents
            y = (
                70
                + unit_effect[u]
                + period_effect[p]
                + effect * (treated[u] and post)
                + shock
                + rng.normal(0.0, 2.0, n_per_cell)
            )
            for value in y:
                rows.append(
                    {
                        "unit": f"U{u:03d}",
                        "period": p,
                        "y": value,
                        "high_coverage": bool(treated[u]),
                        "post": post,
                    }
                )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# training_coverage.
# ---------------------------------------------------------------------------
def test_training_coverage_every_programme_by_hand(staff):
    employees, participation, _ = staff
    out = training_coverage(employees, participation)
    # Completed: a (P1, P2), d (P2); b did not complete, c's completion is missing; zz is
    # not staff.
    assert list(out.columns) == ["region_id", "unit", "n_staff", "n_trained", "coverage"]
    assert out["unit"].tolist() == ["X", "Y"]
    assert out["n_staff"].tolist() == [3, 2]
    assert out["n_trained"].tolist() == [1, 1]  # a counted once though in two programmes
    assert out["coverage"].tolist() == pytest.approx([1 / 3, 1 / 2])


def test_training_coverage_selection_and_window(staff):
    employees, participation, program_competencies = staff
    by_id = training_coverage(employees, participation, program_ids=["P1"], by="unit")
    assert by_id["n_trained"].tolist() == [1, 0]
    # M.05 is targeted by P1 and P3; with incomplete rows counted, a, b, c are trained.
    by_comp = training_coverage(
        employees,
        participation,
        program_competencies=program_competencies,
        competencies=["M.05"],
        by="unit",
        completed_only=False,
    )
    assert by_comp["n_trained"].tolist() == [3, 0]
    assert by_comp["coverage"].tolist() == pytest.approx([1.0, 0.0])
    # program_ids takes precedence over competencies.
    both = training_coverage(
        employees,
        participation,
        program_competencies=program_competencies,
        competencies=["M.05"],
        program_ids=["P2"],
        by="unit",
    )
    assert both["n_trained"].tolist() == [1, 1]
    # Only programmes listed in `programs`.
    listed = training_coverage(
        employees, participation, programs=pd.DataFrame({"program_id": ["P2"]}), by="unit"
    )
    assert listed["n_trained"].tolist() == [1, 1]
    # Window on start_date, both ends included: a's P1 (2024-03-01) and d's P2 (2024-07-01).
    window = training_coverage(
        employees, participation, by="unit", start="2024-03-01", end="2024-07-01"
    )
    assert window["n_trained"].tolist() == [1, 1]
    later = training_coverage(employees, participation, by="unit", start="2024-07-02")
    assert later["n_trained"].tolist() == [1, 0]  # a's P2 in 2025 only
    everyone = training_coverage(employees, participation, by=None)
    assert everyone.to_dict("records") == [{"n_staff": 5, "n_trained": 2, "coverage": 0.4}]


def test_training_coverage_errors_and_inputs_unchanged(staff):
    employees, participation, program_competencies = staff
    before = copy.deepcopy((employees, participation, program_competencies))
    training_coverage(
        employees, participation, program_competencies=program_competencies, competencies="M.05"
    )
    pd.testing.assert_frame_equal(employees, before[0])
    pd.testing.assert_frame_equal(participation, before[1])
    pd.testing.assert_frame_equal(program_competencies, before[2])
    with pytest.raises(ParameterError, match="'program_competencies'"):
        training_coverage(employees, participation, competencies=["M.05"])
    with pytest.raises(ParameterError, match="'start'"):
        training_coverage(employees, participation, start="not a date")
    with pytest.raises(ParameterError, match="'end'"):
        training_coverage(employees, participation, start="2025-01-01", end="2024-01-01")
    with pytest.raises(MissingColumnError, match="region_id"):
        training_coverage(employees.drop(columns="region_id"), participation)
    with pytest.raises(MissingColumnError, match="start_date"):
        training_coverage(employees, participation.drop(columns="start_date"), start="2024-01-01")


def test_training_coverage_empty():
    employees = pd.DataFrame({"employee_id": [], "unit": []}, dtype="object")
    participation = pd.DataFrame({"employee_id": [], "program_id": []}, dtype="object")
    out = training_coverage(employees, participation, by="unit")
    assert out.empty
    assert list(out.columns) == ["unit", "n_staff", "n_trained", "coverage"]


def test_training_coverage_on_sample(sample_dir):
    ds = load_dataset(sample_dir, "ambon")
    out = training_coverage(ds.employees, ds.participation, program_ids=SERVICE_PROGRAMMES)
    assert out["n_staff"].sum() == len(ds.employees)
    assert out["coverage"].between(0, 1).all()
    part = ds.participation
    done = part[part["completed"].fillna(False) & part["program_id"].isin(SERVICE_PROGRAMMES)]
    assert out["n_trained"].sum() == done["employee_id"].nunique()
    assert out["n_trained"].sum() > 0


# ---------------------------------------------------------------------------
# comparison_groups.
# ---------------------------------------------------------------------------
def test_comparison_groups_boundary():
    coverage = pd.DataFrame(
        {"unit": list("ABCDE"), "coverage": [0.29999, 0.3, 0.1 + 0.2, 0.9, np.nan]}
    )
    before = coverage.copy()
    out = comparison_groups(coverage, 0.3)
    pd.testing.assert_frame_equal(coverage, before)
    assert out["high_coverage"].tolist()[:4] == [False, True, True, True]
    assert out["high_coverage"].isna().tolist() == [False] * 4 + [True]
    assert comparison_groups(coverage, 0.0)["high_coverage"].tolist()[:4] == [True] * 4
    assert comparison_groups(coverage, 1.0)["high_coverage"].tolist()[:4] == [False] * 4
    other = comparison_groups(coverage.rename(columns={"coverage": "share"}), 0.5, column="share")
    assert other["high_coverage"].tolist()[:4] == [False, False, False, True]


@pytest.mark.parametrize("threshold", [-0.1, 1.5, float("nan"), "0.3", None])
def test_comparison_groups_threshold_checked(threshold):
    coverage = pd.DataFrame({"coverage": [0.1]})
    with pytest.raises(ParameterError, match="'threshold' parameter of comparison_groups"):
        comparison_groups(coverage, threshold)


def test_comparison_groups_missing_column():
    with pytest.raises(MissingColumnError, match="share"):
        comparison_groups(pd.DataFrame({"coverage": [0.1]}), 0.3, column="share")


# ---------------------------------------------------------------------------
# diff_in_diff.
# ---------------------------------------------------------------------------
def test_diff_in_diff_balanced_by_hand():
    values = {"a": (80, 86), "b": (78, 85), "c": (81, 82), "d": (79, 81), "e": (70, 75)}
    panel = balanced_panel(values, treated={"a", "b"})
    before = panel.copy()
    result = diff_in_diff(panel, "y")
    pd.testing.assert_frame_equal(panel, before)
    assert isinstance(result, DiffInDiff)
    # treated changes 6, 7 (mean 6.5); control 1, 2, 5 (mean 8/3).
    assert result.estimate == pytest.approx(6.5 - 8 / 3)
    assert result.n_units_treated == 2
    assert result.n_units_control == 3
    assert result.n_obs == 10
    means = result.means.set_index("group")
    assert means.loc["treated", ["before", "after", "change"]].tolist() == pytest.approx(
        [79.0, 85.5, 6.5]
    )
    assert means.loc["control", ["before", "after", "change"]].tolist() == pytest.approx(
        [230 / 3, 238 / 3, 8 / 3]
    )
    assert means.loc["treated", "n_units_before"] == 2
    assert means["n_units"].tolist() == [2, 3]
    assert means.loc["control", "n_obs_after"] == 3
    assert result.ci_low < result.estimate < result.ci_high
    assert 0 <= result.p_value <= 1
    assert "clustered by unit" in result.method
    assert any("units" in w for w in result.warnings)  # 2 and 3 units: too few


def test_diff_in_diff_matches_statsmodels():
    """Same estimate as the dummy regression; the same clustered variance before the
    small-sample factor, which here leaves out the unit effects (nested in the clusters)."""
    smf = pytest.importorskip("statsmodels.formula.api")
    from scipy import stats

    rng = np.random.default_rng(7)
    panel = simulated_panel(rng, n_units=24, periods=("2024", "2025"))
    result = diff_in_diff(panel, "y")
    data = panel.assign(d=(panel["high_coverage"] & panel["post"]).astype(float))
    groups = pd.factorize(data["unit"])[0]
    direct = smf.ols("y ~ C(unit) + C(period) + d", data).fit(
        cov_type="cluster", cov_kwds={"groups": groups}, use_t=True
    )
    assert result.estimate == pytest.approx(direct.params["d"], rel=1e-10)
    n, g = len(data), 24
    k_direct = len(direct.params)  # intercept + 23 units + 1 period + d
    k_within = 2  # period + d
    raw_direct = direct.bse["d"] ** 2 / ((g / (g - 1)) * (n - 1) / (n - k_direct))
    raw_within = result.se**2 / ((g / (g - 1)) * (n - 1) / (n - k_within))
    assert raw_within == pytest.approx(raw_direct, rel=1e-8)
    # The same as the first-difference regression's robust variance (T = 2).
    wide = data.pivot(index="unit", columns="period", values="y")
    fd = pd.DataFrame(
        {
            "dy": wide["2025"] - wide["2024"],
            "treated": data.groupby("unit")["high_coverage"].first().astype(float),
        }
    )
    first_diff = smf.ols("dy ~ treated", fd).fit(cov_type="HC0")
    assert result.estimate == pytest.approx(first_diff.params["treated"], rel=1e-10)
    assert raw_within == pytest.approx(first_diff.bse["treated"] ** 2, rel=1e-8)
    # Interval and p-value: t with G - 1 degrees of freedom.
    t = stats.t.ppf(0.975, g - 1)
    assert result.ci_low == pytest.approx(result.estimate - t * result.se)
    assert result.ci_high == pytest.approx(result.estimate + t * result.se)
    p = 2 * stats.t.sf(abs(result.estimate / result.se), g - 1)
    assert result.p_value == pytest.approx(p)
    narrow = diff_in_diff(panel, "y", confidence=0.5)
    assert narrow.ci_high - narrow.ci_low < result.ci_high - result.ci_low


def test_diff_in_diff_weighted_and_respondents_match_statsmodels():
    smf = pytest.importorskip("statsmodels.formula.api")
    rng = np.random.default_rng(11)
    panel = simulated_panel(rng, n_units=20, n_per_cell=3)
    panel = panel.drop(index=rng.choice(len(panel), 25, replace=False))  # unbalanced
    panel["w"] = rng.uniform(0.5, 3.0, len(panel))
    data = panel.assign(d=(panel["high_coverage"] & panel["post"]).astype(float))
    plain = smf.ols("y ~ C(unit) + C(period) + d", data).fit()
    weighted = smf.wls("y ~ C(unit) + C(period) + d", data, weights=data["w"]).fit()
    assert diff_in_diff(panel, "y").estimate == pytest.approx(plain.params["d"], rel=1e-9)
    result = diff_in_diff(panel, "y", weights="w")
    assert result.estimate == pytest.approx(weighted.params["d"], rel=1e-9)
    assert "WLS" in result.method
    assert result.n_obs == len(panel)


def test_diff_in_diff_recovers_planted_effect():
    rng = np.random.default_rng(2026)
    panel = simulated_panel(rng, n_units=60, effect=5.0)
    result = diff_in_diff(panel, "y")
    assert result.ci_low < 5.0 < result.ci_high
    assert result.ci_low > 0  # detected
    assert result.p_value < 0.001
    assert result.n_units_treated == result.n_units_control == 30
    assert result.warnings == ()
    # Respondent-level data: many rows per unit and period, clustered by unit.
    rows = simulated_panel(np.random.default_rng(5), n_units=40, n_per_cell=25)
    by_respondent = diff_in_diff(rows, "y")
    assert by_respondent.ci_low < 5.0 < by_respondent.ci_high
    assert by_respondent.n_obs == 40 * 3 * 25


def test_diff_in_diff_interval_covers_about_95_percent():
    """Across repeated samples the 95 % interval covers the true effect about 95 % of the time."""
    rng = np.random.default_rng(99)
    hits = [
        diff_in_diff(
            simulated_panel(rng, n_units=30, effect=2.0, n_per_cell=2, periods=("2024", "2025")),
            "y",
        )
        for _ in range(200)
    ]
    covered = np.mean([r.ci_low < 2.0 < r.ci_high for r in hits])
    assert 0.90 <= covered <= 0.99


def test_diff_in_diff_warnings():
    rng = np.random.default_rng(3)
    few = simulated_panel(rng, n_units=8)
    result = diff_in_diff(few, "y")
    assert any(f"fewer than {MIN_UNITS_PER_GROUP} units" in w for w in result.warnings)
    panel = simulated_panel(rng, n_units=40)
    panel = panel.iloc[1:].copy()  # U000 misses its first period
    panel.loc[panel.index[[5, 10]], "y"] = np.nan  # two more unit × period cells missing
    result = diff_in_diff(panel, "y")
    text = " ".join(result.warnings)
    assert "Unbalanced panel" in text
    assert "2 of 119 rows were left out" in text
    only_after = simulated_panel(rng, n_units=40)
    only_after = only_after[~((only_after["unit"] == "U000") & ~only_after["post"])]
    assert any("only before or only after" in w for w in diff_in_diff(only_after, "y").warnings)


def test_diff_in_diff_several_unit_columns():
    values = {"a": (80, 86), "b": (78, 85), "c": (81, 82), "d": (79, 81)}
    panel = balanced_panel(values, treated={"a", "b"})
    # a (treated) and c (control) are both called "Dinas", in two regions.
    panel["region_id"] = np.where(panel["unit"].isin(["a", "b"]), "r1", "r2")
    panel["unit"] = np.where(panel["unit"].isin(["a", "c"]), "Dinas", "Kantor")
    with pytest.raises(ParameterError, match="constant within each unit"):
        diff_in_diff(panel, "y")  # "Dinas" alone mixes two regions' units
    result = diff_in_diff(panel, "y", unit=["region_id", "unit"])
    assert result.estimate == pytest.approx(6.5 - 1.5)
    assert result.n_units_treated == 2


def test_diff_in_diff_errors():
    values = {"a": (80, 86), "b": (78, 85), "c": (81, 82), "d": (79, 81)}
    panel = balanced_panel(values, treated={"a", "b"})
    varies = panel.copy()
    varies.loc[0, "high_coverage"] = False
    with pytest.raises(ParameterError, match=r"constant within each unit.*e.g. a"):
        diff_in_diff(varies, "y")
    with pytest.raises(ParameterError, match="no after period"):
        diff_in_diff(panel[~panel["post"]], "y")
    with pytest.raises(ParameterError, match="no before period"):
        diff_in_diff(panel[panel["post"]], "y")
    with pytest.raises(ParameterError, match="no control"):
        diff_in_diff(panel.assign(high_coverage=True), "y")
    with pytest.raises(ParameterError, match="no treated"):
        diff_in_diff(panel.assign(high_coverage=False), "y")
    no_treated_before = panel[~(panel["high_coverage"] & ~panel["post"])]
    with pytest.raises(KompetensiError, match=r"no treated .* rows before"):
        diff_in_diff(no_treated_before, "y")
    with pytest.raises(ParameterError, match="has no rows with an outcome"):
        diff_in_diff(panel.iloc[:0], "y")
    with pytest.raises(ParameterError, match="has no rows with an outcome"):
        diff_in_diff(panel.assign(y=np.nan), "y")
    with pytest.raises(ParameterError, match="'confidence'"):
        diff_in_diff(panel, "y", confidence=1.0)
    with pytest.raises(ParameterError, match="'weights'"):
        diff_in_diff(panel.assign(w=-1.0), "y", weights="w")
    with pytest.raises(MissingColumnError, match="'ikm' \\(set with outcome=\\)"):
        diff_in_diff(panel, "ikm")
    with pytest.raises(MissingColumnError, match="'treated_flag'"):
        diff_in_diff(panel, "y", treated="treated_flag")


def test_diff_in_diff_accepts_loaded_dtypes():
    values = {"a": (80, 86), "b": (78, 85), "c": (81, 82), "d": (79, 81)}
    panel = balanced_panel(values, treated={"a", "b"})
    typed = panel.astype(
        {"unit": "string", "period": "category", "high_coverage": "boolean", "post": "boolean"}
    )
    typed["y"] = typed["y"].astype("Int64")
    assert diff_in_diff(typed, "y").estimate == pytest.approx(diff_in_diff(panel, "y").estimate)
    assert set(INTERPRETATION) == {"id", "en"}
    assert diff_in_diff(panel, "y").to_dict()["n_obs"] == 8


# ---------------------------------------------------------------------------
# did_panel.
# ---------------------------------------------------------------------------
def test_did_panel_by_hand():
    outcomes = pd.DataFrame(
        {
            "region_id": ["r1"] * 7,
            "unit": ["X", "X", "X", "Y", "Y", "Z", "Z"],
            "period": ["2023", "2024", "2025", "2024", "2025", "2024", "2025"],
            "ikm": [70.0, 80.0, 88.0, 82.0, 83.0, 75.0, np.nan],
            "n": [30, 30, 31, 25, 28, 20, 20],
        }
    )
    coverage = pd.DataFrame(
        {
            "region_id": ["r1", "r1", "r2"],
            "unit": ["X", "Y", "X"],
            "n_staff": [10, 20, 5],
            "n_trained": [4, 2, 5],
            "coverage": [0.4, 0.1, 1.0],
        }
    )
    before = (outcomes.copy(), coverage.copy())
    out = did_panel(outcomes, coverage, threshold=0.4, before=[2024], after="2025")
    pd.testing.assert_frame_equal(outcomes, before[0])
    pd.testing.assert_frame_equal(coverage, before[1])
    # 2023 dropped; Z has no coverage (and a missing 2025 value); r2's X has no outcomes.
    assert out[["unit", "period"]].values.tolist() == [
        ["X", "2024"],
        ["X", "2025"],
        ["Y", "2024"],
        ["Y", "2025"],
    ]
    assert out["high_coverage"].tolist() == [True, True, False, False]
    assert out["post"].tolist() == [False, True, False, True]
    assert out["n"].tolist() == [30, 31, 25, 28]
    assert out["n_staff"].tolist() == [10, 10, 20, 20]
    assert out["coverage"].tolist() == [0.4, 0.4, 0.1, 0.1]
    result = diff_in_diff(out, "ikm", unit=["region_id", "unit"], weights="n")
    assert result.estimate == pytest.approx((88 - 80) - (83 - 82))


def test_did_panel_errors():
    outcomes = pd.DataFrame({"unit": ["X"], "period": ["2024"], "ikm": [80.0]})
    coverage = pd.DataFrame({"unit": ["X"], "coverage": [0.5]})
    kwargs = {"unit_keys": ["unit"]}
    with pytest.raises(ParameterError, match="must not share periods"):
        did_panel(outcomes, coverage, threshold=0.3, before="2024", after=["2024"], **kwargs)
    with pytest.raises(ParameterError, match="'after'"):
        did_panel(outcomes, coverage, threshold=0.3, before="2024", after=[], **kwargs)
    with pytest.raises(ParameterError, match="'threshold'"):
        did_panel(outcomes, coverage, threshold=30, before="2024", after="2025", **kwargs)
    with pytest.raises(MissingColumnError, match="region_id"):
        did_panel(outcomes, coverage, threshold=0.3, before="2024", after="2025")


def test_did_on_sample(sample_dir):
    """Service units with more staff through service training gained more IKM (planted)."""
    ds = load_dataset(sample_dir)
    survey = ds.service_survey
    items = [f"u{i}" for i in range(1, 10)]
    score = survey[items].astype("float64").mean(axis=1) * 25  # a simple stand-in for IKM
    outcomes = (
        survey.assign(ikm=score)
        .groupby(["region_id", "unit", "period"], observed=True)
        .agg(ikm=("ikm", "mean"), n=("ikm", "size"))
        .reset_index()
    )
    coverage = training_coverage(ds.employees, ds.participation, program_ids=SERVICE_PROGRAMMES)
    service = coverage.merge(outcomes[["region_id", "unit"]].drop_duplicates())
    threshold = float(service["coverage"].median())
    panel = did_panel(outcomes, coverage, threshold=threshold, before="2024", after="2025")
    assert panel["high_coverage"].any() and not panel["high_coverage"].all()
    result = diff_in_diff(panel, "ikm", unit=["region_id", "unit"], weights="n")
    assert result.estimate > 0
    assert result.n_units_treated + result.n_units_control == len(service)
    means = result.means.set_index("group")
    assert means.loc["treated", "change"] > means.loc["control", "change"]


def test_resolve_threshold_median_splits_the_units_and_fixed_passes_through():
    from kompetensi_toolkit.outcomes.comparison import comparison_groups, resolve_threshold

    coverage = pd.DataFrame({"unit": list("ABCDE"), "coverage": [0.1, 0.2, 0.5, 0.6, None]})
    assert resolve_threshold(coverage, "median") == pytest.approx(0.35)
    assert resolve_threshold(coverage, 0.3) == 0.3
    groups = comparison_groups(coverage, "median")
    assert groups["high_coverage"].tolist() == [False, False, True, True, pd.NA]
    with pytest.raises(ParameterError, match=r"'threshold'.*'median'"):
        resolve_threshold(coverage, "mean")
    with pytest.raises(ParameterError, match="'threshold'"):
        resolve_threshold(coverage, 1.5)


def test_fit_runs_on_one_blas_thread_and_restores_the_limit(monkeypatch):
    before = blas_threads()
    seen = record_blas_threads(monkeypatch, np.linalg, "matrix_rank")
    result = diff_in_diff(simulated_panel(np.random.default_rng(7), n_units=24), "y")
    assert seen and all(s == {1} for s in seen)
    assert blas_threads() == before
    assert 2 < result.estimate < 8  # planted 5
