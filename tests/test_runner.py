"""runner: many regions at once, fresh processes, timeouts, resume, manifest, Dask.

Every test runs real notebooks through papermill in real kernels; the
templates here are tiny (a few cells) so that what is tested is the running,
not the analyses.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys

import nbformat
import pytest

from conftest import KERNELSPEC, write_template
from kompetensi_toolkit import reporting, runner
from kompetensi_toolkit.cli import main
from kompetensi_toolkit.exceptions import ParameterError

pytestmark = pytest.mark.notebook

PUBLISH_WORKER = (
    "import os, time\nfrom kompetensi_toolkit import reporting\n"
    'reporting.publish_summary({"worker": os.getppid(), "started": time.time(), '
    '"threads": os.environ.get("OMP_NUM_THREADS")}, "{name}")'
)


def _executed(tmp_path, name: str, *cells: str):
    """A template of ``cells`` run as a job for ambon: (its result, its executed code cells)."""
    job = runner.Job(template=write_template(tmp_path, name, *cells), region_id="ambon",
                     region_name="Kota Ambon", out_dir=str(tmp_path / "out"),
                     parameters={"region_id": "ambon"})  # fmt: skip
    result = runner.execute_job(job)
    assert result.status == "ok", result.error
    nb = nbformat.read(result.notebook, as_version=4)
    return result, [c for c in nb.cells if c.cell_type == "code"]


def _publishing(folder, name: str, *cells: str, parameters: str = "") -> str:
    return write_template(
        folder, name, *cells, PUBLISH_WORKER.replace("{name}", name), parameters=parameters
    )


def test_every_notebook_runs_in_a_fresh_process_of_the_pool(sample_dir, tmp_path):
    templates = [_publishing(tmp_path, "one"), _publishing(tmp_path, "two")]
    out = tmp_path / "out"
    before = sorted(tmp_path.rglob("*"))
    results = reporting.run_reports(
        ["ambon", "plaju"], sample_dir, out, templates=templates, workers=2
    )
    # nothing is written outside the output folder
    assert [p for p in sorted(tmp_path.rglob("*")) if p not in before and out not in
            (p, *p.parents)] == []  # fmt: skip
    assert [(r.region_id, r.template, r.status) for r in results] == [
        ("ambon", "one", "ok"), ("ambon", "two", "ok"), ("plaju", "one", "ok"),
        ("plaju", "two", "ok"),
    ]  # fmt: skip
    workers = {
        (region, t): reporting.read_summary(out / region)["templates"][t]["worker"]
        for region in ("ambon", "plaju")
        for t in ("one", "two")
    }
    # four notebooks, four processes, none of them this one
    assert len(set(workers.values())) == 4 and os.getpid() not in workers.values()
    # a fresh run (no earlier timings) takes turns between regions: the two workers start
    # on ambon and plaju, so that each region's data is loaded once (see runcache)
    started = {
        (region, t): reporting.read_summary(out / region)["templates"][t]["started"]
        for region in ("ambon", "plaju")
        for t in ("one", "two")
    }
    assert max(started["ambon", "one"], started["plaju", "one"]) < min(
        started["ambon", "two"], started["plaju", "two"]
    )
    # both templates of a region merged into its summary.json by this process
    assert set(reporting.read_summary(out / "ambon")["templates"]) == {"one", "two"}
    # two notebooks side by side share the cores: each kernel's BLAS/OpenMP gets its half
    threads = {reporting.read_summary(out / r)["templates"]["one"]["threads"] for r in ("ambon",)}
    assert threads == {str(max(1, (os.cpu_count() or 1) // 2))}


def test_jobs_start_longest_first_by_the_last_run(sample_dir, tmp_path):
    template = _publishing(tmp_path, "one")
    out = tmp_path / "out"
    reporting.run_reports(["ambon", "plaju"], sample_dir, out, templates=[template])
    manifest_path = out / runner.MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["jobs"]:  # pretend plaju took far longer last time
        entry["seconds"] = 500.0 if entry["region_id"] == "plaju" else 1.0
        entry["status"] = "failed"  # so that both run again
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    results = reporting.run_reports(
        ["ambon", "plaju"], sample_dir, out, templates=[template], resume=True
    )
    assert [r.region_id for r in results] == ["ambon", "plaju"]  # results keep the asked order
    started = {r: reporting.read_summary(out / r)["templates"]["one"]["started"]
               for r in ("ambon", "plaju")}  # fmt: skip
    assert started["plaju"] < started["ambon"]


def test_a_hanging_cell_is_stopped_by_the_timeout(sample_dir, tmp_path):
    hang = write_template(tmp_path, "hang", "x = 1", "import time\ntime.sleep(120)", "y = 2")
    fine = write_template(tmp_path, "fine", "x = 1")
    out = tmp_path / "out"
    results = reporting.run_reports(
        ["ambon"], sample_dir, out, templates=[hang, fine], workers=2, cell_timeout=3
    )
    stopped, ok = results
    assert ok.status == "ok"
    assert stopped.status == "failed" and stopped.seconds < 60
    assert stopped.error.startswith("CellTimeoutError: a cell ran longer than 3 s")
    assert stopped.failed_cell == 4  # parameters, injected parameters, x = 1, then the sleep
    assert (out / "ambon" / "hang.failed.ipynb").is_file()
    assert not (out / "ambon" / "hang.html").exists()
    manifest = json.loads((out / runner.MANIFEST_FILE).read_text(encoding="utf-8"))
    entry = next(e for e in manifest["jobs"] if e["template"] == "hang")
    assert entry["status"] == "failed" and entry["failed_cell"] == 4


def test_failing_region_then_resume_runs_only_what_failed_or_changed(sample_dir, tmp_path):
    template = _publishing(
        tmp_path,
        "fragile",
        'if fail_region == region_id:\n    raise RuntimeError("boom for " + region_id)',
        parameters='fail_region = ""  # a region to fail\n',
    )
    out = tmp_path / "out"
    first = reporting.run_reports(
        ["ambon", "plaju"],
        sample_dir,
        out,
        templates=[template],
        workers=2,
        region_parameters={"plaju": {"fail_region": "plaju"}},
    )
    assert [r.status for r in first] == ["ok", "failed"]
    assert first[1].error == "RuntimeError: boom for plaju" and first[1].failed_cell == 3
    manifest = json.loads((out / runner.MANIFEST_FILE).read_text(encoding="utf-8"))
    jobs = {e["region_id"]: e for e in manifest["jobs"]}
    assert jobs["plaju"]["parameters"]["fail_region"] == "plaju"
    assert jobs["plaju"]["status"] == "failed" and jobs["ambon"]["status"] == "ok"
    assert len(manifest["data_hash"]) == 64 and manifest["versions"]["papermill"]
    ambon_page = (out / "ambon" / "fragile.html").stat().st_mtime_ns

    # the fix: no failing parameter for plaju; ambon is unchanged and not run again
    second = reporting.run_reports(
        ["ambon", "plaju"], sample_dir, out, templates=[template], workers=2, resume=True
    )
    assert [(r.region_id, r.status) for r in second] == [("ambon", "unchanged"), ("plaju", "ok")]
    assert (out / "ambon" / "fragile.html").stat().st_mtime_ns == ambon_page
    assert (out / "plaju" / "fragile.html").is_file()
    assert not (out / "plaju" / "fragile.failed.ipynb").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="ambon/fragile.html"' in index and 'href="plaju/fragile.html"' in index

    # a changed template runs again everywhere
    nb = nbformat.read(template, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("z = 3"))
    nbformat.write(nb, template)
    third = reporting.run_reports(
        ["ambon", "plaju"], sample_dir, out, templates=[template], resume=True
    )
    assert [r.status for r in third] == ["ok", "ok"]


def test_region_summary_runs_after_the_region_reports(sample_dir, tmp_path):
    others = [_publishing(tmp_path, "alpha"), _publishing(tmp_path, "beta")]
    final = write_template(
        tmp_path,
        "executive_summary",
        "from kompetensi_toolkit import reporting\n"
        "found = sorted(reporting.read_summary(reports_dir)['templates'])\n"
        'reporting.publish_summary({"seen": ",".join(found)}, "executive_summary")',
        parameters='reports_dir = "."  # the region folder\n',
    )
    out = tmp_path / "out"
    # listed first, it still runs last in each region
    results = reporting.run_reports(
        ["ambon", "plaju"], sample_dir, out, templates=[final, *others], workers=2
    )
    assert all(r.ok for r in results)
    for region in ("ambon", "plaju"):
        figures = reporting.read_summary(out / region)["templates"]
        assert figures["executive_summary"]["seen"] == "alpha,beta"


def test_a_template_whose_name_cannot_be_a_file_name_is_refused(sample_dir, tmp_path):
    odd = tmp_path / "Laporan Akhir.ipynb"
    nbformat.write(nbformat.v4.new_notebook(metadata=KERNELSPEC), odd)
    with pytest.raises(ParameterError, match="lower-case letters, digits"):
        reporting.run_reports(["ambon"], sample_dir, tmp_path / "out", templates=[odd])
    assert not (tmp_path / "out").exists()


def test_region_parameters_are_checked_before_any_kernel(sample_dir, tmp_path):
    template = write_template(
        tmp_path, "p", "x = 1", parameters="budget: float = 5.0  # a budget\n"
    )
    cases = [
        ({"ambon": {"nope": 1}}, "'nope', which no template declares"),
        ({"ambon": {"budget": "many"}}, "expect float"),
        ({"ambon": {"lang": "en"}}, "must not set 'lang'"),
        ({"atlantis": {"budget": 1.0}}, "Unknown region 'atlantis'"),
    ]
    for given, wording in cases:
        with pytest.raises(Exception, match=wording) as info:
            reporting.run_reports(
                ["ambon"], sample_dir, tmp_path / "o", templates=[template],
                region_parameters=given,
            )  # fmt: skip
        assert "Traceback" not in str(info.value)
    assert not (tmp_path / "o").exists()
    for bad in ({"workers": 0}, {"cell_timeout": 0}, {"cell_timeout": -1.0}):
        with pytest.raises(ParameterError):
            reporting.run_reports(
                ["ambon"], sample_dir, tmp_path / "o", templates=[template], **bad
            )


def test_cli_exit_1_names_region_and_cell_then_resume_from_yaml(sample_dir, tmp_path, capsys):
    template = _publishing(
        tmp_path,
        "fragile",
        'if fail_region == region_id:\n    raise RuntimeError("boom for " + region_id)',
        parameters='fail_region = ""  # a region to fail\n',
    )
    params = tmp_path / "params"
    params.mkdir()
    (params / "plaju.yaml").write_text("fail_region: plaju\n", encoding="utf-8")
    out = tmp_path / "out"
    base = ["run", "ambon", "plaju", "--data", str(sample_dir), "--out", str(out),
            "--templates", template, "--workers", "2"]  # fmt: skip
    assert main([*base, "--params", str(params)]) == 1
    captured = capsys.readouterr()
    row = next(line for line in captured.out.splitlines() if line.startswith("plaju"))
    assert "failed" in row and "cell 3: RuntimeError: boom for plaju" in row
    assert "1 of 2 reports failed" in captured.err and "Traceback" not in captured.err

    (params / "plaju.yaml").write_text("fail_region: ''\n", encoding="utf-8")
    assert main([*base, "--params", str(params), "--resume"]) == 0
    captured = capsys.readouterr()
    rows = {line.split()[0]: line for line in captured.out.splitlines()[-6:] if line}
    assert "unchanged" in rows["ambon"] and " ok " in rows["plaju"]

    (params / "plaju.yaml").write_text("- not a mapping\n", encoding="utf-8")
    assert main([*base, "--params", str(params)]) == 2
    assert "must be a mapping of parameter names to values" in capsys.readouterr().err


def _break_a_row(folder, region: str) -> tuple[int, str]:
    """Write a bad birth year into one of ``region``'s employees; (spreadsheet row, original)."""
    path = folder / "employees.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    at = next(i for i, line in enumerate(lines[1:], 1) if f",{region}," in line)
    cells = next(csv.reader([lines[at]]))
    cells[header.index("birth_year")] = "19x0"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    original, lines[at] = lines[at], buffer.getvalue()
    path.write_text("".join(lines), encoding="utf-8")
    return at + 1, original


def test_cli_one_region_with_broken_rows_fails_alone_then_resume_after_the_fix(
    dataset_copy, tmp_path, capsys
):
    template = _publishing(tmp_path, "small")
    row, original = _break_a_row(dataset_copy, "plaju")
    out = tmp_path / "out"
    base = ["run", "ambon", "plaju", "--data", str(dataset_copy), "--out", str(out),
            "--templates", template, "--workers", "2"]  # fmt: skip
    assert main(base) == 1
    captured = capsys.readouterr()
    rows = {line.split()[0]: line for line in captured.out.splitlines() if line.strip()}
    assert " ok " in rows["ambon"] and (out / "ambon" / "small.html").is_file()
    assert "failed" in rows["plaju"]
    assert (
        f"data: employees.csv:{row}:birth_year: not a whole number (value seen: '19x0'"
        in (rows["plaju"])
    )
    assert "Region plaju: its rows in" in captured.out  # then the problems in full
    assert "1 of 2 reports failed" in captured.err and "Traceback" not in captured.err
    assert not (out / "plaju").exists()  # no kernel started, nothing written for plaju
    manifest = json.loads((out / runner.MANIFEST_FILE).read_text(encoding="utf-8"))
    assert {e["region_id"]: e["status"] for e in manifest["jobs"]} == {
        "ambon": "ok", "plaju": "failed"
    }  # fmt: skip

    # only the region's own rows count: the broken row does not change ambon's fingerprint
    path = dataset_copy / "employees.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[row - 1] = original
    path.write_text("".join(lines), encoding="utf-8")
    assert main([*base, "--resume"]) == 0
    captured = capsys.readouterr()
    rows = {line.split()[0]: line for line in captured.out.splitlines()[-6:] if line.strip()}
    assert "unchanged" in rows["ambon"] and " ok " in rows["plaju"]
    assert (out / "plaju" / "small.html").is_file()


def test_broken_rows_stop_only_runs_that_include_their_region(dataset_copy, tmp_path, capsys):
    template = _publishing(tmp_path, "small")
    _break_a_row(dataset_copy, "plaju")
    common = ["--data", str(dataset_copy), "--templates", template, "--workers", "1"]
    assert main(["run", "ambon", "--out", str(tmp_path / "a"), *common]) == 0
    capsys.readouterr()
    # every region asked for is broken: refused before anything is written
    assert main(["run", "plaju", "--out", str(tmp_path / "p"), *common]) == 1
    captured = capsys.readouterr()
    assert "birth_year: not a whole number" in captured.out
    assert "nothing was written" in captured.err and not (tmp_path / "p").exists()


def test_dask_local_cluster_runs_two_regions(sample_dir, tmp_path):
    distributed = pytest.importorskip("distributed")
    templates = [_publishing(tmp_path, "one"), _publishing(tmp_path, "two")]
    out = tmp_path / "out"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        results = reporting.run_reports(
            ["ambon", "plaju"], sample_dir, out, templates=templates,
            scheduler=cluster.scheduler_address,
        )  # fmt: skip
        with distributed.Client(cluster) as client:  # each worker was warmed up first
            warmed = client.run(
                lambda: (
                    "kompetensi_toolkit._warmup" in sys.modules,
                    os.environ.get("OMP_NUM_THREADS"),
                )
            )
    # and its kernels get at most its share of the cores (two 1-thread workers share this
    # machine's; Dask's nanny may already have set 1, which is kept)
    share = max(1, (os.cpu_count() or 1) // 2)
    assert [w for w, _ in warmed.values()] == [True, True]
    assert all(t is not None and 1 <= int(t) <= share for _, t in warmed.values())
    assert [r.status for r in results] == ["ok"] * 4
    for region in ("ambon", "plaju"):
        assert set(reporting.read_summary(out / region)["templates"]) == {"one", "two"}
        assert (out / region / "one.html").is_file()
    manifest = json.loads((out / runner.MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["scheduler"] == cluster.scheduler_address


def test_a_job_kernel_does_not_inherit_the_dask_nanny_malloc_trim(tmp_path, monkeypatch):
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")  # as a Dask nanny sets it
    monkeypatch.setenv("KT_SEEN_BY_KERNEL", "yes")
    _, code = _executed(
        tmp_path,
        "env",
        "import os\nprint(os.environ.get('MALLOC_TRIM_THRESHOLD_'), os.environ['KT_SEEN_BY_KERNEL'])",
    )
    assert code[-1].outputs[0]["text"] == "None yes\n"


def test_prepare_worker_imports_what_the_fork_server_preloads(monkeypatch):
    for name in runner.THREAD_VARIABLES:  # absent now; as they were after the test
        monkeypatch.setenv(name, "0")
        monkeypatch.delenv(name)
    monkeypatch.setenv("MKL_NUM_THREADS", "7")  # set by whoever started the worker: kept
    assert runner.prepare_worker(3) == list(runner._Pool.PRELOAD)
    assert "kompetensi_toolkit._warmup" in sys.modules and "nbconvert" in sys.modules
    assert [os.environ[n] for n in runner.THREAD_VARIABLES] == ["3", "3", "7", "3"]


def test_unreachable_scheduler_is_a_clear_message(sample_dir, tmp_path):
    pytest.importorskip("distributed")
    template = write_template(tmp_path, "p", "x = 1")
    with pytest.raises(ParameterError, match=r"Could not connect to 'tcp://127\.0\.0\.1:9'"):
        reporting.run_reports(
            ["ambon"], sample_dir, tmp_path / "o", templates=[template],
            scheduler="tcp://127.0.0.1:9",
        )  # fmt: skip


def test_all_regions_of_a_partitioned_dataset_on_the_pool_then_dask_resume(
    partitioned_copy, tmp_path
):
    # The national layout end to end: every region (--all) from Parquet partitions on the pool,
    # a resume on a Dask cluster that finds nothing to do, then a change in one region's
    # partition re-runs that region only.
    import pandas as pd

    distributed = pytest.importorskip("distributed")
    data, out = partitioned_copy, tmp_path / "out"
    first = reporting.run_reports(None, data, out, templates=["overview"], workers=2)
    regions = sorted(r.region_id for r in first)
    assert regions == ["ambon", "kertapati", "pematangsiantar", "plaju", "tanjungpinang"]
    assert {r.status for r in first} == {"ok"}
    staff = pd.read_parquet(data / "employees" / "region_id=plaju" / "part-0.parquet")
    figures = reporting.read_summary(out / "plaju")["templates"]["overview"]
    assert str(len(staff)) in json.dumps(figures)  # plaju's own headcount, from its partition
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        again = reporting.run_reports(
            None, data, out, templates=["overview"], resume=True,
            scheduler=cluster.scheduler_address,
        )  # fmt: skip
    assert {r.status for r in again} == {"unchanged"}
    staff.loc[0, "potential_score"] = "12.5" if staff.loc[0, "potential_score"] != "12.5" else "13"
    staff.to_parquet(data / "employees" / "region_id=plaju" / "part-0.parquet", index=False)
    third = reporting.run_reports(None, data, out, templates=["overview"], resume=True)
    assert {r.region_id: r.status for r in third} == {
        "ambon": "unchanged", "kertapati": "unchanged", "pematangsiantar": "unchanged",
        "plaju": "ok", "tanjungpinang": "unchanged",
    }  # fmt: skip


@pytest.mark.parametrize("fail", [False, True])
def test_our_papermill_engine_writes_the_notebook_when_it_starts_and_ends(
    tmp_path, monkeypatch, fail
):
    import papermill
    import papermill.engines
    from papermill.exceptions import PapermillExecutionError

    cells = ["x = 1", "print(x + 1)", "raise ValueError('stop')" if fail else "y = 2", "z = 3"]
    template = write_template(tmp_path, "steps", *cells)
    writes: dict[str | None, int] = {}
    real = papermill.engines.write_ipynb

    def counting(nb, path):
        writes[engine] = writes.get(engine, 0) + 1
        real(nb, path)

    monkeypatch.setattr(papermill.engines, "write_ipynb", counting)
    kept = {}
    for engine in (None, reporting._papermill_engine()):
        out = tmp_path / f"{engine}.ipynb"
        with contextlib.suppress(PapermillExecutionError):
            papermill.execute_notebook(template, out, engine_name=engine, progress_bar=False,
                                       kernel_name="python3", cwd=tmp_path,
                                       kernel_manager_class=reporting._kernel_manager_class())  # fmt: skip
        kept[engine] = nbformat.read(out, as_version=4)
    # papermill's own engine: at the start, before and after each cell that ran, at the end
    ran = 4 if fail else 5  # parameters and 4 cells; none after the failing one
    assert writes == {None: 2 + 2 * ran, "kompetensi": 2}
    ours, theirs = kept["kompetensi"], kept[None]
    assert [c.get("outputs") for c in ours.cells] == [c.get("outputs") for c in theirs.cells]
    statuses = [[(c.metadata.get("papermill") or {}).get("status") for c in nb.cells]
                for nb in (ours, theirs)]  # fmt: skip
    assert statuses[0] == statuses[1] and statuses[0].count("completed") == (3 if fail else 5)
    code = {c.source: c for c in ours.cells if c.cell_type == "code"}
    assert code["print(x + 1)"].outputs[0]["text"] == "2\n"
    assert code[cells[2]].metadata.papermill["status"] == ("failed" if fail else "completed")
    assert code["z = 3"].metadata.papermill["status"] == ("pending" if fail else "completed")


def test_a_job_kernel_loads_the_gc_extension_and_counts_cells_as_before(tmp_path):
    result, code = _executed(
        tmp_path,
        "exit",
        "print(sorted(get_ipython().extension_manager.loaded))",
        "import gc\nprint('frozen:', gc.get_freeze_count() > 0)",
    )
    assert [c.execution_count for c in code] == [1, 2, 3, 4]  # parameters, injected, 2 cells
    assert "'kompetensi_toolkit._kernel_gc'" in code[2].outputs[0]["text"]
    assert "kompetensi_toolkit._kernel_gc" in result.html.read_text(encoding="utf-8")
    assert code[3].outputs[0]["text"] == "frozen: True\n"  # the cells before it were frozen
