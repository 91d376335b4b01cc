"""The sentences of the reports, and the masked key figures they are written from.

The frames are written by hand in the shape the gaps, talent and needs
functions return, so every expected number is worked out here.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from kompetensi_toolkit import labels, narrative, reporting
from kompetensi_toolkit.exceptions import ParameterError

GRID = {1: (1, 1), 2: (1, 2), 3: (2, 1), 4: (1, 3), 5: (2, 2), 6: (3, 1), 7: (2, 3), 8: (3, 2),
        9: (3, 3)}  # fmt: skip
SECTIONS = (
    narrative.gaps_jpm_markdown,
    narrative.gaps_shortfall_markdown,
    narrative.gaps_heatmap_markdown,
    narrative.gaps_profile_markdown,
    narrative.gaps_nine_box_markdown,
    narrative.gaps_readiness_markdown,
    narrative.gaps_needs_markdown,
)


# ---------------------------------------------------------------------------
# Shared pieces.
# ---------------------------------------------------------------------------
def test_bkn_reference_case_in_plain_indonesian():
    # domain.md: 227 JPT Pratama officials, 78 / 120 / 29 → 34.36 %, 52.86 %, 12.78 %
    dist = pd.DataFrame(
        {
            "category": ["Kurang Optimal", "Cukup Optimal", "Optimal"],
            "n": [78, 120, 29],
            "share": [78 / 227, 120 / 227, 29 / 227],
        }
    )
    assert narrative.jpm_categories_sentence(dist) == (
        "Sebanyak **52,9%** pegawai berada pada kategori **Cukup Optimal**; "
        "34,4% **Kurang Optimal**; 12,8% **Optimal**."
    )
    assert narrative.jpm_categories_sentence(dist, "en") == (
        "**52.9%** of staff are in the **Fairly optimal** category; "
        "34.4% **Below optimal**; 12.8% **Optimal**."
    )


def test_hidden_categories_are_named_never_counted():
    dist = pd.DataFrame(
        {"category": ["Kurang Optimal", "Cukup Optimal", "Optimal"], "n": [3, 40, 7],
         "share": [0.06, 0.8, 0.14]}
    )  # fmt: skip
    text = narrative.jpm_categories_sentence(dist, "id", min_group_size=5)
    assert text == (
        "Sebanyak **80,0%** pegawai berada pada kategori **Cukup Optimal**; 14,0% **Optimal**. "
        "Angka untuk **Kurang Optimal** disembunyikan."
    )
    assert "6,0%" not in text


def test_join_and_count_text():
    assert narrative.join_items(["a", "b", "c"], "id") == "a, b dan c"
    assert narrative.join_items(["a", "b", "c"], "en") == "a, b and c"
    assert narrative.count_text(4, "id", 5) == "< 5"
    assert narrative.count_text(5, "id", 5) == "5"
    assert narrative.count_text(None, "en", 5, reason="complementary") == "hidden"
    assert narrative.count_text(pd.NA, "en", 3, reason="small") == "< 3"


def test_title_and_section_escape_data():
    title = narrative.title_markdown(
        {"region_name": "Kota *Ambon*", "level": "kota", "province": "Maluku"},
        "en",
        key="title.gaps",
    )
    assert title == (
        "# Competency gaps of civil servants: Kota \\*Ambon\\*\n\n*City · Maluku Province*"
    )
    assert narrative.title_markdown({"region_id": "x"}, "id", key="title.gaps") == (
        "# Kesenjangan Kompetensi ASN x"
    )
    section = narrative.section_markdown("Judul", ["Satu.", "Dua."], "id")
    assert section == "## Judul\n\nSatu. Dua."


# ---------------------------------------------------------------------------
# Key figures of the gaps report.
# ---------------------------------------------------------------------------
def frames(**overrides) -> dict:
    """The gap-analysis outputs of an imaginary region of 60 staff."""
    jpm = pd.DataFrame(
        {
            "employee_id": [f"e{i:02d}" for i in range(60)],
            "jpm": [np.nan] * 8 + [70.0] * 12 + [85.0] * 30 + [95.0] * 10,
        }
    )
    categories = pd.DataFrame(
        {
            "category": pd.Categorical(
                ["Kurang Optimal", "Cukup Optimal", "Optimal"],
                categories=["Kurang Optimal", "Cukup Optimal", "Optimal"],
                ordered=True,
            ),
            "n": [12, 30, 10],
            "share": [12 / 52, 30 / 52, 10 / 52],
            "n_group": [52, 52, 52],
        }
    )
    shortfall = pd.DataFrame(
        {
            "competency_id": ["M.01", "M.04", "SK.01"],
            "name_id": ["Integritas", "Orientasi pada Hasil", "Perekat Bangsa"],
            "name_en": ["Integrity", "Results orientation", "Nation unifier"],
            "category": ["manajerial", "manajerial", "sosial_kultural"],
            "n_assessed": [50, 40, 3],
            "n_below": [10, 30, 3],
            "share_below": [0.2, 0.75, 1.0],
            "mean_gap": [-0.1, -0.9, -1.5],
            "mean_level": [2.4, 1.6, 1.0],
            "mean_required": [2.5, 2.5, 2.5],
        }
    )
    cells = pd.DataFrame(
        {
            "unit": ["Dinas A", "Dinas A", "Dinas B", "Dinas B"],
            "competency_id": ["M.01", "M.04", "M.01", "M.04"],
            "n": [30, 25, 20, 2],
            "mean_gap": [-0.2, -1.1, 0.3, -2.0],
            "share_below": [0.3, 0.8, 0.1, 1.0],
        }
    )
    missing = pd.DataFrame(
        {"n_employees": [60], "n_unassessed_employees": [8], "n_required": [180],
         "n_missing": [87], "share_missing": [87 / 180]}
    )  # fmt: skip
    n_box = [6, 20, 0, 3, 15, 0, 6, 0, 10]
    boxes = pd.DataFrame(
        {
            "box": list(GRID),
            "potential_axis": [p for p, _ in GRID.values()],
            "performance_axis": [k for _, k in GRID.values()],
            "n": n_box,
            "n_group": [60] * 9,
            "share": [n / 60 for n in n_box],
            "n_unplaced": [0] * 9,
        }
    )
    readiness = pd.DataFrame(
        {
            "unit": ["Dinas A", "Dinas B", "Dinas C"],
            "n_candidates": [30, 12, 3],
            "n_ready": [12, 2, 1],
            "share_ready": [0.4, 2 / 12, 1 / 3],
        }
    )
    total = pd.DataFrame(
        {"region_id": ["x"], "n_candidates": [45], "n_ready": [15], "share_ready": [15 / 45]}
    )
    needs = pd.DataFrame(
        {
            "region_id": ["x"] * 4,
            "item_id": ["uji_petik", "pelayanan_pengaduan", "penyusunan_sop", "arsip_x"],
            "n": [3, 40, 38, 41],
            "mean_importance": [6.0, 6.1, 5.5, 4.0],
            "mean_performance": [2.0, 4.0, 4.3, 4.1],
            "mean_need": [4.0, 2.1, 1.2, -0.1],
            "sd_need": [1.0, 1.1, 1.2, 0.9],
            "ci_low": [1.5, 1.75, 0.8, -0.4],
            "ci_high": [6.5, 2.45, 1.6, 0.2],
            "share_priority": [1.0, 0.45, 0.3, 0.02],
            "rank": [1, 2, 3, 4],
        }
    )
    out = {
        "region": {"region_id": "x", "name": "Kota Contoh", "level": "kota", "province": "P"},
        "jpm": jpm,
        "categories": categories,
        "shortfall": shortfall,
        "cells": cells,
        "missing": missing,
        "boxes": boxes,
        "readiness": readiness,
        "readiness_total": total,
        "needs": needs,
        "data_hash": "abc",
    }
    out.update(overrides)
    return out


@pytest.fixture
def figures() -> dict:
    return narrative.gaps_key_figures(**frames())


def test_key_figures_scalars(figures):
    assert figures["region_id"] == "x" and figures["region_name"] == "Kota Contoh"
    assert figures["n_employees"] == 60
    assert figures["n_with_jpm"] == 52
    assert figures["mean_jpm"] == pytest.approx((12 * 70 + 30 * 85 + 10 * 95) / 52)  # 83.46
    assert (figures["n_results"], figures["n_below"]) == (93, 43)
    assert figures["share_below"] == pytest.approx(43 / 93)
    assert (figures["n_required"], figures["n_missing"]) == (180, 87)
    assert figures["n_unassessed_employees"] == 8
    assert (figures["n_placed"], figures["n_unplaced"]) == (60, 0)
    assert (figures["n_candidates"], figures["n_ready"]) == (45, 15)
    assert figures["share_ready"] == pytest.approx(1 / 3)
    assert figures["min_group_size"] == 5 and figures["data_hash"] == "abc"


def test_key_figures_mask_every_small_group(figures):
    short = figures["shortfall"].set_index("competency_id")
    assert short.loc["SK.01", ["share_below", "mean_gap", "mean_level"]].isna().all()
    assert pd.isna(short.loc["SK.01", "n_assessed"]) and pd.isna(short.loc["SK.01", "n_below"])
    assert short.loc["M.04", "n_below"] == 30

    cells = figures["gap_map"]
    hidden = cells[cells["unit"].eq("Dinas B") & cells["competency_id"].eq("M.04")].iloc[0]
    assert pd.isna(hidden["mean_gap"]) and pd.isna(hidden["n"])
    assert cells["name_id"].tolist()[:2] == ["Integritas", "Orientasi pada Hasil"]

    nine = figures["nine_box"].set_index("box")
    assert pd.isna(nine.loc[4, "n"]) and nine.loc[4, "suppressed_reason"] == "small"
    # box 4 alone is small: the smallest other non-zero count (6, box 1) is hidden with it
    assert nine.loc[1, "suppressed_reason"] == "complementary"
    assert nine.loc[3, "n"] == 0  # a zero describes nobody

    units = figures["readiness_units"].set_index("unit")
    assert units.loc["Dinas A", "n_ready"] == 12
    # Dinas C has 3 candidates; the units add up to the region's 45, so the next smallest
    # unit (Dinas B, 12) is hidden too; its 2 ready would have been hidden anyway.
    assert units.loc["Dinas C", "suppressed_reason"] == "small"
    assert units.loc["Dinas B", "suppressed_reason"] == "complementary"
    assert (
        units.loc[["Dinas B", "Dinas C"], ["n_candidates", "n_ready", "share_ready"]]
        .isna()
        .all(axis=None)
    )
    alone = narrative.gaps_key_figures(**frames(readiness=frames()["readiness"].iloc[:2]))[
        "readiness_units"
    ].set_index("unit")
    assert alone.loc["Dinas B", "n_candidates"] == 12 and pd.isna(alone.loc["Dinas B", "n_ready"])
    assert alone.loc["Dinas B", "suppressed_reason"] == "small"
    # ready counts add up to the region's number ready, which the report states: complement
    assert pd.isna(alone.loc["Dinas A", "n_ready"]) and alone.loc["Dinas A", "n_candidates"] == 30
    assert alone.loc["Dinas A", "suppressed_reason"] == "complementary"

    needs = figures["needs"]
    assert needs["item_id"].tolist()[:3] == ["pelayanan_pengaduan", "penyusunan_sop", "arsip_x"]
    assert needs["rank"].tolist()[:3] == [1, 2, 3]  # ranked among the items shown
    hidden_item = needs[needs["item_id"] == "uji_petik"].iloc[0]
    assert pd.isna(hidden_item["rank"]) and pd.isna(hidden_item["mean_need"])
    assert pd.isna(hidden_item["ci_low"]) and pd.isna(hidden_item["share_priority"])


def test_key_figures_hide_complements_of_small_totals():
    base = frames()
    missing = base["missing"].assign(n_unassessed_employees=[3])
    boxes = base["boxes"].assign(n_unplaced=[2] * 9)
    fig = narrative.gaps_key_figures(**{**base, "missing": missing, "boxes": boxes})
    # 3 never assessed: "staff with a JPM" would give them away (60 − 57)
    assert fig["n_unassessed_employees"] is None and fig["n_with_jpm"] is None
    assert fig["mean_jpm"] is not None
    assert fig["n_unplaced"] is None and fig["n_placed"] is None
    text = narrative.gaps_summary_markdown(fig, "id")
    assert "Hampir semua dari **60 ASN**" in text and "kurang dari 5 orang belum" in text
    assert "Kurang dari 5 pegawai belum diases sama sekali." in text
    assert "**57**" not in text and " 3 " not in text
    boxes_text = narrative.gaps_nine_box_markdown(fig, "en")
    assert "Fewer than 5 staff are not placed" in boxes_text and "could be placed" not in boxes_text


def test_key_figures_without_survey_and_with_tiny_region():
    fig = narrative.gaps_key_figures(**frames(needs=None))
    assert fig["needs"] is None
    assert "Tidak ada data survei kebutuhan pelatihan" in narrative.gaps_needs_markdown(fig, "id")
    tiny = frames(
        jpm=pd.DataFrame({"employee_id": ["a", "b", "c"], "jpm": [80.0, 90.0, np.nan]}),
        readiness_total=pd.DataFrame({"n_candidates": [3], "n_ready": [1]}),
    )
    fig = narrative.gaps_key_figures(**tiny)
    assert fig["n_employees"] is None and fig["n_with_jpm"] is None and fig["mean_jpm"] is None
    assert fig["n_candidates"] is None and fig["n_ready"] is None
    text = narrative.gaps_summary_markdown(fig, "en")
    assert "Fewer than 5 civil servants in Kota Contoh have a *Job Person Match*" in text
    assert "85" not in text  # the mean of two people is never written
    readiness = narrative.gaps_readiness_markdown(fig, "en")
    assert "too few candidates (fewer than 5)" in readiness


def test_key_figures_leave_inputs_alone():
    inputs = frames()
    before = {k: v.copy() for k, v in inputs.items() if isinstance(v, pd.DataFrame)}
    narrative.gaps_key_figures(**inputs)
    for key, frame in before.items():
        pd.testing.assert_frame_equal(inputs[key], frame)


def test_key_figures_check_min_group_size():
    with pytest.raises(ParameterError, match="'min_group_size' parameter of gaps_key_figures"):
        narrative.gaps_key_figures(**frames(), min_group_size=0)


# ---------------------------------------------------------------------------
# Sentences.
# ---------------------------------------------------------------------------
def test_summary_states_the_findings_with_numbers(figures):
    text = narrative.gaps_summary_markdown(figures, "id")
    assert text.startswith(
        "Dari **60 ASN** di Kota Contoh, **52** memiliki nilai *Job Person Match* (JPM)"
    )
    assert "rata-rata JPM **83,5**" in text
    assert "Sebanyak **57,7%** pegawai berada pada kategori **Cukup Optimal**" in text
    assert "**46,2%** hasil asesmen (43 dari 93) berada di bawah standar jabatan" in text
    assert "Kesenjangan terbesar ada pada **Orientasi pada Hasil**: 75,0%" in text
    assert "48,3% kompetensi yang dipersyaratkan jabatan belum diases (87 dari 180)" in text
    assert "8 pegawai belum diases sama sekali." in text
    english = narrative.gaps_summary_markdown(figures, "en")
    assert "The biggest gap is in **Results orientation**: 75.0%" in english


def test_sections_in_both_languages(figures):
    headings = {
        "id": [labels.label(f"heading.gaps_{s}", "id") for s in
               ("jpm", "shortfall", "heatmap", "profile", "nine_box", "readiness", "needs")],
        "en": [labels.label(f"heading.gaps_{s}", "en") for s in
               ("jpm", "shortfall", "heatmap", "profile", "nine_box", "readiness", "needs")],
    }  # fmt: skip
    for lang in ("id", "en"):
        for func, heading in zip(SECTIONS, headings[lang], strict=True):
            text = func(figures, lang)
            assert text.startswith(f"## {heading}\n\n"), (func.__name__, text[:80])
            for leak in ("nan", "None", "<NA>", "NaN"):
                assert not re.search(rf"\b{leak}\b", text), (func.__name__, leak)


def test_section_sentences(figures):
    assert "Persentase tertinggi ada pada **Orientasi pada Hasil** (75,0%) dan **Integritas** " \
           "(20,0%)." in narrative.gaps_shortfall_markdown(figures, "id")  # fmt: skip
    heat = narrative.gaps_heatmap_markdown(figures, "en")
    assert (
        "The deepest gap is in **Dinas A**, in **Results orientation** (mean -1.1 levels)." in heat
    )
    assert "1 cell is left blank (grey)" in heat and "-2.0" not in heat
    profile = narrative.gaps_profile_markdown(figures, "id")
    assert "pada **0 dari 2 kompetensi**" in profile
    assert "**Orientasi pada Hasil**: capaian 1,60 dibanding standar 2,50" in profile
    boxes = narrative.gaps_nine_box_markdown(figures, "id")
    assert "**60 pegawai** dapat dipetakan." in boxes
    assert "Kotak terbesar adalah **kotak 2** (33,3% pegawai yang dipetakan)." in boxes
    assert "**16,7%** berada di kotak 9" in boxes
    assert "Jumlah pegawai pada kotak 1 disembunyikan untuk melindungi angka lain." in boxes
    ready = narrative.gaps_readiness_markdown(figures, "en")
    assert "**15 of 45 candidates** (33.3%) are ready" in ready
    assert "Most ready candidates are in **Dinas A** (12 people, 40.0% of its candidates)." in ready
    assert "at least 80" in ready
    needs = narrative.gaps_needs_markdown(figures, "id")
    assert "Kebutuhan tertinggi: **Pelayanan pengaduan** (rata-rata 2,1; 45,0% responden " \
           "menilainya prioritas)" in needs  # fmt: skip
    assert "Uji petik" not in needs and "4,0" not in needs


def test_jpm_section_follows_purpose_and_method(figures):
    mapping = narrative.gaps_jpm_markdown(figures, "id")
    assert "jumlah level capaian ÷ jumlah level standar" in mapping
    assert "**Optimal** ≥ 90" in mapping
    selection = narrative.gaps_jpm_markdown(
        {**figures, "purpose": "selection", "jpm_method": "mean_ratio"}, "en"
    )
    assert "the mean of (level achieved ÷ level the position requires)" in selection
    assert "**Meets the requirements** ≥ 80" in selection


def test_data_values_are_escaped():
    cells = frames()["cells"].assign(unit=["<b>Dinas</b> *A*"] * 2 + ["Dinas B"] * 2)
    fig = narrative.gaps_key_figures(**frames(cells=cells))
    text = narrative.gaps_heatmap_markdown(fig, "id")
    assert "&lt;b&gt;Dinas&lt;/b&gt; \\*A\\*" in text and "<b>" not in text


# ---------------------------------------------------------------------------
# What goes into summary.json.
# ---------------------------------------------------------------------------
def test_gaps_summary_is_json_and_aggregates_only(figures):
    summary = narrative.gaps_summary(figures, top=2, top_needs=2)
    payload = reporting.summary_payload(summary, "gaps")
    text = json.dumps(payload, allow_nan=False)
    assert "e0" not in text and "employee_id" not in text
    fig = payload["figures"]
    assert fig["n_employees"] == 60 and fig["share_ready"] == pytest.approx(1 / 3)
    assert [r["competency_id"] for r in fig["biggest_gaps"]] == ["M.04", "M.01"]
    assert [r["category"] for r in fig["jpm_categories"]] == [
        "Kurang Optimal", "Cukup Optimal", "Optimal"
    ]  # fmt: skip
    boxes = {r["box"]: r for r in fig["nine_box"]}
    assert boxes[4]["n"] is None and boxes[4]["suppressed_reason"] == "small"
    assert boxes[5]["n"] == 15
    assert [r["item_id"] for r in fig["top_needs"]] == ["pelayanan_pengaduan", "penyusunan_sop"]
    for record in fig["shortfall"] + fig["nine_box"] + fig["jpm_categories"]:
        n = record.get("n", record.get("n_assessed"))
        assert n is None or n == 0 or n >= 5, record
    assert "gap_map" not in fig and "jpm" not in fig


def test_small_numbers_below_standard_or_naming_a_priority_are_hidden():
    short = frames()["shortfall"].assign(n_below=[3, 30, 3], share_below=[0.06, 0.75, 1.0])
    fig = narrative.gaps_key_figures(**frames(shortfall=short))
    row = fig["shortfall"].set_index("competency_id").loc["M.01"]
    assert pd.isna(row["share_below"]) and pd.isna(row["n_below"]) and row["n_assessed"] == 50
    assert row["mean_gap"] == -0.1 and row["suppressed_reason"] == "small"
    assert "6,0%" not in narrative.gaps_shortfall_markdown(fig, "id")
    needs = fig["needs"].set_index("item_id")
    # 2% of 41 respondents is 1 person
    assert pd.isna(needs.loc["arsip_x", "share_priority"])
    assert needs.loc["arsip_x", "mean_need"] == -0.1
    assert needs.loc["pelayanan_pengaduan", "share_priority"] == 0.45
    text = narrative.gaps_needs_markdown({**fig, "needs": fig["needs"].iloc[2:]}, "en")
    assert "**Arsip x** (mean -0.1)" in text


# ---------------------------------------------------------------------------
# The needs and plan report.
# ---------------------------------------------------------------------------
def _profiles() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "cluster": [0, 1, 2],
            "name": ["Integritas + Kerja Sama #0", "Integritas + Kerja Sama #1", "Orientasi"],
            "top_competencies": [["M.01", "M.02"], ["M.01", "M.02"], ["M.03"]],
            "n": [40, 57, 3],
            "share": [0.4, 0.57, 0.03],
            "total_need": [3.5, 1.0, 6.0],
        }
    )


def _plan_figures(**overrides) -> dict:
    long = pd.DataFrame(
        {
            "cluster": [0, 1, 2],
            "competency_id": ["M.01"] * 3,
            "n_assessed": [40, 57, 3],
            "mean_shortfall": [1.5, 0.5, 2.0],
            "share_short": [0.8, 0.3, 1.0],
        }
    )
    kwargs = {
        "region": {"region_id": "ambon", "name": "Kota Ambon", "level": "kota"},
        "n_employees": 120,
        "n_unassessed": 20,
        "fill": {"strategy": "zero", "n_cells_filled": 31, "n_rows_dropped": 0},
        "profiles": _profiles(),
        "profile_long": long,
        "stability": {"ari_mean": 0.91, "ari_sd": 0.05, "n_boot": 10},
        "compliance": pd.DataFrame(
            {
                "unit": ["Dinas A", "Dinas B", "Dinas C"],
                "n_staff": [60, 57, 3],
                "n_under": [30, 2, 1],
                "share_under": [0.5, 2 / 57, 1 / 3],
                "mean_jp": [18.0, 30.0, 10.0],
            }
        ),
        "compliance_total": pd.DataFrame(
            {"n_staff": [120], "n_under": [33], "share_under": [0.275], "mean_jp": [22.0]}
        ),
        "year": 2025,
        "mentoring": pd.DataFrame(
            {
                "n_staff": [120],
                "n_mentees_needing": [50],
                "n_shortfalls": [80],
                "n_paired": [3],
                "share_paired": [3 / 80],
                "n_mentees": [3],
                "n_mentors": [2],
                "n_same_unit": [1],
            }
        ),
        "budget": 500_000_000,
    }
    kwargs.update(overrides)
    return narrative.needs_plan_key_figures(**kwargs)


def test_rupiah_text_and_budget_levels():
    assert narrative.rupiah_text(500_000_000) == "Rp500 juta"
    assert narrative.rupiah_text(2_500_000, "en") == "Rp2.5 million"
    assert narrative.rupiah_text(1_000_000_000) == "Rp1 miliar"
    assert narrative.budget_levels(0) == [0.0]
    assert narrative.budget_levels(5e8) == [i * 1e8 for i in range(6)]
    levels = narrative.budget_levels(3e9)
    assert len(levels) == 11 and levels[-1] == 3e9


def test_needs_plan_key_figures_hide_small_clusters_with_a_complement():
    figures = _plan_figures()
    clusters = figures["clusters"]
    assert clusters["cluster_number"].tolist() == [1, 2, 3]
    assert clusters["suppressed_reason"].tolist() == ["complementary", pd.NA, "small"]
    assert clusters["n"].isna().tolist() == [True, False, True]
    small = clusters.iloc[2]
    assert small["cluster_name"] == labels.label("text.np_cluster_hidden", "id")
    assert small["top_competencies"] == [] and pd.isna(small["total_need"])
    # a complementary cluster keeps its profile (a mean over 40 people), not its size
    assert clusters.iloc[0]["total_need"] == 3.5
    # names lose the 0-based "#<cluster>" suffix: the number is in its own column
    assert clusters["cluster_name"].tolist()[:2] == ["Integritas + Kerja Sama"] * 2
    long = figures["cluster_long"]
    assert long["mean_shortfall"].isna().tolist() == [False, False, True]
    assert "share_short" not in long
    assert figures["n_clusters_small"] == 1 and figures["n_clustered"] == 100


def test_needs_plan_key_figures_mask_small_counts_of_people():
    figures = _plan_figures()
    units = figures["jp_units"].set_index("unit")
    assert units.loc["Dinas C", "suppressed_reason"] == "small"
    assert pd.isna(units.loc["Dinas C", "n_staff"]) and pd.isna(units.loc["Dinas C", "mean_jp"])
    assert pd.isna(units.loc["Dinas B", "n_under"]) and pd.isna(units.loc["Dinas B", "share_under"])
    assert units.loc["Dinas A", "n_under"] == 30
    assert figures["jp_n_under"] == 33 and figures["jp_share_under"] == 0.275
    assert figures["mentor_n_paired"] is None and figures["mentor_n_mentors"] is None
    assert figures["mentor_share_paired"] is None and figures["mentor_n_shortfalls"] == 80
    payload = reporting.summary_payload(narrative.needs_plan_summary(figures), "needs_plan")
    json.dumps(payload, allow_nan=False)
    assert payload["figures"]["clusters"][2]["n"] is None
    assert payload["figures"]["programmes"] is None


def test_needs_plan_sentences_write_small_counts_as_below_threshold():
    figures = _plan_figures()
    summary = narrative.needs_plan_summary_markdown(figures, "id")
    assert "**120 ASN**" in summary and "**3 kelompok kebutuhan**" in summary
    assert "(20)" in summary and "31 nilai" in summary
    clusters = narrative.needs_plan_clusters_markdown(figures, "id")
    assert "**0,91**" in clusters and "kelompoknya stabil" in clusters
    assert "**klaster 2**" in clusters  # the largest need among the groups shown in full
    assert "1 kelompok berisi kurang dari 5 pegawai" in clusters
    mentoring = narrative.needs_plan_mentoring_markdown(figures, "en")
    assert "**< 5 staff**" in mentoring and "**< 5 of 80**" in mentoring
    assert "(hidden)" in mentoring
    jp = narrative.needs_plan_jp_markdown(figures, "id")
    assert "**33 dari 120 ASN** (27,5%)" in jp
    assert "tertinggi" not in jp  # one unit shown in full: no "highest" to name


def test_needs_plan_sentences_without_groups_or_plan():
    figures = _plan_figures(profiles=None, profile_long=None, stability=None, year=None)
    assert "Belum cukup pegawai" in narrative.needs_plan_summary_markdown(figures, "id")
    assert "Too few staff" in narrative.needs_plan_clusters_markdown(figures, "en")
    assert labels.label("text.np_jp_none", "id") in narrative.needs_plan_jp_markdown(figures, "id")
    for section in (
        narrative.needs_plan_programmes_markdown,
        narrative.needs_plan_budget_markdown,
        narrative.needs_plan_curve_markdown,
        narrative.needs_plan_modality_markdown,
    ):
        text = section(figures, "en")
        assert text.startswith("## ") and "None" not in text and "nan" not in text
