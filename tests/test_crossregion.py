"""Cross-region frames from hand-made summary documents (3 regions, 2 provinces)."""

from __future__ import annotations

import json
import math

import matplotlib
import pandas as pd
import pytest

from kompetensi_toolkit import crossregion
from kompetensi_toolkit.exceptions import ParameterError, ReportError

matplotlib.use("Agg")


def _meta(name, level, province, m=5):
    return {"region_name": name, "level": level, "province": province, "min_group_size": m}


def _cats(optimal, fair, low, n=(60, 30, 10)):
    return [
        {"category": "Kurang Optimal", "n": n[2], "share": low, "suppressed_reason": None},
        {"category": "Cukup Optimal", "n": n[1], "share": fair, "suppressed_reason": None},
        {"category": "Optimal", "n": n[0], "share": optimal, "suppressed_reason": None},
    ]


def _short(cid, name_id, name_en, n, share):
    return {"competency_id": cid, "name_id": name_id, "name_en": name_en, "n_assessed": n,
            "share_below": share, "suppressed_reason": None if share is not None else "small"}  # fmt: skip


DOCS = {
    # Kota Ambon, Maluku: every template.
    "ambon": {"region_id": "ambon", "generated": "2026-11-23T08:00:00+00:00", "templates": {
        "overview": {**_meta("Kota Ambon", "kota", "Maluku"), "headcount": 5800},
        "gaps": {**_meta("Kota Ambon", "kota", "Maluku"), "n_employees": 5800,
                 "jpm_categories": _cats(0.6, 0.3, 0.1),
                 "shortfall": [_short("M.01", "Integritas", "Integrity", 100, 0.2),
                               _short("T.01", "Literasi Digital", "Digital literacy", 80, 0.5)]},
        "needs_plan": {**_meta("Kota Ambon", "kota", "Maluku"), "jp_year": 2025,
                       "jp_n_staff": 5800, "jp_n_under": 2900, "jp_share_under": 0.5,
                       "jp_mean": 21.5},
        "outcomes": {**_meta("Kota Ambon", "kota", "Maluku"), "ikm_latest": 85.0,
                     "ikm_latest_low": 84.0, "ikm_latest_high": 86.0, "ikm_latest_grade": "B",
                     "ikm_latest_n": 400, "ikm_latest_period": "2025", "ikm_previous": 82.5,
                     "ikm_previous_period": "2024", "share_meeting_20jp": 0.99, "n_staff": 1},
        "feedback": {**_meta("Kota Ambon", "kota", "Maluku"), "overall_score": 71.25,
                     "overall_band": "baik"},
    }},
    # Kecamatan Plaju, Sumatera Selatan: no needs_plan (20 JP from outcomes), a hidden gap.
    "plaju": {"region_id": "plaju", "templates": {
        "gaps": {**_meta("Kecamatan Plaju", "kecamatan", "Sumatera Selatan"), "n_employees": 200,
                 "jpm_categories": [
                     {"category": "Kurang Optimal", "n": None, "share": None,
                      "suppressed_reason": "small"},
                     {"category": "Cukup Optimal", "n": 20, "share": 0.2, "suppressed_reason": None},
                     {"category": "Optimal", "n": 80, "share": 0.8, "suppressed_reason": None}],
                 "shortfall": [_short("M.01", "Integritas", "Integrity", 100, 0.1),
                               _short("T.01", "Literasi Digital", "Digital literacy", 3, None)]},
        "outcomes": {**_meta("Kecamatan Plaju", "kecamatan", "Sumatera Selatan"),
                     "year": 2025, "n_staff": 200, "share_meeting_20jp": 0.25,
                     "jp_per_employee": 12.0, "ikm_latest": 70.0, "ikm_latest_grade": "C",
                     "ikm_latest_n": 50, "ikm_latest_period": "2025"},
    }},
    # Kecamatan Kertapati, Sumatera Selatan: only feedback.
    "kertapati": {"region_id": "kertapati", "templates": {
        "feedback": {**_meta("Kecamatan Kertapati", "kecamatan", "Sumatera Selatan"),
                     "overall_score": 65.0, "overall_band": "cukup"},
    }},
}  # fmt: skip


def test_key_figures_table_exact():
    t = crossregion.key_figures_table(DOCS, "id")
    # Maluku before Sumatera Selatan; inside a province by name.
    assert list(t["region_id"]) == ["ambon", "kertapati", "plaju"]
    assert list(t["province"]) == ["Maluku", "Sumatera Selatan", "Sumatera Selatan"]
    assert t.loc[0, "n_employees"] == 5800
    assert pd.isna(t.loc[1, "n_employees"])  # kertapati: no overview, gaps or needs_plan
    assert t.loc[2, "n_employees"] == 200  # plaju: from gaps
    assert t["share_optimal"].tolist()[0] == 0.6 and t["share_optimal"].tolist()[2] == 0.8
    assert pd.isna(t.loc[1, "share_optimal"])
    # 20 JP: ambon from needs_plan (not outcomes' 0.99), plaju from outcomes (1 - 0.25)
    assert t.loc[0, "share_under_20jp"] == 0.5
    assert t.loc[2, "share_under_20jp"] == pytest.approx(0.75)
    assert t.loc[0, "ikm"] == 85.0 and t.loc[0, "ikm_grade"] == "B (Baik)"
    assert t.loc[2, "ikm_grade"] == "C (Kurang Baik)"
    assert t.loc[1, "feedback_score"] == 65.0 and t.loc[1, "feedback_band"] == "cukup"
    en = crossregion.key_figures_table(DOCS, "en")
    assert en.loc[0, "ikm_grade"] == "B (Good)" and en.loc[0, "feedback_band"] == "good"


def test_jpm_categories_keep_masked_cells_missing():
    t = crossregion.jpm_categories(DOCS)
    assert list(t["region_id"]) == ["ambon"] * 3 + ["plaju"] * 3  # kertapati has no gaps
    assert list(t["jpm_category"][:3]) == ["Kurang Optimal", "Cukup Optimal", "Optimal"]
    plaju = t[t["region_id"] == "plaju"].set_index("jpm_category")
    assert pd.isna(plaju.loc["Kurang Optimal", "n"])
    assert math.isnan(plaju.loc["Kurang Optimal", "share"])
    assert plaju.loc["Kurang Optimal", "suppressed_reason"] == "small"
    assert plaju.loc["Optimal", "n"] == 80


def test_gap_matrix_and_sentence():
    t = crossregion.gap_matrix(DOCS)
    assert list(
        zip(t["region_id"], t["competency_id"], t["share_below"].fillna(-1), strict=True)
    ) == [
        ("ambon", "M.01", 0.2),
        ("ambon", "T.01", 0.5),
        ("plaju", "M.01", 0.1),
        ("plaju", "T.01", -1),
    ]
    assert crossregion.gap_sentence(t, "en") == (
        "The largest gap is Digital literacy in Kota Ambon: 50.0% of assessed staff are below "
        "standard; the smallest is Integrity in Kecamatan Plaju (10.0%)."
    )


def test_jp_compliance_and_hide_small():
    t = crossregion.jp_compliance(DOCS)
    assert list(t["region_id"]) == ["ambon", "kertapati", "plaju"]
    assert t.loc[0, "share_meeting"] == 0.5 and t.loc[0, "n_under"] == 2900
    assert t.loc[2, "share_meeting"] == 0.25 and t.loc[2, "n_under"] == 150
    assert t.loc[0, "year"] == "2025" and t.loc[2, "year"] == "2025"
    assert pd.isna(t.loc[1, "share_meeting"])
    hidden = crossregion.hide_small(t, "n_staff", ["n_under", "share_meeting"], 201)
    assert hidden["suppressed"].tolist() == [False, False, True]
    assert pd.isna(hidden.loc[2, "share_meeting"]) and pd.isna(hidden.loc[2, "n_staff"])
    assert hidden.loc[0, "share_meeting"] == 0.5
    assert crossregion.jp_sentence(t, "id") == (
        "Persentase pegawai yang memenuhi paling sedikit 20 JP dalam setahun tertinggi di Kota "
        "Ambon (50,0%) dan terendah di Kecamatan Plaju (25,0%), dari 2 wilayah."
    )


def test_ikm_by_region():
    t = crossregion.ikm_by_region(DOCS)
    assert t.loc[0, "ikm"] == 85.0 and t.loc[0, "change"] == 2.5
    assert t.loc[0, "period_before"] == "2024" and t.loc[0, "n_respondents"] == 400
    assert t.loc[2, "ikm"] == 70.0 and math.isnan(t.loc[2, "change"])
    assert crossregion.ikm_sentence(t, "en") == (
        "The latest IKM is highest in Kota Ambon (85.00) and lowest in Kecamatan Plaju (70.00), "
        "among 2 regions."
    )


def test_missing_templates_give_empty_frames():
    docs = {"x": {"region_id": "x", "templates": {}}}
    key = crossregion.key_figures_table(docs, "en")
    assert key.loc[0, "region_name"] == "x" and key.iloc[0, 4:].isna().all()
    assert crossregion.jpm_categories(docs).empty and crossregion.gap_matrix(docs).empty
    assert crossregion.jpm_sentence(crossregion.jpm_categories(docs), "en").startswith("Fewer")


def test_read_summaries(tmp_path):
    for region, doc in DOCS.items():
        (tmp_path / region).mkdir()
        (tmp_path / region / "summary.json").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "no_summary").mkdir()
    (tmp_path / "index.html").write_text("x")
    read = crossregion.read_summaries(tmp_path)
    assert list(read) == ["ambon", "kertapati", "plaju"]
    assert read["ambon"]["templates"]["overview"]["headcount"] == 5800


def test_corrupt_json_names_the_file(tmp_path):
    (tmp_path / "ambon").mkdir()
    (tmp_path / "ambon" / "summary.json").write_text('{"templates": {', encoding="utf-8")
    with pytest.raises(ReportError, match=r"ambon/summary\.json is not valid JSON"):
        crossregion.read_summaries(tmp_path)
    with pytest.raises(ReportError, match="does not exist"):
        crossregion.read_summaries(tmp_path / "nope")


def test_top_bottom_many_regions():
    n = 552
    frame = pd.DataFrame({"region_id": [f"r{i:03d}" for i in range(n)],
                          "region_name": [f"R {i:03d}" for i in range(n)],
                          "province": [f"P{i % 34:02d}" for i in range(n)],
                          "x": [float(i) for i in range(n)]})  # fmt: skip
    kept, left_out = crossregion.top_bottom(frame, "x", 40)
    assert left_out == 512 and len(kept) == 40
    assert set(kept["x"]) == set(range(20)) | set(range(532, 552))
    with pytest.raises(ParameterError, match="max_regions"):
        crossregion.top_bottom(frame, "x", 1)


def test_charts_at_552_regions_say_what_is_left_out():
    docs = {
        f"r{i:03d}": {"templates": {"needs_plan": {
            "region_name": f"R {i:03d}", "province": f"P{i % 34:02d}", "jp_n_staff": 100,
            "jp_n_under": i % 100, "jp_share_under": (i % 100) / 100}}}
        for i in range(552)
    }  # fmt: skip
    ax = crossregion.jp_chart(crossregion.jp_compliance(docs), "en")
    assert len(ax.get_yticklabels()) == 40
    assert "Showing 40 of 552 regions" in ax.get_xlabel()


def test_charts_label_regions_and_masks():
    ax = crossregion.jpm_chart(crossregion.jpm_categories(DOCS), "en")
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == ["Kota Ambon (Maluku)", "Kecamatan Plaju (Sumatera Selatan)"]
    ax = crossregion.gap_heatmap(crossregion.gap_matrix(DOCS), "id")
    assert [t.get_text() for t in ax.texts] == ["20", "50", "10"]  # plaju T.01 hidden
    ax = crossregion.ikm_chart(crossregion.ikm_by_region(DOCS), "en")
    assert "no data or hidden" in [t.get_text() for t in ax.texts]  # kertapati


def test_table_headers():
    key = crossregion.key_figures_table(DOCS, "en")
    shown = crossregion.table(key, "en", columns=["region_name", "share_optimal", "ikm_grade"])
    assert list(shown.frame.columns) == ["Region", "JPM optimal", "Service grade"]
    assert shown.frame["JPM optimal"].tolist() == ["60.0%", "–", "80.0%"]
