"""Bad input: every case of the data contract gets a located, plain message."""

from __future__ import annotations

import pytest

from conftest import TINY, write_tiny
from kompetensi_toolkit.cli import main
from kompetensi_toolkit.exceptions import DataValidationError
from kompetensi_toolkit.loaders import load_dataset, validate_dataset

NIP_BUDI = "198501012010011001"


def messages(folder) -> list[str]:
    return [str(p) for p in validate_dataset(folder)]


def replace(table: str, old: str, new: str) -> dict[str, str]:
    text = TINY[table]
    assert old in text, f"test set-up: {old!r} not in {table}"
    return {table: text.replace(old, new, 1)}


def test_missing_required_file(tmp_path):
    folder = write_tiny(tmp_path / "d", {"employees.csv": None})
    msgs = messages(folder)
    assert msgs[0] == (
        f"employees.csv: required table employees not found in {folder} "
        "(allowed: employees.csv, employees.xlsx or employees.parquet)"
    )


def test_missing_required_column_lists_accepted_headers(tmp_path):
    text = TINY["employees.csv"].replace(",unit,", ",divisi,")
    msgs = messages(write_tiny(tmp_path / "d", {"employees.csv": text}))
    assert len(msgs) == 1
    assert msgs[0].startswith(
        "employees.csv:1:unit: required column missing (columns seen: "
        "employee_id, region_id, divisi, position_type"
    )
    assert msgs[0].endswith(
        "allowed: a column named one of: unit, unit_kerja, perangkat_daerah, "
        "opd, satuan_kerja, satker, unit_layanan)"
    )


def test_unknown_enumeration_value_suggests_the_nearest(tmp_path):
    folder = write_tiny(tmp_path / "d", replace("employees.csv", ",pengawas,", ",pengawass,"))
    (msg,) = messages(folder)
    assert msg.startswith(
        "employees.csv:3:position_type: unknown position type "
        "(value seen: 'pengawass'; did you mean 'pengawas'?; allowed: jpt_utama, "
    )


@pytest.mark.parametrize("level, row", [("7", 3), ("0", 3)])
def test_level_out_of_range(tmp_path, level, row):
    folder = write_tiny(tmp_path / "d", replace("assessments.csv", "M.02,1.5", f"M.02,{level}"))
    assert messages(folder) == [
        f"assessments.csv:{row}:level: out of range (value seen: {level}; allowed: a number 1 to 5)"
    ]


def test_duplicate_employee_id_names_the_first_row(tmp_path):
    text = TINY["employees.csv"].replace("199003032015031003", NIP_BUDI)
    msgs = messages(write_tiny(tmp_path / "d", {"employees.csv": text}))
    assert msgs == [
        f"employees.csv:4:employee_id: duplicate employee_id (value seen: '{NIP_BUDI}'; "
        "first seen in row 2; allowed: each employee_id once)"
    ]


def test_assessment_for_unknown_employee_and_competency(tmp_path):
    text = (
        TINY["assessments.csv"]
        .replace("198702022011012002,M.01", "198702022011019999,M.01")
        .replace("199009132025242014,M.01", "199009132025242014,M.09")
    )
    msgs = messages(write_tiny(tmp_path / "d", {"assessments.csv": text}))
    assert msgs == [
        "assessments.csv:4:employee_id: unknown employee_id: not in employees.csv "
        "(value seen: '198702022011019999'; allowed: a value of employee_id in employees.csv)",
        "assessments.csv:5:competency_id: unknown competency_id: not in competencies.csv "
        "(toolkit default) (value seen: 'M.09'; allowed: a value of competency_id in "
        "competencies.csv (toolkit default))",
    ]


def test_end_date_before_start_date(tmp_path):
    folder = write_tiny(
        tmp_path / "d", replace("participation.csv", "2025-03-05,24", "2025-03-01,24")
    )
    assert messages(folder) == [
        "participation.csv:2:end_date: end_date is before start_date "
        "(value seen: '2025-03-01'; allowed: end_date on or after start_date)"
    ]


def test_empty_file(tmp_path):
    msgs = messages(write_tiny(tmp_path / "d", {"programs.csv": b""}))
    assert msgs[0] == "programs.csv: file is empty (allowed: a header row and data rows)"


def test_header_only_file(tmp_path):
    msgs = messages(write_tiny(tmp_path / "d", {"programs.csv": "program_id,name,form,mode,jp\n"}))
    assert msgs[0] == (
        "programs.csv: file has a header but no data rows (allowed: at least one data row)"
    )


def test_file_in_an_unknown_encoding(tmp_path):
    # 0x81 is undefined in cp1252 and invalid in UTF-8.
    raw = TINY["programs.csv"].encode() + b"P03,Pelatihan \x81 X,seminar,klasikal,8\n"
    (msg,) = messages(write_tiny(tmp_path / "d", {"programs.csv": raw}))
    assert msg == (
        "programs.csv:4:-: text encoding not recognised (save it again as 'CSV UTF-8'; allowed: "
        "UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252 (Windows Excel))"
    )


def test_binary_file_named_csv(tmp_path):
    (msg,) = messages(write_tiny(tmp_path / "d", {"programs.csv": b"PK\x03\x04\x00\x00junk"}))
    assert (
        msg == "programs.csv: not a text file (it holds binary data) "
        "(allowed: CSV text in UTF-8, UTF-16 or cp1252)"
    )


@pytest.mark.parametrize("bad", ["../x", "Ambon Kota"])
def test_region_id_that_cannot_name_a_folder(tmp_path, bad):
    folder = write_tiny(
        tmp_path / "d",
        {
            **replace("regions.csv", "plaju,Kecamatan", f"{bad},Kecamatan"),
            **{"employees.csv": TINY["employees.csv"].replace(",plaju,", f",{bad},")},
            **{"feedback.csv": TINY["feedback.csv"].replace(",plaju,", f",{bad},")},
        },
    )
    msgs = messages(folder)
    assert msgs[0] == (
        f"regions.csv:3:region_id: not allowed here (value seen: '{bad}'; allowed: lower-case "
        "letters, digits, '-' and '_', starting with a letter or digit, at most 64 characters "
        "(it names output folders))"
    )


def test_not_a_number_and_not_a_date(tmp_path):
    folder = write_tiny(
        tmp_path / "d",
        {
            **replace("employees.csv", ",72.5,", ",tinggi,"),
            **replace("assessments.csv", "2025-02-03", "kemarin"),
        },
    )
    assert messages(folder) == [
        "employees.csv:2:potential_score: not a number (value seen: 'tinggi'; "
        "allowed: a number 0 to 100)",
        "assessments.csv:4:assessed_on: not a date (value seen: 'kemarin'; "
        "allowed: a date, YYYY-MM-DD or dd/mm/yyyy)",
    ]


def test_all_problems_reported_at_once(tmp_path):
    folder = write_tiny(
        tmp_path / "d",
        {
            **replace("assessments.csv", "M.02,1.5", "M.02,7"),
            **replace("participation.csv", "2025-03-05,24", "2025-03-01,24"),
            **replace("employees.csv", ",pengawas,", ",kepala,"),
        },
    )
    with pytest.raises(DataValidationError) as err:
        load_dataset(folder)
    assert len(err.value.problems) == 3
    assert [p.file for p in err.value.problems] == [
        "employees.csv",
        "assessments.csv",
        "participation.csv",
    ]


def test_cli_validate_lists_caps_and_exits_1_without_traceback(tmp_path, capsys):
    rows = "".join(f"198501012010011001,M.0{i % 8 + 1},9,2025-01-{i + 10}\n" for i in range(12))
    folder = write_tiny(tmp_path / "d", {"assessments.csv": TINY["assessments.csv"] + rows})
    code = main(["validate", str(folder), "--max-problems", "5"])
    out, err = capsys.readouterr()
    assert code == 1
    lines = out.strip().splitlines()
    assert (
        lines[0]
        == "assessments.csv:6:level: out of range (value seen: 9; allowed: a number 1 to 5)"
    )
    assert lines[-1] == "… and 7 more problems not shown"
    assert "12 problems found" in err and "Traceback" not in out + err


def test_cli_validate_clean_exits_0(tiny_dir, capsys):
    assert main(["validate", str(tiny_dir)]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_cli_missing_folder_is_a_message_not_a_traceback(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert "dataset folder not found" in err and "Traceback" not in err


def test_cli_run_writes_nothing_when_the_data_are_broken(tmp_path, capsys):
    folder = write_tiny(tmp_path / "d", replace("assessments.csv", "M.02,1.5", "M.02,7"))
    out_dir = tmp_path / "out"
    # the broken row is ambon's: a run of ambon alone cannot start (test_runner covers a
    # run where other regions go on)
    assert main(["run", "ambon", "--data", str(folder), "--out", str(out_dir)]) == 1
    captured = capsys.readouterr()
    assert "assessments.csv:3:level: out of range" in captured.out
    assert "nothing was written" in captured.err
    assert not out_dir.exists()


@pytest.mark.parametrize(
    "broken, expected",
    [
        (
            lambda line: line + ",x",
            "assessments.csv:60001:-: row has more cells than the header (value seen: '5 cells'; "
            "a delimiter inside a value needs quotes; allowed: as many cells as header columns, "
            "separated by ',')",
        ),
        (
            lambda line: '"' + line,
            "assessments.csv:60001:-: a quote opens here and is never closed (everything after "
            'it was read as one value; allowed: quotes in pairs around a value ("…"); a quote '
            'inside one doubled (""))',
        ),
    ],
)
def test_a_broken_row_far_down_is_located_whether_read_in_one_pass_or_in_chunks(
    tmp_path, monkeypatch, broken, expected
):
    from kompetensi_toolkit import loaders

    rows = [
        f"19850101201001{i % 9000 + 1000},M.{i % 11 + 1:02d},3,2025-02-01" for i in range(80_000)
    ]
    rows[59_999] = broken(rows[59_999])
    folder = write_tiny(
        tmp_path / "d",
        {
            "assessments.csv": "employee_id,competency_id,level,assessed_on\n"
            + "\n".join(rows)
            + "\n"
        },
    )
    found = []
    for one_pass_bytes in (0, 1 << 30):  # chunks (as for big files), then one pass
        monkeypatch.setattr(loaders, "_ONE_PASS_BYTES", one_pass_bytes)
        found.append(messages(folder))
    assert found[0] == found[1] == [expected]
