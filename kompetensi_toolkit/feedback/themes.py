"""Themes of the feedback comments: TF-IDF and non-negative matrix factorisation.

:func:`find_themes` turns each comment into features with
:func:`kompetensi_toolkit.feedback.text.tokens` (normalised, stop words out,
negations kept, stemmed, domain words protected), joins each negation to the
next word (:func:`~kompetensi_toolkit.feedback.text.negation_bigrams`:
"tidak jelas" is one feature) and adds the ordinary bigrams of adjacent
words ("sesi daring"), never across a comma or a full stop. The features are weighted by TF-IDF
(:class:`sklearn.feature_extraction.text.TfidfVectorizer`: sublinear term
frequency, smoothed idf, rows of unit length; terms in fewer than ``min_df``
comments or in more than 90 % of them dropped) and factorised by NMF
(:class:`sklearn.decomposition.NMF`, NNDSVDa start, Frobenius loss): X ≈ W H.
A theme is a row of H, named by its heaviest terms (each stem
shown in the form the comments use most, so "mohon materi dibagikan" and not
"mohon materi bagi"); a comment's weights are
its row of W divided by the row sum, so they add up to 1.

Choosing the number of themes (``n_themes="auto"``): for each k in
2..``max_themes`` the model is fitted on all comments and on
:data:`STABILITY_RUNS` random subsamples of 80 % of them; the stability of k
is the mean, over the subsamples, of the Jaccard overlap of the top
:data:`STABILITY_TOP` terms of each theme with its best-matching theme of
the full fit (themes matched one-to-one by the Hungarian method). k with the
highest stability wins; ties (within 0.01) go to the smaller k. Real themes
reappear when a fifth of the comments is left out, arbitrary splits and
merges do not (Greene, O'Callaghan & Cunningham 2014, "How many topics?
Stability analysis for topic models", ECML PKDD). The subsamples are drawn
from ``random_state``, so the choice is deterministic. The scores are in
:attr:`Themes.selection`.

Themes are numbered by size: theme 0 is the strongest theme of the most
comments. Comments without any feature (empty, only stop words, or only
words too rare for ``min_df``) keep their row in
:attr:`Themes.document_weights` with all weights 0 and have no theme (NA in
:attr:`Themes.document_theme`); they are not counted in ``n_comments`` or
in the ``share`` denominator.

Examples
--------
>>> import pandas as pd
>>> comments = pd.Series(
...     ["narasumber jelas sekali", "narasumber kurang jelas", "narasumber tidak jelas",
...      "jadwal padat dan ruangan panas", "ruangan panas, jadwal molor", "jadwal molor terus"]
...     * 3)
>>> found = find_themes(comments, n_themes=2, min_df=2)
>>> found.themes[["theme", "label", "n_comments", "share"]]
   theme                                            label  n_comments  share
0      0        jadwal molor, ruangan panas, jadwal padat           9    0.5
1      1  narasumber tidak jelas, narasumber kurang jelas           9    0.5
"""

from __future__ import annotations

import functools
import itertools
import re
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from threadpoolctl import threadpool_limits

from kompetensi_toolkit import checks
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.feedback.text import negation_bigrams, stem, tokens
from kompetensi_toolkit.frames import require_columns

__all__ = ["STABILITY_RUNS", "STABILITY_TOP", "Themes", "find_themes", "theme_label", "themes_by"]

#: Subsamples per k when choosing the number of themes.
STABILITY_RUNS = 4
#: Top terms per theme compared between fits when choosing the number of themes.
STABILITY_TOP = 10
#: Share of the comments in each stability subsample.
_SUBSAMPLE = 0.8
#: Stability scores within this of the best count as tied (the smaller k wins).
_TIE = 0.01
#: Terms in more than this share of the comments are dropped.
_MAX_DF = 0.9
_MAX_ITER = 400
_STABILITY_ITER = 150
#: Below this many comments the NMF fits run on one BLAS thread: the matrices are
#: small, and BLAS threads cost more than they save (far more when the cores are
#: busy with other reports); the results are the same.
SERIAL_BELOW = 50_000


@dataclass(frozen=True)
class Themes:
    """The themes found in a set of comments (see :func:`find_themes`).

    Attributes
    ----------
    themes
        One row per theme: ``theme`` (0..k−1, largest first), ``label`` (the
        first three distinct ideas of the top terms, by :func:`theme_label`),
        ``top_terms`` (list of str, heaviest first, each stem in the form the
        comments use most, e.g. "dibagikan" for the stem "bagi"; a negation
        bigram "tidak_jelas" shown as "tidak jelas"),
        ``n_comments`` (comments whose strongest theme it is) and ``share``
        (of the comments with a theme).
    document_weights
        Index = the comments' index, one column per theme (0..k−1): the
        comment's NMF weights normalised to sum 1; all 0 for a comment
        without features.
    document_theme
        The strongest theme per comment (``Int64``), NA for a comment without
        features.
    term_weights
        Themes × terms: the rows of H (columns are the readable terms).
    n_themes
        k.
    n_documents
        Comments with at least one feature.
    selection
        For ``n_themes="auto"``: ``k`` and its ``stability``; else ``None``.
    """

    themes: pd.DataFrame
    document_weights: pd.DataFrame
    document_theme: pd.Series
    term_weights: pd.DataFrame
    n_themes: int
    n_documents: int
    selection: pd.DataFrame | None = None


#: Punctuation that ends a phrase: no bigram reaches across it.
_PHRASE_END = re.compile(r"[.,;:!?()\[\]\n]+")


@functools.lru_cache(maxsize=32768)
def _features(text: str) -> tuple[str, ...]:
    out: list[str] = []
    pairs: list[str] = []
    for phrase in _PHRASE_END.split(text):
        words = negation_bigrams(tokens(phrase))
        out += words
        pairs += [f"{a} {b}" for a, b in itertools.pairwise(words)]
    return (*out, *pairs)


def _analyzer(text: str) -> tuple[str, ...]:
    return _features(text)


@functools.lru_cache(maxsize=32768)
def _stem_and_word(text: str) -> tuple[tuple[str, str], ...]:
    words = tokens(text, stem=False)
    return tuple(zip((stem(w) for w in words), words, strict=True))


def _surface_forms(texts: Iterable[str]) -> dict[str, str]:
    """Each stem's most frequent written form (ties: the shorter, then the first alphabetically).

    "mohon" was written "mohon" 40 times and "dimohon" 12 times: it reads "mohon";
    "bagi" was written "dibagikan" more often than anything else: it reads "dibagikan".
    """
    counts: dict[str, Counter[str]] = {}
    for text in texts:
        for root, word in _stem_and_word(text):
            counts.setdefault(root, Counter())[word] += 1
    return {
        root: min(words.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
        for root, words in counts.items()
    }


def _readable(term: str, surface: dict[str, str] | None = None) -> str:
    """A feature as people wrote it: stems in their most frequent form, "_" as a space."""
    surface = surface or {}
    return " ".join(surface.get(part, part) for part in term.replace("_", " ").split(" "))


def theme_label(terms: Iterable[str], n: int = 3) -> str:
    """A theme's name: its first ``n`` distinct ideas among ``terms`` (heaviest first).

    A phrase takes the place of a word it contains, and a term whose words are
    all in the name already is skipped, so a name never says the same thing twice.

    >>> theme_label(["jadwal", "jadwal molor", "molor", "ruangan", "ruangan panas", "panas"])
    'jadwal molor, ruangan panas'
    >>> theme_label(["kurang", "materi oke", "oke waktunya", "waktunya kurang", "sesi"])
    'waktunya kurang, materi oke, sesi'
    """
    chosen: list[str] = []
    for term in terms:
        words = set(term.split())
        inside = [i for i, c in enumerate(chosen) if set(c.split()) < words]
        if inside:
            chosen[inside[0]] = term
            chosen = [c for i, c in enumerate(chosen) if i not in inside[1:]]
        elif words <= {w for c in chosen for w in c.split()}:
            continue
        elif len(chosen) < n:
            chosen.append(term)
        chosen = _drop_covered(chosen)
    return ", ".join(chosen)


def _drop_covered(chosen: list[str]) -> list[str]:
    """``chosen`` without the later terms whose words the others already say."""
    out = list(chosen)
    for i in reversed(range(len(out))):
        others = {w for j, c in enumerate(out) if j != i for w in c.split()}
        if set(out[i].split()) <= others:
            del out[i]
    return out


def _nmf(x, k: int, random_state: int, *, max_iter: int = _MAX_ITER):
    """(W, H) of an NMF fit with k components."""
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=max_iter)
    with warnings.catch_warnings():  # a theme's terms settle long before the tolerance
        warnings.simplefilter("ignore", ConvergenceWarning)
        w = model.fit_transform(x)
    return w, model.components_


def _top_sets(h: np.ndarray, top: int) -> list[set[int]]:
    order = np.argsort(-h, axis=1, kind="stable")[:, :top]
    return [{int(j) for j, w in zip(row, h[i, row], strict=True) if w > 0} for i, row in
            enumerate(order)]  # fmt: skip


def _agreement(a: list[set[int]], b: list[set[int]]) -> float:
    jac = np.array([[len(s & t) / len(s | t) if s | t else 0.0 for t in b] for s in a], dtype=float)
    rows, cols = linear_sum_assignment(-jac)
    return float(jac[rows, cols].mean())


def _stability(x, k: int, random_state: int) -> tuple[float, tuple[np.ndarray, np.ndarray]]:
    """Stability of k, and the (W, H) of the fit on all comments."""
    fit = _nmf(x, k, random_state)
    reference = _top_sets(fit[1], STABILITY_TOP)
    n = x.shape[0]
    size = max(k, round(_SUBSAMPLE * n))
    scores = []
    for run in range(STABILITY_RUNS):
        rng = np.random.default_rng([random_state, k, run])
        rows = np.sort(rng.choice(n, size=size, replace=False))
        sub = x[rows]
        h = _nmf(sub, k, random_state, max_iter=_STABILITY_ITER)[1]
        scores.append(_agreement(reference, _top_sets(h, STABILITY_TOP)))
    return float(np.mean(scores)), fit


def _blas_threads(n_docs: int) -> threadpool_limits:
    """Context: one BLAS thread for the NMF fits of fewer than :data:`SERIAL_BELOW` comments."""
    return threadpool_limits(limits=1 if n_docs < SERIAL_BELOW else None, user_api="blas")


def _empty(index: pd.Index, selection: pd.DataFrame | None = None) -> Themes:
    return Themes(
        themes=pd.DataFrame(
            {
                "theme": pd.Series(dtype="int64"),
                "label": pd.Series(dtype=object),
                "top_terms": pd.Series(dtype=object),
                "n_comments": pd.Series(dtype="int64"),
                "share": pd.Series(dtype="float64"),
            }
        ),
        document_weights=pd.DataFrame(index=index),
        document_theme=pd.Series(pd.NA, index=index, dtype="Int64", name="theme"),
        term_weights=pd.DataFrame(),
        n_themes=0,
        n_documents=0,
        selection=selection,
    )


def find_themes(
    comments: pd.Series | Iterable[object],
    *,
    n_themes: int | str = "auto",
    max_themes: int = 8,
    min_df: int = 3,
    n_terms: int = 8,
    random_state: int = 0,
) -> Themes:
    """Themes of Indonesian comments by TF-IDF and NMF, each named by its top terms.

    Parameters
    ----------
    comments
        The comments (a Series keeps its index in the outputs; any other
        iterable gets 0..n−1). Missing and empty comments are allowed.
    n_themes
        The number of themes k (at least 1), or ``"auto"``: the most stable
        k in 2..``max_themes`` (see the module docstring).
    max_themes
        The largest k tried by ``"auto"`` (at least 2).
    min_df
        Terms must occur in at least this many comments.
    n_terms
        Top terms listed per theme.
    random_state
        Seed of NMF and of the stability subsamples.

    Returns
    -------
    Themes
        See :class:`Themes`. When no comment has a feature (no comments, or
        too few for ``min_df``) the result has no themes, ``n_themes`` 0, all
        comments without a theme.

    Raises
    ------
    ParameterError
        For a bad parameter, or an integer ``n_themes`` larger than the
        number of comments with features or of terms.
    """
    func = "find_themes"
    if isinstance(n_themes, str):
        checks.choice(n_themes, "n_themes", func, ("auto",))
    else:
        checks.count(n_themes, "n_themes", func)
    max_themes = checks.count(max_themes, "max_themes", func, low=2)
    min_df = checks.count(min_df, "min_df", func)
    n_terms = checks.count(n_terms, "n_terms", func)
    random_state = checks.count(random_state, "random_state", func, low=0)

    series = comments if isinstance(comments, pd.Series) else pd.Series(list(comments))
    index = series.index
    texts = ["" if pd.isna(t) else str(t) for t in series.to_numpy(dtype=object)]
    has_features = np.array([len(_features(t)) > 0 for t in texts], dtype=bool)
    if has_features.sum() < max(min_df, 1):
        return _empty(index)

    vectorizer = TfidfVectorizer(
        analyzer=_analyzer, min_df=min_df, max_df=_MAX_DF, sublinear_tf=True, dtype=np.float64
    )
    try:
        x_all = vectorizer.fit_transform([t for t, f in zip(texts, has_features, strict=True) if f])
    except ValueError:  # every term pruned by min_df / max_df
        return _empty(index)
    features = vectorizer.get_feature_names_out()
    terms = np.array([_readable(t) for t in features], dtype=object)
    surface = _surface_forms(t for t, f in zip(texts, has_features, strict=True) if f)
    written = np.array([_readable(t, surface) for t in features], dtype=object)
    keep = np.asarray(x_all.getnnz(axis=1) > 0)
    rows = np.flatnonzero(has_features)[keep]
    x = x_all[keep]
    n_docs, n_feats = x.shape
    limit = min(n_docs, n_feats)

    selection = None
    if n_themes == "auto":
        ks = list(range(2, min(max_themes, limit) + 1))
        if not ks:
            return _empty(index)
        with _blas_threads(n_docs):
            results = [_stability(x, k, random_state) for k in ks]
        scores = [score for score, _ in results]
        selection = pd.DataFrame({"k": ks, "stability": scores})
        best = max(scores)
        pick = next(i for i, score in enumerate(scores) if score >= best - _TIE)
        k = ks[pick]
        w, h = results[pick][1]
    else:
        k = int(n_themes)
        if k > limit:
            raise ParameterError(
                f"The 'n_themes' parameter of {func} must be at most {limit} (the number of "
                f"comments with features or of terms, whichever is smaller). Got {k} instead."
            )
        with _blas_threads(n_docs):
            w, h = _nmf(x, k, random_state)

    sums = w.sum(axis=1, keepdims=True)
    w = np.divide(w, sums, out=np.zeros_like(w), where=sums > 0)
    strongest = np.where(sums.ravel() > 0, w.argmax(axis=1), -1)

    # Number the themes by size (then by total weight), largest first.
    sizes = np.bincount(strongest[strongest >= 0], minlength=k)
    order = np.lexsort((-w.sum(axis=0), -sizes))
    rank = np.empty(k, dtype=int)
    rank[order] = np.arange(k)
    w = w[:, order]
    h = h[order]
    sizes = sizes[order]
    strongest = np.where(strongest >= 0, rank[np.maximum(strongest, 0)], -1)

    top = np.argsort(-h, axis=1, kind="stable")[:, :n_terms]
    top_terms = [[str(written[j]) for j in row if h[i, j] > 0] for i, row in enumerate(top)]
    assigned = int(sizes.sum())
    table = pd.DataFrame(
        {
            "theme": np.arange(k, dtype="int64"),
            "label": [theme_label(t) for t in top_terms],
            "top_terms": top_terms,
            "n_comments": sizes.astype("int64"),
            "share": sizes / assigned if assigned else np.full(k, np.nan),
        }
    )
    weights = np.zeros((len(texts), k))
    weights[rows] = w
    theme_of = pd.array([pd.NA] * len(texts), dtype="Int64")
    valid = strongest >= 0
    theme_of[rows[valid]] = strongest[valid]
    return Themes(
        themes=table,
        document_weights=pd.DataFrame(weights, index=index, columns=pd.RangeIndex(k)),
        document_theme=pd.Series(theme_of, index=index, name="theme"),
        term_weights=pd.DataFrame(h, columns=list(terms)),
        n_themes=k,
        n_documents=int(valid.sum()),
        selection=selection,
    )


def themes_by(themes: Themes, frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Theme sizes within each group of a column aligned on the comments' index.

    Parameters
    ----------
    themes
        The result of :func:`find_themes`.
    frame
        A frame with the same index as the comments (e.g. the feedback table
        the comments came from, or a frame of dimension-score bands).
    by
        The grouping column (e.g. ``"program_id"``). Comments whose group is
        missing or whose index is not in ``frame`` are left out.

    Returns
    -------
    pandas.DataFrame
        One row per group and theme: ``by``, ``theme``, ``label``,
        ``n_comments`` (comments of the group whose strongest theme it is),
        ``n`` (comments of the group with a theme) and ``share``
        (n_comments / n). Every theme appears for every group (0 when none).

    Examples
    --------
    >>> import pandas as pd
    >>> comments = pd.Series(["narasumber jelas", "narasumber kurang jelas",
    ...                       "jadwal molor", "jadwal molor terus"] * 3)
    >>> found = find_themes(comments, n_themes=2, min_df=2)
    >>> frame = pd.DataFrame({"program_id": ["P1", "P1", "P2", "P2"] * 3})
    >>> themes_by(found, frame, "program_id")[["program_id", "theme", "n_comments", "n"]]
      program_id  theme  n_comments  n
    0         P1      0           0  6
    1         P1      1           6  6
    2         P2      0           6  6
    3         P2      1           0  6
    """
    func = "themes_by"
    if not isinstance(themes, Themes):
        raise ParameterError(
            f"The 'themes' parameter of {func} must be the Themes of find_themes. "
            f"Got {type(themes).__name__} instead."
        )
    if not isinstance(by, str):
        raise ParameterError(
            f"The 'by' parameter of {func} must be a column name. Got {by!r} instead."
        )
    require_columns(frame, {"by": by}, func)
    columns = [by, "theme", "label", "n_comments", "n", "share"]
    theme = themes.document_theme.dropna()
    group = frame[by].reindex(theme.index)
    ok = group.notna().to_numpy()
    data = pd.DataFrame({by: group.to_numpy()[ok], "theme": theme.to_numpy()[ok].astype(int)})
    if data.empty or themes.n_themes == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    if isinstance(frame[by].dtype, pd.CategoricalDtype):
        data[by] = pd.Categorical(data[by], categories=frame[by].cat.categories)
    counts = pd.crosstab(data[by], data["theme"]).reindex(
        columns=range(themes.n_themes), fill_value=0
    )
    counts = counts[counts.sum(axis=1) > 0]
    n = counts.sum(axis=1)
    out = counts.stack().rename("n_comments").reset_index()
    out.columns = [by, "theme", "n_comments"]
    out["n"] = out[by].map(n).astype("int64")
    out["n_comments"] = out["n_comments"].astype("int64")
    out["share"] = out["n_comments"] / out["n"]
    out["label"] = out["theme"].map(themes.themes.set_index("theme")["label"])
    out[by] = out[by].astype(object)
    return out[columns].sort_values([by, "theme"], ignore_index=True)
