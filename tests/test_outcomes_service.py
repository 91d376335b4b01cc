"""Kirkpatrick level 4: IKM (PermenPANRB 14/2017), its change, service metrics, one data rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from kompetensi_toolkit.exceptions import DataValidationError, MissingColumnError, ParameterError
from kompetensi_toolkit.loaders import load_dataset, validate_dataset
from kompetensi_toolkit.outcomes import service
from kompetensi_toolkit.outcomes.service import (
    IKM_ELEMENTS,
    IKM_ELEMENTS_EN,
    IKM_GRADES,
    SLA_DAYS,
    WEIGHTS,
    ikm,
    ikm_change,
    ikm_grade,
    period_year,
    service_summary,
)

U = [f"u{i}" for i in range(1, 10)]
NRR = [f"nrr_u{i}" for i in range(1, 10)]
#: The regulation's worked example: element totals from 29 respondents.
WORKED_TOTALS = [105, 101, 100, 116, 102, 105, 106, 105, 115]


def worked_example() -> pd.DataFrame:
    """29 respondents whose column totals are WORKED_TOTALS (4s and 3s)."""
    columns = {}
    rng = np.random.default_rng(1)
    for u, total in zip(U, WORKED_TOTALS, strict=True):
        fours = total - 3 * 29
        answers = np.array([4] * fours + [3] * (29 - fours))
        columns[u] = rng.permutation(answers)
    frame = pd.DataFrame(columns)
    frame.insert(0, "unit", "Disdukcapil")
    frame.insert(1, "period", "2025")
    return frame


def survey(rows, unit="A", period="2025") -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=U)
    frame.insert(0, "unit", unit)
    frame.insert(1, "period", period)
    return frame


# ---------------------------------------------------------------------------
# Constants.
# ---------------------------------------------------------------------------
def test_constants():
    assert list(IKM_ELEMENTS) == U == list(IKM_ELEMENTS_EN)
    assert IKM_ELEMENTS["u1"] == "Persyaratan"
    assert IKM_ELEMENTS["u9"] == "Sarana dan Prasarana"
    assert [g[:2] for g in IKM_GRADES] == [("A", 88.31), ("B", 76.61), ("C", 65.0), ("D", 25.0)]
    assert IKM_GRADES[0][2:] == ("Sangat Baik", "Very good")
    assert IKM_GRADES[3][2:] == ("Tidak Baik", "Very poor")
    assert WEIGHTS == {"exact": 1 / 9, "permen": 0.11}
    assert SLA_DAYS == {
        "first_response": 3,
        "complaint": 5,
        "no_field_check": 14,
        "field_check": 60,
    }


# ---------------------------------------------------------------------------
# Grades.
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "grade"),
    [
        (100.0, "A"),
        (88.31, "A"),
        (88.30, "B"),
        (88.305, "A"),  # rounded half up to 88.31
        (88.3049, "B"),
        (76.61, "B"),
        (76.60, "C"),
        (65.00, "C"),
        (64.99, "D"),
        (64.996, "C"),  # 65.00 once rounded
        (25.0, "D"),
        (24.996, "D"),
    ],
)
def test_grade_boundaries(value, grade):
    assert ikm_grade(value) == grade


@pytest.mark.parametrize("value", [24.99, 100.01, float("nan"), None, -5.0, 150.0])
def test_grade_outside_scale_is_missing(value):
    assert ikm_grade(value) is None


def test_grade_shapes():
    values = pd.Series([88.31, 88.30, 64.99, np.nan, 101.0], index=[10, 11, 12, 13, 14])
    grades = ikm_grade(values)
    assert isinstance(grades, pd.Series)
    assert grades.index.tolist() == [10, 11, 12, 13, 14]
    assert grades.tolist()[:3] == ["A", "B", "D"]
    assert grades.isna().tolist() == [False, False, False, True, True]
    assert grades.cat.ordered and list(grades.cat.categories) == ["D", "C", "B", "A"]
    assert grades.max() == "A"
    cat = ikm_grade(np.array([76.61, 76.60]))
    assert isinstance(cat, pd.Categorical) and list(cat) == ["B", "C"]
    assert list(ikm_grade(pd.Series([80.0], dtype="Float64"))) == ["B"]


# ---------------------------------------------------------------------------
# IKM.
# ---------------------------------------------------------------------------
def test_worked_example_exact_and_permen():
    frame = worked_example()
    assert frame[U].sum().tolist() == WORKED_TOTALS
    exact = ikm(frame, by=("unit", "period"), n_boot=0)
    permen = ikm(frame, by=("unit", "period"), weighting="permen", n_boot=0)
    assert len(exact) == 1 and exact.loc[0, "n"] == 29
    assert exact.loc[0, "ikm"] == pytest.approx(25 * 955 / (29 * 9))
    assert round(exact.loc[0, "ikm"], 2) == 91.48
    assert round(permen.loc[0, "ikm"], 2) == 90.56
    assert exact.loc[0, "grade"] == "A" and permen.loc[0, "grade"] == "A"
    np.testing.assert_allclose(exact.loc[0, NRR].to_numpy(float), np.array(WORKED_TOTALS) / 29)
    # exact vs permen differ only by the weight
    assert permen.loc[0, "ikm"] == pytest.approx(exact.loc[0, "ikm"] * 0.11 * 9)


def test_nrr_by_hand_and_columns():
    frame = survey(
        [
            [1, 2, 3, 4, 1, 2, 3, 4, 4],
            [2, 2, 3, 4, 4, 3, 3, 4, 4],
            [3, 2, 4, 4, 1, 4, 3, 1, 4],
        ]
    )
    out = ikm(frame, by="unit", n_boot=0)
    assert list(out.columns) == [
        "unit",
        "n",
        *NRR,
        "ikm",
        "ikm_low",
        "ikm_high",
        "grade",
    ]
    expected_nrr = [2.0, 2.0, 10 / 3, 4.0, 2.0, 3.0, 3.0, 3.0, 4.0]
    np.testing.assert_allclose(out.loc[0, NRR].to_numpy(float), expected_nrr)
    assert out.loc[0, "ikm"] == pytest.approx(25 * sum(expected_nrr) / 9)  # 75.925…
    assert out.loc[0, "grade"] == "C"
    assert np.isnan(out.loc[0, "ikm_low"]) and np.isnan(out.loc[0, "ikm_high"])


def test_groups_by_none_and_sorting():
    frame = pd.concat(
        [survey([[4] * 9], unit="B"), survey([[2] * 9, [3] * 9], unit="A")], ignore_index=True
    )
    out = ikm(frame, by="unit", n_boot=0)
    assert out["unit"].tolist() == ["A", "B"]
    assert out["n"].tolist() == [2, 1]
    assert out["ikm"].tolist() == pytest.approx([62.5, 100.0])
    assert out["grade"].tolist() == ["D", "A"]
    whole = ikm(frame, by=None, n_boot=0)
    assert list(whole.columns[:2]) == ["n", "nrr_u1"]
    assert whole.loc[0, "n"] == 3 and whole.loc[0, "ikm"] == pytest.approx(25 * 3)


def test_missing_answers():
    frame = survey([[4] * 9, [2] * 9, [None] * 9]).astype({u: "Int64" for u in U})
    frame.loc[1, "u1"] = pd.NA
    out = ikm(frame, by="unit", n_boot=200)
    assert out.loc[0, "n"] == 2  # the empty row is not a respondent
    assert out.loc[0, "nrr_u1"] == 4.0  # mean of the answers u1 has
    assert out.loc[0, "nrr_u2"] == 3.0
    assert out.loc[0, "ikm"] == pytest.approx(25 * (4 + 8 * 3) / 9)
    assert out.loc[0, "ikm_low"] <= out.loc[0, "ikm"] <= out.loc[0, "ikm_high"]
    # an element nobody answered: no IKM, no grade
    frame.loc[:, "u9"] = pd.NA
    out = ikm(frame, by="unit", n_boot=50)
    assert np.isnan(out.loc[0, "nrr_u9"]) and np.isnan(out.loc[0, "ikm"])
    assert pd.isna(out.loc[0, "grade"]) and np.isnan(out.loc[0, "ikm_low"])


def test_bootstrap_ci_contains_estimate_and_is_reproducible():
    rng = np.random.default_rng(5)
    frame = survey(rng.integers(2, 5, size=(200, 9)))
    a = ikm(frame, by="unit", n_boot=2000, seed=7)
    b = ikm(frame, by="unit", n_boot=2000, seed=7)
    c = ikm(frame, by="unit", n_boot=2000, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert a.loc[0, "ikm_low"] != c.loc[0, "ikm_low"]
    low, est, high = a.loc[0, ["ikm_low", "ikm", "ikm_high"]]
    assert low < est < high
    # with every answer present IKM is a mean of per-respondent scores: scipy agrees
    scores = 25 * frame[U].sum(axis=1).to_numpy(float) / 9
    assert scores.mean() == pytest.approx(est)
    ref = stats.bootstrap(
        (scores,), np.mean, n_resamples=5000, method="percentile", rng=np.random.default_rng(1)
    ).confidence_interval
    assert low == pytest.approx(ref.low, abs=0.3)
    assert high == pytest.approx(ref.high, abs=0.3)
    # a wider level gives a wider interval
    wide = ikm(frame, by="unit", n_boot=2000, seed=7, confidence=0.99)
    assert wide.loc[0, "ikm_low"] < low and wide.loc[0, "ikm_high"] > high


def test_group_interval_does_not_depend_on_other_groups():
    rng = np.random.default_rng(3)
    a = survey(rng.integers(1, 5, size=(40, 9)), unit="A")
    b = survey(rng.integers(1, 5, size=(40, 9)), unit="B")
    both = ikm(pd.concat([a, b], ignore_index=True), by="unit", n_boot=300)
    alone = ikm(b, by="unit", n_boot=300)
    assert both.loc[1, "ikm_low"] == alone.loc[0, "ikm_low"]
    assert both.loc[1, "ikm_high"] == alone.loc[0, "ikm_high"]


def test_ikm_empty_input():
    out = ikm(survey(np.empty((0, 9), dtype=int)), n_boot=10, by=("unit", "period"))
    assert out.empty
    assert list(out.columns) == ["unit", "period", "n", *NRR, "ikm", "ikm_low", "ikm_high", "grade"]


def test_ikm_parameter_errors():
    frame = worked_example()
    with pytest.raises(ParameterError, match=r"'weighting'.*ikm"):
        ikm(frame, by="unit", weighting="0.11")
    with pytest.raises(ParameterError, match="'confidence'"):
        ikm(frame, by="unit", confidence=1.0)
    with pytest.raises(ParameterError, match="'confidence'"):
        ikm(frame, by="unit", confidence=0)
    with pytest.raises(ParameterError, match="'n_boot'"):
        ikm(frame, by="unit", n_boot=-1)
    with pytest.raises(ParameterError, match="'seed'"):
        ikm(frame, by="unit", seed=1.5)
    with pytest.raises(ParameterError, match="'by'"):
        ikm(frame, by=["unit", "unit"])
    with pytest.raises(ParameterError, match="'by'"):
        ikm(frame, by=3)
    with pytest.raises(MissingColumnError, match="region_id"):
        ikm(frame)  # default by includes region_id
    with pytest.raises(MissingColumnError, match="'u9'"):
        ikm(frame.drop(columns="u9"), by="unit")
    bad = frame.copy()
    bad.loc[3, "u4"] = 5
    with pytest.raises(ParameterError, match=r"service_survey.*u4"):
        ikm(bad, by="unit")


# ---------------------------------------------------------------------------
# Change of the IKM.
# ---------------------------------------------------------------------------
def test_ikm_change_by_hand():
    frame = pd.concat(
        [
            survey([[3] * 9, [2] * 9], unit="A", period="2024"),
            survey([[4] * 9, [3] * 9, [4] * 9], unit="A", period="2025"),
            survey([[2] * 9] * 3, unit="A", period="2023"),
            survey([[3] * 9] * 4, unit="B", period="2024"),
        ],
        ignore_index=True,
    )
    out = ikm_change(frame, by="unit", n_boot=500)
    assert list(out.columns) == [
        "unit",
        "period_before",
        "period_after",
        "n_before",
        "n_after",
        "ikm_before",
        "ikm_after",
        "change",
        "change_low",
        "change_high",
        "grade_before",
        "grade_after",
    ]
    a, b = out.iloc[0], out.iloc[1]
    assert (a["period_before"], a["period_after"]) == ("2023", "2025")
    assert (a["n_before"], a["n_after"]) == (3, 3)
    assert a["ikm_before"] == pytest.approx(50.0)
    assert a["ikm_after"] == pytest.approx(25 * 11 / 3)
    assert a["change"] == pytest.approx(25 * 11 / 3 - 50)
    assert a["change_low"] <= a["change"] <= a["change_high"]
    assert (a["grade_before"], a["grade_after"]) == ("D", "A")
    # one period only: kept, nothing to compare
    assert b["period_before"] == "2024" and pd.isna(b["period_after"])
    assert b["n_after"] == 0 and np.isnan(b["change"]) and pd.isna(b["grade_after"])

    chosen = ikm_change(frame, by="unit", before="2024", after="2025", n_boot=0)
    assert chosen.loc[0, "ikm_before"] == pytest.approx(62.5)
    assert chosen.loc[0, "change"] == pytest.approx(25 * 11 / 3 - 62.5)
    assert chosen.loc[1, "n_after"] == 0 and np.isnan(chosen.loc[1, "change"])
    permen = ikm_change(frame, by="unit", weighting="permen", n_boot=0)
    assert permen.loc[0, "ikm_before"] == pytest.approx(50.0 * 0.99)


def test_ikm_change_interval_matches_two_sample_bootstrap():
    rng = np.random.default_rng(11)
    before = survey(rng.integers(1, 4, size=(150, 9)), period="2024")
    after = survey(rng.integers(2, 5, size=(150, 9)), period="2025")
    frame = pd.concat([before, after], ignore_index=True)
    out = ikm_change(frame, by="unit", n_boot=2000, seed=3)
    again = ikm_change(frame, by="unit", n_boot=2000, seed=3)
    pd.testing.assert_frame_equal(out, again)
    s0 = 25 * before[U].sum(axis=1).to_numpy(float) / 9
    s1 = 25 * after[U].sum(axis=1).to_numpy(float) / 9
    assert out.loc[0, "change"] == pytest.approx(s1.mean() - s0.mean())
    ref = stats.bootstrap(
        (s1, s0),
        lambda x, y, axis: x.mean(axis=axis) - y.mean(axis=axis),
        n_resamples=5000,
        method="percentile",
        rng=np.random.default_rng(2),
    ).confidence_interval
    assert out.loc[0, "change_low"] == pytest.approx(ref.low, abs=0.4)
    assert out.loc[0, "change_high"] == pytest.approx(ref.high, abs=0.4)


def test_ikm_change_parameter_errors():
    frame = worked_example()
    with pytest.raises(ParameterError, match=r"'by'.*period"):
        ikm_change(frame, by=("unit", "period"))
    with pytest.raises(ParameterError, match="'after'"):
        ikm_change(frame, by="unit", before="2025", after="2025")
    with pytest.raises(ParameterError, match="'weighting'"):
        ikm_change(frame, by="unit", weighting="x")
    with pytest.raises(MissingColumnError, match="tahun"):
        ikm_change(frame, by="unit", period="tahun")


# ---------------------------------------------------------------------------
# Periods.
# ---------------------------------------------------------------------------
def test_period_year():
    assert period_year("2024") == "2024"
    assert period_year("2024-Q3") == "2024"
    assert period_year("2024-07") == "2024"
    assert period_year(2025) == "2025"
    assert period_year(None) is None
    series = pd.Series(["2024-01", None, "2025-Q4"], index=[5, 6, 7], name="period")
    years = period_year(series)
    assert years.index.tolist() == [5, 6, 7] and years.name == "period"
    assert years.iloc[0] == "2024" and pd.isna(years.iloc[1]) and years.iloc[2] == "2025"
    assert list(period_year(["2023", "2023-12"])) == ["2023", "2023"]
    for bad in ("2024-13", "24-Q1", "2024-Q5", "Q1 2024"):
        with pytest.raises(ParameterError, match="'periods'"):
            period_year(bad)


# ---------------------------------------------------------------------------
# Service metrics.
# ---------------------------------------------------------------------------
def metrics_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["region_id", "unit", "period", "metric", "value"])


METRICS = metrics_frame(
    [
        ("r", "A", "2024-01", "waiting_minutes", 30.0),
        ("r", "A", "2024-01", "complaints_received", 10.0),
        ("r", "A", "2024-01", "complaints_resolved_in_sla", 8.0),
        ("r", "A", "2024-01", "first_response_days", 2.0),
        ("r", "A", "2024-02", "waiting_minutes", 40.0),
        ("r", "A", "2024-02", "complaints_received", 0.0),
        ("r", "A", "2024-02", "complaints_resolved_in_sla", 0.0),
        ("r", "A", "2025-01", "waiting_minutes", 20.0),
        ("r", "A", "2025-01", "complaints_received", 5.0),
        ("r", "A", "2025-01", "complaints_resolved_in_sla", 5.0),
        ("r", "A", "2025-01", "first_response_days", 4.0),
        ("r", "A", "2025-02", "complaints_resolved_in_sla", 3.0),  # no received that month
        ("r", "A", "2025-02", "first_response_days", 3.0),
        ("r", "B", "2024-01", "waiting_minutes", 15.0),
    ]
)


def test_service_summary_by_period():
    out = service_summary(METRICS)
    assert list(out.columns) == [
        "region_id",
        "unit",
        "period",
        "waiting_minutes",
        "complaints_received",
        "complaints_resolved_in_sla",
        "share_in_sla",
        "first_response_days",
        "first_response_in_sla",
        "n_periods",
    ]
    assert out["period"].tolist() == ["2024-01", "2024-02", "2025-01", "2025-02", "2024-01"]
    jan = out.iloc[0]
    assert jan["waiting_minutes"] == 30.0 and jan["share_in_sla"] == pytest.approx(0.8)
    assert jan["first_response_in_sla"] == 1.0 and jan["n_periods"] == 1
    feb = out.iloc[1]
    assert feb["complaints_received"] == 0.0 and np.isnan(feb["share_in_sla"])  # 0 received
    assert np.isnan(feb["first_response_days"]) and np.isnan(feb["first_response_in_sla"])
    assert out.iloc[2]["first_response_in_sla"] == 0.0  # 4 days > 3
    unit_b = out.iloc[4]
    assert unit_b["waiting_minutes"] == 15.0
    assert unit_b[["complaints_received", "share_in_sla", "first_response_days"]].isna().all()


def test_service_summary_by_year():
    out = service_summary(METRICS, by=("unit", "period"), period_as="year")
    assert out[["unit", "period"]].values.tolist() == [["A", "2024"], ["A", "2025"], ["B", "2024"]]
    y24, y25 = out.iloc[0], out.iloc[1]
    assert y24["waiting_minutes"] == 35.0
    assert (y24["complaints_received"], y24["complaints_resolved_in_sla"]) == (10.0, 8.0)
    assert y24["share_in_sla"] == pytest.approx(0.8)
    assert y24["n_periods"] == 2
    assert y25["complaints_resolved_in_sla"] == 8.0  # both months summed
    assert y25["share_in_sla"] == pytest.approx(1.0)  # only 2025-01 reports both
    assert y25["first_response_days"] == pytest.approx(3.5)
    assert y25["first_response_in_sla"] == pytest.approx(0.5)  # 3 ≤ 3, 4 > 3
    strict = service_summary(
        METRICS, by=("unit", "period"), period_as="year", first_response_days=4
    )
    assert strict.loc[1, "first_response_in_sla"] == 1.0
    whole = service_summary(METRICS, by="unit")
    assert whole["n_periods"].tolist() == [4, 1]
    assert whole.loc[0, "complaints_received"] == 15.0
    total = service_summary(METRICS, by=None)
    assert len(total) == 1 and total.loc[0, "n_periods"] == 4
    assert total.loc[0, "waiting_minutes"] == pytest.approx(105 / 4)


def test_service_summary_missing_metric_and_empty():
    only_waiting = METRICS[METRICS["metric"] == "waiting_minutes"]
    out = service_summary(only_waiting)
    assert out["waiting_minutes"].notna().all()
    assert out["share_in_sla"].isna().all() and out["first_response_in_sla"].isna().all()
    empty = service_summary(METRICS.iloc[:0])
    assert empty.empty and "share_in_sla" in empty.columns


def test_service_summary_errors():
    with pytest.raises(ParameterError, match="'period_as'"):
        service_summary(METRICS, period_as="month")
    with pytest.raises(ParameterError, match="'first_response_days'"):
        service_summary(METRICS, first_response_days=-1)
    bad = METRICS.copy()
    bad.loc[0, "metric"] = "waiting_time"
    with pytest.raises(ParameterError, match="waiting_time"):
        service_summary(bad)
    with pytest.raises(MissingColumnError, match="'value'"):
        service_summary(METRICS.drop(columns="value"))


def test_inputs_unchanged():
    frame = worked_example().astype({u: "Int64" for u in U})
    frame["period"] = frame["period"].astype("category")
    frame_copy = frame.copy(deep=True)
    ikm(frame, by=("unit", "period"), n_boot=20)
    ikm_change(frame, by="unit", n_boot=20)
    pd.testing.assert_frame_equal(frame, frame_copy)
    metrics = METRICS.copy(deep=True)
    service_summary(METRICS, period_as="year")
    pd.testing.assert_frame_equal(METRICS, metrics)
    periods = pd.Series(["2024-01", "2025"])
    period_year(periods)
    assert periods.tolist() == ["2024-01", "2025"]


# ---------------------------------------------------------------------------
# The sample.
# ---------------------------------------------------------------------------
def test_sample_smoke(sample_dir):
    ds = load_dataset(sample_dir, "ambon")
    units = set(ds.service_survey["unit"])
    out = ikm(ds.service_survey, n_boot=200)
    assert set(out["unit"]) == units and out["grade"].notna().all()
    assert out["ikm"].between(25, 100).all()
    assert (out["ikm_low"] <= out["ikm"]).all() and (out["ikm"] <= out["ikm_high"]).all()
    assert (out["n"] > 0).all() and out["n"].sum() == len(ds.service_survey)
    change = ikm_change(ds.service_survey, n_boot=200)
    assert set(change["unit"]) == units
    assert (change["period_before"] == "2024").all() and (change["period_after"] == "2025").all()
    summary = service_summary(ds.service_metrics, period_as="year")
    assert set(summary["unit"]) <= units and set(summary["period"]) == {"2024", "2025"}
    assert summary["share_in_sla"].between(0, 1).all()
    assert (summary["n_periods"] == 12).all()


# ---------------------------------------------------------------------------
# The data rule: resolved within the SLA ≤ received, per unit and period.
# ---------------------------------------------------------------------------
def test_clean_sample_has_no_sla_problem(sample_dir):
    assert not [p for p in validate_dataset(sample_dir) if "complaints_received" in p.message]


def test_resolved_above_received_is_reported(dataset_copy):
    path = dataset_copy / "service_metrics.csv"
    metrics = pd.read_csv(path, dtype=str, keep_default_na=False)
    resolved = metrics.index[metrics["metric"] == "complaints_resolved_in_sla"][3]
    key = metrics.loc[resolved, ["region_id", "unit", "period"]]
    same = (metrics[["region_id", "unit", "period"]] == key).all(axis=1)
    received = metrics.index[same & (metrics["metric"] == "complaints_received")][0]
    n_received = int(float(metrics.loc[received, "value"]))
    metrics.loc[resolved, "value"] = str(n_received + 7)
    # a resolved count for a unit/period with no received count is allowed
    metrics.loc[len(metrics)] = [
        key["region_id"],
        "Unit Tanpa Pengaduan",
        "2025-01",
        "complaints_resolved_in_sla",
        "50",
    ]
    metrics.to_csv(path, index=False)

    problems = [p for p in validate_dataset(dataset_copy) if p.file == "service_metrics.csv"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.row == resolved + 2 and problem.column == "value"
    assert problem.value == n_received + 7
    text = str(problem)
    assert text.startswith(f"service_metrics.csv:{resolved + 2}:value:")
    assert f"complaints_resolved_in_sla {n_received + 7}" in text
    assert f"complaints_received {n_received}" in text
    assert f"(row {received + 2})" in text

    with pytest.raises(DataValidationError) as err:
        load_dataset(dataset_copy)
    assert text in str(err.value)
    # loading one region keeps the file's row numbers
    with pytest.raises(DataValidationError, match=rf"service_metrics.csv:{resolved + 2}:value"):
        load_dataset(dataset_copy, key["region_id"])


def test_service_module_exports():
    assert set(service.__all__) >= {
        "IKM_ELEMENTS",
        "IKM_ELEMENTS_EN",
        "IKM_GRADES",
        "SLA_DAYS",
        "WEIGHTS",
        "ikm",
        "ikm_change",
        "ikm_grade",
        "period_year",
        "service_summary",
    }
