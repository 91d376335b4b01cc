"""Competency gaps and Job Person Match, against hand-worked numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kompetensi_toolkit import gaps
from kompetensi_toolkit.exceptions import MissingColumnError, ParameterError

COMPETENCIES = pd.DataFrame(
    {
        "competency_id": ["M.01", "M.02", "M.03", "T.01"],
        "category": ["manajerial", "manajerial", "manajerial", "teknis"],
        "name_id": ["Integritas", "Kerjasama", "Komunikasi", "Literasi Digital"],
        "name_en": ["Integrity", "Teamwork", "Communication", "Digital literacy"],
    }
)


def standards(rows: dict[str, list[float]], weights: dict[str, list[float]] | None = None):
    """Standards frame from {position: [required per competency of COMPETENCIES]}."""
    out = []
    for pos, levels in rows.items():
        for i, (cid, req) in enumerate(zip(COMPETENCIES["competency_id"], levels, strict=False)):
            if req is not None:
                w = weights[pos][i] if weights else 1.0
                out.append((pos, cid, req, w))
    return pd.DataFrame(out, columns=["position_type", "competency_id", "required_level", "weight"])


def assessments(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["employee_id", "competency_id", "level", "assessed_on"][: len(rows[0])]
    )
    if "assessed_on" in frame:
        frame["assessed_on"] = pd.to_datetime(frame["assessed_on"])
    return frame


def staff(*pairs: tuple[str, str], unit: str = "U1") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "employee_id": [p[0] for p in pairs],
            "position_type": [p[1] for p in pairs],
            "unit": unit,
            "region_id": "ambon",
        }
    )


# --- JPM, hand-worked ---------------------------------------------------------------


def test_sum_ratio_is_achieved_over_required():
    # required 4, 4, 4; achieved 3, 3.5, 4 → 10.5 / 12 = 87.5 % → Cukup Optimal, IKK 12.5
    emp = staff(("a", "jpt_pratama"))
    std = standards({"jpt_pratama": [4, 4, 4]})
    ass = assessments([("a", "M.01", 3), ("a", "M.02", 3.5), ("a", "M.03", 4)])
    row = gaps.job_person_match(emp, ass, std, COMPETENCIES).iloc[0]
    assert row["jpm"] == pytest.approx(87.5)
    assert row["category"] == "Cukup Optimal"
    assert row["ikk"] == pytest.approx(12.5)
    assert (row["n_required"], row["n_assessed"]) == (3, 3)


def test_mean_ratio_differs_from_sum_ratio():
    # required 4 and 2, achieved 2 and 4: Σ 6 / Σ 6 = 100 %; mean(0.5, 2.0) = 125 %
    emp = staff(("a", "x"))
    emp["position_type"] = "administrator"
    std = standards({"administrator": [4, 2]})
    ass = assessments([("a", "M.01", 2), ("a", "M.02", 4)])
    by_sum = gaps.job_person_match(emp, ass, std, COMPETENCIES)
    by_mean = gaps.job_person_match(emp, ass, std, COMPETENCIES, method="mean_ratio")
    assert by_sum["jpm"].iloc[0] == pytest.approx(100.0)
    assert by_mean["jpm"].iloc[0] == pytest.approx(125.0)
    assert bool(by_mean["above_100"].iloc[0]) is True


def test_standard_weights_weigh_both_sums():
    # weights 2 and 1: (2·2 + 1·4) / (2·4 + 1·2) = 8 / 10 = 80 %
    emp = staff(("a", "administrator"))
    std = standards({"administrator": [4, 2]}, weights={"administrator": [2, 1]})
    ass = assessments([("a", "M.01", 2), ("a", "M.02", 4)])
    assert gaps.job_person_match(emp, ass, std, COMPETENCIES)["jpm"].iloc[0] == pytest.approx(80)


def test_cap_clips_but_above_100_still_says_who_exceeds():
    emp = staff(("a", "pengawas"))
    std = standards({"pengawas": [2, 2]})
    ass = assessments([("a", "M.01", 3), ("a", "M.02", 2)])  # 5 / 4 = 125 %
    capped = gaps.job_person_match(emp, ass, std, COMPETENCIES, cap=100)
    assert capped["jpm"].iloc[0] == 100.0 and bool(capped["above_100"].iloc[0])
    with pytest.raises(
        ParameterError,
        match=r"The 'cap' parameter of job_person_match must be "
        r"None or a number > 0\. Got -1 instead\.",
    ):
        gaps.job_person_match(emp, ass, std, COMPETENCIES, cap=-1)


def test_missing_assessments_are_left_out_never_imputed():
    # a: M.01 = 2 of 4, M.02 = 4 of 4, M.03 not assessed → 6 / 8 = 75 %; b: nothing → no JPM
    emp = staff(("a", "jpt_pratama"), ("b", "jpt_pratama"))
    std = standards({"jpt_pratama": [4, 4, 4]})
    ass = assessments([("a", "M.01", 2), ("a", "M.02", 4)])
    jpm = gaps.job_person_match(emp, ass, std, COMPETENCIES)
    assert jpm["jpm"].iloc[0] == pytest.approx(75.0) and jpm["n_assessed"].iloc[0] == 2
    assert np.isnan(jpm["jpm"].iloc[1]) and pd.isna(jpm["category"].iloc[1])
    g = gaps.competency_gaps(emp, ass, std, COMPETENCIES)
    missing = gaps.missing_assessments(g).iloc[0]
    assert missing[
        ["n_employees", "n_unassessed_employees", "n_required", "n_missing"]
    ].tolist() == [2, 1, 6, 4]
    assert missing["share_missing"] == pytest.approx(4 / 6)


def test_latest_assessment_counts():
    # M.01 assessed in 2023 (4), 2025 (2) and undated (5): the 2025 one counts.
    # M.02 twice on the same day: the later row counts.
    emp = staff(("a", "pengawas"))
    std = standards({"pengawas": [2, 2]})
    ass = assessments(
        [
            ("a", "M.01", 4, "2023-05-01"),
            ("a", "M.01", 2, "2025-05-01"),
            ("a", "M.01", 5, None),
            ("a", "M.02", 1, "2024-01-01"),
            ("a", "M.02", 3, "2024-01-01"),
        ]
    )
    g = gaps.competency_gaps(emp, ass, std, COMPETENCIES)
    assert g.set_index("competency_id")["level"].to_dict() == {"M.01": 2.0, "M.02": 3.0}


def test_functional_posts_weigh_technical_and_managerial():
    # JF ahli muda (w = 0.5): managerial 3/4 → 75 %, technical 2/2 → 100 %: 0.5·100 + 0.5·75 = 87.5
    # Without the weighting the plain JPM is (3 + 2) / (4 + 2) = 83.3 %.
    emp = staff(("a", "fungsional_ahli_muda"))
    std = standards({"fungsional_ahli_muda": [2, 2, None, 2]})
    ass = assessments([("a", "M.01", 1.5), ("a", "M.02", 1.5), ("a", "T.01", 2)])
    row = gaps.job_person_match(emp, ass, std, COMPETENCIES).iloc[0]
    assert row["jpm_managerial"] == pytest.approx(75.0)
    assert row["jpm_technical"] == pytest.approx(100.0)
    assert row["jpm"] == pytest.approx(87.5)
    plain = gaps.job_person_match(emp, ass, std, COMPETENCIES, technical_weights={})
    assert plain["jpm"].iloc[0] == pytest.approx(500 / 6)


# --- categories ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, purpose, expected",
    [
        (90.00, "mapping", "Optimal"),
        (89.99, "mapping", "Cukup Optimal"),
        (78.00, "mapping", "Cukup Optimal"),
        (77.99, "mapping", "Kurang Optimal"),
        (80, "selection", "Memenuhi Syarat"),
        (79.99, "selection", "Masih Memenuhi Syarat"),
        (68, "selection", "Masih Memenuhi Syarat"),
        (67.99, "selection", "Kurang Memenuhi Syarat"),
    ],
)
def test_category_boundaries_are_exact(value, purpose, expected):
    assert gaps.jpm_category(value, purpose) == expected
    assert list(gaps.jpm_category(pd.Series([value]), purpose)) == [expected]


def test_exactly_90_in_arithmetic_is_optimal_despite_floating_point():
    # weights 0.1 and 0.3: (0.1·4.5 + 0.3·1.5) / (0.1·4 + 0.3·2) = 0.9 / 1.0 = 90 % exactly,
    # but 89.99999999999999 in floating point.
    emp = staff(("a", "administrator"))
    std = standards({"administrator": [4, 2]}, weights={"administrator": [0.1, 0.3]})
    ass = assessments([("a", "M.01", 4.5), ("a", "M.02", 1.5)])
    row = gaps.job_person_match(emp, ass, std, COMPETENCIES).iloc[0]
    assert row["jpm"] < 90  # the floating-point value the category must see through
    assert row["category"] == "Optimal"


def test_category_of_missing_is_missing_and_purpose_is_checked():
    assert gaps.jpm_category(float("nan")) is None
    with pytest.raises(
        ParameterError,
        match=r"The 'purpose' parameter of jpm_category must be "
        r"one of 'mapping', 'selection'\. Got 'pemetaan'",
    ):
        gaps.jpm_category(90, purpose="pemetaan")


def test_bkn_2020_reference_shares():
    # 227 JPT Pratama: 78 Kurang Optimal, 120 Cukup Optimal, 29 Optimal → 34.36, 52.86, 12.78 %
    rng = np.random.default_rng(0)
    values = np.concatenate(
        [rng.uniform(50, 77.99, 78), rng.uniform(78, 89.99, 120), rng.uniform(90, 110, 29)]
    )
    dist = gaps.category_distribution(pd.DataFrame({"category": gaps.jpm_category(values)}))
    shares = dict(zip(dist["category"], (dist["share"] * 100).round(2), strict=True))
    assert shares == {"Kurang Optimal": 34.36, "Cukup Optimal": 52.86, "Optimal": 12.78}
    assert sum(shares.values()) == pytest.approx(100, abs=0.01)
    assert dist["n_group"].unique().tolist() == [227]


def test_category_distribution_by_unit_keeps_every_category():
    jpm = pd.DataFrame({"unit": ["A", "A", "B"], "category": gaps.jpm_category([95, 70, 80])})
    dist = gaps.category_distribution(jpm, by="unit")
    assert len(dist) == 6
    b = dist[dist["unit"] == "B"].set_index("category")["n"].to_dict()
    assert b == {"Kurang Optimal": 0, "Cukup Optimal": 1, "Optimal": 0}


# --- gap maps ------------------------------------------------------------------------


@pytest.fixture
def two_units():
    emp = pd.concat(
        [
            staff(("a", "pengawas"), ("b", "pengawas"), unit="U1"),
            staff(("c", "pengawas"), unit="U2"),
        ],
        ignore_index=True,
    )
    std = standards({"pengawas": [2, 2]})
    ass = assessments(
        [("a", "M.01", 1), ("a", "M.02", 2), ("b", "M.01", 3), ("b", "M.02", 1.5), ("c", "M.01", 2)]
    )
    return emp, ass, std


def test_shortfall_and_gap_map(two_units):
    emp, ass, std = two_units
    g = gaps.competency_gaps(emp, ass, std, COMPETENCIES)
    # M.01: gaps −1, +1, 0 → 1 of 3 below, mean gap 0, mean level 2; M.02: 0, −0.5 (c missing)
    short = gaps.shortfall_by_competency(g, COMPETENCIES).set_index("competency_id")
    assert short.loc["M.01", ["n_assessed", "n_below"]].tolist() == [3, 1]
    assert short.loc["M.01", "share_below"] == pytest.approx(1 / 3)
    assert short.loc["M.01", ["mean_gap", "mean_level", "mean_required"]].tolist() == [0, 2, 2]
    assert short.loc["M.02", "mean_gap"] == pytest.approx(-0.25)
    assert short.loc["M.02", "name_en"] == "Teamwork"
    heat = gaps.gap_map(g, by="unit").set_index(["unit", "competency_id"])
    assert heat.loc[("U1", "M.01"), ["n", "mean_gap", "share_below"]].tolist() == [2, 0.0, 0.5]
    assert heat.loc[("U2", "M.01"), "n"] == 1 and ("U2", "M.02") not in heat.index


def test_performance_link_groups_by_predikat(two_units):
    emp, ass, std = two_units
    emp = emp.assign(performance=["kurang", "baik", "baik"])
    link = gaps.performance_link(gaps.competency_gaps(emp, ass, std, COMPETENCIES))
    m01 = link[link["competency_id"] == "M.01"].set_index("performance")["mean_gap"]
    assert m01.to_dict() == {"baik": 0.5, "kurang": -1.0}


# --- readiness -------------------------------------------------------------------------


def test_readiness_against_the_next_position():
    # a pelaksana at 2, 2 → pengawas standard 2, 2 → 100 % → ready
    # b pengawas at 2, 2 → administrator standard 3, 3 → 66.7 % → not ready
    # c jpt_utama: no next position → not listed
    emp = staff(("a", "pelaksana"), ("b", "pengawas"), ("c", "jpt_utama"))
    std = standards(
        {"pelaksana": [1, 1], "pengawas": [2, 2], "administrator": [3, 3], "jpt_utama": [5, 5]}
    )
    ass = assessments([(e, c, 2) for e in "abc" for c in ("M.01", "M.02")])
    ready = gaps.target_readiness(emp, ass, std, COMPETENCIES).set_index("employee_id")
    assert list(ready.index) == ["a", "b"]
    assert ready.loc["a", "target_position"] == "pengawas" and bool(ready.loc["a", "ready"])
    assert ready.loc["b", "jpm_target"] == pytest.approx(200 / 3)
    assert ready.loc["b", "category_target"] == "Kurang Memenuhi Syarat"
    assert not ready.loc["b", "ready"]
    overall = gaps.readiness_pool(ready.reset_index(), by=None)
    assert overall[["n_candidates", "n_ready", "share_ready"]].values.tolist() == [[2, 1, 0.5]]
    pool = gaps.readiness_pool(ready.reset_index())
    assert pool[["unit", "n_candidates", "n_ready", "share_ready"]].values.tolist() == [
        ["U1", 2, 1, 0.5]
    ]


# --- contract of the functions ---------------------------------------------------------


def test_inputs_are_never_changed(two_units):
    emp, ass, std = two_units
    copies = [f.copy(deep=True) for f in (emp, ass, std, COMPETENCIES)]
    g = gaps.competency_gaps(emp, ass, std, COMPETENCIES)
    g_copy = g.copy(deep=True)
    jpm = gaps.job_person_match(emp, ass, std, COMPETENCIES)
    jpm_copy = jpm.copy(deep=True)
    gaps.shortfall_by_competency(g, COMPETENCIES)
    gaps.gap_map(g)
    gaps.missing_assessments(g)
    gaps.category_distribution(jpm, by="unit")
    r = gaps.target_readiness(emp, ass, std, COMPETENCIES)
    r_copy = r.copy(deep=True)
    gaps.readiness_pool(r)
    for before, after in zip(copies, (emp, ass, std, COMPETENCIES), strict=True):
        pd.testing.assert_frame_equal(before, after)
    pd.testing.assert_frame_equal(g, g_copy)
    pd.testing.assert_frame_equal(jpm, jpm_copy)
    pd.testing.assert_frame_equal(r, r_copy)


def test_missing_column_names_the_keyword():
    with pytest.raises(MissingColumnError, match=r"gap_map needs the column\(s\) 'unit'"):
        gaps.gap_map(pd.DataFrame({"competency_id": [], "assessed": [], "gap": [], "below": []}))


def naive_jpm(employees, assessments, standards) -> pd.Series:
    """The textbook per-employee computation, for checking the vectorised one."""
    latest = assessments.sort_values("assessed_on", kind="stable").drop_duplicates(
        ["employee_id", "competency_id"], keep="last"
    )
    merged = latest.merge(employees, on="employee_id").merge(
        standards, on=["position_type", "competency_id"]
    )

    def one(person):
        return 100 * person["level"].sum() / person["required_level"].sum()

    return merged.groupby("employee_id").apply(one, include_groups=False)


def test_vectorised_jpm_equals_the_textbook_computation():
    rng = np.random.default_rng(42)
    n = 400
    positions = np.array(["jpt_pratama", "administrator", "pengawas", "pelaksana"])
    emp = pd.DataFrame(
        {"employee_id": [f"e{i}" for i in range(n)], "position_type": rng.choice(positions, n)}
    )
    std = standards({p: [lv] * 3 for p, lv in zip(positions, [4, 3, 2, 1], strict=True)})
    rows = [
        (f"e{i}", c, rng.integers(2, 11) / 2, f"202{rng.integers(3, 6)}-0{rng.integers(1, 9)}-01")
        for i in range(n)
        for c in ("M.01", "M.02", "M.03")
        for _ in range(rng.integers(0, 3))
    ]
    ass = assessments(rows)
    fast = gaps.job_person_match(emp, ass, std, COMPETENCIES).set_index("employee_id")["jpm"]
    slow = naive_jpm(emp, ass, std)
    assert fast.notna().sum() == len(slow) > 300
    np.testing.assert_allclose(fast[slow.index].to_numpy(), slow.to_numpy())


def test_categorical_ids_give_the_same_result():
    # National data come with dictionary-encoded (categorical) ids: same answer, faster path.
    emp = staff(("a", "pengawas"), ("b", "pengawas"))
    std = standards({"pengawas": [2, 2]})
    ass = assessments([("a", "M.01", 1), ("b", "M.01", 2), ("b", "M.02", 3)])
    plain = gaps.job_person_match(emp, ass, std, COMPETENCIES)
    cat = ass.assign(
        employee_id=ass["employee_id"].astype("category"),
        competency_id=ass["competency_id"].astype("category"),
    )
    pd.testing.assert_frame_equal(gaps.job_person_match(emp, cat, std, COMPETENCIES), plain)


def test_on_a_sample_region(sample_dir):
    from kompetensi_toolkit.loaders import load_dataset

    ds = load_dataset(sample_dir, region="ambon")
    jpm = gaps.job_person_match(ds.employees, ds.assessments, ds.standards, ds.competencies)
    assert len(jpm) == len(ds.employees)
    assessed = jpm["n_assessed"] > 0
    assert jpm.loc[assessed, "jpm"].notna().all() and jpm.loc[~assessed, "jpm"].isna().all()
    g = gaps.competency_gaps(ds.employees, ds.assessments, ds.standards, ds.competencies)
    assert g["assessed"].sum() == jpm["n_assessed"].sum()
    dist = gaps.category_distribution(jpm)
    assert dist["n"].sum() == assessed.sum()
