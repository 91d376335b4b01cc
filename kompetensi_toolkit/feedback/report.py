"""The words of the participant feedback report: key figures masked once, then sentences.

:func:`key_figures` takes the outputs of the feedback functions for one region
and masks every small group once, so the sentences, charts, tables and
``summary.json`` show the same safe numbers. The ``*_markdown`` functions
write each section in Bahasa Indonesia or English; :func:`summary` is the part
that goes into ``summary.json`` (never the quotes). No function here reads or
writes files, draws, or changes its inputs.

What is masked, with ``m`` = ``min_group_size``: an item, a dimension or a
programme answered by fewer than ``m`` respondents; a reliability row of fewer
than ``m`` complete respondents; a theme of fewer than ``m`` comments (left
out of the table, with no quotes); in the splits of the themes by rating band
and by programme, a group of fewer than ``m`` comments (programmes: fewer than
``max(m, min_responses)``), and a cell of fewer than ``m`` comments with the
cells that would give it back from a row or column total. Theme labels lose any
word of an employee's name; quotes are scrubbed by
:func:`~kompetensi_toolkit.feedback.quotes.representative_quotes` and shown only
through :func:`~kompetensi_toolkit.feedback.quotes.escape_quote`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from kompetensi_toolkit import config, labels
from kompetensi_toolkit.feedback.likert import DEFAULT_BANDS
from kompetensi_toolkit.feedback.quotes import escape_quote
from kompetensi_toolkit.feedback.themes import theme_label
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.narrative import (
    _masked_count,
    _missing,
    _region,
    _text,
    float_or_none,
    interval_text,
    join_items,
    region_figures,
    section_markdown,
    summary_with_tables,
)
from kompetensi_toolkit.privacy import (
    REASON,
    SUPPRESSED,
    check_min_group_size,
    mask_rows,
    suppress_crosstab,
)
from kompetensi_toolkit.rendering import md_text

__all__ = [
    "dimensions_markdown",
    "key_figures",
    "programmes_markdown",
    "quotes_markdown",
    "reliability_markdown",
    "summary",
    "summary_markdown",
    "theme_splits_markdown",
    "themes_markdown",
]

#: α below this is said to be low (the usual rule of thumb).
ALPHA_THRESHOLD = 0.7
_WORD = re.compile(r"[^\W\d_]+")


def _num(x: object, lang: str, decimals: int = 1) -> str:
    return labels.format_number(x, lang, decimals=decimals)


def _pct(x: object, lang: str) -> str:
    return labels.format_percent(x, lang)


def _dimension_label(dimension: object, lang: str) -> str:
    if str(dimension) == "all":
        return labels.label("text.fb_overall", lang)
    return labels.enum_label("feedback_dimension", str(dimension), lang)


def _band_label(band: object, lang: str) -> str:
    if _missing(band):
        return "–"
    key = f"text.fb_band.{band}"
    return labels.label(key, lang) if key in labels.TRANSLATIONS[lang] else str(band)


def _name_words(names: object) -> frozenset[str]:
    if names is None:
        return frozenset()
    return frozenset(
        w.lower() for n in pd.Series(names).dropna().astype(str) for w in _WORD.findall(n)
    )


# ---------------------------------------------------------------------------
# Key figures.
# ---------------------------------------------------------------------------
def _items(items: pd.DataFrame | None, feedback_items: pd.DataFrame | None, m: int, lang: str):
    if items is None or items.empty:
        return None
    require_columns(items, ["item_id", "dimension", "reversed", "n", "share_agree"], "key_figures")
    out = items.copy()
    text_col = "text_en" if lang == "en" else "text_id"
    texts: dict[str, str] = {}
    if feedback_items is not None and text_col in feedback_items:
        texts = dict(
            zip(
                feedback_items["item_id"].astype(str),
                feedback_items[text_col].astype("string").fillna(""),
                strict=True,
            )
        )
    reversed_note = labels.label("text.fb_reversed", lang)
    out["label"] = [
        (texts.get(str(i)) or str(i)) + (f" {reversed_note}" if bool(r) else "")
        for i, r in zip(out["item_id"], out["reversed"].fillna(False), strict=True)
    ]
    shares = [c for c in out.columns if str(c).startswith("share_")]
    stats = [*shares, "mean", "mean_low", "mean_high", "score", "score_low", "score_high"]
    masked = mask_rows(out, out["n"] < m, stats)
    masked["n"] = masked["n"].astype("Int64").mask(out["n"] < m)
    return masked


def _dimensions(dims: pd.DataFrame | None, m: int, lang: str) -> pd.DataFrame | None:
    if dims is None or dims.empty:
        return None
    require_columns(
        dims, ["dimension", "n_responses", "score", "score_low", "score_high", "band"],
        "key_figures",
    )  # fmt: skip
    out = dims.reset_index(drop=True)
    small = out["n_responses"] < m
    masked = mask_rows(out, small, ["score", "score_low", "score_high", "band", "rank"])
    masked["n_responses"] = masked["n_responses"].astype("Int64").mask(small)
    masked["dimension_label"] = [_dimension_label(d, lang) for d in masked["dimension"]]
    masked["band_label"] = [_band_label(b, lang) for b in masked["band"]]
    masked["ci_text"] = [
        interval_text(lo, hi, lang)
        for lo, hi in zip(masked["score_low"], masked["score_high"], strict=True)
    ]
    return masked


def _ranked_groups(scores: pd.DataFrame | None, key: str, m: int, lang: str) -> pd.DataFrame | None:
    """The overall score per group (``key``), masked below ``m``, ranked only when enough."""
    if scores is None or scores.empty:
        return None
    require_columns(
        scores,
        [key, "dimension", "n_responses", "score", "score_low", "score_high", "band", "enough",
         "rank"],
        "key_figures",
    )  # fmt: skip
    out = scores[scores["dimension"].astype(str) == "all"].drop(columns="dimension")
    out = out.reset_index(drop=True)
    small = out["n_responses"] < m
    masked = mask_rows(out, small, ["score", "score_low", "score_high", "band", "rank"])
    masked["n_responses"] = masked["n_responses"].astype("Int64").mask(small)
    masked["rank"] = out["rank"].astype("Int64").mask(small | ~out["enough"].astype(bool))
    masked["band_label"] = [_band_label(b, lang) for b in masked["band"]]
    masked["ci_text"] = [
        interval_text(lo, hi, lang)
        for lo, hi in zip(masked["score_low"], masked["score_high"], strict=True)
    ]
    order = masked["rank"].astype("Float64").fillna(1e9)
    return masked.assign(_o=order).sort_values(["_o", key]).drop(columns="_o")


def _programme_names(
    frame: pd.DataFrame, programs: pd.DataFrame | None, key: str = "program_id"
) -> pd.Series:
    """The programme's name for each row of ``frame`` (its id when the name is missing)."""
    ids = frame[key].astype("string")
    if programs is None or "name" not in programs:
        return ids.rename("programme")
    names = programs[["program_id", "name"]].astype("string").drop_duplicates("program_id")
    named = ids.map(names.set_index("program_id")["name"])
    return named.fillna(ids).astype("string").rename("programme")


def _programmes(
    scores: pd.DataFrame | None, programs: pd.DataFrame | None, m: int, lang: str
) -> pd.DataFrame | None:
    out = _ranked_groups(scores, "program_id", m, lang)
    if out is None:
        return None
    out["programme"] = _programme_names(out, programs).to_numpy()
    return out


def _theme_split(
    split: pd.DataFrame | None,
    key: str,
    shown: pd.DataFrame | None,
    m: int,
    min_n: int,
    group_labels: Mapping[object, str],
) -> tuple[pd.DataFrame | None, int]:
    """Theme shares within each group of ``key`` with at least ``min_n`` comments, and the
    number of groups left out; only the themes the report shows; cells of fewer than ``m``
    comments masked, with complementary cells
    (:func:`~kompetensi_toolkit.privacy.suppress_crosstab`)."""
    if split is None or split.empty or shown is None or shown.empty:
        return None, 0
    require_columns(split, [key, "theme", "n_comments", "n", "share"], "key_figures")
    sizes = split.drop_duplicates(key).set_index(key)["n"]
    kept = sizes[sizes >= min_n].index
    out = split[split[key].isin(kept) & split["theme"].isin(shown["theme"])].copy()
    out = out.drop(columns=[c for c in ("label",) if c in out])
    out = out.merge(shown[["theme", "label"]], on="theme", how="left")
    out["group_label"] = [group_labels.get(g, str(g)) for g in out[key]]
    out = suppress_crosstab(out, key, "theme", "n_comments", m, share_cols=["share"])
    out = out.sort_values(["n", "group_label", "theme"], ascending=[False, True, True])
    columns = [key, "group_label", "theme", "label", "n_comments", "n", "share", SUPPRESSED, REASON]
    return out[columns].reset_index(drop=True), int((sizes < min_n).sum())


def _reliability(rel: Any, m: int, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "reliability": None,
        "alpha_min": None,
        "alpha_max": None,
        "n_low_alpha": None,
        "negative_items": [],
    }
    if rel is None or rel.dimensions.empty:
        return out
    dims = rel.dimensions.reset_index(drop=True)
    small = dims["n"] < m
    masked = mask_rows(dims, small, ["alpha", "ci_low", "ci_high"])
    masked["n"] = masked["n"].astype("Int64").mask(small)
    masked["warning"] = dims["warning"].astype("object").where(~small & dims["warning"].notna())
    masked["dimension_label"] = [_dimension_label(d, lang) for d in masked["dimension"]]
    masked["ci_text"] = [
        interval_text(lo, hi, lang, 2)
        for lo, hi in zip(masked["ci_low"], masked["ci_high"], strict=True)
    ]
    masked["warning_text"] = [
        "–"
        if _missing(w)
        else "; ".join(labels.label(f"text.fb_warning.{c}", lang) for c in str(w).split(";"))
        for w in masked["warning"]
    ]
    shown = masked[~small & masked["alpha"].notna()]
    out["reliability"] = masked
    if len(shown):
        out.update(
            alpha_min=float(shown["alpha"].min()),
            alpha_max=float(shown["alpha"].max()),
            n_low_alpha=int((shown["alpha"] < ALPHA_THRESHOLD).sum()),
            n_alpha=len(shown),
        )
    items = rel.items
    if items is not None and len(items) and "item_rest_r" in items:
        shown_dims = set(shown["dimension"].astype(str))
        negative = items[
            (items["item_rest_r"] < 0) & items["dimension"].astype(str).isin(shown_dims)
        ]
        out["negative_items"] = [str(i) for i in negative["item_id"]]
    return out


def _themes(
    found: Any, names: frozenset[str], m: int, quotes: pd.DataFrame | None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "themes": None,
        "n_themes": 0,
        "n_themes_hidden": 0,
        "n_commented": 0,
        "largest_theme": None,
        "largest_theme_share": None,
        "quotes": None,
    }
    if found is None or found.themes.empty:
        return out
    table = found.themes.copy()
    table["label"] = [
        theme_label(t for t in terms if not set(_WORD.findall(str(t).lower())) & names)
        for terms in table["top_terms"]
    ]
    keep = (table["n_comments"] >= m) & (table["label"] != "")
    shown = table[keep].reset_index(drop=True)
    out.update(
        themes=shown[["theme", "label", "n_comments", "share"]].assign(**{SUPPRESSED: False}),
        n_themes=len(shown),
        n_themes_hidden=int((~keep).sum()),
        n_commented=int(found.n_documents),
    )
    if len(shown):
        top = shown.sort_values("n_comments", ascending=False, kind="stable").iloc[0]
        out.update(largest_theme=str(top["label"]), largest_theme_share=float(top["share"]))
    if quotes is not None and len(quotes) and len(shown):
        q = quotes[quotes["theme"].isin(shown["theme"]) & (quotes["n"] >= m)]
        q = q.merge(shown[["theme", "label"]], on="theme", how="left")
        out["quotes"] = q.reset_index(drop=True)
    return out


def key_figures(
    *,
    region: Mapping[str, Any] | pd.Series,
    n_responses: int,
    items: pd.DataFrame | None = None,
    feedback_items: pd.DataFrame | None = None,
    dimensions: pd.DataFrame | None = None,
    programmes: pd.DataFrame | None = None,
    providers: pd.DataFrame | None = None,
    programs: pd.DataFrame | None = None,
    reliability: Any = None,
    themes: Any = None,
    themes_by_programme: pd.DataFrame | None = None,
    themes_by_band: pd.DataFrame | None = None,
    bands: Sequence[tuple[float, str]] = DEFAULT_BANDS,
    quotes: pd.DataFrame | None = None,
    polarity: Mapping[str, Any] | None = None,
    names: object = None,
    score_method: str = "linear",
    min_responses: int = 10,
    min_group_size: int = config.MIN_GROUP_SIZE,
    data_hash: str | None = None,
    lang: str = config.DEFAULT_LANG,
) -> dict[str, Any]:
    """Everything the feedback report states, with every small group masked.

    Parameters
    ----------
    region : mapping or Series
        The region's row.
    n_responses : int
        Questionnaires returned in the region.
    items : DataFrame, optional
        :func:`~kompetensi_toolkit.feedback.likert.item_summary` per item.
    feedback_items : DataFrame, optional
        The item texts (``item_id``, ``text_id``, ``text_en``).
    dimensions : DataFrame, optional
        :func:`~kompetensi_toolkit.feedback.likert.dimension_scores` with ``by=()``.
    programmes : DataFrame, optional
        :func:`~kompetensi_toolkit.feedback.likert.dimension_scores` by ``program_id``.
    providers : DataFrame, optional
        :func:`~kompetensi_toolkit.feedback.likert.dimension_scores` by ``provider_type``.
    programs : DataFrame, optional
        Programme names (``program_id``, ``name``).
    reliability : Reliability, optional
        :func:`~kompetensi_toolkit.feedback.reliability.reliability`.
    themes : Themes, optional
        :func:`~kompetensi_toolkit.feedback.themes.find_themes` of the comments.
    themes_by_programme, themes_by_band : DataFrame, optional
        :func:`~kompetensi_toolkit.feedback.themes.themes_by` with ``by="program_id"``
        and ``by="band"`` (the band of the respondent's overall score,
        :func:`~kompetensi_toolkit.feedback.likert.respondent_scores`). A
        programme shows with at least ``max(min_group_size, min_responses)``
        comments, a band with at least ``min_group_size``.
    bands : sequence of (lower bound, label)
        The bands used for the scores (orders the bands, best first).
    quotes : DataFrame, optional
        :func:`~kompetensi_toolkit.feedback.quotes.representative_quotes`.
    polarity : mapping, optional
        :func:`~kompetensi_toolkit.feedback.text.polarity_coverage`.
    names : iterable of str, optional
        Employees' names: no word of them appears in a theme label.
    score_method, min_responses : as used for the scores (said in the report).
    min_group_size : int
    data_hash : str, optional
    lang : {"id", "en"}

    Returns
    -------
    dict
        Scalars (``None`` where masked or absent) and masked tables.
    """
    func = "key_figures"
    lang = labels.check_lang(lang, func)
    m = check_min_group_size(min_group_size, func)
    region = dict(region)
    figures: dict[str, Any] = {
        **region_figures(region, data_hash=data_hash, min_group_size=m),
        "score_method": score_method,
        "min_responses": int(min_responses),
        "n_responses": _masked_count(n_responses, m) if n_responses else 0,
        "overall_score": None,
        "overall_low": None,
        "overall_high": None,
        "overall_band": None,
        "best_dimension": None,
        "best_score": None,
        "worst_dimension": None,
        "worst_score": None,
    }
    figures["items"] = _items(items, feedback_items, m, lang)
    dims = _dimensions(dimensions, m, lang)
    figures["dimensions"] = dims
    if dims is not None:
        overall = dims[dims["dimension"].astype(str) == "all"]
        if len(overall) and not overall.iloc[0][SUPPRESSED]:
            row = overall.iloc[0]
            figures.update(
                overall_score=float_or_none(row["score"]),
                overall_low=float_or_none(row["score_low"]),
                overall_high=float_or_none(row["score_high"]),
                overall_band=_text(row["band"]),
            )
        parts = dims[(dims["dimension"].astype(str) != "all") & ~dims[SUPPRESSED]]
        if len(parts) > 1:
            ordered = parts.sort_values("score", ascending=False, kind="stable")
            best, worst = ordered.iloc[0], ordered.iloc[-1]
            figures.update(
                best_dimension=str(best["dimension"]),
                best_score=float(best["score"]),
                worst_dimension=str(worst["dimension"]),
                worst_score=float(worst["score"]),
            )
    progs = _programmes(programmes, programs, m, lang)
    figures["programmes"] = progs
    figures["n_programmes"] = 0 if progs is None else len(progs)
    figures["n_ranked"] = 0 if progs is None else int(progs["rank"].notna().sum())
    figures["providers"] = _ranked_groups(providers, "provider_type", m, lang)
    figures["n_alpha"] = 0
    figures.update(_reliability(reliability, m, lang))
    figures.update(_themes(themes, _name_words(names), m, quotes))
    shown = figures["themes"]
    by_programme, hidden = _theme_split(
        themes_by_programme,
        "program_id",
        shown,
        m,
        max(m, int(min_responses)),
        {} if themes_by_programme is None else dict(
            zip(themes_by_programme["program_id"],
                _programme_names(themes_by_programme, programs), strict=True)
        ),
    )  # fmt: skip
    figures.update(themes_by_programme=by_programme, n_programmes_without_split=hidden)
    order = [b for _, b in sorted(bands, key=lambda kv: -kv[0])]
    by_band, hidden = _theme_split(
        themes_by_band, "band", shown, m, m, {b: _band_label(b, lang) for b in order}
    )
    if by_band is not None:
        rank = {b: i for i, b in enumerate(order)}
        by_band = by_band.sort_values(
            ["band", "theme"], key=lambda c: c.map(rank) if c.name == "band" else c
        ).reset_index(drop=True)
    figures.update(themes_by_band=by_band, n_bands_without_split=hidden)
    pol = dict(polarity or {})
    figures["polarity_coverage"] = float_or_none(pol.get("coverage"))
    for p in ("praise", "complaint", "suggestion"):
        figures[f"share_{p}"] = float_or_none(pol.get(f"share_{p}"))
    if not pol.get("n") or pol["n"] < m:
        figures["polarity_coverage"] = None
        for p in ("praise", "complaint", "suggestion"):
            figures[f"share_{p}"] = None
    return figures


# ---------------------------------------------------------------------------
# summary.json
# ---------------------------------------------------------------------------
_SUMMARY_TABLES = {
    "items": ["item_id", "dimension", "reversed", "n", "share_agree", "score", SUPPRESSED],
    "dimensions": ["dimension", "n_responses", "score", "score_low", "score_high", "band",
                   SUPPRESSED],
    "programmes": ["program_id", "n_responses", "score", "score_low", "score_high", "band",
                   "enough", "rank", SUPPRESSED],
    "providers": ["provider_type", "n_responses", "score", "score_low", "score_high", "band",
                  "enough", "rank", SUPPRESSED],
    "reliability": ["dimension", "k", "n", "alpha", "ci_low", "ci_high", "warning", SUPPRESSED],
    "themes": ["theme", "label", "n_comments", "share"],
    "themes_by_programme": ["program_id", "theme", "n_comments", "n", "share", SUPPRESSED],
    "themes_by_band": ["band", "theme", "n_comments", "n", "share", SUPPRESSED],
    "quotes": [],
}  # fmt: skip


def summary(figures: Mapping[str, Any]) -> dict[str, Any]:
    """The part of :func:`key_figures` that goes into ``summary.json`` (no quotes)."""
    out = summary_with_tables(figures, _SUMMARY_TABLES)
    out.pop("quotes", None)
    return out


# ---------------------------------------------------------------------------
# Sentences.
# ---------------------------------------------------------------------------
def _score_sentence(figures: Mapping[str, Any], lang: str) -> str:
    if figures.get("overall_score") is None:
        return ""
    return labels.text(
        "text.fb_overall_score",
        lang,
        score=_num(figures["overall_score"], lang),
        ci=interval_text(figures["overall_low"], figures["overall_high"], lang),
        band=_band_label(figures["overall_band"], lang),
    )


def _best_worst(figures: Mapping[str, Any], lang: str) -> str:
    if figures.get("best_dimension") is None:
        return ""
    return labels.text(
        "text.fb_best_worst",
        lang,
        best=_dimension_label(figures["best_dimension"], lang),
        best_score=_num(figures["best_score"], lang),
        worst=_dimension_label(figures["worst_dimension"], lang),
        worst_score=_num(figures["worst_score"], lang),
    )


def _reliability_sentence(figures: Mapping[str, Any], lang: str) -> str:
    if figures.get("alpha_min") is None:
        return labels.label("text.fb_reliability_none", lang)
    alphas = interval_text(figures["alpha_min"], figures["alpha_max"], lang, 2)
    if figures["n_low_alpha"]:
        return labels.text(
            "text.fb_reliability_low",
            lang,
            n_low=figures["n_low_alpha"],
            n=figures["n_alpha"],
            alphas=alphas,
            threshold=_num(ALPHA_THRESHOLD, lang, 1),
        )
    return labels.text(
        "text.fb_reliability_ok", lang, alphas=alphas, threshold=_num(ALPHA_THRESHOLD, lang, 1)
    )


def _theme_sentence(figures: Mapping[str, Any], lang: str) -> str:
    if not figures.get("largest_theme"):
        return ""
    return labels.text(
        "text.fb_largest_theme",
        lang,
        label=md_text(figures["largest_theme"]),
        share=_pct(figures["largest_theme_share"], lang),
    )


def summary_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """The key findings: responses, overall score, best and worst dimension, α, largest theme."""
    lang = labels.check_lang(lang, "summary_markdown")
    m = figures["min_group_size"]
    region = _region(figures)
    if figures.get("n_responses") == 0:
        return labels.text("text.fb_none", lang, region=region)
    if figures.get("n_responses") is None:
        return labels.text("text.fb_too_few", lang, region=region, threshold=m)
    bullets = [
        labels.text("text.fb_responses", lang, n=figures["n_responses"]),
        _score_sentence(figures, lang),
        _best_worst(figures, lang),
        _reliability_sentence(figures, lang),
        _theme_sentence(figures, lang),
    ]
    intro = labels.text("text.fb_findings", lang, region=region)
    return intro + "\n\n" + "\n".join(f"- {b}" for b in bullets if b)


def dimensions_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "answers per dimension and item"."""
    lang = labels.check_lang(lang, "dimensions_markdown")
    heading = labels.label("heading.fb_dimensions", lang)
    if figures.get("overall_score") is None:
        return section_markdown(heading, labels.label("text.fb_dimensions_none", lang), lang)
    method = labels.label(f"text.fb_method.{figures['score_method']}", lang)
    sentences = [labels.text("text.fb_dimensions", lang, method=method)]
    sentences += [_score_sentence(figures, lang), _best_worst(figures, lang)]
    dims = figures.get("dimensions")
    return section_markdown(
        heading, sentences, lang, [dims] if dims is not None else None, figures["min_group_size"]
    )


def programmes_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "scores per programme"."""
    lang = labels.check_lang(lang, "programmes_markdown")
    m = figures["min_group_size"]
    heading = labels.label("heading.fb_programmes", lang)
    progs = figures.get("programmes")
    if progs is None or progs.empty:
        return section_markdown(heading, labels.label("text.fb_programmes_none", lang), lang)
    sentences = [
        labels.text(
            "text.fb_programmes",
            lang,
            n=figures["n_programmes"],
            n_ranked=figures["n_ranked"],
            min_responses=figures["min_responses"],
        )
    ]
    ranked = progs[progs["rank"].notna()].sort_values("rank")
    if len(ranked) > 1:
        top, bottom = ranked.iloc[0], ranked.iloc[-1]
        sentences.append(
            labels.text(
                "text.fb_programmes_top",
                lang,
                top=md_text(top["programme"]),
                top_score=_num(top["score"], lang),
                bottom=md_text(bottom["programme"]),
                bottom_score=_num(bottom["score"], lang),
            )
        )
    sentences.append(_providers_sentence(figures, lang))
    sentences.append(labels.label("text.fb_programmes_caution", lang))
    providers = figures.get("providers")
    return section_markdown(
        heading, [x for x in sentences if x], lang,
        [progs] if providers is None else [progs, providers], m,
    )  # fmt: skip


def _providers_sentence(figures: Mapping[str, Any], lang: str) -> str:
    providers = figures.get("providers")
    if providers is None:
        return ""
    ranked = providers[providers["rank"].notna()].sort_values("rank")
    if len(ranked) < 2:
        return ""
    top, bottom = ranked.iloc[0], ranked.iloc[-1]
    return labels.text(
        "text.fb_providers",
        lang,
        top=labels.enum_label("provider_type", top["provider_type"], lang),
        top_score=_num(top["score"], lang),
        bottom=labels.enum_label("provider_type", bottom["provider_type"], lang),
        bottom_score=_num(bottom["score"], lang),
    )


def reliability_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "reliability": α per dimension and what a low α means."""
    lang = labels.check_lang(lang, "reliability_markdown")
    heading = labels.label("heading.fb_reliability", lang)
    sentences = [_reliability_sentence(figures, lang)]
    if figures.get("n_low_alpha"):
        sentences.append(labels.label("text.fb_reliability_meaning", lang))
    if figures.get("negative_items"):
        sentences.append(
            labels.text(
                "text.fb_negative_items",
                lang,
                items=join_items([md_text(i) for i in figures["negative_items"]], lang),
            )
        )
    rel = figures.get("reliability")
    return section_markdown(
        heading, sentences, lang, [rel] if rel is not None else None, figures["min_group_size"]
    )


def themes_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "themes": how many comments, the themes shown and the polarity rules' coverage."""
    lang = labels.check_lang(lang, "themes_markdown")
    m = figures["min_group_size"]
    heading = labels.label("heading.fb_themes", lang)
    if not figures.get("n_themes"):
        return section_markdown(
            heading, labels.text("text.fb_themes_none", lang, threshold=m), lang
        )
    sentences = [
        labels.text(
            "text.fb_themes",
            lang,
            n_commented=figures["n_commented"],
            n_themes=figures["n_themes"],
        ),
        _theme_sentence(figures, lang),
    ]
    if figures.get("n_themes_hidden"):
        sentences.append(
            labels.text("text.fb_themes_hidden", lang, n=figures["n_themes_hidden"], threshold=m)
        )
    if figures.get("polarity_coverage") is not None:
        sentences.append(
            labels.text(
                "text.fb_polarity",
                lang,
                coverage=_pct(figures["polarity_coverage"], lang),
                praise=_pct(figures["share_praise"], lang),
                complaint=_pct(figures["share_complaint"], lang),
                suggestion=_pct(figures["share_suggestion"], lang),
            )
        )
    return section_markdown(heading, sentences, lang)


def _largest_in(split: pd.DataFrame, group: object) -> pd.Series:
    part = split[(split.iloc[:, 0] == group) & ~split[SUPPRESSED]]
    return part.sort_values(["n_comments", "theme"], ascending=[False, True]).iloc[0]


def theme_splits_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "themes by rating and programme": which theme leads among those who rated
    the programmes best and worst, and for how many programmes the split is shown."""
    lang = labels.check_lang(lang, "theme_splits_markdown")
    m = figures["min_group_size"]
    heading = labels.label("heading.fb_theme_splits", lang)
    by_band, by_programme = figures.get("themes_by_band"), figures.get("themes_by_programme")
    if (by_band is None or by_band.empty) and (by_programme is None or by_programme.empty):
        return section_markdown(
            heading, labels.text("text.fb_splits_none", lang, threshold=m), lang
        )
    sentences = [labels.label("text.fb_splits", lang)]
    if by_band is not None and not by_band.empty:
        groups = list(dict.fromkeys(by_band.loc[~by_band[SUPPRESSED], "band"]))
        for band in dict.fromkeys(groups[:1] + groups[-1:]):
            row = _largest_in(by_band, band)
            sentences.append(
                labels.text(
                    "text.fb_split_band",
                    lang,
                    band=row["group_label"],
                    label=md_text(row["label"]),
                    share=_pct(row["share"], lang),
                    n=int(row["n"]),
                )
            )
    if by_programme is not None and not by_programme.empty:
        sentences.append(
            labels.text(
                "text.fb_split_programmes",
                lang,
                n=by_programme["program_id"].nunique(),
                threshold=max(m, int(figures["min_responses"])),
                hidden=figures.get("n_programmes_without_split") or 0,
            )
        )
    return section_markdown(heading, sentences, lang)


def quotes_markdown(figures: Mapping[str, Any], lang: str = config.DEFAULT_LANG) -> str:
    """Section "what participants wrote": scrubbed quotes under each theme, escaped."""
    lang = labels.check_lang(lang, "quotes_markdown")
    heading = labels.label("heading.fb_quotes", lang)
    quotes = figures.get("quotes")
    if quotes is None or quotes.empty:
        return section_markdown(heading, labels.label("text.fb_quotes_none", lang), lang)
    parts = [section_markdown(heading, labels.label("text.fb_quotes", lang), lang)]
    for label, group in quotes.groupby("label", sort=False):
        lines = [f"**{md_text(label)}**", ""]
        lines += [f"- “{escape_quote(q)}”" for q in group["quote"]]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)
