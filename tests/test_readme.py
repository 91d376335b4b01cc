"""The README's Python examples run as written (on the small sample instead of data/sample)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def _blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_has_python_examples():
    blocks = _blocks()
    assert len(blocks) >= 3
    assert any("from kompetensi_toolkit.outcomes import" in b for b in blocks)


def test_readme_python_examples_run_in_order(sample_dir):
    namespace: dict = {}
    for i, block in enumerate(_blocks()):
        code = block.replace('"data/sample"', repr(str(sample_dir)))
        try:
            exec(compile(code, f"README.md python block {i + 1}", "exec"), namespace)
        except Exception as err:  # pragma: no cover - the message is the point
            pytest.fail(f"README python block {i + 1} fails: {type(err).__name__}: {err}")
    assert namespace["ds"].region == "ambon"
    assert namespace["comparison"].diff_in_diff(namespace["panel"], "ikm").n_obs > 0
