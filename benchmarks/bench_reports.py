"""Report runs (``kompetensi_toolkit.reporting.run_reports``): where the time goes.

    .venv/bin/python benchmarks/bench_reports.py            # data/sample, every template
    .venv/bin/python benchmarks/bench_reports.py --quick    # scale 0.05, overview only, ~1 min

Sections (wall time with ``time.perf_counter``; the load average of the machine
is recorded before each, since other work on it slows the runs down):

report_set
    One region's full report set (every template of ``notebooks/``, one region,
    ``workers=1``) against its floor: the same templates reduced to their
    imports (a copy of each keeping only the ``parameters`` cell and one cell
    with the template's import statements), run the same way. Target: full ≤
    1.3 × floor. The seconds of each template come from its ``RunResult``.
    The package imports scipy, scikit-learn, statsmodels and seaborn inside the
    functions that need them, so that literal floor leaves out libraries a
    report cannot do without; a second floor (``floor_loaded``) also imports
    every module the template's full run loaded (found by a probe run that
    lists ``sys.modules``), and its ratio is reported beside the first.
html_export
    ``reporting.export_html(nb, lang)`` over the executed notebooks of
    ``report_set``: the median of ``--repeat`` calls in this process (nbconvert
    imported and warmed up), and the first call in a fresh interpreter (what a
    pool worker pays, since every notebook gets a fresh process). Target ≤ 1 s.
workers
    Every region (``run_reports(None, ...)``) with ``workers=1`` and ``workers=2``:
    wall time and speed-up. Target ≥ 1.8×. The key figures of the two runs
    (``summary.json``) must agree.
dask
    The same run on ``distributed.LocalCluster(n_workers=2, threads_per_worker=1,
    processes=True)`` (``scheduler=`` its address) against the pool's
    ``workers=2`` run. Target: within 10 %. Cluster start-up is timed apart,
    and includes warming its workers (``runner.prepare_worker``: papermill,
    nbconvert and the exporters imported), as the pool's fork server is warm
    from the sections before.
kernel_startup
    What a kernel pays before a template does any work: a kernel's start
    (``jupyter_client.start_new_kernel``), then each template's import
    statements in it; ``import kompetensi_toolkit`` and each template's
    imports in a fresh interpreter (median of ``--repeat``), the slowest
    modules by ``python -X importtime`` (cumulative, with who imported them),
    and which heavy libraries each template's imports pull in.

Results are printed as a table and written to ``benchmarks/results/reports.json``.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import nbformat
from benchlib import print_table, timed, write_results
from benchlib import row as table_row

from kompetensi_toolkit import config, reporting, runner

REPO = Path(__file__).resolve().parents[1]
#: Targets of issue 7, item 6.
TARGET_FLOOR_RATIO = 1.3
TARGET_EXPORT_S = 1.0
TARGET_SPEEDUP = 1.8
TARGET_DASK_WITHIN = 0.10
#: Libraries worth knowing about when a template's imports pull them in.
HEAVY = (
    "matplotlib",
    "matplotlib.pyplot",
    "seaborn",
    "scipy",
    "scipy.stats",
    "scipy.optimize",
    "sklearn",
    "statsmodels",
    "pulp",
    "highspy",
    "pyarrow",
    "openpyxl",
    "yaml",
    "nbconvert",
    "papermill",
    "jinja2",
    "distributed",
)
QUICK_SCALE = 0.05


# ---------------------------------------------------------------------------
# The floor: templates reduced to their imports.
# ---------------------------------------------------------------------------
def import_statements(source: str) -> list[str]:
    """The top-level ``import`` / ``from … import`` statements of a code cell, in order.

    Examples
    --------
    >>> import_statements("import pandas as pd\\nx = 1\\nfrom a import (b,\\n  c)\\n")
    ['import pandas as pd', 'from a import (b,\\n  c)']
    """
    tree = ast.parse(source)
    return [
        ast.get_source_segment(source, node)
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]


def template_imports(template: Path) -> list[str]:
    """Every top-level import statement of a template's code cells (not its parameters)."""
    nb = nbformat.read(template, as_version=4)
    found: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        found += [s for s in import_statements(cell.source) if s not in found]
    return found


def _parameters_cells(nb) -> list:
    return [
        c for c in nb.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])
    ]


def floor_template(template: Path, folder: Path, modules: Sequence[str] = ()) -> Path:
    """``folder/<stem>.ipynb``: the template's ``parameters`` cell and one cell of its imports.

    ``modules``: further modules to import in that cell (by name, in order; one
    that cannot be imported by name is passed over), for the floor with the
    libraries the template's run loads.
    """
    nb = nbformat.read(template, as_version=4)
    source = "\n".join(template_imports(template))
    if modules:
        source += _IMPORT_LOOP.format(modules=list(modules))
    nb.cells = [*_parameters_cells(nb), nbformat.v4.new_code_cell(source)]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / template.name
    nbformat.write(nb, path)
    return path


_IMPORT_LOOP = """
import importlib as _kt_importlib
for _kt_module in {modules!r}:
    try:
        _kt_importlib.import_module(_kt_module)
    except Exception:
        pass
"""
#: A probe's first cell (after the parameters) and last cell: the modules its run loaded.
_PROBE_START = "import sys as _kt_sys\n_kt_before = set(_kt_sys.modules)"
_PROBE_END = (
    "import json as _kt_json\n"
    "print(_kt_json.dumps([m for m in list(_kt_sys.modules) if m not in _kt_before]))"
)


def probe_template(template: Path, folder: Path) -> Path:
    """``folder/<stem>.ipynb``: the whole template between a cell noting ``sys.modules``
    after the parameters and a last cell printing the modules loaded since (JSON)."""
    nb = nbformat.read(template, as_version=4)
    at = nb.cells.index(_parameters_cells(nb)[-1]) + 1
    nb.cells.insert(at, nbformat.v4.new_code_cell(_PROBE_START))
    nb.cells.append(nbformat.v4.new_code_cell(_PROBE_END))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / template.name
    nbformat.write(nb, path)
    return path


def probed_modules(notebook: Path) -> list[str]:
    """The modules an executed probe (:func:`probe_template`) loaded, in the order loaded."""
    last = nbformat.read(notebook, as_version=4).cells[-1]
    text = "".join(o.get("text", "") for o in last.outputs if o.get("name") == "stdout")
    return json.loads(text.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------
def _s(seconds: float) -> float:
    return round(float(seconds), 3)


def _load() -> float:
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else float("nan")


def _run(regions, data_dir: Path, out: Path, templates, **kwargs):
    """``run_reports`` into a fresh ``out``; (wall seconds, results). Every result must be ok."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    results = reporting.run_reports(regions, data_dir, out, templates=templates, **kwargs)
    wall = time.perf_counter() - start
    failed = [f"{r.region_id}/{r.template}: {r.error}" for r in results if not r.ok]
    if failed:
        raise RuntimeError("report run failed: " + "; ".join(failed))
    return wall, results


def _figures(out: Path, regions: list[str]) -> dict:
    """Every region's key figures (``summary.json`` without its time stamp)."""
    return {r: reporting.read_summary(out / r)["templates"] for r in regions}


def _python(code: str, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *flags, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )


# ---------------------------------------------------------------------------
# Sections.
# ---------------------------------------------------------------------------
def bench_report_set(
    data_dir: Path, region: str, templates: list[Path], work: Path, warmup: bool = True
) -> dict:
    floors = [floor_template(t, work / "floor_templates") for t in templates]
    for floor in floors:  # only the parameters cell and the imports remain
        cells = nbformat.read(floor, as_version=4).cells
        assert len(cells) == 2 and "parameters" in cells[0].metadata["tags"]
    out: dict = {"region": region, "templates": [t.stem for t in templates], "load_1min": _load()}
    if warmup:  # the first run of a process starts the pool's forkserver, on a cold disk cache
        warmup_s, _ = _run([region], data_dir, work / "warmup", [floors[0]], workers=1)
        out["warmup_one_floor_notebook_s"] = _s(warmup_s)
    # The modules each template's run loads (a probe run, not timed), for the second floor.
    probes = [probe_template(t, work / "probe_templates") for t in templates]
    _, probe_results = _run([region], data_dir, work / "probe", probes, workers=1)
    loaded = {r.template: probed_modules(r.notebook) for r in probe_results}
    floors_loaded = [
        floor_template(t, work / "floor_loaded_templates", loaded[t.stem]) for t in templates
    ]
    floor_s, floor_results = _run([region], data_dir, work / "floor", floors, workers=1)
    loaded_s, loaded_results = _run(
        [region], data_dir, work / "floor_loaded", floors_loaded, workers=1
    )
    full_s, full_results = _run([region], data_dir, work / "full", templates, workers=1)
    out["full_s"] = _s(full_s)
    out["floor_s"] = _s(floor_s)
    out["ratio"] = round(out["full_s"] / out["floor_s"], 2)  # of the seconds shown
    out["target_ratio"] = TARGET_FLOOR_RATIO
    out["target_met"] = out["ratio"] <= TARGET_FLOOR_RATIO
    out["floor_loaded_s"] = _s(loaded_s)
    out["ratio_loaded"] = round(out["full_s"] / out["floor_loaded_s"], 2)
    out["target_met_loaded"] = out["ratio_loaded"] <= TARGET_FLOOR_RATIO
    out["modules_loaded"] = {k: len(v) for k, v in loaded.items()}
    out["per_template_floor_loaded_s"] = {r.template: _s(r.seconds) for r in loaded_results}
    per_full = {r.template: r.seconds for r in full_results}
    per_floor = {r.template: r.seconds for r in floor_results}
    out["per_template_full_s"] = {k: _s(v) for k, v in per_full.items()}
    out["per_template_floor_s"] = {k: _s(v) for k, v in per_floor.items()}
    out["per_template_ratio"] = {k: round(per_full[k] / per_floor[k], 2) for k in per_full}
    work_s = {k: per_full[k] - per_floor[k] for k in per_full}
    out["per_template_work_s"] = {k: _s(v) for k, v in work_s.items()}
    out["costliest_template"] = max(work_s, key=work_s.get)
    out["sum_full_s"] = _s(sum(per_full.values()))
    out["sum_floor_s"] = _s(sum(per_floor.values()))
    # Inside each job: its cells (papermill's durations) and the rest (kernel start, export).
    cells = {r.template: cell_seconds(r.notebook) for r in full_results}
    out["per_template_cells_s"] = {k: _s(sum(d for d, _ in v)) for k, v in cells.items()}
    out["per_template_outside_cells_s"] = {
        k: _s(per_full[k] - sum(d for d, _ in v)) for k, v in cells.items()
    }
    slowest = sorted(((d, f"{k}: {line}") for k, v in cells.items() for d, line in v), reverse=True)
    out["slowest_cells"] = [f"{where} ({d:.2f} s)" for d, where in slowest[:8]]
    # Outside the jobs: the run's own work and each job's fresh process (imports).
    out["outside_jobs_full_s"] = _s(full_s - sum(per_full.values()))
    out["outside_jobs_floor_s"] = _s(floor_s - sum(per_floor.values()))
    out["notebooks"] = {r.template: str(r.notebook) for r in full_results}
    return out


def cell_seconds(notebook: Path) -> list[tuple[float, str]]:
    """(seconds, first line) of every executed code cell, from papermill's metadata."""
    nb = nbformat.read(notebook, as_version=4)
    found = []
    for cell in nb.cells:
        duration = (cell.metadata.get("papermill") or {}).get("duration")
        if cell.cell_type == "code" and duration is not None:
            lines = [x for x in cell.source.splitlines() if x.strip() and not x.startswith("#")]
            found.append((float(duration), (lines[0] if lines else "")[:70]))
    return found


_PRELOAD = """
import json, multiprocessing, sys
from pathlib import Path
sys.path.insert(0, {bench!r})
import bench_reports
multiprocessing.get_context("forkserver").set_forkserver_preload({modules!r})
out = bench_reports.bench_report_set(
    Path({data!r}), {region!r}, [Path(t) for t in {templates!r}], Path({work!r})
)
print(json.dumps(out))
"""
#: What a pool worker imports for every notebook (see ``bench_preload``).
PRELOAD = [
    "__main__",
    "kompetensi_toolkit.runner",
    "kompetensi_toolkit.reporting",
    "papermill",
    "nbconvert",
]


def bench_preload(data_dir: Path, region: str, templates: list[Path], work: Path, base: dict):
    """The report set again, with the pool's forkserver preloading what every job imports.

    Every notebook gets a fresh process (``max_tasks_per_child=1``) that
    imports papermill and nbconvert again; a forkserver that imported them
    once forks processes that already have them. Run in a fresh interpreter:
    the preload list is global and must be set before the forkserver starts.
    """
    code = _PRELOAD.format(
        bench=str(Path(__file__).resolve().parent),
        modules=PRELOAD,
        data=str(data_dir),
        region=region,
        templates=[str(t) for t in templates],
        work=str(work / "preload"),
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "preload": PRELOAD,
        "load_1min": _load(),
        "full_s": found["full_s"],
        "floor_s": found["floor_s"],
        "ratio": found["ratio"],
        "target_met": found["target_met"],
        "full_s_without_preload": base["full_s"],
        "full_saved_s": _s(base["full_s"] - found["full_s"]),
        "outside_jobs_full_s": found["outside_jobs_full_s"],
        "warmup_one_floor_notebook_s": found.get("warmup_one_floor_notebook_s"),
    }


_COLD_EXPORT = """
import sys, time
start = time.perf_counter()
import nbformat
from kompetensi_toolkit.reporting import export_html
nb = nbformat.read(sys.argv[1], as_version=4)
imported = time.perf_counter()
export_html(nb, sys.argv[2])
done = time.perf_counter()
print(imported - start, done - imported)
"""


def bench_export(notebooks: dict[str, str], lang: str, repeat: int) -> dict:
    out: dict = {"repeat": repeat, "load_1min": _load()}
    warm, cold_import, cold_first = {}, {}, {}
    for template, path in notebooks.items():
        nb = nbformat.read(path, as_version=4)
        reporting.export_html(nb, lang)  # warm-up: nbconvert imported, templates compiled
        seconds, page = timed(reporting.export_html, nb, lang, repeat=repeat)
        assert reporting.audit_html(page) == [], template
        warm[template] = _s(seconds)
        done = subprocess.run(
            [sys.executable, "-c", _COLD_EXPORT, path, lang],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        )
        imported, first = (float(x) for x in done.stdout.split())
        cold_import[template] = _s(imported)
        cold_first[template] = _s(first)
    out["median_s"] = warm
    out["max_median_s"] = max(warm.values())
    out["fresh_process_import_s"] = cold_import
    out["fresh_process_first_export_s"] = cold_first
    out["target_s"] = TARGET_EXPORT_S
    out["target_met"] = out["max_median_s"] <= TARGET_EXPORT_S
    out["target_met_fresh_process"] = max(cold_first.values()) <= TARGET_EXPORT_S
    return out


def bench_workers(data_dir: Path, regions, templates, work: Path) -> tuple[dict, float, dict]:
    out: dict = {"regions": regions or "all", "templates": _names(templates)}
    out["load_1min_before_1"] = _load()
    one_s, one = _run(regions, data_dir, work / "workers1", templates, workers=1)
    out["load_1min_before_2"] = _load()
    two_s, two = _run(regions, data_dir, work / "workers2", templates, workers=2)
    names = sorted({r.region_id for r in one if r.region_id})
    out["notebooks"] = len(one)
    out["workers_1_s"] = _s(one_s)
    out["workers_2_s"] = _s(two_s)
    out["speedup"] = round(one_s / two_s, 2)
    out["target_speedup"] = TARGET_SPEEDUP
    out["target_met"] = out["speedup"] >= TARGET_SPEEDUP
    out["sum_notebook_s_workers_1"] = _s(sum(r.seconds for r in one))
    out["sum_notebook_s_workers_2"] = _s(sum(r.seconds for r in two))
    # Two workers cannot beat the longest single notebook, nor the serial tail.
    longest = max(two, key=lambda r: r.seconds)
    out["longest_notebook"] = f"{longest.region_id}/{longest.template}"
    out["longest_notebook_s"] = _s(longest.seconds)
    figures = _figures(work / "workers1", names)
    out["figures_agree"] = figures == _figures(work / "workers2", names)
    return out, two_s, figures


def bench_dask(data_dir: Path, regions, templates, work: Path, pool_s: float, figures) -> dict:
    from distributed import Client, LocalCluster

    out: dict = {"load_1min": _load()}
    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    # Warm the workers (as a long-lived cluster is), as the pool's fork server already is.
    with Client(cluster) as client:
        client.run(runner.prepare_worker)
    out["cluster_start_s"] = _s(time.perf_counter() - start)
    try:
        dask_s, results = _run(
            regions, data_dir, work / "dask", templates, scheduler=cluster.scheduler_address
        )
    finally:
        cluster.close()
    out["notebooks"] = len(results)
    out["dask_s"] = _s(dask_s)
    out["pool_workers_2_s"] = _s(pool_s)
    out["dask_over_pool"] = round(dask_s / pool_s, 3)
    out["target_within"] = TARGET_DASK_WITHIN
    out["target_met"] = abs(dask_s / pool_s - 1) <= TARGET_DASK_WITHIN
    out["figures_agree"] = _figures(work / "dask", list(figures)) == figures
    return out


def _names(templates) -> list[str] | str:
    if templates is None:
        return "all (notebooks/ and cross_region/)"
    return [Path(t).stem for t in templates]


# ---------------------------------------------------------------------------
# Kernel start-up and imports.
# ---------------------------------------------------------------------------
_LINE = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def parse_importtime(stderr: str) -> list[dict]:
    """``python -X importtime`` lines as dicts: module, self_s, cumulative_s, depth, parent.

    The output lists a module after the modules it imported, one level deeper;
    ``parent`` is the module whose import pulled it in (``None`` at the top).

    Examples
    --------
    >>> rows = parse_importtime(
    ...     "import time: self [us] | cumulative | imported package\\n"
    ...     "import time:       200 |        200 |   b\\n"
    ...     "import time:      1000 |       1200 | a\\n")
    >>> [(r["module"], r["cumulative_s"], r["parent"]) for r in rows]
    [('b', 0.0002, 'a'), ('a', 0.0012, None)]
    """
    rows = []
    for line in stderr.splitlines():
        match = _LINE.match(line)
        if match:
            own, cumulative, indent, module = match.groups()
            rows.append(
                {
                    "module": module,
                    "self_s": int(own) / 1e6,
                    "cumulative_s": int(cumulative) / 1e6,
                    "depth": len(indent) // 2,
                }
            )
    for i, row in enumerate(rows):
        row["parent"] = next(
            (r["module"] for r in rows[i + 1 :] if r["depth"] == row["depth"] - 1), None
        )
    return rows


def _chain(rows: list[dict], module: str) -> str:
    """``module ← importer ← …`` up to the statement's own import."""
    by_name = {r["module"]: r for r in rows}
    chain, seen = [module], {module}
    while (parent := by_name[chain[-1]]["parent"]) and parent not in seen:
        chain.append(parent)
        seen.add(parent)
    return " <- ".join(chain)


def import_profile(code: str, repeat: int, top: int = 8) -> dict:
    """Wall time of ``code`` in a fresh interpreter (median), its slowest modules, heavy ones."""
    probe = (
        "import time, sys\nstart = time.perf_counter()\n"
        + code
        + "\nprint(time.perf_counter() - start)\n"
        + f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    times, heavy = [], []
    for _ in range(repeat):
        lines = _python(probe).stdout.splitlines()
        times.append(float(lines[0]))
        heavy = lines[1].split() if len(lines) > 1 else []
    rows = parse_importtime(_python(code, "-X", "importtime").stderr)
    top_level = sorted(
        (r for r in rows if r["module"].split(".")[0] not in {"encodings", "site"}),
        key=lambda r: r["cumulative_s"],
        reverse=True,
    )
    named = {r["module"] for r in rows}
    slowest, shown = [], set()
    for row in top_level:  # the slowest packages, each named once (not its sub-modules)
        root = row["module"].split(".")[0]
        if root in shown:
            continue
        shown.add(root)
        slowest.append(f"{_chain(rows, row['module'])}: {row['cumulative_s']:.3f} s")
        if len(slowest) == top:
            break
    return {
        "median_s": _s(statistics.median(times)),
        "heavy": heavy,
        "heavy_pulled_by": {m: _chain(rows, m) for m in heavy if m in named},
        "slowest": slowest,
    }


def kernel_profile(codes: dict[str, str], repeat: int) -> dict:
    """Start a real kernel (as papermill does) and time each template's imports in it."""
    from jupyter_client.manager import start_new_kernel

    out: dict = {}
    starts, imports = [], {k: [] for k in codes}
    for _ in range(repeat):
        for name, code in codes.items():
            start = time.perf_counter()
            manager, client = start_new_kernel(kernel_name=reporting.KERNEL_NAME)
            started = time.perf_counter()
            try:
                reply = client.execute_interactive(code, timeout=120)
                assert reply["content"]["status"] == "ok", (name, reply["content"])
                imports[name].append(time.perf_counter() - started)
            finally:
                client.stop_channels()
                manager.shutdown_kernel(now=True)
            starts.append(started - start)
    out["kernel_start_s"] = _s(statistics.median(starts))
    out["imports_in_kernel_s"] = {k: _s(statistics.median(v)) for k, v in imports.items()}
    return out


def bench_imports(templates: list[Path], repeat: int) -> dict:
    out: dict = {"load_1min": _load()}
    out["python_bare_s"] = import_profile("pass", repeat)["median_s"]
    out["import_kompetensi_toolkit"] = import_profile("import kompetensi_toolkit", repeat)
    codes = {t.stem: "\n".join(template_imports(t)) for t in templates}
    for name, code in codes.items():
        out[f"imports_{name}"] = import_profile(code, repeat)
    out["kernel"] = kernel_profile(codes, repeat)
    return out


# ---------------------------------------------------------------------------
# The run.
# ---------------------------------------------------------------------------
def _section(name: str, func, *args):
    start = time.perf_counter()
    out = func(*args)
    print(f"[{name}: {time.perf_counter() - start:.1f} s]", file=sys.stderr, flush=True)
    return out


def run(
    data_dir: Path | None = None,
    region: str = "ambon",
    regions: list[str] | None = None,
    templates: list[str] | None = None,
    repeat: int = 3,
    scale: float | None = None,
    work: Path | None = None,
    dask: bool = True,
    warmup: bool = True,
    lang: str = config.DEFAULT_LANG,
) -> dict:
    """Every section; a dict of timings (s), ratios and checks.

    ``templates``: names for the report set and the runs of every region
    (``None``: every template; the runs of every region then also run the
    cross-region comparison, as ``kompetensi run --all`` does). ``scale``:
    write a sample of that scale into ``work`` instead of reading ``data_dir``.
    """
    owned = work is None
    work = Path(tempfile.mkdtemp(prefix="bench_reports_")) if owned else Path(work)
    try:
        if scale is not None:
            from kompetensi_toolkit.sample import write_sample_dataset

            data_dir = write_sample_dataset(work / "data", scale=scale)
        data_dir = config.resolve_data_dir(data_dir)
        paths = (
            reporting.list_templates()
            if templates is None
            else [config.NOTEBOOK_DIR / f"{t}.ipynb" for t in templates]
        )
        result: dict = {
            "benchmark": "report runs: floor, HTML export, workers, Dask, kernel start-up",
            "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "data": str(data_dir) if scale is None else f"sample scale {scale}",
            "cpus": os.cpu_count(),
            "repeat": repeat,
        }
        report_set = _section("report_set", bench_report_set, data_dir, region, paths, work, warmup)
        notebooks = report_set.pop("notebooks")
        result["report_set"] = report_set
        result["pool_preload"] = _section(
            "pool_preload", bench_preload, data_dir, region, paths, work, report_set
        )
        result["html_export"] = _section("html_export", bench_export, notebooks, lang, repeat)
        run_templates = None if templates is None else paths
        workers, pool_s, figures = _section(
            "workers", bench_workers, data_dir, regions, run_templates, work
        )
        result["workers"] = workers
        if dask:
            result["dask"] = _section(
                "dask", bench_dask, data_dir, regions, run_templates, work, pool_s, figures
            )
        result["kernel_startup"] = _section("kernel_startup", bench_imports, paths, repeat)
        return result
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)


def _flatten(result: dict) -> dict:
    """Nested sections one level down (``print_table`` shows one level)."""
    flat: dict = {}
    for key, value in result.items():
        if isinstance(value, dict):
            section: dict = {}
            for k, v in value.items():
                if isinstance(v, dict):
                    for kk, vv in v.items():
                        section[f"{k}.{kk}"] = vv
                else:
                    section[k] = v
            flat[key] = section
        else:
            flat[key] = value
    return flat


#: What ``--quick`` and ``measure(quick=True)`` change (a small sample, two regions, overview).
QUICK = {
    "scale": QUICK_SCALE,
    "regions": ["ambon", "kertapati"],
    "templates": ["overview"],
    "warmup": False,
}


def measure(quick: bool = False, repeat: int = 3) -> dict:
    """The suite's entry (``run_all.py``): data/sample, every template; or ``quick``."""
    return run(**(QUICK if quick else {}), repeat=repeat)


def rows(result: dict) -> list[dict]:
    """The suite's table rows: report set vs floor, HTML export, workers, Dask, start-up."""
    rep = result["repeat"]
    data = Path(result.get("data", "")).name
    out = []
    report = result["report_set"]
    out.append(
        table_row(
            f"one region's report set ({len(report['templates'])} templates, workers = 1); "
            f"floor (imports only) {report['floor_s']:.1f} s, ratio {report['ratio']:g}",
            f"{report['region']}, {data}",
            report["full_s"],
            1,
            target=f"≤ {report['target_ratio']:g} × floor",
            met=report["target_met"],
        )
    )
    if "floor_loaded_s" in report:
        out.append(
            table_row(
                "the same report set against the floor that also imports every library its "
                f"run loads: {report['floor_loaded_s']:.1f} s, ratio {report['ratio_loaded']:g}",
                f"{report['region']}, {data}",
                report["full_s"],
                1,
                target=f"≤ {report['target_ratio']:g} × floor",
                met=report["target_met_loaded"],
            )
        )
    export = result["html_export"]
    out.append(
        table_row(
            "HTML export (`reporting.export_html`), slowest template, warm",
            f"{len(export['median_s'])} templates",
            export["max_median_s"],
            export["repeat"],
            target=f"≤ {export['target_s']:g} s",
            met=export["target_met"],
        )
    )
    out.append(
        table_row(
            "HTML export, first call in a fresh process (slowest template)",
            f"{len(export['median_s'])} templates",
            max(export["fresh_process_first_export_s"].values()),
            1,
            target=f"≤ {export['target_s']:g} s",
            met=export["target_met_fresh_process"],
        )
    )
    workers = result["workers"]
    out.append(
        table_row(
            "every region's reports, `workers = 2`",
            f"{workers['notebooks']} notebooks",
            workers["workers_2_s"],
            1,
            naive_s=workers["workers_1_s"],
            naive_note="`workers = 1`, measured",
            target=f"≥ {workers['target_speedup']:g}× over 1 worker",
            met=workers["target_met"],
        )
    )
    dask = result.get("dask")
    if dask:
        out.append(
            table_row(
                "every region's reports on Dask (`LocalCluster`, 2 workers)",
                f"{dask['notebooks']} notebooks",
                dask["dask_s"],
                1,
                target=f"within {100 * dask['target_within']:g} % of the pool "
                f"({dask['pool_workers_2_s']:.0f} s)",
                met=dask["target_met"],
            )
        )
    startup = result["kernel_startup"]
    out.append(
        table_row("kernel start (`start_new_kernel`)", "", startup["kernel"]["kernel_start_s"], rep)
    )
    out.append(
        table_row(
            "`import kompetensi_toolkit`, fresh interpreter",
            "",
            startup["import_kompetensi_toolkit"]["median_s"],
            rep,
        )
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="dataset (default data/sample)")
    parser.add_argument("--region", default="ambon", help="region of the report-set section")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask section")
    parser.add_argument("--work", type=Path, default=None, help="keep the outputs here")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"sample scale {QUICK_SCALE}, two regions, overview only, one repeat",
    )
    args = parser.parse_args(argv)
    options = {
        "data_dir": args.data,
        "region": args.region,
        "repeat": args.repeat,
        "dask": not args.no_dask,
        "work": args.work,
    }
    if args.quick:
        options.update(QUICK, repeat=1)
    result = run(**options)
    path = write_results(result, "reports")
    print_table(
        {k: v for k, v in _flatten(result).items() if k != "benchmark"}, result["benchmark"]
    )
    print(f"written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
