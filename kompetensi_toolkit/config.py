"""Paths and defaults, in one place.

Every other module takes its paths and default numbers from here, so a
researcher changing a default changes it once.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The checkout the package runs from (``None`` when installed from a wheel).
PROJECT_ROOT: Path | None = (
    PACKAGE_DIR.parent if (PACKAGE_DIR.parent / "pyproject.toml").is_file() else None
)


def _reference_dir() -> Path:
    """The shipped reference tables: inside a wheel, or ``data/reference`` in a checkout."""
    packaged = PACKAGE_DIR / "_reference"
    if packaged.is_dir():
        return packaged
    if PROJECT_ROOT is not None:
        return PROJECT_ROOT / "data" / "reference"
    raise FileNotFoundError("kompetensi_toolkit is installed without its reference tables")


#: Default competency dictionary, standards and feedback items.
REFERENCE_DIR: Path = _reference_dir()

#: Where ``kompetensi sample-data`` writes, and what templates read by default.
DEFAULT_DATA_DIR = Path("data") / "sample"
#: Where ``kompetensi run`` writes reports.
DEFAULT_OUTPUT_DIR = Path("outputs")
#: Folder of the notebook templates.
NOTEBOOK_DIR = (
    PROJECT_ROOT / "notebooks" if PROJECT_ROOT is not None else PACKAGE_DIR / "_notebooks"
)

#: Groups smaller than this are suppressed in anything shared.
MIN_GROUP_SIZE = 5
#: Seconds a template cell may run in `kompetensi run` before it is stopped (national-scale
#: clustering and the budget plan take a few minutes at most).
CELL_TIMEOUT = 900.0
#: Report languages; the first is the default.
LANGUAGES = ("id", "en")
DEFAULT_LANG = "id"
#: Seed of the shipped synthetic dataset.
DEFAULT_SEED = 20261123
#: How many problems ``kompetensi validate`` lists before counting the rest.
MAX_PROBLEMS_SHOWN = 50

#: Environment variable naming a dataset folder to use instead of the default.
DATA_DIR_ENV = "KOMPETENSI_DATA_DIR"


def resolve_data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """Find a dataset folder the way a researcher means it.

    An absolute path is taken as it is. A relative path is tried against the
    current folder first and then against the project root, so the templates'
    default ``"data/sample"`` works from the repository root (plain
    ``papermill``), from ``notebooks/`` (JupyterLab) and from anywhere else in a
    checkout. ``None`` means ``$KOMPETENSI_DATA_DIR`` or :data:`DEFAULT_DATA_DIR`.

    Examples
    --------
    >>> resolve_data_dir("/srv/data/ambon").as_posix()
    '/srv/data/ambon'
    """
    if path is None or str(path) == "":
        path = os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR
    candidate = Path(path).expanduser()
    if candidate.is_absolute():
        return candidate
    here = Path.cwd()
    for base in (here, *here.parents):
        if (base / candidate).exists():
            return (base / candidate).resolve()
        if (base / "pyproject.toml").is_file():
            break
    if PROJECT_ROOT is not None and (PROJECT_ROOT / candidate).exists():
        return (PROJECT_ROOT / candidate).resolve()
    return (here / candidate).resolve()
