"""A hostile variant of the synthetic sample, for testing what reports let through.

:func:`generate_hostile` takes the tables of
:func:`kompetensi_toolkit.sample.generate_sample` and plants, in one region
(:data:`HOSTILE_REGION`), everything a shared report must neither leak nor run:

- real-looking NIPs (the region's own PNS and PPPK ``employee_id`` values,
  compact and spaced), staff names (two of them with an apostrophe and
  non-ASCII letters), e-mail addresses and phone numbers, in feedback comments;
- markup that would execute if it reached a page unescaped (``<script>``,
  ``<img onerror>``, ``"><svg onload>``, ``javascript:`` links) and Markdown /
  LaTeX tricks (``$$``, ``[x](javascript:…)``, ``<!--``, ``**``, ``|``), in
  comments and in unit, programme, competency and region names;
- a unit of exactly two people;
- a 10 000-character unit name and a 10 000-character comment.

The data still meets the data contract, so a full run goes through.
:func:`write_hostile_dataset` writes the tables as CSV files (atomically, like
the sample); :class:`Planted` lists what was planted, for tests to look for.
Everything is synthetic and deterministic: the same ``seed`` and ``scale``
give byte-identical files.

Examples
--------
>>> tables, planted = generate_hostile(scale=0.05)
>>> planted.small_unit in set(tables["employees"]["unit"])
True
>>> int((tables["employees"]["unit"] == planted.small_unit).sum())
2
>>> len(planted.long_unit), len(planted.long_comment)
(10000, 10000)
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kompetensi_toolkit import config, sample
from kompetensi_toolkit.exceptions import ParameterError

__all__ = ["HOSTILE_REGION", "Planted", "generate_hostile", "write_hostile_dataset"]

#: The region whose rows carry the hostile values (big enough at scale 0.05 for
#: every report to show tables, quotes and charts).
HOSTILE_REGION = "tanjungpinang"

#: Markup that runs in a browser if it reaches a page unescaped.
SCRIPT_PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    '<a href="javascript:alert(1)">tautan</a>',
)
#: Markdown and LaTeX that would be interpreted if not escaped.
MARKDOWN_TRICKS: tuple[str, ...] = (
    "[klik](javascript:alert(1))",
    "$$\\int_0^1 x\\,dx$$",
    "<!-- ",
    "**tebal** _miring_ `kode` | a | b |",
)

#: Unit renames, applied to the region's largest units in order of headcount.
_UNIT_NAMES: tuple[str | None, ...] = (
    "Dinas Kesehatan <script>alert(1)</script>",
    'RSUD "><svg onload=alert(1)> <img src=x onerror=alert(1)>',
    "Sekretariat [Daerah](javascript:alert(1)) $$x^2$$ <!-- ",
    None,  # the long name, see _long_text
    "Dinas Lingkungan Hidup d'Bintan — Ñusantara ü 'Kepri'",
)
#: A new unit that takes exactly two people.
SMALL_UNIT = "UPT Pengelolaan Makam Khusus"
#: Programme renames, applied to the programmes the region takes part in most.
_PROGRAMME_NAMES: tuple[str, ...] = (
    "Pelatihan <script>alert(1)</script> Pelayanan Publik",
    "Bimtek <img src=x onerror=alert(1)> [SIAK](javascript:alert(1))",
    'Coaching "><svg onload=alert(1)> $$\\frac{1}{2}$$ <!-- ',
)
_COMPETENCY = ("T.01", "Literasi Digital <b>*tebal*</b> & `kode` $x$ <img src=x onerror=alert(1)>")
_REGION_NAME = "Kota Tanjungpinang <script>alert('wilayah')</script>"
_PROVINCE = "Kepulauan Riau 'Kepri' <img src=x onerror=alert(1)>"
#: Staff names given to two of the region's employees (and named in comments).
_ODD_NAMES: tuple[str, ...] = ("Ni'matul Ḥusna Siregar", "Martin O'Neil Situmorang")
#: Share of the region's feedback rows that get a hostile comment.
_COMMENT_SHARE = 0.7
_LONG = 10_000
#: Fewer employees leave too few units and comments to plant into.
_MIN_EMPLOYEES = 100


@dataclass(frozen=True)
class Planted:
    """What :func:`generate_hostile` planted, for tests and audits to look for.

    Attributes
    ----------
    region_id
        The region holding the hostile rows.
    nips
        NIPs written into comments: compact PNS and PPPK ones, and the spaced
        form of a PNS one (``YYYYMMDD YYYYMM G NNN``).
    names
        Staff names (as in ``employees.name`` without degrees) written into comments.
    emails, phones
        Contact details written into comments.
    units
        The hostile unit names (including :attr:`long_unit`).
    programmes
        The hostile programme names.
    small_unit
        The unit of exactly two people.
    long_unit, long_comment
        The two 10 000-character strings.
    """

    region_id: str
    nips: tuple[str, ...]
    names: tuple[str, ...]
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    units: tuple[str, ...]
    programmes: tuple[str, ...]
    small_unit: str
    long_unit: str
    long_comment: str


def generate_hostile(
    seed: int = config.DEFAULT_SEED, scale: float = 1.0
) -> tuple[dict[str, pd.DataFrame], Planted]:
    """The synthetic sample with hostile values planted in :data:`HOSTILE_REGION`.

    Parameters
    ----------
    seed
        Seed of every random draw (the sample's and the planting's).
    scale
        Multiplies every unit's headcount, as for the sample; must be > 0 and
        leave the region at least 100 employees (``scale=0.05`` gives 212).

    Returns
    -------
    tables : dict of str to pandas.DataFrame
        Every table of the data contract, as :func:`~kompetensi_toolkit.sample.generate_sample`.
    planted : Planted
        What was planted.

    Raises
    ------
    ParameterError
        ``seed`` or ``scale`` is out of range, or ``scale`` leaves the region
        too few employees to plant into.

    Examples
    --------
    >>> tables, planted = generate_hostile(scale=0.05)
    >>> regions = tables["regions"].set_index("region_id")
    >>> regions.loc["tanjungpinang", "name"]
    "Kota Tanjungpinang <script>alert('wilayah')</script>"
    >>> comments = tables["feedback"]["comment"]
    >>> any(planted.nips[0] in c for c in comments)
    True
    >>> generate_hostile(scale=0.001)
    Traceback (most recent call last):
    ...
    kompetensi_toolkit.exceptions.ParameterError: The 'scale' parameter of generate_hostile
    must leave region 'tanjungpinang' at least 100 employees to plant into. Got 0.001
    instead (34 employees); use a scale of at least 0.05.
    """
    sample._check_arguments("generate_hostile", seed, scale)
    tables = sample.generate_sample(seed, scale)
    rng = np.random.default_rng([int(seed), 8, 2026])
    region = HOSTILE_REGION
    emp = tables["employees"]
    mine = emp.index[emp["region_id"] == region]
    if len(mine) < _MIN_EMPLOYEES:
        raise ParameterError(
            f"The 'scale' parameter of generate_hostile must leave region {region!r} at least "
            f"{_MIN_EMPLOYEES} employees to plant into. Got {scale} instead ({len(mine)} "
            "employees); use a scale of at least 0.05."
        )
    long_unit = _long_text("Unit Kerja Dengan Nama Yang Sangat Panjang ", _LONG)
    units = _rename_units(tables, region, long_unit)
    _make_small_unit(tables, region, rng)
    programmes = _rename_programmes(tables, region)
    comp = tables["competencies"]
    comp.loc[comp["competency_id"] == _COMPETENCY[0], "name_id"] = _COMPETENCY[1]
    regions = tables["regions"]
    regions.loc[regions["region_id"] == region, ["name", "province"]] = [_REGION_NAME, _PROVINCE]

    emp = tables["employees"]
    mine = emp.index[emp["region_id"] == region]
    odd = rng.choice(mine, size=len(_ODD_NAMES), replace=False)
    emp.loc[odd, "name"] = list(_ODD_NAMES)
    others = [i for i in rng.choice(mine, size=4, replace=False) if i not in set(odd)][:2]
    names = (*_ODD_NAMES, *(_bare_name(emp.at[i, "name"]) for i in others))
    status = emp.loc[mine, "employment_status"]
    pns = emp.loc[status.index[status == "pns"], "employee_id"].tolist()
    pppk = emp.loc[status.index[status == "pppk"], "employee_id"].tolist()
    nip_pns, nip_pppk = pns[0], (pppk[0] if pppk else pns[1])
    nips = (nip_pns, nip_pppk, f"{nip_pns[:8]} {nip_pns[8:14]} {nip_pns[14]} {nip_pns[15:]}")
    emails = ("budi.santoso77@gmail.com", f"sari.dewi81@{region}.go.id")
    phones = ("0812-3456-7890", "+62 813 9876 5432", "085312345678")
    long_comment = _long_text("Materi terlalu panjang dan jadwal padat sekali ", _LONG - 2000)
    long_comment += "x" * 2000  # one unbroken run: a page must wrap or cut it
    fragments = _comment_fragments(nips, names, emails, phones)
    _plant_comments(tables, region, fragments, long_comment, rng)
    planted = Planted(
        region_id=region,
        nips=nips,
        names=tuple(names),
        emails=emails,
        phones=phones,
        units=tuple(units),
        programmes=tuple(programmes),
        small_unit=SMALL_UNIT,
        long_unit=long_unit,
        long_comment=long_comment,
    )
    return tables, planted


def write_hostile_dataset(
    out: str | os.PathLike[str],
    *,
    seed: int = config.DEFAULT_SEED,
    scale: float = 1.0,
) -> Path:
    """Write the hostile dataset as one CSV file per table, atomically.

    Same files and guarantees as :func:`kompetensi_toolkit.sample.write_sample_dataset`
    (byte-identical for the same ``seed`` and ``scale``; built in a temporary
    sibling folder and renamed into place; an existing folder is replaced only
    if it holds nothing but table files).

    Parameters
    ----------
    out
        The dataset folder to create or replace.
    seed
        Seed of every random draw.
    scale
        Multiplies every unit's headcount (see :func:`generate_hostile`).

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
    >>> import tempfile
    >>> workdir = Path(tempfile.mkdtemp())
    >>> folder = write_hostile_dataset(workdir / "hostile", scale=0.05)
    >>> text = (folder / "feedback.csv").read_text(encoding="utf-8")
    >>> "<script>alert(1)</script>" in text
    True
    >>> (workdir / "junk.txt").write_text("x") and None
    >>> write_hostile_dataset(workdir, scale=0.05)
    Traceback (most recent call last):
    ...
    kompetensi_toolkit.exceptions.ParameterError: The 'out' parameter of
    write_hostile_dataset must be a new folder or a dataset folder holding only table
    files. Got '...' instead, which also holds 'hostile', 'junk.txt'. Give a new folder so
    nothing else is replaced.
    >>> shutil.rmtree(workdir)
    """
    sample._check_arguments("write_hostile_dataset", seed, scale)
    target = Path(out)
    folder = Path(os.path.abspath(target))
    _check_target(target, folder)
    tables, _ = generate_hostile(seed, scale)
    folder.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:12]
    staging = folder.parent / f".{folder.name}.tmp-{token}"
    staging.mkdir()
    try:
        for name, frame in tables.items():
            sample._write_csv(frame, staging / f"{name}.csv")
        sample._swap_into_place(staging, folder, token)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


# ---------------------------------------------------------------------------
# Planting.
# ---------------------------------------------------------------------------


def _long_text(phrase: str, length: int) -> str:
    """``phrase`` repeated to exactly ``length`` characters.

    >>> _long_text("ab ", 7)
    'ab ab a'
    """
    return (phrase * (length // len(phrase) + 1))[:length]


def _bare_name(name: str) -> str:
    """A staff name without academic degrees, as a participant would write it.

    >>> _bare_name("Dr. Sari Simbolon, M.Si.")
    'Sari Simbolon'
    """
    name = name.split(",")[0]
    words = [w for w in name.split() if not w.endswith(".")]
    return " ".join(words)


def _rename(tables: dict[str, pd.DataFrame], region: str, old: str, new: str) -> None:
    for table in ("employees", "service_survey", "service_metrics"):
        frame = tables[table]
        frame.loc[(frame["region_id"] == region) & (frame["unit"] == old), "unit"] = new


def _rename_units(tables: dict[str, pd.DataFrame], region: str, long_unit: str) -> list[str]:
    emp = tables["employees"]
    counts = emp.loc[emp["region_id"] == region, "unit"].value_counts(sort=False)
    # Largest first, ties by name: the same order at any pandas version.
    order = sorted(counts.index, key=lambda u: (-int(counts[u]), u))
    # The biggest unit is left alone: it gives the two people of the small unit.
    names = [long_unit if n is None else n for n in _UNIT_NAMES]
    for old, new in zip(order[1:], names, strict=False):
        _rename(tables, region, old, new)
    # A service unit (in the IKM survey) gets markup too, whatever its size.
    survey = tables["service_survey"]
    served = sorted(set(survey.loc[survey["region_id"] == region, "unit"]) - set(names))
    if served:
        new = f"{served[0]} <img src=x onerror=alert(1)>"
        _rename(tables, region, served[0], new)
        names.append(new)
    return names


def _make_small_unit(
    tables: dict[str, pd.DataFrame], region: str, rng: np.random.Generator
) -> None:
    emp = tables["employees"]
    mine = emp[emp["region_id"] == region]
    biggest = mine["unit"].value_counts().sort_index().idxmax()
    staff = mine.index[(mine["unit"] == biggest) & ~mine["position_type"].isin(sample._LEADERS)]
    emp.loc[rng.choice(staff, size=2, replace=False), "unit"] = SMALL_UNIT


def _rename_programmes(tables: dict[str, pd.DataFrame], region: str) -> list[str]:
    emp, part, progs = tables["employees"], tables["participation"], tables["programs"]
    ids = set(emp.loc[emp["region_id"] == region, "employee_id"])
    counts = part.loc[part["employee_id"].isin(ids), "program_id"].value_counts(sort=False)
    order = sorted(counts.index, key=lambda p: (-int(counts[p]), p))
    for pid, new in zip(order, _PROGRAMME_NAMES, strict=False):
        progs.loc[progs["program_id"] == pid, "name"] = new
    return list(_PROGRAMME_NAMES[: len(order)])


def _comment_fragments(
    nips: tuple[str, ...], names: tuple[str, ...], emails: tuple[str, ...], phones: tuple[str, ...]
) -> list[str]:
    personal = [
        f"Terima kasih Pak {names[3]}, NIP {nips[0]}.",
        f"Hubungi saya di {emails[0]} atau {phones[0]}.",
        f"NI PPPK saya {nips[1]} belum terdaftar, kata Bu {names[0]}.",
        f"NIP {nips[2]} mohon dicek oleh {names[1]}.",
        f"Kirim modul ke {emails[1]} / WA {phones[1]}.",
        f"Pengajar {names[2]} sangat membantu, telp {phones[2]}.",
    ]
    markup = [f"Materi bagus {p}" for p in SCRIPT_PAYLOADS]
    tricks = [f"Jadwal padat {t}" for t in MARKDOWN_TRICKS]
    odd = ["Materi Bu Ni'mah 'sangat' baik — terima kasih, naïve café ñ 日本語"]
    return personal + markup + tricks + odd


def _plant_comments(
    tables: dict[str, pd.DataFrame],
    region: str,
    fragments: list[str],
    long_comment: str,
    rng: np.random.Generator,
) -> None:
    fb = tables["feedback"]
    rows = fb.index[fb["region_id"] == region]
    chosen = rows[rng.random(len(rows)) < _COMMENT_SHARE]
    for k, i in enumerate(chosen):
        base = str(fb.at[i, "comment"] or "").strip()
        fragment = fragments[k % len(fragments)]
        fb.at[i, "comment"] = f"{base} {fragment}".strip()
    # Every fragment at least once, even at a scale with few responses.
    if len(chosen) < len(fragments) + 1:
        raise ParameterError(
            f"The 'scale' parameter of generate_hostile leaves region {region!r} only "
            f"{len(chosen)} feedback comments to plant {len(fragments) + 1} values into; "
            "use a larger scale (0.05 or more)."
        )
    fb.at[chosen[-1], "comment"] = long_comment


def _check_target(target: Path, folder: Path) -> None:
    if not folder.name or folder == Path.home() or folder == Path.cwd():
        raise ParameterError(
            "The 'out' parameter of write_hostile_dataset must be a dataset folder of its own. "
            f"Got {str(target)!r} instead. Give a new folder such as 'data/hostile'."
        )
    if folder.exists() and not folder.is_dir():
        raise ParameterError(
            "The 'out' parameter of write_hostile_dataset must be a folder. Got "
            f"{str(target)!r} instead, which is a file. Give a new or a dataset folder."
        )
    if folder.is_dir():
        known = sample._table_file_names()
        strangers = sorted(p.name for p in folder.iterdir() if p.name not in known)
        if strangers:
            raise ParameterError(
                "The 'out' parameter of write_hostile_dataset must be a new folder or a "
                f"dataset folder holding only table files. Got {str(target)!r} instead, which "
                f"also holds {', '.join(map(repr, strangers[:3]))}"
                f"{' …' if len(strangers) > 3 else ''}. Give a new folder so nothing else "
                "is replaced."
            )
