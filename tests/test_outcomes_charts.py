"""Charts of the programme outcomes report: forest plot, IKM dumbbell, diff-in-diff lines."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from kompetensi_toolkit import labels
from kompetensi_toolkit.exceptions import MissingColumnError, ParameterError
from kompetensi_toolkit.outcomes import charts, report
from kompetensi_toolkit.privacy import REASON, SUPPRESSED

plt.switch_backend("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def effects() -> pd.DataFrame:
    """Three programmes, the second masked (too few pairs)."""
    return pd.DataFrame(
        {
            "programme": ["Pelatihan A", "Kursus C", "Seminar B"],
            "g_av": [1.2, np.nan, -0.1],
            "g_av_low": [0.9, np.nan, -0.4],
            "g_av_high": [1.5, np.nan, 0.3],
            SUPPRESSED: [False, True, False],
            REASON: pd.array([pd.NA, "small", pd.NA], dtype="string"),
        }
    )


def ikm_change() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit": ["Disdukcapil", "DPMPTSP", "Kelurahan X"],
            "ikm_before": [74.0, 80.0, np.nan],
            "ikm_after": [81.0, 79.5, np.nan],
            SUPPRESSED: [False, False, True],
            REASON: pd.array([pd.NA, pd.NA, "small"], dtype="string"),
        }
    )


def means() -> pd.DataFrame:
    return pd.DataFrame(
        {"group": ["treated", "control"], "before": [75.0, 78.0], "after": [82.0, 79.5]}
    )


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def _estimate_line(ax):
    lines = [line for line in ax.get_lines() if line.get_gid() == "estimate"]
    assert len(lines) == 1
    return lines[0]


# ---------------------------------------------------------------------------
# forest_plot
# ---------------------------------------------------------------------------
def test_forest_plot_points_labels_and_masked_reason():
    frame = effects()
    kept = frame.copy()
    ax = charts.forest_plot(frame, "id", label="programme")
    line = _estimate_line(ax)
    assert line.get_xdata().tolist() == [1.2, -0.1]  # one point per shown row
    assert line.get_ydata().tolist() == [0, 2]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Pelatihan A", "Kursus C", "Seminar B"]
    bottom, top = ax.get_ylim()
    assert bottom > top  # first row at the top
    # the intervals: one horizontal line per shown row
    segments = ax.collections[0].get_segments()
    assert [s[:, 0].tolist() for s in segments] == [[0.9, 1.5], [-0.4, 0.3]]
    assert [s[0, 1] for s in segments] == [0, 2]
    masked = [t for t in ax.texts if "< 5" in t.get_text()]
    assert len(masked) == 1 and masked[0].get_position()[1] == 1  # on the masked row
    assert ax.get_title(loc="left") == labels.label("chart.oc_forest_l2", "id")
    assert ax.get_xlabel() == labels.label("chart.oc_forest_x", "id")
    left, right = ax.get_xlim()
    assert left < -0.4 and right > 1.5  # every interval and 0 visible
    pd.testing.assert_frame_equal(frame, kept)


def test_forest_plot_reason_words_and_threshold():
    frame = effects()
    frame[REASON] = pd.array([pd.NA, "complementary", pd.NA], dtype="string")
    ax = charts.forest_plot(frame, "en", label="programme")
    assert any(t.strip() == "hidden" for t in _texts(ax))
    assert not any("<" in t for t in _texts(ax))
    ax = charts.forest_plot(effects(), "en", label="programme", min_group_size=10)
    assert any(t.strip() == "< 10" for t in _texts(ax))


@pytest.mark.parametrize("draw", ["forest", "forest_reason_na", "dumbbell"])
def test_missing_value_without_reason_says_hidden(draw):
    if draw == "forest":
        frame = effects().drop(columns=[SUPPRESSED, REASON])
        ax = charts.forest_plot(frame, "id", label="programme")
    elif draw == "forest_reason_na":  # an undefined estimate that nobody masked
        frame = effects().assign(**{REASON: pd.array([pd.NA] * 3, dtype="string")})
        ax = charts.forest_plot(frame, "id", label="programme")
    else:
        ax = charts.ikm_dumbbell(ikm_change().drop(columns=[SUPPRESSED, REASON]), "id")
    assert any(t.strip() == "disembunyikan" for t in _texts(ax))


def test_forest_plot_other_columns_and_keys_in_english():
    closure = pd.DataFrame(
        {
            "competency": ["Integrity", "Teamwork"],
            "difference": [5.09, 2.5],
            "diff_low": [2.22, -1.0],
            "diff_high": [7.93, 6.0],
        }
    )
    ax = charts.forest_plot(
        closure, "en", label="competency", value="difference", low="diff_low", high="diff_high",
        title_key="chart.oc_closure", xlabel_key="chart.oc_closure_x",
    )  # fmt: skip
    assert _estimate_line(ax).get_xdata().tolist() == [5.09, 2.5]
    assert ax.get_title(loc="left") == labels.label("chart.oc_closure", "en")
    assert ax.get_xlabel() == labels.label("chart.oc_closure_x", "en")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Integrity", "Teamwork"]


def test_forest_plot_with_ranked_report_table():
    table = pd.DataFrame(
        {
            "program_id": ["P1", "P2", "P3"],
            "name": ["Pelatihan A", "Seminar B", "Kursus C"],
            "n_pairs": [40, 30, 4],
            "mean_before": [52.0, 60.0, 40.0],
            "mean_after": [68.0, 61.0, 80.0],
            "mean_diff": [16.0, 1.0, 40.0],
            "gain": [0.33, 0.025, 0.67],
            "g_av": [1.3, 0.07, 2.6],
            "g_av_low": [0.9, -0.2, 1.9],
            "g_av_high": [1.76, 0.33, 8.9],
            "enough": [True, True, False],
            "rank": pd.array([1, 2, pd.NA], dtype="Int64"),
            "p_holm": [0.0001, 0.6, np.nan],
        }
    )
    figures = report.key_figures(region={"region_id": "x"}, year=None, learning=table)
    ax = charts.forest_plot(report.ranked(figures["learning"]), "id", label="programme")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Pelatihan A", "Seminar B"]
    assert _estimate_line(ax).get_xdata().tolist() == [1.3, 0.07]


def test_forest_plot_all_masked_and_dollar_labels():
    frame = effects().iloc[[1]]
    frame["programme"] = "Dana $5 juta"
    ax = charts.forest_plot(frame, "id", label="programme")
    assert len(_estimate_line(ax).get_xdata()) == 0
    assert [t.get_text() for t in ax.get_yticklabels()] == [r"Dana \$5 juta"]
    fig = ax.figure
    fig.canvas.draw()  # no mathtext error


def test_forest_plot_errors():
    with pytest.raises(MissingColumnError, match="g_av_high"):
        charts.forest_plot(effects().drop(columns="g_av_high"), "id", label="programme")
    with pytest.raises(MissingColumnError, match="name"):
        charts.forest_plot(effects(), "id")
    with pytest.raises(ParameterError, match="lang"):
        charts.forest_plot(effects(), "fr", label="programme")


def test_forest_plot_given_axes():
    _fig, ax = plt.subplots()
    assert charts.forest_plot(effects(), "id", ax, label="programme") is ax


# ---------------------------------------------------------------------------
# ikm_dumbbell
# ---------------------------------------------------------------------------
def _bands(ax) -> dict[str, tuple[float, float]]:
    """Grade bands drawn: colour → (left, right) of each axvspan."""
    out = {}
    for patch in ax.patches:
        xs = np.asarray(patch.get_path().transformed(patch.get_patch_transform()).vertices)[:, 0]
        if hasattr(patch, "get_xy") and not len(xs):
            xs = np.asarray(patch.get_xy())[:, 0]
        out[to_hex(patch.get_facecolor())] = (round(float(xs.min()), 2), round(float(xs.max()), 2))
    return out


def test_ikm_dumbbell_bands_points_legend():
    frame = ikm_change()
    kept = frame.copy()
    ax = charts.ikm_dumbbell(frame, "id", before_name="2024", after_name="2025")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2024", "2025"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Disdukcapil", "DPMPTSP", "Kelurahan X"]
    assert ax.get_xlim() == (60.0, 100.0)  # from 60 at most, so every chart shows grade D
    colours = {to_hex(c): g for g, c in charts.GRADE_COLORS.items()}
    bands = {colours[c]: span for c, span in _bands(ax).items() if c in colours}
    assert bands == {"A": (88.31, 100.0), "B": (76.61, 88.31), "C": (65.0, 76.61),
                     "D": (60.0, 65.0)}  # fmt: skip
    grade_texts = [t for t in ax.texts if t.get_text() in charts.GRADE_COLORS]
    assert [t.get_text() for t in grade_texts] == ["A", "B", "C", "D"]
    assert [round(t.get_position()[0], 3) for t in grade_texts] == [94.155, 82.46, 70.805, 62.5]
    before, after = (line for line in ax.get_lines() if line.get_label() in ("2024", "2025"))
    assert before.get_xdata()[:2].tolist() == [74.0, 80.0]
    assert after.get_xdata()[:2].tolist() == [81.0, 79.5]
    assert "< 5" in _texts(ax)
    assert ax.get_title(loc="left") == labels.label("chart.oc_ikm", "id")
    assert ax.get_xlabel() == labels.label("chart.oc_ikm_x", "id")
    pd.testing.assert_frame_equal(frame, kept)


def test_ikm_dumbbell_low_values_show_grade_d_and_no_legend_without_names():
    frame = pd.DataFrame({"unit": ["A"], "ikm_before": [50.0], "ikm_after": [70.0]})
    ax = charts.ikm_dumbbell(frame, "en")
    assert ax.get_legend() is None
    assert ax.get_xlim() == (46.0, 100.0)
    colours = {to_hex(c): g for g, c in charts.GRADE_COLORS.items()}
    bands = {colours[c]: span for c, span in _bands(ax).items() if c in colours}
    assert bands["D"] == (46.0, 65.0) and set(bands) == {"A", "B", "C", "D"}
    frame = pd.DataFrame({"unit": ["A"], "ikm_before": [20.0], "ikm_after": [30.0]})
    assert charts.ikm_dumbbell(frame, "en").get_xlim() == (25.0, 100.0)  # the scale's floor
    assert ax.get_title(loc="left") == labels.label("chart.oc_ikm", "en")


def test_ikm_dumbbell_errors():
    with pytest.raises(MissingColumnError, match="ikm_after"):
        charts.ikm_dumbbell(ikm_change().drop(columns="ikm_after"), "id")
    with pytest.raises(MissingColumnError, match="unit"):
        charts.ikm_dumbbell(ikm_change().rename(columns={"unit": "unit_name"}), "id")
    with pytest.raises(ParameterError, match="lang"):
        charts.ikm_dumbbell(ikm_change(), "EN")


# ---------------------------------------------------------------------------
# did_lines
# ---------------------------------------------------------------------------
def _line(ax, key: str, lang: str):
    found = [line for line in ax.get_lines() if line.get_label() == labels.label(key, lang)]
    assert len(found) == 1, key
    return found[0]


def test_did_lines_parallel_path():
    frame = means()
    kept = frame.copy()
    ax = charts.did_lines(frame, "id")
    treated = _line(ax, "chart.oc_did_treated", "id")
    control = _line(ax, "chart.oc_did_control", "id")
    parallel = _line(ax, "chart.oc_did_parallel", "id")
    assert treated.get_ydata().tolist() == [75.0, 82.0]
    assert control.get_ydata().tolist() == [78.0, 79.5]
    assert parallel.get_ydata().tolist() == [75.0, 76.5]  # 75 + (79.5 − 78)
    assert parallel.get_linestyle() == "--"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Sebelum", "Sesudah"]
    assert sorted(_texts(ax)) == sorted(["75,0", "82,0", "78,0", "79,5"])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        labels.label(k, "id")
        for k in ("chart.oc_did_treated", "chart.oc_did_control", "chart.oc_did_parallel")
    ]
    assert ax.get_title(loc="left") == labels.label("chart.oc_did", "id")
    assert ax.get_ylabel() == labels.label("chart.oc_did_y", "id")
    pd.testing.assert_frame_equal(frame, kept)


def test_did_lines_english_names_and_row_order():
    frame = means().iloc[::-1].assign(group=lambda f: pd.Categorical(f["group"]))
    ax = charts.did_lines(frame, "en", before_name="2024", after_name="2025")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2024", "2025"]
    assert _line(ax, "chart.oc_did_parallel", "en").get_ydata().tolist() == [75.0, 76.5]
    assert "79.5" in _texts(ax)


def test_did_lines_with_report_means():
    from kompetensi_toolkit.outcomes import comparison

    panel = pd.DataFrame(
        {
            "unit": ["a", "a", "b", "b", "c", "c", "d", "d"],
            "period": ["2024", "2025"] * 4,
            "ikm": [80.0, 86.0, 78.0, 85.0, 81.0, 82.0, 79.0, 81.0],
            "high_coverage": [True] * 4 + [False] * 4,
            "post": [False, True] * 4,
        }
    )
    did = comparison.diff_in_diff(panel, "ikm")
    figures = report.key_figures(region={"region_id": "x"}, year=None, did=did)
    ax = charts.did_lines(figures["did_means"], "en")
    # treated 79 → 85.5, control 80 → 81.5: parallel path 79 → 80.5; the gap is the estimate
    parallel = _line(ax, "chart.oc_did_parallel", "en").get_ydata()
    assert parallel.tolist() == [79.0, 80.5]
    assert 85.5 - parallel[1] == pytest.approx(did.estimate)


def test_did_lines_one_group_no_parallel_path():
    ax = charts.did_lines(means().iloc[[0]], "en")
    labels_drawn = [line.get_label() for line in ax.get_lines()]
    assert labels_drawn == [labels.label("chart.oc_did_treated", "en")]


def test_did_lines_errors():
    with pytest.raises(MissingColumnError, match="after"):
        charts.did_lines(means().drop(columns="after"), "id")
    with pytest.raises(MissingColumnError, match="group"):
        charts.did_lines(means().drop(columns="group"), "id")
    with pytest.raises(ParameterError, match="lang"):
        charts.did_lines(means(), None)
