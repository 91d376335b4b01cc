"""The data contract, declared once.

Every table a dataset may hold, its columns, their kinds and rules, the
Indonesian headers accepted for them, and the enumerations with the common
spellings the loader maps to canonical values. The loaders, the validator, the
sample generator and the data dictionary in ``data/README.md`` all read this
module; nothing else restates the contract.

Examples
--------
>>> TABLES["employees"].field("position_type").enum
'position_type'
>>> canonical_enum_value("position_type", "Jabatan Pelaksana")
'pelaksana'
>>> canonical_header("employees", "Unit Kerja")
'unit'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Kind = Literal["str", "enum", "int", "float", "date", "bool", "likert"]

#: Region ids become folder names: nothing else is allowed.
REGION_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
#: Item ids of the feedback survey become column names.
ITEM_ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]{0,63}$"
PERIOD_PATTERN = r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"
COMPETENCY_ID_PATTERN = r"^(M\.0[1-8]|SK\.0[1-9]|T\.[A-Za-z0-9_.-]{1,32})$"


# ---------------------------------------------------------------------------
# Enumerations: canonical values (in display order) and accepted spellings.
# Spellings are matched after normalisation: lower case, accents kept,
# runs of spaces, hyphens, dots and slashes turned into one underscore.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Enum:
    """An enumeration: its canonical values and the other spellings accepted."""

    name: str
    values: tuple[str, ...]
    aliases: dict[str, str] = field(default_factory=dict)
    #: Prefixes dropped before matching ("jabatan_pelaksana" → "pelaksana").
    strip_prefixes: tuple[str, ...] = ()


def _fungsional_aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for jenjang in (
        "ahli_utama",
        "ahli_madya",
        "ahli_muda",
        "ahli_pertama",
        "penyelia",
        "mahir",
        "terampil",
        "pemula",
    ):
        canonical = f"fungsional_{jenjang}"
        for prefix in ("jf_", "jabatan_fungsional_", "fungsional_", ""):
            out[prefix + jenjang] = canonical
    return out


ENUMS: dict[str, Enum] = {
    e.name: e
    for e in (
        Enum(
            "region_level",
            ("provinsi", "kabupaten", "kota", "kecamatan", "instansi"),
            {
                "prov": "provinsi",
                "province": "provinsi",
                "kab": "kabupaten",
                "regency": "kabupaten",
                "city": "kota",
                "kotamadya": "kota",
                "district": "kecamatan",
                "kec": "kecamatan",
                "agency": "instansi",
            },
            strip_prefixes=("pemerintah_",),
        ),
        Enum(
            "position_type",
            (
                "jpt_utama",
                "jpt_madya",
                "jpt_pratama",
                "administrator",
                "pengawas",
                "pelaksana",
                "fungsional_ahli_utama",
                "fungsional_ahli_madya",
                "fungsional_ahli_muda",
                "fungsional_ahli_pertama",
                "fungsional_penyelia",
                "fungsional_mahir",
                "fungsional_terampil",
                "fungsional_pemula",
            ),
            {
                "pimpinan_tinggi_utama": "jpt_utama",
                "pimpinan_tinggi_madya": "jpt_madya",
                "pimpinan_tinggi_pratama": "jpt_pratama",
                "eselon_i": "jpt_madya",
                "eselon_ii": "jpt_pratama",
                "eselon_iii": "administrator",
                "eselon_iv": "pengawas",
                "jfu": "pelaksana",
                "fungsional_umum": "pelaksana",
                "staf": "pelaksana",
                **_fungsional_aliases(),
            },
            strip_prefixes=("jabatan_",),
        ),
        Enum(
            "employment_status",
            ("pns", "pppk"),
            {
                "cpns": "pns",
                "p3k": "pppk",
                "pppk_paruh_waktu": "pppk",
                "pegawai_negeri_sipil": "pns",
            },
        ),
        Enum(
            "sex",
            ("l", "p"),
            {
                "laki_laki": "l",
                "lakilaki": "l",
                "pria": "l",
                "m": "l",
                "male": "l",
                "1": "l",
                "perempuan": "p",
                "wanita": "p",
                "f": "p",
                "female": "p",
                "2": "p",
            },
        ),
        Enum(
            "education",
            ("sd", "smp", "sma", "d1", "d2", "d3", "d4", "s1", "s2", "s3"),
            {
                "sltp": "smp",
                "mts": "smp",
                "slta": "sma",
                "smk": "sma",
                "ma": "sma",
                "smu": "sma",
                "d_i": "d1",
                "di": "d1",
                "d_ii": "d2",
                "dii": "d2",
                "d_iii": "d3",
                "diii": "d3",
                "d_iv": "d4",
                "div": "d4",
                "sarjana_terapan": "d4",
                "s_1": "s1",
                "sarjana": "s1",
                "s_2": "s2",
                "magister": "s2",
                "master": "s2",
                "s_3": "s3",
                "doktor": "s3",
                "d_1": "d1",
                "d_2": "d2",
                "d_3": "d3",
                "d_4": "d4",
            },
        ),
        Enum(
            "performance",
            ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"),
            {"perlu_perbaikan": "butuh_perbaikan"},
            strip_prefixes=("predikat_",),
        ),
        Enum(
            "competency_category",
            ("manajerial", "sosial_kultural", "teknis"),
            {
                "managerial": "manajerial",
                "sosiokultural": "sosial_kultural",
                "sosial_budaya": "sosial_kultural",
                "socio_cultural": "sosial_kultural",
                "technical": "teknis",
            },
            strip_prefixes=("kompetensi_",),
        ),
        Enum(
            "program_form",
            (
                "pelatihan",
                "seminar",
                "workshop",
                "kursus",
                "penataran",
                "bimbingan_teknis",
                "e_learning",
                "coaching",
                "mentoring",
                "magang",
                "detasering",
                "pertukaran",
                "benchmarking",
                "belajar_mandiri",
                "pelatihan_jarak_jauh",
            ),
            {
                "diklat": "pelatihan",
                "training": "pelatihan",
                "lokakarya": "workshop",
                "konferensi": "seminar",
                "bimtek": "bimbingan_teknis",
                "elearning": "e_learning",
                "pembelajaran_elektronik": "e_learning",
                "pjj": "pelatihan_jarak_jauh",
                "pertukaran_pns": "pertukaran",
                "pertukaran_pns_swasta": "pertukaran",
                "self_learning": "belajar_mandiri",
                "studi_banding": "benchmarking",
                "detasemen": "detasering",
                "internship": "magang",
            },
        ),
        Enum(
            "program_mode",
            ("klasikal", "nonklasikal"),
            {
                "non_klasikal": "nonklasikal",
                "classical": "klasikal",
                "non_classical": "nonklasikal",
            },
        ),
        Enum(
            "provider_type",
            ("internal", "lan", "universitas", "lembaga_pelatihan", "organisasi_profesi", "swasta"),
            {
                "lembaga_administrasi_negara": "lan",
                "university": "universitas",
                "perguruan_tinggi": "universitas",
                "bpsdm": "lembaga_pelatihan",
                "lpk": "lembaga_pelatihan",
                "private": "swasta",
                "profesi": "organisasi_profesi",
            },
        ),
        Enum(
            "feedback_dimension",
            ("materi", "metode", "pengajar", "penyelenggaraan", "manfaat"),
            {
                "widyaiswara": "pengajar",
                "narasumber": "pengajar",
                "fasilitator": "pengajar",
                "content": "materi",
                "method": "metode",
                "trainer": "pengajar",
                "organisation": "penyelenggaraan",
                "organization": "penyelenggaraan",
                "usefulness": "manfaat",
                "kegunaan": "manfaat",
            },
        ),
        Enum(
            "service_metric",
            (
                "waiting_minutes",
                "complaints_received",
                "complaints_resolved_in_sla",
                "first_response_days",
            ),
            {
                "waktu_tunggu": "waiting_minutes",
                "waktu_tunggu_menit": "waiting_minutes",
                "pengaduan_diterima": "complaints_received",
                "pengaduan_selesai_tepat_waktu": "complaints_resolved_in_sla",
                "respons_pertama_hari": "first_response_days",
            },
        ),
    )
}

# ---------------------------------------------------------------------------
# Likert answers in words. Keys are normalised labels; values by scale size.
# ---------------------------------------------------------------------------
LIKERT_WORDS: dict[int, dict[str, int]] = {
    5: {
        "sangat_tidak_setuju": 1,
        "sts": 1,
        "tidak_setuju": 2,
        "ts": 2,
        # "Kurang Setuju" is left out on purpose: instruments use it as 2 or as 3.
        "netral": 3,
        "ragu_ragu": 3,
        "ragu": 3,
        "n": 3,
        "r": 3,
        "cukup_setuju": 3,
        "setuju": 4,
        "s": 4,
        "sangat_setuju": 5,
        "ss": 5,
        "sangat_kurang": 1,
        "sangat_buruk": 1,
        "kurang": 2,
        "buruk": 2,
        "kurang_baik": 2,
        "cukup": 3,
        "cukup_baik": 3,
        "baik": 4,
        "sangat_baik": 5,
    },
    4: {
        "sangat_tidak_setuju": 1,
        "sts": 1,
        "tidak_setuju": 2,
        "ts": 2,
        "setuju": 3,
        "s": 3,
        "sangat_setuju": 4,
        "ss": 4,
        "sangat_kurang": 1,
        "tidak_baik": 1,
        "sangat_buruk": 1,
        "kurang": 2,
        "kurang_baik": 2,
        "buruk": 2,
        "baik": 3,
        "sangat_baik": 4,
    },
}

# ---------------------------------------------------------------------------
# Tables.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One column of the contract."""

    name: str
    kind: Kind
    required: bool = False
    enum: str | None = None
    min: float | None = None
    max: float | None = None
    #: Exclusive lower bound (``jp > 0``) rather than inclusive.
    min_exclusive: bool = False
    pattern: str | None = None
    unique: bool = False
    references: tuple[str, str] | None = None
    aliases: tuple[str, ...] = ()
    #: Personal data: read, never shown or written to outputs.
    personal: bool = False
    #: A date of something that has happened: not after the day the data are checked.
    past: bool = False
    description: str = ""

    def allowed(self) -> str:
        """What the contract allows, in words, for error messages."""
        if self.enum:
            return ", ".join(ENUMS[self.enum].values)
        bounds = ""
        if self.min is not None and self.max is not None:
            bounds = f"{_num(self.min)} to {_num(self.max)}"
        elif self.min is not None:
            bounds = f"{'>' if self.min_exclusive else '≥'} {_num(self.min)}"
        elif self.max is not None:
            bounds = f"≤ {_num(self.max)}"
        kind = {
            "int": "a whole number",
            "float": "a number",
            "date": "a date, YYYY-MM-DD or dd/mm/yyyy",
            "bool": "true/false, ya/tidak or 1/0",
            "str": "text",
            "likert": "a number or an Indonesian Likert label",
        }[self.kind]
        return f"{kind} {bounds}".strip()


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


@dataclass(frozen=True)
class Table:
    """One table of the contract."""

    name: str
    fields: tuple[Field, ...]
    #: The dataset must contain this table (or the toolkit ships a default).
    required: bool = True
    #: The toolkit ships a default in ``data/reference`` used when absent.
    reference: bool = False
    #: Column sets that must be unique together.
    unique_together: tuple[tuple[str, ...], ...] = ()
    #: Has one extra column per item of another table (feedback ← feedback_items).
    item_columns_from: str | None = None
    description: str = ""

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)


_REGION = Field(
    "region_id",
    "str",
    required=True,
    pattern=REGION_ID_PATTERN,
    references=("regions", "region_id"),
    aliases=("kode_wilayah", "id_wilayah", "wilayah", "kode_daerah", "daerah"),
    description="region the row belongs to",
)
_EMPLOYEE = Field(
    "employee_id",
    "str",
    required=True,
    references=("employees", "employee_id"),
    aliases=("nip", "nip_pegawai", "id_pegawai", "nip_ni_pppk"),
    personal=True,
    description="employee identifier (NIP: personal data)",
)
_COMPETENCY = Field(
    "competency_id",
    "str",
    required=True,
    references=("competencies", "competency_id"),
    aliases=("kode_kompetensi", "id_kompetensi", "kompetensi"),
    description="competency code, e.g. M.01",
)
_PROGRAM = Field(
    "program_id",
    "str",
    required=True,
    references=("programs", "program_id"),
    aliases=("kode_program", "id_program", "kode_pelatihan", "id_pelatihan"),
    description="programme code",
)
_UNIT = Field(
    "unit",
    "str",
    required=True,
    aliases=("unit_kerja", "perangkat_daerah", "opd", "satuan_kerja", "satker", "unit_layanan"),
    description="perangkat daerah / work unit",
)
_PERIOD = Field(
    "period",
    "str",
    required=True,
    pattern=PERIOD_PATTERN,
    aliases=("periode", "tahun", "triwulan"),
    description="YYYY, YYYY-Qn or YYYY-MM",
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "regions",
            (
                Field(
                    "region_id",
                    "str",
                    required=True,
                    pattern=REGION_ID_PATTERN,
                    unique=True,
                    aliases=_REGION.aliases,
                    description="slug used in output paths",
                ),
                Field(
                    "name",
                    "str",
                    required=True,
                    aliases=("nama", "nama_wilayah", "nama_daerah"),
                    description="display name, e.g. Kota Ambon",
                ),
                Field(
                    "level",
                    "enum",
                    required=True,
                    enum="region_level",
                    aliases=("tingkat", "jenis", "jenis_wilayah", "tingkat_wilayah"),
                ),
                Field("province", "str", aliases=("provinsi",)),
                Field(
                    "parent_id",
                    "str",
                    pattern=REGION_ID_PATTERN,
                    aliases=("induk", "kode_induk", "id_induk"),
                    description="region_id of the parent (need not be a row)",
                ),
            ),
            description="regional governments and other units analysed",
        ),
        Table(
            "employees",
            (
                Field(
                    "employee_id",
                    "str",
                    required=True,
                    unique=True,
                    aliases=_EMPLOYEE.aliases,
                    personal=True,
                    description=_EMPLOYEE.description,
                ),
                _REGION,
                _UNIT,
                Field(
                    "position_type",
                    "enum",
                    required=True,
                    enum="position_type",
                    aliases=("jenis_jabatan", "jabatan_jenis", "kelompok_jabatan"),
                ),
                Field("position_title", "str", aliases=("nama_jabatan", "jabatan")),
                Field(
                    "employment_status",
                    "enum",
                    enum="employment_status",
                    aliases=("status_kepegawaian", "status_pegawai", "status", "jenis_asn"),
                ),
                Field("sex", "enum", enum="sex", aliases=("jenis_kelamin", "jk", "gender")),
                Field(
                    "birth_year",
                    "int",
                    min=1940,
                    max=date.today().year - 17,
                    aliases=("tahun_lahir",),
                ),
                Field(
                    "education",
                    "enum",
                    enum="education",
                    aliases=("pendidikan", "pendidikan_terakhir", "tingkat_pendidikan"),
                ),
                Field(
                    "performance",
                    "enum",
                    enum="performance",
                    aliases=("predikat_kinerja", "kinerja", "hasil_kinerja"),
                ),
                Field(
                    "potential_score",
                    "float",
                    min=0,
                    max=100,
                    aliases=("skor_potensi", "nilai_potensi", "potensi", "potensial"),
                ),
                Field(
                    "name",
                    "str",
                    personal=True,
                    aliases=("nama", "nama_pegawai", "nama_lengkap"),
                    description="personal data: read, never shown or written to outputs",
                ),
            ),
            description="civil servants (ASN) of every region",
        ),
        Table(
            "competencies",
            (
                Field(
                    "competency_id",
                    "str",
                    required=True,
                    unique=True,
                    pattern=COMPETENCY_ID_PATTERN,
                    aliases=_COMPETENCY.aliases,
                ),
                Field(
                    "category",
                    "enum",
                    required=True,
                    enum="competency_category",
                    aliases=("kategori", "jenis_kompetensi", "kelompok"),
                ),
                Field("name_id", "str", required=True, aliases=("nama", "nama_kompetensi")),
                Field("name_en", "str", aliases=("nama_inggris", "name")),
            ),
            reference=True,
            description="competency dictionary (PermenPANRB 38/2017)",
        ),
        Table(
            "standards",
            (
                Field(
                    "position_type",
                    "enum",
                    required=True,
                    enum="position_type",
                    aliases=("jenis_jabatan",),
                ),
                _COMPETENCY,
                Field(
                    "required_level",
                    "int",
                    required=True,
                    min=1,
                    max=5,
                    aliases=("level_standar", "standar", "level_dipersyaratkan", "tingkat_standar"),
                ),
                Field("weight", "float", min=0, min_exclusive=True, aliases=("bobot",)),
            ),
            reference=True,
            unique_together=(("position_type", "competency_id"),),
            description="required level per position type and competency",
        ),
        Table(
            "assessments",
            (
                _EMPLOYEE,
                _COMPETENCY,
                Field(
                    "level",
                    "float",
                    required=True,
                    min=1,
                    max=5,
                    aliases=(
                        "tingkat",
                        "level_capaian",
                        "nilai",
                        "skor",
                        "level_kompetensi",
                        "tingkat_capaian",
                    ),
                ),
                Field(
                    "assessed_on",
                    "date",
                    past=True,
                    aliases=("tanggal_asesmen", "tanggal_penilaian", "tanggal"),
                ),
            ),
            unique_together=(("employee_id", "competency_id", "assessed_on"),),
            description="assessment-centre results, one row per employee, competency and date",
        ),
        Table(
            "tna_survey",
            (
                _EMPLOYEE,
                Field("item_id", "str", required=True, aliases=("kode_item", "item", "tugas")),
                Field(
                    "importance",
                    "int",
                    required=True,
                    min=1,
                    max=7,
                    aliases=("kepentingan", "tingkat_kepentingan"),
                ),
                Field(
                    "performance",
                    "int",
                    required=True,
                    min=1,
                    max=7,
                    aliases=("kinerja", "kemampuan", "tingkat_kinerja"),
                ),
            ),
            required=False,
            unique_together=(("employee_id", "item_id"),),
            description="self-reported training needs (Hennessy-Hicks)",
        ),
        Table(
            "programs",
            (
                Field("program_id", "str", required=True, unique=True, aliases=_PROGRAM.aliases),
                Field(
                    "name", "str", required=True, aliases=("nama", "nama_program", "nama_pelatihan")
                ),
                Field(
                    "form",
                    "enum",
                    required=True,
                    enum="program_form",
                    aliases=("bentuk", "bentuk_pengembangan", "jenis"),
                ),
                Field(
                    "mode",
                    "enum",
                    required=True,
                    enum="program_mode",
                    aliases=("jalur", "metode", "moda"),
                ),
                Field(
                    "jp",
                    "float",
                    required=True,
                    min=0,
                    min_exclusive=True,
                    aliases=("jam_pelajaran", "jumlah_jp"),
                ),
                Field(
                    "provider_type",
                    "enum",
                    enum="provider_type",
                    aliases=("penyelenggara", "jenis_penyelenggara"),
                ),
                Field(
                    "cost_per_participant", "float", min=0, aliases=("biaya_per_peserta", "biaya")
                ),
                Field("capacity", "int", min=1, aliases=("kapasitas", "kuota")),
            ),
            description="training and development programmes (catalogue)",
        ),
        Table(
            "program_competencies",
            (_PROGRAM, _COMPETENCY),
            unique_together=(("program_id", "competency_id"),),
            description="which competencies each programme develops",
        ),
        Table(
            "participation",
            (
                _EMPLOYEE,
                _PROGRAM,
                Field(
                    "start_date",
                    "date",
                    required=True,
                    past=True,
                    aliases=("tanggal_mulai", "mulai"),
                ),
                Field("end_date", "date", aliases=("tanggal_selesai", "selesai")),
                Field("jp", "float", min=0, min_exclusive=True, aliases=("jam_pelajaran",)),
                Field("completed", "bool", aliases=("lulus", "tuntas", "status_selesai")),
                Field("pre_test", "float", min=0, max=100, aliases=("nilai_pre_test", "pretest")),
                Field(
                    "post_test", "float", min=0, max=100, aliases=("nilai_post_test", "posttest")
                ),
                Field(
                    "behaviour_before",
                    "float",
                    min=1,
                    max=5,
                    aliases=("perilaku_sebelum", "behavior_before"),
                ),
                Field(
                    "behaviour_after",
                    "float",
                    min=1,
                    max=5,
                    aliases=("perilaku_sesudah", "behavior_after"),
                ),
            ),
            unique_together=(("employee_id", "program_id", "start_date"),),
            description="who took part in which programme, with Kirkpatrick L2 and L3 measures",
        ),
        Table(
            "feedback",
            (
                Field(
                    "response_id",
                    "str",
                    required=True,
                    unique=True,
                    aliases=("id_respons", "id_responden", "no_respons"),
                ),
                _PROGRAM,
                _REGION,
                Field(
                    "submitted_on",
                    "date",
                    past=True,
                    aliases=("tanggal", "tanggal_isi", "timestamp"),
                ),
                Field(
                    "comment", "str", aliases=("komentar", "saran", "kritik_dan_saran", "masukan")
                ),
            ),
            required=False,
            item_columns_from="feedback_items",
            description="participant reaction survey (Kirkpatrick L1), one column per item",
        ),
        Table(
            "feedback_items",
            (
                Field(
                    "item_id",
                    "str",
                    required=True,
                    unique=True,
                    pattern=ITEM_ID_PATTERN,
                    aliases=("kode_item", "item"),
                ),
                Field(
                    "dimension",
                    "enum",
                    required=True,
                    enum="feedback_dimension",
                    aliases=("dimensi", "aspek"),
                ),
                Field("text_id", "str", required=True, aliases=("pertanyaan", "teks")),
                Field("text_en", "str", aliases=("question",)),
                Field("scale_max", "int", min=4, max=5, aliases=("skala", "skala_maks")),
                Field("reversed", "bool", aliases=("terbalik", "dibalik")),
            ),
            reference=True,
            description="items of the participant survey",
        ),
        Table(
            "service_survey",
            (
                Field(
                    "response_id",
                    "str",
                    required=True,
                    unique=True,
                    aliases=("id_respons", "id_responden", "no_responden"),
                ),
                _REGION,
                _UNIT,
                _PERIOD,
                *(
                    Field(f"u{i}", "int", required=True, min=1, max=4, aliases=(f"unsur_{i}",))
                    for i in range(1, 10)
                ),
            ),
            required=False,
            description="Survei Kepuasan Masyarakat, nine elements (PermenPANRB 14/2017)",
        ),
        Table(
            "service_metrics",
            (
                _REGION,
                _UNIT,
                _PERIOD,
                Field(
                    "metric",
                    "enum",
                    required=True,
                    enum="service_metric",
                    aliases=("indikator", "ukuran"),
                ),
                Field("value", "float", required=True, min=0, aliases=("nilai",)),
            ),
            required=False,
            unique_together=(("region_id", "unit", "period", "metric"),),
            description="other public-service outcomes",
        ),
    )
}

#: Load order: every table comes after the tables it references or takes columns from.
TABLE_ORDER: tuple[str, ...] = (
    "regions",
    "competencies",
    "standards",
    "employees",
    "assessments",
    "tna_survey",
    "programs",
    "program_competencies",
    "participation",
    "feedback_items",
    "feedback",
    "service_survey",
    "service_metrics",
)
#: Tables holding a region_id column directly.
REGIONAL_TABLES = ("employees", "feedback", "service_survey", "service_metrics")
#: Tables tied to a region through employee_id.
EMPLOYEE_TABLES = ("assessments", "tna_survey", "participation")


# ---------------------------------------------------------------------------
# Normalisation helpers shared by loaders and the sample generator.
# ---------------------------------------------------------------------------
_SEPARATORS = re.compile(r"[\s\-./\\]+")


def normalise_token(text: str) -> str:
    """Lower-case ``text`` and join its words with underscores.

    >>> normalise_token("  Jabatan  Fungsional - Ahli Muda ")
    'jabatan_fungsional_ahli_muda'
    """
    token = _SEPARATORS.sub("_", str(text).strip().lower().replace("\ufeff", ""))
    return token.strip("_")


def _header_map(table: Table) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for f in table.fields:
        mapping[normalise_token(f.name)] = f.name
        for alias in f.aliases:
            mapping.setdefault(normalise_token(alias), f.name)
    return mapping


_HEADER_MAPS = {name: _header_map(t) for name, t in TABLES.items()}


def canonical_header(table: str, header: str) -> str:
    """The canonical column name for ``header`` in ``table``; else its normalised form."""
    token = normalise_token(header)
    return _HEADER_MAPS[table].get(token, token)


def _enum_lookup(enum: Enum) -> dict[str, str]:
    lookup = {v: v for v in enum.values}
    lookup.update({normalise_token(k): v for k, v in enum.aliases.items()})
    return lookup


_ENUM_LOOKUPS = {name: _enum_lookup(e) for name, e in ENUMS.items()}


def canonical_enum_value(enum: str, raw: str) -> str | None:
    """The canonical value of enumeration ``enum`` for ``raw``, or ``None``.

    >>> canonical_enum_value("education", "D-III")
    'd3'
    >>> canonical_enum_value("sex", "Perempuan")
    'p'
    >>> canonical_enum_value("position_type", "JF Ahli Pertama")
    'fungsional_ahli_pertama'
    >>> canonical_enum_value("position_type", "Direktur") is None
    True
    """
    token = normalise_token(raw)
    lookup = _ENUM_LOOKUPS[enum]
    if token in lookup:
        return lookup[token]
    for prefix in ENUMS[enum].strip_prefixes:
        if token.startswith(prefix) and token[len(prefix) :] in lookup:
            return lookup[token[len(prefix) :]]
    return None
