"""Budget planning (``planning.plan_budget``): the exact MILP on every sample region.

    .venv/bin/python benchmarks/bench_planning.py            # sample at scale 1.0
    .venv/bin/python benchmarks/bench_planning.py --quick    # scale 0.05, seconds
    .venv/bin/python benchmarks/bench_planning.py --data data/sample --regions ambon  # the curve

The synthetic sample is written to a temporary folder at ``--scale``; for each
region the gaps, the JP earned in ``--year`` and the candidate table
(employee × programme with the weighted shortfall it covers) are built, then
the plan is solved within a realistic budget: 100 million rupiah for a
kecamatan, 1 billion for a kota (``--budget-kecamatan``, ``--budget-kota``).
The MILP (HiGHS through ``scipy.optimize.milp``) is timed, median of
``--repeat`` runs, and compared with the greedy plan; both plans are checked
against every constraint. Results are printed as a table and written to
``benchmarks/results/planning.json``.

The budget curve of the needs_plan report (``--curve-region``, default
ambon, at ``--curve-budget``, default 500 million): before, one plain
``scipy.optimize.milp`` per budget level plus one for the plan itself
(:func:`reference_plan`, built from the candidate table alone); after, as the
template does it now, ``plan_budget`` then ``budget_curve(..., plans=[plan])``.
Both at the template's ``mip_rel_gap=1e-3``, ``time_limit=20``; median of
``--repeat`` runs of each, alternated; every level checked against the
reference within the gap.

Mentoring pairs of the needs_plan report (``--mentoring-region``, default
ambon, ``capacity=2`` as the template): before, one dense
``linear_sum_assignment`` on mentor slots × needs per region
(``planning._assign_dense``, what ``mentoring_pairs`` solved until now);
after, ``mentoring_pairs`` as it is (a min-cost flow on competency tiers and
kinds of need). Median of ``--repeat`` runs of each, alternated; both
pairings checked against every rule and for the same number of pairs and the
same total (Σ shortfall × weight + same-unit bonus).

    .venv/bin/python benchmarks/bench_planning.py --data data/sample --regions ambon \
        --curve-region none                      # plans of ambon + mentoring, full scale
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from benchlib import fmt_n, row, write_results
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from kompetensi_toolkit import gaps, narrative, planning
from kompetensi_toolkit.loaders import load_dataset
from kompetensi_toolkit.sample import write_sample_dataset

BUDGETS = {"kecamatan": 100_000_000.0, "kota": 1_000_000_000.0}
#: The solver settings of the needs_plan template.
SOLVER = {"mip_rel_gap": 1e-3, "time_limit": 20.0}


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


def reference_plan(
    candidates, budget: float, *, mip_rel_gap: float, time_limit: float, bonus: float = 0.25
) -> dict:
    """The plan as it was solved before: one plain ``scipy.optimize.milp`` per budget.

    Built here from the candidate table alone (cohorts 1, staff under 20 JP
    weighted × (1 + ``bonus``)), independent of ``planning``'s own model:
    max Σ objective·x, x ∈ {0, 1}, Σ cost·x ≤ budget, per programme Σ x ≤
    capacity, per employee × competency Σ x ≤ 1.
    """
    rows = candidates[candidates["value"] > 0].reset_index(drop=True)
    n = len(rows)
    if n == 0:
        return {"objective": 0.0, "value": 0.0, "status": 0, "optimal": True, "mip_gap": 0.0}
    under = rows["under_20jp"].to_numpy(bool) if "under_20jp" in rows else np.zeros(n, bool)
    objective = rows["value"].to_numpy(float) * (1 + bonus * under)
    blocks = [sparse.csr_matrix(rows["cost"].to_numpy(float).reshape(1, -1))]
    upper = [float(budget)]
    capacity = rows["capacity"].to_numpy(float)
    limited = np.flatnonzero(np.isfinite(capacity))
    programme, names = pd.factorize(rows["program_id"].iloc[limited])
    blocks.append(sparse.csr_matrix((np.ones(len(limited)), (programme, limited)), (len(names), n)))
    upper += [float(capacity[limited][programme == k][0]) for k in range(len(names))]
    cells = rows[["employee_id", "competencies"]].explode("competencies").dropna()
    cell, keys = pd.factorize(pd.MultiIndex.from_frame(cells))
    position = cells.index.to_numpy()
    blocks.append(sparse.csr_matrix((np.ones(len(cell)), (cell, position)), (len(keys), n)))
    upper += [1.0] * len(keys)
    result = milp(
        -objective,
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(sparse.vstack(blocks, format="csr"), -np.inf, upper),
        options={"mip_rel_gap": mip_rel_gap, "time_limit": time_limit},
    )
    chosen = np.zeros(n, bool) if result.x is None else result.x > 0.5
    return {
        "objective": float(objective[chosen].sum()),
        "value": float(rows["value"].to_numpy(float)[chosen].sum()),
        "status": int(result.status),
        "optimal": result.status == 0,
        "mip_gap": getattr(result, "mip_gap", None),
    }


def notebook_candidates(dataset_dir: Path, region: str):
    """Candidates and total need as the needs_plan template builds them (latest JP year)."""
    ds = load_dataset(dataset_dir, region=region)
    gap_frame = gaps.competency_gaps(ds.employees, ds.assessments, ds.standards, ds.competencies)
    earned = planning.jp_earned(ds.participation, ds.programs)
    earned = earned[earned["year"] == earned["year"].max()]
    candidates = planning.programme_candidates(
        gap_frame, ds.programs, ds.program_competencies, earned=earned
    )
    need = planning.group_needs(gap_frame, by="region_id", statistic="total")["need"].sum()
    return candidates, float(need)


def curve_run(dataset_dir: Path, region: str, budget: float, repeat: int) -> dict:
    """The template's plan + budget curve: before (plain MILP per level) vs after."""
    candidates, need = notebook_candidates(dataset_dir, region)
    levels = narrative.budget_levels(budget)

    def before():
        return [reference_plan(candidates, b, **SOLVER) for b in [budget, *levels]]

    def after():
        plan = planning.plan_budget(candidates, budget=budget, **SOLVER)
        curve = planning.budget_curve(candidates, levels, total_need=need, plans=[plan], **SOLVER)
        return plan, curve

    times: dict[str, list[float]] = {"before": [], "after": []}
    for _ in range(repeat):
        for name, func in (("before", before), ("after", after)):
            start = time.perf_counter()
            out = func()
            times[name].append(time.perf_counter() - start)
            if name == "before":
                reference = out
            else:
                plan, curve = out
    # every level: feasible, truthful, within the gap of the reference optimum
    gap = SOLVER["mip_rel_gap"]
    assert curve["budget"].tolist() == levels and curve["optimal"].all()
    assert curve["value"].iloc[-1] == plan.value
    for b, ref, value in zip(levels, reference[1:], curve["value"], strict=True):
        result = planning.plan_budget(candidates, budget=b, **SOLVER)
        check_plan(result, candidates, b)
        assert result.value == value and result.optimal and result.mip_gap <= gap
        assert result.objective * (1 + gap) >= ref["objective"] - 1e-9, (b, result, ref)
        if ref["mip_gap"] is not None:  # the reference's own bound holds for ours too
            assert ref["objective"] * (1 + ref["mip_gap"]) >= result.objective - 1e-9, (b, ref)
    before_s, after_s = statistics.median(times["before"]), statistics.median(times["after"])
    return {
        "region": region,
        "candidates": len(candidates),
        "budget": budget,
        "levels": levels,
        "solver": SOLVER,
        "before_s_median": round(before_s, 3),
        "after_s_median": round(after_s, 3),
        "before_s": [round(t, 3) for t in times["before"]],
        "after_s": [round(t, 3) for t in times["after"]],
        "speedup": round(before_s / after_s, 1) if after_s > 0 else None,
        "value_before": [round(r["value"], 3) for r in reference[1:]],
        "value_after": [round(float(v), 3) for v in curve["value"]],
        "objective_before": [round(r["objective"], 3) for r in reference[1:]],
        "optimal_before": [r["optimal"] for r in reference[1:]],
    }


@contextlib.contextmanager
def dense_mentoring():
    """``planning.mentoring_pairs`` as it was: one dense assignment per region."""
    flow = planning._assign
    planning._assign = planning._assign_dense
    try:
        yield
    finally:
        planning._assign = flow


def check_pairs(pairs, gap_rows, capacity: int) -> None:
    """Raise AssertionError unless every pair keeps the rules of ``mentoring_pairs``."""
    assert (pairs.groupby("mentor_id").size() <= capacity).all()
    assert not pairs.duplicated(["mentee_id", "competency_id"]).any()
    assert (pairs["mentor_id"] != pairs["mentee_id"]).all()
    assert (pairs["mentee_level"] < pairs["mentee_required"]).all()
    assert (pairs["mentor_level"] >= pairs["mentor_required"] + 1).all()
    assert (pairs["mentor_level"] >= pairs["mentee_required"]).all()
    cells = gap_rows.set_index(["employee_id", "competency_id"])
    mentee = cells.loc[pd.MultiIndex.from_frame(pairs[["mentee_id", "competency_id"]])]
    mentor = cells.loc[pd.MultiIndex.from_frame(pairs[["mentor_id", "competency_id"]])]
    assert np.array_equal(mentee["level"].to_numpy(float), pairs["mentee_level"].to_numpy(float))
    assert np.array_equal(mentor["level"].to_numpy(float), pairs["mentor_level"].to_numpy(float))
    assert np.array_equal(
        mentor["unit"].to_numpy(object) == mentee["unit"].to_numpy(object),
        pairs["same_unit"].to_numpy(bool),
    )


def mentoring_run(dataset_dir: Path, region: str, repeat: int, capacity: int = 2) -> dict:
    """The template's ``mentoring_pairs``: before (dense assignment) vs after (flow)."""
    ds = load_dataset(dataset_dir, region=region)
    gap_rows = gaps.competency_gaps(ds.employees, ds.assessments, ds.standards, ds.competencies)

    def before():
        with dense_mentoring():
            return planning.mentoring_pairs(gap_rows, capacity=capacity)

    def after():
        return planning.mentoring_pairs(gap_rows, capacity=capacity)

    times: dict[str, list[float]] = {"before": [], "after": []}
    out = {}
    for _ in range(repeat):
        for name, func in (("before", before), ("after", after)):
            start = time.perf_counter()
            out[name] = func()
            times[name].append(time.perf_counter() - start)
    score = {}
    for name, pairs in out.items():
        check_pairs(pairs, gap_rows, capacity)
        total = float(pairs["shortfall"].sum() + pairs["same_unit"].sum())  # bonus 1.0
        score[name] = (len(pairs), total)
    assert score["before"][0] == score["after"][0], score
    assert abs(score["before"][1] - score["after"][1]) <= 1e-6 * max(1.0, score["before"][1])
    before_s, after_s = statistics.median(times["before"]), statistics.median(times["after"])
    return {
        "region": region,
        "capacity": capacity,
        "gap_rows": len(gap_rows),
        "needs": int((gap_rows["level"] < gap_rows["required_level"]).sum()),
        "before_s_median": round(before_s, 3),
        "after_s_median": round(after_s, 3),
        "before_s": [round(t, 3) for t in times["before"]],
        "after_s": [round(t, 3) for t in times["after"]],
        "speedup": round(before_s / after_s, 1) if after_s > 0 else None,
        "pairs": score["after"][0],
        "total_benefit": round(score["after"][1], 6),
        "mentors_before": int(out["before"]["mentor_id"].nunique()),
        "mentors_after": int(out["after"]["mentor_id"].nunique()),
    }


def run(
    scale: float = 1.0,
    repeat: int = 3,
    regions: tuple[str, ...] | None = None,
    budgets: dict[str, float] | None = None,
    year: int = 2025,
    dataset_dir: Path | None = None,
    curve_region: str | None = "ambon",
    curve_budget: float = 500_000_000.0,
    mentoring_region: str | None = "ambon",
) -> dict:
    """Benchmark every region (or ``regions``) of the sample at ``scale``.

    ``dataset_dir`` uses an existing dataset instead of writing the sample
    (``scale`` is then only reported). ``curve_region`` (None: skipped) is
    the region of the budget curve measure, at ``curve_budget``;
    ``mentoring_region`` (None: skipped) that of the mentoring pairs.
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
        curve = (
            curve_run(folder, curve_region, curve_budget, repeat)
            if curve_region in levels.index
            else None
        )
        mentoring = (
            mentoring_run(folder, mentoring_region, repeat)
            if mentoring_region in levels.index
            else None
        )
    return {
        "benchmark": "planning.plan_budget (MILP via scipy.optimize.milp / HiGHS vs greedy)",
        "scale": scale,
        "year": year,
        "repeat": repeat,
        "regions": rows,
        "curve": curve,
        "mentoring": mentoring,
    }


QUICK_SCALE = 0.05


def _rupiah(amount: float) -> str:
    """``Rp 1 bn``, ``Rp 100 m``.

    >>> _rupiah(1e9), _rupiah(1e8)
    ('Rp 1 bn', 'Rp 100 m')
    """
    return f"Rp {amount / 1e9:g} bn" if amount >= 1e9 else f"Rp {amount / 1e6:g} m"


def measure(quick: bool = False, repeat: int = 3) -> dict:
    """The suite's entry (``run_all.py``): the sample at scale 1, or ``quick`` (0.05)."""
    return run(QUICK_SCALE if quick else 1.0, repeat)


def rows(result: dict) -> list[dict]:
    """The suite's table rows: each region's MILP, the budget curve, the mentoring pairs."""
    rep = result["repeat"]
    out = []
    for r in result["regions"]:
        status = (
            "optimal" if r["milp_optimal"] else f"not proven optimal: status {r['milp_status']}"
        )
        if r["milp_status"] == 1:  # scipy.optimize.milp: iteration or time limit reached
            status = "stopped at the time limit"
        if not r["milp_optimal"] and r.get("milp_mip_gap") is not None:
            status += f", MIP gap {100 * r['milp_mip_gap']:.2g} %"
        out.append(
            row(
                f"budget plan MILP, {r['region']} ({r['level']}, {_rupiah(r['budget'])}; "
                f"{status}; greedy {100 * r['greedy_relative_gap']:.1f} % below)",
                f"{fmt_n(r['employees'])} staff, {fmt_n(r['candidates'])} candidates",
                r["milp_s_median"],
                rep,
            )
        )
    curve = result.get("curve")
    if curve:
        out.append(
            row(
                f"budget curve, {curve['region']} (plan + {len(curve['levels'])} levels)",
                f"{fmt_n(curve['candidates'])} candidates",
                curve["after_s_median"],
                rep,
                naive_s=curve["before_s_median"],
                naive_note="one plain `scipy.optimize.milp` per level, measured",
            )
        )
    mentoring = result.get("mentoring")
    if mentoring:
        out.append(
            row(
                f"mentoring pairs, {mentoring['region']} (capacity {mentoring['capacity']})",
                f"{fmt_n(mentoring['needs'])} needs",
                mentoring["after_s_median"],
                rep,
                naive_s=mentoring["before_s_median"],
                naive_note="dense `linear_sum_assignment`, measured",
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--budget-kecamatan", type=float, default=BUDGETS["kecamatan"])
    parser.add_argument("--budget-kota", type=float, default=BUDGETS["kota"])
    parser.add_argument("--data", type=Path, help="an existing dataset instead of the sample")
    parser.add_argument("--regions", help="comma-separated region ids (default: all)")
    parser.add_argument("--curve-region", default="ambon", help="'none' to skip the curve")
    parser.add_argument("--curve-budget", type=float, default=500_000_000.0)
    parser.add_argument("--mentoring-region", default="ambon", help="'none' to skip mentoring")
    parser.add_argument("--quick", action="store_true", help="scale 0.05, one run")
    args = parser.parse_args(argv)
    if args.quick:
        args.scale, args.repeat = QUICK_SCALE, 1
    result = run(
        args.scale,
        args.repeat,
        budgets={"kecamatan": args.budget_kecamatan, "kota": args.budget_kota},
        year=args.year,
        dataset_dir=args.data,
        regions=None if args.regions is None else tuple(args.regions.split(",")),
        curve_region=None if args.curve_region == "none" else args.curve_region,
        curve_budget=args.curve_budget,
        mentoring_region=None if args.mentoring_region == "none" else args.mentoring_region,
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
    for line in result["regions"]:
        print(
            "  ".join(
                f"{line[name]:,}".rjust(width)
                if isinstance(line[name], float | int) and not isinstance(line[name], bool)
                else str(line[name]).rjust(width)
                for name, width in columns
            )
        )
    curve = result["curve"]
    if curve is not None:
        print(
            f"budget curve of {curve['region']} ({curve['candidates']:,} candidates, "
            f"{len(curve['levels'])} levels to {curve['budget']:,.0f}, plan + curve): "
            f"before {curve['before_s_median']} s, after {curve['after_s_median']} s "
            f"(median of {result['repeat']}), {curve['speedup']}x"
        )
    mentoring = result["mentoring"]
    if mentoring is not None:
        print(
            f"mentoring pairs of {mentoring['region']} ({mentoring['needs']:,} needs, "
            f"capacity {mentoring['capacity']}): before {mentoring['before_s_median']} s, "
            f"after {mentoring['after_s_median']} s (median of {result['repeat']}), "
            f"{mentoring['speedup']}x; {mentoring['pairs']:,} pairs, total "
            f"{mentoring['total_benefit']:,} both"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
