"""The project's own files agree with each other."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _requirement(spec: str) -> tuple[str, str]:
    name, constraint = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", spec).groups()
    return re.sub(r"\[.*\]", "", name).lower().replace("_", "-"), constraint.replace(" ", "")


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [project["dependencies"], *project["optional-dependencies"].values()]
    from_pyproject = dict(_requirement(s) for group in wanted for s in group)
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    from_conda = dict(
        _requirement(s)
        for s in env["dependencies"]
        if isinstance(s, str) and not s.startswith(("python", "pip"))
    )
    pip = next(s["pip"] for s in env["dependencies"] if isinstance(s, dict) and "pip" in s)
    from_pip = dict(_requirement(s) for s in pip if not s.startswith("-"))
    assert not set(from_conda) & set(from_pip), "listed twice in environment.yml"
    assert {**from_conda, **from_pip} == from_pyproject
    python = next(s for s in env["dependencies"] if isinstance(s, str) and s.startswith("python"))
    assert python.replace("python", "") == project["requires-python"]


def test_every_dependency_has_a_lower_bound():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    groups = [project["dependencies"], *project["optional-dependencies"].values()]
    for spec in (s for g in groups for s in g):
        assert ">=" in spec, f"{spec} has no lower bound"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    commands = re.findall(r"^\s*(make \w+)\s*$", readme, flags=re.MULTILINE)
    assert "make test" in commands and "make run" in commands
    assert re.search(r"^make test$", ci, flags=re.MULTILINE)


def test_generated_folders_are_ignored_by_git():
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "data/sample/" in ignored and "outputs/*" in ignored


def test_lazy_top_level_names_resolve():
    import kompetensi_toolkit as kt

    assert set(kt.__all__) == set(kt._LAZY) | {"__version__"}
    for name in kt._LAZY:
        assert callable(getattr(kt, name))
