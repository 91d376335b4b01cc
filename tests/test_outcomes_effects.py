"""Kirkpatrick levels 2 and 3: paired tests, effect sizes, gains, intervals, ranks."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

from kompetensi_toolkit.exceptions import MissingColumnError, ParameterError
from kompetensi_toolkit.loaders import load_dataset
from kompetensi_toolkit.outcomes.effects import (
    EFFECT_COLUMNS,
    behaviour_effects,
    learning_effects,
    paired_effects,
)
from kompetensi_toolkit.sample import PROGRAMMES

# Hand-worked group: before 50, 60, 70, 80; after 56, 62, 78, 84.
HAND_BEFORE = [50.0, 60.0, 70.0, 80.0]
HAND_AFTER = [56.0, 62.0, 78.0, 84.0]


def _frame(groups: dict[str, tuple[list[float], list[float]]]) -> pd.DataFrame:
    rows = [
        (g, b, a)
        for g, (before, after) in groups.items()
        for b, a in zip(before, after, strict=True)
    ]
    return pd.DataFrame(rows, columns=["program_id", "pre_test", "post_test"])


def _simulated(effects: dict[str, tuple[int, float]], seed: int = 1) -> pd.DataFrame:
    """Pairs per group: n pairs with a true mean change (sd of the change 8)."""
    rng = np.random.default_rng(seed)
    groups = {}
    for g, (n, shift) in effects.items():
        before = np.clip(np.round(rng.normal(55, 10, n)), 0, 100)
        after = np.clip(np.round(before + rng.normal(shift, 8, n)), 0, 100)
        groups[g] = (list(before), list(after))
    return _frame(groups)


def _effects(frame, **options):
    return paired_effects(frame, "pre_test", "post_test", **options)


# ---------------------------------------------------------------------------
# Values.
# ---------------------------------------------------------------------------
def test_columns_and_order():
    out = _effects(_frame({"P1": (HAND_BEFORE, HAND_AFTER)}), min_pairs=2, n_boot=50)
    assert list(out.columns) == ["program_id", *EFFECT_COLUMNS]
    assert EFFECT_COLUMNS[:5] == ("n_pairs", "mean_before", "mean_after", "mean_diff", "sd_diff")
    assert EFFECT_COLUMNS[-3:] == ("enough", "p_holm", "rank")
    assert out["n_pairs"].dtype == "int64"
    assert out["enough"].dtype == bool
    assert out["rank"].dtype == "Int64"


def test_effect_sizes_by_hand():
    out = _effects(_frame({"P1": (HAND_BEFORE, HAND_AFTER)}), min_pairs=2, n_boot=0).iloc[0]
    # differences 6, 2, 8, 4: mean 5, deviations 1, -3, 3, -1, sum of squares 20.
    sd_diff = math.sqrt(20 / 3)
    assert out["n_pairs"] == 4
    assert out["mean_before"] == 65.0 and out["mean_after"] == 70.0
    assert out["mean_diff"] == pytest.approx(5.0)
    assert out["sd_diff"] == pytest.approx(sd_diff)
    # d_z = 5 / 2.58199 = 1.93649
    assert out["d_z"] == pytest.approx(5 / sd_diff)
    assert out["d_z"] == pytest.approx(1.936492, abs=1e-6)
    # before: deviations ±15, ±5 → SS 500, sd sqrt(500/3) = 12.9099;
    # after: mean 70, deviations -14, -8, 8, 14 → SS 520, sd sqrt(520/3) = 13.1656;
    # d_av = 5 / ((12.9099 + 13.1656) / 2) = 0.383501; J = 1 - 3/(4·3 - 1) = 8/11.
    sd_av = (math.sqrt(500 / 3) + math.sqrt(520 / 3)) / 2
    assert out["g_av"] == pytest.approx(8 / 11 * 5 / sd_av)
    assert out["g_av"] == pytest.approx(0.278910, abs=1e-6)
    # Hake: (70 - 65) / (100 - 65) = 1/7.
    assert out["gain"] == pytest.approx(1 / 7)
    # Intervals skipped with n_boot=0.
    assert out[["d_z_low", "d_z_high", "g_av_low", "gain_high"]].isna().all()


def test_gain_uses_the_scale_ceiling():
    # Ratings on 1..5: before mean 3, after mean 3.5 → (3.5 - 3) / (5 - 3) = 0.25.
    frame = pd.DataFrame({"behaviour_before": [2.0, 3.0, 4.0], "behaviour_after": [2.5, 3.5, 4.5]})
    out = paired_effects(
        frame, "behaviour_before", "behaviour_after", by=None, scale=(1, 5), n_boot=0
    )
    assert out["gain"].iloc[0] == pytest.approx(0.25)
    # Same data on a 0..10 scale: 0.5 / (10 - 3) = 1/14.
    out = paired_effects(
        frame, "behaviour_before", "behaviour_after", by=None, scale=(0, 10), n_boot=0
    )
    assert out["gain"].iloc[0] == pytest.approx(1 / 14)


def test_tests_match_scipy():
    before = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 45.0]
    after = [14.0, 27.0, 29.0, 49.0, 55.0, 71.0, 47.5]  # differences without ties or zeros
    tied_b = [3.0, 3.5, 2.0, 4.0, 2.5, 3.0, 3.0, 2.0]
    tied_a = [3.5, 4.0, 2.0, 4.5, 3.0, 3.2, 2.8, 2.9]  # ties and a zero difference
    out = _effects(_frame({"A": (before, after), "B": (tied_b, tied_a)}), min_pairs=2, n_boot=0)
    row = out.set_index("program_id")
    for g, (b, a), method in (
        ("A", (before, after), "auto"),
        ("B", (tied_b, tied_a), "asymptotic"),
    ):
        t = stats.ttest_rel(a, b)
        assert row.loc[g, "t"] == pytest.approx(t.statistic, rel=1e-12)
        assert row.loc[g, "p_t"] == pytest.approx(t.pvalue, rel=1e-12)
        w = stats.wilcoxon(np.subtract(a, b), method=method)
        assert row.loc[g, "w"] == pytest.approx(w.statistic)
        assert row.loc[g, "p_wilcoxon"] == pytest.approx(w.pvalue, rel=1e-12)
    # Without ties the default (exact) test is used: W = 1 (only the -1 difference is negative).
    assert row.loc["A", "w"] == 1.0
    assert row.loc["A", "p_wilcoxon"] == pytest.approx(
        stats.wilcoxon(np.subtract(after, before)).pvalue
    )
    assert row.loc["A", "t"] > 0  # after − before


def test_wilcoxon_nan_when_all_differences_zero_and_small_groups():
    frame = _frame({"same": ([40.0, 50.0, 60.0], [40.0, 50.0, 60.0]), "one": ([50.0], [60.0])})
    out = _effects(frame, min_pairs=2, n_boot=100).set_index("program_id")
    assert np.isnan(out.loc["same", "w"]) and np.isnan(out.loc["same", "p_wilcoxon"])
    assert out.loc["same", "mean_diff"] == 0.0
    assert np.isnan(out.loc["same", "d_z"])  # all differences equal: d_z undefined
    assert out.loc["same", "g_av"] == 0.0 and out.loc["same", "gain"] == 0.0
    # One pair: a row with its size and means, every statistic NaN.
    one = out.loc["one"]
    assert one["n_pairs"] == 1 and one["mean_diff"] == 10.0
    assert one[["sd_diff", "t", "p_t", "w", "d_z", "g_av", "gain", "gain_low"]].isna().all()


def test_g_av_undefined_with_two_pairs():
    out = _effects(_frame({"P": ([50.0, 60.0], [55.0, 70.0])}), min_pairs=2, n_boot=0).iloc[0]
    assert out["d_z"] == pytest.approx(7.5 / math.sqrt(12.5))  # differences 5, 10
    assert np.isnan(out["g_av"])  # J = 1 - 3/(4·1 - 1) = 0
    assert pd.isna(out["rank"])


# ---------------------------------------------------------------------------
# Intervals.
# ---------------------------------------------------------------------------
def test_intervals_contain_estimate_and_are_reproducible():
    frame = _simulated({"P1": (40, 12.0), "P2": (25, 2.0)})
    first = _effects(frame, seed=7)
    again = _effects(frame, seed=7)
    other = _effects(frame, seed=8)
    pd.testing.assert_frame_equal(first, again)
    for name in ("d_z", "g_av", "gain"):
        low, high = first[f"{name}_low"], first[f"{name}_high"]
        assert (low < first[name]).all() and (first[name] < high).all()
        assert not np.allclose(low, other[f"{name}_low"])
    # The effective group's interval lies above zero; the 95 % interval is wider than the 80 %.
    p1 = first.set_index("program_id").loc["P1"]
    assert p1["g_av_low"] > 0
    narrow = _effects(frame, seed=7, confidence=0.8).set_index("program_id").loc["P1"]
    assert narrow["g_av_high"] - narrow["g_av_low"] < p1["g_av_high"] - p1["g_av_low"]


def test_interval_of_a_group_does_not_depend_on_other_groups():
    frame = _simulated({"P1": (30, 10.0), "P2": (30, 0.0), "P3": (20, 5.0)})
    both = _effects(frame).set_index("program_id")
    alone = _effects(frame[frame["program_id"] == "P2"]).set_index("program_id")
    cols = ["d_z_low", "d_z_high", "g_av_low", "g_av_high", "gain_low", "gain_high"]
    pd.testing.assert_series_equal(both.loc["P2", cols], alone.loc["P2", cols])


def test_degenerate_resamples():
    # 4 pairs: a resample of one pair repeated (SD 0, d_z undefined) has probability
    # 4 · (1/4)^4 = 1.6 %: BCa is NaN, the percentile interval of the defined resamples is used.
    # 3 pairs: 3 · (1/3)^3 = 11 % of the resamples are undefined: no interval.
    frame = pd.DataFrame(
        {
            "program_id": ["four"] * 4 + ["three"] * 3,
            "pre_test": [*HAND_BEFORE, 50.0, 60.0, 70.0],
            "post_test": [*HAND_AFTER, 56.0, 62.0, 78.0],
        }
    )
    out = _effects(frame, min_pairs=2).set_index("program_id")
    four, three = out.loc["four"], out.loc["three"]
    assert four["d_z_low"] < four["d_z"] < four["d_z_high"] < np.inf
    assert np.isfinite(three["d_z"]) and np.isnan(three["d_z_low"]) and np.isnan(three["d_z_high"])
    # The gain is defined on every resample: it has an interval even with 3 pairs.
    assert three["gain_low"] < three["gain"] < three["gain_high"]


def test_interval_width_shrinks_with_more_pairs():
    small = _effects(_simulated({"P": (15, 8.0)}, seed=3)).iloc[0]
    large = _effects(_simulated({"P": (400, 8.0)}, seed=3)).iloc[0]
    assert large["d_z_high"] - large["d_z_low"] < (small["d_z_high"] - small["d_z_low"]) / 2


# ---------------------------------------------------------------------------
# Flags, ranks, Holm.
# ---------------------------------------------------------------------------
def test_few_pairs_flagged_not_ranked_and_ranking_order():
    frame = _simulated(
        {"P-big": (30, 15.0), "P-mid": (30, 6.0), "P-none": (30, 0.0), "P-few": (5, 30.0)}
    )
    # A group with rows but no pairs (post-test missing) still gets a row.
    frame = pd.concat(
        [frame, pd.DataFrame({"program_id": ["P-untested"] * 3, "pre_test": [50.0, 60, 70]})],
        ignore_index=True,
    )
    out = _effects(frame, n_boot=200)
    assert list(out["program_id"]) == ["P-big", "P-mid", "P-none", "P-few", "P-untested"]
    assert list(out["rank"].iloc[:3]) == [1, 2, 3]
    assert out["rank"].iloc[3:].isna().all()
    assert list(out["enough"]) == [True, True, True, False, False]
    assert out["g_av"].iloc[:3].is_monotonic_decreasing
    few = out.set_index("program_id").loc["P-few"]
    assert few["n_pairs"] == 5 and few["g_av"] > out["g_av"].iloc[0]  # largest, but not ranked
    assert np.isnan(few["p_holm"]) and np.isfinite(few["p_t"])
    untested = out.set_index("program_id").loc["P-untested"]
    assert untested["n_pairs"] == 0 and np.isnan(untested["mean_before"])
    # min_pairs lowered: the small group is ranked first.
    assert _effects(frame, n_boot=0, min_pairs=5)["program_id"].iloc[0] == "P-few"


def test_ties_share_a_rank():
    frame = _frame({"B": (HAND_BEFORE, HAND_AFTER), "A": (HAND_BEFORE, HAND_AFTER)})
    out = _effects(frame, min_pairs=2, n_boot=0)
    assert list(out["rank"]) == [1, 1]
    assert list(out["program_id"]) == ["A", "B"]


def test_holm_matches_statsmodels():
    frame = _simulated(
        {"P1": (20, 4.0), "P2": (25, 1.0), "P3": (30, 2.5), "P4": (12, 0.5), "P5": (4, 9.0)},
        seed=5,
    )
    out = _effects(frame, n_boot=0)
    enough = out[out["enough"]]
    expected = multipletests(enough["p_t"].to_numpy(), method="holm")[1]
    np.testing.assert_allclose(enough["p_holm"].to_numpy(), expected, rtol=1e-12)
    assert len(enough) == 4 and out.loc[~out["enough"], "p_holm"].isna().all()
    assert (enough["p_holm"] >= enough["p_t"]).all()


# ---------------------------------------------------------------------------
# Inputs and grouping.
# ---------------------------------------------------------------------------
def test_inputs_unchanged():
    frame = _simulated({"P1": (20, 5.0), "P2": (15, 0.0)})
    frame.loc[3, "post_test"] = np.nan
    programs = pd.DataFrame(
        {
            "program_id": ["P1", "P2"],
            "name": ["a", "b"],
            "form": ["kursus"] * 2,
            "mode": ["klasikal"] * 2,
            "jp": [10.0, 20.0],
        }
    )
    frame_copy, programs_copy = frame.copy(deep=True), programs.copy(deep=True)
    _effects(frame, n_boot=100)
    learning_effects(frame, programs, n_boot=100)
    pd.testing.assert_frame_equal(frame, frame_copy)
    pd.testing.assert_frame_equal(programs, programs_copy)


def test_nullable_dtypes_give_the_same_result():
    plain = _simulated({"P1": (15, 6.0), "P2": (12, 1.0)})
    plain.loc[[2, 20], "pre_test"] = np.nan
    plain.loc[5, "post_test"] = np.nan
    nullable = plain.astype({"program_id": "string", "pre_test": "Float64", "post_test": "Float64"})
    assert nullable["pre_test"].isna().sum() == 2
    integers = plain.copy()
    integers["post_test"] = integers["post_test"].astype("Int64")
    expected = _effects(plain, n_boot=100)
    for frame in (nullable, integers):
        got = _effects(frame, n_boot=100)
        pd.testing.assert_frame_equal(
            got.drop(columns="program_id"), expected.drop(columns="program_id")
        )
        assert list(got["program_id"].astype(object)) == list(expected["program_id"])
    assert expected["n_pairs"].sum() == 27 - 3


def test_missing_group_key_is_left_out_and_by_none_and_several_columns():
    frame = _simulated({"P1": (12, 5.0), "P2": (12, 5.0)})
    frame["region_id"] = ["x", "y"] * 12
    frame["program_id"] = frame["program_id"].astype("string")
    frame.loc[0, "program_id"] = pd.NA
    out = _effects(frame, n_boot=0)
    assert list(out["program_id"]) == ["P1", "P2"]
    assert out["n_pairs"].sum() == 23
    overall = _effects(frame, by=None, n_boot=0)
    assert list(overall.columns) == list(EFFECT_COLUMNS) and len(overall) == 1
    assert overall["n_pairs"].iloc[0] == 24  # the row without a programme counts overall
    two = _effects(frame, by=["program_id", "region_id"], min_pairs=2, n_boot=0)
    assert list(two.columns[:2]) == ["program_id", "region_id"] and len(two) == 4
    assert sorted(two["n_pairs"]) == [5, 6, 6, 6]


def test_empty_input():
    empty = pd.DataFrame(
        {"program_id": pd.Series([], dtype="string"), "pre_test": [], "post_test": []}
    )
    out = _effects(empty)
    assert out.empty and list(out.columns) == ["program_id", *EFFECT_COLUMNS]
    overall = _effects(empty, by=None)
    assert len(overall) == 1 and overall["n_pairs"].iloc[0] == 0
    assert not overall["enough"].iloc[0] and pd.isna(overall["rank"].iloc[0])


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("scale", (5, 1)),
        ("scale", (0,)),
        ("scale", (0, np.inf)),
        ("scale", "0-100"),
        ("scale", None),
        ("min_pairs", 1),
        ("min_pairs", 2.5),
        ("min_pairs", True),
        ("confidence", 0),
        ("confidence", 1),
        ("confidence", 1.2),
        ("confidence", "95%"),
        ("n_boot", -1),
        ("n_boot", 100.0),
        ("seed", -3),
    ],
)
def test_parameter_errors(option, value):
    frame = _frame({"P1": (HAND_BEFORE, HAND_AFTER)})
    with pytest.raises(ParameterError, match=f"'{option}' parameter of paired_effects"):
        _effects(frame, **{option: value})


def test_scale_must_cover_the_data():
    frame = _frame({"P1": (HAND_BEFORE, HAND_AFTER)})
    with pytest.raises(ParameterError, match=r"'scale'.*'post_test' ranges from 56 to 84"):
        _effects(frame, scale=(0, 80))
    with pytest.raises(ParameterError, match="'scale' parameter of behaviour_effects"):
        behaviour_effects(
            frame.rename(columns={"pre_test": "behaviour_before", "post_test": "behaviour_after"})
        )


def test_missing_columns():
    frame = _frame({"P1": (HAND_BEFORE, HAND_AFTER)})
    with pytest.raises(MissingColumnError, match=r"paired_effects needs .*'post'"):
        paired_effects(frame, "pre_test", "post")
    with pytest.raises(MissingColumnError, match="'unit'"):
        _effects(frame, by="unit")
    with pytest.raises(MissingColumnError, match=r"learning_effects needs .*'post_test'"):
        learning_effects(frame.drop(columns="post_test"))
    with pytest.raises(MissingColumnError, match=r"behaviour_effects needs .*'behaviour_before'"):
        behaviour_effects(frame)
    with pytest.raises(MissingColumnError, match="'mode'"):
        learning_effects(frame, pd.DataFrame({"program_id": ["P1"], "name": ["x"], "form": ["y"]}))


def test_level_wrappers():
    frame = _frame({"P1": (HAND_BEFORE, HAND_AFTER), "P9": ([50.0, 60.0], [55.0, 61.0])})
    programs = pd.DataFrame(
        {
            "program_id": ["P1", "P2"],
            "name": ["Bimtek"] * 2,
            "form": ["bimbingan_teknis"] * 2,
            "mode": ["klasikal", "nonklasikal"],
        }
    )
    out = learning_effects(frame, programs, min_pairs=2, n_boot=0)
    assert list(out.columns[:5]) == ["program_id", "name", "form", "mode", "n_pairs"]
    row = out.set_index("program_id")
    assert row.loc["P1", "name"] == "Bimtek" and row.loc["P1", "mode"] == "klasikal"
    assert pd.isna(row.loc["P9", "name"])  # not in the catalogue
    plain = paired_effects(frame, "pre_test", "post_test", min_pairs=2, n_boot=0)
    pd.testing.assert_frame_equal(out.drop(columns=["name", "form", "mode"]), plain)
    ratings = frame.assign(
        behaviour_before=frame["pre_test"] / 20, behaviour_after=frame["post_test"] / 20
    )
    level3 = behaviour_effects(ratings, min_pairs=2, n_boot=0).set_index("program_id")
    # Scores /20: the same d_z and g_av; gain on 1..5: (3.5 - 3.25) / (5 - 3.25) = 1/7.
    assert level3.loc["P1", "d_z"] == pytest.approx(row.loc["P1", "d_z"])
    assert level3.loc["P1", "g_av"] == pytest.approx(row.loc["P1", "g_av"])
    assert level3.loc["P1", "gain"] == pytest.approx(0.25 / 1.75)
    with pytest.raises(ParameterError, match="'programs' parameter of learning_effects"):
        learning_effects(frame.assign(unit="u"), programs, by="unit")
    with pytest.raises(TypeError, match="'boot'"):
        learning_effects(frame, boot=10)


# ---------------------------------------------------------------------------
# The synthetic sample: effective programmes show larger effects.
# ---------------------------------------------------------------------------
EFFECTIVE = {p.program_id: p.effective for p in PROGRAMMES}


@pytest.mark.parametrize("region", ["ambon", "pematangsiantar"])
def test_sample_learning_effects(sample_dir, region):
    ds = load_dataset(sample_dir, region)
    out = learning_effects(ds.participation, ds.programs)
    assert list(out.columns[:4]) == ["program_id", "name", "form", "mode"]
    assert out["program_id"].is_unique and out["name"].notna().all()
    ranked = out[out["enough"]]
    assert len(ranked) >= 8 and list(ranked["rank"]) == sorted(ranked["rank"])
    effective = ranked["program_id"].astype(object).map(EFFECTIVE)
    assert effective.any() and (~effective).any()
    mean_effective = ranked.loc[effective, "g_av"].mean()
    mean_other = ranked.loc[~effective, "g_av"].mean()
    assert mean_effective > mean_other + 0.5
    # Planted gain 16 vs 1.5 points: the ranked effective programmes' gains are near 16.
    assert 10 < ranked.loc[effective, "mean_diff"].mean() < 22
    assert (ranked["g_av_low"] <= ranked["g_av"]).all()
    assert (ranked["g_av"] <= ranked["g_av_high"]).all()


@pytest.mark.parametrize("region", ["ambon", "pematangsiantar"])
def test_sample_behaviour_effects(sample_dir, region):
    ds = load_dataset(sample_dir, region)
    out = behaviour_effects(ds.participation, ds.programs)
    ranked = out[out["enough"]]
    effective = ranked["program_id"].astype(object).map(EFFECTIVE)
    assert effective.any() and (~effective).any()
    assert ranked.loc[effective, "g_av"].mean() > ranked.loc[~effective, "g_av"].mean()
    # Planted rating change 0.35 vs 0.03.
    assert ranked.loc[effective, "mean_diff"].mean() > 0.2
    assert abs(ranked.loc[~effective, "mean_diff"].mean()) < 0.15


# ---------------------------------------------------------------------------
# Own implementations of Holm and of scipy's bootstrap: the same numbers, faster.
# ---------------------------------------------------------------------------
def test_holm_equals_statsmodels_with_ties_and_caps():
    from kompetensi_toolkit.outcomes.effects import _holm

    rng = np.random.default_rng(3)
    for n in (1, 2, 3, 7, 40):
        for _ in range(50):
            p = rng.random(n) ** rng.integers(1, 5)
            p[: n // 2] = p[0]  # ties
            assert np.array_equal(_holm(p), multipletests(p, method="holm")[1])
    # Hand-worked: sorted 0.01, 0.03, 0.04, 0.5 times 4, 3, 2, 1 -> 0.04, 0.09, 0.08 -> 0.09, 0.5.
    assert _holm(np.array([0.01, 0.04, 0.03, 0.5])).tolist() == [0.04, 0.09, 0.09, 0.5]
    assert _holm(np.array([0.4, 0.6])).tolist() == [0.8, 0.8]
    assert _holm(np.array([0.9, 0.6])).tolist() == [1.0, 1.0]


def test_holm_adjustment_runs_no_garbage_collection(monkeypatch):
    # statsmodels' multipletests(method="holm") calls gc.collect(): tenths of a second
    # in a kernel holding a region's data.
    import gc

    def refuse():
        raise AssertionError("gc.collect called")

    monkeypatch.setattr(gc, "collect", refuse)
    frame = _simulated({"A": (12, 8.0), "B": (12, 0.0), "C": (12, 4.0)})
    out = paired_effects(frame, "pre_test", "post_test", n_boot=0)
    assert out["p_holm"].notna().sum() == 3
