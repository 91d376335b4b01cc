"""Check parsed tables against the data contract, reporting every problem at once.

Four layers, all lazy (nothing stops at the first finding):

1. per-column rules declared in :mod:`kompetensi_toolkit.schema` (required
   values, ranges, patterns, row rules such as ``end_date ≥ start_date``),
   checked by a pandera ``DataFrameSchema`` built from the declaration
   (a table that a quick vectorised look finds clean skips pandera, and
   its import: pandera is only needed to say which cells fail);
2. uniqueness, with the row where a duplicated value was first seen;
3. references between tables (an assessment's employee must exist, …);
4. rules across rows of one table (service_metrics: complaints resolved
   within the SLA not more than complaints received, per unit and period);
5. cells: text longer than a spreadsheet cell holds, text that a
   spreadsheet would run as a formula (refused, not neutralised: the
   message says how to keep it as text), dates of past events that lie
   after today.

Every finding becomes a :class:`~kompetensi_toolkit.exceptions.Problem`
located as ``file:row:column``. Row numbers are spreadsheet rows: the frames
handed in keep the index of the file they came from (0 for the first data
row), so ``row = index + 2``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

import pandas as pd

from kompetensi_toolkit.exceptions import Problem
from kompetensi_toolkit.schema import (
    ITEM_ID_PATTERN,
    PERIOD_PATTERN,
    REGION_ID_PATTERN,
    TABLES,
    Field,
    Table,
)

#: How the contract's patterns read in a message.
PATTERN_WORDS = {
    REGION_ID_PATTERN: (
        "lower-case letters, digits, '-' and '_', starting with a letter or digit, "
        "at most 64 characters (it names output folders)"
    ),
    ITEM_ID_PATTERN: "letters, digits and '_', not starting with a digit (it names a column)",
    PERIOD_PATTERN: "YYYY, YYYY-Qn or YYYY-MM, e.g. 2025, 2025-Q3, 2025-07",
}

#: Excel's limit on the characters of one cell; a longer value is not a value.
MAX_CELL_CHARS = 32_767

#: Text a spreadsheet runs as a formula when the file is opened or exported again (CSV
#: injection): "=…", "@…", a sign before a name or bracket ("+cmd|…", "-SUM(…"), or a signed
#: number followed by an operator ("-2+3+cmd|…"). "- bagus", "+62 812…" and "-5" stay text.
FORMULA_PATTERN = r"^(?:[=@]|[+-][A-Za-z_(]|[+-][0-9.,]*[-+*/^&=])"

#: Row rules: (table, later column, earlier column).
ORDER_RULES = (("participation", "end_date", "start_date"),)


def spreadsheet_row(index_value: object) -> int | None:
    """Row number as a spreadsheet shows it, for a frame index value."""
    try:
        return int(index_value) + 2  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Located:
    """A parsed table and where it came from."""

    name: str
    frame: pd.DataFrame
    file: str


@cache
def _pandera():
    import pandera.pandas as pa

    return pa


def _column_checks(f: Field) -> list:
    pa = _pandera()
    checks = []
    if f.kind in ("int", "float", "likert"):
        if f.min is not None and f.max is not None:
            checks.append(pa.Check.in_range(f.min, f.max))
        elif f.min is not None:
            checks.append(
                pa.Check.greater_than(f.min)
                if f.min_exclusive
                else pa.Check.greater_than_or_equal_to(f.min)
            )
        elif f.max is not None:
            checks.append(pa.Check.less_than_or_equal_to(f.max))
    if f.pattern is not None:
        checks.append(pa.Check.str_matches(f.pattern))
    return checks


def build_schema(table: Table, columns: tuple[str, ...]):
    """The pandera schema of ``table`` for the columns a file actually has.

    Missing optional columns are simply absent; missing required columns are
    reported before this point.
    """
    pa = _pandera()
    cols = {
        f.name: pa.Column(checks=_column_checks(f), nullable=not f.required, required=False)
        for f in table.fields
        if f.name in columns
    }
    checks = [
        pa.Check(
            lambda d, later=later, earlier=earlier: (
                d[later].isna() | d[earlier].isna() | (d[later] >= d[earlier])
            ),
            name=f"{later}>={earlier}",
        )
        for tname, later, earlier in ORDER_RULES
        if tname == table.name and later in columns and earlier in columns
    ]
    return pa.DataFrameSchema(cols, checks=checks, name=table.name)


def _obeys_schema(table: Table, frame: pd.DataFrame) -> bool:
    """Whether ``frame`` surely passes :func:`build_schema`'s pandera schema.

    The same rules, vectorised, without pandera's cost per column (and its
    import): a required value missing, a value outside a range or not
    matching a pattern (missing values are not checked), a row breaking a
    row rule. ``False`` when any may fail, or a rule cannot be evaluated:
    pandera then says which cells fail and why.

    >>> frame = pd.DataFrame({"jp": [8.0, 2.0], "cost_per_participant": [0.0, None]})
    >>> _obeys_schema(TABLES["programs"], frame)
    True
    >>> _obeys_schema(TABLES["programs"], frame.assign(jp=[8.0, 0.0]))  # jp must be above 0
    False
    >>> _obeys_schema(TABLES["programs"], frame.assign(jp=[8.0, None]))  # and is required
    False
    """
    try:
        for f in table.fields:
            if f.name not in frame.columns:
                continue
            series = frame[f.name]
            if (f.required and series.hasnans) or not _obeys_rules(f, series):
                return False
        for name, later, earlier in ORDER_RULES:
            if name == table.name and later in frame.columns and earlier in frame.columns:
                a, b = frame[later], frame[earlier]
                ok = a.isna() | b.isna() | (a >= b)
                if not ok.fillna(False).astype(bool).all():
                    return False
    except Exception:  # a rule pandera would report as failing to run
        return False
    return True


def _obeys_rules(f: Field, series: pd.Series) -> bool:
    """Whether the present values of ``series`` pass each of :func:`_column_checks`.

    A range holds when the smallest and the largest value are within it;
    a pattern is matched once per distinct value.

    >>> _obeys_rules(Field("jp", "float", min=0, min_exclusive=True), pd.Series([2.0, None]))
    True
    >>> _obeys_rules(Field("u1", "int", min=1, max=4), pd.Series([1, 5], dtype="Int64"))
    False
    """
    if f.kind in ("int", "float", "likert") and (f.min is not None or f.max is not None):
        low, high = series.min(), series.max()  # missing values skipped, as pandera drops them
        if not pd.isna(low):
            if f.min is not None and f.max is not None:  # in_range: both ends included
                ok = low >= f.min and high <= f.max
            elif f.min is not None:
                ok = low > f.min if f.min_exclusive else low >= f.min
            else:
                ok = high <= f.max
            if not ok:
                return False
    if f.pattern is not None:
        present = pd.Series(series.dropna().unique(), dtype=series.dtype)
        if not present.str.match(f.pattern, na=False).all():
            return False
    return True


def _describe_failure(table: Table, column: str, check: str, field_by_name) -> tuple[str, str]:
    """(what is wrong, what is allowed) for one pandera failure."""
    f: Field | None = field_by_name.get(column)
    if check == "not_nullable":
        return "required value is empty", (f.allowed() if f else "a value")
    if check.startswith("str_matches"):
        return "not allowed here", PATTERN_WORDS.get(f.pattern, f"matching {f.pattern}")
    if ">=" in check:
        later, earlier = check.split(">=")
        return f"{later} is before {earlier}", f"{later} on or after {earlier}"
    return "out of range", (f.allowed() if f else check)


def check_table(
    located: Located,
    item_fields: Mapping[str, Field] | None = None,
    already_reported: pd.DataFrame | None = None,
) -> list[Problem]:
    """Every problem of one parsed table: declared rules and uniqueness.

    ``item_fields`` adds per-table columns not in the static contract (the
    feedback items), checked like declared ones. ``already_reported`` is a
    boolean frame of cells reported while parsing (unreadable values): they
    are not reported again as empty.
    """
    table = TABLES[located.name]
    frame = located.frame
    if item_fields:
        table = Table(
            table.name,
            table.fields + tuple(item_fields.values()),
            unique_together=table.unique_together,
        )
    field_by_name = {f.name: f for f in table.fields}
    problems: list[Problem] = []

    try:
        if not _obeys_schema(table, frame):  # else pandera, which names every failure, is not run
            build_schema(table, tuple(frame.columns)).validate(frame, lazy=True)
    except _pandera().errors.SchemaErrors as err:
        cases = err.failure_cases
        seen: set[tuple[object, str]] = set()
        for case in cases.itertuples(index=False):
            check = str(case.check)
            is_row_rule = ">=" in check and case.schema_context == "DataFrameSchema"
            column = check.split(">=")[0] if is_row_rule else str(case.column)
            key = (case.index, column + check)
            if key in seen or (
                already_reported is not None
                and column in already_reported.columns
                and case.index in already_reported.index
                and already_reported.at[case.index, column]
            ):
                continue
            seen.add(key)
            value = frame.at[case.index, column] if case.index in frame.index else case.failure_case
            what, allowed = _describe_failure(table, column, check, field_by_name)
            problems.append(
                Problem(
                    located.file,
                    what,
                    spreadsheet_row(case.index),
                    column,
                    value=_plain(value) if check != "not_nullable" else None,
                    allowed=allowed,
                )
            )

    for f in table.fields:
        if f.unique and f.name in frame.columns:
            problems += _duplicates(located, [f.name])
    for cols in table.unique_together:
        if all(c in frame.columns for c in cols):
            problems += _duplicates(located, list(cols))
    if located.name == "service_metrics":
        problems += _resolved_above_received(located)
    problems += _cell_problems(located, table, already_reported)
    return problems


def _reported(already_reported: pd.DataFrame | None, column: str) -> pd.Series | bool:
    if already_reported is None or column not in already_reported.columns:
        return False
    return already_reported[column].reindex(already_reported.index).fillna(False).astype(bool)


def _cell_problems(
    located: Located, table: Table, already_reported: pd.DataFrame | None = None
) -> list[Problem]:
    """Over-long text, formulas in text fields, dates of past events after today.

    Examples
    --------
    >>> frame = pd.DataFrame({"program_id": ["P1", "P2"], "name": ["=HYPERLINK(1)", "- ok"],
    ...                       "form": ["seminar"] * 2, "mode": ["klasikal"] * 2, "jp": [8, 8]})
    >>> [str(p) for p in _cell_problems(Located("programs", frame, "programs.csv"),
    ...                                  TABLES["programs"])]  # doctest: +NORMALIZE_WHITESPACE
    ["programs.csv:2:name: looks like a spreadsheet formula (value seen: '=HYPERLINK(1)';
      put a ' before it to keep it as text; allowed: text that does not start with =, @,
      or + or - followed by a name, a bracket or an operator)"]
    """
    frame = located.frame
    declared = {f.name: f for f in table.fields}
    problems: list[Problem] = []
    for column in frame.columns:
        f = declared.get(column)
        series = frame[column]
        if f is not None and f.kind == "date" and f.past:
            problems += _future_dates(located, column, series, _reported(already_reported, column))
        if f is not None and f.kind != "str":
            continue
        if not (series.dtype == object or isinstance(series.dtype, pd.StringDtype)):
            continue
        if _plain_text(series, formulas=f is not None):
            continue
        text = series.astype("str")
        long = (text.str.len() > MAX_CELL_CHARS).fillna(False)
        problems += [
            Problem(
                located.file,
                "cell too long",
                spreadsheet_row(idx),
                column,
                value=value,
                hint=f"{len(value):,} characters",
                allowed=f"at most {MAX_CELL_CHARS:,} characters (what a spreadsheet cell holds)",
            )
            for idx, value in text[long].items()
        ]
        if f is None:  # extra columns are kept but never shown
            continue
        formula = text.str.contains(FORMULA_PATTERN, regex=True).fillna(False) & ~long
        problems += [
            Problem(
                located.file,
                "looks like a spreadsheet formula",
                spreadsheet_row(idx),
                column,
                value=value,
                hint="put a ' before it to keep it as text",
                allowed="text that does not start with =, @, or + or - followed by a name, "
                "a bracket or an operator",
            )
            for idx, value in text[formula].items()
        ]
    return problems


def _plain_text(series: pd.Series, formulas: bool) -> bool:
    """Whether no cell of a text column is too long or (``formulas``) starts as a formula can.

    A quick look, with Arrow, that lets :func:`_cell_problems` skip the exact
    checks of a column that cannot fail them (every formula starts with
    ``=``, ``@``, ``+`` or ``-``). ``False`` when it cannot tell.

    >>> _plain_text(pd.Series(["ok", None, "- bagus"], dtype="str"), formulas=False)
    True
    >>> _plain_text(pd.Series(["ok", None, "- bagus"], dtype="str"), formulas=True)
    False
    >>> _plain_text(pd.Series(["x" * (MAX_CELL_CHARS + 1)], dtype="str"), formulas=False)
    False
    """
    dtype = series.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return False
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pa.array(series.array)
    longest = pc.max(pc.utf8_length(values)).as_py()
    if longest is not None and longest > MAX_CELL_CHARS:
        return False
    if formulas:
        first = pc.utf8_slice_codeunits(values, 0, 1)
        if pc.any(pc.is_in(first, value_set=pa.array(["=", "@", "+", "-"]))).as_py():
            return False
    return True


def _future_dates(
    located: Located, column: str, dates: pd.Series, reported: pd.Series | bool
) -> Iterator[Problem]:
    today = pd.Timestamp(date.today())
    after = (pd.to_datetime(dates, errors="coerce") > today).fillna(False) & ~reported
    for idx, value in dates[after].items():
        yield Problem(
            located.file,
            "date is in the future",
            spreadsheet_row(idx),
            column,
            value=_plain(value),
            allowed=f"a date on or before today ({today:%Y-%m-%d}): it records what happened",
        )


def _plain(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _duplicates(located: Located, cols: list[str]) -> list[Problem]:
    frame = located.frame[cols]
    complete = frame.notna().all(axis=1)
    frame = frame[complete]
    dup = frame.duplicated(keep="first")
    if not dup.any():
        return []
    first_index = (
        frame.reset_index()
        .groupby(cols, observed=True, sort=False)[frame.index.name or "index"]
        .transform("first")
    )
    first_index.index = frame.index
    label = " + ".join(cols)
    out = []
    for idx in frame.index[dup.to_numpy()]:
        value = frame.at[idx, cols[0]] if len(cols) == 1 else tuple(frame.loc[idx, cols])
        out.append(
            Problem(
                located.file,
                f"duplicate {label}",
                spreadsheet_row(idx),
                cols[-1] if len(cols) > 1 else cols[0],
                value=value if len(cols) == 1 else " + ".join(map(str, value)),
                hint=f"first seen in row {spreadsheet_row(first_index[idx])}",
                allowed=f"each {label} once",
            )
        )
    return out


#: Columns that say which unit and period a service_metrics row is about.
_SERVICE_KEYS = ["region_id", "unit", "period"]


def _resolved_above_received(located: Located) -> list[Problem]:
    """service_metrics: complaints resolved within the SLA must not exceed those received.

    Compared for the same region_id, unit and period. A resolved count with
    no received count for its unit and period is allowed (nothing to compare
    with); with duplicated rows, the first received row counts (duplicates
    are reported on their own).
    """
    frame = located.frame
    if not all(c in frame.columns for c in [*_SERVICE_KEYS, "metric", "value"]):
        return []
    metric = frame["metric"].astype("string")
    value = pd.to_numeric(frame["value"], errors="coerce")
    keys = frame[_SERVICE_KEYS].astype("string")
    usable = keys.notna().all(axis=1) & value.notna()
    received = (
        keys[usable & (metric == "complaints_received")]
        .assign(received=value, received_index=lambda d: d.index)
        .drop_duplicates(_SERVICE_KEYS, keep="first")
    )
    resolved = keys[usable & (metric == "complaints_resolved_in_sla")].assign(
        resolved=value, resolved_index=lambda d: d.index
    )
    both = resolved.merge(received, on=_SERVICE_KEYS, how="inner")
    above = both[both["resolved"] > both["received"]]
    return [
        Problem(
            located.file,
            f"complaints_resolved_in_sla {_plain(float(row.resolved))} is more than "
            f"complaints_received {_plain(float(row.received))} of the same region_id, unit "
            f"and period (row {spreadsheet_row(row.received_index)})",
            spreadsheet_row(row.resolved_index),
            "value",
            value=_plain(float(row.resolved)),
            allowed="at most complaints_received of the same region_id, unit and period",
        )
        for row in above.sort_values("resolved_index").itertuples(index=False)
    ]


def check_references(tables: Mapping[str, Located]) -> list[Problem]:
    """Rows pointing at something another table does not have.

    Only tables present are checked; a missing target table was reported on
    its own already.
    """
    problems: list[Problem] = []
    for located in tables.values():
        table = TABLES[located.name]
        for f in table.fields:
            if f.references is None or f.name not in located.frame.columns:
                continue
            target_name, target_col = f.references
            if target_name == located.name or target_name not in tables:
                continue
            target = tables[target_name]
            if target_col not in target.frame.columns:
                continue
            values = located.frame[f.name]
            known = _isin(values, target.frame[target_col])
            unknown = values.notna() & ~known
            for idx, value in values[unknown].items():
                problems.append(
                    Problem(
                        located.file,
                        f"unknown {f.name}: not in {target.file}",
                        spreadsheet_row(idx),
                        f.name,
                        value=value,
                        allowed=f"a value of {target_col} in {target.file}",
                    )
                )
    return problems


def _isin(values: pd.Series, targets: pd.Series) -> pd.Series:
    """``values.isin(targets)``; for Arrow strings by Arrow's hash lookup.

    pandas looks Arrow strings up one by one in Python: 1.8 million assessments
    against 200,000 employees take seconds, which this makes a fraction of.

    >>> ids = pd.Series(["a", "b", None], dtype="string[pyarrow]")
    >>> _isin(pd.Series(["b", "c", None], dtype="string[pyarrow]"), ids).tolist()
    [True, False, False]
    >>> _isin(pd.Series([1, 3]), pd.Series([1, 2])).tolist()
    [True, False]
    """
    arrow = all(
        isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow"
        for s in (values, targets)
    )
    if not arrow:
        return values.isin(targets.dropna().unique())
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.is_in(pa.array(values), value_set=pa.array(targets.dropna().unique()))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index)
