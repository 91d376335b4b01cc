"""The 9-box of PermenPANRB 3/2020: axes, boxes, JPM fallback, counts."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kompetensi_toolkit import talent
from kompetensi_toolkit.exceptions import DataValidationError, MissingColumnError, ParameterError

NA = pd.NA


def as_list(series: pd.Series) -> list:
    return [None if v is NA else int(v) for v in series]


# ---------------------------------------------------------------------------
# Axes.
# ---------------------------------------------------------------------------
def test_performance_axis_default_mapping():
    predikat = pd.Series(
        ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang", None],
        name="performance",
    )
    before = predikat.copy()
    out = talent.performance_axis(predikat)
    assert as_list(out) == [3, 2, 1, 1, 1, None]
    assert out.name == "performance_axis"
    assert str(out.dtype) == "Int8"
    pd.testing.assert_series_equal(predikat, before)


def test_performance_axis_on_categorical_keeps_index():
    cats = ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]
    predikat = pd.Series(pd.Categorical(["kurang", "sangat_baik"], categories=cats), index=[7, 3])
    out = talent.performance_axis(predikat)
    assert out.index.tolist() == [7, 3]
    assert as_list(out) == [1, 3]


def test_performance_axis_mapping_is_a_parameter():
    mapping = {**talent.DEFAULT_PERFORMANCE_AXIS, "butuh_perbaikan": 2}
    out = talent.performance_axis(pd.Series(["butuh_perbaikan", "kurang"]), mapping)
    assert as_list(out) == [2, 1]


def test_performance_axis_refuses_a_value_the_mapping_lacks():
    with pytest.raises(DataValidationError, match=r"not in the performance mapping.*'istimewa'"):
        talent.performance_axis(pd.Series(["baik", "istimewa"]))


def test_performance_mapping_must_give_steps_1_to_3():
    with pytest.raises(ParameterError) as err:
        talent.performance_axis(pd.Series(["baik"]), {"baik": 4})
    assert str(err.value) == (
        "The 'mapping' parameter of performance_axis must map each predikat kinerja to 1, 2 "
        "or 3. Got {'baik': 4} instead."
    )


def test_potential_axis_is_exact_at_the_cut_points():
    scores = pd.Series([0.0, 59.99, 60.0, 79.99, 80.0, 100.0, math.nan])
    before = scores.copy()
    out = talent.potential_axis(scores)
    assert as_list(out) == [1, 1, 2, 2, 3, 3, None]
    pd.testing.assert_series_equal(scores, before)


def test_potential_axis_cuts_are_a_parameter():
    out = talent.potential_axis(pd.Series([49.99, 50, 74.99, 75]), cuts=(50, 75))
    assert as_list(out) == [1, 2, 2, 3]


def test_potential_axis_refuses_scores_outside_0_100():
    with pytest.raises(DataValidationError, match=r"outside the allowed range.*101"):
        talent.potential_axis(pd.Series([50.0, 101.0]))


@pytest.mark.parametrize(
    "bad", [(80, 60), (60, 60), (-1, 50), (50, 101), (60,), (60, 70, 80), None, "6080",
            (math.nan, 80), (True, 80)],
)  # fmt: skip
def test_cuts_wording_is_pinned(bad):
    staff = pd.DataFrame({"employee_id": ["a"], "performance": ["baik"], "potential_score": [70]})
    with pytest.raises(ParameterError) as err:
        talent.nine_box(staff, cuts=bad)
    assert str(err.value) == (
        "The 'cuts' parameter of nine_box must be two increasing numbers in 0..100. "
        f"Got {bad!r} instead."
    )


def test_cuts_wording_example_from_the_brief():
    staff = pd.DataFrame({"employee_id": ["a"], "performance": ["baik"], "potential_score": [70]})
    with pytest.raises(ParameterError) as err:
        talent.nine_box(staff, cuts=(80, 60))
    assert str(err.value) == (
        "The 'cuts' parameter of nine_box must be two increasing numbers in 0..100. "
        "Got (80, 60) instead."
    )


# ---------------------------------------------------------------------------
# Boxes.
# ---------------------------------------------------------------------------
# (potential, kinerja) -> box, written out from PermenPANRB 3/2020 (domain.md).
REGULATION_BOXES = {
    (1, 1): 1, (1, 2): 2, (2, 1): 3, (1, 3): 4, (2, 2): 5,
    (3, 1): 6, (2, 3): 7, (3, 2): 8, (3, 3): 9,
}  # fmt: skip


def test_boxes_constant_matches_the_regulation():
    assert {v: k for k, v in talent.BOXES.items()} == REGULATION_BOXES


def test_all_nine_cells_from_employee_data():
    # one employee per cell: a potential score well inside each band, a predikat per step
    score = {1: 30.0, 2: 70.0, 3: 90.0}
    predikat = {1: "kurang", 2: "baik", 3: "sangat_baik"}
    cells = list(REGULATION_BOXES)
    staff = pd.DataFrame(
        {
            "employee_id": [f"e{p}{k}" for p, k in cells],
            "performance": [predikat[k] for _, k in cells],
            "potential_score": [score[p] for p, _ in cells],
        }
    )
    before = staff.copy()
    out = talent.nine_box(staff)
    assert as_list(out["potential_axis"]) == [p for p, _ in cells]
    assert as_list(out["performance_axis"]) == [k for _, k in cells]
    assert as_list(out["box"]) == [REGULATION_BOXES[c] for c in cells]
    assert out["potential_source"].astype(str).tolist() == ["potential_score"] * 9
    pd.testing.assert_frame_equal(staff, before)


def test_box_number_every_cell_and_missing():
    pot = [p for p, _ in REGULATION_BOXES] + [None, 2]
    kin = [k for _, k in REGULATION_BOXES] + [2, None]
    assert as_list(talent.box_number(pot, kin)) == [*REGULATION_BOXES.values(), None, None]


def test_box_number_refuses_steps_outside_1_3():
    with pytest.raises(ParameterError, match="steps 1, 2 or 3"):
        talent.box_number([4], [1])


def test_box_actions_follow_the_regulation():
    assert sorted(talent.BOX_ACTIONS) == list(range(1, 10))
    prefix = "enum.talent_action."
    for keys in talent.BOX_ACTIONS.values():
        assert keys and all(k.startswith(prefix) for k in keys)
        assert all(k[len(prefix) :] in talent.TALENT_ACTIONS for k in keys)
    used = {k[len(prefix) :] for keys in talent.BOX_ACTIONS.values() for k in keys}
    assert used == set(talent.TALENT_ACTIONS)
    assert talent.BOX_ACTIONS[1] == ("enum.talent_action.per_regulation",)
    assert talent.BOX_ACTIONS[9][0] == "enum.talent_action.promote"
    assert talent.BOX_ACTIONS[4] == (
        "enum.talent_action.rotation",
        "enum.talent_action.competency_development",
    )


def test_missing_axis_means_no_box_never_imputed():
    staff = pd.DataFrame(
        {
            "employee_id": ["a", "b", "c"],
            "unit": ["X", "X", "Y"],
            "performance": ["baik", None, "baik"],
            "potential_score": [70.0, 90.0, None],
        }
    )
    out = talent.nine_box(staff)
    assert as_list(out["box"]) == [5, None, None]
    assert as_list(out["performance_axis"]) == [2, None, 2]
    assert as_list(out["potential_axis"]) == [2, 3, None]
    assert out["potential_source"].isna().tolist() == [False, False, True]
    assert out.columns.tolist() == [
        "employee_id", "unit", "performance_axis", "potential_axis", "potential_source", "box",
    ]  # fmt: skip


# ---------------------------------------------------------------------------
# JPM fallback.
# ---------------------------------------------------------------------------
@pytest.fixture
def staff_and_jpm():
    staff = pd.DataFrame(
        {
            "employee_id": ["a", "b", "c", "d", "e"],
            "region_id": ["ambon"] * 5,
            "performance": ["baik"] * 5,
            "potential_score": [85.0, None, None, None, 55.0],
        }
    )
    jpm = pd.DataFrame(
        {
            "employee_id": ["a", "b", "c", "x", "e"],
            # a: score wins over JPM; b: JPM 104 uncapped -> tinggi; c: JPM 60 -> menengah;
            # d: neither -> no box; x: not staff, ignored; e: score wins
            "jpm": [40.0, 104.0, 60.0, 99.0, 95.0],
        }
    )
    return staff, jpm


def test_jpm_fills_in_only_missing_potential(staff_and_jpm):
    staff, jpm = staff_and_jpm
    before_staff, before_jpm = staff.copy(), jpm.copy()
    out = talent.nine_box(staff, jpm=jpm)
    assert as_list(out["potential_axis"]) == [3, 3, 2, None, 1]
    sources = out["potential_source"].astype("string").fillna("-").tolist()
    assert sources == ["potential_score", "jpm", "jpm", "-", "potential_score"]
    assert as_list(out["box"]) == [8, 8, 5, None, 2]
    assert out["region_id"].tolist() == ["ambon"] * 5
    pd.testing.assert_frame_equal(staff, before_staff)
    pd.testing.assert_frame_equal(jpm, before_jpm)


def test_jpm_cuts_are_separate(staff_and_jpm):
    staff, jpm = staff_and_jpm
    out = talent.nine_box(staff, jpm=jpm, jpm_cuts=(78, 90))
    # b: 104 >= 90 -> 3; c: 60 < 78 -> 1; scores still cut at 60/80
    assert as_list(out["potential_axis"]) == [3, 3, 1, None, 1]


def test_jpm_without_a_potential_column(staff_and_jpm):
    staff, jpm = staff_and_jpm
    out = talent.nine_box(staff.drop(columns="potential_score"), jpm=jpm)
    assert as_list(out["potential_axis"]) == [1, 3, 2, None, 3]
    assert out["potential_source"].astype(str).tolist()[:3] == ["jpm"] * 3


def test_jpm_listed_twice_is_refused(staff_and_jpm):
    staff, jpm = staff_and_jpm
    twice = pd.concat([jpm, jpm.iloc[[1]]], ignore_index=True)
    with pytest.raises(DataValidationError, match=r"more than once.*'b'"):
        talent.nine_box(staff, jpm=twice)


def test_negative_jpm_is_refused_even_when_not_needed(staff_and_jpm):
    staff, jpm = staff_and_jpm  # a has a potential score: its JPM is not used, still checked
    with pytest.raises(DataValidationError, match="outside the allowed range"):
        talent.nine_box(staff, jpm=jpm.assign(jpm=[-1.0, 50, 50, 50, 50]))


def test_missing_columns_are_named():
    with pytest.raises(MissingColumnError, match=r"'potential_score' \(set with potential=\)"):
        talent.nine_box(pd.DataFrame({"employee_id": ["a"], "performance": ["baik"]}))
    staff = pd.DataFrame({"employee_id": ["a"], "performance": ["baik"], "potential_score": [1]})
    with pytest.raises(MissingColumnError, match="'satker'"):
        talent.nine_box(staff, keep=["satker"])
    with pytest.raises(MissingColumnError, match=r"'jpm' \(set with jpm_col=\)"):
        talent.nine_box(staff, jpm=pd.DataFrame({"employee_id": ["a"], "nilai": [1.0]}))


# ---------------------------------------------------------------------------
# Counts.
# ---------------------------------------------------------------------------
def test_nine_box_counts_all_cells_with_zeros():
    boxes = pd.DataFrame(
        {
            "unit": ["A", "A", "A", "A", "B", "B", None],
            "box": pd.array([9, 9, 5, None, 1, 1, 3], dtype="Int8"),
        }
    )
    before = boxes.copy()
    out = talent.nine_box_counts(boxes)
    assert len(out) == 27  # A, B and the missing unit, nine boxes each
    assert out["box"].tolist() == list(range(1, 10)) * 3
    a = out[out["unit"] == "A"].set_index("box")
    assert a["n"].tolist() == [0, 0, 0, 0, 1, 0, 0, 0, 2]
    assert (a["n_group"] == 3).all() and (a["n_unplaced"] == 1).all()
    assert a.loc[9, "share"] == pytest.approx(2 / 3)
    assert a["share"].sum() == pytest.approx(1.0)
    assert (a.loc[9, "potential_axis"], a.loc[9, "performance_axis"]) == (3, 3)
    assert (a.loc[4, "potential_axis"], a.loc[4, "performance_axis"]) == (1, 3)
    missing_unit = out[out["unit"].isna()]
    assert missing_unit["n"].sum() == 1
    assert int(out["n"].sum()) == 6
    pd.testing.assert_frame_equal(boxes, before)


def test_nine_box_counts_without_groups_and_empty_group():
    boxes = pd.DataFrame({"box": pd.array([None, None], dtype="Int8")})
    out = talent.nine_box_counts(boxes, by=None)
    assert len(out) == 9
    assert (out["n"] == 0).all() and (out["n_group"] == 0).all()
    assert out["share"].isna().all()
    assert (out["n_unplaced"] == 2).all()


def test_nine_box_counts_refuses_a_box_outside_1_9():
    with pytest.raises(DataValidationError, match="not a 9-box number"):
        talent.nine_box_counts(pd.DataFrame({"unit": ["A"], "box": [10]}))


# ---------------------------------------------------------------------------
# A real loaded region.
# ---------------------------------------------------------------------------
def test_on_a_loaded_sample_region(sample_dir):
    from kompetensi_toolkit.loaders import load_dataset

    ds = load_dataset(sample_dir, region="ambon")
    employees = ds.employees.copy()
    # blank a few potential scores and offer a JPM for some of them
    rng = np.random.default_rng(1)
    blank = rng.random(len(employees)) < 0.2
    employees.loc[blank, "potential_score"] = np.nan
    ids = employees.loc[blank, "employee_id"]
    jpm = pd.DataFrame({"employee_id": ids.iloc[::2], "jpm": rng.uniform(50, 110, len(ids[::2]))})
    before = employees.copy()

    boxes = talent.nine_box(employees, jpm=jpm)
    pd.testing.assert_frame_equal(employees, before)
    assert len(boxes) == len(employees)
    assert boxes["employee_id"].tolist() == employees["employee_id"].tolist()
    both = boxes["performance_axis"].notna() & boxes["potential_axis"].notna()
    assert both.sum() > 0
    assert boxes.loc[both, "box"].between(1, 9).all()
    assert boxes.loc[~both, "box"].isna().all()
    from_jpm = boxes["potential_source"] == "jpm"
    assert from_jpm.sum() == len(jpm)  # every JPM offered fills a blank score
    assert (boxes.loc[~blank, "potential_source"] == "potential_score").all()

    counts = talent.nine_box_counts(boxes, by=("unit",))
    assert counts.groupby("unit").size().eq(9).all()
    unplaced = int(counts.groupby("unit")["n_unplaced"].first().sum())
    assert unplaced == int((~both).sum())
    assert int(counts["n"].sum()) == len(employees) - unplaced
