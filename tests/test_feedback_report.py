"""feedback.report: what the report states, masked once, from hand-made inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kompetensi_toolkit import labels, reporting
from kompetensi_toolkit.feedback import likert, report
from kompetensi_toolkit.feedback.themes import Themes, theme_label, themes_by

REGION = {"region_id": "r1", "name": "Kota Uji", "type": "kota"}

# Three themes assigned by hand: programme P1 (18 comments) writes about the schedule,
# P2 (18) about the trainer, P3 (4) about the room. P1's writers rated it "kurang",
# P2's "sangat baik", P3's "baik".
PROGRAMME = ["P1"] * 18 + ["P2"] * 18 + ["P3"] * 4
BAND = ["kurang"] * 18 + ["sangat baik"] * 18 + ["baik"] * 4
THEME_OF = [0] * 18 + [1] * 18 + [2] * 4
TERMS = [
    ["jadwal molor", "jadwal", "molor", "padat"],
    ["narasumber menguasai", "menguasai materi", "jelas"],
    ["ruangan panas", "panas"],
]


def _hand_themes() -> Themes:
    index = pd.Index([f"c{i}" for i in range(len(THEME_OF))])
    weights = pd.DataFrame(np.eye(3)[THEME_OF], index=index, columns=pd.RangeIndex(3))
    sizes = np.bincount(THEME_OF)
    table = pd.DataFrame(
        {
            "theme": np.arange(3),
            "label": [theme_label(t) for t in TERMS],
            "top_terms": TERMS,
            "n_comments": sizes,
            "share": sizes / sizes.sum(),
        }
    )
    return Themes(
        themes=table,
        document_weights=weights,
        document_theme=pd.Series(THEME_OF, index=index, dtype="Int64", name="theme"),
        term_weights=pd.DataFrame(),
        n_themes=3,
        n_documents=len(THEME_OF),
    )


PROGRAMS = pd.DataFrame(
    {
        "program_id": ["P1", "P2", "P3"],
        "name": ["Bimtek Arsip", "Diklat Pelayanan", "Seminar Kecil"],
        "form": "bimbingan_teknis",
        "mode": "klasikal",
        "provider_type": ["internal", "lan", "swasta"],
    }
)


@pytest.fixture(scope="module")
def found():
    themes = _hand_themes()
    frame = pd.DataFrame({"program_id": PROGRAMME, "band": BAND}, index=themes.document_theme.index)
    return themes, themes_by(themes, frame, "program_id"), themes_by(themes, frame, "band")


def _figures(found, lang="id", **kwargs):
    themes, by_programme, by_band = found
    return report.key_figures(
        region=REGION,
        n_responses=len(THEME_OF),
        themes=themes,
        themes_by_programme=by_programme,
        themes_by_band=by_band,
        programs=PROGRAMS,
        lang=lang,
        **kwargs,
    )


def test_theme_splits_show_only_groups_with_enough_comments(found):
    figures = _figures(found, min_responses=10)
    split = figures["themes_by_programme"]
    # P3 has 4 comments (< max(5, 10)): left out and counted
    assert set(split["program_id"]) == {"P1", "P2"}
    assert figures["n_programmes_without_split"] == 1
    assert set(split["group_label"]) == {"Bimtek Arsip", "Diklat Pelayanan"}
    # only the themes the report shows (the room theme has 4 comments < 5: hidden)
    shown = figures["themes"]
    assert set(split["theme"]) == set(shown["theme"]) and len(shown) == 2
    p1 = split[split["program_id"] == "P1"].set_index("label")
    assert (
        p1.loc["jadwal molor, padat", "share"] == 1.0 and p1.loc["jadwal molor, padat", "n"] == 18
    )
    assert p1.loc["narasumber menguasai, menguasai materi, jelas", "share"] == 0.0
    # with min_responses 20 no programme has enough comments
    assert _figures(found, min_responses=20)["themes_by_programme"].empty


def test_theme_split_by_band_is_ordered_best_first_and_masks_small_bands(found):
    figures = _figures(found)
    split = figures["themes_by_band"]
    # "baik" has 4 comments: hidden; the others best first
    assert list(dict.fromkeys(split["band"])) == ["sangat baik", "kurang"]
    assert figures["n_bands_without_split"] == 1
    assert list(dict.fromkeys(split["group_label"])) == ["sangat baik", "kurang"]
    en = _figures(found, lang="en")["themes_by_band"]
    assert list(dict.fromkeys(en["group_label"])) == ["very good", "poor"]
    text = report.theme_splits_markdown(figures, "id")
    trainer = "narasumber menguasai, menguasai materi, jelas"
    assert (
        labels.text(
            "text.fb_split_band", "id", band="sangat baik", label=trainer, share="100,0%", n=18
        )
        in text
    )
    assert labels.text("text.fb_split_programmes", "id", n=2, threshold=10, hidden=1) in text
    summary = reporting.summary_payload(report.summary(figures), "feedback")["figures"]
    assert {r["band"] for r in summary["themes_by_band"]} == {"sangat baik", "kurang"}
    assert all(r["n"] >= 5 for r in summary["themes_by_programme"])


def test_theme_splits_none_said_so(found):
    themes, _, _ = found
    figures = report.key_figures(region=REGION, n_responses=40, themes=themes)
    assert figures["themes_by_band"] is None and figures["themes_by_programme"] is None
    assert labels.text("text.fb_splits_none", "en", threshold=5) in report.theme_splits_markdown(
        figures, "en"
    )


def _long_by_provider() -> pd.DataFrame:
    rows = []
    # internal: 6 respondents scoring 4/4; lan: 6 scoring 2/4; swasta: 3 respondents (masked)
    for prog, value, n in (("P1", 4, 6), ("P2", 2, 6), ("P3", 3, 3)):
        for i in range(n):
            rows.append((f"{prog}-{i}", prog, "q1", "materi", 4, value - (i % 2)))
    long = pd.DataFrame(
        rows, columns=["response_id", "program_id", "item_id", "dimension", "scale_max", "value"]
    )
    return likert.with_programme(long, PROGRAMS)


def test_providers_masked_and_ranked():
    scores = likert.dimension_scores(_long_by_provider(), by=("provider_type",), min_responses=5)
    figures = report.key_figures(region=REGION, n_responses=15, providers=scores)
    providers = figures["providers"].set_index("provider_type")
    assert providers.loc["internal", "score"] == pytest.approx(np.mean([100, 75] * 3))
    assert providers.loc["internal", "rank"] == 1 and providers.loc["lan", "rank"] == 2
    assert providers.loc["swasta", "suppressed"]
    assert pd.isna(providers.loc["swasta", "score"]) and pd.isna(providers.loc["swasta", "rank"])
    assert pd.isna(providers.loc["swasta", "n_responses"])
    sentence = report._providers_sentence(figures, "id")
    assert sentence == labels.text(
        "text.fb_providers", "id", top="Internal", top_score="87,5", bottom="LAN",
        bottom_score="37,5",
    )  # fmt: skip
    summary = reporting.summary_payload(report.summary(figures), "feedback")["figures"]
    swasta = next(r for r in summary["providers"] if r["provider_type"] == "swasta")
    assert swasta["score"] is None and swasta["n_responses"] is None


def test_theme_labels_lose_staff_names(found):
    themes, _, _ = found
    figures = report.key_figures(
        region=REGION, n_responses=40, themes=themes, names=pd.Series(["Budi Narasumber"])
    )
    assert list(figures["themes"]["label"]) == ["jadwal molor, padat", "menguasai materi, jelas"]


def test_small_cells_of_a_split_are_masked_with_their_complements(found):
    themes, _, _ = found
    by_band = pd.DataFrame(
        {
            "band": ["sangat baik", "sangat baik", "baik", "baik", "kurang", "kurang"],
            "theme": [0, 1, 0, 1, 0, 1],
            "n_comments": [16, 2, 12, 9, 10, 8],
            "n": [18, 18, 21, 21, 18, 18],
        }
    )
    by_band["share"] = by_band["n_comments"] / by_band["n"]
    figures = report.key_figures(
        region=REGION, n_responses=57, themes=themes, themes_by_band=by_band
    )
    split = figures["themes_by_band"].set_index(["band", "theme"])
    # the 2 is small; 16 protects it in its row; in column 1 the next smallest (8) protects
    # it, then 10 protects the 8 in its row; "baik" keeps both its numbers
    assert split.loc[("sangat baik", 1), "suppressed_reason"] == "small"
    for cell in (("sangat baik", 0), ("kurang", 1), ("kurang", 0)):
        assert split.loc[cell, "suppressed_reason"] == "complementary"
        assert pd.isna(split.loc[cell, "n_comments"]) and pd.isna(split.loc[cell, "share"])
    assert split.loc[("baik", 0), "n_comments"] == 12 and split.loc[("baik", 1), "n_comments"] == 9
    summary = reporting.summary_payload(report.summary(figures), "feedback")["figures"]
    counts = [r["n_comments"] for r in summary["themes_by_band"]]
    assert sorted(c for c in counts if c is not None) == [9, 12]
    # the sentences speak only of what is shown: "baik", the one band with numbers
    text = report.theme_splits_markdown(figures, "id")
    assert "sangat baik" not in text and "**kurang**" not in text and "–" not in text
    assert (
        labels.text(
            "text.fb_split_band",
            "id",
            band="baik",
            label="jadwal molor, padat",
            share="57,1%",
            n=21,
        )
        in text
    )
