"""Budget planning (``planning.plan_budget``): the exact MILP on every sample region.

    .venv/bin/python benchmarks/bench_planning.py            # sample at scale 1.0
    .venv/bin/python benchmarks/bench_planning.py --quick    # scale 0.05, seconds

The synthetic sample is written to a temporary folder at ``--scale``; for each
region the gaps, the JP earned in ``--year`` and the candidate table
(employee × programme with the weighted shortfall it covers) are built, then
the plan is solved within a realistic budget: 100 million rupiah for a
kecamatan, 1 billion for a kota (``--budget-kecamatan``, ``--budget-kota``).
The MILP (HiGHS through ``scipy.optimize.milp``) is timed, median of
``--repeat`` runs, and compared with the greedy plan; both plans are checked
against every constraint. Results are printed as a table and written to
``benchmarks/results/planning.json``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from benchlib import write_results

from kompetensi_toolkit import gaps, planning
from kompetensi_toolkit.loaders import load_dataset
from kompetensi_toolkit.sample import write_sample_dataset

BUDGETS = {"kecamatan": 100_000_000.0, "kota": 1_000_000_000.0}


def check_plan(result: planning.PlanResult, candidates, budget: float) -> None:
    """Raise AssertionError unless the plan keeps to budget, seats and one per competency."""
    plan = result.plan
    assert result.cost <= budget + 1e-6, (result.cost, budget)
    assert not plan.duplicated(["employee_id", "program_id"]).any()
    taken = plan.groupby("program_id").size()
    capacity = candidates.drop_duplicates("program_id").set_index("program_id")["capacity"]
    over = taken[taken > capacity.reindex(taken.index).fillna(np.inf)]
    assert over.empty, over
    cells = plan[["employee_id", "competencies"]].explode("competencies")
    assert not cells.duplicated().any(), "two programmes for one competency of one person"


def region_run(dataset_dir: Path, region: str, level: str, budget: float, year: int, repeat: int):
    ds = load_dataset(dataset_dir, region=region)
    start = time.perf_counter()
    gap_frame = gaps.competency_gaps(ds.employees, ds.assessments, ds.standards, ds.competencies)
    earned = planning.jp_earned(ds.participation, ds.programs, year=year)
    candidates = planning.programme_candidates(
        gap_frame, ds.programs, ds.program_competencies, earned=earned
    )
    build_s = time.perf_counter() - start
    times, exact = [], None
    for _ in range(repeat):
        exact = planning.plan_budget(candidates, budget=budget, method="milp")
        times.append(exact.seconds)
    greedy = planning.plan_budget(candidates, budget=budget, method="greedy")
    check_plan(exact, candidates, budget)
    check_plan(greedy, candidates, budget)
    assert greedy.objective <= exact.objective * (1 + 1e-6) + 1e-9, (greedy.objective, exact)
    coverable = planning.budget_curve(candidates, [budget])["share_covered"].iloc[0]
    return {
        "region": region,
        "level": level,
        "employees": len(ds.employees),
        "candidates": len(candidates),
        "budget": budget,
        "build_s": round(build_s, 3),
        "milp_s_median": round(statistics.median(times), 3),
        "milp_status": exact.status,
        "milp_optimal": exact.optimal,
        "milp_mip_gap": exact.mip_gap,
        "milp_value": round(exact.value, 3),
        "milp_cost": exact.cost,
        "milp_people": exact.n_people,
        "greedy_s": round(greedy.seconds, 4),
        "greedy_value": round(greedy.value, 3),
        "greedy_cost": greedy.cost,
        "greedy_relative_gap": round(
            (exact.objective - greedy.objective) / exact.objective if exact.objective else 0.0, 4
        ),
        "share_of_coverable_need": round(float(coverable), 4),
    }


def run(
    scale: float = 1.0,
    repeat: int = 3,
    regions: tuple[str, ...] | None = None,
    budgets: dict[str, float] | None = None,
    year: int = 2025,
    dataset_dir: Path | None = None,
) -> dict:
    """Benchmark every region (or ``regions``) of the sample at ``scale``.

    ``dataset_dir`` uses an existing dataset instead of writing the sample
    (``scale`` is then only reported).
    """
    budgets = {**BUDGETS, **(budgets or {})}
    with tempfile.TemporaryDirectory() as tmp:
        folder = (
            Path(dataset_dir)
            if dataset_dir is not None
            else write_sample_dataset(Path(tmp) / "data", scale=scale)
        )
        ds = load_dataset(folder)
        levels = ds.regions.set_index("region_id")["level"].astype("str")
        wanted = list(levels.index) if regions is None else list(regions)
        rows = [
            region_run(folder, r, levels[r], budgets.get(levels[r], budgets["kota"]), year, repeat)
            for r in wanted
        ]
    return {
        "benchmark": "planning.plan_budget (MILP via scipy.optimize.milp / HiGHS vs greedy)",
        "scale": scale,
        "year": year,
        "repeat": repeat,
        "regions": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--budget-kecamatan", type=float, default=BUDGETS["kecamatan"])
    parser.add_argument("--budget-kota", type=float, default=BUDGETS["kota"])
    parser.add_argument("--quick", action="store_true", help="scale 0.05, one run")
    args = parser.parse_args(argv)
    if args.quick:
        args.scale, args.repeat = 0.05, 1
    result = run(
        args.scale,
        args.repeat,
        budgets={"kecamatan": args.budget_kecamatan, "kota": args.budget_kota},
        year=args.year,
    )
    write_results(result, "planning")
    columns = [
        ("region", 16),
        ("level", 10),
        ("employees", 9),
        ("candidates", 10),
        ("budget", 14),
        ("milp_s_median", 13),
        ("milp_optimal", 12),
        ("milp_value", 10),
        ("milp_people", 11),
        ("greedy_value", 12),
        ("greedy_relative_gap", 19),
    ]
    print(f"{result['benchmark']}, scale {result['scale']}, repeat {result['repeat']}")
    print("  ".join(name.rjust(width) for name, width in columns))
    for row in result["regions"]:
        print(
            "  ".join(
                f"{row[name]:,}".rjust(width)
                if isinstance(row[name], float | int) and not isinstance(row[name], bool)
                else str(row[name]).rjust(width)
                for name, width in columns
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
