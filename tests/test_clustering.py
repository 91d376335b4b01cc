"""Training-needs clustering: the matrix, the estimator, stability and profiles."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score
from sklearn.utils._param_validation import InvalidParameterError
from sklearn.utils.estimator_checks import parametrize_with_checks

from conftest import load_benchmark
from kompetensi_toolkit import gaps
from kompetensi_toolkit.clustering import (
    TrainingNeedsClusterer,
    cluster_profile_long,
    cluster_profiles,
    cluster_stability,
    fill_unassessed,
    shortfall_matrix,
)
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.loaders import load_dataset

COMPS = [f"M.0{i}" for i in range(1, 9)] + ["SK.01"]
PROFILES = np.array(  # four planted need profiles, in shortfall levels
    [
        [2.0, 2.0, 0, 0, 0, 0, 0, 0, 0],
        [0, 0, 2.0, 2.0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 2.0, 2.0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 2.0, 2.0, 1.5],
    ]
)


def planted(n_per: int = 150, seed: int = 0, noise: float = 0.3) -> tuple[pd.DataFrame, np.ndarray]:
    """Shortfalls of 4 groups of ``n_per`` employees, rows shuffled; (matrix, true group)."""
    rng = np.random.default_rng(seed)
    group = rng.permutation(np.repeat(np.arange(len(PROFILES)), n_per))
    x = np.clip(PROFILES[group] + rng.normal(0, noise, (len(group), PROFILES.shape[1])), 0, None)
    index = pd.Index([f"E{i:05d}" for i in range(len(group))], name="employee_id")
    return pd.DataFrame(x, index=index, columns=pd.Index(COMPS, name="competency_id")), group


# ---------------------------------------------------------------------------
# scikit-learn conventions
# ---------------------------------------------------------------------------
@parametrize_with_checks(
    [TrainingNeedsClusterer(n_clusters=3, random_state=0), TrainingNeedsClusterer(random_state=0)]
)
def test_sklearn_compatible(estimator, check):
    check(estimator)


def test_parameters_are_validated_with_sklearn_wording():
    X, _ = planted(20)
    with pytest.raises(InvalidParameterError, match=r"The 'n_clusters' parameter of Train"):
        TrainingNeedsClusterer(n_clusters="many").fit(X)
    with pytest.raises(ParameterError, match=r"The 'k_range' parameter .* Got \(1, 5\) instead"):
        TrainingNeedsClusterer(k_range=(1, 5)).fit(X)


def test_nan_is_refused_with_the_fix_named():
    X, _ = planted(20)
    X.iloc[3, 2] = np.nan
    with pytest.raises(
        ValueError, match=r"must not contain NaN\. Got NaN in 1 of 80 rows.*fill_unassessed"
    ):
        TrainingNeedsClusterer(n_clusters=2).fit(X)


# ---------------------------------------------------------------------------
# shortfall_matrix / fill_unassessed
# ---------------------------------------------------------------------------
def test_shortfall_matrix_keeps_unassessed_and_not_required_apart():
    long = pd.DataFrame(
        {
            "employee_id": ["a", "a", "b", "b", "c"],
            "competency_id": ["M.01", "T.01", "M.01", "T.01", "M.01"],
            "gap": [-1.5, 0.5, np.nan, -0.0, -2.0],
        }
    )
    before = long.copy()
    m = shortfall_matrix(long)
    pd.testing.assert_frame_equal(long, before)
    assert m.index.name == "employee_id" and list(m.columns) == ["M.01", "T.01"]
    assert m.loc["a"].tolist() == [1.5, 0.0]
    assert np.isnan(m.loc["b", "M.01"])  # required, not assessed
    assert m.loc["c", "T.01"] == 0.0  # not required
    assert not np.signbit(m.to_numpy()[~np.isnan(m.to_numpy())]).any()
    assert np.isnan(shortfall_matrix(long, not_required=np.nan).loc["c", "T.01"])
    coded = long.astype({"employee_id": "category", "competency_id": "category"})
    pd.testing.assert_frame_equal(shortfall_matrix(coded), m)  # as Parquet reads ids


def test_shortfall_matrix_rejects_duplicate_pairs_and_names_columns():
    long = pd.DataFrame({"emp": ["a", "a"], "comp": ["M.01", "M.01"], "g": [0.0, -1.0]})
    with pytest.raises(ParameterError, match=r"one row per emp × comp.*\('a', 'M.01'\)"):
        shortfall_matrix(long, employee="emp", competency="comp", gap="g")
    with pytest.raises(KeyError, match=r"'gap' \(set with gap=\)"):
        shortfall_matrix(long, employee="emp", competency="comp")


def test_fill_unassessed_strategies_are_explicit():
    m = pd.DataFrame({"M.01": [1.0, np.nan, 3.0], "M.02": [np.nan, np.nan, np.nan]})
    before = m.copy()
    zero = fill_unassessed(m, "zero")
    assert zero.to_numpy().tolist() == [[1.0, 0.0], [0.0, 0.0], [3.0, 0.0]]
    assert zero.attrs["fill_unassessed"]["n_cells_filled"] == 4
    assert fill_unassessed(m, "mean")["M.01"].tolist() == [1.0, 2.0, 3.0]
    assert len(fill_unassessed(m, "drop")) == 0
    pd.testing.assert_frame_equal(m, before)
    with pytest.raises(
        ParameterError, match=r"'strategy' parameter of fill_unassessed .* Got 'knn'"
    ):
        fill_unassessed(m, "knn")


# ---------------------------------------------------------------------------
# The estimator on planted groups
# ---------------------------------------------------------------------------
def test_auto_recovers_four_planted_groups():
    X, truth = planted()
    est = TrainingNeedsClusterer(random_state=0).fit(X)
    assert est.n_clusters_ == 4
    assert max(est.silhouette_scores_, key=est.silhouette_scores_.get) == 4
    assert set(est.silhouette_scores_) == set(range(2, 9))
    assert adjusted_rand_score(truth, est.labels_) == 1.0
    assert list(est.feature_names_in_) == COMPS and est.n_features_in_ == 9
    np.testing.assert_array_equal(est.predict(X), est.labels_)
    assert est.transform(X).shape == (len(X), 4)


def test_labels_are_ordered_by_total_need_and_stable_across_seeds():
    X, _ = planted()
    runs = [TrainingNeedsClusterer(n_clusters=4, random_state=s).fit(X) for s in range(5)]
    for est in runs[1:]:
        np.testing.assert_array_equal(est.labels_, runs[0].labels_)
    totals = runs[0].cluster_centers_.sum(axis=1)
    assert (np.diff(totals) <= 0).all()
    assert runs[0].cluster_centers_[0, 6:].sum() > 5  # the 2 + 2 + 1.5 group comes first


def test_centres_are_group_means_in_shortfall_units():
    X, _ = planted()
    est = TrainingNeedsClusterer(n_clusters=4, random_state=0).fit(X)
    for label in range(4):
        members = est.labels_ == label
        np.testing.assert_allclose(est.cluster_centers_[label], X[members].mean().to_numpy())
    # and close to the planted profiles (noise clipped at 0 shifts zeros up a little)
    np.testing.assert_allclose(
        np.sort(est.cluster_centers_.sum(axis=1)), [4.5, 4.5, 4.5, 6], atol=0.6
    )


def test_subsample_path_above_large_threshold_gives_the_same_partition():
    X, truth = planted(n_per=300)
    full = TrainingNeedsClusterer(n_clusters=4, random_state=0).fit(X)
    fast = TrainingNeedsClusterer(
        n_clusters=4, random_state=0, large_threshold=500, subsample=400
    ).fit(X)
    assert fast.subsampled_ and not full.subsampled_
    # the same partition; the labels of groups with (nearly) equal total need may swap,
    # since their centres come from different rows
    assert adjusted_rand_score(full.labels_, fast.labels_) == 1.0
    assert fast.inertia_ == pytest.approx(full.inertia_, rel=0.01)
    auto = TrainingNeedsClusterer(random_state=0, large_threshold=500, subsample=400).fit(X)
    assert auto.n_clusters_ == 4 and adjusted_rand_score(truth, auto.labels_) == 1.0


def test_inputs_are_not_changed():
    X, _ = planted(30)
    before = X.copy()
    array = X.to_numpy().copy()
    est = TrainingNeedsClusterer(n_clusters=3, random_state=0).fit(X)
    est.predict(X)
    est.transform(pd.DataFrame(array, columns=X.columns))
    cluster_profiles(X, est.labels_)
    pd.testing.assert_frame_equal(X, before)
    np.testing.assert_array_equal(array, before.to_numpy())


# ---------------------------------------------------------------------------
# Stability
# ---------------------------------------------------------------------------
def test_stability_is_high_on_planted_groups_and_low_on_noise():
    X, _ = planted(n_per=60)
    real = cluster_stability(X, n_clusters=4, n_boot=8, random_state=0)
    assert real["ari_mean"] > 0.99 and real["n_boot"] == len(real["ari"]) == 8
    noise = np.random.default_rng(1).uniform(0, 2, (240, 9))
    fake = cluster_stability(noise, n_clusters=4, n_boot=8, random_state=0)
    assert fake["ari_mean"] < 0.7 and fake["ari_sd"] > 0.02


def test_stability_validates_its_parameters():
    X, _ = planted(10)
    with pytest.raises(ParameterError, match=r"'sample_frac' parameter of cluster_stability"):
        cluster_stability(X, n_clusters=2, sample_frac=1.5)
    with pytest.raises(ParameterError, match=r"'n_boot' parameter .* Got 0 instead"):
        cluster_stability(X, n_clusters=2, n_boot=0)


# ---------------------------------------------------------------------------
# Profiles
# ---------------------------------------------------------------------------
COMPETENCIES = pd.DataFrame(
    {
        "competency_id": COMPS,
        "name_id": [f"Kompetensi {i}" for i in range(1, 10)],
        "name_en": [f"Competency {i}" for i in range(1, 10)],
    }
)


def test_profiles_sizes_names_and_who():
    X, truth = planted(n_per=50)
    est = TrainingNeedsClusterer(n_clusters=4, random_state=0).fit(X)
    employees = pd.DataFrame(
        {
            "employee_id": X.index[::-1],  # another order: joined on employee_id
            "position_type": np.where(truth[::-1] == 3, "pengawas", "pelaksana"),
            "unit": "Dinas A",
        }
    )
    prof = cluster_profiles(X, est.labels_, employees, COMPETENCIES)
    assert prof["n"].sum() == len(X) and prof["share"].sum() == pytest.approx(1.0)
    assert prof["cluster"].tolist() == [0, 1, 2, 3]
    assert prof["total_need"].is_monotonic_decreasing
    top = prof.loc[0, "top_competencies"]
    assert set(top) == {"M.07", "M.08"}  # the two 2.0 gaps, not the 1.5
    assert prof.loc[0, "name"] == " + ".join(f"Kompetensi {COMPS.index(c) + 1}" for c in top)
    assert prof.loc[0, "position_types"].startswith("Pengawas (100")
    assert prof.loc[1, "units"] == "Dinas A (100%)"
    english = cluster_profiles(X, est.labels_, competencies=COMPETENCIES, lang="en", top=1)
    assert english["name"].str.match(r"^Competency \d$").all()
    assert "position_types" not in english


def test_profile_without_shortfall_and_duplicate_names():
    m = pd.DataFrame({"M.01": [0.0, 0.0, 1.0, 1.0], "M.02": [0.0, 0.0, 0.0, 0.0]})
    prof = cluster_profiles(m, [0, 0, 1, 2], lang="en")
    assert prof["name"].tolist() == ["No shortfall", "M.01 #1", "M.01 #2"]
    with pytest.raises(ParameterError, match=r"one label per row of 'matrix' \(4\)"):
        cluster_profiles(m, [0, 1])
    with pytest.raises(ParameterError, match=r"'lang' parameter of cluster_profiles"):
        cluster_profiles(m, [0, 0, 1, 1], lang="fr")


def test_profile_long_matches_wide():
    X, _ = planted(n_per=20)
    labels = TrainingNeedsClusterer(n_clusters=4, random_state=0).fit_predict(X)
    long = cluster_profile_long(X, labels, COMPETENCIES)
    assert list(long.columns) == [
        "cluster", "competency_id", "name_id", "name_en", "n_assessed", "mean_shortfall", "share_short"
    ]  # fmt: skip
    wide = cluster_profiles(X, labels)
    pivot = long.pivot(index="cluster", columns="competency_id", values="mean_shortfall")
    np.testing.assert_allclose(pivot[COMPS].to_numpy(), wide[COMPS].to_numpy())


# ---------------------------------------------------------------------------
# A real sample region, end to end
# ---------------------------------------------------------------------------
def test_runs_on_a_sample_region(sample_dir):
    ds = load_dataset(sample_dir, region="ambon")
    long = gaps.competency_gaps(ds.employees, ds.assessments, ds.standards, ds.competencies)
    matrix = shortfall_matrix(long)
    assert matrix.isna().to_numpy().any()  # some required competencies were not assessed
    with pytest.raises(ValueError, match="fill_unassessed"):
        TrainingNeedsClusterer().fit(matrix)
    filled = fill_unassessed(matrix, "zero")
    est = TrainingNeedsClusterer(random_state=0).fit(filled)
    assert 2 <= est.n_clusters_ <= 8 and len(est.labels_) == len(matrix)
    prof = cluster_profiles(filled, est.labels_, ds.employees, ds.competencies, lang="id")
    assert prof["n"].sum() == len(matrix)
    assert prof["position_types"].str.len().gt(0).all()
    names = set(ds.competencies["name_id"])
    first = prof.loc[0, "name"].split(" + ")
    assert set(first) <= names


# ---------------------------------------------------------------------------
# The benchmark's quick mode is correct (timings are not checked)
# ---------------------------------------------------------------------------
def test_clustering_benchmark_quick_mode_finds_the_planted_groups():
    bench = load_benchmark("bench_clustering")
    result = bench.run(
        n=4_000, region_n=1_000, repeat=1, large_threshold=2_000, subsample=1_500, memory=False
    )
    assert result["subsampled"] is True and result["subsample"] == 1_500
    assert result["rows"] == 4_000 and result["auto_k_peak_mib"] is None
    assert result["ari_auto_vs_planted"] > 0.7
    assert result["region_ari_auto_vs_planted"] > 0.7


def test_shared_distance_silhouettes_equal_scikit_learn():
    # The clusterer scores every k from one distance matrix; it must agree with
    # sklearn.metrics.silhouette_score, which recomputes the distances per call.
    from sklearn.metrics import silhouette_score

    from kompetensi_toolkit.clustering import _silhouettes

    rng = np.random.default_rng(3)
    Z = rng.normal(size=(300, 5))
    labellings = [rng.integers(0, k, 300) for k in (2, 3, 5)]
    ours = _silhouettes(Z, labellings)
    theirs = [silhouette_score(Z, labels) for labels in labellings]
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


def test_silhouettes_of_repeated_rows_equal_scikit_learn():
    # Shortfalls take few values: rows repeat, and each distinct row is scored once.
    from sklearn.metrics import silhouette_score

    from kompetensi_toolkit.clustering import _silhouettes

    rng = np.random.default_rng(4)
    Z = rng.choice([0.0, 0.5, 1.0, 2.0], size=(600, 3))
    assert len(np.unique(Z, axis=0)) < 70
    labellings = [
        rng.integers(0, 2, 600),  # equal rows in different clusters too
        (Z[:, 0] > 0.5).astype(np.int64),
        np.where(Z[:, 1] > 1, 2, (Z[:, 2] > 0).astype(np.int64)),
    ]
    labellings.append(np.r_[np.zeros(599, np.int64), 1])  # a singleton cluster
    ours = _silhouettes(Z, labellings, block=16)
    theirs = [silhouette_score(Z, labels) for labels in labellings]
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)
    assert np.isnan(_silhouettes(Z, [np.zeros(600, np.int64)])[0])


def test_thread_pools_are_found_once_and_limited(monkeypatch):
    from threadpoolctl import ThreadpoolController, threadpool_info

    from kompetensi_toolkit import clustering

    made = []

    class Counting(ThreadpoolController):
        def __init__(self):
            made.append(1)
            super().__init__()

    monkeypatch.setattr(clustering, "ThreadpoolController", Counting)
    monkeypatch.setattr(clustering, "_CONTROLLER", None)
    X = np.random.default_rng(0).normal(size=(60, 3))
    first = TrainingNeedsClusterer(random_state=0).fit(X)
    second = TrainingNeedsClusterer(random_state=0).fit(X)
    assert len(made) == 1
    assert np.array_equal(first.labels_, second.labels_)
    with clustering._threads(1):
        assert all(pool["num_threads"] == 1 for pool in threadpool_info())
    with clustering._threads(None):
        pass
    assert len(made) == 1
