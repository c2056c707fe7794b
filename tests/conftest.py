"""Shared test helpers: the repository root and running the CLI as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEED = ROOT / "briefings" / "accsm-20.yaml"


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ARGS` in `cwd` and capture its output."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )


def snapshot(folder: Path, hidden: bool = True) -> dict[str, bytes]:
    """Every file under `folder` (without the generator's hidden bookkeeping files unless `hidden`) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and (hidden or not p.name.startswith("."))}


def require(tool: str, purpose: str = "this check") -> str:
    """The path of a system tool; without it the test skips with the reason printed, but fails under CI=true."""
    path = shutil.which(tool)
    if path is None:
        reason = f"{tool} is not installed: {purpose} did not run"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        print(reason)
        pytest.skip(reason)
    return path


@pytest.fixture
def root() -> Path:
    """The repository root."""
    return ROOT


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--accept`: the golden-file tests rewrite tests/golden/ from the current code instead of comparing."""
    parser.addoption("--accept", action="store_true", default=False,
                     help="rewrite the golden files in tests/golden/ from the current code (make golden)")
