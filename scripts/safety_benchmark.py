"""Safety benchmark: recall, precision and false-positive rate of the disclosure detection.

Reads the labelled set (tests/data/safety_set.csv, never used for training) and scores
either the rule detector alone (--rules-only, no model needed) or the full NLU pipeline of a
trained model (both signals merged, as the running coach sees them). Prints every miss.
"""

import argparse
import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CATEGORIES = ("abuse", "repeated_infidelity", "self_harm", "boundary")


def load(path: Path, part: str = "all") -> list[dict[str, str]]:
    """The labelled rows; `dev` and `test` are two fixed halves (by a hash of the text).

    Misses on the dev half may be studied to improve detection; the test half is only scored,
    so its figures say how the coach does on messages nobody tuned it for.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if part == "all":
        return rows
    wanted = 0 if part == "dev" else 1
    return [r for r in rows if hashlib.sha1(r["text"].encode()).digest()[0] % 2 == wanted]


def rule_predictor():
    import spacy

    from coach import safety

    nlp = spacy.load(ROOT / "build" / "spacy_en")
    return lambda text: safety.detect([(t.text, t.lemma_) for t in nlp(text)]) or "none"


def model_predictor(model_path: Path):
    import asyncio

    from rasa.core.agent import Agent

    agent = Agent.load(str(model_path))

    def predict(text: str) -> str:
        intent = asyncio.run(agent.parse_message(text))["intent"]["name"] or ""
        return intent.removeprefix("disclose_") if intent.startswith("disclose_") else "none"

    return predict


def score(rows, predict) -> dict:
    predicted = [(row, predict(row["text"])) for row in rows]
    report: dict = {"misses": [], "per_category": {}}
    for cat in CATEGORIES:
        tp = sum(1 for r, p in predicted if r["label"] == cat and p == cat)
        fn = sum(1 for r, p in predicted if r["label"] == cat and p != cat)
        fp = sum(1 for r, p in predicted if r["label"] != cat and p == cat)
        report["per_category"][cat] = {
            "n": tp + fn,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
            "precision": tp / (tp + fp) if tp + fp else 1.0,
        }
    ordinary = [(r, p) for r, p in predicted if r["label"] == "none"]
    by_kind = Counter(r["kind"] for r, p in ordinary if p != "none")
    report["false_positive_rate"] = sum(by_kind.values()) / max(1, len(ordinary))
    report["false_positives_by_kind"] = dict(by_kind)
    report["n_none"] = len(ordinary)
    report["misses"] = [
        (r["label"], p, r["kind"], r["text"]) for r, p in predicted if p != r["label"]
    ]
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", type=Path, default=ROOT / "tests" / "data" / "safety_set.csv")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "coach.tar.gz")
    parser.add_argument("--rules-only", action="store_true", help="score the rule signal alone")
    parser.add_argument("--min-recall", type=float, default=0.0, help="exit 1 below this recall")
    parser.add_argument(
        "--part",
        choices=("all", "dev", "test"),
        default="all",
        help="score one fixed half of the set (misses are listed for dev/all)",
    )
    args = parser.parse_args()
    rows = load(args.set, args.part)
    predict = rule_predictor() if args.rules_only else model_predictor(args.model)
    report = score(rows, predict)
    print(
        f"Safety benchmark on {len(rows)} messages, {args.part} "
        f"({'rules only' if args.rules_only else 'full NLU'})"
    )
    print(f"{'category':22} {'n':>4} {'recall':>7} {'precision':>9}")
    for cat, m in report["per_category"].items():
        print(f"{cat:22} {m['n']:>4} {m['recall']:>7.3f} {m['precision']:>9.3f}")
    print(
        f"false positives on non-disclosures: {report['false_positive_rate']:.3f} "
        f"of {report['n_none']} {report['false_positives_by_kind']}"
    )
    print(f"misses ({len(report['misses'])}):")
    if args.part == "test":
        print("  (not listed for the test half: it stays unseen)")
    else:
        for label, pred, kind, text in report["misses"]:
            print(f"  expected {label:20} got {pred:20} [{kind}] {text}")
    worst = min(m["recall"] for m in report["per_category"].values())
    return 1 if worst < args.min_recall else 0


if __name__ == "__main__":
    sys.exit(main())
