"""Charts of the participant feedback report, labelled in the reader's language.

:func:`diverging_likert`
    One bar per item (or dimension): the disagreeing answers to the left of
    zero, the agreeing ones to the right, the middle answer split across
    zero, so a longer bar to the right is a better-rated item.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> t = pd.DataFrame({"label": ["Materi", "Metode"], "share_1": [0.1, 0.0], "share_2": [0.1, 0.2],
...                   "share_3": [0.2, 0.2], "share_4": [0.4, 0.4], "share_5": [0.2, 0.2]})
>>> ax = diverging_likert(t, "en", label="label")
>>> round(float(ax.patches[0].get_x()), 2)  # Materi: 10% + 10% disagree, half of 20% neutral
-0.3
>>> [t.get_text() for t in ax.get_legend().get_texts()][:2]
['Strongly disagree', 'Disagree']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kompetensi_toolkit import config, labels
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.plotting import _despine, _plain, _wrap

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["LIKERT_COLORS", "diverging_likert"]

#: Colours from "strongly disagree" to "strongly agree" (a diverging brown–teal scale).
LIKERT_COLORS = {
    4: ("#a6611a", "#dfc27d", "#80cdc1", "#018571"),
    5: ("#a6611a", "#dfc27d", "#e0e0e0", "#80cdc1", "#018571"),
}


def diverging_likert(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    label: str = "label",
    scale_max: int | None = None,
    title_key: str = "chart.fb_likert",
) -> Axes:
    """Diverging stacked bars of the answer shares, one bar per row.

    Parameters
    ----------
    frame : DataFrame
        One row per item: ``label`` and ``share_1`` … ``share_<k>`` (shares of
        the answers, summing to 1; a row with missing shares is drawn empty).
    lang : {"id", "en"}
    ax : matplotlib Axes, optional
    label : str
        The column naming each bar.
    scale_max : int, optional
        4 or 5 (default: the highest ``share_<k>`` column present).
    title_key : str
        Key of the title in :data:`kompetensi_toolkit.labels.TRANSLATIONS`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    func = "diverging_likert"
    lang = labels.check_lang(lang, func)
    present = [k for k in (5, 4) if f"share_{k}" in frame]
    k = scale_max or (present[0] if present else 0)
    if k not in LIKERT_COLORS:
        raise ParameterError(
            f"The 'scale_max' parameter of {func} must be 4 or 5. Got {scale_max!r} instead "
            f"(share columns: {[c for c in frame.columns if str(c).startswith('share_')]})."
        )
    columns = [f"share_{i}" for i in range(1, k + 1)]
    require_columns(frame, [label, *columns], func)
    shares = frame[columns].apply(pd.to_numeric, errors="coerce").astype("float64").to_numpy()
    shares = np.nan_to_num(shares, nan=0.0)
    names = [_wrap(_plain(x), 40) for x in frame[label].astype("string").fillna("")]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.6 + 0.42 * max(len(frame), 1)), layout="constrained")
    # left edge of each bar: minus the disagreeing shares and half of the middle one
    low = k // 2
    middle = shares[:, low] / 2 if k % 2 else np.zeros(len(frame))
    left = -(shares[:, :low].sum(axis=1) + middle)
    y = np.arange(len(frame))
    for i in range(k):
        ax.barh(
            y,
            shares[:, i],
            left=left,
            color=LIKERT_COLORS[k][i],
            edgecolor="white",
            linewidth=0.5,
            label=labels.label(f"chart.fb_answer.{k}.{i + 1}", lang),
        )
        left = left + shares[:, i]
    ax.axvline(0, color="#495057", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xticks([-1, -0.5, 0, 0.5, 1])
    ax.set_xticklabels(
        [labels.format_percent(abs(x), lang, decimals=0) for x in (-1, -0.5, 0, 0.5, 1)]
    )
    ax.set_yticks(y)
    ax.set_yticklabels(names, fontsize=9)
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncol=k,
        frameon=False,
        fontsize=8,
    )
    ax.set_title(labels.label(title_key, lang), loc="left", fontsize=12)
    _despine(ax)
    return ax
