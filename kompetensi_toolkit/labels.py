"""Every word a reader sees, in Bahasa Indonesia (default) and English.

One translation table, :data:`TRANSLATIONS`, keyed by language and then by a
dotted key:

``enum.<enumeration>.<value>``
    the label of a canonical enumeration value (every enumeration of
    :data:`kompetensi_toolkit.schema.ENUMS`, plus ``position_group``, the JPM
    categories ``jpm_category``, the 9-box axes ``performance_axis`` and
    ``potential_axis``, ``talent_action``, ``tna_quadrant`` and the task
    items ``tna_item`` of the sample needs survey);
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
    "OPEN_ENUMS",
    "TRANSLATIONS",
    "check_lang",
    "column_label",
    "enum_label",
    "enum_labels",
    "format_number",
    "format_percent",
    "humanize",
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
    "jpm_category": "jpm_category",
    "category_target": "jpm_category",
    "performance_axis": "performance_axis",
    "potential_axis": "potential_axis",
    "quadrant": "tna_quadrant",
    "item_id": "tna_item",
    "potential_source": "potential_source",
}

#: Enumerations whose values come from the data (task items of a needs survey):
#: a value without a label is shown as readable text instead of raising.
OPEN_ENUMS: frozenset[str] = frozenset({"tna_item"})

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
    "enum.jpm_category.Optimal": "Optimal",
    "enum.jpm_category.Cukup Optimal": "Cukup Optimal",
    "enum.jpm_category.Kurang Optimal": "Kurang Optimal",
    "enum.jpm_category.Memenuhi Syarat": "Memenuhi Syarat",
    "enum.jpm_category.Masih Memenuhi Syarat": "Masih Memenuhi Syarat",
    "enum.jpm_category.Kurang Memenuhi Syarat": "Kurang Memenuhi Syarat",
    "enum.performance_axis.1": "Di bawah ekspektasi",
    "enum.performance_axis.2": "Sesuai ekspektasi",
    "enum.performance_axis.3": "Di atas ekspektasi",
    "enum.potential_axis.1": "Rendah",
    "enum.potential_axis.2": "Menengah",
    "enum.potential_axis.3": "Tinggi",
    "enum.talent_action.promote": "Dipromosikan",
    "enum.talent_action.retain": "Dipertahankan",
    "enum.talent_action.national_succession": "Masuk kelompok rencana suksesi nasional",
    "enum.talent_action.agency_succession": "Masuk kelompok rencana suksesi instansi",
    "enum.talent_action.rotation": "Rotasi",
    "enum.talent_action.rotation_enrichment": "Rotasi atau pengayaan jabatan",
    "enum.talent_action.performance_coaching": "Bimbingan kinerja",
    "enum.talent_action.performance_counselling": "Konseling kinerja",
    "enum.talent_action.competency_development": "Pengembangan kompetensi",
    "enum.talent_action.right_placement": "Penempatan yang sesuai",
    "enum.talent_action.per_regulation": "Ditangani sesuai ketentuan peraturan perundang-undangan",
    "enum.tna_quadrant.priority": "Prioritas",
    "enum.tna_quadrant.develop": "Dikembangkan",
    "enum.tna_quadrant.maintain": "Dipertahankan",
    "enum.tna_quadrant.low_priority": "Prioritas rendah",
    "enum.tna_item.analisis_data_sederhana": "Analisis data sederhana",
    "enum.tna_item.komunikasi_publik_media_sosial": "Komunikasi publik melalui media sosial",
    "enum.tna_item.koordinasi_lintas_unit": "Koordinasi lintas unit",
    "enum.tna_item.pelayanan_pengaduan": "Pelayanan pengaduan",
    "enum.tna_item.pelayanan_tatap_muka": "Pelayanan tatap muka",
    "enum.tna_item.pengadaan_barang_jasa": "Pengadaan barang/jasa",
    "enum.tna_item.pengelolaan_arsip_dinamis": "Pengelolaan arsip dinamis",
    "enum.tna_item.pengelolaan_keuangan": "Pengelolaan keuangan",
    "enum.tna_item.penggunaan_aplikasi_sipd": "Penggunaan aplikasi SIPD",
    "enum.tna_item.penggunaan_aplikasi_srikandi": "Penggunaan aplikasi SRIKANDI",
    "enum.tna_item.penulisan_naskah_dinas": "Penulisan naskah dinas",
    "enum.tna_item.penyusunan_anggaran": "Penyusunan anggaran",
    "enum.tna_item.penyusunan_laporan_kinerja": "Penyusunan laporan kinerja",
    "enum.tna_item.penyusunan_sop": "Penyusunan SOP",
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
    "col.jpm_category": "Kategori JPM",
    "col.n_group": "Jumlah pegawai dalam kelompok",
    "col.n_below": "Di bawah standar",
    "col.share_below": "Di bawah standar",
    "col.mean_gap": "Rata-rata selisih level",
    "col.mean_level": "Rata-rata level capaian",
    "col.mean_required": "Rata-rata level standar",
    "col.n_candidates": "Kandidat",
    "col.n_ready": "Siap",
    "col.share_ready": "Persentase siap",
    "col.item_id": "Tugas",
    "col.item": "Tugas",
    "col.rank": "Peringkat",
    "col.mean_need": "Rata-rata kebutuhan",
    "col.ci": "Selang kepercayaan",
    "col.potential_source": "Sumber potensial",
    "col.n_unplaced": "Tanpa kotak (data tidak lengkap)",
    "col.need": "Kebutuhan",
    "col.quadrant": "Kuadran",
    "col.mean_importance": "Rata-rata kepentingan",
    "col.mean_performance": "Rata-rata kinerja",
    "col.sd_need": "Simpangan baku kebutuhan",
    "col.ci_low": "Batas bawah selang kepercayaan",
    "col.ci_high": "Batas atas selang kepercayaan",
    "col.ncf": "NCF (faktor inti)",
    "col.nsf": "NSF (faktor pendukung)",
    "col.total": "Nilai total",
    "col.n_core": "Faktor inti yang dinilai",
    "col.n_secondary": "Faktor pendukung yang dinilai",
    "enum.potential_source.potential_score": "Skor potensi",
    "enum.potential_source.jpm": "JPM (Job Person Match)",
    "col.share_priority": "Responden yang menilainya prioritas",
    "col.box": "Kotak",
    "col.potential_axis": "Potensial",
    "col.performance_axis": "Kinerja",
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
    # -- the gaps report ------------------------------------------------------
    "title.gaps": "Kesenjangan Kompetensi ASN {region}",
    "text.and": "dan",
    "text.gaps_summary_jpm": (
        "Dari **{n_employees} ASN** di {region}, **{n_with_jpm}** memiliki nilai *Job Person "
        "Match* (JPM) dari asesmen kompetensi, dengan rata-rata JPM **{mean_jpm}**."
    ),
    "text.gaps_summary_jpm_most": (
        "Hampir semua dari **{n_employees} ASN** di {region} memiliki nilai *Job Person Match* "
        "(JPM) dari asesmen kompetensi (kurang dari {threshold} orang belum), dengan rata-rata "
        "JPM **{mean_jpm}**."
    ),
    "text.gaps_summary_jpm_small": (
        "Kurang dari {threshold} ASN di {region} memiliki nilai *Job Person Match* (JPM), "
        "sehingga angkanya tidak ditampilkan."
    ),
    "text.gaps_summary_jpm_none": (
        "Belum ada ASN di {region} yang memiliki nilai *Job Person Match* (JPM): belum ada "
        "asesmen untuk kompetensi yang dipersyaratkan jabatannya."
    ),
    "text.gaps_summary_biggest": (
        "Kesenjangan terbesar ada pada **{competency}**: {share} pegawai yang diases berada di "
        "bawah standar."
    ),
    "text.jpm_formula.sum_ratio": (
        "JPM = 100 × jumlah level capaian ÷ jumlah level standar jabatan"
    ),
    "text.jpm_formula.mean_ratio": (
        "JPM = 100 × rata-rata (level capaian ÷ level standar jabatan)"
    ),
    "text.jpm_bands.mapping": (
        "Kategori pemetaan: **Optimal** ≥ 90, **Cukup Optimal** 78 sampai di bawah 90, "
        "**Kurang Optimal** di bawah 78."
    ),
    "text.jpm_bands.selection": (
        "Kategori pengisian jabatan: **Memenuhi Syarat** ≥ 80, **Masih Memenuhi Syarat** 68 "
        "sampai di bawah 80, **Kurang Memenuhi Syarat** di bawah 68."
    ),
    "text.jpm_intro": (
        "{formula}, atas kompetensi jabatan yang sudah diases; kompetensi yang belum diases "
        "tidak diperkirakan. {bands}"
    ),
    "text.jpm_categories_first": (
        "Sebanyak **{share}** pegawai berada pada kategori **{category}**"
    ),
    "text.jpm_categories_next": "{share} **{category}**",
    "text.categories_hidden": "Angka untuk {categories} disembunyikan.",
    "text.missing": (
        "{share} kompetensi yang dipersyaratkan jabatan belum diases ({n_missing} dari "
        "{n_required}); nilai yang belum ada tidak diperkirakan."
    ),
    "text.missing_unassessed": "{n} pegawai belum diases sama sekali.",
    "text.missing_unassessed_small": ("Kurang dari {threshold} pegawai belum diases sama sekali."),
    "heading.gaps_jpm": "Kategori Job Person Match (JPM)",
    "heading.gaps_shortfall": "Pegawai di bawah standar per kompetensi",
    "heading.gaps_heatmap": "Kesenjangan per unit kerja dan kompetensi",
    "heading.gaps_profile": "Profil kompetensi wilayah dibanding standar",
    "heading.gaps_nine_box": "Manajemen talenta: sembilan kotak",
    "heading.gaps_readiness": "Kesiapan untuk jabatan satu tingkat di atasnya",
    "heading.gaps_needs": "Kebutuhan pelatihan menurut survei pegawai",
    "text.shortfall_intro": (
        "Untuk setiap kompetensi: persentase pegawai yang sudah diases dan level capaiannya di "
        "bawah level standar jabatannya."
    ),
    "text.shortfall_overall": (
        "Secara keseluruhan, **{share}** hasil asesmen ({n_below} dari {n_results}) berada di "
        "bawah standar jabatan."
    ),
    "text.shortfall_top": "Persentase tertinggi ada pada {items}.",
    "text.shortfall_lowest": "Persentase terendah ada pada **{competency}** ({share}).",
    "text.shortfall_none": "Belum ada hasil asesmen untuk kompetensi yang dipersyaratkan jabatan.",
    "text.heatmap_intro": (
        "Setiap sel menunjukkan rata-rata selisih level (capaian − standar) di satu unit kerja: "
        "merah berarti di bawah standar, biru di atas standar."
    ),
    "text.heatmap_deepest": (
        "Kesenjangan terdalam ada di **{unit}** pada kompetensi **{competency}** (rata-rata "
        "{gap} level)."
    ),
    "text.heatmap_units_below": (
        "Di **{n_units} dari {n_total} unit kerja**, rata-rata capaian berada di bawah standar "
        "pada lebih dari separuh kompetensi yang ditampilkan."
    ),
    "text.heatmap_hidden": (
        "{n} sel dibiarkan kosong (abu-abu) karena kurang dari {threshold} pegawai unit itu "
        "diases pada kompetensi tersebut, untuk melindungi data pribadi."
    ),
    "text.heatmap_hidden_one": (
        "{n} sel dibiarkan kosong (abu-abu) karena kurang dari {threshold} pegawai unit itu "
        "diases pada kompetensi tersebut, untuk melindungi data pribadi."
    ),
    "text.heatmap_hidden_none": (
        "Tidak ada sel yang dikosongkan: setiap sel mewakili sedikitnya {threshold} pegawai."
    ),
    "text.profile_meets": (
        "Rata-rata level capaian wilayah mencapai rata-rata level standar pada **{n_meet} dari "
        "{n_total} kompetensi**."
    ),
    "text.profile_widest": (
        "Selisih terbesar ada pada **{competency}**: capaian {level} dibanding standar {required}."
    ),
    "text.nine_box_intro": (
        "Pegawai dipetakan menurut kinerja (sumbu mendatar, dari predikat kinerja) dan "
        "potensial (sumbu tegak), sesuai PermenPANRB 3/2020. Hanya jumlah pegawai per kotak "
        "yang ditampilkan, bukan posisi perorangan."
    ),
    "text.nine_box_placed": "**{n_placed} pegawai** dapat dipetakan.",
    "text.nine_box_largest": (
        "Kotak terbesar adalah **kotak {box}** ({share} pegawai yang dipetakan)."
    ),
    "text.nine_box_top": (
        "**{share}** berada di kotak 9 (kinerja di atas ekspektasi, potensial tinggi)."
    ),
    "text.nine_box_bottom": (
        "{share} berada di kotak 1 (kinerja di bawah ekspektasi, potensial rendah)."
    ),
    "text.nine_box_box_small": "Kotak {box} berisi kurang dari {threshold} pegawai.",
    "text.nine_box_box_hidden": (
        "Jumlah pegawai pada kotak {box} disembunyikan untuk melindungi angka lain."
    ),
    "text.nine_box_unplaced": (
        "{n} pegawai tidak dipetakan karena predikat kinerja atau nilai potensialnya tidak "
        "tercatat."
    ),
    "text.nine_box_unplaced_small": (
        "Kurang dari {threshold} pegawai tidak dipetakan karena predikat kinerja atau nilai "
        "potensialnya tidak tercatat."
    ),
    "text.nine_box_none": (
        "Belum ada pegawai yang dapat dipetakan: predikat kinerja atau nilai potensial tidak "
        "tercatat."
    ),
    "text.readiness_intro": (
        "JPM setiap pegawai juga dihitung terhadap standar jabatan satu tingkat di atasnya (PP "
        "11/2017 Pasal 206); pegawai dianggap siap bila JPM tersebut sedikitnya {threshold}."
    ),
    "text.readiness_total": (
        "Sebanyak **{n_ready} dari {n_candidates} kandidat** ({share}) siap menduduki jabatan "
        "satu tingkat di atasnya."
    ),
    "text.readiness_total_small": (
        "Kurang dari {threshold} dari {n_candidates} kandidat siap menduduki jabatan satu "
        "tingkat di atasnya."
    ),
    "text.readiness_total_hidden": (
        "Jumlah kandidat terlalu kecil (kurang dari {threshold}) untuk ditampilkan."
    ),
    "text.readiness_none": (
        "Belum ada kandidat yang memiliki nilai JPM terhadap jabatan di atasnya."
    ),
    "text.readiness_top_unit": (
        "Kandidat siap terbanyak ada di **{unit}** ({n_ready} orang, {share} dari kandidat unit "
        "itu)."
    ),
    "text.needs_intro": (
        "Dalam survei kebutuhan pelatihan (metode Hennessy-Hicks), pegawai menilai setiap tugas "
        "dari 1 sampai 7 menurut kepentingannya dan menurut kinerjanya saat ini; kebutuhan = "
        "kepentingan − kinerja. Tugas yang penting tetapi kinerjanya rendah menjadi prioritas."
    ),
    "text.needs_top": "Kebutuhan tertinggi: {items}.",
    "text.needs_item": ("**{item}** (rata-rata {need}; {share} responden menilainya prioritas)"),
    "text.needs_item_no_share": "**{item}** (rata-rata {need})",
    "text.needs_none": "Tidak ada data survei kebutuhan pelatihan untuk wilayah ini.",
    "text.needs_small": (
        "Setiap tugas dinilai oleh kurang dari {threshold} responden, sehingga hasilnya tidak "
        "ditampilkan."
    ),
    "chart.jpm_categories": "Sebaran kategori JPM",
    "chart.share_staff_pct": "Persentase pegawai (%)",
    "chart.shortfall": "Persentase pegawai di bawah standar per kompetensi",
    "chart.share_below_pct": "Persentase pegawai di bawah standar (%)",
    "chart.gap_heatmap": "Rata-rata selisih level per unit kerja dan kompetensi",
    "chart.gap_colorbar": "Selisih level (capaian − standar)",
    "chart.heatmap_hidden": "Abu-abu: kurang dari {threshold} pegawai diases, tidak ditampilkan",
    "chart.radar": "Profil kompetensi wilayah dibanding standar",
    "chart.radar_level": "Rata-rata level capaian",
    "chart.radar_required": "Rata-rata level standar",
    "chart.radar_hidden": "{competency} (tidak ditampilkan)",
    "chart.nine_box": "Sebaran pegawai pada sembilan kotak manajemen talenta",
    "chart.box": "Kotak {box}",
    "chart.readiness": "Kandidat yang siap untuk jabatan satu tingkat di atasnya",
    "chart.share_ready_pct": "Persentase kandidat yang siap (%)",
    "chart.readiness_value": "{share} ({n_ready} dari {n_candidates})",
    "chart.readiness_value_small": "< {threshold} siap dari {n_candidates}",
    "chart.top_needs": "Kebutuhan pelatihan tertinggi",
    "chart.needs_x": "Rata-rata kebutuhan (kepentingan − kinerja)",
    "chart.needs_value": "{need} · prioritas {share}",
    "chart.ci_note": "Garis hitam: selang kepercayaan 95%",
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
    "index.template.gaps": "Kesenjangan kompetensi",
    "index.none": "Belum ada laporan.",
    # -- the needs and plan report (needs_plan) --------------------------------
    "index.template.needs_plan": "Kebutuhan pelatihan dan rencana",
    "title.needs_plan": "Kebutuhan Pelatihan dan Rencana Pengembangan ASN {region}",
    "col.cluster": "Klaster",
    "col.cluster_number": "Klaster",
    "col.form": "Bentuk",
    "col.mode": "Cara",
    "col.cluster_name": "Kelompok kebutuhan",
    "col.total_need": "Total kebutuhan",
    "col.mean_shortfall": "Rata-rata kekurangan",
    "col.share_short": "Proporsi di bawah standar",
    "col.n_under": "Di bawah 20 JP",
    "col.share_under": "Persentase di bawah 20 JP",
    "col.mean_jp": "Rata-rata JP",
    "col.programme": "Program",
    "col.jp": "JP",
    "col.cost_per_participant": "Biaya per peserta (Rp)",
    "col.value_for_money": "Kebutuhan tertutup per Rp1 juta",
    "col.learning_model": "Model 70:20:10",
    "col.share_plan": "Porsi JP dalam rencana",
    "col.share_target": "Target",
    "col.share_difference": "Selisih",
    "text.cluster_no_shortfall": "Tanpa kesenjangan",
    "text.np_cluster_hidden": "Kelompok kecil (disembunyikan)",
    "text.np_free": "gratis",
    "text.np_per_participant": "{cost} per peserta",
    "text.rupiah": "Rp{amount}",
    "text.rupiah_million": "Rp{amount} juta",
    "text.rupiah_billion": "Rp{amount} miliar",
    "heading.np_clusters": "Kelompok kebutuhan pelatihan",
    "heading.np_jp": "Pemenuhan 20 JP per tahun",
    "heading.np_programmes": "Program yang direkomendasikan per kelompok",
    "heading.np_budget": "Rencana pelatihan dalam anggaran",
    "heading.np_curve": "Hasil setiap tambahan Rp100 juta",
    "heading.np_modality": "Bentuk pembelajaran dibanding model 70:20:10",
    "heading.np_mentoring": "Mentoring oleh rekan kerja",
    "text.np_summary": (
        "Dari **{n_staff} ASN** di {region}, **{n_clustered}** yang sudah diases dikelompokkan "
        "menurut kekurangan kompetensinya ke dalam **{k} kelompok kebutuhan**."
    ),
    "text.np_summary_none": (
        "Belum cukup pegawai di {region} yang memiliki hasil asesmen untuk dikelompokkan "
        "menurut kebutuhan pelatihannya."
    ),
    "text.np_fill": (
        "Pegawai yang belum pernah diases ({n_unassessed}) tidak dikelompokkan; kompetensi lain "
        "yang dipersyaratkan tetapi belum diases ({n_cells} nilai) dihitung tanpa kekurangan, "
        "sehingga kebutuhan sebenarnya bisa lebih besar."
    ),
    "text.np_stability": (
        "Bila pengelompokan diulang {n_boot} kali pada 80% pegawai, kesesuaiannya (indeks Rand "
        "yang disesuaikan, 1 = sama persis) rata-rata **{ari}**: {quality}."
    ),
    "text.np_stability.high": "kelompoknya stabil",
    "text.np_stability.mid": "kelompoknya cukup stabil",
    "text.np_stability.low": (
        "kelompoknya kurang stabil, sehingga perlu ditafsirkan dengan hati-hati"
    ),
    "text.np_largest": (
        "Kebutuhan terbesar ada pada **klaster {number}**, {name} ({n} pegawai, {share}), "
        "dengan total rata-rata kekurangan {need} level."
    ),
    "text.np_clusters_small": (
        "{n} kelompok berisi kurang dari {threshold} pegawai sehingga tidak ditampilkan."
    ),
    "text.np_heatmap_intro": (
        "Setiap sel menunjukkan rata-rata kekurangan level (standar − capaian; 0 bila memenuhi "
        "standar atau belum diases) anggota kelompok pada satu kompetensi."
    ),
    "text.np_jp_total": (
        "Pada tahun {year}, **{n_under} dari {n_staff} ASN** ({share}) belum mencapai **20 JP** "
        "pengembangan kompetensi (PP 11/2017 Pasal 203 ayat 4); rata-rata {mean_jp} JP per "
        "pegawai."
    ),
    "text.np_jp_total_small": (
        "Pada tahun {year}, kurang dari {threshold} dari {n_staff} ASN belum mencapai 20 JP "
        "pengembangan kompetensi; rata-rata {mean_jp} JP per pegawai."
    ),
    "text.np_jp_top_unit": "Persentase tertinggi ada di **{unit}** ({share}).",
    "text.np_jp_none": "Belum ada data keikutsertaan pelatihan untuk wilayah ini.",
    "text.np_programmes_intro": (
        "Untuk setiap kelompok yang ditampilkan: program katalog yang menutup kompetensi dengan "
        "kekurangan terbesarnya, diurutkan menurut kebutuhan yang ditutup per Rp1 juta."
    ),
    "text.np_programmes_best": (
        "Untuk klaster {number} ({cluster}), pilihan pertama adalah **{programme}** ({jp} JP, "
        "{cost})."
    ),
    "text.np_programmes_none": (
        "Tidak ada program katalog yang menutup kesenjangan kelompok yang ditampilkan."
    ),
    "text.np_budget": (
        "Dengan anggaran **{budget}**, rencana terbaik memakai **{cost}** untuk **{n_places} "
        "kursi pelatihan** bagi **{n_people} pegawai**, menutup **{share}** dari seluruh "
        "kekurangan kompetensi yang tercatat dan menambah {jp_added} JP."
    ),
    "text.np_budget_lifted": (
        "Sebanyak {n_lifted} pegawai yang tadinya di bawah 20 JP mencapai 20 JP dengan rencana ini."
    ),
    "text.np_budget_exact": (
        "Rencana dihitung sebagai program bilangan bulat (MILP), dengan kapasitas setiap program "
        "dan paling banyak satu program per kompetensi per pegawai; hasilnya paling jauh {gap} "
        "dari rencana terbaik yang mungkin."
    ),
    "text.np_budget_limit": (
        "Perhitungan MILP dihentikan pada batas waktu; hasilnya paling jauh {gap} dari rencana "
        "terbaik yang mungkin."
    ),
    "text.np_budget_greedy": (
        "Rencana ini dihitung dengan cara cepat (greedy) dan belum tentu optimal."
    ),
    "text.np_budget_none": (
        "Tidak ada program katalog yang menutup kekurangan kompetensi pegawai di wilayah ini."
    ),
    "text.np_curve": (
        "Rp100 juta pertama menutup **{first}** level kekurangan; Rp100 juta terakhir sampai "
        "{budget} menutup **{last}** level."
    ),
    "text.np_curve_free": (
        "Program tanpa biaya saja sudah menutup {share} dari seluruh kekurangan."
    ),
    "text.np_modality": (
        "Dari JP dalam rencana, **{experiential}** berupa belajar dari pengalaman kerja, "
        "**{social}** belajar dari orang lain dan **{formal}** pembelajaran formal, dibanding "
        "model 70:20:10 (70% : 20% : 10%); {klasikal} JP bersifat klasikal."
    ),
    "text.np_modality_none": "Rencana ini tidak memuat program.",
    "text.np_model.experiential": "Pengalaman kerja (70)",
    "text.np_model.social": "Belajar dari orang lain (20)",
    "text.np_model.formal": "Pembelajaran formal (10)",
    "text.np_mentoring": (
        "Di dalam organisasi, **{n_mentors} pegawai** yang levelnya sedikitnya satu tingkat di "
        "atas standar dapat menjadi mentor (paling banyak {capacity} bimbingan per mentor): "
        "mereka menjangkau **{n_paired} dari {n_shortfalls}** kekurangan kompetensi ({share}) "
        "milik {n_mentees} pegawai. Hanya jumlah yang ditampilkan, tanpa nama atau pasangan."
    ),
    "text.np_mentoring_none": (
        "Tidak ada kekurangan kompetensi yang dapat dipasangkan dengan mentor dari dalam "
        "organisasi."
    ),
    "chart.np_heatmap": "Rata-rata kekurangan level per kelompok dan kompetensi",
    "chart.np_heatmap_colorbar": "Rata-rata kekurangan (level)",
    "chart.np_heatmap_hidden": "Abu-abu: kurang dari {threshold} pegawai, tidak ditampilkan",
    "chart.np_curve": "Kekurangan kompetensi yang tertutup menurut anggaran",
    "chart.np_curve_x": "Anggaran (Rp juta)",
    "chart.np_curve_y": "Kekurangan yang tertutup (%)",
    "chart.np_curve_budget": "Anggaran laporan ini",
    "title.outcomes": "Hasil Program Pengembangan Kompetensi ASN {region}",
    "heading.oc_findings": "Temuan utama",
    "heading.oc_participation": "Keikutsertaan pelatihan dan pemenuhan 20 JP",
    "heading.oc_model": "Siapa yang tidak ikut pelatihan",
    "heading.oc_learning": "Level 2: hasil belajar (pre-test dan post-test)",
    "heading.oc_behaviour": "Level 3: perubahan perilaku kerja (penilaian atasan)",
    "heading.oc_ikm": "Level 4: Indeks Kepuasan Masyarakat (IKM)",
    "heading.oc_service": "Level 4: standar pelayanan dan pengaduan",
    "heading.oc_did": "Perbandingan unit dengan cakupan pelatihan tinggi dan rendah",
    "heading.oc_closure": "Penutupan kesenjangan kompetensi",
    "text.oc_findings": "Ringkasan hasil program pengembangan kompetensi di {region}:",
    "text.oc_participation_none": "Belum ada data keikutsertaan pelatihan untuk wilayah ini.",
    "text.oc_participation": (
        "Pada {year}, {participants} dari {n_staff} pegawai (**{share}**) mengikuti "
        "setidaknya satu pelatihan; rata-rata {jp} JP per pegawai, dan **{share_20}** pegawai"
        " memenuhi 20 JP."
    ),
    "text.oc_completion": "{share} keikutsertaan diselesaikan.",
    "text.oc_jp_position": (
        "Pemenuhan 20 JP terendah pada **{low}** ({low_share}) dan tertinggi pada **{high}** "
        "({high_share})."
    ),
    "text.oc_jp_sex": "Pegawai perempuan memenuhi 20 JP sebesar {women}, laki-laki {men}.",
    "text.oc_never": (
        "Sebanyak {n} pegawai (**{share}**) tidak pernah ikut pelatihan apa pun pada {years}."
    ),
    "text.oc_model_none": "Model keikutsertaan tidak dapat dihitung: {reason}",
    "text.oc_model_intro": (
        "Model regresi logistik atas {n} pegawai ({n_never} di antaranya tidak ikut pelatihan "
        "apa pun pada {year}; pseudo-R² McFadden {r2}) membandingkan peluang tidak ikut "
        "pelatihan menurut jenis jabatan, unit kerja, kelompok usia, predikat kinerja dan "
        "status kepegawaian."
    ),
    "text.oc_model_item": "{factor} (rasio odds {odds} dibanding {reference}; IK 95% {ci})",
    "text.oc_model_higher": "Peluang tidak ikut pelatihan lebih tinggi pada {items}.",
    "text.oc_model_lower": "Peluang tidak ikut pelatihan lebih rendah pada {items}.",
    "text.oc_model_nothing": (
        "Tidak ada faktor yang berkaitan nyata dengan tidak ikut pelatihan (p < 0,05)."
    ),
    "text.oc_model_not_converged": (
        "Perhitungan model belum konvergen sepenuhnya; baca angkanya dengan hati-hati."
    ),
    "text.oc_model_caution": (
        "Rasio odds menunjukkan keterkaitan, bukan sebab: hambatan seperti tidak ada waktu "
        "atau kurang informasi perlu digali langsung dengan pegawai dan atasan di kelompok "
        "tersebut."
    ),
    "text.oc_other_level": "lainnya (kelompok kecil digabung)",
    "text.oc_learning_none": "Tidak ada program dengan pre-test dan post-test untuk wilayah ini.",
    "text.oc_learning_intro": (
        "{n} program mempunyai pasangan nilai pre-test dan post-test; program diperingkat "
        "bila pasangannya minimal {min_pairs}."
    ),
    "text.oc_learning_none_ranked": (
        "Belum ada program dengan minimal {min_pairs} pasangan pre-test dan post-test."
    ),
    "text.oc_learning_headline": (
        "{n_clear} dari {n_ranked} program yang dinilai menaikkan nilai post-test secara "
        "nyata; efek terbesar: **{best}** (g = {g}; IK 95% {ci})."
    ),
    "text.oc_learning_best": (
        "Pada **{programme}** rata-rata nilai {direction} dari {before} menjadi {after} (efek"
        " {size}; normalized gain {gain})."
    ),
    "text.oc_learning_weak": (
        "{n} program tidak menunjukkan kenaikan nyata: {programmes}; materi dan "
        "metodenya perlu ditinjau."
    ),
    "text.oc_behaviour_none": (
        "Tidak ada penilaian perilaku oleh atasan sebelum dan sesudah pelatihan untuk wilayah ini."
    ),
    "text.oc_behaviour_intro": (
        "{n} program mempunyai penilaian atasan (skala 1–5) sebelum dan sesudah pelatihan; "
        "program diperingkat bila pasangannya minimal {min_pairs}."
    ),
    "text.oc_behaviour_none_ranked": (
        "Belum ada program dengan minimal {min_pairs} pasangan penilaian atasan."
    ),
    "text.oc_behaviour_headline": (
        "{n_clear} dari {n_ranked} program yang dinilai diikuti perubahan perilaku kerja yang"
        " nyata menurut atasan; terbesar: **{best}** (g = {g}; IK 95% {ci})."
    ),
    "text.oc_behaviour_best": (
        "Pada **{programme}** rata-rata penilaian atasan {direction} dari {before} menjadi "
        "{after} (efek {size}; normalized gain {gain})."
    ),
    "text.oc_behaviour_weak": (
        "{n} program tidak diikuti perubahan perilaku yang nyata: {programmes}."
    ),
    "text.oc_flagged": (
        "{n} program belum dinilai karena pasangan nilainya kurang dari {min_pairs}: {programmes}."
    ),
    "text.oc_more": "{n} lainnya",
    "col.n_respondents": "Responden",
    "col.share_trained": "Cakupan pelatihan",
    "text.oc_effect.negligible": "sangat kecil",
    "text.oc_effect.small": "kecil",
    "text.oc_effect.medium": "sedang",
    "text.oc_effect.large": "besar",
    "text.oc_effect_method": (
        "*g adalah besar efek Hedges (g_av): selisih rata-rata dibagi rata-rata simpangan "
        "baku sebelum dan sesudah; 0,2 kecil, 0,5 sedang, 0,8 besar. IK 95% dari bootstrap; "
        "“nyata” berarti p < 0,05 pada uji-t berpasangan setelah koreksi Holm untuk banyak "
        "program.*"
    ),
    "text.oc_grade.A": "Sangat Baik",
    "text.oc_grade.B": "Baik",
    "text.oc_grade.C": "Kurang Baik",
    "text.oc_grade.D": "Tidak Baik",
    "text.oc_ikm_none": "Belum ada data Survei Kepuasan Masyarakat untuk wilayah ini.",
    "text.oc_ikm_headline": "IKM {period}: **{ikm}**, mutu pelayanan **{grade}**.",
    "text.oc_ikm_change": "Perubahan dibanding {period}: {change} poin.",
    "text.oc_ikm_detail": (
        "Dihitung dari {n} responden (IK 95% {ci}) menurut PermenPANRB 14/2017, dengan {weighting}."
    ),
    "text.oc_weighting.exact": "bobot tiap unsur tepat 1/9",
    "text.oc_weighting.permen": "bobot tiap unsur 0,11 seperti praktik umum",
    "text.oc_ikm_units": (
        "Dari {n} unit layanan yang dapat dibandingkan, {n_up} membaik secara nyata dan "
        "{n_down} memburuk secara nyata (interval kepercayaan perubahan tidak memuat 0)."
    ),
    "text.oc_ikm_down": "IKM menurun nyata di {units}.",
    "text.oc_service_none": "Belum ada data waktu pelayanan dan pengaduan untuk wilayah ini.",
    "text.oc_service": (
        "Pada {year}, **{share}** pengaduan diselesaikan dalam batas waktu; respons pertama "
        "rata-rata {days} hari (batas {sla} hari); waktu tunggu rata-rata {minutes} menit."
    ),
    "text.oc_service_previous": (
        "Pada {year}: {share} pengaduan dalam batas waktu, waktu tunggu {minutes} menit."
    ),
    "text.oc_service_ladder": (
        "*Batas waktu menurut SP4N-LAPOR!: respons pertama {sla} hari; permintaan informasi "
        "dan pengaduan 5 hari; kasus tanpa pemeriksaan lapangan 14 hari; dengan pemeriksaan "
        "lapangan 60 hari.*"
    ),
    "text.oc_did_intro": (
        "Unit layanan dibagi dua menurut cakupan pelatihan layanan (persentase pegawai yang "
        "menyelesaikan pelatihan yang menyasar kompetensi pelayanan publik): tinggi (minimal "
        "{threshold}, {rule}) dan rendah."
    ),
    "text.oc_did_rule.median": "median unit layanan",
    "text.oc_did_rule.fixed": "ambang yang ditetapkan",
    "text.oc_reason.model_too_few": (
        "terlalu sedikit pegawai yang ikut atau yang tidak ikut pelatihan (minimal 10 di tiap "
        "kelompok)."
    ),
    "text.oc_reason.did_groups": (
        "kelompok cakupan tinggi dan rendah masing-masing perlu memiliki IKM sebelum dan sesudah"
    ),
    "text.oc_did_no_data": "data IKM atau cakupan pelatihan per unit tidak cukup",
    "text.oc_did_none": "Perbandingan tidak dapat dihitung: {reason}.",
    "text.oc_did_headline": (
        "IKM unit dengan cakupan pelatihan tinggi berubah {estimate} poin lebih banyak "
        "daripada unit lain (IK 95% {ci}); ini keterkaitan, bukan bukti sebab-akibat."
    ),
    "text.oc_did_result": (
        "IKM {n_treated} unit dengan cakupan tinggi berubah {change_treated} poin{span}, "
        "{n_control} unit lain {change_control} poin: selisih perubahan "
        "(difference-in-differences) **{estimate} poin** (IK 95% {ci})."
    ),
    "text.oc_did_caution": (
        "Angka ini bukan bukti bahwa pelatihan menyebabkan perubahan IKM. Ia hanya berlaku "
        "bila tanpa pelatihan kedua kelompok akan berubah sejajar (asumsi tren paralel) dan "
        "tidak ada perubahan lain (anggaran, sistem, pimpinan) yang hanya mengenai salah satu"
        " kelompok; unit juga tidak dipilih secara acak untuk dilatih."
    ),
    "text.oc_did_few_units": (
        "Jumlah unit sedikit, sehingga interval kepercayaannya kurang dapat diandalkan."
    ),
    "text.oc_closure_none": (
        "Belum ada pegawai yang diases dua kali, sehingga penutupan kesenjangan belum dapat diukur."
    ),
    "text.oc_closure_headline": (
        "Pegawai yang dilatih pada suatu kompetensi menutup kesenjangannya {difference} poin "
        "JPM lebih banyak daripada yang tidak dilatih (IK 95% {ci})."
    ),
    "text.oc_closure": (
        "Di antara pegawai yang diases dua kali, {n_trained} pasangan pegawai–kompetensi yang"
        " dilatih di antara kedua asesmen berubah {change_trained} poin JPM dan {n_untrained}"
        " yang tidak dilatih {change_untrained} poin: selisih **{difference} poin** (IK 95% "
        "{ci})."
    ),
    "text.oc_closure_caution": (
        "Pegawai yang dilatih bisa berbeda dari yang tidak dilatih (misalnya dipilih karena "
        "kesenjangannya besar), jadi selisih ini bukan ukuran sebab-akibat."
    ),
    "chart.oc_forest_l2": "Besar efek pelatihan pada nilai tes (pre-test ke post-test)",
    "chart.oc_forest_l3": "Besar efek pelatihan pada penilaian atasan (sebelum ke sesudah)",
    "chart.oc_forest_x": "Hedges' g (titik) dan interval kepercayaan 95% (garis)",
    "chart.oc_closure": "Selisih penutupan kesenjangan: dilatih dibanding tidak dilatih",
    "chart.oc_closure_x": "Selisih perubahan JPM (poin) dan IK 95%",
    "chart.oc_ikm": "IKM per unit layanan",
    "chart.oc_ikm_x": "IKM (25–100); latar: mutu A, B, C, D",
    "chart.oc_did": "IKM unit dengan cakupan pelatihan tinggi dan rendah",
    "chart.oc_did_y": "Rata-rata IKM",
    "chart.oc_did_treated": "Cakupan tinggi",
    "chart.oc_did_control": "Cakupan rendah",
    "chart.oc_did_parallel": "Cakupan tinggi bila berubah seperti cakupan rendah",
    "chart.oc_did_before": "Sebelum",
    "chart.oc_did_after": "Sesudah",
    "col.sex": "Jenis kelamin",
    "col.performance": "Predikat kinerja",
    "col.age_band": "Kelompok usia",
    "col.n_meeting": "Memenuhi 20 JP",
    "col.share_meeting": "Persentase memenuhi 20 JP",
    "col.factor": "Faktor",
    "col.reference_label": "Pembanding",
    "col.odds_ratio": "Rasio odds",
    "col.ci_text": "IK 95%",
    "col.p_text": "p",
    "col.g_text": "Besar efek (g)",
    "col.n_pairs": "Pasangan nilai",
    "col.mean_before": "Rata-rata sebelum",
    "col.mean_after": "Rata-rata sesudah",
    "col.period": "Periode",
    "col.ikm": "IKM",
    "col.grade": "Mutu",
    "col.ikm_before": "IKM sebelum",
    "col.ikm_after": "IKM sesudah",
    "col.change": "Perubahan",
    "col.period_before": "Periode awal",
    "col.period_after": "Periode akhir",
    "col.waiting_minutes": "Waktu tunggu (menit)",
    "col.complaints_received": "Pengaduan",
    "col.complaints_resolved_in_sla": "Selesai tepat waktu",
    "col.share_in_sla": "Persentase tepat waktu",
    "col.first_response_days": "Respons pertama (hari)",
    "col.first_response_in_sla": "Respons pertama tepat waktu",
    "col.coverage": "Cakupan pelatihan",
    "col.n_trained": "Dilatih",
    "col.n_untrained": "Tidak dilatih",
    "col.change_trained": "Perubahan JPM dilatih",
    "col.change_untrained": "Perubahan JPM tidak dilatih",
    "col.difference": "Selisih",
    "col.coverage_group": "Kelompok",
    "text.oc_participation_few": (
        "Pada {year}, kurang dari {threshold} dari {n_staff} pegawai mengikuti setidaknya "
        "satu pelatihan; rata-rata {jp} JP per pegawai, dan **{share_20}** pegawai memenuhi "
        "20 JP."
    ),
    "text.oc_direction.up": "naik",
    "text.oc_direction.down": "turun",
    "text.oc_learning_fell": "{n} program justru menurunkan nilai secara nyata: {programmes}.",
    "text.oc_behaviour_fell": (
        "{n} program diikuti penurunan penilaian atasan yang nyata: {programmes}."
    ),
    "text.oc_did_span": " dari {before} ke {after}",
    "text.oc_participation_small": (
        "Wilayah ini memiliki kurang dari {threshold} pegawai; angka keikutsertaannya tidak "
        "ditampilkan."
    ),
    "chart.fb_likert": "Sebaran jawaban per pernyataan",
    "chart.fb_answer.5.1": "Sangat tidak setuju",
    "chart.fb_answer.5.2": "Tidak setuju",
    "chart.fb_answer.5.3": "Netral",
    "chart.fb_answer.5.4": "Setuju",
    "chart.fb_answer.5.5": "Sangat setuju",
    "chart.fb_answer.4.1": "Sangat tidak setuju",
    "chart.fb_answer.4.2": "Tidak setuju",
    "chart.fb_answer.4.3": "Setuju",
    "chart.fb_answer.4.4": "Sangat setuju",
    "title.feedback": "Umpan Balik Peserta Pengembangan Kompetensi ASN {region}",
    "heading.fb_dimensions": "Jawaban per dimensi dan pernyataan",
    "heading.fb_programmes": "Skor per program",
    "heading.fb_reliability": "Keandalan kuesioner",
    "heading.fb_themes": "Tema komentar peserta",
    "heading.fb_quotes": "Kutipan komentar",
    "text.fb_findings": "Ringkasan umpan balik peserta pelatihan di {region}:",
    "text.fb_none": "Belum ada kuesioner umpan balik peserta dari {region}.",
    "text.fb_too_few": (
        "Kuesioner umpan balik dari {region} kurang dari {threshold}: angka tidak ditampilkan "
        "untuk melindungi responden."
    ),
    "text.fb_responses": "{n} kuesioner umpan balik terisi.",
    "text.fb_overall_score": (
        "Skor keseluruhan {score} dari 100 (IK 95%: {ci}), kategori **{band}**."
    ),
    "text.fb_best_worst": (
        "Dimensi terbaik **{best}** ({best_score}); terendah **{worst}** ({worst_score})."
    ),
    "text.fb_overall": "Keseluruhan",
    "text.fb_band.sangat baik": "sangat baik",
    "text.fb_band.baik": "baik",
    "text.fb_band.cukup": "cukup",
    "text.fb_band.kurang": "kurang",
    "text.fb_reversed": "(pernyataan negatif; jawaban dibalik sehingga “setuju” berarti baik)",
    "text.fb_method.linear": "skala 1–5 dipetakan linear ke 0–100 (1 = 0, 5 = 100)",
    "text.fb_method.x20": "skala 1–5 dikalikan 20 (1 = 20, 5 = 100)",
    "text.fb_dimensions": (
        "Skor 0–100 per dimensi: skala 1–4 dikalikan 25, {method}; kategori: 85 ke atas sangat "
        "baik, 70 baik, 55 cukup, di bawahnya kurang."
    ),
    "text.fb_dimensions_none": "Jawaban terlalu sedikit untuk menghitung skor per dimensi.",
    "text.fb_programmes": (
        "{n} program dinilai peserta; {n_ranked} di antaranya memiliki sedikitnya {min_responses}"
        " responden dan diberi peringkat, program lain hanya dicantumkan."
    ),
    "text.fb_programmes_top": (
        "Skor tertinggi: **{top}** ({top_score}); terendah di antara yang diperingkat: "
        "**{bottom}** ({bottom_score})."
    ),
    "text.fb_programmes_caution": (
        "Interval yang saling tumpang tindih berarti perbedaan peringkat belum tentu nyata."
    ),
    "text.fb_programmes_none": "Tidak ada program dengan jawaban kuesioner.",
    "text.fb_reliability_none": (
        "Keandalan (α Cronbach) tidak dapat dihitung: responden terlalu sedikit."
    ),
    "text.fb_reliability_low": (
        "Konsistensi internal (α Cronbach) berada di bawah {threshold} pada {n_low} dari {n} "
        "dimensi (α {alphas})."
    ),
    "text.fb_reliability_ok": (
        "Konsistensi internal (α Cronbach) memadai pada semua dimensi (α {alphas}, batas "
        "{threshold})."
    ),
    "text.fb_reliability_meaning": (
        "Artinya butir-butir dalam satu dimensi belum cukup seragam mengukur hal yang sama, "
        "sehingga skor dimensi sebaiknya dibaca sebagai gambaran kasar; dimensi dengan hanya dua "
        "butir memang cenderung memberi α rendah."
    ),
    "text.fb_negative_items": (
        "Butir {items} berkorelasi negatif dengan butir lain di dimensinya: periksa apakah butir "
        "negatif sudah dibalik."
    ),
    "text.fb_warning.low_alpha": "α di bawah 0,7",
    "text.fb_warning.negative_item": "ada butir berkorelasi negatif",
    "text.fb_warning.too_few_items": "kurang dari 2 butir",
    "text.fb_warning.too_few_respondents": "responden terlalu sedikit",
    "text.fb_warning.no_variance": "jawaban tidak bervariasi",
    "text.fb_themes": (
        "{n_commented} komentar dikelompokkan menjadi {n_themes} tema yang ditampilkan (TF-IDF "
        "dan NMF; tiap tema dinamai dengan kata kuncinya)."
    ),
    "text.fb_largest_theme": "Tema terbesar: “{label}” ({share} komentar).",
    "text.fb_themes_hidden": "{n} tema dengan kurang dari {threshold} komentar tidak ditampilkan.",
    "text.fb_themes_none": (
        "Tidak ada tema dengan sedikitnya {threshold} komentar untuk ditampilkan."
    ),
    "text.fb_polarity": (
        "Aturan sederhana mengenali nada {coverage} komentar: pujian {praise}, keluhan "
        "{complaint}, saran {suggestion}."
    ),
    "text.fb_quotes": (
        "Contoh komentar per tema, dengan nama, nomor telepon, alamat surel, NIP dan angka "
        "panjang lain disamarkan."
    ),
    "text.fb_quotes_none": "Tidak ada kutipan yang dapat ditampilkan dengan aman.",
    "col.dimension_label": "Dimensi",
    "col.band_label": "Kategori",
    "col.score": "Skor (0–100)",
    "col.n_responses": "Responden",
    "col.k": "Butir",
    "col.alpha": "α Cronbach",
    "col.warning_text": "Catatan",
    "col.theme_label": "Tema",
    "col.n_comments": "Komentar",
    "heading.fb_theme_splits": "Tema menurut penilaian dan program",
    "text.fb_providers": (
        "Menurut jenis penyelenggara, skor tertinggi diperoleh **{top}** ({top_score}) dan "
        "terendah **{bottom}** ({bottom_score})."
    ),
    "text.fb_splits": (
        "Apakah peserta yang puas dan yang kurang puas menulis hal yang berbeda? Tiap "
        "komentar dikaitkan dengan skor keseluruhan yang diberikan penulisnya dan dengan "
        "programnya."
    ),
    "text.fb_split_band": (
        "Di antara peserta yang menilai **{band}**, tema terbesar adalah “{label}” ({share} "
        "dari {n} komentar)."
    ),
    "text.fb_split_programmes": (
        "Tema per program ditampilkan untuk {n} program dengan sedikitnya {threshold} "
        "komentar bertema; {hidden} program lainnya memiliki terlalu sedikit komentar."
    ),
    "text.fb_splits_none": (
        "Terlalu sedikit komentar untuk membagi tema menurut penilaian atau program (setiap "
        "kelompok perlu sedikitnya {threshold} komentar)."
    ),
    "chart.fb_themes": "Tema komentar peserta",
    "chart.fb_themes_by_band": "Tema menurut penilaian keseluruhan peserta",
    "chart.fb_themes_by_programme": "Tema per program",
    "chart.fb_share_comments": "Persentase komentar",
    "chart.fb_share_in_group": "Persentase komentar kelompok (baris berjumlah 100%)",
    "col.provider_type": "Jenis penyelenggara",
    "title.cross_region": "Perbandingan Pengembangan Kompetensi ASN Antarwilayah",
    "text.cr_subtitle": "{n} wilayah · {provinces} provinsi",
    "heading.cr_key": "Angka kunci per wilayah",
    "heading.cr_jpm": "Kategori Job Person Match (JPM)",
    "heading.cr_gaps": "Kesenjangan per kompetensi",
    "heading.cr_jp": "Pemenuhan 20 JP",
    "heading.cr_ikm": "Indeks Kepuasan Masyarakat (IKM)",
    "text.cr_regions": (
        "Laporan ini membandingkan **{n} wilayah** di **{provinces} provinsi**, dari laporan "
        "masing-masing wilayah."
    ),
    "text.cr_masked": (
        "Tanda “–” berarti laporan wilayah tidak memuat angka tersebut atau angka itu "
        "disembunyikan karena kelompoknya kurang dari {threshold} orang."
    ),
    "text.cr_many": (
        "Tabel memuat semua wilayah. Bila wilayah lebih dari {max_regions}, grafik hanya "
        "menampilkan {half} wilayah tertinggi dan {half} terendah, dikelompokkan per "
        "provinsi."
    ),
    "text.cr_jpm": (
        "Persentase pegawai yang diases dengan kategori “Optimal” tertinggi di {high} "
        "({high_value}) dan terendah di {low} ({low_value}), dari {n} wilayah yang memiliki "
        "angka ini."
    ),
    "text.cr_gap": (
        "Kesenjangan terbesar adalah {competency} di {region}: {share} pegawai yang diases "
        "berada di bawah standar; yang terkecil {low_competency} di {low_region} "
        "({low_share})."
    ),
    "text.cr_jp": (
        "Persentase pegawai yang memenuhi paling sedikit 20 JP dalam setahun tertinggi di "
        "{high} ({high_value}) dan terendah di {low} ({low_value}), dari {n} wilayah."
    ),
    "text.cr_ikm": (
        "IKM terakhir tertinggi di {high} ({high_value}) dan terendah di {low} ({low_value}),"
        " dari {n} wilayah."
    ),
    "text.cr_none": (
        "Kurang dari dua wilayah memiliki angka ini, sehingga belum dapat dibandingkan."
    ),
    "text.cr_no_regions": (
        "Tidak ada laporan wilayah (summary.json) di folder ini. Jalankan `kompetensi run` "
        "lebih dahulu."
    ),
    "chart.cr_top_bottom": (
        "Ditampilkan {shown} dari {total} wilayah: {half} tertinggi dan {half} terendah."
    ),
    "chart.cr_hidden": "tidak ada data atau disembunyikan",
    "chart.cr_jpm": "Kategori JPM per wilayah",
    "chart.cr_share_below_pct": "Pegawai di bawah standar (%)",
    "chart.cr_heatmap_x": "Kompetensi",
    "chart.cr_heatmap": "Persentase pegawai di bawah standar, per wilayah dan kompetensi",
    "chart.cr_jp_x": "Pegawai yang memenuhi 20 JP (%)",
    "chart.cr_jp": "Pemenuhan 20 JP per wilayah",
    "chart.cr_ikm_before": "Periode sebelumnya",
    "chart.cr_ikm_latest": "Periode terakhir (dengan interval 95%)",
    "chart.cr_ikm": "IKM per wilayah",
    "col.cr_region_id": "Kode wilayah",
    "col.cr_region_name": "Wilayah",
    "col.cr_n_employees": "Jumlah ASN",
    "col.cr_share_optimal": "JPM optimal",
    "col.cr_share_under_20jp": "Di bawah 20 JP",
    "col.cr_ikm_grade": "Mutu pelayanan",
    "col.cr_feedback_score": "Skor umpan balik (0–100)",
    "col.cr_feedback_band": "Kategori umpan balik",
    "col.cr_year": "Tahun",
    "col.cr_ikm_low": "IKM batas bawah (95%)",
    "col.cr_ikm_high": "IKM batas atas (95%)",
    "col.cr_n_staff": "Jumlah pegawai",
    "text.wb_summary": "Ringkasan",
    "text.wb_figure": "Angka kunci",
    "text.wb_value": "Nilai",
    "text.wb_title": "Angka kunci ASN {region}",
    "text.wb_source": (
        "Sumber: summary.json, dibuat {generated}. Hanya angka agregat; tidak ada data pribadi."
    ),
    "text.wb_masked": (
        "Sel kosong: angka disembunyikan karena kelompoknya kurang dari {threshold} orang, "
        "atau tidak tersedia."
    ),
    "text.wb_masked_cell": "Disembunyikan: kelompok kurang dari {threshold} orang.",
    "text.wb_sheet.overview": "Ikhtisar",
    "text.wb_sheet.gaps": "Kesenjangan",
    "text.wb_sheet.needs_plan": "Kebutuhan dan Rencana",
    "text.wb_sheet.outcomes": "Hasil Program",
    "text.wb_sheet.feedback": "Umpan Balik",
    "text.wb_table.by_position_group": "Pegawai per kelompok jabatan",
    "text.wb_table.jpm_categories": "Kategori JPM",
    "text.wb_table.shortfall": "Pegawai di bawah standar per kompetensi",
    "text.wb_table.readiness_units": "Kesiapan untuk jabatan berikutnya per unit",
    "text.wb_table.jp_units": "Pemenuhan 20 JP per unit",
    "text.wb_table.model_mix": "Komposisi 70:20:10 dalam rencana",
    "text.wb_table.ikm_units": "IKM per unit dan periode",
    "text.wb_table.ikm_change": "Perubahan IKM per unit",
    "text.wb_table.dimensions": "Skor per dimensi",
    "text.wb_table.providers": "Skor per jenis penyelenggara",
    "col.wb_headcount": "Jumlah ASN",
    "col.wb_share_optimal": "Pegawai dengan JPM optimal",
    "col.wb_share_below": "Pegawai di bawah standar (semua kompetensi)",
    "col.wb_jp_share_under": "Pegawai di bawah 20 JP",
    "col.wb_ikm_latest": "IKM terakhir",
    "col.wb_ikm_latest_grade": "Mutu pelayanan",
    "col.wb_ikm_change": "Perubahan IKM dari periode sebelumnya",
    "col.wb_overall_score": "Skor umpan balik peserta (0–100)",
    "col.wb_region_name": "Wilayah",
    "title.executive_summary": "Ringkasan Eksekutif Pengembangan Kompetensi ASN {region}",
    "heading.ex_numbers": "Angka kunci",
    "heading.ex_recommendations": "Rekomendasi",
    "heading.ex_reports": "Laporan rinci",
    "text.ex_intro": (
        "Angka-angka kunci berikut diambil dari laporan rinci wilayah ini. Semuanya berupa "
        "angka agregat; kelompok yang berisi kurang dari {threshold} orang disembunyikan."
    ),
    "text.ex_in_year": " pada tahun {year}",
    "text.ex_num_headcount": "{region} memiliki **{n}** ASN yang tersebar di {units} unit kerja.",
    "text.ex_num_headcount_only": "{region} memiliki **{n}** ASN.",
    "text.ex_num_coverage": "**{share}** pegawai sudah mengikuti asesmen kompetensi.",
    "text.ex_num_jpm": "Kesesuaian kompetensi pegawai dengan jabatannya (JPM): {parts}.",
    "text.ex_num_jpm_hidden": (
        "Kategori lainnya disembunyikan karena berisi kurang dari {threshold} orang."
    ),
    "text.ex_num_gap": (
        "Kesenjangan kompetensi terbesar ada pada **{competency}**: **{share}** pegawai yang "
        "diases masih di bawah standar jabatannya."
    ),
    "text.ex_num_gap_next": "Berikutnya: {items}.",
    "text.ex_num_jp": (
        "**{share}** pegawai belum memenuhi 20 JP (jam pelajaran) pengembangan kompetensi{when}."
    ),
    "text.ex_num_effects": "Program yang menunjukkan peningkatan yang jelas: {parts}.",
    "text.ex_effects_learning": (
        "**{n_clear}** dari {n_ranked} program pada hasil belajar (level 2)"
    ),
    "text.ex_effects_behaviour": (
        "**{n_clear}** dari {n_ranked} program pada perilaku kerja (level 3)"
    ),
    "text.ex_num_ikm": "Indeks Kepuasan Masyarakat (IKM){when}: **{ikm}**, mutu pelayanan {grade}.",
    "text.ex_ikm_up": "Naik {change} poin dari {previous_period}.",
    "text.ex_ikm_down": "Turun {change} poin dari {previous_period}.",
    "text.ex_ikm_same": "Tidak berubah dari {previous_period}.",
    "text.ex_num_feedback": "Penilaian peserta terhadap pelatihan: **{score}** dari 100 ({band}).",
    "text.ex_missing": "Angka berikut belum tersedia untuk wilayah ini: {items}.",
    "text.ex_no_numbers": (
        "Belum ada angka kunci untuk wilayah ini karena laporan rincinya belum tersedia."
    ),
    "text.ex_number.headcount": "jumlah ASN",
    "text.ex_number.coverage": "cakupan asesmen",
    "text.ex_number.jpm": "kategori JPM",
    "text.ex_number.gap": "kesenjangan kompetensi terbesar",
    "text.ex_number.jp": "capaian 20 JP",
    "text.ex_number.effects": "efek program pelatihan",
    "text.ex_number.ikm": "IKM",
    "text.ex_number.feedback": "penilaian peserta pelatihan",
    "text.ex_rec_jp": (
        "**{share}** pegawai belum memenuhi 20 JP{when}: prioritaskan mereka dalam rencana "
        "pelatihan berikutnya dan pantau capaian JP setiap unit kerja."
    ),
    "text.ex_rec_gap": (
        "**{share}** pegawai yang diases berada di bawah standar **{competency}**: jadikan "
        "kompetensi ini prioritas program pengembangan."
    ),
    "text.ex_rec_jpm": (
        "**{share}** pegawai berada pada kategori JPM {category}: susun rencana pengembangan "
        "individu bagi mereka bersama atasan langsung."
    ),
    "text.ex_rec_ikm_grade": (
        "IKM{when} hanya **{ikm}** (mutu {grade}): perkuat pelatihan pelayanan publik di unit"
        " kerja dengan IKM terendah."
    ),
    "text.ex_rec_ikm_fall": (
        "IKM turun **{change}** poin dari {previous_period} ke {period}: telusuri unit kerja "
        "yang nilainya turun beserta pengaduan masyarakatnya."
    ),
    "text.ex_rec_effects": (
        "Hanya **{n_clear}** dari {n_ranked} program yang menunjukkan peningkatan {level} "
        "yang jelas: evaluasi isi dan metode program lainnya sebelum dianggarkan kembali."
    ),
    "text.ex_level.learning": "hasil belajar (level 2)",
    "text.ex_level.behaviour": "perilaku kerja (level 3)",
    "text.ex_rec_feedback": (
        "Peserta memberi nilai terendah pada {dimension}, yaitu **{score}** dari 100 "
        "({band}): bahas perbaikannya bersama penyelenggara pelatihan."
    ),
    "text.ex_feedback_dimension": "aspek {dimension}",
    "text.ex_feedback_overall": "pelatihan secara keseluruhan",
    "text.ex_rec_reliability": (
        "Kuesioner umpan balik kurang andal (α di bawah {threshold} pada **{n_low}** dari {n}"
        " aspek): tinjau kembali butir pertanyaannya sebelum survei berikutnya."
    ),
    "text.ex_rec_coverage": (
        "Baru **{share}** pegawai yang sudah diases kompetensinya: perluas asesmen agar "
        "kesenjangan seluruh pegawai terpetakan."
    ),
    "text.ex_rec_missing": (
        "Sebagian angka kunci belum tersedia ({items}): lengkapi datanya agar ringkasan "
        "berikutnya utuh."
    ),
    "text.ex_rec_general_plan": (
        "Gunakan angka-angka ini saat menyusun rencana pengembangan kompetensi tahun depan "
        "bersama BKPSDM dan kepala perangkat daerah."
    ),
    "text.ex_rec_general_units": (
        "Buka laporan rinci untuk melihat unit kerja dan jabatan yang paling membutuhkan perhatian."
    ),
    "text.ex_rec_general_repeat": (
        "Perbarui data asesmen, pelatihan dan survei setiap tahun agar kemajuan dapat "
        "dibandingkan dari tahun ke tahun."
    ),
    "text.ex_rules_note": (
        "Rekomendasi disusun otomatis dengan aturan tetap dari angka-angka di atas, misalnya "
        "{jp_threshold} atau lebih pegawai belum memenuhi 20 JP, atau {gap_threshold} atau "
        "lebih pegawai yang diases berada di bawah standar suatu kompetensi. Bila kurang dari"
        " tiga aturan terpenuhi, rekomendasi umum ditambahkan."
    ),
    "text.ex_reports_intro": "Angka dan rekomendasi di atas berasal dari laporan rinci berikut:",
    "text.ex_report.overview": (
        "[Ikhtisar ASN](overview.html): jumlah pegawai per unit kerja dan jabatan, serta "
        "cakupan asesmen"
    ),
    "text.ex_report.gaps": (
        "[Kesenjangan kompetensi](gaps.html): kategori JPM, kompetensi di bawah standar, "
        "kesiapan untuk jabatan berikutnya"
    ),
    "text.ex_report.needs_plan": (
        "[Kebutuhan pelatihan dan rencana](needs_plan.html): kelompok kebutuhan, capaian 20 "
        "JP, rencana pelatihan dalam batas anggaran"
    ),
    "text.ex_report.outcomes": (
        "[Hasil program](outcomes.html): partisipasi, efek program pada hasil belajar dan "
        "perilaku kerja, IKM dan pengaduan"
    ),
    "text.ex_report.feedback": (
        "[Umpan balik peserta](feedback.html): penilaian peserta per aspek, program dan "
        "penyelenggara, serta tema komentar"
    ),
    "text.ex_report_name.overview": "ikhtisar ASN",
    "text.ex_report_name.gaps": "kesenjangan kompetensi",
    "text.ex_report_name.needs_plan": "kebutuhan pelatihan dan rencana",
    "text.ex_report_name.outcomes": "hasil program",
    "text.ex_report_name.feedback": "umpan balik peserta",
    "text.ex_reports_absent": "Laporan berikut belum tersedia untuk wilayah ini: {items}.",
    "text.ex_reports_none": "Laporan rinci wilayah ini belum tersedia.",
    "text.ex_summary_missing": (
        "Ringkasan angka dari laporan rinci wilayah ini (summary.json) tidak ditemukan."
    ),
    "text.ex_summary_invalid": (
        "Berkas ringkasan angka wilayah ini (summary.json) rusak dan tidak dapat dibaca."
    ),
    "text.ex_summary_other_region": (
        "Berkas ringkasan angka (summary.json) di folder laporan ini milik wilayah lain, "
        "sehingga tidak dipakai."
    ),
    "col.wb_category": "Kategori JPM",
    "col.wb_dimension": "Dimensi",
    "col.wb_band": "Kategori",
    "text.ex_rec_missing_all": (
        "Belum ada angka kunci untuk wilayah ini: lengkapi datanya dan buat laporan rinci "
        "wilayah ini terlebih dahulu."
    ),
    "index.template.outcomes": "Hasil program",
    "index.template.feedback": "Umpan balik peserta",
    "index.template.executive_summary": "Ringkasan eksekutif",
    "index.workbook": "Tabel (Excel)",
    "index.comparison": "Perbandingan antarwilayah",
    "index.key_figures": "Angka kunci per wilayah",
    "heading.parameters": "Parameter dan sumber data",
    "col.parameter": "Parameter",
    "col.value": "Nilai",
    "prov.purpose": "Tujuan penilaian JPM",
    "prov.jpm_method": "Metode JPM",
    "prov.readiness_threshold": "Ambang kesiapan",
    "prov.top_needs": "Jumlah kebutuhan teratas",
    "prov.n_clusters": "Jumlah kelompok kebutuhan",
    "prov.budget": "Anggaran (Rp)",
    "prov.ikm_weighting": "Bobot IKM",
    "prov.coverage_threshold": "Ambang cakupan pelatihan",
    "prov.service_competency": "Kompetensi pelayanan",
    "prov.min_pairs": "Pasangan minimum per program",
    "prov.score_method": "Cara skor 0–100",
    "prov.n_themes": "Jumlah tema komentar",
    "prov.min_responses": "Responden minimum untuk peringkat",
    "prov.reports_dir": "Folder laporan",
    "text.cr_national": "Nasional",
    "text.cr_many_provinces": (
        "Karena wilayah yang dibandingkan lebih dari {few}, tabel dan grafik meringkas per "
        "provinsi, ditambah {n} wilayah tertinggi dan {n} terendah untuk setiap angka. Angka "
        "provinsi dan nasional dihitung dari jumlah pegawai semua wilayahnya (jumlah pegawai "
        "dibagi jumlah pegawai), bukan rata-rata persentase wilayah; IKM provinsi dibobot "
        "menurut jumlah responden."
    ),
    "text.cr_national_figures": (
        "Secara nasional: **{n_employees}** ASN di {n} wilayah; **{share_optimal}** pegawai "
        "yang memiliki nilai JPM berkategori “Optimal”; **{share_under}** pegawai belum "
        "memenuhi 20 JP."
    ),
    "text.cr_lower_bound": (
        "Di {n} wilayah sebagian angka disembunyikan karena kelompoknya kecil atau tidak "
        "tersedia; angka nasional dan provinsi dari wilayah itu hanya menjumlahkan angka yang"
        " ditampilkan, sehingga merupakan batas bawah."
    ),
    "text.cr_top_bottom_table": (
        "{n} wilayah tertinggi dan {n} terendah dari {total} wilayah yang memiliki angka ini:"
    ),
    "heading.cr_key_provinces": "Angka kunci per provinsi",
    "col.cr_n_regions": "Jumlah wilayah",
    "col.cr_n_hidden": "Wilayah dengan angka tersembunyi",
    "col.cr_rank": "Peringkat",
    "col.cr_share_below": "Di bawah standar",
    "chart.cr_jpm_province": "Kategori JPM per provinsi",
    "chart.cr_heatmap_province": "Persentase pegawai di bawah standar, per provinsi dan kompetensi",
    "chart.cr_jp_province": "Pemenuhan 20 JP per provinsi",
    "chart.cr_ikm_province": "IKM per provinsi",
    "chart.cr_province_note": (
        "Titik besar: provinsi (dihitung dari jumlah seluruh wilayahnya); titik kecil dan "
        "garis: sebaran wilayahnya."
    ),
    "chart.cr_province_point": "Provinsi",
    "chart.cr_region_point": "Wilayah",
    "index.key_figures_provinces": "Angka kunci per provinsi",
    "index.by_province": "Wilayah per provinsi:",
    "index.no_province": "Provinsi tidak diketahui",
    "chart.cr_ikm_x": "IKM terakhir (25–100)",
    "text.cr_no_province": "Provinsi tidak diketahui",
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
    "enum.jpm_category.Optimal": "Optimal",
    "enum.jpm_category.Cukup Optimal": "Fairly optimal",
    "enum.jpm_category.Kurang Optimal": "Below optimal",
    "enum.jpm_category.Memenuhi Syarat": "Meets the requirements",
    "enum.jpm_category.Masih Memenuhi Syarat": "Still meets the requirements",
    "enum.jpm_category.Kurang Memenuhi Syarat": "Does not meet the requirements",
    "enum.performance_axis.1": "Below expectations",
    "enum.performance_axis.2": "Meets expectations",
    "enum.performance_axis.3": "Above expectations",
    "enum.potential_axis.1": "Low",
    "enum.potential_axis.2": "Medium",
    "enum.potential_axis.3": "High",
    "enum.talent_action.promote": "Promote",
    "enum.talent_action.retain": "Retain",
    "enum.talent_action.national_succession": "Join the national succession pool",
    "enum.talent_action.agency_succession": "Join the agency succession pool",
    "enum.talent_action.rotation": "Rotation",
    "enum.talent_action.rotation_enrichment": "Rotation or job enrichment",
    "enum.talent_action.performance_coaching": "Performance coaching",
    "enum.talent_action.performance_counselling": "Performance counselling",
    "enum.talent_action.competency_development": "Competency development",
    "enum.talent_action.right_placement": "Placement that fits",
    "enum.talent_action.per_regulation": "Handled under the regulations",
    "enum.tna_quadrant.priority": "Priority",
    "enum.tna_quadrant.develop": "Develop",
    "enum.tna_quadrant.maintain": "Maintain",
    "enum.tna_quadrant.low_priority": "Low priority",
    "enum.tna_item.analisis_data_sederhana": "Basic data analysis",
    "enum.tna_item.komunikasi_publik_media_sosial": "Public communication on social media",
    "enum.tna_item.koordinasi_lintas_unit": "Coordination across units",
    "enum.tna_item.pelayanan_pengaduan": "Handling complaints",
    "enum.tna_item.pelayanan_tatap_muka": "Face-to-face service",
    "enum.tna_item.pengadaan_barang_jasa": "Procurement of goods and services",
    "enum.tna_item.pengelolaan_arsip_dinamis": "Managing active records",
    "enum.tna_item.pengelolaan_keuangan": "Financial management",
    "enum.tna_item.penggunaan_aplikasi_sipd": "Using the SIPD application",
    "enum.tna_item.penggunaan_aplikasi_srikandi": "Using the SRIKANDI application",
    "enum.tna_item.penulisan_naskah_dinas": "Writing official documents",
    "enum.tna_item.penyusunan_anggaran": "Preparing budgets",
    "enum.tna_item.penyusunan_laporan_kinerja": "Preparing performance reports",
    "enum.tna_item.penyusunan_sop": "Writing standard operating procedures (SOP)",
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
    "col.jpm_category": "JPM category",
    "col.n_group": "Staff in the group",
    "col.n_below": "Below standard",
    "col.share_below": "Below standard",
    "col.mean_gap": "Mean gap (levels)",
    "col.mean_level": "Mean level achieved",
    "col.mean_required": "Mean level required",
    "col.n_candidates": "Candidates",
    "col.n_ready": "Ready",
    "col.share_ready": "Share ready",
    "col.item_id": "Task",
    "col.item": "Task",
    "col.rank": "Rank",
    "col.mean_need": "Mean need",
    "col.ci": "Confidence interval",
    "col.potential_source": "Potential taken from",
    "col.n_unplaced": "Not placed (data incomplete)",
    "col.need": "Need",
    "col.quadrant": "Quadrant",
    "col.mean_importance": "Mean importance",
    "col.mean_performance": "Mean performance",
    "col.sd_need": "SD of need",
    "col.ci_low": "Lower confidence limit",
    "col.ci_high": "Upper confidence limit",
    "col.ncf": "NCF (core factor)",
    "col.nsf": "NSF (secondary factor)",
    "col.total": "Total score",
    "col.n_core": "Core factors assessed",
    "col.n_secondary": "Secondary factors assessed",
    "enum.potential_source.potential_score": "Potential score",
    "enum.potential_source.jpm": "JPM (job person match)",
    "col.share_priority": "Respondents rating it a priority",
    "col.box": "Box",
    "col.potential_axis": "Potential",
    "col.performance_axis": "Performance",
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
    "title.gaps": "Competency gaps of civil servants: {region}",
    "text.and": "and",
    "text.gaps_summary_jpm": (
        "Of the **{n_employees} civil servants (ASN)** in {region}, **{n_with_jpm}** have a "
        "*Job Person Match* (JPM) score from a competency assessment; the mean JPM is "
        "**{mean_jpm}**."
    ),
    "text.gaps_summary_jpm_most": (
        "Nearly all of the **{n_employees} civil servants (ASN)** in {region} have a *Job "
        "Person Match* (JPM) score from a competency assessment (fewer than {threshold} do "
        "not); the mean JPM is **{mean_jpm}**."
    ),
    "text.gaps_summary_jpm_small": (
        "Fewer than {threshold} civil servants in {region} have a *Job Person Match* (JPM) "
        "score, so no figures are shown."
    ),
    "text.gaps_summary_jpm_none": (
        "No civil servant in {region} has a *Job Person Match* (JPM) score yet: none has been "
        "assessed in the competencies their position requires."
    ),
    "text.gaps_summary_biggest": (
        "The biggest gap is in **{competency}**: {share} of the staff assessed are below standard."
    ),
    "text.jpm_formula.sum_ratio": (
        "JPM = 100 × the sum of levels achieved ÷ the sum of levels the position requires"
    ),
    "text.jpm_formula.mean_ratio": (
        "JPM = 100 × the mean of (level achieved ÷ level the position requires)"
    ),
    "text.jpm_bands.mapping": (
        "Mapping categories: **Optimal** ≥ 90, **Fairly optimal** 78 to under 90, **Below "
        "optimal** under 78."
    ),
    "text.jpm_bands.selection": (
        "Categories for filling a position: **Meets the requirements** ≥ 80, **Still meets the "
        "requirements** 68 to under 80, **Does not meet the requirements** under 68."
    ),
    "text.jpm_intro": (
        "{formula}, over the required competencies that were assessed; competencies not yet "
        "assessed are never estimated. {bands}"
    ),
    "text.jpm_categories_first": "**{share}** of staff are in the **{category}** category",
    "text.jpm_categories_next": "{share} **{category}**",
    "text.categories_hidden": "The figures for {categories} are hidden.",
    "text.missing": (
        "{share} of the competencies that positions require have not been assessed "
        "({n_missing} of {n_required}); missing levels are never estimated."
    ),
    "text.missing_unassessed": "{n} staff have not been assessed at all.",
    "text.missing_unassessed_small": "Fewer than {threshold} staff have not been assessed at all.",
    "heading.gaps_jpm": "Job Person Match (JPM) categories",
    "heading.gaps_shortfall": "Staff below standard by competency",
    "heading.gaps_heatmap": "Gaps by work unit and competency",
    "heading.gaps_profile": "The region's competency profile against the standard",
    "heading.gaps_nine_box": "Talent management: the nine boxes",
    "heading.gaps_readiness": "Readiness for the next position up",
    "heading.gaps_needs": "Training needs from the staff survey",
    "text.shortfall_intro": (
        "For each competency: the share of assessed staff whose level is below the level their "
        "position requires."
    ),
    "text.shortfall_overall": (
        "Overall, **{share}** of assessment results ({n_below} of {n_results}) are below the "
        "position's standard."
    ),
    "text.shortfall_top": "The highest shares are in {items}.",
    "text.shortfall_lowest": "The lowest share is in **{competency}** ({share}).",
    "text.shortfall_none": "There are no assessment results yet for the competencies required.",
    "text.heatmap_intro": (
        "Each cell is the mean gap in levels (achieved − required) in one work unit: red is "
        "below standard, blue above it."
    ),
    "text.heatmap_deepest": (
        "The deepest gap is in **{unit}**, in **{competency}** (mean {gap} levels)."
    ),
    "text.heatmap_units_below": (
        "In **{n_units} of {n_total} work units** the mean level is below standard in more than "
        "half of the competencies shown."
    ),
    "text.heatmap_hidden": (
        "{n} cells are left blank (grey) because fewer than {threshold} staff of that unit were "
        "assessed in that competency, to protect personal data."
    ),
    "text.heatmap_hidden_one": (
        "{n} cell is left blank (grey) because fewer than {threshold} staff of that unit were "
        "assessed in that competency, to protect personal data."
    ),
    "text.heatmap_hidden_none": (
        "No cell is left blank: every cell stands for at least {threshold} staff."
    ),
    "text.profile_meets": (
        "The region's mean level reaches the mean required level in **{n_meet} of {n_total} "
        "competencies**."
    ),
    "text.profile_widest": (
        "The widest gap is in **{competency}**: {level} achieved against {required} required."
    ),
    "text.nine_box_intro": (
        "Staff are placed by performance (across, from the performance rating) and potential "
        "(up), as PermenPANRB 3/2020 sets out. Only the number of staff in each box is shown, "
        "never where a person is placed."
    ),
    "text.nine_box_placed": "**{n_placed} staff** could be placed.",
    "text.nine_box_largest": "The largest box is **box {box}** ({share} of the staff placed).",
    "text.nine_box_top": (
        "**{share}** are in box 9 (performance above expectations, high potential)."
    ),
    "text.nine_box_bottom": (
        "{share} are in box 1 (performance below expectations, low potential)."
    ),
    "text.nine_box_box_small": "Box {box} holds fewer than {threshold} staff.",
    "text.nine_box_box_hidden": (
        "The number of staff in box {box} is hidden to protect another number."
    ),
    "text.nine_box_unplaced": (
        "{n} staff are not placed because their performance rating or potential score is not "
        "recorded."
    ),
    "text.nine_box_unplaced_small": (
        "Fewer than {threshold} staff are not placed because their performance rating or "
        "potential score is not recorded."
    ),
    "text.nine_box_none": (
        "Nobody can be placed yet: performance ratings or potential scores are not recorded."
    ),
    "text.readiness_intro": (
        "Each employee's JPM is also computed against the standard of the next position up (PP "
        "11/2017 Art. 206); an employee counts as ready when that JPM is at least {threshold}."
    ),
    "text.readiness_total": (
        "**{n_ready} of {n_candidates} candidates** ({share}) are ready for the next position up."
    ),
    "text.readiness_total_small": (
        "Fewer than {threshold} of the {n_candidates} candidates are ready for the next "
        "position up."
    ),
    "text.readiness_total_hidden": (
        "There are too few candidates (fewer than {threshold}) to show."
    ),
    "text.readiness_none": "No candidate has a JPM against the next position up yet.",
    "text.readiness_top_unit": (
        "Most ready candidates are in **{unit}** ({n_ready} people, {share} of its candidates)."
    ),
    "text.needs_intro": (
        "In the training-needs survey (Hennessy-Hicks method) staff rate every task from 1 to 7 "
        "for how important it is and for how well they do it now; need = importance − "
        "performance. Important tasks done poorly are priorities."
    ),
    "text.needs_top": "The largest needs: {items}.",
    "text.needs_item": "**{item}** (mean {need}; {share} of respondents rate it a priority)",
    "text.needs_item_no_share": "**{item}** (mean {need})",
    "text.needs_none": "There are no training-needs survey data for this region.",
    "text.needs_small": (
        "Every task was rated by fewer than {threshold} respondents, so no result is shown."
    ),
    "chart.jpm_categories": "JPM categories",
    "chart.share_staff_pct": "Share of staff (%)",
    "chart.shortfall": "Share of staff below standard by competency",
    "chart.share_below_pct": "Share of staff below standard (%)",
    "chart.gap_heatmap": "Mean gap by work unit and competency",
    "chart.gap_colorbar": "Gap in levels (achieved − required)",
    "chart.heatmap_hidden": "Grey: fewer than {threshold} staff assessed, not shown",
    "chart.radar": "The region's competency profile against the standard",
    "chart.radar_level": "Mean level achieved",
    "chart.radar_required": "Mean level required",
    "chart.radar_hidden": "{competency} (not shown)",
    "chart.nine_box": "Staff in the nine boxes of talent management",
    "chart.box": "Box {box}",
    "chart.readiness": "Candidates ready for the next position up",
    "chart.share_ready_pct": "Share of candidates ready (%)",
    "chart.readiness_value": "{share} ({n_ready} of {n_candidates})",
    "chart.readiness_value_small": "< {threshold} ready of {n_candidates}",
    "chart.top_needs": "Largest training needs",
    "chart.needs_x": "Mean need (importance − performance)",
    "chart.needs_value": "{need} · priority {share}",
    "chart.ci_note": "Black lines: 95% confidence interval",
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
    "index.template.gaps": "Competency gaps",
    "index.none": "No report yet.",
    # -- the needs and plan report (needs_plan) --------------------------------
    "index.template.needs_plan": "Training needs and plan",
    "title.needs_plan": "Training needs and development plan of civil servants: {region}",
    "col.cluster": "Cluster",
    "col.cluster_number": "Cluster",
    "col.form": "Form",
    "col.mode": "Mode",
    "col.cluster_name": "Need group",
    "col.total_need": "Total need",
    "col.mean_shortfall": "Mean shortfall",
    "col.share_short": "Share below standard",
    "col.n_under": "Under 20 JP",
    "col.share_under": "Share under 20 JP",
    "col.mean_jp": "Mean JP",
    "col.programme": "Programme",
    "col.jp": "JP",
    "col.cost_per_participant": "Cost per participant (Rp)",
    "col.value_for_money": "Need covered per Rp1 million",
    "col.learning_model": "70:20:10 model",
    "col.share_plan": "Share of the plan's JP",
    "col.share_target": "Target",
    "col.share_difference": "Difference",
    "text.cluster_no_shortfall": "No shortfall",
    "text.np_cluster_hidden": "Small group (hidden)",
    "text.np_free": "free",
    "text.np_per_participant": "{cost} per participant",
    "text.rupiah": "Rp{amount}",
    "text.rupiah_million": "Rp{amount} million",
    "text.rupiah_billion": "Rp{amount} billion",
    "heading.np_clusters": "Training need groups",
    "heading.np_jp": "The 20 JP a year rule",
    "heading.np_programmes": "Recommended programmes per group",
    "heading.np_budget": "The training plan within the budget",
    "heading.np_curve": "What each extra 100 million rupiah buys",
    "heading.np_modality": "Learning modes against the 70:20:10 model",
    "heading.np_mentoring": "Mentoring by colleagues",
    "text.np_summary": (
        "Of the **{n_staff} civil servants** in {region}, the **{n_clustered}** assessed are "
        "grouped by their competency shortfalls into **{k} need groups**."
    ),
    "text.np_summary_none": (
        "Too few staff in {region} have assessment results to be grouped by training need."
    ),
    "text.np_fill": (
        "Staff never assessed ({n_unassessed}) are not grouped; other required competencies not "
        "yet assessed ({n_cells} values) count as no shortfall, so the real need may be larger."
    ),
    "text.np_stability": (
        "Repeating the grouping {n_boot} times on 80% of the staff gives a mean agreement "
        "(adjusted Rand index, 1 = identical) of **{ari}**: {quality}."
    ),
    "text.np_stability.high": "the groups are stable",
    "text.np_stability.mid": "the groups are fairly stable",
    "text.np_stability.low": "the groups are not stable, so read them with care",
    "text.np_largest": (
        "The largest need is in **cluster {number}**, {name} ({n} staff, {share}), with a total "
        "mean shortfall of {need} levels."
    ),
    "text.np_clusters_small": ("{n} groups hold fewer than {threshold} staff and are not shown."),
    "text.np_heatmap_intro": (
        "Each cell shows the mean shortfall in levels (required − achieved; 0 when the standard "
        "is met or not assessed) of a group's members in one competency."
    ),
    "text.np_jp_total": (
        "In {year}, **{n_under} of {n_staff} civil servants** ({share}) had not reached **20 JP** "
        "of competency development (PP 11/2017 Art. 203(4)); the mean was {mean_jp} JP per person."
    ),
    "text.np_jp_total_small": (
        "In {year}, fewer than {threshold} of {n_staff} civil servants had not reached 20 JP of "
        "competency development; the mean was {mean_jp} JP per person."
    ),
    "text.np_jp_top_unit": "The highest share is in **{unit}** ({share}).",
    "text.np_jp_none": "There is no training participation data for this region.",
    "text.np_programmes_intro": (
        "For each group shown: the catalogue programmes covering its largest shortfalls, ranked "
        "by need covered per Rp1 million."
    ),
    "text.np_programmes_best": (
        "For cluster {number} ({cluster}), the first choice is **{programme}** ({jp} JP, {cost})."
    ),
    "text.np_programmes_none": ("No catalogue programme covers the gaps of the groups shown."),
    "text.np_budget": (
        "With a budget of **{budget}**, the best plan spends **{cost}** on **{n_places} training "
        "places** for **{n_people} staff**, covering **{share}** of all recorded competency "
        "shortfall and adding {jp_added} JP."
    ),
    "text.np_budget_lifted": ("{n_lifted} staff who were under 20 JP reach 20 JP with this plan."),
    "text.np_budget_exact": (
        "The plan is solved as an integer programme (MILP), within each programme's capacity and "
        "at most one programme per competency per person; it is at most {gap} from the best "
        "possible plan."
    ),
    "text.np_budget_limit": (
        "The MILP solver stopped at its time limit; the plan is at most {gap} from the best "
        "possible plan."
    ),
    "text.np_budget_greedy": (
        "This plan was computed the fast way (greedy) and may not be optimal."
    ),
    "text.np_budget_none": (
        "No catalogue programme covers the competency shortfalls of the staff of this region."
    ),
    "text.np_curve": (
        "The first Rp100 million covers **{first}** levels of shortfall; the last Rp100 million up "
        "to {budget} covers **{last}** levels."
    ),
    "text.np_curve_free": ("Free programmes alone already cover {share} of all shortfall."),
    "text.np_modality": (
        "Of the plan's JP, **{experiential}** is learning on the job, **{social}** learning from "
        "others and **{formal}** formal learning, against the 70:20:10 model (70% : 20% : 10%); "
        "{klasikal} of the JP is classroom-based."
    ),
    "text.np_modality_none": "This plan holds no programme.",
    "text.np_model.experiential": "On the job (70)",
    "text.np_model.social": "From others (20)",
    "text.np_model.formal": "Formal learning (10)",
    "text.np_mentoring": (
        "Within the organisation, **{n_mentors} staff** at least one level above their standard "
        "could mentor (at most {capacity} mentees each): they reach **{n_paired} of "
        "{n_shortfalls}** competency shortfalls ({share}) of {n_mentees} staff. Only counts are "
        "shown, never names or pairs."
    ),
    "text.np_mentoring_none": (
        "No competency shortfall can be paired with a mentor from within the organisation."
    ),
    "chart.np_heatmap": "Mean shortfall by need group and competency",
    "chart.np_heatmap_colorbar": "Mean shortfall (levels)",
    "chart.np_heatmap_hidden": "Grey: fewer than {threshold} staff, not shown",
    "chart.np_curve": "Competency shortfall covered by budget",
    "chart.np_curve_x": "Budget (Rp million)",
    "chart.np_curve_y": "Shortfall covered (%)",
    "chart.np_curve_budget": "This report's budget",
    "title.outcomes": "Outcomes of civil-service development programmes: {region}",
    "heading.oc_findings": "Key findings",
    "heading.oc_participation": "Training participation and the 20 JP rule",
    "heading.oc_model": "Who takes no part in training",
    "heading.oc_learning": "Level 2: learning (pre-test and post-test)",
    "heading.oc_behaviour": "Level 3: behaviour at work (supervisor ratings)",
    "heading.oc_ikm": "Level 4: Community Satisfaction Index (IKM)",
    "heading.oc_service": "Level 4: service standards and complaints",
    "heading.oc_did": "Units with high and low training coverage compared",
    "heading.oc_closure": "Closing competency gaps",
    "text.oc_findings": "Outcomes of competency development programmes in {region}:",
    "text.oc_participation_none": "There is no training participation data for this region.",
    "text.oc_participation": (
        "In {year}, {participants} of {n_staff} staff (**{share}**) took part in at least one"
        " programme; {jp} JP per employee on average, and **{share_20}** of staff met 20 JP."
    ),
    "text.oc_completion": "{share} of participations were completed.",
    "text.oc_jp_position": (
        "The 20 JP rule is met least by **{low}** ({low_share}) and most by **{high}** "
        "({high_share})."
    ),
    "text.oc_jp_sex": "{women} of women and {men} of men met 20 JP.",
    "text.oc_never": "{n} staff (**{share}**) took part in no training at all in {years}.",
    "text.oc_model_none": "The participation model could not be fitted: {reason}",
    "text.oc_model_intro": (
        "A logistic regression on {n} staff ({n_never} of whom took part in no training in "
        "{year}; McFadden pseudo-R² {r2}) compares the odds of taking no part by position "
        "type, work unit, age band, performance rating and employment status."
    ),
    "text.oc_model_item": "{factor} (odds ratio {odds} against {reference}; 95% CI {ci})",
    "text.oc_model_higher": "The odds of taking no part are higher for {items}.",
    "text.oc_model_lower": "The odds of taking no part are lower for {items}.",
    "text.oc_model_nothing": "No factor is clearly associated with taking no part (p < 0.05).",
    "text.oc_model_not_converged": (
        "The model fit did not fully converge; read its numbers with care."
    ),
    "text.oc_model_caution": (
        "Odds ratios show association, not cause: barriers such as no time or low awareness "
        "need to be asked about directly with the staff and supervisors of those groups."
    ),
    "text.oc_other_level": "other (small groups merged)",
    "text.oc_learning_none": "No programme has pre-tests and post-tests for this region.",
    "text.oc_learning_intro": (
        "Programmes with pairs of pre-test and post-test scores: {n}; a programme is ranked "
        "when it has at least {min_pairs} pairs."
    ),
    "text.oc_learning_none_ranked": (
        "No programme has at least {min_pairs} pairs of pre-test and post-test scores yet."
    ),
    "text.oc_learning_headline": (
        "{n_clear} of {n_ranked} programmes assessed raised post-test scores clearly; the "
        "largest effect: **{best}** (g = {g}; 95% CI {ci})."
    ),
    "text.oc_learning_best": (
        "In **{programme}** the mean score {direction} from {before} to {after} (a {size} "
        "effect; normalised gain {gain})."
    ),
    "text.oc_learning_weak": (
        "Programmes with no clear gain ({n}): {programmes}; their content and methods deserve"
        " a review."
    ),
    "text.oc_behaviour_none": (
        "There are no supervisor ratings before and after training for this region."
    ),
    "text.oc_behaviour_intro": (
        "Programmes with supervisor ratings (1–5) before and after training: {n}; a programme"
        " is ranked when it has at least {min_pairs} pairs."
    ),
    "text.oc_behaviour_none_ranked": (
        "No programme has at least {min_pairs} pairs of supervisor ratings yet."
    ),
    "text.oc_behaviour_headline": (
        "{n_clear} of {n_ranked} programmes assessed were followed by a clear change in "
        "behaviour at work according to supervisors; the largest: **{best}** (g = {g}; 95% CI"
        " {ci})."
    ),
    "text.oc_behaviour_best": (
        "In **{programme}** the mean supervisor rating {direction} from {before} to {after} "
        "(a {size} effect; normalised gain {gain})."
    ),
    "text.oc_behaviour_weak": (
        "Programmes followed by no clear change in behaviour ({n}): {programmes}."
    ),
    "text.oc_flagged": (
        "Programmes not assessed because they have fewer than {min_pairs} pairs of scores "
        "({n}): {programmes}."
    ),
    "text.oc_more": "{n} more",
    "col.n_respondents": "Respondents",
    "col.share_trained": "Training coverage",
    "text.oc_effect.negligible": "negligible",
    "text.oc_effect.small": "small",
    "text.oc_effect.medium": "medium",
    "text.oc_effect.large": "large",
    "text.oc_effect_method": (
        "*g is Hedges' effect size (g_av): the mean difference divided by the mean of the "
        "standard deviations before and after; 0.2 small, 0.5 medium, 0.8 large. 95% CI by "
        "bootstrap; “clear” means p < 0.05 in a paired t-test after Holm's correction for the"
        " number of programmes.*"
    ),
    "text.oc_grade.A": "Very good",
    "text.oc_grade.B": "Good",
    "text.oc_grade.C": "Poor",
    "text.oc_grade.D": "Very poor",
    "text.oc_ikm_none": "There is no community satisfaction survey for this region.",
    "text.oc_ikm_headline": "IKM {period}: **{ikm}**, service grade **{grade}**.",
    "text.oc_ikm_change": "Change since {period}: {change} points.",
    "text.oc_ikm_detail": (
        "Computed from {n} respondents (95% CI {ci}) per PermenPANRB 14/2017, with {weighting}."
    ),
    "text.oc_weighting.exact": "each element weighted exactly 1/9",
    "text.oc_weighting.permen": "each element weighted 0.11, as in common practice",
    "text.oc_ikm_units": (
        "Of {n} service units that can be compared, {n_up} improved clearly and {n_down} "
        "declined clearly (the confidence interval of the change excludes 0)."
    ),
    "text.oc_ikm_down": "IKM declined clearly in {units}.",
    "text.oc_service_none": "There are no service time or complaint data for this region.",
    "text.oc_service": (
        "In {year}, **{share}** of complaints were resolved within the time limit; the first "
        "response took {days} days on average (limit {sla} days); waiting time averaged "
        "{minutes} minutes."
    ),
    "text.oc_service_previous": (
        "In {year}: {share} of complaints within the limit, waiting time {minutes} minutes."
    ),
    "text.oc_service_ladder": (
        "*Time limits of SP4N-LAPOR!: first response {sla} days; information requests and "
        "complaints 5 days; cases needing no field check 14 days; with a field check 60 "
        "days.*"
    ),
    "text.oc_did_intro": (
        "Service units are split by their service-training coverage (the share of staff who "
        "completed training aimed at the public-service competency): high (at least "
        "{threshold}, {rule}) and low."
    ),
    "text.oc_did_rule.median": "the median of the service units",
    "text.oc_did_rule.fixed": "the threshold set",
    "text.oc_reason.model_too_few": (
        "too few staff took part, or took no part, in training (at least 10 of each are needed)."
    ),
    "text.oc_reason.did_groups": (
        "the high- and low-coverage groups each need an IKM before and after"
    ),
    "text.oc_did_no_data": "not enough IKM or training coverage data per unit",
    "text.oc_did_none": "The comparison could not be made: {reason}.",
    "text.oc_did_headline": (
        "The IKM of units with high training coverage changed {estimate} points more than "
        "that of other units (95% CI {ci}); an association, not proof of cause."
    ),
    "text.oc_did_result": (
        "The IKM of {n_treated} high-coverage units changed {change_treated} points{span}, "
        "that of {n_control} other units {change_control} points: a difference in differences"
        " of **{estimate} points** (95% CI {ci})."
    ),
    "text.oc_did_caution": (
        "This is not proof that training caused the change in IKM. It holds only if, without "
        "the training, both groups would have changed in parallel (the parallel-trends "
        "assumption) and nothing else (budget, systems, leadership) changed for one group "
        "only; units were also not chosen at random for training."
    ),
    "text.oc_did_few_units": "There are few units, so the confidence interval is less reliable.",
    "text.oc_closure_none": "No staff were assessed twice, so gap closure cannot be measured yet.",
    "text.oc_closure_headline": (
        "Staff trained in a competency closed their gap {difference} JPM points more than "
        "untrained staff (95% CI {ci})."
    ),
    "text.oc_closure": (
        "Among staff assessed twice, {n_trained} staff–competency pairs trained between the "
        "two assessments changed {change_trained} JPM points and {n_untrained} untrained "
        "pairs {change_untrained} points: a difference of **{difference} points** (95% CI "
        "{ci})."
    ),
    "text.oc_closure_caution": (
        "Trained staff may differ from untrained staff (for example, chosen because their gap"
        " was large), so this difference is not a measure of cause."
    ),
    "chart.oc_forest_l2": "Effect of training on test scores (pre-test to post-test)",
    "chart.oc_forest_l3": "Effect of training on supervisor ratings (before to after)",
    "chart.oc_forest_x": "Hedges' g (dot) and 95% confidence interval (line)",
    "chart.oc_closure": "Gap closure: trained against untrained",
    "chart.oc_closure_x": "Difference in JPM change (points) and 95% CI",
    "chart.oc_ikm": "IKM per service unit",
    "chart.oc_ikm_x": "IKM (25–100); background: grades A, B, C, D",
    "chart.oc_did": "IKM of units with high and low training coverage",
    "chart.oc_did_y": "Mean IKM",
    "chart.oc_did_treated": "High coverage",
    "chart.oc_did_control": "Low coverage",
    "chart.oc_did_parallel": "High coverage, had it changed like low coverage",
    "chart.oc_did_before": "Before",
    "chart.oc_did_after": "After",
    "col.sex": "Sex",
    "col.performance": "Performance rating",
    "col.age_band": "Age band",
    "col.n_meeting": "Met 20 JP",
    "col.share_meeting": "Share meeting 20 JP",
    "col.factor": "Factor",
    "col.reference_label": "Compared with",
    "col.odds_ratio": "Odds ratio",
    "col.ci_text": "95% CI",
    "col.p_text": "p",
    "col.g_text": "Effect size (g)",
    "col.n_pairs": "Pairs of scores",
    "col.mean_before": "Mean before",
    "col.mean_after": "Mean after",
    "col.period": "Period",
    "col.ikm": "IKM",
    "col.grade": "Grade",
    "col.ikm_before": "IKM before",
    "col.ikm_after": "IKM after",
    "col.change": "Change",
    "col.period_before": "First period",
    "col.period_after": "Last period",
    "col.waiting_minutes": "Waiting time (minutes)",
    "col.complaints_received": "Complaints",
    "col.complaints_resolved_in_sla": "Resolved in time",
    "col.share_in_sla": "Share in time",
    "col.first_response_days": "First response (days)",
    "col.first_response_in_sla": "First response in time",
    "col.coverage": "Training coverage",
    "col.n_trained": "Trained",
    "col.n_untrained": "Untrained",
    "col.change_trained": "JPM change, trained",
    "col.change_untrained": "JPM change, untrained",
    "col.difference": "Difference",
    "col.coverage_group": "Group",
    "text.oc_participation_few": (
        "In {year}, fewer than {threshold} of {n_staff} staff took part in at least one "
        "programme; {jp} JP per employee on average, and **{share_20}** of staff met 20 JP."
    ),
    "text.oc_direction.up": "rose",
    "text.oc_direction.down": "fell",
    "text.oc_learning_fell": "Programmes after which scores fell clearly ({n}): {programmes}.",
    "text.oc_behaviour_fell": (
        "Programmes followed by a clear fall in supervisor ratings ({n}): {programmes}."
    ),
    "text.oc_did_span": " from {before} to {after}",
    "text.oc_participation_small": (
        "This region has fewer than {threshold} staff; its participation figures are not shown."
    ),
    "chart.fb_likert": "Answers per statement",
    "chart.fb_answer.5.1": "Strongly disagree",
    "chart.fb_answer.5.2": "Disagree",
    "chart.fb_answer.5.3": "Neutral",
    "chart.fb_answer.5.4": "Agree",
    "chart.fb_answer.5.5": "Strongly agree",
    "chart.fb_answer.4.1": "Strongly disagree",
    "chart.fb_answer.4.2": "Disagree",
    "chart.fb_answer.4.3": "Agree",
    "chart.fb_answer.4.4": "Strongly agree",
    "title.feedback": "Participant feedback on civil-service development programmes: {region}",
    "heading.fb_dimensions": "Answers per dimension and statement",
    "heading.fb_programmes": "Scores per programme",
    "heading.fb_reliability": "Reliability of the questionnaire",
    "heading.fb_themes": "Themes of the comments",
    "heading.fb_quotes": "What participants wrote",
    "text.fb_findings": "Feedback from training participants in {region}:",
    "text.fb_none": "No participant feedback questionnaires from {region} yet.",
    "text.fb_too_few": (
        "Fewer than {threshold} feedback questionnaires from {region}: figures are hidden to "
        "protect the respondents."
    ),
    "text.fb_responses": "{n} feedback questionnaires returned.",
    "text.fb_overall_score": "Overall score {score} out of 100 (95% CI: {ci}), band **{band}**.",
    "text.fb_best_worst": (
        "Best dimension **{best}** ({best_score}); lowest **{worst}** ({worst_score})."
    ),
    "text.fb_overall": "Overall",
    "text.fb_band.sangat baik": "very good",
    "text.fb_band.baik": "good",
    "text.fb_band.cukup": "fair",
    "text.fb_band.kurang": "poor",
    "text.fb_reversed": "(negatively worded; answers reversed so that “agree” is favourable)",
    "text.fb_method.linear": "1–5 scales mapped linearly to 0–100 (1 = 0, 5 = 100)",
    "text.fb_method.x20": "1–5 scales multiplied by 20 (1 = 20, 5 = 100)",
    "text.fb_dimensions": (
        "Scores 0–100 per dimension: 1–4 scales multiplied by 25, {method}; bands: 85 and above "
        "very good, 70 good, 55 fair, below that poor."
    ),
    "text.fb_dimensions_none": "Too few answers to score the dimensions.",
    "text.fb_programmes": (
        "{n} programmes were rated; {n_ranked} of them have at least {min_responses} respondents "
        "and are ranked, the others are listed only."
    ),
    "text.fb_programmes_top": (
        "Highest score: **{top}** ({top_score}); lowest among those ranked: **{bottom}** "
        "({bottom_score})."
    ),
    "text.fb_programmes_caution": "Where intervals overlap, a difference in rank may not be real.",
    "text.fb_programmes_none": "No programme has questionnaire answers.",
    "text.fb_reliability_none": (
        "Reliability (Cronbach's α) could not be computed: too few respondents."
    ),
    "text.fb_reliability_low": (
        "Internal consistency (Cronbach's α) is below {threshold} in {n_low} of {n} dimensions (α"
        " {alphas})."
    ),
    "text.fb_reliability_ok": (
        "Internal consistency (Cronbach's α) is adequate in every dimension (α {alphas}, "
        "threshold {threshold})."
    ),
    "text.fb_reliability_meaning": (
        "The items of a dimension do not yet measure the same thing consistently, so read the "
        "dimension scores as a rough picture; dimensions of only two items tend to give a low α."
    ),
    "text.fb_negative_items": (
        "Items {items} correlate negatively with the rest of their dimension: check that "
        "negatively worded items were reversed."
    ),
    "text.fb_warning.low_alpha": "α below 0.7",
    "text.fb_warning.negative_item": "an item correlates negatively",
    "text.fb_warning.too_few_items": "fewer than 2 items",
    "text.fb_warning.too_few_respondents": "too few respondents",
    "text.fb_warning.no_variance": "answers do not vary",
    "text.fb_themes": (
        "{n_commented} comments were grouped into {n_themes} themes shown here (TF-IDF and NMF; "
        "each theme is named by its key words)."
    ),
    "text.fb_largest_theme": "Largest theme: “{label}” ({share} of comments).",
    "text.fb_themes_hidden": "{n} themes with fewer than {threshold} comments are not shown.",
    "text.fb_themes_none": "No theme has at least {threshold} comments to show.",
    "text.fb_polarity": (
        "Simple rules recognise the tone of {coverage} of the comments: praise {praise}, "
        "complaints {complaint}, suggestions {suggestion}."
    ),
    "text.fb_quotes": (
        "Example comments per theme, with names, phone numbers, e-mail addresses, NIPs and other "
        "long numbers masked."
    ),
    "text.fb_quotes_none": "No quote can be shown safely.",
    "col.dimension_label": "Dimension",
    "col.band_label": "Band",
    "col.score": "Score (0–100)",
    "col.n_responses": "Respondents",
    "col.k": "Items",
    "col.alpha": "Cronbach's α",
    "col.warning_text": "Note",
    "col.theme_label": "Theme",
    "col.n_comments": "Comments",
    "heading.fb_theme_splits": "Themes by rating and programme",
    "text.fb_providers": (
        "By type of provider, the highest score went to **{top}** ({top_score}) and the "
        "lowest to **{bottom}** ({bottom_score})."
    ),
    "text.fb_splits": (
        "Do satisfied and less satisfied participants write about different things? Each "
        "comment is linked to the overall score its writer gave and to its programme."
    ),
    "text.fb_split_band": (
        "Among participants whose rating was **{band}**, the largest theme is “{label}” "
        "({share} of {n} comments)."
    ),
    "text.fb_split_programmes": (
        "Themes per programme are shown for {n} programmes with at least {threshold} comments"
        " with a theme; {hidden} other programmes have too few comments."
    ),
    "text.fb_splits_none": (
        "Too few comments to split the themes by rating or programme (each group needs at "
        "least {threshold} comments)."
    ),
    "chart.fb_themes": "Themes of participants' comments",
    "chart.fb_themes_by_band": "Themes by participants' overall rating",
    "chart.fb_themes_by_programme": "Themes per programme",
    "chart.fb_share_comments": "Share of comments",
    "chart.fb_share_in_group": "Share of the group's comments (rows add up to 100%)",
    "col.provider_type": "Provider type",
    "title.cross_region": "Civil-service competency development: regions compared",
    "text.cr_subtitle": "{n} regions · {provinces} provinces",
    "heading.cr_key": "Key figures by region",
    "heading.cr_jpm": "Job Person Match (JPM) categories",
    "heading.cr_gaps": "Gaps by competency",
    "heading.cr_jp": "Meeting 20 JP",
    "heading.cr_ikm": "Public satisfaction index (IKM)",
    "text.cr_regions": (
        "This report compares **{n} regions** in **{provinces} provinces**, from each "
        "region’s own reports."
    ),
    "text.cr_masked": (
        "A “–” means the region’s report does not have the figure, or hid it because the "
        "group has fewer than {threshold} people."
    ),
    "text.cr_many": (
        "Tables list every region. With more than {max_regions} regions, charts show only the"
        " {half} highest and the {half} lowest, grouped by province."
    ),
    "text.cr_jpm": (
        "The share of assessed staff in the category “Optimal” is highest in {high} "
        "({high_value}) and lowest in {low} ({low_value}), among {n} regions with this "
        "figure."
    ),
    "text.cr_gap": (
        "The largest gap is {competency} in {region}: {share} of assessed staff are below "
        "standard; the smallest is {low_competency} in {low_region} ({low_share})."
    ),
    "text.cr_jp": (
        "The share of staff with at least 20 JP in the year is highest in {high} "
        "({high_value}) and lowest in {low} ({low_value}), among {n} regions."
    ),
    "text.cr_ikm": (
        "The latest IKM is highest in {high} ({high_value}) and lowest in {low} "
        "({low_value}), among {n} regions."
    ),
    "text.cr_none": "Fewer than two regions have this figure, so there is nothing to compare yet.",
    "text.cr_no_regions": (
        "There are no region reports (summary.json) in this folder. Run `kompetensi run` first."
    ),
    "chart.cr_top_bottom": (
        "Showing {shown} of {total} regions: the {half} highest and the {half} lowest."
    ),
    "chart.cr_hidden": "no data or hidden",
    "chart.cr_jpm": "JPM categories by region",
    "chart.cr_share_below_pct": "Staff below standard (%)",
    "chart.cr_heatmap_x": "Competency",
    "chart.cr_heatmap": "Share of staff below standard, by region and competency",
    "chart.cr_jp_x": "Staff meeting 20 JP (%)",
    "chart.cr_jp": "Meeting 20 JP, by region",
    "chart.cr_ikm_before": "Previous period",
    "chart.cr_ikm_latest": "Latest period (with 95% interval)",
    "chart.cr_ikm": "IKM by region",
    "col.cr_region_id": "Region code",
    "col.cr_region_name": "Region",
    "col.cr_n_employees": "Civil servants",
    "col.cr_share_optimal": "JPM optimal",
    "col.cr_share_under_20jp": "Under 20 JP",
    "col.cr_ikm_grade": "Service grade",
    "col.cr_feedback_score": "Feedback score (0–100)",
    "col.cr_feedback_band": "Feedback rating",
    "col.cr_year": "Year",
    "col.cr_ikm_low": "IKM lower bound (95%)",
    "col.cr_ikm_high": "IKM upper bound (95%)",
    "col.cr_n_staff": "Number of staff",
    "text.wb_summary": "Summary",
    "text.wb_figure": "Key figure",
    "text.wb_value": "Value",
    "text.wb_title": "Civil-service key figures: {region}",
    "text.wb_source": (
        "Source: summary.json, generated {generated}. Aggregates only; no personal data."
    ),
    "text.wb_masked": (
        "Empty cells: the number is hidden because the group has fewer than {threshold} "
        "people, or it is not available."
    ),
    "text.wb_masked_cell": "Hidden: group of fewer than {threshold} people.",
    "text.wb_sheet.overview": "Overview",
    "text.wb_sheet.gaps": "Gaps",
    "text.wb_sheet.needs_plan": "Needs and plan",
    "text.wb_sheet.outcomes": "Outcomes",
    "text.wb_sheet.feedback": "Feedback",
    "text.wb_table.by_position_group": "Staff by position group",
    "text.wb_table.jpm_categories": "JPM categories",
    "text.wb_table.shortfall": "Staff below standard by competency",
    "text.wb_table.readiness_units": "Readiness for the next position by unit",
    "text.wb_table.jp_units": "Meeting 20 JP by unit",
    "text.wb_table.model_mix": "70:20:10 mix in the plan",
    "text.wb_table.ikm_units": "IKM by unit and period",
    "text.wb_table.ikm_change": "IKM change by unit",
    "text.wb_table.dimensions": "Scores by dimension",
    "text.wb_table.providers": "Scores by provider type",
    "col.wb_headcount": "Civil servants",
    "col.wb_share_optimal": "Staff with optimal JPM",
    "col.wb_share_below": "Staff below standard (all competencies)",
    "col.wb_jp_share_under": "Staff under 20 JP",
    "col.wb_ikm_latest": "Latest IKM",
    "col.wb_ikm_latest_grade": "Service grade",
    "col.wb_ikm_change": "IKM change from the previous period",
    "col.wb_overall_score": "Participant feedback score (0–100)",
    "col.wb_region_name": "Region",
    "title.executive_summary": (
        "Executive summary of civil-service competency development: {region}"
    ),
    "heading.ex_numbers": "Key numbers",
    "heading.ex_recommendations": "Recommendations",
    "heading.ex_reports": "Detailed reports",
    "text.ex_intro": (
        "These key numbers come from this region's detailed reports. All of them are "
        "aggregates; groups of fewer than {threshold} people are hidden."
    ),
    "text.ex_in_year": " in {year}",
    "text.ex_num_headcount": "{region} has **{n}** civil servants in {units} work units.",
    "text.ex_num_headcount_only": "{region} has **{n}** civil servants.",
    "text.ex_num_coverage": "**{share}** of staff have had a competency assessment.",
    "text.ex_num_jpm": "Job-person match (JPM) of staff: {parts}.",
    "text.ex_num_jpm_hidden": (
        "The other categories are hidden because they hold fewer than {threshold} people."
    ),
    "text.ex_num_gap": (
        "The largest competency gap is in **{competency}**: **{share}** of assessed staff are"
        " below the standard of their position."
    ),
    "text.ex_num_gap_next": "Next: {items}.",
    "text.ex_num_jp": (
        "**{share}** of staff did not reach 20 hours (JP) of competency development{when}."
    ),
    "text.ex_num_effects": "Programmes with a clear gain: {parts}.",
    "text.ex_effects_learning": "**{n_clear}** of {n_ranked} programmes in learning (level 2)",
    "text.ex_effects_behaviour": (
        "**{n_clear}** of {n_ranked} programmes in on-the-job behaviour (level 3)"
    ),
    "text.ex_num_ikm": (
        "Community satisfaction index (IKM){when}: **{ikm}**, service grade {grade}."
    ),
    "text.ex_ikm_up": "Up {change} points from {previous_period}.",
    "text.ex_ikm_down": "Down {change} points from {previous_period}.",
    "text.ex_ikm_same": "Unchanged from {previous_period}.",
    "text.ex_num_feedback": (
        "Participants' rating of the training: **{score}** out of 100 ({band})."
    ),
    "text.ex_missing": "Not available for this region: {items}.",
    "text.ex_no_numbers": (
        "No key numbers for this region yet: its detailed reports are not available."
    ),
    "text.ex_number.headcount": "number of civil servants",
    "text.ex_number.coverage": "assessment coverage",
    "text.ex_number.jpm": "JPM categories",
    "text.ex_number.gap": "largest competency gap",
    "text.ex_number.jp": "20 JP attainment",
    "text.ex_number.effects": "programme effects",
    "text.ex_number.ikm": "IKM",
    "text.ex_number.feedback": "participants' rating",
    "text.ex_rec_jp": (
        "**{share}** of staff did not reach 20 hours (JP) of competency development{when}: "
        "give them priority in the next training plan and track each work unit's JP."
    ),
    "text.ex_rec_gap": (
        "**{share}** of assessed staff are below the standard in **{competency}**: make it a "
        "priority of the development programmes."
    ),
    "text.ex_rec_jpm": (
        "**{share}** of staff are in the JPM category {category}: draw up individual "
        "development plans for them with their line managers."
    ),
    "text.ex_rec_ikm_grade": (
        "The IKM{when} is only **{ikm}** (grade {grade}): strengthen public-service training "
        "in the work units with the lowest IKM."
    ),
    "text.ex_rec_ikm_fall": (
        "The IKM fell by **{change}** points from {previous_period} to {period}: look into "
        "the work units whose index fell, and their complaints."
    ),
    "text.ex_rec_effects": (
        "Only **{n_clear}** of {n_ranked} programmes show a clear gain in {level}: review the"
        " content and methods of the others before funding them again."
    ),
    "text.ex_level.learning": "learning (level 2)",
    "text.ex_level.behaviour": "on-the-job behaviour (level 3)",
    "text.ex_rec_feedback": (
        "Participants rated {dimension} lowest, **{score}** out of 100 ({band}): agree on "
        "improvements with the training providers."
    ),
    "text.ex_feedback_dimension": "{dimension}",
    "text.ex_feedback_overall": "the training as a whole",
    "text.ex_rec_reliability": (
        "The feedback questionnaire is not reliable enough (α below {threshold} in "
        "**{n_low}** of {n} aspects): review its questions before the next survey."
    ),
    "text.ex_rec_coverage": (
        "Only **{share}** of staff have had a competency assessment: extend the assessments "
        "so that every employee's gaps are known."
    ),
    "text.ex_rec_missing": (
        "Some key numbers are not available ({items}): complete the data so that the next "
        "summary is whole."
    ),
    "text.ex_rec_general_plan": (
        "Use these numbers when drawing up next year's competency development plan with the "
        "BKPSDM and the heads of the regional offices."
    ),
    "text.ex_rec_general_units": (
        "Open the detailed reports to see which work units and positions need attention most."
    ),
    "text.ex_rec_general_repeat": (
        "Update the assessment, training and survey data every year so that progress can be "
        "compared year on year."
    ),
    "text.ex_rules_note": (
        "The recommendations follow fixed rules applied to the numbers above, for example "
        "{jp_threshold} or more of staff under 20 JP, or {gap_threshold} or more of assessed "
        "staff below standard in one competency. When fewer than three rules apply, general "
        "recommendations are added."
    ),
    "text.ex_reports_intro": (
        "The numbers and recommendations above come from these detailed reports:"
    ),
    "text.ex_report.overview": (
        "[Civil service overview](overview.html): staff by work unit and position, and "
        "assessment coverage"
    ),
    "text.ex_report.gaps": (
        "[Competency gaps](gaps.html): JPM categories, competencies below standard, readiness"
        " for the next position"
    ),
    "text.ex_report.needs_plan": (
        "[Training needs and plan](needs_plan.html): need groups, 20 JP attainment, the "
        "training plan within the budget"
    ),
    "text.ex_report.outcomes": (
        "[Programme outcomes](outcomes.html): participation, programme effects on learning "
        "and behaviour, IKM and complaints"
    ),
    "text.ex_report.feedback": (
        "[Participant feedback](feedback.html): ratings by aspect, programme and provider, "
        "and comment themes"
    ),
    "text.ex_report_name.overview": "civil service overview",
    "text.ex_report_name.gaps": "competency gaps",
    "text.ex_report_name.needs_plan": "training needs and plan",
    "text.ex_report_name.outcomes": "programme outcomes",
    "text.ex_report_name.feedback": "participant feedback",
    "text.ex_reports_absent": "These reports are not available for this region: {items}.",
    "text.ex_reports_none": "This region's detailed reports are not available yet.",
    "text.ex_summary_missing": (
        "The key figures of this region's detailed reports (summary.json) were not found."
    ),
    "text.ex_summary_invalid": (
        "This region's key-figures file (summary.json) is damaged and cannot be read."
    ),
    "text.ex_summary_other_region": (
        "The key-figures file (summary.json) in this report folder belongs to another region,"
        " so it was not used."
    ),
    "col.wb_category": "JPM category",
    "col.wb_dimension": "Dimension",
    "col.wb_band": "Rating",
    "text.ex_rec_missing_all": (
        "There are no key numbers for this region yet: complete its data and produce its "
        "detailed reports first."
    ),
    "index.template.outcomes": "Programme outcomes",
    "index.template.feedback": "Participant feedback",
    "index.template.executive_summary": "Executive summary",
    "index.workbook": "Tables (Excel)",
    "index.comparison": "Comparison of the regions",
    "index.key_figures": "Key figures by region",
    "heading.parameters": "Parameters and data source",
    "col.parameter": "Parameter",
    "col.value": "Value",
    "prov.purpose": "Purpose of the JPM assessment",
    "prov.jpm_method": "JPM method",
    "prov.readiness_threshold": "Readiness threshold",
    "prov.top_needs": "Number of top needs",
    "prov.n_clusters": "Number of need groups",
    "prov.budget": "Budget (Rp)",
    "prov.ikm_weighting": "IKM weights",
    "prov.coverage_threshold": "Training coverage threshold",
    "prov.service_competency": "Service competency",
    "prov.min_pairs": "Minimum pairs per programme",
    "prov.score_method": "0–100 score method",
    "prov.n_themes": "Number of comment themes",
    "prov.min_responses": "Minimum respondents for ranking",
    "prov.reports_dir": "Report folder",
    "text.cr_national": "National",
    "text.cr_many_provinces": (
        "Because more than {few} regions are compared, tables and charts summarise by "
        "province, with the {n} highest and the {n} lowest regions on each figure. Provincial"
        " and national figures are computed from the counts of all their regions (staff over "
        "staff), never as a mean of the regions’ percentages; a province’s IKM is weighted by"
        " respondents."
    ),
    "text.cr_national_figures": (
        "Nationally: **{n_employees}** civil servants in {n} regions; **{share_optimal}** of "
        "staff with a JPM score are in the category “Optimal”; **{share_under}** of staff are"
        " under 20 JP."
    ),
    "text.cr_lower_bound": (
        "In {n} regions some figures are hidden because their group is small, or missing; "
        "national and provincial figures add only the figures shown for those regions, so "
        "they are lower bounds."
    ),
    "text.cr_top_bottom_table": (
        "The {n} highest and the {n} lowest of the {total} regions with this figure:"
    ),
    "heading.cr_key_provinces": "Key figures by province",
    "col.cr_n_regions": "Regions",
    "col.cr_n_hidden": "Regions with hidden figures",
    "col.cr_rank": "Rank",
    "col.cr_share_below": "Below standard",
    "chart.cr_jpm_province": "JPM categories by province",
    "chart.cr_heatmap_province": "Share of staff below standard, by province and competency",
    "chart.cr_jp_province": "Meeting 20 JP, by province",
    "chart.cr_ikm_province": "IKM by province",
    "chart.cr_province_note": (
        "Large dot: the province (from the counts of all its regions); small dots and line: "
        "the spread of its regions."
    ),
    "chart.cr_province_point": "Province",
    "chart.cr_region_point": "Region",
    "index.key_figures_provinces": "Key figures by province",
    "index.by_province": "Regions by province:",
    "index.no_province": "Province unknown",
    "chart.cr_ikm_x": "Latest IKM (25–100)",
    "text.cr_no_province": "Province unknown",
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
    if key not in TRANSLATIONS[lang] and enum in OPEN_ENUMS:
        return humanize(value)
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


def humanize(value: object) -> str:
    """A code written for people: ``"penyusunan_sop"`` → ``"Penyusunan sop"``.

    Used for data values that have no label (see :data:`OPEN_ENUMS`).

    Examples
    --------
    >>> humanize("pelayanan_tatap_muka")
    'Pelayanan tatap muka'
    >>> enum_label("tna_item", "pelayanan_tatap_muka", "en")
    'Face-to-face service'
    >>> enum_label("tna_item", "uji_petik_lapangan")
    'Uji petik lapangan'
    """
    text = re.sub(r"[_\s]+", " ", str(value)).strip()
    return text[:1].upper() + text[1:]


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
    >>> format_number(-0.04, decimals=1), format_number(-0.4, decimals=1)
    ('0,0', '-0,4')
    >>> format_number(None)
    'tidak diketahui'
    """
    check_lang(lang, "format_number")
    if _is_missing(value):
        return label("value.missing", lang)
    number = round(float(value), decimals)  # type: ignore[arg-type]
    body = f"{number + 0.0 if number == 0 else number:,.{decimals}f}"  # never "-0,0"
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
