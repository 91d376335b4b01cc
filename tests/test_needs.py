"""Hennessy-Hicks training needs: need per response, quadrants, ranked items with a t interval."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kompetensi_toolkit import needs
from kompetensi_toolkit.exceptions import DataValidationError, MissingColumnError, ParameterError


# ---------------------------------------------------------------------------
# Per response.
# ---------------------------------------------------------------------------
def test_item_needs_hand_values():
    tna = pd.DataFrame(
        {
            "employee_id": ["a", "b", "c"],
            "item_id": ["sop"] * 3,
            "importance": pd.array([7, 2, 6], dtype="Int64"),
            "performance": pd.array([1, 7, pd.NA], dtype="Int64"),
        },
        index=[10, 11, 12],
    )
    before = tna.copy()
    out = needs.item_needs(tna)
    # 7 - 1 = 6, 2 - 7 = -5, missing performance -> no need
    assert out["need"].tolist()[:2] == [6.0, -5.0] and math.isnan(out["need"].iloc[2])
    assert out["quadrant"].astype("string").fillna("-").tolist() == [
        "priority", "low_priority", "-",
    ]  # fmt: skip
    assert out.columns.tolist() == [*tna.columns, "need", "quadrant"]
    assert out.index.tolist() == [0, 1, 2]
    pd.testing.assert_frame_equal(tna, before)


def test_quadrant_boundaries_are_inclusive():
    # importance 5 is high, 4 is not; performance 4 is low, 5 is not (defaults 5 and 4)
    tna = pd.DataFrame({"importance": [5, 5, 4, 4], "performance": [4, 5, 4, 5]})
    out = needs.item_needs(tna)
    assert out["quadrant"].tolist() == ["priority", "maintain", "develop", "low_priority"]
    assert list(out["quadrant"].cat.categories) == list(needs.QUADRANTS)


def test_quadrant_thresholds_are_parameters():
    tna = pd.DataFrame({"importance": [6, 6, 7], "performance": [3, 2, 3]})
    out = needs.item_needs(tna, high_importance=7, low_performance=2)
    assert out["quadrant"].tolist() == ["low_priority", "develop", "maintain"]


@pytest.mark.parametrize("bad", [0, 8, 4.5 + 3, "5", None, True])
def test_threshold_wording_is_pinned(bad):
    with pytest.raises(ParameterError) as err:
        needs.item_needs(pd.DataFrame({"importance": [5], "performance": [4]}),
                         high_importance=bad)  # fmt: skip
    assert str(err.value) == (
        f"The 'high_importance' parameter of item_needs must be a number in 1..7. Got {bad!r} "
        "instead."
    )


def test_ratings_outside_the_scale_are_refused():
    with pytest.raises(DataValidationError, match=r"outside the 1\.\.7 scale.*8"):
        needs.item_needs(pd.DataFrame({"importance": [8, 3], "performance": [4, 0]}))


def test_item_needs_names_missing_columns():
    with pytest.raises(MissingColumnError, match=r"'kepentingan' \(set with importance=\)"):
        needs.item_needs(pd.DataFrame({"performance": [1]}), importance="kepentingan")


# ---------------------------------------------------------------------------
# The t quantile.
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("df", "confidence", "expected"),
    [
        # published two-sided critical values (any t table)
        (1, 0.95, 12.7062), (2, 0.95, 4.3027), (3, 0.95, 3.1824), (5, 0.95, 2.5706),
        (10, 0.95, 2.2281), (30, 0.95, 2.0423), (100, 0.95, 1.9840), (101, 0.95, 1.9837),
        (120, 0.95, 1.9799), (9, 0.99, 3.2498), (5, 0.90, 2.0150), (60, 0.99, 2.6603),
        (10**7, 0.95, 1.9600),
    ],
)  # fmt: skip
def test_t_critical_matches_tables(df, confidence, expected):
    assert float(needs.t_critical(df, confidence)) == pytest.approx(expected, abs=5e-5)


def test_t_critical_undefined_below_one_df():
    assert np.isnan(needs.t_critical([0, -1, np.nan])).all()


def test_t_critical_equals_scipy_stats_t_ppf_without_importing_scipy_stats():
    import subprocess
    import sys

    from scipy.stats import t

    df = np.r_[np.nan, -1, 0, 0.5, np.arange(1, 3000), 1e6, np.inf]
    for confidence in (0.5, 0.9, 0.95, 0.99, 0.999):
        expected = t.ppf(0.5 + confidence / 2, np.where(df >= 1, df, np.nan))
        assert np.array_equal(needs.t_critical(df, confidence), expected, equal_nan=True)
    assert needs.t_critical([[3, 4]]).shape == (1, 2)
    # scipy.stats takes about a second to import: t_critical does not need it.
    code = (
        "import sys; from kompetensi_toolkit import needs; needs.t_critical([4, 9]); "
        "print('scipy.stats' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_confidence_wording_is_pinned():
    with pytest.raises(ParameterError) as err:
        needs.rank_items(pd.DataFrame({"item_id": [], "importance": [], "performance": []}),
                         by=None, confidence=95)  # fmt: skip
    assert str(err.value) == (
        "The 'confidence' parameter of rank_items must be a number between 0 and 1 "
        "(exclusive), e.g. 0.95. Got 95 instead."
    )


# ---------------------------------------------------------------------------
# Ranked items.
# ---------------------------------------------------------------------------
@pytest.fixture
def survey():
    tna = pd.DataFrame(
        {
            "employee_id": ["a", "b", "c", "d", "a", "b", "c", "d", "x"],
            "item_id": ["sop"] * 4 + ["arsip"] * 4 + ["sop"],
            "importance": [6, 5, 7, 4, 3, 6, 5, None, 7],
            "performance": [3, 4, 5, 2, 3, 5, 5, 2, 1],
        }
    )
    staff = pd.DataFrame(
        {"employee_id": ["a", "b", "c", "d"], "region_id": ["ambon"] * 4,
         "unit": ["Dinas A", "Dinas A", "Dinas B", "Dinas B"]}
    )  # fmt: skip
    return tna, staff


def test_rank_items_hand_computed_interval(survey):
    tna, staff = survey
    before_tna, before_staff = tna.copy(), staff.copy()
    out = needs.rank_items(tna, employees=staff)
    pd.testing.assert_frame_equal(tna, before_tna)
    pd.testing.assert_frame_equal(staff, before_staff)
    ambon = out[out["region_id"] == "ambon"].set_index("item_id")
    # sop (ambon: a, b, c, d): needs 6-3=3, 5-4=1, 7-5=2, 4-2=2 -> n 4, mean 2,
    # sd = sqrt((1 + 1 + 0 + 0) / 3) = 0.816497, se = sd / 2 = 0.408248,
    # t(0.975, 3) = 3.182446 -> half width 3.182446 * 0.408248 = 1.299228
    # -> CI 0.700772 .. 3.299228.
    sop = ambon.loc["sop"]
    assert sop["n"] == 4
    assert sop["mean_importance"] == pytest.approx(5.5)
    assert sop["mean_performance"] == pytest.approx(3.5)
    assert sop["mean_need"] == pytest.approx(2.0)
    assert sop["sd_need"] == pytest.approx(math.sqrt(2 / 3))
    assert sop["ci_low"] == pytest.approx(0.700772, abs=1e-6)
    assert sop["ci_high"] == pytest.approx(3.299228, abs=1e-6)
    # priority: a (6, 3), b (5, 4) yes; c (7, 5) performance too high; d (4, 2) importance low
    assert sop["share_priority"] == pytest.approx(0.5)
    # arsip: d has no importance -> left out; needs 0, 1, 0 -> mean 1/3
    arsip = ambon.loc["arsip"]
    assert arsip["n"] == 3
    assert arsip["mean_need"] == pytest.approx(1 / 3)
    assert arsip["share_priority"] == 0.0
    assert ambon["rank"].to_dict() == {"sop": 1, "arsip": 2}
    assert out.columns.tolist() == [
        "region_id", "item_id", "n", "mean_importance", "mean_performance", "mean_need",
        "sd_need", "ci_low", "ci_high", "share_priority", "rank",
    ]  # fmt: skip


def test_respondents_not_in_employees_form_a_missing_group(survey):
    tna, staff = survey
    out = needs.rank_items(tna, employees=staff)
    orphan = out[out["region_id"].isna()]
    assert orphan["item_id"].tolist() == ["sop"]
    assert orphan["n"].tolist() == [1]
    assert orphan[["sd_need", "ci_low", "ci_high"]].isna().all(axis=None)  # n = 1: no interval
    assert int(out["n"].sum()) == 8  # 9 responses, one without importance


def test_rank_items_groups_from_tna_or_employees(survey):
    tna, staff = survey
    by_unit = needs.rank_items(tna, by="unit", employees=staff)
    assert set(by_unit["unit"].dropna()) == {"Dinas A", "Dinas B"}
    # group column already in tna: employees not needed
    with_region = tna.assign(region_id="ambon")
    direct = needs.rank_items(with_region)
    assert direct["n"].tolist() == [5, 3]
    everybody = needs.rank_items(tna, by=None)
    assert everybody.columns[0] == "item_id"
    assert everybody.set_index("item_id")["n"].to_dict() == {"sop": 5, "arsip": 3}


def test_rank_items_needs_employees_for_a_missing_group_column(survey):
    tna, _ = survey
    with pytest.raises(MissingColumnError, match=r"'region_id' \(set with by=\).*employees="):
        needs.rank_items(tna)


def test_rank_items_refuses_duplicate_employees(survey):
    tna, staff = survey
    with pytest.raises(DataValidationError, match=r"more than once.*'a'"):
        needs.rank_items(tna, employees=pd.concat([staff, staff.iloc[[0]]]))


def test_rank_ties_share_the_best_rank():
    tna = pd.DataFrame(
        {"item_id": ["p", "q", "r", "p", "q", "r"], "importance": [6, 5, 7, 6, 5, 7],
         "performance": [4, 3, 1, 4, 3, 1]}
    )  # fmt: skip
    out = needs.rank_items(tna, by=None)
    assert out["item_id"].tolist() == ["r", "p", "q"]
    assert out["rank"].tolist() == [1, 2, 2]
    assert out["sd_need"].tolist() == [0.0, 0.0, 0.0]
    assert out["ci_low"].tolist() == out["mean_need"].tolist()


def test_on_a_loaded_sample_region(sample_dir):
    from kompetensi_toolkit.loaders import load_dataset

    ds = load_dataset(sample_dir, region="ambon")
    tna, staff = ds.tna_survey, ds.employees
    before = tna.copy()
    responses = needs.item_needs(tna)
    assert len(responses) == len(tna)
    assert responses["need"].between(-6, 6).all()
    ranked = needs.rank_items(tna, employees=staff)
    pd.testing.assert_frame_equal(tna, before)
    assert (ranked["region_id"] == "ambon").all()
    n_items = tna["item_id"].nunique()
    assert len(ranked) == n_items
    assert sorted(ranked["rank"]) == sorted(ranked["mean_need"].rank(method="min", ascending=False))
    assert int(ranked["n"].sum()) == int(responses["need"].notna().sum())
    assert (ranked["ci_low"] <= ranked["mean_need"]).all()
    assert (ranked["mean_need"] <= ranked["ci_high"]).all()
    assert ranked["share_priority"].between(0, 1).all()
    assert ranked["mean_need"].is_monotonic_decreasing
