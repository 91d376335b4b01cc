"""One load of a region per run: the kernels of a run share what a load read.

Every report template starts with ``loaders.load_dataset(folder, region=…)``:
read the region's rows, check them against the data contract, pseudonymise.
A run of five templates for a region did that five times (about 0.4 s each
for the 5 800 staff of the sample's Ambon).
:func:`kompetensi_toolkit.reporting.run_reports` now makes a private folder
for the run (``tempfile.mkdtemp``: only its user may open it) and names it to
its kernels in the environment variable :data:`ENV`. The first load of a
region writes the :class:`~kompetensi_toolkit.loaders.Dataset` it made there
(a pickle, a few milliseconds); the region's next loads read it back. A
region's file is deleted once its reports are done, and the folder when the
run ends.

A file is reused only by a load of the same toolkit version, folder, region,
tables and columns, pseudonymisation key (by a keyed fingerprint, never the
key) and files, each file unchanged in size, modification time and inode. In
any other case, and when :data:`ENV` is unset (a researcher's own notebook),
names no folder (a Dask worker on another machine), or names one that others
may write to, the load reads the files as before.

Examples
--------
>>> import tempfile
>>> cache = Path(tempfile.mkdtemp())
>>> key = entry_key(("ambon", 1), [])
>>> read(cache, "ambon", key) is None
True
>>> write(cache, "ambon", key, {"rows": 3})
>>> read(cache, "ambon", key)
{'rows': 3}
>>> forget(cache, "ambon")
>>> read(cache, "ambon", key) is None
True
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["ENV", "LIMIT_BYTES", "entry_key", "folder", "forget", "read", "write"]

#: The environment variable naming the run's shared folder.
ENV = "KOMPETENSI_RUN_CACHE"
#: The most the folder holds (bytes): past it, :func:`write` deletes the oldest entries
#: (a load that finds its entry gone reads the files again). A region of 6 000 staff
#: takes about 8 MB; regions are deleted as they end, so only a national run's
#: side-by-side regions, or a country's first regions on many workers, come near it.
LIMIT_BYTES = 1 << 30
_SUFFIX = ".pickle"


def folder() -> Path | None:
    """The run's shared folder, or ``None`` when there is none to use safely.

    ``None`` unless :data:`ENV` names an existing folder owned by this user
    that no one else may write to: a pickle is code, and only what this
    user's own run wrote may be read back.
    """
    value = os.environ.get(ENV)
    if not value:
        return None
    path = Path(value)
    try:
        info = path.stat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    return path


def entry_key(parts: Sequence[object], files: Iterable[Path]) -> str:
    """SHA-256 of ``parts`` (their ``repr``) and each file's path, size, mtime and inode.

    A missing file counts as missing, so one appearing later changes the key.
    """
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8") + b"\0")
    for path in files:
        try:
            info = Path(path).stat()
            seen: tuple = (str(path), info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            seen = (str(path), None)
        digest.update(repr(seen).encode("utf-8") + b"\0")
    return digest.hexdigest()


def _path(cache: Path, name: str, key: str) -> Path:
    return cache / f"{name}.{key}{_SUFFIX}"  # "." is in no region_id


def read(cache: Path, name: str, key: str) -> Any | None:
    """What :func:`write` stored under ``name`` and ``key``; ``None`` when absent or unreadable."""
    try:
        with _path(cache, name, key).open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # absent, or cut short by a full disk: the caller loads as usual
        return None


def write(cache: Path, name: str, key: str, value: Any) -> None:
    """Store ``value`` under ``name`` and ``key``, whole or not at all (never raises)."""
    final = _path(cache, name, key)
    partial = final.with_name(f"{final.name}.{os.getpid()}.part")
    try:
        with partial.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, final)
    except Exception:  # a full disk or a value that cannot be pickled: nothing is shared
        partial.unlink(missing_ok=True)
        return
    _trim(cache, final)


def _trim(cache: Path, keep: Path) -> None:
    """Delete the oldest entries but ``keep`` while the folder holds more than the limit."""
    entries = []
    for path in cache.glob(f"*{_SUFFIX}"):
        with contextlib.suppress(OSError):  # deleted meanwhile by another process
            info = path.stat()
            entries.append((info.st_mtime_ns, info.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries, key=lambda e: e[:2]):
        if total <= LIMIT_BYTES:
            break
        if path != keep:
            path.unlink(missing_ok=True)  # a reader that has it open still reads it whole
            total -= size


def forget(cache: Path, name: str) -> None:
    """Delete every entry stored under ``name``."""
    for path in cache.glob(f"{name}.*{_SUFFIX}"):
        path.unlink(missing_ok=True)
