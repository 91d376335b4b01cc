"""Read a dataset folder into validated tables.

A dataset is one folder holding each table of the data contract as
``<table>.csv``, ``<table>.xlsx`` or ``<table>.parquet`` (or, at national
scale, a folder ``<table>/region_id=<id>/*.parquet``). :func:`load_dataset`
reads it, normalises headers and values, validates everything against
:mod:`kompetensi_toolkit.schema` and returns a :class:`Dataset`, or raises
:class:`~kompetensi_toolkit.exceptions.DataValidationError` listing every
problem found. :func:`validate_dataset` returns the problems instead.

What is accepted without complaint: ``,`` ``;`` ``|`` or tab as delimiter
(found from the header line), UTF-8 with or without BOM, UTF-16 with BOM and
cp1252 text, decimal commas, Indonesian headers for canonical columns
(``nip``, ``unit_kerja``, ``jenis_jabatan``, ``tingkat`` …), dates as ISO or
``dd/mm/yyyy``, Likert answers in words, common spellings of enumerations.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np
import pandas as pd

from kompetensi_toolkit import config
from kompetensi_toolkit.exceptions import (
    DatasetNotFoundError,
    DataValidationError,
    ParameterError,
    Problem,
    UnknownRegionError,
)
from kompetensi_toolkit.parsing import (
    parse_booleans,
    parse_dates,
    parse_enum,
    parse_integers,
    parse_likert,
    parse_numbers,
    suggest_enum_value,
    to_text,
)
from kompetensi_toolkit.schema import (
    EMPLOYEE_TABLES,
    ENUMS,
    REGION_ID_PATTERN,
    REGIONAL_TABLES,
    TABLE_ORDER,
    TABLES,
    Field,
    canonical_header,
    normalise_token,
)
from kompetensi_toolkit.validation import Located, check_references, check_table

SUFFIXES = (".csv", ".xlsx", ".parquet")
_DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class Dataset:
    """The validated tables of one dataset (optionally one region of it).

    Every table has the canonical columns of the data contract. Text columns
    have pandas' string dtype, enumerations are categoricals whose categories
    are the canonical values in contract order, whole numbers are nullable
    ``Int64``, dates ``datetime64``, flags nullable ``boolean``. Tables absent
    from an optional part of the contract are ``None``. When ``region`` is
    set, regional tables hold that region's rows only; ``regions`` keeps all.
    """

    path: Path
    region: str | None
    data_hash: str
    regions: pd.DataFrame = field(repr=False)
    employees: pd.DataFrame = field(repr=False)
    competencies: pd.DataFrame = field(repr=False)
    standards: pd.DataFrame = field(repr=False)
    assessments: pd.DataFrame = field(repr=False)
    programs: pd.DataFrame = field(repr=False)
    program_competencies: pd.DataFrame = field(repr=False)
    participation: pd.DataFrame = field(repr=False)
    feedback_items: pd.DataFrame = field(repr=False)
    tna_survey: pd.DataFrame | None = field(default=None, repr=False)
    feedback: pd.DataFrame | None = field(default=None, repr=False)
    service_survey: pd.DataFrame | None = field(default=None, repr=False)
    service_metrics: pd.DataFrame | None = field(default=None, repr=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables present, by name."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name in TABLES and getattr(self, f.name) is not None
        }

    def region_row(self, region_id: str | None = None) -> pd.Series:
        """The ``regions`` row of ``region_id`` (default: the loaded region)."""
        region_id = region_id or self.region
        if region_id is None:
            raise ParameterError(
                "The 'region_id' parameter of Dataset.region_row is required "
                "when the dataset was loaded for all regions. Got None instead."
            )
        rows = self.regions[self.regions["region_id"] == region_id]
        if rows.empty:
            raise UnknownRegionError(_unknown_region_message(region_id, self.regions, self.path))
        return rows.iloc[0]

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={len(v):,}" for k, v in self.tables().items())
        region = f", region={self.region!r}" if self.region else ""
        return f"Dataset({str(self.path)!r}{region}: {counts})"


# ---------------------------------------------------------------------------
# Public entry points.
# ---------------------------------------------------------------------------


def load_dataset(path: str | Path | None = None, region: str | None = None) -> Dataset:
    """Read, normalise and validate a dataset folder.

    Parameters
    ----------
    path
        The dataset folder; relative paths are resolved as
        :func:`kompetensi_toolkit.config.resolve_data_dir` does (``None``:
        the default sample).
    region
        A ``region_id``: read and validate only that region's rows.

    Returns
    -------
    Dataset
        The validated tables.

    Raises
    ------
    DataValidationError
        Listing every problem found, each ``file:row:column: …``.
    UnknownRegionError
        ``region`` is not in the ``regions`` table.
    DatasetNotFoundError
        The folder does not exist.
    """
    tables, problems, digest = _read_all(path, region)
    if problems:
        raise DataValidationError(problems)
    folder = config.resolve_data_dir(path)
    frames = {name: loc.frame.reset_index(drop=True) for name, loc in tables.items()}
    return Dataset(path=folder, region=region, data_hash=digest, **frames)


def validate_dataset(path: str | Path | None = None, region: str | None = None) -> list[Problem]:
    """Every problem of a dataset folder, in file order; empty when it is clean.

    Raises only when the folder itself is missing or ``region`` is unknown.
    """
    return _read_all(path, region)[1]


@dataclass(frozen=True)
class RegionCheck:
    """What :func:`check_regions` found: each region's problems and data fingerprint.

    Attributes
    ----------
    problems : dict
        region_id → the problems a load of that region alone meets (only
        regions that have some).
    elsewhere : list of Problem
        Problems of the whole dataset that no region checked here meets on
        its own (rows of other regions, or across regions).
    digests : dict
        region_id → SHA-256 of that region's rows in every table plus the
        shared tables (competencies, programmes …): it changes when, and
        only when, what that region's reports read changes.
    """

    problems: dict[str, list[Problem]]
    elsewhere: list[Problem]
    digests: dict[str, str]


def check_regions(path: str | Path | None, regions: list[str]) -> RegionCheck:
    """Validate a dataset for a run of ``regions`` and fingerprint each region's data.

    The dataset is read once. Only when it has problems is each region read
    again on its own, to say which regions they stop: one region's broken
    rows then fail that region's reports, not everyone's.

    Examples
    --------
    >>> from kompetensi_toolkit import config
    >>> check = check_regions(config.DEFAULT_DATA_DIR, ["ambon", "plaju"])
    >>> check.problems, check.elsewhere, sorted(check.digests)
    ({}, [], ['ambon', 'plaju'])
    >>> check.digests["ambon"] != check.digests["plaju"]
    True
    """
    tables, problems, _ = _read_all(path, None)
    own: dict[str, list[Problem]] = {}
    if problems:
        for region in regions:
            found = _read_all(path, region)[1]
            if found:
                own[region] = found
    seen = {str(p) for found in own.values() for p in found}
    elsewhere = [p for p in problems if str(p) not in seen]
    return RegionCheck(own, elsewhere, _region_digests(tables, regions))


def _region_digests(tables: dict[str, Located], regions: list[str]) -> dict[str, str]:
    """SHA-256 per region over its rows of each table (the shared tables count for all)."""
    shared = hashlib.sha256()
    parts: list[tuple[bytes, np.ndarray, dict[object, np.ndarray]]] = []
    employees = tables.get("employees")
    region_of = pd.Series(dtype="object")
    if employees is not None and {"employee_id", "region_id"} <= set(employees.frame):
        region_of = pd.Series(
            to_text(employees.frame["region_id"]).to_numpy(),
            index=to_text(employees.frame["employee_id"]).to_numpy(),
        )
        region_of = region_of[~region_of.index.duplicated()]
    for name in TABLE_ORDER:
        located = tables.get(name)
        if located is None:
            continue
        frame = located.frame
        header = f"{name}:{','.join(map(str, frame.columns))}\0".encode()
        rows = pd.util.hash_pandas_object(frame.astype("string"), index=False).to_numpy()
        if name in REGIONAL_TABLES and "region_id" in frame:
            key = to_text(frame["region_id"])
        elif name in EMPLOYEE_TABLES and "employee_id" in frame:
            key = to_text(frame["employee_id"]).map(region_of)
        else:
            shared.update(header + rows.tobytes())
            continue
        groups = pd.Series(np.arange(len(rows))).groupby(key.to_numpy(), sort=False).indices
        parts.append((header, rows, groups))
    out = {}
    for region in regions:
        hasher = shared.copy()
        for header, rows, groups in parts:
            hasher.update(header)
            hasher.update(rows[groups.get(region, np.zeros(0, dtype=np.int64))].tobytes())
        out[region] = hasher.hexdigest()
    return out


def list_regions(path: str | Path | None = None) -> pd.DataFrame:
    """The validated ``regions`` table of a dataset, without reading the rest."""
    folder = _existing_folder(path)
    problems: list[Problem] = []
    located = _load_table("regions", folder, None, {}, problems, hasher=None)
    if problems or located is None:
        raise DataValidationError(problems)
    problems = check_table(located)
    if problems:
        raise DataValidationError(problems)
    return located.frame.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Reading.
# ---------------------------------------------------------------------------


class _Unreadable(Exception):
    """A file that cannot be read at all; carries its problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _existing_folder(path: str | Path | None) -> Path:
    folder = config.resolve_data_dir(path)
    if not folder.is_dir():
        raise DatasetNotFoundError(
            f"{path if path is not None else folder}: dataset folder not found (looked at "
            f"{folder}). Write the sample with `kompetensi sample-data` or give the folder "
            "that holds employees.csv and the other tables."
        )
    return folder


def _read_all(
    path: str | Path | None, region: str | None
) -> tuple[dict[str, Located], list[Problem], str]:
    folder = _existing_folder(path)
    if region is not None and not re.fullmatch(REGION_ID_PATTERN, str(region)):
        raise ParameterError(
            f"The 'region' parameter of load_dataset must be a region_id (lower-case letters, "
            f"digits, '-' and '_'). Got {region!r} instead."
        )
    hasher = hashlib.sha256()
    problems: list[Problem] = []
    tables: dict[str, Located] = {}
    for name in TABLE_ORDER:
        located = _load_table(name, folder, region, tables, problems, hasher)
        if located is not None:
            tables[name] = located
    if region is not None and "regions" in tables:
        regions = tables["regions"].frame
        if not (regions["region_id"] == region).any():
            raise UnknownRegionError(_unknown_region_message(region, regions, folder))
    problems += check_references(tables)
    order = {tables[n].file if n in tables else f"{n}.csv": i for i, n in enumerate(TABLE_ORDER)}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.row or 0))
    for name in TABLE_ORDER:  # required tables stand in for their empty parts
        if name not in tables and TABLES[name].required:
            tables[name] = Located(name, _empty_frame(TABLES[name]), f"{name}.csv")
    return tables, problems, hasher.hexdigest()


def _unknown_region_message(region: str, regions: pd.DataFrame, folder: Path) -> str:
    known = ", ".join(sorted(regions["region_id"].dropna().astype(str)))
    from difflib import get_close_matches

    near = get_close_matches(region, list(regions["region_id"].dropna().astype(str)), n=1)
    hint = f" Did you mean {near[0]!r}?" if near else ""
    return (
        f"Unknown region {region!r}: {folder} has no such region_id in regions.{hint} "
        f"Regions available: {known}."
    )


def _empty_frame(table) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in table.columns})


def _table_source(folder: Path, name: str) -> tuple[list[Path], Path | None]:
    """(matching files, partitioned folder or None)."""
    files = [folder / f"{name}{s}" for s in SUFFIXES if (folder / f"{name}{s}").is_file()]
    part = folder / name
    partitioned = part if part.is_dir() else None
    return files, partitioned


def _load_table(
    name: str,
    folder: Path,
    region: str | None,
    loaded: dict[str, Located],
    problems: list[Problem],
    hasher,
) -> Located | None:
    table = TABLES[name]
    files, partitioned = _table_source(folder, name)
    sources = [*(f.name for f in files), *([f"{name}/"] if partitioned else [])]
    if len(sources) > 1:
        problems.append(
            Problem(
                sources[0],
                f"more than one file for table {name}",
                value=", ".join(sources),
                allowed=f"exactly one of {name}.csv, {name}.xlsx, {name}.parquet or {name}/",
            )
        )
        return None
    try:
        if files:
            path = files[0]
            label = path.name
            frame = _read_file(path, label, hasher)
        elif partitioned is not None:
            label = f"{name}/"
            frame = _read_partitioned(partitioned, region, hasher)
        elif table.reference:
            path = config.REFERENCE_DIR / f"{name}.csv"
            label = f"{name}.csv (toolkit default)"
            frame = _read_file(path, label, hasher)
        elif table.required:
            problems.append(
                Problem(
                    f"{name}.csv",
                    f"required table {name} not found in {folder}",
                    allowed=f"{name}.csv, {name}.xlsx or {name}.parquet",
                )
            )
            return None
        else:
            return None
    except _Unreadable as err:
        problems.append(err.problem)
        return None

    frame, header_problems = _normalise_headers(name, frame, label)
    problems += header_problems
    if header_problems:
        return None
    frame = _filter_region(name, frame, region, loaded)
    item_fields = _item_fields(name, frame, loaded, label, problems)
    frame, bad_cells, parse_problems = _parse_columns(name, frame, label, item_fields)
    problems += parse_problems
    located = Located(name, frame, label)
    problems += check_table(located, item_fields, already_reported=bad_cells)
    return located


def _decode(raw: bytes, label: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" in raw[:8192]:
        raise _Unreadable(
            Problem(
                label,
                "not a text file (it holds binary data)",
                allowed="CSV text in UTF-8, UTF-16 or cp1252",
            )
        )
    else:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    bad_line = raw[: _first_bad_utf8(raw)].count(b"\n") + 1
    raise _Unreadable(
        Problem(
            label,
            "text encoding not recognised",
            row=bad_line,
            allowed="UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252 (Windows Excel)",
            hint="save it again as 'CSV UTF-8'",
        )
    )


def _first_bad_utf8(raw: bytes) -> int:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start
    return 0


def _read_file(path: Path, label: str, hasher) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw = path.read_bytes()
        if hasher is not None:
            hasher.update(label.encode() + b"\0" + hashlib.sha256(raw).digest())
        return _read_csv_bytes(raw, label)
    if hasher is not None:
        with path.open("rb") as fh:
            hasher.update(label.encode() + b"\0" + hashlib.file_digest(fh, "sha256").digest())
    if suffix == ".xlsx":
        return _read_xlsx(path, label)
    return _read_parquet(path, label)


def _read_csv_bytes(raw: bytes, label: str) -> pd.DataFrame:
    if not raw.strip():
        raise _Unreadable(Problem(label, "file is empty", allowed="a header row and data rows"))
    text = _decode(raw, label)
    header = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    delimiter = max(_DELIMITERS, key=header.count)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype="str",
            keep_default_na=False,
            na_values=[""],
            skipinitialspace=True,
            quoting=csv.QUOTE_MINIMAL,
        )
    except pd.errors.EmptyDataError:
        raise _Unreadable(
            Problem(label, "file is empty", allowed="a header row and data rows")
        ) from None
    except pd.errors.ParserError as err:
        match = re.search(r"line (\d+), saw (\d+)", str(err))
        row = int(match.group(1)) if match else None
        raise _Unreadable(
            Problem(
                label,
                "row has more cells than the header",
                row=row,
                value=f"{match.group(2)} cells" if match else None,
                allowed=f"as many cells as header columns, separated by {delimiter!r}",
                hint="a delimiter inside a value needs quotes",
            )
        ) from None
    if frame.empty:
        raise _Unreadable(
            Problem(label, "file has a header but no data rows", allowed="at least one data row")
        )
    return frame


def _read_xlsx(path: Path, label: str) -> pd.DataFrame:
    try:
        frame = pd.read_excel(path, sheet_name=0, dtype=object, engine="openpyxl")
    except Exception as err:  # openpyxl raises many kinds for a damaged workbook
        raise _Unreadable(
            Problem(
                label,
                "not a readable Excel workbook",
                value=type(err).__name__,
                allowed="an .xlsx file",
            )
        ) from err
    frame = frame.dropna(how="all")
    if frame.empty:
        raise _Unreadable(
            Problem(
                label,
                "workbook's first sheet has no data rows",
                allowed="a header row and data rows on the first sheet",
            )
        )
    return frame


def _read_parquet(path: Path, label: str) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(path)
    except Exception as err:  # pyarrow raises several kinds for a damaged file
        raise _Unreadable(
            Problem(
                label,
                "not a readable Parquet file",
                value=type(err).__name__,
                allowed="a .parquet file",
            )
        ) from err
    if frame.empty:
        raise _Unreadable(Problem(label, "file has no data rows", allowed="at least one row"))
    return frame.reset_index(drop=True)


def _read_partitioned(folder: Path, region: str | None, hasher) -> pd.DataFrame:
    """A Parquet dataset partitioned by ``region_id``; one region reads one folder."""
    base = folder / f"region_id={region}" if region is not None else folder
    files = sorted(base.rglob("*.parquet")) if base.is_dir() else []
    label = f"{folder.name}/"
    if not files:
        if region is not None:
            return pd.DataFrame({"region_id": pd.Series(dtype="str")})
        raise _Unreadable(
            Problem(
                label, "partitioned table has no Parquet files", allowed="region_id=<id>/*.parquet"
            )
        )
    parts = []
    for f in files:
        if hasher is not None:
            with f.open("rb") as fh:
                hasher.update(
                    str(f.relative_to(folder)).encode()
                    + b"\0"
                    + hashlib.file_digest(fh, "sha256").digest()
                )
        part = _read_parquet(f, f"{label}{f.relative_to(folder)}")
        key = f.relative_to(folder).parts[0]
        if "region_id" not in part.columns and key.startswith("region_id="):
            part["region_id"] = key.split("=", 1)[1]
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


# ---------------------------------------------------------------------------
# Normalising.
# ---------------------------------------------------------------------------


def _normalise_headers(name: str, frame: pd.DataFrame, label: str):
    table = TABLES[name]
    originals = [str(c) for c in frame.columns]
    canonical = [canonical_header(name, c) for c in originals]
    problems = []
    seen: dict[str, str] = {}
    for orig, canon in zip(originals, canonical, strict=True):
        if canon in seen:
            problems.append(
                Problem(
                    label,
                    f"two columns mean {canon}",
                    row=1,
                    column=orig,
                    value=f"{seen[canon]!r} and {orig!r}",
                    allowed="each column once",
                )
            )
        seen.setdefault(canon, orig)
    for f in table.fields:
        if f.required and f.name not in seen:
            accepted = ", ".join((f.name, *f.aliases))
            problems.append(
                Problem(
                    label,
                    "required column missing",
                    row=1,
                    column=f.name,
                    hint=f"columns seen: {', '.join(originals)}",
                    allowed=f"a column named one of: {accepted}",
                )
            )
    out = frame.copy(deep=False)
    out.columns = canonical
    return out, problems


def _filter_region(
    name: str, frame: pd.DataFrame, region: str | None, loaded: dict[str, Located]
) -> pd.DataFrame:
    if region is None:
        return frame
    if name in REGIONAL_TABLES and "region_id" in frame.columns:
        return frame[to_text(frame["region_id"]) == region]
    if name in EMPLOYEE_TABLES and "employees" in loaded and "employee_id" in frame.columns:
        ids = loaded["employees"].frame["employee_id"]
        return frame[to_text(frame["employee_id"]).isin(ids)]
    return frame


def _item_fields(
    name: str, frame: pd.DataFrame, loaded: dict[str, Located], label: str, problems: list[Problem]
) -> dict[str, Field]:
    """The feedback columns that answer an item of ``feedback_items``."""
    source = TABLES[name].item_columns_from
    if source is None or source not in loaded:
        return {}
    items = loaded[source].frame
    scale = items.get("scale_max", pd.Series(5, index=items.index)).fillna(5).astype(int)
    by_token = {normalise_token(i): (i, s) for i, s in zip(items["item_id"], scale, strict=True)}
    found: dict[str, Field] = {}
    for column in frame.columns:
        if column in TABLES[name].columns:
            continue
        hit = by_token.get(normalise_token(column))
        if hit is not None:
            item_id, scale_max = hit
            found[column] = Field(
                column, "likert", min=1, max=int(scale_max), description=f"item {item_id}"
            )
    if not found:
        problems.append(
            Problem(
                label,
                "no column answers an item of feedback_items",
                row=1,
                hint=f"columns seen: {', '.join(map(str, frame.columns))}",
                allowed=f"columns named after item_id: {', '.join(items['item_id'].astype(str))}",
            )
        )
    return found


def _parse_columns(name: str, frame: pd.DataFrame, label: str, item_fields: dict[str, Field]):
    """(typed frame, mask of unreadable cells, their problems)."""
    table = TABLES[name]
    fields_ = {f.name: f for f in table.fields} | item_fields
    out: dict[str, pd.Series] = {}
    bad_cells: dict[str, pd.Series] = {}
    problems: list[Problem] = []
    for column in frame.columns:
        raw = frame[column]
        f = fields_.get(column)
        if f is None:
            out[column] = to_text(raw)  # extra columns are kept, as text
            continue
        values, bad = _parse(f, raw)
        out[column] = values
        if bad.any():
            bad_cells[column] = bad
            problems += _bad_cells(f, raw, bad, label)
    parsed = pd.DataFrame(out, index=frame.index)
    ordered = [c for c in table.columns if c in parsed.columns]
    ordered += [c for c in parsed.columns if c not in ordered]
    return parsed[ordered], pd.DataFrame(bad_cells, index=frame.index), problems


def _parse(f: Field, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    if f.kind == "enum":
        return parse_enum(raw, f.enum)
    if f.kind == "int":
        return parse_integers(raw)
    if f.kind == "float":
        return parse_numbers(raw)
    if f.kind == "date":
        return parse_dates(raw)
    if f.kind == "bool":
        return parse_booleans(raw)
    if f.kind == "likert":
        return parse_likert(raw, int(f.max or 5))
    values = to_text(raw)
    return values, pd.Series(False, index=raw.index)


_WHAT = {
    "int": "not a whole number",
    "float": "not a number",
    "date": "not a date",
    "bool": "not a yes/no value",
    "likert": "not a Likert answer",
}


def _bad_cells(f: Field, raw: pd.Series, bad: pd.Series, label: str) -> Iterator[Problem]:
    from kompetensi_toolkit.validation import spreadsheet_row

    text = to_text(raw)
    suggestions: dict[str, str | None] = {}
    for idx, value in text[bad].items():
        if f.kind == "enum":
            if value not in suggestions:
                suggestions[value] = suggest_enum_value(f.enum, value)
            near = suggestions[value]
            yield Problem(
                label,
                f"unknown {f.name.replace('_', ' ')}",
                spreadsheet_row(idx),
                f.name,
                value=value,
                hint=f"did you mean {near!r}?" if near else None,
                allowed=", ".join(ENUMS[f.enum].values),
            )
        else:
            allowed = f.allowed()
            if f.kind == "likert":
                allowed = f"1 to {int(f.max or 5)} or a label such as 'Setuju', 'Sangat Baik'"
            yield Problem(
                label, _WHAT[f.kind], spreadsheet_row(idx), f.name, value=value, allowed=allowed
            )
