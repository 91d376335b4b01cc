"""Running the templates for many regions: a process pool or a Dask cluster.

One :class:`Job` is one template for one region. :func:`execute_job` runs it in
whatever process it lands in (a fresh worker process of the pool, or a Dask
worker): papermill with a kernel on its own IPC sockets (no TCP port races),
a per-cell timeout, the HTML export and its safety check, each file written
through a temporary file and moved into place. It returns a
:class:`~kompetensi_toolkit.reporting.RunResult` carrying the key figures the
notebook published; only the parent process writes ``summary.json``, so
templates of one region running side by side never overwrite each other's
entry.

:func:`run_jobs` schedules the jobs: every region's ordinary templates first,
then, once all of them have finished, the templates of :data:`FINAL_TEMPLATES`
(the region summary, which reads the others' ``summary.json``). A failing
notebook stops only itself.

The run manifest (``<out_dir>/run-manifest.json``, :func:`write_manifest`)
records every job's parameters, status, timings, failing cell, a fingerprint
of what it was made from (the template file, its parameters, the hash of
the region's own rows and the shared tables, and the toolkit version) and the
library versions. ``resume=True`` re-runs only the jobs that failed last time
or whose fingerprint changed.

Examples
--------
>>> job = Job(template="notebooks/gaps.ipynb", region_id="ambon", region_name="Kota Ambon",
...           out_dir="outputs", parameters={"region_id": "ambon", "lang": "id"})
>>> job.name
'ambon/gaps'
>>> len(fingerprint(job, data_hash="ab12", template_hash="cd34"))
64
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import itertools
import json
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kompetensi_toolkit import __version__, labels
from kompetensi_toolkit.exceptions import ParameterError

__all__ = [
    "FINAL_TEMPLATES",
    "MANIFEST_FILE",
    "Job",
    "dataset_hash",
    "execute_job",
    "expected_seconds",
    "file_hash",
    "fingerprint",
    "interleaved",
    "manifest_entry",
    "prepare_worker",
    "read_manifest",
    "run_jobs",
    "skipped_result",
    "unchanged",
    "worker_threads",
    "write_manifest",
]

#: Templates run after the region's other templates (they read its summary.json).
FINAL_TEMPLATES: tuple[str, ...] = ("executive_summary",)
#: The run manifest, in the output folder.
MANIFEST_FILE = "run-manifest.json"
#: Seconds a kernel may take to start.
START_TIMEOUT = 60
#: Retries of a job whose Dask worker was lost.
DASK_RETRIES = 2
#: Environment variables a job's kernel does not inherit. A Dask nanny sets
#: MALLOC_TRIM_THRESHOLD_=65536 for its worker (to hand freed memory back at
#: once); inherited, it made the kernels' cells about 7 % slower (31 reports:
#: 87.3 against 83.1 s of notebooks on the pool), and a kernel's memory is
#: handed back when it exits anyway.
KERNEL_ENVIRONMENT_DROPPED = ("MALLOC_TRIM_THRESHOLD_",)
#: Environment variables that cap the threads of BLAS, OpenMP and numexpr in a kernel.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                    "NUMEXPR_MAX_THREADS")  # fmt: skip


@dataclass(frozen=True)
class Job:
    """One template for one region (picklable: it crosses to worker processes).

    Attributes
    ----------
    template : str
        Path of the template notebook.
    region_id, region_name : str
        Which region (``region_id`` may be ``""`` for a cross-region template).
    out_dir : str
        The folder the job writes ``<stem>.ipynb`` and ``<stem>.html`` into.
    parameters : dict
        Injected into the notebook's parameters cell.
    lang : str
        The report's language.
    kernel_name : str
    cell_timeout : float or None
        Seconds a cell may run (``None``: no limit).
    """

    template: str
    region_id: str
    region_name: str
    out_dir: str
    parameters: Mapping[str, Any] = field(default_factory=dict)
    lang: str = "id"
    kernel_name: str = "python3"
    cell_timeout: float | None = None
    #: Threads the kernel's numerical libraries may use (None: their default).
    threads: int | None = None
    #: Environment variables for the kernel (the run's pseudonymisation key; never logged).
    environment: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def stem(self) -> str:
        return Path(self.template).stem

    @property
    def name(self) -> str:
        return f"{self.region_id}/{self.stem}" if self.region_id else self.stem


# ---------------------------------------------------------------------------
# One job.
# ---------------------------------------------------------------------------
def _running_cell(path: Path) -> int | None:
    """The execution count of the cell a run stopped in: the one papermill marked running
    or failed, or else the last one that started (a cell stopped by the timeout)."""
    import nbformat

    with contextlib.suppress(Exception):
        nb = nbformat.read(path, as_version=4)
        counts = [c.get("execution_count") for c in nb.cells if c.get("cell_type") == "code"]
        for cell in nb.cells:
            status = (cell.get("metadata", {}).get("papermill") or {}).get("status")
            if status in {"running", "failed"} and cell.get("execution_count"):
                return int(cell["execution_count"])
        started = [c for c in counts if c is not None]
        return int(max(started)) if started else None
    return None


def _title(job: Job) -> str:
    from kompetensi_toolkit.reporting import _template_label

    key = f"title.{job.stem}"
    if key in labels.TRANSLATIONS[job.lang]:
        return labels.text(key, job.lang, region=job.region_name)
    return f"{_template_label(job.stem, job.lang)} · {job.region_name}"


def execute_job(job: Job) -> Any:
    """Execute one template for one region and render its HTML; never raises.

    Returns
    -------
    RunResult
        ``status`` "ok" with the notebook, the HTML and the key figures the
        notebook published (``figures``), or "failed" with the error, the
        failing cell (for an error or a timeout) and the partial notebook kept
        as ``<stem>.failed.ipynb``; an earlier good report is left in place.
    """
    import nbformat
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from kompetensi_toolkit.exceptions import ReportError
    from kompetensi_toolkit.reporting import (
        RunResult,
        _atomic_write_text,
        _kernel_manager_class,
        _make_readable,
        _notebook_summaries,
        _papermill_engine,
        audit_html,
        export_html,
    )

    start = time.perf_counter()
    for name in KERNEL_ENVIRONMENT_DROPPED:  # not for the kernel this process starts
        os.environ.pop(name, None)
    if job.threads:  # inherited by the kernel this process starts
        os.environ.update(dict.fromkeys(THREAD_VARIABLES, str(job.threads)))
    os.environ.update(job.environment)
    folder = Path(job.out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    final_nb = folder / f"{job.stem}.ipynb"
    final_html = folder / f"{job.stem}.html"
    failed_nb = folder / f"{job.stem}.failed.ipynb"
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{job.stem}.", suffix=".ipynb")
    os.close(fd)
    tmp = Path(tmp_name)
    error: str | None = None
    failed_cell: int | None = None
    nb = None
    manager = _kernel_manager_class()
    engine_kwargs = {"kernel_manager_class": manager} if manager is not None else {}
    try:
        nb = pm.execute_notebook(
            job.template,
            tmp,
            parameters=dict(job.parameters),
            engine_name=_papermill_engine(),
            kernel_name=job.kernel_name,
            cwd=Path(job.template).parent,
            progress_bar=False,
            log_output=False,
            start_timeout=START_TIMEOUT,
            execution_timeout=job.cell_timeout,
            **engine_kwargs,
        )
    except PapermillExecutionError as err:
        error = f"{err.ename}: {err.evalue}"
        failed_cell = err.exec_count
    except Exception as err:  # a timeout, a kernel that died, …: this job only
        error = f"{type(err).__name__}: {err}"
        if type(err).__name__ == "CellTimeoutError":
            error = (
                f"CellTimeoutError: a cell ran longer than {job.cell_timeout:g} s and was stopped"
            )
        failed_cell = _running_cell(tmp)

    if error is None and nb is not None:
        try:
            nb.metadata.setdefault("papermill", {})["output_path"] = str(final_nb)
            page = export_html(nb, job.lang, title=_title(job))
            problems = audit_html(page)
            if problems:
                raise ReportError(
                    "the HTML report failed its safety check, so it was not written: "
                    + "; ".join(problems)
                )
            published = _notebook_summaries(nb)
            nbformat.write(nb, tmp)
            _make_readable(tmp)
            os.replace(tmp, final_nb)
            _atomic_write_text(final_html, page)
            with contextlib.suppress(FileNotFoundError):
                failed_nb.unlink()
            return RunResult(
                job.region_id,
                job.stem,
                "ok",
                time.perf_counter() - start,
                final_nb,
                final_html,
                figures=published or None,
            )
        except Exception as err:
            error = f"{type(err).__name__} while rendering HTML: {err}"

    kept: Path | None = None
    if tmp.is_file() and tmp.stat().st_size > 0:
        _make_readable(tmp)
        os.replace(tmp, failed_nb)
        kept = failed_nb
    else:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return RunResult(
        job.region_id,
        job.stem,
        "failed",
        time.perf_counter() - start,
        notebook=kept,
        error=error,
        failed_cell=failed_cell,
    )


# ---------------------------------------------------------------------------
# Where jobs run.
# ---------------------------------------------------------------------------
class _Pool:
    """A process pool giving every job a fresh process (no state leaks between notebooks).

    The processes are forked from a server that has already imported papermill and
    nbconvert (:data:`PRELOAD`), so a job does not pay 3–4 s of imports: one region's
    six reports took 156 s instead of 188 s (benchmarks/bench_reports.py). The server
    has also built the HTML exporters and exported one small report
    (:mod:`kompetensi_toolkit._warmup`), so a job's export and audit do not first
    compile templates and regular expressions (0.1–0.2 s a job).
    """

    #: Imported once by the fork server; every fresh job process starts with them loaded.
    PRELOAD = ("kompetensi_toolkit.runner", "kompetensi_toolkit.reporting", "papermill",
               "nbconvert", "kompetensi_toolkit._warmup")  # fmt: skip

    def __init__(self, workers: int) -> None:
        self.width = workers  # jobs side by side
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(self.PRELOAD))
        self._pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=context, max_tasks_per_child=1
        )

    def submit(self, job: Job) -> Any:
        return self._pool.submit(execute_job, job)

    def wait(self, pending: Iterable[Any]) -> set[Any]:
        done, _ = concurrent.futures.wait(
            list(pending), return_when=concurrent.futures.FIRST_COMPLETED
        )
        return set(done)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """A Dask distributed cluster: one task per job, retried when its worker is lost."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError as err:  # pragma: no cover - depends on the environment
            from kompetensi_toolkit.exceptions import DependencyMissingError

            raise DependencyMissingError(
                f"--scheduler needs Dask distributed ({err}). Install it with "
                "`pip install 'kompetensi-toolkit[distributed]'`."
            ) from err
        try:
            self._client = Client(address, timeout="20s")
        except OSError as err:
            raise ParameterError(
                f"The 'scheduler' parameter of run_reports must be the address of a running "
                f"Dask scheduler (e.g. tcp://127.0.0.1:8786). Could not connect to {address!r}: "
                f"{err}."
            ) from None

        # Each worker first imports what every job needs (as the pool's fork server
        # does) and caps its kernels' threads at its share of its host's cores: a task
        # of its own, ahead of the jobs; kept, or Dask would forget it.
        workers = self._client.scheduler_info().get("workers", {})
        self.width = sum(max(1, int(w.get("nthreads") or 1)) for w in workers.values())
        threads = worker_threads(workers, self._client.run(os.cpu_count))
        self._warm_ups = [
            self._client.submit(prepare_worker, threads.get(worker), pure=False, priority=10,
                                key=f"kompetensi-warm-up-{os.urandom(4).hex()}",
                                workers=[worker], allow_other_workers=False)
            for worker in workers
        ]  # fmt: skip

    def submit(self, job: Job) -> Any:
        key = f"kompetensi-{job.name.replace('/', '-')}-{os.urandom(4).hex()}"
        return self._client.submit(execute_job, job, key=key, pure=False, retries=DASK_RETRIES)

    def wait(self, pending: Iterable[Any]) -> set[Any]:
        from distributed import wait

        return set(wait(list(pending), return_when="FIRST_COMPLETED").done)

    def close(self) -> None:
        self._client.close()


def worker_threads(
    workers: Mapping[str, Mapping[str, Any]], cores: Mapping[str, int | None]
) -> dict[str, int]:
    """Threads each Dask worker's kernels may give their numerical libraries.

    A host's cores shared out over the task threads of every worker on it, as
    the pool gives each kernel ``cores // workers``: two single-threaded
    workers on a 2-core host get 1 each, not 2 each.

    Parameters
    ----------
    workers : mapping
        The scheduler's ``workers`` (address → its ``host`` and ``nthreads``).
    cores : mapping
        Address → ``os.cpu_count()`` on that worker.

    Examples
    --------
    >>> info = {"tcp://a:1": {"host": "a", "nthreads": 1},
    ...         "tcp://a:2": {"host": "a", "nthreads": 1},
    ...         "tcp://b:1": {"host": "b", "nthreads": 2}}
    >>> worker_threads(info, {"tcp://a:1": 2, "tcp://a:2": 2, "tcp://b:1": 16})
    {'tcp://a:1': 1, 'tcp://a:2': 1, 'tcp://b:1': 8}
    """
    by_host: dict[str, int] = {}
    for info in workers.values():
        host = str(info.get("host"))
        by_host[host] = by_host.get(host, 0) + max(1, int(info.get("nthreads") or 1))
    return {
        address: max(1, (cores.get(address) or 1) // by_host[str(info.get("host"))])
        for address, info in workers.items()
    }


def prepare_worker(threads: int | None = None) -> list[str]:
    """Import, in this process, what every job needs (:data:`_Pool.PRELOAD`).

    What the pool's fork server does once for all its jobs, for a Dask worker
    (a long-lived process): papermill, nbconvert, the HTML exporters built and
    warmed. ``threads``: the cap of the numerical libraries' threads for the
    kernels this process starts (the variables of :data:`THREAD_VARIABLES`
    already set in its environment are kept). Never raises; the modules now
    imported, in order.
    """
    import importlib

    if threads:
        for name in THREAD_VARIABLES:
            os.environ.setdefault(name, str(threads))
    done = []
    for name in _Pool.PRELOAD:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
            done.append(name)
    return done


def _outcome(future: Any, job: Job) -> Any:
    from kompetensi_toolkit.reporting import RunResult

    try:
        return future.result()
    except Exception as err:  # the worker process died, or the cluster lost it for good
        return RunResult(
            job.region_id, job.stem, "failed", 0.0, error=f"{type(err).__name__}: {err}"
        )


def run_jobs(
    jobs: Sequence[Job],
    *,
    workers: int = 1,
    scheduler: str | None = None,
    on_result: Callable[[Job, Any], Any] | None = None,
    expected_seconds: Mapping[str, float] | None = None,
) -> list[Any]:
    """Run ``jobs``: a region's :data:`FINAL_TEMPLATES` after its other templates.

    Jobs start longest first by ``expected_seconds`` (so that one long
    notebook does not run alone at the end), otherwise in the order given. On
    the pool, each kernel's numerical libraries get ``cores // workers``
    threads, so that side-by-side notebooks do not fight for the cores.

    Parameters
    ----------
    jobs : sequence of Job
    workers : int
        Processes of the pool (ignored with ``scheduler``).
    scheduler : str, optional
        Address of a Dask scheduler (``tcp://host:port``): the jobs run on its workers.
    on_result : callable, optional
        Called in this process as ``on_result(job, result)`` as each job finishes;
        its return value (e.g. the result with its summary path) is what is kept.
    expected_seconds : mapping, optional
        Job name → how long it took last time (see :func:`expected_seconds`).

    Returns
    -------
    list of RunResult
        In the order of ``jobs``.
    """
    if not jobs:
        return []
    if scheduler:
        backend: Any = _Dask(scheduler)
    else:
        size = max(1, min(workers, len(jobs)))
        backend = _Pool(size)
        if size > 1:
            threads = max(1, (os.cpu_count() or 1) // size)
            jobs = [replace(j, threads=j.threads or threads) for j in jobs]
    expected = expected_seconds or {}
    order = sorted(range(len(jobs)), key=lambda i: -expected.get(jobs[i].name, 0.0))
    first = [jobs[i] for i in order if jobs[i].stem not in FINAL_TEMPLATES]
    if not expected:
        first = interleaved(first, backend.width)
    later: dict[str, list[Job]] = {}
    for j in jobs:
        if j.stem in FINAL_TEMPLATES:
            later.setdefault(j.region_id, []).append(j)
    open_by_region: dict[str, int] = {}
    for j in first:
        open_by_region[j.region_id] = open_by_region.get(j.region_id, 0) + 1
    results: dict[int, Any] = {}
    index = {id(j): i for i, j in enumerate(jobs)}
    pending: dict[Any, Job] = {}
    try:
        for j in first:
            pending[backend.submit(j)] = j
        for region, finals in later.items():  # regions with nothing else to wait for
            if not open_by_region.get(region):
                for j in finals:
                    pending[backend.submit(j)] = j
        while pending:
            for future in backend.wait(pending):
                job = pending.pop(future)
                result = _outcome(future, job)
                if on_result is not None:
                    result = on_result(job, result)
                results[index[id(job)]] = result
                if job.stem in FINAL_TEMPLATES:
                    continue
                open_by_region[job.region_id] -= 1
                if open_by_region[job.region_id] == 0:
                    for j in later.get(job.region_id, []):
                        pending[backend.submit(j)] = j
    finally:
        backend.close()
    return [results[i] for i in range(len(jobs))]


def interleaved(jobs: Sequence[Job], width: int) -> list[Job]:
    """``jobs`` taking turns between ``width`` regions at a time, each region's in order.

    Side-by-side workers then start on different regions: a region's first
    report loads its data and the others read that load (see
    :mod:`kompetensi_toolkit.runcache`), rather than loading it at the same
    time; and only about ``width`` regions are open at once.

    >>> jobs = [Job("t1", r, r, "o") for r in "aab"] + [Job("t2", "c", "c", "o")]
    >>> [j.region_id for j in interleaved(jobs, 2)]
    ['a', 'b', 'a', 'c']
    >>> [j.region_id for j in interleaved(jobs, 1)]
    ['a', 'a', 'b', 'c']
    """
    by_region: dict[str, list[Job]] = {}
    for job in jobs:
        by_region.setdefault(job.region_id, []).append(job)
    regions = list(by_region)
    out: list[Job] = []
    for start in range(0, len(regions), max(1, width)):
        window = [by_region[r] for r in regions[start : start + max(1, width)]]
        for turn in itertools.zip_longest(*window):
            out += [job for job in turn if job is not None]
    return out


# ---------------------------------------------------------------------------
# Manifest and resume.
# ---------------------------------------------------------------------------
def expected_seconds(previous: Mapping[str, Mapping[str, Any]]) -> dict[str, float]:
    """Job name → seconds it took in an earlier run (from :func:`read_manifest` entries).

    >>> expected_seconds({"ambon/gaps": {"seconds": 12.5}, "ambon/x": {"seconds": None}})
    {'ambon/gaps': 12.5}
    """
    out = {}
    for name, entry in previous.items():
        seconds = entry.get("seconds")
        if isinstance(seconds, int | float) and seconds > 0:
            out[name] = float(seconds)
    return out


def dataset_hash(folder: str | os.PathLike[str]) -> str:
    """SHA-256 over every file of a dataset folder (relative path and content), in order."""
    root = Path(folder)
    hasher = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").digest()
        hasher.update(path.relative_to(root).as_posix().encode() + b"\0" + digest)
    return hasher.hexdigest()


def file_hash(path: str | os.PathLike[str]) -> str:
    with Path(path).open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def fingerprint(job: Job, *, data_hash: str, template_hash: str) -> str:
    """What a job's report was made from, as one SHA-256: a change means it must run again."""
    material = {
        "template": template_hash,
        "parameters": {k: v for k, v in sorted(job.parameters.items()) if k != "data_dir"},
        "data": data_hash,
        "toolkit": __version__,
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True, default=str).encode()).hexdigest()


def read_manifest(out_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """The last run's manifest (empty when there is none or it cannot be read)."""
    path = Path(out_dir) / MANIFEST_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return document if isinstance(document, dict) else {}


def write_manifest(
    out_dir: str | os.PathLike[str],
    entries: Sequence[Mapping[str, Any]],
    *,
    started: datetime,
    data_dir: str | os.PathLike[str],
    data_hash: str,
    workers: int,
    scheduler: str | None,
) -> Path:
    """Write ``<out_dir>/run-manifest.json``: the run and one entry per job."""
    from kompetensi_toolkit.reporting import _atomic_write_text, provenance

    versions = provenance(region_id="", data_dir=data_dir, lang="id", min_group_size=1,
                          data_hash=None)["versions"]  # fmt: skip
    document = {
        "toolkit": __version__,
        "started": started.replace(microsecond=0).isoformat(),
        "finished": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "data_dir": Path(data_dir).name,
        "data_hash": data_hash,
        "workers": workers,
        "scheduler": scheduler,
        "versions": versions,
        "jobs": list(entries),
    }
    text = json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
    return _atomic_write_text(Path(out_dir) / MANIFEST_FILE, text)


def manifest_entry(
    job: Job, result: Any, fingerprint_: str, *, finished: datetime | None = None
) -> dict[str, Any]:
    """One job's line of the manifest."""
    return {
        "region_id": job.region_id,
        "template": job.stem,
        "status": result.status,
        "seconds": round(float(result.seconds), 3),
        "failed_cell": result.failed_cell,
        "error": result.error,
        "fingerprint": fingerprint_,
        "parameters": {k: v for k, v in job.parameters.items() if k != "data_dir"},
        "finished": (finished or datetime.now(UTC)).replace(microsecond=0).isoformat(),
    }


def unchanged(job: Job, fingerprint_: str, previous: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether the last run made this job's report from the same inputs, and it is still there."""
    entry = previous.get(job.name)
    if not entry or entry.get("status") not in {"ok", "unchanged"}:
        return False
    if entry.get("fingerprint") != fingerprint_:
        return False
    folder = Path(job.out_dir)
    return (folder / f"{job.stem}.html").is_file() and (folder / f"{job.stem}.ipynb").is_file()


def skipped_result(job: Job) -> Any:
    from kompetensi_toolkit.reporting import RunResult

    folder = Path(job.out_dir)
    return RunResult(
        job.region_id,
        job.stem,
        "unchanged",
        0.0,
        folder / f"{job.stem}.ipynb",
        folder / f"{job.stem}.html",
    )
