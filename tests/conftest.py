"""Shared fixtures: a small synthetic dataset written once per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kompetensi_toolkit import config, identity

# A fixed pseudonymisation key for the whole session (and the kernels it starts), so that
# ids agree between loads; tests/test_identity.py covers running without one.
os.environ.setdefault(identity.KEY_ENV, "kompetensi-test-key-not-a-secret")

#: Small enough to keep the suite quick, large enough for every region and table.
TEST_SCALE = 0.05


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """The synthetic sample at a small scale, written once; treat as read-only."""
    from kompetensi_toolkit.sample import write_sample_dataset

    return write_sample_dataset(tmp_path_factory.mktemp("sample") / "data", scale=TEST_SCALE)


@pytest.fixture
def dataset_copy(sample_dir, tmp_path) -> Path:
    """A private copy of the small sample that a test may break."""
    return Path(shutil.copytree(sample_dir, tmp_path / "data"))


BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_benchmark(name: str):
    """A script of ``benchmarks/`` as a module (it imports its sibling ``benchlib``)."""
    import importlib.util
    import sys

    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def reference_dir() -> Path:
    return config.REFERENCE_DIR


# A tiny hand-written dataset: every value known, so tests can pin results.
TINY = {
    "regions.csv": """region_id,name,level,province,parent_id
ambon,Kota Ambon,kota,Maluku,
plaju,Kecamatan Plaju,kecamatan,Sumatera Selatan,palembang
""",
    "employees.csv": """employee_id,region_id,unit,position_type,employment_status,sex,birth_year,education,performance,potential_score,name
198501012010011001,ambon,Dinas Kesehatan,pelaksana,pns,l,1985,s1,baik,72.5,Budi Santoso
198702022011012002,ambon,Dinas Kesehatan,pengawas,pns,p,1987,s2,sangat_baik,81,Sri Wahyuni
199003032015031003,ambon,BKPSDM,fungsional_ahli_muda,pns,l,1990,s1,butuh_perbaikan,55,Andi Pattimura
199009132025242014,plaju,Kantor Camat,pelaksana,pppk,p,1990,sma,baik,60,Ani Lestari
""",
    "assessments.csv": """employee_id,competency_id,level,assessed_on
198501012010011001,M.01,2,2025-02-01
198501012010011001,M.02,1.5,2025-02-01
198702022011012002,M.01,3,2025-02-03
199009132025242014,M.01,1,2025-03-01
""",
    "programs.csv": """program_id,name,form,mode,jp,provider_type,cost_per_participant,capacity
P01,Bimtek Pelayanan Publik,bimbingan_teknis,klasikal,24,internal,2500000,30
P02,E-learning Integritas,e_learning,nonklasikal,10,lan,0,200
""",
    "program_competencies.csv": """program_id,competency_id
P01,M.05
P02,M.01
""",
    "participation.csv": """employee_id,program_id,start_date,end_date,jp,completed,pre_test,post_test,behaviour_before,behaviour_after
198501012010011001,P01,2025-03-03,2025-03-05,24,true,55,70,2.5,3
199009132025242014,P02,2025-04-01,2025-04-10,,false,,,,
""",
    "feedback.csv": """response_id,program_id,region_id,submitted_on,materi_1,materi_2,metode_1,metode_2,pengajar_1,pengajar_2,penyelenggaraan_1,penyelenggaraan_2,manfaat_1,manfaat_2,comment
R1,P01,ambon,2025-03-05,5,2,4,4,5,5,4,3,5,5,Materi sangat bermanfaat
R2,P02,plaju,2025-04-10,4,3,3,3,4,4,3,3,4,4,
""",
    "service_survey.csv": """response_id,region_id,unit,period,u1,u2,u3,u4,u5,u6,u7,u8,u9
S1,ambon,Disdukcapil,2025,3,3,4,4,3,3,4,3,3
""",
    "service_metrics.csv": """region_id,unit,period,metric,value
ambon,Disdukcapil,2025-01,waiting_minutes,35
""",
}


def write_tiny(folder: Path, overrides: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the tiny dataset; ``overrides`` replaces (or, with None, removes) files."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str | bytes | None] = dict(TINY)
    files.update(overrides or {})
    for name, content in files.items():
        if content is None:
            continue
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def tiny_dir(tmp_path) -> Path:
    return write_tiny(tmp_path / "tiny")


def write_partitioned(source: Path, target: Path) -> Path:
    """The flat dataset ``source`` as Parquet partitioned by region, every column as text."""
    from kompetensi_toolkit.national import partition_by_region

    return partition_by_region(source, target, as_text=True)


@pytest.fixture(scope="session")
def partitioned_dir(sample_dir, tmp_path_factory) -> Path:
    """The small sample as a region-partitioned Parquet dataset, written once; read-only."""
    return write_partitioned(sample_dir, tmp_path_factory.mktemp("partitioned") / "data")


@pytest.fixture
def partitioned_copy(partitioned_dir, tmp_path) -> Path:
    """A private copy of :func:`partitioned_dir` that a test may break."""
    return Path(shutil.copytree(partitioned_dir, tmp_path / "data"))


def blas_threads() -> set[int]:
    """The thread counts of the BLAS libraries loaded in this process (threadpoolctl)."""
    from threadpoolctl import threadpool_info

    return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}


def record_blas_threads(monkeypatch, owner, name: str) -> list[set[int]]:
    """Wrap ``owner.name`` so that each call notes :func:`blas_threads`; the notes, in order."""
    seen: list[set[int]] = []
    real = getattr(owner, name)

    def spy(*args, **kwargs):
        seen.append(blas_threads())
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, spy)
    return seen


KERNELSPEC = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}


def write_template(folder: Path, name: str, *cells: str, parameters: str = "") -> str:
    """``folder/<name>.ipynb``: a template of the runner's parameters (and ``parameters``),
    then ``cells``; its path."""
    import nbformat

    source = (
        'region_id = "ambon"  # region\ndata_dir = "data/sample"  # data\n'
        'lang = "id"  # language\nmin_group_size = 5  # threshold\n' + parameters
    )
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(source, metadata={"tags": ["parameters"]}),
            *(nbformat.v4.new_code_cell(c) for c in cells),
        ],
        metadata=KERNELSPEC,
    )
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return str(path)
