"""The overview's analysis functions, small-cell suppression, labels and charts.

Every expected value below is worked out by hand from the frames written here.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from kompetensi_toolkit import config, labels, overview, plotting, privacy
from kompetensi_toolkit.exceptions import DataValidationError, MissingColumnError, ParameterError
from kompetensi_toolkit.schema import ENUMS

plt.switch_backend("Agg")


@pytest.fixture
def staff() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "employee_id": [f"e{i}" for i in range(1, 11)],
            "unit": ["Dinas A"] * 6 + ["Dinas B"] * 3 + ["Dinas C"],
            "position_type": pd.Categorical(
                [
                    "pelaksana", "pelaksana", "pelaksana", "pengawas", "jpt_pratama",
                    "fungsional_ahli_muda", "fungsional_ahli_pertama", "fungsional_mahir",
                    "pelaksana", "administrator",
                ],
                categories=ENUMS["position_type"].values,
            ),
            "employment_status": ["pns"] * 7 + ["pppk"] * 2 + [None],
        }
    )  # fmt: skip


@pytest.fixture
def results() -> pd.DataFrame:
    # e1 twice in M.01 (counts once); e2 in M.01 and M.02; e9 in M.02; "x" is not staff.
    return pd.DataFrame(
        {
            "employee_id": ["e1", "e1", "e2", "e2", "e9", "x"],
            "competency_id": ["M.01", "M.01", "M.01", "M.02", "M.02", "M.03"],
            "level": [2.0, 3.0, 2.5, 1.0, 4.0, 3.0],
        }
    )


# ---------------------------------------------------------------------------
# Headcounts.
# ---------------------------------------------------------------------------
def test_headcount_by_unit_counts_and_orders(staff):
    before = staff.copy()
    out = overview.headcount_by_unit(staff)
    assert out["unit"].tolist() == ["Dinas A", "Dinas B", "Dinas C"]
    assert out["n"].tolist() == [6, 3, 1]
    assert out["share"].tolist() == pytest.approx([0.6, 0.3, 0.1])
    assert list(out.columns) == ["unit", "n", "share"]
    pd.testing.assert_frame_equal(staff, before)


def test_headcount_by_unit_ties_sorted_by_name():
    out = overview.headcount_by_unit(pd.DataFrame({"unit": ["Z", "A", "Z", "A", "M"]}))
    assert out["unit"].tolist() == ["A", "Z", "M"]


def test_headcount_by_unit_names_missing_column():
    with pytest.raises(MissingColumnError, match=r"'satker' \(set with unit=\)"):
        overview.headcount_by_unit(pd.DataFrame({"unit": ["A"]}), unit="satker")


def test_headcount_by_position_type(staff):
    before = staff.copy()
    out = overview.headcount_by_position_type(staff)
    assert out["position_type"].astype(str).tolist() == [
        "jpt_pratama", "administrator", "pengawas", "pelaksana",
        "fungsional_ahli_muda", "fungsional_ahli_pertama", "fungsional_mahir",
    ]  # fmt: skip
    assert out["n"].tolist() == [1, 1, 1, 4, 1, 1, 1]
    assert out["position_group"].astype(str).tolist() == [
        "jpt", "administrator", "pengawas", "pelaksana",
        "fungsional_ahli", "fungsional_ahli", "fungsional_keterampilan",
    ]  # fmt: skip
    assert out["share"].sum() == pytest.approx(1.0)
    assert out.loc[out["position_type"] == "pelaksana", "share"].item() == pytest.approx(0.4)
    pd.testing.assert_frame_equal(staff, before)


def test_headcount_by_position_type_include_empty_lists_all_types(staff):
    out = overview.headcount_by_position_type(staff, include_empty=True)
    assert out["position_type"].astype(str).tolist() == list(ENUMS["position_type"].values)
    assert int(out["n"].sum()) == 10
    assert (out["n"] == 0).sum() == 14 - 7


def test_headcount_by_position_type_accepts_plain_text():
    frame = pd.DataFrame({"jenis": ["pelaksana", "fungsional_pemula", "pelaksana"]})
    out = overview.headcount_by_position_type(frame, position_type="jenis")
    assert out["n"].tolist() == [2, 1]


def test_headcount_by_position_type_rejects_unknown_values():
    with pytest.raises(DataValidationError, match=r"unknown position type.*'direktur'"):
        overview.headcount_by_position_type(pd.DataFrame({"position_type": ["direktur"]}))


def test_headcount_by_position_group(staff):
    out = overview.headcount_by_position_group(staff)
    assert out["position_group"].astype(str).tolist() == list(overview.POSITION_GROUPS)
    assert out["n"].tolist() == [1, 1, 1, 4, 2, 1]
    assert out["share"].tolist() == pytest.approx([0.1, 0.1, 0.1, 0.4, 0.2, 0.1])
    compact = overview.headcount_by_position_group(staff.iloc[:4], include_empty=False)
    assert compact["position_group"].astype(str).tolist() == ["pengawas", "pelaksana"]


def test_every_position_type_has_a_group():
    assert set(overview.POSITION_GROUP_OF) == set(ENUMS["position_type"].values)
    assert set(overview.POSITION_GROUP_OF.values()) == set(overview.POSITION_GROUPS)


# ---------------------------------------------------------------------------
# Assessment coverage.
# ---------------------------------------------------------------------------
def test_staff_coverage(staff, results):
    before_staff, before_results = staff.copy(), results.copy()
    out = overview.staff_coverage(staff, results)
    # Assessed staff: e1, e2, e9 (x is not staff) -> 3 of 10.
    assert out.to_dict("records") == [{"n_staff": 10, "n_assessed": 3, "share_assessed": 0.3}]
    by_unit = overview.staff_coverage(staff, results, by="unit").set_index("unit")
    assert by_unit.loc["Dinas A", "n_assessed"] == 2  # e1, e2
    assert by_unit.loc["Dinas B", "share_assessed"] == pytest.approx(1 / 3)  # e9
    assert by_unit.loc["Dinas C", "n_assessed"] == 0
    pd.testing.assert_frame_equal(staff, before_staff)
    pd.testing.assert_frame_equal(results, before_results)


def test_assessment_coverage_per_competency(staff, results):
    out = overview.assessment_coverage(staff, results)
    assert out["competency_id"].tolist() == ["M.01", "M.02"]  # M.03 only for a non-member
    assert out["n_assessed"].tolist() == [2, 2]  # M.01: e1 (twice), e2; M.02: e2, e9
    assert out["n_staff"].tolist() == [10, 10]
    assert out["share_assessed"].tolist() == pytest.approx([0.2, 0.2])


def test_assessment_coverage_with_dictionary_lists_every_competency(staff, results):
    dictionary = pd.DataFrame(
        {
            "competency_id": ["M.02", "M.01", "SK.01"],
            "category": ["manajerial", "manajerial", "sosial_kultural"],
            "name_id": ["Kerjasama", "Integritas", "Perekat Bangsa"],
            "name_en": ["Teamwork", "Integrity", "Nation unifier"],
        }
    )
    before = dictionary.copy()
    out = overview.assessment_coverage(staff, results, dictionary)
    assert list(out.columns) == [
        "competency_id", "name_id", "name_en", "category", "n_assessed", "n_staff",
        "share_assessed",
    ]  # fmt: skip
    assert out["competency_id"].tolist() == ["M.02", "M.01", "SK.01"]
    assert out["n_assessed"].tolist() == [2, 2, 0]
    assert out["share_assessed"].tolist() == pytest.approx([0.2, 0.2, 0.0])
    pd.testing.assert_frame_equal(dictionary, before)


def test_key_figures_on_tiny_dataset(tiny_dir):
    from kompetensi_toolkit.loaders import load_dataset

    ds = load_dataset(tiny_dir, region="ambon")
    fig = overview.key_figures(ds)
    # Ambon: 3 staff (Dinas Kesehatan x2, BKPSDM), all PNS; 2 of them assessed in M.01/M.02.
    assert fig["region_id"] == "ambon"
    assert fig["region_name"] == "Kota Ambon"
    assert fig["level"] == "kota"
    assert fig["province"] == "Maluku"
    assert fig["headcount"] == 3
    assert fig["units"] == 2
    assert (fig["n_pns"], fig["n_pppk"], fig["n_status_unknown"]) == (3, 0, 0)
    assert fig["share_pns"] == 1.0
    assert fig["n_assessed"] == 2
    assert fig["share_assessed"] == pytest.approx(2 / 3)
    assert fig["n_competencies_assessed"] == 2
    # One each of pengawas, pelaksana, fungsional_ahli: the tie goes to the first group.
    assert fig["largest_position_group"] == "pengawas"
    assert fig["largest_position_group_share"] == pytest.approx(1 / 3)
    assert fig["data_hash"] == ds.data_hash


def test_summary_never_writes_small_counts():
    fig = {
        "region_name": "Kecamatan <b>Plaju</b>", "headcount": 40, "units": 3,
        "n_pns": 37, "n_pppk": 3, "n_status_unknown": 2, "share_pns": 0.925,
        "share_pppk": 0.075, "n_assessed": 4, "share_assessed": 0.1,
        "n_competencies_assessed": 2, "largest_position_group": "pelaksana",
        "largest_position_group_share": 0.5,
    }  # fmt: skip
    text = overview.summary_markdown(fig, "id", min_group_size=5)
    assert "7,5%" not in text and "**3**" not in text
    assert "pegawai PPPK berjumlah kurang dari 5 orang" in text
    assert "Status kepegawaian < 5 pegawai tidak tercatat" in text
    assert "Kurang dari 5 pegawai yang sudah pernah mengikuti asesmen" in text
    assert "&lt;b&gt;Plaju&lt;/b&gt;" in text and "<b>" not in text
    english = overview.summary_markdown(fig, "en", min_group_size=3)
    assert "**7.5%** are PPPK" in english
    assert "**10.0%** of staff (4 people)" in english


# ---------------------------------------------------------------------------
# Small-cell suppression.
# ---------------------------------------------------------------------------
def test_suppress_small_counts_masks_below_threshold():
    counts = pd.DataFrame(
        {
            "unit": list("ABCDEF"),
            "n": [1, 4, 5, 12, 0, 2],
            "share": [0.04, 0.17, 0.21, 0.5, 0, 0.08],
        }
    )
    before = counts.copy()
    out = privacy.suppress_small_counts(counts, min_group_size=5)
    assert out["n"].isna().tolist() == [True, True, False, False, False, True]
    assert out["share"].isna().tolist() == [True, True, False, False, False, True]
    assert out["suppressed"].tolist() == [True, True, False, False, False, True]
    assert privacy.suppression_counts(out) == {"small": 3, "complementary": 0, "total": 3}
    assert out.loc[2, "n"] == 5 and out.loc[4, "n"] == 0  # the threshold itself and 0 are shown
    pd.testing.assert_frame_equal(counts, before)


def test_single_masked_cell_gets_a_complement():
    counts = pd.DataFrame({"unit": list("ABCD"), "n": [40, 3, 12, 9]})
    out = privacy.suppress_small_counts(counts)
    assert out["suppressed_reason"].tolist() == [pd.NA, "small", pd.NA, "complementary"]
    assert privacy.suppression_counts(out) == {"small": 1, "complementary": 1, "total": 2}
    plain = privacy.suppress_small_counts(counts, complementary=False)
    assert plain["suppressed"].sum() == 1


def test_complement_within_groups():
    table = pd.DataFrame(
        {"g": ["x", "x", "x", "y", "y"], "n": [2, 30, 8, 10, 20], "share": [0.1] * 5}
    )
    out = privacy.suppress_small_counts(table, by="g")
    # In x: 2 is small, 8 is the smallest other cell; y has nothing small.
    assert out["suppressed"].tolist() == [True, False, True, False, False]


def test_suppress_small_counts_keeps_index_and_order():
    counts = pd.DataFrame({"n": [3, 50, 7]}, index=[10, 10, 11])
    out = privacy.suppress_small_counts(counts)
    assert out.index.tolist() == [10, 10, 11]
    assert out["suppressed"].tolist() == [True, False, True]


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "5", None])
def test_min_group_size_must_be_a_positive_int(bad):
    with pytest.raises(ParameterError) as err:
        privacy.suppress_small_counts(pd.DataFrame({"n": [1]}), min_group_size=bad)
    assert str(err.value) == (
        "The 'min_group_size' parameter of suppress_small_counts must be a positive whole "
        f"number (1 or more). Got {bad!r} instead."
    )


def test_suppression_threshold_one_hides_nothing():
    out = privacy.suppress_small_counts(pd.DataFrame({"n": [1, 2]}), min_group_size=1)
    assert not out["suppressed"].any()


def test_suppress_names_missing_count_column():
    with pytest.raises(MissingColumnError, match="count column 'count'"):
        privacy.suppress_small_counts(pd.DataFrame({"n": [1]}), count_col="count")


def test_suppress_linked_hides_detail_of_hidden_groups():
    groups = privacy.suppress_small_counts(pd.DataFrame({"g": ["x", "y", "z"], "n": [3, 9, 40]}))
    detail = privacy.suppress_small_counts(
        pd.DataFrame({"g": ["x", "y", "y", "z"], "n": [3, 6, 3, 40]}), by="g"
    )
    out = privacy.suppress_linked(detail, groups, on="g")
    assert out["suppressed"].tolist() == [True, True, True, False]


def test_suppression_note_says_how_many_and_why():
    out = privacy.suppress_small_counts(pd.DataFrame({"n": [1, 2, 30, 40]}))
    note = privacy.suppression_note(out, "id", 5)
    assert note.startswith("2 angka disembunyikan (ditulis “< 5”)")
    assert "kurang dari 5 orang" in note
    clean = privacy.suppress_small_counts(pd.DataFrame({"n": [10, 20]}))
    assert "Tidak ada angka yang disembunyikan" in privacy.suppression_note(clean, "id", 5)


# ---------------------------------------------------------------------------
# Labels.
# ---------------------------------------------------------------------------
def test_both_languages_cover_every_key():
    assert set(labels.TRANSLATIONS) == set(config.LANGUAGES)
    keys = {lang: set(table) for lang, table in labels.TRANSLATIONS.items()}
    assert keys["id"] == keys["en"], keys["id"] ^ keys["en"]
    for lang, table in labels.TRANSLATIONS.items():
        empty = [k for k, v in table.items() if not v.strip()]
        assert not empty, (lang, empty)


@pytest.mark.parametrize("lang", config.LANGUAGES)
def test_every_enum_value_has_a_label(lang):
    for name, enum in ENUMS.items():
        for value in enum.values:
            assert labels.enum_label(name, value, lang), (name, value, lang)
    for group in overview.POSITION_GROUPS:
        assert labels.enum_label("position_group", group, lang)


def test_templates_have_the_same_fields_in_both_languages():
    import string

    def fields(template: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(template) if f}

    for key, template in labels.TRANSLATIONS["id"].items():
        assert fields(template) == fields(labels.TRANSLATIONS["en"][key]), key


def test_enum_labels_examples():
    assert labels.enum_label("position_type", "fungsional_ahli_muda", "id") == "JF Ahli Muda"
    assert (
        labels.enum_label("position_type", "fungsional_ahli_muda", "en")
        == "Functional, Expert (Junior)"
    )
    assert labels.enum_label("region_level", "kota", "id") == "Kota"
    assert labels.enum_label("region_level", "kota", "en") == "City"


@pytest.mark.parametrize(
    "call",
    [
        lambda: labels.label("col.unit", "fr"),
        lambda: labels.text("title.overview", "fr", region="x"),
        lambda: labels.enum_label("sex", "l", "fr"),
        lambda: labels.format_number(1, "fr"),
    ],
)
def test_unknown_language_wording(call):
    with pytest.raises(ParameterError, match=r"must be one of 'id', 'en'\. Got 'fr' instead\.$"):
        call()


def test_check_lang_wording_pinned():
    with pytest.raises(ParameterError) as err:
        labels.check_lang("fr", "label")
    assert (
        str(err.value)
        == "The 'lang' parameter of label must be one of 'id', 'en'. Got 'fr' instead."
    )


def test_unknown_key_and_value_are_errors():
    with pytest.raises(ParameterError, match=r"'col\.nope'"):
        labels.label("col.nope")
    with pytest.raises(ParameterError, match=r"'position_type' enumeration\. Got 'direktur'"):
        labels.enum_label("position_type", "direktur")


def test_numbers_in_each_language():
    assert labels.format_number(1234567) == "1.234.567"
    assert labels.format_number(1234567, "en") == "1,234,567"
    assert labels.format_percent(0.0751) == "7,5%"
    assert labels.format_percent(0.0751, "en") == "7.5%"
    assert labels.format_number(float("nan"), "en") == "unknown"


def test_md_escape_neutralises_markup():
    assert labels.md_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert labels.md_escape("a*b*_c_ [x](y) $1$") == r"a\*b\*\_c\_ \[x\](y) \$1\$"


# ---------------------------------------------------------------------------
# Charts and tables.
# ---------------------------------------------------------------------------
def test_position_group_chart_labels_and_masking(staff):
    groups = privacy.suppress_small_counts(overview.headcount_by_position_group(staff))
    before = groups.copy()
    ax = plotting.headcount_by_position_group(groups, "id")
    try:
        assert ax.get_title(loc="left") == "Jumlah pegawai per kelompok jabatan"
        assert ax.get_xlabel() == "Jumlah pegawai"
        ticks = [t.get_text() for t in ax.get_yticklabels()]
        assert ticks == [labels.enum_label("position_group", g) for g in overview.POSITION_GROUPS]
        # Every group has 1..4 people except none: all masked, and no digit 1–4 is written.
        texts = [t.get_text() for t in ax.texts]
        assert texts == ["< 5"] * 6
        pd.testing.assert_frame_equal(groups, before)
    finally:
        plt.close(ax.figure)


def test_chart_draws_on_given_axes_in_english():
    fig, given = plt.subplots()
    try:
        cov = pd.DataFrame(
            {"competency_id": ["M.01"], "name_id": ["Integritas"], "name_en": ["Integrity"],
             "share_assessed": [0.5]}
        )  # fmt: skip
        ax = plotting.assessment_coverage(cov, "en", ax=given)
        assert ax is given
        assert [t.get_text() for t in ax.get_yticklabels()] == ["Integrity"]
        assert ax.get_title(loc="left") == "Assessment coverage by competency"
    finally:
        plt.close(fig)


def test_table_translates_and_escapes():
    frame = privacy.suppress_small_counts(
        pd.DataFrame({"unit": ["<b>Dinas</b>", "Dinas B", "Dinas C"], "n": [1500, 2, 30],
                      "share": [0.98, 0.001, 0.019]})
    )  # fmt: skip
    table = plotting.table(frame, "en")
    page = table._repr_html_()
    assert "&lt;b&gt;Dinas&lt;/b&gt;" in page and "<b>" not in page
    assert "<th" in page and "Work unit" in page and "Number of staff" in page
    assert "1,500" in page and "98.0%" in page
    assert "&lt; 5" in page and "hidden" in page  # the small cell and its complement
    assert "suppressed" not in page
    assert table.frame.columns.tolist() == ["Work unit", "Number of staff", "Share"]
