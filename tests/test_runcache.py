"""runcache: a run reads and checks each region once; its kernels share the load."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from conftest import write_template
from kompetensi_toolkit import identity, loaders, reporting, runcache


@pytest.fixture
def shared(tmp_path, monkeypatch) -> Path:
    """A run's shared folder, private as ``run_reports`` makes it, named in the environment."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    monkeypatch.setenv(runcache.ENV, str(folder))
    return folder


@pytest.fixture
def reads(monkeypatch) -> list[str | None]:
    """The regions read from files (each call of ``loaders._read_all``)."""
    seen: list[str | None] = []
    real = loaders._read_all

    def spy(path, region, *args, **kwargs):
        seen.append(region)
        return real(path, region, *args, **kwargs)

    monkeypatch.setattr(loaders, "_read_all", spy)
    return seen


def _same(a: loaders.Dataset, b: loaders.Dataset) -> None:
    assert (a.data_hash, a.staff_names, a.region, a.loaded) == (
        b.data_hash,
        b.staff_names,
        b.region,
        b.loaded,
    )
    assert a.tables().keys() == b.tables().keys()
    for name, frame in a.tables().items():
        pd.testing.assert_frame_equal(frame, b.tables()[name])


def test_a_region_is_read_once_and_then_shared(sample_dir, shared, reads):
    first = loaders.load_dataset(sample_dir, region="ambon")
    assert reads == ["ambon"] and len(list(shared.glob("ambon.*.pickle"))) == 1
    second = loaders.load_dataset(sample_dir, region="ambon")
    assert reads == ["ambon"]  # the files were not read again
    _same(first, second)
    assert second is not first and second.employees is not first.employees
    assert second.staff_names and second.pseudonymised
    # another region, or other tables, are entries of their own
    loaders.load_dataset(sample_dir, region="plaju")
    loaders.load_dataset(sample_dir, region="ambon", tables=["employees"])
    assert reads == ["ambon", "plaju", "ambon"]
    assert len(list(shared.glob("ambon.*.pickle"))) == 2


def test_a_changed_file_is_read_again(dataset_copy, shared, reads):
    first = loaders.load_dataset(dataset_copy, region="ambon")
    path = dataset_copy / "employees.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Dinas Pendidikan", "Dinas Pendidikan Kota"), encoding="utf-8")
    second = loaders.load_dataset(dataset_copy, region="ambon")
    assert reads == ["ambon", "ambon"]
    assert second.data_hash != first.data_hash
    renamed = (second.employees["unit"] == "Dinas Pendidikan Kota").sum()
    assert renamed == (first.employees["unit"] == "Dinas Pendidikan").sum() > 0
    # a file that appears (a second source of a table) is noticed too: a clear problem
    (dataset_copy / "employees.parquet").write_bytes(b"")
    with pytest.raises(loaders.DataValidationError, match="more than one file"):
        loaders.load_dataset(dataset_copy, region="ambon")


def test_another_pseudonymisation_key_is_another_entry(sample_dir, shared, reads, monkeypatch):
    first = loaders.load_dataset(sample_dir, region="ambon")
    monkeypatch.setenv(identity.KEY_ENV, "another-key-of-sixteen-bytes-or-more")
    second = loaders.load_dataset(sample_dir, region="ambon")
    assert reads == ["ambon", "ambon"]
    assert not set(first.employees["employee_id"]) & set(second.employees["employee_id"])
    raw = loaders.load_dataset(sample_dir, region="ambon", pseudonymise=False)
    assert reads == ["ambon"] * 3 and not raw.pseudonymised
    # no entry holds the key itself
    for entry in shared.glob("*.pickle"):
        assert b"another-key-of-sixteen" not in entry.read_bytes()


@pytest.mark.parametrize("case", ["unset", "missing", "writable by others", "all regions"])
def test_nothing_is_shared_without_a_private_folder_and_a_region(
    case, sample_dir, tmp_path, reads, monkeypatch
):
    folder = tmp_path / "shared"
    folder.mkdir()
    monkeypatch.setenv(runcache.ENV, str(folder))
    region: str | None = "ambon"
    if case == "unset":
        monkeypatch.delenv(runcache.ENV)
    elif case == "missing":
        monkeypatch.setenv(runcache.ENV, str(tmp_path / "gone"))
    elif case == "writable by others":
        folder.chmod(0o777)
    else:
        folder.chmod(0o700)
        region = None
    loaders.load_dataset(sample_dir, region=region)
    loaders.load_dataset(sample_dir, region=region)
    assert reads == [region, region]
    assert list(folder.iterdir()) == []


def test_a_broken_entry_is_read_as_usual(sample_dir, shared, reads):
    first = loaders.load_dataset(sample_dir, region="ambon")
    (entry,) = shared.glob("ambon.*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])  # cut short, as by a full disk
    second = loaders.load_dataset(sample_dir, region="ambon")
    assert reads == ["ambon", "ambon"]
    _same(first, second)
    runcache.write(shared, "ambon", "k", lambda: None)  # cannot be pickled: nothing written
    assert not list(shared.glob("ambon.k.*"))


LOAD_AND_PUBLISH = """
import os
from pathlib import Path
from kompetensi_toolkit import config, loaders, reporting, runcache
dataset = loaders.load_dataset(config.resolve_data_dir(data_dir), region=region_id)
folder = Path(os.environ[runcache.ENV])
(entry,) = folder.glob(f"{region_id}.*.pickle")
reporting.publish_summary({"folder": str(folder), "entry": entry.name, "inode": entry.stat().st_ino,
                           "n_staff": len(dataset.employees)}, "{name}")
"""


@pytest.mark.notebook
def test_a_run_shares_each_region_load_between_its_reports(sample_dir, tmp_path):
    templates = [
        write_template(tmp_path, name, LOAD_AND_PUBLISH.replace("{name}", name))
        for name in ("one", "two")
    ]
    left_when_done: dict[str, list[str]] = {}

    def progress(done, total, result):  # after a region's last report its entry is gone
        folder = Path(result.figures[result.template]["folder"])
        left_when_done[f"{result.region_id}/{result.template}"] = sorted(
            p.name.split(".")[0] for p in folder.glob("*.pickle")
        )

    out = tmp_path / "out"
    results = reporting.run_reports(
        ["ambon", "plaju"], sample_dir, out, templates=templates, workers=1, progress=progress
    )
    assert [r.status for r in results] == ["ok"] * 4
    figures = {r: reporting.read_summary(out / r)["templates"] for r in ("ambon", "plaju")}
    for region, found in figures.items():
        # the second report read the first one's entry: the same file, not written again
        assert found["one"]["entry"] == found["two"]["entry"]
        assert found["one"]["inode"] == found["two"]["inode"]
        assert found["one"]["n_staff"] == found["two"]["n_staff"] > 0
        assert region not in left_when_done[f"{region}/two"]
    folder = Path(figures["ambon"]["one"]["folder"])
    assert not folder.exists()  # removed with the run
    assert folder.name.startswith("kompetensi-run-") and out not in folder.parents


def test_the_entry_of_a_load_is_the_same_in_every_process(sample_dir, shared):
    """Kernels are separate interpreters, each with its own string hashing."""
    import subprocess
    import sys

    code = (
        "from kompetensi_toolkit import loaders\n"
        f"entry = loaders._shared_entry({str(sample_dir)!r}, 'ambon', loaders._selection("
        "['employees', 'assessments'], {'employees': ['unit', 'sex', 'position_type']}, 'f'), True)\n"
        "print(entry[2])"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(keys) == 1 and len(keys.pop()) == 64


def test_the_folder_keeps_within_its_limit_oldest_out_first(tmp_path, monkeypatch):
    monkeypatch.setattr(runcache, "LIMIT_BYTES", 3_500)
    blob = b"x" * 1_000
    for i, name in enumerate(("a", "b", "c")):
        runcache.write(tmp_path, name, "k", blob)
        entry = tmp_path / f"{name}.k.pickle"
        os.utime(entry, ns=(i * 10**9, i * 10**9))  # a, b, c from oldest to newest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.k.pickle", "b.k.pickle", "c.k.pickle"]
    runcache.write(tmp_path, "d", "k", blob)  # 4 × ~1 000 bytes: the oldest goes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.k.pickle", "c.k.pickle", "d.k.pickle"]
    assert runcache.read(tmp_path, "d", "k") == blob and runcache.read(tmp_path, "a", "k") is None
    monkeypatch.setattr(runcache, "LIMIT_BYTES", 10)  # larger than the limit alone: still kept
    runcache.write(tmp_path, "e", "k", blob)
    assert [p.name for p in tmp_path.iterdir()] == ["e.k.pickle"]
