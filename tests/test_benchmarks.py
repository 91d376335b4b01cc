"""The benchmark scripts run, and their two paths agree (correctness only, no timings)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gap_benchmark_paths_agree_on_a_small_table():
    bench = load("bench_gaps")
    result = bench.run(n=3_000, naive_n=800, repeat=1)  # asserts vectorised == naive inside
    assert result["assessment_rows"] == 3_000 * 9
    assert sum(result["categories"].values()) == 3_000


def test_naive_baseline_is_the_textbook_formula():
    bench = load("bench_gaps")
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
