"""The whole benchmark suite in one command, and its results table.

    .venv/bin/python benchmarks/run_all.py                   # national sizes, 3 runs each
    .venv/bin/python benchmarks/run_all.py --quick           # tiny sizes, seconds (tests)
    .venv/bin/python benchmarks/run_all.py --only gaps,clustering --repeat 5
    .venv/bin/python benchmarks/run_all.py --national data/national   # + bench_national
    .venv/bin/python benchmarks/run_all.py --table-only --update-readme  # from the JSON files

Each benchmark (``bench_<name>.py``) runs in its own child process (this
script again, with ``--child``) so that one's memory does not count against
the next; the child calls the script's ``measure(quick, repeat)`` and writes
``<results>/<name>.json``. The parent waits for it with ``os.wait4`` and adds
the child's peak resident memory (``process_peak_rss_mib``, children of the
child included) and its wall time to the file. Then every script's
``rows(result)`` gives the table rows, and ``<results>/RESULTS.md`` gets the
machine's facts and one Markdown table (median of the runs, the naive
baseline and the speed-up where one exists, peak memory, the issue's target
and whether it is met). ``--update-readme`` copies the table into README.md
between ``<!-- benchmarks:start -->`` and ``<!-- benchmarks:end -->``.

Default set: gaps, clustering, outcomes, planning, reports (``--quick``
leaves reports out: it starts kernels and takes a minute; ``--only reports
--quick`` runs it). ``national`` runs when ``--national DIR`` is given.
Full national sizes need about 8 GiB (outcomes) and 30–40 minutes without
reports; reports alone takes about 25 minutes.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # run as `python -m benchmarks.run_all` too
    sys.path.insert(0, str(HERE))

from benchlib import RESULTS_DIR, machine_facts, markdown_table  # noqa: E402

REPO = HERE.parent
README = REPO / "README.md"
START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"
#: Every benchmark, in the order of the table.
ALL = ("gaps", "clustering", "outcomes", "planning", "reports", "national")
DEFAULT = ("gaps", "clustering", "outcomes", "planning", "reports")
QUICK_DEFAULT = ("gaps", "clustering", "outcomes", "planning")


def module(name: str):
    """The script ``bench_<name>.py`` as a module."""
    if name not in ALL:
        raise SystemExit(f"unknown benchmark {name!r}; known: {', '.join(ALL)}")
    return importlib.import_module(f"bench_{name}")


# ---------------------------------------------------------------------------
# The child: one benchmark.
# ---------------------------------------------------------------------------
def child(name: str, quick: bool, repeat: int, results: Path, national: Path | None) -> Path:
    """Run ``bench_<name>.measure`` here and write ``results/<name>.json``."""
    bench = module(name)
    kwargs = {"data": national} if name == "national" else {}
    facts = machine_facts()
    start = time.perf_counter()
    result = bench.measure(quick=quick, repeat=repeat, **kwargs)
    result["quick"] = quick
    result["measure_s"] = round(time.perf_counter() - start, 1)
    result["measured_at"] = facts["date"]
    result["load_1min_before"] = facts.get("load_1min")
    return write(results / f"{name}.json", result)


def write(path: Path, result: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


# ---------------------------------------------------------------------------
# The parent.
# ---------------------------------------------------------------------------
def run_child(
    name: str, quick: bool, repeat: int, results: Path, national: Path | None
) -> tuple[int, float, float | None]:
    """(exit status, wall seconds, peak RSS MiB) of one benchmark in a child process."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name]
    command += ["--repeat", str(repeat), "--results", str(results)]
    if quick:
        command.append("--quick")
    if national is not None:
        command += ["--national", str(national)]
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=REPO)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        # Linux: KiB; the child's own peak or its largest waited-for child's, whichever is more.
        scale = 2**20 if sys.platform == "darwin" else 2**10
        rss = round(usage.ru_maxrss * scale / 2**20, 1)
    else:  # Windows
        proc.wait()
        rss = None
    return proc.returncode, time.perf_counter() - start, rss


def table_rows(names, results: Path) -> tuple[list[dict], list[str], bool]:
    """Every table row of the ``results/<name>.json`` there are; the names missing; whether
    any result is of quick sizes."""
    rows, missing, quick = [], [], False
    when = []
    for name in names:
        path = results / f"{name}.json"
        if not path.is_file():
            missing.append(name)
            continue
        result = json.loads(path.read_text(encoding="utf-8"))
        for r in module(name).rows(result):
            r.setdefault("rss_mib", result.get("process_peak_rss_mib"))
            if result.get("quick"):
                r["met"] = None  # targets are for the full sizes
                quick = True
            rows.append({"benchmark": name, **r})
        load = result.get("load_1min_before")
        at = result.get("measured_at") or _mtime(path)  # scripts run alone: the file's time
        when.append(f"{name} {at}" + (f" (load {load})" if load is not None else ""))
    MEASURED[:] = when
    return rows, missing, quick


def _mtime(path: Path) -> str:
    import datetime

    stamp = datetime.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    return stamp.strftime("%Y-%m-%d %H:%M %Z")


#: "name date (load)" of each result in the last table (``table_rows``).
MEASURED: list[str] = []


def facts_line(facts: dict, quick: bool = False) -> str:
    """One line: date, cores, RAM, Python and library versions (what the numbers depend on).

    >>> facts_line({"date": "2026-11-23", "cpus": 2, "ram_gib": 23.4, "python": "3.11.9",
    ...             "numpy": "2.4.6", "pandas": None})
    'Machine: 2 cores, 23.4 GiB RAM; Python 3.11.9, numpy 2.4.6; table made 2026-11-23.'
    """
    libs = "".join(f", {k} {facts[k]}" for k in LIBRARIES if facts.get(k))
    size = " Quick sizes (correctness only, timings meaningless)." if quick else ""
    return (
        f"Machine: {facts['cpus']} cores, {facts['ram_gib']} GiB RAM; "
        f"Python {facts['python']}{libs}; table made {facts['date']}.{size}"
    )


def measured_line() -> str:
    """When each result of the last table was measured, and the load average then."""
    return "Runs: " + "; ".join(MEASURED) + "." if MEASURED else ""


LIBRARIES = ("numpy", "pandas", "pyarrow", "scikit-learn", "scipy")


def results_markdown(rows: list[dict], facts: dict, quick: bool) -> str:
    """``RESULTS.md``: the machine's facts, the table, what the columns mean."""
    lines = [
        "# Benchmark results",
        "",
        facts_line(facts, quick),
        "",
        f"Platform {facts.get('platform', '?')}. {measured_line()}",
        "",
        markdown_table(rows),
        "",
        NOTES,
    ]
    return "\n".join(lines) + "\n"


NOTES = (
    "Median s: median wall time of the runs (runs column). Naive s: the textbook way "
    "(one Python call per employee or group, or the plain library call), measured as said "
    "in brackets. Alloc MiB: peak memory allocated by the timed call (tracemalloc, inputs "
    "excluded), where measured. Process RSS MiB: peak resident memory of the benchmark's "
    "whole process (its data generation and every operation in it included). Met: ✓/✗ "
    "against the issue's target, only at the target's size."
)


def update_readme(table: str, readme: Path = README) -> None:
    """Replace what lies between the two markers of ``readme`` with ``table``."""
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{readme}: markers {START} and {END} not found")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{table}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes (seconds), for tests")
    parser.add_argument("--repeat", type=int, default=None, help="runs per timing (3; quick 1)")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(ALL)}")
    parser.add_argument("--national", type=Path, help="a partitioned national dataset")
    parser.add_argument("--results", type=Path, default=RESULTS_DIR, help="output folder")
    parser.add_argument("--update-readme", action="store_true", help="copy the table to README")
    parser.add_argument(
        "--table-only", action="store_true", help="no runs: the table from the JSON files there"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repeat = args.repeat or (1 if args.quick else 3)
    if args.child:
        child(args.child, args.quick, repeat, args.results, args.national)
        return 0
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        for n in names:
            module(n)  # unknown names stop here
    else:
        names = list(QUICK_DEFAULT if args.quick else DEFAULT)
        if args.national is not None:
            names.append("national")
    facts = machine_facts()
    failed = []
    if not args.table_only:
        for name in names:
            print(f"== {name} ==", file=sys.stderr, flush=True)
            status, wall, rss = run_child(name, args.quick, repeat, args.results, args.national)
            if status != 0:
                failed.append(name)
                print(f"== {name}: failed (exit {status}) ==", file=sys.stderr, flush=True)
                continue
            path = args.results / f"{name}.json"
            result = json.loads(path.read_text(encoding="utf-8"))
            result["process_peak_rss_mib"], result["process_wall_s"] = rss, round(wall, 1)
            write(path, result)
            print(f"== {name}: {wall:.1f} s, peak RSS {rss} MiB ==", file=sys.stderr, flush=True)
    rows, missing, quick = table_rows([n for n in names if n not in failed], args.results)
    text = results_markdown(rows, facts, quick)
    out = args.results / "RESULTS.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(text)
    if missing:
        print(f"no results yet for: {', '.join(missing)}", file=sys.stderr)
    if args.update_readme:
        update_readme(
            f"{facts_line(facts, quick)} {measured_line()}\n\n{markdown_table(rows)}\n\n{NOTES}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
