"""TrainingNeedsClusterer at national size (5.6 million × 9 shortfalls) and for one region.

    .venv/bin/python benchmarks/bench_clustering.py            # 5.6 M rows + one region (6 000)
    .venv/bin/python benchmarks/bench_clustering.py --quick    # 20 000 rows, seconds

The shortfall vectors are generated directly as an array: each employee
belongs to one of ``GROUPS`` planted need profiles (which competencies they
fall short in), plus noise, rounded to half levels and clipped at 0 like
real shortfalls. Timed (median of ``--repeat`` runs): a fit with a fixed k
and a fit with ``n_clusters="auto"`` (k = 2..8 by silhouette) on the
national array, and the same two on one region's worth of rows. Above
``large_threshold`` rows the clusterer fits k-means on a subsample and
predicts every row (see the estimator's docstring). Peak memory is measured
with tracemalloc in a separate run of the auto fit (tracemalloc slows every
allocation down; the input array is excluded). The adjusted Rand index
against the planted groups checks that the fast path finds them. Results are
printed and written to ``benchmarks/results/clustering.json``.
"""

from __future__ import annotations

import argparse
import sys
import tracemalloc

import numpy as np
from benchlib import print_table, timed, write_results
from sklearn.metrics import adjusted_rand_score

from kompetensi_toolkit.clustering import TrainingNeedsClusterer

NATIONAL_EMPLOYEES = 5_600_000
REGION_EMPLOYEES = 6_000
COMPETENCIES = 9
GROUPS = 6


def gap_vectors(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """(shortfalls of shape (n, 9), planted group of each row)."""
    rng = np.random.default_rng(seed)
    profiles = np.zeros((GROUPS, COMPETENCIES))
    for g in range(GROUPS):  # each group short in 2–3 competencies, the last group in none
        if g < GROUPS - 1:
            profiles[g, rng.choice(COMPETENCIES, 2 + g % 2, replace=False)] = 1.5 + 0.5 * (g % 3)
    group = rng.integers(0, GROUPS, n)
    x = rng.normal(0.0, 0.35, (n, COMPETENCIES))
    x += profiles[group]
    np.round(x * 2, out=x)
    x /= 2
    np.clip(x, 0.0, 4.0, out=x)
    return x, group


def run(
    n: int = NATIONAL_EMPLOYEES,
    region_n: int = REGION_EMPLOYEES,
    repeat: int = 3,
    *,
    large_threshold: int = 200_000,
    subsample: int = 500_000,
    memory: bool = True,
) -> dict:
    X, truth = gap_vectors(n)
    region_X, region_truth = gap_vectors(region_n, seed=2)
    params = {"random_state": 0, "large_threshold": large_threshold, "subsample": subsample}

    def fixed(data):
        return lambda: TrainingNeedsClusterer(n_clusters=GROUPS, **params).fit(data)

    def auto(data):
        return lambda: TrainingNeedsClusterer(**params).fit(data)

    fixed_s, fixed_est = timed(fixed(X), repeat=repeat)
    auto_s, auto_est = timed(auto(X), repeat=repeat)
    region_fixed_s, _ = timed(fixed(region_X), repeat=repeat)
    region_auto_s, region_est = timed(auto(region_X), repeat=repeat)
    peak = None
    if memory:  # a separate, untimed run
        tracemalloc.start()
        auto(X)()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {
        "benchmark": "clustering.TrainingNeedsClusterer.fit (k-means on standardised shortfalls)",
        "rows": n,
        "competencies": COMPETENCIES,
        "planted_groups": GROUPS,
        "large_threshold": large_threshold,
        "subsample": min(subsample, n),
        "subsampled": bool(auto_est.subsampled_),
        "fixed_k_s_median": round(fixed_s, 3),
        "auto_k_s_median": round(auto_s, 3),
        "auto_k_chosen": int(auto_est.n_clusters_),
        "auto_k_silhouettes": {k: round(v, 4) for k, v in auto_est.silhouette_scores_.items()},
        "ari_fixed_vs_planted": round(adjusted_rand_score(truth, fixed_est.labels_), 4),
        "ari_auto_vs_planted": round(adjusted_rand_score(truth, auto_est.labels_), 4),
        "auto_k_peak_mib": None if peak is None else round(peak / 2**20, 1),
        "region_rows": region_n,
        "region_fixed_k_s_median": round(region_fixed_s, 3),
        "region_auto_k_s_median": round(region_auto_s, 3),
        "region_auto_k_chosen": int(region_est.n_clusters_),
        "region_ari_auto_vs_planted": round(
            adjusted_rand_score(region_truth, region_est.labels_), 4
        ),
        "repeat": repeat,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=NATIONAL_EMPLOYEES)
    parser.add_argument("--region", type=int, default=REGION_EMPLOYEES)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="20 000 rows, one run")
    args = parser.parse_args(argv)
    extra = {}
    if args.quick:  # small, with a small threshold so the subsample path runs too
        args.employees, args.region, args.repeat = 20_000, 2_000, 1
        extra = {"large_threshold": 10_000, "subsample": 8_000}
    result = run(args.employees, args.region, args.repeat, **extra)
    write_results(result, "clustering")
    print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
