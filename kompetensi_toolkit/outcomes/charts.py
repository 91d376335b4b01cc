"""Charts of the programme outcomes report, labelled in the reader's language.

Like :mod:`kompetensi_toolkit.plotting`: each function takes a tidy (already
masked) frame, a language and ``ax=None``, draws, and returns the Axes. A row
whose estimate is masked is drawn as no point, and its label says why.

:func:`forest_plot`
    Estimates with their confidence intervals, one row each (programme effects
    of Kirkpatrick levels 2 and 3, gap closure per competency).
:func:`ikm_dumbbell`
    IKM per service unit, before and after, on the A–D grade bands.
:func:`did_lines`
    The difference-in-differences picture: high- and low-coverage units
    before and after, with the path the high-coverage units would have taken
    had they changed like the others.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> effects = pd.DataFrame({"name": ["Pelatihan A", "Seminar B"], "g_av": [1.2, 0.1],
...                         "g_av_low": [0.9, -0.2], "g_av_high": [1.5, 0.4]})
>>> ax = forest_plot(effects, "en", label="name")
>>> [t.get_text() for t in ax.get_yticklabels()]
['Pelatihan A', 'Seminar B']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kompetensi_toolkit import config, labels
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.outcomes.service import IKM_GRADES
from kompetensi_toolkit.plotting import (
    _NOTE_COLOR,
    BAR_COLOR,
    _despine,
    _masked_text,
    _plain,
    _wrap,
)
from kompetensi_toolkit.privacy import REASON

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["GRADE_COLORS", "did_lines", "forest_plot", "ikm_dumbbell"]

#: Background of each IKM grade band (A best), light so the points stay legible.
GRADE_COLORS = {"A": "#e3f1e6", "B": "#eef5dc", "C": "#fbf1d6", "D": "#f8e0dc"}
#: Lower bound of each grade (PermenPANRB 14/2017), for the bands.
_GRADE_BOUNDS = tuple(
    (grade, lower, upper)
    for (grade, lower, *_), upper in zip(
        IKM_GRADES, (100.0, *(g[1] for g in IKM_GRADES[:-1])), strict=True
    )
)
_CONTROL_COLOR = "#8d99ae"


def forest_plot(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    label: str = "name",
    value: str = "g_av",
    low: str = "g_av_low",
    high: str = "g_av_high",
    title_key: str = "chart.oc_forest_l2",
    xlabel_key: str = "chart.oc_forest_x",
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """Point estimates with horizontal confidence intervals, first row at the top.

    Parameters
    ----------
    frame : DataFrame
        One row per item: ``label``, ``value``, ``low``, ``high``; a masked
        row (``value`` missing) is listed with the reason instead of a point.
    lang : {"id", "en"}
    ax : matplotlib Axes, optional
    label, value, low, high : str
        Columns: the row's name, the estimate and its interval.
    title_key, xlabel_key : str
        Keys of :data:`kompetensi_toolkit.labels.TRANSLATIONS`.
    min_group_size : int
        The threshold written for small groups.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    func = "forest_plot"
    lang = labels.check_lang(lang, func)
    require_columns(frame, [label, value, low, high], func)
    data = frame.reset_index(drop=True)
    est = pd.to_numeric(data[value], errors="coerce").astype("float64").to_numpy()
    lo = pd.to_numeric(data[low], errors="coerce").astype("float64").to_numpy()
    hi = pd.to_numeric(data[high], errors="coerce").astype("float64").to_numpy()
    names = [_wrap(_plain(x), 48) for x in data[label].astype("string").fillna("")]
    if ax is None:
        longest = max((len(n.split("\n")[0]) for n in names), default=0)
        width = 7.5 + max(0, longest - 24) * 0.06
        _, ax = plt.subplots(figsize=(width, 1.4 + 0.42 * max(len(data), 1)), layout="constrained")
    y = np.arange(len(data))
    shown = ~np.isnan(est)
    ax.hlines(y[shown], lo[shown], hi[shown], color=BAR_COLOR, linewidth=2)
    ax.plot(est[shown], y[shown], "o", color=BAR_COLOR, markersize=6, gid="estimate")
    ax.axvline(0.0, color=_NOTE_COLOR, linewidth=1, linestyle="--")
    finite = np.concatenate([lo[shown], hi[shown], est[shown], [0.0]])
    finite = finite[np.isfinite(finite)]
    left, right = float(finite.min()), float(finite.max())
    pad = max(right - left, 0.5) * 0.08
    ax.set_xlim(left - pad, right + pad)
    reasons = data[REASON] if REASON in data else pd.Series(pd.NA, index=data.index)
    for i in np.flatnonzero(~shown):
        ax.text(
            left,
            i,
            " " + _masked_text(reasons.iloc[i], lang, min_group_size),
            va="center",
            ha="left",
            fontsize=8,
            color=_NOTE_COLOR,
            style="italic",
        )
    ax.set_yticks(y)
    ax.set_yticklabels(names, fontsize=9)
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.set_title(labels.label(title_key, lang), loc="left", fontsize=12)
    ax.set_xlabel(labels.label(xlabel_key, lang))
    _despine(ax)
    return ax


def ikm_dumbbell(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    label: str = "unit",
    before: str = "ikm_before",
    after: str = "ikm_after",
    before_name: str | None = None,
    after_name: str | None = None,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """IKM of each unit in two periods, on the grade bands of PermenPANRB 14/2017.

    Parameters
    ----------
    frame : DataFrame
        One row per unit: ``label``, ``before``, ``after`` (IKM 25..100; a
        missing one is not drawn).
    before_name, after_name : str, optional
        Legend text of the two periods (e.g. ``"2024"``, ``"2025"``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> t = pd.DataFrame({"unit": ["Disdukcapil", "DPMPTSP"], "ikm_before": [74.0, 80.0],
    ...                   "ikm_after": [81.0, 79.5]})
    >>> ax = ikm_dumbbell(t, "en", before_name="2024", after_name="2025")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['2024', '2025']
    """
    import matplotlib.pyplot as plt

    func = "ikm_dumbbell"
    lang = labels.check_lang(lang, func)
    require_columns(frame, [label, before, after], func)
    data = frame.reset_index(drop=True)
    b = pd.to_numeric(data[before], errors="coerce").astype("float64").to_numpy()
    a = pd.to_numeric(data[after], errors="coerce").astype("float64").to_numpy()
    names = [_wrap(_plain(x), 40) for x in data[label].astype("string").fillna("")]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.6 + 0.45 * max(len(data), 1)), layout="constrained")
    values = np.concatenate([a, b])
    values = values[np.isfinite(values)]
    low = max(25.0, (float(values.min()) if len(values) else 60.0) - 4)
    low = min(low, 60.0)
    for grade, lo_, hi_ in _GRADE_BOUNDS:
        if hi_ <= low:
            continue
        ax.axvspan(max(lo_, low), hi_, color=GRADE_COLORS[grade], zorder=0, linewidth=0)
        ax.text(
            (max(lo_, low) + hi_) / 2,
            -0.62,
            grade,
            ha="center",
            va="bottom",
            fontsize=9,
            color=_NOTE_COLOR,
            fontweight="bold",
        )
    y = np.arange(len(data))
    both = np.isfinite(a) & np.isfinite(b)
    ax.hlines(y[both], b[both], a[both], color="#adb5bd", linewidth=2, zorder=1)
    ax.plot(b, y, "o", color=_CONTROL_COLOR, markersize=7, zorder=2, label=before_name or "")
    ax.plot(a, y, "o", color=BAR_COLOR, markersize=7, zorder=3, label=after_name or "")
    reasons = data[REASON] if REASON in data else pd.Series(pd.NA, index=data.index)
    for i in np.flatnonzero(~np.isfinite(a) & ~np.isfinite(b)):
        ax.text(
            low + 0.5,
            i,
            _masked_text(reasons.iloc[i], lang, min_group_size),
            va="center",
            fontsize=8,
            color=_NOTE_COLOR,
            style="italic",
        )
    ax.set_xlim(low, 100)
    ax.set_yticks(y)
    ax.set_yticklabels(names, fontsize=9)
    ax.set_ylim(len(data) - 0.5, -0.8)
    if before_name or after_name:
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, fontsize=9)
    ax.set_title(labels.label("chart.oc_ikm", lang), loc="left", fontsize=12, pad=22)
    ax.set_xlabel(labels.label("chart.oc_ikm_x", lang))
    _despine(ax)
    return ax


def did_lines(
    means: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    before_name: str | None = None,
    after_name: str | None = None,
    ylabel_key: str = "chart.oc_did_y",
) -> Axes:
    """High- and low-coverage units before and after, and the parallel path.

    Parameters
    ----------
    means : DataFrame
        Two rows, ``group`` ``"treated"`` (high coverage) and ``"control"``,
        with ``before`` and ``after`` (mean outcome).
    before_name, after_name : str, optional
        The x-axis labels (default: "before" / "after" in ``lang``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> m = pd.DataFrame({"group": ["treated", "control"], "before": [75.0, 78.0],
    ...                   "after": [82.0, 79.0]})
    >>> ax = did_lines(m, "en")
    >>> ax.get_lines()[2].get_ydata().tolist()  # the parallel path: 75 + (79 - 78)
    [75.0, 76.0]
    """
    import matplotlib.pyplot as plt

    func = "did_lines"
    lang = labels.check_lang(lang, func)
    require_columns(means, ["group", "before", "after"], func)
    rows = means.assign(group=means["group"].astype("string")).set_index("group")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 4), layout="constrained")
    x = [0, 1]
    for group, color, key in (
        ("treated", BAR_COLOR, "chart.oc_did_treated"),
        ("control", _CONTROL_COLOR, "chart.oc_did_control"),
    ):
        if group not in rows.index:
            continue
        y = [float(rows.loc[group, "before"]), float(rows.loc[group, "after"])]
        ax.plot(x, y, "o-", color=color, linewidth=2, label=labels.label(key, lang))
        for xi, yi in zip(x, y, strict=True):
            ax.annotate(
                labels.format_number(yi, lang, decimals=1),
                (xi, yi),
                textcoords="offset points",
                xytext=(8 if xi else -8, 0),
                ha="left" if xi else "right",
                va="center",
                fontsize=8,
            )
    if {"treated", "control"} <= set(rows.index):
        start = float(rows.loc["treated", "before"])
        change = float(rows.loc["control", "after"]) - float(rows.loc["control", "before"])
        ax.plot(
            x,
            [start, start + change],
            linestyle="--",
            color=BAR_COLOR,
            alpha=0.6,
            linewidth=1.5,
            label=labels.label("chart.oc_did_parallel", lang),
        )
    ax.set_xticks(x)
    ax.set_xticklabels(
        [
            before_name or labels.label("chart.oc_did_before", lang),
            after_name or labels.label("chart.oc_did_after", lang),
        ]
    )
    ax.set_xlim(-0.5, 1.5)
    ax.legend(frameon=False, fontsize=8, loc="best")
    ax.set_title(labels.label("chart.oc_did", lang), loc="left", fontsize=12)
    ax.set_ylabel(labels.label(ylabel_key, lang))
    _despine(ax)
    return ax
