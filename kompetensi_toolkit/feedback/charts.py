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
from kompetensi_toolkit.plotting import _despine, _hbar, _masked_text, _plain, _wrap
from kompetensi_toolkit.privacy import REASON

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["LIKERT_COLORS", "THEME_CMAP", "diverging_likert", "theme_bars", "theme_heatmap"]

#: Sequential palette of the theme heatmaps: darker is a larger share.
THEME_CMAP = "Blues"

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


def theme_bars(
    themes: pd.DataFrame, lang: str = config.DEFAULT_LANG, ax: Axes | None = None
) -> Axes:
    """One bar per theme: its share of the comments, labelled "41,3% (123)".

    Parameters
    ----------
    themes : DataFrame
        The themes shown (``label``, ``n_comments``, ``share``), largest first.
    lang : {"id", "en"}
    ax : matplotlib Axes, optional

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> t = pd.DataFrame({"label": ["jadwal molor", "materi jelas"], "n_comments": [30, 10],
    ...                   "share": [0.75, 0.25]})
    >>> ax = theme_bars(t, "id")
    >>> [x.get_text() for x in ax.texts]
    ['75,0% (30)', '25,0% (10)']
    """
    func = "theme_bars"
    lang = labels.check_lang(lang, func)
    require_columns(themes, ["label", "n_comments", "share"], func)
    texts = [
        f"{labels.format_percent(s, lang)} ({labels.format_number(n, lang, decimals=0)})"
        for s, n in zip(themes["share"], themes["n_comments"], strict=True)
    ]
    return _hbar(
        [_wrap(_plain(x), 40) for x in themes["label"]],
        themes["share"] * 100,
        texts,
        [False] * len(themes),
        ax=ax,
        title=labels.label("chart.fb_themes", lang),
        xlabel=labels.label("chart.fb_share_comments", lang) + " (%)",
        xmax=100.0,
    )


def theme_heatmap(
    split: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    group: str = "group_label",
    title_key: str = "chart.fb_themes_by_band",
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """Themes (columns) within groups (rows): each cell the share of the group's comments.

    Parameters
    ----------
    split : DataFrame
        Long form, one row per group × theme: ``group``, ``theme``, ``label``,
        ``share`` (of the group's comments with a theme) and ``n`` (the
        group's comments, written after its name). Rows and columns keep
        their order of first appearance.
    lang : {"id", "en"}
    ax : matplotlib Axes, optional
    group : str
        The column naming each row.
    title_key : str
        Key of the title in :data:`kompetensi_toolkit.labels.TRANSLATIONS`.
    min_group_size : int
        The threshold written in a masked cell ("< 5"); a masked cell
        (missing ``share``, with ``suppressed_reason``) is grey.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> s = pd.DataFrame({"group_label": ["baik", "baik", "kurang", "kurang"],
    ...     "theme": [0, 1, 0, 1], "label": ["jadwal", "materi"] * 2,
    ...     "share": [0.2, 0.8, 0.6, 0.4], "n": [10, 10, 5, 5]})
    >>> ax = theme_heatmap(s, "en")
    >>> [t.get_text() for t in ax.texts]
    ['20.0%', '80.0%', '60.0%', '40.0%']
    >>> any(t.get_in_layout() for t in ax.texts)  # inside their cells: never measured for layout
    False
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['baik (10)', 'kurang (5)']
    """
    import matplotlib.pyplot as plt

    func = "theme_heatmap"
    lang = labels.check_lang(lang, func)
    require_columns(split, [group, "theme", "label", "share", "n"], func)
    rows = list(dict.fromkeys(split[group]))
    themes = split.drop_duplicates("theme")
    cols = list(themes["theme"])
    grid = (
        split.pivot_table(index=group, columns="theme", values="share", aggfunc="first", sort=False)
        .reindex(index=rows, columns=cols)
        .to_numpy(dtype="float64")
    )
    sizes = split.drop_duplicates(group).set_index(group)["n"]
    row_names = [
        f"{_wrap(_plain(g), 36)} ({labels.format_number(sizes[g], lang, decimals=0)})" for g in rows
    ]
    col_names = [_wrap(_plain(x), 16) for x in themes["label"]]
    if ax is None:
        width = 3.5 + 1.5 * max(len(cols), 1)
        height = 1.8 + 0.45 * max(len(rows), 1)
        _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    reasons = (
        split.pivot_table(index=group, columns="theme", values=REASON, aggfunc="first", sort=False)
        .reindex(index=rows, columns=cols)
        .to_numpy(dtype=object)
        if REASON in split
        else np.full(grid.shape, None, dtype=object)
    )
    cmap = plt.get_cmap(THEME_CMAP).with_extremes(bad="#e9ecef")
    ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    for i in range(len(rows)):
        for j in range(len(cols)):
            v, why = grid[i, j], reasons[i, j]
            if not np.isnan(v):
                cell = labels.format_percent(v, lang)
            elif isinstance(why, str):
                cell = _masked_text(why, lang, min_group_size)
            else:
                cell = "–"
            ax.text(
                j, i, cell, ha="center", va="center", fontsize=9,
                color="white" if np.nan_to_num(v) > 0.55 else "black",
                style="normal" if not np.isnan(v) else "italic",
                in_layout=False,  # inside its cell: measuring it cannot move anything
            )  # fmt: skip
    ax.set_xticks(range(len(cols)))
    ax.set_xticklabels(col_names, fontsize=9)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(row_names, fontsize=9)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_xlabel(labels.label("chart.fb_share_in_group", lang), fontsize=9)
    ax.set_title(labels.label(title_key, lang), loc="left", fontsize=12)
    return ax
