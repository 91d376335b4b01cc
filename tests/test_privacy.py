"""privacy.suppress_crosstab: small cells of a two-way table, and their protection."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kompetensi_toolkit.exceptions import MissingColumnError
from kompetensi_toolkit.privacy import REASON, SUPPRESSED, suppress_crosstab


def _table(grid) -> pd.DataFrame:
    grid = np.asarray(grid)
    rows, cols = np.indices(grid.shape)
    n = grid.ravel()
    totals = grid.sum(axis=1)[rows.ravel()]
    return pd.DataFrame(
        {"row": rows.ravel(), "col": cols.ravel(), "n": n, "share": n / np.maximum(totals, 1)}
    )


def test_by_hand():
    # row 0: the 2 is small, 7 protects it in the row; column 1: 6 then protects the 2
    out = suppress_crosstab(_table([[10, 2, 7], [9, 6, 11], [12, 14, 0]]), "row", "col")
    grid = out.pivot(index="row", columns="col", values="n")
    assert grid.isna().to_numpy().tolist() == [
        [False, True, True],
        [False, True, True],
        [False, False, False],
    ]
    reasons = out.set_index(["row", "col"])[REASON]
    assert reasons[(0, 1)] == "small"
    assert reasons[(0, 2)] == reasons[(1, 1)] == reasons[(1, 2)] == "complementary"
    assert out["share"].isna().sum() == 4 and out[SUPPRESSED].sum() == 4
    assert out.loc[out["n"].isna(), "share"].isna().all()


def test_zeros_are_shown_and_do_not_protect():
    out = suppress_crosstab(_table([[10, 3, 0], [9, 0, 11]]), "row", "col")
    grid = out.pivot(index="row", columns="col", values="n")
    assert grid.loc[0, 2] == 0 and grid.loc[1, 1] == 0
    assert pd.isna(grid.loc[0, 0]) or pd.isna(grid.loc[1, 0])  # the 3 is protected in row 0


def test_random_tables_never_leave_a_line_with_one_masked_cell():
    rng = np.random.default_rng(7)
    for _ in range(300):
        shape = rng.integers(2, 6, size=2)
        grid = rng.choice(
            [0, 1, 2, 4, 5, 8, 20], size=shape, p=[0.15, 0.1, 0.1, 0.1, 0.2, 0.2, 0.15]
        )
        out = suppress_crosstab(_table(grid), "row", "col")
        hidden = out.pivot(index="row", columns="col", values=SUPPRESSED).to_numpy(dtype=bool)
        shown = out.pivot(index="row", columns="col", values="n").to_numpy(
            dtype=float, na_value=np.nan
        )
        assert not np.any((grid >= 1) & (grid < 5) & ~hidden)  # no small count shown
        assert np.array_equal(np.isnan(shown), hidden)
        for axis in (0, 1):
            nonzero_hidden = (hidden & (grid > 0)).sum(axis=axis)
            # a line with a single masked cell has no other non-zero cell left to mask
            lonely = nonzero_hidden == 1
            others = ((grid > 0) & ~hidden).sum(axis=axis)
            assert not np.any(lonely & (others > 0))


def test_input_unchanged_and_errors():
    t = _table([[10, 2], [9, 6]])
    before = t.copy()
    suppress_crosstab(t, "row", "col")
    pd.testing.assert_frame_equal(t, before)
    with pytest.raises(MissingColumnError, match="cols"):
        suppress_crosstab(t, "row", "cols")
