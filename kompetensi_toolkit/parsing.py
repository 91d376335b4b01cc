"""Turn raw cell values into typed columns, the way Indonesian files write them.

Each parser takes a Series as read from a file (text, or already typed when
the file was Parquet or Excel) and returns ``(values, bad)``: the typed
Series and a boolean mask of the cells that held something the parser could
not read. Empty cells are missing, never bad. The caller decides what a bad
cell means; the parsers do no I/O and raise nothing for bad data.

Examples
--------
>>> import pandas as pd
>>> values, bad = parse_numbers(pd.Series(["3,5", "1.250.000", "4", "x", None]))
>>> values.tolist()[:3], bad.tolist()
([3.5, 1250000.0, 4.0], [False, False, False, True, False])
"""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd
from pandas.api.types import (
    is_bool_dtype,
    is_datetime64_any_dtype,
    is_integer_dtype,
    is_numeric_dtype,
)

from kompetensi_toolkit.schema import ENUMS, LIKERT_WORDS, canonical_enum_value, normalise_token

Parsed = tuple[pd.Series, pd.Series]


def _none_bad(s: pd.Series) -> pd.Series:
    return pd.Series(False, index=s.index)


def to_text(s: pd.Series) -> pd.Series:
    """Text with surrounding blanks removed; empty cells become missing.

    Integral floats (``1970.0`` from a spreadsheet) are written without ``.0``;
    whole-number columns keep every digit (an 18-digit NIP read from Parquet).

    >>> to_text(pd.Series([" Ambon ", "", 1970.0, None])).tolist()
    ['Ambon', nan, '1970', nan]
    >>> to_text(pd.Series([198501012010011001], dtype="int64")).tolist()
    ['198501012010011001']
    >>> to_text(pd.Series([9.3e18, float("inf")])).tolist()
    ['9.3e+18', 'inf']
    """
    if is_integer_dtype(s):  # float64 would round digits past the 16th
        return s.astype("str").where(s.notna())
    if is_numeric_dtype(s) and not is_bool_dtype(s):
        as_float = s.astype("float64")
        # past 2**53 a float is no exact whole number (and 1e19 overflows Int64)
        integral = (as_float.abs() < 2.0**53) & (as_float == np.round(as_float))
        text = s.astype("str")
        if integral.any():
            text[integral] = as_float[integral].round().astype("int64").astype("str")
        return text.where(s.notna()).astype("str")
    if is_datetime64_any_dtype(s):
        return s.dt.strftime("%Y-%m-%d").astype("str")
    if isinstance(s.dtype, pd.StringDtype):  # as read from CSV: no per-cell work
        text = s.str.strip()
        return text.where(text != "").astype("str")
    obj = s.astype("object")
    floats = obj.map(lambda v: isinstance(v, float) and np.isfinite(v) and v == int(v))
    if floats.any():
        obj = obj.where(~floats, obj[floats].map(lambda v: str(int(v))))
    text = obj.where(obj.isna(), obj.astype("str").str.strip())
    text = text.where(text != "")
    return text.astype("str")


_THOUSANDS_DOT = r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?"
_MULTI_DOT = r"[+-]?\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?"
_DECIMAL_COMMA = r"[+-]?\d+,\d+"
_THOUSANDS_COMMA = r"[+-]?\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?"


def parse_numbers(s: pd.Series) -> Parsed:
    """Numbers, accepting decimal commas and Indonesian thousands separators.

    A column that uses decimal commas or ``1.250.000`` anywhere is read the
    Indonesian way throughout (``1.500`` is then fifteen hundred); otherwise a
    single dot is a decimal point.

    >>> parse_numbers(pd.Series(["1.500", "2,5"]))[0].tolist()
    [1500.0, 2.5]
    >>> parse_numbers(pd.Series(["1.500", "2.5"]))[0].tolist()
    [1.5, 2.5]

    A true/false column (Parquet ``bool``) is not a column of numbers:

    >>> parse_numbers(pd.Series([True, None], dtype="boolean"))[1].tolist()
    [True, False]
    """
    if is_bool_dtype(s):
        return pd.Series(np.nan, index=s.index, dtype="float64"), s.notna().astype(bool)
    if is_numeric_dtype(s):
        return s.astype("float64"), _none_bad(s)
    text = to_text(s)
    plain = pd.to_numeric(text.astype("object"), errors="coerce").astype("float64")
    if not (plain.isna() & text.notna()).any():  # the common case: plain numbers only
        return plain, _none_bad(s)
    t = text.str.replace(r"\s+", "", regex=True)
    indonesian = (t.str.fullmatch(_MULTI_DOT) | t.str.fullmatch(_DECIMAL_COMMA)).fillna(False)
    if indonesian.any():
        dotted = t.str.fullmatch(_THOUSANDS_DOT).fillna(False) | indonesian
        t = t.where(~dotted, t.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    english = t.str.fullmatch(_THOUSANDS_COMMA).fillna(False)
    if english.any():
        t = t.where(~english, t.str.replace(",", "", regex=False))
    values = pd.to_numeric(t.astype("object"), errors="coerce").astype("float64")
    bad = values.isna() & text.notna()
    return values, bad


def parse_integers(s: pd.Series) -> Parsed:
    """Whole numbers (nullable ``Int64``); a fractional value is bad.

    >>> v, bad = parse_integers(pd.Series(["3", "4,0", "2.5", None]))
    >>> v.tolist(), bad.tolist()
    ([3, 4, <NA>, <NA>], [False, False, True, False])

    Infinity and numbers past what ``Int64`` holds are bad too, not an overflow:

    >>> parse_integers(pd.Series(["INF", "1e300", "-9"]))[1].tolist()
    [True, True, False]
    """
    values, bad = parse_numbers(s)
    fractional = values.notna() & ((values != np.round(values)) | ~(values.abs() < _INT_LIMIT))
    out = values.where(~fractional).round().astype("Int64")
    return out, bad | fractional


#: Whole numbers beyond ±2⁶² are no count, year or score (and overflow ``Int64``).
_INT_LIMIT = 2.0**62


def parse_dates(s: pd.Series) -> Parsed:
    """Dates written ``YYYY-MM-DD`` (time of day allowed) or ``dd/mm/yyyy``.

    ``dd-mm-yyyy`` and ``dd.mm.yyyy`` are read like ``dd/mm/yyyy``. Excel date
    cells arrive already typed and pass through.

    >>> v, bad = parse_dates(pd.Series(["2025-03-01", "05/03/2025", "31/02/2025", "kemarin"]))
    >>> [d.strftime("%Y-%m-%d") if not pd.isna(d) else None for d in v], bad.tolist()
    (['2025-03-01', '2025-03-05', None, None], [False, False, True, True])
    """
    if is_datetime64_any_dtype(s):
        return s.dt.tz_localize(None) if s.dt.tz is not None else s, _none_bad(s)
    if isinstance(s.dtype, pd.StringDtype):
        obj, is_stamp = s, _none_bad(s)
        text = to_text(s)
    else:
        obj = s.astype("object")
        is_stamp = obj.map(lambda v: hasattr(v, "year") and hasattr(v, "month"))
        text = to_text(obj.where(~is_stamp))
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
    if is_stamp.any():
        out[is_stamp] = pd.to_datetime(obj[is_stamp].astype("object"), errors="coerce")
    iso = text.str.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}(?:[ T].*)?").fillna(False)
    if iso.any():
        out[iso] = pd.to_datetime(
            text[iso].str.slice(0, 10).astype("object"), format="%Y-%m-%d", errors="coerce"
        )
    dmy = text.str.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}").fillna(False)
    if dmy.any():
        normal = text[dmy].str.replace(r"[.-]", "/", regex=True).astype("object")
        out[dmy] = pd.to_datetime(normal, format="%d/%m/%Y", errors="coerce")
    bad = out.isna() & (text.notna() | (is_stamp & obj.notna()))
    return out, bad


_TRUE = {"true", "ya", "y", "yes", "1", "benar", "lulus", "selesai", "tuntas", "sudah"}
_FALSE = {
    "false",
    "tidak",
    "n",
    "no",
    "0",
    "salah",
    "tidak_lulus",
    "belum",
    "belum_selesai",
    "tidak_selesai",
    "tidak_tuntas",
    "gagal",
}


def parse_booleans(s: pd.Series) -> Parsed:
    """``true/false``, ``ya/tidak``, ``1/0`` and a few more, as nullable ``boolean``.

    >>> parse_booleans(pd.Series(["Ya", "tidak", "1", "mungkin"]))[0].tolist()
    [True, False, True, <NA>]
    """
    if is_bool_dtype(s):
        return s.astype("boolean"), _none_bad(s)
    text = to_text(s)
    uniques = text.dropna().unique()
    mapping: dict[str, bool] = {}
    for raw in uniques:
        token = normalise_token(raw)
        if token in _TRUE:
            mapping[raw] = True
        elif token in _FALSE:
            mapping[raw] = False
    values = text.map(mapping).astype("boolean")
    return values, values.isna() & text.notna()


def parse_enum(s: pd.Series, enum: str) -> Parsed:
    """Canonical values of enumeration ``enum`` as a categorical column.

    Common spellings are mapped ("Jabatan Pelaksana", "PELAKSANA" → ``pelaksana``);
    anything else is bad (see :func:`suggest_enum_value`).

    >>> v, bad = parse_enum(pd.Series(["S-1", "D III", "SLTA", "sekolah"]), "education")
    >>> v.astype("object").tolist(), bad.tolist()
    (['s1', 'd3', 'sma', nan], [False, False, False, True])
    """
    text = to_text(s)
    mapping = {raw: canonical_enum_value(enum, raw) for raw in text.dropna().unique()}
    values = text.map(mapping)
    bad = values.isna() & text.notna()
    cat = pd.Categorical(values.astype("object"), categories=list(ENUMS[enum].values))
    return pd.Series(cat, index=s.index), bad


def suggest_enum_value(enum: str, raw: object) -> str | None:
    """The allowed value closest to an unmappable one, or ``None``.

    >>> suggest_enum_value("position_type", "pelaksan")
    'pelaksana'
    """
    e = ENUMS[enum]
    candidates = {v: v for v in e.values}
    candidates.update({normalise_token(k): v for k, v in e.aliases.items()})
    token = normalise_token(str(raw))
    match = difflib.get_close_matches(token, list(candidates), n=1, cutoff=0.6)
    return candidates[match[0]] if match else None


def parse_likert(s: pd.Series, scale_max: int) -> Parsed:
    """Likert answers as numbers or Indonesian labels, as nullable ``Int64``.

    Labels are read on the item's own scale: "Setuju" is 4 on a five-point
    scale and 3 on a four-point one. Range checks are left to the validator.

    >>> parse_likert(pd.Series(["Sangat Setuju", "setuju", "3", "Netral"]), 5)[0].tolist()
    [5, 4, 3, 3]
    >>> parse_likert(pd.Series(["Setuju", "Netral"]), 4)[1].tolist()
    [False, True]
    """
    words = LIKERT_WORDS.get(int(scale_max), LIKERT_WORDS[5])
    if is_numeric_dtype(s) and not is_bool_dtype(s):
        return parse_integers(s)
    text = to_text(s)
    numbers, _ = parse_integers(text)
    unmatched = text[numbers.isna()].dropna().unique()
    mapping = {raw: words.get(normalise_token(raw)) for raw in unmatched}
    from_words = text.map(mapping)
    values = numbers.astype("Float64").fillna(pd.to_numeric(from_words, errors="coerce"))
    fractional = values.notna() & (values != values.round())
    values = values.where(~fractional).round().astype("Int64")
    return values, values.isna() & text.notna()
