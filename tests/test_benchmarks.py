"""The benchmark scripts run, and their two paths agree (correctness only, no timings)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import BENCHMARKS, load_benchmark


def test_gap_benchmark_paths_agree_on_a_small_table():
    bench = load_benchmark("bench_gaps")
    result = bench.run(n=3_000, naive_n=800, repeat=1)  # asserts vectorised == naive inside
    assert result["assessment_rows"] == 3_000 * 9
    assert sum(result["categories"].values()) == 3_000


def test_naive_baseline_is_the_textbook_formula():
    bench = load_benchmark("bench_gaps")
    employees = pd.DataFrame({"employee_id": ["a"], "position_type": ["jpt_pratama"]})
    assessments = pd.DataFrame(
        {"employee_id": ["a", "a"], "competency_id": ["M.01", "M.02"], "level": [3.0, 4.0]}
    )
    standards = pd.DataFrame(
        {
            "position_type": ["jpt_pratama"] * 2,
            "competency_id": ["M.01", "M.02"],
            "required_level": [4, 4],
        }
    )
    assert bench.naive_jpm(employees, assessments, standards)["a"] == 87.5


def test_outcomes_benchmark_recovers_what_it_planted():
    bench = load_benchmark("bench_outcomes")
    result = bench.run(
        n=3_000,
        years=(2024, 2025),
        repeat=1,
        boot_programmes=1,
        survey_regions=3,
        respondents=30,
        naive_groups=2,
        gap_employees=1_000,
        did_rows=6_000,
        did_units=200,
        region_staff=3_000,
        province_staff=3_000,
        memory=False,
    )  # asserts inside: counts drawn = counts reported; vectorised IKM = naive IKM
    part = result["participation"]
    assert abs(result["participation_rows"] / (3_000 * 2 * 2.5) - 1) < 0.1
    # Mean JP a year: 2.5 programmes × 90 % completed × mean programme JP.
    jp = [[4, 8, 8, 12, 16, 24, 40][k % 7] for k in range(30)]
    expected_jp = 2.5 * 0.9 * sum(jp) / len(jp)
    assert all(abs(v / expected_jp - 1) < 0.1 for v in part["jp_per_employee"])
    assert 0.05 < part["share_never"] < 0.3
    learning = result["learning_effects"]
    assert 14 < learning["mean_diff_effective"] < 17  # planted 16 before clipping to 0..100
    assert 0 < learning["mean_diff_not_effective"] < 3  # planted 1.5
    ikm = result["ikm"]
    assert ikm["groups"] == 3 * 10 * 2 and ikm["ikm_change_groups"] == 3 * 10
    assert sum(ikm["grades"].values()) == ikm["groups"]
    gap = result["gap_closure"]
    assert gap["assessment_rows"] == 1_000 * 9 * 2
    assert 0.3 < gap["level_change_trained"] - gap["level_change_untrained"] < 0.6  # planted 0.45
    assert gap["diff_ci"][0] > 0
    did = result["diff_in_diff"]
    assert did["ci"][0] < bench.PLANTED_DID_EFFECT < did["ci"][1]
    for name in ("nonparticipation_region", "nonparticipation_province"):
        assert result[name]["converged"]
        assert result[name]["or_butuh_perbaikan"] > 1  # planted: they take part half as often


# ---------------------------------------------------------------------------
# The whole suite in one command (benchmarks/run_all.py), quick sizes.
# ---------------------------------------------------------------------------
#: Operations each quick benchmark must put in the table (start of the operation cell).
EXPECTED_OPERATIONS = {
    "gaps": ["gap scoring + JPM + categories"],
    "clustering": ["clustering, k = 6 fixed", "clustering, k = 2–8", "clustering, one region"],
    "outcomes": [
        "`participation_summary`",
        "`participation_summary(by='region_id')`",
        "`jp_by_group`",
        "`never_participants`",
        "`learning_effects`, n_boot = 200",
        "`learning_effects`, n_boot = 2 000",
        "`ikm` with bootstrap CI",
        "`ikm_change`",
        "`gap_closure`",
        "`diff_in_diff`",
        "`nonparticipation_model`, one region",
        "`nonparticipation_model`, a province",
    ],
    "planning": ["budget plan MILP, "] * 5 + ["budget curve, ambon", "mentoring pairs, ambon"],
    "national": [
        "national: load",
        "national: gap scoring",
        "national: clustering",
    ],
}
HEADINGS = [
    "benchmark",
    "operation",
    "size",
    "median s",
    "runs",
    "naive s",
    "speed-up",
    "alloc MiB",
    "process RSS MiB",
    "target",
    "met",
]


@pytest.fixture(scope="module")
def typed_partitioned(sample_dir, tmp_path_factory) -> Path:
    """The small sample as region-partitioned Parquet with typed columns (bench_national's)."""
    bench = load_benchmark("bench_national")
    return bench.write_partitioned(sample_dir, tmp_path_factory.mktemp("national") / "data")


@pytest.fixture(scope="module")
def quick_suite(typed_partitioned, tmp_path_factory):
    """``run_all.py --quick --national DIR`` once, into a temporary results folder."""
    results = tmp_path_factory.mktemp("results")
    done = subprocess.run(
        [
            *(sys.executable, str(BENCHMARKS / "run_all.py"), "--quick"),
            *("--results", str(results), "--national", str(typed_partitioned)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return results, done


def test_quick_suite_gives_every_benchmark_its_rows(quick_suite):
    results, _ = quick_suite
    table = load_benchmark("benchlib").parse_markdown_table(
        (results / "RESULTS.md").read_text(encoding="utf-8")
    )
    assert list(table[0]) == HEADINGS
    found: dict[str, list[str]] = {}
    for line in table:
        found.setdefault(line["benchmark"], []).append(line["operation"])
    assert list(found) == list(EXPECTED_OPERATIONS)  # reports left out of the quick set
    for name, expected in EXPECTED_OPERATIONS.items():
        assert len(found[name]) == len(expected), (name, found[name])
        for operation, start in zip(found[name], expected, strict=True):
            assert operation.startswith(start), (name, operation)
    for line in table:
        assert float(line["median s"]) >= 0
        assert line["runs"] == "1"
        assert float(line["process RSS MiB"]) > 50  # a Python process with pandas: > 50 MiB
        # Guards the rule that targets are judged at their size only: quick rows show no ✓/✗.
        assert line["met"] == ""
    naive = {(x["benchmark"], x["operation"].split(" ")[0]): x for x in table if x["naive s"]}
    gaps = naive[("gaps", "gap")]
    assert "extrapolated linearly" in gaps["naive s"]
    speedup = float(gaps["speed-up"].rstrip("×"))
    naive_s = float(gaps["naive s"].split(" ")[0])
    assert speedup == pytest.approx(naive_s / float(gaps["median s"]), rel=0.05)


def test_quick_suite_writes_each_result_with_its_process_memory(quick_suite):
    results, _ = quick_suite
    for name in EXPECTED_OPERATIONS:
        result = json.loads((results / f"{name}.json").read_text(encoding="utf-8"))
        assert result["quick"] is True
        assert result["process_peak_rss_mib"] > 50
        assert result["process_wall_s"] >= result["measure_s"]
    text = (results / "RESULTS.md").read_text(encoding="utf-8")
    assert "Quick sizes (correctness only" in text
    assert "Machine: " in text and " cores, " in text and "Runs: gaps " in text


def test_quick_suite_naive_and_fast_paths_agree(quick_suite):
    results, _ = quick_suite

    def read(name):
        return json.loads((results / f"{name}.json").read_text(encoding="utf-8"))

    # gaps, outcomes (IKM, participation_summary), planning (curve, mentoring) and national
    # compare both paths inside and would have failed the child; the counts show they ran.
    gaps = read("gaps")
    assert gaps["naive_subsample"] == 5_000 and sum(gaps["categories"].values()) == 20_000
    outcomes = read("outcomes")
    assert outcomes["participation"]["naive_summary"]["naive_staff"] == 500
    assert outcomes["ikm"]["naive_groups"] == 4
    planning = read("planning")
    assert len(planning["curve"]["value_after"]) == len(planning["curve"]["value_before"])
    assert planning["mentoring"]["pairs"] > 0
    # k-means from different starts: the plain KMeans and the clusterer find the same groups
    # up to overlap of the planted profiles (ARI 1 = identical partitions).
    clustering = read("clustering")
    assert clustering["ari_naive_vs_fixed"] > 0.6
    assert clustering["ari_fixed_vs_planted"] > 0.6
    national = read("national")
    assert national["naive_employees"] > 100
    assert national["employees"] == 804 and national["regions"] == 5


def test_a_failing_benchmark_fails_the_run_but_not_the_table(tmp_path):
    # bench_national without a dataset stops in its child; the parent says so, exits 1, and
    # still writes the table of the others (here none).
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run_all.py"),
            "--only=national",
            f"--results={tmp_path}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert "national: failed" in done.stderr
    assert "--data DIR" in done.stderr
    assert (tmp_path / "RESULTS.md").is_file()
    assert not (tmp_path / "national.json").exists()


def test_unknown_benchmark_name_is_refused(tmp_path):
    done = subprocess.run(
        [
            *(sys.executable, str(BENCHMARKS / "run_all.py"), "--only=gaps,speed"),
            *(f"--results={tmp_path}", "--table-only"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "unknown benchmark 'speed'" in done.stderr


def test_update_readme_replaces_only_between_the_markers(tmp_path):
    run_all = load_benchmark("run_all")
    readme = tmp_path / "README.md"
    readme.write_text(
        "# T\n\nbefore\n<!-- benchmarks:start -->\nold | table\n<!-- benchmarks:end -->\nafter\n",
        encoding="utf-8",
    )
    run_all.update_readme("| a |\n|---|\n| 1 |", readme)
    run_all.update_readme("| a |\n|---|\n| 2 |", readme)  # twice: markers kept, one table
    assert readme.read_text(encoding="utf-8") == (
        "# T\n\nbefore\n<!-- benchmarks:start -->\n| a |\n|---|\n| 2 |\n"
        "<!-- benchmarks:end -->\nafter\n"
    )
    # Guards against writing a README without its markers (the table would land nowhere).
    bare = tmp_path / "bare.md"
    bare.write_text("# T\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="markers"):
        run_all.update_readme("| a |", bare)
    assert bare.read_text(encoding="utf-8") == "# T\n"


def test_the_readme_has_the_markers_once():
    text = (BENCHMARKS.parent / "README.md").read_text(encoding="utf-8")
    assert text.count("<!-- benchmarks:start -->") == 1
    assert text.count("<!-- benchmarks:end -->") == 1
    assert text.index("<!-- benchmarks:start -->") > text.index("## Speed at national scale")


def test_table_rows_leave_targets_unjudged_for_quick_results(tmp_path):
    run_all = load_benchmark("run_all")
    gaps = load_benchmark("bench_gaps")
    result = {
        "employees": 5_600_000,
        "competencies": 9,
        "vectorised_s_median": 2.5,
        "repeat": 3,
        "naive_extrapolated_s": 900.0,
        "naive_subsample": 50_000,
        "vectorised_peak_mib": 1100.0,
    }
    assert gaps.rows(result)[0]["met"] is True  # 2.5 s ≤ 3 s at 5.6 M
    assert gaps.rows({**result, "vectorised_s_median": 3.5})[0]["met"] is False
    (tmp_path / "gaps.json").write_text(json.dumps({**result, "quick": True}), encoding="utf-8")
    rows, missing, quick = run_all.table_rows(["gaps", "clustering"], tmp_path)
    assert missing == ["clustering"] and quick
    assert rows[0]["met"] is None and rows[0]["speedup"] == 360.0


# ---------------------------------------------------------------------------
# The national benchmark on a partitioned dataset (benchmarks/bench_national.py).
# ---------------------------------------------------------------------------
def test_national_load_reads_only_the_needed_columns(typed_partitioned, sample_dir):
    bench = load_benchmark("bench_national")
    employees, assessments, _ = bench.load_national(typed_partitioned)
    assert list(employees.columns) == ["employee_id", "position_type", "region_id"]
    assert list(assessments.columns) == ["employee_id", "competency_id", "level", "assessed_on"]
    flat = pd.read_csv(sample_dir / "employees.csv", dtype={"employee_id": str})
    assert sorted(employees["employee_id"]) == sorted(flat["employee_id"])
    # region_id comes from the folder names (the files hold none)
    by_id = employees.set_index("employee_id")["region_id"].astype(str)
    assert (by_id[flat["employee_id"]].to_numpy() == flat["region_id"].to_numpy()).all()
    flat_ass = pd.read_csv(sample_dir / "assessments.csv")
    assert len(assessments) == len(flat_ass)
    assert assessments["level"].sum() == pytest.approx(flat_ass["level"].sum())
    assert isinstance(assessments["employee_id"].dtype, pd.CategoricalDtype)


def test_national_load_drops_assessments_of_unknown_employees(typed_partitioned, tmp_path):
    import shutil

    bench = load_benchmark("bench_national")
    data = Path(shutil.copytree(typed_partitioned, tmp_path / "data"))
    stray = pd.DataFrame(
        {
            "employee_id": ["nobody"],
            "competency_id": ["M.01"],
            "level": [3.0],
            "assessed_on": ["2025-01-01"],
        }
    )
    folder = data / "assessments" / "region_id=ambon"
    stray.to_parquet(folder / "part-1.parquet", index=False)
    _, assessments, _ = bench.load_national(data)
    _, before, _ = bench.load_national(typed_partitioned)
    # Guards the id mapping: an unknown id would otherwise become NaN codes in the categorical.
    assert len(assessments) == len(before)
    assert assessments["employee_id"].notna().all()


def test_national_aggregates_equal_the_sum_of_the_regional_ones(typed_partitioned):
    bench = load_benchmark("bench_national")
    employees, assessments, standards = bench.load_national(typed_partitioned)
    jpm, by_region, _ = bench.score(employees, assessments, standards)
    national = jpm["category"].value_counts()
    summed = by_region.groupby("category", observed=True)["n"].sum()
    assert (summed.reindex(national.index).to_numpy() == national.to_numpy()).all()
    # each region alone, from its own partition only, gives the same JPM as the national run
    for region in ("ambon", "plaju"):
        emp = employees[employees["region_id"] == region]
        ass = assessments[assessments["employee_id"].isin(emp["employee_id"])]
        one, _, _ = bench.score(emp.reset_index(drop=True), ass, standards)
        whole = jpm.set_index("employee_id").loc[one["employee_id"], "jpm"]
        np.testing.assert_allclose(one["jpm"].to_numpy(), whole.to_numpy())
        counts = by_region[by_region["region_id"] == region].set_index("category")["n"]
        mine = one["category"].value_counts()
        assert (counts.reindex(mine.index).to_numpy() == mine.to_numpy()).all()
    assert isinstance(jpm, pd.DataFrame)


def test_national_reads_a_text_typed_partitioned_set_the_same(typed_partitioned, partitioned_dir):
    # conftest's partitioned_dir holds every column as text, as a CSV export would.
    bench = load_benchmark("bench_national")
    typed = bench.score(*bench.load_national(typed_partitioned))[0].set_index("employee_id")
    text = bench.score(*bench.load_national(partitioned_dir))[0].set_index("employee_id")
    assert set(typed.index) == set(text.index)
    np.testing.assert_allclose(
        typed["jpm"].to_numpy(), text.loc[typed.index, "jpm"].to_numpy(), equal_nan=True
    )


def test_national_naive_baseline_is_the_textbook_formula():
    bench = load_benchmark("bench_national")
    employees = pd.DataFrame(
        {"employee_id": ["a", "b"], "position_type": ["fungsional_ahli_muda", "pengawas"]}
    )
    assessments = pd.DataFrame(
        {
            "employee_id": ["a", "a", "a", "b"],
            "competency_id": ["M.01", "SK.01", "T.01", "M.01"],
            "level": [3.0, 2.0, 4.0, 3.0],
        }
    )
    standards = pd.DataFrame(
        {
            "position_type": ["fungsional_ahli_muda"] * 3 + ["pengawas"],
            "competency_id": ["M.01", "SK.01", "T.01", "M.01"],
            "required_level": [3, 3, 4, 4],
        }
    )
    naive = bench.naive_jpm(employees, assessments, standards)
    # a (Ahli Muda, technical weight 0.5): 0.5 × 100 × 4/4 + 0.5 × 100 × (3+2)/(3+3)
    assert naive["a"] == pytest.approx(0.5 * 100 + 0.5 * 100 * 5 / 6)
    assert naive["b"] == 75.0  # 100 × 3 / 4


# ---------------------------------------------------------------------------
# Report runs (benchmarks/bench_reports.py).
# ---------------------------------------------------------------------------


def test_report_floor_keeps_only_the_parameters_and_the_imports(tmp_path):
    import nbformat

    from kompetensi_toolkit import config

    bench = load_benchmark("bench_reports")
    floor = bench.floor_template(config.NOTEBOOK_DIR / "needs_plan.ipynb", tmp_path)
    cells = nbformat.read(floor, as_version=4).cells
    assert floor == tmp_path / "needs_plan.ipynb"
    assert [c.cell_type for c in cells] == ["code", "code"]
    assert cells[0].metadata["tags"] == ["parameters"]
    assert "budget: int = 500_000_000" in cells[0].source
    assert cells[1].source.splitlines()[:2] == [
        "import pandas as pd",
        "from IPython.display import Markdown, display",
    ]
    assert cells[1].source.splitlines()[2:] == [
        "from kompetensi_toolkit import (",
        "    clustering,",
        "    config,",
        "    gaps,",
        "    loaders,",
        "    narrative,",
        "    planning,",
        "    plotting,",
        "    rendering,",
        "    reporting,",
        ")",
    ]


def test_importtime_lines_give_each_module_its_importer():
    bench = load_benchmark("bench_reports")
    stderr = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       100 |        100 |     c\n"
        "import time:       300 |        400 |   b\n"
        "import time:        50 |         50 |   d\n"
        "import time:      1000 |       1450 | a\n"
        "import time:         7 |          7 | e\n"
    )
    rows = bench.parse_importtime(stderr)
    assert [(r["module"], r["depth"], r["parent"]) for r in rows] == [
        ("c", 2, "b"),
        ("b", 1, "a"),
        ("d", 1, "a"),
        ("a", 0, None),
        ("e", 0, None),
    ]
    assert rows[3]["cumulative_s"] == 0.00145 and rows[3]["self_s"] == 0.001
    assert bench._chain(rows, "c") == "c <- b <- a"


def nbformat_cells(path):
    import nbformat

    return nbformat.read(path, as_version=4).cells


@pytest.mark.notebook
def test_report_benchmark_runs_every_section_in_quick_mode(sample_dir, tmp_path):
    bench = load_benchmark("bench_reports")
    result = bench.run(
        data_dir=sample_dir,
        regions=["ambon", "kertapati"],
        templates=["overview"],
        repeat=1,
        warmup=False,
        work=tmp_path,
    )  # asserts inside: every notebook ran; the floor kept 2 cells; every HTML page is clean
    report = result["report_set"]
    assert report["templates"] == ["overview"] and report["costliest_template"] == "overview"
    assert report["ratio"] == round(report["full_s"] / report["floor_s"], 2)
    assert report["target_met"] == (report["ratio"] <= 1.3)
    # The full overview ran every cell; the floor its parameters, papermill's and the imports.
    full = bench.cell_seconds(tmp_path / "full" / "ambon" / "overview.ipynb")
    assert len(full) == 10 + 1  # the template's code cells and papermill's injected one
    floor = bench.cell_seconds(tmp_path / "floor" / "ambon" / "overview.ipynb")
    assert [line for _, line in floor][1:] == [
        'region_id = "ambon"',
        "from IPython.display import Markdown, display",
    ]
    # The second floor imports what the full overview loaded: pandas and matplotlib among them.
    assert report["ratio_loaded"] == round(report["full_s"] / report["floor_loaded_s"], 2)
    assert report["target_met_loaded"] == (report["ratio_loaded"] <= 1.3)
    assert report["modules_loaded"]["overview"] > 100
    loop = nbformat_cells(tmp_path / "floor_loaded_templates" / "overview.ipynb")[1].source
    assert "'pandas'" in loop and "'matplotlib.pyplot'" in loop
    assert set(result["html_export"]["median_s"]) == {"overview"}
    assert result["workers"]["notebooks"] == 2
    assert result["workers"]["figures_agree"]  # workers=1 and 2 wrote the same key figures
    assert result["dask"]["notebooks"] == 2 and result["dask"]["figures_agree"]
    summary = (tmp_path / "dask" / "kertapati" / "summary.json").read_text(encoding="utf-8")
    assert '"region_id": "kertapati"' in summary
    startup = result["kernel_startup"]
    # `import kompetensi_toolkit` stays light, and the overview's imports need no SciPy,
    # scikit-learn, statsmodels or matplotlib (charts import it when drawn).
    assert startup["import_kompetensi_toolkit"]["heavy"] == []
    heavy = set(startup["imports_overview"]["heavy"])
    assert not heavy & {"matplotlib", "scipy", "sklearn", "statsmodels", "nbconvert"}
    assert set(startup["kernel"]["imports_in_kernel_s"]) == {"overview"}


# ---------------------------------------------------------------------------
# The national run's extrapolation (benchmarks/bench_national_run.py).
# ---------------------------------------------------------------------------
def test_national_run_cost_model_and_extrapolation_by_hand():
    from types import SimpleNamespace

    bench = load_benchmark("bench_national_run")
    staff = {"a": 100, "b": 1_100, "c": 2_100, "d": 50}
    assert bench.spread(staff, [0, 0.5, 1]) == ["d", "b", "c"]  # ranks 0, 2 (of 0..3), 3
    # seconds = 10 + 0.02 × staff, two notebooks per region splitting the seconds
    results = [
        SimpleNamespace(region_id=r, seconds=(10 + 0.02 * n) / 2)
        for r, n in staff.items()
        if r != "d"
        for _ in range(2)
    ]
    model = bench.cost_model(results, staff)
    assert model["a_s"] == 10.0 and model["b_s_per_1000_staff"] == 20.0
    assert model["region_seconds"] == {"a": 12.0, "b": 32.0, "c": 52.0}
    # at scale 0.5 the real headcounts are 200, 2 200, 4 200, 100: Σ (10 + 0.02 n) = 40 + 134
    country = bench.extrapolate(model, staff, scale=0.5, speedup=1.8)
    assert country["staff"] == 6_700 and country["cpu_hours"] == round(174 / 3600, 2)
    assert country["efficiency_per_worker"] == 0.9
    assert country["wall_hours_on"]["2"] == round(174 / 3600 / 1.8, 2)


def test_report_floor_with_modules_imports_them_and_probe_lists_what_a_run_loaded(tmp_path):
    import nbformat
    from nbclient import NotebookClient

    from kompetensi_toolkit import config

    bench = load_benchmark("bench_reports")
    floor = bench.floor_template(
        config.NOTEBOOK_DIR / "overview.ipynb", tmp_path / "f", ["json", "no_such_module_kt"]
    )
    source = nbformat.read(floor, as_version=4).cells[1].source
    assert source.startswith("from IPython.display import Markdown, display")
    assert "['json', 'no_such_module_kt']" in source
    # The probe notes sys.modules after the parameters and lists what came since.
    probe = bench.probe_template(config.NOTEBOOK_DIR / "overview.ipynb", tmp_path / "p")
    nb = nbformat.read(probe, as_version=4)
    assert nb.cells[2].source == bench._PROBE_START and nb.cells[-1].source == bench._PROBE_END
    small = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(bench._PROBE_START),
            nbformat.v4.new_code_cell("import colorsys, fractions"),
            nbformat.v4.new_code_cell(bench._PROBE_END),
        ]
    )
    NotebookClient(small, kernel_name="python3").execute()
    nbformat.write(small, tmp_path / "small.ipynb")
    found = bench.probed_modules(tmp_path / "small.ipynb")
    assert "colorsys" in found and "fractions" in found and "sys" not in found
    # The loop imports what it can and passes over what it cannot.
    namespace: dict = {}
    exec(bench._IMPORT_LOOP.format(modules=["colorsys", "no_such_module_kt"]), namespace)
    assert namespace["_kt_module"] == "no_such_module_kt"
