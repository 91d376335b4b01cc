"""notebooks/needs_plan.ipynb end to end: real papermill, a real kernel, outputs read back.

The Indonesian reports of one kota (ambon: enough assessed staff to form need
groups) and one kecamatan (kertapati: too few, every small group hidden) come
from the run that test_reporting.py makes once per session; an English run of
ambon with ``n_clusters=2`` and another budget is made here with plain papermill.
"""

from __future__ import annotations

import itertools
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
    shared_run,
    summary_of,
    walk,
)

from kompetensi_toolkit import clustering, gaps, labels, planning, reporting
from kompetensi_toolkit.loaders import load_dataset

pytestmark = pytest.mark.notebook

TEMPLATE = "needs_plan"
HEADINGS = ("clusters", "jp", "programmes", "budget", "curve", "modality", "mentoring")
PERSONAL = {"employee_id", "nip", "name", "nama", "email", "phone", "mentor_id", "mentee_id"}
#: Counts of people in summary.json: 0, None (hidden) or at least min_group_size.
PEOPLE = {
    "n",
    "n_staff",
    "n_under",
    "n_people",
    "n_employees",
    "n_clustered",
    "n_unassessed",
    "jp_n_staff",
    "jp_n_under",
    "plan_n_people",
    "plan_n_lifted",
    "mentor_n_mentors",
    "mentor_n_mentees",
    "mentor_n_paired",
    "n_participants",
}
SOLVER = {"mip_rel_gap": 1e-3, "time_limit": 20.0}  # as in the template


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
    page = page_of(run, region, TEMPLATE)
    text = _visible_text(page)
    summary = summary_of(run, region, TEMPLATE)
    name = datasets[region].region_row()["name"]
    assert '<html lang="id"' in page
    assert f"<title>{labels.text('title.needs_plan', 'id', region=name)}</title>" in page
    assert text.lstrip().startswith(labels.text("title.needs_plan", "id", region=name))
    positions = [text.index(labels.label(f"heading.np_{h}", "id")) for h in HEADINGS]
    assert positions == sorted(positions), "sections out of order"
    opening = text[: positions[0]]
    assert f"{labels.format_number(summary['n_employees'], 'id')} ASN" in opening
    assert f"{summary['n_clusters_used']} kelompok kebutuhan" in opening
    assert "dihitung tanpa kekurangan" in opening  # the fill strategy is said
    assert labels.format_number(summary["ari_mean"], "id", 2) in text
    assert labels.format_percent(summary["jp_share_under"], "id") in text
    assert labels.format_percent(summary["plan_share"], "id") in text
    assert "Rp500 juta" in text
    assert labels.format_number(summary["mentor_n_mentors"], "id") in text
    assert "Asal-usul laporan" in text and datasets[region].data_hash in text
    images = re.findall(r'<img [^>]*src="data:image/png;base64,', page)
    assert len(images) == 2, "the profiles heatmap and the budget curve"
    # the cluster table: one row per group, numbered from 1, the generated names
    for record in summary["clusters"]:
        assert record["cluster_name"] in text
        assert not re.search(r" #\d+$", record["cluster_name"])


@pytest.mark.parametrize("region", REGIONS)
def test_html_has_no_code_parameters_or_notes(run, region):
    page = page_of(run, region, TEMPLATE)
    text = _visible_text(page)
    body = page[page.find("<body") :]
    for marker in ("jp-InputArea", "jp-InputPrompt", "In&nbsp;[", "Out&nbsp;[", "highlight"):
        assert marker not in body
    for source in ("import ", "needs_plan_key_figures(", "display(", "publish_summary", "figures["):
        assert source not in text
    for parameter in ("n_clusters", "budget: int", "min_group_size", "mip_rel_gap"):
        assert parameter not in text
    assert "Template: needs_plan" not in text
    assert "Traceback" not in text and "Warning" not in text
    assert reporting.SUMMARY_MIME not in page


@pytest.mark.parametrize("region", REGIONS)
def test_html_has_no_personal_data_and_loads_nothing(run, datasets, region):
    page = page_of(run, region, TEMPLATE)
    assert_no_personal_data(page, datasets[region])
    assert _external_resources(page) == [] and "<script src" not in page


def test_kecamatan_hides_small_groups_and_says_so(run):
    region = "kertapati"
    summary = summary_of(run, region, TEMPLATE)
    text = _visible_text(page_of(run, region, TEMPLATE))
    # too few assessed staff to form groups of at least 5: none is formed, and the report says so
    assert summary["n_clusters_used"] == 0 and summary["clusters"] is None
    assert "Belum cukup pegawai" in text
    reasons = {v for _, k, v in walk(summary) if k == "suppressed_reason" and v is not None}
    assert "small" in reasons
    assert "angka disembunyikan (ditulis “< 5”)" in text
    assert "< 5" in text  # small counts written as "< 5", never as the number
    for record in summary["jp_units"]:
        if record["suppressed"]:
            assert record["share_under"] is None and record["mean_jp"] is None


# ---------------------------------------------------------------------------
# summary.json.
# ---------------------------------------------------------------------------
def test_summary_holds_the_figures_of_the_data(run, datasets):
    ds = datasets["ambon"]
    summary = summary_of(run, "ambon", TEMPLATE)
    rows = gaps.competency_gaps(ds.employees, ds.assessments, ds.standards, ds.competencies)
    assessed = rows.loc[rows["assessed"].astype(bool), "employee_id"].unique()
    matrix = clustering.shortfall_matrix(rows)
    filled = clustering.fill_unassessed(matrix[matrix.index.isin(assessed)], "zero")
    distinct = len(filled.drop_duplicates())
    fitted = clustering.TrainingNeedsClusterer(
        n_clusters="auto", k_range=(2, min(8, distinct)), random_state=0
    ).fit(filled)
    assert summary["n_employees"] == len(ds.employees)
    assert summary["n_clustered"] == len(filled)
    assert summary["n_unassessed"] == len(ds.employees) - len(assessed)
    assert summary["n_cells_filled"] == filled.attrs["fill_unassessed"]["n_cells_filled"]
    assert summary["n_clusters_used"] == fitted.n_clusters_
    sizes = [r["n"] for r in summary["clusters"]]
    assert sizes == [int((fitted.labels_ == k).sum()) for k in range(fitted.n_clusters_)]
    assert [r["cluster_number"] for r in summary["clusters"]] == list(
        range(1, fitted.n_clusters_ + 1)
    )
    assert 0 <= summary["ari_mean"] <= 1 and summary["n_boot"] == 10
    # the 20 JP rule, in the latest year with participation
    earned = planning.jp_earned(ds.participation, ds.programs)
    year = int(earned["year"].max())
    earned = earned[earned["year"] == year]
    total = planning.jp_compliance(ds.employees, earned, by=None).iloc[0]
    assert summary["jp_year"] == year
    assert summary["jp_n_staff"] == int(total["n_staff"])
    assert summary["jp_n_under"] == int(total["n_under"])
    assert summary["jp_share_under"] == pytest.approx(total["share_under"], abs=1e-6)
    # the plan within the default budget
    candidates = planning.programme_candidates(
        rows, ds.programs, ds.program_competencies, earned=earned
    )
    plan = planning.plan_budget(candidates, budget=500_000_000, **SOLVER)
    need = float(planning.group_needs(rows, by="region_id", statistic="total")["need"].sum())
    assert summary["budget"] == 500_000_000
    assert summary["plan_cost"] == pytest.approx(plan.cost) and plan.cost <= 500_000_000
    assert summary["plan_value"] == pytest.approx(plan.value)
    assert summary["plan_share"] == pytest.approx(plan.value / need, abs=1e-6)
    assert summary["plan_n_people"] == plan.n_people
    assert summary["total_need"] == pytest.approx(need)
    curve = summary["curve"]
    assert [r["budget"] for r in curve] == [i * 1e8 for i in range(6)]
    assert curve[-1]["value"] == pytest.approx(plan.value)
    assert all(a["value"] <= b["value"] + 1e-9 for a, b in itertools.pairwise(curve))
    # mentoring, as counts only
    coverage = planning.mentoring_coverage(
        planning.mentoring_pairs(rows, capacity=2), rows, by=None
    ).iloc[0]
    assert summary["mentor_n_paired"] == int(coverage["n_paired"])
    assert summary["mentor_n_mentors"] == int(coverage["n_mentors"])
    shares = [r["share_plan"] for r in summary["model_mix"] if r["share_plan"] is not None]
    assert sum(shares) == pytest.approx(1.0) or any(r["suppressed"] for r in summary["model_mix"])


@pytest.mark.parametrize("region", REGIONS)
def test_summary_is_aggregates_only(run, datasets, region):
    summary = summary_of(run, region, TEMPLATE)
    assert_aggregates_only(summary, datasets[region], personal=PERSONAL, counts=PEOPLE)


# ---------------------------------------------------------------------------
# Plain papermill, in English, with the parameters of the template.
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def english(sample_dir, tmp_path_factory):
    return run_in_english(TEMPLATE, sample_dir, tmp_path_factory, n_clusters=2, budget=250_000_000)


def test_english_report_with_its_own_parameters(english):
    nb, page = english
    text = _visible_text(page)
    assert '<html lang="en"' in page
    for key in HEADINGS:
        assert labels.label(f"heading.np_{key}", "en") in text
        assert labels.label(f"heading.np_{key}", "id") not in text
    assert "About this report" in text and "Asal-usul laporan" not in text
    assert "Rp250 million" in text and "need groups" in text
    assert reporting.audit_html(page) == []
    figures = reporting.read_summary(nb)["templates"][TEMPLATE]
    assert figures["n_clusters_asked"] == 2 and figures["n_clusters_used"] == 2
    assert figures["budget"] == 250_000_000
    assert figures["plan_cost"] <= 250_000_000
    assert [r["budget"] for r in figures["curve"]] == [0.0, 1e8, 2e8, 2.5e8]
    assert_ran_cleanly(nb)
