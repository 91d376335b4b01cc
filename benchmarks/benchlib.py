"""What every benchmark script shares: timing, memory, the result file and its table.

The scripts import it as a sibling module (``python benchmarks/bench_x.py``
puts this folder first on ``sys.path``).
"""

from __future__ import annotations

import gc
import json
import statistics
import time
import tracemalloc
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"

#: Share of regional ASN per position type, roughly (synthetic national tables).
POSITION_MIX = {
    "jpt_pratama": 0.005,
    "administrator": 0.02,
    "pengawas": 0.06,
    "pelaksana": 0.30,
    "fungsional_ahli_madya": 0.05,
    "fungsional_ahli_muda": 0.15,
    "fungsional_ahli_pertama": 0.22,
    "fungsional_penyelia": 0.02,
    "fungsional_mahir": 0.05,
    "fungsional_terampil": 0.115,
    "fungsional_pemula": 0.01,
}


def timed(func, *args, repeat: int = 1, **kwargs) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls (garbage collected before each), and the last result."""
    times, result = [], None
    for _ in range(repeat):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = func(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def peak_mib(func, *args, **kwargs) -> float:
    """Peak MiB allocated by one (untimed) call: tracemalloc slows allocations down."""
    gc.collect()
    tracemalloc.start()
    try:
        func(*args, **kwargs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 2**20, 1)


def max_rss_mib() -> float | None:
    """Peak resident memory of this process so far, where the OS tells it."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def write_results(result: dict, name: str) -> Path:
    """``benchmarks/results/<name>.json`` (not in git)."""
    path = RESULTS_DIR / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return path


def print_table(result: dict, title: str | None = None) -> None:
    """One ``key  value`` line per result; nested sections as ``section.key``."""
    if title:
        print(title)
    flat = [(k, v) for k, v in result.items() if not isinstance(v, dict)]
    for section, values in result.items():
        if isinstance(values, dict):
            flat += [(f"{section}.{k}", v) for k, v in values.items()]
    width = max((len(k) for k, _ in flat), default=0)
    for key, value in flat:
        print(f"{key.ljust(width)}  {value}")
