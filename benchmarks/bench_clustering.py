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
import time
import tracemalloc

import numpy as np
from benchlib import fmt_n, print_table, row, timed, write_results
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler

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


def naive_kmeans(X: np.ndarray, k: int, seed: int = 0) -> KMeans:
    """The plain library call: standardise, then ``KMeans`` on every row."""
    return KMeans(k, n_init="auto", random_state=seed).fit(StandardScaler().fit_transform(X))


def naive_auto(X: np.ndarray, ks=range(2, 9), sample: int = 10_000, seed: int = 0) -> dict:
    """k by silhouette the plain way: ``KMeans`` on every row for each k, then
    ``silhouette_score(..., sample_size=sample)``; seconds of each part and the k chosen."""
    Z = StandardScaler().fit_transform(X)
    kmeans_s = silhouette_s = 0.0
    scores = {}
    for k in ks:
        start = time.perf_counter()
        labels = KMeans(k, n_init="auto", random_state=seed).fit(Z).labels_
        middle = time.perf_counter()
        scores[k] = silhouette_score(Z, labels, sample_size=min(sample, len(Z)), random_state=seed)
        silhouette_s += time.perf_counter() - middle
        kmeans_s += middle - start
    return {"kmeans_s": kmeans_s, "silhouette_s": silhouette_s, "k": max(scores, key=scores.get)}


def run(
    n: int = NATIONAL_EMPLOYEES,
    region_n: int = REGION_EMPLOYEES,
    repeat: int = 3,
    *,
    large_threshold: int = 200_000,
    subsample: int = 500_000,
    memory: bool = True,
    naive_n: int = 500_000,
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
    # Naive: the plain library calls on the first naive_n rows, k-means extrapolated linearly
    # (the silhouette on a fixed sample does not grow with the rows).
    naive_n = min(naive_n, n)
    sub = X[:naive_n]
    naive_fixed_s, naive_fixed = timed(naive_kmeans, sub, GROUPS)
    plain = naive_auto(sub)
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
        "naive_subsample": naive_n,
        "naive_fixed_k_subsample_s": round(naive_fixed_s, 3),
        "naive_fixed_k_extrapolated_s": round(naive_fixed_s * n / naive_n, 2),
        "naive_auto_k_kmeans_subsample_s": round(plain["kmeans_s"], 3),
        "naive_auto_k_silhouette_s": round(plain["silhouette_s"], 3),
        "naive_auto_k_extrapolated_s": round(
            plain["kmeans_s"] * n / naive_n + plain["silhouette_s"], 2
        ),
        "naive_auto_k_chosen": int(plain["k"]),
        # The two paths find the same groups (labels are permuted, ARI ignores that).
        "ari_naive_vs_fixed": round(
            adjusted_rand_score(naive_fixed.labels_, fixed_est.labels_[:naive_n]), 4
        ),
    }


#: Issue 9: clustering of the whole country within 60 s and 4 GiB.
TARGET_S = 60.0
TARGET_MIB = 4 * 1024
QUICK = {
    "n": 10_000,
    "region_n": 1_000,
    "large_threshold": 5_000,
    "subsample": 4_000,
    "naive_n": 2_000,
}


def measure(quick: bool = False, repeat: int = 3) -> dict:
    """The suite's entry (``run_all.py``): national size, or ``quick`` (20 000 rows)."""
    return run(**(QUICK if quick else {}), repeat=repeat)


def rows(result: dict) -> list[dict]:
    """The suite's table rows: national fixed k and auto k, one region's auto k.

    The 4 GiB target is checked against the benchmark process's peak resident
    memory (``process_peak_rss_mib``, added by ``run_all.py``) when known.
    """
    n, region_n, naive_n = result["rows"], result["region_rows"], result["naive_subsample"]
    national = n >= NATIONAL_EMPLOYEES
    rss = result.get("process_peak_rss_mib")
    size = f"{fmt_n(n)} × {result['competencies']}"
    note = f"on {fmt_n(naive_n)}, k-means extrapolated linearly"
    memory_ok = rss is None or rss <= TARGET_MIB
    fixed_ok = result["fixed_k_s_median"] <= TARGET_S and memory_ok
    auto_ok = result["auto_k_s_median"] <= TARGET_S and memory_ok
    return [
        row(
            f"clustering, k = {result['planted_groups']} fixed (`TrainingNeedsClusterer`)",
            size,
            result["fixed_k_s_median"],
            result["repeat"],
            naive_s=result["naive_fixed_k_extrapolated_s"],
            naive_note=f"plain `KMeans` on every row, {note}",
            target=f"≤ {TARGET_S:g} s, ≤ 4 GiB (process RSS) at 5.6 M × 9",
            met=fixed_ok if national else None,
        ),
        row(
            f"clustering, k = 2–8 by silhouette (chose {result['auto_k_chosen']})",
            size,
            result["auto_k_s_median"],
            result["repeat"],
            naive_s=result["naive_auto_k_extrapolated_s"],
            naive_note="plain `KMeans` per k on every row + `silhouette_score` on 10 000, " + note,
            peak_mib=result["auto_k_peak_mib"],
            target=f"≤ {TARGET_S:g} s, ≤ 4 GiB (process RSS) at 5.6 M × 9",
            met=auto_ok if national else None,
        ),
        row(
            f"clustering, one region, k by silhouette (chose {result['region_auto_k_chosen']})",
            f"{fmt_n(region_n)} × {result['competencies']}",
            result["region_auto_k_s_median"],
            result["repeat"],
        ),
    ]


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
        extra = {"large_threshold": 10_000, "subsample": 8_000, "naive_n": 5_000}
    result = run(args.employees, args.region, args.repeat, **extra)
    write_results(result, "clustering")
    print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
