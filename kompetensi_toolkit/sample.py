"""The deterministic synthetic dataset of the five seed regions.

:func:`generate_sample` builds every table of the data contract in memory (no
I/O apart from reading the shipped reference tables); :func:`write_sample_dataset`
writes them as CSV files, atomically, so that the same ``seed`` and ``scale``
always give byte-identical files.

Each region is generated from its own random streams, derived from ``(seed,
region_id)`` with :class:`numpy.random.SeedSequence`: regions are independent,
and one region can be regenerated (or a national dataset generated region by
region) without the others. Every value is drawn with vectorised numpy; there is
no per-employee Python loop. Every name, NIP, e-mail address and phone number is
synthetic. How each table is drawn, and why, is documented in ``data/README.md``
("How the synthetic sample is generated").

Examples
--------
>>> tables = generate_sample(scale=0.05)
>>> tables["regions"]["region_id"].tolist()
['pematangsiantar', 'tanjungpinang', 'ambon', 'plaju', 'kertapati']
>>> sorted(tables["competencies"]["competency_id"])[-2:]
['T.01', 'T.02']
"""

from __future__ import annotations

import itertools
import math
import os
import shutil
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from numbers import Integral, Real
from pathlib import Path

import numpy as np
import pandas as pd

from kompetensi_toolkit import config, schema
from kompetensi_toolkit.exceptions import ParameterError

__all__ = ["generate_sample", "write_sample_dataset"]

# The declarative part: dense tables of assumptions, kept one idea a line.
# fmt: off
# ---------------------------------------------------------------------------
# Positions and their attributes (indexed like schema.ENUMS["position_type"]).
# ---------------------------------------------------------------------------
POSITIONS: tuple[str, ...] = schema.ENUMS["position_type"].values
_POS = {name: i for i, name in enumerate(POSITIONS)}
_LEADERS = ("jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas")
#: Positions filled by the multinomial draw (everything but the leaders).
_STAFF = tuple(p for p in POSITIONS if p not in _LEADERS)
_JENJANG = {
    "fungsional_ahli_utama": "Ahli Utama", "fungsional_ahli_madya": "Ahli Madya",
    "fungsional_ahli_muda": "Ahli Muda", "fungsional_ahli_pertama": "Ahli Pertama",
    "fungsional_penyelia": "Penyelia", "fungsional_mahir": "Mahir",
    "fungsional_terampil": "Terampil", "fungsional_pemula": "Pemula",
}
_AHLI = ("fungsional_ahli_utama", "fungsional_ahli_madya", "fungsional_ahli_muda",
         "fungsional_ahli_pertama")
_TERAMPIL = ("fungsional_penyelia", "fungsional_mahir", "fungsional_terampil",
             "fungsional_pemula")


def _by_position(values: dict[str, float], default: float = 0.0) -> np.ndarray:
    return np.array([values.get(p, default) for p in POSITIONS], dtype=float)


#: Position group used for programme audiences: one code per position.
_GROUPS = ("jpt", "administrator", "pengawas", "pelaksana", "ahli", "terampil")
_GROUP_OF = np.array([
    _GROUPS.index("jpt") if p.startswith("jpt") else
    _GROUPS.index("ahli") if p in _AHLI else
    _GROUPS.index("terampil") if p in _TERAMPIL else
    _GROUPS.index(p)
    for p in POSITIONS
])
#: PNS age at the reference date: mean, sd, lower and upper clip.
_AGE = {
    "jpt_utama": (55, 3, 48, 59), "jpt_madya": (54, 3, 46, 59),
    "jpt_pratama": (52, 3.5, 44, 59), "administrator": (49, 4.5, 38, 58),
    "pengawas": (45, 6.5, 30, 58), "pelaksana": (42, 9, 21, 58),
    "fungsional_ahli_utama": (57, 3, 48, 64), "fungsional_ahli_madya": (51, 4.5, 38, 59),
    "fungsional_ahli_muda": (44, 6.5, 30, 59), "fungsional_ahli_pertama": (34, 7, 23, 58),
    "fungsional_penyelia": (48, 5, 35, 58), "fungsional_mahir": (42, 7, 27, 58),
    "fungsional_terampil": (36, 8, 22, 58), "fungsional_pemula": (30, 6, 20, 58),
}
_PPPK_SHARE = _by_position({
    "pelaksana": 0.40, "fungsional_ahli_madya": 0.02, "fungsional_ahli_muda": 0.12,
    "fungsional_ahli_pertama": 0.58, "fungsional_penyelia": 0.05, "fungsional_mahir": 0.30,
    "fungsional_terampil": 0.55, "fungsional_pemula": 0.60,
})
_EDUCATION = schema.ENUMS["education"].values  # sd smp sma d1 d2 d3 d4 s1 s2 s3
_EDU_P = {
    "jpt": (0, 0, 0, 0, 0, 0, 0, 0.10, 0.82, 0.08),
    "administrator": (0, 0, 0, 0, 0, 0, 0, 0.35, 0.63, 0.02),
    "pengawas": (0, 0, 0, 0, 0, 0.05, 0.05, 0.65, 0.25, 0),
    "pelaksana": (0.01, 0.03, 0.46, 0.02, 0.01, 0.14, 0.03, 0.28, 0.02, 0),
    "fungsional_ahli_utama": (0, 0, 0, 0, 0, 0, 0, 0, 0.60, 0.40),
    "fungsional_ahli_madya": (0, 0, 0, 0, 0, 0, 0, 0.45, 0.50, 0.05),
    "fungsional_ahli_muda": (0, 0, 0, 0, 0, 0, 0.03, 0.72, 0.25, 0),
    "fungsional_ahli_pertama": (0, 0, 0, 0, 0, 0, 0.08, 0.86, 0.06, 0),
    "fungsional_penyelia": (0, 0, 0, 0, 0, 0.70, 0.10, 0.20, 0, 0),
    "fungsional_mahir": (0, 0, 0.05, 0, 0, 0.80, 0.05, 0.10, 0, 0),
    "fungsional_terampil": (0, 0, 0.05, 0, 0, 0.90, 0.05, 0, 0, 0),
    "fungsional_pemula": (0, 0, 0.85, 0.10, 0.05, 0, 0, 0, 0, 0),
}
_EDU_CUM = np.cumsum(np.array([
    _EDU_P["jpt" if p.startswith("jpt") else p] for p in POSITIONS
], dtype=float), axis=1)
_EDU_CUM /= _EDU_CUM[:, -1:]
#: Competency level relative to the position's standard, before ability and noise.
#: Calibrated so that JPT Pratama fall into JPM categories roughly as in BKN's 2020
#: analysis of 227 officials (Kurang Optimal 34 %, Cukup Optimal 53 %, Optimal 13 %);
#: posts whose standard is level 1 cannot fall below it.
_LEVEL_OFFSET = _by_position({
    "jpt_utama": -0.72, "jpt_madya": -0.72, "jpt_pratama": -0.72, "administrator": -0.5,
    "pengawas": -0.25, "pelaksana": 0.4, "fungsional_ahli_utama": -0.7,
    "fungsional_ahli_madya": -0.5, "fungsional_ahli_muda": -0.25, "fungsional_ahli_pertama": 0.9,
    "fungsional_penyelia": -0.25, "fungsional_mahir": 0.6, "fungsional_terampil": 0.7,
    "fungsional_pemula": 0.7,
})


def _ability_effect(required: np.ndarray) -> np.ndarray:
    """How far one standard deviation of ability moves a level: less at high standards,
    where assessed officials are a selected, more alike group."""
    return 0.55 * np.minimum(1.0, 1.5 / np.maximum(required, 1.0))


_POTENTIAL_BONUS = _by_position({
    "jpt_utama": 8, "jpt_madya": 8, "jpt_pratama": 8, "administrator": 6, "pengawas": 4,
    "fungsional_ahli_utama": 5, "fungsional_ahli_madya": 4, "fungsional_ahli_muda": 2,
})
#: Probability that a person's technical competencies (T.*) were assessed.
_TECH_ASSESSED = _by_position({
    "jpt_pratama": 0.30, "administrator": 0.30, "pengawas": 0.30, "pelaksana": 0.15,
    **{p: 0.75 for p in _AHLI}, **{p: 0.65 for p in _TERAMPIL},
})
#: Predikat kinerja cut-offs on a standard normal score (1 %, 3 %, 7 %, 77 %, 12 %).
_PERFORMANCE_CUTS = np.array([-2.326, -1.751, -1.227, 1.175])
_PERFORMANCE_LOW_TO_HIGH = tuple(reversed(schema.ENUMS["performance"].values))

# ---------------------------------------------------------------------------
# Competencies: the shipped dictionary plus two technical ones.
# ---------------------------------------------------------------------------
TECHNICAL_COMPETENCIES = (
    ("T.01", "teknis", "Literasi Digital", "Digital literacy"),
    ("T.02", "teknis", "Manajemen Administrasi Pelayanan", "Service administration management"),
)
#: Required level of T.01 and T.02 by position type.
TECHNICAL_STANDARD = {
    "jpt_utama": 4, "jpt_madya": 4, "jpt_pratama": 4, "administrator": 3, "pengawas": 3,
    "pelaksana": 2, "fungsional_ahli_utama": 4, "fungsional_ahli_madya": 4,
    "fungsional_ahli_muda": 3, "fungsional_ahli_pertama": 2, "fungsional_penyelia": 3,
    "fungsional_mahir": 2, "fungsional_terampil": 2, "fungsional_pemula": 1,
}
#: Shift of every region's mean level per competency (some are harder for everyone).
_COMPETENCY_SHIFT = {"M.01": 0.2, "M.07": -0.2, "M.08": -0.15, "SK.01": 0.1, "T.01": -0.3}

# ---------------------------------------------------------------------------
# The programme catalogue.
# ---------------------------------------------------------------------------
_KLASIKAL = frozenset(
    ("pelatihan", "seminar", "workshop", "kursus", "penataran", "bimbingan_teknis")
)
#: Forms whose programmes run a pre-test and a post-test.
_TESTED = frozenset(("pelatihan", "workshop", "kursus", "penataran", "bimbingan_teknis",
                     "e_learning", "pelatihan_jarak_jauh"))
#: Forms taken at each participant's own pace (no cohorts).
_SELF_PACED = frozenset(("e_learning", "belajar_mandiri"))


@dataclass(frozen=True)
class _Programme:
    """One programme of the catalogue, with the hidden truths the generator uses."""

    program_id: str
    name: str
    form: str
    jp: float
    provider_type: str
    cost: float
    capacity: int
    competencies: tuple[str, ...]
    #: Whether it works: the test gain and behaviour change of ``_GAIN``/``_BEHAVIOUR_GAIN``.
    effective: bool
    #: Reaction quality: shifts every feedback answer (about -1..1).
    quality: float
    #: Reaction shift per feedback dimension, on top of ``quality``.
    reaction: dict[str, float] = field(default_factory=dict)
    #: Popularity among eligible staff (0: only by nomination, see ``leaders``).
    weight: float = 1.0
    domains: tuple[str, ...] | None = None
    groups: tuple[str, ...] | None = None
    #: Position taking it by nomination, with the yearly probability.
    leaders: tuple[str, float] | None = None
    #: Calendar days a cohort lasts (None: from JP, 8 JP a working day).
    days: int | None = None


_STRUCT = ("administrator", "pengawas", "jpt")
PROGRAMMES: tuple[_Programme, ...] = (
    _Programme("PRG-001", "Pelatihan Kepemimpinan Pengawas (PKP)", "pelatihan", 380,
               "lembaga_pelatihan", 22_500_000, 40, ("M.04", "M.06", "M.08"), True, 0.4,
               weight=0, leaders=("pengawas", 0.07), days=110),
    _Programme("PRG-002", "Pelatihan Kepemimpinan Administrator (PKA)", "pelatihan", 400,
               "lan", 36_000_000, 30, ("M.04", "M.07", "M.08"), True, 0.5,
               weight=0, leaders=("administrator", 0.06), days=120),
    _Programme("PRG-003", "Pelatihan Kepemimpinan Nasional Tingkat II (PKN II)", "pelatihan",
               450, "lan", 85_000_000, 30, ("M.07", "M.08", "SK.01"), True, 0.5,
               weight=0, leaders=("jpt_pratama", 0.06), days=130),
    _Programme("PRG-004", "Pelatihan Pelayanan Prima", "pelatihan", 40, "internal",
               1_500_000, 30, ("M.05", "T.02"), True, 0.6, weight=3),
    _Programme("PRG-005", "Pelatihan Penyusunan SAKIP dan Laporan Kinerja", "pelatihan", 32,
               "lembaga_pelatihan", 3_500_000, 30, ("M.04", "T.02"), True, 0.3, weight=2,
               groups=("administrator", "pengawas", "ahli", "pelaksana")),
    _Programme("PRG-006", "Seminar Reformasi Birokrasi dan Budaya Kerja BerAKHLAK", "seminar", 6,
               "universitas", 750_000, 200, ("M.01", "M.07"), False, 0.3, weight=4),
    _Programme("PRG-007", "Seminar Transformasi Digital Pemerintahan (SPBE)", "seminar", 8,
               "swasta", 1_000_000, 150, ("T.01", "M.07"), False, 0.2, weight=3),
    _Programme("PRG-008", "Seminar Wawasan Kebangsaan dan Moderasi Beragama", "seminar", 4,
               "internal", 150_000, 300, ("SK.01",), False, 0.1, weight=3),
    _Programme("PRG-009", "Workshop Penyusunan Standar Operasional Prosedur", "workshop", 16,
               "internal", 1_200_000, 40, ("T.02", "M.04"), True, 0.3, weight=1.5,
               groups=("administrator", "pengawas", "ahli", "pelaksana")),
    _Programme("PRG-010", "Workshop Penulisan Naskah Dinas", "workshop", 12, "internal",
               900_000, 40, ("M.03", "T.02"), False, -0.5, {"pengajar": -0.9, "metode": -0.4},
               weight=2),
    _Programme("PRG-011", "Kursus Bahasa Inggris untuk Pelayanan Publik", "kursus", 48, "swasta",
               4_800_000, 20, ("M.03", "M.05"), True, 0.5, weight=0.5),
    _Programme("PRG-012", "Kursus Microsoft Excel untuk Analisis Data", "kursus", 24, "swasta",
               2_000_000, 25, ("T.01",), True, 0.6, weight=1.5),
    _Programme("PRG-013", "Penataran Wawasan Kebangsaan dan Bela Negara", "penataran", 30,
               "internal", 1_000_000, 60, ("SK.01", "M.01"), False, -0.3,
               {"metode": -0.8, "manfaat": -0.4}, weight=2),
    _Programme("PRG-014", "Bimbingan Teknis Aplikasi SRIKANDI (Kearsipan Dinamis)",
               "bimbingan_teknis", 24, "lembaga_pelatihan", 2_750_000, 40, ("T.01", "T.02"),
               True, 0.4, weight=2),
    _Programme("PRG-015", "Bimbingan Teknis Pengelolaan Keuangan Daerah (SIPD)",
               "bimbingan_teknis", 32, "swasta", 6_500_000, 50, ("T.02", "M.04"), False, -0.2,
               {"materi": -0.7, "manfaat": -0.8, "penyelenggaraan": 0.6}, weight=1.5,
               domains=("umum", "pelayanan"), groups=("administrator", "pengawas", "pelaksana")),
    _Programme("PRG-016", "Bimbingan Teknis Pengadaan Barang/Jasa Pemerintah",
               "bimbingan_teknis", 24, "lembaga_pelatihan", 4_000_000, 40, ("M.01", "M.08"),
               True, 0.2, weight=1, groups=("administrator", "pengawas", "ahli")),
    _Programme("PRG-017", "Bimbingan Teknis Penanganan Pengaduan SP4N-LAPOR!",
               "bimbingan_teknis", 16, "internal", 1_100_000, 40, ("M.05", "M.03"), True, 0.4,
               weight=1.5, domains=("pelayanan", "kesehatan")),
    _Programme("PRG-018", "E-Learning Literasi Digital ASN", "e_learning", 10, "lan", 0, 1000,
               ("T.01",), True, 0.1, weight=4),
    _Programme("PRG-019", "E-Learning Nilai Dasar ASN BerAKHLAK", "e_learning", 6, "lan", 0,
               2000, ("M.01", "SK.01"), False, -0.1, weight=5),
    _Programme("PRG-020", "E-Learning Manajemen ASN", "e_learning", 20, "lan", 150_000, 1000,
               ("M.06",), False, -0.2, {"metode": -0.5}, weight=2),
    _Programme("PRG-021", "Coaching Kinerja oleh Atasan Langsung", "coaching", 12, "internal", 0,
               10, ("M.04", "M.06"), True, 0.5, weight=2.5, days=56,
               groups=("pengawas", "pelaksana", "ahli", "terampil")),
    _Programme("PRG-022", "Mentoring Pejabat Fungsional", "mentoring", 16, "internal", 0, 8,
               ("M.06", "M.02"), True, 0.4, weight=1.5, days=84, groups=("ahli", "terampil")),
    _Programme("PRG-023", "Magang di Mal Pelayanan Publik", "magang", 80, "internal",
               2_500_000, 10, ("M.05", "T.02"), True, 0.6, weight=0.5, domains=("pelayanan",)),
    _Programme("PRG-024", "Detasering Perencana ke Bappeda Provinsi", "detasering", 120,
               "internal", 7_500_000, 5, ("M.04", "M.08"), True, 0.3, weight=0.2,
               groups=("ahli", "pengawas")),
    _Programme("PRG-025", "Pertukaran Pegawai dengan Bank Pembangunan Daerah", "pertukaran", 80,
               "swasta", 5_000_000, 5, ("M.07", "M.04"), True, 0.5, weight=0.15,
               groups=("ahli", "pengawas", "administrator")),
    _Programme("PRG-026", "Benchmarking Inovasi Pelayanan Publik ke Kota Surabaya",
               "benchmarking", 24, "internal", 8_500_000, 20, ("M.07", "M.05"), False, 0.8,
               {"penyelenggaraan": 0.5}, weight=0.6, days=3, groups=_STRUCT),
    _Programme("PRG-027", "Belajar Mandiri melalui Platform ASN Unggul", "belajar_mandiri", 8,
               "lan", 0, 5000, ("T.01", "M.06"), False, 0.0, weight=3, days=30),
    _Programme("PRG-028", "Pelatihan Jarak Jauh Analisis Kebijakan", "pelatihan_jarak_jauh", 40,
               "lan", 2_000_000, 60, ("M.08", "M.04"), True, 0.3, weight=1,
               groups=("ahli", "pengawas", "administrator")),
    _Programme("PRG-029", "Pelatihan Jarak Jauh Komunikasi Publik", "pelatihan_jarak_jauh", 24,
               "universitas", 1_500_000, 60, ("M.03",), False, 0.0,
               {"penyelenggaraan": -0.6}, weight=1.5),
    _Programme("PRG-030", "Pelatihan Teknis Pelayanan Administrasi Kependudukan", "pelatihan",
               40, "lembaga_pelatihan", 3_000_000, 30, ("T.02", "M.05"), True, 0.4,
               weight=1.5, domains=("pelayanan",)),
    _Programme("PRG-031", "Pelatihan Pembelajaran Berdiferensiasi bagi Guru", "pelatihan", 32,
               "lembaga_pelatihan", 1_800_000, 40, ("T.01", "M.06"), True, 0.5, weight=6,
               domains=("pendidikan",)),
    _Programme("PRG-032", "Pelatihan Pelayanan Kesehatan Primer", "pelatihan", 40,
               "organisasi_profesi", 3_500_000, 30, ("T.02", "M.05"), True, 0.4, weight=5,
               domains=("kesehatan",)),
)
#: Programmes that service units push to a unit-specific share of their staff.
_SERVICE_PROGRAMMES = ("PRG-004", "PRG-017")
#: Service training: a unit's share of staff who completed one of these drives its IKM gain.
_SERVICE_TRAINING = ("PRG-004", "PRG-017", "PRG-023", "PRG-030")
_GAIN = {True: (16.0, 9.0), False: (1.5, 7.0)}  # pre → post test: mean, sd
_BEHAVIOUR_GAIN = {True: 0.35, False: 0.03}

# ---------------------------------------------------------------------------
# Units and regions.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    """A kind of work unit: who works there and what they are called."""

    domain: str
    #: Leaders: fixed count + rate × headcount.
    admin: tuple[int, float]
    pengawas: tuple[int, float]
    #: Mix of the remaining staff over _STAFF.
    mix: dict[str, float]
    female: float
    jf_ahli: tuple[str, ...]
    jf_terampil: tuple[str, ...]
    admin_titles: tuple[str, ...] = ("Sekretaris", "Kepala Bidang")
    pengawas_titles: tuple[str, ...] = (
        "Kepala Sub Bagian Umum dan Kepegawaian", "Kepala Sub Bagian Keuangan", "Kepala Seksi",
    )


_JF_UMUM = ("Analis Kebijakan", "Perencana", "Pranata Komputer", "Arsiparis",
            "Analis Sumber Daya Manusia Aparatur", "Analis Keuangan Pusat dan Daerah",
            "Pengelola Pengadaan Barang/Jasa", "Pranata Hubungan Masyarakat")
_JF_UMUM_T = ("Arsiparis", "Pranata Komputer", "Pranata Hubungan Masyarakat")
_JF_SEHAT = ("Dokter", "Perawat", "Bidan", "Apoteker", "Nutrisionis", "Epidemiolog Kesehatan",
             "Administrator Kesehatan", "Dokter Gigi", "Perawat", "Bidan")
_JF_SEHAT_T = ("Perawat", "Bidan", "Pranata Laboratorium Kesehatan", "Sanitarian",
               "Perekam Medis", "Tenaga Teknis Kefarmasian", "Perawat", "Bidan")
_PELAKSANA_TITLES = ("Pengadministrasi Perkantoran", "Operator Layanan Operasional",
                     "Pengelola Layanan Operasional", "Penata Layanan Operasional",
                     "Pengolah Data dan Informasi", "Pengelola Umum Operasional")

KINDS: dict[str, _Kind] = {
    "pendidikan": _Kind(
        "pendidikan", (1, 0.0015), (2, 0.004),
        {"pelaksana": 0.14, "fungsional_ahli_utama": 0.001, "fungsional_ahli_madya": 0.13,
         "fungsional_ahli_muda": 0.30, "fungsional_ahli_pertama": 0.36,
         "fungsional_mahir": 0.02, "fungsional_terampil": 0.04, "fungsional_pemula": 0.009},
        0.68, ("Guru",), ("Pranata Laboratorium Pendidikan", "Pustakawan"),
        pengawas_titles=("Kepala Sub Bagian Umum dan Kepegawaian", "Kepala Seksi Kurikulum",
                         "Kepala Seksi Tenaga Pendidik", "Kepala Seksi")),
    "kesehatan": _Kind(
        "kesehatan", (1, 0.004), (2, 0.015),
        {"pelaksana": 0.26, "fungsional_ahli_madya": 0.03, "fungsional_ahli_muda": 0.09,
         "fungsional_ahli_pertama": 0.20, "fungsional_penyelia": 0.05,
         "fungsional_mahir": 0.13, "fungsional_terampil": 0.21, "fungsional_pemula": 0.03},
        0.72, _JF_SEHAT, _JF_SEHAT_T,
        pengawas_titles=("Kepala Sub Bagian Umum dan Kepegawaian", "Kepala Puskesmas")),
    "rumah_sakit": _Kind(
        "kesehatan", (1, 0.008), (1, 0.02),
        {"pelaksana": 0.24, "fungsional_ahli_madya": 0.04, "fungsional_ahli_muda": 0.10,
         "fungsional_ahli_pertama": 0.21, "fungsional_penyelia": 0.05,
         "fungsional_mahir": 0.12, "fungsional_terampil": 0.21, "fungsional_pemula": 0.03},
        0.70, _JF_SEHAT, _JF_SEHAT_T,
        admin_titles=("Direktur", "Kepala Bagian", "Kepala Bidang"),
        pengawas_titles=("Kepala Sub Bagian", "Kepala Seksi")),
    "puskesmas": _Kind(
        "kesehatan", (0, 0.0), (1, 0.02),
        {"pelaksana": 0.25, "fungsional_ahli_muda": 0.05, "fungsional_ahli_pertama": 0.17,
         "fungsional_penyelia": 0.05, "fungsional_mahir": 0.16, "fungsional_terampil": 0.30,
         "fungsional_pemula": 0.02},
        0.75, _JF_SEHAT, _JF_SEHAT_T,
        pengawas_titles=("Kepala Puskesmas", "Kepala Sub Bagian Tata Usaha")),
    "setda": _Kind(
        "umum", (0, 0.06), (0, 0.14),
        {"pelaksana": 0.74, "fungsional_ahli_madya": 0.03, "fungsional_ahli_muda": 0.08,
         "fungsional_ahli_pertama": 0.11, "fungsional_mahir": 0.02, "fungsional_terampil": 0.02},
        0.45, ("Analis Kebijakan", "Analis Hukum", "Perancang Peraturan Perundang-undangan",
               "Pranata Komputer", "Analis Keuangan Pusat dan Daerah"), _JF_UMUM_T,
        admin_titles=("Kepala Bagian",), pengawas_titles=("Kepala Sub Bagian",)),
    "dinas": _Kind(
        "umum", (1, 0.02), (1, 0.06),
        {"pelaksana": 0.66, "fungsional_ahli_madya": 0.03, "fungsional_ahli_muda": 0.08,
         "fungsional_ahli_pertama": 0.12, "fungsional_penyelia": 0.01,
         "fungsional_mahir": 0.03, "fungsional_terampil": 0.05, "fungsional_pemula": 0.02},
        0.45, _JF_UMUM, _JF_UMUM_T),
    "dinas_fungsional": _Kind(
        "umum", (1, 0.02), (1, 0.05),
        {"pelaksana": 0.45, "fungsional_ahli_madya": 0.04, "fungsional_ahli_muda": 0.12,
         "fungsional_ahli_pertama": 0.20, "fungsional_penyelia": 0.03,
         "fungsional_mahir": 0.06, "fungsional_terampil": 0.10},
        0.48, _JF_UMUM, _JF_UMUM_T),
    "inspektorat": _Kind(
        "umum", (1, 0.04), (1, 0.02),
        {"pelaksana": 0.33, "fungsional_ahli_madya": 0.12, "fungsional_ahli_muda": 0.22,
         "fungsional_ahli_pertama": 0.26, "fungsional_mahir": 0.03, "fungsional_terampil": 0.04},
        0.50, ("Auditor", "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "Auditor"),
        ("Auditor",), admin_titles=("Sekretaris", "Inspektur Pembantu")),
    "satpol": _Kind(
        "umum", (1, 0.012), (1, 0.04),
        {"pelaksana": 0.55, "fungsional_ahli_muda": 0.02, "fungsional_ahli_pertama": 0.03,
         "fungsional_penyelia": 0.04, "fungsional_mahir": 0.10, "fungsional_terampil": 0.20,
         "fungsional_pemula": 0.06},
        0.20, ("Polisi Pamong Praja",), ("Polisi Pamong Praja",)),
    "kecamatan_kota": _Kind(
        "pelayanan", (2, 0.0), (0, 0.2),
        {"pelaksana": 0.88, "fungsional_ahli_muda": 0.01, "fungsional_ahli_pertama": 0.04,
         "fungsional_mahir": 0.02, "fungsional_terampil": 0.05},
        0.50, ("Analis Kebijakan", "Penyuluh Sosial"), ("Arsiparis", "Pranata Komputer"),
        admin_titles=("Camat", "Sekretaris Kecamatan"),
        pengawas_titles=("Kepala Sub Bagian Umum dan Kepegawaian", "Kepala Seksi Pemerintahan",
                         "Kepala Seksi Pelayanan Umum", "Kepala Seksi Ketenteraman dan Ketertiban",
                         "Kepala Seksi Pemberdayaan Masyarakat", "Lurah")),
    "kantor_camat": _Kind(
        "pelayanan", (1, 0.0), (2, 0.05),
        {"pelaksana": 0.93, "fungsional_ahli_pertama": 0.03, "fungsional_terampil": 0.04},
        0.50, ("Analis Kebijakan",), ("Arsiparis", "Pranata Komputer"),
        admin_titles=("Camat",),
        pengawas_titles=("Sekretaris Kecamatan", "Kepala Seksi Pemerintahan",
                         "Kepala Seksi Pelayanan Umum", "Kepala Seksi Ketenteraman dan Ketertiban",
                         "Kepala Seksi Pemberdayaan Masyarakat",
                         "Kepala Seksi Kesejahteraan Sosial", "Kepala Sub Bagian Umum")),
    "kelurahan": _Kind(
        "pelayanan", (0, 0.0), (1, 0.06),
        {"pelaksana": 0.97, "fungsional_terampil": 0.03},
        0.50, ("Analis Kebijakan",), ("Arsiparis",),
        pengawas_titles=("Lurah", "Sekretaris Lurah")),
}


@dataclass(frozen=True)
class UnitSpec:
    """One work unit of a region: its name, headcount at scale 1 and kind."""

    name: str
    headcount: int
    kind: str
    n_jpt: int = 0
    #: Overrides of the kind's programme domain and functional posts.
    domain: str | None = None
    jf_ahli: tuple[str, ...] | None = None
    jf_terampil: tuple[str, ...] | None = None
    #: Title of the unit's first leader (default "Kepala <unit>").
    head_title: str | None = None


@dataclass(frozen=True)
class RegionSpec:
    """Everything that makes one region's synthetic data its own."""

    region_id: str
    name: str
    level: str
    province: str
    parent_id: str | None
    units: tuple[UnitSpec, ...]
    #: Share of staff with a competency assessment.
    assessed_share: float
    #: Mean number of programmes per employee in 2025 (2024: 80 % of it).
    programmes_per_year: float
    #: Shift of the mean level of these competencies (regional weaknesses).
    competency_shift: dict[str, float]
    surname_style: str
    #: Share of this region's feedback exported as words ("Setuju") instead of 1..5.
    words_share: float
    #: Service units surveyed for IKM and service metrics (names of units above).
    service_units: tuple[str, ...]
    #: Region-wide shift of service quality (IKM), in answer points of 1..4.
    service_shift: float = 0.0
    feedback_rate: float = 0.45


# Kota perangkat daerah: name, share of the region's headcount, kind, JPT count, extras.
_KOTA_OPD: tuple[tuple, ...] = (
    ("Sekretariat Daerah", 0.030, "setda", 7, {}),
    ("Sekretariat DPRD", 0.012, "dinas", 1, {"head_title": "Sekretaris DPRD"}),
    ("Inspektorat", 0.010, "inspektorat", 1, {"head_title": "Inspektur"}),
    ("Bappeda", 0.009, "dinas_fungsional", 1,
     {"jf_ahli": ("Perencana", "Analis Kebijakan", "Peneliti")}),
    ("BKPSDM", 0.010, "dinas", 1,
     {"jf_ahli": ("Analis Sumber Daya Manusia Aparatur", "Assessor SDM Aparatur",
                  "Analis Kebijakan")}),
    ("BPKAD", 0.012, "dinas", 1,
     {"jf_ahli": ("Analis Keuangan Pusat dan Daerah", "Penata Kelola Barang Milik Negara")}),
    ("Bapenda", 0.012, "dinas", 1, {}),
    ("BPBD", 0.008, "dinas", 1, {"jf_ahli": ("Analis Bencana",)}),
    ("Badan Kesatuan Bangsa dan Politik", 0.005, "dinas", 0,
     {"head_title": "Kepala Badan Kesatuan Bangsa dan Politik"}),
    ("Dinas Pendidikan", 0.440, "pendidikan", 1, {}),
    ("Dinas Kesehatan", 0.120, "kesehatan", 1, {}),
    ("RSUD", 0.085, "rumah_sakit", 0, {}),
    ("Dinas Kependudukan dan Pencatatan Sipil", 0.012, "dinas", 1,
     {"domain": "pelayanan", "jf_ahli": ("Administrator Database Kependudukan",
                                          "Analis Kebijakan")}),
    ("DPMPTSP", 0.008, "dinas", 1, {"domain": "pelayanan"}),
    ("Dinas Sosial", 0.010, "dinas_fungsional", 1,
     {"jf_ahli": ("Pekerja Sosial", "Penyuluh Sosial"), "jf_terampil": ("Pekerja Sosial",)}),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", 0.020, "dinas", 1,
     {"jf_ahli": ("Teknik Jalan dan Jembatan", "Teknik Tata Bangunan dan Perumahan",
                  "Penata Ruang")}),
    ("Dinas Perhubungan", 0.015, "dinas", 1,
     {"jf_ahli": ("Penguji Kendaraan Bermotor",), "jf_terampil": ("Penguji Kendaraan Bermotor",)}),
    ("Satuan Polisi Pamong Praja", 0.025, "satpol", 1, {}),
    ("Dinas Lingkungan Hidup", 0.025, "dinas", 1,
     {"jf_ahli": ("Pengendali Dampak Lingkungan",)}),
    ("Dinas Komunikasi dan Informatika", 0.008, "dinas", 1,
     {"jf_ahli": ("Pranata Komputer", "Pranata Hubungan Masyarakat", "Statistisi")}),
    ("Dinas Perumahan dan Kawasan Permukiman", 0.008, "dinas", 1, {}),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", 0.006, "dinas", 1, {}),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", 0.010, "dinas_fungsional", 1,
     {"jf_ahli": ("Penyuluh Keluarga Berencana",),
      "jf_terampil": ("Penyuluh Keluarga Berencana",)}),
    ("Dinas Tenaga Kerja", 0.006, "dinas", 1, {"jf_ahli": ("Pengantar Kerja", "Mediator")}),
    ("Dinas Koperasi dan Usaha Mikro", 0.006, "dinas", 1, {}),
    ("Dinas Perdagangan", 0.008, "dinas", 1, {}),
    ("Dinas Pariwisata", 0.006, "dinas", 1, {}),
    ("Dinas Pemuda dan Olahraga", 0.005, "dinas", 1, {}),
    ("Dinas Ketahanan Pangan dan Pertanian", 0.012, "dinas_fungsional", 1,
     {"jf_ahli": ("Penyuluh Pertanian", "Analis Ketahanan Pangan"),
      "jf_terampil": ("Penyuluh Pertanian",)}),
    ("Dinas Perpustakaan dan Kearsipan", 0.006, "dinas_fungsional", 1,
     {"jf_ahli": ("Pustakawan", "Arsiparis"), "jf_terampil": ("Pustakawan", "Arsiparis")}),
)
_KECAMATAN_SHARE = 0.05

# Kabupaten perangkat daerah: the kota table with kabupaten shares (teachers of SD and SMP,
# a smaller Dinas Kesehatan as its puskesmas are units of their own, more agriculture) plus
# the offices only kabupaten have. Kecamatan offices and puskesmas are added per kecamatan.
_KABUPATEN_SHARE = {"Dinas Pendidikan": 0.46, "Dinas Kesehatan": 0.035, "RSUD": 0.06,
                    "Dinas Ketahanan Pangan dan Pertanian": 0.03}
_KABUPATEN_OPD: tuple[tuple, ...] = (
    *((name, _KABUPATEN_SHARE.get(name, share), kind, n_jpt, extras)
      for name, share, kind, n_jpt, extras in _KOTA_OPD),
    ("Dinas Pemberdayaan Masyarakat dan Desa", 0.007, "dinas", 1, {}),
    ("Dinas Perikanan", 0.006, "dinas_fungsional", 1,
     {"jf_ahli": ("Penyuluh Perikanan", "Pengawas Perikanan"),
      "jf_terampil": ("Penyuluh Perikanan",)}),
)
#: Shares of a kabupaten's headcount in its kecamatan offices and in its puskesmas.
_KANTOR_CAMAT_SHARE = 0.05
_PUSKESMAS_SHARE = 0.09

# Provincial perangkat daerah: teachers of SMA, SMK and SLB (Dinas Pendidikan), the provincial
# hospital, the Samsat offices of Bapenda, forestry; no kecamatan.
_PROVINSI_OPD: tuple[tuple, ...] = (
    ("Sekretariat Daerah", 0.035, "setda", 7, {}),
    ("Sekretariat DPRD", 0.012, "dinas", 1, {"head_title": "Sekretaris DPRD"}),
    ("Inspektorat", 0.008, "inspektorat", 1, {"head_title": "Inspektur"}),
    ("Bappeda", 0.007, "dinas_fungsional", 1,
     {"jf_ahli": ("Perencana", "Analis Kebijakan", "Peneliti")}),
    ("Badan Kepegawaian Daerah", 0.008, "dinas", 1,
     {"jf_ahli": ("Analis Sumber Daya Manusia Aparatur", "Assessor SDM Aparatur")}),
    ("BPSDM", 0.006, "dinas_fungsional", 1,
     {"jf_ahli": ("Widyaiswara", "Analis Kebijakan", "Analis Sumber Daya Manusia Aparatur")}),
    ("BPKAD", 0.010, "dinas", 1,
     {"jf_ahli": ("Analis Keuangan Pusat dan Daerah", "Penata Kelola Barang Milik Negara")}),
    ("Bapenda", 0.045, "dinas", 1, {"domain": "pelayanan"}),
    ("BPBD", 0.005, "dinas", 1, {"jf_ahli": ("Analis Bencana",)}),
    ("Badan Kesatuan Bangsa dan Politik", 0.004, "dinas", 0,
     {"head_title": "Kepala Badan Kesatuan Bangsa dan Politik"}),
    ("Dinas Pendidikan", 0.560, "pendidikan", 1, {}),
    ("Dinas Kesehatan", 0.020, "kesehatan", 1, {}),
    ("RSUD", 0.110, "rumah_sakit", 0, {}),
    ("Dinas Sosial", 0.010, "dinas_fungsional", 1,
     {"jf_ahli": ("Pekerja Sosial", "Penyuluh Sosial"), "jf_terampil": ("Pekerja Sosial",)}),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", 0.020, "dinas", 1,
     {"jf_ahli": ("Teknik Jalan dan Jembatan", "Teknik Pengairan", "Penata Ruang")}),
    ("Dinas Perhubungan", 0.012, "dinas", 1, {}),
    ("Satuan Polisi Pamong Praja", 0.012, "satpol", 1, {}),
    ("Dinas Lingkungan Hidup dan Kehutanan", 0.030, "dinas_fungsional", 1,
     {"jf_ahli": ("Penyuluh Kehutanan", "Pengendali Ekosistem Hutan",
                  "Pengendali Dampak Lingkungan"),
      "jf_terampil": ("Polisi Kehutanan", "Penyuluh Kehutanan")}),
    ("Dinas Energi dan Sumber Daya Mineral", 0.006, "dinas", 1,
     {"jf_ahli": ("Inspektur Tambang", "Penyelidik Bumi")}),
    ("Dinas Kelautan dan Perikanan", 0.010, "dinas_fungsional", 1,
     {"jf_ahli": ("Penyuluh Perikanan", "Pengawas Perikanan"),
      "jf_terampil": ("Penyuluh Perikanan",)}),
    ("Dinas Tanaman Pangan dan Hortikultura", 0.012, "dinas_fungsional", 1,
     {"jf_ahli": ("Penyuluh Pertanian", "Pengawas Mutu Hasil Pertanian"),
      "jf_terampil": ("Penyuluh Pertanian",)}),
    ("Dinas Perindustrian dan Perdagangan", 0.007, "dinas", 1, {}),
    ("Dinas Pariwisata", 0.005, "dinas", 1, {}),
    ("DPMPTSP", 0.005, "dinas", 1, {"domain": "pelayanan"}),
    ("Dinas Tenaga Kerja dan Transmigrasi", 0.008, "dinas", 1,
     {"jf_ahli": ("Pengantar Kerja", "Mediator Hubungan Industrial",
                  "Pengawas Ketenagakerjaan")}),
    ("Dinas Koperasi dan Usaha Kecil Menengah", 0.005, "dinas", 1, {}),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", 0.004, "dinas", 1, {}),
    ("Dinas Pemberdayaan Masyarakat dan Desa", 0.005, "dinas", 1, {}),
    ("Dinas Komunikasi dan Informatika", 0.006, "dinas", 1,
     {"jf_ahli": ("Pranata Komputer", "Pranata Hubungan Masyarakat", "Statistisi")}),
    ("Dinas Perpustakaan dan Kearsipan", 0.005, "dinas_fungsional", 1,
     {"jf_ahli": ("Pustakawan", "Arsiparis"), "jf_terampil": ("Pustakawan", "Arsiparis")}),
    ("Dinas Pemuda dan Olahraga", 0.004, "dinas", 1, {}),
)


def _largest_remainder(weights: Sequence[float], total: int) -> list[int]:
    w = np.asarray(weights, dtype=float)
    exact = w / w.sum() * total
    base = np.floor(exact).astype(int)
    order = np.argsort(-(exact - base), kind="stable")
    base[order[: total - int(base.sum())]] += 1
    return base.tolist()


def _kota_units(total: int, rsud: str, kecamatan: Sequence[str], drop: Sequence[str] = (),
                extra: Sequence[tuple] = ()) -> tuple[UnitSpec, ...]:
    opd = [row for row in _KOTA_OPD if row[0] not in drop] + list(extra)
    weights = [row[1] for row in opd] + [_KECAMATAN_SHARE / len(kecamatan)] * len(kecamatan)
    counts = _largest_remainder(weights, total)
    units = []
    for (name, _, kind, n_jpt, extras), n in zip(opd, counts, strict=False):
        units.append(UnitSpec(rsud if name == "RSUD" else name, n, kind, n_jpt, **extras))
    for name, n in zip(kecamatan, counts[len(opd):], strict=True):
        units.append(UnitSpec(f"Kecamatan {name}", n, "kecamatan_kota"))
    return tuple(units)


def _opd_units(opd: Sequence[tuple], weights_extra: Sequence[float], total: int,
               rsud: str) -> tuple[list[UnitSpec], list[int]]:
    """The perangkat daerah of ``opd`` with their headcounts; the counts of the extra
    weights (kecamatan offices, puskesmas) follow, for the caller to name."""
    counts = _largest_remainder([row[1] for row in opd] + list(weights_extra), total)
    units = [UnitSpec(rsud if name == "RSUD" else name, n, kind, n_jpt, **extras)
             for (name, _, kind, n_jpt, extras), n in zip(opd, counts, strict=False)]
    return units, counts[len(opd):]


def _kabupaten_units(total: int, rsud: str, kecamatan: Sequence[str]) -> tuple[UnitSpec, ...]:
    """A kabupaten: its perangkat daerah, and a Kantor Camat and a Puskesmas per kecamatan.

    >>> units = _kabupaten_units(5000, "RSUD Garut", ("Garut Kota", "Tarogong"))
    >>> [u.name for u in units[-4:]], sum(u.headcount for u in units)
    (['Kantor Camat Garut Kota', 'Puskesmas Garut Kota', 'Kantor Camat Tarogong', \
'Puskesmas Tarogong'], 5000)
    """
    k = len(kecamatan)
    extra = [_KANTOR_CAMAT_SHARE / k, _PUSKESMAS_SHARE / k] * k
    units, counts = _opd_units(_KABUPATEN_OPD, extra, total, rsud)
    for i, name in enumerate(kecamatan):
        units.append(UnitSpec(f"Kantor Camat {name}", counts[2 * i], "kantor_camat"))
        units.append(UnitSpec(f"Puskesmas {name}", counts[2 * i + 1], "puskesmas"))
    return tuple(units)


def _provinsi_units(total: int, rsud: str) -> tuple[UnitSpec, ...]:
    """A province: its perangkat daerah only (teachers of SMA and SMK in Dinas Pendidikan).

    >>> units = _provinsi_units(12000, "RSUD Provinsi Maluku")
    >>> units[10].name, units[10].headcount, units[12].name
    ('Dinas Pendidikan', 6747, 'RSUD Provinsi Maluku')
    """
    return tuple(_opd_units(_PROVINSI_OPD, (), total, rsud)[0])


def _kecamatan_units(name: str, kantor: int, puskesmas: int,
                     kelurahan: Sequence[tuple[str, int]]) -> tuple[UnitSpec, ...]:
    return (
        UnitSpec(f"Kantor Camat {name}", kantor, "kantor_camat"),
        UnitSpec(f"Puskesmas {name}", puskesmas, "puskesmas"),
        *(UnitSpec(f"Kelurahan {k}", n, "kelurahan") for k, n in kelurahan),
    )


_PERIKANAN = ("Dinas Perikanan", 0.006, "dinas_fungsional", 1,
              {"jf_ahli": ("Penyuluh Perikanan", "Pengawas Perikanan"),
               "jf_terampil": ("Penyuluh Perikanan",)})

#: The five seed regions, in the order every table lists them.
REGIONS: tuple[RegionSpec, ...] = (
    RegionSpec(
        "pematangsiantar", "Kota Pematangsiantar", "kota", "Sumatera Utara", None,
        _kota_units(5500, "RSUD dr. Djasamen Saragih", (
            "Siantar Barat", "Siantar Marihat", "Siantar Marimbun", "Siantar Martoba",
            "Siantar Selatan", "Siantar Sitalasari", "Siantar Timur", "Siantar Utara")),
        assessed_share=0.86, programmes_per_year=1.9,
        competency_shift={"M.04": -0.45, "T.01": -0.5}, surname_style="batak",
        words_share=0.0,
        service_units=("Dinas Kependudukan dan Pencatatan Sipil", "DPMPTSP",
                       "RSUD dr. Djasamen Saragih", "Kecamatan Siantar Barat",
                       "Kecamatan Siantar Utara"),
    ),
    RegionSpec(
        "tanjungpinang", "Kota Tanjungpinang", "kota", "Kepulauan Riau", None,
        _kota_units(4200, "RSUD Kota Tanjungpinang", (
            "Bukit Bestari", "Tanjungpinang Barat", "Tanjungpinang Kota", "Tanjungpinang Timur"),
            drop=("Dinas Pemuda dan Olahraga", "Dinas Koperasi dan Usaha Mikro"),
            extra=(_PERIKANAN,)),
        assessed_share=0.84, programmes_per_year=2.2,
        competency_shift={"M.08": -0.5}, surname_style="melayu",
        words_share=1.0, service_shift=0.05,
        service_units=("Dinas Kependudukan dan Pencatatan Sipil", "DPMPTSP",
                       "RSUD Kota Tanjungpinang", "Kecamatan Tanjungpinang Barat"),
    ),
    RegionSpec(
        "ambon", "Kota Ambon", "kota", "Maluku", None,
        _kota_units(5800, "RSUD Kota Ambon", (
            "Baguala", "Leitimur Selatan", "Nusaniwe", "Sirimau", "Teluk Ambon"),
            drop=("Dinas Perpustakaan dan Kearsipan",), extra=(_PERIKANAN,)),
        assessed_share=0.85, programmes_per_year=1.45,
        competency_shift={"M.07": -0.6, "M.06": -0.3, "SK.01": 0.3}, surname_style="maluku",
        words_share=0.0, service_shift=-0.08,
        service_units=("Dinas Kependudukan dan Pencatatan Sipil", "DPMPTSP", "RSUD Kota Ambon",
                       "Kecamatan Sirimau", "Kecamatan Nusaniwe"),
    ),
    RegionSpec(
        "plaju", "Kecamatan Plaju", "kecamatan", "Sumatera Selatan", "palembang",
        _kecamatan_units("Plaju", 67, 34, (
            ("Plaju Ulu", 24), ("Plaju Ilir", 20), ("Plaju Darat", 18), ("Bagus Kuning", 16),
            ("Talang Bubuk", 14), ("Komperta", 4), ("Talang Putri", 3))),
        assessed_share=0.65, programmes_per_year=1.8,
        competency_shift={"M.03": -0.5}, surname_style="palembang",
        words_share=0.0, service_shift=0.02,
        service_units=("Kantor Camat Plaju", "Puskesmas Plaju", "Kelurahan Plaju Ulu"),
    ),
    RegionSpec(
        "kertapati", "Kecamatan Kertapati", "kecamatan", "Sumatera Selatan", "palembang",
        _kecamatan_units("Kertapati", 52, 30, (
            ("Kemas Rindo", 20), ("Kemang Agung", 15), ("Karya Jaya", 14), ("Keramasan", 12),
            ("Kertapati", 5), ("Ogan Baru", 2))),
        assessed_share=0.55, programmes_per_year=1.2,
        competency_shift={"M.05": -0.6, "T.02": -0.4}, surname_style="palembang",
        words_share=0.0, service_shift=-0.05,
        service_units=("Kantor Camat Kertapati", "Puskesmas Kertapati", "Kelurahan Kemas Rindo"),
    ),
)

# ---------------------------------------------------------------------------
# Names (synthetic: combinations of common given names and family names).
# ---------------------------------------------------------------------------
_MALE = ("Ahmad", "Muhammad", "Budi", "Andi", "Rizky", "Dedi", "Agus", "Hendra", "Yohanes",
         "Paulus", "Fransiskus", "Daniel", "Samuel", "Jefri", "Roy", "Hasan", "Irwan", "Joko",
         "Bambang", "Teguh", "Rahmat", "Fajar", "Arif", "Doni", "Eko", "Ferdinand", "Gunawan",
         "Hari", "Imam", "Yusuf", "Robert", "Benny", "Johan", "Markus", "Rudi", "Syahrial",
         "Zulkifli", "Taufik", "Hendrik", "Ricky")
_FEMALE = ("Siti", "Sri", "Dewi", "Rina", "Maria", "Yohana", "Ester", "Ruth", "Nur", "Ika",
           "Lestari", "Ratna", "Fitri", "Indah", "Wulan", "Yuni", "Rosmawati", "Nurhayati",
           "Herlina", "Novita", "Putri", "Ayu", "Rahmawati", "Dian", "Melati", "Sari",
           "Magdalena", "Grace", "Theresia", "Debora", "Lenny", "Juliana", "Elvira", "Mega",
           "Nurul", "Tiurma", "Yanti", "Desi", "Veronika", "Anita")
_SECOND_MALE = ("Saputra", "Hidayat", "Ramadhan", "Pratama", "Syahputra", "Kurniawan",
                "Wijaya", "Santoso", "Setiawan", "Rahman", "Abdullah", "Hamzah", "Ismail",
                "Harun", "Zainal", "Effendi", "Sulaiman", "Firmansyah")
_SECOND_FEMALE = ("Sari", "Wati", "Lestari", "Puspita", "Rahayu", "Anggraini", "Safitri",
                  "Handayani", "Permata", "Oktaviani", "Wulandari", "Purnamasari", "Fitriani",
                  "Maharani")
_FAMILY = {
    "batak": ("Simanjuntak", "Siregar", "Sinaga", "Damanik", "Purba", "Saragih", "Nainggolan",
              "Hutapea", "Manurung", "Sitorus", "Lubis", "Nasution", "Harahap", "Sirait",
              "Panjaitan", "Tampubolon", "Simbolon", "Girsang", "Sipayung", "Sihombing",
              "Pardede", "Silalahi", "Napitupulu", "Situmorang"),
    "maluku": ("Latuconsina", "Tuasikal", "Wattimena", "Pattiasina", "Sahetapy", "Latuheru",
               "Ralahalu", "Ohorella", "Tuhumury", "Manuputty", "Leimena", "Matulessy",
               "Pattinama", "Tahapary", "Huwae", "Lewerissa", "Souisa", "Pelupessy", "Rehatta",
               "Sopacua", "Marasabessy", "Tuanaya", "Lestaluhu", "Tomasoa"),
}
#: Share of people carrying a family name, by style.
_FAMILY_SHARE = {"batak": 0.7, "maluku": 0.65}
_PALEMBANG_PREFIX = {"l": ("Kgs.", "Masagus", "Raden"), "p": ("Nyimas", "Nyayu", "Raden Ayu")}
_DEGREES = {
    "d3": ("A.Md.",), "d4": ("S.Tr.",),
    "s1": ("S.E.", "S.H.", "S.Sos.", "S.Kom.", "S.I.P.", "S.T.", "S.A.P."),
    "s2": ("M.Si.", "M.M.", "M.A.P.", "M.H."), "s3": ("Dr.",),
}
_DEGREES_DOMAIN = {
    ("pendidikan", "s1"): ("S.Pd.", "S.Pd.", "S.Pd.I.", "S.Si."),
    ("pendidikan", "s2"): ("M.Pd.",),
    ("kesehatan", "d3"): ("A.Md.Kep.", "A.Md.Keb.", "A.Md.Kes."),
    ("kesehatan", "s1"): ("S.Kep.", "S.K.M.", "S.Farm.", "S.Tr.Keb."),
    ("kesehatan", "s2"): ("M.Kes.", "M.K.M."),
}
_DOMAINS = ("umum", "pendidikan", "kesehatan", "pelayanan")

# ---------------------------------------------------------------------------
# Training-needs items (Hennessy-Hicks): mean importance, mean performance.
# ---------------------------------------------------------------------------
TNA_ITEMS: dict[str, tuple[float, float]] = {
    "penggunaan_aplikasi_srikandi": (5.9, 3.6),
    "penyusunan_laporan_kinerja": (6.1, 4.0),
    "pelayanan_pengaduan": (6.0, 4.3),
    "penyusunan_anggaran": (5.2, 4.6),
    "pengelolaan_arsip_dinamis": (4.8, 4.4),
    "penulisan_naskah_dinas": (5.0, 5.0),
    "analisis_data_sederhana": (5.3, 4.5),
    "pelayanan_tatap_muka": (5.8, 5.6),
    "koordinasi_lintas_unit": (5.4, 5.0),
    "penyusunan_sop": (4.9, 4.5),
    "pengadaan_barang_jasa": (4.4, 4.2),
    "penggunaan_aplikasi_sipd": (5.0, 4.3),
    "komunikasi_publik_media_sosial": (4.6, 4.1),
    "pengelolaan_keuangan": (4.7, 4.6),
}
TNA_SHARE = 0.30

# ---------------------------------------------------------------------------
# Feedback comments.
# ---------------------------------------------------------------------------
_LIKERT_LABELS = {
    5: ("Sangat Tidak Setuju", "Tidak Setuju", "Netral", "Setuju", "Sangat Setuju"),
    4: ("Sangat Tidak Setuju", "Tidak Setuju", "Setuju", "Sangat Setuju"),
}
_PRAISE = (
    "Materi sangat bermanfaat untuk pekerjaan saya.",
    "Narasumber menguasai materi dan penyampaiannya jelas.",
    "Pelatihan ini sangat membantu tugas sehari-hari di unit kerja.",
    "Terima kasih, panitia sangat membantu dan ramah.",
    "Mantap, materinya aplikatif bgt.",
    "Diskusi kelompoknya seru dan bermanfaat.",
    "Tidak ada kendala, materi mudah dipahami.",
    "Praktiknya langsung bisa diterapkan di kantor.",
    "Pengajar sabar menjawab pertanyaan peserta.",
    "Sangat puas, tidak mengecewakan.",
    "Bagus, jadi lebih paham cara kerja aplikasinya.",
)
_COMPLAINT = (
    "Materi tidak relevan dengan tugas saya.",
    "Penjelasan narasumber kurang jelas.",
    "Waktunya terlalu padat, tdk sempat praktik.",
    "Ruangan panas dan proyektor sering mati.",
    "Materi gak nyambung sama kerjaan di kantor.",
    "Jadwal sering berubah tanpa pemberitahuan.",
    "Tidak ada praktik, hanya ceramah satu arah.",
    "Modul tidak dibagikan kepada peserta.",
    "Sinyal internet tidak stabil saat sesi daring.",
    "Kurang bermanfaat, materinya sudah saya tahu semua.",
    "Narasumber terlalu cepat, bnyk yg gak paham.",
    "Konsumsi telat dan acaranya molor terus.",
)
_NEUTRAL = (
    "Cukup baik secara umum.",
    "Lumayan, ada beberapa materi yang baru bagi saya.",
    "Materinya oke tapi waktunya kurang.",
    "Sebagian materi bermanfaat, sebagian tidak terlalu.",
    "Biasa saja.",
)
_SUGGESTION = (
    "Sebaiknya ada sesi praktik langsung.",
    "Mohon materi dibagikan sebelum pelatihan dimulai.",
    "Durasi pelatihan perlu ditambah.",
    "Perlu contoh kasus dari pemda sendiri.",
    "Tolong sertifikat dikirim lebih cepat.",
    "Kalau bisa pelatihannya jangan pas akhir tahun anggaran.",
    "Semoga ada pelatihan lanjutan tahun depan.",
    "Mohon rekaman sesi daring dibagikan.",
    "Sebaiknya peserta dikelompokkan sesuai jabatan.",
)
_CONTACT_LEADS = (
    "Mohon materi dikirim ke {email}",
    "Jika ada pelatihan lanjutan tolong kabari saya di {phone}",
    "Untuk info lebih lanjut bisa hubungi WA {phone}",
    "Kirim sertifikatnya ke email saya {email} ya",
)
_EMAIL_DOMAINS = ("gmail.com", "gmail.com", "yahoo.co.id", "yahoo.com")

# ---------------------------------------------------------------------------
# Service outcomes.
# ---------------------------------------------------------------------------
#: IKM element offsets u1..u9 (answer points of 1..4): fees score high, complaints low.
_IKM_ELEMENT = np.array([0.05, 0.0, -0.25, 0.45, 0.05, 0.0, 0.1, -0.3, -0.15])
_SERVICE_PERIODS = ("2024", "2025")
_MONTHS = tuple(f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13))
#: (waiting minutes, complaints a month) by kind of service unit.
_SERVICE_BASE = {"rumah_sakit": (75.0, 30.0), "dinas": (40.0, 14.0),
                 "kecamatan_kota": (22.0, 4.0), "kantor_camat": (20.0, 3.0),
                 "puskesmas": (35.0, 5.0), "kelurahan": (15.0, 1.5)}

#: Every table's rows are drawn as of this date (ages, years of service).
REFERENCE_YEAR = 2025
_YEARS = (2024, 2025)

#: Random streams of one region, in a fixed order (append only: a new stream must
#: not change the draws of the existing ones).
_STREAMS = ("employees", "participation", "assessments", "tna", "feedback", "service",
            "ids")


# fmt: on
# ---------------------------------------------------------------------------
# Public API.
# ---------------------------------------------------------------------------


def generate_sample(seed: int = config.DEFAULT_SEED, scale: float = 1.0) -> dict[str, pd.DataFrame]:
    """Build the synthetic dataset of the five seed regions in memory.

    Parameters
    ----------
    seed
        Seed of every random draw; the same seed and scale give the same tables.
    scale
        Multiplies every unit's headcount (each unit keeps at least one person).
        ``1`` gives about 15,850 employees; ``0.05`` a quick sample of about 900
        with every region and table present.

    Returns
    -------
    dict of str to pandas.DataFrame
        Every table of the data contract, keyed by table name in the order of
        :data:`kompetensi_toolkit.schema.TABLES`, with the canonical columns.
        ``feedback`` also has one column per feedback item (``materi_1`` …),
        between ``submitted_on`` and ``comment``, holding 1..5 or a Likert
        label in words. ``competencies`` and ``standards`` are the shipped
        defaults plus the technical competencies ``T.01`` and ``T.02``.

    Raises
    ------
    ParameterError
        ``seed`` is not a whole number ≥ 0 or ``scale`` is not a number > 0.

    See Also
    --------
    write_sample_dataset : the same tables written as CSV files.

    Examples
    --------
    >>> tables = generate_sample(scale=0.05)
    >>> list(tables)[:4]
    ['regions', 'employees', 'competencies', 'standards']
    >>> tables["employees"]["region_id"].unique().tolist()
    ['pematangsiantar', 'tanjungpinang', 'ambon', 'plaju', 'kertapati']
    >>> list(tables["feedback"].columns[3:6])
    ['submitted_on', 'materi_1', 'materi_2']
    """
    _check_arguments("generate_sample", seed, scale)
    reference = _reference_tables()
    parts = [_generate_region(spec, int(seed), float(scale), reference) for spec in REGIONS]
    _make_ids_unique(parts, int(seed))
    tables: dict[str, pd.DataFrame] = {}
    for name in schema.TABLES:
        if name in reference:
            tables[name] = reference[name].copy()
        elif name == "regions":
            tables[name] = _regions_table(REGIONS)
        elif name == "programs":
            tables[name] = _programs_table()
        elif name == "program_competencies":
            tables[name] = _program_competencies_table()
        else:
            frames = [p[name] for p in parts]
            tables[name] = pd.concat(frames, ignore_index=True)
    return tables


def write_sample_dataset(
    out: str | os.PathLike[str] = config.DEFAULT_DATA_DIR,
    seed: int = config.DEFAULT_SEED,
    scale: float = 1.0,
) -> Path:
    """Write the synthetic dataset as one CSV file per table, atomically.

    The tables of :func:`generate_sample` are written as ``<table>.csv``
    (UTF-8, comma-separated, ``\\n`` line endings, dates ``YYYY-MM-DD``,
    booleans ``true``/``false``, numbers with at most six decimals and no
    trailing zeros, rows in a fixed order): the same seed and scale give
    byte-identical files. The dataset is built in a temporary sibling folder
    and then renamed into place, so a failure never leaves a half-written
    dataset and an earlier one at ``out`` is replaced only when the new one
    is complete.

    Parameters
    ----------
    out
        The dataset folder to create or replace. An existing folder is
        replaced only if it holds nothing but table files (``<table>.csv`` …).
    seed
        Seed of every random draw.
    scale
        Multiplies every unit's headcount; must be > 0.

    Returns
    -------
    pathlib.Path
        ``out``, the folder written.

    Raises
    ------
    ParameterError
        ``seed`` or ``scale`` is out of range, or ``out`` is a file or a folder
        holding other files.

    Examples
    --------
    >>> import shutil, tempfile
    >>> workdir = Path(tempfile.mkdtemp())
    >>> folder = write_sample_dataset(workdir / "sample", scale=0.05)
    >>> sorted(p.name for p in folder.iterdir())[:3]
    ['assessments.csv', 'competencies.csv', 'employees.csv']
    >>> write_sample_dataset(workdir / "sample", scale=-1)
    Traceback (most recent call last):
    ...
    kompetensi_toolkit.exceptions.ParameterError: The 'scale' parameter of
    write_sample_dataset must be a number > 0. Got -1 instead.
    >>> shutil.rmtree(workdir)
    """
    _check_arguments("write_sample_dataset", seed, scale)
    target = Path(out)
    folder = Path(os.path.abspath(target))  # "x/.", "x/../y" → a folder with a name
    _check_target(target, folder)
    tables = generate_sample(seed, scale)
    folder.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:12]
    staging = folder.parent / f".{folder.name}.tmp-{token}"
    staging.mkdir()
    try:
        for name, frame in tables.items():
            _write_csv(frame, staging / f"{name}.csv")
        _swap_into_place(staging, folder, token)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


# ---------------------------------------------------------------------------
# Arguments and files.
# ---------------------------------------------------------------------------


def _show(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _check_arguments(function: str, seed: object, scale: object) -> None:
    if isinstance(seed, bool) or not isinstance(seed, Integral) or int(seed) < 0:
        raise ParameterError(
            f"The 'seed' parameter of {function} must be a whole number ≥ 0. "
            f"Got {_show(seed)} instead."
        )
    if (
        isinstance(scale, bool)
        or not isinstance(scale, Real)
        or not math.isfinite(float(scale))
        or float(scale) <= 0
    ):
        raise ParameterError(
            f"The 'scale' parameter of {function} must be a number > 0. Got {_show(scale)} instead."
        )


def _table_file_names() -> set[str]:
    return {f"{t}{s}" for t in schema.TABLES for s in (".csv", ".xlsx", ".parquet")}


def _check_target(
    target: Path,
    folder: Path,
    function: str = "write_sample_dataset",
    known: set[str] | None = None,
    example: str = "data/sample",
) -> None:
    if not folder.name or folder == Path.home() or folder == Path.cwd():
        raise ParameterError(
            f"The 'out' parameter of {function} must be a dataset folder of its own. "
            f"Got {str(target)!r} instead. Give a new folder such as {example!r}."
        )
    if folder.exists() and not folder.is_dir():
        raise ParameterError(
            f"The 'out' parameter of {function} must be a folder. Got "
            f"{str(target)!r} instead, which is a file. Give a new or a dataset folder."
        )
    if folder.is_dir():
        known = _table_file_names() if known is None else known
        strangers = sorted(p.name for p in folder.iterdir() if p.name not in known)
        if strangers:
            raise ParameterError(
                f"The 'out' parameter of {function} must be a new folder or a "
                f"dataset folder holding only table files. Got {str(target)!r} instead, which "
                f"also holds {', '.join(map(repr, strangers[:3]))}"
                f"{' …' if len(strangers) > 3 else ''}. Give a new folder so nothing else "
                "is replaced."
            )


def _swap_into_place(staging: Path, target: Path, token: str) -> None:
    """Rename ``staging`` to ``target``; an existing ``target`` is kept until then."""
    if not target.exists():
        os.rename(staging, target)
        return
    old = target.parent / f".{target.name}.old-{token}"
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _format_column(s: pd.Series) -> pd.Series:
    """The text written for one column: fixed, locale-free formatting."""
    if pd.api.types.is_bool_dtype(s):
        return s.map({True: "true", False: "false"}).astype(object)
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.dt.strftime("%Y-%m-%d").astype(object).where(s.notna(), "")
    if pd.api.types.is_float_dtype(s):
        values = s.to_numpy(dtype=float)
        out = np.full(values.shape, "", dtype=object)
        ok = ~np.isnan(values)
        text = np.char.mod("%.6f", np.round(values[ok], 6))
        text = np.char.rstrip(np.char.rstrip(text, "0"), ".")
        out[ok] = np.where(text == "-0", "0", text)
        return pd.Series(out, index=s.index)
    if pd.api.types.is_integer_dtype(s):
        return s.astype(str).astype(object)
    return s.astype(object).where(s.notna(), "").map(str)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    text = pd.DataFrame({c: _format_column(frame[c]) for c in frame.columns})
    text.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


# ---------------------------------------------------------------------------
# Reference tables, regions, programmes.
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _shipped_reference() -> dict[str, pd.DataFrame]:
    out = {}
    for name in ("competencies", "standards", "feedback_items"):
        out[name] = pd.read_csv(
            config.REFERENCE_DIR / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8"
        )
    return out


def _reference_tables() -> dict[str, pd.DataFrame]:
    """competencies, standards (with T.01, T.02) and feedback_items, typed."""
    shipped = _shipped_reference()
    competencies = pd.concat(
        [
            shipped["competencies"],
            pd.DataFrame(
                TECHNICAL_COMPETENCIES, columns=list(schema.TABLES["competencies"].columns)
            ),
        ],
        ignore_index=True,
    )
    standards = shipped["standards"].copy()
    standards["required_level"] = standards["required_level"].astype(int)
    standards["weight"] = standards["weight"].astype(float)
    technical = pd.DataFrame(
        [
            (p, cid, TECHNICAL_STANDARD[p], 1.0)
            for p in POSITIONS
            for cid, *_ in TECHNICAL_COMPETENCIES
        ],
        columns=list(schema.TABLES["standards"].columns),
    )
    standards = pd.concat([standards, technical], ignore_index=True)
    items = shipped["feedback_items"].copy()
    items["scale_max"] = items["scale_max"].replace("", "5").astype(int)
    items["reversed"] = items["reversed"].str.strip().str.lower().isin(("true", "1", "ya"))
    return {
        "competencies": competencies[list(schema.TABLES["competencies"].columns)],
        "standards": standards[list(schema.TABLES["standards"].columns)],
        "feedback_items": items[list(schema.TABLES["feedback_items"].columns)],
    }


def _regions_table(specs: Sequence[RegionSpec]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_id": [s.region_id for s in specs],
            "name": [s.name for s in specs],
            "level": [s.level for s in specs],
            "province": [s.province for s in specs],
            "parent_id": [s.parent_id for s in specs],
        }
    )


def _programs_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "program_id": [p.program_id for p in PROGRAMMES],
            "name": [p.name for p in PROGRAMMES],
            "form": [p.form for p in PROGRAMMES],
            "mode": ["klasikal" if p.form in _KLASIKAL else "nonklasikal" for p in PROGRAMMES],
            "jp": np.array([p.jp for p in PROGRAMMES], dtype=float),
            "provider_type": [p.provider_type for p in PROGRAMMES],
            "cost_per_participant": np.array([p.cost for p in PROGRAMMES], dtype=float),
            "capacity": np.array([p.capacity for p in PROGRAMMES], dtype=np.int64),
        }
    )


def _program_competencies_table() -> pd.DataFrame:
    rows = [(p.program_id, c) for p in PROGRAMMES for c in p.competencies]
    return pd.DataFrame(rows, columns=["program_id", "competency_id"])


# ---------------------------------------------------------------------------
# One region.
# ---------------------------------------------------------------------------


def _region_key(region_id: str) -> int:
    return zlib.crc32(region_id.encode("utf-8"))


def _streams(seed: int, region_id: str) -> dict[str, np.random.Generator]:
    """Independent generators of one region, derived from (seed, region_id)."""
    key = _region_key(region_id)
    return {
        name: np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(key, i)))
        for i, name in enumerate(_STREAMS)
    }


def _generate_region(
    spec: RegionSpec,
    seed: int,
    scale: float,
    reference: dict[str, pd.DataFrame],
    id_slot: tuple[int, int] | None = None,
) -> dict[str, pd.DataFrame]:
    """Every regional table of one region (employees … service_metrics).

    ``id_slot`` ``(slot, slots)``: draw NIPs that only this region can own (see
    :func:`_owned_nips`), so that regions generated apart never share an id.
    """
    rng = _streams(seed, spec.region_id)
    people = _employees(spec, scale, rng["employees"])
    if id_slot is not None:
        nip = people.table["employee_id"].to_numpy(dtype=object).astype(np.int64)
        people.table["employee_id"] = _owned_nips(nip, *id_slot, rng["ids"]).astype(str)
    part = _participation(spec, people, rng["participation"])
    competencies = reference["competencies"]["competency_id"].tolist()
    assessments = _assessments(
        spec, people, part, competencies, reference["standards"], rng["assessments"]
    )
    tna = _tna_survey(spec, people, rng["tna"])
    feedback = _feedback(spec, part, reference["feedback_items"], rng["feedback"])
    survey, metrics = _service(spec, people, part, rng["service"])
    return {
        "employees": people.table,
        "assessments": assessments,
        "tna_survey": tna,
        "participation": part.table,
        "feedback": feedback,
        "service_survey": survey,
        "service_metrics": metrics,
    }


@dataclass
class _People:
    """A region's employees: the table plus the hidden draws other tables use."""

    table: pd.DataFrame
    position: np.ndarray
    unit: np.ndarray  # index into spec.units
    domain: np.ndarray  # index into _DOMAINS
    pppk: np.ndarray
    ability: np.ndarray
    education: np.ndarray  # index into _EDUCATION
    start_year: np.ndarray  # CPNS start or PPPK appointment: no records before it


def _unit_headcounts(spec: RegionSpec, scale: float) -> np.ndarray:
    base = np.array([u.headcount for u in spec.units], dtype=float)
    return np.maximum(1, np.round(base * scale)).astype(np.int64)


def _leader_counts(spec: RegionSpec, sizes: np.ndarray) -> np.ndarray:
    """Units × positions matrix of leaders (JPT, administrator, pengawas)."""
    out = np.zeros((len(spec.units), len(POSITIONS)), dtype=np.int64)
    for i, (u, n) in enumerate(zip(spec.units, sizes, strict=True)):
        kind = KINDS[u.kind]
        left = int(n)
        jpt = min(u.n_jpt, left)
        left -= jpt
        admin = min(kind.admin[0] + round(kind.admin[1] * n), left)
        left -= admin
        peng = min(kind.pengawas[0] + round(kind.pengawas[1] * n), left)
        out[i, _POS["jpt_pratama"]] = jpt
        out[i, _POS["administrator"]] = admin
        out[i, _POS["pengawas"]] = peng
    return out


def _pick(rng: np.random.Generator, pool: Sequence[str], n: int) -> np.ndarray:
    return np.asarray(pool, dtype=object)[rng.integers(0, len(pool), n)]


def _employees(spec: RegionSpec, scale: float, rng: np.random.Generator) -> _People:
    sizes = _unit_headcounts(spec, scale)
    counts = _leader_counts(spec, sizes)
    rest = sizes - counts.sum(axis=1)
    staff_idx = [_POS[p] for p in _STAFF]
    mix = np.array([[KINDS[u.kind].mix.get(p, 0.0) for p in _STAFF] for u in spec.units])
    mix /= mix.sum(axis=1, keepdims=True)
    counts[:, staff_idx] += rng.multinomial(rest, mix)
    n = int(sizes.sum())

    unit = np.repeat(np.repeat(np.arange(len(spec.units)), len(POSITIONS)), counts.ravel())
    position = np.repeat(np.tile(np.arange(len(POSITIONS)), len(spec.units)), counts.ravel())
    # Rank of each person within their unit and position (0 = the first, the head).
    block_sizes = counts.ravel()[counts.ravel() > 0]
    starts = np.repeat(np.cumsum(block_sizes) - block_sizes, block_sizes)
    rank = np.arange(n) - starts

    kinds = [KINDS[u.kind] for u in spec.units]
    domain = np.array(
        [_DOMAINS.index(u.domain or k.domain) for u, k in zip(spec.units, kinds, strict=True)]
    )[unit]
    female_p = np.array([k.female for k in kinds])[unit]
    is_leader = np.isin(position, [_POS[p] for p in _LEADERS])
    female_p = np.where(is_leader, 0.32, female_p)
    female = rng.random(n) < female_p
    pppk = rng.random(n) < _PPPK_SHARE[position]

    # Age, birth date, years of service.
    age_mean, age_sd, age_lo, age_hi = (
        np.array([_AGE[p][j] for p in POSITIONS])[position] for j in range(4)
    )
    age = np.clip(np.round(rng.normal(age_mean, age_sd)), age_lo, age_hi)
    age = np.where(pppk, np.clip(np.round(rng.normal(37, 8, n)), 20, 56), age)
    birth_year = (REFERENCE_YEAR - age).astype(np.int64)
    birth = (birth_year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    birth = birth + rng.integers(0, 365, n).astype("timedelta64[D]")
    entry_age = np.clip(np.round(rng.normal(26, 3.5, n)), 19, 38)
    latest_entry = np.select(
        [position <= _POS["administrator"], position == _POS["pengawas"]], [2012, 2019], 2025
    )
    tmt_year = np.minimum(birth_year + entry_age, latest_entry)
    tmt_year = np.maximum(tmt_year, birth_year + 18).astype(np.int64)
    tmt_month = rng.choice(np.arange(1, 13), n, p=_TMT_MONTH_P)
    pppk_year = rng.choice(
        np.array([2019, 2021, 2022, 2023, 2024, 2025]), n, p=[0.04, 0.08, 0.20, 0.22, 0.20, 0.26]
    )
    pppk_year = np.maximum(pppk_year, birth_year + 19)
    pppk_code = rng.integers(21, 30, n)
    middle = np.where(pppk, pppk_year * 100 + pppk_code, tmt_year * 100 + tmt_month)

    # NIP: birth date (8) + CPNS start / PPPK appointment (6) + sex (1) + serial (3).
    birth_month = birth.astype("datetime64[M]")
    birth_num = (
        birth_year * 10000
        + (birth_month.astype(np.int64) % 12 + 1) * 100
        + (birth - birth_month.astype("datetime64[D]")).astype(np.int64)
        + 1
    )
    sex_digit = np.where(female, 2, 1)
    prefix = (birth_num * 1_000_000 + middle) * 10 + sex_digit
    serial = rng.integers(1, 1000, n)
    nip = _unique_nips(prefix, serial, rng)

    # Ability drives competencies, performance and potential together.
    ability = rng.normal(0.0, 1.0, n)
    u_edu = rng.random(n)
    education = (u_edu[:, None] > _EDU_CUM[position]).sum(axis=1)
    education = np.minimum(education, len(_EDUCATION) - 1)
    z_perf = 0.55 * ability + 0.835 * rng.normal(0.0, 1.0, n)
    performance = np.asarray(_PERFORMANCE_LOW_TO_HIGH, dtype=object)[
        np.searchsorted(_PERFORMANCE_CUTS, z_perf)
    ]
    edu_bonus = np.select([education == 9, education == 8], [4.0, 2.0], 0.0)
    potential = (
        55
        + 10 * (0.65 * ability + 0.76 * rng.normal(0.0, 1.0, n))
        + _POTENTIAL_BONUS[position]
        + edu_bonus
    )
    potential = np.round(np.clip(potential, 0, 100), 1)

    titles = _titles(spec, kinds, unit, position, rank, rng)
    names = _names(spec, female, education, domain, rng)
    table = pd.DataFrame(
        {
            "employee_id": nip.astype(str),
            "region_id": spec.region_id,
            "unit": np.array([u.name for u in spec.units], dtype=object)[unit],
            "position_type": np.asarray(POSITIONS, dtype=object)[position],
            "position_title": titles,
            "employment_status": np.where(pppk, "pppk", "pns").astype(object),
            "sex": np.where(female, "p", "l").astype(object),
            "birth_year": birth_year,
            "education": np.asarray(_EDUCATION, dtype=object)[education],
            "performance": performance,
            "potential_score": potential,
            "name": names,
        }
    )
    start_year = np.where(pppk, pppk_year, tmt_year)
    return _People(table, position, unit, domain, pppk, ability, education, start_year)


_TMT_MONTH_P = np.array([0.30, 0.12, 0.22, 0.08, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.07])
_TMT_MONTH_P /= _TMT_MONTH_P.sum()


def _unique_nips(prefix: np.ndarray, serial: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """18-digit NIPs; the serial of a duplicate is redrawn until all are unique."""
    nip = prefix * 1000 + serial
    for _ in range(100):
        _, first = np.unique(nip, return_index=True)
        dup = np.ones(len(nip), dtype=bool)
        dup[first] = False
        if not dup.any():
            return nip
        nip[dup] = prefix[dup] * 1000 + rng.integers(1, 1000, int(dup.sum()))
    raise RuntimeError("could not draw unique NIPs")  # pragma: no cover


def _nip_owner(nip: np.ndarray, slots: int) -> np.ndarray:
    """The region slot (0 … slots − 1) that may own each NIP: a hash of the NIP's first
    15 digits plus its serial, modulo ``slots``.

    Equal NIPs have equal owners, so regions whose NIPs all have their own slot as owner
    can never share one, however they were drawn.

    >>> _nip_owner(np.array([198503122010011001, 198503122010011002]), 554).tolist()
    [91, 92]
    """
    prefix = (nip // 1000).astype(np.uint64)
    h = prefix ^ (prefix >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    return ((h % np.uint64(slots)).astype(np.int64) + nip % 1000) % slots


def _owned_nips(nip: np.ndarray, slot: int, slots: int, rng: np.random.Generator) -> np.ndarray:
    """NIPs unique within the region and owned by ``slot`` (so unique across regions).

    Each NIP keeps its first 15 digits (birth date, CPNS start or PPPK appointment, sex)
    and gets a serial (1 … 999) whose owner is ``slot``: one of the one or two serials
    ``s`` with ``(hash(prefix) + s) mod slots == slot``. A NIP that another person of the
    region already holds gets a new birth day in the same birth year (the dataset keeps
    only the birth year) and a new serial, until every NIP is unique.

    >>> rng = np.random.default_rng(0)
    >>> nip = np.array([198503122010011001] * 3)
    >>> out = _owned_nips(nip, 7, 554, rng)
    >>> len(set(out.tolist())), set(_nip_owner(out, 554).tolist()), set((out // 10**14).tolist())
    (3, {7}, {1985})
    """
    if not 0 < slots < 1000 or not 0 <= slot < slots:
        raise ValueError(f"slot {slot} of {slots}: need 0 <= slot < slots < 1000")
    out = np.asarray(nip, dtype=np.int64).copy()
    todo = np.ones(len(out), dtype=bool)
    for _ in range(1000):
        prefix = out[todo] // 1000
        base = (slot - _nip_owner(prefix * 1000, slots)) % slots  # serial ≡ base (mod slots)
        first = np.where(base == 0, 1, 0)  # serial 000 does not exist
        choices = (999 - base) // slots + 1 - first
        serial = base + (first + np.floor(rng.random(len(base)) * choices).astype(np.int64)) * slots
        out[todo] = prefix * 1000 + serial
        _, keep = np.unique(out, return_index=True)
        todo = np.ones(len(out), dtype=bool)
        todo[keep] = False
        if not todo.any():
            return out
        out[todo] = _new_birth_day(out[todo], rng)
    raise RuntimeError("could not draw unique NIPs")  # pragma: no cover


def _new_birth_day(nip: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The NIPs with a new birth day drawn within the same birth year."""
    rest = nip % 10**10  # appointment (6), sex (1), serial (3)
    year = nip // 10**14
    day = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + rng.integers(
        0, 365, len(nip)
    ).astype("timedelta64[D]")
    month = day.astype("datetime64[M]")
    ymd = (
        year * 10000
        + (month.astype(np.int64) % 12 + 1) * 100
        + (day - month.astype("datetime64[D]")).astype(np.int64)
        + 1
    )
    return ymd * 10**10 + rest


def _titles(
    spec: RegionSpec,
    kinds: list[_Kind],
    unit: np.ndarray,
    position: np.ndarray,
    rank: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    n = len(unit)
    titles = np.empty(n, dtype=object)
    # Functional posts: a post name of the unit plus the jenjang.
    ahli_pools = [u.jf_ahli or k.jf_ahli for u, k in zip(spec.units, kinds, strict=True)]
    ter_pools = [u.jf_terampil or k.jf_terampil for u, k in zip(spec.units, kinds, strict=True)]
    u_draw = rng.random(n)
    jenjang = np.array([_JENJANG.get(p, "") for p in POSITIONS], dtype=object)[position]
    for pools, members in ((ahli_pools, _AHLI), (ter_pools, _TERAMPIL)):
        flat = np.array([t for pool in pools for t in pool], dtype=object)
        sizes = np.array([len(pool) for pool in pools])
        offsets = np.cumsum(sizes) - sizes
        mask = np.isin(position, [_POS[p] for p in members])
        idx = offsets[unit[mask]] + np.floor(u_draw[mask] * sizes[unit[mask]]).astype(int)
        titles[mask] = flat[idx] + " " + jenjang[mask]
    pel = position == _POS["pelaksana"]
    titles[pel] = _pick(rng, _PELAKSANA_TITLES, int(pel.sum()))
    # Leaders: by rank within the unit.
    for i in np.flatnonzero(np.isin(position, [_POS[p] for p in _LEADERS])):
        u = spec.units[unit[i]]
        kind = kinds[unit[i]]
        r = int(rank[i])
        pos = POSITIONS[position[i]]
        if pos.startswith("jpt"):
            pool = _SETDA_JPT if u.kind == "setda" else (u.head_title or f"Kepala {u.name}",)
        elif pos == "administrator":
            pool = kind.admin_titles
            if u.n_jpt == 0 and u.head_title and r == 0:
                pool = (u.head_title,)
        else:
            pool = kind.pengawas_titles
        titles[i] = pool[min(r, len(pool) - 1)]
    return titles


_SETDA_JPT = (
    "Sekretaris Daerah",
    "Asisten Pemerintahan dan Kesejahteraan Rakyat",
    "Asisten Perekonomian dan Pembangunan",
    "Asisten Administrasi Umum",
    "Staf Ahli Bidang Pemerintahan, Hukum dan Politik",
    "Staf Ahli Bidang Ekonomi dan Keuangan",
    "Staf Ahli Bidang Kemasyarakatan dan Sumber Daya Manusia",
)


def _names(
    spec: RegionSpec,
    female: np.ndarray,
    education: np.ndarray,
    domain: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    n = len(female)
    first = np.where(female, _pick(rng, _FEMALE, n), _pick(rng, _MALE, n))
    second = np.where(female, _pick(rng, _SECOND_FEMALE, n), _pick(rng, _SECOND_MALE, n))
    style = spec.surname_style
    if style in _FAMILY:
        family = _pick(rng, _FAMILY[style], n)
        last = np.where(rng.random(n) < _FAMILY_SHARE[style], family, second)
    else:
        last = second
    has_last = rng.random(n) < 0.85
    name = np.where(has_last, first + " " + last, first)
    if style == "palembang":
        titled = rng.random(n) < 0.12
        prefix = np.where(
            female, _pick(rng, _PALEMBANG_PREFIX["p"], n), _pick(rng, _PALEMBANG_PREFIX["l"], n)
        )
        name = np.where(titled, prefix + " " + name, name)
    # Academic degrees, as they appear in personnel records (not always).
    with_degree = rng.random(n) < 0.8
    u = rng.random(n)
    for d, dom in ((d, dom) for d in _DEGREES for dom in range(len(_DOMAINS))):
        mask = with_degree & (np.asarray(_EDUCATION)[education] == d) & (domain == dom)
        if not mask.any():
            continue
        pool = np.array(_DEGREES_DOMAIN.get((_DOMAINS[dom], d), _DEGREES[d]), dtype=object)
        degree = pool[np.floor(u[mask] * len(pool)).astype(int)]
        if d == "s3":
            name[mask] = degree + " " + name[mask]
        else:
            name[mask] = name[mask] + ", " + degree
    return name


# ---------------------------------------------------------------------------
# Participation.
# ---------------------------------------------------------------------------


@dataclass
class _Participation:
    table: pd.DataFrame
    person: np.ndarray  # index into the region's employees
    programme: np.ndarray  # index into PROGRAMMES


_PROG_JP = np.array([p.jp for p in PROGRAMMES])
_PROG_EFFECTIVE = np.array([p.effective for p in PROGRAMMES])
_PROG_TESTED = np.array([p.form in _TESTED for p in PROGRAMMES])
_PROG_ID = np.array([p.program_id for p in PROGRAMMES], dtype=object)
_PROG_INDEX = {p.program_id: i for i, p in enumerate(PROGRAMMES)}


def _audience_weights(domain: int, group: int) -> np.ndarray:
    w = np.array([p.weight for p in PROGRAMMES], dtype=float)
    for j, p in enumerate(PROGRAMMES):
        if p.domains is not None and _DOMAINS[domain] not in p.domains:
            w[j] = 0.0
        if p.groups is not None and _GROUPS[group] not in p.groups:
            w[j] = 0.0
    return w / w.sum()


_AUDIENCE = np.array(
    [[_audience_weights(d, g) for g in range(len(_GROUPS))] for d in range(len(_DOMAINS))]
)
#: Programmes a year relative to the region's mean, by position group.
_GROUP_RATE = np.array([1.2, 1.25, 1.15, 0.9, 1.1, 1.0])


def _participation(spec: RegionSpec, people: _People, rng: np.random.Generator) -> _Participation:
    n = len(people.position)
    group = _GROUP_OF[people.position]
    persons, progs, years = [], [], []
    for year in _YEARS:
        lam = spec.programmes_per_year * (0.8 if year == 2024 else 1.0)
        lam = lam * _GROUP_RATE[group] * np.where(people.pppk, 0.85, 1.0)
        lam = np.where(people.start_year > year, 0.0, lam)
        k = np.minimum(rng.poisson(lam), 5)
        who = np.repeat(np.arange(n), k)
        prog = np.empty(len(who), dtype=np.int64)
        audience = people.domain[who] * len(_GROUPS) + group[who]
        for a in np.unique(audience):
            mask = audience == a
            prog[mask] = rng.choice(
                len(PROGRAMMES), int(mask.sum()), p=_AUDIENCE[a // len(_GROUPS), a % len(_GROUPS)]
            )
        # Leadership programmes by nomination.
        for j, p in enumerate(PROGRAMMES):
            if p.leaders is None:
                continue
            pos, share = p.leaders
            chosen = np.flatnonzero((people.position == _POS[pos]) & (rng.random(n) < share))
            who = np.concatenate([who, chosen])
            prog = np.concatenate([prog, np.full(len(chosen), j)])
        persons.append(who)
        progs.append(prog)
        years.append(np.full(len(who), year))
    # Service units push a unit-specific share of their staff to service training.
    for unit_name in spec.service_units:
        u = next(i for i, s in enumerate(spec.units) if s.name == unit_name)
        members = np.flatnonzero(people.unit == u)
        share = rng.uniform(0.05, 0.45)
        chosen = members[rng.random(len(members)) < share]
        programme = _PROG_INDEX[_SERVICE_PROGRAMMES[int(rng.random() >= 0.5)]]
        persons.append(chosen)
        progs.append(np.full(len(chosen), programme, dtype=np.int64))
        year = rng.choice(np.array(_YEARS), len(chosen))
        years.append(np.maximum(year, np.minimum(people.start_year[chosen], _YEARS[-1])))
    person = np.concatenate(persons)
    prog = np.concatenate(progs).astype(np.int64)
    year = np.concatenate(years)
    # One participation per person and programme (the earliest year).
    order = np.lexsort((year, prog, person))
    person, prog, year = person[order], prog[order], year[order]
    keep = np.ones(len(person), dtype=bool)
    keep[1:] = (person[1:] != person[:-1]) | (prog[1:] != prog[:-1])
    person, prog, year = person[keep], prog[keep], year[keep]
    m = len(person)

    start, end = _dates(prog, year, rng)
    jp = _PROG_JP[prog]
    long_or_self = np.isin(
        np.array([PROGRAMMES[j].form for j in prog], dtype=object), list(_SELF_PACED)
    )
    completed = rng.random(m) < np.where(long_or_self, 0.85, np.where(jp >= 300, 0.97, 0.94))
    ability = people.ability[person]
    eff = _PROG_EFFECTIVE[prog]
    tested = _PROG_TESTED[prog]
    pre = np.clip(np.round(rng.normal(55 + 6 * ability, 11)), 5, 95)
    gain_mean = np.where(eff, _GAIN[True][0], _GAIN[False][0])
    gain_sd = np.where(eff, _GAIN[True][1], _GAIN[False][1])
    post = np.clip(np.round(pre + rng.normal(gain_mean, gain_sd)), 0, 100)
    pre = np.where(tested, pre, np.nan)
    post = np.where(tested & completed, post, np.nan)
    rated = rng.random(m) < 0.5
    before = np.clip(np.round(rng.normal(3.0 + 0.35 * ability, 0.55), 1), 1, 5)
    b_gain = np.where(eff, _BEHAVIOUR_GAIN[True], _BEHAVIOUR_GAIN[False])
    after = np.clip(np.round(before + rng.normal(b_gain, 0.25), 1), 1, 5)
    before = np.where(rated, before, np.nan)
    after = np.where(rated & completed, after, np.nan)

    order = np.lexsort((prog, start, person))
    table = (
        pd.DataFrame(
            {
                "employee_id": people.table["employee_id"].to_numpy()[person],
                "program_id": _PROG_ID[prog],
                "start_date": start,
                "end_date": end,
                "jp": jp.astype(float),
                "completed": completed,
                "pre_test": pre,
                "post_test": post,
                "behaviour_before": before,
                "behaviour_after": after,
            }
        )
        .iloc[order]
        .reset_index(drop=True)
    )
    return _Participation(table, person[order], prog[order])


def _duration_days(p: _Programme) -> int:
    """Calendar days from the first to the last day of a cohort."""
    if p.days is not None:
        return p.days
    per_day = 4 if p.form == "pelatihan_jarak_jauh" else 8
    working = math.ceil(p.jp / per_day)
    return working + 2 * ((working - 1) // 5)


def _dates(prog: np.ndarray, year: np.ndarray, rng: np.random.Generator):
    """Start and end dates: cohorts of at most ``capacity`` share them."""
    m = len(prog)
    start = np.empty(m, dtype="datetime64[D]")
    end = np.empty(m, dtype="datetime64[D]")
    order = np.lexsort((year, prog))
    keys = prog[order] * 10_000 + year[order]
    bounds = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1], True])
    for a, b in itertools.pairwise(bounds):
        rows = order[a:b]
        p = PROGRAMMES[prog[rows[0]]]
        y = int(year[rows[0]])
        length = _duration_days(p)
        first = np.datetime64(f"{y}-02-01")
        last = np.datetime64(f"{y}-12-10") - np.timedelta64(min(length, 200), "D")
        span = max(int((last - first).astype(int)), 1)
        if p.form in _SELF_PACED:
            s = first + rng.integers(0, span, len(rows)).astype("timedelta64[D]")
            days = rng.integers(7, 29, len(rows)) if p.days is None else np.full(len(rows), p.days)
        else:
            n_cohorts = max(1, math.ceil(len(rows) / p.capacity))
            cohort_start = first + np.sort(rng.integers(0, span, n_cohorts)).astype(
                "timedelta64[D]"
            )
            s = cohort_start[rng.permutation(len(rows)) % n_cohorts]
            days = np.full(len(rows), length)
        start[rows] = s
        end[rows] = s + np.maximum(days - 1, 0).astype("timedelta64[D]")
    return start, end


# ---------------------------------------------------------------------------
# Assessments.
# ---------------------------------------------------------------------------


def _assessments(
    spec: RegionSpec,
    people: _People,
    part: _Participation,
    competencies: list[str],
    standards: pd.DataFrame,
    rng: np.random.Generator,
) -> pd.DataFrame:
    n = len(people.position)
    k = len(competencies)
    col = {c: j for j, c in enumerate(competencies)}
    required = np.ones((len(POSITIONS), k))
    std = standards.assign(
        r=standards["position_type"].map(_POS), c=standards["competency_id"].map(col)
    )
    required[std["r"].to_numpy(), std["c"].to_numpy()] = std["required_level"].to_numpy()
    shift = np.array(
        [_COMPETENCY_SHIFT.get(c, 0.0) + spec.competency_shift.get(c, 0.0) for c in competencies]
    )
    technical = np.array([c.startswith("T.") for c in competencies])

    # Who was assessed, and when.
    p_assessed = np.clip(
        spec.assessed_share + np.where(people.position <= _POS["pengawas"], 0.08, 0.0), 0, 0.98
    )
    assessed = rng.random(n) < p_assessed
    twice = assessed & (rng.random(n) < 0.30) & (people.start_year <= 2023)
    tech = rng.random(n) < _TECH_ASSESSED[people.position]
    both_tech = rng.random(n) < 0.8

    # Latent levels in 2025: standard + position offset + ability + weaknesses + noise.
    edu_bonus = np.where(people.education >= 8, 0.12, 0.0)
    latent = (
        required[people.position]
        + _LEVEL_OFFSET[people.position][:, None]
        + _ability_effect(required[people.position]) * people.ability[:, None]
        + edu_bonus[:, None]
        + shift[None, :]
        + rng.normal(0.0, 0.45, (n, k))
    )
    # Growth since 2023: larger for competencies trained in an effective programme.
    trained = np.zeros((n, k), dtype=bool)
    trained_eff = np.zeros((n, k), dtype=bool)
    done = part.table["completed"].to_numpy()
    for p_idx, p in enumerate(PROGRAMMES):
        rows = done & (part.programme == p_idx)
        for c in p.competencies:
            trained[part.person[rows], col[c]] = True
            if p.effective:
                trained_eff[part.person[rows], col[c]] = True
    growth = (
        0.08 + 0.12 * (trained & ~trained_eff) + 0.45 * trained_eff + rng.normal(0.0, 0.15, (n, k))
    )
    growth = np.maximum(growth, -0.2)

    # Dates: batches of the regional assessment centre.
    batches = {
        y: np.sort(
            np.datetime64(f"{y}-01-15")
            + rng.choice(np.arange(330), 12, replace=False).astype("timedelta64[D]")
        )
        for y in (2023, 2024, 2025)
    }
    single_year = rng.choice(np.array([2023, 2024, 2025]), n, p=[0.3, 0.35, 0.35])
    single_year = np.maximum(single_year, np.minimum(people.start_year, 2025))
    batch = rng.integers(0, 12, n)
    late_batch = rng.integers(0, 12, n)
    single_date = np.select(
        [single_year == 2023, single_year == 2024],
        [batches[2023][batch], batches[2024][batch]],
        batches[2025][batch],
    )
    fraction_left = np.select([single_year == 2023, single_year == 2024], [1.0, 0.5], 0.0)

    cover = assessed[:, None] & (
        ~technical[None, :]
        | (tech[:, None] & (both_tech[:, None] | (np.arange(k)[None, :] == np.argmax(technical))))
    )
    rows_once = cover & ~twice[:, None]
    rows_twice = cover & twice[:, None]
    parts = []
    i, j = np.nonzero(rows_once)
    level = latent[i, j] - growth[i, j] * fraction_left[i]
    parts.append((i, j, level, single_date[i]))
    i, j = np.nonzero(rows_twice)
    parts.append((i, j, latent[i, j] - growth[i, j], batches[2023][batch[i]]))
    parts.append((i, j, latent[i, j], batches[2025][late_batch[i]]))
    person = np.concatenate([p[0] for p in parts])
    comp = np.concatenate([p[1] for p in parts])
    level = np.clip(np.round(np.concatenate([p[2] for p in parts]) * 2) / 2, 1, 5)
    date = np.concatenate([p[3] for p in parts])
    order = np.lexsort((comp, date, person))
    return pd.DataFrame(
        {
            "employee_id": people.table["employee_id"].to_numpy()[person[order]],
            "competency_id": np.asarray(competencies, dtype=object)[comp[order]],
            "level": level[order].astype(float),
            "assessed_on": date[order],
        }
    )


# ---------------------------------------------------------------------------
# Training needs survey.
# ---------------------------------------------------------------------------


def _tna_survey(spec: RegionSpec, people: _People, rng: np.random.Generator) -> pd.DataFrame:
    n = len(people.position)
    items = list(TNA_ITEMS)
    means = np.array(list(TNA_ITEMS.values()))
    respondents = np.flatnonzero(rng.random(n) < TNA_SHARE)
    r = len(respondents)
    how_many = rng.integers(8, 11, r)
    rank = np.argsort(rng.random((r, len(items))), axis=1).argsort(axis=1)
    chosen = rank < how_many[:, None]
    i, j = np.nonzero(chosen)
    who = respondents[i]
    perf_shift = np.zeros(len(items))
    if "T.01" in spec.competency_shift:  # weak digital literacy shows in the survey too
        perf_shift[items.index("penggunaan_aplikasi_srikandi")] = spec.competency_shift["T.01"]
    lenient = rng.normal(0.0, 0.5, r)[i]
    importance = np.clip(np.round(means[j, 0] + lenient + rng.normal(0, 0.8, len(i))), 1, 7)
    performance = np.clip(
        np.round(
            means[j, 1]
            + perf_shift[j]
            + 0.4 * people.ability[who]
            + 0.5 * lenient
            + rng.normal(0, 0.9, len(i))
        ),
        1,
        7,
    )
    return pd.DataFrame(
        {
            "employee_id": people.table["employee_id"].to_numpy()[who],
            "item_id": np.asarray(items, dtype=object)[j],
            "importance": importance.astype(np.int64),
            "performance": performance.astype(np.int64),
        }
    )


# ---------------------------------------------------------------------------
# Participant feedback.
# ---------------------------------------------------------------------------


def _feedback(
    spec: RegionSpec, part: _Participation, items: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    t = part.table
    completed = t["completed"].to_numpy()
    responding = np.flatnonzero(completed & (rng.random(len(t)) < spec.feedback_rate))
    r = len(responding)
    prog = part.programme[responding]
    submitted = t["end_date"].to_numpy().astype("datetime64[D]")[responding] + rng.integers(
        0, 8, r
    ).astype("timedelta64[D]")
    order = np.lexsort((prog, submitted))
    responding, prog, submitted = responding[order], prog[order], submitted[order]

    quality = np.array([p.quality for p in PROGRAMMES])[prog]
    lenient = rng.normal(0.0, 0.45, r)
    columns: dict[str, object] = {
        "response_id": np.array(
            [f"fb-{spec.region_id}-{k:05d}" for k in range(1, r + 1)], dtype=object
        ),
        "program_id": _PROG_ID[prog],
        "region_id": spec.region_id,
        "submitted_on": submitted,
    }
    words = rng.random(r) < spec.words_share
    # A respondent's view of each dimension, shared by its items: Cronbach's alpha of a
    # two-item dimension comes out near 0.8, as for well-built reaction questionnaires.
    view = {dim: rng.normal(0.0, 0.35, r) for dim in pd.unique(items["dimension"])}
    scores = []
    for item_id, dim, scale_max, reversed_ in zip(
        items["item_id"], items["dimension"], items["scale_max"], items["reversed"], strict=True
    ):
        offset = np.array([p.reaction.get(dim, 0.0) for p in PROGRAMMES])[prog]
        latent = 3.75 + 0.75 * quality + offset + lenient + view[dim] + rng.normal(0.0, 0.35, r)
        if reversed_:
            latent = 6.0 - latent
        latent = 1 + (latent - 1) * (int(scale_max) - 1) / 4
        score = np.clip(np.round(latent), 1, int(scale_max)).astype(np.int64)
        scores.append(int(scale_max) + 1 - score if reversed_ else score)
        labels = np.asarray(_LIKERT_LABELS[int(scale_max)], dtype=object)
        values = score.astype(object)
        values[words] = labels[score[words] - 1]
        columns[item_id] = values
    mean_score = np.mean(scores, axis=0) if r else np.zeros(0)
    columns["comment"] = _comments(spec, mean_score, rng)
    return pd.DataFrame(columns)


def _comments(spec: RegionSpec, mean_score: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    r = len(mean_score)
    out = np.full(r, "", dtype=object)
    has = rng.random(r) < 0.40
    pos = has & (mean_score >= 4.0)
    neg = has & (mean_score <= 3.0)
    mid = has & ~pos & ~neg
    out[pos] = _pick(rng, _PRAISE, int(pos.sum()))
    out[neg] = _pick(rng, _COMPLAINT, int(neg.sum()))
    out[mid] = _pick(rng, _NEUTRAL, int(mid.sum()))
    # Some negative remarks even in good ratings, and suggestions after half of them.
    mixed = has & ~neg & (rng.random(r) < 0.12)
    out[mixed] = (
        out[mixed]
        + " Tapi "
        + np.char.lower(_pick(rng, _COMPLAINT, int(mixed.sum())).astype(str)).astype(object)
    )
    sugg = has & (rng.random(r) < 0.5)
    out[sugg] = out[sugg] + " " + _pick(rng, _SUGGESTION, int(sugg.sum()))
    # Rarely (about 1 % of responses) a phone number or e-mail address.
    contact = np.flatnonzero(rng.random(r) < 0.01)
    for k in contact:
        lead = _CONTACT_LEADS[rng.integers(len(_CONTACT_LEADS))]
        text = lead.format(email=_email(rng, spec), phone=_phone(rng))
        out[k] = f"{out[k]} {text}".strip()
    return out


def _email(rng: np.random.Generator, spec: RegionSpec) -> str:
    first = (
        _MALE[rng.integers(len(_MALE))]
        if rng.random() < 0.5
        else _FEMALE[rng.integers(len(_FEMALE))]
    )
    second = _SECOND_MALE[rng.integers(len(_SECOND_MALE))]
    domain = (
        f"{spec.region_id}.go.id"
        if rng.random() < 0.15
        else _EMAIL_DOMAINS[rng.integers(len(_EMAIL_DOMAINS))]
    )
    return f"{first.lower()}.{second.lower()}{rng.integers(70, 100)}@{domain}"


def _phone(rng: np.random.Generator) -> str:
    operator = ("812", "813", "821", "852", "853", "857", "877", "896")[rng.integers(8)]
    a, b = rng.integers(1000, 10000, 2)
    style = rng.integers(3)
    if style == 0:
        return f"0{operator}-{a}-{b}"
    if style == 1:
        return f"0{operator}{a}{b}"
    return f"+62 {operator} {a} {b}"


# ---------------------------------------------------------------------------
# Public-service outcomes.
# ---------------------------------------------------------------------------


def _service(
    spec: RegionSpec, people: _People, part: _Participation, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    t = part.table
    service_prog = np.isin(_PROG_ID, _SERVICE_TRAINING)
    done = t["completed"].to_numpy() & service_prog[part.programme]
    trained_people = np.unique(part.person[done])
    trained = np.zeros(len(people.position), dtype=bool)
    trained[trained_people] = True
    surveys, metrics = [], []
    unit_names = [u.name for u in spec.units]
    for name in spec.service_units:
        u = unit_names.index(name)
        kind = spec.units[u].kind
        members = people.unit == u
        coverage = float(trained[members].mean()) if members.any() else 0.0
        q0 = rng.normal(0.0, 0.18) + spec.service_shift
        q1 = q0 + 0.8 * (coverage - 0.2) + rng.normal(0.0, 0.03)
        for period, q in zip(_SERVICE_PERIODS, (q0, q1), strict=True):
            n = int(rng.integers(30, 151))
            resp = rng.normal(0.0, 0.35, n)
            latent = 3.05 + q + _IKM_ELEMENT[None, :] + resp[:, None] + rng.normal(0, 0.55, (n, 9))
            answers = np.clip(np.round(latent), 1, 4).astype(np.int64)
            ids = [f"ikm-{spec.region_id}-{u:02d}-{period}-{k:04d}" for k in range(1, n + 1)]
            surveys.append((ids, name, period, answers))
        metrics.append(_service_metrics(spec, name, kind, coverage, rng))
    # One frame per table at the end (not one per unit and wave): with 554 regions the
    # per-frame cost of pandas would dominate a small-scale national dataset.
    if surveys:
        answers = np.concatenate([a for *_, a in surveys])
        sizes = [len(ids) for ids, *_ in surveys]
        survey = pd.DataFrame(
            {
                "response_id": np.array([i for ids, *_ in surveys for i in ids], dtype=object),
                "region_id": spec.region_id,
                "unit": np.repeat(np.array([n for _, n, _, _ in surveys], dtype=object), sizes),
                "period": np.repeat(np.array([w for *_, w, _ in surveys], dtype=object), sizes),
                **{f"u{i}": answers[:, i - 1] for i in range(1, 10)},
            }
        )
    else:
        survey = pd.DataFrame(columns=list(schema.TABLES["service_survey"].columns))
    if metrics:
        columns = list(schema.TABLES["service_metrics"].columns)
        metric = pd.DataFrame(
            {
                "region_id": spec.region_id,
                **{c: np.concatenate([m[c] for m in metrics]) for c in columns[1:]},
            }
        )
    else:
        metric = pd.DataFrame(columns=list(schema.TABLES["service_metrics"].columns))
    return survey, metric


def _service_metrics(
    spec: RegionSpec, unit: str, kind: str, coverage: float, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    months = len(_MONTHS)
    wait_base, complaints_base = _SERVICE_BASE.get(kind, (40.0, 10.0))
    trend = np.linspace(0.0, 1.0, months)
    improvement = (0.05 + 0.8 * coverage) * trend  # up to ~50 % better by the end of 2025
    season = 1 + 0.12 * np.sin(np.arange(months) / 12 * 2 * np.pi)
    wait = wait_base * rng.lognormal(0.0, 0.2) * season * (1 - 0.6 * improvement)
    wait = np.round(np.maximum(wait * rng.lognormal(0.0, 0.08, months), 1.0), 1)
    received = rng.poisson(complaints_base * rng.lognormal(0.0, 0.3) * season)
    p_sla = np.clip(0.62 + 0.5 * improvement + rng.normal(0, 0.04, months), 0.2, 0.99)
    in_sla = rng.binomial(received, p_sla)
    first = np.round(np.maximum(rng.gamma(4.0, 0.65, months) * (1 - 0.5 * improvement), 0.2), 1)
    parts = [
        (metric, np.asarray(values, dtype=float)[keep], np.asarray(_MONTHS, dtype=object)[keep])
        for metric, values, keep in (
            ("waiting_minutes", wait, np.ones(months, dtype=bool)),
            ("complaints_received", received, np.ones(months, dtype=bool)),
            ("complaints_resolved_in_sla", in_sla, np.ones(months, dtype=bool)),
            ("first_response_days", first, received > 0),
        )
    ]
    size = sum(len(v) for _, v, _ in parts)
    return {
        "unit": np.full(size, unit, dtype=object),
        "period": np.concatenate([p for *_, p in parts]),
        "metric": np.concatenate([np.full(len(v), m, dtype=object) for m, v, _ in parts]),
        "value": np.concatenate([v for _, v, _ in parts]),
    }


# ---------------------------------------------------------------------------
# Dataset-level fix-ups.
# ---------------------------------------------------------------------------


def _make_ids_unique(parts: list[dict[str, pd.DataFrame]], seed: int) -> None:
    """Redraw the serial of a NIP that an earlier region already drew.

    Regions are drawn independently, so two of them may (rarely) draw the same
    NIP; the later region's person gets a new serial in every table.
    """
    taken = np.empty(0, dtype=np.int64)
    rng: np.random.Generator | None = None
    for part in parts:
        ids = part["employees"]["employee_id"].to_numpy(dtype=object).astype(np.int64)
        clash = np.isin(ids, taken)
        if clash.any():
            if rng is None:
                rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0,)))
            used = set(np.union1d(taken, ids).tolist())
            new = ids.copy()
            for i in np.flatnonzero(clash):
                candidate = int(ids[i])
                while candidate in used:
                    candidate = int(ids[i]) // 1000 * 1000 + int(rng.integers(1, 1000))
                used.add(candidate)
                new[i] = candidate
            mapping = {str(o): str(n) for o, n in zip(ids[clash], new[clash], strict=True)}
            for name in ("employees", *schema.EMPLOYEE_TABLES):
                frame = part[name]
                hit = frame["employee_id"].isin(list(mapping)).to_numpy()
                if hit.any():
                    column = frame["employee_id"].to_numpy(dtype=object).copy()
                    column[hit] = [mapping[x] for x in column[hit]]
                    frame["employee_id"] = column
            ids = new
        taken = np.union1d(taken, ids)


# ---------------------------------------------------------------------------
# The data dictionary (data/README.md is generated from the schema).
# ---------------------------------------------------------------------------


def _data_dictionary_markdown() -> str:
    """The data dictionary of ``data/README.md``, rendered from :mod:`schema`.

    Regenerate the README section with ``python -c "from kompetensi_toolkit.sample
    import _data_dictionary_markdown as d; print(d())"``.
    """
    lines: list[str] = []
    for table in schema.TABLES.values():
        if table.reference:
            note = "Reference table: a dataset without it uses the default in `data/reference/`."
        else:
            note = "Required table." if table.required else "Optional table."
        description = table.description[:1].upper() + table.description[1:]
        lines += [f"### `{table.name}`", "", f"{description}. {note}", ""]
        lines += ["| column | type | required | rule | also accepted as |", "|---|---|---|---|---|"]
        for f in table.fields:
            if table.item_columns_from and f.name == table.columns[-1]:
                lines.append(
                    f"| *one per `item_id` of `{table.item_columns_from}`* | likert | | "
                    "1..scale_max, or the Indonesian label in words (`Setuju`, `Sangat Baik` …) | |"
                )
            aliases = ", ".join(f"`{a}`" for a in f.aliases)
            required = "yes" if f.required else ""
            lines.append(f"| `{f.name}` | {f.kind} | {required} | {_rule(table, f)} | {aliases} |")
        for cols in table.unique_together:
            lines += ["", "Unique together: " + " + ".join(f"`{c}`" for c in cols) + "."]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _rule(table: schema.Table, f: schema.Field) -> str:
    parts = []
    if f.enum:
        parts.append("one of " + ", ".join(f"`{v}`" for v in schema.ENUMS[f.enum].values))
    elif f.name == "birth_year":  # the upper bound moves with the calendar
        parts.append(f"a whole number {f.min:.0f} to the current year − 17")
    elif f.kind in ("date", "bool") or (f.kind in ("int", "float") and f.min is not None):
        parts.append(f.allowed())
    if f.pattern:
        pattern = f.pattern.replace("|", "\\|")  # a bar would end the table cell
        parts.append(f"matches `{pattern}`")
    if f.unique:
        parts.append("unique")
    if f.references and f.references[0] != table.name:
        parts.append(f"must exist in `{f.references[0]}.{f.references[1]}`")
    if f.personal:
        parts.append("**personal data**: read, never shown or written to outputs")
    elif f.description:
        parts.append(f.description)
    return "; ".join(parts)
