"""Programme outcomes (``kompetensi_toolkit.outcomes``) at national size.

    .venv/bin/python benchmarks/bench_outcomes.py            # national sizes (see below)
    .venv/bin/python benchmarks/bench_outcomes.py --quick    # small sizes, seconds

The data are generated directly as frames (no files), seeded and vectorised,
in the shapes the loader gives: ``employee_id`` is pandas ``str`` in
``employees`` and dictionary-encoded (a categorical over the same ids) in the
long tables, as a partitioned Parquet dataset reads them; ``region_id``,
``unit``, ``position_type``, ``sex`` … and ``program_id`` are categoricals;
dates are datetime64; flags bool; scores float64.

Sections (each timed with ``time.perf_counter``, median of ``--repeat`` runs;
memory is the ``tracemalloc`` peak of a separate, untimed run, allocations by
the call only, inputs excluded):

participation
    ``--employees`` staff (5.6 million) in 552 regions × 40 units (22 080
    units, unique labels), each with a participation rate drawn per person
    (gamma-Poisson, mean ``--per-year`` = 2.5 a year, lower for pelaksana and
    weak performers) in ``--years`` (default 2025 only: about 14 million
    rows; see "Size"). Timed: ``participation_summary`` (all staff, and by
    region), ``jp_by_group`` (unit, position_type, sex; the last year) and
    ``never_participants`` (by position_type). Checked against the counts
    drawn.
learning effects
    ``learning_effects`` on the pre/post tests of every participation row
    (30 programmes, national pair counts): with ``n_boot=200`` on all
    programmes, and with the default ``n_boot=2000`` on ``--boot-programmes``
    programmes, extrapolated to 30; plus one programme at 5 000 pairs (the
    largest that still gets BCa) and 5 001 (percentile) to show the switch.
IKM
    ``ikm`` by (region_id, unit, period) and ``ikm_change`` by (region_id,
    unit), ``n_boot=1000``, on 552 regions × 10 service units × 2 periods ×
    ~100 respondents (about 1.1 million responses). Against the naive way
    (``groupby().apply`` with a per-group Python bootstrap loop) on
    ``--naive-groups`` groups, extrapolated; point estimates checked equal.
gap closure
    ``gap_closure`` on ``--gap-employees`` staff (500 000) assessed twice
    (2023, 2026) in 9 competencies, with their participation from the
    national table in between; a pair trained in an effective programme
    grows 0.45 level more (planted).
difference in differences
    ``diff_in_diff`` on a respondent-level panel (``--did-rows``, 1 million,
    ~5 500 units, 2 periods, a planted effect of 3 IKM points).
non-participation model
    ``nonparticipation_model`` on one large region (6 000 staff, 40 units,
    every default predictor) and on a province (``--province``, 300 000
    staff) with ``unit`` left out.

Size: one year of national participation (14 million rows) peaks at about
5 GiB resident (measured: ~2.7 GiB while the tables are drawn, then
``participation_summary`` adds ~2.4 GiB, much of it Python ``str`` objects
and Arrow strings of the employee ids); the ``tracemalloc`` runs add their
own bookkeeping and take the full run to ~7 GiB (``--no-memory`` leaves them
out). Two years (``--years 2024 2025``, about 28 million rows) would need
~10 GiB, so the full run uses one year; every participation function scales
linearly in rows. Gap closure turns ids into Python strings too (~175 bytes
per assessment row): 1.5 million staff (27 million rows) would need ~5 GiB
on top of ~2 GiB of inputs, so the full run uses 500 000 staff (9 million
rows, a large province); ``--gap-employees 1500000`` runs it.

Results are printed as a table and written to ``benchmarks/results/outcomes.json``.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from functools import partial

import numpy as np
import pandas as pd
from benchlib import (
    POSITION_MIX,
    fmt_n,
    max_rss_mib,
    peak_mib,
    print_table,
    row,
    timed,
    write_results,
)

from kompetensi_toolkit.outcomes import comparison, effects, gap_closure, participation, service

NATIONAL_EMPLOYEES = 5_600_000
REGIONS = 552
UNITS_PER_REGION = 40
SERVICE_UNITS = 10
#: Years of participation in the full run: one, see "Size" in the module docstring.
YEARS = (2025,)
PROGRAMMES = tuple(f"PRG-{i:03d}" for i in range(1, 31))
EFFECTIVE = np.arange(len(PROGRAMMES)) % 3 != 2  # two programmes in three work
COMPETENCIES = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01")
PERFORMANCE = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
PERFORMANCE_MIX = (0.15, 0.70, 0.10, 0.04, 0.01)
#: Staff assessed twice in the full run (1.5 million would need about 7 GiB more; see above).
GAP_EMPLOYEES = 500_000
PLANTED_GAP_EFFECT = 0.45  # level, trained in an effective programme
PLANTED_DID_EFFECT = 3.0  # IKM points


# ---------------------------------------------------------------------------
# Data.
# ---------------------------------------------------------------------------
def _cat(codes: np.ndarray, categories) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=list(categories))


def _dates(rng: np.random.Generator, years: np.ndarray, first_day: int = 0, days: int = 365):
    """Dates in ``years`` (array), day of year ``first_day`` + uniform(0, days)."""
    base = (years.astype("int64") - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    offset = first_day + rng.integers(0, days, len(years))
    return (base + offset.astype("timedelta64[D]")).astype("datetime64[ns]")


def national_tables(
    n: int,
    per_year: float = 2.5,
    regions: int = REGIONS,
    units_per_region: int = UNITS_PER_REGION,
    years: tuple[int, ...] = YEARS,
    seed: int = 1,
) -> dict:
    """Employees, programmes, programme competencies and participation for ``n`` staff.

    Also returns ``counts`` (rows drawn per employee and year, n × 2) for the checks.
    """
    rng = np.random.default_rng(seed)
    ids = pd.Index(np.char.add("E", np.arange(n).astype("U9")).astype(object), dtype="str")
    region_weight = rng.lognormal(0.0, 0.8, regions)
    region = rng.choice(regions, n, p=region_weight / region_weight.sum()).astype("int32")
    unit_weight = rng.lognormal(0.0, 0.7, units_per_region)
    local = rng.choice(units_per_region, n, p=unit_weight / unit_weight.sum())
    unit = (region * units_per_region + local).astype("int32")
    region_names = [f"r{i:03d}" for i in range(regions)]
    unit_names = [
        f"r{i // units_per_region:03d}-u{i % units_per_region:02d}"
        for i in range(regions * units_per_region)
    ]
    positions = list(POSITION_MIX)
    pos = rng.choice(len(positions), n, p=np.array(list(POSITION_MIX.values())))
    perf = rng.choice(len(PERFORMANCE), n, p=np.array(PERFORMANCE_MIX))
    employees = pd.DataFrame(
        {
            "employee_id": ids,
            "region_id": _cat(region, region_names),
            "unit": _cat(unit, unit_names),
            "position_type": _cat(pos, positions),
            "sex": _cat(rng.integers(0, 2, n), ["l", "p"]),
            "employment_status": _cat((rng.random(n) < 0.15).astype(int), ["pns", "pppk"]),
            "performance": _cat(perf, PERFORMANCE),
            "birth_year": rng.integers(1966, 2003, n),
        }
    )
    # Participation rate per person: gamma-Poisson, lower for pelaksana and weak performers.
    mult = np.where(np.asarray(positions)[pos] == "pelaksana", 0.6, 1.15) * np.where(
        perf >= 2, 0.5, 1.0
    )
    rate = rng.gamma(1.2, per_year / 1.2, n) * mult / mult.mean()
    counts = rng.poisson(rate[:, None], (n, len(years))).astype("int32")
    person = np.repeat(
        np.tile(np.arange(n, dtype="int32")[:, None], (1, len(years))), counts.ravel()
    )
    year = np.repeat(np.tile(np.array(years), n), counts.ravel())
    m = len(person)
    prog = rng.integers(0, len(PROGRAMMES), m).astype("int8")
    start = _dates(rng, year, 0, 350)
    completed = rng.random(m) < 0.9
    effective = EFFECTIVE[prog]
    pre = np.clip(np.round(rng.normal(58, 12, m)), 0, 100)
    post = np.clip(
        np.round(pre + np.where(effective, rng.normal(16, 9, m), rng.normal(1.5, 7, m))), 0, 100
    )
    b_before = np.clip(np.round(rng.normal(3.2, 0.6, m) * 2) / 2, 1, 5)
    b_after = np.clip(b_before + np.where(effective, 0.35, 0.03) + rng.normal(0, 0.4, m), 1, 5)
    jp = np.array([4, 8, 8, 12, 16, 24, 40])[np.arange(len(PROGRAMMES)) % 7].astype(float)
    participation_frame = pd.DataFrame(
        {
            "employee_id": pd.Categorical.from_codes(person, categories=ids),
            "program_id": _cat(prog, PROGRAMMES),
            "start_date": start,
            "end_date": start + np.timedelta64(3, "D"),
            "completed": completed,
            "pre_test": pre,
            "post_test": post,
            "behaviour_before": b_before,
            "behaviour_after": b_after,
        }
    )
    programs = pd.DataFrame(
        {
            "program_id": list(PROGRAMMES),
            "name": [f"Programme {i}" for i in range(1, 31)],
            "form": "pelatihan",
            "mode": "klasikal",
            "jp": jp,
        }
    )
    program_competencies = pd.DataFrame(  # programme k targets competency k mod 9
        {
            "program_id": list(PROGRAMMES),
            "competency_id": [COMPETENCIES[k % len(COMPETENCIES)] for k in range(len(PROGRAMMES))],
        }
    )
    return {
        "employees": employees,
        "participation": participation_frame,
        "programs": programs,
        "program_competencies": program_competencies,
        "counts": counts,
        "years": tuple(years),
    }


def gap_tables(tables: dict, n: int, seed: int = 2) -> dict:
    """Assessments (2023 and 2026, 9 competencies) of the first ``n`` staff, with a planted effect.

    A pair (employee, competency) is trained when the employee completed an
    effective programme targeting the competency (all participation lies
    between the two assessments); it grows ``PLANTED_GAP_EFFECT`` level more.
    """
    rng = np.random.default_rng(seed)
    employees = tables["employees"].iloc[:n]
    part = tables["participation"]
    codes = part["employee_id"].cat.codes.to_numpy()
    take = codes < n
    k = len(COMPETENCIES)
    prog = part["program_id"].cat.codes.to_numpy()[take]
    ok = part["completed"].to_numpy()[take] & EFFECTIVE[prog]
    trained = np.zeros(n * k, dtype=bool)
    trained[codes[take][ok].astype("int64") * k + prog[ok] % k] = True
    first = np.clip(np.round(rng.normal(2.4, 0.9, n * k) * 2) / 2, 1, 5)
    growth = rng.normal(0.1, 0.35, n * k) + PLANTED_GAP_EFFECT * trained
    last = np.clip(np.round((first + growth) * 2) / 2, 1, 5)
    person = np.repeat(np.arange(n, dtype="int32"), k)
    comp = np.tile(np.arange(k, dtype="int8"), n)
    ids = tables["participation"]["employee_id"].cat.categories
    assessments = pd.DataFrame(
        {
            "employee_id": pd.Categorical.from_codes(
                np.concatenate([person, person]), categories=ids
            ),
            "competency_id": _cat(np.concatenate([comp, comp]), COMPETENCIES),
            "level": np.concatenate([first, last]),
            "assessed_on": np.concatenate(
                [
                    _dates(rng, np.full(n * k, 2023), 60, 180),
                    _dates(rng, np.full(n * k, 2026), 30, 60),
                ]
            ),
        }
    )
    from kompetensi_toolkit import config

    standards = pd.read_csv(config.REFERENCE_DIR / "standards.csv")
    return {
        "assessments": assessments,
        "employees": employees[["employee_id", "position_type"]],
        "standards": standards,
        "participation": part[take].reset_index(drop=True),
        "program_competencies": tables["program_competencies"],
        "trained_share": float(trained.mean()),
    }


def survey_table(
    regions: int = REGIONS,
    units: int = SERVICE_UNITS,
    respondents: int = 100,
    periods: tuple[str, ...] = ("2024", "2025"),
    seed: int = 3,
) -> pd.DataFrame:
    """Survei Kepuasan Masyarakat: regions × service units × periods × ~``respondents``."""
    rng = np.random.default_rng(seed)
    cells = regions * units * len(periods)
    size = rng.poisson(respondents, cells).clip(min=5)
    cell = np.repeat(np.arange(cells), size)
    region, rest = np.divmod(cell, units * len(periods))
    unit, period = np.divmod(rest, len(periods))
    unit_global = region * units + unit
    level = rng.normal(3.1, 0.25, regions * units)[unit_global] + 0.1 * period
    m = len(cell)
    answers = np.clip(np.round(level[:, None] + rng.normal(0, 0.6, (m, 9))), 1, 4).astype("int8")
    frame = pd.DataFrame(
        {
            "response_id": np.arange(m),
            "region_id": _cat(region, [f"r{i:03d}" for i in range(regions)]),
            "unit": _cat(unit, [f"layanan-{j:02d}" for j in range(units)]),
            "period": _cat(period, list(periods)),
        }
    )
    for i in range(9):
        frame[f"u{i + 1}"] = answers[:, i]
    return frame


def did_table(rows: int, units: int, effect: float = PLANTED_DID_EFFECT, seed: int = 4):
    """Respondent-level panel: ``rows`` answers in ``units`` units × 2 periods, planted effect."""
    rng = np.random.default_rng(seed)
    unit = rng.integers(0, units, rows)
    post = rng.random(rows) < 0.5
    treated_unit = rng.random(units) < 0.4
    unit_level = rng.normal(78, 6, units)
    treated = treated_unit[unit]
    # Not clipped to 25..100: clipping would shrink the planted effect.
    y = unit_level[unit] + 2.0 * post + effect * (treated & post) + rng.normal(0, 10, rows)
    return pd.DataFrame(
        {
            "unit": _cat(unit, [f"u{j:05d}" for j in range(units)]),
            "period": np.where(post, "2025", "2024"),
            "score": y,
            "high_coverage": treated,
            "post": post,
        }
    )


# ---------------------------------------------------------------------------
# Timing helpers.
# ---------------------------------------------------------------------------
def frame_mib(*frames: pd.DataFrame) -> float:
    return round(sum(f.memory_usage(deep=True).sum() for f in frames) / 2**20, 1)


def _s(x: float) -> float:
    return round(x, 3)


# ---------------------------------------------------------------------------
# Sections.
# ---------------------------------------------------------------------------
def naive_participation_summary(
    employees: pd.DataFrame, participation_frame: pd.DataFrame, programs: pd.DataFrame
) -> pd.DataFrame:
    """``participation_summary`` the way it is often first written: merge, one call per person.

    One row per year: n_staff, participants, participations, completions,
    jp_total, jp_per_employee, share_meeting_20jp (everybody in ``employees``
    counts, as in the real function).
    """
    merged = participation_frame.astype({"employee_id": "str", "program_id": "str"}).merge(
        programs[["program_id", "jp"]], on="program_id"
    )
    merged["year"] = merged["start_date"].dt.year

    def one(person: pd.DataFrame) -> pd.Series:
        done = person["completed"]
        return pd.Series(
            {"rows": len(person), "completions": done.sum(), "jp": person.loc[done, "jp"].sum()}
        )

    per = merged.groupby(["year", "employee_id"]).apply(one, include_groups=False)
    n_staff = len(employees)
    out = []
    for year, people in per.groupby(level="year"):
        out.append(
            {
                "year": year,
                "n_staff": n_staff,
                "participants": len(people),
                "participations": int(people["rows"].sum()),
                "completions": int(people["completions"].sum()),
                "jp_total": float(people["jp"].sum()),
                "jp_per_employee": float(people["jp"].sum()) / n_staff,
                "share_meeting_20jp": float((people["jp"] >= 20).sum()) / n_staff,
            }
        )
    return pd.DataFrame(out)


def bench_naive_participation(tables: dict, naive_n: int) -> dict:
    """The naive summary on the first ``naive_n`` staff, checked equal to the real one there;
    its time extrapolated linearly by participation rows."""
    emp, part, progs = tables["employees"], tables["participation"], tables["programs"]
    naive_n = min(naive_n, len(emp))
    sub_emp = emp.iloc[:naive_n]
    take = part["employee_id"].cat.codes.to_numpy() < naive_n
    sub_part = part[take].reset_index(drop=True)
    naive_s, naive = timed(naive_participation_summary, sub_emp, sub_part, progs)
    fast = participation.participation_summary(sub_emp, sub_part, progs)
    columns = list(naive.columns)
    pd.testing.assert_frame_equal(
        fast[columns].reset_index(drop=True),
        naive,
        check_dtype=False,
    )
    return {
        "naive_staff": naive_n,
        "naive_rows": len(sub_part),
        "naive_subsample_s": _s(naive_s),
        "naive_extrapolated_s": round(naive_s * len(part) / max(1, len(sub_part)), 1),
    }


def bench_participation(tables: dict, repeat: int, memory: bool, naive_n: int = 0) -> dict:
    emp, part, progs = tables["employees"], tables["participation"], tables["programs"]
    counts = tables["counts"]
    out: dict = {}
    calls = {
        "participation_summary": (participation.participation_summary, {}),
        "participation_summary_by_region": (
            participation.participation_summary,
            {"by": "region_id"},
        ),
        "jp_by_group": (
            participation.jp_by_group,
            {"dimensions": ("unit", "position_type", "sex"), "year": int(tables["years"][-1])},
        ),
    }
    results = {}
    for name, (func, kw) in calls.items():
        s, results[name] = timed(func, emp, part, progs, repeat=repeat, **kw)
        out[f"{name}_s"] = _s(s)
        if memory and name != "participation_summary_by_region":
            out[f"{name}_peak_mib"] = peak_mib(func, emp, part, progs, **kw)
    s, never = timed(participation.never_participants, emp, part, repeat=repeat)
    out["never_participants_s"] = _s(s)
    if memory:
        out["never_participants_peak_mib"] = peak_mib(participation.never_participants, emp, part)

    summary = results["participation_summary"]
    assert summary["participations"].tolist() == counts.sum(axis=0).tolist()
    assert summary["participants"].tolist() == (counts > 0).sum(axis=0).tolist()
    assert int(never["n_never"].sum()) == int((counts.sum(axis=1) == 0).sum())
    by_unit = results["jp_by_group"]
    assert int(by_unit.loc[by_unit["dimension"] == "unit", "n_staff"].sum()) == len(emp)
    out["jp_by_group_rows"] = len(by_unit)
    out["share_participating"] = [round(float(v), 4) for v in summary["share_participating"]]
    out["jp_per_employee"] = [round(float(v), 2) for v in summary["jp_per_employee"]]
    out["share_meeting_20jp"] = [round(float(v), 4) for v in summary["share_meeting_20jp"]]
    out["share_never"] = round(float(never["n_never"].sum() / len(emp)), 4)
    if naive_n:
        out["naive_summary"] = bench_naive_participation(tables, naive_n)
    return out


def bench_effects(tables: dict, repeat: int, boot_programmes: int) -> dict:
    part = tables["participation"][["program_id", "pre_test", "post_test"]]
    sizes = part["program_id"].value_counts()
    out: dict = {
        "pairs": len(part),
        "pairs_per_programme_median": int(sizes.median()),
    }
    s200, fast = timed(effects.learning_effects, part, n_boot=200, repeat=repeat)
    out["n_boot_200_s"] = _s(s200)
    out["n_boot_200_per_programme_s"] = _s(s200 / len(sizes))
    keep = list(PROGRAMMES[:boot_programmes])
    sub = part[part["program_id"].isin(keep)]
    s2000, full = timed(effects.learning_effects, sub, n_boot=2000, repeat=1)
    out["n_boot_2000_programmes_timed"] = len(keep)
    out["n_boot_2000_per_programme_s"] = _s(s2000 / len(keep))
    out["n_boot_2000_extrapolated_s"] = round(s2000 / len(keep) * len(sizes), 1)
    # Estimates: planted mean gain 16 (effective) vs 1.5 (before clipping to 0..100).
    mean_diff = fast.set_index("program_id")["mean_diff"]
    by_hand = (
        part["post_test"].sub(part["pre_test"]).groupby(part["program_id"], observed=True).mean()
    )
    np.testing.assert_allclose(mean_diff[by_hand.index].to_numpy(), by_hand.to_numpy())
    check = full.set_index("program_id")
    assert np.all(check["g_av_low"] <= check["g_av"]) and np.all(
        check["g_av"] <= check["g_av_high"]
    )
    out["mean_diff_effective"] = round(
        float(mean_diff[list(np.array(PROGRAMMES)[EFFECTIVE])].mean()), 2
    )
    out["mean_diff_not_effective"] = round(
        float(mean_diff[list(np.array(PROGRAMMES)[~EFFECTIVE])].mean()), 2
    )
    # The BCa / percentile switch at 5 000 pairs: one programme, n_boot 2000.
    one = part[part["program_id"] == PROGRAMMES[0]]
    for n_pairs in (effects._BCA_MAX_PAIRS, effects._BCA_MAX_PAIRS + 1):
        if len(one) >= n_pairs:
            s, _ = timed(effects.learning_effects, one.iloc[:n_pairs], n_boot=2000, repeat=repeat)
            out[f"one_programme_{n_pairs}_pairs_n_boot_2000_s"] = _s(s)
    return out


def naive_ikm(survey: pd.DataFrame, keys: list[str], n_boot: int, seed: int = 1) -> pd.DataFrame:
    """IKM the way it is often first written: one Python bootstrap loop per group."""
    elements = [f"u{i}" for i in range(1, 10)]

    def one(group: pd.DataFrame) -> pd.Series:
        x = group[elements].to_numpy(dtype=float)
        rng = np.random.default_rng(seed)
        value = 25.0 / 9 * x.mean(axis=0).sum()
        reps = np.empty(n_boot)
        for b in range(n_boot):
            sample = x[rng.integers(0, len(x), len(x))]
            reps[b] = 25.0 / 9 * sample.mean(axis=0).sum()
        low, high = np.quantile(reps, [0.025, 0.975])
        return pd.Series({"n": len(x), "ikm": value, "ikm_low": low, "ikm_high": high})

    return survey.groupby(keys, observed=True).apply(one, include_groups=False)


def bench_ikm(survey: pd.DataFrame, repeat: int, naive_groups: int, memory: bool) -> dict:
    keys = ["region_id", "unit", "period"]
    out: dict = {"responses": len(survey)}
    s, result = timed(service.ikm, survey, by=keys, n_boot=1000, repeat=repeat)
    out["groups"] = len(result)
    out["ikm_n_boot_1000_s"] = _s(s)
    s0, _ = timed(service.ikm, survey, by=keys, n_boot=0, repeat=repeat)
    out["ikm_n_boot_0_s"] = _s(s0)
    if memory:
        out["ikm_peak_mib"] = peak_mib(service.ikm, survey, by=keys, n_boot=1000)
    s, change = timed(
        service.ikm_change, survey, by=["region_id", "unit"], n_boot=1000, repeat=repeat
    )
    out["ikm_change_groups"] = len(change)
    out["ikm_change_n_boot_1000_s"] = _s(s)

    # Naive: the first groups (whole units, both periods), extrapolated by responses.
    units = survey["region_id"].cat.codes * SERVICE_UNITS + survey["unit"].cat.codes
    sub = survey[units.to_numpy() < max(1, naive_groups // 2)]
    naive_s, naive = timed(naive_ikm, sub, keys, 1000)
    fast = result.set_index(keys).loc[naive.index]
    np.testing.assert_allclose(fast["ikm"].to_numpy(), naive["ikm"].to_numpy())
    np.testing.assert_array_equal(fast["n"].to_numpy(), naive["n"].to_numpy())
    out["naive_groups"] = len(naive)
    out["naive_subsample_s"] = _s(naive_s)
    out["naive_extrapolated_s"] = round(naive_s * len(survey) / len(sub), 1)
    out["speedup"] = round(out["naive_extrapolated_s"] / out["ikm_n_boot_1000_s"], 1)
    out["ikm_mean"] = round(float(result["ikm"].mean()), 2)
    out["ci_width_median"] = round(float((result["ikm_high"] - result["ikm_low"]).median()), 2)
    out["change_mean"] = round(float(change["change"].mean()), 2)
    out["grades"] = {str(k): int(v) for k, v in result["grade"].value_counts().sort_index().items()}
    return out


def bench_gap_closure(tables: dict, n: int, repeat: int, memory: bool) -> dict:
    t = gap_tables(tables, n)
    args = (
        t["assessments"],
        t["employees"],
        t["standards"],
        t["participation"],
        t["program_competencies"],
    )
    out: dict = {
        "employees": n,
        "assessment_rows": len(t["assessments"]),
        "participation_rows": len(t["participation"]),
        "trained_share": round(t["trained_share"], 4),
        "input_mib": frame_mib(*args[:4]),
    }
    s, result = timed(gap_closure.gap_closure, *args, repeat=repeat)
    out["gap_closure_s"] = _s(s)
    s0, _ = timed(gap_closure.gap_closure, *args, n_boot=1, repeat=repeat)
    out["gap_closure_n_boot_1_s"] = _s(s0)
    if memory:
        out["gap_closure_peak_mib"] = peak_mib(gap_closure.gap_closure, *args)
    overall = result.set_index("competency_id").loc[gap_closure.OVERALL]
    out["level_change_trained"] = round(float(overall["level_change_trained"]), 3)
    out["level_change_untrained"] = round(float(overall["level_change_untrained"]), 3)
    out["difference_jpm"] = round(float(overall["difference"]), 3)
    out["diff_ci"] = [round(float(overall["diff_low"]), 3), round(float(overall["diff_high"]), 3)]
    return out


def bench_did(rows: int, units: int, repeat: int) -> dict:
    panel = did_table(rows, units)
    s, fit = timed(comparison.diff_in_diff, panel, "score", repeat=repeat)
    return {
        "rows": rows,
        "units": units,
        "diff_in_diff_s": _s(s),
        "planted": PLANTED_DID_EFFECT,
        "estimate": round(fit.estimate, 3),
        "ci": [round(fit.ci_low, 3), round(fit.ci_high, 3)],
    }


def bench_model(n: int, regions: int, predictors: tuple[str, ...], repeat: int, seed: int) -> dict:
    t = national_tables(n, regions=regions, seed=seed)
    s, model = timed(
        participation.nonparticipation_model,
        t["employees"],
        t["participation"],
        predictors=predictors,
        repeat=repeat,
    )
    table = model.table.set_index(["variable", "level"])
    return {
        "staff": n,
        "predictors": list(predictors),
        "columns": len(model.table) + 1,
        "s": _s(s),
        "converged": model.converged,
        "n_never": model.n_never,
        # Planted: staff rated below "baik" take part half as often (reference: "baik").
        "or_butuh_perbaikan": round(
            float(table.loc[("performance", "butuh_perbaikan"), "odds_ratio"]), 3
        ),
    }


def _section(name: str, func) -> dict:
    """Run one section, saying on stderr how long it took (the whole run takes a while)."""
    start = time.perf_counter()
    out = func()
    out["max_rss_mib_so_far"] = max_rss_mib()
    print(f"[{name}: {time.perf_counter() - start:.1f} s]", file=sys.stderr, flush=True)
    return out


def run(
    n: int = NATIONAL_EMPLOYEES,
    per_year: float = 2.5,
    years: tuple[int, ...] = YEARS,
    repeat: int = 3,
    boot_programmes: int = 2,
    respondents: int = 100,
    survey_regions: int = REGIONS,
    naive_groups: int = 40,
    gap_employees: int = GAP_EMPLOYEES,
    did_rows: int = 1_000_000,
    did_units: int = 5_500,
    region_staff: int = 6_000,
    province_staff: int = 300_000,
    memory: bool = True,
    naive_staff: int = 20_000,
) -> dict:
    """Every section at the given sizes; a dict of timings (s), peaks (MiB) and checked numbers."""
    start = time.perf_counter()
    tables = national_tables(n, per_year, years=tuple(years))
    build_s = time.perf_counter() - start
    result: dict = {
        "benchmark": "kompetensi_toolkit.outcomes at national size",
        "employees": n,
        "years": list(years),
        "participation_rows": len(tables["participation"]),
        "input_mib": frame_mib(tables["employees"], tables["participation"]),
        "build_s": round(build_s, 1),
        "repeat": repeat,
    }
    result["participation"] = _section(
        "participation", partial(bench_participation, tables, repeat, memory, naive_staff)
    )
    result["learning_effects"] = _section(
        "learning_effects", partial(bench_effects, tables, repeat, boot_programmes)
    )
    result["gap_closure"] = _section(
        "gap_closure", partial(bench_gap_closure, tables, min(gap_employees, n), repeat, memory)
    )
    del tables
    gc.collect()
    survey = survey_table(survey_regions, respondents=respondents)
    result["ikm"] = _section("ikm", partial(bench_ikm, survey, repeat, naive_groups, memory))
    del survey
    result["diff_in_diff"] = _section(
        "diff_in_diff", partial(bench_did, did_rows, did_units, repeat)
    )
    result["nonparticipation_region"] = _section(
        "nonparticipation_region",
        partial(bench_model, region_staff, 1, participation.DEFAULT_PREDICTORS, repeat, seed=5),
    )
    without_unit = tuple(p for p in participation.DEFAULT_PREDICTORS if p != "unit")
    result["nonparticipation_province"] = _section(
        "nonparticipation_province",
        partial(bench_model, province_staff, 20, without_unit, repeat, seed=6),
    )
    result["max_rss_mib"] = max_rss_mib()
    return result


#: The sizes of ``--quick`` (seconds).
QUICK = {
    "n": 10_000,
    "boot_programmes": 1,
    "survey_regions": 10,
    "naive_groups": 4,
    "gap_employees": 2_000,
    "did_rows": 10_000,
    "did_units": 300,
    "province_staff": 5_000,
    "naive_staff": 500,
}


def measure(quick: bool = False, repeat: int = 3) -> dict:
    """The suite's entry (``run_all.py``): national sizes, or ``quick`` (small, seconds)."""
    return run(**(QUICK if quick else {}), repeat=repeat)


def _naive(found: dict | None) -> dict:
    if not found:
        return {}
    return {
        "naive_s": found["naive_extrapolated_s"],
        "naive_note": f"merge + `groupby().apply` per employee on {fmt_n(found['naive_staff'])} "
        "staff, extrapolated linearly",
    }


def rows(result: dict) -> list[dict]:
    """The suite's table rows of a :func:`run` result (every timed call)."""
    rep = result["repeat"]
    part, learn, ikm = result["participation"], result["learning_effects"], result["ikm"]
    gap, did = result["gap_closure"], result["diff_in_diff"]
    staff = f"{fmt_n(result['employees'])} staff, {fmt_n(result['participation_rows'])} rows"
    out = [
        row(
            "`participation_summary`",
            staff,
            part["participation_summary_s"],
            rep,
            **_naive(part.get("naive_summary")),
            peak_mib=part.get("participation_summary_peak_mib"),
        ),
        row(
            "`participation_summary(by='region_id')`",
            staff,
            part["participation_summary_by_region_s"],
            rep,
        ),
        row(
            "`jp_by_group` (unit, position, sex)",
            staff,
            part["jp_by_group_s"],
            rep,
            peak_mib=part.get("jp_by_group_peak_mib"),
        ),
        row(
            "`never_participants`",
            staff,
            part["never_participants_s"],
            rep,
            peak_mib=part.get("never_participants_peak_mib"),
        ),
        row(
            "`learning_effects`, n_boot = 200",
            f"30 programmes, {fmt_n(learn['pairs'])} pairs",
            learn["n_boot_200_s"],
            rep,
        ),
        row(
            "`learning_effects`, n_boot = 2 000 (extrapolated from "
            f"{learn['n_boot_2000_programmes_timed']} programme(s) to 30)",
            f"30 programmes, {fmt_n(learn['pairs'])} pairs",
            learn["n_boot_2000_extrapolated_s"],
            1,
        ),
        row(
            "`ikm` with bootstrap CI (n_boot = 1 000)",
            f"{fmt_n(ikm['responses'])} answers, {fmt_n(ikm['groups'])} unit-periods",
            ikm["ikm_n_boot_1000_s"],
            rep,
            naive_s=ikm["naive_extrapolated_s"],
            naive_note=f"`groupby().apply` with a Python bootstrap loop on {ikm['naive_groups']} "
            "groups, extrapolated linearly",
            peak_mib=ikm.get("ikm_peak_mib"),
        ),
        row(
            "`ikm_change` (n_boot = 1 000)",
            f"{fmt_n(ikm['ikm_change_groups'])} units",
            ikm["ikm_change_n_boot_1000_s"],
            rep,
        ),
        row(
            "`gap_closure`",
            f"{fmt_n(gap['employees'])} staff assessed twice, {fmt_n(gap['assessment_rows'])} rows",
            gap["gap_closure_s"],
            rep,
            peak_mib=gap.get("gap_closure_peak_mib"),
        ),
        row(
            "`diff_in_diff`",
            f"{fmt_n(did['rows'])} rows, {fmt_n(did['units'])} units",
            did["diff_in_diff_s"],
            rep,
        ),
    ]
    for name, label in (
        ("nonparticipation_region", "one region"),
        ("nonparticipation_province", "a province"),
    ):
        model = result[name]
        out.append(
            row(
                f"`nonparticipation_model`, {label}",
                f"{fmt_n(model['staff'])} staff",
                model["s"],
                rep,
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=NATIONAL_EMPLOYEES)
    parser.add_argument("--per-year", type=float, default=2.5)
    parser.add_argument("--years", type=int, nargs="+", default=list(YEARS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--boot-programmes", type=int, default=2)
    parser.add_argument("--naive-groups", type=int, default=40)
    parser.add_argument("--gap-employees", type=int, default=GAP_EMPLOYEES)
    parser.add_argument("--did-rows", type=int, default=1_000_000)
    parser.add_argument("--province", type=int, default=300_000)
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run")
    args = parser.parse_args(argv)
    sizes = {
        "n": args.employees,
        "per_year": args.per_year,
        "years": tuple(args.years),
        "repeat": args.repeat,
        "boot_programmes": args.boot_programmes,
        "naive_groups": args.naive_groups,
        "gap_employees": args.gap_employees,
        "did_rows": args.did_rows,
        "province_staff": args.province,
        "memory": not args.no_memory,
    }
    if args.quick:
        sizes.update(QUICK, repeat=1)
    result = run(**sizes)
    write_results(result, "outcomes")
    print_table(
        {k: v for k, v in result.items() if k != "benchmark"},
        f"{result['benchmark']}, repeat {result['repeat']}",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
