"""Themes of comments by TF-IDF + NMF: planted topics, determinism, grouping, the sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from conftest import blas_threads, record_blas_threads
from kompetensi_toolkit.exceptions import MissingColumnError, ParameterError
from kompetensi_toolkit.feedback.themes import Themes, find_themes, theme_label, themes_by

#: Three disjoint vocabularies: trainer/explanation, schedule/facilities, usefulness.
VOCABULARIES = (
    ("narasumber", "penjelasan", "menguasai", "pengajar", "widyaiswara", "interaktif",
     "contoh", "presentasi", "sabar", "komunikatif"),
    ("jadwal", "ruangan", "konsumsi", "proyektor", "sinyal", "kursi", "toilet", "parkir",
     "asrama", "listrik"),
    ("aplikatif", "diterapkan", "pekerjaan", "kantor", "tugas", "relevan", "berguna",
     "meningkatkan", "kinerja", "pelayanan"),
)  # fmt: skip
NOISE = ("hari", "kelompok", "diskusi", "semangat", "teman", "kota", "acara", "minggu")


def planted(n: int = 300, seed: int = 1) -> tuple[pd.Series, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = rng.integers(3, size=n)
    out = []
    for label in labels:
        words = list(rng.choice(VOCABULARIES[label], size=rng.integers(3, 6), replace=False))
        if rng.random() < 0.5:
            words.append(str(rng.choice(NOISE)))
        out.append("yang " + " ".join(words) + " dan")
    index = pd.Index([f"R{i:04d}" for i in range(n)], name="response_id")
    return pd.Series(out, index=index, dtype="string"), labels


@pytest.fixture(scope="module")
def comments():
    return planted()


def found_labels(found: Themes) -> np.ndarray:
    return found.document_theme.to_numpy(dtype=float, na_value=-1)


def test_recovers_planted_topics_with_three_themes(comments):
    texts, labels = comments
    before = texts.copy()
    found = find_themes(texts, n_themes=3)
    pd.testing.assert_series_equal(texts, before)
    assert found.n_themes == 3 and found.n_documents == len(texts)
    assert adjusted_rand_score(labels, found_labels(found)) >= 0.8
    # Each planted topic maps to one theme, whose top terms come from its vocabulary.
    stems = {
        "narasumber": 0, "penjelasan": 0, "pengajar": 0, "widyaiswara": 0, "sabar": 0,
        "contoh": 0, "jadwal": 1, "ruang": 1, "kursi": 1, "asrama": 1, "listrik": 1,
        "toilet": 1, "aplikatif": 2, "terap": 2, "kerja": 2, "kinerja": 2, "relevan": 2,
        "guna": 2, "tingkat": 2,
    }  # fmt: skip
    matched = set()
    for terms in found.themes["top_terms"]:
        topics = {stems[t] for t in terms[:3] if t in stems}
        assert len(topics) == 1
        matched |= topics
    assert matched == {0, 1, 2}


def test_auto_picks_three(comments):
    texts, labels = comments
    found = find_themes(texts, n_themes="auto", max_themes=6)
    assert found.n_themes == 3
    sel = found.selection
    assert list(sel["k"]) == [2, 3, 4, 5, 6]
    assert sel.loc[sel["stability"].idxmax(), "k"] == 3
    assert adjusted_rand_score(labels, found_labels(found)) >= 0.8


def test_output_shapes_and_values(comments):
    texts, _ = comments
    texts = pd.concat([texts, pd.Series(["", None, "yang dan"], index=["E1", "E2", "E3"])])
    found = find_themes(texts, n_themes=3)
    table = found.themes
    assert list(table.columns) == ["theme", "label", "top_terms", "n_comments", "share"]
    assert list(table["theme"]) == [0, 1, 2]
    assert table["n_comments"].is_monotonic_decreasing  # numbered by size
    assert table["n_comments"].sum() == 300
    assert table["share"].sum() == pytest.approx(1.0)
    for terms, label in zip(table["top_terms"], table["label"], strict=True):
        assert label == theme_label(terms) and len(terms) == 8
    weights = found.document_weights
    assert weights.index.equals(texts.index) and list(weights.columns) == [0, 1, 2]
    sums = weights.sum(axis=1)
    assert np.allclose(sums.iloc[:300], 1.0) and (sums.loc[["E1", "E2", "E3"]] == 0).all()
    assert found.document_theme.loc[["E1", "E2", "E3"]].isna().all()
    assert found.document_theme.dtype == "Int64"
    assert (found.document_theme.iloc[:300] == weights.iloc[:300].idxmax(axis=1)).all()
    counts = found.document_theme.value_counts().sort_index()
    assert list(counts) == list(table["n_comments"])
    assert found.term_weights.shape[0] == 3


def test_negation_bigrams_and_word_bigrams_are_features():
    texts = pd.Series(
        ["narasumber tidak jelas", "penjelasan tidak jelas sekali", "modul tidak jelas"] * 4
        + ["jadwal molor terus", "jadwal molor lagi", "konsumsi jadwal molor"] * 4
    )
    found = find_themes(texts, n_themes=2, min_df=2)
    terms = [t for ts in found.themes["top_terms"] for t in ts]
    assert "tidak jelas" in terms and "jadwal molor" in terms
    assert "jelas" not in terms  # absorbed into the negation bigram


def test_no_bigram_across_a_comma_or_full_stop():
    texts = pd.Series(
        ["ruangan panas, jadwal molor", "ruangan panas. jadwal molor"] * 6
        + ["materi bermanfaat sekali"] * 4
    )
    found = find_themes(texts, n_themes=2, min_df=2)
    terms = found.term_weights.columns
    assert "ruang panas" in terms and "jadwal molor" in terms  # features are stems
    assert "panas jadwal" not in terms


def test_terms_are_shown_as_people_wrote_them():
    # stems "mohon", "materi", "bagi": "dibagikan" is written most, "bagi" never
    texts = pd.Series(
        ["mohon materi dibagikan"] * 5 + ["dimohon materi dibagikan"] * 2
        + ["ruangan panas sekali"] * 6
    )  # fmt: skip
    found = find_themes(texts, n_themes=2, min_df=2)
    terms = [t for ts in found.themes["top_terms"] for t in ts]
    assert "dibagikan" in terms and "materi dibagikan" in terms
    assert "bagi" not in terms and "dimohon" not in terms and "mohon" in terms
    assert "bagi" in found.term_weights.columns  # the features themselves stay stems


@pytest.mark.parametrize(
    ("terms", "label"),
    [
        (["jadwal", "jadwal molor", "molor", "ruangan"], "jadwal molor, ruangan"),
        (["a b", "a", "b", "c", "d", "e"], "a b, c, d"),
        (["waktunya kurang", "materi oke", "oke waktunya", "sesi"],
         "waktunya kurang, materi oke, sesi"),
        (["x", "y", "x y", "z"], "x y, z"),  # the phrase takes both words' places
        # "waktunya kurang" replaces "kurang"; "oke waktunya" then says nothing new
        (["kurang", "materi oke", "oke waktunya", "waktunya kurang", "waktunya", "pelatihan"],
         "waktunya kurang, materi oke, pelatihan"),
        ([], ""),
    ],
)  # fmt: skip
def test_theme_label(terms, label):
    assert theme_label(terms) == label


def test_deterministic(comments):
    texts, _ = comments
    a = find_themes(texts, n_themes="auto", max_themes=4, random_state=3)
    b = find_themes(texts, n_themes="auto", max_themes=4, random_state=3)
    pd.testing.assert_frame_equal(a.themes, b.themes)
    pd.testing.assert_frame_equal(a.document_weights, b.document_weights)
    pd.testing.assert_frame_equal(a.selection, b.selection)


def test_plain_list_gets_range_index():
    found = find_themes(["jadwal molor", "jadwal padat", "materi jelas", "materi bagus"] * 3,
                        n_themes=2, min_df=2)  # fmt: skip
    assert found.document_weights.index.equals(pd.RangeIndex(12))


def test_empty_and_too_few_comments():
    for given in ([], pd.Series(["", None], dtype="string"), ["satu kata"]):
        found = find_themes(given)
        assert found.n_themes == 0 and found.themes.empty
        assert len(found.document_theme) == len(given) and found.document_theme.isna().all()


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"n_themes": 0}, "n_themes"),
        ({"n_themes": "best"}, "n_themes"),
        ({"n_themes": 2.5}, "n_themes"),
        ({"max_themes": 1}, "max_themes"),
        ({"min_df": 0}, "min_df"),
        ({"n_terms": 0}, "n_terms"),
        ({"random_state": -1}, "random_state"),
        ({"n_themes": 500}, "n_themes"),
    ],
)
def test_parameter_errors(comments, kwargs, name):
    with pytest.raises(ParameterError, match=name):
        find_themes(comments[0], **kwargs)


def test_themes_by(comments):
    texts, labels = comments
    found = find_themes(texts, n_themes=3)
    frame = pd.DataFrame({"program_id": np.where(labels == 0, "P1", "P2")}, index=texts.index).iloc[
        ::-1
    ]  # alignment is by index, not position
    before = frame.copy()
    out = themes_by(found, frame, "program_id")
    pd.testing.assert_frame_equal(frame, before)
    assert list(out.columns) == ["program_id", "theme", "label", "n_comments", "n", "share"]
    assert len(out) == 6
    p1 = out[out["program_id"] == "P1"]
    assert (p1["n"] == (labels == 0).sum()).all()
    assert p1["share"].max() > 0.95  # P1 holds only the trainer topic
    assert out.groupby("program_id")["share"].sum().to_numpy() == pytest.approx([1, 1])
    assert out["n_comments"].sum() == len(texts)
    # Missing groups are left out.
    frame2 = frame.copy()
    frame2.iloc[:10, 0] = None
    assert themes_by(found, frame2, "program_id")["n_comments"].sum() == len(texts) - 10


def test_themes_by_errors(comments):
    found = find_themes(comments[0], n_themes=2)
    with pytest.raises(MissingColumnError, match="program_id"):
        themes_by(found, pd.DataFrame({"x": [1]}), "program_id")
    with pytest.raises(ParameterError, match="themes"):
        themes_by("nope", pd.DataFrame({"x": [1]}), "x")
    empty = themes_by(find_themes([]), pd.DataFrame({"x": []}), "x")
    assert empty.empty and "n_comments" in empty.columns


def test_sample_comments(sample_dir):
    from kompetensi_toolkit.loaders import load_dataset

    feedback = load_dataset(sample_dir, "ambon").feedback
    comments = feedback["comment"]
    found = find_themes(comments, max_themes=5)
    assert 2 <= found.n_themes <= 5
    assert found.n_documents > 20
    terms = [t for ts in found.themes["top_terms"] for t in ts]
    assert terms and all(isinstance(t, str) and t for t in terms)
    assert "serta" not in terms and not any(t.split()[0] == "serta" for t in terms)
    assert found.document_weights.index.equals(comments.index)
    by = themes_by(found, feedback, "program_id")
    assert by.groupby("program_id")["n_comments"].sum().sum() == found.n_documents


def test_fits_run_on_one_blas_thread_and_limits_are_restored(comments, monkeypatch):
    # BLAS threads cost more than they save on a region's comments (far more when
    # other reports share the cores); the limit must not leak out of find_themes.
    from kompetensi_toolkit.feedback import themes

    seen = record_blas_threads(monkeypatch, themes, "_nmf")
    texts, _ = comments
    before = blas_threads()
    serial = find_themes(texts, n_themes="auto", max_themes=4)
    assert len(seen) == 3 * (1 + themes.STABILITY_RUNS)
    assert all(s == {1} for s in seen)
    find_themes(texts, n_themes=3)
    assert seen[-1] == {1}
    assert blas_threads() == before

    # Above SERIAL_BELOW comments the limit is off; the themes are the same.
    monkeypatch.setattr(themes, "SERIAL_BELOW", 0)
    seen.clear()
    threaded = find_themes(texts, n_themes="auto", max_themes=4)
    assert all(s == before for s in seen)
    pd.testing.assert_frame_equal(serial.themes, threaded.themes)
    pd.testing.assert_frame_equal(serial.selection, threaded.selection)
    np.testing.assert_allclose(
        serial.document_weights.to_numpy(), threaded.document_weights.to_numpy(), atol=1e-12
    )
