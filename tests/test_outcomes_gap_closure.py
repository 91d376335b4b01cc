"""Gap closure: change in match for trained vs untrained staff (issue 5, item 6)."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from conftest import blas_threads, record_blas_threads
from kompetensi_toolkit.exceptions import MissingColumnError, ParameterError
from kompetensi_toolkit.loaders import load_dataset
from kompetensi_toolkit.outcomes.gap_closure import OVERALL, assessment_pairs, gap_closure

COLUMNS = [
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


@pytest.fixture
def tiny():
    """Two employees, two competencies; only a's M.01 was trained in between."""
    d1, d2 = "2023-03-01", "2025-03-01"
    assessments = pd.DataFrame(
        {
            "employee_id": ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "c", "d", "d"],
            "competency_id": [
                "M.01",
                "M.02",
                "M.01",
                "M.02",
                "T.01",
                "T.01",
                "M.01",
                "M.02",
                "M.01",
                "M.02",
                "M.01",
                "M.01",
                "M.01",
            ],
            "level": [2.0, 2.0, 3.0, 2.5, 1.0, 3.0, 1.0, 2.0, 2.0, 3.0, 2.0, 1.0, 3.0],
            "assessed_on": pd.to_datetime([d1, d1, d2, d2, d1, d2, d1, d1, d2, d2, d1, d1, d1]),
        }
    )
    employees = pd.DataFrame(
        {
            "employee_id": ["a", "b", "c", "d"],
            "position_type": ["pengawas", "pelaksana", "pelaksana", "pelaksana"],
        }
    )
    standards = pd.DataFrame(
        {
            "position_type": ["pengawas", "pengawas", "pelaksana", "pelaksana"],
            "competency_id": ["M.01", "M.02", "M.01", "M.02"],
            "required_level": [3, 3, 2, 2],
        }
    )  # no standard for T.01: a's T.01 is left out
    participation = pd.DataFrame(
        {
            "employee_id": ["a", "a", "b", "b"],
            "program_id": ["P1", "P2", "P2", "P1"],
            "start_date": pd.to_datetime(["2024-05-01", "2023-01-10", "2024-06-01", "2025-04-01"]),
            "end_date": pd.to_datetime(["2024-05-03", "2023-01-12", None, "2025-04-03"]),
            "completed": [True, True, False, True],
        }
    )  # a's P2 was before the first assessment; b's P2 not completed; b's P1 after the last
    program_competencies = pd.DataFrame(
        {"program_id": ["P1", "P2", "P3"], "competency_id": ["M.01", "M.02", "T.01"]}
    )
    return assessments, employees, standards, participation, program_competencies


def test_assessment_pairs(tiny):
    assessments = tiny[0]
    pairs = assessment_pairs(assessments)
    # c assessed once, d twice on the same date: not pairs.
    assert list(pairs.columns) == [
        "employee_id",
        "competency_id",
        "first_date",
        "last_date",
        "first_level",
        "last_level",
        "n_assessments",
    ]
    assert pairs[["employee_id", "competency_id"]].values.tolist() == [
        ["a", "M.01"],
        ["a", "M.02"],
        ["a", "T.01"],
        ["b", "M.01"],
        ["b", "M.02"],
    ]
    assert pairs["first_level"].tolist() == [2.0, 2.0, 1.0, 1.0, 2.0]
    assert pairs["last_level"].tolist() == [3.0, 2.5, 3.0, 2.0, 3.0]
    assert (pairs["first_date"] == pd.Timestamp("2023-03-01")).all()


def test_assessment_pairs_order_ties_and_gaps():
    assessments = pd.DataFrame(
        {
            "employee_id": ["a"] * 5,
            "competency_id": ["M.01"] * 5,
            "level": [3.0, 2.0, 2.5, np.nan, 4.0],
            "assessed_on": ["2025-01-10", "2023-02-01", "2025-01-10", "2026-01-01", None],
        }
    )  # dates as text; a missing level and a missing date are ignored
    pairs = assessment_pairs(assessments)
    assert len(pairs) == 1
    row = pairs.iloc[0]
    assert (row["first_level"], row["last_level"], row["n_assessments"]) == (2.0, 2.5, 3)
    assert row["last_date"] == pd.Timestamp("2025-01-10")


def test_gap_closure_by_hand(tiny):
    before = copy.deepcopy(tiny)
    out = gap_closure(*tiny, n_boot=200)
    for frame, original in zip(tiny, before, strict=True):
        pd.testing.assert_frame_equal(frame, original)
    assert list(out.columns) == COLUMNS
    assert out["competency_id"].tolist() == ["M.01", "M.02", OVERALL]
    rows = out.set_index("competency_id")
    # a (pengawas, required 3): M.01 2 -> 3: 66.67 -> 100 (+33.33), trained (P1 in between);
    #   M.02 2 -> 2.5: 66.67 -> 83.33 (+16.67), untrained (P2 before the first assessment).
    # b (pelaksana, required 2): M.01 1 -> 2: 50 -> 100 (+50), untrained (P1 after the last);
    #   M.02 2 -> 3: 100 -> 100 (0), untrained (P2 not completed).
    m01 = rows.loc["M.01"]
    assert (m01["n_trained"], m01["n_untrained"]) == (1, 1)
    assert m01["change_trained"] == pytest.approx(100 / 3)
    assert m01["change_untrained"] == pytest.approx(50.0)
    assert m01["difference"] == pytest.approx(100 / 3 - 50)
    assert (m01["level_change_trained"], m01["level_change_untrained"]) == (1.0, 1.0)
    m02 = rows.loc["M.02"]
    assert (m02["n_trained"], m02["n_untrained"]) == (0, 2)
    assert np.isnan(m02["change_trained"]) and np.isnan(m02["difference"])
    assert m02["change_untrained"] == pytest.approx((50 / 3 + 0) / 2)
    assert m02["level_change_untrained"] == pytest.approx(0.75)
    overall = rows.loc[OVERALL]
    assert (overall["n_trained"], overall["n_untrained"]) == (1, 3)
    assert overall["change_untrained"] == pytest.approx((50 / 3 + 50 + 0) / 3)
    assert overall["difference"] == pytest.approx(100 / 3 - (50 / 3 + 50) / 3)
    assert overall["level_change_untrained"] == pytest.approx(2.5 / 3)
    # One trained employee: no interval.
    assert out[["diff_low", "diff_high"]].isna().all().all()


def test_gap_closure_completed_only_and_loose_end_dates(tiny):
    assessments, employees, standards, participation, program_competencies = tiny
    out = gap_closure(*tiny, completed_only=False, n_boot=50).set_index("competency_id")
    # b's uncompleted P2 (no end_date: its start date counts) now trains b's M.02.
    assert (out.loc["M.02", "n_trained"], out.loc["M.02", "n_untrained"]) == (1, 1)
    assert out.loc["M.02", "change_trained"] == 0.0
    # A programme ending on the day of the last assessment does not count (strictly before).
    on_the_day = participation.assign(
        end_date=participation["end_date"].where(
            participation["program_id"] != "P1", pd.Timestamp("2025-03-01")
        )
    )
    out = gap_closure(
        assessments, employees, standards, on_the_day, program_competencies, n_boot=50
    )
    assert out.set_index("competency_id").loc["M.01", "n_trained"] == 0
    # No `completed` column: every row counts.
    out = gap_closure(
        assessments,
        employees,
        standards,
        participation.drop(columns="completed"),
        program_competencies,
        n_boot=50,
    )
    assert out.set_index("competency_id").loc["M.02", "n_trained"] == 1


def simulated(n_people=200, seed=0, duplicate=1):
    """One competency (or ``duplicate`` identical copies) per person; half trained."""
    rng = np.random.default_rng(seed)
    ids = [f"e{i:04d}" for i in range(n_people)]
    first = rng.choice([1.0, 1.5, 2.0], n_people)
    trained = np.arange(n_people) < n_people // 2
    gain = (
        np.clip(
            np.round((first + np.where(trained, 1.0, 0.3) + rng.normal(0, 0.4, n_people)) * 2) / 2,
            1,
            5,
        )
        - first
    )
    comps = [f"M.0{j + 1}" for j in range(duplicate)]
    rows = []
    for i, e in enumerate(ids):
        for c in comps:
            rows.append((e, c, first[i], "2023-05-01"))
            rows.append((e, c, first[i] + gain[i], "2025-05-01"))
    assessments = pd.DataFrame(
        rows, columns=["employee_id", "competency_id", "level", "assessed_on"]
    )
    assessments["assessed_on"] = pd.to_datetime(assessments["assessed_on"])
    employees = pd.DataFrame({"employee_id": ids, "position_type": "pelaksana"})
    standards = pd.DataFrame(
        {"position_type": "pelaksana", "competency_id": comps, "required_level": 4}
    )
    participation = pd.DataFrame(
        {
            "employee_id": np.array(ids)[trained],
            "program_id": "P1",
            "start_date": pd.Timestamp("2024-02-01"),
            "completed": True,
        }
    )
    program_competencies = pd.DataFrame({"program_id": "P1", "competency_id": comps})
    return assessments, employees, standards, participation, program_competencies


def test_gap_closure_bootstrap_interval():
    data = simulated()
    out = gap_closure(*data, n_boot=2000, seed=1)
    row = out.set_index("competency_id").loc["M.01"]
    assert (row["n_trained"], row["n_untrained"]) == (100, 100)
    assert row["diff_low"] < row["difference"] < row["diff_high"]
    # Width close to the normal approximation with the two-sample standard error.
    pairs = assessment_pairs(data[0])
    change = (np.minimum(pairs["last_level"], 4) - np.minimum(pairs["first_level"], 4)) * 25
    trained = pairs["employee_id"].isin(data[3]["employee_id"]).to_numpy()
    assert row["difference"] == pytest.approx(change[trained].mean() - change[~trained].mean())
    se = np.sqrt(change[trained].var(ddof=1) / 100 + change[~trained].var(ddof=1) / 100)
    assert row["diff_high"] - row["diff_low"] == pytest.approx(2 * 1.96 * se, rel=0.15)
    # Deterministic for a seed; another seed gives another interval.
    again = gap_closure(*data, n_boot=2000, seed=1)
    pd.testing.assert_frame_equal(out, again)
    other = gap_closure(*data, n_boot=2000, seed=2)
    assert other.loc[0, "diff_low"] != out.loc[0, "diff_low"]
    narrower = gap_closure(*data, n_boot=2000, seed=1, confidence=0.5)
    assert narrower.loc[0, "diff_high"] - narrower.loc[0, "diff_low"] < (
        row["diff_high"] - row["diff_low"]
    )


def test_gap_closure_resamples_employees_not_pairs():
    """Copying each person's pair into three identical competencies leaves the pooled
    interval as it was: a person's pairs are drawn together."""
    single = gap_closure(*simulated(n_people=60), n_boot=500, seed=3)
    tripled = gap_closure(*simulated(n_people=60, duplicate=3), n_boot=500, seed=3)
    one = single.set_index("competency_id").loc[OVERALL]
    three = tripled.set_index("competency_id").loc[OVERALL]
    assert three["n_trained"] == 3 * one["n_trained"]
    assert three["difference"] == pytest.approx(one["difference"])
    assert three["diff_low"] == pytest.approx(one["diff_low"])
    assert three["diff_high"] == pytest.approx(one["diff_high"])


def test_gap_closure_without_repeated_assessments(tiny):
    assessments, *rest = tiny
    once = assessments[assessments["assessed_on"] == pd.Timestamp("2023-03-01")]
    out = gap_closure(once, *rest, n_boot=10)
    assert out["competency_id"].tolist() == [OVERALL]
    assert out[["n_trained", "n_untrained"]].iloc[0].tolist() == [0, 0]
    assert out[["change_trained", "difference", "diff_low"]].isna().all().all()


def test_gap_closure_parameter_errors(tiny):
    with pytest.raises(ParameterError, match="'n_boot' parameter of gap_closure"):
        gap_closure(*tiny, n_boot=0)
    with pytest.raises(ParameterError, match="'confidence' parameter of gap_closure"):
        gap_closure(*tiny, confidence=95)
    with pytest.raises(ParameterError, match="'seed' parameter of gap_closure"):
        gap_closure(*tiny, seed=-1)
    assessments, employees, standards, participation, program_competencies = tiny
    with pytest.raises(MissingColumnError, match="assessed_on"):
        gap_closure(
            assessments.drop(columns="assessed_on"),
            employees,
            standards,
            participation,
            program_competencies,
        )
    with pytest.raises(MissingColumnError, match="position_type"):
        gap_closure(
            assessments,
            employees.drop(columns="position_type"),
            standards,
            participation,
            program_competencies,
        )
    with pytest.raises(MissingColumnError, match="start_date"):
        gap_closure(
            assessments,
            employees,
            standards,
            participation.drop(columns="start_date"),
            program_competencies,
        )


def test_gap_closure_on_sample(sample_dir):
    """Trained competencies grew more (the sample plants ~+0.37 level for effective programmes)."""
    ds = load_dataset(sample_dir, "pematangsiantar")
    tables = (ds.assessments, ds.employees, ds.standards, ds.participation, ds.program_competencies)
    before = copy.deepcopy(tables)
    out = gap_closure(*tables)
    for frame, original in zip(tables, before, strict=True):
        pd.testing.assert_frame_equal(frame, original)
    assert out["competency_id"].iloc[-1] == OVERALL
    per_comp = out.iloc[:-1]
    overall = out.iloc[-1]
    assert overall["n_trained"] == per_comp["n_trained"].sum() > 20
    assert overall["n_untrained"] == per_comp["n_untrained"].sum()
    assert overall["difference"] > 0
    assert overall["diff_low"] > 0  # clearly more closure for the trained
    level_gain = overall["level_change_trained"] - overall["level_change_untrained"]
    assert 0.05 < level_gain < 0.6
    assert overall["change_trained"] > overall["change_untrained"]


def test_bootstrap_runs_on_one_blas_thread_and_restores_the_limit(tiny, monkeypatch):
    # The replicates are small matrix products: BLAS threads cost more than they save,
    # and with one thread the interval does not depend on the kernel's thread count.
    before = blas_threads()
    seen = record_blas_threads(monkeypatch, np.random, "default_rng")
    out = gap_closure(*tiny, n_boot=50)
    assert seen == [{1}]
    assert blas_threads() == before
    assert out["n_trained"].sum() > 0
