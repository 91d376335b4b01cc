"""Every word a reader sees, in Bahasa Indonesia (default) and English.

One translation table, :data:`TRANSLATIONS`, keyed by language and then by a
dotted key:

``enum.<enumeration>.<value>``
    the label of a canonical enumeration value (every enumeration of
    :data:`kompetensi_toolkit.schema.ENUMS`, plus ``position_group``);
``col.<column>``
    a column or axis label;
``title.*``, ``heading.*``, ``text.*``, ``chart.*``, ``prov.*``, ``index.*``, ``value.*``
    titles, headings, sentence templates (``str.format`` fields) and the words
    of the report index.

Numbers are written the way readers of each language expect: ``1.234`` and
``12,5%`` in Indonesian, ``1,234`` and ``12.5%`` in English.

Examples
--------
>>> enum_label("position_type", "fungsional_ahli_muda")
'JF Ahli Muda'
>>> enum_label("region_level", "kota", lang="en")
'City'
>>> label("col.unit", lang="en")
'Work unit'
>>> format_number(1234567)
'1.234.567'
>>> format_percent(0.125, lang="en")
'12.5%'
"""

from __future__ import annotations

import html
import math
import re

from kompetensi_toolkit import config
from kompetensi_toolkit.exceptions import ParameterError

__all__ = [
    "ENUM_COLUMNS",
    "TRANSLATIONS",
    "check_lang",
    "column_label",
    "enum_label",
    "enum_labels",
    "format_number",
    "format_percent",
    "label",
    "md_escape",
    "text",
]

#: The coarse position groups used in reports, in display order (see
#: :func:`kompetensi_toolkit.overview.position_group`).
POSITION_GROUPS: tuple[str, ...] = (
    "jpt",
    "administrator",
    "pengawas",
    "pelaksana",
    "fungsional_ahli",
    "fungsional_keterampilan",
)

#: Canonical column names whose values are enumeration values, and the enumeration.
ENUM_COLUMNS: dict[str, str] = {
    "level": "region_level",
    "region_level": "region_level",
    "position_type": "position_type",
    "position_group": "position_group",
    "employment_status": "employment_status",
    "sex": "sex",
    "education": "education",
    "performance": "performance",
    "category": "competency_category",
    "form": "program_form",
    "mode": "program_mode",
    "provider_type": "provider_type",
    "dimension": "feedback_dimension",
    "metric": "service_metric",
}

_ID: dict[str, str] = {
    # -- enumerations -------------------------------------------------------
    "enum.region_level.provinsi": "Provinsi",
    "enum.region_level.kabupaten": "Kabupaten",
    "enum.region_level.kota": "Kota",
    "enum.region_level.kecamatan": "Kecamatan",
    "enum.region_level.instansi": "Instansi",
    "enum.position_type.jpt_utama": "JPT Utama",
    "enum.position_type.jpt_madya": "JPT Madya",
    "enum.position_type.jpt_pratama": "JPT Pratama",
    "enum.position_type.administrator": "Administrator",
    "enum.position_type.pengawas": "Pengawas",
    "enum.position_type.pelaksana": "Pelaksana",
    "enum.position_type.fungsional_ahli_utama": "JF Ahli Utama",
    "enum.position_type.fungsional_ahli_madya": "JF Ahli Madya",
    "enum.position_type.fungsional_ahli_muda": "JF Ahli Muda",
    "enum.position_type.fungsional_ahli_pertama": "JF Ahli Pertama",
    "enum.position_type.fungsional_penyelia": "JF Penyelia",
    "enum.position_type.fungsional_mahir": "JF Mahir",
    "enum.position_type.fungsional_terampil": "JF Terampil",
    "enum.position_type.fungsional_pemula": "JF Pemula",
    "enum.position_group.jpt": "Pimpinan Tinggi (JPT)",
    "enum.position_group.administrator": "Administrator",
    "enum.position_group.pengawas": "Pengawas",
    "enum.position_group.pelaksana": "Pelaksana",
    "enum.position_group.fungsional_ahli": "Fungsional Keahlian",
    "enum.position_group.fungsional_keterampilan": "Fungsional Keterampilan",
    "enum.employment_status.pns": "PNS",
    "enum.employment_status.pppk": "PPPK",
    "enum.sex.l": "Laki-laki",
    "enum.sex.p": "Perempuan",
    "enum.education.sd": "SD",
    "enum.education.smp": "SMP",
    "enum.education.sma": "SMA/SMK",
    "enum.education.d1": "D-I",
    "enum.education.d2": "D-II",
    "enum.education.d3": "D-III",
    "enum.education.d4": "D-IV",
    "enum.education.s1": "S-1",
    "enum.education.s2": "S-2",
    "enum.education.s3": "S-3",
    "enum.performance.sangat_baik": "Sangat Baik",
    "enum.performance.baik": "Baik",
    "enum.performance.butuh_perbaikan": "Butuh Perbaikan",
    "enum.performance.kurang": "Kurang",
    "enum.performance.sangat_kurang": "Sangat Kurang",
    "enum.competency_category.manajerial": "Manajerial",
    "enum.competency_category.sosial_kultural": "Sosial Kultural",
    "enum.competency_category.teknis": "Teknis",
    "enum.program_form.pelatihan": "Pelatihan",
    "enum.program_form.seminar": "Seminar",
    "enum.program_form.workshop": "Lokakarya",
    "enum.program_form.kursus": "Kursus",
    "enum.program_form.penataran": "Penataran",
    "enum.program_form.bimbingan_teknis": "Bimbingan Teknis",
    "enum.program_form.e_learning": "E-learning",
    "enum.program_form.coaching": "Coaching",
    "enum.program_form.mentoring": "Mentoring",
    "enum.program_form.magang": "Magang",
    "enum.program_form.detasering": "Detasering",
    "enum.program_form.pertukaran": "Pertukaran Pegawai",
    "enum.program_form.benchmarking": "Benchmarking",
    "enum.program_form.belajar_mandiri": "Belajar Mandiri",
    "enum.program_form.pelatihan_jarak_jauh": "Pelatihan Jarak Jauh",
    "enum.program_mode.klasikal": "Klasikal",
    "enum.program_mode.nonklasikal": "Nonklasikal",
    "enum.provider_type.internal": "Internal",
    "enum.provider_type.lan": "LAN",
    "enum.provider_type.universitas": "Perguruan Tinggi",
    "enum.provider_type.lembaga_pelatihan": "Lembaga Pelatihan",
    "enum.provider_type.organisasi_profesi": "Organisasi Profesi",
    "enum.provider_type.swasta": "Swasta",
    "enum.feedback_dimension.materi": "Materi",
    "enum.feedback_dimension.metode": "Metode",
    "enum.feedback_dimension.pengajar": "Pengajar",
    "enum.feedback_dimension.penyelenggaraan": "Penyelenggaraan",
    "enum.feedback_dimension.manfaat": "Manfaat",
    "enum.service_metric.waiting_minutes": "Waktu tunggu (menit)",
    "enum.service_metric.complaints_received": "Pengaduan diterima",
    "enum.service_metric.complaints_resolved_in_sla": "Pengaduan selesai tepat waktu",
    "enum.service_metric.first_response_days": "Respons pertama (hari)",
    # -- columns and axes ---------------------------------------------------
    "col.region": "Wilayah",
    "col.name": "Nama",
    "col.level": "Tingkat",
    "col.province": "Provinsi",
    "col.unit": "Unit kerja",
    "col.n": "Jumlah pegawai",
    "col.share": "Persentase",
    "col.position_type": "Jenis jabatan",
    "col.position_group": "Kelompok jabatan",
    "col.employment_status": "Status kepegawaian",
    "col.competency_id": "Kode",
    "col.competency": "Kompetensi",
    "col.category": "Kelompok kompetensi",
    "col.n_assessed": "Pegawai yang diases",
    "col.n_staff": "Jumlah pegawai",
    "col.share_assessed": "Cakupan asesmen",
    "col.report": "Laporan",
    "col.status": "Status",
    # -- values shown in cells ----------------------------------------------
    "value.below": "< {threshold}",
    "value.hidden": "disembunyikan",
    "value.missing": "tidak diketahui",
    # -- the overview report --------------------------------------------------
    "title.overview": "Ikhtisar ASN {region}",
    "text.subtitle": "{level} · Provinsi {province}",
    "text.subtitle_no_province": "{level}",
    "text.summary": (
        "{region} memiliki **{headcount} ASN** yang tersebar di **{units} unit kerja**."
    ),
    "text.summary_status": "Sebanyak **{share_pns}** berstatus PNS dan **{share_pppk}** PPPK.",
    "text.summary_status_small": (
        "Sebagian besar pegawai berstatus {major}; pegawai {minor} berjumlah kurang dari "
        "{threshold} orang."
    ),
    "text.summary_status_unknown": "Status kepegawaian {n} pegawai tidak tercatat.",
    "text.summary_coverage": (
        "**{share_assessed}** pegawai ({n_assessed} orang) sudah pernah mengikuti asesmen "
        "kompetensi, pada {n_competencies} kompetensi."
    ),
    "text.summary_coverage_small": (
        "Kurang dari {threshold} pegawai yang sudah pernah mengikuti asesmen kompetensi."
    ),
    "text.summary_coverage_none": "Belum ada pegawai yang tercatat mengikuti asesmen kompetensi.",
    "text.summary_largest_group": (
        "Kelompok jabatan terbesar adalah **{group}** ({share} dari seluruh pegawai)."
    ),
    "heading.key_figures": "Angka utama",
    "heading.by_unit": "Jumlah pegawai per unit kerja",
    "heading.by_position": "Jumlah pegawai per jenis jabatan",
    "heading.coverage": "Cakupan asesmen kompetensi",
    "heading.provenance": "Asal-usul laporan",
    "text.by_unit_intro": (
        "Tabel berikut menunjukkan sebaran {headcount} pegawai di {units} unit kerja."
    ),
    "text.by_position_intro": (
        "Grafik menunjukkan jumlah pegawai per kelompok jabatan; tabel merinci per jenis jabatan."
    ),
    "text.coverage_intro": (
        "Persentase pegawai yang sudah diases untuk setiap kompetensi (dari {headcount} pegawai)."
    ),
    "text.no_rows": "Tidak ada data untuk bagian ini.",
    "text.suppressed_none": (
        "Tidak ada angka yang disembunyikan: setiap kelompok berisi sedikitnya {threshold} orang."
    ),
    "text.suppressed_small": (
        "{n} angka disembunyikan (ditulis “< {threshold}”) karena kelompoknya berisi kurang dari "
        "{threshold} orang, untuk melindungi data pribadi."
    ),
    "text.suppressed_complementary": (
        "{n} angka lain juga disembunyikan agar angka yang tersembunyi tidak dapat dihitung "
        "dari total."
    ),
    "text.suppressed_small_one": (
        "1 angka disembunyikan (ditulis “< {threshold}”) karena kelompoknya berisi kurang dari "
        "{threshold} orang, untuk melindungi data pribadi."
    ),
    "text.suppressed_complementary_one": (
        "1 angka lain juga disembunyikan agar angka yang tersembunyi tidak dapat dihitung "
        "dari total."
    ),
    "text.provenance_intro": (
        "Laporan ini dibuat otomatis dari data agregat; tidak memuat data pribadi pegawai."
    ),
    "chart.by_position_group": "Jumlah pegawai per kelompok jabatan",
    "chart.coverage": "Cakupan asesmen per kompetensi",
    "chart.suppressed_note": "< {threshold}: disembunyikan",
    "prov.region_id": "Wilayah (region_id)",
    "prov.data_dir": "Folder data",
    "prov.lang": "Bahasa",
    "prov.min_group_size": "Ukuran kelompok minimum",
    "prov.data_hash": "Sidik data (SHA-256)",
    "prov.run_at": "Waktu pembuatan",
    "prov.versions": "Versi perangkat lunak",
    # -- the index of reports -----------------------------------------------
    "index.title": "Laporan per wilayah",
    "index.intro": (
        "Setiap tautan membuka laporan satu wilayah. Semua laporan dapat dibuka tanpa internet."
    ),
    "index.generated": "Dibuat pada {when}.",
    "index.status.ok": "selesai",
    "index.status.failed": "gagal",
    "index.status.earlier": "dari proses sebelumnya",
    "index.template.overview": "Ikhtisar",
    "index.none": "Belum ada laporan.",
}

_EN: dict[str, str] = {
    "enum.region_level.provinsi": "Province",
    "enum.region_level.kabupaten": "Regency",
    "enum.region_level.kota": "City",
    "enum.region_level.kecamatan": "District",
    "enum.region_level.instansi": "Agency",
    "enum.position_type.jpt_utama": "Senior Executive (Principal)",
    "enum.position_type.jpt_madya": "Senior Executive (Middle)",
    "enum.position_type.jpt_pratama": "Senior Executive (Primary)",
    "enum.position_type.administrator": "Administrator",
    "enum.position_type.pengawas": "Supervisor",
    "enum.position_type.pelaksana": "Operational staff",
    "enum.position_type.fungsional_ahli_utama": "Functional, Expert (Principal)",
    "enum.position_type.fungsional_ahli_madya": "Functional, Expert (Middle)",
    "enum.position_type.fungsional_ahli_muda": "Functional, Expert (Junior)",
    "enum.position_type.fungsional_ahli_pertama": "Functional, Expert (Entry)",
    "enum.position_type.fungsional_penyelia": "Functional, Skilled (Supervisor)",
    "enum.position_type.fungsional_mahir": "Functional, Skilled (Advanced)",
    "enum.position_type.fungsional_terampil": "Functional, Skilled",
    "enum.position_type.fungsional_pemula": "Functional, Skilled (Entry)",
    "enum.position_group.jpt": "Senior executives (JPT)",
    "enum.position_group.administrator": "Administrators",
    "enum.position_group.pengawas": "Supervisors",
    "enum.position_group.pelaksana": "Operational staff",
    "enum.position_group.fungsional_ahli": "Functional, expert",
    "enum.position_group.fungsional_keterampilan": "Functional, skilled",
    "enum.employment_status.pns": "Civil servant (PNS)",
    "enum.employment_status.pppk": "Contract civil servant (PPPK)",
    "enum.sex.l": "Male",
    "enum.sex.p": "Female",
    "enum.education.sd": "Primary school",
    "enum.education.smp": "Junior secondary",
    "enum.education.sma": "Senior secondary",
    "enum.education.d1": "Diploma I",
    "enum.education.d2": "Diploma II",
    "enum.education.d3": "Diploma III",
    "enum.education.d4": "Applied bachelor (D-IV)",
    "enum.education.s1": "Bachelor",
    "enum.education.s2": "Master",
    "enum.education.s3": "Doctorate",
    "enum.performance.sangat_baik": "Outstanding",
    "enum.performance.baik": "Good",
    "enum.performance.butuh_perbaikan": "Needs improvement",
    "enum.performance.kurang": "Poor",
    "enum.performance.sangat_kurang": "Very poor",
    "enum.competency_category.manajerial": "Managerial",
    "enum.competency_category.sosial_kultural": "Socio-cultural",
    "enum.competency_category.teknis": "Technical",
    "enum.program_form.pelatihan": "Training course",
    "enum.program_form.seminar": "Seminar",
    "enum.program_form.workshop": "Workshop",
    "enum.program_form.kursus": "Course",
    "enum.program_form.penataran": "Upgrading course",
    "enum.program_form.bimbingan_teknis": "Technical guidance",
    "enum.program_form.e_learning": "E-learning",
    "enum.program_form.coaching": "Coaching",
    "enum.program_form.mentoring": "Mentoring",
    "enum.program_form.magang": "Internship",
    "enum.program_form.detasering": "Secondment",
    "enum.program_form.pertukaran": "Staff exchange",
    "enum.program_form.benchmarking": "Benchmarking",
    "enum.program_form.belajar_mandiri": "Self-study",
    "enum.program_form.pelatihan_jarak_jauh": "Distance learning",
    "enum.program_mode.klasikal": "Classroom",
    "enum.program_mode.nonklasikal": "Non-classroom",
    "enum.provider_type.internal": "In-house",
    "enum.provider_type.lan": "National Institute of Public Administration (LAN)",
    "enum.provider_type.universitas": "University",
    "enum.provider_type.lembaga_pelatihan": "Training institute",
    "enum.provider_type.organisasi_profesi": "Professional association",
    "enum.provider_type.swasta": "Private provider",
    "enum.feedback_dimension.materi": "Content",
    "enum.feedback_dimension.metode": "Method",
    "enum.feedback_dimension.pengajar": "Trainer",
    "enum.feedback_dimension.penyelenggaraan": "Organisation",
    "enum.feedback_dimension.manfaat": "Usefulness",
    "enum.service_metric.waiting_minutes": "Waiting time (minutes)",
    "enum.service_metric.complaints_received": "Complaints received",
    "enum.service_metric.complaints_resolved_in_sla": "Complaints resolved on time",
    "enum.service_metric.first_response_days": "First response (days)",
    "col.region": "Region",
    "col.name": "Name",
    "col.level": "Level",
    "col.province": "Province",
    "col.unit": "Work unit",
    "col.n": "Number of staff",
    "col.share": "Share",
    "col.position_type": "Position type",
    "col.position_group": "Position group",
    "col.employment_status": "Employment status",
    "col.competency_id": "Code",
    "col.competency": "Competency",
    "col.category": "Competency group",
    "col.n_assessed": "Staff assessed",
    "col.n_staff": "Number of staff",
    "col.share_assessed": "Assessment coverage",
    "col.report": "Report",
    "col.status": "Status",
    "value.below": "< {threshold}",
    "value.hidden": "hidden",
    "value.missing": "unknown",
    "title.overview": "Civil service overview: {region}",
    "text.subtitle": "{level} · {province} Province",
    "text.subtitle_no_province": "{level}",
    "text.summary": (
        "{region} employs **{headcount} civil servants (ASN)** across **{units} work units**."
    ),
    "text.summary_status": "**{share_pns}** are PNS and **{share_pppk}** are PPPK.",
    "text.summary_status_small": ("Most staff are {major}; fewer than {threshold} are {minor}."),
    "text.summary_status_unknown": "The employment status of {n} staff is not recorded.",
    "text.summary_coverage": (
        "**{share_assessed}** of staff ({n_assessed} people) have had at least one competency "
        "assessment, covering {n_competencies} competencies."
    ),
    "text.summary_coverage_small": (
        "Fewer than {threshold} staff have had a competency assessment."
    ),
    "text.summary_coverage_none": "No member of staff has a recorded competency assessment yet.",
    "text.summary_largest_group": (
        "The largest position group is **{group}** ({share} of all staff)."
    ),
    "heading.key_figures": "Key figures",
    "heading.by_unit": "Staff by work unit",
    "heading.by_position": "Staff by position type",
    "heading.coverage": "Competency assessment coverage",
    "heading.provenance": "About this report",
    "text.by_unit_intro": (
        "The table shows how the {headcount} staff are spread over {units} work units."
    ),
    "text.by_position_intro": (
        "The chart shows staff numbers by position group; "
        "the table breaks them down by position type."
    ),
    "text.coverage_intro": (
        "Share of staff assessed in each competency (out of {headcount} staff)."
    ),
    "text.no_rows": "There is no data for this section.",
    "text.suppressed_none": ("No number is hidden: every group holds at least {threshold} people."),
    "text.suppressed_small": (
        "{n} numbers are hidden (shown as “< {threshold}”) because their group holds fewer than "
        "{threshold} people, to protect personal data."
    ),
    "text.suppressed_complementary": (
        "{n} further numbers are hidden so that the hidden numbers cannot be worked out from the "
        "total."
    ),
    "text.suppressed_small_one": (
        "1 number is hidden (shown as “< {threshold}”) because its group holds fewer than "
        "{threshold} people, to protect personal data."
    ),
    "text.suppressed_complementary_one": (
        "1 further number is hidden so that the hidden number cannot be worked out from the total."
    ),
    "text.provenance_intro": (
        "This report was produced automatically from aggregate data; it holds no personal data."
    ),
    "chart.by_position_group": "Staff by position group",
    "chart.coverage": "Assessment coverage by competency",
    "chart.suppressed_note": "< {threshold}: hidden",
    "prov.region_id": "Region (region_id)",
    "prov.data_dir": "Data folder",
    "prov.lang": "Language",
    "prov.min_group_size": "Minimum group size",
    "prov.data_hash": "Data fingerprint (SHA-256)",
    "prov.run_at": "Produced at",
    "prov.versions": "Software versions",
    "index.title": "Reports by region",
    "index.intro": (
        "Each link opens one region's report. Every report opens without internet access."
    ),
    "index.generated": "Produced on {when}.",
    "index.status.ok": "done",
    "index.status.failed": "failed",
    "index.status.earlier": "from an earlier run",
    "index.template.overview": "Overview",
    "index.none": "No report yet.",
}

#: The one translation table: language → key → text.
TRANSLATIONS: dict[str, dict[str, str]] = {"id": _ID, "en": _EN}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|$~])")


def check_lang(lang: object, where: str = "label") -> str:
    """Return ``lang`` if it is a report language, else raise :class:`ParameterError`.

    Parameters
    ----------
    lang : object
        The value to check.
    where : str
        The function or template named in the error message.

    Examples
    --------
    >>> check_lang("en")
    'en'
    >>> check_lang("fr", where="text")
    Traceback (most recent call last):
    ...
    kompetensi_toolkit.exceptions.ParameterError: The 'lang' parameter of text must be one of \
'id', 'en'. Got 'fr' instead.
    """
    if not isinstance(lang, str) or lang not in config.LANGUAGES:
        allowed = ", ".join(repr(x) for x in config.LANGUAGES)
        raise ParameterError(
            f"The 'lang' parameter of {where} must be one of {allowed}. Got {lang!r} instead."
        )
    return lang


def label(key: str, lang: str = config.DEFAULT_LANG) -> str:
    """The text of ``key`` in ``lang``, as it is (no formatting).

    Parameters
    ----------
    key : str
        A key of :data:`TRANSLATIONS`, e.g. ``"col.unit"``.
    lang : {"id", "en"}
        Language of the reader.

    Returns
    -------
    str

    Examples
    --------
    >>> label("col.position_group")
    'Kelompok jabatan'
    >>> label("col.nope")
    Traceback (most recent call last):
    ...
    kompetensi_toolkit.exceptions.ParameterError: The 'key' parameter of label must be a key of \
labels.TRANSLATIONS. Got 'col.nope' instead.
    """
    table = TRANSLATIONS[check_lang(lang, "label")]
    try:
        return table[key]
    except KeyError:
        raise ParameterError(
            f"The 'key' parameter of label must be a key of labels.TRANSLATIONS. "
            f"Got {key!r} instead."
        ) from None


def text(key: str, lang: str = config.DEFAULT_LANG, **fmt: object) -> str:
    """The sentence template ``key`` in ``lang``, filled with ``fmt``.

    Parameters
    ----------
    key : str
        A key of :data:`TRANSLATIONS`.
    lang : {"id", "en"}
        Language of the reader.
    **fmt
        Values for the template's ``{fields}``; they are inserted as given (format
        numbers with :func:`format_number` / :func:`format_percent`, escape free
        text with :func:`md_escape` first when the result is Markdown).

    Returns
    -------
    str

    Examples
    --------
    >>> text("text.suppressed_small", "en", n=2, threshold=5)[:40]
    '2 numbers are hidden (shown as “< 5”) be'
    """
    template = label(key, check_lang(lang, "text"))
    try:
        return template.format(**fmt)
    except KeyError as err:
        raise ParameterError(
            f"The template {key!r} needs a value for {err.args[0]!r}. Got only "
            f"{sorted(fmt)} instead."
        ) from None


def enum_label(enum: str, value: object, lang: str = config.DEFAULT_LANG) -> str:
    """The reader's label of one canonical enumeration value.

    Parameters
    ----------
    enum : str
        Name of an enumeration of :data:`kompetensi_toolkit.schema.ENUMS`, or
        ``"position_group"``.
    value : object
        A canonical value; missing values (``None``, ``NA``, ``NaN``) get the
        label ``value.missing``.
    lang : {"id", "en"}

    Returns
    -------
    str

    Examples
    --------
    >>> enum_label("employment_status", "pppk", "en")
    'Contract civil servant (PPPK)'
    >>> enum_label("sex", None)
    'tidak diketahui'
    """
    check_lang(lang, "enum_label")
    if _is_missing(value):
        return label("value.missing", lang)
    key = f"enum.{enum}.{value}"
    if key not in TRANSLATIONS[lang]:
        raise ParameterError(
            f"The 'value' parameter of enum_label must be a canonical value of the "
            f"{enum!r} enumeration. Got {value!r} instead."
        )
    return TRANSLATIONS[lang][key]


def enum_labels(enum: str, lang: str = config.DEFAULT_LANG) -> dict[str, str]:
    """All labels of one enumeration, canonical value → label, in display order.

    Examples
    --------
    >>> enum_labels("program_mode", "en")
    {'klasikal': 'Classroom', 'nonklasikal': 'Non-classroom'}
    """
    check_lang(lang, "enum_labels")
    prefix = f"enum.{enum}."
    out = {k[len(prefix) :]: v for k, v in TRANSLATIONS[lang].items() if k.startswith(prefix)}
    if not out:
        raise ParameterError(
            f"The 'enum' parameter of enum_labels must name an enumeration. Got {enum!r} instead."
        )
    return out


def column_label(column: str, lang: str = config.DEFAULT_LANG) -> str:
    """The reader's header for a canonical column name (the name itself if none is known).

    Examples
    --------
    >>> column_label("share_assessed")
    'Cakupan asesmen'
    >>> column_label("name_en", "en")
    'Name'
    """
    check_lang(lang, "column_label")
    key = f"col.{column}"
    if key in TRANSLATIONS[lang]:
        return TRANSLATIONS[lang][key]
    if column in {"name_id", "name_en"}:
        return TRANSLATIONS[lang]["col.name"]
    return column


def format_number(value: object, lang: str = config.DEFAULT_LANG, decimals: int = 0) -> str:
    """Write a number as readers of ``lang`` expect.

    Examples
    --------
    >>> format_number(1234.5, "id", decimals=1)
    '1.234,5'
    >>> format_number(1234.5, "en", decimals=1)
    '1,234.5'
    >>> format_number(None)
    'tidak diketahui'
    """
    check_lang(lang, "format_number")
    if _is_missing(value):
        return label("value.missing", lang)
    body = f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]
    if lang == "id":
        body = body.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return body


def format_percent(share: object, lang: str = config.DEFAULT_LANG, decimals: int = 1) -> str:
    """Write a share (0..1) as a percentage.

    Examples
    --------
    >>> format_percent(0.7854)
    '78,5%'
    >>> format_percent(1.0, "en")
    '100.0%'
    """
    check_lang(lang, "format_percent")
    if _is_missing(share):
        return label("value.missing", lang)
    return format_number(100 * float(share), lang, decimals) + "%"  # type: ignore[arg-type]


def md_escape(value: object) -> str:
    """Make a data value safe inside generated Markdown.

    HTML special characters are escaped and the Markdown punctuation that acts
    inside a sentence (emphasis, links, code, tables, and ``$``, which would
    start a formula) is backslash-escaped, so a unit called ``<b>Dinas</b>``
    or ``Dinas *A*`` is shown literally and never interpreted.

    Examples
    --------
    >>> md_escape("Dinas *Pendidikan* <b>")
    'Dinas \\\\*Pendidikan\\\\* &lt;b&gt;'
    """
    escaped = html.escape(str(value), quote=False)
    # html.escape produced "&lt;" etc.; escape only what Markdown would interpret.
    return _MD_SPECIAL.sub(r"\\\1", escaped.replace("&", "\0")).replace("\0", "&")


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return True
    except ImportError:  # pragma: no cover
        pass
    return isinstance(value, float) and math.isnan(value)
