"""Likert scoring of the participant survey (kompetensi_toolkit.feedback.likert)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from kompetensi_toolkit.exceptions import MissingColumnError, ParameterError
from kompetensi_toolkit.feedback.likert import (
    DEFAULT_BANDS,
    DIMENSION_COLUMNS,
    ITEM_COLUMNS,
    LONG_COLUMNS,
    dimension_scores,
    item_summary,
    long_answers,
    respondent_scores,
    score_0_100,
    score_band,
    with_programme,
)
from kompetensi_toolkit.loaders import load_dataset
from kompetensi_toolkit.schema import LIKERT_WORDS


def _items(**columns) -> pd.DataFrame:
    base = {"item_id": ["q"], "dimension": ["materi"], "scale_max": [5], "reversed": [False]}
    base.update(columns)
    return pd.DataFrame(base)


def _feedback(answers: list, column: str = "q") -> pd.DataFrame:
    n = len(answers)
    return pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(n)],
            "program_id": "P1",
            "region_id": "ambon",
            column: pd.Series(answers, dtype=object),
        }
    )


def _spellings(key: str) -> list[str]:
    words = key.split("_")
    return [
        " ".join(words).title(),  # Sangat Tidak Setuju
        " ".join(words).upper(),  # SANGAT TIDAK SETUJU
        "  " + "  ".join(words) + " ",  # blanks around and between
        "-".join(w.capitalize() for w in words),  # Sangat-Tidak-Setuju
        "/".join(words),  # ragu/ragu
        key,  # sangat_tidak_setuju
    ]


def _long(values, scale_max=5, **extra) -> pd.DataFrame:
    n = len(values)
    frame = pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(n)],
            "program_id": "P1",
            "item_id": "q",
            "dimension": "materi",
            "scale_max": scale_max,
            "reversed": False,
            "value": values,
        }
    )
    for name, col in extra.items():
        frame[name] = col
    return frame


# ---------------------------------------------------------------------------
# long_answers
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("scale", [4, 5])
def test_every_label_and_odd_spellings_are_read_on_the_item_scale(scale):
    labels = [(s, v) for key, v in LIKERT_WORDS[scale].items() for s in _spellings(key)]
    feedback = _feedback([s for s, _ in labels])
    long = long_answers(feedback, _items(scale_max=[scale]))
    assert len(long) == len(labels)
    assert long["answer"].tolist() == [v for _, v in labels]
    assert long["value"].tolist() == [v for _, v in labels]
    assert (long["scale_max"] == scale).all()


def test_same_word_means_different_numbers_on_the_two_scales():
    words = ["Sangat Setuju", "Setuju", "Sangat Baik", "Baik", "Tidak Setuju", "kurang"]
    four = long_answers(_feedback(words), _items(scale_max=[4]))["answer"].tolist()
    five = long_answers(_feedback(words), _items(scale_max=[5]))["answer"].tolist()
    assert four == [4, 3, 4, 3, 2, 2]
    assert five == [5, 4, 5, 4, 2, 2]


def test_numbers_as_text_ints_floats_and_nullable_ints_are_read():
    feedback = _feedback(["3", 4, 2.0, " 5 ", None])
    assert long_answers(feedback, _items())["answer"].tolist() == [3, 4, 2, 5]
    typed = _feedback([1, 2, 3])
    typed["q"] = pd.array([1, pd.NA, 3], dtype="Int64")
    long = long_answers(typed, _items())
    assert long["answer"].tolist() == [1, 3]
    assert long["response_id"].tolist() == ["r0", "r2"]  # the missing answer is dropped


def test_unknown_label_or_out_of_range_is_a_parameter_error():
    # "Kurang Setuju" is deliberately not mapped (2 or 3 depending on the instrument).
    with pytest.raises(ParameterError, match=r"'feedback'.*Kurang Setuju"):
        long_answers(_feedback(["Setuju", "Kurang Setuju"]), _items())
    with pytest.raises(ParameterError, match=r"'feedback'.*1 to 4"):
        long_answers(_feedback([1, 5]), _items(scale_max=[4]))
    with pytest.raises(ParameterError, match="'feedback'"):
        long_answers(_feedback([0, 3]), _items())
    with pytest.raises(ParameterError, match="'feedback'"):
        long_answers(_feedback([2.5]), _items())


@pytest.mark.parametrize(
    ("scale", "answers", "values"),
    [(5, [1, 2, 3, 4, 5], [5, 4, 3, 2, 1]), (4, [1, 2, 3, 4], [4, 3, 2, 1])],
)
def test_reversed_items_are_flipped(scale, answers, values):
    long = long_answers(_feedback(answers), _items(scale_max=[scale], reversed=[True]))
    assert long["answer"].tolist() == answers
    assert long["value"].tolist() == values
    assert long["reversed"].all()


def test_reversed_as_words_and_missing_scale_default_to_five():
    items = pd.DataFrame(
        {
            "item_id": ["a", "b"],
            "dimension": ["Widyaiswara", "materi"],  # alias of pengajar
            "scale_max": [None, 4],
            "reversed": ["ya", None],
        }
    )
    feedback = _feedback([1, 2], column="A")  # the item's column matched as the loader does
    feedback["b"] = [4, 1]
    long = long_answers(feedback, items)
    assert long["item_id"].tolist() == ["a", "a", "b", "b"]
    assert long["dimension"].tolist() == ["pengajar", "pengajar", "materi", "materi"]
    assert long["scale_max"].tolist() == [5, 5, 4, 4]
    assert long["value"].tolist() == [5, 4, 4, 1]


def test_long_answers_columns_order_and_ids():
    items = pd.DataFrame({"item_id": ["x", "y", "z"], "dimension": ["metode", "manfaat", "materi"]})
    feedback = _feedback([1, None, 3], column="x")
    feedback["y"] = [None, 5, 2]  # z has no column: left out
    feedback["comment"] = ["nama saya Budi 0812", "", None]
    long = long_answers(feedback, items)
    assert tuple(long.columns) == LONG_COLUMNS
    assert list(zip(long["response_id"], long["item_id"], long["answer"], strict=True)) == [
        ("r0", "x", 1),
        ("r2", "x", 3),
        ("r1", "y", 5),
        ("r2", "y", 2),
    ]
    assert "comment" not in long.columns


def test_long_answers_bad_items_and_missing_columns():
    with pytest.raises(ParameterError, match="dimension"):
        long_answers(_feedback([1]), _items(dimension=["rasa"]))
    with pytest.raises(ParameterError, match="scale_max"):
        long_answers(_feedback([1]), _items(scale_max=[7]))
    with pytest.raises(MissingColumnError, match="region_id"):
        long_answers(_feedback([1]).drop(columns="region_id"), _items())
    with pytest.raises(MissingColumnError, match="'q'"):
        long_answers(_feedback([1], column="other"), _items())
    with pytest.raises(MissingColumnError, match="dimension"):
        long_answers(_feedback([1]), _items().drop(columns="dimension"))


def test_long_answers_empty_feedback():
    long = long_answers(_feedback([]), _items())
    assert long.empty and tuple(long.columns) == LONG_COLUMNS


# ---------------------------------------------------------------------------
# score_0_100 and score_band
# ---------------------------------------------------------------------------
def test_score_maps_by_hand():
    assert score_0_100([1, 2, 3, 4], 4).tolist() == [25.0, 50.0, 75.0, 100.0]
    # The four-point rule is the same whatever the five-point method.
    assert score_0_100([1, 4], 4, method="x20").tolist() == [25.0, 100.0]
    assert score_0_100([1, 2, 3, 4, 5], 5).tolist() == [0.0, 25.0, 50.0, 75.0, 100.0]
    assert score_0_100([1, 3, 5], 5, method="x20").tolist() == [20.0, 60.0, 100.0]
    assert score_0_100(3.5, 5) == 62.5  # means are allowed
    assert score_0_100(3.2, 4) == pytest.approx(80.0)
    mixed = score_0_100(np.array([4, 4, np.nan]), np.array([4, 5, 5]))
    np.testing.assert_array_equal(mixed, [100.0, 75.0, np.nan])
    s = pd.Series(pd.array([1, None, 4], dtype="Int64"), index=[7, 8, 9])
    out = score_0_100(s, 4)
    assert list(out.index) == [7, 8, 9]
    np.testing.assert_array_equal(out.to_numpy(), [25.0, np.nan, 100.0])


def test_score_parameter_errors():
    with pytest.raises(ParameterError, match=r"'method'.*score_0_100.*x25"):
        score_0_100(3, 5, method="x25")
    with pytest.raises(ParameterError, match=r"'scale_max'.*4 or 5"):
        score_0_100(3, 7)
    with pytest.raises(ParameterError, match=r"'value'.*from 1 to scale_max"):
        score_0_100(5, 4)
    with pytest.raises(ParameterError, match="'value'"):
        score_0_100(0, 5)
    with pytest.raises(ParameterError, match=r"'value'.*numbers"):
        score_0_100(["baik"], 5)


def test_bands_at_their_boundaries():
    scores = [100, 85, 84.999, 70, 69.99, 55, 54.99, 0, -1, np.nan]
    assert score_band(scores).tolist() == [
        "sangat baik",
        "sangat baik",
        "baik",
        "baik",
        "cukup",
        "cukup",
        "kurang",
        "kurang",
        None,
        None,
    ]
    custom = [(50, "lulus"), (0, "tidak lulus")]  # any order
    assert score_band([49.9, 50], custom).tolist() == ["tidak lulus", "lulus"]
    # A mean that is 70 in exact arithmetic is banded as 70.
    assert score_band([np.nextafter(70.0, 0.0), np.nextafter(85.0, 0.0)]).tolist() == [
        "baik",
        "sangat baik",
    ]


@pytest.mark.parametrize(
    "bands",
    [[], [(50, "a"), (50, "b")], [(np.inf, "a")], [(50, "")], [("50", "a")], "abc", None],
)
def test_bad_bands(bands):
    with pytest.raises(ParameterError, match="'bands'"):
        score_band([50], bands)
    with pytest.raises(ParameterError, match=r"'bands'.*dimension_scores"):
        dimension_scores(_long([3, 4]), bands=bands)


# ---------------------------------------------------------------------------
# item_summary
# ---------------------------------------------------------------------------
def test_item_summary_by_hand_and_against_scipy():
    values = [1, 2, 2, 3, 4, 4, 4, 5, 5, 5]
    out = item_summary(_long(values))
    assert tuple(out.columns) == ("item_id", "dimension", "reversed", *ITEM_COLUMNS)
    row = out.iloc[0]
    assert row["n"] == 10 and row["scale_max"] == 5 and row["dimension"] == "materi"
    shares = [row[f"share_{j}"] for j in range(1, 6)]
    assert shares == pytest.approx([0.1, 0.2, 0.1, 0.3, 0.3])
    assert sum(shares) == pytest.approx(1.0)
    assert row["mean"] == pytest.approx(3.5)
    low, high = stats.t.interval(0.95, 9, loc=np.mean(values), scale=stats.sem(values))
    assert (row["mean_low"], row["mean_high"]) == pytest.approx((low, high))
    assert row["share_agree"] == pytest.approx(0.6)  # 4 or 5 of 5
    scores = (np.array(values) - 1) / 4 * 100
    assert row["score"] == pytest.approx(62.5)
    low, high = stats.t.interval(0.95, 9, loc=scores.mean(), scale=stats.sem(scores))
    assert (row["score_low"], row["score_high"]) == pytest.approx((low, high))
    low90, _ = stats.t.interval(0.9, 9, loc=np.mean(values), scale=stats.sem(values))
    assert item_summary(_long(values), confidence=0.9)["mean_low"].iloc[0] == pytest.approx(low90)
    x20 = item_summary(_long(values), method="x20")["score"].iloc[0]
    assert x20 == pytest.approx(70.0)


def test_item_summary_four_point_and_agree_from():
    values = [1, 2, 3, 3, 4]
    out = item_summary(_long(values, scale_max=4)).iloc[0]
    shares = [out[f"share_{j}"] for j in range(1, 5)]
    assert shares == pytest.approx([0.2, 0.2, 0.4, 0.2]) and sum(shares) == pytest.approx(1)
    assert np.isnan(out["share_5"])
    assert out["share_agree"] == pytest.approx(0.6)  # 3 or 4 of 4
    assert out["score"] == pytest.approx(np.mean(values) * 25)
    assert item_summary(_long(values, scale_max=4), agree_from=4)["share_agree"].iloc[
        0
    ] == pytest.approx(0.2)
    five = _long([3, 4, 5, 5])
    assert item_summary(five, agree_from={5: 5})["share_agree"].iloc[0] == pytest.approx(0.5)
    assert item_summary(five, agree_from=3)["share_agree"].iloc[0] == pytest.approx(1.0)


@pytest.mark.parametrize("agree_from", [1, 6, 3.0, True, {3: 2}, {4: 5}, "4"])
def test_bad_agree_from(agree_from):
    with pytest.raises(ParameterError, match=r"'agree_from'.*item_summary"):
        item_summary(_long([3, 4]), agree_from=agree_from)


def test_item_summary_groups_reversed_items_and_mixed_scales():
    long = long_answers(
        pd.DataFrame(
            {
                "response_id": ["a", "b", "c"],
                "program_id": ["P2", "P1", "P1"],
                "region_id": "ambon",
                "pos": [5, 4, 2],
                "neg": ["Sangat Setuju", "Tidak Setuju", "STS"],  # reversed, 4-point
            }
        ),
        pd.DataFrame(
            {
                "item_id": ["pos", "neg"],
                "dimension": ["materi", "materi"],
                "scale_max": [5, 4],
                "reversed": [False, True],
            }
        ),
    )
    per_item = item_summary(long)
    assert per_item["item_id"].tolist() == ["pos", "neg"]  # survey order
    neg = per_item.iloc[1]
    assert neg["reversed"] and neg["scale_max"] == 4
    assert neg["mean"] == pytest.approx((1 + 3 + 4) / 3)  # values, not answers
    assert neg["share_agree"] == pytest.approx(2 / 3)  # favourable: disagreeing with it
    by_prog = item_summary(long, by="program_id")
    assert by_prog["program_id"].tolist() == ["P1", "P2"]
    assert "dimension" not in by_prog.columns
    p1 = by_prog.iloc[0]
    assert p1["n"] == 4 and pd.isna(p1["scale_max"])  # mixed 4- and 5-point items
    assert np.isnan(p1["mean"]) and np.isnan(p1["share_1"])
    # Scores are comparable across scales: 4 of 5 → 75, 2 of 5 → 25, 3 of 4 → 75, 4 of 4 → 100.
    assert p1["score"] == pytest.approx((75 + 25 + 75 + 100) / 4)
    assert p1["share_agree"] == pytest.approx(3 / 4)
    both = item_summary(long, by=("program_id", "item_id"))
    assert list(zip(both["program_id"], both["item_id"], strict=True)) == [
        ("P1", "pos"),
        ("P1", "neg"),
        ("P2", "pos"),
        ("P2", "neg"),
    ]
    overall = item_summary(long, by=())
    assert overall["n"].tolist() == [6] and "scale_max" in overall.columns


def test_item_summary_small_groups_and_nullable_dtypes():
    long = _long(pd.array([4, None, 4], dtype="Int64"))
    long["scale_max"] = pd.array([5, 5, 5], dtype="Int64")
    row = item_summary(long).iloc[0]
    assert row["n"] == 2 and row["mean"] == 4.0
    assert row["mean_low"] == row["mean_high"] == 4.0  # no spread: a point
    one = item_summary(_long([3])).iloc[0]
    assert one["n"] == 1 and np.isnan(one["mean_low"]) and np.isnan(one["score_high"])


def test_item_summary_errors_and_empty():
    with pytest.raises(ParameterError, match=r"'confidence'.*item_summary"):
        item_summary(_long([3, 4]), confidence=1.0)
    with pytest.raises(ParameterError, match="'method'"):
        item_summary(_long([3, 4]), method="likert")
    with pytest.raises(ParameterError, match="'by'"):
        item_summary(_long([3, 4]), by=["item_id", "item_id"])
    with pytest.raises(MissingColumnError, match="unit"):
        item_summary(_long([3, 4]), by="unit")
    with pytest.raises(MissingColumnError, match="dimension"):
        item_summary(_long([3, 4]).drop(columns="dimension"))
    empty = item_summary(_long([]))
    assert empty.empty and tuple(empty.columns[-len(ITEM_COLUMNS) :]) == ITEM_COLUMNS


# ---------------------------------------------------------------------------
# dimension_scores
# ---------------------------------------------------------------------------
def _two_dimensions() -> pd.DataFrame:
    rows = []
    # P1: 3 respondents; P2: 3; P3: 1 (the best, but too few). 4-point items.
    data = {
        "P1": [(4, 3, 4), (3, 3, 2), (4, 4, 4)],
        "P2": [(2, 2, 3), (3, 2, 2), (2, 3, 3)],
        "P3": [(4, 4, 4)],
    }
    for prog, people in data.items():
        for i, (m1, m2, p1) in enumerate(people):
            rid = f"{prog}-{i}"
            for item, dim, v in (
                ("m1", "materi", m1),
                ("m2", "materi", m2),
                ("p1", "pengajar", p1),
            ):
                rows.append((rid, prog, item, dim, 4, v))
    return pd.DataFrame(
        rows, columns=["response_id", "program_id", "item_id", "dimension", "scale_max", "value"]
    )


def test_dimension_scores_by_hand():
    long = _two_dimensions()
    out = dimension_scores(long, min_responses=2)
    assert tuple(out.columns) == ("program_id", *DIMENSION_COLUMNS)
    assert out["dimension"].tolist() == ["materi", "pengajar", "all"] * 3
    p1 = out[out["program_id"] == "P1"].set_index("dimension")
    materi = np.array([(4 + 3) / 2, (3 + 3) / 2, (4 + 4) / 2]) * 25  # respondents' scores
    pengajar = np.array([4, 2, 4]) * 25.0
    overall = (materi + pengajar) / 2  # each dimension weighs the same
    for dim, scores in (("materi", materi), ("pengajar", pengajar), ("all", overall)):
        low, high = stats.t.interval(0.95, 2, loc=scores.mean(), scale=stats.sem(scores))
        assert p1.loc[dim, "n_responses"] == 3
        assert p1.loc[dim, "score"] == pytest.approx(scores.mean())
        assert (p1.loc[dim, "score_low"], p1.loc[dim, "score_high"]) == pytest.approx((low, high))
    assert p1.loc["materi", "score"] == pytest.approx(87.5)
    assert p1.loc["materi", "band"] == "sangat baik"
    assert p1.loc["pengajar", "band"] == "baik"  # 83.33


def test_respondent_scores_by_hand_and_their_mean_is_the_overall_score():
    long = _two_dimensions()
    out = respondent_scores(long).set_index("response_id")
    # P1-0: materi (4+3)/2 = 3.5 -> 87.5, pengajar 4 -> 100: overall 93.75
    assert out.loc["P1-0", "score"] == pytest.approx(93.75)
    assert out.loc["P1-0", "band"] == "sangat baik"
    # P2-1: materi (3+2)/2 -> 62.5, pengajar 2 -> 50: overall 56.25
    assert out.loc["P2-1", "score"] == pytest.approx(56.25)
    assert out.loc["P2-1", "band"] == "cukup"
    assert len(out) == 7
    per = dimension_scores(long, min_responses=1)
    overall = per[per["dimension"] == "all"].set_index("program_id")["score"]
    means = out.groupby(out.index.str[:2])["score"].mean()
    assert means.to_dict() == pytest.approx(overall.to_dict())
    bands = respondent_scores(long, bands=[(0, "low"), (90, "high")]).set_index("response_id")
    assert bands.loc["P1-0", "band"] == "high" and bands.loc["P2-1", "band"] == "low"
    with pytest.raises(ParameterError, match="method"):
        respondent_scores(long, method="x25")
    with pytest.raises(MissingColumnError):
        respondent_scores(long.drop(columns="value"))


def test_ranking_only_among_groups_with_enough_responses():
    out = dimension_scores(_two_dimensions(), min_responses=2)
    ranks = out.set_index(["program_id", "dimension"])["rank"]
    enough = out.set_index(["program_id", "dimension"])["enough"]
    assert not enough[("P3", "all")] and pd.isna(ranks[("P3", "all")])
    assert ranks[("P1", "all")] == 1 and ranks[("P2", "all")] == 2
    assert ranks[("P1", "materi")] == 1 and ranks[("P2", "materi")] == 2
    assert str(out["rank"].dtype) == "Int64"
    # With min_responses=1 the best programme, P3, takes rank 1.
    ranked = dimension_scores(_two_dimensions(), min_responses=1).set_index(
        ["program_id", "dimension"]
    )["rank"]
    assert ranked[("P3", "all")] == 1 and ranked[("P1", "all")] == 2
    # Ties share the best rank.
    tie = _two_dimensions()
    tie.loc[tie["program_id"] == "P2", "value"] = tie.loc[tie["program_id"] == "P1", "value"].values
    tied = dimension_scores(tie, min_responses=2)
    assert tied.loc[tied["dimension"] == "all", "rank"].tolist() == [1, 1, pd.NA]


def test_band_on_the_boundary_through_dimension_scores():
    # x20: a respondent answering 3 and 4 scores (60 + 80) / 2 = 70, exactly the "baik" bound.
    long = _long([3, 4], scale_max=5)
    long["response_id"] = "r1"
    out = dimension_scores(long, method="x20", min_responses=1)
    assert out["score"].tolist() == [70.0, 70.0]
    assert out["band"].tolist() == ["baik", "baik"]
    linear = dimension_scores(long, min_responses=1)
    assert linear["score"].tolist() == [62.5, 62.5] and linear["band"].tolist() == ["cukup"] * 2
    custom = dimension_scores(long, bands=[(60, "ok"), (0, "low")], min_responses=1)
    assert custom["band"].tolist() == ["ok", "ok"]


def test_dimension_scores_overall_and_parameter_errors():
    long = _two_dimensions()
    whole = dimension_scores(long, by=(), min_responses=5)
    assert whole["dimension"].tolist() == ["materi", "pengajar", "all"]
    assert whole["n_responses"].tolist() == [7, 7, 7] and whole["rank"].tolist() == [1, 1, 1]
    for by in ("dimension", ["program_id", "response_id"], "item_id"):
        with pytest.raises(ParameterError, match=r"'by'.*dimension_scores"):
            dimension_scores(long, by=by)
    with pytest.raises(ParameterError, match="'min_responses'"):
        dimension_scores(long, min_responses=0)
    with pytest.raises(ParameterError, match="'confidence'"):
        dimension_scores(long, confidence=0)
    with pytest.raises(ParameterError, match="'method'"):
        dimension_scores(long, method="×20")
    with pytest.raises(MissingColumnError, match="response_id"):
        dimension_scores(long.drop(columns="response_id"))
    empty = dimension_scores(long.iloc[:0])
    assert empty.empty and tuple(empty.columns) == ("program_id", *DIMENSION_COLUMNS)


# ---------------------------------------------------------------------------
# with_programme, inputs unchanged
# ---------------------------------------------------------------------------
def _programs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "program_id": ["P1", "P2", "P3"],
            "name": ["Bimtek A", "Seminar B", "Kursus C"],
            "form": ["bimbingan_teknis", "seminar", "kursus"],
            "mode": ["klasikal", "klasikal", "nonklasikal"],
            "provider_type": ["internal", "internal", "swasta"],
            "jp": [24, 8, 16],
        }
    )


def test_with_programme_and_scores_by_provider_type():
    long = _two_dimensions()
    merged = with_programme(long, _programs())
    assert list(merged.columns[:6]) == ["response_id", "program_id", *_programs().columns[1:5]]
    assert "jp" not in merged.columns and len(merged) == len(long)
    out = dimension_scores(merged, by="provider_type", min_responses=2)
    internal = out[(out["provider_type"] == "internal") & (out["dimension"] == "all")].iloc[0]
    assert internal["n_responses"] == 6
    p1p2 = dimension_scores(long[long["program_id"] != "P3"], by=(), min_responses=2)
    assert internal["score"] == pytest.approx(p1p2["score"].iloc[-1])
    swasta = out[(out["provider_type"] == "swasta") & (out["dimension"] == "all")].iloc[0]
    assert swasta["n_responses"] == 1 and not swasta["enough"]
    cat = long.assign(program_id=long["program_id"].astype("category"))
    assert with_programme(cat, _programs())["name"].iloc[0] == "Bimtek A"
    again = with_programme(merged, _programs())  # replaces, does not duplicate
    assert list(again.columns) == list(merged.columns)
    with pytest.raises(MissingColumnError, match="provider_type"):
        with_programme(long, _programs().drop(columns="provider_type"))


def test_inputs_unchanged():
    feedback = _feedback(["Setuju", 2, None, "SS"])
    items = _items(reversed=[True])
    copies = feedback.copy(deep=True), items.copy(deep=True)
    long = long_answers(feedback, items)
    pd.testing.assert_frame_equal(feedback, copies[0])
    pd.testing.assert_frame_equal(items, copies[1])
    frame = _two_dimensions()
    programs = _programs()
    frame_copy, programs_copy = frame.copy(deep=True), programs.copy(deep=True)
    long_copy = long.copy(deep=True)
    item_summary(long)
    item_summary(frame, by=("program_id", "item_id"))
    dimension_scores(frame, min_responses=2)
    merged = with_programme(frame, programs)
    dimension_scores(merged, by="provider_type")
    pd.testing.assert_frame_equal(long, long_copy)
    pd.testing.assert_frame_equal(frame, frame_copy)
    pd.testing.assert_frame_equal(programs, programs_copy)


# ---------------------------------------------------------------------------
# The sample
# ---------------------------------------------------------------------------
def test_sample_smoke(sample_dir):
    ds = load_dataset(sample_dir, "ambon")
    long = long_answers(ds.feedback, ds.feedback_items)
    answered = ds.feedback[list(ds.feedback_items["item_id"])].notna().to_numpy().sum()
    assert len(long) == answered > 0
    assert long["answer"].between(1, 5).all()
    rev = long["reversed"].to_numpy(bool)
    assert (long["value"][rev] == 6 - long["answer"][rev]).all()

    items = item_summary(long)
    assert items["item_id"].tolist() == list(ds.feedback_items["item_id"])
    shares = items[[f"share_{j}" for j in range(1, 6)]].sum(axis=1)
    np.testing.assert_allclose(shares, 1.0)
    # The reversed item is answered low but, turned, scores like its sibling.
    materi = items.set_index("item_id").loc[["materi_1", "materi_2"], "score"]
    assert abs(materi.iloc[0] - materi.iloc[1]) < 10

    scores = dimension_scores(long)
    pengajar = scores[(scores["dimension"] == "pengajar") & scores["enough"]]
    prg10 = pengajar.set_index("program_id").loc["PRG-010"]
    # The generator gives PRG-010 a pengajar shift of −0.9: the worst ranked programme.
    assert prg10["rank"] == pengajar["rank"].max()
    assert prg10["score"] <= pengajar["score"].nsmallest(2).max()
    assert prg10["band"] == "kurang"

    merged = with_programme(long, ds.programs)
    by_type = dimension_scores(merged, by="provider_type")
    assert set(by_type["dimension"]) == {*ds.feedback_items["dimension"].astype(str), "all"}
    overall = by_type[by_type["dimension"] == "all"]
    assert overall["n_responses"].sum() == long["response_id"].nunique()
    assert set(scores["band"].dropna()) <= {label for _, label in DEFAULT_BANDS}
