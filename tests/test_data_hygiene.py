"""The held-out sets stay held out: no message of four words or more appears in training data.

Short stock replies ("yes", "go back") are bound to coincide; the NLU evaluation leaves out any
held-out message found verbatim in the training data.
"""

from pathlib import Path

import pytest
from evaluate_nlu import load_examples, normalise, training_texts

ROOT = Path(__file__).resolve().parent.parent


def _long(messages: set[str]) -> set[str]:
    return {m for m in messages if len(m.split()) >= 4}


@pytest.mark.parametrize("name", ["nlu_heldout.yml", "nlu_inflow_heldout.yml"])
def test_held_out_nlu_messages_are_not_in_training_data(name):
    heldout = load_examples(ROOT / "tests" / "data" / name)
    texts = {normalise(text) for text, _ in heldout}
    assert not _long(texts) & training_texts()


def test_safety_set_messages_are_not_in_training_data():
    import csv

    texts = set()
    paths = sorted((ROOT / "tests" / "data").glob("safety_*.csv"))
    assert len(paths) == 8
    for path in paths:
        with path.open(newline="") as handle:
            texts |= {normalise(row["text"]) for row in csv.DictReader(handle)}
    assert not _long(texts) & training_texts()
