"""The hostile dataset through a full run: nothing leaks, nothing runs, nothing breaks.

The notebook tests generate :mod:`kompetensi_toolkit.hostile` at scale 0.05,
run every template for the one region that holds the hostile rows, then open
every rendered page in headless Chromium (tests/browser.py) and read every
.html, .json and .xlsx back. The browser tests need Playwright and Debian's
Chromium; they are skipped without them, except on CI, where .ci/run installs
both and a missing browser is a failure.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import nbformat
import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import browser

from kompetensi_toolkit import reporting
from kompetensi_toolkit.hostile import (
    HOSTILE_REGION,
    generate_hostile,
    write_hostile_dataset,
)
from kompetensi_toolkit.rendering import LABEL_LIMIT, TEXT_LIMIT

SCALE = 0.05
TEMPLATES = ("overview", "gaps", "needs_plan", "outcomes", "feedback", "executive_summary")


def _need_browser() -> None:
    why = browser.unavailable()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"CI must be able to open pages: {why}")
        pytest.skip(why)


# ---------------------------------------------------------------------------
# The browser check itself: it must see what it is there to see.
# ---------------------------------------------------------------------------
def test_browser_counts_planted_script_and_onerror(tmp_path):
    # Guards the whole browser check: were scripts not counted (a wrong execution
    # context filter, say), every hostile page below would pass vacuously.
    _need_browser()
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><body><p>x</p>"
        "<script>console.log('planted')</script>"
        "<img src=x onerror=alert(1)>"
        '<a href="javascript:alert(2)">tautan</a>'
        '<img src="https://example.invalid/a.png">'
        "</body></html>",
        encoding="utf-8",
    )
    good = tmp_path / "good.html"
    good.write_text(
        "<!DOCTYPE html><html><head><style>p{color:red}</style></head><body>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>"
        "</body></html>",
        encoding="utf-8",
    )
    bad_report, good_report = browser.open_pages([bad, good])

    assert len(bad_report.scripts) == 2  # the <script> and the onerror handler
    assert "log: planted" in bad_report.console  # (after or before the blocked requests)
    assert bad_report.dialogs == ["alert: 1"]
    assert sorted(bad_report.requests) == [
        f"GET {(tmp_path / 'x').as_uri()}",
        "GET https://example.invalid/a.png",
    ]
    assert len(bad_report.console_errors) == 2  # both requests were aborted
    assert len(bad_report.active_markup) == 3  # <script>, onerror, javascript: link
    assert not bad_report.clean
    assert good_report.clean, good_report.describe()


def test_export_sanitises_markup_that_escaped_escaping(tmp_path):
    # Guards reporting._html_exporter's sanitize_html: HTML and Markdown outputs that
    # carry live markup (a template that forgot to escape) are shown as text.
    nb = nbformat.v4.new_notebook()
    live = "<p>Dinas <script>alert(1)</script><img src=x onerror=alert(2)></p>"
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": live, "text/plain": "x"}),
        nbformat.v4.new_output(
            "display_data",
            data={"text/markdown": "[klik](javascript:alert(3)) <svg onload=alert(4)>"},
        ),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("## Judul"), cell]
    page = reporting.export_html(nb, "id")
    body = page[page.find("<body") :]

    assert "<script>alert" not in body
    assert "onerror=" not in body.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body  # shown, as text
    assert 'href="javascript' not in body
    assert "<svg" not in body
    assert '<h2 id="Judul">' in body  # our own markup survives
    _need_browser()
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    (report,) = browser.open_pages([path])
    assert report.clean, report.describe()


# ---------------------------------------------------------------------------
# The hostile run.
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "data"
    kompetensi = Path(sys.executable).with_name("kompetensi")
    done = subprocess.run(
        [str(kompetensi), "sample-data", "--hostile", "--scale", str(SCALE), "--out", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0 and "hostile test dataset" in done.stdout, done.stderr
    # the command writes exactly what the function does
    again = write_hostile_dataset(folder.parent / "again", scale=SCALE)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
        p.name: p.read_bytes() for p in again.iterdir()
    }
    _, planted = generate_hostile(scale=SCALE)
    return folder, planted


@pytest.fixture(scope="module")
def hostile_run(hostile):
    folder, _ = hostile
    out = folder.parent / "out"
    kompetensi = Path(sys.executable).with_name("kompetensi")
    done = subprocess.run(
        [
            *(str(kompetensi), "run", HOSTILE_REGION, "--data", str(folder), "--out", str(out)),
            *("--templates", ",".join(TEMPLATES), "--workers", "2"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "the audit found nothing that must not be shared" in done.stdout  # run's own audit
    return out


def _shared_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.suffix in {".html", ".json", ".xlsx"})


def _text(path: Path) -> str:
    """What a reader of the file sees: HTML unescaped, images dropped, every xlsx cell."""
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        cells = [str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v]
        return "\n".join(cells)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+", "data:", text)
    return html.unescape(text) if path.suffix == ".html" else text


_NIP = re.compile(r"(?<!\d)(?:\d{18}|\d{8} \d{6} \d \d{3})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?:\+62|\b0)8\d{1,2}[ -]?\d{3,4}[ -]?\d{3,5}\b")


@pytest.mark.notebook
def test_hostile_pages_run_nothing_and_load_nothing(hostile_run):
    # Guards the escaping of data text and the sanitising of the export: any planted
    # <script>, onerror, onload or javascript: link that reached a page live shows here.
    _need_browser()
    pages = browser.html_pages(hostile_run)
    expected = {f"{HOSTILE_REGION}/{t}.html" for t in TEMPLATES} | {"index.html"}
    assert expected <= {p.relative_to(hostile_run).as_posix() for p in pages}
    reports = browser.open_pages(pages)
    dirty = [r.describe() for r in reports if not r.clean]
    assert not dirty, "\n".join(dirty)


@pytest.mark.notebook
def test_hostile_markup_reaches_the_pages_as_text(hostile_run):
    # Without this the test above could pass because the hostile values never reached
    # a page at all.
    folder = hostile_run / HOSTILE_REGION
    overview = (folder / "overview.html").read_text(encoding="utf-8")
    assert "Dinas Kesehatan &lt;script&gt;alert(1)&lt;/script&gt;" in overview
    assert "RSUD &quot;&gt;&lt;svg onload=alert(1)&gt;" in overview or (
        'RSUD "&gt;&lt;svg onload=alert(1)&gt;' in overview
    )
    outcomes = (folder / "outcomes.html").read_text(encoding="utf-8")
    assert "Pelatihan &lt;script&gt;alert(1)&lt;/script&gt; Pelayanan Publik" in outcomes
    feedback = (folder / "feedback.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in feedback or "&lt;img" in feedback or "[tautan]" in feedback
    assert "Kota Tanjungpinang &lt;script&gt;alert(" in (hostile_run / "index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.notebook
def test_no_planted_personal_data_in_shared_files(hostile_run, hostile):
    # Guards the scrubbing of comments and the dropping of names and IDs: every NIP,
    # e-mail, phone number and staff name planted in the comments is looked for in
    # every shared file, here and by `kompetensi audit` with the dataset's names.
    folder, planted = hostile
    from kompetensi_toolkit.cli import main

    assert main(["audit", str(hostile_run), "--data", str(folder)]) == 0
    files = _shared_files(hostile_run)
    assert {p.suffix for p in files} == {".html", ".json", ".xlsx"}
    found = []
    for path in files:
        text = _text(path)
        digits = re.sub(r"\D", "", text)
        for nip in planted.nips:
            if nip in text or nip.replace(" ", "") in digits:
                found.append(f"{path.name}: NIP {nip[:4]}…")
        for value in (*planted.emails, *planted.phones, *planted.names):
            if value in text:
                found.append(f"{path.name}: {value[:6]}…")
        for pattern in (_NIP, _EMAIL, _PHONE):
            found += [
                f"{path.name}: {m[:6]}… ({pattern.pattern[:12]})" for m in pattern.findall(text)
            ]
    assert not found, "\n".join(found)


def _rows(path: Path) -> list[list[str]]:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        return [
            ["" if v is None else str(v) for v in row]
            for ws in book
            for row in ws.iter_rows(values_only=True)
        ]
    page = path.read_text(encoding="utf-8")
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", page, re.S)
    ]


def _json_records(value):
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _json_records(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_records(v)


@pytest.mark.notebook
def test_two_person_unit_shows_no_count(hostile_run, hostile):
    # Guards small-cell suppression on a unit of exactly 2: it may be named, never counted.
    _, planted = hostile
    seen = 0
    for path in _shared_files(hostile_run):
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            for record in _json_records(data):
                if planted.small_unit in record.values():
                    seen += 1
                    assert 2 not in record.values() and 2.0 not in record.values(), record
            continue
        for row in _rows(path):
            if any(planted.small_unit in c for c in row):
                seen += 1
                assert not {"2", "2.0", "2,0"} & set(row), (path.name, row)
    assert seen, "the 2-person unit should appear (suppressed) in the unit tables"


def _png_sizes(page: str) -> list[tuple[int, int]]:
    sizes = []
    for b64 in re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]{32})", page):
        raw = base64.b64decode(b64)
        sizes.append(struct.unpack(">II", raw[16:24]))
    return sizes


@pytest.mark.notebook
def test_long_strings_are_cut_in_tables_and_charts(hostile_run, hostile):
    # Guards rendering.clip in tables, sentences and chart labels: a 10 000-character
    # unit name or comment must not make a cell, a paragraph or a chart huge.
    _, planted = hostile
    stem = planted.long_unit[:40]
    shown = 0
    for page in browser.html_pages(hostile_run):
        text = page.read_text(encoding="utf-8")
        body = html.unescape(text[text.find("<body") :])
        for row in _rows(page):
            for cell in row:
                assert len(cell) <= max(TEXT_LIMIT, 200), (page.name, cell[:60])
                shown += cell.startswith(stem) and cell.endswith("…")
        for run in re.findall(r"[^<>]{2000,}", re.sub(r"data:[^\"']+", "", body)):
            assert stem not in run and planted.long_comment[:40] not in run, page.name
        for width, height in _png_sizes(text):
            assert width <= 4000 and height <= 6000, (page.name, width, height)
    assert shown, "the long unit name should be shown, cut with an ellipsis"
    assert LABEL_LIMIT < TEXT_LIMIT
