"""notebooks/outcomes.ipynb end to end: real papermill, a real kernel, outputs read back.

The Indonesian reports of one kota (ambon) and one kecamatan (kertapati: small
units, so most groups are hidden) come from the run test_reporting.py makes
once per session; an English run of ambon with the 0.11 IKM weights and a fixed
coverage threshold is made here with plain papermill.
"""

from __future__ import annotations

import re

import pytest
from test_reporting import (
    REGIONS,
    _external_resources,
    _visible_text,
    assert_aggregates_only,
    assert_no_personal_data,
    assert_ran_cleanly,
    assert_template_ran,
    page_of,
    run_in_english,
    run_tiny,
    shared_run,
    summary_of,
    walk,
)

from kompetensi_toolkit import labels, reporting
from kompetensi_toolkit.loaders import load_dataset
from kompetensi_toolkit.outcomes import comparison, effects, gap_closure, participation, service

pytestmark = pytest.mark.notebook

TEMPLATE = "outcomes"
HEADINGS = ("participation", "model", "learning", "behaviour", "ikm", "service", "did", "closure")
PERSONAL = {"employee_id", "nip", "name", "nama", "email", "phone"}
#: Counts of people in summary.json: 0, None (hidden) or at least min_group_size.
PEOPLE = {
    "n_staff",
    "n_meeting",
    "participants",
    "n_never",
    "model_n",
    "model_n_never",
    "n_pairs",
    "n_trained",
    "n_untrained",
    "n_respondents",
}


@pytest.fixture(scope="module")
def run(request, sample_dir, tmp_path_factory):
    return shared_run(request, sample_dir, tmp_path_factory)


@pytest.fixture(scope="module")
def datasets(sample_dir):
    return {r: load_dataset(sample_dir, region=r) for r in REGIONS}


# ---------------------------------------------------------------------------
# The executed notebook.
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("region", REGIONS)
def test_executed_without_errors_or_warnings(run, region):
    assert_template_ran(run, region, TEMPLATE)


# ---------------------------------------------------------------------------
# The policymakers' HTML.
# ---------------------------------------------------------------------------
def test_kota_report_states_every_section_with_its_numbers(run, datasets):
    region = "ambon"
    ds = datasets[region]
    page = page_of(run, region, TEMPLATE)
    text = _visible_text(page)
    summary = summary_of(run, region, TEMPLATE)
    name = ds.region_row()["name"]
    assert '<html lang="id"' in page
    assert f"<title>{labels.text('title.outcomes', 'id', region=name)}</title>" in page
    assert text.lstrip().startswith(labels.text("title.outcomes", "id", region=name))
    positions = [text.index(labels.label(f"heading.oc_{h}", "id")) for h in HEADINGS]
    assert positions == sorted(positions), "sections out of order"
    findings = text[: positions[0]]
    assert labels.format_percent(summary["share_participating"], "id") in findings
    assert labels.format_number(summary["ikm_latest"], "id", 2) in findings
    # the IKM of the latest period, its grade in words and the weighting used
    assert f"{summary['ikm_latest_grade']} (" in text
    assert labels.label(f"text.oc_grade.{summary['ikm_latest_grade']}", "id") in text
    assert labels.label("text.oc_weighting.exact", "id") in text
    # the comparison's caution is always stated next to an estimate
    if summary["did_estimate"] is not None:
        assert labels.label("text.oc_did_caution", "id") in text
    assert labels.label("text.oc_closure_caution", "id") in text
    assert "Asal-usul laporan" in text and ds.data_hash in text
    images = re.findall(r'<img [^>]*src="data:image/png;base64,', page)
    # forest plots of levels 2 and 3, the IKM dumbbell, the comparison and gap closure
    assert len(images) == 5


@pytest.mark.parametrize("region", REGIONS)
def test_html_has_no_code_parameters_or_notes(run, region):
    page = page_of(run, region, TEMPLATE)
    text = _visible_text(page)
    body = page[page.find("<body") :]
    for marker in ("jp-InputArea", "jp-InputPrompt", "In&nbsp;[", "highlight"):
        assert marker not in body
    for source in ("import ", "key_figures(", "display(", "publish_summary", "figures["):
        assert source not in text
    for parameter in ("ikm_weighting", "coverage_threshold", "service_competency", "min_pairs"):
        assert parameter not in text
    assert "Template: outcomes" not in text
    assert "Traceback" not in text and "Warning" not in text
    assert "diff_in_diff" not in text and "diff\\_in\\_diff" not in text  # no raw error text


@pytest.mark.parametrize("region", REGIONS)
def test_html_has_no_personal_data_and_loads_nothing(run, datasets, region):
    page = page_of(run, region, TEMPLATE)
    assert_no_personal_data(page, datasets[region])
    assert _external_resources(page) == [] and "<script src" not in page


def test_kecamatan_hides_small_groups_and_says_so(run):
    summary = summary_of(run, "kertapati", TEMPLATE)
    text = _visible_text(page_of(run, "kertapati", TEMPLATE))
    reasons = {v for _, k, v in walk(summary) if k == "suppressed_reason" and v is not None}
    assert "small" in reasons
    assert "angka disembunyikan (ditulis “< 5”)" in text
    for record in summary["jp_units"] or []:
        if record["suppressed"]:
            assert record["share_meeting"] is None
    for record in summary["learning"] or []:
        if record["suppressed"]:
            assert record["g_av"] is None and record["mean_before"] is None


# ---------------------------------------------------------------------------
# summary.json: the figures of the data, aggregates only.
# ---------------------------------------------------------------------------
def test_summary_holds_the_figures_of_the_data(run, datasets):
    ds = datasets["ambon"]
    summary = summary_of(run, "ambon", TEMPLATE)
    yearly = participation.participation_summary(ds.employees, ds.participation, ds.programs)
    year = int(yearly["year"].max())
    row = yearly[yearly["year"] == year].iloc[0]
    assert summary["year"] == year
    assert summary["n_staff"] == len(ds.employees) == int(row["n_staff"])
    assert summary["participants"] == int(row["participants"])
    assert summary["share_meeting_20jp"] == pytest.approx(row["share_meeting_20jp"], abs=1e-6)
    # level 2: the programme ranked first, and every shown effect as computed directly
    learning = effects.learning_effects(ds.participation, ds.programs).set_index("program_id")
    ranked = [r for r in summary["learning"] if r["rank"] is not None]
    assert ranked and ranked[0]["rank"] == 1
    for record in ranked:
        direct = learning.loc[record["program_id"]]
        assert record["n_pairs"] == int(direct["n_pairs"]) >= 10
        assert record["g_av"] == pytest.approx(direct["g_av"], abs=1e-6)
        assert record["g_av_low"] <= record["g_av"] <= record["g_av_high"]
    # level 4: IKM of the region per period, exact weights
    ikm = service.ikm(ds.service_survey, by="period", weighting="exact").sort_values("period")
    last = ikm.iloc[-1]
    assert summary["ikm_latest_period"] == str(last["period"])
    assert summary["ikm_latest"] == pytest.approx(last["ikm"], abs=1e-6)
    assert summary["ikm_latest_grade"] == last["grade"]
    assert summary["weighting"] == "exact"
    # the comparison: units split at the median coverage of the service units
    units = ds.service_survey["unit"].unique()
    coverage = comparison.training_coverage(
        ds.employees[ds.employees["unit"].isin(units)],
        ds.participation,
        program_competencies=ds.program_competencies,
        competencies=["M.05"],
        by="unit",
    )
    assert summary["threshold_rule"] == "median"
    assert summary["threshold"] == pytest.approx(coverage["coverage"].median())
    # gap closure: the overall row
    closure = gap_closure.gap_closure(
        ds.assessments, ds.employees, ds.standards, ds.participation, ds.program_competencies
    )
    overall = closure[closure["competency_id"] == "all"].iloc[0]
    assert summary["closure_all"]["difference"] == pytest.approx(overall["difference"], abs=1e-6)
    assert summary["closure_all"]["n_trained"] == int(overall["n_trained"])


@pytest.mark.parametrize("region", REGIONS)
def test_summary_is_aggregates_only(run, datasets, region):
    summary = summary_of(run, region, TEMPLATE)
    assert_aggregates_only(summary, datasets[region], personal=PERSONAL, counts=PEOPLE)


# ---------------------------------------------------------------------------
# Plain papermill, in English, with the template's own parameters.
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def english(sample_dir, tmp_path_factory):
    return run_in_english(
        TEMPLATE,
        sample_dir,
        tmp_path_factory,
        ikm_weighting="permen",
        coverage_threshold=0.3,
        min_pairs=20,
    )


def test_english_report_with_its_own_parameters(english, sample_dir):
    nb, page = english
    text = _visible_text(page)
    assert '<html lang="en"' in page
    for key in HEADINGS:
        assert labels.label(f"heading.oc_{key}", "en") in text
        assert labels.label(f"heading.oc_{key}", "id") not in text
    assert "About this report" in text and "Asal-usul laporan" not in text
    assert labels.label("text.oc_weighting.permen", "en") in text
    assert reporting.audit_html(page) == []
    figures = reporting.read_summary(nb)["templates"][TEMPLATE]
    ds = load_dataset(sample_dir, region="ambon")
    ikm = service.ikm(ds.service_survey, by="period", weighting="permen").sort_values("period")
    assert figures["weighting"] == "permen"
    assert figures["ikm_latest"] == pytest.approx(ikm.iloc[-1]["ikm"], abs=1e-6)
    assert figures["threshold"] == 0.3 and figures["threshold_rule"] == "fixed"
    assert figures["min_pairs"] == 20
    assert all(r["n_pairs"] >= 20 for r in figures["learning"] if r["rank"] is not None)
    assert_ran_cleanly(nb)


# ---------------------------------------------------------------------------
# A region of three staff and one survey answer: every section says why it is empty.
# ---------------------------------------------------------------------------
def test_tiny_region_runs_and_every_section_says_why(tmp_path):
    nb, page = run_tiny(TEMPLATE, tmp_path)
    text = _visible_text(page)
    for key in HEADINGS:
        assert labels.label(f"heading.oc_{key}", "id") in text
    assert labels.text("text.oc_participation_small", "id", threshold=5) in text
    assert labels.label("text.oc_reason.model_too_few", "id") in text
    assert labels.label("text.oc_closure_none", "id") in text
    figures = reporting.read_summary(nb)["templates"][TEMPLATE]
    assert figures["n_staff"] is None and figures["share_participating"] is None
    assert figures["did_estimate"] is None and figures["threshold"] is None
