"""The benchmark scripts run, and their two paths agree (correctness only, no timings)."""

from __future__ import annotations

import pandas as pd
from conftest import load_benchmark


def test_gap_benchmark_paths_agree_on_a_small_table():
    bench = load_benchmark("bench_gaps")
    result = bench.run(n=3_000, naive_n=800, repeat=1)  # asserts vectorised == naive inside
    assert result["assessment_rows"] == 3_000 * 9
    assert sum(result["categories"].values()) == 3_000


def test_naive_baseline_is_the_textbook_formula():
    bench = load_benchmark("bench_gaps")
    employees = pd.DataFrame({"employee_id": ["a"], "position_type": ["jpt_pratama"]})
    assessments = pd.DataFrame(
        {"employee_id": ["a", "a"], "competency_id": ["M.01", "M.02"], "level": [3.0, 4.0]}
    )
    standards = pd.DataFrame(
        {
            "position_type": ["jpt_pratama"] * 2,
            "competency_id": ["M.01", "M.02"],
            "required_level": [4, 4],
        }
    )
    assert bench.naive_jpm(employees, assessments, standards)["a"] == 87.5


def test_outcomes_benchmark_recovers_what_it_planted():
    bench = load_benchmark("bench_outcomes")
    result = bench.run(
        n=3_000,
        years=(2024, 2025),
        repeat=1,
        boot_programmes=1,
        survey_regions=3,
        respondents=30,
        naive_groups=2,
        gap_employees=1_000,
        did_rows=6_000,
        did_units=200,
        region_staff=3_000,
        province_staff=3_000,
        memory=False,
    )  # asserts inside: counts drawn = counts reported; vectorised IKM = naive IKM
    part = result["participation"]
    assert abs(result["participation_rows"] / (3_000 * 2 * 2.5) - 1) < 0.1
    # Mean JP a year: 2.5 programmes × 90 % completed × mean programme JP.
    jp = [[4, 8, 8, 12, 16, 24, 40][k % 7] for k in range(30)]
    expected_jp = 2.5 * 0.9 * sum(jp) / len(jp)
    assert all(abs(v / expected_jp - 1) < 0.1 for v in part["jp_per_employee"])
    assert 0.05 < part["share_never"] < 0.3
    learning = result["learning_effects"]
    assert 14 < learning["mean_diff_effective"] < 17  # planted 16 before clipping to 0..100
    assert 0 < learning["mean_diff_not_effective"] < 3  # planted 1.5
    ikm = result["ikm"]
    assert ikm["groups"] == 3 * 10 * 2 and ikm["ikm_change_groups"] == 3 * 10
    assert sum(ikm["grades"].values()) == ikm["groups"]
    gap = result["gap_closure"]
    assert gap["assessment_rows"] == 1_000 * 9 * 2
    assert 0.3 < gap["level_change_trained"] - gap["level_change_untrained"] < 0.6  # planted 0.45
    assert gap["diff_ci"][0] > 0
    did = result["diff_in_diff"]
    assert did["ci"][0] < bench.PLANTED_DID_EFFECT < did["ci"][1]
    for name in ("nonparticipation_region", "nonparticipation_province"):
        assert result[name]["converged"]
        assert result[name]["or_butuh_perbaikan"] > 1  # planted: they take part half as often
