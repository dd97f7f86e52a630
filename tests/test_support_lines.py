"""support_lines.yml: every region complete and dated, and domain.yml rendered from it."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LINES = yaml.safe_load((ROOT / "support_lines.yml").read_text())
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())


def test_each_region_has_an_emergency_number_and_dated_sourced_lines():
    assert {"us", "uk", "international"} <= set(LINES["regions"])
    for name, region in LINES["regions"].items():
        assert region["emergency"] and region["hint"], name
        for kind in ("crisis", "abuse"):
            line = region[kind]
            assert line["name"] and line["how"] and line["source"].startswith("http"), name
            checked = dt.date.fromisoformat(line["checked"])
            assert checked <= dt.date.today(), f"{name} {kind}: checked in the future"


def test_the_region_slot_offers_exactly_the_regions_of_the_file():
    assert DOMAIN["slots"]["region"]["values"] == list(LINES["regions"])
    assert DOMAIN["slots"]["region"]["initial_value"] == "us"


def test_domain_yml_is_rendered_from_support_lines_yml():
    check = [sys.executable, str(ROOT / "scripts" / "build_support_lines.py"), "--check"]
    assert subprocess.run(check, capture_output=True).returncode == 0


def test_every_region_has_its_own_variation_of_every_safety_response():
    for response in LINES["responses"]:
        variations = DOMAIN["responses"][response]
        conditioned = {v["condition"][0]["value"] for v in variations if "condition" in v}
        assert conditioned == set(LINES["regions"]) - {"us"}
        default = [v["text"] for v in variations if "condition" not in v]
        assert len(default) == 1
