"""The gap-analysis charts: what they draw is what the data say, hidden cells never as numbers.

Every frame is written by hand here; the expected texts, bar lengths and line
values follow from it.
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from kompetensi_toolkit import labels, plotting, privacy
from kompetensi_toolkit.exceptions import MissingColumnError, ParameterError

plt.switch_backend("Agg")

GRID = {1: (1, 1), 2: (1, 2), 3: (2, 1), 4: (1, 3), 5: (2, 2), 6: (3, 1), 7: (2, 3), 8: (3, 2),
        9: (3, 3)}  # fmt: skip


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def bar_widths(ax) -> list[float]:
    return [round(p.get_width(), 6) for p in ax.patches]


def ytick_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def digits_in(strings) -> set[str]:
    return {d for s in strings for d in re.findall(r"\d+", s)}


# ---------------------------------------------------------------------------
# JPM categories.
# ---------------------------------------------------------------------------
def bkn_categories() -> pd.DataFrame:
    # BKN 2020, 227 JPT Pratama officials (domain.md)
    return pd.DataFrame(
        {
            "category": ["Kurang Optimal", "Cukup Optimal", "Optimal"],
            "n": [78, 120, 29],
            "share": [78 / 227, 120 / 227, 29 / 227],
        }
    )


@pytest.mark.parametrize(
    ("lang", "ticks", "values", "title"),
    [
        ("id", ["Kurang Optimal", "Cukup Optimal", "Optimal"],
         ["34,4% (78)", "52,9% (120)", "12,8% (29)"], "Sebaran kategori JPM"),
        ("en", ["Below optimal", "Fairly optimal", "Optimal"],
         ["34.4% (78)", "52.9% (120)", "12.8% (29)"], "JPM categories"),
    ],
)  # fmt: skip
def test_jpm_categories_draws_the_shares(lang, ticks, values, title):
    frame = bkn_categories()
    before = frame.copy()
    ax = plotting.jpm_categories(frame, lang)
    assert ytick_texts(ax) == ticks
    assert texts(ax) == values
    assert bar_widths(ax) == pytest.approx([100 * 78 / 227, 100 * 120 / 227, 100 * 29 / 227])
    assert ax.get_title(loc="left") == title
    pd.testing.assert_frame_equal(frame, before)


def test_jpm_categories_hidden_counts_are_not_numbers():
    frame = pd.DataFrame(
        {"category": ["Kurang Optimal", "Cukup Optimal", "Optimal"], "n": [2, 30, 9],
         "share": [2 / 41, 30 / 41, 9 / 41]}
    )  # fmt: skip
    masked = privacy.suppress_small_counts(frame)
    ax = plotting.jpm_categories(masked, "id")
    assert texts(ax) == ["< 5", "73,2% (30)", "disembunyikan"]
    assert bar_widths(ax)[0] == 0 and bar_widths(ax)[2] == 0
    assert "9" not in digits_in(texts(ax)) and "2" not in digits_in(texts(ax)[:1])
    # Not suppressed beforehand: the small count is still drawn as hidden.
    raw = plotting.jpm_categories(frame, "en")
    assert texts(raw)[0] == "< 5"


def test_jpm_categories_selection_labels_and_one_group_only():
    frame = pd.DataFrame(
        {"category": ["Kurang Memenuhi Syarat", "Masih Memenuhi Syarat", "Memenuhi Syarat"],
         "n": [10, 20, 30], "share": [1 / 6, 1 / 3, 1 / 2]}
    )  # fmt: skip
    ax = plotting.jpm_categories(frame, "en")
    assert ytick_texts(ax) == [
        "Does not meet the requirements",
        "Still meets the requirements",
        "Meets the requirements",
    ]
    with pytest.raises(ParameterError, match=r"one row per category.*'Optimal'"):
        plotting.jpm_categories(pd.concat([bkn_categories()] * 2), "id")
    with pytest.raises(MissingColumnError, match="'share'"):
        plotting.jpm_categories(frame.drop(columns="share"), "id")


# ---------------------------------------------------------------------------
# Shortfall by competency.
# ---------------------------------------------------------------------------
@pytest.fixture
def shortfall() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "competency_id": ["M.01", "M.04", "SK.01"],
            "name_id": ["Integritas", "Orientasi pada Hasil", "Perekat Bangsa"],
            "name_en": ["Integrity", "Results orientation", "Nation unifier"],
            "n_assessed": [40, 20, 3],
            "n_below": [10, 15, 3],
            "share_below": [0.25, 0.75, 1.0],
            "mean_gap": [-0.1, -0.8, -1.5],
            "mean_level": [2.9, 1.7, 1.0],
            "mean_required": [3.0, 2.5, 2.5],
        }
    )


@pytest.mark.parametrize(
    ("lang", "names", "values"),
    [
        ("id", ["Integritas", "Orientasi pada Hasil", "Perekat Bangsa"], ["25,0%", "75,0%", "< 5"]),
        ("en", ["Integrity", "Results orientation", "Nation unifier"], ["25.0%", "75.0%", "< 5"]),
    ],
)
def test_shortfall_bars(shortfall, lang, names, values):
    ax = plotting.shortfall_by_competency(shortfall, lang)
    assert ytick_texts(ax) == names
    assert texts(ax) == values  # 3 assessed in SK.01: hidden even though not suppressed
    assert bar_widths(ax) == pytest.approx([25.0, 75.0, 0.0])
    assert ax.get_xlim()[1] == pytest.approx(115.0)


def test_shortfall_without_names_uses_codes_and_masked_rows(shortfall):
    masked = privacy.suppress_small_counts(
        shortfall[["competency_id", "n_assessed", "share_below"]], "n_assessed",
        share_cols=["share_below"], complementary=False,
    )  # fmt: skip
    ax = plotting.shortfall_by_competency(masked, "en")
    assert ytick_texts(ax) == ["M.01", "M.04", "SK.01"]
    assert texts(ax)[2] == "< 5"


# ---------------------------------------------------------------------------
# Heatmap.
# ---------------------------------------------------------------------------
def cells_frame(units: int = 3) -> pd.DataFrame:
    rows = []
    for u in range(units):
        for c, comp in enumerate(["M.01", "M.02", "SK.01"]):
            rows.append(
                {
                    "unit": f"Dinas {u:02d}",
                    "competency_id": comp,
                    "name_id": ["Integritas", "Kerjasama", "Perekat Bangsa"][c],
                    "name_en": ["Integrity", "Teamwork", "Nation unifier"][c],
                    "n": 3 if (u, c) == (1, 2) else 10 + u,
                    "mean_gap": round(-1.2 + 0.3 * u + 0.4 * c, 2),
                }
            )
    return pd.DataFrame(rows)


def test_heatmap_cells_are_the_data_and_small_cells_are_blank():
    frame = cells_frame()
    ax = plotting.gap_heatmap(frame, "en", min_group_size=5)
    values = [t for t in ax.texts if t.get_gid() == "value"]
    assert len(values) == 8  # 9 cells, one with 3 staff
    for t in values:
        x, y = t.get_position()
        unit, comp = f"Dinas {int(y):02d}", ["M.01", "M.02", "SK.01"][int(x)]
        row = frame[(frame["unit"] == unit) & (frame["competency_id"] == comp)].iloc[0]
        assert row["n"] >= 5
        assert t.get_text() == labels.format_number(row["mean_gap"], "en", decimals=1)
    hidden_value = frame.loc[(frame["unit"] == "Dinas 01") & (frame["competency_id"] == "SK.01"),
                             "mean_gap"].iloc[0]  # fmt: skip
    assert labels.format_number(hidden_value, "en", decimals=1) not in [
        t.get_text() for t in values
    ]
    notes = [t.get_text() for t in ax.texts if t.get_gid() == "note"]
    assert notes == ["Grey: fewer than 5 staff assessed, not shown"]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Integrity",
        "Teamwork",
        "Nation unifier",
    ]
    assert ytick_texts(ax) == ["Dinas 00", "Dinas 01", "Dinas 02"]
    mesh = ax.collections[0]
    assert mesh.norm.vmin == pytest.approx(-mesh.norm.vmax)  # centred at 0
    assert np.ma.is_masked(mesh.get_array()[1, 2])


def test_heatmap_suppressed_frame_and_indonesian():
    masked = privacy.suppress_small_counts(
        cells_frame(), "n", share_cols=["mean_gap"], complementary=False
    )
    ax = plotting.gap_heatmap(masked, "id")
    assert len([t for t in ax.texts if t.get_gid() == "value"]) == 8
    assert [t.get_text() for t in ax.texts if t.get_gid() == "note"] == [
        "Abu-abu: kurang dari 5 pegawai diases, tidak ditampilkan"
    ]
    assert ax.get_title(loc="left") == "Rata-rata selisih level per unit kerja dan kompetensi"
    assert next(t.get_text() for t in ax.get_xticklabels()) == "Integritas"


def test_heatmap_without_hidden_cells_has_no_note_and_stays_readable_with_many_units():
    frame = cells_frame(units=36)
    frame["n"] = 12
    ax = plotting.gap_heatmap(frame, "id")
    assert [t for t in ax.texts if t.get_gid() == "note"] == []
    assert len(ytick_texts(ax)) == 36
    assert ax.figure.get_size_inches()[1] >= 0.3 * 36  # grows with the units
    assert {t.get_fontsize() for t in ax.texts if t.get_gid() == "value"} == {7}


def test_heatmap_rejects_duplicated_cells():
    frame = pd.concat([cells_frame(), cells_frame()])
    with pytest.raises(ParameterError, match="one row per unit and competency"):
        plotting.gap_heatmap(frame, "id")


# ---------------------------------------------------------------------------
# Radar.
# ---------------------------------------------------------------------------
def test_radar_lines_are_the_means(shortfall):
    ax = plotting.competency_radar(shortfall, "en")
    level, required = ax.get_lines()
    assert level.get_label() == "Mean level achieved"
    assert required.get_label() == "Mean level required"
    # SK.01 has 3 staff assessed: a gap in both lines, and said so on its label.
    np.testing.assert_array_equal(level.get_ydata(), [2.9, 1.7, np.nan, 2.9])
    np.testing.assert_array_equal(required.get_ydata(), [3.0, 2.5, np.nan, 3.0])
    ticks = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert ticks == ["Integrity", "Results orientation", "Nation unifier (not shown)"]
    assert ax.get_ylim() == (0, 5)


def test_radar_in_indonesian_on_a_given_polar_axes(shortfall):
    fig = plt.figure()
    given = fig.add_subplot(projection="polar")
    ax = plotting.competency_radar(shortfall.iloc[:2], "id", ax=given)
    assert ax is given
    assert [line.get_label() for line in ax.get_lines()] == [
        "Rata-rata level capaian",
        "Rata-rata level standar",
    ]
    assert ax.get_title(loc="left") == "Profil kompetensi wilayah dibanding standar"


def test_radar_needs_polar_axes(shortfall):
    _, flat = plt.subplots()
    with pytest.raises(ParameterError) as err:
        plotting.competency_radar(shortfall, "id", ax=flat)
    assert str(err.value) == (
        "The 'ax' parameter of competency_radar must be a polar Axes "
        "(plt.subplot(projection='polar')). Got a 'rectilinear' Axes instead."
    )


# ---------------------------------------------------------------------------
# 9-box.
# ---------------------------------------------------------------------------
def nine_counts(n: list[int]) -> pd.DataFrame:
    total = sum(n)
    return pd.DataFrame(
        {
            "box": list(GRID),
            "potential_axis": [p for p, _ in GRID.values()],
            "performance_axis": [k for _, k in GRID.values()],
            "n": n,
            "share": [x / total for x in n],
        }
    )


def cell_text(ax, box: int, gid: str) -> str | None:
    pot, kin = GRID[box]
    for t in ax.texts:
        x, y = t.get_position()
        if t.get_gid() == gid and int(x) == kin - 1 and int(y) == pot - 1:
            return t.get_text()
    return None


def test_nine_box_each_cell_holds_its_box_and_count():
    n = [0, 12, 30, 2, 60, 9, 15, 20, 7]
    ax = plotting.nine_box_grid(nine_counts(n), "id")
    for box, count in zip(GRID, n, strict=True):
        assert cell_text(ax, box, "box") == f"Kotak {box}"
        expected = "< 5" if 0 < count < 5 else labels.format_number(count, "id")
        assert cell_text(ax, box, "count") == expected
    assert cell_text(ax, 5, "share") == labels.format_percent(60 / 155, "id")
    assert cell_text(ax, 4, "share") is None  # no share for a hidden count
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Di bawah ekspektasi", "Sesuai ekspektasi", "Di atas ekspektasi"
    ]  # fmt: skip
    assert ytick_texts(ax) == ["Rendah", "Menengah", "Tinggi"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Kinerja", "Potensial")


def test_nine_box_suppressed_counts_never_drawn_as_numbers():
    n = [0, 12, 30, 2, 60, 9, 15, 20, 7]
    masked = privacy.suppress_small_counts(nine_counts(n))
    ax = plotting.nine_box_grid(masked, "en")
    assert cell_text(ax, 4, "count") == "< 5"
    assert cell_text(ax, 9, "count") == "hidden"  # the complement of box 4 (7 is the smallest)
    drawn = [t.get_text() for t in ax.texts]
    assert "7" not in drawn and "2" not in drawn
    assert cell_text(ax, 9, "box") == "Box 9"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Performance", "Potential")


def test_nine_box_missing_box_is_a_dash_and_groups_are_refused():
    counts = nine_counts([5] * 9)
    ax = plotting.nine_box_grid(counts[counts["box"] != 6], "id")
    assert cell_text(ax, 6, "count") == "–"
    with pytest.raises(ParameterError, match="one row per box"):
        plotting.nine_box_grid(pd.concat([counts, counts]), "id")


# ---------------------------------------------------------------------------
# Readiness and training needs.
# ---------------------------------------------------------------------------
def test_readiness_bars_by_unit():
    pool = pd.DataFrame(
        {
            "unit": ["Dinas A", "Dinas B", "Dinas C", "Dinas D"],
            "n_candidates": [40, 12, 3, 10],
            "n_ready": [12, 2, 1, 0],
            "share_ready": [0.3, 2 / 12, 1 / 3, 0.0],
        }
    )
    ax = plotting.readiness_bars(pool, "id")
    assert ytick_texts(ax) == ["Dinas A", "Dinas B", "Dinas C", "Dinas D"]
    assert texts(ax) == ["30,0% (12 dari 40)", "< 5 siap dari 12", "< 5", "0,0% (0 dari 10)"]
    assert bar_widths(ax) == pytest.approx([30.0, 0.0, 0.0, 0.0])
    english = plotting.readiness_bars(pool, "en")
    assert texts(english)[0] == "30.0% (12 of 40)"
    assert english.get_title(loc="left") == "Candidates ready for the next position up"


@pytest.fixture
def needs_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "item_id": ["penyusunan_sop", "pelayanan_pengaduan", "uji_petik", "arsip_x"],
            "n": [40, 35, 2, 30],
            "mean_need": [1.2, 2.1, 3.0, -0.4],
            "ci_low": [0.8, 1.6, np.nan, -0.9],
            "ci_high": [1.6, 2.6, np.nan, 0.1],
            "share_priority": [0.3, 0.45, 1.0, 0.05],
        }
    )


def test_top_needs_largest_first_hidden_left_out(needs_frame):
    ax = plotting.top_needs(needs_frame, "id", top=10)
    assert ytick_texts(ax) == ["Pelayanan pengaduan", "Penyusunan SOP", "Arsip x"]
    assert texts(ax) == [
        "2,1 · prioritas 45,0%",
        "1,2 · prioritas 30,0%",
        "-0,4 · prioritas 5,0%",
    ]
    assert bar_widths(ax) == pytest.approx([2.1, 1.2, -0.4])
    segments = ax.collections[0].get_segments()
    assert [tuple(s[:, 0]) for s in segments] == [(1.6, 2.6), (0.8, 1.6), (-0.9, 0.1)]
    assert "selang kepercayaan 95%" in ax.get_xlabel()
    assert ax.get_xlim()[0] < -0.9  # negative needs fit


def test_top_needs_top_and_english(needs_frame):
    ax = plotting.top_needs(needs_frame.drop(columns=["ci_low", "ci_high"]), "en", top=1)
    assert ytick_texts(ax) == ["Handling complaints"]
    assert texts(ax) == ["2.1 · priority 45.0%"]
    assert len(ax.collections) == 0
    with pytest.raises(ParameterError, match=r"'top' parameter of top_needs .* Got 0 instead"):
        plotting.top_needs(needs_frame, "en", top=0)


# ---------------------------------------------------------------------------
# Shared behaviour.
# ---------------------------------------------------------------------------
def test_charts_draw_on_the_given_axes_and_leave_data_alone(shortfall):
    frame = nine_counts([10] * 9)
    before = frame.copy()
    _fig, given = plt.subplots()
    assert plotting.nine_box_grid(frame, "en", ax=given) is given
    assert plotting.readiness_bars(
        pd.DataFrame({"unit": ["A"], "n_candidates": [10], "n_ready": [5], "share_ready": [0.5]}),
        "en",
        ax=plt.subplots()[1],
    ).get_title(loc="left")
    pd.testing.assert_frame_equal(frame, before)


def test_dollar_signs_in_data_are_text_not_math():
    frame = pd.DataFrame(
        {"unit": ["Dinas $A$"], "n_candidates": [10], "n_ready": [5], "share_ready": [0.5]}
    )
    ax = plotting.readiness_bars(frame, "id")
    ax.figure.canvas.draw()  # would fail or render math otherwise
    assert ytick_texts(ax) == [r"Dinas \$A\$"]


def test_table_writes_masked_means_as_dashes(shortfall):
    masked = privacy.suppress_small_counts(
        shortfall, "n_assessed",
        share_cols=["n_below", "share_below", "mean_gap", "mean_level", "mean_required"],
        complementary=False,
    )  # fmt: skip
    table = plotting.table(masked, "en", columns=["name_en", "n_assessed", "share_below",
                                                  "mean_gap"])  # fmt: skip
    rows = table.frame.to_dict("records")
    assert rows[2] == {"Name": "Nation unifier", "Staff assessed": "< 5", "Below standard": "–",
                       "Mean gap (levels)": "–"}  # fmt: skip
    assert rows[1]["Mean gap (levels)"] == "-0.8"


@pytest.mark.parametrize(
    "call",
    [
        lambda: plotting.jpm_categories(bkn_categories(), "fr"),
        lambda: plotting.gap_heatmap(cells_frame(), "fr"),
        lambda: plotting.nine_box_grid(nine_counts([5] * 9), "fr"),
    ],
)
def test_unknown_language(call):
    with pytest.raises(ParameterError, match=r"Got 'fr' instead\.$"):
        call()


# ---------------------------------------------------------------------------
# The needs and plan report.
# ---------------------------------------------------------------------------
def _cluster_long() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "cluster": [0, 0, 1, 1, 2, 2],
            "competency_id": ["M.01", "M.02"] * 3,
            "name_id": ["Integritas", "Kerja Sama"] * 3,
            "name_en": ["Integrity", "Teamwork"] * 3,
            "n_assessed": [40, 40, 12, 12, 3, 3],
            "mean_shortfall": [1.25, 0.5, 0.0, 0.75, 2.0, 2.0],
        }
    )


def test_cluster_heatmap_draws_shown_cells_and_hides_small_clusters():
    ax = plotting.cluster_heatmap(_cluster_long(), "id")
    values = [t.get_text() for t in ax.texts if t.get_gid() == "value"]
    assert values == ["1,2", "0,5", "0,0", "0,8"]  # cluster 3 (3 staff) is never written
    assert "2,0" not in texts(ax)
    assert ytick_texts(ax) == ["Klaster 1", "Klaster 2", "Klaster 3"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Integritas", "Kerja Sama"]
    notes = [t.get_text() for t in ax.texts if t.get_gid() == "note"]
    assert notes == [labels.text("chart.np_heatmap_hidden", "id", threshold=5)]
    assert ax.get_title(loc="left") == labels.label("chart.np_heatmap", "id")


def test_cluster_heatmap_in_english_without_hidden_cells():
    long = _cluster_long()
    ax = plotting.cluster_heatmap(long[long["cluster"] < 2], "en")
    assert ytick_texts(ax) == ["Cluster 1", "Cluster 2"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Integrity", "Teamwork"]
    assert not [t for t in ax.texts if t.get_gid() == "note"]


def test_cluster_heatmap_refuses_duplicates():
    long = _cluster_long()
    with pytest.raises(ParameterError, match="one row per cluster and competency"):
        plotting.cluster_heatmap(pd.concat([long, long.head(1)]), "id")
    with pytest.raises(MissingColumnError):
        plotting.cluster_heatmap(long.drop(columns=["n_assessed"]), "id")


def test_budget_curve_plots_share_covered_in_millions():
    curve = pd.DataFrame({"budget": [0.0, 1e8, 2e8, 2.5e8], "share_covered": [0.2, 0.5, 0.6, 0.6]})
    ax = plotting.budget_curve(curve, "id", budget=2.5e8)
    line = ax.get_lines()[0]
    assert line.get_xdata().tolist() == [0.0, 100.0, 200.0, 250.0]
    assert line.get_ydata().tolist() == pytest.approx([20.0, 50.0, 60.0, 60.0])
    assert ax.get_xlabel() == "Anggaran (Rp juta)"
    assert "50%" in texts(ax)
    assert ax.get_lines()[1].get_xdata()[0] == 250.0  # the report's budget, dashed


# ---------------------------------------------------------------------------
# The bars themselves (plain matplotlib: no seaborn import in a kernel).
# ---------------------------------------------------------------------------
def test_bars_are_one_per_row_in_frame_order_at_three_quarter_saturation():
    groups = pd.DataFrame({"position_group": ["pengawas", "pelaksana", "jpt"], "n": [12, 40, 7]})
    ax = plotting.headcount_by_position_group(groups, "en")
    bars = ax.patches
    assert bar_widths(ax) == [12.0, 40.0, 7.0]
    assert [round(p.get_y() + p.get_height() / 2, 6) for p in bars] == [0.0, 1.0, 2.0]
    assert {round(p.get_height(), 6) for p in bars} == {0.8}
    assert ytick_texts(ax) == ["Supervisors", "Operational staff", "Senior executives (JPT)"]
    assert ax.get_ylim() == (2.5, -0.5)  # the first row at the top
    # BAR_COLOR with 75 % of its saturation, as seaborn's barplot drew it
    assert np.allclose(bars[0].get_facecolor()[:3], (0.218137, 0.421078, 0.538725), atol=1e-6)


def test_bar_charts_do_not_import_seaborn():
    import subprocess
    import sys

    code = (
        "import sys, matplotlib; matplotlib.use('Agg'); import pandas as pd\n"
        "from kompetensi_toolkit import plotting\n"
        "plotting.readiness_bars(pd.DataFrame({'unit': ['A'], 'n_candidates': [9],"
        " 'n_ready': [6], 'share_ready': [6 / 9]}))\n"
        "print(sorted(m for m in ('seaborn', 'scipy.stats') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_heatmap_values_stay_in_their_cells_and_out_of_the_layout():
    # Not measured by constrained layout or the tight crop (hundreds of texts in a
    # large map), which is right only because each stays inside the axes.
    cells = pd.DataFrame(
        {
            "unit": ["Dinas A", "Dinas A", "Dinas B", "Dinas B"],
            "competency_id": ["M.01", "M.02"] * 2,
            "n": [12, 8, 30, 9],
            "mean_gap": [-1.25, 0.3, -2.0, 0.0],
        }
    )
    long = pd.DataFrame(
        {
            "cluster": [0, 0, 1, 1],
            "competency_id": ["M.01", "M.02"] * 2,
            "n_assessed": [12, 12, 30, 9],
            "mean_shortfall": [1.5, 0.2, 0.9, 0.0],
        }
    )
    for ax in (plotting.gap_heatmap(cells, "id"), plotting.cluster_heatmap(long, "id")):
        values = [t for t in ax.texts if t.get_gid() == "value"]
        assert len(values) == 4 and not any(t.get_in_layout() for t in values)
        renderer = ax.figure.canvas.get_renderer()
        ax.figure.draw_without_rendering()
        inside = ax.get_window_extent(renderer)
        for t in values:
            box = t.get_window_extent(renderer)
            assert inside.x0 <= box.x0 and box.x1 <= inside.x1
            assert inside.y0 <= box.y0 and box.y1 <= inside.y1
