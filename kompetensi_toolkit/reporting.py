"""Execute the notebook templates per region, render HTML, write the index.

:func:`run_reports` plans the run and hands the notebooks to
:mod:`kompetensi_toolkit.runner` (a process pool, one fresh process per
notebook, or a Dask cluster), which also export each HTML with nbconvert's
Python API. Only this process writes ``summary.json``, the Excel workbooks,
the run manifest and the index.

For each region and template::

    <out_dir>/<region_id>/<template>.ipynb   executed notebook, for researchers
    <out_dir>/<region_id>/<template>.html    the report: no code, no parameters,
                                             nothing loaded from the internet
    <out_dir>/<region_id>/summary.json       the key figures of every template, for
                                             machines (see :func:`publish_summary`)
    <out_dir>/index.html                     every region's reports, side by side

Parameters are checked before any kernel starts. A region whose notebook fails
does not stop the others: its partial notebook is kept as
``<template>.failed.ipynb`` and any earlier good report (and its entry in
``summary.json``) is left as it was. Every file is written to a temporary file
in the same folder and then moved into place, so a reader never sees half a
file.

The provenance helpers (:func:`provenance`, :func:`provenance_markdown`) and
:func:`publish_summary` are called from inside the templates; importing this
module stays light (papermill and nbconvert are imported only when a run
starts).

Examples
--------
>>> check_parameters(lang="en", min_group_size=5)
>>> check_parameters(lang="fr", min_group_size=5)
Traceback (most recent call last):
...
kompetensi_toolkit.exceptions.ParameterError: The 'lang' parameter of run_reports must be one \
of 'id', 'en'. Got 'fr' instead.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import math
import os
import platform
import re
import shutil
import sys
import tempfile
import threading
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from kompetensi_toolkit import __version__, config, files, identity, labels, runcache
from kompetensi_toolkit.exceptions import (
    DataValidationError,
    DependencyMissingError,
    KompetensiWarning,
    ParameterError,
    Problem,
    ReportError,
    UnknownRegionError,
)
from kompetensi_toolkit.privacy import check_min_group_size

__all__ = [
    "KERNEL_NAME",
    "REMOVED_CELL_TAGS",
    "SUMMARY_FILE",
    "SUMMARY_MIME",
    "RunResult",
    "audit_html",
    "check_parameters",
    "export_html",
    "list_templates",
    "provenance",
    "provenance_markdown",
    "publish_summary",
    "read_summary",
    "run_reports",
    "summary_payload",
    "template_parameters",
    "write_index",
]

#: The Jupyter kernel every template runs in (installed by ``make install``).
KERNEL_NAME = "python3"
#: Cells with one of these tags never reach the HTML.
REMOVED_CELL_TAGS = ("parameters", "injected-parameters", "remove-cell")
#: MIME type of the key figures a template publishes (never rendered in the HTML).
SUMMARY_MIME = "application/vnd.kompetensi.summary+json"
#: File name of a region's machine-readable key figures, next to its reports.
SUMMARY_FILE = "summary.json"
#: Seconds a kernel may take to start.
START_TIMEOUT = 60
#: Libraries whose versions every report names.
_VERSIONED = (
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "papermill",
    "nbconvert",
    "ipykernel",
)

Progress = Callable[[int, int, "RunResult"], None]


# ---------------------------------------------------------------------------
# Results.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class RunResult:
    """What happened to one template for one region.

    Attributes
    ----------
    region_id, template : str
        Which report.
    status : {"ok", "failed", "unchanged"}
        "unchanged": not run again (``resume``): the report of an earlier run
        was made from the same template, parameters, data and toolkit version.
    seconds : float
        Wall time of execution and export.
    notebook : Path or None
        The executed notebook (``<template>.ipynb``), or the partial one
        (``<template>.failed.ipynb``) when the run failed.
    html : Path or None
        The rendered report; ``None`` when the run failed.
    summary : Path or None
        The region's ``summary.json`` when this template published key
        figures into it (see :func:`publish_summary`).
    error : str or None
        ``"<ExceptionType>: <message>"`` when the run failed.
    failed_cell : int or None
        The execution count (``In [n]``) of the cell that raised or ran out of
        time, when known.
    figures : dict or None
        The key figures the notebook published, by template (merged into
        ``summary.json`` by the process that runs the reports).
    problems : tuple of Problem
        When the region's own rows fail the data contract: every problem
        (the notebook was not started; ``error`` gives the first).
    """

    region_id: str
    template: str
    status: Literal["ok", "failed", "unchanged"]
    seconds: float
    notebook: Path | None = None
    html: Path | None = None
    error: str | None = None
    failed_cell: int | None = None
    summary: Path | None = None
    figures: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    problems: tuple[Problem, ...] = field(default=(), repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.status in {"ok", "unchanged"}

    @property
    def paths(self) -> dict[str, Path]:
        """The files this run wrote, by kind."""
        pairs = (("notebook", self.notebook), ("html", self.html), ("summary", self.summary))
        return {k: v for k, v in pairs if v}


# ---------------------------------------------------------------------------
# Parameters.
# ---------------------------------------------------------------------------
def check_parameters(
    *,
    lang: object = config.DEFAULT_LANG,
    min_group_size: object = config.MIN_GROUP_SIZE,
    region_id: object = None,
    regions: Iterable[str] | None = None,
    where: str = "run_reports",
) -> None:
    """Check template parameters; raise on the first bad one, before any kernel starts.

    Parameters
    ----------
    lang : object
        Must be one of :data:`kompetensi_toolkit.config.LANGUAGES`.
    min_group_size : object
        Must be a positive ``int``.
    region_id : object, optional
        Must be one of ``regions`` when both are given.
    regions : iterable of str, optional
        The region ids of the dataset.
    where : str
        The function or template named in messages.

    Raises
    ------
    ParameterError
        ``lang`` or ``min_group_size`` is not allowed.
    UnknownRegionError
        ``region_id`` is not in ``regions``.
    """
    labels.check_lang(lang, where)
    check_min_group_size(min_group_size, where)
    if region_id is not None and regions is not None:
        _check_regions([region_id], list(regions), None)


def _check_regions(wanted: Sequence[object], available: Sequence[str], folder: Path | None) -> None:
    bad = [r for r in wanted if not isinstance(r, str) or r not in set(available)]
    if not bad:
        return
    from difflib import get_close_matches

    hints = []
    for r in bad:
        near = get_close_matches(str(r), list(available), n=1)
        if near:
            hints.append(f"{r!r} → {near[0]!r}?")
    where = f" in {folder}" if folder is not None else ""
    raise UnknownRegionError(
        f"Unknown region{'s' if len(bad) > 1 else ''} {', '.join(repr(r) for r in bad)}: no such "
        f"region_id{where}."
        + (f" Did you mean {'; '.join(hints)}" if hints else "")
        + f" Regions available: {', '.join(available) or '(none)'}."
    )


def list_templates(notebook_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """The notebook templates, sorted by name (checkpoints excluded).

    Examples
    --------
    >>> "overview" in [p.stem for p in list_templates()]
    True
    """
    folder = Path(notebook_dir) if notebook_dir is not None else config.NOTEBOOK_DIR
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def _resolve_templates(templates: Sequence[str | os.PathLike[str]] | None) -> list[Path]:
    from kompetensi_toolkit.schema import REGION_ID_PATTERN

    available = list_templates()
    if templates is None:
        if not available:
            raise ParameterError(f"No notebook template found in {config.NOTEBOOK_DIR}.")
        return available
    if isinstance(templates, str | os.PathLike):
        templates = [templates]
    by_name = {p.stem: p for p in available}
    out: list[Path] = []
    for t in templates:
        path = Path(t)
        if str(t) in by_name:
            path = by_name[str(t)]
        elif path.suffix != ".ipynb" or not path.is_file():
            raise ParameterError(
                f"The 'templates' parameter of run_reports must hold template names "
                f"({', '.join(by_name) or 'none found'}) or paths to .ipynb files. "
                f"Got {str(t)!r} instead."
            )
        if not re.fullmatch(REGION_ID_PATTERN, path.stem):
            raise ParameterError(
                f"The 'templates' parameter of run_reports must name notebooks whose file name "
                f"(without .ipynb) is lower-case letters, digits, '-' and '_' (it becomes the "
                f"report's file name). Got {str(t)!r} instead."
            )
        if path.resolve() not in {p.resolve() for p in out}:
            out.append(path)
    stems = [p.stem for p in out]
    if len(set(stems)) != len(stems):
        raise ParameterError(
            f"The 'templates' parameter of run_reports must not hold two templates with the same "
            f"name (their outputs would overwrite each other). Got {stems} instead."
        )
    return out


def _require_jupyter(kernel_name: str) -> None:
    try:
        import nbconvert  # noqa: F401
        import papermill  # noqa: F401
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise DependencyMissingError(
            f"Running reports needs papermill and nbconvert ({err}). Install them with "
            "`pip install 'kompetensi-toolkit[notebooks]'`."
        ) from err
    try:
        KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel as err:
        raise DependencyMissingError(
            f"No Jupyter kernel named {kernel_name!r}. Install one into this environment with "
            f"`{sys.executable} -m ipykernel install --sys-prefix --name {kernel_name}`."
        ) from err


# ---------------------------------------------------------------------------
# Provenance (called from inside the templates).
# ---------------------------------------------------------------------------
def provenance(
    *,
    region_id: str | None,
    data_dir: str | os.PathLike[str],
    lang: str,
    min_group_size: int,
    data_hash: str | None,
    parameters: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """What a report was made from: parameters, data fingerprint, versions, time.

    ``data_dir`` is reduced to the folder's name: a full path may name the
    researcher's account, and the data hash identifies the data anyway.
    ``parameters`` are the template's own parameters (``score_method``,
    ``budget`` …), listed after the common ones; ``region_id`` is ``None``
    for a report on every region.

    Returns
    -------
    dict
        ``parameters`` (dict), ``data_hash`` (str), ``versions`` (dict of
        package → version, with ``python`` and ``kompetensi-toolkit``) and
        ``run_at`` (ISO 8601, UTC).

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> p = provenance(region_id="ambon", data_dir="/home/x/data/sample", lang="id",
    ...                min_group_size=5, data_hash="ab12",
    ...                now=datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    >>> p["parameters"]["data_dir"], p["run_at"], p["versions"]["kompetensi-toolkit"]
    ('sample', '2026-01-02T03:04:05+00:00', '0.1.0')
    """
    versions = {"python": platform.python_version(), "kompetensi-toolkit": __version__}
    for name in _VERSIONED:
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[name] = metadata.version(name)
    return {
        "parameters": {
            **({"region_id": region_id} if region_id is not None else {}),
            "data_dir": Path(data_dir).name or str(data_dir),
            "lang": lang,
            "min_group_size": min_group_size,
            **dict(parameters or {}),
        },
        "data_hash": data_hash,
        "versions": versions,
        "run_at": (now or datetime.now(UTC)).replace(microsecond=0).isoformat(),
    }


def provenance_markdown(prov: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """The report's closing section, as Markdown.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> p = provenance(region_id="ambon", data_dir="data/sample", lang="en", min_group_size=5,
    ...                data_hash="ab12", now=datetime(2026, 1, 2, tzinfo=timezone.utc))
    >>> print(provenance_markdown(p, "en"))  # doctest: +ELLIPSIS
    ---
    <BLANKLINE>
    ## About this report
    <BLANKLINE>
    This report was produced automatically from aggregate data; it holds no personal data.
    <BLANKLINE>
    **Parameters and data source**
    <BLANKLINE>
    | Parameter | Value |
    |---|---|
    | Region (region_id) | `ambon` |
    | Data folder | `sample` |
    | Language | `en` |
    | Minimum group size | `5` |
    <BLANKLINE>
    - Data fingerprint (SHA-256): `ab12`
    - Produced at: 2026-01-02T00:00:00+00:00
    - Software versions: python ..., kompetensi-toolkit 0.1.0, ...
    """
    lang = labels.check_lang(lang, "provenance_markdown")
    params = prov.get("parameters", {})

    def code(value: object) -> str:
        return "`" + str(value).replace("`", "'").replace("|", "/") + "`"

    def name(key: str) -> str:
        known = f"prov.{key}"
        shown = labels.label(known, lang) if known in labels.TRANSLATIONS[lang] else key
        return shown.replace("|", "/")  # our own labels: nothing else to escape

    lines = [
        "---",
        "",
        "## " + labels.label("heading.provenance", lang),
        "",
        labels.label("text.provenance_intro", lang),
        "",
        f"**{labels.label('heading.parameters', lang)}**",
        "",
        f"| {labels.label('col.parameter', lang)} | {labels.label('col.value', lang)} |",
        "|---|---|",
    ]
    lines += [f"| {name(key)} | {code(value)} |" for key, value in params.items()]
    lines.append("")
    lines.append(f"- {labels.label('prov.data_hash', lang)}: {code(prov.get('data_hash'))}")
    lines.append(f"- {labels.label('prov.run_at', lang)}: {labels.md_escape(prov.get('run_at'))}")
    versions = ", ".join(f"{k} {v}" for k, v in prov.get("versions", {}).items())
    lines.append(f"- {labels.label('prov.versions', lang)}: {labels.md_escape(versions)}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Machine-readable key figures (published from inside the templates).
# ---------------------------------------------------------------------------
#: Keys that would carry personal data; a summary holding one is refused.
_PERSONAL_KEYS = frozenset(
    {
        "employee_id",
        "nip",
        "nik",
        "name",
        "nama",
        "email",
        "e_mail",
        "phone",
        "telepon",
        "comment",
        "komentar",
    }
)
_EIGHTEEN_DIGITS_ONLY = re.compile(r"\d{18}")
#: Decimals kept for numbers in summary.json.
SUMMARY_DECIMALS = 6


def _jsonable(value: Any, where: str) -> Any:
    """``value`` as plain JSON types; NaN and missing values become ``None``."""
    import numpy as np
    import pandas as pd

    if value is None or isinstance(value, bool | str):
        if isinstance(value, str) and _EIGHTEEN_DIGITS_ONLY.search(value):
            raise ParameterError(
                f"The 'figures' parameter of publish_summary must hold aggregates only. Got an "
                f"18-digit number (a NIP?) at {where} instead."
            )
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        if len(str(abs(int(value)))) >= 18:
            raise ParameterError(
                f"The 'figures' parameter of publish_summary must hold aggregates only. Got an "
                f"18-digit number (a NIP?) at {where} instead."
            )
        return int(value)
    if isinstance(value, float | np.floating):  # 6 decimals: readable, and no long digit runs
        return None if not math.isfinite(float(value)) else round(float(value), SUMMARY_DECIMALS)
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | datetime | date):
        return value.isoformat()
    if isinstance(value, pd.DataFrame):
        frame = value.reset_index(drop=True)
        _check_keys(frame.columns, where)
        return [
            _jsonable(row, f"{where}[{i}]")
            for i, row in enumerate(frame.astype("object").to_dict("records"))
        ]
    if isinstance(value, pd.Series):
        value = dict(zip(value.index.astype(str), value.astype("object"), strict=True))
    if isinstance(value, Mapping):
        _check_keys(value.keys(), where)
        return {str(k): _jsonable(v, f"{where}[{str(k)!r}]") for k, v in value.items()}
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [_jsonable(v, f"{where}[{i}]") for i, v in enumerate(items)]
    raise ParameterError(
        f"The 'figures' parameter of publish_summary must hold numbers, text, booleans, None, "
        f"dicts, lists or DataFrames. Got {type(value).__name__} at {where} instead."
    )


def _check_keys(keys: Iterable[object], where: str) -> None:
    import numpy as np

    for key in keys:
        if not isinstance(key, str | int | np.integer):
            raise ParameterError(
                f"The 'figures' parameter of publish_summary must have text keys. Got "
                f"{key!r} at {where} instead."
            )
        if str(key).lower() in _PERSONAL_KEYS:
            raise ParameterError(
                f"The 'figures' parameter of publish_summary must hold aggregates only, never "
                f"personal data. Got the key {str(key)!r} at {where} instead."
            )


def summary_payload(figures: Mapping[str, Any], template: str) -> dict[str, Any]:
    """What :func:`publish_summary` displays: the figures as plain JSON, checked.

    Numpy and pandas scalars become Python numbers, NaN and missing values
    ``None``, timestamps ISO 8601 text, DataFrames lists of records (masked
    counts stay ``None``). Keys naming personal data (``employee_id``,
    ``name``, ``email``, …) and 18-digit numbers are refused.

    Parameters
    ----------
    figures : mapping
        Key figures of one template for one region: aggregates only, small
        groups already masked.
    template : str
        The template's name (``"overview"``, ``"gaps"``): its key in
        ``summary.json``.

    Returns
    -------
    dict
        ``{"template": template, "figures": {...}}``.

    Raises
    ------
    ParameterError
        A value that is not JSON-like, a key naming personal data, or an
        18-digit number.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> boxes = pd.DataFrame({"box": [1, 2], "n": pd.array([7, None], dtype="Int64")})
    >>> summary_payload({"headcount": np.int64(12), "share": np.float64("nan"),
    ...                  "by_box": boxes}, "gaps")
    {'template': 'gaps', 'figures': {'headcount': 12, 'share': None, \
'by_box': [{'box': 1, 'n': 7}, {'box': 2, 'n': None}]}}
    >>> summary_payload({"employee_id": "e1"}, "gaps")
    Traceback (most recent call last):
    ...
    kompetensi_toolkit.exceptions.ParameterError: The 'figures' parameter of publish_summary \
must hold aggregates only, never personal data. Got the key 'employee_id' at figures instead.
    """
    if not isinstance(template, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", template):
        raise ParameterError(
            "The 'template' parameter of publish_summary must be a template name (letters, "
            f"digits, '_' or '-'). Got {template!r} instead."
        )
    if not isinstance(figures, Mapping):
        raise ParameterError(
            "The 'figures' parameter of publish_summary must be a mapping of key figures. "
            f"Got {type(figures).__name__} instead."
        )
    return {"template": template, "figures": _jsonable(figures, "figures")}


def publish_summary(figures: Mapping[str, Any], template: str) -> None:
    """Hand a template's key figures to :func:`run_reports` for ``summary.json``.

    Call it in one of a template's last cells. It displays the figures under
    the MIME type :data:`SUMMARY_MIME` (with a plain-text copy for
    researchers in JupyterLab); :func:`run_reports` takes them out of the
    executed notebook and merges them into ``<out_dir>/<region_id>/summary.json``.
    The policymakers' HTML never shows them. It writes no file and returns
    nothing (so a cell ending with it shows no extra output).

    Parameters
    ----------
    figures : mapping
        Aggregates only (no identifiers, names or individual scores), with
        groups below ``min_group_size`` already masked (see
        :func:`kompetensi_toolkit.privacy.suppress_small_counts`). Values may
        be numbers, text, booleans, None, dicts, lists and DataFrames; numpy
        and pandas types are converted (see :func:`summary_payload`).
    template : str
        The template's name, its key under ``"templates"`` in ``summary.json``.

    Raises
    ------
    ParameterError
        As :func:`summary_payload`.
    """
    payload = summary_payload(figures, template)
    from IPython.display import display

    text = json.dumps(payload, ensure_ascii=False, indent=1, allow_nan=False)
    display({SUMMARY_MIME: payload, "text/plain": text}, raw=True)


def _notebook_summaries(nb: Any) -> dict[str, dict[str, Any]]:
    """The figures every :func:`publish_summary` call left in an executed notebook."""
    found: dict[str, dict[str, Any]] = {}
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = output.get("data") or {}
            if SUMMARY_MIME not in data:
                continue
            payload = data[SUMMARY_MIME]
            if isinstance(payload, str):  # stored as text by some writers
                payload = json.loads(payload)
            template = str(payload.get("template"))
            found.setdefault(template, {}).update(payload.get("figures") or {})
    return found


def _summary_document(
    region_id: str | None, templates: Mapping[str, Any], now: datetime | None = None
) -> dict[str, Any]:
    return {
        "region_id": region_id,
        "generated": (now or datetime.now(UTC)).replace(microsecond=0).isoformat(),
        "templates": dict(templates),
    }


def _merge_summary(
    folder: Path, region_id: str, templates: Mapping[str, Any], now: datetime | None = None
) -> Path:
    """Merge ``templates`` into ``folder/summary.json`` (other templates' entries kept)."""
    path = folder / SUMMARY_FILE
    earlier: dict[str, Any] = {}
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(old, dict) and old.get("region_id") == region_id:
            earlier = dict(old.get("templates") or {})
    except (FileNotFoundError, ValueError):
        pass  # none yet, or unreadable: it is rebuilt from this run
    earlier.update(templates)
    document = _summary_document(region_id, dict(sorted(earlier.items())), now)
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return _atomic_write_text(path, text)


def read_summary(notebook_or_dir: Any) -> dict[str, Any]:
    """Read a region's key figures back.

    Parameters
    ----------
    notebook_or_dir : path or NotebookNode
        A region's output folder (``<out_dir>/<region_id>``), a
        ``summary.json`` file, or an executed notebook (path or node), whose
        :func:`publish_summary` outputs are read.

    Returns
    -------
    dict
        ``{"region_id": str, "generated": ISO 8601 str, "templates":
        {template: {figure: value, ...}, ...}}``. For a notebook,
        ``region_id`` comes from its papermill parameters (or its figures)
        and ``generated`` from the end of its papermill run, when known.

    Raises
    ------
    ReportError
        No ``summary.json`` in the folder, or the file is not valid JSON.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[
    ...     nbformat.v4.new_output("display_data", data={
    ...         SUMMARY_MIME: {"template": "gaps", "figures": {"n": 40}}})])])
    >>> read_summary(nb)["templates"]
    {'gaps': {'n': 40}}
    """
    if isinstance(notebook_or_dir, str | os.PathLike):
        path = Path(notebook_or_dir)
        if path.is_dir():
            path = path / SUMMARY_FILE
        if path.suffix == ".ipynb":
            import nbformat

            return read_summary(nbformat.read(path, as_version=4))
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ReportError(
                f"No {SUMMARY_FILE} at {path}: run `kompetensi run` for that region first, or "
                "pass an executed notebook."
            ) from None
        except ValueError as err:
            raise ReportError(f"{path} is not valid JSON ({err}); run the region again.") from None
        return document
    nb = notebook_or_dir
    templates = _notebook_summaries(nb)
    papermill_meta = (nb.get("metadata") or {}).get("papermill") or {}
    region_id = (papermill_meta.get("parameters") or {}).get("region_id")
    if region_id is None:
        region_id = next(
            (f["region_id"] for f in templates.values() if isinstance(f.get("region_id"), str)),
            None,
        )
    return {
        "region_id": region_id,
        "generated": papermill_meta.get("end_time"),
        "templates": templates,
    }


# ---------------------------------------------------------------------------
# Writing.
# ---------------------------------------------------------------------------
#: Atomic writes (kept under these names for the runner).
_atomic_write_text = files.write_text
_make_readable = files.make_readable


# ---------------------------------------------------------------------------
# HTML export.
# ---------------------------------------------------------------------------
#: A template on top of nbconvert's "lab" one that loads nothing from the web:
#: no require.js, MathJax, mermaid or widget manager; every chart's ``<img>``
#: carries the alternative text :func:`kompetensi_toolkit.rendering.show` gave it.
_OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style type="text/css">
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
.jp-RenderedHTMLCommon table.kt-table { margin: 0.5rem 0 1rem; }
.jp-OutputArea-output img { max-width: 100%; height: auto; }
</style>
{%- endblock extra_css -%}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
 alt="{{ (output | get_metadata('alt', 'image/png') or '') | escape_html }}">
</div>
{%- endblock data_png %}
"""
_OFFLINE_TEMPLATE_NAME = "kompetensi_offline.html.j2"


def _report_preprocessors() -> list[Any]:
    from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

    class _DropNoise(Preprocessor):  # type: ignore[misc]
        """Drop stderr, errors, published key figures and cells left with nothing to show."""

        def preprocess(self, nb, resources):
            cells = []
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs = [
                        o
                        for o in cell.get("outputs", [])
                        if not (o.output_type == "stream" and o.get("name") == "stderr")
                        and o.output_type != "error"
                        and SUMMARY_MIME not in (o.get("data") or {})
                    ]
                    if not cell.outputs:
                        continue
                elif cell.cell_type == "raw":
                    continue
                cells.append(cell)
            nb.cells = cells
            return nb, resources

    remove = TagRemovePreprocessor(remove_cell_tags=set(REMOVED_CELL_TAGS), enabled=True)
    return [remove, _DropNoise(enabled=True)]


#: What may remain of the HTML and Markdown outputs of a report (our tables, headings,
#: lists, links, emphasis): anything else is shown as text, never run.
_SAFE_TAGS = frozenset(
    {"a", "abbr", "b", "blockquote", "br", "caption", "code", "del", "details", "div", "em"}
    | {"figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p"}
    | {"pre", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td"}
    | {"tfoot", "th", "thead", "tr", "ul"}
)
_SAFE_ATTRIBUTES = {
    "*": ["class", "id", "title", "lang"],
    "a": ["href"],
    "td": ["style", "colspan", "rowspan"],
    "th": ["style", "colspan", "rowspan", "scope"],
}
_SAFE_CSS = ("text-align", "color", "background-color", "font-weight", "font-style", "white-space")


def sanitize_html(fragment: object) -> str:
    """An HTML fragment with only inert markup left: our replacement for nbconvert's filter.

    Every Markdown and HTML output of a report passes through it on export
    (nbconvert's ``sanitize_html`` switch with this as its ``clean_html``
    filter): tags outside a short list (tables, headings, lists, links,
    emphasis) are escaped so they show as text, every ``on…`` attribute, every
    ``style`` other than alignment and colours and every link that is not
    ``http``, ``https``, ``mailto`` or relative is removed, and comments are
    dropped. nbconvert's own filter would also escape ``<p>``, ``<h2>`` and
    ``<th>``, which every report needs.

    Examples
    --------
    >>> sanitize_html('<p onclick="x()">Dinas <script>alert(1)</script></p>')
    '<p>Dinas &lt;script&gt;alert(1)&lt;/script&gt;</p>'
    >>> sanitize_html('<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>')
    '<a>x</a>&lt;img src=x onerror=alert(1)&gt;'
    >>> sanitize_html('<table><tr><td style="text-align:right; background:url(//x)">1</td></tr>')
    '<table><tbody><tr><td style="text-align:right;">1</td></tr></tbody></table>'
    """
    import bleach
    from bleach.css_sanitizer import CSSSanitizer

    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    return bleach.clean(
        text,
        tags=_SAFE_TAGS,
        attributes=_SAFE_ATTRIBUTES,
        protocols={"http", "https", "mailto"},
        css_sanitizer=CSSSanitizer(allowed_css_properties=_SAFE_CSS),
        strip=False,
        strip_comments=True,
    )


#: Held while the shared exporter of :func:`_html_exporter` renders (nbconvert registers
#: per-notebook filters on it, so two threads must not render at once).
_EXPORT_LOCK = threading.Lock()


@functools.cache
def _html_exporter(lang: str) -> Any:
    """The exporter for ``lang``, built once per process: its Jinja templates compile once.

    Only :func:`export_html` uses it, under :data:`_EXPORT_LOCK`.
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        # Markdown and HTML outputs go through sanitize_html: data that slipped past
        # escaping is shown as text and never runs (the template has no other way in).
        sanitize_html=True,
        filters={"clean_html": sanitize_html},
        template_name="lab",
        extra_loaders=[DictLoader({_OFFLINE_TEMPLATE_NAME: _OFFLINE_TEMPLATE})],
        template_file=_OFFLINE_TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        language_code=lang,
        # Belt and braces: should a block above ever come back, point it nowhere.
        require_js_url="",
        mathjax_url="",
        mermaid_js_url="",
        jupyter_widgets_base_url="",
        widget_renderer_url="",
    )
    for pre in _report_preprocessors():
        exporter.register_preprocessor(pre, enabled=True)
    return exporter


_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+")


def audit_html(page: str, forbidden: Iterable[str] = ()) -> list[str]:
    """What in a rendered report must not reach a policymaker; empty when it is clean.

    The page is read as ``kompetensi audit`` reads it
    (:func:`kompetensi_toolkit.audit.audit_page`: NIP-shaped numbers and other
    long digit runs, e-mail addresses, phone numbers, executable markup,
    anything loaded from outside the output folder; small groups are left to
    the audit of the whole run), and also for what only a report can get
    wrong: code input or prompts, the machine-readable key figures
    (:func:`publish_summary`), and any of the ``forbidden`` strings.

    Examples
    --------
    >>> audit_html('<p>ok</p><a href="https://bkn.go.id">BKN</a>')
    []
    >>> found = audit_html('<script src="https://cdn.example/x.js"></script> 198501012010011001')
    >>> for problem in found:
    ...     print(problem)
    executable markup: <script>
    loads from outside the output folder: <script src> https://cdn.example/…
    NIP-shaped number: 1985…001
    """
    from kompetensi_toolkit.audit import KINDS, audit_page

    problems = [
        f"{KINDS[f.kind]}: {f.what}"
        for f in audit_page(page, file="report.html", min_group_size=None)
    ]
    text = _DATA_URI.sub("data:", page)
    body = text[text.find("<body") :] if "<body" in text else text
    if "jp-InputArea" in body or "jp-InputPrompt" in body or "In&nbsp;[" in body:
        problems.append("shows code input or prompts")
    if SUMMARY_MIME in body or "vnd.kompetensi.summary" in body:
        problems.append("shows the machine-readable key figures (summary.json)")
    for item in forbidden:
        if item and item in text:
            problems.append(f"shows a forbidden value: {item[:3]}…")
    return problems


def export_html(notebook: Any, lang: str = config.DEFAULT_LANG, *, title: str | None = None) -> str:
    """Render an executed notebook as the policymakers' HTML, in this process.

    Input cells, prompts, ``parameters`` / ``injected-parameters`` /
    ``remove-cell`` cells, stderr and error outputs are dropped; charts are
    embedded; nothing is loaded from a CDN.

    Parameters
    ----------
    notebook : NotebookNode or path
        An executed notebook. Not changed.
    lang : {"id", "en"}
        The page's ``lang`` attribute.
    title : str, optional
        The page title (default: the notebook's ``metadata.title`` or file name).

    Returns
    -------
    str
        A complete HTML document.
    """
    import copy

    import nbformat

    lang = labels.check_lang(lang, "export_html")
    if isinstance(notebook, str | os.PathLike):
        nb = nbformat.read(notebook, as_version=4)
        name = Path(notebook).stem
    else:
        nb = copy.deepcopy(notebook)
        name = "report"
    if title:
        nb.metadata["title"] = title
    with _EXPORT_LOCK:
        exporter = _html_exporter(lang)
        try:
            body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
        finally:
            # nbconvert keeps each notebook's metadata by name: keep none of it for the next.
            kept = getattr(exporter, "_nb_metadata", None)
            if isinstance(kept, dict):
                kept.clear()
    return body


#: A one-pixel PNG, for :func:`_warm_up`.
_WARM_UP_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5E"
    "rkJggg=="
)


def _warm_up_notebook() -> Any:
    """A small executed notebook with every kind of output a report has."""
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    markdown = (
        "# Judul\n\n*Kota · Provinsi* **20,8%** `kode` [BKN](https://bkn.go.id)\n\n---\n\n"
        "## Bagian\n\n- satu\n- dua\n\n| Parameter | Nilai |\n|---|---|\n| a | `b` |\n"
    )
    table = (
        '<table class="kt-table"><thead><tr><th style="text-align:left">Unit</th>'
        '<th style="text-align:right">n</th></tr></thead><tbody><tr>'
        '<td style="text-align:left">Dinas</td>'
        '<td style="text-align:right; background-color:#fde0dd">12</td></tr></tbody></table>'
    )
    outputs = [
        new_output("display_data", data={"text/markdown": markdown, "text/plain": "<Markdown>"}),
        new_output("display_data", data={"text/html": table, "text/plain": "<HTML>"}),
        new_output(
            "display_data",
            data={"image/png": _WARM_UP_PNG, "text/plain": "<Figure>"},
            metadata={"image/png": {"alt": "Grafik"}},
        ),
        new_output("stream", name="stdout", text="ok\n"),
        new_output("stream", name="stderr", text="warning\n"),
        new_output(
            "display_data",
            data={SUMMARY_MIME: {"template": "warm_up", "figures": {}}, "text/plain": "{}"},
        ),
    ]
    cells = [new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
             new_code_cell("show()", outputs=outputs, execution_count=1)]  # fmt: skip
    kernel = {"name": KERNEL_NAME, "display_name": "Python 3", "language": "python"}
    return new_notebook(cells=cells, metadata={"kernelspec": kernel})


def _warm_up() -> None:
    """Do once, in the runner's fork server, what every job process would redo on its own.

    Each job runs in a fresh process forked from that server
    (:data:`kompetensi_toolkit.runner._Pool.PRELOAD`): built here, the exporters and their
    compiled templates, the regular expressions of nbconvert, bleach, mistune and the
    audit, the notebook schema validator and the kernel spec lookup are inherited
    instead of being rebuilt by every job (0.1–0.2 s each). Never raises: a failure
    only means the jobs do that work themselves.
    """
    try:
        import nbformat
        from jupyter_client.kernelspec import KernelSpecManager

        nb = _warm_up_notebook()
        nbformat.writes(nb)
        for lang in config.LANGUAGES:
            audit_html(export_html(nb, lang, title="warm-up"))
        with contextlib.suppress(Exception):
            KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except Exception:  # pragma: no cover - an optimisation only
        pass


# ---------------------------------------------------------------------------
# Execution.
# ---------------------------------------------------------------------------
@functools.cache
def _kernel_manager_class() -> type | None:
    """A kernel manager giving each kernel its own IPC socket folder (POSIX only).

    TCP kernels started side by side can race for ports, and IPC kernels with
    default settings share one socket name; a private folder per kernel avoids
    both and the "running over TCP without encryption" warning. An IPython
    kernel also loads :data:`KERNEL_EXTENSION`, so that it exits quickly when
    asked to; the manager looks every :data:`SHUTDOWN_POLL` seconds whether it
    has, and stops one that has not within :data:`SHUTDOWN_WAIT` seconds.
    """
    if os.name != "posix":  # pragma: no cover - Windows has no IPC transport
        return None
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class IsolatedKernelManager(AsyncKernelManager):  # type: ignore[misc]
        @default("shutdown_wait_time")
        def _default_shutdown_wait_time(self) -> float:
            # Now and then an ipykernel does not exit when asked (about one job in ten):
            # send it SIGTERM after half of this, not after 2.5 s. Outputs are all in by then.
            return SHUTDOWN_WAIT

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self._socket_dir = tempfile.mkdtemp(prefix="kt-kernel-")
            self.transport = "ipc"
            self.ip = os.path.join(self._socket_dir, "k")

        async def _async_interrupt_kernel(self) -> None:
            # jupyter_client interrupts before every shutdown; the notebook has finished by
            # then, and an idle kernel answers with a "KeyboardInterrupt caught" log line.
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            cmd: list[str] = super().format_kernel_cmd(extra_arguments)
            if {"ipykernel_launcher", "ipykernel"} & set(cmd):  # an IPython kernel
                cmd.append(f"--InteractiveShellApp.extra_extensions={KERNEL_EXTENSION}")
            return cmd

        async def _async_finish_shutdown(
            self, waittime: float | None = None, pollinterval: float = 0.1, restart: bool = False
        ) -> None:
            # With the quick exit, a kernel is gone about a tenth of a second after the
            # shutdown request: look every 10 ms instead of every 100 ms (same time limits).
            await super()._async_finish_shutdown(
                waittime=waittime, pollinterval=min(pollinterval, SHUTDOWN_POLL), restart=restart
            )

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            await super()._async_cleanup_resources(restart=restart)
            if not restart:
                shutil.rmtree(self._socket_dir, ignore_errors=True)

    return IsolatedKernelManager


#: Seconds between checks that a kernel asked to shut down has exited.
SHUTDOWN_POLL = 0.01
#: Seconds a kernel asked to shut down may take: SIGTERM after half, SIGKILL after all of it.
SHUTDOWN_WAIT = 1.0
#: The IPython extension every kernel of :func:`_kernel_manager_class` loads (fewer GC walks).
KERNEL_EXTENSION = "kompetensi_toolkit._kernel_gc"
#: The papermill engine of :func:`_papermill_engine`.
PAPERMILL_ENGINE = "kompetensi"


@functools.cache
def _papermill_engine() -> str:
    """Register (once) and name a papermill engine that does not rewrite the notebook per cell.

    papermill's own engine writes the whole notebook, every chart so far
    included, before and after every cell. Nobody reads that file during the
    run: the runner reads it only when the run has ended (and keeps it as
    ``<stem>.failed.ipynb`` when it failed). This engine keeps papermill's
    other writes: when the run starts, when it ends or fails (papermill's
    ``notebook_complete``, in a ``finally``), on an error, and papermill's
    periodic save during a long cell. The notebook written at the end is the
    same.
    """
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

    class _SaveAtEnds(NotebookExecutionManager):  # type: ignore[misc]
        _quiet = False

        def save(self, **kwargs: Any) -> None:
            if not self._quiet:
                super().save(**kwargs)

        @contextlib.contextmanager
        def _unsaved(self) -> Iterator[None]:
            self._quiet = True
            try:
                yield
            finally:
                self._quiet = False

        def cell_start(self, cell: Any, cell_index: int | None = None, **kwargs: Any) -> None:
            with self._unsaved():
                super().cell_start(cell, cell_index, **kwargs)

        def cell_complete(self, cell: Any, cell_index: int | None = None, **kwargs: Any) -> None:
            with self._unsaved():
                super().cell_complete(cell, cell_index, **kwargs)

    class _Engine(NBClientEngine):  # type: ignore[misc]
        @classmethod
        def execute_notebook(  # papermill's Engine.execute_notebook, with the manager above
            cls,
            nb: Any,
            kernel_name: str,
            output_path: str | None = None,
            progress_bar: bool = True,
            log_output: bool = False,
            autosave_cell_every: int = 30,
            **kwargs: Any,
        ) -> Any:
            nb_man = _SaveAtEnds(
                nb,
                output_path=output_path,
                progress_bar=progress_bar,
                log_output=log_output,
                autosave_cell_every=autosave_cell_every,
            )
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
            return nb_man.nb

    papermill_engines.register(PAPERMILL_ENGINE, _Engine)
    return PAPERMILL_ENGINE


def template_parameters(template: str | os.PathLike[str]) -> dict[str, str]:
    """The parameters a template declares, with their type names (papermill's reading).

    Examples
    --------
    >>> template_parameters(config.NOTEBOOK_DIR / "overview.ipynb")["min_group_size"]
    'int'
    """
    import papermill

    found = papermill.inspect_notebook(str(template))
    return {name: str(p.get("inferred_type_name") or "None") for name, p in found.items()}


_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (int, float),
                                       "bool": (bool,)}  # fmt: skip
#: Parameters the runner sets itself; a parameter file may not.
_RUNNER_PARAMETERS = ("region_id", "data_dir", "lang", "min_group_size", "reports_dir")


def _check_extra(
    extra: Mapping[str, Mapping[str, Any]], declared: Mapping[str, Mapping[str, str]]
) -> None:
    """Region parameters from a file: known to a template, of its type, not the runner's own."""
    for region_id, params in extra.items():
        for name, value in params.items():
            where = f"the parameters of region {region_id!r}"
            if name in _RUNNER_PARAMETERS:
                raise ParameterError(
                    f"{where.capitalize()} must not set {name!r}: it is set by the run itself "
                    "(give it on the command line)."
                )
            types = {t[name] for t in declared.values() if name in t}
            if not types:
                known = sorted({n for t in declared.values() for n in t} - set(_RUNNER_PARAMETERS))
                raise ParameterError(
                    f"{where.capitalize()} name {name!r}, which no template declares. "
                    f"Parameters the templates take: {', '.join(known) or '(none)'}."
                )
            ok = [t for t in types if t in _TYPES]
            if ok and not any(
                isinstance(value, _TYPES[t]) and not (t != "bool" and isinstance(value, bool))
                for t in ok
            ):
                raise ParameterError(
                    f"{where.capitalize()} give {name!r} the value {value!r}, but the templates "
                    f"expect {' or '.join(sorted(ok))}."
                )


def run_reports(
    regions: Sequence[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    lang: str = config.DEFAULT_LANG,
    min_group_size: int = config.MIN_GROUP_SIZE,
    templates: Sequence[str | os.PathLike[str]] | None = None,
    progress: Progress | None = None,
    kernel_name: str = KERNEL_NAME,
    workers: int = 1,
    cell_timeout: float | None = None,
    resume: bool = False,
    region_parameters: Mapping[str, Mapping[str, Any]] | None = None,
    scheduler: str | None = None,
) -> list[RunResult]:
    """Execute every template for every region, render the HTML, write the index.

    The key figures a template publishes (:func:`publish_summary`) are merged
    into ``<out_dir>/<region_id>/summary.json``::

        {"region_id": "ambon", "generated": "2026-01-02T03:04:05+00:00",
         "templates": {"gaps": {...}, "overview": {...}}}

    Each template's entry is replaced when it runs again; the entries of the
    other templates are kept. The run is recorded in
    ``<out_dir>/run-manifest.json`` (see :mod:`kompetensi_toolkit.runner`).

    Parameters
    ----------
    regions : sequence of str, optional
        Region ids; ``None`` means every region of the dataset. Duplicates are
        run once.
    data_dir : path, optional
        The dataset folder (resolved with
        :func:`kompetensi_toolkit.config.resolve_data_dir`; ``None``: the default).
    out_dir : path, optional
        Where reports go (default :data:`kompetensi_toolkit.config.DEFAULT_OUTPUT_DIR`).
    lang : {"id", "en"}
        Language of the reports and the index.
    min_group_size : int
        Groups smaller than this are hidden in the reports.
    templates : sequence of str or path, optional
        Template names (stems of the files in ``notebooks/``) or paths to
        ``.ipynb`` files; ``None`` means every template in ``notebooks/``.
    progress : callable, optional
        Called as ``progress(done, total, result)`` after each notebook
        (``done`` counts from 1 to ``total``).
    kernel_name : str
        The Jupyter kernel to execute in.
    workers : int
        Notebooks run at the same time, each in a fresh process (default 1).
    cell_timeout : float, optional
        Seconds a cell may run before it is stopped and its notebook fails.
    resume : bool
        Run only what failed in the last run (by its manifest) or whose
        template, parameters, data or toolkit version changed since.
    region_parameters : mapping, optional
        Region id → further template parameters (e.g. ``{"ambon": {"budget":
        5e8}}``), passed to the templates that declare them; checked before
        anything runs.
    scheduler : str, optional
        Address of a Dask distributed scheduler: the notebooks run on its
        workers (which must see the same data and output folders).

    Notes
    -----
    The pool's processes start from a fork server, which imports the calling
    script's main module: in a script, call this under
    ``if __name__ == "__main__":`` (the ``kompetensi`` command and notebooks
    need nothing).

    Returns
    -------
    list of RunResult
        One per region and template, regions in the order asked, templates by name.

    Raises
    ------
    ParameterError
        A bad ``lang``, ``min_group_size``, ``workers``, ``cell_timeout``,
        template or region parameter, before anything runs.
    UnknownRegionError
        A region not in the dataset, before anything runs.
    DatasetNotFoundError, DataValidationError
        The dataset folder or its regions table cannot be read, or every
        region asked for has problems in its own rows (nothing is written).
        When only some have, their reports fail without starting (the
        result's ``problems`` lists them) and the others run.
    DependencyMissingError
        papermill, nbconvert or the kernel is not installed.
    """
    from kompetensi_toolkit import runner
    from kompetensi_toolkit.checks import count, number
    from kompetensi_toolkit.loaders import check_regions, list_regions

    func = "run_reports"
    check_parameters(lang=lang, min_group_size=min_group_size)
    workers = count(workers, "workers", func)
    if cell_timeout is not None:
        cell_timeout = number(cell_timeout, "cell_timeout", func, strict=True)
    folder = config.resolve_data_dir(data_dir)
    known = list_regions(folder)
    available = [str(r) for r in known["region_id"]]
    if regions is None:
        wanted = available
    else:
        if isinstance(regions, str):
            regions = [regions]
        wanted = list(dict.fromkeys(regions))
        if not wanted:
            raise ParameterError(
                "The 'regions' parameter of run_reports must name at least one region, or be "
                "None for all of them. Got an empty list instead."
            )
        _check_regions(wanted, available, folder)
    paths = _resolve_templates(templates)
    _require_jupyter(kernel_name)
    extra = {str(k): dict(v) for k, v in (region_parameters or {}).items()}
    _check_regions(list(extra), available, folder)
    declared = {p.stem: template_parameters(p) for p in paths}
    _check_extra(extra, declared)

    checked = check_regions(folder, wanted)
    if len(checked.problems) == len(wanted):  # nothing could run: refuse, write nothing
        unique = {str(p): p for found in checked.problems.values() for p in found}
        raise DataValidationError(list(unique.values()))
    if checked.elsewhere:
        warnings.warn(
            f"{folder} has {len(checked.elsewhere)} problem(s) in rows that no region of this "
            f"run reads (e.g. {checked.elsewhere[0]}); they do not change these reports. "
            f"`kompetensi validate {folder}` lists them all.",
            KompetensiWarning,
            stacklevel=2,
        )

    out = Path(out_dir) if out_dir is not None else config.DEFAULT_OUTPUT_DIR
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    names = dict(zip(known["region_id"].astype(str), known["name"].astype(str), strict=True))
    # One pseudonymisation key for every notebook of the run (a random one, with a warning,
    # when none is set): the kernels read it from their environment, which each job sets
    # itself (a pool's processes come from a fork server started in an earlier state).
    key, stable = identity.resolve_key(protected=(folder,))
    if stable:  # an empty value: not set
        environment = {n: os.environ.get(n, "") for n in (identity.KEY_ENV, identity.KEY_FILE_ENV)}
    else:
        environment = {identity.KEY_ENV: key.hex(), identity.KEY_FILE_ENV: ""}

    def job_for(region_id: str, template: Path) -> runner.Job:
        wanted_params = declared[template.stem]
        given = {
            "region_id": region_id,
            "data_dir": str(folder),
            "lang": lang,
            "min_group_size": min_group_size,
            "reports_dir": str(out / region_id),
            **extra.get(region_id, {}),
        }
        return runner.Job(
            template=str(template),
            region_id=region_id,
            region_name=names.get(region_id, region_id),
            out_dir=str(out / region_id),
            parameters={k: v for k, v in given.items() if k in wanted_params},
            lang=lang,
            kernel_name=kernel_name,
            cell_timeout=cell_timeout,
            environment=environment,
        )

    started = datetime.now(UTC)
    jobs = [job_for(r, t) for r in wanted for t in paths]
    data_hash = runner.dataset_hash(folder)
    template_hashes = {str(p): runner.file_hash(p) for p in paths}
    prints = {
        j.name: runner.fingerprint(
            j, data_hash=checked.digests[j.region_id], template_hash=template_hashes[j.template]
        )
        for j in jobs
    }
    previous = {
        (
            f"{e.get('region_id')}/{e.get('template')}" if e.get("region_id") else e.get("template")
        ): e
        for e in runner.read_manifest(out).get("jobs", [])
        if isinstance(e, dict)
    }
    skip = set()
    if resume:
        skip = {j.name for j in jobs if runner.unchanged(j, prints[j.name], previous)}
        rerun = {j.region_id for j in jobs if j.name not in skip}
        # a region summary reads the other reports: it runs again when any of them does
        skip -= {j.name for j in jobs if j.stem in runner.FINAL_TEMPLATES and j.region_id in rerun}

    total = len(jobs)
    finished: list[RunResult] = []
    left = Counter(j.region_id for j in jobs)  # reports of each region not yet done

    def record(job: runner.Job, result: RunResult) -> RunResult:
        if result.figures:
            result = replace(
                result, summary=_merge_summary(Path(job.out_dir), job.region_id, result.figures)
            )
        left[job.region_id] -= 1
        if job.region_id and not left[job.region_id]:
            runcache.forget(shared, job.region_id)
        finished.append(result)
        if progress is not None:
            progress(len(finished), total, result)
        return result

    # Once every region is done: the comparison of the regions (a full run only).
    cross = [] if templates is not None else list_templates(config.NOTEBOOK_DIR / "cross_region")
    cross_jobs = []
    for template in cross:
        wanted_params = template_parameters(template)
        given = {"reports_dir": str(out), "lang": lang, "min_group_size": min_group_size}
        job = runner.Job(
            template=str(template),
            region_id="",
            region_name="",
            out_dir=str(out),
            parameters={k: v for k, v in given.items() if k in wanted_params},
            lang=lang,
            kernel_name=kernel_name,
            cell_timeout=cell_timeout,
        )
        cross_jobs.append(job)
        prints[job.name] = runner.fingerprint(
            job, data_hash=data_hash, template_hash=runner.file_hash(template)
        )
    total += len(cross_jobs)

    done: dict[str, RunResult] = {}

    def run(batch: list[runner.Job], skipped: set[str]) -> None:
        for job in batch:
            if job.region_id in checked.problems:
                done[job.name] = record(job, _data_failure(job, checked.problems[job.region_id]))
            elif job.name in skipped:
                done[job.name] = record(job, runner.skipped_result(job))
        todo = [j for j in batch if j.name not in done]
        found = runner.run_jobs(
            todo,
            workers=workers,
            scheduler=scheduler,
            on_result=record,
            expected_seconds=runner.expected_seconds(previous),
        )
        done.update({j.name: r for j, r in zip(todo, found, strict=True)})

    # Each region is read and checked once: its first report's load is shared with the
    # others through a private folder (see runcache), emptied as each region ends.
    shared = Path(tempfile.mkdtemp(prefix="kompetensi-run-"))
    try:
        run([replace(j, environment={**j.environment, runcache.ENV: str(shared)}) for j in jobs],
            skip)  # fmt: skip
    finally:
        shutil.rmtree(shared, ignore_errors=True)
    results = [done[j.name] for j in jobs]
    _write_workbooks(out, [r for r in wanted if any(x.ok for x in results if x.region_id == r)],
                     lang)  # fmt: skip
    if cross_jobs:
        unchanged_regions = resume and len(skip) == len(jobs)
        run(
            cross_jobs,
            {
                j.name
                for j in cross_jobs
                if unchanged_regions and runner.unchanged(j, prints[j.name], previous)
            },
        )
        jobs = [*jobs, *cross_jobs]
        results = [*results, *(done[j.name] for j in cross_jobs)]

    entries = {
        name: e for name, e in previous.items() if name not in {j.name for j in jobs}
    }  # other regions' lines of earlier runs are kept
    for job, result in zip(jobs, results, strict=True):
        if result.status == "unchanged":
            entries[job.name] = {**previous[job.name], "status": "unchanged"}
        else:
            entries[job.name] = runner.manifest_entry(job, result, prints[job.name])
    runner.write_manifest(
        out,
        list(entries.values()),
        started=started,
        data_dir=folder,
        data_hash=data_hash,
        workers=workers,
        scheduler=scheduler,
    )
    write_index(
        out, results, regions=known, lang=lang, templates=[p.stem for p in paths],
        min_group_size=min_group_size,
    )  # fmt: skip
    return results


def _data_failure(job: Any, problems: Sequence[Problem]) -> RunResult:
    """The result of a job whose region's rows fail the data contract (never started)."""
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return RunResult(
        job.region_id,
        job.stem,
        "failed",
        0.0,
        error=f"data: {problems[0]}{more}",
        problems=tuple(problems),
    )


def _write_workbooks(out: Path, regions: Sequence[str], lang: str) -> None:
    """``<out>/<region_id>/<region_id>.xlsx`` from each region's summary.json."""
    from kompetensi_toolkit.workbook import write_workbook

    for region_id in regions:
        folder = out / region_id
        if (folder / SUMMARY_FILE).is_file():
            write_workbook(read_summary(folder), folder / f"{region_id}.xlsx", lang)


# ---------------------------------------------------------------------------
# Index.
# ---------------------------------------------------------------------------
_INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933;
       max-width: 60rem; margin: 0 auto; padding: 1.5rem; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
th, td { text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid #d9e2ec; }
th { background: #f0f4f8; }
.failed { color: #b42318; }
.earlier { color: #52606d; font-style: italic; }
footer { margin-top: 2rem; font-size: 0.85rem; color: #52606d; }
"""


def write_index(
    out_dir: str | os.PathLike[str],
    results: Sequence[RunResult],
    *,
    regions: Any = None,
    lang: str = config.DEFAULT_LANG,
    templates: Sequence[str] | None = None,
    now: datetime | None = None,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Path:
    """Write ``<out_dir>/index.html``: the regions' key figures side by side, then one row
    per region with a link per report and to its Excel workbook, and the comparison of
    the regions when it was written.

    Regions of this run come first with their status; reports of other
    regions already in ``out_dir`` from an earlier run are listed after them.
    The page is self-contained (inline CSS, no script), every text escaped.

    Parameters
    ----------
    out_dir : path
    results : sequence of RunResult
        This run's results.
    regions : DataFrame, optional
        The dataset's regions table (``region_id``, ``name``, ``level``,
        ``province``) for names and order.
    lang : {"id", "en"}
    templates : sequence of str, optional
        Template names to show as columns (default: those in ``results``).
    now : datetime, optional
        The time written in the footer (default: now).

    Returns
    -------
    Path
        The index file.
    """
    lang = labels.check_lang(lang, "write_index")
    out = Path(out_dir)
    info: dict[str, dict[str, str]] = {}
    if regions is not None:
        for row in regions.to_dict("records"):
            info[str(row["region_id"])] = {
                k: ("" if _missing(row.get(k)) else str(row.get(k)))
                for k in ("name", "level", "province")
            }
    results = [r for r in results if r.region_id]  # the comparison of the regions has no row
    template_names = (
        list(templates) if templates else list(dict.fromkeys(r.template for r in results))
    )
    by_key = {(r.region_id, r.template): r for r in results}
    order = list(dict.fromkeys(r.region_id for r in results))
    earlier = [
        rid
        for rid in (info or {p.name: {} for p in sorted(out.iterdir()) if p.is_dir()})
        if rid not in order and any((out / rid / f"{t}.html").is_file() for t in template_names)
    ]

    def cell(region_id: str, template: str) -> str:
        name = _template_label(template, lang)
        result = by_key.get((region_id, template))
        target = out / region_id / f"{template}.html"
        href = f"{quote(region_id)}/{quote(template)}.html"
        if result is not None and result.ok:
            return f'<a href="{html.escape(href)}">{html.escape(name)}</a>'
        if result is not None:
            status = labels.label("index.status.failed", lang)
            return f'<span class="failed">{html.escape(name)}: {html.escape(status)}</span>'
        if target.is_file():
            status = labels.label("index.status.earlier", lang)
            return (
                f'<a href="{html.escape(href)}">{html.escape(name)}</a> '
                f'<span class="earlier">({html.escape(status)})</span>'
            )
        return ""

    head = [
        labels.label("col.region", lang),
        labels.label("col.level", lang),
        labels.label("col.province", lang),
        labels.label("col.report", lang),
    ]
    rows = []
    listed = [*order, *earlier]
    for region_id in listed:
        meta = info.get(region_id, {})
        level = meta.get("level", "")
        level_text = labels.enum_label("region_level", level, lang) if level else ""
        cells = [cell(region_id, t) for t in template_names]
        book = out / region_id / f"{region_id}.xlsx"
        if book.is_file():
            href = f"{quote(region_id)}/{quote(book.name)}"
            text = labels.label("index.workbook", lang)
            cells.append(f'<a href="{html.escape(href)}">{html.escape(text)}</a>')
        links = " · ".join(c for c in cells if c)
        rows.append(
            "<tr>"
            f"<td>{html.escape(meta.get('name') or region_id)}</td>"
            f"<td>{html.escape(level_text)}</td>"
            f"<td>{html.escape(meta.get('province', ''))}</td>"
            f"<td>{links}</td>"
            "</tr>"
        )
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    title = html.escape(labels.label("index.title", lang))
    head_html = "".join(f"<th>{html.escape(h)}</th>" for h in head)

    def region_table(lines: Sequence[str]) -> str:
        return f"<table><thead><tr>{head_html}</tr></thead><tbody>{''.join(lines)}</tbody></table>"

    if not rows:
        body = f"<p>{html.escape(labels.label('index.none', lang))}</p>"
    elif len(rows) > _few_regions():  # national scale: one table per province
        body = _index_by_province(listed, rows, info, lang, region_table)
    else:
        body = region_table(rows)
    body = _index_key_figures(out, lang, min_group_size) + body
    if (out / "comparison.html").is_file():
        text = html.escape(labels.label("index.comparison", lang))
        body = f'<p><a href="comparison.html">{text}</a></p>\n' + body
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_INDEX_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n<p>{html.escape(labels.label('index.intro', lang))}</p>\n"
        f"{body}\n<footer>{html.escape(labels.text('index.generated', lang, when=when))} "
        f"kompetensi-toolkit {html.escape(__version__)}</footer>\n</body>\n</html>\n"
    )
    return _atomic_write_text(out / "index.html", page)


def _few_regions() -> int:
    from kompetensi_toolkit import crossregion

    return crossregion.FEW_REGIONS


def _index_by_province(
    listed: Sequence[str],
    rows: Sequence[str],
    info: Mapping[str, Mapping[str, str]],
    lang: str,
    region_table: Any,
) -> str:
    """The region list grouped by province (A–Z, names A–Z inside), with links to each group."""
    import pandas as pd

    from kompetensi_toolkit import crossregion

    frame = pd.DataFrame(
        {
            "region_id": list(listed),
            "name": [info.get(r, {}).get("name") or r for r in listed],
            "province": [info.get(r, {}).get("province") or None for r in listed],
            "_row": list(rows),
        }
    )
    links, sections = [], []
    for i, (province, group) in enumerate(crossregion.by_province(frame), 1):
        name = html.escape(province or labels.label("index.no_province", lang))
        count = labels.format_number(len(group), lang)
        links.append(f'<a href="#province-{i}">{name}</a> ({count})')
        sections.append(f'<h3 id="province-{i}">{name}</h3>\n{region_table(group["_row"])}')
    lead = html.escape(labels.label("index.by_province", lang))
    return f"<p>{lead} " + " · ".join(links) + "</p>\n" + "\n".join(sections)


def _index_key_figures(out: Path, lang: str, min_group_size: int) -> str:
    """The regions' key numbers side by side (from their summary.json), as an HTML table.

    Above ``crossregion.FEW_REGIONS`` regions: one row per province and one for the
    country, pooled from the regions' counts (``crossregion.province_table``).
    """
    from kompetensi_toolkit import crossregion

    try:
        documents = crossregion.read_summaries(out)
    except ReportError:
        return ""  # an unreadable summary.json: the region's row still links its reports
    if not documents:
        return ""
    key = crossregion.key_figures_table(documents, lang)
    if len(key) > crossregion.FEW_REGIONS:
        provinces = crossregion.province_table(
            crossregion.hide_small(
                key, "n_employees", ["share_optimal", "share_under_20jp"], min_group_size
            ),
            crossregion.jpm_categories(documents),
            crossregion.jp_compliance(documents),
            crossregion.ikm_by_region(documents),
            lang,
        )
        columns = ["province", "n_regions", "n_employees", "share_optimal", "share_under_20jp",
                   "ikm", "n_hidden"]  # fmt: skip
        shown = crossregion.table(
            provinces, lang, columns=columns, min_group_size=min_group_size, decimals={"ikm": 2}
        )
        heading = html.escape(labels.label("index.key_figures_provinces", lang))
        return f"<h2>{heading}</h2>\n{shown._repr_html_()}\n"
    columns = ["region_name", "province", "n_employees", "share_optimal", "share_under_20jp",
               "ikm", "ikm_grade", "feedback_score", "feedback_band"]  # fmt: skip
    shown = crossregion.table(
        key, lang, columns=columns, min_group_size=min_group_size,
        decimals={"ikm": 2, "feedback_score": 1},
    )  # fmt: skip
    heading = html.escape(labels.label("index.key_figures", lang))
    return f"<h2>{heading}</h2>\n{shown._repr_html_()}\n"


def _template_label(template: str, lang: str) -> str:
    key = f"index.template.{template}"
    return labels.TRANSLATIONS[lang].get(key, template.replace("_", " ").capitalize())


def _missing(value: object) -> bool:
    try:
        import pandas as pd

        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
