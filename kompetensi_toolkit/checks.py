"""Checks on the parameters handed to analysis functions.

Each returns the value (converted to a plain Python type) when it is allowed
and otherwise raises :class:`~kompetensi_toolkit.exceptions.ParameterError`
naming the parameter, the function, the rule and the value seen.

>>> number(0.5, "share", "f", high=1.0)
0.5
>>> count(0, "n_boot", "f")
Traceback (most recent call last):
...
kompetensi_toolkit.exceptions.ParameterError: The 'n_boot' parameter of f must be an integer \
of at least 1. Got 0 instead.
>>> choice("x", "weighting", "ikm", ("exact", "permen"))
Traceback (most recent call last):
...
kompetensi_toolkit.exceptions.ParameterError: The 'weighting' parameter of ikm must be one of \
'exact', 'permen'. Got 'x' instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from kompetensi_toolkit.exceptions import ParameterError

__all__ = ["choice", "count", "flags", "floats", "keys", "number"]


def keys(by: str | Sequence[str] | None) -> list[str]:
    """``by`` as a list of column names (``None``: no columns)."""
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def number(
    value: object,
    name: str,
    func: str,
    *,
    low: float = 0.0,
    strict: bool = False,
    high: float | None = None,
) -> float:
    """A finite number ≥ ``low`` (> ``low`` when ``strict``) and ≤ ``high`` if given."""
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if (
        ok
        and math.isfinite(float(value))
        and (value > low if strict else value >= low)
        and (high is None or value <= high)
    ):
        return float(value)
    rule = f"{'greater than' if strict else 'at least'} {low:g}"
    if high is not None:
        rule += f" and at most {high:g}"
    raise ParameterError(
        f"The {name!r} parameter of {func} must be a finite number {rule}. Got {value!r} instead."
    )


def count(value: object, name: str, func: str, *, low: int = 1) -> int:
    """A whole number ≥ ``low``."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool) and value >= low:
        return int(value)
    raise ParameterError(
        f"The {name!r} parameter of {func} must be an integer of at least {low}. "
        f"Got {value!r} instead."
    )


def flag(value: object, name: str, func: str) -> bool:
    """True or False (numpy's too).

    >>> flag(np.bool_(True), "warm_start", "budget_curve")
    True
    """
    if isinstance(value, bool | np.bool_):
        return bool(value)
    raise ParameterError(
        f"The {name!r} parameter of {func} must be True or False. Got {value!r} instead."
    )


def choice(value: object, name: str, func: str, allowed: Sequence[str]) -> str:
    """One of ``allowed``."""
    if isinstance(value, str) and value in allowed:
        return value
    raise ParameterError(
        f"The {name!r} parameter of {func} must be one of {', '.join(map(repr, allowed))}. "
        f"Got {value!r} instead."
    )


def floats(series: pd.Series) -> np.ndarray:
    """A column as float64, anything not a number as NaN."""
    return pd.to_numeric(series, errors="coerce").to_numpy("float64", na_value=np.nan)


def flags(series: pd.Series) -> np.ndarray:
    """A true/false column as bool, missing as False."""
    return series.astype("boolean").fillna(False).to_numpy(bool)
