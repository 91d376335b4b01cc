"""Safe quotes: participants' comments scrubbed of personal data, ready to show.

Feedback comments are never trusted (data contract): they may hold names, NIPs,
phone numbers, e-mail addresses, links and HTML. Before a comment is shown in a
report it goes through :func:`scrub`, which replaces

* e-mail addresses (also ``nama (at) domain``) with ``[email]``;
* links (``http(s)://``, ``www.`` and bare domains such as ``bkd.ambon.go.id``)
  with ``[tautan]``;
* phone numbers in the Indonesian forms ``+62 812-3456-7890``,
  ``0812 3456 7890``, ``(0651) 123456``, ``62812…`` (8 to 15 digits) with
  ``[telepon]``;
* NIPs and any other run of 8 or more digits, also written with single spaces,
  dots or dashes inside (``19850101 201001 1 001``), with ``[angka]``. Dates
  written ``dd-mm-yyyy`` (or with dots or slashes) are left alone;
* personal names from ``employees.name`` with ``[nama]`` (see below);

removes HTML tags (and the whole content of ``<script>`` and ``<style>``),
collapses white space and truncates at a word boundary with "…". The result is
still plain text: show it through :func:`escape_quote`, never as HTML or
Markdown.

Names
-----
Each name is reduced to its bare form: academic degrees after the first comma
(``", S.E., M.M."``) and titles in front (``Dr.``, ``Drs.``, ``Prof.``, ``H.``,
``Hj.``, ``Raden``, ``Kgs.`` …, :data:`NAME_TITLES`) are dropped. Matching is
case-insensitive on whole words (a word is a run of letters):

* the bare name itself, when it has two words or more, is always replaced
  (also when written in small letters, and across ``'``, ``-`` or ``.`` as in
  ``Ma'ruf``);
* every part of 3 letters or more is replaced wherever it stands, *unless* it
  is also a common Indonesian word (:data:`COMMON_NAME_WORDS`: ``budi``,
  ``hari``, ``indah``, ``sari``, ``bagus``, ``fajar``, ``putri`` …). Such a part
  is replaced only when it follows an honorific or role word
  (:data:`HONORIFICS`: ``Pak``, ``Bu``, ``Mbak``, ``Bung``, ``narasumber`` …;
  "terima kasih pak budi" → "terima kasih pak [nama]") or when it is written
  with a capital letter next to another replaced name part ("Indah Siregar").
  So "akal budi" and "hari ini" stay, "Pak Budi" and "Bu Hari" do not;
* "Sri", "Nur", "Siti" and "Muhammad" are treated as names, not words: they
  are almost never used otherwise in feedback.

A name part shorter than 3 letters (``Ni``, ``I``, an initial) is replaced only
inside the full bare name. Consecutive replaced words become one ``[nama]``.

Functions
---------
:func:`scrub`
    One comment, scrubbed and truncated.
:class:`NameScrubber`
    The name matcher, built once for many names; ``scrubber(text)`` replaces
    the names only. Pass it as ``names=`` to :func:`scrub` to reuse it.
:func:`representative_quotes`
    The comments with the highest weight for each theme, scrubbed.
:func:`escape_quote`
    A scrubbed quote escaped for HTML and Markdown.

Examples
--------
>>> scrub("Hub. Bu Sri Wahyuni di 0812-3456-7890 / sri.w@gmail.com, NIP 198501012010011001",
...       names=["Dr. Sri Wahyuni, S.E., M.M."])
'Hub. Bu [nama] di [telepon] / [email], NIP [angka]'
>>> scrub("Materi <b>bagus</b>, hari ini pak budi jelas", names=["Budi Santoso"])
'Materi bagus, hari ini pak [nama] jelas'
>>> escape_quote("<script>alert(1)</script> *x*")
'&lt;script&gt;alert(1)&lt;/script&gt; \\\\*x\\\\*'
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from kompetensi_toolkit import checks
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.labels import md_escape

__all__ = [
    "COMMON_NAME_WORDS",
    "HONORIFICS",
    "NAME_TITLES",
    "PLACEHOLDERS",
    "NameScrubber",
    "escape_quote",
    "representative_quotes",
    "scrub",
]


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: The words that replace what was scrubbed, by kind.
PLACEHOLDERS: dict[str, str] = {
    "name": "[nama]",
    "number": "[angka]",
    "email": "[email]",
    "phone": "[telepon]",
    "url": "[tautan]",
}

#: Name parts that are also common Indonesian words: replaced only after an
#: honorific, capitalised next to another name part, or inside a full name.
COMMON_NAME_WORDS: frozenset[str] = _wordset(
    """
    abadi adil agung aman amin angin anugerah anugrah april arif ayu bagus bahagia bakti
    bangun batubara bayu berkah berlian bintang budi bunga cahaya cantik cerah cinta damai
    dewa dewi dharma dian embun emas fajar fitri gemilang guntur hakim harapan hari harum
    hidayah ikhlas iman imam indah intan jaya juara juli juni jujur karunia karya kasih
    kencana kurnia kusuma lestari lintang madya makmur manis mawar mega mei melati mentari
    merdeka muda mulia murni mutiara pandu pelangi perak perdana permata pertama pertiwi
    pratama purba putra putri rahmat raja ramadan ramadhan ratu rejeki rezeki sabar saleh
    satria sehat sejahtera selamat senja sentosa setia sinar soleh suci surya tanjung tekun
    tenang terang teguh tirta tulus untung utama wangi wulan
    """
)

#: Words before a name that mark it as a name (lower case, without dots).
HONORIFICS: frozenset[str] = _wordset(
    """
    pak bapak bpk bu ibu ibuk bunda mas mbak mba bang abang kak kakak dik adik sdr sdri
    saudara saudari om tante bung nona tuan nyonya kang teh uda uni usi tanta opa oma
    ustad ustadz ustaz ustadzah haji hajjah hj dr drs dra drg prof ir raden masagus kgs
    nyimas nyayu widyaiswara wi narasumber pemateri fasilitator instruktur mentor coach
    moderator pengajar
    """
)

#: Titles dropped from the front of a name in ``employees.name`` (lower case, no dots).
NAME_TITLES: frozenset[str] = _wordset(
    """
    dr drs dra drg prof ir h hj kh ns apt raden masagus kgs nyimas nyayu tengku teuku
    """
)

_MIN_PART = 3
_WORD = re.compile(r"\[(?:nama|angka|email|telepon|tautan)\]|[^\W\d_]+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.I | re.S)
_TAG = re.compile(r"<!--.*?(?:-->|$)|</?([A-Za-z][A-Za-z0-9]*)[^<>]*>", re.S)
#: Tags that separate words (replaced by a space); other tags are removed.
_BLOCK_TAGS = _wordset(
    "br p div li ul ol tr td th table h1 h2 h3 h4 h5 h6 hr blockquote pre section"
)
_SPACE = re.compile(r"\s+")
_EMAIL = re.compile(
    r"[\w.+\-]+\s?(?:@|\(at\)|\[at\])\s?[\w\-]+(?:\s?(?:\.|\(dot\)|\[dot\])\s?[A-Za-z0-9\-]+)+",
    re.I,
)
_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"
    r"|\b(?:[a-z0-9\-]+\.)+(?:com|net|org|info|id|io|ly|me|co|gov|edu)\b"
    r"(?:/[^\s<>\"']*[^\s<>\"'.,;:!?)\]])?",
    re.I,
)
_PHONE = re.compile(
    r"(?<![\w+.\-])(?<!\d\s)"
    r"(?:\+\s?62|\(\+?62\)|62|\(0\d{2,4}\)|0)"
    r"[\s.\-]?(?:\(\d{2,4}\)|\d{1,4})"
    r"(?:[\s.\-]?\d{2,5}){1,4}"
    r"(?!\w)(?![\s.\-]\d)"
)
_DIGITS = re.compile(r"(?<!\d)\d(?:[ .\-]?\d){7,}(?!\d)")
_DATE = re.compile(r"\d{1,2}([./\-])\d{1,2}\1(?:\d{2}|\d{4})")
_NAME_RUN = re.compile(r"\[nama\](?:(?:\s+|['’\-])\[nama\])+")
_SEQ_GAP = re.compile(r"[\s'’.\-]*")
_WS_GAP = re.compile(r"\s*")
_HONORIFIC_GAP = re.compile(r"\.?\s+")


def _tokens(name: str) -> list[str]:
    return [t.casefold() for t in _WORD.findall(name) if not t.startswith("[")]


def _bare_name(name: str) -> list[str]:
    """The words of a name without degrees (after the first comma) and front titles."""
    head = unicodedata.normalize("NFKC", name).split(",", 1)[0]
    words = _tokens(head)
    while words and words[0] in NAME_TITLES:
        words = words[1:]
    if words[:1] == ["ayu"] and _tokens(head)[:1] == ["raden"]:  # "Raden Ayu", a title
        words = words[1:]
    return words


class NameScrubber:
    """Replace personal names with ``[nama]``; build once, call for every comment.

    Parameters
    ----------
    names : iterable of str
        Personal names, e.g. ``employees["name"]``; missing values and empty
        strings are ignored, titles and degrees are dropped (see the module
        documentation for the rules).
    common_words : iterable of str, optional
        Name parts that are also ordinary words (default
        :data:`COMMON_NAME_WORDS`).
    honorifics : iterable of str, optional
        Words that mark the next word as a name (default :data:`HONORIFICS`).

    Notes
    -----
    The matcher is a set lookup over the words of a comment (no regular
    expression with thousands of alternatives): building it for 5 000 names
    and running it over 4 000 comments takes a fraction of a second.

    Examples
    --------
    >>> s = NameScrubber(["Budi Santoso", "Indah Lestari, S.Pd.", None])
    >>> s("Terima kasih pak Budi, pemandangannya indah")
    'Terima kasih pak [nama], pemandangannya indah'
    >>> s("bersama indah lestari dan Santoso")
    'bersama [nama] dan [nama]'
    >>> len(s)
    2
    """

    def __init__(
        self,
        names: Iterable[object] = (),
        *,
        common_words: Iterable[str] | None = None,
        honorifics: Iterable[str] | None = None,
    ) -> None:
        if isinstance(names, str):
            raise ParameterError(
                "The 'names' parameter of NameScrubber must be a list of names, not one string. "
                f"Got {names!r} instead; wrap it in a list."
            )
        self.common_words = frozenset(
            w.casefold() for w in (COMMON_NAME_WORDS if common_words is None else common_words)
        )
        self.honorifics = frozenset(
            w.casefold() for w in (HONORIFICS if honorifics is None else honorifics)
        )
        strong: set[str] = set()
        weak: set[str] = set()
        seqs: set[tuple[str, ...]] = set()
        lengths: dict[str, set[int]] = {}
        count = 0
        for name in names:
            if not isinstance(name, str) or not name.strip():
                continue
            words = _bare_name(name)
            if not words:
                continue
            count += 1
            for w in words:
                if len(w) < _MIN_PART or w in self.honorifics:
                    continue
                (weak if w in self.common_words else strong).add(w)
            if len(words) > 1:
                seqs.add(tuple(words))
                lengths.setdefault(words[0], set()).add(len(words))
        self._strong = frozenset(strong)
        self._weak = frozenset(weak)
        self._seqs = frozenset(seqs)
        self._lengths = {k: sorted(v, reverse=True) for k, v in lengths.items()}
        self._count = count

    def __len__(self) -> int:
        """The number of names the matcher was built from."""
        return self._count

    def __repr__(self) -> str:
        return f"NameScrubber({self._count} names)"

    def __call__(self, text: object) -> str:
        """``text`` with every name replaced by ``[nama]`` (missing → ``""``)."""
        if not isinstance(text, str):
            return "" if text is None or pd.isna(text) else str(text)
        if not self._count:
            return text
        found = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        n = len(found)
        low = [w.casefold() for _, _, w in found]
        marked = [False] * n

        def gap(i: int, j: int, pattern: re.Pattern[str]) -> bool:
            return pattern.fullmatch(text, found[i][1], found[j][0]) is not None

        for i, w in enumerate(low):
            if w in self._strong:
                marked[i] = True
            for size in self._lengths.get(w, ()):
                if (
                    i + size <= n
                    and tuple(low[i : i + size]) in self._seqs
                    and all(gap(k, k + 1, _SEQ_GAP) for k in range(i, i + size - 1))
                ):
                    marked[i : i + size] = [True] * size
                    break
        for i in range(1, n):
            weak_after_honorific = low[i] in self._weak and low[i - 1] in self.honorifics
            if weak_after_honorific and gap(i - 1, i, _HONORIFIC_GAP):
                marked[i] = True
        changed = True
        while changed:  # capitalised common-word parts next to a name
            changed = False
            for i in range(n):
                if marked[i] or low[i] not in self._weak or not found[i][2][0].isupper():
                    continue
                left = i > 0 and marked[i - 1] and gap(i - 1, i, _WS_GAP)
                right = i + 1 < n and marked[i + 1] and gap(i, i + 1, _WS_GAP)
                if left or right:
                    marked[i] = changed = True
        if not any(marked):
            return text
        parts, pos = [], 0
        for (start, end, _), hit in zip(found, marked, strict=True):
            if hit:
                parts += [text[pos:start], PLACEHOLDERS["name"]]
                pos = end
        parts.append(text[pos:])
        return _NAME_RUN.sub(PLACEHOLDERS["name"], "".join(parts))


@lru_cache(maxsize=8)
def _cached_scrubber(names: tuple[object, ...]) -> NameScrubber:
    return NameScrubber(names)


def _scrubber(names: object, func: str) -> NameScrubber:
    if isinstance(names, NameScrubber):
        return names
    if isinstance(names, str) or names is None or not isinstance(names, Iterable):
        raise ParameterError(
            f"The 'names' parameter of {func} must be a list of names or a NameScrubber. "
            f"Got {names!r} instead."
        )
    key = tuple(names)
    try:
        return _cached_scrubber(key)
    except TypeError:  # an unhashable entry: not a name anyway
        return _cached_scrubber(tuple(n for n in key if isinstance(n, str)))


def _tag_space(m: re.Match[str]) -> str:
    tag = m.group(1)
    return "" if tag and tag.casefold() not in _BLOCK_TAGS else " "


def _keep_dates(repl: str, minimum: int = 8):
    def sub(m: re.Match[str]) -> str:
        s = m.group()
        if _DATE.fullmatch(s) or sum(c.isdigit() for c in s) < minimum:
            return s
        return repl

    return sub


def _truncate(text: str, max_chars: int | None) -> str:
    """``text`` cut at a word boundary to at most ``max_chars`` characters, with "…"."""
    if max_chars is None or len(text) <= max_chars:
        return text
    head = text[: max_chars - 1]
    cut = head.rfind(" ")
    if cut > 0 and text[max_chars - 1] != " ":
        head = head[:cut]
    if head.rfind("[") > head.rfind("]"):  # never cut a placeholder in half
        head = head[: head.rfind("[")]
    return head.rstrip(" ,;:-–—") + "…"


def scrub(text: object, names: object = (), *, max_chars: int | None = 240) -> str:
    """A comment with personal data replaced, HTML removed, white space collapsed, truncated.

    Parameters
    ----------
    text : str
        One comment; ``None`` or a missing value gives ``""``.
    names : iterable of str or NameScrubber, default ()
        Personal names to remove (e.g. ``employees["name"]``). A
        :class:`NameScrubber` is reused as is; a list is turned into one (the
        last few are cached, so calling ``scrub`` in a loop with the same list
        builds the matcher once).
    max_chars : int or None, default 240
        Longest result, "…" included; cut at a word boundary. ``None``: no cut.

    Returns
    -------
    str
        Plain text with ``[email]``, ``[tautan]``, ``[telepon]``, ``[angka]``
        and ``[nama]`` in place of what was removed. Not escaped: show it with
        :func:`escape_quote`.

    Examples
    --------
    >>> scrub("WA (0651) 123456 atau +62 812 3456 7890, lihat https://x.id/a?b=1")
    'WA [telepon] atau [telepon], lihat [tautan]'
    >>> scrub("NIP 19850101 201001 1 001, tgl 12-03-2024, kode 1234.5678")
    'NIP [angka], tgl 12-03-2024, kode [angka]'
    >>> scrub("materi sangat bermanfaat untuk pekerjaan saya", max_chars=30)
    'materi sangat bermanfaat…'
    """
    func = "scrub"
    matcher = _scrubber(names, func)
    if max_chars is not None:
        max_chars = checks.count(max_chars, "max_chars", func, low=2)
    if not isinstance(text, str):
        if text is None or pd.isna(text):
            return ""
        text = str(text)
    return _scrub(text, matcher, max_chars)


def _scrub(text: str, matcher: NameScrubber, max_chars: int | None) -> str:
    s = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    s = html.unescape(s)
    s = _TAG.sub(_tag_space, _SCRIPT.sub(" ", s))
    s = _SPACE.sub(" ", s).strip()
    s = _EMAIL.sub(PLACEHOLDERS["email"], s)
    s = _URL.sub(PLACEHOLDERS["url"], s)
    s = _PHONE.sub(_keep_dates(PLACEHOLDERS["phone"]), s)
    s = _DIGITS.sub(_keep_dates(PLACEHOLDERS["number"]), s)
    s = matcher(s)
    return _truncate(_SPACE.sub(" ", s).strip(), max_chars)


def _mostly_placeholders(quote: str) -> bool:
    """At least half the words are placeholders."""
    words = _WORD.findall(quote)
    held = sum(1 for w in words if w.startswith("["))
    return held > 0 and 2 * held >= len(words)


def _dedupe_key(quote: str) -> str:
    return _SPACE.sub(" ", quote.casefold()).strip(" .,;:!?…-")


def representative_quotes(
    comments: pd.Series | pd.DataFrame,
    weights: pd.DataFrame,
    *,
    per_theme: int = 3,
    min_weight: float = 0.5,
    names: object = (),
    max_chars: int | None = 240,
    min_chars: int = 20,
) -> pd.DataFrame:
    """The comments that best represent each theme, scrubbed and truncated.

    For every theme (column of ``weights``, in column order) the comments are
    taken by falling weight (ties: the order of ``weights``' rows) and scrubbed
    with :func:`scrub`; a comment is skipped when its weight is below
    ``min_weight`` or missing, when it is shorter than ``min_chars`` after
    scrubbing (before truncation), when at least half of its words are
    placeholders such as ``[telepon]``, or when it repeats a quote already
    chosen for the theme (same text after folding case and white space).

    Parameters
    ----------
    comments : Series or DataFrame
        The comment texts, or a frame with a ``comment`` column (e.g. the
        ``feedback`` table); matched to ``weights`` by index.
    weights : DataFrame
        One row per comment (same index labels as ``comments``), one column per
        theme, e.g. the ``document_weights`` of the themes model.
    per_theme : int, default 3
        Most quotes per theme.
    min_weight : float, default 0.5
        Least weight (0..1) for a comment to represent a theme.
    names : iterable of str or NameScrubber, default ()
        Personal names to scrub (``employees["name"]``).
    max_chars : int or None, default 240
        Longest quote, "…" included.
    min_chars : int, default 20
        Shortest scrubbed comment shown.

    Returns
    -------
    DataFrame
        One row per quote, by theme (column order) then rank: ``theme``,
        ``rank`` (1 = highest weight), ``quote`` (scrubbed plain text, to be
        shown with :func:`escape_quote`), ``weight``, and ``n``, the number of
        comments with at least ``min_weight`` on the theme (the pool the quotes
        were drawn from, for suppressing small themes). A theme without any
        usable comment has no rows.

    Examples
    --------
    >>> comments = pd.Series(["Narasumber Budi Santoso sangat jelas sekali",
    ...                       "Ruangan panas, proyektor sering mati", "ok"])
    >>> weights = pd.DataFrame({"pengajar": [0.9, 0.0, 0.6], "sarana": [0.1, 1.0, 0.4]})
    >>> representative_quotes(comments, weights, names=["Budi Santoso"])
          theme  rank                                quote  weight  n
    0  pengajar     1  Narasumber [nama] sangat jelas sekali     0.9  2
    1    sarana     1  Ruangan panas, proyektor sering mati     1.0  1
    """
    func = "representative_quotes"
    per_theme = checks.count(per_theme, "per_theme", func)
    min_weight = checks.number(min_weight, "min_weight", func, high=1.0)
    min_chars = checks.count(min_chars, "min_chars", func, low=0)
    if max_chars is not None:
        max_chars = checks.count(max_chars, "max_chars", func, low=2)
    matcher = _scrubber(names, func)
    if isinstance(comments, pd.DataFrame):
        require_columns(comments, ["comment"], func)
        comments = comments["comment"]
    if not isinstance(comments, pd.Series):
        raise ParameterError(
            f"The 'comments' parameter of {func} must be a Series or a DataFrame with a "
            f"'comment' column. Got {type(comments).__name__} instead."
        )
    if not isinstance(weights, pd.DataFrame):
        raise ParameterError(
            f"The 'weights' parameter of {func} must be a DataFrame (one column per theme). "
            f"Got {type(weights).__name__} instead."
        )
    if not comments.index.is_unique or not weights.index.is_unique:
        raise ParameterError(
            f"The 'comments' and 'weights' parameters of {func} must have unique index labels."
        )
    unknown = weights.index.difference(comments.index)
    if len(unknown):
        raise ParameterError(
            f"The 'weights' parameter of {func} must be indexed like 'comments'; "
            f"{len(unknown)} row label(s) are not in comments, e.g. {unknown[0]!r}."
        )
    texts = comments.reindex(weights.index).to_numpy(dtype=object)
    cache: dict[int, str] = {}
    rows = []
    for theme in weights.columns:
        w = checks.floats(weights[theme])
        ok = ~np.isnan(w) & (w >= min_weight)
        pool = np.flatnonzero(ok)
        order = pool[np.lexsort((pool, -w[pool]))]
        seen: set[str] = set()
        rank = 0
        for i in order:
            if i not in cache:
                cache[i] = scrub(texts[i], matcher, max_chars=None)
            full = cache[i]
            key = _dedupe_key(full)
            if len(full) < min_chars or _mostly_placeholders(full) or key in seen:
                continue
            seen.add(key)
            rank += 1
            rows.append((theme, rank, _truncate(full, max_chars), float(w[i]), len(pool)))
            if rank == per_theme:
                break
    out = pd.DataFrame(rows, columns=["theme", "rank", "quote", "weight", "n"])
    return out.astype({"rank": "int64", "weight": "float64", "n": "int64"})


def escape_quote(text: object) -> str:
    """A quote made inert for HTML and Markdown, on one line.

    White space (new lines included) is collapsed so the quote cannot start a
    Markdown block; then :func:`kompetensi_toolkit.labels.md_escape` escapes
    ``&``, ``<`` and ``>`` as HTML entities and backslash-escapes Markdown
    punctuation (``\\ ` * _ [ ] | $ ~``); finally double and single quotes
    become ``&quot;`` and ``&#x27;`` so the text is safe in an HTML attribute
    too. Scrub first (:func:`scrub`): escaping hides markup, not personal data.

    Examples
    --------
    >>> escape_quote('Lihat [tautan] & "modul"_2_')
    'Lihat \\\\[tautan\\\\] &amp; &quot;modul&quot;\\\\_2\\\\_'
    >>> escape_quote(None)
    ''
    """
    if not isinstance(text, str):
        if text is None or pd.isna(text):
            return ""
        text = str(text)
    flat = _SPACE.sub(" ", text).strip()
    return md_escape(flat).replace('"', "&quot;").replace("'", "&#x27;")
