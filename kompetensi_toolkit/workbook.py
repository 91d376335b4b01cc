"""A region's key tables as one Excel workbook, for policymakers who work in Excel.

:func:`write_workbook` reads nothing but a region's ``summary.json`` document
(aggregates only, already masked by the region's reports), so no personal data
can reach the workbook. Sheets:

- "Ringkasan" / "Summary": the region's key numbers, one a row;
- one sheet per template in the document ("Ikhtisar", "Kesenjangan", …): its
  key tables (:data:`SHEET_TABLES`) one under another, each with a title row
  and a header row; the first table's header row is frozen.

Numbers stay numbers; shares are formatted as percentages (``0.0%``); a
hidden cell is left empty with a comment, and every sheet ends with a note
saying what an empty cell means. The file is written to a temporary file in
the same folder and then moved into place, so a failure never leaves a
half-written workbook.

Examples
--------
>>> import tempfile, openpyxl
>>> path = Path(tempfile.mkdtemp()) / "ambon.xlsx"
>>> doc = {"region_id": "ambon", "templates": {"overview": {"region_name": "Kota Ambon",
...        "headcount": 40}}}
>>> _ = write_workbook(doc, path, "en")
>>> openpyxl.load_workbook(path).sheetnames
['Summary', 'Overview']
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kompetensi_toolkit import config, labels
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.files import atomic_path
from kompetensi_toolkit.privacy import REASON, SUPPRESSED

__all__ = ["SHEET_TABLES", "SUMMARY_FIGURES", "summary_rows", "write_workbook"]

#: Template → the tables of its summary (and their columns) shown on its sheet.
SHEET_TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "overview": {"by_position_group": ("position_group", "n", "share")},
    "gaps": {
        "jpm_categories": ("category", "n", "share"),
        "shortfall": ("competency_id", "name", "n_assessed", "n_below", "share_below"),
        "readiness_units": ("unit", "n_candidates", "n_ready", "share_ready"),
    },
    "needs_plan": {
        "jp_units": ("unit", "n_staff", "n_under", "share_under", "mean_jp"),
        "model_mix": ("model", "n_participants", "jp", "share_plan", "share_target"),
    },
    "outcomes": {
        "ikm_units": ("unit", "period", "n_respondents", "ikm", "grade"),
        "ikm_change": ("unit", "period_before", "period_after", "ikm_before", "ikm_after",
                       "change"),
        "jp_units": ("unit", "n_staff", "n_meeting", "share_meeting", "mean_jp"),
    },
    "feedback": {
        "dimensions": ("dimension", "n_responses", "score", "band"),
        "providers": ("provider_type", "n_responses", "score", "band", "rank"),
    },
}  # fmt: skip

#: The rows of the summary sheet: (label key, template, figure in that template's summary).
SUMMARY_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("col.wb_headcount", "overview", "headcount"),
    ("col.wb_share_optimal", "gaps", "share_optimal"),
    ("col.wb_share_below", "gaps", "share_below"),
    ("col.wb_jp_share_under", "needs_plan", "jp_share_under"),
    ("col.wb_ikm_latest", "outcomes", "ikm_latest"),
    ("col.wb_ikm_latest_grade", "outcomes", "ikm_latest_grade"),
    ("col.wb_ikm_change", "outcomes", "ikm_change"),
    ("col.wb_overall_score", "feedback", "overall_score"),
)

_PERCENT = "0.0%"
_DECIMAL = "#,##0.00"
_WHOLE = "#,##0"
_SHEET_NAME_MAX = 31


def _figure(templates: Mapping[str, Any], template: str, name: str) -> Any:
    figures = templates.get(template) or {}
    if name == "share_optimal":
        for row in figures.get("jpm_categories") or []:
            if row.get("category") in ("Optimal", "Memenuhi Syarat"):
                return row.get("share")
        return None
    if name == "ikm_change":
        latest, before = figures.get("ikm_latest"), figures.get("ikm_previous")
        return None if latest is None or before is None else round(latest - before, 6)
    if name == "headcount" and figures.get(name) is None:
        for other in ("gaps", "needs_plan"):
            value = (templates.get(other) or {}).get("n_employees")
            if value is not None:
                return value
    return figures.get(name)


def summary_rows(document: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> list[tuple]:
    """The summary sheet's rows: (label, value, is_share) for figures the document has.

    A figure whose template ran but hid it (``None``) is kept with value ``None``;
    a figure of a template the region did not run is left out.

    Examples
    --------
    >>> doc = {"templates": {"gaps": {"share_below": 0.2}, "overview": {"headcount": 40}}}
    >>> summary_rows(doc, "en")
    [('Civil servants', 40, False), ('Staff with optimal JPM', None, True), \
('Staff below standard (all competencies)', 0.2, True)]
    """
    lang = labels.check_lang(lang, "summary_rows")
    templates = document.get("templates") or {}
    rows = []
    for key, template, name in SUMMARY_FIGURES:
        sources = ("overview", "gaps", "needs_plan") if name == "headcount" else (template,)
        if any(s in templates for s in sources):
            rows.append(
                (labels.label(key, lang), _figure(templates, template, name), "share" in name)
            )
    return rows


def _header(column: str, lang: str) -> str:
    key = f"col.wb_{column}"
    if key in labels.TRANSLATIONS[lang]:
        return labels.TRANSLATIONS[lang][key]
    return labels.column_label(column, lang)


def _cell_value(record: Mapping[str, Any], column: str, lang: str) -> Any:
    if column == "name":
        value = record.get(f"name_{lang}") or record.get("name_id") or record.get("name")
    else:
        value = record.get(column)
    enum = labels.ENUM_COLUMNS.get(column)
    if column == "category" and isinstance(value, str) and value in _jpm_values():
        return labels.enum_label("jpm_category", value, lang)
    if enum is not None and value is not None:
        with contextlib.suppress(ParameterError):
            return labels.enum_label(enum, value, lang)
    if column == "band" and f"text.fb_band.{value}" in labels.TRANSLATIONS[lang]:
        return labels.label(f"text.fb_band.{value}", lang)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _jpm_values() -> set[str]:
    prefix = "enum.jpm_category."
    return {k[len(prefix) :] for k in labels.TRANSLATIONS["id"] if k.startswith(prefix)}


def _number_format(column: str, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if column.startswith("share"):
        return _PERCENT
    if isinstance(value, int):
        return _WHOLE
    return _DECIMAL


def _sheet_name(template: str, lang: str, used: set[str]) -> str:
    key = f"text.wb_sheet.{template}"
    name = labels.label(key, lang) if key in labels.TRANSLATIONS[lang] else template
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    name = name[:_SHEET_NAME_MAX]
    base, i = name, 2
    while name.lower() in used:
        suffix = f" {i}"
        name, i = base[: _SHEET_NAME_MAX - len(suffix)] + suffix, i + 1
    used.add(name.lower())
    return name


def _region_text(document: Mapping[str, Any]) -> str:
    for figures in (document.get("templates") or {}).values():
        if isinstance(figures, Mapping) and figures.get("region_name"):
            return str(figures["region_name"])
    return str(document.get("region_id") or "")


def _threshold(document: Mapping[str, Any]) -> int:
    for figures in (document.get("templates") or {}).values():
        if isinstance(figures, Mapping) and isinstance(figures.get("min_group_size"), int):
            return figures["min_group_size"]
    return config.MIN_GROUP_SIZE


def _write_table(
    ws: Any,
    row: int,
    title: str,
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    lang: str,
    note: str,
    widths: dict[int, int],
) -> tuple[int, int]:
    """Write a titled table from ``row``; return (header row, next free row)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    present = [c for c in columns if any(c in r for r in records) or c == "name"]
    if "name" in present and not any(("name_id" in r or "name" in r) for r in records):
        present.remove("name")
    ws.cell(row=row, column=1, value=title).font = Font(bold=True, size=12)
    head = row + 1
    for j, column in enumerate(present, start=1):
        text = _header(column, lang)
        ws.cell(row=head, column=j, value=text).font = Font(bold=True)
        widths[j] = max(widths.get(j, 0), len(text))
    r = head
    for record in records:
        r += 1
        hidden = bool(record.get(SUPPRESSED)) or record.get(REASON) is not None
        for j, column in enumerate(present, start=1):
            value = _cell_value(record, column, lang)
            cell = ws.cell(row=r, column=j, value=value)
            fmt = _number_format(column, value)
            if fmt:
                cell.number_format = fmt
            if value is None and hidden:
                cell.comment = Comment(note, "kompetensi-toolkit")
            shown = (
                len(f"{value:.1%}" if fmt == _PERCENT else str(value)) if value is not None else 0
            )
            widths[j] = max(widths.get(j, 0), shown)
    return head, r + 2


def _fit_columns(ws: Any, widths: Mapping[int, int]) -> None:
    from openpyxl.utils import get_column_letter

    for j, width in widths.items():
        ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), 60)


def _build(document: Mapping[str, Any], lang: str) -> Any:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    threshold = _threshold(document)
    note = labels.text("text.wb_masked_cell", lang, threshold=threshold)
    footer = labels.text("text.wb_masked", lang, threshold=threshold)
    wb = Workbook()
    ws = wb.active
    used: set[str] = set()
    ws.title = labels.label("text.wb_summary", lang)[:_SHEET_NAME_MAX]
    used.add(ws.title.lower())
    ws.append([labels.label("text.wb_figure", lang), labels.label("text.wb_value", lang)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    region = _region_text(document)
    ws.append([labels.label("col.wb_region_name", lang), region])
    widths = {1: len(labels.label("text.wb_figure", lang)), 2: max(len(region), 10)}
    for text, value, is_share in summary_rows(document, lang):
        ws.append([text, value])
        cell = ws.cell(row=ws.max_row, column=2)
        if value is None:
            cell.comment = Comment(note, "kompetensi-toolkit")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            cell.number_format = _PERCENT if is_share else (
                _WHOLE if isinstance(value, int) else _DECIMAL
            )  # fmt: skip
        widths[1] = max(widths[1], len(text))
    ws.append([])
    generated = str(document.get("generated") or "")
    ws.append([labels.text("text.wb_source", lang, generated=generated)])
    ws.append([footer])
    _fit_columns(ws, widths)

    templates = document.get("templates") or {}
    for template in [t for t in SHEET_TABLES if t in templates] + sorted(
        t for t in templates if t not in SHEET_TABLES
    ):
        sheet = wb.create_sheet(_sheet_name(template, lang, used))
        figures = templates.get(template) or {}
        row, first_header, widths = 1, None, {}
        for table, columns in SHEET_TABLES.get(template, {}).items():
            records = figures.get(table)
            if not records:
                continue
            key = f"text.wb_table.{table}"
            title = labels.label(key, lang) if key in labels.TRANSLATIONS[lang] else table
            head, row = _write_table(sheet, row, title, records, columns, lang, note, widths)
            first_header = first_header or head
        if first_header is not None:
            sheet.freeze_panes = f"A{first_header + 1}"
        sheet.cell(row=row, column=1, value=footer)
        _fit_columns(sheet, widths)
    return wb


def write_workbook(
    document: Mapping[str, Any], path: str | os.PathLike[str], lang: str = config.DEFAULT_LANG
) -> Path:
    """Write a region's key figures and tables to an Excel workbook, atomically.

    Parameters
    ----------
    document : mapping
        A region's ``summary.json`` document (see
        :func:`kompetensi_toolkit.reporting.read_summary`).
    path : str or Path
        The ``.xlsx`` file to write (its folder is created).
    lang : {"id", "en"}
        Language of sheet names, headers and notes.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ParameterError
        ``document`` is not a summary document, or ``path`` does not end in ``.xlsx``.
    """
    lang = labels.check_lang(lang, "write_workbook")
    if not isinstance(document, Mapping) or not isinstance(document.get("templates"), Mapping):
        raise ParameterError(
            "The 'document' parameter of write_workbook must be a summary.json document "
            "(a mapping with 'templates'). Got "
            f"{type(document).__name__ if not isinstance(document, Mapping) else 'a mapping '}"
            f"{'' if not isinstance(document, Mapping) else 'without templates'} instead."
        )
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ParameterError(
            f"The 'path' parameter of write_workbook must end in .xlsx. Got {str(path)!r} instead."
        )
    with atomic_path(target) as tmp:
        _build(document, lang).save(tmp)
    return target
