"""The synthetic sample: deterministic, complete, valid and believable."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kompetensi_toolkit import config, sample, schema
from kompetensi_toolkit.exceptions import ParameterError
from kompetensi_toolkit.sample import generate_sample, write_sample_dataset

SMALL = 0.05
#: For tests about files only: every region and table, written in a blink.
TINY = 0.01
KOTA = ("pematangsiantar", "tanjungpinang", "ambon")
KECAMATAN = ("plaju", "kertapati")
REGION_IDS = [*KOTA, *KECAMATAN]
README = Path(__file__).resolve().parents[1] / "data" / "README.md"


@pytest.fixture(scope="module")
def full() -> dict[str, pd.DataFrame]:
    """The default sample (scale 1), generated once for this module."""
    return generate_sample()


@pytest.fixture(scope="module")
def small() -> dict[str, pd.DataFrame]:
    return generate_sample(scale=SMALL)


def _file_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _item_ids() -> list[str]:
    return pd.read_csv(config.REFERENCE_DIR / "feedback_items.csv")["item_id"].tolist()


# ---------------------------------------------------------------------------
# Determinism and files.
# ---------------------------------------------------------------------------


def test_same_seed_gives_byte_identical_files(tmp_path):
    a = write_sample_dataset(tmp_path / "a", seed=7, scale=TINY)
    b = write_sample_dataset(tmp_path / "b", seed=7, scale=TINY)
    files_a, files_b = _file_bytes(a), _file_bytes(b)
    assert sorted(files_a) == sorted(f"{t}.csv" for t in schema.TABLES)
    assert files_a == files_b


def test_different_seed_gives_different_data(tmp_path):
    a = _file_bytes(write_sample_dataset(tmp_path / "a", seed=1, scale=TINY))
    b = _file_bytes(write_sample_dataset(tmp_path / "b", seed=2, scale=TINY))
    for table in ("employees", "assessments", "participation", "feedback", "service_survey"):
        assert a[f"{table}.csv"] != b[f"{table}.csv"], table
    # The catalogue and reference tables are not random.
    for table in ("regions", "programs", "competencies", "standards"):
        assert a[f"{table}.csv"] == b[f"{table}.csv"], table


def test_written_csv_format(tmp_path):
    folder = write_sample_dataset(tmp_path / "s", scale=TINY)
    for path in folder.iterdir():
        raw = path.read_bytes()
        assert b"\r" not in raw and raw.endswith(b"\n"), path.name
        raw.decode("utf-8")
        assert not raw.startswith(b"\xef\xbb\xbf")
    text = (folder / "participation.csv").read_text(encoding="utf-8")
    assert re.search(
        r"^\d{18},PRG-\d{3},\d{4}-\d\d-\d\d,\d{4}-\d\d-\d\d,\d+,(true|false),", text.splitlines()[1]
    )
    assert "e+" not in (folder / "programs.csv").read_text(encoding="utf-8")  # no 2.25e+07
    assert "True" not in text and "nan" not in text.lower()


def test_returns_the_folder_and_replaces_an_earlier_sample(tmp_path):
    target = tmp_path / "data" / "sample"
    assert write_sample_dataset(target, seed=1, scale=TINY) == target
    first = _file_bytes(target)
    write_sample_dataset(target, seed=2, scale=TINY)
    assert _file_bytes(target) != first
    assert sorted(p.name for p in target.parent.iterdir()) == ["sample"]  # nothing left over


def test_failed_write_leaves_the_earlier_dataset_intact(tmp_path, monkeypatch):
    target = tmp_path / "sample"
    write_sample_dataset(target, seed=1, scale=TINY)
    before = _file_bytes(target)
    real_write = sample._write_csv
    written = []

    def failing_write(frame, path):
        if len(written) == 5:
            raise OSError("disk full")
        written.append(path.name)
        real_write(frame, path)

    monkeypatch.setattr(sample, "_write_csv", failing_write)
    with pytest.raises(OSError, match="disk full"):
        write_sample_dataset(target, seed=2, scale=TINY)
    assert len(written) == 5
    assert _file_bytes(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample"]  # staging removed


def test_failed_generation_writes_nothing(tmp_path, monkeypatch):
    target = tmp_path / "sample"
    write_sample_dataset(target, seed=1, scale=TINY)
    before = _file_bytes(target)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(sample, "generate_sample", broken)
    with pytest.raises(RuntimeError, match="boom"):
        write_sample_dataset(target, seed=2, scale=TINY)
    assert _file_bytes(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample"]


def test_failed_swap_restores_the_earlier_dataset(tmp_path, monkeypatch):
    target = tmp_path / "sample"
    write_sample_dataset(target, seed=1, scale=TINY)
    before = _file_bytes(target)
    real_rename = sample.os.rename
    calls = []

    def rename(src, dst):
        calls.append((Path(src).name, Path(dst).name))
        if len(calls) == 2:  # the new dataset into place
            raise OSError("rename failed")
        real_rename(src, dst)

    monkeypatch.setattr(sample.os, "rename", rename)
    with pytest.raises(OSError, match="rename failed"):
        write_sample_dataset(target, seed=2, scale=TINY)
    assert _file_bytes(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample"]


def test_refuses_to_replace_a_folder_with_other_files(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "thesis.docx").write_text("precious")
    with pytest.raises(ParameterError, match=r"'out' parameter of write_sample_dataset.*thesis"):
        write_sample_dataset(target, scale=TINY)
    assert (target / "thesis.docx").read_text() == "precious"
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(ParameterError, match="which is a file"):
        write_sample_dataset(afile, scale=TINY)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"scale": -1},
            "The 'scale' parameter of write_sample_dataset must be a number > 0. Got -1 instead.",
        ),
        (
            {"scale": 0},
            "The 'scale' parameter of write_sample_dataset must be a number > 0. Got 0 instead.",
        ),
        (
            {"scale": float("nan")},
            "The 'scale' parameter of write_sample_dataset must be a number > 0. Got nan instead.",
        ),
        (
            {"scale": "1"},
            "The 'scale' parameter of write_sample_dataset must be a number > 0. Got '1' instead.",
        ),
        (
            {"seed": -3},
            "The 'seed' parameter of write_sample_dataset must be a whole number ≥ 0. "
            "Got -3 instead.",
        ),
        (
            {"seed": 1.5},
            "The 'seed' parameter of write_sample_dataset must be a whole number ≥ 0. "
            "Got 1.5 instead.",
        ),
        (
            {"seed": True},
            "The 'seed' parameter of write_sample_dataset must be a whole number ≥ 0."
            " Got True instead.",
        ),
    ],
)
def test_bad_arguments_raise_parameter_error(tmp_path, kwargs, message):
    with pytest.raises(ParameterError) as info:
        write_sample_dataset(tmp_path / "s", **kwargs)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)
    assert not (tmp_path / "s").exists()


def test_generate_sample_checks_its_arguments_too():
    with pytest.raises(ParameterError, match="'scale' parameter of generate_sample"):
        generate_sample(scale=0)
    assert len(generate_sample(seed=np.int64(3), scale=0.01)["regions"]) == 5


# ---------------------------------------------------------------------------
# The contract.
# ---------------------------------------------------------------------------


def test_every_table_with_canonical_columns(small):
    assert list(small) == list(schema.TABLES)
    for name, frame in small.items():
        expected = list(schema.TABLES[name].columns)
        if name == "feedback":
            expected = [*expected[:-1], *_item_ids(), expected[-1]]
        assert list(frame.columns) == expected, name
        assert len(frame) > 0, name


def test_written_sample_validates_clean(sample_dir):
    loaders = pytest.importorskip("kompetensi_toolkit.loaders")
    problems = loaders.validate_dataset(sample_dir)
    assert problems == [], "\n".join(map(str, problems[:20]))
    ds = loaders.load_dataset(sample_dir, region="plaju")
    assert set(ds.employees["region_id"]) == {"plaju"}


def _contract_problems(tables: dict[str, pd.DataFrame]) -> list[str]:
    """A vectorised check of every value against schema.TABLES (no loader needed)."""
    problems = []
    for name, table in schema.TABLES.items():
        frame = tables[name]
        for f in table.fields:
            s = frame[f.name]
            if f.required and s.isna().any():
                problems.append(f"{name}.{f.name}: missing required values")
            s = s.dropna()
            if f.enum:
                bad = set(s) - set(schema.ENUMS[f.enum].values)
                if bad:
                    problems.append(f"{name}.{f.name}: not canonical {sorted(bad)[:3]}")
            if f.kind in ("int", "float") and len(s):
                if f.min is not None and ((s <= f.min) if f.min_exclusive else (s < f.min)).any():
                    problems.append(f"{name}.{f.name}: below {f.min}")
                if f.max is not None and (s > f.max).any():
                    problems.append(f"{name}.{f.name}: above {f.max}")
            if f.kind == "int" and len(s) and not (s == np.round(s)).all():
                problems.append(f"{name}.{f.name}: not whole")
            if f.pattern and not s.astype(str).str.fullmatch(f.pattern).all():
                problems.append(f"{name}.{f.name}: does not match {f.pattern}")
            if f.unique and s.duplicated().any():
                problems.append(f"{name}.{f.name}: duplicates")
            if f.references and f.references[0] != name:
                ref_table, ref_col = f.references
                if not s.isin(tables[ref_table][ref_col]).all():
                    problems.append(f"{name}.{f.name}: unknown {ref_table}.{ref_col}")
        for cols in table.unique_together:
            if frame.duplicated(list(cols)).any():
                problems.append(f"{name}: duplicate {cols}")
    part = tables["participation"]
    if (part["end_date"] < part["start_date"]).any():
        problems.append("participation: end_date before start_date")
    return problems


def test_scale_one_sample_keeps_the_contract(full):
    assert _contract_problems(full) == []


def test_reference_tables_are_the_shipped_defaults_plus_technical(full):
    shipped = pd.read_csv(config.REFERENCE_DIR / "competencies.csv")
    comp = full["competencies"]
    assert comp["competency_id"].tolist() == [*shipped["competency_id"], "T.01", "T.02"]
    assert set(comp.loc[comp["competency_id"].str.startswith("T."), "category"]) == {"teknis"}
    std = full["standards"]
    shipped_std = pd.read_csv(config.REFERENCE_DIR / "standards.csv")
    assert len(std) == len(shipped_std) + 2 * len(schema.ENUMS["position_type"].values)
    technical = std[std["competency_id"].str.startswith("T.")]
    assert set(technical["position_type"]) == set(schema.ENUMS["position_type"].values)
    assert full["feedback_items"]["item_id"].tolist() == _item_ids()


# ---------------------------------------------------------------------------
# Regions and scale.
# ---------------------------------------------------------------------------


def test_five_seed_regions_even_at_a_small_scale(small):
    regions = small["regions"].set_index("region_id")
    assert regions.index.tolist() == REGION_IDS
    assert regions.loc["plaju", "name"] == "Kecamatan Plaju"
    assert regions.loc[list(KECAMATAN), "parent_id"].tolist() == ["palembang", "palembang"]
    assert regions.loc[list(KECAMATAN), "level"].tolist() == ["kecamatan", "kecamatan"]
    assert regions.loc[list(KOTA), "level"].tolist() == ["kota"] * 3
    assert regions.loc["ambon", "province"] == "Maluku"
    for name in ("employees", "feedback", "service_survey", "service_metrics"):
        assert small[name]["region_id"].unique().tolist() == REGION_IDS, name


def test_tiny_scale_keeps_every_unit(full):
    tiny = generate_sample(scale=0.001)
    assert set(tiny["employees"]["region_id"]) == set(REGION_IDS)
    units = full["employees"][["region_id", "unit"]].drop_duplicates()
    tiny_units = tiny["employees"][["region_id", "unit"]].drop_duplicates()
    assert len(tiny_units) == len(units)


def test_scale_multiplies_headcounts(full, small):
    n1 = full["employees"]["region_id"].value_counts()
    n_small = small["employees"]["region_id"].value_counts()
    for region in KOTA:
        assert n_small[region] == pytest.approx(n1[region] * SMALL, rel=0.15)
    double = generate_sample(scale=2)["employees"]["region_id"].value_counts()
    for region in REGION_IDS:
        assert double[region] == pytest.approx(2 * n1[region], rel=0.02)


def test_regions_are_independent_streams(small):
    """Each region comes from its own (seed, region) stream: regenerate one alone."""
    reference = sample._reference_tables()
    spec = next(s for s in sample.REGIONS if s.region_id == "kertapati")
    alone = sample._generate_region(spec, config.DEFAULT_SEED, SMALL, reference)
    together = small["employees"][small["employees"]["region_id"] == "kertapati"]
    pd.testing.assert_frame_equal(alone["employees"], together.reset_index(drop=True))


def test_ids_drawn_alike_by_two_regions_are_made_unique():
    a = {
        "employees": pd.DataFrame({"employee_id": ["198001012005011001"]}),
        "assessments": pd.DataFrame({"employee_id": ["198001012005011001"]}),
        "tna_survey": pd.DataFrame({"employee_id": []}),
        "participation": pd.DataFrame({"employee_id": []}),
    }
    b = {k: v.copy() for k, v in a.items()}
    sample._make_ids_unique([a, b], seed=1)
    new = b["employees"]["employee_id"].iloc[0]
    assert a["employees"]["employee_id"].iloc[0] == "198001012005011001"
    assert new != "198001012005011001" and new[:15] == "198001012005011"
    assert b["assessments"]["employee_id"].iloc[0] == new


# ---------------------------------------------------------------------------
# Believable structure (scale 1).
# ---------------------------------------------------------------------------


def test_headcounts_kota_thousands_kecamatan_hundreds(full):
    n = full["employees"]["region_id"].value_counts()
    for region in KOTA:
        assert 3_000 <= n[region] <= 8_000, region
    for region in KECAMATAN:
        assert 100 <= n[region] <= 300, region
    assert n["ambon"] > n["pematangsiantar"] > n["tanjungpinang"]


def test_small_units_make_suppression_matter(full):
    e = full["employees"]
    sizes = e[e["region_id"].isin(KECAMATAN)].groupby(["region_id", "unit"]).size()
    assert (sizes < config.MIN_GROUP_SIZE).any()
    assert sizes.min() >= 2
    kelurahan = sizes[sizes.index.get_level_values("unit").str.startswith("Kelurahan")]
    assert ((kelurahan >= 2) & (kelurahan <= 6)).sum() >= 3


def test_kota_units_and_the_largest_is_education(full):
    e = full["employees"]
    for region in KOTA:
        units = e[e["region_id"] == region]["unit"].value_counts()
        assert units.index[0] == "Dinas Pendidikan"
        for name in (
            "Dinas Kesehatan",
            "Sekretariat Daerah",
            "BKPSDM",
            "DPMPTSP",
            "Dinas Kependudukan dan Pencatatan Sipil",
            "Inspektorat",
        ):
            assert name in units.index, (region, name)
        assert units.index.str.startswith("RSUD").any()
        assert units.index.str.startswith("Kecamatan ").sum() >= 4


def test_position_mix(full):
    e = full["employees"]
    pos = pd.crosstab(e["region_id"], e["position_type"])
    for region in KOTA:
        assert 25 <= pos.loc[region, "jpt_pratama"] <= 35, region
    assert "jpt_madya" not in pos.columns and "jpt_utama" not in pos.columns
    share = pos.div(pos.sum(axis=1), axis=0)
    fungsional = share.loc[:, share.columns.str.startswith("fungsional")].sum(axis=1)
    assert ((fungsional + share["pelaksana"]) > 0.85).all()
    for region in KECAMATAN:
        assert pos.loc[region].get("jpt_pratama", 0) == 0
        assert pos.loc[region, "administrator"] == 1  # the camat
        assert share.loc[region, "pelaksana"] > 0.6
    camat = e[(e["region_id"] == "plaju") & (e["position_type"] == "administrator")]
    assert camat["position_title"].tolist() == ["Camat"]
    lurah = e[(e["position_title"] == "Lurah") & e["region_id"].isin(KECAMATAN)]
    assert set(lurah["position_type"]) == {"pengawas"}
    assert len(lurah) == 13


def test_pppk_share_and_profile(full):
    e = full["employees"]
    pppk = e["employment_status"] == "pppk"
    assert 0.28 <= pppk.mean() <= 0.42
    assert not pppk[e["position_type"].isin(["jpt_pratama", "administrator", "pengawas"])].any()
    appointed = e.loc[pppk, "employee_id"].str[8:12].astype(int)
    assert (appointed >= 2022).mean() > 0.6


def test_nips_are_18_digits_and_consistent(full):
    e = full["employees"]
    nip = e["employee_id"]
    assert nip.str.fullmatch(r"\d{18}").all()
    assert nip.is_unique
    assert (nip.str[:4].astype(int) == e["birth_year"]).all()
    birth = pd.to_datetime(nip.str[:8], format="%Y%m%d", errors="coerce")
    assert birth.notna().all()
    assert (nip.str[14].map({"1": "l", "2": "p"}) == e["sex"]).all()
    digits_13_14 = nip.str[12:14].astype(int)
    pns = e["employment_status"] == "pns"
    assert digits_13_14[pns].between(1, 12).all()
    assert digits_13_14[~pns].between(21, 29).all()
    start_year = nip.str[8:12].astype(int)
    assert (start_year - e["birth_year"] >= 18).all() and (start_year <= 2025).all()


def test_people_attributes(full):
    e = full["employees"]
    perf = e["performance"].value_counts(normalize=True)
    assert perf.index[0] == "baik" and perf["baik"] > 0.6
    assert perf["sangat_baik"] > perf["kurang"] + perf["sangat_kurang"]
    assert set(perf.index) == set(schema.ENUMS["performance"].values)
    assert e["potential_score"].between(0, 100).all()
    assert e["name"].nunique() > 0.3 * len(e)
    assert e["name"].str.len().min() >= 3


def test_competencies_follow_standards_ability_and_region(full):
    e, a = full["employees"], full["assessments"]
    latest = a.sort_values("assessed_on").drop_duplicates(
        ["employee_id", "competency_id"], keep="last"
    )
    merged = latest.merge(e, on="employee_id")
    by_pos = merged[merged["competency_id"].str.startswith("M.")].groupby("position_type")
    means = by_pos["level"].mean()
    assert means["jpt_pratama"] > means["administrator"] > means["pengawas"] > means["pelaksana"]
    wide = latest.pivot(index="employee_id", columns="competency_id", values="level")
    assert wide[["M.01", "M.02"]].corr().iloc[0, 1] > 0.4
    person = merged.groupby("employee_id").agg(
        level=("level", "mean"),
        potential=("potential_score", "first"),
        performance=("performance", "first"),
    )
    assert person["level"].corr(person["potential"]) > 0.3
    perf_means = person.groupby("performance")["level"].mean()
    assert perf_means["sangat_baik"] > perf_means["baik"] > perf_means["kurang"]
    # Documented regional weaknesses: the gap to the standard is larger there.
    std = full["standards"]
    merged = merged.merge(std, on=["position_type", "competency_id"])
    merged["gap"] = merged["required_level"] - merged["level"]
    gap = merged.pivot_table(index="region_id", columns="competency_id", values="gap")
    assert gap.loc["ambon", "M.07"] > gap.loc[["pematangsiantar", "tanjungpinang"], "M.07"].max()
    assert gap.loc["kertapati", "M.05"] > gap.loc["plaju", "M.05"] + 0.2


def test_assessment_coverage_history_and_levels(full):
    e, a = full["employees"], full["assessments"]
    assert a["level"].between(1, 5).all() and ((a["level"] * 2) % 1 == 0).all()
    assessed = e["employee_id"].isin(a["employee_id"])
    share = assessed.groupby(e["region_id"]).mean()
    for region in KOTA:
        assert 0.8 <= share[region] <= 0.9, region
    for region in KECAMATAN:
        assert share[region] < 0.75, region
    dates = a.groupby("employee_id")["assessed_on"].nunique()
    twice = e["employee_id"].map(dates).fillna(0).gt(1)
    assert 0.15 <= twice.mean() <= 0.25
    years = a.groupby("employee_id")["assessed_on"].agg(["min", "max"])
    years = years[years["min"] != years["max"]]
    assert (years["min"].dt.year == 2023).all() and (years["max"].dt.year == 2025).all()
    technical = a[a["competency_id"].str.startswith("T.")]
    tech_share = (
        e["employee_id"]
        .isin(technical["employee_id"])
        .groupby(e["position_type"].str.startswith("fungsional"))
        .mean()
    )
    assert tech_share[True] > 0.5 > 0.2 > tech_share[False]


def test_programme_catalogue(full):
    programs = full["programs"]
    assert 28 <= len(programs) <= 36
    assert set(programs["form"]) == set(schema.ENUMS["program_form"].values)
    klasikal = {"pelatihan", "seminar", "workshop", "kursus", "penataran", "bimbingan_teknis"}
    expected_mode = np.where(programs["form"].isin(klasikal), "klasikal", "nonklasikal")
    assert (programs["mode"] == expected_mode).all()
    jp = programs.set_index("form")["jp"]
    assert jp["seminar"].between(4, 8).all()
    assert jp["bimbingan_teknis"].between(16, 32).all()
    assert jp["e_learning"].between(6, 20).all()
    assert jp[["magang", "detasering"]].between(40, 160).all()
    pkp = programs[programs["name"].str.contains("Kepemimpinan Pengawas")]
    assert (pkp["jp"] >= 380).all() and (pkp["cost_per_participant"] >= 10_000_000).all()
    cost = programs.set_index("form")["cost_per_participant"]
    assert cost["e_learning"].max() < 500_000
    per_programme = full["program_competencies"].groupby("program_id").size()
    assert per_programme.between(1, 3).all() and len(per_programme) == len(programs)


def test_participation(full):
    e, p = full["employees"], full["participation"]
    assert set(p["start_date"].dt.year) == {2024, 2025}
    assert (p["end_date"] >= p["start_date"]).all()
    assert p["completed"].mean() > 0.85
    jp = p.merge(full["programs"][["program_id", "jp"]], on="program_id", suffixes=("", "_p"))
    assert (jp["jp"] == jp["jp_p"]).all()
    done = p[(p["start_date"].dt.year == 2025) & p["completed"]]
    jp_2025 = e["employee_id"].map(done.groupby("employee_id")["jp"].sum()).fillna(0)
    under = (jp_2025 < 20).groupby(e["region_id"]).mean()
    for region in KOTA:
        assert 0.3 <= under[region] <= 0.7, (region, under[region])
    assert under.max() - under.min() > 0.1  # it varies by region
    assert not p.duplicated(["employee_id", "program_id"]).any()
    # Nobody trains or is assessed before their CPNS start / PPPK appointment year.
    start_year = pd.Series(e["employee_id"].str[8:12].astype(int).to_numpy(), e["employee_id"])
    assert (p["start_date"].dt.year >= p["employee_id"].map(start_year)).all()
    a = full["assessments"]
    assert (a["assessed_on"].dt.year >= a["employee_id"].map(start_year)).all()


def test_some_programmes_work_and_some_do_not(full):
    p = full["participation"].dropna(subset=["pre_test", "post_test"])
    gain = (p["post_test"] - p["pre_test"]).groupby(p["program_id"]).mean()
    assert (gain > 10).sum() >= 5
    assert (gain.abs() < 3).sum() >= 3
    b = full["participation"].dropna(subset=["behaviour_before", "behaviour_after"])
    change = (b["behaviour_after"] - b["behaviour_before"]).groupby(b["program_id"]).mean()
    assert change[gain[gain > 10].index].mean() > change[gain[gain.abs() < 3].index].mean() + 0.2
    assert change.abs().max() < 1


def test_feedback(full):
    f, items = full["feedback"], full["feedback_items"]
    item_ids = items["item_id"].tolist()
    words = f[item_ids].map(lambda v: isinstance(v, str))
    assert words.any(axis=None)
    assert words.all(axis=1).groupby(f["region_id"]).mean()["tanjungpinang"] == 1
    labels = {
        schema.normalise_token(v) for v in f[item_ids].to_numpy().ravel() if isinstance(v, str)
    }
    assert labels <= set(schema.LIKERT_WORDS[5])
    numeric = f.loc[~words.any(axis=1), item_ids].astype(int)
    assert numeric.isin(range(1, 6)).all(axis=None)
    reversed_id = items.loc[items["reversed"], "item_id"].iloc[0]
    others = [i for i in item_ids if i != reversed_id]
    assert numeric[reversed_id].corr(numeric[others].mean(axis=1)) < -0.2
    # Programme quality drives the scores.
    by_programme = numeric[others].mean(axis=1).groupby(f.loc[numeric.index, "program_id"]).mean()
    assert by_programme.max() - by_programme.min() > 0.8
    assert f["response_id"].is_unique
    assert f["program_id"].isin(full["programs"]["program_id"]).all()


def test_feedback_comments(full):
    comment = full["feedback"]["comment"].fillna("")
    assert 0.4 <= (comment == "").mean() <= 0.8
    text = " ".join(comment)
    for phrase in ("tidak relevan", "kurang jelas", "gak", "tdk", "bgt", "Sebaiknya"):
        assert phrase in text, phrase
    contact = comment.str.contains(r"@[\w.-]+\.\w+|(?:\+62|0)8\d{2}[\s-]?\d{3,4}", regex=True)
    assert 0.003 <= contact.mean() <= 0.03


def test_service_outcomes(full):
    s, m = full["service_survey"], full["service_metrics"]
    elements = [f"u{i}" for i in range(1, 10)]
    assert s[elements].isin(range(1, 5)).all(axis=None)
    size = s.groupby(["region_id", "unit", "period"]).size()
    assert size.between(30, 150).all()
    assert set(s["period"]) == {"2024", "2025"}
    ikm = s.groupby(["region_id", "unit", "period"])[elements].mean().mean(axis=1) * 25
    assert ikm.between(60, 95).all() and 72 <= ikm.mean() <= 88
    change = ikm.unstack("period")
    change = change["2025"] - change["2024"]
    assert change.mean() > 0
    # Service units are units of the employees table.
    units = full["employees"][["region_id", "unit"]].drop_duplicates()
    assert len(s[["region_id", "unit"]].drop_duplicates().merge(units)) == len(
        s[["region_id", "unit"]].drop_duplicates()
    )
    wide = m.pivot_table(index=["region_id", "unit", "period"], columns="metric", values="value")
    assert (wide["complaints_resolved_in_sla"] <= wide["complaints_received"]).all()
    assert set(m["period"]) == {f"{y}-{mo:02d}" for y in (2024, 2025) for mo in range(1, 13)}


def test_ikm_gain_follows_training_coverage(full):
    e, p, s = full["employees"], full["participation"], full["service_survey"]
    done = p[p["completed"] & p["program_id"].isin(sample._SERVICE_TRAINING)]
    e = e.assign(trained=e["employee_id"].isin(done["employee_id"]))
    coverage = e.groupby(["region_id", "unit"])["trained"].mean()
    elements = [f"u{i}" for i in range(1, 10)]
    ikm = (s.groupby(["region_id", "unit", "period"])[elements].mean().mean(axis=1) * 25).unstack()
    gain = ikm["2025"] - ikm["2024"]
    assert gain.corr(coverage.reindex(gain.index)) > 0.5


def test_tna_survey(full):
    e, t = full["employees"], full["tna_survey"]
    share = t["employee_id"].nunique() / len(e)
    assert 0.25 <= share <= 0.35
    assert t.groupby("employee_id").size().between(8, 10).all()
    assert t["item_id"].str.fullmatch(r"[a-z]+(_[a-z]+)+").all()
    assert t[["importance", "performance"]].stack().between(1, 7).all()
    need = t.groupby("item_id")[["importance", "performance"]].mean()
    need = (need["importance"] - need["performance"]).sort_values(ascending=False)
    assert "penggunaan_aplikasi_srikandi" in need.index[:3]
    assert need.iloc[2] - need.iloc[3] > 0.5  # a few clear priorities


# ---------------------------------------------------------------------------
# Documentation.
# ---------------------------------------------------------------------------


def test_readme_documents_every_table_and_column():
    text = README.read_text(encoding="utf-8")
    for name, table in schema.TABLES.items():
        assert f"### `{name}`" in text, name
        section = text.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
        for column in table.columns:
            assert f"| `{column}` |" in section, (name, column)


def test_readme_documents_the_generator():
    text = README.read_text(encoding="utf-8")
    assert "## How the synthetic sample is generated" in text
    for spec in sample.REGIONS:
        assert spec.region_id in text
        for competency in spec.competency_shift:
            assert competency in text
    for programme in sample.PROGRAMMES:
        assert programme.program_id in text


def test_owned_ids_change_only_the_ids():
    # The national generator's id hook (id_slot) redraws NIP serials (and, on a clash, the
    # birth day) and nothing else: every other value of the region is the sample's.
    reference = sample._reference_tables()
    spec = sample.REGIONS[2]  # ambon
    plain = sample._generate_region(spec, 7, SMALL, reference)
    owned = sample._generate_region(spec, 7, SMALL, reference, id_slot=(3, 554))
    old, new = plain["employees"]["employee_id"], owned["employees"]["employee_id"]
    assert new.is_unique and (old != new).mean() > 0.99
    assert (sample._nip_owner(new.astype(np.int64).to_numpy(), 554) == 3).all()
    assert (old.str[:4] == new.str[:4]).all()  # birth year kept
    assert (old.str[8:15] == new.str[8:15]).all()  # appointment and sex kept
    mapping = dict(zip(old, new, strict=True))
    for name, frame in plain.items():
        if "employee_id" in frame.columns:
            frame = frame.assign(employee_id=frame["employee_id"].map(mapping))
        pd.testing.assert_frame_equal(frame, owned[name], obj=name)
