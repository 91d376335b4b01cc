"""Keep personal data out of what is shared.

For now: small-cell suppression of count tables, and the sentence that tells
the reader what was hidden and why. (Pseudonymisation and text scrubbing come
with a later issue.)

A count is *small* when it is at least 1 and below ``min_group_size``: such a
group is so small that its members could be recognised, so its count and
every share derived from it are masked. A count of 0 is shown: it describes
nobody. When a table's rows add up to a total the reader also sees, one
masked cell could be worked out as "total minus the rest"; *complementary*
suppression then masks the next smallest cell too (within each ``by`` group
when the table is nested).

Examples
--------
>>> import pandas as pd
>>> counts = pd.DataFrame({"unit": ["A", "B", "C", "D"], "n": [40, 3, 12, 9]})
>>> suppress_small_counts(counts, min_group_size=5)
  unit     n  suppressed suppressed_reason
0    A    40       False              <NA>
1    B  <NA>        True             small
2    C    12       False              <NA>
3    D  <NA>        True     complementary
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kompetensi_toolkit import config
from kompetensi_toolkit.exceptions import MissingColumnError, ParameterError
from kompetensi_toolkit.frames import require_columns

__all__ = [
    "SUPPRESSED",
    "check_min_group_size",
    "mask_rows",
    "suppress_crosstab",
    "suppress_linked",
    "suppress_nested",
    "suppress_small_counts",
    "suppression_counts",
]

#: Names of the columns :func:`suppress_small_counts` adds.
SUPPRESSED = "suppressed"
REASON = "suppressed_reason"


def check_min_group_size(value: object, where: str = "suppress_small_counts") -> int:
    """Return ``value`` if it is a positive whole number, else raise :class:`ParameterError`.

    Examples
    --------
    >>> check_min_group_size(5)
    5
    >>> check_min_group_size(0)
    Traceback (most recent call last):
    ...
    kompetensi_toolkit.exceptions.ParameterError: The 'min_group_size' parameter of \
suppress_small_counts must be a positive whole number (1 or more). Got 0 instead.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ParameterError(
            f"The 'min_group_size' parameter of {where} must be a positive whole number "
            f"(1 or more). Got {value!r} instead."
        )
    return value


def suppress_small_counts(
    frame: pd.DataFrame,
    count_col: str = "n",
    min_group_size: int = config.MIN_GROUP_SIZE,
    *,
    share_cols: Sequence[str] | None = None,
    complementary: bool = True,
    by: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Mask counts of groups smaller than ``min_group_size``.

    Parameters
    ----------
    frame : DataFrame
        One row per group, with a count column. Not changed.
    count_col : str
        The count column.
    min_group_size : int
        Counts from 1 to ``min_group_size - 1`` are masked; 0 is shown.
    share_cols : sequence of str, optional
        Columns derived from the count, masked with it. Default: every column
        whose name starts with ``"share"``.
    complementary : bool
        When exactly one cell of a table (or of a ``by`` group) is masked, also
        mask its smallest other non-zero cell, so the masked value cannot be
        recovered from the total. Use ``False`` for rows that do not add up to
        a total shown elsewhere.
    by : str or sequence of str, optional
        Columns defining sub-tables that add up to subtotals (for example
        ``"position_group"`` in a table by position type): complementary
        suppression is then applied within each of them.

    Returns
    -------
    DataFrame
        A copy of ``frame`` in the same row order, with ``count_col`` as
        nullable ``Int64`` (masked cells ``<NA>``), share columns masked as
        ``NaN``, and two new columns:

        ``suppressed`` (bool)
            whether the row's numbers are masked;
        ``suppressed_reason`` (string)
            ``"small"`` (the group is too small), ``"complementary"`` (masked
            to protect another cell) or ``<NA>``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"g": ["x", "x", "y", "y"], "n": [2, 30, 10, 20],
    ...                   "share": [0.03, 0.48, 0.16, 0.32]})
    >>> out = suppress_small_counts(t, by="g")
    >>> out[["g", "n", "share", "suppressed_reason"]]
       g     n  share suppressed_reason
    0  x  <NA>    NaN             small
    1  x  <NA>    NaN     complementary
    2  y    10   0.16              <NA>
    3  y    20   0.32              <NA>
    >>> int(suppress_small_counts(t, complementary=False)["suppressed"].sum())
    1
    """
    check_min_group_size(min_group_size)
    if count_col not in frame.columns:
        raise MissingColumnError(
            f"suppress_small_counts needs the count column {count_col!r}; the frame has "
            f"{list(map(str, frame.columns))}. Pass count_col= to name it."
        )
    by_cols = [by] if isinstance(by, str) else list(by or [])
    missing = [c for c in by_cols if c not in frame.columns]
    if missing:
        raise MissingColumnError(
            f"The 'by' parameter of suppress_small_counts names columns the frame lacks: "
            f"{missing}. Got columns {list(map(str, frame.columns))}."
        )
    if share_cols is None:
        share_cols = [c for c in frame.columns if str(c).startswith("share")]

    original_index = frame.index
    out = frame.reset_index(drop=True)  # a copy; positions make duplicate labels harmless
    counts = pd.to_numeric(out[count_col]).astype("Int64")
    small = ((counts >= 1) & (counts < min_group_size)).fillna(False).astype(bool)
    complement = pd.Series(False, index=out.index)
    if complementary:
        if by_cols:
            codes = out.groupby(by_cols, observed=True, dropna=False, sort=False).ngroup()
            groups = [out.index[codes.to_numpy() == code] for code in codes.unique()]
        else:
            groups = [out.index]
        for members in groups:
            if int(small[members].sum()) != 1:
                continue
            candidates = counts[members][~small[members] & (counts[members] > 0)].dropna()
            if not candidates.empty:
                complement[candidates.sort_values(kind="stable").index[0]] = True

    hidden = small | complement
    out[count_col] = counts.mask(hidden)
    for col in share_cols:
        out[col] = pd.to_numeric(out[col]).astype("float64").mask(hidden)
    out[SUPPRESSED] = hidden.to_numpy(dtype=bool)
    reason = pd.Series(pd.NA, index=out.index, dtype="string")
    reason[small] = "small"
    reason[complement] = "complementary"
    out[REASON] = reason
    out.index = original_index
    return out


def mask_rows(
    frame: pd.DataFrame, hide: pd.Series, columns: Sequence[str], reason: str = "small"
) -> pd.DataFrame:
    """Blank ``columns`` in the rows where ``hide`` is true, and mark those rows.

    For tables whose rows are hidden by a rule of their own (a programme with
    too few pairs, a unit with too few respondents) rather than by one count
    column. Columns not in ``frame`` are skipped; whole-number columns become
    nullable ``Int64``, other numbers ``float64``, anything else ``object``.

    Returns
    -------
    DataFrame
        A copy with ``suppressed`` and ``suppressed_reason`` (``reason`` or ``<NA>``).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"unit": ["A", "B"], "n": [3, 40], "ikm": [70.0, 81.5]})
    >>> mask_rows(t, t["n"] < 5, ["ikm"])
      unit   n   ikm  suppressed suppressed_reason
    0    A   3   NaN        True             small
    1    B  40  81.5       False              <NA>
    """
    out = frame.copy()
    hide = hide.fillna(True).astype(bool)
    for col in columns:
        if col in out:
            if pd.api.types.is_integer_dtype(out[col]):
                out[col] = out[col].astype("Int64").mask(hide)
            elif pd.api.types.is_numeric_dtype(out[col]):
                out[col] = out[col].astype("float64").mask(hide)
            else:
                out[col] = out[col].astype("object").mask(hide)
    out[SUPPRESSED] = hide.to_numpy(dtype=bool)
    out[REASON] = pd.Series(pd.NA, index=out.index, dtype="string").mask(hide, reason)
    return out


def suppress_nested(
    frame: pd.DataFrame,
    total_col: str,
    part_col: str,
    min_group_size: int = config.MIN_GROUP_SIZE,
    *,
    total_derived: Sequence[str] = (),
    part_derived: Sequence[str] = (),
    by: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Suppress a group size and then a count within it (staff, and those under 20 JP).

    First the groups: a small ``total_col`` masks the row (with
    complementary suppression within ``by``), with ``part_col``,
    ``total_derived`` and ``part_derived``. Then, in the rows still shown, a
    small ``part_col`` masks itself and ``part_derived`` (with complementary
    suppression within ``by`` again: each ``by`` group's parts add up to its
    own total). A row masked in the first step keeps its reason.

    Returns
    -------
    DataFrame
        As :func:`suppress_small_counts`; ``part_col`` is nullable ``Int64``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"unit": ["A", "B", "C", "D"], "n_staff": [40, 3, 30, 25],
    ...                   "n_under": [12, 1, 2, 10], "share_under": [0.3, 0.33, 0.07, 0.4]})
    >>> out = suppress_nested(t, "n_staff", "n_under", part_derived=["share_under"])
    >>> out[["unit", "n_staff", "n_under", "suppressed_reason"]]
      unit  n_staff  n_under suppressed_reason
    0    A       40     <NA>     complementary
    1    B     <NA>     <NA>             small
    2    C       30     <NA>             small
    3    D     <NA>     <NA>     complementary
    """
    first = suppress_small_counts(
        frame,
        total_col,
        min_group_size,
        share_cols=[part_col, *total_derived, *part_derived],
        by=by,
    )
    masked, reason = first[SUPPRESSED].copy(), first[REASON].copy()
    second = suppress_small_counts(
        first.drop(columns=[SUPPRESSED, REASON]),
        part_col,
        min_group_size,
        share_cols=list(part_derived),
        by=by,
    )
    second[SUPPRESSED] = masked | second[SUPPRESSED]
    second[REASON] = reason.fillna(second[REASON])
    second[part_col] = second[part_col].astype("Int64")
    return second


def suppress_crosstab(
    frame: pd.DataFrame,
    rows: str,
    columns: str,
    count_col: str = "n",
    min_group_size: int = config.MIN_GROUP_SIZE,
    *,
    share_cols: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Mask the small cells of a two-way table, and enough others that no row or column
    total gives one back.

    Counts from 1 to ``min_group_size - 1`` are masked ("small"). Then, until
    nothing changes, every row and every column with exactly one masked non-zero
    cell also loses its smallest other non-zero cell ("complementary"), so no
    masked cell is the difference between a line's total and its shown cells.

    Parameters
    ----------
    frame : DataFrame
        The table in long form: one row per ``rows`` × ``columns`` cell, with a
        count. Not changed.
    rows, columns : str
        The two classifying columns.
    count_col : str
    min_group_size : int
    share_cols : sequence of str, optional
        Columns derived from the count, masked with it (default: ``share*``).

    Returns
    -------
    DataFrame
        As :func:`suppress_small_counts`: a copy with the count as ``Int64``,
        shares ``NaN`` where masked, and ``suppressed`` / ``suppressed_reason``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"band": ["a", "a", "a", "b", "b", "b"],
    ...                   "theme": [0, 1, 2, 0, 1, 2], "n": [20, 3, 9, 15, 8, 12]})
    >>> out = suppress_crosstab(t, "band", "theme")
    >>> out.pivot(index="band", columns="theme", values="n")
    theme     0     1     2
    band
    a        20  <NA>  <NA>
    b        15  <NA>  <NA>
    >>> out["suppressed_reason"].tolist()
    [<NA>, 'small', 'complementary', <NA>, 'complementary', 'complementary']
    """
    func = "suppress_crosstab"
    require_columns(frame, {"rows": rows, "columns": columns, "count_col": count_col}, func)
    out = suppress_small_counts(
        frame, count_col, min_group_size, share_cols=share_cols, complementary=False
    )
    counts = pd.to_numeric(frame[count_col]).astype("Float64").to_numpy(dtype=float, na_value=0)
    hidden = out[SUPPRESSED].to_numpy(dtype=bool).copy()
    lines = [frame[rows].to_numpy(), frame[columns].to_numpy()]
    changed = True
    while changed:
        changed = False
        for keys in lines:
            for key in pd.unique(keys):
                line = np.flatnonzero(keys == key)
                if int((hidden[line] & (counts[line] > 0)).sum()) != 1:
                    continue
                free = line[~hidden[line] & (counts[line] > 0)]
                if len(free):
                    hidden[free[np.argmin(counts[free])]] = True
                    changed = True
    complement = hidden & ~out[SUPPRESSED].to_numpy(dtype=bool)
    if share_cols is None:
        share_cols = [c for c in frame.columns if str(c).startswith("share")]
    mask = pd.Series(complement, index=out.index)
    out[count_col] = out[count_col].mask(mask)
    for col in share_cols:
        out[col] = out[col].mask(mask)
    out[SUPPRESSED] = hidden
    reason = out[REASON].copy()
    reason[mask] = "complementary"
    out[REASON] = reason
    return out


def suppress_linked(detail: pd.DataFrame, summary: pd.DataFrame, on: str) -> pd.DataFrame:
    """Mask every detail row of a group that is masked in the summary table.

    A report showing both a summary (staff by position group) and its detail
    (staff by position type) must not let a masked group count be recovered
    by adding up its detail rows.

    Parameters
    ----------
    detail : DataFrame
        Output of :func:`suppress_small_counts` with the column ``on``.
    summary : DataFrame
        Output of :func:`suppress_small_counts`, one row per value of ``on``.
    on : str
        The column linking the two tables.

    Returns
    -------
    DataFrame
        A copy of ``detail``; rows whose ``on`` group is masked in ``summary``
        are masked too (reason ``"complementary"`` unless already ``"small"``).

    Examples
    --------
    >>> import pandas as pd
    >>> groups = suppress_small_counts(pd.DataFrame({"g": ["x", "y", "z"], "n": [3, 9, 40]}),
    ...                                 by=None)
    >>> types = suppress_small_counts(pd.DataFrame({"g": ["x", "y", "y", "z"],
    ...                                             "n": [3, 5, 4, 40]}), by="g")
    >>> suppress_linked(types, groups, on="g")[["g", "n", "suppressed_reason"]]
       g     n suppressed_reason
    0  x  <NA>             small
    1  y  <NA>     complementary
    2  y  <NA>             small
    3  z    40              <NA>
    """
    for name, table in (("detail", detail), ("summary", summary)):
        for col in (on, SUPPRESSED):
            if col not in table.columns:
                raise MissingColumnError(
                    f"suppress_linked needs column {col!r} in {name}; it has "
                    f"{list(map(str, table.columns))}. Pass outputs of suppress_small_counts."
                )
    hidden_groups = set(summary.loc[summary[SUPPRESSED], on].astype(str))
    out = detail.copy()
    extra = out[on].astype(str).isin(hidden_groups) & ~out[SUPPRESSED]
    if not extra.any():
        return out
    count_like = [
        c
        for c in out.columns
        if c not in (on, SUPPRESSED, REASON) and pd.api.types.is_numeric_dtype(out[c])
    ]
    for col in count_like:
        out[col] = out[col].mask(extra)
    out[SUPPRESSED] = out[SUPPRESSED] | extra
    out.loc[extra, REASON] = "complementary"
    return out


def suppression_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many cells of a suppressed table were masked, by reason.

    Examples
    --------
    >>> import pandas as pd
    >>> t = suppress_small_counts(pd.DataFrame({"n": [1, 2, 50, 60]}))
    >>> suppression_counts(t)
    {'small': 2, 'complementary': 0, 'total': 2}
    """
    if REASON not in frame.columns:
        raise MissingColumnError(
            f"suppression_counts needs the column {REASON!r} that suppress_small_counts adds."
        )
    small = int((frame[REASON] == "small").sum())
    comp = int((frame[REASON] == "complementary").sum())
    return {"small": small, "complementary": comp, "total": small + comp}


def suppression_note(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> str:
    """One or two sentences telling the reader what was hidden in a table, and why.

    Examples
    --------
    >>> import pandas as pd
    >>> t = suppress_small_counts(pd.DataFrame({"n": [1, 50, 60]}))
    >>> print(suppression_note(t, "en"))
    1 number is hidden (shown as “< 5”) because its group holds fewer than 5 people, to protect \
personal data. 1 further number is hidden so that the hidden number cannot be worked out from the \
total.
    """
    from kompetensi_toolkit import labels

    counts = suppression_counts(frame)
    if counts["total"] == 0:
        return labels.text("text.suppressed_none", lang, threshold=min_group_size)
    parts = []
    if counts["small"]:
        key = "text.suppressed_small" + ("_one" if counts["small"] == 1 else "")
        parts.append(labels.text(key, lang, n=counts["small"], threshold=min_group_size))
    if counts["complementary"]:
        key = "text.suppressed_complementary" + ("_one" if counts["complementary"] == 1 else "")
        parts.append(labels.text(key, lang, n=counts["complementary"]))
    return " ".join(parts)
