"""rendering: charts become PNG outputs with alternative text, and their figures close."""

from __future__ import annotations

import base64

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from kompetensi_toolkit import rendering
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.feedback import charts


def test_alt_text_reads_titles_and_axis_labels_once_each():
    fig, (a, b) = plt.subplots(1, 2)
    fig.suptitle("Skor per program")
    a.set_title("Materi", loc="left")
    a.set_xlabel("Skor (0–100)")
    b.set_title("Metode")
    b.set_xlabel("Skor (0–100)")  # said once
    b.set_ylabel("Program?")
    assert rendering.alt_text(fig) == "Skor per program. Materi. Skor (0–100). Metode. Program?"
    assert rendering.alt_text(a) == rendering.alt_text(fig)  # an Axes speaks for its figure
    plt.close(fig)


def test_alt_text_of_a_bare_chart_is_empty():
    fig, ax = plt.subplots()
    assert rendering.alt_text(ax) == ""
    plt.close(fig)


def test_show_displays_a_png_with_alt_text_and_closes_the_figure(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    themes = pd.DataFrame({"label": ["jadwal molor"], "n_comments": [12], "share": [1.0]})
    ax = charts.theme_bars(themes, "en")
    number = ax.figure.number
    rendering.show(ax)
    assert not plt.fignum_exists(number)
    (image,) = shown
    data, metadata = image._repr_png_()
    assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"
    assert metadata["alt"] == "Themes of participants' comments. Share of comments (%)."
    rendering.show(*plt.subplots()[1:], alt="Given text")
    assert shown[1]._repr_png_()[1]["alt"] == "Given text"


@pytest.mark.parametrize("chart", [None, "ax", 3])
def test_show_refuses_what_is_not_a_chart(chart):
    with pytest.raises(ParameterError, match="matplotlib Axes or Figure"):
        rendering.show(chart)
    with pytest.raises(ParameterError, match="matplotlib Axes or Figure"):
        rendering.alt_text(chart)
