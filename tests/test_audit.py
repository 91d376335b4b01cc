"""The leak scanner (`kompetensi audit`): every kind of finding, in every file type."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from kompetensi_toolkit import audit
from kompetensi_toolkit.audit import Finding, audit_outputs, format_findings, scan_text
from kompetensi_toolkit.cli import main
from kompetensi_toolkit.exceptions import ParameterError

NAMES = ["Dr. Sri Wahyuni, S.E., M.M.", "Budi Santoso, S.Kom.", "Fransiskus", "Hari", "Ani"]

#: What is planted, and how each finding must show it (masked).
PLANTED = {
    "nip": ("NIP 198501012010011001", "1985…001"),
    "nip_spaced": ("NIP 19850101 201001 1 001", "1985…001"),
    "digits": ("NIK 7371234567890123", "7371…123"),
    "email": ("tulis ke sri.wahyuni@contoh.go.id", "s…@contoh.go.id"),
    "phone": ("WA 0812-3456-7890", "0812…890"),
    "phone62": ("telp +62 812 3456 7890", "6281…890"),
    "name": ("dilatih oleh SRI WAHYUNI", "S… W…"),
}
KIND = {"nip_spaced": "nip", "phone62": "phone"}
#: The raw values a finding must never repeat.
RAW = ["198501012010011001", "7371234567890123", "sri.wahyuni", "3456-7890", "3456 7890"]


def kinds(findings):
    return sorted((f.kind, f.what) for f in findings)


def expected():
    return sorted((KIND.get(k, k), masked) for k, (_, masked) in PLANTED.items())


# ---------------------------------------------------------------------------
# Text.
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("198501012010011001", [("nip", "1985…001")]),
        ("19850101.201001.1.001", [("nip", "1985…001")]),
        ("19850101-201001-1-001", [("nip", "1985…001")]),
        ("NIP198501012010011001.", [("nip", "1985…001")]),  # glued to letters: still found
        ("1234567890123456789012", [("digits", "1234…012")]),
        ("0812 3456 7890", [("phone", "0812…890")]),
        ("081234567890", [("phone", "0812…890")]),
        ("6281234567890", [("phone", "6281…890")]),
        ("+62-21-5551234", [("phone", "6221…234")]),
        ("a.b-c@dinas.ambon.go.id", [("email", "a…@dinas.ambon.go.id")]),
        # not personal data: decimals, hashes, dates, short numbers, counts
        ("0.20841556961767757 dan 131,89900138853415", []),
        ("e98fd1e9625e0f6e58fd3509e5856d3c8e9e291d5974f531f036cdfc9051234567890123456", []),
        ("2025-03-01 08:00, 1.234.567 orang, 0812", []),
        ("0.0812345678912", []),
    ],
)
def test_scan_text_finds_personal_data_and_nothing_else(text, found):
    assert [(k, w) for k, _, w in scan_text(text)] == found


def test_names_are_whole_words_without_titles_in_any_case():
    names = ["Dr. Sri Wahyuni, S.E., M.M.", "Budi Santoso, S.Kom.", "Fransiskus", "Hari", "Ani"]
    hits = scan_text("sri  wahyuni; BUDI SANTOSO; Fransiskus", names)
    assert [(k, w) for k, _, w in hits] == [
        ("name", "S… W…"),
        ("name", "B… S…"),
        ("name", "F…"),
    ]
    # whole words only; one word of a two-word name is not the name; "hari" is an ordinary
    # word (and a word of the reports), "Ani" is shorter than 4 letters: neither is looked for
    assert scan_text("Budi Santosoputra, Sri, budi; hari ini, Ani", names) == []
    # the title after a comma and the dotted front title are not part of the name
    assert audit._bare_name("Hj Siti Aminah S.Pd.") == ("siti", "aminah")


# ---------------------------------------------------------------------------
# Planted in each file type.
# ---------------------------------------------------------------------------
def plant_html(folder: Path) -> Path:
    body = "\n".join(f"<p>{text}</p>" for text, _ in PLANTED.values())
    path = folder / "page.html"
    path.write_text(f"<html><body>\n{body}\n</body></html>", encoding="utf-8")
    return path


def plant_notebook(folder: Path) -> Path:
    texts = [text for text, _ in PLANTED.values()]
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": texts[0]},
            {
                "cell_type": "code",
                "metadata": {},
                "source": "print(x)",
                "execution_count": 1,
                "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": [texts[1], "\n"]},
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {
                            "text/html": f"<table><tr><td>{texts[2]}</td></tr></table>",
                            "text/plain": texts[3],
                        },
                    },
                    {
                        "output_type": "execute_result",
                        "execution_count": 1,
                        "metadata": {},
                        "data": {"text/markdown": "\n".join(texts[4:])},
                    },
                ],
            },
        ],
    }
    path = folder / "report.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def plant_json(folder: Path) -> Path:
    texts = [text for text, _ in PLANTED.values()]
    doc = {"templates": {"gaps": {"note": texts[0], "rows": [{"unit": t} for t in texts[1:]]}}}
    path = folder / "summary.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def plant_xlsx(folder: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Ringkasan"
    for row, (text, _) in enumerate(PLANTED.values(), start=1):
        sheet.cell(row=row, column=2, value=text)
    path = folder / "ambon.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("plant", [plant_html, plant_notebook, plant_json, plant_xlsx])
def test_each_kind_of_personal_data_is_found_in_each_file_type(tmp_path, plant):
    path = plant(tmp_path)
    found = audit_outputs(tmp_path, names=NAMES)
    assert kinds(found) == expected()
    assert {f.file for f in found} == {path.name}
    report = format_findings(found)
    for raw in RAW:  # guards the masking: a finding must not leak what it found
        assert raw not in report
    assert report.endswith(f"{len(expected())} findings.")


def test_where_points_at_the_line_the_cell_the_json_path_and_the_sheet_cell(tmp_path):
    plant_html(tmp_path)
    plant_notebook(tmp_path)
    plant_json(tmp_path)
    plant_xlsx(tmp_path)
    where = {(f.file, f.kind, f.where) for f in audit_outputs(tmp_path, names=NAMES)}
    assert ("page.html", "nip", "2") in where  # line 2: the first <p>
    assert ("page.html", "name", "8") in where
    assert ("report.ipynb", "nip", "cell 1, source line 1") in where
    assert ("report.ipynb", "digits", "cell 2, output 2 (text/html), line 1") in where
    assert ("summary.json", "nip", "$.templates.gaps.note") in where
    assert ("summary.json", "name", "$.templates.gaps.rows[5].unit") in where
    assert ("ambon.xlsx", "email", "Ringkasan!B4") in where
    assert str(Finding("ambon.xlsx", "Ringkasan!B1", "nip", "1985…001")) == (
        "ambon.xlsx:Ringkasan!B1: NIP-shaped number: 1985…001"
    )


def test_numbers_typed_as_numbers_are_found_in_json_and_xlsx(tmp_path):
    from openpyxl import Workbook

    (tmp_path / "summary.json").write_text('{"id": 198501012010011001, "n": 12}', "utf-8")
    book = Workbook()
    book.active["A1"] = 198501012010011001  # Excel keeps it as a float: 1.98501012010011e17
    book.active["A2"] = 5800
    book.properties.creator = "Budi Santoso"
    book.save(tmp_path / "ambon.xlsx")
    found = audit_outputs(tmp_path, names=NAMES)
    assert [(f.file, f.where, f.kind) for f in found] == [
        ("ambon.xlsx", "properties.creator", "name"),
        ("ambon.xlsx", "Sheet!A1", "nip"),
        ("summary.json", "$.id", "nip"),
    ]


# ---------------------------------------------------------------------------
# Base64 data is not text.
# ---------------------------------------------------------------------------
# A valid base64 payload whose characters hold a NIP and a phone number.
PAYLOAD = "iVBORw0KGgo198501012010011001AAAA0812345678901AAAA"


def test_base64_images_are_not_scanned(tmp_path):
    (tmp_path / "page.html").write_text(
        f'<p>ok</p><img alt="bagan" src="data:image/png;base64,{PAYLOAD}">\n'
        f"<style>.x {{ background: url(data:image/png;base64,{PAYLOAD}) }}</style>",
        encoding="utf-8",
    )
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "source": "",
                "execution_count": 1,
                "outputs": [
                    {"output_type": "display_data", "metadata": {}, "data": {"image/png": PAYLOAD}}
                ],
            }
        ],
    }
    (tmp_path / "r.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    assert audit_outputs(tmp_path) == []
    # the same characters as text are found: the skip is what keeps the images quiet
    (tmp_path / "page.html").write_text(f"<p>{PAYLOAD}</p>", encoding="utf-8")
    assert [f.kind for f in audit_outputs(tmp_path)] == ["nip", "phone"]


def test_svg_images_are_decoded_and_checked_for_scripts(tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    encoded = base64.b64encode(svg.encode()).decode()
    (tmp_path / "page.html").write_text(
        f'<object data="data:image/svg+xml;base64,{encoded}"></object>', encoding="utf-8"
    )
    assert kinds(audit_outputs(tmp_path)) == [
        ("markup", "<object>"),
        ("markup", "SVG data with a script"),
    ]


# ---------------------------------------------------------------------------
# Executable markup and external resources.
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("snippet", "found"),
    [
        ("<script>alert(1)</script>", [("markup", "<script>")]),
        ("<SCRIPT SRC=x.js></SCRIPT>", [("markup", "<script>")]),
        ('<img src="x.png" onerror="alert(1)">', [("markup", "<img onerror=…>")]),
        ('<a href=" JaVa\tScript:alert(1)">x</a>', [("markup", '<a href="javascript:…">')]),
        ('<iframe src="a.html"></iframe>', [("markup", "<iframe>")]),
        ('<object data="a.swf"></object>', [("markup", "<object>")]),
        ('<embed src="a.swf">', [("markup", "<embed>")]),
        ('<form action="a.html"><input></form>', [("markup", "<form>")]),
        (
            '<meta http-equiv="Refresh" content="0;url=https://x.example">',
            [("markup", '<meta http-equiv="refresh">')],
        ),
        ("<svg><script>alert(1)</script></svg>", [("markup", "<script> inside <svg>")]),
        ("<svg onload=alert(1)></svg>", [("markup", "<svg onload=…>")]),
        (
            '<img src="https://cdn.example/x.png">',
            [("external", "<img src> https://cdn.example/…")],
        ),
        (
            '<link rel="stylesheet" href="//cdn.example/x.css">',
            [("external", "<link href> //cdn.example/…")],
        ),
        (
            '<img srcset="a.png 1x, http://x.example/b.png 2x">',
            [("external", "<img srcset> http://x.example/…")],
        ),
        (
            "<style>@import 'https://fonts.example/a.css';</style>",
            [("external", "<style> https://fonts.example/…")],
        ),
        (
            '<div style="background:url(https://x.example/a.png)">x</div>',
            [("external", "<div style> https://x.example/…")],
        ),
        ('<img src="/etc/logo.png">', [("external", "<img src> /etc/logo.pn…")]),
        ('<img src="../../x.png">', [("external", "<img src> ../../x.png")]),
    ],
)
def test_executable_markup_and_external_resources_are_found(tmp_path, snippet, found):
    (tmp_path / "page.html").write_text(f"<html><body>{snippet}</body></html>", "utf-8")
    assert kinds(audit_outputs(tmp_path)) == sorted(found)


def test_links_fragments_data_and_files_inside_the_folder_are_fine(tmp_path):
    (tmp_path / "ambon").mkdir()
    page = (
        '<html><head><style>.a { background: url("data:image/png;base64,AAAA") }</style>'
        '<link rel="icon" href="data:image/png;base64,AAAA"></head><body>'
        '<a href="https://bkn.go.id">BKN</a> <a href="#bagian">bagian</a> '
        '<a href="../index.html">indeks</a> <img src="gaps.png" alt="x"> '
        '<img src="../ambon/gaps.png" alt="y"></body></html>'
    )
    (tmp_path / "ambon" / "overview.html").write_text(page, encoding="utf-8")
    assert audit_outputs(tmp_path) == []


def test_markup_in_notebook_outputs_is_found(tmp_path):
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "source": "",
                "execution_count": 1,
                "outputs": [
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {"text/html": "<p>ok</p>\n<img src=x onerror=alert(1)>"},
                    },
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {"application/javascript": "alert(1)"},
                    },
                ],
            }
        ],
    }
    (tmp_path / "r.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    assert [(f.where, f.what) for f in audit_outputs(tmp_path)] == [
        ("cell 1, output 1 (text/html), line 2", "<img onerror=…>"),
        ("cell 1, output 2 (application/javascript)", "a JavaScript output"),
    ]


# ---------------------------------------------------------------------------
# Small groups.
# ---------------------------------------------------------------------------
def count_table(header: str, cells: list[str]) -> str:
    rows = "".join(f"<tr><td>Unit {i}</td><td>{c}</td></tr>" for i, c in enumerate(cells))
    return (
        f'<table class="kt-table"><thead><tr><th>Unit kerja</th><th>{header}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def test_small_counts_in_count_columns_are_found(tmp_path):
    page = "\n".join(
        [
            count_table("Jumlah pegawai", ["1.200", "3", "< 5", "disembunyikan", "0", "–"]),
            count_table("Number of staff", ["1,200", "4", "12"]),
            count_table("Komentar", ["2"]),  # comments are not people
            count_table("Persentase", ["3"]),
        ]
    )
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    found = audit_outputs(tmp_path)
    assert [(f.where, f.kind, f.what) for f in found] == [
        ("1", "small_group", "table 1, row 2: Jumlah pegawai = 3 (below 5)"),
        ("2", "small_group", "table 2, row 2: Number of staff = 4 (below 5)"),
    ]
    assert [f.what for f in audit_outputs(tmp_path, min_group_size=4)] == [
        "table 1, row 2: Jumlah pegawai = 3 (below 4)"
    ]


def test_region_totals_are_not_groups(tmp_path):
    # the index's headcount of a tiny region (col.cr_n_employees) is published, not suppressed
    (tmp_path / "index.html").write_text(count_table("Jumlah ASN", ["3"]), encoding="utf-8")
    (tmp_path / "ambon").mkdir()
    summary = {
        "templates": {
            "overview": {"n_employees": 3, "headcount": 3},
            "gaps": {
                "jpm_categories": [
                    {"category": "Optimal", "n": 2, "suppressed_reason": None},
                    {"category": "Cukup Optimal", "n": None, "suppressed_reason": "small"},
                    {"category": "Kurang Optimal", "n": 0, "suppressed_reason": None},
                ]
            },
        }
    }
    (tmp_path / "ambon" / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    found = audit_outputs(tmp_path)
    assert [(f.file, f.where, f.what) for f in found] == [
        ("ambon/summary.json", "$.templates.gaps.jpm_categories[0].n", "n = 2 (below 5)")
    ]


def test_the_count_headers_are_the_labels_of_both_languages():
    from kompetensi_toolkit import labels

    headers = audit._count_headers()
    for col in ("n", "n_staff", "n_assessed", "n_respondents", "n_pairs"):
        for lang in ("id", "en"):
            assert audit._normalise_header(labels.column_label(col, lang)) in headers
    assert audit._normalise_header(labels.column_label("cr_n_employees", "id")) not in headers


# ---------------------------------------------------------------------------
# The folder.
# ---------------------------------------------------------------------------
def test_clean_pages_hidden_files_and_other_types(tmp_path):
    (tmp_path / "ambon").mkdir()
    (tmp_path / "ambon" / "overview.html").write_text(
        "<html><body><h1>Ikhtisar</h1><p>Kota Ambon memiliki <strong>5.800 ASN</strong>, "
        "rata-rata 72,5; 20 JP; 2025-03-01.</p>"
        + count_table("Jumlah pegawai", ["58", "< 5"])
        + "</body></html>",
        encoding="utf-8",
    )
    (tmp_path / "ambon" / ".overview.html.x1.tmp").write_text("198501012010011001", "utf-8")
    (tmp_path / ".draft.html").write_text("198501012010011001", "utf-8")
    (tmp_path / "notes.txt").write_text("198501012010011001", "utf-8")
    assert audit_outputs(tmp_path, names=NAMES) == []


def test_unreadable_files_are_findings(tmp_path):
    plant_xlsx(tmp_path)
    data = (tmp_path / "ambon.xlsx").read_bytes()
    (tmp_path / "ambon.xlsx").write_bytes(data[: len(data) // 2])  # a truncated workbook
    (tmp_path / "summary.json").write_text('{"n": ', encoding="utf-8")
    assert [(f.file, f.kind) for f in audit_outputs(tmp_path)] == [
        ("ambon.xlsx", "unreadable"),
        ("summary.json", "unreadable"),
    ]


def test_parameters_are_checked(tmp_path):
    with pytest.raises(ParameterError, match="'folder' parameter of audit_outputs"):
        audit_outputs(tmp_path / "nope")
    with pytest.raises(ParameterError, match="'min_group_size' parameter of audit_outputs"):
        audit_outputs(tmp_path, min_group_size=0)
    with pytest.raises(ParameterError, match="'names' parameter of audit_outputs"):
        audit_outputs(tmp_path, names="Budi Santoso")


def test_staff_names_come_from_the_dataset(tmp_path):
    from conftest import write_tiny

    names = audit.staff_names(write_tiny(tmp_path / "d"))
    assert sorted(names) == ["Andi Pattimura", "Ani Lestari", "Budi Santoso", "Sri Wahyuni"]


# ---------------------------------------------------------------------------
# The command line.
# ---------------------------------------------------------------------------
def test_cli_audit_exit_codes_and_lines(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "ok.html").write_text("<p>ok</p>", encoding="utf-8")
    assert main(["audit", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}: no findings.\n"
    plant_html(out)
    assert main(["audit", str(out), "--min-group-size", "3"]) == 1
    printed = capsys.readouterr()
    lines = printed.out.splitlines()
    assert lines[0] == "page.html:2: NIP-shaped number: 1985…001"
    assert lines[-1] == "6 findings."  # no names given: the name is not looked for
    assert "not safe to share" in printed.err
    assert main(["audit", str(tmp_path / "nope")]) == 2


def test_cli_audit_with_data_looks_for_the_staff_names(tmp_path, capsys):
    from conftest import write_tiny

    data = write_tiny(tmp_path / "d")
    out = tmp_path / "out"
    out.mkdir()
    (out / "p.html").write_text("<p>Disusun oleh andi pattimura</p>", encoding="utf-8")
    assert main(["audit", str(out)]) == 0
    capsys.readouterr()
    assert main(["audit", str(out), "--data", str(data)]) == 1
    assert capsys.readouterr().out.splitlines() == ["p.html:1: staff name: A… P…", "1 finding."]


@pytest.mark.notebook
def test_a_real_run_audits_clean_and_a_planted_nip_fails_it(sample_dir, tmp_path, capsys):
    out = tmp_path / "out"
    args = ["run", "ambon", "plaju", "--data", str(sample_dir), "--out", str(out)]
    args += ["--templates", "overview,gaps", "--workers", "2"]
    assert main(args) == 0, capsys.readouterr()
    printed = capsys.readouterr().out
    assert "the audit found nothing that must not be shared" in printed
    assert sorted(p.name for p in out.rglob("*.xlsx")) == ["ambon.xlsx", "plaju.xlsx"]
    assert main(["audit", str(out), "--data", str(sample_dir)]) == 0
    assert capsys.readouterr().out == f"{out}: no findings.\n"

    page = out / "plaju" / "overview.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</h1>", " NIP 198501012010011001</h1>", 1), encoding="utf-8")
    assert main(["audit", str(out)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "1 finding."
    assert lines[0].startswith("plaju/overview.html:") and lines[0].endswith("1985…001")
    # the run refuses to call itself clean: nothing changed, every report is kept, exit 1
    assert main([*args, "--resume"]) == 1
    printed = capsys.readouterr()
    assert "plaju/overview.html:" in printed.out and "the run is not clean" in printed.err
