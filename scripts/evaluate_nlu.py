"""Held-out NLU evaluation: intent F1 on messages the model never trained on.

tests/data/nlu_heldout.yml was written apart from data/nlu (different people's wording).
Parses each message with the trained model (the whole pipeline, safety detector included),
prints per-intent precision/recall/F1, the weighted and macro F1, and the confusion pairs.
"""

import argparse
import asyncio
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTITY = re.compile(r"\[([^\]]+)\]\([^)]+\)")  # "[uk](region)" -> "uk"


def load_examples(path: Path) -> list[tuple[str, str]]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pairs = []
    for block in data.get("nlu", []):
        if "intent" not in block:
            continue  # lookup tables and synonyms
        for line in block["examples"].splitlines():
            text = line.strip()
            if text.startswith("- "):
                pairs.append((ENTITY.sub(r"\1", text[2:].strip()), block["intent"]))
    return pairs


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def training_texts() -> set[str]:
    seen = set()
    for path in (ROOT / "data").rglob("*.yml"):
        seen |= {normalise(text) for text, _ in load_examples(path)}
    return seen


def evaluate(model: Path, examples: list[tuple[str, str]]) -> dict:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def parse_all():
        return [await agent.parse_message(text) for text, _ in examples]

    predicted = [p["intent"]["name"] for p in asyncio.run(parse_all())]
    gold = [g for _, g in examples]
    labels = sorted(set(gold))
    per_intent, f1s, weights = {}, [], []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=False) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=False) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=False) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_intent[label] = {"precision": precision, "recall": recall, "f1": f1, "n": tp + fn}
        f1s.append(f1)
        weights.append(tp + fn)
    confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=False) if g != p)
    misses = [(t, g, p) for (t, g), p in zip(examples, predicted, strict=False) if g != p]
    # a safety reply to a message that discloses nothing pauses or closes the user's coaching
    ordinary = [p for g, p in zip(gold, predicted, strict=False) if not g.startswith("disclose_")]
    false_safety = sum(p.startswith("disclose_") for p in ordinary)
    return {
        "false_safety": false_safety,
        "ordinary": len(ordinary),
        "n": len(examples),
        "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=False)) / len(examples),
        "weighted_f1": sum(f * w for f, w in zip(f1s, weights, strict=False)) / sum(weights),
        "macro_f1": sum(f1s) / len(f1s),
        "per_intent": per_intent,
        "confusions": confusions.most_common(),
        "misses": misses,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "coach.tar.gz")
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "data" / "nlu_heldout.yml")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--min-f1", type=float, default=0.0, help="exit 1 below this weighted F1")
    parser.add_argument(
        "--max-false-safety",
        type=float,
        default=1.0,
        help="exit 1 when more than this share of non-disclosure messages get a safety intent",
    )
    args = parser.parse_args()
    examples = load_examples(args.data)
    seen = training_texts()
    unseen = [(t, g) for t, g in examples if normalise(t) not in seen]
    report = evaluate(args.model, unseen)
    print(
        f"Held-out NLU: {report['n']} messages, {len(report['per_intent'])} intents "
        f"({len(examples) - len(unseen)} left out: found verbatim in the training data)"
    )
    print(f"{'intent':30} {'n':>3} {'prec':>6} {'recall':>6} {'f1':>6}")
    for label, m in report["per_intent"].items():
        print(f"{label:30} {m['n']:>3} {m['precision']:6.2f} {m['recall']:6.2f} {m['f1']:6.2f}")
    print(
        f"accuracy {report['accuracy']:.3f}  weighted F1 {report['weighted_f1']:.3f}  "
        f"macro F1 {report['macro_f1']:.3f}"
    )
    share = report["false_safety"] / max(report["ordinary"], 1)
    print(
        f"safety intent on messages that disclose nothing: {report['false_safety']} of "
        f"{report['ordinary']} ({share:.1%})"
    )
    print("confusion pairs (expected -> predicted: count):")
    for (gold, pred), count in report["confusions"]:
        print(f"  {gold} -> {pred}: {count}")
    print("misses:")
    for text, gold, pred in report["misses"]:
        print(f"  [{gold} -> {pred}] {text}")
    if args.json:
        args.json.write_text(
            json.dumps({k: v for k, v in report.items() if k != "misses"}, indent=2, default=str)
        )
    return 1 if report["weighted_f1"] < args.min_f1 or share > args.max_false_safety else 0


if __name__ == "__main__":
    sys.exit(main())
