"""notebooks/executive_summary.ipynb end to end: real papermill, a real kernel, outputs read back.

The template reads only a region's ``summary.json``. The fixture
``tests/data/executive_summary.json`` is the ``summary.json`` of a real run of
Kecamatan Kertapati on the full sample (aggregates only); the tests copy it into
a report folder of their own, with the HTML of three of the five detailed
reports, and run the template on it in Indonesian and in English, and on a
folder without any ``summary.json``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from test_reporting import _external_resources, _visible_text, assert_ran_cleanly

from kompetensi_toolkit import config, executive, labels, reporting
from kompetensi_toolkit.loaders import list_regions

pytestmark = pytest.mark.notebook

TEMPLATE = config.NOTEBOOK_DIR / "executive_summary.ipynb"
FIXTURE = Path(__file__).parent / "data" / "executive_summary.json"
#: The detailed reports present in the test's report folder.
PRESENT = ("overview", "gaps", "outcomes")


def _plain(markdown: str) -> str:
    """A Markdown sentence as the reader sees it, without spaces (tags add some in the page)."""
    return re.sub(r"\s+", "", markdown.replace("**", "").replace("\\", ""))


def _execute(tmp_path: Path, name: str, **parameters) -> tuple:
    import papermill

    out = tmp_path / f"{name}.ipynb"
    papermill.execute_notebook(
        str(TEMPLATE),
        str(out),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(TEMPLATE.parent),
        progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    lang = parameters.get("lang", "id")
    return nb, reporting.export_html(nb, lang, title=name)


@pytest.fixture(scope="module")
def document() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports_dir(tmp_path_factory, document) -> Path:
    folder = tmp_path_factory.mktemp("outputs") / document["region_id"]
    folder.mkdir()
    shutil.copy(FIXTURE, folder / reporting.SUMMARY_FILE)
    for name in PRESENT:
        (folder / f"{name}.html").write_text("<!DOCTYPE html><html></html>", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def indonesian(tmp_path_factory, sample_dir, reports_dir, document):
    return _execute(
        tmp_path_factory.mktemp("ex-id"),
        "executive-id",
        region_id=document["region_id"],
        data_dir=str(sample_dir),
        reports_dir=str(reports_dir),
    )


@pytest.fixture(scope="module")
def english(tmp_path_factory, sample_dir, reports_dir, document):
    return _execute(
        tmp_path_factory.mktemp("ex-en"),
        "executive-en",
        region_id=document["region_id"],
        data_dir=str(sample_dir),
        reports_dir=str(reports_dir),
        lang="en",
    )


def test_the_fixture_is_a_full_real_summary(document):
    assert set(document["templates"]) == set(executive.REPORTS)
    assert executive.missing_numbers(document) == []


def test_runs_cleanly_and_reads_the_summary(indonesian, document):
    nb, page = indonesian
    assert_ran_cleanly(nb, document["region_id"])
    assert reporting.audit_html(page) == []
    assert _external_resources(page) == [] and "<script src" not in page
    text = _visible_text(page)
    assert "Traceback" not in text and "Template: executive_summary" not in text
    for source in ("import ", "display(", "publish_summary", "reports_dir"):
        assert source not in text


def test_indonesian_page_opens_with_the_numbers_then_recommendations_then_links(
    indonesian, document
):
    _, page = indonesian
    text = _visible_text(page)
    name = document["templates"]["overview"]["region_name"]
    assert '<html lang="id"' in page
    assert text.lstrip().startswith(labels.text("title.executive_summary", "id", region=name))
    headings = [labels.label(k, "id") for k in ("heading.ex_numbers", "heading.ex_recommendations",
                                                 "heading.ex_reports", "heading.provenance")]  # fmt: skip
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    numbers_part = _plain(text[positions[0] : positions[1]])
    expected = executive.key_numbers(document, "id")
    assert 5 <= len(expected) <= 8
    for number in expected:
        assert _plain(number["text"]) in numbers_part, number["key"]
    # the hand-checked numbers of Kertapati's real run
    for value in ("150", "56,7%", "40,9%", "64,0%", "83,1", "71,8"):
        assert value in text[positions[0] : positions[1]]
    recs_part = page[page.index(headings[1]) : page.index(headings[2])]
    items = re.findall(r"<li>(.*?)</li>", recs_part, flags=re.S)
    assert 3 <= len(items) <= 5
    assert len(items) == len(executive.recommendations(document, "id")) == 5
    assert "64,0%" in items[0] and "Literasi Digital" in items[1]
    links_part = page[page.index(headings[2]) : page.index(headings[3])]
    assert re.findall(r'<a href="([^"]+)"', links_part) == [f"{r}.html" for r in PRESENT]
    assert document["templates"]["gaps"]["data_hash"] in text


def test_published_summary(indonesian, document):
    nb, _ = indonesian
    published = reporting.read_summary(nb)
    assert published["region_id"] == document["region_id"]
    figures = published["templates"]["executive_summary"]
    assert figures["numbers"]["headcount"] == document["templates"]["overview"]["headcount"]
    assert figures["numbers"]["jp"] == pytest.approx(
        1 - document["templates"]["outcomes"]["share_meeting_20jp"]
    )
    assert figures["recommendations"] == ["jp", "gap", "effects", "feedback", "reliability"]
    assert figures["reports"] == list(PRESENT)
    assert figures["summary_problem"] is None and figures["n_numbers"] == 8


def test_english_page(english, document):
    nb, page = english
    assert_ran_cleanly(nb, document["region_id"])
    assert reporting.audit_html(page) == []
    text = _visible_text(page)
    name = document["templates"]["overview"]["region_name"]
    assert '<html lang="en"' in page
    assert text.lstrip().startswith(labels.text("title.executive_summary", "en", region=name))
    for english_word in ("Key numbers", "Recommendations", "Detailed reports", "About this report"):
        assert english_word in text
    for indonesian in ("Angka kunci", "Rekomendasi", "Laporan rinci", "Asal-usul", "pegawai"):
        assert indonesian not in text
    for number in executive.key_numbers(document, "en"):
        assert _plain(number["text"]) in _plain(text), number["key"]
    assert "64.0%" in text and "150 civil servants" in text


def test_region_without_summary_says_the_reports_are_missing(tmp_path, sample_dir):
    folder = tmp_path / "outputs" / "plaju"
    folder.mkdir(parents=True)
    nb, page = _execute(
        tmp_path, "executive-none", region_id="plaju", data_dir=str(sample_dir),
        reports_dir=str(folder),
    )  # fmt: skip
    assert_ran_cleanly(nb, "plaju")
    assert reporting.audit_html(page) == []
    text = _visible_text(page)
    name = list_regions(sample_dir).set_index("region_id").loc["plaju", "name"]
    assert text.lstrip().startswith(labels.text("title.executive_summary", "id", region=name))
    for key in ("text.ex_no_numbers", "text.ex_summary_missing", "text.ex_reports_none",
                "text.ex_rec_missing_all", "text.ex_rec_general_plan"):  # fmt: skip
        assert labels.label(key, "id") in text
    assert "Traceback" not in text and "<a href" not in page[page.find("<body") :]
    figures = reporting.read_summary(nb)["templates"]["executive_summary"]
    assert figures["summary_problem"] == "missing" and figures["numbers"] == {}
    assert figures["recommendations"] == ["missing", "general_plan", "general_units"]
    assert not (folder / reporting.SUMMARY_FILE).exists()  # the template writes nothing
