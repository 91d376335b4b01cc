"""kompetensi_toolkit.executive on hand-made summary documents, with hand-worked expectations."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from kompetensi_toolkit import executive, labels, reporting
from kompetensi_toolkit.exceptions import ParameterError


def _effect(rank, p_holm, before, after, suppressed=False):
    return {
        "program_id": f"PRG-{rank or 'x'}",
        "n_pairs": None if suppressed else 12,
        "mean_before": before,
        "mean_after": after,
        "g_av": None,
        "p_holm": p_holm,
        "rank": rank,
        "enough": rank is not None,
        "suppressed": suppressed,
        "suppressed_reason": "small" if suppressed else None,
    }


def _gap(cid, name_id, name_en, share):
    return {"competency_id": cid, "name_id": name_id, "name_en": name_en, "share_below": share}


REGION = {
    "region_id": "contoh",
    "region_name": "Kota Contoh",
    "level": "kota",
    "province": "Maluku",
}

#: Every template, every rule firing: the cap of five keeps the first five rules.
FULL = {
    "region_id": "contoh",
    "generated": "2026-01-02T03:04:05+00:00",
    "templates": {
        "overview": {**REGION, "headcount": 1200, "units": 12, "share_assessed": 0.75},
        "gaps": {
            **REGION,
            "min_group_size": 5,
            "jpm_categories": [
                {"category": "Kurang Optimal", "n": 180, "share": 0.15, "suppressed_reason": None},
                {"category": "Cukup Optimal", "n": 300, "share": 0.25, "suppressed_reason": None},
                {"category": "Optimal", "n": 720, "share": 0.6, "suppressed_reason": None},
            ],
            "biggest_gaps": [
                _gap("T.01", "Literasi Digital", "Digital literacy", 0.42),
                _gap("M.07", "Mengelola Perubahan", "Managing change", 0.31),
                _gap("M.06", "Pengembangan Diri", "Developing self", 0.2),
            ],
        },
        "outcomes": {
            **REGION,
            "year": 2025,
            "share_meeting_20jp": 0.62,
            # learning: 4 ranked, 2 clear gains (rank 3 fell clearly, rank 4 not clear): 2/4
            "learning": [
                _effect(1, 0.001, 50.0, 70.0),
                _effect(2, 0.01, 52.0, 60.0),
                _effect(3, 0.01, 60.0, 55.0),
                _effect(4, 0.2, 50.0, 51.0),
                _effect(None, None, None, None, suppressed=True),
            ],
            # behaviour: 3 ranked, 1 clear gain: 1/3
            "behaviour": [
                _effect(1, 0.001, 3.0, 3.5),
                _effect(2, 0.3, 3.0, 3.1),
                _effect(3, 0.04, 3.2, 3.2),
            ],
            "ikm_latest": 74.2,
            "ikm_latest_grade": "C",
            "ikm_latest_period": "2025",
            "ikm_previous": 76.0,
            "ikm_previous_period": "2024",
        },
        "feedback": {
            **REGION,
            "overall_score": 68.4,
            "overall_band": "cukup",
            "worst_dimension": "metode",
            "worst_score": 61.25,
            "dimensions": [{"dimension": "metode", "band": "cukup"}],
            "n_low_alpha": 2,
            "n_alpha": 5,
        },
    },
}

#: Two templates only; the 20 JP figure comes from needs_plan; only "missing" fires.
PARTIAL = {
    "region_id": "contoh",
    "templates": {
        "gaps": {
            **REGION,
            "jpm_categories": [
                {"category": "Optimal", "n": 190, "share": 0.95, "suppressed_reason": None},
                {"category": "Kurang Optimal", "n": 10, "share": 0.05, "suppressed_reason": None},
            ],
            "shortfall": [
                _gap("M.01", "Integritas", "Integrity", 0.08),
                _gap("M.02", "Kerjasama", "Teamwork", 0.12),
            ],
        },
        "needs_plan": {**REGION, "jp_year": 2024, "jp_share_under": 0.2},
    },
}

#: A small kecamatan: nearly everything masked (None), as the templates publish it.
MASKED = {
    "region_id": "kecil",
    "templates": {
        "overview": {
            "region_name": "Kecamatan Kecil",
            "level": "kecamatan",
            "headcount": 40,
            "units": None,
            "share_assessed": None,
        },
        "gaps": {
            "min_group_size": 5,
            "jpm_categories": [
                {
                    "category": "Kurang Optimal",
                    "n": None,
                    "share": None,
                    "suppressed_reason": "small",
                },
                {
                    "category": "Cukup Optimal",
                    "n": None,
                    "share": None,
                    "suppressed_reason": "small",
                },
                {"category": "Optimal", "n": 30, "share": 0.857143, "suppressed_reason": None},
            ],
            "biggest_gaps": [
                {**_gap("T.01", "Literasi Digital", "Digital literacy", None), "n_below": None}
            ],
        },
        "outcomes": {
            "year": 2025,
            "share_meeting_20jp": None,
            "learning": [_effect(None, None, None, None, suppressed=True)],
            "behaviour": None,
            "ikm_latest": None,
        },
        "feedback": {"overall_score": None, "overall_band": None, "n_low_alpha": 0, "n_alpha": 0},
    },
}

EMPTY = {"region_id": "kosong", "generated": None, "templates": {}}
DOCUMENTS = {"full": FULL, "partial": PARTIAL, "masked": MASKED, "empty": EMPTY}


def _texts(document, lang="id"):
    return {n["key"]: n["text"] for n in executive.key_numbers(document, lang)}


# ---------------------------------------------------------------------------
# Key numbers.
# ---------------------------------------------------------------------------
def test_full_document_gives_all_eight_numbers_in_order_with_their_sentences():
    numbers = executive.key_numbers(FULL, "id")
    assert [n["key"] for n in numbers] == list(executive.NUMBERS)
    values = {n["key"]: n["value"] for n in numbers}
    assert values["headcount"] == 1200 and values["coverage"] == 0.75
    assert values["jpm"] == {"Optimal": 0.6, "Cukup Optimal": 0.25, "Kurang Optimal": 0.15}
    assert values["gap"] == 0.42
    assert values["jp"] == pytest.approx(0.38)
    assert values["effects"] == {
        "learning": {"n_clear": 2, "n_ranked": 4},
        "behaviour": {"n_clear": 1, "n_ranked": 3},
    }
    assert values["ikm"] == 74.2 and values["feedback"] == 68.4
    texts = _texts(FULL)
    assert (
        texts["headcount"] == "Kota Contoh memiliki **1.200** ASN yang tersebar di 12 unit kerja."
    )
    assert texts["coverage"] == "**75,0%** pegawai sudah mengikuti asesmen kompetensi."
    assert texts["jpm"] == (
        "Kesesuaian kompetensi pegawai dengan jabatannya (JPM): **60,0%** Optimal, "
        "**25,0%** Cukup Optimal dan **15,0%** Kurang Optimal."
    )
    assert texts["gap"] == (
        "Kesenjangan kompetensi terbesar ada pada **Literasi Digital**: **42,0%** pegawai yang "
        "diases masih di bawah standar jabatannya. Berikutnya: Mengelola Perubahan (31,0%) dan "
        "Pengembangan Diri (20,0%)."
    )
    assert texts["jp"] == (
        "**38,0%** pegawai belum memenuhi 20 JP (jam pelajaran) pengembangan kompetensi pada "
        "tahun 2025."
    )
    assert texts["effects"] == (
        "Program yang menunjukkan peningkatan yang jelas: **2** dari 4 program pada hasil "
        "belajar (level 2) dan **1** dari 3 program pada perilaku kerja (level 3)."
    )
    assert texts["ikm"] == (
        "Indeks Kepuasan Masyarakat (IKM) pada tahun 2025: **74,2**, mutu pelayanan C (Kurang "
        "Baik). Turun 1,8 poin dari 2024."
    )
    assert texts["feedback"] == "Penilaian peserta terhadap pelatihan: **68,4** dari 100 (cukup)."
    assert executive.missing_numbers(FULL) == []


def test_full_document_in_english():
    texts = _texts(FULL, "en")
    assert texts["headcount"] == "Kota Contoh has **1,200** civil servants in 12 work units."
    assert texts["jp"] == (
        "**38.0%** of staff did not reach 20 hours (JP) of competency development in 2025."
    )
    assert texts["jpm"] == (
        "Job-person match (JPM) of staff: **60.0%** Optimal, **25.0%** Fairly optimal and "
        "**15.0%** Below optimal."
    )
    assert "**Digital literacy**" in texts["gap"] and "Managing change (31.0%)" in texts["gap"]
    assert texts["ikm"] == (
        "Community satisfaction index (IKM) in 2025: **74.2**, service grade C (Poor). "
        "Down 1.8 points from 2024."
    )
    assert texts["feedback"] == "Participants' rating of the training: **68.4** out of 100 (fair)."
    for text in texts.values():
        for indonesian in ("pegawai", "dari 100", "pada tahun", " dan "):
            assert indonesian not in text


def test_jpm_labels_follow_the_translation_table():
    text = _texts(FULL, "en")["jpm"]
    for category in ("Optimal", "Cukup Optimal", "Kurang Optimal"):
        assert labels.enum_label("jpm_category", category, "en") in text


def test_partial_document_leaves_numbers_out_and_takes_20jp_from_needs_plan():
    numbers = executive.key_numbers(PARTIAL, "id")
    assert [n["key"] for n in numbers] == ["jpm", "gap", "jp"]
    texts = _texts(PARTIAL)
    # shortfall (no biggest_gaps): sorted by share below, largest first
    assert texts["gap"].startswith(
        "Kesenjangan kompetensi terbesar ada pada **Kerjasama**: **12,0%**"
    )
    assert "Berikutnya: Integritas (8,0%)." in texts["gap"]
    assert texts["jp"].startswith("**20,0%** pegawai") and texts["jp"].endswith("pada tahun 2024.")
    assert texts["jpm"] == (
        "Kesesuaian kompetensi pegawai dengan jabatannya (JPM): **95,0%** Optimal dan **5,0%** "
        "Kurang Optimal."
    )
    assert executive.missing_numbers(PARTIAL) == [
        "headcount",
        "coverage",
        "effects",
        "ikm",
        "feedback",
    ]


def test_outcomes_20jp_wins_over_needs_plan():
    doc = copy.deepcopy(PARTIAL)
    doc["templates"]["outcomes"] = {"year": 2025, "share_meeting_20jp": 0.5}
    assert next(n for n in executive.key_numbers(doc) if n["key"] == "jp")["value"] == 0.5


def test_masked_values_are_left_out_never_written_as_numbers():
    numbers = executive.key_numbers(MASKED, "id")
    assert [n["key"] for n in numbers] == ["headcount", "jpm"]
    texts = _texts(MASKED)
    assert texts["headcount"] == "Kecamatan Kecil memiliki **40** ASN."  # units masked
    assert texts["jpm"] == (
        "Kesesuaian kompetensi pegawai dengan jabatannya (JPM): **85,7%** Optimal. Kategori "
        "lainnya disembunyikan karena berisi kurang dari 5 orang."
    )
    assert executive.missing_numbers(MASKED) == [
        "coverage",
        "gap",
        "jp",
        "effects",
        "ikm",
        "feedback",
    ]
    markdown = executive.summary_markdown(MASKED, "id")
    assert "None" not in markdown and "nan" not in markdown
    assert markdown.endswith(
        "*Angka berikut belum tersedia untuk wilayah ini: cakupan asesmen, kesenjangan kompetensi "
        "terbesar, capaian 20 JP, efek program pelatihan, IKM dan penilaian peserta pelatihan.*"
    )


@pytest.mark.parametrize("document", [EMPTY, {"templates": {}}, {}], ids=["empty", "bare", "none"])
def test_empty_document_has_no_numbers(document):
    assert executive.key_numbers(document, "en") == []
    markdown = executive.summary_markdown(document, "id")
    assert markdown == (
        "## Angka kunci\n\nBelum ada angka kunci untuk wilayah ini karena laporan rincinya belum "
        "tersedia."
    )


# ---------------------------------------------------------------------------
# Recommendations.
# ---------------------------------------------------------------------------
def test_full_document_keeps_the_first_five_rules_that_fire():
    assert executive.recommendation_rules(FULL) == ["jp", "gap", "jpm", "ikm_grade", "ikm_fall"]
    recs = executive.recommendations(FULL, "id")
    assert recs[0] == (
        "**38,0%** pegawai belum memenuhi 20 JP pada tahun 2025: prioritaskan mereka dalam "
        "rencana pelatihan berikutnya dan pantau capaian JP setiap unit kerja."
    )
    assert recs[1].startswith("**42,0%** pegawai yang diases berada di bawah standar **Literasi")
    assert recs[2].startswith("**15,0%** pegawai berada pada kategori JPM Kurang Optimal:")
    assert recs[3].startswith("IKM pada tahun 2025 hanya **74,2** (mutu C (Kurang Baik)):")
    assert recs[4].startswith("IKM turun **1,8** poin dari 2024 ke 2025:")


def test_later_rules_fire_when_the_first_ones_do_not():
    doc = copy.deepcopy(FULL)
    t = doc["templates"]
    t["outcomes"].update(share_meeting_20jp=0.9, ikm_latest_grade="B", ikm_latest=80.0)
    t["gaps"]["biggest_gaps"] = [_gap("T.01", "Literasi Digital", "Digital literacy", 0.2)]
    t["gaps"]["jpm_categories"][0]["share"] = 0.09
    # jp 10% < 30%, gap 20% < 25%, jpm 9% < 10%, grade B, IKM rose 4 points
    assert executive.recommendation_rules(doc) == [
        "effects", "feedback", "reliability", "coverage",
    ]  # fmt: skip
    recs = executive.recommendations(doc, "en")
    assert recs[0] == (
        "Only **1** of 3 programmes show a clear gain in on-the-job behaviour (level 3): review "
        "the content and methods of the others before funding them again."
    )
    assert recs[1] == (
        "Participants rated Method lowest, **61.2** out of 100 (fair): agree on improvements with "
        "the training providers."
    )
    assert recs[2] == (
        "The feedback questionnaire is not reliable enough (α below 0.7 in **2** of 5 aspects): "
        "review its questions before the next survey."
    )
    assert recs[3].startswith("Only **75.0%** of staff have had a competency assessment:")


def test_fewer_than_three_rules_are_filled_with_the_general_ones_in_order():
    assert executive.recommendation_rules(PARTIAL) == ["missing", "general_plan", "general_units"]
    recs = executive.recommendations(PARTIAL, "id")
    assert recs[0] == (
        "Sebagian angka kunci belum tersedia (jumlah ASN, cakupan asesmen, efek program "
        "pelatihan, IKM dan penilaian peserta pelatihan): lengkapi datanya agar ringkasan "
        "berikutnya utuh."
    )
    assert recs[1:] == [
        labels.label("text.ex_rec_general_plan", "id"),
        labels.label("text.ex_rec_general_units", "id"),
    ]


def test_nothing_fires_gives_the_three_general_ones():
    doc = {"templates": {"overview": {"headcount": 100, "units": 3, "share_assessed": 0.9}}}
    doc["templates"]["gaps"] = {
        "jpm_categories": [{"category": "Optimal", "share": 1.0}],
        "biggest_gaps": [_gap("M.01", "Integritas", "Integrity", 0.1)],
    }
    doc["templates"]["outcomes"] = {
        "year": 2025,
        "share_meeting_20jp": 0.9,
        "learning": [_effect(1, 0.01, 1.0, 2.0)],
        "ikm_latest": 90.0,
        "ikm_latest_grade": "A",
    }
    doc["templates"]["feedback"] = {"overall_score": 80.0, "overall_band": "baik"}
    assert executive.missing_numbers(doc) == []
    assert executive.recommendation_rules(doc) == [
        "general_plan", "general_units", "general_repeat",
    ]  # fmt: skip


def test_empty_document_says_so_and_fills_with_general_ones():
    assert executive.recommendation_rules(EMPTY) == ["missing", "general_plan", "general_units"]
    assert executive.recommendations(EMPTY, "en")[0] == (
        "There are no key numbers for this region yet: complete its data and produce its "
        "detailed reports first."
    )


def test_masked_document_fires_only_missing():
    assert executive.recommendation_rules(MASKED) == ["missing", "general_plan", "general_units"]


def test_feedback_rule_compares_the_score_as_written():
    doc = {"templates": {"feedback": {"worst_dimension": "metode", "worst_score": 69.96}}}
    assert "feedback" not in executive.recommendation_rules(doc)  # written "70,0": not below 70
    doc["templates"]["feedback"]["worst_score"] = 69.94
    assert executive.recommendation_rules(doc)[0] == "feedback"
    # without dimensions, the overall score is used
    doc = {"templates": {"feedback": {"overall_score": 55.0, "overall_band": "kurang"}}}
    assert executive.recommendations(doc, "id")[0].startswith(
        "Peserta memberi nilai terendah pada pelatihan secara keseluruhan, yaitu **55,0** dari "
        "100 (kurang):"
    )


def test_effects_rule_names_the_weaker_level_and_ignores_half():
    doc = {"templates": {"outcomes": {
        "learning": [_effect(1, 0.01, 1.0, 2.0)] + [_effect(i, 0.5, 1.0, 1.1) for i in (2, 3, 4)],
        "behaviour": [_effect(1, 0.01, 1.0, 2.0), _effect(2, 0.5, 1.0, 1.1)],
    }}}  # fmt: skip
    # learning 1/4 < 1/2 fires; behaviour 1/2 does not
    assert executive.recommendations(doc, "id")[0] == (
        "Hanya **1** dari 4 program yang menunjukkan peningkatan hasil belajar (level 2) yang "
        "jelas: evaluasi isi dan metode program lainnya sebelum dianggarkan kembali."
    )
    doc["templates"]["outcomes"]["learning"] = doc["templates"]["outcomes"]["behaviour"]
    assert "effects" not in executive.recommendation_rules(doc)


@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_always_three_to_five_and_the_same_rules_in_both_languages(name, lang):
    document = DOCUMENTS[name]
    recs = executive.recommendations(document, lang)
    assert 3 <= len(recs) <= 5
    assert len(recs) == len(executive.recommendation_rules(document))
    assert len(set(recs)) == len(recs)
    markdown = executive.recommendations_markdown(document, lang)
    assert markdown.count("\n1. ") == 1 and f"\n{len(recs)}. " in markdown
    assert f"\n{len(recs) + 1}. " not in markdown


def test_documents_are_not_changed():
    before = json.dumps(FULL, sort_keys=True)
    executive.key_numbers(FULL, "en")
    executive.recommendations(FULL, "id")
    executive.key_figures(FULL, ["overview"])
    assert json.dumps(FULL, sort_keys=True) == before


# ---------------------------------------------------------------------------
# Links, markdown, figures.
# ---------------------------------------------------------------------------
def test_links_only_to_reports_that_exist_in_fixed_order():
    md = executive.links_markdown(["feedback", "overview", "bogus"], "id")
    assert md.startswith("## Laporan rinci\n\n")
    assert re.findall(r"\]\(([^)]+)\)", md) == ["overview.html", "feedback.html"]
    assert md.endswith(
        "*Laporan berikut belum tersedia untuk wilayah ini: kesenjangan kompetensi, kebutuhan "
        "pelatihan dan rencana dan hasil program.*"
    )
    every = executive.links_markdown(executive.REPORTS, "en")
    assert re.findall(r"\]\(([^)]+)\)", every) == [f"{r}.html" for r in executive.REPORTS]
    assert "not available" not in every


def test_links_without_reports_say_why():
    md = executive.links_markdown([], "id", reason="missing")
    assert "](" not in md
    assert labels.label("text.ex_summary_missing", "id") in md
    assert labels.label("text.ex_reports_none", "id") in md
    assert labels.label("text.ex_summary_other_region", "en") in executive.links_markdown(
        [], "en", reason="other_region"
    )


def test_markdown_sections_in_english():
    md = executive.summary_markdown(FULL, "en")
    assert md.startswith("## Key numbers\n\n")
    assert md.count("\n- ") == 8 and "Not available" not in md
    rec = executive.recommendations_markdown(FULL, "en")
    assert rec.startswith("## Recommendations\n\n1. **38.0%** of staff")
    assert "30.0% or more of staff under 20 JP" in rec and "25.0% or more" in rec
    title = executive.title_markdown(FULL, "en")
    assert title == (
        "# Executive summary of civil-service competency development: Kota Contoh\n\n"
        "*City · Maluku Province*"
    )


def test_key_figures_are_publishable_and_name_the_rules():
    figures = executive.key_figures(FULL, ["gaps", "overview"], min_group_size=5)
    assert figures["region_name"] == "Kota Contoh" and figures["region_id"] == "contoh"
    assert figures["n_numbers"] == 8 and figures["missing_numbers"] == []
    assert figures["recommendations"] == ["jp", "gap", "jpm", "ikm_grade", "ikm_fall"]
    assert figures["reports"] == ["overview", "gaps"]
    assert figures["source_templates"] == ["feedback", "gaps", "outcomes", "overview"]
    payload = reporting.summary_payload(executive.summary(figures), "executive_summary")
    assert payload["figures"]["numbers"]["jp"] == pytest.approx(0.38)
    json.dumps(payload, allow_nan=False)
    empty = executive.key_figures(EMPTY, [], reason="missing")
    assert empty["numbers"] == {} and empty["summary_problem"] == "missing"
    assert empty["n_numbers"] == 0 and empty["region_id"] == "kosong"


def test_load_document(tmp_path):
    folder = tmp_path / "contoh"
    folder.mkdir()
    assert executive.load_document(folder, "contoh")[1] == "missing"
    doc = copy.deepcopy(FULL)
    doc["templates"]["executive_summary"] = {"n_numbers": 8}
    (folder / "summary.json").write_text(json.dumps(doc), encoding="utf-8")
    document, problem = executive.load_document(folder, "contoh")
    assert problem is None and "executive_summary" not in document["templates"]
    assert document["templates"]["overview"]["headcount"] == 1200
    assert executive.load_document(folder, "lain") == (
        {"region_id": "lain", "generated": None, "templates": {}},
        "other_region",
    )
    (folder / "summary.json").write_text("{not json", encoding="utf-8")
    assert executive.load_document(folder, "contoh")[1] == "invalid"
    (folder / "gaps.html").write_text("<html></html>", encoding="utf-8")
    (folder / "overview.html").write_text("<html></html>", encoding="utf-8")
    assert executive.available_reports(folder) == ["overview", "gaps"]


def test_bad_parameters_are_named():
    with pytest.raises(ParameterError, match="'lang' parameter of key_numbers"):
        executive.key_numbers(FULL, "fr")
    with pytest.raises(ParameterError, match="'document' parameter of recommendations"):
        executive.recommendations(["not", "a", "document"], "id")
    with pytest.raises(ParameterError, match="'reports' parameter of links_markdown"):
        executive.links_markdown("overview", "id")
    with pytest.raises(ParameterError, match="'reason' parameter of links_markdown"):
        executive.links_markdown([], "id", reason="gone")


def test_every_label_used_exists_in_both_languages():
    source = Path(executive.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'"((?:text|heading|title)\.ex_[a-z_.]+)"', source))
    keys = {k for k in labels.TRANSLATIONS["id"] if ".ex_" in k or k == "title.executive_summary"}
    assert used <= keys
    for lang in ("id", "en"):
        assert keys <= set(labels.TRANSLATIONS[lang])
    for template in ("number", "report", "report_name"):
        for lang in ("id", "en"):
            found = {k for k in labels.TRANSLATIONS[lang] if k.startswith(f"text.ex_{template}.")}
            expected = executive.NUMBERS if template == "number" else executive.REPORTS
            assert found == {f"text.ex_{template}.{k}" for k in expected}
