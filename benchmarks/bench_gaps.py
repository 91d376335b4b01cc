"""Gap scoring + Job Person Match + categories at national size, against the naive way.

    .venv/bin/python benchmarks/bench_gaps.py               # 5.6 million employees × 9 competencies
    .venv/bin/python benchmarks/bench_gaps.py --quick       # 20 000 employees, seconds

The data are generated directly as frames (no files): employees with a
position type drawn from a realistic mix, and one assessment per employee and
competency with the ids dictionary-encoded (categorical), as a partitioned
Parquet dataset reads them. The vectorised path (``gaps.job_person_match``)
is timed on the whole table, median of ``--repeat`` runs; the naive path (one
Python call per employee, ``groupby().apply``) on a subsample, extrapolated
linearly. Both results are checked equal on the subsample. Results are printed
and written to ``benchmarks/results/gaps.json``.
"""

from __future__ import annotations

import argparse
import sys
import tracemalloc

import numpy as np
import pandas as pd
from benchlib import POSITION_MIX, fmt_n, print_table, row, timed, write_results

from kompetensi_toolkit import config, gaps

NATIONAL_EMPLOYEES = 5_600_000
COMPETENCIES = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01")


def national_tables(n: int, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(employees, assessments, standards) for ``n`` employees × 9 competencies."""
    rng = np.random.default_rng(seed)
    ids = pd.Index(np.char.add("E", np.arange(n).astype("U9")).astype(object), dtype="str")
    positions = rng.choice(list(POSITION_MIX), n, p=np.array(list(POSITION_MIX.values())))
    employees = pd.DataFrame(
        {
            "employee_id": ids,
            "position_type": pd.Categorical(positions, categories=gaps.POSITIONS),
        }
    )
    standards = pd.read_csv(config.REFERENCE_DIR / "standards.csv")
    k = len(COMPETENCIES)
    level = np.clip(np.round((rng.normal(2.4, 0.9, (n, k))) * 2) / 2, 1, 5).ravel()
    assessments = pd.DataFrame(
        {
            "employee_id": pd.Categorical.from_codes(
                np.repeat(np.arange(n, dtype="int32"), k), categories=ids
            ),
            "competency_id": pd.Categorical.from_codes(
                np.tile(np.arange(k, dtype="int8"), n), categories=list(COMPETENCIES)
            ),
            "level": level,
        }
    )
    return employees, assessments, standards


def naive_jpm(
    employees: pd.DataFrame, assessments: pd.DataFrame, standards: pd.DataFrame
) -> pd.Series:
    """JPM the way it is often first written: merge, then one Python call per employee."""
    merged = (
        assessments.astype({"employee_id": "str", "competency_id": "str"})
        .merge(employees.astype({"position_type": "str"}), on="employee_id")
        .merge(standards, on=["position_type", "competency_id"])
    )

    def one(person: pd.DataFrame) -> float:
        return 100.0 * person["level"].sum() / person["required_level"].sum()

    return merged.groupby("employee_id").apply(one, include_groups=False)


def vectorised(employees, assessments, standards) -> pd.DataFrame:
    return gaps.job_person_match(employees, assessments, standards)


def run(n: int = NATIONAL_EMPLOYEES, naive_n: int = 50_000, repeat: int = 3) -> dict:
    employees, assessments, standards = national_tables(n)
    naive_n = min(naive_n, n)

    fast_s, result = timed(vectorised, employees, assessments, standards, repeat=repeat)
    # Memory in a separate run: tracemalloc slows every allocation down.
    tracemalloc.start()
    vectorised(employees, assessments, standards)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    sub_emp = employees.iloc[:naive_n]
    sub_ass = assessments.iloc[: naive_n * len(COMPETENCIES)]
    naive_s, naive = timed(naive_jpm, sub_emp, sub_ass, standards)
    check = result.set_index("employee_id")["jpm"].iloc[:naive_n]
    np.testing.assert_allclose(check.to_numpy(), naive[check.index].to_numpy())
    naive_full = naive_s * n / naive_n
    return {
        "benchmark": "gaps.job_person_match (gap scoring + JPM + categories)",
        "employees": n,
        "competencies": len(COMPETENCIES),
        "assessment_rows": len(assessments),
        "vectorised_s_median": round(fast_s, 3),
        "repeat": repeat,
        "vectorised_peak_mib": round(peak / 2**20, 1),  # allocated by the call, inputs excluded
        "naive_subsample": naive_n,
        "naive_subsample_s": round(naive_s, 3),
        "naive_extrapolated_s": round(naive_full, 1),
        "speedup": round(naive_full / fast_s, 1),
        "categories": {str(k): int(v) for k, v in result["category"].value_counts().items()},
    }


#: Issue 9: gap scoring (JPM and categories included) within 3 s at national size, 2 cores.
TARGET_S = 3.0
QUICK = {"n": 20_000, "naive_n": 5_000}


def measure(quick: bool = False, repeat: int = 3) -> dict:
    """The suite's entry (``run_all.py``): national size, or ``quick`` (20 000 employees)."""
    return run(**(QUICK if quick else {}), repeat=repeat)


def rows(result: dict) -> list[dict]:
    """The suite's table rows of a :func:`run` result."""
    n, k = result["employees"], result["competencies"]
    national = n >= NATIONAL_EMPLOYEES
    return [
        row(
            "gap scoring + JPM + categories (`gaps.job_person_match`)",
            f"{fmt_n(n)} employees × {k}",
            result["vectorised_s_median"],
            result["repeat"],
            naive_s=result["naive_extrapolated_s"],
            naive_note=f"`groupby().apply` per employee on {fmt_n(result['naive_subsample'])}, "
            "extrapolated linearly",
            peak_mib=result["vectorised_peak_mib"],
            target=f"≤ {TARGET_S:g} s at 5.6 M × 9",
            met=(result["vectorised_s_median"] <= TARGET_S) if national else None,
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=NATIONAL_EMPLOYEES)
    parser.add_argument("--naive", type=int, default=50_000, help="naive subsample size")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="20 000 employees, one run")
    args = parser.parse_args(argv)
    if args.quick:
        args.employees, args.naive, args.repeat = 20_000, 5_000, 1
    result = run(args.employees, args.naive, args.repeat)
    write_results(result, "gaps")
    print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
