"""identity: NIP layouts, keyed pseudonyms on load, where the key may come from."""

from __future__ import annotations

import hashlib
import hmac
import json
import warnings
from dataclasses import replace

import pandas as pd
import pytest

from conftest import TINY, write_tiny
from kompetensi_toolkit import identity, reporting
from kompetensi_toolkit.cli import main
from kompetensi_toolkit.exceptions import KompetensiWarning
from kompetensi_toolkit.identity import PseudonymKeyError, nip_problems, pseudonymise, resolve_key
from kompetensi_toolkit.loaders import load_dataset, validate_dataset

RAW_IDS = ("198501012010011001", "198702022011012002", "199003032015031003", "199009132025242014")
KEY = "a-test-key-of-some-length"


# -- NIP layouts --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("nip", "status", "why"),
    [
        ("198501012010011001", "pns", None),  # born 1985-01-01, CPNS 2010-01, male, serial 001
        ("199009132025242014", "pppk", None),  # the PPPK example of domain.md: "24" is no month
        ("199009132025242014", None, None),  # status unknown: either layout
        ("199009132025242014", "pns", "CPNS start month 24 is not a month"),
        ("198502302010011001", "pns", "birth date 1985-02-30 is not a date"),
        ("193001012010011001", "pns", "birth year 1930 is outside 1940"),
        ("198501011999011001", "pns", "start year 1999 is not between birth year + 15"),
        ("198501012010013001", "pns", "sex digit 3"),
        ("198501012010011000", "pns", "serial 000"),
        ("1985010120100110011", "pns", "19 digits, a NIP has 18"),
        ("PEG-0042", "pns", None),  # not a NIP at all: a local staff number is fine
        ("12345", "pns", None),
    ],
)
def test_nip_layouts(nip, status, why):
    found = nip_problems(pd.Series([nip]), pd.Series([status]))
    if why is None:
        assert found.empty
    else:
        assert found.index.tolist() == [0] and found.iloc[0].startswith(why)


def test_validate_flags_a_malformed_nip_with_file_row_and_column(tmp_path, capsys):
    bad = TINY["employees.csv"].replace("198702022011012002", "198702022011132002")
    other = {
        name: TINY[name].replace("198702022011012002", "198702022011132002")
        for name in ("assessments.csv",)
    }
    folder = write_tiny(tmp_path / "d", {"employees.csv": bad, **other})
    problems = [str(p) for p in validate_dataset(folder)]
    assert problems == [
        "employees.csv:3:employee_id: malformed NIP: CPNS start month 13 is not a month (for "
        "PPPK, set employment_status to pppk) (value seen: '198702022011132002'; allowed: an "
        "18-digit NIP: PNS YYYYMMDD YYYYMM G NNN, PPPK YYYYMMDD YYYY KK G NNN)"
    ]
    assert main(["validate", str(folder)]) == 1
    assert "employees.csv:3:employee_id: malformed NIP" in capsys.readouterr().out


# -- pseudonyms ---------------------------------------------------------------------------------
def test_pseudonym_is_hmac_sha256_checked_against_openssl():
    # `echo -n 198501012010011001 | openssl dgst -sha256 -hmac secret` → 1487af54fef32b2c…
    assert pseudonymise(pd.Series(["198501012010011001"]), b"secret").tolist() == [
        "1487af54fef32b2c"
    ]


def test_load_replaces_every_id_consistently_and_drops_names(tmp_path, monkeypatch):
    monkeypatch.setenv(identity.KEY_ENV, KEY)
    folder = write_tiny(tmp_path / "d")
    ds = load_dataset(folder)
    expected = {
        raw: hmac.new(KEY.encode(), raw.encode(), hashlib.sha256).hexdigest()[:16]
        for raw in RAW_IDS
    }
    assert ds.employees["employee_id"].tolist() == list(expected.values())
    assert ds.assessments["employee_id"].tolist() == [
        expected[r] for r in ("198501012010011001",) * 2 + ("198702022011012002",) + (RAW_IDS[3],)
    ]
    assert ds.participation["employee_id"].tolist() == [expected[RAW_IDS[0]], expected[RAW_IDS[3]]]
    text = "".join(f.to_csv() for f in ds.tables().values())
    assert not any(raw in text for raw in RAW_IDS)  # no raw NIP anywhere in the tables
    assert "name" not in ds.employees and "Budi Santoso" not in text
    assert set(ds.staff_names) == {"Budi Santoso", "Sri Wahyuni", "Andi Pattimura", "Ani Lestari"}
    assert ds.pseudonymised
    # the same key gives the same pseudonyms in another load; another key other ones
    assert (
        load_dataset(folder, "ambon").employees["employee_id"].tolist()
        == list(expected.values())[:3]
    )
    monkeypatch.setenv(identity.KEY_ENV, KEY + "-other")
    assert not set(load_dataset(folder).employees["employee_id"]) & set(expected.values())
    raw = load_dataset(folder, pseudonymise=False)
    assert raw.employees["employee_id"].tolist() == list(RAW_IDS) and not raw.pseudonymised


# -- the key ------------------------------------------------------------------------------------
def test_key_from_a_file_outside_the_repo_and_the_data(tmp_path):
    key_file = tmp_path / "keys" / "kompetensi.key"
    key_file.parent.mkdir()
    key_file.write_text("0123456789abcdef0123\n", encoding="utf-8")
    assert resolve_key({identity.KEY_FILE_ENV: str(key_file)}) == (b"0123456789abcdef0123", True)
    data = tmp_path / "data"
    data.mkdir()
    inside = data / "key"
    inside.write_text("0123456789abcdef0123", encoding="utf-8")
    with pytest.raises(PseudonymKeyError, match=r"inside .*data: keep the key file outside"):
        resolve_key({identity.KEY_FILE_ENV: str(inside)}, protected=(data,))
    in_repo = identity._TOOLKIT_ROOT / "kompetensi_toolkit" / "identity.py"
    with pytest.raises(PseudonymKeyError, match="keep the key file outside the toolkit"):
        resolve_key({identity.KEY_FILE_ENV: str(in_repo)})
    with pytest.raises(PseudonymKeyError, match="cannot be read"):
        resolve_key({identity.KEY_FILE_ENV: str(tmp_path / "missing")})
    with pytest.raises(PseudonymKeyError, match="is 5 bytes; use at least 16"):
        resolve_key({identity.KEY_ENV: "short"})


def test_without_a_key_one_random_key_per_process_and_a_warning(monkeypatch):
    monkeypatch.setattr(identity, "_RUN_KEY", None)
    with pytest.warns(KompetensiWarning, match="will differ between runs"):
        first, stable = resolve_key({})
    second, _ = resolve_key({})
    assert not stable and len(first) == 32 and first == second


@pytest.mark.notebook
def test_a_run_without_a_key_gives_all_its_notebooks_one_key(tmp_path, monkeypatch):
    """Two templates of one run see the same pseudonyms, though no key was set."""
    import nbformat

    monkeypatch.delenv(identity.KEY_ENV, raising=False)
    monkeypatch.delenv(identity.KEY_FILE_ENV, raising=False)
    monkeypatch.setattr(identity, "_RUN_KEY", None)
    folder = write_tiny(tmp_path / "d")
    templates = []
    for name in ("first", "second"):
        nb = nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_code_cell(
                    'region_id = "ambon"\ndata_dir = "."', metadata={"tags": ["parameters"]}
                ),
                nbformat.v4.new_code_cell(
                    "from kompetensi_toolkit import reporting\n"
                    "from kompetensi_toolkit.loaders import load_dataset\n"
                    "ds = load_dataset(data_dir, region_id)\n"
                    f'reporting.publish_summary({{"probe": ds.employees.employee_id.iloc[0]}}, '
                    f'"{name}")'
                ),
            ],
            metadata={
                "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
            },
        )
        nbformat.write(nb, tmp_path / f"{name}.ipynb")
        templates.append(str(tmp_path / f"{name}.ipynb"))
    out = tmp_path / "out"
    with pytest.warns(KompetensiWarning, match="random key"):
        results = reporting.run_reports(["ambon"], folder, out, templates=templates, workers=2)
    assert [r.status for r in results] == ["ok", "ok"]
    summary = reporting.read_summary(out / "ambon")["templates"]
    assert summary["first"]["probe"] == summary["second"]["probe"] != RAW_IDS[0]
    assert len(summary["first"]["probe"]) == 16
    manifest = (out / "run-manifest.json").read_text(encoding="utf-8")
    assert identity.KEY_ENV not in manifest and "probe" not in json.loads(manifest)


@pytest.mark.parametrize("set_as", ["key", "file", "none"])
def test_every_job_sets_the_runs_key_itself(set_as, tmp_path, monkeypatch):
    """A pool's process comes from a fork server started earlier, perhaps under another
    key: each job names the run's key settings (an empty value: not set) for its kernel."""
    from kompetensi_toolkit import runner

    monkeypatch.delenv(identity.KEY_ENV, raising=False)
    monkeypatch.delenv(identity.KEY_FILE_ENV, raising=False)
    monkeypatch.setattr(identity, "_RUN_KEY", None)
    key_file = tmp_path / "key"
    key_file.write_text("0123456789abcdef0123", encoding="utf-8")
    if set_as == "key":
        monkeypatch.setenv(identity.KEY_ENV, KEY)
    elif set_as == "file":
        monkeypatch.setenv(identity.KEY_FILE_ENV, str(key_file))
    seen = []

    def run_jobs(jobs, **kwargs):  # what would run; nothing does
        seen.extend(jobs)
        return [replace(runner.skipped_result(j), status="failed", error="not run") for j in jobs]

    monkeypatch.setattr(runner, "run_jobs", run_jobs)
    folder = write_tiny(tmp_path / "d")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KompetensiWarning)
        reporting.run_reports(["ambon"], folder, tmp_path / "out", templates=["overview"])
    (job,) = seen
    given = {"key": (KEY, ""), "file": ("", str(key_file))}.get(set_as)
    if given is None:  # no key: the run's random one, the same for every job
        given = (identity._RUN_KEY.hex(), "")
    expected = dict(zip((identity.KEY_ENV, identity.KEY_FILE_ENV), given, strict=True))
    assert {k: job.environment[k] for k in expected} == expected
    if set_as != "none":  # the kernels then use the key of this process
        assert resolve_key(job.environment) == resolve_key()


def test_cli_shows_the_toolkits_warnings_as_one_plain_line(capsys):
    import warnings

    from kompetensi_toolkit import cli

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        with cli._plain_warnings("run"):
            warnings.warn("no key set", KompetensiWarning, stacklevel=1)
    assert capsys.readouterr().err == "kompetensi run: warning: no key set\n"


@pytest.mark.parametrize("key_length", [16, 20, 63, 64, 65, 200])
def test_pseudonyms_equal_hmac_new_for_keys_shorter_and_longer_than_a_block(key_length):
    # pseudonymise copies one keyed HMAC per id; a key past 64 bytes is hashed first
    key = bytes((7 * i + 3) % 256 for i in range(key_length))
    ids = pd.Series(["198501012010011001", "PEG-0042", "é", "", "198501012010011001", None])
    expected = [hmac.new(key, i.encode(), hashlib.sha256).hexdigest()[:16] for i in ids[:5]]
    assert pseudonymise(ids, key).tolist() == [*expected, None]


def test_nips_checked_together_get_the_verdicts_of_one_by_one():
    # random NIPs around every rule's edges: nip_problems says what _nip_problem says
    import random
    from datetime import date

    rng = random.Random(7)
    this_year = date.today().year
    pieces = [
        lambda: f"{rng.choice([1939, 1940, 1985, 2000, this_year - 15, this_year - 14, 2]):04d}",
        lambda: f"{rng.randint(0, 13):02d}{rng.randint(0, 32):02d}",
        lambda: f"{rng.choice([1950, 2001, 2010, this_year + 1, this_year + 2]):04d}",
        lambda: f"{rng.randint(0, 25):02d}{rng.choice('0123')}{rng.choice(['000', '001', '999'])}",
    ]
    ids = ["".join(p() for p in pieces) for _ in range(3000)]
    ids += ["1985010120100110012", "19850101201001100", "١٩٨٥٠١٠١٢٠١٠٠١١٠٠١", "PEG-1"]
    kinds = [rng.choice(["pns", "PPPK", None]) for _ in ids]
    found = nip_problems(pd.Series(ids), pd.Series(kinds))
    assert 0 < len(found) < len(ids)
    nip_shaped = pd.Series(ids).str.fullmatch(r"\d{16,20}").tolist()
    for i, nip in enumerate(ids):
        kind = kinds[i].lower() if kinds[i] else None
        expected = identity._nip_problem(nip, kind, this_year) if nip_shaped[i] else None
        assert found.get(i) == expected, nip
