"""Participant feedback (Kirkpatrick level 1): Likert scales, reliability, free text, safe quotes.

One concern per module; the public functions are also importable from here
(``from kompetensi_toolkit.feedback import cronbach_alpha``), loaded on first use.

:mod:`~kompetensi_toolkit.feedback.likert`
    Answers through ``feedback_items`` (dimension, 4- or 5-point scale,
    reversed items; numbers or Indonesian words), distributions, means with
    intervals, share agreeing, 0–100 scores with bands, per programme and
    provider type, ranked.
:mod:`~kompetensi_toolkit.feedback.reliability`
    Cronbach's α with Feldt's interval, α if an item is dropped, item–rest
    correlations, warnings.
:mod:`~kompetensi_toolkit.feedback.text`
    Indonesian normalisation, slang, stop list keeping negations, protected
    domain words, Sastrawi stemming, negation bigrams, a transparent polarity rule set.
:mod:`~kompetensi_toolkit.feedback.themes`
    Themes by TF-IDF and NMF, named by their top terms.
:mod:`~kompetensi_toolkit.feedback.quotes`
    Representative comments per theme, scrubbed of NIPs, long digit runs,
    e-mail addresses, phone numbers, links and staff names, always escaped.

(``feedback.reliability`` is the module; its per-dimension function is
``feedback.reliability.reliability``.)

Examples
--------
>>> import pandas as pd
>>> from kompetensi_toolkit import feedback
>>> a = feedback.cronbach_alpha(pd.DataFrame({"q1": [1, 2, 3, 4], "q2": [1, 2, 4, 4]}))
>>> round(a.alpha, 3)
0.967
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "long_answers": "likert",
    "score_0_100": "likert",
    "score_band": "likert",
    "item_summary": "likert",
    "dimension_scores": "likert",
    "respondent_scores": "likert",
    "with_programme": "likert",
    "cronbach_alpha": "reliability",
    "item_analysis": "reliability",
    "Alpha": "reliability",
    "Reliability": "reliability",
    "normalise": "text",
    "tokens": "text",
    "stop_words": "text",
    "negation_bigrams": "text",
    "polarity": "text",
    "polarity_coverage": "text",
    "find_themes": "themes",
    "themes_by": "themes",
    "theme_label": "themes",
    "Themes": "themes",
    "scrub": "quotes",
    "NameScrubber": "quotes",
    "representative_quotes": "quotes",
    "escape_quote": "quotes",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
