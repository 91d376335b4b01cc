"""Who a row is about, without saying who: NIP checks and keyed pseudonyms.

A NIP (Nomor Induk Pegawai) is 18 digits and reveals a birth date and sex, so
under UU 27/2022 it is personal data. :func:`load_dataset
<kompetensi_toolkit.loaders.load_dataset>` replaces every ``employee_id`` by
:func:`pseudonymise`, an HMAC-SHA256 keyed hash, consistently in every table,
and keeps staff names out of the tables it returns.

Layouts (:func:`nip_problems`):

* **PNS**: ``YYYYMMDD YYYYMM G NNN`` = birth date, CPNS start year and month,
  sex (1 male, 2 female), serial.
* **PPPK** (NI PPPK): ``YYYYMMDD YYYY KK G NNN`` = birth date, year of
  appointment, a two-digit code that is *not* a month (``199009132025242014``
  is valid), sex, serial.

Identifiers that are not 18 digits (a local staff number, say) are accepted as
they are; an all-digit identifier of 16 to 20 digits that breaks the layout is
flagged as a malformed NIP.

The key (:func:`resolve_key`) comes from the environment variable
``KOMPETENSI_PSEUDONYM_KEY``, or from a file named by
``KOMPETENSI_PSEUDONYM_KEY_FILE`` that lies outside the toolkit's folder and
the dataset. Without either, a random key is drawn for the run (``kompetensi
run`` draws one for all its notebooks) and a warning says that pseudonyms will
differ between runs.

Examples
--------
>>> import pandas as pd
>>> ids = pd.Series(["198501012010011001", "199009132025242014", "198513012010011001"])
>>> nip_problems(ids, pd.Series(["pns", "pppk", "pns"])).to_dict()
{2: 'birth date 1985-13-01 is not a date'}
>>> pseudonymise(pd.Series(["198501012010011001"]), b"secret").iloc[0]
'1487af54fef32b2c'
"""

from __future__ import annotations

import hashlib
import os
import secrets
import warnings
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from kompetensi_toolkit.exceptions import KompetensiError, KompetensiWarning

__all__ = [
    "KEY_ENV",
    "KEY_FILE_ENV",
    "PSEUDONYM_LENGTH",
    "PseudonymKeyError",
    "nip_problems",
    "pseudonymise",
    "resolve_key",
]

#: Environment variable holding the pseudonymisation key itself.
KEY_ENV = "KOMPETENSI_PSEUDONYM_KEY"
#: Environment variable naming a file that holds the key.
KEY_FILE_ENV = "KOMPETENSI_PSEUDONYM_KEY_FILE"
#: Hex characters of a pseudonym: 64 bits, so 5.6 million staff collide with
#: probability about 1e-6.
PSEUDONYM_LENGTH = 16
#: Shortest key accepted, in bytes.
MIN_KEY_BYTES = 16
_TOOLKIT_ROOT = Path(__file__).resolve().parents[1]
#: The random key of this process when none is set (drawn once, so that one
#: session's pseudonyms agree with each other).
_RUN_KEY: bytes | None = None


class PseudonymKeyError(KompetensiError, ValueError):
    """The pseudonymisation key is set but cannot be used."""


def pseudonymise(ids: pd.Series, key: bytes) -> pd.Series:
    """Each identifier replaced by the first 16 hex digits of HMAC-SHA256(key, id).

    Equal identifiers get equal pseudonyms (every distinct value is hashed
    once); missing values stay missing.

    Examples
    --------
    >>> out = pseudonymise(pd.Series(["a", "b", "a", None]), b"k" * 16)
    >>> out[0] == out[2], out[0] != out[1], out.isna().tolist()
    (True, True, [False, False, False, True])
    """
    codes, uniques = pd.factorize(ids, use_na_sentinel=True)
    inner, outer = _hmac_sha256_pads(key)
    hashed = np.array(
        [_hmac_hexdigest(inner, outer, str(u).encode("utf-8"))[:PSEUDONYM_LENGTH] for u in uniques]
        + [None],
        dtype=object,
    )
    return pd.Series(hashed[codes], index=ids.index, name=ids.name, dtype="object")


def _hmac_sha256_pads(key: bytes) -> tuple:
    """SHA-256 states fed the inner and outer padded key of HMAC (RFC 2104), once per key.

    ``hmac.new`` prepares them again for every message; copying them is what
    makes hashing each of millions of ids cheap. :func:`_hmac_hexdigest`
    finishes one message.

    >>> import hmac
    >>> for key in (b"k" * 16, b"k" * 64, b"k" * 65):  # a key past 64 bytes is hashed first
    ...     inner, outer = _hmac_sha256_pads(key)
    ...     assert _hmac_hexdigest(inner, outer, b"a") == hmac.new(key, b"a", "sha256").hexdigest()
    """
    block = hashlib.sha256().block_size
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
    return inner, outer


def _hmac_hexdigest(inner, outer, message: bytes) -> str:
    """HMAC-SHA256 of ``message``, from the states of :func:`_hmac_sha256_pads`."""
    h = inner.copy()
    h.update(message)
    o = outer.copy()
    o.update(h.digest())
    return o.hexdigest()


def nip_problems(ids: pd.Series, status: pd.Series | None = None) -> pd.Series:
    """What is wrong with each NIP-shaped identifier, by index (only the bad ones).

    ``status`` ("pns" / "pppk", aligned with ``ids``) picks the layout of
    digits 13–14: a month for PNS, any code for PPPK; when it is missing,
    either layout is accepted.

    Examples
    --------
    >>> ids = pd.Series(["198501012010011001", "19850101201001300", "198501012010133001",
    ...                  "198501012010011000", "PEG-0042"])
    >>> for i, why in nip_problems(ids).items():
    ...     print(i, why)
    1 17 digits, a NIP has 18
    2 sex digit 3, a NIP has 1 (male) or 2 (female)
    3 serial 000, a NIP's serial runs 001 to 999
    >>> nip_problems(pd.Series(["199009132025242014"]), pd.Series(["pns"])).to_dict()
    {0: 'CPNS start month 24 is not a month (for PPPK, set employment_status to pppk)'}
    """
    text = ids.astype("string").str.strip()
    digits = text.str.fullmatch(r"\d{16,20}").fillna(False).to_numpy(dtype=bool)
    out: dict[object, str] = {}
    if not digits.any():
        return pd.Series(out, dtype="object")
    index = ids.index[digits]
    values = text[digits].to_numpy(dtype=object)
    kinds = (
        status.astype("string").str.lower().reindex(ids.index)[digits].to_numpy(dtype=object)
        if status is not None
        else np.full(len(values), None, dtype=object)
    )
    this_year = date.today().year
    doubtful = ~_sound_nips(values, kinds, this_year)  # only these are looked at one by one
    for i, nip, kind in zip(index[doubtful], values[doubtful], kinds[doubtful], strict=True):
        why = _nip_problem(str(nip), None if pd.isna(kind) else str(kind), this_year)
        if why:
            out[i] = why
    return pd.Series(out, dtype="object")


#: Days of each month in a common year.
_MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _sound_nips(values: np.ndarray, kinds: np.ndarray, this_year: int) -> np.ndarray:
    """Which NIPs surely pass every test of :func:`_nip_problem`, all at once.

    ``False`` means "look at it": an ASCII 18-digit NIP breaking a rule, or
    any other identifier.

    >>> _sound_nips(np.array(["198501012010011001", "198502302010011001", "1985"], dtype=object),
    ...             np.array(["pns", pd.NA, None], dtype=object), 2026).tolist()
    [True, False, False]
    """
    texts = [str(v) for v in values]
    plain = np.array([len(t) == 18 and t.isascii() for t in texts], dtype=bool)
    sound = np.zeros(len(texts), dtype=bool)
    if not plain.any():
        return sound
    blob = "".join(t for t, ok in zip(texts, plain, strict=True) if ok).encode("ascii")
    d = (np.frombuffer(blob, dtype=np.uint8).reshape(-1, 18) - ord("0")).astype(np.int64)

    def number(start: int, stop: int) -> np.ndarray:
        return d[:, start:stop] @ (10 ** np.arange(stop - start - 1, -1, -1))

    year, month, day = number(0, 4), number(4, 6), number(6, 8)
    start, code = number(8, 12), number(12, 14)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_days = _MONTH_DAYS[np.clip(month, 1, 12) - 1] + (leap & (month == 2))
    pns = np.array([isinstance(k, str) and k == "pns" for k in kinds[plain]], dtype=bool)
    sound[plain] = (
        ((d >= 0) & (d <= 9)).all(axis=1)
        & (month >= 1)
        & (month <= 12)
        & (day >= 1)
        & (day <= month_days)
        & (year >= 1940)
        & (year <= this_year - 15)
        & (start >= year + 15)
        & (start <= this_year + 1)
        & (~pns | ((code >= 1) & (code <= 12)))
        & ((d[:, 14] == 1) | (d[:, 14] == 2))
        & (number(15, 18) != 0)
    )
    return sound


def _nip_problem(nip: str, kind: str | None, this_year: int) -> str | None:
    if len(nip) != 18:
        return f"{len(nip)} digits, a NIP has 18"
    year, month, day = int(nip[0:4]), int(nip[4:6]), int(nip[6:8])
    try:
        born = date(year, month, day)
    except ValueError:
        return f"birth date {nip[0:4]}-{nip[4:6]}-{nip[6:8]} is not a date"
    if not 1940 <= born.year <= this_year - 15:
        return f"birth year {born.year} is outside 1940 to {this_year - 15}"
    start, code = int(nip[8:12]), int(nip[12:14])
    if not born.year + 15 <= start <= this_year + 1:
        return f"start year {start} is not between birth year + 15 and {this_year + 1}"
    if kind == "pns" and not 1 <= code <= 12:
        return (
            f"CPNS start month {nip[12:14]} is not a month (for PPPK, set employment_status "
            "to pppk)"
        )
    if nip[14] not in "12":
        return f"sex digit {nip[14]}, a NIP has 1 (male) or 2 (female)"
    if nip[15:] == "000":
        return "serial 000, a NIP's serial runs 001 to 999"
    return None


def resolve_key(
    environ: Mapping[str, str] | None = None,
    *,
    protected: tuple[Path, ...] = (),
    warn: bool = True,
) -> tuple[bytes, bool]:
    """The pseudonymisation key and whether it is stable across runs.

    Parameters
    ----------
    environ : mapping, optional
        Where to look for :data:`KEY_ENV` and :data:`KEY_FILE_ENV` (default
        ``os.environ``).
    protected : tuple of Path
        Folders a key file must not lie in (besides the toolkit's own), e.g.
        the dataset: a key stored next to the data protects nothing.
    warn : bool
        Warn (:class:`~kompetensi_toolkit.exceptions.KompetensiWarning`) when
        no key is set and a random one is drawn.

    Returns
    -------
    (bytes, bool)
        The key, and ``True`` when it came from the environment or a file.
        Without one, the same random key for the whole process (warned once).

    Raises
    ------
    PseudonymKeyError
        The key is shorter than 16 bytes, or the key file is missing, empty,
        or inside the toolkit's folder or a protected one.

    Examples
    --------
    >>> resolve_key({KEY_ENV: "a-long-enough-secret-key"})
    (b'a-long-enough-secret-key', True)
    """
    environ = os.environ if environ is None else environ
    if environ.get(KEY_ENV):
        key = environ[KEY_ENV].encode("utf-8")
        source = f"the environment variable {KEY_ENV}"
    elif environ.get(KEY_FILE_ENV):
        path = Path(environ[KEY_FILE_ENV]).expanduser().resolve()
        for folder in (_TOOLKIT_ROOT, *protected):
            if path.is_relative_to(Path(folder).resolve()):
                raise PseudonymKeyError(
                    f"{KEY_FILE_ENV} names {path}, inside {folder}: keep the key file outside "
                    "the toolkit's folder and the dataset (e.g. ~/.config/kompetensi/key), so "
                    "that it is never copied or committed with them."
                )
        try:
            key = path.read_bytes().strip()
        except OSError as err:
            raise PseudonymKeyError(
                f"{KEY_FILE_ENV} names {path}, which cannot be read ({err.strerror})."
            ) from None
        source = f"the key file {path}"
    else:
        global _RUN_KEY
        if _RUN_KEY is None:
            _RUN_KEY = secrets.token_bytes(32)
            if warn:
                warnings.warn(
                    f"No pseudonymisation key set ({KEY_ENV} or {KEY_FILE_ENV}): employee ids "
                    "are hashed with a random key for this run and will differ between runs.",
                    KompetensiWarning,
                    stacklevel=3,
                )
        return _RUN_KEY, False
    if len(key) < MIN_KEY_BYTES:
        raise PseudonymKeyError(
            f"The pseudonymisation key from {source} is {len(key)} bytes; use at least "
            f"{MIN_KEY_BYTES} (e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`)."
        )
    return key, True
