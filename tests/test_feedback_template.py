"""notebooks/feedback.ipynb end to end: real papermill, a real kernel, outputs read back.

The Indonesian reports of one kota (ambon) and one kecamatan (kertapati) come
from the run test_reporting.py makes once per session; an English run of ambon
with its own parameters is made here with plain papermill.
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
)

from kompetensi_toolkit import labels, reporting
from kompetensi_toolkit.feedback import likert, reliability, themes
from kompetensi_toolkit.loaders import load_dataset

pytestmark = pytest.mark.notebook

TEMPLATE = "feedback"
HEADINGS = ("dimensions", "programmes", "reliability", "themes", "theme_splits", "quotes")
PERSONAL = {"employee_id", "nip", "name", "nama", "email", "phone", "comment", "quote"}


@pytest.fixture(scope="module")
def run(request, sample_dir, tmp_path_factory):
    return shared_run(request, sample_dir, tmp_path_factory)


@pytest.fixture(scope="module")
def datasets(sample_dir):
    return {r: load_dataset(sample_dir, region=r) for r in REGIONS}


def _quotes_part(text: str, lang: str = "id") -> str:
    start = text.index(labels.label("heading.fb_quotes", lang))
    end = text.find("Asal-usul laporan" if lang == "id" else "About this report", start)
    return text[start:end]


@pytest.mark.parametrize("region", REGIONS)
def test_executed_without_errors_or_warnings(run, region):
    assert_template_ran(run, region, TEMPLATE)


def test_kota_report_states_every_section_with_its_numbers(run, datasets):
    ds = datasets["ambon"]
    page = page_of(run, "ambon", TEMPLATE)
    text = _visible_text(page)
    summary = summary_of(run, "ambon", TEMPLATE)
    name = ds.region_row()["name"]
    assert '<html lang="id"' in page
    assert text.lstrip().startswith(labels.text("title.feedback", "id", region=name))
    positions = [text.index(labels.label(f"heading.fb_{h}", "id")) for h in HEADINGS]
    assert positions == sorted(positions), "sections out of order"
    findings = text[: positions[0]]
    assert labels.text("text.fb_responses", "id", n=summary["n_responses"]) in findings
    assert labels.format_number(summary["overall_score"], "id", 1) in findings
    assert summary["largest_theme"] and summary["largest_theme"] in findings
    assert labels.format_number(summary["alpha_min"], "id", 2) in text
    assert summary["n_themes"] >= 1 and summary["themes"]
    assert all(t["n_comments"] >= 5 for t in summary["themes"])
    assert "Asal-usul laporan" in text and ds.data_hash in text
    # the items' diverging bars, the themes' bars and the two theme heatmaps, in that order
    alts = re.findall(r'<img alt="([^"]*)" src="data:image/png;base64,', page)
    keys = ("chart.fb_likert", "chart.fb_themes", "chart.fb_themes_by_band",
            "chart.fb_themes_by_programme")  # fmt: skip
    assert [a.split(".")[0] for a in alts] == [labels.label(k, "id") for k in keys]
    assert labels.label("col.provider_type", "id") in text


@pytest.mark.parametrize("region", REGIONS)
def test_html_has_no_code_parameters_or_personal_data(run, datasets, region):
    page = page_of(run, region, TEMPLATE)
    text = _visible_text(page)
    body = page[page.find("<body") :]
    for marker in ("jp-InputArea", "jp-InputPrompt", "In&nbsp;["):
        assert marker not in body
    for source in ("import ", "key_figures(", "display(", "publish_summary", "figures["):
        assert source not in text
    for parameter in ("score_method", "n_themes", "min_responses"):
        assert parameter not in text
    assert "Template: feedback" not in text and "Traceback" not in text
    assert_no_personal_data(page, datasets[region])
    assert _external_resources(page) == [] and "<script src" not in page
    quoted = _quotes_part(text)
    assert "@" not in quoted
    assert not re.search(r"\d(?:[ .\-]?\d){7,}", quoted)


def test_planted_identifiers_of_the_comments_never_reach_the_page(run, datasets):
    comments = datasets["ambon"].feedback["comment"].dropna().astype(str)
    emails = {e for c in comments for e in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", c)}
    phones = {p for c in comments for p in re.findall(r"\d(?:[ .\-]?\d){7,}", c)}
    text = _visible_text(page_of(run, "ambon", TEMPLATE))
    for found in emails | phones:
        assert found not in text


def test_summary_holds_the_figures_of_the_data(run, datasets):
    ds = datasets["ambon"]
    summary = summary_of(run, "ambon", TEMPLATE)
    long = likert.long_answers(ds.feedback, ds.feedback_items)
    direct = likert.dimension_scores(long, by=())
    overall = direct[direct["dimension"] == "all"].iloc[0]
    assert summary["n_responses"] == len(ds.feedback)
    assert summary["overall_score"] == pytest.approx(overall["score"], abs=1e-6)
    assert summary["overall_band"] == overall["band"]
    assert summary["score_method"] == "linear" and summary["min_responses"] == 10
    parts = direct[direct["dimension"] != "all"].sort_values("score")
    assert summary["worst_dimension"] == parts.iloc[0]["dimension"]
    assert summary["best_dimension"] == parts.iloc[-1]["dimension"]
    rel = reliability.reliability(ds.feedback, ds.feedback_items).dimensions
    assert summary["alpha_min"] == pytest.approx(rel["alpha"].min(), abs=1e-6)
    # programmes: every ranked one has enough respondents and the score computed directly
    per = likert.dimension_scores(likert.with_programme(long, ds.programs), by=("program_id",))
    per = per[per["dimension"] == "all"].set_index("program_id")
    ranked = [r for r in summary["programmes"] if r["rank"] is not None]
    assert ranked and sorted(r["rank"] for r in ranked)[0] == 1
    for record in summary["programmes"]:
        row = per.loc[record["program_id"]]
        if record["suppressed"]:
            assert record["score"] is None and record["n_responses"] is None
            assert row["n_responses"] < 5
        else:
            assert record["score"] == pytest.approx(row["score"], abs=1e-6)
        if record["rank"] is not None:
            assert record["n_responses"] >= 10


def test_summary_holds_providers_and_theme_splits_of_the_data(run, datasets):
    ds = datasets["ambon"]
    summary = summary_of(run, "ambon", TEMPLATE)
    long = likert.long_answers(ds.feedback, ds.feedback_items)
    per = likert.dimension_scores(likert.with_programme(long, ds.programs), by=("provider_type",))
    per = per[per["dimension"] == "all"].set_index("provider_type")
    assert {r["provider_type"] for r in summary["providers"]} == set(per.index)
    for record in summary["providers"]:
        assert record["score"] == pytest.approx(per.loc[record["provider_type"], "score"])
    # the split by rating: recomputed from the comments and each writer's band
    comments = ds.feedback["comment"]
    comments = comments[comments.notna() & (comments.astype("string").str.strip() != "")]
    found = themes.find_themes(comments)
    rated = likert.respondent_scores(long).set_index("response_id")["band"]
    band = ds.feedback["response_id"].map(rated).rename("band").to_frame()
    direct = themes.themes_by(found, band, "band").set_index(["band", "theme"])
    shown = {t["theme"] for t in summary["themes"]}
    assert summary["themes_by_band"]
    for record in summary["themes_by_band"]:
        assert record["theme"] in shown and record["n"] >= 5
        row = direct.loc[(record["band"], record["theme"])]
        assert record["n"] == row["n"]
        if not record["suppressed"]:
            assert record["n_comments"] == row["n_comments"]
            assert record["n_comments"] == 0 or record["n_comments"] >= 5
        else:
            assert record["n_comments"] is None and record["share"] is None
            small = 1 <= row["n_comments"] < 5
            assert record["suppressed_reason"] == ("small" if small else "complementary")
    bands = list(dict.fromkeys(r["band"] for r in summary["themes_by_band"]))
    order = [b for _, b in sorted(likert.DEFAULT_BANDS, reverse=True)]
    assert bands == [b for b in order if b in bands]  # best first
    programmes = {r["program_id"] for r in summary["themes_by_programme"]}
    assert programmes and all(r["n"] >= 10 for r in summary["themes_by_programme"])
    assert (
        summary["n_programmes_without_split"]
        == (
            themes.themes_by(found, ds.feedback, "program_id").drop_duplicates("program_id")["n"]
            < 10
        ).sum()
    )


def test_tiny_region_runs_and_every_section_says_why(tmp_path):
    nb, page = run_tiny(TEMPLATE, tmp_path)
    text = _visible_text(page)
    # one questionnaire: below the threshold, so the report says so and shows nothing else
    assert labels.text("text.fb_too_few", "id", region="Kota Ambon", threshold=5) in text
    for key in HEADINGS:
        assert labels.label(f"heading.fb_{key}", "id") in text
    assert labels.label("text.fb_dimensions_none", "id") in text
    assert labels.text("text.fb_themes_none", "id", threshold=5) in text
    assert labels.text("text.fb_splits_none", "id", threshold=5) in text
    assert labels.label("text.fb_quotes_none", "id") in text
    assert "Materi sangat bermanfaat" not in text  # the one comment is never quoted
    assert "<img" not in page
    figures = reporting.read_summary(nb)["templates"][TEMPLATE]
    assert figures["n_responses"] is None and figures["overall_score"] is None
    assert figures["themes"] is None and figures["themes_by_band"] is None
    assert all(r["suppressed"] for r in figures["programmes"])


@pytest.mark.parametrize("region", REGIONS)
def test_summary_is_aggregates_only(run, datasets, region):
    summary = summary_of(run, region, TEMPLATE)
    assert "quotes" not in summary
    assert_aggregates_only(
        summary,
        datasets[region],
        personal=PERSONAL,
        counts={"n_responses", "n_comments"},
        check_names=False,
        check_lengths=False,
    )


@pytest.fixture(scope="module")
def english(sample_dir, tmp_path_factory):
    return run_in_english(
        TEMPLATE, sample_dir, tmp_path_factory, score_method="x20", n_themes="4", min_responses=20
    )


def test_english_report_with_its_own_parameters(english, sample_dir):
    nb, page = english
    text = _visible_text(page)
    assert '<html lang="en"' in page
    for key in HEADINGS:
        assert labels.label(f"heading.fb_{key}", "en") in text
        assert labels.label(f"heading.fb_{key}", "id") not in text
    assert "About this report" in text and "Asal-usul laporan" not in text
    assert labels.label("text.fb_method.x20", "en") in text
    assert reporting.audit_html(page) == []
    figures = reporting.read_summary(nb)["templates"][TEMPLATE]
    ds = load_dataset(sample_dir, region="ambon")
    long = likert.long_answers(ds.feedback, ds.feedback_items)
    direct = likert.dimension_scores(long, by=(), method="x20")
    overall = direct[direct["dimension"] == "all"].iloc[0]
    assert figures["score_method"] == "x20"
    assert figures["overall_score"] == pytest.approx(overall["score"], abs=1e-6)
    assert figures["min_responses"] == 20
    assert all(r["n_responses"] >= 20 for r in figures["programmes"] if r["rank"] is not None)
    assert figures["n_themes"] + figures["n_themes_hidden"] == 4
    assert "@" not in _quotes_part(text, "en")
    assert_ran_cleanly(nb)
