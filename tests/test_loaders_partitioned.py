"""Loading at national scale: one region's partitions only, only the columns asked for.

How the files read are counted: the loader opens every Parquet file itself, through Python,
and hands pyarrow the file object, so each file it opens (to read or to hash) raises one
``open`` audit event (:func:`sys.addaudithook`), recorded by :func:`_reading`. So that the
count does not rest on that alone, :func:`_reading` also takes the bytes the process read
(``rchar`` of /proc/self/io, which counts every read() whoever makes it, pyarrow's C++ reads
included), and the pruning test puts a 16 MB partition file in another region: opening it
would show in either measure.
"""

from __future__ import annotations

import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, write_tiny
from kompetensi_toolkit import loaders
from kompetensi_toolkit.exceptions import DataValidationError, ParameterError
from kompetensi_toolkit.loaders import (
    check_regions,
    is_partitioned,
    load_dataset,
    validate_dataset,
)

REGIONS = ["ambon", "kertapati", "pematangsiantar", "plaju", "tanjungpinang"]

_OPENED: list[str] | None = None  # the files opened while a _reading() block runs


def _audit(event: str, args: tuple) -> None:
    if _OPENED is not None and event == "open" and isinstance(args[0], str | bytes | Path):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)  # audit hooks cannot be removed: this one records only when asked


class Reading:
    """What a ``with _reading(folder)`` block opened under ``folder`` and how much it read."""

    files: set[str]
    rchar: int


def _rchar() -> int:
    with open("/proc/self/io") as fh:
        return int(next(line for line in fh if line.startswith("rchar:")).split()[1])


@contextmanager
def _reading(folder: Path):
    global _OPENED
    got = Reading()
    _OPENED = []
    before = _rchar()
    try:
        yield got
    finally:
        got.rchar = _rchar() - before
        opened, _OPENED = _OPENED, None
        root = str(folder.resolve())
        got.files = {
            Path(p).resolve().relative_to(root).as_posix()
            for p in opened
            if str(Path(p).resolve()).startswith(root + os.sep)
        }


def _files(folder: Path, pattern: str) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.glob(pattern) if p.is_file()}


def _ballast(path: Path, megabytes: int = 16) -> int:
    """A valid, incompressible Parquet file of about ``megabytes`` MB; its size."""
    rng = np.random.default_rng(9)
    blob = rng.integers(0, 256, size=megabytes << 20, dtype=np.uint8).tobytes()
    chunks = [blob[i : i + 4096].hex() for i in range(0, len(blob), 4096)]
    pd.DataFrame({"employee_id": chunks}).to_parquet(path, index=False, compression=None)
    return path.stat().st_size


@pytest.fixture(scope="module", autouse=True)
def _warm(partitioned_dir, sample_dir):
    """One load of everything first, so that lazy imports do not count as data read."""
    load_dataset(partitioned_dir, region="plaju")
    load_dataset(sample_dir, tables=["employees"], columns={"employees": ["unit"]})


# ---------------------------------------------------------------------------
# The fixture itself, and the same data either way.
# ---------------------------------------------------------------------------


def test_fixture_is_partitioned_by_region(partitioned_dir):
    assert is_partitioned(partitioned_dir)
    assert _files(partitioned_dir, "assessments/*/*") == {
        f"assessments/region_id={r}/part-0.parquet" for r in REGIONS
    }
    assert (partitioned_dir / "regions.parquet").is_file()
    assert not (partitioned_dir / "regions").exists()


def test_partitioned_region_loads_like_the_flat_sample(partitioned_dir, sample_dir):
    flat = load_dataset(sample_dir, region="plaju")
    split = load_dataset(partitioned_dir, region="plaju")
    for name in ("employees", "assessments", "participation", "feedback", "service_metrics"):
        want = getattr(flat, name)
        got = getattr(split, name)[want.columns]
        pd.testing.assert_frame_equal(got, want, check_dtype=True, obj=name)
    assert len(split.employees) == 12 and len(split.assessments) == len(flat.assessments) > 100


# ---------------------------------------------------------------------------
# 1. Partition pruning.
# ---------------------------------------------------------------------------


def test_one_region_opens_only_its_own_partitions(partitioned_copy):
    # Guards partition pruning in reading AND in fingerprinting: if either opened another
    # region's partition files, those files would appear among the opened ones, and the
    # 16 MB ballast among ambon's employees would add 16 MB to the bytes read.
    big = _ballast(partitioned_copy / "employees" / "region_id=ambon" / "part-1.parquet")
    with _reading(partitioned_copy) as plaju:
        ds = load_dataset(partitioned_copy, region="plaju")
    own = _files(partitioned_copy, "*/region_id=plaju/*.parquet")
    shared = _files(partitioned_copy, "*.parquet")
    assert len(own) == 7 and len(shared) == 6
    assert plaju.files == own | shared
    assert plaju.rchar < big / 4
    assert set(ds.employees["region_id"]) == {"plaju"}

    # The instrument sees a read of everything (else this test could not fail).
    with _reading(partitioned_copy) as everyone:
        validate_dataset(partitioned_copy)
    assert "employees/region_id=ambon/part-1.parquet" in everyone.files
    assert everyone.rchar > big


def test_region_fingerprint_ignores_other_regions(partitioned_copy):
    # Guards the hasher's pruning by its effect: another region's files may change (here:
    # become junk) without changing plaju's data_hash; plaju's own change does change it.
    before = load_dataset(partitioned_copy, region="plaju").data_hash
    (partitioned_copy / "employees" / "region_id=ambon" / "part-0.parquet").write_bytes(b"junk")
    assert load_dataset(partitioned_copy, region="plaju").data_hash == before
    target = partitioned_copy / "service_metrics" / "region_id=plaju" / "part-0.parquet"
    metrics = pd.read_parquet(target)
    metrics.loc[0, "value"] = "1"
    metrics.to_parquet(target, index=False)
    assert load_dataset(partitioned_copy, region="plaju").data_hash != before


def test_region_without_a_partition_has_no_rows_not_a_problem(partitioned_copy):
    # Guards against "required column missing" for a table a small region has no rows in.
    shutil.rmtree(partitioned_copy / "feedback" / "region_id=plaju")
    shutil.rmtree(partitioned_copy / "service_metrics" / "region_id=plaju")
    ds = load_dataset(partitioned_copy, region="plaju")
    assert ds.feedback.empty and ds.service_metrics.empty
    assert list(ds.service_metrics.columns) == ["region_id", "unit", "period", "metric", "value"]
    assert {"materi_1", "manfaat_2", "comment"} <= set(ds.feedback.columns)
    assert str(ds.feedback["materi_1"].dtype) == str(
        load_dataset(partitioned_copy, region="ambon").feedback["materi_1"].dtype
    )


# ---------------------------------------------------------------------------
# 2. Only the columns asked for.
# ---------------------------------------------------------------------------

NATIONAL = {
    "tables": ("employees", "assessments"),
    "columns": {
        "employees": ["employee_id", "region_id", "position_type"],
        "assessments": ["competency_id", "level"],
    },
}


def test_national_columns_hold_only_what_was_asked(partitioned_dir, sample_dir):
    ds = load_dataset(partitioned_dir, **NATIONAL)
    assert ds.loaded == ("employees", "assessments")
    assert list(ds.employees.columns) == ["employee_id", "region_id", "position_type"]
    assert list(ds.assessments.columns) == ["competency_id", "level"]
    assert ds.regions is None and ds.participation is None and ds.feedback is None
    assert set(ds.tables()) == {"employees", "assessments"}
    full = load_dataset(sample_dir)
    assert (
        ds.employees.groupby("region_id")["position_type"]
        .value_counts()
        .sort_index()
        .equals(full.employees.groupby("region_id")["position_type"].value_counts().sort_index())
    )
    assert len(ds.assessments) == len(full.assessments) == 8586
    assert ds.assessments["level"].sum() == pytest.approx(full.assessments["level"].sum())
    assert str(ds.employees["position_type"].dtype) == "category"
    # pseudonyms are those of a full load
    assert set(ds.employees["employee_id"]) == set(full.employees["employee_id"])


def test_national_columns_ask_pyarrow_for_them_and_open_no_other_table(
    partitioned_dir, monkeypatch
):
    # Guards column pruning: pyarrow is asked for the chosen columns only, and the files of
    # the tables not asked for are never opened.
    asked = []
    read_parquet = pd.read_parquet

    def spy(source, columns=None, **kwargs):
        asked.append(columns)
        return read_parquet(source, columns=columns, **kwargs)

    monkeypatch.setattr(pd, "read_parquet", spy)
    with _reading(partitioned_dir) as some:
        load_dataset(partitioned_dir, **NATIONAL)
    assert some.files == _files(partitioned_dir, "employees/*/*") | _files(
        partitioned_dir, "assessments/*/*"
    )
    assert asked == [
        *[["employee_id", "position_type"]] * 5,  # region_id is the folder's name
        *[["competency_id", "level"]] * 5,
    ]


def test_columns_not_asked_for_are_not_read(partitioned_copy):
    # Guards column pruning in bytes, reading and hashing alike: plaju's assessments get a
    # wide extra column (8 MB of random text, kept as text by a full load); a load without it
    # reads a small part of that, a full load all of it.
    target = partitioned_copy / "assessments" / "region_id=plaju" / "part-0.parquet"
    part = pd.read_parquet(target)
    rng = np.random.default_rng(9)
    width = min(16_000, (8 << 20) // len(part))  # a cell holds at most 32,767 characters
    notes = [f"notes_{i}" for i in range(-(-(8 << 20) // (width * len(part))))]
    for column in notes:
        part[column] = [rng.bytes(width // 2).hex() for _ in range(len(part))]
    part.to_parquet(target, index=False, compression=None)
    big = width * len(part) * len(notes)
    assert big >= 8 << 20
    asked = {"assessments": ["employee_id", "competency_id", "level"]}
    with _reading(partitioned_copy) as some:
        ds = load_dataset(partitioned_copy, tables=["assessments"], columns=asked)
    with _reading(partitioned_copy) as every:
        full = load_dataset(partitioned_copy, tables=["assessments"])
    assert list(ds.assessments.columns) == ["employee_id", "competency_id", "level"]
    assert full.assessments[notes].notna().sum().sum() == len(part) * len(notes)
    assert some.rchar < big / 8 < 2 * big < every.rchar
    assert ds.data_hash != full.data_hash


def test_csv_columns_not_asked_for_are_not_parsed(tmp_path, monkeypatch):
    # Guards usecols: pandas parses only the asked columns, found under any accepted header.
    employees = (
        TINY["employees.csv"].replace("employee_id,", "NIP,").replace(",unit,", ",Unit Kerja,")
    )
    folder = write_tiny(tmp_path / "t", {"employees.csv": employees})
    parsed = []
    read_csv = pd.read_csv

    def spy(*args, **kwargs):
        parsed.append(kwargs.get("usecols"))
        return read_csv(*args, **kwargs)

    monkeypatch.setattr(pd, "read_csv", spy)
    ds = load_dataset(
        folder,
        tables=["employees"],
        columns={"employees": ["employee_id", "unit"]},
        pseudonymise=False,
    )
    assert parsed == [[0, 2]]
    assert list(ds.employees.columns) == ["employee_id", "unit"]
    assert ds.employees["unit"].tolist()[2:] == ["BKPSDM", "Kantor Camat"]


def test_only_what_was_read_is_validated(tmp_path):
    # Guards validation of a column subset: a broken column not read does not fail the load,
    # the same column asked for does, and a required column counts only when asked for.
    employees = TINY["employees.csv"].replace(",1990,s1,", ",abc,s1,")
    folder = write_tiny(tmp_path / "b", {"employees.csv": employees})
    ds = load_dataset(folder, tables=["employees"], columns={"employees": ["unit"]})
    assert len(ds.employees) == 4
    with pytest.raises(DataValidationError, match=r"employees.csv:4:birth_year: not a whole"):
        load_dataset(folder, tables=["employees"], columns={"employees": ["birth_year"]})
    no_type = pd.read_csv(pd.io.common.StringIO(TINY["employees.csv"])).drop(
        columns="position_type"
    )
    folder = write_tiny(tmp_path / "s", {"employees.csv": no_type.to_csv(index=False)})
    assert (
        len(load_dataset(folder, tables=["employees"], columns={"employees": ["unit"]}).employees)
        == 4
    )
    with pytest.raises(DataValidationError, match="required column missing"):
        load_dataset(folder, tables=["employees"], columns={"employees": ["unit", "position_type"]})


def test_region_of_flat_table_reads_its_keys(tiny_dir):
    # Picking plaju's assessments out of a flat file needs employee_id and the employees'
    # regions; they are read, but employees is not handed out.
    ds = load_dataset(
        tiny_dir,
        region="plaju",
        tables=["assessments"],
        columns={"assessments": ["level"]},
        pseudonymise=False,
    )
    assert ds.assessments.to_dict("list") == {"employee_id": ["199009132025242014"], "level": [1.0]}
    assert ds.employees is None and ds.regions is None and ds.loaded == ("assessments",)
    with pytest.raises(ParameterError, match="needs the 'regions' table"):
        ds.region_row()


def test_feedback_items_are_columns_too(tiny_dir):
    ds = load_dataset(
        tiny_dir, tables=["feedback"], columns={"feedback": ["program_id", "materi_2"]}
    )
    assert ds.feedback.to_dict("list") == {"program_id": ["P01", "P02"], "materi_2": [2, 3]}
    assert ds.feedback_items is None
    with pytest.raises(ParameterError, match=r"column 'materi_9'.*Allowed: .*materi_1, materi_2"):
        load_dataset(tiny_dir, tables=["feedback"], columns={"feedback": ["materi_9"]})


@pytest.mark.parametrize(
    ("tables", "columns", "message"),
    [
        (["employes"], None, r"'tables' .* table 'employes'.*Allowed: regions, competencies"),
        ([], None, r"'tables' .* at least one table"),
        (None, {"employes": ["unit"]}, r"'columns' .* table 'employes'.*Allowed: regions"),
        (
            ["employees"],
            {"assessments": ["level"]},
            r"table 'assessments', which is not read\. Allowed: employees\.",
        ),
        (
            None,
            {"employees": ["nama"]},
            r"column 'nama' that table employees does not have\. "
            r"Allowed: employee_id, region_id, unit",
        ),
        (None, {"employees": []}, r"at least one column of employees"),
        (None, ["employees"], r"must map table names to lists of columns"),
    ],
)
def test_unknown_tables_and_columns_are_refused(tiny_dir, tables, columns, message):
    with pytest.raises(ParameterError, match=message):
        load_dataset(tiny_dir, tables=tables, columns=columns)


# ---------------------------------------------------------------------------
# 3. check_regions region by region.
# ---------------------------------------------------------------------------


def test_check_regions_partitioned_clean(partitioned_dir, monkeypatch):
    # Guards bounded memory: on a partitioned dataset nothing reads the whole country
    # (every read is for one region), and the shared tables are read once.
    calls = []
    read_all = loaders._read_all
    read_table = loaders._load_table

    def one_region(path, region, *args, **kwargs):
        calls.append(region)
        return read_all(path, region, *args, **kwargs)

    def counted(name, *args, **kwargs):
        calls.append(name)
        return read_table(name, *args, **kwargs)

    monkeypatch.setattr(loaders, "_read_all", one_region)
    monkeypatch.setattr(loaders, "_load_table", counted)
    check = check_regions(partitioned_dir, REGIONS)
    assert check.problems == {} and check.elsewhere == []
    assert sorted(check.digests) == REGIONS and len(set(check.digests.values())) == 5
    assert [c for c in calls if c in REGIONS or c is None] == REGIONS
    assert calls.count("competencies") == 1 and calls.count("employees") == 5


def test_check_regions_partitioned_broken_file_fails_only_its_region(partitioned_copy):
    # Guards per-region checking: one region's broken partition (a damaged file, a bad
    # cell) fails that region only, and the problem names the file and its row.
    (partitioned_copy / "assessments" / "region_id=ambon" / "part-0.parquet").write_bytes(b"x")
    target = partitioned_copy / "participation" / "region_id=tanjungpinang" / "part-0.parquet"
    part = pd.read_parquet(target)
    part.loc[3, "jp"] = "dua"
    part.to_parquet(target, index=False)
    run = ["ambon", "plaju", "tanjungpinang"]
    with _reading(partitioned_copy) as reading:
        check = check_regions(partitioned_copy, run)
    assert sorted(check.problems) == ["ambon", "tanjungpinang"]
    assert [str(p) for p in check.problems["ambon"]] == [
        "assessments/region_id=ambon/part-0.parquet: not a readable Parquet file (it holds "
        "text, not a Parquet file: if it is CSV, name it part-0.csv; allowed: a .parquet file "
        "written by pandas, pyarrow, Spark or DuckDB)"
    ]
    assert [str(p) for p in check.problems["tanjungpinang"]] == [
        "participation/region_id=tanjungpinang/part-0.parquet:5:jp: not a number "
        "(value seen: 'dua'; allowed: a number > 0)"
    ]
    assert sorted(check.digests) == run and check.elsewhere == []
    assert not any("kertapati" in f for f in reading.files)  # regions not run are not read


def test_check_regions_partitioned_digest_follows_its_region_only(partitioned_copy):
    before = check_regions(partitioned_copy, ["ambon", "plaju"]).digests
    target = partitioned_copy / "participation" / "region_id=plaju" / "part-0.parquet"
    part = pd.read_parquet(target)
    part.loc[0, "jp"] = "99"
    part.to_parquet(target, index=False)
    after = check_regions(partitioned_copy, ["ambon", "plaju"]).digests
    assert after["ambon"] == before["ambon"] and after["plaju"] != before["plaju"]
    # the digest of one region is the same whichever regions are checked with it
    assert check_regions(partitioned_copy, ["plaju"]).digests["plaju"] == after["plaju"]


def test_check_regions_partitioned_digest_is_the_region_load_hash(partitioned_dir):
    check = check_regions(partitioned_dir, ["kertapati", "plaju"])
    for region in ("kertapati", "plaju"):
        assert check.digests[region] == load_dataset(partitioned_dir, region=region).data_hash


def test_check_regions_with_one_flat_regional_table_digests_rows(partitioned_copy):
    # Guards the digest of a mixed layout: service_metrics kept flat holds every region's
    # rows, so a change to plaju's rows must not change ambon's digest (a hash of the files
    # would), and must change plaju's.
    folder = partitioned_copy / "service_metrics"
    flat = pd.concat(
        [
            pd.read_parquet(f).assign(region_id=f.parent.name.split("=", 1)[1])
            for f in sorted(folder.glob("*/*.parquet"))
        ],
        ignore_index=True,
    )
    shutil.rmtree(folder)
    flat.to_parquet(partitioned_copy / "service_metrics.parquet", index=False)
    before = check_regions(partitioned_copy, ["ambon", "plaju"])
    assert before.problems == {}
    flat.loc[flat.index[flat["region_id"] == "plaju"][0], "value"] = "1"
    flat.to_parquet(partitioned_copy / "service_metrics.parquet", index=False)
    after = check_regions(partitioned_copy, ["ambon", "plaju"]).digests
    assert after["ambon"] == before.digests["ambon"] and after["plaju"] != before.digests["plaju"]


def test_audit_reads_only_the_names_of_the_regions_run(partitioned_dir, sample_dir):
    # Guards the audit at the end of `kompetensi run plaju` on national data: it must not load
    # the whole country's staff to look for names, only plaju's employees partition.
    import pandas as pd

    from kompetensi_toolkit.audit import staff_names

    with _reading(partitioned_dir) as got:
        names = staff_names(partitioned_dir, ["plaju"])
    read = {f for f in got.files if f.startswith("employees/")}
    assert read == _files(partitioned_dir, "employees/region_id=plaju/*.parquet")
    assert not any(f.startswith(("assessments/", "feedback/")) for f in got.files)
    staff = pd.read_csv(sample_dir / "employees.csv", dtype=str)
    assert sorted(names) == sorted(staff.loc[staff["region_id"] == "plaju", "name"].unique())
    everyone = staff_names(partitioned_dir)
    assert sorted(everyone) == sorted(staff["name"].unique())
