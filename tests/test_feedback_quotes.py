"""Safe quotes: scrubbing personal data, representative quotes, escaping."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from kompetensi_toolkit.exceptions import MissingColumnError, ParameterError
from kompetensi_toolkit.feedback.quotes import (
    NameScrubber,
    escape_quote,
    representative_quotes,
    scrub,
)

LONG_DIGITS = re.compile(r"\d(?:[ .\-]?\d){7,}")

NAMES = [
    "Dr. Sri Wahyuni, S.E., M.M.",
    "Yohanes Latuconsina",
    "Hendra Siregar, S.Kom.",
    "Ratna Tuasikal, A.Md.Kep.",
    "Nyimas Rosmawati Handayani",
    "Drs. H. Zulkifli Nasution, M.Si.",
    "Magdalena Pattiasina",
    "Kgs. Taufik Firmansyah",
    "Theresia Wattimena, S.Pd.",
    "Samuel Simanjuntak",
]
#: The parts of 3 letters or more that must never survive (titles excluded).
NAME_PARTS = [
    "sri", "wahyuni", "yohanes", "latuconsina", "hendra", "siregar", "ratna", "tuasikal",
    "rosmawati", "handayani", "zulkifli", "nasution", "magdalena", "pattiasina", "taufik",
    "firmansyah", "theresia", "wattimena", "samuel", "simanjuntak",
]  # fmt: skip
FILLER = ["materi", "pelatihan", "sangat", "bermanfaat", "narasumber", "jadwal", "modul"]


def _nip(rng) -> str:
    y, m, d = rng.integers(1965, 2000), rng.integers(1, 13), rng.integers(1, 29)
    start = f"{rng.integers(1990, 2024)}{rng.integers(1, 13):02d}"
    return f"{y}{m:02d}{d:02d}", start, str(rng.integers(1, 3)), f"{rng.integers(1, 1000):03d}"


def _planted(rng) -> list[str]:
    """One identifier of every kind, as written in the wild."""
    birth, start, sex, serial = _nip(rng)
    op = rng.choice(["812", "813", "852", "877"])
    a, b = rng.integers(1000, 10000, 2)
    area, local = rng.choice(["0651", "0711", "061"]), rng.integers(100000, 1000000)
    return [
        f"{birth}{start}{sex}{serial}",
        f"{birth} {start} {sex} {serial}",
        f"{birth}.{start}.{sex}.{serial}",
        "".join(map(str, rng.integers(0, 10, rng.integers(8, 17)))),  # NIK, account, …
        f"{rng.integers(1000, 10000)} {rng.integers(1000, 10000)} {rng.integers(1000, 10000)}",
        f"user{rng.integers(10, 99)}.nama@gmail.com",
        f"bkd{rng.integers(1, 9)}@ambon.go.id",
        f"+62 {op}-{a}-{b}",
        f"+62 {op} {a} {b}",
        f"+62{op}{a}{b}",
        f"0{op} {a} {b}",
        f"0{op}-{a}-{b}",
        f"0{op}{a}{b}",
        f"({area}) {local}",
        f"{area}-{local}",
        f"62{op}{a}{b}",
        f"https://bit.ly/x{rng.integers(100, 999)}",
        f"www.bkpsdm{rng.integers(1, 9)}.go.id/pelatihan?id=3",
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "<a href='http://evil.example'>",
    ]


def _case(name: str, rng) -> str:
    return [str.upper, str.lower, str.title, str][rng.integers(4)](name)


def _bare(name: str) -> str:
    head = name.split(",")[0]
    words = [w for w in head.split() if w.rstrip(".").lower() not in {"dr", "drs", "h", "kgs"}]
    return " ".join(words)


def test_scrub_removes_every_planted_identifier():
    rng = np.random.default_rng(6)
    scrubber = NameScrubber(NAMES)
    for k in range(200):
        planted = _planted(rng)
        chosen = [planted[i] for i in rng.choice(len(planted), 4, replace=False)]
        name = NAMES[rng.integers(len(NAMES))]
        who = [_case(_bare(name), rng), _case(name, rng), _case(_bare(name).split()[-1], rng)]
        pieces = [FILLER[k % len(FILLER)], *chosen, who[k % 3], FILLER[(k + 3) % len(FILLER)]]
        text = " ".join(f"{p} kata" for p in pieces)
        out = scrub(text, scrubber, max_chars=None)
        for p in chosen:
            assert p not in out, (p, out)
        assert not LONG_DIGITS.search(out), out
        assert "@" not in out and "<" not in out and ">" not in out, out
        assert "http" not in out and "www" not in out and "script" not in out, out
        words = set(re.findall(r"[^\W\d_]+", out.casefold()))
        assert not words & set(NAME_PARTS), (text, out)
        assert FILLER[k % len(FILLER)] in words and FILLER[(k + 3) % len(FILLER)] in words
        assert out.count("kata") == len(pieces), out  # words around the identifiers remain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NIP 198501012010011001.", "NIP [angka]."),
        ("NIP: 19850101 201001 1 001 ya", "NIP: [angka] ya"),
        ("NIK 7371-0101-8501-0001", "NIK [angka]"),
        ("WA +62 812-3456-7890!", "WA [telepon]!"),
        ("hp 0812 3456 7890", "hp [telepon]"),
        ("kantor (0651) 123456", "kantor [telepon]"),
        ("wa 6281234567890", "wa [telepon]"),
        ("email Budi.S99@yahoo.co.id.", "email [email]."),
        ("email budi (at) gmail.com", "email [email]"),
        ("lihat https://bit.ly/abc, atau www.x.go.id/a", "lihat [tautan], atau [tautan]"),
        ("situs bkpsdm.ambon.go.id", "situs [tautan]"),
        ("<p>Materi</p><p><i>bagus</i></p>", "Materi bagus"),
        ("a <script>var x = 1;</script> b", "a b"),
        ("&lt;script&gt;alert(1)&lt;/script&gt; x", "x"),
        ("  banyak \n\t spasi  ", "banyak spasi"),
        ("tanggal 12-03-2024 dan 1.2.2025, JP 40, tahun 2024", None),
        ("nomor 0812\u200b3456\u200b7890", "nomor [telepon]"),
        ("nomor ０８１２３４５６７８９０", "nomor [telepon]"),
    ],
)
def test_scrub_forms(text, expected):
    assert scrub(text) == (text if expected is None else expected)


def test_names_that_are_common_words_handled_as_documented():
    s = NameScrubber(["Budi Santoso", "Indah Lestari, S.Pd.", "Hari", "Bagus Pratama"])
    # Ordinary words stay.
    plain = "Akal budi dan hari ini sangat indah, materinya bagus dan pratama"
    assert s(plain) == plain
    # After an honorific (any case), in the full name, or capitalised next to a name: replaced.
    assert s("terima kasih pak budi") == "terima kasih pak [nama]"
    assert s("Terima kasih Bu Hari.") == "Terima kasih Bu [nama]."
    assert s("bersama indah lestari") == "bersama [nama]"
    assert s("BUDI SANTOSO hadir") == "[nama] hadir"
    assert s("kata Indah Santoso") == "kata [nama]"
    assert s("santoso bagus sekali") == "[nama] bagus sekali"  # small letters: a word
    # Parts that are not words are replaced anywhere; "Sri" is a name, not a word.
    assert NameScrubber(["Sri Wahyuni"])("sri bilang materi bagus") == "[nama] bilang materi bagus"
    # Whole words only.
    assert s("Santosoan santoso") == "Santosoan [nama]"


def test_name_titles_and_degrees_are_dropped():
    s = NameScrubber(["Dr. Sri Wahyuni, S.E., M.M.", "Raden Ayu Melati Sari", None, "", " "])
    assert len(s) == 2
    assert s("Dr. Sri Wahyuni, S.E. hadir") == "Dr. [nama], S.E. hadir"
    assert s("bu melati sari") == "bu [nama]"
    assert s("materi dr. sekali") == "materi dr. sekali"  # a title alone is no name
    with pytest.raises(ParameterError, match="names"):
        NameScrubber("Budi Santoso")


def test_scrub_truncates_at_word_boundary():
    text = "materi sangat bermanfaat untuk pekerjaan saya"
    assert scrub(text, max_chars=30) == "materi sangat bermanfaat…"
    assert len(scrub(text, max_chars=30)) <= 30
    assert scrub(text, max_chars=len(text)) == text
    assert scrub(text, max_chars=None) == text
    assert scrub("a" * 50, max_chars=10) == "a" * 9 + "…"
    assert scrub("hubungi 0812 3456 7890 segera", max_chars=15) == "hubungi…"
    assert scrub(None) == "" and scrub(pd.NA) == "" and scrub(float("nan")) == ""
    with pytest.raises(ParameterError, match="max_chars"):
        scrub("x", max_chars=0)
    with pytest.raises(ParameterError, match="names"):
        scrub("x", names="Budi")


def _weights():
    comments = pd.Series(
        {
            10: "Narasumber Hendra Siregar menguasai materi",  # pengajar 0.9
            11: "Ruangan panas dan proyektor sering mati",  # sarana 1.0
            12: "ok",  # pengajar 0.95: too short
            13: "Narasumber   HENDRA siregar menguasai materi.",  # duplicate of 10
            14: "hub 0812 3456 7890 atau x@y.com",  # placeholders only
            15: "Pengajar sabar menjawab pertanyaan peserta",  # pengajar 0.7
            16: "Penjelasan pengajar kurang jelas sekali",  # pengajar 0.7: tie, after 15
            17: "Konsumsi telat dan acaranya molor terus",  # sarana 0.4: below min_weight
        },
        dtype="string",
    )
    weights = pd.DataFrame(
        {
            "pengajar": [0.9, 0.0, 0.95, 0.85, 0.99, 0.7, 0.7, 0.6],
            "sarana": [0.1, 1.0, 0.05, 0.15, 0.01, 0.3, 0.3, 0.4],
        },
        index=[10, 11, 12, 13, 14, 15, 16, 17],
    )
    return comments, weights


def test_representative_quotes_picks_top_weights_in_order():
    comments, weights = _weights()
    before_c, before_w = comments.copy(deep=True), weights.copy(deep=True)
    out = representative_quotes(comments, weights, names=["Hendra Siregar"], per_theme=3)
    assert list(out.columns) == ["theme", "rank", "quote", "weight", "n"]
    assert out["theme"].tolist() == ["pengajar"] * 3 + ["sarana"]
    assert out["rank"].tolist() == [1, 2, 3, 1]
    assert out["quote"].tolist() == [
        "Narasumber [nama] menguasai materi",
        "Pengajar sabar menjawab pertanyaan peserta",
        "Penjelasan pengajar kurang jelas sekali",
        "Ruangan panas dan proyektor sering mati",
    ]
    assert out["weight"].tolist() == [0.9, 0.7, 0.7, 1.0]
    assert out["n"].tolist() == [7, 7, 7, 1]
    pd.testing.assert_series_equal(comments, before_c)
    pd.testing.assert_frame_equal(weights, before_w)
    # The tie is broken by row order: reversing the rows swaps the two 0.7s.
    rev = representative_quotes(comments, weights.iloc[::-1], names=["Hendra Siregar"])
    assert rev["quote"].tolist()[1:3] == [
        "Penjelasan pengajar kurang jelas sekali",
        "Pengajar sabar menjawab pertanyaan peserta",
    ]


def test_representative_quotes_options():
    comments, weights = _weights()
    frame = comments.to_frame("comment").assign(program_id="P1")
    one = representative_quotes(frame, weights, per_theme=1, min_weight=0.4)
    assert one["quote"].tolist() == [
        "Narasumber Hendra Siregar menguasai materi",  # no names given: not scrubbed
        "Ruangan panas dan proyektor sering mati",
    ]
    assert one["n"].tolist() == [7, 2]
    cut = representative_quotes(comments, weights, per_theme=1, max_chars=20)
    assert cut["quote"].tolist() == ["Narasumber Hendra…", "Ruangan panas dan…"]
    short_ok = representative_quotes(comments, weights, per_theme=1, min_chars=0)
    assert short_ok["quote"].iloc[0] == "ok"
    subset = representative_quotes(comments, weights.loc[[11, 17]], min_weight=0.0)
    assert subset["quote"].tolist()[:1] == ["Konsumsi telat dan acaranya molor terus"]


def test_representative_quotes_empty_and_errors():
    comments, weights = _weights()
    empty = representative_quotes(comments.iloc[:0], weights.iloc[:0])
    assert empty.empty and list(empty.columns) == ["theme", "rank", "quote", "weight", "n"]
    assert representative_quotes(comments, weights.iloc[:, :0]).empty
    assert representative_quotes(comments, weights, min_weight=1.0).shape[0] == 1
    nan_w = weights.astype(float)
    nan_w.loc[11, "sarana"] = np.nan
    assert "sarana" not in set(representative_quotes(comments, nan_w)["theme"])
    with pytest.raises(ParameterError, match="per_theme"):
        representative_quotes(comments, weights, per_theme=0)
    with pytest.raises(ParameterError, match="min_weight"):
        representative_quotes(comments, weights, min_weight=1.5)
    with pytest.raises(ParameterError, match="min_chars"):
        representative_quotes(comments, weights, min_chars=-1)
    with pytest.raises(ParameterError, match="weights"):
        representative_quotes(comments, weights.set_axis(range(8)))
    with pytest.raises(ParameterError, match="weights"):
        representative_quotes(comments, weights.to_numpy())
    with pytest.raises(MissingColumnError, match="comment"):
        representative_quotes(comments.to_frame("text"), weights)


def test_escape_quote_makes_markup_inert():
    out = escape_quote("<script>alert(1)</script> *x*")
    assert out == "&lt;script&gt;alert(1)&lt;/script&gt; \\*x\\*"
    assert "<" not in out and ">" not in out
    assert escape_quote("a \"b\" 'c' [d](e) `f` | $g$ &") == (
        "a &quot;b&quot; &#x27;c&#x27; \\[d\\](e) \\`f\\` \\| \\$g\\$ &amp;"
    )
    assert escape_quote("baris\n# judul\n- butir") == "baris # judul - butir"
    assert escape_quote(None) == "" and escape_quote(pd.NA) == ""
    # Scrubbed then escaped: nothing left of the tag, nothing interpreted.
    assert escape_quote(scrub("<b>tebal</b> *miring*")) == "tebal \\*miring\\*"


def test_sample_comments_scrubbed(sample_dir):
    from kompetensi_toolkit.loaders import load_dataset
    from kompetensi_toolkit.sample import REGIONS

    email = re.compile(r"\S+@\S+")
    phone = re.compile(r"(?:\+62 |0)8\d\d[- ]?\d{4}[- ]?\d{4}")
    planted = unchanged = 0
    for region in (r.region_id for r in REGIONS):
        ds = load_dataset(sample_dir, region)
        assert "name" not in ds.employees  # names live apart, only for scrubbing
        scrubber = NameScrubber(ds.staff_names)
        assert len(scrubber) == len(ds.staff_names) > 0
        for raw in ds.feedback["comment"].dropna():
            out = scrub(raw, scrubber, max_chars=None)
            found = email.findall(raw) + phone.findall(raw)
            planted += len(found)
            for p in found:
                assert p.rstrip(".,") not in out, (raw, out)
            assert "@" not in out and not LONG_DIGITS.search(out)
            if not found:
                # The generator's comments hold no names: nothing else may change.
                assert out == " ".join(raw.split()), (raw, out)
                unchanged += 1
    assert planted > 0 and unchanged > 300
