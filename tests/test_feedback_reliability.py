"""Cronbach's α, Feldt's interval, item analysis and per-dimension reliability."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from kompetensi_toolkit.exceptions import MissingColumnError, ParameterError
from kompetensi_toolkit.feedback.reliability import (
    DIMENSION_COLUMNS,
    ITEM_COLUMNS,
    Alpha,
    Reliability,
    cronbach_alpha,
    item_analysis,
    reliability,
)

# Hand example: 4 respondents × 3 items.
#   q1 = 2 3 4 5  mean 3.5, squared deviations 2.25 .25 .25 2.25 = 5  -> var 5/3
#   q2 = 1 3 3 5  mean 3,   squared deviations 4 0 0 4 = 8           -> var 8/3
#   q3 = 2 2 4 4  mean 3,   squared deviations 1 1 1 1 = 4           -> var 4/3
#   total = 5 8 11 14, mean 9.5, squared deviations 20.25 2.25 2.25 20.25 = 45 -> var 15
#   α = 3/2 × (1 − (17/3) / 15) = 3/2 × 28/45 = 14/15
HAND = pd.DataFrame({"q1": [2, 3, 4, 5], "q2": [1, 3, 3, 5], "q3": [2, 2, 4, 4]})
HAND_ALPHA = 14 / 15


def _scale(n: int, k: int, noise: float, seed: int) -> pd.DataFrame:
    """Likert-like answers 1..5 of k items sharing one latent trait."""
    rng = np.random.default_rng(seed)
    latent = rng.normal(3.0, 0.8, (n, 1))
    x = np.clip(np.round(latent + rng.normal(0.0, noise, (n, k))), 1, 5)
    return pd.DataFrame(x.astype("int64"), columns=[f"i{j + 1}" for j in range(k)])


def _reference(dimensions: dict[str, list[str]], reversed_: tuple[str, ...] = ()) -> pd.DataFrame:
    rows = [
        {"item_id": i, "dimension": d, "scale_max": 5, "reversed": i in reversed_}
        for d, ids in dimensions.items()
        for i in ids
    ]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# cronbach_alpha
# ---------------------------------------------------------------------------
def test_alpha_hand_example():
    a = cronbach_alpha(HAND)
    assert isinstance(a, Alpha)
    assert a.alpha == pytest.approx(HAND_ALPHA, abs=1e-12)
    assert (a.n, a.k, a.n_dropped) == (4, 3, 0)
    with pytest.raises(AttributeError):  # frozen
        a.alpha = 0.0  # type: ignore[misc]


def test_alpha_equals_average_covariance_and_standardised_forms():
    items = _scale(200, 5, 0.9, seed=1)
    cov = np.cov(items.to_numpy(float), rowvar=False)
    k = cov.shape[0]
    mean_var = np.trace(cov) / k
    mean_cov = (cov.sum() - np.trace(cov)) / (k * (k - 1))
    # α = k c̄ / (v̄ + (k − 1) c̄)  (average inter-item covariance form)
    expected = k * mean_cov / (mean_var + (k - 1) * mean_cov)
    assert cronbach_alpha(items).alpha == pytest.approx(expected, rel=1e-12)
    # On z-scores α is the standardised α = k r̄ / (1 + (k − 1) r̄).
    z = (items - items.mean()) / items.std()
    corr = np.corrcoef(items.to_numpy(float), rowvar=False)
    r_bar = (corr.sum() - k) / (k * (k - 1))
    assert cronbach_alpha(z).alpha == pytest.approx(k * r_bar / (1 + (k - 1) * r_bar), rel=1e-12)


def test_alpha_two_items_split_half_identities():
    items = _scale(150, 2, 0.7, seed=2)
    x = items.to_numpy(float)
    # k = 2: the Flanagan–Rulon split half 4 cov / var(total).
    flanagan = 4 * np.cov(x, rowvar=False)[0, 1] / np.var(x.sum(axis=1), ddof=1)
    assert cronbach_alpha(items).alpha == pytest.approx(flanagan, rel=1e-12)
    # With equal variances (z-scores) it is Spearman–Brown 2r / (1 + r).
    r = np.corrcoef(x, rowvar=False)[0, 1]
    z = (items - items.mean()) / items.std()
    assert cronbach_alpha(z).alpha == pytest.approx(2 * r / (1 + r), rel=1e-12)


def test_feldt_interval_hand_computed():
    # n = 4, k = 3: F(3, 6). Tables give F_.975(3, 6) = 6.5988 and F_.025(3, 6) = 0.06787.
    f_high = stats.f.ppf(0.975, 3, 6)
    f_low = stats.f.ppf(0.025, 3, 6)
    assert f_high == pytest.approx(6.5988, abs=1e-4)
    assert f_low == pytest.approx(0.06787, abs=1e-5)
    a = cronbach_alpha(HAND)
    # lower = 1 − (1 − α) F_{1−γ/2}, upper = 1 − (1 − α) F_{γ/2}
    assert a.ci_low == pytest.approx(1 - (1 / 15) * f_high, abs=1e-12)
    assert a.ci_high == pytest.approx(1 - (1 / 15) * f_low, abs=1e-12)
    assert a.ci_low == pytest.approx(0.56008, abs=1e-5)
    assert a.ci_high == pytest.approx(0.99548, abs=1e-5)


def test_feldt_interval_contains_alpha_and_narrows():
    items = _scale(40, 4, 1.0, seed=3)
    widths = []
    for times in (1, 4, 16):
        # Repeating every respondent leaves α unchanged (all variances scale alike).
        a = cronbach_alpha(pd.concat([items] * times, ignore_index=True))
        assert a.alpha == pytest.approx(cronbach_alpha(items).alpha, rel=1e-10)
        assert a.ci_low < a.alpha < a.ci_high
        widths.append(a.ci_high - a.ci_low)
    assert widths[0] > widths[1] > widths[2]
    wide = cronbach_alpha(items, confidence=0.99)
    narrow = cronbach_alpha(items, confidence=0.90)
    assert wide.ci_low < narrow.ci_low < narrow.ci_high < wide.ci_high


def test_feldt_interval_coverage_for_parallel_items():
    # Parallel items: x_j = T + e_j, var T = 1, var e = 1 -> ρ = 0.5, α = 4·0.5 / (1 + 3·0.5) = 0.8.
    rng = np.random.default_rng(4)
    n, k, reps = 30, 4, 1000
    true_alpha = 0.8
    covered = 0
    for _ in range(reps):
        x = rng.normal(size=(n, 1)) + rng.normal(size=(n, k))
        a = cronbach_alpha(pd.DataFrame(x))
        covered += a.ci_low <= true_alpha <= a.ci_high
    assert 0.925 <= covered / reps <= 0.975


def test_missing_rows_dropped_and_counted():
    items = HAND.astype("Int64")
    items = pd.concat(
        [items, pd.DataFrame({"q1": [pd.NA, 3], "q2": [2, pd.NA], "q3": [1, 1]}).astype("Int64")],
        ignore_index=True,
    )
    a = cronbach_alpha(items)
    assert (a.n, a.n_dropped) == (4, 2)
    assert a.alpha == pytest.approx(HAND_ALPHA, abs=1e-12)
    floats = items.astype("float64")
    assert cronbach_alpha(floats) == a
    table = item_analysis(floats)
    assert table["n"].tolist() == [4, 4, 4]
    pd.testing.assert_frame_equal(table, item_analysis(HAND))


def test_accepts_object_and_nullable_dtypes():
    as_object = HAND.astype(object)
    as_int64 = HAND.astype("Int64")
    assert cronbach_alpha(as_object).alpha == pytest.approx(HAND_ALPHA)
    assert cronbach_alpha(as_int64).alpha == pytest.approx(HAND_ALPHA)


def test_too_few_respondents_or_no_variance_is_nan():
    a = cronbach_alpha(HAND.head(2))
    assert np.isnan(a.alpha) and np.isnan(a.ci_low) and np.isnan(a.ci_high)
    assert (a.n, a.k) == (2, 3)
    empty = cronbach_alpha(HAND.iloc[:0])
    assert np.isnan(empty.alpha) and (empty.n, empty.n_dropped) == (0, 0)
    constant = cronbach_alpha(pd.DataFrame({"a": [3, 3, 3], "b": [4, 4, 4]}))
    assert np.isnan(constant.alpha)


def test_negative_alpha_not_clipped():
    # b = 6 − a exactly plus a little: the items disagree, α < 0.
    items = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [5, 4, 3, 3, 1]})
    a = cronbach_alpha(items)
    x = items.to_numpy(float)
    expected = 2 * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))
    assert a.alpha == pytest.approx(expected) and a.alpha < 0


@pytest.mark.parametrize(
    ("items", "kwargs", "match"),
    [
        ([[1, 2], [2, 3]], {}, "'items'"),
        (pd.DataFrame({"a": [1, 2, 3]}), {}, "at least 2 item columns"),
        (pd.DataFrame({"a": [1, 2, 3], "b": ["Setuju", 2, 3]}), {}, r"'b'.*Setuju"),
        (HAND, {"confidence": 1.0}, "'confidence'"),
        (HAND, {"confidence": 0}, "'confidence'"),
        (HAND, {"confidence": "95%"}, "'confidence'"),
    ],
)
def test_cronbach_alpha_errors(items, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        cronbach_alpha(items, **kwargs)


def test_repeated_column_names_rejected():
    items = pd.DataFrame([[1, 2], [2, 3], [3, 3]], columns=["a", "a"])
    with pytest.raises(ParameterError, match="repeated"):
        item_analysis(items)


# ---------------------------------------------------------------------------
# item_analysis
# ---------------------------------------------------------------------------
def test_item_analysis_values():
    items = _scale(120, 4, 0.8, seed=5)
    table = item_analysis(items)
    assert list(table.columns) == list(ITEM_COLUMNS)
    assert table["item_id"].tolist() == ["i1", "i2", "i3", "i4"]
    x = items.to_numpy(float)
    for j, row in table.iterrows():
        rest = np.delete(x, j, axis=1).sum(axis=1)
        assert row["item_rest_r"] == pytest.approx(stats.pearsonr(x[:, j], rest)[0], rel=1e-10)
        assert row["mean"] == pytest.approx(x[:, j].mean())
        assert row["sd"] == pytest.approx(x[:, j].std(ddof=1))
        # α if dropped is α of the other columns.
        others = items.drop(columns=items.columns[j])
        assert row["alpha_if_dropped"] == pytest.approx(cronbach_alpha(others).alpha, rel=1e-10)
        assert row["flag"] is None
    assert (table["n"] == 120).all()


def test_item_analysis_hand_example():
    table = item_analysis(HAND)
    # q1: rest = q2 + q3 = 3 5 7 9 = 2·q1 − 1, so r = 1.
    assert table.loc[0, "item_rest_r"] == pytest.approx(1.0)
    # α without q1: q2, q3: vars 8/3 and 4/3, total 3 5 7 9 -> var 20/3; 2(1 − 4/(20/3)) = 0.8.
    assert table["alpha_if_dropped"].tolist() == pytest.approx(
        [0.8, cronbach_alpha(HAND[["q1", "q3"]]).alpha, cronbach_alpha(HAND[["q1", "q2"]]).alpha]
    )


def test_item_analysis_two_items_alpha_if_dropped_nan():
    items = _scale(50, 2, 0.6, seed=6)
    table = item_analysis(items)
    assert table["alpha_if_dropped"].isna().all()
    r = np.corrcoef(items.to_numpy(float), rowvar=False)[0, 1]
    assert table["item_rest_r"].tolist() == pytest.approx([r, r])


def test_reversed_item_entered_unreversed():
    items = _scale(300, 4, 0.8, seed=7)
    fixed = cronbach_alpha(items).alpha
    raw = items.assign(i4=6 - items["i4"])  # i4 is reversed, entered as answered
    table = item_analysis(raw)
    assert table.loc[3, "item_rest_r"] < 0
    assert table["flag"].tolist() == [None, None, None, "negative"]
    entered = cronbach_alpha(raw).alpha
    assert entered < 0.7 < fixed
    # Dropping the bad item helps; α without it is the 3-item α of the good ones.
    assert table.loc[3, "alpha_if_dropped"] > entered
    # reliability() flips it when feedback_items says reversed, and warns when not told.
    told = reliability(raw, _reference({"d": ["i1", "i2", "i3", "i4"]}, reversed_=("i4",)))
    untold = reliability(raw, _reference({"d": ["i1", "i2", "i3", "i4"]}))
    assert told.dimensions.loc[0, "alpha"] == pytest.approx(fixed)
    assert told.dimensions.loc[0, "warning"] is None
    assert untold.dimensions.loc[0, "alpha"] == pytest.approx(entered)
    assert untold.dimensions.loc[0, "warning"] == "low_alpha;negative_item"


def test_inputs_unchanged():
    items = _scale(30, 3, 0.8, seed=8).astype("Int64")
    items.iloc[0, 0] = pd.NA
    ref = _reference({"d": ["i1", "i2", "i3"]}, reversed_=("i2",))
    before_items, before_ref = copy.deepcopy(items), copy.deepcopy(ref)
    cronbach_alpha(items)
    item_analysis(items)
    reliability(items, ref)
    pd.testing.assert_frame_equal(items, before_items)
    pd.testing.assert_frame_equal(ref, before_ref)


# ---------------------------------------------------------------------------
# reliability
# ---------------------------------------------------------------------------
def test_reliability_per_dimension():
    a = _scale(80, 3, 0.7, seed=9)
    b = _scale(80, 2, 1.5, seed=10).rename(columns={"i1": "j1", "i2": "j2"})
    answers = pd.concat([a, b], axis=1).assign(comment="bagus")
    answers.loc[[0, 1], "j1"] = np.nan
    ref = _reference({"alpha": ["i1", "i2", "i3"], "beta": ["j1", "j2"]})
    out = reliability(answers, ref, threshold=0.6)
    assert isinstance(out, Reliability)
    dims = out.dimensions
    assert list(dims.columns) == ["dimension", *DIMENSION_COLUMNS]
    assert dims["dimension"].tolist() == ["alpha", "beta"]
    assert dims["k"].tolist() == [3, 2]
    assert dims["n"].tolist() == [80, 78]
    assert dims["n_dropped"].tolist() == [0, 2]
    first = cronbach_alpha(a)
    second = cronbach_alpha(answers[["j1", "j2"]])
    assert (second.n, second.n_dropped) == (78, 2)
    assert dims.loc[0, ["alpha", "ci_low", "ci_high"]].tolist() == pytest.approx(
        [first.alpha, first.ci_low, first.ci_high]
    )
    assert dims.loc[1, "alpha"] == pytest.approx(second.alpha)
    expected_warning = None if second.alpha >= 0.6 else "low_alpha"
    assert dims.loc[1, "warning"] == expected_warning
    items = out.items
    assert list(items.columns) == ["dimension", *ITEM_COLUMNS]
    assert items["item_id"].tolist() == ["i1", "i2", "i3", "j1", "j2"]
    pd.testing.assert_frame_equal(
        items[items["dimension"] == "alpha"].drop(columns="dimension").reset_index(drop=True),
        item_analysis(a),
    )


def test_reliability_threshold_warning():
    items = _scale(100, 3, 0.8, seed=11)
    ref = _reference({"d": ["i1", "i2", "i3"]})
    value = cronbach_alpha(items).alpha
    assert reliability(items, ref, threshold=value - 0.01).dimensions.loc[0, "warning"] is None
    assert (
        reliability(items, ref, threshold=value + 0.01).dimensions.loc[0, "warning"] == "low_alpha"
    )


def test_reliability_small_dimensions():
    answers = pd.DataFrame({"a1": [1, 2, 3, 4], "b1": [1, 2, 4, 3], "b2": [2, 2, 3, 4]})
    ref = _reference({"a": ["a1", "a_missing"], "b": ["b1", "b2"]})
    out = reliability(answers.head(2), ref)
    assert out.dimensions["warning"].tolist() == ["too_few_items", "too_few_respondents"]
    assert out.dimensions["k"].tolist() == [1, 2]
    assert out.dimensions["alpha"].isna().all()
    assert out.items["item_id"].tolist() == ["b1", "b2"]


def test_reliability_categorical_order_and_other_grouping():
    items = _scale(60, 4, 0.8, seed=12)
    ref = _reference({"x": ["i1", "i2"], "y": ["i3", "i4"]})
    ref["dimension"] = pd.Categorical(ref["dimension"], categories=["z", "y", "x"])
    ref["block"] = ["one"] * 4
    assert reliability(items, ref).dimensions["dimension"].tolist() == ["y", "x"]
    whole = reliability(items, ref, by="block").dimensions
    assert whole["block"].tolist() == ["one"]
    assert whole.loc[0, "alpha"] == pytest.approx(cronbach_alpha(items).alpha)


def test_reliability_long_frame_matches_wide():
    items = _scale(40, 3, 0.8, seed=13)
    items.iloc[3, 1] = np.nan
    ref = _reference({"d": ["i1", "i2", "i3"]}, reversed_=("i3",))
    long = (
        items.assign(response_id=[f"r{i:02d}" for i in range(40)])
        .melt(id_vars="response_id", var_name="item_id", value_name="value")
        .dropna()
    )
    wide_out = reliability(items, ref)
    long_out = reliability(long, ref)
    pd.testing.assert_frame_equal(wide_out.dimensions, long_out.dimensions)
    pd.testing.assert_frame_equal(wide_out.items, long_out.items)
    with pytest.raises(ParameterError, match="repeated"):
        reliability(pd.concat([long, long.head(1)]), ref)


def test_reliability_errors():
    items = _scale(20, 2, 0.8, seed=14)
    ref = _reference({"d": ["i1", "i2"]})
    with pytest.raises(MissingColumnError, match="'scale'"):
        reliability(items, ref, by="scale")
    with pytest.raises(MissingColumnError, match="'item_id'"):
        reliability(items, ref.drop(columns="item_id"))
    with pytest.raises(ParameterError, match="no column named after an item_id"):
        reliability(items.rename(columns=str.upper), ref)
    with pytest.raises(ParameterError, match="'threshold'"):
        reliability(items, ref, threshold=1.5)
    with pytest.raises(ParameterError, match="'confidence'"):
        reliability(items, ref, confidence=95)
    with pytest.raises(ParameterError, match="'flip_reversed'"):
        reliability(items, ref, flip_reversed="yes")
    with pytest.raises(ParameterError, match="'by'"):
        reliability(items, ref, by=["dimension"])
    with pytest.raises(ParameterError, match="DataFrames"):
        reliability(items.to_numpy(), ref)
    with pytest.raises(ParameterError, match=r"'i2'.*Setuju"):
        reliability(items.astype(object).assign(i2="Setuju"), ref)
    long = pd.DataFrame({"response_id": ["a", "a"], "item_id": ["i1", "i2"], "value": [4, "baik"]})
    with pytest.raises(ParameterError, match=r"'value'.*baik"):
        reliability(long, ref)


def test_reliability_defaults_without_reversed_or_scale_max():
    items = _scale(50, 2, 0.8, seed=15)
    ref = pd.DataFrame({"item_id": ["i1", "i2"], "dimension": ["d", "d"]})
    out = reliability(items, ref)
    assert out.dimensions.loc[0, "alpha"] == pytest.approx(cronbach_alpha(items).alpha)


def test_reliability_on_sample(sample_dir):
    from kompetensi_toolkit.loaders import load_dataset

    ds = load_dataset(sample_dir, "ambon")
    before = copy.deepcopy(ds.feedback)
    out = reliability(ds.feedback, ds.feedback_items)
    dims = out.dimensions
    assert set(dims["dimension"]) == set(ds.feedback_items["dimension"].astype(str))
    assert (dims["k"] == 2).all()
    assert (dims["n"] > 20).all()
    assert dims["alpha"].between(0, 1).all()
    assert ((dims["ci_low"] < dims["alpha"]) & (dims["alpha"] < dims["ci_high"])).all()
    assert (out.items["item_rest_r"] > 0).all()
    # materi_2 ("Materi terlalu sulit dipahami") is reversed: unflipped it correlates negatively.
    raw = reliability(ds.feedback, ds.feedback_items, flip_reversed=False)
    materi = dims.set_index("dimension").loc["materi"]
    materi_raw = raw.dimensions.set_index("dimension").loc["materi"]
    assert materi["alpha"] > materi_raw["alpha"]
    assert "negative_item" in materi_raw["warning"]
    assert materi["warning"] is None or "negative_item" not in materi["warning"]
    flags = raw.items.set_index("item_id")["flag"]
    assert flags["materi_2"] == "negative"
    pd.testing.assert_frame_equal(ds.feedback, before)
