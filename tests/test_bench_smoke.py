"""`make bench` in miniature: scripts/bench.py --smoke against the trained model and a stock one."""

import json
import subprocess
import sys

import pytest
from conftest import ROOT
from stack import MODEL

pytestmark = pytest.mark.stack


def test_smoke_bench_writes_a_report_with_both_assistants_and_no_errors(tmp_path):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make test` (it trains the model first)")
    figures = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench.py"),
            "--smoke",
            "--out",
            str(tmp_path),
            "--json",
            str(figures),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    report = (tmp_path / "benchmarks.md").read_text()
    assert "| p95 latency, 1 user |" in report and "| turns/s, 2 users |" in report
    assert "coach" in report and "stock" in report
    png = (tmp_path / "bench-latency.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000

    results = json.loads(figures.read_text())
    for name in ("coach", "stock"):
        levels = results["load"][name]["levels"]
        assert set(levels) == {"1", "2"}
        assert all(level["turns"] > 0 and level["errors"] == 0 for level in levels.values())
        assert results["sustained"][name]["errors"] == 0
        assert results["cold_start"][name][0]["rasa"] > 0
    assert results["memory"]["after_load"]["coach"]["actions"] > 0
