"""Renders support_lines.yml into the region-specific safety responses in domain.yml.

The responses stay in the domain (so they work without the action server) as conditional
response variations on the `region` slot; this script writes the block between the markers.
`--check` exits 1 if domain.yml is out of date (a test runs it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "support_lines.yml"
DOMAIN = ROOT / "domain.yml"
BEGIN = (
    "  # >>> generated from support_lines.yml by scripts/build_support_lines.py: edit that file\n"
)
END = "  # <<< end of generated support lines\n"
DEFAULT_REGION = "us"


def fields(region: dict) -> dict[str, str]:
    return {
        "region_name": region["name"],
        "hint": region["hint"],
        "emergency": region["emergency"],
        "crisis_name": region["crisis"]["name"],
        "crisis_how": region["crisis"]["how"],
        "abuse_name": region["abuse"]["name"],
        "abuse_how": region["abuse"]["how"],
    }


def render(lines: dict) -> str:
    """The YAML block: each response with one variation per region, the default region last."""
    regions = lines["regions"]
    order = [name for name in regions if name != DEFAULT_REGION] + [DEFAULT_REGION]
    out = [BEGIN, "  # and run make, not this block.\n"]
    for response, template in lines["responses"].items():
        out.append(f"  {response}:\n")
        for name in order:
            text = json.dumps(template.format(**fields(regions[name])), ensure_ascii=False)
            if name == DEFAULT_REGION:
                out.append(f"    - text: {text}\n")
            else:
                out.append("    - condition:\n")
                out.append(f"        - {{type: slot, name: region, value: {name}}}\n")
                out.append(f"      text: {text}\n")
        out.append("\n")
    out.append(END)
    return "".join(out)


def updated_domain(domain: str, block: str) -> str:
    if BEGIN not in domain or END not in domain:
        raise SystemExit(f"domain.yml lacks the generated-block markers:\n{BEGIN}{END}")
    head, rest = domain.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + block + tail


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if domain.yml is stale")
    args = parser.parse_args()
    block = render(yaml.safe_load(SOURCE.read_text()))
    domain = DOMAIN.read_text()
    wanted = updated_domain(domain, block)
    if args.check:
        if wanted != domain:
            print("domain.yml is out of date with support_lines.yml: run make", file=sys.stderr)
            return 1
        return 0
    if wanted != domain:
        DOMAIN.write_text(wanted)
        print("domain.yml: support lines updated from support_lines.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
