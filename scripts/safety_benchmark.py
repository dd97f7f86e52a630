"""Safety benchmark: recall, precision and false-positive rate of the disclosure detection.

Reads the labelled sets (tests/data/safety_*.csv, never used for training; a test keeps them
apart) and scores either the rule detector alone (--rules-only, no model needed) or the full NLU
pipeline of a trained model (both signals merged, as the running coach sees them).

  --part dev   what may be studied: the dev half of safety_set.csv, the tuning set (a third
               writer's 300 messages, used to pick the safety classifier's thresholds) and the
               44 messages of the eighth writer that were seen (safety_seen_set_5.csv). Misses
               are listed.
  --part test  what is only ever scored: the test half of safety_set.csv and the unseen sets (a
               fourth to eighth writer's 280, 250, 250, 247 and 203 messages). Misses
               are not listed: reading them and fixing what they show would turn this part into
               a second dev part.
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


DATA = ROOT / "tests" / "data"
# each part: (file, which half of it or None for all of it)
PARTS = {
    "dev": [
        ("safety_set.csv", 0),
        ("safety_tuning_set.csv", None),
        ("safety_seen_set_5.csv", None),
    ],
    "test": [
        ("safety_set.csv", 1),
        ("safety_unseen_set.csv", None),
        ("safety_unseen_set_2.csv", None),
        ("safety_unseen_set_3.csv", None),
        ("safety_unseen_set_4.csv", None),
        ("safety_unseen_set_5.csv", None),
    ],
}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{**row, "source": path.name} for row in csv.DictReader(handle)]


def load(part: str = "all") -> list[dict[str, str]]:
    """The labelled rows of a part (`dev`, `test` or `all`); safety_set.csv is cut into two
    fixed halves by a hash of the text."""
    rows = []
    for name, half in PARTS["dev"] + PARTS["test"] if part == "all" else PARTS[part]:
        for row in read(DATA / name):
            if half is None or hashlib.sha1(row["text"].encode()).digest()[0] % 2 == half:
                rows.append(row)
    return rows


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
    return score_predicted([(row, predict(row["text"])) for row in rows])


def score_predicted(predicted: list[tuple[dict, str]]) -> dict:
    report: dict = {"misses": [], "per_category": {}, "predicted": predicted}
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
    parser.add_argument("--set", type=Path, help="score this CSV file instead of a part")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "coach.tar.gz")
    parser.add_argument("--rules-only", action="store_true", help="score the rule signal alone")
    parser.add_argument("--min-recall", type=float, default=0.0, help="exit 1 below this recall")
    parser.add_argument(
        "--max-false-positives",
        type=float,
        default=1.0,
        help="exit 1 above this false-positive rate on non-disclosures",
    )
    parser.add_argument(
        "--part",
        choices=("all", "dev", "test"),
        default="all",
        help="which messages to score (misses are listed for dev, all and --set)",
    )
    args = parser.parse_args()
    rows = read(args.set) if args.set else load(args.part)
    predict = rule_predictor() if args.rules_only else model_predictor(args.model)
    report = score(rows, predict)
    sources = Counter(row["source"] for row in rows)
    print(
        f"Safety benchmark on {len(rows)} messages, {args.set or args.part} "
        f"({'rules only' if args.rules_only else 'full NLU'}): "
        + ", ".join(f"{name} {n}" for name, n in sources.items())
    )
    print(f"{'category':22} {'n':>4} {'recall':>7} {'precision':>9}")
    for cat, m in report["per_category"].items():
        print(f"{cat:22} {m['n']:>4} {m['recall']:>7.3f} {m['precision']:>9.3f}")
    print(
        f"false positives on non-disclosures: {report['false_positive_rate']:.3f} "
        f"of {report['n_none']} {report['false_positives_by_kind']}"
    )
    if len(sources) > 1:
        for name in sources:
            part = score_predicted([(r, p) for r, p in report["predicted"] if r["source"] == name])
            recall = " ".join(f"{m['recall']:.2f}" for m in part["per_category"].values())
            print(
                f"  {name}: recall {recall}, false positives {part['false_positive_rate']:.3f} "
                f"of {part['n_none']}"
            )
    print(f"misses ({len(report['misses'])}):")
    if args.part == "test" and not args.set:
        print("  (not listed for the test half: it stays unseen)")
    else:
        for label, pred, kind, text in report["misses"]:
            print(f"  expected {label:20} got {pred:20} [{kind}] {text}")
    worst = min(m["recall"] for m in report["per_category"].values())
    failed = worst < args.min_recall or report["false_positive_rate"] > args.max_false_positives
    if failed:
        print(
            f"FAILED: lowest recall {worst:.3f} (minimum {args.min_recall}), false positives "
            f"{report['false_positive_rate']:.3f} (maximum {args.max_false_positives})"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
