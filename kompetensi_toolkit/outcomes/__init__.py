"""Programme outcomes: did the training work, for whom, and did public service get better?

One concern per module; the public functions are also importable from here
(``from kompetensi_toolkit.outcomes import ikm``), loaded on first use.

:mod:`~kompetensi_toolkit.outcomes.participation`
    Participation, completions, JP per employee and the 20 JP rule by group;
    staff who never take part; a logistic model of taking no part.
:mod:`~kompetensi_toolkit.outcomes.effects`
    Kirkpatrick levels 2 (pre-test → post-test) and 3 (supervisor rating
    before → after) per programme: paired tests, effect sizes with bootstrap
    confidence intervals, normalised gain, a ranking.
:mod:`~kompetensi_toolkit.outcomes.service`
    Level 4: Indeks Kepuasan Masyarakat (PermenPANRB 14/2017) and service
    metrics against the SP4N-LAPOR! time limits.
:mod:`~kompetensi_toolkit.outcomes.comparison`
    Training coverage of units and a difference-in-differences comparison of
    high- and low-coverage units.
:mod:`~kompetensi_toolkit.outcomes.gap_closure`
    JPM change of staff assessed twice, trained against untrained
    (``outcomes.gap_closure`` is the module; its function is
    ``outcomes.gap_closure.gap_closure``).
:mod:`~kompetensi_toolkit.outcomes.report`, :mod:`~kompetensi_toolkit.outcomes.charts`
    The words and charts of the "programme outcomes" report.

Examples
--------
>>> from kompetensi_toolkit import outcomes
>>> outcomes.ikm_grade(88.31), outcomes.ikm_grade(88.30)
('A', 'B')
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "participation_summary": "participation",
    "jp_by_group": "participation",
    "age_band": "participation",
    "never_participants": "participation",
    "nonparticipation_model": "participation",
    "ParticipationModel": "participation",
    "paired_effects": "effects",
    "learning_effects": "effects",
    "behaviour_effects": "effects",
    "ikm": "service",
    "ikm_grade": "service",
    "ikm_change": "service",
    "period_year": "service",
    "service_summary": "service",
    "training_coverage": "comparison",
    "comparison_groups": "comparison",
    "did_panel": "comparison",
    "diff_in_diff": "comparison",
    "DiffInDiff": "comparison",
    "assessment_pairs": "gap_closure",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
