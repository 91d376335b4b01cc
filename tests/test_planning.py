"""Planning: the 20 JP rule, programme matching, budget plans, 70:20:10, mentoring."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import OptimizeResult

from conftest import load_benchmark
from kompetensi_toolkit import gaps, narrative, planning
from kompetensi_toolkit.exceptions import MissingColumnError, ParameterError
from kompetensi_toolkit.loaders import load_dataset


# ---------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------
def candidates_frame(rows, capacity=None):
    """rows: (employee, programme, value, cost, competencies[, under_20jp])."""
    frame = pd.DataFrame(
        [r[:5] for r in rows],
        columns=["employee_id", "program_id", "value", "cost", "competencies"],
    )
    frame["jp"] = 10.0
    frame["capacity"] = frame["program_id"].map(capacity or {}).astype("float64")
    frame["under_20jp"] = [bool(r[5]) if len(r) > 5 else False for r in rows]
    return frame


def assert_feasible(result, candidates, budget, cohorts=1):
    plan = result.plan
    assert result.cost <= budget + 1e-6
    assert plan["cost"].sum() == pytest.approx(result.cost)
    assert not plan.duplicated(["employee_id", "program_id"]).any()
    seats = candidates.drop_duplicates("program_id").set_index("program_id")["capacity"] * cohorts
    taken = plan.groupby("program_id").size()
    assert (taken <= seats.reindex(taken.index).fillna(np.inf)).all()
    cells = plan[["employee_id", "competencies"]].explode("competencies")
    assert not cells.duplicated().any()
    assert (plan["value"] > 0).all()


def random_candidates(rng, n_people=6, n_programmes=5, n_comps=4):
    programmes = {
        f"P{j}": (rng.choice(n_comps, rng.integers(1, 3), replace=False), rng.integers(1, 4))
        for j in range(n_programmes)
    }
    cost = {p: float(rng.choice([0, 1, 2, 3, 5])) for p in programmes}
    rows = []
    for i in range(n_people):
        short = rng.choice([0.0, 0.5, 1.0, 2.0], n_comps, p=[0.4, 0.2, 0.3, 0.1])
        for p, (comps, _) in programmes.items():
            covered = tuple(f"C{c}" for c in sorted(comps) if short[c] > 0)
            if covered:
                value = float(sum(short[c] for c in comps))
                rows.append((f"e{i}", p, value, cost[p], covered, rng.random() < 0.4))
    capacity = {p: int(cap) for p, (_, cap) in programmes.items()}
    return candidates_frame(rows, capacity)


def brute_force(candidates, budget, bonus=0.25):
    """Best objective by trying every subset (tiny problems only)."""
    rows = candidates[candidates["value"] > 0].reset_index(drop=True)
    weight = (rows["value"] * (1 + bonus * rows["under_20jp"])).to_numpy()
    cost = rows["cost"].to_numpy()
    programme = rows["program_id"].to_numpy()
    capacity = rows["capacity"].to_numpy()
    cells = [
        {(e, c) for c in comps}
        for e, comps in zip(rows["employee_id"], rows["competencies"], strict=True)
    ]
    best = 0.0
    for mask in range(1 << len(rows)):
        pick = [i for i in range(len(rows)) if mask >> i & 1]
        if cost[pick].sum() > budget:
            continue
        programmes, counts = np.unique(programme[pick], return_counts=True)
        if any(counts[k] > capacity[programme == p][0] for k, p in enumerate(programmes)):
            continue
        seen = [cell for i in pick for cell in cells[i]]
        if len(seen) != len(set(seen)):
            continue
        best = max(best, float(weight[pick].sum()))
    return best


# ---------------------------------------------------------------------------
# 1. The 20 JP rule.
# ---------------------------------------------------------------------------
PROGRAMS = pd.DataFrame(
    {
        "program_id": ["P1", "P2", "P3", "P4"],
        "name": ["Bimtek", "E-learning", "Mentoring", "Magang"],
        "form": ["bimbingan_teknis", "e_learning", "mentoring", "magang"],
        "mode": ["klasikal", "nonklasikal", "nonklasikal", "nonklasikal"],
        "jp": [24.0, 10.0, 16.0, 80.0],
        "cost_per_participant": [2_500_000.0, 0.0, 0.0, 2_500_000.0],
        "capacity": [2, 200, 8, 10],
    }
)
PARTICIPATION = pd.DataFrame(
    {
        "employee_id": ["a", "a", "a", "b", "b", "c", "d"],
        "program_id": ["P1", "P2", "P2", "P2", "P3", "P1", "P4"],
        "start_date": pd.to_datetime(
            [
                "2025-03-01",
                "2025-06-01",
                "2024-11-01",
                "2025-02-01",
                "2025-12-31",
                "2025-01-05",
                "2026-01-01",
            ]
        ),
        "jp": [np.nan, 6.0, np.nan, np.nan, np.nan, np.nan, np.nan],
        "completed": pd.array([True, True, True, True, True, False, True], dtype="boolean"),
    }
)
EMPLOYEES = pd.DataFrame(
    {
        "employee_id": ["a", "b", "c", "d", "e"],
        "unit": ["X", "X", "X", "Y", "Y"],
    }
)


def test_jp_earned_by_hand():
    earned = planning.jp_earned(PARTICIPATION, PROGRAMS, year=2025)
    # a: P1 24 (programme jp) + P2 6 (own jp) = 30; b: P2 10 + P3 16 = 26;
    # c: not completed; d: 2026; the 2024 row of a is another year.
    assert earned.to_dict("list") == {
        "employee_id": ["a", "b"],
        "year": [2025, 2025],
        "jp": [30.0, 26.0],
        "n_programmes": [2, 2],
    }
    every = planning.jp_earned(PARTICIPATION, PROGRAMS, completed_only=False)
    assert every[every["year"] == 2025].set_index("employee_id")["jp"].to_dict() == {
        "a": 30.0,
        "b": 26.0,
        "c": 24.0,
    }
    assert every[every["year"] == 2024]["jp"].tolist() == [10.0]
    assert every[every["year"] == 2026]["jp"].tolist() == [80.0]


def test_jp_compliance_by_hand():
    earned = planning.jp_earned(PARTICIPATION, PROGRAMS, year=2025)
    out = planning.jp_compliance(EMPLOYEES, earned, by="unit")
    # X: a 30, b 26, c 0 (not completed) -> 1 of 3 under; Y: d 0 (2026), e 0 -> 2 of 2
    assert out["unit"].tolist() == ["X", "Y"]
    assert out["n_staff"].tolist() == [3, 2]
    assert out["n_under"].tolist() == [1, 2]
    assert out["share_under"].tolist() == pytest.approx([1 / 3, 1.0])
    assert out["mean_jp"].tolist() == pytest.approx([56 / 3, 0.0])
    overall = planning.jp_compliance(EMPLOYEES, earned, by=None, minimum=27)
    assert overall[["n_staff", "n_under"]].iloc[0].tolist() == [5, 4]


def test_jp_compliance_needs_one_year():
    earned = planning.jp_earned(PARTICIPATION, PROGRAMS)
    with pytest.raises(
        ParameterError, match="The 'year' parameter of jp_compliance must name one year"
    ):
        planning.jp_compliance(EMPLOYEES, earned)
    out = planning.jp_compliance(EMPLOYEES, earned, year=2024, by=None)
    assert out["n_under"].iloc[0] == 5  # a earned 10 in 2024


# ---------------------------------------------------------------------------
# 2. Needs and matching.
# ---------------------------------------------------------------------------
def test_match_programmes_scores_and_cohorts():
    needs = pd.DataFrame(
        {
            "cluster": [1, 1, 1, 2],
            "competency_id": ["M.01", "M.05", "M.08", "M.05"],
            "need": [0.9, 0.6, 0.1, 1.0],
            "n_staff": [45, 45, 45, 3],
        }
    )
    pc = pd.DataFrame(
        {
            "program_id": ["P1", "P1", "P2", "P3", "P4"],
            "competency_id": ["M.01", "M.05", "M.01", "M.08", "M.05"],
        }
    )
    out = planning.match_programmes(needs, PROGRAMS, pc, top=2)
    one = out[out["cluster"] == 1].set_index("program_id")
    # top 2 of cluster 1: M.01 (0.9), M.05 (0.6); P3 covers M.08 only: not listed
    assert set(one.index) == {"P1", "P2", "P4"}
    assert one.loc["P1", "need_covered"] == pytest.approx(1.5)
    assert one.loc["P1", "need_per_rupiah"] == pytest.approx(1.5 / 2.5)  # per million
    assert one.loc["P1", "need_per_jp"] == pytest.approx(1.5 / 24)
    assert one.loc["P1", "cohorts"] == 23  # ceil(45 / 2)
    assert one.loc["P1", "total_cost"] == pytest.approx(45 * 2_500_000)
    assert one.loc["P2", "rank"] == 1  # free
    assert one.loc["P1", "rank"] == 2  # 0.6 per million ahead of P4's 0.24
    assert one.loc["P4", "rank"] == 3
    two = out[out["cluster"] == 2]
    assert two["program_id"].tolist() == ["P1", "P4"]  # equal per rupiah: more per JP first
    assert two["cohorts"].tolist() == [2, 1]  # ceil(3 / 2), ceil(3 / 10)


def plain_candidates(gap_rows, links):
    """programme_candidates' pairs by a plain per-group aggregation (the reference)."""
    cells = gap_rows[gap_rows["gap"] < 0].assign(ws=lambda f: -f["gap"] * f["weight"].fillna(1.0))
    merged = cells.merge(links, on="competency_id").sort_values(
        ["employee_id", "program_id", "competency_id"], kind="stable"
    )
    return (
        merged.groupby(["employee_id", "program_id"], sort=False)
        .agg(
            unit=("unit", "first"),
            value=("ws", "sum"),
            competencies=("competency_id", tuple),
            shortfalls=("ws", tuple),
        )
        .reset_index()
    )


def test_programme_candidates_pairs_equal_a_plain_groupby():
    rng = np.random.default_rng(11)
    n = 400
    g = pd.DataFrame(
        {
            "employee_id": rng.choice([f"e{i:02d}" for i in range(40)], n),
            "competency_id": rng.choice([f"M.0{i}" for i in range(1, 8)], n),
            "gap": rng.choice([-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, np.nan], n),
            "weight": rng.choice([1.0, 2.0, np.nan], n),
        }
    ).drop_duplicates(["employee_id", "competency_id"])
    g["unit"] = g["employee_id"].map(lambda e: f"U{int(e[1:]) % 3}")
    g = g.sample(frac=1.0, random_state=2)  # rows in no particular order
    links = pd.DataFrame(
        {
            "program_id": ["P3", "P1", "P1", "P2", "P2", "P2", "P4", None],
            "competency_id": ["M.01", "M.02", "M.01", "M.03", "M.05", "M.01", "M.09", "M.04"],
        }
    )
    programs = pd.DataFrame({"program_id": ["P1", "P2", "P3", "P4"], "jp": [8.0, 10, 12, 14]})
    out = planning.programme_candidates(g, programs, links)
    ref = plain_candidates(g, links.dropna())
    assert len(out) == len(ref) > 50
    for column in ("employee_id", "program_id", "unit", "competencies", "shortfalls"):
        assert out[column].tolist() == ref[column].tolist()
    assert out["value"].tolist() == ref["value"].tolist()
    assert all(type(v) is float for t in out["shortfalls"] for v in t)
    first = out.iloc[0]
    mine = g[(g["employee_id"] == first["employee_id"]) & (g["gap"] < 0)]
    covered = sorted(
        set(mine["competency_id"])
        & set(links.loc[links["program_id"].eq(first["program_id"]), "competency_id"])
    )
    assert list(first["competencies"]) == covered
    empty = planning.programme_candidates(g.iloc[:0], programs, links)
    assert len(empty) == 0 and list(empty.columns) == list(out.columns)


def test_group_needs_never_imputes():
    g = pd.DataFrame(
        {
            "employee_id": ["a", "b", "c", "a"],
            "unit": ["X", "X", "X", "X"],
            "competency_id": ["M.01", "M.01", "M.01", "M.02"],
            "gap": [-2.0, 0.5, np.nan, -1.0],
            "weight": [1.0, 1.0, 1.0, 2.0],
        }
    )
    out = planning.group_needs(g).set_index("competency_id")
    assert out.loc["M.01", "need"] == pytest.approx(1.0)  # (2 + 0) / 2 assessed
    assert out.loc["M.01", "n_staff"] == 2
    assert out.loc["M.02", "need"] == pytest.approx(2.0)  # weight 2
    total = planning.group_needs(g, statistic="total").set_index("competency_id")
    assert total.loc["M.01", "need"] == pytest.approx(2.0)


# ---------------------------------------------------------------------------
# 3. Budget plans.
# ---------------------------------------------------------------------------
HAND = candidates_frame(
    [
        ("a", "P1", 4.0, 3.0, ("M.01",)),
        ("a", "P2", 3.0, 2.0, ("M.01", "M.02")),
        ("b", "P1", 3.0, 3.0, ("M.05",)),
        ("b", "P3", 2.5, 1.0, ("M.02",)),
        ("c", "P1", 2.0, 3.0, ("M.01",)),
    ],
    capacity={"P1": 1, "P2": 10, "P3": 10},
)


def test_milp_optimum_by_hand():
    # Budget 5; P1 has one seat; a/P1 and a/P2 share M.01 (one programme per competency).
    # Feasible sets and their values:
    #   a/P1 + b/P3          = 4 + 2.5 = 6.5, cost 3 + 1 = 4   <- optimum
    #   a/P2 + b/P1          = 3 + 3   = 6.0, cost 2 + 3 = 5
    #   a/P2 + b/P3          = 3 + 2.5 = 5.5, cost 3 (+ any P1 row: cost 6 > 5)
    #   b/P1 + b/P3          = 3 + 2.5 = 5.5, cost 4
    #   c/P1 + b/P3 (+ a/P2) = 2 + 2.5 (+ 3): cost 4 (6 > 5)
    result = planning.plan_budget(HAND, budget=5.0, method="milp", mip_rel_gap=0.0)
    assert result.method == "milp" and result.optimal and result.status == 0
    assert result.value == pytest.approx(6.5)
    assert result.cost == pytest.approx(4.0)
    assert list(zip(result.plan["employee_id"], result.plan["program_id"], strict=True)) == [
        ("a", "P1"),
        ("b", "P3"),
    ]
    assert result.mip_gap == pytest.approx(0.0, abs=1e-9)
    assert_feasible(result, HAND, 5.0)
    assert result.jp_per_person.to_dict("list") == {
        "employee_id": ["a", "b"],
        "n_programmes": [1, 1],
        "jp_added": [10.0, 10.0],
    }
    # Greedy by value per rupiah: b/P3 (2.5), a/P2 (1.5); a/P1 then blocked by M.01,
    # b/P1 and c/P1 over budget: 5.5.
    greedy = planning.plan_budget(HAND, budget=5.0, method="greedy")
    assert greedy.value == pytest.approx(5.5) and not greedy.optimal and greedy.status is None
    assert_feasible(greedy, HAND, 5.0)
    gap = planning.optimality_gap(HAND, 5.0, mip_rel_gap=0.0)
    assert gap["value_milp"] == pytest.approx(6.5)
    assert gap["value_greedy"] == pytest.approx(5.5)
    assert gap["relative_gap"] == pytest.approx(1 / 6.5)


def test_auto_method_switches_on_the_limit():
    assert planning.plan_budget(HAND, budget=5.0).method == "milp"
    assert planning.plan_budget(HAND, budget=5.0, milp_limit=4).method == "greedy"


@pytest.mark.parametrize("budget", [0.0, 1.0, 4.0, 100.0])
def test_never_over_budget_or_capacity(budget):
    for method in ("milp", "greedy"):
        result = planning.plan_budget(HAND, budget=budget, method=method)
        assert_feasible(result, HAND, budget)
    two = planning.plan_budget(HAND, budget=100.0, cohorts={"P1": 2})
    assert_feasible(two, HAND, 100.0, cohorts=pd.Series({"P1": 2, "P2": 1, "P3": 1}))
    assert (two.plan["program_id"] == "P1").sum() == 2


def test_greedy_never_beats_milp_on_random_problems():
    rng = np.random.default_rng(7)
    for _ in range(25):
        candidates = random_candidates(rng)
        budget = float(rng.choice([0, 2, 5, 8, 15]))
        exact = planning.plan_budget(candidates, budget=budget, method="milp", mip_rel_gap=0.0)
        greedy = planning.plan_budget(candidates, budget=budget, method="greedy")
        assert exact.optimal
        assert greedy.objective <= exact.objective + 1e-9
        assert_feasible(exact, candidates, budget)
        assert_feasible(greedy, candidates, budget)
        off = planning.plan_budget(
            candidates, budget=budget, method="milp", mip_rel_gap=0.0, prefer_under_jp=False
        )
        greedy_off = planning.plan_budget(
            candidates, budget=budget, method="greedy", prefer_under_jp=False
        )
        assert greedy_off.value <= off.value + 1e-9


def test_milp_matches_brute_force_on_tiny_problems():
    rng = np.random.default_rng(3)
    for _ in range(12):
        candidates = random_candidates(rng, n_people=3, n_programmes=3, n_comps=3)
        if len(candidates) > 12:
            candidates = candidates.iloc[:12]
        budget = float(rng.choice([2, 4, 6]))
        exact = planning.plan_budget(candidates, budget=budget, method="milp", mip_rel_gap=0.0)
        assert exact.objective == pytest.approx(brute_force(candidates, budget))


def test_one_programme_per_competency_per_person():
    candidates = candidates_frame(
        [
            ("a", "P1", 2.0, 0.0, ("M.01", "M.02")),
            ("a", "P2", 1.0, 0.0, ("M.02",)),
            ("a", "P3", 1.5, 0.0, ("M.01", "M.03")),
            ("a", "P4", 1.0, 0.0, ("M.04",)),
        ]
    )
    for method in ("milp", "greedy"):
        plan = planning.plan_budget(candidates, budget=0.0, method=method).plan
        cells = plan[["employee_id", "competencies"]].explode("competencies")
        assert not cells.duplicated().any()
    # optimum: P2 + P3 + P4 = 3.5 beats P1 + P4 = 3.0
    best = planning.plan_budget(candidates, budget=0.0, method="milp")
    assert best.plan["program_id"].tolist() == ["P2", "P3", "P4"]


def test_prefer_under_jp_changes_the_choice():
    # One seat; a closes 1.0 and has 30 JP, b closes 0.9 and has 0 JP.
    candidates = candidates_frame(
        [("a", "P1", 1.0, 1.0, ("M.01",), False), ("b", "P1", 0.9, 1.0, ("M.01",), True)],
        capacity={"P1": 1},
    )
    for method in ("milp", "greedy"):
        off = planning.plan_budget(candidates, budget=10.0, method=method, prefer_under_jp=False)
        on = planning.plan_budget(candidates, budget=10.0, method=method)
        assert off.plan["employee_id"].tolist() == ["a"]
        assert on.plan["employee_id"].tolist() == ["b"]  # 0.9 × 1.25 = 1.125 > 1.0
        assert on.objective == pytest.approx(1.125) and on.value == pytest.approx(0.9)
        small = planning.plan_budget(candidates, budget=10.0, method=method, under_jp_bonus=0.1)
        assert small.plan["employee_id"].tolist() == ["a"]  # 0.99 < 1.0


def test_budget_curve_is_monotone_and_bounded():
    rng = np.random.default_rng(11)
    candidates = random_candidates(rng, n_people=8)
    candidates["shortfalls"] = [tuple(1.0 for _ in c) for c in candidates["competencies"]]
    curve = planning.budget_curve(candidates, [20, 0, 5, 10], prefer_under_jp=False)
    assert curve["budget"].tolist() == [0.0, 5.0, 10.0, 20.0]
    assert (curve["cost"] <= curve["budget"] + 1e-9).all()
    assert curve["value"].is_monotonic_increasing
    assert curve["optimal"].all()
    assert np.isnan(curve["extra_value_per_step"].iloc[0])
    share = planning.budget_curve(candidates, [5], total_need=100.0)["share_covered"].iloc[0]
    assert share == pytest.approx(planning.plan_budget(candidates, budget=5).value / 100.0)


def test_plan_errors_name_the_parameter():
    with pytest.raises(
        ParameterError,
        match=r"The 'method' parameter of plan_budget must be one of 'auto', 'milp', 'greedy'. Got 'exact' instead.",
    ):
        planning.plan_budget(HAND, budget=1.0, method="exact")
    with pytest.raises(ParameterError, match="The 'budget' parameter of plan_budget"):
        planning.plan_budget(HAND, budget=-1)
    with pytest.raises(ParameterError, match="one row per employee_id"):
        planning.plan_budget(pd.concat([HAND, HAND.iloc[:1]]), budget=1.0)
    with pytest.raises(MissingColumnError, match="plan_budget needs the column"):
        planning.plan_budget(HAND.drop(columns="competencies"), budget=1.0)


# ---------------------------------------------------------------------------
# 3b. Fast and the same: the LP bound first, one model for the curve, the plan reused.
# ---------------------------------------------------------------------------
def count_solves(monkeypatch, unsolved=False):
    """Count planning's solves: LP relaxations (``_relax``) and branch and cut (scipy milp).

    With ``unsolved`` branch and cut returns no plan (as at a time limit with none found).
    """
    calls = {"lp": 0, "mip": 0}
    real, real_relax = planning.milp, planning._relax

    def counting(c, *, integrality, **kwargs):
        kind = "mip" if np.any(integrality) else "lp"
        calls[kind] += 1
        if kind == "mip" and unsolved:
            return OptimizeResult(x=None, status=1, mip_gap=None, mip_dual_bound=None)
        return real(c, integrality=integrality, **kwargs)

    def relaxing(*args, **kwargs):
        calls["lp"] += 1
        return real_relax(*args, **kwargs)

    monkeypatch.setattr(planning, "milp", counting)
    monkeypatch.setattr(planning, "_relax", relaxing)
    return calls


def count_builds(monkeypatch):
    builds = []
    real = planning._problem
    monkeypatch.setattr(planning, "_problem", lambda *a, **k: builds.append(1) or real(*a, **k))
    return builds


KNAPSACK = candidates_frame(  # LP: 5/3 of a place at budget 5; the best plan: one place
    [("a", "P1", 1.0, 3.0, ("M.01",)), ("b", "P2", 1.0, 3.0, ("M.01",))]
)


def test_plan_equals_the_plain_milp_by_hand_and_at_random():
    bench = load_benchmark("bench_planning")
    for budget in (0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 100.0):
        ours = planning.plan_budget(HAND, budget=budget, mip_rel_gap=0.0)
        plain = bench.reference_plan(HAND, budget, mip_rel_gap=0.0, time_limit=60.0)
        assert ours.optimal and plain["optimal"]
        assert ours.objective == pytest.approx(plain["objective"], abs=1e-9)
    rng = np.random.default_rng(5)
    for _ in range(25):
        candidates = random_candidates(rng)
        budget = float(rng.choice([0, 2, 5, 8, 15]))
        ours = planning.plan_budget(candidates, budget=budget, mip_rel_gap=0.0)
        plain = bench.reference_plan(candidates, budget, mip_rel_gap=0.0, time_limit=60.0)
        assert ours.optimal and ours.objective == pytest.approx(plain["objective"], abs=1e-9)
        assert_feasible(ours, candidates, budget)


def test_lp_bound_proves_the_plan_without_branching(monkeypatch):
    calls = count_solves(monkeypatch)
    result = planning.plan_budget(HAND, budget=100.0, mip_rel_gap=0.0)  # the LP is integral
    assert calls == {"lp": 1, "mip": 0}
    assert result.optimal and result.status == 0 and result.mip_gap == 0.0
    assert result.objective == pytest.approx(brute_force(HAND, 100.0))


def test_lp_bound_too_far_falls_back_to_branch_and_cut(monkeypatch):
    calls = count_solves(monkeypatch)
    result = planning.plan_budget(KNAPSACK, budget=5.0, mip_rel_gap=1e-3)
    assert calls == {"lp": 1, "mip": 1}  # 1 place vs the bound 5/3: 67 % > 0.1 %
    assert result.optimal and result.objective == 1.0 and len(result.plan) == 1
    # a gap that wide accepts the rounded LP plan, and says how far it may be
    loose = planning.plan_budget(KNAPSACK, budget=5.0, mip_rel_gap=0.7)
    assert calls == {"lp": 2, "mip": 1}
    assert loose.optimal and loose.status == 0 and loose.mip_gap == pytest.approx(2 / 3)


def test_rounded_plan_is_kept_when_branch_and_cut_finds_none(monkeypatch):
    calls = count_solves(monkeypatch, unsolved=True)
    result = planning.plan_budget(KNAPSACK, budget=5.0, mip_rel_gap=1e-3)
    assert calls == {"lp": 1, "mip": 1}
    assert not result.optimal and result.status == 1  # honest: not proved
    assert result.objective == 1.0 and result.mip_gap == pytest.approx(2 / 3)
    assert_feasible(result, KNAPSACK, 5.0)


def test_budget_curve_builds_once_and_reuses_the_plan(monkeypatch):
    candidates = HAND.assign(shortfalls=[tuple(1.0 for _ in c) for c in HAND["competencies"]])
    plan = planning.plan_budget(candidates, budget=5.0, mip_rel_gap=0.0)
    builds, calls = count_builds(monkeypatch), count_solves(monkeypatch)
    curve = planning.budget_curve(candidates, [0, 2, 5], plans=[plan], mip_rel_gap=0.0)
    assert len(builds) == 1 and calls["lp"] == 2  # levels 0 and 2; 5 is the plan's
    assert curve["value"].iloc[-1] == plan.value and curve["optimal"].all()
    marked = dataclasses.replace(plan, value=123.0)
    again = planning.budget_curve(candidates, [0, 2, 5], plans=[marked], mip_rel_gap=0.0)
    assert again["value"].tolist() == [*curve["value"].iloc[:2], 123.0]
    builds.clear()
    alone = planning.budget_curve(candidates, [5], plans=[marked])
    assert alone["value"].tolist() == [123.0] and builds == []  # nothing left to solve
    plain = [planning.plan_budget(candidates, budget=b, mip_rel_gap=0.0).value for b in (0, 2, 5)]
    assert curve["value"].tolist() == plain


def test_budget_curve_option_errors_name_the_parameter():
    with pytest.raises(
        ParameterError,
        match=r"The 'plans' parameter of budget_curve must hold PlanResult objects made by "
        r"plan_budget. Got float instead.",
    ):
        planning.budget_curve(HAND, [0, 5], plans=[5.0])
    with pytest.raises(
        ParameterError,
        match=r"The options of budget_curve must be parameters of plan_budget: 'method', .*"
        r"Got 'gap' instead.",
    ):
        planning.budget_curve(HAND, [0, 5], gap=0.1)
    with pytest.raises(ParameterError, match="The 'mip_rel_gap' parameter of budget_curve"):
        planning.budget_curve(HAND, [0, 5], mip_rel_gap=-1.0)


def test_relaxation_is_the_vertex_scipy_milp_returns():
    from scipy.optimize import Bounds

    rng = np.random.default_rng(8)
    for _ in range(15):
        candidates = random_candidates(rng, n_people=12, n_programmes=6)
        p = planning._planner(candidates, "t", **planning._PLAN_OPTIONS).problem
        for budget in (0.0, 3.0, 7.0):
            constraint = planning._constraints(p, budget)
            x, fun = planning._relax(p, constraint, 60.0)
            plain = planning.milp(
                -p.objective,
                integrality=np.zeros(len(p.objective)),
                bounds=Bounds(0, 1),
                constraints=constraint,
                options={"time_limit": 60.0},
            )
            assert np.array_equal(x, plain.x) and fun == plain.fun


def test_relaxation_falls_back_to_milp_when_the_bundled_binding_fails(monkeypatch):
    rng = np.random.default_rng(10)
    candidates = random_candidates(rng, n_people=12, n_programmes=6)
    p = planning._planner(candidates, "t", **planning._PLAN_OPTIONS).problem
    constraint = planning._constraints(p, 3.0)
    expected = planning._relax(p, constraint, 60.0)

    def changed(*args, **kwargs):  # as if a new scipy renamed a method of its binding
        raise AttributeError("'_Highs' object has no attribute 'passModel'")

    monkeypatch.setattr(planning, "_relax_highs", changed)
    x, fun = planning._relax(p, constraint, 60.0)
    assert np.array_equal(x, expected[0]) and fun == expected[1]
    assert p.highs is None  # nothing to warm-start from


def test_warm_relaxation_reaches_the_same_optimum():
    rng = np.random.default_rng(9)
    for _ in range(10):
        candidates = random_candidates(rng, n_people=15, n_programmes=6)
        p = planning._planner(candidates, "t", **planning._PLAN_OPTIONS).problem
        cold = {b: planning._relax(p, planning._constraints(p, b), 60.0) for b in (9.0, 4.0, 1.0)}
        planning._relax(p, planning._constraints(p, 9.0), 60.0)
        for b in (4.0, 1.0):
            kept = p.highs
            x, fun = planning._relax(p, planning._constraints(p, b), 60.0, warm=True)
            assert p.highs is kept  # the same HiGHS, from its last basis
            # its time limit counts all its runs: each run gets the full 60 s
            limit = kept.getOptionValue("time_limit")
            limit = limit[-1] if isinstance(limit, tuple) else limit
            assert 60.0 < limit <= 60.0 + kept.getRunTime()
            assert fun == pytest.approx(cold[b][1], abs=1e-9)
            assert planning._constraints(p, b).residual(x)[1].min() >= -1e-9  # within budget


def test_budget_curve_warm_start_stays_within_the_gap(monkeypatch, sample_dir):
    bench = load_benchmark("bench_planning")
    candidates, _ = bench.notebook_candidates(sample_dir, "ambon")
    levels = narrative.budget_levels(300_000_000)
    exact = planning.budget_curve(candidates, levels, mip_rel_gap=0.0, prefer_under_jp=False)
    warms = []
    real = planning._solve_milp
    monkeypatch.setattr(
        planning, "_solve_milp", lambda *a, **k: warms.append(k["warm"]) or real(*a, **k)
    )
    options = {"mip_rel_gap": 1e-3, "time_limit": 20.0, "prefer_under_jp": False}
    warm = planning.budget_curve(candidates, levels, warm_start=True, **options)
    assert warms == [False, True, True, True]  # the largest budget cold, then down from it
    assert warm["optimal"].all() and (warm["method"] == "milp").all()
    assert (warm["cost"] <= warm["budget"]).all()
    best = exact["value"].to_numpy()
    assert (warm["value"].to_numpy() >= best / (1 + 1e-3) - 1e-9).all()
    assert (warm["value"].to_numpy() <= best + 1e-9).all()
    top = planning.plan_budget(candidates, budget=levels[-1], **options)
    assert warm["value"].iloc[-1] == top.value and warm["n_places"].iloc[-1] == len(top.plan)
    with pytest.raises(ParameterError, match="The 'warm_start' parameter of budget_curve"):
        planning.budget_curve(candidates, levels, warm_start="yes")


def test_budget_curve_on_the_sample_equals_the_plain_milp(sample_dir):
    bench = load_benchmark("bench_planning")
    candidates, need = bench.notebook_candidates(sample_dir, "ambon")
    levels = narrative.budget_levels(500_000_000)
    # exact: the same optimum at every level (no bonus: value = what is maximised)
    curve = planning.budget_curve(candidates, levels, mip_rel_gap=0.0, prefer_under_jp=False)
    plain = [
        bench.reference_plan(candidates, b, mip_rel_gap=0.0, time_limit=60.0, bonus=0.0)
        for b in levels
    ]
    assert curve["optimal"].all() and all(p["optimal"] for p in plain)
    assert curve["value"].tolist() == pytest.approx([p["objective"] for p in plain], abs=1e-9)
    # as the template solves it: within 0.1 % of the optimum, flags truthful, plan reused
    plan = planning.plan_budget(candidates, budget=500_000_000, **bench.SOLVER)
    fast = planning.budget_curve(candidates, levels, total_need=need, plans=[plan], **bench.SOLVER)
    assert fast["value"].iloc[-1] == plan.value and fast["optimal"].all()
    for b, value in zip(levels, fast["value"], strict=True):
        ours = planning.plan_budget(candidates, budget=b, **bench.SOLVER)
        best = bench.reference_plan(candidates, b, mip_rel_gap=0.0, time_limit=60.0)
        assert ours.value == value and ours.optimal and ours.mip_gap <= 1e-3
        assert best["objective"] / (1 + 1e-3) - 1e-9 <= ours.objective <= best["objective"] + 1e-9
        assert_feasible(ours, candidates, b)


# ---------------------------------------------------------------------------
# 4. Modality mix.
# ---------------------------------------------------------------------------
def test_modality_mix_and_70_20_10():
    plan = pd.DataFrame(
        {"program_id": ["P1", "P2", "P3", "P4", "P4"], "jp": [np.nan, 6.0, np.nan, np.nan, np.nan]}
    )
    mix = planning.modality_mix(plan, PROGRAMS).set_index(["dimension", "category"])
    total = 24 + 6 + 16 + 80 + 80
    assert mix.loc[("mode", "klasikal"), "share"] == pytest.approx(24 / total)
    assert mix.loc[("form", "magang"), "n_participants"] == 2
    assert mix.loc[("model", "experiential"), "share"] == pytest.approx(160 / total)
    assert mix.loc[("model", "social"), "share"] == pytest.approx(16 / total)
    assert mix.loc[("model", "formal"), "share"] == pytest.approx(30 / total)
    assert mix.loc[("model", "formal"), "difference"] == pytest.approx(30 / total - 0.10)
    by_people = planning.modality_mix(plan, PROGRAMS, basis="participants")
    model = by_people[by_people["dimension"] == "model"].set_index("category")["share"]
    assert model.to_dict() == pytest.approx({"experiential": 0.4, "social": 0.2, "formal": 0.4})
    assert set(planning.FORM_MODEL) == {
        "pelatihan",
        "seminar",
        "workshop",
        "kursus",
        "penataran",
        "bimbingan_teknis",
        "e_learning",
        "coaching",
        "mentoring",
        "magang",
        "detasering",
        "pertukaran",
        "benchmarking",
        "belajar_mandiri",
        "pelatihan_jarak_jauh",
    }


# ---------------------------------------------------------------------------
# 5. Mentoring.
# ---------------------------------------------------------------------------
def random_gaps(rng, n=40, comps=("M.01", "M.02", "M.03")):
    rows = []
    for i in range(n):
        unit = f"U{rng.integers(0, 4)}"
        region = f"R{rng.integers(0, 2)}"
        for c in comps:
            required = float(rng.integers(1, 4))
            level = float(
                rng.choice([np.nan, 1, 1.5, 2, 3, 4, 5], p=[0.1, 0.2, 0.1, 0.2, 0.2, 0.1, 0.1])
            )
            rows.append((f"e{i}", region, unit, c, required, level))
    frame = pd.DataFrame(
        rows,
        columns=["employee_id", "region_id", "unit", "competency_id", "required_level", "level"],
    )
    frame["weight"] = 1.0
    frame["gap"] = frame["level"] - frame["required_level"]
    return frame


def test_mentoring_pairs_respect_every_rule():
    rng = np.random.default_rng(5)
    g = random_gaps(rng)
    pairs = planning.mentoring_pairs(g, capacity=2)
    assert len(pairs) > 0
    cell = g.set_index(["employee_id", "competency_id"])
    for row in pairs.itertuples():
        mentor = cell.loc[(row.mentor_id, row.competency_id)]
        mentee = cell.loc[(row.mentee_id, row.competency_id)]
        assert row.mentor_id != row.mentee_id
        assert mentor["level"] >= mentor["required_level"] + 1  # level rule
        assert mentor["level"] >= mentee["required_level"]  # meets the mentee's standard
        assert mentee["level"] < mentee["required_level"]  # mentee has the shortfall
        assert mentor["region_id"] == mentee["region_id"]  # never across regions
        assert row.same_unit == (mentor["unit"] == mentee["unit"])
    assert pairs.groupby("mentor_id").size().max() <= 2  # capacity
    assert not pairs.duplicated(["mentee_id", "competency_id"]).any()  # one mentor per need
    # maximum: every need with an eligible mentor that has a free slot is paired; here
    # the number of pairs equals a bound computed competency by competency when slots suffice
    for cap in (1, 3):
        assert planning.mentoring_pairs(g, capacity=cap).groupby("mentor_id").size().max() <= cap


def test_mentoring_prefers_the_same_unit():
    g = pd.DataFrame(
        {
            "employee_id": ["m_a", "m_b", "x", "y"],
            "unit": ["A", "B", "B", "A"],
            "competency_id": ["M.01"] * 4,
            "required_level": [2.0, 2.0, 2.0, 2.0],
            "level": [4.0, 4.0, 1.0, 1.5],
        }
    )
    pairs = planning.mentoring_pairs(g, capacity=1).set_index("mentee_id")
    assert pairs.loc["x", "mentor_id"] == "m_b"
    assert pairs.loc["y", "mentor_id"] == "m_a"
    assert pairs["same_unit"].all()
    no_bonus = planning.mentoring_pairs(g, capacity=1, same_unit_bonus=0.0)
    assert len(no_bonus) == 2  # still everyone paired
    # count comes first: with one mentor in A and two needs in A and B, capacity 2, both paired
    g2 = g[g["employee_id"] != "m_b"]
    assert len(planning.mentoring_pairs(g2, capacity=2)) == 2


def reference_mentoring(g, capacity=2, bonus=1.0, margin=1.0, meets=True):
    """(pairs, Σ shortfall × weight + bonus × same unit) by brute force on a dense matrix.

    Written from the docstring alone: per region, every mentor slot × every need row,
    allowed pairs worth ``big`` + benefit, one ``linear_sum_assignment``.
    """
    from scipy.optimize import linear_sum_assignment

    n_pairs, total = 0, 0.0
    weight = g["weight"] if "weight" in g else pd.Series(1.0, index=g.index)
    g = g.assign(w=weight.fillna(1.0)).dropna(subset=["level", "required_level"])
    for _, part in g.groupby("region_id"):
        mentors = part[part["level"] >= part["required_level"] + margin]
        needs = part[part["level"] < part["required_level"]]
        unit = mentors.drop_duplicates("employee_id").set_index("employee_id")["unit"]
        people = list(unit.index)
        benefit = np.zeros((len(people), len(needs)))
        allowed = np.zeros_like(benefit, dtype=bool)
        for i, m in enumerate(people):
            mine = mentors[mentors["employee_id"] == m].set_index("competency_id")["level"]
            for j, d in enumerate(needs.itertuples()):
                level = mine.get(d.competency_id, np.nan)
                ok = not np.isnan(level) and m != d.employee_id
                if ok and (not meets or level >= d.required_level):
                    allowed[i, j] = True
                    same = unit[m] == d.unit
                    benefit[i, j] = (d.required_level - d.level) * d.w + bonus * same
        big = benefit.sum() + 1.0
        slots = np.repeat(np.where(allowed, big + benefit, 0.0), capacity, axis=0)
        rows, cols = linear_sum_assignment(slots, maximize=True)
        keep = allowed[rows // capacity, cols]
        n_pairs += int(keep.sum())
        total += float(benefit[rows // capacity, cols][keep].sum())
    return n_pairs, total


def mentoring_score(pairs, bonus=1.0):
    return len(pairs), float(pairs["shortfall"].sum() + bonus * pairs["same_unit"].sum())


def assert_valid_pairs(pairs, g, capacity, margin=1.0, meets=True):
    """Every pair keeps every rule, and its shortfall and same_unit are the true ones."""
    cell = g.set_index(["employee_id", "competency_id"])
    weight = cell["weight"].fillna(1.0) if "weight" in cell else 1.0
    for row in pairs.itertuples():
        mentor = cell.loc[(row.mentor_id, row.competency_id)]
        mentee = cell.loc[(row.mentee_id, row.competency_id)]
        assert row.mentor_id != row.mentee_id
        assert mentor["level"] >= mentor["required_level"] + margin
        assert not meets or mentor["level"] >= mentee["required_level"]
        assert mentee["level"] < mentee["required_level"]
        assert mentor["region_id"] == mentee["region_id"]
        assert row.same_unit == (mentor["unit"] == mentee["unit"])
        w = weight if np.isscalar(weight) else weight.loc[(row.mentee_id, row.competency_id)]
        short = (mentee["required_level"] - mentee["level"]) * w
        assert row.shortfall == pytest.approx(short)
        assert row.mentor_level == mentor["level"] and row.mentee_level == mentee["level"]
    assert (pairs.groupby("mentor_id").size() <= capacity).all()
    assert not pairs.duplicated(["mentee_id", "competency_id"]).any()


@pytest.mark.parametrize("seed", range(12))
def test_mentoring_flow_is_as_good_as_the_dense_assignment(seed, monkeypatch):
    # the flow model on clean data (the dense fallback must not run), against brute force
    def no_dense(*args):
        raise AssertionError("dense fallback used on clean data")

    monkeypatch.setattr(planning, "_assign_dense", no_dense)
    rng = np.random.default_rng(100 + seed)
    comps = [f"C{k}" for k in range(int(rng.integers(1, 5)))]
    g = random_gaps(rng, n=int(rng.integers(4, 36)), comps=comps)
    g["unit"] = [f"U{k}" for k in rng.integers(0, int(rng.integers(1, 5)), len(g))]
    g["unit"] = g.groupby("employee_id")["unit"].transform("first")
    g["weight"] = rng.choice([0.5, 1.0, 1.5, 2.0, np.nan], len(g))
    g["required_level"] = rng.choice([1.0, 2.0, 3.0, 4.0], len(g))
    for capacity, bonus, margin, meets in [
        (1, 1.0, 1.0, True),
        (2, 0.0, 1.0, True),
        (3, 3.0, 0.0, False),
        (2, 0.5, 0.0, True),
    ]:
        pairs = planning.mentoring_pairs(
            g,
            capacity=capacity,
            same_unit_bonus=bonus,
            margin=margin,
            mentor_meets_mentee_standard=meets,
        )
        assert_valid_pairs(pairs, g, capacity, margin, meets)
        n_ref, total_ref = reference_mentoring(g, capacity, bonus, margin, meets)
        n_new, total_new = mentoring_score(pairs, bonus)
        assert n_new == n_ref
        assert total_new == pytest.approx(total_ref, abs=1e-9)


def test_mentoring_reference_catches_a_suboptimal_pairing():
    # the check above has teeth: one mentor, two needs, capacity 1; the larger shortfall wins
    g = pd.DataFrame(
        {
            "employee_id": ["m", "x", "y"],
            "region_id": ["R"] * 3,
            "unit": ["A", "B", "B"],
            "competency_id": ["M.01"] * 3,
            "required_level": [2.0, 3.0, 3.0],
            "level": [4.0, 2.5, 1.0],
            "weight": [1.0] * 3,
        }
    )
    pairs = planning.mentoring_pairs(g, capacity=1)
    assert pairs["mentee_id"].tolist() == ["y"]
    assert reference_mentoring(g, capacity=1) == (1, 2.0) == mentoring_score(pairs)
    worse = pairs.assign(mentee_id="x", shortfall=0.5)
    assert mentoring_score(worse) != reference_mentoring(g, capacity=1)


def test_mentoring_result_does_not_depend_on_row_order():
    rng = np.random.default_rng(11)
    g = random_gaps(rng, n=60, comps=("M.01", "M.02", "M.03", "M.04"))
    first = planning.mentoring_pairs(g, capacity=2)
    for seed in range(3):
        shuffled = g.sample(frac=1.0, random_state=seed)
        pd.testing.assert_frame_equal(planning.mentoring_pairs(shuffled, capacity=2), first)


def test_mentoring_with_duplicated_rows_falls_back_to_the_dense_assignment():
    # x is listed twice in M.01: once as a mentor, once with a shortfall
    g = pd.DataFrame(
        {
            "employee_id": ["x", "x", "m", "y"],
            "region_id": ["R"] * 4,
            "unit": ["A"] * 4,
            "competency_id": ["M.01"] * 4,
            "required_level": [2.0, 2.0, 2.0, 2.0],
            "level": [4.0, 1.0, 4.0, 1.0],
        }
    )
    pairs = planning.mentoring_pairs(g, capacity=1)
    assert len(pairs) == 2 and (pairs["mentor_id"] != pairs["mentee_id"]).all()
    assert set(pairs["mentee_id"]) == {"x", "y"}


def test_mentoring_on_the_sample_equals_the_dense_assignment(sample_dir):
    for region in ("plaju", "kertapati", "tanjungpinang"):
        ds = load_dataset(sample_dir, region=region)
        g = gaps.competency_gaps(ds.employees, ds.assessments, ds.standards, ds.competencies)
        g = g[g["level"].notna()]
        pairs = planning.mentoring_pairs(g, capacity=2)
        assert_valid_pairs(pairs, g, 2)
        n_ref, total_ref = reference_mentoring(g, capacity=2)
        assert mentoring_score(pairs) == (n_ref, pytest.approx(total_ref, abs=1e-9))


def test_mentoring_coverage_counts():
    rng = np.random.default_rng(5)
    g = random_gaps(rng)
    pairs = planning.mentoring_pairs(g)
    cov = planning.mentoring_coverage(pairs, g, by="unit")
    assert cov["n_paired"].sum() == len(pairs)
    assert cov["n_shortfalls"].sum() == int((g["level"] < g["required_level"]).sum())
    assert cov["n_staff"].sum() == g["employee_id"].nunique()
    assert (cov["n_paired"] <= cov["n_shortfalls"]).all()
    assert cov["n_same_unit"].sum() == int(pairs["same_unit"].sum())


# ---------------------------------------------------------------------------
# Inputs never change; the real sample end to end; the benchmark.
# ---------------------------------------------------------------------------
def test_inputs_unchanged():
    rng = np.random.default_rng(2)
    g = random_gaps(rng, n=15)
    frames = {
        "participation": PARTICIPATION,
        "programs": PROGRAMS,
        "employees": EMPLOYEES,
        "gaps": g,
        "hand": HAND,
    }
    before = {k: v.copy(deep=True) for k, v in frames.items()}
    pc = pd.DataFrame({"program_id": ["P1", "P2"], "competency_id": ["M.01", "M.02"]})
    earned = planning.jp_earned(PARTICIPATION, PROGRAMS, year=2025)
    planning.jp_compliance(EMPLOYEES, earned)
    candidates = planning.programme_candidates(g, PROGRAMS, pc, earned=earned)
    cand_before = candidates.copy(deep=True)
    planning.plan_budget(candidates, budget=5e6)
    planning.plan_budget(HAND, budget=5.0, method="greedy")
    planning.budget_curve(candidates, [0, 1e7])
    planning.match_programmes(planning.group_needs(g), PROGRAMS, pc)
    planning.modality_mix(PARTICIPATION, PROGRAMS)
    pairs = planning.mentoring_pairs(g)
    planning.mentoring_coverage(pairs, g)
    for key, frame in frames.items():
        pd.testing.assert_frame_equal(frame, before[key])
    pd.testing.assert_frame_equal(candidates, cand_before)


def test_end_to_end_on_plaju(sample_dir):
    ds = load_dataset(sample_dir, region="plaju")
    g = gaps.competency_gaps(ds.employees, ds.assessments, ds.standards, ds.competencies)
    earned = planning.jp_earned(ds.participation, ds.programs, year=2025)
    compliance = planning.jp_compliance(ds.employees, earned)
    assert compliance["n_staff"].sum() == len(ds.employees)
    candidates = planning.programme_candidates(
        g, ds.programs, ds.program_competencies, earned=earned
    )
    assert len(candidates) > 0 and (candidates["value"] > 0).all()
    assert set(candidates["employee_id"]) <= set(ds.employees["employee_id"])
    # value = Σ weighted shortfall over the programme's competencies (check one row)
    row = candidates.iloc[0]
    person = g[
        (g["employee_id"] == row["employee_id"]) & (g["competency_id"].isin(row["competencies"]))
    ]
    assert row["value"] == pytest.approx(
        float((-person["gap"].clip(upper=0) * person["weight"]).sum())
    )
    budget = 100_000_000.0
    result = planning.plan_budget(candidates, budget=budget)
    assert result.method == "milp" and result.optimal
    assert_feasible(result, candidates, budget)
    greedy = planning.plan_budget(candidates, budget=budget, method="greedy")
    assert greedy.objective <= result.objective * (1 + 1e-6)
    assert (result.jp_per_person["jp_after"] >= result.jp_per_person["jp_earned"]).all()
    curve = planning.budget_curve(candidates, [0, 5e7, 1e8])
    assert curve["value"].is_monotonic_increasing
    assert ((curve["share_covered"] >= 0) & (curve["share_covered"] <= 1 + 1e-9)).all()
    mix = planning.modality_mix(result.plan, ds.programs)
    assert mix.groupby("dimension")["share"].sum().to_dict() == pytest.approx(
        {"mode": 1.0, "form": 1.0, "model": 1.0}
    )
    needs = planning.group_needs(g, by="unit")
    matched = planning.match_programmes(needs, ds.programs, ds.program_competencies)
    assert (matched["rank"] >= 1).all()
    pairs = planning.mentoring_pairs(g)
    coverage = planning.mentoring_coverage(pairs, g)
    assert coverage["n_paired"].sum() == len(pairs)


def test_planning_benchmark_quick_run_is_correct(sample_dir):
    bench = load_benchmark("bench_planning")
    # the session sample (scale 0.05) instead of writing another; plans are checked inside
    result = bench.run(repeat=1, regions=("plaju", "kertapati"), dataset_dir=sample_dir)
    rows = {r["region"]: r for r in result["regions"]}
    assert bench.BUDGETS == {"kecamatan": 100_000_000.0, "kota": 1_000_000_000.0}
    assert rows["plaju"]["budget"] == rows["kertapati"]["budget"] == 100_000_000.0
    for row in rows.values():
        assert row["milp_optimal"]
        assert row["milp_cost"] <= row["budget"]
        assert row["greedy_value"] <= row["milp_value"] * 1.3  # value, not the objective
        assert 0 <= row["greedy_relative_gap"] <= 1
    # the template's plan + curve, before vs after (each level checked inside)
    curve = result["curve"]
    assert curve["region"] == "ambon" and curve["levels"] == [i * 1e8 for i in range(6)]
    assert curve["before_s_median"] > 0 and curve["after_s_median"] > 0
    assert all(curve["optimal_before"]) and len(curve["value_after"]) == 6
    # mentoring pairs, dense assignment vs flow (rules, count and total checked inside)
    mentoring = result["mentoring"]
    assert mentoring["region"] == "ambon" and mentoring["pairs"] > 0
    assert mentoring["before_s_median"] > 0 and mentoring["after_s_median"] > 0


def test_mentoring_without_mentors_is_empty_not_an_error():
    g = pd.DataFrame(
        {
            "employee_id": ["a", "b"],
            "unit": ["A", "A"],
            "competency_id": ["M.01", "M.01"],
            "required_level": [2.0, 2.0],
            "level": [2.5, 1.0],  # a is above standard but not by a whole level
            "gap": [0.5, -1.0],
        }
    )
    pairs = planning.mentoring_pairs(g)
    assert pairs.empty and pairs["shortfall"].dtype == "float64"
    cov = planning.mentoring_coverage(pairs, g)
    assert cov[["n_staff", "n_shortfalls", "n_paired", "n_mentors"]].iloc[0].tolist() == [
        2,
        1,
        0,
        0,
    ]


def test_units_that_cannot_leave_their_post_get_nonklasikal_programmes():
    # One person in a Puskesmas, one competency, two programmes that both close it:
    # a klasikal bimtek closing 2 levels and an e-learning closing 1 (one per competency).
    candidates = pd.DataFrame(
        {
            "employee_id": ["a", "a"],
            "unit": ["Puskesmas", "Puskesmas"],
            "program_id": ["BIMTEK", "ELEARN"],
            "mode": ["klasikal", "nonklasikal"],
            "value": [2.0, 1.0],
            "cost": [1e6, 1e6],
            "capacity": [10, 10],
            "competencies": [("M.05",), ("M.05",)],
        }
    )
    before = candidates.copy(deep=True)
    free = planning.plan_budget(candidates, budget=1e7)
    assert free.plan["program_id"].tolist() == ["BIMTEK"]
    held = planning.plan_budget(candidates, budget=1e7, nonklasikal_units={"Puskesmas"})
    assert held.plan["program_id"].tolist() == ["ELEARN"]
    assert held.value == 1.0  # the true shortfall covered, not the weighted objective
    # Only preferred: 2 × 0.6 = 1.2 still beats 1.0.
    soft = planning.plan_budget(
        candidates, budget=1e7, nonklasikal_units={"Puskesmas"}, klasikal_weight=0.6
    )
    assert soft.plan["program_id"].tolist() == ["BIMTEK"]
    other = planning.plan_budget(candidates, budget=1e7, nonklasikal_units={"Kantor Camat"})
    assert other.plan["program_id"].tolist() == ["BIMTEK"]
    pd.testing.assert_frame_equal(candidates, before)
