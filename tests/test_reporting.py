"""run_reports end to end: real papermill, a real kernel, outputs read back."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

import nbformat
import pandas as pd
import pytest
from test_crossregion import DOCS, NATIONAL

from kompetensi_toolkit import config, labels, overview, privacy, reporting
from kompetensi_toolkit.exceptions import ParameterError, ReportError, UnknownRegionError
from kompetensi_toolkit.loaders import load_dataset

REGIONS = ("ambon", "kertapati")  # one kota, one kecamatan (small units)
# notebooks/*.ipynb, by name
TEMPLATES = ("executive_summary", "feedback", "gaps", "needs_plan", "outcomes", "overview")

_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+")


def people(ds) -> tuple[set[str], list[str]]:
    """A loaded dataset's ids (raw NIPs and their pseudonyms) and staff names."""
    raw = load_dataset(ds.path, ds.region, pseudonymise=False).employees["employee_id"]
    ids = set(raw.astype(str)) | set(ds.employees["employee_id"].astype(str))
    return ids, list(ds.staff_names)


def assert_no_personal_data(page: str, ds) -> None:
    """No NIP-shaped number, employee id (raw or pseudonym) or staff name in a shared page."""
    ids, names = people(ds)
    stripped = _DATA_URI.sub("data:", page)
    assert not re.findall(r"(?<![0-9A-Za-z])\d{18}(?![0-9A-Za-z])", stripped)
    for employee_id in ids:
        assert employee_id not in stripped
    body = stripped[stripped.find("<body") :]
    for name in names:
        bare = name.split(",")[0].strip()
        for shown in {name, bare}:
            assert not re.search(rf"(?<!\w){re.escape(shown)}(?!\w)", body), shown
    assert reporting.audit_html(page) == []


def page_of(run, region: str, template: str) -> str:
    """The policymakers' page of one template and region from the shared run."""
    out, _, _ = run
    return (out / region / f"{template}.html").read_text(encoding="utf-8")


def summary_of(run, region: str, template: str) -> dict:
    """One template's figures in the region's summary.json from the shared run."""
    out, _, _ = run
    return reporting.read_summary(out / region)["templates"][template]


def walk(value, path="figures"):
    """Every (path, key, value) in a JSON document."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield path, k, v
            yield from walk(v, f"{path}[{k!r}]")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, f"{path}[{i}]")


def assert_ran_cleanly(nb, region: str | None = None) -> None:
    """Every code cell ran, with no error and nothing on stderr; ``region`` was injected."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert cell.execution_count is not None
        for output in cell.outputs:
            assert output.output_type != "error", output
            assert not (output.output_type == "stream" and output.name == "stderr"), output.text
    if region is not None:
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert len(injected) == 1 and f'region_id = "{region}"' in injected[0].source


def assert_template_ran(run, region: str, template: str) -> None:
    """The shared run executed ``template`` for ``region`` without errors or warnings."""
    out, results, _ = run
    result = next(r for r in results if (r.region_id, r.template) == (region, template))
    assert result.ok, result.error
    assert_ran_cleanly(nbformat.read(out / region / f"{template}.ipynb", as_version=4), region)


def run_in_english(template: str, sample_dir, tmp_path_factory, **parameters) -> tuple:
    """``template`` run with plain papermill for ambon in English: (notebook, HTML page)."""
    import papermill

    out = tmp_path_factory.mktemp(f"{template}-en") / f"{template}-en.ipynb"
    nb = papermill.execute_notebook(
        str(config.NOTEBOOK_DIR / f"{template}.ipynb"),
        str(out),
        parameters={"region_id": "ambon", "data_dir": str(sample_dir), "lang": "en", **parameters},
        kernel_name="python3",
        progress_bar=False,
    )
    return nb, reporting.export_html(nb, "en", title=template)


def run_tiny(template: str, tmp_path) -> tuple:
    """``template`` run with papermill on the three-person dataset of conftest.TINY (region
    ambon), checked to have run cleanly: (notebook, HTML page)."""
    import papermill

    from conftest import write_tiny

    data = write_tiny(tmp_path / "tiny")
    nb = papermill.execute_notebook(
        str(config.NOTEBOOK_DIR / f"{template}.ipynb"),
        str(tmp_path / "tiny.ipynb"),
        parameters={"region_id": "ambon", "data_dir": str(data)},
        kernel_name="python3",
        progress_bar=False,
    )
    assert_ran_cleanly(nb)
    return nb, reporting.export_html(nb, "id", title=template)


def assert_aggregates_only(
    summary: dict,
    ds,
    *,
    personal: set[str],
    counts: set[str],
    check_names: bool = True,
    check_lengths: bool = True,
) -> None:
    """No personal key or value in a summary; counts of people 0, hidden or ≥ 5; short lists."""
    ids, all_names = people(ds)
    names = set(all_names) if check_names else set()
    for path, key, value in walk(summary):
        assert key.lower() not in personal, (path, key)
        if isinstance(value, str):
            assert value not in ids and value not in names, (path, key)
        if key in counts and isinstance(value, (int, float)) and not isinstance(value, bool):
            assert value == 0 or value >= 5, (path, key, value)
        if check_lengths and isinstance(value, list):
            assert len(value) < max(len(ds.employees), 30), (path, key)


def _visible_text(page: str) -> str:
    """The page's text as a reader sees it (no tags, no embedded images)."""
    body = page[page.find("<body") :]
    body = re.sub(r"<style.*?</style>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def _external_resources(page: str) -> list[str]:
    """Every src/href (or CSS/JS import) pointing at another site, except plain <a> links."""
    page = _DATA_URI.sub("data:", page)
    found = [
        m.group(0)
        for m in re.finditer(
            r"<(?P<tag>[a-zA-Z][\w-]*)\b[^>]*?\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//[^\s\"'>]*",
            page,
            flags=re.I,
        )
        if m.group("tag").lower() != "a"
    ]
    found += re.findall(r"(?:url\(|import\(|@import)\s*[\"']?\s*(?:https?:)?//[^\s\"')]*", page)
    return found


_RUN = pytest.StashKey[tuple]()


def shared_run(request, sample_dir, tmp_path_factory) -> tuple:
    """Every template for both regions, executed once per test session, in Indonesian.

    Kernels are the slow part of the suite: this module and test_gaps_template.py
    read the same outputs (``(out_dir, results, progress calls)``).
    """
    stash = request.config.stash
    if _RUN not in stash:
        out = tmp_path_factory.mktemp("outputs")
        seen: list[tuple[str, str, int, int]] = []
        results = reporting.run_reports(
            list(REGIONS),
            sample_dir,
            out,
            lang="id",
            min_group_size=5,
            progress=lambda done, total, r: seen.append((r.region_id, r.template, done, total)),
        )
        stash[_RUN] = (out, results, seen)
    return stash[_RUN]


@pytest.fixture(scope="module")
def run(request, sample_dir, tmp_path_factory):
    return shared_run(request, sample_dir, tmp_path_factory)


@pytest.fixture(scope="module")
def datasets(sample_dir):
    return {r: load_dataset(sample_dir, region=r) for r in REGIONS}


# ---------------------------------------------------------------------------
# What was written.
# ---------------------------------------------------------------------------
@pytest.mark.notebook
def test_every_region_ok(run):
    out, results, seen = run
    # every region × template, then the comparison of the regions (once, no region)
    assert [(r.region_id, r.template, r.status) for r in results] == [
        (region, template, "ok") for region in REGIONS for template in TEMPLATES
    ] + [("", "comparison", "ok")]
    total = len(REGIONS) * len(TEMPLATES) + 1
    assert [(done, n) for _, _, done, n in seen] == [(i, total) for i in range(1, total + 1)]
    assert sorted((r, t) for r, t, _, _ in seen) == sorted(
        (r.region_id, r.template) for r in results
    )
    # a region's summary runs after all its other reports, the comparison after every region
    for region in REGIONS:
        templates_done = [t for r, t, _, _ in seen if r == region]
        assert templates_done[-1] == "executive_summary"
    assert seen[-1][:2] == ("", "comparison")
    comparison = results[-1]
    assert comparison.html == out / "comparison.html" and comparison.html.is_file()
    for region in REGIONS:
        assert (out / region / f"{region}.xlsx").is_file()
    for r in results[:-1]:
        assert r.error is None and r.failed_cell is None
        assert r.seconds > 0
        assert r.notebook == out / r.region_id / f"{r.template}.ipynb" and r.notebook.is_file()
        assert r.html == out / r.region_id / f"{r.template}.html" and r.html.is_file()
        assert r.summary == out / r.region_id / "summary.json" and r.summary.is_file()
        assert r.paths == {"notebook": r.notebook, "html": r.html, "summary": r.summary}
    leftovers = [p.name for p in out.rglob("*") if p.name.startswith(".") or "tmp" in p.name]
    assert leftovers == [], "temporary files left behind"


@pytest.mark.notebook
@pytest.mark.parametrize("region", REGIONS)
def test_executed_notebook_has_no_errors(run, region):
    out, _, _ = run
    nb = nbformat.read(out / region / "overview.ipynb", as_version=4)
    assert_ran_cleanly(nb, region)
    assert nb.metadata.papermill.output_path == str(out / region / "overview.ipynb")


@pytest.mark.notebook
@pytest.mark.parametrize("region", REGIONS)
def test_html_opens_with_region_and_headcount(run, datasets, region):
    out, _, _ = run
    page = (out / region / "overview.html").read_text(encoding="utf-8")
    figures = overview.key_figures(datasets[region])
    text = _visible_text(page)
    assert '<html lang="id"' in page
    assert figures["region_name"] in text
    assert f"{labels.format_number(figures['headcount'], 'id')} ASN" in text
    assert f"<title>Ikhtisar ASN {figures['region_name']}</title>" in page
    # The key numbers come first: the summary precedes the first table.
    assert text.index(f"{figures['headcount']} ASN") < text.index("Unit kerja")
    assert "Asal-usul laporan" in text and datasets[region].data_hash in text


@pytest.mark.notebook
@pytest.mark.parametrize("region", REGIONS)
def test_html_has_no_code_and_no_parameters(run, region):
    out, _, _ = run
    page = (out / region / "overview.html").read_text(encoding="utf-8")
    text = _visible_text(page)
    body = page[page.find("<body") :]
    for marker in ("jp-InputArea", "jp-InputPrompt", "In&nbsp;[", "Out&nbsp;[", "highlight"):
        assert marker not in body
    for source in ("load_dataset(", "import ", "suppress_small_counts(", "display("):
        assert source not in text
    for parameter_cell in ("region_id: str", 'region_id = "', "min_group_size =", "celltag_"):
        assert parameter_cell not in page
    assert "Template: overview" not in text  # the remove-cell notes for researchers
    assert "Traceback" not in text and "Warning" not in text


@pytest.mark.notebook
@pytest.mark.parametrize("region", REGIONS)
def test_html_has_no_personal_data(run, datasets, region):
    out, _, _ = run
    page = (out / region / "overview.html").read_text(encoding="utf-8")
    stripped = _DATA_URI.sub("data:", page)
    assert not re.findall(r"(?<![0-9A-Za-z])\d{18}(?![0-9A-Za-z])", stripped)
    ids, names = people(datasets[region])
    for employee_id in ids:
        assert employee_id not in stripped
    body = stripped[stripped.find("<body") :]
    assert len(names) > 0
    for name in names:
        bare = name.split(",")[0].strip()  # without academic titles
        for shown in {name, bare}:
            assert not re.search(rf"(?<!\w){re.escape(shown)}(?!\w)", body), shown


@pytest.mark.notebook
@pytest.mark.parametrize("region", REGIONS)
def test_html_loads_nothing_from_the_web(run, region):
    out, _, _ = run
    page = (out / region / "overview.html").read_text(encoding="utf-8")
    assert _external_resources(page) == []
    assert "<script src" not in page
    assert re.search(r'<img [^>]*src="data:image/png;base64,', page), "charts must be embedded"
    assert reporting.audit_html(page) == []


@pytest.mark.notebook
def test_every_shared_file_is_offline_and_holds_no_code_or_parameters(run):
    out, _, _ = run
    pages = sorted(out.rglob("*.html"))
    names = {p.relative_to(out).as_posix() for p in pages}
    assert {"index.html", "comparison.html"} <= names
    assert {f"{r}/{t}.html" for r in REGIONS for t in TEMPLATES} <= names
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert _external_resources(page) == [], path
        assert "<script" not in page.lower(), path  # no MathJax, RequireJS or widget code
        assert reporting.audit_html(page) == [], path
        body = page[page.find("<body") :]
        for marker in ("jp-InputArea", "jp-InputPrompt", "injected-parameters", "celltag_"):
            assert marker not in body, (path, marker)
        # no papermill metadata: the word appears only in the list of software versions
        assert all(
            re.match(r"papermill \d", page[m.start() :]) for m in re.finditer("papermill", page)
        ), path
        assert '"parameters"' not in page and "&quot;parameters&quot;" not in page, path


@pytest.mark.notebook
def test_small_units_are_hidden_and_said_so(run, datasets):
    out, _, _ = run
    region = "kertapati"
    page = (out / region / "overview.html").read_text(encoding="utf-8")
    by_unit = overview.headcount_by_unit(datasets[region].employees)
    hidden = privacy.suppress_small_counts(by_unit, min_group_size=5)
    assert hidden["suppressed"].any(), "the kecamatan sample should have small units"
    rows = dict(
        re.findall(r"<tr><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>", page.split("Unit kerja")[1])
    )
    for unit, n, masked in zip(by_unit["unit"], by_unit["n"], hidden["suppressed"], strict=True):
        cell = html.unescape(rows[html.escape(str(unit), quote=False)])
        if masked:
            assert cell in ("< 5", "disembunyikan"), (unit, cell)
        else:
            assert cell == labels.format_number(n, "id"), (unit, cell)
    note = privacy.suppression_note(hidden, "id", 5)
    assert note in _visible_text(page)


@pytest.mark.notebook
def test_index_links_every_report(run, datasets):
    out, _, _ = run
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="id"' in page and '<meta charset="utf-8">' in page
    links = re.findall(r'<a href="([^"]+)"', page)
    assert sorted(links) == sorted(
        [f"{r}/{t}.html" for r in REGIONS for t in TEMPLATES]
        + [f"{r}/{r}.xlsx" for r in REGIONS]
        + ["comparison.html"]
    )
    for link in links:
        assert (out / unquote(link)).is_file()
    text = _visible_text(page)
    for region in REGIONS:
        assert datasets[region].region_row()["name"] in text
    assert _external_resources(page) == [] and "<script" not in page


# ---------------------------------------------------------------------------
# Failures.
# ---------------------------------------------------------------------------
@pytest.fixture
def no_kernel(monkeypatch):
    """Fail loudly if anything tries to execute a notebook."""
    import papermill

    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)


def test_unknown_region_fails_before_any_kernel(sample_dir, tmp_path, no_kernel):
    out = tmp_path / "out"
    with pytest.raises(UnknownRegionError) as err:
        reporting.run_reports(["ambon", "atlantis", "ambom"], sample_dir, out)
    message = str(err.value)
    assert "Unknown regions 'atlantis', 'ambom'" in message
    assert "Did you mean 'ambom' → 'ambon'?" in message
    assert "Regions available: pematangsiantar, tanjungpinang, ambon, plaju, kertapati." in message
    assert not out.exists(), "nothing may be written before the parameters are checked"


@pytest.mark.parametrize(
    ("kwargs", "wording"),
    [
        (
            {"lang": "fr"},
            "The 'lang' parameter of run_reports must be one of 'id', 'en'. Got 'fr' instead.",
        ),
        (
            {"min_group_size": 0},
            "The 'min_group_size' parameter of run_reports must be a positive whole number "
            "(1 or more). Got 0 instead.",
        ),
        (
            {"min_group_size": "5"},
            "The 'min_group_size' parameter of run_reports must be a positive whole number "
            "(1 or more). Got '5' instead.",
        ),
        (
            {"templates": ["nope"]},
            f"The 'templates' parameter of run_reports must hold template names "
            f"({', '.join(TEMPLATES)}) or paths to .ipynb files. Got 'nope' instead.",
        ),
    ],
)
def test_bad_parameters_fail_before_any_kernel(sample_dir, tmp_path, no_kernel, kwargs, wording):
    with pytest.raises(ParameterError) as err:
        reporting.run_reports(["ambon"], sample_dir, tmp_path / "out", **kwargs)
    assert str(err.value) == wording
    assert not (tmp_path / "out").exists()


FRAGILE = nbformat.v4.new_notebook(
    cells=[
        nbformat.v4.new_code_cell(
            'region_id = "ambon"  # region\ndata_dir = "data/sample"  # data\n'
            'lang = "id"  # language\nmin_group_size = 5  # threshold',
            metadata={"tags": ["parameters"]},
        ),
        nbformat.v4.new_code_cell(
            'if region_id == "plaju":\n    raise RuntimeError("boom for " + region_id)'
        ),
        nbformat.v4.new_code_cell(
            'from IPython.display import Markdown\nMarkdown("**fine** " + region_id)'
        ),
        nbformat.v4.new_code_cell(
            "from kompetensi_toolkit import reporting\n"
            'reporting.publish_summary({"region": region_id, "n": 12}, "fragile")'
        ),
    ],
    metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
)


@pytest.mark.notebook
def test_failing_region_does_not_stop_the_others(sample_dir, tmp_path):
    template = tmp_path / "fragile.ipynb"
    nbformat.write(FRAGILE, template)
    out = tmp_path / "out"
    # An earlier good report of plaju, and its key figures, must survive the failed run.
    (out / "plaju").mkdir(parents=True)
    (out / "plaju" / "fragile.html").write_text("earlier report", encoding="utf-8")
    earlier = '{"region_id": "plaju", "generated": "x", "templates": {"fragile": {"n": 1}}}'
    (out / "plaju" / "summary.json").write_text(earlier, encoding="utf-8")

    results = reporting.run_reports(["plaju", "ambon"], sample_dir, out, templates=[template])

    failed, ok = results
    assert (failed.region_id, failed.status) == ("plaju", "failed")
    assert failed.error == "RuntimeError: boom for plaju"
    assert failed.failed_cell == 3  # parameters, injected parameters, then the failing cell
    assert failed.html is None
    assert failed.notebook == out / "plaju" / "fragile.failed.ipynb"
    partial = nbformat.read(failed.notebook, as_version=4)
    assert any(o.output_type == "error" for c in partial.cells for o in c.get("outputs", []))
    assert (out / "plaju" / "fragile.html").read_text(encoding="utf-8") == "earlier report"

    assert (out / "plaju" / "summary.json").read_text(encoding="utf-8") == earlier
    assert failed.summary is None

    assert (ok.region_id, ok.status) == ("ambon", "ok")
    assert "fine" in ok.html.read_text(encoding="utf-8")
    assert reporting.read_summary(out / "ambon")["templates"] == {
        "fragile": {"region": "ambon", "n": 12}
    }
    page = ok.html.read_text(encoding="utf-8")
    assert "12" not in _visible_text(page) and reporting.SUMMARY_MIME not in page

    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="ambon/fragile.html"' in index
    assert 'href="plaju/fragile.html"' not in index
    assert re.search(r'class="failed">[^<]*gagal', index)


def test_write_index_escapes_and_lists_earlier_reports(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "overview.html").write_text("x", encoding="utf-8")
    regions = pd.DataFrame(
        {
            "region_id": ["new", "old"],
            "name": ["Kota <Baru> & Co", "Kota Lama"],
            "level": ["kota", "kabupaten"],
            "province": ["Maluku", pd.NA],
        }
    )
    result = reporting.RunResult("new", "overview", "failed", 1.0, error="x")
    path = reporting.write_index(tmp_path, [result], regions=regions, lang="en")
    page = path.read_text(encoding="utf-8")
    assert "Kota &lt;Baru&gt; &amp; Co" in page and "<Baru>" not in page
    assert '<a href="old/overview.html">Overview</a>' in page and "from an earlier run" in page
    assert "failed" in page and 'href="new/' not in page
    assert '<html lang="en">' in page and "Regency" in page


# ---------------------------------------------------------------------------
# summary.json: the key figures, for machines.
# ---------------------------------------------------------------------------
@pytest.mark.notebook
@pytest.mark.parametrize("region", REGIONS)
def test_summary_json_layout(run, region):
    out, _, _ = run
    path = out / region / "summary.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert list(document) == ["region_id", "generated", "templates"]
    assert document["region_id"] == region
    generated = datetime.fromisoformat(document["generated"])
    assert generated.utcoffset() == timedelta(0)
    assert list(document["templates"]) == sorted(TEMPLATES)
    assert reporting.read_summary(out / region) == document
    assert reporting.read_summary(path) == document
    for template in TEMPLATES:
        from_notebook = reporting.read_summary(out / region / f"{template}.ipynb")
        assert from_notebook["region_id"] == region
        assert from_notebook["templates"] == {template: document["templates"][template]}


@pytest.mark.notebook
@pytest.mark.parametrize("region", REGIONS)
def test_overview_key_figures_in_summary(run, datasets, region):
    out, _, _ = run
    figures = reporting.read_summary(out / region)["templates"]["overview"]
    expected = overview.summary_figures(overview.key_figures(datasets[region]), 5)
    for key in ("region_id", "region_name", "headcount", "units", "n_pns", "n_pppk",
                "n_assessed", "share_assessed", "largest_position_group", "data_hash",
                "min_group_size"):  # fmt: skip
        assert figures[key] == pytest.approx(expected[key]), key
    groups = privacy.suppress_small_counts(
        overview.headcount_by_position_group(datasets[region].employees)
    )
    assert [g["position_group"] for g in figures["by_position_group"]] == [
        str(g) for g in groups["position_group"]
    ]
    for record, n in zip(figures["by_position_group"], groups["n"], strict=True):
        assert record["n"] == (None if pd.isna(n) else int(n))
        assert record["n"] is None or record["n"] == 0 or record["n"] >= 5


@pytest.mark.notebook
@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_summary_never_reaches_the_html(run, region, template):
    out, _, _ = run
    page = (out / region / f"{template}.html").read_text(encoding="utf-8")
    assert reporting.SUMMARY_MIME not in page
    assert "vnd.kompetensi" not in page
    figures = reporting.read_summary(out / region)["templates"][template]
    assert json.dumps(figures, ensure_ascii=False)[:40] not in page
    assert '"data_hash"' not in page and "&quot;data_hash&quot;" not in page
    assert reporting.audit_html(page) == []


@pytest.mark.notebook
@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_chart_has_alt_text_and_every_header_is_translated(run, region, template):
    page = page_of(run, region, template)
    images = re.findall(r"<img\b[^>]*>", page)
    for image in images:
        alt = re.search(r'\balt="([^"]*)"', image)
        assert alt and len(alt.group(1)) >= 10, image[:200]
        assert "No description has been provided" not in alt.group(1)
    # the region summary is words only; a kecamatan's overview may have no chart
    if template != "executive_summary" and (template, region) != ("overview", "kertapati"):
        assert images, "no chart at all"
    headers = [html.unescape(h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", page, re.S)]
    raw = [h for h in headers if re.fullmatch(r"[a-z]+(?:_[a-z0-9]+)+", h)]
    assert raw == [], f"untranslated column headers in {template}: {raw}"


def test_summary_payload_converts_and_refuses():
    import numpy as np

    payload = reporting.summary_payload(
        {
            "n": np.int64(7),
            "share": np.float32(0.5),
            "missing": float("nan"),
            "na": pd.NA,
            "flag": np.bool_(True),
            "when": pd.Timestamp("2026-01-02"),
            "table": pd.DataFrame({"g": pd.Categorical(["a"]), "n": pd.array([None], "Int64")}),
            "by": pd.Series({"x": 1.5}),
            "values": np.array([1, 2]),
        },
        "gaps",
    )
    assert payload == {
        "template": "gaps",
        "figures": {
            "n": 7, "share": 0.5, "missing": None, "na": None, "flag": True,
            "when": "2026-01-02T00:00:00", "table": [{"g": "a", "n": None}], "by": {"x": 1.5},
            "values": [1, 2],
        },
    }  # fmt: skip
    json.dumps(payload, allow_nan=False)


@pytest.mark.parametrize(
    ("figures", "wording"),
    [
        (
            {"rows": pd.DataFrame({"employee_id": ["e1"], "jpm": [80.0]})},
            "The 'figures' parameter of publish_summary must hold aggregates only, never "
            "personal data. Got the key 'employee_id' at figures['rows'] instead.",
        ),
        (
            {"top": [{"Name": "Budi"}]},
            "The 'figures' parameter of publish_summary must hold aggregates only, never "
            "personal data. Got the key 'Name' at figures['top'][0] instead.",
        ),
        (
            {"x": "198501012010011001"},
            "The 'figures' parameter of publish_summary must hold aggregates only. Got an "
            "18-digit number (a NIP?) at figures['x'] instead.",
        ),
        (
            {"x": object()},
            "The 'figures' parameter of publish_summary must hold numbers, text, booleans, "
            "None, dicts, lists or DataFrames. Got object at figures['x'] instead.",
        ),
    ],
)
def test_summary_payload_wording(figures, wording):
    with pytest.raises(ParameterError) as err:
        reporting.summary_payload(figures, "gaps")
    assert str(err.value) == wording


def test_summary_payload_template_name():
    with pytest.raises(ParameterError, match=r"'template' parameter .* Got '\.\./x' instead"):
        reporting.summary_payload({}, "../x")
    assert reporting.publish_summary({"n": 1}, "gaps") is None  # prints outside a kernel


def test_merge_summary_keeps_other_templates(tmp_path):
    from kompetensi_toolkit.reporting import _merge_summary

    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    path = _merge_summary(tmp_path, "ambon", {"overview": {"n": 1}}, now=when)
    _merge_summary(tmp_path, "ambon", {"gaps": {"n": 2}}, now=when)
    _merge_summary(tmp_path, "ambon", {"overview": {"n": 3}}, now=when)
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "region_id": "ambon",
        "generated": "2026-01-02T03:04:05+00:00",
        "templates": {"gaps": {"n": 2}, "overview": {"n": 3}},
    }
    path.write_text("{not json", encoding="utf-8")  # a broken file is rebuilt
    _merge_summary(tmp_path, "ambon", {"gaps": {"n": 4}})
    assert reporting.read_summary(tmp_path)["templates"] == {"gaps": {"n": 4}}
    assert [p.name for p in tmp_path.iterdir()] == ["summary.json"]  # no temporary files


def test_read_summary_says_what_is_missing(tmp_path):
    with pytest.raises(ReportError, match=r"No summary.json at .*: run `kompetensi run`"):
        reporting.read_summary(tmp_path)


def test_export_drops_the_summary_and_audit_catches_it():
    payload = reporting.summary_payload({"share_below": 0.4321}, "gaps")
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "x",
                outputs=[
                    nbformat.v4.new_output(
                        "display_data",
                        data={reporting.SUMMARY_MIME: payload, "text/plain": "0.4321"},
                    ),
                    nbformat.v4.new_output("display_data", data={"text/markdown": "**kept**"}),
                ],
            )
        ]
    )
    page = reporting.export_html(nb, "id")
    assert "kept" in page
    assert "0.4321" not in page and "vnd.kompetensi" not in page
    assert reporting.audit_html(f"<body>{reporting.SUMMARY_MIME}</body>") == [
        "shows the machine-readable key figures (summary.json)"
    ]


def test_summary_numbers_are_rounded_to_six_decimals():
    # 1/17 printed in full has a 17-digit run: a leak scanner would take it for an id.
    payload = reporting.summary_payload({"share": 1 / 17, "mean": 135.43008570949743}, "gaps")
    assert payload["figures"] == {"share": 0.058824, "mean": 135.430086}


# ---------------------------------------------------------------------------
# The index at national size (554 regions): grouped by province.
# ---------------------------------------------------------------------------
def _write_summaries(folder, docs):
    for region, doc in docs.items():
        (folder / region).mkdir()
        (folder / region / "summary.json").write_text(json.dumps(doc), encoding="utf-8")
        (folder / region / "gaps.html").write_text("x", encoding="utf-8")


def _regions_of(docs):
    rows = []
    for rid, doc in docs.items():
        meta = next(iter(doc["templates"].values()))
        rows.append({"region_id": rid, "name": meta.get("region_name", rid),
                     "level": meta.get("level"), "province": meta.get("province")})  # fmt: skip
    return pd.DataFrame(rows)


def test_index_at_554_regions_groups_by_province(tmp_path):
    _write_summaries(tmp_path, NATIONAL)
    results = [reporting.RunResult(r, "gaps", "ok", 1.0) for r in NATIONAL]
    page = reporting.write_index(
        tmp_path, results, regions=_regions_of(NATIONAL), lang="id", templates=["gaps"]
    ).read_text(encoding="utf-8")
    assert "Angka kunci per provinsi" in page and "Nasional" in page
    tables = page.split("<table")[1:]
    rows = [t.split("</table>")[0].count("<tr") for t in tables]
    assert len(tables) == 1 + 38 and max(rows) <= 40  # province table (38 + country + header)
    headings = re.findall(r'<h3 id="province-(\d+)">([^<]+)</h3>', page)
    names = [n for _, n in headings]
    assert len(headings) == 38 and names == sorted(names, key=str.casefold)
    assert page.count('href="#province-') == 38
    # every region is listed once, under its province
    assert sum(page.count(f'href="{r}/gaps.html"') for r in NATIONAL) == 554
    south = page[page.index(">Sumatera Selatan</h3>") :].split("</table>")[0]
    assert "Kecamatan Plaju" in south and "Kecamatan Kertapati" in south


def test_index_at_3_regions_keeps_one_table(tmp_path):
    _write_summaries(tmp_path, DOCS)
    results = [reporting.RunResult(r, "gaps", "ok", 1.0) for r in DOCS]
    page = reporting.write_index(
        tmp_path, results, regions=_regions_of(DOCS), lang="en", templates=["gaps"]
    ).read_text(encoding="utf-8")
    assert "Key figures by region" in page and "<h3" not in page
    assert page.count("<table") == 2 and "Kota Ambon" in page


# ---------------------------------------------------------------------------
# The exporter: built once per process, warmed in the runner's fork server.
# ---------------------------------------------------------------------------
def _report_notebook(heading: str, *, chart: bool = False) -> nbformat.NotebookNode:
    outputs = [
        nbformat.v4.new_output("display_data", data={"text/markdown": f"## {heading}\n\n**12**"}),
        nbformat.v4.new_output(
            "display_data",
            data={"text/html": f'<table><tr><td style="text-align:right">{heading}</td></tr>'},
        ),
    ]
    if chart:
        outputs.append(
            nbformat.v4.new_output(
                "display_data",
                data={"image/png": reporting._WARM_UP_PNG, "text/plain": "<Figure>"},
                metadata={"image/png": {"alt": f"Grafik {heading}"}},
            )
        )
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=outputs)])


def test_one_exporter_renders_each_notebook_as_a_new_one_would():
    first, second = _report_notebook("Dinas Alfa"), _report_notebook("Dinas Beta", chart=True)
    fresh = []
    for nb, lang in ((first, "id"), (second, "en"), (first, "id")):
        reporting._html_exporter.cache_clear()
        fresh.append(reporting.export_html(nb, lang, title="Laporan"))
    shared = [reporting.export_html(nb, lang, title="Laporan")
              for nb, lang in ((first, "id"), (second, "en"), (first, "id"))]  # fmt: skip
    assert shared == fresh
    assert reporting._html_exporter("id") is reporting._html_exporter("id")
    assert reporting._html_exporter("id") is not reporting._html_exporter("en")
    assert "Dinas Alfa" in shared[0] and "Dinas Alfa" not in shared[1]
    assert 'alt="Grafik Dinas Beta"' in shared[1] and "<img" not in shared[2]
    assert '<html lang="en"' in shared[1] and '<html lang="id"' in shared[2]
    assert reporting._html_exporter("id")._nb_metadata == {}  # nothing kept for the next


def test_warm_up_builds_every_exporter_from_a_clean_report():
    nb = reporting._warm_up_notebook()
    nbformat.validate(nb)
    page = reporting.export_html(nb, "id", title="warm-up")
    assert reporting.audit_html(page) == []
    assert 'alt="Grafik"' in page and "<strong>20,8%</strong>" in page
    assert 'style="text-align:right; background-color:#fde0dd;"' in page
    body = page[page.index("<main>") :]
    assert "ok\n</pre>" in body  # stdout kept; stderr and the key figures dropped
    assert "warning" not in body and "warm_up" not in body
    reporting._html_exporter.cache_clear()
    reporting._warm_up()
    assert reporting._html_exporter.cache_info().currsize == len(config.LANGUAGES)


def test_the_fork_server_module_warms_up_and_leaves_no_thread():
    import subprocess
    import sys

    from kompetensi_toolkit import runner

    assert "kompetensi_toolkit._warmup" in runner._Pool.PRELOAD
    code = (
        "import threading, kompetensi_toolkit._warmup\n"
        "from kompetensi_toolkit import reporting\n"
        "print(reporting._html_exporter.cache_info().currsize, threading.active_count())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [str(len(config.LANGUAGES)), "1"]  # safe to fork from


def test_kernel_manager_waits_briefly_for_a_kernel_to_exit(monkeypatch):
    import asyncio
    import shutil

    from jupyter_client.manager import AsyncKernelManager

    seen = []

    async def finish(self, waittime=None, pollinterval=0.1, restart=False):
        seen.append((waittime, pollinterval, restart))

    monkeypatch.setattr(AsyncKernelManager, "_async_finish_shutdown", finish)
    manager = reporting._kernel_manager_class()()
    try:
        asyncio.run(manager._async_finish_shutdown())
        asyncio.run(manager._async_finish_shutdown(waittime=4.0, restart=True))
    finally:
        shutil.rmtree(manager._socket_dir, ignore_errors=True)
    assert seen == [(None, 0.01, False), (4.0, 0.01, True)]
    assert manager.shutdown_wait_time == 1.0  # SIGTERM after 0.5 s, not 2.5 s
    configured = reporting._kernel_manager_class()(shutdown_wait_time=3.0)
    shutil.rmtree(configured._socket_dir, ignore_errors=True)
    assert configured.shutdown_wait_time == 3.0


def test_ipython_kernels_load_the_garbage_collection_extension(monkeypatch):
    import gc
    import shutil

    from kompetensi_toolkit import _kernel_gc

    manager = reporting._kernel_manager_class()(kernel_name="python3")
    manager._launch_args = {}
    try:
        cmd = manager.format_kernel_cmd()
    finally:
        shutil.rmtree(manager._socket_dir, ignore_errors=True)
    assert "ipykernel_launcher" in cmd
    assert cmd[-1] == "--InteractiveShellApp.extra_extensions=kompetensi_toolkit._kernel_gc"
    registered, hooks = [], []
    monkeypatch.setattr(_kernel_gc.atexit, "register", registered.append)

    class Events:
        def register(self, event, callback):
            hooks.append((event, callback))

    class Shell:
        events = Events()

    _kernel_gc.load_ipython_extension(Shell())
    assert registered == [gc.freeze]
    assert hooks == [("post_run_cell", _kernel_gc._freeze)]
    try:
        kept = [[] for _ in range(100)]  # alive before the hook: frozen by it
        before = gc.get_freeze_count()
        _kernel_gc._freeze(object())  # IPython passes the cell's result
        assert gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()
