"""The held-out sets stay held out: no message of four words or more appears in training data.

Short stock replies ("yes", "go back") are bound to coincide; the NLU evaluation leaves out any
held-out message found verbatim in the training data.
"""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def _long(messages: set[str]) -> set[str]:
    return {m for m in messages if len(m.split()) >= 4}


def training_messages() -> set[str]:
    messages = set()
    for path in (ROOT / "data").rglob("*.yml"):
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", []):
            for line in block.get("examples", "").splitlines():
                if line.strip().startswith("- "):
                    messages.add(_norm(line.strip()[2:]))
    return messages


def test_held_out_nlu_messages_are_not_in_training_data():
    heldout = yaml.safe_load((ROOT / "tests/data/nlu_heldout.yml").read_text())["nlu"]
    texts = {
        _norm(line.strip()[2:])
        for block in heldout
        for line in block["examples"].splitlines()
        if line.strip()
    }
    assert not _long(texts) & training_messages()


def test_safety_set_messages_are_not_in_training_data():
    import csv

    with (ROOT / "tests/data/safety_set.csv").open(newline="") as handle:
        texts = {_norm(row["text"]) for row in csv.DictReader(handle)}
    assert not _long(texts) & training_messages()
