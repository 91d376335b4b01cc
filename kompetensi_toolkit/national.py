"""The national synthetic dataset: 552 regional governments, written region by region.

:func:`write_national_dataset` generates the 38 provinces, 416 kabupaten and 98 kota
of ``data/reference/national_regions.csv`` (plus the two seed kecamatan of Kota
Palembang, Plaju and Kertapati: 554 rows) with the generator of
:mod:`kompetensi_toolkit.sample`, one region at a time, and writes every table of the
data contract as Parquet partitioned by ``region_id``::

    <out>/regions.parquet, competencies.parquet, standards.parquet, programs.parquet,
          program_competencies.parquet, feedback_items.parquet       (shared, flat)
    <out>/<table>/region_id=<id>/part-0.parquet                        (regional tables)

Memory stays bounded by the largest region: no table is ever built whole. At scale 1
the regions hold about 4.1 million employees, near BKN's 4.24 million in the 552
regional governments. Employee ids are NIP-shaped and unique nationally by construction: each
region draws only NIPs that its own slot owns (:func:`kompetensi_toolkit.sample._owned_nips`).

Examples
--------
>>> regions = national_regions()
>>> regions["level"].value_counts().to_dict()
{'kabupaten': 416, 'kota': 98, 'provinsi': 38, 'kecamatan': 2}
>>> regions.set_index("region_id").loc["ambon", ["name", "parent_id"]].tolist()
['Kota Ambon', 'prov-maluku']
"""

from __future__ import annotations

import math
import os
import shutil
import sys
import uuid
import zlib
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from kompetensi_toolkit import config, sample, schema
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.sample import RegionSpec

__all__ = ["national_regions", "national_specs", "partition_by_region", "write_national_dataset"]

#: Where ``kompetensi sample-data --national`` writes by default.
DEFAULT_NATIONAL_DIR = Path("data") / "national"
#: The regions: id, name, level, province, parent and a rough population (thousands).
REGIONS_FILE = "national_regions.csv"
#: ASN in the 552 regional governments at scale 1 (BKN, November 2025: 4.24 million).
NATIONAL_HEADCOUNT = 4_240_000
#: Headcount bounds at scale 1, by level (the seed regions keep their sample headcounts).
HEADCOUNT_BOUNDS = {"provinsi": (8_000, 30_000), "kabupaten": (2_000, 20_000),
                    "kota": (2_000, 40_000)}  # fmt: skip
#: Tables written per region; the others are shared, flat files.
PARTITIONED_TABLES = (*schema.REGIONAL_TABLES, *schema.EMPLOYEE_TABLES)
#: Parquet options pinned so that the same seed and scale give byte-identical files.
_PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 3, "version": "2.6",
                    "use_dictionary": True, "write_statistics": True}  # fmt: skip

# Kecamatan of Kota Palembang (Plaju and Kertapati are seed regions of their own).
_PALEMBANG_KECAMATAN = (
    "Alang-Alang Lebar", "Bukit Kecil", "Gandus", "Ilir Barat I", "Ilir Barat II",
    "Ilir Timur I", "Ilir Timur II", "Ilir Timur III", "Jakabaring", "Kalidoni", "Kemuning",
    "Sako", "Sematang Borang", "Seberang Ulu I", "Seberang Ulu II", "Sukarami",
)  # fmt: skip
#: Suffixes of synthetic kecamatan names ("Kecamatan Garut Utara" …).
_KECAMATAN_SUFFIXES = (
    "Kota", "Utara", "Selatan", "Timur", "Barat", "Tengah", "Hulu", "Hilir", "Pesisir", "Raya",
    "Baru", "Jaya", "Makmur", "Indah", "Sari", "Mulya", "Asri", "Permai", "Lestari", "Bahari",
    "Sejahtera", "Rejo", "Harapan", "Mandiri", "Damai", "Luhur", "Agung", "Kencana", "Sentosa",
    "Bakti", "Murni", "Kulon", "Wetan", "Kidul", "Lor", "Darat", "Laut", "Gunung", "Pantai",
    "Lembah",
)  # fmt: skip
#: Family-name style of the synthetic staff, by province (others: given names only).
_SURNAMES = {
    "Sumatera Utara": "batak", "Maluku": "maluku", "Maluku Utara": "maluku",
    "Sumatera Selatan": "palembang", "Riau": "melayu", "Kepulauan Riau": "melayu",
}  # fmt: skip
_COMPETENCY_IDS = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01",
                   "T.01", "T.02")  # fmt: skip
#: The province whose kota and kabupaten are administrations, not autonomous regions.
_JAKARTA = "DKI Jakarta"
#: Spawn key of the stream drawing a region's profile (apart from sample._STREAMS).
_PROFILE_STREAM = 1000


# ---------------------------------------------------------------------------
# Regions and their headcounts.
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _shipped_regions() -> pd.DataFrame:
    return pd.read_csv(
        config.REFERENCE_DIR / REGIONS_FILE, dtype=str, keep_default_na=False, encoding="utf-8"
    )


def _seed_specs() -> dict[str, RegionSpec]:
    return {spec.region_id: spec for spec in sample.REGIONS}


def _profile_rng(seed: int, region_id: str) -> np.random.Generator:
    key = zlib.crc32(region_id.encode("utf-8"))
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(key, _PROFILE_STREAM)))


def national_regions(seed: int = config.DEFAULT_SEED) -> pd.DataFrame:
    """The 554 regions of the national dataset with their headcounts at scale 1.

    Provinces get ``850 × population^0.33`` (population in thousands), kabupaten and
    kota ``population^0.75`` (kota × 1.25), each times a log-normal spread (sd 0.15 for
    provinces, 0.25 otherwise) drawn from ``(seed, region_id)``; kabupaten and kota are
    then scaled so that the country holds :data:`NATIONAL_HEADCOUNT`, and every
    headcount is clipped to :data:`HEADCOUNT_BOUNDS`. Jakarta's kota and kabupaten
    (administrations of the province) weigh 0.3 × their population and the province gets
    the upper bound. The five seed regions keep their sample headcounts; Plaju and
    Kertapati (kecamatan of Kota Palembang) are rows of their own, not counted in
    Palembang's headcount.

    Parameters
    ----------
    seed
        Seed of the spread.

    Returns
    -------
    pandas.DataFrame
        ``region_id``, ``name``, ``level``, ``province``, ``parent_id`` (``None`` for
        provinces), ``weight`` (rough population in thousands) and ``headcount``, in the
        order of the shipped file (province, then its kabupaten, then its kota).

    Examples
    --------
    >>> regions = national_regions()
    >>> len(regions), int(regions["headcount"].sum()) // 100_000 / 10
    (554, 4.1)
    >>> int(regions.set_index("region_id").loc["kota-sabang", "headcount"])
    2000
    """
    sample._check_arguments("national_regions", seed, 1.0)
    regions = _shipped_regions().copy()
    weight = pd.to_numeric(regions["weight"]).to_numpy(dtype=float)
    level = regions["level"].to_numpy()
    spread = np.array(
        [
            _profile_rng(seed, r).lognormal(0.0, 0.15 if lv == "provinsi" else 0.25)
            for r, lv in zip(regions["region_id"], level, strict=True)
        ]
    )
    seeds = _seed_specs()
    fixed = np.array(
        [
            sum(u.headcount for u in seeds[r].units) if r in seeds else 0
            for r in regions["region_id"]
        ]
    )
    is_seed = fixed > 0
    prov = level == "provinsi"
    local = ~prov & ~is_seed & np.isin(level, ("kabupaten", "kota"))
    raw = np.where(level == "kota", 1.25, 1.0) * np.power(weight, 0.75) * spread
    headcount = np.where(prov, 850 * np.power(weight, 0.33) * spread, 0.0)
    # Jakarta's kota and kabupaten are administrations of the province, which employs
    # most of their staff itself.
    jakarta = (regions["province"] == _JAKARTA).to_numpy()
    raw[jakarta] *= 0.3
    headcount[prov & jakarta] = HEADCOUNT_BOUNDS["provinsi"][1]
    lo, hi = HEADCOUNT_BOUNDS["provinsi"]
    headcount[prov] = np.clip(headcount[prov], lo, hi)
    left = NATIONAL_HEADCOUNT - headcount[prov].sum() - fixed.sum()
    headcount[local] = raw[local] * left / raw[local].sum()
    for lv in ("kabupaten", "kota"):
        mask = local & (level == lv)
        headcount[mask] = np.clip(headcount[mask], *HEADCOUNT_BOUNDS[lv])
    headcount = np.where(is_seed, fixed, np.round(headcount)).astype(np.int64)
    regions["weight"] = weight
    regions["headcount"] = headcount
    regions["parent_id"] = regions["parent_id"].replace("", None)
    return regions


def _kecamatan_names(name: str, n: int) -> list[str]:
    """``n`` synthetic kecamatan names of a kabupaten or kota.

    >>> _kecamatan_names("Kabupaten Garut", 3)
    ['Garut Kota', 'Garut Utara', 'Garut Selatan']
    >>> _kecamatan_names("Kota Bima", 42)[-2:]
    ['Bima Kota II', 'Bima Utara II']
    """
    base = name.split(" ", 1)[1]
    k = len(_KECAMATAN_SUFFIXES)
    return [
        f"{base} {_KECAMATAN_SUFFIXES[i % k]}" + (f" {'I' * (i // k + 1)}" if i >= k else "")
        for i in range(n)
    ]


def _spec(row: pd.Series, seed: int) -> RegionSpec:
    """The generator's description of one non-seed region."""
    rng = _profile_rng(seed, row["region_id"])
    rng.lognormal()  # the headcount spread of national_regions
    level, name, total = row["level"], row["name"], int(row["headcount"])
    pop = float(row["weight"])
    if level == "provinsi":
        rsud = f"RSUD {name}"
        units = sample._provinsi_units(total, rsud)
        service = ("DPMPTSP", rsud, "Bapenda")
    elif level == "kabupaten":
        rsud = f"RSUD {name}"
        kecamatan = _kecamatan_names(name, int(np.clip(round(6 + pop / 80), 5, 40)))
        units = sample._kabupaten_units(total, rsud, kecamatan)
        service = ("Dinas Kependudukan dan Pencatatan Sipil", "DPMPTSP", rsud,
                   f"Kantor Camat {kecamatan[0]}", f"Puskesmas {kecamatan[0]}")  # fmt: skip
    else:
        rsud = f"RSUD {name}"
        kecamatan = (
            list(_PALEMBANG_KECAMATAN)
            if row["region_id"] == "palembang"
            else _kecamatan_names(name, int(np.clip(round(pop / 110), 2, 31)))
        )
        units = sample._kota_units(total, rsud, kecamatan)
        service = ("Dinas Kependudukan dan Pencatatan Sipil", "DPMPTSP", rsud,
                   *(f"Kecamatan {k}" for k in kecamatan[:2]))  # fmt: skip
    weak = rng.choice(len(_COMPETENCY_IDS), size=int(rng.integers(1, 3)), replace=False)
    shift = {_COMPETENCY_IDS[i]: round(float(np.clip(rng.normal(-0.4, 0.15), -0.8, -0.1)), 2)
             for i in sorted(weak)}  # fmt: skip
    return RegionSpec(
        row["region_id"],
        name,
        level,
        row["province"],
        row["parent_id"],
        units,
        assessed_share=round(float(rng.uniform(0.5, 0.9)), 2),
        programmes_per_year=round(float(np.clip(rng.lognormal(math.log(1.6), 0.25), 0.8, 2.8)), 2),
        competency_shift=shift,
        surname_style=_SURNAMES.get(row["province"], "umum"),
        words_share=1.0 if rng.random() < 0.1 else 0.0,
        service_units=service,
        service_shift=round(float(rng.normal(0.0, 0.08)), 3),
    )


def national_specs(seed: int = config.DEFAULT_SEED) -> Iterator[RegionSpec]:
    """The generator's description of every region, in the order of :func:`national_regions`.

    The seed regions are the sample's own specs (same units and profiles); the others are
    drawn from ``(seed, region_id)``. Specs are small (units and shares, no people).

    Examples
    --------
    >>> specs = list(national_specs())
    >>> len(specs), specs[0].name, specs[0].units[10].name
    (554, 'Provinsi Aceh', 'Dinas Pendidikan')
    >>> [s.parent_id for s in specs if s.region_id in ("plaju", "kertapati")]
    ['palembang', 'palembang']
    """
    seeds = _seed_specs()
    for _, row in national_regions(seed).iterrows():
        yield seeds.get(row["region_id"]) or _spec(row, seed)


# ---------------------------------------------------------------------------
# Writing.
# ---------------------------------------------------------------------------


def _known_entries() -> set[str]:
    """What a national dataset folder may hold (and may be replaced)."""
    return sample._table_file_names() | set(PARTITIONED_TABLES)


def _check_arguments(seed: object, scale: object, regions: object) -> list[str] | None:
    """Refuse bad arguments; the region ids asked for, as a list (``None``: all)."""
    sample._check_arguments("write_national_dataset", seed, scale)
    if regions is None:
        return None
    if isinstance(regions, str) or not isinstance(regions, Iterable):
        raise ParameterError(
            "The 'regions' parameter of write_national_dataset must be a list of region ids "
            f"or None. Got {sample._show(regions)} instead."
        )
    regions = list(regions)
    known = set(_shipped_regions()["region_id"])
    unknown = [r for r in regions if r not in known]
    if unknown:
        raise ParameterError(
            "The 'regions' parameter of write_national_dataset must hold region ids of "
            f"{REGIONS_FILE}. Got {', '.join(map(repr, unknown[:3]))} instead, which "
            "are not among them."
        )
    return regions


def _progress(total: int, enabled: bool):
    """A tqdm bar on stderr, or a silent stand-in when tqdm is missing or not wanted."""
    if enabled:
        try:
            from tqdm import tqdm
        except ImportError:  # tqdm comes with the notebooks extra
            pass
        else:
            return tqdm(total=total, file=sys.stderr, unit="region", desc="regions")

    class _Silent:
        def update(self, n: int = 1) -> None:
            pass

        def set_postfix_str(self, text: str) -> None:
            pass

        def close(self) -> None:
            pass

    return _Silent()


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, path, **_PARQUET_OPTIONS)


def _region_frames(
    spec: RegionSpec, slot: tuple[int, int], seed: int, scale: float, reference
) -> dict[str, pd.DataFrame]:
    """One region's partitioned tables, ready to write (no region_id: the folder says it)."""
    tables = sample._generate_region(spec, seed, scale, reference, id_slot=slot)
    out = {}
    for name in PARTITIONED_TABLES:
        frame = tables[name].drop(columns="region_id", errors="ignore")
        if name == "feedback":  # one type per column in every partition: answers as text
            items = reference["feedback_items"]["item_id"]
            frame[list(items)] = frame[list(items)].astype(str)
        out[name] = frame
    return out


def write_national_dataset(
    out: str | os.PathLike[str] = DEFAULT_NATIONAL_DIR,
    seed: int = config.DEFAULT_SEED,
    scale: float = 1.0,
    progress: bool = True,
    regions: Sequence[str] | None = None,
) -> dict[str, int]:
    """Write the national synthetic dataset, one region at a time, atomically.

    Regional tables go to ``<out>/<table>/region_id=<id>/part-0.parquet`` (a region
    without rows in a table has no file there), the shared tables to ``<out>/<table>.parquet``.
    Only one region's tables are in memory at a time. The dataset is built in a temporary
    sibling folder and renamed into place when complete. The same seed and scale give
    byte-identical files.

    Parameters
    ----------
    out
        The dataset folder to create or replace. An existing folder is replaced only if
        it holds nothing but table files and table folders.
    seed
        Seed of every random draw.
    scale
        Multiplies every unit's headcount (each unit keeps at least one person): 1 gives
        about 4.1 million employees, 0.1 about 414 thousand, 0.01 about 54 thousand (every
        unit keeps at least one person).
    progress
        Show a progress bar over regions on stderr (when tqdm is installed).
    regions
        Generate only these regions (ids of ``national_regions.csv``); ``regions.parquet``
        still lists all 554. ``None``: every region.

    Returns
    -------
    dict of str to int
        Rows written per table, in the order of :data:`kompetensi_toolkit.schema.TABLES`.

    Raises
    ------
    ParameterError
        ``seed``, ``scale`` or ``regions`` is out of range, or ``out`` is a file or a
        folder holding other files.

    Examples
    --------
    >>> import shutil, tempfile
    >>> workdir = Path(tempfile.mkdtemp())
    >>> rows = write_national_dataset(workdir / "national", scale=0.01, progress=False,
    ...                               regions=["ambon", "kab-garut"])
    >>> rows["regions"], rows["employees"]
    (554, 321)
    >>> sorted(p.name for p in (workdir / "national" / "employees").iterdir())
    ['region_id=ambon', 'region_id=kab-garut']
    >>> write_national_dataset(workdir / "national", scale=0)
    Traceback (most recent call last):
    ...
    kompetensi_toolkit.exceptions.ParameterError: The 'scale' parameter of
    write_national_dataset must be a number > 0. Got 0 instead.
    >>> shutil.rmtree(workdir)
    """
    regions = _check_arguments(seed, scale, regions)
    seed, scale = int(seed), float(scale)
    target = Path(out)
    folder = Path(os.path.abspath(target))
    sample._check_target(
        target, folder, "write_national_dataset", _known_entries(), str(DEFAULT_NATIONAL_DIR)
    )
    table = national_regions(seed)
    slots = len(table)
    wanted = set(table["region_id"] if regions is None else regions)
    reference = sample._reference_tables()
    shared = {
        "regions": table[list(schema.TABLES["regions"].columns)],
        **reference,
        "programs": sample._programs_table(),
        "program_competencies": sample._program_competencies_table(),
    }
    folder.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:12]
    staging = folder.parent / f".{folder.name}.tmp-{token}"
    staging.mkdir()
    rows = dict.fromkeys(schema.TABLES, 0)
    bar = _progress(len(wanted), progress)
    try:
        for name, frame in shared.items():
            _write_parquet(frame, staging / f"{name}.parquet")
            rows[name] = len(frame)
        for slot, spec in enumerate(national_specs(seed)):
            if spec.region_id not in wanted:
                continue
            frames = _region_frames(spec, (slot, slots), seed, scale, reference)
            for name, frame in frames.items():
                if frame.empty:
                    continue
                part = staging / name / f"region_id={spec.region_id}"
                part.mkdir(parents=True)
                _write_parquet(frame, part / "part-0.parquet")
                rows[name] += len(frame)
            del frames
            bar.set_postfix_str(f"{rows['employees']:,} employees")
            bar.update()
        sample._swap_into_place(staging, folder, token)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        bar.close()
    return rows


def partition_by_region(source: str | os.PathLike[str], target: str | os.PathLike[str], *,
                        as_text: bool = False) -> Path:  # fmt: skip
    """A flat CSV dataset written again as Parquet partitioned by region (the national layout).

    The regional and employee tables go to ``<table>/region_id=<id>/part-0.parquet``
    (without a ``region_id`` column: the folder names it; the employee tables take their
    region from the employees' ``region_id``); the shared tables become ``<table>.parquet``.
    Columns keep the types pandas reads from the CSV (employee ids as text), or, with
    ``as_text``, are all text, as a spreadsheet export would hold them. ``target`` must
    not exist yet.

    Examples
    --------
    >>> import tempfile
    >>> from kompetensi_toolkit.sample import write_sample_dataset
    >>> work = Path(tempfile.mkdtemp())
    >>> out = partition_by_region(write_sample_dataset(work / "flat", scale=0.02), work / "p")
    >>> sorted(p.name for p in (out / "employees").iterdir())[:2]
    ['region_id=ambon', 'region_id=kertapati']
    >>> shutil.rmtree(work)
    """
    source, target = Path(source), Path(target)
    target.mkdir(parents=True)
    dtype = str if as_text else {"employee_id": str}
    frames = {p.stem: pd.read_csv(p, dtype=dtype) for p in sorted(source.glob("*.csv"))}
    region_of = frames["employees"].set_index("employee_id")["region_id"]
    for name, frame in frames.items():
        if name not in schema.REGIONAL_TABLES + schema.EMPLOYEE_TABLES:
            frame.to_parquet(target / f"{name}.parquet", index=False)
            continue
        regions = (
            frame["region_id"]
            if name in schema.REGIONAL_TABLES
            else frame["employee_id"].map(region_of)
        )
        for region, part in frame.groupby(regions.to_numpy(), sort=True):
            folder = target / name / f"region_id={region}"
            folder.mkdir(parents=True)
            part = part.drop(columns="region_id", errors="ignore").reset_index(drop=True)
            part.to_parquet(folder / "part-0.parquet", index=False)
    return target
