"""kompetensi-toolkit: ASN competency development research, region by region.

The top-level names are imported lazily so that ``import kompetensi_toolkit``
stays cheap in every notebook kernel.

>>> import kompetensi_toolkit as kt
>>> kt.__version__
'0.1.0'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "load_dataset": "kompetensi_toolkit.loaders",
    "validate_dataset": "kompetensi_toolkit.loaders",
    "Dataset": "kompetensi_toolkit.loaders",
    "generate_sample": "kompetensi_toolkit.sample",
    "write_sample_dataset": "kompetensi_toolkit.sample",
}

__all__ = [
    "Dataset",
    "__version__",
    "generate_sample",
    "load_dataset",
    "validate_dataset",
    "write_sample_dataset",
]

if TYPE_CHECKING:  # pragma: no cover
    from kompetensi_toolkit.loaders import Dataset, load_dataset, validate_dataset
    from kompetensi_toolkit.sample import generate_sample, write_sample_dataset


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kompetensi_toolkit' has no attribute {name!r}")
