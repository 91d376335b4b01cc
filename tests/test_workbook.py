"""The region workbook: written, reopened with openpyxl, checked cell by cell."""

from __future__ import annotations

import openpyxl
import pytest

from kompetensi_toolkit import workbook
from kompetensi_toolkit.exceptions import ParameterError

DOC = {
    "region_id": "ambon",
    "generated": "2026-11-23T08:00:00+00:00",
    "templates": {
        "overview": {"region_name": "Kota Ambon", "min_group_size": 5, "headcount": 5800,
                     "by_position_group": [
                         {"position_group": "pelaksana", "n": 4000, "share": 0.6897,
                          "suppressed_reason": None},
                         {"position_group": "jpt", "n": None, "share": None,
                          "suppressed_reason": "small"}]},
        "gaps": {"region_name": "Kota Ambon", "min_group_size": 5, "share_below": 0.2084,
                 "jpm_categories": [
                     {"category": "Kurang Optimal", "n": 590, "share": 0.1193},
                     {"category": "Optimal", "n": 3810, "share": 0.7706}],
                 "shortfall": [{"competency_id": "M.01", "name_id": "Integritas",
                                "name_en": "Integrity", "n_assessed": 4944, "n_below": 684,
                                "share_below": 0.1383, "suppressed_reason": None}]},
        "outcomes": {"region_name": "Kota Ambon", "min_group_size": 5, "ikm_latest": 83.1,
                     "ikm_latest_grade": "B", "ikm_previous": 80.6},
    },
}  # fmt: skip


def _rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_write_and_read_back_id(tmp_path):
    path = workbook.write_workbook(DOC, tmp_path / "out" / "ambon.xlsx", "id")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Ringkasan", "Ikhtisar", "Kesenjangan", "Hasil Program"]
    summary = wb["Ringkasan"]
    assert summary.freeze_panes == "A2"
    rows = _rows(summary)
    assert rows[0] == ["Angka kunci", "Nilai"]
    assert rows[1] == ["Wilayah", "Kota Ambon"]
    assert rows[2] == ["Jumlah ASN", 5800]
    assert rows[3] == ["Pegawai dengan JPM optimal", 0.7706]
    assert summary["B4"].number_format == "0.0%"
    assert rows[4] == ["Pegawai di bawah standar (semua kompetensi)", 0.2084]
    assert rows[5] == ["IKM terakhir", 83.1]
    assert rows[6] == ["Mutu pelayanan", "B"]
    assert rows[7][0] == "Perubahan IKM dari periode sebelumnya"
    assert rows[7][1] == pytest.approx(2.5)
    assert summary.column_dimensions["A"].width >= len(
        "Pegawai di bawah standar (semua kompetensi)"
    )

    overview = wb["Ikhtisar"]
    assert overview.freeze_panes == "A3"  # title row, header row
    rows = _rows(overview)
    assert rows[0][0] == "Pegawai per kelompok jabatan"
    assert rows[1] == ["Kelompok jabatan", "Jumlah pegawai", "Persentase"]
    assert rows[2] == ["Pelaksana", 4000, 0.6897]
    assert overview["C3"].number_format == "0.0%" and overview["B3"].number_format == "#,##0"
    # the hidden group: label kept, numbers empty, a comment says why
    assert rows[3] == ["Pimpinan Tinggi (JPT)", None, None]
    assert "kurang dari 5 orang" in overview["B4"].comment.text
    assert any(r[0] and str(r[0]).startswith("Sel kosong") for r in rows)

    gaps = _rows(wb["Kesenjangan"])
    assert gaps[1][:4] == ["Kategori JPM", "Jumlah pegawai", "Persentase", None]
    assert gaps[2][:4] == ["Kurang Optimal", 590, 0.1193, None]
    shortfall = next(i for i, r in enumerate(gaps) if r[0] == "Kode")
    assert gaps[shortfall + 1][:5] == ["M.01", "Integritas", 4944, 684, 0.1383]


def test_english_and_no_personal_columns(tmp_path):
    path = workbook.write_workbook(DOC, tmp_path / "ambon.xlsx", "en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Summary", "Overview", "Gaps", "Outcomes"]
    gaps = _rows(wb["Gaps"])
    shortfall = next(i for i, r in enumerate(gaps) if r[0] == "Code")
    assert gaps[shortfall + 1][1] == "Integrity"
    assert gaps[1][0] == "JPM category" and gaps[2][0] == "Below optimal"
    text = " ".join(str(c) for ws in wb for r in ws.iter_rows(values_only=True) for c in r)
    assert "employee_id" not in text and "nip" not in text.lower().split()


def test_atomic_failure_leaves_no_file(tmp_path, monkeypatch):
    target = tmp_path / "ambon.xlsx"
    target.write_bytes(b"old")

    def boom(self, filename):
        with open(filename, "wb") as handle:
            handle.write(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", boom)
    with pytest.raises(OSError, match="disk full"):
        workbook.write_workbook(DOC, target, "id")
    assert target.read_bytes() == b"old"  # the old file is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["ambon.xlsx"]  # no temporary file left
    new = tmp_path / "new.xlsx"
    with pytest.raises(OSError):
        workbook.write_workbook(DOC, new, "id")
    assert not new.exists()


def test_bad_parameters(tmp_path):
    with pytest.raises(ParameterError, match="'path' parameter of write_workbook"):
        workbook.write_workbook(DOC, tmp_path / "x.csv")
    with pytest.raises(ParameterError, match="'document' parameter of write_workbook"):
        workbook.write_workbook({"region_id": "a"}, tmp_path / "x.xlsx")
    with pytest.raises(ParameterError, match="'lang'"):
        workbook.write_workbook(DOC, tmp_path / "x.xlsx", "fr")
