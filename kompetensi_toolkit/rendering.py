"""Charts into a notebook's output, each with alternative text for screen readers.

The templates end every chart cell with :func:`show`: the figure becomes one
PNG output whose ``alt`` text is :func:`alt_text` (the chart's titles and axis
labels, in the reader's language), and the figure is closed so the inline
backend does not show it a second time. The HTML export
(:func:`kompetensi_toolkit.reporting.export_html`) writes that text into the
``<img alt="…">`` of the report, so a policymaker using a screen reader hears
what each chart shows, and nbconvert has nothing to warn about.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.set_title("Pegawai per kelompok jabatan", loc="left")
>>> _ = ax.set_xlabel("Jumlah pegawai")
>>> alt_text(ax)
'Pegawai per kelompok jabatan. Jumlah pegawai.'
>>> plt.close(fig)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kompetensi_toolkit.exceptions import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["LABEL_LIMIT", "TEXT_LIMIT", "alt_text", "clip", "md_text", "show"]

#: The most characters of a data value (a unit, programme or competency name) shown
#: in a table cell or a sentence; longer values are cut with an ellipsis.
TEXT_LIMIT = 80
#: The most characters of a data value drawn as a chart label.
LABEL_LIMIT = 60


def clip(value: object, limit: int = TEXT_LIMIT) -> str:
    """``value`` as text of at most ``limit`` characters, cut at a word with "…".

    A 10 000-character unit name must not stretch a table or a chart: every
    data value shown in a report goes through this before it is escaped.

    Examples
    --------
    >>> clip("Dinas Pendidikan")
    'Dinas Pendidikan'
    >>> clip("Dinas Pekerjaan Umum dan Penataan Ruang", 20)
    'Dinas Pekerjaan…'
    >>> clip("x" * 30, 10)
    'xxxxxxxxx…'
    >>> clip(None)
    'None'
    """
    text = " ".join(str(value).split()) if len(str(value)) > limit else str(value)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def md_text(value: object, limit: int = TEXT_LIMIT) -> str:
    """A data value for a report's Markdown: cut with :func:`clip`, then escaped.

    The one way data text (unit, programme, competency, theme and region names)
    enters a sentence: :func:`kompetensi_toolkit.labels.md_escape` escapes HTML
    and Markdown, so ``<script>`` is shown, never run, and ``[x](javascript:…)``
    is never a link.

    Examples
    --------
    >>> print(md_text("Dinas <script>alert(1)</script> [x](javascript:y)"))
    Dinas &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:y)
    >>> md_text("Unit " * 2000)[-12:]
    't Unit Unit…'
    >>> len(md_text("Unit " * 2000)) <= TEXT_LIMIT
    True
    """
    from kompetensi_toolkit.labels import md_escape

    return md_escape(clip(value, limit))


def _figure(chart: Any, func: str) -> Figure:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(chart, Figure):
        return chart
    if isinstance(chart, Axes):
        return chart.get_figure(root=True)
    raise ParameterError(
        f"The 'chart' parameter of {func} must be a matplotlib Axes or Figure. "
        f"Got {type(chart).__name__} instead."
    )


def alt_text(chart: Any) -> str:
    """What a chart shows, in words: its titles, then its axis labels, as sentences.

    Parameters
    ----------
    chart : matplotlib Axes or Figure

    Returns
    -------
    str
        The figure's suptitle and every axes' titles and axis labels, each once,
        in order, lines joined; empty when the chart has none.
    """
    fig = _figure(chart, "alt_text")
    parts: list[str] = []
    parts.append(fig.get_suptitle())
    for ax in fig.get_axes():
        parts += [ax.get_title(loc=loc) for loc in ("left", "center", "right")]
        parts += [ax.get_xlabel(), ax.get_ylabel()]
    sentences: list[str] = []
    for part in parts:
        clean = " ".join(part.split()).strip()
        if clean and clean not in sentences:
            sentences.append(clean)
    return " ".join(s if s.endswith((".", "?", "!")) else f"{s}." for s in sentences)


def show(chart: Any, alt: str | None = None) -> None:
    """Display a chart as a PNG output with alternative text, then close its figure.

    Parameters
    ----------
    chart : matplotlib Axes or Figure
    alt : str, optional
        The alternative text (default: :func:`alt_text`).
    """
    import matplotlib.pyplot as plt
    from IPython.core.pylabtools import print_figure
    from IPython.display import Image, display

    fig = _figure(chart, "show")
    text = alt if alt is not None else alt_text(fig)
    try:
        png = print_figure(fig, "png", bbox_inches="tight")
    finally:
        plt.close(fig)
    display(Image(data=png, format="png", alt=text or None))
