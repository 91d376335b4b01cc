"""Property-based tests of the loaders: no input raises anything but the toolkit's own errors.

Whatever bytes, cells or headers a file holds, reading it either succeeds or ends in a
:class:`~kompetensi_toolkit.exceptions.KompetensiError`; every problem reported names a file
and says what is wrong. Most properties drive one table through the loader's per-table path
(read, normalise headers, parse, check, references: what :func:`load_dataset` does for each
table) with the other tables of the tiny dataset already loaded, so each example costs
milliseconds; arbitrary bytes also go through :func:`validate_dataset` and
:func:`load_dataset` whole.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TINY, write_tiny
from kompetensi_toolkit import loaders
from kompetensi_toolkit.exceptions import DataValidationError, KompetensiError, Problem
from kompetensi_toolkit.validation import check_references

FAST = settings(
    max_examples=50,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the work tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: The tables of the tiny dataset and their rows, as lists of cells.
ROWS = {
    name.removesuffix(".csv"): list(csv.reader(io.StringIO(text))) for name, text in TINY.items()
}
CELLS = [
    (table, column)
    for table, rows in ROWS.items()
    for column in range(len(rows[0]))
    if table != "regions"  # a broken regions table stops before the others: checked below
]


@pytest.fixture(scope="module")
def tiny_tables(tmp_path_factory) -> dict[str, loaders.Located]:
    """The tiny dataset, loaded once: the tables a broken one is checked against."""
    folder = write_tiny(tmp_path_factory.mktemp("tiny") / "data")
    tables, problems, _ = loaders._read_all(folder, None)
    assert problems == []
    return tables


def assert_well_formed(problems: list[Problem]) -> None:
    """Every problem names its file and says what is wrong, and prints on one line."""
    for p in problems:
        assert isinstance(p, Problem)
        assert isinstance(p.file, str) and p.file, p
        assert isinstance(p.message, str) and p.message, p
        assert p.row is None or (isinstance(p.row, int) and p.row >= 1), p
        assert str(p).startswith(p.file)


def load_one(name: str, content: bytes | str, tables, suffix: str = "csv") -> list[Problem]:
    """Problems of table ``name`` holding ``content``, the others being the tiny dataset's."""
    folder = Path(tempfile.mkdtemp(prefix="prop-"))
    try:
        path = folder / f"{name}.{suffix}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        others = {k: v for k, v in tables.items() if k != name}
        problems: list[Problem] = []
        try:
            located = loaders._load_table(name, folder, None, others, problems, hasher=None)
        except KompetensiError:
            return problems
        if located is not None:
            problems += check_references({**others, name: located})
        return problems
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def to_csv(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def with_cell(table: str, column: int, row: int, value: str) -> str:
    """The tiny table as CSV with ``value`` in one cell (row 0 is the header: from row 1)."""
    rows = [list(r) for r in ROWS[table]]
    rows[min(row, len(rows) - 1)][column] = value
    return to_csv(rows)


# ---------------------------------------------------------------------------
# Arbitrary bytes.
# ---------------------------------------------------------------------------


@FAST
@given(
    raw=st.one_of(
        st.binary(max_size=600),
        # text-like bytes: a header, a delimiter, quotes and line ends among them
        st.lists(
            st.sampled_from(
                [
                    b"employee_id",
                    b",",
                    b";",
                    b'"',
                    b"\n",
                    b"\r",
                    b"\xef\xbb\xbf",
                    b"\x00",
                    b"\xff",
                    b"ambon",
                    b"1",
                    b"x",
                ]
            ),
            max_size=60,
        ).map(b"".join),
    ),
    table=st.sampled_from(["employees", "assessments", "programs", "participation"]),
)
def test_arbitrary_bytes_as_a_csv_table(tiny_tables, raw, table):
    assert_well_formed(load_one(table, raw, tiny_tables))


@settings(FAST, max_examples=4)
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_through_the_whole_load(raw):
    # guards load_dataset/validate_dataset themselves: the only exception is the toolkit's
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_tiny(Path(tmp) / "d", {"employees.csv": raw})
        problems = loaders.validate_dataset(folder)
        assert_well_formed(problems)
        try:
            loaders.load_dataset(folder)
        except DataValidationError as err:
            assert err.problems and [str(p) for p in err.problems] == [str(p) for p in problems]
        else:
            assert problems == []


# ---------------------------------------------------------------------------
# Arbitrary cells and headers.
# ---------------------------------------------------------------------------

#: Text as people type it and as spreadsheets mangle it.
cell_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "nan",
            "NaN",
            "inf",
            "-inf",
            "1e400",
            "-0",
            "1.500.000",
            "1,5",
            "31/02/2025",
            "2025-13-45",
            "9999-12-31",
            "0001-01-01",
            '=HYPERLINK("x")',
            "+cmd|' /C calc'!A0",
            "@SUM(1)",
            "\u202e",
            "\ufeff",
            "Sangat Setuju",
            "P03",
            "../x",
            "x" * 40_000,
        ]
    ),
)


@settings(FAST, max_examples=60)
@given(where=st.sampled_from(CELLS), value=cell_text, row=st.integers(1, 3))
def test_arbitrary_text_in_any_cell(tiny_tables, where, value, row):
    table, column = where
    assert_well_formed(load_one(table, with_cell(table, column, row, value), tiny_tables))


@settings(FAST, max_examples=10)
@given(value=cell_text, column=st.integers(0, 4), row=st.integers(1, 2))
def test_arbitrary_text_in_the_regions_table(tmp_path_factory, value, column, row):
    rows = [list(r) for r in ROWS["regions"]]
    rows[row][column] = value
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "regions.csv").write_text(to_csv(rows), encoding="utf-8")
        try:
            regions = loaders.list_regions(folder)
        except DataValidationError as err:
            assert err.problems
            assert_well_formed(err.problems)
        else:
            assert list(regions.columns[:2]) == ["region_id", "name"]


@settings(FAST, max_examples=40)
@given(
    table=st.sampled_from(sorted(set(ROWS) - {"regions"})),
    header=st.lists(st.text(max_size=20), min_size=1, max_size=12),
)
def test_arbitrary_header_rows(tiny_tables, table, header):
    rows = [list(r) for r in ROWS[table]]
    assert_well_formed(load_one(table, to_csv([header, *rows[1:]]), tiny_tables))


@settings(FAST, max_examples=15)
@given(
    table=st.sampled_from(sorted(set(ROWS) - {"regions"})),
    keep=st.lists(st.booleans(), min_size=16, max_size=16),
    shuffle=st.randoms(use_true_random=False),
)
def test_headers_dropped_and_reordered(tiny_tables, table, keep, shuffle):
    rows = [list(r) for r in ROWS[table]]
    columns = [i for i in range(len(rows[0])) if keep[i % len(keep)]] or [0]
    shuffle.shuffle(columns)
    picked = [[r[i] for i in columns] for r in rows]
    assert_well_formed(load_one(table, to_csv(picked), tiny_tables))


# ---------------------------------------------------------------------------
# Workbooks: any value a cell can hold.
# ---------------------------------------------------------------------------

#: openpyxl refuses control characters other than tab and line ends: Excel cannot hold them.
xlsx_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)],
    ),
    max_size=30,
)
xlsx_value = st.one_of(
    st.none(),
    xlsx_text,
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
)


@settings(FAST, max_examples=25)
@given(
    table=st.sampled_from(["employees", "assessments", "participation", "programs"]),
    cells=st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 10), xlsx_value), min_size=1, max_size=6
    ),
)
def test_random_cell_values_in_a_workbook(tiny_tables, table, cells):
    frame = pd.DataFrame(ROWS[table][1:], columns=ROWS[table][0], dtype=object)
    for row, column, value in cells:
        frame.iat[row % len(frame), column % frame.shape[1]] = value
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    assert_well_formed(load_one(table, buffer.getvalue(), tiny_tables, suffix="xlsx"))


@settings(FAST, max_examples=20)
@given(
    column=st.sampled_from(["employee_id", "competency_id", "level", "assessed_on"]),
    values=st.one_of(
        st.lists(st.integers(-(2**63), 2**63 - 1), min_size=4, max_size=4),
        st.lists(st.floats(), min_size=4, max_size=4),
        st.lists(st.booleans(), min_size=4, max_size=4),
        st.lists(st.text(max_size=10), min_size=4, max_size=4),
        st.lists(
            st.datetimes(min_value=datetime(1677, 9, 22), max_value=datetime(2262, 4, 11)),
            min_size=4,
            max_size=4,
        ),
    ),
)
def test_any_dtype_in_a_parquet_column(tiny_tables, column, values):
    frame = pd.DataFrame(ROWS["assessments"][1:], columns=ROWS["assessments"][0])
    frame[column] = values
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    assert_well_formed(load_one("assessments", buffer.getvalue(), tiny_tables, suffix="parquet"))


def test_the_clean_tiny_tables_have_no_problems(tiny_tables):
    # the baseline the properties start from: untouched, each table loads clean
    for table in ("employees", "assessments", "programs", "participation", "feedback"):
        assert load_one(table, TINY[f"{table}.csv"], tiny_tables) == []


# ---------------------------------------------------------------------------
# Shortcuts of the loader give what the long way gives.
# ---------------------------------------------------------------------------

#: One field of each kind the parsers read (an enumeration, a Likert item on four points …).
PARSED_FIELDS = [
    loaders.Field("x", "float"),
    loaders.Field("x", "int"),
    loaders.Field("x", "date"),
    loaders.Field("x", "bool"),
    loaders.Field("x", "enum", enum="position_type"),
    loaders.Field("x", "likert", min=1, max=4),
    loaders.Field("x", "likert", min=1, max=5),
]
parsed_cell = st.one_of(
    st.none(),
    cell_text,
    st.sampled_from(["3", " 3 ", "2,5", "1.250.000", "05/03/2025", "ya", "Pelaksana", "Setuju"]),
)


@settings(FAST, max_examples=80)
@given(
    f=st.sampled_from(PARSED_FIELDS),
    cells=st.lists(parsed_cell, min_size=1, max_size=12),
    dtype=st.sampled_from(["str", "string"]),  # as read from CSV; Parquet text may be either
)
def test_parsing_distinct_values_is_parsing_every_cell(f, cells, dtype):
    raw = pd.Series(cells, index=range(10, 10 + len(cells)), dtype=dtype)
    values, bad = loaders._parse_distinct(f, raw, {})
    expected_values, expected_bad = loaders._parse(f, raw)
    pd.testing.assert_series_equal(values, expected_values, check_names=False, check_exact=True)
    pd.testing.assert_series_equal(bad, expected_bad.astype(bool), check_names=False)


@settings(FAST, max_examples=60)
@given(rows=st.lists(st.lists(parsed_cell, min_size=3, max_size=3), min_size=1, max_size=6))
def test_csv_cells_read_as_text_are_what_pandas_strings_were(rows):
    # the loader reads CSV cells as Python text, and makes them pandas strings after picking rows
    text = to_csv([["a", "b", "c"], *[["" if c is None else c for c in r] for r in rows]])
    try:
        frame = loaders._read_csv_bytes(text.encode("utf-8"), "t.csv")
    except loaders._Unreadable:
        return
    strings = pd.read_csv(
        io.StringIO(text),
        dtype="str",
        keep_default_na=False,
        na_values=[""],
        skipinitialspace=True,
        quoting=csv.QUOTE_MINIMAL,
    ).dropna(how="all")
    pd.testing.assert_frame_equal(frame.astype("str"), strings, check_exact=True)


@settings(FAST, max_examples=60)
@given(text=st.text(max_size=30))
def test_first_line_is_the_first_of_splitlines(text):
    if text.splitlines():
        assert loaders._first_line(text) == text.splitlines()[0]


@settings(FAST, max_examples=80)
@given(where=st.sampled_from(CELLS), value=cell_text, row=st.integers(1, 3))
def test_the_quick_schema_check_never_passes_what_pandera_fails(tiny_tables, where, value, row):
    import pandera.pandas as pa

    from kompetensi_toolkit import validation

    table, column = where
    content = with_cell(table, column, row, value).encode("utf-8")
    try:
        frame = loaders._read_csv_bytes(content, "t.csv").astype("str")
    except loaders._Unreadable:
        return
    frame, header_problems = loaders._normalise_headers(table, frame, "t.csv")
    if header_problems:
        return
    others = {k: v for k, v in tiny_tables.items() if k != table}
    items = loaders._item_fields(table, frame, others, "t.csv", [])
    parsed = loaders._parse_columns(table, frame, "t.csv", items)[0]
    schema_table = validation.TABLES[table]
    schema_table = validation.Table(table, schema_table.fields + tuple(items.values()))
    try:
        validation.build_schema(schema_table, tuple(parsed.columns)).validate(parsed, lazy=True)
        passes = True
    except pa.errors.SchemaErrors:
        passes = False
    assert passes or not validation._obeys_schema(schema_table, parsed)


@settings(FAST, max_examples=60)
@given(cells=st.lists(st.one_of(st.none(), cell_text), min_size=1, max_size=6))
def test_a_column_found_plain_has_no_formula_and_no_long_cell(cells):
    from kompetensi_toolkit import validation

    text = pd.Series(cells, dtype="str")
    if validation._plain_text(text, formulas=True):
        assert not text.str.contains(validation.FORMULA_PATTERN, regex=True).fillna(False).any()
        assert not (text.str.len() > validation.MAX_CELL_CHARS).fillna(False).any()
