"""Rasa's own dialogue test: every test story must be predicted exactly by the trained policies."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RASA = Path(sys.executable).parent / "rasa"


def test_stories_are_predicted_without_a_single_error(tmp_path):
    result = subprocess.run(
        [
            str(RASA),
            "test",
            "core",
            "--model",
            str(ROOT / "models/coach.tar.gz"),
            "--stories",
            str(ROOT / "tests/stories"),
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = (
        failed.read_text() if failed.exists() else result.stdout[-3000:] + result.stderr[-3000:]
    )
    if result.returncode != 0:
        pytest.fail(f"rasa test core failed:\n{details}")
