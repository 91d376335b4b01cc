"""Profile Matching: the gap → weight table, NCF/NSF, total and rank, on a hand-worked case."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kompetensi_toolkit import profile_matching as pm
from kompetensi_toolkit.exceptions import DataValidationError, MissingColumnError, ParameterError


# ---------------------------------------------------------------------------
# The gap table.
# ---------------------------------------------------------------------------
def test_default_table_points():
    gaps = [0, 1, -1, 2, -2, 3, -3, 4, -4]
    assert pm.gap_weight(gaps).tolist() == [5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1]


def test_half_levels_interpolate_and_ends_hold():
    gaps = pd.Series(
        [0.5, -0.5, 1.5, -1.5, -2.5, 3.5, 4.5, 6, -4.5, -9, np.nan], index=list("abcdefghijk")
    )
    out = pm.gap_weight(gaps)
    # 0.5: 5 + 0.5*(4.5-5) = 4.75;  -0.5: 4 + 0.5*(5-4) = 4.5;  1.5: (4.5+3.5)/2 = 4.0;
    # -1.5: (3+4)/2 = 3.5;  -2.5: (2+3)/2 = 2.5;  3.5: (2.5+1.5)/2 = 2.0;
    # beyond +4 -> 1.5, beyond -4 -> 1; NaN stays NaN
    assert out.iloc[:10].tolist() == [4.75, 4.5, 4.0, 3.5, 2.5, 2.0, 1.5, 1.5, 1.0, 1.0]
    assert math.isnan(out.iloc[10])
    assert out.index.tolist() == list("abcdefghijk")


def test_gap_table_is_a_parameter():
    table = {0: 10, 1: 0, -1: 0}
    assert pm.gap_weight([0.5, -0.25, 2, -3], table).tolist() == [5.0, 7.5, 0.0, 0.0]


@pytest.mark.parametrize("bad", [{0: 5}, {}, [0, 5], {0: 5, "x": 4}, {0: 5, 1: math.inf}, None])
def test_bad_tables_are_refused(bad):
    with pytest.raises(ParameterError, match=r"The 'gap_weights' parameter of gap_weight must map"):
        pm.gap_weight([0], bad)


# ---------------------------------------------------------------------------
# The worked example.
# ---------------------------------------------------------------------------
CATEGORY = {
    "M.01": "manajerial", "M.02": "manajerial", "M.03": "manajerial",
    "SK.01": "sosial_kultural", "T.01": "teknis",
}  # fmt: skip


@pytest.fixture
def gaps() -> pd.DataFrame:
    rows = {
        "p": {"M.01": 0, "M.02": -1, "M.03": 0.5, "SK.01": -1.5, "T.01": 2},
        "q": {"M.01": -0.5, "M.02": np.nan, "M.03": 1, "SK.01": 0, "T.01": -5},
        "r": {"M.01": -3, "M.02": -2.5, "M.03": 6, "SK.01": np.nan, "T.01": np.nan},
        "s": {"M.01": np.nan, "M.02": np.nan, "M.03": np.nan, "SK.01": 0, "T.01": np.nan},
    }
    return pd.DataFrame(
        [
            {"employee_id": e, "competency_id": c, "category": CATEGORY[c], "gap": g}
            for e, by_comp in rows.items()
            for c, g in by_comp.items()
        ]
    )


def test_worked_example_by_hand(gaps):
    # Weights (default table; half levels on the line between neighbours):
    # p: M.01 0 -> 5, M.02 -1 -> 4, M.03 +0.5 -> 4.75 | SK.01 -1.5 -> 3.5, T.01 +2 -> 3.5
    #    NCF = (5 + 4 + 4.75) / 3 = 4.583333, NSF = (3.5 + 3.5) / 2 = 3.5
    #    total = 0.6 * 4.583333 + 0.4 * 3.5 = 2.75 + 1.4 = 4.15
    # q: M.01 -0.5 -> 4.5, M.02 not assessed, M.03 +1 -> 4.5 | SK.01 0 -> 5, T.01 -5 -> 1 (end)
    #    NCF = 4.5, NSF = 3, total = 2.7 + 1.2 = 3.9
    # r: M.01 -3 -> 2, M.02 -2.5 -> 2.5, M.03 +6 -> 1.5 (end) | nothing secondary assessed
    #    NCF = 6 / 3 = 2, NSF none -> total = NCF = 2
    # s: no core factor assessed -> no total, no rank (SK.01 0 -> NSF 5)
    before = gaps.copy()
    out = pm.profile_matching(gaps)
    pd.testing.assert_frame_equal(gaps, before)
    assert out.columns.tolist() == [
        "employee_id", "ncf", "nsf", "total", "rank", "n_core", "n_secondary",
    ]  # fmt: skip
    assert out["employee_id"].tolist() == ["p", "q", "r", "s"]
    assert out["ncf"].iloc[:3].tolist() == pytest.approx([13.75 / 3, 4.5, 2.0])
    assert math.isnan(out["ncf"].iloc[3])
    assert out["nsf"].tolist()[:2] == pytest.approx([3.5, 3.0])
    assert math.isnan(out["nsf"].iloc[2]) and out["nsf"].iloc[3] == 5.0
    assert out["total"].iloc[:3].tolist() == pytest.approx([4.15, 3.9, 2.0])
    assert math.isnan(out["total"].iloc[3])
    assert out["rank"].iloc[:3].tolist() == [1, 2, 3]
    assert out["rank"].isna().tolist() == [False, False, False, True]
    assert out["n_core"].tolist() == [3, 2, 3, 0]
    assert out["n_secondary"].tolist() == [2, 2, 0, 1]


def test_core_as_a_list_of_ids(gaps):
    # core = M.01, SK.01 for p: NCF = (5 + 3.5) / 2 = 4.25;
    # secondary M.02 4, M.03 4.75, T.01 3.5 -> NSF = 12.25 / 3 = 4.083333;
    # total = 0.6 * 4.25 + 0.4 * 4.083333 = 2.55 + 1.633333 = 4.183333
    out = pm.profile_matching(gaps.drop(columns="category"), core=["M.01", "SK.01"])
    p = out.set_index("employee_id").loc["p"]
    assert p["ncf"] == pytest.approx(4.25)
    assert p["nsf"] == pytest.approx(12.25 / 3)
    assert p["total"] == pytest.approx(4.183333, abs=1e-6)
    assert (p["n_core"], p["n_secondary"]) == (2, 3)
    one = pm.profile_matching(gaps, core="M.01")  # a single id
    assert one["n_core"].tolist() == [1, 1, 1, 0]


def test_core_weight_is_a_parameter(gaps):
    only_core = pm.profile_matching(gaps, core_weight=1.0)
    assert only_core["total"].iloc[:3].tolist() == pytest.approx([13.75 / 3, 4.5, 2.0])
    only_secondary = pm.profile_matching(gaps, core_weight=0.0)
    # r has no secondary factor: total stays NCF
    assert only_secondary["total"].iloc[:3].tolist() == pytest.approx([3.5, 3.0, 2.0])
    half = pm.profile_matching(gaps, core_weight=0.5)
    assert half["total"].iloc[0] == pytest.approx((13.75 / 3 + 3.5) / 2)


def test_equal_totals_share_the_best_rank():
    gaps = pd.DataFrame(
        {
            "employee_id": ["a", "a", "b", "c"],
            "competency_id": ["M.01", "SK.01", "M.01", "M.01"],
            "category": ["manajerial", "sosial_kultural", "manajerial", "manajerial"],
            # a: 0.6 * 4.5 + 0.4 * 4.5 = 4.5 (floating point: equal to 9 decimals); b: 4.5; c: 5
            "gap": [-0.5, 1, 1, 0],
        }
    )
    out = pm.profile_matching(gaps)
    assert out["rank"].tolist() == [2, 2, 1]


# ---------------------------------------------------------------------------
# Bad input.
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("bad", [1.5, -0.1, "0.6", None, True])
def test_core_weight_wording_is_pinned(gaps, bad):
    with pytest.raises(ParameterError) as err:
        pm.profile_matching(gaps, core_weight=bad)
    assert str(err.value) == (
        f"The 'core_weight' parameter of profile_matching must be a number in 0..1. Got {bad!r} "
        "instead."
    )


def test_duplicate_rows_are_refused(gaps):
    twice = pd.concat([gaps, gaps.iloc[[6]]], ignore_index=True)
    with pytest.raises(DataValidationError, match=r"listed more than once.*'M.02'"):
        pm.profile_matching(twice)


def test_category_needed_only_without_core(gaps):
    with pytest.raises(MissingColumnError, match=r"'category' \(set with category=\)"):
        pm.profile_matching(gaps.drop(columns="category"))
    blank = gaps.assign(category=gaps["category"].where(gaps["competency_id"] != "T.01"))
    with pytest.raises(DataValidationError, match=r"without a category.*'T.01'"):
        pm.profile_matching(blank)


def test_core_must_name_a_competency_present(gaps):
    with pytest.raises(ParameterError, match=r"'core' parameter of profile_matching.*'X.99'"):
        pm.profile_matching(gaps, core=["X.99"])


def test_non_numeric_gap_is_refused(gaps):
    with pytest.raises(DataValidationError, match="gap is not a number"):
        pm.profile_matching(gaps.assign(gap="besar"))


# ---------------------------------------------------------------------------
# A real loaded region.
# ---------------------------------------------------------------------------
def test_on_a_loaded_sample_region(sample_dir):
    from kompetensi_toolkit.loaders import load_dataset

    ds = load_dataset(sample_dir, region="ambon")
    latest = ds.assessments.sort_values("assessed_on").drop_duplicates(
        ["employee_id", "competency_id"], keep="last"
    )[["employee_id", "competency_id", "level"]]
    required = ds.employees[["employee_id", "position_type"]].merge(
        ds.standards[["position_type", "competency_id", "required_level"]], on="position_type"
    )
    frame = required.merge(latest, on=["employee_id", "competency_id"], how="left").merge(
        ds.competencies[["competency_id", "category"]], on="competency_id"
    )
    frame["gap"] = frame["level"] - frame["required_level"].astype("float64")
    before = frame.copy()

    out = pm.profile_matching(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert out["employee_id"].is_unique
    assert len(out) == frame["employee_id"].nunique()
    ranked = out["total"].notna()
    assert ranked.sum() > 0
    assert out.loc[ranked, "total"].between(1, 5).all()
    assert out.loc[ranked, "rank"].min() == 1
    assert out.loc[~ranked, "rank"].isna().all()
    assessed = frame["gap"].notna()
    assert int(out["n_core"].sum() + out["n_secondary"].sum()) == int(assessed.sum())
    # the best total gets rank 1
    assert out.loc[out["rank"] == 1, "total"].iloc[0] == out["total"].max()
