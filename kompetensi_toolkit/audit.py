"""The leak scanner: what in a run's output folder must not be shared.

:func:`audit_outputs` reads every ``.html``, ``.ipynb``, ``.json`` and
``.xlsx`` file under an output folder (recursively; files whose name starts
with ``.``, such as the temporary files of an unfinished write, are skipped)
and reports, as :class:`Finding` objects:

``nip``
    an 18-digit number shaped like a NIP / NI PPPK, also written with single
    spaces, dots or dashes between its groups (``19850101 201001 1 001``);
``digits``
    any other run of 16 or more digits (a NIK, an account number); the
    fraction of a decimal number (``0.2084155696176775``) and hexadecimal
    hashes (``data_hash``) are not identifiers and are left alone;
``email``
    an e-mail address;
``phone``
    an Indonesian phone number: ``08…`` (mobile), ``+62…`` (any),
    ``628…`` (mobile), with single spaces or dashes inside;
``name``
    a staff name from ``names`` (see *Names* below);
``markup``
    markup that runs code when a page is opened: ``<script>``, an ``on…=``
    event-handler attribute, a ``javascript:`` URL, ``<iframe>``,
    ``<object>``, ``<embed>``, ``<form>``, ``<meta http-equiv="refresh">``,
    and SVG carrying a script (inline or as a data: URI);
``external``
    anything that *loads* from outside the output folder: a ``src``,
    ``srcset``, ``data``, ``poster``, ``action``, ``ping`` … attribute, a
    ``<link href>``, a CSS ``url(…)`` or ``@import`` whose target is not a
    ``data:`` URI, a fragment (``#…``) or a relative link that stays inside
    the output folder. A plain link (``<a href="https://…">``) loads nothing
    and is allowed;
``small_group``
    a group of people smaller than ``min_group_size`` shown unsuppressed
    (see *Small groups* below);
``unreadable``
    a file that could not be read: it cannot be called clean.

Personal data is looked for in visible text and attributes of HTML pages
(entities decoded), in every cell source, output and the metadata of
notebooks, in every string (keys too) and long integer of JSON files, and in
every cell, sheet name and document property of Excel workbooks. Base64 data
(``data:…;base64,…`` URIs, a notebook's ``image/png`` outputs) is not read as
text; an SVG image is decoded and checked for scripts.

A finding never repeats what it found: numbers show their first four and last
three digits (``1985…001``), names their initials (``B… S…``), e-mail
addresses their first letter and domain.

Names
-----
Each name is reduced to its bare form: degrees after the first comma
(``", S.Kom., M.Si."``), words with a dot (``Dr.``, ``H.``, ``S.Pd``) and
front titles (``Drs``, ``Hj`` …, :data:`kompetensi_toolkit.feedback.quotes.NAME_TITLES`)
are dropped. A bare name of two words or more is found wherever its words
stand in order, separated by white space, ``'`` or ``-``, in any case. A
one-word name is looked for only when it has four letters or more and is not
also an ordinary word: one of the common Indonesian words used as names
(:data:`kompetensi_toolkit.feedback.quotes.COMMON_NAME_WORDS`: ``hari``,
``indah``, ``fajar`` …) or a word of the reports' own text
(:data:`kompetensi_toolkit.labels.TRANSLATIONS`), which would otherwise be
reported on every page.

Small groups
------------
A count describes a *group* when it is the size of a part of a region: a
row of a table by unit, position type, competency, programme, box, item …
Such a count from 1 to ``min_group_size - 1`` must have been masked (the
reports show "< 5", "disembunyikan" or a dash instead). The scanner checks

* HTML tables: every body cell, in a column whose header is the label of a
  count of people (:data:`GROUP_COUNT_COLUMNS`, in both languages), that is a
  whole number;
* ``summary.json``: every key of :data:`GROUP_COUNT_KEYS` holding a whole
  number, in an object that is an element of a list (one row of a table).

Counts that describe a whole region (the top-level figures of a template in
``summary.json``, the headcount of each region in the index and the
comparison, :data:`REGION_COUNT_COLUMNS`) are not groups: a region is
published, whatever its size. Counts of things that are not people
(comments, items, complaints) are not checked. Excel workbooks are checked
for personal data only: their tables come from the same suppressed frames
as the pages.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> out = Path(tempfile.mkdtemp())
>>> _ = (out / "page.html").write_text(
...     "<p>Hubungi Budi Santoso, 0812-3456-7890, NIP 19850101 201001 1 001</p>\\n"
...     '<img src="https://cdn.example/x.png">', encoding="utf-8")
>>> print(format_findings(audit_outputs(out, names=["Budi Santoso, S.Kom."])))
page.html:1: staff name: B… S…
page.html:1: phone number: 0812…890
page.html:1: NIP-shaped number: 1985…001
page.html:2: loads from outside the output folder: <img src> https://cdn.example/…
4 findings.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import functools
import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from kompetensi_toolkit import config, labels
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.privacy import check_min_group_size

__all__ = [
    "GROUP_COUNT_COLUMNS",
    "GROUP_COUNT_KEYS",
    "KINDS",
    "REGION_COUNT_COLUMNS",
    "SCANNED_SUFFIXES",
    "Finding",
    "audit_outputs",
    "audit_page",
    "format_findings",
    "scan_text",
    "staff_names",
]

#: The file types read, by suffix.
SCANNED_SUFFIXES = (".html", ".ipynb", ".json", ".xlsx")

#: What each kind of finding means, as the command line writes it.
KINDS: dict[str, str] = {
    "nip": "NIP-shaped number",
    "digits": "long digit run (an identifier?)",
    "email": "e-mail address",
    "phone": "phone number",
    "name": "staff name",
    "markup": "executable markup",
    "external": "loads from outside the output folder",
    "small_group": "unsuppressed small group",
    "unreadable": "could not be read",
}

#: Columns (``labels`` keys ``col.<column>``) whose values are the number of
#: people in a group, or in a part of one (those below standard, under 20 JP,
#: ready …, suppressed with the group by
#: :func:`kompetensi_toolkit.privacy.suppress_nested`): their headers mark the
#: count columns of an HTML table.
GROUP_COUNT_COLUMNS: tuple[str, ...] = (
    "n",
    "n_staff",
    "n_assessed",
    "n_group",
    "n_candidates",
    "n_respondents",
    "n_responses",
    "n_pairs",
    "n_trained",
    "n_untrained",
    "cr_n_staff",
    "n_below",
    "n_ready",
    "n_under",
    "n_meeting",
)

#: Columns counting the staff of a whole region (not a group; see the module notes).
REGION_COUNT_COLUMNS: tuple[str, ...] = ("cr_n_employees", "wb_headcount")

#: Keys of ``summary.json`` rows holding the number of people in a group.
GROUP_COUNT_KEYS: frozenset[str] = frozenset(
    {
        "n",
        "n_employees",
        "n_people",
        "n_staff",
        "n_assessed",
        "n_group",
        "n_candidates",
        "n_respondents",
        "n_responses",
        "n_pairs",
        "n_trained",
        "n_untrained",
        "n_participants",
        "n_below",
        "n_ready",
        "n_under",
        "n_meeting",
        "n_never",
    }
)


@dataclass(frozen=True)
class Finding:
    """One thing in an output folder that must not be shared.

    Attributes
    ----------
    file : str
        The file, relative to the audited folder (``/``-separated).
    where : str
        Where in the file: ``"12"`` (a line), ``"cell 3, output 1 (text/html), line 2"``,
        ``"$.templates.gaps.shortfall[0].n"`` (a JSON path) or ``"Sheet!B3"``.
    kind : str
        A key of :data:`KINDS`.
    what : str
        What was found, masked so that the finding does not leak it again.

    Examples
    --------
    >>> print(Finding("ambon/gaps.html", "12", "nip", "1985…001"))
    ambon/gaps.html:12: NIP-shaped number: 1985…001
    """

    file: str
    where: str
    kind: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}:{self.where}: {KINDS.get(self.kind, self.kind)}: {self.what}"


# ---------------------------------------------------------------------------
# Personal data in text.
# ---------------------------------------------------------------------------
#: A digit not preceded by a digit, nor by the decimal separator of a number.
_START = r"(?<![\d+])(?<!\d[.,])"
_NIP = re.compile(_START + r"(\d{8})([ .\-]?)(\d{6})\2(\d)\2(\d{3})(?!\d)")
_DIGITS = re.compile(_START + r"\d{16,}(?!\d)")
_PHONE = re.compile(
    r"(?<![\d+])(?<!\d[.,])"
    r"(?:\+62[ \-\u00a0]?[1-9]|(?:62|0)8)"
    r"(?:[ \-\u00a0]?\d){8,11}"
    r"(?!\d)(?!-\w)"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b")
#: Hexadecimal hashes (data fingerprints): their digits are no identifier.
_HEX = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{32,}(?![0-9A-Za-z])")
_WORD = re.compile(r"[^\W\d_]+")
_NAME_GAP = re.compile(r"[\s'’\-]{1,3}")
#: Name parts that are titles or degrees (they carry a dot: ``Dr.``, ``S.Kom.``).
_DOTTED = re.compile(r"\S*\.\S*")


def _mask_digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return f"{digits[:4]}…{digits[-3:]}"


def _mask_email(text: str) -> str:
    local, _, domain = text.partition("@")
    return f"{local[:1]}…@{domain}"


def _mask_name(words: Sequence[str]) -> str:
    return " ".join(f"{w[:1].upper()}…" for w in words)


def _bare_name(name: str) -> tuple[str, ...]:
    """The words of a staff name without degrees and titles, case-folded.

    Examples
    --------
    >>> _bare_name("Dr. Sri Wahyuni, S.E., M.M.")
    ('sri', 'wahyuni')
    >>> _bare_name("Hj Siti Aminah S.Pd.")
    ('siti', 'aminah')
    """
    from kompetensi_toolkit.feedback.quotes import NAME_TITLES

    head = unicodedata.normalize("NFKC", name).split(",", 1)[0]
    head = _DOTTED.sub(" ", head)
    words = [w.casefold() for w in _WORD.findall(head)]
    while words and words[0] in NAME_TITLES:
        words = words[1:]
    return tuple(words)


@functools.cache
def _report_words() -> frozenset[str]:
    """Every word of the reports' own text, both languages, case-folded."""
    return frozenset(
        w.casefold()
        for table in labels.TRANSLATIONS.values()
        for value in table.values()
        for w in _WORD.findall(value)
    )


class _NameIndex:
    """The bare staff names, for finding them in text as whole words."""

    def __init__(self, names: Iterable[object]) -> None:
        from kompetensi_toolkit.feedback.quotes import COMMON_NAME_WORDS

        ordinary = COMMON_NAME_WORDS | _report_words()
        self.by_first: dict[str, set[tuple[str, ...]]] = {}
        for name in names:
            if not isinstance(name, str) or not name.strip():
                continue
            words = _bare_name(name)
            if not words:
                continue
            if len(words) == 1 and (len(words[0]) < 4 or words[0] in ordinary):
                continue
            self.by_first.setdefault(words[0], set()).add(words)
        self.lengths = sorted({len(w) for ws in self.by_first.values() for w in ws}, reverse=True)

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def find(self, text: str) -> Iterator[tuple[int, int, tuple[str, ...]]]:
        """``(start, end, words)`` of every name in ``text``, longest first, no overlaps."""
        tokens = list(_WORD.finditer(text))
        folded = [t.group().casefold() for t in tokens]
        i = 0
        while i < len(tokens):
            candidates = self.by_first.get(folded[i])
            hit = None
            if candidates:
                for size in self.lengths:
                    words = tuple(folded[i : i + size])
                    if len(words) == size and words in candidates and self._joined(tokens, i, size):
                        hit = (tokens[i].start(), tokens[i + size - 1].end(), words)
                        break
            if hit is None:
                i += 1
                continue
            yield hit
            i += len(hit[2])

    @staticmethod
    def _joined(tokens: Sequence[re.Match[str]], i: int, size: int) -> bool:
        text = tokens[i].string
        return all(
            _NAME_GAP.fullmatch(text, tokens[j].end(), tokens[j + 1].start())
            for j in range(i, i + size - 1)
        )


def scan_text(text: str, names: object = ()) -> list[tuple[str, int, str]]:
    """Personal data in ``text``: ``(kind, offset, masked text)``, in order of offset.

    Parameters
    ----------
    text : str
        Plain text (decode HTML entities first).
    names : iterable of str, optional
        Staff names (see the module notes); a prepared index is reused.

    Returns
    -------
    list of tuple
        One ``(kind, offset, what)`` per match; a match inside an earlier one
        (a phone number inside a NIP) is not repeated.

    Examples
    --------
    >>> scan_text("NIP 198501012010011001, budi.s@contoh.go.id, +62 812 3456 7890")
    [('nip', 4, '1985…001'), ('email', 24, 'b…@contoh.go.id'), ('phone', 45, '6281…890')]
    >>> scan_text("rata-rata 0.20841556961767757, hash e98fd1e9625e0f6e58fd3509e5856d3c")
    []
    >>> scan_text("Dilatih oleh SRI wahyuni", names=["Dr. Sri Wahyuni, M.M."])
    [('name', 13, 'S… W…')]
    """
    index = names if isinstance(names, _NameIndex) else _NameIndex(_as_names(names))
    hashes = [m.span() for m in _HEX.finditer(text)]
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, int, str]] = []

    def add(kind: str, start: int, end: int, what: str) -> None:
        if any(s <= start < e or s < end <= e for s, e in [*taken, *hashes]):
            return
        taken.append((start, end))
        found.append((kind, start, what))

    for m in _NIP.finditer(text):
        add("nip", m.start(), m.end(), _mask_digits(m.group()))
    for m in _DIGITS.finditer(text):
        add("digits", m.start(), m.end(), _mask_digits(m.group()))
    for m in _EMAIL.finditer(text):
        add("email", m.start(), m.end(), _mask_email(m.group()))
    for m in _PHONE.finditer(text):
        add("phone", m.start(), m.end(), _mask_digits(m.group()))
    if index:
        for start, end, words in index.find(text):
            add("name", start, end, _mask_name(words))
    return sorted(found, key=lambda f: f[1])


def _as_names(names: object) -> list[object]:
    if names is None:
        return []
    if isinstance(names, str) or not isinstance(names, Iterable):
        raise ParameterError(
            "The 'names' parameter of audit_outputs must be a list of staff names. "
            f"Got {names!r} instead."
        )
    return list(names)


def _number_findings(value: int | float) -> tuple[str, str] | None:
    """A whole number of 16 digits or more (a NIP typed as a number): ``(kind, what)``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer() or abs(value) < 1e15:
            return None
        value = int(value)
    digits = str(abs(value))
    if len(digits) < 16:
        return None
    return ("nip" if len(digits) == 18 else "digits", _mask_digits(digits))


# ---------------------------------------------------------------------------
# HTML: markup, external resources, tables.
# ---------------------------------------------------------------------------
_BASE64_URI = re.compile(
    r"data:(?P<type>[\w/+.\-]+)(?:;[\w\-]+=[\w\-.]+)*;base64,(?P<b64>[A-Za-z0-9+/=\s]*)", re.I
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)|@import\s+(["'])(.*?)\3""", re.I | re.S)
_SCRIPT_IN_SVG = re.compile(r"<script\b|\son[a-z]+\s*=|javascript:", re.I)
#: Tags that run or embed another document.
_ACTIVE_TAGS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form"}
)
#: Attributes whose URL the browser fetches when the page opens (``href`` only off ``<a>``).
_LOADING_ATTRS = frozenset(
    {
        "src",
        "srcset",
        "data",
        "poster",
        "background",
        "action",
        "formaction",
        "manifest",
        "ping",
        "lowsrc",
        "dynsrc",
        "codebase",
        "archive",
        "href",
        "xlink:href",
    }
)
_LINK_TAGS = frozenset({"a", "area"})


def _blank_data_uris(text: str) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with base64 payloads removed (line breaks kept), and any SVG among them.

    Returns the text and ``(line, decoded svg)`` for each SVG data URI, to be
    checked for scripts.
    """
    svgs: list[tuple[int, str]] = []

    def repl(m: re.Match[str]) -> str:
        if "svg" in m.group("type").lower():
            try:
                raw = base64.b64decode(re.sub(r"\s", "", m.group("b64")), validate=False)
            except (binascii.Error, ValueError):
                raw = b""
            svgs.append((text.count("\n", 0, m.start()) + 1, raw.decode("utf-8", "replace")))
        return f"data:{m.group('type')};base64," + "\n" * m.group().count("\n")

    return _BASE64_URI.sub(repl, text), svgs


def _normalise_header(text: str) -> str:
    return " ".join(html.unescape(text).split()).casefold()


@functools.cache
def _count_headers() -> frozenset[str]:
    """The headers of group-count columns, in every report language."""
    return frozenset(
        _normalise_header(table[f"col.{col}"])
        for table in labels.TRANSLATIONS.values()
        for col in GROUP_COUNT_COLUMNS
        if f"col.{col}" in table
    )


_WHOLE = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+")


def _whole_number(text: str) -> int | None:
    """A whole number written as in a report (``3``, ``1.200``, ``1,200``); else None."""
    text = " ".join(text.split())
    if not _WHOLE.fullmatch(text):
        return None
    return int(re.sub(r"[.,]", "", text))


class _Table:
    def __init__(self, line: int) -> None:
        self.line = line
        self.rows: list[list[tuple[bool, str, int, int]]] = []  # (is_th, text, span, line)
        self.row: list[tuple[bool, str, int, int]] | None = None
        self.cell: list[str] | None = None
        self.cell_th = False
        self.cell_span = 1
        self.cell_line = line
        self.section = ""
        self.head_rows: set[int] = set()


class _PageScanner(HTMLParser):
    """One pass over a page: active markup, loaded resources, table cells."""

    def __init__(self, location: PurePosixPath) -> None:
        super().__init__(convert_charrefs=True)
        self.location = location  # the page's folder, relative to the audited root
        self.found: list[tuple[int, str, str]] = []  # (line, kind, what)
        self.tables: list[_Table] = []
        self.open_tables: list[_Table] = []
        self.in_style = 0
        self.in_svg = 0

    # -- tags -------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        tag = tag.lower()
        if tag in _ACTIVE_TAGS:
            what = f"<{tag}> inside <svg>" if tag == "script" and self.in_svg else f"<{tag}>"
            self.found.append((line, "markup", what))
        if tag == "meta":
            equiv = dict(attrs).get("http-equiv") or ""
            if equiv.strip().lower() == "refresh":
                self.found.append((line, "markup", '<meta http-equiv="refresh">'))
        if tag == "svg":
            self.in_svg += 1
        if tag == "style":
            self.in_style += 1
        for name, value in attrs:
            self._attribute(line, tag, name.lower(), value or "")
        self._table_start(tag, attrs, line)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() in {"svg", "style"}:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag == "svg" and self.in_svg:
            self.in_svg -= 1
        if tag == "style" and self.in_style:
            self.in_style -= 1
        self._table_end(tag)

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self._css(self.getpos()[0], data, "<style>")
        table = self.open_tables[-1] if self.open_tables else None
        if table is not None and table.cell is not None:
            table.cell.append(data)

    # -- attributes and URLs ----------------------------------------------
    def _attribute(self, line: int, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.found.append((line, "markup", f"<{tag} {name}=…>"))
        squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
        if squeezed.startswith(("javascript:", "vbscript:")):
            self.found.append((line, "markup", f'<{tag} {name}="{squeezed[:11]}…">'))
            return
        if name == "style":
            self._css(line, value, f"<{tag} style>")
            return
        if name not in _LOADING_ATTRS or (name == "href" and tag in _LINK_TAGS):
            return
        urls = (
            [u.strip().split()[0] for u in value.split(",") if u.strip()]
            if name
            in {
                "srcset",
                "ping",
                "archive",
            }
            else [value]
        )
        for url in urls:
            self._url(line, f"<{tag} {name}>", url)

    def _css(self, line: int, css: str, where: str) -> None:
        for m in _CSS_URL.finditer(css):
            url = m.group(2) if m.group(2) is not None else m.group(4)
            self._url(line + css.count("\n", 0, m.start()), where, url)

    def _url(self, line: int, where: str, url: str) -> None:
        url = url.strip()
        if not url or url.startswith("#"):
            return
        if url.lower().startswith("data:"):
            if _SCRIPT_IN_SVG.search(unquote(url)) and "svg" in url[:40].lower():
                self.found.append((line, "markup", f"{where}: SVG data with a script"))
            return
        if _SCHEME.match(url) or url.startswith(("//", "\\\\", "/", "\\")):
            self.found.append((line, "external", f"{where} {_mask_url(url)}"))
            return
        target = (self.location / unquote(url.split("#")[0].split("?")[0])).as_posix()
        depth = 0
        for part in PurePosixPath(target).parts:
            depth += -1 if part == ".." else 0 if part == "." else 1
            if depth < 0:
                self.found.append((line, "external", f"{where} {_mask_url(url)}"))
                return

    # -- tables -----------------------------------------------------------
    def _table_start(self, tag: str, attrs: list[tuple[str, str | None]], line: int) -> None:
        if tag == "table":
            table = _Table(line)
            self.open_tables.append(table)
            self.tables.append(table)
            return
        if not self.open_tables:
            return
        table = self.open_tables[-1]
        if tag in {"thead", "tbody", "tfoot"}:
            self._close_row(table)
            table.section = tag
        elif tag == "tr":
            self._close_row(table)
            table.row = []
            if table.section == "thead":
                table.head_rows.add(len(table.rows))
        elif tag in {"td", "th"}:
            self._close_cell(table)
            if table.row is None:
                table.row = []
            span = dict(attrs).get("colspan") or "1"
            table.cell = []
            table.cell_th = tag == "th"
            table.cell_span = int(span) if span.strip().isdigit() and 0 < int(span) < 1000 else 1
            table.cell_line = line

    def _table_end(self, tag: str) -> None:
        if not self.open_tables:
            return
        table = self.open_tables[-1]
        if tag in {"td", "th"}:
            self._close_cell(table)
        elif tag == "tr":
            self._close_row(table)
        elif tag in {"thead", "tbody", "tfoot"}:
            self._close_row(table)
            table.section = ""
        elif tag == "table":
            self._close_row(table)
            self.open_tables.pop()

    @staticmethod
    def _close_cell(table: _Table) -> None:
        if table.cell is not None and table.row is not None:
            row = (table.cell_th, "".join(table.cell), table.cell_span, table.cell_line)
            table.row.append(row)
        table.cell = None

    def _close_row(self, table: _Table) -> None:
        self._close_cell(table)
        if table.row:
            table.rows.append(table.row)
        table.row = None


def _mask_url(url: str) -> str:
    m = re.match(r"^((?:[a-zA-Z][a-zA-Z0-9+.\-]*:)?//[^/?#]*)", url)
    return f"{m.group(1)}/…" if m else (url[:12] + "…" if len(url) > 12 else url)


def _small_group_cells(
    table: _Table, number: int, min_group_size: int
) -> Iterator[tuple[int, str]]:
    """``(line, what)`` of every small count shown in a group-count column of ``table``."""
    headers = _count_headers()
    grid = [[c for c in row for _ in range(c[2])] for row in table.rows]
    head = 0
    while head < len(grid) and (head in table.head_rows or all(c[0] for c in grid[head])):
        head += 1
    columns: dict[int, str] = {}
    for row in grid[:head]:
        for j, (_, text, _, _) in enumerate(row):
            if _normalise_header(text) in headers:
                columns[j] = " ".join(text.split())
    for r, row in enumerate(grid[head:], start=1):
        for j, header in columns.items():
            if j >= len(row):
                continue
            value = _whole_number(row[j][1])
            if value is not None and 1 <= value < min_group_size:
                yield (
                    row[j][3],
                    f"table {number}, row {r}: {header} = {value} (below {min_group_size})",
                )


def _scan_html(
    page: str, location: PurePosixPath, names: _NameIndex, min_group_size: int | None
) -> list[tuple[int, str, str]]:
    """``(line, kind, what)`` for one HTML document (a page or a notebook's HTML output)."""
    text, svgs = _blank_data_uris(page)
    found: list[tuple[int, str, str]] = []
    for line, svg in svgs:
        if _SCRIPT_IN_SVG.search(svg):
            found.append((line, "markup", "SVG data with a script"))
    scanner = _PageScanner(location)
    scanner.feed(text)
    scanner.close()
    found += scanner.found
    if min_group_size is not None:
        for number, table in enumerate(scanner.tables, start=1):
            found += [
                (line, "small_group", what)
                for line, what in _small_group_cells(table, number, min_group_size)
            ]
    found += _lines(html.unescape(_blank_head_styles(text)), names)
    return sorted(found, key=lambda f: f[0])


_HEAD_STYLE = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.I | re.S)


def _blank_head_styles(page: str) -> str:
    """``page`` without the content of the style sheets before ``<body>`` (line breaks kept).

    They come from the report template, never from data, and make up most of
    a page: reading them for personal data only costs time.
    """
    body = page.find("<body")
    if body < 0:
        return page
    head = _HEAD_STYLE.sub(lambda m: "\n" * m.group().count("\n"), page[:body])
    return head + page[body:]


# ---------------------------------------------------------------------------
# Files.
# ---------------------------------------------------------------------------
def _lines(text: str, names: _NameIndex) -> list[tuple[int, str, str]]:
    """``(line, kind, what)`` of the personal data in ``text``."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    return [
        (bisect.bisect_right(breaks, offset - 1) + 1, kind, what)
        for kind, offset, what in scan_text(text, names)
    ]


def audit_page(
    page: str,
    *,
    file: str = "page.html",
    names: Iterable[object] = (),
    min_group_size: int | None = config.MIN_GROUP_SIZE,
) -> list[Finding]:
    """One rendered HTML page, read as :func:`audit_outputs` reads a ``.html`` file.

    For checking a page before it is written (:func:`kompetensi_toolkit.reporting.audit_html`).

    Parameters
    ----------
    page : str
        The HTML document.
    file : str
        Where the page will be, relative to the output folder (``"ambon/gaps.html"``):
        named in the findings, and the folder its relative links start from.
    names : iterable of str, optional
        Staff names to look for.
    min_group_size : int or None
        Groups smaller than this must be suppressed; ``None`` skips the tables.

    Examples
    --------
    >>> [str(f) for f in audit_page('<p>ok</p><a href="../index.html">indeks</a>',
    ...                              file="ambon/gaps.html")]
    []
    >>> [str(f) for f in audit_page('<img src="x.png" onerror="alert(1)">')]
    ['page.html:1: executable markup: <img onerror=…>']
    """
    if min_group_size is not None:
        check_min_group_size(min_group_size, "audit_page")
    rel = PurePosixPath(file)
    index = names if isinstance(names, _NameIndex) else _NameIndex(_as_names(names))
    return [
        Finding(rel.as_posix(), str(line), kind, what)
        for line, kind, what in _scan_html(page, rel.parent, index, min_group_size)
    ]


def _audit_html_file(path: Path, rel: PurePosixPath, names: _NameIndex, m: int) -> list[Finding]:
    page = path.read_text(encoding="utf-8", errors="replace")
    return audit_page(page, file=rel.as_posix(), names=names, min_group_size=m)


def _text_of(value: object) -> str:
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    return value if isinstance(value, str) else ""


def _audit_notebook(path: Path, rel: PurePosixPath, names: _NameIndex, m: int) -> list[Finding]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(nb, dict):
        raise ValueError("not a notebook (no JSON object)")
    file = rel.as_posix()
    out: list[Finding] = []
    for c, cell in enumerate(nb.get("cells") or [], start=1):
        if not isinstance(cell, dict):
            continue
        for line, kind, what in _lines(_text_of(cell.get("source")), names):
            out.append(Finding(file, f"cell {c}, source line {line}", kind, what))
        for o, output in enumerate(cell.get("outputs") or [], start=1):
            if isinstance(output, dict):
                out += _audit_output(output, file, f"cell {c}, output {o}", rel.parent, names)
        rest = {k: v for k, v in cell.items() if k not in {"source", "outputs", "attachments"}}
        out += [
            _moved(f, f"cell {c}, {f.where[2:]}") for f in _walk_json(rest, file, "$", names, None)
        ]
    meta = {k: v for k, v in nb.items() if k != "cells"}
    out += _walk_json(meta, file, "$", names, None)
    return out


def _moved(finding: Finding, where: str) -> Finding:
    """``finding`` at another place."""
    return Finding(finding.file, where, finding.kind, finding.what)


def _audit_output(
    output: dict[str, Any], file: str, where: str, location: PurePosixPath, names: _NameIndex
) -> list[Finding]:
    out: list[Finding] = []
    if "text" in output:  # a stream
        for line, kind, what in _lines(_text_of(output["text"]), names):
            out.append(Finding(file, f"{where}, line {line}", kind, what))
    if "traceback" in output:
        for line, kind, what in _lines("\n".join(map(str, output.get("traceback") or [])), names):
            out.append(Finding(file, f"{where} (traceback), line {line}", kind, what))
    data = output.get("data") or {}
    for mime, value in data.items() if isinstance(data, dict) else ():
        here = f"{where} ({mime})"
        if mime in {"application/javascript", "text/javascript"}:
            out.append(Finding(file, here, "markup", "a JavaScript output"))
            continue
        if mime.startswith("image/") and mime != "image/svg+xml":
            continue  # base64 pixels
        if isinstance(value, dict | list) and mime.endswith("json"):
            out += [
                _moved(f, f"{here} {f.where}") for f in _walk_json(value, file, "$", names, None)
            ]
            continue
        body = _text_of(value)
        if mime in {"text/html", "image/svg+xml"}:
            found = _scan_html(body, location, names, None)
        else:
            found = list(_lines(body, names))
        out += [Finding(file, f"{here}, line {line}", kind, what) for line, kind, what in found]
    meta = output.get("metadata")
    if meta:
        found = _walk_json({"metadata": meta}, file, "$", names, None)
        out += [_moved(f, f"{where}, {f.where[2:]}") for f in found]
    return out


def _walk_json(
    value: object,
    file: str,
    path: str,
    names: _NameIndex,
    min_group_size: int | None,
    *,
    in_row: bool = False,
) -> list[Finding]:
    """Findings in a JSON value; ``min_group_size`` checks counts in table rows."""
    out: list[Finding] = []
    if isinstance(value, dict):
        for key, item in value.items():
            key = str(key)
            here = f"{path}.{key}" if re.fullmatch(r"\w+", key) else f"{path}[{json.dumps(key)}]"
            for kind, _, what in scan_text(key, names):
                out.append(Finding(file, f"{here} (key)", kind, what))
            if (
                in_row
                and min_group_size is not None
                and key in GROUP_COUNT_KEYS
                and isinstance(item, int)
                and not isinstance(item, bool)
                and 1 <= item < min_group_size
            ):
                out.append(
                    Finding(file, here, "small_group", f"{key} = {item} (below {min_group_size})")
                )
            out += _walk_json(item, file, here, names, min_group_size)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _walk_json(item, file, f"{path}[{i}]", names, min_group_size, in_row=True)
    elif isinstance(value, str):
        if value.startswith("data:") and ";base64," in value[:100]:
            return out
        for kind, _, what in scan_text(value, names):
            out.append(Finding(file, path, kind, what))
    elif isinstance(value, int | float):
        hit = _number_findings(value)
        if hit:
            out.append(Finding(file, path, *hit))
    return out


def _audit_json(path: Path, rel: PurePosixPath, names: _NameIndex, m: int) -> list[Finding]:
    data = json.loads(path.read_text(encoding="utf-8"))
    groups = m if rel.name == "summary.json" else None
    return _walk_json(data, rel.as_posix(), "$", names, groups)


def _audit_xlsx(path: Path, rel: PurePosixPath, names: _NameIndex, m: int) -> list[Finding]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    file = rel.as_posix()
    out: list[Finding] = []
    book = load_workbook(path, read_only=True, data_only=False)
    try:
        props = book.properties
        for attr in (
            "creator",
            "lastModifiedBy",
            "title",
            "subject",
            "description",
            "keywords",
            "category",
        ):
            value = getattr(props, attr, None)
            if isinstance(value, str):
                out += [
                    Finding(file, f"properties.{attr}", kind, what)
                    for kind, _, what in scan_text(value, names)
                ]
        for sheet in book.worksheets:
            title = sheet.title
            out += [
                Finding(file, f"sheet name {title!r}", kind, what)
                for kind, _, what in scan_text(title, names)
            ]
            for row in sheet.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None:
                        continue
                    where = f"{title}!{get_column_letter(cell.column)}{cell.row}"
                    if isinstance(value, str):
                        out += [
                            Finding(file, where, kind, what)
                            for kind, _, what in scan_text(value, names)
                        ]
                    elif isinstance(value, int | float):
                        hit = _number_findings(value)
                        if hit:
                            out.append(Finding(file, where, *hit))
    finally:
        book.close()
    return out


_READERS: dict[str, Callable[[Path, PurePosixPath, _NameIndex, int], list[Finding]]] = {
    ".html": _audit_html_file,
    ".ipynb": _audit_notebook,
    ".json": _audit_json,
    ".xlsx": _audit_xlsx,
}


def audit_outputs(
    folder: str | Path,
    *,
    names: Iterable[object] = (),
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> list[Finding]:
    """Everything under ``folder`` that must not be shared; empty when it is clean.

    Parameters
    ----------
    folder : str or Path
        An output folder of ``kompetensi run`` (or any folder of reports).
    names : iterable of str, optional
        Staff names to look for (see :func:`staff_names`).
    min_group_size : int
        Groups of 1 to ``min_group_size - 1`` people must not be shown.

    Returns
    -------
    list of Finding
        By file (in path order), then in the order found in the file.

    Raises
    ------
    ParameterError
        ``folder`` is not a folder, or ``min_group_size`` is not a positive whole number.
    """
    check_min_group_size(min_group_size, "audit_outputs")
    root = Path(folder)
    if not root.is_dir():
        raise ParameterError(
            f"The 'folder' parameter of audit_outputs must be an existing folder. "
            f"Got {str(folder)!r} instead."
        )
    index = _NameIndex(_as_names(names))
    findings: list[Finding] = []
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in _READERS or path.name.startswith(".") or not path.is_file():
            continue
        rel = PurePosixPath(path.relative_to(root).as_posix())
        try:
            findings += _READERS[path.suffix.lower()](path, rel, index, min_group_size)
        except Exception as err:  # a file that cannot be read cannot be called clean
            findings.append(
                Finding(rel.as_posix(), "-", "unreadable", f"{type(err).__name__}: {str(err)[:80]}")
            )
    return findings


def format_findings(findings: Sequence[Finding]) -> str:
    """One line per finding, then their number (``"no findings."`` when there are none).

    Examples
    --------
    >>> print(format_findings([Finding("a.html", "3", "email", "b…@contoh.go.id")]))
    a.html:3: e-mail address: b…@contoh.go.id
    1 finding.
    >>> format_findings([])
    'no findings.'
    """
    if not findings:
        return "no findings."
    n = len(findings)
    return "\n".join([*map(str, findings), f"{n} finding{'s' if n != 1 else ''}."])


def staff_names(data_dir: str | Path, regions: Iterable[str] | None = None) -> list[str]:
    """The staff names of the dataset in ``data_dir``, to look for in the outputs.

    Only the ``name`` column of ``employees`` is read (the loader keeps the
    names out of the tables, in ``Dataset.staff_names``). With ``regions`` on
    a dataset partitioned by region, only those regions' files are read, so
    auditing a run of a few regions never loads the whole country; a flat
    dataset is read once (its other regions' names do no harm).
    """
    import warnings

    from kompetensi_toolkit.exceptions import KompetensiWarning
    from kompetensi_toolkit.loaders import is_partitioned, load_dataset

    wanted: list[str | None] = [None]
    if regions is not None and is_partitioned(data_dir):
        wanted = list(dict.fromkeys(regions))
    found: dict[str, None] = {}
    with warnings.catch_warnings():  # e.g. "no pseudonymisation key": ids are not used here
        warnings.simplefilter("ignore", KompetensiWarning)
        for region in wanted:
            dataset = load_dataset(
                data_dir, region, tables=("employees",), columns={"employees": ["name"]}
            )
            found.update(dict.fromkeys(dataset.staff_names))
    return [n for n in found if isinstance(n, str) and n.strip()]
