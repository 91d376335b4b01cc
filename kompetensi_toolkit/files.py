"""Writing files so that a reader never sees half of one.

Every file the toolkit writes goes to a temporary file in the same folder,
which is moved onto the final name only when it is complete (``os.replace``
is atomic on one file system). An interrupted run leaves the earlier good
file in place, and no temporary file behind.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> write_text(folder / "a.txt", "halo").read_text(encoding="utf-8")
'halo'
>>> try:
...     with atomic_path(folder / "a.txt") as tmp:
...         _ = tmp.write_text("setengah", encoding="utf-8")
...         raise RuntimeError("interrupted")
... except RuntimeError:
...     pass
>>> (folder / "a.txt").read_text(encoding="utf-8"), sorted(p.name for p in folder.iterdir())
('halo', ['a.txt'])
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "make_readable", "write_text"]


def make_readable(path: str | os.PathLike[str]) -> None:
    """Give a temporary file the permissions a normal new file would have (umask)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file next to ``path``, moved onto ``path`` when the block ends cleanly.

    On any exception the temporary file is removed and ``path`` is left as it was.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        make_readable(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write UTF-8 ``text`` (``\\n`` line ends) to ``path`` atomically; returns the path."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return Path(path)
