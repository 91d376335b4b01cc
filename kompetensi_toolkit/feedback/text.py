"""Indonesian free text of the feedback comments: normalising, tokens, polarity.

The comments participants write after a programme are short, informal
Indonesian: "materinya bagusss bgt", "narasumber tdk jelas", "gak nyambung".
This module turns them into tokens fit for counting and themes
(:mod:`kompetensi_toolkit.feedback.themes`) in four transparent steps:

1. :func:`normalise`: lower case; HTML entities decoded and tags removed;
   URLs, e-mail addresses and digit runs removed (not replaced by a
   placeholder: they carry no theme, and quotes are scrubbed separately);
   exact reduplication joined ("kira-kira" → "kira"), other punctuation and
   the underscore to spaces; runs of three or more of the same letter
   squeezed ("bagusss" → "bagus", "mantaaap" → "mantap") to one letter, or to
   two where the doubled form is a word of the Sastrawi root-word dictionary
   ("saaaat" → "saat"; legitimate double letters such as "saat", "maaf" are
   never touched); colloquial spellings and abbreviations mapped through
   :data:`SLANG` ("gak", "tdk" → "tidak"; "bgt", "banget" → "sangat").
2. :func:`tokens`: the normalised words minus the stop list
   (:func:`stop_words`: Sastrawi's list less :data:`KEEP_WORDS`, so negations
   and evaluative words stay), each stemmed with PySastrawi except the domain
   words of :data:`PROTECT` ("peserta" would become "serta", "pelatihan"
   "latih", "pemateri" "materi"), also when they carry the suffix -nya, -lah,
   -kah, -pun, -ku or -mu.
3. :func:`negation_bigrams`: a negation joined to the word after it
   ("tidak jelas" → "tidak_jelas"), so the idea stays one feature.
4. :func:`polarity`: praise, complaint or suggestion from a small rule set
   (:data:`SUGGESTION_MARKERS`, :data:`POSITIVE_WORDS`,
   :data:`NEGATIVE_WORDS`, :data:`NEGATIONS`); :func:`polarity_coverage`
   reports the share of comments it classifies.

Nothing is downloaded: the stop list, the root-word dictionary and the
stemmer are those shipped with PySastrawi (MIT licence).

Examples
--------
>>> normalise("Materinya BAGUSSS bgt, tp jadwal <b>tdk</b> jelas!!")
'materinya bagus sangat tapi jadwal tidak jelas'
>>> tokens("Penjelasan narasumber kurang jelas, peserta bingung")
['penjelasan', 'narasumber', 'kurang', 'jelas', 'peserta', 'bingung']
>>> negation_bigrams(["narasumber", "kurang", "jelas"])
['narasumber', 'kurang_jelas']
>>> polarity("Sebaiknya ada sesi praktik."), polarity("Materi tidak relevan.")
('suggestion', 'complaint')
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Iterable, Sequence

import pandas as pd

__all__ = [
    "KEEP_WORDS",
    "NEGATIONS",
    "NEGATIVE_WORDS",
    "POLARITIES",
    "POSITIVE_WORDS",
    "PROTECT",
    "SLANG",
    "SUGGESTION_MARKERS",
    "negation_bigrams",
    "normalise",
    "polarity",
    "polarity_coverage",
    "stem",
    "stop_words",
    "tokens",
]

#: Colloquial spellings and abbreviations → standard Indonesian (applied per
#: word after lower-casing). The intensifiers "banget"/"bgt" map to "sangat" so
#: that "bagus bgt" and "sangat bagus" count alike; "telat" maps to
#: "terlambat"; "mantul" (mantap betul) to "mantap". A value may hold two words.
SLANG: dict[str, str] = {
    # negation
    "gak": "tidak", "ga": "tidak", "gk": "tidak", "g": "tidak", "nggak": "tidak",
    "ngga": "tidak", "enggak": "tidak", "engga": "tidak", "ndak": "tidak", "nda": "tidak",
    "tdk": "tidak", "tak": "tidak", "kagak": "tidak", "blm": "belum", "belom": "belum",
    "krg": "kurang", "kurg": "kurang", "jgn": "jangan",
    # intensifiers and evaluative words
    "bgt": "sangat", "banget": "sangat", "bngt": "sangat", "sgt": "sangat", "sngt": "sangat",
    "bgs": "bagus", "mantul": "mantap", "mantab": "mantap", "ok": "oke", "okey": "oke",
    "okay": "oke", "oky": "oke", "telat": "terlambat", "ribet": "rumit",
    # function words
    "yg": "yang", "dgn": "dengan", "dg": "dengan", "krn": "karena", "karna": "karena",
    "sdh": "sudah", "udah": "sudah", "udh": "sudah", "dah": "sudah", "bs": "bisa",
    "bisa2": "bisa", "utk": "untuk", "untk": "untuk", "tp": "tapi", "tpi": "tapi",
    "jg": "juga", "aja": "saja", "aj": "saja", "sj": "saja", "dr": "dari", "dri": "dari",
    "pd": "pada", "trs": "terus", "kalo": "kalau", "klo": "kalau", "kl": "kalau",
    "gimana": "bagaimana", "gmn": "bagaimana", "bnyk": "banyak", "byk": "banyak",
    "sy": "saya", "org": "orang", "jd": "jadi", "jdi": "jadi", "lbh": "lebih",
    "msh": "masih", "sm": "sama", "sma": "sama", "hrs": "harus", "sgl": "segala",
    "dll": "dan lain", "dsb": "dan sebagainya", "tsb": "tersebut", "spy": "supaya",
    "smg": "semoga", "mhn": "mohon", "trm": "terima", "makasih": "terima kasih",
    "makasi": "terima kasih", "trims": "terima kasih", "thx": "terima kasih",
    "kasi": "kasih", "kerjaan": "pekerjaan", "nyambung": "sambung",
}  # fmt: skip

#: Words that negate the word after them. Kept out of the stop list.
NEGATIONS: frozenset[str] = frozenset(
    {"tidak", "bukan", "belum", "kurang", "jangan", "tanpa", "tiada", "takkan"}
)

#: Evaluative words of the comments: with the negations they are removed from
#: Sastrawi's stop list (which holds baik, jelas, sangat, cukup, lama …).
KEEP_WORDS: frozenset[str] = NEGATIONS | frozenset(
    {
        "sangat", "amat", "terlalu", "cukup", "lebih", "baik", "bagus", "jelas", "buruk",
        "jelek", "lambat", "cepat", "lama", "puas", "bermanfaat", "manfaat", "membantu",
        "mudah", "sulit", "susah", "penting", "enak", "percuma", "tepat", "sesuai", "relevan",
        "menarik", "lengkap", "singkat", "panjang", "padat", "kecil", "besar", "banyak",
        "sedikit", "baru", "langsung", "tambah", "perlu", "mohon", "sebaiknya", "agar",
        "semoga", "saran", "harap", "masalah", "kasus", "praktik", "waktunya", "sering",
    }
)  # fmt: skip

#: Domain words the Sastrawi stemmer changes badly, left unstemmed. Checked one
#: by one: peserta → serta, pelatihan → latih, pengajar → ajar (as
#: pembelajaran), pemateri → materi, penjelasan → jelas (the evaluative word),
#: kegiatan → giat, jabatan → jabat, pelaksanaan → laksana ("like"),
#: pengetahuan → tahu, penyelenggara → selenggara, penyampaian → sampai,
#: pelayanan → layan, pendampingan → damping, pemerintah → perintah,
#: sebaiknya → baik ("should" would read as the praise "good"),
#: pegawai and the names and abbreviations of training (widyaiswara,
#: narasumber, diklat, jp, bimtek, latsar …) are protected although the
#: stemmer now leaves them, so that a future stemmer cannot touch them.
PROTECT: frozenset[str] = frozenset(
    {
        "peserta", "pelatihan", "widyaiswara", "narasumber", "diklat", "jp", "bimtek",
        "materi", "pemateri", "pengajar", "penjelasan", "kegiatan", "jabatan",
        "pelaksanaan", "pengetahuan", "penyelenggara", "penyelenggaraan", "penyampaian",
        "pelayanan", "pendampingan", "pemerintah", "pembelajaran", "pegawai", "panitia",
        "fasilitator", "modul", "sertifikat", "latsar", "asn", "pns", "pppk", "pkp", "pka",
        "pkn", "diklatpim", "sesi", "daring", "luring", "kompetensi", "pemda", "opd",
        "aplikasi", "zoom", "webinar", "mentoring", "coaching", "evaluasi", "instansi",
        "sebaiknya",
    }
)  # fmt: skip

#: Words (or, after stemming, roots) that mark a suggestion; "kalau bisa" as a pair.
SUGGESTION_MARKERS: frozenset[str] = frozenset(
    {
        "sebaiknya", "semoga", "moga", "perlu", "mohon", "saran", "harap", "agar", "supaya",
        "tolong", "hendaknya", "seharusnya", "usul", "usulan", "kalau bisa", "alangkah",
        "diharapkan",
    }
)  # fmt: skip

#: Positive evaluative words (or roots).
POSITIVE_WORDS: frozenset[str] = frozenset(
    {
        "baik", "bagus", "jelas", "manfaat", "bermanfaat", "bantu", "membantu", "puas", "mudah",
        "paham", "mengerti", "menarik", "seru", "mantap", "oke", "ramah", "sabar", "aplikatif",
        "relevan", "lancar", "nyaman", "lengkap", "sesuai", "tepat", "kuasa", "menguasai",
        "terap", "interaktif", "inspiratif", "hebat", "keren", "sukses", "lumayan", "senang",
        "suka", "stabil", "sambung", "efektif", "berguna", "guna", "terima kasih", "kompeten",
    }
)  # fmt: skip

#: Negative evaluative words (or roots). "kurang" and "terlalu" also count
#: when they end a comment ("waktunya kurang").
NEGATIVE_WORDS: frozenset[str] = frozenset(
    {
        "buruk", "jelek", "lambat", "terlambat", "panas", "dingin", "mati", "rusak", "kendala",
        "masalah", "bosan", "membosankan", "kecewa", "mengecewakan", "sulit", "susah", "rumit",
        "bingung", "padat", "molor", "kacau", "ganggu", "gangguan", "lelet", "sempit", "kotor",
        "pengap", "berisik", "monoton", "mahal", "percuma", "terlalu", "kurang", "ngantuk",
        "lelah", "capek", "buang", "hilang", "putus", "telat",
    }
)  # fmt: skip

#: The labels :func:`polarity` gives.
POLARITIES: tuple[str, ...] = ("praise", "complaint", "suggestion")

#: Words skipped between a negation and the word it negates ("tidak ada
#: kendala", "tidak terlalu jelas", "tidak bisa diterapkan").
_NEGATION_SKIP = frozenset(
    {"ada", "terlalu", "begitu", "cukup", "sangat", "bisa", "dapat", "pernah", "sempat", "mau"}
)
_SUFFIXES = ("nya", "lah", "kah", "pun", "ku", "mu")
_HTML_TAG = re.compile(r"<[^<>]{0,500}>")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGITS = re.compile(r"\d+")
_REDUP = re.compile(r"\b([a-z]+)-\1\b")
_NON_LETTER = re.compile(r"[^a-z]+")
_RUN3 = re.compile(r"([a-z])\1{2,}")


@functools.cache
def _dictionary() -> frozenset[str]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(StemmerFactory().get_words_from_file())


@functools.cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@functools.cache
def stop_words() -> frozenset[str]:
    """The stop list: Sastrawi's (809 words) minus :data:`KEEP_WORDS`.

    >>> "tidak" in stop_words(), "yang" in stop_words(), "serta" in stop_words()
    (False, True, True)
    """
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    words = StopWordRemoverFactory().get_stop_words()
    return frozenset(w for w in words if w not in KEEP_WORDS)


def _squeeze(word: str) -> str:
    if not _RUN3.search(word):
        return word
    one = _RUN3.sub(r"\1", word)
    two = _RUN3.sub(r"\1\1", word)
    return two if two in _dictionary() else one


def normalise(text: object) -> str:
    """Comment text in canonical form: lower case, letters and single spaces only.

    Missing values (None, NaN, ``pd.NA``) give ``""``. See the module
    docstring for the steps.

    >>> normalise("Maaf, SAAAT sesi daring sinyal hilang2an... lihat https://x.id/a")
    'maaf saat sesi daring sinyal hilang an lihat'
    >>> normalise("Mantaaap, gak nyambung tp kira-kira ok :)")
    'mantap tidak sambung tapi kira oke'
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return _normalise(str(text))


@functools.lru_cache(maxsize=65536)
def _normalise(text: str) -> str:
    """:func:`normalise` of a string, cached: comments repeat (the same short phrases)."""
    s = html.unescape(text).lower()
    s = _HTML_TAG.sub(" ", s)
    s = _URL.sub(" ", s)
    s = _EMAIL.sub(" ", s)
    s = _DIGITS.sub(" ", s)
    s = _REDUP.sub(r"\1", s)
    words = _NON_LETTER.sub(" ", s).split()
    out: list[str] = []
    for w in words:
        w = _squeeze(w)
        out.append(SLANG.get(w, w))
    return " ".join(out)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Sastrawi stem of one normalised word, protected words left whole.

    A protected word with a suffix (-nya, -lah, -kah, -pun, -ku, -mu) gives
    the protected word.

    >>> stem("peserta"), stem("pesertanya"), stem("pelatihan"), stem("bermanfaat")
    ('peserta', 'peserta', 'pelatihan', 'manfaat')
    """
    if word in PROTECT:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and word[: -len(suffix)] in PROTECT:
            return word[: -len(suffix)]
    return _stemmer().stem(word) or word


def tokens(text: object, *, stem: bool = True) -> list[str]:
    """The words of a comment for counting: normalised, stop words out, stemmed.

    Stop words are removed before stemming (negations and :data:`KEEP_WORDS`
    stay); words that stem to a stop word are kept. Single letters are dropped.

    >>> tokens("Materinya sangat bermanfaat bgt utk pekerjaan saya")
    ['materi', 'sangat', 'manfaat', 'sangat', 'kerja']
    >>> tokens("Materinya sangat bermanfaat", stem=False)
    ['materinya', 'sangat', 'bermanfaat']
    """
    stops = stop_words()
    words = [w for w in normalise(text).split() if len(w) > 1 and w not in stops]
    if not stem:
        return words
    return [_stem_word(w) for w in words]


_stem_word = stem


def negation_bigrams(words: Sequence[str]) -> list[str]:
    """Join each negation of :data:`NEGATIONS` to the next word with ``_``.

    A negation followed by another negation is joined to that one's bigram
    ("tidak kurang jelas" → "tidak_kurang_jelas"); a negation at the end stays
    alone.

    >>> negation_bigrams(["materi", "tidak", "jelas", "waktu", "kurang"])
    ['materi', 'tidak_jelas', 'waktu', 'kurang']
    >>> negation_bigrams(["bukan", "tidak", "baik"])
    ['bukan_tidak_baik']
    """
    out: list[str] = []
    pending: list[str] = []
    for w in words:
        if w in NEGATIONS:
            pending.append(w)
            continue
        out.append("_".join([*pending, w]))
        pending = []
    if pending:
        out.append("_".join(pending))
    return out


def _matches(word: str, root: str, words: frozenset[str]) -> bool:
    return word in words or root in words


def _scores(text: object) -> tuple[bool, int, int, str | None]:
    """(has a suggestion marker, praise hits, complaint hits, polarity of the last hit)."""
    return _scores_normalised(normalise(text))


@functools.lru_cache(maxsize=65536)
def _scores_normalised(normalised: str) -> tuple[bool, int, int, str | None]:
    """:func:`_scores` of a normalised comment, cached (comments repeat)."""
    words = normalised.split()
    roots = [stem(w) for w in words]
    pairs = {f"{a} {b}" for a, b in itertools.pairwise(words)}
    suggestion = any(_matches(w, r, SUGGESTION_MARKERS) for w, r in zip(words, roots, strict=True))
    suggestion = suggestion or bool(pairs & SUGGESTION_MARKERS)
    praise = complaint = 0
    last: str | None = None
    i = 0
    n = len(words)
    while i < n:
        w, r = words[i], roots[i]
        if w in NEGATIONS:
            j = i + 1
            while j < n and (words[j] in _NEGATION_SKIP or words[j] in NEGATIONS):
                j += 1
            if j < n and _matches(words[j], roots[j], NEGATIVE_WORDS):
                praise += 1  # "tidak mengecewakan", "tidak ada kendala"
                last = "praise"
            else:  # "tidak jelas", "tidak dibagikan", or a negation ending the comment
                complaint += 1
                last = "complaint"
            i = max(j + 1, i + 1)
            continue
        if f"{w} {words[i + 1]}" in POSITIVE_WORDS if i + 1 < n else False:
            praise += 1
            last = "praise"
            i += 2
            continue
        if _matches(w, r, NEGATIVE_WORDS):
            complaint += 1
            last = "complaint"
        elif _matches(w, r, POSITIVE_WORDS):
            praise += 1
            last = "praise"
        i += 1
    return suggestion, praise, complaint, last


def polarity(text: object) -> str | None:
    """Praise, complaint or suggestion by a small transparent rule set, else None.

    Rules, on the normalised words (a word matches a list when it or its
    stem is in the list):

    1. Any word of :data:`SUGGESTION_MARKERS` (or the pair "kalau bisa"):
       ``"suggestion"``, whatever else the comment says.
    2. Otherwise count hits. A negation (:data:`NEGATIONS`) and the word it
       negates (skipping "ada", "terlalu", "bisa" …) is one hit: a complaint
       unless that word is negative ("tidak mengecewakan", "tidak ada
       kendala" are praise); a negation ending the comment is a complaint. A
       word of :data:`NEGATIVE_WORDS` is a complaint hit, a word of
       :data:`POSITIVE_WORDS` a praise hit.
    3. More complaint hits: ``"complaint"``; more praise hits: ``"praise"``;
       a tie decides by the last hit (in "X, tapi Y" the point comes last);
       no hit: ``None``.

    >>> polarity("Narasumber menguasai materi dan penyampaiannya jelas.")
    'praise'
    >>> polarity("Sangat puas, tidak mengecewakan.")
    'praise'
    >>> polarity("Narasumber terlalu cepat, bnyk yg gak paham.")
    'complaint'
    >>> polarity("Materinya oke tapi waktunya kurang.")
    'complaint'
    >>> polarity("Mohon materi dibagikan sebelum pelatihan dimulai.")
    'suggestion'
    >>> polarity("Biasa saja.") is None
    True
    """
    suggestion, praise, complaint, last = _scores(text)
    if suggestion:
        return "suggestion"
    if complaint > praise:
        return "complaint"
    if praise > complaint:
        return "praise"
    return last


def polarity_coverage(texts: Iterable[object]) -> dict[str, float | int]:
    """How many comments :func:`polarity` classifies, and the share of each label.

    Empty comments (only stop marks, missing) are not counted.

    Returns
    -------
    dict
        ``n`` (non-empty comments), ``n_classified``, ``coverage``
        (n_classified / n, NaN when n is 0) and ``share_praise``,
        ``share_complaint``, ``share_suggestion`` (shares of n).

    >>> polarity_coverage(["Bagus sekali", "Biasa saja.", "", "Mohon diperbaiki"])
    {'n': 3, 'n_classified': 2, 'coverage': 0.6666666666666666, \
'share_praise': 0.3333333333333333, 'share_complaint': 0.0, \
'share_suggestion': 0.3333333333333333}
    """
    labels = [polarity(t) for t in texts if normalise(t)]
    n = len(labels)
    counts = {p: sum(lab == p for lab in labels) for p in POLARITIES}
    classified = sum(counts.values())
    out: dict[str, float | int] = {
        "n": n,
        "n_classified": classified,
        "coverage": classified / n if n else float("nan"),
    }
    out.update({f"share_{p}": (counts[p] / n if n else float("nan")) for p in POLARITIES})
    return out
