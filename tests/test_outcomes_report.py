"""The programme outcomes report's words: key figures masked once, sentences, summary.json."""

from __future__ import annotations

import copy
import functools
import json
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from kompetensi_toolkit import labels, privacy, reporting
from kompetensi_toolkit.exceptions import MissingColumnError, ParameterError
from kompetensi_toolkit.outcomes import comparison, effects, report, service
from kompetensi_toolkit.outcomes.effects import EFFECT_COLUMNS
from kompetensi_toolkit.privacy import REASON, SUPPRESSED

REGION = {"region_id": "ambon", "name": "Kota Ambon", "level": "kota", "province": "Maluku"}
U = [f"u{i}" for i in range(1, 10)]
#: The regulation's worked example: element totals from 29 respondents (IKM 91.48 / 90.56).
WORKED_TOTALS = [105, 101, 100, 116, 102, 105, 106, 105, 115]
NBSP_DASH = "\u00a0–\u00a0"
MARKDOWN_FUNCTIONS = (
    report.participation_markdown,
    report.model_markdown,
    report.learning_markdown,
    report.behaviour_markdown,
    report.ikm_markdown,
    report.service_markdown,
    report.did_markdown,
    report.closure_markdown,
    report.summary_markdown,
)
HEADING_KEYS = (
    "heading.oc_participation",
    "heading.oc_model",
    "heading.oc_learning",
    "heading.oc_behaviour",
    "heading.oc_ikm",
    "heading.oc_service",
    "heading.oc_did",
    "heading.oc_closure",
)


# ---------------------------------------------------------------------------
# Builders: hand-made inputs with the documented columns, or real outcome functions.
# ---------------------------------------------------------------------------
def effects_frame(rows: list[dict]) -> pd.DataFrame:
    """A programme effects table (learning_effects' columns); unspecified statistics NaN."""
    out = []
    for row in rows:
        full = dict.fromkeys(EFFECT_COLUMNS, np.nan)
        full.update(program_id=row["program_id"], name=row.get("name", row["program_id"]))
        full.update(row)
        full["enough"] = bool(row.get("enough", full["n_pairs"] >= 10))
        out.append(full)
    frame = pd.DataFrame(out)[["program_id", "name", *EFFECT_COLUMNS]]
    frame["rank"] = frame["rank"].astype("Int64")
    frame["n_pairs"] = frame["n_pairs"].astype("int64")
    return frame


def two_programmes() -> pd.DataFrame:
    """Pelatihan A: clear gain (g 1.3333); Seminar B: no clear change."""
    return effects_frame(
        [
            dict(program_id="P1", name="Pelatihan A", n_pairs=40, mean_before=52.4,
                 mean_after=68.9, mean_diff=16.5, g_av=1.3333, g_av_low=0.9123,
                 g_av_high=1.7561, gain=0.3466, p_holm=0.0001, rank=1),
            dict(program_id="P2", name="Seminar B", n_pairs=30, mean_before=60.2,
                 mean_after=60.9, mean_diff=0.7, g_av=0.0712, g_av_low=-0.2,
                 g_av_high=0.33, gain=0.0176, p_holm=0.61, rank=2),
        ]
    )  # fmt: skip


def scores_with_small_programme() -> pd.DataFrame:
    """Pre/post pairs: P1 (12, big gain), P2 (12, none), P3 (4 pairs: too small to show)."""
    rng = np.random.default_rng(3)
    rows = []
    for pid, n, gain in (("P1", 12, 15.0), ("P2", 12, 0.5), ("P3", 4, 30.0)):
        pre = rng.normal(50, 8, n).round(1)
        post = (pre + rng.normal(gain, 5, n)).round(1)
        rows += [
            {"program_id": pid, "pre_test": a, "post_test": b}
            for a, b in zip(pre, post, strict=True)
        ]
    return pd.DataFrame(rows)


@functools.cache
def _learning_cached(min_pairs: int) -> pd.DataFrame:
    return effects.learning_effects(
        scores_with_small_programme(), PROGRAMS, min_pairs=min_pairs, n_boot=100
    )


def learning(min_pairs: int = 10) -> pd.DataFrame:
    """learning_effects of scores_with_small_programme (computed once, a fresh copy each call)."""
    return _learning_cached(min_pairs).copy()


PROGRAMS = pd.DataFrame(
    {
        "program_id": ["P1", "P2", "P3"],
        "name": ["Pelatihan A", "Seminar B", "Kursus C"],
        "form": ["pelatihan"] * 3,
        "mode": ["klasikal"] * 3,
    }
)


def yearly(n_staff: int = 1000, participants: int = 754) -> pd.DataFrame:
    """participation_summary's columns for 2024 and 2025."""
    return pd.DataFrame(
        {
            "year": [2024, 2025],
            "n_staff": [n_staff, n_staff],
            "participants": [600, participants],
            "share_participating": [600 / n_staff, participants / n_staff],
            "participations": [900, 1200],
            "completions": [800, 1100],
            "completion_rate": [0.889, 0.9167],
            "jp_total": [17000.0, 24060.0],
            "jp_per_employee": [17.0, 24.06],
            "share_meeting_20jp": [0.335, 0.4462],
        }
    )


def never_frame(n_staff: int = 1000, n_never: int = 103) -> pd.DataFrame:
    return pd.DataFrame(
        {"n_staff": [n_staff], "n_never": [n_never], "share_never": [n_never / n_staff]}
    )


def jp_groups() -> pd.DataFrame:
    """jp_by_group's columns: a small position group (3 staff) and a small n_meeting (2)."""
    frame = pd.DataFrame(
        {
            "year": 2025,
            "dimension": ["position_type"] * 3 + ["sex"] * 2 + ["unit"] * 3,
            "group": ["pelaksana", "pengawas", "administrator", "l", "p", "BKPSDM", "Dinkes",
                      "Bappeda"],
            "n_staff": [70, 27, 3, 52, 48, 40, 35, 25],
            "n_meeting": [30, 9, 1, 20, 20, 2, 24, 14],
            "mean_jp": [18.5, 21.0, 44.4, 20.0, 19.0, 12.5, 25.5, 22.2],
        }
    )  # fmt: skip
    frame["share_meeting"] = frame["n_meeting"] / frame["n_staff"]
    return frame


def model_result() -> SimpleNamespace:
    """A ParticipationModel-like result: two levels too small on one side."""
    table = pd.DataFrame(
        {
            "variable": ["position_type", "position_type", "position_type", "unit"],
            "level": ["pengawas", "administrator", "jpt_pratama", "BKPSDM"],
            "reference": ["pelaksana"] * 3 + ["Dinkes"],
            "n": [200, 100, 50, 80],
            "n_never": [60, 3, 47, 10],
            "odds_ratio": [2.5, 7.77, 8.88, 0.42],
            "or_low": [1.61, 2.22, 3.33, 0.21],
            "or_high": [3.89, 27.1, 23.4, 0.83],
            "p_value": [0.0002, 0.003, 0.0001, 0.012],
        }
    )
    return SimpleNamespace(table=table, n=430, n_never=120, pseudo_r2=0.081, converged=True)


def worked_survey(period: str = "2025", unit: str = "Disdukcapil") -> pd.DataFrame:
    """29 respondents whose element totals are the regulation's worked example."""
    rng = np.random.default_rng(1)
    columns = {}
    for u, total in zip(U, WORKED_TOTALS, strict=True):
        fours = total - 3 * 29
        columns[u] = rng.permutation([4] * fours + [3] * (29 - fours))
    frame = pd.DataFrame(columns)
    frame.insert(0, "unit", unit)
    frame.insert(1, "period", period)
    return frame


def flat_survey(answer: int, n: int, period: str, unit: str) -> pd.DataFrame:
    frame = pd.DataFrame({u: [answer] * n for u in U})
    frame.insert(0, "unit", unit)
    frame.insert(1, "period", period)
    return frame


def survey_two_periods() -> pd.DataFrame:
    """2024: all 3s (IKM 75.00, C); 2025: the worked example (IKM 91.48, A)."""
    return pd.concat(
        [flat_survey(3, 29, "2024", "Disdukcapil"), worked_survey("2025")], ignore_index=True
    )


def service_region() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": ["2024", "2025"],
            "waiting_minutes": [35.93, 30.41],
            "complaints_received": [1038.0, 1033.0],
            "complaints_resolved_in_sla": [711.0, 815.0],
            "share_in_sla": [0.685, 0.789],
            "first_response_days": [2.53, 2.06],
            "first_response_in_sla": [0.70, 0.81],
            "n_periods": [12, 12],
        }
    )


def did_panel(n_per_group: int) -> pd.DataFrame:
    """Units observed in 2024 and 2025; treated gain 6 more than control, plus noise."""
    rng = np.random.default_rng(7)
    rows = []
    for treated in (True, False):
        for i in range(n_per_group):
            base = 75 + rng.normal(0, 3)
            change = (8.0 if treated else 2.0) + rng.normal(0, 1)
            unit = f"{'T' if treated else 'C'}{i}"
            rows.append((unit, "2024", base, treated, False))
            rows.append((unit, "2025", base + change, treated, True))
    return pd.DataFrame(rows, columns=["unit", "period", "ikm", "high_coverage", "post"])


def small_did() -> comparison.DiffInDiff:
    """The comparison module's example: 2 units per group, estimate 5.0."""
    panel = pd.DataFrame(
        {
            "unit": ["a", "a", "b", "b", "c", "c", "d", "d"],
            "period": ["2024", "2025"] * 4,
            "ikm": [80.0, 86.0, 78.0, 85.0, 81.0, 82.0, 79.0, 81.0],
            "high_coverage": [True] * 4 + [False] * 4,
            "post": [False, True] * 4,
        }
    )
    return comparison.diff_in_diff(panel, "ikm")


def coverage_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit": ["DPMPTSP", "Disdukcapil", "Kec. Sirimau", "RSUD"],
            "n_staff": [46, 70, 4, 494],
            "n_trained": [32, 37, 3, 2],
            "coverage": [32 / 46, 37 / 70, 3 / 4, 2 / 494],
            "high_coverage": [True, True, True, False],
        }
    )


def closure_frame() -> pd.DataFrame:
    """gap_closure's columns: M.01 shown, M.02 with 3 trained (masked), the pooled row."""
    return pd.DataFrame(
        {
            "competency_id": ["M.01", "M.02", "all"],
            "n_trained": [40, 3, 43],
            "n_untrained": [60, 55, 115],
            "change_trained": [7.11, 13.77, 6.34],
            "change_untrained": [2.02, 1.96, 2.01],
            "difference": [5.09, 11.81, 4.33],
            "diff_low": [2.22, 6.66, 1.52],
            "diff_high": [7.93, 16.96, 7.08],
            "level_change_trained": [0.41, 0.99, 0.38],
            "level_change_untrained": [0.12, 0.11, 0.12],
        }
    )


COMPETENCIES = pd.DataFrame(
    {
        "competency_id": ["M.01", "M.02"],
        "name_id": ["Integritas", "Kerja sama"],
        "name_en": ["Integrity", "Teamwork"],
    }
)


def full_inputs() -> dict:
    """Every input of key_figures, made by hand or with the real outcome functions."""
    survey = survey_two_periods()
    return dict(
        region=REGION,
        year=2025,
        participation=yearly(),
        jp_groups=jp_groups(),
        never=never_frame(),
        never_years=[2024, 2025],
        model=model_result(),
        learning=learning(),
        behaviour=two_programmes(),
        min_pairs=10,
        ikm_units=service.ikm(survey, by=("unit", "period"), n_boot=50),
        ikm_change=service.ikm_change(survey, by="unit", n_boot=50),
        ikm_region=service.ikm(survey, by="period", n_boot=50),
        weighting="exact",
        service=service_region().assign(unit="Disdukcapil"),
        service_region=service_region(),
        coverage=coverage_frame(),
        did=small_did(),
        closure=closure_frame(),
        competencies=COMPETENCIES,
    )


@pytest.fixture(scope="module")
def inputs() -> dict:
    return full_inputs()


@pytest.fixture(scope="module")
def figures(inputs) -> dict:
    return report.key_figures(**inputs)


@pytest.fixture(scope="module")
def figures_en(inputs) -> dict:
    return report.key_figures(**inputs, lang="en")


def _walk_keys(value) -> set[str]:
    if isinstance(value, dict):
        keys = {str(k) for k in value}
        for v in value.values():
            keys |= _walk_keys(v)
        return keys
    if isinstance(value, list):
        return set().union(*(_walk_keys(v) for v in value)) if value else set()
    return set()


# ---------------------------------------------------------------------------
# key_figures: masking.
# ---------------------------------------------------------------------------
def test_inputs_unchanged(inputs):
    given = inputs
    kept = copy.deepcopy(given)
    figures = report.key_figures(**given)
    for key, value in kept.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(given[key], value, obj=key)
    pd.testing.assert_frame_equal(given["model"].table, kept["model"].table)
    pd.testing.assert_frame_equal(given["did"].means, kept["did"].means)
    # the sentences and the summary change no figure either
    frames = {k: v.copy() for k, v in figures.items() if isinstance(v, pd.DataFrame)}
    for func in MARKDOWN_FUNCTIONS:
        func(figures, "en")
    report.summary(figures)
    for key, frame in frames.items():
        pd.testing.assert_frame_equal(figures[key], frame, obj=key)


def test_small_programme_fully_masked_and_absent_from_text():
    raw = learning()
    small_raw = raw.set_index("program_id").loc["P3"]
    assert small_raw["n_pairs"] == 4 and not np.isnan(small_raw["g_av"])  # the test has teeth
    figures = report.key_figures(region=REGION, year=None, learning=raw, min_pairs=10)
    table = figures["learning"].set_index("program_id")
    small = table.loc["P3"]
    assert small[SUPPRESSED] and small[REASON] == "small"
    assert pd.isna(small["n_pairs"])
    for col in report._EFFECT_STATS:
        assert pd.isna(small[col]), col
    assert (small["g_text"], small["ci_text"], small["p_text"]) == ("–", "–", "–")
    shown = table.loc["P1"]
    assert not shown[SUPPRESSED] and shown["n_pairs"] == 12
    assert shown["g_av"] == pytest.approx(raw.set_index("program_id").loc["P1", "g_av"])
    for lang in ("id", "en"):
        text = report.learning_markdown(figures, lang) + report.summary_markdown(figures, lang)
        for col in ("mean_before", "mean_after", "mean_diff", "g_av", "g_av_low", "g_av_high",
                    "d_z"):  # fmt: skip
            for decimals in (1, 2):
                written = labels.format_number(small_raw[col], lang, decimals=decimals)
                assert written not in text, (col, written)
        assert labels.format_percent(small_raw["gain"], lang) not in text
        assert "Kursus C" in text  # listed as not assessed, without its numbers
    assert report.ranked(figures["learning"])["program_id"].tolist() == ["P1", "P2"]


def test_small_programme_rank_masked_when_min_pairs_below_min_group_size():
    raw = learning(min_pairs=3)
    assert raw.set_index("program_id").loc["P3", "rank"] == 1  # ranked before masking
    figures = report.key_figures(region=REGION, year=None, learning=raw, min_pairs=3)
    small = figures["learning"].set_index("program_id").loc["P3"]
    assert small[SUPPRESSED]
    assert pd.isna(small["rank"])


def test_jp_groups_match_privacy_semantics():
    raw = jp_groups()
    figures = report.key_figures(region=REGION, year=None, jp_groups=raw)
    position = figures["jp_position"].set_index("position_type")
    # 3 staff: small; the next smallest position group (27) hidden to protect it
    assert position.loc["administrator", REASON] == "small"
    assert position.loc["pengawas", REASON] == "complementary"
    assert position.loc[["administrator", "pengawas"], "n_staff"].isna().all()
    assert position.loc[["administrator", "pengawas"], "mean_jp"].isna().all()
    assert position.loc["pelaksana", "n_staff"] == 70 and not position.loc["pelaksana", SUPPRESSED]
    # the complement stays in its dimension: no sex or unit group loses its size
    assert figures["jp_sex"]["n_staff"].tolist() == [52, 48]
    units = figures["jp_units"].set_index("unit")
    assert units["n_staff"].tolist() == [40, 35, 25]
    # 2 of 40 staff meet 20 JP: that count and its share hidden, the group's size and JP kept
    assert pd.isna(units.loc["BKPSDM", "n_meeting"])
    assert np.isnan(units.loc["BKPSDM", "share_meeting"])
    assert units.loc["BKPSDM", "mean_jp"] == 12.5 and units.loc["BKPSDM", REASON] == "small"
    # exactly what privacy.suppress_nested gives, split by dimension
    cols = ["dimension", "group", "n_staff", "n_meeting", "share_meeting", "mean_jp"]
    expected = privacy.suppress_nested(
        raw[cols], "n_staff", "n_meeting", 5, total_derived=["mean_jp"],
        part_derived=["share_meeting"], by="dimension",
    )  # fmt: skip
    for dimension, key in (
        ("position_type", "jp_position"),
        ("sex", "jp_sex"),
        ("unit", "jp_units"),
    ):
        want = expected[expected["dimension"] == dimension].drop(columns="dimension")
        want = want.rename(columns={"group": dimension}).reset_index(drop=True)
        got = figures[key]
        for col in ("n_staff", "n_meeting"):
            assert got[col].astype("Float64").tolist() == want[col].astype("Float64").tolist()
        assert got[REASON].tolist() == want[REASON].tolist()
        np.testing.assert_allclose(got["share_meeting"], want["share_meeting"])


def test_jp_meeting_complement_within_dimension():
    # Women: 3 of 40 meet 20 JP (small); men 20 of 60. Units and positions add up to the
    # same 23 meeting 20 JP; the smallest other count (6) is a position group.
    raw = pd.DataFrame(
        {
            "dimension": ["sex", "sex", "unit", "unit", "position_type", "position_type"],
            "group": ["l", "p", "U1", "U2", "pelaksana", "pengawas"],
            "n_staff": [60, 40, 50, 50, 30, 70],
            "n_meeting": [20, 3, 10, 13, 6, 17],
            "mean_jp": [20.0, 18.0, 19.0, 19.5, 15.0, 21.0],
        }
    )
    raw["share_meeting"] = raw["n_meeting"] / raw["n_staff"]
    figures = report.key_figures(region=REGION, year=None, jp_groups=raw)
    sex = figures["jp_sex"].set_index("sex")
    units = figures["jp_units"].set_index("unit")
    assert pd.isna(sex.loc["p", "n_meeting"])
    if units["n_meeting"].notna().all():  # women = (10 + 13) − men: the men's count must go
        assert pd.isna(sex.loc["l", "n_meeting"])


def test_model_rows_with_few_never_or_ever_masked():
    model = model_result()
    figures = report.key_figures(region=REGION, year=2025, model=model)
    table = figures["model_table"].set_index("level")
    for level in ("administrator", "jpt_pratama"):  # 3 never; 50 − 47 = 3 ever
        row = table.loc[level]
        assert row[SUPPRESSED] and row[REASON] == "small"
        for col in ("n_never", "odds_ratio", "or_low", "or_high", "p_value"):
            assert pd.isna(row[col]), (level, col)
        assert row["ci_text"] == "–" and row["p_text"] == "–"
    row = table.loc["pengawas"]
    assert not row[SUPPRESSED] and row["odds_ratio"] == 2.5 and row["n_never"] == 60
    assert row["ci_text"] == f"1,61{NBSP_DASH}3,89"
    assert row["p_text"] == "< 0,001".replace(" ", "\u00a0")
    assert figures["model_n"] == 430 and figures["model_n_never"] == 120
    text = report.model_markdown(figures)
    assert "rasio odds 2,50" in text and "rasio odds 0,42" in text
    for hidden in ("7,77", "8,88", "2,22", "27,10", "3,33", "23,40"):
        assert hidden not in text
    assert "0,08" in text  # McFadden pseudo-R²
    assert labels.label("text.oc_model_caution", "id") in text


def test_model_small_totals_masked_and_reason_passed_on():
    model = model_result()
    model.n_never = 3
    figures = report.key_figures(region=REGION, year=2025, model=model)
    assert figures["model_n_never"] is None
    text = report.model_markdown(figures, "en")
    assert "(< 5 of whom" in text and "(3 of whom" not in text
    figures = report.key_figures(region=REGION, year=2025, model="model_too_few")
    assert figures["model_table"] is None and figures["model_n"] is None
    for lang in ("id", "en"):
        assert report.model_markdown(figures, lang).endswith(
            labels.text(
                "text.oc_model_none",
                lang,
                reason=labels.label("text.oc_reason.model_too_few", lang),
            )
        )
    figures = report.key_figures(region=REGION, year=2025, model="singular *matrix*")
    assert report.model_markdown(figures, "en").endswith(
        r"could not be fitted: singular \*matrix\*"
    )


def test_ikm_units_with_few_respondents_masked():
    survey = pd.concat(
        [worked_survey("2025", "Disdukcapil"), flat_survey(2, 3, "2025", "Kelurahan X")],
        ignore_index=True,
    )
    units = service.ikm(survey, by=("unit", "period"), n_boot=50)
    figures = report.key_figures(region=REGION, year=None, ikm_units=units)
    out = figures["ikm_units"].set_index("unit")
    small = out.loc["Kelurahan X"]
    assert small[SUPPRESSED] and small[REASON] == "small"
    assert pd.isna(small["n_respondents"]) and pd.isna(small["grade"])
    for col in ("ikm", "ikm_low", "ikm_high", *[f"nrr_u{i}" for i in range(1, 10)]):
        assert pd.isna(small[col]), col
    shown = out.loc["Disdukcapil"]
    assert shown["n_respondents"] == 29 and shown["ikm"] == pytest.approx(91.475, abs=1e-3)
    assert shown["grade"] == "A" and not shown[SUPPRESSED]


def test_ikm_change_and_region_periods_masked():
    survey = pd.concat(
        [
            flat_survey(3, 29, "2024", "Disdukcapil"),
            worked_survey("2025", "Disdukcapil"),
            flat_survey(3, 3, "2024", "Kelurahan X"),
            flat_survey(4, 20, "2025", "Kelurahan X"),
        ],
        ignore_index=True,
    )
    change = service.ikm_change(survey, by="unit", n_boot=50)
    region = pd.DataFrame(
        {"period": ["2023", "2024", "2025"], "n": [4, 32, 49], "ikm": [60.0, 75.0, 90.0],
         "ikm_low": [50.0, 73.0, 89.0], "ikm_high": [70.0, 77.0, 91.0], "grade": ["D", "C", "A"]}
    )  # fmt: skip
    figures = report.key_figures(region=REGION, year=None, ikm_change=change, ikm_region=region)
    out = figures["ikm_change"].set_index("unit")
    assert out.loc["Kelurahan X", SUPPRESSED] and out.loc["Kelurahan X", REASON] == "small"
    for col in ("ikm_before", "ikm_after", "change", "change_low", "change_high", "grade_before",
                "grade_after"):  # fmt: skip
        assert pd.isna(out.loc["Kelurahan X", col]), col
    assert out.loc["Disdukcapil", "change"] == pytest.approx(91.475 - 75.0, abs=1e-3)
    # the region's 2023 (4 respondents) is neither the latest nor the previous period
    assert figures["ikm_periods"] == ["2024", "2025"]
    assert figures["ikm_previous"] == 75.0 and figures["ikm_previous_period"] == "2024"
    assert (figures["ikm_latest"], figures["ikm_latest_n"]) == (90.0, 49)


def test_ikm_change_small_respondent_counts_masked():
    survey = pd.concat(
        [flat_survey(3, 3, "2024", "Kelurahan X"), flat_survey(4, 20, "2025", "Kelurahan X")],
        ignore_index=True,
    )
    change = service.ikm_change(survey, by="unit", n_boot=50)
    figures = report.key_figures(region=REGION, year=None, ikm_change=change)
    row = figures["ikm_change"].iloc[0]
    assert row[SUPPRESSED]
    assert pd.isna(row["n_before"])


def test_closure_competency_with_few_trained_masked():
    figures = report.key_figures(
        region=REGION, year=None, closure=closure_frame(), competencies=COMPETENCIES, lang="en"
    )
    closure = figures["closure"].set_index("competency_id")
    assert "all" not in closure.index
    small = closure.loc["M.02"]
    assert small[SUPPRESSED] and small[REASON] == "small"
    assert pd.isna(small["n_trained"]) and small["n_untrained"] == 55
    for col in ("change_trained", "change_untrained", "difference", "diff_low", "diff_high",
                "level_change_trained", "level_change_untrained"):  # fmt: skip
        assert pd.isna(small[col]), col
    assert closure.loc["M.01", "difference"] == 5.09 and not closure.loc["M.01", SUPPRESSED]
    assert closure["competency"].tolist() == ["Integrity", "Teamwork"]
    assert figures["closure_all"] == {
        "n_trained": 43, "n_untrained": 115, "change_trained": 6.34, "change_untrained": 2.01,
        "difference": 4.33, "diff_low": 1.52, "diff_high": 7.08,
    }  # fmt: skip
    for lang in ("id", "en"):
        text = report.closure_markdown(figures, lang)
        for hidden in (11.81, 13.77, 6.66, 16.96):
            assert labels.format_number(hidden, lang, 1) not in text
            assert labels.format_number(hidden, lang, 2) not in text


def test_closure_pooled_row_masked_gives_none_text():
    closure = closure_frame()
    closure.loc[2, "n_trained"] = 4
    figures = report.key_figures(region=REGION, year=None, closure=closure)
    assert figures["closure_all"]["difference"] is None
    assert figures["closure_all"]["n_trained"] is None
    text = report.closure_markdown(figures)
    assert labels.label("text.oc_closure_none", "id") in text
    assert "4,3" not in text


def test_participation_small_counts_masked():
    figures = report.key_figures(
        region=REGION, year=2025, participation=yearly(participants=3),
        never=never_frame(n_never=4), never_years=[2024, 2025],
    )  # fmt: skip
    assert figures["n_staff"] == 1000 and figures["participants"] is None
    assert figures["share_participating"] is None
    assert figures["n_never"] is None and figures["share_never"] is None
    assert figures["jp_per_employee"] == 24.06
    for lang in ("id", "en"):
        text = report.participation_markdown(figures, lang) + report.summary_markdown(figures, lang)
        assert "0,3%" not in text and "0.3%" not in text and "0,4%" not in text
        assert not re.search(r"(?<![\d,.])[34](?![\d,.])", text)  # neither 3 nor 4 written
        # who never took part: 4 staff, so no sentence (no count, no share)
        assert "tidak pernah ikut pelatihan" not in text and "no training at all" not in text


def test_participation_few_participants_not_called_small_region():
    figures = report.key_figures(region=REGION, year=2025, participation=yearly(participants=3))
    for lang in ("id", "en"):
        text = report.participation_markdown(figures, lang)
        assert labels.text("text.oc_participation_small", lang, threshold=5) not in text
        assert "1.000" in text if lang == "id" else "1,000" in text


def test_participation_small_region_not_called_no_data():
    figures = report.key_figures(
        region=REGION, year=2025, participation=yearly(n_staff=4, participants=2)
    )
    assert figures["n_staff"] is None and figures["participants"] is None
    assert figures["jp_per_employee"] is None and figures["completion_rate"] is None
    for lang in ("id", "en"):
        text = report.participation_markdown(figures, lang)
        assert labels.label("text.oc_participation_none", lang) not in text
        assert labels.text("text.oc_participation_small", lang, threshold=5) in text
        assert "24,1" not in text and "24.1" not in text and "50" not in text


def test_coverage_units_masked_nested():
    figures = report.key_figures(region=REGION, year=None, coverage=coverage_frame())
    cov = figures["coverage_units"].set_index("unit")
    assert list(cov.columns[:3]) == ["n_staff", "n_trained", "share_trained"]
    assert cov.loc["Kec. Sirimau", REASON] == "small"
    assert (
        cov.loc[["Kec. Sirimau"], ["n_staff", "n_trained", "share_trained"]].isna().all(axis=None)
    )
    assert cov.loc["RSUD", "n_staff"] == 494 and pd.isna(cov.loc["RSUD", "n_trained"])
    assert cov["n_staff"].isna().sum() == 2  # one small, one complementary


def test_key_figures_parameter_and_column_errors():
    with pytest.raises(ParameterError, match="lang"):
        report.key_figures(region=REGION, year=None, lang="fr")
    with pytest.raises(ParameterError, match="min_group_size"):
        report.key_figures(region=REGION, year=None, min_group_size=0)
    with pytest.raises(MissingColumnError, match="n_pairs"):
        report.key_figures(
            region=REGION, year=None, learning=two_programmes().drop(columns="n_pairs")
        )
    with pytest.raises(MissingColumnError, match="n_meeting"):
        report.key_figures(
            region=REGION, year=None, jp_groups=jp_groups().drop(columns="n_meeting")
        )
    with pytest.raises(MissingColumnError, match="diff_low"):
        report.key_figures(
            region=REGION, year=None, closure=closure_frame().drop(columns="diff_low")
        )


@pytest.mark.parametrize("column", ["g_av_low", "p_holm"])
def test_effects_missing_used_column_is_missing_column_error(column):
    with pytest.raises(MissingColumnError, match=column):
        report.key_figures(region=REGION, year=None, learning=two_programmes().drop(columns=column))


# ---------------------------------------------------------------------------
# Sentences.
# ---------------------------------------------------------------------------
def test_effects_sentences_numbers_written_readers_way():
    figures = report.key_figures(region=REGION, year=None, learning=two_programmes())
    text = report.learning_markdown(figures, "id")
    assert (
        f"1 dari 2 program yang dinilai menaikkan nilai post-test secara nyata; efek terbesar: "
        f"**Pelatihan A** (g = 1,33; IK 95% 0,91{NBSP_DASH}1,76)."
    ) in text
    assert (
        "Pada **Pelatihan A** rata-rata nilai naik dari 52,4 menjadi 68,9 (efek besar; "
        "normalized gain 34,7%)."
    ) in text
    assert "1 program tidak menunjukkan kenaikan nyata: **Seminar B**" in text
    text = report.learning_markdown(figures, "en")
    assert f"**Pelatihan A** (g = 1.33; 95% CI 0.91{NBSP_DASH}1.76)" in text
    assert "rose from 52.4 to 68.9 (a large effect; normalised gain 34.7%)" in text
    assert "1,33" not in text and "34,7%" not in text


def test_effect_bands():
    assert [report._band(g) for g in (0.19, -0.2, 0.49, 0.5, 0.79, -0.8, 3.0)] == [
        "negligible", "small", "small", "medium", "medium", "large", "large",
    ]  # fmt: skip


def test_flagged_programmes_listed_five_then_more():
    rows = [dict(program_id=f"P{i}", name=f"Prog {i}", n_pairs=6) for i in range(1, 9)]
    figures = report.key_figures(region=REGION, year=None, behaviour=effects_frame(rows))
    text = report.behaviour_markdown(figures, "en")
    assert labels.text("text.oc_behaviour_none_ranked", "en", min_pairs=10) in text
    assert "Programmes not assessed because they have fewer than 10 pairs of scores (8)" in text
    assert "Prog 1, Prog 2, Prog 3, Prog 4, Prog 5 and 3 more." in text
    assert "Prog 6" not in text


def test_best_programme_sentence_when_scores_fell():
    frame = effects_frame(
        [dict(program_id="P1", name="Pelatihan A", n_pairs=30, mean_before=3.6, mean_after=3.1,
              mean_diff=-0.5, g_av=-0.61, g_av_low=-0.9, g_av_high=-0.3, gain=-0.36,
              p_holm=0.001, rank=1)]
    )  # fmt: skip
    figures = report.key_figures(region=REGION, year=None, behaviour=frame)
    assert "rose from 3.6 to 3.1" not in report.behaviour_markdown(figures, "en")


def test_participation_sentences():
    figures = report.key_figures(
        region=REGION, year=2025, participation=yearly(), jp_groups=jp_groups(),
        never=never_frame(), never_years=[2024, 2025],
    )  # fmt: skip
    text = report.participation_markdown(figures, "id")
    assert (
        "Pada 2025, 754 dari 1.000 pegawai (**75,4%**) mengikuti setidaknya satu pelatihan; "
        "rata-rata 24,1 JP per pegawai, dan **44,6%** pegawai memenuhi 20 JP."
    ) in text
    assert "91,7% keikutsertaan diselesaikan." in text
    assert (
        "Sebanyak 103 pegawai (**10,3%**) tidak pernah ikut pelatihan apa pun pada 2024–2025."
        in text
    )
    assert "Pegawai perempuan memenuhi 20 JP sebesar 41,7%, laki-laki 38,5%." in text
    # only pelaksana is shown with at least 2 × 5 staff: no lowest/highest sentence
    assert "terendah" not in text
    text = report.participation_markdown(figures, "en")
    assert "In 2025, 754 of 1,000 staff (**75.4%**) took part" in text
    assert "24.1 JP per employee" in text and "41.7% of women and 38.5% of men met 20 JP." in text


def test_ikm_headline_grade_words_and_weighting():
    survey = survey_two_periods()
    # exact: 955 / 261 × 25 = 91.475 and 75.00; permen: 955 / 29 × 0.11 × 25 = 90.56 and 74.25
    for weighting, ikm_text, change, weight_id, weight_en in (
        ("exact", ("91,48", "91.48"), "+16,48", "1/9", "1/9"),
        ("permen", ("90,56", "90.56"), "+16,31", "0,11", "0.11"),
    ):
        figures = report.key_figures(
            region=REGION, year=None, weighting=weighting,
            ikm_region=service.ikm(survey, by="period", weighting=weighting, n_boot=100),
        )  # fmt: skip
        text = report.ikm_markdown(figures, "id")
        assert f"IKM 2025: **{ikm_text[0]}**, mutu pelayanan **A (Sangat Baik)**." in text
        assert f"Perubahan dibanding 2024: {change} poin." in text
        assert "Dihitung dari 29 responden" in text and weight_id in text
        text = report.ikm_markdown(figures, "en")
        assert f"IKM 2025: **{ikm_text[1]}**, service grade **A (Very good)**." in text
        assert weight_en in text
    # the 2024 grade in words: all 3s give 75.00, grade C
    figures = report.key_figures(
        region=REGION, year=None,
        ikm_region=service.ikm(flat_survey(3, 29, "2024", "A"), by="period", n_boot=0),
    )  # fmt: skip
    assert "**75,00**, mutu pelayanan **C (Kurang Baik)**" in report.ikm_markdown(figures)
    assert "Perubahan" not in report.ikm_markdown(figures)
    assert "0,11" not in report.ikm_markdown(figures) and "1/9" in report.ikm_markdown(figures)


def test_ikm_units_changed_sentence():
    change = pd.DataFrame(
        {
            "unit": ["Up", "Down", "Flat", "Tiny"],
            "period_before": "2024",
            "period_after": "2025",
            "n_before": [40, 40, 40, 3],
            "n_after": [40, 40, 40, 40],
            "ikm_before": [70.0, 80.0, 75.0, 60.0],
            "ikm_after": [78.0, 74.0, 75.5, 50.0],
            "change": [8.0, -6.0, 0.5, -10.0],
            "change_low": [4.0, -9.0, -2.0, -15.0],
            "change_high": [12.0, -2.0, 3.0, -5.0],
            "grade_before": ["C", "B", "C", "D"],
            "grade_after": ["B", "C", "C", "D"],
        }
    )
    region = pd.DataFrame({"period": ["2025"], "n": [120], "ikm": [77.7], "ikm_low": [76.0],
                           "ikm_high": [79.0], "grade": ["B"]})  # fmt: skip
    figures = report.key_figures(region=REGION, year=None, ikm_change=change, ikm_region=region)
    text = report.ikm_markdown(figures, "en")
    assert "Of 3 service units that can be compared, 1 improved clearly and 1 declined" in text
    assert "IKM declined clearly in **Down**." in text
    assert "Tiny" not in text  # its 3 respondents hide it: not counted as declined


def test_service_sentences():
    figures = report.key_figures(region=REGION, year=None, service_region=service_region())
    text = report.service_markdown(figures, "id")
    assert (
        "Pada 2025, **78,9%** pengaduan diselesaikan dalam batas waktu; respons pertama "
        "rata-rata 2,1 hari (batas 3 hari); waktu tunggu rata-rata 30 menit."
    ) in text
    assert "Pada 2024: 68,5% pengaduan dalam batas waktu, waktu tunggu 36 menit." in text
    text = report.service_markdown(figures, "en")
    assert "In 2025, **78.9%** of complaints" in text and "2.1 days on average" in text


def test_did_sentences_caution_always_few_units_only_when_few():
    figures = report.key_figures(region=REGION, year=None, did=small_did(), threshold=0.3)
    assert figures["did_estimate"] == pytest.approx(5.0)
    assert figures["did_few_units"] is True
    text = report.did_markdown(figures, "id", before="2024", after="2025")
    assert f"30,0%, {labels.label('text.oc_did_rule.fixed', 'id')})" in text
    assert (
        "IKM 2 unit dengan cakupan tinggi berubah +6,50 poin dari 2024 ke 2025, 2 unit lain "
        "+1,50 poin: selisih perubahan (difference-in-differences) **+5,00 poin**"
    ) in text
    assert labels.label("text.oc_did_caution", "id") in text
    assert labels.label("text.oc_did_few_units", "id") in text
    text = report.did_markdown(figures, "en", before="2024", after="2025")
    assert "changed +6.50 points from 2024 to 2025" in text and "**+5.00 points**" in text
    assert labels.label("text.oc_did_caution", "en") in text
    assert labels.label("text.oc_did_few_units", "en") in text

    n = report.MIN_UNITS
    many = comparison.diff_in_diff(did_panel(n), "ikm")
    assert min(many.n_units_treated, many.n_units_control) == n
    figures = report.key_figures(region=REGION, year=None, did=many)
    assert figures["did_few_units"] is False
    for lang in ("id", "en"):
        text = report.did_markdown(figures, lang, before="2024", after="2025")
        assert labels.label("text.oc_did_caution", lang) in text
        assert labels.label("text.oc_did_few_units", lang) not in text
        assert labels.format_number(many.estimate, lang, 2) in text
    fewer = comparison.diff_in_diff(did_panel(n - 1), "ikm")
    figures = report.key_figures(region=REGION, year=None, did=fewer)
    assert labels.label("text.oc_did_few_units", "en") in report.did_markdown(figures, "en")
    assert labels.label("text.oc_did_headline", "en").split("{")[0] in report.summary_markdown(
        figures, "en"
    )


def test_did_reason_written():
    figures = report.key_figures(region=REGION, year=None, did="did_groups", threshold=0.5,
                                 threshold_rule="median", coverage=coverage_frame())  # fmt: skip
    for lang in ("id", "en"):
        text = report.did_markdown(figures, lang)
        reason = labels.label("text.oc_reason.did_groups", lang)
        assert labels.text("text.oc_did_none", lang, reason=reason) in text
        assert labels.label("text.oc_did_rule.median", lang) in text
        assert labels.label("text.oc_did_caution", lang) not in text
        assert labels.label("text.oc_did_headline", lang)[:20] not in report.summary_markdown(
            figures, lang
        )
        note = privacy.suppression_note(figures["coverage_units"], lang, 5)
        assert text.endswith("*" + note + "*")  # the coverage table's masking, in lang
    assert figures["did_estimate"] is None and figures["coverage_units"] is not None


def test_did_markdown_without_period_names():
    figures = report.key_figures(region=REGION, year=None, did=small_did())
    text = report.did_markdown(figures, "en")
    assert "from  to" not in text


def test_closure_sentence_numbers():
    figures = report.key_figures(region=REGION, year=None, closure=closure_frame())
    text = report.closure_markdown(figures, "id")
    assert (
        "43 pasangan pegawai–kompetensi yang dilatih di antara kedua asesmen berubah +6,3 poin "
        f"JPM dan 115 yang tidak dilatih +2,0 poin: selisih **+4,3 poin** (IK 95% "
        f"1,5{NBSP_DASH}7,1)."
    ) in text
    assert labels.label("text.oc_closure_caution", "id") in text
    text = report.closure_markdown(figures, "en")
    assert "**+4.3 points** (95% CI 1.5" in text and "+6.3" in text
    summary_text = report.summary_markdown(figures, "en")
    assert (
        f"closed their gap +4.3 JPM points more than untrained staff (95% CI 1.5{NBSP_DASH}7.1)"
        in (summary_text)
    )


def test_sections_say_none_without_inputs():
    for lang in ("id", "en"):
        figures = report.key_figures(region=REGION, year=None, lang=lang)
        expected = {
            report.participation_markdown: labels.label("text.oc_participation_none", lang),
            report.model_markdown: labels.text("text.oc_model_none", lang, reason=""),
            report.learning_markdown: labels.label("text.oc_learning_none", lang),
            report.behaviour_markdown: labels.label("text.oc_behaviour_none", lang),
            report.ikm_markdown: labels.label("text.oc_ikm_none", lang),
            report.service_markdown: labels.label("text.oc_service_none", lang),
            report.did_markdown: labels.text(
                "text.oc_did_none", lang, reason=labels.label("text.oc_did_no_data", lang)
            ),
            report.closure_markdown: labels.label("text.oc_closure_none", lang),
        }
        for func, none_text in expected.items():
            text = func(figures, lang)
            assert text.startswith("## "), func.__name__
            assert none_text.strip() in text, func.__name__
        summary = report.summary_markdown(figures, lang)
        assert summary.startswith(labels.text("text.oc_findings", lang, region="Kota Ambon"))
        assert summary.count("\n- ") == 1
        assert labels.label("text.oc_participation_none", lang) in summary


def test_languages_do_not_mix(figures, figures_en):
    headings = {lang: [labels.label(k, lang) for k in HEADING_KEYS] for lang in ("id", "en")}
    assert not set(headings["id"]) & set(headings["en"])
    for lang, other, figs in (("id", "en", figures), ("en", "id", figures_en)):
        text = "\n".join(f(figs, lang) for f in MARKDOWN_FUNCTIONS)
        for heading in headings[lang]:
            assert "## " + heading in text
        for heading in headings[other]:
            assert heading not in text, (lang, heading)
    text_en = "\n".join(f(figures_en, "en") for f in MARKDOWN_FUNCTIONS)
    for word in (r"IK 95%", r"\bpegawai\b", r"\bpoin\b", r"\bresponden\b", r"Sangat Baik"):
        assert not re.search(word, text_en), word
    text_id = "\n".join(f(figures, "id") for f in MARKDOWN_FUNCTIONS)
    for word in (r"95% CI", r"\bstaff\b", r"\bpoints\b", r"\brespondents\b", r"Very good"):
        assert not re.search(word, text_id), word


def test_markdown_checks_lang(figures):
    for func in MARKDOWN_FUNCTIONS:
        with pytest.raises(ParameterError, match="lang"):
            func(figures, "fr")


def test_summary_markdown_one_line_per_level(figures):
    text = report.summary_markdown(figures, "id")
    lines = text.split("\n")
    assert lines[0] == "Ringkasan hasil program pengembangan kompetensi di Kota Ambon:"
    bullets = [line for line in lines if line.startswith("- ")]
    assert len(bullets) == 6  # participation, L2, L3, IKM, DiD, closure
    assert "IKM 2025: **91,48**, mutu pelayanan **A (Sangat Baik)**." in text
    assert "Perubahan dibanding 2024: +16,48 poin." in text


# ---------------------------------------------------------------------------
# summary.json
# ---------------------------------------------------------------------------
def test_summary_json_serialisable_and_without_personal_keys(figures):
    out = report.summary(figures)
    payload = reporting.summary_payload(out, "outcomes")
    text = json.dumps(payload, allow_nan=False)
    back = json.loads(text)["figures"]
    keys = _walk_keys(back)
    assert not keys & {"employee_id", "name", "nip", "email"}
    assert back["region_id"] == "ambon" and back["year"] == 2025
    assert back["ikm_latest"] == pytest.approx(91.475, abs=1e-3)
    assert back["did_estimate"] == pytest.approx(5.0)
    assert back["closure_all"]["difference"] == 4.33
    # tables as records; the masked programme's numbers are None
    learning = {r["program_id"]: r for r in back["learning"]}
    assert learning["P3"]["suppressed"] is True and learning["P3"]["suppressed_reason"] == "small"
    for col in ("n_pairs", "mean_before", "mean_after", "g_av", "g_av_low", "g_av_high", "d_z",
                "gain", "p_t", "p_wilcoxon", "p_holm"):  # fmt: skip
        assert learning["P3"][col] is None, col
    assert learning["P1"]["n_pairs"] == 12 and learning["P1"]["g_av"] is not None
    position = {r["position_type"]: r for r in back["jp_position"]}
    assert position["administrator"]["n_staff"] is None
    assert position["pengawas"]["suppressed_reason"] == "complementary"
    assert position["pelaksana"]["n_staff"] == 70
    model = {r["level"]: r for r in back["model_table"]}
    assert model["administrator"]["odds_ratio"] is None and model["pengawas"]["odds_ratio"] == 2.5
    closure = {r["competency_id"]: r for r in back["closure"]}
    assert closure["M.02"]["difference"] is None and closure["M.01"]["difference"] == 5.09
    ikm_units = {(r["unit"], r["period"]): r for r in back["ikm_units"]}
    assert ikm_units[("Disdukcapil", "2025")]["grade"] == "A"
    assert ikm_units[("Disdukcapil", "2025")]["n_respondents"] == 29
    assert [r["group"] for r in back["did_means"]] == ["treated", "control"]


def test_summary_tables_records_before_payload(figures):
    out = report.summary(figures)
    assert isinstance(out["learning"], list) and isinstance(out["learning"][0], dict)
    small = next(r for r in out["learning"] if r["program_id"] == "P3")
    assert pd.isna(small["g_av"]) and pd.isna(small["n_pairs"])
    assert "name" not in small and "programme" not in small
    assert not any(isinstance(v, pd.DataFrame) for v in out.values())


def test_summary_of_empty_figures():
    out = report.summary(report.key_figures(region=REGION, year=None))
    for key in report._SUMMARY_TABLES:
        assert out[key] is None, key
    assert out["ikm_latest"] is None and out["did_estimate"] is None
    json.dumps(reporting.summary_payload(out, "outcomes"), allow_nan=False)
