"""The whole country from a partitioned dataset: load, gap scoring + JPM, clustering.

    .venv/bin/python benchmarks/bench_national.py --data data/national   # the national set
    .venv/bin/python benchmarks/bench_national.py --quick                # a tiny set it writes

The dataset is the region-partitioned Parquet layout of ``kompetensi
sample-data --national`` (``<data>/<table>/region_id=<id>/*.parquet`` for the
regional and employee tables, shared tables flat): see
``kompetensi_toolkit.loaders``. Sections, each timed (median of ``--repeat``
runs) with the peak resident memory of the process after it:

load
    Every region's ``employees`` (``employee_id``, ``position_type``, and
    ``region_id`` from the folder names) and ``assessments``
    (``employee_id``, ``competency_id``, ``level``, ``assessed_on``): only
    these columns are read (``pyarrow.dataset``, hive partitioning); ids
    become categoricals over the employees' ids, as in ``bench_gaps``. This
    reads the files directly, without ``load_dataset``'s validation.
gap scoring
    ``gaps.gap_matrix`` + ``gaps.jpm_from_matrix`` (JPM and categories, latest
    assessment per pair) over everyone, then ``category_distribution`` by
    region; against the naive per-employee ``groupby().apply``
    (``bench_gaps.naive_jpm``) on ``--naive`` employees with one assessment
    per competency, extrapolated linearly, checked equal there.
clustering
    The shortfalls (max(0, required − level); not required: 0; required but
    not assessed: 0, as ``fill_unassessed(strategy="zero")``) of everyone,
    ``TrainingNeedsClusterer`` with k = 2..8 by silhouette.

``--quick`` (and ``measure(quick=True)`` without ``data``) writes the sample
at scale 0.05 as a partitioned dataset in a temporary folder and runs there.
Results are printed and written to ``benchmarks/results/national.json``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.dataset as pads
from benchlib import fmt_n, max_rss_mib, print_table, row, timed, write_results

from kompetensi_toolkit import config, gaps
from kompetensi_toolkit.clustering import TrainingNeedsClusterer
from kompetensi_toolkit.national import partition_by_region

EMPLOYEE_COLUMNS = ("employee_id", "position_type", "region_id")
ASSESSMENT_COLUMNS = ("employee_id", "competency_id", "level", "assessed_on")
#: Issue 9 targets (5.6 M employees × 9 competencies, 2 cores).
TARGET_GAPS_S = 3.0
TARGET_CLUSTER_S = 60.0
TARGET_CLUSTER_MIB = 4 * 1024
NATIONAL_EMPLOYEES = 5_000_000  # a full-scale national set has 4–6 million
QUICK_SCALE = 0.05


# ---------------------------------------------------------------------------
# A partitioned dataset (quick mode, tests).
# ---------------------------------------------------------------------------
def write_partitioned(source: Path, target: Path) -> Path:
    """The flat dataset ``source`` as region-partitioned Parquet with typed columns."""
    return partition_by_region(source, target)


# ---------------------------------------------------------------------------
# Loading.
# ---------------------------------------------------------------------------
def _read(folder: Path, columns) -> pd.DataFrame:
    """The ``columns`` of a hive-partitioned Parquet table (``region_id`` from the folders)."""
    dataset = pads.dataset(folder, format="parquet", partitioning="hive")
    present = [c for c in columns if c in dataset.schema.names]
    return dataset.to_table(columns=present).to_pandas()


def _shared(data: Path, name: str) -> pd.DataFrame:
    """A shared table: ``<name>.parquet`` or ``.csv`` in the dataset, else the toolkit's."""
    for path in (data / f"{name}.parquet", data / f"{name}.csv"):
        if path.is_file():
            return pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
    return pd.read_csv(config.REFERENCE_DIR / f"{name}.csv")


def load_national(data: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(employees, assessments, standards) of every region, only the needed columns.

    Ids are categoricals: ``employee_id`` of the assessments over the
    employees' ids (an assessment of nobody in ``employees`` gets NaN, as a
    filtered loader drops it), ``position_type``, ``region_id`` and
    ``competency_id`` over their values; ``level`` float, ``assessed_on``
    datetime.
    """
    data = Path(data)
    employees = _read(data / "employees", EMPLOYEE_COLUMNS)
    ids = pd.Index(employees["employee_id"].astype("str"))
    employees["employee_id"] = ids
    for column in ("position_type", "region_id"):
        employees[column] = employees[column].astype("str").astype("category")
    assessments = _read(data / "assessments", ASSESSMENT_COLUMNS)
    codes = ids.get_indexer(assessments["employee_id"].astype("str"))
    assessments["employee_id"] = pd.Categorical.from_codes(codes, categories=ids)
    assessments["competency_id"] = assessments["competency_id"].astype("str").astype("category")
    assessments["level"] = pd.to_numeric(assessments["level"]).astype("float64")
    if "assessed_on" in assessments:
        assessments["assessed_on"] = pd.to_datetime(assessments["assessed_on"])
    assessments = assessments.drop(columns="region_id", errors="ignore")
    standards = _shared(data, "standards")
    standards["required_level"] = pd.to_numeric(standards["required_level"])
    if "weight" in standards:
        standards["weight"] = pd.to_numeric(standards["weight"])
    return employees, assessments[codes >= 0].reset_index(drop=True), standards


# ---------------------------------------------------------------------------
# The analyses.
# ---------------------------------------------------------------------------
def score(employees, assessments, standards) -> tuple[pd.DataFrame, pd.DataFrame, gaps.GapMatrix]:
    """(JPM per employee with categories, category counts by region, the gap matrix)."""
    matrix = gaps.gap_matrix(employees, assessments, standards)
    jpm = gaps.jpm_from_matrix(matrix)
    by_region = gaps.category_distribution(jpm, by="region_id")
    return jpm, by_region, matrix


def shortfalls(matrix: gaps.GapMatrix) -> np.ndarray:
    """max(0, required − level); 0 where not required or not assessed."""
    level, required, _ = matrix.chunk()
    with np.errstate(invalid="ignore"):
        out = np.maximum(required - level, 0.0)
    out[np.isnan(out)] = 0.0
    return out


def naive_jpm(employees, assessments, standards) -> pd.Series:
    """JPM the textbook way, one Python call per employee (each assessed once per competency).

    Merge the assessments with the employees and their standards, then per
    employee: 100 × Σ w·level / Σ w·required; for the functional posts of
    ``gaps.TECHNICAL_WEIGHTS`` assessed in both parts, t × JPM(technical, T.*)
    + (1 − t) × JPM(managerial + sosial kultural).
    """
    std = standards.copy()
    if "weight" not in std:
        std["weight"] = 1.0
    merged = (
        assessments.astype({"employee_id": "str", "competency_id": "str"})
        .merge(employees[["employee_id", "position_type"]].astype("str"), on="employee_id")
        .merge(std[["position_type", "competency_id", "required_level", "weight"]])
    )

    def part(rows: pd.DataFrame) -> float:
        return (
            100.0
            * (rows["weight"] * rows["level"]).sum()
            / (rows["weight"] * rows["required_level"]).sum()
        )

    def one(person: pd.DataFrame) -> float:
        t = gaps.TECHNICAL_WEIGHTS.get(person["position_type"].iloc[0])
        technical = person["competency_id"].str.startswith("T.")
        if t is not None and technical.any() and (~technical).any():
            return t * part(person[technical]) + (1 - t) * part(person[~technical])
        return part(person)

    return merged.groupby("employee_id").apply(one, include_groups=False)


def naive_check(employees, assessments, standards, jpm: pd.DataFrame, naive_n: int) -> dict:
    """:func:`naive_jpm` on the first ``naive_n`` employees assessed once per competency,
    checked equal to ``jpm`` there; its seconds."""
    counts = assessments.groupby(["employee_id", "competency_id"], observed=True).size()
    once = counts.groupby(level="employee_id", observed=True).max()
    eligible = employees["employee_id"][employees["employee_id"].isin(once.index[once == 1])]
    chosen = eligible.iloc[:naive_n]
    sub_emp = employees[employees["employee_id"].isin(chosen)]
    sub_ass = assessments[assessments["employee_id"].isin(chosen)]
    seconds, naive = timed(naive_jpm, sub_emp, sub_ass, standards)
    fast = jpm.set_index("employee_id")["jpm"].reindex(naive.index)
    np.testing.assert_allclose(fast.to_numpy(), naive.to_numpy())
    return {"employees": len(naive), "assessment_rows": len(sub_ass), "s": round(seconds, 3)}


def run(data: Path, repeat: int = 3, naive_n: int = 5_000, k_range=(2, 8)) -> dict:
    """Every section on the dataset at ``data``."""
    data = Path(data)
    if not (data / "employees").is_dir() or not (data / "assessments").is_dir():
        raise SystemExit(
            f"bench_national: {data} is not a partitioned dataset: it needs employees/ and "
            "assessments/ folders of region_id=<id>/*.parquet (kompetensi sample-data --national)"
        )
    out: dict = {"benchmark": "national: load, gap scoring + JPM, clustering", "data": str(data)}
    files = sorted(data.rglob("*.parquet"))
    out["parquet_files"] = len(files)
    out["dataset_mib"] = round(sum(f.stat().st_size for f in files) / 2**20, 1)
    load_s, (employees, assessments, standards) = timed(load_national, data, repeat=repeat)
    out["regions"] = int(employees["region_id"].nunique())
    out["employees"] = len(employees)
    out["assessment_rows"] = len(assessments)
    out["competencies"] = int(assessments["competency_id"].nunique())
    out["load_s"] = round(load_s, 3)
    out["loaded_mib"] = round(
        sum(f.memory_usage(deep=True).sum() for f in (employees, assessments)) / 2**20, 1
    )
    out["rss_after_load_mib"] = max_rss_mib()

    gap_s, (jpm, by_region, matrix) = timed(score, employees, assessments, standards, repeat=repeat)
    out["gap_scoring_s"] = round(gap_s, 3)
    out["jpm_employees"] = int(jpm["jpm"].notna().sum())
    out["categories"] = {str(k): int(v) for k, v in jpm["category"].value_counts().items()}
    # national aggregates are the sum of the regional ones
    assert int(by_region["n"].sum()) == out["jpm_employees"], by_region
    out["rss_after_gaps_mib"] = max_rss_mib()
    naive = naive_check(employees, assessments, standards, jpm, naive_n)
    out["naive_employees"] = naive["employees"]
    out["naive_subsample_s"] = naive["s"]
    out["naive_extrapolated_s"] = round(naive["s"] * len(employees) / max(1, naive["employees"]), 1)

    X = shortfalls(matrix)
    del matrix
    out["shortfall_shape"] = list(X.shape)

    def cluster():
        return TrainingNeedsClusterer(k_range=k_range, random_state=0).fit(X)

    cluster_s, model = timed(cluster, repeat=repeat)
    out["clustering_s"] = round(cluster_s, 3)
    out["clustering_k"] = int(model.n_clusters_)
    out["clustering_subsampled"] = bool(model.subsampled_)
    out["rss_after_clustering_mib"] = max_rss_mib()
    out["repeat"] = repeat
    return out


def measure(quick: bool = False, repeat: int = 3, data: Path | None = None) -> dict:
    """The suite's entry (``run_all.py --national DIR``); without ``data``, ``quick`` writes
    the sample at scale 0.05 as a partitioned dataset and runs on it."""
    if data is not None:
        return run(Path(data), repeat, naive_n=500 if quick else 5_000)
    if not quick:
        raise SystemExit("bench_national: --data DIR (a partitioned national dataset) is needed")
    from kompetensi_toolkit.sample import write_sample_dataset

    with tempfile.TemporaryDirectory() as tmp:
        flat = write_sample_dataset(Path(tmp) / "flat", scale=QUICK_SCALE)
        folder = write_partitioned(flat, Path(tmp) / "partitioned")
        result = run(folder, repeat, naive_n=500)
    result["data"] = f"sample scale {QUICK_SCALE}, partitioned"
    return result


def rows(result: dict) -> list[dict]:
    """The suite's table rows: load, gap scoring, clustering."""
    rep = result["repeat"]
    national = result["employees"] >= NATIONAL_EMPLOYEES
    size = f"{result['regions']} regions, {fmt_n(result['employees'])} employees"
    return [
        row(
            "national: load employees + assessments (needed columns, `pyarrow.dataset`)",
            f"{size}, {fmt_n(result['assessment_rows'])} assessments, "
            f"{result['parquet_files']} files",
            result["load_s"],
            rep,
        ),
        row(
            "national: gap scoring + JPM + categories + counts by region",
            f"{size} × {result['competencies']}",
            result["gap_scoring_s"],
            rep,
            naive_s=result["naive_extrapolated_s"],
            naive_note=f"`groupby().apply` per employee on {fmt_n(result['naive_employees'])}, "
            "extrapolated linearly",
            target=f"≤ {TARGET_GAPS_S:g} s",
            met=(result["gap_scoring_s"] <= TARGET_GAPS_S) if national else None,
        ),
        row(
            f"national: clustering, k by silhouette (chose {result['clustering_k']})",
            f"{size} × {result['competencies']}",
            result["clustering_s"],
            rep,
            target=f"≤ {TARGET_CLUSTER_S:g} s, ≤ 4 GiB (process RSS)",
            met=(
                result["clustering_s"] <= TARGET_CLUSTER_S
                and (result.get("process_peak_rss_mib") or 0) <= TARGET_CLUSTER_MIB
            )
            if national
            else None,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a partitioned national dataset")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="a tiny partitioned set, one run")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    result = measure(args.quick, 1 if args.quick else args.repeat, args.data)
    result["measure_s"] = round(time.perf_counter() - start, 1)
    write_results(result, "national")
    print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
