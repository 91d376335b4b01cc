"""Checks that analysis and plotting functions make on the frames handed to them.

Data are validated where they enter (:mod:`kompetensi_toolkit.loaders`);
after that a function checks only that the columns it uses are there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from kompetensi_toolkit.exceptions import MissingColumnError


def require_columns(
    frame: pd.DataFrame, columns: Mapping[str, str] | Sequence[str], func: str
) -> None:
    """Raise :class:`MissingColumnError` naming every absent column.

    ``columns`` maps a keyword argument to the column it names (so the message
    can say how to point the function at another column), or lists fixed
    column names.

    >>> require_columns(pd.DataFrame({"unit": []}), {"unit": "unit"}, "f")
    >>> require_columns(pd.DataFrame({"x": []}), {"unit": "satker"}, "f")
    Traceback (most recent call last):
    ...
    kompetensi_toolkit.exceptions.MissingColumnError: f needs the column(s) 'satker' (set with ...
    >>> require_columns(pd.DataFrame({"x": []}), ["a", "x", "b"], "g")
    Traceback (most recent call last):
    ...
    kompetensi_toolkit.exceptions.MissingColumnError: g needs the column(s) 'a', 'b'; the ...
    """
    pairs = list(columns.items()) if isinstance(columns, Mapping) else [(None, c) for c in columns]
    missing = [(kw, col) for kw, col in pairs if col not in frame.columns]
    if not missing:
        return
    wanted = ", ".join(
        f"{col!r} (set with {kw}=)" if kw is not None else repr(col) for kw, col in missing
    )
    raise MissingColumnError(
        f"{func} needs the column(s) {wanted}; the frame has {list(map(str, frame.columns))}."
    )
