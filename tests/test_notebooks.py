"""The notebook templates: committed clean, parameterised alike, runnable with plain papermill."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import nbformat
import pytest
from test_reporting import assert_ran_cleanly

from kompetensi_toolkit import config, labels, overview, reporting

NOTEBOOKS = sorted(config.NOTEBOOK_DIR.glob("*.ipynb"))
#: Every template starts with these, in this order; a template may add its own after them.
PARAMETERS = ("region_id", "data_dir", "lang", "min_group_size")
#: The parameters a template adds (typed literals, commented, after the shared ones).
EXTRA_PARAMETERS = {
    "overview": (),
    "executive_summary": ("reports_dir",),
    "feedback": ("score_method", "n_themes", "min_responses"),
    "gaps": ("purpose", "jpm_method", "readiness_threshold", "top_needs"),
    "needs_plan": ("n_clusters", "budget"),
    "outcomes": ("ikm_weighting", "coverage_threshold", "service_competency", "min_pairs"),
}


def test_there_are_templates():
    assert [p.stem for p in NOTEBOOKS], f"no notebook in {config.NOTEBOOK_DIR}"
    assert {"overview", "gaps"} <= {p.stem for p in NOTEBOOKS}
    assert [p.stem for p in reporting.list_templates()] == [p.stem for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} of {path.name} has outputs"
            assert cell.execution_count is None, f"cell {i} of {path.name} has an execution count"
    assert "papermill" not in nb.metadata, f"{path.name} was saved from a papermill run"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_parameters_cell_of_commented_literals(path: Path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name} must have exactly one cell tagged 'parameters'"
    cell = tagged[0]
    assert cell.cell_type == "code"
    names = []
    for node in ast.parse(cell.source).body:
        assert isinstance(node, ast.AnnAssign), f"untyped parameter: {ast.dump(node)}"
        target = node.target
        assert isinstance(target, ast.Name)
        assert isinstance(node.value, ast.Constant), f"{target.id} is not a literal"
        assert isinstance(node.annotation, ast.Name)
        assert type(node.value.value).__name__ == node.annotation.id, target.id
        names.append(target.id)
    assert tuple(names) == PARAMETERS + EXTRA_PARAMETERS.get(path.stem, ())
    for line in cell.source.splitlines():
        if line.strip():
            assert re.search(r"\S\s+#\s*\S", line), f"parameter line without a comment: {line}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_papermill_documents_the_parameters(path: Path):
    import papermill

    inferred = papermill.inspect_notebook(str(path))
    assert tuple(inferred) == PARAMETERS + EXTRA_PARAMETERS.get(path.stem, ())
    assert all(p["help"] for p in inferred.values())
    assert inferred["lang"]["default"] == '"id"'
    assert inferred["min_group_size"]["default"] == str(config.MIN_GROUP_SIZE)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_thin(path: Path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        defined = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda)
        ]
        assert not defined, f"cell {i} of {path.name} defines a function or class"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_templates_publish_key_figures_and_end_with_provenance(path: Path):
    nb = nbformat.read(path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    published = [s for s in code if "reporting.publish_summary(" in s]
    assert len(published) == 1, f"{path.name} must publish its key figures once"
    assert re.search(rf'"{path.stem}",?\)', re.sub(r"\s+", "", published[0])), (
        "publish under the template's own name"
    )
    assert "reporting.provenance_markdown(" in code[-1]
    # no template writes a file: reporting is the only writer
    for source in code:
        for call in ("open(", ".to_csv(", ".to_parquet(", ".savefig(", "write_text(", "json.dump"):
            assert call not in source, (path.name, call)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_static_markdown_is_for_researchers_only(path: Path):
    # Words a policymaker reads come out of code cells (so they follow `lang`).
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            assert "remove-cell" in cell.metadata.get("tags", []), (
                f"markdown cell {i} of {path.name} would reach the HTML in one language only"
            )


# ---------------------------------------------------------------------------
# Plain papermill, as a researcher would run it, in English.
# ---------------------------------------------------------------------------
REGION_EN = "kertapati"


@pytest.fixture(scope="module")
def english_run(sample_dir, tmp_path_factory):
    """overview.ipynb through papermill.execute_notebook, relative data_dir, lang="en"."""
    import papermill

    out = tmp_path_factory.mktemp("papermill") / "overview-en.ipynb"
    nb = papermill.execute_notebook(
        str(config.NOTEBOOK_DIR / "overview.ipynb"),
        str(out),
        parameters={"region_id": REGION_EN, "data_dir": sample_dir.name, "lang": "en"},
        kernel_name="python3",
        cwd=str(sample_dir.parent),  # the relative data_dir must resolve from the kernel's cwd
        progress_bar=False,
    )
    page = reporting.export_html(nb, "en", title="English overview")
    return out, page


@pytest.mark.notebook
def test_papermill_run_has_no_errors(english_run):
    path, _ = english_run
    nb = nbformat.read(path, as_version=4)
    assert_ran_cleanly(nb, REGION_EN)


@pytest.mark.notebook
def test_papermill_run_respects_english(english_run, sample_dir):
    from kompetensi_toolkit.loaders import load_dataset

    _, page = english_run
    figures = overview.key_figures(load_dataset(sample_dir, region=REGION_EN))
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert '<html lang="en"' in page
    assert labels.text("title.overview", "en", region=figures["region_name"]) in text
    assert f"{labels.format_number(figures['headcount'], 'en')} civil servants" in text
    for english in ("Staff by work unit", "Staff by position type", "About this report"):
        assert english in text
    for indonesian in ("Jumlah pegawai per unit kerja", "Asal-usul laporan", "memiliki"):
        assert indonesian not in text
    assert reporting.audit_html(page) == []
