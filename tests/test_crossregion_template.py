"""The cross-region template run with papermill over three hand-made summary.json files."""

from __future__ import annotations

import json
import time
from html.parser import HTMLParser

import pytest
from test_crossregion import DOCS, NATIONAL
from test_reporting import _external_resources, _visible_text, assert_ran_cleanly

from kompetensi_toolkit import config, reporting

pytestmark = pytest.mark.notebook

TEMPLATE = config.NOTEBOOK_DIR / "cross_region" / "comparison.ipynb"


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for region, doc in DOCS.items():
        (folder / region).mkdir()
        (folder / region / "summary.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def _run(reports, tmp_path_factory, lang):
    import papermill

    out = tmp_path_factory.mktemp(f"cr-{lang}") / "comparison.ipynb"
    nb = papermill.execute_notebook(
        str(TEMPLATE),
        str(out),
        parameters={"reports_dir": str(reports), "lang": lang},
        kernel_name="python3",
        progress_bar=False,
    )
    return nb, reporting.export_html(nb, lang, title="comparison")


def test_parameters_cell_is_exact():
    import nbformat

    nb = nbformat.read(TEMPLATE, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert cell.source == (
        'reports_dir: str = "../../outputs"  # the run\'s output folder, one sub-folder per region\n'
        'lang: str = "id"  # report language: "id" (Bahasa Indonesia) or "en" (English)\n'
        "min_group_size: int = 5  # groups with fewer people than this are hidden in tables and "
        "charts"
    )
    assert "remove-cell" in nb.cells[0].metadata["tags"]
    assert all(not c.outputs for c in nb.cells if c.cell_type == "code")


def test_indonesian_run(reports, tmp_path_factory):
    nb, page = _run(reports, tmp_path_factory, "id")
    assert_ran_cleanly(nb)
    assert reporting.audit_html(page) == []
    assert _external_resources(page) == []
    text = _visible_text(page)
    assert "Perbandingan Pengembangan Kompetensi ASN Antarwilayah" in text
    assert "3 wilayah · 2 provinsi" in text
    assert "tertinggi di Kota Ambon (60,0%) dan terendah di Kecamatan Plaju (80,0%)" not in text
    assert "tertinggi di Kecamatan Plaju (80,0%) dan terendah di Kota Ambon (60,0%)" in text
    assert "Kesenjangan terbesar adalah Literasi Digital di Kota Ambon: 50,0%" in text
    assert "tertinggi di Kota Ambon (50,0%) dan terendah di Kecamatan Plaju (25,0%)" in text
    assert (
        "IKM terakhir tertinggi di Kota Ambon (85,00) dan terendah di Kecamatan Plaju (70,00)"
        in text
    )
    assert "B (Baik)" in text and "5.800" in text
    assert page.count("<img") == 4
    assert "reports_dir" not in text


def test_english_run_and_strict_min_group_size(reports, tmp_path_factory):
    import papermill

    nb, page = _run(reports, tmp_path_factory, "en")
    assert_ran_cleanly(nb)
    text = _visible_text(page)
    assert "Civil-service competency development: regions compared" in text
    assert "3 regions · 2 provinces" in text
    assert "The latest IKM is highest in Kota Ambon (85.00) and lowest in Kecamatan Plaju" in text
    assert "Tertinggi" not in text and "wilayah" not in text

    out = tmp_path_factory.mktemp("cr-strict") / "comparison.ipynb"
    nb = papermill.execute_notebook(
        str(TEMPLATE), str(out), kernel_name="python3", progress_bar=False,
        parameters={"reports_dir": str(reports), "lang": "en", "min_group_size": 201},
    )  # fmt: skip
    text = _visible_text(reporting.export_html(nb, "en", title="comparison"))
    # Plaju (200 staff) is now hidden from the 20 JP comparison: one region left
    section = text[text.index("Meeting 20 JP") : text.index("Public satisfaction index")]
    assert "Fewer than two regions have this figure" in section
    ikm = text[text.index("Public satisfaction index") :]
    assert "< 201" not in ikm  # a hidden IKM is a dash, never a count


# ---------------------------------------------------------------------------
# National scale: 554 regions.
# ---------------------------------------------------------------------------
class _Tables(HTMLParser):
    """Rows of every <table> (body rows and header rows) and every <img>'s alt text."""

    def __init__(self):
        super().__init__()
        self.rows: list[int] = []
        self.alts: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.rows.append(0)
        elif tag == "tr" and self.rows:
            self.rows[-1] += 1
        elif tag == "img":
            self.alts.append(dict(attrs).get("alt"))


@pytest.fixture(scope="module")
def national_reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("national")
    for region, doc in NATIONAL.items():
        (folder / region).mkdir()
        (folder / region / "summary.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["id", "en"])
def test_554_regions_stay_readable(national_reports, tmp_path_factory, lang):
    start = time.perf_counter()
    nb, page = _run(national_reports, tmp_path_factory, lang)
    seconds = time.perf_counter() - start
    print(
        f"comparison over 554 regions ({lang}): {seconds:.1f} s"
    )  # the measured time, -s shows it
    assert_ran_cleanly(nb)
    assert reporting.audit_html(page) == []
    parsed = _Tables()
    parsed.feed(page)
    # Guards the province summary: no 552-row table (the header row counts too).
    assert parsed.rows and max(parsed.rows) <= 60, parsed.rows
    # Province table: 38 provinces + the country + the header row; TOP_N tables: 2 x 10 + 1.
    assert 40 in parsed.rows and parsed.rows.count(21) == 3
    # Four charts (JPM, heatmap, 20 JP, IKM), each with alt text from its titles.
    assert len(parsed.alts) == 4 and all(parsed.alts), parsed.alts
    text = _visible_text(page)
    if lang == "id":
        assert "554 wilayah · 38 provinsi" in text
        assert "Angka kunci per provinsi" in text and "Nasional" in text
        assert "batas bawah" in text  # some regions hid a small cell
        assert "Kategori JPM per provinsi" in parsed.alts[0]
        assert "IKM per provinsi" in parsed.alts[3]
    else:
        assert "554 regions · 38 provinces" in text and "National" in text
        assert "The 10 highest and the 10 lowest of the" in text
        assert "wilayah" not in text
