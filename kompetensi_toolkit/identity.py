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
import hmac
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
    keyed = hmac.new(key, digestmod=hashlib.sha256)  # the padded key, prepared once

    def digest(text: str) -> str:
        h = keyed.copy()
        h.update(text.encode("utf-8"))
        return h.hexdigest()[:PSEUDONYM_LENGTH]

    hashed = np.array([digest(str(u)) for u in uniques] + [None], dtype=object)
    return pd.Series(hashed[codes], index=ids.index, name=ids.name, dtype="object")


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
    for i, nip, kind in zip(index, values, kinds, strict=True):
        why = _nip_problem(str(nip), None if pd.isna(kind) else str(kind), this_year)
        if why:
            out[i] = why
    return pd.Series(out, dtype="object")


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
