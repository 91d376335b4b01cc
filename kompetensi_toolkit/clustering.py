"""Groups of employees with the same training needs (issue 4).

The question: which employees fall short of their standards in the same
competencies, so that one programme can serve them together? The steps:

1. :func:`shortfall_matrix` turns the long gaps of
   :func:`kompetensi_toolkit.gaps.competency_gaps` into a wide employee ×
   competency matrix of shortfalls, ``max(0, required − level)``.
2. :func:`fill_unassessed` decides, explicitly, what to do with competencies
   that were required but not assessed (the estimator refuses NaN).
3. :class:`TrainingNeedsClusterer` (a scikit-learn estimator: k-means on the
   standardised shortfalls, the number of groups chosen by silhouette when
   asked) gives each employee a group; group 0 has the largest total need.
4. :func:`cluster_stability` says whether the grouping is real (refits on
   resampled rows, adjusted Rand index), and :func:`cluster_profiles` /
   :func:`cluster_profile_long` describe each group: size, mean shortfall per
   competency, who is in it and a short name built from its largest gaps.

Examples
--------
>>> import pandas as pd
>>> long = pd.DataFrame({
...     "employee_id": ["a", "a", "b", "b", "c", "c", "d", "d"],
...     "competency_id": ["M.01", "M.02"] * 4,
...     "gap": [-2.0, 0.0, -1.5, 0.5, 0.0, -2.0, 0.5, -1.5],
... })
>>> m = shortfall_matrix(long)
>>> TrainingNeedsClusterer(n_clusters=2, random_state=0).fit_predict(m)
array([0, 0, 1, 1])
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from numbers import Integral
from typing import ClassVar

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin, _fit_context, clone
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, euclidean_distances
from sklearn.preprocessing import StandardScaler
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.random import sample_without_replacement
from sklearn.utils.validation import check_is_fitted, validate_data
from threadpoolctl import ThreadpoolController

from kompetensi_toolkit import labels as _labels
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.frames import require_columns

__all__ = [
    "FILL_STRATEGIES",
    "TrainingNeedsClusterer",
    "cluster_profile_long",
    "cluster_profiles",
    "cluster_stability",
    "fill_unassessed",
    "shortfall_matrix",
]

#: What :func:`fill_unassessed` can do with required-but-unassessed cells.
FILL_STRATEGIES = ("zero", "mean", "drop")

#: Rows labelled at a time when predicting: keeps temporaries small at national size.
CHUNK_ROWS = 1 << 18

#: Below this many fitted rows, k-means and silhouettes run on one thread: on a
#: region (a few thousand rows) thread start-up and synchronisation cost more
#: than the work (measured: 6 000 rows, k = 2..8, 1.9 s with 2 threads, 0.5 s with 1).
SERIAL_BELOW = 50_000

#: The thread pools of the loaded native libraries (BLAS, OpenMP), found once:
#: each ``threadpool_limits`` call scans them again (about 5 ms, 12 times a report).
_CONTROLLER: ThreadpoolController | None = None


def _threads(limit: int | None) -> AbstractContextManager:
    """Limit every native thread pool to ``limit`` threads inside a ``with`` (None: as is)."""
    global _CONTROLLER
    if limit is None:
        return nullcontext()
    if _CONTROLLER is None:
        _CONTROLLER = ThreadpoolController()
    return _CONTROLLER.limit(limits=limit)


#: Name of a group whose mean shortfall is zero everywhere (labels key
#: ``text.cluster_no_shortfall``, kept here until it is in :mod:`labels`).
_NO_SHORTFALL = {"id": "Tanpa kesenjangan", "en": "No shortfall"}


# ---------------------------------------------------------------------------
# The matrix.
# ---------------------------------------------------------------------------
def shortfall_matrix(
    gaps_long: pd.DataFrame,
    *,
    employee: str = "employee_id",
    competency: str = "competency_id",
    gap: str = "gap",
    not_required: float = 0.0,
) -> pd.DataFrame:
    """Wide employee × competency matrix of shortfalls against the standard.

    shortfall = max(0, required − level) = max(0, −gap): 0 at or above the
    standard, 1.5 for someone 1.5 levels below it. The long frame of
    :func:`kompetensi_toolkit.gaps.competency_gaps` has one row per employee
    and competency their position *requires*, so a cell can be missing for
    two reasons, kept apart:

    * required but not assessed (the row is there, ``gap`` is NaN): **NaN**,
      never imputed here; decide with :func:`fill_unassessed` before
      clustering;
    * not required by the position (no row): ``not_required``, by default
      0.0 (no standard, no shortfall); pass ``np.nan`` to keep these missing
      too.

    Parameters
    ----------
    gaps_long : DataFrame
        One row per employee × competency, e.g. from ``competency_gaps``.
    employee, competency, gap : str
        Column names; ``gap`` = level − required (negative: below standard).
    not_required : float, default 0.0
        Value for employee × competency pairs absent from ``gaps_long``.

    Returns
    -------
    DataFrame
        Index ``employee`` (employees in order of first appearance), one
        float column per competency (sorted ids; columns named
        ``competency``), values = shortfall. ``gaps_long`` is not changed.

    Examples
    --------
    >>> import pandas as pd
    >>> long = pd.DataFrame({"employee_id": ["a", "a", "b"],
    ...                      "competency_id": ["M.02", "M.01", "M.01"],
    ...                      "gap": [-1.5, 0.5, float("nan")]})
    >>> shortfall_matrix(long)
    competency_id  M.01  M.02
    employee_id
    a               0.0   1.5
    b               NaN   0.0
    """
    func = "shortfall_matrix"
    require_columns(gaps_long, {"employee": employee, "competency": competency, "gap": gap}, func)
    emp_codes, emp_ids = pd.factorize(gaps_long[employee], sort=False)
    comp_codes, comp_ids = pd.factorize(gaps_long[competency], sort=True)
    if (emp_codes < 0).any() or (comp_codes < 0).any():
        raise ParameterError(
            f"The {employee!r} and {competency!r} columns of {func} must not be missing. "
            f"Got {int((emp_codes < 0).sum())} and {int((comp_codes < 0).sum())} missing "
            "values instead; drop those rows first."
        )
    n_emp, n_comp = len(emp_ids), len(comp_ids)
    cell = emp_codes.astype("int64") * n_comp + comp_codes
    counts = np.bincount(cell, minlength=n_emp * n_comp)
    if (counts > 1).any():
        first = int(np.flatnonzero(counts > 1)[0])
        raise ParameterError(
            f"The 'gaps_long' parameter of {func} must have one row per {employee} × "
            f"{competency}. Got {int((counts > 1).sum())} pairs with several rows instead, "
            f"e.g. ({emp_ids[first // n_comp]!r}, {comp_ids[first % n_comp]!r}); keep the "
            "latest assessment per pair (competency_gaps does)."
        )
    values = pd.to_numeric(gaps_long[gap]).to_numpy(dtype="float64", na_value=np.nan)
    out = np.full((n_emp, n_comp), float(not_required))
    out[emp_codes, comp_codes] = np.maximum(-values, 0.0) + 0.0  # + 0.0: no -0.0
    return pd.DataFrame(
        out,
        index=pd.Index(_plain(emp_ids), name=employee),
        columns=pd.Index(_plain(comp_ids), name=competency),
    )


def _plain(values):
    """Uniques of a categorical column as plain values (no categorical index)."""
    return (
        np.asarray(values) if isinstance(values, pd.Categorical | pd.CategoricalIndex) else values
    )


def fill_unassessed(matrix: pd.DataFrame, strategy: str = "zero") -> pd.DataFrame:
    """Decide what a missing (not assessed) shortfall means, explicitly.

    The clusterer refuses NaN: a missing assessment is not a zero gap, and
    which assumption is least wrong depends on the question. Strategies:

    ``"zero"``
        Treat it as no shortfall. Understates the need of those not assessed.
    ``"mean"``
        The mean shortfall of the assessed in that competency (a column
        with nobody assessed becomes 0). Pulls people towards the average.
    ``"drop"``
        Leave out employees with any missing cell. Clusters describe the
        fully assessed only; report how many were left out.

    Parameters
    ----------
    matrix : DataFrame
        From :func:`shortfall_matrix`.
    strategy : {"zero", "mean", "drop"}

    Returns
    -------
    DataFrame
        A new frame without NaN; ``attrs["fill_unassessed"]`` records the
        strategy, ``n_cells_filled`` and ``n_rows_dropped``. ``matrix`` is
        not changed.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"M.01": [1.0, None, 3.0], "M.02": [0.0, 1.0, 0.0]})
    >>> fill_unassessed(m, "mean")["M.01"].tolist()
    [1.0, 2.0, 3.0]
    >>> fill_unassessed(m, "drop").attrs["fill_unassessed"]
    {'strategy': 'drop', 'n_cells_filled': 0, 'n_rows_dropped': 1}
    """
    if strategy not in FILL_STRATEGIES:
        raise ParameterError(
            f"The 'strategy' parameter of fill_unassessed must be one of "
            f"{', '.join(map(repr, FILL_STRATEGIES))}. Got {strategy!r} instead."
        )
    missing = matrix.isna()
    n_missing = int(missing.to_numpy().sum())
    dropped = 0
    if strategy == "zero":
        out = matrix.fillna(0.0)
    elif strategy == "mean":
        out = matrix.fillna(matrix.mean().fillna(0.0))
    else:
        keep = ~missing.any(axis=1)
        out = matrix.loc[keep].copy()
        dropped, n_missing = int((~keep).sum()), 0
    out.attrs = {
        **matrix.attrs,
        "fill_unassessed": {
            "strategy": strategy,
            "n_cells_filled": n_missing,
            "n_rows_dropped": dropped,
        },
    }
    return out


# ---------------------------------------------------------------------------
# Silhouette of several labellings of one sample, in one pass over distances.
# ---------------------------------------------------------------------------
def _silhouettes(Z: np.ndarray, labellings: Sequence[np.ndarray], block: int = 1024) -> list:
    """Mean silhouette of each labelling of the rows of ``Z`` (same as sklearn's).

    Rows equal in ``Z`` and in every labelling have the same silhouette, so
    each distinct one is scored once and counted as often as it occurs
    (shortfalls take few values: a region's 5 000 rows are some 1 500
    distinct ones). Their distances are computed once, in row blocks, and
    shared by all labellings (sklearn's ``silhouette_score`` recomputes them
    per call): one product with the side-by-side one-hot matrices of every
    labelling, weighted by the counts, gives each row's summed distance to
    every cluster of every labelling. A labelling with fewer than 2 non-empty
    clusters scores NaN.
    """
    m = len(Z)
    ks = [int(lab.max()) + 1 for lab in labellings]
    offsets = np.concatenate([[0], np.cumsum(ks)])
    keys = np.column_stack([Z, *(np.asarray(lab, dtype=np.float64) for lab in labellings)])
    _, first, count = np.unique(keys, axis=0, return_index=True, return_counts=True)
    Z = Z[first]
    labellings = [np.asarray(lab)[first] for lab in labellings]
    u = len(Z)
    onehot = np.zeros((u, offsets[-1]))
    for lab, offset in zip(labellings, offsets, strict=False):
        onehot[np.arange(u), offset + lab] = count
    size = onehot.sum(axis=0)
    sq = (Z**2).sum(axis=1)
    scores = [np.zeros(u) for _ in labellings]
    for start in range(0, u, block):
        rows = slice(start, min(start + block, u))
        d2 = Z[rows] @ Z.T
        d2 *= -2.0
        d2 += sq[rows, None]
        d2 += sq[None, :]
        np.maximum(d2, 0.0, out=d2)
        d2[np.arange(d2.shape[0]), np.arange(rows.start, rows.stop)] = 0.0
        dist = np.sqrt(d2, out=d2)
        all_sums = dist @ onehot  # each row's summed distance to each cluster
        idx = np.arange(dist.shape[0])
        for j, (lab, score) in enumerate(zip(labellings, scores, strict=True)):
            cols = slice(offsets[j], offsets[j + 1])
            sums, n = all_sums[:, cols], size[cols]
            own = lab[rows]
            n_own = n[own]
            with np.errstate(invalid="ignore", divide="ignore"):
                a = sums[idx, own] / (n_own - 1)
                mean_other = sums / n
            mean_other[idx, own] = np.inf
            mean_other[:, n == 0] = np.inf
            b = mean_other.min(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                s = (b - a) / np.maximum(a, b)
            s[(n_own <= 1) | ~np.isfinite(s)] = 0.0  # singletons score 0, as in sklearn
            score[rows] = s
    return [
        float(score @ count / m)
        if (size[offsets[j] : offsets[j + 1]] > 0).sum() >= 2
        else float("nan")
        for j, score in enumerate(scores)
    ]


# ---------------------------------------------------------------------------
# The estimator.
# ---------------------------------------------------------------------------
class TrainingNeedsClusterer(ClusterMixin, TransformerMixin, BaseEstimator):
    """k-means groups of employees with similar shortfalls, largest need first.

    Each row of ``X`` is one employee's shortfall per competency (e.g. from
    :func:`shortfall_matrix` after :func:`fill_unassessed`). The columns are
    standardised (``scale=True``) so that a competency with more spread does
    not decide the groups alone, then k-means is fitted. With
    ``n_clusters="auto"`` every k in ``k_range`` is fitted and the k with the
    highest mean silhouette (on a random sample of ``silhouette_sample``
    rows, the same rows for every k) is kept.

    Above ``large_threshold`` rows, k-means is fitted on a random subsample
    of ``subsample`` rows and every row is then assigned to its nearest
    centre. This was chosen over ``MiniBatchKMeans``: in scikit-learn 1.9.1
    its weighted minibatch sampling makes 5 M rows take minutes, while a
    500 k subsample fit plus prediction took under 2 s with equal or lower
    inertia (``shared/spec/performance-notes.md``). Below
    :data:`SERIAL_BELOW` fitted rows, k-means and the silhouettes run on one
    thread (threads cost more than they save on a region's few thousand rows).

    Labels are ordered by total need: cluster 0 is the one whose centre has
    the largest total shortfall (sum over competencies, in the original
    units), then 1, …; ties are broken by the centre's values. The same
    partition therefore gets the same labels whatever the ``random_state``.

    Parameters
    ----------
    n_clusters : "auto" or int, default="auto"
        Number of groups, or "auto" to choose it by silhouette.
    k_range : tuple of (int, int), default=(2, 8)
        Smallest and largest k tried when ``n_clusters="auto"`` (inclusive;
        k larger than n_samples − 1 is skipped).
    scale : bool, default=True
        Standardise columns (``StandardScaler``) before clustering.
    random_state : int, RandomState instance or None, default=None
        Seeds the subsample, the silhouette sample and k-means.
    large_threshold : int or None, default=200_000
        Above this many rows, fit on a subsample; None: always fit on all.
    subsample : int, default=500_000
        Rows in that subsample (never more than n_samples).
    silhouette_sample : int or None, default=10_000
        Rows on which silhouettes are computed; None: all fitted rows
        (quadratic in time).
    n_init : "auto" or int, default="auto"
        Passed to :class:`sklearn.cluster.KMeans`.

    Attributes
    ----------
    labels_ : ndarray of shape (n_samples,)
        Group of each training row (0 = largest total shortfall).
    cluster_centers_ : ndarray of shape (n_clusters_, n_features)
        Centres in the units of ``X`` (shortfall levels), not standardised.
    n_clusters_ : int
        Number of groups used.
    silhouette_scores_ : dict
        k → mean silhouette, when ``n_clusters="auto"``; else empty.
    inertia_ : float
        Sum of squared distances of all training rows to their centre, in
        the clustering space (standardised units when ``scale=True``).
    scaler_ : StandardScaler or None
        The fitted scaler (None when ``scale=False``).
    subsampled_ : bool
        Whether k-means was fitted on a subsample.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        When ``X`` was a DataFrame with string column names.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([rng.normal(c, 0.1, (20, 3)) for c in ([2, 0, 0], [0, 0, 1])])
    >>> est = TrainingNeedsClusterer(random_state=0).fit(X)
    >>> est.n_clusters_, np.bincount(est.labels_).tolist()
    (2, [20, 20])
    >>> est.cluster_centers_.round().astype(int).tolist()  # in shortfall units
    [[2, 0, 0], [0, 0, 1]]
    """

    _parameter_constraints: ClassVar[dict] = {
        "n_clusters": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left")],
        "k_range": [tuple, list],
        "scale": ["boolean"],
        "random_state": ["random_state"],
        "large_threshold": [Interval(Integral, 1, None, closed="left"), None],
        "subsample": [Interval(Integral, 2, None, closed="left")],
        "silhouette_sample": [Interval(Integral, 2, None, closed="left"), None],
        "n_init": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left")],
    }

    def __init__(
        self,
        n_clusters="auto",
        *,
        k_range=(2, 8),
        scale=True,
        random_state=None,
        large_threshold=200_000,
        subsample=500_000,
        silhouette_sample=10_000,
        n_init="auto",
    ):
        self.n_clusters = n_clusters
        self.k_range = k_range
        self.scale = scale
        self.random_state = random_state
        self.large_threshold = large_threshold
        self.subsample = subsample
        self.silhouette_sample = silhouette_sample
        self.n_init = n_init

    # -- helpers -------------------------------------------------------------
    def _check_k_range(self) -> tuple[int, int]:
        k = self.k_range
        ok = (
            len(k) == 2
            and all(isinstance(v, Integral) and not isinstance(v, bool) for v in k)
            and 2 <= k[0] <= k[1]
        )
        if not ok:
            raise ParameterError(
                "The 'k_range' parameter of TrainingNeedsClusterer must be a pair (low, high) "
                f"of integers with 2 <= low <= high. Got {k!r} instead."
            )
        return int(k[0]), int(k[1])

    def _validate(self, X, *, reset: bool, where: str) -> np.ndarray:
        X = validate_data(self, X, reset=reset, dtype=np.float64, ensure_all_finite="allow-nan")
        if np.isnan(X).any():
            rows = int(np.isnan(X).any(axis=1).sum())
            raise ParameterError(
                f"The 'X' parameter of TrainingNeedsClusterer.{where} must not contain NaN. "
                f"Got NaN in {rows} of {X.shape[0]} rows instead (competencies not assessed?); "
                "decide what they mean with "
                "kompetensi_toolkit.clustering.fill_unassessed(matrix, strategy='zero' | "
                "'mean' | 'drop')."
            )
        return X

    def _scaled(self, X: np.ndarray) -> np.ndarray:
        return X if self.scaler_ is None else self.scaler_.transform(X)

    def _assign(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(label, squared distance to its centre) of each row, in blocks."""
        n = X.shape[0]
        labels = np.empty(n, dtype=np.int64)
        dist2 = np.empty(n)
        centers = self._centers_z
        c_norm = (centers**2).sum(axis=1)
        for start in range(0, n, CHUNK_ROWS):
            rows = slice(start, min(start + CHUNK_ROWS, n))
            z = self._scaled(X[rows])
            d2 = c_norm - 2.0 * (z @ centers.T)  # + |z|², the same for every centre
            labels[rows] = d2.argmin(axis=1)
            best = d2[np.arange(len(d2)), labels[rows]] + (z**2).sum(axis=1)
            dist2[rows] = np.maximum(best, 0.0)
        return labels, dist2

    def _fit_kmeans(self, Z, low, high, seed, rng):
        """The k-means model: of ``n_clusters``, or the best silhouette in ``k_range``."""

        def kmeans(k):
            return KMeans(k, n_init=self.n_init, random_state=seed).fit(Z)

        self.silhouette_scores_ = {}
        if self.n_clusters == "auto":
            ks = list(range(low, min(high, len(Z) - 1) + 1))
            if not ks:
                raise ValueError(
                    f"n_samples={len(Z)} is too few for n_clusters='auto' with "
                    f"k_range={self.k_range!r}: need at least {low + 1} rows."
                )
            models = [kmeans(k) for k in ks]
            m = len(Z) if self.silhouette_sample is None else min(self.silhouette_sample, len(Z))
            sample = np.sort(sample_without_replacement(len(Z), m, random_state=rng))
            scores = _silhouettes(Z[sample], [km.labels_[sample] for km in models])
            self.silhouette_scores_ = dict(zip(ks, scores, strict=True))
            best = 0 if np.isnan(scores).all() else int(np.nanargmax(scores))
            return models[best]
        return kmeans(self.n_clusters)

    # -- API -----------------------------------------------------------------
    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Fit the groups.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
            Shortfalls; NaN is refused (see :func:`fill_unassessed`).
        y : None
            Ignored.

        Returns
        -------
        self
        """
        low, high = self._check_k_range()
        X = self._validate(X, reset=True, where="fit")
        n = X.shape[0]
        rng = check_random_state(self.random_state)
        self.scaler_ = StandardScaler().fit(X) if self.scale else None

        self.subsampled_ = self.large_threshold is not None and n > self.large_threshold
        if self.subsampled_:
            idx = np.sort(sample_without_replacement(n, min(self.subsample, n), random_state=rng))
            Z = self._scaled(X[idx])
        else:
            Z = self._scaled(X)
        seed = rng.randint(np.iinfo(np.int32).max)
        with _threads(1 if len(Z) < SERIAL_BELOW else None):
            model = self._fit_kmeans(Z, low, high, seed, rng)
        centers_z = model.cluster_centers_
        centers = centers_z if self.scaler_ is None else self.scaler_.inverse_transform(centers_z)
        # Order: largest total shortfall first, then by the centre's values (stable).
        keys = [-centers[:, j].round(9) for j in reversed(range(centers.shape[1]))]
        order = np.lexsort([*keys, -centers.sum(axis=1).round(9)])
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        self._centers_z = centers_z[order]
        self.cluster_centers_ = centers[order]
        self.n_clusters_ = len(order)
        if self.subsampled_:
            self.labels_, dist2 = self._assign(X)
            self.inertia_ = float(dist2.sum())
        else:
            self.labels_ = rank[model.labels_].astype(np.int64)
            self.inertia_ = float(model.inertia_)
        return self

    def predict(self, X):
        """Nearest group of each row.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of int64, shape (n_samples,)
        """
        check_is_fitted(self)
        return self._assign(self._validate(X, reset=False, where="predict"))[0]

    def transform(self, X):
        """Distance of each row to each group centre, in the clustering space.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_clusters_)
            Euclidean distances (standardised units when ``scale=True``);
            column j is group j.
        """
        check_is_fitted(self)
        X = self._validate(X, reset=False, where="transform")
        return euclidean_distances(self._scaled(X), self._centers_z)


# ---------------------------------------------------------------------------
# Is the grouping real?
# ---------------------------------------------------------------------------
def cluster_stability(
    X,
    *,
    n_clusters,
    n_boot: int = 20,
    random_state=None,
    sample_frac: float = 0.8,
    **params,
) -> dict:
    """Agreement between the groups of all rows and refits on resampled rows.

    The clusterer is fitted on all rows; then ``n_boot`` times on a random
    ``sample_frac`` of the rows (drawn without replacement, so no row counts
    twice in k-means), and each refit's labels are compared with the
    full-data labels of the same rows by the adjusted Rand index (1: the
    same partition; about 0: no better than chance). Groups that are real
    come back in every refit; groups cut out of a continuum do not.

    Parameters
    ----------
    X : array-like or DataFrame of shape (n_samples, n_features)
        Shortfalls without NaN.
    n_clusters : "auto" or int
        As for :class:`TrainingNeedsClusterer` ("auto": each refit chooses).
    n_boot : int, default=20
    random_state : int, RandomState instance or None
    sample_frac : float in (0, 1], default=0.8
    **params
        Other parameters of :class:`TrainingNeedsClusterer` (``scale``,
        ``n_init``, ``large_threshold``, …).

    Returns
    -------
    dict
        ``n_clusters`` (of the full fit), ``n_boot``, ``sample_frac``,
        ``ari_mean``, ``ari_sd`` (n − 1 denominator; 0.0 when n_boot = 1),
        ``ari_min``, ``ari`` (list, one per refit).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([rng.normal(c, 0.1, (30, 2)) for c in ([0, 0], [3, 0], [0, 3])])
    >>> out = cluster_stability(X, n_clusters=3, n_boot=5, random_state=0)
    >>> out["ari_mean"], out["ari_sd"]
    (1.0, 0.0)
    """
    func = "cluster_stability"
    if not (isinstance(n_boot, Integral) and not isinstance(n_boot, bool) and n_boot >= 1):
        raise ParameterError(
            f"The 'n_boot' parameter of {func} must be an int >= 1. Got {n_boot!r} instead."
        )
    if not (isinstance(sample_frac, int | float) and 0 < sample_frac <= 1):
        raise ParameterError(
            f"The 'sample_frac' parameter of {func} must be a number in (0, 1]. "
            f"Got {sample_frac!r} instead."
        )
    rng = check_random_state(random_state)
    n = len(X)
    take = X.iloc.__getitem__ if isinstance(X, pd.DataFrame) else np.asarray(X).__getitem__
    base = TrainingNeedsClusterer(
        n_clusters=n_clusters, random_state=rng.randint(np.iinfo(np.int32).max), **params
    ).fit(X)
    m = max(2, round(sample_frac * n))
    scores = []
    for _ in range(n_boot):
        idx = np.sort(sample_without_replacement(n, m, random_state=rng))
        refit = clone(base).set_params(random_state=rng.randint(np.iinfo(np.int32).max))
        refit.fit(take(idx))
        scores.append(float(adjusted_rand_score(base.labels_[idx], refit.labels_)))
    ari = np.array(scores)
    return {
        "n_clusters": int(base.n_clusters_),
        "n_boot": int(n_boot),
        "sample_frac": float(sample_frac),
        "ari_mean": round(float(ari.mean()), 12),
        "ari_sd": round(float(ari.std(ddof=1)), 12) if n_boot > 1 else 0.0,
        "ari_min": float(ari.min()),
        "ari": scores,
    }


# ---------------------------------------------------------------------------
# Describing the groups.
# ---------------------------------------------------------------------------
def _check_labels(matrix: pd.DataFrame, labels, func: str) -> np.ndarray:
    if isinstance(labels, pd.Series) and labels.index.equals(matrix.index):
        values = labels.to_numpy()
    else:
        values = np.asarray(labels)
    if values.ndim != 1 or len(values) != len(matrix):
        raise ParameterError(
            f"The 'labels' parameter of {func} must have one label per row of 'matrix' "
            f"({len(matrix)}). Got shape {values.shape} instead."
        )
    return values


def _names(competencies: pd.DataFrame | None, ids, lang: str) -> dict:
    if competencies is None:
        return {c: str(c) for c in ids}
    require_columns(competencies, ["competency_id", f"name_{lang}"], "cluster_profiles")
    table = competencies.set_index("competency_id")[f"name_{lang}"]
    return {c: str(table.get(c, c)) for c in ids}


def cluster_profile_long(
    matrix: pd.DataFrame, labels, competencies: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Mean shortfall of each group in each competency (long, for heatmaps).

    Parameters
    ----------
    matrix : DataFrame
        Shortfalls, one row per employee, one column per competency (NaN
        allowed: means are over the assessed).
    labels : array-like of shape (n_rows,)
        Group of each row (e.g. ``TrainingNeedsClusterer.labels_``).
    competencies : DataFrame, optional
        ``competency_id``, ``name_id``, ``name_en``, added when given.

    Returns
    -------
    DataFrame
        ``cluster``, ``competency_id``, ``name_id``, ``name_en`` (when
        ``competencies`` gives them), ``n_assessed``, ``mean_shortfall``,
        ``share_short`` (share of the assessed with a shortfall > 0);
        sorted by cluster, then competency in the order of ``matrix``.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"M.01": [2.0, 1.0, 0.0], "M.02": [0.0, 0.0, 1.0]})
    >>> cluster_profile_long(m, [0, 0, 1])
       cluster competency_id  n_assessed  mean_shortfall  share_short
    0        0          M.01           2             1.5          1.0
    1        0          M.02           2             0.0          0.0
    2        1          M.01           1             0.0          0.0
    3        1          M.02           1             1.0          1.0
    """
    values = _check_labels(matrix, labels, "cluster_profile_long")
    frame = pd.DataFrame(matrix.to_numpy(dtype="float64"), columns=list(matrix.columns))
    frame["cluster"] = values
    long = frame.melt(id_vars="cluster", var_name="competency_id", value_name="shortfall")
    long["short"] = (long["shortfall"] > 0).where(long["shortfall"].notna())
    out = (
        long.groupby(["cluster", "competency_id"], sort=False)
        .agg(
            n_assessed=("shortfall", "count"),
            mean_shortfall=("shortfall", "mean"),
            share_short=("short", "mean"),
        )
        .reset_index()
    )
    position = {c: i for i, c in enumerate(matrix.columns)}
    out = out.sort_values(
        ["cluster", "competency_id"], key=lambda s: s.map(position) if s.name != "cluster" else s
    ).reset_index(drop=True)
    out["n_assessed"] = out["n_assessed"].astype("int64")
    out["share_short"] = out["share_short"].astype("float64")
    if competencies is not None:
        names = [c for c in ("name_id", "name_en") if c in competencies]
        out = out.merge(competencies[["competency_id", *names]], on="competency_id", how="left")
        cols = ["cluster", "competency_id", *names, "n_assessed", "mean_shortfall", "share_short"]
        out = out[cols]
    return out


def _top_shares(values: pd.Series, groups: np.ndarray, cluster, lang: str, enum: str | None):
    counts = values[groups == cluster].value_counts(normalize=True, dropna=True)
    counts = counts[counts > 0].head(3)
    parts = []
    for value, share in counts.items():
        try:
            shown = _labels.enum_label(enum, value, lang) if enum else str(value)
        except ParameterError:  # not a canonical value: show it as it is
            shown = str(value)
        parts.append(f"{shown} ({_labels.format_percent(share, lang, decimals=0)})")
    return "; ".join(parts)


def cluster_profiles(
    matrix: pd.DataFrame,
    labels,
    employees: pd.DataFrame | None = None,
    competencies: pd.DataFrame | None = None,
    *,
    top: int = 2,
    lang: str = "id",
) -> pd.DataFrame:
    """One row per group: size, mean shortfall per competency, who, and a name.

    Parameters
    ----------
    matrix : DataFrame
        Shortfalls, index ``employee_id`` (as from :func:`shortfall_matrix`);
        NaN allowed (means are over the assessed).
    labels : array-like of shape (n_rows,)
        Group of each row.
    employees : DataFrame, optional
        ``employee_id`` and ``position_type`` and/or ``unit``; joined on the
        index of ``matrix`` to list each group's dominant position types and
        units.
    competencies : DataFrame, optional
        ``competency_id`` and ``name_id`` / ``name_en``, for the names.
    top : int, default=2
        Competencies named in ``name``.
    lang : {"id", "en"}

    Returns
    -------
    DataFrame
        ``cluster``, ``name`` (the ``top`` competencies with the largest mean
        shortfall > 0, joined by " + "; "Tanpa kesenjangan" / "No shortfall"
        when there is none; a duplicate name gets " #<cluster>"),
        ``top_competencies`` (their ids, the same order), ``n``, ``share``
        (of all rows), ``total_need`` (sum of the mean shortfalls), one
        column per competency (mean shortfall), and when ``employees`` is
        given ``position_types`` and ``units``: the three most frequent with
        their share in the group, e.g. "Pelaksana (62%); …".

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"M.01": [2.0, 1.0, 0.0], "M.08": [0.5, 0.5, 1.0]})
    >>> comps = pd.DataFrame({"competency_id": ["M.01", "M.08"],
    ...                       "name_id": ["Integritas", "Pengambilan Keputusan"],
    ...                       "name_en": ["Integrity", "Decision making"]})
    >>> cluster_profiles(m, [0, 0, 1], competencies=comps)[["cluster", "name", "n", "total_need"]]
       cluster                                name  n  total_need
    0        0  Integritas + Pengambilan Keputusan  2         2.0
    1        1               Pengambilan Keputusan  1         1.0
    """
    func = "cluster_profiles"
    _labels.check_lang(lang, func)
    if not (isinstance(top, Integral) and not isinstance(top, bool) and top >= 1):
        raise ParameterError(
            f"The 'top' parameter of {func} must be an int >= 1. Got {top!r} instead."
        )
    values = _check_labels(matrix, labels, func)
    comp_ids = list(matrix.columns)
    names = _names(competencies, comp_ids, lang)
    frame = pd.DataFrame(matrix.to_numpy(dtype="float64"), columns=comp_ids)
    means = frame.groupby(values, sort=True).mean()
    sizes = pd.Series(values).value_counts().reindex(means.index)

    rows = []
    for cluster, mean in means.iterrows():
        ranked = mean[mean > 0].sort_values(ascending=False, kind="stable").head(top)
        rows.append(
            {
                "cluster": cluster,
                "name": " + ".join(names[c] for c in ranked.index) or _NO_SHORTFALL[lang],
                "top_competencies": list(ranked.index),
                "n": int(sizes[cluster]),
                "share": sizes[cluster] / len(values),
                "total_need": float(mean.sum()),
            }
        )
    out = pd.DataFrame(rows)
    duplicated = out["name"].duplicated(keep=False)
    out.loc[duplicated, "name"] = out.loc[duplicated].apply(
        lambda r: f"{r['name']} #{r['cluster']}", axis=1
    )
    out = pd.concat([out, means.reset_index(drop=True)], axis=1)

    if employees is not None:
        require_columns(employees, ["employee_id"], func)
        staff = employees.drop_duplicates("employee_id").set_index("employee_id")
        staff = staff.reindex(matrix.index)
        for column, enum, target in (
            ("position_type", "position_type", "position_types"),
            ("unit", None, "units"),
        ):
            if column in staff:
                col = staff[column].astype("object")
                out[target] = [
                    _top_shares(col.reset_index(drop=True), values, c, lang, enum)
                    for c in out["cluster"]
                ]
    return out
