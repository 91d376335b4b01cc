"""What the reader sees: charts and tables, labelled in the reader's language.

Chart functions take a tidy frame (the output of an analysis function, usually
after :func:`kompetensi_toolkit.privacy.suppress_small_counts`), a language and
``ax=None``; they draw on ``ax`` (or a new figure) and return the Axes. Masked
counts are drawn as no bar and marked with the reason, never as a number.

:func:`table` turns a tidy frame into a small HTML table with translated
headers, labelled enumeration values and numbers written the reader's way.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> groups = pd.DataFrame({"position_group": ["pelaksana", "pengawas"], "n": [40, 12]})
>>> ax = headcount_by_position_group(groups, lang="en")
>>> ax.get_title(loc="left")
'Staff by position group'
>>> [t.get_text() for t in ax.get_yticklabels()]
['Operational staff', 'Supervisors']
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from kompetensi_toolkit import config, labels
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.privacy import REASON, SUPPRESSED
from kompetensi_toolkit.rendering import LABEL_LIMIT, clip

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "ReportTable",
    "assessment_coverage",
    "budget_curve",
    "cluster_heatmap",
    "competency_radar",
    "gap_heatmap",
    "headcount_by_position_group",
    "jpm_categories",
    "nine_box_grid",
    "readiness_bars",
    "shortfall_by_competency",
    "table",
    "top_needs",
]

#: Columns derived from a count (masked with it; shown as "–" in tables, never "< 5").
_DERIVED_PREFIXES = ("share", "mean", "sd_", "ci_")
#: Bar colour of every chart (one hue: the categories are on the axis).
BAR_COLOR = "#2a6f97"
_NOTE_COLOR = "#6c757d"


def _desaturate(color: str, prop: float) -> tuple[float, float, float]:
    """``color`` (``"#rrggbb"``) as RGB with its HLS saturation multiplied by ``prop``.

    >>> [round(c, 3) for c in _desaturate("#2a6f97", 0.75)]
    [0.218, 0.421, 0.539]
    >>> _desaturate("#ff0000", 1.0)
    (1.0, 0.0, 0.0)
    """
    import colorsys

    rgb = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    h, lightness, s = colorsys.rgb_to_hls(*rgb)
    return colorsys.hls_to_rgb(h, lightness, s * prop)


#: Fill of the bars of :func:`_hbar`: :data:`BAR_COLOR` at 75 % saturation, as the
#: seaborn bars it replaces drew it (seaborn costs a kernel a second to import).
_BAR_FILL = _desaturate(BAR_COLOR, 0.75)


def _axes(ax: Axes | None, n_bars: int, longest_label: int = 0) -> Axes:
    """``ax``, or a new figure sized for ``n_bars`` bars labelled up to ``longest_label`` chars."""
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    width = 7.5 + max(0, longest_label - 24) * 0.07
    _, ax = plt.subplots(figsize=(width, 1.2 + 0.42 * max(n_bars, 1)), layout="constrained")
    return ax


def _wrap(text: str, width: int) -> str:
    """Break a long title or label over lines of at most ``width`` characters."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def _masked_text(reason: object, lang: str, min_group_size: int) -> str:
    if isinstance(reason, str) and reason == "small":
        return labels.label("value.below", lang).format(threshold=min_group_size)
    return labels.label("value.hidden", lang)


def _hbar(
    categories: Sequence[str],
    values: pd.Series,
    texts: Sequence[str],
    masked: Sequence[bool],
    *,
    ax: Axes | None,
    title: str,
    xlabel: str,
    xmax: float | None = None,
) -> Axes:
    from matplotlib.ticker import MaxNLocator

    ax = _axes(ax, len(categories), max((len(str(c)) for c in categories), default=0))
    data = pd.DataFrame(
        {"category": list(categories), "value": pd.to_numeric(values).astype("float64").fillna(0)}
    )
    if len(data):  # one bar per row, in the frame's order
        positions = range(len(data))
        ax.barh(positions, data["value"].to_numpy(), height=0.8, color=_BAR_FILL)
        ax.set_yticks(positions, [str(c) for c in data["category"]])
        ax.yaxis.grid(False)
    ax.set_ylim(len(data) - 0.5, -0.5)  # the first category at the top

    top = xmax if xmax is not None else max(float(data["value"].max() or 0), 1.0)
    ax.set_xlim(0, top * 1.15)
    if xmax is not None:
        ax.set_xticks([xmax * i / 5 for i in range(6)])
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for i, (value, txt, hidden) in enumerate(zip(data["value"], texts, masked, strict=True)):
        ax.text(
            value + top * 0.01,
            i,
            txt,
            va="center",
            ha="left",
            fontsize=9,
            color=_NOTE_COLOR if hidden else "black",
            style="italic" if hidden else "normal",
        )
    ax.set_title(title, loc="left", fontsize=12)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    _despine(ax)
    return ax


def _despine(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _bar_labels(shown, hidden, reasons, lang: str, min_group_size: int) -> list[str]:
    """Each bar's text: its formatted value, or the masked marker when hidden."""
    return [
        _masked_text(r, lang, min_group_size) if h else s
        for s, h, r in zip(shown, hidden, reasons, strict=True)
    ]


def _bar_texts(
    frame: pd.DataFrame, column: str, lang: str, min_group_size: int, fmt
) -> tuple[list[str], list[bool]]:
    """The label of each bar (``fmt(value, lang)``, or the masked marker) and its mask."""
    reasons = frame[REASON] if REASON in frame else pd.Series(pd.NA, index=frame.index)
    masked = frame[column].isna().to_list()
    shown = [fmt(v, lang) if not m else "" for v, m in zip(frame[column], masked, strict=True)]
    return _bar_labels(shown, masked, reasons, lang, min_group_size), masked


def headcount_by_position_group(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """Horizontal bars: staff per position group.

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`kompetensi_toolkit.overview.headcount_by_position_group`,
        optionally suppressed: columns ``position_group`` and ``n`` (and
        ``suppressed_reason``).
    lang : {"id", "en"}
        Language of the labels.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when ``None``.
    min_group_size : int
        Used in the marker of masked counts (``< 5``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from kompetensi_toolkit.privacy import suppress_small_counts
    >>> t = suppress_small_counts(pd.DataFrame(
    ...     {"position_group": ["jpt", "pelaksana", "pengawas"], "n": [2, 40, 12]}))
    >>> ax = headcount_by_position_group(t)
    >>> [t.get_text() for t in ax.texts]
    ['< 5', '40', 'disembunyikan']
    """
    lang = labels.check_lang(lang, "headcount_by_position_group")
    require_columns(frame, ["position_group", "n"], "headcount_by_position_group")
    cats = [labels.enum_label("position_group", g, lang) for g in frame["position_group"]]
    texts, masked = _bar_texts(frame, "n", lang, min_group_size, labels.format_number)
    return _hbar(
        cats,
        frame["n"],
        texts,
        masked,
        ax=ax,
        title=labels.label("chart.by_position_group", lang),
        xlabel=labels.column_label("n", lang),
    )


def assessment_coverage(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """Horizontal bars: share of staff assessed in each competency (0–100 %).

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`kompetensi_toolkit.overview.assessment_coverage`,
        optionally suppressed: ``competency_id``, ``share_assessed`` and, when
        present, ``name_id`` / ``name_en`` (used as the bar labels).
    lang : {"id", "en"}
    ax : matplotlib Axes, optional
    min_group_size : int

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> cov = pd.DataFrame({"competency_id": ["M.01", "M.02"], "name_en": ["Integrity", "Teamwork"],
    ...                     "share_assessed": [0.5, 0.25]})
    >>> ax = assessment_coverage(cov, "en")
    >>> [t.get_text() for t in ax.texts], ax.get_xlabel()
    (['50.0%', '25.0%'], 'Assessment coverage (%)')
    """
    lang = labels.check_lang(lang, "assessment_coverage")
    require_columns(frame, ["competency_id", "share_assessed"], "assessment_coverage")
    name_col = f"name_{lang}"
    if name_col in frame:
        names = frame[name_col].astype("string").fillna(frame["competency_id"].astype("string"))
    else:
        names = frame["competency_id"].astype("string")
    texts, masked = _bar_texts(frame, "share_assessed", lang, min_group_size, labels.format_percent)
    return _hbar(
        list(names),
        frame["share_assessed"] * 100,
        texts,
        masked,
        ax=ax,
        title=labels.label("chart.coverage", lang),
        xlabel=f"{labels.column_label('share_assessed', lang)} (%)",
        xmax=100.0,
    )


# ---------------------------------------------------------------------------
# The gaps report.
# ---------------------------------------------------------------------------
#: Box number → (potential, performance) step, as PermenPANRB 3/2020 numbers them.
NINE_BOX: dict[int, tuple[int, int]] = {
    1: (1, 1), 2: (1, 2), 3: (2, 1), 4: (1, 3), 5: (2, 2), 6: (3, 1), 7: (2, 3), 8: (3, 2),
    9: (3, 3),
}  # fmt: skip
#: Diverging palette of the gap heatmap: red below the standard, blue above.
GAP_CMAP = "RdBu"
_HIDDEN_COLOR = "#d9d9d9"


def _plain(value: object) -> str:
    """Data text drawn as it is, cut to :data:`~kompetensi_toolkit.rendering.LABEL_LIMIT`.

    A ``$`` would start matplotlib's mathtext; a 10 000-character name would make
    a chart tens of thousands of pixels wide.

    >>> print(_plain("Dinas $x$ " + "Panjang " * 20))
    Dinas \\$x\\$ Panjang Panjang Panjang Panjang Panjang Panjang…
    """
    return clip(value, LABEL_LIMIT).replace("$", r"\$")


def _hidden_mask(
    frame: pd.DataFrame, value_col: str, count_col: str | None, min_group_size: int
) -> pd.Series:
    """Rows to draw as hidden: the value is masked, or the group is below the threshold."""
    hidden = frame[value_col].isna()
    if count_col is not None and count_col in frame:
        n = pd.to_numeric(frame[count_col], errors="coerce")
        hidden = hidden | n.isna() | ((n >= 1) & (n < min_group_size))
    return hidden.fillna(True).astype(bool)


def _reasons(
    frame: pd.DataFrame, hidden: pd.Series, count_col: str | None, min_group_size: int
) -> list[object]:
    """Why each hidden row is hidden: ``"small"`` or another reason (drawn as "hidden")."""
    given = frame[REASON] if REASON in frame else pd.Series(pd.NA, index=frame.index)
    out: list[object] = []
    for idx, is_hidden in hidden.items():
        if not is_hidden:
            out.append(pd.NA)
            continue
        reason = given.loc[idx]
        if pd.isna(reason) and count_col is not None and count_col in frame:
            n = pd.to_numeric(pd.Series([frame.loc[idx, count_col]]), errors="coerce").iloc[0]
            reason = "small" if pd.isna(n) or n < min_group_size else "hidden"
        out.append("small" if pd.isna(reason) else reason)
    return out


def _competency_names(frame: pd.DataFrame, lang: str) -> pd.Series:
    """The competency's name in ``lang`` where the frame has it, else its code."""
    ids = frame["competency_id"].astype("string")
    name_col = f"name_{lang}"
    if name_col in frame:
        return frame[name_col].astype("string").fillna(ids)
    if "name_id" in frame:
        return frame["name_id"].astype("string").fillna(ids)
    return ids


def _check_unique(frame: pd.DataFrame, column: str, func: str) -> None:
    dups = frame[column][frame[column].duplicated()].astype(str).unique().tolist()
    if dups:
        raise ParameterError(
            f"The 'frame' parameter of {func} must hold one row per {column} (one group's "
            f"rows; filter a table made with by= first). Got {column} {dups[:3]} more than once "
            "instead."
        )


def jpm_categories(
    dist: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """Horizontal bars: the share of staff in each JPM category.

    Parameters
    ----------
    dist : DataFrame
        Output of :func:`kompetensi_toolkit.gaps.category_distribution` for
        one group, usually after
        :func:`kompetensi_toolkit.privacy.suppress_small_counts`: columns
        ``category``, ``n``, ``share`` (and ``suppressed_reason``). Drawn in
        the frame's order.
    lang : {"id", "en"}
    ax : matplotlib Axes, optional
    min_group_size : int
        Counts from 1 to ``min_group_size - 1`` are drawn as hidden even if
        the frame was not suppressed.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> dist = pd.DataFrame({"category": ["Kurang Optimal", "Cukup Optimal", "Optimal"],
    ...                      "n": [78, 120, 29], "share": [0.3436, 0.5286, 0.1278]})
    >>> ax = jpm_categories(dist, "en")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Below optimal', 'Fairly optimal', 'Optimal']
    >>> [t.get_text() for t in ax.texts]
    ['34.4% (78)', '52.9% (120)', '12.8% (29)']
    """
    func = "jpm_categories"
    lang = labels.check_lang(lang, func)
    require_columns(dist, ["category", "n", "share"], func)
    _check_unique(dist, "category", func)
    hidden = _hidden_mask(dist, "share", "n", min_group_size) | dist["n"].isna()
    reasons = _reasons(dist, hidden, "n", min_group_size)
    shown = [
        "" if h else f"{labels.format_percent(s, lang)} ({labels.format_number(n, lang)})"
        for s, n, h in zip(dist["share"], dist["n"], hidden, strict=True)
    ]
    texts = _bar_labels(shown, hidden, reasons, lang, min_group_size)
    values = (pd.to_numeric(dist["share"]) * 100).mask(hidden)
    return _hbar(
        [labels.enum_label("jpm_category", c, lang) for c in dist["category"]],
        values,
        texts,
        hidden.to_list(),
        ax=ax,
        title=labels.label("chart.jpm_categories", lang),
        xlabel=labels.label("chart.share_staff_pct", lang),
        xmax=100.0,
    )


def shortfall_by_competency(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """Horizontal bars: the share of assessed staff below standard in each competency.

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`kompetensi_toolkit.gaps.shortfall_by_competency` for
        one group, usually suppressed by ``n_assessed``: columns
        ``competency_id``, ``share_below`` and, when present, ``name_id`` /
        ``name_en`` (the bar labels), ``n_assessed`` and
        ``suppressed_reason``. Drawn in the frame's order.
    lang : {"id", "en"}
    ax : matplotlib Axes, optional
    min_group_size : int
        Competencies with fewer staff assessed are drawn as hidden.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> short = pd.DataFrame({"competency_id": ["M.01", "M.04"],
    ...                       "name_id": ["Integritas", "Orientasi pada Hasil"],
    ...                       "n_assessed": [40, 3], "share_below": [0.25, 0.0]})
    >>> ax = shortfall_by_competency(short)
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['Integritas', 'Orientasi pada Hasil'], ['25,0%', '< 5'])
    """
    func = "shortfall_by_competency"
    lang = labels.check_lang(lang, func)
    require_columns(frame, ["competency_id", "share_below"], func)
    _check_unique(frame, "competency_id", func)
    hidden = _hidden_mask(frame, "share_below", "n_assessed", min_group_size)
    reasons = _reasons(frame, hidden, "n_assessed", min_group_size)
    shown = [
        "" if h else labels.format_percent(v, lang)
        for v, h in zip(frame["share_below"], hidden, strict=True)
    ]
    texts = _bar_labels(shown, hidden, reasons, lang, min_group_size)
    values = (pd.to_numeric(frame["share_below"]) * 100).mask(hidden)
    return _hbar(
        [_plain(n) for n in _competency_names(frame, lang)],
        values,
        texts,
        hidden.to_list(),
        ax=ax,
        title=labels.label("chart.shortfall", lang),
        xlabel=labels.label("chart.share_below_pct", lang),
        xmax=100.0,
    )


def _heatmap_titles(
    ax: Axes, title_key: str, note_key: str, n_hidden: int, lang: str, min_group_size: int
) -> Axes:
    """Title a heatmap; above it, when cells are hidden, the note that says why."""
    ax.set_title(labels.label(title_key, lang), loc="left", fontsize=12, pad=18 if n_hidden else 6)
    if n_hidden:
        ax.text(
            0,
            1.005,
            labels.text(note_key, lang, threshold=min_group_size),
            transform=ax.transAxes,
            fontsize=8,
            color=_NOTE_COLOR,
            style="italic",
            va="bottom",
            ha="left",
            gid="note",
        )
    ax.set_xlabel("")
    ax.set_ylabel("")
    return ax


def gap_heatmap(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """Heatmap of the mean gap, work unit × competency, centred at 0.

    Red cells are below the standard, blue above it, each with its value.
    A cell whose ``n`` is below ``min_group_size`` (or masked, or absent) is
    drawn grey and hatched with no number, and a note above the chart says
    why. Rows are units (alphabetical), columns competencies (by code); the
    figure grows with the number of units, so 30 or more stay readable.

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`kompetensi_toolkit.gaps.gap_map` (``by="unit"``),
        suppressed or not: ``unit``, ``competency_id``, ``n``, ``mean_gap``
        and, when present, ``name_id`` / ``name_en`` (column labels).
    lang : {"id", "en"}
    ax : matplotlib Axes, optional
    min_group_size : int

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> cells = pd.DataFrame({"unit": ["Dinas A", "Dinas A", "Dinas B", "Dinas B"],
    ...                       "competency_id": ["M.01", "M.02"] * 2,
    ...                       "n": [12, 8, 3, 9], "mean_gap": [-0.5, 0.3, -1.0, 0.0]})
    >>> ax = gap_heatmap(cells, "en")
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "value"]  # Dinas B, M.01: 3 staff
    ['-0.5', '0.3', '0.0']
    """
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.patches import Rectangle

    func = "gap_heatmap"
    lang = labels.check_lang(lang, func)
    require_columns(frame, ["unit", "competency_id", "n", "mean_gap"], func)
    if frame.duplicated(["unit", "competency_id"]).any():
        raise ParameterError(
            f"The 'frame' parameter of {func} must hold one row per unit and competency. Got "
            "duplicated (unit, competency_id) pairs instead."
        )
    data = frame.assign(
        unit=frame["unit"].astype("string"),
        competency_id=frame["competency_id"].astype("string"),
        _hidden=_hidden_mask(frame, "mean_gap", "n", min_group_size).to_numpy(),
    )
    units = sorted(data["unit"].dropna().unique())
    competencies = sorted(data["competency_id"].dropna().unique())
    names = dict(zip(data["competency_id"], _competency_names(data, lang), strict=True))
    values = data.pivot(index="unit", columns="competency_id", values="mean_gap")
    values = values.reindex(index=units, columns=competencies).astype("float64")
    hidden = data.pivot(index="unit", columns="competency_id", values="_hidden")
    hidden = hidden.reindex(index=units, columns=competencies).fillna(True).astype(bool)
    shown = np.ma.masked_array(values.to_numpy(), mask=hidden.to_numpy() | values.isna())

    if ax is None:
        width = min(3.5 + 1.0 * max(len(competencies), 1), 16)
        height = 1.8 + 0.34 * max(len(units), 1)
        _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    limit = float(np.abs(shown).max()) if shown.count() else 0.0
    limit = max(limit, 0.5)
    # Hidden cells are not drawn: the grey hatched background shows through them.
    ax.add_patch(
        Rectangle(
            (0, 0),
            max(len(competencies), 1),
            max(len(units), 1),
            facecolor=_HIDDEN_COLOR,
            edgecolor="white",
            hatch="///",
            linewidth=0,
            zorder=0,
        )
    )
    cmap = plt.get_cmap(GAP_CMAP).with_extremes(bad=(0, 0, 0, 0))
    mesh = ax.pcolormesh(
        shown, cmap=cmap, vmin=-limit, vmax=limit, edgecolors="white", linewidth=0.8
    )
    n_hidden = int(shown.mask.sum()) if np.ndim(shown.mask) else 0
    annotate = len(units) * len(competencies) <= 1200
    fontsize = 8 if len(units) <= 25 else 7
    for i in range(len(units)):
        for j in range(len(competencies)):
            if shown.mask is not np.ma.nomask and shown.mask[i, j]:
                continue
            if annotate:
                v = float(shown[i, j])
                ax.text(
                    j + 0.5,
                    i + 0.5,
                    labels.format_number(v, lang, decimals=1),
                    ha="center",
                    va="center",
                    fontsize=fontsize,
                    gid="value",
                    color="white" if abs(v) > 0.6 * limit else "black",
                    in_layout=False,  # inside its cell: measuring it cannot move anything
                )
    ax.set_xticks([j + 0.5 for j in range(len(competencies))])
    ax.set_xticklabels(
        [_plain(names.get(c, c)) for c in competencies], rotation=35, ha="right", fontsize=9
    )
    ax.set_yticks([i + 0.5 for i in range(len(units))])
    ax.set_yticklabels([_plain(u) for u in units], fontsize=fontsize + 1)
    ax.set_xlim(0, max(len(competencies), 1))
    ax.set_ylim(max(len(units), 1), 0)  # first unit at the top
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    colorbar = ax.figure.colorbar(
        mesh, ax=ax, shrink=min(1.0, 6 / max(len(units), 6)) ** 0.5, pad=0.02
    )
    colorbar.set_label(labels.label("chart.gap_colorbar", lang))
    return _heatmap_titles(
        ax, "chart.gap_heatmap", "chart.heatmap_hidden", n_hidden, lang, min_group_size
    )


def competency_radar(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """Radar: the region's mean level against the mean required level, per competency.

    Parameters
    ----------
    frame : DataFrame
        One row per competency: ``competency_id``, ``mean_level``,
        ``mean_required`` and, when present, ``name_id`` / ``name_en``,
        ``n_assessed`` (e.g. :func:`kompetensi_toolkit.gaps.shortfall_by_competency`
        suppressed by ``n_assessed``). A competency whose mean level is
        masked or whose ``n_assessed`` is below ``min_group_size`` leaves a
        gap in the line and is marked "(not shown)".
    lang : {"id", "en"}
    ax : matplotlib polar Axes, optional
        ``plt.subplot(projection="polar")``; a new one when ``None``.
    min_group_size : int

    Returns
    -------
    matplotlib.projections.polar.PolarAxes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> prof = pd.DataFrame({"competency_id": ["M.01", "M.02", "M.03"],
    ...                      "mean_level": [2.5, 3.0, 2.0], "mean_required": [3.0, 3.0, 2.5]})
    >>> ax = competency_radar(prof, "en")
    >>> [line.get_label() for line in ax.get_lines()]
    ['Mean level achieved', 'Mean level required']
    >>> ax.get_lines()[0].get_ydata().tolist()
    [2.5, 3.0, 2.0, 2.5]
    """
    import matplotlib.pyplot as plt
    import numpy as np

    func = "competency_radar"
    lang = labels.check_lang(lang, func)
    require_columns(frame, ["competency_id", "mean_level", "mean_required"], func)
    _check_unique(frame, "competency_id", func)
    if ax is None:
        _, ax = plt.subplots(
            figsize=(7, 6.5), subplot_kw={"projection": "polar"}, layout="constrained"
        )
    elif getattr(ax, "name", None) != "polar":
        raise ParameterError(
            f"The 'ax' parameter of {func} must be a polar Axes "
            "(plt.subplot(projection='polar')). "
            f"Got a {getattr(ax, 'name', type(ax).__name__)!r} Axes instead."
        )
    hidden = _hidden_mask(frame, "mean_level", "n_assessed", min_group_size).to_numpy()
    level = pd.to_numeric(frame["mean_level"]).astype("float64").to_numpy().copy()
    level[hidden] = np.nan
    required = pd.to_numeric(frame["mean_required"]).astype("float64").to_numpy().copy()
    required[hidden] = np.nan
    k = len(frame)
    angles = np.linspace(0, 2 * np.pi, max(k, 1), endpoint=False)
    closed = np.append(angles, angles[:1]) if k else angles
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    ax.plot(
        closed,
        np.append(level, level[:1]) if k else level,
        color=BAR_COLOR,
        linewidth=2,
        marker="o",
        label=labels.label("chart.radar_level", lang),
    )
    ax.plot(
        closed,
        np.append(required, required[:1]) if k else required,
        color="#b42318",
        linewidth=1.5,
        linestyle="--",
        label=labels.label("chart.radar_required", lang),
    )
    if k and not np.isnan(level).any():
        ax.fill(angles, level, color=BAR_COLOR, alpha=0.15)
    names = [_plain(n) for n in _competency_names(frame, lang)]
    ticks = [
        _wrap(labels.text("chart.radar_hidden", lang, competency=n) if h else n, 18)
        for n, h in zip(names, hidden, strict=True)
    ]
    ax.set_xticks(angles)
    ax.set_xticklabels(ticks, fontsize=9)
    ax.set_ylim(0, 5)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.set_yticklabels(
        [labels.format_number(v, lang) for v in (1, 2, 3, 4, 5)], fontsize=8, color=_NOTE_COLOR
    )
    ax.set_title(labels.label("chart.radar", lang), loc="left", fontsize=12, pad=24)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=9, frameon=False)
    return ax


def nine_box_grid(
    counts: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """The 9-box grid: potential up, performance across, box number and count in each cell.

    Parameters
    ----------
    counts : DataFrame
        One group's output of :func:`kompetensi_toolkit.talent.nine_box_counts`,
        usually suppressed: ``box`` (1..9), ``potential_axis`` and
        ``performance_axis`` (1..3), ``n`` and, when present, ``share`` and
        ``suppressed_reason``. A count from 1 to ``min_group_size - 1``, or
        masked, is written "< 5" / "hidden", never as a number; a box missing
        from the frame is written "–".
    lang : {"id", "en"}
    ax : matplotlib Axes, optional
    min_group_size : int

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> grid = {1: (1, 1), 2: (1, 2), 3: (2, 1), 4: (1, 3), 5: (2, 2), 6: (3, 1), 7: (2, 3),
    ...         8: (3, 2), 9: (3, 3)}
    >>> counts = pd.DataFrame({"box": list(grid), "potential_axis": [p for p, _ in grid.values()],
    ...                        "performance_axis": [k for _, k in grid.values()],
    ...                        "n": [0, 12, 30, 2, 60, 9, 15, 20, 7]})
    >>> ax = nine_box_grid(counts, "en")
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "count"][:4]
    ['0', '12', '30', '< 5']
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    func = "nine_box_grid"
    lang = labels.check_lang(lang, func)
    require_columns(counts, ["box", "potential_axis", "performance_axis", "n"], func)
    _check_unique(counts, "box", func)
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 6), layout="constrained")
    hidden = _hidden_mask(counts, "n", "n", min_group_size).to_list()
    reasons = _reasons(counts, pd.Series(hidden, index=counts.index), "n", min_group_size)
    shares = counts["share"].to_list() if "share" in counts else [None] * len(counts)
    cells = {
        int(b): (int(p), int(k), n, share, h, r)
        for b, p, k, n, share, h, r in zip(
            counts["box"],
            counts["potential_axis"],
            counts["performance_axis"],
            counts["n"],
            shares,
            hidden,
            reasons,
            strict=True,
        )
    }
    cmap = plt.get_cmap("YlGn")
    for box in range(1, 10):
        pot, kin, n, share, is_hidden, reason = cells.get(
            box, (*NINE_BOX[box], None, None, True, None)
        )
        x, y = kin - 1, pot - 1
        ax.add_patch(
            Rectangle(
                (x, y), 1, 1, facecolor=cmap(0.08 + 0.06 * box), edgecolor="white", linewidth=3
            )
        )
        ax.text(
            x + 0.5,
            y + 0.68,
            labels.text("chart.box", lang, box=box),
            ha="center",
            va="center",
            fontsize=11,
            fontweight="bold",
            gid="box",
        )
        if box not in cells:
            text = "–"
        elif is_hidden:
            text = _masked_text(reason, lang, min_group_size)
        else:
            text = labels.format_number(n, lang)
        ax.text(
            x + 0.5,
            y + 0.4,
            text,
            ha="center",
            va="center",
            fontsize=13,
            gid="count",
            color=_NOTE_COLOR if is_hidden else "black",
            style="italic" if is_hidden else "normal",
        )
        if not is_hidden and share is not None and pd.notna(share):
            ax.text(
                x + 0.5,
                y + 0.2,
                labels.format_percent(share, lang),
                ha="center",
                va="center",
                fontsize=9,
                color=_NOTE_COLOR,
                gid="share",
            )
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)
    ax.set_aspect("equal")
    ax.set_xticks([0.5, 1.5, 2.5])
    ax.set_xticklabels([labels.enum_label("performance_axis", v, lang) for v in (1, 2, 3)])
    ax.set_yticks([0.5, 1.5, 2.5])
    ax.set_yticklabels([labels.enum_label("potential_axis", v, lang) for v in (1, 2, 3)])
    ax.set_xlabel(labels.column_label("performance_axis", lang))
    ax.set_ylabel(labels.column_label("potential_axis", lang))
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(labels.label("chart.nine_box", lang), loc="left", fontsize=12)
    return ax


def readiness_bars(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """Horizontal bars: the share of candidates ready for the next position, per unit.

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`kompetensi_toolkit.gaps.readiness_pool`
        (``by="unit"``), usually suppressed: ``unit``, ``n_candidates``,
        ``n_ready``, ``share_ready``. Drawn in the frame's order. A unit with
        fewer than ``min_group_size`` candidates (or a masked count) is drawn
        as hidden; a masked or small ``n_ready`` is written "< 5 ready of …".
    lang : {"id", "en"}
    ax : matplotlib Axes, optional
    min_group_size : int

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> pool = pd.DataFrame({"unit": ["Dinas A", "Dinas B", "Dinas C"],
    ...                      "n_candidates": [40, 12, 3], "n_ready": [12, 2, 1],
    ...                      "share_ready": [0.3, 2 / 12, 1 / 3]})
    >>> ax = readiness_bars(pool, "en")
    >>> [t.get_text() for t in ax.texts]
    ['30.0% (12 of 40)', '< 5 ready of 12', '< 5']
    """
    func = "readiness_bars"
    lang = labels.check_lang(lang, func)
    require_columns(frame, ["unit", "n_candidates", "n_ready", "share_ready"], func)
    _check_unique(frame, "unit", func)
    group_hidden = _hidden_mask(frame, "n_candidates", "n_candidates", min_group_size)
    ready_hidden = (
        _hidden_mask(frame, "n_ready", "n_ready", min_group_size) | frame["share_ready"].isna()
    )
    hidden = group_hidden | ready_hidden
    reasons = _reasons(frame, group_hidden, "n_candidates", min_group_size)
    texts = []
    for i in range(len(frame)):
        if group_hidden.iloc[i]:
            texts.append(_masked_text(reasons[i], lang, min_group_size))
        elif ready_hidden.iloc[i]:
            texts.append(
                labels.text(
                    "chart.readiness_value_small",
                    lang,
                    threshold=min_group_size,
                    n_candidates=labels.format_number(frame["n_candidates"].iloc[i], lang),
                )
            )
        else:
            texts.append(
                labels.text(
                    "chart.readiness_value",
                    lang,
                    share=labels.format_percent(frame["share_ready"].iloc[i], lang),
                    n_ready=labels.format_number(frame["n_ready"].iloc[i], lang),
                    n_candidates=labels.format_number(frame["n_candidates"].iloc[i], lang),
                )
            )
    values = (pd.to_numeric(frame["share_ready"]) * 100).mask(hidden)
    return _hbar(
        [_plain(u) for u in frame["unit"]],
        values,
        texts,
        hidden.to_list(),
        ax=ax,
        title=labels.label("chart.readiness", lang),
        xlabel=labels.label("chart.share_ready_pct", lang),
        xmax=100.0,
    )


def top_needs(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    top: int = 10,
    *,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """Horizontal bars: the ``top`` task items by mean training need, largest first.

    Items whose mean is masked or whose ``n`` is below ``min_group_size``
    are left out (their place in a ranking would tell something about them).
    With ``ci_low`` / ``ci_high`` the 95% interval is drawn as a black line.

    Parameters
    ----------
    frame : DataFrame
        One group's output of :func:`kompetensi_toolkit.needs.rank_items`,
        usually suppressed: ``item_id``, ``mean_need`` and, when present,
        ``n``, ``share_priority``, ``ci_low``, ``ci_high``. Item labels come
        from ``enum.tna_item.<item_id>`` (the code, made readable, when there
        is none).
    lang : {"id", "en"}
    ax : matplotlib Axes, optional
    top : int
        How many items to draw.
    min_group_size : int

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> needs = pd.DataFrame({"item_id": ["penyusunan_sop", "pelayanan_pengaduan", "x_y"],
    ...                       "n": [40, 35, 2], "mean_need": [1.2, 2.05, 3.0],
    ...                       "share_priority": [0.3, 0.45, 1.0]})
    >>> ax = top_needs(needs, "en")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Handling complaints', 'Writing standard operating procedures (SOP)']
    >>> [t.get_text() for t in ax.texts]
    ['2.0 · priority 45.0%', '1.2 · priority 30.0%']
    """
    import numpy as np

    func = "top_needs"
    lang = labels.check_lang(lang, func)
    require_columns(frame, ["item_id", "mean_need"], func)
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ParameterError(
            f"The 'top' parameter of {func} must be a positive whole number. Got {top!r} instead."
        )
    _check_unique(frame, "item_id", func)
    visible = frame[~_hidden_mask(frame, "mean_need", "n", min_group_size)]
    shown = visible.sort_values("mean_need", ascending=False, kind="stable").head(top)
    item_labels = [_plain(labels.enum_label("tna_item", i, lang)) for i in shown["item_id"]]
    ax = _axes(ax, len(shown), max((len(t) for t in item_labels), default=0))
    y = np.arange(len(shown))
    need = pd.to_numeric(shown["mean_need"]).astype("float64").to_numpy()
    has_ci = {"ci_low", "ci_high"} <= set(shown.columns)
    ax.barh(y, need, color=BAR_COLOR, height=0.7)
    low = need.copy()
    high = need.copy()
    if has_ci:
        lo = pd.to_numeric(shown["ci_low"]).astype("float64").to_numpy()
        hi = pd.to_numeric(shown["ci_high"]).astype("float64").to_numpy()
        ok = ~(np.isnan(lo) | np.isnan(hi))
        if ok.any():
            ax.hlines(y[ok], lo[ok], hi[ok], color="black", linewidth=1.2)
            low[ok], high[ok] = np.minimum(low[ok], lo[ok]), np.maximum(high[ok], hi[ok])
    left = min(0.0, float(np.nanmin(low)) if len(low) else 0.0)
    right = max(float(np.nanmax(high)) if len(high) else 1.0, 0.5)
    span = right - left
    ax.set_xlim(left - (0.05 * span if left < 0 else 0), right + 0.45 * span)
    for yi, v, h, share in zip(
        y,
        need,
        high,
        shown["share_priority"] if "share_priority" in shown else [None] * len(shown),
        strict=True,
    ):
        value = labels.format_number(v, lang, decimals=1)
        if share is not None and pd.notna(share):
            text = labels.text(
                "chart.needs_value", lang, need=value, share=labels.format_percent(share, lang)
            )
        else:
            text = value
        ax.text(max(v, h) + span * 0.02, yi, text, va="center", ha="left", fontsize=9)
    ax.set_yticks(y)
    ax.set_yticklabels(item_labels)
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.axvline(0, color=_NOTE_COLOR, linewidth=0.8)
    xlabel = labels.label("chart.needs_x", lang)
    if has_ci:
        xlabel += "\n" + labels.label("chart.ci_note", lang)
    ax.set_xlabel(xlabel)
    ax.set_title(labels.label("chart.top_needs", lang), loc="left", fontsize=12)
    _despine(ax)
    return ax


# ---------------------------------------------------------------------------
# Tables.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ReportTable:
    """A table ready for the reader: translated headers and formatted text cells.

    Shown as HTML in notebooks (every cell escaped), as plain text elsewhere.
    """

    frame: pd.DataFrame
    numeric: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        head = "".join(
            f'<th style="text-align:{"right" if c in self.numeric else "left"}">'
            f"{html.escape(str(c))}</th>"
            for c in self.frame.columns
        )
        rows = []
        for _, row in self.frame.iterrows():
            cells = "".join(
                f'<td style="text-align:{"right" if c in self.numeric else "left"}">'
                f"{html.escape(str(v))}</td>"
                for c, v in row.items()
            )
            rows.append(f"<tr>{cells}</tr>")
        return (
            '<table class="kt-table">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def table(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    *,
    columns: Sequence[str] | None = None,
    min_group_size: int = config.MIN_GROUP_SIZE,
    decimals: Mapping[str, int] | None = None,
    derived: Sequence[str] = (),
) -> ReportTable:
    """A tidy frame as the reader should see it.

    Headers come from :func:`kompetensi_toolkit.labels.column_label`;
    enumeration columns (:data:`kompetensi_toolkit.labels.ENUM_COLUMNS`) show
    their labels; columns named ``share*`` are written as percentages, other
    numbers with the reader's separators; masked counts show "< 5" (too small)
    or "disembunyikan" (hidden to protect another cell), masked shares and
    means (``share*``, ``mean*``, ``sd_*``, ``ci_*``) a dash. The ``suppressed``
    columns and the name column of the other language are left out.

    Parameters
    ----------
    frame : DataFrame
    lang : {"id", "en"}
    columns : sequence of str, optional
        Columns to show, in order (default: all but the left-out ones).
    min_group_size : int
        The threshold written in "< 5".
    decimals : mapping, optional
        Decimals of a number column (default: 0 for whole numbers, 1 otherwise).
    derived : sequence of str
        Further columns derived from a count (an estimate, an index): masked,
        they show a dash like ``share*`` and ``mean*`` columns.

    Returns
    -------
    ReportTable

    Examples
    --------
    >>> import pandas as pd
    >>> from kompetensi_toolkit.privacy import suppress_small_counts
    >>> t = suppress_small_counts(pd.DataFrame({
    ...     "position_type": ["pelaksana", "pengawas", "jpt_pratama"],
    ...     "n": [1200, 30, 1], "share": [0.975, 0.024, 0.001]}))
    >>> table(t, "id")
       Jenis jabatan Jumlah pegawai Persentase
           Pelaksana          1.200      97,5%
            Pengawas  disembunyikan          –
         JPT Pratama            < 5          –
    """
    lang = labels.check_lang(lang, "table")
    other = {f"name_{x}" for x in config.LANGUAGES if x != lang}
    if columns is None:
        columns = [c for c in frame.columns if c not in {SUPPRESSED, REASON, *other}]
    require_columns(frame, columns, "table")
    reasons = frame[REASON] if REASON in frame else pd.Series(pd.NA, index=frame.index)
    out: dict[str, list[str]] = {}
    numeric: list[str] = []
    for col in columns:
        values = frame[col]
        header = labels.column_label(str(col), lang)
        enum = labels.ENUM_COLUMNS.get(str(col))
        if enum is not None:
            cells = [labels.enum_label(enum, v, lang) for v in values]
        elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            numeric.append(header)
            is_share = str(col).startswith("share")
            # shares and means are derived from a count: a masked one is a dash, never "< 5"
            is_derived = str(col).startswith(_DERIVED_PREFIXES) or col in derived
            whole = pd.api.types.is_integer_dtype(values)
            places = (decimals or {}).get(str(col), 0 if whole else 1)
            cells = []
            for v, r in zip(values, reasons, strict=True):
                if pd.isna(v):
                    cells.append(
                        "–" if is_derived or pd.isna(r) else _masked_text(r, lang, min_group_size)
                    )
                elif is_share:
                    cells.append(labels.format_percent(v, lang))
                else:
                    cells.append(labels.format_number(v, lang, decimals=places))
        else:
            cells = ["" if pd.isna(v) else clip(v) for v in values]
        out[header] = cells
    return ReportTable(pd.DataFrame(out, dtype="object"), tuple(numeric))


# ---------------------------------------------------------------------------
# The needs and plan report.
# ---------------------------------------------------------------------------
#: Sequential palette of the need-group heatmap: darker is a larger shortfall.
SHORTFALL_CMAP = "Reds"


def cluster_heatmap(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    min_group_size: int = config.MIN_GROUP_SIZE,
) -> Axes:
    """Heatmap of the mean shortfall, need group × competency.

    Rows are groups (1 = the largest total need), columns competencies (by
    code), each cell the group's mean shortfall in levels (0: at the
    standard). A cell that is masked, or stands for fewer than
    ``min_group_size`` assessed staff, is drawn grey and hatched with no
    number, and a note above the chart says why.

    Parameters
    ----------
    frame : DataFrame
        :func:`kompetensi_toolkit.clustering.cluster_profile_long`, usually
        masked (``figures["cluster_long"]`` of
        :func:`kompetensi_toolkit.narrative.needs_plan_key_figures`):
        ``cluster``, ``competency_id``, ``n_assessed``, ``mean_shortfall``
        and, when present, ``name_id`` / ``name_en``.
    lang : {"id", "en"}
    ax : matplotlib Axes, optional
    min_group_size : int

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> long = pd.DataFrame({"cluster": [0, 0, 1, 1], "competency_id": ["M.01", "M.02"] * 2,
    ...                      "n_assessed": [12, 12, 3, 9], "mean_shortfall": [1.5, 0.2, 0.9, 0.0]})
    >>> ax = cluster_heatmap(long, "en")
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "value"]  # cluster 2, M.01: 3 staff
    ['1.5', '0.2', '0.0']
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Cluster 1', 'Cluster 2']
    """
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.patches import Rectangle

    func = "cluster_heatmap"
    lang = labels.check_lang(lang, func)
    require_columns(frame, ["cluster", "competency_id", "n_assessed", "mean_shortfall"], func)
    if frame.duplicated(["cluster", "competency_id"]).any():
        raise ParameterError(
            f"The 'frame' parameter of {func} must hold one row per cluster and competency. Got "
            "duplicated (cluster, competency_id) pairs instead."
        )
    data = frame.assign(
        competency_id=frame["competency_id"].astype("string"),
        _hidden=_hidden_mask(frame, "mean_shortfall", "n_assessed", min_group_size).to_numpy(),
    )
    clusters = sorted(pd.unique(data["cluster"]))
    competencies = sorted(data["competency_id"].dropna().unique())
    names = dict(zip(data["competency_id"], _competency_names(data, lang), strict=True))
    values = data.pivot(index="cluster", columns="competency_id", values="mean_shortfall")
    values = values.reindex(index=clusters, columns=competencies).astype("float64")
    hidden = data.pivot(index="cluster", columns="competency_id", values="_hidden")
    hidden = hidden.reindex(index=clusters, columns=competencies).fillna(True).astype(bool)
    shown = np.ma.masked_array(values.to_numpy(), mask=hidden.to_numpy() | values.isna())

    n_rows, n_cols = max(len(clusters), 1), max(len(competencies), 1)
    if ax is None:
        width = min(3.5 + 1.0 * n_cols, 16)
        _, ax = plt.subplots(figsize=(width, 1.8 + 0.45 * n_rows), layout="constrained")
    limit = max(float(shown.max()) if shown.count() else 0.0, 0.5)
    ax.add_patch(
        Rectangle(
            (0, 0),
            n_cols,
            n_rows,
            facecolor=_HIDDEN_COLOR,
            edgecolor="white",
            hatch="///",
            linewidth=0,
            zorder=0,
        )
    )
    cmap = plt.get_cmap(SHORTFALL_CMAP).with_extremes(bad=(0, 0, 0, 0))
    mesh = ax.pcolormesh(shown, cmap=cmap, vmin=0, vmax=limit, edgecolors="white", linewidth=0.8)
    mask = np.ma.getmaskarray(shown)
    for i in range(len(clusters)):
        for j in range(len(competencies)):
            if mask[i, j]:
                continue
            v = float(shown[i, j])
            ax.text(
                j + 0.5,
                i + 0.5,
                labels.format_number(v, lang, decimals=1),
                ha="center",
                va="center",
                fontsize=8,
                gid="value",
                color="white" if v > 0.6 * limit else "black",
                in_layout=False,  # inside its cell: measuring it cannot move anything
            )
    ax.set_xticks([j + 0.5 for j in range(len(competencies))])
    ax.set_xticklabels(
        [_plain(names.get(c, c)) for c in competencies], rotation=35, ha="right", fontsize=9
    )
    row_label = labels.label("col.cluster", lang)
    ax.set_yticks([i + 0.5 for i in range(len(clusters))])
    ax.set_yticklabels([f"{row_label} {int(c) + 1}" for c in clusters], fontsize=9)
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    colorbar = ax.figure.colorbar(mesh, ax=ax, pad=0.02)
    colorbar.set_label(labels.label("chart.np_heatmap_colorbar", lang))
    n_hidden = int(mask.sum())
    return _heatmap_titles(
        ax, "chart.np_heatmap", "chart.np_heatmap_hidden", n_hidden, lang, min_group_size
    )


def budget_curve(
    frame: pd.DataFrame,
    lang: str = config.DEFAULT_LANG,
    ax: Axes | None = None,
    *,
    budget: float | None = None,
) -> Axes:
    """Line: the share of all shortfall a plan covers at each budget.

    Parameters
    ----------
    frame : DataFrame
        :func:`kompetensi_toolkit.planning.budget_curve`: ``budget`` (rupiah)
        and ``share_covered`` (0..1).
    lang : {"id", "en"}
    ax : matplotlib Axes, optional
    budget : float, optional
        The report's budget, marked with a dashed vertical line.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> curve = pd.DataFrame({"budget": [0, 1e8, 2e8], "share_covered": [0.1, 0.4, 0.5]})
    >>> ax = budget_curve(curve, "en", budget=2e8)
    >>> ax.get_lines()[0].get_xydata().tolist()
    [[0.0, 10.0], [100.0, 40.0], [200.0, 50.0]]
    >>> ax.get_xlabel()
    'Budget (Rp million)'
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    func = "budget_curve"
    lang = labels.check_lang(lang, func)
    require_columns(frame, ["budget", "share_covered"], func)
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 4), layout="constrained")
    x = pd.to_numeric(frame["budget"]).astype("float64") / 1e6
    y = pd.to_numeric(frame["share_covered"]).astype("float64") * 100
    ax.plot(x.to_numpy(), y.to_numpy(), color=BAR_COLOR, linewidth=2, marker="o")
    for xi, yi in zip(x, y, strict=True):
        if pd.notna(yi):
            ax.annotate(
                labels.format_number(yi, lang, decimals=0) + "%",
                (xi, yi),
                textcoords="offset points",
                xytext=(0, 7),
                ha="center",
                fontsize=8,
            )
    if budget is not None:
        ax.axvline(float(budget) / 1e6, color=_NOTE_COLOR, linestyle="--", linewidth=1)
        ax.text(
            float(budget) / 1e6,
            2,
            " " + labels.label("chart.np_curve_budget", lang),
            color=_NOTE_COLOR,
            fontsize=8,
            ha="right",
            va="bottom",
            rotation=90,
        )
    ax.set_ylim(0, 105)
    ax.set_xlim(left=-0.04 * max(float(x.max()) if len(x) else 0.0, 1.0))  # room for the 0 label
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: labels.format_number(v, lang)))
    ax.set_title(labels.label("chart.np_curve", lang), loc="left", fontsize=12)
    ax.set_xlabel(labels.label("chart.np_curve_x", lang))
    ax.set_ylabel(labels.label("chart.np_curve_y", lang))
    _despine(ax)
    return ax
