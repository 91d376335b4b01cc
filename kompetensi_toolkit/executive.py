"""The region summary ("Ringkasan Eksekutif"): key numbers and recommendations.

Everything here reads one document, a region's ``summary.json`` as returned by
:func:`kompetensi_toolkit.reporting.read_summary`::

    {"region_id": "ambon", "generated": "...",
     "templates": {"overview": {...}, "gaps": {...}, "needs_plan": {...},
                   "outcomes": {...}, "feedback": {...}}}

never the raw data, so the summary is fast and holds no personal data. Any
template may be missing (a region without feedback data, a template that
failed) and any value may be ``None`` (masked because the group was smaller
than ``min_group_size``): the number is then left out and listed as "not
available".

Key numbers (:func:`key_numbers`), in this order, each only when its values are known:

``headcount``   overview ``headcount`` (and ``units``).
``coverage``    overview ``share_assessed``: staff with a competency assessment.
``jpm``         gaps ``jpm_categories``: share per JPM category (masked categories hidden).
``gap``         gaps ``biggest_gaps`` (else ``shortfall``): the competency with the largest
                share of assessed staff below standard, and the next two.
``jp``          outcomes ``1 - share_meeting_20jp`` for ``year`` (else needs_plan
                ``jp_share_under`` for ``jp_year``): staff under 20 JP.
``effects``     outcomes ``learning`` / ``behaviour``: of the ranked programmes (enough
                pairs, not masked), how many show a clear gain (Holm p < 0.05 and the
                mean after above the mean before).
``ikm``         outcomes ``ikm_latest``, ``ikm_latest_grade`` and the change from
                ``ikm_previous``.
``feedback``    feedback ``overall_score`` and ``overall_band``.

Recommendations (:func:`recommendations`): fixed rules, checked in this order;
each one that fires says the number that triggered it. The first five that
fire are kept; when fewer than three fire, the general recommendations are
added in their fixed order until there are three.

=================  ==========================================================================
rule               fires when
=================  ==========================================================================
``jp``             share under 20 JP ≥ :data:`JP_UNDER_THRESHOLD` (30 %)
``gap``            the biggest gap's share below standard ≥ :data:`GAP_THRESHOLD` (25 %)
``jpm``            share "Kurang Optimal" / "Kurang Memenuhi Syarat" ≥ :data:`JPM_LOW_THRESHOLD`
                   (10 %)
``ikm_grade``      the latest IKM grade is C or D (:data:`IKM_LOW_GRADES`)
``ikm_fall``       the IKM fell by at least :data:`IKM_DROP` (1 point) since the period before
``effects``        fewer than :data:`EFFECTS_CLEAR_SHARE` (half) of the ranked programmes of a
                   level show a clear gain (the level with the lower share is named)
``feedback``       the lowest feedback dimension (else the overall score) is below
                   :data:`FEEDBACK_LOW_SCORE` (70, the lower bound of the band "baik")
``reliability``    at least one feedback dimension has Cronbach's α below 0.7
``coverage``       share of staff assessed < :data:`COVERAGE_LOW` (80 %)
``missing``        at least one key number is not available
``general_plan``, ``general_units``, ``general_repeat``  fillers, in this order
=================  ==========================================================================

Examples
--------
>>> doc = {"region_id": "x", "templates": {
...     "overview": {"region_name": "Kota X", "headcount": 120, "units": 4,
...                  "share_assessed": 0.5},
...     "outcomes": {"year": 2025, "share_meeting_20jp": 0.6}}}
>>> [n["key"] for n in key_numbers(doc, "en")]
['headcount', 'coverage', 'jp']
>>> recommendation_rules(doc)
['jp', 'coverage', 'missing']
>>> print(recommendations(doc, "en")[0])
**40.0%** of staff did not reach 20 hours (JP) of competency development in 2025: give them \
priority in the next training plan and track each work unit's JP.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kompetensi_toolkit import config, labels
from kompetensi_toolkit.exceptions import ParameterError, ReportError
from kompetensi_toolkit.rendering import md_text

__all__ = [
    "COVERAGE_LOW",
    "EFFECTS_CLEAR_SHARE",
    "FEEDBACK_LOW_SCORE",
    "GAP_THRESHOLD",
    "GENERAL_RULES",
    "IKM_DROP",
    "IKM_LOW_GRADES",
    "JPM_LOW_THRESHOLD",
    "JP_UNDER_THRESHOLD",
    "NUMBERS",
    "REPORTS",
    "RULES",
    "available_reports",
    "data_hash",
    "key_figures",
    "key_numbers",
    "links_markdown",
    "load_document",
    "missing_numbers",
    "recommendation_rules",
    "recommendations",
    "recommendations_markdown",
    "region_info",
    "summary",
    "summary_markdown",
    "title_markdown",
]

#: The detailed reports, in the order they are linked.
REPORTS: tuple[str, ...] = ("overview", "gaps", "needs_plan", "outcomes", "feedback")
#: The key numbers, in the order they are shown.
NUMBERS: tuple[str, ...] = (
    "headcount",
    "coverage",
    "jpm",
    "gap",
    "jp",
    "effects",
    "ikm",
    "feedback",
)
#: The rules, in the order they are checked (see the module docstring).
RULES: tuple[str, ...] = (
    "jp",
    "gap",
    "jpm",
    "ikm_grade",
    "ikm_fall",
    "effects",
    "feedback",
    "reliability",
    "coverage",
    "missing",
)
#: General recommendations added, in this order, when fewer than three rules fire.
GENERAL_RULES: tuple[str, ...] = ("general_plan", "general_units", "general_repeat")
MIN_RECOMMENDATIONS = 3
MAX_RECOMMENDATIONS = 5

#: Share of staff under 20 JP from which training the rest is recommended.
JP_UNDER_THRESHOLD = 0.30
#: Share of assessed staff below standard in one competency that makes it a priority.
GAP_THRESHOLD = 0.25
#: Share of staff in the lowest JPM category that calls for individual plans.
JPM_LOW_THRESHOLD = 0.10
#: JPM categories in display order, best first (mapping, then selection).
JPM_ORDER: tuple[str, ...] = (
    "Optimal",
    "Cukup Optimal",
    "Kurang Optimal",
    "Memenuhi Syarat",
    "Masih Memenuhi Syarat",
    "Kurang Memenuhi Syarat",
)
#: JPM categories counted as the lowest (mapping and selection purposes).
JPM_LOW_CATEGORIES: tuple[str, ...] = ("Kurang Optimal", "Kurang Memenuhi Syarat")
#: IKM grades (PermenPANRB 14/2017) that call for action.
IKM_LOW_GRADES: tuple[str, ...] = ("C", "D")
#: A fall of the region's IKM by at least this many points calls for action.
IKM_DROP = 1.0
#: Below this share of ranked programmes with a clear gain, programmes are reviewed.
EFFECTS_CLEAR_SHARE = 0.5
#: Holm-adjusted p below this counts as a clear gain (as in the outcomes report).
EFFECTS_ALPHA = 0.05
#: A feedback score below this (the lower bound of the band "baik") calls for action.
FEEDBACK_LOW_SCORE = 70.0
#: Cronbach's α below this counts as low (as in the feedback report).
ALPHA_THRESHOLD = 0.7
#: Share of staff assessed below which wider assessment is recommended.
COVERAGE_LOW = 0.80


# ---------------------------------------------------------------------------
# Reading the document.
# ---------------------------------------------------------------------------
def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _number(value: object) -> float | None:
    if _missing(value) or isinstance(value, bool):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _check_document(document: object, where: str) -> Mapping[str, Any]:
    if not isinstance(document, Mapping):
        raise ParameterError(
            f"The 'document' parameter of {where} must be a summary document (a dict with "
            f"'templates', as read by reporting.read_summary). Got {type(document).__name__} "
            "instead."
        )
    templates = document.get("templates")
    if templates is not None and not isinstance(templates, Mapping):
        raise ParameterError(
            f"The 'document' parameter of {where} must hold a mapping under 'templates'. Got "
            f"{type(templates).__name__} instead."
        )
    return document


def _figures(document: Mapping[str, Any], template: str) -> Mapping[str, Any]:
    found = (document.get("templates") or {}).get(template)
    return found if isinstance(found, Mapping) else {}


def _rows(document: Mapping[str, Any], template: str, table: str) -> list[Mapping[str, Any]]:
    found = _figures(document, template).get(table)
    if not isinstance(found, list):
        return []
    return [r for r in found if isinstance(r, Mapping)]


def region_info(document: Mapping[str, Any]) -> dict[str, Any]:
    """The region's id, name, level and province, from the first template that has them.

    Examples
    --------
    >>> region_info({"region_id": "ambon", "templates": {
    ...     "gaps": {"region_name": "Kota Ambon", "level": "kota"}}})
    {'region_id': 'ambon', 'region_name': 'Kota Ambon', 'level': 'kota', 'province': None}
    """
    document = _check_document(document, "region_info")
    info: dict[str, Any] = {
        "region_id": document.get("region_id"),
        "region_name": None,
        "level": None,
        "province": None,
    }
    for template in (*REPORTS, *sorted(document.get("templates") or {})):
        figures = _figures(document, template)
        for key in ("region_id", "region_name", "level", "province"):
            if info[key] is None and isinstance(figures.get(key), str):
                info[key] = figures[key]
    return info


def _jp_under(document: Mapping[str, Any]) -> tuple[float, Any] | None:
    outcomes = _figures(document, "outcomes")
    share = _number(outcomes.get("share_meeting_20jp"))
    if share is not None:
        return 1.0 - share, outcomes.get("year")
    plan = _figures(document, "needs_plan")
    under = _number(plan.get("jp_share_under"))
    if under is not None:
        return under, plan.get("jp_year")
    return None


def _gaps(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    rows = _rows(document, "gaps", "biggest_gaps") or _rows(document, "gaps", "shortfall")
    shown = [r for r in rows if _number(r.get("share_below")) is not None]
    return sorted(shown, key=lambda r: -float(r["share_below"]))


def _jpm(document: Mapping[str, Any]) -> tuple[list[tuple[str, float]], int]:
    rows = _rows(document, "gaps", "jpm_categories")
    shown = [
        (str(r.get("category")), float(r["share"]))
        for r in rows
        if _number(r.get("share")) is not None and r.get("category") is not None
    ]
    order = {c: i for i, c in enumerate(JPM_ORDER)}
    shown.sort(key=lambda cs: order.get(cs[0], len(order)))
    return shown, len(rows) - len(shown)


def _effects(document: Mapping[str, Any]) -> dict[str, tuple[int, int]]:
    """``{level: (n_clear, n_ranked)}`` for the levels with at least one ranked programme."""
    out: dict[str, tuple[int, int]] = {}
    for level in ("learning", "behaviour"):
        ranked = [
            r
            for r in _rows(document, "outcomes", level)
            if not _missing(r.get("rank")) and not r.get("suppressed")
        ]
        if not ranked:
            continue
        clear = [
            r
            for r in ranked
            if (_number(r.get("p_holm")) is not None and float(r["p_holm"]) < EFFECTS_ALPHA)
            and _number(r.get("mean_before")) is not None
            and _number(r.get("mean_after")) is not None
            and float(r["mean_after"]) > float(r["mean_before"])
        ]
        out[level] = (len(clear), len(ranked))
    return out


def _ikm(document: Mapping[str, Any]) -> dict[str, Any] | None:
    outcomes = _figures(document, "outcomes")
    latest = _number(outcomes.get("ikm_latest"))
    if latest is None:
        return None
    previous = _number(outcomes.get("ikm_previous"))
    return {
        "ikm": latest,
        "grade": outcomes.get("ikm_latest_grade"),
        "period": outcomes.get("ikm_latest_period"),
        "previous": previous,
        "previous_period": outcomes.get("ikm_previous_period"),
        "change": None if previous is None else latest - previous,
    }


def _feedback_low(document: Mapping[str, Any]) -> tuple[str | None, float, str | None] | None:
    """(dimension or None for the overall score, score, band) of the weakest shown score."""
    fb = _figures(document, "feedback")
    worst = _number(fb.get("worst_score"))
    if worst is not None and fb.get("worst_dimension"):
        band = next(
            (
                r.get("band")
                for r in _rows(document, "feedback", "dimensions")
                if r.get("dimension") == fb["worst_dimension"]
            ),
            None,
        )
        return str(fb["worst_dimension"]), worst, band
    overall = _number(fb.get("overall_score"))
    if overall is not None:
        return None, overall, fb.get("overall_band")
    return None


# ---------------------------------------------------------------------------
# Words.
# ---------------------------------------------------------------------------
def _pct(share: float, lang: str) -> str:
    return labels.format_percent(share, lang)


def _num(value: float, lang: str, decimals: int = 0) -> str:
    return labels.format_number(value, lang, decimals)


def _join(items: Sequence[str], lang: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {labels.label('text.and', lang)} {items[-1]}"


def _in_year(year: object, lang: str) -> str:
    return "" if _missing(year) else labels.text("text.ex_in_year", lang, year=year)


def _competency(row: Mapping[str, Any], lang: str) -> str:
    name = row.get(f"name_{lang}") or row.get("name_id") or row.get("competency_id") or "?"
    return md_text(name)


def _grade(grade: object, lang: str) -> str:
    key = f"text.oc_grade.{grade}"
    if _missing(grade):
        return labels.label("value.missing", lang)
    if key in labels.TRANSLATIONS[lang]:
        return f"{grade} ({labels.label(key, lang)})"
    return md_text(grade)


def _band(band: object, lang: str) -> str:
    key = f"text.fb_band.{band}"
    if _missing(band) or key not in labels.TRANSLATIONS[lang]:
        return labels.label("value.missing", lang)
    return labels.label(key, lang)


def _dimension(dimension: str, lang: str) -> str:
    try:
        name = labels.enum_label("feedback_dimension", dimension, lang)
    except ParameterError:
        name = md_text(labels.humanize(dimension))
    return labels.text("text.ex_feedback_dimension", lang, dimension=name)


def _region_name(document: Mapping[str, Any]) -> str:
    info = region_info(document)
    return md_text(info["region_name"] or info["region_id"] or "")


# ---------------------------------------------------------------------------
# Key numbers.
# ---------------------------------------------------------------------------
def _headcount(document: Mapping[str, Any], lang: str) -> dict[str, Any] | None:
    ov = _figures(document, "overview")
    n = _number(ov.get("headcount"))
    if n is None:
        return None
    units = _number(ov.get("units"))
    region = _region_name(document)
    text = (
        labels.text(
            "text.ex_num_headcount", lang, region=region, n=_num(n, lang), units=_num(units, lang)
        )
        if units is not None
        else labels.text("text.ex_num_headcount_only", lang, region=region, n=_num(n, lang))
    )
    return {"value": int(n), "text": text}


def _coverage(document: Mapping[str, Any], lang: str) -> dict[str, Any] | None:
    ov = _figures(document, "overview")
    share = _number(ov.get("share_assessed"))
    if share is None:
        return None
    return {
        "value": share,
        "text": labels.text("text.ex_num_coverage", lang, share=_pct(share, lang)),
    }


def _jpm_number(document: Mapping[str, Any], lang: str) -> dict[str, Any] | None:
    shown, hidden = _jpm(document)
    if not shown:
        return None
    parts = [f"**{_pct(share, lang)}** {md_text(_jpm_label(cat, lang))}" for cat, share in shown]
    text = labels.text("text.ex_num_jpm", lang, parts=_join(parts, lang))
    if hidden:
        m = _figures(document, "gaps").get("min_group_size") or config.MIN_GROUP_SIZE
        text += " " + labels.text("text.ex_num_jpm_hidden", lang, threshold=m)
    return {"value": {cat: share for cat, share in shown}, "text": text}


def _jpm_label(category: str, lang: str) -> str:
    try:
        return labels.enum_label("jpm_category", category, lang)
    except ParameterError:
        return category


def _gap_number(document: Mapping[str, Any], lang: str) -> dict[str, Any] | None:
    rows = _gaps(document)
    if not rows:
        return None
    top = rows[0]
    text = labels.text(
        "text.ex_num_gap",
        lang,
        competency=_competency(top, lang),
        share=_pct(float(top["share_below"]), lang),
    )
    if len(rows) > 1:
        nxt = [f"{_competency(r, lang)} ({_pct(float(r['share_below']), lang)})" for r in rows[1:3]]
        text += " " + labels.text("text.ex_num_gap_next", lang, items=_join(nxt, lang))
    return {"value": float(top["share_below"]), "text": text}


def _jp_number(document: Mapping[str, Any], lang: str) -> dict[str, Any] | None:
    found = _jp_under(document)
    if found is None:
        return None
    share, year = found
    return {
        "value": share,
        "text": labels.text(
            "text.ex_num_jp", lang, share=_pct(share, lang), when=_in_year(year, lang)
        ),
    }


def _effects_number(document: Mapping[str, Any], lang: str) -> dict[str, Any] | None:
    found = _effects(document)
    if not found:
        return None
    parts = [
        labels.text(f"text.ex_effects_{level}", lang, n_clear=n_clear, n_ranked=n_ranked)
        for level, (n_clear, n_ranked) in found.items()
    ]
    return {
        "value": {level: {"n_clear": c, "n_ranked": r} for level, (c, r) in found.items()},
        "text": labels.text("text.ex_num_effects", lang, parts=_join(parts, lang)),
    }


def _ikm_number(document: Mapping[str, Any], lang: str) -> dict[str, Any] | None:
    found = _ikm(document)
    if found is None:
        return None
    text = labels.text(
        "text.ex_num_ikm",
        lang,
        when=_in_year(found["period"], lang),
        ikm=_num(found["ikm"], lang, 1),
        grade=_grade(found["grade"], lang),
    )
    change = found["change"]
    if change is not None:
        rounded = round(change, 1)
        direction = "up" if rounded > 0 else "down" if rounded < 0 else "same"
        text += " " + labels.text(
            f"text.ex_ikm_{direction}",
            lang,
            change=_num(abs(change), lang, 1),
            previous_period=md_text(found["previous_period"] or ""),
        )
    return {"value": found["ikm"], "text": text}


def _feedback_number(document: Mapping[str, Any], lang: str) -> dict[str, Any] | None:
    fb = _figures(document, "feedback")
    score = _number(fb.get("overall_score"))
    if score is None:
        return None
    text = labels.text(
        "text.ex_num_feedback",
        lang,
        score=_num(score, lang, 1),
        band=_band(fb.get("overall_band"), lang),
    )
    return {"value": score, "text": text}


_NUMBER_FUNCTIONS = {
    "headcount": _headcount,
    "coverage": _coverage,
    "jpm": _jpm_number,
    "gap": _gap_number,
    "jp": _jp_number,
    "effects": _effects_number,
    "ikm": _ikm_number,
    "feedback": _feedback_number,
}


def key_numbers(
    document: Mapping[str, Any], lang: str = config.DEFAULT_LANG
) -> list[dict[str, Any]]:
    """The region's key numbers that are known, in :data:`NUMBERS` order.

    Parameters
    ----------
    document : mapping
        A region's summary document (:func:`kompetensi_toolkit.reporting.read_summary`).
    lang : {"id", "en"}

    Returns
    -------
    list of dict
        ``{"key": str, "value": number or dict, "text": Markdown sentence}``; a
        number whose values are missing or masked is left out.

    Raises
    ------
    ParameterError
        ``lang`` is not a report language, or ``document`` is not a summary document.

    Examples
    --------
    >>> doc = {"templates": {"feedback": {"overall_score": 71.84, "overall_band": "baik"}}}
    >>> key_numbers(doc)
    [{'key': 'feedback', 'value': 71.84, 'text': 'Penilaian peserta terhadap pelatihan: \
**71,8** dari 100 (baik).'}]
    >>> key_numbers({"templates": {}})
    []
    """
    lang = labels.check_lang(lang, "key_numbers")
    document = _check_document(document, "key_numbers")
    out = []
    for key in NUMBERS:
        found = _NUMBER_FUNCTIONS[key](document, lang)
        if found is not None:
            out.append({"key": key, **found})
    return out


def missing_numbers(document: Mapping[str, Any]) -> list[str]:
    """The keys of :data:`NUMBERS` that are not available for this region.

    Examples
    --------
    >>> missing_numbers({"templates": {"overview": {"headcount": 40, "share_assessed": 0.9}}})
    ['jpm', 'gap', 'jp', 'effects', 'ikm', 'feedback']
    """
    document = _check_document(document, "missing_numbers")
    return [k for k in NUMBERS if _NUMBER_FUNCTIONS[k](document, config.DEFAULT_LANG) is None]


# ---------------------------------------------------------------------------
# Recommendations.
# ---------------------------------------------------------------------------
def _rule_jp(document: Mapping[str, Any], lang: str) -> str | None:
    found = _jp_under(document)
    if found is None or found[0] < JP_UNDER_THRESHOLD:
        return None
    return labels.text(
        "text.ex_rec_jp", lang, share=_pct(found[0], lang), when=_in_year(found[1], lang)
    )


def _rule_gap(document: Mapping[str, Any], lang: str) -> str | None:
    rows = _gaps(document)
    if not rows or float(rows[0]["share_below"]) < GAP_THRESHOLD:
        return None
    top = rows[0]
    return labels.text(
        "text.ex_rec_gap",
        lang,
        share=_pct(float(top["share_below"]), lang),
        competency=_competency(top, lang),
    )


def _rule_jpm(document: Mapping[str, Any], lang: str) -> str | None:
    shown, _ = _jpm(document)
    low = [(c, s) for c, s in shown if c in JPM_LOW_CATEGORIES and s >= JPM_LOW_THRESHOLD]
    if not low:
        return None
    category, share = low[0]
    return labels.text(
        "text.ex_rec_jpm",
        lang,
        share=_pct(share, lang),
        category=md_text(_jpm_label(category, lang)),
    )


def _rule_ikm_grade(document: Mapping[str, Any], lang: str) -> str | None:
    found = _ikm(document)
    if found is None or found["grade"] not in IKM_LOW_GRADES:
        return None
    return labels.text(
        "text.ex_rec_ikm_grade",
        lang,
        when=_in_year(found["period"], lang),
        ikm=_num(found["ikm"], lang, 1),
        grade=_grade(found["grade"], lang),
    )


def _rule_ikm_fall(document: Mapping[str, Any], lang: str) -> str | None:
    found = _ikm(document)
    if found is None or found["change"] is None or found["change"] > -IKM_DROP:
        return None
    return labels.text(
        "text.ex_rec_ikm_fall",
        lang,
        change=_num(-found["change"], lang, 1),
        previous_period=md_text(found["previous_period"] or ""),
        period=md_text(found["period"] or ""),
    )


def _rule_effects(document: Mapping[str, Any], lang: str) -> str | None:
    found = _effects(document)
    weak = [(c / r, level, c, r) for level, (c, r) in found.items() if c / r < EFFECTS_CLEAR_SHARE]
    if not weak:
        return None
    _, level, n_clear, n_ranked = min(weak, key=lambda t: t[0])
    return labels.text(
        "text.ex_rec_effects",
        lang,
        n_clear=n_clear,
        n_ranked=n_ranked,
        level=labels.label(f"text.ex_level.{level}", lang),
    )


def _rule_feedback(document: Mapping[str, Any], lang: str) -> str | None:
    found = _feedback_low(document)
    if found is None or round(found[1], 1) >= FEEDBACK_LOW_SCORE:  # as written: 69.96 is "70.0"
        return None
    dimension, score, band = found
    what = (
        _dimension(dimension, lang)
        if dimension is not None
        else labels.label("text.ex_feedback_overall", lang)
    )
    return labels.text(
        "text.ex_rec_feedback",
        lang,
        dimension=what,
        score=_num(score, lang, 1),
        band=_band(band, lang),
    )


def _rule_reliability(document: Mapping[str, Any], lang: str) -> str | None:
    fb = _figures(document, "feedback")
    n_low, n = _number(fb.get("n_low_alpha")), _number(fb.get("n_alpha"))
    if not n_low or not n:
        return None
    return labels.text(
        "text.ex_rec_reliability",
        lang,
        n_low=int(n_low),
        n=int(n),
        threshold=_num(ALPHA_THRESHOLD, lang, 1),
    )


def _rule_coverage(document: Mapping[str, Any], lang: str) -> str | None:
    share = _number(_figures(document, "overview").get("share_assessed"))
    if share is None or share >= COVERAGE_LOW:
        return None
    return labels.text("text.ex_rec_coverage", lang, share=_pct(share, lang))


def _rule_missing(document: Mapping[str, Any], lang: str) -> str | None:
    missing = missing_numbers(document)
    if not missing:
        return None
    if len(missing) == len(NUMBERS):
        return labels.label("text.ex_rec_missing_all", lang)
    names = [labels.label(f"text.ex_number.{k}", lang) for k in missing]
    return labels.text("text.ex_rec_missing", lang, items=_join(names, lang))


_RULE_FUNCTIONS = {
    "jp": _rule_jp,
    "gap": _rule_gap,
    "jpm": _rule_jpm,
    "ikm_grade": _rule_ikm_grade,
    "ikm_fall": _rule_ikm_fall,
    "effects": _rule_effects,
    "feedback": _rule_feedback,
    "reliability": _rule_reliability,
    "coverage": _rule_coverage,
    "missing": _rule_missing,
}


def _recommend(document: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    fired = []
    for rule in RULES:
        sentence = _RULE_FUNCTIONS[rule](document, lang)
        if sentence is not None:
            fired.append((rule, sentence))
    fired = fired[:MAX_RECOMMENDATIONS]
    for rule in GENERAL_RULES:
        if len(fired) >= MIN_RECOMMENDATIONS:
            break
        fired.append((rule, labels.label(f"text.ex_rec_{rule}", lang)))
    return fired


def recommendation_rules(document: Mapping[str, Any]) -> list[str]:
    """The rules behind :func:`recommendations`, in the same order (3 to 5 of them).

    Examples
    --------
    >>> recommendation_rules({"templates": {}})
    ['missing', 'general_plan', 'general_units']
    """
    document = _check_document(document, "recommendation_rules")
    return [rule for rule, _ in _recommend(document, config.DEFAULT_LANG)]


def recommendations(document: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> list[str]:
    """Three to five recommendations, each saying the number that triggered it.

    The rules of the module docstring are checked in :data:`RULES` order; the
    first five that fire are kept, and the general recommendations
    (:data:`GENERAL_RULES`) fill the list up to three.

    Parameters
    ----------
    document : mapping
        A region's summary document.
    lang : {"id", "en"}

    Returns
    -------
    list of str
        Markdown sentences, 3 ≤ len ≤ 5.

    Examples
    --------
    >>> doc = {"templates": {"feedback": {"worst_dimension": "metode", "worst_score": 62.5,
    ...     "dimensions": [{"dimension": "metode", "band": "cukup"}]}}}
    >>> recommendations(doc, "en")[0]  # doctest: +ELLIPSIS
    'Participants rated Method lowest, **62.5** out of 100 (fair): ...'
    """
    lang = labels.check_lang(lang, "recommendations")
    document = _check_document(document, "recommendations")
    return [sentence for _, sentence in _recommend(document, lang)]


# ---------------------------------------------------------------------------
# Markdown.
# ---------------------------------------------------------------------------
def title_markdown(
    document: Mapping[str, Any],
    lang: str = config.DEFAULT_LANG,
    region: Mapping[str, Any] | None = None,
) -> str:
    """The report's title and subtitle (``title.executive_summary``).

    Parameters
    ----------
    document : mapping
        A region's summary document; its templates give the region's name,
        level and province.
    lang : {"id", "en"}
    region : mapping, optional
        The region's row of the regions table (``name``, ``level``,
        ``province``), used for what the document does not hold.

    Examples
    --------
    >>> print(title_markdown({"region_id": "plaju", "templates": {}}, "en",
    ...                      region={"name": "Kecamatan Plaju", "level": "kecamatan"}))
    # Executive summary of civil-service competency development: Kecamatan Plaju
    <BLANKLINE>
    *District*
    """
    from kompetensi_toolkit import narrative

    lang = labels.check_lang(lang, "title_markdown")
    info = region_info(_check_document(document, "title_markdown"))
    for key, column in (("region_name", "name"), ("level", "level"), ("province", "province")):
        value = (region or {}).get(column)
        if info[key] is None and isinstance(value, str) and value:
            info[key] = value
    return narrative.title_markdown(info, lang, key="title.executive_summary")


def summary_markdown(
    document: Mapping[str, Any],
    lang: str = config.DEFAULT_LANG,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> str:
    """The "key numbers" section: one bullet per known number, then what is not available.

    Examples
    --------
    >>> print(summary_markdown({"templates": {"outcomes": {"year": 2025,
    ...     "share_meeting_20jp": 0.75}}}, "en"))  # doctest: +ELLIPSIS
    ## Key numbers
    <BLANKLINE>
    ...
    <BLANKLINE>
    - **25.0%** of staff did not reach 20 hours (JP) of competency development in 2025.
    <BLANKLINE>
    *Not available for this region: number of civil servants, ...*
    """
    lang = labels.check_lang(lang, "summary_markdown")
    document = _check_document(document, "summary_markdown")
    parts = ["## " + labels.label("heading.ex_numbers", lang)]
    numbers = key_numbers(document, lang)
    if not numbers:
        parts.append(labels.label("text.ex_no_numbers", lang))
        return "\n\n".join(parts)
    parts.append(labels.text("text.ex_intro", lang, threshold=min_group_size))
    parts.append("\n".join(f"- {n['text']}" for n in numbers))
    missing = missing_numbers(document)
    if missing:
        names = [labels.label(f"text.ex_number.{k}", lang) for k in missing]
        parts.append("*" + labels.text("text.ex_missing", lang, items=_join(names, lang)) + "*")
    return "\n\n".join(parts)


def recommendations_markdown(document: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """The "recommendations" section: a numbered list, then how the list was made.

    Examples
    --------
    >>> print(recommendations_markdown({"templates": {}}, "en").splitlines()[0])
    ## Recommendations
    """
    lang = labels.check_lang(lang, "recommendations_markdown")
    items = recommendations(document, lang)
    listing = "\n".join(f"{i}. {s}" for i, s in enumerate(items, 1))
    note = labels.text(
        "text.ex_rules_note",
        lang,
        jp_threshold=_pct(JP_UNDER_THRESHOLD, lang),
        gap_threshold=_pct(GAP_THRESHOLD, lang),
    )
    note = f"*{note}*"
    return "\n\n".join(["## " + labels.label("heading.ex_recommendations", lang), listing, note])


def links_markdown(
    reports: Iterable[str], lang: str = config.DEFAULT_LANG, *, reason: str | None = None
) -> str:
    """The "detailed reports" section: relative links to the reports that exist.

    Parameters
    ----------
    reports : iterable of str
        Names of the detailed reports available next to this one (e.g. from
        :func:`available_reports`); they are linked in :data:`REPORTS` order as
        ``<name>.html``. Names outside :data:`REPORTS` are ignored.
    lang : {"id", "en"}
    reason : {None, "missing", "other_region", "invalid"}
        Why the region's ``summary.json`` could not be read (said when no
        report is available).

    Examples
    --------
    >>> print(links_markdown(["gaps", "overview"], "en"))  # doctest: +ELLIPSIS
    ## Detailed reports
    <BLANKLINE>
    ...
    <BLANKLINE>
    - [Civil service overview](overview.html): ...
    - [Competency gaps](gaps.html): ...
    >>> links_markdown("gaps")
    Traceback (most recent call last):
    ...
    kompetensi_toolkit.exceptions.ParameterError: The 'reports' parameter of links_markdown \
must be a list of report names (overview, gaps, needs_plan, outcomes, feedback). Got 'gaps' \
instead.
    """
    lang = labels.check_lang(lang, "links_markdown")
    given = reports
    reports = [] if isinstance(given, str) else list(given)
    if isinstance(given, str) or not all(isinstance(r, str) for r in reports):
        raise ParameterError(
            "The 'reports' parameter of links_markdown must be a list of report names "
            f"({', '.join(REPORTS)}). Got {given!r} instead."
        )
    if reason not in (None, "missing", "other_region", "invalid"):
        raise ParameterError(
            "The 'reason' parameter of links_markdown must be None, 'missing', 'other_region' "
            f"or 'invalid'. Got {reason!r} instead."
        )
    parts = ["## " + labels.label("heading.ex_reports", lang)]
    shown = [r for r in REPORTS if r in set(reports)]
    if not shown:
        sentences = [labels.label("text.ex_reports_none", lang)]
        if reason is not None:
            sentences.insert(0, labels.label(f"text.ex_summary_{reason}", lang))
        parts.append(" ".join(sentences))
        return "\n\n".join(parts)
    parts.append(labels.label("text.ex_reports_intro", lang))
    parts.append("\n".join(f"- {labels.label(f'text.ex_report.{r}', lang)}" for r in shown))
    if len(shown) < len(REPORTS):
        absent = [labels.label(f"text.ex_report_name.{r}", lang) for r in REPORTS if r not in shown]
        parts.append(
            "*" + labels.text("text.ex_reports_absent", lang, items=_join(absent, lang)) + "*"
        )
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------
# Files (read only).
# ---------------------------------------------------------------------------
def load_document(reports_dir: str | Path, region_id: str) -> tuple[dict[str, Any], str | None]:
    """A region's summary document, and why it could not be read (``None`` when it could).

    ``reports_dir`` is resolved like a data folder
    (:func:`kompetensi_toolkit.config.resolve_data_dir`: relative paths are
    tried from here, then from the project root). A document written for
    another region is not used. This template's own entry
    (``executive_summary``) is dropped.

    Returns
    -------
    (dict, str or None)
        The document (``{"region_id", "generated", "templates"}``; empty
        ``templates`` when unreadable) and ``None``, ``"missing"`` (no
        ``summary.json``), ``"invalid"`` (not valid JSON) or ``"other_region"``.

    Examples
    --------
    >>> load_document("/nonexistent/folder", "ambon")
    ({'region_id': 'ambon', 'generated': None, 'templates': {}}, 'missing')
    """
    from kompetensi_toolkit import reporting

    if not isinstance(region_id, str):
        raise ParameterError(
            f"The 'region_id' parameter of load_document must be a region id (text). Got "
            f"{region_id!r} instead."
        )
    empty: dict[str, Any] = {"region_id": region_id, "generated": None, "templates": {}}
    folder = config.resolve_data_dir(reports_dir)
    path = folder / reporting.SUMMARY_FILE
    if not path.is_file():
        return empty, "missing"
    try:
        document = reporting.read_summary(folder)
    except ReportError:
        return empty, "invalid"
    if not isinstance(document, dict) or not isinstance(document.get("templates"), dict):
        return empty, "invalid"
    if document.get("region_id") not in (None, region_id):
        return empty, "other_region"
    templates = {k: v for k, v in document["templates"].items() if k != "executive_summary"}
    return {**document, "region_id": region_id, "templates": templates}, None


def available_reports(reports_dir: str | Path) -> list[str]:
    """The detailed reports (:data:`REPORTS`) whose ``<name>.html`` is in ``reports_dir``.

    Examples
    --------
    >>> available_reports("/nonexistent/folder")
    []
    """
    folder = config.resolve_data_dir(reports_dir)
    return [r for r in REPORTS if (folder / f"{r}.html").is_file()]


# ---------------------------------------------------------------------------
# This template's own key figures.
# ---------------------------------------------------------------------------
def key_figures(
    document: Mapping[str, Any],
    reports: Iterable[str] = (),
    *,
    reason: str | None = None,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> dict[str, Any]:
    """What the summary states, as data: numbers, rules fired, reports linked.

    Examples
    --------
    >>> f = key_figures({"region_id": "x", "templates": {"overview": {"headcount": 40}}},
    ...                 ["overview"])
    >>> f["numbers"], f["recommendations"], f["reports"]
    ({'headcount': 40}, ['missing', 'general_plan', 'general_units'], ['overview'])
    """
    document = _check_document(document, "key_figures")
    info = region_info(document)
    numbers = key_numbers(document, config.DEFAULT_LANG)
    reports = list(reports)
    return {
        **info,
        "min_group_size": min_group_size,
        "source_templates": sorted(t for t in (document.get("templates") or {}) if t in REPORTS),
        "summary_problem": reason,
        "numbers": {n["key"]: n["value"] for n in numbers},
        "n_numbers": len(numbers),
        "missing_numbers": missing_numbers(document),
        "recommendations": recommendation_rules(document),
        "reports": [r for r in REPORTS if r in set(reports)],
    }


def data_hash(document: Mapping[str, Any]) -> str | None:
    """The data fingerprint(s) of the summaries read, for the provenance section.

    Examples
    --------
    >>> data_hash({"templates": {"gaps": {"data_hash": "ab"}, "overview": {"data_hash": "ab"}}})
    'ab'
    >>> data_hash({"templates": {}}) is None
    True
    """
    document = _check_document(document, "data_hash")
    found = {
        str(f["data_hash"])
        for f in (document.get("templates") or {}).values()
        if isinstance(f, Mapping) and isinstance(f.get("data_hash"), str)
    }
    return ", ".join(sorted(found)) or None


def summary(figures: Mapping[str, Any]) -> dict[str, Any]:
    """The part of :func:`key_figures` that goes into ``summary.json`` (all of it, copied).

    Examples
    --------
    >>> summary({"n_numbers": 0, "numbers": {}})
    {'n_numbers': 0, 'numbers': {}}
    """
    return {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in figures.items()}
