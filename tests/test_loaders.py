"""Loading: every accepted variant of the data contract gives the same typed tables."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import TINY, write_tiny
from kompetensi_toolkit.exceptions import ParameterError, UnknownRegionError
from kompetensi_toolkit.loaders import Dataset, list_regions, load_dataset, validate_dataset

NIP_BUDI = "198501012010011001"


def test_tiny_dataset_loads_with_canonical_types(tiny_dir):
    ds = load_dataset(tiny_dir)
    assert isinstance(ds, Dataset)
    emp = ds.employees
    assert list(emp.columns[:4]) == ["employee_id", "region_id", "unit", "position_type"]
    assert isinstance(emp["position_type"].dtype, pd.CategoricalDtype)
    assert list(emp["position_type"].cat.categories[:3]) == [
        "jpt_utama",
        "jpt_madya",
        "jpt_pratama",
    ]
    assert str(emp["birth_year"].dtype) == "Int64"
    assert emp["potential_score"].tolist() == [72.5, 81.0, 55.0, 60.0]
    assert ds.assessments["level"].tolist() == [2.0, 1.5, 3.0, 1.0]
    assert ds.assessments["assessed_on"].iloc[0] == pd.Timestamp("2025-02-01")
    assert ds.participation["completed"].tolist() == [True, False]
    assert ds.feedback["materi_2"].tolist() == [2, 3]
    # reference tables come from the toolkit's defaults when absent
    assert len(ds.competencies) == 9 and len(ds.standards) == 14 * 9
    assert ds.tna_survey is None


def test_load_for_one_region_keeps_only_its_rows(tiny_dir):
    ds = load_dataset(tiny_dir, region="plaju", pseudonymise=False)
    assert ds.employees["employee_id"].tolist() == ["199009132025242014"]
    assert ds.assessments["employee_id"].tolist() == ["199009132025242014"]
    assert ds.participation["program_id"].tolist() == ["P02"]
    assert ds.feedback["response_id"].tolist() == ["R2"]
    assert ds.service_survey.empty and ds.service_metrics.empty
    assert len(ds.regions) == 2  # the regions table stays whole
    assert ds.region_row()["name"] == "Kecamatan Plaju"


def test_unknown_region_names_the_ones_available(tiny_dir):
    with pytest.raises(
        UnknownRegionError,
        match=r"Unknown region 'ambn'.*Did you mean 'ambon'\?"
        r".*Regions available: ambon, plaju\.",
    ):
        load_dataset(tiny_dir, region="ambn")


@pytest.mark.parametrize("region", ["../x", "Ambon Kota", "AMBON"])
def test_region_that_is_not_a_slug_is_refused(tiny_dir, region):
    with pytest.raises(ParameterError, match="must be a region_id"):
        load_dataset(tiny_dir, region=region)


def _same_as_tiny(ds: Dataset) -> None:
    reference = load_dataset(write_tiny(ds.path.parent / "reference_copy"))
    for name in ("employees", "assessments", "participation", "feedback"):
        got, want = getattr(ds, name), getattr(reference, name)
        pd.testing.assert_frame_equal(got[want.columns], want, check_dtype=True)


def test_semicolons_decimal_commas_and_indonesian_headers(tmp_path):
    employees = """NIP;Kode Wilayah;Unit Kerja;Jenis Jabatan;Status Kepegawaian;Jenis Kelamin;Tahun Lahir;Pendidikan Terakhir;Predikat Kinerja;Skor Potensi;Nama
198501012010011001;ambon;Dinas Kesehatan;Jabatan Pelaksana;PNS;Laki-laki;1985;S-1;Baik;72,5;Budi Santoso
198702022011012002;ambon;Dinas Kesehatan;PENGAWAS;PNS;Perempuan;1987;S2;Sangat Baik;81;Sri Wahyuni
199003032015031003;ambon;BKPSDM;JF Ahli Muda;pns;L;1990;S1;Butuh Perbaikan;55;Andi Pattimura
199009132025242014;plaju;Kantor Camat;pelaksana;P3K;P;1990;SMA;baik;60;Ani Lestari
"""
    assessments = """nip;kode_kompetensi;tingkat;tanggal_asesmen
198501012010011001;M.01;2;01/02/2025
198501012010011001;M.02;1,5;01/02/2025
198702022011012002;M.01;3;03/02/2025
199009132025242014;M.01;1;01/03/2025
"""
    ds = load_dataset(
        write_tiny(tmp_path / "id", {"employees.csv": employees, "assessments.csv": assessments})
    )
    _same_as_tiny(ds)


def test_tab_delimiter_and_utf8_bom(tmp_path):
    tabbed = TINY["employees.csv"].replace(",", "\t")
    ds = load_dataset(
        write_tiny(
            tmp_path / "t",
            {
                "employees.csv": "\ufeff" + tabbed,
                "assessments.csv": ("\ufeff" + TINY["assessments.csv"]).encode("utf-8"),
            },
        )
    )
    _same_as_tiny(ds)


def test_cp1252_and_utf16_text_load(tmp_path):
    # "Dinas Kesehatan – Ambon" has an en dash: byte 0x96 in cp1252, invalid in UTF-8.
    text = TINY["employees.csv"].replace("BKPSDM", "Kantor – Wali Kota")
    ds = load_dataset(write_tiny(tmp_path / "w", {"employees.csv": text.encode("cp1252")}))
    assert "Kantor – Wali Kota" in set(ds.employees["unit"])
    ds16 = load_dataset(write_tiny(tmp_path / "u", {"employees.csv": text.encode("utf-16")}))
    assert "Kantor – Wali Kota" in set(ds16.employees["unit"])


def test_xlsx_and_parquet_tables(tmp_path):
    folder = write_tiny(tmp_path / "x", {"employees.csv": None, "assessments.csv": None})
    employees = pd.read_csv(pd.io.common.StringIO(TINY["employees.csv"]), dtype=str)
    employees["potential_score"] = employees["potential_score"].astype(float)
    employees.to_excel(folder / "employees.xlsx", index=False)
    assessments = pd.read_csv(pd.io.common.StringIO(TINY["assessments.csv"]), dtype=str)
    assessments["level"] = assessments["level"].astype(float)
    assessments["assessed_on"] = pd.to_datetime(assessments["assessed_on"])
    assessments.to_parquet(folder / "assessments.parquet", index=False)
    _same_as_tiny(load_dataset(folder))


def test_partitioned_parquet_reads_one_region(tmp_path):
    folder = write_tiny(tmp_path / "p", {"employees.csv": None})
    employees = pd.read_csv(pd.io.common.StringIO(TINY["employees.csv"]), dtype=str)
    for region, part in employees.groupby("region_id"):
        target = folder / "employees" / f"region_id={region}"
        target.mkdir(parents=True)
        part.drop(columns="region_id").to_parquet(target / "part-0.parquet", index=False)
    everyone = load_dataset(folder)
    assert sorted(everyone.employees["region_id"]) == ["ambon", "ambon", "ambon", "plaju"]
    # Break the other region's file: loading plaju must not even open it.
    (folder / "employees" / "region_id=ambon" / "part-0.parquet").write_bytes(b"junk")
    plaju = load_dataset(folder, region="plaju", pseudonymise=False)
    assert plaju.employees["employee_id"].tolist() == ["199009132025242014"]


def test_likert_answers_in_words(tmp_path):
    feedback = TINY["feedback.csv"].replace(
        "R1,P01,ambon,2025-03-05,5,2,4,4,5,5,4,3,5,5",
        "R1,P01,ambon,05/03/2025,Sangat Setuju,tidak setuju,SETUJU,Setuju,SS,Sangat Setuju,"
        "setuju,Netral,Sangat setuju,sangat  setuju",
    )
    ds = load_dataset(write_tiny(tmp_path / "l", {"feedback.csv": feedback}))
    assert ds.feedback.iloc[0][
        ["materi_1", "materi_2", "metode_1", "penyelenggaraan_2", "manfaat_2"]
    ].tolist() == [5, 2, 4, 3, 5]
    assert ds.feedback["submitted_on"].iloc[0] == pd.Timestamp("2025-03-05")


def test_booleans_in_indonesian(tmp_path):
    part = TINY["participation.csv"].replace(",true,", ",Ya,").replace(",false,", ",tidak,")
    ds = load_dataset(write_tiny(tmp_path / "b", {"participation.csv": part}))
    assert ds.participation["completed"].tolist() == [True, False]


def test_loading_never_changes_the_files(tiny_dir):
    before = {p.name: p.read_bytes() for p in tiny_dir.iterdir()}
    load_dataset(tiny_dir)
    assert {p.name: p.read_bytes() for p in tiny_dir.iterdir()} == before


def test_data_hash_is_stable_and_follows_content(tiny_dir):
    first = load_dataset(tiny_dir).data_hash
    assert first == load_dataset(tiny_dir).data_hash and len(first) == 64
    path = tiny_dir / "service_metrics.csv"
    path.write_text(path.read_text().replace(",35", ",36"))
    assert load_dataset(tiny_dir).data_hash != first


def test_list_regions_reads_only_regions(tiny_dir):
    (tiny_dir / "employees.csv").write_bytes(b"")  # broken, but not read
    assert list_regions(tiny_dir)["region_id"].tolist() == ["ambon", "plaju"]


def test_validate_clean_dataset_returns_nothing(tiny_dir):
    assert validate_dataset(tiny_dir) == []


def test_a_region_holds_exactly_its_rows_of_the_whole_dataset(sample_dir):
    # a region's rows are picked before their cells are parsed: the same values and dtypes
    whole = load_dataset(sample_dir)
    for region in ("ambon", "plaju"):
        ds = load_dataset(sample_dir, region=region)
        ids = set(whole.employees.loc[whole.employees["region_id"] == region, "employee_id"])
        for name, frame in whole.tables().items():
            if "region_id" in frame and name != "regions":
                rows = frame["region_id"] == region
            elif "employee_id" in frame:
                rows = frame["employee_id"].isin(ids)
            else:
                rows = pd.Series(True, index=frame.index)
            expected = frame[rows.to_numpy()].reset_index(drop=True)
            assert len(expected) > 0, name
            pd.testing.assert_frame_equal(ds.tables()[name], expected, check_exact=True)


def test_rows_of_empty_cells_are_dropped_and_rows_numbered_as_in_the_file(tmp_path):
    assessments = TINY["assessments.csv"].replace(
        "198702022011012002,M.01", ",,,\n,M.02,2,2025-02-03\n198702022011012002,M.01"
    )
    problems = validate_dataset(write_tiny(tmp_path / "d", {"assessments.csv": assessments}))
    assert [str(p) for p in problems] == [
        "assessments.csv:5:employee_id: required value is empty (allowed: text)"
    ]


def test_a_clean_load_does_not_import_pandera(tiny_dir):
    # pandera, only needed to say which cells break a rule, costs a fresh kernel 0.15 s
    import subprocess
    import sys

    code = (
        "import sys; from kompetensi_toolkit.loaders import load_dataset; "
        f"load_dataset({str(tiny_dir)!r}); print('pandera' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
