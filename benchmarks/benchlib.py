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


# ---------------------------------------------------------------------------
# The suite's table (``run_all.py``): one row per measured operation.
# ---------------------------------------------------------------------------
#: Columns of ``RESULTS.md``, in order: (key of a row dict, heading).
COLUMNS = (
    ("benchmark", "benchmark"),
    ("operation", "operation"),
    ("size", "size"),
    ("median_s", "median s"),
    ("repeat", "runs"),
    ("naive_s", "naive s"),
    ("speedup", "speed-up"),
    ("peak_mib", "alloc MiB"),
    ("rss_mib", "process RSS MiB"),
    ("target", "target"),
    ("met", "met"),
)


def row(
    operation: str,
    size: str,
    median_s: float | None,
    repeat: int | None,
    *,
    naive_s: float | None = None,
    naive_note: str = "",
    peak_mib: float | None = None,
    peak_note: str = "",
    target: str = "",
    met: bool | None = None,
) -> dict:
    """One table row: what was timed, on what, and against what.

    ``naive_note`` says how the naive time was got (e.g. "50 000 rows,
    extrapolated linearly"); ``peak_mib`` is the memory allocated by the
    call (tracemalloc), ``peak_note`` a remark on it; ``met`` is None where
    no target applies (or the size is not the target's).

    Examples
    --------
    >>> r = row("job_person_match", "5.6 M × 9", 2.0, 5, naive_s=900.0)
    >>> r["speedup"], r["met"]
    (450.0, None)
    """
    speedup = None
    if naive_s is not None and median_s:
        speedup = naive_s / median_s
        speedup = round(speedup, 1 if speedup >= 10 else 2)
    return {
        "operation": operation,
        "size": size,
        "median_s": median_s,
        "repeat": repeat,
        "naive_s": naive_s,
        "naive_note": naive_note,
        "speedup": speedup,
        "peak_mib": peak_mib,
        "peak_note": peak_note,
        "target": target,
        "met": met,
    }


def fmt_n(n: int | float) -> str:
    """A count in the README's style: ``5.6 M``, ``467 k``, ``6 000``.

    >>> fmt_n(5_600_000), fmt_n(467_000), fmt_n(6000), fmt_n(20)
    ('5.6 M', '467 k', '6 000', '20')
    """
    if n >= 1_000_000:
        return f"{n / 1e6:.3g} M"
    if n >= 100_000:
        return f"{n / 1e3:.0f} k"
    return f"{int(n):,}".replace(",", " ")


def _fmt_s(x: float | None) -> str:
    if x is None:
        return ""
    if x >= 100:
        return f"{x:,.0f}".replace(",", " ")
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.3g}" if x >= 0.001 else f"{x:.2g}"


def cell(key: str, r: dict) -> str:
    """The Markdown text of one cell of row ``r``."""
    value = r.get(key)
    if key in ("median_s",):
        return _fmt_s(value)
    if key == "naive_s":
        text = _fmt_s(value)
        return f"{text} ({r['naive_note']})" if text and r.get("naive_note") else text
    if key == "speedup":
        return "" if value is None else f"{value:g}×"
    if key in ("peak_mib", "rss_mib"):
        if value is None:
            return ""
        text = f"{value:,.0f}".replace(",", " ")
        return f"{text} ({r['peak_note']})" if r.get("peak_note") else text
    if key == "met":
        return {True: "✓", False: "✗"}.get(value, "")
    if key == "repeat":
        return "" if value is None else str(value)
    return "" if value is None else str(value).replace("|", "\\|")


def markdown_table(rows: list[dict]) -> str:
    """``rows`` as one Markdown table with :data:`COLUMNS`.

    Examples
    --------
    >>> lines = markdown_table([{**row("op", "10", 1.5, 3), "benchmark": "b"}]).splitlines()
    >>> lines[0][:46]
    '| benchmark | operation | size | median s | ru'
    >>> lines[2]
    '| b | op | 10 | 1.5 | 3 |  |  |  |  |  |  |'
    """
    lines = [
        "| " + " | ".join(h for _, h in COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(cell(k, r) for k, _ in COLUMNS) + " |" for r in rows]
    return "\n".join(lines)


def parse_markdown_table(text: str) -> list[dict]:
    """The first Markdown table of ``text`` as dicts heading → cell (the inverse, as text).

    >>> parse_markdown_table("| a | b |\\n|---|---|\\n| 1 | x \\\\| y |\\n")
    [{'a': '1', 'b': 'x | y'}]
    """
    import re

    lines = [line.strip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
        table.append([c.strip().replace("\\|", "|") for c in cells])
    header, body = table[0], table[2:]
    return [dict(zip(header, cells, strict=True)) for cells in body]


def machine_facts() -> dict:
    """Cores, RAM, Python and library versions, the date: what the numbers depend on."""
    import datetime
    import os
    import platform

    facts = {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": os.cpu_count(),
        "ram_gib": None,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        facts["ram_gib"] = round(pages * size / 2**30, 1)
    except (ValueError, OSError, AttributeError):  # not on every OS
        pass
    from importlib import metadata

    for package in ("numpy", "pandas", "pyarrow", "scikit-learn", "scipy"):
        try:
            facts[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            facts[package] = None
    if hasattr(os, "getloadavg"):
        facts["load_1min"] = round(os.getloadavg()[0], 2)
    return facts
