"""What the reader sees: seaborn charts and tables, labelled in the reader's language.

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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from kompetensi_toolkit import config, labels
from kompetensi_toolkit.frames import require_columns
from kompetensi_toolkit.privacy import REASON, SUPPRESSED

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["ReportTable", "assessment_coverage", "headcount_by_position_group", "table"]

#: Bar colour of every chart (one hue: the categories are on the axis).
BAR_COLOR = "#2a6f97"
_NOTE_COLOR = "#6c757d"


def _axes(ax: Axes | None, n_bars: int) -> Axes:
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=(7.5, 1.2 + 0.42 * max(n_bars, 1)), layout="constrained")
    return ax


def _masked_text(reason: object, lang: str, min_group_size: int) -> str:
    if reason == "small":
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
    import seaborn as sns

    ax = _axes(ax, len(categories))
    data = pd.DataFrame(
        {"category": list(categories), "value": pd.to_numeric(values).astype("float64").fillna(0)}
    )
    if len(data):
        sns.barplot(data=data, x="value", y="category", orient="h", color=BAR_COLOR, ax=ax)
    from matplotlib.ticker import MaxNLocator

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
    sns.despine(ax=ax)
    return ax


def _bar_texts(
    frame: pd.DataFrame, column: str, lang: str, min_group_size: int, fmt
) -> tuple[list[str], list[bool]]:
    """The label of each bar (``fmt(value, lang)``, or the masked marker) and its mask."""
    reasons = frame[REASON] if REASON in frame else pd.Series(pd.NA, index=frame.index)
    masked = frame[column].isna().to_list()
    texts = [
        _masked_text(r, lang, min_group_size) if m else fmt(v, lang)
        for v, r, m in zip(frame[column], reasons, masked, strict=True)
    ]
    return texts, masked


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
    texts, masked = _bar_texts(frame, "share_assessed", lang, min_group_size,
                               labels.format_percent)
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
) -> ReportTable:
    """A tidy frame as the reader should see it.

    Headers come from :func:`kompetensi_toolkit.labels.column_label`;
    enumeration columns (:data:`kompetensi_toolkit.labels.ENUM_COLUMNS`) show
    their labels; columns named ``share*`` are written as percentages, other
    numbers with the reader's separators; masked counts show "< 5" (too small)
    or "disembunyikan" (hidden to protect another cell). The ``suppressed``
    columns and the name column of the other language are left out.

    Parameters
    ----------
    frame : DataFrame
    lang : {"id", "en"}
    columns : sequence of str, optional
        Columns to show, in order (default: all but the left-out ones).
    min_group_size : int
        The threshold written in "< 5".

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
            whole = pd.api.types.is_integer_dtype(values)
            cells = []
            for v, r in zip(values, reasons, strict=True):
                if pd.isna(v):
                    cells.append(
                        "–" if is_share or pd.isna(r) else _masked_text(r, lang, min_group_size)
                    )
                elif is_share:
                    cells.append(labels.format_percent(v, lang))
                else:
                    cells.append(labels.format_number(v, lang, decimals=0 if whole else 1))
        else:
            cells = ["" if pd.isna(v) else str(v) for v in values]
        out[header] = cells
    return ReportTable(pd.DataFrame(out, dtype="object"), tuple(numeric))
