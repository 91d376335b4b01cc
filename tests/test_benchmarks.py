"""The benchmark scripts run, and their two paths agree (correctness only, no timings)."""

from __future__ import annotations

import pandas as pd
from conftest import load_benchmark


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
# Report runs (benchmarks/bench_reports.py).
# ---------------------------------------------------------------------------
import pytest  # noqa: E402  (the tests above need no pytest)


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
