"""notebooks/gaps.ipynb end to end: real papermill, a real kernel, outputs read back.

The Indonesian reports of one kota and one kecamatan come from the run that
test_reporting.py makes (executed once per session); an English run with
``purpose="selection"`` is made here with plain papermill, as a researcher would.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from test_reporting import (
    REGIONS,
    TEMPLATES,
    _external_resources,
    _visible_text,
    assert_aggregates_only,
    assert_no_personal_data,
    assert_template_ran,
    page_of,
    run_in_english,
    shared_run,
    summary_of,
    walk,
)

from kompetensi_toolkit import gaps, labels, narrative, needs, reporting, talent
from kompetensi_toolkit.loaders import load_dataset

pytestmark = pytest.mark.notebook

TEMPLATE = "gaps"

HEADINGS = ("jpm", "shortfall", "heatmap", "profile", "nine_box", "readiness", "needs")
PERSONAL = {"employee_id", "nip", "name", "nama", "email", "phone", "jpm"}
COUNTS = {"n", "n_assessed", "n_below", "n_candidates", "n_ready"}


@pytest.fixture(scope="module")
def run(request, sample_dir, tmp_path_factory):
    return shared_run(request, sample_dir, tmp_path_factory)


@pytest.fixture(scope="module")
def datasets(sample_dir):
    return {r: load_dataset(sample_dir, region=r) for r in REGIONS}


def key_figures(ds, *, purpose="mapping", lang_independent=True) -> dict:
    """The template's figures, computed here from the same API with its defaults."""
    inputs = (ds.employees, ds.assessments, ds.standards, ds.competencies)
    gap_rows = gaps.competency_gaps(*inputs)
    jpm = gaps.job_person_match(*inputs, purpose=purpose)
    readiness = gaps.target_readiness(*inputs)
    return narrative.gaps_key_figures(
        region=ds.region_row(),
        jpm=jpm,
        categories=gaps.category_distribution(jpm),
        shortfall=gaps.shortfall_by_competency(gap_rows, ds.competencies),
        cells=gaps.gap_map(gap_rows, by="unit"),
        missing=gaps.missing_assessments(gap_rows, by=None),
        boxes=talent.nine_box_counts(talent.nine_box(ds.employees, jpm=jpm), by=None),
        readiness=gaps.readiness_pool(readiness, by="unit"),
        readiness_total=gaps.readiness_pool(readiness, by="region_id"),
        needs=needs.rank_items(ds.tna_survey, by=("region_id",), employees=ds.employees),
        competencies=ds.competencies,
        purpose=purpose,
        data_hash=ds.data_hash,
    )


# ---------------------------------------------------------------------------
# The executed notebook.
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("region", REGIONS)
def test_executed_without_errors_or_warnings(run, region):
    assert_template_ran(run, region, TEMPLATE)


# ---------------------------------------------------------------------------
# The policymakers' HTML.
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("region", REGIONS)
def test_html_opens_with_the_findings_then_every_section(run, datasets, region):
    page = page_of(run, region, TEMPLATE)
    name = datasets[region].region_row()["name"]
    text = _visible_text(page)
    assert '<html lang="id"' in page
    assert f"<title>{labels.text('title.gaps', 'id', region=name)}</title>" in page
    assert text.lstrip().startswith(labels.text("title.gaps", "id", region=name))
    positions = [text.index(labels.label(f"heading.gaps_{h}", "id")) for h in HEADINGS]
    assert positions == sorted(positions), "sections out of order"
    summary = summary_of(run, region, TEMPLATE)
    opening = text[: positions[0]]
    assert f"{labels.format_number(summary['n_employees'], 'id')} ASN" in opening
    assert labels.format_percent(summary["share_below"], "id") in opening
    assert labels.format_percent(summary["share_missing"], "id") in opening
    assert "Asal-usul laporan" in text and datasets[region].data_hash in text
    images = re.findall(r'<img [^>]*src="data:image/png;base64,', page)
    assert len(images) >= 6, "every section's chart is embedded"


@pytest.mark.parametrize("region", REGIONS)
def test_html_has_no_code_parameters_or_notes(run, region):
    page = page_of(run, region, TEMPLATE)
    text = _visible_text(page)
    body = page[page.find("<body") :]
    for marker in ("jp-InputArea", "jp-InputPrompt", "In&nbsp;[", "Out&nbsp;[", "highlight"):
        assert marker not in body
    for source in ("import ", "gaps_key_figures(", "display(", "publish_summary", "figures["):
        assert source not in text
    for parameter in ("region_id: str", "purpose = ", "jpm_method", "readiness_threshold"):
        assert parameter not in page
    assert "Template: gaps" not in text
    assert "Traceback" not in text and "Warning" not in text
    assert reporting.SUMMARY_MIME not in page


@pytest.mark.parametrize("region", REGIONS)
def test_html_has_no_personal_data(run, datasets, region):
    page = page_of(run, region, TEMPLATE)
    assert_no_personal_data(page, datasets[region])


@pytest.mark.parametrize("region", REGIONS)
def test_html_loads_nothing_from_the_web(run, region):
    page = page_of(run, region, TEMPLATE)
    assert _external_resources(page) == []
    assert "<script src" not in page


def test_kecamatan_suppression_is_present_and_said(run, datasets):
    region = "kertapati"
    summary = summary_of(run, region, TEMPLATE)
    reasons = {
        v for _, k, v in walk(summary) if k == "suppressed_reason" and v is not None
    }  # fmt: skip
    assert "small" in reasons, "the kecamatan sample should have small groups"
    text = _visible_text(page_of(run, region, TEMPLATE))
    assert "angka disembunyikan (ditulis “< 5”)" in text
    assert "kurang dari 5" in text.lower()
    # the per-competency table writes a small group as "< 5" and its shares as dashes
    short = {r["competency_id"]: r for r in summary["shortfall"]}
    raw = gaps.shortfall_by_competency(
        gaps.competency_gaps(
            datasets[region].employees,
            datasets[region].assessments,
            datasets[region].standards,
            datasets[region].competencies,
        ),
        datasets[region].competencies,
    )
    for row in raw.itertuples():
        if row.n_assessed < 5:
            assert short[row.competency_id]["share_below"] is None
            cells = re.search(
                rf"<td[^>]*>{re.escape(row.name_id)}</td><td[^>]*>([^<]*)</td>"
                r"<td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td>",
                page_of(run, region, TEMPLATE),
            )
            assert cells and [html_unescape(c) for c in cells.groups()] == ["< 5", "–", "–"]


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


# ---------------------------------------------------------------------------
# summary.json.
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("region", REGIONS)
def test_summary_holds_the_figures_of_the_data(run, datasets, region):
    ds = datasets[region]
    summary = summary_of(run, region, TEMPLATE)
    expected = reporting.summary_payload(narrative.gaps_summary(key_figures(ds)), "gaps")
    assert summary == json.loads(json.dumps(expected["figures"]))
    # and, independently of narrative.py, straight from the data:
    inputs = (ds.employees, ds.assessments, ds.standards, ds.competencies)
    rows = gaps.competency_gaps(*inputs)
    assessed = rows[rows["assessed"]]
    assert summary["n_employees"] == len(ds.employees)
    assert summary["n_results"] == len(assessed)
    assert summary["share_below"] == pytest.approx(assessed["below"].astype(bool).mean())
    assert summary["n_required"] == len(rows)
    assert summary["purpose"] == "mapping" and summary["jpm_method"] == "sum_ratio"
    shown = [r["share"] for r in summary["jpm_categories"] if r["share"] is not None]
    assert sum(shown) <= 1 + 1e-9
    assert [r["box"] for r in summary["nine_box"]] == list(range(1, 10))
    assert summary["readiness_threshold"] == 80.0


@pytest.mark.parametrize("region", REGIONS)
def test_summary_is_aggregates_only(run, datasets, region):
    summary = summary_of(run, region, TEMPLATE)
    assert_aggregates_only(
        summary, datasets[region], personal=PERSONAL, counts=COUNTS, check_lengths=False
    )


@pytest.mark.parametrize("region", REGIONS)
def test_region_summary_keeps_the_overview(run, region):
    out, _, _ = run
    document = reporting.read_summary(out / region)
    assert document["region_id"] == region
    assert set(document["templates"]) == set(TEMPLATES)


# ---------------------------------------------------------------------------
# Plain papermill, in English, for filling a position.
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def english(sample_dir, tmp_path_factory):
    return run_in_english(TEMPLATE, sample_dir, tmp_path_factory, purpose="selection")


def test_english_selection_report(english, run):
    nb, page = english
    text = _visible_text(page)
    assert '<html lang="en"' in page
    for key in HEADINGS:
        assert labels.label(f"heading.gaps_{key}", "en") in text
        assert labels.label(f"heading.gaps_{key}", "id") not in text
    assert "Asal-usul laporan" not in text and "About this report" in text
    assert "Categories for filling a position" in text
    assert reporting.audit_html(page) == []
    summary = reporting.read_summary(nb)
    assert summary["region_id"] == "ambon"
    figures = summary["templates"]["gaps"]
    assert figures["purpose"] == "selection"
    assert [r["category"] for r in figures["jpm_categories"]] == [
        "Kurang Memenuhi Syarat",
        "Masih Memenuhi Syarat",
        "Memenuhi Syarat",
    ]
    # what does not depend on language or purpose is the same as in the Indonesian run
    indonesian = summary_of(run, "ambon", TEMPLATE)
    for key in ("shortfall", "nine_box", "readiness_units", "top_needs", "n_with_jpm"):
        assert figures[key] == indonesian[key], key
    shares = [r["share"] for r in figures["jpm_categories"] if r["share"] is not None]
    for share in shares:
        assert labels.format_percent(share, "en") in text or share == 0
    assert pd.notna(figures["mean_jpm"])
