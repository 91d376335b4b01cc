"""Indonesian free text: normalising, stop list, protected words, negations, polarity."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kompetensi_toolkit.feedback import text
from kompetensi_toolkit.feedback.text import (
    KEEP_WORDS,
    NEGATIONS,
    PROTECT,
    SLANG,
    negation_bigrams,
    normalise,
    polarity,
    polarity_coverage,
    stop_words,
    tokens,
)


def test_normalise_case_html_urls_emails_digits():
    raw = "<p>Materi <b>SANGAT</b> Bagus &amp; jelas</p> lihat https://bkd.go.id/x ke a.b@x.com 0812345"
    assert normalise(raw) == "materi sangat bagus jelas lihat ke"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("bagusss", "bagus"),
        ("mantaaaap", "mantap"),
        ("sangaaat jelaaas", "sangat jelas"),
        ("saat maaf", "saat maaf"),  # legitimate double letters kept
        ("saaaat", "saat"),  # the doubled form is a dictionary word
    ],
)
def test_normalise_squeezes_repeated_letters(raw, expected):
    assert normalise(raw) == expected


def test_normalise_slang_and_punctuation():
    assert normalise("Gak jelas, tdk nyambung; bgt!!! yg dgn krn sdh udah blm bs utk") == (
        "tidak jelas tidak sambung sangat yang dengan karena sudah sudah belum bisa untuk"
    )
    assert normalise("nggak enggak ga tak") == "tidak tidak tidak tidak"
    assert normalise("mantul") == "mantap"
    assert normalise("kira-kira sehari-hari") == "kira sehari hari"
    assert all(v == v.lower() for v in SLANG.values())


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, "", "  !!! 123 "])
def test_normalise_missing_and_empty(missing):
    assert normalise(missing) == ""
    assert tokens(missing) == []


def test_stop_list_keeps_negations_and_evaluative_words():
    stops = stop_words()
    assert NEGATIONS <= KEEP_WORDS
    assert not (stops & KEEP_WORDS)
    # Sastrawi's list holds these; ours must not.
    for word in ("tidak", "bukan", "kurang", "belum", "sangat", "baik", "jelas", "jangan", "tanpa"):
        assert word not in stops
    # Ordinary function words are still stop words.
    for word in ("yang", "dan", "di", "untuk", "saya", "serta", "adalah"):
        assert word in stops
    assert isinstance(stops, frozenset) and len(stops) > 700
    assert stop_words() is stops  # cached


@pytest.mark.parametrize(
    "word", ["peserta", "pelatihan", "widyaiswara", "narasumber", "diklat", "jp", "bimtek"]
)
def test_protected_words_survive_tokens(word):
    assert word in PROTECT
    assert tokens(f"para {word} hadir") == [word, "hadir"]
    assert tokens(f"{word}nya") == [word]


def test_tokens_stem_and_drop_stop_words():
    assert tokens("Peserta merasa materinya sangat bermanfaat dan tidak membosankan") == [
        "peserta", "materi", "sangat", "manfaat", "tidak", "bosan",
    ]  # fmt: skip
    assert "serta" not in tokens("peserta pesertanya PESERTA")
    assert tokens("Pelatihan bermanfaat", stem=False) == ["pelatihan", "bermanfaat"]
    assert tokens("JP 32 jam") == ["jp", "jam"]


def test_stem_is_cached():
    text.stem.cache_clear()
    tokens("kegiatan penjelasan bermanfaat bermanfaat")
    info = text.stem.cache_info()
    assert info.hits >= 1 and info.currsize == 3


def test_negation_bigrams():
    assert negation_bigrams(tokens("Penjelasan narasumber tidak jelas")) == [
        "penjelasan", "narasumber", "tidak_jelas",
    ]  # fmt: skip
    assert negation_bigrams(["kurang", "manfaat", "waktu", "belum"]) == [
        "kurang_manfaat", "waktu", "belum",
    ]  # fmt: skip
    assert negation_bigrams(["tidak", "kurang", "jelas"]) == ["tidak_kurang_jelas"]
    assert negation_bigrams([]) == []
    words = ["tidak", "jelas"]
    negation_bigrams(words)
    assert words == ["tidak", "jelas"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Materi sangat bermanfaat untuk pekerjaan saya.", "praise"),
        ("Narasumbernya mantul, penjelasan jelas bgt", "praise"),
        ("Tidak ada kendala, materi mudah dipahami.", "praise"),
        ("Sangat puas, tidak mengecewakan.", "praise"),
        ("Penjelasan narasumber kurang jelas.", "complaint"),
        ("Materi gak nyambung sama kerjaan di kantor.", "complaint"),
        ("Ruangan panas dan proyektor sering mati.", "complaint"),
        ("Modul tidak dibagikan kepada peserta.", "complaint"),
        ("Materinya oke tapi waktunya kurang.", "complaint"),  # tie: the last hit decides
        ("Waktunya kurang tapi materinya bagus.", "praise"),
        ("Sebaiknya ada sesi praktik langsung.", "suggestion"),
        ("Materi jelas. Semoga ada pelatihan lanjutan.", "suggestion"),
        ("Kalau bisa jadwalnya jangan akhir tahun.", "suggestion"),
        ("Mohon materi dibagikan.", "suggestion"),
        ("Biasa saja.", None),
        ("", None),
    ],
)
def test_polarity_rules(sentence, expected):
    assert polarity(sentence) == expected


def test_polarity_coverage_counts():
    texts = ["Bagus", "Kurang jelas", "Mohon diperbaiki", "Biasa saja", "", None]
    out = polarity_coverage(pd.Series(texts, dtype="string"))
    assert out["n"] == 4
    assert out["n_classified"] == 3
    assert out["coverage"] == pytest.approx(0.75)
    assert out["share_praise"] == out["share_complaint"] == out["share_suggestion"] == 0.25
    empty = polarity_coverage([])
    assert empty["n"] == 0 and math.isnan(empty["coverage"])


def test_polarity_on_sample_comments(sample_dir):
    from kompetensi_toolkit.loaders import load_dataset

    comments = load_dataset(sample_dir, "ambon").feedback["comment"]
    before = comments.copy()
    out = polarity_coverage(comments)
    pd.testing.assert_series_equal(comments, before)
    assert out["n"] > 20
    assert out["coverage"] > 0.8  # the generated comments are mostly evaluative
    assert out["share_praise"] > 0 and out["share_complaint"] > 0 and out["share_suggestion"] > 0


def test_normalise_and_polarity_are_cached_per_distinct_comment():
    # Comments repeat: each distinct text is normalised and scored once.
    text._normalise.cache_clear()
    text._scores_normalised.cache_clear()
    comments = ["Materinya BAGUS bgt!", "Narasumber tdk jelas.", "Materinya BAGUS bgt!"] * 20
    assert polarity_coverage(comments)["share_praise"] == pytest.approx(2 / 3)
    assert text._normalise.cache_info().misses == 2
    assert text._scores_normalised.cache_info().misses == 2
    # Not a string: normalised as its text, missing values are "", nothing cached for them.
    assert normalise(12.5) == "" and normalise("Tdk 12 x") == "tidak x" and normalise(None) == ""
    assert normalise(pd.NA) == "" and normalise("Tdk") == normalise(pd.Series(["Tdk"]).iloc[0])
    assert polarity("Materinya BAGUS bgt!") == "praise"
    assert polarity(pd.NA) is None
