"""The `kompetensi` command, end to end in temporary folders, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TINY, write_tiny
from kompetensi_toolkit.cli import main

SEED_REGIONS = ["ambon", "kertapati", "pematangsiantar", "plaju", "tanjungpinang"]
KOMPETENSI = Path(sys.executable).with_name("kompetensi")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """The installed console script in a fresh process, as a user calls it."""
    return subprocess.run([str(KOMPETENSI), *args], capture_output=True, text=True, timeout=600)


def test_sample_data_then_validate_and_regions(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["sample-data", "--out", str(data), "--scale", "0.02", "--seed", "7"]) == 0
    assert "Wrote the synthetic dataset" in capsys.readouterr().out
    assert (data / "employees.csv").is_file()
    assert main(["validate", str(data)]) == 0
    assert main(["regions", str(data)]) == 0
    listed = capsys.readouterr().out.split()
    assert all(r in listed for r in SEED_REGIONS)


def test_sample_data_refuses_a_bad_scale(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["sample-data", "--out", str(tmp_path / "d"), "--scale", "-1"])
    assert exit_.value.code == 2
    assert "--scale: must be a number > 0, got '-1'" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_console_script_on_broken_data_exits_1_without_traceback(tmp_path):
    folder = write_tiny(
        tmp_path / "d",
        {
            "employees.csv": TINY["employees.csv"].replace(",pengawas,", ",pengawass,"),
            "programs.csv": b"",
        },
    )
    done = run_cli("validate", str(folder))
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith(
        "employees.csv:3:position_type: unknown position type (value seen: 'pengawass'; "
        "did you mean 'pengawas'?"
    )
    assert "programs.csv: file is empty" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_run_needs_regions_or_all(sample_dir, tmp_path, capsys):
    assert main(["run", "--data", str(sample_dir), "--out", str(tmp_path / "o")]) == 2
    assert "name at least one region id, or --all" in capsys.readouterr().err
    assert main(["run", "atlantis", "--data", str(sample_dir), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "unknown region 'atlantis'" in err and "ambon" in err
    assert not (tmp_path / "o").exists()


@pytest.mark.notebook
def test_run_all_regions_writes_reports_and_index(sample_dir, tmp_path):
    out = tmp_path / "outputs"
    done = run_cli("run", "--all", "--data", str(sample_dir), "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    for region in SEED_REGIONS:
        html = out / region / "overview.html"
        assert html.is_file() and (out / region / "overview.ipynb").is_file()
        assert f'href="{region}/overview.html"' in index
    # the closing table names every region with its status (one row per region and template)
    table = done.stdout.split("\n\n")[-2]
    rows = table.splitlines()[1:]
    assert sorted({line.split()[0] for line in rows[:-1]}) == SEED_REGIONS
    assert rows[-1].split()[:3] == ["(all)", "comparison", "ok"]  # the regions compared, once
    assert (out / "comparison.html").is_file()
