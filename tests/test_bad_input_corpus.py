"""Bad-input corpus: malformed variants of the tiny dataset, each refused with a located message.

Every variant is generated here from ``conftest.TINY`` (no binary file is committed). For each
one, ``kompetensi validate DIR`` exits 1 and prints a line ``file:row:column: what (value seen;
allowed …)`` naming what is wrong, and ``kompetensi run ambon --data DIR --out OUT`` exits 1
without a traceback and without creating OUT. The broken rows are ambon's (or the whole file
is broken), so the run of ambon cannot start.

tests/test_bad_input.py pins the exact wording of the data contract's examples through the
Python API; the variants of those examples here are different files (another table, row or
spelling) and check the command line: exit code, message and nothing written.

Formulas in text cells (CSV injection) are REFUSED, not neutralised: a cell that a spreadsheet
would run as a formula stops the load with a message saying how to keep it as text.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from conftest import TINY, write_tiny
from kompetensi_toolkit.cli import main
from kompetensi_toolkit.loaders import load_dataset, validate_dataset

THIS_YEAR = date.today().year


# ---------------------------------------------------------------------------
# How to break the tiny dataset.
# ---------------------------------------------------------------------------


def _sub(table: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """Replace ``old`` by ``new`` in one table's text."""

    def edit(folder: Path) -> None:
        text = TINY[table]
        assert old in text, f"test set-up: {old!r} not in {table}"
        write_tiny(folder, {table: text.replace(old, new, count)})

    return edit


def _raw(
    table: str, content: bytes | str | Callable[[], bytes | str] | None, keep_csv: bool = False
) -> Callable[[Path], None]:
    """Write ``content`` as the file ``table`` (``.xlsx``/``.parquet``: instead of the CSV)."""

    def edit(folder: Path) -> None:
        files = {table: content() if callable(content) else content}
        stem, suffix = table.rsplit(".", 1)
        if suffix != "csv" and not keep_csv:
            files[f"{stem}.csv"] = None
        write_tiny(folder, files)

    return edit


def _frame(table: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(TINY[table]), dtype=str, keep_default_na=False)


def _as_xlsx(
    table: str, change: Callable[[pd.DataFrame], pd.DataFrame] | None = None
) -> Callable[[Path], None]:
    """The table as ``<table>.xlsx`` (after ``change``) instead of its CSV."""

    def edit(folder: Path) -> None:
        write_tiny(folder, {f"{table}.csv": None})
        frame = _frame(f"{table}.csv")
        (change or (lambda f: f))(frame).to_excel(folder / f"{table}.xlsx", index=False)

    return edit


def _xlsx_bytes(table: str) -> bytes:
    buffer = io.BytesIO()
    _frame(f"{table}.csv").to_excel(buffer, index=False)
    return buffer.getvalue()


def _xlsx_sheets(table: str, sheets: dict[str, pd.DataFrame | None]) -> Callable[[Path], None]:
    """A workbook with several sheets; ``None`` stands for the table itself."""

    def edit(folder: Path) -> None:
        write_tiny(folder, {f"{table}.csv": None})
        with pd.ExcelWriter(folder / f"{table}.xlsx") as writer:
            for sheet, frame in sheets.items():
                frame = _frame(f"{table}.csv") if frame is None else frame
                frame.to_excel(writer, sheet_name=sheet, index=False)

    return edit


def _as_parquet(table: str, change: Callable[[pd.DataFrame], pd.DataFrame]):
    def edit(folder: Path) -> None:
        write_tiny(folder, {f"{table}.csv": None})
        change(_frame(f"{table}.csv")).to_parquet(folder / f"{table}.parquet", index=False)

    return edit


def _wide_employees() -> str:
    lines = TINY["employees.csv"].splitlines()
    extra = 20_000
    head = lines[0] + "".join(f",x{i}" for i in range(extra))
    rows = [line + "," * extra for line in lines[1:]]
    return "\n".join([head, *rows]) + "\n"


def _junk() -> bytes:
    return random.Random(8).randbytes(4096)


def _two_files_joined() -> bytes:
    text = TINY["employees.csv"].encode()
    return b"\xef\xbb\xbf" + text + b"\xef\xbb\xbf" + text.replace(b"ambon", b"plaju")


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], None]
    #: The start of the line ``kompetensi validate`` prints: ``file:row:column: what``.
    expect: str
    #: The line also shows the value seen (not for a missing file or column).
    shows_value: bool = True
    #: ``kompetensi run ambon`` refuses it too. Rows that belong to no region (an assessment
    #: of an employee not in employees.csv) stop no region's run: only validate catches them.
    stops_run: bool = True


CASES = [
    # --- the data contract's list (variants of tests/test_bad_input.py's files) ---
    Case(
        "missing required file",
        _raw("participation.csv", None),
        "participation.csv: required table participation not found",
        shows_value=False,
    ),
    Case(
        "missing required column",
        _sub("assessments.csv", "employee_id,competency_id,level,", "employee_id,competency_id,"),
        "assessments.csv:1:level: required column missing",
        shows_value=False,
    ),
    Case(
        "unknown enumeration value, nearest suggested",
        _sub("employees.csv", ",s1,baik,72.5,", ",s1,baikk,72.5,"),
        "employees.csv:2:performance: unknown performance (value seen: 'baikk'; "
        "did you mean 'baik'?",
    ),
    Case(
        "level 7",
        _sub("assessments.csv", "M.01,2,", "M.01,7,"),
        "assessments.csv:2:level: out of range (value seen: 7; allowed: a number 1 to 5)",
    ),
    Case(
        "level 0",
        _sub("assessments.csv", "M.01,3,", "M.01,0,"),
        "assessments.csv:4:level: out of range (value seen: 0; allowed: a number 1 to 5)",
    ),
    Case(
        "duplicate employee_id",
        _sub("employees.csv", "198702022011012002,", "198501012010011001,"),
        "employees.csv:3:employee_id: duplicate employee_id (value seen: '198501012010011001'; "
        "first seen in row 2",
    ),
    Case(
        "assessment for an unknown employee",
        _sub("assessments.csv", "198702022011012002,M.01", "198702022011012099,M.01"),
        "assessments.csv:4:employee_id: unknown employee_id: not in employees.csv "
        "(value seen: '198702022011012099'",
        stops_run=False,
    ),
    Case(
        "assessment for an unknown competency",
        _sub("assessments.csv", "M.02,1.5", "SK.10,1.5"),
        "assessments.csv:3:competency_id: unknown competency_id: not in competencies.csv "
        "(toolkit default) (value seen: 'SK.10'",
    ),
    Case(
        "end_date before start_date",
        _sub("participation.csv", "2025-03-03,2025-03-05", "03/03/2025,02/03/2025"),
        "participation.csv:2:end_date: end_date is before start_date (value seen: '2025-03-02'",
    ),
    Case(
        "empty file (byte order marks and blank lines)",
        _raw("employees.csv", "\ufeff\ufeff\n \n\n"),
        "employees.csv: file is empty",
        shows_value=False,
    ),
    Case(
        "not UTF-8 and not cp1252",
        _raw("employees.csv", TINY["employees.csv"].encode().replace(b"Sri ", b"Sri \x8d")),
        "employees.csv:3:-: text encoding not recognised",
        shows_value=False,
    ),
    Case(
        "region_id ../ambon",
        _sub("regions.csv", "ambon,Kota", "../ambon,Kota"),
        "regions.csv:2:region_id: not allowed here (value seen: '../ambon'",
    ),
    Case(
        "region_id Kota Ambon",
        _sub("regions.csv", "ambon,Kota", "Kota Ambon,Kota"),
        "regions.csv:2:region_id: not allowed here (value seen: 'Kota Ambon'",
    ),
    # --- what else real files bring ---
    Case(
        "truncated xlsx",
        _raw("employees.xlsx", lambda: _xlsx_bytes("employees")[:1500]),
        "employees.xlsx: not a readable Excel workbook (the workbook is damaged or cut short",
        shows_value=False,
    ),
    Case(
        "csv text named .xlsx",
        _raw("programs.xlsx", TINY["programs.csv"]),
        "programs.xlsx: not a readable Excel workbook (it holds text, not a workbook: "
        "if it is CSV, name it programs.csv",
        shows_value=False,
    ),
    Case(
        "binary junk named .csv",
        _raw("employees.csv", _junk),
        "employees.csv: not a text file",
        shows_value=False,
    ),
    Case(
        "junk named .parquet",
        _raw("assessments.parquet", b"PAR1 this is not parquet"),
        "assessments.parquet: not a readable Parquet file (the Parquet file is damaged",
        shows_value=False,
    ),
    Case(
        "header-only workbook",
        _as_xlsx("employees", lambda f: f.iloc[:0]),
        "employees.xlsx: workbook's first sheet has no data rows",
        shows_value=False,
    ),
    Case(
        "header and empty rows only",
        _raw("assessments.csv", "employee_id,competency_id,level,assessed_on\n,,,\n,,,\n"),
        "assessments.csv: file has a header but no data rows",
        shows_value=False,
    ),
    Case(
        "a cell of a million characters",
        _sub("employees.csv", "Budi Santoso", "B" * 1_000_000),
        "employees.csv:2:name: cell too long",
    ),
    Case(
        "a number of a million digits",
        _sub("employees.csv", ",72.5,", "," + "7" * 1_000_000 + ","),
        "employees.csv:2:potential_score: not a number (value seen: '777777",
    ),
    Case(
        "duplicated column name",
        _sub("employees.csv", ",unit,", ",unit,unit_kerja,".replace("unit_kerja", "unit")),
        "employees.csv:1:unit: column appears twice (value seen: 'unit'",
    ),
    Case(
        "duplicated column name in a workbook",
        _as_xlsx(
            "programs",
            lambda f: f.set_axis([*f.columns[:-1], "name"], axis=1),
        ),
        "programs.xlsx:1:name: column appears twice (value seen: 'name'",
    ),
    Case(
        "words in a numeric column",
        _sub("assessments.csv", "M.01,3,", "M.01,tiga,"),
        "assessments.csv:4:level: not a number (value seen: 'tiga'",
    ),
    Case(
        "numbers and words in a workbook's numeric column",
        _as_xlsx(
            "employees",
            lambda f: f.assign(potential_score=[72.5, "tinggi", 55, 60]),
        ),
        "employees.xlsx:3:potential_score: not a number (value seen: 'tinggi'",
    ),
    Case(
        "participation starting after today",
        _sub("participation.csv", "P01,2025-03-03,2025-03-05", f"P01,{THIS_YEAR + 1}-03-03,"),
        f"participation.csv:2:start_date: date is in the future (value seen: '{THIS_YEAR + 1}",
    ),
    Case(
        "assessment dated after today",
        _sub("assessments.csv", "2025-02-03", f"{THIS_YEAR + 2}-02-03"),
        f"assessments.csv:4:assessed_on: date is in the future (value seen: '{THIS_YEAR + 2}",
    ),
    Case(
        "birth year after the run year",
        _sub("employees.csv", ",1987,", f",{THIS_YEAR + 1},"),
        f"employees.csv:3:birth_year: out of range (value seen: {THIS_YEAR + 1}; "
        f"allowed: a whole number 1940 to {THIS_YEAR - 17})",
    ),
    Case(
        "=HYPERLINK formula in a unit name",
        _sub("employees.csv", "BKPSDM", '"=HYPERLINK(""http://evil.example"",""klik"")"'),
        "employees.csv:4:unit: looks like a spreadsheet formula",
    ),
    Case(
        "+cmd| formula in a name",
        _sub("employees.csv", "Budi Santoso", "+cmd|' /C calc'!A0"),
        "employees.csv:2:name: looks like a spreadsheet formula",
    ),
    Case(
        "@SUM formula in a comment",
        _sub("feedback.csv", "Materi sangat bermanfaat", "@SUM(1+1)*cmd|' /C calc'!A0"),
        "feedback.csv:2:comment: looks like a spreadsheet formula",
    ),
    Case(
        "-2+3+cmd| formula in a programme name",
        _sub("programs.csv", "Bimtek Pelayanan Publik", "-2+3+cmd|' /C calc'!A0"),
        "programs.csv:2:name: looks like a spreadsheet formula",
    ),
    Case(
        "NUL byte in a row",
        _raw("employees.csv", TINY["employees.csv"].replace("Sri Wahyuni", "Sri\x00Wahyuni")),
        "employees.csv:3:-: NUL character in the text (",
        shows_value=False,
    ),
    Case(
        "byte order mark in the middle (two files joined)",
        _raw("employees.csv", _two_files_joined),
        "employees.csv:6:-: byte order mark in the middle of the file",
        shows_value=False,
    ),
    Case(
        "20,000 columns",
        _raw("employees.csv", _wide_employees),
        "employees.csv:1:-: too many columns (value seen: '20,011 columns'",
    ),
    Case(
        "table on the second sheet, first sheet empty",
        _xlsx_sheets("employees", {"Petunjuk": pd.DataFrame(), "Pegawai": None}),
        "employees.xlsx: the table is on sheet 'Pegawai', not on the first sheet 'Petunjuk'",
        shows_value=False,
    ),
    Case(
        "notes on the first sheet, table on the second",
        _xlsx_sheets(
            "employees",
            {"Keterangan": pd.DataFrame({"Catatan": ["Data per Desember 2025"]}), "Data": None},
        ),
        "employees.xlsx: the table is on sheet 'Data', not on the first sheet 'Keterangan'",
        shows_value=False,
    ),
    Case(
        "Parquet: level as true/false",
        _as_parquet("assessments", lambda f: f.assign(level=[True, False, True, True])),
        "assessments.parquet:2:level: not a number (value seen: 'True'",
    ),
    Case(
        "Parquet: dates as whole numbers",
        _as_parquet(
            "participation", lambda f: f.assign(start_date=[20250303, 20250401]).astype(object)
        ),
        "participation.parquet:2:start_date: not a date (value seen: '20250303'",
    ),
    Case(
        "unbalanced quotes",
        _sub(
            "employees.csv", "199003032015031003,ambon,BKPSDM", '199003032015031003,ambon,"BKPSDM'
        ),
        "employees.csv:4:-: a quote opens here and is never closed",
        shows_value=False,
    ),
    Case(
        "row with more cells than the header",
        _sub("programs.csv", "P02,E-learning Integritas,", "P02,E-learning, Integritas,"),
        "programs.csv:3:-: row has more cells than the header (value seen: '9 cells'",
    ),
    Case(
        "two files for one table",
        _raw("programs.xlsx", lambda: _xlsx_bytes("programs"), keep_csv=True),
        "programs.csv: more than one file for table programs",
    ),
]


def _build(case: Case, folder: Path) -> Path:
    case.make(folder)
    return folder


STOP_RUN = [c for c in CASES if c.stops_run]


def test_corpus_is_at_least_thirty_cases():
    assert len(STOP_RUN) >= 30 and len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_exits_1_naming_file_row_column_value_and_allowed(case, tmp_path, capsys):
    folder = _build(case, tmp_path / "data")
    code = main(["validate", str(folder)])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert "Traceback" not in out + err and "unexpected error" not in err
    lines = [line for line in out.splitlines() if line.startswith(case.expect)]
    assert lines, f"no line starts with {case.expect!r}:\n{out}"
    assert "allowed: " in lines[0]
    assert ("value seen: " in lines[0]) == case.shows_value


@pytest.mark.parametrize("case", STOP_RUN, ids=[c.name for c in STOP_RUN])
def test_run_exits_1_and_writes_nothing(case, capsys, tmp_path):
    folder = _build(case, tmp_path / "data")
    out_dir = tmp_path / "out"
    code = main(["run", "ambon", "--data", str(folder), "--out", str(out_dir)])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert "Traceback" not in out + err and "unexpected error" not in err
    assert case.expect.split(":")[0] in out + err
    assert not out_dir.exists()


def test_the_installed_command_prints_no_traceback(tmp_path):
    # the console script itself, in a fresh process: exit 1 and the located message only
    import subprocess
    import sys

    folder = _build(CASES[[c.name for c in CASES].index("unbalanced quotes")], tmp_path / "d")
    done = subprocess.run(
        [sys.executable, "-m", "kompetensi_toolkit.cli", "validate", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout.startswith("employees.csv:4:-: a quote opens here and is never closed")
    assert "Traceback" not in done.stdout + done.stderr


# ---------------------------------------------------------------------------
# Variants that are accepted: they load exactly as the tiny dataset does.
# ---------------------------------------------------------------------------


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    ds = load_dataset(folder)
    return {name: frame for name, frame in ds.tables().items()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, pd.DataFrame]:
    return _tables(write_tiny(tmp_path_factory.mktemp("ref") / "data"))


def _assert_same(folder: Path, reference: dict[str, pd.DataFrame]) -> None:
    got = _tables(folder)
    assert sorted(got) == sorted(reference)
    for name, frame in reference.items():
        pd.testing.assert_frame_equal(got[name], frame, check_dtype=True)


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_windows_and_old_mac_line_endings_load_identically(tmp_path, reference, ending):
    folder = write_tiny(
        tmp_path / "d", {name: text.replace("\n", ending) for name, text in TINY.items()}
    )
    _assert_same(folder, reference)


def test_workbook_with_the_table_first_and_notes_after_loads_identically(tmp_path, reference):
    folder = tmp_path / "d"
    notes = pd.DataFrame({"Catatan": ["Sumber: SIMPEG, Desember 2025"]})
    _xlsx_sheets("employees", {"Pegawai": None, "Keterangan": notes})(folder)
    _assert_same(folder, reference)


@pytest.mark.parametrize(
    "text",
    ["- tidak ada", "+62 812 3456 7890 (kantor)", "-5 peserta hadir", "'=HYPERLINK(1)", "Rp -"],
)
def test_text_that_only_resembles_a_formula_is_kept(tmp_path, text):
    # guards against the formula check refusing ordinary comments (a sign then a space or a
    # number, or a formula the user already quoted with ')
    folder = write_tiny(
        tmp_path / "d",
        {"feedback.csv": TINY["feedback.csv"].replace("Materi sangat bermanfaat", f'"{text}"')},
    )
    assert validate_dataset(folder) == []
    assert load_dataset(folder).feedback["comment"].iloc[0] == text


def test_a_long_comment_within_the_cell_limit_is_kept(tmp_path):
    text = "bagus " * 5000  # 30,000 characters: long, but what a spreadsheet cell holds
    folder = write_tiny(
        tmp_path / "d",
        {"feedback.csv": TINY["feedback.csv"].replace("Materi sangat bermanfaat", text)},
    )
    assert load_dataset(folder).feedback["comment"].iloc[0] == text.strip()
