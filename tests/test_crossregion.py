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
    # n_total: n_with_jpm, else the sum of the cells only when none is hidden
    assert t.loc[0, "n_total"] == 100 and pd.isna(plaju.loc["Optimal", "n_total"])


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


# ---------------------------------------------------------------------------
# National scale: 554 fake regions (38 provinsi, 416 kabupaten, 98 kota, 2 kecamatan).
# ---------------------------------------------------------------------------
COMPETENCIES = [("M.01", "Integritas", "Integrity"), ("M.02", "Kerja Sama", "Teamwork"),
                ("T.01", "Literasi Digital", "Digital literacy")]  # fmt: skip


def _jpm_cells(n_with, rng, m=5):
    """Three JPM cells summing to ``n_with``, masked like the region's report (small, then one more)."""
    low = int(rng.integers(0, max(1, n_with // 4)))
    fair = int(rng.integers(0, max(1, (n_with - low) // 2)))
    counts = [low, fair, n_with - low - fair]
    cells = []
    small = [0 < c < m for c in counts]
    if sum(small) == 1:  # complementary: the next smallest non-zero cell
        others = [(c, i) for i, c in enumerate(counts) if c > 0 and not small[i]]
        small[min(others)[1]] = True
    for name, c, hide in zip(("Kurang Optimal", "Cukup Optimal", "Optimal"), counts, small,
                             strict=True):  # fmt: skip
        cells.append({"category": name, "n": None if hide else c,
                      "share": None if hide else c / n_with,
                      "suppressed_reason": ("small" if 0 < c < m else "complementary")
                      if hide else None})  # fmt: skip
    return cells


def national_docs(seed=9):
    """Summary documents of 554 regions, shaped as ``read_summaries`` returns them.

    Sizes spread like the real ones (a few hundred to tens of thousands of staff);
    some regions have small groups (hidden JPM cells, a hidden 20 JP count), two
    regions lack templates.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    provinces = [f"Provinsi {i:02d}" for i in range(1, 39)]
    provinces[0] = "Sumatera Selatan"
    specs = [(f"prov{i:02d}", p, "provinsi", p) for i, p in enumerate(provinces, 1)]
    specs += [(f"kab{i:03d}", f"Kabupaten {i:03d}", "kabupaten", provinces[i % 38])
              for i in range(416)]  # fmt: skip
    specs += [(f"kota{i:02d}", f"Kota {i:02d}", "kota", provinces[(i * 7) % 38])
              for i in range(98)]  # fmt: skip
    specs += [("plaju", "Kecamatan Plaju", "kecamatan", "Sumatera Selatan"),
              ("kertapati", "Kecamatan Kertapati", "kecamatan", "Sumatera Selatan")]  # fmt: skip
    docs = {}
    for k, (rid, name, level, province) in enumerate(specs):
        meta = {"region_id": rid, "region_name": name, "level": level, "province": province,
                "min_group_size": 5}  # fmt: skip
        head = 12 if k % 97 == 5 else int(rng.lognormal(8.0, 0.9)) + 150
        n_with = int(head * rng.uniform(0.6, 0.95))
        n_staff = head
        n_under = int(n_staff * rng.uniform(0.2, 0.8))
        hide_jp = k % 61 == 7
        templates = {
            "overview": {**meta, "headcount": head},
            "gaps": {**meta, "n_employees": head, "n_with_jpm": n_with,
                     "jpm_categories": _jpm_cells(n_with, rng),
                     "shortfall": [
                         {"competency_id": c, "name_id": i, "name_en": e, "n_assessed": n_with,
                          "n_below": (b := int(n_with * rng.uniform(0.05, 0.6))),
                          "share_below": b / n_with, "suppressed_reason": None}
                         for c, i, e in COMPETENCIES]},
            "needs_plan": {**meta, "jp_year": 2025, "jp_n_staff": n_staff,
                           "jp_n_under": None if hide_jp else n_under,
                           "jp_share_under": None if hide_jp else n_under / n_staff,
                           "jp_mean": float(rng.uniform(8, 30))},
            "outcomes": {**meta, "ikm_latest": round(float(rng.uniform(65, 95)), 2),
                         "ikm_latest_grade": "B", "ikm_latest_n": int(rng.integers(60, 900)),
                         "ikm_latest_period": "2025"},
            "feedback": {**meta, "overall_score": round(float(rng.uniform(55, 85)), 1),
                         "overall_band": "baik"},
        }  # fmt: skip
        if k in (100, 300):  # regions that ran only some templates
            templates = {"overview": templates["overview"]}
        docs[rid] = {"region_id": rid, "generated": "2026-11-23T08:00:00+00:00",
                     "templates": templates}  # fmt: skip
    return docs


NATIONAL = national_docs()


def test_fake_national_set_has_the_shape_of_the_country():
    levels = pd.Series([d["templates"]["overview"]["level"] for d in NATIONAL.values()])
    assert len(NATIONAL) == 554
    assert levels.value_counts().to_dict() == {
        "kabupaten": 416, "kota": 98, "provinsi": 38, "kecamatan": 2}  # fmt: skip
    hidden = [r for r, d in NATIONAL.items() if "gaps" in d["templates"]
              and any(c["n"] is None for c in d["templates"]["gaps"]["jpm_categories"])]  # fmt: skip
    assert len(hidden) >= 3  # the suppression cases below are exercised


def _raw(doc, template, key):
    return (doc["templates"].get(template) or {}).get(key)


def test_national_totals_equal_the_sum_of_the_regions():
    t = crossregion.national_totals(NATIONAL).set_index("measure")
    heads = [_raw(d, "overview", "headcount") for d in NATIONAL.values()]
    assert t.loc["n_employees", "n"] == sum(heads) and t.loc["n_employees", "n_regions"] == 554
    assert t.loc["n_employees", "exact"]
    # JPM "Optimal": sum of the shown regional cells over the sum of staff with a JPM score.
    cells = [(d["templates"]["gaps"]["n_with_jpm"], c) for d in NATIONAL.values()
             if "gaps" in d["templates"] for c in d["templates"]["gaps"]["jpm_categories"]]  # fmt: skip
    total = sum({id(d): d["templates"]["gaps"]["n_with_jpm"] for d in NATIONAL.values()
                 if "gaps" in d["templates"]}.values())  # fmt: skip
    for category in ("Kurang Optimal", "Cukup Optimal", "Optimal"):
        shown = sum(c["n"] for _, c in cells if c["category"] == category and c["n"] is not None)
        row = t.loc[f"jpm:{category}"]
        assert row["n"] == shown and row["total"] == total
        assert row["share"] == pytest.approx(shown / total)
    # The three categories' bounds bracket the whole: lower bounds sum to at most the total.
    jpm = t[t.index.str.startswith("jpm:")]
    assert jpm["n"].sum() <= total <= jpm["n_max"].sum()
    # 20 JP: regions that hid their count add nothing to n but their staff stay in total.
    n_under = sum(_raw(d, "needs_plan", "jp_n_under") or 0 for d in NATIONAL.values())
    n_staff = sum(_raw(d, "needs_plan", "jp_n_staff") or 0 for d in NATIONAL.values())
    row = t.loc["jp_under_20"]
    assert row["n"] == n_under and row["total"] == n_staff
    assert row["share"] == pytest.approx(n_under / n_staff)
    # Competency shares: pooled n_below / n_assessed.
    below = sum(s["n_below"] for d in NATIONAL.values() if "gaps" in d["templates"]
                for s in d["templates"]["gaps"]["shortfall"] if s["competency_id"] == "T.01")  # fmt: skip
    assessed = sum(s["n_assessed"] for d in NATIONAL.values() if "gaps" in d["templates"]
                   for s in d["templates"]["gaps"]["shortfall"] if s["competency_id"] == "T.01")  # fmt: skip
    assert t.loc["below:T.01", "n"] == below
    assert t.loc["below:T.01", "share"] == pytest.approx(below / assessed)
    # National = sum of the provinces too.
    prov = crossregion.pooled_jpm(crossregion.jpm_categories(NATIONAL))
    optimal = prov[prov["jpm_category"] == "Optimal"]
    assert optimal["n"].sum() == t.loc["jpm:Optimal", "n"]
    assert optimal["total"].sum() == total and len(optimal) == 38


def test_suppressed_cells_make_lower_bounds_not_silent_errors():
    # Region a: 40 with JPM, all shown. Region b: 60 with JPM, Kurang Optimal (3) hidden "small"
    # and Cukup Optimal (4) hidden "complementary"; 53 Optimal shown.
    docs = {
        "a": {"templates": {"gaps": {"province": "P", "n_with_jpm": 40,
                                     "jpm_categories": _cats(0.75, 0.15, 0.1, n=(30, 6, 4))}}},
        "b": {"templates": {"gaps": {"province": "P", "n_with_jpm": 60, "jpm_categories": [
            {"category": "Kurang Optimal", "n": None, "share": None, "suppressed_reason": "small"},
            {"category": "Cukup Optimal", "n": None, "share": None,
             "suppressed_reason": "complementary"},
            {"category": "Optimal", "n": 53, "share": 53 / 60, "suppressed_reason": None}]}}},
    }  # fmt: skip
    t = crossregion.national_totals(docs).set_index("measure")
    # Guards: the hidden cells are not counted as 0 silently (exact False, n_max given),
    # and b's staff stay in the denominator (a share over 40 + 53 + ... would be wrong).
    low = t.loc["jpm:Kurang Optimal"]
    assert (low["n"], low["n_max"], low["total"]) == (4, 4 + 7, 100)
    assert not low["exact"] and low["n_hidden"] == 1
    assert low["share"] == pytest.approx(0.04) and low["share_max"] == pytest.approx(0.11)
    fair = t.loc["jpm:Cukup Optimal"]
    assert (fair["n"], fair["n_max"]) == (6, 13) and not fair["exact"]
    best = t.loc["jpm:Optimal"]
    assert (best["n"], best["n_max"], best["share"]) == (83, 83, 0.83) and best["exact"]
    # A region that hid its total leaves the upper bound unknown, never a wrong number.
    docs["c"] = {
        "templates": {
            "gaps": {
                "province": "P",
                "n_with_jpm": None,
                "jpm_categories": [
                    {"category": "Optimal", "n": None, "share": None, "suppressed_reason": "small"}
                ],
            }
        }
    }
    best = crossregion.national_totals(docs).set_index("measure").loc["jpm:Optimal"]
    assert best["n"] == 83 and pd.isna(best["n_max"]) and best["n_unknown"] == 1
    assert not best["exact"]
    # A region without a headcount (kertapati has only feedback) is counted, not ignored.
    head = crossregion.national_totals(DOCS).set_index("measure").loc["n_employees"]
    assert (head["n"], head["n_unknown"], head["exact"]) == (5800 + 200, 1, False)
    assert pd.isna(head["n_max"])


def test_province_share_is_pooled_not_a_mean_of_percentages():
    # Province P: region big has 90 of 100 staff Optimal, region small has 5 of 50 and
    # 60 of 300 under 20 JP vs 45 of 50. Hand-computed pooled shares: (90 + 5) / (100 + 50)
    # and (60 + 45) / (300 + 50); the means of percentages would be 0.5 and 0.55.
    docs = {
        "big": {"templates": {
            "overview": {"region_name": "Big", "province": "P", "headcount": 300},
            "gaps": {"province": "P", "n_with_jpm": 100,
                     "jpm_categories": _cats(0.9, 0.05, 0.05, n=(90, 5, 5))},
            "needs_plan": {"province": "P", "jp_n_staff": 300, "jp_n_under": 60,
                           "jp_share_under": 0.2},
            "outcomes": {"province": "P", "ikm_latest": 90.0, "ikm_latest_n": 300}}},
        "small": {"templates": {
            "overview": {"region_name": "Small", "province": "P", "headcount": 50},
            "gaps": {"province": "P", "n_with_jpm": 50,
                     "jpm_categories": _cats(0.1, 0.7, 0.2, n=(5, 35, 10))},
            "needs_plan": {"province": "P", "jp_n_staff": 50, "jp_n_under": 45,
                           "jp_share_under": 0.9},
            "outcomes": {"province": "P", "ikm_latest": 70.0, "ikm_latest_n": 100}}},
        "other": {"templates": {
            "overview": {"region_name": "Other", "province": "Q", "headcount": 20},
            "gaps": {"province": "Q", "n_with_jpm": 20,
                     "jpm_categories": _cats(0.5, 0.25, 0.25, n=(10, 5, 5))}}},
    }  # fmt: skip
    t = crossregion.province_table(
        crossregion.key_figures_table(docs, "en"), crossregion.jpm_categories(docs),
        crossregion.jp_compliance(docs), crossregion.ikm_by_region(docs), "en",
    ).set_index("province")  # fmt: skip
    assert list(t.index) == ["P", "Q", "National"]
    assert t.loc["P", "share_optimal"] == pytest.approx(95 / 150)
    assert t.loc["P", "share_under_20jp"] == pytest.approx(105 / 350)
    assert t.loc["P", "ikm"] == pytest.approx((90 * 300 + 70 * 100) / 400)
    assert (t.loc["P", "n_employees"], t.loc["P", "n_regions"]) == (350, 2)
    assert t.loc["National", "share_optimal"] == pytest.approx(105 / 170)
    assert t.loc["National", "n_employees"] == 370 and t.loc["National", "n_hidden"] == 0


def test_views_at_554_regions_stay_small():
    docs = NATIONAL
    key = crossregion.key_figures_table(docs, "en")
    categories = crossregion.jpm_categories(docs)
    jp = crossregion.jp_compliance(docs)
    ikm = crossregion.ikm_by_region(docs)
    provinces = crossregion.province_table(key, categories, jp, ikm, "en")
    assert len(provinces) == 39 and provinces["n_regions"].iloc[:-1].sum() == 554
    assert provinces["province"].iloc[-1] == "National"
    assert provinces["n_hidden"].iloc[-1] == provinces["n_hidden"].iloc[:-1].sum() > 0
    top = crossregion.top_bottom_table(jp, "share_meeting", 10)
    assert len(top) == 20 and top["rank"].iloc[0] == 1
    assert top["rank"].iloc[-1] == jp["share_meeting"].notna().sum()
    assert top["share_meeting"].is_monotonic_decreasing
    ax = crossregion.province_chart(crossregion.pooled_jp(jp), jp, "share_meeting", "en")
    assert len(ax.get_yticklabels()) == 38
    shown = [float(v) for v in ax.collections[-1].get_offsets()[:, 0]]
    assert shown == sorted(shown, reverse=True)  # provinces sorted, highest first
    ax = crossregion.jpm_chart(
        crossregion.as_regions(crossregion.pooled_jpm(categories)), "en", unit="province"
    )
    assert len(ax.get_yticklabels()) == 38 and ax.get_title(loc="left") == (
        "JPM categories by province")  # fmt: skip
    ax = crossregion.gap_heatmap(
        crossregion.as_regions(crossregion.pooled_gaps(crossregion.gap_matrix(docs))), "id",
        unit="province",
    )  # fmt: skip
    assert len(ax.get_yticklabels()) == 38
    with pytest.raises(ParameterError, match="'unit' parameter of gap_heatmap"):
        crossregion.gap_heatmap(crossregion.gap_matrix(docs), "id", unit="country")


def test_by_province_groups_the_region_list():
    key = crossregion.key_figures_table(NATIONAL, "en")
    groups = crossregion.by_province(key)
    assert len(groups) == 38
    names = [p for p, _ in groups]
    assert names == sorted(names, key=str.casefold)
    assert sum(len(g) for _, g in groups) == 554
    south = dict(groups)["Sumatera Selatan"]["region_name"].tolist()
    assert south == sorted(south, key=str.casefold) and "Kecamatan Plaju" in south


def test_pooling_by_level_and_bad_by():
    jp = crossregion.jp_compliance(NATIONAL)
    by_level = crossregion.pooled_jp(jp, "level").set_index("level")
    assert set(by_level.index) == {"provinsi", "kabupaten", "kota", "kecamatan"}
    national = crossregion.pooled_jp(jp, None)
    assert len(national) == 1 and by_level["n_under"].sum() == national.loc[0, "n_under"]
    assert by_level["n_staff"].sum() == national.loc[0, "n_staff"]
    with pytest.raises(ParameterError, match="'by' parameter of pooled_jp"):
        crossregion.pooled_jp(jp, "unit")


def test_top_bottom_table_never_repeats_a_region():
    t = pd.DataFrame({"region_name": list("abcde"), "x": [5.0, 1.0, None, 2.0, 3.0]})
    assert crossregion.top_bottom_table(t, "x", 2)["region_name"].tolist() == list("aedb")
    assert crossregion.top_bottom_table(t, "x", 1)["rank"].tolist() == [1, 4]
    with pytest.raises(ParameterError, match="'n' parameter of top_bottom_table"):
        crossregion.top_bottom_table(t, "x", 0)


def test_province_chart_marks_a_province_without_figures():
    regions = pd.DataFrame({"province": ["P", "Q"], "ikm": [80.0, None]})
    pooled = pd.DataFrame({"province": ["P", "Q"], "ikm": [80.0, None]})
    ax = crossregion.province_chart(pooled, regions, "ikm", "en", title="chart.cr_ikm_province",
                                    xlabel="chart.cr_ikm_x", percent=False)  # fmt: skip
    assert [t.get_text() for t in ax.get_yticklabels()] == ["P (1)", "Q (1)"]
    assert [t.get_text() for t in ax.texts] == ["no data or hidden"]
    assert ax.get_title(loc="left") == "IKM by province"


def test_regions_without_a_province_are_named_not_dropped():
    docs = {r: json.loads(json.dumps(NATIONAL[r])) for r in list(NATIONAL)[:60]}
    for region in ("kab001", "kab002"):
        for figures in docs[region]["templates"].values():
            figures["province"] = None
    key = crossregion.key_figures_table(docs, "en")
    jp = crossregion.jp_compliance(docs)
    t = crossregion.province_table(
        key, crossregion.jpm_categories(docs), jp, crossregion.ikm_by_region(docs), "en"
    ).set_index("province")
    assert t.loc["Province unknown", "n_regions"] == 2
    assert t.index[-2:].tolist() == ["Province unknown", "National"]
    assert t["n_regions"].iloc[:-1].sum() == 60
    ax = crossregion.province_chart(crossregion.pooled_jp(jp), jp, "share_meeting", "en")
    assert "Province unknown (2)" in [x.get_text() for x in ax.get_yticklabels()]
    ax = crossregion.jpm_chart(
        crossregion.as_regions(crossregion.pooled_jpm(crossregion.jpm_categories(docs)), "en"),
        "en", unit="province",
    )  # fmt: skip
    assert "Province unknown" in [x.get_text() for x in ax.get_yticklabels()]
