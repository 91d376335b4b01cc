"""Outcomes, participation: summary, 20 JP by group, never-participants, their model."""

from __future__ import annotations

import copy
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import blas_threads, record_blas_threads
from kompetensi_toolkit.exceptions import KompetensiError, MissingColumnError, ParameterError
from kompetensi_toolkit.loaders import load_dataset
from kompetensi_toolkit.outcomes.participation import (
    AGE_BANDS,
    InsufficientDataError,
    ParticipationModel,
    age_band,
    jp_by_group,
    never_participants,
    nonparticipation_model,
    participation_summary,
)


# ---------------------------------------------------------------------------
# A tiny hand-made dataset: every number below is worked out by hand.
# ---------------------------------------------------------------------------
#   e1 A pelaksana l : 2025 P1 (24, done), P2 (not done)        → 2025: 24 JP
#   e2 A pelaksana p : 2025 P2 (jp 12, done), P3 (8, done)       → 2025: 20 JP
#   e3 A pengawas  p : 2024 P1 (24, done)                        → 2024: 24 JP
#   e4 B pelaksana l : 2025 P3 (8, done)                         → 2025: 8 JP
#   e5 B administrator p : 2025 P1 (completed missing)           → 2025: 0 JP
#   e6 B administrator l : 2024-12-31 P2 (10, done); 2025-01-01 P1 (jp 30, done)
#   e7 C pelaksana p : nothing
#   x9 is not an employee: ignored.
def tiny():
    employees = pd.DataFrame(
        {
            "employee_id": ["e1", "e2", "e3", "e4", "e5", "e6", "e7"],
            "unit": ["A", "A", "A", "B", "B", "B", "C"],
            "position_type": [
                "pelaksana",
                "pelaksana",
                "pengawas",
                "pelaksana",
                "administrator",
                "administrator",
                "pelaksana",
            ],
            "sex": ["l", "p", "p", "l", "p", "l", "p"],
        }
    )
    programs = pd.DataFrame({"program_id": ["P1", "P2", "P3"], "jp": [24.0, 10.0, 8.0]})
    participation = pd.DataFrame(
        {
            "employee_id": ["e1", "e1", "e2", "e2", "e3", "e4", "e5", "e6", "e6", "x9"],
            "program_id": ["P1", "P2", "P2", "P3", "P1", "P3", "P1", "P2", "P1", "P1"],
            "start_date": pd.to_datetime(
                [
                    "2025-02-01",
                    "2025-06-01",
                    "2025-03-01",
                    "2025-09-01",
                    "2024-05-01",
                    "2025-01-15",
                    "2025-11-01",
                    "2024-12-31",
                    "2025-01-01",
                    "2025-01-01",
                ]
            ),
            "jp": [np.nan, np.nan, 12.0, np.nan, np.nan, np.nan, np.nan, np.nan, 30.0, np.nan],
            "completed": [True, False, True, True, True, True, None, True, True, True],
        }
    )
    return employees, participation, programs


def as_loaded(employees, participation, programs):
    """The same frames with the dtypes load_dataset gives."""
    employees = employees.astype(
        {"employee_id": "string", "unit": "string", "position_type": "category", "sex": "category"}
    )
    participation = participation.astype(
        {"employee_id": "string", "program_id": "string", "completed": "boolean"}
    )
    programs = programs.astype({"program_id": "string"})
    return employees, participation, programs


def row(frame, **where):
    mask = np.ones(len(frame), dtype=bool)
    for column, value in where.items():
        mask &= (frame[column] == value).to_numpy(bool)
    assert mask.sum() == 1, where
    return frame[mask].iloc[0]


# ---------------------------------------------------------------------------
# participation_summary
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("loaded", [False, True])
def test_summary_overall_by_hand(loaded):
    frames = tiny()
    if loaded:
        frames = as_loaded(*frames)
    out = participation_summary(*frames)
    assert list(out.columns) == [
        "year",
        "n_staff",
        "participants",
        "share_participating",
        "participations",
        "completions",
        "completion_rate",
        "jp_total",
        "jp_per_employee",
        "share_meeting_20jp",
    ]
    assert out["year"].tolist() == [2024, 2025]
    y25 = row(out, year=2025)
    assert y25["n_staff"] == 7
    assert y25["participants"] == 5  # e1, e2, e4, e5, e6
    assert y25["share_participating"] == pytest.approx(5 / 7)
    assert y25["participations"] == 7
    assert y25["completions"] == 5  # e5's missing flag is not completed
    assert y25["completion_rate"] == pytest.approx(5 / 7)
    assert y25["jp_total"] == pytest.approx(24 + 12 + 8 + 8 + 30)
    assert y25["jp_per_employee"] == pytest.approx(82 / 7)
    assert y25["share_meeting_20jp"] == pytest.approx(3 / 7)  # e1 24, e2 20, e6 30
    y24 = row(out, year=2024)
    assert (y24["participants"], y24["participations"], y24["completions"]) == (2, 2, 2)
    assert y24["completion_rate"] == 1.0
    assert y24["jp_total"] == 34.0
    assert y24["jp_per_employee"] == pytest.approx(34 / 7)
    assert y24["share_meeting_20jp"] == pytest.approx(1 / 7)  # e3 24; e6 10 is short


def test_summary_by_unit_by_hand():
    out = participation_summary(*tiny(), by="unit")
    assert list(out.columns[:2]) == ["unit", "year"]
    assert len(out) == 6  # 3 units × 2 years, zeros included
    a = row(out, unit="A", year=2025)
    assert (a["n_staff"], a["participants"], a["participations"], a["completions"]) == (3, 2, 4, 3)
    assert a["jp_total"] == 44.0
    assert a["jp_per_employee"] == pytest.approx(44 / 3)
    assert a["share_meeting_20jp"] == pytest.approx(2 / 3)
    b = row(out, unit="B", year=2025)
    assert (b["participants"], b["participations"], b["completions"]) == (3, 3, 2)
    assert b["jp_total"] == 38.0
    assert b["share_meeting_20jp"] == pytest.approx(1 / 3)
    c = row(out, unit="C", year=2025)
    assert (c["n_staff"], c["participants"], c["participations"], c["jp_total"]) == (1, 0, 0, 0.0)
    assert np.isnan(c["completion_rate"])
    assert c["share_meeting_20jp"] == 0.0
    a24 = row(out, unit="A", year=2024)
    assert (a24["participants"], a24["jp_total"]) == (1, 24.0)
    assert a24["share_meeting_20jp"] == pytest.approx(1 / 3)


def test_summary_one_year_and_minimum():
    employees, participation, programs = tiny()
    out = participation_summary(employees, participation, programs, year=2025, minimum=8)
    assert out["year"].tolist() == [2025]
    assert out["share_meeting_20jp"].iloc[0] == pytest.approx(4 / 7)  # e4's 8 JP now counts
    none = participation_summary(employees, participation, programs, year=2023)
    assert none[["n_staff", "participants", "participations"]].iloc[0].tolist() == [7, 0, 0]
    assert none["jp_per_employee"].iloc[0] == 0.0


def test_summary_empty_participation():
    employees, participation, programs = tiny()
    out = participation_summary(employees, participation.iloc[:0], programs, by="unit")
    assert out.empty
    assert list(out.columns[:2]) == ["unit", "year"]


def test_summary_errors():
    employees, participation, programs = tiny()
    with pytest.raises(MissingColumnError, match="grade"):
        participation_summary(employees, participation, programs, by="grade")
    with pytest.raises(MissingColumnError, match="start_date"):
        participation_summary(employees, participation.drop(columns="start_date"), programs)
    with pytest.raises(ParameterError, match="'year'"):
        participation_summary(employees, participation, programs, year="2025")
    with pytest.raises(ParameterError, match="'minimum'"):
        participation_summary(employees, participation, programs, minimum=-1)


# ---------------------------------------------------------------------------
# jp_by_group
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("loaded", [False, True])
def test_jp_by_group_by_hand(loaded):
    frames = tiny()
    if loaded:
        frames = as_loaded(*frames)
    out = jp_by_group(*frames)  # year None → 2025, the latest
    assert list(out.columns) == [
        "year",
        "dimension",
        "group",
        "n_staff",
        "n_meeting",
        "share_meeting",
        "mean_jp",
    ]
    assert set(out["year"]) == {2025}
    assert out["dimension"].tolist() == ["unit"] * 3 + ["position_type"] * 3 + ["sex"] * 2
    expected = {
        ("unit", "A"): (3, 2, 44 / 3),
        ("unit", "B"): (3, 1, 38 / 3),
        ("unit", "C"): (1, 0, 0.0),
        ("position_type", "administrator"): (2, 1, 15.0),
        ("position_type", "pelaksana"): (4, 2, 13.0),
        ("position_type", "pengawas"): (1, 0, 0.0),
        ("sex", "l"): (3, 2, 62 / 3),
        ("sex", "p"): (4, 1, 5.0),
    }
    for (dim, group), (n, meeting, mean) in expected.items():
        r = row(out, dimension=dim, group=group)
        assert (r["n_staff"], r["n_meeting"]) == (n, meeting), (dim, group)
        assert r["share_meeting"] == pytest.approx(meeting / n)
        assert r["mean_jp"] == pytest.approx(mean)
    assert all(isinstance(g, str) for g in out["group"])


def test_jp_by_group_year_and_minimum():
    out = jp_by_group(*tiny(), dimensions="unit", year=2024)
    assert out["n_meeting"].tolist() == [1, 0, 0]  # e3 24; e6 only 10 in 2024
    assert out["mean_jp"].tolist() == pytest.approx([8.0, 10 / 3, 0.0])
    out = jp_by_group(*tiny(), dimensions=["unit"], minimum=8)
    assert out["n_meeting"].tolist() == [2, 2, 0]


def test_jp_by_group_errors_and_empty():
    employees, participation, programs = tiny()
    with pytest.raises(MissingColumnError, match="education"):
        jp_by_group(employees, participation, programs, dimensions=["unit", "education"])
    with pytest.raises(ParameterError, match="'dimensions'"):
        jp_by_group(employees, participation, programs, dimensions=[])
    with pytest.raises(ParameterError, match="'year'"):
        jp_by_group(employees, participation, programs, year=1800)
    empty = jp_by_group(employees, participation.iloc[:0], programs)
    assert empty.empty and "share_meeting" in empty


# ---------------------------------------------------------------------------
# age_band
# ---------------------------------------------------------------------------
def test_age_band_boundaries():
    year = 2025
    ages = [18, 29, 30, 39, 40, 49, 50, 64]
    out = age_band(pd.Series([year - a for a in ages], index=list("abcdefgh")), year)
    assert out.tolist() == ["<30", "<30", "30–39", "30–39", "40–49", "40–49", "50+", "50+"]
    assert list(out.index) == list("abcdefgh")
    assert out.dtype == pd.CategoricalDtype(list(AGE_BANDS), ordered=True)
    assert out.cat.ordered and AGE_BANDS[1] == "30\u201339"  # an en dash
    with_missing = age_band(pd.array([1995, None], dtype="Int64"), year)
    assert with_missing.iloc[0] == "30–39" and pd.isna(with_missing.iloc[1])
    with pytest.raises(ParameterError, match="'year'"):
        age_band([1990], 2025.5)


# ---------------------------------------------------------------------------
# never_participants
# ---------------------------------------------------------------------------
def test_never_participants_by_hand():
    employees, participation, _ = tiny()
    out = never_participants(employees, participation)  # 2024 and 2025: only e7 never
    assert out["position_type"].tolist() == ["administrator", "pelaksana", "pengawas"]
    assert out["n_staff"].tolist() == [2, 4, 1]
    assert out["n_never"].tolist() == [0, 1, 0]
    assert out["share_never"].tolist() == pytest.approx([0.0, 0.25, 0.0])
    y25 = never_participants(employees, participation, years=2025)  # e3 and e7
    assert y25["n_never"].tolist() == [0, 1, 1]
    y24 = never_participants(employees, participation, by="unit", years=[2024])
    assert y24["unit"].tolist() == ["A", "B", "C"]
    assert y24["n_never"].tolist() == [2, 2, 1]  # e1 e2 | e4 e5 | e7
    overall = never_participants(employees, participation, by=None, years=[2024, 2025])
    assert overall[["n_staff", "n_never"]].iloc[0].tolist() == [7, 1]
    # a row that was not completed still counts as taking part (e5 in 2025)
    e5 = never_participants(employees[employees["employee_id"] == "e5"], participation, years=2025)
    assert e5["n_never"].tolist() == [0]


def test_never_participants_errors():
    employees, participation, _ = tiny()
    with pytest.raises(ParameterError, match="'years'"):
        never_participants(employees, participation, years="2025")
    with pytest.raises(ParameterError, match="'years'"):
        never_participants(employees, participation, years=[])
    with pytest.raises(MissingColumnError, match="employee_id"):
        never_participants(employees, participation.drop(columns="employee_id"))


# ---------------------------------------------------------------------------
# nonparticipation_model
# ---------------------------------------------------------------------------
TRUE_OR = {"pelaksana": 3.0, "pengawas": 0.5}


def simulate(n=2000, seed=20250501):
    """Staff whose odds of never taking part are planted by position type and unit."""
    rng = np.random.default_rng(seed)
    position = rng.choice(["administrator", "pelaksana", "pengawas"], n, p=[0.45, 0.35, 0.2])
    unit = rng.choice(["Dinas A", "Dinas B", "Dinas C"], n, p=[0.5, 0.3, 0.2])
    birth = rng.integers(1966, 2000, n)
    logit = (
        -1.0
        + np.log(3.0) * (position == "pelaksana")
        + np.log(0.5) * (position == "pengawas")
        + 0.4 * (unit == "Dinas C")
    )
    never = rng.random(n) < 1 / (1 + np.exp(-logit))
    employees = pd.DataFrame(
        {
            "employee_id": [f"e{i:04d}" for i in range(n)],
            "position_type": position,
            "unit": unit,
            "birth_year": birth,
        }
    )
    ids = employees["employee_id"][~never]
    participation = pd.DataFrame(
        {
            "employee_id": np.repeat(ids.to_numpy(), 2),
            "program_id": "P1",
            "start_date": pd.Timestamp("2025-04-01"),
        }
    )
    return employees, participation, never


def statsmodels_fit(frame, outcome, references, confidence=0.95):
    import statsmodels.formula.api as smf

    terms = " + ".join(f"C({v}, Treatment(reference={r!r}))" for v, r in references.items())
    fit = smf.logit(f"{outcome} ~ {terms}", data=frame).fit(disp=False)
    ci = fit.conf_int(alpha=1 - confidence)
    out = {}
    for name in fit.params.index[1:]:
        var = name.split(",")[0][2:]
        level = name.split("[T.")[1].rstrip("]")
        out[(var, level)] = (
            np.exp(fit.params[name]),
            np.exp(ci.loc[name, 0]),
            np.exp(ci.loc[name, 1]),
            fit.pvalues[name],
        )
    return out, fit


def test_model_recovers_planted_odds_ratio_and_matches_statsmodels():
    employees, participation, never = simulate()
    model = nonparticipation_model(
        employees, participation, predictors=["position_type", "unit", "age_band"]
    )
    assert isinstance(model, ParticipationModel)
    assert model.converged and model.notes == ()
    assert model.n == 2000 and model.n_never == int(never.sum())
    assert model.years == (2025,)
    assert model.merged == {} and model.dropped == {} and model.n_missing == 0
    table = model.table
    assert list(table.columns) == [
        "variable",
        "level",
        "reference",
        "n",
        "n_never",
        "odds_ratio",
        "or_low",
        "or_high",
        "p_value",
    ]
    for level, truth in TRUE_OR.items():
        r = row(table, variable="position_type", level=level)
        assert r["reference"] == "administrator"  # the largest level
        assert r["or_low"] < truth < r["or_high"], (level, r)
    pelaksana = row(table, variable="position_type", level="pelaksana")
    assert pelaksana["p_value"] < 1e-6
    assert pelaksana["n"] == int((employees["position_type"] == "pelaksana").sum())
    assert pelaksana["n_never"] == int(never[employees["position_type"] == "pelaksana"].sum())
    # the same fit by statsmodels' formula interface
    frame = employees.assign(
        never=never.astype(int), age_band=age_band(employees["birth_year"], 2025).astype(str)
    )
    references = dict(zip(table["variable"], table["reference"], strict=False))
    expected, fit = statsmodels_fit(frame, "never", references)
    assert len(expected) == len(table)
    for r in table.itertuples():
        assert (r.odds_ratio, r.or_low, r.or_high, r.p_value) == pytest.approx(
            expected[(r.variable, r.level)], rel=1e-6
        )
    assert model.pseudo_r2 == pytest.approx(fit.prsquared, rel=1e-8)


def test_model_confidence_level():
    employees, participation, _ = simulate()
    narrow = nonparticipation_model(
        employees, participation, predictors=["position_type"], confidence=0.5
    )
    wide = nonparticipation_model(employees, participation, predictors=["position_type"])
    assert narrow.table["odds_ratio"].tolist() == pytest.approx(wide.table["odds_ratio"].tolist())
    assert (narrow.table["or_high"] < wide.table["or_high"]).all()
    assert (narrow.table["or_low"] > wide.table["or_low"]).all()


def test_model_merges_rare_levels_into_lainnya():
    employees, participation, never = simulate()
    units = np.array(["Dinas A"] * 1500 + ["Dinas B"] * 460 + ["Kecamatan X"] * 25 + ["Y"] * 15)
    employees = employees.assign(unit=units)
    model = nonparticipation_model(
        employees, participation, predictors=["position_type", "unit"], min_level_size=30
    )
    assert model.merged == {"unit": ("Kecamatan X", "Y")}
    lainnya = row(model.table, variable="unit", level="lainnya")
    assert lainnya["n"] == 40 and lainnya["reference"] == "Dinas A"
    assert lainnya["n_never"] == int(never[-40:].sum())
    assert row(model.table, variable="unit", level="Dinas B")["n"] == 460
    # merging nothing when the threshold allows it
    kept = nonparticipation_model(employees, participation, predictors=["unit"], min_level_size=10)
    assert kept.merged == {}
    assert set(kept.table["level"]) == {"Dinas B", "Kecamatan X", "Y"}


def test_model_separation_does_not_crash_or_warn():
    employees, participation, never = simulate()
    # a unit where everybody took part, among others: merged into "lainnya" with a rare one
    units = np.array(["Dinas A"] * 1000 + ["Dinas B"] * 900 + ["Rare"] * 20 + ["Z"] * 80)
    took_all = np.zeros(2000, dtype=bool)
    took_all[-80:] = True
    employees = employees.assign(unit=units)
    ids = employees["employee_id"][~never | took_all]
    participation = pd.DataFrame({"employee_id": ids, "start_date": pd.Timestamp("2025-04-01")})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = nonparticipation_model(
            employees, participation, predictors=["position_type", "unit"]
        )
    assert model.merged["unit"] == ("Rare", "Z")
    assert row(model.table, variable="unit", level="lainnya")["n"] == 100
    assert np.isfinite(model.table["odds_ratio"]).all()
    assert model.n_excluded == 0

    # a separated level with nothing to merge it with: its staff are left out, and the
    # other odds ratios equal statsmodels' fit without them
    units = np.array(["Dinas A"] * 1100 + ["Dinas B"] * 820 + ["Z"] * 80)
    employees = employees.assign(unit=units)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = nonparticipation_model(
            employees, participation, predictors=["position_type", "unit"]
        )
    assert model.merged == {"unit": ("Z",)}
    assert model.excluded == {"unit": ("lainnya",)}
    assert model.n_excluded == 80 and model.n == 1920
    frame = employees.assign(never=(~(~never | took_all)).astype(int)).iloc[:1920]
    expected, _ = statsmodels_fit(
        frame, "never", {"position_type": "administrator", "unit": "Dinas A"}
    )
    for r in model.table.itertuples():
        assert r.odds_ratio == pytest.approx(expected[(r.variable, r.level)][0], rel=1e-6)


def test_model_joint_separation_warnings_are_absorbed():
    # never = at least two of (pelaksana, Dinas B, sex p): every level of every variable
    # has both outcomes, but the three together separate them perfectly; statsmodels'
    # warnings must not escape
    grid = np.array([(a, b, c) for a in (0, 1) for b in (0, 1) for c in (0, 1)] * 50)
    employees = pd.DataFrame(
        {
            "employee_id": [f"e{i}" for i in range(len(grid))],
            "position_type": np.where(grid[:, 0] == 1, "pelaksana", "administrator"),
            "unit": np.where(grid[:, 1] == 1, "Dinas B", "Dinas A"),
            "sex": np.where(grid[:, 2] == 1, "p", "l"),
        }
    )
    never = grid.sum(axis=1) >= 2
    participation = pd.DataFrame(
        {"employee_id": employees["employee_id"][~never], "start_date": pd.Timestamp("2025-01-01")}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = nonparticipation_model(
            employees, participation, predictors=["position_type", "unit", "sex"]
        )
    assert model.merged == {} and model.n_excluded == 0
    assert not model.converged
    assert model.notes
    assert len(model.table) == 3 and model.n_never == 200


def test_model_missing_predictors_dropped_and_counted():
    employees, participation, _ = simulate()
    employees = employees.astype({"position_type": object})
    employees.loc[:49, "position_type"] = None
    employees.loc[50:59, "birth_year"] = np.nan
    model = nonparticipation_model(
        employees, participation, predictors=["position_type", "age_band"]
    )
    assert model.n_missing == 60 and model.n == 1940


def test_model_drops_flat_and_collinear_variables():
    employees, participation, _ = simulate()
    employees = employees.assign(
        employment_status="pns", grade=employees["position_type"].map(lambda p: p.upper())
    )
    model = nonparticipation_model(
        employees, participation, predictors=["position_type", "employment_status", "grade"]
    )
    assert set(model.dropped) == {"employment_status", "grade"}
    assert "one level" in model.dropped["employment_status"]
    assert "collinear" in model.dropped["grade"]
    assert set(model.table["variable"]) == {"position_type"}
    with pytest.raises(InsufficientDataError, match="no predictor left"):
        nonparticipation_model(employees, participation, predictors=["employment_status"])


def test_model_too_few_events():
    employees, participation, never = simulate(n=200)
    few = employees[~never | (np.cumsum(never) <= 5)]
    with pytest.raises(InsufficientDataError, match="at least 10") as info:
        nonparticipation_model(few, participation, predictors=["position_type"])
    assert isinstance(info.value, KompetensiError)
    assert "5 never took part" in str(info.value)
    with pytest.raises(InsufficientDataError, match="no dated rows"):
        nonparticipation_model(employees, participation.iloc[:0], predictors=["position_type"])


def test_model_parameter_errors():
    employees, participation, _ = simulate(n=200)
    call = nonparticipation_model
    with pytest.raises(ParameterError, match="'min_level_size'"):
        call(employees, participation, predictors=["unit"], min_level_size=0)
    with pytest.raises(ParameterError, match="'confidence'"):
        call(employees, participation, predictors=["unit"], confidence=1.5)
    with pytest.raises(ParameterError, match="'predictors'"):
        call(employees, participation, predictors=[])
    with pytest.raises(ParameterError, match="'predictors'"):
        call(employees, participation, predictors=["unit", "unit"])
    with pytest.raises(ParameterError, match="'years'"):
        call(employees, participation, predictors=["unit"], years=["2025"])
    with pytest.raises(MissingColumnError, match="performance"):
        call(employees, participation, predictors=["unit", "performance"])
    with pytest.raises(MissingColumnError, match="birth_year"):
        call(employees.drop(columns="birth_year"), participation, predictors=["age_band"])


def test_model_window_of_years():
    employees, participation, never = simulate()
    # an extra 2024 row for some never-participants: outside a 2025 window they stay "never"
    extra = pd.DataFrame(
        {
            "employee_id": employees["employee_id"][never][:50],
            "program_id": "P1",
            "start_date": pd.Timestamp("2024-06-01"),
        }
    )
    both = pd.concat([participation, extra], ignore_index=True)
    m25 = nonparticipation_model(employees, both, years=2025, predictors=["position_type"])
    mall = nonparticipation_model(employees, both, predictors=["position_type"])
    assert m25.n_never == int(never.sum()) and m25.years == (2025,)
    assert mall.n_never == int(never.sum()) - 50 and mall.years == (2024, 2025)


# ---------------------------------------------------------------------------
# Inputs unchanged.
# ---------------------------------------------------------------------------
def test_inputs_unchanged():
    employees, participation, programs = as_loaded(*tiny())
    frames = (employees, participation, programs)
    before = copy.deepcopy(frames)
    participation_summary(*frames, by=["unit", "sex"])
    jp_by_group(*frames)
    never_participants(employees, participation, by=["unit"])
    for got, want in zip(frames, before, strict=True):
        pd.testing.assert_frame_equal(got, want)
    sim_emp, sim_part, _ = simulate()
    sim_emp = sim_emp.astype({"unit": "category"})
    before = copy.deepcopy((sim_emp, sim_part))
    nonparticipation_model(sim_emp, sim_part, predictors=["position_type", "unit", "age_band"])
    pd.testing.assert_frame_equal(sim_emp, before[0])
    pd.testing.assert_frame_equal(sim_part, before[1])


# ---------------------------------------------------------------------------
# Smoke test on the synthetic sample.
# ---------------------------------------------------------------------------
def test_sample_smoke(sample_dir):
    ds = load_dataset(sample_dir, "pematangsiantar")
    emp, part, prog = ds.employees, ds.participation, ds.programs
    summary = participation_summary(emp, part, prog, by="position_type")
    assert summary["year"].unique().tolist() == [2024, 2025]
    assert summary.groupby("year")["n_staff"].sum().tolist() == [len(emp), len(emp)]
    assert (summary["participants"] <= summary["n_staff"]).all()
    assert summary["completion_rate"].between(0, 1).all()
    overall = participation_summary(emp, part, prog)
    assert overall["participations"].sum() == len(part)

    by_group = jp_by_group(emp, part, prog)
    assert set(by_group["dimension"]) == {"unit", "position_type", "sex"}
    assert (by_group.groupby("dimension")["n_staff"].sum() == len(emp)).all()
    assert by_group["share_meeting"].between(0, 1).all()

    never = never_participants(emp, part, years=2025)
    assert never["n_staff"].sum() == len(emp)
    assert 0 < never["n_never"].sum() < len(emp)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = nonparticipation_model(emp, part, years=2025)
    assert model.n + model.n_missing + model.n_excluded == len(emp)
    assert model.n_never + model.n_missing >= 10
    assert {"position_type", "unit"} <= set(model.table["variable"]) | set(model.dropped)
    assert (model.table["or_low"] <= model.table["odds_ratio"]).all()
    assert (model.table["odds_ratio"] <= model.table["or_high"]).all()
    assert model.table["p_value"].between(0, 1).all()
    assert (model.table["n"] >= 1).all()
    assert 0 <= model.pseudo_r2 < 1


def test_empty_employees():
    employees, participation, programs = tiny()
    none = employees.iloc[:0]
    assert never_participants(none, participation).empty
    assert participation_summary(none, participation, programs, by="unit").empty
    assert jp_by_group(none, participation, programs).empty
    with pytest.raises(InsufficientDataError, match="too few staff"):
        nonparticipation_model(none, participation, predictors=["unit"])
    # no participation at all in the window: everybody is a never-participant
    everyone = never_participants(employees, participation.iloc[:0], by=None)
    assert everyone[["n_staff", "n_never"]].iloc[0].tolist() == [7, 7]


# ---------------------------------------------------------------------------
# The fast paths give planning's results (jp_earned / jp_status / jp_compliance).
# ---------------------------------------------------------------------------
def _planning_jp_by_group(employees, participation, programs, dims, year, minimum=20.0):
    from kompetensi_toolkit.planning import jp_compliance, jp_earned

    earned = jp_earned(participation, programs, year=year)
    frames = []
    for dim in dims:
        table = jp_compliance(employees, earned, by=dim, minimum=minimum, year=year)
        frames.append(
            pd.DataFrame(
                {
                    "year": np.int64(year),
                    "dimension": dim,
                    "group": table[dim].astype(str).to_numpy(dtype=object),
                    "n_staff": table["n_staff"].to_numpy("int64"),
                    "n_meeting": (table["n_staff"] - table["n_under"]).to_numpy("int64"),
                    "share_meeting": (1 - table["share_under"]).to_numpy("float64"),
                    "mean_jp": table["mean_jp"].to_numpy("float64"),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _assert_jp_by_group_matches_planning(employees, participation, programs, dims, year, **kw):
    got = jp_by_group(employees, participation, programs, dimensions=dims, year=year, **kw)
    want = _planning_jp_by_group(employees, participation, programs, dims, year, **kw)
    pd.testing.assert_frame_equal(
        got.drop(columns="share_meeting"), want.drop(columns="share_meeting")
    )
    np.testing.assert_allclose(got["share_meeting"], want["share_meeting"], rtol=1e-12)


def messy():
    """tiny() plus duplicates, a missing id, unknown ids, a missing group and categorical ids."""
    employees, participation, programs = tiny()
    employees = pd.concat(
        [
            employees,
            pd.DataFrame(
                {
                    "employee_id": ["e2", None, "e8"],  # e2 twice: both count its JP
                    "unit": ["C", "C", None],
                    "position_type": ["pengawas", "pelaksana", "pelaksana"],
                    "sex": ["p", "l", "l"],
                }
            ),
        ],
        ignore_index=True,
    )
    extra = pd.DataFrame(
        {
            "employee_id": ["e8", None, "e8", "zz"],
            "program_id": ["P3", "P1", "P1", "P2"],
            "start_date": pd.to_datetime(["2025-04-01", "2025-04-01", None, "2025-05-05"]),
            "jp": [np.nan, np.nan, np.nan, 3.0],
            "completed": [True, True, False, True],
        }
    )
    participation = pd.concat([participation, extra], ignore_index=True)
    return employees, participation, programs


@pytest.mark.parametrize("ids", ["object", "string", "category"])
def test_jp_by_group_equals_planning_on_hand_made_data(ids):
    employees, participation, programs = messy()
    participation = participation.astype({"employee_id": ids})
    for year in (2024, 2025):
        _assert_jp_by_group_matches_planning(
            employees, participation, programs, ["unit", "position_type", "sex"], year
        )
    _assert_jp_by_group_matches_planning(
        employees, participation, programs, ["unit"], 2025, minimum=8.0
    )
    # JP that are not whole numbers: pandas sums them itself (no bincount shortcut)
    odd = participation.assign(jp=participation["jp"].fillna(0.1).where(lambda s: s != 12.0))
    _assert_jp_by_group_matches_planning(employees, odd, programs, ["unit", "sex"], 2025)


def test_jp_by_group_equals_planning_on_sample(sample_dir):
    ds = load_dataset(sample_dir, "ambon")
    dims = ["unit", "position_type", "sex"]
    for year in (2024, 2025):
        _assert_jp_by_group_matches_planning(
            ds.employees, ds.participation, ds.programs, dims, year
        )


def test_summary_equals_planning_per_person():
    """participation_summary's JP per group is the sum of jp_status' per-person JP."""
    from kompetensi_toolkit.planning import jp_earned, jp_status

    employees, participation, programs = messy()
    earned = jp_earned(participation.dropna(subset=["start_date"]), programs)
    out = participation_summary(employees, participation, programs, by="unit")
    for year in (2024, 2025):
        status = jp_status(employees, earned, year=year)
        want = status.groupby("unit")["jp"].agg(["size", "sum"])
        meets = (~status["under"]).groupby(status["unit"]).sum()
        got = out[out["year"] == year].set_index("unit")
        assert got["n_staff"].tolist() == want["size"].tolist()
        assert got["jp_total"].tolist() == want["sum"].tolist()
        assert got["share_meeting_20jp"].tolist() == (meets / want["size"]).tolist()
    c25 = row(out, unit="C", year=2025)  # e7, the second e2, the missing id
    assert (c25["n_staff"], c25["participants"], c25["participations"]) == (3, 1, 2)
    assert c25["jp_total"] == 20.0  # e2's 12 + 8 again; the missing id matches no row


def test_never_participants_duplicates_and_missing_ids():
    employees, participation, _ = messy()
    out = never_participants(employees, participation, by=None, years=2025)
    # 2025: e3, e7 never; the second e2 took part; e8 did (P3 2025-04-01); the missing
    # id counts as taking part because a 2025 row has a missing id (Series.isin matches them)
    assert out[["n_staff", "n_never"]].iloc[0].tolist() == [10, 2]
    no_missing_row = participation[participation["employee_id"].notna()]
    out = never_participants(employees, no_missing_row, by=None, years=2025)
    assert out["n_never"].iloc[0] == 3
    cat = participation.astype({"employee_id": "category"})
    pd.testing.assert_frame_equal(
        never_participants(employees, cat, years=[2024, 2025]),
        never_participants(employees, participation, years=[2024, 2025]),
    )


def test_model_does_not_import_all_of_statsmodels():
    # statsmodels.api imports every statsmodels module (about half a second more than
    # the Logit module the model needs).
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.path.insert(0, 'tests')  # the tests' conftest, as pytest finds it\n"
        "from tests.test_outcomes_participation import simulate\n"
        "from kompetensi_toolkit.outcomes.participation import nonparticipation_model\n"
        "employees, participation, _ = simulate()\n"
        "model = nonparticipation_model(employees, participation, predictors=['unit'])\n"
        "print(model.converged, 'statsmodels.api' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=str(Path(__file__).resolve().parents[1]),
    )  # fmt: skip
    assert done.stdout.split() == ["True", "False"]


def test_model_runs_on_one_blas_thread_and_restores_the_limit(monkeypatch):
    # Small products (staff × a few dozen columns): BLAS threads cost more than they
    # save, and with one thread the odds ratios do not depend on the kernel's threads.
    employees, participation, _ = simulate()
    before = blas_threads()
    seen = record_blas_threads(monkeypatch, np.linalg, "matrix_rank")
    model = nonparticipation_model(employees, participation, predictors=["position_type", "unit"])
    assert len(seen) >= 2 and all(s == {1} for s in seen)
    assert blas_threads() == before
    assert model.converged and model.notes == ()
