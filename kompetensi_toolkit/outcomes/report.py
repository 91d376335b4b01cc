"""The words of the programme outcomes report: key figures masked once, then sentences.

:func:`key_figures` takes the outputs of the outcome functions for one region
and masks every small group once (:mod:`kompetensi_toolkit.privacy`), so the
sentences, charts, tables and ``summary.json`` show the same safe numbers.
The ``*_markdown`` functions write each section's findings in Bahasa
Indonesia or English; :func:`summary` is the part that goes into
``summary.json``. No function here reads or writes files, draws, or changes
its inputs.

What is masked, with ``m`` = ``min_group_size``:

* participation: a group (unit, position type, sex) of fewer than ``m``
  staff, with complementary suppression within each breakdown; then a
  number meeting 20 JP below ``m``;
* the non-participation model: a level whose never- or ever-participating
  staff number fewer than ``m`` (its odds ratio would describe them);
* programme effects (levels 2, 3): a programme with fewer than ``m`` pairs;
* IKM: a unit and period with fewer than ``m`` respondents;
* gap closure: a competency with fewer than ``m`` trained or untrained pairs;
* training coverage of a unit: as participation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from kompetensi_toolkit import config, labels, privacy
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.narrative import (
    _competency_name,
    _masked_count,
    _missing,
    _region,
    _small,
    _text,
    count_text,
    float_or_none,
    interval_text,
    join_items,
    region_figures,
    section_markdown,
    summary_with_tables,
)
from kompetensi_toolkit.privacy import SUPPRESSED, check_min_group_size, mask_rows
from kompetensi_toolkit.rendering import md_text

__all__ = [
    "behaviour_markdown",
    "closure_markdown",
    "did_markdown",
    "ikm_markdown",
    "key_figures",
    "learning_markdown",
    "model_markdown",
    "participation_markdown",
    "ranked",
    "service_markdown",
    "summary",
    "summary_markdown",
]

#: Holm-adjusted p below this counts as a clear change in the sentences.
ALPHA = 0.05
#: Cohen's conventional bands for a standardised effect (|g|): words of the sentences.
EFFECT_BANDS = ((0.2, "negligible"), (0.5, "small"), (0.8, "medium"), (math.inf, "large"))
#: Fewer units than this in a comparison group: the report says the interval is less reliable
#: (clustered standard errors need many clusters).
MIN_UNITS = 10


# ---------------------------------------------------------------------------
# Formatting.
# ---------------------------------------------------------------------------
def _num(x: object, lang: str, decimals: int = 1) -> str:
    return labels.format_number(x, lang, decimals=decimals)


def _pct(x: object, lang: str) -> str:
    return labels.format_percent(x, lang)


def _signed(x: float, lang: str, decimals: int = 1) -> str:
    body = _num(x, lang, decimals)
    return body if body.startswith("-") or float(x) <= 0 else "+" + body


def _p_text(p: object, lang: str) -> str:
    if _missing(p):
        return "–"
    return "<\u00a0" + _num(0.001, lang, 3) if float(p) < 0.001 else _num(p, lang, 3)  # type: ignore[arg-type]


def _band(g: object) -> str:
    size = abs(float(g))  # type: ignore[arg-type]
    return next(word for limit, word in EFFECT_BANDS if size < limit)


def _some(names: Sequence[object], lang: str, limit: int = 5, bold: bool = False) -> str:
    """``A, B dan 3 lainnya``: the first ``limit`` names (escaped), then how many more."""
    names = [md_text(x) for x in names]
    shown = [f"**{x}**" if bold else x for x in names[:limit]]
    if len(names) > limit:
        shown.append(labels.text("text.oc_more", lang, n=len(names) - limit))
    return join_items(shown, lang)


def _reason(code: object, lang: str) -> str:
    """Why a part of the report could not be computed (a ``text.oc_reason`` code), in ``lang``."""
    key = f"text.oc_reason.{code}"
    if key in labels.TRANSLATIONS[lang]:
        return labels.label(key, lang)
    if code == "did_no_data":
        return labels.label("text.oc_did_no_data", lang)
    return md_text(code or "")


# ---------------------------------------------------------------------------
# Key figures.
# ---------------------------------------------------------------------------
_EFFECT_STATS = ("mean_before", "mean_after", "mean_diff", "sd_diff", "t", "p_t", "w",
                 "p_wilcoxon", "d_z", "d_z_low", "d_z_high", "g_av", "g_av_low", "g_av_high",
                 "gain", "gain_low", "gain_high", "p_holm")  # fmt: skip


def _effects(effects: pd.DataFrame | None, m: int, lang: str) -> pd.DataFrame | None:
    """Programme effects with small programmes masked, and display columns."""
    if effects is None:
        return None
    require_columns(
        effects,
        ["program_id", "n_pairs", "mean_before", "mean_after", "mean_diff", "g_av", "g_av_low",
         "g_av_high", "gain", "p_holm", "enough", "rank"],
        "key_figures",
    )  # fmt: skip
    out = effects.copy()
    if "name" not in out:
        out["name"] = out["program_id"].astype("string")
    out = out[out["n_pairs"] > 0].reset_index(drop=True)
    small = (out["n_pairs"] < m).fillna(True)
    out = mask_rows(out, small, _EFFECT_STATS)
    out["n_pairs"] = out["n_pairs"].astype("Int64").mask(small)
    out["rank"] = out["rank"].astype("Int64").mask(small)  # a hidden programme is not ranked
    out["programme"] = out["name"].astype("string")
    out["g_text"] = ["–" if _missing(g) else _num(g, lang, 2) for g in out["g_av"]]
    out["ci_text"] = [
        interval_text(lo, hi, lang, 2)
        for lo, hi in zip(out["g_av_low"], out["g_av_high"], strict=True)
    ]
    out["p_text"] = [_p_text(p, lang) for p in out["p_holm"]]
    return out


def _participation_figures(
    figures: dict[str, Any],
    summary_rows: pd.DataFrame | None,
    year: int | None,
    never: pd.DataFrame | None,
    m: int,
) -> None:
    figures.update(
        n_staff=None,
        participants=None,
        share_participating=None,
        completion_rate=None,
        jp_per_employee=None,
        share_meeting_20jp=None,
        n_never=None,
        share_never=None,
    )
    if summary_rows is not None and year is not None and len(summary_rows):
        rows = summary_rows[summary_rows["year"] == year]
        if len(rows):
            row = rows.iloc[0]
            n_staff = int(row["n_staff"])
            shown = n_staff >= m
            figures.update(
                n_staff=_masked_count(n_staff, m) if n_staff else 0,
                participants=_masked_count(row["participants"], m),
                share_participating=(
                    float_or_none(row["share_participating"])
                    if shown and not _small(row["participants"], m)
                    else None
                ),
                completion_rate=float_or_none(row["completion_rate"]) if shown else None,
                jp_per_employee=float_or_none(row["jp_per_employee"]) if shown else None,
                share_meeting_20jp=float_or_none(row["share_meeting_20jp"]) if shown else None,
            )
    if never is not None and len(never):
        row = never.iloc[0]
        n_never = int(row["n_never"])
        figures["n_never"] = _masked_count(n_never, m) if n_never else 0
        figures["share_never"] = (
            float_or_none(row["share_never"])
            if not _small(n_never, m) and row["n_staff"] >= m
            else None
        )


def _jp_groups(jp_groups: pd.DataFrame | None, m: int) -> dict[str, pd.DataFrame | None]:
    out: dict[str, pd.DataFrame | None] = {"jp_position": None, "jp_sex": None, "jp_units": None}
    if jp_groups is None or jp_groups.empty:
        return out
    require_columns(
        jp_groups,
        ["dimension", "group", "n_staff", "n_meeting", "share_meeting", "mean_jp"],
        "key_figures",
    )
    masked = privacy.suppress_nested(
        jp_groups[["dimension", "group", "n_staff", "n_meeting", "share_meeting", "mean_jp"]],
        "n_staff",
        "n_meeting",
        m,
        total_derived=["mean_jp"],
        part_derived=["share_meeting"],
        by="dimension",
    )
    masked["n_staff"] = masked["n_staff"].astype("Int64")
    for dimension, key in (
        ("position_type", "jp_position"),
        ("sex", "jp_sex"),
        ("unit", "jp_units"),
    ):
        part = masked[masked["dimension"] == dimension].drop(columns="dimension")
        if len(part):
            out[key] = part.rename(columns={"group": dimension}).reset_index(drop=True)
    return out


def _model_figures(model: Any, m: int, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "model_table": None,
        "model_n": None,
        "model_n_never": None,
        "model_pseudo_r2": None,
        "model_converged": None,
        "model_reason": None,
    }
    if model is None:
        return out
    if isinstance(model, str):
        out["model_reason"] = model
        return out
    table = model.table
    require_columns(
        table,
        ["variable", "level", "reference", "n", "n_never", "odds_ratio", "or_low", "or_high",
         "p_value"],
        "key_figures",
    )  # fmt: skip
    n = pd.to_numeric(table["n"])
    n_never = pd.to_numeric(table["n_never"])
    hide = (n_never < m) | ((n - n_never) < m)
    masked = mask_rows(table, hide, ["n_never", "odds_ratio", "or_low", "or_high", "p_value"])
    masked["factor"] = [
        _factor_label(v, lvl, lang)
        for v, lvl in zip(masked["variable"], masked["level"], strict=True)
    ]
    masked["reference_label"] = [
        _factor_label(v, ref, lang, with_variable=False)
        for v, ref in zip(masked["variable"], masked["reference"], strict=True)
    ]
    masked["ci_text"] = [
        interval_text(lo, hi, lang, 2)
        for lo, hi in zip(masked["or_low"], masked["or_high"], strict=True)
    ]
    masked["p_text"] = [_p_text(p, lang) for p in masked["p_value"]]
    out.update(
        model_table=masked,
        model_n=_masked_count(model.n, m),
        model_n_never=_masked_count(model.n_never, m),
        model_pseudo_r2=float_or_none(model.pseudo_r2),
        model_converged=bool(model.converged),
    )
    return out


def _factor_label(variable: object, level: object, lang: str, with_variable: bool = True) -> str:
    variable = str(variable)
    level = str(level)
    if level == "lainnya":
        shown = labels.label("text.oc_other_level", lang)
    elif variable in labels.ENUM_COLUMNS:
        shown = labels.enum_label(labels.ENUM_COLUMNS[variable], level, lang)
    else:
        shown = level
    if not with_variable:
        return shown
    return f"{labels.column_label(variable, lang)}: {shown}"


def _ikm_figures(
    ikm_units: pd.DataFrame | None,
    ikm_change: pd.DataFrame | None,
    ikm_region: pd.DataFrame | None,
    m: int,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ikm_units": None,
        "ikm_change": None,
        "ikm_periods": [],
        "ikm_latest": None,
        "ikm_latest_low": None,
        "ikm_latest_high": None,
        "ikm_latest_grade": None,
        "ikm_latest_n": None,
        "ikm_latest_period": None,
        "ikm_previous": None,
        "ikm_previous_period": None,
    }
    ikm_columns = ["ikm", "ikm_low", "ikm_high", "grade", *[f"nrr_u{i}" for i in range(1, 10)]]
    if ikm_units is not None and len(ikm_units):
        units = ikm_units.reset_index(drop=True)
        masked = mask_rows(units, units["n"] < m, ikm_columns)
        masked["n"] = masked["n"].astype("Int64").mask(units["n"] < m)
        out["ikm_units"] = masked.rename(columns={"n": "n_respondents"})
    if ikm_change is not None and ikm_change["change"].notna().any():
        change = ikm_change[ikm_change["change"].notna()].reset_index(drop=True)
        hide = (change["n_before"] < m) | (change["n_after"] < m)
        masked = mask_rows(
            change,
            hide,
            ["ikm_before", "ikm_after", "change", "change_low", "change_high", "grade_before",
             "grade_after"],
        )  # fmt: skip
        for col in ("n_before", "n_after"):
            n = masked[col].astype("Int64")
            masked[col] = n.mask((n > 0) & (n < m))
        out["ikm_change"] = masked
    if ikm_region is not None and len(ikm_region):
        region = ikm_region.sort_values("period").reset_index(drop=True)
        region = region[region["n"] >= m]
        out["ikm_periods"] = [str(p) for p in region["period"]]
        if len(region):
            last = region.iloc[-1]
            out.update(
                ikm_latest=float_or_none(last["ikm"]),
                ikm_latest_low=float_or_none(last["ikm_low"]),
                ikm_latest_high=float_or_none(last["ikm_high"]),
                ikm_latest_grade=_text(last["grade"]),
                ikm_latest_n=int(last["n"]),
                ikm_latest_period=str(last["period"]),
            )
        if len(region) > 1:
            prev = region.iloc[-2]
            out.update(
                ikm_previous=float_or_none(prev["ikm"]), ikm_previous_period=str(prev["period"])
            )
    return out


def _service_figures(service: pd.DataFrame | None, service_region: pd.DataFrame | None) -> dict:
    out: dict[str, Any] = {
        "service_units": None,
        "service_year": None,
        "service_share_in_sla": None,
        "service_first_response_days": None,
        "service_waiting_minutes": None,
        "service_previous_year": None,
        "service_previous_share_in_sla": None,
        "service_previous_waiting_minutes": None,
    }
    if service is not None and len(service):
        latest = str(max(service["period"].astype(str)))
        out["service_units"] = (
            service[service["period"].astype(str) == latest].reset_index(drop=True).copy()
        )
        out["service_year"] = latest
    if service_region is not None and len(service_region):
        region = service_region.assign(period=service_region["period"].astype(str))
        region = region.sort_values("period").reset_index(drop=True)
        last = region.iloc[-1]
        out.update(
            service_year=str(last["period"]),
            service_share_in_sla=float_or_none(last["share_in_sla"]),
            service_first_response_days=float_or_none(last["first_response_days"]),
            service_waiting_minutes=float_or_none(last["waiting_minutes"]),
        )
        if len(region) > 1:
            prev = region.iloc[-2]
            out.update(
                service_previous_year=str(prev["period"]),
                service_previous_share_in_sla=float_or_none(prev["share_in_sla"]),
                service_previous_waiting_minutes=float_or_none(prev["waiting_minutes"]),
            )
    return out


def _did_figures(did: Any, coverage: pd.DataFrame | None, m: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "did_estimate": None,
        "did_low": None,
        "did_high": None,
        "did_p": None,
        "did_n_treated": None,
        "did_n_control": None,
        "did_means": None,
        "did_warnings": [],
        "did_few_units": None,
        "did_reason": None,
        "coverage_units": None,
    }
    if coverage is not None and len(coverage):
        require_columns(coverage, ["unit", "n_staff", "n_trained", "coverage"], "key_figures")
        keep = [c for c in ("unit", "n_staff", "n_trained", "coverage", "high_coverage")
                if c in coverage]  # fmt: skip
        masked = privacy.suppress_nested(
            coverage[keep], "n_staff", "n_trained", m, part_derived=["coverage"]
        )
        masked["n_staff"] = masked["n_staff"].astype("Int64")
        out["coverage_units"] = masked.rename(columns={"coverage": "share_trained"})
    if did is None:
        return out
    if isinstance(did, str):
        out["did_reason"] = did
        return out
    means = did.means.copy()
    out.update(
        did_estimate=float_or_none(did.estimate),
        did_low=float_or_none(did.ci_low),
        did_high=float_or_none(did.ci_high),
        did_p=float_or_none(did.p_value),
        did_n_treated=int(did.n_units_treated),
        did_n_control=int(did.n_units_control),
        did_means=means,
        did_warnings=list(did.warnings),
        did_few_units=min(int(did.n_units_treated), int(did.n_units_control)) < MIN_UNITS,
    )
    return out


def _closure_figures(closure: pd.DataFrame | None, m: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "closure": None,
        "closure_all": None,
    }
    if closure is None or closure.empty:
        return out
    require_columns(
        closure,
        ["competency_id", "n_trained", "n_untrained", "change_trained", "change_untrained",
         "difference", "diff_low", "diff_high"],
        "key_figures",
    )  # fmt: skip
    hide = (closure["n_trained"] < m) | (closure["n_untrained"] < m)
    masked = mask_rows(
        closure.reset_index(drop=True),
        hide.reset_index(drop=True),
        ["change_trained", "change_untrained", "difference", "diff_low", "diff_high",
         "level_change_trained", "level_change_untrained"],
    )  # fmt: skip
    for col in ("n_trained", "n_untrained"):
        n = masked[col].astype("Int64")
        masked[col] = n.mask((n > 0) & (n < m))
    overall = masked[masked["competency_id"].astype(str) == "all"]
    out["closure"] = masked[masked["competency_id"].astype(str) != "all"].reset_index(drop=True)
    if len(overall):
        row = overall.iloc[0]
        keys = ("n_trained", "n_untrained", "change_trained", "change_untrained", "difference",
                "diff_low", "diff_high")  # fmt: skip
        out["closure_all"] = {
            k: None if _missing(row[k]) else (int(row[k]) if k.startswith("n_") else float(row[k]))
            for k in keys
        }
    return out


def key_figures(
    *,
    region: Mapping[str, Any] | pd.Series,
    year: int | None,
    participation: pd.DataFrame | None = None,
    jp_groups: pd.DataFrame | None = None,
    never: pd.DataFrame | None = None,
    never_years: Sequence[int] = (),
    model: Any = None,
    learning: pd.DataFrame | None = None,
    behaviour: pd.DataFrame | None = None,
    min_pairs: int = 10,
    ikm_units: pd.DataFrame | None = None,
    ikm_change: pd.DataFrame | None = None,
    ikm_region: pd.DataFrame | None = None,
    weighting: str = "exact",
    service: pd.DataFrame | None = None,
    service_region: pd.DataFrame | None = None,
    sla_days: int = 3,
    coverage: pd.DataFrame | None = None,
    threshold: float | None = None,
    threshold_rule: str = "fixed",
    did: Any = None,
    closure: pd.DataFrame | None = None,
    competencies: pd.DataFrame | None = None,
    min_group_size: int = config.MIN_GROUP_SIZE,
    data_hash: str | None = None,
    lang: str = config.DEFAULT_LANG,
) -> dict[str, Any]:
    """Everything the outcomes report states, with every small group masked.

    Parameters
    ----------
    region : mapping or Series
        The region's row.
    year : int, optional
        The participation year reported (the latest in the data).
    participation : DataFrame, optional
        :func:`~kompetensi_toolkit.outcomes.participation.participation_summary` (every year).
    jp_groups : DataFrame, optional
        :func:`~kompetensi_toolkit.outcomes.participation.jp_by_group` for ``year``.
    never : DataFrame, optional
        :func:`~kompetensi_toolkit.outcomes.participation.never_participants` with ``by=None``.
    never_years : sequence of int
        The window of ``never``.
    model : ParticipationModel or str, optional
        :func:`~kompetensi_toolkit.outcomes.participation.nonparticipation_model`, or
        why it could not be fitted: a code of ``text.oc_reason`` (``"model_too_few"``).
    learning, behaviour : DataFrame, optional
        :func:`~kompetensi_toolkit.outcomes.effects.learning_effects` and
        :func:`~kompetensi_toolkit.outcomes.effects.behaviour_effects` with programme names.
    min_pairs : int
        The ``min_pairs`` used for them (said in the report).
    ikm_units, ikm_change, ikm_region : DataFrame, optional
        :func:`~kompetensi_toolkit.outcomes.service.ikm` by unit and period,
        :func:`~kompetensi_toolkit.outcomes.service.ikm_change` by unit, and
        :func:`~kompetensi_toolkit.outcomes.service.ikm` by period for the region.
    weighting : {"exact", "permen"}
    service, service_region : DataFrame, optional
        :func:`~kompetensi_toolkit.outcomes.service.service_summary` by unit and
        year, and by year for the region.
    sla_days : int
        The first-response limit used (SP4N-LAPOR!: 3 days).
    coverage : DataFrame, optional
        Training coverage of the service units (``unit``, ``n_staff``,
        ``n_trained``, ``coverage``, ``high_coverage``).
    threshold : float, optional
        The coverage that makes a unit "high coverage" (None: no comparison was possible).
    threshold_rule : {"fixed", "median"}
        How ``threshold`` was chosen (said in the report).
    did : DiffInDiff or str, optional
        :func:`~kompetensi_toolkit.outcomes.comparison.diff_in_diff`, or why it
        could not be estimated: a code of ``text.oc_reason`` (``"did_groups"``).
    closure : DataFrame, optional
        :func:`~kompetensi_toolkit.outcomes.gap_closure.gap_closure`.
    competencies : DataFrame, optional
        Names of the competencies (``competency_id``, ``name_id``, ``name_en``).
    min_group_size : int
    data_hash : str, optional
    lang : {"id", "en"}

    Returns
    -------
    dict
        Scalars (``None`` where masked or absent) and masked tables (each with
        ``suppressed`` and ``suppressed_reason``). No table holds an employee.
    """
    func = "key_figures"
    lang = labels.check_lang(lang, func)
    m = check_min_group_size(min_group_size, func)
    region = dict(region)
    figures: dict[str, Any] = {
        **region_figures(region, data_hash=data_hash, min_group_size=m),
        "year": None if year is None else int(year),
        "never_years": [int(y) for y in never_years],
        "min_pairs": int(min_pairs),
        "weighting": weighting,
        "sla_days": int(sla_days),
        "threshold": None if threshold is None else float(threshold),
        "threshold_rule": "median" if threshold_rule == "median" else "fixed",
    }
    _participation_figures(figures, participation, year, never, m)
    figures.update(_jp_groups(jp_groups, m))
    figures.update(_model_figures(model, m, lang))
    figures["learning"] = _effects(learning, m, lang)
    figures["behaviour"] = _effects(behaviour, m, lang)
    figures.update(_ikm_figures(ikm_units, ikm_change, ikm_region, m))
    figures.update(_service_figures(service, service_region))
    figures.update(_did_figures(did, coverage, m))
    figures.update(_closure_figures(closure, m))
    if figures["closure"] is not None and competencies is not None:
        names = competencies[["competency_id", "name_id", "name_en"]].astype("string")
        figures["closure"] = figures["closure"].merge(names, on="competency_id", how="left")
        figures["closure"]["competency"] = [
            _competency_name(row, lang) for row in figures["closure"].to_dict("records")
        ]
    return figures


# ---------------------------------------------------------------------------
# summary.json
# ---------------------------------------------------------------------------
_SUMMARY_TABLES = {
    "jp_position": ["position_type", "n_staff", "n_meeting", "share_meeting", "mean_jp",
                    SUPPRESSED],
    "jp_sex": ["sex", "n_staff", "n_meeting", "share_meeting", "mean_jp", SUPPRESSED],
    "jp_units": ["unit", "n_staff", "n_meeting", "share_meeting", "mean_jp", SUPPRESSED],
    "model_table": ["variable", "level", "reference", "n", "odds_ratio", "or_low", "or_high",
                    "p_value", SUPPRESSED],
    "learning": ["program_id", "n_pairs", "mean_before", "mean_after", "g_av", "g_av_low",
                 "g_av_high", "d_z", "gain", "p_t", "p_wilcoxon", "p_holm", "enough", "rank",
                 SUPPRESSED],
    "behaviour": ["program_id", "n_pairs", "mean_before", "mean_after", "g_av", "g_av_low",
                  "g_av_high", "d_z", "gain", "p_t", "p_wilcoxon", "p_holm", "enough", "rank",
                  SUPPRESSED],
    "ikm_units": ["unit", "period", "n_respondents", "ikm", "ikm_low", "ikm_high", "grade",
                  SUPPRESSED],
    "ikm_change": ["unit", "period_before", "period_after", "ikm_before", "ikm_after", "change",
                   "change_low", "change_high", SUPPRESSED],
    "service_units": ["unit", "period", "waiting_minutes", "complaints_received",
                      "complaints_resolved_in_sla", "share_in_sla", "first_response_days",
                      "first_response_in_sla"],
    "coverage_units": ["unit", "n_staff", "n_trained", "share_trained", "high_coverage",
                       SUPPRESSED],
    "did_means": ["group", "before", "after", "change", "n_units"],
    "closure": ["competency_id", "n_trained", "n_untrained", "change_trained",
                "change_untrained", "difference", "diff_low", "diff_high", SUPPRESSED],
}  # fmt: skip


def summary(figures: Mapping[str, Any]) -> dict[str, Any]:
    """The part of :func:`key_figures` that goes into ``summary.json``.

    Every scalar, and the masked tables as lists of records (``None`` when
    the report has no such table).
    """
    return summary_with_tables(figures, _SUMMARY_TABLES)


# ---------------------------------------------------------------------------
# Sentences.
# ---------------------------------------------------------------------------
def _small_text(n: object, lang: str, m: int) -> str:
    return count_text(n, lang, m, reason="small")


def summary_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """The key findings: one line per outcome level, with its numbers."""
    lang = labels.check_lang(lang, "summary_markdown")
    bullets = [
        _participation_sentence(figures, lang),
        _effects_headline(figures, "learning", lang),
        _effects_headline(figures, "behaviour", lang),
        _ikm_headline(figures, lang),
        _did_headline(figures, lang),
        _closure_headline(figures, lang),
    ]
    intro = labels.text("text.oc_findings", lang, region=_region(figures))
    return intro + "\n\n" + "\n".join(f"- {b}" for b in bullets if b)


def _participation_sentence(figures: Mapping[str, Any], lang: str) -> str:
    m = figures["min_group_size"]
    if figures.get("year") is None or figures.get("n_staff") == 0:
        return labels.label("text.oc_participation_none", lang)
    if figures.get("n_staff") is None:
        return labels.text("text.oc_participation_small", lang, threshold=m)
    key = "text.oc_participation"
    if figures.get("share_participating") is None:  # fewer than m took part
        key = "text.oc_participation_few"
    return labels.text(
        key,
        lang,
        threshold=m,
        year=figures["year"],
        participants=_small_text(figures["participants"], lang, m),
        n_staff=_small_text(figures["n_staff"], lang, m),
        share=_pct(figures["share_participating"], lang),
        jp=_num(figures["jp_per_employee"], lang),
        share_20=_pct(figures["share_meeting_20jp"], lang),
    )


def participation_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "participation and 20 JP": totals, the lowest groups, who never took part."""
    lang = labels.check_lang(lang, "participation_markdown")
    m = figures["min_group_size"]
    sentences = [_participation_sentence(figures, lang)]
    if figures.get("completion_rate") is not None:
        sentences.append(
            labels.text("text.oc_completion", lang, share=_pct(figures["completion_rate"], lang))
        )
    position = figures.get("jp_position")
    if position is not None:
        shown = position[~position[SUPPRESSED]].dropna(subset=["share_meeting"])
        shown = shown[shown["n_staff"] >= 2 * m]
        if len(shown) >= 2:
            low = shown.loc[shown["share_meeting"].astype(float).idxmin()]
            high = shown.loc[shown["share_meeting"].astype(float).idxmax()]
            sentences.append(
                labels.text(
                    "text.oc_jp_position",
                    lang,
                    low=labels.enum_label("position_type", low["position_type"], lang),
                    low_share=_pct(low["share_meeting"], lang),
                    high=labels.enum_label("position_type", high["position_type"], lang),
                    high_share=_pct(high["share_meeting"], lang),
                )
            )
    sex = figures.get("jp_sex")
    if sex is not None:
        shown = sex[~sex[SUPPRESSED]].dropna(subset=["share_meeting"]).set_index("sex")
        if {"l", "p"} <= set(shown.index.astype(str)):
            sentences.append(
                labels.text(
                    "text.oc_jp_sex",
                    lang,
                    women=_pct(shown.loc["p", "share_meeting"], lang),
                    men=_pct(shown.loc["l", "share_meeting"], lang),
                )
            )
    years = figures.get("never_years") or []
    if figures.get("share_never") is not None:
        span = f"{min(years)}–{max(years)}" if len(years) > 1 else (str(years[0]) if years else "")
        sentences.append(
            labels.text(
                "text.oc_never",
                lang,
                n=_small_text(figures["n_never"], lang, m),
                share=_pct(figures["share_never"], lang),
                years=span,
            )
        )
    tables = [t for t in (position, sex, figures.get("jp_units")) if t is not None]
    return section_markdown(
        labels.label("heading.oc_participation", lang), sentences, lang, tables or None, m
    )


def model_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "who does not take part": the odds ratios that stand out, and a caution."""
    lang = labels.check_lang(lang, "model_markdown")
    m = figures["min_group_size"]
    heading = labels.label("heading.oc_model", lang)
    table = figures.get("model_table")
    if table is None:
        reason = _reason(figures.get("model_reason"), lang)
        return section_markdown(
            heading, labels.text("text.oc_model_none", lang, reason=reason), lang
        )
    sentences = [
        labels.text(
            "text.oc_model_intro",
            lang,
            year=figures.get("year"),
            n=_small_text(figures["model_n"], lang, m),
            n_never=_small_text(figures["model_n_never"], lang, m),
            r2=_num(figures["model_pseudo_r2"], lang, 2),
        )
    ]
    shown = table[~table[SUPPRESSED]].dropna(subset=["odds_ratio", "p_value"])
    clear = shown[shown["p_value"].astype(float) < ALPHA]
    higher = clear[clear["odds_ratio"].astype(float) > 1].sort_values("odds_ratio", ascending=False)
    lower = clear[clear["odds_ratio"].astype(float) < 1].sort_values("odds_ratio")
    for frame, key in ((higher, "text.oc_model_higher"), (lower, "text.oc_model_lower")):
        if len(frame):
            items = [
                labels.text(
                    "text.oc_model_item",
                    lang,
                    factor=md_text(r["factor"]),
                    reference=md_text(r["reference_label"]),
                    odds=_num(r["odds_ratio"], lang, 2),
                    ci=interval_text(r["or_low"], r["or_high"], lang, 2),
                )
                for r in frame.head(3).to_dict("records")
            ]
            sentences.append(labels.text(key, lang, items=join_items(items, lang)))
    if not len(clear):
        sentences.append(labels.label("text.oc_model_nothing", lang))
    if figures.get("model_converged") is False:
        sentences.append(labels.label("text.oc_model_not_converged", lang))
    sentences.append(labels.label("text.oc_model_caution", lang))
    return section_markdown(heading, sentences, lang, [table], m)


def _effects_headline(figures: Mapping[str, Any], key: str, lang: str) -> str:
    effects = figures.get(key)
    if effects is None or not len(effects):
        return ""
    ranked = effects[effects["rank"].notna() & ~effects[SUPPRESSED]]
    if not len(ranked):
        return labels.text(f"text.oc_{key}_none_ranked", lang, min_pairs=figures["min_pairs"])
    clear = ranked[(ranked["p_holm"].astype(float) < ALPHA) & (ranked["mean_diff"] > 0)]
    best = ranked.sort_values("rank").iloc[0]
    return labels.text(
        f"text.oc_{key}_headline",
        lang,
        n_clear=len(clear),
        n_ranked=len(ranked),
        best=md_text(best["programme"]),
        g=_num(best["g_av"], lang, 2),
        ci=interval_text(best["g_av_low"], best["g_av_high"], lang, 2),
    )


def _effects_markdown(figures: Mapping[str, Any], key: str, lang: str) -> str:
    m = figures["min_group_size"]
    heading = labels.label(f"heading.oc_{key}", lang)
    effects = figures.get(key)
    if effects is None or not len(effects):
        return section_markdown(heading, labels.label(f"text.oc_{key}_none", lang), lang)
    sentences = [
        labels.text(f"text.oc_{key}_intro", lang, n=len(effects), min_pairs=figures["min_pairs"]),
        _effects_headline(figures, key, lang),
    ]
    ranked = effects[effects["rank"].notna() & ~effects[SUPPRESSED]].sort_values("rank")
    if len(ranked):
        best = ranked.iloc[0]
        sentences.append(
            labels.text(
                f"text.oc_{key}_best",
                lang,
                programme=md_text(best["programme"]),
                direction=labels.label(
                    f"text.oc_direction.{'down' if best['mean_diff'] < 0 else 'up'}", lang
                ),
                before=_num(best["mean_before"], lang),
                after=_num(best["mean_after"], lang),
                size=labels.label(f"text.oc_effect.{_band(best['g_av'])}", lang),
                gain=_pct(best["gain"], lang),
            )
        )
        clear = ranked["p_holm"].astype(float) < ALPHA
        fell = ranked[clear & (ranked["mean_diff"] < 0)]
        weak = ranked[~clear]
        for frame, suffix, bold in ((weak, "weak", True), (fell, "fell", True)):
            if len(frame):
                sentences.append(
                    labels.text(
                        f"text.oc_{key}_{suffix}",
                        lang,
                        programmes=_some(frame["programme"], lang, bold=bold),
                        n=len(frame),
                    )
                )
    flagged = effects[effects["rank"].isna()]
    if len(flagged):
        sentences.append(
            labels.text(
                "text.oc_flagged",
                lang,
                n=len(flagged),
                min_pairs=figures["min_pairs"],
                programmes=_some(flagged["programme"], lang),
            )
        )
    sentences.append(labels.label("text.oc_effect_method", lang))
    return section_markdown(heading, sentences, lang, [effects], m)


def ranked(effects: pd.DataFrame | None) -> pd.DataFrame | None:
    """The ranked, shown programmes of a masked effects table, best first (None if none)."""
    if effects is None:
        return None
    out = effects[effects["rank"].notna() & ~effects[SUPPRESSED]].sort_values("rank")
    return out.reset_index(drop=True) if len(out) else None


def learning_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "level 2, learning": pre-test to post-test per programme."""
    return _effects_markdown(figures, "learning", labels.check_lang(lang, "learning_markdown"))


def behaviour_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "level 3, behaviour": supervisor ratings before and after."""
    return _effects_markdown(figures, "behaviour", labels.check_lang(lang, "behaviour_markdown"))


def _grade_text(grade: object, lang: str) -> str:
    if _missing(grade):
        return "–"
    return f"{grade} ({labels.label(f'text.oc_grade.{grade}', lang)})"


def _ikm_headline(figures: Mapping[str, Any], lang: str) -> str:
    if figures.get("ikm_latest") is None:
        return ""
    sentence = labels.text(
        "text.oc_ikm_headline",
        lang,
        period=figures["ikm_latest_period"],
        ikm=_num(figures["ikm_latest"], lang, 2),
        grade=_grade_text(figures["ikm_latest_grade"], lang),
    )
    if figures.get("ikm_previous") is not None:
        change = figures["ikm_latest"] - figures["ikm_previous"]
        sentence += " " + labels.text(
            "text.oc_ikm_change",
            lang,
            change=_signed(change, lang, 2),
            period=figures["ikm_previous_period"],
        )
    return sentence


def ikm_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "level 4, IKM": the region's index and grade, units that changed."""
    lang = labels.check_lang(lang, "ikm_markdown")
    m = figures["min_group_size"]
    heading = labels.label("heading.oc_ikm", lang)
    if figures.get("ikm_latest") is None:
        return section_markdown(heading, labels.label("text.oc_ikm_none", lang), lang)
    sentences = [
        _ikm_headline(figures, lang),
        labels.text(
            "text.oc_ikm_detail",
            lang,
            n=labels.format_number(figures["ikm_latest_n"], lang),
            ci=interval_text(figures["ikm_latest_low"], figures["ikm_latest_high"], lang, 2),
            weighting=labels.label(f"text.oc_weighting.{figures['weighting']}", lang),
        ),
    ]
    change = figures.get("ikm_change")
    if change is not None:
        shown = change[~change[SUPPRESSED]].dropna(subset=["change_low", "change_high"])
        up = shown[shown["change_low"] > 0]
        down = shown[shown["change_high"] < 0]
        sentences.append(
            labels.text(
                "text.oc_ikm_units",
                lang,
                n_up=len(up),
                n_down=len(down),
                n=len(shown),
            )
        )
        if len(down):
            sentences.append(
                labels.text(
                    "text.oc_ikm_down",
                    lang,
                    units=join_items([f"**{md_text(u)}**" for u in down["unit"]], lang),
                )
            )
    tables = [t for t in (figures.get("ikm_units"), change) if t is not None]
    return section_markdown(heading, sentences, lang, tables, m)


def service_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "service standards": complaints within the SLA, first response, waiting."""
    lang = labels.check_lang(lang, "service_markdown")
    heading = labels.label("heading.oc_service", lang)
    if figures.get("service_year") is None:
        return section_markdown(heading, labels.label("text.oc_service_none", lang), lang)
    sentences = [
        labels.text(
            "text.oc_service",
            lang,
            year=figures["service_year"],
            share=_pct(figures["service_share_in_sla"], lang),
            days=_num(figures["service_first_response_days"], lang),
            sla=figures["sla_days"],
            minutes=_num(figures["service_waiting_minutes"], lang, 0),
        )
    ]
    if figures.get("service_previous_year") is not None:
        sentences.append(
            labels.text(
                "text.oc_service_previous",
                lang,
                year=figures["service_previous_year"],
                share=_pct(figures["service_previous_share_in_sla"], lang),
                minutes=_num(figures["service_previous_waiting_minutes"], lang, 0),
            )
        )
    sentences.append(labels.text("text.oc_service_ladder", lang, sla=figures["sla_days"]))
    return section_markdown(heading, sentences, lang)


def _did_headline(figures: Mapping[str, Any], lang: str) -> str:
    if figures.get("did_estimate") is None:
        return ""
    return labels.text(
        "text.oc_did_headline",
        lang,
        estimate=_signed(figures["did_estimate"], lang, 2),
        ci=interval_text(figures["did_low"], figures["did_high"], lang, 2),
    )


def did_markdown(
    figures: Mapping[str, Any],
    lang: str = config.DEFAULT_LANG,
    before: str | None = None,
    after: str | None = None,
) -> str:
    """Section "comparison": high- vs low-coverage units, and what it can and cannot show."""
    lang = labels.check_lang(lang, "did_markdown")
    m = figures["min_group_size"]
    heading = labels.label("heading.oc_did", lang)
    coverage = figures.get("coverage_units")
    tables = [coverage] if coverage is not None else None
    intro = (
        labels.text(
            "text.oc_did_intro",
            lang,
            threshold=_pct(figures["threshold"], lang),
            rule=labels.label(f"text.oc_did_rule.{figures['threshold_rule']}", lang),
        )
        if figures.get("threshold") is not None
        else ""
    )
    if figures.get("did_estimate") is None:
        reason = _reason(figures.get("did_reason") or "did_no_data", lang)
        return section_markdown(
            heading, [intro, labels.text("text.oc_did_none", lang, reason=reason)], lang, tables, m
        )
    means = figures["did_means"].assign(group=lambda f: f["group"].astype(str)).set_index("group")
    sentences = [
        intro,
        labels.text(
            "text.oc_did_result",
            lang,
            n_treated=figures["did_n_treated"],
            n_control=figures["did_n_control"],
            change_treated=_signed(means.loc["treated", "change"], lang, 2),
            change_control=_signed(means.loc["control", "change"], lang, 2),
            span=(
                labels.text("text.oc_did_span", lang, before=before, after=after)
                if before and after
                else ""
            ),
            estimate=_signed(figures["did_estimate"], lang, 2),
            ci=interval_text(figures["did_low"], figures["did_high"], lang, 2),
        ),
        labels.label("text.oc_did_caution", lang),
    ]
    if figures.get("did_few_units"):
        sentences.append(labels.label("text.oc_did_few_units", lang))
    return section_markdown(heading, sentences, lang, tables, m)


def _closure_headline(figures: Mapping[str, Any], lang: str) -> str:
    row = figures.get("closure_all")
    if not row or row.get("difference") is None:
        return ""
    return labels.text(
        "text.oc_closure_headline",
        lang,
        difference=_signed(row["difference"], lang, 1),
        ci=interval_text(row["diff_low"], row["diff_high"], lang, 1),
    )


def closure_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "gap closure": JPM change of staff assessed twice, trained vs not."""
    lang = labels.check_lang(lang, "closure_markdown")
    m = figures["min_group_size"]
    heading = labels.label("heading.oc_closure", lang)
    row = figures.get("closure_all")
    if not row or row.get("difference") is None:
        return section_markdown(heading, labels.label("text.oc_closure_none", lang), lang)
    sentences = [
        labels.text(
            "text.oc_closure",
            lang,
            n_trained=_small_text(row["n_trained"], lang, m),
            n_untrained=_small_text(row["n_untrained"], lang, m),
            change_trained=_signed(row["change_trained"], lang, 1),
            change_untrained=_signed(row["change_untrained"], lang, 1),
            difference=_signed(row["difference"], lang, 1),
            ci=interval_text(row["diff_low"], row["diff_high"], lang, 1),
        ),
        labels.label("text.oc_closure_caution", lang),
    ]
    closure = figures.get("closure")
    return section_markdown(heading, sentences, lang, [closure] if closure is not None else None, m)
