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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np
import pandas as pd

from kompetensi_toolkit import config, identity, runcache
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
    ITEM_ID_PATTERN,
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

    ``employee_id`` holds keyed pseudonyms (:mod:`kompetensi_toolkit.identity`),
    the same in every table, and ``employees`` has no ``name`` column: names
    are in :attr:`staff_names`, for scrubbing comments only.

    A dataset loaded with ``tables=`` (:func:`load_dataset`) holds ``None`` for
    every table not asked for, whether or not the contract requires it; with
    ``columns=`` a table holds only the columns asked for (plus the keys its
    rows were picked by). :attr:`loaded` names the tables read.
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
    #: Staff names, kept out of every table: only for scrubbing free text.
    staff_names: tuple[str, ...] = field(default=(), repr=False)
    #: Whether ``employee_id`` holds keyed pseudonyms (the default) or the raw ids.
    pseudonymised: bool = True
    #: The tables read (every table of the contract unless ``tables=`` chose some).
    loaded: tuple[str, ...] = field(default=TABLE_ORDER, repr=False)

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
        if self.regions is None:
            raise ParameterError(
                "Dataset.region_row needs the 'regions' table, which this dataset was loaded "
                f"without (tables={self.loaded!r}). Load it with 'regions' among the tables."
            )
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


def load_dataset(
    path: str | Path | None = None,
    region: str | None = None,
    *,
    pseudonymise: bool = True,
    tables: Iterable[str] | None = None,
    columns: Mapping[str, Iterable[str]] | None = None,
) -> Dataset:
    """Read, normalise and validate a dataset folder.

    Parameters
    ----------
    path
        The dataset folder; relative paths are resolved as
        :func:`kompetensi_toolkit.config.resolve_data_dir` does (``None``:
        the default sample).
    region
        A ``region_id``: read and validate only that region's rows. On a
        dataset partitioned by region only that region's partition files are
        opened (plus the shared tables).
    pseudonymise
        Replace every ``employee_id`` by its keyed hash
        (:func:`kompetensi_toolkit.identity.pseudonymise`, key from
        :func:`~kompetensi_toolkit.identity.resolve_key`). Only for work that
        must match raw NIPs (e.g. linking to another register) pass ``False``;
        names are dropped from the tables either way.
    tables
        The tables to read (default: all). The others are not read at all and
        are ``None`` in the result; a table needed to pick one region's rows
        (``employees`` for ``assessments`` …) or to read another
        (``feedback_items`` for ``feedback``) is read for that purpose only.
    columns
        Table name → the canonical columns to read of it (default: all
        columns of every table read). Other columns are not read from Parquet
        or parsed from CSV; only what is read is validated (a required column
        not asked for is not required). The keys needed to pick a region's
        rows (``region_id``, ``employee_id``) are read as well. For national
        work, e.g. ``tables=("employees", "assessments"), columns={"employees":
        ["employee_id", "region_id", "position_type"]}``.

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
    ParameterError
        ``tables`` or ``columns`` names a table or column the contract does
        not have (the message lists those allowed).

    Notes
    -----
    Inside a run of reports (``kompetensi run``), a region's first load is
    shared with the region's other reports, which then read neither the files
    nor the contract again unless a file changed (see
    :mod:`kompetensi_toolkit.runcache`).

    Examples
    --------
    >>> import tempfile
    >>> from kompetensi_toolkit.sample import write_sample_dataset
    >>> folder = write_sample_dataset(f"{tempfile.mkdtemp()}/data", scale=0.02)
    >>> ds = load_dataset(folder, tables=["employees"], pseudonymise=False,
    ...                   columns={"employees": ["region_id", "position_type"]})
    >>> list(ds.employees.columns), ds.assessments is None, ds.loaded
    (['region_id', 'position_type'], True, ('employees',))
    """
    selection = _selection(tables, columns, "load_dataset")
    shared = _shared_entry(path, region, selection, pseudonymise)
    if shared is not None:
        found = runcache.read(*shared)
        if isinstance(found, Dataset):
            return found
    dataset = _load(path, region, selection, pseudonymise)
    if shared is not None:
        runcache.write(*shared, dataset)
    return dataset


def _shared_entry(
    path: str | Path | None, region: str | None, selection: Selection, pseudonymise: bool
) -> tuple[Path, str, str] | None:
    """(folder, name, key) of a region's load in the run's shared folder, or ``None``.

    Only a run of reports shares loads (:mod:`kompetensi_toolkit.runcache`),
    and only of one region: a national load is read where it is used.
    """
    cache = runcache.folder()
    if cache is None or region is None or not re.fullmatch(REGION_ID_PATTERN, str(region)):
        return None
    from kompetensi_toolkit import __version__

    folder = config.resolve_data_dir(path)
    keyed = None
    if pseudonymise:  # the key itself is never written: a keyed digest tells keys apart
        key, _ = identity.resolve_key(protected=(folder,))
        keyed = hashlib.sha256(b"kompetensi-run-cache\0" + key).hexdigest()
    asked = sorted((t, None if c is None else sorted(c)) for t, c in (selection or {}).items())
    parts = (__version__, str(folder), region, asked, keyed)
    return cache, str(region), runcache.entry_key(parts, _sources(folder, str(region)))


def _sources(folder: Path, region: str) -> list[Path]:
    """Every file a load of ``region`` from ``folder`` may read, and each partition folder."""
    found: list[Path] = []
    for name in TABLE_ORDER:
        files, partitioned = _table_source(folder, name)
        found += files
        if partitioned is not None:
            base = partitioned / f"region_id={region}"
            found += [base, *sorted(base.rglob("*.parquet"))]
        if TABLES[name].reference:
            found.append(config.REFERENCE_DIR / f"{name}.csv")
    return found


def _load(
    path: str | Path | None, region: str | None, selection: Selection, pseudonymise: bool
) -> Dataset:
    """:func:`load_dataset`, from the files."""
    found, problems, digest = _read_all(path, region, selection)
    if problems:
        raise DataValidationError(problems)
    folder = config.resolve_data_dir(path)
    frames = {name: loc.frame.reset_index(drop=True) for name, loc in found.items()}
    if selection is not None:  # tables read only to pick rows or items are not handed out
        frames = {name: frame for name, frame in frames.items() if name in selection}
    names: tuple[str, ...] = ()
    if "employees" in frames and "name" in frames["employees"]:
        names = tuple(frames["employees"]["name"].dropna().astype(str).unique())
        frames["employees"] = frames["employees"].drop(columns="name")
    if pseudonymise:
        key, _ = identity.resolve_key(protected=(folder,))
        frames = _pseudonymised(frames, key)
    loaded = tuple(n for n in TABLE_ORDER if n in frames)
    return Dataset(path=folder, region=region, data_hash=digest, staff_names=names,
                   pseudonymised=bool(pseudonymise), loaded=loaded,
                   **{name: frames.get(name) for name in TABLE_ORDER})  # fmt: skip


#: What ``tables=`` / ``columns=`` ask for: table → its columns (``None``: all), or ``None``.
Selection = dict[str, frozenset[str] | None] | None


def _selection(
    tables: Iterable[str] | None, columns: Mapping[str, Iterable[str]] | None, func: str
) -> Selection:
    """The tables and columns asked for, checked against the data contract.

    Examples
    --------
    >>> _selection(None, None, "f") is None
    True
    >>> _selection(["regions"], {"regions": ["name"]}, "f")
    {'regions': frozenset({'name'})}
    >>> try:
    ...     _selection(None, {"employees": ["nip"]}, "f")
    ... except ParameterError as err:
    ...     print(str(err)[:80])
    The 'columns' parameter of f names column 'nip' that table employees does not ha
    """
    if tables is None and columns is None:
        return None
    if isinstance(tables, str):
        tables = [tables]
    names = list(TABLE_ORDER) if tables is None else [str(t) for t in tables]
    allowed_tables = ", ".join(TABLE_ORDER)
    for name in names:
        if name not in TABLES:
            raise ParameterError(
                f"The 'tables' parameter of {func} names table {name!r}, which the data "
                f"contract does not have. Allowed: {allowed_tables}. Got {name!r} instead."
            )
    if not names:
        raise ParameterError(
            f"The 'tables' parameter of {func} must name at least one table ({allowed_tables}), "
            "or be None for all of them. Got an empty list instead."
        )
    if columns is not None and not isinstance(columns, Mapping):
        raise ParameterError(
            f"The 'columns' parameter of {func} must map table names to lists of columns, "
            f"e.g. {{'employees': ['employee_id', 'region_id']}}. Got {columns!r} instead."
        )
    chosen: dict[str, frozenset[str] | None] = {name: None for name in names}
    for name, wanted in (columns or {}).items():
        if name not in chosen:
            allowed = allowed_tables if tables is None else ", ".join(chosen)
            raise ParameterError(
                f"The 'columns' parameter of {func} names table {name!r}, which "
                f"{'the data contract does not have' if name not in TABLES else 'is not read'}"
                f". Allowed: {allowed}. Got {name!r} instead."
            )
        if isinstance(wanted, str):
            wanted = [wanted]
        wanted = [str(c) for c in wanted]
        table = TABLES[name]
        allowed = ", ".join(table.columns)
        if table.item_columns_from is not None:
            allowed += f" and the item_id of each row of {table.item_columns_from}"
        if not wanted:
            raise ParameterError(
                f"The 'columns' parameter of {func} must name at least one column of {name}. "
                f"Allowed: {allowed}. Got an empty list instead."
            )
        for column in wanted:
            item = table.item_columns_from is not None and re.fullmatch(ITEM_ID_PATTERN, column)
            if column not in table.columns and not item:
                raise ParameterError(
                    f"The 'columns' parameter of {func} names column {column!r} that table "
                    f"{name} does not have. Allowed: {allowed}. Got {column!r} instead."
                )
        chosen[name] = frozenset(wanted)
    return chosen


def _pseudonymised(frames: dict[str, pd.DataFrame], key: bytes) -> dict[str, pd.DataFrame]:
    """``employee_id`` hashed in every table; each distinct id is hashed once."""
    holders = [n for n, f in frames.items() if f is not None and "employee_id" in f]
    if not holders:
        return frames
    ids = pd.Index(
        pd.unique(pd.concat([frames[n]["employee_id"].drop_duplicates() for n in holders]))
    )
    hashed = identity.pseudonymise(pd.Series(ids, dtype="object"), key).to_numpy()
    hashed = np.append(hashed, None)  # position -1: a missing id stays missing
    out = dict(frames)
    for name in holders:
        codes = ids.get_indexer(frames[name]["employee_id"])
        out[name] = frames[name].assign(employee_id=pd.array(hashed[codes], dtype="string"))
    return out


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

    A flat dataset is read once. Only when it has problems is each region read
    again on its own, to say which regions they stop: one region's broken
    rows then fail that region's reports, not everyone's.

    A dataset partitioned by region (``<table>/region_id=<id>/``) is read one
    region at a time, each from its own partition files plus the shared
    tables (read and validated once), so that memory holds one region, not
    the country; other regions' partitions are not opened, and ``elsewhere``
    is then empty (problems across regions, such as one NIP in two regions,
    are not looked for).

    Examples
    --------
    >>> import tempfile
    >>> from kompetensi_toolkit.sample import write_sample_dataset
    >>> folder = write_sample_dataset(f"{tempfile.mkdtemp()}/data", scale=0.02)
    >>> check = check_regions(folder, ["ambon", "plaju"])
    >>> check.problems, check.elsewhere, sorted(check.digests)
    ({}, [], ['ambon', 'plaju'])
    >>> check.digests["ambon"] != check.digests["plaju"]
    True
    """
    if is_partitioned(path):
        return _check_partitioned(path, regions)
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


def is_partitioned(path: str | Path | None) -> bool:
    """Whether a dataset folder holds a table partitioned by region (``<table>/region_id=…``).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> is_partitioned(folder)
    False
    >>> (folder / "employees" / "region_id=ambon").mkdir(parents=True)
    >>> is_partitioned(folder)
    True
    """
    folder = _existing_folder(path)
    return any((folder / name).is_dir() for name in _SPLIT_TABLES)


def _check_partitioned(path: str | Path | None, regions: list[str]) -> RegionCheck:
    """:func:`check_regions` region by region: one region's tables in memory at a time."""
    folder = _existing_folder(path)
    # With every regional table partitioned, the bytes a region's load reads (its partition
    # files and the shared tables) are exactly what its reports read: their hash, the
    # data_hash of load_dataset(path, region), is its digest, at no cost. A regional table
    # kept flat holds every region's rows: then only the rows' own hash says what changed.
    by_files = not any(_table_source(folder, name)[0] for name in _SPLIT_TABLES)
    shared: dict[str, tuple[Located | None, list[Problem], list[bytes]]] = {}
    own: dict[str, list[Problem]] = {}
    digests: dict[str, str] = {}
    for region in regions:
        tables, problems, digest = _read_all(folder, region, shared=shared)
        if problems:
            own[region] = problems
        digests[region] = digest if by_files else _region_digests(tables, [region])[region]
        del tables  # the next region replaces this one; nothing national is kept
    return RegionCheck(own, [], digests)


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


#: Tables whose rows belong to one region (directly or through employee_id).
_SPLIT_TABLES = REGIONAL_TABLES + EMPLOYEE_TABLES


class _Recorder:
    """Stands in for a hasher and keeps what it was fed, to feed a hasher later."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def update(self, data: bytes) -> None:
        self.chunks.append(bytes(data))


def _read_all(
    path: str | Path | None,
    region: str | None,
    selection: Selection = None,
    *,
    shared: dict[str, tuple[Located | None, list[Problem], list[bytes]]] | None = None,
) -> tuple[dict[str, Located], list[Problem], str]:
    """(tables read, every problem, fingerprint of the bytes read).

    ``shared``, when given, keeps the tables that are the same for every
    region (read once, then reused) between calls for different regions.
    """
    folder = _existing_folder(path)
    if region is not None and not re.fullmatch(REGION_ID_PATTERN, str(region)):
        raise ParameterError(
            f"The 'region' parameter of load_dataset must be a region_id (lower-case letters, "
            f"digits, '-' and '_'). Got {region!r} instead."
        )
    plan = _plan(folder, region, selection)
    hasher = hashlib.sha256()
    problems: list[Problem] = []
    tables: dict[str, Located] = {}
    for name in TABLE_ORDER:
        if name not in plan:
            continue
        if shared is not None and name not in _SPLIT_TABLES:
            if name not in shared:
                recorder, found = _Recorder(), []
                located = _load_table(name, folder, region, tables, found, recorder, plan[name])
                shared[name] = (located, found, recorder.chunks)
            located, found, chunks = shared[name]
            problems += found
            for chunk in chunks:
                hasher.update(chunk)
        else:
            located = _load_table(name, folder, region, tables, problems, hasher, plan[name])
        if located is not None:
            tables[name] = located
    if region is not None and "regions" in tables:
        regions = tables["regions"].frame
        if not (regions["region_id"] == region).any():
            raise UnknownRegionError(_unknown_region_message(region, regions, folder))
    problems += check_references(tables)
    if "employees" in tables:
        problems += _nip_problems(tables["employees"])
    order = {tables[n].file if n in tables else f"{n}.csv": i for i, n in enumerate(TABLE_ORDER)}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.row or 0))
    for name in TABLE_ORDER:  # required tables stand in for their empty parts
        if name in plan and name not in tables and TABLES[name].required:
            empty = _empty_frame(TABLES[name])
            if plan[name] is not None:
                empty = empty[[c for c in empty.columns if c in plan[name]]]
            tables[name] = Located(name, empty, f"{name}.csv")
    return tables, problems, hasher.hexdigest()


def _plan(folder: Path, region: str | None, selection: Selection) -> dict[str, frozenset | None]:
    """Table → columns to read (``None``: all): what was asked plus what reading it needs.

    Picking one region's rows of a flat table needs its ``region_id`` (or,
    for the employee tables, ``employee_id`` and the employees' regions);
    checking ``region`` needs ``regions``; ``feedback`` needs its items.
    """
    if selection is None:
        return {name: None for name in TABLE_ORDER}
    plan: dict[str, frozenset | None] = dict(selection)

    def need(name: str, columns: tuple[str, ...] | None) -> None:
        if name in plan and plan[name] is None:
            return
        plan[name] = None if columns is None else (plan.get(name) or frozenset()) | set(columns)

    if "feedback" in plan:
        need("feedback_items", None)
    if region is not None:
        need("regions", ("region_id",))
        for name in list(plan):
            if (folder / name).is_dir() or name not in _SPLIT_TABLES:
                continue  # a partitioned table is read for the region only, whatever it holds
            if name in REGIONAL_TABLES:
                need(name, ("region_id",))
            else:
                need(name, ("employee_id",))
                need("employees", ("employee_id", "region_id"))
    return plan


def _nip_problems(employees: Located) -> list[Problem]:
    """An 18-digit-ish ``employee_id`` that breaks the PNS or PPPK NIP layout."""
    frame = employees.frame
    if "employee_id" not in frame:
        return []
    status = frame.get("employment_status")
    found = identity.nip_problems(frame["employee_id"], status)
    return [
        Problem(
            employees.file,
            f"malformed NIP: {why}",
            row=int(i) + 2,
            column="employee_id",
            value=str(frame.at[i, "employee_id"]),
            allowed="an 18-digit NIP: PNS YYYYMMDD YYYYMM G NNN, PPPK YYYYMMDD YYYY KK G NNN",
        )
        for i, why in found.items()
    ]


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
    columns: frozenset[str] | None = None,
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
    if columns is not None:
        _check_item_columns(name, columns, loaded)
    keep = _keeper(name, columns)
    text_cells = False  # a CSV file's cells, read as Python str (or NaN when empty)
    try:
        if files:
            path = files[0]
            label = path.name
            frame = _read_file(path, label, hasher, keep)
            text_cells = path.suffix.lower() == ".csv"
        elif partitioned is not None:
            label = f"{name}/"
            frame = _read_partitioned(partitioned, region, hasher, keep)
            if frame is None:  # no partition for this region: it has no rows here
                return Located(name, _typed_empty(name, columns, loaded, label), label)
            label = _partition_label(partitioned, region)
        elif table.reference:
            path = config.REFERENCE_DIR / f"{name}.csv"
            label = f"{name}.csv (toolkit default)"
            frame = _read_file(path, label, hasher, keep)
            text_cells = True
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

    frame, header_problems = _normalise_headers(name, frame, label, columns)
    problems += header_problems
    if header_problems:
        return None
    if text_cells:  # only the rows kept are made pandas strings, as read_csv(dtype="str") does
        keys = [c for c in ("region_id", "employee_id") if c in frame.columns]
        frame = _filter_region(name, frame.astype(dict.fromkeys(keys, "str")), region, loaded)
        frame = frame.astype("str")
    else:
        frame = _filter_region(name, frame, region, loaded)
    item_fields = _item_fields(name, frame, loaded, label, problems, columns)
    frame, bad_cells, parse_problems = _parse_columns(name, frame, label, item_fields)
    problems += parse_problems
    located = Located(name, frame, label)
    problems += check_table(located, item_fields, already_reported=bad_cells)
    return located


def _keeper(name: str, columns: frozenset[str] | None):
    """Whether a column, as a file names it (``nip``, ``Unit Kerja`` …), is to be read.

    >>> keep = _keeper("employees", frozenset({"employee_id", "unit"}))
    >>> [keep(h) for h in ("NIP", "Unit Kerja", "nama")]
    [True, True, False]
    >>> _keeper("employees", None) is None
    True
    """
    if columns is None:
        return None
    return lambda header: canonical_header(name, str(header)) in columns


def _check_item_columns(name: str, columns: frozenset[str], loaded: dict[str, Located]) -> None:
    """Refuse asked-for columns of ``feedback`` that are neither contract columns nor items."""
    table = TABLES[name]
    source = table.item_columns_from
    extra = sorted(c for c in columns if c not in table.columns)
    if source is None or not extra or source not in loaded:
        return
    items = [str(i) for i in loaded[source].frame["item_id"].dropna()]
    unknown = [c for c in extra if normalise_token(c) not in {normalise_token(i) for i in items}]
    if unknown:
        raise ParameterError(
            f"The 'columns' parameter of load_dataset names column {unknown[0]!r} that table "
            f"{name} does not have. Allowed: {', '.join((*table.columns, *items))}. "
            f"Got {unknown[0]!r} instead."
        )


def _typed_empty(
    name: str, columns: frozenset[str] | None, loaded: dict[str, Located], label: str
) -> pd.DataFrame:
    """No rows, with the columns and dtypes a load of ``name`` gives (items included)."""
    table = TABLES[name]
    names = list(table.columns)
    if table.item_columns_from in loaded:
        names += [str(i) for i in loaded[table.item_columns_from].frame["item_id"].dropna()]
    if columns is not None:
        names = [c for c in names if c in columns]
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in names})
    item_fields = _item_fields(name, frame, loaded, label, [], columns)
    return _parse_columns(name, frame, label, item_fields)[0]


#: Bytes that text files hardly hold (C0 controls but tab, line feed, carriage return).
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])
#: More columns than any table of the contract could use (feedback: one per item).
MAX_COLUMNS = 1000


def _looks_binary(raw: bytes) -> bool:
    """Whether the start of a file holds more control bytes than text ever does.

    >>> _looks_binary(b"PK\\x03\\x04\\x00\\x00junk")
    True
    >>> _looks_binary(b"a,b\\n1,\\x00\\n" + b"3,4\\n" * 9)  # one NUL: reported on its own
    False
    """
    sample = raw[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 2 and controls * 100 > len(sample)


def _line_of(text: str, position: int) -> int:
    """The line (1 = the header) holding ``text[position]``; any of the three line endings.

    >>> _line_of("a\\r\\nb\\rc\\nd", 7)
    4
    """
    before = text[:position]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _decode(raw: bytes, label: str) -> tuple[str, str]:
    """(the text of a CSV file, its codec), refusing binary data, NUL characters and inner BOMs."""
    text, codec = _decode_text(raw, label)
    nul = text.find("\x00")
    if nul >= 0:
        raise _Unreadable(
            Problem(
                label,
                "NUL character in the text",
                row=_line_of(text, nul),
                allowed="text without NUL (\\x00) characters",
                hint="the file was damaged or written by a program that pads with zero bytes",
            )
        )
    bom = text.find("\ufeff", 1)
    if bom >= 0:
        raise _Unreadable(
            Problem(
                label,
                "byte order mark in the middle of the file",
                row=_line_of(text, bom),
                allowed="a byte order mark (U+FEFF) only at the very start of the file",
                hint="were two files joined together? Keep one header row",
            )
        )
    return text, codec


def _decode_text(raw: bytes, label: str) -> tuple[str, str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    elif _looks_binary(raw):
        raise _Unreadable(
            Problem(
                label,
                "not a text file (it holds binary data)",
                allowed="CSV text in UTF-8, UTF-16 or cp1252",
            )
        )
    else:
        try:
            return raw.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("cp1252"), "cp1252"
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


def _read_file(path: Path, label: str, hasher, keep=None) -> pd.DataFrame:
    """One table's file; ``keep`` (a header → bool test) picks the columns to read."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw = path.read_bytes()
        if hasher is not None:
            hasher.update(label.encode() + b"\0" + hashlib.sha256(raw).digest())
        return _read_csv_bytes(raw, label, keep)
    if suffix == ".xlsx":
        if hasher is not None:
            with path.open("rb") as fh:
                hasher.update(label.encode() + b"\0" + hashlib.file_digest(fh, "sha256").digest())
        frame = _read_xlsx(path, label)
        return frame if keep is None else frame.loc[:, [bool(keep(c)) for c in frame.columns]]
    return _read_parquet(path, label, hasher, label, keep)


#: CSV files up to this size are tokenised in one pass (faster); larger ones in chunks, which
#: keeps the parser's buffers small.
_ONE_PASS_BYTES = 64 * 1024 * 1024


def _read_csv_bytes(raw: bytes, label: str, keep=None) -> pd.DataFrame:
    if not raw or raw.isspace():  # not raw.strip(), without copying the file
        raise _Unreadable(Problem(label, "file is empty", allowed="a header row and data rows"))
    text, codec = _decode(raw, label)
    body = text.lstrip("\ufeff")
    if not body or body.isspace():  # blanks, or byte order marks and nothing else
        raise _Unreadable(Problem(label, "file is empty", allowed="a header row and data rows"))
    header = _first_line(body)
    delimiter = max(_DELIMITERS, key=header.count)
    names = _header_names(header, delimiter)
    _check_width(len(names), label)
    positions = None  # every column; else only those asked for are parsed
    if keep is not None:
        positions = [i for i, name in enumerate(names) if keep(name)] or [0]
        names = [names[i] for i in positions]
    utf8 = codec == "utf-8-sig"  # UTF-8 is parsed as it is: text would be encoded back to it
    source = io.BytesIO(raw) if utf8 else io.StringIO(text)
    try:
        frame = pd.read_csv(
            source,
            encoding=codec if utf8 else None,
            sep=delimiter,
            dtype=object,  # made pandas strings by _load_table, once rows are picked
            keep_default_na=False,
            na_values=[""],
            skipinitialspace=True,
            quoting=csv.QUOTE_MINIMAL,
            usecols=positions,
            low_memory=len(raw) > _ONE_PASS_BYTES,
        )
    except pd.errors.EmptyDataError:
        raise _Unreadable(
            Problem(label, "file is empty", allowed="a header row and data rows")
        ) from None
    except pd.errors.ParserError as err:
        unclosed = re.search(r"EOF inside string starting at row (\d+)", str(err))
        if unclosed:
            raise _Unreadable(
                Problem(
                    label,
                    "a quote opens here and is never closed",
                    row=int(unclosed.group(1)) + 1,
                    allowed='quotes in pairs around a value ("…"); a quote inside one doubled ("")',
                    hint="everything after it was read as one value",
                )
            ) from None
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
    if len(names) == len(frame.columns):  # pandas renames a repeated "unit" to "unit.1"
        frame.columns = [name or column for name, column in zip(names, frame.columns, strict=True)]
    # rows of empty cells (",,,"), as Excel leaves them; only a row whose first cell is empty
    # can be one (dropna over every cell costs more than reading the file)
    if frame.empty or frame.iloc[:, 0].isna().any():
        frame = frame.dropna(how="all")
    if frame.empty:
        raise _Unreadable(
            Problem(label, "file has a header but no data rows", allowed="at least one data row")
        )
    return frame


def _first_line(text: str) -> str:
    """``text.splitlines()[0]`` without splitting the whole file.

    >>> _first_line("a;b\\r\\n1;2\\n"), _first_line("a\\x0cb\\nc"), _first_line("\\nx")
    ('a;b', 'a', '')
    """
    end = text.find("\n")
    return (text if end < 0 else text[: end + 1]).splitlines()[0]


def _header_names(header: str, delimiter: str) -> list[str]:
    """The column names of a CSV header line, as written (blanks stripped).

    >>> _header_names('nip; "unit" ;nip', ";")
    ['nip', 'unit', 'nip']
    """
    row = next(csv.reader([header], delimiter=delimiter, skipinitialspace=True), [])
    return [name.strip() for name in row]


def _check_width(n_columns: int, label: str) -> None:
    """Refuse a table wider than :data:`MAX_COLUMNS` before parsing each column."""
    if n_columns > MAX_COLUMNS:
        raise _Unreadable(
            Problem(
                label,
                "too many columns",
                row=1,
                value=f"{n_columns:,} columns",
                allowed=f"at most {MAX_COLUMNS:,} columns",
                hint="is this the right file, or was a row saved as a column?",
            )
        )


def _read_xlsx(path: Path, label: str) -> pd.DataFrame:
    """The table on a workbook's first sheet (header in row 1).

    When the first sheet lacks the table's required columns and another sheet
    has them, the message names that sheet.
    """
    try:
        with pd.ExcelFile(path, engine="openpyxl") as book:
            sheets = book.sheet_names
            frame = _sheet_table(pd.read_excel(book, sheets[0], header=None, dtype=object))
            if not _has_required_columns(path.stem, frame) and len(sheets) > 1:
                for sheet in sheets[1:]:
                    other = pd.read_excel(book, sheet, header=None, dtype=object)
                    if _has_required_columns(path.stem, _sheet_table(other)):
                        raise _Unreadable(
                            Problem(
                                label,
                                f"the table is on sheet {sheet!r}, not on the first sheet "
                                f"{sheets[0]!r}",
                                allowed="the table on the first sheet of the workbook",
                                hint=f"move sheet {sheet!r} to the front",
                            )
                        )
    except _Unreadable:
        raise
    except Exception as err:  # zipfile, openpyxl and lxml raise many kinds for a damaged file
        raise _Unreadable(
            Problem(
                label,
                "not a readable Excel workbook",
                allowed="an .xlsx file saved by Excel or LibreOffice",
                hint=_damaged_hint(path, b"PK", "workbook"),
            )
        ) from err
    _check_width(len(frame.columns), label)
    if frame.empty:
        raise _Unreadable(
            Problem(
                label,
                "workbook's first sheet has no data rows",
                allowed="a header row and data rows on the first sheet",
            )
        )
    return frame


def _sheet_table(sheet: pd.DataFrame) -> pd.DataFrame:
    """A sheet read without a header, as a table: row 1 names the columns.

    Names are kept as written, repeats included (pandas would rename a second
    ``unit`` to ``unit.1``); the index stays ``spreadsheet row - 2``.

    >>> raw = pd.DataFrame([["nip", "unit", "nip"], ["1", "A", "2"], [None, None, None]])
    >>> t = _sheet_table(raw)
    >>> list(t.columns), t.index.tolist()
    (['nip', 'unit', 'nip'], [0])
    """
    if sheet.empty:
        return pd.DataFrame()
    names = [f"Unnamed: {i}" if pd.isna(v) else str(v).strip() for i, v in enumerate(sheet.iloc[0])]
    frame = sheet.iloc[1:].dropna(how="all")
    frame.columns = names
    frame.index = frame.index - 1
    return frame


def _has_required_columns(name: str, frame: pd.DataFrame) -> bool:
    """Whether ``frame`` has every required column of table ``name`` (any accepted header)."""
    table = TABLES.get(name.lower())
    if table is None:
        return True
    have = {canonical_header(table.name, str(c)) for c in frame.columns}
    return set(table.required_columns) <= have


def _damaged_hint(path: Path, magic: bytes, kind: str) -> str:
    """Why a binary file may not open: cut short, or not that kind of file at all."""
    with path.open("rb") as fh:
        start = fh.read(4096)
    if start.startswith(magic):
        return f"the {kind} is damaged or cut short: open it and save it again"
    if start and not _looks_binary(start):
        return f"it holds text, not a {kind}: if it is CSV, name it {path.stem}.csv"
    return f"it is not a {kind}: save the table again in that format"


def _read_parquet(
    path: Path, label: str, hasher=None, hash_label: str | None = None, keep=None
) -> pd.DataFrame:
    """A Parquet file (only the columns ``keep`` accepts), fed to ``hasher`` as read.

    The file is opened here, through Python, and handed to pyarrow as a file
    object: every Parquet file a load reads is then one ``open`` audit event
    (:func:`sys.addaudithook`), which is how the tests count them. With
    ``keep``, the other columns' bytes are not read, not even to hash them.
    """
    try:
        with path.open("rb") as fh:
            chosen = footer = None
            if keep is not None:
                footer = _parquet_footer(fh)
                chosen = [n for n in footer[1].schema.to_arrow_schema().names if keep(n)]
            if hasher is not None:
                fh.seek(0)
                digest = (
                    hashlib.file_digest(fh, "sha256").digest()
                    if footer is None or chosen is None
                    else _chunks_digest(fh, footer, chosen)
                )
                hasher.update((hash_label or label).encode() + b"\0" + digest)
            fh.seek(0)
            frame = pd.read_parquet(fh, columns=chosen)
    except Exception as err:  # pyarrow raises several kinds for a damaged file
        raise _Unreadable(
            Problem(
                label,
                "not a readable Parquet file",
                allowed="a .parquet file written by pandas, pyarrow, Spark or DuckDB",
                hint=_damaged_hint(path, b"PAR1", "Parquet file"),
            )
        ) from err
    _check_width(len(frame.columns), label)
    if frame.empty:
        raise _Unreadable(Problem(label, "file has no data rows", allowed="at least one row"))
    return frame.reset_index(drop=True)


def _parquet_footer(fh):
    """(the footer's bytes, its parsed metadata): schema, row groups and where each chunk lies.

    Read with two small reads at the end of the file; pyarrow parses the bytes
    without touching the file again.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    fh.seek(-8, io.SEEK_END)
    tail = fh.read(8)
    if len(tail) != 8 or tail[4:] != b"PAR1":
        raise ValueError("no Parquet footer")
    size = int.from_bytes(tail[:4], "little")
    fh.seek(-8 - size, io.SEEK_END)
    raw = fh.read(size)
    return raw, pq.read_metadata(pa.BufferReader(raw + tail))


def _chunks_digest(fh, footer, columns: list[str]) -> bytes:
    """SHA-256 of what reading ``columns`` of a Parquet file reads: footer and their chunks.

    A change to those columns changes it; the other columns' bytes are never
    read (a change there changes only the footer's statistics, if anything).
    """
    raw, meta = footer
    digest = hashlib.sha256(raw)
    wanted = set(columns)
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        for c in range(group.num_columns):
            chunk = group.column(c)
            if chunk.path_in_schema.split(".")[0] not in wanted:
                continue
            fh.seek(min(o for o in (chunk.dictionary_page_offset, chunk.data_page_offset) if o))
            left = chunk.total_compressed_size
            while left > 0:
                block = fh.read(min(left, 1 << 20))
                if not block:
                    break
                digest.update(block)
                left -= len(block)
    return digest.digest()


def _partition_label(folder: Path, region: str | None) -> str:
    """How problems of a partitioned table name it: its one file when there is one.

    Rows are then counted in that file (2 = its first row, as in a spreadsheet).
    """
    base = folder / f"region_id={region}" if region is not None else folder
    files = sorted(base.rglob("*.parquet"))
    if len(files) == 1:
        return f"{folder.name}/{files[0].relative_to(folder).as_posix()}"
    return f"{folder.name}/{base.relative_to(folder).as_posix()}/".replace("/./", "/")


def _read_partitioned(folder: Path, region: str | None, hasher, keep=None) -> pd.DataFrame | None:
    """A Parquet dataset partitioned by ``region_id``; one region reads one folder.

    ``None`` when ``region`` has no partition (no rows in this table).
    """
    base = folder / f"region_id={region}" if region is not None else folder
    files = sorted(base.rglob("*.parquet")) if base.is_dir() else []
    label = f"{folder.name}/"
    if not files:
        if region is not None:
            return None
        raise _Unreadable(
            Problem(
                label, "partitioned table has no Parquet files", allowed="region_id=<id>/*.parquet"
            )
        )
    parts = []
    for f in files:
        relative = f.relative_to(folder)
        part = _read_parquet(f, f"{label}{relative}", hasher, str(relative), keep)
        key = relative.parts[0]
        wanted = keep is None or keep("region_id")
        if wanted and "region_id" not in part.columns and key.startswith("region_id="):
            part["region_id"] = key.split("=", 1)[1]
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


# ---------------------------------------------------------------------------
# Normalising.
# ---------------------------------------------------------------------------


def _normalise_headers(
    name: str, frame: pd.DataFrame, label: str, columns: frozenset[str] | None = None
):
    table = TABLES[name]
    originals = [str(c) for c in frame.columns]
    canonical = [canonical_header(name, c) for c in originals]
    problems = []
    seen: dict[str, str] = {}
    for orig, canon in zip(originals, canonical, strict=True):
        if canon in seen:
            same = orig == seen[canon]
            problems.append(
                Problem(
                    label,
                    "column appears twice" if same else f"two columns mean {canon}",
                    row=1,
                    column=orig,
                    value=orig if same else f"{seen[canon]!r} and {orig!r}",
                    allowed="each column once",
                )
            )
        seen.setdefault(canon, orig)
    for f in table.fields:
        if f.required and f.name not in seen and (columns is None or f.name in columns):
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
        return frame[_isin_text(to_text(frame["employee_id"]), ids)]
    return frame


def _isin_text(values: pd.Series, targets: pd.Series) -> np.ndarray:
    """``values.isin(targets)`` for text, by one Arrow hash lookup.

    pandas builds an Arrow scalar per target in Python first. As there, a
    missing value is in ``targets`` when a target is missing too.

    >>> t = pd.Series(["a", "b"], dtype="str")
    >>> _isin_text(pd.Series(["b", "c", None], dtype="str"), t).tolist()
    [True, False, False]
    >>> with_missing = pd.Series(["a", None], dtype="str")
    >>> _isin_text(pd.Series(["b", None], dtype="str"), with_missing).tolist()
    [False, True]
    """
    arrow = all(
        isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow"
        for s in (values, targets)
    )
    if not arrow:
        return values.isin(targets).to_numpy(dtype=bool)
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.is_in(pa.array(values.array), value_set=pa.array(targets.unique()))
    return np.asarray(found, dtype=bool)


def _item_fields(
    name: str,
    frame: pd.DataFrame,
    loaded: dict[str, Located],
    label: str,
    problems: list[Problem],
    columns: frozenset[str] | None = None,
) -> dict[str, Field]:
    """The feedback columns that answer an item of ``feedback_items``.

    Having none is a problem, unless the columns asked for hold no item.
    """
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
    if not found and (columns is None or columns - set(TABLES[name].columns)):
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
    done: dict[tuple, tuple[pd.Series, pd.Series]] = {}  # the feedback items share answers
    for column in frame.columns:
        raw = frame[column]
        f = fields_.get(column)
        if f is None:
            out[column] = to_text(raw)  # extra columns are kept, as text
            continue
        values, bad = _parse_distinct(f, raw, done)
        out[column] = values
        if bad.any():
            bad_cells[column] = bad
            problems += _bad_cells(f, raw, bad, label)
    parsed = pd.DataFrame(out, index=frame.index)
    ordered = [c for c in table.columns if c in parsed.columns]
    ordered += [c for c in parsed.columns if c not in ordered]
    return parsed[ordered], pd.DataFrame(bad_cells, index=frame.index), problems


def _parse_distinct(
    f: Field, raw: pd.Series, done: dict[tuple, tuple[pd.Series, pd.Series]]
) -> tuple[pd.Series, pd.Series]:
    """:func:`_parse` of the distinct texts of ``raw`` only, spread back to every row.

    A parser reads each cell on its own, and what it decides for a whole
    column (decimal commas) hangs on which values occur, never on how often;
    so this gives what parsing every cell gives, for the cost of a few
    hundred cells. ``done`` keeps the result for the same texts and field
    kind, for the next column that has them (the Likert answers of the
    feedback items).

    >>> raw = pd.Series(["3,5", "4", None, "3,5"], index=[5, 6, 7, 8], dtype="str")
    >>> values, bad = _parse_distinct(Field("x", "float"), raw, {})
    >>> values.tolist(), values.index.tolist(), bad.tolist()
    ([3.5, 4.0, nan, 3.5], [5, 6, 7, 8], [False, False, False, False])
    """
    if f.kind == "str" or not isinstance(raw.dtype, pd.StringDtype):
        return _parse(f, raw)
    codes, uniques = pd.factorize(raw, sort=True, use_na_sentinel=True)
    texts = uniques.to_numpy(dtype=object)
    key = (f.kind, f.enum, f.max if f.kind == "likert" else None, raw.dtype, tuple(texts))
    if key not in done:  # the distinct texts, then a missing value (code -1)
        done[key] = _parse(f, pd.Series(np.append(texts, None), dtype=raw.dtype))
    values, bad = done[key]
    codes = np.where(codes < 0, len(uniques), codes)  # the last distinct value: missing
    return (
        pd.Series(values.array.take(codes), index=raw.index, name=raw.name),
        pd.Series(bad.to_numpy(dtype=bool)[codes], index=raw.index, name=raw.name),
    )


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
