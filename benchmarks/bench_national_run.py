"""The national run (``kompetensi run --all``): regions per minute, and what the country needs.

    .venv/bin/python benchmarks/bench_national_run.py --data data/national --at 0,0.25,0.5,0.75

Runs every template for a spread of regions of a partitioned national dataset
(``kompetensi sample-data --national``), picked by their rank in headcount
(default: the smallest and the quartiles; the largest regions are left out
to keep the run short). Sections:

workers
    The chosen regions with ``workers=1`` and ``workers=2`` (process pool), and
    on a Dask ``LocalCluster`` of two single-threaded worker processes: wall
    time, regions per minute, speed-up.
cost_model
    Each region's report set costs ``a + b × staff`` seconds of one worker
    (least squares over the 1-worker run's per-notebook seconds, from its
    manifest). Summed over every region of the dataset, at the scale given,
    this gives the CPU hours of the whole national run; divided by the
    workers of a cluster and the measured efficiency of two workers (speed-up
    / 2), the wall time on N workers. ``--national-scale`` (default 1) turns
    a scaled-down dataset's headcounts back into the real ones.

Results are printed and written to ``benchmarks/results/national_run.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from kompetensi_toolkit import reporting
from kompetensi_toolkit.loaders import list_regions

CLUSTER_SIZES = (1, 2, 8, 32, 128)


def staff_per_region(data_dir: Path) -> dict[str, int]:
    """Rows of ``employees`` per region, from the Parquet footers (no data read)."""
    base = data_dir / "employees"
    out: dict[str, int] = {}
    for part in sorted(base.glob("region_id=*")):
        rows = sum(pq.ParquetFile(f).metadata.num_rows for f in part.glob("*.parquet"))
        out[part.name.split("=", 1)[1]] = rows
    return out


def spread(staff: dict[str, int], at: list[float]) -> list[str]:
    """The regions at these quantiles of the headcount ranking (0 smallest, 1 largest)."""
    order = sorted(staff, key=lambda r: (staff[r], r))
    picks = np.unique(np.round(np.asarray(at) * (len(order) - 1)).astype(int))
    return [order[i] for i in picks]


def _run(regions, data_dir: Path, out: Path, **kwargs) -> tuple[float, list]:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    results = reporting.run_reports(regions, data_dir, out, **kwargs)
    seconds = time.perf_counter() - start
    failed = [f"{r.region_id}/{r.template}: {r.error}" for r in results if not r.ok]
    if failed:
        raise RuntimeError("national run failed: " + "; ".join(failed[:5]))
    return seconds, results


def cost_model(results, staff: dict[str, int]) -> dict:
    """Least-squares ``seconds = a + b × staff`` over the regions' report sets."""
    per_region: dict[str, float] = {}
    for r in results:
        if r.region_id in staff:
            per_region[r.region_id] = per_region.get(r.region_id, 0.0) + r.seconds
    n = np.array([staff[r] for r in per_region], dtype=float)
    s = np.array(list(per_region.values()))
    b, a = np.polyfit(n, s, 1) if len(n) > 1 else (0.0, float(s.mean()))
    return {
        "region_seconds": {r: round(v, 1) for r, v in per_region.items()},
        "region_staff": {r: staff[r] for r in per_region},
        "a_s": round(float(a), 2),
        "b_s_per_1000_staff": round(float(b) * 1000, 3),
    }


def extrapolate(model: dict, staff: dict[str, int], scale: float, speedup: float) -> dict:
    """CPU hours of every region's report set, and wall hours on N workers."""
    a, b = model["a_s"], model["b_s_per_1000_staff"] / 1000
    real = np.array(list(staff.values()), dtype=float) / scale
    cpu_s = float(np.sum(a + b * real))
    efficiency = min(1.0, speedup / 2)
    return {
        "regions": len(staff),
        "staff": int(real.sum()),
        "cpu_hours": round(cpu_s / 3600, 2),
        "efficiency_per_worker": round(efficiency, 2),
        "wall_hours_on": {
            str(n): round(cpu_s / 3600 / (1 if n == 1 else n * efficiency), 2)
            for n in CLUSTER_SIZES
        },
    }


def run(
    data_dir: Path, at: list[float], work: Path, national_scale: float, dask: bool = True
) -> dict:
    staff = staff_per_region(data_dir)
    regions = spread(staff, at)
    known = set(list_regions(data_dir)["region_id"])
    assert set(staff) <= known, "employees partitions of regions not in the regions table"
    result: dict = {
        "benchmark": "national run: regions per minute at 1 and 2 workers, and Dask",
        "data": str(data_dir),
        "cpus": os.cpu_count(),
        "regions_run": {r: staff[r] for r in regions},
        "national_scale": national_scale,
    }
    one_s, one = _run(regions, data_dir, work / "w1", workers=1)
    two_s, _ = _run(regions, data_dir, work / "w2", workers=2)
    result["workers_1_s"] = round(one_s, 1)
    result["workers_2_s"] = round(two_s, 1)
    result["regions_per_min_1"] = round(len(regions) / one_s * 60, 2)
    result["regions_per_min_2"] = round(len(regions) / two_s * 60, 2)
    result["speedup"] = round(one_s / two_s, 2)
    result["notebooks"] = len(one)
    if dask:
        from distributed import LocalCluster

        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            dask_s, _ = _run(regions, data_dir, work / "dask", scheduler=cluster.scheduler_address)
        result["dask_2_s"] = round(dask_s, 1)
        result["regions_per_min_dask_2"] = round(len(regions) / dask_s * 60, 2)
    model = cost_model(one, staff)
    result["cost_model"] = model
    result["whole_country"] = extrapolate(model, staff, national_scale, result["speedup"])
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("data/national"))
    parser.add_argument(
        "--at",
        default="0,0.25,0.5,0.75",
        help="quantiles of the headcount ranking to run (0 smallest, 1 largest)",
    )
    parser.add_argument(
        "--national-scale",
        type=float,
        default=1.0,
        help="the --scale the dataset was generated with",
    )
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench_national_run_"))
    result = run(
        args.data,
        [float(x) for x in args.at.split(",")],
        work,
        args.national_scale,
        dask=not args.no_dask,
    )
    print(json.dumps(result, indent=2))
    out = Path(__file__).resolve().parent / "results" / "national_run.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
